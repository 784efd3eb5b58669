// A partial index (CREATE [UNIQUE] INDEX ... WHERE <condition>) keeps its condition: read as a
// CHECK is read (PostgreSQL's parser; SQLite's translated), carried in the IR, planned and
// emitted as knex's predicate, so "unique among the rows not archived" stays that and a second
// live row is a 409, while archived rows may repeat. A condition that cannot be kept is a
// warning quoting it, and the index covers every row.
import { describe, expect, it } from "vitest";
import { stepCode } from "../../generator/emit/migration-code.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { currentSnapshot } from "../../generator/plan/schema-of-ir.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { explain } from "../../generator/explain.js";
import { load, table } from "./helpers.js";

const spec = (fence: string, sql: string) => `# Shelf

## users

- id: text (primary key)

## bookmarks

- id: serial (primary key)
- user_id: text (references users(id), not null)
- label: varchar(40) (not null)
- archived_at: timestamptz (nullable)
- pinned: boolean (not null, default false)

\`\`\`${fence}
${sql}
\`\`\`
`;

describe("partial indexes", () => {
  it("keep their condition in the IR (PostgreSQL as written, SQLite translated)", async () => {
    const pg = await load(spec("sql", "CREATE UNIQUE INDEX bookmarks_label_live ON bookmarks (user_id, label) WHERE archived_at IS NULL;"));
    expect(pg.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).not.toContainEqual(expect.stringMatching(/partial|WHERE/));
    expect(table(pg.ir!, "bookmarks").indexes.map((i) => [i.name, i.unique, i.columns, i.where ?? null])).toEqual([
      ["bookmarks_label_live", true, ["user_id", "label"], "archived_at IS NULL"],
    ]);
    const lite = await load(spec("sqlite", "CREATE INDEX pinned_live ON bookmarks (label) WHERE pinned = 1 AND archived_at IS NULL;"));
    const i = table(lite.ir!, "bookmarks").indexes[0]!;
    expect([i.unique, i.columns]).toEqual([false, ["label"]]);
    expect(i.where).toMatch(/pinned/);
    expect(i.where).toMatch(/archived_at IS NULL/i);
  });

  it("are read from Drizzle's .where(), in sql`` or with its operators", async () => {
    const drizzle = `# Shelf

\`\`\`ts
export const users = pgTable("users", { id: text("id").primaryKey() });
export const bookmarks = pgTable("bookmarks", {
  id: serial("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id),
  label: varchar("label", { length: 40 }).notNull(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  pinned: boolean("pinned").notNull().default(false),
}, (t) => [
  uniqueIndex("bookmarks_label_live").on(t.userId, t.label).where(isNull(t.archivedAt)),
  index("bookmarks_pinned_live").on(t.label).where(and(eq(t.pinned, true), isNull(t.archivedAt))),
  uniqueIndex("bookmarks_one_pin").on(t.userId).where(sql\`\${t.pinned} AND \${t.archivedAt} IS NULL\`),
]);
\`\`\`
`;
    const r = await load(drizzle);
    expect(r.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).toEqual([]);
    expect(table(r.ir!, "bookmarks").indexes.map((i) => [i.name, i.unique, i.columns, i.where ?? null])).toEqual([
      ["bookmarks_label_live", true, ["user_id", "label"], "archived_at IS NULL"],
      ["bookmarks_pinned_live", false, ["label"], "(pinned = TRUE) AND (archived_at IS NULL)"],
      ["bookmarks_one_pin", true, ["user_id"], "pinned AND archived_at IS NULL"],
    ]);
  });

  it("are read from Markdown: index items, constraint rows and index tables with a condition", async () => {
    const md = `# Shelf

## users

- id: text (primary key)

## bookmarks

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| label | varchar(40) | not null |
| url | text | not null |
| archived_at | timestamptz | nullable |

Constraints:

| Name | Definition |
|---|---|
| bookmarks_id_user | UNIQUE (id, user_id) |
| bookmarks_url_live | UNIQUE (user_id, url) WHERE archived_at IS NULL |

Indexes:
- unique (user_id, label) WHERE archived_at IS NULL
- \`bookmarks_live\` on (user_id) where \`archived_at\` is null — for the default list

## Indexes

| Index | Table | Columns | Condition |
|---|---|---|---|
| bookmarks_recent_live | bookmarks | user_id, id | WHERE archived_at IS NULL |
`;
    const r = await load(md);
    expect(r.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).toEqual([]);
    expect(table(r.ir!, "bookmarks").indexes.map((i) => [i.unique, i.columns.join(","), i.where ?? null])).toEqual([
      [true, "id,user_id", null],
      [true, "user_id,url", "archived_at IS NULL"],
      [true, "user_id,label", "archived_at IS NULL"],
      [false, "user_id", "archived_at is null"],
      [false, "user_id,id", "archived_at IS NULL"],
    ]);
  });

  it("are read from a document store's unique index line with a condition on a column's value", async () => {
    const md = `# Shelf

## users

- id: text (primary key)

## Bookmark

| Field | Type | Required | Notes |
|---|---|---|---|
| \`_id\` | ObjectId | auto | |
| \`userId\` | ObjectId | yes | references users |
| \`label\` | String | yes | |
| \`archivedAt\` | Date | no | |

**Unique compound index:** \`{ userId: 1, label: 1 }\` (kept only for entries with \`archivedAt: null\`).

**Unique compound index:** \`{ userId: 1, _id: 1 }\` (for the dashboard).
`;
    const r = await load(md);
    const t = table(r.ir!, "bookmarks");
    expect(t.indexes.filter((i) => i.unique).map((i) => [i.columns.join(","), i.where ?? null])).toEqual([
      ["userId,label", '"archivedAt" IS NULL'],
      ["userId,_id", null],
    ]);
    // A condition that names no column's value is still said not read.
    expect(r.diagnostics.filter((d) => d.code === "SF113").map((d) => d.message)).toEqual([
      'the condition after the unique index on (userId, _id) is not read ("(for the dashboard)"): the index covers every row',
    ]);
  });

  it("are planned and emitted with knex's predicate, and dropped as indexes", async () => {
    const r = await load(spec("sql", "CREATE UNIQUE INDEX bookmarks_label_live ON bookmarks (user_id, label) WHERE archived_at IS NULL;"));
    const snap = currentSnapshot(r.ir!);
    const idx = snap.tables.find((t) => t.name === "bookmarks")!.indexes.find((i) => i.name === "bookmarks_label_live")!;
    expect(idx.where).toBe("archived_at IS NULL");
    const { plan } = planMigrations(r.ir!, NO_PREVIOUS);
    const code = plan.migration!.up.flatMap((s) => stepCode(s)).join("\n");
    expect(code).toContain(`t.unique(["user_id","label"], { indexName: "bookmarks_label_live", predicate: knex.whereRaw("archived_at IS NULL") });`);
    const drop = stepCode({ kind: "drop-index", table: "bookmarks", index: idx, summary: "", slug: "" } as never).join("\n");
    expect(drop).toContain(`t.dropIndex(["user_id","label"], "bookmarks_label_live")`);
    expect(drop).not.toContain("dropUnique");
  });

  it("are not taken for a full index: the owner index the generator adds is still made", async () => {
    const r = await load(spec("sql", "CREATE INDEX bookmarks_mine_live ON bookmarks (user_id) WHERE archived_at IS NULL;"));
    const names = currentSnapshot(r.ir!).tables.find((t) => t.name === "bookmarks")!.indexes.map((i) => i.name);
    expect(names).toContain("bookmarks_mine_live");
    expect(names.some((n) => n !== "bookmarks_mine_live" && n.startsWith("bookmarks_user_id"))).toBe(true);
  });

  it("show their condition in explain", async () => {
    const r = await load(spec("sql", "CREATE UNIQUE INDEX bookmarks_label_live ON bookmarks (user_id, label) WHERE archived_at IS NULL;"));
    expect(explain(r.ir, r.diagnostics, r.notes)).toContain("index bookmarks_label_live: unique (user_id, label) where archived_at IS NULL (409 on a second row among those)");
  });

  it("warn, quoting the condition, when it cannot be kept, and cover every row", async () => {
    const r = await load(spec("sql", "CREATE UNIQUE INDEX bookmarks_label_live ON bookmarks (user_id, label) WHERE removed IS NULL;"));
    const w = r.diagnostics.find((d) => d.code === "SF108")!;
    expect(w.message).toBe(
      'the condition of the partial unique index on "bookmarks" (user_id, label) WHERE removed IS NULL cannot be kept (it names "removed", not a column of "bookmarks"); uniqueness then holds over all rows',
    );
    expect(w.span.line).toBe(spec("sql", "").split("\n").length - 2);
    expect(table(r.ir!, "bookmarks").indexes.map((i) => [i.unique, i.where ?? null])).toEqual([[true, null]]);
  });
});
