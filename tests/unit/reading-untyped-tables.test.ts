// Tables a reader sees even when the spec writes no types, references written in a column's
// note, a document store's types in a Markdown table or JavaScript object, and enum catalogues:
// each a class of notation, tested with small specs of our own in several spellings.
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { migrationCode } from "../../generator/emit/migration-code.js";
import { load } from "./helpers.js";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}
const col = (t: Table, name: string) => {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name} in ${t.name}: ${t.columns.map((x) => x.name).join(", ")}`);
  return c;
};
const notes = (r: Awaited<ReturnType<typeof load>>) => r.notes.map((n) => n.message).join("\n");

describe("a section of bullets without types", () => {
  const spec = `# Workshop planner

## Member
- id
- email
- joined_at

## Application
- id
- applicant (Member.id)
- mentor_id -> members.id
- is_accepted
- submitted_at

## Domain
- id
- label
- parent_id — belongs to Domain
- application_id → Application
- created_at

## Goals
- quick
- friendly
- offline

## Project
- Members can apply to a workshop.
- Mentors accept or decline.
`;

  it("is a table when its heading is a section word that names a thing and its bullets read as fields", async () => {
    const r = await load(spec);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["applications", "domains", "members"]);
    const apps = table(r.ir, "applications");
    expect(col(apps, "is_accepted").type).toEqual({ kind: "boolean" });
    expect(col(apps, "submitted_at").type).toMatchObject({ kind: "timestamp" });
    expect(notes(r)).toMatch(/column "applications\.is_accepted" has no type; read as boolean/);
  });

  it("reads a reference in brackets, after an arrow, or in words, in any case or number of the table's name", async () => {
    const r = await load(spec);
    const apps = table(r.ir, "applications");
    expect(col(apps, "applicant").references).toMatchObject({ table: "members", column: "id" });
    expect(col(apps, "applicant").type).toMatchObject({ kind: "uuid" });
    expect(col(apps, "mentor_id").references).toMatchObject({ table: "members", column: "id" });
    const domains = table(r.ir, "domains");
    expect(col(domains, "parent_id").references).toMatchObject({ table: "domains", column: "id" });
    expect(col(domains, "application_id").references).toMatchObject({ table: "applications", column: "id" });
    expect(notes(r)).toMatch(/"applications\.applicant": its notes \("Member\.id"\) name table "members"/);
  });

  it("puts every reference it reads in the migration", async () => {
    const r = await load(spec);
    const plan = planMigrations(r.ir!, NO_PREVIOUS).plan.migration!;
    const code = migrationCode(plan.up, false).join("\n");
    expect(code).toMatch(/applicant"\)[^\n]*\.references\("id"\)\.inTable\("members"\)/);
    expect(code).toMatch(/parent_id"\)[^\n]*\.references\("id"\)\.inTable\("domains"\)/);
    expect(code).toMatch(/application_id"\)[^\n]*\.references\("id"\)\.inTable\("applications"\)/);
  });

  it("leaves a list of words or of sentences alone, even under such a heading", async () => {
    const r = await load(spec);
    expect(r.ir!.tables.map((t) => t.name)).not.toContain("projects");
    expect(r.ir!.tables.map((t) => t.name)).not.toContain("goals");
  });
});

describe("a reference in a Markdown table's notes cell", () => {
  const spec = `# Boards

| field | type | notes |
|---|---|---|

## people
| field | type | notes |
|---|---|---|
| id | uuid | primary key |
| email | text | unique |

## boards
| field | type | notes |
|---|---|---|
| id | uuid | primary key |
| owner | uuid | (\`person.id\`) |

## cards
| field | type | notes |
|---|---|---|
| id | uuid | primary key |
| lane | uuid | belongs to Board |
| reviewer | uuid | \`People.id\`, nullable |
| caption | text | belongs to a board's theme |
`;

  it("is the key of the table it names; a text column's prose is no key", async () => {
    const r = await load(spec);
    expect(col(table(r.ir, "boards"), "owner").references).toMatchObject({ table: "people", column: "id" });
    const cards = table(r.ir, "cards");
    expect(col(cards, "lane").references).toMatchObject({ table: "boards", column: "id" });
    expect(col(cards, "reviewer").references).toMatchObject({ table: "people", column: "id" });
    expect(col(cards, "caption").references).toBeNull();
  });
});

describe("a document store's types", () => {
  it("reads Date as a moment in time and [String] as a list where the spec uses ObjectId", async () => {
    const r = await load(`# Store

## shops
| Field | Type | Notes |
|---|---|---|
| _id | ObjectId | |
| name | String | required |
| openedAt | Date | |
| labels | [String] | |
| extra | Mixed | |
`);
    const shops = table(r.ir, "shops");
    expect(col(shops, "openedAt").type).toMatchObject({ kind: "timestamp" });
    expect(col(shops, "labels").type).toMatchObject({ kind: "array", of: { kind: "string" } });
    expect(col(shops, "extra").type).toEqual({ kind: "json" });
    expect(notes(r)).toMatch(/"shops\.openedAt" is a document store's Date/);
  });

  it("keeps Date a calendar day in a spec with no document store's types", async () => {
    const r = await load(`## shops
| Field | Type | Notes |
|---|---|---|
| id | uuid | pk |
| opened | Date | |
`);
    expect(col(table(r.ir, "shops"), "opened").type).toEqual({ kind: "date" });
  });

  it("in a JavaScript object, makes a field required only where the spec says required", async () => {
    const r = await load(`## Shop

\`\`\`js
{
  title: { type: String, required: true },
  motto: String,
  tags: [String],
  openedAt: Date
}
\`\`\`
`);
    const shops = table(r.ir, "shops");
    expect(col(shops, "title").nullable).toBe(false);
    expect(col(shops, "motto").nullable).toBe(true);
    expect(col(shops, "tags").type).toMatchObject({ kind: "array", of: { kind: "string" } });
  });
});

describe("enums written as tables", () => {
  const spec = `## parcels
| column | type | notes |
|---|---|---|
| id | uuid | pk |
| state | parcel_state | |
| speed | Speed | |

## Enumerations

| Enum | Values |
|---|---|
| parcel_state | \`queued\`, \`moving\`, \`delivered\` |
| unused_kind | a \\| b |

### Speed

| Speed | Meaning |
|---|---|
| slow | cheapest |
| standard | default |
| express | next day |
`;

  it("gives the columns typed by an enum's name its values, and makes no table of them", async () => {
    const r = await load(spec);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["parcels"]);
    const parcels = table(r.ir, "parcels");
    expect(col(parcels, "state").type).toMatchObject({ kind: "enum", values: ["queued", "moving", "delivered"] });
    expect(col(parcels, "speed").type).toMatchObject({ kind: "enum", values: ["slow", "standard", "express"] });
    expect(r.diagnostics.filter((d) => d.code === "SF103")).toEqual([]);
  });
});

describe("plain names under a table's heading, no key among them", () => {
  const spec = `# Shop

## Receipt
- number
- total
- buyer

## labels
- caption
- hex_code

## groups
- vendors
- purchase_orders
- stock_levels

## moods
- calm
- brisk
`;

  it("are a table under an entity's name or when a name is written as a field's; a list of plural names is not", async () => {
    const r = await load(spec);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["labels", "receipts"]);
    expect(col(table(r.ir, "receipts"), "total").type).toMatchObject({ kind: "decimal" });
  });

  it("are said, at the list, when they are read as no table", async () => {
    const r = await load(spec);
    const said = r.diagnostics.filter((d) => d.code === "SF127");
    expect(said.map((d) => `${d.span.line}:${d.span.column}`)).toEqual(["18:3"]);
    expect(said[0]!.message).toMatch(/"moods" lists names with no types/);
  });
});

describe("request and response shapes in a schema document", () => {
  const spec = `# Data

## accounts
- id: uuid pk
- email: text unique

## notes
- id: uuid pk
- account_id: uuid fk -> accounts.id
- body: text not null

## API Models

### NoteSchema
| field | type |
|---|---|
| body | string |

### Request body
- body: string
- pinned: boolean

### NoteOutDTO
- id: uuid
- body: string

## NoteIn (Pydantic)
- body: str
`;

  it("are no tables: under the API's section, named a DTO, marked Pydantic, or a request body", async () => {
    const r = await load(spec);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["accounts", "notes"]);
    expect(notes(r)).toMatch(/"NoteSchema" is a request or response shape/);
    expect(notes(r)).toMatch(/"Request body" is a request or response shape/);
    expect(r.diagnostics.filter((d) => d.code === "SF106" || d.code === "SF126")).toEqual([]);
  });
});
