// Sentences in a "Business Rules" section that start with a column's name: a note on where the
// rule is kept ("— enforced by a CHECK", "(enforced in the service)") is not part of the rule,
// "when provided" is no condition on a bound, and a sentence about a column that states a rule the
// reader cannot read is a warning quoting it, never dropped without a word.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Spec: Booking

| Field | Value |
|---|---|
| Table name | \`bookings\` |

## Fields

| Field | Type | Required | Description |
|---|---|---|---|
| id | UUID | Yes | Primary key |
| guests | INTEGER | No | Number of guests |
| nights | INTEGER | No | Length of stay |
| paid | BOOLEAN | Yes | Whether it is paid |
| paid_at | TIMESTAMPTZ | No | When it was paid |
| notes | TEXT | No | Free text |

## Business Rules

- \`guests\` must be at least 1 when provided — enforced by a CHECK constraint.
- \`nights\` must be > 0 (enforced in the service).
- \`paid_at\` is required when \`paid = true\` and the payment was made by card.
- \`notes\` are shown to staff only.
- Bookings are never hard-deleted.
`;

describe("business rule sentences that start with a column's name", () => {
  it("reads the rule, leaving out where it is enforced and 'when provided'", async () => {
    const r = await load(SPEC);
    const t = r.ir!.tables.find((x) => x.name === "bookings")!;
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    expect(c("guests").minimum).toBe(1);
    expect(c("nights").exclusiveMinimum).toBe(0);
  });

  it("warns, quoting it, about a rule sentence it cannot read, and leaves prose alone", async () => {
    const r = await load(SPEC);
    const warned = r.diagnostics.filter((d) => d.code === "SF108" && d.message.includes("bookings.paid_at"));
    expect(warned).toHaveLength(1);
    expect(warned[0]!.message).toContain("paid_at is required when paid = true and the payment");
    expect(r.ir!.tables.find((x) => x.name === "bookings")!.columns.find((x) => x.name === "paid_at")!.nullable).toBe(true);
    // No rule word: a description, not a rule; no column named: prose.
    expect(r.diagnostics.some((d) => d.message.includes("shown to staff") || d.message.includes("hard-deleted"))).toBe(false);
  });
});
