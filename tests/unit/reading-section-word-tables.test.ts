// A table under a heading whose word is also a section's ("## models", "## Tables"): a word
// that is also a thing apps store names the table; any other section title names none, and the
// reader says so at the table (a warning: it may be the columns every table shares). Before, both
// were dropped without a word.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const page = (heading: string, body: "grid" | "bullets") =>
  [
    "# Storage",
    "",
    "## users",
    "- id: text, primary key",
    "- email: varchar(255), unique",
    "",
    `## ${heading}`,
    "",
    ...(body === "grid"
      ? ["| Column | Type | Constraints |", "|---|---|---|", "| id | serial | PK |", "| user_id | text | FK → users.id |", "| label | varchar(60) | not null |"]
      : ["- id: serial primary key", "- user_id: text FK → users.id", "- label: varchar(60), not null"]),
    "",
  ].join("\n");

describe("a column table or list under a section's word", () => {
  it("is the table the word names when apps store such things", async () => {
    for (const body of ["grid", "bullets"] as const) {
      for (const heading of ["models", "Projects"]) {
        const r = await load(page(heading, body));
        expect(r.diagnostics.filter((d) => d.severity === "error"), `${heading} ${body}`).toEqual([]);
        const t = table(r.ir!, heading.toLowerCase());
        expect(column(t, "label"), `${heading} ${body}`).toMatchObject({ type: { kind: "string", maxLength: 60 }, nullable: false });
        expect(t.owner).toBe("user_id");
      }
    }
  });

  it("is a warning at a column table whose heading names no table", async () => {
    const r = await load(page("Tables", "grid"));
    const e = r.diagnostics.find((d) => d.code === "SF130");
    expect(e).toMatchObject({ severity: "warning", span: { line: 9 } });
    expect(e!.message).toContain('"Tables"');
  });

  it("is a warning at a column list whose heading names no table", async () => {
    const r = await load(page("Conventions", "bullets"));
    const w = r.diagnostics.find((d) => d.code === "SF130");
    expect(w).toMatchObject({ severity: "warning", span: { line: 9 } });
    expect(w!.message).toContain("not generated");
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["users"]);
  });
});
