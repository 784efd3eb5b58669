// A health check the spec writes ("GET /api/health", "GET /api/v1/ready") is answered as the app's
// own /healthz and /readyz are: public, "ok" or "ready". Before, it was a 501 stub behind a token,
// useless to a load balancer. Other endpoints naming no table stay token-checked 501s.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { buildOpenApi } from "../../generator/emit/emit-openapi.js";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const OUT = join(import.meta.dirname, "..", ".output", "health-endpoints");
const SCHEMA = "# Shelf\n\n## users\n- id: text, primary key\n\n## books\n- id: serial, primary key\n- user_id: text, FK -> users.id\n- title: varchar(120), required\n";
const API = "# API\n\n- `GET /api/health` — is the service up\n- `GET /api/v2/readiness` — can it serve\n- `GET /ping`\n- `GET /api/books` — my books\n- `GET /api/forecast` — tomorrow's weather\n";

let ir: IR;
beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  ir = r.ir!;
  await writeProject(OUT, ir);
}, 60_000);

describe("health checks in the spec", () => {
  it("are read as health checks, the rest stays a 501 stub", () => {
    const byPath = Object.fromEntries((ir.unmapped ?? []).map((u) => [u.path, u]));
    expect(byPath["/api/health"]).toMatchObject({ health: "live", auth: "public" });
    expect(byPath["/ping"]).toMatchObject({ health: "live", auth: "public" });
    expect(byPath["/api/v2/readiness"]).toMatchObject({ health: "ready", auth: "public" });
    expect(byPath["/api/forecast"]).toMatchObject({ auth: "required" });
    expect(byPath["/api/forecast"]!.health).toBeUndefined();
    const doc = buildOpenApi(ir) as { paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>> };
    expect(doc.paths["/api/health"]!.get!.security).toEqual([]);
    expect(Object.keys(doc.paths["/api/health"]!.get!.responses)).toContain("200");
    expect(Object.keys(doc.paths["/api/forecast"]!.get!.responses)).toContain("501");
  });
});

describe.each(DB_KINDS)("served, on %s", (kind) => {
  let app: RunningProject;
  beforeAll(async () => {
    app = await bootProject(kind, join(OUT, "generated"));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it("answers a health check without a token, and nothing else", async () => {
    expect(await app.call("GET", "/api/health")).toEqual({ status: 200, body: { status: "ok" }, type: expect.stringMatching(/^application\/json/) });
    expect(await app.call("GET", "/ping")).toEqual({ status: 200, body: { status: "ok" }, type: expect.stringMatching(/^application\/json/) });
    expect(await app.call("GET", "/api/v2/readiness")).toEqual({ status: 200, body: { status: "ready" }, type: expect.stringMatching(/^application\/json/) });
    expect((await app.call("GET", "/api/forecast")).status).toBe(401);
    expect((await app.call("GET", "/api/forecast", { token: await tokenFor("reader") })).status).toBe(501);
    expect((await app.call("GET", "/api/books")).status).toBe(401);
    expect(app.errors).toEqual([]);
  });
});
