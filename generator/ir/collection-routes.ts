// Routes on a whole collection that are not plain CRUD, read from the words after the table's
// name: a fixed subset ("GET /tasks/completed", "/tasks/overdue", "/tasks/today"), a count or
// a summary ("GET /tasks/count", "/tasks/stats"), and bulk changes of the caller's rows
// ("DELETE /tasks/completed", "DELETE /tasks", "POST /tasks/bulk-delete", "POST
// /tasks/bulk-complete"). Each word is resolved against the table's columns, never against a
// list of route texts: "archived" is a value of an enum column, a flag, or an `archived_at` time.
import type { Column, RowCondition, Table } from "./types.js";
import { singular, words } from "../base/naming.js";

/** Words that say a row is finished, whichever column says it. */
const DONE = new Set(["completed", "complete", "done", "finished", "closed", "resolved"]);
/** Words for the rows not finished yet. */
const NOT_DONE = new Set(["pending", "incomplete", "uncompleted", "unfinished", "open", "todo", "active", "remaining", "outstanding", "not_completed", "not_done", "undone"]);
/** A column that holds when a row is due. */
const DUE = /^(due|due_date|due_at|due_on|due_by|due_time|deadline|deadline_at|deadline_date|target_date)$/;

const COUNT_WORDS = new Set(["count", "counts", "total", "number"]);
const STATS_WORDS = new Set(["stats", "statistics", "summary", "summaries", "analytics", "overview", "metrics", "insights", "breakdown"]);
/** Words around a bulk route's meaning that add none: "/tasks/completed/all", "/tasks/clear-completed". */
const FILLER = new Set(["all", "clear", "bulk", "batch", "many", "multiple", "delete", "remove", "purge", "by", "tasks", "items", "mass"]);
const BULK = new Set(["bulk", "batch", "many", "multiple", "mass"]);
const DELETE_WORDS = new Set(["delete", "remove", "destroy", "purge", "clear", "erase"]);

function name(c: Column): string {
  return words(c.name).join("_");
}

function isData(c: Column): boolean {
  return c.role === "data";
}

/** "completed" -> complete, completed; "archive" -> archive, archived; the forms a column's name or value may take. */
function forms(w: string): Set<string> {
  const out = new Set([w, `${w}d`, `${w}ed`, w.replace(/e$/, "") + "ed", w.replace(/d$/, ""), w.replace(/ed$/, ""), singular(w)]);
  if (w.endsWith("ies")) out.add(w.slice(0, -3) + "y");
  return out;
}

/** A flag's own word: "is_completed" -> completed, "has_paid" -> paid. */
function flagWord(c: Column): string {
  return name(c).replace(/^(is|has)_/, "");
}

/** The column saying whether a row is finished, and how to keep the rows that are not: a flag false, or a state other than its finished values. */
export function notDone(t: Table): RowCondition[] {
  const flag = t.columns.find((c) => isData(c) && c.type.kind === "boolean" && DONE.has(flagWord(c)));
  if (flag) return [{ column: flag.name, op: "eq", value: false }];
  for (const c of t.columns) {
    if (!isData(c) || c.type.kind !== "enum") continue;
    const done = c.type.values.filter((v) => DONE.has(words(v).join("_")) || /^(cancel+ed|archived)$/.test(words(v).join("_")));
    if (done.some((v) => DONE.has(words(v).join("_")))) return done.map((v) => ({ column: c.name, op: "ne" as const, value: v }));
  }
  const stamp = t.columns.find((c) => isData(c) && c.type.kind === "timestamp" && [...DONE].some((d) => name(c) === `${d}_at`));
  return stamp ? [{ column: stamp.name, op: "null" }] : [];
}

function dueColumn(t: Table): Column | undefined {
  return t.columns.find((c) => isData(c) && (c.type.kind === "date" || c.type.kind === "timestamp") && DUE.test(name(c)));
}

function timeCondition(c: Column, op: "past" | "today" | "future"): RowCondition {
  return c.type.kind === "date" ? { column: c.name, op, date: true } : { column: c.name, op };
}

/**
 * The rows a collection word names, as conditions on the table's columns; null when it names
 * none. "completed" (a flag, a state value, a `completed_at` time), "pending" (the opposite of
 * the finished flag or state), "archived", "starred", "favorites", "overdue", "today", "upcoming".
 */
export function collectionSubset(word: string, t: Table): { where: RowCondition[]; says: string } | null {
  const w = words(word).join("_");
  if (!w) return null;
  const ws = forms(w);
  // A value of an enum column ("in_progress", "archived"); "completed" also finds "done".
  for (const c of t.columns) {
    if (!isData(c) || c.type.kind !== "enum") continue;
    const v = c.type.values.find((x) => ws.has(words(x).join("_")));
    if (v) return { where: [{ column: c.name, op: "eq", value: v }], says: `${c.name} = ${JSON.stringify(v)}` };
  }
  // A flag ("completed", "is_starred", "pinned"; "favorites" for is_favorite).
  const flag = t.columns.find((c) => isData(c) && c.type.kind === "boolean" && ws.has(flagWord(c)));
  if (flag) return { where: [{ column: flag.name, op: "eq", value: true }], says: `${flag.name} = true` };
  // The negation of a flag: "uncompleted", "inactive", "unread".
  const neg = /^(un|in|not_|non_)(.{3,})$/.exec(w);
  if (neg) {
    const pos = forms(neg[2]!);
    const f = t.columns.find((c) => isData(c) && c.type.kind === "boolean" && pos.has(flagWord(c)));
    if (f) return { where: [{ column: f.name, op: "eq", value: false }], says: `${f.name} = false` };
  }
  // A time the state was reached: "archived" -> archived_at is set.
  const stamp = t.columns.find((c) => isData(c) && c.type.kind === "timestamp" && [...ws].some((x) => name(c) === `${x}_at`));
  if (stamp) return { where: [{ column: stamp.name, op: "not-null" }], says: `${stamp.name} is set` };
  // "completed" for a finished flag or state under another word ("done", "is_complete").
  if (DONE.has(w)) {
    const f = t.columns.find((c) => isData(c) && c.type.kind === "boolean" && DONE.has(flagWord(c)));
    if (f) return { where: [{ column: f.name, op: "eq", value: true }], says: `${f.name} = true` };
    for (const c of t.columns) {
      if (!isData(c) || c.type.kind !== "enum") continue;
      const v = c.type.values.find((x) => DONE.has(words(x).join("_")));
      if (v) return { where: [{ column: c.name, op: "eq", value: v }], says: `${c.name} = ${JSON.stringify(v)}` };
    }
    const at = t.columns.find((c) => isData(c) && c.type.kind === "timestamp" && [...DONE].some((d) => name(c) === `${d}_at`));
    if (at) return { where: [{ column: at.name, op: "not-null" }], says: `${at.name} is set` };
  }
  if (NOT_DONE.has(w)) {
    const where = notDone(t);
    if (where.length) return { where, says: `not finished (${describe(where)})` };
  }
  const due = dueColumn(t);
  if (due && /^(overdue|late|past_due|expired)$/.test(w)) {
    const where = [timeCondition(due, "past"), ...notDone(t)];
    return { where, says: `overdue (${describe(where)})` };
  }
  if (due && /^(today|due_today)$/.test(w)) return { where: [timeCondition(due, "today")], says: `due today (${due.name} is today)` };
  if (due && /^(upcoming|future|due_soon|scheduled)$/.test(w)) {
    const where = [timeCondition(due, "future"), ...notDone(t)];
    return { where, says: `upcoming (${describe(where)})` };
  }
  return null;
}

export function describe(where: readonly RowCondition[]): string {
  return where
    .map((c) =>
      c.op === "eq" ? `${c.column} = ${"param" in c ? `{${c.param}}` : "caller" in c ? "the caller" : JSON.stringify(c.value)}`
      : c.op === "ne" ? `${c.column} <> ${JSON.stringify("value" in c ? c.value : null)}`
      : c.op === "null" ? `${c.column} is not set`
      : c.op === "not-null" ? `${c.column} is set`
      : c.op === "past" ? `${c.column} before ${"date" in c && c.date ? "today" : "now"}`
      : c.op === "today" ? `${c.column} today`
      : `${c.column} from ${"date" in c && c.date ? "today" : "now"} on`,
    )
    .join(" and ");
}

/** "count" or "stats" for a collection word that asks for numbers rather than rows. */
export function countWord(seg: string): "count" | "stats" | null {
  const w = words(seg).filter((x) => x !== "task" && x !== "get");
  if (w.length !== 1) return null;
  return COUNT_WORDS.has(w[0]!) ? "count" : STATS_WORDS.has(w[0]!) ? "stats" : null;
}

/** The columns a summary counts by: flags and enum states (not keys, not the owner). */
export function statsGroups(t: Table): string[] {
  return t.columns.filter((c) => isData(c) && !c.references && (c.type.kind === "boolean" || c.type.kind === "enum")).map((c) => c.name);
}

/**
 * The parts of a bulk route's words: `bulk` when they say many ("bulk", "batch", "many"),
 * `deletes` when they say delete, and what remains (the subset or the verb).
 */
export function bulkWords(segs: readonly string[]): { bulk: boolean; deletes: boolean; rest: string[] } {
  const all = segs.flatMap((s) => words(s));
  return {
    bulk: all.some((x) => BULK.has(x)),
    deletes: all.some((x) => DELETE_WORDS.has(x)),
    rest: all.filter((x) => !FILLER.has(x) && !DELETE_WORDS.has(x)),
  };
}

/** The body field listing the keys of a bulk route: the one array-like field the spec's body names (`task_ids`, `ids`), else "ids". */
export function idsFieldOf(body: readonly { name: { text: string } }[] | undefined): string {
  const named = keyListFields(body);
  return named.length === 1 ? named[0]! : "ids";
}

/** The body's fields that name a list of keys ("ids", "task_ids", "taskIds"). */
export function keyListFields(body: readonly { name: { text: string } }[] | undefined): string[] {
  return (body ?? []).map((b) => b.name.text).filter((n) => /(^|_)ids$|Ids$/.test(n));
}

/**
 * The column a path word names before a parameter ("/tasks/status/{status}", "/tasks/by-priority/{p}",
 * "/tasks/category/{category_id}"): a data column a query could compare for equality.
 */
export function filterColumn(seg: string, t: Table): Column | undefined {
  const key = words(seg).filter((x) => x !== "by").join("_");
  if (!key) return undefined;
  const cols = t.columns.filter((c) => (isData(c) || c.references) && c.role !== "owner" && !["json", "bytes", "array", "vector"].includes(c.type.kind));
  return cols.find((c) => name(c) === key) ?? cols.find((c) => c.type.kind === "boolean" && flagWord(c) === key) ?? cols.find((c) => !!c.references && name(c) === `${key}_id`);
}

/** "my-tasks", "mine", "my-own": the caller's rows, which is every row a list serves. */
export function ownWord(seg: string, t: Table): boolean {
  const own = new Set(words(t.name).flatMap((w) => [w, singular(w)]));
  const w = words(seg).filter((x) => !own.has(x));
  return w.length >= 1 && w.every((x) => x === "my" || x === "mine" || x === "own");
}

/**
 * Whether a table holds at most one row per user: its owner column is its key (user_settings
 * keyed by user_id), or is unique (a column flag, or a unique index of it alone and of every row).
 */
export function perUserSingleton(t: Table): boolean {
  if (!t.owner) return false;
  const c = t.columns.find((x) => x.name === t.owner);
  if (!c) return false;
  if ((t.primaryKey === t.owner && !t.keyColumns) || c.unique) return true;
  return t.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === t.owner && !i.where);
}

/** The column that keeps a user's rows in their order: position, sort_order, rank, display_order... (a whole number). */
export function orderColumn(t: Table): Column | undefined {
  const named = /^(position|pos|sort_order|sort_index|sort_key|sort_position|order|ordering|order_index|order_no|rank|ranking|display_order|sequence|seq|ordinal|sort|sort_idx|index|idx)$/;
  return t.columns.find((c) => isData(c) && !c.references && (c.type.kind === "integer" || c.type.kind === "bigint" || c.type.kind === "decimal" || c.type.kind === "float") && named.test(name(c)));
}

/** "reorder", "order", "sort", "reposition", "positions", "move", "rearrange": a route setting the order of the caller's rows. */
export function reorderWord(seg: string): boolean {
  const w = words(seg).join("_");
  return /^(re_?order|reordering|order|ordering|sort|sort_order|re_?sort|re_?position|positions|move|rearrange|rank|re_?rank|set_order|update_order|update_positions)$/.test(w);
}

/** "export", "download", "export.csv", "csv": every one of the caller's rows as a file; the format the words name, if any. */
export function exportWord(seg: string): { format: "csv" | "json" | null } | null {
  const w = words(seg.replace(/\./g, "_"));
  if (!w.length || !w.every((x) => /^(export|exports|download|dump|backup|csv|json)$/.test(x))) return null;
  if (!w.some((x) => /^(export|exports|download|dump|backup)$/.test(x)) && w.length === 1 && w[0] !== "csv") return null;
  return { format: w.includes("csv") ? "csv" : w.includes("json") ? "json" : null };
}

/** "duplicate", "copy", "clone": an item verb that makes a copy of the row. */
export function copyWord(seg: string): boolean {
  return /^(duplicate|copy|clone|dup|fork)$/.test(words(seg).join("_"));
}
