// A column that marks rows deleted (deleted_at, deletedAt, is_deleted) states soft delete, which
// the generated routes do not do: the rule is a warning at the column, saying what the app does
// instead, never a silent hard delete. A column that only looks alike (a text "deleted_by", an
// "archived_at") is no such rule.
import { describe, expect, it } from "vitest";
import { load, pos, where } from "./helpers.js";

const spec = (cols: string) => `## users

- id: text (primary key)

## folders

- id: serial (primary key)
- user_id: text (references users(id), not null)
- name: varchar(80) (not null)
${cols}
`;

const warnings = async (md: string) => (await load(md)).diagnostics.filter((d) => d.code === "SF108").map((d) => [where(d), d.message]);

describe("soft delete stated by a column", () => {
  it("is a warning at a deleted_at timestamp, quoting what its description says", async () => {
    const md = spec("- removed_on: date\n- deleted_at: timestamptz (nullable) — soft delete: hidden from lists");
    expect(await warnings(md)).toEqual([
      [pos(md, "deleted_at"), '"folders.deleted_at" marks soft-deleted rows (its description: "soft delete: hidden from lists"), which the app does not do: DELETE removes the row, and lists and gets return rows whose deleted_at is set'],
    ]);
  });

  it("is a warning at a camelCase stamp and at a boolean flag", async () => {
    const md = spec("- deletedAt: DateTime?\n- is_deleted: boolean (not null, default false)");
    expect((await warnings(md)).map(([at, m]) => [at, m!.slice(0, m!.indexOf(" marks"))])).toEqual([
      [pos(md, "deletedAt"), '"folders.deletedAt"'],
      [pos(md, "is_deleted"), '"folders.is_deleted"'],
    ]);
  });

  it("is no warning for columns that only look alike", async () => {
    expect(await warnings(spec("- deleted_by: text\n- archived_at: timestamptz (nullable)\n- deleted_count: integer"))).toEqual([]);
  });
});
