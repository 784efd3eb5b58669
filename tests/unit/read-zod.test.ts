// zod schemas in a spec's TypeScript blocks (read by the Drizzle reader): each schema's value
// rules become a fragment of the table it is about, as constraint phrases the IR builder reads,
// each at the method call it comes from.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecs, parseSpecFile } from "../../generator/front.js";
import { interpretConstraint } from "../../generator/ir/constraints.js";
import { spanMapper, type BlockReader, type ReaderResult } from "../../generator/parse/block.js";
import { zodSchemaTable } from "../../generator/parse/drizzle/zod-vocabulary.js";
import { loadDrizzleReader } from "../../generator/parse/read-drizzle.js";
import { blockLanguage } from "../../generator/parse/readers.js";
import type { RawTable } from "../../generator/parse/raw.js";
import { load, pos } from "./helpers.js";

const FILE = "specs/database/schema.md";
const read: BlockReader = await loadDrizzleReader();

function inSpec(code: string): { md: string; r: ReaderResult } {
  const head = "# Schema\n\nRules, as zod code.\n\n```typescript\n";
  const md = `${head}${code}\`\`\`\n`;
  const line = head.split("\n").length;
  const r = read({ text: code, file: FILE, lang: "typescript", at: spanMapper(code, { file: FILE, line, column: 1 }) }, {});
  return { md, r };
}

const fragments = (r: ReaderResult): RawTable[] => r.tables.filter((t) => t.fragment);
/** table -> column -> phrases, over every fragment the block gave. */
const rules = (r: ReaderResult): Record<string, Record<string, string[]>> => {
  const out: Record<string, Record<string, string[]>> = {};
  for (const t of fragments(r)) {
    const cols = (out[t.name.text] ??= {});
    for (const c of t.columns) (cols[c.name.text] ??= []).push(...c.constraints.map((x) => x.text));
  }
  return out;
};
const at = (s: { span: { line: number; column: number } }) => `${s.span.line}:${s.span.column}`;

describe("zod methods -> constraint phrases", () => {
  // Given the field's schema, want these phrases on its column (no table in the block: every rule is kept).
  const cases: [string, string[]][] = [
    ["z.string().min(1).max(100)", ["min length 1", "max length 100"]],
    ["z.string().length(5)", ["min length 5", "max length 5"]],
    ["z.string().nonempty()", ["min length 1"]],
    ["z.string().trim().min(2, { message: 'too short' })", ["min length 2"]],
    ["z.string().email()", ["format email"]],
    ["z.string().url()", ["format uri"]],
    ["z.string().uuid()", ["format uuid"]],
    ["z.string().datetime()", ["format date-time"]],
    ["z.string().date()", ["format date"]],
    ["z.email()", ["format email"]],
    ["z.url().max(2048)", ["format uri", "max length 2048"]],
    ["z.iso.datetime()", ["format date-time"]],
    ["z.string().ip({ version: 'v4' })", ["format ipv4"]],
    ["z.string().regex(/^[a-z0-9-]+$/)", ["pattern /^[a-z0-9-]+$/"]],
    ["z.string().regex(/^a[/]b$/)", ["pattern /^a[\\/]b$/"]],
    ["z.string().regex(/^[a-z]+$/i)", []],
    ["z.string().startsWith('sk_')", ["pattern /^sk_/"]],
    ["z.string().endsWith('.png')", ["pattern /\\.png$/"]],
    ["z.number().int().min(0).max(10)", ["min 0", "max 10"]],
    ["z.number().gte(1).lte(5)", ["min 1", "max 5"]],
    ["z.number().gt(0).lt(5)", ["> 0", "< 5"]],
    ["z.number().positive()", ["> 0"]],
    ["z.number().nonnegative()", ["min 0"]],
    ["z.number().negative()", ["< 0"]],
    ["z.number().nonpositive()", ["max 0"]],
    ["z.number().min(-5).max(2.5)", ["min -5", "max 2.5"]],
    ["z.coerce.number().min(1)", ["min 1"]],
    ["z.int().max(MAX_SEATS)", ["max 50"]],
    ["z.array(z.string().max(50)).max(20).min(1)", ["at most 20 items", "at least 1 items", "each max 50 chars"]],
    ["z.string().max(30).array().nonempty()", ["at least 1 items", "each max 30 chars"]],
    ["z.array(z.string().email()).length(2)", ["at least 2 items", "at most 2 items", "format email"]],
    ["z.enum(['low', 'high'])", ["one of ('low', 'high')"]],
    ["z.enum(LEVELS)", ["one of ('a', 'b', 'c')"]],
    ["z.enum(['a, b', 'c'])", ["one of 'a, b', 'c'"]],
    ["z.enum([\"it's\", 'x'])", ["one of (\"it's\", 'x')"]],
    ["z.nativeEnum(Role)", ["one of ('admin', 'member')"]],
    ["z.nativeEnum(Tier)", ["one of ('free', 'pro')"]],
    ["z.literal('draft')", ["one of ('draft')"]],
    ["z.union([z.literal('on'), z.literal('off')])", ["one of ('on', 'off')"]],
    ["levelSchema", ["one of ('a', 'b', 'c')"]],
    ["levelSchema.optional()", ["one of ('a', 'b', 'c')"]],
    ["baseItemSchema.shape.title", ["max length 80"]],
    // Nullability is the table's to say: none of these is a rule on the values.
    ["z.string().optional()", []],
    ["z.string().nullable()", []],
    ["z.string().nullish()", []],
    ["z.string().default('x')", []],
    ["z.string().max(10).optional().default('x')", ["max length 10"]],
    ["z.boolean()", []],
    ["z.date()", []],
    ["z.string().cuid2()", []],
    ["z.number().multipleOf(5)", []],
    ["z.string().refine((s) => s.length > 2)", []],
    ["z.object({ x: z.number().min(0) })", []],
    ["z.array(z.object({ x: z.number().min(0) })).max(3)", ["at most 3 items"]],
  ];
  const code = [
    "import { z } from 'zod';",
    "const MAX_SEATS = 50;",
    "const LEVELS = ['a', 'b', 'c'] as const;",
    "enum Role { Admin = 'admin', Member = 'member' }",
    "const Tier = { Free: 'free', Pro: 'pro' } as const;",
    "const levelSchema = z.enum(LEVELS);",
    "const baseItemSchema = z.object({ title: z.string().max(80) });",
    "export const createSampleSchema = z.object({",
    ...cases.map(([schema], i) => `  f${i}: ${schema},`),
    "});",
    "",
  ].join("\n");
  const { r } = inSpec(code);
  const got = rules(r)["samples"] ?? {};
  it.each(cases.map(([schema, want], i) => [schema, want, i] as const))("%s -> %j", (_s, want, i) => {
    expect(got[`f${i}`] ?? []).toEqual(want);
  });
  it("writes only phrases the IR builder reads whole", () => {
    const phrases = fragments(r).flatMap((t) => t.columns.flatMap((c) => c.constraints.map((x) => x.text)));
    expect(phrases.length).toBeGreaterThan(40);
    for (const p of phrases) expect(interpretConstraint(p).unknownAt, p).toBeUndefined();
    expect(interpretConstraint("at least 1 items")).toEqual({ minItems: 1 });
    expect(interpretConstraint("pattern /^a[\\/]b$/").pattern).toBe("^a[\\/]b$");
    expect(interpretConstraint("one of 'a, b', 'c'").enumValues).toEqual(["a, b", "c"]);
  });
  it("says nothing of nullability, and leaves notes (never warnings) for what it does not read", () => {
    const phrases = fragments(r).flatMap((t) => t.columns.flatMap((c) => c.constraints.map((x) => x.text)));
    expect(phrases.filter((p) => /null|required|optional/.test(p))).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    const notes = r.notes.map((n) => n.message);
    for (const what of [/has flags \(i\)/, /\.cuid2\(\)/, /\.multipleOf\(\)/, /\.refine\(/, /json column's inner shape/, /holds objects/])
      expect(notes.some((m) => what.test(m)), String(what)).toBe(true);
  });
  it("gives each fragment an empty type and the Drizzle notation", () => {
    const t = fragments(r).find((x) => x.name.text === "samples")!;
    expect(t.notation).toBe("drizzle");
    expect(t.columns.every((c) => c.type.text === "")).toBe(true);
  });
});

describe("schemas built from schemas", () => {
  const code = [
    "import { z } from 'zod';",
    "export const baseTaskSchema = z.object({",
    "  title: z.string().min(1).max(200),",
    "  notes: z.string().max(1000).optional(),",
    "  rank: z.number().int().min(0),",
    "});",
    "export const createTaskSchema = baseTaskSchema.extend({ estimate: z.number().positive() });",
    "export const updateTaskSchema = createTaskSchema.partial().omit({ notes: true });",
    "export const editTaskInput = createTaskSchema.pick({ title: true });",
    "const extra = z.object({ colour: z.string().regex(/^#[0-9a-f]{6}$/) });",
    "export const editTaskBody = baseTaskSchema.merge(extra).strict();",
    "export const newTaskForm = z.object({ ...baseTaskSchema.shape, due: z.string().date() });",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);
  // Each fragment's name sits at the schema's variable.
  const fragmentOf = (name: string) => fragments(r).find((t) => at(t.name) === pos(md, `${name} =`))!;
  const by = (name: string) => Object.fromEntries(fragmentOf(name).columns.map((c) => [c.name.text, c.constraints.map((x) => x.text)]));
  it("reads .extend, .partial, .omit, .pick, .merge and ...shape with the rules unchanged", () => {
    // No table in the block: every object schema is a fragment, `extra` too (the builder decides).
    expect(fragments(r).map((t) => t.name.text)).toEqual(["tasks", "tasks", "tasks", "tasks", "extras", "tasks", "tasks"]);
    expect(by("createTaskSchema")).toEqual({ title: ["min length 1", "max length 200"], notes: ["max length 1000"], rank: ["min 0"], estimate: ["> 0"] });
    expect(by("updateTaskSchema")).toEqual({ title: ["min length 1", "max length 200"], rank: ["min 0"], estimate: ["> 0"] });
    expect(by("editTaskInput")).toEqual({ title: ["min length 1", "max length 200"] });
    expect(by("editTaskBody")).toEqual({ title: ["min length 1", "max length 200"], notes: ["max length 1000"], rank: ["min 0"], colour: ["pattern /^#[0-9a-f]{6}$/"] });
    expect(by("newTaskForm")).toEqual({ title: ["min length 1", "max length 200"], notes: ["max length 1000"], rank: ["min 0"], due: ["format date"] });
    expect(r.diagnostics).toEqual([]);
  });
  it("keeps each inherited rule at the call that states it", () => {
    const upd = fragmentOf("updateTaskSchema");
    const title = upd.columns.find((c) => c.name.text === "title")!;
    expect(title.constraints.map(at)).toEqual([pos(md, "min(1).max(200)"), pos(md, "max(200)")]);
    expect(at(title.name)).toBe(pos(md, "title: z.string()"));
  });
});

describe("naming: which table a schema is about", () => {
  const cases: [string, string | null][] = [
    ["createProjectSchema", "projects"],
    ["taskUpdateSchema", "tasks"],
    ["updateTaskSchema", "tasks"],
    ["insertTaskSchema", "tasks"],
    ["newTaskInput", "tasks"],
    ["patchTaskPayload", "tasks"],
    ["editTaskRequest", "tasks"],
    ["baseUserDto", "users"],
    ["categoryCreateBody", "categories"],
    ["taskForm", "tasks"],
    ["taskValidator", "tasks"],
    ["TaskSchema", "tasks"],
    ["agentRunSchema", "agent_runs"],
    ["createTaskInputSchema", "tasks"],
    ["updateProjectsSchema", "projects"],
    ["moveTaskSchema", "move_tasks"],
    ["schema", null],
    ["createSchema", null],
  ];
  it.each(cases)("%s -> %s", (name, want) => {
    expect(zodSchemaTable(name)).toBe(want);
  });

  const tables = [
    "import { pgTable, text, integer, timestamp, uuid } from 'drizzle-orm/pg-core';",
    "import { z } from 'zod';",
    "export const tasks = pgTable('app_tasks', {",
    "  id: uuid('id').primaryKey(),",
    "  projectId: text('project_id').notNull(),",
    "  dueDate: timestamp('due_at'),",
    "  title: text('title').notNull(),",
    "  position: integer('position').notNull(),",
    "});",
    "export const agentRuns = pgTable('agent_runs', { id: uuid('id').primaryKey(), prompt: text('prompt') });",
  ];
  it("finds the table among the block's by its variable or SQL name, and each field's column by key, SQL name or words", () => {
    const { r } = inSpec(
      [
        ...tables,
        "export const createTaskSchema = z.object({ projectId: z.string().min(3), due_at: z.string().datetime(), title: z.string().max(9) });",
        "export const taskPatch = z.object({ project_id: z.string().max(40), dueDate: z.string().min(1) });",
        "export const agentRunInput = z.object({ prompt: z.string().max(4000) });",
        "",
      ].join("\n"),
    );
    expect(rules(r)).toEqual({
      app_tasks: { project_id: ["min length 3", "max length 40"], title: ["max length 9"] },
      agent_runs: { prompt: ["max length 4000"] },
    });
    // due_at is a timestamp: its format is the type's own; a length on it does not fit.
    expect(r.notes.some((n) => /app_tasks\.due_at: the zod rule "min length 1" does not fit/.test(n.message))).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });
  it("reads a schema named for no table of the block as an API input: a note, no fragment, no warning", () => {
    const { md, r } = inSpec([...tables, "export const chatMessageSchema = z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(4000) });", ""].join("\n"));
    expect(fragments(r)).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    const n = r.notes.find((x) => /chatMessageSchema/.test(x.message))!;
    expect(n.message).toMatch(/names no table of this block \(read as "chat_messages"\)/);
    expect(at(n)).toBe(pos(md, "chatMessageSchema"));
  });
  it("tries the name without its leading words when the whole names no table (moveTaskSchema -> tasks)", () => {
    const { r } = inSpec([...tables, "export const moveTaskSchema = z.object({ position: z.number().min(0), reason: z.string().max(10) });", ""].join("\n"));
    expect(rules(r)).toEqual({ app_tasks: { position: ["min 0"] } });
    expect(r.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/moveTaskSchema is read as rules for table "app_tasks" \(from its name, leaving out "move"\)/), expect.stringMatching(/moveTaskSchema: reason names no column of "app_tasks"/)]),
    );
  });
  it("without tables in the block, names the fragment by the naming rule and its columns in snake_case, with a note", () => {
    const { md, r } = inSpec("import { z } from 'zod';\nexport const createProjectSchema = z.object({ maxAgents: z.number().max(10) });\n");
    expect(rules(r)).toEqual({ projects: { max_agents: ["max 10"] } });
    const t = fragments(r)[0]!;
    expect([t.fragment, t.notation, at(t.name)]).toEqual([true, "drizzle", pos(md, "createProjectSchema")]);
    expect(r.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/createProjectSchema is read as rules for table "projects" \(from its name; the block defines no table/));
    expect(r.diagnostics).toEqual([]);
  });
});

describe("drizzle-zod", () => {
  const code = [
    "import { pgTable, pgEnum, text, integer, uuid, jsonb } from 'drizzle-orm/pg-core';",
    "import { createInsertSchema, createSelectSchema } from 'drizzle-zod';",
    "import { z } from 'zod';",
    "export const roleEnum = pgEnum('role', ['admin', 'member']);",
    "export const people = pgTable('app_people', {",
    "  id: uuid('id').primaryKey(),",
    "  fullName: text('full_name').notNull(),",
    "  email: text('email').notNull(),",
    "  age: integer('age'),",
    "  role: roleEnum('role').notNull(),",
    "  tags: text('tags').array(),",
    "  prefs: jsonb('prefs'),",
    "});",
    "export const insertPersonSchema = createInsertSchema(people, {",
    "  fullName: (s) => s.min(1).max(120),",
    "  email: z.string().email(),",
    "  age: (schema) => schema.age.min(0).max(150),",
    "  role: z.enum(['admin', 'member']),",
    "  tags: (s) => s.max(5),",
    "  prefs: z.object({ theme: z.string().max(10) }),",
    "}).omit({ id: true });",
    "export const selectPersonSchema = createSelectSchema(people);",
    "export const insertOrderSchema = createInsertSchema(orders, { total: (s) => s.positive() });",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);
  it("reads the refinements onto the columns of the table variable's table, fitted to each column's type", () => {
    expect(rules(r)).toEqual({
      // role: the same values as its enum type say nothing new; prefs: a json column's inner shape.
      app_people: { full_name: ["min length 1", "max length 120"], email: ["format email"], age: ["min 0", "max 150"], tags: ["at most 5 items"] },
      orders: { total: ["> 0"] },
    });
    expect(r.diagnostics).toEqual([]);
  });
  it("takes a table variable the block does not define to be that table, with a note", () => {
    const t = fragments(r).find((x) => x.name.text === "orders")!;
    expect(at(t.name)).toBe(pos(md, "orders, {"));
    expect(r.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/insertOrderSchema .*not defined in this block: taken to be "orders"/));
  });
  it("positions each phrase at its method call", () => {
    const t = fragments(r).find((x) => x.name.text === "app_people")!;
    const full = t.columns.find((c) => c.name.text === "full_name")!;
    expect(full.constraints.map(at)).toEqual([pos(md, "min(1).max(120)"), pos(md, "max(120)")]);
    expect(at(full.name)).toBe(pos(md, "fullName: (s)"));
    expect(at(t.columns.find((c) => c.name.text === "email")!.constraints[0]!)).toBe(pos(md, "email()"));
  });
  it("notes a zod enum that differs from the column's enum type instead of narrowing the column", () => {
    const { r: other } = inSpec(code.replace("role: z.enum(['admin', 'member'])", "role: z.enum(['admin'])"));
    expect(rules(other)["app_people"]!["role"]).toBeUndefined();
    expect(other.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/app_people\.role: the zod schema allows admin, the column's type allows admin, member/));
  });
});

describe("routing", () => {
  it("hands TypeScript blocks holding zod schemas to the Drizzle reader", () => {
    expect(blockLanguage("ts", "export const s = z.object({ a: z.string() });")).toBe("drizzle");
    expect(blockLanguage("typescript", "export const s = createInsertSchema(users);")).toBe("drizzle");
    expect(blockLanguage("ts", "const x = 1;")).toBe(null);
  });
});

describe("through the front end", () => {
  it("puts zod rules on columns of a table written as a Markdown table", async () => {
    const spec = [
      "# Schema",
      "",
      "## tasks",
      "",
      "| Column | Type | Notes |",
      "|---|---|---|",
      "| id | uuid | primary key |",
      "| title | text | not null |",
      "| priority | integer | |",
      "",
      "```ts",
      "import { z } from 'zod';",
      "export const createTaskSchema = z.object({ title: z.string().min(1).max(200), priority: z.number().int().min(1).max(5) });",
      "```",
      "",
    ].join("\n");
    const r = await load(spec);
    const t = r.ir!.tables.find((x) => x.name === "tasks")!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect([col("title").minLength, col("title").maxLength, col("title").nullable]).toEqual([1, 200, false]);
    expect([col("priority").minimum, col("priority").maximum, col("priority").nullable]).toEqual([1, 5, true]);
  });
});

// A real spec (a corpus case) whose Drizzle blocks sit beside zod schemas; read only if the corpus is there.
const root = path.resolve(import.meta.dirname, "../..");
const CASE = path.resolve(root, "../shared/corpus/18-claudorc");
describe.skipIf(!existsSync(path.join(CASE, "schema.md")))("corpus: zod rules in 18-claudorc", () => {
  it("adds the rules its zod schemas state to the tables' columns, and warns of nothing for them", async () => {
    const schemaPath = path.relative(root, path.join(CASE, "schema.md"));
    const parsed = await parseSpecFile({ kind: "schema", format: "markdown", path: schemaPath, text: readFileSync(path.join(CASE, "schema.md"), "utf8") });
    const added = parsed.raw.tables
      .filter((t) => t.fragment && t.notation === "drizzle")
      .flatMap((t) => t.columns.map((c) => `${t.name.text}.${c.name.text}: ${c.constraints.map((x) => `${x.text} @${x.span.line}:${x.span.column}`).join(", ")}`));
    console.log(`zod rules read from ${schemaPath}:\n  ${added.join("\n  ")}`);

    const r = await loadSpecs(CASE, root);
    expect(r.ir).not.toBeNull();
    const col = (t: string, c: string) => r.ir!.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!;
    const ruleOf = (t: string, c: string) => {
      const k = col(t, c);
      return { minLength: k.minLength, maxLength: k.maxLength, minimum: k.minimum, maximum: k.maximum };
    };
    // What the file's "Validation Schemas (Zod)" section says about the tables' own columns.
    expect(ruleOf("projects", "name")).toEqual({ minLength: 1, maxLength: 100, minimum: undefined, maximum: undefined });
    expect(ruleOf("projects", "path")).toEqual({ minLength: 1, maxLength: undefined, minimum: undefined, maximum: undefined });
    expect(ruleOf("projects", "description")).toEqual({ minLength: undefined, maxLength: 500, minimum: undefined, maximum: undefined });
    expect(ruleOf("projects", "max_concurrent_agents")).toEqual({ minLength: undefined, maxLength: undefined, minimum: 1, maximum: 10 });
    expect(ruleOf("tasks", "title")).toEqual({ minLength: 1, maxLength: 200, minimum: undefined, maximum: undefined });
    expect(ruleOf("tasks", "description")).toEqual({ minLength: undefined, maxLength: 5000, minimum: undefined, maximum: undefined });
    expect(ruleOf("tasks", "position")).toEqual({ minLength: undefined, maxLength: undefined, minimum: 0, maximum: undefined });
    expect(ruleOf("agents", "name")).toEqual({ minLength: 1, maxLength: 100, minimum: undefined, maximum: undefined });
    // The enums keep their own types (the zod lists say the same values).
    expect(col("tasks", "column").type).toMatchObject({ kind: "enum", values: ["backlog", "in_progress", "waiting_approval", "verified"] });
    expect(col("agents", "type").type).toMatchObject({ kind: "enum", values: ["task", "conversational", "background"] });
    // Nullability is still the tables': description is nullable whatever `.optional()` says.
    expect(col("projects", "description").nullable).toBe(true);
    // The config schemas (json columns' shapes) and API inputs are notes, not warnings.
    expect(r.diagnostics.filter((d) => d.span.file === schemaPath && d.severity !== "error" && d.code !== "SF126")).toEqual([]);
    expect(r.notes.some((n) => /projectConfigSchema names no table/.test(n.message))).toBe(true);
    expect(r.notes.some((n) => /tasks\.labels: the zod rule "at most 10 items" does not fit/.test(n.message))).toBe(true);
  });
});
