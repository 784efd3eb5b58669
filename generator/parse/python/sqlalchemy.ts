// SQLAlchemy models: declarative classes (`Mapped[...] = mapped_column(...)`, classic
// `Column(...)`), `Table("name", metadata, ...)` calls and module-level `Index(...)` calls.
import { fields, isTable } from "./class-kinds.js";
import type { TableDraft } from "./drafts.js";
import { dotted, isTrue, kwarg, lastPart, positional } from "./expr-helpers.js";
import type { Call, Expr } from "./expressions.js";
import { columnCall, type ColumnRead, tableArgs, tableConstraint } from "./sqlalchemy-columns.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";
import { emit, startTable, tableName } from "./tables.js";
import { pyType } from "./types.js";
import { COLUMN_CALLS, RELATION_CALLS } from "./vocabulary.js";

export function readSqlAlchemy(cx: PythonReader, c: PyClass): TableDraft {
  const t = startTable(cx, c);
  for (const { item, owner } of fields(cx, c)) {
    const s = item.stmt;
    let target: Expr | undefined;
    let ann: Expr | undefined;
    let value: Expr | undefined;
    if (s.k === "ann") ({ target, ann, value } = s);
    else if (s.k === "assign" && s.targets.length === 1) {
      target = s.targets[0];
      value = s.value;
    }
    if (!target || target.k !== "name" || target.id.startsWith("_")) continue;
    const callee = cx.calleeOf(value);
    if (RELATION_CALLS.has(callee)) continue;
    const mapped = ann && ann.k === "sub" && lastPart(dotted(ann.obj) ?? "") === "Mapped";
    if (value && !COLUMN_CALLS.has(callee)) continue;
    if (!value && !mapped) continue;
    const ty = ann ? pyType(cx, ann, owner, "table") : undefined;
    if (!value && ty?.relation) continue;
    if (ty?.classVar) continue;
    const col = value?.k === "call" ? columnCall(cx, value, owner) : { phrases: [], explicitNull: null, primaryKey: false } as ColumnRead;
    if (!col.type && ty?.relation && !col.phrases.some((p) => p.text.startsWith("references"))) continue;
    const name = col.name ?? { text: target.id, at: target.s };
    const phrases = [...(ty?.rules ?? []), ...col.phrases];
    if (col.explicitNull === null && !col.primaryKey) {
      // SQLAlchemy 2.0: Mapped[str] is NOT NULL, Mapped[str | None] nullable; a bare Column is nullable.
      if (mapped && ann) phrases.push({ text: ty!.optional ? "nullable" : "not null", at: ann.s, rule: false });
      else phrases.push({ text: "nullable", at: value?.s ?? target.s, rule: false });
    }
    if (col.indexAt !== undefined) t.indexes.push({ columns: [name.text], unique: false, span: cx.block.at(col.indexAt) });
    const type = col.type ?? (ty && ty.sql ? { text: ty.sql === "string" ? "varchar" : ty.sql, at: ann!.s } : { text: "", at: ann?.s ?? name.at });
    t.columns.push({
      field: target.id,
      name: cx.raw(name.text, name.at),
      type: cx.raw(type.text, type.at),
      phrases,
      ...(col.description ?? item.comment ? { description: (col.description ?? item.comment)! } : {}),
      primaryKey: col.primaryKey,
    });
  }
  tableArgs(cx, c, t);
  return t;
}

/** `users = Table("users", metadata, Column("id", Integer, primary_key=True), ...)`. */
export function readTableCall(cx: PythonReader, call: Call): void {
  const args = positional(call);
  const first = args[0]?.value;
  if (first?.k !== "str") {
    cx.warn("Table(...) without a literal name is not read", call.s);
    return;
  }
  const t: TableDraft = { name: cx.raw(first.str.value, first.str.contentAt), columns: [], indexes: [], checks: [] };
  for (const a of args.slice(2)) {
    const v = a.value;
    if (v.k !== "call") continue;
    if (!COLUMN_CALLS.has(cx.calleeOf(v))) {
      tableConstraint(cx, v, t, null);
      continue;
    }
    const col = columnCall(cx, v, undefined);
    if (!col.name) {
      cx.warn("a Column of Table(...) without a literal name is not read", v.s);
      continue;
    }
    if (col.explicitNull === null && !col.primaryKey) col.phrases.push({ text: "nullable", at: v.s, rule: false });
    if (col.indexAt !== undefined) t.indexes.push({ columns: [col.name.text], unique: false, span: cx.block.at(col.indexAt) });
    t.columns.push({
      field: col.name.text,
      name: cx.raw(col.name.text, col.name.at),
      type: cx.raw(col.type?.text ?? "", col.type?.at ?? v.s),
      phrases: col.phrases,
      ...(col.description ? { description: col.description } : {}),
      primaryKey: col.primaryKey,
    });
  }
  emit(cx, t);
}

/** `Index("ix_tasks_user", Task.user_id, Task.created_at)` written after the classes. */
export function readModuleIndex(cx: PythonReader, call: Call): void {
  const args = positional(call);
  const name = args[0]?.value.k === "str" ? args[0].value.str.value : undefined;
  const cols = args.slice(1).map((a) => dotted(a.value));
  const owners = [...new Set(cols.map((d) => (d && d.includes(".") ? d.slice(0, d.lastIndexOf(".")) : null)))];
  const cls = owners.length === 1 && owners[0] ? cx.lookupClass(owners[0]) : undefined;
  if (!cls || !isTable(cx, cls) || cols.some((d) => !d)) {
    cx.warn("Index(...) outside a class is read only on columns of one model class (Index(\"name\", Task.a, Task.b)); it is ignored", call.s);
    return;
  }
  cx.out.indexes.push({
    columns: cols.map((d) => lastPart(d!)),
    unique: isTrue(kwarg(call, "unique")?.value),
    ...(name ? { name } : {}),
    table: tableName(cx, cls).text,
    span: cx.block.at(call.s),
  });
}
