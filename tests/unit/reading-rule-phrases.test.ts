// Rules as data-model documents phrase them beside a field or in a "Validation rules" list:
// bounds in words, named formats, value lists, and rules for fields written with no type.
import { describe, expect, it } from "vitest";
import { interpretConstraint } from "../../generator/ir/constraints.js";
import { load, table } from "./helpers.js";

describe("rule phrases", () => {
  it.each([
    ["cannot exceed 12", { max: 12 }],
    ["must not exceed 300 characters", { max: 300 }],
    ["must match pattern `^[a-z]+$`", { pattern: "^[a-z]+$" }],
    ["matches the regex /^[0-9]{4}$/", { pattern: "^[0-9]{4}$" }],
    ["E.164 format", { pattern: "^\\+[1-9]\\d{1,14}$" }],
    ["RFC 5322 format", { format: "email" }],
    ["valid RFC 5322 (basic)", { format: "email" }],
    ["must be a valid enum value (RED, AMBER, GREEN)", { enumValues: ["RED", "AMBER", "GREEN"] }],
  ])("%s", (text, want) => {
    expect(interpretConstraint(text)).toEqual(want);
  });

  it("reads exceed as a bound only when it is refused ('exceeds 5' alone says nothing)", () => {
    expect(interpretConstraint("exceeds 5").max).toBeUndefined();
  });

  it("ends a bare expression in parentheses before the parenthesis that closes them", () => {
    expect(interpretConstraint("E.164 format (regex ^[0-9]+$)").pattern).toBe("^[0-9]+$");
    expect(interpretConstraint("regex ^(ab)+$").pattern).toBe("^(ab)+$");
  });
});

describe("a field list and its validation list", () => {
  const SPEC = `# Data model

### Entity: Kiosk

**Fields**:
- \`id\`: UUID, primary key
- \`mode\`: enum [idle, busy, broken], default idle
- \`state\`: KioskState (online | offline)
- \`phone\`: string, optional
- \`contact_email\`: string

**Validation Rules**:
- \`phone\`: Optional, E.164 format (regex \`^\\+[1-9]\\d{1,14}$\`)
- \`contact_email\`: Required, RFC 5322 format, max 120 chars

### Entity: Panel

- \`id\`: UUID
- \`kiosk_id\`: UUID, references Kiosk
- \`tier\`: Required, must be a valid enum value (BASIC, PLUS)
- \`is_lit\`: Defaults to false
- \`page_count\`: min 1, max 500
`;

  it("keeps enum values in brackets, and the values beside an enum's name", async () => {
    const r = await load(SPEC);
    const k = table(r.ir!, "kiosks");
    expect(k.columns.find((c) => c.name === "mode")!.type).toMatchObject({ kind: "enum", values: ["idle", "busy", "broken"] });
    expect(k.columns.find((c) => c.name === "mode")!.default).toEqual({ kind: "literal", value: "idle" });
    expect(k.columns.find((c) => c.name === "state")!.type).toMatchObject({ kind: "enum", values: ["online", "offline"] });
  });

  it("applies the named formats of the validation list", async () => {
    const r = await load(SPEC);
    const k = table(r.ir!, "kiosks");
    expect(k.columns.find((c) => c.name === "phone")!.pattern).toBe("^\\+[1-9]\\d{1,14}$");
    expect(k.columns.find((c) => c.name === "contact_email")).toMatchObject({ format: "email", maxLength: 120, nullable: false });
    expect(r.diagnostics.filter((d) => d.code === "SF108" || d.code === "SF103")).toEqual([]);
  });

  it("reads rules where a type would be as rules, and applies them once the type is inferred", async () => {
    const r = await load(SPEC);
    const p = table(r.ir!, "panels");
    expect(p.columns.find((c) => c.name === "tier")!.type).toMatchObject({ kind: "enum", values: ["BASIC", "PLUS"] });
    expect(p.columns.find((c) => c.name === "is_lit")).toMatchObject({ type: { kind: "boolean" }, default: { kind: "literal", value: false } });
    expect(p.columns.find((c) => c.name === "page_count")).toMatchObject({ type: { kind: "integer" }, minimum: 1, maximum: 500 });
    expect(r.diagnostics.filter((d) => d.code === "SF103" || d.code === "SF108")).toEqual([]);
  });
});
