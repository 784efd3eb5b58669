// OpenAPI pieces for the REST surface: list query parameters, relation and stub operations.
import type { Endpoint, ListSpec } from "../ir/types.js";
import type { TableInfo } from "./table-info.js";
import { columnSchema } from "./table-info.js";

export function listParameters(info: TableInfo, l: ListSpec): unknown[] {
  const out: unknown[] = [
    { name: l.limitParam, in: "query", required: false, description: `Page size (at most ${l.maxLimit}).`, schema: { type: "integer", minimum: 1, maximum: l.maxLimit, default: l.defaultLimit } },
    { name: "offset", in: "query", required: false, description: "Rows to skip. Use one of offset, page and cursor.", schema: { type: "integer", minimum: 0, default: 0 } },
    { name: "page", in: "query", required: false, description: "Page number from 1 (offset = (page - 1) * limit).", schema: { type: "integer", minimum: 1 } },
    { name: "cursor", in: "query", required: false, description: "Opaque keyset cursor from X-Next-Cursor / Link rel=next: deep pages stay fast.", schema: { type: "string" } },
    { name: l.sort.param, in: "query", required: false, description: "Sort key; prefix - for descending.", schema: { type: "string", enum: l.sort.keys.flatMap((k) => [k.name, `-${k.name}`]) } },
  ];
  if (l.sort.orderParam) out.push({ name: l.sort.orderParam, in: "query", required: false, schema: { type: "string", enum: ["asc", "desc"] } });
  for (const f of l.filters) {
    const c = info.table.columns.find((x) => x.name === f.column)!;
    const schema = f.choices ? { type: "string", enum: f.choices.map((ch) => ch.word) } : columnSchema({ ...c, nullable: false, description: undefined } as never, "out");
    const what = f.op === "gte" ? `Rows whose ${f.column} is at or after this.` : f.op === "lte" ? `Rows whose ${f.column} is at or before this.` : `Filter on ${f.column}.`;
    out.push({ name: f.param, in: "query", required: false, description: what, schema });
  }
  if (l.search) out.push({ name: l.search.param, in: "query", required: false, description: `Case-insensitive substring search in ${l.search.columns.join(", ")}.`, schema: { type: "string", maxLength: 200 } });
  out.push({
    name: "Prefer",
    in: "header",
    required: false,
    description:
      "`count=exact` counts every matching row for X-Total-Count (O(rows): use it for a first page, not on every call); `count=planned` sends the planner's estimate instead (O(1)). Without it no total is counted" +
      (l.envelope?.total ? ", except the envelope's total, which is always exact." : ", and a list costs O(limit). Never with a cursor."),
    schema: { type: "string" },
  });
  return out;
}

export function restOperationId(info: TableInfo, e: Endpoint): string {
  const a = e.action;
  const cap = (s: string) => s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
  switch (a.kind) {
    case "relation-list":
      return `list${info.model}${cap(a.relation)}`;
    case "relation-add":
      return `add${info.model}${cap(a.relation)}`;
    case "relation-remove":
      return `remove${info.model}${cap(a.relation)}`;
    default:
      return `${e.method}${cap(e.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+/g, "_"))}`;
  }
}
