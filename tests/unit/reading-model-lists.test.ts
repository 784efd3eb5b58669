// Field lists, index lists and placeholder rows as data-model documents write them under an
// entity: each a class of notation, in our own small specs.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

describe("index lists in prose", () => {
  const SPEC = `# Model

## accounts

| Field | Type | Constraints | Notes |
|---|---|---|---|
| id | uuid | not null | |
| handle | varchar(30) | not null | |
| joined_at | timestamp | not null | |

**Indexes**:
- Primary key on \`id\`
- Unique index on \`handle\` (case-insensitive)
- Index on \`joined_at\` (newest first in listings)

## parcels

| Field | Type | Constraints | Notes |
|---|---|---|---|
| id | serial | PK | |
| account_id | uuid | not null, references accounts(id) | |
| sent_on | date | | |
| weight | integer | | |

**Indexes**:
- \`idx_parcels_account\` on \`account_id\`
- \`idx_parcels_account_sent\` on \`(account_id, sent_on)\`
- ix_parcels_weight on weight — heaviest first
- Composite index on \`(account_id, weight)\` for the scale report
`;

  it("reads a name then 'on' and its columns, a closing remark in parentheses, and the key stated again", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const accounts = table(r.ir!, "accounts");
    expect(accounts.primaryKey).toBe("id");
    expect(accounts.indexes.map((i) => `${i.unique ? "unique " : ""}(${i.columns.join(", ")})`)).toEqual(["unique (handle)", "(joined_at)"]);
    const parcels = table(r.ir!, "parcels");
    expect(parcels.indexes.map((i) => `${i.name}: (${i.columns.join(", ")})`)).toEqual([
      "idx_parcels_account: (account_id)",
      "idx_parcels_account_sent: (account_id, sent_on)",
      "ix_parcels_weight: (weight)",
      expect.stringMatching(/: \(account_id, weight\)$/),
    ]);
  });

  it("does not take a name 'on' words that are not the table's columns for an index", async () => {
    const r = await load(SPEC.replace("- ix_parcels_weight on weight — heaviest first", "- rebuild on demand"));
    expect(r.diagnostics.filter((d) => d.code === "SF113").map((d) => d.message)).toEqual(['index "rebuild on demand" is not understood']);
  });
});

describe("a field list under an entity heading", () => {
  const SPEC = `# Model

## Entities

### Board
- id: string (uuid)
- title: string
- visibility: enum (private, team, public)
- stage: Enum (DRAFT, LIVE), default DRAFT

### Pin
- id
- board_id
- caption
- pinned_at: timestamp
`;

  it("keeps the values in parentheses after enum as the enum's own", async () => {
    const r = await load(SPEC);
    const board = table(r.ir!, "boards");
    expect(board.columns.find((c) => c.name === "visibility")!.type).toMatchObject({ kind: "enum", values: ["private", "team", "public"] });
    expect(board.columns.find((c) => c.name === "stage")!.type).toMatchObject({ kind: "enum", values: ["DRAFT", "LIVE"] });
    expect(board.columns.find((c) => c.name === "stage")!.default).toEqual({ kind: "literal", value: "DRAFT" });
    expect(r.diagnostics.filter((d) => d.code === "SF108" || d.code === "SF122")).toEqual([]);
  });

  it("reads a bare name among the fields as a column whose type is inferred", async () => {
    const r = await load(SPEC);
    const pin = table(r.ir!, "pins");
    expect(pin.columns.map((c) => c.name)).toEqual(["id", "board_id", "caption", "pinned_at"]);
    expect(pin.primaryKey).toBe("id");
    expect(pin.columns.find((c) => c.name === "board_id")!.references).toMatchObject({ table: "boards" });
    expect(r.diagnostics.filter((d) => d.code === "SF113" || d.code === "SF109")).toEqual([]);
  });
});

describe("a placeholder row in a field table", () => {
  it("skips '...' (the list goes on elsewhere) without a warning", async () => {
    const r = await load("# M\n\n## tags\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | serial | PK |\n| label | text | not null |\n| ... | ... | ... |\n");
    expect(table(r.ir!, "tags").columns.map((c) => c.name)).toEqual(["id", "label"]);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
  });
});
