// A YAML data model written as lists: "entities:" (or "models:", a "tables:" list) over
// "- name: Kennel" items, each with "fields:" (or "columns:", "attributes:") over "- name: label"
// items carrying type, flags, bounds ("max_length: 40") and an enum's values. Read as the YAML
// form's tables, every name keeping its line; before, the document was refused (SF302: the
// document needs "tables").
import { describe, expect, it } from "vitest";
import { codes, column, load, table } from "./helpers.js";

const KENNELS = (top: string, fields: string) => `# Boarding kennels
${top}:
  - name: Kennel
    ${fields}:
      - name: id
        type: uuid
        primary: true
      - name: label
        type: string
        required: true
        max_length: 40
      - name: size
        type: enum
        values: [small, medium, large]
        default: medium
  - name: Stay
    ${fields}:
      - name: id
        type: uuid
        primary: true
      - name: kennel_id
        type: uuid
        references: Kennel.id
        required: true
      - name: nights
        type: integer
        min: 1
        max: 60
      - name: arrives_on
        type: date
`;

describe("a YAML data model written as lists", () => {
  it.each([
    ["entities", "fields"],
    ["models", "attributes"],
    ["tables", "columns"],
  ])("%s over %s", async (top, fields) => {
    const r = await load(KENNELS(top, fields), undefined, "yaml");
    expect(codes(r).filter((c) => c === "SF302" || c === "SF303")).toEqual([]);
    expect(r.ir?.tables.map((t) => t.name).sort()).toEqual(["kennel", "stay"]);
    const k = table(r.ir!, "kennel");
    expect(column(k, "label").type).toEqual({ kind: "string" });
    expect(column(k, "label").maxLength).toBe(40);
    expect(column(k, "label").nullable).toBe(false);
    expect(column(k, "size").type).toEqual({ kind: "enum", values: ["small", "medium", "large"] });
    const s = table(r.ir!, "stay");
    expect(column(s, "kennel_id").references?.table).toBe("kennel");
    expect([column(s, "nights").minimum, column(s, "nights").maximum]).toEqual([1, 60]);
    // Positions survive the rewriting: the table at its name's line.
    expect(k.span.line).toBe(3);
  });
});
