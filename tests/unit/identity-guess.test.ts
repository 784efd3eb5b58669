// Which table holds the users when no table is named users: a code-first class name for it
// (PlayerEntity), or, with no such name and no password column, the one table that identifies a
// person by a unique email, points at no other table and is pointed at (tutors over pupils). Its
// rows' creator (created_by) then owns them. Guesses are said; a spec that leaves the choice open
// (two such tables, or an email table that itself points elsewhere) stays without users.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import type { FrontResult } from "../../generator/front.js";

function table(r: FrontResult, name: string) {
  const t = r.ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}; tables ${r.ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

describe("the users table when no table is named for users", () => {
  it("finds it under a class name (PlayerEntity)", async () => {
    const r = await load(`# Chess club app (Room entities)

## PlayerEntity
| field | type | notes |
|---|---|---|
| id | TEXT | primary key |
| displayName | TEXT | not null |
| email | TEXT | not null |

## LoanEntity
| field | type | notes |
|---|---|---|
| id | TEXT | primary key |
| playerId | TEXT | FK -> PlayerEntity.id |
| bookTitle | TEXT | not null |
`);
    expect(r.ir!.auth.identityTable).toBe("player_entities");
    expect(table(r, "loan_entities").owner).toBe("playerId");
  });

  const TUTORING = `# Tutoring

## tutors
| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| full_name | text | not null |
| email | text | not null, unique |

## pupils
| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| tutor_id | uuid | references tutors(id) |
| first_name | text | not null |

## lesson_plans
| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| title | text | not null |
| created_by | uuid | not null |
`;

  it("takes the one root table with a unique email that others point at, and says so; its rows' creator owns them", async () => {
    const r = await load(TUTORING);
    expect(r.ir!.auth.identityTable).toBe("tutors");
    expect(table(r, "pupils").owner).toBe("tutor_id");
    expect(table(r, "lesson_plans").owner).toBe("created_by");
    expect(r.notes.some((n) => /"tutors" is read as the users table: no table is named for users/.test(n.message))).toBe(true);
  });

  it("leaves the choice open when the email table points elsewhere, or two tables qualify", async () => {
    const pointing = await load(TUTORING.replace("| full_name | text | not null |", "| full_name | text | not null |\n| school_id | uuid | references pupils(id) |"));
    expect(pointing.ir!.auth.identityTable).toBeNull();
    const two = await load(`${TUTORING}
## parents
| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| email | text | unique |

## consents
| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| parent_id | uuid | references parents(id) |
`);
    expect(two.ir!.auth.identityTable).toBeNull();
    // A unique email that is not unique is no identity either.
    const loose = await load(TUTORING.replace("| email | text | not null, unique |", "| email | text | not null |"));
    expect(loose.ir!.auth.identityTable).toBeNull();
  });

  it("gives the users table a key when the spec names none for it, though another table has one", async () => {
    const r = await load(`# Menu

## dishes
- id: integer, primary key
- name: text, required

## users
- email: text, required, unique
- nickname: text
`);
    expect(r.ir!.auth.identityTable).toBe("users");
    expect(table(r, "users").primaryKey).toBe("id");
    expect(r.diagnostics.filter((d) => d.code === "SF109")).toEqual([]);
  });
});
