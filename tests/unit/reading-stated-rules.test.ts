// A rule the spec states is read wherever it is written: allowed values with more text after
// them in a cell, values given in a bullet or sentence beside the table or in a diagram's
// comment, value lists in CJK text, SQL comments of other shapes, CHECK expressions on a line of
// their own, and uniqueness scoped to a parent in words. Each is enforced twice: the request
// validator refuses a forbidden value (a 422), and the migration carries the CHECK or index.
import { describe, expect, it } from "vitest";
import type { Column, IR, Table } from "../../generator/ir/types.js";
import { columnSchema } from "../../generator/emit/table-info.js";
import { migrationCode } from "../../generator/emit/migration-code.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { compile } from "../../templates/runtime/validate.js";
import { load } from "./helpers.js";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

const column = (t: Table, name: string): Column => t.columns.find((c) => c.name === name)!;

const valuesOf = (c: Column): readonly string[] | undefined => (c.type.kind === "enum" ? c.type.values : undefined);

/** Whether the request validator refuses `value` for the column (what the app answers with 422). */
function refuses(c: Column, value: unknown): boolean {
  const check = compile<unknown>({ type: "object", properties: { [c.name]: columnSchema(c, "in") } });
  try {
    check({ [c.name]: value });
    return false;
  } catch {
    return true;
  }
}

/** The whole first migration the spec gives, as code. */
function migration(ir: IR): string {
  const r = planMigrations(ir, NO_PREVIOUS, {});
  return migrationCode(r.plan.migration?.up ?? [], false).join("\n");
}

const OWNER = "| user_id | text | references users(id) | |\n";
const USERS = "## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | text | primary key |\n";

describe("allowed values with more written after them in a cell", () => {
  it.each([
    ["a list, then a default after a semicolon", "enum: draft, sent, paid; default draft", ["draft", "sent", "paid"]],
    ["a bar list, then the default in brackets", "'low' | 'medium' | 'high' (default 'medium')", ["low", "medium", "high"]],
    ["a slash list, then another rule after a comma", "one of email/sms/push, indexed", ["email", "sms", "push"]],
    ["a labelled list ending its sentence", "Values: A, B, C. Required.", ["A", "B", "C"]],
    ["a list in words, with a default after it", "must be either open or closed; defaults to open", ["open", "closed"]],
    ["quoted values after \"can be\"", "can be 'open' or 'closed'", ["open", "closed"]],
    ["a list in square brackets", "must be one of ['open', 'closed']", ["open", "closed"]],
    ["valid options", "Valid options: open, held, closed", ["open", "held", "closed"]],
  ])("%s", async (_label, notes, values) => {
    const r = await load(`# Spec\n\n${USERS}\n## items\n\n| Column | Type | Constraints | Notes |\n|---|---|---|---|\n| id | serial | primary key | |\n${OWNER}| kind | varchar(20) | not null | ${notes.replace(/\|/g, "\\|")} |\n`);
    const kind = column(table(r.ir, "items"), "kind");
    expect(valuesOf(kind)).toEqual(values);
    expect(refuses(kind, "other")).toBe(true);
    expect(refuses(kind, values[1])).toBe(false);
    expect(migration(r.ir!)).toMatch(/kind/);
  });

  it("does not take an example list or an open list for the allowed values, and says so when it speaks of values", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## items\n\n| Column | Type | Constraints | Notes |\n|---|---|---|---|\n| id | serial | primary key | |\n${OWNER}| color | text | | usually red, green or blue, but other values may appear |\n| mood | text | | e.g. happy, sad |\n| tag | text | | one of many labels the user picks |\n| size | text | | can be small or large |\n`);
    const t = table(r.ir, "items");
    for (const n of ["color", "mood", "tag", "size"]) expect(column(t, n).type.kind, n).toBe("text");
    const warned = r.diagnostics.filter((d) => d.code === "SF108").map((d) => d.message);
    expect(warned).toEqual([expect.stringContaining('"usually red, green or blue, but other values may appear" in the description of "items.color"')]);
  });
});

describe("allowed values given outside the table", () => {
  it("reads a bullet, a sentence and a labelled line under the table as the column's values", async () => {
    const r = await load(
      `# Spec\n\n${USERS}\n## members\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | references users(id) |\n| role | text | not null |\n| state | varchar(16) | not null |\n| tier | text | |\n\n- \`role\` is either \`admin\` or \`member\`.\n- state: one of pending, approved, rejected\n\nThe \`tier\` column is one of \`free\`, \`pro\` or \`team\`.\n`,
    );
    const t = table(r.ir, "members");
    expect(valuesOf(column(t, "role"))).toEqual(["admin", "member"]);
    expect(valuesOf(column(t, "state"))).toEqual(["pending", "approved", "rejected"]);
    expect(valuesOf(column(t, "tier"))).toEqual(["free", "pro", "team"]);
    expect(refuses(column(t, "state"), "archived")).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });

  it("reads a field-descriptions list after a diagram, and leaves its prose items alone", async () => {
    const r = await load(
      "# Model\n\n```mermaid\nerDiagram\n    BOOKS {\n        int id PK\n        string owner_id FK \"references users.id\"\n        string format\n        string title\n    }\n```\n\n### Field descriptions\n\n- **format**: allowed values are `paperback`, `hardcover` and `ebook`.\n- **title**: the book's title, free text.\n",
    );
    const t = table(r.ir, "books");
    expect(valuesOf(column(t, "format"))).toEqual(["paperback", "hardcover", "ebook"]);
    expect(column(t, "title").type.kind).not.toBe("enum");
    expect(r.diagnostics.filter((d) => d.code === "SF108" || d.code === "SF113")).toEqual([]);
  });

  it("reads a Mermaid comment closing an attribute's line, or a comment line naming the attribute", async () => {
    const r = await load(
      "# Model\n\n```mermaid\nerDiagram\n    USERS ||--o{ TICKETS : opens\n    USERS {\n        uuid id PK\n    }\n    TICKETS {\n        uuid id PK\n        uuid user_id FK\n        string channel %% one of: web, email, phone\n        %% kind: bug | feature | question\n        string kind\n    }\n```\n",
    );
    const t = table(r.ir, "tickets");
    expect(valuesOf(column(t, "channel"))).toEqual(["web", "email", "phone"]);
    expect(valuesOf(column(t, "kind"))).toEqual(["bug", "feature", "question"]);
    expect(refuses(column(t, "kind"), "chore")).toBe(true);
  });
});

describe("value lists and parent-scoped uniqueness in other Latin-script languages", () => {
  it("reads a labelled Spanish list with its default, an English list before a word set aside, and 'único por proyecto'", async () => {
    const r = await load(
      `# Modelo\n\n${USERS}\n## proyectos\n\n| Columna | Tipo | Restricciones | Notas |\n|---|---|---|---|\n| id | serial | PK | |\n| user_id | text | FK users.id, NOT NULL | |\n\n## tareas\n\n| Columna | Tipo | Restricciones | Notas |\n|---|---|---|---|\n| id | serial | PK | |\n| proyecto_id | integer | FK proyectos.id | |\n| titulo | varchar(120) | NOT NULL | único por proyecto |\n| estado | varchar(20) | NOT NULL | Valores: pendiente, hecha; por defecto pendiente |\n| prioridad | varchar(10) | | Allowed: baja, alta; immutable |\n`,
    );
    const t = table(r.ir, "tareas");
    expect(valuesOf(column(t, "estado"))).toEqual(["pendiente", "hecha"]);
    expect(column(t, "estado").default).toMatchObject({ kind: "literal", value: "pendiente" });
    expect(valuesOf(column(t, "prioridad"))).toEqual(["baja", "alta"]);
    expect(column(t, "titulo").unique).toBe(false);
    expect(t.indexes.find((i) => i.unique && i.columns.includes("titulo"))?.columns.slice().sort()).toEqual(["proyecto_id", "titulo"]);
  });
});

describe("value lists in CJK text", () => {
  it.each([
    ["a label and the enumeration comma", "状态：待办、进行中、已完成", ["待办", "进行中", "已完成"]],
    ["full-width brackets and slashes", "等级（low／mid／high）", ["low", "mid", "high"]],
    ["quoted values side by side, then のいずれか", "「draft」「published」のいずれか", ["draft", "published"]],
    ["ASCII brackets with spaced slashes", "(pending / paid / refunded)", ["pending", "paid", "refunded"]],
  ])("%s", async (_label, notes, values) => {
    const r = await load(`# 设计\n\n${USERS}\n## tasks\n\n| 列名 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n| id | bigint | 主键 | |\n| user_id | text | 外键 users.id | |\n| status | varchar(20) | 非空 | ${notes} |\n`);
    const status = column(table(r.ir, "tasks"), "status");
    expect(valuesOf(status)).toEqual(values);
    expect(refuses(status, "other")).toBe(true);
  });

  it("does not read prose joined by a conjunction as values", async () => {
    const r = await load(`# 设计\n\n${USERS}\n## posts\n\n| 列名 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n| id | bigint | 主键 | |\n| user_id | text | 外键 users.id | |\n| body | text | 非空 | 支持文本、图片和视频 |\n`);
    expect(column(table(r.ir, "posts"), "body").type.kind).toBe("text");
  });
});

describe("SQL comments of other shapes", () => {
  it("reads a block comment before the comma as a closed list, and an example list as no rule", async () => {
    const r = await load(
      "# Schema\n\n```sql\nCREATE TABLE users (id TEXT PRIMARY KEY);\nCREATE TABLE orders (\n  id SERIAL PRIMARY KEY,\n  user_id TEXT NOT NULL REFERENCES users(id),\n  status VARCHAR(20) NOT NULL, -- 'pending' | 'shipped'\n  method VARCHAR(20) NOT NULL, -- one of: card, cash, transfer\n  region VARCHAR(10) NOT NULL /* allowed: eu, us, apac */,\n  tag VARCHAR(20) -- e.g. 'gift', 'rush'\n);\n```\n",
    );
    const t = table(r.ir, "orders");
    expect(valuesOf(column(t, "status"))).toEqual(["pending", "shipped"]);
    expect(valuesOf(column(t, "method"))).toEqual(["card", "cash", "transfer"]);
    expect(valuesOf(column(t, "region"))).toEqual(["eu", "us", "apac"]);
    expect(column(t, "tag").type.kind).not.toBe("enum");
    expect(refuses(column(t, "region"), "mars")).toBe(true);
    expect(migration(r.ir!)).toMatch(/apac/);
  });
});

describe("a CHECK written as a line of its own under the table", () => {
  it("keeps it in the migration and checks the comparison in the validator's rules", async () => {
    const r = await load(
      `# Esquema\n\n${USERS}\n## pagos\n\n| Columna | Tipo | Restricciones |\n|---|---|---|\n| id | serial | PK |\n| user_id | text | FK users.id |\n| amount | numeric(10,2) | NOT NULL, CHECK (amount > 0) |\n| start_date | date | NOT NULL |\n| end_date | date | |\n\nRules:\n- \`end_date IS NULL OR end_date >= start_date\`\n`,
    );
    const t = table(r.ir, "pagos");
    const check = t.checks?.find((c) => /end_date/.test(c.sql));
    expect(check?.sql).toBe("end_date IS NULL OR end_date >= start_date");
    expect(check?.compare).toEqual([{ left: "end_date", op: ">=", right: "start_date" }]);
    expect(column(t, "end_date").nullable).toBe(true);
    expect(migration(r.ir!)).toContain("end_date IS NULL OR end_date >= start_date");
    expect(refuses(column(t, "amount"), 0)).toBe(true);
  });

  it("leaves a prose line that only mentions columns alone", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## stays\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | references users(id) |\n| nights | integer | not null |\n\nnights is counted by the front desk.\n`);
    expect(table(r.ir, "stays").checks ?? []).toEqual([]);
  });
});

describe("uniqueness scoped to a parent in words", () => {
  it.each([
    ["a clause after the description", "Label name, unique within a project"],
    ["a sentence with its", "The label. Each one is unique within its project."],
    ["must be unique per", "must be unique per project"],
  ])("%s -> unique (project_id, name)", async (_label, description) => {
    const r = await load(`# Spec\n\n${USERS}\n## projects\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | references users(id) |\n\n## labels\n\n| Column | Type | Constraints | Description |\n|---|---|---|---|\n| id | serial | primary key | |\n| project_id | integer | references projects(id) | |\n| name | text | not null | ${description} |\n`);
    const t = table(r.ir, "labels");
    const unique = t.indexes.find((i) => i.unique && i.columns.includes("name"));
    expect(unique?.columns.slice().sort()).toEqual(["name", "project_id"]);
    expect(column(t, "name").unique).toBeFalsy();
    expect(migration(r.ir!)).toMatch(/unique\(\["project_id", "name"\]|project_id.*name/);
  });

  it.each([
    ["Japanese", "一つのユーザーにつき一意"],
    ["Chinese", "每个用户唯一"],
    ["Korean", "사용자별로 고유"],
    ["Spanish", "Clave única por usuario"],
  ])("per user in %s -> unique with the owner", async (_label, description) => {
    const r = await load(`# Spec\n\n${USERS}\n## settings\n\n| 列名 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n| id | serial | 主键 | |\n| user_id | text | 外键 users.id | |\n| key | varchar(50) | 非空 | ${description} |\n`);
    const t = table(r.ir, "settings");
    expect(t.indexes.find((i) => i.unique && i.columns.includes("key"))?.columns.slice().sort()).toEqual(["key", "user_id"]);
  });

  it("does not read \"not unique per\" or a whole-table scope as per a parent", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## notes\n\n| Column | Type | Constraints | Description |\n|---|---|---|---|\n| id | serial | primary key | |\n| user_id | text | references users(id) | |\n| title | text | not null | not unique per user: titles repeat |\n| code | text | not null | unique within the database |\n`);
    const t = table(r.ir, "notes");
    expect(t.indexes.filter((i) => i.unique && i.columns.includes("title"))).toEqual([]);
    expect(column(t, "code").unique).toBe(true);
  });
});
