// Rules written as sentences in a list of rules under the tables (a "Rules:" label or a rules
// heading), in the phrasings people use: a sign ("can't be negative", "must not be zero or
// negative"), inclusive bounds in words ("greater than or equal to 2"), lengths with "long" and
// "limited to", a date or time kept as text held to its template ("formatted as YYYY-MM",
// "HH:mm"), "can only be a or b" with bare values, hex colours written with an example, lower
// case. A sentence about a column that states a rule nobody reads is quoted in a warning, never
// dropped without a word.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { Column, IR } from "../../generator/ir/types.js";
import { dateTemplatePattern, isDateTemplatePattern } from "../../generator/ir/date-templates.js";

const SCHEMA = `# Savings

\`\`\`prisma
model Jar {
  id        Int     @id @default(autoincrement())
  ownerId   String
  title     String
  goal      Decimal
  savedAt   String
  opensAt   String?
  colour    String?
  slug      String?
  kind      String
  shelf     Int
  motto     String?
  stars     Int     // 1-5, enforced by a CHECK in the migration
  every     Int
  share     Int
  phone     String?
  currency  String?
  handle    String?
  tag       String?
  level     Int
  note      String?
  startDate DateTime
  endDate   DateTime?
}
\`\`\`

Rules:
- goal can't be negative
- shelf must not be zero or negative
- shelf must be less than or equal to 12
- title is limited to 40 characters
- motto should be at most 90 characters long
- savedAt is formatted as YYYY-MM
- opensAt must be in HH:mm format
- colour must be a hex color like #RRGGBB
- slug must be lowercase
- kind can only be coins or notes
- motto must rhyme with the title
- every must be 1, 7 or 30
- share is a percentage
- phone must be a valid phone number
- currency is a 3-letter currency code
- handle must start with a letter
- tag has no spaces
- level must be a positive integer in the range 1-9
- note must not be empty or whitespace
- endDate must be after the start date
`;

async function read(): Promise<{ ir: IR; warnings: string[] }> {
  const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(r.ir, JSON.stringify(r.diagnostics)).toBeTruthy();
  return { ir: r.ir!, warnings: r.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => `${d.code} ${d.message}`) };
}
const col = (ir: IR, name: string): Column => ir.tables.find((t) => t.name === "jars")!.columns.find((c) => c.name === name)!;

describe("rule sentences in a list of rules", () => {
  it("reads a sign, an inclusive bound in words and lengths said with 'long' or 'limited to'", async () => {
    const { ir } = await read();
    expect(col(ir, "goal").minimum).toBe(0);
    expect(col(ir, "shelf").exclusiveMinimum).toBe(0);
    expect(col(ir, "shelf").maximum).toBe(12);
    expect(col(ir, "title").maxLength).toBe(40);
    expect(col(ir, "motto").maxLength).toBe(90);
    // A range opening a field's comment, a clause after it.
    expect([col(ir, "stars").minimum, col(ir, "stars").maximum]).toEqual([1, 5]);
  });

  it("holds a date or time kept as text to its template, and reads colours, lower case and 'can only be'", async () => {
    const { ir } = await read();
    const month = new RegExp(col(ir, "savedAt").pattern!, "u");
    expect(["2024-01", "1999-12"].every((v) => month.test(v))).toBe(true);
    expect(["2024-13", "2024-1", "24-01", "2024-01-05"].some((v) => month.test(v))).toBe(false);
    const clock = new RegExp(col(ir, "opensAt").pattern!, "u");
    expect(clock.test("09:30") && clock.test("23:59")).toBe(true);
    expect(clock.test("24:00") || clock.test("9:30") || clock.test("09:60")).toBe(false);
    expect(col(ir, "colour").pattern).toBe("^#[0-9A-Fa-f]{6}$");
    expect(new RegExp(col(ir, "slug").pattern!, "u").test("Big-Jar")).toBe(false);
    expect(new RegExp(col(ir, "slug").pattern!, "u").test("big-jar")).toBe(true);
    expect(col(ir, "kind").type).toMatchObject({ kind: "enum", values: ["coins", "notes"] });
  });

  it("reads numbers listed after 'be', a percentage, a range in words, and the shapes of codes, phones and handles", async () => {
    const { ir } = await read();
    expect(col(ir, "every").type).toMatchObject({ kind: "integer" });
    expect(col(ir, "every").oneOf).toEqual([1, 7, 30]);
    expect([col(ir, "share").minimum, col(ir, "share").maximum]).toEqual([0, 100]);
    expect([col(ir, "level").exclusiveMinimum, col(ir, "level").minimum, col(ir, "level").maximum]).toEqual([0, 1, 9]);
    const holds = (name: string, ok: string[], bad: string[]) => {
      const re = new RegExp(col(ir, name).pattern!, "u");
      for (const v of ok) expect(re.test(v), `${name} ${v}`).toBe(true);
      for (const v of bad) expect(re.test(v), `${name} ${v}`).toBe(false);
    };
    holds("phone", ["+44 20 7946 0958", "(555) 010-9999"], ["call me", "12"]);
    holds("currency", ["EUR"], ["eur", "EURO"]);
    holds("handle", ["ada_1"], ["1ada", "_ada"]);
    holds("tag", ["no-space"], ["has space"]);
    holds("note", ["x"], ["   "]);
  });

  it("compares with a column written as its words ('after the start date': startDate)", async () => {
    const { ir } = await read();
    const checks = ir.tables.find((t) => t.name === "jars")!.checks ?? [];
    expect(checks.map((c) => c.sql)).toContain('"endDate" > "startDate"');
  });

  it("quotes a rule sentence it cannot read, naming the column", async () => {
    const { warnings } = await read();
    expect(warnings.filter((w) => w.startsWith("SF108"))).toEqual([expect.stringMatching(/"rhyme with the title" on column "jars\.motto" is not understood/)]);
  });

  it("makes patterns a Unicode-mode validator compiles, and knows them again", () => {
    for (const t of ["YYYY-MM-DD", "DD.MM.YYYY", "HH:mm:ss", "YYYY/MM/DD HH:MM"]) {
      const p = dateTemplatePattern(t);
      expect(() => new RegExp(p, "u")).not.toThrow();
      expect(isDateTemplatePattern(p)).toBe(true);
    }
    expect(new RegExp(dateTemplatePattern("DD.MM.YYYY"), "u").test("31.12.2024")).toBe(true);
    expect(new RegExp(dateTemplatePattern("DD.MM.YYYY"), "u").test("31-12-2024")).toBe(false);
    expect(isDateTemplatePattern("^[a-z]+$")).toBe(false);
  });
});
