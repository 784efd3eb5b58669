// SQLite DDL keeps times as text filled by its date functions and makes random keys from
// randomblob: `created_at TEXT NOT NULL DEFAULT (datetime('now'))` is a time set on insert, and
// `id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16))))` a key the database makes. Before, both
// defaults were "not understood" (SF118) and dropped: the key had to come from the client and the
// time stayed text with no default.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";

const SCHEMA = `# Greenhouse

\`\`\`sql
CREATE TABLE IF NOT EXISTS growers (
    id          TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
    email       TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS trays (
    id          TEXT PRIMARY KEY DEFAULT (hex(randomblob(8))),
    grower_id   TEXT NOT NULL REFERENCES growers(id) ON DELETE CASCADE,
    sown_on     TEXT NOT NULL DEFAULT (date('now')),
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    stamped     TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now', 'utc')),
    note        TEXT DEFAULT 'now'
);
\`\`\`
`;

describe("SQLite defaults", () => {
  it("reads the time now, today and a random key, and the time columns as times and dates", async () => {
    const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
    expect(r.diagnostics.filter((d) => d.code === "SF118" || d.code === "SF117").map((d) => d.message)).toEqual([]);
    const trays = r.ir!.tables.find((t) => t.name === "trays")!;
    const col = (n: string) => trays.columns.find((c) => c.name === n)!;
    expect(col("id").default).toEqual({ kind: "uuid" });
    expect(r.ir!.tables.find((t) => t.name === "growers")!.columns[0]!.default).toEqual({ kind: "uuid" });
    expect([col("created_at").type.kind, col("created_at").default, col("created_at").role]).toEqual(["timestamp", { kind: "now" }, "created_at"]);
    expect([col("stamped").type.kind, col("stamped").default]).toEqual(["timestamp", { kind: "now" }]);
    expect([col("sown_on").type.kind, col("sown_on").default]).toEqual(["date", { kind: "now" }]);
    // A quoted 'now' is a word, not a function.
    expect([col("note").type.kind, col("note").default]).toEqual(["text", { kind: "literal", value: "now" }]);
  });
});
