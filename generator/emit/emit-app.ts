// The app factory (wires routers, auth and error handling) and the server entry point.
import type { IR } from "../ir/types.js";
import { tableInfo } from "./table-info.js";
import { routesFunctionName } from "./emit-routes.js";
import { str, tsHeader, type FileMap } from "./common.js";
import { identityPlan } from "../ir/identity-plan.js";
import { HOOKS_FROM_APP, hooksVar } from "./emit-hooks.js";

export function emitApp(ir: IR): FileMap {
  const files: FileMap = new Map();
  const routed = ir.tables.filter((t) => ir.endpoints.some((e) => e.table === t.name)).map((t) => tableInfo(ir, t));
  const identity = ir.tables.find((t) => t.identity);
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import Koa from "koa";`);
  L.push(`import Router from "@koa/router";`);
  L.push(`import type { Knex } from "knex";`);
  L.push(`import { errorHandler, type ErrorLogger } from "./runtime/errors.js";`);
  // The token's user id must fit the users table's key (or, without one, the owner columns).
  const ownerKinds = new Set(ir.tables.flatMap((t) => t.columns.filter((c) => c.name === t.owner).map((c) => c.type.kind)));
  const idKind = identity
    ? identity.columns.find((c) => c.name === identity.primaryKey)?.type.kind
    : ownerKinds.size === 1
      ? [...ownerKinds][0]
      : undefined;
  const format = idKind === "uuid" || idKind === "integer" || idKind === "bigint" ? idKind : null;
  L.push(`import { requireAuth, ${format ? "withSubjectFormat, " : ""}type Verifier } from "./runtime/auth.js";`);
  L.push(`import { securityHeaders } from "./runtime/http.js";`);
  L.push(`import { createIdentityRecorder } from "./runtime/identity.js";`);
  L.push(`import type { RouteDeps } from "./runtime/deps.js";`);
  for (const info of routed) L.push(`import { ${routesFunctionName(info)} } from "./routes/${info.stem}.js";`);
  // Hand-written hooks live outside the generated tree (src/hooks/, created once by specforge).
  for (const info of routed) L.push(`import { hooks as ${hooksVar(info.stem)} } from "${HOOKS_FROM_APP}/${info.stem}.js";`);
  L.push(``);
  L.push(`export interface AppOptions {`);
  L.push(`  readonly knex: Knex;`);
  L.push(`  readonly verify: Verifier;`);
  L.push(`  readonly logError?: ErrorLogger;`);
  L.push(`}`);
  L.push(``);
  if (identity) {
    const plan = identityPlan(identity);
    L.push(`/** Users come from the token issuer; the API records their ids in ${str(identity.name)} on first write. */`);
    L.push(`const IDENTITY = { table: ${str(identity.name)}, idColumn: ${str(identity.primaryKey)}, claimColumns: ${JSON.stringify(plan.claims)}, fillers: ${JSON.stringify(plan.fillers)} } as const;`);
    L.push(``);
  }
  const verifyExpr = format ? `withSubjectFormat(options.verify, ${str(format)})` : "options.verify";
  L.push(`export function createApp(options: AppOptions): Koa {`);
  L.push(`  const app = new Koa();`);
  L.push(`  app.silent = true; // errors are answered and logged by errorHandler`);
  L.push(`  app.use(errorHandler(options.logError));`);
  L.push(`  app.use(securityHeaders);`);
  L.push(`  const router = new Router();`);
  L.push(`  router.get("/healthz", (ctx) => {`);
  L.push(`    ctx.body = { status: "ok" };`);
  L.push(`  });`);
  L.push(`  const deps: RouteDeps = {`);
  L.push(`    knex: options.knex,`);
  L.push(`    auth: requireAuth(${verifyExpr}),`);
  L.push(identity ? `    ensureUser: createIdentityRecorder(IDENTITY),` : `    ensureUser: async () => {},`);
  L.push(`    hooks: { ${routed.map((i) => `${str(i.table.name)}: ${hooksVar(i.stem)}`).join(", ")} },`);
  L.push(`  };`);
  for (const info of routed) L.push(`  ${routesFunctionName(info)}(router, deps);`);
  L.push(`  app.use(router.routes());`);
  L.push(`  app.use(router.allowedMethods());`);
  L.push(`  return app;`);
  L.push(`}`);
  files.set("app.ts", L.join("\n") + "\n");

  const S: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  S.push(`// Entry point: connect (PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise),`);
  S.push(`// migrate, serve, and shut down cleanly on SIGTERM/SIGINT.`);
  S.push(`import { createApp } from "./app.js";`);
  S.push(`import { migrations } from "./migrations/index.js";`);
  S.push(`import { openDatabase, databaseOptionsFromEnv } from "./runtime/db.js";`);
  S.push(`import { migrateLatest } from "./runtime/migrate.js";`);
  S.push(`import { authConfigFromEnv, createVerifier } from "./runtime/auth.js";`);
  S.push(`import { devSecret } from "./runtime/dev-secret.js";`);
  S.push(`import { answerClientErrors } from "./runtime/http.js";`);
  S.push(``);
  S.push(`const log = (level: string, msg: string, extra: Record<string, unknown> = {}) =>`);
  S.push(`  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra }) + "\\n");`);
  S.push(``);
  S.push(`async function main(): Promise<void> {`);
  S.push(`  const auth = authConfigFromEnv();`);
  S.push(`  if (!auth.secret && !auth.jwksUrl) {`);
  S.push(`    if (process.env.NODE_ENV === "production") throw new Error("set JWT_SECRET (or BETTER_AUTH_SECRET) or JWT_JWKS_URL");`);
  S.push(`    const dev = devSecret();`);
  S.push(`    auth.secret = dev.secret;`);
  S.push(`    log("warn", "no JWT_SECRET set: using a development secret", { file: dev.file, mintToken: "npm run token -- <user-id>" });`);
  S.push(`  }`);
  S.push(`  const verify = createVerifier(auth);`);
  S.push(`  const db = await openDatabase(databaseOptionsFromEnv());`);
  S.push(`  const applied = await migrateLatest(db.knex, migrations);`);
  S.push(`  log("info", "database ready", { database: db.kind, migrationsApplied: applied });`);
  S.push(`  const app = createApp({ knex: db.knex, verify });`);
  S.push(`  const port = Number(process.env.PORT ?? 3000);`);
  S.push(`  const host = process.env.HOST ?? "127.0.0.1";`);
  S.push(`  const server = answerClientErrors(app.listen(port, host, () => log("info", "listening", { url: \`http://\${host}:\${port}\` })));`);
  S.push(`  let stopping = false;`);
  S.push(`  const stop = (signal: string) => {`);
  S.push(`    if (stopping) return;`);
  S.push(`    stopping = true;`);
  S.push(`    log("info", "shutting down", { signal });`);
  S.push(`    // Stop accepting, let in-flight requests finish, then close the pool.`);
  S.push(`    server.close(() => {`);
  S.push(`      db.close().then(() => process.exit(0), () => process.exit(1));`);
  S.push(`    });`);
  S.push(`    server.closeIdleConnections();`);
  S.push(`    setTimeout(() => process.exit(1), 10_000).unref();`);
  S.push(`  };`);
  S.push(`  process.on("SIGTERM", () => stop("SIGTERM"));`);
  S.push(`  process.on("SIGINT", () => stop("SIGINT"));`);
  S.push(`}`);
  S.push(``);
  S.push(`main().catch((err: unknown) => {`);
  S.push(`  log("error", err instanceof Error ? err.message : String(err));`);
  S.push(`  process.exit(1);`);
  S.push(`});`);
  files.set("server.ts", S.join("\n") + "\n");
  return files;
}
