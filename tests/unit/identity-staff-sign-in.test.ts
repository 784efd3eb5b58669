// The one table where people sign in (it keeps a password beside a login) is the users table even
// when no other table points at it: before, it was a table every signed-in user read and wrote,
// password hashes included. When those users are staff ("admin_users", "staff"), the app is a back
// office: the tables no one owns (a catalog, the orders) are theirs to read and write, said once,
// and a table the spec calls read-only stays so.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";

const schema = (signIn: string) => `# Bakery back office

## ${signIn}
| Field | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| login | varchar(60) | unique, not null |
| password_hash | varchar(255) | not null |

## loaves
A catalog of the loaves on sale.
| Field | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| name | varchar(80) | not null |

## ovens
Read-only reference data.
| Field | Type | Constraints |
|---|---|---|
| id | serial | PK |
| label | varchar(40) | not null |
`;

async function read(signIn: string) {
  const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema(signIn) }, null);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const ir = r.ir!;
  return { ir, shared: (n: string) => ir.tables.find((t) => t.name === n)!.shared ?? null, warnings: r.diagnostics.filter((d) => d.code === "SF126").map((d) => d.message) };
}

describe("a sign-in table no other table references", () => {
  it("is the users table; staff read and write what no one owns", async () => {
    const { ir, shared, warnings } = await read("admin_users");
    expect(ir.auth.identityTable).toBe("admin_users");
    expect(shared("loaves")).toBe("read-write");
    expect(shared("ovens")).toBe("read");
    expect(warnings).toEqual([expect.stringContaining('only staff sign in ("admin_users")')]);
  });

  it("is the users table for any other users too, whose unowned tables stay read-only", async () => {
    const { ir, shared } = await read("bakers");
    expect(ir.auth.identityTable).toBe("bakers");
    expect(shared("loaves")).toBe("read");
    expect(ir.endpoints.filter((e) => e.table === "bakers").map((e) => `${e.method} ${e.path}`)).toEqual(["get /api/bakers/me", "patch /api/bakers/me"]);
  });
});
