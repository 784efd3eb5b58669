// A column table with a Default column whose cell is a bare word ("| Default | queued |"), in any
// language's header. Before, such a column was read as a default only when its cell was a
// number, a quoted string or a call, or a word another column listed among at least half the
// rows: a lone "queued" made the whole column a note, and the default was lost.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const table = (headers: string, kindNote: string) => `# Model

## jobs

| ${headers} |
|---|---|---|---|---|
| id | BIGINT | yes | | primary key |
| command | TEXT | yes | | |
| state | VARCHAR(10) | no | queued | ${kindNote} |
`;

describe("a Default column holding a bare word", () => {
  it.each([
    ["Field | Type | Required | Default | Notes", "queued/running/done"],
    ["Field | Type | Required | Default | Notes", "what the worker is doing"],
    ["字段名 | 类型 | 是否必填 | 默认值 | 说明", "queued/running/done"],
    ["Coluna | Tipo | Obrigatório | Padrão | Descrição", "queued, running, done"],
  ])("%s (%s)", async (headers, note) => {
    const r = await load(table(headers, note));
    const state = r.ir!.tables.find((t) => t.name === "jobs")!.columns.find((c) => c.name === "state")!;
    expect(state.default).toEqual({ kind: "literal", value: "queued" });
  });
});
