// Tables whose heading is written in another script: the name comes from the heading's own
// identifier, or a code span just before the column table, or the spec is refused with an error
// at the heading saying a name is needed (never a table dropped without a word).
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { load, where } from "./helpers.js";

const USERS = "## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}
const errorsOf = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${where(d)}`);
const COLS = (word: string) => `| Поле | Тип | Описание |\n|---|---|---|\n| id | uuid | PK |\n| user_id | uuid | FK → users |\n| ${word} | text | ${word === "title" ? "название" : "名称"} |\n`;

describe("a heading in another script", () => {
  it.each([
    ["## Задачи (`tasks`)", "tasks"],
    ["## 任务（tasks）", "tasks"],
    ["## Задачи — tasks", "tasks"],
    ["## 2. 任务 `tasks`", "tasks"],
  ])("%s names table %s by the identifier it gives", async (heading, name) => {
    const r = await load(`# Схема\n\n${USERS}\n${heading}\n\n${COLS("title")}`);
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, name).columns.map((c) => c.name)).toEqual(["id", "user_id", "title"]);
  });

  it("with no identifier takes the one a sentence before the table gives in code, and keeps a prose cell as the description", async () => {
    const r = await load(`# Схема\n\n${USERS}\n## Задачи\n\nТаблица \`tasks\` хранит задачи пользователя, тип \`jsonb\` не нужен.\n\n${COLS("title")}`);
    expect(errorsOf(r)).toEqual([]);
    const t = table(r.ir, "tasks");
    expect(t.owner).toBe("user_id");
    expect(t.columns.find((c) => c.name === "title")!.description).toBe("название");
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });

  it("reads each table of a section named by the label line before it", async () => {
    const r = await load(`# 设计\n\n${USERS}\n## 4. 数据模型\n\n### 4.1 新增表\n\n**\`labels\` — 标签**\n\n${COLS("name")}\n**\`boards\` — 看板**\n\n${COLS("name")}`);
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, "labels").columns.map((c) => c.name)).toEqual(["id", "user_id", "name"]);
    expect(table(r.ir, "boards").columns.map((c) => c.name)).toEqual(["id", "user_id", "name"]);
  });

  it("with no name anywhere is an error at the heading that says a name is needed", async () => {
    const schema = `# 设计\n\n${USERS}\n## 项目\n\n${COLS("name")}`;
    const r = await load(schema);
    const e = r.diagnostics.filter((d) => d.code === "SF130");
    expect(e).toHaveLength(1);
    expect(e[0]!.severity).toBe("error");
    expect(e[0]!.message).toContain("needs a table name");
    expect(e[0]!.span.line).toBe(schema.split("\n").findIndex((l) => l.startsWith("## 项目")) + 1);
  });

  it("leaves a Latin heading that names no table as it was (no error, no guessed name)", async () => {
    const r = await load(`# Spec\n\n${USERS}\n## Overview\n\nWe use \`jsonb\` for settings.\n\n| Field | Type |\n|---|---|\n| theme | text |\n`);
    expect(r.diagnostics.filter((d) => d.code === "SF130")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name)).not.toContain("jsonb");
  });
});
