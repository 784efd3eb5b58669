// Literals the generated routes hand to the runtime: the list contract (runtime/list.ts),
// many-to-many relations (runtime/relations.ts), how each table's rows are the caller's
// (runtime/scope.ts) and how rows are written (runtime/rows.ts), derived from the IR in one place.
import type { Column, ColumnType, Endpoint, IR, ListSpec, ManyToMany, RowCondition, Table } from "../ir/types.js";
import { camelCase, singularName } from "../base/naming.js";
import { columnByName, tableByName, type TableInfo } from "./table-info.js";
import { isNumericType, sqlType } from "../ir/column-forms.js";
import { hiddenColumn, managingRank, privilegeColumn } from "../ir/ownership.js";
import { identityPlan, leastValue } from "../ir/identity-plan.js";
import { otherUserColumn } from "../ir/user-links.js";

/** runtime/scope.ts RowScope, as data. */
export type RowScopeLiteral =
  | { readonly kind: "owner"; readonly column: string }
  | { readonly kind: "parent"; readonly column: string; readonly table: string; readonly key: string; readonly scope: RowScopeLiteral }
  | { readonly kind: "member"; readonly column: string; readonly membership: string; readonly group: string; readonly user: string }
  | { readonly kind: "tenant"; readonly column: string; readonly type: TenantType };

/** runtime/tenant.ts TenantType: the SQL type the token's tenant is compared as. */
export type TenantType = "text" | "uuid" | "integer" | "bigint";

export function tenantType(c: Column): TenantType {
  const k = c.type.kind;
  return k === "uuid" ? "uuid" : k === "integer" ? "integer" : k === "bigint" ? "bigint" : "text";
}

/** The tenant scope a table's rows end in (directly, or through their parents); null: none. */
export function tenantRoot(ir: IR, t: Table): Extract<RowScopeLiteral, { kind: "tenant" }> | null {
  let s = rowScopeOf(ir, t);
  while (s && s.kind === "parent") s = s.scope;
  return s?.kind === "tenant" ? s : null;
}

/** The tenant scopes of an app: the column names (the first claims the runtime reads) and the types the claim is held to. */
export function tenantsOf(ir: IR): { columns: string[]; types: TenantType[] } | null {
  const scopes = ir.tables.flatMap((t) => (t.scope?.kind === "tenant" ? [{ t, s: t.scope }] : []));
  if (scopes.length === 0) return null;
  const columns = [...new Set(scopes.filter((x) => x.s.column !== x.t.primaryKey).map((x) => x.s.column))].sort();
  const types = [...new Set(scopes.map((x) => tenantType(columnByName(x.t, x.s.column))))].sort();
  return { columns, types };
}

/**
 * How a table's rows are the caller's, as one chain down to a user column: its owner column,
 * its key (the identity table: the caller's own row), the parent it is scoped through (whose
 * own rows are the caller's in turn), or the membership it is scoped through. null: every
 * signed-in user sees every row (a shared table).
 */
export function rowScopeOf(ir: IR, t: Table, seen: ReadonlySet<string> = new Set()): RowScopeLiteral | null {
  if (t.owner) return { kind: "owner", column: t.owner };
  if (t.identity) return { kind: "owner", column: t.primaryKey };
  const s = t.scope;
  if (!s) return null;
  if (s.kind === "member") return { kind: "member", column: s.column, membership: s.membership, group: s.membershipGroup, user: s.membershipUser };
  if (s.kind === "tenant") return { kind: "tenant", column: s.column, type: tenantType(columnByName(t, s.column)) };
  if (seen.has(t.name)) throw new Error(`internal: the scope of ${t.name} runs in a circle`);
  const parent = rowScopeOf(ir, tableByName(ir, s.parent), new Set([...seen, t.name]));
  if (!parent) throw new Error(`internal: ${t.name} is scoped through ${s.parent}, which belongs to no one`);
  return { kind: "parent", column: s.column, table: s.parent, key: s.parentKey, scope: parent };
}

/** The column (of the table at the end of the chain) a scope compares with the caller's id. */
export function scopeRootColumn(ir: IR, t: Table): Column | null {
  let scope = rowScopeOf(ir, t);
  let table = t;
  while (scope && scope.kind === "parent") {
    table = tableByName(ir, scope.table);
    scope = scope.scope;
  }
  if (!scope) return null;
  if (scope.kind === "member") return columnByName(tableByName(ir, scope.membership), scope.user);
  return columnByName(table, scope.column);
}

/** A table's rows as the runtime sees whose they are: `{ owner }` for an owned table (and the identity table's key), `{ scope }` for a scoped one, nothing for a shared one. */
/** The foreign keys of a table to rows users own, as the models check them on write (runtime/model.ts). */
export function modelRefs(ir: IR, info: TableInfo): Array<Record<string, unknown>> {
  return info.ownedRefs.map((r) => ({ column: r.column.name, table: r.target.name, pk: r.targetPk, ...whose(ir, r.target), what: `no such ${singularName(r.target.name)}` }));
}

function whose(ir: IR, t: Table): Record<string, unknown> {
  const s = rowScopeOf(ir, t);
  if (!s) return {};
  return s.kind === "owner" ? { owner: s.column } : { scope: s };
}

/** The runtime ParentSql of a nested route (/conversations/{id}/messages): where the parent's key goes, and whose parents are whose. */
export function runtimeParent(ir: IR, t: Table, parent: NonNullable<Endpoint["parent"]>): Record<string, unknown> {
  const pt = tableByName(ir, parent.table);
  const c = columnByName(t, parent.column);
  const implied = t.scope?.kind === "parent" && t.scope.column === parent.column;
  // The other user of a link between users (/users/{id}/follow): any user, not the caller's own row only.
  const open = pt.identity && parent.column !== t.owner && otherUserColumn(t, t.owner, pt.name) !== null;
  // (A link's owner column under a user, /users/{id}/following: any user too; the list shows the caller only the rows naming them.)
  const anyUser = pt.identity && !!t.readers?.length;
  return {
    column: parent.column,
    table: pt.name,
    key: c.references?.column ?? pt.primaryKey,
    ...(open || anyUser ? {} : whose(ir, pt)),
    what: singularName(pt.name),
    ...(implied ? { implied: true } : {}),
    ...(open || anyUser ? { open: true } : {}),
  };
}

export function parentSqlVar(parent: NonNullable<Endpoint["parent"]>): string {
  return camelCase(`${parent.column}_parent`);
}

/** The filter kind of a column (runtime/list.ts ColumnKind): how a query-string value is checked. */
export function kindOf(c: Column): string {
  const k = c.type.kind;
  if (k === "text" || k === "json") return "string";
  // Equality on bytes, lists and vectors means nothing to a query string: such a filter answers 422.
  if (k === "bytes" || k === "array" || k === "vector") return "unfilterable";
  return k;
}

/** A column's kind for the JSON that embeds related rows (runtime/relations.ts): lists carry their element's kind. */
function embedKind(c: Column): string {
  const t = c.type;
  if (t.kind === "string" && t.fixed) return "char";
  if (t.kind === "array") return `array:${t.of.kind === "string" && t.of.fixed ? "char" : t.of.kind}`;
  return t.kind;
}

/** The runtime RowConditions: a path parameter's condition carries how its value is checked (the column's kind, an enum's values). */
export function runtimeConditions(t: Table, conds: readonly RowCondition[]): Record<string, unknown>[] {
  return conds.map((c) => {
    if (!("param" in c)) return { ...c };
    const col = t.columns.find((x) => x.name === c.column)!;
    return { ...c, kind: kindOf(col), ...(col.type.kind === "enum" ? { values: [...col.type.values] } : {}) };
  });
}

export function listSpecVar(t: Table): string {
  return `${camelCase(singularName(t.name))}List`;
}

/** The runtime ListSpec object literal for a list endpoint. */
export function runtimeListSpec(t: Table, l: ListSpec): Record<string, unknown> {
  const col = (n: string) => t.columns.find((c) => c.name === n)!;
  const keys: Record<string, string> = {};
  for (const k of l.sort.keys) keys[k.name] = k.column;
  const sortCols = [...new Set([...l.sort.keys.map((k) => k.column), l.sort.default.column])];
  return {
    table: t.name,
    pk: t.primaryKey,
    pagination: l.pagination,
    limitParam: l.limitParam,
    defaultLimit: l.defaultLimit,
    maxLimit: l.maxLimit,
    filters: l.filters.map((f) => {
      const c = col(f.column);
      const out: Record<string, unknown> = { param: f.param, column: f.column, kind: kindOf(c) };
      if (c.type.kind === "enum") out.values = [...c.type.values];
      if (f.choices) out.choices = Object.fromEntries(f.choices.map((ch) => [ch.word, ch.match]));
      if (f.op) out.op = f.op;
      return out;
    }),
    // (The caller's own id in a column is the route's reader condition, runtime/rows.ts asReader: not a fixed value.)
    ...(l.fixed?.some((c) => !("caller" in c)) ? { fixed: runtimeConditions(t, l.fixed.filter((c) => !("caller" in c))) } : {}),
    sort: {
      param: l.sort.param,
      orderParam: l.sort.orderParam,
      keys,
      default: l.sort.default,
      nullable: sortCols.filter((n) => col(n).nullable),
      newestFirst: sortCols.filter((n) => col(n).role === "created_at" || col(n).role === "updated_at"),
    },
    search: l.search,
    envelope: l.envelope,
  };
}

export function relationVar(r: ManyToMany): string {
  return camelCase(`${singularName(r.source)}_${r.name}`);
}

export function relationsOfTable(ir: IR, table: string): ManyToMany[] {
  return (ir.relations ?? []).filter((r) => r.source === table);
}

export function runtimeRelation(ir: IR, r: ManyToMany): Record<string, unknown> {
  const s = tableByName(ir, r.source);
  const j = tableByName(ir, r.join);
  const t = tableByName(ir, r.target);
  // Owned ends carry their owner column; scoped ones (should the IR relate them) their scope.
  const scoped = (x: Table) => (x.owner ? {} : whose(ir, x));
  return {
    name: r.name,
    source: { table: s.name, pk: s.primaryKey, owner: s.owner, ...scoped(s) },
    join: { table: j.name, source: r.joinSource, target: r.joinTarget, owner: j.owner, ...scoped(j) },
    target: { table: t.name, pk: t.primaryKey, owner: t.owner, ...scoped(t), what: singularName(t.name), columns: t.columns.filter((c) => !hiddenColumn(c)).map((c) => [c.name, embedKind(c)]) },
  };
}

/** The SQL type a bound value is cast to (runtime/rows.ts); varchar(n) and numeric(p, s) are
 * cast to their unbounded types so that a too-long or too-large value fails instead of being cut. */
function castType(c: Column): string {
  return castOf(c.type);
}

function castOf(t: ColumnType): string {
  const k = t.kind;
  if (k === "string" || k === "text" || k === "enum") return "text";
  if (k === "decimal") return "numeric";
  if (k === "array") return `${castOf(t.of)}[]`;
  // real[] whether the column is pgvector's vector(n) (assignment cast) or real[] itself.
  if (k === "vector") return "real[]";
  return sqlType(t);
}

/** What runtime/rows.ts does with a column's value besides binding it: JSON text, base64 decoding, a vector cast. */
function columnSql(c: Column): Record<string, unknown> {
  const t = c.type;
  const out: Record<string, unknown> = { cast: castType(c) };
  if (t.kind === "json") out.json = true;
  if (t.kind === "bytes" || (t.kind === "array" && t.of.kind === "bytes")) out.bytes = true;
  if (t.kind === "vector") out.vector = true;
  return out;
}

export function tableSqlVar(t: Table): string {
  return `${camelCase(singularName(t.name))}Sql`;
}

/** A random UUID fits the key: a uuid, or a text long enough for one. */
function uuidFits(c: Column): "uuid" | "text" | null {
  const t = c.type;
  if (t.kind === "uuid") return "uuid";
  if ((t.kind === "text" || (t.kind === "string" && !t.fixed)) && ((t.kind === "string" ? t.maxLength : undefined) ?? c.maxLength ?? 36) >= 36) return "text";
  return null;
}

/** Where the key of a new row of a member-scoped group table comes from (runtime/rows.ts GroupSql). */
function groupKey(info: TableInfo): "uuid" | "sequence" | "input" {
  const pk = info.pk;
  if (pk.default?.kind === "increment") return "sequence";
  if (pk.default?.kind === "uuid" || (pk.default === null && info.readOnly.includes(pk) && uuidFits(pk))) return "uuid";
  return "input";
}

/** A value a NOT NULL column of the membership row takes when the app adds the creator (the strongest role an enum offers). */
function membershipFill(c: Column): Record<string, unknown> | null {
  const t = c.type;
  if (t.kind === "enum") {
    // The strongest of the roles that run a group (ir/ownership.ts MANAGING_ROLES), else the first value.
    const ranked = t.values.filter((v) => managingRank(v) >= 0).sort((x, y) => managingRank(x) - managingRank(y));
    return { cast: "text", value: ranked[0] ?? t.values[0]! };
  }
  if (t.kind === "boolean") return { cast: "boolean", value: false };
  if (t.kind === "string" || t.kind === "text") return { cast: "text", value: "" };
  if (isNumericType(t)) return { cast: castOf(t), value: 0 };
  return null;
}

/** How creating a row of a member-scoped group table makes the caller its first member. */
function runtimeGroup(ir: IR, info: TableInfo): Record<string, unknown> | null {
  const s = info.table.scope;
  if (s?.kind !== "member" || s.column !== info.pk.name) return null;
  const m = tableByName(ir, s.membership);
  const fill: Record<string, unknown> = {};
  for (const c of m.columns) {
    if (c.name === s.membershipGroup || c.name === s.membershipUser) continue;
    // The creator's role in the group they make is its strongest, whatever a new member's default.
    if (c.type.kind === "enum" && privilegeColumn(c) && !c.references) {
      fill[c.name] = membershipFill(c)!;
      continue;
    }
    if (c.nullable || c.default !== null) continue;
    const key = c.name === m.primaryKey ? uuidFits(c) : null;
    const f = key ? { cast: key, uuid: true } : membershipFill(c);
    if (f && !c.references) fill[c.name] = f;
  }
  return {
    membership: m.name,
    group: s.membershipGroup,
    user: s.membershipUser,
    key: groupKey(info),
    keyCast: castType(info.pk),
    userCast: castType(columnByName(m, s.membershipUser)),
    ...(Object.keys(fill).length ? { fill } : {}),
  };
}

/** The runtime TableSql object literal: what runtime/rows.ts needs to write SQL for a table. */
export function runtimeTableSql(ir: IR, info: TableInfo): Record<string, unknown> {
  const t = info.table;
  const owner = t.owner ? t.columns.find((c) => c.name === t.owner) : undefined;
  const group = runtimeGroup(ir, info);
  // The key is written by the app itself for the caller's own identity row (/users/me) and a new group.
  const ownKey = (t.identity || group) && !info.writable.includes(info.pk) ? [info.pk] : [];
  const columns: Record<string, unknown> = {};
  // Audit columns of a tenant's row (created_by, updated_by): the caller's id, set by the app.
  const stamps = t.columns.filter((c) => c.role === "author" || c.role === "editor");
  // What no route takes but the row cannot go without (no default): a privilege (a membership's
  // role: the least value) or, on the users table, a credential the auth service keeps (an empty
  // placeholder, as when the app records a user from a token).
  const plan = t.identity ? identityPlan(t).fillers : {};
  const fixedValue = (c: Column): { value: unknown } | null => {
    // (A managed membership's role is writable by its managers, and the least one when they leave it out.)
    if ((!info.readOnly.includes(c) && c.name !== t.managers?.column) || c.role !== "data" || c.nullable || c.default !== null) return null;
    if (c.type.kind === "enum" && privilegeColumn(c)) return { value: leastValue(c.type.values) };
    const f = plan[c.name];
    if (f === undefined) return null;
    if (typeof f === "object") return { value: f.value };
    return f === "empty" ? { value: "" } : f === "false" ? { value: false } : f === "zero" ? { value: 0 } : null;
  };
  const fixedValues = new Map(t.columns.flatMap((c) => { const v = fixedValue(c); return v ? [[c, v.value] as const] : []; }));
  const fixed = [...fixedValues.keys()];
  for (const c of [...(owner ? [owner] : []), ...ownKey, ...stamps, ...fixed, ...info.writable]) columns[c.name] = columnSql(c);
  const scope = t.owner ? null : t.scope ? rowScopeOf(ir, t) : null;
  // (Not when the key is the owner column, which the caller's id fills, nor for a key of several columns.)
  // A link between two users (follows, blocks): the other user is never the caller.
  const other = otherUserColumn(t, t.owner, ir.tables.find((x) => x.identity)?.name ?? null);
  const newKey = !group && !t.identity && !t.keyColumns && info.pk.name !== t.owner && info.pk.default === null && info.readOnly.includes(info.pk) ? uuidFits(info.pk) : null;
  return {
    table: t.name,
    pk: info.pk.name,
    // The users table: each user's own row only, on every route (another user's row is a 404).
    owner: t.owner ?? (t.identity ? info.pk.name : null),
    ...(scope ? { scope } : {}),
    columns,
    touch: t.columns.find((c) => c.role === "updated_at")?.name ?? null,
    refs: info.ownedRefs.map((r) => ({ column: r.column.name, table: r.target.name, pk: r.targetPk, ...whose(ir, r.target), what: `no such ${singularName(r.target.name)}` })),
    ...(newKey ? { newKey } : {}),
    ...(group ? { group } : {}),
    ...(stamps.length ? { stamps: Object.fromEntries(stamps.map((c) => [c.name, c.role])) } : {}),
    ...(info.hidden.length ? { hidden: info.hidden.map((c) => c.name) } : {}),
    ...(fixed.length ? { fixed: Object.fromEntries(fixed.map((c) => [c.name, fixedValues.get(c)])) } : {}),
    ...(t.readers?.length ? { readers: [...t.readers] } : {}),
    ...(t.fellows ? { fellows: t.fellows } : {}),
    ...(t.managers ? { manage: { column: t.managers.column, values: [...t.managers.values], what: singularName(groupOfMembership(ir, t)) } } : {}),
    ...(other ? { notCaller: [other] } : {}),
  };
}

/** The group table a membership with fellows ties its users to (teams for team_members). */
function groupOfMembership(ir: IR, m: Table): string {
  const g = ir.tables.find((x) => x.scope?.kind === "member" && x.scope.membership === m.name && x.scope.column === x.primaryKey);
  return g?.name ?? m.name;
}

/** The row-level security entry of a table (runtime/rls.ts OwnedTable); null for a table no policy guards. */
export function rlsEntry(ir: IR, t: Table): Record<string, unknown> | null {
  // The users table: a row is the caller's own (external auth; in built-in mode the auth module
  // reads and writes accounts before any caller is known).
  if (t.identity) {
    if (ir.auth.mode === "builtin") return null;
    const k = columnByName(t, t.primaryKey).type.kind;
    return { table: t.name, owner: t.primaryKey, ownerType: k === "uuid" ? "uuid" : k === "integer" ? "integer" : k === "bigint" ? "bigint" : "text" };
  }
  const root = t.owner ? columnByName(t, t.owner) : t.scope ? scopeRootColumn(ir, t) : null;
  if (!root) return null;
  const k = root.type.kind;
  const ownerType = k === "uuid" ? "uuid" : k === "integer" ? "integer" : k === "bigint" ? "bigint" : "text";
  if (t.owner) return { table: t.name, owner: t.owner, ownerType, ...(t.readers?.length ? { readers: [...t.readers] } : {}), ...(t.fellows ? { fellows: t.fellows } : {}), ...(t.managers ? { manage: { column: t.managers.column, values: [...t.managers.values] } } : {}) };
  const open = t.scope?.kind === "member" && t.scope.column === t.primaryKey;
  return { table: t.name, scope: rowScopeOf(ir, t), ownerType, ...(open ? { openInsert: true } : {}) };
}
