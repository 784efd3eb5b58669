// runtime/batch.ts on both databases: several statements in one round trip are one
// transaction; the caller set by the first is seen by the others; a failure rolls all of
// them back; named prepared statements survive a batch that failed half-way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch, preparedStatementsFromEnv, PIPELINE_SUPPORTED, type Statement } from "../../generated/runtime/batch.js";
import { createBatch } from "../../generated/runtime/scope.js";
import { DB_KINDS, freshDatabase, type TestDatabase } from "../helpers/databases.js";

describe.each(DB_KINDS)("batch on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    await t.db.knex.raw("create table bt (id serial primary key, v text not null unique)");
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const values = async () => (await t.db.knex.raw("select v from bt order by id")).rows.map((r: { v: string }) => r.v);

  it("runs on the pipelined path, one result per statement", async () => {
    expect(PIPELINE_SUPPORTED).toBe(true);
    const r = await runBatch(t.db.knex, [
      { text: "select $1::int + 1 as n", values: [41] },
      { text: "insert into bt (v) values ($1) returning v", values: ["a"] },
      { text: "delete from bt where id = -1", values: [] },
    ]);
    expect(r.map((x) => [x.rows, x.rowCount])).toEqual([[[{ n: 42 }], 1], [[{ v: "a" }], 1], [[], 0]]);
  });

  it("the caller set by the first statement holds for the others, and only for that batch", async () => {
    const batch = createBatch(t.db.knex);
    const [seen] = await batch("alice", [{ text: "select current_setting('app.user_id', true) as u", values: [] }]);
    expect(seen!.rows).toEqual([{ u: "alice" }]);
    const after = await t.db.knex.raw("select coalesce(current_setting('app.user_id', true), '') as u");
    expect(after.rows).toEqual([{ u: "" }]);
  });

  it("a failing statement rolls back the ones before it and skips the ones after", async () => {
    const before = await values();
    const err = await runBatch(t.db.knex, [
      { text: "insert into bt (v) values ($1)", values: ["b"] },
      { text: "insert into bt (v) values ($1)", values: ["a"] }, // unique violation
      { text: "insert into bt (v) values ($1)", values: ["c"] },
    ]).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe("23505");
    expect(await values()).toEqual(before);
  });

  it("a statement first sent in a batch that failed before it is prepared again, not reused half-made", async () => {
    const fresh: Statement = { text: "insert into bt (v) values ($1) returning v /* first seen after a failure */", values: ["d"] };
    const named = { prepare: true };
    // The duplicate fails first, so the server skips the Parse of `fresh` on this connection.
    await expect(runBatch(t.db.knex, [{ text: "insert into bt (v) values ($1)", values: ["a"] }, fresh], named)).rejects.toMatchObject({ code: "23505" });
    for (const v of ["d", "e", "f"]) {
      const [r] = await runBatch(t.db.knex, [{ ...fresh, values: [v] }], named);
      expect(r!.rows).toEqual([{ v }]);
    }
    // Sent unnamed as well (the default; DATABASE_PREPARE=0 in server.ts): same answers.
    const [r] = await runBatch(t.db.knex, [{ ...fresh, values: ["g"] }]);
    expect(r!.rows).toEqual([{ v: "g" }]);
    expect(await values()).toEqual(["a", "d", "e", "f", "g"]);
  });

  it("a new connection does not trust names an older session may hold (PGlite: one session for every client)", async () => {
    const stmt: Statement = { text: "select count(*)::int as n from bt /* asked again after a reconnect */", values: [] };
    const [first] = await runBatch(t.db.knex, [stmt], { prepare: true });
    // What the pool does after an idle timeout: the connection goes, a new one comes. On PGlite
    // the new connection is served by the same session, which still holds the name.
    await t.db.knex.destroy();
    t.db.knex.initialize();
    const [second] = await runBatch(t.db.knex, [stmt], { prepare: true });
    expect(second!.rows).toEqual(first!.rows);
  });
});

describe("when server.ts names prepared statements", () => {
  it("PostgreSQL yes, PGlite no, a -pooler host only when DATABASE_PREPARE=1 says so", () => {
    const direct = { DATABASE_URL: "postgres://u@db.example.test:5432/app" };
    const pooler = { DATABASE_URL: "postgres://u:p@ep-cool-1-pooler.eu-central-1.aws.neon.tech/app?sslmode=require" };
    expect(preparedStatementsFromEnv("postgres", direct)).toBe(true);
    expect(preparedStatementsFromEnv("postgres", { ...direct, DATABASE_PREPARE: "0" })).toBe(false);
    expect(preparedStatementsFromEnv("postgres", pooler)).toBe(false);
    expect(preparedStatementsFromEnv("postgres", { ...pooler, DATABASE_PREPARE: "1" })).toBe(true);
    expect(preparedStatementsFromEnv("pglite", { DATABASE_PREPARE: "1" })).toBe(false);
  });
});
