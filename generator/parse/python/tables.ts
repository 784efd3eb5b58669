// A model class's table: its name (`__tablename__`, Meta.db_table, or derived from the class
// name), the draft it starts as, and the raw table the draft ends as.
import { plural, words } from "../../base/naming.js";
import type { RawColumn, RawTable } from "../raw.js";
import { attr, djangoMeta, family, isTable, localBases } from "./class-kinds.js";
import type { TableDraft } from "./drafts.js";
import type { Expr } from "./expressions.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";

export function tableName(cx: PythonReader, c: PyClass): { text: string; at: number; derived: boolean } {
  const known = cx.tableNames.get(c);
  if (known) return known;
  const fam = family(cx, c);
  let name: { text: string; at: number; derived: boolean };
  const explicit = fam === "django" ? (djangoMeta(c) ? attr(djangoMeta(c)!, "db_table") : undefined) : ownOrInherited(cx, c, "__tablename__");
  if (explicit?.k === "str" && !explicit.str.formatted) name = { text: explicit.str.value, at: explicit.str.contentAt, derived: false };
  else if (fam === "sqlmodel") name = { text: c.name.toLowerCase(), at: c.nameAt, derived: false };
  else {
    const w = words(c.name);
    if (w.length) w[w.length - 1] = plural(w[w.length - 1]!);
    name = { text: w.join("_"), at: c.nameAt, derived: true };
  }
  cx.tableNames.set(c, name);
  return name;
}

export function ownOrInherited(cx: PythonReader, c: PyClass, name: string, seen = new Set<PyClass>()): Expr | undefined {
  seen.add(c);
  const own = attr(c, name);
  if (own) return own;
  for (const b of localBases(cx, c)) if (!seen.has(b) && !isTable(cx, b)) return ownOrInherited(cx, b, name, seen);
  return undefined;
}

export function startTable(cx: PythonReader, c: PyClass): TableDraft {
  const n = tableName(cx, c);
  if (n.derived) {
    const what = family(cx, c) === "django" ? "Meta.db_table" : "__tablename__";
    cx.note(`class ${c.name} names no ${what}: its table is read as "${n.text}"`, c.nameAt);
  }
  return { name: cx.raw(n.text, n.at), ...(c.doc ? { description: c.doc } : {}), columns: [], indexes: [], checks: [] };
}

export function emit(cx: PythonReader, t: TableDraft): void {
  const columns: RawColumn[] = t.columns.map((c) => ({
    name: c.name,
    type: c.type,
    constraints: (t.fragment ? c.phrases.filter((p) => p.rule) : c.phrases).map((p) => cx.raw(p.text, p.at)),
    ...(c.description && !t.fragment ? { description: c.description } : {}),
  }));
  const table: RawTable = {
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    columns,
    indexes: t.indexes,
    ...(t.checks.length ? { checks: t.checks } : {}),
    notation: "python",
    ...(t.fragment ? { fragment: true } : {}),
  };
  cx.out.tables.push(table);
}
