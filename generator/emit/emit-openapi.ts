// The OpenAPI 3.1 document of the generated API.
import { otherUserColumn } from "../ir/user-links.js";
import type { CustomRouteDecl } from "../read/read-custom-routes.js";
import type { Diagnostic } from "../base/diagnostics.js";
import type { Column, Endpoint, IR } from "../ir/types.js";
import { tableInfo, tableByName, columnByName, columnSchema, type TableInfo } from "./table-info.js";
import { bodySchemas } from "./emit-schemas.js";
import { json, type FileMap } from "./common.js";
import { camelCase, pascalCase, singularName, words } from "../base/naming.js";
import { describe as describeConditions } from "../ir/collection-routes.js";
import { builtinAuthOpenApi } from "./openapi-builtin-auth.js";
import { listParameters, restOperationId } from "./openapi-rest.js";
import { userIdKind } from "../ir/identity-plan.js";
import { tenantRoot } from "./route-specs.js";

const problemRef = { $ref: "#/components/responses/Problem" };

function ref(name: string) {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The names this document gives its own schemas: the problem details every error answers with,
 * and the built-in auth module's bodies. A table whose model would take one of them ("problems",
 * "auth_logins") names its schemas with "Row" added, so neither replaces the other.
 */
const DOCUMENT_SCHEMAS = new Set(["Problem", "AuthRegister", "AuthLogin", "AuthRefresh", "AuthTokens"]);

/** The base name of a table's component schemas (<name>, <name>Create, <name>Replace, <name>Patch). */
export function componentName(info: TableInfo): string {
  const M = info.model;
  return [M, `${M}Create`, `${M}Replace`, `${M}Patch`].some((n) => DOCUMENT_SCHEMAS.has(n)) ? `${M}Row` : M;
}

function stripTitle(s: Record<string, unknown>): Record<string, unknown> {
  const { title: _t, ...rest } = s;
  return rest;
}

/** The key column of a nested route's parent (what its path parameter holds). */
function parentKeyColumn(ir: IR, info: TableInfo, parent: NonNullable<Endpoint["parent"]>): Column {
  const pt = tableByName(ir, parent.table);
  const ref = columnByName(info.table, parent.column).references;
  return columnByName(pt, ref?.column ?? pt.primaryKey);
}

/**
 * The `{user_id}` path parameter: exactly what the app accepts there. The path must equal the
 * token's user id (runtime/auth.ts assertSelf), and a token whose user id does not fit the users
 * table's key is refused (withSubjectFormat, its SUBJECT_FORMATS): a positive integer of at most
 * 9 digits for an integer key, of at most 18 digits for a bigint one (as text, like every bigint
 * of the API: JSON numbers lose precision past 2^53), a hyphenated uuid for a uuid key.
 * tests/unit/user-id-param.test.ts holds this to the runtime's check.
 */
export function userIdSchema(ir: IR): Record<string, unknown> {
  switch (userIdKind(ir)) {
    case "integer":
      return { type: "integer", minimum: 1, maximum: 999_999_999 };
    case "bigint":
      return { type: "string", pattern: "^[1-9][0-9]{0,17}$" };
    case "uuid":
      return { type: "string", format: "uuid", pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" };
    case null:
      return { type: "string" };
  }
}

/** Whether some column refers to `table` with a reference that keeps a referenced row from being deleted. */
function isRestrictedTarget(ir: IR, table: string): boolean {
  return ir.tables.some((t) => t.columns.some((c) => c.references?.table === table && (c.references.onDelete === "restrict" || c.references.onDelete === "no action")));
}

function operation(ir: IR, info: TableInfo, e: Endpoint): Record<string, unknown> {
  const M = componentName(info);
  const params: unknown[] = [];
  const keySchema = (c: Column) => stripTitle(columnSchema({ ...c, nullable: false, description: undefined } as never, "out"));
  for (const m of e.path.matchAll(/\{([^}]+)\}/g)) {
    const name = m[1]!;
    const parentKey = e.parent && name === e.parent.param ? parentKeyColumn(ir, info, e.parent) : null;
    // "GET /tasks/status/{status}": the parameter is a value of the column it is compared with.
    const conds = e.action.kind === "count" ? e.action.where : (e.list?.fixed ?? []);
    const compared = conds.find((c) => "param" in c && c.param === name);
    const comparedCol = compared ? info.table.columns.find((c) => c.name === compared.column) : undefined;
    const idCol = name === e.idParam && e.idColumn ? info.table.columns.find((c) => c.name === e.idColumn) : undefined;
    const schema = idCol ? keySchema(idCol) : name === e.idParam ? keySchema(info.pk) : parentKey ? keySchema(parentKey) : name === e.userParam ? userIdSchema(ir) : comparedCol ? keySchema(comparedCol) : { type: "string" };
    // The other user of a link between users (/users/{userId}/follow): any user, not looked up (runtime ParentSql.open).
    const anyUser = !!parentKey && !!e.parent && ir.tables.some((x) => x.identity && x.name === e.parent!.table) && otherUserColumn(info.table, info.table.owner, e.parent.table) !== null && (e.parent.column !== info.table.owner || !!info.table.readers?.length);
    const description = name === e.userParam ? "Must be the authenticated user's id." : anyUser ? `The key of a ${singularName(e.parent!.table)}: any user, not only the caller (a link to one that does not exist is refused with 422; a list shows the caller only the rows they made or that name them).` : idCol ? `The ${idCol.name} of the ${singularName(info.table.name)} (with the path's other key, it names one row; one the caller cannot see: 404).` : parentKey ? `The key of the ${singularName(e.parent!.table)} (one the caller cannot see: 404).` : undefined;
    params.push({ name, in: "path", required: true, schema, ...(description ? { description } : {}) });
  }
  if (e.action.kind === "list" && e.list) params.push(...listParameters(info, e.list));
  if (e.action.kind === "count" && e.action.filters) {
    for (const f of e.action.filters) {
      const c = info.table.columns.find((x) => x.name === f.column)!;
      params.push({ name: f.param, in: "query", required: false, schema: keySchema(c), description: `Count only the rows whose ${f.column} is this value.` });
    }
  }
  const responses: Record<string, unknown> = {};
  const ok = String(e.successStatus);
  const a = e.action.kind;
  if (a === "list") {
    const items = { type: "array", items: ref(M) };
    const env = e.list?.envelope;
    const schema = env ? envelopeSchema(env, items) : items;
    responses[ok] = {
      description: `The caller's ${info.table.name}`,
      headers: {
        "X-Total-Count": { description: "Rows matching the filters: sent when asked for with `Prefer: count=exact` (or `planned`, an estimate), never with cursor paging", schema: { type: "integer" } },
        "Preference-Applied": { description: "The count preference that was applied (`count=exact` or `count=planned`)", schema: { type: "string" } },
        "X-Next-Cursor": { description: "Cursor of the next page, when there is one", schema: { type: "string" } },
      },
      content: { "application/json": { schema } },
    };
  } else if (a === "delete" && e.successStatus !== 204) {
    responses[ok] = { description: `The deleted ${info.singular}`, content: { "application/json": { schema: ref(M) } } };
  } else if (a === "delete" || a === "relation-add" || a === "relation-remove") responses[ok] = { description: "Done" };
  else if (a === "stub") responses["501"] = problemRef;
  else if (e.action.kind === "count") {
    const act = e.action;
    const n = { type: "integer", minimum: 0 };
    const groupSchema = (g: string) => {
      const c = info.table.columns.find((x) => x.name === g)!;
      const values = c.type.kind === "enum" ? [...c.type.values] : c.type.kind === "boolean" ? ["true", "false"] : [];
      // Every value is a key (0 when no row holds it); "null" counts the rows with none, when the column may be empty.
      return { type: "object", description: `How many of the rows hold each value of ${g}${c.nullable ? ' ("null": none)' : ""}`, properties: Object.fromEntries([...values, ...(c.nullable ? ["null"] : [])].map((v) => [v, n])), required: values };
    };
    const schema = act.summary
      ? { type: "object", properties: { total: n, ...Object.fromEntries(act.groups.map((g) => [g, groupSchema(g)])) }, required: ["total", ...act.groups] }
      : { type: "object", properties: { count: n }, required: ["count"] };
    responses[ok] = { description: `The caller's ${info.table.name}${act.where.length ? ` where ${describeConditions(act.where)}` : ""}, counted`, content: { "application/json": { schema } } };
  } else if (e.action.kind === "delete-many" || e.action.kind === "update-many") {
    const word = e.action.kind === "delete-many" ? "deleted" : "updated";
    responses[ok] = e.successStatus === 204 ? { description: "Done" } : { description: `How many of the caller's ${info.table.name} were ${word} (another user's keys match nothing)`, content: { "application/json": { schema: { type: "object", properties: { [word]: { type: "integer", minimum: 0 } }, required: [word] } } } };
  }
  else if (e.action.kind === "reorder") responses[ok] = { description: `How many of the caller's ${info.table.name} took their new ${e.action.column} (another user's keys match nothing)`, content: { "application/json": { schema: { type: "object", properties: { updated: { type: "integer", minimum: 0 } }, required: ["updated"] } } } };
  else if (a === "export") responses[ok] = {
    description: `Every one of the caller's ${info.table.name} (a file to download)`,
    headers: { "Content-Disposition": { description: "attachment, with a file name", schema: { type: "string" } } },
    content: { "text/csv": { schema: { type: "string" } }, "application/json": { schema: { type: "array", items: ref(M) } } },
  };
  else if (a === "create-many") responses[ok] = { description: `The new ${info.table.name}, in the order of the items`, content: { "application/json": { schema: { type: "object", properties: { created: { type: "array", items: ref(M) } }, required: ["created"] } } } };
  else if (a === "update-each") responses[ok] = { description: `The changed ${info.table.name}, in the order of the items`, content: { "application/json": { schema: { type: "object", properties: { updated: { type: "array", items: ref(M) } }, required: ["updated"] } } } };
  else if (a === "copy") responses[ok] = { description: "The copy", headers: { Location: { description: "URL of the new row", schema: { type: "string" } } }, content: { "application/json": { schema: ref(M) } } };
  else if (a === "relation-list") responses[ok] = { description: "Related rows", content: { "application/json": { schema: { type: "array", items: { type: "object" } } } } };
  else if (a === "create")
    responses[ok] = {
      description: "Created",
      headers: { Location: { description: "URL of the new row", schema: { type: "string" } } },
      content: { "application/json": { schema: ref(M) } },
    };
  else responses[ok] = { description: `The ${info.singular}`, content: { "application/json": { schema: ref(M) } } };
  const hasBody = a === "create" || a === "replace" || a === "update" || a === "own-put";
  const manyBody = a === "create-many" || a === "update-each" || a === "reorder";
  if (hasBody) responses["400"] = problemRef;
  if (e.auth === "required") responses["401"] = problemRef;
  // Rows of the caller's organization (runtime/tenant.ts): a token naming none is refused.
  const tenantRows = a !== "stub" && !e.self && (tenantRoot(ir, info.table) !== null || (!!e.parent && tenantRoot(ir, tableByName(ir, e.parent.table)) !== null));
  if (e.userParam || tenantRows) responses["403"] = problemRef;
  // A row (or a nested route's parent, or the caller's own row) that is missing or another user's.
  if (e.idParam || (e.parent && a !== "stub") || (e.self && a !== "create" && a !== "stub") || a === "own-get" || a === "update-each") responses["404"] = problemRef;
  if (manyBody) for (const code of ["400", "413", "415", "422"]) responses[code] = problemRef;
  if (a === "create-many" || a === "update-each") responses["409"] = problemRef;
  if (a === "export") responses["422"] = problemRef;
  if (hasBody) {
    responses["409"] = problemRef;
    responses["413"] = problemRef;
    responses["415"] = problemRef;
  }
  if (hasBody || a === "list" || (e.action.kind === "count" && e.action.filters)) responses["422"] = problemRef;
  // A path value compared with a column (DELETE /posts/{id}/like, GET /tasks/count/status/{status}) that does not fit it: 422.
  const act = e.action;
  if ((act.kind === "count" || act.kind === "delete-many" || act.kind === "update-many") && act.where.some((c) => "param" in c)) responses["422"] = problemRef;
  // A row other rows still refer to (ON DELETE RESTRICT / NO ACTION) cannot be deleted: 409.
  if (a === "delete" && isRestrictedTarget(ir, info.table.name)) responses["409"] = problemRef;
  responses["429"] = problemRef; // the per-IP and per-user rate limits (runtime/rate-limit.ts), on by default
  responses["503"] = problemRef;
  const op: Record<string, unknown> = {
    operationId: operationId(info, e),
    summary: (e.summary ?? "").split("\n")[0] || `${a} ${info.singular}`,
    tags: [info.table.name],
  };
  if (params.length) op.parameters = params;
  if (tenantRows) op.description = `Rows of the caller's organization: the one the token's tenant claim names (JWT_TENANT_CLAIM; by default the tenant column's name, org_id, activeOrganizationId, tenant_id...). A token without it is refused with 403.`;
  if (hasBody) {
    const put = e.action.kind === "own-put" ? (e.action.merge ? "update" : "replace") : a;
    const schema = put === "create" ? `${M}Create` : put === "replace" ? `${M}Replace` : `${M}Patch`;
    // A field the path gives (the parent's key, the caller's own id) may be left out of the body.
    const fromPath = [
      ...(e.parent && info.writable.some((c) => c.name === e.parent!.column) ? [e.parent.column] : []),
      ...(e.self && info.writable.includes(info.pk) ? [info.pk.name] : []),
    ];
    const base = stripTitle(a === "create" ? bodySchemas(info).create : bodySchemas(info).replace);
    const required = ((base.required as string[] | undefined) ?? []).filter((n) => !fromPath.includes(n));
    const inline = a !== "update" && fromPath.some((n) => ((base.required as string[] | undefined) ?? []).includes(n));
    const { required: _r, ...rest } = base;
    const only = e.action.kind === "update" ? e.action.fields : undefined;
    const props = (rest as { properties?: Record<string, unknown> }).properties ?? {};
    // A route that changes one column named by its path: that column's schema only.
    const narrowed = only ? { type: "object", properties: Object.fromEntries(only.filter((f) => f in props).map((f) => [f, props[f]])), additionalProperties: false, minProperties: 1 } : null;
    op.requestBody = { required: true, content: { "application/json": { schema: narrowed ?? (inline ? { ...rest, ...(required.length ? { required } : {}) } : ref(schema)) } } };
  }
  if (e.action.kind === "relation-add" && e.action.targetField) {
    const f = e.action.targetField;
    const relation = e.action.relation;
    const target = ir.tables.find((t) => t.name === (ir.relations ?? []).find((r) => r.source === info.table.name && r.name === relation)?.target);
    const key = target?.columns.find((c) => c.name === target.primaryKey);
    const keyType = key && (key.type.kind === "integer" || key.type.kind === "bigint") ? "integer" : "string";
    op.requestBody = { required: true, content: { "application/json": { schema: { type: "object", required: [f], properties: { [f]: { type: keyType } } } } } };
    // A body that is not JSON (400), too large (413), of another type (415), or without the key (422).
    for (const code of ["400", "413", "415", "422"]) responses[code] = problemRef;
  }
  if ((e.action.kind === "delete-many" || e.action.kind === "update-many") && e.action.idsField) {
    const f = e.action.idsField;
    op.requestBody = { required: true, content: { "application/json": { schema: { type: "object", required: [f], additionalProperties: false, properties: { [f]: { type: "array", minItems: 1, maxItems: 1000, items: keySchema(info.pk), description: `Keys of the caller's ${info.table.name}; another user's keys match nothing` } } } } } };
    for (const code of ["400", "413", "415", "422"]) responses[code] = problemRef;
  }
  if (e.action.kind === "create-many" || e.action.kind === "update-each") {
    // (The body may also be { "items": [...] }; the document states the array form.)
    const patch = stripTitle(bodySchemas(info).replace) as { properties?: Record<string, unknown> };
    const item = e.action.kind === "create-many" ? ref(`${M}Create`) : { type: "object", required: [info.pk.name], additionalProperties: false, properties: { [info.pk.name]: keySchema(info.pk), ...(patch.properties ?? {}) } };
    op.requestBody = { required: true, content: { "application/json": { schema: { type: "array", minItems: 1, maxItems: e.action.max, items: item } } } };
    op.description = e.action.kind === "create-many"
      ? `Creates every item as the create route would, in one transaction: any item refused refuses them all. The body is the array, or { "items": [...] }. At most ${e.action.max} items (413).`
      : `Changes each of the caller's rows an item names by ${info.pk.name}, in one transaction: a missing or another user's row (404), or any item refused, refuses them all. The body is the array, or { "items": [...] }. At most ${e.action.max} items (413).`;
  }
  if (e.action.kind === "reorder") {
    op.requestBody = { required: true, content: { "application/json": { schema: { type: "array", minItems: 1, maxItems: 1000, items: keySchema(info.pk) } } } };
    op.description = `The keys of the caller's ${info.table.name} in their new order: each takes its index as ${e.action.column}. Also taken: { "ids": [...] }, or [{ "${info.pk.name}": key, "${e.action.column}": n }]. Another user's keys match nothing.`;
  }
  if (e.action.kind === "export") op.parameters = [...params, { name: "format", in: "query", required: false, schema: { type: "string", enum: ["csv", "json"], default: e.action.format } }];
  if (e.action.kind === "own-get") op.description = `The caller's own ${info.singular} (one per user): 404 until it is written (PUT or PATCH inserts it).`;
  if (e.action.kind === "own-put") op.description = `Writes the caller's own ${info.singular} (one per user), inserting it when there is none.`;
  if (e.action.kind === "list" && e.list?.fixed?.length) op.description = `Only the caller's ${info.table.name} where ${describeConditions(e.list.fixed)}.`;
  op.responses = responses;
  if (e.auth === "public") op.security = [];
  return op;
}

/** The parts of a list envelope (runtime/list.ts ListEnvelope): keys or dotted paths. */
interface EnvelopeParts {
  readonly items: string;
  readonly total: string | null;
  readonly limit?: string | null;
  readonly offset?: string | null;
  readonly page?: string | null;
  readonly pages?: string | null;
}

/**
 * The schema of a list envelope: each part at its key or dotted path (`meta.total` is
 * `{ meta: { total } }`), as runtime/list.ts envelopeBody writes it.
 */
export function envelopeSchema(env: EnvelopeParts, items: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = { type: "object", properties: {}, required: [] };
  const put = (path: string, schema: Record<string, unknown>, required: boolean) => {
    const keys = path.split(".");
    let at = root;
    for (const [i, k] of keys.entries()) {
      const props = at.properties as Record<string, Record<string, unknown>>;
      if (required && !(at.required as string[]).includes(k)) (at.required as string[]).push(k);
      if (i === keys.length - 1) props[k] = schema;
      else at = props[k] ??= { type: "object", properties: {}, required: [] };
    }
  };
  put(env.items, items, true);
  if (env.total) put(env.total, { type: ["integer", "null"] }, false);
  if (env.limit) put(env.limit, { type: "integer" }, false);
  if (env.offset) put(env.offset, { type: ["integer", "null"] }, false);
  if (env.page) put(env.page, { type: ["integer", "null"] }, false);
  if (env.pages) put(env.pages, { type: ["integer", "null"] }, false);
  put("next_cursor", { type: "string" }, false);
  // An object without required members says so by leaving the keyword out.
  const tidy = (o: Record<string, unknown>): Record<string, unknown> => {
    const props = Object.fromEntries(Object.entries(o.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, v.properties ? tidy(v) : v]));
    const { required, ...rest } = o;
    return { ...rest, properties: props, ...((required as string[]).length ? { required } : {}) };
  };
  return tidy(root);
}

function operationId(info: TableInfo, e: Endpoint): string {
  const a = e.action;
  const M = info.model;
  switch (a.kind) {
    case "list":
      // "GET /tasks/completed": a list of its own, named by its last word.
      return `list${pascalCase(info.table.name)}${e.list?.fixed?.length ? pascalCase(words(e.path.split("/").pop()!).join("_")) : ""}`;
    case "create":
      return `create${M}`;
    case "get":
      return `get${M}`;
    case "replace":
      return `replace${M}`;
    case "update":
      return `update${M}${(a.fields ?? []).map((f) => f.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())).join("")}`;
    case "delete":
      return `delete${M}`;
    case "toggle":
      return `toggle${M}${a.field.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())}`;
    case "set":
      return `set${M}${a.field.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())}`;
    default:
      return restOperationId(info, e);
  }
}

/**
 * Rows of an owned table carry their many-to-many relations (runtime/relations.ts embeds them:
 * tasks get `tags`, tags get `tasks`), each an array of the related plain rows. Optional,
 * because the nested relation routes (GET /tasks/{id}/tags) answer plain rows.
 */
function withEmbeddedRelations(ir: IR, table: string | null, row: Record<string, unknown>): Record<string, unknown> {
  const rels = table ? (ir.relations ?? []).filter((r) => r.source === table) : [];
  if (rels.length === 0) return row;
  const properties = { ...(row.properties as Record<string, unknown>) };
  for (const r of rels) {
    const target = stripTitle(bodySchemas(tableInfo(ir, tableByName(ir, r.target))).answer);
    properties[r.name] = { type: "array", description: `Embedded ${r.name} (through ${r.join})`, items: target };
  }
  return { ...row, properties };
}

/** A custom route's operation (src/routes/<stem>.ts), from its declaration. */
function customOperation(ir: IR, r: CustomRouteDecl): Record<string, unknown> {
  const params = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) =>
    m[1] === "user_id"
      ? { name: "user_id", in: "path", required: true, schema: userIdSchema(ir), description: "Must be the authenticated user's id." }
      : { name: m[1]!, in: "path", required: true, schema: { type: "string" } },
  );
  const problemRef = { $ref: "#/components/responses/Problem" };
  const responses: Record<string, unknown> = {};
  responses[String(r.response.status)] = r.response.schema
    ? { description: r.summary, content: { "application/json": { schema: r.response.schema } } }
    : { description: r.summary };
  if (r.request) responses["400"] = problemRef;
  responses["401"] = problemRef;
  if (params.some((p) => p.name === "user_id")) responses["403"] = problemRef;
  if (params.some((p) => p.name !== "user_id")) responses["404"] = problemRef;
  if (r.request) {
    responses["413"] = problemRef;
    responses["415"] = problemRef;
    responses["422"] = problemRef;
  }
  responses["429"] = problemRef;
  responses["503"] = problemRef;
  const op: Record<string, unknown> = { operationId: camelCase(r.stem.replace(/[^A-Za-z0-9]+/g, "_")), summary: r.summary };
  if (r.description) op.description = r.description;
  op.tags = ["custom"];
  if (params.length) op.parameters = params;
  if (r.request) op.requestBody = { required: true, content: { "application/json": { schema: r.request } } };
  op.responses = responses;
  return op;
}

export function buildOpenApi(ir: IR, custom: readonly CustomRouteDecl[] = []): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const t of ir.tables) {
    if (!ir.endpoints.some((e) => e.table === t.name)) continue;
    const info = tableInfo(ir, t);
    const s = bodySchemas(info);
    const M = componentName(info);
    schemas[M] = withEmbeddedRelations(ir, t.owner ? t.name : null, stripTitle(s.answer));
    schemas[`${M}Create`] = stripTitle(s.create);
    schemas[`${M}Replace`] = stripTitle(s.replace);
    schemas[`${M}Patch`] = stripTitle(s.patch);
  }
  schemas.Problem = {
    type: "object",
    description: "RFC 9457 problem details",
    properties: {
      type: { type: "string" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      errors: {
        type: "array",
        description: "The fields that are wrong, at most 20 of them",
        items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } }, required: ["field", "message"] },
      },
      errorsNotListed: { type: "integer", minimum: 1, description: "How many more fields were wrong than `errors` lists" },
    },
    required: ["type", "title", "status", "detail"],
  };
  const usedIds = new Set<string>();
  for (const e of ir.endpoints) {
    const t = ir.tables.find((x) => x.name === e.table)!;
    const info = tableInfo(ir, t);
    paths[e.path] ??= {};
    const op = operation(ir, info, e);
    // Two endpoints with the same action on one table (e.g. /complete and /toggle) need distinct ids.
    let id = op.operationId as string;
    for (let n = 2; usedIds.has(id); n++) id = `${op.operationId as string}${n}`;
    usedIds.add(id);
    op.operationId = id;
    paths[e.path]![e.method] = op;
  }
  // Endpoints of the spec that name no table: the token is checked, then 501 until a custom route implements them.
  for (const u of ir.unmapped ?? []) {
    paths[u.path] ??= {};
    if (u.health) {
      // A health check the spec writes: public, answered as /healthz or /readyz.
      const ready = u.health === "ready";
      let hid = camelCase(`health_${u.path.replace(/[^A-Za-z0-9]+/g, "_")}`);
      for (let n = 2; usedIds.has(hid); n++) hid = `${camelCase(`health_${u.path.replace(/[^A-Za-z0-9]+/g, "_")}`)}${n}`;
      usedIds.add(hid);
      paths[u.path]!.get = {
        operationId: hid,
        summary: u.summary || (ready ? "Readiness: the database answers" : "Liveness"),
        description: `A health check, answered as ${ready ? "/readyz" : "/healthz"} is (public).`,
        security: [],
        responses: {
          "200": { description: ready ? "Ready" : "Alive", content: { "application/json": { schema: { type: "object", properties: { status: { const: ready ? "ready" : "ok" } } } } } },
          "429": problemRef,
          ...(ready ? { "503": problemRef } : {}),
        },
      };
      continue;
    }
    const op: Record<string, unknown> = {
      operationId: camelCase(`unmapped_${u.method}_${u.path.replace(/[^A-Za-z0-9]+/g, "_")}`),
      summary: u.summary || `${u.method.toUpperCase()} ${u.path}`,
      description: `Not generated: ${u.reason}. Implement it as a custom route in src/routes/ with the same method and path.`,
      tags: ["unmapped"],
    };
    const params = [...u.path.matchAll(/\{([^}]+)\}/g)].map((m) =>
      m[1] === u.userParam ? { name: m[1]!, in: "path", required: true, schema: userIdSchema(ir), description: "Must be the authenticated user's id." } : { name: m[1]!, in: "path", required: true, schema: { type: "string" } });
    if (params.length) op.parameters = params;
    op.responses = { "501": problemRef, ...(u.auth === "required" ? { "401": problemRef } : {}), ...(u.userParam ? { "403": problemRef } : {}), "429": problemRef, "503": problemRef };
    if (u.auth === "public") op.security = [];
    let id = op.operationId as string;
    for (let n = 2; usedIds.has(id); n++) id = `${op.operationId as string}${n}`;
    usedIds.add(id);
    op.operationId = id;
    paths[u.path]![u.method] = op;
  }
  for (const r of custom) {
    paths[r.path] ??= {};
    // customRouteConflicts reports these before anything is emitted.
    if (paths[r.path]![r.method]) throw new CustomRouteConflict(`${r.file}: ${r.method.toUpperCase()} ${r.path} is a generated route already`);
    const op = customOperation(ir, r);
    let id = op.operationId as string;
    for (let n = 2; usedIds.has(id); n++) id = `${op.operationId as string}${n}`;
    usedIds.add(id);
    op.operationId = id;
    paths[r.path]![r.method] = op;
  }
  const builtin = builtinAuthOpenApi(ir);
  if (builtin) {
    Object.assign(paths, builtin.paths);
    Object.assign(schemas, builtin.schemas);
  }
  paths["/healthz"] = {
    get: {
      operationId: "health",
      summary: "Process liveness",
      security: [],
      responses: {
        "200": { description: "Alive", content: { "application/json": { schema: { type: "object", properties: { status: { const: "ok" } } } } } },
        "429": { $ref: "#/components/responses/Problem" },
      },
    },
  };
  paths["/readyz"] = {
    get: {
      operationId: "ready",
      summary: "Readiness: the database answers (503 while it does not, or while shutting down)",
      security: [],
      responses: {
        "200": { description: "Ready", content: { "application/json": { schema: { type: "object", properties: { status: { const: "ready" } } } } } },
        "429": { $ref: "#/components/responses/Problem" },
        "503": { $ref: "#/components/responses/Problem" },
      },
    },
  };
  const sortedPaths: Record<string, unknown> = {};
  for (const p of Object.keys(paths).sort()) {
    const ops = paths[p]!;
    const order = ["get", "post", "put", "patch", "delete"];
    sortedPaths[p] = Object.fromEntries(order.filter((m) => ops[m]).map((m) => [m, ops[m]]));
  }
  return {
    "x-generated-by": `specforge from ${ir.sources.schema}${ir.sources.api ? ` and ${ir.sources.api}` : ""}`,
    openapi: "3.1.0",
    info: { title: "API", version: "1.0.0", description:
        "Generated by specforge. Every operation needs a bearer token (use **Authorize**) except the public ones: " +
        "/healthz, /readyz, this document (/openapi.json) and the docs page (/docs)" +
        (builtin ? `, and the sign-in operations (${Object.values(ir.auth.builtin!.paths).join(", ")}). ` : ". ") +
        "The schema as an [entity-relationship diagram](/docs/erd.svg) (also as [Mermaid](/docs/erd.md)).",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    paths: sortedPaths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: builtin
            ? `An access token from POST ${ir.auth.builtin!.paths.login} (or ${ir.auth.builtin!.paths.refresh}): an HS256 JWT signed by this API with JWT_SECRET, valid for 15 minutes by default; the user id is its \`sub\` claim.`
            : ir.auth.provider
            ? `A JWT issued by ${ir.auth.provider} (external auth service), verified with its published keys (JWT_JWKS_URL) or the shared secret (JWT_SECRET); the user id is its \`sub\` claim.`
            : "A JWT from the external auth service (e.g. Better Auth); the user id is its `sub` claim.",
        },
      },
      responses: {
        Problem: { description: "Problem details", content: { "application/problem+json": { schema: ref("Problem") } } },
      },
      schemas,
    },
  };
}

export class CustomRouteConflict extends Error {}

/**
 * SF602 for each custom route on the method and path of a route the generator writes (`ir`
 * without the stubs custom routes replace: emit/index.ts replaceStubs); emitting them would
 * put two handlers on one route.
 */
export function customRouteConflicts(ir: IR, custom: readonly CustomRouteDecl[]): Diagnostic[] {
  if (custom.length === 0) return [];
  const generated = buildOpenApi(ir).paths as Record<string, Record<string, unknown>>;
  return custom
    .filter((r) => generated[r.path]?.[r.method] !== undefined)
    .map((r) => ({
      severity: "error" as const,
      code: "SF602",
      message: `${r.method.toUpperCase()} ${r.path} is a generated route already`,
      span: { file: r.file, line: 1, column: 1 },
      hint: "a custom route may take the place of an endpoint the generator can only stub (501); give this one another method or path, or change the spec",
    }));
}

export function emitOpenApi(ir: IR, custom: readonly CustomRouteDecl[] = []): FileMap {
  return new Map([["openapi.json", json(buildOpenApi(ir, custom))]]);
}
