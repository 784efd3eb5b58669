// Tables the spec says an auth service keeps ("## Sessions Table (Managed by Better Auth)", or every
// table under "### Auth Tables (Better Auth-managed)") are that service's: it creates them and
// keeps the sessions and credentials in them. The app makes none of them, except the users table
// its own tables name. Before, sessions and accounts were app tables served to their users.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

const ONE_BY_ONE = `# Schema

## Members Table (Managed by Better Auth)
- \`id\`: Text (Primary Key)
- \`email\`: Text (Unique)

## Logins Table (Managed by Better Auth)
- \`id\`: Text (Primary Key)
- \`token\`: Text
- \`memberId\`: Text (Foreign Key to members.id)

## Plants Table
- \`id\`: Integer (Primary Key, Auto-increment)
- \`member_id\`: Text (Foreign Key to members.id)
- \`name\`: Varchar(80) (Not Null)
`;

const GROUPED = `# Schema

### Auth Tables (Better Auth-managed)

#### user
- id: text (primary key)
- email: text (unique)

#### session
- id: text (primary key)
- user_id: text (foreign key to user.id)
- token: text

#### verification
- id: text (primary key)
- value: text

### Garden Tables

#### beds
- id: serial (primary key)
- user_id: text (foreign key to user.id)
- label: varchar(40)
`;

describe("tables an auth service keeps", () => {
  it("are left out, one by one, except the users table", async () => {
    const r = await load(ONE_BY_ONE);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["members", "plants"]);
    expect(table(r.ir!, "members").identity).toBe(true);
    expect(table(r.ir!, "plants").owner).toBe("member_id");
    expect(r.notes.some((n) => /"logins" is kept by the auth service/.test(n.message))).toBe(true);
  });

  it("are left out under a heading that says so for all of them", async () => {
    const r = await load(GROUPED);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["beds", "user"]);
    expect(table(r.ir!, "beds").owner).toBe("user_id");
  });
});
