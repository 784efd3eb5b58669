// Every order a list offers is served by an index led by the owner column (the key breaks ties),
// and the migration follows the spec's sort options: a new sort key adds its index, a dropped
// one drops it, a nullable key gets a second index for its descending order (nulls last both
// ways). Given the old spec and the new one, the plan; tests/app/list-plan.test.ts checks on
// PostgreSQL that the app's statements use them.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { currentSnapshot, renamesOf, spanLookup } from "../../generator/plan/schema-of-ir.js";
import { migrationCode } from "../../generator/emit/migration-code.js";
import { planMigration } from "../../generator/plan/plan-migration.js";
import { EMPTY_SNAPSHOT } from "../../generator/plan/snapshot.js";

const SCHEMA = `## users

- id: text (primary key)

## notes

- id: serial (primary key)
- user_id: text (references users(id))
- title: varchar(100) (not null)
- rank: integer (not null)
- due: date (optional)
- created_at: timestamp (not null, default now())

Indexes:
- (user_id, rank, id)
`;

const api = (sort: string) => `# API

### GET /api/{user_id}/notes
Query Parameters:
- sort: ${sort}
`;

async function ir(sort: string): Promise<IR> {
  const r = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: api(sort) },
  );
  expect(r.ir, JSON.stringify(r.diagnostics.filter((d) => d.severity === "error"))).not.toBeNull();
  return r.ir!;
}

const indexesOf = (i: IR) => currentSnapshot(i).tables.find((t) => t.name === "notes")!.indexes;

describe("indexes for the orders a list offers", () => {
  it("adds (owner, column, key) per sort key, a DESC NULLS LAST twin for a nullable one, none where an index already serves", async () => {
    const names = indexesOf(await ir("created|title|rank|due (default: created)")).map((i) => `${i.name}${i.order ? ` ${i.order}` : ""}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "notes_user_id_created_at_id_index",
        "notes_user_id_title_id_index",
        "notes_user_id_due_id_index",
        "notes_user_id_due_id_desc_index desc-nulls-last",
      ]),
    );
    // rank: the declared (user_id, rank, id) serves; no second index.
    expect(names.filter((n) => n.includes("_rank_"))).toEqual(["notes_user_id_rank_id_index"]);
  });

  it("adds and drops them as the sort options change", async () => {
    const before = await ir("created|title (default: created)");
    const after = await ir("created|due (default: created)");
    const plan = planMigration(currentSnapshot(before), currentSnapshot(after), renamesOf(after), spanLookup(after))!;
    const summaries = plan.summary;
    expect(summaries).toEqual(
      expect.arrayContaining(["drop index notes_user_id_title_id_index", "add index notes_user_id_due_id_index", "add index notes_user_id_due_id_desc_index"]),
    );
    expect(migrationCode(plan.up, true).join("\n")).toContain('knex.raw("\\"due\\" DESC NULLS LAST")');
    expect(migrationCode(plan.down, false).join("\n")).toContain('"notes_user_id_due_id_desc_index"');
    // Nothing else changes.
    expect(summaries).toHaveLength(3);
  });

  it("creates them with the table on a first migration", async () => {
    const next = await ir("title (default: title)");
    const plan = planMigration(EMPTY_SNAPSHOT, currentSnapshot(next), renamesOf(next), spanLookup(next))!;
    expect(migrationCode(plan.up, true).join("\n")).toContain('t.index(["user_id","title","id"], "notes_user_id_title_id_index");');
  });
});

describe("index names PostgreSQL keeps whole", () => {
  it("bounds a long name to 63 bytes with a hash, so two long names never collide", async () => {
    const { boundedName } = await import("../../generator/plan/names.js");
    const a = boundedName(`${"a_very_long_table_name_".repeat(3)}_user_id_last_reviewed_at_id_index`);
    const b = boundedName(`${"a_very_long_table_name_".repeat(3)}_user_id_last_reviewed_on_id_index`);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
    expect(a.slice(0, 40)).toBe(b.slice(0, 40));
    expect(boundedName("notes_user_id_title_id_index")).toBe("notes_user_id_title_id_index");
  });
});

describe("tables whose references go round in a cycle", () => {
  it("creates every table first and adds the foreign key that closes the cycle after", async () => {
    const r = await loadSpecFiles(
      {
        kind: "schema",
        format: "markdown",
        path: "specs/database/schema.md",
        text: `## users\n\n- id: text (primary key)\n\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- session_id: integer (optional, references sessions(id))\n\n## sessions\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- task_id: integer (references tasks(id))\n`,
      },
      null,
    );
    const next = r.ir!;
    const plan = planMigration(EMPTY_SNAPSHOT, currentSnapshot(next), renamesOf(next), spanLookup(next))!;
    const up = migrationCode(plan.up, true).join("\n");
    const createSessions = up.indexOf('createTable("sessions"');
    const createTasks = up.indexOf('createTable("tasks"');
    expect(createSessions).toBeGreaterThan(-1);
    expect(createTasks).toBeGreaterThan(-1);
    // Whichever comes first cannot reference the other inline; its key is added after both exist.
    const first = Math.min(createSessions, createTasks);
    const second = Math.max(createSessions, createTasks);
    const firstBody = up.slice(first, up.indexOf("});", first));
    expect(firstBody).not.toMatch(/inTable\("(tasks|sessions)"\)/);
    expect(up.slice(second)).toMatch(/\.foreign\(|references\(/);
  });
});
