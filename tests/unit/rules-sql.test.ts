// Each rule family a column can state, as the request validator reads it (JSON Schema) and as
// the database holds it (a named CHECK); the table's own CHECKs; and the differ adding,
// changing, renaming and dropping them with a working down. Given/want tables.
import { describe, expect, it } from "vitest";
import type { Column, ColumnType, IR, Table } from "../../generator/ir/types.js";
import { columnSchema } from "../../generator/emit/table-info.js";
import { planMigration, type Renames } from "../../generator/plan/plan-migration.js";
import { columnRuleChecks } from "../../generator/plan/column-rules.js";
import { migrationCode } from "../../generator/emit/migration-code.js";
import { FORMAT_SQL } from "../../generator/ir/column-forms.js";
import { EMPTY_SNAPSHOT, normalizeSnapshot, snapshotOf, type Snapshot, type SnapshotColumn, type SnapshotTable } from "../../generator/plan/snapshot.js";
import { compile, compareDecimal, checkTextBounds, brokenComparisons } from "../../templates/runtime/validate.js";
import { registerConstraints, toProblem } from "../../templates/runtime/errors.js";
import { envelopeBody, type ListPage } from "../../templates/runtime/list.js";
import { envelopeSchema } from "../../generator/emit/emit-openapi.js";
import { jsonValue } from "../../templates/runtime/relations.js";
import { compareRules, constraintFields, runtimeBodySchemas } from "../../generator/emit/emit-schemas.js";
import { tableInfo } from "../../generator/emit/table-info.js";
import { load } from "./helpers.js";

const SPAN = { file: "specs/database/schema.md", line: 1, column: 1 };

function col(name: string, type: ColumnType, rules: Partial<Column> = {}): Column {
  return { name, span: SPAN, type, nullable: false, primaryKey: false, unique: false, default: null, references: null, role: "data", ...rules };
}

const text: ColumnType = { kind: "text" };
const varchar = (n: number): ColumnType => ({ kind: "string", maxLength: n });
const list = (of: ColumnType): ColumnType => ({ kind: "array", of: of as never });

describe("JSON Schema of each rule family", () => {
  const cases: Array<{ given: Column; dir?: "in" | "out"; want: Record<string, unknown> }> = [
    { given: col("name", varchar(80), { minLength: 3, maxLength: 40 }), want: { type: "string", maxLength: 40, minLength: 3 } },
    { given: col("name", varchar(20), { maxLength: 40 }), want: { type: "string", maxLength: 20 } },
    { given: col("code", text, { pattern: "^[A-Z]{3}$" }), want: { type: "string", pattern: "^[A-Z]{3}$" } },
    { given: col("mail", text, { format: "email" }), want: { type: "string", format: "email" } },
    { given: col("host", varchar(100), { format: "hostname", nullable: true }), want: { type: ["string", "null"], maxLength: 100, format: "hostname" } },
    // A format neither the validator nor the database knows says nothing to either.
    { given: col("phone", text, { format: "phone" }), want: { type: "string" } },
    { given: col("qty", { kind: "integer" }, { minimum: 1, maximum: 10 }), want: { type: "integer", minimum: 1, maximum: 10 } },
    { given: col("rate", { kind: "float" }, { exclusiveMinimum: 0, exclusiveMaximum: 1 }), want: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 } },
    { given: col("price", { kind: "decimal", precision: 10, scale: 2 }, { exclusiveMinimum: 0 }), dir: "in", want: { type: ["number", "string"], pattern: "^-?[0-9]+(\\.[0-9]+)?$", exclusiveMinimum: 0 } },
    // Out, a decimal is text: JSON Schema bounds would not reach it (and strict ajv refuses them there).
    { given: col("price", { kind: "decimal", precision: 10, scale: 2 }, { exclusiveMinimum: 0 }), dir: "out", want: { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" } },
    { given: col("big", { kind: "bigint" }, { minimum: 10 }), want: { type: "string", pattern: "^-?[0-9]{1,19}$" } },
    { given: col("tags", list(text), { minItems: 1, maxItems: 3, itemMaxLength: 5 }), want: { type: "array", items: { type: "string", maxLength: 5 }, maxItems: 3, minItems: 1 } },
    { given: col("mails", list(text), { format: "email", pattern: "@x\\.org$" }), want: { type: "array", items: { type: "string", format: "email", pattern: "@x\\.org$" }, maxItems: 1000 } },
    { given: col("level", { kind: "enum", values: ["low", "high"] }), want: { type: "string", enum: ["low", "high"] } },
    // A json column with item bounds is a list (strict ajv refuses maxItems without a type).
    { given: col("labels", { kind: "json" }, { maxItems: 10 }), want: { type: "array", items: {}, maxItems: 10 } },
    { given: col("labels", { kind: "json" }, { minItems: 1, nullable: true }), want: { type: ["array", "null"], items: {}, minItems: 1 } },
    { given: col("meta", { kind: "json" }, { nullable: true }), want: {} },
  ];
  for (const c of cases) {
    it(`${c.given.name} ${JSON.stringify(c.given.type)} (${c.dir ?? "in"})`, () => {
      const schema = columnSchema(c.given, c.dir ?? "in");
      expect(schema).toEqual(c.want);
      // Every schema compiles under the runtime's strict ajv.
      expect(() => compile({ type: "object", properties: { x: schema } })).not.toThrow();
    });
  }

  it("holds a bigint's and a decimal's numeric text to the bounds (x-text-bounds), exactly", () => {
    const t: Table = {
      name: "items", span: SPAN, identity: false, owner: null, primaryKey: "id", indexes: [],
      columns: [col("id", { kind: "integer" }, { primaryKey: true, default: { kind: "increment" }, role: "id" }), col("price", { kind: "decimal" }, { exclusiveMinimum: 0, maximum: 99.5, nullable: true }), col("big", { kind: "bigint" }, { minimum: 10, nullable: true })],
    };
    const ir = { tables: [t], endpoints: [], auth: { mode: "external", identityTable: null } } as unknown as IR;
    const s = runtimeBodySchemas(tableInfo(ir, t));
    const v = compile<Record<string, unknown>>(s.create);
    const field = (body: Record<string, unknown>) => {
      try {
        v(body);
        return null;
      } catch (e) {
        return (e as { errors: Array<{ field: string; message: string }> }).errors;
      }
    };
    expect(field({ price: "0.01", big: "10" })).toBeNull();
    expect(field({ price: "0", big: "10" })).toEqual([{ field: "price", message: "must be > 0" }]);
    expect(field({ price: "-0.00" })).toEqual([{ field: "price", message: "must be > 0" }]);
    expect(field({ price: "99.51" })).toEqual([{ field: "price", message: "must be <= 99.5" }]);
    expect(field({ price: 0 })).toEqual([{ field: "price", message: "must be > 0" }]);
    expect(field({ big: "9" })).toEqual([{ field: "big", message: "must be >= 10" }]);
    expect(field({ big: "99999999999999999" })).toBeNull();
  });
});

describe("exact decimal comparison", () => {
  const cases: Array<[string, string, number]> = [
    ["1", "1.0", 0], ["0.1", "0.10", 0], ["-0", "0", 0], ["10", "9.99", 1], ["-10", "-9", -1],
    ["123456789012345678901234567890", "123456789012345678901234567891", -1], ["0.001", "0.0009", 1], ["-0.5", "0", -1],
  ];
  for (const [a, b, want] of cases) it(`${a} vs ${b}`, () => expect(compareDecimal(a, b)).toBe(want));
  it("says nothing of what is not a decimal", () => expect(compareDecimal("1e3", "1")).toBeNull());
  it("bounds", () => {
    expect(checkTextBounds("5", { minimum: 5 })).toBeNull();
    expect(checkTextBounds("5", { exclusiveMinimum: 5 })).toBe("must be > 5");
    expect(checkTextBounds("1e3", { maximum: 5 })).toBeNull(); // not numeric text: the pattern reports it
  });
});

describe("comparisons of two fields (x-compare)", () => {
  const rules = [
    { left: "ends_at", op: ">" as const, right: "starts_at", kind: "timestamp" },
    { left: "max", op: ">=" as const, right: "min", kind: "decimal" },
    { left: "follower", op: "<>" as const, right: "followee", kind: "uuid" },
    { left: "last", op: ">" as const, right: "first", kind: "equality" },
    { left: "closes", op: ">" as const, right: "opens", kind: "time" },
  ];
  const cases: Array<{ body: Record<string, unknown>; want: string[] }> = [
    { body: { ends_at: "2030-01-01T10:00:00Z", starts_at: "2030-01-01T09:00:00Z" }, want: [] },
    { body: { ends_at: "2030-01-01T10:00:00+02:00", starts_at: "2030-01-01T09:00:00Z" }, want: ["ends_at: must be after starts_at"] },
    { body: { ends_at: "2030-01-01T10:00:00Z" }, want: [] },
    { body: { ends_at: null, starts_at: "2030-01-01T09:00:00Z" }, want: [] },
    { body: { max: "10.0", min: 10 }, want: [] },
    { body: { max: "9.99", min: 10 }, want: ["max: must be at least min"] },
    { body: { follower: "0B3F1C52-5A9E-4C1B-9F1E-3C2D4B5A6E7F", followee: "0b3f1c52-5a9e-4c1b-9f1e-3c2d4b5a6e7f" }, want: ["follower: must differ from followee"] },
    // Text is ordered by the database's collation: only it decides.
    { body: { last: "a", first: "b" }, want: [] },
    { body: { last: "a", first: "a" }, want: ["last: must be greater than first"] },
    { body: { closes: "09:00", opens: "09:00:00.5" }, want: ["closes: must be after opens"] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.body), () => expect(brokenComparisons(rules, c.body).map((e) => `${e.field}: ${e.message}`)).toEqual(c.want));
  }
});

describe("CHECK of each rule family", () => {
  const T = "events";
  const cases: Array<{ given: SnapshotColumn; want: Array<[string, string]> }> = [
    {
      given: { ...scol("name", varchar(80)), minLength: 3, maxLength: 40 },
      want: [["events_name_length", `char_length("name") >= 3 AND char_length("name") <= 40`]],
    },
    {
      given: { ...scol("price", { kind: "decimal" }), minimum: 0, exclusiveMinimum: 0, maximum: 100, exclusiveMaximum: 101 },
      want: [["events_price_range", `"price" >= 0 AND "price" > 0 AND "price" <= 100 AND "price" < 101`]],
    },
    { given: { ...scol("code", text), pattern: "^[A-Z]{3}$" }, want: [["events_code_pattern", `"code" ~ '^[A-Z]{3}$'`]] },
    { given: { ...scol("quote", text), pattern: "^it's$" }, want: [["events_quote_pattern", `"quote" ~ '^it''s$'`]] },
    { given: { ...scol("mail", text), format: "email" }, want: [["events_mail_format", `"mail" ~ '${FORMAT_SQL.email}'`]] },
    {
      given: { ...scol("tags", list(text)), minItems: 1, maxItems: 3, itemMaxLength: 5 },
      want: [["events_tags_items", `cardinality("tags") >= 1 AND cardinality("tags") <= 3 AND "tags"::varchar(5)[]::text[] = "tags"::text[]`]],
    },
    {
      // A json column with item bounds holds a list: its type and its length are checked.
      given: { ...scol("labels", { kind: "json" }), minItems: 1, maxItems: 10 },
      want: [["events_labels_items", `jsonb_typeof("labels") = 'array' AND jsonb_array_length("labels") >= 1 AND jsonb_array_length("labels") <= 10`]],
    },
    {
      given: { ...scol("codes", list(text)), pattern: '^\\d"$' },
      want: [["events_codes_pattern", `NOT jsonb_path_exists(to_jsonb("codes"), '$[*] ? (!(@ like_regex "^\\\\d\\"$" flag "s"))')`]],
    },
  ];
  for (const c of cases) it(c.given.name, () => expect(columnRuleChecks(T, c.given).map((k) => [k.name, k.sql])).toEqual(c.want));

  it("snapshots only the rules the type does not hold already, and only known formats", () => {
    const t: Table = {
      name: "events", span: SPAN, identity: false, owner: null, primaryKey: "id", indexes: [],
      columns: [
        col("id", { kind: "integer" }, { primaryKey: true, default: { kind: "increment" }, role: "id" }),
        col("a", varchar(20), { minLength: 0, maxLength: 20, format: "phone" }),
        col("b", varchar(20), { minLength: 1, maxLength: 10, format: "uri" }),
        col("c", list(varchar(5)), { itemMaxLength: 8, minItems: 0, maxItems: 4 }),
        col("d", { kind: "integer" }, { exclusiveMaximum: 5, format: "email" }),
      ],
      checks: [{ name: "events_b_c_check", sql: "b <> ''", columns: ["b"], span: SPAN, validated: false }],
    };
    const snap = snapshotOf({ tables: [t] } as unknown as IR, () => []);
    const cols = snap.tables[0]!.columns;
    const rules = (n: string) => {
      const { name: _n, type: _t, nullable: _u, primaryKey: _p, unique: _q, default: _d, references: _r, ...rest } = cols.find((c) => c.name === n)!;
      return rest;
    };
    expect(rules("a")).toEqual({});
    expect(rules("b")).toEqual({ minLength: 1, maxLength: 10, format: "uri" });
    expect(rules("c")).toEqual({ maxItems: 4 });
    expect(rules("d")).toEqual({ exclusiveMaximum: 5 });
    expect(snap.tables[0]!.checks).toEqual([{ name: "events_b_c_check", sql: "b <> ''" }]);
    // Read back from disk, the same; a version 1 snapshot had none of them.
    expect(normalizeSnapshot(JSON.parse(JSON.stringify(snap)))).toEqual(snap);
    const v1 = normalizeSnapshot({ ...JSON.parse(JSON.stringify(snap)), version: 1 });
    expect(v1.tables[0]!.checks).toBeUndefined();
    expect(v1.tables[0]!.columns.find((c) => c.name === "b")).not.toHaveProperty("minLength");
  });
});

function scol(name: string, type: ColumnType, extra: Partial<SnapshotColumn> = {}): SnapshotColumn {
  return { name, type, nullable: true, primaryKey: false, unique: false, default: null, references: null, ...extra };
}

function table(columns: SnapshotColumn[], checks?: SnapshotTable["checks"], name = "events"): SnapshotTable {
  return {
    name,
    primaryKey: "id",
    columns: [{ ...scol("id", { kind: "integer" }), nullable: false, primaryKey: true, default: { kind: "increment" } }, ...columns],
    indexes: [],
    ...(checks ? { checks } : {}),
  };
}

const snap = (...tables: SnapshotTable[]): Snapshot => ({ version: 2, tables });
/** The SQL of each knex.raw step, as Knex sends it (`\\?` is a literal question mark). */
const sqlOf = (lines: readonly string[]) =>
  lines.filter((l) => l.includes("knex.raw(")).map((l) => (JSON.parse(l.replace(/^\s*await knex\.raw\((.*)\);$/, "$1")) as string).replace(/\\\?/g, "?"));

describe("the differ", () => {
  const name = scol("name", text);
  const cases: Array<{ what: string; from: Snapshot; to: Snapshot; renames?: Renames; up: string[]; down: string[]; summary?: string[] }> = [
    {
      what: "creates a table with its rule checks and its own CHECKs",
      from: EMPTY_SNAPSHOT,
      to: snap(table([{ ...name, minLength: 1 }, { ...scol("n", { kind: "integer" }), minimum: 0, exclusiveMaximum: 9 }], [{ name: "events_total_check", sql: "n * 2 <= 10" }])),
      up: [
        `ALTER TABLE "events" ADD CONSTRAINT "events_name_length" CHECK (char_length("name") >= 1)`,
        `ALTER TABLE "events" ADD CONSTRAINT "events_n_range" CHECK ("n" >= 0 AND "n" < 9)`,
        `ALTER TABLE "events" ADD CONSTRAINT "events_total_check" CHECK (n * 2 <= 10)`,
      ],
      down: [],
    },
    {
      what: "adds a rule to a column",
      from: snap(table([name])),
      to: snap(table([{ ...name, pattern: "^[a-z]+$" }])),
      up: [`ALTER TABLE "events" ADD CONSTRAINT "events_name_pattern" CHECK ("name" ~ '^[a-z]+$')`],
      down: [`ALTER TABLE "events" DROP CONSTRAINT "events_name_pattern"`],
      summary: ["check pattern of events.name"],
    },
    {
      what: "changes a rule: drops the old check, adds the new",
      from: snap(table([{ ...name, maxLength: 10 }])),
      to: snap(table([{ ...name, maxLength: 20 }])),
      up: [`ALTER TABLE "events" DROP CONSTRAINT "events_name_length"`, `ALTER TABLE "events" ADD CONSTRAINT "events_name_length" CHECK (char_length("name") <= 20)`],
      down: [`ALTER TABLE "events" DROP CONSTRAINT "events_name_length"`, `ALTER TABLE "events" ADD CONSTRAINT "events_name_length" CHECK (char_length("name") <= 10)`],
      summary: ["drop length check of events.name", "check length of events.name"],
    },
    {
      what: "keeps the range check's words",
      from: snap(table([{ ...scol("n", { kind: "integer" }), minimum: 0 }])),
      to: snap(table([scol("n", { kind: "integer" })])),
      up: [`ALTER TABLE "events" DROP CONSTRAINT "events_n_range"`],
      down: [`ALTER TABLE "events" ADD CONSTRAINT "events_n_range" CHECK ("n" >= 0)`],
      summary: ["drop range check of events.n"],
    },
    {
      what: "adds a column with its rules",
      from: snap(table([])),
      to: snap(table([{ ...scol("tags", list(text)), maxItems: 2, format: "email" }])),
      up: [
        `ALTER TABLE "events" ADD CONSTRAINT "events_tags_format" CHECK (NOT jsonb_path_exists(to_jsonb("tags"), '$[*] ? (!(@ like_regex "${FORMAT_SQL.email}" flag "s"))'))`,
        `ALTER TABLE "events" ADD CONSTRAINT "events_tags_items" CHECK (cardinality("tags") <= 2)`,
      ],
      down: [],
    },
    {
      what: "adds, changes and drops table CHECKs by name",
      from: snap(table([name], [{ name: "a_check", sql: "1 < 2" }, { name: "b_check", sql: "name <> ''" }])),
      to: snap(table([name], [{ name: "b_check", sql: "name <> 'x'" }, { name: "c_check", sql: "length(name) < 9" }])),
      up: [
        `ALTER TABLE "events" DROP CONSTRAINT "a_check"`,
        `ALTER TABLE "events" DROP CONSTRAINT "b_check"`,
        `ALTER TABLE "events" ADD CONSTRAINT "b_check" CHECK (name <> 'x')`,
        `ALTER TABLE "events" ADD CONSTRAINT "c_check" CHECK (length(name) < 9)`,
      ],
      down: [
        `ALTER TABLE "events" DROP CONSTRAINT "b_check"`,
        `ALTER TABLE "events" DROP CONSTRAINT "c_check"`,
        `ALTER TABLE "events" ADD CONSTRAINT "a_check" CHECK (1 < 2)`,
        `ALTER TABLE "events" ADD CONSTRAINT "b_check" CHECK (name <> '')`,
      ],
    },
    {
      what: "renames a column's rule checks with the column",
      from: snap(table([{ ...scol("title", text), minLength: 1, pattern: "^x" }])),
      to: snap(table([{ ...scol("name", text), minLength: 1, pattern: "^x" }])),
      renames: { tables: new Map(), columns: new Map([["events.name", "title"]]) },
      up: [`ALTER TABLE "events" RENAME CONSTRAINT "events_title_length" TO "events_name_length"`, `ALTER TABLE "events" RENAME CONSTRAINT "events_title_pattern" TO "events_name_pattern"`],
      down: [`ALTER TABLE "events" RENAME CONSTRAINT "events_name_length" TO "events_title_length"`, `ALTER TABLE "events" RENAME CONSTRAINT "events_name_pattern" TO "events_title_pattern"`],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const plan = planMigration(c.from, c.to, c.renames);
      expect(plan).not.toBeNull();
      expect(sqlOf(migrationCode(plan!.up, true))).toEqual(c.up);
      if (c.from !== EMPTY_SNAPSHOT) expect(sqlOf(migrationCode(plan!.down, false))).toEqual(c.down);
      if (c.summary) expect(plan!.summary).toEqual(c.summary);
      expect(plan!.destructive).toEqual([]);
      // Nothing more to do once applied.
      expect(planMigration(c.to, c.to)).toBeNull();
    });
  }
});

describe("database refusals as problem+json", () => {
  const pgError = (fields: Record<string, string>) => Object.assign(new Error("db"), fields);
  it("a column rule's CHECK names the column", () => {
    const { body } = toProblem(pgError({ code: "23514", table: "events", constraint: "events_starts_on_range" }));
    expect(body).toEqual({
      type: "about:blank", title: "Unprocessable Content", status: 422,
      detail: 'starts_on: is out of range (check constraint "events_starts_on_range")',
      errors: [{ field: "starts_on", message: "is out of range" }],
    });
  });
  it("a registered constraint names its fields; an unknown one only itself", () => {
    registerConstraints({ orders_total_check: ["price", "quantity"], orders_user_id_name_unique: ["user_id", "name"] });
    expect(toProblem(pgError({ code: "23514", table: "orders", constraint: "orders_total_check" })).body.errors?.map((e) => e.field)).toEqual(["price", "quantity"]);
    expect(toProblem(pgError({ code: "23514", table: "orders", constraint: "mystery" })).body).toEqual({ type: "about:blank", title: "Unprocessable Content", status: 422, detail: 'the row breaks the check constraint "mystery"' });
    const dup = toProblem(pgError({ code: "23505", table: "orders", constraint: "orders_user_id_name_unique" }));
    expect(dup.body.status).toBe(409);
    expect(dup.body.detail).toBe('a row with the same user_id, name already exists (unique constraint "orders_user_id_name_unique")');
  });
  it("a unique violation names the key's columns, never its values", () => {
    const { body } = toProblem(pgError({ code: "23505", table: "t", constraint: "t_email_unique", detail: "Key (email)=(someone@else.org) already exists." }));
    expect(body).toEqual({ type: "about:blank", title: "Conflict", status: 409, detail: 'a row with the same email already exists (unique constraint "t_email_unique")', errors: [{ field: "email", message: "is already used" }] });
    expect(JSON.stringify(body)).not.toContain("someone");
    // An expression index has no field to name.
    expect(toProblem(pgError({ code: "23505", constraint: "t_lower_idx", detail: "Key (lower(email))=(x) already exists." })).body.errors).toBeUndefined();
  });
  it("keeps the other mappings, and an interval overflow is the client's", () => {
    expect(toProblem(pgError({ code: "22015" })).body).toMatchObject({ status: 422, detail: "an interval value is out of range" });
    expect(toProblem(pgError({ code: "23502", column: "title" })).body).toMatchObject({ status: 422, errors: [{ field: "title", message: "is required" }] });
    expect(toProblem(pgError({ code: "23502" })).body).toMatchObject({ status: 422, detail: "a required value is missing" });
    expect(toProblem(pgError({ code: "23503", detail: 'Key (project_id)=(5) is not present in table "projects".', constraint: "t_project_id_foreign" })).body).toMatchObject({ status: 422, errors: [{ field: "project_id" }] });
    expect(toProblem(pgError({ code: "23514" })).body).toMatchObject({ status: 422, detail: "a value breaks a check constraint" });
    expect(toProblem(pgError({ code: "XX000" })).unexpected).toBe(true);
  });
});

describe("what the generated app carries for the rules", () => {
  it("compare rules between writable columns, and the fields of unique and CHECK constraints", async () => {
    const r = await load(`## users\n\n- id: text (primary key)\n\n## events\n\n- id: serial (primary key)\n- user_id: text (not null, references users(id))\n- name: text (not null)\n- starts_at: timestamp (not null)\n- ends_at: timestamp (not null, after starts_at)\n- created_at: timestamp (not null, default now(), after starts_at)\n\nUnique constraint: (user_id, name)\n`);
    const t = r.ir!.tables.find((x) => x.name === "events")!;
    expect(compareRules(tableInfo(r.ir!, t))).toEqual([{ left: "ends_at", op: ">", right: "starts_at", kind: "timestamp", constraint: "events_ends_at_starts_at_check" }]);
    expect(constraintFields(t)).toMatchObject({ events_user_id_name_unique: ["user_id", "name"], events_ends_at_starts_at_check: ["ends_at", "starts_at"] });
  });
});

describe("list envelopes", () => {
  const page: ListPage<{ id: number }> = { rows: [{ id: 1 }], total: 100, nextCursor: null, limit: 20, offset: 40 };
  it("writes the total at a dotted path, and the paging fields the example names beside it", () => {
    expect(envelopeBody(page, { items: "items", total: "meta.total", limit: "meta.limit", offset: "meta.offset", page: "meta.page" })).toEqual({
      items: [{ id: 1 }],
      meta: { total: 100, limit: 20, offset: 40, page: 3 },
    });
    expect(envelopeBody({ ...page, nextCursor: "c" }, { items: "tasks", total: "total" })).toEqual({ tasks: [{ id: 1 }], total: 100, next_cursor: "c" });
  });
  it("describes the same shape in the OpenAPI document", () => {
    const items = { type: "array", items: { $ref: "#/components/schemas/Task" } };
    expect(envelopeSchema({ items: "tasks", total: "total" }, items)).toEqual({
      type: "object",
      properties: { tasks: items, total: { type: ["integer", "null"] }, next_cursor: { type: "string" } },
      required: ["tasks"],
    });
    expect(envelopeSchema({ items: "items", total: "meta.total", limit: "meta.limit" }, items)).toEqual({
      type: "object",
      properties: { items, meta: { type: "object", properties: { total: { type: ["integer", "null"] }, limit: { type: "integer" } } }, next_cursor: { type: "string" } },
      required: ["items"],
    });
  });
});

describe("lists and embedded rows of the newer types", () => {
  it("neither sorts nor filters on bytes, lists or vectors (SF213)", async () => {
    const r = await load(
      `## users\n\n- id: text (primary key)\n\n## notes\n\n- id: serial (primary key)\n- user_id: text (not null, references users(id))\n- title: varchar(50) (not null)\n- tags: text[] (nullable)\n- blob: bytea (nullable)\n- embedding: vector(3) (nullable)\n`,
      `### GET /api/{user_id}/notes\n\nQuery Parameters:\n- tags: string\n- title: string\n`,
    );
    const list = r.ir!.endpoints.find((e) => e.action.kind === "list")!.list!;
    expect(list.filters.map((f) => f.column)).toEqual(["title"]);
    expect(r.diagnostics.filter((d) => d.code === "SF213").map((d) => d.message)).toEqual([
      'query parameter "tags" names notes.tags, a list column no filter can compare; requests using it are refused with 422',
    ]);
    const inferred = await load(`## users\n\n- id: text (primary key)\n\n## notes\n\n- id: serial (primary key)\n- user_id: text (not null, references users(id))\n- title: varchar(50) (not null)\n- tags: text[] (nullable)\n- blob: bytea (nullable)\n- embedding: vector(3) (nullable)\n`, `### GET /api/{user_id}/notes\n`);
    const keys = inferred.ir!.endpoints.find((e) => e.action.kind === "list")!.list!.sort.keys.map((k) => k.column);
    expect(keys).toContain("title");
    expect(keys.filter((k) => ["tags", "blob", "embedding"].includes(k))).toEqual([]);
  });

  it("writes each kind into the embedded JSON as the row path shows it", () => {
    const cases: Array<[string, string]> = [
      ["bytes", `translate(encode(x, 'base64'), E'\\n', '')`],
      ["vector", "x::real[]"],
      ["char", "x::text"],
      ["array:bigint", "x::text[]"],
      ["array:decimal", "x::text[]"],
      ["array:char", "x::text[]"],
      ["bigint", "x::text"],
      ["text", "x"],
    ];
    for (const [kind, want] of cases) expect(jsonValue("x", kind), kind).toBe(want);
  });
});
