// RawEndpoint -> Endpoint: which table a path is about, which action a method and path
// shape mean (list, create, get, replace, update, delete, toggles and setters, nested
// collections, many-to-many relations, the caller's own row), and every guess as a note.
import type { Diagnostic, Severity } from "../base/diagnostics.js";
import type { RawEndpoint } from "../parse/raw.js";
import { nameKey, plural, singular, snakeCase, words } from "../base/naming.js";
import { buildListSpec } from "./build-list.js";
import { bulkWords, collectionSubset, copyWord, countWord, exportWord, orderColumn, perUserSingleton, reorderWord, filterColumn, idsFieldOf, keyListFields, ownWord, statsGroups } from "./collection-routes.js";
import { grantsTable, groupViaUsers } from "./ownership.js";
import type { Action, BuiltinAuthPaths, SetAlso, Endpoint, HttpMethod, ManyToMany, RowCondition, Span, Table, UnmappedEndpoint } from "./types.js";
import { authOperation } from "./build-builtin-auth.js";
import { linkVerb, otherUserColumn, uniquePair } from "./user-links.js";

export interface EndpointSink {
  diag(severity: Severity, code: string, message: string, span: Span, hint?: string): void;
  note(span: Span, message: string): void;
}

export class EndpointBuilder {
  constructor(
    private readonly relations: readonly ManyToMany[],
    private readonly authMode: { readonly mode: "external" | "builtin" },
    private readonly sink: EndpointSink,
  ) {}

  /** The routes skipped as sign-in/sign-up routes served by the external auth service. */
  readonly skippedAuth: { where: string; span: Span }[] = [];
  /** Built-in mode: the spec's own paths of the module's operations ("POST /auth/signin" for login). */
  readonly builtinPaths: Partial<Record<keyof BuiltinAuthPaths, string>> = {};
  /** Built-in mode: the routes of the caller's own account the spec writes (GET /auth/me), which the module serves. */
  readonly builtinProfile: { method: "get" | "put" | "patch"; path: string }[] = [];

  /** The spec's endpoints whose path names no table: 501 routes (sorted by path, then method; one per method and path). */
  get unmapped(): UnmappedEndpoint[] {
    const seen = new Set<string>();
    return this.noTable.filter((u) => !seen.has(`${u.method} ${u.path}`) && !!seen.add(`${u.method} ${u.path}`)).sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
  }
  private readonly noTable: UnmappedEndpoint[] = [];

  private diag(severity: Severity, code: string, message: string, span: Span, hint?: string): void {
    this.sink.diag(severity, code, message, span, hint);
  }

  private note(span: Span, message: string): void {
    this.sink.note(span, message);
  }


  /** Every path the spec writes (normalised, lower case): an item action's opposite is looked for among them. */
  private paths = new Set<string>();

  build(raws: readonly RawEndpoint[], tables: readonly Table[]): Endpoint[] {
    this.paths = new Set(raws.map((r) => normalisePath(r.path.text).toLowerCase()));
    const out = new Map<string, Endpoint>();
    for (const raw of raws) {
      const ep = this.buildEndpoint(raw, tables);
      if (!ep) continue;
      const key = `${ep.method} ${ep.path}`;
      const prev = out.get(key);
      if (prev) {
        if (prev.successStatus !== ep.successStatus || prev.auth !== ep.auth) {
          this.diag("warning", "SF207", `${ep.method.toUpperCase()} ${ep.path} is written again with a different ${prev.auth !== ep.auth ? "authentication" : "status"}; the first one is used`,
            ep.span, "keep one definition of each endpoint");
        } else this.note(ep.span, `${ep.method.toUpperCase()} ${ep.path} is written again here; the first definition is used`);
        continue;
      }
      out.set(key, ep);
    }
    return [...out.values()].sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
  }

  private buildEndpoint(raw: RawEndpoint, tables: readonly Table[]): Endpoint | null {
    const span = raw.method.span;
    const method = raw.method.text.toLowerCase();
    const where = `${raw.method.text.toUpperCase()} ${raw.path.text}`;
    if (!isMethod(method)) {
      this.diag("warning", "SF208", `${where}: HTTP method ${raw.method.text} is not supported; the endpoint is skipped`, span, "use GET, POST, PUT, PATCH or DELETE");
      return null;
    }
    const path = normalisePath(raw.path.text);
    if (path !== raw.path.text) this.note(raw.path.span, `path ${raw.path.text} read as ${path}`);
    if (APP_ROUTES.test(path)) {
      // /docs for a docs table, /healthz: the app's own public route answers there first, and would hide the spec's.
      this.diag("warning", "SF222", `${where}: the app serves ${path.split("/").slice(0, 2).join("/")} itself (public: health, the OpenAPI document, the docs page); the endpoint is skipped`, span,
        `give the endpoint a path under a prefix (/api${path})`);
      return null;
    }
    let segs = path.split("/").filter(Boolean);
    const isParam = (s: string) => /^\{.+\}$/.test(s);
    const paramName = (s: string) => s.slice(1, -1);
    // Built-in mode: "/auth/me", "/users/me", "/profile" are the caller's account, which the
    // module serves (its users row holds the password hash no generated route may answer with).
    if (this.authMode.mode === "builtin" && (method === "get" || method === "put" || method === "patch") && this.ownAccount(segs, tables)) {
      if (!this.builtinProfile.some((p) => p.method === method && p.path === path)) this.builtinProfile.push({ method, path });
      this.note(span, `${where} is the caller's own account: the built-in auth module answers there (${method === "get" ? "the caller's users row without its password hash" : "changes the caller's profile columns; not the key, the email or the password hash"})`);
      return null;
    }
    // "/profile", "/auth/me", "/users/profile": the caller's own users row, read as "/me" is.
    const alias = this.selfAlias(segs, method, tables);
    if (alias) {
      this.note(raw.path.span, `${raw.method.text.toUpperCase()} ${raw.path.text} names the caller's own row: read as /${alias.join("/")}`);
      segs = alias;
    }
    // "register" after a row of another table (/events/{id}/register) is that row's action, not signing up.
    const rowAction = (i: number) => i >= 2 && isParam(segs[i - 1]!) && !isParam(segs[i - 2]!) && !!matchTable(segs[i - 2]!, tables) && !matchTable(segs[i - 2]!, tables)!.identity;
    const literals = segs.map((s, i) => (isParam(s) || rowAction(i) ? "" : s.toLowerCase())).filter(Boolean);
    if (literals.some((s) => AUTH_SEGMENTS.has(s))) {
      if (this.authMode.mode === "builtin") {
        const op = method === "post" ? authOperation(path) : null;
        if (op && (this.builtinPaths[op] === undefined || this.builtinPaths[op] === path)) {
          this.builtinPaths[op] = path;
          this.note(span, `${where} is the built-in auth module's ${op}: it answers there`);
        } else this.diag("warning", "SF203", `${where} is an authentication or account route; it is not generated (the built-in auth module serves only register, login, refresh and logout)`, span,
          "use those four routes, or write the route yourself outside generated/");
        return null;
      }
      this.skippedAuth.push({ where, span });
      this.diag("warning", "SF203", `${where} is an authentication or account route; it is not generated (users sign in with the external auth service)`, span,
        "tokens are issued by the auth service; the generated API only verifies them");
      return null;
    }
    // "/users/me" is the caller's own row; "/users/me/tasks" (or "/me/tasks") the caller's tasks.
    const identity = tables.find((t) => t.identity);
    const meAt = segs.findIndex((s) => SELF_SEGMENTS.has(s.toLowerCase()));
    let self = false;
    if (meAt >= 0) {
      const prev = meAt > 0 ? matchTable(segs[meAt - 1]!, tables) : undefined;
      if (meAt === segs.length - 1 && (prev?.identity || (!prev && meAt === segs.length - 1 && identity && (meAt === 0 || !isParam(segs[meAt - 1]!))))) {
        if (!identity) {
          this.diag("warning", "SF201", `${where}: the caller's own row needs a users table, and the spec defines none; the endpoint is skipped`, span);
          return null;
        }
        self = true;
        segs = [...segs.slice(0, prev ? meAt - 1 : meAt), identity.name];
      } else {
        // The caller's collection: the same as the collection itself (every row is scoped to the caller).
        segs = [...segs.slice(0, prev?.identity ? meAt - 1 : meAt), ...segs.slice(meAt + 1)];
      }
    }
    // "/menu/items" for menu_items: two words in a row that name a table together, when the second alone names none.
    for (let i = 0; i + 1 < segs.length; i++) {
      const [a, b] = [segs[i]!, segs[i + 1]!];
      if (isParam(a) || isParam(b) || /^(api|v\d+)$/i.test(a) || matchTable(b, tables)) continue;
      const joined = matchTable(`${a}_${b}`.replace(/-/g, "_"), tables);
      if (!joined) continue;
      this.note(raw.path.span, `"${a}/${b}" in ${where} read as table "${joined.name}"`);
      segs = [...segs.slice(0, i), joined.name, ...segs.slice(i + 2)];
    }
    // "/createBooking", "/get-bookings", "/deleteBooking/{id}": a verb of the standard operations with
    // a table's name, read as the table and the verb ("/bookings/create"); "/bookings/getBookingById/{id}"
    // as "/bookings/get/{id}".
    for (let i = 0; i < segs.length; i++) {
      const a = segs[i]!;
      if (isParam(a) || /^(api|v\d+)$/i.test(a) || matchTable(a, tables)) continue;
      const w = words(a);
      for (let k = 1; k < w.length; k++) {
        const verb = w.slice(0, k).join("_");
        const rest = w.slice(k).join("_").replace(/_by_(?:id|key|uuid)$/, "").replace(/^all_/, "");
        const named = CRUD_VERBS.has(verb) ? matchTable(rest, tables) : undefined;
        if (!named) continue;
        // "getBookings", "fetchAllBookings" (a plural, no key after it): the list.
        const many = CRUD_VERBS.get(verb) === "get" && (w[k] === "all" || singular(rest) !== rest) && !(segs[i + 1] && isParam(segs[i + 1]!));
        const as = many ? "list" : verb;
        this.note(raw.path.span, `"${a}" in ${where} read as "${as}" on table "${named.name}"`);
        // After the table's own segment ("/bookings/createBooking") only the verb is new.
        const after = i > 0 && matchTable(segs[i - 1]!, tables) === named;
        segs = [...segs.slice(0, i), ...(after ? [] : [named.name]), as, ...segs.slice(i + 1)];
        break;
      }
    }
    let userParam: string | null = null;
    let resourceAt = -1;
    let table: Table | undefined;
    /** The segment undoing the verb that made the caller's row ("unregister", "leave"), when the table was read from one. */
    let undoing = null as string | null;
    /** The rows of a link between users a list names by who is listed ("followers", "following"). */
    let linkForm = null as { table: Table; fixed: string } | null;
    segs.forEach((s, i) => {
      if (isParam(s)) {
        if (USER_PARAM.test(paramName(s)) && !userParam && (resourceAt < 0 || i < resourceAt)) userParam = paramName(s);
        return;
      }
      // Under a row of another table: "/tasks/{id}/activity-logs" for task_activity_logs (the
      // parent's name first), or "/debt/facilities/{id}/schedules" for the one table whose name
      // ends in the word and that refers to the parent (debt_schedules.debt_facility_id). Not under
      // the users table: /users/{userId}/role-assignments is another user's, an admin's route.
      const parent: Table | undefined = table;
      const under = parent && !parent.identity && i > 0 && isParam(segs[i - 1]!);
      const prefixedOf = (x: string) => (under ? matchTable(`${singularWord(parent!.name)}_${words(x).join("_")}`, tables) ?? matchTable(`${parent!.name}_${words(x).join("_")}`, tables) : undefined);
      const prefixed = () => prefixedOf(s);
      // "/lists" after a table ("/tasks/list", "/tasks/{id}/view") is the verb of an operation on it, not the table "lists".
      if (parent && (resourceAt === i - 1 || (under && resourceAt === i - 2)) && CRUD_VERBS.has(words(s).join("_")) && !prefixed()) return;
      const bySuffix = !matchTable(s, tables) && !prefixed() && under ? childBySuffix(s, parent!, tables) : undefined;
      // "/events/{id}/register", "/courses/{id}/enroll": the verb of the caller's row of the one
      // table under the parent named after it (registrations, enrollments); POST makes that row.
      const byVerb = !matchTable(s, tables) && !prefixed() && !bySuffix && under && i === segs.length - 1 ? childByVerb(s, parent!, tables) : undefined;
      // "/courses/{id}/students/{studentId}": the one table under the parent with a column named for
      // the word (enrollments.student_id); its rows are the parent's students.
      const byColumn = !matchTable(s, tables) && !prefixed() && !bySuffix && !byVerb && under ? childByColumn(s, parent!, tables) : undefined;
      // "/events/{id}/unregister", "/users/{id}/unfollow", "/teams/{id}/leave": undoing the verb
      // that makes the caller's row under the parent (registrations, follows, the membership).
      const last = i === segs.length - 1 && i > 0 && isParam(segs[i - 1]!) && !!parent;
      const undone = !matchTable(s, tables) && !prefixed() && !bySuffix && !byVerb && !byColumn && last
        ? undoneChild(s, parent!, tables, (x) => matchTable(x, tables) ?? prefixedOf(x) ?? (under ? childBySuffix(x, parent!, tables) ?? childByVerb(x, parent!, tables) : undefined))
        : undefined;
      // "/users/{id}/followers", "/me/following": the rows of a link between users, named by who is listed.
      const byForm = !matchTable(s, tables) && !prefixed() && !bySuffix && !byVerb && !byColumn && !undone && method === "get" && i === segs.length - 1 ? linkByForm(s, tables) : undefined;
      const t = matchTable(s, tables) ?? prefixed() ?? bySuffix ?? byVerb ?? byColumn ?? undone ?? byForm?.table;
      if (t) {
        undoing = undone ? s : null;
        linkForm = byForm ?? null;
        if (byVerb) this.note(raw.path.span, `"${s}" in ${where} read as table "${t.name}" (the one table of users' rows under "${parent!.name}" named after the verb)`);
        else if (byColumn) this.note(raw.path.span, `"${s}" in ${where} read as table "${t.name}" (the one table under "${parent!.name}" with a column named so)`);
        else if (undone) this.note(raw.path.span, `"${s}" in ${where} undoes the caller's "${t.name}" row under "${parent!.name}": read as table "${t.name}"`);
        else if (byForm) this.note(raw.path.span, `"${s}" in ${where} read as the rows of "${t.name}" (links between users) ${byForm.fixed === t.owner ? `made by the user` : `naming the user in ${byForm.fixed}`}`);
        else if (!matchTable(s, tables)) this.note(raw.path.span, `"${s}" in ${where} read as table "${t.name}" (the one table under "${parent!.name}" whose name ends so)`);
        table = t;
        resourceAt = i;
      }
    });
    // Tables a segment could mean by a shorter word, for the diagnostic when more than one could.
    const candidates: { seg: string; names: string[] }[] = [];
    if (!table) {
      // "/accounts" for bank_accounts: the only table whose name ends in the segment's words.
      for (let i = segs.length - 1; i >= 0 && !table; i--) {
        if (isParam(segs[i]!) || /^(api|v\d+)$/i.test(segs[i]!)) continue;
        const hits = tablesBySuffix(segs[i]!, tables);
        if (hits.length === 1) {
          table = hits[0]!;
          resourceAt = i;
          this.note(raw.path.span, `"${segs[i]}" in ${where} read as table "${table.name}" (the only table whose name ends so)`);
        } else if (hits.length > 1) candidates.push({ seg: segs[i]!, names: hits.map((t) => t.name) });
      }
    }
    if (!table && !candidates.length) {
      // "/shares" for share_links, "/todos" for todo_items: a collection (a plural word) where the
      // resource stands (last, or before the row's key), and the only table whose name begins with it.
      const at = segs.length - 1 - (segs.length > 1 && isParam(segs[segs.length - 1]!) ? 1 : 0);
      const seg = segs[at];
      if (seg && !isParam(seg) && nameKey(seg) !== words(seg).join("_")) {
        const hits = tablesByPrefix(seg, tables);
        if (hits.length === 1) {
          table = hits[0]!;
          resourceAt = at;
          this.note(raw.path.span, `"${seg}" in ${where} read as table "${table.name}" (the only table whose name begins so)`);
        } else if (hits.length > 1) candidates.push({ seg, names: hits.map((t) => t.name) });
      }
    }
    if ((!table || resourceAt < 0) && !candidates.length && method === "get") {
      // "GET /api/{user_id}/stats", "GET /dashboard/summary", "GET /api/search?q=": numbers about,
      // or a search of, the caller's rows without naming which: the one table of the caller's rows
      // the route's words name ("task statistics"), or the only one there is. Read as the same
      // route under that table's name (/tasks/stats, /tasks/search), which counts or lists only
      // the caller's rows.
      const at = segs.length - 1;
      const word = at >= 0 && !isParam(segs[at]!) ? segs[at]! : null;
      const kind = word ? (countWord(word) === "stats" ? "stats" : SEARCH_WORDS.has(words(word).join("_")) ? "search" : null) : null;
      const pick = kind ? implicitTable(tables, [...segs.slice(0, at).filter((x) => !isParam(x)), ...words(raw.summary ?? "")]) : null;
      if (pick && kind) {
        this.note(raw.path.span, `${where} names no table; ${kind === "stats" ? "numbers about" : "a search of"} the caller's rows of "${pick.table.name}" ${pick.why}: read as /${[...segs.slice(0, at), pick.table.name, word].join("/")}`);
        segs = [...segs.slice(0, at), pick.table.name, word!];
        table = pick.table;
        resourceAt = at;
      }
    }
    if (!table || resourceAt < 0) {
      // "GET /api/health", "GET /ping", "GET /api/v1/readiness": a health check, which the app
      // answers itself as it answers /healthz and /readyz (public, they reveal nothing but "up").
      const health = method === "get" && !candidates.length ? healthCheck(segs) : null;
      if (health && !segs.some(isParam)) {
        const kind = health;
        this.noTable.push({ method, path, span, reason: "a health check", summary: raw.summary ?? "", auth: "public", userParam: null, health: kind });
        this.note(span, `${where} is a health check: the app answers it as /${kind === "ready" ? "readyz" : "healthz"} (public, no token: it says only whether the ${kind === "ready" ? "app and its database answer" : "app answers"})`);
        return null;
      }
      const amb = candidates[0];
      // The route stays in the app, answering 501 until a custom route implements it.
      const outcome = "a route answering 501 is generated";
      const reason = amb ? `"${amb.seg}" could name ${amb.names.map((n) => `"${n}"`).join(" or ")}, so no one table matches this path` : "no table matches this path";
      this.noTable.push({ method, path, span, reason, summary: raw.summary ?? "", auth: raw.auth ?? "required", userParam: raw.auth === "public" ? null : userParam });
      if (amb) this.diag("warning", "SF201", `${where}: ${reason}; ${outcome}`, span,
        `write the table's own name in the path (/${amb.names[0]!.replace(/_/g, "-")}), or rename the tables so that one alone ends (or begins) with "${amb.seg}"; or implement the route as a custom route in src/routes/ (same method and path)`);
      else this.diag("warning", "SF201", `${where}: ${reason}; ${outcome}`, span,
        `tables: ${tables.map((t) => t.name).join(", ") || "none"}; the path's resource segment must name one (plural or singular), or implement the route as a custom route in src/routes/ (same method and path)`);
      return null;
    }
    const t: Table = table;
    if (this.authMode.mode === "builtin" && (t.identity || t.addedBy)) {
      // Its rows hold password hashes (or refresh-token hashes): no generated route may serve them.
      this.diag("warning", "SF215", `${where}: table "${t.name}" belongs to the built-in auth module; the endpoint is skipped`, span,
        "the module serves POST /api/auth/register, login, refresh and logout; write profile routes yourself outside generated/");
      return null;
    }
    if (segs[resourceAt] !== t.name && !self) this.note(raw.path.span, `"${segs[resourceAt]}" in ${where} read as table "${t.name}"`);
    const before = segs.slice(0, resourceAt).filter((s) => isParam(s) && paramName(s) !== userParam);
    let action: Action | null = null;
    let idParam: string | null = null;
    let stubReason: string | null = null;
    let tableOut: Table = t;
    let parent: Endpoint["parent"] | undefined;
    /** The column {idParam} matches instead of the key (a link row named by its parent and the row it links). */
    let idColumn: string | null = null;
    /** A join row named by both rows it links (GET /posts/{id}/tags/{tagId}). */
    let link: { table: Table; parent: NonNullable<Endpoint["parent"]>; column: string; param: string } | null = null;
    let rest = segs.slice(resourceAt + 1);
    /** Conditions the path puts on a list ("GET /tasks/completed"). */
    let fixed: RowCondition[] | null = null;
    if (before.length) {
      const srcAt = segs.findIndex((s, i) => i < resourceAt && !isParam(s) && matchTable(s, tables) !== undefined);
      const src = srcAt >= 0 ? matchTable(segs[srcAt]!, tables)! : undefined;
      const rel = src && this.relations.find((r) => r.source === src.name && r.target === t.name);
      // /tasks/{id}/tags[/{tag_id}]: a many-to-many relation through a join table.
      if (src && rel && srcAt + 2 === resourceAt && isParam(segs[srcAt + 1]!) && rest.length <= 1 && rest.every(isParam)) {
        idParam = paramName(segs[srcAt + 1]!);
        const targetParam = rest.length ? paramName(rest[0]!) : null;
        // POST /tasks/{id}/tags with { "tag_id": 3 }: the row to attach is named in the body (the one field the spec shows, else the join's column).
        const bodyField = !targetParam && method === "post" ? (raw.body?.length === 1 ? raw.body[0]!.name.text : rel.joinTarget) : null;
        const kind = !targetParam && method === "get" ? "relation-list" : (targetParam && (method === "put" || method === "post")) || bodyField ? "relation-add" : targetParam && method === "delete" ? "relation-remove" : null;
        const join = tables.find((x) => x.name === rel.join);
        if (!kind && targetParam && method === "get" && join && (join.owner || join.scope)) {
          // GET /posts/{id}/tags/{tagId}: the join row linking the two, as it is (404 when they are not linked).
          link = { table: join, parent: { param: idParam, column: rel.joinSource, table: src.name }, column: rel.joinTarget, param: targetParam };
          this.note(raw.path.span, `${where}: the ${rel.join} row linking the ${singularWord(src.name)} {${idParam}} and the ${singularWord(rel.target)} {${targetParam}}; 404 when they are not linked`);
          rest = [];
        }
        if (kind) {
          action = { kind, relation: rel.name, targetParam, ...(bodyField ? { targetField: bodyField } : {}) };
          if (bodyField) this.note(raw.path.span, `${where}: attaches the ${singularWord(rel.target)} the body's "${bodyField}" names to the ${singularWord(src.name)} (through ${rel.join})`);
          tableOut = src;
          rest = [];
        }
      }
      if (link) {
        tableOut = link.table;
        parent = link.parent;
        idParam = link.param;
        idColumn = link.column;
        action = { kind: "get" };
      }
      if (!action) {
        // /notebooks/{notebook_id}/entries: the rows of one parent the caller can see.
        const p = before[before.length - 1]!;
        const link = this.parentLink(t, paramName(p), src, tables, linkForm?.fixed);
        if (link && resourceAt === segs.indexOf(p) + 1) {
          parent = { param: paramName(p), column: link.column, table: link.table };
          // (A DELETE of the collection itself says what it deletes below.)
          const anyUser = src?.identity && otherUserColumn(t, t.owner, src.name) !== null && (link.column !== t.owner || !!t.readers?.length);
          if (anyUser) this.note(raw.path.span, `${where}: the ${t.name} naming one user ({${paramName(p)}}, matched on ${t.name}.${link.column}): any user, not only the caller (one the app does not know is refused by the foreign key); a list shows the caller only the rows they made or that name them`);
          else if (!(method === "delete" && rest.length === 0) && !(method === "get" && rest.length === 1 && !isParam(rest[0]!) && countWord(rest[0]!))) this.note(raw.path.span, `${where}: the ${t.name} of one ${link.table} row ({${paramName(p)}} is its key, matched on ${t.name}.${link.column}); a ${link.table} row the caller cannot see answers 404`);
        } else if (src) {
          // "/users/{email}/followers": the parameter names another column of the parent, not its key.
          const named = src.columns.find((c) => c.name !== src.primaryKey && !c.references && words(c.name).join("_") === words(paramName(p)).join("_"));
          stubReason = named && t.columns.some((c) => c.references?.table === src.name)
            ? `${p} names ${src.name}.${named.name}, not the key of "${src.name}" that "${t.name}" refers to`
            : `nested path under "${src.name}": "${t.name}" has no column referencing "${src.name}", and no join table links them`;
          this.diag("warning", "SF202", `${where}: ${stubReason}; a route answering 501 is generated`, span,
            `a nested collection needs a column of "${t.name}" referencing "${src.name}" (e.g. ${singularWord(src.name)}_id), or a join table with two foreign keys`);
          tableOut = src;
          idParam = isParam(segs[srcAt + 1] ?? "") ? paramName(segs[srcAt + 1]!) : null;
          rest = [];
        } else {
          this.diag("warning", "SF202", `${where}: parameter ${p} before "${segs[resourceAt]}" names no table and no column of "${t.name}"; the endpoint is skipped`, span);
          return null;
        }
      }
    }
    if (action || stubReason) {
      // decided above (nested relation route or stub)
    } else if (self) {
      action = method === "get" ? { kind: "get" } : method === "patch" ? { kind: "update" } : method === "put" ? { kind: "replace" } : method === "delete" ? { kind: "delete" } : { kind: "create" };
    } else if (rest.length === 0 && !parent && (method === "get" || method === "put" || method === "patch") && perUserSingleton(t) && !this.hasItemRoutes(raw.path.text)) {
      // "GET /settings", "PUT /preferences": a table of one row per user, and no route names a row of
      // it by key: the caller's row itself. GET answers 404 while they have none (nothing is made up
      // or written by a read); PUT and PATCH insert it then, and change it after.
      action = method === "get" ? { kind: "own-get" } : { kind: "own-put", merge: method === "patch" };
      this.note(span, method === "get"
        ? `${where}: "${t.name}" holds one row per user: the caller's row (404 until it is written)`
        : `${where}: "${t.name}" holds one row per user: ${method === "put" ? "replaces" : "changes the given fields of"} the caller's row, inserting it when they have none`);
    } else if (rest.length === 0) {
      if (undoing && parent) {
        // POST /events/{id}/unregister, /teams/{id}/leave, /users/{id}/unfollow: the caller's rows under
        // that parent deleted, as DELETE on the verb does; another user's rows are never touched.
        action = { kind: "delete-many", where: [{ column: parent.column, op: "eq", param: parent.param }], idsField: null };
        this.note(span, `${where}: "${undoing}" deletes the caller's ${t.name} whose ${parent.column} is the path's {${parent.param}}: { "deleted": n }`);
        parent = undefined;
      } else if (undoing) {
        stubReason = `"${undoing}" undoes a row of "${t.name}", but the path's parameter names no column of it`;
      } else if (method === "get" && linkForm && !parent) {
        // GET /me/followers: the rows naming the caller in the other user's column, which that user
        // reads; GET /me/following: the rows the caller made (not those naming them).
        action = { kind: "list" };
        fixed = [{ column: linkForm.fixed, op: "eq", caller: true }];
        this.note(span, `${where}: the ${t.name} rows whose ${linkForm.fixed} is the caller${linkForm.fixed === t.owner ? " (the rows the caller made)" : " (rows the caller reads and does not change)"}`);
      } else if (method === "get") action = { kind: "list" };
      else if (method === "post") action = { kind: "create" };
      else if (method === "delete" && parent) {
        // DELETE /posts/{id}/like, /events/{id}/register: the caller's rows under that parent ("unlike",
        // "cancel my registration"); another user's rows, or a parent the caller cannot see, match nothing.
        action = { kind: "delete-many", where: [{ column: parent.column, op: "eq", param: parent.param }], idsField: null };
        this.note(span, `${where}: deletes the caller's ${t.name} whose ${parent.column} is the path's {${parent.param}}: { "deleted": n }`);
        parent = undefined;
      } else if (method === "delete" && !parent) {
        // DELETE on the collection: every row of the caller's ("clear all"), or those the body lists when the spec's body names keys.
        const idsField = keyListFields(raw.body).length ? idsFieldOf(raw.body) : null;
        action = { kind: "delete-many", where: [], idsField };
        this.note(span, idsField ? `${where}: deletes the caller's ${t.name} whose keys the body lists ("${idsField}"); another user's keys match nothing` : `${where}: deletes every one of the caller's ${t.name} (no other user's rows)`);
      }
    } else if (rest.length === 1 && isParam(rest[0]!)) {
      idParam = paramName(rest[0]!);
      // "/collections/{id}/items/{eventId}": the item is named by its event, a reference, not by its own key.
      // Read as the key it would match the wrong row: a route answering 501 says so instead.
      // "/favorites/{articleId}" too: a favorite named by its article (favorites.article, favorites.article_id).
      const named = (c: Table["columns"][number]) => nameKey(c.name) === nameKey(idParam!) || (!!parent === false && nameKey(`${c.name}_id`) === nameKey(idParam!));
      const byRef = idParam !== t.primaryKey ? t.columns.find((c) => c.name !== t.primaryKey && c.references && (parent || c.references.table !== t.name) && named(c)) : undefined;
      if (byRef && parent && byRef.name !== parent.column && method !== "post" && uniquePair({ ...t, indexes: t.indexes }, parent.column, byRef.name)) {
        // /teams/{teamId}/members/{userId}: the one row of the pair (team_id, user_id), its key or unique.
        idColumn = byRef.name;
        action = method === "get" ? { kind: "get" } : method === "put" ? { kind: "replace" } : method === "patch" ? { kind: "update" } : { kind: "delete" };
        this.note(span, `${where}: the ${t.name} row whose ${parent.column} is {${parent.param}} and whose ${byRef.name} is {${idParam}} (the pair is ${t.keyColumns ? "its key" : "unique"}); one the caller cannot see answers 404`);
      } else if (byRef) {
        stubReason = parent && byRef.name !== parent.column && method !== "post"
          ? `{${idParam}} names ${t.name}.${byRef.name} (a ${byRef.references!.table} row), and ${t.name} may hold several rows with the same ${parent.column} and ${byRef.name}`
          : `{${idParam}} names ${t.name}.${byRef.name} (a ${byRef.references!.table} row), not the key of "${t.name}"`;
        this.diag("warning", "SF202", `${where}: ${stubReason}; a route answering 501 is generated`, span,
          parent && byRef.name !== parent.column && method !== "post"
            ? `make the pair unique ("unique (${parent.column}, ${byRef.name})" under "${t.name}"), or name the row by its key (/${segs.slice(0, resourceAt + 1).join("/")}/{id})`
            : `name the row by its key (/${segs.slice(0, resourceAt + 1).join("/")}/{id}), or implement the route as a custom route in src/routes/ (same method and path)`);
      } else {
        action =
          method === "get" ? { kind: "get" } : method === "put" ? { kind: "replace" } : method === "patch" ? { kind: "update" } : method === "delete" ? { kind: "delete" } : null;
        // POST /books/{id}: an update, as HTML forms (which only GET and POST) write it.
        if (method === "post") {
          action = { kind: "update" };
          this.note(span, `${where}: a POST to one row read as an update of its fields (as a form posts it)`);
        }
      }
    } else if (crudVerbShape(rest, t)) {
      // The standard operations under a verb's name, at the path the spec gives: "POST /expenses/add",
      // "GET /tasks/list", "GET /tasks/get/{id}", "PUT /tasks/{id}/update", "DELETE /tasks/delete/{id}".
      const shape = crudVerbShape(rest, t)!;
      const verb = shape.verb;
      if (shape.id) idParam = paramName(shape.id);
      const wants = CRUD_VERBS.get(verb)!;
      const writes = method === "post" || method === "put" || method === "patch";
      if (!shape.id && wants === "list" && method === "get") action = { kind: "list" };
      else if (!shape.id && wants === "create" && (method === "post" || method === "put")) action = { kind: "create" };
      else if (shape.id && wants === "get" && method === "get") action = { kind: "get" };
      else if (shape.id && wants === "update" && writes) action = { kind: "update" };
      else if (shape.id && wants === "delete" && (writes || method === "delete")) action = { kind: "delete" };
      if (action) {
        const form = shape.id && (wants === "delete" || wants === "update") && rest[0] === shape.id && method !== "delete";
        // The shapes HTML forms write (POST /books/{id}/delete, POST /books/{id}/edit) keep their words.
        if (form) this.note(span, wants === "delete" ? `${where}: read as a delete of the row` : `${where}: read as an update of the row's fields`);
        else this.note(span, `${where}: "${verb}" names the standard ${action.kind} of "${t.name}"${shape.id ? ` ({${idParam}} is its key)` : ""}; read as that operation at this path`);
      } else if (method === "get" && ((!shape.id && wants === "create") || (shape.id && wants === "update"))) {
        // GET /books/new, GET /books/{id}/edit: the form pages of a server-rendered app.
        stubReason = `"${verb}" is the page of a form (a server-rendered app's), not data a JSON API serves`;
        this.diag("warning", "SF202", `${where}: ${stubReason}; a route answering 501 is generated`, span,
          "the form's data is the row itself (GET on the item) and its writes are the create and update routes; render the page outside the API");
      } else {
        stubReason = method === "get" && wants === "delete"
          ? `"${verb}" names a delete, but a GET must not change anything (browsers, crawlers and caches send GETs on their own)`
          : `"${verb}" names the standard ${wants} of "${t.name}", which ${shape.id ? "takes" : "needs"} ${wants === "list" || wants === "create" ? "no row key" : "a row key"} and ${wants === "list" || wants === "get" ? "GET" : wants === "create" ? "POST" : wants === "delete" ? "DELETE (or POST)" : "PUT, PATCH or POST"}, not ${method.toUpperCase()}${shape.id ? " with {" + paramName(shape.id) + "}" : " without a key"}`;
        this.diag("warning", "SF202", `${where}: ${stubReason}; a route answering 501 is generated`, span,
          `write the standard shape (GET/POST /${segs.slice(0, resourceAt + 1).join("/")}, GET/PUT/PATCH/DELETE .../{id}), or implement the route as a custom route in src/routes/ (same method and path)`);
      }
    } else if (rest.length === 2 && isParam(rest[0]!) && !isParam(rest[1]!) && (method === "patch" || method === "post" || method === "put")) {
      idParam = paramName(rest[0]!);
      const copying = method === "post" && copyWord(rest[1]!) && !t.columns.some((c) => words(c.name).join("_") === words(rest[1]!).join("_"));
      const itemAction = (tt: Table): Action | null => copying ? this.copyAction(where, tt, span) : this.setAction(raw.summary ?? "", tt) ?? (() => {
        // A toggle when the route says so ("toggle", "flip") or completes a task (complete,
        // done: the toggles todo specs write); any other verb sets its state ("read" marks read).
        const verb = words(rest[1]!);
        // "/complete" beside "/incomplete" (or "/uncomplete", "/undone"): each sets the state one
        // way, neither toggles it.
        const paired = this.opposite(raw.path.text, rest[1]!) !== null;
        const toggles = verb.some((w) => /^(toggle|flip|switch)$/.test(w)) || /\b(toggle|flip|switch)/i.test(raw.summary ?? "") || (!paired && verb.every((w) => /^(complete|completed|completion|done|finish|finished|status)$/.test(w)));
        const field = toggles ? this.toggleField(rest[1]!, tt) : null;
        return field ? ({ kind: "toggle", field } as const) : this.verbAction(rest[1]!, tt) ?? this.columnAction(rest[1]!, tt) ?? this.bodyAction(raw, tt);
      })();
      action = itemAction(t);
      // Written against the schema before a rename ("renamed from"): the column it named, under its new name.
      const old = action ? null : formerView(t);
      const was = old ? itemAction(old) : null;
      if (old && was && (was.kind === "toggle" || was.kind === "set")) {
        const column = t.columns[old.columns.findIndex((c) => c.name === was.field)]!;
        action = { ...was, field: column.name };
        const message = `${where} names "${was.field}", the former name of ${t.name}.${column.name} ("renamed from ${was.field}" in the schema): read as ${t.name}.${column.name}`;
        // The summary's words only describe the route (stale: warned); the path is the API clients call (noted).
        if (this.setAction(raw.summary ?? "", old)) this.diag("warning", "SF218", message, span, `write "${column.name}" in the API spec; the old name is read only while the schema says "renamed from ${was.field}"`);
        else this.note(span, message);
      }
      if (!action) {
        // "reopen", "undo", "restore": the opposite of the route that marks the row done (or archived, deleted).
        const inv = this.inverseAction(raw.path.text, rest[1]!, t);
        if (inv) {
          action = inv.action;
          this.note(span, `${where}: undoes "${inv.of}" on the row: ${describeSet(inv.action)}`);
        }
      }
      if (!action) {
        stubReason = `"${rest[1]}" names no column of "${t.name}" it obviously changes`;
        this.diag("warning", "SF204", `${where}: "${rest[1]}" names no boolean column of "${t.name}" to toggle, no value to set and no time to stamp; a route answering 501 is generated`, span,
          `boolean columns of "${t.name}": ${t.columns.filter((c) => c.type.kind === "boolean").map((c) => c.name).join(", ") || "none"}; or say "Sets \`status\` to \`archived\`" in the summary`);
      }
    }
    if (!action && !stubReason && parent && method === "get" && rest.length === 1 && !isParam(rest[0]!) && countWord(rest[0]!)) {
      // "GET /events/{id}/feedback/summary", "/projects/{id}/tasks/count": numbers about the caller's
      // rows under that parent row (another user's rows are not counted).
      const counting = countWord(rest[0]!)!;
      const groups = counting === "stats" ? statsGroups(t) : [];
      action = { kind: "count", where: [{ column: parent.column, op: "eq", param: parent.param }], groups, summary: counting === "stats" };
      this.note(span, `${where}: counts the caller's ${t.name} whose ${parent.column} is the path's {${parent.param}}${groups.length ? ` by ${groups.join(", ")}` : ""} (another user's rows, or a parent the caller cannot see, count 0)`);
      parent = undefined;
    }
    if (!action && !stubReason && !parent && rest.length >= 1 && rest.length <= 3 && !rest.slice(0, -1).some(isParam) && (!isParam(rest[rest.length - 1]!) || method === "get")) {
      // "GET /tasks/completed", "GET /tasks/stats", "DELETE /tasks/completed", "POST /tasks/bulk-complete".
      const found = this.collectionAction(method, rest, t, raw, where, span);
      if (typeof found === "string") stubReason = found;
      else if (found) {
        action = found.action;
        fixed = found.fixed;
        if (isParam(rest[rest.length - 1]!)) idParam = null;
      }
    }
    if (!action && !stubReason) {
      stubReason = "what this endpoint does is not clear from its method and path";
      if (rest.length >= 1 && isParam(rest[0]!)) idParam = paramName(rest[0]!);
      this.diag("warning", "SF202", `${where}: what this endpoint does is not clear (method and path shape); a route answering 501 is generated`, span,
        "supported: GET/POST on a collection, GET/PUT/PATCH/DELETE on /{id}, PATCH/POST/PUT on /{id}/<verb> (a toggle, a value set, a time stamped), nested /{parent_id}/<collection>");
    }
    // A table no one owns that keeps secrets (sign-in codes, device tokens): no route serves it.
    if (action && action.kind !== "stub" && tableOut.internal) {
      stubReason = `"${tableOut.name}" belongs to no user and keeps secrets (SF137)`;
      this.diag("warning", "SF223", `${where}: ${stubReason}; a route answering 501 is generated`, span,
        `implement the route as a custom route in src/routes/ (same method and path), or give "${tableOut.name}" a column referencing the users table`);
      action = null;
    }
    // A table no one owns is shared read-only unless the spec says otherwise: no route writes it.
    if (action && action.kind !== "stub" && tableOut.shared === "read" && !["list", "get", "relation-list", "count", "export", "own-get"].includes(action.kind)) {
      stubReason = `"${tableOut.name}" is shared read-only (it belongs to no user and the spec does not say everyone may write it)`;
      this.diag("warning", "SF205", `${where}: ${stubReason}; a route answering 501 is generated`, span,
        `give "${tableOut.name}" an owner column, or say "Shared: read-write" in its section; or implement the route as a custom route in src/routes/ (same method and path)`);
      action = null;
    }
    // A row granting its user a role or a permission (user_roles): the user it names would grant
    // themselves anything; they read their grants, and only the app (custom code) writes them.
    if (action && action.kind !== "stub" && tableOut.owner && grantsTable(tableOut) && !["list", "get", "relation-list", "count", "export", "own-get"].includes(action.kind)) {
      stubReason = `a "${tableOut.name}" row grants the user it names a role or a permission: a route that let users write their own would let anyone grant themselves any`;
      this.diag("warning", "SF230", `${where}: ${stubReason}; a route answering 501 is generated`, span,
        `grant roles in a custom route in src/routes/ (same method and path) that checks the caller may grant them; users still read their own "${tableOut.name}" rows`);
      action = null;
    }
    // A group its members belong to through a column of the users table (users.tenant_id): a new
    // one would have no member (the creator's own row points at their tenant), so no route creates it.
    const sc = tableOut.scope;
    if (action && action.kind === "create" && sc?.kind === "member" && groupViaUsers(tableOut, tables)) {
      stubReason = `the members of a "${tableOut.name}" row are the users whose ${sc.membership}.${sc.membershipGroup} names it, so a new one would have no member`;
      this.diag("warning", "SF220", `${where}: ${stubReason}; a route answering 501 is generated`, span,
        `create "${tableOut.name}" rows and set ${sc.membership}.${sc.membershipGroup} outside the API (an admin job), or give "${tableOut.name}" a membership table (${singular(tableOut.name)}_members: ${sc.membershipGroup}, user_id)`);
      action = null;
    }
    // A tenant the token's claim names (organizations, defined without any membership): the caller's
    // own, made by the auth service; a new one would be no caller's, so no route creates it.
    if (action && action.kind === "create" && sc?.kind === "tenant" && sc.column === tableOut.primaryKey) {
      stubReason = `a "${tableOut.name}" row is the caller's when its ${sc.column} is the tenant their token names, so a new one would be no one's`;
      this.diag("warning", "SF220", `${where}: ${stubReason}; a route answering 501 is generated`, span,
        `create "${tableOut.name}" rows where the auth service creates its organizations (an admin job or a webhook), or give "${tableOut.name}" a membership table (${singular(tableOut.name)}_members: ${singular(tableOut.name)}_id, user_id)`);
      action = null;
    }
    // One row by id needs a one-column key: a table keyed by several columns (or none) gets a 501 route here.
    if (action && action.kind !== "stub" && idParam && !idColumn && tableOut.keyColumns && !action.kind.startsWith("relation")) {
      stubReason = `"${tableOut.name}" has ${tableOut.keyColumns.length ? `a composite key (${tableOut.keyColumns.join(", ")})` : "no primary key"}, so {${idParam}} names no one row`;
      this.diag("warning", "SF212", `${where} addresses one row by {${idParam}}, but ${stubReason.replace(/, so .*$/, "")}; a route answering 501 is generated`, span,
        `give "${tableOut.name}" a single-column primary key (e.g. "id: serial (primary key)")`);
      action = null;
    }
    // Many rows changed at once only where rows belong to users: on a table everyone shares (or the
    // users table itself) a bulk delete would reach rows that are not the caller's.
    if (action && (action.kind === "delete-many" || action.kind === "update-many" || action.kind === "reorder" || action.kind === "update-each") && (tableOut.identity || (!tableOut.owner && !tableOut.scope))) {
      stubReason = tableOut.identity ? `"${tableOut.name}" is the users table: a route changing many of its rows at once is not generated` : `the rows of "${tableOut.name}" belong to no user, so a bulk change would reach everyone's`;
      this.diag("warning", "SF205", `${where}: ${stubReason}; a route answering 501 is generated`, span,
        `give "${tableOut.name}" an owner column, or implement the route as a custom route in src/routes/ (same method and path)`);
      action = null;
    }
    // Keys listed in a bulk route's body need a one-column key too.
    if (action && (((action.kind === "delete-many" || action.kind === "update-many") && action.idsField) || action.kind === "reorder" || action.kind === "update-each" || action.kind === "copy") && tableOut.keyColumns) {
      stubReason = `"${tableOut.name}" has ${tableOut.keyColumns.length ? `a composite key (${tableOut.keyColumns.join(", ")})` : "no primary key"}, so a list of keys names no rows`;
      this.diag("warning", "SF212", `${where} lists rows by their keys, but ${stubReason.replace(/, so .*$/, "")}; a route answering 501 is generated`, span,
        `give "${tableOut.name}" a single-column primary key (e.g. "id: serial (primary key)")`);
      action = null;
    }
    if (!action) action = { kind: "stub", reason: stubReason! };
    // Rows that belong to users are served to their signed-in owner only, whatever the spec says.
    let auth = raw.auth ?? "required";
    if (auth === "public" && (tableOut.owner || tableOut.scope || tableOut.identity) && action.kind !== "stub") {
      auth = "required";
      this.diag("warning", "SF209", `${where} is said to be public, but the rows of "${tableOut.name}" belong to users: the route requires a token and serves the caller's own rows`, span,
        "to publish rows to everyone, serve them from a table nobody owns (shared), or write it as a custom route in src/routes/");
    }
    const successStatus = raw.status ?? (action.kind === "create" || action.kind === "create-many" || action.kind === "copy" ? 201 : action.kind === "delete" || action.kind === "relation-remove" || action.kind === "relation-add" ? 204 : 200);
    const report = (severity: "warning" | "note", code: string, message: string, at: Span, hint?: string) =>
      severity === "note" ? this.note(at, message) : this.diag("warning", code, message, at, hint);
    return {
      method,
      path: normalisePath(raw.path.text),
      span,
      table: tableOut.name,
      action,
      userParam,
      idParam,
      ...(idColumn && action.kind !== "stub" ? { idColumn } : {}),
      ...(parent ? { parent } : {}),
      ...(self ? { self: true as const } : {}),
      ...(action.kind === "stub" && keyListFields(raw.body).length && /\/(bulk|batch|many)/i.test(path) ? { bodyKeys: keyListFields(raw.body) } : {}),
      auth,
      successStatus,
      summary: raw.summary ?? "",
      ...(action.kind === "list" ? { list: fixed ? { ...buildListSpec(raw, tableOut, report), fixed } : buildListSpec(raw, tableOut, report) } : {}),
    };
  }

  /**
   * A route on the whole collection named by the words after the table's name: a subset of the
   * caller's rows (a list with fixed conditions), a count or summary, or a bulk delete or change.
   * A string: why it is a 501 (the words say bulk, but nothing this generator can do); null: not
   * a collection route.
   */
  private collectionAction(method: HttpMethod, rest: readonly string[], t: Table, raw: RawEndpoint, where: string, span: Span): { action: Action; fixed: RowCondition[] | null } | string | null {
    const last = rest[rest.length - 1]!;
    const isParam = (x: string) => /^\{.+\}$/.test(x);
    if (method === "get" && isParam(last)) {
      // "GET /tasks/status/{status}", "/tasks/by-priority/{priority}": the rows whose column equals the path's value;
      // "/tasks/stats/status/{status}", "/tasks/count/status/{status}": how many there are.
      const param = last.slice(1, -1);
      const c = rest.length >= 2 ? filterColumn(rest[rest.length - 2]!, t) : undefined;
      const counting = rest.length === 3 ? countWord(rest[0]!) : null;
      if (!c || (rest.length === 3 && !counting)) return null;
      const cond: RowCondition = { column: c.name, op: "eq", param };
      if (counting) {
        this.note(span, `${where}: counts the caller's ${t.name} whose ${c.name} is the path's {${param}}: { "count": n }`);
        return { action: { kind: "count", where: [cond], groups: [], summary: false }, fixed: null };
      }
      this.note(span, `${where}: the caller's ${t.name} whose ${c.name} is the path's {${param}}: a list with that condition fixed (the list's query parameters still apply)`);
      return { action: { kind: "list" }, fixed: [cond] };
    }
    if (rest.some(isParam)) return null;
    if ((method === "post" || method === "put" || method === "patch") && rest.length === 1 && reorderWord(last)) {
      const c = orderColumn(t);
      if (!c) {
        this.diag("warning", "SF231", `${where}: a route that orders the caller's ${t.name}, but "${t.name}" has no column keeping an order (position, sort_order, rank...); a route answering 501 is generated`, span,
          `add a whole-number column to "${t.name}" (e.g. "position: integer, default 0"), or implement the route as a custom route in src/routes/ (same method and path)`);
        return `"${t.name}" has no column keeping an order`;
      }
      this.note(span, `${where}: sets ${c.name} of the caller's ${t.name} from the body: their keys in the new order ([k1, k2, ...] or { "ids": [...] }), or [{ "${t.primaryKey}": k, "${c.name}": n }]; another user's keys match nothing: { "updated": n }`);
      return { action: { kind: "reorder", column: c.name }, fixed: null };
    }
    const exp = method === "get" && rest.length === 1 ? exportWord(last) : null;
    if (exp) {
      const said = /\bcsv\b/i.test(raw.summary ?? "") ? "csv" : /\bjson\b/i.test(raw.summary ?? "") ? "json" : null;
      const format = exp.format ?? said ?? "csv";
      this.note(span, `${where}: every one of the caller's ${t.name} as a ${format.toUpperCase()} file (?format=csv or ?format=json chooses)`);
      return { action: { kind: "export", format }, fixed: null };
    }
    if (method === "get" && rest.length === 1 && /^(recent|latest|newest)$/.test(words(last).join("_")) && t.columns.some((c) => c.role === "created_at")) {
      // "GET /tasks/recent": the list itself, newest first (its default order), paged as it is.
      this.note(span, `${where}: the caller's ${t.name}, newest first: the list itself (its paging still applies)`);
      return { action: { kind: "list" }, fixed: null };
    }
    if (method === "get" && rest.length === 1 && ownWord(last, t)) {
      this.note(span, `${where}: the caller's own ${t.name}, as every list serves them`);
      return { action: { kind: "list" }, fixed: null };
    }
    if (method === "get") {
      // "/notifications/unread-count", "/tasks/completed_count", "/tasks/count-overdue": the count
      // word and the subset in one segment.
      const split = rest.length === 1 ? countInOne(last, t) : null;
      const counting = split?.counting ?? countWord(last);
      const sub = split?.sub ?? (rest.length === 2 ? collectionSubset(rest[0]!, t) : null);
      if (counting && (rest.length === 1 || sub)) {
        const groups = counting === "stats" ? statsGroups(t) : [];
        const scope = sub ? ` among those ${sub.says}` : "";
        this.note(span, counting === "count"
          ? `${where}: counts the caller's ${t.name}${scope}: { "count": n }`
          : `${where}: counts the caller's ${t.name}${scope}${groups.length ? ` by ${groups.join(", ")}` : ""}: { "total": n${groups.map((g) => `, "${g}": { value: n }`).join("")} }`);
        // The list's equality filters narrow the count too ("?status=done"); the path's own subset stays.
        const filters = buildListSpec(raw, t, () => {}).filters.filter((f) => !f.op && !f.choices && !(sub?.where ?? []).some((c) => c.column === f.column)).map((f) => ({ param: f.param, column: f.column }));
        return { action: { kind: "count", where: sub?.where ?? [], groups, summary: counting === "stats", ...(filters.length ? { filters } : {}) }, fixed: null };
      }
      if (rest.length !== 1) return null;
      // "/transactions/statements" beside "/transactions/statements/{statementId}": a collection of its own, not a subset.
      const own = normalisePath(raw.path.text).toLowerCase() + "/{";
      if ([...this.paths].some((x) => x.startsWith(own))) return null;
      const subset = collectionSubset(last, t);
      if (!subset) return null;
      this.note(span, `${where}: the caller's ${t.name} where ${subset.says}: a list with that condition fixed (the list's query parameters still apply)`);
      return { action: { kind: "list" }, fixed: subset.where };
    }
    const b = bulkWords(rest);
    const sub = b.rest.length ? collectionSubset(b.rest.join("_"), t) : null;
    if (method === "delete" || ((method === "post" || method === "put" || method === "patch") && b.deletes)) {
      if (b.rest.length && !sub) return null;
      const idsField = b.bulk || (method !== "delete" && !sub && b.rest.length === 0 && (raw.body ?? []).some((x) => /ids$/i.test(x.name.text))) ? idsFieldOf(raw.body) : null;
      const wh = sub?.where ?? [];
      this.note(span, `${where}: deletes the caller's ${t.name}${sub ? ` where ${sub.says}` : ""}${idsField ? ` whose keys the body lists ("${idsField}": [...]; another user's keys match nothing)` : sub ? "" : ", every one (no other user's rows)"}: { "deleted": n }`);
      return { action: { kind: "delete-many", where: wh, idsField }, fixed: null };
    }
    // "PATCH /notifications/read-all", "POST /tasks/complete-all", "/notifications/mark-all-read": the
    // action every one of the caller's rows gets at once (another user's rows are not touched).
    const allWords = rest.flatMap((x) => words(x));
    if ((method === "post" || method === "put" || method === "patch") && !b.bulk && allWords.includes("all") && b.rest.length) {
      const verb = b.rest.join("-");
      const one = this.verbAction(verb, t) ?? (() => {
        const f = this.toggleField(verb, t);
        return f ? ({ kind: "set", field: f, value: true } as Extract<Action, { kind: "set" }>) : null;
      })();
      if (!one || one.kind !== "set") return null;
      this.note(span, `${where}: sets ${one.field} = ${one.now ? "now" : JSON.stringify(one.value)} on every one of the caller's ${t.name} (no other user's rows): { "updated": n }`);
      return { action: { kind: "update-many", where: [], idsField: null, field: one.field, value: one.value, ...(one.now ? { now: true as const } : {}) }, fixed: null };
    }
    if ((method === "post" || method === "put" || method === "patch") && b.bulk) {
      if (!b.rest.length) {
        // "POST /tasks/bulk": each item created as the create route would; "PATCH /tasks/bulk": each item
        // names one of the caller's rows by its key and the fields to change. All or none. A body the
        // spec shows listing keys ({ "task_ids": [...], "completed": true }) is the same change on
        // many rows, not items: still a 501.
        if (keyListFields(raw.body).length) return `a bulk change of the same fields on listed keys is not generated (only a bulk delete, a bulk action named by a verb: /${t.name}/bulk-complete, or items each with its key)`;
        if (method === "post") {
          this.note(span, `${where}: creates each item of the body (an array, or { "items": [...] }; at most ${BULK_MAX}) as POST /${t.name} would, all or none: { "created": [rows] }`);
          return { action: { kind: "create-many", max: BULK_MAX }, fixed: null };
        }
        this.note(span, `${where}: changes each of the caller's ${t.name} an item of the body names by "${t.primaryKey}" (an array, or { "items": [...] }; at most ${BULK_MAX}), all or none (a missing or another user's row: 404): { "updated": [rows] }`);
        return { action: { kind: "update-each", max: BULK_MAX }, fixed: null };
      }
      const verb = b.rest.join("-");
      const one = this.verbAction(verb, t) ?? (() => {
        const f = this.toggleField(verb, t);
        // Done in bulk, a toggle would flip each row its own way: "complete" completes them all.
        return f ? ({ kind: "set", field: f, value: true } as Extract<Action, { kind: "set" }>) : null;
      })();
      if (!one || one.kind !== "set") return `"${verb}" names no column of "${t.name}" a bulk route could set`;
      const idsField = idsFieldOf(raw.body);
      this.note(span, `${where}: sets ${one.field} = ${one.now ? "now" : JSON.stringify(one.value)} on the caller's ${t.name} whose keys the body lists ("${idsField}": [...]; another user's keys match nothing): { "updated": n }`);
      return { action: { kind: "update-many", where: [], idsField, field: one.field, value: one.value, ...(one.now ? { now: true as const } : {}) }, fixed: null };
    }
    return null;
  }

  /**
   * A path that names the caller's own row without "me": "/profile", "/account", "/whoami",
   * "/users/profile", "/auth/me", "/auth/profile" (GET, PUT or PATCH), when no table is named so
   * and the users table is the app's (with built-in auth its module owns the users' rows). The
   * path with "me" in that place, which the caller's-own-row reading takes; null otherwise.
   */
  /** "/me", "/auth/me", "/users/me", "/profile", "/api/v1/users/profile": a path naming the caller's own users row and nothing else. */
  private ownAccount(segs: readonly string[], tables: readonly Table[]): boolean {
    if (!tables.some((t) => t.identity)) return false;
    let at = 0;
    while (at < segs.length && /^(api|v\d+)$/i.test(segs[at]!)) at++;
    const core = segs.slice(at).map((s) => s.toLowerCase());
    if (core.length === 1 && SELF_SEGMENTS.has(core[0]!) && core[0] !== "my") return true;
    if (core.length === 2 && core[1] === "me" && matchTable(core[0]!, tables)?.identity === true) return true;
    return this.selfAlias(segs, "get", tables, true) !== null;
  }

  private selfAlias(segs: readonly string[], method: string, tables: readonly Table[], anyMode = false): string[] | null {
    if (method !== "get" && method !== "put" && method !== "patch") return null;
    const identity = tables.find((t) => t.identity);
    if (!identity || (this.authMode.mode === "builtin" && !anyMode)) return null;
    let at = 0;
    while (at < segs.length && /^(api|v\d+)$/i.test(segs[at]!)) at++;
    const core = segs.slice(at).map((s) => s.toLowerCase());
    const own = (s: string) => /^(profile|account|whoami|me|current[-_]?user|user)$/.test(s) && !matchTable(s, tables);
    const alone = core.length === 1 && own(core[0]!) && core[0] !== "me" && core[0] !== "user";
    const under = core.length === 2 && own(core[1]!) && (core[0] === "auth" || (matchTable(core[0]!, tables)?.identity === true && core[1] !== "me"));
    return alone || under ? [...segs.slice(0, at), "me"] : null;
  }

  /**
   * The column of `t` a nested path's parameter stands for: named like the parameter
   * (/gigs/{gigId}/applications: applications.gigId), or the one referencing the table the
   * path names before it (/collections/{id}/items: collection_items.collection_id).
   */
  private parentLink(t: Table, param: string, src: Table | undefined, tables: readonly Table[], fixed?: string): { column: string; table: string } | null {
    // A link between users under a user (/users/{id}/follow, /users/{id}/followers): the column the route
    // names. Not when the parameter names another column of the users table ({email}, {username}): it is no key.
    const byOtherColumn = !!src?.identity && src.columns.some((c) => c.name !== src.primaryKey && words(c.name).join("_") === words(param).join("_"));
    if (src?.identity && fixed && !byOtherColumn) return { column: fixed, table: src.name };
    const other = src?.identity && !byOtherColumn ? otherUserColumn(t, t.owner, src.name) : null;
    if (other) return { column: other, table: src!.name };
    const key = words(param).join("_");
    const named = t.columns.find((c) => c.references && words(c.name).join("_") === key);
    if (named) return { column: named.name, table: named.references!.table };
    if (src) {
      const refs = t.columns.filter((c) => c.references?.table === src.name);
      if (refs.length === 1) return { column: refs[0]!.name, table: src.name };
      const preferred = refs.find((c) => words(c.name).join("_") === `${singularWord(src.name)}_id`);
      if (preferred) return { column: preferred.name, table: src.name };
    }
    void tables;
    return null;
  }

  /**
   * The route beside `path` whose last segment is the opposite of `seg` ("complete" and
   * "incomplete", "archive" and "unarchive", "publish" and "unpublish", "done" and "undone"), if
   * the spec writes one.
   */
  private opposite(path: string, seg: string): string | null {
    const p = normalisePath(path).toLowerCase();
    const base = p.slice(0, p.lastIndexOf("/") + 1);
    const s = seg.toLowerCase();
    const neg = /^(?:un|in|de|dis|not-?|mark-?(?:as-?)?(?:un|in|not-?))(.{3,})$/.exec(s);
    const others = neg ? [neg[1]!, `mark-${neg[1]}`, `mark-as-${neg[1]}`] : ["un", "in", "de", "dis", "not-", "mark-un", "mark-in", "mark-as-un", "mark-as-in"].map((x) => x + s.replace(/^mark-(?:as-)?/, ""));
    for (const o of others) if (o !== s && this.paths.has(base + o)) return base + o;
    return null;
  }

  /** Whether the spec writes a route naming one row under this collection's path ("/settings/{id}"). */
  private hasItemRoutes(path: string): boolean {
    const own = normalisePath(path).toLowerCase() + "/{";
    return [...this.paths].some((x) => x.startsWith(own));
  }

  /**
   * "POST /projects/{id}/duplicate": a new row of the caller's with the row's writable columns, but
   * not its unique ones (the copy would clash); refused (SF233) when such a column is required.
   */
  private copyAction(where: string, t: Table, span: Span): Action | null {
    if (!t.owner || perUserSingleton(t)) {
      const why = !t.owner ? `a copy of a "${t.name}" row needs an owner column to make it the caller's` : `"${t.name}" holds one row per user, so a copy has nowhere to go`;
      this.diag("warning", "SF233", `${where}: ${why}; a route answering 501 is generated`, span, `implement the route as a custom route in src/routes/ (same method and path)`);
      return { kind: "stub", reason: why };
    }
    const uniqueCols = t.columns.filter((c) => c.role === "data" && !c.primaryKey && (c.unique || t.indexes.some((i) => i.unique && i.columns.includes(c.name))));
    const blocked = uniqueCols.filter((c) => !c.nullable && c.default === null);
    if (blocked.length) {
      const why = `a copy cannot keep ${blocked.map((c) => `${t.name}.${c.name}`).join(", ")} (unique) and cannot leave ${blocked.length > 1 ? "them" : "it"} out (required, no default)`;
      this.diag("warning", "SF233", `${where}: ${why}; a route answering 501 is generated`, span, `give ${blocked.map((c) => c.name).join(", ")} a default or let ${blocked.length > 1 ? "them" : "it"} be null, or implement the route as a custom route in src/routes/ (same method and path)`);
      return { kind: "stub", reason: why };
    }
    const skip = uniqueCols.map((c) => c.name);
    this.note(span, `${where}: a new row of the caller's copying the row's writable columns${skip.length ? ` but ${skip.join(", ")} (unique: left to ${skip.length > 1 ? "their defaults" : "its default"})` : ""}; another user's row is a 404: 201 with the new row`);
    return { kind: "copy", skip };
  }

  /**
   * An item verb that undoes another ("reopen", "undo", "uncomplete", "restore", "recover"): the
   * positive verbs it undoes are tried, the one the spec writes beside it first (/tasks/{id}/complete
   * beside /tasks/{id}/reopen), and the columns that positive sets go back: a flag to false, a
   * stamped time to null, an enum state to its default (null when it has none and may be empty).
   * Undoing "done" also clears the table's other marks of it (a `completed_at` beside a
   * `status = done`). null: no positive verb names a column of the table.
   */
  private inverseAction(path: string, seg: string, t: Table): { action: Extract<Action, { kind: "set" }>; of: string } | null {
    const w = words(seg).filter((x) => !["mark", "as", "set"].includes(x)).join("_");
    const group = INVERSE_VERBS.get(w);
    if (!group) return null;
    const p = normalisePath(path).toLowerCase();
    const base = p.slice(0, p.lastIndexOf("/") + 1);
    const positives = [...group].sort((a, b) => Number(this.paths.has(base + b)) - Number(this.paths.has(base + a)));
    for (const pos of positives) {
      const act = this.verbAction(pos, t) ?? (() => {
        const f = this.toggleField(pos, t);
        return f ? ({ kind: "set", field: f, value: true } as Extract<Action, { kind: "set" }>) : null;
      })();
      if (!act || act.kind !== "set") continue;
      const undo = (field: string, done: string | number | boolean | null): SetAlso | null => {
        const c = t.columns.find((x) => x.name === field)!;
        if (c.type.kind === "boolean") return { field, value: done === true ? false : true };
        if (c.type.kind === "timestamp" || c.type.kind === "date") return c.nullable ? { field, value: null } : null;
        if (c.default) return { field, value: null, toDefault: true };
        return c.nullable ? { field, value: null } : null;
      };
      const first = undo(act.field, act.now ? null : act.value);
      if (!first) continue;
      const also: SetAlso[] = [];
      if (DONE_VERBS.has(pos)) {
        // The other marks of "done" this table keeps: a finished flag, a `<done>_at` time, a finished state.
        for (const c of t.columns) {
          if (c.role !== "data" || c.name === act.field) continue;
          const n = words(c.name).join("_").replace(/^(is|has)_/, "");
          const marks = c.type.kind === "boolean" ? DONE_STATES.has(n)
            : c.type.kind === "timestamp" ? [...DONE_STATES].some((d) => n === `${d}_at`)
            : false;
          const u = marks ? undo(c.name, true) : null;
          if (u) also.push(u);
        }
      }
      const out: Extract<Action, { kind: "set" }> = first.toDefault
        ? { kind: "set", field: first.field, value: null, toDefault: true, ...(also.length ? { also } : {}) }
        : { kind: "set", field: first.field, value: first.value, ...(also.length ? { also } : {}) };
      return { action: out, of: pos };
    }
    return null;
  }

  /**
   * An item action named by a verb ("POST /loans/{id}/return", "PATCH /notifications/{id}/read",
   * "POST /members/{id}/deactivate"): set an enum column to the verb's state (returned,
   * inactive), a flag to true or false (is_read, is_active), or a time to now (returned_at).
   */
  private verbAction(seg: string, t: Table): Action | null {
    let w = words(seg).filter((x) => !["mark", "as", "set", "do", "make"].includes(x));
    if (w.length === 0) return null;
    let negate = false;
    const base0 = w.join("_");
    // "unarchive", "deactivate", "disable"; "incomplete" (only when the positive names a column: below).
    const neg = /^(un|de|dis|in)(.{3,})$/.exec(base0);
    const forms = (b: string) => {
      const out = new Set([b, `${b}d`, `${b}ed`, b.replace(/e$/, "") + "ed", IRREGULAR_PAST[b] ?? b]);
      if (/[^aeiou][aeiou][bdgklmnprt]$/.test(b)) out.add(`${b}${b.at(-1)}ed`);
      if (b.endsWith("y")) out.add(`${b.slice(0, -1)}ied`);
      if (b === "cancel") out.add("canceled").add("cancelled");
      return out;
    };
    const direct = forms(base0);
    // The time the verb's state began, beside the state ("submit": status = submitted and
    // submitted_at = now; "pay": paid = true and paid_at = now): stamped with it.
    const stampOf = (fs: Set<string>, not: string): SetAlso[] => {
      const c = t.columns.find((x) => x.name !== not && x.type.kind === "timestamp" && x.role === "data" && [...fs].some((f) => words(x.name).join("_") === `${f}_at`));
      return c ? [{ field: c.name, value: null, now: true }] : [];
    };
    const withStamp = (a: { kind: "set"; field: string; value: string | boolean }): Action => {
      const also = stampOf(direct, a.field);
      return also.length ? { ...a, also } : a;
    };
    // enum first: the state as a value ("returned", "inactive", "archived").
    for (const c of t.columns) {
      if (c.type.kind !== "enum" || c.role !== "data") continue;
      const v = c.type.values.find((x) => direct.has(x.toLowerCase()) || direct.has(words(x).join("_")));
      if (v) return withStamp({ kind: "set", field: c.name, value: v });
    }
    if (neg) {
      // deactivate -> inactive / not_active; disable -> disabled is "direct" above.
      const positive = new Set([...forms(neg[2]!), neg[2]!.replace(/ate$/, "e")]);
      for (const c of t.columns) {
        if (c.type.kind !== "enum" || c.role !== "data") continue;
        const v = c.type.values.find((x) => [...positive].some((p) => ["in" + p, "un" + p, "not_" + p, "non_" + p].includes(words(x).join("_"))));
        if (v) return { kind: "set", field: c.name, value: v };
      }
    }
    const flag = (fs: Set<string>) => t.columns.find((c) => c.type.kind === "boolean" && c.role === "data" && [...fs].some((f) => [f, `is_${f}`, `has_${f}`].includes(words(c.name).join("_"))));
    const stamp = (fs: Set<string>) => t.columns.find((c) => c.type.kind === "timestamp" && c.role === "data" && [...fs].some((f) => words(c.name).join("_") === `${f}_at`));
    let c = flag(direct);
    if (c) return withStamp({ kind: "set", field: c.name, value: true });
    c = stamp(direct);
    if (c) return { kind: "set", field: c.name, value: null, now: true };
    if (neg) {
      negate = true;
      const positive = forms(neg[2]!);
      c = flag(positive);
      if (c) return { kind: "set", field: c.name, value: !negate };
      c = t.columns.find((x) => x.type.kind === "boolean" && x.role === "data" && [...positive].some((f) => words(x.name).join("_") === `is_${f.replace(/ed$/, "")}ive` || words(x.name).join("_") === `is_${neg[2]!.replace(/ate$/, "")}ive`));
      if (c) return { kind: "set", field: c.name, value: false };
    }
    // "activate" -> is_active = true.
    c = t.columns.find((x) => x.type.kind === "boolean" && x.role === "data" && ["is_" + base0.replace(/ate$/, "ive"), base0.replace(/ate$/, "ive")].includes(words(x.name).join("_")));
    if (c) return { kind: "set", field: c.name, value: true };
    w = [];
    return null;
  }

  /**
   * An item route whose last segment names a column ("PATCH /orders/{id}/status", "PUT
   * /tasks/{id}/current-status" for current_status_id, "PUT /users/{id}/email"): the body sets
   * that column and nothing else. A key, owner or timestamp kept by the server is never one.
   */
  private columnAction(seg: string, t: Table): Action | null {
    const key = words(seg).join("_");
    if (!key) return null;
    const writable = t.columns.filter((c) => c.role === "data" && !c.primaryKey && c.name !== t.primaryKey);
    const c =
      writable.find((x) => words(x.name).join("_") === key) ??
      writable.find((x) => x.references && words(x.name).join("_") === `${key}_id`);
    return c ? { kind: "update", fields: [c.name] } : null;
  }

  /**
   * An item route whose request body names only columns of the row ("PATCH /employees/{id}/salary"
   * taking { "baseSalary": ..., "bonus": ... }): an update of those columns only.
   */
  private bodyAction(raw: RawEndpoint, t: Table): Action | null {
    const names = [...new Set([...(raw.body ?? []).map((f) => f.name.text), ...(raw.exampleFields ?? [])])];
    if (names.length === 0) return null;
    const writable = t.columns.filter((c) => c.role === "data" && !c.primaryKey && c.name !== t.primaryKey);
    const fields = names.map((n) => writable.find((c) => c.name === n) ?? writable.find((c) => snakeCase(c.name) === snakeCase(n)));
    if (fields.some((c) => !c)) return null;
    return { kind: "update", fields: t.columns.filter((c) => fields.includes(c)).map((c) => c.name) };
  }

  /** "Sets `status` to `archived`" / "set completed to true" in the summary. */
  private setAction(summary: string, t: Table): Action | null {
    const m = /\bsets?\s+[`"']?([A-Za-z_]\w*)[`"']?\s+to\s+[`"']?([A-Za-z0-9_.-]+)[`"']?/i.exec(summary);
    if (!m) return null;
    const c = t.columns.find((x) => x.name === m[1] && x.role === "data");
    if (!c) return null;
    const v = m[2]!;
    if (c.type.kind === "boolean" && /^(true|false)$/i.test(v)) return { kind: "set", field: c.name, value: /^true$/i.test(v) };
    if (c.type.kind === "enum" && c.type.values.includes(v)) return { kind: "set", field: c.name, value: v };
    if (/^null$/i.test(v) && c.nullable) return { kind: "set", field: c.name, value: null };
    if ((c.type.kind === "string" || c.type.kind === "text") && !/^null$/i.test(v)) return { kind: "set", field: c.name, value: v };
    return null;
  }

  /** "complete" -> completed, "toggle-completion" -> completed, "done" -> is_done/done, "toggle" -> the only boolean column. */
  private toggleField(seg: string, t: Table): string | null {
    const bools = t.columns.filter((c) => c.type.kind === "boolean").map((c) => c.name);
    const w = words(seg).filter((x) => x !== "toggle" && x !== "status" && x !== "flip");
    if (w.length === 0) return bools.length === 1 ? bools[0]! : null;
    const base = w.join("_");
    // "completion" -> completed, "activation" -> activated: the noun of the verb the column is the past of.
    const stems = [base, base.replace(/e$/, ""), ...(/[^aeiou]ion$/.test(base) ? [base.replace(/ion$/, "")] : [])];
    const candidates = new Set<string>();
    // "pin" -> "pinned", "star" -> "starred": a short verb doubles its last consonant.
    const doubled = /[^aeiou][aeiou][bdgklmnprt]$/.test(base) ? [`${base}${base.at(-1)}ed`] : [];
    for (const s of stems) for (const form of [s, `${s}d`, `${s}ed`, ...doubled]) {
      candidates.add(form);
      candidates.add(`is_${form}`);
    }
    return bools.find((b) => candidates.has(snakeCase(b))) ?? null;
  }
}

/**
 * The table with each renamed column under the name it had before ("renamed from"), in the same
 * order (so a column found in it is the one at the same index of the table); null when none was.
 */
function formerView(t: Table): Table | null {
  if (!t.columns.some((c) => c.renamedFrom && !t.columns.some((x) => x.name === c.renamedFrom))) return null;
  return { ...t, columns: t.columns.map((c) => (c.renamedFrom && !t.columns.some((x) => x.name === c.renamedFrom) ? { ...c, name: c.renamedFrom } : c)) };
}

const USER_PARAM = /^(user_?id|userid|uid)$/i;

/** The public routes every generated app serves itself (runtime/app-core.ts, health.ts, docs.ts). */
const APP_ROUTES = /^\/(healthz|readyz|openapi\.json|docs)(\/.*)?$/;

/** The last segment of a health check's path: health, healthz, healthcheck, ping, ready, readiness, liveness... */
const HEALTH_SEGMENT = /^(?:health(?:z|check|-check|_check)?|ping|live(?:ness|z)?|read(?:y|iness|yz))$/i;
/** A segment naming what a health check looks at: the database ("db-health", "health/db", "database_status"). */
const DATABASE_WORDS = new Set(["db", "database", "postgres", "postgresql", "pg", "sql"]);

/**
 * Whether a path (its segments) is a health check, and which: "ready" when it looks at the
 * database or readiness (answered as /readyz), "live" otherwise (/healthz). The last segment is
 * one of the health words, or is made of them and the database's name ("db-health",
 * "databaseHealth", "health_check_db"), or names the database under a health segment
 * ("/health/db", "/system/health/database").
 */
/** The last word of a route that searches the caller's rows ("/api/search?q="). */
const SEARCH_WORDS = new Set(["search"]);

/**
 * The table of the caller's rows a route naming none is about: the one its other words (path and
 * summary) name, else the only table whose rows belong to users. Not the users table, nor a table
 * of the auth module, nor a join table; null when that leaves more than one (or none).
 */
function implicitTable(tables: readonly Table[], said: readonly string[]): { table: Table; why: string } | null {
  const own = tables.filter((t) => !t.identity && !t.addedBy && !t.internal && !t.keyColumns && (t.owner || t.scope));
  const named = own.filter((t) => said.some((w) => matchTable(w, [t]) !== undefined));
  if (named.length === 1) return { table: named[0]!, why: "(the table its words name)" };
  if (named.length === 0 && own.length === 1) return { table: own[0]!, why: "(the only table of users' rows)" };
  return null;
}

function healthCheck(segs: readonly string[]): "ready" | "live" | null {
  const last = segs[segs.length - 1] ?? "";
  const ws = words(last);
  const isHealth = (w: string) => HEALTH_SEGMENT.test(w) || w === "check" || w === "status";
  const db = ws.some((w) => DATABASE_WORDS.has(w));
  if (HEALTH_SEGMENT.test(last)) return /^read/i.test(last) ? "ready" : "live";
  // A segment of health words with the database's name, at least one of them a health word proper.
  if (ws.length > 1 && ws.every((w) => isHealth(w) || DATABASE_WORDS.has(w)) && ws.some((w) => HEALTH_SEGMENT.test(w))) {
    return db || ws.some((w) => /^read/.test(w)) ? "ready" : "live";
  }
  const prev = segs[segs.length - 2] ?? "";
  if (ws.length === 1 && DATABASE_WORDS.has(ws[0]!) && HEALTH_SEGMENT.test(prev)) return "ready";
  return null;
}


const AUTH_SEGMENTS = new Set([
  "auth", "login", "logout", "register", "signup", "signin", "sign-in", "sign-up", "sign-out", "signout",
  "token", "tokens", "refresh", "session", "sessions", "oauth", "callback", "password", "verify", "jwks",
]);

/**
 * The verbs specs put in a path for the standard operations ("/expenses/add", "/tasks/list",
 * "/tasks/{id}/update", "/tasks/delete/{id}"), as words(seg).join("_") writes them.
 */
const CRUD_VERBS = new Map<string, "list" | "create" | "get" | "update" | "delete">([
  ...["list", "all", "index", "list_all", "get_all", "getall", "fetch_all", "find_all", "search"].map((v) => [v, "list"] as const),
  ...["add", "create", "new", "insert"].map((v) => [v, "create"] as const),
  ...["get", "show", "view", "detail", "details", "fetch", "find", "get_one", "one"].map((v) => [v, "get"] as const),
  ...["update", "edit", "modify", "save", "change"].map((v) => [v, "update"] as const),
  ...["delete", "remove", "destroy", "del", "erase"].map((v) => [v, "delete"] as const),
]);

/**
 * The segments after a table's name that are a verb of the standard operations: [verb],
 * [{id}, verb] or [verb, {id}]. Not a verb that is a column of the table (PATCH /tasks/{id}/details
 * with a details column sets it).
 */
function crudVerbShape(rest: readonly string[], t: Table): { verb: string; id: string | null } | null {
  const isParam = (s: string) => /^\{.+\}$/.test(s);
  const verbOf = (s: string) => {
    const v = words(s).join("_");
    return CRUD_VERBS.has(v) && !t.columns.some((c) => words(c.name).join("_") === v) ? v : null;
  };
  if (rest.length === 1 && !isParam(rest[0]!)) {
    const v = verbOf(rest[0]!);
    return v ? { verb: v, id: null } : null;
  }
  if (rest.length === 2 && isParam(rest[0]!) !== isParam(rest[1]!)) {
    const [id, seg] = isParam(rest[0]!) ? [rest[0]!, rest[1]!] : [rest[1]!, rest[0]!];
    const v = verbOf(seg);
    return v ? { verb: v, id } : null;
  }
  return null;
}

/** A path segment standing for the caller: "/users/me", "/me/tasks". */
const SELF_SEGMENTS = new Set(["me", "self", "current", "my", "mine"]);

/** A count word and a subset word written as one segment ("unread-count", "count_overdue"); null otherwise. */
function countInOne(seg: string, t: Table): { counting: "count" | "stats"; sub: NonNullable<ReturnType<typeof collectionSubset>> } | null {
  const w = words(seg);
  if (w.length < 2) return null;
  for (const [word, others] of [[w[w.length - 1]!, w.slice(0, -1)], [w[0]!, w.slice(1)]] as const) {
    const counting = countWord(word);
    const sub = counting ? collectionSubset(others.join("_"), t) : null;
    if (counting && sub) return { counting, sub };
  }
  return null;
}

/** The most items one bulk create or update may carry. */
const BULK_MAX = 100;

/** Verbs that undo another, and the verbs they undo (tried in this order unless the spec writes one beside it). */
const DONE_VERBS = new Set(["complete", "close", "finish", "resolve", "done"]);
const INVERSE_VERBS = new Map<string, readonly string[]>([
  ...["reopen", "re_open", "undo", "undone", "uncomplete", "incomplete", "unfinish", "unresolve", "unclose", "not_done", "undo_complete", "revert"].map((v) => [v, [...DONE_VERBS]] as const),
  ...["restore", "recover", "undelete", "untrash", "unarchive", "unhide"].map((v) => [v, ["archive", "delete", "trash", "remove", "hide"]] as const),
]);
/** The words (of a flag, or before `_at`) that say a row is done. */
const DONE_STATES = new Set(["completed", "complete", "done", "finished", "closed", "resolved"]);

/** A set action in words: "completed_at = null, status = its default". */
export function describeSet(a: Extract<Action, { kind: "set" }>): string {
  return [{ field: a.field, value: a.value, now: a.now, toDefault: a.toDefault }, ...(a.also ?? [])]
    .map((x) => `${x.field} = ${x.now ? "now" : x.toDefault ? "its default" : JSON.stringify(x.value)}`).join(", ");
}

/** Past forms a state column may hold for a verb that does not add -ed. */
const IRREGULAR_PAST: Record<string, string> = { read: "read", send: "sent", pay: "paid", hide: "hidden", write: "written", begin: "begun", set: "set", put: "put", close: "closed", shut: "shut", split: "split" };

function singularWord(table: string): string {
  const w = words(table);
  w[w.length - 1] = singular(w[w.length - 1]!);
  return w.join("_");
}

/** "accounts" for "bank_accounts": the tables whose names end in the segment's words. */
function tablesBySuffix(seg: string, tables: readonly Table[]): Table[] {
  const k = nameKey(seg);
  if (!k || k.length < 3) return [];
  return tables.filter((t) => nameKey(t.name).endsWith(`_${k}`));
}

/**
 * "shares" for "share_links": the tables whose names begin with the segment's words (its last
 * word in the singular, or as written), and are longer; never the users table.
 */
function tablesByPrefix(seg: string, tables: readonly Table[]): Table[] {
  const k = nameKey(seg);
  if (!k || k.length < 3) return [];
  const w = words(seg);
  const asWritten = w.join("_");
  return tables.filter((t) => {
    const name = words(t.name).join("_");
    // recommendation_logs, payment_events: a record of the thing happening, not the thing (POST /recommendations asks for one).
    const record = /_(log|logs|history|histories|event|events|run|runs|audit|audits|snapshot|snapshots)$/.test(name);
    return !t.identity && !record && (name.startsWith(`${k}_`) || name.startsWith(`${asWritten}_`));
  });
}

/** The one table whose name ends in the segment's words and that has a column referring to `parent`. */
/**
 * The table a verb after a parent's row names: "register" registrations, "enroll" enrollments,
 * "subscribe" subscriptions, "attend" attendees. Its rows belong to users (an owner column) and
 * refer to the parent; its name shares the verb's stem (at least five letters, most of the verb).
 * Only when one table fits.
 */
function childByVerb(seg: string, parent: Table, tables: readonly Table[]): Table | undefined {
  const w = words(seg);
  if (w.length !== 1) return undefined;
  const verb = w[0]!;
  const stem = (name: string) => singularWord(name).replace(/_/g, "");
  const shared = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const hits = tables.filter((t) => {
    if (!t.owner || t.identity || t.addedBy || !t.columns.some((c) => c.references?.table === parent.name && c.name !== t.owner)) return false;
    const n = shared(verb, stem(t.name));
    return n >= 5 && n >= Math.ceil(verb.length * 0.7);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * The one table under `parent` with a column named for the segment ("students" for
 * enrollments.student_id, "members" for a member_id): it references `parent`, and its column
 * named so references another table.
 */
function childByColumn(seg: string, parent: Table, tables: readonly Table[]): Table | undefined {
  const w = words(seg);
  if (w.length === 0) return undefined;
  w[w.length - 1] = singular(w[w.length - 1]!);
  const name = `${w.join("_")}_id`;
  const hits = tables.filter((t) => !t.identity && t.columns.some((c) => c.references?.table === parent.name) && t.columns.some((c) => c.references && c.references.table !== parent.name && words(c.name).join("_") === name));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * The table of the caller's rows a verb after a parent's row undoes: "unregister" the one
 * "register" names, "unfollow" "follow", "unsubscribe" "subscribe", "disenroll" "enroll"; "leave",
 * "quit" and "exit" the membership of a group the caller is a member of. Its rows belong to
 * users (an owner column) and one of its other columns refers to the parent.
 */
function undoneChild(seg: string, parent: Table, tables: readonly Table[], positive: (word: string) => Table | undefined): Table | undefined {
  const w = words(seg);
  const mine = (t: Table | undefined) => (t && t.owner && !t.identity && t.columns.some((c) => c.references?.table === parent.name && c.name !== t.owner) ? t : undefined);
  if (w.length === 1 && /^(leave|quit|exit|unjoin)$/.test(w[0]!) && parent.scope?.kind === "member") {
    return mine(tables.find((t) => t.name === (parent.scope as { membership: string }).membership));
  }
  const m = /^(un|dis)([a-z]{4,})$/.exec(w.join(""));
  return m ? mine(positive(m[2]!)) : undefined;
}

/**
 * A list of a link between users named by who is listed ("followers", "following", "followees",
 * "friends", "blocked"): the one such table whose verb ("follow", "friend") begins the word, with
 * the column the route fixes to the user it is about. A word naming a column ("followers" for
 * follower_id) lists that column, fixing the other; any other form ("following", "friends",
 * "blocked") lists whom the user links to, fixing the owner column.
 */
function linkByForm(seg: string, tables: readonly Table[]): { table: Table; fixed: string } | undefined {
  const word = words(seg).join("");
  const identity = tables.find((t) => t.identity)?.name ?? null;
  const hits = tables.flatMap((t) => {
    const other = otherUserColumn(t, t.owner, identity);
    const verb = linkVerb(t.name);
    if (!other || verb.length < 4 || !word.startsWith(verb) || word === verb || word.length - verb.length > 3) return [];
    const named = [t.owner!, other].find((c) => words(c).filter((x) => x !== "id").map((x) => singular(x)).join("") === singular(word));
    return [{ table: t, fixed: named === t.owner ? other : t.owner! }];
  });
  return hits.length === 1 ? hits[0] : undefined;
}

function childBySuffix(seg: string, parent: Table, tables: readonly Table[]): Table | undefined {
  const k = nameKey(seg);
  if (!k || k.length < 3) return undefined;
  const hits = tables.filter((t) => nameKey(t.name).endsWith(`_${k}`) && t.columns.some((c) => c.references?.table === parent.name));
  return hits.length === 1 ? hits[0] : undefined;
}

function isMethod(m: string): m is HttpMethod {
  return m === "get" || m === "post" || m === "put" || m === "patch" || m === "delete";
}

/** "/api/tasks/:id/" -> "/api/tasks/{id}"; "<int:id>" and "[id]" too; the query string is dropped. */
export function normalisePath(path: string): string {
  let p = path.trim().replace(/[?#].*$/, "");
  p = p
    .split("/")
    .map((s) => {
      let m = /^:(\w+)$/.exec(s) ?? /^<(?:\w+:)?(\w+)>$/.exec(s) ?? /^\[(\w+)\]$/.exec(s) ?? /^\{(\w+)(?::[^}]*)?\}$/.exec(s);
      return m ? `{${m[1]}}` : s;
    })
    .join("/");
  if (p.length > 1) p = p.replace(/\/+$/, "");
  if (!p.startsWith("/")) p = "/" + p;
  return p;
}

function matchTable(seg: string, tables: readonly Table[]): Table | undefined {
  const exact = tables.find((t) => t.name === seg);
  if (exact) return exact;
  const k = nameKey(seg);
  return tables.find((t) => nameKey(t.name) === k) ?? tables.find((t) => pluralKey(t.name) === k);
}

const pluralKeys = new Map<string, string>();

function pluralKey(name: string): string {
  let k = pluralKeys.get(name);
  if (k === undefined) {
    k = nameKey(plural(name));
    if (pluralKeys.size > 10_000) pluralKeys.clear();
    pluralKeys.set(name, k);
  }
  return k;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
