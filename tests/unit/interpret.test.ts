import { describe, expect, it } from "vitest";
import { normalisePath } from "../../generator/ir/build-endpoints.js";
import { interpretType } from "../../generator/ir/read-type.js";
import { interpretConstraint } from "../../generator/ir/constraints.js";
import { interpretDefault } from "../../generator/ir/read-default.js";
import type { ColumnType } from "../../generator/ir/types.js";
import { TYPE_HEAD_WORDS } from "../../generator/parse/markdown/vocabulary.js";
import { load } from "./helpers.js";

describe("interpretType", () => {
  const cases: [string, ColumnType | null, { increment?: boolean; nullable?: boolean; rest?: string }?][] = [
    ["string", { kind: "string" }],
    ["varchar(200)", { kind: "string", maxLength: 200 }],
    ["VARCHAR (36)", { kind: "string", maxLength: 36 }],
    ["character varying(50)", { kind: "string", maxLength: 50 }],
    ["char(7)", { kind: "string", maxLength: 7, fixed: true }],
    ["str", { kind: "string" }],
    ["String(64)", { kind: "string", maxLength: 64 }],
    ["text", { kind: "text" }],
    ["int", { kind: "integer" }],
    ["INTEGER", { kind: "integer" }],
    ["smallint", { kind: "integer", small: true }],
    ["serial", { kind: "integer" }, { increment: true }],
    ["bigint", { kind: "bigint" }],
    ["BIGSERIAL", { kind: "bigint" }, { increment: true }],
    ["uuid", { kind: "uuid" }],
    ["bool", { kind: "boolean" }],
    ["boolean", { kind: "boolean" }],
    ["timestamp", { kind: "timestamp" }],
    ["timestamptz", { kind: "timestamp" }],
    ["datetime", { kind: "timestamp" }],
    ["TIMESTAMP WITH TIME ZONE", { kind: "timestamp" }],
    ["date", { kind: "date" }],
    ["numeric(10,2)", { kind: "decimal", precision: 10, scale: 2 }],
    ["decimal", { kind: "decimal" }],
    ["double precision", { kind: "float" }],
    ["real", { kind: "float" }],
    ["float", { kind: "float" }],
    ["jsonb", { kind: "json" }],
    ["json", { kind: "json" }],
    ["enum(low, medium, high)", { kind: "enum", values: ["low", "medium", "high"] }],
    ["enum('a','b')", { kind: "enum", values: ["a", "b"] }],
    ["String?", { kind: "string" }, { nullable: true }],
    ["UUID FK", { kind: "uuid" }, { rest: "FK" }],
    ["varchar(200) required", { kind: "string", maxLength: 200 }, { rest: "required" }],
    ["time", { kind: "time" }],
    ["interval", { kind: "interval" }],
    ["blob", { kind: "bytes" }],
    ["TEXT[]", { kind: "array", of: { kind: "text" } }],
  ];
  it.each(cases)("%s", (given, want, extra) => {
    const r = interpretType(given);
    expect(r.type).toEqual(want);
    if (extra?.increment !== undefined) expect(r.increment).toBe(extra.increment);
    if (extra?.nullable !== undefined) expect(r.nullable).toBe(extra.nullable);
    if (extra?.rest !== undefined) expect(r.rest).toBe(extra.rest);
  });

  it("flags arrays of arrays and of json", () => {
    expect(interpretType("TEXT[][]").problem).toMatch(/arrays of arrays/);
    expect(interpretType("jsonb[]").problem).toMatch(/arrays of json/);
    expect(interpretType("TEXT[]").problem).toBeUndefined();
  });

  it("understands every word the Markdown reader treats as a type", () => {
    for (const w of TYPE_HEAD_WORDS) {
      const text = w === "enum" ? "enum(a)" : w;
      expect(interpretType(text).type, w).not.toBeNull();
    }
  });
});

describe("interpretConstraint", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["primary key", { primaryKey: true }],
    ["PK", { primaryKey: true }],
    ["not null", { notNull: true }],
    ["required", { notNull: true }],
    ["NOT NULL UNIQUE", { notNull: true, unique: true }],
    ["nullable", { nullable: true }],
    ["optional", { nullable: true }],
    ["NULL", { nullable: true }],
    ["unique", { unique: true }],
    ["auto-increment", { increment: true }],
    ["GENERATED ALWAYS AS IDENTITY", { increment: true }],
    ["default now()", { default: { text: "now()", quoted: false } }],
    ["DEFAULT CURRENT_TIMESTAMP", { default: { text: "CURRENT_TIMESTAMP", quoted: false } }],
    ["default: 'MEDIUM'", { default: { text: "MEDIUM", quoted: true } }],
    ["DEFAULT gen_random_uuid()", { default: { text: "gen_random_uuid()", quoted: false } }],
    ["default false", { default: { text: "false", quoted: false } }],
    ["foreign key -> users.id", { foreignKey: true, references: { table: "users", column: "id" } }],
    ["FK → users.id", { foreignKey: true, references: { table: "users", column: "id" } }],
    ["FOREIGN KEY (users.id)", { foreignKey: true, references: { table: "users", column: "id" } }],
    ["references users(id) on delete cascade", { foreignKey: true, references: { table: "users", column: "id" }, onDelete: "cascade" }],
    ["REFERENCES categories(id) ON DELETE SET NULL", { references: { table: "categories", column: "id" }, onDelete: "set null" }],
    ["on delete restrict", { onDelete: "restrict" }],
    ["on delete no action", { onDelete: "no action" }],
    ["Foreign Key to User.id with ondelete=\"CASCADE\"", { references: { table: "User", column: "id" }, onDelete: "cascade" }],
    ["FK", { foreignKey: true }],
    ["min length 1", { minLength: 1 }],
    ["max length 2000", { maxLength: 2000 }],
    ["Max 200 chars", { maxLength: 200 }],
    ["1-200 chars", { minLength: 1, maxLength: 200 }],
    ["LENGTH(1-200)", { minLength: 1, maxLength: 200 }],
    ["min 0", { min: 0 }],
    ["max 100", { max: 100 }],
    ["between 1 and 5", { min: 1, max: 5 }],
    ["CHECK (priority IN ('low', 'high'))", { enumValues: ["low", "high"] }],
    ["check: priority IN ('LOW', 'MEDIUM', 'HIGH')", { enumValues: ["LOW", "MEDIUM", "HIGH"] }],
    ["CHECK (LENGTH(TRIM(title)) > 0)", { minLength: 1 }],
    ["CHECK (amount >= 0)", { min: 0 }],
    ["'user' or 'assistant'", { enumValues: ["user", "assistant"] }],
    ["indexed", {}],
    ["ON UPDATE CURRENT_TIMESTAMP", {}],
  ];
  it.each(cases)("%s", (given, want) => {
    const r = interpretConstraint(given);
    expect(r.unknownAt).toBeUndefined();
    expect(r).toMatchObject(want);
  });

  const unknown: [string, number][] = [
    ["shiny", 0],
    ["not null, sparkly", 10],
  ];
  it.each(unknown)("%s is not understood from offset %i", (given, at) => {
    expect(interpretConstraint(given).unknownAt).toBe(at);
  });
});

describe("a CHECK phrase", () => {
  it("is kept verbatim for the database, with the rules a validator can read from it", () => {
    expect(interpretConstraint("CHECK (a < b)")).toEqual({ check: { text: "a < b", at: 7, read: false } });
    expect(interpretConstraint("check (char_length(title) >= 1)")).toMatchObject({ minLength: 1, check: { text: "char_length(title) >= 1", read: true } });
  });
});

describe("interpretDefault", () => {
  const cases: [string, boolean, ColumnType, unknown][] = [
    ["now()", false, { kind: "timestamp" }, { kind: "now" }],
    ["CURRENT_TIMESTAMP", false, { kind: "timestamp" }, { kind: "now" }],
    ["gen_random_uuid()", false, { kind: "uuid" }, { kind: "uuid" }],
    ["false", false, { kind: "boolean" }, { kind: "literal", value: false }],
    ["42", false, { kind: "integer" }, { kind: "literal", value: 42 }],
    ["medium", false, { kind: "enum", values: ["low", "medium"] }, { kind: "literal", value: "medium" }],
    ["General", true, { kind: "string" }, { kind: "literal", value: "General" }],
    ["[]", true, { kind: "json" }, { kind: "literal", value: "[]" }],
    ["null", false, { kind: "text" }, { kind: "literal", value: null }],
  ];
  it.each(cases)("%s", (text, quoted, type, want) => {
    expect(interpretDefault({ text, quoted }, type)).toEqual(want);
  });

  it("refuses a value that does not fit", () => {
    expect(interpretDefault({ text: "urgent", quoted: false }, { kind: "enum", values: ["low"] })).toHaveProperty("problem");
    expect(interpretDefault({ text: "now()", quoted: false }, { kind: "integer" })).toHaveProperty("problem");
    expect(interpretDefault({ text: "whenever()", quoted: false }, { kind: "timestamp" })).toMatchObject({ unknown: true });
  });
});

describe("normalisePath", () => {
  const cases: [string, string][] = [
    ["/api/{user_id}/tasks", "/api/{user_id}/tasks"],
    ["/api/tasks/:id", "/api/tasks/{id}"],
    ["/api/tasks/<id>", "/api/tasks/{id}"],
    ["/api/tasks/<int:id>/", "/api/tasks/{id}"],
    ["/api/tasks?status=done", "/api/tasks"],
  ];
  it.each(cases)("%s", (given, want) => expect(normalisePath(given)).toBe(want));
});

describe("keys that are not one column", () => {
  it("reads a join table's composite key from a 'Primary key: (a, b)' bullet", async () => {
    const r = await load("## users\n\n- id: text (primary key)\n\n## project_teams\n\n- project_id: uuid\n- team_id: uuid\n- Primary key: `(project_id, team_id)`\n");
    // No user owns the links: shared for reading, and the warning says so.
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SF126"]);
    const t = r.ir!.tables.find((x) => x.name === "project_teams")!;
    expect(t.keyColumns).toEqual(["project_id", "team_id"]);
    expect(t.columns.map((c) => [c.name, c.nullable, c.role])).toEqual([
      ["project_id", false, "data"],
      ["team_id", false, "data"],
    ]);
  });

  it("a table with no key is kept, without one", async () => {
    const r = await load("## users\n\n- id: text (primary key)\n\n## profiles\n\n- user_id: text (references users(id))\n- bio: text\n");
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SF109", "warning"]]);
    expect(r.ir!.tables.find((x) => x.name === "profiles")!.keyColumns).toEqual([]);
  });
});
