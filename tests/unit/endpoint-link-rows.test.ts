// How link and membership rows are read from paths (IR only): a link row named by its parent
// and its other key, the verbs that undo the caller's link under a parent, and links between two
// users (follow, followers, following). Specs of my own, in SQL and in a Markdown table, so the
// reading does not hang on one notation.
import { describe, expect, it } from "vitest";
import type { Endpoint } from "../../generator/ir/types.js";
import { load } from "./helpers.js";

const SQL = `# Schema

\`\`\`sql
CREATE TABLE users (id uuid PRIMARY KEY, email text);
CREATE TABLE households (id bigserial PRIMARY KEY, label text NOT NULL);
CREATE TABLE household_members (
  household_id bigint NOT NULL REFERENCES households(id),
  user_id uuid NOT NULL REFERENCES users(id),
  chores_done integer NOT NULL DEFAULT 0,
  PRIMARY KEY (household_id, user_id)
);
CREATE TABLE projects (id serial PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), name text NOT NULL);
CREATE TABLE review_assignments (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES projects(id),
  reviewer_id uuid NOT NULL REFERENCES users(id),
  verdict text,
  UNIQUE (project_id, reviewer_id)
);
CREATE TABLE watch_entries (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES projects(id),
  watcher_id uuid NOT NULL REFERENCES users(id)
);
CREATE TABLE webinars (id serial PRIMARY KEY, title text NOT NULL);
CREATE TABLE subscriptions (id serial PRIMARY KEY, webinar_id integer NOT NULL REFERENCES webinars(id), user_id uuid NOT NULL REFERENCES users(id));
CREATE TABLE follows (
  follower_id uuid NOT NULL REFERENCES users(id),
  followee_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (follower_id, followee_id)
);
CREATE TABLE mutes (
  id serial PRIMARY KEY,
  muter_id uuid NOT NULL REFERENCES users(id),
  muted_id uuid NOT NULL REFERENCES users(id),
  UNIQUE (muter_id, muted_id)
);
\`\`\`
`;

const API = `# API

| Method | Path | Purpose |
|---|---|---|
| GET | /v1/households/{householdId}/members/{userId} | a member's row |
| PATCH | /v1/households/{householdId}/members/{userId} | count chores |
| DELETE | /v1/households/{householdId}/members/{userId} | take a member out |
| POST | /v1/households/{householdId}/leave | move out |
| GET | /v1/projects/{projectId}/reviewers/{reviewerId} | one reviewer's assignment |
| DELETE | /v1/projects/{projectId}/reviewers/{reviewerId} | unassign |
| GET | /v1/projects/{projectId}/watchers/{watcherId} | one watcher |
| POST | /v1/webinars/{id}/subscribe | subscribe |
| POST | /v1/webinars/{id}/unsubscribe | unsubscribe |
| POST | /v1/users/{userId}/follow | follow |
| DELETE | /v1/users/{userId}/follow | unfollow |
| POST | /v1/users/{userId}/unfollow | unfollow, as a verb |
| GET | /v1/users/{userId}/followers | their followers |
| GET | /v1/users/{userId}/following | whom they follow |
| GET | /v1/me/followers | my followers |
| GET | /v1/me/following | whom I follow |
| POST | /v1/users/{userId}/mute | mute |
`;

async function read() {
  const r = await load(SQL, API);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const ep = (m: string, p: string): Endpoint => {
    const e = r.ir!.endpoints.find((x) => x.method === m && x.path === p);
    if (!e) throw new Error(`${m} ${p} missing`);
    return e;
  };
  return { r, ep };
}

describe("a link row named by its parent and its other key", () => {
  it("reads /households/{householdId}/members/{userId} as the one row of the composite key", async () => {
    const { ep } = await read();
    for (const [m, kind] of [["get", "get"], ["patch", "update"], ["delete", "delete"]] as const) {
      expect(ep(m, "/v1/households/{householdId}/members/{userId}")).toMatchObject({
        table: "household_members",
        action: { kind },
        idParam: "userId",
        idColumn: "user_id",
        parent: { param: "householdId", column: "household_id", table: "households" },
      });
    }
  });

  it("reads a unique pair the same way, found by the column the segment names", async () => {
    const { ep } = await read();
    expect(ep("get", "/v1/projects/{projectId}/reviewers/{reviewerId}")).toMatchObject({ table: "review_assignments", action: { kind: "get" }, idColumn: "reviewer_id", parent: { column: "project_id" } });
    expect(ep("delete", "/v1/projects/{projectId}/reviewers/{reviewerId}")).toMatchObject({ table: "review_assignments", action: { kind: "delete" }, idColumn: "reviewer_id" });
  });

  it("keeps a pair that is not unique a 501, saying why", async () => {
    const { r, ep } = await read();
    const e = ep("get", "/v1/projects/{projectId}/watchers/{watcherId}");
    expect(e.action.kind).toBe("stub");
    expect(e.idColumn).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === "SF202" && d.message.includes("/watchers/"))?.message).toMatch(/several rows with the same project_id and watcher_id/);
  });
});

describe("verbs that undo the caller's link under a parent", () => {
  it("leave deletes the caller's membership of that household", async () => {
    const { ep } = await read();
    expect(ep("post", "/v1/households/{householdId}/leave")).toMatchObject({
      table: "household_members",
      action: { kind: "delete-many", where: [{ column: "household_id", op: "eq", param: "householdId" }], idsField: null },
    });
  });

  it("unsubscribe mirrors subscribe on the same table", async () => {
    const { ep } = await read();
    expect(ep("post", "/v1/webinars/{id}/subscribe")).toMatchObject({ table: "subscriptions", action: { kind: "create" } });
    expect(ep("post", "/v1/webinars/{id}/unsubscribe")).toMatchObject({ table: "subscriptions", action: { kind: "delete-many", where: [{ column: "webinar_id", param: "id" }] } });
  });
});

describe("links between two users", () => {
  it("follow and unfollow write the caller's row naming the path's user in the other column", async () => {
    const { ep } = await read();
    expect(ep("post", "/v1/users/{userId}/follow")).toMatchObject({ table: "follows", action: { kind: "create" }, parent: { param: "userId", column: "followee_id", table: "users" } });
    for (const [m, p] of [["delete", "/v1/users/{userId}/follow"], ["post", "/v1/users/{userId}/unfollow"]] as const) {
      expect(ep(m, p)).toMatchObject({ table: "follows", action: { kind: "delete-many", where: [{ column: "followee_id", op: "eq", param: "userId" }] } });
    }
  });

  it("lists followers and following by the column each word names", async () => {
    const { ep } = await read();
    expect(ep("get", "/v1/users/{userId}/followers")).toMatchObject({ table: "follows", action: { kind: "list" }, parent: { column: "followee_id" } });
    expect(ep("get", "/v1/users/{userId}/following")).toMatchObject({ table: "follows", action: { kind: "list" }, parent: { column: "follower_id" } });
    expect(ep("get", "/v1/me/followers").list?.fixed).toEqual([{ column: "followee_id", op: "eq", caller: true }]);
    expect(ep("get", "/v1/me/following").list?.fixed).toEqual([{ column: "follower_id", op: "eq", caller: true }]);
  });

  it("keeps a user named by another column than the key ({email}) a 501, saying why", async () => {
    const r = await load(SQL, `# API\n\n- \`GET /v1/users/{email}/followers\` followers by address\n`);
    const e = r.ir!.endpoints.find((x) => x.path === "/v1/users/{email}/followers")!;
    expect(e.action).toMatchObject({ kind: "stub", reason: expect.stringContaining("users.email, not the key") });
  });

  it("lets the followed user read a follow, never a mute", async () => {
    const { r } = await read();
    const t = (n: string) => r.ir!.tables.find((x) => x.name === n)!;
    expect(t("follows")).toMatchObject({ owner: "follower_id", readers: ["followee_id"] });
    expect(t("mutes").owner).toBe("muter_id");
    expect(t("mutes").readers).toBeUndefined();
    // The old warning that the followed user gets no access at all no longer holds for follows.
    expect(r.diagnostics.filter((d) => d.code === "SF136" && d.message.includes("followee_id"))).toEqual([]);
  });
});
