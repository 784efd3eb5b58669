// Laravel migrations pasted into a spec: `Schema::create('tasks', function (Blueprint $table) {
// $table->id(); $table->string('title', 200); ... })`, and `Schema::table('tasks', ...)` adding to a
// table. Each Schema::create is a raw table named as written; each `$table->type('name', ...)`
// call a column, with its chained modifiers, the way Laravel's schema builder makes them:
// - columns are NOT NULL unless `->nullable()`; `string` is varchar(255) unless a length is given;
//   `id()`/`bigIncrements` a bigserial key, `increments` a serial one; `unsigned*` types are >= 0;
// - `foreignId('user_id')->constrained()` references the table named by the column without `_id`,
//   in the plural (users), `constrained('projects')` that table; `->cascadeOnDelete()`,
//   `->onDelete('cascade')`, `->nullOnDelete()` its delete action; `foreign('x')->references('id')
//   ->on('t')` the same apart; `foreignIdFor(User::class)` is user_id;
// - `timestamps()` adds created_at/updated_at (nullable, as Laravel makes them), `softDeletes()`
//   deleted_at, `rememberToken()` remember_token; `enum('status', [...])` the values;
// - `unique()`/`index()`/`primary()` on a column, or with a list on the table, are indexes.
// Read with Lezer's PHP grammar (a block without `<?php` is read as if it had one), loaded only
// when a spec holds such a migration; what is not understood is SF113 at its place.
import { parser } from "@lezer/php";
import type { SyntaxNode } from "@lezer/common";
import type { BlockReader, ReaderResult, SourceBlock } from "./block.js";
import type { RawIndex, RawTable, RawText } from "./raw.js";
import { openResult } from "./block.js";
import { codeSnake, defaultPhrase, pluralSnake } from "./script-block.js";

export function loadLaravelReader(): BlockReader {
  return readLaravel;
}

const HINT = "a Laravel column is `$table->string('title', 200)->nullable()` inside `Schema::create('tasks', function (Blueprint $table) { ... })`";

/** Blueprint column methods -> [type, whether the value is unsigned]. `len` / `p, s` come from the call's arguments. */
const COLUMN_TYPES: Readonly<Record<string, string>> = {
  string: "varchar", char: "char", text: "text", tinyText: "text", mediumText: "text", longText: "text",
  integer: "integer", bigInteger: "bigint", smallInteger: "smallint", tinyInteger: "smallint", mediumInteger: "integer",
  unsignedInteger: "integer", unsignedBigInteger: "bigint", unsignedSmallInteger: "smallint", unsignedTinyInteger: "smallint", unsignedMediumInteger: "integer",
  float: "double precision", double: "double precision", decimal: "numeric", unsignedDecimal: "numeric",
  boolean: "boolean", date: "date", dateTime: "timestamp", dateTimeTz: "timestamptz", timestamp: "timestamp", timestampTz: "timestamptz",
  time: "time", timeTz: "time", year: "integer", json: "jsonb", jsonb: "jsonb", binary: "bytea", uuid: "uuid", ulid: "char(26)",
  ipAddress: "varchar(45)", macAddress: "varchar(17)", enum: "text", set: "text", foreignId: "bigint", foreignUuid: "uuid", foreignUlid: "char(26)",
  increments: "serial", bigIncrements: "bigserial", smallIncrements: "smallserial", mediumIncrements: "serial", tinyIncrements: "smallserial", id: "bigserial",
  geometry: "text", point: "text",
};
/** Modifiers that change nothing the generated app keeps. */
const QUIET = /^(after|first|charset|collation|comment|useCurrentOnUpdate|cascadeOnUpdate|restrictOnUpdate|onUpdate|nullOnUpdate|noActionOnUpdate|invisible|from|startingValue|change|autoIncrement|always|generatedAs|spatialIndex|fulltext|persisted|isGeometry|projection)$/;

interface Call {
  readonly name: string;
  readonly args: readonly SyntaxNode[];
  readonly at: number;
}

function readLaravel(block: SourceBlock): ReaderResult {
  const { out, raw, warn, note, span } = openResult(block);
  // Lezer's PHP grammar reads code only after `<?php`; a migration pasted without it gets one.
  const prefix = /^\s*<\?php/.test(block.text) ? "" : "<?php ";
  const text = prefix + block.text;
  const off = (n: number): number => Math.max(0, n - prefix.length);
  const tree = parser.parse(text);
  const slice = (n: SyntaxNode | null | undefined): string => (n ? text.slice(n.from, n.to) : "");
  const str = (n: SyntaxNode | undefined): string | null => {
    if (!n || n.name !== "String") return null;
    const s = slice(n);
    return s.slice(1, -1).replace(/\\(['"\\])/g, "$1");
  };
  const list = (n: SyntaxNode | undefined): string[] | null => {
    if (!n) return null;
    if (n.name === "String") return [str(n)!];
    if (n.name !== "ArrayExpression") return null;
    const items: string[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === "[" || c.name === "]" || c.name === ",") continue;
      const s = str(c.name === "ValueList" || c.name === "ArrayElement" ? c.firstChild ?? undefined : c);
      if (s === null) return null;
      items.push(s);
    }
    return items;
  };
  const argsOf = (argList: SyntaxNode | null): SyntaxNode[] => {
    const a: SyntaxNode[] = [];
    for (let c = argList?.firstChild; c; c = c.nextSibling) if (!["(", ")", ","].includes(c.name)) a.push(c.name === "Argument" || c.name === "NamedArgument" ? c.lastChild ?? c : c);
    return a;
  };
  /** `$table->a(x)->b()->c(y)` -> the root text and [a(x), b(), c(y)]. */
  const chain = (n: SyntaxNode): { root: string; calls: Call[] } | null => {
    const calls: Call[] = [];
    let cur: SyntaxNode | null = n;
    while (cur) {
      if (cur.name === "CallExpression") {
        const callee: SyntaxNode | null = cur.firstChild;
        const args = cur.getChild("ArgList");
        if (callee?.name === "MemberExpression") {
          const name = callee.lastChild;
          calls.unshift({ name: slice(name), args: argsOf(args), at: off(name?.from ?? cur.from) });
          cur = callee.firstChild;
          continue;
        }
        return null;
      }
      if (cur.name === "VariableName") return { root: slice(cur), calls };
      return null;
    }
    return null;
  };

  interface Col {
    name: RawText;
    type: RawText;
    constraints: RawText[];
    nullable: boolean;
  }
  interface Tbl {
    name: RawText;
    columns: Col[];
    indexes: RawIndex[];
    fragment: boolean;
    at: number;
  }
  const tables = new Map<string, Tbl>();
  const order: Tbl[] = [];

  const cursor = tree.cursor();
  do {
    const n = cursor.node;
    if (n.name !== "CallExpression") continue;
    const callee = n.firstChild;
    if (callee?.name !== "ScopedExpression") continue;
    const m = /^\\?(?:Illuminate\\Support\\Facades\\)?Schema::(create|table)$/.exec(slice(callee).replace(/\s+/g, ""));
    if (!m) continue;
    const args = argsOf(n.getChild("ArgList"));
    const tname = str(args[0]);
    const fn = args.find((a) => a.name === "FunctionExpression" || a.name === "ArrowFunction");
    if (!tname || !fn) {
      warn(`Schema::${m[1]} here does not name its table as a string with a function after it; not read`, off(n.from), HINT);
      continue;
    }
    const param = slice(fn.getChild("ParamList")?.getChild("Parameter")?.getChild("VariableName")) || "$table";
    let t = tables.get(tname);
    if (!t) {
      t = { name: raw(tname, off(args[0]!.from) + 1), columns: [], indexes: [], fragment: m[1] === "table", at: off(args[0]!.from) + 1 };
      tables.set(tname, t);
      order.push(t);
    } else if (m[1] === "create") t.fragment = false;
    const body = fn.getChild("Block");
    for (let st = body?.firstChild; st; st = st.nextSibling) {
      if (st.name === "{" || st.name === "}" || st.name === "LineComment" || st.name === "BlockComment") continue;
      const expr = st.name === "ExpressionStatement" ? st.firstChild : null;
      const ch = expr ? chain(expr) : null;
      if (!ch || ch.root !== param || !ch.calls.length) {
        warn(`a statement in the migration of "${tname}" is not a ${param}-> call; not read`, off(st.from), HINT);
        continue;
      }
      blueprintCall(t, ch.calls, tname);
    }
    note(`Laravel migration: table "${tname}"${m[1] === "table" ? " (Schema::table adds to it)" : ""}`, off(args[0]!.from));
  } while (cursor.next());

  function column(t: Tbl, name: string, at: number, type: string, nullable = false, constraints: string[] = []): Col {
    const existing = t.columns.find((c) => c.name.text === name);
    const c: Col = existing ?? { name: raw(name, at), type: raw(type, at), constraints: [], nullable };
    if (existing) {
      existing.type = raw(type, at);
      existing.nullable = nullable;
    } else t.columns.push(c);
    for (const x of constraints) c.constraints.push(raw(x, at));
    return c;
  }

  function blueprintCall(t: Tbl, calls: readonly Call[], tname: string): void {
    const [head, ...mods] = calls as [Call, ...Call[]];
    const nameArg = str(head.args[0]);
    const at = head.at;
    // Table-level statements.
    switch (head.name) {
      case "timestamps":
      case "nullableTimestamps":
      case "timestampsTz":
        for (const c of ["created_at", "updated_at"]) column(t, c, at, head.name === "timestampsTz" ? "timestamptz" : "timestamp", true);
        return;
      case "softDeletes":
      case "softDeletesTz":
        column(t, nameArg ?? "deleted_at", at, head.name === "softDeletesTz" ? "timestamptz" : "timestamp", true);
        return;
      case "rememberToken":
        column(t, "remember_token", at, "varchar(100)", true);
        return;
      case "morphs":
      case "nullableMorphs":
      case "uuidMorphs":
      case "nullableUuidMorphs":
        if (nameArg) {
          const nul = head.name.startsWith("nullable");
          column(t, `${nameArg}_type`, at, "varchar(255)", nul);
          column(t, `${nameArg}_id`, at, /uuid/i.test(head.name) ? "uuid" : "bigint", nul);
          t.indexes.push({ columns: [`${nameArg}_type`, `${nameArg}_id`], unique: false, span: span(at) });
        }
        return;
      case "primary":
      case "unique":
      case "index": {
        const cols = list(head.args[0]);
        if (!cols) break;
        const idxName = str(head.args[1]) ?? undefined;
        if (head.name === "primary") for (const c of cols) t.columns.find((x) => x.name.text === c)?.constraints.push(raw("primary key", at));
        if (head.name === "primary" && cols.length > 1) t.indexes.push({ columns: cols, unique: true, ...(idxName ? { name: idxName } : {}), span: span(at) });
        else if (head.name !== "primary") t.indexes.push({ columns: cols, unique: head.name === "unique", ...(idxName ? { name: idxName } : {}), span: span(at) });
        return;
      }
      case "foreign": {
        const cols = list(head.args[0]);
        const refs = mods.find((x) => x.name === "references");
        const on = mods.find((x) => x.name === "on");
        const target = str(on?.args[0]);
        const refCol = list(refs?.args[0])?.[0] ?? "id";
        if (!cols || cols.length !== 1 || !target) {
          warn(`the foreign key of "${tname}" here is not read (its column, or ->on('table'), is not written as a string)`, at, HINT);
          return;
        }
        const c = t.columns.find((x) => x.name.text === cols[0]);
        const phrase = `references ${target}(${refCol})${deleteAction(mods)}`;
        if (c) c.constraints.push(raw(phrase, at));
        else column(t, cols[0]!, at, "", false, [phrase]).nullable = false;
        return;
      }
      case "dropColumn":
      case "dropColumns":
      case "renameColumn":
      case "dropForeign":
      case "dropIndex":
      case "dropUnique":
      case "dropTimestamps":
      case "dropSoftDeletes":
      case "engine":
      case "charset":
      case "collation":
      case "comment":
        if (/^(engine|charset|collation|comment)$/.test(head.name)) return;
        warn(`${head.name} in the migration of "${tname}" is not applied here (the spec's tables are read as created)`, at);
        return;
    }
    const cname = head.name === "id" || /Increments$/.test(head.name) && !nameArg ? nameArg ?? "id" : head.name === "foreignIdFor" ? foreignIdForName(head) : nameArg;
    let type = head.name === "foreignIdFor" ? "bigint" : COLUMN_TYPES[head.name];
    if (!type || !cname) {
      warn(`$table->${head.name}(...) in the migration of "${tname}" is not a column type read here; not read`, at, HINT);
      return;
    }
    if (type === "varchar" || type === "char") type = `${type}(${numArg(head.args[1]) ?? "255"})`;
    if (type === "numeric") type = `numeric(${numArg(head.args[1]) ?? "8"}, ${numArg(head.args[2]) ?? "2"})`;
    if (head.name === "enum" || head.name === "set") {
      const values = list(head.args[1]);
      if (values) type = head.name === "enum" ? `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})` : "text";
      else warn(`the values of "${tname}.${cname}" are not written as a list here; not enforced`, at);
    }
    const key = head.name === "id" || /Increments$/.test(head.name);
    const c = column(t, cname, at, type, false, key ? ["primary key"] : []);
    if (/^unsigned/.test(head.name)) c.constraints.push(raw(">= 0", at));
    let foreign: { table: string | null; column: string } | null = null;
    if (head.name === "foreignIdFor") foreign = { table: pluralSnake(codeSnake(classArg(head) ?? "")), column: "id" };
    for (const mo of mods) {
      switch (mo.name) {
        case "nullable":
          c.nullable = !/^false$/i.test(slice(mo.args[0]).trim());
          break;
        case "default": {
          const a = mo.args[0];
          const s = str(a);
          const lit = slice(a).trim();
          if (s !== null) c.constraints.push(raw(defaultPhrase(s, true), mo.at));
          else if (/^(true|false|-?\d+(\.\d+)?)$/i.test(lit)) c.constraints.push(raw(defaultPhrase(type === "boolean" && /^[01]$/.test(lit) ? (lit === "1" ? "true" : "false") : lit, false), mo.at));
          else if (/^(null|NULL)$/.test(lit)) c.nullable = true;
          else {
            const rawSql = /^(?:\\?DB::raw|new\s+Expression)\(\s*['"](.+)['"]\s*\)$/.exec(lit);
            if (rawSql) c.constraints.push(raw(defaultPhrase(rawSql[1]!, false), mo.at));
            else warn(`the default of "${tname}.${cname}" (${lit.slice(0, 40)}) is not a literal read here; it is not kept`, mo.at);
          }
          break;
        }
        case "useCurrent":
          c.constraints.push(raw("default now()", mo.at));
          break;
        case "unique":
          c.constraints.push(raw("unique", mo.at));
          break;
        case "index":
          t.indexes.push({ columns: [cname], unique: false, span: span(mo.at) });
          break;
        case "primary":
          c.constraints.push(raw("primary key", mo.at));
          if (type === "uuid") {
            c.constraints.push(raw("default gen_random_uuid()", mo.at));
            note(`"${tname}.${cname}" is a uuid key Laravel's HasUuids fills in; read with a random default (gen_random_uuid())`, mo.at);
          }
          break;
        case "unsigned":
          c.constraints.push(raw(">= 0", mo.at));
          break;
        case "constrained": {
          const given = str(mo.args[0]);
          foreign = { table: given ?? (cname.endsWith("_id") ? pluralSnake(cname.slice(0, -3)) : null), column: str(mo.args[1]) ?? "id" };
          if (!given) note(`"${tname}.${cname}" constrained() references "${foreign.table}" (Laravel's default: the column without _id, in the plural)`, mo.at);
          break;
        }
        case "references":
          foreign = { table: foreign?.table ?? null, column: list(mo.args[0])?.[0] ?? "id" };
          break;
        case "on":
          foreign = { table: str(mo.args[0]), column: foreign?.column ?? "id" };
          break;
        case "comment":
          break;
        default:
          if (/OnDelete$|^onDelete$/.test(mo.name) || QUIET.test(mo.name)) break;
          warn(`->${mo.name}() on "${tname}.${cname}" is not read here; it is ignored (the column stays)`, mo.at, HINT);
      }
    }
    if (foreign) {
      if (!foreign.table) warn(`"${tname}.${cname}" references a table not named here; the reference is skipped`, at);
      else {
        c.constraints.push(raw(`references ${foreign.table}(${foreign.column})${deleteAction(mods)}`, at));
        // A key to a table written elsewhere in the spec takes that key's type (foreignId is bigint only against id()).
        if (head.name === "foreignId" && !tables.has(foreign.table)) c.type = raw("", at);
      }
    }
  }

  function deleteAction(mods: readonly Call[]): string {
    for (const mo of mods) {
      if (mo.name === "cascadeOnDelete") return " on delete cascade";
      if (mo.name === "nullOnDelete") return " on delete set null";
      if (mo.name === "restrictOnDelete") return " on delete restrict";
      if (mo.name === "noActionOnDelete") return " on delete no action";
      if (mo.name === "onDelete") {
        const a = (str(mo.args[0]) ?? "").toLowerCase();
        if (/^(cascade|set null|restrict|no action|set default)$/.test(a)) return ` on delete ${a}`;
      }
    }
    return "";
  }
  function numArg(n: SyntaxNode | undefined): string | null {
    const s = slice(n).trim();
    return /^\d+$/.test(s) ? s : null;
  }
  function classArg(c: Call): string | null {
    const m = /^\\?(?:\w+\\)*(\w+)::class$/.exec(slice(c.args[0]).replace(/\s+/g, ""));
    return m ? m[1]! : null;
  }
  function foreignIdForName(c: Call): string | null {
    const cls = classArg(c);
    return str(c.args[1]) ?? (cls ? `${codeSnake(cls)}_id` : null);
  }

  for (const t of order) {
    if (!t.columns.length && !t.indexes.length) {
      warn(`the migration of "${t.name.text}" has no column read here; it is not a table`, t.at, HINT);
      continue;
    }
    const table: RawTable = {
      name: t.name,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, constraints: [{ text: c.nullable ? "nullable" : "not null", span: c.type.span }, ...c.constraints] })),
      indexes: t.indexes,
      notation: "laravel",
      ...(t.fragment ? { fragment: true } : {}),
    };
    out.tables.push(table);
  }
  return out;
}
