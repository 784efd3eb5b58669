// generate(): the whole pipeline as one function of what was read. It prints nothing and
// writes nothing, gives the same bytes for the same input, and reports every problem as a
// diagnostic: spec errors, custom route files it cannot read (SF601, all of them at once),
// custom routes on a generated route (SF602).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generate, type GenerateInput } from "../../generator/generate.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { readTemplates } from "../../generator/read/read-output.js";
import { readCustomRoutes, type CustomRouteDecl, type CustomRoutesRead } from "../../generator/read/read-custom-routes.js";

const ROOT = join(import.meta.dirname, "..", "..");
const TEMPLATES = readTemplates(join(ROOT, "templates"));
const SCHEMA = "# Notes\n\n## notes\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | not null, references users(id) |\n| title | varchar(80) | not null |\n\n## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | text | primary key |\n";
const API = "# API\n\n### GET /api/notes\n### POST /api/notes\n### POST /api/notes/{id}/summarize\n";

function input(schema: string, custom: CustomRoutesRead = { routes: [], diagnostics: [] }): GenerateInput {
  return {
    specs: {
      schema: { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema },
      api: { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
      ignored: [],
      diagnostics: [],
    },
    customRoutes: custom,
    templates: TEMPLATES,
    previous: NO_PREVIOUS,
    previousClientSchema: null,
    outName: "generated",
  };
}

const route = (method: CustomRouteDecl["method"], path: string, file = "src/routes/notes-summarize.ts"): CustomRouteDecl => ({
  file,
  stem: file.replace(/^.*\/|\.ts$/g, ""),
  method,
  path,
  summary: "Summarize a note",
  response: { status: 200, schema: { type: "object" } },
});

describe("generate()", () => {
  let writes: string[];
  beforeEach(() => {
    writes = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (writes.push(String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => (writes.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  it("gives the output files and prints nothing; twice the same bytes", async () => {
    const a = await generate(input(SCHEMA));
    const b = await generate(input(SCHEMA));
    expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect([...a.files!.keys()].filter((k) => /^migrations\/0001_.*\.ts$/.test(k))).toHaveLength(1);
    expect([...a.files!.entries()]).toEqual([...b.files!.entries()]);
    expect([...a.scaffold.keys()].some((k) => k.includes("hooks"))).toBe(true);
    expect(writes).toEqual([]);
  });

  it("returns spec errors as diagnostics, and no files", async () => {
    const r = await generate(input("# nothing here\n\nJust prose.\n"));
    expect(r.files).toBeNull();
    expect(r.ir).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toContain("SF102");
    expect(writes).toEqual([]);
  });

  it("reports every custom route file that could not be read, with no files", async () => {
    const r = await generate(input(SCHEMA, {
      routes: [],
      diagnostics: [
        { severity: "error", code: "SF601", message: "no default export", span: { file: "src/routes/a.ts", line: 1, column: 1 } },
        { severity: "error", code: "SF601", message: "no handler", span: { file: "src/routes/b.ts", line: 4, column: 3 } },
      ],
    }));
    expect(r.files).toBeNull();
    expect(r.diagnostics.filter((d) => d.code === "SF601").map((d) => d.span.file)).toEqual(["src/routes/a.ts", "src/routes/b.ts"]);
  });

  it("refuses a custom route on a working generated route (SF602) but lets one replace a stub", async () => {
    const clash = await generate(input(SCHEMA, { routes: [route("post", "/api/notes", "src/routes/notes-post.ts"), route("post", "/api/notes/{noteId}/summarize")], diagnostics: [] }));
    expect(clash.files).toBeNull();
    expect(clash.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.span.file, d.message])).toEqual([
      ["SF602", "src/routes/notes-post.ts", "POST /api/notes is a generated route already"],
    ]);
    const ok = await generate(input(SCHEMA, { routes: [route("post", "/api/notes/{noteId}/summarize")], diagnostics: [] }));
    expect(ok.files?.get("app.ts")).toContain("notes-summarize");
  });
});

describe("readCustomRoutes", () => {
  it("reads every file and reports each one it cannot read at its position (SF601)", { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "sf-routes-"));
    try {
      mkdirSync(join(dir, "src", "routes"), { recursive: true });
      writeFileSync(join(dir, "src", "routes", "a.ts"), "export const x = 1;\n");
      writeFileSync(join(dir, "src", "routes", "b.ts"), "// b\nexport default 42;\n");
      const r = await readCustomRoutes(dir);
      expect(r.routes).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.span.file, d.span.line])).toEqual([
        ["SF601", "src/routes/a.ts", 1],
        ["SF601", "src/routes/b.ts", 2],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
