// Collection and item shapes read from the table's columns, not from route texts: a table of one
// row per user behind a path without a key, an order column for a reorder route, an export, bulk
// create and change, a count word joined to a subset word, a copy of a row, the opposite of a
// finishing verb, and the words explain prints for a time stamped by a route.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import { explain } from "../../generator/explain.js";

const SCHEMA = `# Data model

## users
- \`id\` (uuid, PK)

## layouts
- \`member_id\` (uuid, PK, FK → users.id)
- \`density\` (enum: compact, roomy, default roomy)

## alerts
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`seen\` (boolean, default false)
- \`text\` (text, required)

## shelves
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`label\` (string, required)
- \`display_order\` (integer, default 0)
- \`code\` (string, unique, required)

## chores
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`label\` (string, required)
- \`phase\` (enum: pending, closed, default pending)
- \`closed_at\` (timestamp, nullable)
- \`resolved\` (boolean, default false)

## lamps
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`name\` (string, required)
`;

const api = (lines: string[]) => `# API\n\n| Method | Path | Description |\n|---|---|---|\n${lines.map((l) => `| ${l.split(" ")[0]} | ${l.split(" ")[1]} | ${l.split(" ").slice(2).join(" ") || "-"} |`).join("\n")}\n`;

async function read(lines: string[]) {
  const r = await load(SCHEMA, api(lines));
  const on = (p: string) => {
    const e = r.ir!.endpoints.find((x) => `${x.method.toUpperCase()} ${x.path}` === p);
    if (!e) throw new Error(`no endpoint ${p}`);
    return e;
  };
  return { r, on };
}

describe("collection shapes", () => {
  it("reads a path without a key on a table of one row per user as the caller's row", async () => {
    const { on } = await read(["GET /v2/layouts", "PUT /v2/layouts", "PATCH /v2/layouts", "GET /alerts"]);
    expect(on("GET /v2/layouts").action).toEqual({ kind: "own-get" });
    expect(on("PUT /v2/layouts").action).toEqual({ kind: "own-put", merge: false });
    expect(on("PATCH /v2/layouts").action).toEqual({ kind: "own-put", merge: true });
    // Many rows per user: still a list.
    expect(on("GET /alerts").action.kind).toBe("list");
  });

  it("keeps a list where the spec also names rows of the one-per-user table by key", async () => {
    const { on } = await read(["GET /layouts", "GET /layouts/{member_id}"]);
    expect(on("GET /layouts").action.kind).toBe("list");
  });

  it("reads reorder routes through the table's order column, and refuses one without it (SF231)", async () => {
    const { r, on } = await read(["POST /shelves/rearrange", "PATCH /lamps/reorder"]);
    expect(on("POST /shelves/rearrange").action).toEqual({ kind: "reorder", column: "display_order" });
    expect(on("PATCH /lamps/reorder").action.kind).toBe("stub");
    expect(r.diagnostics.some((d) => d.code === "SF231" && d.message.includes("/lamps/reorder"))).toBe(true);
  });

  it("reads an export with the format its words or summary name", async () => {
    const { on } = await read(["GET /chores/export as JSON", "GET /lamps/download", "GET /alerts/export.csv"]);
    expect(on("GET /chores/export").action).toEqual({ kind: "export", format: "json" });
    expect(on("GET /lamps/download").action).toEqual({ kind: "export", format: "csv" });
    expect(on("GET /alerts/export.csv").action).toEqual({ kind: "export", format: "csv" });
  });

  it("reads bulk create and bulk change on the collection", async () => {
    const { on } = await read(["POST /lamps/batch", "PUT /lamps/bulk"]);
    expect(on("POST /lamps/batch").action).toEqual({ kind: "create-many", max: 100 });
    expect(on("POST /lamps/batch").successStatus).toBe(201);
    expect(on("PUT /lamps/bulk").action).toEqual({ kind: "update-each", max: 100 });
  });

  it("reads a count word joined to a subset word in one segment, either way round", async () => {
    const { on } = await read(["GET /alerts/unseen-count", "GET /chores/count_closed"]);
    expect(on("GET /alerts/unseen-count").action).toMatchObject({ kind: "count", where: [{ column: "seen", op: "eq", value: false }], groups: [], summary: false });
    expect(on("GET /chores/count_closed").action).toMatchObject({ kind: "count", where: [{ column: "phase", op: "eq", value: "closed" }] });
  });

  it("lets the list's equality filters narrow a count (?phase=closed), but not the column the path's subset fixes", async () => {
    const { on } = await read(["GET /chores/count", "GET /alerts/unseen-count"]);
    expect(on("GET /chores/count").action).toMatchObject({ kind: "count", filters: expect.arrayContaining([{ param: "phase", column: "phase" }]) });
    const a = on("GET /alerts/unseen-count").action;
    expect(a.kind === "count" && (a.filters ?? []).some((f) => f.column === "seen")).toBe(false);
  });

  it("reads a copy verb as a new row without the unique columns, and refuses one whose unique column is required (SF233)", async () => {
    const { r, on } = await read(["POST /lamps/{id}/clone", "POST /shelves/{id}/duplicate"]);
    expect(on("POST /lamps/{id}/clone").action).toEqual({ kind: "copy", skip: [] });
    expect(on("POST /lamps/{id}/clone").successStatus).toBe(201);
    expect(on("POST /shelves/{id}/duplicate").action.kind).toBe("stub");
    expect(r.diagnostics.some((d) => d.code === "SF233" && d.message.includes("shelves.code"))).toBe(true);
  });

  it("reads reopen/undo as the opposite of the finishing verb beside it: its state back to the default, its other marks cleared", async () => {
    const { on } = await read(["POST /chores/{id}/close", "POST /chores/{id}/reopen", "PATCH /chores/{id}/undo"]);
    // "close" sets the state and stamps the time it began (tests/unit/endpoint-verb-stamps.test.ts).
    expect(on("POST /chores/{id}/close").action).toEqual({ kind: "set", field: "phase", value: "closed", also: [{ field: "closed_at", value: null, now: true }] });
    const expected = { kind: "set", field: "phase", value: null, toDefault: true, also: [{ field: "closed_at", value: null }, { field: "resolved", value: false }] };
    expect(on("POST /chores/{id}/reopen").action).toEqual(expected);
    expect(on("PATCH /chores/{id}/undo").action).toEqual(expected);
  });

  it("explains a time a route stamps as now, not null", async () => {
    const schema = SCHEMA.replace("- `phase` (enum: pending, closed, default pending)\n", "");
    const r2 = await load(schema, api(["POST /chores/{id}/close"]));
    expect(r2.ir!.endpoints[0]!.action).toEqual({ kind: "set", field: "closed_at", value: null, now: true });
    const text = explain(r2.ir, r2.diagnostics, r2.notes);
    expect(text).toMatch(/POST +\/chores\/\{id\}\/close +-> set closed_at = now/);
  });
});

describe("a bulk body that lists keys", () => {
  it("is not read as items to create: the same change on listed keys stays a 501", async () => {
    const text = `# API\n\n### POST /lamps/bulk\n\nChange many lamps.\n\n**Request Body**:\n\n| Field | Type | Required |\n|---|---|---|\n| \`lamp_ids\` | array[int] | Yes |\n| \`name\` | string | No |\n`;
    const r = await load(SCHEMA, text);
    const e = r.ir!.endpoints.find((x) => x.path === "/lamps/bulk")!;
    expect(e.action.kind).toBe("stub");
  });
});
