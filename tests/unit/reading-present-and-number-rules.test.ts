// Two classes of stated rules that were kept only in the database or not at all:
// - numbers a column must be one of ("level: 1 | 2 | 3", "one of 5, 10, 20", CHECK (x IN (...)))
//   now reach the request validator too (an `enum` of numbers in the body schema);
// - a date or an instant placed relative to the moment of the request ("must be in the future",
//   "cannot be in the past", "a future date", "not after today"): a CHECK with now() would hold
//   only at insert, so the request validator alone checks it, on create and update, and explain
//   says so.
// Also the wording around them: "cannot be null", "≤ 500 characters", a rule item whose column's
// words are written apart ("Remind at must be ...").
import { describe, expect, it } from "vitest";
import { load, table, column } from "./helpers.js";
import { runtimeBodySchemas } from "../../generator/emit/emit-schemas.js";
import { tableInfo } from "../../generator/emit/table-info.js";
import { brokenWhen } from "../../templates/runtime/validate.js";

const SPEC = `# Errands

## users

- id: text (primary key)

## errands

- id: serial (primary key)
- user_id: text (references users(id) on delete cascade)
- level: 1 | 2 | 3 (default 1)
- size: integer (optional; one of (5, 10, 20))
- grade: smallint (optional, check (grade in (0, 50, 100)))
- note: text (optional, ≤ 500 characters)
- due_on: date (optional, cannot be in the past)
- remind_at: timestamptz (optional)
- finished_at: timestamptz (optional, not in the future)
- opened_on: date (optional, a past date)

**Constraints**:

- user_id cannot be null
- Remind at must be in the future if provided
`;

describe("numbers a column must be one of", () => {
  it("reaches the validator from a union, a list of values and a CHECK, and the database from a CHECK", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "errands");
    expect(column(t, "level").oneOf).toEqual([1, 2, 3]);
    expect(column(t, "size").oneOf).toEqual([5, 10, 20]);
    expect(column(t, "grade").oneOf).toEqual([0, 50, 100]);
    const sql = (t.checks ?? []).map((k) => k.sql.replace(/\s+/g, " ").toLowerCase());
    expect(sql).toEqual(expect.arrayContaining(["level in (1, 2, 3)", "size in (5, 10, 20)", "grade in (0, 50, 100)"]));
    expect(r.diagnostics.filter((d) => d.code === "SF108").map((d) => d.message)).toEqual([]);
    const props = runtimeBodySchemas(tableInfo(r.ir!, t)).create.properties as Record<string, Record<string, unknown>>;
    expect(props.level!.enum).toEqual([1, 2, 3]);
    expect(props.size).toMatchObject({ type: ["integer", "null"], enum: [5, 10, 20, null] });
  });
});

describe("a date or an instant placed relative to the request's moment", () => {
  it("reads the wordings as a rule of the validator alone", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "errands");
    expect(column(t, "due_on").relativeToNow).toBe("not-past");
    expect(column(t, "remind_at").relativeToNow).toBe("future");
    expect(column(t, "finished_at").relativeToNow).toBe("not-future");
    expect(column(t, "opened_on").relativeToNow).toBe("past");
    // No CHECK with now(): it would hold only when the row is written.
    expect((t.checks ?? []).some((k) => /now\(\)|current_date/i.test(k.sql))).toBe(false);
    const props = runtimeBodySchemas(tableInfo(r.ir!, t)).create.properties as Record<string, Record<string, unknown>>;
    expect(props.remind_at!["x-when"]).toEqual({ when: "future", kind: "timestamp" });
    expect(props.due_on!["x-when"]).toEqual({ when: "not-past", kind: "date" });
  });

  it("holds a value to its side of now, a date to today's UTC date", () => {
    const now = new Date("2031-05-10T12:00:00Z");
    expect(brokenWhen({ when: "future", kind: "timestamp" }, "2031-05-10T11:59:59Z", now)).toBe("must be in the future");
    expect(brokenWhen({ when: "future", kind: "timestamp" }, "2031-05-10T12:00:01Z", now)).toBeNull();
    expect(brokenWhen({ when: "not-past", kind: "date" }, "2031-05-10", now)).toBeNull();
    expect(brokenWhen({ when: "not-past", kind: "date" }, "2031-05-09", now)).toBe("must not be in the past");
    expect(brokenWhen({ when: "past", kind: "date" }, "2031-05-10", now)).toBe("must be in the past");
    expect(brokenWhen({ when: "not-future", kind: "timestamp" }, "2031-05-10T12:00:00Z", now)).toBeNull();
  });

  it("warns, quoting it, about the rule on a column that holds no date", async () => {
    const r = await load(SPEC.replace("- note: text (optional, ≤ 500 characters)", "- note: text (optional, must be in the future)"));
    const d = r.diagnostics.filter((x) => x.code === "SF144");
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('"must be in the future"');
    expect(d[0]!.message).toContain("errands.note");
    expect(column(table(r.ir!, "errands"), "note").relativeToNow).toBeUndefined();
  });
});

describe("the wording around them", () => {
  it("reads 'cannot be null' as not null and '≤ N characters' as a length", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "errands");
    expect(column(t, "user_id").nullable).toBe(false);
    expect(column(t, "note").maxLength).toBe(500);
  });

  it("reads 'no HTML tags' and 'must not contain HTML' as a text without angle brackets", async () => {
    const r = await load(SPEC.replace("- note: text (optional, ≤ 500 characters)", "- note: text (optional, max 500 characters, no HTML tags)\n- memo: text (optional, must not contain HTML)"));
    const t = table(r.ir!, "errands");
    expect(column(t, "note").pattern).toBe("^[^<>]*$");
    expect(column(t, "memo").pattern).toBe("^[^<>]*$");
    expect(r.diagnostics.filter((d) => d.code === "SF108").map((d) => d.message)).toEqual([]);
  });
});
