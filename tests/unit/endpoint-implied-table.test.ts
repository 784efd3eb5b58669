// A route about the caller's rows that names no table: "GET /api/{user_id}/stats",
// "GET /api/dashboard/summary", "GET /api/search?q=". It is read as the same route under the
// table its words name ("how many notes"), or under the only table whose rows belong to users:
// a summary or a search of the caller's rows, never another user's. When several tables could
// be meant and nothing names one, it stays a 501 route (SF201).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const ONE_TABLE = `# Data model

## accounts
| Column | Type | Constraints |
|---|---|---|
| id | uuid | primary key |
| email | text | unique |

## notes
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| account_id | uuid | not null, references accounts(id) |
| body | text | not null |
| pinned | boolean | not null, default false |
| mood | text | check (mood in ('calm','busy')) |
`;

const TWO_TABLES = ONE_TABLE + `
## folders
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| account_id | uuid | not null, references accounts(id) |
| label | text | not null |
`;

const API = `# API

| Method | Path | Description |
|---|---|---|
| GET | /api/{user_id}/stats | dashboard numbers |
| GET | /api/dashboard/summary | how many notes, per mood |
| GET | /api/search | look through my notes |
| GET | /api/timeline | |
`;

describe("a numbers or search route that names no table", () => {
  it("is the summary or the search of the only table of users' rows", async () => {
    const r = await load(ONE_TABLE, API);
    const by = (p: string) => r.ir!.endpoints.find((e) => e.path === p);
    expect(by("/api/{user_id}/stats")).toMatchObject({ table: "notes", userParam: "user_id", action: { kind: "count", summary: true, groups: ["pinned", "mood"], where: [] } });
    expect(by("/api/dashboard/summary")).toMatchObject({ table: "notes", action: { kind: "count", summary: true } });
    expect(by("/api/search")).toMatchObject({ table: "notes", action: { kind: "list" } });
    expect(by("/api/search")!.list!.search).toBeTruthy();
    // "timeline" is no numbers word: still a 501.
    expect(r.ir!.unmapped?.map((u) => u.path)).toEqual(["/api/timeline"]);
    expect(r.notes.some((n) => n.message.includes("GET /api/{user_id}/stats names no table") && n.message.includes('"notes" (the only table of users\' rows)'))).toBe(true);
  });

  it("takes the table its words name when several could be meant, else stays 501", async () => {
    const r = await load(TWO_TABLES, API);
    const by = (p: string) => r.ir!.endpoints.find((e) => e.path === p);
    expect(by("/api/dashboard/summary")).toMatchObject({ table: "notes", action: { kind: "count" } });
    expect(by("/api/search")).toMatchObject({ table: "notes", action: { kind: "list" } });
    // "dashboard numbers" names neither notes nor folders.
    expect(by("/api/{user_id}/stats")).toBeUndefined();
    expect(r.ir!.unmapped?.map((u) => u.path)).toContain("/api/{user_id}/stats");
    expect(r.diagnostics.some((d) => d.code === "SF201" && d.message.startsWith("GET /api/{user_id}/stats"))).toBe(true);
  });
});
