// Every diagnostic code is produced by at least one case here, at an exact line:column.
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../generator/base/diagnostics.js";
import { loadSpecs } from "../../generator/front.js";
import { load, pos, where } from "./helpers.js";

const USERS = "## users\n\n- id: text (primary key)\n";
const TASKS = "## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- done: boolean (not null, default false)\n";
const BASE = `${USERS}\n${TASKS}`;

interface Case {
  code: string;
  schema: string;
  api?: string;
  yaml?: boolean;
  /** Text the diagnostic must point at (in the schema, or in the api when inApi), with occurrence. */
  at: string;
  nth?: number;
  inApi?: boolean;
  severity: "error" | "warning";
}

const cases: Case[] = [
  { code: "SF102", schema: "# Schema\n\nNothing here yet.\n", at: "# Schema", severity: "error" },
  { code: "SF102", schema: "# Schema\n\nSome prose.\n\n| Thing | Meaning |\n|---|---|\n| a | b |\n", at: "| Thing", severity: "error" },
  { code: "SF103", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- starts: clock\n`, at: "clock", severity: "warning" },
  { code: "SF103", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- tags: json[]\n`, at: "json[]", severity: "warning" },
  { code: "SF104", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- owner: text (references userz(id))\n`, at: "owner", severity: "warning" },
  { code: "SF105", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(uid))\n`, at: "user_id", severity: "warning" },
  {
    code: "SF106",
    schema: `${USERS}\n## tasks\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| title | text | |\n| title | text | |\n`,
    at: "title",
    nth: 1,
    severity: "warning",
  },
  {
    code: "SF107",
    schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- title: text\n\n\`\`\`sql\nCREATE TABLE tasks (id serial primary key, title integer);\n\`\`\`\n`,
    at: "integer",
    severity: "warning",
  },
  { code: "SF108", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- title: text (required, shiny)\n`, at: "shiny", severity: "warning" },
  { code: "SF109", schema: `${USERS}\n## tasks\n\n- title: text\n`, at: "tasks", severity: "warning" },
  { code: "SF122", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- state: Enum?\n`, at: "Enum?", severity: "warning" },
  {
    code: "SF123",
    schema: `## users\n\n- id: text (primary key)\n- password_hash: text (not null)\n\n${TASKS}`,
    at: "password_hash",
    severity: "warning",
  },
  {
    code: "SF124",
    schema: `## users\n\n- id: text (primary key)\n- birthday: date (not null)\n\n${TASKS}`,
    at: "birthday",
    severity: "warning",
  },
  {
    code: "SF212",
    schema: `${USERS}\n## pairs\n\n- user_id: text (references users(id))\n- b: integer\n- Primary key: (user_id, b)\n`,
    api: "### GET /api/{user_id}/pairs/{id}\n",
    at: "GET",
    inApi: true,
    severity: "warning",
  },
  { code: "SF111", schema: `${BASE}\nIndexes:\n- (user_id, nope)\n`, at: "(user_id, nope)", severity: "warning" },
  { code: "SF112", schema: `${BASE}\n## Indexes\n\n- ghosts.name\n`, at: "ghosts.name", severity: "warning" },
  { code: "SF112", schema: `${BASE}\n## Indexes\n\n- (id)\n`, at: "(id)", nth: 1, severity: "warning" },
  { code: "SF113", schema: `${BASE}\nIndexes:\n- whatever helps\n`, at: "whatever", severity: "warning" },
  { code: "SF113", schema: `${BASE}\n\`\`\`sql\nALTER TABLE ghosts ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES users(id);\n\`\`\`\n`, at: "ghosts", severity: "warning" },
  // An owner named by a marker (no reference to follow) whose type cannot hold a user id.
  { code: "SF114", schema: `${USERS}\n## tasks\n\nOwner: owner_id\n\n- id: serial (primary key)\n- owner_id: integer\n`, at: "owner_id", nth: 1, severity: "error" },
  {
    code: "SF115",
    schema: `${BASE}\n## notes\n\n- id: serial (primary key)\n- user_id: text (FK -> users.id)\n- task_id: uuid (FK -> tasks.id)\n`,
    at: "uuid (FK",
    severity: "warning",
  },
  {
    code: "SF115",
    schema: `${BASE}\n## notes\n\n- id: serial (primary key)\n- user_id: text (FK -> users.id)\n- task_ids: json (FK -> tasks.id)\n`,
    at: "json (FK",
    severity: "warning",
  },
  { code: "SF116", schema: `${BASE}\n## notes\n\n- id: serial (primary key)\n- parent: integer (foreign key)\n`, at: "foreign key", severity: "warning" },
  { code: "SF117", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- priority: enum(low, high) (not null, default medium)\n`, at: "medium", severity: "warning" },
  { code: "SF118", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- due: timestamp (default whenever())\n`, at: "whenever()", severity: "warning" },
  { code: "SF119", schema: `${USERS}\n## tasks\n\nOwner: owner_id\n\n- id: serial (primary key)\n`, at: "owner_id", severity: "error" },
  { code: "SF120", schema: `## accounts (identity)\n\n- id: text (primary key)\n\n## users (identity)\n\n- id: text (primary key)\n`, at: "users", severity: "warning" },
  { code: "SF121", schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- title: text (nullable, not null)\n`, at: "not null", severity: "warning" },
  { code: "SF200", schema: BASE, api: "# API\n\nNothing yet.\n", at: "# API", inApi: true, severity: "warning" },
  { code: "SF201", schema: BASE, api: "### GET /api/{user_id}/widgets\n", at: "GET", inApi: true, severity: "warning" },
  { code: "SF202", schema: BASE, api: "### POST /api/{user_id}/tasks/{id}/a/b\n", at: "POST", inApi: true, severity: "warning" },
  { code: "SF202", schema: BASE, api: "### GET /api/tasks/{id}/users\n", at: "GET", inApi: true, severity: "warning" },
  { code: "SF203", schema: BASE, api: "### POST /api/auth/login\n", at: "POST", inApi: true, severity: "warning" },
  { code: "SF204", schema: BASE, api: "### PATCH /api/{user_id}/tasks/{id}/archive\n", at: "PATCH", inApi: true, severity: "warning" },
  { code: "SF213", schema: BASE, api: "### GET /api/{user_id}/tasks\n\nQuery Parameters:\n- due: today|overdue|week\n", at: "due", inApi: true, severity: "warning" },
  {
    code: "SF217",
    schema: BASE,
    api: "### POST /api/{user_id}/tasks\n\n**Request Body**:\n\n| Field | Type | Required | Constraints |\n|---|---|---|---|\n| `done` | boolean | No | |\n| `priority` | string | No | `high`, `low` |\n",
    at: "priority",
    inApi: true,
    severity: "warning",
  },
  {
    code: "SF218",
    schema: `${USERS}\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- headline: text (renamed from title)\n`,
    api: "### GET /api/{user_id}/tasks\n\nQuery Parameters:\n- search: string - search in title\n",
    at: "search",
    inApi: true,
    severity: "warning",
  },
  { code: "SF214", schema: BASE, api: "### GET /api/{user_id}/tasks\n\nQuery Parameters:\n- status: all|pending|someday\n", at: "status", inApi: true, severity: "warning" },
  { code: "SF205", schema: `${BASE}\n## tags\n\n- id: serial (primary key)\n`, api: "### POST /api/tags\n", at: "POST", inApi: true, severity: "warning" },
  { code: "SF127", schema: `${BASE}\n## Audit Log Table\n\nTo be designed.\n`, at: "Audit Log Table", severity: "warning" },
  { code: "SF126", schema: `${BASE}\n## tags\n\n- id: serial (primary key)\n`, at: "tags", severity: "warning" },
  { code: "SF137", schema: `${BASE}\n## sign_in_codes\n\n- id: serial (primary key)\n- email: text (not null)\n- code_hash: text (not null)\n`, at: "code_hash", severity: "warning" },
  { code: "SF223", schema: `${BASE}\n## sign_in_codes\n\n- id: serial (primary key)\n- code_hash: text (not null)\n`, api: "### GET /api/sign-in-codes\n", at: "GET", inApi: true, severity: "warning" },
  { code: "SF136", schema: `${USERS}\n## letters\n\n- id: serial (primary key)\n- addressee_id: text (references users(id))\n- writer_id: text (references users(id))\n`, at: "addressee_id", severity: "warning" },
  {
    code: "SF207",
    schema: BASE,
    api: "### POST /api/{user_id}/tasks\nResponds 201.\n\n### POST /api/{user_id}/tasks\nResponds 200.\n",
    at: "POST",
    nth: 1,
    inApi: true,
    severity: "warning",
  },
  { code: "SF208", schema: BASE, api: "### GET tasks\n", at: "GET", inApi: true, severity: "warning" },
  { code: "SF208", schema: BASE, api: "| Method | Path |\n|---|---|\n| GET | /api/{user_id}/tasks |\n| POST | /api/{user_id}/tasks |\n| FETCH | /api/tasks |\n", at: "FETCH", inApi: true, severity: "warning" },
  { code: "SF209", schema: BASE, api: "### GET /api/{user_id}/tasks\nPublic endpoint: no authentication required.\n", at: "GET", inApi: true, severity: "warning" },
  // SF210 is retired: built-in authentication is generated now.
  { code: "SF125", schema: BASE, api: "# API\n\nAuthentication: built-in\n\n### GET /api/{user_id}/tasks\n", at: "users", severity: "error" },
  {
    code: "SF125",
    schema: "## users\n\n- id: text (primary key)\n- email: text (not null)\n- password_hash: text (not null)\n",
    api: "Authentication: built-in\n",
    at: "email",
    severity: "error",
  },
  { code: "SF125", schema: "## tasks\n\n- id: serial (primary key)\n", api: "Authentication: built-in\n", at: "built-in", inApi: true, severity: "error" },
  {
    code: "SF215",
    schema: "## users\n\n- id: text (primary key)\n- email: text (unique)\n- password_hash: text\n",
    api: "Authentication: built-in\n\n### GET /api/users/{id}\n",
    at: "GET",
    inApi: true,
    severity: "warning",
  },
  { code: "SF211", schema: BASE, api: "# API\n\nAuthentication: magic beans\n\n### GET /api/{user_id}/tasks\n", at: "magic beans", inApi: true, severity: "warning" },
  { code: "SF301", schema: "tables:\n  tasks: [\n", yaml: true, at: "", severity: "error" },
  { code: "SF302", schema: "tables:\n  tasks:\n    description: no columns\n", yaml: true, at: "description", severity: "error" },
  { code: "SF302", schema: "tables: {}\n", api: "endpoints:\n  - GET tasks\n", yaml: true, at: "GET tasks", inApi: true, severity: "error" },
  {
    code: "SF303",
    schema: "tables:\n  users:\n    columns:\n      id: text, primary key\n    colour: blue\n",
    yaml: true,
    at: "colour",
    severity: "warning",
  },
];

describe("each diagnostic code at its exact place", () => {
  it.each(cases.map((c) => [`${c.code} ${c.at || "(end)"}`, c] as const))("%s", async (_name, c) => {
    const r = await load(c.schema, c.api, c.yaml ? "yaml" : "markdown");
    const hits = r.diagnostics.filter((d) => d.code === c.code);
    expect(hits.length, r.diagnostics.map(formatDiagnostic).join("\n")).toBeGreaterThan(0);
    const d = hits[0]!;
    expect(d.severity).toBe(c.severity);
    const text = c.inApi ? c.api! : c.schema;
    expect(d.span.file).toMatch(c.inApi ? /rest-endpoints/ : /schema/);
    if (c.at) expect(where(d)).toBe(pos(text, c.at, c.nth ?? 0));
    if (d.severity === "error") expect(r.ir).toBeNull();
  });

  it("an error diagnostic reads like compiler output", async () => {
    const r = await load(`${USERS}\n## tasks\n\nOwner: owner_id\n\n- id: serial (primary key)\n`);
    expect(formatDiagnostic(r.diagnostics.find((d) => d.severity === "error")!)).toBe(
      'specs/database/schema.md:7:8: error SF119: owner "owner_id" of table "tasks" is not one of its columns',
    );
  });
});

describe("reading spec files", () => {
  it("SF100: no schema file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sf-"));
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.ir).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.span.file])).toEqual([["SF100", "specs"]]);
  });

  it("SF100 points at a file that exists when the directory holds files that are not specs", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sf-"));
    await mkdir(path.join(dir, "specs"), { recursive: true });
    await writeFile(path.join(dir, "specs/README.md"), "# Notes\n\nNothing here yet.\n");
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics.map((d) => [d.code, d.span.file])).toEqual([["SF100", "specs/README.md"]]);
    expect(r.files?.ignored.map((f) => f.path)).toEqual(["specs/README.md"]);
  });

  it("SF101: two schema files; the Markdown one is read", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sf-"));
    await mkdir(path.join(dir, "specs/database"), { recursive: true });
    const root = path.resolve(import.meta.dirname, "../..");
    await writeFile(path.join(dir, "specs/database/schema.md"), await readFile(path.join(root, "specs/database/schema.md")));
    await writeFile(path.join(dir, "specs/database/schema.yaml"), "tables: {}\n");
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics.map((d) => [d.code, d.span.file])).toEqual([["SF101", "specs/database/schema.yaml"]]);
    expect(r.ir?.sources).toEqual({ schema: "specs/database/schema.md", api: null });
  });

  it.each([
    [["data-model.md", "api-spec.md"], "specs/data-model.md", "specs/api-spec.md"],
    [["database-schema.md", "api-endpoints.md", "README.md"], "specs/database-schema.md", "specs/api-endpoints.md"],
    [["001-todo/data-model.md", "001-todo/contracts/endpoints.md", "001-todo/plan.md"], "specs/001-todo/data-model.md", "specs/001-todo/contracts/endpoints.md"],
    [["application/database/schema.md", "application/api/endpoints.md"], "specs/application/database/schema.md", "specs/application/api/endpoints.md"],
    [["system/data-model.md", "api/endpoints.md"], "specs/system/data-model.md", "specs/api/endpoints.md"],
    // Names that say nothing: the content decides (a column table vs a list of routes).
    [["tables-and-such.md:schema", "routes-and-such.md:api"], "specs/tables-and-such.md", "specs/routes-and-such.md"],
  ])("finds the spec files under the names people use: %j", async (names, schema, api) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sf-"));
    for (const entry of names as string[]) {
      const [name, as] = entry.split(":");
      const file = path.join(dir, "specs", name!);
      await mkdir(path.dirname(file), { recursive: true });
      const isApi = as === "api" || (!as && /endpoints|api/.test(name!));
      const isSchema = as === "schema" || (!as && /model|schema/.test(name!));
      await writeFile(file, isApi ? "### GET /api/{user_id}/tasks\n\n### POST /api/{user_id}/tasks\n" : isSchema ? BASE : "# Plan\n\nSome prose.\n");
    }
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics).toEqual([]);
    expect(r.ir?.sources).toEqual({ schema, api });
    expect(r.files?.read).toEqual([schema, api]);
  });

  it("reads a .yaml contract that is Markdown around a fenced OpenAPI document", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sf-"));
    await mkdir(path.join(dir, "specs/contracts"), { recursive: true });
    await writeFile(path.join(dir, "specs/data-model.md"), BASE);
    await writeFile(path.join(dir, "specs/contracts/tasks.openapi.yaml"), "# Contract: tasks\n\n```yaml\nopenapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n  /api/{user_id}/tasks:\n    get:\n      responses: { '200': { description: ok } }\n```\n");
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir?.sources.api).toBe("specs/contracts/tasks.openapi.yaml");
    expect(r.ir?.endpoints.map((e) => `${e.method} ${e.path} ${e.span.line}`)).toEqual(["get /api/{user_id}/tasks 8"]); // the "get:" line
  });

  it("accepts api/endpoints.md and the flat layout", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sf-"));
    await mkdir(path.join(dir, "specs"), { recursive: true });
    await writeFile(path.join(dir, "specs/schema.md"), BASE);
    await writeFile(path.join(dir, "specs/endpoints.md"), "### GET /api/{user_id}/tasks\n");
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics).toEqual([]);
    expect(r.ir?.sources).toEqual({ schema: "specs/schema.md", api: "specs/endpoints.md" });
    expect(r.ir?.endpoints).toHaveLength(1);
  });
});

describe("guesses are notes, not diagnostics", () => {
  it("a default without a nullability word means not null", async () => {
    const r = await load(`${USERS}\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- done: boolean (default false)\n`);
    expect(r.diagnostics).toEqual([]);
    const done = r.ir!.tables.find((t) => t.name === "tasks")!.columns.find((c) => c.name === "done")!;
    expect(done.nullable).toBe(false);
    expect(r.notes.map((n) => n.message).join("\n")).toMatch(/done.*not null because it has a default/);
    // The FK to the identity table defaults to cascade, and that is noted too.
    expect(r.ir!.tables.find((t) => t.name === "tasks")!.columns[1]!.references?.onDelete).toBe("cascade");
    expect(r.notes.some((n) => /on delete cascade/.test(n.message))).toBe(true);
  });
});
