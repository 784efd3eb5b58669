// RawSpec -> IR. This is where the words people write ("varchar(200)", "FK -> users.id",
// "required", "PATCH .../complete") get a meaning. Every guess is recorded as a Note so
// `specforge explain` can show it; everything not understood becomes a diagnostic.
// This module runs the stages in order; each stage lives in its own module.
import { linkVisibleToOther, otherUserColumn } from "./user-links.js";
import type { TableDraft } from "./drafts.js";
import type { Diagnostic, Severity } from "../base/diagnostics.js";
import { modelName, singular } from "../base/naming.js";
import type { RawSpec } from "../parse/raw.js";
import { buildAuthMode } from "./auth-mode.js";
import { applyBodyRules } from "./body-rules.js";
import { addBuiltinAuth, authOperation, PASSWORD_COLUMNS, refreshRegister } from "./build-builtin-auth.js";
import { BuildContext, type BuildOptions, type Note } from "./build-context.js";
import { EndpointBuilder } from "./build-endpoints.js";
import { addColumnsNamedByIndexes, attachSpecIndexes, uniqueIndexNames } from "./build-indexes.js";
import { findManyToMany } from "./build-list.js";
import { addSurrogateKeys, buildTables } from "./build-tables.js";
import { dropContradictedDefaults, finishTable } from "./finish-table.js";
import { alignReferenceTypes, dropReferencesToNonUnique, referencesFromNames, resolveCompositeKeys, resolveReferences, schemaQualifiedRefs, wholeNumberKeys } from "./foreign-keys.js";
import { identityPlan } from "./identity-plan.js";
import { findIdentity, findOwner, ownerColumnsSaidInWords } from "./identity-table.js";
import { inferMissingTypes } from "./missing-types.js";
import { readNamedTypes } from "./named-types.js";
import { linkTablesOfOwnedRows, managingRank, privilegeColumn, resolveOwnership, withTenantRoles } from "./ownership.js";
import { standardEndpoints } from "./standard-endpoints.js";
import { type BuiltinAuth, type IR, IR_VERSION, type Span, type Table } from "./types.js";

export interface BuildResult {
  readonly ir: IR;
  readonly diagnostics: Diagnostic[];
  readonly notes: Note[];
}

/**
 * Tables the spec says an auth service keeps ("Sessions (Managed by Better Auth)", the accounts
 * and verifications under "Auth Tables (Better Auth-managed)") are that service's: it creates
 * them and keeps their sessions and credentials. The app makes none of them but the users table,
 * whose rows its other tables name; each one left out is a note.
 */
function leaveAuthManaged(cx: BuildContext, tables: TableDraft[], identity: TableDraft | null): void {
  for (let i = tables.length - 1; i >= 0; i--) {
    const t = tables[i]!;
    if (!t.authManaged || t === identity) continue;
    cx.note(t.span, `table "${t.name}" is kept by the auth service, as the spec says: the app does not create or serve it`);
    tables.splice(i, 1);
  }
}

/**
 * A spec that signs its users in itself: no authentication line, a POST sign-in route of its own
 * ("/auth/login", "/api/v1/signin"), and a users table keeping an email and a password (hash).
 * The app then is the issuer, as with "Authentication: built-in", at the spec's own paths. When
 * the users table cannot hold accounts as the module needs (a required column register cannot
 * fill, no unique email), tokens stay external and a note says why.
 */
function ownSignIn(cx: BuildContext, raw: RawSpec, identity: TableDraft | null): RawSpec["endpoints"][number] | null {
  if (raw.authMode || !identity) return null;
  const signIn = raw.endpoints.find((e) => e.method.text.toLowerCase() === "post" && authOperation(e.path.text) === "login");
  if (!signIn || !identity.columns.some((c) => c.name === "email") || !identity.columns.some((c) => (PASSWORD_COLUMNS as readonly string[]).includes(c.name))) return null;
  // Decided before the tables are finished: the users' ids are then the app's (an integer key counts up).
  cx.authMode = { mode: "builtin" };
  return signIn;
}

/** The module for a spec that signs its users in itself (ownSignIn), or tokens back to external, with a note why. */
function addOwnSignIn(cx: BuildContext, signIn: RawSpec["endpoints"][number], tables: Table[]): { tables: Table[]; builtin: BuiltinAuth | null } {
  const problems: string[] = [];
  const users = tables.find((t) => t.identity)!;
  if (tables.some((t) => t.scope?.kind === "tenant")) problems.push("its rows are scoped by organization, which built-in tokens do not carry");
  const r = problems.length ? null : addBuiltinAuth(tables, signIn.path.span, (m) => problems.push(m));
  if (!r?.builtin) {
    cx.authMode = { mode: "external" };
    cx.note(signIn.path.span, `${signIn.method.text.toUpperCase()} ${signIn.path.text} signs users in, but the app cannot be their issuer (${problems[0]}): tokens stay external`);
    return { tables, builtin: null };
  }
  cx.note(signIn.path.span, `${signIn.method.text.toUpperCase()} ${signIn.path.text} and "${users.name}" (email, ${r.builtin.passwordColumn}) say the app signs its users in itself: built-in authentication (register, login, refresh, logout at the spec's paths; tokens signed with JWT_SECRET)`);
  return r;
}

function build(cx: BuildContext, raw: RawSpec, sources: { schema: string; api: string | null }): IR {
  cx.authMode = buildAuthMode(cx, raw.authMode);
  readNamedTypes(cx, raw);
  const tables = buildTables(cx, raw);
  sameClassNames(cx, tables);
  addSurrogateKeys(cx, tables);
  schemaQualifiedRefs(cx, tables);
  const identity = findIdentity(cx, tables);
  leaveAuthManaged(cx, tables, identity);
  const signIn = ownSignIn(cx, raw, identity);
  for (const t of tables) resolveReferences(cx, t, tables, identity);
  resolveCompositeKeys(cx, tables);
  referencesFromNames(cx, tables);
  wholeNumberKeys(cx, tables);
  inferMissingTypes(cx, tables);
  alignReferenceTypes(cx, tables);
  ownerColumnsSaidInWords(cx, tables, identity);
  const owners = new Map<string, string | null>();
  for (const t of tables) owners.set(t.name, t === identity ? null : findOwner(cx, t, identity));
  // task_assignees(task_id, user_id): the user it names is the assignee; the task's owner owns the row.
  for (const { table, userColumn, link } of linkTablesOfOwnedRows(tables, owners, identity)) {
    if (tables.find((t) => t.name === table.name)?.owner) continue; // "Owner: user_id" said outright
    owners.set(table.name, null);
    cx.note(table.columns.find((c) => c.name === userColumn)!.span, `"${table.name}.${userColumn}" names the user a row of "${table.name}" is about, not its owner: the row belongs to the owner of its ${singular(link.references!.table)} (through ${link.name}), who alone sees and changes it; the user it names gets no access from it (write "Owner: ${userColumn}" under "${table.name}" to make that user the owner)`);
  }
  const ownership = resolveOwnership(tables, owners, identity, {
    note: (span, message) => cx.note(span, message),
    warn: (code, message, span, hint) => cx.diag("warning", code, message, span, hint),
  }, { tenantClaims: cx.authMode.mode !== "builtin" });
  attachSpecIndexes(cx, raw.indexes, tables);
  addColumnsNamedByIndexes(cx, tables);
  let irTables: Table[] = tables.map((t) => withTenantRoles(finishTable(cx, t, identity, owners.get(t.name) ?? null), ownership.get(t.name)));
  let builtin: BuiltinAuth | null = null;
  if (cx.authMode.mode === "builtin" && raw.authMode) {
    ({ tables: irTables, builtin } = addBuiltinAuth(irTables, raw.authMode.span, (m, span, hint) => cx.diag("error", "SF125", m, span, hint)));
  } else if (signIn) {
    ({ tables: irTables, builtin } = addOwnSignIn(cx, signIn, irTables));
  }
  irTables.sort((a, b) => cmp(a.name, b.name));
  irTables = dropReferencesToNonUnique(cx, irTables);
  irTables = uniqueIndexNames(cx, irTables);
  irTables = withLinkReaders(irTables);
  irTables = withFellowReaders(cx, irTables);
  cx.relations = findManyToMany(irTables);
  const sink = { diag: (sev: Severity, code: string, m: string, span: Span, hint?: string) => cx.diag(sev, code, m, span, hint), note: (span: Span, m: string) => cx.note(span, m) };
  // Request-body rules tighten the columns first, so the list contracts and actions built
  // from the columns see them (a body enum makes a status column filterable).
  if (raw.endpoints.some((e) => e.body?.length)) {
    const probe = new EndpointBuilder(cx.relations, cx.authMode, { diag: () => {}, note: () => {} }).build(raw.endpoints, irTables);
    irTables = applyBodyRules(cx, raw.endpoints, probe, irTables);
  }
  const specBuilder = new EndpointBuilder(cx.relations, cx.authMode, sink);
  let endpoints = specBuilder.build(raw.endpoints, irTables);
  // The module answers at the spec's own paths for its operations (POST /auth/signin), else /api/auth/<name>.
  // The ones it does not write answer beside those it does (/auth/login written: /auth/refresh).
  if (builtin) {
    const own = specBuilder.builtinPaths;
    const beside = own.login ?? own.register ?? own.logout ?? own.refresh;
    const base = beside ? beside.slice(0, beside.lastIndexOf("/")) : null;
    const at = (op: keyof BuiltinAuth["paths"]) => own[op] ?? (base !== null ? `${base}/${op}` : builtin!.paths[op]);
    builtin = { ...builtin, paths: { register: at("register"), login: at("login"), refresh: at("refresh"), logout: at("logout") } };
    const profile = [...specBuilder.builtinProfile].sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
    if (profile.length) builtin = { ...builtin, profile };
  }
  const unmapped = specBuilder.unmapped;
  // Sign-in/sign-up routes skipped for an auth service the spec never names: say which, once.
  const skippedAuth = specBuilder.skippedAuth;
  if (skippedAuth.length && cx.authMode.mode === "external" && !raw.authMode) {
    const routes = [...new Set(skippedAuth.map((s) => s.where))];
    const working = endpoints.filter((e) => e.action.kind !== "stub").length;
    cx.diag("warning", "SF219", `${routes.length} authentication route${routes.length > 1 ? "s are" : " is"} skipped (${routes.slice(0, 6).join(", ")}${routes.length > 6 ? ", ..." : ""}), but the spec names no auth service to serve ${routes.length > 1 ? "them" : "it"}${working === 0 ? "; no other route of the spec is generated as a working route" : ""}`, skippedAuth[0]!.span,
      'name the auth service ("Authentication: external (Auth0)"), or write "Authentication: built-in" for the app to register users and issue tokens');
  }
  // No endpoints file, or one that maps no endpoint to any table: every table gets the standard
  // REST surface (scoped to the caller like any other route), so the app is never empty.
  const mapsTables = endpoints.some((e) => e.action.kind !== "stub");
  if (!mapsTables && irTables.some((t) => !t.addedBy)) {
    const at: Span = { file: sources.schema, line: 1, column: 1 };
    const standard = standardEndpoints(irTables, at, raw.endpoints);
    cx.note(at, sources.api
      ? `the API spec ${sources.api} maps no endpoint to a table: each table also gets the standard REST surface (${standard.length} routes under /api)`
      : `no API spec: each table gets the standard REST surface (${standard.length} routes under /api: list, create, get, update, delete; the users table's own row at /api/<users>/me)`);
    const quiet = { diag: () => {}, note: () => {} };
    endpoints = [...endpoints, ...new EndpointBuilder(cx.relations, cx.authMode, quiet).build(standard, irTables)].sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
  }
  irTables = dropContradictedDefaults(cx, irTables);
  // A default a request body's rule dropped makes its column one register takes.
  const accounts = irTables.find((t) => t.identity);
  if (builtin && accounts) builtin = refreshRegister(builtin, irTables, accounts.name);
  // A users table a token cannot fill: users create their own row (POST <users>/me).
  const identityTable = irTables.find((t) => t.identity);
  const selfRegistration = !!identityTable && cx.authMode.mode !== "builtin" && identityPlan(identityTable).unfillable.length > 0;
  if (selfRegistration && !endpoints.some((e) => e.self && e.method === "post")) {
    // Beside the spec's own ".../me" route; not beside "/profile" or "/auth/me" (read as the caller's
    // row only for GET, PUT and PATCH: a POST there is an account route).
    const me = endpoints.find((e) => e.self && /\/me$/.test(e.path) && !e.path.split("/").includes("auth"))?.path ?? `/api/${identityTable!.name.replace(/_/g, "-")}/me`;
    const quiet = { diag: () => {}, note: () => {} };
    const made = new EndpointBuilder(cx.relations, cx.authMode, quiet).build([{ method: { text: "POST", span: identityTable!.span }, path: { text: me, span: identityTable!.span }, summary: `Create the caller's own ${singular(identityTable!.name)}.` }], irTables);
    endpoints = [...endpoints, ...made].sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
    cx.note(identityTable!.span, `users are not recorded from their tokens ("${identityTable!.name}" has required columns a token cannot fill): each creates their own row with POST ${me}`);
  }
  return {
    version: IR_VERSION,
    sources: { schema: sources.schema, api: sources.api },
    auth: { ...cx.authMode, identityTable: identity?.name ?? null, ...(builtin ? { builtin } : {}), ...(selfRegistration ? { selfRegistration: true as const } : {}) },
    tables: irTables,
    endpoints,
    relations: cx.relations,
    rowLevelSecurity: raw.rowLevelSecurity ?? true,
    ...(unmapped.length ? { unmapped } : {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RawSpec -> IR, with every problem as a diagnostic and every guess as a note. */
export function buildIr(raw: RawSpec, sources: { schema: string; api: string | null }, options: BuildOptions = {}): BuildResult {
  const b = new BuildContext(options);
  const ir = build(b, raw, sources);
  return { ir, diagnostics: b.diagnostics, notes: b.notes };
}

/**
 * Two tables whose names make one model class ("note" and "notes" both written in SQL: Note)
 * cannot both be generated: the models' index would export the class twice and the app would not
 * compile. Which one the spec means is not the reader's to pick, so it is an error at the second.
 */
function sameClassNames(cx: BuildContext, tables: readonly TableDraft[]): void {
  const seen = new Map<string, TableDraft>();
  for (const t of tables) {
    const cls = modelName(t.name);
    const first = seen.get(cls);
    if (!first) {
      seen.set(cls, t);
      continue;
    }
    cx.diag("error", "SF138", `tables "${first.name}" and "${t.name}" would both be the model class ${cls}: which one the spec means is not clear`, t.span,
      `merge them into one definition, or rename one (its model class comes from its name: "${first.name}" -> ${cls})`);
  }
}

/**
 * A group's membership (team_members of teams, owned by its user_id): every member of a team
 * reads the team's membership rows, so members see who else is in it. Each row is still
 * written only by its own member (and made for a group's creator by the app).
 */
function withFellowReaders(cx: BuildContext, tables: Table[]): Table[] {
  const groups = new Map<string, { group: string; role: { column: string; values: string[] } | null }>();
  for (const g of tables) {
    const s = g.scope;
    if (s?.kind !== "member" || s.column !== g.primaryKey) continue;
    const m = tables.find((t) => t.name === s.membership);
    if (!m || m.identity || m.owner !== s.membershipUser || groups.has(m.name)) continue;
    const role = managingRole(m);
    groups.set(m.name, { group: s.membershipGroup, role });
    const what = singular(g.name);
    cx.note(m.span, `rows of "${m.name}" are read by every member of the same ${what} (${s.membershipGroup}), so members see who else is in it; ` +
      (role
        ? `a member whose ${role.column} is ${orList(role.values)} adds other users to the ${what} (naming them in ${m.owner}), changes any of its memberships (the ${role.column} too) and removes them; other members change or delete only their own row, and never its ${role.column}`
        : `each row is changed or deleted only by the member it names`));
  }
  return groups.size
    ? tables.map((t) => {
        const f = groups.get(t.name);
        return f ? { ...t, fellows: f.group, ...(f.role ? { managers: f.role } : {}) } : t;
      })
    : tables;
}

/** A membership's role column (a privilege, an enum) and the values of it that run the group; null without one. */
function managingRole(m: Table): { column: string; values: string[] } | null {
  for (const c of m.columns) {
    if (c.role !== "data" || c.type.kind !== "enum" || !privilegeColumn(c)) continue;
    const values = c.type.values.filter((v) => managingRank(v) >= 0);
    if (values.length && values.length < c.type.values.length) return { column: c.name, values };
  }
  return null;
}

const orList = (xs: readonly string[]): string => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);

/**
 * A link between two users that is no secret (follows, friendships): the other user reads the
 * rows naming them (their followers), and only the owner writes. A block or a mute stays its
 * maker's alone.
 */
function withLinkReaders(tables: Table[]): Table[] {
  const identity = tables.find((t) => t.identity)?.name ?? null;
  return tables.map((t) => {
    const other = otherUserColumn(t, t.owner, identity);
    return other && linkVisibleToOther(t.name, other) ? { ...t, readers: [other] } : t;
  });
}
