// Koa routers, one module per table with endpoints. Every route verifies the
// token, every query on an owned table is scoped to the caller, and a row of
// another user answers 404 exactly like a missing one.
import type { Column, Endpoint, IR } from "../ir/types.js";
import { tableByName, tableInfo, type TableInfo } from "./table-info.js";
import { listSpecVar, relationVar, relationsOfTable, runtimeListSpec, runtimeRelation } from "./route-specs.js";
import { literal, str, tsHeader, type FileMap } from "./common.js";
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

const HOOKED_ACTIONS = new Set(["list", "create", "get", "replace", "update", "delete", "toggle", "set"]);

function ownerIsNumber(info: TableInfo): boolean {
  const owner = info.table.columns.find((c) => c.name === info.table.owner);
  return owner?.type.kind === "integer";
}

function idParserFor(c: Column): string {
  const k = c.type.kind;
  if (k === "integer") return "intId";
  if (k === "bigint") return "bigintId";
  if (k === "uuid") return "uuidId";
  return "textId";
}

function emitHandler(ir: IR, info: TableInfo, e: Endpoint): string[] {
  const t = info.table;
  const M = info.model;
  const owner = t.owner;
  const L: string[] = [];
  const method = e.method === "delete" ? "delete" : e.method;
  const mw = e.auth === "required" ? "auth, " : "";
  const rels = relationsOfTable(ir, t.name);
  L.push(`  // ${e.method.toUpperCase()} ${e.path} (${e.span.file}:${e.span.line})${e.summary ? `: ${e.summary.split("\n")[0]!.slice(0, 100)}` : ""}`);
  // The row actions run the resource's hand-written hooks (src/hooks); relation routes and stubs do not.
  const hooked = HOOKED_ACTIONS.has(e.action.kind);
  L.push(`  router.${method}(${str(routerPath(e.path))}, ${mw}${hooked ? `withHooks(hooks, ${str(e.action.kind)}, knex, ` : ""}async (ctx) => {`);
  if (owner) {
    const who = e.userParam ? `assertSelf(ctx, ctx.params[${str(e.userParam)}])` : `caller(ctx).id`;
    // An integer owner column gets a number (the verifier has checked the id's format).
    L.push(`    const userId = ${ownerIsNumber(info) ? `Number(${who})` : who};`);
  }
  const scope = (idExpr: string) =>
    owner ? `{ ${str(info.pk.name)}: ${idExpr}, ${str(owner)}: userId }` : `{ ${str(info.pk.name)}: ${idExpr} }`;
  if (e.idParam) L.push(`    const id = ${idParser(info)}(ctx.params[${str(e.idParam)}], ${str(info.singular)});`);
  // Every query of the request runs on `db`: the caller's transaction (row-level security sees the caller).
  const run = owner ? `scope(userId, async (db) => {` : `knex.transaction(async (db) => {`;
  const embed = (expr: string) => (rels.length && owner ? `embed(db, userId, ${expr})` : expr);
  const what = str(info.singular);
  const a = e.action;
  switch (a.kind) {
    case "list": {
      const lv = listSpecVar(t);
      L.push(`    const req = parseListQuery(ctx.query, ${lv});`);
      L.push(`    const page = await ${run}`);
      L.push(`      const found = await listPage<${M}>(${M}.query(db)${owner ? `.where(${str(`${t.name}.${owner}`)}, userId)` : ""}, req, ${lv}, db);`);
      L.push(rels.length && owner ? `      return { ...found, rows: await embed(db, userId, found.rows) };` : `      return found;`);
      L.push(`    });`);
      L.push(`    sendList(ctx, page, ${lv});`);
      break;
    }
    case "get": {
      L.push(`    ctx.body = await ${run}`);
      L.push(`      const row = await ${M}.query(db).where(${scope("id")}).first();`);
      L.push(`      if (!row) throw notFound(${what});`);
      L.push(`      return ${rels.length && owner ? `(await embed(db, userId, [row]))[0]` : "row"};`);
      L.push(`    });`);
      break;
    }
    case "create": {
      L.push(`    const input = validateCreate(await readObject(ctx, ${info.schemaVar}ReadOnlyFields));`);
      L.push(`    const row = await ${run}`);
      if (owner) L.push(`      await ensureUser(db, caller(ctx));`);
      if (info.ownedRefs.length) L.push(`      await checkReferences(db, userId, input);`);
      L.push(`      const created = await ${M}.query(db).insert(${owner ? `{ ...input, ${str(owner)}: userId }` : "input"}).returning("*");`);
      L.push(`      return ${rels.length && owner ? `(await embed(db, userId, [created]))[0]!` : "created"};`);
      L.push(`    });`);
      L.push(`    ctx.status = ${e.successStatus};`);
      if (!info.table.keyColumns) L.push(`    ctx.set("Location", \`\${ctx.path.replace(/\\/$/, "")}/\${encodeURIComponent(String(row.${info.pk.name}))}\`);`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "replace":
    case "update":
    case "toggle":
    case "set": {
      let values: string;
      if (a.kind === "replace" || a.kind === "update") {
        L.push(`    const input = ${a.kind === "replace" ? "validateReplace" : "validatePatch"}(await readObject(ctx, ${info.schemaVar}ReadOnlyFields));`);
        values = a.kind === "replace" ? `withDefaults(input)` : `input`;
      } else if (a.kind === "toggle") values = `{ ${str(a.field)}: raw("NOT ??", [${str(a.field)}]) }`;
      else values = `{ ${str(a.field)}: ${JSON.stringify(a.value)} }`;
      L.push(`    ctx.body = await ${run}`);
      if ((a.kind === "replace" || a.kind === "update") && info.ownedRefs.length) L.push(`      await checkReferences(db, userId, input);`);
      L.push(`      const [row] = await ${M}.query(db).patch(${values}).where(${scope("id")}).returning("*");`);
      L.push(`      if (!row) throw notFound(${what});`);
      L.push(`      return ${rels.length && owner ? `(await embed(db, userId, [row]))[0]` : "row"};`);
      L.push(`    });`);
      break;
    }
    case "delete": {
      if (e.successStatus === 204) {
        L.push(`    const deleted = await ${run}`);
        L.push(`      return ${M}.query(db).delete().where(${scope("id")});`);
        L.push(`    });`);
        L.push(`    if (deleted === 0) throw notFound(${what});`);
        L.push(`    ctx.status = 204;`);
      } else {
        // The spec answers a delete with a body: the row as it was.
        L.push(`    const [row] = await ${run}`);
        L.push(`      return ${M}.query(db).delete().where(${scope("id")}).returning("*");`);
        L.push(`    });`);
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
    case "stub": {
      L.push(`    // Not generated: ${a.reason}. Implement it in a hook or change the spec.`);
      L.push(`    throw new HttpProblem(501, ${str(`${e.method.toUpperCase()} ${e.path} is not implemented yet`)});`);
      break;
    }
  }
  const setsOwn = a.kind === "delete" || a.kind === "create" || a.kind === "relation-add" || a.kind === "relation-remove" || a.kind === "stub";
  if (e.successStatus !== 200 && !setsOwn) L.push(`    ctx.status = ${e.successStatus};`);
  L.push(hooked ? `  }));` : `  });`);
  return L.map((l) => l.replace("userId!", "userId"));
}

function emitRoutesModule(ir: IR, info: TableInfo, endpoints: readonly Endpoint[]): string {
  const kinds = new Set(endpoints.map((e) => e.action.kind));
  const needs = (...k: string[]) => k.some((x) => kinds.has(x as never));
  const v = info.schemaVar;
  const M = info.model;
  const owner = info.table.owner;
  const rels = owner ? relationsOfTable(ir, info.table.name) : [];
  const rowActions = ["list", "get", "create", "replace", "update", "toggle", "set"];
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import type Router from "@koa/router";`);
  if ((needs("create", "replace", "update") && info.ownedRefs.length) || (rels.length && needs(...rowActions))) L.push(`import type { Knex } from "knex";`);
  if (needs("toggle")) L.push(`import { raw } from "objection";`);
  const errs = [
    ...(needs("get", "replace", "update", "toggle", "set", "delete") ? ["notFound"] : []),
    ...((info.ownedRefs.length && needs("create", "replace", "update")) || needs("stub") ? ["HttpProblem"] : []),
  ];
  if (errs.length) L.push(`import { ${errs.join(", ")} } from "../runtime/errors.js";`);
  const authImports = [
    ...(owner && endpoints.some((e) => e.userParam) ? ["assertSelf"] : []),
    ...(owner && (endpoints.some((e) => !e.userParam) || needs("create", "relation-add")) ? ["caller"] : []),
  ];
  if (authImports.length) L.push(`import { ${authImports.join(", ")} } from "../runtime/auth.js";`);
  if (needs("create", "replace", "update")) L.push(`import { readObject } from "../runtime/body.js";`);
  if (needs("create", "replace", "update")) L.push(`import { compile } from "../runtime/validate.js";`);
  const relTargets = endpoints.flatMap((e) => {
    const a = e.action;
    if ((a.kind !== "relation-add" && a.kind !== "relation-remove") || !a.targetParam) return [];
    const target = tableByName(ir, rels.find((r) => r.name === a.relation)!.target);
    return [idParserFor(target.columns.find((c) => c.name === target.primaryKey)!)];
  });
  const paramImports = [...new Set([...(endpoints.some((e) => e.idParam) ? [idParser(info)] : []), ...relTargets])];
  if (paramImports.length) L.push(`import { ${paramImports.join(", ")} } from "../runtime/params.js";`);
  if (needs("list")) L.push(`import { listPage, parseListQuery, sendList, type ListSpec } from "../runtime/list.js";`);
  const relImports = [
    ...(rels.length && needs(...rowActions) ? ["embedMany"] : []),
    ...(needs("relation-list") ? ["listRelated"] : []),
    ...(needs("relation-add") ? ["attach"] : []),
    ...(needs("relation-remove") ? ["detach"] : []),
    ...(rels.length ? ["type ManyToManySpec"] : []),
  ];
  if (relImports.length) L.push(`import { ${relImports.join(", ")} } from "../runtime/relations.js";`);
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
  const listEp = endpoints.find((e) => e.action.kind === "list");
  if (listEp?.list) {
    L.push(`/** What the list accepts in its query string (from ${listEp.span.file}:${listEp.span.line}${listEp.list.inferred ? "; inferred from the columns" : ""}); anything else is a 422. */`);
    L.push(`const ${listSpecVar(info.table)}: ListSpec = ${literal(runtimeListSpec(info.table, listEp.list))};`);
    L.push(``);
  }
  for (const r of rels) {
    L.push(`/** ${r.source} <-> ${r.target} through ${r.join}. */`);
    L.push(`const ${relationVar(r)}: ManyToManySpec = ${literal(runtimeRelation(ir, r))};`);
    L.push(``);
  }
  if (rels.length && needs(...rowActions)) {
    L.push(`/** Embeds ${rels.map((r) => r.name).join(", ")} into rows: one query per relation for any number of rows. */`);
    L.push(`async function embed<T extends object>(db: Knex.Transaction, userId: string, rows: T[]): Promise<T[]> {`);
    for (const r of rels) L.push(`  await embedMany(db, userId, rows, ${relationVar(r)});`);
    L.push(`  return rows;`);
    L.push(`}`);
    L.push(``);
  }

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
  const depNames = ["knex", ...(owner ? ["scope"] : []), "auth", ...(needs("create", "relation-add") && owner ? ["ensureUser"] : [])];
  L.push(`  const { ${depNames.join(", ")} } = deps;`);
  L.push(`  const hooks = deps.hooks?.[${str(info.table.name)}];`);
  for (const e of endpoints) {
    L.push(...emitHandler(ir, info, e));
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
