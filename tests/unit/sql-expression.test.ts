// CHECK expressions (generator/parse/sql-expression.ts): the PostgreSQL text for the
// migration, the columns named, and the rules a request validator can check first.
import { beforeAll, describe, expect, it } from "vitest";
import { loadSqlExpressions, readCheckExpression, type CheckReading } from "../../generator/parse/sql-expression.js";
import type { CheckRule } from "../../generator/parse/check-rules.js";

beforeAll(async () => {
  await loadSqlExpressions();
});

type Dialect = "postgresql" | "mysql" | "sqlite";

function rulesOf(text: string, dialect: Dialect = "postgresql"): { rules: CheckRule[]; complete: boolean } {
  const r = readCheckExpression(text, dialect);
  if (!r.ok) throw new Error(`${text}: ${r.why}`);
  return { rules: r.rules, complete: r.complete };
}

describe("rules of PostgreSQL CHECKs", () => {
  const cases: [string, CheckRule[]][] = [
    ["status IN ('todo', 'done')", [{ kind: "enum", column: "status", values: ["todo", "done"] }]],
    ["status = 'todo' OR status = 'done' OR status IN ('x')", [{ kind: "enum", column: "status", values: ["todo", "done", "x"] }]],
    ["priority IN (1, 2, 3)", [{ kind: "enum", column: "priority", values: [1, 2, 3] }]],
    ["((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))", [{ kind: "enum", column: "status", values: ["a", "b"] }]],
    ["amount > 0", [{ kind: "range", column: "amount", op: ">", value: 0 }]],
    ["0 <= amount", [{ kind: "range", column: "amount", op: ">=", value: 0 }]],
    ["rate <= -1.5", [{ kind: "range", column: "rate", op: "<=", value: -1.5 }]],
    [
      "energy BETWEEN 1 AND 5",
      [
        { kind: "range", column: "energy", op: ">=", value: 1 },
        { kind: "range", column: "energy", op: "<=", value: 5 },
      ],
    ],
    ["char_length(title) >= 1", [{ kind: "length", column: "title", op: ">=", value: 1 }]],
    ["LENGTH(TRIM(title)) > 0", [{ kind: "length", column: "title", op: ">", value: 0, trim: true }]],
    ["octet_length(code) = 3", [{ kind: "length", column: "code", op: "=", value: 3, bytes: true }]],
    [
      "length(name) BETWEEN 2 AND 50",
      [
        { kind: "length", column: "name", op: ">=", value: 2 },
        { kind: "length", column: "name", op: "<=", value: 50 },
      ],
    ],
    ["name <> ''", [{ kind: "not-empty", column: "name" }]],
    ["name != ''", [{ kind: "not-empty", column: "name" }]],
    ["trim(name) <> ''", [{ kind: "not-empty", column: "name", trim: true }]],
    ["code ~ '^[A-Z]{3}$'", [{ kind: "pattern", column: "code", regex: "^[A-Z]{3}$", flags: "s" }]],
    ["email ~* '^[[:alnum:]._%+-]+@[[:alnum:].-]+$'", [{ kind: "pattern", column: "email", regex: "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$", flags: "is" }]],
    ["sku LIKE 'AB\\_%'", [{ kind: "pattern", column: "sku", regex: "^AB_.*$", flags: "s" }]],
    ["sku ILIKE 'x.y%'", [{ kind: "pattern", column: "sku", regex: "^x\\.y.*$", flags: "is" }]],
    ["end_at > start_at", [{ kind: "compare-columns", left: "end_at", op: ">", right: "start_at" }]],
    ["follower_id <> followee_id", [{ kind: "compare-columns", left: "follower_id", op: "<>", right: "followee_id" }]],
    ["email IS NOT NULL", [{ kind: "not-null", column: "email" }]],
    // NULL passes a CHECK, so an explicit "IS NULL OR" adds nothing to the rule.
    ["score IS NULL OR score > 0", [{ kind: "range", column: "score", op: ">", value: 0 }]],
    [
      "(ends_at IS NULL) OR (ends_at > starts_at AND ends_at < '2100-01-01')",
      [{ kind: "compare-columns", left: "ends_at", op: ">", right: "starts_at" }],
    ],
    ['"dueDate" >= 0', [{ kind: "range", column: "dueDate", op: ">=", value: 0 }]],
  ];
  it.each(cases)("%s", (text, want) => {
    const r = rulesOf(text);
    expect(r.rules).toEqual(want);
  });

  it("is complete only when every conjunct became rules", () => {
    expect(rulesOf("a > 0 AND b IN ('x') AND c IS NOT NULL").complete).toBe(true);
    const partial = rulesOf("a > 0 AND foo(b) AND (a < 0 OR a > 10) AND NOT (a = 1) AND x IS NULL OR y > 0");
    expect(partial.complete).toBe(false);
    const some = rulesOf("a > 0 AND my_function(b) AND b NOT IN ('x') AND c !~ 'x'");
    expect(some).toEqual({ rules: [{ kind: "range", column: "a", op: ">", value: 0 }], complete: false });
    // A PostgreSQL regex JavaScript would read differently is no rule: \m is a word start there, "m" here.
    expect(rulesOf("name ~ '\\mfoo'")).toEqual({ rules: [], complete: false });
  });
});

describe("the reading", () => {
  it("keeps PostgreSQL text as written, and names the columns as written", () => {
    const r = readCheckExpression('  "startAt" < "endAt" AND price::numeric > 0  ', "postgresql");
    expect(r).toEqual({
      ok: true,
      sql: '"startAt" < "endAt" AND price::numeric > 0',
      columns: ["startAt", "endAt", "price"],
      rules: [
        { kind: "compare-columns", left: "startAt", op: "<", right: "endAt" },
        { kind: "range", column: "price", op: ">", value: 0 },
      ],
      complete: true,
    });
  });

  it("names each column as its table does, quoting what PostgreSQL would fold", () => {
    const cols = ["followerId", "followeeId", "amount"];
    const column = (w: string) => cols.find((c) => c.toLowerCase() === w.toLowerCase());
    const pg = readCheckExpression("followerId != followeeId AND amount > 0 AND \"Amount\" < 10", "postgresql", column);
    expect(pg.ok && pg.sql).toBe(`"followerId" != "followeeId" AND amount > 0 AND amount < 10`);
    const my = readCheckExpression("`FollowerId` <> followeeid", "mysql", column);
    expect(my.ok && my.sql).toBe(`"followerId" <> "followeeId"`);
    // Without a table to ask, the text stays as written.
    const bare = readCheckExpression("followerId != followeeId", "postgresql");
    expect(bare.ok && bare.sql).toBe("followerId != followeeId");
  });

  it("leaves comments out of the PostgreSQL text (a trailing one would swallow the CHECK's parenthesis)", () => {
    expect(readCheckExpression("x > 0 /* positive */ AND y > 0 -- both", "postgresql")).toMatchObject({ ok: true, sql: "x > 0 AND y > 0" });
  });

  it("accepts the CHECK keyword and its parentheses around the expression", () => {
    expect(readCheckExpression("CHECK (x > 0)", "postgresql")).toMatchObject({ ok: true, sql: "x > 0" });
  });

  const refused: [string, Dialect, RegExp][] = [
    ["x >", "postgresql", /PostgreSQL cannot parse it/],
    ["x > 0) OR (1 = 1", "postgresql", /closes that was not opened/],
    ["x > 0; DROP TABLE t", "postgresql", /more than one statement/],
    ["x > (SELECT max(y) FROM t)", "postgresql", /subquery/],
    ["", "postgresql", /empty/],
    ["JSON_VALID(meta)", "mysql", /json_valid\(\) has no PostgreSQL translation/],
    ["CAST(x AS SIGNED) > 0", "mysql", /CAST/],
    ["typeof(x) = 'integer'", "sqlite", /typeof\(\)/],
    ["x >>>> 1", "mysql", /MySQL cannot parse it/],
  ];
  it.each(refused)("refuses %s (%s)", (text, dialect, why) => {
    const r: CheckReading = readCheckExpression(text, dialect);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toMatch(why);
  });
});

describe("MySQL and SQLite, translated to PostgreSQL", () => {
  const cases: [string, Dialect, string, CheckRule[]][] = [
    [
      "`price` >= 0 AND CHAR_LENGTH(`name`) BETWEEN 1 AND 100",
      "mysql",
      "price >= 0 AND char_length(name) BETWEEN 1 AND 100",
      [
        { kind: "range", column: "price", op: ">=", value: 0 },
        { kind: "length", column: "name", op: ">=", value: 1 },
        { kind: "length", column: "name", op: "<=", value: 100 },
      ],
    ],
    // MySQL's LENGTH counts bytes; its REGEXP and LIKE ignore case under the default collations.
    ["LENGTH(code) = 3", "mysql", "octet_length(code) = 3", [{ kind: "length", column: "code", op: "=", value: 3, bytes: true }]],
    ["code REGEXP '^[a-z]+$'", "mysql", "code ~* '^[a-z]+$'", [{ kind: "pattern", column: "code", regex: "^[a-z]+$", flags: "is" }]],
    ["name LIKE 'a%'", "mysql", "name ILIKE 'a%'", [{ kind: "pattern", column: "name", regex: "^a.*$", flags: "is" }]],
    ["state IN ('a', 'it\\'s') OR state IS NULL", "mysql", "state IN ('a', 'it''s') OR state IS NULL", [{ kind: "enum", column: "state", values: ["a", "it's"] }]],
    ["`dueDate` > created_at AND `user` <> ''", "mysql", '"dueDate" > created_at AND "user" <> \'\'', [
      { kind: "compare-columns", left: "dueDate", op: ">", right: "created_at" },
      { kind: "not-empty", column: "user" },
    ]],
    ["(a + 1) * 2 > b - 3 AND (x = 1 OR y = 2)", "mysql", "(a + 1) * 2 > b - 3 AND (x = 1 OR y = 2)", []],
    ["length(name) > 0", "sqlite", "char_length(name) > 0", [{ kind: "length", column: "name", op: ">", value: 0 }]],
    ["code GLOB '[A-Z]*'", "sqlite", "code ~ '^[A-Z].*$'", [{ kind: "pattern", column: "code", regex: "^[A-Z].*$", flags: "s" }]],
    ["name LIKE 'a\\%'", "sqlite", "name ILIKE 'a\\%' ESCAPE ''", [{ kind: "pattern", column: "name", regex: "^a\\\\.*$", flags: "is" }]],
    ["a || b = 'ab'", "sqlite", "a || b = 'ab'", []],
  ];
  it.each(cases)("%s (%s)", (text, dialect, sql, rules) => {
    const r = readCheckExpression(text, dialect);
    expect(r).toMatchObject({ ok: true, sql, rules });
  });

  it("gives regexes JavaScript compiles, matching as the database would", () => {
    const r = rulesOf("sku LIKE 'A_%' AND code GLOB 'x?[0-9]'", "sqlite");
    const [like, glob] = r.rules as Extract<CheckRule, { kind: "pattern" }>[];
    expect(new RegExp(like!.regex, like!.flags).test("ab\nc")).toBe(true);
    expect(new RegExp(like!.regex, like!.flags).test("A")).toBe(false);
    expect(new RegExp(glob!.regex, glob!.flags).test("xy7")).toBe(true);
    expect(new RegExp(glob!.regex, glob!.flags).test("Xy7")).toBe(false);
  });
});
