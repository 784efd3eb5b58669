// An endpoint the spec defines whose path names no table (GET /api/insights/weekly, POST
// /api/backup) stays in the app: the token is checked, then 501, listed in openapi.json with the
// reason; a custom route with the same method and path takes its place. The app's own public
// routes (/docs, /healthz) are never a spec endpoint's (SF222).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { load } from "./helpers.js";
import { emitAll } from "../../generator/emit/index.js";
import { NO_PREVIOUS, readTemplates } from "../../generator/read/read-output.js";
import { planMigrations } from "../../generator/plan/plan.js";
import type { CustomRouteDecl } from "../../generator/read/read-custom-routes.js";
import { canonicalYaml } from "../../generator/canonical.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SCHEMA = `# Data model

## users
- \`id\` (text, PK)

## habits
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`name\` (string, required)
`;
const API = `# API

| Method | Path | Description |
|---|---|---|
| GET | /api/habits | my habits |
| GET | /api/insights/weekly/:week | a summary of the week |
| POST | /api/backup | a backup of everything |
| GET | /docs | the habit docs |
`;

async function emit(custom: CustomRouteDecl[] = []) {
  const r = await load(SCHEMA, API);
  const ir = r.ir!;
  return { r, ir, files: await emitAll({ ir, templates: readTemplates(join(ROOT, "templates")), migrations: planMigrations(ir, NO_PREVIOUS).plan, customRoutes: custom }) };
}

describe("an endpoint that names no table", () => {
  it("is a 501 route behind the token, with its reason in explain's IR and openapi.json", async () => {
    const { r, ir, files } = await emit();
    expect(ir.unmapped?.map((u) => `${u.method} ${u.path}`)).toEqual(["post /api/backup", "get /api/insights/weekly/{week}"]);
    expect(ir.unmapped![0]).toMatchObject({ reason: "no table matches this path", auth: "required" });
    expect(r.diagnostics.filter((d) => d.code === "SF201").map((d) => d.message)).toEqual([
      "GET /api/insights/weekly/:week: no table matches this path; a route answering 501 is generated",
      "POST /api/backup: no table matches this path; a route answering 501 is generated",
    ]);
    const app = files.get("app.ts")!;
    expect(app).toContain(`router.get("/api/insights/weekly/:week", deps.auth, async () => {`);
    expect(app).toContain(`throw new HttpProblem(501, "POST /api/backup is not implemented yet");`);
    expect(app).toMatch(/routers: \[habitsRoutes, unmappedRoutes\]/);
    const doc = JSON.parse(files.get("openapi.json")!);
    const op = doc.paths["/api/insights/weekly/{week}"].get;
    expect(Object.keys(op.responses).sort()).toEqual(["401", "429", "501", "503"]);
    expect(op.parameters).toEqual([{ name: "week", in: "path", required: true, schema: { type: "string" } }]);
    expect(op.description).toContain("src/routes/");
    // The canonical form keeps them, so reading it back gives the same routes.
    expect(canonicalYaml(ir)).toContain("path: /api/backup");
  });

  it("holds a {user_id} in its path to the caller, as every route does", async () => {
    const r = await load(SCHEMA, API.replace("| GET | /docs | the habit docs |", "| GET | /api/{user_id}/streaks | my streaks |"));
    const ir = r.ir!;
    expect(ir.unmapped?.find((u) => u.path === "/api/{user_id}/streaks")).toMatchObject({ userParam: "user_id" });
    const files = await emitAll({ ir, templates: readTemplates(join(ROOT, "templates")), migrations: planMigrations(ir, NO_PREVIOUS).plan, customRoutes: [] });
    expect(files.get("app.ts")).toContain(`assertSelf(ctx, ctx.params["user_id"]);`);
    const op = JSON.parse(files.get("openapi.json")!).paths["/api/{user_id}/streaks"].get;
    expect(Object.keys(op.responses)).toContain("403");
    expect(op.parameters[0].description).toBe("Must be the authenticated user's id.");
  });

  it("skips a path the app serves itself", async () => {
    const { r, ir } = await emit();
    expect(ir.unmapped?.some((u) => u.path === "/docs")).toBe(false);
    expect(r.diagnostics.find((d) => d.code === "SF222")?.message).toContain("GET /docs: the app serves /docs itself");
  });

  it("gives way to a custom route with the same method and path", async () => {
    const custom: CustomRouteDecl = { file: "src/routes/backup.ts", stem: "backup", method: "post", path: "/api/backup", summary: "Back up", response: { status: 200, schema: { type: "object" } } };
    const { files } = await emit([custom]);
    expect(files.get("app.ts")).not.toContain(`"/api/backup", deps.auth`);
    const doc = JSON.parse(files.get("openapi.json")!);
    expect(doc.paths["/api/backup"].post.summary).toBe("Back up");
    expect(doc.paths["/api/insights/weekly/{week}"].get.tags).toEqual(["unmapped"]);
  });
});
