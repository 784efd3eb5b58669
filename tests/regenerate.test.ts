// Regenerating safely: `check` as one CI gate with its own exit code per drift,
// hand-written hooks that survive regeneration, and `generate --watch`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main, EXIT } from "../generator/cli.js";
import { diffApis } from "../generator/check/api-diff.js";
import { parseMarkdown } from "../generator/parse/parse-markdown.js";
import { isRulePhrase, loadSpecFiles } from "../generator/front.js";

const ROOT = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "specforge-regen-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err, text: () => out.join("") + err.join("") };
}

let n = 0;
async function freshProject(): Promise<string> {
  const p = join(work, `p${++n}`);
  cpSync(join(ROOT, "specs"), join(p, "specs"), { recursive: true });
  expect(await main(["generate"], capture().io, p)).toBe(EXIT.ok);
  return p;
}

const schemaPath = (p: string) => join(p, "specs", "database", "schema.md");
const apiPath = (p: string) => join(p, "specs", "api", "rest-endpoints.md");
function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, "utf8");
  const next = text.replace(from, to);
  expect(next, `edit of ${file}`).not.toBe(text);
  writeFileSync(file, next);
}
const addColumn = (p: string, name: string) => edit(schemaPath(p), "- due_date: timestamp (optional)", `- due_date: timestamp (optional)\n- ${name}: text (optional)`);

describe("specforge check: one CI gate, one exit code per drift", () => {
  it("passes when in sync (text and json)", async () => {
    const p = await freshProject();
    expect(await main(["check"], capture().io, p)).toBe(EXIT.ok);
    const c = capture();
    expect(await main(["check", "--format", "json", "--fail-on", "breaking"], c.io, p)).toBe(EXIT.ok);
    expect(JSON.parse(c.out.join(""))).toMatchObject({ exitCode: 0, status: "in-sync", files: [], missingMigrations: [], editedMigrations: [], breakingChanges: [] });
  });

  it("1: generated code differs (a hand edit), with a unified diff", async () => {
    const p = await freshProject();
    edit(join(p, "generated", "routes", "tasks.ts"), "throw notFound", "/* hand edit */ throw notFound");
    const c = capture();
    expect(await main(["check"], c.io, p)).toBe(EXIT.drift);
    expect(c.out.join("")).toMatch(/^-.*hand edit/m);
  });

  it("3: a schema change without its migration", async () => {
    const p = await freshProject();
    addColumn(p, "notes");
    const c = capture();
    expect(await main(["check"], c.io, p)).toBe(EXIT.migrationMissing);
    expect(c.err.join("")).toMatch(/no migration was generated for it \(would be 0002_add_tasks_notes\)/);
    const j = capture();
    expect(await main(["check", "--format", "json"], j.io, p)).toBe(EXIT.migrationMissing);
    expect(JSON.parse(j.out.join("")).missingMigrations).toEqual(["0002_add_tasks_notes"]);
    // A pending destructive change is a missing migration too (check plans it, generate refuses it).
    expect(await main(["generate"], capture().io, p)).toBe(EXIT.ok);
    edit(schemaPath(p), "- notes: text (optional)\n", "");
    expect(await main(["check"], capture().io, p)).toBe(EXIT.migrationMissing);
    const g = capture();
    expect(await main(["generate"], g.io, p)).toBe(EXIT.specErrors);
    expect(g.err.join("")).toMatch(/^specs\/database\/schema\.md:\d+:\d+: error SF502: this schema change drops column "tasks\.notes"/m);
    expect(await main(["generate", "--allow-destructive"], capture().io, p)).toBe(EXIT.ok);
    expect(await main(["check"], capture().io, p)).toBe(EXIT.ok);
  });

  it("4: a committed migration was edited, deleted or slipped in (hash chain)", async () => {
    const p = await freshProject();
    addColumn(p, "notes");
    expect(await main(["generate"], capture().io, p)).toBe(EXIT.ok);
    const first = join(p, "generated", "migrations", "0001_init.ts");
    const original = readFileSync(first, "utf8");
    writeFileSync(first, original.replace('t.string("title", 200)', 't.string("title", 250)'));
    const c = capture();
    expect(await main(["check"], c.io, p)).toBe(EXIT.migrationEdited);
    expect(c.err.join("")).toMatch(/committed migration 0001_init was edited/);
    // Regenerating does not bless the edit.
    const g = capture();
    expect(await main(["generate"], g.io, p)).toBe(EXIT.ok);
    expect(g.err.join("")).toMatch(/warning: committed migration 0001_init was edited/);
    expect(await main(["check"], capture().io, p)).toBe(EXIT.migrationEdited);
    writeFileSync(first, original);
    expect(await main(["generate"], capture().io, p)).toBe(EXIT.ok);
    expect(await main(["check"], capture().io, p)).toBe(EXIT.ok);
    // Deleting one is caught too.
    rmSync(join(p, "generated", "migrations", "0002_add_tasks_notes.ts"));
    const d = capture();
    expect(await main(["check", "--format", "json"], d.io, p)).toBe(EXIT.migrationEdited);
    expect(JSON.parse(d.out.join("")).editedMigrations).toEqual([expect.objectContaining({ migration: "0002_add_tasks_notes", kind: "deleted" })]);
  });

  it("5: breaking API changes, reported oasdiff-style, failing only with --fail-on breaking", async () => {
    const p = await freshProject();
    const base = join(p, "base-openapi.json");
    cpSync(join(p, "generated", "openapi.json"), base);
    // Remove an operation, then regenerate and commit: the tree is in sync, the API broke.
    edit(apiPath(p), /^\| DELETE \| \/api\/\{user_id\}\/categories\/\{id\}.*\n/m, "");
    expect(await main(["generate"], capture().io, p)).toBe(EXIT.ok);
    const soft = capture();
    expect(await main(["check", "--base", base], soft.io, p)).toBe(EXIT.ok);
    expect(soft.out.join("")).toMatch(/error\t\[api-removed-without-deprecation\] at .*base-openapi\.json\t\n\tin API DELETE \/api\/\{user_id\}\/categories\/\{id\}\n/);
    expect(await main(["check", "--base", base, "--fail-on", "breaking"], capture().io, p)).toBe(EXIT.breaking);
    const j = capture();
    expect(await main(["check", "--base", base, "--fail-on", "breaking", "--format", "json"], j.io, p)).toBe(EXIT.breaking);
    expect(JSON.parse(j.out.join("")).breakingChanges).toEqual([{ id: "api-removed-without-deprecation", level: "error", operation: "DELETE /api/{user_id}/categories/{id}", text: "api operation removed without deprecation" }]);
    // Without --base, a spec edit not yet regenerated is compared with the committed document.
    edit(apiPath(p), /### DELETE \/api\/\{user_id\}\/tasks\/\{id\}[^#]*/, "");
    expect(await main(["check"], capture().io, p)).toBe(EXIT.drift);
    expect(await main(["check", "--fail-on", "breaking"], capture().io, p)).toBe(EXIT.breaking);
  });

  it("a type change that changes a field's JSON type is breaking by default (SF503), and check says so", async () => {
    const p = await freshProject();
    addColumn(p, "points");
    edit(schemaPath(p), "- points: text (optional)", "- points: integer (optional)");
    expect(await main(["generate"], capture().io, p)).toBe(EXIT.ok);
    // integer -> bigint: every value fits, but the API now serves the field as a JSON string.
    edit(schemaPath(p), "- points: integer (optional)", "- points: bigint (optional)");
    const c = capture();
    expect(await main(["check"], c.io, p)).toBe(EXIT.migrationMissing);
    expect(c.out.join("")).toMatch(/\[response-property-type-changed\][\s\S]*the 'points' response property type changed from 'integer\|null' to 'null\|string'/);
    expect(c.out.join("")).toMatch(/\[request-property-type-narrowed\][\s\S]*the request property 'points' is stricter: type narrowed from 'integer\|null' to 'null\|string'/);
    const g = capture();
    expect(await main(["generate"], g.io, p)).toBe(EXIT.specErrors);
    expect(g.err.join("")).toMatch(/^specs\/database\/schema\.md:\d+:\d+: error SF503: this schema change changes the API type of "tasks\.points" \(integer -> bigint\): responses give a JSON string/m);
    expect(g.err.join("")).toMatch(/hint: .*--allow-breaking/);
    expect(await main(["generate", "--allow-breaking"], capture().io, p)).toBe(EXIT.ok);
    const migration = readdirSync(join(p, "generated", "migrations")).find((f) => f.startsWith("0003_"))!;
    expect(readFileSync(join(p, "generated", "migrations", migration), "utf8")).toMatch(/\/\/ BREAKING API: changes the API type of "tasks\.points"/);
    expect(await main(["check"], capture().io, p)).toBe(EXIT.ok);
  });

  it("rejects bad options with the usage code", async () => {
    expect(await main(["check", "--fail-on", "everything"], capture().io, ROOT)).toBe(EXIT.usage);
    expect(await main(["check", "--format", "xml"], capture().io, ROOT)).toBe(EXIT.usage);
  });
});

describe("API breaking-change rules", () => {
  const doc = JSON.parse(readFileSync(join(ROOT, "generated", "openapi.json"), "utf8"));
  const clone = () => JSON.parse(JSON.stringify(doc));
  it("finds nothing between a document and itself", () => {
    expect(diffApis(doc, clone())).toEqual([]);
  });
  it.each([
    ["api-path-removed-without-deprecation", (d: any) => delete d.paths["/api/{user_id}/categories"]],
    ["response-property-removed", (d: any) => delete d.components.schemas.Task.properties.title],
    ["response-property-type-changed", (d: any) => (d.components.schemas.Task.properties.completed.type = "string")],
    ["new-required-request-property", (d: any) => {
      d.components.schemas.TaskCreate.properties.color = { type: "string" };
      d.components.schemas.TaskCreate.required.push("color");
    }],
    ["request-property-became-required", (d: any) => d.components.schemas.TaskCreate.required.push("description")],
    ["request-property-type-narrowed", (d: any) => (d.components.schemas.TaskCreate.properties.title.maxLength = 100)],
    ["request-property-type-narrowed", (d: any) => (d.components.schemas.TaskCreate.properties.priority.enum = ["low", "high"])],
    ["api-security-changed", (d: any) => (d.paths["/api/{user_id}/tasks"].get.security = [])],
  ])("reports %s", (id, change) => {
    const after = clone();
    change(after);
    expect(diffApis(doc, after).map((c) => c.id)).toContain(id);
  });
  it("compares a list's items: integer[] -> bigint[] changes the response and narrows the request", () => {
    const list = (items: Record<string, unknown>) => ({
      paths: { "/x": { post: {
        requestBody: { content: { "application/json": { schema: { type: "object", properties: { v: { type: "array", items } } } } } },
        responses: { "200": { content: { "application/json": { schema: { type: "object", properties: { v: { type: "array", items } } } } } } },
      } } },
    });
    const changes = diffApis(list({ type: "integer" }), list({ type: "string", pattern: "^-?[0-9]{1,19}$" }));
    expect(changes.map((c) => [c.id, c.text])).toEqual([
      ["response-property-type-changed", "the 'v' response property type changed from 'array<integer>' to 'array<string>' for the status '200'"],
      ["request-property-type-narrowed", "the request property 'v' is stricter: items type narrowed from 'integer' to 'string'"],
    ]);
    expect(diffApis(list({ type: "integer" }), list({ type: "number" }))).toEqual([
      expect.objectContaining({ id: "response-property-type-changed" }),
    ]);
  });
  it("does not report widening changes", () => {
    const after = clone();
    after.components.schemas.TaskCreate.properties.title.maxLength = 400;
    after.components.schemas.Task.properties.extra = { type: "string" };
    expect(diffApis(doc, after)).toEqual([]);
  });
});

describe("hand-written hooks survive regeneration", () => {
  it("creates a typed skeleton once and never touches an edited one across 10 regenerations", async () => {
    const p = await freshProject();
    const hook = join(p, "src", "hooks", "tasks.ts");
    expect(readFileSync(hook, "utf8")).toMatch(/export const hooks: ResourceHooks<Task, Task\[\], TaskCreate, typeof models> = \{/);
    const mine = `// my code\nimport type { ResourceHooks } from "../../generated/runtime/hooks.js";\nexport const hooks: ResourceHooks = { async beforeList() {} };\n`;
    writeFileSync(hook, mine);
    for (let i = 0; i < 10; i++) {
      addColumn(p, `extra_${i}`); // a real change each time: new migration, new routes/schemas
      const c = capture();
      expect(await main(["generate"], c.io, p), c.text()).toBe(EXIT.ok);
      expect(readFileSync(hook, "utf8")).toBe(mine);
      expect(await main(["check"], capture().io, p)).toBe(EXIT.ok);
    }
    expect(readdirSync(join(p, "generated", "migrations")).filter((f) => /^\d{4}_/.test(f))).toHaveLength(11);
    // A deleted skeleton is reported by check and recreated by generate.
    rmSync(join(p, "src", "hooks", "categories.ts"));
    expect(await main(["check"], capture().io, p)).toBe(EXIT.drift);
    expect(await main(["generate"], capture().io, p)).toBe(EXIT.ok);
    expect(existsSync(join(p, "src", "hooks", "categories.ts"))).toBe(true);
    expect(readFileSync(hook, "utf8")).toBe(mine);
  });
});

describe("a renamed table keeps its hand-written hooks wired", () => {
  // Under tests/.output (not the system's temp directory) so that the project's generated app
  // resolves koa, knex and objection from this repository's node_modules when it is run.
  const OUT = join(ROOT, "tests", ".output", "regen-rename");
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it("renamed_from moves the hook file with its table; after generate its code runs; a hook file no table uses fails check, named", async () => {
    rmSync(OUT, { recursive: true, force: true });
    cpSync(join(ROOT, "specs"), join(OUT, "specs"), { recursive: true });
    expect(await main(["generate"], capture().io, OUT)).toBe(EXIT.ok);
    const mine = [
      `import type { ResourceHooks } from "../../generated/runtime/hooks.js";`,
      `export const hooks: ResourceHooks = {`,
      `  async afterList(e, body) {`,
      `    e.ctx.set("x-my-hook", "ran for " + e.userId);`,
      `    return body;`,
      `  },`,
      `};`,
      ``,
    ].join("\n");
    writeFileSync(join(OUT, "src", "hooks", "categories.ts"), mine);
    // categories -> folders: the table, its foreign key and its routes.
    edit(schemaPath(OUT), /^## categories$/m, "## folders\n\nRenamed from: categories");
    edit(schemaPath(OUT), "-> categories.id", "-> folders.id");
    edit(apiPath(OUT), /\/categories/g, "/folders");
    // Before generate, check names both files: the one to move and where it goes (the rename's migration is missing too: exit 3).
    const before = capture();
    expect(await main(["check"], before.io, OUT)).toBe(EXIT.migrationMissing);
    expect(before.text()).toMatch(/src\/hooks\/categories\.ts: orphaned hook file \(the hooks of table "categories", now "folders": `specforge generate` moves it to src\/hooks\/folders\.ts\)/);
    const g = capture();
    expect(await main(["generate"], g.io, OUT), g.text()).toBe(EXIT.ok);
    expect(g.out.join("")).toContain(`moved src/hooks/categories.ts to src/hooks/folders.ts`);
    expect(existsSync(join(OUT, "src", "hooks", "categories.ts"))).toBe(false);
    expect(readFileSync(join(OUT, "src", "hooks", "folders.ts"), "utf8")).toBe(mine);
    expect(readFileSync(join(OUT, "generated", "app.ts"), "utf8")).toContain(`import { hooks as foldersHooks } from "../src/hooks/folders.js";`);
    expect(await main(["check"], capture().io, OUT)).toBe(EXIT.ok);

    // The regenerated app, run: GET /api/alice/folders runs the moved hook.
    const dir = join(OUT, "generated");
    const { createApp } = await import(join(dir, "app.ts"));
    const { migrations } = await import(join(dir, "migrations", "index.ts"));
    const { migrateLatest } = await import(join(dir, "runtime", "migrate.ts"));
    const { openDatabase } = await import(join(dir, "runtime", "db.ts"));
    const { createVerifier } = await import(join(dir, "runtime", "auth.ts"));
    const { TEST_SECRET, tokenFor } = await import("./helpers/tokens.js");
    const db = await openDatabase({ dataDir: "memory" });
    try {
      await migrateLatest(db.knex, migrations);
      const app = createApp({ knex: db.knex, verify: createVerifier({ secret: TEST_SECRET }), logError: (err: unknown) => { throw err; } });
      const server = app.listen(0, "127.0.0.1");
      await new Promise((r) => server.once("listening", r));
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/api/alice/folders`, { headers: { authorization: `Bearer ${await tokenFor("alice")}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get("x-my-hook")).toBe("ran for alice");
      } finally {
        server.close();
      }
    } finally {
      await db.close();
    }

    // A hook file no table uses: generate warns, check fails naming it.
    writeFileSync(join(OUT, "src", "hooks", "archive.ts"), mine);
    const w = capture();
    expect(await main(["generate"], w.io, OUT)).toBe(EXIT.ok);
    expect(w.err.join("")).toMatch(/warning: src\/hooks\/archive\.ts is used by no table/);
    const c = capture();
    expect(await main(["check"], c.io, OUT)).toBe(EXIT.drift);
    expect(c.text()).toMatch(/src\/hooks\/archive\.ts: orphaned hook file \(no table uses it/);
    const j = capture();
    expect(await main(["check", "--format", "json"], j.io, OUT)).toBe(EXIT.drift);
    expect(JSON.parse(j.out.join("")).files).toEqual([{ path: "../src/hooks/archive.ts", kind: "orphan" }]);
  }, 120_000);
});

describe("generate --watch", () => {
  it("regenerates when a spec file changes, then stops on abort", async () => {
    const p = await freshProject();
    const stop = new AbortController();
    const c = capture();
    const running = main(["generate", "--watch"], c.io, p, stop.signal);
    const journal = join(p, "generated", "migrations", "journal.json");
    const count = () => (JSON.parse(readFileSync(journal, "utf8")).migrations as unknown[]).length;
    await until(() => c.out.join("").includes("watching"));
    expect(count()).toBe(1);
    addColumn(p, "watched");
    await until(() => existsSync(journal) && count() === 2);
    stop.abort();
    expect(await running).toBe(EXIT.ok);
    expect(await main(["check"], capture().io, p)).toBe(EXIT.ok);
  });
});

describe("renamed from (reader)", () => {
  it.each([
    ["markdown column note", "## tasks\n\n- id: serial (primary key)\n- name: text (renamed from title)\n", "tasks", "name", "title"],
    ["markdown table note", "## todos\n\nRenamed from: tasks\n\n- id: serial (primary key)\n", "todos", null, "tasks"],
    ["yaml column note", "tables:\n  tasks:\n    columns:\n      id: serial, primary key\n      name: text, formerly title\n", "tasks", "name", "title"],
    ["yaml table key", "tables:\n  todos:\n    renamed_from: tasks\n    columns:\n      id: serial, primary key\n", "todos", null, "tasks"],
  ])("%s", async (_what, text, table, column, old) => {
    const yaml = text.startsWith("tables:");
    const { ir, diagnostics } = await loadSpecFiles({ path: `specs/database/schema.${yaml ? "yaml" : "md"}`, text, kind: "schema", format: yaml ? "yaml" : "markdown" } as never, null);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const t = ir!.tables.find((x) => x.name === table)!;
    if (column) expect(t.columns.find((c) => c.name === column)!.renamedFrom).toBe(old);
    else expect(t.renamedFrom).toBe(old);
  });
  it("keeps the note out of the raw text it does not own", async () => {
    const r = await parseMarkdown("## tasks\n\nRenamed from: todo_items\n\n- id: serial (primary key)\n", "s.md", "schema", { isRulePhrase });
    expect(r.raw.tables[0]!.renamedFrom?.text).toBe("todo_items");
    expect(r.raw.tables[0]!.renamedFrom?.span).toMatchObject({ line: 3 });
  });
});

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
