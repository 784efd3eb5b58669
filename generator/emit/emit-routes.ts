// Koa routers, one module per table with endpoints. Every route verifies the
// token, every query on an owned table is scoped to the caller, and a row of
// another user answers 404 exactly like a missing one.
import type { Endpoint, IR } from "../ir/types.js";
import { tableInfo, type TableInfo } from "./table-info.js";
import { str, tsHeader, type FileMap } from "./common.js";
import { camelCase, singularName } from "../ir/naming.js";

/** OpenAPI path -> Koa router path: /api/{user_id}/tasks/{id} -> /api/:user_id/tasks/:id */
export function routerPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ":$1");
}

export function routesFunctionName(info: TableInfo): string {
  return camelCase(`${info.table.name}_routes`);
}

function idParser(info: TableInfo): string {
  const k = info.pk.type.kind;
  if (k === "integer") return "intId";
  if (k === "bigint") return "bigintId";
  if (k === "uuid") return "uuidId";
  return "textId";
}

function ownerIsNumber(info: TableInfo): boolean {
  const owner = info.table.columns.find((c) => c.name === info.table.owner);
  return owner?.type.kind === "integer";
}

function orderBy(info: TableInfo): string {
  const created = info.table.columns.find((c) => c.role === "created_at");
  const parts = created ? [`{ column: ${str(created.name)}, order: "desc" }`] : [];
  parts.push(`{ column: ${str(info.pk.name)}, order: "desc" }`);
  return `[${parts.join(", ")}]`;
}

function emitHandler(info: TableInfo, e: Endpoint): string[] {
  const t = info.table;
  const M = info.model;
  const owner = t.owner;
  const L: string[] = [];
  const method = e.method === "delete" ? "delete" : e.method;
  const mw = e.auth === "required" ? "auth, " : "";
  L.push(`  // ${e.method.toUpperCase()} ${e.path} (${e.span.file}:${e.span.line})${e.summary ? `: ${e.summary.split("\n")[0]!.slice(0, 100)}` : ""}`);
  L.push(`  router.${method}(${str(routerPath(e.path))}, ${mw}withHooks(hooks, ${str(e.action.kind)}, knex, async (ctx) => {`);
  if (owner) {
    const who = e.userParam ? `assertSelf(ctx, ctx.params[${str(e.userParam)}])` : `caller(ctx).id`;
    // An integer owner column gets a number (the verifier has checked the id's format).
    L.push(`    const userId = ${ownerIsNumber(info) ? `Number(${who})` : who};`);
  }
  const scope = (idExpr: string) =>
    owner ? `{ ${str(info.pk.name)}: ${idExpr}, ${str(owner)}: userId }` : `{ ${str(info.pk.name)}: ${idExpr} }`;
  if (e.idParam) L.push(`    const id = ${idParser(info)}(ctx.params[${str(e.idParam)}], ${str(info.singular)});`);
  const what = str(info.singular);
  const a = e.action;
  switch (a.kind) {
    case "list": {
      L.push(`    const { limit, offset } = page(ctx.query);`);
      L.push(`    const q = ${M}.query(knex)${owner ? `.where(${str(owner)}, userId)` : ""};`);
      L.push(`    ctx.body = await q.orderBy(${orderBy(info)}).limit(limit).offset(offset);`);
      break;
    }
    case "get": {
      L.push(`    const row = await ${M}.query(knex).where(${scope("id")}).first();`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "create": {
      L.push(`    const input = validateCreate(await readObject(ctx, ${info.schemaVar}ReadOnlyFields));`);
      L.push(`    const row = await knex.transaction(async (trx) => {`);
      if (owner) L.push(`      await ensureUser(trx, caller(ctx));`);
      if (info.ownedRefs.length) L.push(`      await checkReferences(trx, userId, input);`);
      L.push(`      return ${M}.query(trx).insert(${owner ? `{ ...input, ${str(owner)}: userId }` : "input"}).returning("*");`);
      L.push(`    });`);
      L.push(`    ctx.status = ${e.successStatus};`);
      if (!info.table.keyColumns) L.push(`    ctx.set("Location", \`\${ctx.path.replace(/\\/$/, "")}/\${encodeURIComponent(String(row.${info.pk.name}))}\`);`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "replace":
    case "update": {
      const replace = a.kind === "replace";
      L.push(`    const input = ${replace ? "validateReplace" : "validatePatch"}(await readObject(ctx, ${info.schemaVar}ReadOnlyFields));`);
      if (info.ownedRefs.length) L.push(`    await checkReferences(knex, userId, input);`);
      const values = replace ? `withDefaults(input)` : `input`;
      L.push(`    const [row] = await ${M}.query(knex).patch(${values}).where(${scope("id")}).returning("*");`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "delete": {
      L.push(`    const deleted = await ${M}.query(knex).delete().where(${scope("id")});`);
      L.push(`    if (deleted === 0) throw notFound(${what});`);
      L.push(`    ctx.status = ${e.successStatus};`);
      break;
    }
    case "toggle": {
      L.push(`    const [row] = await ${M}.query(knex).patch({ ${str(a.field)}: raw("NOT ??", [${str(a.field)}]) }).where(${scope("id")}).returning("*");`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "set": {
      L.push(`    const [row] = await ${M}.query(knex).patch({ ${str(a.field)}: ${JSON.stringify(a.value)} }).where(${scope("id")}).returning("*");`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
  }
  if (e.successStatus !== 201 && e.successStatus !== 200 && e.successStatus !== 204 && a.kind !== "delete") {
    L.push(`    ctx.status = ${e.successStatus};`);
  }
  L.push(`  }));`);
  return L;
}

function emitRoutesModule(ir: IR, info: TableInfo, endpoints: readonly Endpoint[]): string {
  const kinds = new Set(endpoints.map((e) => e.action.kind));
  const needs = (...k: string[]) => k.some((x) => kinds.has(x as never));
  const v = info.schemaVar;
  const M = info.model;
  const owner = info.table.owner;
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import type Router from "@koa/router";`);
  if (needs("create", "replace", "update") && info.ownedRefs.length) L.push(`import type { Knex } from "knex";`);
  if (needs("toggle")) L.push(`import { raw } from "objection";`);
  const errs = ["notFound", ...(info.ownedRefs.length && needs("create", "replace", "update") ? ["HttpProblem"] : [])];
  L.push(`import { ${errs.join(", ")} } from "../runtime/errors.js";`);
  const authImports = [
    ...(owner && endpoints.some((e) => e.userParam) ? ["assertSelf"] : []),
    ...(owner && (endpoints.some((e) => !e.userParam) || needs("create")) ? ["caller"] : []),
  ];
  if (authImports.length) L.push(`import { ${authImports.join(", ")} } from "../runtime/auth.js";`);
  if (needs("create", "replace", "update")) L.push(`import { readObject } from "../runtime/body.js";`);
  if (needs("create", "replace", "update")) L.push(`import { compile } from "../runtime/validate.js";`);
  const paramImports = [...(endpoints.some((e) => e.idParam) ? [idParser(info)] : []), ...(needs("list") ? ["page"] : [])];
  if (paramImports.length) L.push(`import { ${paramImports.join(", ")} } from "../runtime/params.js";`);
  L.push(`import type { RouteDeps } from "../runtime/deps.js";`);
  L.push(`import { withHooks } from "../runtime/hooks.js";`);
  L.push(`import { ${M} } from "../models/${info.stem}.js";`);
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

  if (needs("replace")) {
    // PUT replaces the whole row: a writable field left out goes back to its default (or null).
    L.push(`/** PUT semantics: every writable field left out goes back to its default, or to null. */`);
    L.push(`function withDefaults(input: ${M}Create): PartialModelObject<${M}> {`);
    L.push(`  return {`);
    for (const c of info.writable) {
      const fallback = c.default ? `raw("DEFAULT")` : c.nullable ? `null` : undefined;
      if (fallback === undefined) L.push(`    ${str(c.name)}: input[${str(c.name)}],`);
      else L.push(`    ${str(c.name)}: input[${str(c.name)}] ?? ${fallback},`);
    }
    L.push(`  };`);
    L.push(`}`);
    L.push(``);
    L.splice(L.findIndex((l) => l.startsWith("import type Router")) + 1, 0, `import type { PartialModelObject } from "objection";`);
    if (!needs("toggle")) L.splice(L.findIndex((l) => l.startsWith("import type Router")) + 1, 0, `import { raw } from "objection";`);
  }

  if (info.ownedRefs.length && needs("create", "replace", "update")) {
    L.push(`/** A row this one points at must belong to the same user; another user's row is reported like a missing one. */`);
    L.push(`async function checkReferences(db: Knex | Knex.Transaction, userId: ${ownerIsNumber(info) ? "number" : "string"}, input: Partial<${M}Create>): Promise<void> {`);
    for (const r of info.ownedRefs) {
      const col = r.column.name;
      L.push(`  const ${camelCase(col)} = input[${str(col)}];`);
      L.push(`  if (${camelCase(col)} !== undefined && ${camelCase(col)} !== null) {`);
      L.push(`    const found = await db(${str(r.target.name)}).where({ ${str(r.targetPk)}: ${camelCase(col)}, ${str(r.targetOwner)}: userId }).first(${str(r.targetPk)});`);
      L.push(`    if (!found) throw new HttpProblem(422, ${str(`${col}: no such ${singularName(r.target.name)}`)}, { errors: [{ field: ${str(col)}, message: "does not exist" }] });`);
      L.push(`  }`);
    }
    L.push(`}`);
    L.push(``);
  }

  L.push(`export function ${routesFunctionName(info)}(router: Router, deps: RouteDeps): void {`);
  const depNames = ["knex", "auth", ...(needs("create") && owner ? ["ensureUser"] : [])];
  L.push(`  const { ${depNames.join(", ")} } = deps;`);
  L.push(`  const hooks = deps.hooks?.[${str(info.table.name)}];`);
  for (const e of endpoints) {
    L.push(...emitHandler(info, e));
  }
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
