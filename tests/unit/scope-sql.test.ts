// How rows that belong to users through other rows become SQL: the scope conditions the queries
// and the row-level security policies share (templates/runtime/scope.ts), what the generator
// hands the runtime for each table (generator/emit/route-specs.ts), and the path helpers of
// nested routes (templates/runtime/params.ts). Tables of given/want; the SQL itself runs in
// tests/app/scopes.test.ts on both databases.
import { describe, expect, it } from "vitest";
import { callerCondition, scopeCondition, type RowScope } from "../../templates/runtime/scope.js";
import { fromPath, staticSegmentsFirst } from "../../templates/runtime/params.js";
import { HttpProblem } from "../../templates/runtime/errors.js";
import { loadSpecFiles } from "../../generator/front.js";
import { rlsEntry, rowScopeOf, runtimeParent, runtimeTableSql } from "../../generator/emit/route-specs.js";
import { tableInfo } from "../../generator/emit/table-info.js";

const owner: RowScope = { kind: "owner", column: "user_id" };
const notebooks: RowScope = { kind: "parent", column: "notebook_id", table: "notebooks", key: "id", scope: owner };
const comments: RowScope = { kind: "parent", column: "entry_id", table: "entries", key: "id", scope: notebooks };
const orgs: RowScope = { kind: "member", column: "id", membership: "memberships", group: "organization_id", user: "user_id" };

describe("scopeCondition", () => {
  const cases: [string, RowScope, string | null, string, string][] = [
    ["an owner column", owner, null, "$2", `"user_id" = $2`],
    ["an owner column, qualified", owner, `"tasks"`, "$1", `"tasks"."user_id" = $1`],
    ["a parent", notebooks, null, "$2", `"notebook_id" IN (SELECT "__sf_s0"."id" FROM "notebooks" "__sf_s0" WHERE "__sf_s0"."user_id" = $2)`],
    [
      "a chain of parents",
      comments,
      `"comments"`,
      "$1",
      `"comments"."entry_id" IN (SELECT "__sf_s0"."id" FROM "entries" "__sf_s0" WHERE "__sf_s0"."notebook_id" IN (SELECT "__sf_s1"."id" FROM "notebooks" "__sf_s1" WHERE "__sf_s1"."user_id" = $1))`,
    ],
    ["a membership", orgs, null, "$2", `"id" IN (SELECT "__sf_s0"."organization_id" FROM "memberships" "__sf_s0" WHERE "__sf_s0"."user_id" = $2)`],
    [
      "a parent of a group, over the transaction's caller",
      { kind: "parent", column: "organization_id", table: "organizations", key: "id", scope: orgs },
      null,
      "current_setting('app.user_id', true)",
      `"organization_id" IN (SELECT "__sf_s0"."id" FROM "organizations" "__sf_s0" WHERE "__sf_s0"."id" IN (SELECT "__sf_s1"."organization_id" FROM "memberships" "__sf_s1" WHERE "__sf_s1"."user_id" = current_setting('app.user_id', true)))`,
    ],
    ["a quote in a name", { kind: "owner", column: 'we"ird' }, null, "$1", `"we""ird" = $1`],
  ];
  for (const [what, scope, ref, caller, want] of cases) {
    it(what, () => expect(scopeCondition(scope, ref, caller)).toBe(want));
  }

  it("is the owner condition for an owned table, the scope's for a scoped one, and none for a shared one", () => {
    expect(callerCondition({ owner: "user_id" }, null, "$2")).toBe(`"user_id" = $2`);
    expect(callerCondition({ owner: null, scope: notebooks }, `"entries"`, "$1")).toBe(`"entries"."notebook_id" IN (SELECT "__sf_s0"."id" FROM "notebooks" "__sf_s0" WHERE "__sf_s0"."user_id" = $1)`);
    expect(callerCondition({ owner: null }, null, "$1")).toBeNull();
  });
});

describe("what the generator hands the runtime", async () => {
  const loaded = await loadSpecFiles(
    {
      kind: "schema",
      format: "markdown",
      path: "specs/database/schema.md",
      text: `# Teams

## users

| Column | Type | Constraints |
|--------|------|-------------|
| id     | uuid | primary key |

## teams

| Column | Type        | Constraints |
|--------|-------------|-------------|
| id     | serial      | primary key |
| name   | varchar(80) | not null    |

## team_members

| Column  | Type                  | Constraints                                      |
|---------|-----------------------|--------------------------------------------------|
| id      | uuid                  | primary key                                      |
| team_id | integer               | not null, references teams(id) on delete cascade |
| user_id | uuid                  | not null, references users(id) on delete cascade |
| role    | enum(viewer, owner)   | not null                                         |

## boards

| Column  | Type        | Constraints                                      |
|---------|-------------|--------------------------------------------------|
| id      | uuid        | primary key                                      |
| team_id | integer     | not null, references teams(id) on delete cascade |
| title   | varchar(80) | not null                                         |
`,
    },
    {
      kind: "api",
      format: "markdown",
      path: "specs/api/rest-endpoints.md",
      text: `# API

### GET /api/teams/{team_id}/boards
### POST /api/teams/{team_id}/boards
`,
    },
  );
  const ir = loaded.ir!;
  const t = (n: string) => ir.tables.find((x) => x.name === n)!;

  it("reads the spec as a group, its membership and a child of the group", () => {
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(t("teams").scope?.kind).toBe("member");
    expect(t("boards").scope).toMatchObject({ kind: "parent", parent: "teams" });
  });

  it("compiles a scope down to the user column at the end of the chain", () => {
    expect(rowScopeOf(ir, t("boards"))).toEqual({ kind: "parent", column: "team_id", table: "teams", key: "id", scope: { kind: "member", column: "id", membership: "team_members", group: "team_id", user: "user_id" } });
    expect(rowScopeOf(ir, t("team_members"))).toEqual({ kind: "owner", column: "user_id" });
    expect(rowScopeOf(ir, t("users"))).toEqual({ kind: "owner", column: "id" });
  });

  it("gives a group's create the creator's membership: a key drawn from the sequence first, the strongest role, the membership's own key", () => {
    const sql = runtimeTableSql(ir, tableInfo(ir, t("teams")));
    expect(sql.group).toEqual({
      membership: "team_members",
      group: "team_id",
      user: "user_id",
      key: "sequence",
      keyCast: "integer",
      userCast: "uuid",
      fill: { id: { cast: "uuid", uuid: true }, role: { cast: "text", value: "owner" } },
    });
    expect(sql.columns).toHaveProperty("id");
  });

  it("makes the key of a scoped row in the app when the database has no default for it, and checks its parent", () => {
    const sql = runtimeTableSql(ir, tableInfo(ir, t("boards")));
    expect(sql.newKey).toBe("uuid");
    expect(sql.owner).toBeNull();
    expect(sql.refs).toEqual([{ column: "team_id", table: "teams", pk: "id", scope: rowScopeOf(ir, t("teams")), what: "no such team" }]);
    expect(tableInfo(ir, t("boards")).readOnly.map((c) => c.name)).toContain("id");
  });

  it("writes one policy per owned or scoped table, typed by the user column at the end of the chain", () => {
    // A membership: its member owns it, every member of the same team reads it, and its owners run the team.
    expect(rlsEntry(ir, t("team_members"))).toEqual({ table: "team_members", owner: "user_id", ownerType: "uuid", fellows: "team_id", manage: { column: "role", values: ["owner"] } });
    expect(rlsEntry(ir, t("teams"))).toEqual({ table: "teams", scope: rowScopeOf(ir, t("teams")), ownerType: "uuid", openInsert: true });
    expect(rlsEntry(ir, t("boards"))).toEqual({ table: "boards", scope: rowScopeOf(ir, t("boards")), ownerType: "uuid" });
    // The users table: each user's own row (external auth).
    expect(rlsEntry(ir, t("users"))).toEqual({ table: "users", owner: "id", ownerType: "uuid" });
  });

  it("describes a nested route's parent, and whether the row's own scope already implies it", () => {
    const e = ir.endpoints.find((x) => x.parent)!;
    expect(runtimeParent(ir, t("boards"), e.parent!)).toEqual({ column: "team_id", table: "teams", key: "id", scope: rowScopeOf(ir, t("teams")), what: "team", implied: true });
  });
});

describe("path helpers", () => {
  it("takes a body field the path names: left out or repeated, never contradicted", () => {
    const body: Record<string, unknown> = { title: "x" };
    fromPath(body, "notebook_id", 7, true);
    expect(body).toEqual({ title: "x", notebook_id: 7 });
    expect(() => fromPath({ notebook_id: "7" }, "notebook_id", 7, true)).not.toThrow();
    expect(() => fromPath({ id: "5D0C7D2E-0000-4000-8000-00000000000A" }, "id", "5d0c7d2e-0000-4000-8000-00000000000a", false)).not.toThrow();
    const wrong = (() => {
      try {
        fromPath({ notebook_id: 8 }, "notebook_id", 7, true);
      } catch (err) {
        return err;
      }
    })();
    expect(wrong).toBeInstanceOf(HttpProblem);
    expect(wrong).toMatchObject({ status: 422, errors: [{ field: "notebook_id", message: "must match the path" }] });
    const kept: Record<string, unknown> = {};
    fromPath(kept, "notebook_id", 7, false);
    expect(kept).toEqual({});
  });

  it("tries a static segment before a parameter in the same place, and keeps the order otherwise", () => {
    const router = { stack: ["/api/accounts/:id", "/api/accounts/bank-relationships", "/api/accounts", "/api/accounts/:id/close", "/api/accounts/:x", "/healthz"].map((path) => ({ path })) };
    staticSegmentsFirst(router);
    const order = router.stack.map((l) => l.path);
    expect(order.indexOf("/api/accounts/bank-relationships")).toBeLessThan(order.indexOf("/api/accounts/:id"));
    expect(order.indexOf("/api/accounts/:id")).toBeLessThan(order.indexOf("/api/accounts/:x"));
  });
});
