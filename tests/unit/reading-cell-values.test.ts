// Allowed values in a constraints cell written after a label ("enum: FREE / PRO / TEAM",
// "values: a | b"), and a parenthesised list that names how a value is made ("stored as a salted
// hash (bcrypt/argon2)"), which is no list of allowed values: a password hash keeps any value.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Studio

## users
| column | type | constraints | notes |
|---|---|---|---|
| id | uuid | PK | |
| email | text | NOT NULL, UNIQUE | |
| secret | text | NOT NULL | kept as a salted hash (bcrypt/argon2) |
| token_sig | text | | signed using (HS256/EdDSA) |
| tier | text | NOT NULL, enum: BASIC / PLUS / MAX | billing tier |
| theme | text | values: light \\| dark | |
| role | text | | Role (admin/member) |
`;

describe("allowed values in a cell, and lists that are not", () => {
  it("reads 'enum: a / b / c' and 'values: a | b' after the other constraints, and no list from a means", async () => {
    const r = await load(SPEC);
    const users = r.ir!.tables.find((t) => t.name === "users")!;
    const c = (n: string) => users.columns.find((x) => x.name === n)!;
    expect(c("tier").type).toMatchObject({ kind: "enum", values: ["BASIC", "PLUS", "MAX"] });
    expect(c("tier").nullable).toBe(false);
    expect(c("theme").type).toMatchObject({ kind: "enum", values: ["light", "dark"] });
    expect(c("role").type).toMatchObject({ kind: "enum", values: ["admin", "member"] });
    expect(c("secret").type.kind).toBe("text");
    expect(c("token_sig").type.kind).toBe("text");
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});
