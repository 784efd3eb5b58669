// generated/app.ts and generated/server.ts: only what the spec decides. The fixed app core
// (middleware order, error handling, health, docs, token check, router mounting) is
// templates/runtime/app-core.ts, the server templates/runtime/server-main.ts, copied verbatim.
import type { IR } from "../ir/types.js";
import { tableInfo } from "./table-info.js";
import { routerPath, routesFunctionName } from "./emit-routes.js";
import { tenantsOf } from "./route-specs.js";
import { str, tsHeader, type FileMap } from "./common.js";
import { identityPlan, userIdKind } from "../ir/identity-plan.js";
import { HOOKS_FROM_APP, hooksVar } from "./emit-hooks.js";
import { builtinAuthSpec } from "./emit-builtin-auth.js";
import type { CustomRouteDecl } from "../read/read-custom-routes.js";
import { camelCase } from "../base/naming.js";

/** Where generated/app.ts imports custom routes from. */
export const ROUTES_FROM_APP = "../src/routes";

export function emitApp(ir: IR, custom: readonly CustomRouteDecl[] = []): FileMap {
  const files: FileMap = new Map();
  const routed = ir.tables.filter((t) => ir.endpoints.some((e) => e.table === t.name)).map((t) => tableInfo(ir, t));
  const identity = ir.tables.find((t) => t.identity);
  const builtin = builtinAuthSpec(ir);
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`// The app: the shared core (runtime/app-core.ts) with this spec's routers, hooks, identity table and custom routes.`);
  L.push(`import type Koa from "koa";`);
  L.push(`import { createAppCore, type AppCoreOptions } from "./runtime/app-core.js";`);
  if (builtin) L.push(`import { builtinAuthRoutes, type BuiltinAuthSettings } from "./runtime/builtin-auth.js";`);
  L.push(`import * as models from "./models/index.js";`);
  for (const info of routed) L.push(`import { ${routesFunctionName(info)} } from "./routes/${info.stem}.js";`);
  // Hand-written hooks live outside the generated tree (src/hooks/, created once by specforge).
  for (const info of routed) L.push(`import { hooks as ${hooksVar(info.stem)} } from "${HOOKS_FROM_APP}/${info.stem}.js";`);
  // Hand-written routes (src/routes/, never written by specforge), in file-name order.
  const customVar = (r: CustomRouteDecl) => camelCase(`custom_${r.stem.replace(/[^A-Za-z0-9]+/g, "_")}`);
  for (const r of custom) L.push(`import ${customVar(r)} from "${ROUTES_FROM_APP}/${r.stem}.js";`);
  const unmapped = ir.unmapped ?? [];
  if (unmapped.length) {
    L.push(`import type Router from "@koa/router";`);
    L.push(`import type { RouteDeps } from "./runtime/deps.js";`);
    L.push(`import { HttpProblem } from "./runtime/errors.js";`);
    if (unmapped.some((u) => u.userParam)) L.push(`import { assertSelf } from "./runtime/auth.js";`);
    if (unmapped.some((u) => u.health === "ready")) L.push(`import { databaseReachable } from "./runtime/health.js";`);
  }
  L.push(``);
  if (unmapped.length) {
    // The spec's endpoints that name no table: they stay in the app (the token is checked) and
    // answer 501 until a custom route in src/routes/ with the same method and path implements them.
    L.push(`/** Endpoints of the spec that name no table: 501 until src/routes/ implements them (same method and path); health checks answered as /healthz is. */`);
    L.push(`function unmappedRoutes(router: Router, deps: RouteDeps): void {`);
    for (const u of unmapped) {
      if (u.health) {
        // A health check the spec writes: answered as /healthz or /readyz are (public: only "up" or "not ready").
        L.push(`  // ${u.method.toUpperCase()} ${u.path} (${u.span.file}:${u.span.line}): a health check, answered as /${u.health === "ready" ? "readyz" : "healthz"} is (public).`);
        if (u.health === "ready") {
          L.push(`  router.get(${str(routerPath(u.path))}, async (ctx) => {`);
          L.push(`    if (!(await databaseReachable(deps.knex))) throw new HttpProblem(503, "the database is not reachable", { headers: { "Retry-After": "1" } });`);
          L.push(`    ctx.body = { status: "ready" };`);
        } else {
          L.push(`  router.get(${str(routerPath(u.path))}, (ctx) => {`);
          L.push(`    ctx.body = { status: "ok" };`);
        }
        L.push(`  });`);
        continue;
      }
      L.push(`  // ${u.method.toUpperCase()} ${u.path} (${u.span.file}:${u.span.line}): ${u.reason}.`);
      L.push(`  router.${u.method}(${str(routerPath(u.path))}, ${u.auth === "required" ? "deps.auth, " : ""}async (${u.userParam ? "ctx" : ""}) => {`);
      if (u.userParam) L.push(`    assertSelf(ctx, ctx.params[${str(u.userParam)}]); // the path's user is the caller, or 403`);
      L.push(`    throw new HttpProblem(501, ${str(`${u.method.toUpperCase()} ${u.path} is not implemented yet`)});`);
      L.push(`  });`);
    }
    L.push(`}`);
    L.push(``);
  }
  if (builtin) {
    L.push(`export interface AppOptions extends AppCoreOptions {`);
    L.push(`  /** Built-in auth: the JWT_SECRET access tokens are signed with, lifetimes and login limits (runtime/builtin-auth.ts). */`);
    L.push(`  readonly builtinAuth: BuiltinAuthSettings;`);
    L.push(`}`);
  } else {
    L.push(`export type AppOptions = AppCoreOptions;`);
  }
  L.push(``);
  // Users are recorded from their tokens unless they register themselves (a users table with
  // required columns no token fills: POST .../me) or through the built-in auth module.
  const recorded = !!identity && !builtin && !ir.auth.selfRegistration;
  if (builtin) {
    L.push(`/** Built-in auth: users register with an email and a password; refresh tokens are kept hashed in ${str(String(builtin.refreshTable))}. */`);
    L.push(`const BUILTIN_AUTH = ${JSON.stringify(builtin)} as const;`);
    L.push(``);
  } else if (identity && recorded) {
    const plan = identityPlan(identity);
    L.push(`/** Users come from the token issuer; the API records their ids in ${str(identity.name)} on first write. */`);
    L.push(`const IDENTITY = { table: ${str(identity.name)}, idColumn: ${str(identity.primaryKey)}, claimColumns: ${JSON.stringify(plan.claims)}, fillers: ${JSON.stringify(plan.fillers)} } as const;`);
    L.push(``);
  }
  // The token's user id must fit the users table's key (or, without one, the owner columns).
  const format = userIdKind(ir);
  L.push(`export function createApp(options: AppOptions): Koa {`);
  L.push(`  return createAppCore(options, {`);
  L.push(`    subjectFormat: ${format ? str(format) : "null"},`);
  if (builtin) L.push(`    identity: null, // built-in auth: users exist because they registered`);
  else if (identity && !recorded) L.push(`    identity: null, // users create their own row (POST .../me): a token cannot fill ${str(identity.name)}`);
  else L.push(`    identity: ${identity ? "IDENTITY" : "null"},`);
  if (builtin) {
    L.push(`    // PUBLIC, no token: POST /api/auth/register, /login, /refresh, /logout (the built-in auth module).`);
    L.push(`    publicRoutes: (router, { knex, limits, auth }) => builtinAuthRoutes(router, { knex, spec: BUILTIN_AUTH, settings: options.builtinAuth, limits, auth }),`);
  }
  L.push(`    models,`);
  L.push(`    hooks: { ${routed.map((i) => `${str(i.table.name)}: ${hooksVar(i.stem)}`).join(", ")} },`);
  L.push(`    routers: [${[...routed.map((i) => routesFunctionName(i)), ...(unmapped.length ? ["unmappedRoutes"] : [])].join(", ")}],`);
  L.push(`    customRoutes: [${custom.map((r) => customVar(r)).join(", ")}],`);
  const tenants = tenantsOf(ir);
  // Rows of the caller's organization: the claim naming it is tried as the tenant columns are named first (runtime/tenant.ts).
  if (tenants) L.push(`    tenant: { columns: ${JSON.stringify(tenants.columns)}, types: ${JSON.stringify(tenants.types)} },`);
  L.push(`  });`);
  L.push(`}`);
  files.set("app.ts", L.join("\n") + "\n");

  const S: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  S.push(`// Entry point: the shared server (runtime/server-main.ts: database, migrations, row-level`);
  S.push(`// security, graceful shutdown; every setting from the environment, docs/operations.md) serving this app.`);
  S.push(`import { createApp } from "./app.js";`);
  S.push(`import { migrations } from "./migrations/index.js";`);
  S.push(`import { ownedTables } from "./rls.js";`);
  S.push(`import { runServer } from "./runtime/server-main.js";`);
  if (builtin) S.push(`import { builtinAuthSettingsFromEnv } from "./runtime/builtin-auth.js";`);
  S.push(``);
  S.push(`runServer({`);
  S.push(`  migrations,`);
  S.push(`  ownedTables,`);
  if (builtin) {
    S.push(`  signsTokens: true, // built-in auth signs its access tokens with JWT_SECRET`);
    S.push(`  createApp: (options, secret) => createApp({ ...options, builtinAuth: builtinAuthSettingsFromEnv(secret) }),`);
  } else {
    S.push(`  signsTokens: false,`);
    S.push(`  createApp: (options) => createApp(options),`);
  }
  S.push(`});`);
  files.set("server.ts", S.join("\n") + "\n");
  return files;
}
