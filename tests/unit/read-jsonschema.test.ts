// JSON Schema documents of records as a spec's tables: the root schema (named by its title or
// its section), $defs/definitions, `required` for NOT NULL, $ref as a key, validation keywords as
// rules; example request/response bodies are not schemas, and a keyword not read is a warning.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const KENNEL = [
  "# Kennel",
  "",
  "## dogs",
  "",
  "```json",
  "{",
  '  "type": "object",',
  '  "required": ["id", "owner_id", "name", "size"],',
  '  "properties": {',
  '    "id": { "type": "integer" },',
  '    "owner_id": { "type": "string", "format": "uuid" },',
  '    "name": { "type": "string", "minLength": 1, "maxLength": 40, "description": "as called at the gate" },',
  '    "size": { "type": "string", "enum": ["small", "large"], "default": "small" },',
  '    "weight": { "type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 90 },',
  '    "chip": { "type": "string", "pattern": "^[0-9]{15}$" },',
  '    "born_on": { "type": "string", "format": "date" },',
  '    "tricks": { "type": "array", "items": { "type": "string" } },',
  '    "vet": { "type": "string", "oneOf": [{ "format": "email" }, { "format": "uri" }] }',
  "  }",
  "}",
  "```",
  "",
  "```yaml",
  "$defs:",
  "  Walker:",
  "    type: object",
  "    required: [id, email]",
  "    properties:",
  "      id:",
  "        type: string",
  "        format: uuid",
  "      email:",
  "        type: string",
  "        format: email",
  "      walks:",
  "        type: array",
  "        items:",
  "          $ref: '#/$defs/Walk'",
  "  Walk:",
  "    type: object",
  "    required: [id, started_at]",
  "    properties:",
  "      id:",
  "        type: integer",
  "      started_at:",
  "        type: string",
  "        format: date-time",
  "```",
  "",
].join("\n");


describe("JSON Schema of records", () => {
  it("is told from example bodies and OpenAPI documents", () => {
    expect(blockLanguage("json", '{ "type": "object", "properties": { "a": { "type": "string" } } }')).toBe("jsonschema");
    expect(blockLanguage("yaml", "type: object\nproperties:\n  a:\n    type: string\n")).toBe("jsonschema");
    // An example body, even one with a "type" key, is not a schema.
    expect(blockLanguage("json", '{ "id": 1, "type": "object", "title": "Milk" }')).toBeNull();
    expect(blockLanguage("yaml", "openapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        a:\n          type: string\n")).toBeNull();
  });

  it("the root schema under a table's heading is that table; required is NOT NULL, keywords are rules", async () => {
    const r = await load(KENNEL);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["dogs", "walkers", "walks"]);
    const dogs = table(ir, "dogs");
    expect(column(dogs, "id")).toMatchObject({ primaryKey: true, type: { kind: "integer" } });
    expect(column(dogs, "owner_id")).toMatchObject({ nullable: false, type: { kind: "uuid" } });
    expect(column(dogs, "name")).toMatchObject({ nullable: false, minLength: 1, maxLength: 40 });
    expect(column(dogs, "size").type).toMatchObject({ kind: "enum", values: ["small", "large"] });
    expect(column(dogs, "size").default).toEqual({ kind: "literal", value: "small" });
    expect(column(dogs, "weight")).toMatchObject({ nullable: true, exclusiveMinimum: 0, maximum: 90, type: { kind: "decimal" } });
    expect(column(dogs, "chip")).toMatchObject({ nullable: true, pattern: "^[0-9]{15}$" });
    expect(column(dogs, "born_on").type.kind).toBe("date");
    expect(column(dogs, "tricks").type).toMatchObject({ kind: "array" });
  });

  it("$defs are tables; an array of $ref puts the key on the other side", async () => {
    const ir = (await load(KENNEL)).ir!;
    expect(column(table(ir, "walkers"), "email")).toMatchObject({ nullable: false, format: "email" });
    expect(column(table(ir, "walkers"), "id")).toMatchObject({ primaryKey: true, type: { kind: "uuid" } });
    const walks = table(ir, "walks");
    expect(column(walks, "walker_id")).toMatchObject({ nullable: false, references: { table: "walkers", column: "id" } });
    expect(column(walks, "started_at")).toMatchObject({ nullable: false, type: { kind: "timestamp" } });
  });

  it("a request or response body schema is not a table", async () => {
    const spec = ["# Notes", "", "## users", "", "| Column | Type |", "|---|---|", "| id | text |", "", "```json", '{ "title": "CreateNoteRequest", "type": "object", "properties": { "text": { "type": "string" } } }', "```", ""].join("\n");
    const r = await load(spec);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["users"]);
    expect(r.notes.map((n) => n.message)).toContain("the schema CreateNoteRequest is a request or response body, not a table");
  });

  it("a keyword it does not read is a warning at its place; the column stays", async () => {
    const r = await load(KENNEL);
    const w = r.diagnostics.filter((d) => d.code === "SF113").map((d) => `${where(d)} ${d.message}`);
    expect(w).toEqual([`${pos(KENNEL, '"oneOf"')} dogs.vet: the keyword "oneOf" is not read here; what it says is not enforced`]);
    expect(column(table(r.ir!, "dogs"), "vet").nullable).toBe(true);
  });

  it("a $ref property is a key column; an object schema with neither title nor section is a warning, not a guess", async () => {
    const spec = ["```json", '{ "type": "object", "properties": { "a": { "type": "string" } } }', "```", "", "# Shop", "", "```json", "{", '  "definitions": {', '    "Shelf": { "type": "object", "required": ["id"], "properties": { "id": { "type": "integer" } } },', '    "Jar": { "type": "object", "required": ["id", "shelf"], "properties": { "id": { "type": "integer" }, "shelf": { "$ref": "#/definitions/Shelf" } } }', "  }", "}", "```", ""].join("\n");
    const r = await load(spec);
    const jars = table(r.ir!, "jars");
    expect(column(jars, "shelf_id")).toMatchObject({ nullable: false, type: { kind: "integer" }, references: { table: "shelves" } });
    expect(r.diagnostics.filter((d) => d.code === "SF113").map((d) => d.message)).toEqual(["this object schema has no title and is not under a table's heading; it is not read as a table"]);
  });
});
