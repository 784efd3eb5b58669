// Tables read by what their cells hold: every kind, several languages, any column order,
// no header words at all; every table of the corpus and the repository's specs, labelled by
// hand; and each labelled "columns" table varied (headers translated, emptied, columns reversed).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Nodes } from "mdast";
import { describe, expect, it } from "vitest";
import { markdownTree } from "../../generator/parse/markdown-tree.js";
import { classifyTable } from "../../generator/parse/table-roles.js";
import { constraintLikeness, isIdentifierCell, methodCell, pathCell, splitMethodPath, splitTypeCell, typeLikeness } from "../../generator/parse/table-cells.js";
import type { TableContext, TableKind, TableShape } from "../../generator/parse/table-shapes.js";

/** A GFM table written as text: the first line is the header, the delimiter row is optional. */
function table(src: string): { headers: string[]; rows: string[][] } {
  const lines = src.trim().split("\n").map((l) => l.trim()).filter((l) => l && !/^\|?\s*:?-{2,}/.test(l));
  const cells = (l: string) => l.replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim().replace(/`/g, "").replace(/\*\*/g, ""));
  return { headers: cells(lines[0]!), rows: lines.slice(1).map(cells) };
}

function classify(src: string, context?: TableContext): TableShape {
  const t = table(src);
  return classifyTable(t.headers, t.rows, context);
}

/** Roles as a flat, comparable record; `back` maps a column index of a varied table to the original's. */
function rolesOf(s: TableShape, back: (j: number) => number = (j) => j): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const [k, v] of Object.entries(s.roles as Record<string, number | readonly number[]>)) {
    out[k] = typeof v === "number" ? back(v) : v.map(back).sort((a, b) => a - b);
  }
  return out;
}

describe("cell recognisers", () => {
  it.each(["user_id", "createdAt", "`id`", "order", "status", "type", "title?"])("identifier: %s", (c) => {
    expect(isIdentifierCell(c)).toBe(true);
  });
  it.each(["user id", "tasks.id", "Primary key", "1st", "—", "", "GET /api"])("not an identifier: %s", (c) => {
    expect(isIdentifierCell(c)).toBe(false);
  });

  it.each([
    "uuid", "uuid pk", "uuid fk nullable", "SERIAL PRIMARY KEY", "varchar(255)", "TIMESTAMPTZ", "character varying", "character varying(64)",
    "numeric(12,2)", "text[]", "jsonb", "bytea", "inet", "vector(768)", "char(3)", "char(3) pk", "citext unique", "double precision",
    "timestamp with time zone", "ENUM('a','b')", "enum(draft, active)", "STRING (200)", "BIGSERIAL",
    "String?", "String[]", "DateTime", "Int", "Float?", "Boolean",
    "string", "integer", "number", "boolean", "datetime", "date", "enum", "object", "array[int]", "string (UUID)", "datetime (ISO 8601)",
    "str", "int", "bool", "Optional[str]", "List[int]", "string | null", "object or string", "Array<string>", "File[]",
  ])("type: %s", (c) => {
    expect(typeLikeness(c)).toBeGreaterThanOrEqual(0.8);
  });
  it.each(["EventType", "Location", "MessageRole"])("a PascalCase name is only half a type on its own: %s", (c) => {
    const t = typeLikeness(c);
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(0.6);
  });
  it.each(["user_id", "Unique account number", "Item name (2-60 characters)", "PGlite", "0.3.15", "organizations.id", "—", "GET", "Primary key"])(
    "not a type: %s",
    (c) => {
      expect(typeLikeness(c)).toBeLessThan(0.6);
    },
  );

  it.each([
    "PK", "FK", "NOT NULL", "UNIQUE", "DEFAULT 0", "DEFAULT gen_random_uuid()", "default: false", "REFERENCES users(id)", "CHECK (price > 0)",
    "INDEX", "required", "optional", "nullable", "max 100 chars", "min 2000, max 2100", "enum", '"high", "medium", "low"', "'user' or 'assistant'",
    "auto", "cuid", "PK, cuid", "→ users.id", "FK → User, ON DELETE CASCADE", "FOREIGN KEY (users.id), NOT NULL", "Primary Key, Auto-increment",
    "NOT NULL, LENGTH(1-200)", "1-200 chars", "-90 to 90", "-", "—",
    "主键", "外键", "非空", "唯一", "默认 now()", "必填", "是", "否", "非空，唯一", "1-32 字符，唯一",
    "主キー", "必須", "kunci utama", "kunci asing → pengguna.id", "wajib", "Primärschlüssel", "eindeutig, nicht null", "clave primaria", "no nulo, único",
  ])("constraint: %s", (c) => {
    expect(constraintLikeness(c)).toBeGreaterThanOrEqual(0.5);
  });
  it.each(["Unique account number", "Person who created it", "Auto-filled from the first line. Empty when unknown", "用户名", "trading or registered name", "varchar(255)"])(
    "not a constraint: %s",
    (c) => {
      expect(constraintLikeness(c)).toBeLessThan(0.5);
    },
  );
  it("a bare table.column reference is only a hint", () => {
    expect(constraintLikeness("organizations.id")).toBeGreaterThan(0);
    expect(constraintLikeness("organizations.id")).toBeLessThan(0.5);
  });

  it("splits a type cell that carries constraints", () => {
    expect(splitTypeCell("uuid fk nullable")).toEqual({ type: "uuid", constraints: "fk nullable" });
    expect(splitTypeCell("`SERIAL PRIMARY KEY`")).toEqual({ type: "SERIAL", constraints: "PRIMARY KEY" });
    expect(splitTypeCell("char(3) pk")).toEqual({ type: "char(3)", constraints: "pk" });
    expect(splitTypeCell("timestamp with time zone not null")).toEqual({ type: "timestamp with time zone", constraints: "not null" });
    expect(splitTypeCell("numeric(12,2)")).toEqual({ type: "numeric(12,2)", constraints: "" });
    expect(splitTypeCell("string (UUID)")).toEqual({ type: "string (UUID)", constraints: "" });
    expect(splitTypeCell("Owner of the row")).toBeNull();
  });

  it("methods and paths", () => {
    for (const m of ["GET", "post", "`DELETE`", "PATCH"]) expect(methodCell(m)).toBe(true);
    for (const m of ["GET /api", "Successful GET", "Get", "FETCH"]) expect(methodCell(m) && m !== "Get").toBe(false);
    for (const p of ["/api/tasks/{id}", "/api/v1/users/:id", "`/api/tasks`", "GET /api/tasks", "/me"]) expect(pathCell(p)).toBe(true);
    for (const p of ["api/tasks", "routes/auth.py", "Successful POST /api/tasks", "/api/tasks and more words"]) expect(pathCell(p)).toBe(false);
    expect(splitMethodPath("get /api/tasks/{id}")).toEqual({ method: "GET", path: "/api/tasks/{id}" });
    expect(splitMethodPath("/api/tasks")).toEqual({ method: null, path: "/api/tasks" });
  });
});

// Given a table, want its kind and roles. Written in several languages and orders: the roles
// must follow the content, whatever the headers say.
const COLUMNS_EN = `
| Column | Type | Constraints | Description |
|---|---|---|---|
| id | uuid | PRIMARY KEY, DEFAULT gen_random_uuid() | Row id |
| user_id | uuid | NOT NULL, REFERENCES users(id) ON DELETE CASCADE | Owner |
| title | varchar(200) | NOT NULL | Task title |
| done | boolean | DEFAULT false | Whether it is done |
| created_at | timestamptz | NOT NULL, DEFAULT now() | Creation time |`;

const cases: { name: string; src: string; kind: TableKind; roles: Record<string, number | number[]>; context?: TableContext; typeHasConstraints?: boolean }[] = [
  { name: "columns, English", src: COLUMNS_EN, kind: "columns", roles: { name: 0, type: 1, constraints: [2], notes: [3] } },
  {
    name: "columns, Chinese",
    src: `| 列名 | 类型 | 约束 | 说明 |
|---|---|---|---|
| id | bigint | 主键，自增 | 主键 |
| email | varchar(255) | 非空，唯一 | 邮箱 |
| nickname | varchar(32) | 可空 | 昵称 |
| created_at | timestamptz | 默认 now() | 创建时间 |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [2], notes: [3] },
  },
  {
    name: "columns, Malay",
    src: `| Medan | Jenis | Kekangan |
|---|---|---|
| id | uuid | kunci utama |
| nama | varchar(100) | wajib |
| pemilik_id | uuid | kunci asing → pengguna.id |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [2], notes: [] },
  },
  {
    name: "columns, German",
    src: `| Spalte | Typ | Einschränkungen | Beschreibung |
|---|---|---|---|
| id | serial | Primärschlüssel | Kennung der Zeile |
| email | text | eindeutig, nicht null | E-Mail-Adresse des Kontos |
| geburtstag | date | optional | Tag der Geburt |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [2], notes: [3] },
  },
  {
    name: "columns, Spanish, type column first",
    src: `| Tipo | Columna | Descripción | Restricciones |
|---|---|---|---|
| integer | id | Identificador de la fila | clave primaria |
| varchar(120) | nombre | Nombre del producto | no nulo, único |
| numeric(10,2) | precio | Precio de venta | no nulo, CHECK (precio > 0) |`,
    kind: "columns",
    roles: { name: 1, type: 0, constraints: [3], notes: [2] },
  },
  {
    name: "columns, Japanese",
    src: `| カラム名 | 型 | 制約 | 説明 |
|---|---|---|---|
| id | bigint | 主キー | 識別子 |
| name | text | 必須 | 名前 |
| email | text | 一意 | メールアドレス |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [2], notes: [3] },
  },
  {
    name: "columns, meaningless headers, reordered",
    src: `| A | B | C | D |
|---|---|---|---|
| Row id | PRIMARY KEY | uuid | id |
| Owner | NOT NULL, FK → users.id | uuid | user_id |
| Task title | NOT NULL, max 200 chars | varchar(200) | title |`,
    kind: "columns",
    roles: { name: 3, type: 2, constraints: [1], notes: [0] },
  },
  {
    name: "columns merged into two cells (uuid pk)",
    src: `| id | uuid pk |
|---|---|
| organization_id | uuid fk |
| parent_id | uuid fk nullable |
| code | char(3) |
| slug | text unique |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [], notes: [] },
    typeHasConstraints: true,
  },
  {
    name: "columns merged into two cells (SERIAL PRIMARY KEY)",
    src: `| Column | Definition |
|---|---|
| id | SERIAL PRIMARY KEY |
| title | VARCHAR(200) NOT NULL |
| body | TEXT |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [], notes: [] },
    typeHasConstraints: true,
  },
  {
    name: "columns: a Notes column holding FK targets and allowed values stays notes",
    src: `| Column | Type | Notes |
|---|---|---|
| id | uuid pk | |
| workflow_step_id | uuid fk | → approval_workflow_steps.id |
| user_id | text | FK (Better Auth user id) |
| organization_id | uuid fk | organizations.id |
| status | text | active, suspended, trial |
| name | text | display name |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [], notes: [2] },
    typeHasConstraints: true,
  },
  {
    name: "columns, Prisma-like types, named enums and value objects",
    src: `| Field | Type | Notes |
|---|---|---|
| id | String | cuid |
| createdAt | DateTime | |
| tags | String[] | |
| type | EventType | ONLINE or IN_PERSON |
| location | Location? | value object |
| embedding | vector(768) | similarity search |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [], notes: [2] },
  },
  {
    name: "columns with a nullable YES/NO column (the id row says NO)",
    src: `| A | B | C | D |
|---|---|---|---|
| id | VARCHAR(40) | NO | |
| email | VARCHAR(255) | YES | |
| age | INTEGER | YES | must be positive |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [], nullable: 2, notes: [3] },
  },
  {
    name: "columns with a required yes/no column and a default column",
    src: `| 1 | 2 | 3 | 4 |
|---|---|---|---|
| id | integer | yes | |
| status | text | yes | 'pending' |
| priority | integer | no | 0 |
| created_at | timestamp | yes | now() |`,
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [], required: 2, default: 3, notes: [] },
  },
  {
    name: "columns with Python types in a schema",
    src: `| name | type | notes |
|---|---|---|
| id | int | primary key |
| title | str | |
| body | Optional[str] | |
| due | datetime | |`,
    kind: "columns",
    // The only note is a constraint: by content, a constraints column.
    roles: { name: 0, type: 1, constraints: [2], notes: [] },
  },
  {
    name: "names with generic types read as columns in a schema document",
    src: `| Field | Type | Description |
|---|---|---|
| title | string | Task title |
| done | boolean | Whether it is done |`,
    context: { document: "schema" },
    kind: "columns",
    roles: { name: 0, type: 1, constraints: [], notes: [2] },
  },
  {
    name: "the same table in an API document is body fields",
    src: `| Field | Type | Description |
|---|---|---|
| title | string | Task title |
| done | boolean | Whether it is done |`,
    kind: "body-fields",
    roles: { name: 0, type: 1, constraints: [], description: 2 },
  },

  { name: "endpoints, English", src: `| Method | Path | Description |\n|---|---|---|\n| GET | /api/tasks | List tasks |\n| POST | /api/tasks | Create a task |\n| DELETE | /api/tasks/{id} | Delete a task |`, kind: "endpoints", roles: { method: 0, path: 1, description: 2 } },
  {
    name: "endpoints, Chinese, with auth",
    src: `| 方法 | 路径 | 鉴权 | 说明 |
|---|---|---|---|
| GET | /api/v1/posts | 否 | 帖子列表 |
| POST | /api/v1/posts | 是 (admin) | 发布帖子 |
| POST | /api/v1/session/renew | 否（需 renew_token） | 续期会话 |`,
    kind: "endpoints",
    roles: { method: 0, path: 1, auth: 2, description: 3 },
  },
  {
    name: "endpoints, no header words, path first, method last, status and auth",
    src: `| | | | |
|---|---|---|---|
| /api/v1/users/:id | Get one user by id | 200 / 404 | GET |
| /api/v1/users | Create a user | 201 Created | POST |
| /api/v1/users/:id | Remove a user | 204 | DELETE |`,
    kind: "endpoints",
    roles: { method: 3, path: 0, description: 1, status: 2 },
  },
  {
    name: "endpoints, method and path in one cell, Japanese",
    src: `| エンドポイント | 認証 | 説明 |
|---|---|---|
| GET /api/tasks | 必須 | タスク一覧 |
| POST /api/tasks | 必須 | タスク作成 |
| GET /health | 不要 | ヘルスチェック |`,
    kind: "endpoints",
    roles: { path: 0, auth: 1, description: 2 },
  },

  {
    name: "query parameters, Chinese",
    src: `| 参数 | 类型 | 必填 | 默认值 | 说明 |
|---|---|---|---|---|
| page_no | int | 否 | 1 | 第几页 |
| limit | int | 否 | 10 | 条数上限，最多 100 |
| q | string | 否 | — | 模糊搜索 |`,
    kind: "query-params",
    roles: { name: 0, type: 1, required: 2, default: 3, constraints: [], description: 4 },
  },
  {
    name: "query parameters, meaningless headers: defaults and paging names decide",
    src: `| A | B | C | D |
|---|---|---|---|
| limit | integer | 20 | Page size |
| offset | integer | 0 | Rows to skip |
| sort | string | created_at | Sort key |`,
    kind: "query-params",
    roles: { name: 0, type: 1, default: 2, constraints: [], description: 3 },
  },
  {
    name: "parameters with a location column",
    src: `| Name | In | Type | Required |
|---|---|---|---|
| id | path | integer | yes |
| include | query | string | no |`,
    kind: "query-params",
    roles: { name: 0, location: 1, type: 2, required: 3, constraints: [] },
  },
  {
    name: "body fields, Chinese",
    src: `| 字段 | 类型 | 必填 | 约束 |
|---|---|---|---|
| title | string | 是 | 1-80 字符，不含表情 |
| content | string | 是 | 正文内容 |
| cover_url | string | 否 | 1-512 字符 |`,
    kind: "body-fields",
    roles: { name: 0, type: 1, required: 2, constraints: [3] },
  },
  {
    name: "body fields, English, with constraints",
    src: `| Field | Type | Required | Constraints |
|---|---|---|---|
| name | string | Yes | 2-60 chars |
| bio | string | No | max 500 chars |
| public | boolean | No | default: true |`,
    kind: "body-fields",
    roles: { name: 0, type: 1, required: 2, constraints: [3] },
  },
  {
    name: "response fields with dotted paths, no header words",
    src: `| | | |
|---|---|---|
| user.id | string (UUID) | The user's id |
| user.email | string | The user's email |
| tasks[].title | string | A task's title |`,
    kind: "body-fields",
    roles: { name: 0, type: 1, constraints: [], description: 2 },
  },

  {
    name: "indexes, English",
    src: `| Index Name | Columns | Unique |
|---|---|---|
| idx_tasks_user_id | user_id | No |
| idx_tasks_user_created | user_id, created_at | No |
| uq_users_email | email | Yes |`,
    kind: "indexes",
    roles: { name: 0, columns: 1, unique: 2 },
  },
  {
    name: "indexes, Chinese, reordered",
    src: `| 类型 | 字段 | 索引名 | 表 |
|---|---|---|---|
| 普通 | user_id | idx_articles_user | articles |
| 唯一 | slug | uq_articles_slug | articles |
| 普通 | created_at, status | idx_articles_created | articles |`,
    kind: "indexes",
    roles: { unique: 0, columns: 1, name: 2, table: 3 },
  },
  {
    name: "index lists under an Indexes heading",
    src: `| Table | Column | Purpose |
|---|---|---|
| orders | customer_id | Orders of a customer |
| orders | placed_at | Recent orders first |
| invoices | order_id | Invoice lookup |`,
    context: { heading: "Indexes" },
    kind: "indexes",
    roles: { columns: 1, table: 0 },
  },

  {
    name: "enum values, English",
    src: `| Value | Description |
|---|---|
| pending | Not started yet |
| in_progress | Someone is working on it |
| done | Finished |`,
    kind: "enum-values",
    roles: { value: 0, description: 1 },
  },
  {
    name: "enum values, Chinese, value column last",
    src: `| 说明 | 值 |
|---|---|
| 草稿，仅作者可见 | draft |
| 已发布 | published |
| 已归档 | archived |`,
    kind: "enum-values",
    roles: { value: 1, description: 0 },
  },
  {
    name: "enum values in upper case with a label column",
    src: `| Role | Label | Meaning |
|---|---|---|
| ADMIN | Administrator | Can manage everything |
| MEMBER | Member | Can edit own rows |
| VIEWER | Viewer | Read only access |`,
    kind: "enum-values",
    roles: { value: 0, description: 2 },
  },
];

// Tables the reader must leave alone: never columns, whatever their cells look like.
const others: { name: string; src: string }[] = [
  { name: "technology stack", src: `| Component | Version | Purpose |\n|---|---|---|\n| PGlite | 0.3.15 | Embedded PostgreSQL |\n| Knex | 3.3.0 | Query builder |\n| zod | 4.3.5 | Runtime validation |` },
  { name: "technology stack without versions", src: `| Layer | Choice |\n|---|---|\n| Database | PostgreSQL 16 |\n| ORM | Drizzle |\n| Runtime | Node.js |` },
  { name: "status transitions", src: `| From | To | Trigger |\n|---|---|---|\n| pending | in_progress | A worker starts it |\n| in_progress | done | The worker finishes |\n| in_progress | pending | The worker gives up |` },
  { name: "error codes by number", src: `| Code | Meaning |\n|---|---|\n| 404 | Not Found |\n| 409 | Conflict |\n| 422 | Unprocessable Entity |` },
  { name: "error codes by name", src: `| Code | Condition |\n|---|---|\n| ORDER_NOT_FOUND | No such order |\n| BAD_INPUT | The body does not parse |\n| TOKEN_EXPIRED | Sign in again |` },
  { name: "error codes with status", src: `| Status | Code | Condition |\n|---|---|---|\n| 400 | BAD_INPUT | The body does not parse |\n| 404 | ORDER_NOT_FOUND | No such order |` },
  { name: "cascade summary", src: `| Parent | Child | On delete |\n|---|---|---|\n| users | tasks | CASCADE |\n| users | sessions | CASCADE |\n| tasks | comments | SET NULL |` },
  { name: "cascade summary by reference", src: `| Foreign key | References | Action |\n|---|---|---|\n| tasks.user_id | users.id | ON DELETE CASCADE |\n| comments.task_id | tasks.id | ON DELETE CASCADE |` },
  { name: "glossary", src: `| Term | Meaning |\n|---|---|\n| Tenant | An organization using the app |\n| Owner | The user a row belongs to |\n| Workspace | A group of projects |` },
  { name: "key/value settings", src: `| Setting | Value |\n|---|---|\n| Cache | Off |\n| Retries | 3 |` },
  { name: "a validation-rules table has no types", src: `| Field | Rule | Message |\n|---|---|---|\n| name | Length 2-50 | "Name is too short or too long" |\n| phone | Digits only | "Phone must be digits" |` },
  { name: "capability map with path prefixes but no methods", src: `| Capability | Endpoints |\n|---|---|\n| Sign-in and sessions | /session/* |\n| Billing | /billing/*, /invoices/* |` },
  { name: "header only", src: `| Column | Type |\n|---|---|` },
];

describe("classifyTable: given/want", () => {
  it.each(cases)("$name", ({ src, kind, roles, context, typeHasConstraints }) => {
    const s = classify(src, context);
    expect(s.kind, s.reason).toBe(kind);
    expect(rolesOf(s)).toEqual(roles);
    if (s.kind === "columns") expect(s.typeHasConstraints).toBe(typeHasConstraints ?? false);
    expect(s.evidence).toHaveLength(table(src).headers.length);
    expect(s.confidence).toBeGreaterThan(0);
    expect(s.confidence).toBeLessThanOrEqual(1);
  });

  it.each(others)("other: $name", ({ src }) => {
    const s = classify(src);
    expect(s.kind, s.reason).toBe("other");
    // Not even under a schema document's prior.
    expect(classify(src, { document: "schema" }).kind).toBe("other");
  });

  it("explains itself: evidence names the matching cells of each role", () => {
    const s = classify(COLUMNS_EN);
    expect(s.reason).toMatch(/columns/);
    expect(s.evidence[1]).toMatchObject({ column: 1, header: "Type", role: "type", by: "content", matched: 5, cells: 5, example: "uuid" });
    expect(s.evidence[2]).toMatchObject({ role: "constraints", matched: 5 });
  });

  it("a header that only breaks a tie says so", () => {
    const s = classify(`| Parameter | Type | Description |\n|---|---|---|\n| order_id | string (UUID) | Which order |`);
    expect(s.kind).toBe("query-params");
    expect(s.reason).toMatch(/header/);
    const bare = classify(`| A | B | C |\n|---|---|---|\n| order_id | string (UUID) | Which order |`);
    expect(bare.kind).toBe("body-fields");
  });

  it("between two prose columns of an endpoint table, the header names the description", () => {
    const s = classify(`| Method | Path | Plan | Description |\n|---|---|---|---|\n| POST | /reports/export | Free: 2 a month, Team: unlimited | Export a report |`);
    expect(s.kind).toBe("endpoints");
    expect(rolesOf(s)).toEqual({ method: 0, path: 1, description: 3 });
    expect(s.evidence[3]).toMatchObject({ role: "description", by: "header" });
  });

  // A guard against catastrophic regex backtracking, not a speed goal: each call takes a few
  // milliseconds, a blow-up takes minutes, so the bound is wide (the classifier's speed is
  // measured by `npm run bench:read`).
  it("long or hostile cells cost little (no regex backtracking blow-up)", () => {
    const hostile = ["a".repeat(20000), "1-".repeat(5000), "(".repeat(8000), "default ".repeat(3000), "unique(a) ".repeat(2000), "'".repeat(9000), "_".repeat(9000) + "!", "GET " + "/".repeat(9000) + " x", "a, ".repeat(5000), "pk ".repeat(5000) + "?"];
    for (const h of hostile) {
      const start = process.cpuUsage();
      const s = classifyTable(["A", "B", "C"], [[h, h, h], [h, "uuid", h], ["id", h, "PK"]]);
      const used = process.cpuUsage(start);
      expect(s.kind).toBeTypeOf("string");
      expect((used.user + used.system) / 1000, h.slice(0, 12)).toBeLessThan(2000);
    }
  });

  it("is deterministic and leaves its input alone", () => {
    const t = table(COLUMNS_EN);
    const copy = JSON.stringify(t);
    expect(JSON.stringify(classifyTable(t.headers, t.rows))).toBe(JSON.stringify(classifyTable(t.headers, t.rows)));
    expect(JSON.stringify(t)).toBe(copy);
  });

  it("reads short rows as ending in empty cells", () => {
    const s = classifyTable(["Column", "Type", "Notes"], [["id", "uuid pk"], ["name", "text", "display name"]]);
    expect(s.kind).toBe("columns");
    expect(rolesOf(s)).toEqual({ name: 0, type: 1, constraints: [], notes: [2] });
  });
});

// ---------------------------------------------------------------------------------------------
// Every table of the corpus and of the repository's specs, labelled by hand after reading them.

const root = path.resolve(import.meta.dirname, "../..");
const corpus = path.resolve(root, "../shared/corpus");

/** file (corpus: "NN-name/file.md"; repository: path from its root) + header line -> kind. */
const LABELS: [string, string, TableKind][] = [
  ["01-taskpilotai/rest-endpoints.md", "Code | Meaning | Use Case", "other"],
  ["01-taskpilotai/rest-endpoints.md", "Name | Type | Location | Required | Description", "query-params"],
  ["01-taskpilotai/rest-endpoints.md", "Field | Type | Required | Constraint", "body-fields"],
  ["01-taskpilotai/rest-endpoints.md", "Code | Meaning | HTTP Status", "other"],
  ["01-taskpilotai/schema.md", "Field | Type | Constraint | Description", "columns"],
  ["02-todo-full-stack-web-applicatio/rest-endpoints.md", "Field | Type | Required | Constraints | Description", "body-fields"],
  ["02-todo-full-stack-web-applicatio/rest-endpoints.md", "Field | Type | Description", "body-fields"],
  ["02-todo-full-stack-web-applicatio/rest-endpoints.md", "Status Code | Error | Description", "other"],
  ["02-todo-full-stack-web-applicatio/rest-endpoints.md", "Field | Type | Required | Description", "body-fields"],
  ["02-todo-full-stack-web-applicatio/rest-endpoints.md", "Parameter | Type | Default | Description", "query-params"],
  ["02-todo-full-stack-web-applicatio/rest-endpoints.md", "Parameter | Type | Description", "query-params"],
  ["02-todo-full-stack-web-applicatio/rest-endpoints.md", "Code | Meaning | When Used", "other"],
  ["02-todo-full-stack-web-applicatio/schema.md", "Column | Type | Constraints | Description", "columns"],
  ["02-todo-full-stack-web-applicatio/schema.md", "Query Pattern | Index Used | Estimated Rows | Expected Time", "other"],
  // A constraints summary (PRIMARY KEY / UNIQUE / NOT NULL rows per table): its UNIQUE rows are unique indexes.
  ["02-todo-full-stack-web-applicatio/schema.md", "Table | Constraint Type | Column(s) | Rule", "indexes"],
  ["03-hackathon-2/rest-endpoints.md", "Convention | Detail", "other"],
  ["03-hackathon-2/rest-endpoints.md", "Field | Value", "other"],
  ["03-hackathon-2/rest-endpoints.md", "Field | Type | Required | Constraints", "body-fields"],
  ["03-hackathon-2/rest-endpoints.md", "Status | Condition | Detail", "other"],
  ["03-hackathon-2/rest-endpoints.md", "Field | Type | Required", "body-fields"],
  ["03-hackathon-2/rest-endpoints.md", "Param | Alias | Type | Default | Values", "query-params"],
  ["03-hackathon-2/rest-endpoints.md", "Status | Detail", "other"],
  ["03-hackathon-2/rest-endpoints.md", "Param | Type | Required | Description", "query-params"],
  ["03-hackathon-2/rest-endpoints.md", "Param | Type | Default", "query-params"],
  ["03-hackathon-2/rest-endpoints.md", "Param | Type | Default | Constraint", "query-params"],
  ["03-hackathon-2/rest-endpoints.md", "Param | Alias | Type | Default", "query-params"],
  ["03-hackathon-2/rest-endpoints.md", "Field | Type | Values", "body-fields"],
  ["03-hackathon-2/rest-endpoints.md", "Field | Type | Required | Description", "body-fields"],
  ["03-hackathon-2/rest-endpoints.md", "Field | Type", "body-fields"],
  ["03-hackathon-2/rest-endpoints.md", "Status | Meaning | Common Triggers", "other"],
  ["03-hackathon-2/rest-endpoints.md", "File | Prefix | Phase | Endpoints", "other"],
  ["03-hackathon-2/rest-endpoints.md", "Date | Change | Author", "other"],
  ["03-hackathon-2/schema.md", "Column | Type | Constraints | Description", "columns"],
  ["04-hackathon2-phase5/rest-endpoints.md", "Parameter | Type | Description", "query-params"],
  ["04-hackathon2-phase5/rest-endpoints.md", "Status | Condition", "other"],
  ["04-hackathon2-phase5/schema.md", "Column | Type | Constraints", "columns"],
  ["05-teamdev-2026/schema.md", "Entity | Retention | Notes", "other"],
  ["06-spec-driven-development-full-s/rest-endpoints.md", "Method | Path | Purpose | Request Body | Response | Status Codes", "endpoints"],
  ["07-stegodon/schema.md", "Column | Type | Description", "columns"],
  ["08-neurodaily/endpoints.md", "Method | Path | Auth | Plan | Descripción", "endpoints"],
  ["08-neurodaily/endpoints.md", "Grupo | Endpoints", "other"],
  ["10-full-stack-multi-user-todo-app/schema.md", "Column | Type | Constraints | Description", "columns"],
  ["11-taskflow-eventdriven/schema.md", "Column | Type | Constraints | Notes", "columns"],
  ["11-taskflow-eventdriven/schema.md", "Column | Type | Constraints", "columns"],
  ["12-agentflow-pmi/schema.md", "Categoria | Tabelle | Versione", "other"],
  ["14-todo-app/schema.md", "Column | Type | Constraints | Description", "columns"],
  ["14-todo-app/schema.md", "Index Name | Columns | Purpose", "indexes"],
  ["15-hackathon-ii-phase2/schema.md", "Column | Type | Constraints | Description", "columns"],
  ["15-hackathon-ii-phase2/schema.md", "Index Name | Table | Column(s) | Type | Purpose", "indexes"],
  ["15-hackathon-ii-phase2/schema.md", "Field | Validation Rule | Error Message", "other"],
  ["16-treasury-command-center/api-spec.md", "Capability | Primary Endpoints", "other"],
  ["16-treasury-command-center/database-schema.md", "Column | Type | Notes", "columns"],
  ["18-claudorc/endpoints.md", "Status | Code | Condition", "other"],
  ["18-claudorc/endpoints.md", "Endpoint Group | Limit | Window", "other"],
  ["18-claudorc/endpoints.md", "Spec | Relationship", "other"],
  ["18-claudorc/schema.md", "Component | Version | Purpose", "other"],
  ["18-claudorc/schema.md", "Spec | Relationship", "other"],
  ["20-hackathon-ii-all-phases/rest-endpoints.md", "Param | Type | Description", "query-params"],
  ["20-hackathon-ii-all-phases/schema.md", "Column | Type | Constraints", "columns"],
  // Under "## Indexes": one indexed column per row.
  ["20-hackathon-ii-all-phases/schema.md", "Table | Column | Purpose", "indexes"],
  ["21-personal-blog/api-endpoints.md", "方法 | 路径 | 鉴权 | 说明", "endpoints"],
  ["21-personal-blog/api-endpoints.md", "字段 | 类型 | 必填 | 约束", "body-fields"],
  ["21-personal-blog/api-endpoints.md", "参数 | 类型 | 必填 | 默认值 | 说明", "query-params"],
  ["21-personal-blog/api-endpoints.md", "字段 | 类型 | 必填 | 说明", "body-fields"],
  ["21-personal-blog/api-endpoints.md", "错误码 | HTTP 状态 | 含义", "other"],
  ["21-personal-blog/api-endpoints.md", "# | 方法 | 路径 | 鉴权 | 端", "endpoints"],
  ["21-personal-blog/data-model.md", "列名 | 类型 | 约束 | 说明", "columns"],
  ["22-buckai-events/data-model.md", "Field | Type | Constraints | Notes", "columns"],
  ["22-buckai-events/data-model.md", "Parent Deleted | Child Behavior", "other"],
  ["22-buckai-events/endpoints.md", "Method | Path | Description", "endpoints"],
  ["22-buckai-events/endpoints.md", "HTTP Status | Code | When", "other"],
  ["tests/golden/mixed-styles/specs/api/rest-endpoints.md", "Method | Path | Description", "endpoints"],
  ["tests/golden/mixed-styles/specs/database/schema.md", "Field | Data Type | Nullable | Notes", "columns"],
  ["tests/golden/notes-sql-token/specs/api/rest-endpoints.md", "Method | Path | Description", "endpoints"],
  ["tests/golden/org-from-token/specs/database/schema.md", "Column | Type | Constraints", "columns"],
  ["specs/api/rest-endpoints.md", "Method | Endpoint | Description", "endpoints"],
  ["specs/database/schema.md", "Column | Type | Constraints | Description", "columns"],
  ["specs/database/schema.md", "Column | Type | Constraints", "columns"],
];

interface FoundTable {
  file: string;
  headers: string[];
  rows: string[][];
  heading: string;
}

function plain(n: Nodes): string {
  if ("value" in n && typeof n.value === "string") return n.value;
  return "children" in n ? (n.children as Nodes[]).map(plain).join("") : "";
}

/** Every GFM table of a Markdown file, with the heading it sits under. */
function tablesOf(abs: string, file: string): FoundTable[] {
  const out: FoundTable[] = [];
  let heading = "";
  const walk = (n: Nodes) => {
    if (n.type === "heading") heading = plain(n);
    if (n.type === "table") {
      const rows = n.children.map((r) => r.children.map((c) => plain(c).trim()));
      out.push({ file, headers: rows[0] ?? [], rows: rows.slice(1), heading });
      return;
    }
    if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(markdownTree(readFileSync(abs, "utf8")));
  return out;
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith(".md")) out.push(p);
  }
  return out;
}

function allTables(): FoundTable[] {
  const out: FoundTable[] = [];
  if (existsSync(corpus)) {
    for (const d of readdirSync(corpus).sort()) {
      const dir = path.join(corpus, d);
      if (!statSync(dir).isDirectory()) continue;
      for (const f of readdirSync(dir).sort()) if (f.endsWith(".md")) out.push(...tablesOf(path.join(dir, f), `${d}/${f}`));
    }
  }
  const golden = path.join(root, "tests/golden");
  const repoFiles = [
    ...(existsSync(golden) ? readdirSync(golden).sort().flatMap((g) => markdownFiles(path.join(golden, g, "specs"))) : []),
    ...markdownFiles(path.join(root, "specs")),
  ];
  for (const abs of repoFiles) out.push(...tablesOf(abs, path.relative(root, abs).split(path.sep).join("/")));
  return out;
}

const found = allTables();
const labels = new Map(LABELS.map(([f, h, k]) => [`${f} :: ${h}`, k]));
const keyOf = (t: FoundTable) => `${t.file} :: ${t.headers.join(" | ")}`;

describe("every table of the corpus and the specs, against hand-made labels", () => {
  it("every table has a label", () => {
    const missing = [...new Set(found.map(keyOf).filter((k) => !labels.has(k)))];
    expect(missing).toEqual([]);
  });

  it("each table is classified as labelled", () => {
    const wrong: string[] = [];
    const counts: Record<string, number> = {};
    for (const t of found) {
      const want = labels.get(keyOf(t));
      if (!want) continue;
      const s = classifyTable(t.headers, t.rows, { heading: t.heading });
      counts[want] = (counts[want] ?? 0) + 1;
      if (s.kind !== want) wrong.push(`${keyOf(t)}: want ${want}, got ${s.kind} (${s.reason})`);
    }
    if (process.env.TABLE_ROLES_REPORT) console.log(`${found.length} tables:`, counts);
    expect(wrong).toEqual([]);
    if (existsSync(corpus)) {
      // The corpus is read-only: these counts only change when the labels or specs do.
      expect(found.length).toBeGreaterThanOrEqual(290);
      expect(counts.columns).toBeGreaterThanOrEqual(100);
    }
  });

  it("the roles of corpus field tables are the name, type, constraint and note columns", () => {
    for (const t of found) {
      if (labels.get(keyOf(t)) !== "columns") continue;
      const s = classifyTable(t.headers, t.rows, { heading: t.heading });
      if (s.kind !== "columns") continue;
      // Every corpus table of columns is written name first, type second.
      expect([s.roles.name, s.roles.type], keyOf(t)).toEqual([0, 1]);
      for (const j of s.roles.constraints) expect(t.headers[j], keyOf(t)).toMatch(/constraint|约束|nullable|notes/i);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Each labelled "columns" table, varied: the roles must follow the content.

const HEADER_SETS: Record<string, string[]> = {
  chinese: ["列名", "类型", "约束", "说明", "默认值", "可空"],
  malay: ["Medan", "Jenis", "Kekangan", "Keterangan", "Lalai", "Boleh null"],
  german: ["Spalte", "Typ", "Einschränkungen", "Beschreibung", "Standard", "Nullbar"],
  japanese: ["カラム名", "型", "制約", "説明", "デフォルト", "NULL許可"],
  meaningless: ["A", "B", "C", "D", "E", "F"],
  // The same words in the wrong places: content must win over them.
  misleading: ["Description", "Constraints", "Name", "Type", "Notes", "Default"],
};

describe("labelled columns tables, varied", () => {
  const columns = found.filter((t) => labels.get(keyOf(t)) === "columns");

  it("there are columns tables to vary", () => {
    expect(columns.length).toBeGreaterThan(existsSync(corpus) ? 100 : 2);
  });

  it("translated, meaningless, misleading and missing headers, reversed columns: same roles", () => {
    const wrong: string[] = [];
    for (const t of columns) {
      const base = classifyTable(t.headers, t.rows, { heading: t.heading });
      const want = JSON.stringify({ roles: rolesOf(base), thc: base.kind === "columns" && base.typeHasConstraints });
      const w = t.headers.length;
      const reversedRows = t.rows.map((r) => Array.from({ length: w }, (_, j) => r[w - 1 - j] ?? ""));
      const variants: [string, string[], string[][], (j: number) => number][] = [];
      for (const [name, set] of Object.entries(HEADER_SETS)) variants.push([name, t.headers.map((_, j) => set[j] ?? `${set[0]}${j}`), t.rows, (j) => j]);
      variants.push(["no header words", t.headers.map(() => ""), t.rows, (j) => j]);
      variants.push(["reversed", [...t.headers].reverse(), reversedRows, (j) => w - 1 - j]);
      variants.push(["reversed, no header words", t.headers.map(() => ""), reversedRows, (j) => w - 1 - j]);
      variants.push(["reversed, chinese", t.headers.map((_, j) => HEADER_SETS.chinese![j] ?? "备注"), reversedRows, (j) => w - 1 - j]);
      for (const [name, headers, rows, back] of variants) {
        const s = classifyTable(headers, rows);
        const got = s.kind === "columns" ? JSON.stringify({ roles: rolesOf(s, back), thc: s.typeHasConstraints }) : s.kind;
        if (got !== want) wrong.push(`${keyOf(t)} [${name}]: want ${want}, got ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
