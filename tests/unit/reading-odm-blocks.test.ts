// An ODM schema pasted as a js/ts block ("const hiveSchema = new mongoose.Schema({ ... })"): a
// table named by the model it registers, its fields' options read as rules, a sub-document's
// schema kept inside its parent (a json column), the schema's own indexes, and its timestamps.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const FENCE = "```";
const SPEC = `# Data model

## Apiary

${FENCE}js
const inspectionSchema = new mongoose.Schema({
  seenQueen: { type: Boolean, required: true },
}, { _id: false });

// a hive and its checks
const hiveSchema = new mongoose.Schema({
  label: { type: String, required: [true, 'label needed'], maxlength: [40, 'too long'] },
  keeper: { type: mongoose.Schema.Types.ObjectId, ref: 'Keeper', required: true },
  frames: { type: Number, min: 1, max: 20, default: 10 },
  breed: { type: String, enum: ['carnica', 'ligustica', 'buckfast'] },
  installed: Date,
  checks: [inspectionSchema],
  location: { lat: Number, lng: Number },
}, { timestamps: true });

hiveSchema.index({ keeper: 1, label: 1 }, { unique: true });

module.exports = mongoose.model('Hive', hiveSchema);
${FENCE}

## Keepers

${FENCE}ts
const KeeperSchema = new Schema({
  email: { type: String, required: true, unique: true },
});
export default model('Keeper', KeeperSchema);
${FENCE}
`;

describe("an ODM schema in a code block", () => {
  it("reads its tables, fields, rules, indexes and timestamps", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["hives", "keepers"]);
    const hives = r.ir!.tables.find((t) => t.name === "hives")!;
    const c = (n: string) => hives.columns.find((x) => x.name === n)!;
    expect(c("label")).toMatchObject({ nullable: false });
    expect(c("label").maxLength).toBe(40);
    expect(c("keeper").references).toMatchObject({ table: "keepers" });
    expect(c("frames")).toMatchObject({ minimum: 1, maximum: 20, default: { kind: "literal", value: 10 } });
    expect(c("breed").type).toMatchObject({ kind: "enum", values: ["carnica", "ligustica", "buckfast"] });
    expect(c("installed").type.kind).toBe("timestamp");
    expect(c("checks").type.kind).toBe("json");
    expect(c("location").type.kind).toBe("json");
    expect(c("createdAt").default).toMatchObject({ kind: "now" });
    expect(hives.indexes.find((i) => i.unique)?.columns).toEqual(["keeper", "label"]);
    const keepers = r.ir!.tables.find((t) => t.name === "keepers")!;
    expect(keepers.columns.find((x) => x.name === "email")).toMatchObject({ nullable: false, unique: true });
  });
});
