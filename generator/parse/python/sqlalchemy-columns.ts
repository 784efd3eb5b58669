// SQLAlchemy columns and table constraints: `Column(...)` / `mapped_column(...)` calls,
// ForeignKey targets and their delete rules, and `__table_args__` (UniqueConstraint, Index,
// CheckConstraint, PrimaryKeyConstraint, ForeignKeyConstraint).
import { isTable } from "./class-kinds.js";
import { defaultPhrase, serverDefault } from "./defaults.js";
import type { Phrase, TableDraft } from "./drafts.js";
import { dotted, isTrue, kwarg, lastPart, numberOf, positional } from "./expr-helpers.js";
import type { Arg, Call, Expr } from "./expressions.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";
import { ownOrInherited, tableName } from "./tables.js";
import { saType } from "./types.js";
import { COLUMN_IGNORED, ON_DELETE, own } from "./vocabulary.js";

export interface ColumnRead {
  name?: { text: string; at: number };
  type?: { text: string; at: number };
  readonly phrases: Phrase[];
  explicitNull: boolean | null;
  primaryKey: boolean;
  indexAt?: number;
  description?: string;
}

/** `__table_args__ = (UniqueConstraint(...), Index(...), CheckConstraint(...), {...})`. */
export function tableArgs(cx: PythonReader, c: PyClass, t: TableDraft): void {
  const v = ownOrInherited(cx, c, "__table_args__");
  if (!v || v.k === "dict") return;
  const entries = v.k === "seq" ? v.items : [v];
  for (const e of entries) {
    if (e.k === "dict") continue;
    if (e.k !== "call") {
      cx.warn(`${cx.src(e)} in __table_args__ is not understood; it is ignored`, e.s);
      continue;
    }
    tableConstraint(cx, e, t, c);
  }
}

/** A column given as "name", `Task.name` or `name` -> its column name in `t`. */
export function columnRef(e: Expr, t: TableDraft): string | null {
  if (e.k === "str") return e.str.value;
  const d = dotted(e);
  if (!d) return null;
  const field = lastPart(d);
  return t.columns.find((c) => c.field === field)?.name.text ?? field;
}

export function tableConstraint(cx: PythonReader, call: Call, t: TableDraft, c: PyClass | null): void {
  const callee = cx.calleeOf(call);
  const name = kwarg(call, "name")?.value;
  const constraintName = name?.k === "str" ? name.str.value : undefined;
  const cols = (args: readonly Arg[]): string[] | null => {
    const out = args.map((a) => columnRef(a.value, t));
    return out.every((x): x is string => x !== null) ? out : null;
  };
  switch (callee) {
    case "UniqueConstraint":
    case "Index": {
      const args = positional(call);
      const idxName = callee === "Index" && args[0]?.value.k === "str" ? args[0].value.str.value : constraintName;
      const colArgs = callee === "Index" ? args.slice(1) : args;
      const list = cols(colArgs);
      const unique = callee === "UniqueConstraint" || isTrue(kwarg(call, "unique")?.value);
      if (!list || list.length === 0) {
        cx.warn(`${callee} on an expression is not read; it is ignored`, call.s);
        return;
      }
      if (unique && call.args.some((a) => a.name && /_where$/.test(a.name))) {
        cx.warn(`a partial unique ${callee === "Index" ? "index" : "constraint"} is not read (it would forbid more than the spec says); it is ignored`, call.s);
        return;
      }
      t.indexes.push({ columns: list, unique, ...(idxName ? { name: idxName } : {}), span: cx.block.at(call.s) });
      return;
    }
    case "CheckConstraint": {
      const sql = positional(call)[0]?.value ?? kwarg(call, "sqltext")?.value;
      if (sql?.k !== "str" || sql.str.formatted) {
        cx.warn("CheckConstraint without a literal SQL text is not read; it is ignored", call.s);
        return;
      }
      t.checks.push({ expression: cx.raw(sql.str.value.trim(), sql.str.contentAt + (sql.str.value.length - sql.str.value.trimStart().length)), ...(constraintName ? { name: constraintName } : {}), dialect: "postgresql" });
      return;
    }
    case "PrimaryKeyConstraint": {
      const list = cols(positional(call));
      for (const n of list ?? []) {
        const col = t.columns.find((x) => x.name.text === n);
        if (col) {
          col.phrases.push({ text: "primary key", at: call.s, rule: false });
          col.primaryKey = true;
        } else cx.warn(`PrimaryKeyConstraint names "${n}", which is not a column of ${t.name.text}`, call.s);
      }
      return;
    }
    case "ForeignKeyConstraint": {
      const [local, remote] = positional(call).map((a) => a.value);
      const l = local?.k === "seq" ? cols(local.items.map((x) => ({ value: x, s: x.s, e: x.e }))) : null;
      const r = remote?.k === "seq" ? remote.items.map((x) => (x.k === "str" ? x.str.value : dotted(x))) : null;
      if (!l || !r || l.length !== 1 || r.length !== 1 || !r[0]) {
        cx.warn("ForeignKeyConstraint over several columns is not read; it is ignored", call.s);
        return;
      }
      const ref = fkTarget(cx, r[0], c ?? undefined);
      const col = t.columns.find((x) => x.name.text === l[0]);
      if (!ref || !col) {
        cx.warn(`ForeignKeyConstraint ${cx.src(call)} is not understood; it is ignored`, call.s);
        return;
      }
      col.phrases.push({ text: `references ${ref}${onDeleteSuffix(cx, call)}`, at: call.s, rule: false });
      return;
    }
    default:
      cx.warn(`${callee || cx.src(call.fn)} in __table_args__ is not understood; it is ignored`, call.s);
  }
}

export function onDeleteSuffix(cx: PythonReader, call: Call): string {
  const v = kwarg(call, "ondelete")?.value;
  if (v?.k !== "str") return "";
  const od = own(ON_DELETE, v.str.value.trim().toUpperCase());
  if (!od) cx.warn(`ondelete=${cx.src(v)} is not understood; it is ignored`, v.s);
  return od ? ` on delete ${od}` : "";
}

/** "users.id", "public.users.id", `User.id`, `users.c.id` -> "users(id)". */
export function fkTarget(cx: PythonReader, ref: string, from?: PyClass): string | null {
  const parts = ref.split(".").filter((p) => p !== "c");
  if (parts.length < 2) return null;
  const col = parts[parts.length - 1]!;
  const tbl = parts[parts.length - 2]!;
  const cls = cx.lookupClass(tbl, from);
  if (cls && isTable(cx, cls)) {
    return `${tableName(cx, cls).text}(${col})`;
  }
  if (!/^[A-Za-z_]\w*$/.test(tbl) || !/^[A-Za-z_]\w*$/.test(col)) return null;
  return `${tbl}(${col})`;
}

/** `Column(...)` / `mapped_column(...)` / SQLModel's `sa_column=Column(...)`. */
export function columnCall(cx: PythonReader, call: Call, from: PyClass | undefined): ColumnRead {
  const r: ColumnRead = { phrases: [], explicitNull: null, primaryKey: false };
  const fn = cx.calleeOf(call);
  const phrase = (text: string, at: number, rule = false) => r.phrases.push({ text, at, rule });
  positional(call).forEach((a, i) => {
    const v = a.value;
    if (i === 0 && v.k === "str") {
      r.name = { text: v.str.value, at: v.str.contentAt };
      return;
    }
    const callee = cx.calleeOf(v);
    if (callee === "ForeignKey") {
      const fk = v as Call;
      const target = positional(fk)[0]?.value ?? kwarg(fk, "column")?.value;
      const refText = target ? (target.k === "str" ? target.str.value : dotted(target)) : null;
      const ref = refText ? fkTarget(cx, refText, from) : null;
      if (ref) phrase(`references ${ref}${onDeleteSuffix(cx, fk)}`, fk.s);
      else cx.warn(`foreign key ${target ? cx.src(target) : "()"} is not understood`, fk.s);
      return;
    }
    if (callee === "CheckConstraint") {
      const sql = positional(v as Call)[0]?.value;
      if (sql?.k === "str" && !sql.str.formatted) phrase(`check (${sql.str.value.trim()})`, v.s);
      else cx.warn("CheckConstraint without a literal SQL text is not read; it is ignored", v.s);
      return;
    }
    if (callee === "Identity" || callee === "Sequence") {
      phrase("auto increment", v.s);
      return;
    }
    const t = saType(cx, v, from);
    if (t && !r.type) {
      r.type = { text: t, at: v.s };
      return;
    }
    const d = dotted(v.k === "call" ? v.fn : v);
    if (d && /^[A-Z]/.test(lastPart(d)) && !r.type && callee !== "Computed") {
      // A type this reader does not know: passed on as written, for the builder to judge.
      const nums = v.k === "call" ? positional(v).map((x) => numberOf(x.value)).filter((x) => x !== undefined) : [];
      r.type = { text: lastPart(d).toLowerCase() + (nums.length ? `(${nums.join(",")})` : ""), at: v.s };
      return;
    }
    cx.warn(`${cx.src(v)} in ${fn || "the column"} is not understood; it is ignored`, v.s);
  });
  for (const a of call.args) {
    if (!a.name) continue;
    const v = a.value;
    switch (a.name) {
      case "primary_key":
        if (isTrue(v)) {
          phrase("primary key", a.s);
          r.primaryKey = true;
        }
        break;
      case "nullable":
        r.explicitNull = isTrue(v);
        phrase(isTrue(v) ? "nullable" : "not null", a.s);
        break;
      case "unique":
        if (isTrue(v)) phrase("unique", a.s);
        break;
      case "index":
        if (isTrue(v)) r.indexAt = a.s;
        break;
      case "default":
      case "insert_default":
      case "default_factory": {
        const d = defaultPhrase(cx, v, from, a.name === "default_factory" || v.k !== "call");
        if (d) phrase(d, a.s);
        else if (d === null) cx.warn(`default ${cx.src(v)} is not understood`, a.s);
        break;
      }
      case "server_default": {
        const d = serverDefault(v);
        if (d) phrase(d, a.s);
        else cx.warn(`server_default ${cx.src(v)} is not understood`, a.s);
        break;
      }
      case "autoincrement":
        if (isTrue(v)) phrase("auto increment", a.s);
        break;
      case "comment":
      case "doc":
        if (v.k === "str") r.description = v.str.value;
        break;
      case "name":
        if (v.k === "str") r.name = { text: v.str.value, at: v.str.contentAt };
        break;
      case "type_": {
        const t = saType(cx, v, from);
        if (t) r.type = { text: t, at: v.s };
        break;
      }
      default:
        if (!COLUMN_IGNORED.has(a.name)) cx.warn(`${fn || "Column"} argument ${a.name} is not understood; it is ignored`, a.s);
    }
  }
  return r;
}
