// Drizzle ORM table definitions pasted into a spec (a ```typescript block holding pgTable(...),
// mysqlTable(...) or sqliteTable(...)): read with the TypeScript parser (syntax only, no type
// checker) into the raw tables every other notation produces. TypeScript costs ~0.5 s to
// import, so it is loaded only when a spec holds Drizzle code.
import type TS from "typescript";
import type { Diagnostic } from "../diagnostics.js";
import { snakeCase } from "../ir/naming.js";
import type { Span } from "../ir/types.js";
import { emptyResult, type BlockReader, type ReaderResult, type SourceBlock } from "./block.js";
import type { RawCheck, RawColumn, RawEnum, RawIndex, RawTable, RawText } from "./raw.js";

type Ts = typeof TS;
type Dialect = RawCheck["dialect"];

let loading: Promise<BlockReader> | null = null;

/** The Drizzle reader; its first call imports TypeScript (once per process). */
export async function loadDrizzleReader(): Promise<BlockReader> {
  loading ??= import("typescript")
    .then((m): BlockReader => {
      const ts = m.default;
      return (block: SourceBlock) => readDrizzle(ts, block);
    })
    .catch((e: unknown) => {
      loading = null;
      throw e;
    });
  return loading;
}

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
const ON_ACTION: Readonly<Record<string, string>> = { cascade: "cascade", "set null": "set null", restrict: "restrict", "no action": "no action" };
/** Functions that make ids in the application; the database gets a random UUID instead. */
const APP_ID = /^(create_?id|cuid2?|create_?cuid|nanoid|ulid|random_?uuid|uuid(v?\d)?|v[1-7]|generate_?id|gen_?id|object_?id|ksuid|shortid|typeid|new_?id)$/i;
/** Chained column methods that change nothing the generator reads. */
const IGNORED_METHODS = new Set(["$type", "$comment"]);

interface Creator {
  readonly dialect: Dialect;
  /** table name -> name in the database, when the creator is a simple template. */
  readonly rename: ((name: string) => string) | null;
}

interface TableInfo {
  readonly name: string;
  /** Property key -> column name. */
  readonly keys: ReadonlyMap<string, string>;
}

interface Method {
  readonly name: string;
  readonly node: TS.Node;
  readonly args: readonly TS.Expression[];
}

/** `text('id').primaryKey().default('x')`: the builder call and the methods chained on it, in written order. */
interface Chain {
  readonly call: TS.CallExpression;
  readonly name: string;
  readonly nameNode: TS.Node;
  /** `t` in `t.text()`, `schema` in `schema.table()`. */
  readonly object?: TS.Expression;
  readonly args: readonly TS.Expression[];
  readonly methods: readonly Method[];
}

interface ColumnState {
  readonly key: string;
  readonly name: RawText;
  type: string;
  readonly typeAt: number;
  readonly constraints: RawText[];
  notNull: boolean;
  readonly description?: string;
}

interface TableCall {
  readonly chain: Chain;
  readonly args: readonly TS.Expression[];
  readonly dialect: Dialect;
  readonly varName?: string;
  readonly creator?: Creator;
  readonly schema?: string;
}

function readDrizzle(ts: Ts, block: SourceBlock): ReaderResult {
  const out = emptyResult();
  // A line that is only `...` leaves code out of an example; blanked (offsets kept), it does not
  // swallow the property after it as a spread.
  const elided = /^[ \t]*(?:\.\.\.|…)[ \t]*,?[ \t]*$/gm;
  const elisions = [...block.text.matchAll(elided)].map((m) => m.index + m[0].search(/\S/));
  const text = elisions.length ? block.text.replace(elided, (m) => " ".repeat(m.length)) : block.text;
  const sf = ts.createSourceFile("block.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, text.length)));
  const start = (n: TS.Node): number => n.getStart(sf);
  const raw = (t: string, offset: number): RawText => ({ text: t, span: span(offset) });
  const warn = (message: string, at: number, hint?: string): void => {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: span(at), ...(hint ? { hint } : {}) };
    out.diagnostics.push(d);
  };
  const noted = new Set<string>();
  const note = (message: string, at: number): void => {
    if (noted.has(message)) return;
    noted.add(message);
    out.notes.push({ span: span(at), message });
  };

  // -------------------------------------------------------------- syntax helpers
  const unwrap = (e: TS.Expression): TS.Expression => {
    for (;;) {
      if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e))
        e = e.expression;
      else return e;
    }
  };
  const str = (e: TS.Expression | undefined): { text: string; at: number } | null => {
    if (!e) return null;
    const u = unwrap(e);
    return ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u) ? { text: u.text, at: start(u) + 1 } : null;
  };
  const propName = (n: TS.PropertyName): string | null => (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : null);
  const prop = (obj: TS.Expression | undefined, key: string): TS.Expression | undefined => {
    if (!obj) return undefined;
    const o = unwrap(obj);
    if (!ts.isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) if (ts.isPropertyAssignment(p) && propName(p.name) === key) return p.initializer;
    return undefined;
  };
  const num = (e: TS.Expression | undefined): string | null => {
    if (!e) return null;
    const u = unwrap(e);
    return ts.isNumericLiteral(u) ? u.text : null;
  };
  const isTrue = (e: TS.Expression | undefined): boolean => !!e && unwrap(e).kind === ts.SyntaxKind.TrueKeyword;
  const objectArg = (args: readonly TS.Expression[]): TS.Expression | undefined => args.map(unwrap).find((a) => ts.isObjectLiteralExpression(a));

  /** Unchains `a(...).b(...).c(...)`; null when the expression is not such a chain. */
  const unchain = (e0: TS.Expression): Chain | null => {
    let e = unwrap(e0);
    const methods: Method[] = [];
    while (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (ts.isIdentifier(callee)) return { call: e, name: callee.text, nameNode: callee, args: e.arguments, methods };
      if (!ts.isPropertyAccessExpression(callee)) return null;
      const inner = unwrap(callee.expression);
      if (!ts.isCallExpression(inner))
        return { call: e, name: callee.name.text, nameNode: callee.name, object: inner, args: e.arguments, methods };
      methods.unshift({ name: callee.name.text, node: callee.name, args: e.arguments });
      e = inner;
    }
    return null;
  };
  /** The expression a function returns: `() => x`, `() => { return x }`. */
  const returned = (fn: TS.Expression | undefined): TS.Expression | null => {
    if (!fn) return null;
    const f = unwrap(fn);
    if (!ts.isArrowFunction(f) && !ts.isFunctionExpression(f)) return null;
    if (!ts.isBlock(f.body)) return unwrap(f.body);
    const ret = f.body.statements.find(ts.isReturnStatement);
    return ret?.expression ? unwrap(ret.expression) : null;
  };
  const firstParam = (fn: TS.Expression | undefined): string | null => {
    if (!fn) return null;
    const f = unwrap(fn);
    if (!ts.isArrowFunction(f) && !ts.isFunctionExpression(f)) return null;
    const p = f.parameters[0];
    return p && ts.isIdentifier(p.name) ? p.name.text : null;
  };
  /** A literal written in the code (strings, numbers, booleans, null, arrays and objects of them). */
  const literal = (e: TS.Expression): { value: unknown } | null => {
    const u = unwrap(e);
    if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return { value: u.text };
    if (ts.isNumericLiteral(u)) return { value: Number(u.text) };
    if (ts.isBigIntLiteral(u)) return { value: Number(u.text.slice(0, -1)) };
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(u.operand)) return { value: -Number(u.operand.text) };
    if (u.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
    if (u.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
    if (u.kind === ts.SyntaxKind.NullKeyword) return { value: null };
    if (ts.isArrayLiteralExpression(u)) {
      const items: unknown[] = [];
      for (const x of u.elements) {
        const v = literal(x);
        if (!v) return null;
        items.push(v.value);
      }
      return { value: items };
    }
    if (ts.isObjectLiteralExpression(u)) {
      const obj: Record<string, unknown> = {};
      for (const p of u.properties) {
        if (!ts.isPropertyAssignment(p)) return null;
        const k = propName(p.name);
        const v = literal(p.initializer);
        if (k === null || !v) return null;
        obj[k] = v.value;
      }
      return { value: obj };
    }
    return null;
  };
  /** The SQL of sql`...` with no ${} in it. */
  const sqlText = (e: TS.Expression): string | null => {
    const u = unwrap(e);
    if (!ts.isTaggedTemplateExpression(u) || !ts.isIdentifier(u.tag) || u.tag.text !== "sql") return null;
    return ts.isNoSubstitutionTemplateLiteral(u.template) ? u.template.text.trim() : null;
  };
  /** A trailing `// comment` on the line a property ends on, or a JSDoc comment before it. */
  const describe = (p: TS.Node): string | undefined => {
    let i = p.end;
    while (text[i] === " " || text[i] === "\t" || text[i] === ",") i++;
    if (text.startsWith("//", i)) {
      const eol = text.indexOf("\n", i);
      const c = text.slice(i + 2, eol < 0 ? text.length : eol).trim();
      if (c) return c;
    }
    const jsdoc = (ts.getLeadingCommentRanges(text, p.pos) ?? []).filter((r) => text.startsWith("/**", r.pos)).pop();
    if (jsdoc) {
      const c = text
        .slice(jsdoc.pos + 3, jsdoc.end - 2)
        .split("\n")
        .map((l) => l.replace(/^\s*\*?\s?/, "").trim())
        .filter(Boolean)
        .join(" ");
      if (c) return c;
    }
    return undefined;
  };

  // -------------------------------------------------------------- what the block declares
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
  // A block that holds no Drizzle definitions is none of this reader's business.
  if (!tableCalls.length && !out.enums.length && !looseIndexes.length) return out;
  for (const at of elisions) note("`...` leaves code out here; what it stands for is not read", at);
  const syntax = (sf as unknown as { parseDiagnostics?: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (syntax) warn(`TypeScript syntax error (${ts.flattenDiagnosticMessageText(syntax.messageText, " ").replace(/\.$/, "")}); what follows may be misread`, syntax.start);

  // -------------------------------------------------------------- columns of each table
  /** Property key -> column name for the columns object (reads `...spread` of a constant object too). */
  interface Prop {
    readonly key: string;
    readonly keyAt: number;
    readonly expr: TS.Expression;
    readonly node: TS.Node;
  }
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

  // Every table's name and column names first: a reference may point at a table defined later.
  const tables = new Map<string, TableInfo>();
  const infos: ({ name: RawText; info: TableInfo; obj: TS.ObjectLiteralExpression | null } | null)[] = [];
  for (const t of tableCalls) {
    const n = str(t.args[0]);
    if (!n) {
      warn("the table's name is not a string literal; the table is skipped", start(t.chain.nameNode));
      infos.push(null);
      continue;
    }
    let name = n.text;
    if (t.creator) {
      if (t.creator.rename) name = t.creator.rename(n.text);
      else note(`the table function ${t.chain.name} changes names in a way not read here: "${n.text}" is taken as written`, start(t.chain.nameNode));
    }
    if (t.schema) note(`the table "${name}" is in the schema "${t.schema}"; the schema is not kept`, n.at);
    const obj = columnsObject(t.args[1]);
    const info: TableInfo = { name, keys: new Map(obj ? propsOf(obj, false).map((p) => [p.key, columnName(p).text]) : []) };
    infos.push({ name: raw(name, n.at), info, obj });
    if (t.varName) tables.set(t.varName, info);
  }

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

  /** The column type text a builder call makes, or null (with a warning) when it is not understood. */
  const typeOf = (c: Chain, where: string): string | null => {
    const config = objectArg(c.args);
    const get = (k: string) => prop(config, k);
    const values = stringList(get("enum"));
    const enumText = values ? `enum(${values.map((v) => v.text).join(", ")})` : null;
    const mode = str(get("mode"))?.text;
    const length = num(get("length"));
    const precision = num(get("precision"));
    const scale = num(get("scale"));
    const withTz = isTrue(get("withTimezone"));
    const dims = num(get("dimensions"));
    const n = c.name;
    if (!c.object && enumNames.has(n)) return enumNames.get(n)!;
    if (!c.object && customTypes.has(n)) {
      const t = customTypes.get(n);
      if (t) {
        note(`${n} is a custom type: its columns are read as "${t}"`, start(c.nameNode));
        return t;
      }
      warn(`the custom type ${n} does not say its SQL type in a way read here; ${where} is skipped`, start(c.nameNode));
      return null;
    }
    if (!c.object && /[a-z0-9]Enum$/.test(n) && n !== "mysqlEnum" && n !== "pgEnum") {
      // An enum made in another block (`import { statusEnum } from './enums'`): by Drizzle's
      // naming habit, statusEnum = pgEnum('status', ...).
      const guess = snakeCase(n.slice(0, -4));
      note(`${n} is not defined in this block: taken to be the enum "${guess}"`, start(c.nameNode));
      return guess;
    }
    switch (n) {
      case "text":
      case "tinytext":
      case "mediumtext":
      case "longtext":
        if (enumText) return enumText;
        return mode === "json" ? "json" : "text";
      case "varchar":
        return enumText ?? (length ? `varchar(${length})` : "varchar");
      case "char":
        return enumText ?? (length ? `char(${length})` : "char");
      case "integer":
      case "int":
        return mode === "boolean" ? "boolean" : mode === "timestamp" || mode === "timestamp_ms" ? "timestamp" : "integer";
      case "smallint":
      case "tinyint":
        return "smallint";
      case "mediumint":
        return "integer";
      case "bigint":
        return "bigint";
      case "serial":
      case "bigserial":
      case "smallserial":
        return n;
      case "boolean":
      case "bool":
        return "boolean";
      case "timestamp":
      case "datetime": {
        const p = num(get("fsp")) ?? precision;
        const base = p ? `timestamp(${p})` : "timestamp";
        return withTz ? `${base} with time zone` : base;
      }
      case "date":
        return "date";
      case "time": {
        const base = precision ? `time(${precision})` : "time";
        return withTz ? `${base} with time zone` : base;
      }
      case "interval":
        return "interval";
      case "year":
        return "integer";
      case "numeric":
      case "decimal":
        return precision ? `${n}(${precision}${scale ? `,${scale}` : ""})` : n;
      case "real":
        return "real";
      case "float":
        return "float";
      case "doublePrecision":
      case "double":
        return "double precision";
      case "json":
      case "jsonb":
      case "uuid":
      case "inet":
      case "cidr":
      case "macaddr":
      case "macaddr8":
      case "bytea":
      case "point":
      case "line":
      case "geometry":
        return n;
      case "blob":
        return mode === "json" ? "json" : mode === "bigint" ? "bigint" : "bytea";
      case "binary":
      case "varbinary":
        return "bytea";
      case "vector":
      case "halfvec":
      case "sparsevec":
      case "bit":
        return dims ? `${n}(${dims})` : n;
      case "mysqlEnum": {
        const vals = stringList(c.args.find((a) => ts.isArrayLiteralExpression(unwrap(a))) ?? c.args[1]);
        if (vals) return `enum(${vals.map((v) => v.text).join(", ")})`;
        break;
      }
    }
    warn(`the column type ${n}(...) of ${where} is not understood; the column is skipped`, start(c.nameNode));
    return null;
  };

  /** The constraint text for .default(x), or null when x is not understood. */
  const defaultOf = (arg: TS.Expression | undefined, type: string): string | null => {
    if (!arg) return null;
    const sql = sqlText(arg);
    if (sql !== null) return sql ? `default ${sql}` : null;
    const lit = literal(arg);
    if (!lit) return null;
    const v = lit.value;
    const base = type.replace(/\[\]$/, "");
    // JSON columns hold JSON text, so every literal is stored as its JSON, quoted.
    if (base === "json" || base === "jsonb") return `default ${quote(JSON.stringify(v))}`;
    if (Array.isArray(v) && type.endsWith("[]")) {
      if (v.some((x) => x !== null && typeof x === "object")) return null;
      return `default '{${v.map((x) => (typeof x === "string" && !/^[\w.-]+$/.test(x) ? JSON.stringify(x) : String(x))).join(",")}}'`;
    }
    if (typeof v === "string") return `default ${quote(v)}`;
    if (typeof v === "number" || typeof v === "boolean" || v === null) return `default ${String(v)}`;
    return `default ${quote(JSON.stringify(v))}`;
  };

  /** What a $defaultFn(() => x) makes: the constraint text and a note, or null. */
  const defaultFnOf = (arg: TS.Expression | undefined, type: string): { text: string; note?: string } | null => {
    const body = returned(arg);
    if (!body) return null;
    let e = body;
    // new Date().toISOString(), Date.now(): the current time whatever the form.
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isNewExpression(unwrap(e.expression.expression))) e = unwrap(e.expression.expression);
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Date" && !e.arguments?.length) return { text: "default now()" };
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
      const owner = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : "";
      if (owner === "Date" && name === "now") return { text: "default now()" };
      if (APP_ID.test(name)) return { text: "default gen_random_uuid()", note: `${body.getText(sf)}` };
    }
    const d = defaultOf(body, type);
    return d ? { text: d } : null;
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

  // -------------------------------------------------------------- table extras (third argument)
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
        let partial = false;
        for (const m of c.methods) {
          if (m.name === "on" || m.name === "onOnly") colExprs.push(...m.args);
          else if (m.name === "using") colExprs.push(...m.args.slice(1));
          else if (m.name === "where") partial = true;
        }
        const resolved = colExprs.map(colOf);
        if (!colExprs.length || resolved.some((r) => !r)) {
          warn(`the ${kind} ${name ?? ""} in ${label} names columns that are not read here; it is skipped`.replace("  ", " "), at);
          continue;
        }
        const unique = kind !== "index";
        if (partial && unique) {
          warn(`the unique index ${name ?? ""} in ${label} holds only for some rows (.where); a partial index is not supported, so it is skipped`.replace("  ", " "), at);
          continue;
        }
        if (partial) note(`the index ${name ?? ""} in ${label} covers only some rows (.where); read as an index on all rows`.replace("  ", " "), at);
        indexes.push({ columns: resolved.map((r) => r!.name), unique, ...(name ? { name } : {}), span: span(at) });
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

  // -------------------------------------------------------------- tables
  tableCalls.forEach((t, i) => {
    const named = infos[i];
    if (!named) return;
    const { info, obj } = named;
    const label = t.varName ?? info.name;
    if (!obj) {
      warn(`the columns of ${label} are not an object literal; the table is skipped`, start(t.args[1] ?? t.chain.nameNode));
      return;
    }
    const self = { param: firstParam(t.args[2]), table: info, ...(t.varName ? { varName: t.varName } : {}) };
    const states = new Map<string, ColumnState>();
    for (const pr of propsOf(obj, true)) {
      const col = readColumn(pr, label);
      if (col) states.set(pr.key, col);
    }
    const indexes: RawIndex[] = [];
    const checks: RawCheck[] = [];
    if (t.args[2]) readExtras(t.args[2], label, t.dialect, states, self, indexes, checks);
    const columns: RawColumn[] = [...states.values()].map((s) => ({
      name: s.name,
      type: raw(s.type, s.typeAt),
      constraints: s.notNull ? s.constraints : [...s.constraints, raw("nullable", s.typeAt)],
      ...(s.description ? { description: s.description } : {}),
    }));
    out.tables.push({ name: named.name, columns, indexes, ...(checks.length ? { checks } : {}), notation: "drizzle" });
  });

  // -------------------------------------------------------------- indexes declared apart from their table
  for (const c of looseIndexes) {
    const at = start(c.call);
    const name = str(c.args[0])?.text;
    const exprs = c.methods.filter((m) => m.name === "on" || m.name === "onOnly").flatMap((m) => [...m.args]);
    const refs = exprs.map((e) => resolveColumn(e, undefined));
    const tableSet = new Set(refs.map((r) => r?.table));
    if (!exprs.length || refs.some((r) => !r) || tableSet.size !== 1) {
      warn(`the index ${name ?? ""} names columns that are not read here (one table's columns were expected); it is skipped`.replace("  ", " "), at);
      continue;
    }
    if (c.methods.some((m) => m.name === "where")) {
      if (c.name === "uniqueIndex") {
        warn(`the unique index ${name ?? ""} holds only for some rows (.where); a partial index is not supported, so it is skipped`.replace("  ", " "), at);
        continue;
      }
      note(`the index ${name ?? ""} covers only some rows (.where); read as an index on all rows`.replace("  ", " "), at);
    }
    out.indexes.push({ columns: refs.map((r) => r!.column), unique: c.name === "uniqueIndex", ...(name ? { name } : {}), table: refs[0]!.table, span: span(at) });
  }
  return out;
}

function quote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`;
}
