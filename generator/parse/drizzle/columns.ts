// A Drizzle table's columns: the properties of its columns object (spreads and shorthands
// included), references to other tables' columns (`users.id`), and each column's builder chain
// read into its name, type and constraints.
import type TS from "typescript";
import { snakeCase } from "../../base/naming.js";
import type { RawText } from "../raw.js";
import type { ColumnTypes } from "./column-types.js";
import type { DrizzleBlock } from "./context.js";
import type { Declarations } from "./declarations.js";
import type { Syntax } from "./syntax.js";

const ON_ACTION: Readonly<Record<string, string>> = { cascade: "cascade", "set null": "set null", restrict: "restrict", "no action": "no action" };
/** Chained column methods that change nothing the generator reads. */
const IGNORED_METHODS = new Set(["$type", "$comment"]);

export interface TableInfo {
  readonly name: string;
  /** Property key -> column name. */
  readonly keys: ReadonlyMap<string, string>;
}

export interface ColumnState {
  readonly key: string;
  readonly name: RawText;
  type: string;
  readonly typeAt: number;
  readonly constraints: RawText[];
  notNull: boolean;
  readonly description?: string;
}

/** Property key -> column name for the columns object (reads `...spread` of a constant object too). */
interface Prop {
  readonly key: string;
  readonly keyAt: number;
  readonly expr: TS.Expression;
  readonly node: TS.Node;
}

/** The column readers of one block; `tables` (table variable -> name and columns) is read only when a reference is resolved. */
export function columnReaders(cx: DrizzleBlock & Syntax & Declarations & ColumnTypes & { tables: ReadonlyMap<string, TableInfo> }) {
  const { ts, sf, start, raw, warn, note, unwrap, str, propName, prop, isTrue, unchain, returned, describe, vars, tables, typeOf, defaultOf, defaultFnOf } = cx;
  const columnsObject = (e: TS.Expression | undefined): TS.ObjectLiteralExpression | null => {
    if (!e) return null;
    const u = unwrap(e);
    if (ts.isObjectLiteralExpression(u)) return u;
    const r = returned(u);
    return r && ts.isObjectLiteralExpression(r) ? r : null;
  };
  /** The column properties, spreads of constant objects and shorthands included; `report` warns about what cannot be read. */
  const propsOf = (obj: TS.ObjectLiteralExpression, report: boolean, seen: ReadonlySet<string> = new Set()): Prop[] => {
    const list: Prop[] = [];
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = propName(p.name);
        if (key !== null) list.push({ key, keyAt: start(p.name), expr: p.initializer, node: p });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        const init = vars.get(p.name.text);
        if (init) list.push({ key: p.name.text, keyAt: start(p.name), expr: init, node: p });
        else if (report) warn(`the column ${p.name.text} is defined outside this block; it is skipped`, start(p));
      } else if (ts.isSpreadAssignment(p)) {
        const u = unwrap(p.expression);
        const name = ts.isIdentifier(u) ? u.text : null;
        const target = name && !seen.has(name) ? vars.get(name) : undefined;
        if (name && target && ts.isObjectLiteralExpression(target)) list.push(...propsOf(target, report, new Set([...seen, name])));
        else if (report) warn(`the columns spread from ${p.expression.getText(sf)} are not defined in this block; they are missing`, start(p));
      }
    }
    return list;
  };
  const columnName = (pr: Prop): { text: string; at: number } => {
    const c = unchain(pr.expr);
    return (c && str(c.args[0])) || { text: pr.key, at: pr.keyAt };
  };

  /** `users.id` -> the table and column it names (a guess from the names when `users` is not in this block). */
  const resolveColumn = (e: TS.Expression, self?: { param: string | null; table: TableInfo; varName?: string }): { table: string; column: string; key: string } | null => {
    let u = unwrap(e);
    // t.createdAt.desc(), t.title.op('gin_trgm_ops'): the column is what the call is made on.
    while (ts.isCallExpression(u) && ts.isPropertyAccessExpression(unwrap(u.expression))) u = unwrap((unwrap(u.expression) as TS.PropertyAccessExpression).expression);
    if (!ts.isPropertyAccessExpression(u)) return null;
    const obj = unwrap(u.expression);
    if (!ts.isIdentifier(obj)) return null;
    const key = u.name.text;
    if (self && (obj.text === self.param || obj.text === self.varName)) {
      const col = self.table.keys.get(key);
      return col === undefined ? null : { table: self.table.name, column: col, key };
    }
    const known = tables.get(obj.text);
    if (known) {
      const col = known.keys.get(key);
      if (col === undefined) {
        warn(`${obj.text}.${key} names no column of the table "${known.name}"; the reference is skipped`, start(u));
        return null;
      }
      return { table: known.name, column: col, key };
    }
    const table = snakeCase(obj.text);
    const column = snakeCase(key);
    note(`${obj.text} is not defined in this block: taken to be the table "${table}", with its columns' names in snake_case`, start(u));
    return { table, column, key };
  };

  const onActions = (onDelete: string | undefined, onUpdate: string | undefined, at: number): string => {
    const parts: string[] = [];
    if (onDelete !== undefined) {
      const v = ON_ACTION[onDelete.toLowerCase()];
      if (v) parts.push(`on delete ${v}`);
      else warn(`onDelete '${onDelete}' is not supported; the key gets no delete rule`, at);
    }
    if (onUpdate !== undefined && ON_ACTION[onUpdate.toLowerCase()]) parts.push(`on update ${ON_ACTION[onUpdate.toLowerCase()]}`);
    return parts.length ? " " + parts.join(" ") : "";
  };

  const readColumn = (pr: Prop, tableLabel: string): ColumnState | null => {
    const c = unchain(pr.expr);
    const where = `${tableLabel}.${pr.key}`;
    if (!c) {
      warn(`the column ${where} is not a column builder call; it is skipped`, start(pr.expr));
      return null;
    }
    let type = typeOf(c, where);
    if (type === null) return null;
    const n = str(c.args[0]);
    const col: ColumnState = {
      key: pr.key,
      name: n ? raw(n.text, n.at) : raw(pr.key, pr.keyAt),
      type,
      typeAt: start(c.nameNode),
      constraints: [],
      notNull: false,
      ...(describe(pr.node) ? { description: describe(pr.node)! } : {}),
    };
    const push = (t: string, node: TS.Node) => col.constraints.push(raw(t, start(node)));
    // serial columns count up by themselves and are never null.
    if (/^(small|big)?serial$/.test(type)) col.notNull = true;
    for (const m of c.methods) if (m.name === "array") type += "[]";
    col.type = type;
    for (const m of c.methods) {
      const at = start(m.node);
      switch (m.name) {
        case "array":
          break;
        case "primaryKey":
          push("primary key", m.node);
          col.notNull = true;
          if (isTrue(prop(m.args[0], "autoIncrement"))) push("auto increment", m.node);
          break;
        case "notNull":
          push("not null", m.node);
          col.notNull = true;
          break;
        case "unique":
          push("unique", m.node);
          break;
        case "default": {
          const d = defaultOf(m.args[0], type);
          if (d) push(d, m.node);
          else warn(`the default ${m.args[0]?.getText(sf) ?? "()"} of ${where} is not understood; it is ignored`, at);
          break;
        }
        case "defaultNow":
          push("default now()", m.node);
          break;
        case "defaultRandom":
          push("default gen_random_uuid()", m.node);
          break;
        case "$defaultFn":
        case "$default": {
          const d = defaultFnOf(m.args[0], type);
          if (!d) warn(`the default function ${m.args[0]?.getText(sf) ?? "()"} of ${where} is not understood; the column gets no default`, at);
          else {
            push(d.text, m.node);
            if (d.note) note(`${where} gets its id from the application (${d.note}); read as a random UUID (gen_random_uuid())`, at);
          }
          break;
        }
        case "$onUpdate":
        case "$onUpdateFn":
        case "onUpdateNow":
          note(`${where} is set by the application on every update (.${m.name}); it is not read as a rule`, at);
          break;
        case "references": {
          const target = returned(m.args[0]);
          const ref = target ? resolveColumn(target, undefined) : null;
          if (!ref) {
            if (target) warn(`the reference ${m.args[0]!.getText(sf)} of ${where} is not understood; it is skipped`, at);
            else warn(`the reference of ${where} is not understood; it is skipped`, at);
            break;
          }
          const opts = m.args[1];
          const actions = onActions(str(prop(opts, "onDelete"))?.text, str(prop(opts, "onUpdate"))?.text, at);
          push(`references ${ref.table}(${ref.column})${actions}`, m.node);
          break;
        }
        case "generatedAlwaysAsIdentity":
        case "generatedByDefaultAsIdentity":
        case "autoincrement":
          push("auto increment", m.node);
          col.notNull = true;
          break;
        default:
          if (!IGNORED_METHODS.has(m.name)) warn(`.${m.name}() on ${where} is not understood; it is ignored`, at);
      }
    }
    return col;
  };
  return { columnsObject, propsOf, columnName, resolveColumn, onActions, readColumn };
}
