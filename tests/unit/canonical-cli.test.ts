// `specforge explain --format yaml`, `specforge normalize`, the combined YAML document as both
// specs, and the explicit list keys of the YAML form.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { canonicalYaml } from "../../generator/canonical.js";
import { EXIT, main } from "../../generator/cli.js";
import { loadSpecs } from "../../generator/front.js";
import { readSpecs } from "../../generator/read/read-specs.js";
import { load } from "./helpers.js";

const ROOT = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "specforge-canonical-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

/** A project directory holding a copy of the example specs (or the given files). */
function project(files?: Record<string, string>): string {
  const dir = join(work, `p${n++}`);
  if (files) {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(join(dir, p, ".."), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
  } else cpSync(join(ROOT, "specs"), join(dir, "specs"), { recursive: true });
  return dir;
}

// An owner marker naming no column: an error (whose rows are whose cannot be guessed).
const BROKEN = "tables:\n  users:\n    columns:\n      id: text, primary key\n  tasks:\n    owner: owner_id\n    columns:\n      id: serial, primary key\n      user_id: text, references users(id)\n";

describe("specforge explain --format yaml", () => {
  it("prints the canonical YAML alone on stdout (exit 0)", async () => {
    const c = capture();
    expect(await main(["explain", "--format", "yaml"], c.io, ROOT)).toBe(EXIT.ok);
    const { ir } = await loadSpecs(join(ROOT, "specs"), ROOT);
    expect(c.out.join("")).toBe(canonicalYaml(ir!));
    const doc = parse(c.out.join("")) as { tables: Record<string, unknown>; endpoints: unknown[] };
    expect(Object.keys(doc.tables)).toEqual(["categories", "tags", "task_tags", "tasks", "users"]);
    expect(doc.endpoints.length).toBe(ir!.endpoints.length);
  });

  it("refuses another format with the usage exit code", async () => {
    const c = capture();
    expect(await main(["explain", "--format", "json"], c.io, ROOT)).toBe(EXIT.usage);
    expect(c.err.join("")).toMatch(/--format takes "text" or "yaml"/);
  });

  it("prints only diagnostics (stderr) and exits 2 on spec errors", async () => {
    const dir = project({ "specs/schema.yaml": BROKEN });
    const c = capture();
    expect(await main(["explain", "--format", "yaml"], c.io, dir)).toBe(EXIT.specErrors);
    expect(c.out.join("")).toBe("");
    expect(c.err.join("")).toMatch(/error SF119/);
  });
});

describe("specforge normalize", () => {
  it("writes spec.yaml, refuses to overwrite it (exit 1) unless --force", async () => {
    const dir = project();
    const first = capture();
    expect(await main(["normalize"], first.io, dir)).toBe(EXIT.ok);
    expect(first.out.join("")).toBe("specforge normalize: wrote spec.yaml\n");
    const written = readFileSync(join(dir, "spec.yaml"), "utf8");
    const { ir } = await loadSpecs(join(dir, "specs"), dir);
    expect(written).toBe(canonicalYaml(ir!));

    writeFileSync(join(dir, "spec.yaml"), "mine\n");
    const again = capture();
    expect(await main(["normalize"], again.io, dir)).toBe(EXIT.drift);
    expect(again.err.join("")).toMatch(/refusing to overwrite spec\.yaml; pass --force/);
    expect(readFileSync(join(dir, "spec.yaml"), "utf8")).toBe("mine\n");

    expect(await main(["normalize", "--force"], capture().io, dir)).toBe(EXIT.ok);
    expect(readFileSync(join(dir, "spec.yaml"), "utf8")).toBe(written);
  });

  it("writes --out FILE (creating its directory); the file alone is a spec that reads back to the same YAML", async () => {
    const dir = project();
    expect(await main(["normalize", "--out", "clean/specs/schema.yaml"], capture().io, dir)).toBe(EXIT.ok);
    const text = readFileSync(join(dir, "clean/specs/schema.yaml"), "utf8");
    const back = await loadSpecs(join(dir, "clean/specs"), join(dir, "clean"));
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(canonicalYaml(back.ir!)).toBe(text);
  });

  it("writes nothing and exits 2 on spec errors", async () => {
    const dir = project({ "specs/schema.yaml": BROKEN });
    expect(await main(["normalize"], capture().io, dir)).toBe(EXIT.specErrors);
    expect(existsSync(join(dir, "spec.yaml"))).toBe(false);
  });
});

describe("a YAML document holding tables and endpoints", () => {
  const combined = "tables:\n  notes:\n    columns:\n      id: serial, primary key\n      body: text\nendpoints:\n  - GET /api/notes\n";

  it("is both the schema and the API spec", async () => {
    const dir = project({ "specs/schema.yaml": combined });
    const r = await readSpecs(join(dir, "specs"), dir);
    expect([r.schema?.path, r.schema?.kind, r.api?.path, r.api?.kind]).toEqual(["specs/schema.yaml", "schema", "specs/schema.yaml", "api"]);
    expect(r.diagnostics).toEqual([]);
    const front = await loadSpecs(join(dir, "specs"), dir);
    expect(front.ir!.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(["get /api/notes"]);
  });

  it("found as the API spec by its name, it is the schema too", async () => {
    const dir = project({ "specs/api/endpoints.yaml": combined });
    const r = await readSpecs(join(dir, "specs"), dir);
    expect([r.schema?.path, r.api?.path]).toEqual(["specs/api/endpoints.yaml", "specs/api/endpoints.yaml"]);
    expect(r.diagnostics).toEqual([]);
  });

  it("beside another API spec, its endpoints are ignored with SF101 at the endpoints key", async () => {
    const dir = project({ "specs/schema.yaml": combined, "specs/api/rest-endpoints.md": "### GET /api/notes/{id}\nOne note.\n" });
    const r = await readSpecs(join(dir, "specs"), dir);
    expect(r.api?.path).toBe("specs/api/rest-endpoints.md");
    expect(r.diagnostics.map((d) => `${d.span.file}:${d.span.line}: ${d.code} ${d.message}`)).toEqual([
      "specs/schema.yaml:6: SF101 the endpoints in specs/schema.yaml are ignored: specs/api/rest-endpoints.md is read as the API spec",
    ]);
  });

  it("a schema without endpoints stays the schema alone", async () => {
    const dir = project({ "specs/schema.yaml": "tables:\n  notes:\n    columns:\n      id: serial, primary key\n" });
    const r = await readSpecs(join(dir, "specs"), dir);
    expect([r.schema?.path, r.api]).toEqual(["specs/schema.yaml", null]);
  });
});

describe("the YAML form's explicit keys", () => {
  const schema = [
    "tables:",
    "  tasks:",
    "    owner: user_id",
    "    checks:",
    "      - { name: tasks_window, sql: ends_at > starts_at }",
    "    columns:",
    "      id: serial, primary key",
    "      user_id: text, not null, references users(id) on delete cascade",
    "      title: varchar(200), not null",
    "      completed: boolean, not null, default false",
    "      starts_at: timestamptz, nullable",
    "      ends_at: timestamptz, nullable",
    "      created_at: timestamptz, not null, default now()",
    "  labels:",
    "    shared: read",
    "    columns:",
    "      id: serial, primary key",
    "      name: varchar(40), not null",
    "  users:",
    "    identity: true",
    "    columns:",
    "      id: text, primary key",
    "row_level_security: false",
    "",
  ].join("\n");
  const api = [
    "auth: external (Clerk)",
    "endpoints:",
    "  - method: GET",
    "    path: /api/tasks",
    "    envelope: { items: tasks, total: count }",
    "    list:",
    "      pagination: page",
    "      limit: { param: per_page, default: 20, max: 200 }",
    "      sort: { param: sort_by, keys: [title, created], default: title }",
    "      search: { param: q, columns: [title] }",
    "      filters: { completed: [yes, no], title: [] }",
    "",
  ].join("\n");

  it("list: declares the query parameters exactly", async () => {
    const r = await load(schema, api, "yaml");
    expect(r.diagnostics.filter((d) => d.severity !== "warning" || d.code.startsWith("SF3"))).toEqual([]);
    expect(r.ir!.endpoints[0]!.list).toEqual({
      pagination: "page",
      limitParam: "per_page",
      defaultLimit: 20,
      maxLimit: 200,
      filters: [
        { param: "completed", column: "completed", choices: [{ word: "yes", match: { equals: true } }, { word: "no", match: { equals: false } }] },
        { param: "title", column: "title", choices: null },
      ],
      sort: { param: "sort_by", orderParam: null, keys: [{ name: "title", column: "title" }, { name: "created", column: "created_at" }], default: { column: "title", direction: "asc" } },
      search: { param: "q", columns: ["title"] },
      envelope: { items: "tasks", total: "count" },
      inferred: false,
    });
  });

  it("checks, row_level_security and auth are read; shared is accepted", async () => {
    const r = await load(schema, api, "yaml");
    const tasks = r.ir!.tables.find((t) => t.name === "tasks")!;
    expect(tasks.checks?.map((c) => [c.name, c.sql, c.compare])).toEqual([["tasks_window", "ends_at > starts_at", [{ left: "ends_at", op: ">", right: "starts_at" }]]]);
    expect(r.ir!.rowLevelSecurity).toBe(false);
    expect(r.ir!.auth).toMatchObject({ mode: "external", provider: "Clerk" });
    expect(r.diagnostics.filter((d) => d.code === "SF303")).toEqual([]);
    expect(r.ir!.tables.find((t) => t.name === "labels")!.shared).toBe("read");
  });

  it("an unknown key inside list: is SF303", async () => {
    const r = await load(schema, api.replace("      pagination: page", "      paging: page"), "yaml");
    expect(r.diagnostics.filter((d) => d.code === "SF303").map((d) => d.message)).toEqual(['unknown key "paging" in endpoints.0.list; it is ignored']);
  });
});

describe("the other spec's keys in a document holding one part", () => {
  it("auth in a schema without endpoints, enums in an API spec without tables: SF303", async () => {
    const r = await load("auth: built-in\ntables:\n  notes:\n    columns:\n      id: serial, primary key\n", "enums: { Mood: [a, b] }\nendpoints:\n  - GET /api/notes\n", "yaml");
    expect(r.diagnostics.filter((d) => d.code === "SF303").map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.message}`)).toEqual([
      'specs/api/rest-endpoints.yaml:1:1 unknown key "enums" in the document; it is ignored',
      'specs/database/schema.yaml:1:1 unknown key "auth" in the document; it is ignored',
    ]);
  });
});
