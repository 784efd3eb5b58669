// What a Drizzle block declares: its variables, schemas (pgSchema), table creators
// (pgTableCreator), custom types, enums (read here), table calls and free-standing indexes,
// in written order.
import type TS from "typescript";
import type { RawEnum } from "../raw.js";
import type { Dialect, DrizzleBlock } from "./context.js";
import type { Chain, Syntax } from "./syntax.js";

const TABLE_FNS: Readonly<Record<string, Dialect>> = {
  pgTable: "postgresql",
  mysqlTable: "mysql",
  sqliteTable: "sqlite",
  singlestoreTable: "mysql",
};
const SCHEMA_FNS: Readonly<Record<string, Dialect>> = { pgSchema: "postgresql", mysqlSchema: "mysql", mysqlDatabase: "mysql" };
const CREATOR_FNS: Readonly<Record<string, Dialect>> = {
  pgTableCreator: "postgresql",
  mysqlTableCreator: "mysql",
  sqliteTableCreator: "sqlite",
  singlestoreTableCreator: "mysql",
};

interface Creator {
  readonly dialect: Dialect;
  /** table name -> name in the database, when the creator is a simple template. */
  readonly rename: ((name: string) => string) | null;
}

interface TableCall {
  readonly chain: Chain;
  readonly args: readonly TS.Expression[];
  readonly dialect: Dialect;
  readonly varName?: string;
  readonly creator?: Creator;
  readonly schema?: string;
}

export type Declarations = ReturnType<typeof readDeclarations>;

/** Walks the block once for its variables and declarations (pushing its enums to the result). */
export function readDeclarations(cx: DrizzleBlock & Syntax) {
  const { ts, sf, out, start, raw, warn, unwrap, str, propName, objectArg, unchain, returned, firstParam } = cx;
  const vars = new Map<string, TS.Expression>();
  const varOf = new Map<TS.Node, string>();
  const visitVars = (n: TS.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = unwrap(n.initializer);
      if (!vars.has(n.name.text)) vars.set(n.name.text, init);
      varOf.set(init, n.name.text);
    }
    ts.forEachChild(n, visitVars);
  };
  visitVars(sf);

  const schemas = new Map<string, { dialect: Dialect; name: string }>();
  const creators = new Map<string, Creator>();
  const customTypes = new Map<string, string | null>();
  for (const [name, init] of vars) {
    const c = unchain(init);
    if (!c || c.object || c.methods.length) continue;
    if (SCHEMA_FNS[c.name]) schemas.set(name, { dialect: SCHEMA_FNS[c.name]!, name: str(c.args[0])?.text ?? "" });
    else if (CREATOR_FNS[c.name]) creators.set(name, { dialect: CREATOR_FNS[c.name]!, rename: creatorRename(c.args[0]) });
    else if (c.name === "customType") customTypes.set(name, customDataType(objectArg(c.args)));
  }

  function creatorRename(fn: TS.Expression | undefined): ((name: string) => string) | null {
    const param = firstParam(fn);
    const body = returned(fn);
    if (!param || !body) return null;
    if (ts.isTemplateExpression(body) && body.templateSpans.length === 1) {
      const s = body.templateSpans[0]!;
      const sub = unwrap(s.expression);
      if (ts.isIdentifier(sub) && sub.text === param) {
        const head = body.head.text;
        const tail = s.literal.text;
        return (n) => head + n + tail;
      }
    }
    if (ts.isIdentifier(body) && body.text === param) return (n) => n;
    return null;
  }

  function customDataType(config: TS.Expression | undefined): string | null {
    if (!config || !ts.isObjectLiteralExpression(config)) return null;
    for (const p of config.properties) {
      if (!p.name || propName(p.name) !== "dataType") continue;
      let body: TS.Expression | null = null;
      if (ts.isMethodDeclaration(p) && p.body && p.parameters.length === 0) {
        const ret = p.body.statements.find(ts.isReturnStatement);
        body = ret?.expression ?? null;
      } else if (ts.isPropertyAssignment(p)) {
        const f = unwrap(p.initializer);
        if ((ts.isArrowFunction(f) || ts.isFunctionExpression(f)) && f.parameters.length === 0) body = returned(f);
      }
      return body ? (str(body)?.text ?? null) : null;
    }
    return null;
  }

  const tableCallOf = (c: Chain): TableCall | null => {
    const varName = varOf.get(unwrap(outermost(c.call)));
    const base = { chain: c, ...(varName ? { varName } : {}) };
    if (!c.object) {
      if (TABLE_FNS[c.name]) return { ...base, args: c.args, dialect: TABLE_FNS[c.name]! };
      const creator = creators.get(c.name);
      if (creator) return { ...base, args: c.args, dialect: creator.dialect, creator };
      if (SCHEMA_FNS[c.name] && c.methods[0]?.name === "table")
        return { ...base, args: c.methods[0].args, dialect: SCHEMA_FNS[c.name]!, schema: str(c.args[0])?.text ?? "" };
      return null;
    }
    if (!ts.isIdentifier(c.object)) return null;
    const schema = schemas.get(c.object.text);
    if (c.name === "table" && schema) return { ...base, args: c.args, dialect: schema.dialect, schema: schema.name };
    if (c.name === "withRLS" && TABLE_FNS[c.object.text]) return { ...base, args: c.args, dialect: TABLE_FNS[c.object.text]! };
    return null;
  };
  /** The whole chain expression a builder call is the root of (`pgTable(...).enableRLS()`). */
  function outermost(call: TS.CallExpression): TS.Expression {
    let n: TS.Expression = call;
    for (;;) {
      const p = n.parent;
      if (p && ts.isPropertyAccessExpression(p) && p.expression === n && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) n = p.parent;
      else if (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p))) n = p;
      else return n;
    }
  }

  // Enums, tables and free-standing indexes, in written order.
  const enumNames = new Map<string, string>();
  const tableCalls: TableCall[] = [];
  const looseIndexes: Chain[] = [];
  const visitCalls = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      const c = unchain(n);
      if (c) {
        const table = tableCallOf(c);
        if (table) {
          tableCalls.push(table);
          return;
        }
        const e = enumArgs(c);
        if (e) {
          const read = readEnum(e.args, start(c.nameNode));
          if (read) {
            out.enums.push(read);
            const v = varOf.get(unwrap(outermost(c.call)));
            if (v) enumNames.set(v, read.name.text);
          }
          return;
        }
        if (!c.object && (c.name === "index" || c.name === "uniqueIndex") && c.methods.some((m) => m.name === "on")) {
          looseIndexes.push(c);
          return;
        }
      }
    }
    ts.forEachChild(n, visitCalls);
  };

  function enumArgs(c: Chain): { args: readonly TS.Expression[] } | null {
    if (!c.object && (c.name === "pgEnum" || (c.name === "mysqlEnum" && varOf.has(unwrap(outermost(c.call)))))) return { args: c.args };
    if (!c.object && SCHEMA_FNS[c.name] && c.methods[0]?.name === "enum") return { args: c.methods[0].args };
    if (c.object && ts.isIdentifier(c.object) && c.name === "enum" && schemas.has(c.object.text)) return { args: c.args };
    return null;
  }

  /** The strings of `['a', 'b']`, or of a constant array the block defines. */
  function stringList(e: TS.Expression | undefined): { text: string; at: number }[] | null {
    if (!e) return null;
    let u = unwrap(e);
    if (ts.isIdentifier(u) && vars.has(u.text)) u = vars.get(u.text)!;
    if (!ts.isArrayLiteralExpression(u)) return null;
    const items: { text: string; at: number }[] = [];
    for (const x of u.elements) {
      const s = str(x);
      if (!s) return null;
      items.push(s);
    }
    return items;
  }

  function readEnum(args: readonly TS.Expression[], at: number): RawEnum | null {
    const name = str(args[0]);
    const values = stringList(args[1]);
    if (!name || !values) {
      warn("this enum is not understood (a name and a list of string values were expected); it is skipped", at);
      return null;
    }
    return { name: raw(name.text, name.at), values: values.map((v) => raw(v.text, v.at)) };
  }

  visitCalls(sf);
  return { vars, varOf, enumNames, customTypes, tableCalls, looseIndexes, stringList };
}
