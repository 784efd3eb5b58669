// Whose rows are whose when the users live with an auth service and the spec says so in the
// ways teams write it: a reference to a table in a database schema written like a table and its
// column ("FK → auth.users"), headings that name a table with its schema ("`public.plots`"),
// and a key whose notes say it is the auth service's user id ("the Firebase Auth uid").
import { describe, expect, it } from "vitest";
import { codes, load } from "./helpers.js";
import type { FrontResult } from "../../generator/front.js";

function table(r: FrontResult, name: string) {
  const t = r.ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}; tables ${r.ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

describe("a reference to a table in a schema, written as table.column", () => {
  const GARDEN = `# Allotment planner

## plots
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| keeper_ref | uuid | not null, FK → auth.users |
| label | text | not null |

## sowings
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| plot_id | uuid | not null, FK → plots.id |
| crop | text | not null |
`;

  it("reads auth.users as the auth service's users, whose column owns the row", async () => {
    const r = await load(GARDEN);
    expect(codes(r)).not.toContain("SF104");
    expect(table(r, "plots").owner).toBe("keeper_ref");
    expect(table(r, "sowings").scope).toMatchObject({ kind: "parent", column: "plot_id" });
  });

  it("reads a schema before a table the spec defines as that table (public.plots)", async () => {
    const r = await load(GARDEN.replace("FK → auth.users", "FK → auth.users.id").replace("FK → plots.id", "FK → public.plots"));
    expect(codes(r)).not.toContain("SF104");
    expect(table(r, "sowings").columns.find((c) => c.name === "plot_id")!.references).toMatchObject({ table: "plots", column: "id" });
  });

  it("keeps users.id a table and its column", async () => {
    const r = await load(`## users
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| email | text | not null |

## notes
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| writer | uuid | not null, FK → users.id |
`);
    expect(table(r, "notes").owner).toBe("writer");
  });

  it("reads it in a notes column too, and the key so marked makes the users table", async () => {
    const r = await load(`## keepers
| Column | Type | Notes |
|---|---|---|
| \`id\` | uuid PK | FK → auth.users, one row per signed-up keeper |
| \`nickname\` | text | Shown to other keepers |

## hives
| Column | Type | Notes |
|---|---|---|
| \`id\` | uuid PK | |
| \`keeper_id\` | uuid | FK → \`keepers.id\` |
| \`site\` | text | Where the hive stands |
`);
    expect(codes(r)).not.toContain("SF104");
    expect(r.ir!.auth.identityTable).toBe("keepers");
    expect(table(r, "hives").owner).toBe("keeper_id");
  });
});

describe("a heading naming a table with its schema", () => {
  it("reads `public.plots` and auth.plots as table plots", async () => {
    for (const head of ["### `public.plots`", "### auth.plots"]) {
      const r = await load(`# Schema

### \`public.users\`
| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| email | text | not null |

${head}
| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| user_id | uuid | FK → users.id |
| label | text | |
`);
      expect(codes(r)).not.toContain("SF130");
      expect(table(r, "plots").owner).toBe("user_id");
    }
  });

  it("does not read a dotted word that is no schema as a table (Node.js)", async () => {
    const r = await load(`# Schema

## tasks
| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| user_id | uuid | FK → users.id |

### Node.js
The server runs on Node.js 20.
`);
    expect(r.ir?.tables.map((t) => t.name)).not.toContain("js");
  });
});

describe("a key whose notes say it is the auth service's user id", () => {
  const CLUB = `# Running club

### coaches
| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | text | PK | the Firebase Auth uid of the coach |
| display_name | varchar(80) | NOT NULL | |

### athletes
| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | uuid | PK | |
| coach_id | text | FK → coaches.id | |
| name | varchar(80) | NOT NULL | |

### sessions
| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | uuid | PK | |
| athlete_id | uuid | FK → athletes.id | |
| distance_km | numeric | NOT NULL | |

### paces
| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | uuid | PK | |
| name | varchar(40) | UNIQUE, NOT NULL | seeded reference list |
`;

  it("makes that table the users, and the rows under it the caller's", async () => {
    const r = await load(CLUB);
    expect(r.ir!.auth.identityTable).toBe("coaches");
    expect(table(r, "athletes").owner).toBe("coach_id");
    expect(table(r, "sessions").scope).toMatchObject({ kind: "parent", column: "athlete_id" });
    expect(table(r, "paces").shared).toBe("read");
    expect(r.notes.some((n) => /"coaches" is read as the users table: the notes of its key/.test(n.message))).toBe(true);
  });

  it("guesses nothing when two tables say so (the choice is the spec's)", async () => {
    const r = await load(CLUB.replace("| id | uuid | PK | |\n| coach_id", "| id | text | PK | Supabase auth user id |\n| coach_id"));
    expect(r.ir!.auth.identityTable).not.toBe("coaches");
  });
});
