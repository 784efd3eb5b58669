// The Mermaid erDiagram reader: entities, attributes, keys and relationship lines read into the
// raw shape, every text at its place in the spec file (the block sits in the middle of a
// Markdown file here), and a spec holding only a diagram read through to the IR.
import { describe, expect, it } from "vitest";
import { spanMapper, type ReaderResult } from "../../generator/parse/block.js";
import { loadMermaidReader } from "../../generator/parse/read-mermaid.js";
import { erDiagramAt } from "../../generator/parse/mermaid-shape.js";
import { blockLanguage, loadReaders } from "../../generator/parse/readers.js";
import type { RawColumn, RawTable, RawText } from "../../generator/parse/raw.js";
import { load, pos } from "./helpers.js";

const FILE = "specs/database/schema.md";
const read = loadMermaidReader();

/** A Markdown file with the diagram fenced in its middle; returns the file and what the reader made of the block. */
function inSpec(code: string): { md: string; r: ReaderResult } {
  const head = "# Library\n\nThe lending desk keeps these records.\n\n```mermaid\n";
  const md = `${head}${code}\`\`\`\n\nMore prose.\n`;
  const line = head.split("\n").length;
  const r = read({ text: code, file: FILE, lang: "mermaid", at: spanMapper(code, { file: FILE, line, column: 1 }) }, {});
  return { md, r };
}

const where = (t: RawText | { span: RawText["span"] }) => `${t.span.line}:${t.span.column}`;
const table = (r: ReaderResult, name: string): RawTable => {
  const t = r.tables.find((x) => x.name.text === name);
  if (!t) throw new Error(`no table ${name}; have ${r.tables.map((x) => x.name.text).join(", ")}`);
  return t;
};
const column = (t: RawTable, name: string): RawColumn => {
  const c = t.columns.find((x) => x.name.text === name);
  if (!c) throw new Error(`no column ${name} in ${t.name.text}; have ${t.columns.map((x) => x.name.text).join(", ")}`);
  return c;
};
const texts = (c: RawColumn) => c.constraints.map((x) => x.text);
const notes = (r: ReaderResult) => r.notes.map((n) => n.message);
const diagram = (...lines: string[]) => ["erDiagram", ...lines, ""].join("\n");

describe("which blocks are read", () => {
  it.each([
    ["mermaid", "erDiagram\n  A { int id PK }", "mermaid"],
    ["mermaid", "\n%% the model\n%%{init: {'theme': 'forest'}}%%\n  erDiagram\n  A { int id PK }", "mermaid"],
    ["mermaid", "---\ntitle: Lending\n---\nerDiagram\n  A { int id PK }", "mermaid"],
    ["mermaid", "ERDIAGRAM\n  A { int id PK }", "mermaid"],
    ["mermaid title=x", "erDiagram\n  A { int id PK }", "mermaid"],
    ["", "erDiagram\n  A ||--o{ B : has", "mermaid"],
    ["text", "erDiagram\n  A ||--o{ B : has", "mermaid"],
    ["mermaid", "flowchart TD\n  A --> B", null],
    ["mermaid", "graph LR\n  erDiagram --> B", null],
    ["mermaid", "erDiagrams\n  A { int id PK }", null],
    ["", "flowchart TD\n  erDiagram", null],
    ["sql", "-- erDiagram\nCREATE TABLE a (id int primary key);", "sql"],
  ])("%s block %j -> %s", (lang, text, want) => {
    expect(blockLanguage(lang, text)).toBe(want);
  });

  it("finds where the diagram starts, after the keyword", () => {
    const text = "%% hello\n  erDiagram\n  A { int id }";
    expect(erDiagramAt(text)).toBe(text.indexOf("erDiagram") + "erDiagram".length);
    expect(erDiagramAt("---\ntitle: x\n")).toBe(-1);
    expect(erDiagramAt("")).toBe(-1);
  });

  it("loads the reader through loadReaders, once", async () => {
    const a = await loadReaders(["mermaid"]);
    const b = await loadReaders(["mermaid"]);
    expect(typeof a.mermaid).toBe("function");
    expect(b.mermaid).toBe(a.mermaid);
  });
});

describe("entities and attributes", () => {
  const code = diagram(
    "    MEMBERS {",
    "        uuid id PK",
    '        string email UK "sign-in address"',
    "        varchar(120) full_name",
    "        decimal(10, 2) balance",
    "        string[] nicknames",
    "        string? phone",
    "        timestamp joined_at",
    "    }",
    "    SHELVES { int id PK string label }",
  );
  const { md, r } = inSpec(code);
  const members = table(r, "MEMBERS");

  it("makes a table of each entity, its columns in written order, types as written", () => {
    expect(r.tables.map((t) => t.name.text)).toEqual(["MEMBERS", "SHELVES"]);
    expect(members.columns.map((c) => [c.name.text, c.type.text])).toEqual([
      ["id", "uuid"],
      ["email", "string"],
      ["full_name", "varchar(120)"],
      ["balance", "decimal(10, 2)"],
      ["nicknames", "string[]"],
      ["phone", "string?"],
      ["joined_at", "timestamp"],
    ]);
    expect(table(r, "SHELVES").columns.map((c) => [c.name.text, c.type.text, texts(c)])).toEqual([
      ["id", "int", ["primary key"]],
      ["label", "string", []],
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it("puts every name and type where it is written", () => {
    expect(where(members.name)).toBe(pos(md, "MEMBERS"));
    expect(where(column(members, "full_name").name)).toBe(pos(md, "full_name"));
    expect(where(column(members, "full_name").type)).toBe(pos(md, "varchar(120)"));
    expect(where(column(members, "balance").type)).toBe(pos(md, "decimal(10, 2)"));
    expect(where(table(r, "SHELVES").columns[1]!.name)).toBe(pos(md, "label"));
    expect(members.columns.every((c) => c.name.span.file === FILE)).toBe(true);
  });

  it("reads PK as primary key and UK as unique, each at its key", () => {
    expect(texts(column(members, "id"))).toEqual(["primary key"]);
    expect(where(column(members, "id").constraints[0]!)).toBe(pos(md, "PK"));
    expect(texts(column(members, "email"))).toEqual(["unique"]);
    expect(where(column(members, "email").constraints[0]!)).toBe(pos(md, "UK"));
    expect(texts(column(members, "joined_at"))).toEqual([]);
  });

  it("keeps a comment as the column's description", () => {
    expect(column(members, "email").description).toBe("sign-in address");
    expect(column(members, "full_name").description).toBeUndefined();
  });
});

describe("keys and comments", () => {
  const code = diagram(
    "    LOANS {",
    "        int id pk, uk",
    "        int copy_id PK,FK",
    '        string code "3-12 characters: any } or %% or {braces} stay"',
    '        enum state "out, returned, lost"',
    '        enum mood "sometimes happy"',
    "    }",
    "    %% a comment line",
    "    COPIES ||--o{ LOANS : lent",
    "    COPIES {",
    "        %% inside a block too",
    "        int id PK %% trailing",
    "    }",
  );
  const { md, r } = inSpec(code);
  const loans = table(r, "LOANS");

  it("reads comma-separated keys, in any case", () => {
    expect(texts(column(loans, "id"))).toEqual(["primary key", "unique"]);
    expect(texts(column(loans, "copy_id"))).toEqual(["primary key", "references COPIES(id)", "NOT NULL"]);
    expect(where(column(loans, "copy_id").constraints[1]!)).toBe(pos(md, "FK"));
  });

  it("keeps any character in a quoted comment", () => {
    expect(column(loans, "code").description).toBe("3-12 characters: any } or %% or {braces} stay");
  });

  it("lists a bare enum's values from a comment that only lists them", () => {
    expect(column(loans, "state").type.text).toBe("enum(out, returned, lost)");
    expect(where(column(loans, "state").type)).toBe(pos(md, "enum state"));
    expect(column(loans, "state").description).toBe("out, returned, lost");
    expect(notes(r)).toContain("LOANS.state: its comment lists the enum's values (out, returned, lost)");
    expect(column(loans, "mood").type.text).toBe("enum");
  });

  it("skips %% comments wherever a line starts with them, and after an attribute", () => {
    expect(table(r, "COPIES").columns.map((c) => c.name.text)).toEqual(["id"]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe("names", () => {
  const code = diagram(
    '    "貸出記録" {',
    "        int id PK",
    "    }",
    '    PATRON["Library patron"] {',
    "        int id PK",
    "    }",
    "    BR[branch_offices] {",
    "        int id PK",
    "    }",
    "    READING-ROOM {",
    "        int id PK",
    "    }",
    '    "貸出記録" }o--|| PATRON : borrows',
  );
  const { md, r } = inSpec(code);

  it("keeps a quoted, non-ASCII name as written, its span inside the quotes", () => {
    const t = table(r, "貸出記録");
    expect(where(t.name)).toBe(pos(md, "貸出記録"));
  });

  it("names a table by its alias when the alias is an identifier, else by the entity; a label is the description", () => {
    expect(r.tables.map((t) => t.name.text)).toEqual(["貸出記録", "PATRON", "branch_offices", "READING-ROOM"]);
    expect(where(table(r, "branch_offices").name)).toBe(pos(md, "branch_offices"));
    expect(where(table(r, "PATRON").name)).toBe(pos(md, "PATRON"));
    expect(table(r, "PATRON").description).toBe("Library patron");
    expect(table(r, "branch_offices").description).toBeUndefined();
    expect(notes(r)).toContain('entity PATRON is labelled "Library patron", which is no table name: the table is named "PATRON"');
  });

  it("ties a quoted entity to its relationships by its name", () => {
    expect(r.diagnostics.map((d) => d.message)).toContain('"貸出記録" }o--|| PATRON : borrows: 貸出記録 has no column for the key of PATRON (such as patron_id); no foreign key is made from this line');
  });
});

describe("foreign keys through relationship lines", () => {
  const code = diagram(
    "    AUTHORS ||--o{ BOOKS : writes",
    "    BOOKS }o--|| PUBLISHERS : prints",
    "    GENRES |o..o{ BOOKS : classifies",
    "    AUTHORS {",
    "        int id PK",
    "    }",
    "    PUBLISHERS {",
    "        string code PK",
    "    }",
    "    GENRES {",
    "        int id PK",
    "    }",
    "    BOOKS {",
    "        int id PK",
    "        int author_id FK",
    "        string publisherCode FK",
    "        int genre_fk FK",
    "    }",
    "    REVIEWS }|--|| BOOKS : about",
    "    REVIEWS {",
    "        int id PK",
    "        int subject FK",
    "    }",
    "    SHELF only one to zero or more SLOT : holds",
    "    SHELF { int id PK }",
    "    SLOT { int id PK",
    "        int rack FK }",
  );
  const { md, r } = inSpec(code);
  const books = table(r, "BOOKS");

  it("resolves a key to the one side, written left or right of the line, using the target's primary key", () => {
    expect(texts(column(books, "author_id"))).toEqual(["references AUTHORS(id)", "NOT NULL"]);
    expect(texts(column(books, "publisherCode"))).toEqual(["references PUBLISHERS(code)", "NOT NULL"]);
    expect(texts(column(books, "genre_fk"))).toEqual(["references GENRES(id)", "NULL"]);
  });

  it("puts the reference at the FK it came from", () => {
    expect(where(column(books, "author_id").constraints[0]!)).toBe(pos(md, "FK"));
    expect(where(column(books, "publisherCode").constraints[0]!)).toBe(pos(md, "FK", 1));
  });

  it("pairs a key whose name says nothing with the one relationship left (glyphs or words)", () => {
    expect(texts(column(table(r, "REVIEWS"), "subject"))).toEqual(["references BOOKS(id)", "NOT NULL"]);
    expect(texts(column(table(r, "SLOT"), "rack"))).toEqual(["references SHELF(id)", "NOT NULL"]);
  });

  it("adds no note for a relationship a key was resolved through", () => {
    expect(r.notes).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe("foreign keys: the harder cases", () => {
  const code = diagram(
    "    STAFF ||--o{ TICKETS : opens",
    "    STAFF ||--o{ TICKETS : closes",
    "    STAFF { int id PK }",
    "    QUEUES { int id PK }",
    "    TICKETS {",
    "        int id PK",
    "        int staff_id FK",
    "        int closer FK",
    "    }",
    "    CATEGORIES ||--o{ CATEGORIES : parent",
    "    CATEGORIES {",
    "        int id PK",
    "        int parent_id FK",
    "    }",
    "    HOLDS }o--|| STAFF : placed",
    "    HOLDS }o--|| QUEUES : waits",
    "    HOLDS {",
    "        int id PK",
    "        int who FK",
    "    }",
    "    LONERS {",
    "        int id PK",
    "        int team_id FK",
    "        int branch_ref FK \"references branches.code\"",
    '        int staff_ref FK "-> STAFF"',
    "    }",
    "    PASSPORTS |o--|| STAFF : identifies",
    "    PASSPORTS {",
    "        int id PK",
    "        int holder FK",
    "    }",
    "    ORDERS ||--|{ ORDER-LINES : has",
    "    ORDERS { int id PK }",
    "    ORDER-LINES { int id PK }",
    "    LINE_NOTES }o--|| ORDER-LINES : on",
    "    LINE_NOTES { int id PK",
    "        int line_id FK }",
    '    "店舗" ||--o{ VISITS : receives',
    '    "店舗" { int id PK }',
    "    VISITS { int id PK",
    "        int shop_id FK }",
    "    KEYLESS ||--o{ USES : has",
    "    USES { int id PK",
    "        int keyless_id FK }",
  );
  const { md, r } = inSpec(code);

  it("gives two keys to the same table the two relationships to it", () => {
    const t = table(r, "TICKETS");
    expect(texts(column(t, "staff_id"))).toEqual(["references STAFF(id)", "NOT NULL"]);
    expect(texts(column(t, "closer"))).toEqual(["references STAFF(id)", "NOT NULL"]);
  });

  it("takes a relationship's label as the name of the key it gives", () => {
    const { r: labelled } = inSpec(diagram(
      "  STAFF ||--o{ TRIPS : driver_id",
      "  MEMBERS ||--o{ TRIPS : \"booked_by\"",
      "  STAFF { int id PK }",
      "  MEMBERS { int id PK }",
      "  TRIPS { int id PK",
      "    int booked_by FK",
      "    int driver_id FK }",
    ));
    // Neither name says its table, and two tables are left: only the labels tie them.
    expect(texts(column(table(labelled, "TRIPS"), "driver_id"))).toEqual(["references STAFF(id)", "NOT NULL"]);
    expect(texts(column(table(labelled, "TRIPS"), "booked_by"))).toEqual(["references MEMBERS(id)", "NOT NULL"]);
  });

  it("reads a self-reference", () => {
    expect(texts(column(table(r, "CATEGORIES"), "parent_id"))).toEqual(["references CATEGORIES(id)", "NOT NULL"]);
  });

  it("writes a key it cannot tie to one target as \"foreign key\" alone, and says why", () => {
    const who = column(table(r, "HOLDS"), "who");
    expect(texts(who)).toEqual(["foreign key"]);
    expect(notes(r)).toContain('the target of foreign key HOLDS.who is not known (it could reference STAFF or QUEUES): read as "foreign key" alone');
    expect(texts(column(table(r, "LONERS"), "team_id"))).toEqual(["foreign key"]);
    expect(notes(r)).toContain('the target of foreign key LONERS.team_id is not known (no relationship line ties LONERS to the entity it references): read as "foreign key" alone');
  });

  it("takes the target a comment names, an entity of the diagram or a table written elsewhere", () => {
    const loners = table(r, "LONERS");
    expect(texts(column(loners, "branch_ref"))).toEqual(["references branches(code)"]);
    expect(where(column(loners, "branch_ref").constraints[0]!)).toBe(pos(md, "branches.code"));
    expect(texts(column(loners, "staff_ref"))).toEqual(["references STAFF(id)"]);
  });

  it("reads a one-to-one line either way", () => {
    expect(texts(column(table(r, "PASSPORTS"), "holder"))).toEqual(["references STAFF(id)", "NOT NULL"]);
  });

  it("writes a hyphenated target in word characters, and leaves a non-ASCII one to the IR's guess", () => {
    expect(texts(column(table(r, "LINE_NOTES"), "line_id"))).toEqual(["references ORDER_LINES(id)", "NOT NULL"]);
    expect(texts(column(table(r, "VISITS"), "shop_id"))).toEqual(["foreign key"]);
    expect(notes(r)).toContain('foreign key VISITS.shop_id references 店舗, whose name "店舗" cannot be written in a reference: read as "foreign key" alone');
  });

  it("references an entity with no attributes by its table alone", () => {
    expect(texts(column(table(r, "USES"), "keyless_id"))).toEqual(["references KEYLESS", "NOT NULL"]);
    expect(notes(r)).toContain("entity KEYLESS lists no attributes in this diagram: no table is made for it here (a table of that name written elsewhere in the spec is used)");
  });

  it("warns, at the line, of a relationship whose many side holds no column for its key", () => {
    expect(r.diagnostics.map((d) => [d.code, where(d), d.message])).toEqual([
      ["SF113", pos(md, "ORDERS ||--|{"), "ORDERS ||--|{ ORDER-LINES : has: ORDER-LINES has no column for the key of ORDERS (such as order_id); no foreign key is made from this line"],
    ]);
  });
});

describe("relationship lines that add nothing", () => {
  const code = diagram(
    "    COURSES }|..|{ STUDENTS : enrols",
    "    COURSES { int id PK }",
    "    STUDENTS { int id PK }",
    "    DESKS ||--|| STUDENTS : seats",
    "    DESKS { int id PK }",
    "    GHOSTS ||--o{ STUDENTS : haunts",
  );
  const { md, r } = inSpec(code);

  it("notes a many-to-many line and an entity with no attributes, and warns of a one-to-one line with no key", () => {
    expect(r.notes.map((n) => [where(n), n.message])).toEqual([
      [pos(md, "COURSES }|"), "COURSES }|..|{ STUDENTS : enrols: a many-to-many relationship needs a join table with a foreign key to each side; nothing is added"],
      [pos(md, "GHOSTS ||"), "entity GHOSTS lists no attributes in this diagram: no table is made for it here (a table of that name written elsewhere in the spec is used)"],
    ]);
    expect(r.diagnostics.map((d) => [d.code, where(d), d.message])).toEqual([
      ["SF113", pos(md, "DESKS ||"), "DESKS ||--|| STUDENTS : seats: STUDENTS has no column for the key of DESKS (such as desk_id) and DESKS has no column for the key of STUDENTS (such as student_id); no foreign key is made from this line"],
      ["SF113", pos(md, "GHOSTS ||"), "GHOSTS ||--o{ STUDENTS : haunts: STUDENTS has no column for the key of GHOSTS (such as ghost_id); no foreign key is made from this line"],
    ]);
    expect(r.tables.map((t) => t.name.text)).toEqual(["COURSES", "STUDENTS", "DESKS"]);
  });
});

describe("empty and absent blocks", () => {
  const { md, r } = inSpec(diagram("    ARCHIVE {}", "    LOOSE", "    BOXES {", "    }", "    BOXES {", "        int id PK", "    }", "    BOXES {", "        string tag", "    }"));

  it("makes no table of an entity with no attributes, and notes it", () => {
    expect(r.tables.map((t) => t.name.text)).toEqual(["BOXES"]);
    expect(r.notes.map((n) => where(n))).toEqual([pos(md, "ARCHIVE"), pos(md, "LOOSE")]);
  });

  it("joins the attributes of an entity written in several blocks", () => {
    expect(table(r, "BOXES").columns.map((c) => c.name.text)).toEqual(["id", "tag"]);
    expect(where(table(r, "BOXES").name)).toBe(pos(md, "BOXES", 1));
  });
});

describe("lines that only style or describe the diagram", () => {
  it("reads nothing from them and reports nothing", () => {
    const { r } = inSpec(
      diagram(
        "    direction LR",
        "    accTitle: Lending",
        "    accDescr: Who borrows what",
        "    accDescr {",
        "      several lines",
        "      of description",
        "    }",
        "    classDef loud fill:#f96,stroke:#333",
        "    style CARDS fill:#bbf",
        "    class CARDS loud",
        "    CARDS:::loud {",
        "        int id PK",
        "    }",
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => [t.name.text, t.columns.length])).toEqual([["CARDS", 1]]);
  });
});

describe("SQL words written after an attribute's name", () => {
  it("reads ENUM(...), UNIQUE, NOT NULL and DEFAULT as the column's rules, before or after the comment", () => {
    const { r } = inSpec(diagram("    BADGES {", "        int id PK", '        varchar tone ENUM("warm", "cold") NOT NULL', '        varchar code UNIQUE "short code"', '        boolean shown "on the card" DEFAULT TRUE', "        uuid holder_id PK FK", "    }"));
    expect(r.diagnostics).toEqual([]);
    const t = table(r, "BADGES");
    expect(t.columns.map((c) => [c.name.text, c.type.text, texts(c)])).toEqual([
      ["id", "int", ["primary key"]],
      ["tone", "enum('warm', 'cold')", ["NOT NULL"]],
      ["code", "varchar", ["UNIQUE"]],
      ["shown", "boolean", ["DEFAULT TRUE"]],
      ["holder_id", "uuid", ["primary key", "foreign key"]],
    ]);
  });
});

describe("what is not understood", () => {
  const code = diagram(
    "    FINES {",
    "        int id PK",
    "        int",
    "        int amount PK ZEROFILL",
    '        string reason "left open',
    "        id: uuid",
    "        paid_at timestamp",
    "        int waived PK,",
    "    }",
    "    this is no statement",
    "    FINES ||--o{",
    "    LATE (fees) {",
    "        int id PK",
    "    }",
    "    FEES {",
    "        int id PK",
  );
  const { md, r } = inSpec(code);
  const fines = table(r, "FINES");
  const diag = r.diagnostics.map((d) => [d.severity, d.code, where(d), d.message]);

  it("reports each line it cannot read as SF113 at the line and column it is at", () => {
    expect(diag).toEqual([
      ["warning", "SF113", pos(md, "int\n"), 'attribute "int" of FINES has a type or a name, not both; it is ignored'],
      ["warning", "SF113", pos(md, "ZEROFILL"), '"ZEROFILL" after an attribute of FINES is not understood; it is ignored'],
      ["warning", "SF113", pos(md, '"left open'), "the comment of FINES.reason is not closed on its line; the attribute is read without it"],
      ["warning", "SF113", pos(md, "id: uuid"), '"id:" (FINES.uuid) is not a type; the attribute is ignored'],
      ["warning", "SF113", pos(md, ",\n"), '"," after the keys of FINES.waived is not a key (PK, FK or UK); the attribute is ignored'],
      ["warning", "SF113", pos(md, "this is no"), '"this is no statement" is not understood in this erDiagram; the line is ignored'],
      ["warning", "SF113", pos(md, "FINES ||"), '"FINES ||--o{" is not understood in this erDiagram; the line is ignored'],
      ["warning", "SF113", pos(md, "LATE"), '"LATE (fees) {" is not understood in this erDiagram; the block it opens is ignored'],
      ["warning", "SF113", pos(md, "{\n        int id PK\n```"), 'the attributes of FEES are not closed with "}"'],
    ]);
  });

  it("keeps what it could read of a line it reports", () => {
    expect(fines.columns.map((c) => [c.name.text, c.type.text, texts(c)])).toEqual([
      ["id", "int", ["primary key"]],
      ["amount", "int", ["primary key"]],
      ["reason", "string", []],
      ["paid_at", "timestamp", []],
    ]);
    expect(table(r, "FEES").columns.map((c) => c.name.text)).toEqual(["id"]);
    expect(r.tables.map((t) => t.name.text)).toEqual(["FINES", "FEES"]);
  });

  it("reads an attribute written name first, and notes it", () => {
    expect(where(column(fines, "paid_at").type)).toBe(pos(md, "timestamp"));
    expect(notes(r)).toContain('FINES: "paid_at timestamp" is read as column paid_at of type timestamp (Mermaid writes the type first)');
  });
});

describe("diagrams handed over together", () => {
  it("reads a second diagram's keyword and front matter as such, and ties keys across them", () => {
    const code = [
      "erDiagram",
      "    HALLS { int id PK }",
      "",
      "---",
      "title: Events",
      "---",
      "erDiagram",
      "    HALLS ||--o{ EVENTS : hosts",
      "    EVENTS { int id PK",
      "        int hall_id FK }",
      "",
    ].join("\n");
    const { r } = inSpec(code);
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => t.name.text)).toEqual(["HALLS", "EVENTS"]);
    expect(texts(column(table(r, "EVENTS"), "hall_id"))).toEqual(["references HALLS(id)", "NOT NULL"]);
  });
});

describe("a spec holding only a Mermaid diagram", () => {
  const md = [
    "# Lending library",
    "",
    "## Data model",
    "",
    "```mermaid",
    "erDiagram",
    '    READERS ||--o{ LOANS : "borrows"',
    "    BOOKS ||--o{ LOANS : lent",
    "    READERS {",
    "        uuid id PK",
    '        string email UK "contact address"',
    '        varchar(80) name "1-80 characters"',
    "    }",
    "    BOOKS {",
    "        int id PK",
    '        string isbn UK "13 characters"',
    '        string title "1-300 characters"',
    "    }",
    "    LOANS {",
    "        int id PK",
    "        uuid reader_id FK",
    "        int book_id FK",
    '        enum state "out, returned, lost"',
    "        date due",
    "    }",
    "```",
    "",
  ].join("\n");

  it("builds the tables with their keys and references", async () => {
    const r = await load(md);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const ir = r.ir!;
    // Entity names written in capitals name lower-case tables.
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["books", "loans", "readers"]);
    const t = (name: string) => ir.tables.find((x) => x.name === name)!;
    expect(t("readers").primaryKey).toBe("id");
    expect(t("books").primaryKey).toBe("id");
    expect(t("loans").primaryKey).toBe("id");
    const col = (tn: string, cn: string) => t(tn).columns.find((c) => c.name === cn)!;
    expect(col("readers", "id").type).toEqual({ kind: "uuid" });
    expect(col("readers", "email").unique).toBe(true);
    expect(col("readers", "name").maxLength).toBe(80);
    expect(col("books", "title").maxLength).toBe(300);
    expect(col("loans", "reader_id").references).toMatchObject({ table: "readers", column: "id" });
    expect(col("loans", "book_id").references).toMatchObject({ table: "books", column: "id" });
    expect(col("loans", "state").type).toEqual({ kind: "enum", values: ["out", "returned", "lost"] });
    expect(col("loans", "due").type).toEqual({ kind: "date" });
    // Every column points at the spec line it was written on.
    expect(`${col("loans", "book_id").span.line}:${col("loans", "book_id").span.column}`).toBe(pos(md, "book_id"));
  });
});
