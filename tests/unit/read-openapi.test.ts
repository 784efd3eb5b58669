// The OpenAPI reader: endpoints, query parameters, bodies, envelopes and row-like schemas out of
// an OpenAPI 3.0/3.1 document, every text at its exact line:column (through $refs too).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interpretConstraint } from "../../generator/ir/constraints.js";
import { spanMapper } from "../../generator/parse/block.js";
import { describe as describeParam, maxOf } from "../../generator/parse/query-params.js";
import { OPENAPI_INVALID } from "../../generator/parse/openapi-document.js";
import { isOpenApiDocument, readOpenApi } from "../../generator/parse/read-openapi.js";
import type { RawBodyField, RawText } from "../../generator/parse/raw.js";
import { pos } from "./helpers.js";

const FILE = "specs/contracts/openapi.yaml";
const lines = (...l: string[]) => l.join("\n") + "\n";
const at = (t: { span: { line: number; column: number } } | undefined) => (t ? `${t.span.line}:${t.span.column}` : "none");
const texts = (list: readonly RawText[]) => list.map((c) => c.text);
const field = (body: readonly RawBodyField[] | undefined, name: string) => body?.find((f) => f.name.text === name);

describe("isOpenApiDocument", () => {
  const cases: [string, string, boolean][] = [
    ["YAML with openapi", "openapi: 3.0.3\ninfo:\n  title: x\n", true],
    ["YAML with a quoted version after a comment", "# API\nopenapi: '3.1.0'\n", true],
    ["JSON", '{\n  "openapi": "3.1.0",\n  "paths": {}\n}', true],
    ["a fenced fragment with only paths", "paths:\n  /api/tasks:\n    get:\n      summary: x\n", true],
    ["a JSON fragment with only paths", '{"paths": {"/tasks": {}}}', true],
    ["Swagger 2.0 (read, to be refused with a clear error)", 'swagger: "2.0"\n', true],
    ["the specforge endpoints form", "endpoints:\n  - GET /api/{user_id}/tasks\n", false],
    ["a schema YAML", "tables:\n  tasks:\n    columns:\n      id: serial\n", false],
    ["an indented openapi key", "info:\n  openapi: 3.0.0\n", false],
    ["Markdown", "# API\n\nopenapi is nice\n", false],
  ];
  it.each(cases)("%s", (_, text, want) => {
    expect(isOpenApiDocument(text)).toBe(want);
  });
});

describe("operations", () => {
  const DOC = lines(
    "openapi: 3.0.3",
    "info: {title: t, version: '1'}",
    "paths:",
    "  /api/{user_id}/tasks:",
    "    parameters:",
    "      - name: user_id",
    "        in: path",
    "        required: true",
    "        schema: {type: string}",
    "    get:",
    "      summary: List tasks",
    "      responses:",
    "        '200': {description: ok}",
    "    post:",
    "      description: Creates a task. The owner is the caller.",
    "      responses:",
    "        '400': {description: bad}",
    "        '201': {description: created}",
    "    x-internal: true",
    "  /api/{user_id}/tasks/{id}:",
    "    delete:",
    "      operationId: deleteTask",
    "      responses:",
    "        204: {description: gone}",
    "    head:",
    "      responses: {'200': {description: ok}}",
    "    gett:",
    "      summary: typo",
    "  tasks:",
    "    get: {}",
  );
  const r = readOpenApi(DOC, FILE);

  it("gives one endpoint per path and method, positioned at the path key and the method key", () => {
    expect(r.endpoints.map((e) => `${e.method.text} ${e.path.text}`)).toEqual(["get /api/{user_id}/tasks", "post /api/{user_id}/tasks", "delete /api/{user_id}/tasks/{id}"]);
    expect(at(r.endpoints[0]!.path)).toBe(pos(DOC, "/api/{user_id}/tasks"));
    expect(at(r.endpoints[0]!.method)).toBe(pos(DOC, "get:"));
    expect(at(r.endpoints[1]!.method)).toBe(pos(DOC, "post:"));
    expect(at(r.endpoints[2]!.path)).toBe(pos(DOC, "/api/{user_id}/tasks/{id}"));
    expect(r.endpoints.every((e) => e.auth === undefined)).toBe(true);
  });

  it("summary: summary, else the description's first sentence, else operationId", () => {
    expect(r.endpoints.map((e) => e.summary)).toEqual(["List tasks", "Creates a task", "deleteTask"]);
  });

  it("status: the first 2xx response, whatever the order and quoting", () => {
    expect(r.endpoints.map((e) => e.status)).toEqual([200, 201, 204]);
  });

  it("reports other methods, non-method keys and paths without a slash as SF208 at their key", () => {
    const got = r.diagnostics.map((d) => `${d.severity} ${d.code} ${at(d)}`);
    expect(got).toEqual([`warning SF208 ${pos(DOC, "head:")}`, `warning SF208 ${pos(DOC, "gett:")}`, `warning SF208 ${pos(DOC, "  tasks:\n").replace(/:1$/, ":3")}`]);
    expect(r.diagnostics[0]!.message).toMatch(/HEAD is not supported/);
  });
});

describe("auth", () => {
  const doc = (top: string, ops: string) => lines("openapi: 3.0.3", "info: {title: t, version: '1'}", ...(top ? [top] : []), "paths:", ops);
  const get = (p: string, extra = "") => `  ${p}:\n    get:\n      ${extra || "summary: x"}\n      responses: {'200': {description: ok}}`;

  it("an explicit empty security list makes an operation public", () => {
    const d = doc("security:\n  - bearer: []", [get("/api/tasks"), get("/api/public/things", "security: []")].join("\n"));
    const r = readOpenApi(d, FILE);
    expect(r.endpoints.map((e) => e.auth)).toEqual([undefined, "public"]);
    expect(r.notes.some((n) => /public/.test(n.message) && at(n) === pos(d, "[]\n      responses"))).toBe(true);
  });

  it("a list of empty requirements ([{}]) is public too; {} beside a scheme is optional auth, read as required", () => {
    const r = readOpenApi(doc("", [get("/a", "security: [{}]"), get("/b", "security: [{}, {bearer: []}]")].join("\n")), FILE);
    expect(r.endpoints.map((e) => e.auth)).toEqual(["public", undefined]);
    expect(r.notes.some((n) => /optional/.test(n.message))).toBe(true);
  });

  it("with no security anywhere, only a plain health check is public", () => {
    const d = doc("", [get("/health"), get("/api/healthz"), get("/api/tasks"), get("/api/ping/{id}"), get("/status-page", "summary: Health check")].join("\n"));
    expect(readOpenApi(d, FILE).endpoints.map((e) => e.auth)).toEqual(["public", "public", undefined, undefined, "public"]);
  });

  it("a document that declares security (top level or schemes) leaves its health check to the security rules", () => {
    const withTop = doc("security:\n  - bearer: []", get("/health"));
    const withSchemes = doc("components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}", get("/health"));
    expect(readOpenApi(withTop, FILE).endpoints[0]!.auth).toBeUndefined();
    expect(readOpenApi(withSchemes, FILE).endpoints[0]!.auth).toBeUndefined();
  });
});

describe("query parameters", () => {
  const DOC = lines(
    "openapi: 3.0.3",
    "info: {title: t, version: '1'}",
    "paths:",
    "  /api/tasks:",
    "    parameters:",
    "      - $ref: '#/components/parameters/Limit'",
    "      - {name: status, in: query, schema: {type: string}}",
    "    get:",
    "      parameters:",
    "        - name: status",
    "          in: query",
    "          description: Filter by completion.",
    "          schema:",
    "            type: string",
    "            enum: [all, pending, completed]",
    "            default: all",
    "        - name: due_before",
    "          in: query",
    "          schema: {type: string, format: date-time}",
    "        - name: tag",
    "          in: query",
    "          schema: {type: array, items: {type: string, enum: [home, work]}}",
    "        - {name: X-Trace, in: header, schema: {type: string}}",
    "        - {in: query}",
    "      responses: {'200': {description: ok}}",
    "components:",
    "  parameters:",
    "    Limit:",
    "      name: limit",
    "      in: query",
    "      description: Page size",
    "      schema: {type: integer, minimum: 1, maximum: 100, default: 20}",
  );
  const r = readOpenApi(DOC, FILE);
  const q = r.endpoints[0]!.query!;

  it("reads each in: query parameter (path-level ones first, overridden by the operation's), not headers", () => {
    expect(q.map((p) => p.name.text)).toEqual(["limit", "status", "due_before", "tag"]);
  });

  it("follows a $ref to components/parameters: the name is positioned at the referenced node", () => {
    expect(at(q[0]!.name)).toBe(pos(DOC, "limit"));
    expect(q[0]).toMatchObject({ type: "integer", default: "20", values: [] });
    expect(q[0]!.text).toBe("integer, minimum 1, maximum 100, default 20; Page size");
    // What the list builder reads out of the text.
    expect(maxOf(q[0]!.text)).toBe(100);
  });

  it("values from enum, default from default, the operation's own definition", () => {
    expect(at(q[1]!.name)).toBe(pos(DOC, "status", 1));
    expect(q[1]).toMatchObject({ type: "string", values: ["all", "pending", "completed"], default: "all" });
    expect(describeParam(q[1]!.text)).toMatchObject({ type: "string", values: ["all", "pending", "completed"], default: "all" });
  });

  it("formats and arrays", () => {
    expect(q[2]).toMatchObject({ type: "datetime", values: [] });
    expect(q[3]).toMatchObject({ type: "array", values: ["home", "work"] });
  });

  it("a parameter without a name is SF113 at its place", () => {
    expect(r.diagnostics.map((d) => `${d.code} ${at(d)}`)).toEqual([`SF113 ${pos(DOC, "{in: query}")}`]);
  });
});

describe("list envelope", () => {
  const listDoc = (schema: string, method = "get") =>
    lines(
      "openapi: 3.1.0",
      "info: {title: t, version: '1'}",
      "paths:",
      "  /api/tasks:",
      `    ${method}:`,
      "      responses:",
      "        '200':",
      "          content:",
      "            application/json:",
      `              schema: ${schema}`,
      "components:",
      "  schemas:",
      "    Task: {type: object, properties: {id: {type: integer}}}",
      "    Page:",
      "      type: object",
      "      properties:",
      "        items: {type: array, items: {$ref: '#/components/schemas/Task'}}",
      "        meta: {type: object, properties: {page: {type: integer}, total_count: {type: integer}}}",
      "  responses:",
      "    Tasks:",
      "      description: ok",
      "      content:",
      "        application/json:",
      "          schema: {type: object, properties: {tasks: {type: array, items: {$ref: '#/components/schemas/Task'}}, total: {type: integer}}}",
    );
  const env = (schema: string, method?: string) => readOpenApi(listDoc(schema, method), FILE).endpoints[0]!.envelope;
  const cases: [string, string, { items: string; total: string | null; page?: string } | undefined][] = [
    ["items and a total", "{type: object, properties: {tasks: {type: array, items: {$ref: '#/components/schemas/Task'}}, total: {type: integer}}}", { items: "tasks", total: "total" }],
    ["items without a total", "{type: object, properties: {data: {type: array, items: {type: object, properties: {a: {type: string}}}}}}", { items: "data", total: null }],
    ["a count named totalCount", "{type: object, properties: {rows: {type: array, items: {$ref: '#/components/schemas/Task'}}, totalCount: {type: number}}}", { items: "rows", total: "totalCount" }],
    ["a nested meta total, through a $ref", "{$ref: '#/components/schemas/Page'}", { items: "items", total: "meta.total_count", page: "meta.page" }],
    ["a bare array", "{type: array, items: {$ref: '#/components/schemas/Task'}}", undefined],
    ["two arrays", "{type: object, properties: {a: {type: array, items: {type: object}}, b: {type: array, items: {type: object}}}}", undefined],
    ["an array of strings", "{type: object, properties: {names: {type: array, items: {type: string}}}}", undefined],
    ["a total that is a string", "{type: object, properties: {tasks: {type: array, items: {type: object}}, total: {type: string}}}", { items: "tasks", total: null }],
  ];
  it.each(cases)("%s", (_, schema, want) => {
    expect(env(schema)).toEqual(want);
  });

  it("only for GET", () => {
    expect(env("{type: object, properties: {tasks: {type: array, items: {type: object}}}}", "post")).toBeUndefined();
  });

  it("a response given by $ref to components/responses", () => {
    const d = listDoc("{}").replace("        '200':\n          content:\n            application/json:\n              schema: {}\n", "        '200': {$ref: '#/components/responses/Tasks'}\n");
    expect(readOpenApi(d, FILE).endpoints[0]!.envelope).toEqual({ items: "tasks", total: "total" });
  });
});

describe("request bodies", () => {
  const DOC = lines(
    "openapi: 3.0.3",
    "info: {title: t, version: '1'}",
    "paths:",
    "  /api/tasks:",
    "    post:",
    "      requestBody:",
    "        content:",
    "          application/json:",
    "            schema:",
    "              allOf:",
    "                - $ref: '#/components/schemas/TaskBase'",
    "                - type: object",
    "                  required: [title]",
    "                  properties:",
    "                    id: {type: integer, readOnly: true}",
    "                    priority:",
    "                      type: integer",
    "                      minimum: 0",
    "                      exclusiveMaximum: true",
    "                      maximum: 5",
    "                    score: {type: number, minimum: 0, exclusiveMinimum: true}",
    "                    email: {type: string, format: email}",
    "                    due: {type: string, format: date-time, nullable: true}",
    "                    ref: {type: string, format: uuid}",
    "                    done: {type: boolean, default: false}",
    "                    tags: {type: array, items: {type: string}}",
    "                    extra: {type: object}",
    "                    code: {type: string, pattern: '^[A-Z]{3}$'}",
    "                    choice: {oneOf: [{type: string}, {type: integer}]}",
    "      responses: {'201': {description: created}}",
    "    put:",
    "      requestBody: {$ref: '#/components/requestBodies/Task'}",
    "      responses: {'200': {description: ok}}",
    "    patch:",
    "      requestBody:",
    "        content:",
    "          application/json:",
    "            schema:",
    "              oneOf:",
    "                - {type: object, properties: {a: {type: string}}}",
    "                - {type: object, properties: {b: {type: string}}}",
    "      responses: {'200': {description: ok}}",
    "    delete:",
    "      requestBody: {$ref: '#/components/requestBodies/Task'}",
    "      responses: {'204': {description: gone}}",
    "components:",
    "  requestBodies:",
    "    Task:",
    "      content:",
    "        application/json:",
    "          schema: {$ref: '#/components/schemas/TaskBase'}",
    "  schemas:",
    "    TaskBase:",
    "      type: object",
    "      required: [status]",
    "      properties:",
    "        title: {type: string, minLength: 1, maxLength: 200}",
    "        status: {type: string, enum: [todo, done], default: todo}",
  );
  const r = readOpenApi(DOC, FILE);
  const post = r.endpoints.find((e) => e.method.text === "post")!.body!;
  const put = r.endpoints.find((e) => e.method.text === "put")!.body!;

  it("allOf merges the properties of its parts (through $ref) and their required lists; read-only fields are left out", () => {
    expect(post.map((f) => f.name.text)).toEqual(["title", "status", "priority", "score", "email", "due", "ref", "done", "tags", "extra", "code", "choice"]);
    expect(post.filter((f) => f.required).map((f) => f.name.text)).toEqual(["title", "status"]);
    expect(r.notes.some((n) => /"id" is read-only/.test(n.message))).toBe(true);
  });

  it("types: string, integer, number, boolean, array, object, string(format)", () => {
    expect(post.map((f) => f.type?.text ?? "-")).toEqual(["string", "string", "integer", "number", "string(email)", "string(date-time)", "string(uuid)", "boolean", "array", "object", "string", "-"]);
  });

  it("constraint phrases", () => {
    const c = (n: string) => texts(field(post, n)!.constraints);
    expect(c("title")).toEqual(["min length 1", "max length 200"]);
    expect(c("status")).toEqual(["one of ('todo', 'done')", "default 'todo'"]);
    expect(c("priority")).toEqual(["min 0", "max 4"]); // 3.0 boolean exclusiveMaximum on an integer
    expect(c("score")).toEqual(["exclusive min 0"]); // no inclusive equivalent on a number
    expect(c("due")).toEqual(["nullable"]);
    expect(c("done")).toEqual(["default false"]);
    expect(c("code")).toEqual(["pattern ^[A-Z]{3}$"]);
    expect(c("choice")).toEqual([]);
  });

  it("the phrases the IR builder already knows are read by interpretConstraint without leftovers", () => {
    const known = post.flatMap((f) => f.constraints).filter((p) => !/^(pattern|format|exclusive) /.test(p.text));
    for (const p of known) expect(interpretConstraint(p.text).unknownAt, p.text).toBeUndefined();
    expect(interpretConstraint("one of ('todo', 'done')").enumValues).toEqual(["todo", "done"]);
    expect(interpretConstraint("max length 200").maxLength).toBe(200);
  });

  it("positions: name at the property key in the referenced schema, type at its value, constraints at their keyword", () => {
    const title = field(post, "title")!;
    expect(at(title.name)).toBe(pos(DOC, "title: {type"));
    expect(at(title.type)).toBe(pos(DOC, "string, minLength"));
    expect(title.constraints.map(at)).toEqual([pos(DOC, "minLength"), pos(DOC, "maxLength")]);
    expect(at(field(post, "status")!.constraints[0])).toBe(pos(DOC, "enum: [todo"));
    expect(at(field(post, "due")!.constraints[0])).toBe(pos(DOC, "nullable: true"));
  });

  it("a requestBody by $ref (components/requestBodies -> schemas) is read with positions in components", () => {
    expect(put.map((f) => f.name.text)).toEqual(["title", "status"]);
    expect(at(put[1]!.name)).toBe(pos(DOC, "status: {type"));
  });

  it("a oneOf body gives no fields and no failure; DELETE bodies are not read", () => {
    expect(r.endpoints.find((e) => e.method.text === "patch")!.body).toBeUndefined();
    expect(r.endpoints.find((e) => e.method.text === "delete")!.body).toBeUndefined();
    expect(r.diagnostics).toEqual([]);
  });

  it("3.1: exclusiveMinimum is the bound; the stricter of it and minimum wins", () => {
    const d = lines(
      "openapi: 3.1.0",
      "paths:",
      "  /x:",
      "    post:",
      "      requestBody: {content: {application/json: {schema: {type: object, properties: {",
      "        a: {type: integer, exclusiveMinimum: 0},",
      "        b: {type: integer, exclusiveMinimum: 0, minimum: 5},",
      "        c: {type: number, exclusiveMaximum: 1.5}}}}}}",
      "      responses: {'200': {description: ok}}",
    );
    const body = readOpenApi(d, FILE).endpoints[0]!.body!;
    expect(body.map((f) => texts(f.constraints))).toEqual([["min 1"], ["min 5"], ["exclusive max 1.5"]]);
  });
});

describe("OpenAPI 3.1 type lists", () => {
  const DOC = lines(
    "openapi: 3.1.0",
    "info: {title: t, version: '1'}",
    "paths:",
    "  /api/notes:",
    "    post:",
    "      requestBody:",
    "        content:",
    "          application/json:",
    "            schema: {$ref: '#/components/schemas/Note'}",
    "      responses: {'201': {description: created}}",
    "components:",
    "  schemas:",
    "    Note:",
    "      type: object",
    "      required: [id, body]",
    "      properties:",
    "        id: {type: integer, readOnly: true}",
    "        body:",
    "          type: [string, \"null\"]",
    "          maxLength: 500",
    "        rank:",
    "          anyOf:",
    "            - type: integer",
    "            - type: 'null'",
  );
  const r = readOpenApi(DOC, FILE);

  it("type: [string, \"null\"] is a nullable string, the null positioned at its item", () => {
    const body = r.endpoints[0]!.body!;
    const b = field(body, "body")!;
    expect(b.type?.text).toBe("string");
    expect(at(b.type)).toBe(pos(DOC, "string, \"null\""));
    expect(texts(b.constraints)).toEqual(["nullable", "max length 500"]);
    expect(at(b.constraints[0])).toBe(pos(DOC, 'null"]'));
  });

  it("anyOf [X, null] reads as a nullable X", () => {
    const rank = field(r.endpoints[0]!.body!, "rank")!;
    expect(rank.type?.text).toBe("integer");
    expect(texts(rank.constraints)).toEqual(["nullable"]);
  });

  it("the same schema as a table: nullable text column, required id as primary key", () => {
    const t = r.schemas[0]!;
    expect(t.name.text).toBe("notes");
    expect(t.columns.map((c) => [c.name.text, c.type.text, texts(c.constraints)])).toEqual([
      ["id", "integer", ["primary key", "auto increment"]],
      ["body", "text", ["nullable", "max length 500"]],
      ["rank", "integer", ["nullable"]],
    ]);
  });
});

describe("$ref problems", () => {
  const DOC = lines(
    "openapi: 3.0.3",
    "info: {title: t, version: '1'}",
    "paths:",
    "  /api/tasks:",
    "    post:",
    "      requestBody:",
    "        content:",
    "          application/json:",
    "            schema: {$ref: 'common.yaml#/components/schemas/Task'}",
    "      responses: {'201': {description: created}}",
    "    put:",
    "      requestBody:",
    "        content:",
    "          application/json:",
    "            schema: {$ref: '#/components/schemas/Nope'}",
    "      responses: {'200': {description: ok}}",
    "  /api/loop:",
    "    post:",
    "      requestBody:",
    "        content:",
    "          application/json:",
    "            schema: {$ref: '#/components/schemas/A'}",
    "      responses: {'200': {description: ok}}",
    "components:",
    "  schemas:",
    "    A: {$ref: '#/components/schemas/B'}",
    "    B: {$ref: '#/components/schemas/A'}",
  );
  const r = readOpenApi(DOC, FILE);

  it("an external $ref is SF113 at the $ref's value; a dangling or circular one too; reading goes on", () => {
    expect(r.endpoints.map((e) => `${e.method.text} ${e.path.text} ${e.body === undefined}`)).toEqual(["post /api/tasks true", "put /api/tasks true", "post /api/loop true"]);
    const got = r.diagnostics.map((d) => `${d.severity} ${d.code} ${at(d)}`);
    expect(got).toContain(`warning SF113 ${pos(DOC, "common.yaml")}`);
    expect(got).toContain(`warning SF113 ${pos(DOC, "#/components/schemas/Nope")}`);
    const loops = r.diagnostics.filter((d) => /back to itself/.test(d.message)).map(at);
    expect(loops).toEqual([pos(DOC, "#/components/schemas/B"), pos(DOC, "#/components/schemas/A", 1)]);
    expect(r.diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });
});

describe("JSON documents", () => {
  const DOC = JSON.stringify(
    {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/api/{user_id}/tasks": {
          post: {
            requestBody: { content: { "application/json": { schema: { type: "object", required: ["title"], properties: { title: { type: "string", maxLength: 80 } } } } } },
            responses: { "201": { description: "created" } },
          },
        },
      },
    },
    null,
    "\t",
  );
  const r = readOpenApi(DOC, "specs/api/openapi.json");

  it("are read like YAML, with positions inside the quotes", () => {
    expect(isOpenApiDocument(DOC)).toBe(true);
    const e = r.endpoints[0]!;
    expect(`${e.method.text} ${e.path.text} ${e.status}`).toBe("post /api/{user_id}/tasks 201");
    expect(at(e.path)).toBe(pos(DOC, "/api/{user_id}"));
    expect(at(e.method)).toBe(pos(DOC, "post"));
    expect(e.path.span.file).toBe("specs/api/openapi.json");
    const title = e.body![0]!;
    expect(at(title.name)).toBe(pos(DOC, "title", 2)); // after info.title and the required item
    expect(title).toMatchObject({ required: true, type: { text: "string" } });
    expect(texts(title.constraints)).toEqual(["max length 80"]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe("broken documents", () => {
  const cases: [string, string, string, RegExp, number?][] = [
    ["a YAML syntax error", "openapi: 3.0.3\npaths:\n  /x: {get: {summary: a}, }}\n", "}\n", /does not parse/],
    ["a duplicate key", "openapi: 3.0.3\npaths:\n  /x: {}\n  /x: {}\n", "/x: {}\n", /does not parse/, 1],
    ["paths as a list", "openapi: 3.0.3\npaths:\n  - /x\n", "- /x", /"paths" is not a mapping/],
    ["an unsupported version", "openapi: 4.0.0\npaths: {}\n", "4.0.0", /version "4.0.0"/],
    ["Swagger 2.0", 'swagger: "2.0"\npaths: {}\n', "2.0", /Swagger/],
    ["not a mapping", "- openapi\n", "- openapi", /not a mapping/],
    ["invalid JSON", '{"openapi": "3.0.0", "paths": {"/x": {"get": {"summary": "a",, }}}}', ", }", /does not parse/],
  ];
  it.each(cases)("%s: one positioned error, nothing read", (_, doc, needle, message, nth = 0) => {
    const r = readOpenApi(doc, FILE);
    expect(r.endpoints).toEqual([]);
    expect(r.schemas).toEqual([]);
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((d) => d.code === OPENAPI_INVALID)).toBe(true);
    expect(errors[0]!.message).toMatch(message);
    expect(at(errors[0])).toBe(pos(doc, needle, nth));
  });
});

describe("fenced blocks", () => {
  it("positions go through `at` to the Markdown file", () => {
    const block = lines("paths:", "  /api/tasks:", "    get:", "      security: []", "      responses: {'200': {description: ok}}");
    const md = "# API\n\nSome prose.\n\n```yaml\n" + block + "```\n";
    const start = { file: "specs/api/rest-endpoints.md", line: 6, column: 1 };
    const r = readOpenApi(block, "specs/api/rest-endpoints.md", spanMapper(block, start));
    const e = r.endpoints[0]!;
    expect(e.path.span).toEqual({ file: "specs/api/rest-endpoints.md", line: Number(pos(md, "/api/tasks").split(":")[0]), column: 3 });
    expect(at(e.method)).toBe(pos(md, "get:"));
    expect(e.auth).toBe("public");
  });
});

describe("component schemas as candidate tables", () => {
  const DOC = lines(
    "openapi: 3.0.3",
    "info: {title: t, version: '1'}",
    "paths: {}",
    "components:",
    "  schemas:",
    "    Status: {type: string, enum: [todo, in progress, done]}",
    "    Entity:",
    "      type: object",
    "      required: [id]",
    "      properties:",
    "        id: {type: string, format: uuid}",
    "        created_at: {type: string, format: date-time, readOnly: true}",
    "    Task:",
    "      description: A to-do item",
    "      allOf:",
    "        - $ref: '#/components/schemas/Entity'",
    "        - type: object",
    "          required: [title, user_id]",
    "          properties:",
    "            user_id: {type: string}",
    "            title: {type: string, maxLength: 200}",
    "            status: {$ref: '#/components/schemas/Status'}",
    "            due_on: {type: string, format: date, nullable: true}",
    "            estimate: {type: number}",
    "            views: {type: integer, format: int64, minimum: 0, default: 0}",
    "            done: {type: boolean, default: false}",
    "            tags: {type: array, items: {type: string}}",
    "            meta: {type: object, additionalProperties: true}",
    "            contact: {type: string, format: email}",
    "    TaskCreate:",
    "      type: object",
    "      properties:",
    "        title: {type: string}",
    "    TaskResponse:",
    "      type: object",
    "      properties:",
    "        id: {type: integer}",
    "    UserOut:",
    "      type: object",
    "      properties:",
    "        id: {type: integer}",
    "        email: {type: string, format: email}",
  );
  const r = readOpenApi(DOC, FILE);

  it("objects with an id become tables named like the spec's tables (snake plural), notation openapi", () => {
    expect(r.schemas.map((t) => t.name.text)).toEqual(["entities", "tasks", "users"]);
    expect(r.schemas.every((t) => t.notation === "openapi")).toBe(true);
    expect(at(r.schemas[1]!.name)).toBe(pos(DOC, "Task:"));
    expect(r.schemas[1]!.description).toBe("A to-do item");
    expect(r.schemaNotes.some((n) => /"TaskResponse" would be table "tasks"/.test(n.message))).toBe(true);
    expect(r.notes).toEqual([]);
  });

  it("columns: type texts the IR builder reads, constraints as phrases", () => {
    const tasks = r.schemas[1]!;
    expect(tasks.columns.map((c) => [c.name.text, c.type.text, texts(c.constraints)])).toEqual([
      ["id", "uuid", ["primary key", "default gen_random_uuid()"]],
      ["created_at", "timestamp", []],
      ["user_id", "text", ["not null"]],
      ["title", "text", ["not null", "max length 200"]],
      ["status", "enum(todo, 'in progress', done)", []],
      ["due_on", "date", ["nullable"]],
      ["estimate", "float", []],
      ["views", "bigint", ["min 0", "default 0"]],
      ["done", "boolean", ["default false"]],
      ["tags", "text[]", []],
      ["meta", "jsonb", []],
      ["contact", "text", ["format email"]],
    ]);
  });

  it("positions: columns at their property key (in the referenced part), not null at the required item", () => {
    const tasks = r.schemas[1]!;
    const col = (n: string) => tasks.columns.find((c) => c.name.text === n)!;
    expect(at(col("id").name)).toBe(pos(DOC, "id: {type: string"));
    expect(at(col("status").type)).toBe(pos(DOC, "enum: [todo"));
    expect(at(col("title").constraints[0])).toBe(pos(DOC, "title, user_id]"));
    expect(at(col("views").type)).toBe(pos(DOC, "integer, format: int64"));
  });
});

describe("the corpus OpenAPI file (23-todo-ai-chatbot)", () => {
  const file = join(process.cwd(), "../shared/corpus/23-todo-ai-chatbot/openapi.yaml");
  it.skipIf(!existsSync(file))("reads both operations, the chat body, and the health check as public", () => {
    const text = readFileSync(file, "utf8");
    expect(isOpenApiDocument(text)).toBe(true);
    const r = readOpenApi(text, "specs/contracts/openapi.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(r.endpoints.map((e) => `${e.method.text.toUpperCase()} ${e.path.text}`)).toEqual(["POST /api/{user_id}/chat", "GET /health"]);
    const [chat, health] = r.endpoints;
    expect(at(chat!.path)).toBe(pos(text, "/api/{user_id}/chat"));
    expect(at(chat!.method)).toBe(pos(text, "post:"));
    expect(chat!.auth).toBeUndefined();
    expect(chat!.status).toBe(200);
    expect(chat!.body!.map((f) => [f.name.text, f.type?.text, f.required ?? false])).toEqual([
      ["conversation_id", "integer", false],
      ["message", "string", true],
    ]);
    expect(at(chat!.body![1]!.name)).toBe(pos(text, "message:"));
    expect(health!.auth).toBe("public");
    expect(health!.summary).toBe("Health check endpoint");
    expect(r.schemas).toEqual([]);
  });
});

describe("odd documents", () => {
  it("a schema that includes itself through allOf is read once, not unrolled", () => {
    const d = lines(
      "openapi: 3.0.3",
      "components:",
      "  schemas:",
      "    Node:",
      "      allOf: [{$ref: '#/components/schemas/Node'}, {$ref: '#/components/schemas/Node'}]",
      "      properties: {id: {type: integer}, parent: {$ref: '#/components/schemas/Node'}}",
    );
    const r = readOpenApi(d, FILE);
    expect(r.schemas.map((t) => [t.name.text, t.columns.map((c) => `${c.name.text}:${c.type.text}`)])).toEqual([["nodes", ["id:integer", "parent:jsonb"]]]);
  });

  it("shapes that are not what OpenAPI says are skipped or reported, never thrown", () => {
    const docs = [
      "openapi: 3.0.0\npaths: {/x: {get: {parameters: 5, responses: [1], requestBody: x}}}",
      "openapi: 3.0.0\npaths: {/x: {post: {requestBody: {content: {application/json: {schema: {allOf: 5, properties: 3, required: 4}}}}}}}",
      "openapi: 3.0.0\npaths: {/x: {get: {security: 5, parameters: [{$ref: 5}, 7, null, {name: [1], in: query}]}}}",
      "openapi: 3.0.0\npaths: {/x: {get: {parameters: [{name: q, in: query, schema: {type: [integer, string, 'null'], enum: [1, a, null, [2]], default: {a: 1}}}]}}}",
      "openapi: 3.0.0\nx: &a {type: object, properties: {id: {type: integer}}}\ncomponents: {schemas: {Row: *a}}",
      "openapi: 3.0.0\npaths: {/x: {$ref: '#/paths/~1x'}}",
    ];
    const got = docs.map((d) => {
      const r = readOpenApi(d, FILE);
      return [r.endpoints.length, r.schemas.map((t) => t.name.text).join(), r.diagnostics.map((x) => `${x.severity} ${x.code}`).join()];
    });
    expect(got).toEqual([
      [1, "", ""],
      [1, "", ""],
      [1, "", "warning SF113,warning SF113,warning SF113,warning SF113"],
      [1, "", ""],
      [0, "rows", ""],
      [0, "", "warning SF113"],
    ]);
  });

  it("a request body that is not an object with properties gives a note, not fields", () => {
    const d = "openapi: 3.0.0\npaths: {/x: {post: {requestBody: {content: {application/json: {schema: {type: array, items: {type: object}}}}}}}}\n";
    const r = readOpenApi(d, FILE);
    expect(r.endpoints[0]!.body).toBeUndefined();
    expect(r.notes.map((n) => n.message)).toEqual(["POST /x: the request body is not an object with properties; its fields are not read"]);
  });

  it("a server URL with a base path is noted (paths stay as written)", () => {
    const d = "openapi: 3.0.0\nservers:\n  - url: https://api.example.com/v1/\npaths: {/tasks: {get: {responses: {'200': {description: ok}}}}}\n";
    const r = readOpenApi(d, FILE);
    expect(r.endpoints[0]!.path.text).toBe("/tasks");
    expect(r.notes.map((n) => `${at(n)} ${n.message}`)).toEqual([`${pos(d, "https://")} the server URL has the base path "/v1"; paths are read as written, without it`]);
  });
});
