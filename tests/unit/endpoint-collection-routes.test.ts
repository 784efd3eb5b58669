// Routes on the whole collection, named by a word after the table's name, resolved against the
// table's columns: a subset (a flag, its negation, an enum value, a `<state>_at` time, "overdue"
// and "today" over the due column), a count or a summary, a bulk delete (a subset, the listed
// keys, or everything), a bulk set named by a verb. Each is read the same in another table
// whose columns say the same thing in other words; a word no column explains stays a 501.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data model

## users
- \`id\` (uuid, PK)

## notes
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`body\` (text, required)
- \`is_pinned\` (boolean, default false)
- \`archived_at\` (timestamp, nullable)

## errands
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`label\` (string, required)
- \`state\` (enum: todo, doing, done)
- \`deadline\` (timestamp, nullable)

## bills
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`amount\` (decimal)
- \`is_paid\` (boolean, default false)
- \`due_date\` (date)
`;

const api = (lines: string[]) => `# API\n\n| Method | Path | Description |\n|---|---|---|\n${lines.map((l) => `| ${l.split(" ")[0]} | ${l.split(" ")[1]} | ${l.split(" ").slice(2).join(" ") || "-"} |`).join("\n")}\n`;

async function endpoints(lines: string[]) {
  const r = await load(SCHEMA, api(lines));
  const on = (p: string) => {
    const e = r.ir!.endpoints.find((x) => `${x.method.toUpperCase()} ${x.path}` === p);
    if (!e) throw new Error(`no endpoint ${p}`);
    return e;
  };
  return { r, on };
}

describe("a subset of the caller's rows named by a word", () => {
  it("reads flags, their negation, enum values, state times, overdue and today, under any prefix", async () => {
    const { on } = await endpoints([
      "GET /notes/pinned", "GET /notes/unpinned", "GET /notes/archived",
      "GET /v1/errands/doing", "GET /v1/errands/done", "GET /v1/errands/open", "GET /v1/errands/overdue", "GET /v1/errands/today",
      "GET /api/bills/paid", "GET /api/bills/unpaid", "GET /api/bills/overdue",
    ]);
    const fixed = (p: string) => {
      const e = on(p);
      expect(e.action.kind).toBe("list");
      return e.list!.fixed;
    };
    expect(fixed("GET /notes/pinned")).toEqual([{ column: "is_pinned", op: "eq", value: true }]);
    expect(fixed("GET /notes/unpinned")).toEqual([{ column: "is_pinned", op: "eq", value: false }]);
    expect(fixed("GET /notes/archived")).toEqual([{ column: "archived_at", op: "not-null" }]);
    expect(fixed("GET /v1/errands/doing")).toEqual([{ column: "state", op: "eq", value: "doing" }]);
    expect(fixed("GET /v1/errands/done")).toEqual([{ column: "state", op: "eq", value: "done" }]);
    expect(fixed("GET /v1/errands/open")).toEqual([{ column: "state", op: "ne", value: "done" }]);
    expect(fixed("GET /v1/errands/overdue")).toEqual([{ column: "deadline", op: "past" }, { column: "state", op: "ne", value: "done" }]);
    expect(fixed("GET /v1/errands/today")).toEqual([{ column: "deadline", op: "today" }]);
    expect(fixed("GET /api/bills/paid")).toEqual([{ column: "is_paid", op: "eq", value: true }]);
    expect(fixed("GET /api/bills/unpaid")).toEqual([{ column: "is_paid", op: "eq", value: false }]);
    // A date column compares with today's date, not the current time.
    expect(fixed("GET /api/bills/overdue")).toEqual([{ column: "due_date", op: "past", date: true }]);
  });

  it("does not read a word as a subset where the spec makes it a collection of its own (it has item routes)", async () => {
    const { on } = await endpoints(["GET /errands/doing", "GET /errands/doing/{doingId}"]);
    expect(on("GET /errands/doing").action.kind).toBe("stub");
  });

  it("keeps a word no column explains a 501, with the reason", async () => {
    const { on } = await endpoints(["GET /notes/trending", "GET /bills/today"]);
    expect(on("GET /notes/trending").action.kind).toBe("stub");
    // bills have a due date: today is read; notes have none.
    expect(on("GET /bills/today").action.kind).toBe("list");
  });
});

describe("a column compared with a path parameter, and the caller's own rows by name", () => {
  it("reads /<column>/{value} and by-<column>, as a list or a count; my-<table> is the caller's list", async () => {
    const { on } = await endpoints(["GET /errands/state/{state}", "GET /bills/by-paid/{flag}", "GET /errands/count/state/{s}", "GET /notes/my-notes", "GET /errands/label/{x}/extra"]);
    expect(on("GET /errands/state/{state}").list!.fixed).toEqual([{ column: "state", op: "eq", param: "state" }]);
    expect(on("GET /errands/state/{state}").idParam).toBeNull();
    expect(on("GET /bills/by-paid/{flag}").list!.fixed).toEqual([{ column: "is_paid", op: "eq", param: "flag" }]);
    expect(on("GET /errands/count/state/{s}").action).toEqual({ kind: "count", where: [{ column: "state", op: "eq", param: "s" }], groups: [], summary: false });
    expect(on("GET /notes/my-notes").action.kind).toBe("list");
    expect(on("GET /notes/my-notes").list!.fixed).toBeUndefined();
  });
});

describe("numbers about the caller's rows", () => {
  it("counts, summarizes by flags and states, and counts a subset", async () => {
    const { on } = await endpoints(["GET /errands/count", "GET /errands/stats", "GET /bills/summary", "GET /bills/unpaid/count", "GET /notes/total"]);
    expect(on("GET /errands/count").action).toMatchObject({ kind: "count", where: [], groups: [], summary: false });
    expect(on("GET /errands/stats").action).toMatchObject({ kind: "count", where: [], groups: ["state"], summary: true });
    expect(on("GET /bills/summary").action).toMatchObject({ kind: "count", where: [], groups: ["is_paid"], summary: true });
    expect(on("GET /bills/unpaid/count").action).toMatchObject({ kind: "count", where: [{ column: "is_paid", op: "eq", value: false }], groups: [], summary: false });
    expect(on("GET /notes/total").action.kind).toBe("count");
  });
});

describe("bulk routes on the caller's rows", () => {
  it("deletes a subset, everything, or the listed keys (the body's field name when the spec gives one)", async () => {
    const { on } = await endpoints([
      "DELETE /errands/done", "DELETE /notes", "DELETE /notes/bulk", "POST /bills/batch-delete", "POST /errands/clear-done", "DELETE /bills/paid/all",
    ]);
    expect(on("DELETE /errands/done").action).toEqual({ kind: "delete-many", where: [{ column: "state", op: "eq", value: "done" }], idsField: null });
    expect(on("DELETE /notes").action).toEqual({ kind: "delete-many", where: [], idsField: null });
    expect(on("DELETE /notes/bulk").action).toEqual({ kind: "delete-many", where: [], idsField: "ids" });
    expect(on("POST /bills/batch-delete").action).toEqual({ kind: "delete-many", where: [], idsField: "ids" });
    expect(on("POST /errands/clear-done").action).toEqual({ kind: "delete-many", where: [{ column: "state", op: "eq", value: "done" }], idsField: null });
    expect(on("DELETE /bills/paid/all").action).toEqual({ kind: "delete-many", where: [{ column: "is_paid", op: "eq", value: true }], idsField: null });
    expect(on("DELETE /notes").successStatus).toBe(200);
  });

  it("sets the column a verb names on the listed rows; a bulk change of any fields is a change of each listed row", async () => {
    const { on } = await endpoints(["POST /bills/bulk-pay", "PATCH /notes/batch-pin", "POST /errands/bulk-archive", "PATCH /notes/bulk"]);
    expect(on("POST /bills/bulk-pay").action).toMatchObject({ kind: "update-many", field: "is_paid", value: true, idsField: "ids" });
    expect(on("PATCH /notes/batch-pin").action).toMatchObject({ kind: "update-many", field: "is_pinned", value: true });
    expect(on("POST /errands/bulk-archive").action.kind).toBe("stub");
    expect(on("PATCH /notes/bulk").action).toEqual({ kind: "update-each", max: 100 });
  });

  it("never changes many rows of a table nobody owns", async () => {
    const shared = `${SCHEMA}\n## colours\n- \`id\` (serial, PK)\n- \`name\` (string)\n\nShared: read-write\n`;
    const r = await load(shared, api(["DELETE /colours", "DELETE /colours/bulk"]));
    for (const p of ["/colours", "/colours/bulk"]) expect(r.ir!.endpoints.find((e) => e.method === "delete" && e.path === p)!.action.kind).toBe("stub");
    expect(r.diagnostics.some((d) => d.code === "SF205")).toBe(true);
  });
});
