// A table draft made an IR table: column roles, unique groups, and defaults that break their
// column's own rules.
import { snakeCase } from "../base/naming.js";
import { finishChecks } from "./build-checks.js";
import type { BuildContext } from "./build-context.js";
import type { RawIndex } from "../parse/raw.js";
import { type ColumnDraft, short, type TableDraft } from "./drafts.js";
import type { Column, ColumnRole, ColumnType, ForeignKey, Index, Table } from "./types.js";

/**
 * A text default that breaks the column's own rules (DEFAULT '' on a column of at least one
 * character, often a rule the API spec adds) would make every row that leaves the column out a
 * 422: the default is dropped, with a warning that says which rule it breaks.
 */
export function dropContradictedDefaults(cx: BuildContext, tables: Table[]): Table[] {
  return tables.map((t) => {
    let changed = false;
    const columns = t.columns.map((c) => {
      const d = c.default;
      if (!d || d.kind !== "literal" || typeof d.value !== "string") return c;
      const v = d.value;
      const broken =
        c.minLength !== undefined && [...v].length < c.minLength ? `min length ${c.minLength}`
        : c.maxLength !== undefined && [...v].length > c.maxLength ? `max length ${c.maxLength}`
        : c.pattern !== undefined && !safeTest(c.pattern, v) ? `pattern ${c.pattern}`
        : null;
      if (!broken) return c;
      changed = true;
      cx.diag("warning", "SF117", `default ${JSON.stringify(v)} of column "${t.name}.${c.name}" breaks its rule (${broken}); the default is dropped, so a new row must give the column`, c.span,
        "give a default that meets the rule, or relax the rule");
      return { ...c, default: null };
    });
    return changed ? { ...t, columns } : t;
  });
}

/**
 * The users table's key is the token's subject, written by the app from a verified token, never
 * sent by a client: a text rule on it ("string/UUID", a length) would refuse the users of an
 * issuer whose ids have another shape (Better Auth's are 32 letters and digits). The rule is
 * left out, and explain says so; a key whose type is uuid or integer still decides which
 * subjects the app accepts (runtime/auth.ts). A column referencing that key holds the same
 * subjects (an owner column is filled from the token), so the same rule is left out there too.
 */
function issuedKeyRules(cx: BuildContext, t: TableDraft, c: ColumnDraft, identity: TableDraft | null): ColumnDraft {
  if (!identity || cx.authMode.mode === "builtin" || (c.type && c.type.kind !== "text" && c.type.kind !== "string")) return c;
  const key = t === identity && c.name === t.primaryKey;
  const ref = !key && c.references !== null && c.references.table === identity.name && c.references.column === identity.primaryKey;
  if (!key && !ref) return c;
  const rules = [c.format && `format ${c.format}`, c.pattern && `pattern ${c.pattern}`, c.minLength !== undefined && `min length ${c.minLength}`, c.maxLength !== undefined && `max length ${c.maxLength}`].filter(Boolean);
  if (!rules.length) return c;
  if (key) cx.note(c.span, `"${t.name}.${c.name}" is the token's subject (the users table's key, written from a verified token): its ${rules.join(", ")} is not checked, so users of an issuer whose ids have another shape are not refused`);
  else cx.note(c.span, `"${t.name}.${c.name}" holds a user id (it references ${identity.name}.${identity.primaryKey}, the token's subject): its ${rules.join(", ")} is not checked, as it is not on the key it references`);
  const { format: _f, pattern: _p, minLength: _min, maxLength: _max, ...rest } = c;
  return rest;
}

export function finishTable(cx: BuildContext, t: TableDraft, identity: TableDraft | null, owner: string | null): Table {
  const columns: Column[] = t.columns.map((written) => {
    const c = issuedKeyRules(cx, t, written, identity);
    const type: ColumnType = c.type ?? { kind: "text" };
    let role: ColumnRole = "data";
    const sn = snakeCase(c.name);
    if (c.name === t.primaryKey && !t.keyColumns) role = "id";
    else if (owner && c.name === owner) role = "owner";
    else if ((sn === "created_at" || sn === "updated_at") && type.kind === "timestamp") role = sn;
    // The server keeps created_at/updated_at; the database must be able to fill them.
    let dflt = c.default;
    if ((role === "created_at" || role === "updated_at") && dflt === null) {
      dflt = { kind: "now" };
      cx.note(c.span, `"${t.name}.${c.name}" has no default; read as default now() (the server keeps it)`);
    }
    const col: Column = {
      name: c.name,
      span: c.span,
      type,
      nullable: c.nullable,
      primaryKey: c.primaryKey && c.name === t.primaryKey && !t.keyColumns,
      unique: c.unique,
      default: dflt,
      references: c.references,
      ...(c.minLength !== undefined ? { minLength: c.minLength } : {}),
      ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
      ...(c.minimum !== undefined ? { minimum: c.minimum } : {}),
      ...(c.maximum !== undefined ? { maximum: c.maximum } : {}),
      ...(c.exclusiveMinimum !== undefined ? { exclusiveMinimum: c.exclusiveMinimum } : {}),
      ...(c.exclusiveMaximum !== undefined ? { exclusiveMaximum: c.exclusiveMaximum } : {}),
      ...(c.oneOf !== undefined ? { oneOf: c.oneOf } : {}),
      ...(c.relativeToNow !== undefined ? { relativeToNow: c.relativeToNow } : {}),
      ...(c.format !== undefined ? { format: c.format } : {}),
      ...(c.pattern !== undefined ? { pattern: c.pattern } : {}),
      ...(c.minItems !== undefined ? { minItems: c.minItems } : {}),
      ...(c.maxItems !== undefined ? { maxItems: c.maxItems } : {}),
      ...(c.itemMaxLength !== undefined ? { itemMaxLength: c.itemMaxLength } : {}),
      role,
      ...(c.description ? { description: c.description } : {}),
      ...(c.renamedFrom && c.renamedFrom !== c.name ? { renamedFrom: c.renamedFrom } : {}),
    };
    return col;
  });
  // Integer primary keys without a default count up; that is what "id integer primary key" means in practice.
  const pk = t.columns.find((c) => c.name === t.primaryKey);
  // The identity table's key comes from the token issuer, except in built-in mode, where the app creates users.
  const issuedIds = t === identity && cx.authMode.mode !== "builtin";
  if (pk && !t.keyColumns && !pk.default && !issuedIds && (pk.type?.kind === "integer" || pk.type?.kind === "bigint")) {
    const i = columns.findIndex((c) => c.name === pk.name);
    columns[i] = { ...columns[i]!, default: { kind: "increment" } };
    cx.note(pk.span, `primary key "${t.name}.${pk.name}" has no default; read as auto-increment`);
  }
  resolveUniquePer(cx, t, owner);
  // "unique per user": unique together with the owner column.
  for (const c of t.columns) {
    if (!c.uniquePerOwner) continue;
    if (owner && owner !== c.name) t.rawIndexes.push({ columns: [owner, c.name], unique: true, span: c.uniquePerOwner });
    else if (!owner) cx.diag("warning", "SF108", `"${t.name}.${c.name}" is said to be unique per user, but "${t.name}" has no owner column; read as unique`, c.uniquePerOwner);
    if (!owner) t.rawIndexes.push({ columns: [c.name], unique: true, span: c.uniquePerOwner });
  }
  const checks = finishChecks(cx, t, columns);
  softDeleteWarning(cx, t, columns);
  const indexes: Index[] = [];
  const seen = new Set<string>();
  for (const i of t.rawIndexes) {
    const missing = i.columns.filter((c) => !columns.some((col) => col.name === c));
    if (missing.length) {
      cx.diag("warning", "SF111", `index on table "${t.name}" names unknown column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}; it is not created`, i.span,
        `columns of "${t.name}": ${columns.map((c) => c.name).join(", ")}`);
      continue;
    }
    const where = i.where ? partialCondition(cx, t, columns, i) : undefined;
    const key = `${i.unique}:${i.columns.join(",")}:${where ?? ""}`;
    if (seen.has(key)) continue;
    if (i.columns.length === 1 && i.columns[0] === t.primaryKey && !where) continue; // the primary key is indexed already
    seen.add(key);
    indexes.push({
      name: i.name ?? `${t.name}_${i.columns.join("_")}_${i.unique ? "unique" : "index"}${where ? "_partial" : ""}`,
      columns: [...i.columns],
      unique: i.unique,
      span: i.span,
      ...(where ? { where } : {}),
    });
  }
  return {
    name: t.name,
    span: t.span,
    identity: t === identity,
    owner,
    primaryKey: t.primaryKey,
    ...(t.keyColumns ? { keyColumns: t.keyColumns } : {}),
    columns,
    indexes,
    ...(t.description ? { description: t.description } : {}),
    ...(t.renamedFrom ? { renamedFrom: t.renamedFrom } : {}),
    ...(checks.length ? { checks } : {}),
    ...compositeKeys(t),
  };
}

/**
 * The table's CHECKs: each named (as written, or <table>_<columns>_check), kept only when
 * PostgreSQL can take it verbatim: understood by the rule reader, or a comparison of two of
 * the table's columns. Anything else is a warning that quotes it (never a migration that fails).
 */
/**
 * "unique per city" on year: one composite unique (city_id, year). A row naming two columns
 * ("`year`, `month` | unique per user-city combination") makes one index with both. A word
 * that names no column leaves no index at all: a single-column unique would refuse valid rows.
 */
function resolveUniquePer(cx: BuildContext, t: TableDraft, owner: string | null): void {
  const groups = new Map<string, ColumnDraft[]>();
  for (const c of t.columns) if (c.uniquePer) groups.set(c.uniquePer.group, [...(groups.get(c.uniquePer.group) ?? []), c]);
  const fold = (s: string) => s.toLowerCase().replace(/_/g, "");
  const OWNER_WORD = /^(?:user|owner|account|player|member|customer)s?$/i;
  for (const cols of groups.values()) {
    const { words, span } = cols[0]!.uniquePer!;
    const resolved: string[] = [];
    const unknown: string[] = [];
    for (const w of words) {
      const f = fold(w);
      const hit = t.columns.find((c) => fold(c.name) === f) ?? t.columns.find((c) => fold(c.name) === `${f}id` || fold(c.name) === `${f.replace(/s$/, "")}id`);
      const name = hit?.name ?? (OWNER_WORD.test(w) && owner ? owner : undefined);
      if (name) resolved.push(name);
      else unknown.push(w);
    }
    if (unknown.length) {
      if (unknown.every((w) => OWNER_WORD.test(w)) && resolved.length === 0 && words.length === unknown.length) {
        for (const c of cols) c.uniquePerOwner ??= span;
        continue;
      }
      cx.diag("warning", "SF108", `"${t.name}.${cols.map((c) => c.name).join(", ")}" is said to be unique per ${words.join("-")}, but no column of "${t.name}" is named by ${unknown.map((u) => `"${u}"`).join(", ")}; no unique index is made`, span,
        `write the columns: "unique (${[...words.map((w) => `${w}_id`), ...cols.map((c) => c.name)].join(", ")})"`);
      continue;
    }
    const columns = [...new Set([...resolved, ...cols.map((c) => c.name)])];
    t.rawIndexes.push({ columns, unique: true, span });
    cx.note(span, `"${t.name}.${cols.map((c) => c.name).join(", ")}" unique per ${words.join("-")}: read as unique (${columns.join(", ")})`);
  }
}

/**
 * A column that marks rows deleted (deleted_at, deletedAt, is_deleted) states soft delete: a
 * deleted row is kept but hidden. The generated routes do not do that (DELETE removes the row;
 * lists and gets return rows so marked), so the rule is a warning quoting the column, never
 * silently a hard delete. A partial index on it (WHERE deleted_at IS NULL) is kept as written.
 */
function softDeleteWarning(cx: BuildContext, t: TableDraft, columns: readonly Column[]): void {
  for (const c of columns) {
    const n = snakeCase(c.name);
    const stamp = /^deleted_(?:at|on|date|time|timestamp)$/.test(n) && ["timestamp", "timestamptz", "date"].includes(c.type.kind);
    const flag = /^(?:is_)?deleted$/.test(n) && c.type.kind === "boolean";
    if (!stamp && !flag) continue;
    const marked = stamp ? `whose ${c.name} is set` : `whose ${c.name} is true`;
    const said = c.description && /soft|delet|hidden|trash|recycle/i.test(c.description) ? ` (its description: "${short(c.description)}")` : "";
    cx.diag("warning", "SF108",
      `"${t.name}.${c.name}" marks soft-deleted rows${said}, which the app does not do: DELETE removes the row, and lists and gets return rows ${marked}`,
      c.span,
      `to keep deleted rows, refuse DELETE in a hook (docs/hooks.md) and ${stamp ? `set ${c.name}` : `set ${c.name} to true`} with PATCH instead; or drop the column`);
  }
}

/**
 * A partial index's WHERE, read as a CHECK is read (PostgreSQL's parser; MySQL and SQLite
 * translated): its PostgreSQL text, with the table's own column names. One that cannot be read,
 * or names a column the table does not have, is a warning quoting it, and the index covers all
 * rows (a unique one then refuses more than the spec says: the warning says so).
 */
function partialCondition(cx: BuildContext, t: TableDraft, columns: readonly Column[], i: RawIndex): string | undefined {
  const w = i.where!;
  const named = (n: string) => columns.find((c) => c.name === n)?.name ?? columns.find((c) => c.name.toLowerCase() === n.toLowerCase())?.name;
  const r = cx.options.readCheckSql?.(w.expression.text, w.dialect, named);
  const unknown = r?.ok ? r.columns.filter((c) => !named(c)) : [];
  if (r?.ok && unknown.length === 0) return r.sql;
  const why = !r ? "no SQL parser is loaded" : !r.ok ? r.why : `it names ${unknown.map((u) => `"${u}"`).join(", ")}, not a column of "${t.name}"`;
  cx.diag("warning", "SF108",
    `the condition of the partial ${i.unique ? "unique " : ""}index on "${t.name}" (${i.columns.join(", ")}) WHERE ${short(w.expression.text)} cannot be kept (${why}); ${i.unique ? "uniqueness then holds over all rows" : "the index covers all rows"}`,
    w.expression.span, "write the condition in PostgreSQL syntax over the table's columns (deleted_at IS NULL)");
  return undefined;
}

/** Whether a pattern matches a text; a pattern JavaScript cannot read matches nothing here. */
function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return true;
  }
}

/** The table's resolved foreign keys of several columns, each named <table>_<columns>_fkey. */
function compositeKeys(t: TableDraft): { foreignKeys?: ForeignKey[] } {
  const out: ForeignKey[] = [];
  for (const k of t.foreignKeys ?? []) {
    if (!k.resolved) continue;
    out.push({ name: `${t.name}_${k.columns.join("_")}_fkey`, columns: [...k.columns], table: k.resolved.table, refColumns: [...k.resolved.refColumns], onDelete: k.resolved.onDelete, span: k.span });
  }
  return out.length ? { foreignKeys: out } : {};
}
