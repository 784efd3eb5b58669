// A table pasted from MySQL's DESCRIBE: "| Field | Type | Null | Key | Default | Extra |", where
// "NULL" under Default on a NO-null column means no default and the Extra column may say
// DEFAULT_GENERATED. Before, such columns were "not null, default null" (a create without the
// value was accepted by the validator and refused by the database), and DEFAULT_GENERATED was a
// default "_GENERATED" not understood (SF118).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

describe("tables pasted from DESCRIBE", () => {
  it("reads NULL under Default on a NO-null column as no default, and skips DEFAULT_GENERATED", async () => {
    const r = await load(`# Schema

## members

| Field | Type | Null | Key | Default | Extra |
|---|---|---|---|---|---|
| id | int(11) | NO | PRI | NULL | auto_increment |
| handle | varchar(40) | NO | UNI | NULL | |
| bio | text | YES | | NULL | |
| joined_at | timestamp | NO | | CURRENT_TIMESTAMP | DEFAULT_GENERATED |
`);
    expect(r.diagnostics.filter((d) => d.code === "SF118")).toEqual([]);
    const t = r.ir!.tables.find((x) => x.name === "members")!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("handle")).toMatchObject({ nullable: false, unique: true, default: null });
    expect(col("bio").nullable).toBe(true);
    expect(col("joined_at")).toMatchObject({ nullable: false, default: { kind: "now" } });
  });
});
