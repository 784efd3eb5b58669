// A CHECK expression's parse tree, as libpg-query or node-sql-parser gives it, turned into the
// one expression model (check-expr.ts).
import { type Expr, OTHER } from "./check-expr.js";

// The parsers' trees are plain JSON, read by field name.
export type Node = any;

const lastName = (names: Node[] | undefined): string => String(names?.[names.length - 1]?.String?.sval ?? "");

/** libpg-query's raw expression tree -> Expr. */
export function fromPg(n: Node, nameAt: (loc: number | undefined, fallback: string) => string): Expr {
  const go = (x: Node) => fromPg(x, nameAt);
  const [type, v] = Object.entries((n ?? {}) as Record<string, Node>)[0] ?? ["?", {}];
  switch (type) {
    case "ColumnRef": {
      const f = v.fields ?? [];
      const last = f[f.length - 1];
      return last?.String ? { k: "col", name: nameAt(v.location, String(last.String.sval)) } : OTHER("*");
    }
    case "A_Const":
      if (v.isnull) return { k: "null" };
      if (v.ival) return { k: "num", value: Number(v.ival.ival ?? 0), text: String(v.ival.ival ?? 0) };
      if (v.fval) return { k: "num", value: Number(v.fval.fval), text: String(v.fval.fval) };
      if (v.sval) return { k: "str", value: String(v.sval.sval ?? "") };
      if (v.boolval) return { k: "bool", value: v.boolval.boolval === true };
      return OTHER("a constant");
    case "TypeCast":
      return { k: "cast", expr: go(v.arg), type: lastName(v.typeName?.names) + (v.typeName?.arrayBounds ? "[]" : "") };
    case "BoolExpr": {
      const args = ((v.args ?? []) as Node[]).map(go);
      if (v.boolop === "NOT_EXPR") return { k: "not", arg: args[0]! };
      return { k: v.boolop === "AND_EXPR" ? "and" : "or", args };
    }
    case "NullTest":
      return { k: "isnull", expr: go(v.arg), not: v.nulltesttype === "IS_NOT_NULL" };
    case "FuncCall":
      return { k: "call", name: lastName(v.funcname).toLowerCase(), args: ((v.args ?? []) as Node[]).map(go) };
    case "CoalesceExpr":
      return { k: "call", name: "coalesce", args: ((v.args ?? []) as Node[]).map(go) };
    case "SubLink":
      return OTHER("a subquery");
    case "A_Expr": {
      const op = lastName(v.name);
      const items = (x: Node): Node[] => x?.List?.items ?? [];
      switch (v.kind) {
        case "AEXPR_OP": {
          if (!v.lexpr) {
            const arg = go(v.rexpr);
            if ((op === "-" || op === "+") && arg.k === "num") return op === "-" ? { k: "num", value: -arg.value, text: `-${arg.text}` } : arg;
            return OTHER(`prefix ${op}`);
          }
          const regex: Record<string, [Extract<Expr, { k: "match" }>["how"], boolean]> = {
            "~": ["regex", false], "~*": ["iregex", false], "!~": ["regex", true], "!~*": ["iregex", true],
            "~~": ["like", false], "!~~": ["like", true], "~~*": ["ilike", false], "!~~*": ["ilike", true],
          };
          const m = regex[op];
          if (m) return { k: "match", how: m[0], expr: go(v.lexpr), pattern: go(v.rexpr), not: m[1] };
          return { k: "op", op: op === "!=" ? "<>" : op, left: go(v.lexpr), right: go(v.rexpr) };
        }
        case "AEXPR_IN":
          return { k: "in", expr: go(v.lexpr), list: items(v.rexpr).map(go), not: op === "<>" };
        case "AEXPR_OP_ANY":
        case "AEXPR_OP_ALL": {
          // x = ANY (ARRAY['a', 'b']) as pg_dump writes IN lists; x <> ALL (...) for NOT IN.
          let arr = v.rexpr;
          while (arr?.TypeCast) arr = arr.TypeCast.arg;
          const elements = arr?.A_ArrayExpr?.elements as Node[] | undefined;
          const any = v.kind === "AEXPR_OP_ANY";
          if (elements && ((any && op === "=") || (!any && op === "<>"))) return { k: "in", expr: go(v.lexpr), list: elements.map(go), not: !any };
          return OTHER(`${op} ${any ? "ANY" : "ALL"}`);
        }
        case "AEXPR_LIKE":
        case "AEXPR_ILIKE": {
          let pattern = v.rexpr;
          let escape: string | undefined;
          if (pattern?.FuncCall && lastName(pattern.FuncCall.funcname) === "like_escape") {
            const e = go(pattern.FuncCall.args?.[1]);
            if (e.k !== "str") return OTHER("LIKE ... ESCAPE");
            escape = e.value;
            pattern = pattern.FuncCall.args?.[0];
          }
          const how = v.kind === "AEXPR_LIKE" ? "like" : "ilike";
          return { k: "match", how, expr: go(v.lexpr), pattern: go(pattern), not: op.startsWith("!"), ...(escape !== undefined ? { escape } : {}) };
        }
        case "AEXPR_BETWEEN":
        case "AEXPR_NOT_BETWEEN": {
          const [low, high] = items(v.rexpr);
          return { k: "between", expr: go(v.lexpr), low: go(low), high: go(high), not: v.kind === "AEXPR_NOT_BETWEEN" };
        }
        default:
          return OTHER(String(v.kind ?? "an operator").replace(/^AEXPR_/, "").toLowerCase().replace(/_/g, " "));
      }
    }
    default:
      return OTHER(type);
  }
}

function nspString(v: Node, dialect: "mysql" | "sqlite"): string {
  const s = String(v ?? "");
  // node-sql-parser keeps a string's escapes as written.
  return dialect === "mysql" ? s.replace(/''/g, "'").replace(/\\(.)/gs, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c)) : s.replace(/''/g, "'");
}

/** node-sql-parser's expression tree -> Expr. */
export function fromNsp(n: Node, dialect: "mysql" | "sqlite"): Expr {
  const go = (x: Node) => fromNsp(x, dialect);
  if (!n || typeof n !== "object") return OTHER(String(n));
  switch (n.type) {
    case "column_ref": {
      const c = n.column;
      const name = typeof c === "string" ? c : c?.expr?.value;
      return typeof name === "string" ? { k: "col", name } : OTHER("a column");
    }
    case "number":
      return { k: "num", value: Number(n.value), text: String(n.value) };
    case "single_quote_string":
    case "double_quote_string":
    case "string":
    case "natural_string":
      return { k: "str", value: nspString(n.value, dialect) };
    case "bool":
      return { k: "bool", value: n.value === true };
    case "null":
      return { k: "null" };
    case "function": {
      const parts = (n.name?.name ?? []) as Node[];
      const name = String(parts[parts.length - 1]?.value ?? n.name ?? "").toLowerCase();
      return { k: "call", name, args: ((n.args?.value ?? []) as Node[]).map(go) };
    }
    case "cast":
      return { k: "cast", expr: go(n.expr), type: String(n.target?.[0]?.dataType ?? n.target?.dataType ?? "").toLowerCase() };
    case "expr_list":
      return Array.isArray(n.value) && n.value.length === 1 ? go(n.value[0]) : OTHER("a list");
    case "unary_expr": {
      const op = String(n.operator).toUpperCase();
      const arg = go(n.expr);
      if (op === "NOT" || op === "!") return { k: "not", arg };
      if (op === "-" && arg.k === "num") return { k: "num", value: -arg.value, text: `-${arg.text}` };
      return OTHER(`prefix ${op}`);
    }
    case "binary_expr": {
      const op = String(n.operator).toUpperCase();
      const left = go(n.left);
      const list = (): Expr[] => ((n.right?.type === "expr_list" ? n.right.value : [n.right]) as Node[]).map(go);
      switch (op) {
        case "AND":
        case "&&":
          return { k: "and", args: [left, go(n.right)].flatMap((x) => (x.k === "and" ? x.args : [x])) };
        case "OR":
          return { k: "or", args: [left, go(n.right)].flatMap((x) => (x.k === "or" ? x.args : [x])) };
        case "||":
          // MySQL reads || as OR (unless PIPES_AS_CONCAT); SQLite as concatenation.
          return dialect === "mysql" ? { k: "or", args: [left, go(n.right)].flatMap((x) => (x.k === "or" ? x.args : [x])) } : { k: "op", op: "||", left, right: go(n.right) };
        case "IN":
        case "NOT IN":
          return { k: "in", expr: left, list: list(), not: op === "NOT IN" };
        case "BETWEEN":
        case "NOT BETWEEN": {
          const [low, high] = list();
          return low && high ? { k: "between", expr: left, low, high, not: op === "NOT BETWEEN" } : OTHER("BETWEEN");
        }
        case "IS":
        case "IS NOT":
          return n.right?.type === "null" ? { k: "isnull", expr: left, not: op === "IS NOT" } : OTHER(`${op} ${String(n.right?.value ?? "")}`.trim());
        case "LIKE":
        case "NOT LIKE":
        case "GLOB":
        case "NOT GLOB":
        case "REGEXP":
        case "NOT REGEXP":
        case "RLIKE":
        case "NOT RLIKE": {
          const esc = n.right?.escape?.value;
          const escape = esc ? nspString(esc.value, dialect) : undefined;
          const how = op.endsWith("LIKE") && !op.endsWith("RLIKE") ? "like" : op.endsWith("GLOB") ? "glob" : "regex";
          return { k: "match", how, expr: left, pattern: go(n.right), not: op.startsWith("NOT "), ...(escape !== undefined ? { escape } : {}) };
        }
        case "=":
        case "!=":
        case "<>":
        case "<":
        case "<=":
        case ">":
        case ">=":
        case "+":
        case "-":
        case "*":
        case "/":
        case "%":
          return { k: "op", op: op === "!=" ? "<>" : op, left, right: go(n.right) };
        default:
          return OTHER(op);
      }
    }
    default:
      return OTHER(String(n.type));
  }
}