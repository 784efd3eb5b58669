// A field written as an ODM options object after its name ("- `title`: { type: String,
// required: true, maxlength: 80 }"): each option is the rule it states, not a description.
import { describe, expect, it } from "vitest";
import type { Column } from "../../generator/ir/types.js";
import { load, pos, where } from "./helpers.js";

const SPEC = `# Data model

## Models

### Member

- \`handle\`: { type: String, required: true, unique: true, minlength: 3, maxlength: 24, trim: true }
- \`tier\`: { type: String, enum: ['free', 'plus', 'gold'], default: 'free' }
- \`joinedOn\`: { type: Date, default: Date.now }
- \`bio\`: { type: String }

### Loan

- \`memberId\`: { type: Schema.Types.ObjectId, ref: 'Member', required: [true, 'a loan has a borrower'] }
- \`copies\`: { type: Number, required: true, min: 1, max: 3 }
- \`returned\`: { type: Boolean, default: false }
- \`labels\`: { type: [String] }
- \`code\`: { type: String, match: /^L-\\d+$/ }
- \`shelf\`: { type: String, validate: isShelf }
`;

const show = (c: Column) =>
  [c.name, c.type.kind, c.nullable ? "null" : "not null", c.unique ? "unique" : "", c.minLength ?? "", c.maxLength ?? "", c.minimum ?? "", c.maximum ?? "", c.references ? `-> ${c.references.table}` : ""].join(" ").replace(/\s+/g, " ").trim();

describe("a field's options object", () => {
  it("reads each option as the rule it states", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const members = r.ir!.tables.find((t) => t.name === "members")!;
    const col = (t: typeof members, n: string) => t.columns.find((c) => c.name === n)!;
    expect(show(col(members, "handle"))).toBe("handle string not null unique 3 24");
    const tier = col(members, "tier");
    expect(tier.type).toMatchObject({ kind: "enum", values: ["free", "plus", "gold"] });
    expect(tier.default).toEqual({ kind: "literal", value: "free" });
    expect(col(members, "joinedOn").type.kind).toBe("timestamp");
    expect(col(members, "joinedOn").default).toMatchObject({ kind: "now" });
    expect(col(members, "bio").nullable).toBe(true);
    const loans = r.ir!.tables.find((t) => t.name === "loans")!;
    expect(show(col(loans, "memberId"))).toBe("memberId uuid not null -> members");
    expect(show(col(loans, "copies"))).toMatch(/^copies \w+ not null 1 3$/);
    expect(col(loans, "returned").default).toEqual({ kind: "literal", value: false });
    expect(col(loans, "labels").type.kind).toBe("array");
  });

  it("says where an option it cannot enforce was written", async () => {
    const r = await load(SPEC);
    const d = r.diagnostics.find((x) => x.message.includes("validate"));
    expect(d).toBeDefined();
    expect(where(d!)).toBe(pos(SPEC, "validate: isShelf"));
    // A match option is the pattern the value must have: enforced, so not warned about.
    expect(r.diagnostics.find((x) => x.message.includes("match"))).toBeUndefined();
    expect(r.ir!.tables.find((t) => t.name === "loans")!.columns.find((c) => c.name === "code")!.pattern).toBe("^L-\\d+$");
  });

  it("leaves a nested shape with no field options as it was", async () => {
    const r = await load("# Data model\n\n### Shop\n\n- `name`: { type: String, required: true }\n- `address`: { street: String, city: String }\n");
    const shops = r.ir!.tables.find((t) => t.name === "shops")!;
    expect(shops.columns.find((c) => c.name === "name")!.nullable).toBe(false);
    expect(shops.columns.find((c) => c.name === "address")).toBeDefined();
  });
});
