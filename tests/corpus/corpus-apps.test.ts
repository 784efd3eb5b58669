// The real-world corpus (../shared/corpus), and the golden cases (written to
// tests/.output/corpus/<pid>/<case>): each either generates an app that
// type-checks, boots on PGlite with row-level security and passes the isolation checks (owned
// and scoped tables, nested routes, /users/me) and the random requests, or fails with the
// diagnostics listed in EXPECTED_FAILURES (each judged correct, with the reason).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import { emitAll } from "../../generator/emit/index.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { emitHookSkeletons } from "../../generator/emit/emit-hooks.js";
import { readTemplates } from "../../generator/read/read-output.js";
import type { IR } from "../../generator/ir/types.js";
import { embeddedKnex, startEmbeddedPostgres, type EmbeddedPostgres } from "../../templates/runtime/db.js";
import { migrateLatest } from "../../templates/runtime/migrate.js";
import { checkIsolation, userIds, type IsolationReport } from "../helpers/generic-isolation.js";
import { provisionGroup, provisionTenants, recordUser } from "../helpers/admin-rows.js";
import { tenantRoot } from "../../generator/emit/route-specs.js";
import { fuzzApp, isPublic, isUserParam, type FuzzReport } from "../helpers/generic-fuzz.js";
import { TEST_SECRET, tenantTokenFor, testTenants } from "../helpers/tokens.js";
import { sampleValue } from "../helpers/sample-body.js";
import { pgliteSeed } from "../helpers/databases.js";

const ROOT = join(import.meta.dirname, "..", "..");
/** The role requests switch to, so that row-level security holds (as the generated server.ts does). */
const APP_ROLE = "specforge_app";
// CORPUS_DIR points the test at another directory of cases (one spec directory each), e.g.
// specs nobody here has seen yet: `CORPUS_DIR=/somewhere npx vitest run tests/corpus/corpus-apps.test.ts`.
// The golden cases then stay out.
const CORPUS = process.env.CORPUS_DIR ?? join(ROOT, "..", "shared", "corpus");
// One directory per run (the worker's pid): runs at the same time (several people test one
// checkout) must not delete each other's apps. Directories of runs that ended are removed first.
const RUNS = join(ROOT, "tests", ".output", "corpus");
const OUT = join(RUNS, String(process.pid));
function removeEndedRuns(): void {
  if (!existsSync(RUNS)) return;
  for (const name of readdirSync(RUNS)) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      process.kill(Number(name), 0); // still running: leave it
    } catch {
      rmSync(join(RUNS, name), { recursive: true, force: true });
    }
  }
}

/** Cases whose specs are wrong in a way no reader should paper over: the codes they must fail with. */
const EXPECTED_FAILURES: Record<string, { codes: string[]; reason: string }> = {};

// The golden cases too (tests/golden/*/specs, those that generate): their expected output is
// compared byte for byte elsewhere, but only here does their app run. A nullable json column
// in two of them once made an app that failed as its routes loaded, with every golden test green.
const GOLDEN = join(ROOT, "tests", "golden");
const goldenCases = process.env.CORPUS_DIR ? [] : readdirSync(GOLDEN)
  .filter((n) => existsSync(join(GOLDEN, n, "expected")))
  .sort()
  .map((n) => `golden-${n}`);
const cases = [...(existsSync(CORPUS) ? readdirSync(CORPUS).filter((n) => (process.env.CORPUS_DIR ? !n.startsWith(".") && !/\.\w+$/.test(n) : /^\d/.test(n))).sort() : []), ...goldenCases];
/** Cases whose app is booted by a test of its own, with what it needs: built-in auth takes its settings (tests/auth/builtin.test.ts). */
const BOOTED_ELSEWHERE = new Set(["golden-builtin-auth"]);
/** Where a case's specs are. */
const specsOf = (c: string) => (c.startsWith("golden-") ? join(GOLDEN, c.slice("golden-".length), "specs") : join(CORPUS, c));
const built = new Map<string, IR>();
/** Random requests per app (generic-fuzz.ts), after the isolation checks; CORPUS_FUZZ_REQUESTS and CORPUS_FUZZ_SEED for deeper runs. */
const FUZZ_PER_APP = Number(process.env.CORPUS_FUZZ_REQUESTS ?? 200);
const FUZZ_SEED = Number(process.env.CORPUS_FUZZ_SEED ?? 20261127);
const fuzzed = new Map<string, FuzzReport>();

/** A user of an app with built-in auth: registered and signed in through the app's own routes. */
async function signUp(base: string, ir: IR, openapi: any, who: string): Promise<{ id: string; token: string }> {
  const auth = ir.auth.builtin!;
  const post = (path: string, body: object) => fetch(base + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const account = { email: `${who}@example.test`, password: `${who}-correct-horse-battery` };
  // What else the users table requires (a username): a valid value of each, as the document states it.
  const register = openapi.components.schemas.AuthRegister;
  // (A plain text is letters and digits only, which the usual username patterns take.)
  const valueOf = (schema: any, f: string) =>
    schema.type === "string" && !schema.format && !schema.enum ? `${who}user0000000000`.slice(0, schema.maxLength ?? 16).padEnd(schema.minLength ?? 1, "0") : sampleValue(schema, `${who}_${f}`);
  const extra = Object.fromEntries(((register.required ?? []) as string[]).filter((f) => !(f in account) && f !== "name").map((f) => [f, valueOf(register.properties[f], f)]));
  const registered = await post(auth.paths.register, { ...(auth.nameColumn ? { ...account, name: who } : account), ...extra });
  expect(registered.status, `register ${who} at ${auth.paths.register}: ${registered.status === 202 ? "" : await registered.text()}`).toBe(202);
  const login = await post(auth.paths.login, account);
  expect(login.status, `sign in ${who} at ${auth.paths.login}`).toBe(200);
  const tokens = (await login.json()) as { access_token: string; user_id: string };
  return { id: tokens.user_id, token: tokens.access_token };
}

/** The ids of the rows `who` sees through each collection GET of the document. */
async function listedIds(openapi: any, base: string, who: { id: string; token: string }): Promise<string[]> {
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(openapi.paths as Record<string, any>)) {
    const get = item.get;
    if (!get || isPublic(get)) continue;
    const params = ((get.parameters ?? []) as any[]).filter((p) => p.in === "path");
    if (!params.every(isUserParam)) continue;
    let url = path;
    for (const p of params) url = url.replace(`{${p.name}}`, encodeURIComponent(who.id));
    const res = await fetch(base + url, { headers: { authorization: `Bearer ${who.token}` } });
    const body = res.ok ? ((await res.json()) as unknown) : null;
    const rows = Array.isArray(body) ? body : body && typeof body === "object" ? (Object.values(body).find(Array.isArray) ?? []) : [];
    for (const r of rows as any[]) if (r && (typeof r.id === "string" || typeof r.id === "number")) ids.add(String(r.id));
  }
  return [...ids].sort();
}
const results = new Map<string, IsolationReport>();

/** Another user id of the same form as `id` (a uuid, a number, a text). */
function colleagueOf(id: string): string {
  if (/^[0-9a-f-]{36}$/i.test(id)) return `${id.slice(0, -1)}${id.endsWith("c") ? "d" : "c"}`;
  if (/^[0-9]+$/.test(id)) return String(Number(id) + 1);
  return `${id}_colleague`;
}

/** The table whose one-row GET route the path names (/api/patients/<key>), if any. */
function tableOfRowPath(ir: IR, path: string): IR["tables"][number] | undefined {
  for (const e of ir.endpoints) {
    if (e.method !== "get" || !e.idParam || e.action.kind !== "get") continue;
    const re = new RegExp(`^${e.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`);
    if (re.test(path)) return ir.tables.find((t) => t.name === e.table);
  }
  return undefined;
}
// One embedded PostgreSQL for all cases, each case in a schema of its own (a PGlite boot costs seconds).
let embedded: EmbeddedPostgres;

describe.skipIf(cases.length === 0)("real-world corpus", () => {
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres("memory", await pgliteSeed());
    removeEndedRuns();
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const templates = readTemplates(join(ROOT, "templates"));
    for (const c of cases) {
      const r = await loadSpecs(specsOf(c), ROOT);
      if (!r.ir) continue;
      built.set(c, r.ir);
      // Each case is a project: generated/ plus the hook skeletons in src/hooks/ beside it.
      const files = [
        ...[...(await emitAll({ ir: r.ir, templates, migrations: planMigrations(r.ir, NO_PREVIOUS).plan }))].map(([p, t]) => [join("generated", p), t] as const),
        ...emitHookSkeletons(r.ir, "generated"),
      ];
      for (const [p, text] of files) {
        const file = join(OUT, c, p);
        mkdirSync(join(file, ".."), { recursive: true });
        writeFileSync(file, text);
      }
    }
    writeFileSync(
      join(OUT, "tsconfig.json"),
      JSON.stringify({ extends: relative(OUT, join(ROOT, "tsconfig.json")), include: ["./**/*.ts"], exclude: [] }, null, 2),
    );
  }, 120_000);

  afterAll(async () => {
    await embedded?.stop();
    const lines = cases.map((c) => {
      const r = results.get(c);
      if (!built.has(c)) return `${c}: spec errors (${EXPECTED_FAILURES[c]?.reason ?? "unexpected"})`;
      const f = fuzzed.get(c);
      return `${c}: ${r ? `${r.checked.length} tables checked [${r.checked.join(", ")}], ${r.requests} requests${r.skipped.length ? `, skipped ${r.skipped.map((s) => `${s.table} (${s.reason})`).join(", ")}` : ""}` : "not run"}${f ? `; fuzz ${f.requests} requests ${JSON.stringify(f.byStatus)}` : ""}`;
    });
    const tables = [...results.values()].reduce((n, r) => n + r.checked.length, 0);
    process.stdout.write(`\ncorpus summary: ${built.size}/${cases.length} generate, ${results.size} booted, ${tables} tables checked\n${lines.join("\n")}\n`);
  });

  for (const c of cases) {
    it(`${c}: reads`, async () => {
      const r = await loadSpecs(specsOf(c), ROOT);
      const errors = [...new Set(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].sort();
      expect(errors).toEqual(EXPECTED_FAILURES[c]?.codes ?? []);
    });
  }

  it("every generated app type-checks", () => {
    expect(built.size).toBeGreaterThan(0);
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "--noEmit", "-p", join(OUT, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      output = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(output).toBe("");
  }, 180_000);

  for (const c of cases) {
    it.skipIf(EXPECTED_FAILURES[c] !== undefined || BOOTED_ELSEWHERE.has(c))(`${c}: boots on PGlite and isolates users`, async () => {
      const ir = built.get(c);
      expect(ir, `${c} did not generate`).toBeDefined();
      const dir = join(OUT, c, "generated");
      const { createApp } = await import(pathToFileURL(join(dir, "app.ts")).href);
      const { migrations } = await import(pathToFileURL(join(dir, "migrations", "index.ts")).href);
      const openapi = (await import(pathToFileURL(join(dir, "openapi.json")).href, { with: { type: "json" } })).default;
      const schema = `c${cases.indexOf(c)}`;
      const admin = embeddedKnex(embedded);
      await admin.raw("create schema ??", [schema]);
      await admin.destroy();
      const knex = embeddedKnex(embedded, schema);
      try {
        await migrateLatest(knex, migrations);
        // The app's own runtime copy, as its server.ts would use: an error class from another copy is not the one its error handler knows.
        const { createVerifier } = await import(pathToFileURL(join(dir, "runtime", "auth.ts")).href);
        // Row-level security on, and requests as a role it holds (PGlite's user is a superuser, which bypasses it):
        // every policy the generator writes is created and then holds under every request below.
        const { applyRowLevelSecurity, ensureAppRole } = await import(pathToFileURL(join(dir, "runtime", "rls.ts")).href);
        const { ownedTables } = await import(pathToFileURL(join(dir, "rls.ts")).href);
        await applyRowLevelSecurity(knex, ownedTables);
        await ensureAppRole(knex, APP_ROLE);
        await knex.raw("GRANT USAGE ON SCHEMA ?? TO ??", [schema, APP_ROLE]);
        await knex.raw("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ?? TO ??", [schema, APP_ROLE]);
        await knex.raw("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ?? TO ??", [schema, APP_ROLE]);
        // Rows of the caller's organization (a token claim): a and b in two organizations, whose
        // rows (where the spec defines the organizations table) an admin job makes.
        const tenants = testTenants(ir!);
        if (tenants) expect(await provisionTenants(knex, ir!, [tenants.a, tenants.b])).toEqual([]);
        // An app that signs its users in itself (built-in auth) takes the same secret for its own tokens.
        const app = createApp({ knex, verify: createVerifier({ secret: TEST_SECRET }), dbRole: APP_ROLE, logError: () => {}, ...(ir!.auth.mode === "builtin" ? { builtinAuth: { secret: TEST_SECRET } } : {}) });
        const server = app.listen(0, "127.0.0.1");
        await new Promise((r) => server.once("listening", r));
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        try {
          // An app that signs its users in itself: a and b register and sign in through it, as clients do.
          const own = ir!.auth.mode === "builtin" ? [await signUp(base, ir!, openapi, "a"), await signUp(base, ir!, openapi, "b")] : null;
          const [ida, idb] = own ? [own[0]!.id, own[1]!.id] : userIds(ir!);
          const a = own ? own[0]! : { id: ida, token: await tenantTokenFor(ir!, ida, "a") };
          const b = own ? own[1]! : { id: idb, token: await tenantTokenFor(ir!, idb, "b") };
          const report = await checkIsolation(ir!, openapi, async (method, path, opts = {}) => {
            const headers: Record<string, string> = {};
            if (opts.token) headers.authorization = `Bearer ${opts.token}`;
            if (opts.body !== undefined) headers["content-type"] = "application/json";
            const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
            const text = await res.text();
            return { status: res.status, body: text ? JSON.parse(text) : undefined };
          }, a, b, { provision: (t, who) => provisionGroup(knex, ir!, t, who), recordUser: (who) => recordUser(knex, ir!, who) });
          results.set(c, report);
          expect(report.failures).toEqual([]);
          if (tenants) {
            // A colleague of a's, in a's organization: sees every row of a's that belongs to the organization.
            const colleague = await tenantTokenFor(ir!, colleagueOf(ida), "a");
            let shared = 0;
            for (const path of report.aRows) {
              const t = tableOfRowPath(ir!, path);
              if (!t || !tenantRoot(ir!, t)) continue;
              const res = await fetch(base + path, { headers: { authorization: `Bearer ${colleague}` } });
              expect(res.status, `a's ${path} as a colleague in a's organization`).toBe(200);
              shared++;
            }
            expect(shared, "rows of a's organization checked as a colleague").toBeGreaterThan(0);
          }
          if (ir!.endpoints.length > 0) expect(report.requests).toBeGreaterThan(0);
          // Then random requests as b, over the rows the isolation checks left and a's (by key): never a 5xx,
          // never a row of a's (its owner column, or a text or key only a's rows hold), and a's rows intact after.
          const owners = new Set(ir!.tables.flatMap((t) => (t.owner ? [t.owner] : [])));
          const aIds = report.aRows.map((p) => decodeURIComponent(p.slice(p.lastIndexOf("/") + 1)));
          const ids = [...new Set([...(await listedIds(openapi, base, b)), ...aIds])].sort();
          const fuzz = await fuzzApp(openapi, base, b, { id: a.id, columns: owners, values: new Set(report.markers) }, ids, FUZZ_PER_APP, FUZZ_SEED);
          fuzzed.set(c, fuzz);
          expect(fuzz.failures).toEqual([]);
          for (const path of report.aRows) {
            const res = await fetch(base + path, { headers: { authorization: `Bearer ${a.token}` } });
            expect(res.status, `a's ${path} after b's random requests`).toBe(200);
          }
        } finally {
          server.closeAllConnections();
          await new Promise((r) => server.close(r));
        }
      } finally {
        await knex.destroy();
      }
    }, 60_000);
  }
});
