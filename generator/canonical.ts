// IR -> specforge's canonical YAML: one document holding the tables, the endpoints and the
// authentication mode, in the form generator/parse/parse-yaml.ts reads (docs/spec-format.md,
// "Canonical YAML"). Everything the builder inferred is written out (column types, the owner
// column, added keys, defaults, every rule), so reading the text back gives the same IR with
// nothing left to guess. Pure and deterministic: keys in a fixed order, tables and endpoints
// in IR order, no clock, no paths.
import { Document, isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import { splitPhrases } from "./parse/parse-yaml.js";
import { words } from "./base/naming.js";
import { enumByName, specTypeText } from "./ir/column-forms.js";
import type { Column, ColumnType, Endpoint, IR, ListSpec, ScalarType, Table } from "./ir/types.js";

/** The canonical YAML text of an IR (ends with a newline). */
export function canonicalYaml(ir: IR): string {
  const enums = namedEnums(ir);
  const root: Record<string, unknown> = {};
  root.auth = ir.auth.mode === "builtin" ? "built-in" : ir.auth.provider ? `external (${ir.auth.provider})` : "external";
  if (ir.rowLevelSecurity === false) root.row_level_security = false;
  if (enums.size) root.enums = Object.fromEntries([...enums].map(([name, values]) => [name, [...values]]));
  // The tables the generator adds itself (built-in auth's refresh tokens) are added again on reading.
  const tables = ir.tables.filter((t) => !t.addedBy);
  root.tables = Object.fromEntries(tables.map((t) => [t.name, tableEntry(t, enums)]));
  root.endpoints = ir.endpoints.map((e) => endpointEntry(e, ir));
  // The built-in module's operations at the spec's own paths: written as the spec wrote them, so
  // that reading back gives the same paths (the four /api/auth/ defaults need no line).
  const own = ir.auth.builtin?.paths;
  if (own && Object.entries(own).some(([op, path]) => path !== `/api/auth/${op}`)) {
    for (const op of ["register", "login", "refresh", "logout"] as const) (root.endpoints as unknown[]).push(`POST ${own[op]}`);
  }
  // The caller's account the module serves (GET /api/auth/me): written as the spec wrote it.
  for (const p of ir.auth.builtin?.profile ?? []) (root.endpoints as unknown[]).push(`${p.method.toUpperCase()} ${p.path}`);
  // Endpoints that name no table read back as themselves: the same 501 routes.
  for (const u of ir.unmapped ?? []) {
    const out: Record<string, unknown> = { method: u.method.toUpperCase(), path: u.path };
    if (u.summary) out.summary = u.summary;
    if (u.auth === "public") out.auth = "public";
    (root.endpoints as unknown[]).push(Object.keys(out).length === 2 ? `${out.method} ${u.path}` : out);
  }
  const doc = new Document(root);
  styleDocument(doc, tables);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: true });
}

// ---------------------------------------------------------------- tables

/** Named enums the columns use (CREATE TYPE, Prisma enums), by name: written once, columns name them. */
function namedEnums(ir: IR): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  const seenKeys = new Set<string>();
  for (const t of ir.tables) {
    for (const c of t.columns) {
      const e = enumOf(c.type);
      if (!e?.name || !IDENT.test(e.name) || out.has(e.name)) continue;
      // Two names the reader cannot tell apart ("TaskStatus", "task_status") stay inline.
      const key = words(e.name).join("_");
      if (seenKeys.has(key)) continue;
      seenKeys.add(key);
      out.set(e.name, e.values);
    }
  }
  return out;
}

function enumOf(t: ColumnType): Extract<ScalarType, { kind: "enum" }> | null {
  if (t.kind === "enum") return t;
  if (t.kind === "array" && t.of.kind === "enum") return t.of;
  return null;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function tableEntry(t: Table, enums: ReadonlyMap<string, readonly string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (t.description) out.description = t.description;
  if (t.identity) out.identity = true;
  if (t.owner) out.owner = t.owner;
  // An internal table (SF137) is read so again from its secret column; "shared: read" written out would make it shared.
  if (t.shared && !t.internal) out.shared = t.shared;
  if (t.renamedFrom) out.renamed_from = t.renamedFrom;
  out.columns = Object.fromEntries(t.columns.map((c) => [c.name, columnEntry(t, c, enums)]));
  if (t.indexes.length) out.indexes = t.indexes.map(indexEntry);
  if (t.checks?.length) out.checks = t.checks.map((c) => ({ name: c.name, sql: c.sql }));
  return out;
}

/** `type, phrase, phrase` when the reader splits it back into exactly those pieces; else {type, constraints, description}. */
function columnEntry(t: Table, c: Column, enums: ReadonlyMap<string, readonly string[]>): string | Record<string, unknown> {
  const { type, phrases } = columnParts(t, c, enums);
  const short = [type, ...phrases].join(", ");
  if (!c.description && sameList(splitPhrases(short), [type, ...phrases])) return short;
  return {
    type,
    ...(phrases.length ? { constraints: phrases } : {}),
    ...(c.description ? { description: c.description } : {}),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The type text and the constraint phrases that interpretType / interpretConstraint read back into `c`. */
export function columnParts(t: Table, c: Column, enums: ReadonlyMap<string, readonly string[]> = new Map()): { type: string; phrases: string[] } {
  const phrases: string[] = [];
  const key = c.primaryKey || (t.keyColumns?.includes(c.name) ?? false);
  const counts = c.default?.kind === "increment" && (c.type.kind === "integer" || c.type.kind === "bigint");
  let type: string;
  const e = c.type.kind === "enum" ? c.type : null;
  if (counts) type = c.type.kind === "bigint" ? "bigserial" : c.type.kind === "integer" && c.type.small ? "smallserial" : "serial";
  else if (e && !enumByName(e, enums) && !e.values.every(safeEnumValue)) {
    // Values the type's list cannot hold (commas, parentheses, quotes): a quoted list of allowed values.
    type = "text";
    phrases.push(`one of ${e.values.map(quote).join(", ")}`);
  } else type = specTypeText(c.type, enums);
  if (key) phrases.push("primary key");
  else phrases.push(c.nullable ? "nullable" : "not null");
  if (c.unique) phrases.push("unique");
  if (c.default && !counts) phrases.push(`default ${defaultText(c.default)}`);
  if (c.references) phrases.push(`references ${c.references.table}(${c.references.column}) on delete ${c.references.onDelete}`);
  if (c.minLength !== undefined) phrases.push(`min length ${c.minLength}`);
  if (c.maxLength !== undefined) phrases.push(`max length ${c.maxLength}`);
  if (c.minimum !== undefined) phrases.push(`min ${num(c.minimum)}`);
  if (c.maximum !== undefined) phrases.push(`max ${num(c.maximum)}`);
  if (c.exclusiveMinimum !== undefined) phrases.push(`exclusive min ${num(c.exclusiveMinimum)}`);
  if (c.exclusiveMaximum !== undefined) phrases.push(`exclusive max ${num(c.exclusiveMaximum)}`);
  if (c.relativeToNow !== undefined) phrases.push({ future: "in the future", past: "in the past", "not-past": "not in the past", "not-future": "not in the future" }[c.relativeToNow]);
  if (c.format !== undefined) phrases.push(`format ${c.format}`);
  if (c.pattern !== undefined) phrases.push(patternPhrase(c.pattern));
  // "min 2 items" would be read as a bound on a number: "at least" / "at most" are the item counts.
  if (c.minItems !== undefined) phrases.push(`at least ${c.minItems} items`);
  if (c.maxItems !== undefined) phrases.push(`at most ${c.maxItems} items`);
  if (c.itemMaxLength !== undefined) phrases.push(`each max ${c.itemMaxLength} chars`);
  if (c.renamedFrom) phrases.push(`renamed from ${c.renamedFrom}`);
  return { type, phrases };
}

/** A value enum(...) keeps as it is: splitValues splits at commas and strips one pair of quotes. */
function safeEnumValue(v: string): boolean {
  return /^[^,()'"`\s](?:[^,()]*[^,()\s])?$/.test(v);
}

/** A quoted literal the constraint reader takes back verbatim (it knows no escapes: pick a quote the text lacks). */
function quote(v: string): string {
  if (!v.includes("'")) return `'${v}'`;
  if (!v.includes('"')) return `"${v}"`;
  if (!v.includes("`")) return `\`${v}\``;
  return `“${v}”`;
}

function num(n: number): string {
  return String(n);
}

function defaultText(d: NonNullable<Column["default"]>): string {
  switch (d.kind) {
    case "now":
      return "now()";
    case "uuid":
      return "gen_random_uuid()";
    case "increment":
      return "autoincrement()";
    case "literal":
      if (d.value === null) return "null";
      if (typeof d.value === "string") return quote(d.value);
      return String(d.value);
  }
}

/** `pattern ^...$` when the expression is one word starting with ^; else quoted or between slashes. */
function patternPhrase(p: string): string {
  if (/^\^\S+$/.test(p)) return `pattern ${p}`;
  if (!/["'`]/.test(p)) return `pattern '${p}'`;
  return `pattern /${p}/`;
}

function indexEntry(i: Table["indexes"][number]): string | Record<string, unknown> {
  const plain = IDENT.test(i.name) && !/^(unique|index|on)$/i.test(i.name) && i.columns.every((c) => IDENT.test(c)) && !i.where;
  if (plain) return `${i.unique ? "unique " : ""}${i.name} on (${i.columns.join(", ")})`;
  return { name: i.name, columns: [...i.columns], unique: i.unique, ...(i.where ? { where: i.where } : {}) };
}

// ---------------------------------------------------------------- endpoints

function defaultStatus(e: Endpoint): number {
  const k = e.action.kind;
  return k === "create" || k === "create-many" || k === "copy" ? 201 : k === "delete" || k === "relation-remove" ? 204 : 200;
}

function endpointEntry(e: Endpoint, ir: IR): string | Record<string, unknown> {
  const out: Record<string, unknown> = { method: e.method.toUpperCase(), path: e.path };
  if (e.summary) out.summary = e.summary;
  if (e.successStatus !== defaultStatus(e)) out.status = e.successStatus;
  if (e.auth === "public") out.auth = "public";
  if (e.bodyKeys?.length) out.body = [...e.bodyKeys];
  const l = e.list;
  if (l?.envelope) {
    const { items, total, limit, offset, page, pages } = l.envelope;
    out.envelope = { items, ...(total !== null ? { total } : {}), ...(limit ? { limit } : {}), ...(offset ? { offset } : {}), ...(page ? { page } : {}), ...(pages ? { pages } : {}) };
  }
  // The query parameters are read against the path's resource table (e.table for a list).
  if (l && !l.inferred) out.list = listEntry(l, ir.tables.find((x) => x.name === e.table) ?? null);
  if (Object.keys(out).length === 2) return `${out.method} ${e.path}`;
  return out;
}

/**
 * The declared query parameters of a list, as explicit keys. Keys a reader would compute the
 * same way are still written (pagination, limit, sort); the sort keys only when they are not
 * every sortable column, and the default column only when it is not the one taken anyway.
 */
function listEntry(l: ListSpec, t: Table | null): Record<string, unknown> {
  const out: Record<string, unknown> = {
    pagination: l.pagination,
    limit: { param: l.limitParam, default: l.defaultLimit, max: l.maxLimit },
  };
  const sort: Record<string, unknown> = { param: l.sort.param };
  if (l.sort.orderParam) sort.order = l.sort.orderParam;
  const keysDefault = t ? sameKeys(l.sort.keys, defaultSortKeys(t)) : false;
  if (!keysDefault) sort.keys = l.sort.keys.map((k) => k.name);
  if (t) {
    const dir = l.sort.orderParam ? l.sort.default.direction : undefined;
    const word = defaultWord(l, t);
    if (word !== undefined) sort.default = word;
    if (dir) sort.direction = dir;
  }
  out.sort = sort;
  if (l.search) out.search = { param: l.search.param, columns: [...l.search.columns] };
  if (l.filters.length) out.filters = Object.fromEntries(l.filters.map((f) => [f.param, f.choices ? f.choices.map((c) => c.word) : []]));
  return out;
}

// The three functions below say what generator/ir/build-list.ts computes for a list that
// names no sort keys or no default; they must agree with it (the round-trip test checks).

function sortable(c: Column): boolean {
  return c.type.kind !== "json" && c.type.kind !== "text" && c.role !== "owner";
}

function defaultSortKeys(t: Table): { name: string; column: string }[] {
  const keys = t.columns.filter(sortable).map((c) => ({ name: c.name, column: c.name }));
  for (const [alias, role] of [["created", "created_at"], ["updated", "updated_at"]] as const) {
    const c = t.columns.find((x) => x.role === role);
    if (c && !keys.some((k) => k.name === alias)) keys.push({ name: alias, column: c.name });
  }
  return keys;
}

function sortColumn(word: string, t: Table): Column | undefined {
  const w = word.toLowerCase().replace(/^-/, "");
  const cols = t.columns.filter(sortable);
  return (
    cols.find((c) => c.name === w) ??
    cols.find((c) => c.name === `${w}_at` || c.name === `${w}_date` || c.name === `${w}_on`) ??
    (w === "created" || w === "newest" || w === "oldest" || w === "date" ? cols.find((c) => c.role === "created_at") : undefined) ??
    (w === "updated" || w === "modified" ? cols.find((c) => c.role === "updated_at") : undefined) ??
    (w === "alphabetical" ? cols.find((c) => c.name === "title" || c.name === "name") : undefined)
  );
}

function sameKeys(a: ListSpec["sort"]["keys"], b: ListSpec["sort"]["keys"]): boolean {
  return a.length === b.length && a.every((k, i) => k.name === b[i]!.name && k.column === b[i]!.column);
}

/**
 * The word for the default sort column: the column's own name (or a key naming it) when the
 * reader resolves it to that column and the direction comes out right; none when the column
 * is the one a list sorts by anyway (created_at, else the key).
 */
function defaultWord(l: ListSpec, t: Table): string | undefined {
  const def = l.sort.default;
  const created = t.columns.find((c) => c.role === "created_at");
  const fallback = created ? created.name : t.primaryKey;
  const candidates = [def.column, ...l.sort.keys.filter((k) => k.column === def.column).map((k) => k.name)];
  for (const w of candidates) {
    const c = sortColumn(w, t);
    if (!c || c.name !== def.column) continue;
    const roleDir = c.role === "created_at" || c.role === "updated_at" ? "desc" : "asc";
    // Without an order parameter the direction follows the column's role.
    if (l.sort.orderParam || roleDir === def.direction) return w;
  }
  return def.column === fallback ? undefined : def.column;
}

// ---------------------------------------------------------------- layout

/** Short collections on one line (index objects, enum values, constraint lists, checks), and a comment for inferred scopes. */
function styleDocument(doc: Document, tables: readonly Table[]): void {
  const root = doc.contents as YAMLMap;
  const flowAll = (node: unknown) => {
    if (isSeq(node) || isMap(node)) (node as YAMLSeq | YAMLMap).flow = true;
  };
  const enumsNode = root.get("enums", true);
  if (isMap(enumsNode)) for (const p of enumsNode.items) flowAll(p.value);
  const tmap = root.get("tables", true);
  if (isMap(tmap)) {
    for (const pair of tmap.items) {
      const { key, value } = pair;
      if (!isScalar(key) || !isMap(value)) continue;
      const t = tables.find((x) => x.name === String(key.value));
      const scope = t ? scopeComment(t) : null;
      if (scope) key.commentBefore = ` ${scope}`;
      const cols = value.get("columns", true);
      if (isMap(cols)) for (const cp of cols.items) if (isMap(cp.value)) flowAll(cp.value.get("constraints", true));
      const idx = value.get("indexes", true);
      if (isSeq(idx)) for (const i of idx.items) if (isMap(i)) { i.flow = true; flowAll(i.get("columns", true)); }
      const checks = value.get("checks", true);
      if (isSeq(checks)) for (const c of checks.items) flowAll(c);
    }
  }
  const eps = root.get("endpoints", true);
  if (isSeq(eps)) {
    for (const e of eps.items) {
      if (!isMap(e)) continue;
      flowAll(e.get("envelope", true));
      const list = e.get("list", true);
      if (!isMap(list)) continue;
      flowAll(list.get("limit", true));
      const sort = list.get("sort", true);
      if (isMap(sort)) { sort.flow = true; flowAll(sort.get("keys", true)); }
      const search = list.get("search", true);
      if (isMap(search)) { search.flow = true; flowAll(search.get("columns", true)); }
      const filters = list.get("filters", true);
      if (isMap(filters)) for (const f of filters.items) flowAll(f.value);
    }
  }
}

/** How rows of a table without an owner column are the caller's (inferred by the builder; shown, not read). */
function scopeComment(t: Table): string | null {
  const s = t.scope;
  if (!s) return null;
  switch (s.kind) {
    case "parent":
      return `rows are the caller's through ${s.column} -> ${s.parent}.${s.parentKey}`;
    case "member":
      return `rows are the caller's when ${s.membership} has ${s.membershipGroup} = ${s.column} and ${s.membershipUser} = the caller`;
    case "tenant":
      return `rows are the caller's ${s.group}'s: ${s.column} = the token's tenant claim`;
    default: {
      const never: never = s;
      throw new Error(`internal: unhandled scope ${JSON.stringify(never)}`);
    }
  }
}
