// Owners as specs write them when they do not write a foreign key: the type is the users'
// entity ("User", "UserVO"), the notes say "ref: 'User'" or name the user the row is about,
// a bare FK names its table in the notes, and a list of another table's rows (Tag[]) is said
// out loud (SF221). Paths that name the caller's own row without "me" (/profile, /auth/me).
import { describe, expect, it } from "vitest";
import { load, pos, where } from "./helpers.js";
import type { FrontResult } from "../../generator/front.js";

const PEOPLE = `# Garden club

## members

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| email | varchar(120) | unique |
`;

// A users table by its usual name: the identity whatever else refers to it.
const USERS = PEOPLE.replace("## members", "## users");

function table(r: FrontResult, name: string) {
  const t = r.ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return t;
}

describe("an owner written as the users' entity name", () => {
  const schema = `${PEOPLE}
## seedlings

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| grower | Member | |
| variety | varchar(60) | not null |

## harvests

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| picker | MemberModel | |
| kilos | integer | |
`;
  it("reads the type as a reference to the table of that entity, which then owns the rows", async () => {
    const r = await load(schema);
    expect(r.diagnostics.filter((d) => d.code === "SF103")).toEqual([]);
    const s = table(r, "seedlings");
    expect(s.owner).toBe("grower");
    expect(s.columns.find((c) => c.name === "grower")?.references?.table).toBe("members");
    expect(s.columns.find((c) => c.name === "grower")?.type.kind).toBe("uuid");
    expect(table(r, "harvests").owner).toBe("picker");
  });

  it("keeps SF103, at the type, for a name no table has", async () => {
    const text = `${PEOPLE}
## plots

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| member_id | uuid | references members |
| soil | SoilKind | |
`;
    const r = await load(text);
    const d = r.diagnostics.find((x) => x.code === "SF103");
    expect(d && where(d)).toBe(pos(text, "SoilKind"));
  });

  it("says a list of another table's rows is kept as json with no join table (SF221), at the type", async () => {
    const text = `${PEOPLE}
## labels

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| word | varchar(30) | |

## beds

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| member_id | uuid | references members |
| labels | Label[] | |
`;
    const r = await load(text);
    const d = r.diagnostics.find((x) => x.code === "SF221");
    expect(d && where(d)).toBe(pos(text, "Label[]"));
    expect(d?.message).toContain("no join table is made");
    expect(table(r, "beds").columns.find((c) => c.name === "labels")?.type.kind).toBe("json");
  });
});

describe("an owner written in the notes", () => {
  it('reads "ref: \'Member\'" after the type or in the notes as a reference', async () => {
    const r = await load(`${PEOPLE}
## swaps

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| offeredBy | ObjectId (ref: 'Member') | |
| note | text | |

## wishes

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| memberId | ObjectId | ref: Member |
| plant | text | |
`);
    expect(table(r, "swaps").owner).toBe("offeredBy");
    expect(table(r, "swaps").columns.find((c) => c.name === "offeredBy")?.references?.table).toBe("members");
    expect(table(r, "wishes").columns.find((c) => c.name === "memberId")?.references?.table).toBe("members");
  });

  it("reads notes naming the user the row is about as a reference to the users", async () => {
    const r = await load(`${USERS}
## tools

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| added_by | uuid | The user who lent it to the club |
| label | text | |
| keeper_name | text | the user who keeps it, as written on the shed |
`);
    const t = table(r, "tools");
    expect(t.owner).toBe("added_by");
    expect(t.columns.find((c) => c.name === "keeper_name")?.references).toBeFalsy();
  });

  it("reads a bare FK's table from a notes cell that names only it", async () => {
    const r = await load(`${PEOPLE}
## allotments

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| member_id | uuid | references members |

## sheds

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| plotRef | FK | Allotment |
`);
    expect(table(r, "sheds").columns.find((c) => c.name === "plotRef")?.references?.table).toBe("allotments");
    expect(r.diagnostics.filter((d) => d.code === "SF116")).toEqual([]);
  });
});

describe("paths naming the caller's own row without me", () => {
  const api = `# API

| Method | Path | Description |
|---|---|---|
| GET | /api/profile | the signed-in member |
| PATCH | /api/users/profile | change it |
| GET | /api/auth/me | who am I |
| GET | /api/stats | numbers |
`;
  it("reads /profile, /users/profile and /auth/me as the caller's own users row", async () => {
    const r = await load(USERS, api);
    const self = r.ir!.endpoints.filter((e) => e.self).map((e) => `${e.method} ${e.path} ${e.action.kind} ${e.table}`);
    expect(self).toEqual(["get /api/auth/me get users", "get /api/profile get users", "patch /api/users/profile update users"]);
    expect(r.diagnostics.filter((d) => d.code === "SF203")).toEqual([]);
    // A path that names no table and no own row stays a positioned SF201.
    const d = r.diagnostics.find((x) => x.code === "SF201");
    expect(d && where(d)).toBe(pos(api, "GET | /api/stats"));
  });

  it("leaves them to the built-in auth module when the app signs users in itself", async () => {
    const r = await load(USERS, `Authentication: built-in\n\n${api}`);
    expect(r.ir?.endpoints.some((e) => e.path === "/api/profile") ?? false).toBe(false);
  });
});

describe("a users column naming its group by a shortened word", () => {
  it('reads users.comp_id -> companies as the company its users are members of, as users.company_id is', async () => {
    const r = await load(`# Depot

## companies

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| title | varchar(80) | |

## users

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| comp_id | integer | references companies |
`);
    const scope = table(r, "companies").scope;
    expect(scope?.kind).toBe("member");
    expect(scope && "membershipGroup" in scope ? scope.membershipGroup : null).toBe("comp_id");
  });
});

describe("a row named in its path by a reference, not by its key", () => {
  it("answers 501 (SF202) for /saves/{bookId} where bookId names saves.book, a books row", async () => {
    const api = `# API

| Method | Path | Description |
|---|---|---|
| GET | /api/saves | my saved books |
| POST | /api/saves/{bookId} | save a book |
| DELETE | /api/saves/{bookId} | unsave it |
| GET | /api/saves/{id} | one save |
`;
    const r = await load(`${USERS}
## books

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| title | text | |

## saves

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| reader | User | |
| book | Book | |
`, api);
    const kinds = r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(["delete /api/saves/{bookId} stub", "post /api/saves/{bookId} stub", "get /api/saves/{id} get", "get /api/saves list"]));
    const d = r.diagnostics.find((x) => x.code === "SF202" && x.message.startsWith("DELETE"));
    expect(d && where(d)).toBe(pos(api, "DELETE"));
  });
});
