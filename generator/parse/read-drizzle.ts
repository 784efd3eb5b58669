// Drizzle ORM table definitions pasted into a spec (a ```typescript block holding pgTable(...),
// mysqlTable(...) or sqliteTable(...)): read with the TypeScript parser (syntax only, no type
// checker) into the raw tables every other notation produces. TypeScript costs ~0.5 s to
// import, so it is loaded only when a spec holds Drizzle code.
import type TS from "typescript";
import type { Diagnostic } from "../base/diagnostics.js";
import { nameKey, plural, singular, snakeCase, words } from "../base/naming.js";
import type { Span } from "../base/span.js";
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
  // A block that holds no Drizzle definitions (nor zod schemas) is none of this reader's business.
  const hasZod = ZOD_HINT.test(text);
  if (!tableCalls.length && !out.enums.length && !looseIndexes.length && !hasZod) return out;
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
  const readTables: ZodTable[] = [];
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
    readTables.push({ name: named.name.text, ...(t.varName ? { varName: t.varName } : {}), columns: [...states.values()].map((s) => ({ key: s.key, name: s.name.text, type: s.type })) });
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

  // -------------------------------------------------------------- zod schemas: value rules on the columns
  if (hasZod) {
    const enumValues = new Map(out.enums.map((e) => [e.name.text, e.values.map((v) => v.text)]));
    readZodSchemas({ ts, sf, vars, tables: readTables, enums: enumValues, start, raw, note, unwrap, str, unchain, propName, stringList, returned, firstParam, out });
  }
  return out;
}

function quote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`;
}

// ================================================================== zod schemas
// Specs in TypeScript state their validation rules as zod schemas beside the tables
// (`z.object({ name: z.string().min(1).max(100) })`, drizzle-zod's `createInsertSchema(t, {...})`).
// Each schema becomes a fragment of the table it is about: columns with no type, holding only
// value rules (lengths, bounds, formats, patterns, allowed values, numbers of items). Nullability
// is left to the table: `.optional()` in an input says what a request may leave out, not what
// the column may hold.

/** A block that may hold zod schemas (the Markdown reader routes such blocks here too). */
const ZOD_HINT = /\bz\.(?:object|strictObject|looseObject)\s*\(|\bcreate(?:Insert|Select|Update)Schema\s*\(/;
const ZOD_OBJECT_FNS = new Set(["object", "strictObject", "looseObject"]);
const DRIZZLE_ZOD_FNS = new Set(["createInsertSchema", "createSelectSchema", "createUpdateSchema"]);
/** Words around a table's name in a schema's name: `createProjectSchema`, `taskUpdateInput`. */
const ZOD_ACTION_WORDS = new Set(["create", "update", "insert", "new", "patch", "edit", "base"]);
const ZOD_SUFFIX_WORDS = new Set(["schema", "input", "body", "dto", "request", "payload", "form", "validator"]);
/** Methods that change what a request may leave out or how a value is built, never which values are allowed. */
const ZOD_NEUTRAL = new Set([
  "optional", "nullable", "nullish", "default", "prefault", "catch", "describe", "meta", "brand", "readonly", "openapi",
  "trim", "toLowerCase", "toUpperCase", "normalize", "int", "safe", "finite", "strict", "passthrough", "strip", "nonstrict", "required", "partial", "deepPartial", "catchall",
]);
/** String checks with no JSON Schema format the app knows: left as notes. */
const ZOD_UNREAD_FORMATS = new Set([
  "cuid", "cuid2", "ulid", "nanoid", "emoji", "base64", "base64url", "jwt", "cidr", "cidrv4", "cidrv6", "e164", "xid", "ksuid", "lowercase", "uppercase", "time", "duration", "mac", "hex", "hash",
]);
const ZOD_FORMATS: Readonly<Record<string, string>> = {
  email: "email", url: "uri", httpUrl: "uri", uuid: "uuid", guid: "uuid", uuidv4: "uuid", uuidv6: "uuid", uuidv7: "uuid",
  ipv4: "ipv4", ipv6: "ipv6", hostname: "hostname", datetime: "date-time", date: "date",
};
const ZOD_NUMBER_FNS = new Set(["number", "int", "int32", "uint32", "float32", "float64", "bigint", "int64", "uint64"]);

interface ZodTableColumn {
  /** The property key in the Drizzle columns object (`projectId`). */
  readonly key: string;
  /** The column's SQL name (`project_id`). */
  readonly name: string;
  readonly type: string;
}
interface ZodTable {
  readonly name: string;
  readonly varName?: string;
  readonly columns: readonly ZodTableColumn[];
}

/** What the zod reading needs from the Drizzle reader's pass over the block. */
interface ZodContext {
  readonly ts: Ts;
  readonly sf: TS.SourceFile;
  readonly vars: ReadonlyMap<string, TS.Expression>;
  /** The tables the block defines (all the Drizzle blocks of a file are read as one). */
  readonly tables: readonly ZodTable[];
  /** Named enums (pgEnum) -> their values. */
  readonly enums: ReadonlyMap<string, readonly string[]>;
  readonly start: (n: TS.Node) => number;
  readonly raw: (t: string, offset: number) => RawText;
  readonly note: (message: string, at: number) => void;
  readonly unwrap: (e: TS.Expression) => TS.Expression;
  readonly str: (e: TS.Expression | undefined) => { text: string; at: number } | null;
  readonly unchain: (e: TS.Expression) => Chain | null;
  readonly propName: (n: TS.PropertyName) => string | null;
  readonly stringList: (e: TS.Expression | undefined) => { text: string; at: number }[] | null;
  readonly returned: (fn: TS.Expression | undefined) => TS.Expression | null;
  readonly firstParam: (fn: TS.Expression | undefined) => string | null;
  readonly out: ReaderResult;
}

type ZodBase = "string" | "number" | "array" | "enum" | "object" | "other" | "unknown";
/** Which columns a rule fits; "either" (`min 3` from a drizzle-zod callback on an unknown column) is sized by the column's type. */
type ZodRuleKind = "length" | "value" | "either" | "format" | "pattern" | "values" | "items" | "each";

interface ZodRule {
  readonly text: string;
  readonly at: number;
  readonly kind: ZodRuleKind;
  readonly values?: readonly string[];
  readonly format?: string;
}

interface ZodValue {
  base: ZodBase;
  rules: ZodRule[];
  /** An array's item. */
  element?: ZodValue;
}

interface ZodField {
  readonly key: string;
  readonly keyAt: number;
  readonly value: ZodValue;
  /** Where it is written (for notes): the schema variable, or the table for drizzle-zod refinements. */
  readonly label: string;
}

interface ZodObject {
  readonly fields: Map<string, ZodField>;
  /** drizzle-zod's schemas name their table; a plain z.object is about the table its variable names. */
  readonly table?: { readonly name: string; readonly at: number; readonly known: ZodTable | null };
}

/** The kind of column a type text makes, for fitting rules to it. */
function columnKind(type: string, enums: ReadonlyMap<string, readonly string[]>): { kind: "text" | "number" | "array" | "json" | "enum" | "uuid" | "time" | "other"; values?: readonly string[] } {
  const t = type.trim().toLowerCase();
  if (t.endsWith("[]")) return { kind: "array" };
  const listed = /^enum\((.*)\)$/.exec(type.trim());
  if (listed) return { kind: "enum", values: listed[1]!.split(",").map((v) => v.trim()) };
  if (enums.has(type)) return { kind: "enum", values: enums.get(type)! };
  if (/^(text|varchar|char|citext|tinytext|mediumtext|longtext|character varying)\b/.test(t)) return { kind: "text" };
  if (/^(integer|smallint|bigint|serial|bigserial|smallserial|numeric|decimal|real|float|double precision)\b/.test(t)) return { kind: "number" };
  if (t === "json" || t === "jsonb") return { kind: "json" };
  if (t === "uuid") return { kind: "uuid" };
  if (/^(timestamp|date|time)\b/.test(t)) return { kind: "time" };
  return { kind: "other" };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A regular expression's source with every `/` escaped, so `pattern /.../` ends where it should (`\/` means `/` in every mode). */
function slashSafe(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") {
      out += ch + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "]") inClass = false;
    out += ch === "/" ? "\\/" : ch;
  }
  return inClass ? source : out;
}

/** `one of ('a', 'b')`; values holding a comma or `)` are written as a plain quoted list, which the constraint reader also reads. */
function oneOfText(values: readonly string[]): string | null {
  const quoted: string[] = [];
  for (const v of values) {
    const q = !v.includes("'") ? "'" : !v.includes('"') ? '"' : !v.includes("`") ? "`" : null;
    if (!q) return null;
    quoted.push(q + v + q);
  }
  if (values.every((v) => !/[,)]/.test(v))) return `one of (${quoted.join(", ")})`;
  return values.length >= 2 ? `one of ${quoted.join(", ")}` : null;
}

/** The words of a schema's name that name its table: `createProjectSchema` -> [project], `taskUpdateInput` -> [task]. */
export function zodSchemaSubject(varName: string): string[] {
  const w = words(varName);
  for (;;) {
    const last = w[w.length - 1];
    if (last !== undefined && (ZOD_SUFFIX_WORDS.has(last) || ZOD_ACTION_WORDS.has(last))) w.pop();
    else break;
  }
  while (w.length && ZOD_ACTION_WORDS.has(w[0]!)) w.shift();
  return w;
}

/** The table a schema's name guesses: the subject's last word in the plural, in snake_case (`createProjectSchema` -> projects). */
export function zodSchemaTable(varName: string): string | null {
  const w = zodSchemaSubject(varName);
  if (!w.length) return null;
  const last = w[w.length - 1]!;
  // `updateProjectsSchema` already says it in the plural.
  const one = singular(last);
  w[w.length - 1] = one !== last && plural(one) === last ? last : plural(last);
  return w.join("_");
}

function readZodSchemas(cx: ZodContext): void {
  const { ts, vars, start, raw, note, unwrap, str, unchain, propName } = cx;
  // The names zod is imported under (`import { z } from 'zod'`, `import * as v from 'zod/v4'`).
  const zodNames = new Set(["z"]);
  for (const st of cx.sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !/^zod(\/|$)/.test(st.moduleSpecifier.text)) continue;
    const clause = st.importClause;
    if (clause?.name) zodNames.add(clause.name.text);
    const nb = clause?.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) zodNames.add(nb.name.text);
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if ((el.propertyName ?? el.name).text === "z") zodNames.add(el.name.text);
  }
  const isZod = (e: TS.Expression | undefined): boolean => !!e && ts.isIdentifier(e) && zodNames.has(e.text);
  /** `z.coerce.number()`, `z.iso.datetime()`: the namespace under z. */
  const zodSpace = (e: TS.Expression | undefined): string | null => {
    if (!e) return null;
    const u = unwrap(e);
    if (isZod(u)) return "";
    return ts.isPropertyAccessExpression(u) && isZod(unwrap(u.expression)) ? u.name.text : null;
  };
  const tableByVar = new Map(cx.tables.filter((t) => t.varName).map((t) => [t.varName!, t]));
  const asMethod = (c: Chain): Method => ({ name: c.name, node: c.nameNode, args: c.args });

  /** A number written in the code: a literal, a negated literal, or a constant the block defines. */
  const numArg = (e: TS.Expression | undefined, depth = 0): number | null => {
    if (!e || depth > 4) return null;
    const u = unwrap(e);
    if (ts.isNumericLiteral(u)) return Number(u.text);
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.MinusToken) {
      const n = numArg(u.operand, depth + 1);
      return n === null ? null : -n;
    }
    if (ts.isIdentifier(u) && vars.has(u.text)) return numArg(vars.get(u.text), depth + 1);
    return null;
  };
  const numText = (n: number): string => String(n);

  /** The values of `enum Status { A = 'a' }` or `const Status = { A: 'a' } as const` in the block. */
  const enumLikeValues = (e: TS.Expression | undefined): string[] | null => {
    if (!e) return null;
    let u = unwrap(e);
    if (ts.isIdentifier(u)) {
      const name = u.text;
      const decl = cx.sf.statements.find((s): s is TS.EnumDeclaration => ts.isEnumDeclaration(s) && s.name.text === name);
      if (decl) {
        const values: string[] = [];
        for (const m of decl.members) {
          // A member with no string value is a number: not a list of words.
          const s = m.initializer ? str(m.initializer) : null;
          if (!s) return null;
          values.push(s.text);
        }
        return values;
      }
      const init = vars.get(name);
      if (!init) return null;
      u = unwrap(init);
    }
    if (ts.isArrayLiteralExpression(u)) return cx.stringList(u)?.map((v) => v.text) ?? null;
    if (!ts.isObjectLiteralExpression(u)) return null;
    const values: string[] = [];
    for (const p of u.properties) {
      const s = ts.isPropertyAssignment(p) ? str(p.initializer) : null;
      if (!s) return null;
      values.push(s.text);
    }
    return values;
  };

  // ------------------------------------------------------------ values (one field's schema)
  const objectCache = new Map<string, ZodObject | null>();
  const reading = new Set<string>();

  const readValue = (e0: TS.Expression, label: string, depth: number): ZodValue => {
    const e = unwrap(e0);
    if (depth > 12) return { base: "other", rules: [] };
    if (ts.isIdentifier(e)) {
      if (objectOf(e.text)) return { base: "object", rules: [] };
      const init = vars.get(e.text);
      return init ? readValue(init, label, depth + 1) : { base: "unknown", rules: [] };
    }
    // `otherSchema.shape.title`: that schema's field.
    if (ts.isPropertyAccessExpression(e)) {
      const inner = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === "shape" && ts.isIdentifier(unwrap(inner.expression))) {
        const f = objectOf((unwrap(inner.expression) as TS.Identifier).text)?.fields.get(e.name.text);
        if (f) return cloneValue(f.value);
      }
      return { base: "other", rules: [] };
    }
    const c = unchain(e);
    if (!c) return { base: "other", rules: [] };
    let v: ZodValue;
    let methods: readonly Method[] = c.methods;
    const space = zodSpace(c.object);
    if (space !== null) v = rootValue(c, space, label, depth);
    else if (c.object && ts.isIdentifier(c.object) && vars.has(c.object.text)) {
      // `titleSchema.max(50)`: a schema the block defines, refined further.
      v = objectOf(c.object.text) ? { base: "object", rules: [] } : readValue(c.object, label, depth + 1);
      methods = [asMethod(c), ...c.methods];
    } else return { base: "other", rules: [] };
    for (const m of methods) v = applyMethod(v, m, label);
    return v;
  };

  const cloneValue = (v: ZodValue): ZodValue => ({ base: v.base, rules: [...v.rules], ...(v.element ? { element: cloneValue(v.element) } : {}) });

  const rootValue = (c: Chain, space: string, label: string, depth: number): ZodValue => {
    const at = start(c.nameNode);
    const n = c.name;
    if (space === "iso" || (space === "" && (ZOD_FORMATS[n] || ZOD_UNREAD_FORMATS.has(n)) && n !== "date")) {
      // Zod 4's z.email(), z.uuid(), z.iso.datetime(): a string with that check.
      return applyMethod({ base: "string", rules: [] }, asMethod(c), label);
    }
    if (n === "string") return { base: "string", rules: [] };
    if (ZOD_NUMBER_FNS.has(n)) return { base: "number", rules: [] };
    if (n === "array") return { base: "array", rules: [], element: c.args[0] ? readValue(c.args[0], label, depth + 1) : { base: "unknown", rules: [] } };
    if (ZOD_OBJECT_FNS.has(n)) return { base: "object", rules: [] };
    if (n === "optional" || n === "nullable" || n === "nullish" || n === "readonly") return c.args[0] ? readValue(c.args[0], label, depth + 1) : { base: "other", rules: [] };
    const enumOf = (values: readonly string[] | null, what: string): ZodValue => {
      if (!values?.length) {
        note(`${label}: the values of ${what} are not written in this block; they are not read as a rule`, at);
        return { base: "other", rules: [] };
      }
      const text = oneOfText(values);
      if (!text) {
        note(`${label}: the values of ${what} cannot be written as a rule; they are not read`, at);
        return { base: "enum", rules: [] };
      }
      return { base: "enum", rules: [{ text, at, kind: "values", values }] };
    };
    if (n === "enum") return enumOf(enumLikeValues(c.args[0]), "z.enum(...)");
    if (n === "nativeEnum") return enumOf(enumLikeValues(c.args[0]), `z.nativeEnum(${c.args[0]?.getText(cx.sf) ?? ""})`);
    if (n === "literal") {
      const arg = c.args[0] ? unwrap(c.args[0]) : undefined;
      const one = str(arg);
      if (one) return enumOf([one.text], "z.literal(...)");
      if (arg && ts.isArrayLiteralExpression(arg)) return enumOf(cx.stringList(arg)?.map((x) => x.text) ?? null, "z.literal([...])");
      return { base: "other", rules: [] };
    }
    if (n === "union") {
      // z.union([z.literal('a'), z.literal('b')]): the values of an enum.
      const arr = c.args[0] ? unwrap(c.args[0]) : undefined;
      const values: string[] = [];
      if (arr && ts.isArrayLiteralExpression(arr)) {
        for (const el of arr.elements) {
          const lc = unchain(el);
          const s = lc && lc.name === "literal" && zodSpace(lc.object) === "" && !lc.methods.length ? str(lc.args[0]) : null;
          if (!s) return { base: "other", rules: [] };
          values.push(s.text);
        }
        return enumOf(values, "z.union([...])");
      }
      return { base: "other", rules: [] };
    }
    return { base: "other", rules: [] };
  };

  const applyMethod = (v: ZodValue, m: Method, label: string): ZodValue => {
    const at = start(m.node);
    const name = m.name;
    const rule = (text: string, kind: ZodRuleKind, extra: Partial<ZodRule> = {}): ZodValue => {
      v.rules.push({ text, at, kind, ...extra });
      return v;
    };
    const bound = (): number | null => {
      const n = numArg(m.args[0]);
      if (n === null) note(`${label}: the bound of .${name}(${m.args[0]?.getText(cx.sf) ?? ""}) is not a number written here; it is not read as a rule`, at);
      return n;
    };
    if (ZOD_NEUTRAL.has(name)) return v;
    if (name === "array") return { base: "array", rules: [], element: v };
    if (["refine", "superRefine", "check", "transform", "pipe", "preprocess", "overwrite", "or", "and"].includes(name)) {
      note(`${label}: .${name}(...) is code; what it checks is not read as a rule`, at);
      return name === "or" || name === "and" || name === "pipe" || name === "transform" ? { base: "other", rules: [] } : v;
    }
    const base = v.base;
    switch (name) {
      case "min":
      case "max":
      case "length":
      case "nonempty": {
        const n = name === "nonempty" ? 1 : bound();
        if (n === null) return v;
        const lo = name === "min" || name === "length" || name === "nonempty";
        const hi = name === "max" || name === "length";
        if (base === "array") {
          if (lo) rule(`at least ${numText(n)} items`, "items");
          if (hi) rule(`at most ${numText(n)} items`, "items");
        } else if (base === "number") {
          if (name === "length") return v;
          rule(`${lo ? "min" : "max"} ${numText(n)}`, "value");
        } else if (base === "string" || (base === "unknown" && name === "length")) {
          if (lo) rule(`min length ${numText(n)}`, "length");
          if (hi) rule(`max length ${numText(n)}`, "length");
        } else if (base === "unknown") rule(`${lo ? "min" : "max"} ${numText(n)}`, "either");
        else note(`${label}: .${name}() on this kind of value is not read as a rule`, at);
        return v;
      }
      case "gte":
      case "lte":
      case "gt":
      case "lt": {
        const n = bound();
        if (n === null) return v;
        if (base !== "number" && base !== "unknown") {
          note(`${label}: .${name}() on this kind of value is not read as a rule`, at);
          return v;
        }
        v.base = "number";
        const op = name === "gte" ? "min" : name === "lte" ? "max" : name === "gt" ? ">" : "<";
        return rule(`${op} ${numText(n)}`, "value");
      }
      case "positive":
      case "negative":
      case "nonnegative":
      case "nonpositive":
        v.base = "number";
        return rule(name === "positive" ? "> 0" : name === "negative" ? "< 0" : name === "nonnegative" ? "min 0" : "max 0", "value");
      case "multipleOf":
      case "step":
        note(`${label}: .${name}() is not read as a rule (no rule for multiples)`, at);
        return v;
      case "regex": {
        const arg = m.args[0] ? unwrap(m.args[0]) : undefined;
        if (!arg || !ts.isRegularExpressionLiteral(arg)) {
          note(`${label}: the pattern of .regex(...) is not a regular expression literal; it is not read as a rule`, at);
          return v;
        }
        const slash = arg.text.lastIndexOf("/");
        const source = arg.text.slice(1, slash);
        const flags = arg.text.slice(slash + 1);
        if (flags) {
          note(`${label}: the pattern ${arg.text} has flags (${flags}), which a column rule cannot keep; it is not read as a rule`, at);
          return v;
        }
        v.base = "string";
        return rule(`pattern /${slashSafe(source)}/`, "pattern");
      }
      case "startsWith":
      case "endsWith":
      case "includes": {
        const s = str(m.args[0]);
        if (!s) return v;
        const re = name === "startsWith" ? `^${escapeRegex(s.text)}` : name === "endsWith" ? `${escapeRegex(s.text)}$` : escapeRegex(s.text);
        v.base = "string";
        return rule(`pattern /${re}/`, "pattern");
      }
      case "ip": {
        const version = str((m.args[0] && ts.isObjectLiteralExpression(unwrap(m.args[0])) ? (unwrap(m.args[0]) as TS.ObjectLiteralExpression).properties : [])
          .flatMap((p) => (ts.isPropertyAssignment(p) && propName(p.name) === "version" ? [p.initializer] : []))[0])?.text;
        if (version !== "v4" && version !== "v6") {
          note(`${label}: .ip() allows IPv4 and IPv6; no one format says that, so it is not read as a rule`, at);
          return v;
        }
        v.base = "string";
        return rule(`format ip${version}`, "format", { format: `ip${version}` });
      }
    }
    const format = ZOD_FORMATS[name];
    if (format && (base === "string" || base === "unknown")) {
      v.base = "string";
      return rule(`format ${format}`, "format", { format });
    }
    if (ZOD_UNREAD_FORMATS.has(name)) {
      note(`${label}: .${name}() names a format the app does not check; it is not read as a rule`, at);
      return v;
    }
    note(`${label}: .${name}() is not read as a rule`, at);
    return v;
  };

  // ------------------------------------------------------------ objects (a whole schema)
  /** The object schema a variable holds, or null when it holds none. */
  function objectOf(name: string): ZodObject | null {
    if (objectCache.has(name)) return objectCache.get(name)!;
    const init = vars.get(name);
    if (!init || reading.has(name)) return null;
    reading.add(name);
    const o = readObject(init, name);
    reading.delete(name);
    objectCache.set(name, o);
    return o;
  }

  const cloneObject = (o: ZodObject): ZodObject => ({ fields: new Map(o.fields), ...(o.table ? { table: o.table } : {}) });

  function readObject(e0: TS.Expression, label: string): ZodObject | null {
    const e = unwrap(e0);
    if (ts.isIdentifier(e)) {
      const o = objectOf(e.text);
      return o ? cloneObject(o) : null;
    }
    const c = unchain(e);
    if (!c) return null;
    let o: ZodObject;
    let methods: readonly Method[] = c.methods;
    if (zodSpace(c.object) === "" && ZOD_OBJECT_FNS.has(c.name)) o = { fields: fieldsOf(c.args[0], label) };
    else if (!c.object && DRIZZLE_ZOD_FNS.has(c.name)) {
      const made = drizzleZod(c);
      if (!made) return null;
      o = made;
    } else if (c.object && ts.isIdentifier(c.object) && vars.has(c.object.text)) {
      const base = objectOf(c.object.text);
      if (!base) return null;
      o = cloneObject(base);
      methods = [asMethod(c), ...c.methods];
    } else return null;
    for (const m of methods) applyObjectMethod(o, m, label);
    return o;
  }

  /** The fields of `{ a: z.string(), ...other.shape }`. */
  function fieldsOf(arg: TS.Expression | undefined, label: string): Map<string, ZodField> {
    const fields = new Map<string, ZodField>();
    const obj = arg ? unwrap(arg) : undefined;
    if (!obj) return fields;
    if (ts.isIdentifier(obj)) {
      // z.object(shape) with `const shape = { ... }` in the block.
      const init = vars.get(obj.text);
      return init && ts.isObjectLiteralExpression(unwrap(init)) ? fieldsOf(init, label) : fields;
    }
    if (!ts.isObjectLiteralExpression(obj)) return fields;
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = propName(p.name);
        if (key !== null) fields.set(key, { key, keyAt: start(p.name), value: readValue(p.initializer, `${label}.${key}`, 0), label });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        const init = vars.get(p.name.text);
        if (init) fields.set(p.name.text, { key: p.name.text, keyAt: start(p.name), value: readValue(p.name, `${label}.${p.name.text}`, 0), label });
      } else if (ts.isSpreadAssignment(p)) {
        let u = unwrap(p.expression);
        if (ts.isPropertyAccessExpression(u) && u.name.text === "shape") u = unwrap(u.expression);
        const from = ts.isIdentifier(u) ? objectOf(u.text) : null;
        if (from) for (const [k, f] of from.fields) fields.set(k, f);
        else if (ts.isIdentifier(u) && vars.has(u.text)) for (const [k, f] of fieldsOf(vars.get(u.text), label)) fields.set(k, f);
      }
    }
    return fields;
  }

  /** Keys listed as `{ a: true, b: true }` (pick/omit). */
  const keysOf = (arg: TS.Expression | undefined): string[] | null => {
    const obj = arg ? unwrap(arg) : undefined;
    if (!obj || !ts.isObjectLiteralExpression(obj)) return null;
    return obj.properties.flatMap((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? [propName(p.name)] : [])).filter((k): k is string => k !== null);
  };

  function applyObjectMethod(o: ZodObject, m: Method, label: string): void {
    const at = start(m.node);
    switch (m.name) {
      case "extend":
      case "safeExtend":
        for (const [k, f] of fieldsOf(m.args[0], label)) o.fields.set(k, f);
        return;
      case "merge": {
        const other = m.args[0] ? readObject(m.args[0], label) : null;
        if (other) for (const [k, f] of other.fields) o.fields.set(k, f);
        else note(`${label}: .merge(${m.args[0]?.getText(cx.sf) ?? ""}) names a schema not read here; its fields are not read`, at);
        return;
      }
      case "pick":
      case "omit": {
        const keys = keysOf(m.args[0]);
        if (!keys) {
          note(`${label}: the keys of .${m.name}(...) are not written here; all fields are kept`, at);
          return;
        }
        for (const k of [...o.fields.keys()]) if (keys.includes(k) !== (m.name === "pick")) o.fields.delete(k);
        return;
      }
    }
    if (ZOD_NEUTRAL.has(m.name)) return;
    if (m.name === "refine" || m.name === "superRefine" || m.name === "check" || m.name === "transform") {
      note(`${label}: .${m.name}(...) is code; what it checks is not read as a rule`, at);
      return;
    }
    note(`${label}: .${m.name}() on a schema is not read`, at);
  }

  /** drizzle-zod: `createInsertSchema(tasks, { title: (s) => s.min(1), email: z.string().email() })`. */
  function drizzleZod(c: Chain): ZodObject | null {
    const arg = c.args[0] ? unwrap(c.args[0]) : undefined;
    if (!arg || !ts.isIdentifier(arg)) return null;
    const known = tableByVar.get(arg.text) ?? null;
    const table = { name: known?.name ?? snakeCase(arg.text), at: start(arg), known };
    const label = `${c.name}(${arg.text})`;
    const fields = new Map<string, ZodField>();
    const refine = c.args[1] ? unwrap(c.args[1]) : undefined;
    if (refine && ts.isObjectLiteralExpression(refine)) {
      for (const p of refine.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const key = propName(p.name);
        if (key === null) continue;
        const where = `${label}.${key}`;
        const fn = unwrap(p.initializer);
        let value: ZodValue;
        if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
          value = refinement(fn, key, known, where);
        } else value = readValue(fn, where, 0);
        fields.set(key, { key, keyAt: start(p.name), value, label });
      }
    }
    return { fields, table };
  }

  /** `(s) => s.min(1).max(100)` (or drizzle-zod 0.5's `(schema) => schema.title.min(1)`): the column's own schema, refined. */
  function refinement(fn: TS.Expression, key: string, known: ZodTable | null, where: string): ZodValue {
    const param = cx.firstParam(fn);
    const body = cx.returned(fn);
    const col = known ? matchColumn(known, key) : null;
    const kind = col ? columnKind(col.type, cx.enums).kind : null;
    let v: ZodValue = { base: kind === "text" ? "string" : kind === "number" ? "number" : kind === "array" ? "array" : "unknown", rules: [] };
    if (!param || !body) {
      note(`${where}: this refinement is not understood; it is not read as a rule`, start(fn));
      return v;
    }
    const c = unchain(body);
    const onParam = (e: TS.Expression | undefined): boolean => {
      const u = e ? unwrap(e) : undefined;
      if (!u) return false;
      if (ts.isIdentifier(u)) return u.text === param;
      return ts.isPropertyAccessExpression(u) && ts.isIdentifier(unwrap(u.expression)) && (unwrap(u.expression) as TS.Identifier).text === param;
    };
    if (!c || !onParam(c.object)) {
      if (!(ts.isIdentifier(body) && body.text === param)) note(`${where}: this refinement is not understood; it is not read as a rule`, start(body));
      return v;
    }
    for (const m of [asMethod(c), ...c.methods]) v = applyMethod(v, m, where);
    return v;
  }

  // ------------------------------------------------------------ which table, which column
  const matchColumn = (t: ZodTable, field: string): ZodTableColumn | null => {
    const exact = t.columns.find((c) => c.key === field || c.name === field);
    if (exact) return exact;
    const w = snakeCase(field);
    return t.columns.find((c) => snakeCase(c.key) === w || snakeCase(c.name) === w) ?? null;
  };

  /** The block's table a schema's name points at: its whole subject, else the subject without its leading words (`moveTaskSchema` -> tasks). */
  const tableFromName = (varName: string): { guess: string | null; found: ZodTable | null; dropped: string[] } => {
    const subject = zodSchemaSubject(varName);
    if (!subject.length) return { guess: null, found: null, dropped: [] };
    const guess = zodSchemaTable(varName);
    for (let i = 0; i < subject.length; i++) {
      const key = nameKey(subject.slice(i).join("_"));
      const found = cx.tables.find((t) => nameKey(t.name) === key || (t.varName !== undefined && nameKey(t.varName) === key));
      if (found) return { guess, found, dropped: subject.slice(0, i) };
    }
    return { guess, found: null, dropped: [] };
  };

  // ------------------------------------------------------------ each schema the block names
  for (const [varName, init] of vars) {
    const root = unchain(init);
    // Only variables that hold an object schema (cheap test first: most variables are tables and enums).
    if (!root || (!(zodSpace(root.object) === "" && ZOD_OBJECT_FNS.has(root.name)) && !(!root.object && DRIZZLE_ZOD_FNS.has(root.name)) && !(root.object && ts.isIdentifier(root.object) && vars.has(root.object.text))))
      continue;
    const o = objectOf(varName);
    if (!o) continue;
    const declAt = declarationAt(init);
    let table: ZodTable | null;
    let tableName: string;
    let tableAt: number;
    let how: string;
    if (o.table) {
      table = o.table.known;
      tableName = o.table.name;
      tableAt = o.table.at;
      how = o.table.known ? "the table it is made from" : `its table variable, not defined in this block: taken to be "${tableName}"`;
    } else {
      const { guess, found, dropped } = tableFromName(varName);
      if (!guess) continue;
      table = found;
      tableName = found?.name ?? guess;
      tableAt = declAt;
      how = !found ? "from its name; the block defines no table, so the spec's other tables decide" : dropped.length ? `from its name, leaving out "${dropped.join(" ")}"` : "from its name";
      // The block defines tables and this schema names none of them: an API input (a chat message, a move).
      if (!found && cx.tables.length) {
        note(`the zod schema ${varName} names no table of this block (read as "${guess}"); its rules are not read as column rules`, declAt);
        continue;
      }
    }
    const columns = new Map<string, { name: RawText; at: number; constraints: RawText[] }>();
    const unmatched: string[] = [];
    for (const f of o.fields.values()) {
      const col = table ? matchColumn(table, f.key) : null;
      if (table && !col) {
        unmatched.push(f.key);
        continue;
      }
      const colName = col?.name ?? snakeCase(f.key);
      const phrases = fieldRules(f, col, `${tableName}.${colName}`);
      if (!phrases.length) continue;
      const entry = columns.get(colName) ?? { name: raw(colName, f.keyAt), at: f.keyAt, constraints: [] };
      entry.constraints.push(...phrases);
      columns.set(colName, entry);
    }
    note(`the zod schema ${varName} is read as rules for table "${tableName}" (${how})`, declAt);
    if (unmatched.length) note(`the zod schema ${varName}: ${unmatched.join(", ")} ${unmatched.length === 1 ? "names no column" : "name no columns"} of "${tableName}"; not read as column rules`, declAt);
    if (!columns.size) continue;
    // A fragment column has no type (the table gives it): its empty type text sits at the field's name.
    const cols: RawColumn[] = [...columns.values()].map((c) => ({ name: c.name, type: raw("", c.at), constraints: c.constraints }));
    cx.out.tables.push({ name: raw(tableName, tableAt), columns: cols, indexes: [], notation: "drizzle", fragment: true });
  }

  /** The rule phrases of one field for its column (known: fitted to the column's type; unknown: all of them, the builder fits them). */
  function fieldRules(f: ZodField, col: ZodTableColumn | null, where: string): RawText[] {
    const v = f.value;
    const label = `${f.label}.${f.key}`;
    if (v.base === "object") {
      note(`${label} is an object (a json column's inner shape); its fields' rules are not column rules`, f.keyAt);
      return [];
    }
    const rules = [...v.rules];
    if (v.base === "array" && v.element) {
      if (v.element.base === "object") note(`${label} holds objects; the rules of their fields are not column rules`, f.keyAt);
      for (const r of v.element.rules) {
        const m = /^max length (\d+)$/.exec(r.text);
        // A list column's format and pattern hold for each of its items.
        if (m) rules.push({ text: `each max ${m[1]} chars`, at: r.at, kind: "each" });
        else if (r.kind === "format" || r.kind === "pattern") rules.push({ ...r, kind: "each" });
        else note(`${label}: the rule "${r.text}" on each item is not read as a column rule`, r.at);
      }
    }
    const out: RawText[] = [];
    const kind = col ? columnKind(col.type, cx.enums) : null;
    for (const r of rules) {
      if (kind && !fits(r, kind, where)) continue;
      out.push(raw(r.text, r.at));
    }
    return out;
  }

  /** Whether a rule can hold on a column of this kind; a rule its type already states is left out quietly, one that does not fit with a note. */
  function fits(r: ZodRule, col: ReturnType<typeof columnKind>, where: string): boolean {
    const k = col.kind;
    let ok: boolean;
    switch (r.kind) {
      case "length":
      case "pattern":
        ok = k === "text";
        break;
      case "value":
        ok = k === "number";
        break;
      case "either":
        ok = k === "text" || k === "number";
        break;
      case "format":
        if ((k === "uuid" && r.format === "uuid") || (k === "time" && (r.format === "date-time" || r.format === "date"))) return false;
        ok = k === "text";
        break;
      case "values": {
        if (k === "enum") {
          const have = col.values ?? [];
          const want = r.values ?? [];
          if (want.length === have.length && want.every((x) => have.includes(x))) return false;
          note(`${where}: the zod schema allows ${want.join(", ")}, the column's type allows ${have.join(", ")}; the column keeps its own values`, r.at);
          return false;
        }
        ok = k === "text";
        break;
      }
      case "items":
      case "each":
        ok = k === "array";
        break;
    }
    if (!ok) note(`${where}: the zod rule "${r.text}" does not fit the column's type (${k}); it is not read as a column rule`, r.at);
    return ok;
  }

  /** Where a variable's name is written, from its initializer. */
  function declarationAt(init: TS.Expression): number {
    let n: TS.Node | undefined = init;
    while (n && !ts.isVariableDeclaration(n)) n = n.parent;
    return n ? start(n.name) : start(init);
  }
}
