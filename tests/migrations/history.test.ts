// Walks a history of spec edits, generating after each, and applies the migrations
// to a real database step by step: rows survive, the final database is exactly what
// the final snapshot describes (and what a fresh generation creates), and the whole
// history goes down to zero and up again.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Knex } from "knex";
import { afterAll, describe, expect, it } from "vitest";
import { main, EXIT } from "../../generator/cli.js";
import { normalizeSnapshot, type Snapshot } from "../../generator/plan/snapshot.js";
import { creationOrder } from "../../generator/plan/plan-migration.js";
import { migrateDown, migrateLatest, type Migration } from "../../templates/runtime/migrate.js";
import { freshDatabase, type DbKind } from "../helpers/databases.js";
import { expectedShape, introspect, shapeOf } from "../helpers/introspect.js";
import { HISTORY } from "./history.js";

const work = mkdtempSync(join(tmpdir(), "specforge-history-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

function writeSchema(project: string, text: string): void {
  mkdirSync(join(project, "specs", "database"), { recursive: true });
  writeFileSync(join(project, "specs", "database", "schema.md"), text);
}

function journal(project: string): string[] {
  const j = JSON.parse(readFileSync(join(project, "generated", "migrations", "journal.json"), "utf8")) as { migrations: { name: string }[] };
  return j.migrations.map((m) => m.name);
}

function snapshot(project: string): Snapshot {
  return normalizeSnapshot(JSON.parse(readFileSync(join(project, "generated", "migrations", "snapshot.json"), "utf8")));
}

async function load(project: string, name: string): Promise<Migration> {
  return (await import(pathToFileURL(join(project, "generated", "migrations", `${name}.ts`)).href)) as Migration;
}

async function counts(knex: Knex, s: Snapshot): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of s.tables) out[t.name] = Number((await knex(t.name).count<{ count: string }[]>("* as count"))[0]!.count);
  return out;
}

/** One row in every table, filling every column that needs a value. */
async function insertRows(knex: Knex, s: Snapshot, step: number): Promise<void> {
  for (const t of creationOrder(s.tables)) {
    const row: Record<string, unknown> = {};
    for (const c of t.columns) {
      if (c.default?.kind === "increment") continue;
      if (c.references) {
        const target = await knex(c.references.table).orderBy(c.references.column, "desc").first(c.references.column);
        row[c.name] = target[c.references.column];
        continue;
      }
      if (c.nullable && !c.unique && step % 2 === 0) continue; // leave some optional columns NULL
      const k = c.type;
      row[c.name] =
        k.kind === "enum" ? k.values[k.values.length - 1]
        : k.kind === "boolean" ? step % 2 === 1
        : k.kind === "integer" || k.kind === "bigint" ? step
        : k.kind === "timestamp" ? new Date(Date.UTC(2026, 0, 1 + step))
        : `${t.name}-${c.name}-${step}`;
    }
    await knex(t.name).insert(row);
  }
}

async function runHistory(kind: DbKind) {
  const project = join(work, kind);
  const database = await freshDatabase(kind);
  const knex = database.db.knex;
  const applied: Migration[] = [];
  const seen: string[] = [];
  try {
    let firstTaskId: number | null = null;
    for (const [i, step] of HISTORY.entries()) {
      writeSchema(project, step.schema);
      if (step.destructive) {
        const refused = capture();
        expect(await main(["generate"], refused.io, project), step.name).toBe(EXIT.specErrors);
        expect(refused.err.join("")).toMatch(/^specs\/database\/schema\.md:\d+:\d+: error SF502: /m);
        expect(journal(project)).toEqual(seen); // nothing written
      }
      if (step.breaking) {
        // A column's JSON type changes (integer -> bigint: a number becomes a string): refused by default.
        const refused = capture();
        expect(await main(["generate", ...(step.destructive ? ["--allow-destructive"] : [])], refused.io, project), step.name).toBe(EXIT.specErrors);
        expect(refused.err.join("")).toMatch(/^specs\/database\/schema\.md:\d+:\d+: error SF503: this schema change changes the API type of "tasks\.estimate"/m);
        expect(journal(project)).toEqual(seen); // nothing written
      }
      const g = capture();
      const code = await main(["generate", ...(step.destructive ? ["--allow-destructive"] : []), ...(step.breaking ? ["--allow-breaking"] : [])], g.io, project);
      expect(code, `${step.name}: ${g.err.join("")}`).toBe(EXIT.ok);
      const names = journal(project);
      expect(names.slice(0, seen.length), "existing migrations are kept").toEqual(seen);
      expect(names.length, `${step.name}: one new migration`).toBe(seen.length + 1);
      const added = names[names.length - 1]!;
      const text = readFileSync(join(project, "generated", "migrations", `${added}.ts`), "utf8");
      if (step.destructive) expect(text).toMatch(/\/\/ DESTRUCTIVE: /);
      else expect(text).not.toMatch(/DESTRUCTIVE/);
      if (step.breaking) expect(text).toMatch(/\/\/ BREAKING API: changes the API type of "tasks\.estimate" \(integer -> bigint\): responses give a JSON string/);
      else expect(text).not.toMatch(/BREAKING API/);
      seen.push(added);

      // Same specs again: no new file, and check is happy.
      expect(await main(["generate"], capture().io, project)).toBe(EXIT.ok);
      expect(journal(project)).toEqual(seen);
      expect(await main(["check"], capture().io, project)).toBe(EXIT.ok);

      const before = i === 0 ? {} : await counts(knex, normalizeSnapshot(prevSnapshot!));
      applied.push(await load(project, added));
      expect(await migrateLatest(knex, applied)).toEqual([added]);
      const now = snapshot(project);
      // Rows survive every step (renamed tables keep theirs under the new name).
      const after = await counts(knex, now);
      for (const [t, n] of Object.entries(before)) {
        const under = t === "projects" && !(t in after) ? "boards" : t;
        expect(after[under], `${step.name}: rows of ${t}`).toBe(n);
      }
      expect(shapeOf(await introspect(knex)), `${step.name}: schema`).toEqual(expectedShape(now));
      await insertRows(knex, now, i);
      if (firstTaskId === null) firstTaskId = (await knex("tasks").first("id")).id as number;
      prevSnapshot = JSON.parse(readFileSync(join(project, "generated", "migrations", "snapshot.json"), "utf8"));
    }
    // The value written in step 0 survived the rename and the type change.
    const first = await knex("tasks").where({ id: firstTaskId }).first();
    expect(first.name).toBe("tasks-title-0");
    // "low" was removed with the flag: those rows now hold the default.
    expect(await knex("tasks").where({ priority: "low" }).count("* as n")).toEqual([{ n: "0" }]);
    expect(seen.map((n) => n.slice(0, 4))).toEqual(seen.map((_, i) => String(i + 1).padStart(4, "0")));

    const final = await introspect(knex);
    // A fresh project generated from the final spec alone creates the very same schema.
    const fresh = join(work, `${kind}-fresh`);
    writeSchema(fresh, HISTORY[HISTORY.length - 1]!.schema);
    expect(await main(["generate"], capture().io, fresh)).toBe(EXIT.ok);
    const other = await freshDatabase(kind);
    try {
      const init = readdirSync(join(fresh, "generated", "migrations")).filter((f) => /^\d{4}_.*\.ts$/.test(f));
      expect(init).toEqual(["0001_init.ts"]);
      await migrateLatest(other.db.knex, [await load(fresh, "0001_init")]);
      expect(await introspect(other.db.knex)).toEqual(final);
    } finally {
      await other.dispose();
    }

    // Down to zero, then up again.
    await migrateDown(knex, applied, true);
    expect((await introspect(knex)).tables).toEqual({});
    expect(await migrateLatest(knex, applied)).toEqual(seen);
    expect(await introspect(knex)).toEqual(final);
    return seen;
  } finally {
    await database.dispose();
  }
}

let prevSnapshot: unknown = null;

describe("a history of spec edits becomes a chain of migrations", () => {
  it(`has at least 8 edits`, () => {
    expect(HISTORY.length - 1).toBeGreaterThanOrEqual(8);
  });
  for (const kind of ["postgres", "pglite"] as DbKind[]) {
    it(`applies step by step on ${kind}, matches the snapshot, goes down to zero and up again`, async () => {
      prevSnapshot = null;
      const names = await runHistory(kind);
      expect(names.length).toBe(HISTORY.length);
    }, 120_000);
  }
});
