// Which sections are tables and which are not: a spreadsheet's tab named "X Sheet", a heading
// in a Latin-script language whose first word has accents, an "Enums" list written with a dash
// ("- `kind_of_trip` — `day` | `night`."), enum bullets that look like a table's column list,
// the values of an "enum" column listed after the table under a label ("Lamp state:"), and a
// block of one table a line written as a signature ("lamps(id PK, label, watts INT)").
import { describe, expect, it } from "vitest";
import { load, where } from "./helpers.js";

const tableNames = (r: Awaited<ReturnType<typeof load>>) => r.ir!.tables.map((t) => t.name).sort();

describe("sections that are tables, and sections that are not", () => {
  it("reads a spreadsheet tab's heading as its table, and the values listed under a label after it", async () => {
    const spec = `# Workshop Tracker

## 2. Lamps Sheet

Columns:

| Column | Type | Required | Description |
|---|---|---|---|
| lamp_id | string | Yes | Key |
| label | string | Yes | Shown on the shelf |
| state | enum | Yes | Where the lamp is |
| wattage | number | No | Rated power |

Lamp state:

\`\`\`text
lit
dim
off
\`\`\`

## 3. Repairs Sheet

| Column | Type | Required | Description |
|---|---|---|---|
| repair_id | string | Yes | Key |
| lamp_id | string | Yes | Related lamp |
| outcome | enum | Yes | Result |

Outcomes:

- fixed
- scrapped
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["lamps", "repairs"]);
    const state = r.ir!.tables.find((t) => t.name === "lamps")!.columns.find((c) => c.name === "state")!;
    expect(state.type).toMatchObject({ kind: "enum", values: ["lit", "dim", "off"] });
    const outcome = r.ir!.tables.find((t) => t.name === "repairs")!.columns.find((c) => c.name === "outcome")!;
    expect(outcome.type).toMatchObject({ kind: "enum", values: ["fixed", "scrapped"] });
  });

  it("leaves a label's values alone when the column it names lists its own, or is no enum", async () => {
    const spec = `# Shelf

## shelves

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| finish | enum(oak, pine) | |
| name | text | |

Finish:

- walnut
- teak
`;
    const r = await load(spec);
    const finish = r.ir!.tables[0]!.columns.find((c) => c.name === "finish")!;
    expect(finish.type).toMatchObject({ kind: "enum", values: ["oak", "pine"] });
  });

  it("does not read a heading word with accents as a table's name", async () => {
    const spec = `# Modèle

## Données générales

Quelques règles pour toutes les tables.

## kettles

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| volume_ml | integer | not null |
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["kettles"]);
  });

  it("reads an Enums list whose names and values are set apart by a dash, and the columns that name them", async () => {
    const spec = `# Trips

## Enums

- \`trip_kind\` — \`day\` | \`overnight\` | \`week\`.
- \`meal_plan\` – \`none\` | \`breakfast\` | \`full\`

## trips

| Column | Type | Notes |
| --- | --- | --- |
| \`id\` | \`uuid\` PK | |
| \`kind\` | \`trip_kind\` default \`'day'\` | |
| \`meals\` | \`meal_plan\`, nullable | |
`;
    const r = await load(spec);
    expect(r.diagnostics.filter((d) => d.code === "SF103")).toEqual([]);
    const trips = r.ir!.tables.find((t) => t.name === "trips")!;
    expect(trips.columns.find((c) => c.name === "kind")!.type).toMatchObject({ kind: "enum", values: ["day", "overnight", "week"] });
    expect(trips.columns.find((c) => c.name === "meals")!.type).toMatchObject({ kind: "enum", values: ["none", "breakfast", "full"] });
  });

  it("reads bullets under an Enums heading inside an entity's part as enums, not as a table's columns", async () => {
    const spec = `# Garden

## 1. Plant model (in memory)

### Plant

| Field | Type | Description |
|---|---|---|
| id | str | key |
| stage | Stage | how grown |

### Enum

- \`Stage\`: seed, sprout, bloom
- \`Light\`: shade, partial, full

## 2. Storage

### beds

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| light | Light | |
`;
    const r = await load(spec);
    const beds = r.ir!.tables.find((t) => t.name === "beds")!;
    expect(beds.columns.find((c) => c.name === "light")!.type).toMatchObject({ kind: "enum", values: ["shade", "partial", "full"] });
    expect(tableNames(r)).not.toContain("stage");
    expect(tableNames(r)).not.toContain("light");
  });

  it("reads a block of table signatures, one a line, with types and keys where written", async () => {
    const spec = `# Bench

## Storage

\`\`\`sql
benches(id PK, location, seats INT, painted_at)
bench_visits(id PK, bench_id FK, visitor, minutes INTEGER NOT NULL)
\`\`\`
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["bench_visits", "benches"]);
    const visits = r.ir!.tables.find((t) => t.name === "bench_visits")!;
    expect(visits.columns.map((c) => c.name)).toEqual(["id", "bench_id", "visitor", "minutes"]);
    const minutes = visits.columns.find((c) => c.name === "minutes")!;
    expect(minutes.type.kind).toBe("integer");
    expect(minutes.nullable).toBe(false);
    expect(r.ir!.tables.find((t) => t.name === "benches")!.primaryKey).toBe("id");
  });

  it("leaves a block of calls alone", async () => {
    const spec = `# Bench

## benches

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |

\`\`\`text
paint(bench, colour)
move(bench, place)
\`\`\`
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["benches"]);
    void where;
  });
});

describe("tables named in a list, their columns described in words", () => {
  it("says where each one is instead of dropping it or inventing a table from the heading", async () => {
    const spec = `# Bakery data

## Ovens group

- \`ovens\`: the oven's number, its model, last service date, whether it is on.
- \`bakes\`: which oven, the loaf kind, start time, end time.
- \`loaf_kinds\`: named kinds.
`;
    const r = await load(spec);
    const warned = r.diagnostics.filter((d) => d.code === "SF134");
    expect(warned.map((d) => d.message.split('"')[1])).toEqual(["ovens", "bakes", "loaf_kinds"]);
    expect(where(warned[0]!)).toBe("5:4");
    expect(r.ir?.tables.map((t) => t.name) ?? []).toEqual([]);
  });

  it("stays quiet on a list of notes about names", async () => {
    const spec = `# Bakery data

## ovens

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| model | text | |

## Notes

- \`model\`: free text.
- \`id\`: made by the database.
`;
    const r = await load(spec);
    expect(r.diagnostics.filter((d) => d.code === "SF134")).toEqual([]);
  });
});

describe("an entity heading that gives its table's name beside it", () => {
  it("takes the name in parentheses when it is the entity's words written as a table's", async () => {
    const spec = `# Kiln log

### KilnFiring (kiln_firings)

| Field | Type | Notes |
|---|---|---|
| id | Integer | primary key |
| peak_temp | Integer | degrees |

### GlazeBatch (glaze_batches)

| Field | Type | Notes |
|---|---|---|
| id | Integer | primary key |
| colour | String(40) | |

### ShelfSlot (storage)

| Field | Type | Notes |
|---|---|---|
| id | Integer | primary key |
| label | String(20) | |
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["glaze_batches", "kiln_firings", "shelf_slots"]);
  });
});

describe("a heading over a group of time and author columns", () => {
  it("is no table, and is said at its heading", async () => {
    const spec = `# Kiln log

## firings

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| peak_temp | integer | |

## Audit trail

- \`created_by\`
- \`created_at\`
- \`changed_at\`
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["firings"]);
    expect(r.ir!.tables[0]!.columns.map((c) => c.name)).toEqual(["id", "peak_temp"]);
    const d = r.diagnostics.find((x) => x.code === "SF135")!;
    expect(where(d)).toBe("10:4");
  });

  it("leaves a table whose columns include times alone", async () => {
    const spec = `# Kiln log

## firings

- id: uuid, primary key
- started_at: timestamp
- ended_at: timestamp
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["firings"]);
    expect(r.diagnostics.filter((x) => x.code === "SF135")).toEqual([]);
  });
});

describe("a heading naming a column's values", () => {
  it("gives the values to the one table with that column, and makes no table of its own", async () => {
    const spec = `# Kiln log

## firings

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| phase | text | |

### Phase values

- loading
- heating
- cooling
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["firings"]);
    const firings = r.ir!.tables[0]!;
    expect(JSON.stringify(firings)).toContain("'loading', 'heating', 'cooling'");
  });

  it("says so when two tables have the column", async () => {
    const spec = `# Kiln log

## firings

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| phase | text | |

## glazes

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |
| phase | text | |

## Phase values

- raw
- done
`;
    const r = await load(spec);
    expect(tableNames(r)).toEqual(["firings", "glazes"]);
    expect(r.diagnostics.some((d) => d.code === "SF113" && d.message.includes("several tables"))).toBe(true);
  });
});
