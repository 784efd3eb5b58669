// Whose rows are whose. A table is owned through a column of its own that names the user
// (tasks.user_id), through the row it belongs to (entries.notebook_id -> notebooks, owned),
// or through a membership (rows of an organization the caller is a member of); a table that
// reaches no user is shared only where the spec says so, and otherwise read-only for
// everyone (a warning names the choice). Decided once here; every emitter reads the result.
import type { OnDelete, Scope, Span, Table } from "./types.js";
import { singular, words } from "../base/naming.js";

export interface OwnColumn {
  readonly name: string;
  /** The column's type, when known: a secret is text or bytes. */
  readonly type?: { readonly kind: string } | null;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly references: { readonly table: string; readonly column: string; readonly onDelete?: OnDelete } | null;
  /** The ON DELETE the spec wrote; null when it wrote none. */
  readonly onDelete?: OnDelete | null;
  /** References a tenant table the spec does not define (foreign-keys.ts): no foreign key was made. */
  readonly externalTenant?: string;
  /** References the users of an auth service the spec does not define (FK -> user.id). */
  readonly externalOwner?: boolean;
  readonly span: Span;
}

export interface OwnTable {
  readonly name: string;
  readonly span: Span;
  /** What the spec says outright ("Shared: read-write"). */
  readonly shared?: "read" | "read-write";
  readonly primaryKey: string;
  readonly keyColumns?: readonly string[];
  readonly description?: string;
  readonly columns: readonly OwnColumn[];
  /** The owner the spec names outright ("Owner: user_id"), if any. */
  readonly owner?: unknown;
}

export interface Ownership {
  readonly scope?: Scope;
  readonly shared?: "read" | "read-write";
  /** Belongs to no user and keeps secrets: no route serves it (SF137). */
  readonly internal?: true;
  /**
   * Audit columns of a tenant's or a group's row (created_by, updated_by), set from the token's subject:
   * "author" on create, "editor" on create and every update. The owner column they were read as, if
   * any, is no longer the owner (resolveOwnership clears it in `owners`).
   */
  readonly stamps?: Readonly<Record<string, "author" | "editor">>;
}

export interface OwnershipReport {
  note(span: Span, message: string): void;
  warn(code: string, message: string, span: Span, hint?: string): void;
}

/** Words of a group a membership table ties users to ("organization_id", "team_id", "workspace_id"...). */
const GROUP_WORDS = new Set(["organization", "organisation", "org", "team", "workspace", "tenant", "company", "group", "project", "household", "family", "club", "school", "account", "office", "location", "store", "shop", "space", "community", "board", "circle", "conversation", "chat", "room", "channel", "thread"]);

/** Words of a tenant a column of the users table can make its user a member of (users.company_id); narrower than GROUP_WORDS, since users.location_id or users.project_id name something a user picks, not who they work for. */
const TENANT_WORDS = new Set(["organization", "organisation", "org", "tenant", "company", "workspace", "team", "account", "household", "family", "club", "school", "business", "firm", "agency"]);

/** Words that name a tenant outright, whatever else the column says. */
const STRONG_TENANT_WORDS = new Set(["organization", "organisation", "org", "tenant", "workspace"]);

/** Last words of a table that logs what happened to another row (task_activity_logs, order_history, ticket_events). */
const LOG_WORDS = new Set(["log", "history", "activity", "audit", "event", "change", "timeline", "trail", "changelog"]);

/** Words of a tenant whose memberships the auth service keeps (Better Auth's organization plugin, Clerk, Auth0, WorkOS). */
export function isTenantName(name: string): boolean {
  return words(name).map((x) => singular(x)).some((x) => TENANT_WORDS.has(x));
}

/** Audit columns naming who made a row (author) or last changed it (editor): on a tenant's row, not its owner. */
const AUTHOR_NAMES = /^(created_by|creator|author|added_by|submitted_by|owner_created_by)(_user)?(_id)?$/;
const EDITOR_NAMES = /^(updated_by|modified_by|last_modified_by|last_updated_by|edited_by|last_edited_by|changed_by)(_user)?(_id)?$/;
export function auditRole(column: string): "author" | "editor" | null {
  const n = words(column).join("_");
  return AUTHOR_NAMES.test(n) ? "author" : EDITOR_NAMES.test(n) ? "editor" : null;
}

/**
 * A group whose members the users table names (users.tenant_id -> tenants): a member scope on the
 * table's own key whose membership is the identity table. No route creates one (SF220).
 */
export function groupViaUsers(t: { readonly primaryKey: string; readonly scope?: Scope }, tables: readonly { readonly name: string; readonly identity: boolean }[]): boolean {
  const s = t.scope;
  return s?.kind === "member" && s.column === t.primaryKey && tables.some((x) => x.identity && x.name === s.membership);
}

/** The spec says every user shares the table ("shared by all users", "reference data", "global"). */
export function sharedByStatement(text: string | undefined): "read" | "read-write" | null {
  if (!text) return null;
  const t = text.toLowerCase();
  if (/\b(shared\s+(?:by|between|among|across)\s+(?:all|every)|shared\s*[:=]?\s*(?:read[-\s]?write|yes|true)|any\s+(?:signed[-\s]in\s+|authenticated\s+)?user\s+(?:can|may)\s+(?:create|edit|add|write|change))/.test(t))
    return /read[-\s]?only|can(?:not|'t)\s+(?:edit|write|change)/.test(t) ? "read" : "read-write";
  if (/\b(shared|global|system[-\s]wide|reference\s+data|lookup(?:\s+table)?|catalog(?:ue)?|read[-\s]?only|seed(?:ed)?\s+data|predefined|static\s+data|public(?:ly)?\s+(?:visible|readable|listed))\b/.test(t)) return "read";
  return null;
}

/**
 * Scopes and sharing for the tables `owners` leaves without an owner column. `owners` maps
 * table name -> owner column (or null); `identity` is the users table, if the spec has one.
 */
export function resolveOwnership(tables: readonly OwnTable[], owners: Map<string, string | null>, identity: OwnTable | null, report: OwnershipReport, opts: { readonly tenantClaims?: boolean } = {}): Map<string, Ownership> {
  const out = new Map<string, Ownership>();
  const byName = new Map(tables.map((t) => [t.name, t]));
  // A table the spec calls shared (outright, "Shared: read-only", or in words: global, system-wide,
  // managed by admins, shared by all users) whose owner column only names who made a row
  // (categories.created_by) is shared as said: that column records who made the row (set from the
  // token's subject where a route writes it), and every signed-in user reads the table.
  const sharedStamps = new Map<string, Record<string, "author" | "editor">>();
  // Tables shared read-write because their only users are an audit trail (auditTrailOnly).
  const auditShared = new Set<string>();
  for (const t of tables) {
    const o = owners.get(t.name);
    if (!o || t === identity || t.owner || !(makerColumn(o) || auditRole(o))) continue;
    const statement = sharedByStatement(t.description);
    const stamped = !t.shared && !statement && auditTrailOnly(t, o, identity);
    const said = t.shared ?? (statement === "read-write" || (statement && ADMIN_KEPT.test(t.description ?? "")) ? statement : stamped ? "read-write" : null);
    if (!said) continue;
    sharedStamps.set(t.name, stampsOf(t, o, identity));
    if (stamped) auditShared.add(t.name);
    (owners as Map<string, string | null>).set(t.name, null);
    report.note(t.columns.find((c) => c.name === o)!.span, stamped
      ? `"${t.name}.${o}" may be empty and "${t.name}" records who last changed a row too: an audit trail of a table every signed-in user reads and writes (shared read-write), not an owner; each write stamps the caller (write "Owner: ${o}" under "${t.name}" to make the maker its owner)`
      : `"${t.name}.${o}" records who made a row of "${t.name}", not whose it is: the spec calls the table shared`);
  }
  const reaches = new Set<string>(tables.filter((t) => owners.get(t.name) || t === identity).map((t) => t.name));
  // Decided in name order, in rounds, so the result never depends on the order the spec lists tables in.
  const sorted = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A membership table: owned by its user column, and naming one other table, a group (team_members: team_id, user_id).
  const groupOf = new Map<string, { membership: OwnTable; groupColumn: string; userColumn: string; rank: number }>();
  // With no users table, a membership names its users by a column the token fills (user_id).
  {
    for (const m of sorted) {
      const userCol = owners.get(m.name);
      if (!userCol || m === identity) continue;
      const refs = m.columns.filter((c) => c.references && c.name !== userCol && c.references.table !== identity?.name);
      const mw = words(m.name).map((x) => singular(x));
      const groups = refs.filter((c) => {
        const target = byName.get(c.references!.table);
        if (!target || target === identity) return false;
        // A group its creator owns (workspaces.owner_id) is still its members' when a table named for its membership ties users to it.
        if (owners.get(target.name)) return membershipOfOwnedGroup(m, target);
        const w = words(target.name).map((x) => singular(x));
        return namedMembership(m, target) || (w.some((x) => GROUP_WORDS.has(x)) && (mw.some((x) => /^(member|membership|user|participant|seat|assignment|access)$/.test(x)) || mw.some((x) => w.includes(x))));
      });
      if (groups.length !== 1) continue;
      const g = groups[0]!;
      const target = byName.get(g.references!.table)!;
      if (target.keyColumns) continue;
      // The best membership table for a group: named for membership, then fewest other columns, then by name.
      const rank = (mw.some((x) => /^(member|membership)$/.test(x)) ? 0 : mw.some((x) => /^(user|participant|seat|access)$/.test(x)) ? 1 : 2) * 1000 + m.columns.length;
      const prev = groupOf.get(target.name);
      if (prev && prev.rank <= rank) continue;
      groupOf.set(target.name, { membership: m, groupColumn: g.name, userColumn: userCol, rank });
    }
  }
  // The users table itself as the membership: users.tenant_id -> tenants makes every user a
  // member of one tenant (organization, company, workspace...), and rows that reach the tenant
  // are its members'. Only a column named for the group (tenant_id, organization_id), to a group
  // table that no membership table covers and the spec does not call shared.
  if (identity) {
    const idKey = identity.primaryKey;
    for (const c of identity.columns) {
      const target = c.references ? byName.get(c.references.table) : undefined;
      if (!target || target === identity || owners.get(target.name) || groupOf.has(target.name) || target.keyColumns) continue;
      if (target.shared || sharedByStatement(target.description) || auditShared.has(target.name)) continue;
      if (c.references!.column !== target.primaryKey) continue;
      const w = words(target.name).map((x) => singular(x));
      const cw = words(c.name).map((x) => singular(x)).filter((x) => x !== "id");
      // "org_id" for organizations: the group's name, or the one word of it shortened (org, comp).
      const shortened = cw.length === 1 && w.length === 1 && cw[0]!.length >= 3 && w[0]!.startsWith(cw[0]!);
      if (!w.some((x) => TENANT_WORDS.has(x)) || (cw.join("_") !== w.join("_") && !shortened)) continue;
      groupOf.set(target.name, { membership: identity, groupColumn: c.name, userColumn: idKey, rank: 9999 });
    }
  }
  // A tenant whose memberships the spec does not hold (the auth service keeps them: Better Auth's
  // organization plugin, Clerk, Auth0, WorkOS): the caller's tenant comes from a verified token
  // claim. A table with a column naming a tenant (organization_id) that no membership table and
  // no users-table column covers, to a tenant table that is not defined or is defined alone, is
  // the tenant's: its rows are the caller's when the column equals the claim. An audit column
  // (created_by) read as its owner is not its owner: it is set from the token's subject, and every
  // member of the tenant sees the row. A column naming the row's own user (user_id, owner_id)
  // stays its owner, as with a membership (the user's rows, wherever they belong).
  const members = new Set([...groupOf.values()].map((m) => m.membership.name));
  const tenantTables = new Set<string>();
  const auditOwned = (t: OwnTable): boolean => {
    const o = owners.get(t.name);
    return !!o && auditRole(o) !== null;
  };
  // A tenant the users table points at in any way (users.favorite_team_id) is not one the spec leaves to the auth service.
  const pickedByUsers = new Set((identity?.columns ?? []).flatMap((c) => (c.references ? [c.references.table] : [])));
  const tenantColumn = (t: OwnTable): OwnColumn | undefined =>
    t.columns.find((c) => {
      // A row with no tenant is no tenant's: a nullable column counts only when it names the tenant outright (organization_id, tenant_id).
      if (c.nullable && !words(c.name).map((x) => singular(x)).some((x) => STRONG_TENANT_WORDS.has(x))) return false;
      if (c.externalTenant) return true;
      const target = c.references ? byName.get(c.references.table) : undefined;
      if (!target || target === t || target === identity || groupOf.has(target.name) || members.has(target.name) || target.keyColumns || pickedByUsers.has(target.name)) return false;
      if ((owners.get(target.name) && !auditOwned(target)) || target.shared || sharedByStatement(target.description) || auditShared.has(target.name)) return false;
      return c.references!.column === target.primaryKey && isTenantName(target.name);
    });
  // Not with built-in auth: the app issues the tokens itself, and they name no organization.
  for (const t of opts.tenantClaims === false ? [] : sorted) {
    if (t === identity || groupOf.has(t.name) || members.has(t.name) || t.shared || sharedByStatement(t.description)) continue;
    const c = tenantColumn(t);
    if (!c) continue;
    if (owners.get(t.name) && !auditOwned(t)) continue; // its own user's rows (expenses.user_id), as with a membership
    const group = c.externalTenant ?? c.references!.table;
    const stamps: Record<string, "author" | "editor"> = {};
    for (const x of t.columns) {
      const role = auditRole(x.name);
      if (role && x !== c && !x.primaryKey && (x.externalOwner || x.references?.table === identity?.name || x.name === owners.get(t.name) || (!x.references && !identity))) stamps[x.name] = role;
    }
    const was = owners.get(t.name);
    if (was) (owners as Map<string, string | null>).set(t.name, null);
    out.set(t.name, { scope: { kind: "tenant", column: c.name, group }, ...(Object.keys(stamps).length ? { stamps } : {}) });
    reaches.add(t.name);
    tenantTables.add(group);
    const one = singular(group);
    report.note(c.span, `rows of "${t.name}" belong to the caller's ${one}: a row is the caller's when ${c.name} equals the ${one} a verified token claim names (JWT_TENANT_CLAIM; by default ${c.name}, org_id, activeOrganizationId, tenant_id...), which every create sets; ${c.externalTenant ? `"${group}" is not defined in the spec: its members are kept by the auth service` : `"${group}" has no membership in the spec: the auth service keeps it`}${was ? `; "${was}" records who made the row and is not its owner (set from the token's subject)` : ""}`);
  }
  // A tenant table the spec defines (organizations) without any membership: the caller's own
  // tenant, keyed by the claim; no route creates one (SF220), since the claim names it already.
  for (const group of [...tenantTables].sort()) {
    const g = byName.get(group);
    if (!g || out.has(g.name)) continue;
    if (owners.get(g.name)) (owners as Map<string, string | null>).set(g.name, null);
    out.set(g.name, { scope: { kind: "tenant", column: g.primaryKey, group: g.name } });
    reaches.add(g.name);
    report.note(g.span, `rows of "${g.name}" are the caller's own ${singular(g.name)}: the row whose ${g.primaryKey} is the one a verified token claim names; no route creates one (the auth service does)`);
  }
  // A reference to a tenant table that is not defined, on a table the tenant does not scope (its own user's rows): that column is just a value.
  for (const t of sorted) {
    if (out.get(t.name)?.scope?.kind === "tenant") continue;
    for (const c of t.columns) if (c.externalTenant) report.warn("SF104", `column "${t.name}.${c.name}" references unknown table "${c.externalTenant}"; no foreign key is created`, c.span, `known tables: ${tables.map((x) => x.name).join(", ")}`);
  }
  for (const [group, m] of [...groupOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const t = byName.get(group)!;
    // A membership row means nothing without its group, and the app makes one for each group's
    // creator: with no ON DELETE written, it goes with its group, or no group could be deleted.
    const link = m.membership !== identity ? m.membership.columns.find((c) => c.name === m.groupColumn) : undefined;
    if (link?.references && link.onDelete === null && link.references.onDelete === "no action") {
      (link.references as { onDelete: OnDelete }).onDelete = "cascade";
      report.note(link.span, `"${m.membership.name}.${link.name}" names the group of a membership: its rows are deleted with their ${singular(group)} (on delete cascade)`);
    }
    // The group's creator column (workspaces.owner_id, created_by) names who made it, not whose it is:
    // the app sets it from the token's subject, and every member sees the group.
    const creator = owners.get(group);
    const groupStamps = creator ? stampsOf(t, creator, identity) : {};
    if (creator) {
      (owners as Map<string, string | null>).set(group, null);
      report.note(t.columns.find((c) => c.name === creator)!.span, `"${group}.${creator}" records who made a row of "${group}", not whose it is: the row belongs to the members "${m.membership.name}" names, and "${creator}" is set from the token's subject`);
    }
    out.set(group, { scope: { kind: "member", column: t.primaryKey, membership: m.membership.name, membershipGroup: m.groupColumn, membershipUser: m.userColumn }, ...(Object.keys(groupStamps).length ? { stamps: groupStamps } : {}) });
    reaches.add(group);
    if (m.membership === identity)
      report.note(t.span, `rows of "${group}" belong to its members, the users whose ${identity.name}.${m.groupColumn} names them: a row is the caller's when the caller's own ${identity.name} row has ${m.groupColumn} = its ${t.primaryKey}; no route creates one (a new user belongs to none until ${m.groupColumn} is set outside the API)`);
    else report.note(t.span, `rows of "${group}" belong to its members: a row is the caller's when "${m.membership.name}" has a row with ${m.groupColumn} = its ${t.primaryKey} and ${m.userColumn} = the caller`);
  }
  // A row its maker "owns" (messages.author_id, comments.created_by, attachments.uploaded_by) that
  // belongs to a group's row (a channel, a workspace's task): the group's members all read it, so it
  // is theirs through that row, and the maker column records who made it (set from the token's subject).
  // A column naming the row's own user (user_id, owner_id) keeps the row that user's, as with a tenant.
  const groupReach = new Map<string, boolean>();
  const reachesGroup = (name: string, seen: Set<string>): boolean => {
    const known = groupReach.get(name);
    if (known !== undefined) return known;
    const t = byName.get(name);
    if (!t || t === identity || seen.has(name) || t.shared || sharedByStatement(t.description)) return false;
    const s = out.get(name)?.scope;
    if (s?.kind === "member" || s?.kind === "tenant") return true;
    const o = owners.get(name);
    if (o && !makerColumn(o)) return false;
    seen.add(name);
    const r = t.columns.some((c) => !!c.references && c.references.table !== name && reachesGroup(c.references.table, seen));
    seen.delete(name);
    return r;
  };
  const groupLinks = new Map<string, string>();
  const childStamps = new Map<string, Record<string, "author" | "editor">>();
  // A row whose user column no longer owns it: seen through `link` (in the rounds below), that column a stamp.
  const throughLink = (t: OwnTable, link: OwnColumn, stamps: Record<string, "author" | "editor">): void => {
    groupLinks.set(t.name, link.name);
    childStamps.set(t.name, stamps);
    (owners as Map<string, string | null>).set(t.name, null);
    reaches.delete(t.name);
  };
  for (const t of sorted) {
    const o = owners.get(t.name);
    if (!o || t === identity || out.has(t.name) || members.has(t.name) || !(makerColumn(o) || conversational(t, o))) continue;
    const links = t.columns.filter((c) => !!c.references && c.name !== o && c.references.table !== t.name && byName.get(c.references.table) !== identity && reachesGroup(c.references.table, new Set([t.name])));
    if (links.length === 0) continue;
    const link = links.find((c) => !c.nullable) ?? links[0]!;
    throughLink(t, link, stampsOf(t, o, identity));
    report.note(t.columns.find((c) => c.name === o)!.span, `"${t.name}.${o}" records who made a row of "${t.name}", not whose it is: the row is seen and changed by whoever sees its ${singular(link.references!.table)} (through ${link.name}), the members of a group, and "${o}" is set from the token's subject`);
  }
  // A log of what happened to a row, named for it (task_activity_logs: task_id, user_id, action;
  // order_history; ticket_events): its entries are that row's, seen by whoever sees the row, and the
  // user column records who acted (set from the token's subject), not whose the entry is.
  for (const t of sorted) {
    const o = owners.get(t.name);
    if (!o || t === identity || groupLinks.has(t.name) || t.shared || sharedByStatement(t.description)) continue;
    if (!LOG_WORDS.has(singularWords(t.name).at(-1)!)) continue;
    const link = t.columns.find((c) => {
      const target = c.references ? byName.get(c.references.table) : undefined;
      if (!target || target === t || target === identity || c.nullable || c.name === o || !reaches.has(target.name)) return false;
      return namedAfter(t, target) !== null;
    });
    if (!link) continue;
    throughLink(t, link, { [o]: "author" });
    report.note(t.columns.find((c) => c.name === o)!.span, `"${t.name}" is a log of its ${singular(link.references!.table)}: an entry is seen by whoever sees that row (through ${link.name}), and "${o}" records who acted (set from the token's subject), not whose the entry is`);
  }
  // Through the row a row belongs to, in rounds (comments -> posts -> users): a table takes its
  // parent among the tables reached in earlier rounds, a required link first, then the spec's
  // column order; the rounds keep the chains acyclic. A row of a group's (above) waits for the
  // link that reaches the group.
  // A table waits for a required link to a table that reaches an owner in a later round rather
  // than take a nullable one now (booths: layout_id required, listing_id optional): `eventually`
  // holds the tables some chain of references leads to an owner from.
  const eventually = new Set(reaches);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of sorted) {
      if (eventually.has(t.name) || t === identity || t.shared) continue;
      if (t.columns.some((c) => c.references && c.references.table !== t.name && eventually.has(c.references.table) && byName.get(c.references.table) !== identity)) {
        eventually.add(t.name);
        grew = true;
      }
    }
  }
  for (let waited = false, strict = true; ; ) {
    const round: [OwnTable, OwnColumn][] = [];
    let postponed = false;
    for (const t of sorted) {
      if (reaches.has(t.name) || t === identity || t.shared) continue;
      const parents = t.columns.filter((c) => c.references && c.references.table !== t.name && reaches.has(c.references.table) && byName.get(c.references.table) !== identity);
      const via = groupLinks.get(t.name);
      const preferred = via !== undefined && !waited ? parents.find((c) => c.name === via) : undefined;
      if (via !== undefined && !waited && !preferred) continue;
      if (parents.length === 0) continue;
      const required = parents.find((c) => !c.nullable);
      const later = t.columns.some((c) => c.references && !c.nullable && c.references.table !== t.name && !reaches.has(c.references.table) && eventually.has(c.references.table) && byName.get(c.references.table) !== identity);
      if (!preferred && !required && later && strict) {
        postponed = true;
        continue;
      }
      round.push([t, preferred ?? required ?? parents[0]!]);
    }
    if (round.length === 0) {
      // Links that wait on each other: the nullable ones are taken after all.
      if (postponed && strict) {
        strict = false;
        continue;
      }
      if (waited || groupLinks.size === 0) break;
      waited = true;
      continue;
    }
    waited = false;
    strict = true;
    for (const [t, pick] of round) {
      const stamps = childStamps.get(t.name);
      out.set(t.name, { scope: { kind: "parent", column: pick.name, parent: pick.references!.table, parentKey: pick.references!.column }, ...(stamps && Object.keys(stamps).length ? { stamps } : {}) });
      reaches.add(t.name);
      report.note(pick.span, `rows of "${t.name}" belong to the caller through "${pick.name}" -> ${pick.references!.table}${pick.nullable ? " (rows without one belong to nobody and are not served)" : ""}`);
    }
  }
  // A spec with no users at all (no users table, no owner column anywhere) describes one
  // shared space: every signed-in user reads and writes every table. One warning says so.
  const single = !identity && ![...owners.values()].some(Boolean) && out.size === 0;
  // Its rows may belong to tenants (projects.organization_id -> organizations) with nothing saying
  // which users belong to which tenant: the warning then names that, and the choices.
  let tenantWarned = false;
  if (single) {
    for (const t of sorted) {
      if (t.shared || sharedByStatement(t.description)) continue;
      const c = t.columns.find((x) => {
        const target = x.references ? byName.get(x.references.table) : undefined;
        if (!target || target === t || target.shared || sharedByStatement(target.description)) return false;
        return words(target.name).map((w) => singular(w)).some((w) => TENANT_WORDS.has(w));
      });
      if (!c) continue;
      const tenant = c.references!.table;
      const one = singular(tenant);
      report.warn("SF131", `rows of "${t.name}" belong to ${/^[aeiou]/i.test(one) ? "an" : "a"} ${one} ("${t.name}.${c.name}" -> ${tenant}), but the spec says nowhere which users belong to which ${one}: every signed-in user shares every ${one}'s rows, reading and writing`, c.span,
        `to isolate each ${one}, add a membership table (${one}_members: ${one}_id referencing ${tenant}, user_id), or a users table whose ${one}_id names each user's ${one}; write "Shared: read-write" under "${t.name}" to say the sharing is meant`);
      tenantWarned = true;
      break;
    }
  }
  // Only staff sign in (the users table is "admin_users", "staff"): the app is a back office, whose
  // every signed-in user manages the tables no one owns (products, orders), reading and writing.
  const staff = !!identity && !single && out.size === 0 && ![...owners.values()].some(Boolean) && words(identity.name).map((w) => singular(w)).some((w) => /^(admin|administrator|staff|operator|backoffice)$/.test(w));
  if (staff) {
    report.warn("SF126", `only staff sign in ("${identity!.name}"): every signed-in user reads and writes every other table`, identity!.span,
      `to keep a table read-only for them, say "Shared: read-only" in its section; for per-user data, give the table a column referencing "${identity!.name}"`);
  }
  if (single && tables.length > 0 && !tenantWarned) {
    report.warn("SF126", `the spec defines no users: every signed-in user shares every table, reading and writing`, tables[0]!.span,
      "for per-user data, add a users table and give each table a column referencing it (user_id)");
  }
  for (const t of tables) {
    if (reaches.has(t.name) || t === identity) continue;
    // (For staff, a catalog or a lookup table is what they keep: only "read-only" said outright stays so.)
    if (single || (staff && !t.shared && !/read[-\s]?only|can(?:not|'t)\s+(?:edit|write|change)/i.test(t.description ?? "") && !t.columns.some((c) => secretColumn(c)))) {
      out.set(t.name, { shared: "read-write" });
      continue;
    }
    const said = t.shared ?? sharedByStatement(t.description) ?? (auditShared.has(t.name) ? "read-write" : null);
    if (said) {
      const stamps = sharedStamps.get(t.name);
      out.set(t.name, { shared: said, ...(stamps && Object.keys(stamps).length ? { stamps } : {}) });
      report.note(t.span, `"${t.name}" is shared by every signed-in user${said === "read" ? " for reading; no route writes it" : ", for reading and writing"} (${auditShared.has(t.name) ? "its users are only its audit trail" : "the spec says so"})`);
      continue;
    }
    // Sign-in codes, device pairings, tokens waiting to be claimed: the app's own bookkeeping, whose
    // secrets no signed-in user may read. Served by no route; hand-written code reads it.
    const secret = t.columns.find((c) => secretColumn(c));
    if (secret) {
      out.set(t.name, { shared: "read", internal: true });
      report.warn("SF137", `table "${t.name}" belongs to no user and keeps a secret ("${secret.name}"): no route serves it, since every signed-in user could read it otherwise`, secret.span,
        `use it from hand-written code (src/routes/, hooks); to make its rows someone's, give "${t.name}" a column referencing the users table; if it is meant for every user to read, say "Shared: read-only" in its section`);
      continue;
    }
    out.set(t.name, { shared: "read" });
    // A reference to a table that does not exist is its own error (SF104): the owner it meant is unknown.
    if (t.columns.some((c) => c.references && !byName.has(c.references.table))) continue;
    report.warn("SF126", `table "${t.name}" belongs to no user: every signed-in user may read it, and no generated route writes it`, t.span,
      `to make rows private, give "${t.name}" a column referencing the users table (or "Owner: <column>"); to share it for writing, say "Shared: read-write" in its section`);
  }
  return out;
}

/**
 * What people say to each other about a group's row (task_comments, messages, replies,
 * attachments, reactions), and what they did in it (a project's activities, events, history,
 * logs): written to be read by the group, so its `user_id` names its writer or actor.
 */
function conversational(t: OwnTable, owner: string): boolean {
  const last = singular(words(t.name).at(-1) ?? "");
  return (/^(comment|message|reply|attachment|reaction|mention)$/.test(last) || LOG_WORDS.has(last)) && /^user(_id)?$/.test(words(owner).join("_"));
}

/** Words saying a table is the app's own, kept by its administrators, not any user's. */
const ADMIN_KEPT = /\b(global|system[-\s]wide|reference\s+data|lookup|predefined|pre-defined|seed(?:ed)?|static\s+data|read[-\s]?only|(?:managed|maintained|curated|defined|kept|edited|created)\s+(?:only\s+)?by\s+(?:the\s+)?(?:an?\s+)?(?:admins?|administrators?|staff|the\s+system)|admin[-\s](?:managed|only|defined))\b/i;

/** A user column naming who made the row (its author, sender, uploader), not whose it is. */
const MAKER_NAMES = /^(sender|uploaded_by|uploader|posted_by|poster|sent_by|written_by|writer|logged_by|recorded_by)(_user)?(_id)?$/;
export function makerColumn(column: string): boolean {
  return auditRole(column) === "author" || MAKER_NAMES.test(words(column).join("_"));
}

/**
 * A table whose only users are its audit trail: the maker column may be empty (created_by
 * nullable), an editor column records who last changed a row (updated_by), and no other column
 * names a user. Rows that anyone may change and that record who did (teams, labels, statuses of a
 * shared workspace), not rows of their maker.
 */
function auditTrailOnly(t: OwnTable, owner: string, identity: OwnTable | null): boolean {
  const col = t.columns.find((c) => c.name === owner);
  if (!col || !col.nullable || auditRole(owner) !== "author") return false;
  const users = t.columns.filter((c) => !c.primaryKey && (c.externalOwner || (identity !== null && c.references?.table === identity.name) || c.name === owner));
  if (!users.some((c) => auditRole(c.name) === "editor")) return false;
  return users.every((c) => auditRole(c.name) !== null || /^(?:deleted|archived|removed)_by(?:_user)?(?:_id)?$/.test(words(c.name).join("_")));
}

/**
 * The audit columns of a row whose owner column `was` is no longer its owner: that column as its
 * author, and the table's other author and editor columns, each referencing the users table.
 */
function stampsOf(t: OwnTable, was: string, identity: OwnTable | null): Record<string, "author" | "editor"> {
  const stamps: Record<string, "author" | "editor"> = {};
  for (const c of t.columns) {
    if (c.primaryKey || !(c.externalOwner || (identity && c.references?.table === identity.name) || c.name === was)) continue;
    const role = c.name === was ? (auditRole(c.name) ?? "author") : auditRole(c.name);
    if (role) stamps[c.name] = role;
  }
  return stamps;
}

/**
 * A table named for the membership of a group its creator owns (workspace_members: workspace_id,
 * user_id, with workspaces.owner_id): the group is its members', not only its creator's.
 */
export function membershipOfOwnedGroup(m: OwnTable, group: OwnTable): boolean {
  if (group.keyColumns || group.shared || sharedByStatement(group.description)) return false;
  const gw = words(group.name).map((x) => singular(x));
  if (namedMembership(m, group)) return true;
  if (!gw.some((x) => GROUP_WORDS.has(x))) return false;
  return words(m.name).map((x) => singular(x)).some((x) => /^(member|membership|participant)$/.test(x));
}

/**
 * A membership table named for its group, whatever the group is: "ledger_members" for ledgers,
 * "trip_participants" for trips, "board_memberships" for boards. The name says the group has members.
 */
export function namedMembership(m: OwnTable, group: OwnTable): boolean {
  const rest = namedAfter(m, group);
  return rest?.length === 1 && /^(member|membership|participant)$/.test(rest[0]!);
}

/** A name's words, each singular ("task_activity_logs" -> task, activity, log). */
function singularWords(name: string): string[] {
  return words(name).map((x) => singular(x));
}

/**
 * The words of `t`'s name after `other`'s, when `t` is named after it ("ledger_members" after
 * ledgers: [member]; "task_activity_logs" after tasks: [activity, log]); null otherwise.
 */
function namedAfter(t: OwnTable, other: OwnTable): string[] | null {
  const tw = singularWords(t.name);
  const ow = singularWords(other.name);
  return tw.length > ow.length && ow.every((x, i) => tw[i] === x) ? tw.slice(ow.length) : null;
}

/**
 * A column that keeps a secret: a token, a password, a code's or a key's hash, an API key
 * ("token", "device_token", "code_hash", "token_hash", "api_key", "refresh_token", "otp_secret"),
 * of a text or bytes type. Not a count of tokens ("tokens_used", "token_count").
 */
export function secretColumn(c: OwnColumn): boolean {
  if (c.type && !["string", "text", "bytes"].includes(c.type.kind)) return false;
  const w = words(c.name);
  const last = w.at(-1) ?? "";
  if (/^(token|secret|password|passwd|otp|salt)$/.test(last)) return true;
  if (last === "hash" || last === "digest") return w.length > 1 && /^(token|code|key|secret|password|pin|otp|verifier)$/.test(w.at(-2)!);
  return last === "key" && w.length > 1 && /^(api|private|secret|access|signing)$/.test(w.at(-2)!);
}

/**
 * A column the API never answers with: a password or its hash, a salt, a secret, the hash of a
 * token, code or key ("password", "password_hash", "hashed_password", "encrypted_password",
 * "salt", "client_secret", "token_hash", "api_key_digest"), of a text or bytes type. A client
 * may still write it where the row is its own (a link's password, a webhook's secret); nobody
 * reads it back, not even its owner: a hash or a secret once written is the server's to compare.
 * Not a token itself (a device's push token is read back) and not a file's hash.
 */
export function undisclosedColumn(c: Pick<OwnColumn, "name" | "type">): boolean {
  if (c.type && !["string", "text", "bytes"].includes(c.type.kind)) return false;
  const w = words(c.name);
  const last = w.at(-1) ?? "";
  if (/^(password|passwd|passphrase|salt|secret)$/.test(last)) return true;
  if (last === "hash" || last === "digest") return w.length > 1 && /^(token|code|key|secret|password|passwd|pass|pin|otp|verifier)$/.test(w.at(-2)!);
  return false;
}

/** A data column no answer carries (undisclosedColumn): a key, an owner or a time the app keeps is never one. */
export function hiddenColumn(c: Pick<OwnColumn, "name" | "type"> & { readonly role: string }): boolean {
  return c.role === "data" && undisclosedColumn(c);
}

/**
 * A column that states what its user may do or has been granted: a role, an admin flag, a
 * verified mark, a ban, an account's active flag, a plan or a balance ("role", "is_admin",
 * "is_staff", "email_verified", "is_banned", "is_active", "subscription_tier", "credits"). On the users table, and on a membership row, the
 * user it names cannot set it through the API: only the app (its defaults, custom code) does.
 */
export function privilegeColumn(c: Pick<OwnColumn, "name">): boolean {
  const w = words(c.name);
  const n = w.join("_");
  if (/^(roles?|user_roles?|member_roles?|access_level|permission_level|permissions?|scopes?|privileges?|capabilities)$/.test(n)) return true;
  if (/^(is_)?(admin|administrator|superuser|super_admin|staff|moderator|owner)$/.test(n)) return true;
  if (/^(is_)?(verified|email_verified|phone_verified|approved|banned|blocked|suspended|locked|trusted)$/.test(n)) return true;
  // An account's state an administrator sets: a user who could set it would undo their own deactivation.
  if (/^(is_)?(active|enabled|disabled|deactivated)$/.test(n)) return true;
  if (/^(email_verified_at|verified_at|approved_at|banned_at|suspended_at|locked_until|banned_until)$/.test(n)) return true;
  return /^((subscription|billing|account|membership)_)?(plan|tier|level)$|^(credits?|credit_balance|balance|quota|storage_quota)$/.test(n);
}

/**
 * The roles that run a group, strongest first (a group's maker gets the first its role column
 * offers, route-specs.ts membershipFill): a member holding one manages the group's memberships.
 */
export const MANAGING_ROLES = ["owner", "admin", "administrator", "superadmin", "super_admin", "superuser", "creator", "founder", "manager", "lead", "leader", "maintainer", "moderator", "organizer", "organiser", "host", "captain", "chair", "president"];

/** Whether a role value (any case, singular or plural) is one of MANAGING_ROLES; -1 when it is not, else its rank. */
export function managingRank(value: string): number {
  const v = value.toLowerCase().replace(/-/g, "_");
  const i = MANAGING_ROLES.indexOf(v);
  return i >= 0 ? i : MANAGING_ROLES.indexOf(v.replace(/s$/, ""));
}

const GRANT_WORDS = new Set(["role", "permission", "privilege", "grant", "entitlement", "capability", "authority", "right"]);

/**
 * A table whose rows grant the user they name a role or a permission (user_roles,
 * user_permissions, role_assignments): its rows are its user's to read, but the user it names
 * cannot write them, or anyone could grant themselves any role.
 */
export function grantsTable(t: Pick<OwnTable, "name" | "columns">): boolean {
  const w = words(t.name).map((x) => singular(x));
  if (w.length < 2 || !w.some((x) => GRANT_WORDS.has(x))) return false;
  // Named for what it grants (user_roles, member_permissions)...
  if (GRANT_WORDS.has(w.at(-1)!)) return true;
  // ...or for assigning one, with a role it names (role_assignments: user_id, role_id).
  if (!/^(assignment|binding|mapping|map|link)$/.test(w.at(-1)!)) return false;
  return t.columns.some((c) => c.references && GRANT_WORDS.has(singular(words(c.references.table).at(-1) ?? ""))) || t.columns.some((c) => privilegeColumn(c));
}

/** Words of a row that ties a user to another user's row: the user it names is not its owner. */
const LINK_WORDS = new Set(["assignee", "assignment", "member", "membership", "participant", "collaborator", "collaboration", "watcher", "follower", "subscriber", "attendee", "invitee", "invitation", "invite", "guest", "share", "viewer", "editor", "reviewer", "contributor", "access", "permission", "grant"]);

/** Column names that name the row's own user (its owner), whatever the table is called. */
const OWNER_NAMES = /^(owner(_user)?_id|owner|created_by(_id)?|creator(_id)?|author(_id)?)$/;

/**
 * Link tables whose user column names the user the row is about, not its owner:
 * task_assignees(task_id, user_id), project_members(project_id, user_id), note_shares(note_id,
 * shared_with). The row belongs to the owner of the row it links (tasks.user_id): only they see
 * and change it, and the user it names does not (another user's row is as missing as none).
 * Returns the tables whose owner column is dropped, each with the column that links the parent.
 */
export function linkTablesOfOwnedRows(
  tables: readonly OwnTable[],
  owners: ReadonlyMap<string, string | null>,
  identity: OwnTable | null,
): { table: OwnTable; userColumn: string; link: OwnColumn }[] {
  if (!identity) return [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  // A table reaches an owner through its own column, or a required link to one that does.
  const reachesOwner = (name: string, seen = new Set<string>()): boolean => {
    const t = byName.get(name);
    if (!t || t === identity || seen.has(name)) return false;
    if (owners.get(name)) return true;
    seen.add(name);
    return t.columns.some((c) => c.references && !c.nullable && c.references.table !== name && reachesOwner(c.references.table, seen));
  };
  const out: { table: OwnTable; userColumn: string; link: OwnColumn }[] = [];
  for (const t of tables) {
    const userColumn = owners.get(t.name);
    if (!userColumn || t === identity) continue;
    const uc = t.columns.find((c) => c.name === userColumn);
    if (!uc || uc.references?.table !== identity.name || OWNER_NAMES.test(words(uc.name).join("_"))) continue;
    // The owner may be another column naming a user by its role (created_by): then nothing changes.
    if (t.columns.some((c) => c !== uc && c.references?.table === identity.name && OWNER_NAMES.test(words(c.name).join("_")))) continue;
    const parents = t.columns.filter((c) => c !== uc && c.references && !c.nullable && c.references.table !== t.name && c.references.table !== identity.name && reachesOwner(c.references.table));
    if (parents.length !== 1) continue;
    const link = parents[0]!;
    const parent = byName.get(link.references!.table)!;
    // workspace_members of a workspace its creator owns: the workspace's membership (resolveOwnership), not a link.
    if (owners.get(parent.name) && membershipOfOwnedGroup(t, parent)) continue;
    const tw = words(t.name).map((x) => singular(x));
    const cw = words(uc.name).map((x) => singular(x)).filter((x) => x !== "id");
    const pw = words(parent.name).map((x) => singular(x));
    // Named for the link (task_assignees, project_members), or the parent's users (project_users), or
    // its user column names a role (assignee_id, shared_with).
    const linkNamed = tw.some((x) => LINK_WORDS.has(x)) || (tw.length === pw.length + 1 && pw.every((x, i) => tw[i] === x) && /^(user|person|people)$/.test(tw.at(-1)!));
    const roleColumn = cw.some((x) => LINK_WORDS.has(x) || /^(assigned|shared|invited)$/.test(x)) && !cw.includes("user") || /^(assigned_to|shared_with|invited)$/.test(cw.join("_"));
    if (!linkNamed && !roleColumn) continue;
    // A row the named user makes, with data of its own (bookings: guest, listing, dates, guests,
    // price), is theirs, not a tie to the linked row's owner: only a thin row (a watcher, a share
    // and its permission) is a link when the table's name does not say so.
    if (!linkNamed && ownData(t) > 3) continue;
    out.push({ table: t, userColumn: userColumn, link });
  }
  return out;
}

/** The columns a row holds of its own: not its key, a reference, or a time stamp. */
function ownData(t: OwnTable): number {
  return t.columns.filter((c) => !c.primaryKey && !c.references && !/(?:^|_)(?:at|on|date)$|^(?:created|updated)(?:_?at)?$/i.test(words(c.name).join("_"))).length;
}

/**
 * A finished table with what ownership decided: its scope or sharing, on a tenant-scoped table
 * the role of the tenant column ("tenant": set from the claim), and on any table the roles of
 * the audit columns ("author", "editor": set from the token's subject).
 */
export function withTenantRoles(t: Table, o: Ownership | undefined): Table {
  if (!o) return t;
  const { stamps, ...rest } = o;
  const s = o.scope;
  if (s?.kind !== "tenant" && !stamps) return { ...t, ...rest };
  const columns = t.columns.map((c) => {
    if (s?.kind === "tenant" && c.name === s.column && c.name !== t.primaryKey) return { ...c, role: "tenant" as const };
    const stamp = stamps?.[c.name];
    return stamp && c.role !== "id" ? { ...c, role: stamp } : c;
  });
  return { ...t, ...rest, columns };
}
