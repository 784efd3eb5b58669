// Pydantic request bodies (`class TaskCreate(BaseModel)`): read as a fragment of the table
// they are about, holding only their fields' value rules.
import { plural, snakeCase, words } from "../../base/naming.js";
import { fields, isTable } from "./class-kinds.js";
import type { TableDraft } from "./drafts.js";
import { sqlModelField } from "./sqlmodel.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";
import { emit, tableName } from "./tables.js";
import { AUTH_BODY, BODY_PREFIXES, BODY_SUFFIXES } from "./vocabulary.js";

export function readBodyModel(cx: PythonReader, c: PyClass): void {
  const target = bodyTarget(cx, c);
  if (!target) return;
  const t: TableDraft = { name: cx.raw(target, c.nameAt), columns: [], indexes: [], checks: [], fragment: true };
  for (const { item, owner } of fields(cx, c)) {
    if (item.stmt.k !== "ann") continue;
    const col = sqlModelField(cx, item.stmt, undefined, owner, t, "body");
    if (col && col.phrases.some((p) => p.rule)) t.columns.push(col);
  }
  if (t.columns.length === 0) return;
  cx.note(`${c.name} is a request body model: its rules are read for table "${target}"`, c.nameAt);
  emit(cx, t);
}

/** The table a body model is about: `TaskCreate` -> tasks, `UserInDB` -> users, `RegisterRequest` -> users. */
export function bodyTarget(cx: PythonReader, c: PyClass): string | null {
  const w = words(c.name);
  if (AUTH_BODY.test(w.join("_"))) return tableFor(cx, ["user"]) ?? "users";
  while (w.length > 1 && BODY_SUFFIXES.has(w[w.length - 1]!)) w.pop();
  while (w.length > 1 && BODY_PREFIXES.has(w[0]!)) w.shift();
  if (w.length === 0 || (w.length === 1 && (BODY_SUFFIXES.has(w[0]!) || BODY_PREFIXES.has(w[0]!)))) return null;
  const found = tableFor(cx, w);
  if (found) return found;
  w[w.length - 1] = plural(w[w.length - 1]!);
  return w.join("_");
}

/** The table of a table class of this block whose name is these words. */
export function tableFor(cx: PythonReader, w: readonly string[]): string | null {
  const key = w.join("_");
  for (const c of cx.classes.values()) if (snakeCase(c.name) === key && isTable(cx, c) && !c.problem) return tableName(cx, c).text;
  return null;
}
