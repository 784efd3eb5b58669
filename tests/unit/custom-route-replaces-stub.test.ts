// A custom route on the method and path of an endpoint the generator can only stub (501) takes
// its place: the stub leaves the routes and openapi.json, the custom operation is there instead.
// A custom route on a working generated route is still refused.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadSpecFiles } from "../../generator/front.js";
import { emitAll } from "../../generator/emit/index.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { readTemplates } from "../../generator/read/read-output.js";
import type { CustomRouteDecl } from "../../generator/read/read-custom-routes.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SCHEMA = `# Notes

## notes

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| title | varchar(80) | not null |

## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |
`;
const API = `# API

### GET /api/notes
### POST /api/notes
### POST /api/notes/{id}/summarize
`;

const decl = (method: CustomRouteDecl["method"], path: string): CustomRouteDecl => ({
  file: "src/routes/notes-summarize.ts",
  stem: "notes-summarize",
  method,
  path,
  summary: "Summarize a note",
  response: { status: 200, schema: { type: "object" } },
});

async function emit(custom: CustomRouteDecl[]) {
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
  );
  const ir = loaded.ir!;
  return { ir, files: await emitAll({ ir, templates: readTemplates(join(ROOT, "templates")), migrations: planMigrations(ir, NO_PREVIOUS).plan, customRoutes: custom }) };
}

describe("a custom route where the generator has a stub", () => {
  it("replaces the stub (path parameters may be named differently)", async () => {
    const before = await emit([]);
    expect(before.ir.endpoints.find((e) => e.path === "/api/notes/{id}/summarize")?.action.kind).toBe("stub");
    expect(before.files.get("routes/notes.ts")).toContain("/api/notes/:id/summarize");
    const after = await emit([decl("post", "/api/notes/{noteId}/summarize")]);
    expect(after.files.get("routes/notes.ts")).not.toContain("/api/notes/:id/summarize");
    const doc = JSON.parse(after.files.get("openapi.json")!);
    expect(doc.paths["/api/notes/{id}/summarize"]).toBeUndefined();
    expect(doc.paths["/api/notes/{noteId}/summarize"].post.summary).toBe("Summarize a note");
    expect(after.files.get("app.ts")).toContain("notes-summarize");
  });

  it("still refuses one on a working generated route", async () => {
    await expect(emit([decl("post", "/api/notes")])).rejects.toThrow(/POST \/api\/notes is a generated route already/);
  });
});
