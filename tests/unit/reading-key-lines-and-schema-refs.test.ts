// Keys and references as specs for a hosted Postgres write them, in any language:
// - a key label line under a table ("**Primary key**: (a, b)", "**主键**：`(a, b)`") is its key;
// - a notes cell "FK → auth.users(id)，..." references the auth service's users (a table in a
//   schema, its column in brackets; full-width punctuation after it), never a table "auth";
// - an erDiagram that draws AUTH_USERS (a diagram cannot write "auth.users") draws that service's
//   table, not one of the app's; the key it gives a table whose section names none is the key;
// - a numeric column's notes ending in a range ("the last score 0–100") bound it.
import { describe, expect, it } from "vitest";
import { codes, column, load, table } from "./helpers.js";

const SCHEMA = `# 数据库设计

\`\`\`mermaid
erDiagram
    AUTH_USERS ||--o{ STREAKS : "has"
    AUTH_USERS {
        uuid id PK
        text email
    }
    STREAKS {
        uuid user_id PK,FK
        int days
    }
\`\`\`

### reviews

| 字段 | 类型 | 默认 | 可空 | 说明 |
|---|---|---|---|---|
| \`user_id\` | uuid | — | NOT NULL | FK → auth.users(id)，行级安全的依据 |
| \`deck_id\` | int | — | NOT NULL | 卡组 |
| \`grade\` | real | | ✓ | 最近一次评分 0–100 |

**主键**：\`(user_id, deck_id)\`

### streaks

| 字段 | 类型 | 默认 | 可空 | 说明 |
|---|---|---|---|---|
| \`user_id\` | uuid | — | NOT NULL | FK → auth.users(id) |
| \`days\` | int | 0 | | 连续天数 |
`;

describe("keys and references of a hosted-Postgres spec", () => {
  it("reads the key line, the schema-qualified reference, the drawn auth table and the closing range", async () => {
    const r = await load(SCHEMA);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(codes(r)).not.toContain("SF104");
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["reviews", "streaks"]);
    const reviews = table(r.ir!, "reviews");
    expect(reviews.keyColumns).toEqual(["user_id", "deck_id"]);
    expect(reviews.owner).toBe("user_id");
    expect(column(reviews, "grade")).toMatchObject({ minimum: 0, maximum: 100 });
    // The diagram's key joins the section that names none: one row per user, the caller's.
    const streaks = table(r.ir!, "streaks");
    expect(streaks.primaryKey).toBe("user_id");
    expect(streaks.keyColumns).toBeUndefined();
    expect(streaks.owner ?? (streaks.identity ? "identity" : null)).not.toBeNull();
  });

  it("gives a key column the values a section declares under its name", async () => {
    const schema = `# Schema

### drills

| Column | Type | Notes |
|---|---|---|
| user_id | uuid | FK → auth.users(id) |
| drill | text | see the data dictionary |
| reps | int | |

**Primary key**: (user_id, drill)

## Data dictionary

### \`drill\` values

| Value | Meaning |
|---|---|
| \`sprint\` | short and fast |
| \`tempo\` | steady |
| \`hill-climb\` | uphill |
`;
    const r = await load(schema);
    const drills = table(r.ir!, "drills");
    expect(drills.keyColumns).toEqual(["user_id", "drill"]);
    expect(column(drills, "drill").type).toMatchObject({ kind: "enum", values: ["sprint", "tempo", "hill-climb"] });
  });
});
