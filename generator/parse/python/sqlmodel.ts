// SQLModel table classes: each annotated field with its `Field(...)` keywords (keys, indexes,
// defaults, value rules, `sa_column=`/`sa_type=`) read as a column.
import { fields } from "./class-kinds.js";
import { defaultPhrase } from "./defaults.js";
import type { ColDraft, FieldRead, TableDraft, TypeRead } from "./drafts.js";
import { isTrue, numberOf } from "./expr-helpers.js";
import type { Arg, Call } from "./expressions.js";
import { oneOfPhrase } from "./phrases.js";
import { columnCall, tableArgs } from "./sqlalchemy-columns.js";
import type { PythonReader } from "./state.js";
import type { Stmt } from "./statements.js";
import type { PyClass } from "./structure.js";
import { startTable } from "./tables.js";
import { pyType, rulePhrase, saType } from "./types.js";
import { FIELD_IGNORED, ON_DELETE, own, RELATION_CALLS } from "./vocabulary.js";

export function readSqlModel(cx: PythonReader, c: PyClass): TableDraft {
  const t = startTable(cx, c);
  for (const { item, owner } of fields(cx, c)) {
    if (item.stmt.k !== "ann") continue;
    const col = sqlModelField(cx, item.stmt, item.comment, owner, t, "table");
    if (col) t.columns.push(col);
  }
  tableArgs(cx, c, t);
  return t;
}

/** One annotated field of a SQLModel class (or a Pydantic model when `mode` is "body"). */
export function sqlModelField(cx: PythonReader, s: Extract<Stmt, { k: "ann" }>, comment: string | undefined, owner: PyClass, t: TableDraft, mode: "table" | "body"): ColDraft | null {
  if (s.target.k !== "name" || s.target.id.startsWith("_")) return null;
  const name = s.target.id;
  const v = s.value;
  if (v && RELATION_CALLS.has(cx.calleeOf(v))) return null;
  const ty = pyType(cx, s.ann, owner, mode);
  if (ty.classVar || ty.relation) return null;
  const f: FieldRead = { phrases: [...ty.rules], explicitNull: null, hasDefault: false };
  if (comment) f.description = comment;
  for (const call of ty.fieldCalls) fieldArgs(cx, call, f, ty, mode, owner);
  if (v) {
    const callee = cx.calleeOf(v);
    if (callee === "Field" && v.k === "call") fieldArgs(cx, v, f, ty, mode, owner);
    else {
      const d = defaultPhrase(cx, v, owner, false);
      if (d) f.phrases.push({ text: d, at: v.s, rule: false });
      else if (d === null && mode === "table") cx.warn(`default ${cx.src(v)} is not understood`, v.s);
      f.hasDefault = true;
    }
  }
  let typeText = ty.sql;
  let typeAt = s.ann.s;
  if (f.saType) {
    const st = saType(cx, f.saType, owner);
    if (st) {
      typeText = st;
      typeAt = f.saType.s;
    }
  }
  if (f.saColumn) {
    const col = columnCall(cx, f.saColumn, owner);
    if (col.type) {
      typeText = col.type.text;
      typeAt = col.type.at;
    }
    f.phrases.push(...col.phrases.filter((p) => p.text !== "nullable" && p.text !== "not null"));
    if (col.explicitNull !== null) f.explicitNull = col.explicitNull;
    if (col.indexAt !== undefined) f.indexAt = col.indexAt;
    if (col.description) f.description = col.description;
  }
  if (f.maxDigits !== undefined && typeText === "decimal") typeText = f.decimalPlaces !== undefined ? `decimal(${f.maxDigits},${f.decimalPlaces})` : `decimal(${f.maxDigits})`;
  if (mode === "body") {
    if (ty.values) {
      const p = oneOfPhrase(ty.values.list);
      if (p) f.phrases.unshift({ text: p, at: ty.values.at, rule: true });
    }
    return { field: name, name: cx.raw(name, s.target.s), type: cx.raw("", s.ann.s), phrases: f.phrases, primaryKey: false };
  }
  if (f.indexAt !== undefined) t.indexes.push({ columns: [name], unique: false, span: cx.block.at(f.indexAt) });
  // Pydantic: a field is required (not null) unless it is Optional or has a default of None.
  const nullable = f.explicitNull ?? (ty.optional || (f.hasDefault && v?.k === "const" && v.v === "None"));
  f.phrases.push({ text: nullable ? "nullable" : "not null", at: s.ann.s, rule: false });
  return {
    field: name,
    name: cx.raw(name, s.target.s),
    type: cx.raw(typeText, typeAt),
    phrases: f.phrases,
    ...(f.description ? { description: f.description } : {}),
    primaryKey: f.phrases.some((p) => p.text === "primary key"),
  };
}

/** The keywords of a SQLModel / Pydantic `Field(...)`. */
export function fieldArgs(cx: PythonReader, call: Call, f: FieldRead, ty: TypeRead, mode: "table" | "body", owner: PyClass): void {
  const phrase = (text: string, a: Arg, rule = false) => f.phrases.push({ text, at: a.s, rule });
  for (const a of call.args) {
    if (a.star) continue;
    const v = a.value;
    if (!a.name) {
      // Field("x"): the default; Field(...): required.
      const d = v.k === "const" && v.v === "..." ? undefined : defaultPhrase(cx, v, owner, false);
      if (d) {
        phrase(d, a);
        f.hasDefault = true;
      }
      continue;
    }
    const k = a.name;
    const rule = rulePhrase(cx, k, v, ty.list ?? false);
    if (rule) {
      phrase(rule, a, true);
      continue;
    }
    if (rule === null) {
      cx.warn(`Field argument ${k}=${cx.src(v)} is not understood; it is ignored`, a.s);
      continue;
    }
    switch (k) {
      case "primary_key":
        if (isTrue(v)) phrase("primary key", a);
        break;
      case "unique":
        if (isTrue(v)) phrase("unique", a);
        break;
      case "nullable":
        f.explicitNull = isTrue(v);
        break;
      case "index":
        if (isTrue(v)) f.indexAt = a.s;
        break;
      case "foreign_key": {
        const ref = v.k === "str" ? /^(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(v.str.value) : null;
        if (ref) phrase(`references ${ref[1]}(${ref[2]})`, a);
        else cx.warn(`foreign key ${cx.src(v)} is not understood`, a.s);
        break;
      }
      case "ondelete":
      case "on_delete": {
        const od = v.k === "str" ? own(ON_DELETE, v.str.value.trim().toUpperCase()) : undefined;
        if (od) phrase(`on delete ${od}`, a);
        else cx.warn(`${k}=${cx.src(v)} is not understood; it is ignored`, a.s);
        break;
      }
      case "default": {
        const d = defaultPhrase(cx, v, owner, false);
        if (d) {
          phrase(d, a);
          f.hasDefault = true;
        } else if (d === undefined) f.hasDefault = true;
        else if (mode === "table") cx.warn(`default ${cx.src(v)} is not understood`, a.s);
        break;
      }
      case "default_factory": {
        const d = defaultPhrase(cx, v, owner, true);
        if (d) phrase(d, a);
        else if (mode === "table") cx.warn(`default_factory ${cx.src(v)} is not understood`, a.s);
        f.hasDefault = true;
        break;
      }
      case "description":
        if (v.k === "str") f.description = v.str.value;
        break;
      case "sa_column":
        if (v.k === "call") f.saColumn = v;
        break;
      case "sa_type":
        f.saType = v;
        break;
      case "max_digits":
        f.maxDigits = numberOf(v);
        break;
      case "decimal_places":
        f.decimalPlaces = numberOf(v);
        break;
      default:
        if (!FIELD_IGNORED.has(k)) cx.warn(`Field argument ${k} is not understood; it is ignored`, a.s);
    }
  }
}
