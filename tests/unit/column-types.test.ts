// Column types end to end, without a database: how each notation's type text reads
// (interpretType), and what each ColumnType becomes in SQL, in the migration differ, in the
// JSON Schema the API validates with (compiled by the runtime's own ajv) and in TypeScript.
// tests/app/column-types.test.ts runs the same types through a generated app on both databases.
import { describe, expect, it } from "vitest";
import { interpretType, interpretTypedDefault, arrayLiteral } from "../../generator/ir/read-type.js";
import { columnTsType, isWidening, sqlType, typeText } from "../../generator/ir/column-forms.js";
import type { Column, ColumnType } from "../../generator/ir/types.js";
import { planMigration } from "../../generator/plan/plan-migration.js";
import { columnBuilder, migrationCode } from "../../generator/emit/migration-code.js";
import type { Snapshot, SnapshotColumn } from "../../generator/plan/snapshot.js";
import { columnSchema } from "../../generator/emit/table-info.js";
import { compile } from "../../templates/runtime/validate.js";
import { createRow, getRow, updateRow, type TableSql } from "../../templates/runtime/rows.js";
import type { Statement } from "../../templates/runtime/batch.js";
import { loadSpecFiles } from "../../generator/front.js";
import { buildOpenApi } from "../../generator/emit/emit-openapi.js";
import { json } from "../../generator/emit/common.js";
import { printSchemaTypesOrRefusal } from "../../generator/emit/print-client-types.js";
import { schemaTypesViaApi } from "../../generator/emit/client-types.js";

const S = { kind: "string" } as const;
const named = new Map<string, ColumnType>([
  ["eventstatus", { kind: "enum", values: ["draft", "live"], name: "EventStatus" }],
  ["task_column", { kind: "enum", values: ["todo", "done"], name: "task_column" }],
]);

describe("interpretType reads every notation", () => {
  const cases: [string, ColumnType | null, { nullable?: boolean; rest?: string; increment?: boolean }?][] = [
    // PostgreSQL / SQL
    ["bytea", { kind: "bytes" }],
    ["inet", { kind: "inet" }],
    ["CIDR", { kind: "cidr" }],
    ["macaddr", { kind: "macaddr" }],
    ["interval", { kind: "interval" }],
    ["INTERVAL(6)", { kind: "interval" }],
    ["text[]", { kind: "array", of: { kind: "text" } }],
    ["integer[]", { kind: "array", of: { kind: "integer" } }],
    ["uuid[]", { kind: "array", of: { kind: "uuid" } }],
    ["int4[]", { kind: "array", of: { kind: "integer" } }],
    ["varchar(20)[]", { kind: "array", of: { kind: "string", maxLength: 20 } }],
    ["TEXT ARRAY", { kind: "array", of: { kind: "text" } }],
    ["integer ARRAY[4]", { kind: "array", of: { kind: "integer" } }],
    ["text[3]", { kind: "array", of: { kind: "text" } }],
    ["ARRAY(String)", { kind: "array", of: S }],
    ["char(3)", { kind: "string", maxLength: 3, fixed: true }],
    ["character(2)", { kind: "string", maxLength: 2, fixed: true }],
    ["nchar(10)", { kind: "string", maxLength: 10, fixed: true }],
    ["char", S],
    ["character varying(40)", { kind: "string", maxLength: 40 }],
    ["numeric(10,2)", { kind: "decimal", precision: 10, scale: 2 }],
    ["time", { kind: "time" }],
    ["jsonb", { kind: "json" }],
    ["smallint", { kind: "integer", small: true }],
    ["int2", { kind: "integer", small: true }],
    ["smallserial", { kind: "integer", small: true }, { increment: true }],
    ["vector(3)", { kind: "vector", dimensions: 3 }],
    ["VECTOR(1536)", { kind: "vector", dimensions: 1536 }],
    ["TIMESTAMPTZ", { kind: "timestamp" }],
    ["double precision", { kind: "float" }],
    ["money", { kind: "decimal", precision: 19, scale: 4 }],
    // SQL Server, Oracle and MySQL types as written in Markdown tables and lists
    ["DATETIMEOFFSET", { kind: "timestamp" }],
    ["DATETIMEOFFSET(7)", { kind: "timestamp" }],
    ["DATETIME2", { kind: "timestamp" }],
    ["datetime2(3)", { kind: "timestamp" }],
    ["SMALLDATETIME", { kind: "timestamp" }],
    ["TIMESTAMP WITH LOCAL TIME ZONE", { kind: "timestamp" }],
    ["NVARCHAR(120)", { kind: "string", maxLength: 120 }],
    ["NVARCHAR(MAX)", { kind: "string" }],
    ["NCHAR(2)", { kind: "string", maxLength: 2, fixed: true }],
    ["NTEXT", { kind: "text" }],
    ["NCLOB", { kind: "text" }],
    ["UNIQUEIDENTIFIER", { kind: "uuid" }],
    ["BIT", { kind: "boolean" }],
    ["MONEY", { kind: "decimal", precision: 19, scale: 4 }],
    ["SMALLMONEY", { kind: "decimal", precision: 10, scale: 4 }],
    ["TINYINT", { kind: "integer", small: true }],
    ["VARBINARY(MAX)", { kind: "bytes" }],
    ["RAW(16)", { kind: "bytes" }],
    ["NUMBER(10,2)", { kind: "decimal", precision: 10, scale: 2 }],
    ["NUMBER(9)", { kind: "integer" }],
    ["NUMBER(12)", { kind: "bigint" }],
    ["INT IDENTITY(1,1)", { kind: "integer" }, { rest: "IDENTITY(1,1)" }],
    ["citext", { kind: "text" }],
    ["blob", { kind: "bytes" }],
    ["varbinary(255)", { kind: "bytes" }],
    ["enum(a, b)[]", { kind: "array", of: { kind: "enum", values: ["a", "b"] } }],
    ["text[] not null", { kind: "array", of: { kind: "text" } }, { rest: "not null" }],
    ["inet UNIQUE", { kind: "inet" }, { rest: "UNIQUE" }],
    // Prisma
    ["String?", S, { nullable: true }],
    ["String[]", { kind: "array", of: S }],
    ["Int", { kind: "integer" }],
    ["Int[]", { kind: "array", of: { kind: "integer" } }],
    ["BigInt", { kind: "bigint" }],
    ["Float", { kind: "float" }],
    ["Decimal", { kind: "decimal" }],
    ["Boolean", { kind: "boolean" }],
    ["DateTime", { kind: "timestamp" }],
    ["Json", { kind: "json" }],
    ["Bytes", { kind: "bytes" }],
    ["Bytes?", { kind: "bytes" }, { nullable: true }],
    // Python
    ["str", S],
    ["int", { kind: "integer" }],
    ["bytes", { kind: "bytes" }],
    ["timedelta", { kind: "interval" }],
    ["Optional[str]", S, { nullable: true }],
    ["Optional[int]", { kind: "integer" }, { nullable: true }],
    ["list[str]", { kind: "array", of: S }],
    ["List[int]", { kind: "array", of: { kind: "integer" } }],
    ["typing.List[str]", { kind: "array", of: S }],
    ["Optional[list[str]]", { kind: "array", of: S }, { nullable: true }],
    ["str | None", S, { nullable: true }],
    // TypeScript
    ["string | null", S, { nullable: true }],
    ["string[]", { kind: "array", of: S }],
    ["string[] | null", { kind: "array", of: S }, { nullable: true }],
    ["Array<number>", { kind: "array", of: { kind: "float" } }],
    ["number", { kind: "float" }],
    ["boolean | undefined", { kind: "boolean" }, { nullable: true }],
    // TypeScript's Date stays a calendar day: SQL's DATE and a table's "Date" mean one far more often.
    ["Date", { kind: "date" }],
    // Not types
    ["banana", null],
    ["list[", null],
    ["Optional[str", null],
  ];
  it.each(cases)("%s", (given, want, extra) => {
    const r = interpretType(given);
    expect(r.type).toEqual(want);
    expect(r.problem).toBeUndefined();
    expect(r.nullable).toBe(extra?.nullable ?? false);
    expect(r.increment).toBe(extra?.increment ?? false);
    expect(r.rest).toBe(extra?.rest ?? "");
  });

  it("keeps the position of what follows the type", () => {
    const r = interpretType("  text[] NOT NULL");
    expect(r.rest).toBe("NOT NULL");
    expect("  text[] NOT NULL".slice(r.restAt)).toBe("NOT NULL");
  });

  it("resolves names of enums the spec defines, keeping the name", () => {
    expect(interpretType("EventStatus", named).type).toEqual({ kind: "enum", values: ["draft", "live"], name: "EventStatus" });
    expect(interpretType("task_column", named).type).toEqual({ kind: "enum", values: ["todo", "done"], name: "task_column" });
    expect(interpretType("public.task_column", named).type).toMatchObject({ kind: "enum", name: "task_column" });
    expect(interpretType('"EventStatus"', named).type).toMatchObject({ kind: "enum", name: "EventStatus" });
    expect(interpretType("EventStatus?", named)).toMatchObject({ type: { kind: "enum" }, nullable: true });
    expect(interpretType("EventStatus[]", named).type).toEqual({ kind: "array", of: { kind: "enum", values: ["draft", "live"], name: "EventStatus" } });
    expect(interpretType("EventStatus NOT NULL", named)).toMatchObject({ type: { kind: "enum" }, rest: "NOT NULL" });
    // Keyed in words, as the IR builder keys them; inside Python's and TypeScript's wrappers too.
    const byWords = new Map<string, ColumnType>([["event_status", { kind: "enum", values: ["x"], name: "EventStatus" }]]);
    expect(interpretType("EventStatus", byWords).type).toMatchObject({ kind: "enum", name: "EventStatus" });
    expect(interpretType("Optional[EventStatus]", byWords)).toMatchObject({ type: { kind: "enum" }, nullable: true });
    expect(interpretType("list[EventStatus]", byWords).type).toMatchObject({ kind: "array", of: { kind: "enum" } });
    expect(interpretType("EventStatus | null", byWords)).toMatchObject({ type: { kind: "enum" }, nullable: true });
    // Without the spec's names, a name is not a type.
    expect(interpretType("EventStatus").type).toBeNull();
    expect(interpretType("EventStatusX", named).type).toBeNull();
  });

  const problems: [string, RegExp, RegExp][] = [
    ["integer[][]", /arrays of arrays/, /json/],
    ["jsonb[]", /arrays of json/, /json/],
    ["list[list[int]]", /arrays of arrays/, /json/],
    ["vector(3)[]", /arrays of vectors/, /row/],
    ["serial[]", /count up/, /integer\[\]/],
    ["vector", /dimensions/, /vector\(n\)/],
    ["vector(0)", /outside/, /16000/],
    ["vector(20000)", /outside/, /16000/],
    ["xml", /xml is not supported/, /text/],
    ["point", /geometric/, /GeoJSON/],
    ["geometry(Point, 4326)", /geometric/, /GeoJSON/],
    ["tsvector", /full-text/, /ILIKE/],
    ["tstzrange", /range types/, /two columns/],
    ["hstore", /hstore/, /json/],
    ["bit varying(8)", /bit strings/, /bytea/],
    ["macaddr8", /macaddr8/, /macaddr/],
  ];
  it.each(problems)("%s is a positioned error with a hint", (given, problem, hint) => {
    const r = interpretType(given);
    expect(r.type).not.toBeNull();
    expect(r.problem).toMatch(problem);
    expect(r.hint).toMatch(hint);
  });

  it("says what citext loses", () => {
    expect(interpretType("citext").note).toMatch(/case-sensitive/);
    expect(interpretType("text").note).toBeUndefined();
  });
});

describe("defaults of the new types", () => {
  const t = (text: string, quoted = false) => ({ text, quoted });
  const arr: ColumnType = { kind: "array", of: S };
  it.each([
    [t("{}", true), arr, { kind: "literal", value: "{}" }],
    [t("{a,b}", true), arr, { kind: "literal", value: "{a,b}" }],
    [t("[]"), arr, { kind: "literal", value: "{}" }],
    [t("ARRAY[]"), arr, { kind: "literal", value: "{}" }],
    [t('["a", "b"]'), arr, { kind: "literal", value: '{"a","b"}' }],
    [t("null"), arr, { kind: "literal", value: null }],
    [t("127.0.0.1", true), { kind: "inet" }, { kind: "literal", value: "127.0.0.1" }],
    [t("1 day", true), { kind: "interval" }, { kind: "literal", value: "1 day" }],
  ] as const)("%j on %j", (d, type, want) => expect(interpretTypedDefault(d, type as ColumnType)).toEqual(want));

  it("refuses what does not fit and leaves the other types alone", () => {
    expect(interpretTypedDefault(t("5"), arr)).toHaveProperty("problem");
    expect(interpretTypedDefault(t("now()"), { kind: "interval" })).toHaveProperty("problem");
    expect(interpretTypedDefault(t("[1,2]"), { kind: "vector", dimensions: 2 })).toHaveProperty("problem");
    expect(interpretTypedDefault(t("0"), { kind: "integer" })).toBeNull();
  });

  it("writes PostgreSQL array literals with every element quoted", () => {
    expect(arrayLiteral(['a"b', "c\\d", null, 1])).toBe('{"a\\"b","c\\\\d",NULL,"1"}');
  });
});

describe("SQL of each type", () => {
  const cases: [ColumnType, string, string][] = [
    [{ kind: "string", maxLength: 3, fixed: true }, "char(3)", 't.specificType("c", "char(3)")'],
    [{ kind: "integer", small: true }, "smallint", 't.smallint("c")'],
    [{ kind: "bytes" }, "bytea", 't.specificType("c", "bytea")'],
    [{ kind: "inet" }, "inet", 't.specificType("c", "inet")'],
    [{ kind: "cidr" }, "cidr", 't.specificType("c", "cidr")'],
    [{ kind: "macaddr" }, "macaddr", 't.specificType("c", "macaddr")'],
    [{ kind: "interval" }, "interval", 't.specificType("c", "interval")'],
    [{ kind: "array", of: S }, "text[]", 't.specificType("c", "text[]")'],
    [{ kind: "array", of: { kind: "integer" } }, "integer[]", 't.specificType("c", "integer[]")'],
    [{ kind: "array", of: { kind: "uuid" } }, "uuid[]", 't.specificType("c", "uuid[]")'],
    [{ kind: "array", of: { kind: "enum", values: ["a"] } }, "text[]", 't.specificType("c", "text[]")'],
    [{ kind: "array", of: { kind: "timestamp" } }, "timestamptz[]", 't.specificType("c", "timestamptz[]")'],
    [{ kind: "vector", dimensions: 3 }, "vector(3)", 't.specificType("c", hasVector ? "vector(3)" : "real[]")'],
  ];
  const col = (type: ColumnType): SnapshotColumn => ({ name: "c", type, nullable: true, primaryKey: false, unique: false, default: null, references: null });
  it.each(cases)("%j", (type, sql, builder) => {
    expect(sqlType(type)).toBe(sql);
    expect(columnBuilder(col(type), "t", false)).toBe(`${builder}.nullable();`);
  });

  it("says the types for people", () => {
    expect(typeText({ kind: "array", of: { kind: "string", maxLength: 3, fixed: true } })).toBe("char(3)[]");
    expect(typeText({ kind: "enum", values: ["a", "b"], name: "Mood" })).toBe("Mood enum(a, b)");
    expect(typeText({ kind: "vector", dimensions: 8 })).toBe("vector(8)");
    expect(typeText({ kind: "integer", small: true })).toBe("smallint");
  });

  it("fills new NOT NULL columns and defaults lists", () => {
    const snap = (c: SnapshotColumn): Snapshot => ({ version: 2, tables: [{ name: "t", primaryKey: "id", columns: [col({ kind: "integer" }), c].map((x, i) => (i === 0 ? { ...x, name: "id", primaryKey: true, nullable: false } : x)), indexes: [] }] });
    const base: Snapshot = { version: 2, tables: [{ name: "t", primaryKey: "id", columns: [{ ...col({ kind: "integer" }), name: "id", primaryKey: true, nullable: false }], indexes: [] }] };
    const tags = planMigration(base, snap({ ...col({ kind: "array", of: S }), name: "tags", nullable: false, default: { kind: "literal", value: "{}" } }), undefined)!;
    expect(migrationCode(tags.up, true).join("\n")).toContain('t.specificType("tags", "text[]").notNullable().defaultTo("{}")');
    const ip = planMigration(base, snap({ ...col({ kind: "inet" }), name: "ip", nullable: false }))!;
    expect(migrationCode(ip.up, true).join("\n")).toContain(`defaultTo(knex.raw("'0.0.0.0'"))`);
  });
});

describe("the migration differ", () => {
  const w: [ColumnType, ColumnType, boolean][] = [
    [{ kind: "integer", small: true }, { kind: "integer" }, true],
    [{ kind: "integer" }, { kind: "integer", small: true }, false],
    [{ kind: "integer", small: true }, { kind: "decimal", precision: 5, scale: 0 }, true],
    [{ kind: "cidr" }, { kind: "inet" }, true],
    [{ kind: "inet" }, { kind: "cidr" }, false],
    [{ kind: "inet" }, { kind: "text" }, true],
    [{ kind: "array", of: { kind: "integer" } }, { kind: "array", of: { kind: "bigint" } }, true],
    [{ kind: "array", of: { kind: "bigint" } }, { kind: "array", of: { kind: "integer" } }, false],
    [{ kind: "array", of: { kind: "enum", values: ["a"] } }, { kind: "array", of: { kind: "enum", values: ["a", "b"] } }, true],
    [{ kind: "array", of: { kind: "enum", values: ["a", "b"] } }, { kind: "array", of: { kind: "enum", values: ["a"] } }, false],
    [{ kind: "string", maxLength: 3 }, { kind: "string", maxLength: 3, fixed: true }, true],
    [{ kind: "string", maxLength: 3, fixed: true }, { kind: "string", maxLength: 2 }, false],
    [{ kind: "text" }, { kind: "bytes" }, false],
    [{ kind: "text" }, { kind: "array", of: { kind: "text" } }, false],
    [{ kind: "vector", dimensions: 3 }, { kind: "vector", dimensions: 4 }, false],
    [{ kind: "interval" }, { kind: "string" }, true],
  ];
  it.each(w)("%j -> %j widens: %s", (from, to, want) => expect(isWidening(from, to)).toBe(want));

  const table = (cols: SnapshotColumn[]): Snapshot => ({
    version: 2,
    tables: [{ name: "docs", primaryKey: "id", columns: [{ name: "id", type: { kind: "integer" }, nullable: false, primaryKey: true, unique: false, default: { kind: "increment" }, references: null }, ...cols], indexes: [] }],
  });
  const col = (name: string, type: ColumnType): SnapshotColumn => ({ name, type, nullable: true, primaryKey: false, unique: false, default: null, references: null });
  const empty: Snapshot = { version: 2, tables: [] };

  it("creates a vector as pgvector's type when the database has it, else real[] with a length check", () => {
    const plan = planMigration(empty, table([col("embedding", { kind: "vector", dimensions: 3 })]))!;
    const up = migrationCode(plan.up, true).join("\n");
    expect(up).toContain("CREATE EXTENSION IF NOT EXISTS vector");
    expect(up).toContain("pg_available_extensions");
    expect(up.indexOf("const hasVector")).toBeLessThan(up.indexOf("createTable"));
    expect(up).toContain('hasVector ? "vector(3)" : "real[]"');
    expect(up).toMatch(/if \(!hasVector\)\n\s+await knex\.raw\(".*docs_embedding_dims.*cardinality\(\\"embedding\\"\) = 3/);
    // No vector, no detection.
    expect(migrationCode(planMigration(empty, table([col("n", { kind: "integer" })]))!.up, true).join("\n")).not.toContain("hasVector");
  });

  it("checks the values of a list of enum values, and renames the check with the column", () => {
    const before = table([col("tags", { kind: "array", of: { kind: "enum", values: ["a", "b"] } })]);
    const up = migrationCode(planMigration(empty, before)!.up, true).join("\n");
    expect(up).toContain(`CHECK (\\"tags\\" <@ ARRAY['a', 'b']::text[])`);
    const renamed = table([col("labels", { kind: "array", of: { kind: "enum", values: ["a", "b"] } })]);
    const plan = planMigration(before, renamed, { tables: new Map(), columns: new Map([["docs.labels", "tags"]]) })!;
    expect(migrationCode(plan.up, true).join("\n")).toContain("RENAME CONSTRAINT \\\"docs_tags_check\\\" TO \\\"docs_labels_check\\\"");
    // Fewer allowed values: reported as destructive.
    const fewer = planMigration(before, table([col("tags", { kind: "array", of: { kind: "enum", values: ["a"] } })]))!;
    expect(fewer.destructive.length).toBe(1);
    expect(migrationCode(fewer.up, true).join("\n")).toContain("DROP CONSTRAINT \\\"docs_tags_check\\\"");
  });

  it("changes a vector's size in whichever form the column has; refuses vector <-> other types", () => {
    const plan = planMigration(table([col("e", { kind: "vector", dimensions: 3 })]), table([col("e", { kind: "vector", dimensions: 4 })]))!;
    const up = migrationCode(plan.up, true).join("\n");
    expect(up).toContain("TYPE vector(4)");
    expect(up).toContain("cardinality(\\\"e\\\") = 4");
    expect(plan.destructive.length).toBe(1);
    expect(planMigration(table([col("e", { kind: "vector", dimensions: 3 })]), table([col("e", { kind: "array", of: { kind: "float" } })]))!.unsupported.map((p) => p.message)).toEqual([expect.stringMatching(/vector/)]);
  });

  it("turns one value into a list of one, and bytes into base64 text", () => {
    const up = migrationCode(planMigration(table([col("tag", { kind: "text" })]), table([col("tag", { kind: "array", of: { kind: "text" } })]))!.up, true).join("\n");
    expect(up).toContain(`TYPE text[] USING CASE WHEN \\"tag\\" IS NULL THEN NULL ELSE ARRAY[\\"tag\\"::text] END`);
    const b = migrationCode(planMigration(table([col("b", { kind: "bytes" })]), table([col("b", { kind: "text" })]))!.up, true).join("\n");
    expect(b).toContain("encode(\\\"b\\\", 'base64')::text");
  });
});

describe("JSON Schema of each type, as the app's validator applies it", () => {
  const column = (type: ColumnType, nullable = false): Column =>
    ({ name: "v", span: { file: "x", line: 1, column: 1 }, type, nullable, primaryKey: false, unique: false, default: null, references: null, role: "data" }) as Column;
  const accepts = (type: ColumnType, value: unknown, nullable = false) => {
    const v = compile({ type: "object", properties: { v: columnSchema(column(type, nullable), "in") } });
    try {
      v({ v: value });
      return true;
    } catch {
      return false;
    }
  };
  const cases: [string, ColumnType, unknown[], unknown[]][] = [
    ["bytes", { kind: "bytes" }, ["", "AAEC/w==", "aGVsbG8=", "YWJj"], ["not base64!", "YQ", "aGVsbG8", 5]],
    ["inet", { kind: "inet" }, ["192.168.0.1", "10.0.0.0/8", "::1", "2001:db8::/32", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8"], ["999.1.1.1", "1.2.3.4/33", "1::2::3", "fe80::1%eth0", "2001:db8::/129", "abc", ""]],
    ["cidr", { kind: "cidr" }, ["10.0.0.0/8", "10.0.0.0", "2001:db8::/32"], ["10.0.0.0/33", "x"]],
    ["macaddr", { kind: "macaddr" }, ["08:00:2b:01:02:03", "08-00-2b-01-02-03", "08002b:010203", "0800.2b01.0203", "08002b010203"], ["08:00:2b:01:02:0g", "0800.2b01-0203", "08:00:2b"]],
    ["interval", { kind: "interval" }, ["P1DT2H", "P2W", "1 day 02:00:00", "3 hours", "3 Hours", "-1 days +02:00:00", "1 year 2 mons ago", "@ 5 minutes", "00:00:01.5"], ["P", "PT", "banana", "1000000000 years", "1 century", "1 day; drop table x"]],
    ["text[]", { kind: "array", of: { kind: "text" } }, [[], ["a", "b"]], [["a", 1], "a", [["a"]], [null], Array.from({ length: 1001 }, () => "a")]],
    ["integer[]", { kind: "array", of: { kind: "integer" } }, [[1, -2]], [[1.5], ["1"], [2147483648]]],
    ["uuid[]", { kind: "array", of: { kind: "uuid" } }, [["0b3f1c52-5a9e-4c1b-9f1e-3c2d4b5a6e7f"]], [["x"]]],
    ["enum[]", { kind: "array", of: { kind: "enum", values: ["a", "b"] } }, [["a", "b"]], [["c"]]],
    ["vector(3)", { kind: "vector", dimensions: 3 }, [[1, 2.5, -3]], [[1, 2], [1, 2, 3, 4], [1, "2", 3], [1, 2, 1e39]]],
    ["char(3)", { kind: "string", maxLength: 3, fixed: true }, ["USD", "ab"], ["EURO"]],
    ["smallint", { kind: "integer", small: true }, [-32768, 32767], [32768, -32769, 1.5]],
  ];
  for (const [name, type, good, bad] of cases) {
    it(`${name}: accepts ${good.length}, refuses ${bad.length}`, () => {
      for (const g of good) expect(accepts(type, g), JSON.stringify(g)).toBe(true);
      for (const b of bad) expect(accepts(type, b), JSON.stringify(b)).toBe(false);
    });
  }

  it("names the field of a wrong element", () => {
    const v = compile({ type: "object", properties: { tags: columnSchema({ ...column({ kind: "array", of: { kind: "text" } }), name: "tags" }, "in") } });
    expect(() => v({ tags: ["a", 2] })).toThrow(/tags\.1/);
  });

  it("takes null where the column is nullable, lists and vectors too", () => {
    expect(accepts({ kind: "array", of: { kind: "text" } }, null, true)).toBe(true);
    expect(accepts({ kind: "vector", dimensions: 2 }, null, true)).toBe(true);
    expect(accepts({ kind: "bytes" }, null, false)).toBe(false);
  });

  it("describes what comes back: cidr with its prefix, interval as PostgreSQL's text, bytes as base64", () => {
    expect(columnSchema(column({ kind: "cidr" }), "out").pattern).toMatch(/\/\(\?:3/);
    expect(columnSchema(column({ kind: "interval" }), "out")).toEqual({ type: "string" });
    expect(columnSchema(column({ kind: "bytes" }), "out")).toMatchObject({ type: "string", contentEncoding: "base64" });
    expect(columnSchema(column({ kind: "array", of: { kind: "text" } }), "out")).toEqual({ type: "array", items: { type: "string" } });
    expect(columnSchema(column({ kind: "vector", dimensions: 2 }), "out")).toEqual({ type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 });
  });
});

describe("TypeScript types", () => {
  const column = (type: ColumnType, nullable = false): Column => ({ type, nullable }) as Column;
  it.each([
    [{ kind: "bytes" }, "in", "string"],
    [{ kind: "array", of: { kind: "text" } }, "out", "string[]"],
    [{ kind: "array", of: { kind: "enum", values: ["a", "b"] } }, "in", '("a" | "b")[]'],
    [{ kind: "array", of: { kind: "decimal" } }, "in", "(number | string)[]"],
    [{ kind: "array", of: { kind: "timestamp" } }, "model", "(Date | string)[]"],
    [{ kind: "vector", dimensions: 3 }, "out", "number[]"],
    [{ kind: "interval" }, "out", "string"],
    [{ kind: "integer", small: true }, "in", "number"],
  ] as const)("%j (%s) is %s", (type, dir, want) => expect(columnTsType(column(type as ColumnType), dir)).toBe(want));
  it("adds null for nullable lists", () => expect(columnTsType(column({ kind: "array", of: { kind: "integer" } }, true), "out")).toBe("number[] | null"));
});

describe("client types of a document with every type", () => {
  it("are printed by the fast path exactly as openapi-typescript prints them", async () => {
    const schema = [
      "## users",
      "- id: text (primary key)",
      "## things",
      "| Column | Type | Constraints |",
      "|---|---|---|",
      "| id | serial | primary key |",
      "| user_id | text | not null, references users(id) |",
      "| blob | bytea | nullable |",
      "| tags | text[] | nullable |",
      "| moods | enum(a, b)[] | not null |",
      "| amounts | numeric(6,2)[] | nullable |",
      "| ip | inet | nullable |",
      "| span | interval | nullable |",
      "| e | vector(4) | nullable |",
      "| code | char(2) | not null |",
      "| small | smallint | nullable |",
    ].join("\n");
    const api = ["### GET /api/{user_id}/things", "### POST /api/{user_id}/things", "### PATCH /api/{user_id}/things/{id}"].join("\n");
    const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema }, { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: api });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const doc = json(buildOpenApi(r.ir!));
    const fast = printSchemaTypesOrRefusal(doc);
    expect(fast.refusal).toBeNull();
    expect(fast.types!.split("\n")).toEqual((await schemaTypesViaApi(doc)).split("\n"));
    expect(fast.types).toContain('moods: ("a" | "b")[];');
    expect(fast.types).toContain("tags?: string[] | null;");
  });
});

describe("the runtime's value conversion (what the database would see, without one)", () => {
  const spec: TableSql = {
    table: "gadgets",
    pk: "id",
    owner: "user_id",
    columns: { user_id: { cast: "text" }, blob: { cast: "bytea", bytes: true }, blobs: { cast: "bytea[]", bytes: true }, embedding: { cast: "real[]", vector: true }, tags: { cast: "text[]" } },
    touch: null,
    refs: [],
  };
  // pgvector's own text for a vector (real[] would come back as numbers already).
  const sent: Statement[] = [];
  const batch = async (_u: unknown, statements: readonly Statement[]) => {
    sent.push(...statements);
    return statements.map(() => ({ rows: [{ id: 1, embedding: "[1,2.5,-3]", tags: ["a"] }], rowCount: 1 }));
  };

  it("binds a vector as real[] (pgvector casts that on assignment) and bytes as Buffers", async () => {
    sent.length = 0;
    await createRow(batch, spec, { blob: "AAEC/w==", blobs: ["aGk=", null], embedding: [1, 2, 3], tags: ["a"] }, "u1");
    const insert = sent.at(-1)!;
    expect(insert.text).toBe('INSERT INTO "gadgets" ("user_id", "blob", "blobs", "embedding", "tags") VALUES ($1, $2, $3, $4::real[], $5) RETURNING *');
    expect(insert.values[1]).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(insert.values[2]).toEqual([Buffer.from("hi"), null]);
    expect(insert.values[3]).toEqual([1, 2, 3]);
    sent.length = 0;
    await updateRow(batch, spec, { embedding: [0, 0, 1], blob: null }, 1, "u1");
    expect(sent.at(-1)!.text).toContain('"embedding" = $3::real[]');
    expect(sent.at(-1)!.values).toEqual([1, "u1", [0, 0, 1], null]);
  });

  it("reads pgvector's text back as numbers, on every path", async () => {
    expect((await getRow(batch, spec, 1, "u1"))!.embedding).toEqual([1, 2.5, -3]);
    expect((await createRow(batch, spec, { embedding: [1, 2.5, -3] }, "u1")).embedding).toEqual([1, 2.5, -3]);
    expect((await updateRow(batch, spec, { tags: [] }, 1, "u1"))!.embedding).toEqual([1, 2.5, -3]);
  });
});
