// Koa routers, one module per table with endpoints. Every route verifies the token, every
// query on an owned or scoped table is limited to the caller's rows (runtime/rows.ts), and a
// row of another user answers 404 exactly like a missing one. Nested routes
// (/conversations/{id}/messages) see only rows under a parent the caller sees; /users/me is
// the caller's own identity row.
import type { Action, Column, Endpoint, IR, Table } from "../ir/types.js";
import { columnByName, tableByName, tableInfo, type TableInfo } from "./table-info.js";
import { kindOf, listSpecVar, parentSqlVar, relationVar, relationsOfTable, rowScopeOf, runtimeConditions, runtimeListSpec, runtimeParent, runtimeRelation, runtimeTableSql, tableSqlVar, tenantRoot, tenantsOf } from "./route-specs.js";
import { literal, str, tsHeader, type FileMap } from "./common.js";
import { camelCase, singularName } from "../base/naming.js";
import { sqlType } from "../ir/column-forms.js";

/** OpenAPI path -> Koa router path: /api/{user_id}/tasks/{id} -> /api/:user_id/tasks/:id */
export function routerPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ":$1");
}

export function routesFunctionName(info: TableInfo): string {
  return camelCase(`${info.table.name}_routes`);
}

function idParser(info: TableInfo): string {
  return idParserFor(info.pk);
}

/** The hook action (runtime/hooks.ts) each generated action runs; stubs (501) run none. */
const HOOK_ACTION: Readonly<Record<string, string>> = {
  list: "list", create: "create", get: "get", replace: "replace", update: "update", delete: "delete", toggle: "toggle", set: "set",
  "relation-list": "related", "relation-add": "attach", "relation-remove": "detach",
  // Many rows at once run the hooks of what they do to each: a delete's, a set's (no row key in ctx.params).
  "delete-many": "delete", "update-many": "set",
  // The caller's one row (GET|PUT|PATCH /settings), an order, an export, many rows, a copy.
  "own-get": "get", reorder: "set", export: "list", "create-many": "create", "update-each": "update", copy: "create",
};
/** own-put runs the hooks of the write it is: a replace (PUT) or an update (PATCH). */
function hookActionOf(a: Action): string | undefined {
  return a.kind === "own-put" ? (a.merge ? "update" : "replace") : HOOK_ACTION[a.kind];
}
/** Actions that write: none of them is served on a table shared read-only. */
const WRITES = new Set(["create", "replace", "update", "delete", "toggle", "set", "relation-add", "relation-remove", "delete-many", "update-many", "own-put", "reorder", "create-many", "update-each", "copy"]);

/** The list contracts of a table's list routes: one variable per distinct contract, in route order. */
function listSpecs(t: Table, endpoints: readonly Endpoint[]): Map<string, { e: Endpoint; spec: Record<string, unknown> }> {
  const out = new Map<string, { e: Endpoint; spec: Record<string, unknown> }>();
  const byText = new Map<string, string>();
  for (const e of endpoints) {
    if (!e.list || e.action.kind !== "list") continue;
    const spec = runtimeListSpec(t, e.list);
    const text = JSON.stringify(spec);
    if (byText.has(text)) continue;
    const name = byText.size === 0 ? listSpecVar(t) : `${listSpecVar(t)}${byText.size + 1}`;
    byText.set(text, name);
    out.set(name, { e, spec });
  }
  return out;
}

/** The variable holding a list route's contract. */
function listVarOf(t: Table, e: Endpoint, ir: IR): string {
  const endpoints = ir.endpoints.filter((x) => x.table === t.name);
  const text = JSON.stringify(runtimeListSpec(t, e.list!));
  for (const [name, v] of listSpecs(t, endpoints)) if (JSON.stringify(v.spec) === text) return name;
  return listSpecVar(t);
}

/** The column that names a row's user: the owner column, or the users table's own key (each user's own row). */
function ownerColumn(t: Table): string | null {
  return t.owner ?? (t.identity ? t.primaryKey : null);
}

function ownerIsNumber(info: TableInfo): boolean {
  const owner = info.table.columns.find((c) => c.name === ownerColumn(info.table));
  return owner?.type.kind === "integer";
}

function idParserFor(c: Column): string {
  const k = c.type.kind;
  if (k === "integer") return "intId";
  if (k === "bigint") return "bigintId";
  if (k === "uuid") return "uuidId";
  return "textId";
}

function relationsVar(t: Table): string {
  return `${camelCase(singularName(t.name))}Relations`;
}

/** The action a route performs: the IR's, except that nothing writes a table shared read-only. */
function actionOf(t: Table, e: Endpoint): Action {
  if (t.internal) return { kind: "stub", reason: `"${t.name}" belongs to no user and keeps secrets` };
  if (t.shared === "read" && WRITES.has(e.action.kind)) return { kind: "stub", reason: `"${t.name}" is shared read-only` };
  return e.action;
}

/** The key column of a nested route's parent (what its path parameter holds). */
function parentKeyColumn(ir: IR, t: Table, parent: NonNullable<Endpoint["parent"]>): Column {
  const pt = tableByName(ir, parent.table);
  const ref = columnByName(t, parent.column).references;
  return columnByName(pt, ref?.column ?? pt.primaryKey);
}

function emitHandler(ir: IR, info: TableInfo, e: Endpoint): string[] {
  const t = info.table;
  const owner = ownerColumn(t);
  const L: string[] = [];
  const method = e.method === "delete" ? "delete" : e.method;
  const mw = e.auth === "required" ? "auth, " : "";
  const rels = relationsOfTable(ir, t.name);
  const a = actionOf(t, e);
  L.push(`  // ${e.method.toUpperCase()} ${e.path} (${e.span.file}:${e.span.line})${e.summary ? `: ${e.summary.split("\n")[0]!.slice(0, 100)}` : ""}`);
  // Every action runs the resource's hand-written hooks (src/hooks); stubs (501) do not.
  const hookAction = hookActionOf(a);
  const hooked = hookAction !== undefined;
  L.push(`  router.${method}(${str(routerPath(e.path))}, ${mw}${hooked ? `withHooks(hooks, ${str(hookAction)}, deps, async (ctx, h) => {` : "async (ctx) => {"}`);
  const self = e.self === true && t.identity;
  // Audit columns (created_by, updated_by) referencing the users table: the caller must have a users row before they are written.
  const stampUsers = (role: string) => t.columns.some((c) => c.role === role && !!c.references && tableByName(ir, c.references.table).identity);
  const stampsUsers = stampUsers("author") || stampUsers("editor");
  const editsUsers = stampUsers("editor");
  const parent = e.parent && a.kind !== "stub" ? e.parent : undefined;
  // Rows are the caller's through an owner column or a scope; a nested route's parent may need the caller too.
  const scoped = !!owner || !!t.scope;
  const parentWhose = parent ? rowScopeOf(ir, tableByName(ir, parent.table)) : null;
  // A row stamped with who made or changed it (created_by on a shared table too) needs the caller's id.
  const needsCaller = a.kind !== "stub" && !self && (scoped || !!parentWhose || stampsUsers || t.columns.some((c) => c.role === "author" || c.role === "editor"));
  const callerId = e.userParam ? `assertSelf(ctx, ctx.params[${str(e.userParam)}])` : `caller(ctx).id`;
  if (owner) {
    // An integer owner column gets a number (the verifier has checked the id's format).
    L.push(`    const userId = ${ownerIsNumber(info) ? `Number(${callerId})` : callerId};`);
  } else if (needsCaller) L.push(`    const userId = ${callerId};`);
  else if (e.userParam) L.push(`    ${callerId}; // the path's user is the caller, or 403`);
  // An app with tenant-scoped tables: the caller's organization comes from the token (runtime/tenant.ts)
  // and every transaction of the route sets it. The table's rows (or its parent's) are a tenant's:
  // a token naming none is a 403. Otherwise the tenant only lets references to a tenant's rows resolve.
  const tenantMode = needsCaller && !self && tenantsOf(ir) !== null;
  if (tenantMode) {
    const required = tenantRoot(ir, t) !== null || (!!parent && tenantRoot(ir, tableByName(ir, parent.table)) !== null);
    L.push(required ? `    const tenant = requireTenant(ctx);` : `    const tenant = callerTenant(ctx);`);
  }
  if (self && a.kind !== "stub") {
    // The caller's own row: its key is the caller's id, of the key's type.
    L.push(`    const me = ${info.pk.type.kind === "integer" ? "Number(caller(ctx).id)" : "caller(ctx).id"};`);
  }
  // A link row named by its parent and the row it links (/teams/{teamId}/members/{userId}): {userId} is read as that column.
  const by = e.idColumn && a.kind !== "stub" ? e.idColumn : null;
  if (e.idParam) L.push(`    const id = ${by ? idParserFor(columnByName(t, by)) : idParser(info)}(ctx.params[${str(e.idParam)}], ${str(info.singular)});`);
  const key = self ? "me" : "id";
  let under = "";
  if (parent) {
    const pk = parentKeyColumn(ir, t, parent);
    L.push(`    const parentId = ${idParserFor(pk)}(ctx.params[${str(parent.param)}], ${str(singularName(parent.table))});`);
    under = `under: { parent: ${parentSqlVar(parent)}, id: parentId }`;
  }
  // Options of a row call: the nested route's parent, and the column the id is matched on.
  const rowOpts = [...(under ? [under] : []), ...(by ? [`by: ${str(by)}`] : [])];
  // GET /me/followers: the rows naming the caller in a column they read (runtime/rows.ts asReader).
  const reader = a.kind === "list" ? e.list?.fixed?.find((c) => "caller" in c)?.column : undefined;
  // Row actions are statements run in one batch: one round trip, one transaction that sets the
  // caller for row-level security first (runtime/rows.ts, runtime/batch.ts).
  const ts = tableSqlVar(t);
  const who = needsCaller ? "userId" : "null";
  const relList = rels.length && owner ? relationsVar(t) : "[]";
  const relArg = rels.length && owner ? `, ${relationsVar(t)}` : "";
  /** The trailing arguments of a row call: relations, then the options (nested route, statements to run first). */
  const tail = (opts: string[]) => (opts.length ? `, ${relList}, { ${opts.join(", ")} }` : relArg);
  const what = str(info.singular);
  // Reads and validates the body; a field the path names already (the parent's key column, the
  // caller's own key) may be left out or repeated, not contradicted (set: it takes the path's value).
  const readBody = (validate: string, set: boolean) => {
    const given: string[] = [];
    if (parent && info.writable.some((c) => c.name === parent.column)) given.push(`    fromPath(body, ${str(parent.column)}, parentId, ${set});`);
    if (self && info.writable.includes(info.pk)) given.push(`    fromPath(body, ${str(info.pk.name)}, me, ${set});`);
    // The before hook gets the validated body and may return a changed one: checked again the same way.
    if (given.length === 0) L.push(`    const input = await h.before(${validate}(await readObject(ctx, ${info.schemaVar}ReadOnlyFields)), ${validate});`);
    else {
      L.push(`    const check = (body: Record<string, unknown>) => {`, ...given.map((g) => `  ${g}`), `      return ${validate}(body);`, `    };`);
      L.push(`    const input = await h.before(check(await readObject(ctx, ${info.schemaVar}ReadOnlyFields)), (v) => check(v as Record<string, unknown>));`);
    }
  };
  // /users/me records a caller the app knows from their token only, before reading or changing the row.
  const recordSelf = () => {
    L.push(`    const who = caller(ctx);`);
    L.push(`    const record = ensureUser.statement(who);`);
  };
  if (hooked && !["create", "replace", "update", "own-put", "relation-list", "relation-add", "relation-remove"].includes(a.kind)) L.push(`    await h.before();`);
  switch (a.kind) {
    case "list": {
      const lv = listVarOf(t, e, ir);
      const fromPath = e.list?.fixed?.some((c) => "param" in c);
      L.push(`    const req = parseListQuery(ctx.query, ${lv}, ctx.get("Prefer") || undefined${fromPath ? ", ctx.params" : ""});`);
      L.push(`    sendList(ctx, await listRows(batch, ${ts}, ${lv}, req, ${who}${tail([...(under ? [under] : []), ...(reader ? [`asReader: ${str(reader)}`] : [])])}), ${lv});`);
      break;
    }
    case "get": {
      if (self) {
        recordSelf();
        L.push(`    const row = await getRow(batch, ${ts}, me, me, [], record ? { before: [record] } : {});`);
        L.push(`    if (record) ensureUser.remember(who.id);`);
      } else L.push(`    const row = await getRow(batch, ${ts}, ${key}, ${who}${tail(rowOpts)});`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "create": {
      readBody("validateCreate", true);
      if (self && !info.writable.includes(info.pk)) L.push(`    (input as unknown as Record<string, unknown>)[${str(info.pk.name)}] = me;`);
      const group = t.scope?.kind === "member" && t.scope.column === t.primaryKey;
      const opts = under ? `, { ${under} }` : "";
      if (self) {
        // The caller's own row, keyed by their id: a second one is a 409.
        L.push(`    const row = await createRow(batch, ${ts}, input, me);`);
      } else if ((owner || group || stampsUsers) && !t.identity) {
        // The caller's first write records them in the identity table, in the same transaction
        // (also where an audit column, created_by, references it).
        L.push(`    const who = caller(ctx);`);
        L.push(`    const record = ensureUser.statement(who);`);
        L.push(`    const row = await createRow(batch, ${ts}, input, userId, ${relList}, record ? [record] : []${opts});`);
        L.push(`    if (record) ensureUser.remember(who.id);`);
      } else if (opts) L.push(`    const row = await createRow(batch, ${ts}, input, ${who}, [], []${opts});`);
      else L.push(`    const row = await createRow(batch, ${ts}, input, ${who});`);
      L.push(`    ctx.status = ${e.successStatus};`);
      if (self) L.push(`    ctx.set("Location", ctx.path);`);
      else if (!info.table.keyColumns) L.push(`    ctx.set("Location", \`\${ctx.path.replace(/\\/$/, "")}/\${encodeURIComponent(String(row[${str(info.pk.name)}]))}\`);`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "replace":
    case "update":
    case "toggle":
    case "set": {
      let values: string;
      if (a.kind === "replace" || a.kind === "update") {
        readBody(a.kind === "replace" ? "validateReplace" : "validatePatch", a.kind === "replace");
        values = a.kind === "replace" ? `withDefaults(input)` : `input`;
        if (a.kind === "update" && a.fields) {
          // The path names the column this route changes ("PATCH /orders/{id}/status"): nothing else.
          const only = a.fields.map((f) => str(f)).join(", ");
          L.push(`    const others = Object.keys(input).filter((k) => ![${only}].includes(k));`);
          L.push(`    if (others.length) throw new HttpProblem(422, ${str(`this route changes ${a.fields.join(", ")} only`)}, { errors: others.map((field) => ({ field, message: ${str(`not changed by this route (it changes ${a.fields.join(", ")})`)} })) });`);
        }
      } else if (a.kind === "toggle") values = `{ ${str(a.field)}: TOGGLE }`;
      else {
        // The column the verb names, and those it changes with it (reopen: completed_at and status back).
        const one = (x: { field: string; value: unknown; now?: true; toDefault?: true }) => `${str(x.field)}: ${x.now ? "NOW" : x.toDefault ? "DEFAULT" : JSON.stringify(x.value)}`;
        values = `{ ${[a, ...(a.also ?? [])].map(one).join(", ")} }`;
      }
      if (self) {
        recordSelf();
        L.push(`    const row = await updateRow(batch, ${ts}, ${values}, me, me, [], record ? { before: [record] } : {});`);
        L.push(`    if (record) ensureUser.remember(who.id);`);
      } else if (editsUsers) {
        // updated_by references the users table: the caller is recorded first, in the same transaction.
        L.push(`    const who = caller(ctx);`);
        L.push(`    const record = ensureUser.statement(who);`);
        L.push(`    const row = await updateRow(batch, ${ts}, ${values}, ${key}, ${who}, ${relList}, { ${[...rowOpts, "before: record ? [record] : []"].join(", ")} });`);
        L.push(`    if (record) ensureUser.remember(who.id);`);
      } else L.push(`    const row = await updateRow(batch, ${ts}, ${values}, ${key}, ${who}${tail(rowOpts)});`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "delete": {
      const opts = rowOpts.length ? `, { ${rowOpts.join(", ")} }` : "";
      const whoArg = self ? "me" : who;
      if (e.successStatus === 204) {
        L.push(`    if ((await deleteRow(batch, ${ts}, ${key}, ${whoArg}${opts})) === 0) throw notFound(${what});`);
        L.push(`    ctx.status = 204;`);
      } else {
        // The spec answers a delete with a body: the row as it was.
        L.push(`    const row = await deleteRowReturning(batch, ${ts}, ${key}, ${whoArg}${opts});`);
        L.push(`    if (!row) throw notFound(${what});`);
        L.push(`    ctx.status = ${e.successStatus};`);
        L.push(`    ctx.body = row;`);
      }
      break;
    }
    case "relation-list":
    case "relation-add":
    case "relation-remove": {
      const rel = rels.find((r) => r.name === a.relation)!;
      const rv = relationVar(rel);
      const target = tableByName(ir, rel.target);
      if (a.targetParam) L.push(`    const targetId = ${idParserFor(target.columns.find((c) => c.name === target.primaryKey)!)}(ctx.params[${str(a.targetParam)}], ${str(singularName(target.name))});`);
      else if (a.targetField) {
        // The row to attach is named in the body: a missing key is a 422, one the caller cannot see a 404.
        const f = str(a.targetField);
        L.push(`    const given = (await readObject(ctx, []))[${f}];`);
        L.push(`    if (typeof given !== "string" && typeof given !== "number") throw new HttpProblem(422, ${str(`${a.targetField}: required`)}, { errors: [{ field: ${f}, message: "required: the key of the ${singularName(target.name)} to attach" }] });`);
        L.push(`    const targetId = ${idParserFor(target.columns.find((c) => c.name === target.primaryKey)!)}(String(given), ${str(singularName(target.name))});`);
      }
      L.push(`    await h.before();`);
      if (a.kind === "relation-list") L.push(`    ctx.body = await scope(userId!, (db) => listRelated(db, userId, ${rv}, id, ${what}));`);
      else {
        L.push(`    await scope(userId!, async (db) => {`);
        if (a.kind === "relation-add") L.push(`      await ensureUser(db, caller(ctx));`);
        L.push(`      await ${a.kind === "relation-add" ? "attach" : "detach"}(db, userId, ${rv}, id, targetId, ${what});`);
        L.push(`    });`);
        L.push(`    ctx.status = ${e.successStatus};`);
      }
      break;
    }
    case "count": {
      // GET /tasks/count, /tasks/stats: numbers over the caller's rows only.
      const groups = a.groups.map((g) => {
        const c = columnByName(t, g);
        return { column: g, values: c.type.kind === "enum" ? [...c.type.values] : c.type.kind === "boolean" ? ["true", "false"] : [] };
      });
      let where = a.where.some((c) => "param" in c) ? `withPathValues(${literal(runtimeConditions(t, a.where))}, ctx.params)` : literal(a.where);
      if (a.filters?.length) {
        // The list's equality filters narrow the count as they narrow the list ("?status=done").
        const specs = a.filters.map((f) => {
          const c = columnByName(t, f.column);
          return { param: f.param, column: f.column, kind: kindOf(c), ...(c.type.kind === "enum" ? { values: [...c.type.values] } : {}) };
        });
        where = `queryConditions(ctx.query, ${literal(specs)}${a.where.length ? `, ${where}` : ""})`;
      }
      L.push(`    const counted = await countRows(batch, ${ts}, ${where}, ${literal(groups)}, ${who});`);
      L.push(a.summary ? `    ctx.body = { total: counted.total, ...counted.groups };` : `    ctx.body = { count: counted.total };`);
      break;
    }
    case "delete-many": {
      // DELETE /tasks/completed, DELETE /tasks, POST /tasks/bulk-delete: the caller's rows only.
      if (a.idsField) L.push(`    const keys = keysFrom(await readObject(ctx, []), ${str(a.idsField)}, ${idParser(info)});`);
      const whereOf = a.where.some((c) => "param" in c) ? `withPathValues(${literal(runtimeConditions(t, a.where))}, ctx.params)` : literal(a.where);
      L.push(`    const deleted = ${a.idsField ? "keys.length === 0 ? 0 : " : ""}await deleteMany(batch, ${ts}, ${whereOf}, ${a.idsField ? "keys" : "null"}, ${who});`);
      if (e.successStatus === 204) L.push(`    void deleted;`, `    ctx.status = 204;`);
      else L.push(`    ctx.status = ${e.successStatus};`, `    ctx.body = { deleted };`);
      break;
    }
    case "update-many": {
      // POST /tasks/bulk-complete: one column set on the caller's rows the body lists.
      // Without a keys field (PATCH /notifications/read-all): every one of the caller's rows.
      if (a.idsField) L.push(`    const keys = keysFrom(await readObject(ctx, []), ${str(a.idsField)}, ${idParser(info)});`);
      const v = a.now ? "NOW" : JSON.stringify(a.value);
      const guard = a.idsField ? "keys.length === 0 ? 0 : " : "";
      const keysArg = a.idsField ? "keys" : "null";
      if (editsUsers) {
        L.push(`    const who = caller(ctx);`);
        L.push(`    const record = ensureUser.statement(who);`);
        L.push(`    const updated = ${guard}await updateMany(batch, ${ts}, ${str(a.field)}, ${v}, ${literal(a.where)}, ${keysArg}, ${who}, record ? [record] : []);`);
        L.push(`    if (record) ensureUser.remember(who.id);`);
      } else L.push(`    const updated = ${guard}await updateMany(batch, ${ts}, ${str(a.field)}, ${v}, ${literal(a.where)}, ${keysArg}, ${who});`);
      L.push(`    ctx.body = { updated };`);
      break;
    }
    case "own-get": {
      // A table of one row per user: the caller's row, 404 until they have written it (a read writes nothing).
      L.push(`    const row = await getOwnRow(batch, ${ts}, ${who});`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "own-put": {
      // The caller's one row, inserted when they have none (one statement: INSERT ... ON CONFLICT).
      readBody(a.merge ? "validatePatch" : "validateReplace", !a.merge);
      L.push(`    const who = caller(ctx);`);
      L.push(`    const record = ensureUser.statement(who);`);
      L.push(`    const row = await putOwnRow(batch, ${ts}, ${a.merge ? "input" : "withDefaults(input)"}, ${who}, record ? [record] : []);`);
      L.push(`    if (record) ensureUser.remember(who.id);`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "reorder": {
      // PUT /projects/reorder: the order column of the caller's rows the body lists (another user's keys match nothing).
      const c = columnByName(t, a.column);
      L.push(`    const pairs = orderFrom(await readJson(ctx), ${str(t.primaryKey)}, ${str(a.column)}, ${idParser(info)});`);
      L.push(`    const updated = await reorderRows(batch, ${ts}, ${str(a.column)}, ${str(sqlType(c.type))}, pairs, ${who});`);
      L.push(`    ctx.body = { updated };`);
      break;
    }
    case "export": {
      // GET /tasks/export: every one of the caller's rows, as CSV or JSON (?format= chooses).
      const cols = t.columns.filter((c) => !info.hidden.includes(c)).map((c) => c.name);
      L.push(`    const format = ctx.query.format ?? ${str(a.format)};`);
      L.push(`    if (format !== "csv" && format !== "json") throw new HttpProblem(422, "format: must be csv or json", { errors: [{ field: "format", message: "must be csv or json" }] });`);
      L.push(`    const columns = ${literal(cols)};`);
      L.push(`    const rows = await exportRows(batch, ${ts}, columns, ${who});`);
      L.push(`    ctx.set("Content-Disposition", \`attachment; filename="${t.name}.\${format}"\`);`);
      L.push(`    if (format === "csv") {`);
      L.push(`      ctx.type = "text/csv; charset=utf-8";`);
      L.push(`      ctx.body = toCsv(columns, rows);`);
      L.push(`    } else ctx.body = rows;`);
      break;
    }
    case "create-many":
    case "update-each": {
      // POST|PATCH /tasks/bulk: each item as the one-row route would take it, in one transaction: all or none.
      const tenantArg = tenantMode ? ", tenant" : "";
      if (a.kind === "create-many") {
        L.push(`    const items = itemsFrom(await readJson(ctx), ${info.schemaVar}ReadOnlyFields, ${a.max}, validateCreate);`);
        L.push(`    const who = caller(ctx);`);
        L.push(`    const created = await scope(userId, async (db) => {`);
        L.push(`      await ensureUser(db, who);`);
        L.push(`      const tx = transactionBatch(db);`);
        L.push(`      const rows = [];`);
        L.push(`      for (const input of items) rows.push(await createRow(tx, ${ts}, input, userId${relArg}));`);
        L.push(`      return rows;`);
        L.push(`    }${tenantArg});`);
        L.push(`    ctx.status = ${e.successStatus};`);
        L.push(`    ctx.body = { created };`);
      } else {
        const pk = str(info.pk.name);
        L.push(`    const items = itemsFrom(await readJson(ctx), [], ${a.max}, (v) => {`);
        L.push(`      const o = { ...(v as Record<string, unknown>) };`);
        L.push(`      const key = o[${pk}];`);
        L.push(`      if (typeof key !== "string" && typeof key !== "number") throw new HttpProblem(422, ${str(`${info.pk.name}: required`)}, { errors: [{ field: ${pk}, message: "required: the key of the row to change" }] });`);
        L.push(`      for (const k of ${info.schemaVar}ReadOnlyFields) delete o[k];`);
        L.push(`      return { id: ${idParser(info)}(String(key), ${what}), input: validatePatch(o) };`);
        L.push(`    });`);
        L.push(`    const updated = await scope(userId, async (db) => {`);
        L.push(`      const tx = transactionBatch(db);`);
        L.push(`      const rows = [];`);
        L.push(`      for (const it of items) {`);
        L.push(`        const row = await updateRow(tx, ${ts}, it.input, it.id, userId${relArg});`);
        L.push(`        if (!row) throw notFound(${what});`);
        L.push(`        rows.push(row);`);
        L.push(`      }`);
        L.push(`      return rows;`);
        L.push(`    }${tenantArg});`);
        L.push(`    ctx.body = { updated };`);
      }
      break;
    }
    case "copy": {
      // POST /projects/{id}/duplicate: a new row of the caller's with the row's writable columns.
      const cols = info.writable.filter((c) => c !== info.pk && c.name !== t.owner && !a.skip.includes(c.name)).map((c) => c.name);
      L.push(`    const who = caller(ctx);`);
      L.push(`    const record = ensureUser.statement(who);`);
      L.push(`    const row = await copyRow(batch, ${ts}, ${literal(cols)}, id, ${who}, record ? [record] : []);`);
      L.push(`    if (record) ensureUser.remember(who.id);`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.status = ${e.successStatus};`);
      L.push(`    ctx.set("Location", \`\${ctx.path.replace(/\\/$/, "").split("/").slice(0, -2).join("/")}/\${encodeURIComponent(String(row[${str(info.pk.name)}]))}\`);`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "stub": {
      L.push(`    // Not generated: ${a.reason}. Implement it in a hook or change the spec.`);
      L.push(`    throw new HttpProblem(501, ${str(`${e.method.toUpperCase()} ${e.path} is not implemented yet`)});`);
      break;
    }
  }
  if (tenantMode) {
    // Every row action's transaction sets the caller's tenant too; so does every relation route's.
    for (let i = 0; i < L.length; i++) {
      L[i] = L[i]!.replace(/\((batch), /g, "(withTenant(batch, tenant), ");
      L[i] = L[i]!.replace(/^(    ctx\.body = await scope\(userId!, \(db\) => .*)\)\);$/, "$1), tenant);");
      if (L[i] === "    });" && L[i - 1]?.startsWith("      await ") && /(attach|detach)\(db/.test(L[i - 1]!)) L[i] = "    }, tenant);";
    }
  }
  const setsOwn = a.kind === "delete" || a.kind === "delete-many" || a.kind === "create" || a.kind === "create-many" || a.kind === "copy" || a.kind === "relation-add" || a.kind === "relation-remove" || a.kind === "stub";
  if (e.successStatus !== 200 && !setsOwn) L.push(`    ctx.status = ${e.successStatus};`);
  L.push(hooked ? `  }));` : `  });`);
  return L.map((l) => l.replace("userId!", "userId"));
}

function emitRoutesModule(ir: IR, info: TableInfo, endpoints: readonly Endpoint[]): string {
  const t = info.table;
  // The validators and schemas an action takes are those of the one-row action it repeats or is.
  const kinds = new Set(endpoints.flatMap((e) => {
    const a = actionOf(t, e);
    return a.kind === "create-many" ? [a.kind, "create"] : a.kind === "update-each" ? [a.kind, "update"] : a.kind === "own-put" ? [a.kind, a.merge ? "update" : "replace"] : [a.kind];
  }));
  const needs = (...k: string[]) => k.some((x) => kinds.has(x as never));
  const v = info.schemaVar;
  const M = info.model;
  const owner = t.owner;
  const rels = owner ? relationsOfTable(ir, t.name) : [];
  const rowKinds = ["list", "get", "create", "replace", "update", "toggle", "set", "delete", "count", "delete-many", "update-many", "own-get", "own-put", "reorder", "export", "create-many", "update-each", "copy"];
  const handlers = endpoints.flatMap((e) => emitHandler(ir, info, e));
  // What the handlers use decides what is imported.
  const body = handlers.map((l) => l.replace(/\s*\/\/.*$/, "")).join("\n");
  const uses = (name: string) => new RegExp(`(^|[^\\w.])${name}\\b`).test(body);
  const parents = [...new Map(endpoints.filter((e) => e.parent && actionOf(t, e).kind !== "stub").map((e) => [parentSqlVar(e.parent!), e.parent!])).entries()];
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import type Router from "@koa/router";`);
  const errs = ["notFound", "HttpProblem"].filter(uses);
  if (errs.length) L.push(`import { ${errs.join(", ")} } from "../runtime/errors.js";`);
  const authImports = ["assertSelf", "caller"].filter(uses);
  if (authImports.length) L.push(`import { ${authImports.join(", ")} } from "../runtime/auth.js";`);
  const tenantImports = ["callerTenant", "requireTenant"].filter(uses);
  if (tenantImports.length) L.push(`import { ${tenantImports.join(", ")} } from "../runtime/tenant.js";`);
  const batchImports = ["withTenant", "transactionBatch"].filter(uses);
  if (batchImports.length) L.push(`import { ${batchImports.join(", ")} } from "../runtime/batch.js";`);
  const bodyImports = ["readObject", "readJson"].filter(uses);
  if (bodyImports.length) L.push(`import { ${bodyImports.join(", ")} } from "../runtime/body.js";`);
  if (needs("create", "replace", "update")) L.push(`import { compile } from "../runtime/validate.js";`);
  const paramImports = ["intId", "bigintId", "uuidId", "textId", "fromPath"].filter(uses);
  if (paramImports.length) L.push(`import { ${paramImports.join(", ")} } from "../runtime/params.js";`);
  const listHelpers = ["withPathValues", "queryConditions"].filter(uses);
  if (needs("list")) L.push(`import { ${listHelpers.map((x) => `${x}, `).join("")}parseListQuery, sendList, type ListSpec } from "../runtime/list.js";`);
  else if (listHelpers.length) L.push(`import { ${listHelpers.join(", ")} } from "../runtime/list.js";`);
  const rowImports = [
    ...["listRows", "getRow", "createRow", "updateRow", "deleteRow", "deleteRowReturning", "countRows", "deleteMany", "updateMany", "keysFrom", "getOwnRow", "putOwnRow", "orderFrom", "reorderRows", "exportRows", "toCsv", "copyRow", "itemsFrom"].filter(uses),
    ...((needs("replace") && info.writable.some((c) => c.default)) || uses("DEFAULT") ? ["DEFAULT"] : []),
    ...["TOGGLE", "NOW"].filter(uses),
    ...(needs("replace") ? ["type SetValue"] : []),
    ...(parents.length ? ["type ParentSql"] : []),
    ...(needs(...rowKinds) ? ["type TableSql"] : []),
  ];
  if (rowImports.length) L.push(`import { ${rowImports.join(", ")} } from "../runtime/rows.js";`);
  const relImports = [
    ...["listRelated", "attach", "detach"].filter(uses),
    ...(rels.length ? ["type ManyToManySpec"] : []),
  ];
  if (relImports.length) L.push(`import { ${relImports.join(", ")} } from "../runtime/relations.js";`);
  L.push(`import type { RouteDeps } from "../runtime/deps.js";`);
  L.push(`import { withHooks } from "../runtime/hooks.js";`);
  const schemaImports: string[] = [];
  if (needs("create")) schemaImports.push(`${v}CreateSchema`);
  if (needs("replace")) schemaImports.push(`${v}ReplaceSchema`);
  if (needs("update")) schemaImports.push(`${v}PatchSchema`);
  if (needs("create", "replace", "update")) schemaImports.push(`${v}ReadOnlyFields`, `type ${M}Create`);
  if (needs("update")) schemaImports.push(`type ${M}Patch`);
  if (schemaImports.length) L.push(`import { ${schemaImports.join(", ")} } from "../schemas/${info.stem}.js";`);
  L.push(``);
  if (needs("create")) L.push(`const validateCreate = compile<${M}Create>(${v}CreateSchema);`);
  if (needs("replace")) L.push(`const validateReplace = compile<${M}Create>(${v}ReplaceSchema);`);
  if (needs("update")) L.push(`const validatePatch = compile<${M}Patch>(${v}PatchSchema);`);
  if (needs("create", "replace", "update")) L.push(``);
  if (needs(...rowKinds)) {
    L.push(`/** How the row actions write SQL for ${t.name} (runtime/rows.ts). */`);
    L.push(`const ${tableSqlVar(t)}: TableSql = ${literal(runtimeTableSql(ir, info))};`);
    L.push(``);
  }
  for (const [name, p] of parents) {
    L.push(`/** The ${p.table} row a nested route names: ${t.name}.${p.column} holds its key; one the caller cannot see answers 404. */`);
    L.push(`const ${name}: ParentSql = ${literal(runtimeParent(ir, t, p))};`);
    L.push(``);
  }
  // Each distinct list contract of the table (two list routes may differ: an envelope, filters).
  for (const [name, { e: listEp, spec }] of listSpecs(t, endpoints)) {
    L.push(`/** What the list accepts in its query string (from ${listEp.span.file}:${listEp.span.line}${listEp.list!.inferred ? "; inferred from the columns" : ""}); anything else is a 422. */`);
    L.push(`const ${name}: ListSpec = ${literal(spec)};`);
    L.push(``);
  }
  for (const r of rels) {
    L.push(`/** ${r.source} <-> ${r.target} through ${r.join}. */`);
    L.push(`const ${relationVar(r)}: ManyToManySpec = ${literal(runtimeRelation(ir, r))};`);
    L.push(``);
  }
  if (rels.length && needs(...rowKinds)) {
    L.push(`/** Embedded into every row the row actions answer with: one statement per relation for any number of rows. */`);
    L.push(`const ${relationsVar(t)} = [${rels.map(relationVar).join(", ")}];`);
    L.push(``);
  }

  if (needs("replace")) {
    // PUT replaces the whole row: a writable field left out goes back to its default (or null).
    L.push(`/** PUT semantics: every writable field left out goes back to its default, or to null. */`);
    L.push(`function withDefaults(input: ${M}Create): Record<string, SetValue> {`);
    L.push(`  return {`);
    for (const c of info.writable) {
      const fallback = c.default ? `DEFAULT` : c.nullable ? `null` : undefined;
      if (fallback === undefined) L.push(`    ${str(c.name)}: input[${str(c.name)}],`);
      else L.push(`    ${str(c.name)}: input[${str(c.name)}] ?? ${fallback},`);
    }
    L.push(`  };`);
    L.push(`}`);
    L.push(``);
  }

  L.push(`export function ${routesFunctionName(info)}(router: Router, deps: RouteDeps): void {`);
  const depNames = [...["scope", "batch"].filter(uses), "auth", ...(/\bensureUser\b/.test(body) ? ["ensureUser"] : [])];
  L.push(`  const { ${depNames.join(", ")} } = deps;`);
  L.push(`  const hooks = deps.hooks?.[${str(t.name)}];`);
  L.push(...handlers);
  L.push(`}`);
  return L.join("\n") + "\n";
}

export function emitRoutes(ir: IR): FileMap {
  const files: FileMap = new Map();
  for (const t of ir.tables) {
    const eps = ir.endpoints.filter((e) => e.table === t.name);
    if (eps.length === 0) continue;
    const info = tableInfo(ir, t);
    // Static segments before parameters: /tasks/{id}/complete must not be shadowed.
    files.set(`routes/${info.stem}.ts`, emitRoutesModule(ir, info, eps));
  }
  return files;
}
