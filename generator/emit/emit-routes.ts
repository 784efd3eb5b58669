// Koa routers, one module per table with endpoints. Every route verifies the
// token, every query on an owned table is scoped to the caller, and a row of
// another user answers 404 exactly like a missing one.
import type { Column, Endpoint, IR, Table } from "../ir/types.js";
import { tableByName, tableInfo, type TableInfo } from "./table-info.js";
import { listSpecVar, relationVar, relationsOfTable, runtimeListSpec, runtimeRelation, runtimeTableSql, tableSqlVar } from "./route-specs.js";
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

function relationsVar(t: Table): string {
  return `${camelCase(singularName(t.name))}Relations`;
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
  if (e.idParam) L.push(`    const id = ${idParser(info)}(ctx.params[${str(e.idParam)}], ${str(info.singular)});`);
  // Row actions are statements run in one batch: one round trip, one transaction that sets the
  // caller for row-level security first (runtime/rows.ts, runtime/batch.ts).
  const ts = tableSqlVar(t);
  const who = owner ? "userId" : "null";
  const relArg = rels.length && owner ? `, ${relationsVar(t)}` : "";
  const what = str(info.singular);
  const a = e.action;
  switch (a.kind) {
    case "list": {
      const lv = listSpecVar(t);
      L.push(`    const req = parseListQuery(ctx.query, ${lv});`);
      L.push(`    sendList(ctx, await listRows(batch, ${ts}, ${lv}, req, ${who}${relArg}), ${lv});`);
      break;
    }
    case "get": {
      L.push(`    const row = await getRow(batch, ${ts}, id, ${who}${relArg});`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "create": {
      L.push(`    const input = validateCreate(await readObject(ctx, ${info.schemaVar}ReadOnlyFields));`);
      if (owner) {
        // The caller's first write records them in the identity table, in the same transaction.
        L.push(`    const who = caller(ctx);`);
        L.push(`    const record = ensureUser.statement(who);`);
        L.push(`    const row = await createRow(batch, ${ts}, input, userId, ${rels.length ? relationsVar(t) : "[]"}, record ? [record] : []);`);
        L.push(`    if (record) ensureUser.remember(who.id);`);
      } else L.push(`    const row = await createRow(batch, ${ts}, input, null);`);
      L.push(`    ctx.status = ${e.successStatus};`);
      if (!info.table.keyColumns) L.push(`    ctx.set("Location", \`\${ctx.path.replace(/\\/$/, "")}/\${encodeURIComponent(String(row[${str(info.pk.name)}]))}\`);`);
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
      } else if (a.kind === "toggle") values = `{ ${str(a.field)}: TOGGLE }`;
      else values = `{ ${str(a.field)}: ${JSON.stringify(a.value)} }`;
      L.push(`    const row = await updateRow(batch, ${ts}, ${values}, id, ${who}${relArg});`);
      L.push(`    if (!row) throw notFound(${what});`);
      L.push(`    ctx.body = row;`);
      break;
    }
    case "delete": {
      if (e.successStatus === 204) {
        L.push(`    if ((await deleteRow(batch, ${ts}, id, ${who})) === 0) throw notFound(${what});`);
        L.push(`    ctx.status = 204;`);
      } else {
        // The spec answers a delete with a body: the row as it was.
        L.push(`    const row = await deleteRowReturning(batch, ${ts}, id, ${who});`);
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
  const rowKinds = ["list", "get", "create", "replace", "update", "toggle", "set", "delete"];
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import type Router from "@koa/router";`);
  const errs = [...(needs("get", "replace", "update", "toggle", "set", "delete") ? ["notFound"] : []), ...(needs("stub") ? ["HttpProblem"] : [])];
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
  if (needs("list")) L.push(`import { parseListQuery, sendList, type ListSpec } from "../runtime/list.js";`);
  const rowImports = [
    ...(needs("list") ? ["listRows"] : []),
    ...(needs("get") ? ["getRow"] : []),
    ...(needs("create") ? ["createRow"] : []),
    ...(needs("replace", "update", "toggle", "set") ? ["updateRow"] : []),
    ...(endpoints.some((e) => e.action.kind === "delete" && e.successStatus === 204) ? ["deleteRow"] : []),
    ...(endpoints.some((e) => e.action.kind === "delete" && e.successStatus !== 204) ? ["deleteRowReturning"] : []),
    ...(needs("replace") && info.writable.some((c) => c.default) ? ["DEFAULT"] : []),
    ...(needs("toggle") ? ["TOGGLE"] : []),
    ...(needs("replace") ? ["type SetValue"] : []),
    ...(needs(...rowKinds) ? ["type TableSql"] : []),
  ];
  if (rowImports.length) L.push(`import { ${rowImports.join(", ")} } from "../runtime/rows.js";`);
  const relImports = [
    ...(needs("relation-list") ? ["listRelated"] : []),
    ...(needs("relation-add") ? ["attach"] : []),
    ...(needs("relation-remove") ? ["detach"] : []),
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
    L.push(`/** How the row actions write SQL for ${info.table.name} (runtime/rows.ts). */`);
    L.push(`const ${tableSqlVar(info.table)}: TableSql = ${literal(runtimeTableSql(info))};`);
    L.push(``);
  }
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
  if (rels.length && needs(...rowKinds)) {
    L.push(`/** Embedded into every row the row actions answer with: one statement per relation for any number of rows. */`);
    L.push(`const ${relationsVar(info.table)} = [${rels.map(relationVar).join(", ")}];`);
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
  const depNames = [
    "knex",
    ...(owner && needs("relation-list", "relation-add", "relation-remove") ? ["scope"] : []),
    ...(needs("list", "get", "create", "replace", "update", "toggle", "set", "delete") ? ["batch"] : []),
    "auth",
    ...(needs("create", "relation-add") && owner ? ["ensureUser"] : []),
  ];
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
