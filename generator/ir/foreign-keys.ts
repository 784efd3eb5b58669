// Foreign keys: references as written resolved to tables and keys, references read from column
// names, key types aligned, and references PostgreSQL would refuse dropped.
import { stateChain } from "../parse/value-lists.js";
import { nameKey, singular, snakeCase, words } from "../base/naming.js";
import type { BuildContext } from "./build-context.js";
import type { ColumnDraft, TableDraft } from "./drafts.js";
import type { RefText } from "./constraint-reading.js";
import { kindText } from "./column-forms.js";
import { IDENTITY_NAMES } from "./identity-table.js";
import { isTenantName } from "./ownership.js";
import { entityNames, refInNotes } from "./entity-types.js";
import { KNOWN_TYPES_HINT } from "./read-type.js";
import type { ColumnType, OnDelete, Table } from "./types.js";

/**
 * A foreign key must point at a primary key or a unique column: PostgreSQL refuses any other
 * at migration time, and the app would never boot. Such a reference is dropped (the column
 * stays), with a warning. A not-null column whose key says on delete set null is read as
 * on delete restrict, with a warning.
 */
export function dropReferencesToNonUnique(cx: BuildContext, tables: Table[]): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const keyed = (t: Table, name: string) =>
    (t.primaryKey === name && (!t.keyColumns || (t.keyColumns.length === 1 && t.keyColumns[0] === name))) ||
    t.columns.some((c) => c.name === name && c.unique) ||
    t.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === name);
  return tables.map((t) => {
    let changed = false;
    const columns = t.columns.map((c) => {
      const ref = c.references;
      // NOT NULL with ON DELETE SET NULL: deleting the parent would fail on the null. The column
      // stays required; the parent cannot be deleted while rows reference it (RESTRICT).
      if (ref && ref.onDelete === "set null" && !c.nullable) {
        changed = true;
        cx.diag("warning", "SF129", `column "${t.name}.${c.name}" is not null but its foreign key says on delete set null; it stays not null and the key is read as on delete restrict`, c.span,
          `make "${c.name}" nullable to keep set null, or write on delete cascade or restrict`);
        c = { ...c, references: { ...ref, onDelete: "restrict" } };
      }
      const target = ref ? byName.get(ref.table) : undefined;
      if (!ref || !target || !target.columns.some((x) => x.name === ref.column) || keyed(target, ref.column)) return c;
      changed = true;
      cx.diag("warning", "SF128", `column "${t.name}.${c.name}" references "${target.name}.${ref.column}", which is neither the primary key of "${target.name}" nor unique; PostgreSQL refuses such a foreign key, so none is created (the column stays)`, c.span,
        `reference "${target.name}.${target.primaryKey}", or make "${target.name}.${ref.column}" unique`);
      return { ...c, references: null };
    });
    return changed ? { ...t, columns } : t;
  });
}

/**
 * A text column that references a uuid or integer key ("account_id TEXT REFERENCES
 * accounts(id)" where accounts.id is uuid) cannot be a foreign key in PostgreSQL; the spec
 * means the key's type. It is read so, with a warning that quotes both (SF115).
 */
export function alignReferenceTypes(cx: BuildContext, tables: TableDraft[]): void {
  const group = (k: ColumnType["kind"]) => (k === "string" || k === "text" ? "text" : k === "integer" || k === "bigint" ? "int" : k);
  for (const t of tables) {
    for (const c of t.columns) {
      if (!c.references || !c.type) continue;
      const target = tables.find((x) => x.name === c.references!.table);
      const key = target?.columns.find((x) => x.name === c.references!.column);
      const kt = key?.type;
      if (!kt || group(c.type.kind) === group(kt.kind)) continue;
      // A list of keys (an array or json of ids, as document stores keep them) cannot be a
      // foreign key: the column keeps its type and no key is made.
      if (["json", "array", "vector", "bytes"].includes(c.type.kind)) {
        cx.diag("warning", "SF115", `column "${t.name}.${c.name}" is ${kindText(c.type)} but references "${target!.name}.${key!.name}"; a list of keys cannot be a foreign key, so none is created`, c.typeSpan,
          `hold the links in a join table ("${t.name}_${target!.name}") with a key to each side`);
        c.references = null;
        continue;
      }
      // One key of another type: the spec means the key's type ("account_id TEXT REFERENCES accounts(id)", accounts.id uuid).
      cx.diag("warning", "SF115", `column "${t.name}.${c.name}" is ${kindText(c.type)} but references "${target!.name}.${key!.name}", which is ${kindText(kt)}; read as ${kindText(kt)}`, c.typeSpan,
        `write "${c.name}" with the type of "${target!.name}.${key!.name}"`);
      c.type = kt;
    }
  }
}

/**
 * "shop_id integer" beside a table "shops", in a Markdown table or list: a reference when exactly
 * one table is named so, its key has the same kind of type, and the reference makes no cycle
 * (a cycle of foreign keys cannot be created table by table). Noted.
 */
export function referencesFromNames(cx: BuildContext, tables: TableDraft[]): void {
  const reaches = (from: TableDraft, to: TableDraft): boolean => {
    const seen = new Set<TableDraft>();
    const stack = [from];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === to) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const c of x.columns) if (c.references) stack.push(...tables.filter((y) => y.name === c.references!.table));
    }
    return false;
  };
  for (const t of tables) {
    if (!t.namesImplyRefs) continue;
    for (const c of t.columns) {
      if (c.references || c.refText || c.bareFk || c.externalOwner || c.typeMissing || c.primaryKey || !c.type) continue;
      const m = /^(.+?)_id$/.exec(snakeCase(c.name));
      if (!m || /^(user|owner)$/.test(m[1]!)) continue;
      const hits = tables.filter((x) => x !== t && !x.keyColumns && (x.name === m[1] || nameKey(x.name) === nameKey(m[1]!)));
      const target = hits.length === 1 ? hits[0]! : undefined;
      const pk = target?.columns.find((x) => x.name === target.primaryKey);
      if (!target || !pk?.type || !keyTypesAgree(c.type, pk.type) || reaches(target, t)) continue;
      c.references = { table: target.name, column: pk.name, onDelete: "no action" };
      cx.note(c.span, `"${t.name}.${c.name}" is named after table "${target.name}" and has its key's type; read as a reference to ${target.name}.${pk.name}`);
    }
  }
}

/**
 * A noun naming a table loosely: "FK → depósito" for "acme_deposito" (accents dropped; the
 * one table whose name ends in the noun, or, among several, the one sharing the referring
 * table's prefix). Noted by the caller's "read as table" note.
 */
function tableByNoun(cx: BuildContext, noun: string, from: TableDraft, tables: TableDraft[]): TableDraft | undefined {
  const folded = noun.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const direct = tableByName(cx, folded, tables);
  if (direct) return direct;
  const k = nameKey(folded);
  if (!/^[a-z0-9_]+$/.test(k)) return undefined;
  const ends = tables.filter((x) => x !== from && nameKey(x.name).endsWith(`_${k}`));
  if (ends.length === 1) return ends[0];
  const prefix = words(from.name)[0];
  const same = ends.filter((x) => words(x.name)[0] === prefix);
  return same.length === 1 ? same[0] : undefined;
}

/**
 * "FK → auth.users", "FK → `public.orders`": a table in a database schema, written the way a
 * table and its column are. Read as the schema's table when the first name is no table of the
 * spec and the second is one (or the users an auth service keeps): "users.id" stays a column.
 */
export function schemaQualified(ref: RefText, tables: readonly TableDraft[]): RefText {
  if (!ref.column || ref.table.includes(".")) return ref;
  const known = (name: string) => tables.some((t) => t.name === name || nameKey(t.name) === nameKey(name));
  if (known(ref.table) || !(known(ref.column) || IDENTITY_NAMES.has(nameKey(ref.column)))) return ref;
  return { table: `${ref.table}.${ref.column}` };
}

/** Every column's written reference with its schema read (schemaQualified), before the users table is looked for. */
export function schemaQualifiedRefs(cx: BuildContext, tables: TableDraft[]): void {
  for (const t of tables)
    for (const c of t.columns) {
      if (!c.refText) continue;
      const q = schemaQualified(c.refText, tables);
      if (q === c.refText) continue;
      cx.note(c.refSpan, `"${c.refText.table}.${c.refText.column}" on "${t.name}.${c.name}" read as table "${unqualified(q.table)}" in schema "${c.refText.table}" (no table of the spec is named "${c.refText.table}")`);
      c.refText = q;
    }
}

/**
 * The words naming the table a key column points at: "author_user_id" / "authorUserId" ->
 * [author, user]; the key word may also come first, as Spanish, Portuguese, French and Italian
 * specs write it ("id_cliente", "IdGuardian" -> [cliente], [guardian]). [] when it is neither.
 */
export function keyNameParts(name: string): string[] {
  const snake = snakeCase(name);
  const m = /^(.*?)_?id$/i.exec(snake) ?? /^id_(.+)$/i.exec(snake);
  return m && m[1] ? m[1].split("_") : [];
}

export function tableByName(cx: BuildContext, name: string, tables: TableDraft[]): TableDraft | undefined {
  const exact = tables.find((t) => t.name === name);
  if (exact) return exact;
  const k = nameKey(name);
  return tables.find((t) => nameKey(t.name) === k);
}

export function resolveReferences(cx: BuildContext, t: TableDraft, tables: TableDraft[], identity: TableDraft | null): void {
  for (const c of t.columns) {
    let ref = c.refText;
    // "author | User", "owner | UserVO", "userId | ObjectId | ref: 'User'", "created_by | uuid |
    // the user who created it": a reference written as an entity's name or in words.
    if (!ref && !c.bareFk && !c.primaryKey) ref = referenceInWords(cx, t, c, tables, identity);
    else if (c.typeName) typeNotUnderstood(cx, t, c);
    // A name-only column ("- jobId") named after a table's key is a reference to it, as a reader
    // takes it (a table reached through it is its parent's, not everyone's). Noted.
    if (!ref && !c.bareFk && c.typeMissing && !c.primaryKey && /^(.+?)_?id$/i.test(snakeCase(c.name)) && !/^(user|owner)_?id$/i.test(snakeCase(c.name))) {
      const parts = /^(.*?)_?id$/i.exec(snakeCase(c.name))![1]!.split("_");
      let hit: TableDraft | undefined;
      for (let k = 0; k < parts.length && !hit; k++) hit = tableByName(cx, parts.slice(k).join("_"), tables);
      // "jobId" and a table "analysis_jobs": the one table whose name ends in the word.
      if (!hit) {
        const last = nameKey(parts.join("_"));
        const ends = tables.filter((x) => x !== t && nameKey(x.name).endsWith(`_${last}`));
        if (ends.length === 1) hit = ends[0];
      }
      if (hit && hit !== t && !hit.keyColumns) {
        ref = { table: hit.name };
        cx.note(c.span, `"${t.name}.${c.name}" names no table; read as a reference to ${hit.name} from its name`);
      }
    }
    let named: RegExpExecArray | null = null;
    if (!ref && c.bareFk) {
      // "FK" with no target: guess from the name, user_id -> users.id.
      // Longest suffix first: invited_by_user_id -> invited_by_user, by_user, user.
      // A key column named without "id" ("host", "listing" marked FK): its own words.
      const parts = keyNameParts(c.name).length ? keyNameParts(c.name) : snakeCase(c.name).split("_").filter(Boolean);
      let target: TableDraft | undefined;
      for (let k = 0; k < parts.length && !target; k++) target = tableByName(cx, parts.slice(k).join("_"), tables);
      if (!target && parts.length) target = tableByNoun(cx, parts.join("_"), t, tables);
      // "reviewer_id | FK", "blocked_by | FK": a person's role, with no table of that name: the users.
      if (!target && identity && !identity.keyColumns && (PERSON_ROLE.test(parts[parts.length - 1] ?? "") || /(?:^|_)by$/.test(snakeCase(c.name)))) target = identity;
      // "orgId | FK | Organization": the target named alone in the column's notes.
      named = !target && c.description ? /^\s*`?([A-Za-z][A-Za-z0-9_]*)`?\s*\.?\s*$/.exec(c.description) : null;
      if (named) target = tableByName(cx, named[1]!, tables) ?? tableByName(cx, snakeCase(named[1]!), tables);
      if (target) {
        ref = { table: target.name };
        cx.note(c.bareFk, `foreign key of "${t.name}.${c.name}" names no target; read as ${target.name}.${target.primaryKey || "id"} from ${named ? `its notes ("${named[1]}")` : "the column name"}`);
      } else if (c.bareFkFromNotes) {
        cx.note(c.bareFk, `the description of "${t.name}.${c.name}" calls it a foreign key, but no table is named so; no key is made`);
        continue;
      } else {
        cx.diag("warning", "SF116", `column "${t.name}.${c.name}" is marked as a foreign key but names no table; the key is ignored`, c.bareFk,
          'write the target, e.g. "foreign key -> users.id"');
        continue;
      }
    }
    if (!ref) continue;
    // "auth.users(id)" on the key of the table read as the users (Supabase's profiles): the row of
    // the auth service's user, whose id the token's subject is. No foreign key: that table is not the app's.
    if (t === identity && c.name === t.primaryKey && !tableByName(cx, unqualified(ref.table), tables) && IDENTITY_NAMES.has(nameKey(unqualified(ref.table)))) {
      cx.note(c.refSpan, `"${t.name}.${c.name}" references "${ref.table}", the auth service's users: each ${t.name} row is one user's, keyed by the token's subject; no foreign key is created`);
      continue;
    }
    let target = tableByName(cx, ref.table, tables) ?? (/\./.test(ref.table) ? tableByName(cx, unqualified(ref.table), tables) : undefined) ?? tableByNoun(cx, ref.table, t, tables);
    if (!target && !identity && IDENTITY_NAMES.has(nameKey(unqualified(ref.table)))) {
      // "FK -> user.id" where the spec defines no users table: the users live with the auth
      // service (Better Auth's "user"); the column holds the token's subject, and is the owner.
      c.externalOwner = true;
      cx.note(c.refSpan, `"${t.name}.${c.name}" references "${ref.table}", which the spec does not define: read as the users of the auth service (the token's subject); no foreign key is created`);
      continue;
    }
    if (!target) {
      // A misspelt users table ("userz") or a user column ("user_id", "owner_id") decides whose
      // rows are whose: it is read as the identity table, with a warning. Any other unknown
      // table does not sink the spec either: the column stays, without the foreign key.
      const userish = identity && (closeNames(nameKey(ref.table), nameKey(identity.name)) || /^(user|owner|author|created_by|creator)_?id$/.test(snakeCase(c.name)) || PERSON_ROLE.test(nameKey(ref.table)));
      if (identity && userish && !identity.keyColumns) {
        cx.diag("warning", "SF104", `column "${t.name}.${c.name}" references unknown table "${ref.table}"; read as ${identity.name}.${identity.primaryKey || "id"}, the users table`, c.span,
          `known tables: ${tables.map((x) => x.name).join(", ")}`);
        ref = { table: identity.name };
        target = identity;
      } else if (isTenantName(unqualified(ref.table))) {
        // "FK -> organization.id" where the spec defines no such table: the tenant of the auth
        // service (Better Auth's organization plugin, Clerk, WorkOS); ownership.ts decides
        // whether the token's claim scopes the table (a note) or the column is a plain value (SF104).
        c.externalTenant = unqualified(ref.table);
        continue;
      } else {
        cx.diag("warning", "SF104", `column "${t.name}.${c.name}" references unknown table "${ref.table}"; no foreign key is created`, c.span,
          `known tables: ${tables.map((x) => x.name).join(", ")}`);
        continue;
      }
    }
    if (target.name !== ref.table) cx.note(c.refSpan, `"${ref.table}" read as table "${target.name}"`);
    // "Users.ID" for a column written "Id": the one column of that name in another case.
    if (ref.column && !target.columns.some((x) => x.name === ref!.column)) {
      const alike = target.columns.filter((x) => x.name.toLowerCase() === ref!.column!.toLowerCase());
      if (alike.length === 1) ref = { table: ref.table, column: alike[0]!.name };
    }
    if (ref.column && !target.columns.some((x) => x.name === ref!.column) && !target.keyColumns && target.primaryKey) {
      // A column the target does not have: its key is what a reference points at.
      cx.diag("warning", "SF105", `column "${t.name}.${c.name}" references unknown column "${target.name}.${ref.column}"; read as ${target.name}.${target.primaryKey} (its primary key)`, c.span,
        `columns of "${target.name}": ${target.columns.map((x) => x.name).join(", ")}`);
      ref = { table: target.name, column: target.primaryKey };
    }
    if (!ref.column && target.keyColumns) {
      // No single-column key to point at: a foreign key needs one.
      cx.diag("warning", "SF116", `column "${t.name}.${c.name}" references "${target.name}", which has ${target.keyColumns.length ? "a key of several columns" : "no primary key"}; the key is ignored`, c.refSpan,
        `name the referenced column ("${target.name}.<column>"), or give "${target.name}" a primary key`);
      continue;
    }
    const column = ref.column ?? (target.primaryKey || "id");
    if (!ref.column) cx.note(c.refSpan, `reference of "${t.name}.${c.name}" names no column; read as ${target.name}.${column} (its primary key)`);
    const onDelete = c.onDelete ?? (target === identity ? "cascade" : "no action");
    if (!c.onDelete && target === identity) cx.note(c.refSpan, `"${t.name}.${c.name}" references the identity table: rows are deleted with their user (on delete cascade)`);
    c.references = { table: target.name, column, onDelete };
  }
}

/** "post_tags" -> "post_tag": a table's name for one row. */
function oneOf(table: string): string {
  const w = words(table);
  w[w.length - 1] = singular(w[w.length - 1]!);
  return w.join("_");
}

/** The table an entity's name stands for ("User", "UserVO", "BlogPost" -> blog_posts). */
function tableOfEntity(cx: BuildContext, name: string, tables: TableDraft[]): TableDraft | undefined {
  for (const n of entityNames(name)) {
    const hit = tableByName(cx, n, tables) ?? tableByName(cx, snakeCase(n), tables);
    if (hit) return hit;
  }
  return undefined;
}

/** The SF103 a type kept aside as an entity's name gets when no table is named so. */
function typeNotUnderstood(cx: BuildContext, t: TableDraft, c: ColumnDraft): void {
  const tn = c.typeName!;
  cx.diag("warning", "SF103", `column "${c.name}" in table "${t.name}" has a type that is not understood: "${tn.text}"; its type is taken from its name instead`, tn.span, KNOWN_TYPES_HINT);
  delete c.typeName;
}

/** A person a column's notes name as the one the row is about: "the user who created it", "ID of the user that owns the list". */
const PERSON_PHRASE = /^\s*(?:the\s+|a\s+)?(?:(?:id|uuid|key)\s+of\s+the\s+)?(?:user|owner|creator|author)\s+(?:who|that|which|whom)\b/i;

/**
 * A reference written in words rather than as a key: the type is an entity's name ("author |
 * User", "owner | UserVO"; a list of them, "tags | Tag[]", cannot be a key: SF221), the notes
 * say "ref: 'User'", or they name the user the row is about ("the user who created it").
 */
function referenceInWords(cx: BuildContext, t: TableDraft, c: ColumnDraft, tables: TableDraft[], identity: TableDraft | null): RefText | null {
  if (c.typeName) {
    const tn = c.typeName;
    const target = tableOfEntity(cx, tn.name, tables);
    if (!target) {
      typeNotUnderstood(cx, t, c);
      return null;
    }
    delete c.typeName;
    if (tn.list) {
      // Many rows in one column, as a document store keeps them: no foreign key holds a list.
      c.type = { kind: "json" };
      c.typeMissing = false;
      cx.diag("warning", "SF221", `column "${t.name}.${c.name}" is a list of "${target.name}" rows ("${tn.text}"): a list cannot be a foreign key, so it is stored as json and no join table is made; the ids in it are not checked`, tn.span,
        `to link the rows, write a join table (${oneOf(t.name)}_${target.name}: ${oneOf(t.name)}_id, ${oneOf(target.name)}_id) and drop "${c.name}"`);
      return null;
    }
    cx.note(tn.span, `the type of "${t.name}.${c.name}" ("${tn.text}") names the entity of table "${target.name}": read as a reference to it`);
    return { table: target.name };
  }
  const d = c.description;
  if (!d) return null;
  // "ref: 'User'", "ref = Category" (Mongoose's ref), after the type or in the notes.
  const said = refInNotes(d);
  if (said) {
    const target = tableOfEntity(cx, said.name, tables);
    if (target) {
      cx.note(c.span, `"${t.name}.${c.name}": "${said.text}" in its notes names table "${target.name}"; read as a reference to it`);
      return { table: target.name };
    }
    return null;
  }
  // "owner (User.id)", "- list_id — belongs to List", "assignee | uuid | (`user.id`)", "FK to
  // Project" in a note: the table the note names, in any case or number. Only for a column that
  // can hold a key (no type written, or a name ending in id, or a key's type), so a text column's
  // prose ("belongs to a group") is no key.
  const inNote = referenceInNote(d);
  const q = inNote?.column ? schemaQualified({ table: inNote.table, column: inNote.column }, tables) : null;
  const noted = inNote && q ? { text: inNote.text, table: q.table, ...(q.column ? { column: q.column } : {}) } : inNote;
  if (noted && t.namesImplyRefs) {
    const target = tableOfEntity(cx, noted.table, tables) ?? tableByName(cx, snakeCase(noted.table), tables) ?? tableByNoun(cx, noted.table, t, tables);
    const pk = target?.columns.find((x) => x.name === (noted.column ?? target.primaryKey));
    const holdsKey = c.typeMissing || /(?:^|_)id$|[a-z0-9]Id$/.test(c.name) || (!!c.type && !!pk?.type && keyTypesAgree(c.type, pk.type));
    if (target && holdsKey) {
      cx.note(c.span, `"${t.name}.${c.name}": its notes ("${noted.text}") name table "${target.name}"; read as a reference to it`);
      return noted.column && target.columns.some((x) => x.name === noted.column) ? { table: target.name, column: noted.column } : { table: target.name };
    }
  }
  // "created_by | uuid | the user who created it": the users, for a column that can hold a user's id.
  // Only in prose-like notations (a Markdown table or list), where the notes are the spec's words.
  if (t.namesImplyRefs && identity && !identity.keyColumns && PERSON_PHRASE.test(d) && (c.typeMissing || /(?:^|_)(?:id|uid|by|user|owner|creator|author)$/.test(snakeCase(c.name)))) {
    cx.note(c.span, `"${t.name}.${c.name}": its notes ("${d.length > 60 ? `${d.slice(0, 57)}...` : d}") name the user the row is about; read as a reference to ${identity.name}`);
    return { table: identity.name };
  }
  return null;
}

/**
 * A reference written in a column's note: "User.id" or "`users.id`" alone (in brackets or not),
 * "belongs to (a|the) Project", "FK to Project", "-> projects.id", "references projects(id)",
 * "foreign key to project". The table as written (its case and number resolved by the caller).
 */
export function referenceInNote(note: string): { text: string; table: string; column?: string } | null {
  const d = note.trim().replace(/[.;]$/, "");
  // "draft → review → published" is a lifecycle, not a key.
  if (stateChain(d)) return null;
  const alone = /^[(\[]?\s*`?([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)`?\s*[)\]]?$/.exec(d);
  if (alone) return { text: alone[0], table: alone[1]!, column: alone[2]! };
  const phrase = /(?:^|[\s(,;])(?:belongs?\s+to|belonging\s+to|fk\s+(?:to|->|→|=>)|foreign\s+key\s+(?:to|->|→|=>)|references?|refers\s+to|points\s+to|->|→|=>)\s*(?:(?:a|an|the|one)\s+)?`?([A-Za-z_][A-Za-z0-9_]*)`?(?:\s*(?:\.\s*`?([A-Za-z_][A-Za-z0-9_]*)`?|\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)))?/i.exec(d);
  if (!phrase) return null;
  const column = phrase[2] ?? phrase[3];
  return { text: phrase[0].replace(/^[\s(,;]/, ""), table: phrase[1]!, ...(column ? { column } : {}) };
}

/** "auth.users" -> "users": a table's name without its schema. */
export function unqualified(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** Words naming a person's role in a row: a column "reviewer_id" marked FK with no table of that name holds a user. */
const PERSON_ROLE = /^(?:client|customer|reviewer|reviewee|author|owner|creator|sender|recipient|receiver|buyer|seller|member|assignee|assigner|reporter|reported|approver|requester|host|guest|landlord|renter|attendee|traveler|traveller|passenger|organizer|organiser|participant|follower|followee|actor|editor|moderator|admin|manager|agent|driver|rider|patient|doctor|student|teacher|tutor|professional|worker|employee|staff|user|account|player)$/;

/** Key types a name-inferred reference needs: both integers, both uuids, both text. */
function keyTypesAgree(a: ColumnType, b: ColumnType): boolean {
  const group = (t: ColumnType) => (t.kind === "integer" || t.kind === "bigint" ? "int" : t.kind === "string" || t.kind === "text" ? "text" : t.kind);
  return group(a) === group(b) && ["int", "uuid", "text"].includes(group(a));
}

/** Two names one or two edits apart (a typo): "userz" and "users". */
function closeNames(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2 || Math.min(a.length, b.length) < 4) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! <= 2;
}

/**
 * Foreign keys of several columns (`FOREIGN KEY (org_id, project_id) REFERENCES projects
 * (org_id, id)`): each column must be the table's, the target a table of the spec, and the
 * referenced columns its key (a composite key, when none are named) or a unique set of its
 * columns, which PostgreSQL requires; a set that is neither gets a unique index (noted). A key
 * that cannot be made is SF104/SF105 at its place, and dropped.
 */
export function resolveCompositeKeys(cx: BuildContext, tables: TableDraft[]): void {
  for (const t of tables) {
    if (!t.foreignKeys) continue;
    for (const k of t.foreignKeys) {
      const where = `foreign key (${k.columns.join(", ")}) of "${t.name}"`;
      const cols = k.columns.map((n) => t.columns.find((c) => c.name === n) ?? t.columns.find((c) => snakeCase(c.name) === snakeCase(n)));
      const missing = k.columns.filter((_, i) => !cols[i]);
      if (missing.length) {
        cx.diag("warning", "SF105", `${where} names ${missing.map((m) => `"${m}"`).join(", ")}, not ${missing.length > 1 ? "columns" : "a column"} of "${t.name}"; no foreign key is created`, k.span);
        continue;
      }
      const target = tableByName(cx, unqualified(k.table), tables);
      if (!target) {
        cx.diag("warning", "SF104", `${where} references unknown table "${k.table}"; no foreign key is created`, k.tableSpan, `tables: ${tables.map((x) => x.name).join(", ")}`);
        continue;
      }
      let refs: string[];
      if (k.refColumns.length) {
        const found = k.refColumns.map((n) => target.columns.find((c) => c.name === n) ?? target.columns.find((c) => snakeCase(c.name) === snakeCase(n)));
        const gone = k.refColumns.filter((_, i) => !found[i]);
        if (gone.length) {
          cx.diag("warning", "SF105", `${where} references ${gone.map((g) => `"${target.name}.${g}"`).join(", ")}, which ${gone.length > 1 ? "are not columns" : "is not a column"} of "${target.name}"; no foreign key is created`, k.tableSpan,
            `columns of "${target.name}": ${target.columns.map((c) => c.name).join(", ")}`);
          continue;
        }
        refs = found.map((c) => c!.name);
      } else if (target.keyColumns && target.keyColumns.length === k.columns.length) {
        refs = [...target.keyColumns];
      } else {
        cx.diag("warning", "SF105", `${where} names no columns of "${target.name}", whose key is ${target.keyColumns?.length ? `(${target.keyColumns.join(", ")})` : `"${target.primaryKey}"`}: ${k.columns.length} columns cannot reference it; no foreign key is created`, k.tableSpan,
          `write REFERENCES ${target.name} (${k.columns.map(() => "...").join(", ")}) with ${k.columns.length} of its columns`);
        continue;
      }
      if (k.columns.length !== refs.length) {
        cx.diag("warning", "SF105", `${where} has ${k.columns.length} columns but references ${refs.length}; no foreign key is created`, k.span);
        continue;
      }
      const same = (a: readonly string[]) => a.length === refs.length && a.every((x) => refs.includes(x));
      const keyed = same(target.keyColumns ?? [target.primaryKey]) || target.rawIndexes.some((i) => i.unique && same(i.columns));
      if (!keyed) {
        target.rawIndexes.push({ columns: [...refs], unique: true, span: k.tableSpan });
        cx.note(k.tableSpan, `${where} references (${refs.join(", ")}) of "${target.name}", which are not its key: they get a unique index, as PostgreSQL requires of a referenced set`);
      }
      const written = (k.onDelete ?? "").toLowerCase().replace(/\s+/g, " ");
      const onDelete: OnDelete = written === "cascade" || written === "set null" || written === "restrict" ? written : "no action";
      k.columns = cols.map((c) => c!.name);
      k.resolved = { table: target.name, refColumns: refs, onDelete };
      // Each column of the key equals its referenced column, so it references what that column
      // does: the parent's own one-column key, or the table the parent's column references
      // (tasks.org_id -> orgs.id, as projects.org_id does). Made explicit, the rows reach their
      // owner and a write naming another user's row is refused like any other reference.
      cols.forEach((c, i) => {
        if (!c || c.references) return;
        const r = target.columns.find((x) => x.name === refs[i]);
        if (!r) return;
        const implied = !target.keyColumns && r.name === target.primaryKey ? { table: target.name, column: r.name, onDelete } : r.references ? { ...r.references } : null;
        if (!implied || implied.table === t.name) return;
        c.references = implied;
        cx.note(c.span, `"${t.name}.${c.name}" is part of the key (${k.columns.join(", ")}) -> ${target.name} (${refs.join(", ")}): it references ${implied.table}.${implied.column}, as ${target.name}.${r.name} does`);
      });
    }
  }
}

/**
 * A key written as a floating-point number (`NUMBER`, `number`, `Float`, as Oracle DDL and
 * diagrams write ids) holds whole numbers: a float key would take 1.5 as an id and answer 422
 * to a path id other routes answer 404. It is read as integer (noted), and so is each
 * floating-point column that references it.
 */
export function wholeNumberKeys(cx: BuildContext, tables: TableDraft[]): void {
  const changed = new Set<string>();
  for (const t of tables) {
    const keys = t.keyColumns?.length ? t.columns.filter((c) => t.keyColumns!.includes(c.name)) : t.columns.filter((c) => c.name === t.primaryKey && c.primaryKey);
    for (const c of keys) {
      if (c.type?.kind !== "float") continue;
      c.type = { kind: "integer" };
      changed.add(`${t.name}.${c.name}`);
      cx.note(c.typeSpan, `key "${t.name}.${c.name}" is written as a floating-point number; a key holds whole numbers: read as integer`);
    }
  }
  if (!changed.size) return;
  for (const t of tables) {
    for (const c of t.columns) {
      if (c.type?.kind !== "float" || !c.references || !changed.has(`${c.references.table}.${c.references.column}`)) continue;
      c.type = { kind: "integer" };
      cx.note(c.typeSpan, `"${t.name}.${c.name}" references ${c.references.table}.${c.references.column}, read as integer: it is read as integer too`);
    }
  }
}
