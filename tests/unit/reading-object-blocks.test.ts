// A document-store spec written as shapes: a heading "🔸 Member Schema" (a decoration mark and
// the word Schema around the entity) over a js block that is one object literal of fields, with
// "ref: Member" naming the model an ObjectId points at. Each is a table, its fields the columns.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const FENCE = "```";
const SPEC = `# 📚 Data design

## 🔸 Member Schema

${FENCE}js
{
  nickname: String,
  email: { type: String, unique: true, required: true },
  joinedAt: Date, // when they joined
}
${FENCE}

## Review Schema

${FENCE}js
const reviewSchema = {
  title: { type: String, required: true, maxlength: 120 },
  reviewer: ObjectId (ref: Member),
  stars: { type: Number, min: 1, max: 5 }
};
${FENCE}

## Database Schema

Nothing else is stored.
`;

describe("shapes in js blocks under entity headings", () => {
  it("reads each block as its heading's table, and 'ref: Member' as a reference that owns the rows", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["members", "reviews"]);
    const reviews = r.ir!.tables.find((t) => t.name === "reviews")!;
    const c = (n: string) => reviews.columns.find((x) => x.name === n)!;
    expect(c("title")).toMatchObject({ nullable: false, maxLength: 120 });
    expect(c("reviewer").references).toMatchObject({ table: "members" });
    expect(c("stars")).toMatchObject({ minimum: 1, maximum: 5 });
    expect(reviews.owner).toBe("reviewer");
    const members = r.ir!.tables.find((t) => t.name === "members")!;
    expect(members.columns.find((x) => x.name === "email")).toMatchObject({ unique: true, nullable: false });
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});
