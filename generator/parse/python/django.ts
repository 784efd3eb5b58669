// Django models (`models.Model`): fields and relations as columns, choices and validators as
// rules, Meta options (db_table, unique_together, indexes, constraints with Q objects).
import { plural, words } from "../../base/naming.js";
import { attr, djangoMeta, family, fields, isTable } from "./class-kinds.js";
import { defaultPhrase } from "./defaults.js";
import type { ColDraft, Phrase, TableDraft } from "./drafts.js";
import { enumOf } from "./enums.js";
import { dotted, isTrue, kwarg, lastPart, numberOf, positional } from "./expr-helpers.js";
import type { Call, Expr } from "./expressions.js";
import { oneOfPhrase, patternPhrase } from "./phrases.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";
import { startTable, tableName } from "./tables.js";
import { DJANGO_IGNORED, DJANGO_RELATIONS, DJANGO_TYPES, ON_DELETE, own, RELATION_CALLS, type TypeArgs } from "./vocabulary.js";

export function readDjango(cx: PythonReader, c: PyClass): TableDraft {
  const t = startTable(cx, c);
  for (const { item, owner } of fields(cx, c)) {
    const s = item.stmt;
    if (s.k !== "assign" || s.targets.length !== 1 || s.targets[0]!.k !== "name" || s.value.k !== "call") continue;
    const target = s.targets[0] as Extract<Expr, { k: "name" }>;
    const call = s.value;
    const fn = lastPart(cx.resolve(dotted(call.fn) ?? ""));
    if (fn === "ManyToManyField") {
      cx.note(`${c.name}.${target.id} is a many-to-many relation: its join table is not written in the spec, so it is not read`, target.s);
      continue;
    }
    if (RELATION_CALLS.has(fn) || fn === "Manager" || fn.endsWith("Manager")) continue;
    if (!own(DJANGO_TYPES, fn) && !DJANGO_RELATIONS.has(fn) && fn !== "ArrayField") {
      if (fn.endsWith("Field")) cx.warn(`the field type ${fn} is not understood; ${c.name}.${target.id} is skipped`, call.s);
      continue;
    }
    const col = djangoField(cx, target, call, fn, owner, item.comment);
    if (!col) continue;
    t.columns.push(col.col);
    if (col.indexAt !== undefined) t.indexes.push({ columns: [col.col.name.text], unique: false, span: cx.block.at(col.indexAt) });
  }
  if (!t.columns.some((x) => x.primaryKey)) {
    // Django gives every model without a primary key an "id" that counts up.
    t.columns.unshift({ field: "id", name: cx.raw("id", c.nameAt), type: cx.raw("bigserial", c.nameAt), phrases: [{ text: "primary key", at: c.nameAt, rule: false }], primaryKey: true });
    cx.note(`Django adds "id" (bigint, counting up) to ${c.name} as its primary key`, c.nameAt);
  }
  const meta = djangoMeta(c);
  if (meta) djangoMetaOptions(cx, meta, t);
  return t;
}

export function djangoField(cx: PythonReader, target: Extract<Expr, { k: "name" }>, call: Call, fn: string, owner: PyClass, comment: string | undefined): { col: ColDraft; indexAt?: number } | null {
  const phrases: Phrase[] = [];
  const phrase = (text: string, at: number, rule = false) => phrases.push({ text, at, rule });
  const args: TypeArgs = {
    num: (_i, key) => numberOf(kwarg(call, key)?.value),
    flag: (key) => isTrue(kwarg(call, key)?.value),
  };
  let typeText = "";
  let colName = target.id;
  let description = comment;
  let indexAt: number | undefined;
  let nullable = fn === "NullBooleanField";
  let primaryKey = false;
  // What the field class itself implies (EmailField: an email) comes after what is written, which the builder reads first.
  let implied: string | undefined;
  if (DJANGO_RELATIONS.has(fn)) {
    const to = positional(call)[0]?.value ?? kwarg(call, "to")?.value;
    const ref = to ? djangoTarget(cx, to, owner) : null;
    if (!ref) {
      cx.warn(`the target ${to ? cx.src(to) : "()"} of ${target.id} is not understood; the field is skipped`, call.s);
      return null;
    }
    colName = `${target.id}_id`;
    const toField = kwarg(call, "to_field")?.value;
    const refCol = toField?.k === "str" ? toField.str.value : ref.column;
    typeText = toField?.k === "str" ? "" : ref.type;
    phrase(`references ${ref.table}(${refCol})`, call.s);
    if (fn === "OneToOneField") phrase("unique", call.s);
  } else if (fn === "ArrayField") {
    const base = positional(call)[0]?.value ?? kwarg(call, "base_field")?.value;
    const inner = base?.k === "call" ? own(DJANGO_TYPES, lastPart(dotted(base.fn) ?? "")) : undefined;
    if (!inner || base?.k !== "call") {
      cx.warn(`the element type of ${target.id} is not understood; the field is skipped`, call.s);
      return null;
    }
    const innerArgs: TypeArgs = { num: (_i, key) => numberOf(kwarg(base, key)?.value), flag: () => false };
    typeText = `${inner(innerArgs)[0]}[]`;
    const size = numberOf(kwarg(call, "size")?.value);
    if (size !== undefined) phrase(`at most ${size} items`, kwarg(call, "size")!.s, true);
  } else {
    const [sql, rule] = own(DJANGO_TYPES, fn)!(args);
    typeText = sql;
    implied = rule;
  }
  for (const a of call.args) {
    if (!a.name) continue;
    const v = a.value;
    switch (a.name) {
      case "null":
        nullable = isTrue(v);
        break;
      case "primary_key":
        if (isTrue(v)) {
          phrase("primary key", a.s);
          primaryKey = true;
        }
        break;
      case "unique":
        if (isTrue(v)) phrase("unique", a.s);
        break;
      case "db_index":
        if (isTrue(v)) indexAt = a.s;
        break;
      case "db_column":
        if (v.k === "str") colName = v.str.value;
        break;
      case "help_text":
      case "db_comment":
        if (v.k === "str") description = v.str.value;
        break;
      case "auto_now":
      case "auto_now_add":
        if (isTrue(v)) phrase("default now()", a.s);
        break;
      case "default":
      case "db_default": {
        const d = defaultPhrase(cx, v, owner, a.name === "default" && v.k !== "call");
        if (d) phrase(d, a.s);
        else if (d === null) cx.warn(`default ${cx.src(v)} is not understood`, a.s);
        break;
      }
      case "choices": {
        const values = choiceValues(cx, v, owner);
        if (values === "integer") break;
        const p = values ? oneOfPhrase(values) : null;
        if (p) phrase(p, a.s, true);
        else cx.warn(`choices ${cx.src(v)} are not understood; they are ignored`, a.s);
        break;
      }
      case "validators":
        djangoValidators(cx, v, phrases);
        break;
      case "on_delete": {
        const d = lastPart(dotted(v) ?? "");
        const od = own(ON_DELETE, d);
        if (od) phrase(`on delete ${od}`, a.s);
        else cx.warn(`on_delete=${cx.src(v)} is not supported; the key gets no delete rule`, a.s);
        break;
      }
      case "to":
      case "to_field":
      case "max_length":
      case "max_digits":
      case "decimal_places":
      case "base_field":
      case "size":
        break;
      default:
        if (!DJANGO_IGNORED.has(a.name)) cx.warn(`${fn} argument ${a.name} is not understood; it is ignored`, a.s);
    }
  }
  if (implied) phrase(implied, call.s, true);
  if (!primaryKey) phrase(nullable ? "nullable" : "not null", call.s);
  return {
    col: {
      field: target.id,
      name: cx.raw(colName, target.s),
      type: cx.raw(typeText, call.s),
      phrases,
      ...(description ? { description } : {}),
      primaryKey,
    },
    ...(indexAt !== undefined ? { indexAt } : {}),
  };
}

/** `ForeignKey(User)`, `"User"`, `"app.User"`, `"self"`, `settings.AUTH_USER_MODEL` -> the referenced table, key column and type. */
export function djangoTarget(cx: PythonReader, e: Expr, owner: PyClass): { table: string; column: string; type: string } | null {
  let name: string | null = e.k === "str" ? e.str.value : e.k === "call" ? dotted(e.fn) : dotted(e);
  if (!name) return null;
  if (name === "self") name = owner.name;
  // The project's user model: this block's User, else the users table.
  if (/AUTH_USER_MODEL$|(^|\.)get_user_model$/.test(name)) name = cx.lookupClass("User") ? "User" : "auth.User";
  const simple = lastPart(name);
  const cls = cx.lookupClass(simple, owner);
  if (cls && family(cx, cls) === "django" && isTable(cx, cls)) {
    const pk = djangoPrimaryKey(cx, cls);
    return { table: tableName(cx, cls).text, column: pk.column, type: pk.type };
  }
  const w = words(simple);
  if (w.length === 0) return null;
  w[w.length - 1] = plural(w[w.length - 1]!);
  return { table: w.join("_"), column: "id", type: "" };
}

export function djangoPrimaryKey(cx: PythonReader, c: PyClass): { column: string; type: string } {
  for (const { item } of fields(cx, c)) {
    const s = item.stmt;
    if (s.k !== "assign" || s.value.k !== "call" || s.targets[0]?.k !== "name" || !isTrue(kwarg(s.value, "primary_key")?.value)) continue;
    const fn = lastPart(dotted(s.value.fn) ?? "");
    const make = own(DJANGO_TYPES, fn);
    const sql = make ? make({ num: (_i, key) => numberOf(kwarg(s.value as Call, key)?.value), flag: () => false })[0] : "";
    const col = kwarg(s.value, "db_column")?.value;
    return { column: col?.k === "str" ? col.str.value : s.targets[0].id, type: sql.replace(/^bigserial$/, "bigint").replace(/^serial$/, "integer").replace(/^smallserial$/, "smallint") };
  }
  return { column: "id", type: "bigint" };
}

/** `Status.choices`, `[("a", "A"), ...]`, `STATUS_CHOICES` -> the stored values; "integer" for numbered choices. */
export function choiceValues(cx: PythonReader, v: Expr, owner: PyClass): string[] | "integer" | null {
  if (v.k === "attr" && v.name === "choices") {
    const en = enumOf(cx, lastPart(dotted(v.obj) ?? ""), owner);
    if (!en) return null;
    return en.integer ? "integer" : en.values.map((x) => x.text);
  }
  const d = dotted(v);
  const seq = d ? (attr(owner, d) ?? cx.consts.get(d)) : v;
  if (!seq || seq.k !== "seq") return null;
  const out: string[] = [];
  for (const item of seq.items) {
    const first = item.k === "seq" ? item.items[0] : undefined;
    if (first?.k === "str") out.push(first.str.value);
    else if (first && numberOf(first) !== undefined) return "integer";
    else return null;
  }
  return out;
}

export function djangoValidators(cx: PythonReader, v: Expr, phrases: Phrase[]): void {
  if (v.k !== "seq") return;
  for (const item of v.items) {
    const callee = item.k === "call" ? lastPart(dotted(item.fn) ?? "") : lastPart(dotted(item) ?? "");
    const arg = item.k === "call" ? (positional(item)[0]?.value ?? kwarg(item, "limit_value")?.value ?? kwarg(item, "regex")?.value) : undefined;
    const n = numberOf(arg);
    let text: string | null = null;
    if (callee === "MinValueValidator" && n !== undefined) text = `min ${n}`;
    else if (callee === "MaxValueValidator" && n !== undefined) text = `max ${n}`;
    else if (callee === "MinLengthValidator" && n !== undefined) text = `min length ${n}`;
    else if (callee === "MaxLengthValidator" && n !== undefined) text = `max length ${n}`;
    else if (callee === "RegexValidator" && arg?.k === "str") text = patternPhrase(arg.str.value);
    else if (callee === "EmailValidator" || callee === "validate_email") text = "format email";
    else if (callee === "URLValidator") text = "format uri";
    else if (callee === "validate_slug") text = "pattern '^[-a-zA-Z0-9_]+$'";
    if (text) phrases.push({ text, at: item.s, rule: true });
    else cx.warn(`the validator ${cx.src(item)} is not understood; it is ignored`, item.s);
  }
}

export function djangoMetaOptions(cx: PythonReader, meta: PyClass, t: TableDraft): void {
  const colOf = (field: string): string => t.columns.find((x) => x.field === field)?.name.text ?? field;
  const fieldList = (e: Expr | undefined): string[] | null => {
    if (!e || e.k !== "seq") return null;
    const out = e.items.map((x) => (x.k === "str" ? colOf(x.str.value.replace(/^-/, "")) : null));
    return out.every((x): x is string => x !== null) ? out : null;
  };
  for (const { stmt: s } of meta.body) {
    if (s.k !== "assign" || s.targets[0]?.k !== "name") continue;
    const key = s.targets[0].id;
    const v = s.value;
    if (key === "unique_together" || key === "index_together") {
      const groups = v.k === "seq" && v.items.every((x) => x.k === "seq") ? v.items : [v];
      for (const g of groups) {
        const cols = fieldList(g);
        if (cols && cols.length) t.indexes.push({ columns: cols, unique: key === "unique_together", span: cx.block.at(g.s) });
        else cx.warn(`${key} ${cx.src(g)} is not understood; it is ignored`, g.s);
      }
    } else if ((key === "indexes" || key === "constraints") && v.k === "seq") {
      for (const item of v.items) {
        if (item.k !== "call") {
          cx.warn(`${cx.src(item)} in Meta.${key} is not understood; it is ignored`, item.s);
          continue;
        }
        const callee = lastPart(dotted(item.fn) ?? "");
        const nameV = kwarg(item, "name")?.value;
        const name = nameV?.k === "str" ? nameV.str.value : undefined;
        if (callee === "Index" || callee === "UniqueConstraint") {
          const cols = fieldList(kwarg(item, "fields")?.value);
          if (!cols || cols.length === 0) cx.warn(`${callee} on expressions is not read; it is ignored`, item.s);
          else if (callee === "UniqueConstraint" && kwarg(item, "condition")) cx.warn("a conditional UniqueConstraint is not read (it would forbid more than the spec says); it is ignored", item.s);
          else t.indexes.push({ columns: cols, unique: callee === "UniqueConstraint", ...(name ? { name } : {}), span: cx.block.at(item.s) });
        } else if (callee === "CheckConstraint") {
          const q = kwarg(item, "check")?.value ?? kwarg(item, "condition")?.value;
          const sql = q ? qToSql(q, colOf) : null;
          if (!sql || !q) cx.warn(`the condition of ${name ?? "this CheckConstraint"} is not understood; it is ignored`, item.s);
          else t.checks.push({ expression: cx.raw(sql, q.s), ...(name ? { name } : {}), dialect: "postgresql" });
        } else cx.warn(`${callee} in Meta.${key} is not understood; it is ignored`, item.s);
      }
    }
  }
}

/** `Q(price__gt=0) & ~Q(status="x")` -> `price > 0 AND NOT (status = 'x')`; null when a lookup is not known. */
export function qToSql(e: Expr, colOf: (field: string) => string): string | null {
  if (e.k === "bin" && (e.op === "&" || e.op === "|")) {
    const l = qToSql(e.l, colOf);
    const r = qToSql(e.r, colOf);
    return l && r ? `(${l} ${e.op === "&" ? "AND" : "OR"} ${r})` : null;
  }
  if (e.k === "unary" && e.op === "~") {
    const x = qToSql(e.x, colOf);
    return x ? `NOT (${x})` : null;
  }
  if (e.k !== "call" || lastPart(dotted(e.fn) ?? "") !== "Q") return null;
  const parts: string[] = [];
  for (const a of e.args) {
    if (!a.name) {
      const x = qToSql(a.value, colOf);
      if (!x) return null;
      parts.push(x);
      continue;
    }
    const m = /^([A-Za-z_]\w*?)(?:__(exact|gt|gte|lt|lte|in|isnull|range))?$/.exec(a.name);
    if (!m || m[1]!.includes("__")) return null;
    const col = colOf(m[1]!);
    const value = (x: Expr): string | null => {
      const n = numberOf(x);
      if (n !== undefined) return n;
      if (x.k === "str") return `'${x.str.value.replace(/'/g, "''")}'`;
      if (x.k === "const" && (x.v === "True" || x.v === "False")) return x.v.toLowerCase();
      if (x.k === "call" && lastPart(dotted(x.fn) ?? "") === "F" && x.args[0]?.value.k === "str") return colOf(x.args[0].value.str.value);
      return null;
    };
    const op = m[2] ?? "exact";
    if (op === "isnull") {
      parts.push(`${col} IS ${isTrue(a.value) ? "" : "NOT "}NULL`);
      continue;
    }
    if (op === "in" || op === "range") {
      if (a.value.k !== "seq") return null;
      const vals = a.value.items.map(value);
      if (vals.some((x) => x === null)) return null;
      parts.push(op === "in" ? `${col} IN (${vals.join(", ")})` : `${col} BETWEEN ${vals[0]} AND ${vals[1]}`);
      continue;
    }
    const v = value(a.value);
    if (v === null) return null;
    parts.push(`${col} ${{ exact: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" }[op]} ${v}`);
  }
  return parts.length ? parts.join(" AND ") : null;
}
