// Each class of notation the reader takes, tested as a class (not one corpus file): small specs
// of our own, varied the way real ones vary, and what a careful reader makes of them.
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { load, pos, where } from "./helpers.js";
import { compile } from "../../templates/runtime/validate.js";
import { columnSchema } from "../../generator/emit/table-info.js";

const USERS = "## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | text | primary key |\n";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

const errorsOf = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);

describe("headings that name tables", () => {
  it.each([
    ["## Entity: Task", "tasks"],
    ["### User Profile", "user_profiles"],
    ["### 2.1 tasks（任务表）", "tasks"],
    ["### 3. `tasks` Table", "tasks"],
    ["## Model: Task", "tasks"],
    ["### tasks — what users do", "tasks"],
  ])("%s -> %s", async (heading, name) => {
    const r = await load(`# Spec\n\n${USERS}\n${heading}\n\n- \`id\` (integer): the key\n- \`user_id\` (string): FK -> users.id\n- \`title\` (string): required\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name)).toContain(name);
  });

  it("never makes a table of a document title, but a section word may be a table of its own", async () => {
    const r = await load(`# Data Model\n\n- All timestamps are UTC.\n\n${USERS}\n## notes\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- body: text\n`);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["notes", "users"]);
  });

  it("keeps value objects and enums out of the tables, and lets columns use them", async () => {
    const r = await load(
      `# Spec\n\n${USERS}\n### Event\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | String | PK |\n| userId | String | FK → users.id |\n| status | EventStatus | enum |\n| place | Location | embedded |\n| note | String? | |\n\n## Value Objects\n\n### Location\n\n| Field | Type |\n|---|---|\n| lat | Float |\n| lng | Float |\n\n## Enums\n\n\`\`\`\nEventStatus: OPEN | CLOSED\n\`\`\`\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["events", "users"]);
    const e = table(r.ir, "events");
    expect(e.columns.find((c) => c.name === "status")!.type).toMatchObject({ kind: "enum", values: ["OPEN", "CLOSED"] });
    expect(e.columns.find((c) => c.name === "place")!.type.kind).toBe("json");
    // Prisma's notation: "String" is required, "String?" optional.
    expect(e.columns.find((c) => c.name === "status")!.nullable).toBe(false);
    expect(e.columns.find((c) => c.name === "note")!.nullable).toBe(true);
  });
});

describe("marker lines written without blank lines between them", () => {
  it("reads each line of the paragraph on its own, and quotes mixed-case columns in the CHECK", async () => {
    const r = await load(`# Spec\n\n${USERS}\n### Follow\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | String | PK |\n| followerId | String | FK → users.id |\n| followeeId | String | FK → users.id |\n\n**Unique constraint**: \`(followerId, followeeId)\` — once.\n**Check constraint**: \`followerId != followeeId\` — not yourself.\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "follows");
    expect(t.indexes.some((i) => i.unique && i.columns.join(",") === "followerId,followeeId")).toBe(true);
    expect(t.checks?.map((c) => c.sql)).toEqual([`"followerId" != "followeeId"`]);
  });
});

describe("rules written apart from the tables", () => {
  const TABLES = `${USERS}\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- title: text (not null)\n- done: boolean (not null, default false)\n\n## projects\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- title: text (not null)\n- contact: text (nullable)\n`;
  it.each([
    ["a Field | Rule | Message table", "## Data Validation\n\n| Field | Validation Rule | Error Message |\n|---|---|---|\n| tasks.title | Length 1-200 | \"Title must be 1-200\" |\n| contact | Valid email format | \"Invalid email\" |\n| done | Boolean (true/false) | \"must be a boolean\" |\n"],
    ["a table in Chinese", "## 数据校验\n\n| 字段 | 校验规则 |\n|---|---|\n| tasks.title | 1-200 characters |\n| contact | valid email |\n"],
    ["a rules list under a rules heading", "## Business Rules\n\n- tasks.title: 1-200 characters\n- contact: must be a valid email\n"],
  ])("%s", async (_label, rules) => {
    const r = await load(`# Spec\n\n${TABLES}\n${rules}`);
    expect(errorsOf(r)).toEqual([]);
    const title = table(r.ir, "tasks").columns.find((c) => c.name === "title")!;
    expect([title.minLength, title.maxLength]).toEqual([1, 200]);
    expect(table(r.ir, "projects").columns.find((c) => c.name === "title")!.maxLength).toBeUndefined();
    expect(table(r.ir, "projects").columns.find((c) => c.name === "contact")!.format).toBe("email");
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });

  it("says so when a rule's column is in several tables, or in none", async () => {
    const r = await load(`# Spec\n\n${TABLES}\n## Validation\n\n- title: 1-200 characters\n- colour: one of red, blue\n`);
    expect(r.diagnostics.filter((d) => d.code === "SF113").map((d) => d.message)).toEqual([
      'rule "1-200 characters" is for "title", a column of several tables (tasks, projects); it is not enforced',
      'rule "one of red, blue" is for "colour", which no table has; it is not enforced',
    ]);
  });
});

describe("one thing not understood never sinks the spec", () => {
  it("reads the type names of document stores, ORMs and no-code tools", async () => {
    const r = await load(`${USERS}\n## posts\n\n| Field | Type | Rules |\n|---|---|---|\n| id | ObjectId | PK |\n| user_id | ObjectId | FK -> users.id |\n| slug | cuid | unique |\n| tags | Array | |\n| meta | Object | |\n| labels | Array(50) | |\n| title | Title | required |\n| body | Rich Text | |\n| done | Checkbox | |\n| kind | Select | |\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "posts");
    const kinds = Object.fromEntries(t.columns.map((c) => [c.name, c.type.kind]));
    expect(kinds).toEqual({ id: "text", user_id: "text", slug: "text", tags: "json", meta: "json", labels: "json", title: "text", body: "text", done: "boolean", kind: "text" });
    expect(t.owner).toBe("user_id");
    expect(r.diagnostics.filter((d) => d.code === "SF103")).toEqual([]);
  });

  it("keeps going past a type, a reference, an index and a by-id route it cannot use, and says so", async () => {
    const r = await load(
      `${USERS}\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- starts: clock\n- project_id: integer (references projectz(id))\n- title: text\n- title: varchar(20)\n\nIndexes:\n- (user_id, nope)\n\n## task_tags\n\n- task_id: integer (references tasks(id))\n- tag: text\n- Primary key: (task_id, tag)\n`,
      "### GET /api/{user_id}/tasks\n\n### GET /api/{user_id}/task_tags/{id}\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning").map((d) => d.code).sort()).toEqual(expect.arrayContaining(["SF103", "SF104", "SF106", "SF111", "SF212"]));
    const t = table(r.ir, "tasks");
    expect(t.columns.find((c) => c.name === "starts")!.type.kind).toBe("text");
    expect(t.columns.find((c) => c.name === "project_id")!.references).toBeNull();
    expect(t.owner).toBe("user_id");
    expect(r.ir!.endpoints.find((e) => e.path.endsWith("{id}"))!.action.kind).toBe("stub");
  });

  it("keys every table when no table names a key (document stores, no-code tools)", async () => {
    const r = await load(`# Data\n\n## Note Model\n\n| Field | Type |\n|---|---|\n| title | Title |\n| done | Checkbox |\n\n## Tag Model\n\n| Field | Type |\n|---|---|\n| _id | ObjectId |\n| label | String |\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, "notes").primaryKey).toBe("id");
    expect(table(r.ir, "notes").columns[0]).toMatchObject({ name: "id", type: { kind: "uuid" }, default: { kind: "uuid" } });
    expect(table(r.ir, "tags").primaryKey).toBe("_id");
    expect(r.diagnostics.filter((d) => d.code === "SF109")).toEqual([]);
  });

  it("makes English entity names plural, and keeps names of other languages as written", async () => {
    const en = await load(`# Data model\n\nThe tables of the app, with the rules for each of them.\n\n## Booking Model\n\n- id: serial (primary key)\n- note: text\n`);
    expect(en.ir!.tables.map((t) => t.name)).toEqual(["bookings"]);
    const de = await load(`# Datenmodell\n\nDie Tabellen der App und die Regeln für jede Tabelle, mit den Feldern.\n\n## Buchungen Model\n\n- id: serial (primary key)\n- notiz: text\n\n## Serie Model\n\n- id: serial (primary key)\n- name: text\n`);
    expect(de.ir!.tables.map((t) => t.name).sort()).toEqual(["buchungen", "serie"]);
  });

  it("reads a document store's field lists: bare names under Fields:, keys in braces, links by name", async () => {
    const r = await load(`# Collections\n\n### users\n\nFields:\n- email (unique)\n- passwordHash\n- createdAt\n\n### analysis_jobs\n\nFields:\n- userId\n- status\n- meta (wordCount, sentenceCount)\n- createdAt\n\nIndexes:\n- { userId, createdAt }\n\n### results\n\nFields:\n- jobId\n- score\n- tagIds (list of ids)\n\nIndexes:\n- { jobId } (unique)\n`);
    expect(errorsOf(r)).toEqual([]);
    const users = table(r.ir, "users");
    expect(users.identity).toBe(true);
    expect(users.columns.find((c) => c.name === "email")!.unique).toBe(true);
    const jobs = table(r.ir, "analysis_jobs");
    // The owner found by its name holds user ids: the users' key type (uuid, made up for a keyless spec).
    expect(jobs.owner).toBe("userId");
    expect(jobs.columns.find((c) => c.name === "userId")!.type.kind).toBe("uuid");
    expect(jobs.columns.find((c) => c.name === "meta")!.description).toBe("wordCount, sentenceCount");
    expect(jobs.indexes.map((i) => i.columns.join(","))).toContain("userId,createdAt");
    const results = table(r.ir, "results");
    // "jobId" names analysis_jobs' key: the results are the caller's through their job, not everyone's.
    expect(results.columns.find((c) => c.name === "jobId")!.references).toMatchObject({ table: "analysis_jobs", column: "id" });
    expect(results.scope).toBeDefined();
    expect(results.indexes.some((i) => i.unique && i.columns.join(",") === "jobId")).toBe(true);
  });

  it("still refuses what cannot be guessed safely: an owner marker naming no column", async () => {
    const r = await load(`${USERS}\n## tasks\n\nOwner: owner_id\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n`);
    expect(r.ir).toBeNull();
    expect(errorsOf(r)).toEqual(['SF119 owner "owner_id" of table "tasks" is not one of its columns']);
  });
});

describe("a table defined as another one", () => {
  const SOURCE = `${USERS}\n## teams\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n\n## members\n\n- id: serial (primary key)\n- team_id: integer (references teams(id))\n- user_id: text (references users(id))\n\n**TeamScore Table** (Entity)\n- \`id: UUID\`\n- \`team_id: Int FK\`\n- \`score: Int\`\n- Unique constraint: \`(team_id, score)\`\n\n`;

  it.each([
    ["**MemberScore Table** (Entity)\n- Similar to above, with `member_id` instead of `team_id`\n", "member_scores"],
    ["## member_scores\n\nSame as `team_scores`, but with member_id in place of team_id.\n", "member_scores"],
    ["### MemberScore Model\n\nIdentical to the previous table; team_id replaced by member_id.\n", "member_scores"],
  ])("%s", async (text, name) => {
    const r = await load(`# Spec\n\n${SOURCE}${text}`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, name);
    expect(t.columns.map((c) => c.name)).toEqual(["id", "member_id", "score"]);
    // The swapped column's reference comes from its own name, not the old column's target.
    expect(t.columns.find((c) => c.name === "member_id")!.references?.table).toBe("members");
    expect(t.indexes.some((i) => i.unique && i.columns.join(",") === "member_id,score")).toBe(true);
    expect(r.notes.some((n) => /takes the columns of "team_scores"/.test(n.message))).toBe(true);
  });

  it("says so when a section reads as a table and yields no columns (SF127)", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## Audit Log Table\n\nTo be designed.\n\n## Table Definitions\n\n## notes\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n`);
    const w = r.diagnostics.filter((d) => d.code === "SF127");
    expect(w.map((d) => d.message)).toEqual(['section "audit_logs" reads as a table, but no column was read under it; it is not generated']);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["notes", "users"]);
  });
});

describe("columns written every way", () => {
  it("reads bullets without colons, value lists as types, and names without types", async () => {
    const r = await load(
      `# Spec\n\n### office_locations\n- \`id\` UUID PK\n- \`name\` VARCHAR(80) unique\n\n### menus\n- \`id\` UUID PK\n- \`office_location_id\` UUID FK -> office_locations\n\n### polls\n- \`office_location_id\` UUID FK -> office_locations\n- \`status\`: \`active | tied | finished\`\n- \`started_at\`, \`ends_at\`\n- \`winner_name\` snapshot\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const p = table(r.ir, "polls");
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(col("status").type).toMatchObject({ kind: "enum", values: ["active", "tied", "finished"] });
    expect(col("started_at").type.kind).toBe("timestamp");
    expect(col("office_location_id").type.kind).toBe("uuid");
    expect(col("office_location_id").references).toMatchObject({ table: "office_locations", column: "id" });
    expect(col("winner_name").type.kind).toBe("text");
    // The spec's other tables are keyed by id: polls gets one too, of the same type (noted).
    expect(p.primaryKey).toBe("id");
    expect(col("id").type.kind).toBe("uuid");
    expect(r.notes.some((n) => /has no type; read as timestamp/.test(n.message))).toBe(true);
  });

  it("reads a type cell that holds constraints, and a notes cell that holds a reference or the allowed values", async () => {
    const r = await load(
      `# Spec\n\n### organizations\n\n| Column | Type | Notes |\n|---|---|---|\n| id | uuid pk | |\n| status | text | active, suspended, trial |\n\n### projects\n\n| Column | Type | Notes |\n|---|---|---|\n| id | uuid pk | |\n| organization_id | uuid fk | organizations.id |\n| parent_id | uuid fk nullable | → projects.id |\n| note | text | e.g. red, blue |\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, "organizations").columns.find((c) => c.name === "status")!.type).toMatchObject({ kind: "enum", values: ["active", "suspended", "trial"] });
    const p = table(r.ir, "projects");
    expect(p.columns.find((c) => c.name === "organization_id")!.references?.table).toBe("organizations");
    expect(p.columns.find((c) => c.name === "parent_id")!).toMatchObject({ nullable: true, references: { table: "projects" } });
    expect(p.columns.find((c) => c.name === "note")!.type.kind).toBe("text");
  });
});

describe("columns written the way ORM and database docs write them", () => {
  it("reads '- id (PK, BIGINT, auto)', a '// A, B, C' comment of values, and a code comment that describes", async () => {
    const r = await load(`# Spec\n\n### users\n- id (PK, BIGINT, auto)\n- username (VARCHAR(50), unique, not null)\n- role (VARCHAR(20), not null) // ADMIN, MERCHANT, USER\n- note (TEXT) // free text shown to staff\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "users");
    expect(t.primaryKey).toBe("id");
    expect(t.columns.find((c) => c.name === "id")!.type.kind).toBe("bigint");
    expect(t.columns.find((c) => c.name === "role")!.type).toEqual({ kind: "enum", values: ["ADMIN", "MERCHANT", "USER"] });
    expect(t.columns.find((c) => c.name === "note")!.description).toBe("free text shown to staff");
    expect(t.indexes).toEqual([]);
  });

  it("reads 'Enum (a, b)' in a rules cell, an Index column as no default, and one row for 'a / b'", async () => {
    const r = await load(`# Spec\n\n${USERS}\n### posts\n\n| Field | Type | Rules | Index | Description |\n|---|---|---|---|---|\n| id | String | PK | None | |\n| user_id | String | FK -> users.id | Yes | owner |\n| name | String | Required, Max 100 | None | Title |\n| role | String | Enum (\`admin\`, \`customer\`), Default: \`admin\` | \`{ role: 1 }\` | Role |\n| createdAt / updatedAt | Date | Required | None | Times |\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "posts");
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    expect(c("name").default).toBeNull();
    expect(c("name").maxLength).toBe(100);
    expect(c("role").type).toEqual({ kind: "enum", values: ["admin", "customer"] });
    expect(c("role").default).toEqual({ kind: "literal", value: "admin" });
    expect(["createdAt", "updatedAt"].every((n) => t.columns.some((x) => x.name === n))).toBe(true);
  });
});

describe("rules in prose", () => {
  it("reads a Validation Rules list, descriptions, and Unique/Check constraint lines", async () => {
    const r = await load(
      `# Spec\n\n${USERS}\n## Entity: Booking\n\n**Fields**:\n- \`id\` (integer): the key\n- \`user_id\` (string): FK -> users.id\n- \`title\` (string): Booking title (1-80 characters)\n- \`kind\` (string): room or desk\n- \`seats\` (integer): 1-12\n- \`starts_at\` (datetime): when it starts\n- \`ends_at\` (datetime): when it ends\n\n**Validation Rules**:\n- \`kind\` must be either "room" or "desk"\n- \`ends_at\` must be after \`starts_at\`\n\nUnique constraint: (user_id, title)\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const b = table(r.ir, "bookings");
    const col = (n: string) => b.columns.find((c) => c.name === n)!;
    expect(col("title")).toMatchObject({ minLength: 1, maxLength: 80 });
    expect(col("kind").type).toMatchObject({ kind: "enum", values: ["room", "desk"] });
    expect(col("seats")).toMatchObject({ minimum: 1, maximum: 12 });
    expect(b.checks?.some((k) => k.compare?.some((x) => x.left === "ends_at" && x.op === ">" && x.right === "starts_at"))).toBe(true);
    expect(b.indexes.some((i) => i.unique && [...i.columns].sort().join() === "title,user_id")).toBe(true);
  });

  it("keeps a CHECK of any shape verbatim, and reads what a validator can check of it", async () => {
    const r = await load(`# Spec\n\n${USERS}\n\`\`\`sql\nCREATE TABLE orders (\n  id SERIAL PRIMARY KEY,\n  user_id TEXT NOT NULL REFERENCES users(id),\n  price NUMERIC(10,2) NOT NULL,\n  qty INTEGER NOT NULL,\n  CONSTRAINT orders_total CHECK (price * qty <= 100000),\n  CHECK (qty > 0 AND qty <= 50)\n);\n\`\`\`\n`);
    expect(errorsOf(r)).toEqual([]);
    const o = table(r.ir, "orders");
    expect(o.checks?.find((k) => k.name === "orders_total")).toMatchObject({ sql: "price * qty <= 100000", validated: false });
    expect(o.columns.find((c) => c.name === "qty")).toMatchObject({ exclusiveMinimum: 0, maximum: 50 });
  });

  it("reads codes of an ISO standard in a description as their pattern", async () => {
    const r = await load(`${USERS}\n## prices\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | pk |\n| user_id | text | FK -> users.id |\n| currency | char(3) | ISO 4217 |\n| country | varchar(2) | ISO 3166-1 alpha-2 country code |\n| lang | text | ISO 639-1 |\n`);
    const t = table(r.ir, "prices");
    expect(["currency", "country", "lang"].map((n) => t.columns.find((c) => c.name === n)!.pattern)).toEqual(["^[A-Z]{3}$", "^[A-Z]{2}$", "^[a-z]{2}$"]);
  });

  it("drops a default that breaks its column's rule, with a warning", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## notes\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- title: varchar(20) (not null, default '', min length 1)\n`);
    expect(r.diagnostics.map((d) => d.code)).toContain("SF117");
    expect(table(r.ir, "notes").columns.find((c) => c.name === "title")!.default).toBeNull();
  });
});

describe("request bodies the API spec describes", () => {
  const SCHEMA = `${USERS}\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- title: text (not null)\n- notes: text (nullable)\n`;
  const rulesOf = (ir: IR | null) => {
    const t = table(ir, "tasks");
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    return { titleMin: c("title").minLength, titleMax: c("title").maxLength, notesMax: c("notes").maxLength };
  };

  it.each([
    ["a JSON sketch whose values describe the fields", "### POST /api/{user_id}/tasks\n\nRequest Body:\n```json\n{\n  \"title\": \"string (required, 1-200 chars)\",\n  \"notes\": \"string (optional, max 1000 chars)\"\n}\n```\n"],
    ["a bare JSON sketch under a request model heading", "### POST /api/{user_id}/tasks\n\nCreate a task.\n\n### CreateTaskRequest\n\n```\n{\n  \"title\": string (1-200 chars, required),\n  \"notes\": string or null (optional, max 1000 chars)\n}\n```\n"],
    ["a field list under a Pydantic-style model heading", "### POST /api/{user_id}/tasks\n\n## Schemas\n\n### TaskCreate\nFields:\n- `title`: string (required, non-empty, max 200 characters)\n- `notes`: string (optional, max 1000 chars)\n"],
    ["a field list after a Request Body label", "### POST /api/{user_id}/tasks\n\n**Request Body:**\n\n- `title` (string, required): 1-200 chars\n- `notes` (string, optional): max 1000 chars\n\n**Response:** the task\n"],
  ])("%s", async (_label, api) => {
    const r = await load(SCHEMA, api);
    expect(errorsOf(r)).toEqual([]);
    expect(rulesOf(r.ir)).toEqual({ titleMin: 1, titleMax: 200, notesMax: 1000 });
  });

  it("reads the rules of a write route that answers 501 (a table no route may write)", async () => {
    const r = await load(`${USERS}\n## categories\n\n- id: serial (primary key)\n- name: text (not null)\n`, "### POST /api/categories\n\n| 字段 | 类型 | 必填 | 约束 |\n|---|---|---|---|\n| name | string | 是 | 1-32 字符 |\n");
    const name = table(r.ir, "categories").columns.find((c) => c.name === "name")!;
    expect([name.minLength, name.maxLength]).toEqual([1, 32]);
    expect(r.ir!.endpoints.find((e) => e.method === "post")!.action.kind).toBe("stub");
  });

  it("does not take a response example for a request", async () => {
    const r = await load(SCHEMA, "### POST /api/{user_id}/tasks\n\n**Response:**\n```json\n{\n  \"title\": \"string (1-5 chars)\"\n}\n```\n");
    expect(rulesOf(r.ir).titleMax).toBeUndefined();
  });

  it("says which request fields name no column (SF217)", async () => {
    const r = await load(SCHEMA, "### POST /api/{user_id}/tasks\n\nRequest Body:\n- `title`: string (required)\n- `priority`: string (one of: low, high)\n");
    expect(r.diagnostics.filter((d) => d.code === "SF217").map((d) => d.message)).toEqual([
      'request field "priority" of POST /api/{user_id}/tasks names no column of "tasks"; it is not stored, and a request that sends it is refused with 422',
    ]);
  });
});

describe("request and response shapes beside the tables", () => {
  it("reads input and output models in the schema file as shapes, not tables; input rules join the table", async () => {
    const r = await load(`# Data model\n\n${USERS}\n## Entity: Task\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- title: text (not null)\n\n## Entity: TaskCreate (Input Model)\n- **title**: String (Required, max 200 characters)\n\n## Entity: TaskResponse (Output Model)\n- **id**: Integer\n- **title**: String\n\n## FriendRequest\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["friend_requests", "tasks", "users"]);
    expect(table(r.ir, "tasks").columns.find((c) => c.name === "title")!.maxLength).toBe(200);
  });

  it("reads an OpenAPI document fenced inside a Markdown API file, with its positions", async () => {
    const api = "# Contract\n\n```yaml\nopenapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n  /api/{user_id}/tasks:\n    get:\n      summary: List\n      responses: { '200': { description: ok } }\n```\n";
    const r = await load(`${USERS}\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n`, api);
    expect(errorsOf(r)).toEqual([]);
    const e = r.ir!.endpoints.find((x) => x.method === "get")!;
    expect(e.action.kind).toBe("list");
    expect(e.span.line).toBe(8);
  });
});

describe("whose rows are whose", () => {
  const base = `# Spec\n\n${USERS}\n## notebooks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n\n## entries\n\n- id: serial (primary key)\n- notebook_id: integer (not null, references notebooks(id))\n\n## comments\n\n- id: serial (primary key)\n- entry_id: integer (not null, references entries(id))\n`;

  it("reaches users through a parent, and the order tables are written in does not matter", async () => {
    const a = await load(base);
    const reordered = base.replace(/## notebooks[\s\S]*?(?=## entries)/, "").replace("## comments", "## notebooks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n\n## comments");
    const b = await load(reordered);
    for (const r of [a, b]) {
      expect(table(r.ir, "notebooks").owner).toBe("user_id");
      expect(table(r.ir, "entries").scope).toEqual({ kind: "parent", column: "notebook_id", parent: "notebooks", parentKey: "id" });
      expect(table(r.ir, "comments").scope).toEqual({ kind: "parent", column: "entry_id", parent: "entries", parentKey: "id" });
    }
  });

  it("reaches users through a membership table", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## organizations\n\n- id: uuid (primary key)\n- name: text\n\n## organization_members\n\n- id: uuid (primary key)\n- user_id: text (not null, references users(id))\n- organization_id: uuid (not null, references organizations(id))\n\n## invoices\n\n- id: uuid (primary key)\n- organization_id: uuid (not null, references organizations(id))\n- amount: numeric(10,2)\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, "organizations").scope).toEqual({ kind: "member", column: "id", membership: "organization_members", membershipGroup: "organization_id", membershipUser: "user_id" });
    expect(table(r.ir, "invoices").scope).toMatchObject({ kind: "parent", parent: "organizations" });
  });

  it("shares a table only as the spec says: read-write when it says so, read-only (SF126) otherwise", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## tags\n\nShared: read-write\n\n- id: serial (primary key)\n- name: text\n\n## currencies\n\n- id: serial (primary key)\n- code: char(3)\n\n## notes\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n`);
    expect(table(r.ir, "tags").shared).toBe("read-write");
    expect(table(r.ir, "currencies").shared).toBe("read");
    expect(r.diagnostics.filter((d) => d.code === "SF126").map((d) => d.message)).toEqual([expect.stringContaining('"currencies"')]);
  });

  it("reads a reference to an undefined user table as the auth service's users, and players as the users table", async () => {
    const r1 = await load(`# Spec\n\n## tasks\n\n- id: serial (primary key)\n- user_id: text (FK -> user.id)\n- title: text\n`);
    expect(errorsOf(r1)).toEqual([]);
    expect(table(r1.ir, "tasks").owner).toBe("user_id");
    expect(table(r1.ir, "tasks").columns.find((c) => c.name === "user_id")!.references).toBeNull();
    const r2 = await load(`# Spec\n\n## players\n\n- id: uuid (primary key)\n- nickname: varchar(40) (not null, unique)\n\n## scores\n\n- id: serial (primary key)\n- player_id: uuid (not null, references players(id))\n- points: integer\n`);
    expect(r2.ir!.auth.identityTable).toBe("players");
    expect(table(r2.ir, "scores").owner).toBe("player_id");
  });
});

describe("endpoints as specs write them", () => {
  const schema = `# Spec\n\n${USERS}\n## conversations\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n\n## messages\n\n- id: serial (primary key)\n- conversation_id: integer (not null, references conversations(id))\n- body: text\n\n## loans\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- returned_at: timestamp (nullable)\n\n## notifications\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- is_read: boolean (not null, default false)\n\n## members\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- status: enum(active, inactive) (not null, default active)\n`;
  const api = `# API\n\n| 方法 | 路径 | 说明 |\n|---|---|---|\n| GET | /api/v1/conversations/:id/messages | 列表 |\n| POST | /api/v1/conversations/:id/messages | 新建 |\n| POST | /api/v1/loans/:id/return | 归还 |\n| PATCH | /api/v1/notifications/:id/read | 已读 |\n| POST | /api/v1/members/:id/deactivate | 停用 |\n| GET | /api/v1/users/me | 我 |\n`;

  it("maps nested collections, verb actions and the caller's own row", async () => {
    const r = await load(schema, api);
    expect(errorsOf(r)).toEqual([]);
    const ep = (m: string, p: string) => r.ir!.endpoints.find((e) => e.method === m && e.path === p)!;
    expect(ep("get", "/api/v1/conversations/{id}/messages")).toMatchObject({ table: "messages", action: { kind: "list" }, parent: { param: "id", column: "conversation_id", table: "conversations" } });
    expect(ep("post", "/api/v1/conversations/{id}/messages")).toMatchObject({ table: "messages", action: { kind: "create" } });
    expect(ep("post", "/api/v1/loans/{id}/return").action).toEqual({ kind: "set", field: "returned_at", value: null, now: true });
    expect(ep("patch", "/api/v1/notifications/{id}/read").action).toEqual({ kind: "set", field: "is_read", value: true });
    expect(ep("post", "/api/v1/members/{id}/deactivate").action).toEqual({ kind: "set", field: "status", value: "inactive" });
    expect(ep("get", "/api/v1/users/me")).toMatchObject({ table: "users", self: true, action: { kind: "get" } });
  });

  it("gives every table the standard REST surface when the spec has no endpoints file", async () => {
    const r = await load(schema);
    const paths = r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`);
    expect(paths).toEqual(expect.arrayContaining(["GET /api/messages", "POST /api/messages", "GET /api/messages/{id}", "PATCH /api/messages/{id}", "DELETE /api/messages/{id}", "GET /api/users/me", "PATCH /api/users/me"]));
    expect(r.notes.some((n) => /standard REST surface/.test(n.message))).toBe(true);
  });

  it("never builds an app of nothing: no table understood is an error", async () => {
    const r = await load("# Notes\n\nWe will decide the tables later.\n");
    expect(r.ir).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SF102", "error"]]);
  });
});

describe("schema blocks written outside Markdown's syntax", () => {
  it("reads an HTML table, its cells pointing at the file", async () => {
    const text = `# Spec\n\n${USERS}\n## notes\n\n<table>\n  <thead><tr><th>Column</th><th>Type</th><th>Constraints</th></tr></thead>\n  <tbody>\n    <tr><td>id</td><td>serial</td><td>primary key</td></tr>\n    <tr><td>user_id</td><td>text</td><td>references users(id)</td></tr>\n\n    <tr><td>body</td><td>varchar(500)</td><td>not null</td></tr>\n  </tbody>\n</table>\n\nEach note belongs to one user.\n`;
    const r = await load(text);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "notes");
    expect(t.columns.map((c) => c.name)).toEqual(["id", "user_id", "body"]);
    expect(t.owner).toBe("user_id");
    const body = t.columns.find((c) => c.name === "body")!;
    expect(body.type).toEqual({ kind: "string", maxLength: 500 });
    expect(body.nullable).toBe(false);
    const lineOfBody = text.split("\n").findIndex((l) => l.includes("<td>body</td>")) + 1;
    expect(body.span.line).toBe(lineOfBody);
  });

  it("reads a Prisma model and enum pasted without a fence, and the prose around it stays prose", async () => {
    const r = await load(
      `# Spec\n\nThe data model:\nmodel User {\n  id    String @id\n  email String @unique\n  posts Post[]\n}\n\nenum Status {\n  DRAFT\n  PUBLISHED\n}\n\nmodel Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  status   Status @default(DRAFT)\n  author   User   @relation(fields: [authorId], references: [id])\n  authorId String\n}\nPosts are private to their author.\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const post = table(r.ir, "posts");
    expect(post.owner).toBe("authorId");
    expect(post.columns.find((c) => c.name === "status")!.type).toMatchObject({ kind: "enum", values: ["DRAFT", "PUBLISHED"] });
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["posts", "users"]);
  });

  it("reads CREATE TABLE statements written as paragraphs, also across a blank line", async () => {
    const r = await load(
      `# Schema\n\nCREATE TABLE users (\n  id TEXT PRIMARY KEY\n);\n\nCREATE TABLE notes (\n  id SERIAL PRIMARY KEY,\n  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n\n  body VARCHAR(300) NOT NULL CHECK (length(body) > 0)\n);\nCREATE INDEX notes_user ON notes (user_id);\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "notes");
    expect(t.columns.map((c) => c.name)).toEqual(["id", "user_id", "body"]);
    expect(t.owner).toBe("user_id");
    expect(t.columns.find((c) => c.name === "body")!.type).toEqual({ kind: "string", maxLength: 300 });
  });

  it("leaves a sentence that starts with one of those words alone", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## notes\n\nModel the notes like this: each has a body.\nCreate them from the editor.\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- body: text\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["notes", "users"]);
  });
});

describe("tables written without the usual headings and lists", () => {
  it("reads `name: type` fields in a plain block, as tables (name: then indented fields) or under a table's heading", async () => {
    const r = await load(
      "# Shop\n\n```\nbuyer:\n\tid: int\n\temail: string\n\nbasket:\n\tid: int\n\tbuyer_id: foreign key\n\tstate: OPEN | PAID | SENT\n```\n\n## parcels\n\n```\nid: uuid\nbasket_id: integer, references basket(id)\nweight_g: int\n```\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["basket", "buyer", "parcels"]);
    const basket = table(r.ir, "basket");
    expect(basket.columns.find((c) => c.name === "state")!.type).toMatchObject({ kind: "enum", values: ["OPEN", "PAID", "SENT"] });
    expect(basket.columns.find((c) => c.name === "buyer_id")!.references?.table).toBe("buyer");
    expect(table(r.ir, "parcels").columns.find((c) => c.name === "basket_id")!.references?.table).toBe("basket");
  });

  it("leaves a plain block of settings alone", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## Deployment\n\n\`\`\`\nhost: localhost\nport: 5432\n\`\`\`\n`);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["users"]);
  });

  it("reads a table name on a line of its own followed by SQL-style column bullets, and the index list after them", async () => {
    const r = await load(
      "# Database\n\nTables:\n\nmembers\n- id UUID PRIMARY KEY\n- handle VARCHAR(40) UNIQUE NOT NULL\n\n`posts`\n- id SERIAL PRIMARY KEY\n- member_id UUID REFERENCES members(id) ON DELETE CASCADE\n- body TEXT NOT NULL\n\nIndexes:\n- idx_posts_member ON posts(member_id)\n\nThe posts are shown newest first.\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["members", "posts"]);
    const posts = table(r.ir, "posts");
    expect(posts.columns.map((c) => c.name)).toEqual(["id", "member_id", "body"]);
    expect(posts.indexes.map((i) => i.columns.join(","))).toContain("member_id");
    expect(table(r.ir, "members").columns.find((c) => c.name === "handle")!.type).toEqual({ kind: "string", maxLength: 40 });
  });

  it("does not take a word on its own line over a list of notes for a table", async () => {
    const r = await load(`# Spec\n\n${USERS}\nReminders\n- Back up nightly\n- Rotate keys yearly\n`);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["users"]);
  });

  it.each([
    ["#### 3 invoices 发票信息表", "invoices"],
    ["### 2.1 invoice_lines – the lines of an invoice", "invoice_lines"],
    ["### `invoices` テーブル", "invoices"],
    ["## Tabla invoices", "invoices"],
  ])("reads the table name in %s", async (heading, name) => {
    const r = await load(`# Spec\n\n${USERS}\n${heading}\n\n| 字段名称 | 类型 | 是否必填 | 说明 |\n|---|---|---|---|\n| id | int | 是 | 编号 |\n| user_id | text | 是 | 用户 |\n| memo | v64 | 否 | 备注 |\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, name);
    expect(t.columns.map((c) => c.name)).toEqual(["id", "user_id", "memo"]);
    expect(t.columns.find((c) => c.name === "memo")!.nullable).toBe(true);
    expect(t.columns.find((c) => c.name === "user_id")!.nullable).toBe(false);
  });

  it("reads a list of code-formatted names alone as columns, with allowed values in parentheses", async () => {
    const r = await load(`# Data Model\n\n${USERS}\n## reviews\n\n- \`_id\`\n- \`userId\`\n- \`stars\` (\`low | mid | high\`)\n- \`text\`\n- \`createdAt\`, \`updatedAt\`\n- \`hiddenAt\` / \`deletedAt\`\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "reviews");
    expect(t.columns.map((c) => c.name)).toEqual(["_id", "userId", "stars", "text", "createdAt", "updatedAt", "hiddenAt", "deletedAt"]);
    expect(t.columns.find((c) => c.name === "stars")!.type).toMatchObject({ kind: "enum", values: ["low", "mid", "high"] });
    expect(t.columns.find((c) => c.name === "createdAt")!.type.kind).toBe("timestamp");
  });

  it("reads columns nested under a Columns item, and reports a section that says it is a table but gives none", async () => {
    const r = await load(`# モデル\n\n${USERS}\n### \`Memo\` テーブル\n\n- **主な列**\n  - \`userId\` … 所有者（\`users.id\`）\n  - \`body\` … 本文\n\n### \`Folder\` テーブル\n\n- フォルダは後で決める。\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, "memos").columns.map((c) => c.name)).toEqual(expect.arrayContaining(["userId", "body"]));
    expect(r.diagnostics.filter((d) => d.code === "SF127").map((d) => d.message)).toEqual([expect.stringContaining('"folders"')]);
  });

  it("makes two tables of a heading that names two, with one shared column list or one list each", async () => {
    const shared = await load(`# Spec\n\n${USERS}\n### build_logs / test_logs（both kinds）\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | references users(id) |\n| body | text | not null |\n`);
    expect(errorsOf(shared)).toEqual([]);
    expect(table(shared.ir, "test_logs").columns.map((c) => c.name)).toEqual(["id", "user_id", "body"]);
    expect(table(shared.ir, "build_logs").columns.map((c) => c.name)).toEqual(["id", "user_id", "body"]);
    const own = await load(`# Spec\n\n${USERS}\n## cats & dogs\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- whiskers: int\n\nThen the dogs.\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- bark: text\n`);
    expect(errorsOf(own)).toEqual([]);
    expect(table(own.ir, "cats").columns.map((c) => c.name)).toEqual(["id", "user_id", "whiskers"]);
    expect(table(own.ir, "dogs").columns.map((c) => c.name)).toEqual(["id", "user_id", "bark"]);
  });
});

describe("endpoint files written as bare lines, lists, numbered headings and blocks", () => {
  const SCHEMA = `# Spec\n\n${USERS}\n## parcels\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- label: text (not null)\n`;
  const routes = (r: Awaited<ReturnType<typeof load>>) => r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path} ${e.action.kind}`).sort();

  it("reads METHOD /path lines of their own, the lists after them being theirs", async () => {
    const api = `# API\n\n## Parcels\nGET /api/parcels\n- Query: label\n- Response: array of Parcel\n\nPOST /api/parcels\n- Body: { label: string }\n\nSHIPPING (token)\nGET /api/parcels/{id}\n\nPATCH /api/parcels/:id\nDELETE /api/parcels/:id — removes it\n`;
    const r = await load(SCHEMA, api);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).not.toContain("SF200");
    expect(routes(r)).toEqual(["DELETE /api/parcels/{id} delete", "GET /api/parcels list", "GET /api/parcels/{id} get", "PATCH /api/parcels/{id} update", "POST /api/parcels create"]);
  });

  it("reads numbered headings with a remark after the path, and a base URL stated once", async () => {
    const api = "# 接口\n\n> 统一前缀 `/api/v2`；返回 JSON。\n\n## 1. 包裹\n\n### 1.1 GET /parcels（需登录）\n\n说明。\n\n### 1.2 POST /api/v2/parcels（创建）\n\n```\nPOST /api/v2/parcels\n{\"label\":\"x\"}\n```\n\n### 1.3 DELETE /parcels/{id}\n";
    const r = await load(SCHEMA, api);
    expect(errorsOf(r)).toEqual([]);
    expect(routes(r)).toEqual(["DELETE /api/v2/parcels/{id} delete", "GET /api/v2/parcels list", "POST /api/v2/parcels create"]);
    expect(r.notes.some((n) => /path \/parcels read as \/api\/v2\/parcels \(the base URL \/api\/v2/.test(n.message))).toBe(true);
  });

  it.each([
    ["a list with labels first and groups", "# API\n\n- Parcels\n  - List them: `GET /api/parcels`\n  - Create one: `POST /api/parcels`\n"],
    ["a code block of endpoint lines", "# API\n\n## Routes\n\n```\nGET  /api/parcels        # list\nPOST /api/parcels        # create\n```\n"],
    ["a Method | Path table", "# API\n\n| Method | Path | Notes |\n|---|---|---|\n| GET | `/api/parcels` | list |\n| POST | `/api/parcels` | create |\n"],
    ["a base path in a Base URL section", "# API\n\n## Base URL\n\n- Production: https://parcels.example.com/api\n\n## Parcels\n\n- GET /parcels\n- POST /parcels\n"],
  ])("%s", async (_label, api) => {
    const r = await load(SCHEMA, api);
    expect(errorsOf(r)).toEqual([]);
    expect(routes(r)).toEqual(["GET /api/parcels list", "POST /api/parcels create"]);
  });

  it("keeps a bare host as no prefix, and never reads a request example as another endpoint", async () => {
    const api = "# API\n\nBase URL: http://localhost:8080\n\n### GET /api/parcels\n\n```\nGET /api/parcels?label=a HTTP/1.1\nHost: localhost\n```\n\n```\nPOST /api/other\n{\"a\":1}\n```\n";
    const r = await load(SCHEMA, api);
    expect(routes(r)).toEqual(["GET /api/parcels list"]);
  });

  it("says where an endpoints file that yields nothing went wrong (SF200), and what the app gets instead", async () => {
    const api = "# API\n\nWe will add routes later.\n\nThe client calls GET on the parcels list.\n";
    const r = await load(SCHEMA, api);
    const d = r.diagnostics.find((x) => x.code === "SF200")!;
    expect(d.severity).toBe("warning");
    expect(`${d.span.file}:${d.span.line}:${d.span.column}`).toBe("specs/api/rest-endpoints.md:5:18");
    expect(d.message).toMatch(/standard REST routes instead/);
  });
});

describe("allowed values written outside a type or constraint slot", () => {
  const spec = (rows: string) => `# Spec\n\n${USERS}\n## parcels\n\n| Column | Type | Constraints | Notes |\n|---|---|---|---|\n| id | serial | PK | |\n| user_id | text | FK -> users.id | |\n${rows}`;
  const col = async (rows: string, name: string) => table((await load(spec(rows))).ir, "parcels").columns.find((c) => c.name === name)!;

  it.each([
    ["| colour | VARCHAR(10) | NOT NULL | one of red/green/blue |", "colour", ["red", "green", "blue"]],
    ["| mode | varchar(20) | | air/sea/road |", "mode", ["air", "sea", "road"]],
    ["| tier | text | | Member tier (gold, silver or bronze) |", "tier", ["gold", "silver", "bronze"]],
    ["| size | text | | Size: 'S', 'M', 'L' |", "size", ["S", "M", "L"]],
    ["| state | text | | 상태 (open/held/closed) |", "state", ["open", "held", "closed"]],
    ["| kind | text | | one of: box, tube |", "kind", ["box", "tube"]],
  ])("%s", async (row, name, values) => {
    expect((await col(row, name)).type).toEqual({ kind: "enum", values });
  });

  it.each([
    ["| memo | text | | free text and/or a link |", "memo"],
    ["| path | text | | stored under uploads/images |", "path"],
    ["| phase | text | | e.g. draft/final |", "phase"],
    ["| step | text | | flow: new/open/closed etc. |", "step"],
    ["| ref_code | text | UNIQUE | Unique code (auto/manual) |", "ref_code"],
    ["| owner_id | text | | Who made it (user/system) |", "owner_id"],
    ["| born | text | | YYYY/MM/DD |", "born"],
  ])("leaves prose alone: %s", async (row, name) => {
    expect((await col(row, name)).type.kind).not.toBe("enum");
  });

  it("reads a bar list in a bullet's parentheses and quoted values after the description's dash", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## messages\n\n- \`id\`: integer (primary key)\n- \`sender\`: string (user|bot|system) - who wrote it\n- \`role\`: string (ENUM) - Role in the team: 'lead', 'dev', 'qa'\n- \`body\`: string | null - the text\n`);
    const t = table(r.ir, "messages");
    expect(t.columns.find((c) => c.name === "sender")!.type).toEqual({ kind: "enum", values: ["user", "bot", "system"] });
    expect(t.columns.find((c) => c.name === "role")!.type).toEqual({ kind: "enum", values: ["lead", "dev", "qa"] });
    expect(t.columns.find((c) => c.name === "body")!.type.kind).not.toBe("enum");
  });
});

describe("required, defaults and nullability written where a reader does not look first", () => {
  it("reads a constraint written in a Default column as that constraint, not as a default", async () => {
    const r = await load(`# Spec\n\n### notes\n\n| Column | Type | Default | Description |\n|---|---|---|---|\n| id | INTEGER | PK, AUTOINCREMENT | key |\n| title | TEXT | NOT NULL | the title |\n| level | TEXT | 'mid' | level |\n| kind | TEXT | 'a', NOT NULL | kind |\n| note | TEXT | NULL | note |\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).not.toContain("SF118");
    const c = (n: string) => table(r.ir, "notes").columns.find((x) => x.name === n)!;
    expect(c("id")).toMatchObject({ primaryKey: true, default: { kind: "increment" } });
    expect(c("title")).toMatchObject({ nullable: false, default: null });
    expect(c("level")).toMatchObject({ nullable: true, default: { kind: "literal", value: "mid" } });
    expect(c("kind")).toMatchObject({ nullable: false, default: { kind: "literal", value: "a" } });
    expect(c("note").nullable).toBe(true);
  });

  it("reads a bare value under a Default header that holds constraints too", async () => {
    const r = await load(`# Spec\n\n### notes\n\n| 컬럼 | 타입 | 기본값 | 설명 |\n|---|---|---|---|\n| id | INTEGER | PK, AUTOINCREMENT | 키 |\n| title | TEXT | NOT NULL | 제목 |\n| level | TEXT | 'mid' | 수준 |\n| code | TEXT | NOT NULL, UNIQUE | 코드 |\n`);
    expect(r.diagnostics.map((d) => d.code)).not.toContain("SF108");
    expect(table(r.ir, "notes").columns.find((x) => x.name === "level")!.default).toEqual({ kind: "literal", value: "mid" });
  });

  it("keeps a column with a default but no NOT NULL nullable in SQL and in a table that writes NOT NULL", async () => {
    const r = await load(`# Spec\n\n\`\`\`sql\nCREATE TABLE posts (\n  id SERIAL PRIMARY KEY,\n  state SMALLINT DEFAULT 1,\n  kind VARCHAR(10) NOT NULL DEFAULT 'a',\n  made_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n);\n\`\`\`\n\n## tags\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | PK |\n| name | text | NOT NULL |\n| hits | integer | DEFAULT 0 |\n\n## pins\n\n- id: serial (primary key)\n- done: boolean (default false)\n`);
    const c = (t: string, n: string) => table(r.ir, t).columns.find((x) => x.name === n)!;
    expect([c("posts", "state").nullable, c("posts", "made_at").nullable, c("posts", "kind").nullable]).toEqual([true, true, false]);
    expect(c("tags", "hits").nullable).toBe(true);
    // A list that never writes NOT NULL: a default still reads as not null (noted).
    expect(c("pins", "done").nullable).toBe(false);
  });

  it("reads (required, ...) in a description, but not a conditional requirement", async () => {
    const r = await load(`# Spec\n\n## items\n\n- \`id\`: integer (primary key)\n- \`title\`: string - Item title (required, 1-200 characters)\n- \`note\`: string - Free note (required for admins)\n- \`code\`: string - Required. The short code\n`);
    const c = (n: string) => table(r.ir, "items").columns.find((x) => x.name === n)!;
    expect(c("title")).toMatchObject({ nullable: false, minLength: 1, maxLength: 200 });
    expect(c("note").nullable).toBe(true);
    expect(c("code").nullable).toBe(false);
  });
});

describe("ranges and lengths written in notes", () => {
  it("reads parenthesised and leading ranges on numbers, and lengths with their unit", async () => {
    const r = await load(`# Spec\n\n## reviews\n\n| Column | Type | Constraints | Notes |\n|---|---|---|---|\n| id | serial | PK | |\n| stars | integer | | Rating (1-5) |\n| pct | integer | | 0-100 |\n| score | integer | | Empty until graded. 0-10 after review |\n| body | text | NOT NULL | 5-500 aksara (checked by the app) |\n| label | text | | max 200 chars |\n| year | integer | | Released 2020-2025 in most markets |\n| ver | text | | version 1.2-3.4 |\n`);
    const c = (n: string) => table(r.ir, "reviews").columns.find((x) => x.name === n)!;
    expect([c("stars").minimum, c("stars").maximum]).toEqual([1, 5]);
    expect([c("pct").minimum, c("pct").maximum]).toEqual([0, 100]);
    expect([c("score").minimum, c("score").maximum]).toEqual([0, 10]);
    expect([c("body").minLength, c("body").maxLength]).toEqual([5, 500]);
    expect(c("label").maxLength).toBe(200);
    expect([c("year").minimum, c("year").maximum]).toEqual([undefined, undefined]);
    expect(c("ver").pattern ?? c("ver").maxLength).toBeUndefined();
  });
});

describe("Mermaid attributes with SQL suffixes and FK markers with no target", () => {
  const diagram = `# Spec\n\n\`\`\`mermaid\nerDiagram\n    CLIENTS {\n        int id PK\n        VARCHAR kind ENUM("Walk in", "Online") NOT NULL\n        VARCHAR code UNIQUE\n        BOOLEAN vip DEFAULT FALSE "is vip"\n    }\n    VISITS {\n        int id PK\n        int client_id FK\n        text visit_order FK\n        int room_id FK\n        uuid member_id PK FK\n    }\n    VISIT_ORDERS {\n        text visit_order PK\n    }\n    MEMBERS {\n        uuid id PK\n    }\n\`\`\`\n`;

  it("reads ENUM(...), UNIQUE, NOT NULL and DEFAULT after the name", async () => {
    const r = await load(diagram);
    const c = (n: string) => table(r.ir, "clients").columns.find((x) => x.name === n)!;
    expect(c("kind")).toMatchObject({ type: { kind: "enum", values: ["Walk in", "Online"] }, nullable: false });
    expect(c("code").unique).toBe(true);
    expect(c("vip").default).toEqual({ kind: "literal", value: false });
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
  });

  it("gives an FK with no target the one entity its name names, and leaves the rest unresolved", async () => {
    const r = await load(diagram);
    const c = (n: string) => table(r.ir, "visits").columns.find((x) => x.name === n)!;
    expect(c("client_id").references).toMatchObject({ table: "clients", column: "id" });
    expect(c("visit_order").references).toMatchObject({ table: "visit_orders", column: "visit_order" });
    expect(c("member_id").references).toMatchObject({ table: "members", column: "id" });
    expect(c("room_id").references).toBeNull();
    expect(r.diagnostics.filter((d) => d.code === "SF116").map((d) => d.message)).toEqual([expect.stringContaining("visits.room_id")]);
  });

  it("lets a table that only says ENUM take the values its diagram lists", async () => {
    const r = await load(`# Spec\n\n\`\`\`mermaid\nerDiagram\n    SHIFTS {\n        uuid id PK\n        VARCHAR punch ENUM("IN", "OUT")\n    }\n\`\`\`\n\n## shifts\n\n| Column | Type | Constraints | Notes |\n|---|---|---|---|\n| id | UUID | PRIMARY KEY | |\n| punch | VARCHAR | NOT NULL, ENUM | the punch |\n`);
    expect(table(r.ir, "shifts").columns.find((x) => x.name === "punch")!.type).toEqual({ kind: "enum", values: ["IN", "OUT"] });
  });
});

describe("rules outside the column rows, implied references, enums by name, bounds in words, arrows and methods", () => {
  const col = (t: Table, name: string) => {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Error(`no column ${name} in ${t.name}`);
    return c;
  };
  const uniques = (t: Table) => t.indexes.filter((i) => i.unique).map((i) => i.columns.join(","));
  const codes = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.map((d) => d.code);

  it.each([
    ["| year | int | unique per city |", "city_id,year"],
    ["| year | int | Unique within each city |", "city_id,year"],
    ["| year | int | unique per (city, kind) |", "city_id,kind,year"],
  ])("%s: one composite unique, never a unique on the column alone", async (row, index) => {
    const r = await load(`# S\n\n## cities\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n\n## wages\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| city_id | int | FK -> cities.id |\n| kind | text | |\n${row}\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "wages");
    expect(uniques(t)).toEqual([index]);
    expect(col(t, "year").unique).toBe(false);
  });

  it("a row naming two columns, unique per two words, makes one index of all four", async () => {
    const r = await load(`# S\n\n${USERS}\n## depots\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n\n## tallies\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | FK -> users.id |\n| depot_id | int | FK -> depots.id |\n| \`week\`, \`slot\` | int | Unique per user-depot combination |\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(uniques(table(r.ir, "tallies"))).toEqual(["user_id,depot_id,week,slot"]);
  });

  it("unique per a word that names no column makes no index, with a warning", async () => {
    const r = await load(`# S\n\n## badges\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| code | text | unique per season |\n`);
    const t = table(r.ir, "badges");
    expect(uniques(t)).toEqual([]);
    expect(col(t, "code").unique).toBe(false);
    expect(r.diagnostics.some((d) => d.code === "SF108" && /unique per season/.test(d.message))).toBe(true);
  });

  it("reads rules in a list or lines under the table, and leaves prose alone", async () => {
    const r = await load(
      `# S\n\n## kiosks\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n\n## stalls\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| kiosk_id | int | FK -> kiosks.id |\n| day | date | |\n| code | varchar(12) | |\n| label | text | |\n| note | text | |\n\n- code must be unique\n- (kiosk_id, day) unique\n- label is shown on the receipt\n\nNOT NULL: day, label\n\nUnique constraint on stalls: (kiosk_id, label)\n\nThe note is free text.\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "stalls");
    expect(col(t, "code").unique).toBe(true);
    expect(uniques(t).sort()).toEqual(["kiosk_id,day", "kiosk_id,label"]);
    expect(col(t, "day").nullable).toBe(false);
    expect(col(t, "label").nullable).toBe(false);
    expect(col(t, "label").unique).toBe(false);
    expect(col(t, "note").nullable).toBe(true);
  });

  it("reads a unique pair opening a sentence of prose", async () => {
    const r = await load(`# S\n\n## rosters\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| crew_id | int | |\n| shift_id | int | |\n\n\`unique (crew_id, shift_id)\` keeps one crew per shift.\n\nA crew may be unique (for the season) in some plans.\n`);
    expect(uniques(table(r.ir, "rosters"))).toEqual(["crew_id,shift_id"]);
  });

  it("a list naming a column the table lacks is not read as a rule", async () => {
    const r = await load(`# S\n\n## pens\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| ink | text | |\n\n- NOT NULL: ink, nib\n- (ink, cap) unique\n`);
    const t = table(r.ir, "pens");
    expect(col(t, "ink").nullable).toBe(true);
    expect(t.indexes).toEqual([]);
  });

  it("infers a foreign key's target from a role word, a noun or a table's name, when unambiguous", async () => {
    const r = await load(
      `# S\n\n${USERS}\n## acme_depots\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n\n## shops\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n\n## audits\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| reviewer_id | text | FK |\n| subject_id | text | FK → user |\n| depot_id | int | FK → depot |\n| shop_id | int | |\n| place_id | int | |\n| tag_id | uuid | |\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "audits");
    expect(col(t, "reviewer_id").references?.table).toBe("users");
    expect(col(t, "subject_id").references?.table).toBe("users");
    expect(col(t, "depot_id").references?.table).toBe("acme_depots");
    expect(col(t, "shop_id").references?.table).toBe("shops");
    expect(col(t, "place_id").references).toBeNull();
    expect(col(t, "tag_id").references).toBeNull();
  });

  it("a bare x_id whose type differs from the key of table xs is no reference", async () => {
    const r = await load(`# S\n\n## shops\n\n| Column | Type | Notes |\n|---|---|---|\n| id | uuid | primary key |\n\n## visits\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| shop_id | int | legacy number |\n`);
    expect(col(table(r.ir, "visits"), "shop_id").references).toBeNull();
  });

  it("takes enum values declared away from the column, by name or by a name in another number", async () => {
    const r = await load(
      `# S\n\n## gates\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| state | varchar(20) | see GateState |\n| side | text | one of HingeSide |\n| tint | Tint | |\n| memo | text | see the manual |\n\n## Enums\n\nGateState: Open, Shut, Jammed\n\n- Tints: red | amber\n\n### HingeSide\n\n- left\n- right: seen from outside\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "gates");
    expect(col(t, "state").type).toMatchObject({ kind: "enum", values: ["Open", "Shut", "Jammed"] });
    expect(col(t, "side").type).toMatchObject({ kind: "enum", values: ["left", "right"] });
    expect(col(t, "tint").type).toMatchObject({ kind: "enum", values: ["red", "amber"] });
    expect(col(t, "memo").type.kind).toBe("text");
    expect(r.ir!.tables.map((x) => x.name)).toEqual(["gates"]);
  });

  it.each([
    ["> 0", { exclusiveMinimum: 0 }],
    ["must be >= 1", { minimum: 1 }],
    ["Non-negative.", { minimum: 0 }],
    ["positive", { exclusiveMinimum: 0 }],
    ["at least 1", { minimum: 1 }],
    ["Seats (at least 2)", { minimum: 2 }],
    ["no more than 9", { maximum: 9 }],
    ["0 = Sunday, 1 = Monday ... 6 = Saturday", { minimum: 0, maximum: 6 }],
    ["1 = low, 2 = mid, 3 = high", { minimum: 1, maximum: 3 }],
  ])("reads the bound in %j", async (note, want) => {
    const r = await load(`# S\n\n## slots\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| seats | int | ${note} |\n`);
    expect(col(table(r.ir, "slots"), "seats")).toMatchObject(want);
  });

  it.each(["e.g. > 5", "discount if total > 100", "0 = none", "Top 10 items", "version 2.0"])("reads no bound in %j", async (note) => {
    const r = await load(`# S\n\n## slots\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| seats | int | ${note} |\n`);
    const c = col(table(r.ir, "slots"), "seats");
    expect([c.minimum, c.maximum, c.exclusiveMinimum, c.exclusiveMaximum]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("a not-null column with on delete set null keeps not null, is read as restrict, with SF129", async () => {
    const r = await load(`# S\n\n## decks\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n\n## cards\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| deck_id | int | NOT NULL, FK → decks(id) ON DELETE SET NULL |\n| spare_id | int | FK → decks(id) ON DELETE SET NULL |\n`);
    const t = table(r.ir, "cards");
    expect(col(t, "deck_id")).toMatchObject({ nullable: false, references: { table: "decks", onDelete: "restrict" } });
    expect(col(t, "spare_id").references?.onDelete).toBe("set null");
    expect(codes(r).filter((c) => c === "SF129")).toHaveLength(1);
  });

  it("never emits a foreign key to a column that is neither key nor unique (SF128)", async () => {
    const r = await load(`# S\n\n## decks\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| code | text | |\n| slug | text | unique |\n\n## cards\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| deck_code | text | references decks(code) |\n| deck_slug | text | references decks(slug) |\n`);
    const t = table(r.ir, "cards");
    expect(col(t, "deck_code").references).toBeNull();
    expect(col(t, "deck_slug").references?.column).toBe("slug");
    expect(codes(r)).toContain("SF128");
  });

  it("reads a cell listing two methods as one endpoint per method", async () => {
    const r = await load(`# S\n\n${USERS}\n## notes\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | FK -> users.id |\n| body | text | |\n`,
      `# API\n\n| Method | Path | Notes |\n|---|---|---|\n| GET, POST | /api/notes | list or add |\n| PATCH/DELETE | /api/notes/{id} | change |\n\n| Endpoint | Notes |\n|---|---|\n| GET, POST /api/notes/{id}/pins | pins |\n`);
    expect(errorsOf(r)).toEqual([]);
    const eps = r.ir!.endpoints.map((e) => `${e.method} ${e.path}`);
    for (const e of ["get /api/notes", "post /api/notes", "patch /api/notes/{id}", "delete /api/notes/{id}"]) expect(eps).toContain(e);
    expect(codes(r)).not.toContain("SF208");
  });

  it("says which sign-in routes are skipped when the spec names no auth service (SF219), and not when it does", async () => {
    const schema = `# S\n\n${USERS}\n## notes\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | FK -> users.id |\n`;
    const bare = await load(schema, `# API\n\n| Method | Path |\n|---|---|\n| POST | /signup |\n| POST | /login |\n| GET | /api/notes |\n`);
    const sf219 = bare.diagnostics.filter((d) => d.code === "SF219");
    expect(sf219).toHaveLength(1);
    expect(sf219[0]!.message).toMatch(/POST \/signup, POST \/login/);
    const named = await load(schema, `# API\n\nAuthentication: external (Auth0)\n\n| Method | Path |\n|---|---|\n| POST | /signup |\n| GET | /api/notes |\n`);
    expect(codes(named)).not.toContain("SF219");
  });

  it("takes a column's values from a quoted line after its table, and not for a column it lacks", async () => {
    const r = await load(`# S\n\n## lamps\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| MODE | varchar(10) | how it shines |\n| glow | text | |\n\n> MODE values: \`dim\` / \`bright\` / \`off\` (default)\n> SHADE values: a / b\n`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "lamps");
    expect(col(t, "MODE").type).toMatchObject({ kind: "enum", values: ["dim", "bright", "off"] });
    expect(col(t, "glow").type.kind).toBe("text");
  });

  it("reads a plain block of table rules under the columns, and leaves a block with other lines alone", async () => {
    const spec = (block: string) => `# S\n\n## benches\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| park_id | int | |\n| seat_no | int | |\n| width | int | |\n\nRules:\n\n\`\`\`text\n${block}\n\`\`\`\n`;
    const r = await load(spec("unique(park_id, seat_no)\ncheck(width > 0)\nindex(park_id)"));
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "benches");
    expect(uniques(t)).toEqual(["park_id,seat_no"]);
    expect(col(t, "width").exclusiveMinimum).toBe(0);
    expect(t.indexes.some((i) => !i.unique && i.columns.join() === "park_id")).toBe(true);
    const prose = await load(spec("unique(park_id, seat_no)\nbenches are painted yearly"));
    expect(uniques(table(prose.ir, "benches"))).toEqual([]);
  });
});

describe("tables and columns written without headings, colons or type slots", () => {
  const names = (r: Awaited<ReturnType<typeof load>>) => (r.ir?.tables ?? []).map((t) => t.name).sort();
  const col = (t: Table, name: string) => {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Error(`no column ${name} in ${t.name}: ${t.columns.map((x) => x.name).join(", ")}`);
    return c;
  };

  it("reads `name (Type, flags)` bullets under a bare table-name line, bare names among them", async () => {
    const r = await load(
      "Engine: SQL Server\n\nTables:\n\nkennels\n- id (uniqueidentifier, PK)\n- label (nvarchar, unique)\n- capacity (int, default 0)\n- note (nvarchar, null)\n- opened_at\n\n" +
        "kennel_dogs\n- id (SERIAL PK)\n- kennel_id (FK kennels.id)\n- call_name (VARCHAR 40)\n- mood (nvarchar: calm|loud)\n- weight (decimal, not null)\n- key (PK)\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(names(r)).toEqual(["kennel_dogs", "kennels"]);
    const k = table(r.ir, "kennels");
    expect(col(k, "id")).toMatchObject({ type: { kind: "uuid" }, primaryKey: true });
    expect(col(k, "label").unique).toBe(true);
    expect(col(k, "opened_at").type.kind).toBe("timestamp");
    const d = table(r.ir, "kennel_dogs");
    expect(col(d, "kennel_id").references).toMatchObject({ table: "kennels" });
    expect(col(d, "call_name").type).toMatchObject({ kind: "string", maxLength: 40 });
    expect(col(d, "mood").type).toMatchObject({ kind: "enum", values: ["calm", "loud"] });
    expect(col(d, "weight").nullable).toBe(false);
  });

  it("reads bare `name (TYPE, FLAGS)` lines under a table heading, and with the name as the first line", async () => {
    const r = await load(
      "# Kiosk\n\n## lockers\n\nWhere parcels wait.\n\n### Columns\n\nid (UUID, PK)  \ncode (VARCHAR(12), UNIQUE)  \nfee (DECIMAL, NOT NULL)  \n\n### Notes\n\n- Seeded at startup\n\n" +
        "## Pickups\n\npickups\nid (VARCHAR, PK)\nlocker_id (UUID, FK → lockers.id)\npicked_at (TIMESTAMP, nullable)\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(names(r)).toEqual(["lockers", "pickups"]);
    expect(col(table(r.ir, "lockers"), "fee").nullable).toBe(false);
    expect(col(table(r.ir, "pickups"), "locker_id").references).toMatchObject({ table: "lockers" });
  });

  it("never reads prose lines with parentheses as columns", async () => {
    const r = await load(
      "# Notes\n\nThe kiosk (a small box) opens at nine.\nStaff (two people) close it.\n\n## lockers\n\n- id: uuid (primary key)\n- code: varchar(12)\n",
    );
    expect(names(r)).toEqual(["lockers"]);
    expect(table(r.ir, "lockers").columns.map((c) => c.name)).toEqual(["id", "code"]);
  });

  it("reads models as nested bullets, with or without a Fields label, and leaves relation lists alone", async () => {
    const r = await load(
      "## Основные сущности\n\n- **Courier**\n  - Доставщик.\n  - Поля:\n    - `id` (String, cuid, PK)\n    - `phone` (String, unique)\n    - `level` (`JUNIOR` | `SENIOR`)\n  - Связи:\n    - `parcels` — `Parcel[]`\n\n" +
        "- **Parcel**\n  - Поля:\n    - `id`\n    - `courierId` (FK → `Courier.id`)\n    - `note` (optional)\n\n- Depot\n  - name: String\n  - city: String\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(names(r)).toEqual(["couriers", "depots", "parcels"]);
    expect(table(r.ir, "couriers").columns.map((c) => c.name)).toEqual(["id", "phone", "level"]);
    expect(col(table(r.ir, "parcels"), "courierId").references).toMatchObject({ table: "couriers" });
  });

  it("does not make tables of nested bullets that hold no typed column", async () => {
    const r = await load("# Plan\n\n- **Phase one**\n  - Build the kiosk\n  - Hire staff\n\n## lockers\n\n- id: uuid (primary key)\n");
    expect(names(r)).toEqual(["lockers"]);
  });

  it("reads a table and its columns inline: **name** — `col` TYPE, `col` TYPE", async () => {
    const r = await load(
      "# Schema\n\n## Tables\n\n**halls** — `id` PK, `title` TEXT NOT NULL, `seats` INTEGER NOT NULL DEFAULT 0,\n`opened_on` DATE.\n\n" +
        "**bookings** — `id` PK, `hall_id` INTEGER NOT NULL FK → halls(id) ON DELETE CASCADE, `guest` TEXT NOT NULL.\nAppend-only: nothing updates a booking.\n\n" +
        "**Note** — the `id` columns are all integers.\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(names(r)).toEqual(["bookings", "halls"]);
    expect(col(table(r.ir, "halls"), "seats")).toMatchObject({ nullable: false, default: { kind: "literal" } });
    expect(col(table(r.ir, "bookings"), "hall_id").references).toMatchObject({ table: "halls", onDelete: "cascade" });
  });

  it("reads the word for Table before a name in other languages, even a name that is a section word", async () => {
    const cols = "\n| Cột | Kiểu | Ghi chú |\n|---|---|---|\n| id | uuid | Primary key |\n| label | varchar(50) | |\n";
    const r = await load(`# Schema\n\n## 1. Mục đích\n\nText.\n\n## 2. Bảng halls\n${cols}\n## 3. Bảng tables\n${cols}\n### Таблица seats\n${cols}`);
    expect(errorsOf(r)).toEqual([]);
    expect(names(r)).toEqual(["halls", "seats", "tables"]);
  });

  it("reads pk/fk written in the type column: the type comes from auto-increment, the name or the target", async () => {
    const head = "|имя поля | тип | ограничения | описание |\n|:---:|:---:|:---:|:---:|\n";
    const r = await load(
      `# Сущности\n## owners (Владельцы)\n${head}| id | pk | auto increment; not null; unique | ключ |\n| label | VARCHAR(100) | not null | имя |\n\n` +
        `## gizmos (Штуки)\n${head}| id | pk | auto increment; not null; unique | ключ |\n| owner_id | fk | not null | владелец |\n| title | VARCHAR(150) | not null | имя |\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    expect(names(r)).toEqual(["gizmos", "owners"]);
    expect(col(table(r.ir, "owners"), "id")).toMatchObject({ type: { kind: "integer" }, primaryKey: true, default: { kind: "increment" } });
    expect(col(table(r.ir, "gizmos"), "owner_id")).toMatchObject({ type: { kind: "integer" }, references: { table: "owners" } });
  });

  it("reads keys marked in notes: (PK) on two columns, 主键, 主キー, and a <TABLE>_ID column when nothing is marked", async () => {
    const r = await load(
      "## PARCELS\n| Column | Type | Notes |\n|---|---|---|\n| PARCEL_ID | NUMBER(10) | identifier |\n| LABEL | VARCHAR2(50) | not null |\n\n" +
        "## parcel_tags\n| Column | Type | Notes |\n|---|---|---|\n| parcel_id | integer | (PK) FK -> parcels.PARCEL_ID |\n| tag | varchar(20) | (PK) |\n\n" +
        "## depots (仓库)\n| 字段 | 类型 | 说明 |\n|---|---|---|\n| depot_code | varchar(10) | 主键，仓库编号 |\n| city | varchar(50) | 所在城市 |\n\n" +
        "## yards (ヤード)\n| 項目 | 型 | 備考 |\n|---|---|---|\n| yard_no | int | 主キー |\n| area | int | 面積 |\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, "parcels").primaryKey).toBe("PARCEL_ID");
    expect(table(r.ir, "parcels").columns.some((c) => c.name === "id")).toBe(false);
    expect(table(r.ir, "parcel_tags").keyColumns).toEqual(["parcel_id", "tag"]);
    expect(table(r.ir, "depots").primaryKey).toBe("depot_code");
    expect(table(r.ir, "yards").primaryKey).toBe("yard_no");
  });

  it("does not take a key from a notes cell that only mentions another table's key", async () => {
    const r = await load("## halls\n| Column | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| title | text | shown on the PKG label |\n");
    expect(table(r.ir, "halls").primaryKey).toBe("id");
    expect(col(table(r.ir, "halls"), "title").primaryKey).toBe(false);
  });

  it("reads YAML columns given as mappings, and primary_key beside them", async () => {
    const yaml =
      "tables:\n  Kennels:\n    primary_key: Code\n    columns:\n      Code: { type: varchar(8), nullable: false }\n      Title: { type: varchar(100), required: true }\n" +
      "      Email: { type: varchar(320), nullable: no, unique: true }\n      Size: { type: varchar(10), enum: [small, large], default: small }\n      Note: { type: text, nullable: true }\n";
    const r = await load(yaml, undefined, "yaml");
    expect(errorsOf(r)).toEqual([]);
    const k = table(r.ir, "kennels");
    expect(k.primaryKey).toBe("Code");
    expect(k.columns.map((c) => c.name)).toEqual(["Code", "Title", "Email", "Size", "Note"]);
    expect(col(k, "Title").nullable).toBe(false);
    expect(col(k, "Email")).toMatchObject({ nullable: false, unique: true });
    expect(col(k, "Size").type).toMatchObject({ kind: "enum", values: ["small", "large"] });
    expect(col(k, "Note").nullable).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "SF303")).toEqual([]);
  });

  it("never makes tables or columns of endpoint bullets, or of a Relations row", async () => {
    const r = await load(
      "# App\n\n## lockers\n\n| Column | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| code | text | |\n| Relations | has many pickups; belongs to sites | |\n\n" +
        "### Authentication\n\n- `POST /api/auth/login` - sign in\n- `GET /api/auth/me` - who am I\n\n### Lockers API\n\n- `GET /api/lockers` - list\n- `GET /api/lockers/:id` - one\n- `DELETE /api/lockers/:id` - remove\n",
    );
    expect(errorsOf(r)).toEqual([]);
    expect(names(r)).toEqual(["lockers"]);
    expect(table(r.ir, "lockers").columns.map((c) => c.name)).toEqual(["id", "code"]);
  });
});

describe("reference targets written with accents", () => {
  it("reads 'FK → depósito' whole and finds the table accents aside; plain ASCII names read as before", async () => {
    const r = await load(
      `# S\n\n${USERS}\n## acme_deposito\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | PK |\n| user_id | text | FK → users.id |\n\n## acme_caixa\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | PK |\n| user_id | text | FK → users.id |\n| deposito_id | integer | FK → depósito |\n| extra_id | integer | FK → acme_deposito.id |\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "acme_caixa");
    expect(t.columns.find((c) => c.name === "deposito_id")!.references).toMatchObject({ table: "acme_deposito", column: "id" });
    expect(t.columns.find((c) => c.name === "extra_id")!.references).toMatchObject({ table: "acme_deposito", column: "id" });
    expect(r.diagnostics.filter((d) => d.code === "SF108" || d.code === "SF104")).toEqual([]);
  });
});

describe("fields drawn as trees, listed by name alone, or catalogued one table a row", () => {
  const col = (t: Table, name: string) => {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Error(`no column ${name} in ${t.name}: ${t.columns.map((x) => x.name).join(", ")}`);
    return c;
  };

  it("reads a box-drawing tree in a fence: the root line names the table, each branch a column", async () => {
    const src = "# Storage\n\n```\nshelves\n├── id: uuid pk\n├── label: varchar(40) not null\n└── opened_at: timestamptz\n\nbins\n├── id: uuid pk\n├── shelf_id: uuid fk -> shelves.id\n│   \n└── colour: enum(red, blue)\n```\n";
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    expect(col(table(r.ir, "shelves"), "label")).toMatchObject({ nullable: false, type: { kind: "string", maxLength: 40 } });
    expect(col(table(r.ir, "bins"), "shelf_id").references).toMatchObject({ table: "shelves", column: "id" });
    expect(col(table(r.ir, "bins"), "colour").type).toMatchObject({ kind: "enum", values: ["red", "blue"] });
    // Positions are the file's: the drawing was replaced by spaces of the same length.
    expect(col(table(r.ir, "shelves"), "label").span).toMatchObject({ line: 6, column: 5 });
  });

  it("reads a tree drawn under bullets with bare names; an enums section of nested values gives the untyped columns their enum", async () => {
    const src = "# Entities\n- Member\n\t├── id\n\t├── nickname\n\t└── joinedAt\n\n- Ticket\n\t├── id\n\t├── memberId\n\t├── state\n\t└── openedAt\n\n# Enums\n- State\n\t- OPEN\n\t- CLOSED\n";
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["members", "tickets"]);
    const t = table(r.ir, "tickets");
    expect(col(t, "state").type).toMatchObject({ kind: "enum", values: ["OPEN", "CLOSED"] });
    expect(col(t, "openedAt").type.kind).toBe("timestamp");
    expect(col(t, "memberId").references).toMatchObject({ table: "members" });
  });

  it("reads a plain name over a tree of bare names outside a fence", async () => {
    const r = await load("# Data\n\nlamps\n├── id\n├── room_id\n└── switched_at\n\nrooms\n├── id\n└── created_at\n");
    expect(errorsOf(r)).toEqual([]);
    expect(col(table(r.ir, "lamps"), "room_id").references).toMatchObject({ table: "rooms" });
  });

  it("reads a Column | Notes table with no types: names, several names a row, rules in the notes, (a, b) UNIQUE", async () => {
    const src = "# Model\n\n### `kennel`\n\n| Column | Notes |\n|---|---|\n| `id` | Generated. |\n| `title` | Free text, 2–60 chars. |\n| `grade` | One of `gold`, `silver`, `bronze`. Checked on write. |\n| `stars` | (1-5) |\n| `created_at`, `updated_at` | UTC. |\n| `(title, grade)` | UNIQUE. |\n";
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "kennel");
    expect(t.columns.map((c) => c.name)).toEqual(["id", "title", "grade", "stars", "created_at", "updated_at"]);
    expect(col(t, "title")).toMatchObject({ minLength: 2, maxLength: 60 });
    expect(col(t, "grade").type).toMatchObject({ kind: "enum", values: ["gold", "silver", "bronze"] });
    expect(col(t, "stars")).toMatchObject({ type: { kind: "integer" }, minimum: 1, maximum: 5 });
    expect(t.indexes.some((i) => i.unique && i.columns.join(",") === "title,grade")).toBe(true);
  });

  it("reads a catalog of tables, one a row with its fields named; a table written out elsewhere wins", async () => {
    const src = "# 数据\n\n| 实体 | 关键字段 | 用途 |\n|---|---|---|\n| `racks` | `id`, `site_id`, `label` | 机架 |\n| `sites` | `id`, `name`, `created_at` | 站点 |\n\n## sites\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | PK |\n| name | varchar(30) | NOT NULL |\n";
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["racks", "sites"]);
    expect(table(r.ir, "sites").columns.map((c) => c.name)).toEqual(["id", "name"]);
    expect(col(table(r.ir, "racks"), "site_id").references).toMatchObject({ table: "sites", column: "id" });
    expect(col(table(r.ir, "racks"), "site_id").type.kind).toBe("integer");
  });

  it("keeps an enum's values a list of constants, not a table of columns", async () => {
    const r = await load("# S\n\n## lamps\n\n| Column | Type |\n|---|---|\n| id | uuid |\n| mode | Mode |\n\n## Enums\n\n- Mode\n  - ON_AT\n  - OFF_AT\n");
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["lamps"]);
    expect(col(table(r.ir, "lamps"), "mode").type).toMatchObject({ kind: "enum", values: ["ON_AT", "OFF_AT"] });
  });
});

describe("required and unique said in the words of other languages", () => {
  it("reads Sim/Não, Да/Нет and 예/아니오 in a Required column, Conditional as not required, and 'must be unique' clauses", async () => {
    const src = "# Modelo\n\n## Lojas\n\n| Campo | Tipo | Obrigatório | Validação |\n|---|---|---|---|\n| `id` | uuid | Sim | |\n| `nome` | string | Sim | Mínimo 3 caracteres |\n| `codigo` | string | Não | Deve ser único no sistema |\n| `nif` | string | Condicional | Obrigatório para empresas |\n\n## sklady\n\n| Поле | Тип | Обязательно |\n|---|---|---|\n| id | uuid | Да |\n| title | text | Да |\n| note | text | Нет |\n";
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    const lojas = r.ir!.tables.find((t) => /loja/.test(t.name))!;
    const c = (t: Table, n: string) => t.columns.find((x) => x.name === n)!;
    expect(c(lojas, "nome")).toMatchObject({ nullable: false, minLength: 3 });
    expect(c(lojas, "codigo")).toMatchObject({ nullable: true, unique: true });
    expect(c(lojas, "nif").nullable).toBe(true);
    const sklady = table(r.ir, "sklady");
    expect(c(sklady, "title").nullable).toBe(false);
    expect(c(sklady, "note").nullable).toBe(true);
  });

  it("reads an entity overview table with an auth yes/no column as no index table", async () => {
    const r = await load("# M\n\n| Entidade | Tabela | Autenticação | Módulo |\n|---|---|---|---|\n| **Loja** | `lojas` | Sim (JWT) | `loja` |\n| **Item** | `itens` | Não | `item` |\n\n## lojas\n\n| Campo | Tipo |\n|---|---|\n| id | uuid |\n| nome | text |\n");
    expect(r.diagnostics.filter((d) => d.code === "SF111" || d.code === "SF112")).toEqual([]);
  });
});

describe("SQL written as a table's outline, without CREATE", () => {
  it("reads 'Name (' ... ')' blocks and 'IX_x ON t (c)' lines as the statements they outline, SQL Server's types and defaults included", async () => {
    const src = "# Schema\n\n### Table: Crates\n```sql\nCrates (\n  Id          UNIQUEIDENTIFIER  NOT NULL DEFAULT NEWSEQUENTIALID(),\n  Label       NVARCHAR(80)      NOT NULL,\n  Notes       NVARCHAR(MAX)     NULL,\n  IsSealed    BIT               NOT NULL DEFAULT 0,\n  Grade       TINYINT           NOT NULL,\n  PackedAt    DATETIMEOFFSET(7) NOT NULL DEFAULT SYSUTCDATETIME(),\n  CONSTRAINT PK_Crates PRIMARY KEY (Id),\n  CONSTRAINT UQ_Crates_Label UNIQUE (Label),\n  CONSTRAINT CHK_Crates_Grade CHECK (Grade IN (1, 2, 3))\n)\n\nIndexes:\n  IX_Crates_Grade     ON Crates (Grade)   -- for the board\n  UX_Crates_PackedAt  ON Crates (PackedAt)\n```\n";
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning").map((d) => d.code)).toEqual(["SF126"]);
    const t = table(r.ir, "crates");
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    expect(c("Id")).toMatchObject({ primaryKey: true, type: { kind: "uuid" } });
    expect(c("Label")).toMatchObject({ unique: true, type: { kind: "string", maxLength: 80 } });
    expect(c("Notes").type.kind).toBe("string");
    expect(c("IsSealed").type.kind).toBe("boolean");
    expect(c("PackedAt").default).toMatchObject({ kind: "now" });
    expect(t.checks?.length).toBe(1);
    expect(t.indexes.map((i) => `${i.name}:${i.unique}`).sort()).toEqual(["IX_Crates_Grade:false", "UX_Crates_PackedAt:true"]);
    // Positions are the file's: the inserted keywords point at the name they precede.
    expect(c("Label").span).toMatchObject({ line: 7, column: 3 });
  });
});

describe("pages about one entity, keys named in a list, Prisma's rules in prose, prefixed users", () => {
  it("reads '## 2. Fields' under a page whose overview names the table, or whose title names the entity", async () => {
    const byRow = await load("# DB Spec: Parcel\n\n## 1. Overview\n\n| Field | Value |\n|---|---|\n| Entity name | Parcel |\n| Table name | `parcels` |\n\n## 2. Fields\n\n| Field | Type | Required | Description |\n|---|---|---|---|\n| id | UUID | Yes | Primary key |\n| weight_g | INTEGER | Yes | grams |\n");
    expect(errorsOf(byRow)).toEqual([]);
    expect(byRow.ir!.tables.map((t) => t.name)).toEqual(["parcels"]);
    const byTitle = await load("# Entity: Courier\n\n## Fields\n\n| Field | Type | Required |\n|---|---|---|\n| id | UUID | Yes |\n| name | TEXT | Yes |\n");
    expect(byTitle.ir!.tables.map((t) => t.name)).toEqual(["couriers"]);
  });

  it("reads '- **主キー**: `id`' with columns nested under it, a column with more nested under it, and `@@unique([...])` in a note", async () => {
    const src = "# メモ\n\n### `Owner` テーブル\n\n- **主キー**: `id`\n  - `createdAt` … 作成日時\n\n### `Folder` テーブル\n\n- **主キー**: `id`\n- **主な列**\n  - `ownerId` … 所有者（`Owner.id`）\n  - `label` … 名前（必須）\n  - `slot` … 並び順\n- **補足**: `@@unique([ownerId, label])` で重複を防ぎます。\n\n### `Crate` テーブル\n\n- `title` … 名前\n  - `rank` … 表示順\n  - `id` … キー\n";
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    const folder = table(r.ir, "folders");
    expect(folder.columns.map((c) => c.name)).toEqual(["id", "ownerId", "label", "slot"]);
    expect(folder.columns.find((c) => c.name === "label")!.nullable).toBe(false);
    expect(folder.indexes.some((i) => i.unique && i.columns.join(",") === "ownerId,label")).toBe(true);
    expect(table(r.ir, "owners").columns.map((c) => c.name)).toEqual(["id", "createdAt"]);
    expect(table(r.ir, "crates").columns.map((c) => c.name)).toEqual(["title", "rank", "id"]);
  });

  it("reads the users table under the prefix every table of the spec carries", async () => {
    const r = await load("# S\n\n## kb_users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | bigint | PK |\n| name | text | NOT NULL |\n\n## kb_cards\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | bigint | PK |\n| owner_id | bigint | FK → kb_users |\n");
    expect(r.ir!.tables.find((t) => t.name === "kb_users")!.identity).toBe(true);
    expect(table(r.ir, "kb_cards").owner).toBe("owner_id");
  });
});

describe("table constraints quoted one a line under a table's heading", () => {
  it("reads FOREIGN KEY and CHECK lines with no commas between them, each under its comment", async () => {
    const src = `# S\n\n${USERS}\n## parcels\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | PK |\n| user_id | text | NOT NULL |\n| label | varchar(80) | NOT NULL |\n| note | text | |\n\n### parcels constraints\n\n\`\`\`sql\n-- the owner\nFOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE\n\n-- a label of 2 to 80 characters\nCHECK (LENGTH(label) >= 2 AND LENGTH(label) <= 80)\n\n-- short notes\nCHECK (LENGTH(note) <= 300)\n\`\`\`\n`;
    const r = await load(src);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const t = table(r.ir, "parcels");
    expect(t.columns.find((c) => c.name === "label")).toMatchObject({ minLength: 2, maxLength: 80 });
    expect(t.columns.find((c) => c.name === "note")).toMatchObject({ maxLength: 300 });
    expect(t.columns.find((c) => c.name === "user_id")!.references).toMatchObject({ table: "users", onDelete: "cascade" });
  });

  it("leaves ALTER TABLE statements whose CHECK starts a line as they are", async () => {
    const src = `# S

## parcels

| Column | Type | Constraints |
|---|---|---|
| id | serial | PK |
| grade | varchar(10) | NOT NULL |
| size | integer | NOT NULL |

\`\`\`sql
ALTER TABLE parcels ADD CONSTRAINT chk_grade
  CHECK (grade IN ('a', 'b'));

ALTER TABLE parcels ADD CONSTRAINT chk_size
  CHECK (size BETWEEN 1 AND 9);
\`\`\`
`;
    const r = await load(src);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    expect(table(r.ir, "parcels").checks?.length).toBe(2);
  });
});

describe("users recorded from their tokens", () => {
  it("guesses no placeholder for a required column a CHECK names or a bound forbids 0: SF124, not a row the database refuses", async () => {
    const r = await load("# S\n\n```sql\nCREATE TABLE users (\n  id TEXT PRIMARY KEY,\n  role SMALLINT NOT NULL CHECK (role IN (1, 2, 3)),\n  level INTEGER NOT NULL CHECK (level >= 1),\n  nickname TEXT NOT NULL\n);\nCREATE TABLE notes (\n  id SERIAL PRIMARY KEY,\n  user_id TEXT NOT NULL REFERENCES users(id)\n);\n```\n");
    const by = (code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => d.message.match(/"users\.(\w+)"/)?.[1]);
    expect(by("SF124").sort()).toEqual(["level", "role"]);
    expect(by("SF123")).toEqual(["nickname"]);
  });
});

describe("foreign keys with their on-delete action written every way", () => {
  const HEAD = `# Spec\n\n${USERS}\n## boards\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n\n`;
  const fk = (r: Awaited<ReturnType<typeof load>>, col: string) => table(r.ir, "cards").columns.find((c) => c.name === col)!.references;
  it.each([
    ["| board_id | integer | FK → boards.id (CASCADE) |", "cascade"],
    ["| board_id | integer | references boards(id) ON DELETE SET NULL |", "set null"],
    ["| board_id | integer | FK to boards.id, cascade on delete |", "cascade"],
    ["| board_id | integer | → boards.id (set null) |", "set null"],
    ["| board_id | integer | FK → boards.id, on delete: restrict |", "restrict"],
    ["| board_id | integer | foreign key boards(id); deletes cascade |", "cascade"],
    ["| board_id | integer (FK boards.id, ON DELETE CASCADE) | |", "cascade"],
    ["| board_id | integer | FK -> boards.id (no action) |", "no action"],
    ["| board_id | integer | FK → boards.id; deleted with its board |", "cascade"],
    ["| board_id | integer | → boards.id, set to null when the board is deleted |", "set null"],
  ])("a notes cell: %s", async (row, action) => {
    const r = await load(`${HEAD}## cards\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n${row}\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
    expect(fk(r, "board_id")).toEqual({ table: "boards", column: "id", onDelete: action });
  });

  it.each([
    ["- board_id: integer, FK → boards.id (CASCADE)", "cascade"],
    ["- board_id (integer, nullable, references boards(id) on delete set null)", "set null"],
    ["- board_id: integer — references boards.id, cascades on delete", "cascade"],
    ["- board_id: integer — the board it sits on; foreign key to boards(id), ON DELETE SET NULL", "set null"],
  ])("a bullet and its description: %s", async (item, action) => {
    const r = await load(`${HEAD}## cards\n\n- id: serial (primary key)\n${item}\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(fk(r, "board_id")).toEqual({ table: "boards", column: "id", onDelete: action });
  });

  it.each([
    ["The board it sits on (FK → boards.id, cascade)", "cascade"],
    ["Its board; references boards.id, set null on delete", "set null"],
    ["Optional. Foreign key to boards(id) with ON DELETE SET NULL", "set null"],
  ])("a Description column: %s", async (text, action) => {
    const r = await load(`${HEAD}## cards\n\n| Field | Type | Required | Description |\n|---|---|---|---|\n| id | serial | yes | primary key |\n| board_id | integer | no | ${text} |\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(fk(r, "board_id")).toEqual({ table: "boards", column: "id", onDelete: action });
  });

  it("takes no reference from a description's example or from a table named without its column", async () => {
    const r = await load(`${HEAD}## cards\n\n- id: serial (primary key)\n- label: text — e.g. references boards.id\n- board_name: text — copied from the board\n`);
    expect(fk(r, "label")).toBeNull();
    expect(fk(r, "board_name")).toBeNull();
  });

  it("carries the action into the migration", async () => {
    const { planMigrations } = await import("../../generator/plan/plan.js");
    const { NO_PREVIOUS } = await import("../../generator/read/read-output.js");
    const r = await load(`${HEAD}## cards\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| board_id | integer | FK → boards.id (CASCADE) |\n`);
    const up = planMigrations(r.ir!, NO_PREVIOUS, {}).plan.migration?.up ?? [];
    expect(JSON.stringify(up)).toContain('"onDelete":"cascade"');
  });
});

describe("table and column names written in another number or case", () => {
  it("resolves Project.id, project(id) and projects.id to the table declared as ## Project", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## Project\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n| owner_id | text | FK → users.id |\n\n### Task\n\n| Column | Type | Notes |\n|---|---|---|\n| id | uuid | primary key |\n| project_id | uuid | FK → Project.id (cascade) |\n| origin_id | uuid | references project(id) |\n| moved_from_id | uuid | FK → projects.id |\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["projects", "tasks", "users"]);
    const refs = table(r.ir, "tasks").columns.filter((c) => c.references).map((c) => `${c.name}->${c.references!.table}`);
    expect(refs).toEqual(["project_id->projects", "origin_id->projects", "moved_from_id->projects"]);
  });

  it("resolves CREATE TABLE project referenced as projects.id", async () => {
    const r = await load(`# Spec\n\n${USERS}\n\`\`\`sql\nCREATE TABLE project (\n  id SERIAL PRIMARY KEY,\n  owner_id TEXT NOT NULL REFERENCES users(id)\n);\n\`\`\`\n\n## task\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| project_id | integer | FK → projects.id (cascade) |\n`);
    expect(errorsOf(r)).toEqual([]);
    const c = r.ir!.tables.flatMap((t) => t.columns.map((x) => ({ t: t.name, x }))).find((p) => p.x.name === "project_id")!;
    expect(c.x.references).toMatchObject({ column: "id", onDelete: "cascade" });
    expect(r.ir!.tables.some((t) => t.name === c.x.references!.table)).toBe(true);
  });

  const TWO = `# Spec\n\n${USERS}\n## Project\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n| owner_id | text | FK → users.id |\n| Title | varchar(100) | not null |\n\n## Task\n\n| Column | Type |\n|---|---|\n| id | uuid |\n| project_id | uuid |\n| title | text |\n`;
  it.each([
    ["- Title must be unique", "projects", "unique", true],
    ["- `Title` must be unique.", "projects", "unique", true],
    ["- Project title must be unique", "projects", "unique", true],
    ["- Task.title is at most 200 characters", "tasks", "maxLength", 200],
    ["- The task title must be at most 200 characters", "tasks", "maxLength", 200],
    ["- A task's title is required", "tasks", "nullable", false],
  ])("a rule sentence whose subject is the column: %s", async (rule, t, key, value) => {
    const r = await load(`${TWO}\n## Business Rules\n\n${rule}\n`);
    expect(errorsOf(r)).toEqual([]);
    const col = table(r.ir, t).columns.find((c) => c.name.toLowerCase() === "title")!;
    expect((col as unknown as Record<string, unknown>)[key]).toBe(value);
  });

  it("leaves a sentence of prose in a rules section alone", async () => {
    const r = await load(`${TWO}\n## Business Rules\n\n- Users can only see their own projects\n- Deleting a project removes its tasks\n`);
    expect(r.diagnostics.filter((d) => d.code === "SF113" || d.code === "SF108")).toEqual([]);
  });

  it("resolves a referenced column written in another case without a warning", async () => {
    const r = await load(`# Spec\n\n## Users\n\n| Column | Type | Constraints |\n|---|---|---|\n| Id | uuid | PK |\n\n## Boards\n\n| Column | Type | Constraints |\n|---|---|---|\n| ID | uuid | PK |\n| OwnerId | uuid | FK → Users.ID |\n`);
    expect(r.diagnostics.filter((d) => d.code === "SF105")).toEqual([]);
    expect(table(r.ir, "boards").columns.find((c) => c.name === "OwnerId")!.references).toMatchObject({ table: "users", column: "Id" });
  });

  it("joins a rules table's row to the section's column written in another case", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## notes\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- Title: text\n\n| Field | Validation Rule |\n|---|---|\n| title | 1-80 characters |\n`);
    const c = table(r.ir, "notes").columns.find((x) => x.name === "Title")!;
    expect([c.minLength, c.maxLength]).toEqual([1, 80]);
  });

  it("reads a rule line under the table's columns whatever the case of the column", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## notes\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- title: text\n\nTitle must be unique.\n`);
    expect(table(r.ir, "notes").columns.find((c) => c.name === "title")!.unique).toBe(true);
  });
});

describe("SQL Server and other dialects' types in Markdown tables and lists", () => {
  it("reads them, their IDENTITY(1,1), N'...' and ((0)) defaults, with no warning", async () => {
    const r = await load(`# Spec\n\n## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | UNIQUEIDENTIFIER | PK, DEFAULT NEWID() |\n\n## invoices\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | INT IDENTITY(1,1) | PRIMARY KEY |\n| user_id | UNIQUEIDENTIFIER | NOT NULL, FK → users.id |\n| issued_at | DATETIMEOFFSET | NOT NULL DEFAULT SYSDATETIMEOFFSET() |\n| label | NVARCHAR(50) | NOT NULL DEFAULT N'draft' |\n| paid | BIT | NOT NULL DEFAULT ((0)) |\n| amount | MONEY | NOT NULL |\n| scan | VARBINARY(MAX) | |\n\n## payments\n\n- id: INT IDENTITY(1,1) PRIMARY KEY\n- invoice_id: INT NOT NULL, FK → invoices.id (CASCADE)\n- paid_at: DATETIME2 NOT NULL\n- tries: TINYINT DEFAULT 0\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    const col = (t: string, c: string) => table(r.ir, t).columns.find((x) => x.name === c)!;
    expect(col("users", "id")).toMatchObject({ type: { kind: "uuid" }, default: { kind: "uuid" } });
    expect(col("invoices", "id")).toMatchObject({ type: { kind: "integer" }, default: { kind: "increment" } });
    expect(col("invoices", "issued_at")).toMatchObject({ type: { kind: "timestamp" }, default: { kind: "now" } });
    expect(col("invoices", "label")).toMatchObject({ type: { kind: "string", maxLength: 50 }, default: { kind: "literal", value: "draft" } });
    expect(col("invoices", "paid")).toMatchObject({ type: { kind: "boolean" }, default: { kind: "literal", value: false } });
    expect(col("invoices", "amount").type).toEqual({ kind: "decimal", precision: 19, scale: 4 });
    expect(col("invoices", "scan").type).toEqual({ kind: "bytes" });
    expect(col("payments", "id").default).toEqual({ kind: "increment" });
    expect(col("payments", "invoice_id").references).toEqual({ table: "invoices", column: "id", onDelete: "cascade" });
    expect(col("payments", "paid_at").type).toEqual({ kind: "timestamp" });
    expect(col("payments", "tries").type).toEqual({ kind: "integer", small: true });
  });
});

describe("SQL Server's own DDL (T-SQL) in a fenced block", () => {
  const TSQL = "```sql\nCREATE TABLE [dbo].[Users](\n\t[Id] [uniqueidentifier] NOT NULL,\n\t[Email] [nvarchar](256) NOT NULL,\n CONSTRAINT [PK_Users] PRIMARY KEY CLUSTERED\n(\n\t[Id] ASC\n)WITH (PAD_INDEX = OFF) ON [PRIMARY]\n) ON [PRIMARY]\nGO\n\nCREATE TABLE [dbo].[Notes](\n\t[Id] [int] IDENTITY(1,1) NOT NULL,\n\t[UserId] [uniqueidentifier] NOT NULL,\n\t[Body] [nvarchar](max) NULL,\n\t[Rating] [tinyint] NOT NULL CONSTRAINT [DF_Notes_Rating] DEFAULT ((0)),\n\t[Title] NVARCHAR(80) NOT NULL DEFAULT N'untitled',\n\t[CreatedAt] [datetime2](7) NOT NULL DEFAULT (sysutcdatetime()),\n CONSTRAINT [PK_Notes] PRIMARY KEY CLUSTERED ([Id] ASC),\n CONSTRAINT [CK_Notes_Rating] CHECK ([Rating] BETWEEN 0 AND 5)\n) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]\nGO\n\nALTER TABLE [dbo].[Notes] WITH CHECK ADD CONSTRAINT [FK_Notes_Users] FOREIGN KEY([UserId])\nREFERENCES [dbo].[Users] ([Id])\nON DELETE CASCADE\nGO\nALTER TABLE [dbo].[Notes] CHECK CONSTRAINT [FK_Notes_Users]\nGO\n```\n";
  it("reads bracketed names and types, IDENTITY(1,1), GO, CLUSTERED keys and N'...' with every position kept", async () => {
    const src = `# Spec\n\n${TSQL}`;
    const r = await load(src);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "SF113" || d.code === "SF103" || d.code === "SF109")).toEqual([]);
    const col = (t: string, c: string) => table(r.ir, t).columns.find((x) => x.name === c)!;
    expect(table(r.ir, "users").primaryKey).toBe("Id");
    expect(col("users", "Id").type).toEqual({ kind: "uuid" });
    expect(col("users", "Email").type).toEqual({ kind: "string", maxLength: 256 });
    expect(col("notes", "Id").default).toEqual({ kind: "increment" });
    expect(col("notes", "UserId").references).toEqual({ table: "users", column: "Id", onDelete: "cascade" });
    expect(col("notes", "Body").type).toEqual({ kind: "string" });
    expect(col("notes", "Rating")).toMatchObject({ type: { kind: "integer", small: true }, default: { kind: "literal", value: 0 }, minimum: 0, maximum: 5 });
    expect(col("notes", "Title").default).toEqual({ kind: "literal", value: "untitled" });
    expect(col("notes", "CreatedAt")).toMatchObject({ type: { kind: "timestamp" }, default: { kind: "now" } });
    // Positions point into the spec as written.
    expect(where(r.diagnostics.find((d) => d.code === "SF123")!)).toBe(pos(src, "Email]"));
  });
});

describe("a profiles table keyed by the auth service's users (Supabase)", () => {
  const identityOf = (r: Awaited<ReturnType<typeof load>>) => r.ir!.tables.find((t) => t.identity)?.name;
  it.each([
    ["a Markdown table", "## profiles\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | PK, references auth.users(id) on delete cascade |\n| bio | text | |\n"],
    ["a bullet list", "## profiles\n\n- id: uuid, PK, FK → auth.users.id (cascade)\n- bio: text\n"],
    ["SQL", "```sql\ncreate table public.profiles (\n  id uuid not null references auth.users on delete cascade,\n  bio text,\n  primary key (id)\n);\n```\n"],
  ])("is the users table when the spec has none: %s", async (_label, profiles) => {
    const r = await load(`# Spec\n\n${profiles}\n## notes\n\n- id: bigserial, PK\n- author_id: uuid, not null, FK → profiles.id\n- body: text\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    expect(identityOf(r)).toBe("profiles");
    expect(table(r.ir, "profiles").columns.find((c) => c.name === "id")!.references).toBeNull();
    expect(table(r.ir, "notes").columns.find((c) => c.name === "author_id")!.references).toMatchObject({ table: "profiles", onDelete: "cascade" });
    expect(table(r.ir, "notes").owner).toBe("author_id");
  });

  it("reads a profiles table with its own key and a user_id to the auth service's users as that user's row, not as the users", async () => {
    const r = await load(`# Spec\n\n## profiles\n\n- id: uuid, PK\n- user_id: uuid, unique, FK → auth.users(id) on delete cascade\n- display_name: text\n\n## posts\n\n- id: uuid, PK\n- profile_id: uuid, FK → profiles.id (cascade)\n- body: text\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(identityOf(r)).toBeUndefined();
    expect(table(r.ir, "profiles").owner).toBe("user_id");
    expect(table(r.ir, "profiles").columns.find((c) => c.name === "user_id")!.references).toBeNull();
    expect(table(r.ir, "posts").columns.find((c) => c.name === "profile_id")!.references).toMatchObject({ table: "profiles", onDelete: "cascade" });
  });

  it("leaves the users table the spec defines as the users table", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## profiles\n\n- id: text, PK, references users(id)\n- bio: text\n`);
    expect(identityOf(r)).toBe("users");
    expect(table(r.ir, "profiles").columns.find((c) => c.name === "id")!.references).toMatchObject({ table: "users" });
  });

  it("reads a schema-qualified reference to a table the spec defines as that table", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## boards\n\n- id: serial, PK\n- user_id: text, FK → public.users.id\n`);
    expect(table(r.ir, "boards").columns.find((c) => c.name === "user_id")!.references).toMatchObject({ table: "users", column: "id" });
  });
});

describe("foreign keys listed in a section of their own", () => {
  it.each(["## Relationships", "## 4. Relationships", "## Foreign Keys"])("%s: table.column → table.column with its action; prose and ER lines stay prose", async (heading) => {
    const r = await load(`# Spec\n\n${USERS}\n## projects\n\n- id: uuid, PK\n- user_id: text\n\n## tasks\n\n- id: uuid, PK\n- project_id: uuid\n- title: text\n\n${heading}\n\n- tasks.project_id → projects.id (ON DELETE CASCADE)\n- projects.user_id references users.id, cascade on delete\n- A user has many projects (1:N)\n- users ||--o{ projects : owns\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    expect(table(r.ir, "tasks").columns.find((c) => c.name === "project_id")!.references).toEqual({ table: "projects", column: "id", onDelete: "cascade" });
    expect(table(r.ir, "projects").columns.find((c) => c.name === "user_id")!.references).toEqual({ table: "users", column: "id", onDelete: "cascade" });
  });
});

describe("rule and relationship lists keep prose as prose", () => {
  it("reads no rule from a bullet whose first word is no column, and warns of none", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## notes\n\n- id: serial, PK\n- user_id: text\n- body: text\n\n## Validation\n\n- Body must be unique\n- Schema checking at the edge\n- Input sanitizing\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    expect(table(r.ir, "notes").columns.find((c) => c.name === "body")!.unique).toBe(true);
  });

  it("keeps a cardinality list in a Relationships section as prose", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## boards\n\n- id: serial, PK\n- user_id: text\n\n## Relationships\n\n- One-to-many:\n  - users have many boards\n- Many-to-one:\n  - a board belongs to one user\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
  });

  it("reads a Foreign Keys line naming no table.column as prose, and a length bound written after the word", async () => {
    const r = await load(`# Spec\n\n## boards\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | not null |\n| name | varchar(80) | not null |\n| summary | text | |\n\n**Foreign Keys**:\n- user_id references the identity provider's accounts (external)\n\n**Constraints**:\n- Summary length: max 300 characters\n- Name length: at least 2 characters\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    const col = (n: string) => table(r.ir, "boards").columns.find((c) => c.name === n)!;
    expect(col("user_id").references).toBeNull();
    expect(col("summary").maxLength).toBe(300);
    expect(col("name").minLength).toBe(2);
  });
});

describe("an enum column's values written beside it or declared elsewhere", () => {
  const codesOf = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.map((d) => d.code);
  const col = (ir: IR | null, t: string, c: string) => table(ir, t).columns.find((x) => x.name === c)!;

  it("reads a sentence of a Rules cell that lists the values of an Enum-typed column", async () => {
    const r = await load(
      `# Model\n\n${USERS}\n## Crate\n\n| Field | Type | Rules |\n|---|---|---|\n| id | UUID | Primary key. |\n| user_id | text | References users.id. |\n| color | Enum | Required. \`RED\`, \`GREEN\`, \`BLUE\`. Picked once. |\n| size | Enum | Optional. One of \`SMALL\`, \`LARGE\`. |\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    expect(col(r.ir, "crates", "color").type).toEqual({ kind: "enum", values: ["RED", "GREEN", "BLUE"] });
    expect(col(r.ir, "crates", "color").nullable).toBe(false);
    expect(col(r.ir, "crates", "size").type).toEqual({ kind: "enum", values: ["SMALL", "LARGE"] });
    expect(codesOf(r)).not.toContain("SF122");
  });

  it("takes the values of an enum declared under an Enumerations heading with the column's own name", async () => {
    const r = await load(
      `# Model\n\n${USERS}\n## Lamp\n\n| Field | Type | Rules |\n|---|---|---|\n| id | UUID | Primary key. |\n| user_id | text | References users.id. |\n| mode | Enum | Required. |\n| tint | Tint | Optional. |\n\n## Enumerations\n\n**Mode:** \`ON\` | \`OFF\` | \`DIM\`\n\n**Tint:** \`WARM\` | \`COLD\`\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    expect(col(r.ir, "lamps", "mode").type).toEqual({ kind: "enum", values: ["ON", "OFF", "DIM"] });
    expect(col(r.ir, "lamps", "tint").type).toMatchObject({ kind: "enum", values: ["WARM", "COLD"] });
    expect(codesOf(r)).not.toContain("SF122");
    expect(codesOf(r)).not.toContain("SF103");
  });

  it("still warns of an enum with no values anywhere, and reads no example list as the values", async () => {
    const r = await load(
      `# Model\n\n${USERS}\n## Lamp\n\n| Field | Type | Rules |\n|---|---|---|\n| id | UUID | Primary key. |\n| user_id | text | References users.id. |\n| mode | Enum | Required. E.g. ON, OFF. |\n`,
    );
    expect(col(r.ir, "lamps", "mode").type.kind).toBe("text");
    expect(codesOf(r)).toContain("SF122");
  });

  it("reads an 'Allowed:' line under a field bullet as the values, keeping the rule written before it", async () => {
    const r = await load(
      `# Model\n\n${USERS}\n## Entity: Lamp\n\n### Fields\n\n- \`id\`: uuid, primary key\n- \`user_id\`: text, references users(id)\n- \`mode\`: enum\n  Allowed: \`on\`, \`off\`, \`dim\`\n- \`tint\`: enum or null\n  Allowed values: warm, cold\n- \`kind\`: enum, required\n  One of: desk, floor\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    expect(col(r.ir, "lamps", "mode").type).toEqual({ kind: "enum", values: ["on", "off", "dim"] });
    expect(col(r.ir, "lamps", "tint").type).toEqual({ kind: "enum", values: ["warm", "cold"] });
    expect(col(r.ir, "lamps", "tint").nullable).toBe(true);
    expect(col(r.ir, "lamps", "kind").type).toEqual({ kind: "enum", values: ["desk", "floor"] });
    expect(col(r.ir, "lamps", "kind").nullable).toBe(false);
    expect(codesOf(r)).not.toContain("SF122");
    expect(codesOf(r)).not.toContain("SF108");
  });

  it("reads a PostgreSQL CREATE TYPE ... AS ENUM in a block of its own, which a table then names", async () => {
    const r = await load(
      `# Schema\n\n\`\`\`sql\nCREATE TYPE lamp_mode AS ENUM ('on', 'off');\n\`\`\`\n\n${USERS}\n## lamps\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | PK |\n| user_id | text | FK → users(id) |\n| mode | lamp_mode | nullable |\n`,
    );
    expect(errorsOf(r)).toEqual([]);
    expect(codesOf(r)).not.toContain("SF113");
    expect(col(r.ir, "lamps", "mode").type).toMatchObject({ kind: "enum", values: ["on", "off"] });
  });
});

describe("length and blank rules written as people write them", () => {
  it("reads 'trimmed length 1–100', 'between 1 and 80 characters' and 'not whitespace-only' into rules the validator enforces", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## notes\n\n| Field | Type | Rules |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | not null, references users(id) |\n| title | text | Required. Trimmed length 1–100. Not whitespace-only. |\n| label | text | between 1 and 80 characters |\n`);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    const col = (n: string) => table(r.ir, "notes").columns.find((c) => c.name === n)!;
    expect(col("title")).toMatchObject({ nullable: false, minLength: 1, maxLength: 100, pattern: "\\S" });
    expect(col("label")).toMatchObject({ minLength: 1, maxLength: 80 });
    const check = compile<unknown>({ type: "object", properties: { title: columnSchema(col("title"), "in") }, additionalProperties: false });
    expect(check({ title: "a b" })).toEqual({ title: "a b" });
    for (const bad of ["   ", "", "\t\n", "x".repeat(101)]) expect(() => check({ title: bad }), JSON.stringify(bad)).toThrow();
  });
});
