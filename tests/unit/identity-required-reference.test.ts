// A users table with a required reference to another table ("district_id NOT NULL REFERENCES
// districts") cannot record a user first met through a token with a placeholder: no placeholder
// names a row that exists, so every first request failed with 422. Each user creates their own
// row instead, choosing it (SF124), as for any other required column no token fills.
import { describe, expect, it } from "vitest";
import { codes, load } from "./helpers.js";

const CLUB = `# Club

## districts

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| label | text | not null |

## users

| Column | Type | Notes |
|---|---|---|
| id | text | primary key |
| district_id | integer | not null, references districts(id) |
| nickname | text | |

## outings

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| place | text | not null |
`;

describe("a users table with a required reference to another table", () => {
  it("records no placeholder: each user creates their own row (SF124)", async () => {
    const r = await load(CLUB);
    const d = r.diagnostics.find((x) => x.code === "SF124");
    expect(d?.message).toContain('"users.district_id" is required');
    expect(codes(r)).not.toContain("SF123");
  });
});
