// A Drizzle table's third argument: its indexes, unique constraints, primary and foreign keys
// and checks (sql`...` with each ${t.x} replaced by its column's name).
import type TS from "typescript";
import type { RawCheck, RawIndex } from "../raw.js";
import type { ColumnState, columnReaders, TableInfo } from "./columns.js";
import type { Dialect, DrizzleBlock } from "./context.js";
import type { Syntax } from "./syntax.js";

/** The reader of a table's third argument, pushing to the indexes and checks it is given. */
export function extrasReader(cx: DrizzleBlock & Syntax & Pick<ReturnType<typeof columnReaders>, "resolveColumn" | "onActions">) {
  const { ts, sf, span, start, raw, warn, note, unwrap, str, prop, unchain, returned, literal, resolveColumn, onActions } = cx;
  const readExtras = (fn: TS.Expression, label: string, dialect: Dialect, cols: Map<string, ColumnState>, self: { param: string | null; table: TableInfo; varName?: string }, indexes: RawIndex[], checks: RawCheck[]): void => {
    const body = returned(fn);
    if (!body) {
      warn(`the third argument of ${label} is not understood; its indexes and keys are skipped`, start(fn));
      return;
    }
    const entries = ts.isObjectLiteralExpression(body)
      ? body.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : []))
      : ts.isArrayLiteralExpression(body)
        ? [...body.elements]
        : null;
    if (!entries) {
      warn(`the third argument of ${label} is not understood; its indexes and keys are skipped`, start(body));
      return;
    }
    const colOf = (e: TS.Expression): { state: ColumnState; name: string } | null => {
      const r = resolveColumn(e, self);
      const state = r ? cols.get(r.key) : undefined;
      return r && state ? { state, name: r.column } : null;
    };
    for (const entry of entries) {
      const c = unchain(entry);
      const at = start(entry);
      const kind = c && !c.object ? c.name : null;
      if (!c || !kind) {
        warn(`${entry.getText(sf).slice(0, 40)} in ${label} is not understood; it is skipped`, at);
        continue;
      }
      if (kind === "index" || kind === "uniqueIndex" || kind === "unique") {
        const name = str(c.args[0])?.text;
        const colExprs: TS.Expression[] = [];
        let partial: TS.Expression | null = null;
        for (const m of c.methods) {
          if (m.name === "on" || m.name === "onOnly") colExprs.push(...m.args);
          else if (m.name === "using") colExprs.push(...m.args.slice(1));
          else if (m.name === "where") partial = m.args[0] ?? (m.node as TS.Expression);
        }
        const resolved = colExprs.map(colOf);
        if (!colExprs.length || resolved.some((r) => !r)) {
          warn(`the ${kind} ${name ?? ""} in ${label} names columns that are not read here; it is skipped`.replace("  ", " "), at);
          continue;
        }
        const unique = kind !== "index";
        const where = partial ? partialWhere(partial, colOf, dialect) : undefined;
        if (partial && !where) {
          if (unique) {
            warn(`the condition (.where) of the unique index ${name ?? ""} in ${label} is not understood; the index is skipped (over all rows it would refuse rows the spec allows)`.replace("  ", " "), start(partial));
            continue;
          }
          note(`the condition (.where) of the index ${name ?? ""} in ${label} is not understood; read as an index on all rows`.replace("  ", " "), start(partial));
        }
        indexes.push({ columns: resolved.map((r) => r!.name), unique, ...(name ? { name } : {}), span: span(at), ...(where ? { where } : {}) });
      } else if (kind === "primaryKey") {
        const listed = prop(c.args[0], "columns");
        const exprs = listed && ts.isArrayLiteralExpression(unwrap(listed)) ? [...(unwrap(listed) as TS.ArrayLiteralExpression).elements] : [...c.args];
        const resolved = exprs.map(colOf);
        if (!exprs.length || resolved.some((r) => !r)) {
          warn(`the primary key in ${label} names columns that are not read here; it is skipped`, at);
          continue;
        }
        for (const r of resolved) {
          r!.state.constraints.push(raw("primary key", at));
          r!.state.notNull = true;
        }
      } else if (kind === "foreignKey") {
        const arr = (k: string): TS.Expression[] => {
          const v = prop(c.args[0], k);
          return v && ts.isArrayLiteralExpression(unwrap(v)) ? [...(unwrap(v) as TS.ArrayLiteralExpression).elements] : [];
        };
        const from = arr("columns");
        const to = arr("foreignColumns");
        if (from.length !== 1 || to.length !== 1) {
          warn(`the foreign key in ${label} spans ${from.length} columns; only one-column foreign keys are read, so it is skipped`, at);
          continue;
        }
        const src = colOf(from[0]!);
        const target = resolveColumn(to[0]!, self);
        if (!src || !target) {
          warn(`the foreign key in ${label} names columns that are not read here; it is skipped`, at);
          continue;
        }
        const method = (k: string) => str(c.methods.find((m) => m.name === k)?.args[0])?.text;
        src.state.constraints.push(raw(`references ${target.table}(${target.column})${onActions(method("onDelete"), method("onUpdate"), at)}`, at));
      } else if (kind === "check") {
        const name = str(c.args[0])?.text;
        const expr = c.args[1] ? unwrap(c.args[1]) : undefined;
        const made = expr ? checkText(expr, colOf) : null;
        if (!made) {
          warn(`the check ${name ?? ""} in ${label} is not understood; it is skipped`.replace("  ", " "), at);
          continue;
        }
        checks.push({ expression: raw(made.text, made.at), ...(name ? { name } : {}), dialect });
      } else warn(`${kind}(...) in ${label} is not understood; it is skipped`, at);
    }
  };

  /**
   * A partial index's `.where(...)` as SQL: sql`${t.deletedAt} is null`, or Drizzle's operators
   * (isNull, isNotNull, eq, ne, gt, gte, lt, lte over a column and a literal; and, or, not).
   * Null when it is neither.
   */
  function partialWhere(e: TS.Expression, colOf: (e: TS.Expression) => { name: string } | null, dialect: Dialect): RawIndex["where"] | undefined {
    const text = conditionText(e, colOf);
    if (text === null || dialect === "prose") return undefined;
    return { expression: raw(text, start(e)), dialect };
  }

  function conditionText(e0: TS.Expression, colOf: (e: TS.Expression) => { name: string } | null): string | null {
    const e = unwrap(e0);
    const tagged = checkText(e, colOf);
    if (tagged) return tagged.text;
    const c = unchain(e);
    if (!c || c.object || c.methods.length) return null;
    const operand = (x: TS.Expression | undefined): string | null => {
      if (!x) return null;
      const col = colOf(x);
      if (col) return col.name;
      const l = literal(x);
      if (!l) return null;
      const v = l.value;
      if (v === null) return "NULL";
      if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
      if (typeof v === "number") return String(v);
      if (typeof v === "string") return `'${v.replace(/'/g, "''")}'`;
      return null;
    };
    const OPS: Record<string, string> = { eq: "=", ne: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" };
    if ((c.name === "isNull" || c.name === "isNotNull") && c.args.length === 1) {
      const col = colOf(c.args[0]!);
      return col ? `${col.name} IS ${c.name === "isNull" ? "" : "NOT "}NULL` : null;
    }
    if (OPS[c.name] && c.args.length === 2) {
      const [a, b] = [operand(c.args[0]), operand(c.args[1])];
      return a && b ? `${a} ${OPS[c.name]} ${b}` : null;
    }
    if ((c.name === "and" || c.name === "or") && c.args.length > 0) {
      const parts = c.args.map((x) => conditionText(x, colOf));
      return parts.every((p) => p !== null) ? parts.map((p) => `(${p})`).join(c.name === "and" ? " AND " : " OR ") : null;
    }
    if (c.name === "not" && c.args.length === 1) {
      const inner = conditionText(c.args[0]!, colOf);
      return inner === null ? null : `NOT (${inner})`;
    }
    return null;
  }

  /** sql`${t.amount} > 0` -> "amount > 0", each ${t.x} replaced by its column's name. */
  function checkText(e: TS.Expression, colOf: (e: TS.Expression) => { name: string } | null): { text: string; at: number } | null {
    if (!ts.isTaggedTemplateExpression(e) || !ts.isIdentifier(e.tag) || e.tag.text !== "sql") return null;
    const tpl = e.template;
    const at = start(tpl) + 1;
    if (ts.isNoSubstitutionTemplateLiteral(tpl)) return { text: tpl.text.trim(), at };
    let out = tpl.head.text;
    for (const s of tpl.templateSpans) {
      const col = colOf(s.expression);
      if (!col) return null;
      out += col.name + s.literal.text;
    }
    return { text: out.trim(), at };
  }
  return { readExtras, partialWhere };
}
