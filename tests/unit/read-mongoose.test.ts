// Mongoose schemas pasted into a spec: each model a table, each path a column with the rules
// its options state; what is not understood is SF113 at its place.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { load } from "./helpers.js";

const SPEC = [
  "# Climbing club",
  "",
  "```js",
  "const memberSchema = new mongoose.Schema({",
  "  nickname: { type: String, required: [true, 'needed'], unique: true, minlength: 2, maxlength: 24 },",
  "  grade: { type: String, enum: { values: ['novice', 'lead', 'expert'], message: 'no' }, default: 'novice' },",
  "  postcode: { type: String, match: /^[0-9]{5}$/ },",
  "}, { timestamps: true });",
  "module.exports = mongoose.model('Member', memberSchema);",
  "```",
  "",
  "```ts",
  "const ascentSchema = new Schema({",
  "  climber: { type: Schema.Types.ObjectId, ref: 'Member', required: true },",
  "  route: { type: String, required: true },",
  "  attempts: { type: Number, min: 1, max: 50, default: 1 },",
  "  tags: [{ type: String }],",
  "  gear: { rope: String, quickdraws: Number },",
  "  loggedAt: { type: Date, default: Date.now },",
  "  checkedBy: { type: String, validate: (v: string) => v.length > 0 },",
  "});",
  "ascentSchema.index({ climber: 1, route: 1 }, { unique: true });",
  "export const Ascent = model('Ascent', ascentSchema);",
  "```",
  "",
].join("\n");

describe("Mongoose schemas", () => {
  it("are told from other JavaScript by `new Schema(`", () => {
    expect(blockLanguage("js", "const s = new mongoose.Schema({ a: String })")).toBe("mongoose");
    expect(blockLanguage("javascript", "const x = 1;")).toBeNull();
    expect(blockLanguage("", "const s = new Schema({ a: String })")).toBe("mongoose");
  });

  it("reads models, paths and their rules", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const t = (n: string) => r.ir!.tables.find((x) => x.name === n)!;
    const col = (n: string, c: string) => t(n).columns.find((x) => x.name === c)!;
    expect(r.ir!.tables.map((x) => x.name).sort()).toEqual(["ascents", "members"]);
    expect(col("members", "nickname")).toMatchObject({ nullable: false, unique: true, minLength: 2, maxLength: 24 });
    expect(col("members", "grade").type).toMatchObject({ kind: "enum", values: ["novice", "lead", "expert"] });
    expect(col("members", "postcode").pattern).toBe("^[0-9]{5}$");
    expect(t("members").columns.map((c) => c.name)).toEqual(expect.arrayContaining(["id", "createdAt", "updatedAt"]));
    expect(col("ascents", "climber")).toMatchObject({ nullable: false, references: { table: "members", column: "id" } });
    expect(col("ascents", "attempts")).toMatchObject({ minimum: 1, maximum: 50 });
    expect(col("ascents", "gear").type.kind).toBe("json");
    expect(col("ascents", "loggedAt").default).toMatchObject({ kind: "now" });
    expect(t("ascents").indexes.some((i) => i.unique && i.columns.join() === "climber,route")).toBe(true);
    const sf113 = r.diagnostics.filter((d) => d.code === "SF113");
    expect(sf113.map((d) => d.message)).toEqual([expect.stringContaining("validator is code")]);
    expect(sf113[0]!.span.line).toBe(20);
  });
});
