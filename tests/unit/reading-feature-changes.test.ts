// A later feature's model changes tables an earlier one made ("### Modify: `x` table", an
// ALTER TABLE), and the cells such models write: "CHECK 0-6", "TIMESTAMP WITH TZ", "FK (from JWT)".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import { load, table } from "./helpers.js";

const tmp = mkdtempSync(path.join(tmpdir(), "specforge-changes-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("tables headed by the change a feature makes", () => {
  const FIRST = `# Data model: lockers

### New: \`lockers\` table

| Column | Type | Constraints | Description |
|--------|------|-------------|-------------|
| id | INTEGER | PRIMARY KEY | Locker |
| code | TEXT | NOT NULL | Printed code |
| floor | INTEGER | CHECK 0-6 | Floor it stands on |
| opened_at | TIMESTAMP WITH TZ | NOT NULL, DEFAULT NOW() | Last opened |
`;
  const SECOND = `# Data model: rentals

### Modify: \`lockers\` table

\`\`\`sql
ALTER TABLE lockers ADD COLUMN rented INTEGER NOT NULL DEFAULT 0;
\`\`\`

### New: \`rentals\` table

| Column | Type | Constraints | Description |
|--------|------|-------------|-------------|
| id | INTEGER | PRIMARY KEY | Rental |
| locker_id | INTEGER | NOT NULL, FK(lockers) | Locker rented |
| days | INTEGER | CHECK 1..30 | Length |
`;

  it("reads the tables under 'New:' and 'Modify:' headings, and an earlier feature's table takes a later feature's ALTER", async () => {
    const dir = path.join(tmp, "lockers");
    for (const [rel, text] of [["specs/001-lockers/data-model.md", FIRST], ["specs/002-rentals/data-model.md", SECOND]] as const) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["lockers", "rentals"]);
    const lockers = table(r.ir!, "lockers");
    expect(lockers.columns.map((c) => c.name)).toEqual(["id", "code", "floor", "opened_at", "rented"]);
    expect(table(r.ir!, "rentals").columns.find((c) => c.name === "locker_id")!.references).toMatchObject({ table: "lockers" });
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
  });

  it("reads 'CHECK 0-6' as a range and 'WITH TZ' as part of the timestamp type", async () => {
    const r = await load(FIRST + SECOND.replace(/^# .*$/m, "").replace(/```sql[\s\S]*?```/, ""));
    const lockers = table(r.ir!, "lockers");
    expect(lockers.columns.find((c) => c.name === "floor")).toMatchObject({ minimum: 0, maximum: 6 });
    expect(lockers.checks ?? []).toEqual([]);
    expect(lockers.columns.find((c) => c.name === "opened_at")!.type).toEqual({ kind: "timestamp" });
    expect(table(r.ir!, "rentals").columns.find((c) => c.name === "days")).toMatchObject({ minimum: 1, maximum: 30 });
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});

describe("a key said to come from the token", () => {
  const SPEC = (cell: string, notes: string) => `# Model

## users

| Field | Type | Constraints | Notes |
|---|---|---|---|
| id | uuid | PK | |

## notes

| Field | Type | Constraints | Notes |
|---|---|---|---|
| id | uuid | PK | |
| user_id | uuid | ${cell} | ${notes} |
| body | text | not null | |
`;

  it("reads 'FK (from JWT)' as a foreign key named by the column", async () => {
    const r = await load(SPEC("not null, FK (from JWT), indexed", ""));
    expect(table(r.ir!, "notes").columns.find((c) => c.name === "user_id")!.references).toMatchObject({ table: "users", column: "id" });
    expect(r.diagnostics.filter((d) => d.code === "SF104" || d.code === "SF108")).toEqual([]);
  });

  it("reads a bare FK in the notes so too, and says so (no warning) when no table is named by the column", async () => {
    const r = await load(SPEC("not null", "FK (from JWT), indexed"));
    expect(table(r.ir!, "notes").columns.find((c) => c.name === "user_id")!.references).toMatchObject({ table: "users", column: "id" });
    const r2 = await load(SPEC("not null", "Identifier of the shelf it sits on (foreign key reference)").replace("| user_id |", "| shelf_id |"));
    expect(table(r2.ir!, "notes").columns.find((c) => c.name === "shelf_id")!.references).toBeNull();
    expect(r2.diagnostics.filter((d) => d.code === "SF116")).toEqual([]);
    expect(r2.notes.some((n) => /calls it a foreign key, but no table is named so/.test(n.message))).toBe(true);
  });
});
