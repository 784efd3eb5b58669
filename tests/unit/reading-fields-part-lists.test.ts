// A table's fields listed under a heading of their own ("### Fields" under "## Entity: Parcel"),
// each written as a name, its rules in brackets and a note in words after a colon
// ("- `weight` (required): number; defaults 0"): the list is the table's columns, as it is under
// a "Fields:" label. A type word alone before a semicolon in the note is the column's type, and
// the parts after it that read as rules are its rules. Also: "null" among the values a note
// lists ("generated or null") is no value of the column.
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { load } from "./helpers.js";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

const PARTS = `# Data Model: parcels

## Entity: Parcel

### Purpose
One parcel a customer sends.

### Fields

- \`id\` (primary key): unique identifier
- \`owner_id\` (required): the customer who sends it
- \`label\` (required): short text; MUST be non-empty
- \`notes\` (optional): free text
- \`fragile\` (required): boolean; defaults false
- \`sent_at\` (optional): timestamp
`;

describe("a Fields heading under an entity's section", () => {
  it("reads its bullets as the entity's columns", async () => {
    const r = await load(PARTS);
    expect(r.ir).not.toBeNull();
    const t = table(r.ir, "parcels");
    expect(t.columns.map((c) => c.name)).toEqual(["id", "owner_id", "label", "notes", "fragile", "sent_at"]);
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("id").primaryKey).toBe(true);
    expect(col("owner_id").nullable).toBe(false);
    expect(col("notes").nullable).toBe(true);
    expect(col("label")).toMatchObject({ nullable: false, minLength: 1 });
    expect(col("fragile")).toMatchObject({ type: { kind: "boolean" }, nullable: false, default: { kind: "literal", value: false } });
    expect(col("sent_at").type.kind).toBe("timestamp");
  });
});

const NULL_NOTE = `# Schema

## shipments

| Column | Type | Constraints | Notes |
|--------|------|-------------|-------|
| id | uuid | PK | |
| carrier | string | NULL | Carrier name (picked later or null) |
| speed | string | NOT NULL | express, standard or null |
| size | string | NOT NULL | small or large |
`;

describe("null among the values a note lists", () => {
  it("is no value: one value left names no list, two or more stay the column's values", async () => {
    const r = await load(NULL_NOTE);
    const t = table(r.ir, "shipments");
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("carrier").type.kind).toBe("string");
    expect(col("speed").type).toMatchObject({ kind: "enum", values: ["express", "standard"] });
    expect(col("size").type).toMatchObject({ kind: "enum", values: ["small", "large"] });
  });
});
