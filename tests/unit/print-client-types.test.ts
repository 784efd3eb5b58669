// print-client-types.ts writes generated/client/schema.ts's types without openapi-typescript:
// for every OpenAPI document at hand (the example app, the golden cases, the shared corpus,
// the benchmark's 100 tables, and spec variants made by fast-check) it must print what
// openapi-typescript's public API prints (the oracle), and never refuse one of ours. For
// anything it does not know, it must answer null (then openapi-typescript runs).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { printSchemaTypes, printSchemaTypesOrRefusal } from "../../generator/emit/print-client-types.js";
import { schemaTypes, schemaTypesViaApi } from "../../generator/emit/client-types.js";
import { buildOpenApi } from "../../generator/emit/emit-openapi.js";
import { json } from "../../generator/emit/common.js";
import { loadSpecs } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { endpoints as benchEndpoints, schema as benchSchema } from "../../bench/generator.js";
import { load } from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");
const GOLDEN = join(ROOT, "tests", "golden");
const CORPUS = join(ROOT, "..", "shared", "corpus");

/** Documents compared, for the summary at the end. */
const compared: string[] = [];

/** The printer prints exactly what openapi-typescript's public API prints. */
async function same(label: string, openapiJson: string): Promise<void> {
  const fast = printSchemaTypesOrRefusal(openapiJson);
  expect(fast.refusal, `${label}: refused`).toBeNull();
  const reference = await schemaTypesViaApi(openapiJson);
  // Line by line first: a failure then shows where the two part.
  if (fast.types !== reference) expect(fast.types!.split("\n"), label).toEqual(reference!.split("\n"));
  expect(fast.types).toBe(reference);
  compared.push(label);
}

const openapiOf = (ir: IR) => json(buildOpenApi(ir));

describe("schemaTypes", () => {
  // A shape the printer leaves alone (a discriminator, e.g. in a custom route's schema) goes
  // through openapi-typescript's public API, and the discriminator shapes the types.
  it("hands a document with a discriminator to openapi-typescript", { timeout: 30_000 }, async () => {
    const pet = { type: "object", required: ["kind"], properties: { kind: { type: "string" }, name: { type: "string" } } };
    const json = JSON.stringify({
      openapi: "3.1.0",
      info: { title: "pets", version: "1" },
      paths: { "/pets": { get: { operationId: "listPets", responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } } } } } } },
      components: {
        schemas: {
          Pet: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } } },
          Cat: pet,
          Dog: pet,
        },
      },
    });
    expect(printSchemaTypes(json)).toBeNull();
    const types = await schemaTypes(json);
    expect(types).toMatch(/kind: "cat"/);
    expect(types).toBe(await schemaTypesViaApi(json));
  });
});

describe("printSchemaTypes = openapi-typescript on the documents at hand", () => {
  const files = [
    "generated/openapi.json",
    ...readdirSync(GOLDEN)
      .map((n) => `tests/golden/${n}/expected/openapi.json`)
      .filter((p) => existsSync(join(ROOT, p))),
  ];
  it("has documents to compare", () => expect(files.length).toBeGreaterThan(2));
  for (const f of files) it(f, { timeout: 30_000 }, () => same(f, readFileSync(join(ROOT, f), "utf8")));

  const folders = existsSync(CORPUS) ? readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  it.skipIf(folders.length === 0).each(folders)("corpus %s (when it generates)", async (folder) => {
    const r = await loadSpecs(join(CORPUS, folder), ROOT);
    if (!r.ir) return; // specs the generator refuses (tests/corpus/corpus-apps.test.ts lists them)
    await same(`corpus ${folder}`, openapiOf(r.ir));
  });

  it("the benchmark's 100 tables", { timeout: 60_000 }, async () => {
    const r = await load(benchSchema(), benchEndpoints());
    expect(r.ir, JSON.stringify(r.diagnostics.filter((d) => d.severity === "error"))).not.toBeNull();
    const doc = openapiOf(r.ir!);
    expect(doc.length).toBeGreaterThan(300_000);
    await same("bench 100 tables", doc);
  });
});

// ---- Spec variants -----------------------------------------------------------------------------

/** Column types of the spec language, with what may follow them. */
const COLUMN_TYPES = ["varchar(80)", "string", "text", "integer", "bigint", "uuid", "boolean", "timestamp", "date", "time", "decimal", "numeric(10,2)", "float", "json", "jsonb", "smallint", "double precision"];
const WORDS = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma"];
/** Descriptions: quotes, backslashes, comment ends, non-ASCII, emphasis markers. */
const descriptionArb = fc.oneof(
  fc.constantFrom("Shown in lists", 'The "display" name', "Ends a comment */ here", "Price in €, 😀 allowed", "a\\b and `code`", "*starred* text", "Über-long déscription with <b>tags</b> & more", "  padded  "),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,'"*\/()é€-]{0,40}$/),
);

interface ColumnSpec {
  name: string;
  type: string;
  nullable: boolean | null;
  extra: string[];
  description: string | null;
  enumValues: string[] | null;
}

const columnArb: fc.Arbitrary<ColumnSpec> = fc
  .record({
    type: fc.oneof(fc.constantFrom(...COLUMN_TYPES), fc.constant("enum")),
    nullable: fc.constantFrom(true, false, null),
    description: fc.option(descriptionArb, { nil: null }),
    enumValues: fc.uniqueArray(fc.constantFrom("draft", "active", "archived", "done", "low", "high", "Mixed_Case", "x-ray"), { minLength: 1, maxLength: 4 }),
    unique: fc.boolean(),
    bounds: fc.option(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 10, max: 500 })), { nil: null }),
    withDefault: fc.boolean(),
  })
  .map(({ type, nullable, description, enumValues, unique, bounds, withDefault }) => {
    const extra: string[] = [];
    if (unique) extra.push("unique");
    const stringy = ["varchar(80)", "string", "text"].includes(type);
    const numeric = ["integer", "smallint", "float", "double precision"].includes(type);
    if (bounds && stringy) extra.push(`min length ${bounds[0]}`, `max length ${bounds[1]}`);
    if (bounds && numeric) extra.push(`min ${bounds[0]}`, `max ${bounds[1]}`);
    if (withDefault) {
      if (type === "boolean") extra.push("default false");
      else if (numeric) extra.push(`default ${bounds ? bounds[0] : 0}`);
      else if (type === "timestamp") extra.push("default now()");
      else if (type === "enum") extra.push(`default ${enumValues[0]}`);
      else if (stringy) extra.push("default 'x'");
    }
    return { name: "", type: type === "enum" ? `enum(${enumValues.join(", ")})` : type, nullable, extra, description, enumValues: type === "enum" ? enumValues : null };
  });

interface TableSpec {
  name: string;
  owned: boolean;
  pk: "serial" | "uuid" | "bigserial" | "text";
  columns: ColumnSpec[];
  /** A check constraint making a string column an enum. */
  check: boolean;
  refPrevious: boolean;
  endpoints: {
    list: boolean;
    create: boolean;
    get: boolean;
    replace: boolean;
    update: boolean;
    remove: boolean;
    deleteStatus: 200 | 204;
    toggle: boolean;
    setAction: boolean;
    stub: boolean;
    queryParams: boolean;
    summary: string | null;
  };
}

const tableArb = (name: string): fc.Arbitrary<TableSpec> =>
  fc.record({
    name: fc.constant(name),
    owned: fc.boolean(),
    pk: fc.constantFrom("serial", "uuid", "bigserial", "text"),
    columns: fc.array(columnArb, { minLength: 0, maxLength: 6 }),
    check: fc.boolean(),
    refPrevious: fc.boolean(),
    endpoints: fc.record({
      list: fc.boolean(),
      create: fc.boolean(),
      get: fc.boolean(),
      replace: fc.boolean(),
      update: fc.boolean(),
      remove: fc.boolean(),
      deleteStatus: fc.constantFrom(200 as const, 204 as const),
      toggle: fc.boolean(),
      setAction: fc.boolean(),
      stub: fc.boolean(),
      queryParams: fc.boolean(),
      summary: fc.option(descriptionArb, { nil: null }),
    }),
  });

interface Variant {
  builtin: boolean;
  provider: string | null;
  tables: TableSpec[];
  join: boolean;
  relationRoutes: boolean;
}

const variantArb: fc.Arbitrary<Variant> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.constantFrom(null, "Better Auth", "Clerk"), fc.boolean(), fc.boolean())
  .chain(([n, builtin, provider, join, relationRoutes]) =>
    fc.tuple(...WORDS.slice(0, n).map((w) => tableArb(`${w}s`))).map((tables) => ({ builtin, provider, tables, join, relationRoutes })),
  );

const pkType = (pk: TableSpec["pk"]) => (pk === "serial" ? "integer" : pk === "bigserial" ? "bigint" : pk === "uuid" ? "uuid" : "text");

/** The Markdown schema and API specs of a variant. */
function specsOf(v: Variant): { schema: string; api: string } {
  const s: string[] = ["# Database Schema", "", "## users", "", "- id: text (primary key)", `- email: varchar(255) (${v.builtin ? "unique, not null" : "unique, nullable"})`];
  if (v.builtin) s.push("- password_hash: text (not null)");
  s.push("- created_at: timestamp (not null, default now())", "");
  const api: string[] = ["# REST API Endpoints", ""];
  if (v.builtin) api.push("Authentication: built-in", "");
  else if (v.provider) api.push(`Authentication: external (${v.provider})`, "");
  const owned = v.tables.filter((t) => t.owned);
  v.tables.forEach((t, ti) => {
    s.push(`## ${t.name}`, "", "| Column | Type | Constraints | Description |", "|---|---|---|---|");
    const pk = t.pk === "serial" ? "serial | primary key" : t.pk === "bigserial" ? "bigserial | primary key" : t.pk === "uuid" ? "uuid | primary key, default gen_random_uuid()" : "text | primary key";
    s.push(`| id | ${pk} | |`);
    if (t.owned) s.push("| user_id | text | not null, references users(id) on delete cascade | Owner |");
    const used = new Set(["id", "user_id"]);
    t.columns.forEach((c, i) => {
      const name = `${["title", "name", "note", "amount", "state", "flag", "body"][i % 7]}${i >= 7 ? i : ""}`;
      if (used.has(name)) return;
      used.add(name);
      const constraints = [...(c.nullable === true ? ["nullable"] : c.nullable === false ? ["not null"] : []), ...c.extra];
      s.push(`| ${name} | ${c.type} | ${constraints.join(", ")} | ${c.description ?? ""} |`);
    });
    if (t.check) s.push(`| kind | varchar(20) | not null, CHECK (kind IN ('one','two','three')) | |`);
    const toggleCol = t.endpoints.toggle;
    if (toggleCol) s.push("| completed | boolean | not null, default false | |");
    if (t.endpoints.setAction) s.push("| status | enum(open, archived) | not null, default open | |");
    const prev = ti > 0 ? v.tables[ti - 1]! : null;
    // A foreign key to the previous table, when both are owned or both are not (an owned row
    // pointing at another user's row would be refused; a public one at a private one too).
    if (t.refPrevious && prev && prev.owned === t.owned) s.push(`| ${prev.name.slice(0, -1)}_id | ${pkType(prev.pk)} | nullable, references ${prev.name}(id) on delete set null | |`);
    s.push("| created_at | timestamp | not null, default now() | |", "| updated_at | timestamp | not null, default now() | |", "");

    const base = t.owned ? `/api/{user_id}/${t.name}` : `/api/${t.name}`;
    const pub = t.owned ? [] : ["", "Public: no authentication required."];
    const e = t.endpoints;
    const section = (method: string, path: string, lines: string[] = []) => api.push(`### ${method} ${path}`, ...lines, ...pub, "");
    if (e.list) {
      const q: string[] = [];
      if (e.queryParams) {
        q.push("", "Query Parameters:");
        if (toggleCol) q.push("- status: all|pending|completed (default: all)");
        if (e.setAction) q.push("- status_filter: all|open|archived");
        q.push("- sort: created|updated (default: created)", "- order: asc|desc", "- search: string - search in title and name", "- limit: integer (default: 20, max 200)");
      }
      section("GET", base, [e.summary ?? `List ${t.name}`, ...q]);
    }
    if (e.create) section("POST", base, ["Create one. Responds 201."]);
    if (e.get) section("GET", `${base}/{id}`, e.summary ? [e.summary] : []);
    if (e.replace) section("PUT", `${base}/{id}`);
    if (e.update) section("PATCH", `${base}/{id}`);
    if (e.remove) section("DELETE", `${base}/{id}`, [`Delete one. Responds ${e.deleteStatus}.`]);
    if (toggleCol) section("PATCH", `${base}/{id}/complete`, ["Toggle `completed`."]);
    if (e.setAction) section("POST", `${base}/{id}/archive`, ["Archive it."]);
    if (e.stub) section("POST", `${base}/{id}/frobnicate`, ["Does something the generator cannot guess."]);
  });
  // A join table between the first two owned tables: a many-to-many relation both ways.
  if (v.join && owned.length >= 2) {
    const [a, b] = owned as [TableSpec, TableSpec];
    const an = `${a.name.slice(0, -1)}_id`;
    const bn = `${b.name.slice(0, -1)}_id`;
    const jt = `${a.name.slice(0, -1)}_${b.name}`;
    s.push(`## ${jt}`, "", `Join table between ${a.name} and ${b.name}.`, "", "- id: serial (primary key)", "- user_id: text (foreign key -> users.id, on delete cascade, not null)");
    s.push(`- ${an}: ${pkType(a.pk)} (not null, foreign key -> ${a.name}.id, on delete cascade)`, `- ${bn}: ${pkType(b.pk)} (not null, foreign key -> ${b.name}.id, on delete cascade)`, "", "Indexes:", `- unique (${an}, ${bn})`, "");
    if (v.relationRoutes) {
      api.push(`### GET /api/{user_id}/${a.name}/{id}/${b.name}`, `The ${b.name} of one.`, "");
      api.push(`### PUT /api/{user_id}/${a.name}/{id}/${b.name}/{${bn}}`, "Attach. Responds 204.", "");
      api.push(`### DELETE /api/{user_id}/${a.name}/{id}/${b.name}/{${bn}}`, "Detach. Responds 204.", "");
    }
  }
  return { schema: s.join("\n"), api: api.join("\n") };
}

const RUNS = Number(process.env.FAST_TYPES_RUNS ?? 120);

describe("printSchemaTypes = openapi-typescript on spec variants (fast-check)", () => {
  it(`${RUNS} generated specs`, { timeout: 300_000 }, async () => {
    const tally = { runs: 0, generated: 0, refused: 0, endpoints: 0, constructs: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(variantArb, async (v) => {
        tally.runs++;
        const { schema, api } = specsOf(v);
        const r = await load(schema, api);
        if (!r.ir) {
          tally.refused++;
          return;
        }
        tally.generated++;
        tally.endpoints += r.ir.endpoints.length;
        for (const e of r.ir.endpoints) tally.constructs.add(e.action.kind);
        const doc = openapiOf(r.ir);
        for (const k of ["\"enum\"", "\"const\"", "\"format\"", "\"pattern\"", "\"items\"", "\"/api/auth/login\"", "\"next_cursor\"", "\"501\"", "\"Embedded"]) if (doc.includes(k)) tally.constructs.add(k);
        const fast = printSchemaTypesOrRefusal(doc);
        if (fast.refusal !== null) throw new Error(`refused (${fast.refusal}):\n${schema}\n${api}`);
        const reference = await schemaTypesViaApi(doc);
        if (fast.types !== reference) {
          const a = fast.types.split("\n");
          const b = (reference ?? "").split("\n");
          let i = 0;
          while (a[i] === b[i]) i++;
          throw new Error(`differs at line ${i + 1}:\nfast: ${JSON.stringify(a.slice(i, i + 3))}\nref:  ${JSON.stringify(b.slice(i, i + 3))}\n${schema}\n${api}`);
        }
        compared.push("variant");
      }),
      { numRuns: RUNS, seed: Number(process.env.FAST_TYPES_SEED ?? 20260611) },
    );
    if (process.env.FAST_TYPES_REPORT) console.log({ ...tally, constructs: [...tally.constructs].sort() });
    // Most variants must make an app (else the property tests little), and they must reach the constructs.
    expect(tally.generated).toBeGreaterThan(RUNS * 0.8);
    for (const k of ["list", "create", "get", "replace", "update", "delete", "toggle", "set", "stub", "relation-list", "relation-add", "relation-remove"]) expect(tally.constructs, k).toContain(k);
    for (const k of ["\"enum\"", "\"const\"", "\"format\"", "\"pattern\"", "\"items\"", "\"/api/auth/login\"", "\"501\"", "\"Embedded"]) expect(tally.constructs, k).toContain(k);
  });
});

// ---- Refusals ----------------------------------------------------------------------------------

/** A small document of our shape, with `patch` applied to its Task schema / operation. */
function doc(schemaPatch: Record<string, unknown> = {}, opPatch: Record<string, unknown> = {}, rootPatch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "API", version: "1.0.0" },
    paths: {
      "/tasks/{id}": {
        get: {
          operationId: "getTask",
          summary: "Get one",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "200": { description: "The task", content: { "application/json": { schema: { $ref: "#/components/schemas/Task" } } } }, "404": { $ref: "#/components/responses/Problem" } },
          ...opPatch,
        },
      },
    },
    components: {
      schemas: { Task: { type: "object", properties: { id: { type: "integer" }, title: { type: "string", description: "The title" } }, required: ["id"], ...schemaPatch }, Problem: { type: "object" } },
      responses: { Problem: { description: "Problem details", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } } },
    },
    ...rootPatch,
  });
}

describe("printSchemaTypes refuses what it does not know", () => {
  it("accepts the base document, and prints it as openapi-typescript does", () => same("refusal base", doc()));
  // A column that takes numbers from a list ("one of 1, 7, 30") is an enum of numbers: printed, not refused.
  it("prints an enum of numbers as openapi-typescript does", () => same("number enum", doc({ properties: { id: { type: "integer", enum: [1, 7, -2, 30] }, title: { type: "number", enum: [0.5, 1.5] } } })));

  const refused: [string, string][] = [
    ["discriminator", doc({ discriminator: { propertyName: "kind" } })],
    ["patternProperties", doc({ patternProperties: { "^x-": { type: "string" } } })],
    ["additionalProperties: true", doc({ additionalProperties: true })],
    ["additionalProperties: a schema", doc({ additionalProperties: { type: "string" } })],
    ["oneOf", doc({ oneOf: [{ type: "string" }, { type: "integer" }] })],
    ["allOf", doc({ allOf: [{ $ref: "#/components/schemas/Problem" }] })],
    ["anyOf", doc({ anyOf: [{ type: "string" }] })],
    ["nullable (3.0)", doc({ nullable: true })],
    ["readOnly property", doc({ properties: { id: { type: "integer", readOnly: true } } })],
    ["deprecated property", doc({ properties: { id: { type: "integer", deprecated: true } } })],
    ["a default on a property", doc({ properties: { id: { type: "integer", default: 1 } } })],
    ["an example", doc({ properties: { id: { type: "integer", example: 1 } } })],
    ["a const number", doc({ properties: { id: { const: 1 } } })],
    ["a tuple", doc({ properties: { id: { type: "array", prefixItems: [{ type: "string" }] } } })],
    ["an x- extension in a schema", doc({ "x-internal": true })],
    ["a $ref to a parameter", doc({}, { parameters: [{ $ref: "#/components/parameters/Id" }] })],
    ["a $ref with siblings", doc({ properties: { id: { $ref: "#/components/schemas/Problem", description: "x" } } })],
    ["a $ref to another document", doc({ properties: { id: { $ref: "other.json#/components/schemas/Problem" } } })],
    ["a $ref to a path", doc({ properties: { id: { $ref: "#/paths/~1tasks~1{id}" } } })],
    ["a $ref with an escaped name", doc({ properties: { id: { $ref: "#/components/schemas/A~1B" } } })],
    ["a requestBody $ref", doc({}, { requestBody: { $ref: "#/components/requestBodies/Task" } })],
    ["a response header $ref", doc({}, { responses: { "200": { description: "x", headers: { X: { $ref: "#/components/headers/X" } } } } })],
    ["a deprecated operation", doc({}, { deprecated: true })],
    ["an operation without operationId", doc({}, { operationId: undefined })],
    ["an operationId with #", doc({}, { operationId: "get#task" })],
    ["a callback", doc({}, { callbacks: {} })],
    ["a parameter with style", doc({}, { parameters: [{ name: "id", in: "path", required: true, style: "simple", schema: { type: "integer" } }] })],
    ["a parameter with content", doc({}, { parameters: [{ name: "id", in: "path", required: true, content: { "application/json": {} } }] })],
    ["media type examples", doc({}, { responses: { "200": { description: "x", content: { "application/json": { schema: {}, examples: {} } } } } })],
    ["response links", doc({}, { responses: { "200": { description: "x", links: {} } } })],
    ["webhooks", doc({}, {}, { webhooks: {} })],
    ["$defs at the root", doc({}, {}, { $defs: {} })],
    ["components.parameters", doc({}, {}, { components: { parameters: {} } })],
    ["a path-level parameter", JSON.stringify({ openapi: "3.1.0", paths: { "/x": { parameters: [], get: { operationId: "x", responses: {} } } } })],
    ["a description with a tab", doc({ description: "a\tb" })],
    ["a description with a lone CR", doc({ description: "a\rb" })],
    ["a description with U+2028", doc({ description: "a\u2028b" })],
    ["a description with a no-break space", doc({ description: "a\u00a0" })],
    ["a type openapi-typescript does not know", doc({ type: "file" })],
    ["a list of types with object", doc({ properties: { id: { type: ["object", "null"] } } })],
    ["a numeric key other than an integer", doc({ properties: { "1.5": { type: "string" } } })],
    ["not JSON", "{"],
  ];
  for (const [what, text] of refused) {
    it(`null for ${what}`, () => {
      expect(printSchemaTypes(text)).toBeNull();
      expect(printSchemaTypesOrRefusal(text).refusal).toBeTruthy();
    });
  }

  it("matches openapi-typescript on the edge cases it does accept", async () => {
    const edge = {
      a: { type: "string", enum: ["x", "x", "y"] },
      b: { type: "array", items: { type: ["integer", "number"] } },
      c: { type: "array", items: { type: "array", items: { type: ["string", "null"] } } },
      d: { description: "line one\nline two\r\n\n   indented  \n*/ end */", type: "string", format: "uuid", title: "  T  " },
      "401": { type: "integer" },
      "é-ü": { const: 'q"\\é' },
      'a"b\\c\u0001\u0000d\u00001': { type: "boolean" },
      e: { type: ["string", "null"], enum: [] },
      f: { type: "array", items: { enum: ["a", "b"] } },
      g: { type: "array" },
      h: { type: "object" },
      i: { type: "object", properties: {}, additionalProperties: false },
      j: { type: "object", properties: { k: { type: ["null", "string", "null"] } }, required: ["k"] },
      k: { enum: ["solo"] },
      m: { description: "" },
      n: { description: "   " },
      o: { title: "x", description: "emoji 😀 and <b>" },
      p: { type: "array", items: { type: "object", properties: { z: { $ref: "#/components/schemas/Task" } } } },
      r: { enum: [null] },
      "0": { type: "string" },
      "01": { type: "string" },
      "": { type: "string" },
      __proto__x: {},
    };
    await same("edge schema", doc({ properties: edge, required: ["a", "0"] }));
    await same(
      "edge operation",
      doc({}, {
        summary: "  Sum  ",
        description: "desc\nmore",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "integer", default: 1 } },
          { name: "q", in: "query", required: true, schema: { type: "string" } },
          { name: "q", in: "query", required: false, description: "dup", schema: { type: ["string", "null"], enum: ["a", null] } },
          { name: "h", in: "header", schema: { type: "string" } },
          { name: "c", in: "cookie" },
        ],
        requestBody: { description: "body", content: {} },
        responses: { default: { description: "d" }, "2XX": { description: "", content: { "text/plain": {} } }, "200": { description: "ok", headers: { "X-A": { required: true, schema: { type: "string" } }, B: {} } } },
      }),
    );
    // A document without components: openapi-typescript's public API (Redocly's bundling) adds
    // empty ones, so the two differ here; ours are never without components. What we print:
    expect(printSchemaTypes(JSON.stringify({ openapi: "3.1.0", info: { title: "x", version: "1" } }))).toBe(
      ["paths", "webhooks", "components", "$defs", "operations"].map((n) => `export type ${n} = Record<string, never>;\n`).join(""),
    );
    await same("empty paths and components", JSON.stringify({ openapi: "3.1.0", paths: {}, components: {} }));
  });

  it("compared enough documents", () => {
    // Run after the others (vitest runs a file's tests in order).
    expect(compared.length).toBeGreaterThan(5);
    if (process.env.FAST_TYPES_REPORT) console.log(`${compared.length} documents compared (${compared.filter((c) => c === "variant").length} variants)`);
  });
});
