// The DBML reader (@dbml/parse): tables, columns and their settings, indexes, enums and every
// way a relationship is written, read into the raw shape at their places in the spec file; which
// blocks are DBML (a ```dbml fence, a plain fence, no fence at all); and a spec written only in
// DBML read through to the IR.
import { describe, expect, it } from "vitest";
import { spanMapper, type ReaderResult } from "../../generator/parse/block.js";
import { looksLikeDbml } from "../../generator/parse/dbml-shape.js";
import { loadDbmlReader } from "../../generator/parse/read-dbml.js";
import { blockLanguage } from "../../generator/parse/readers.js";
import type { RawColumn, RawTable } from "../../generator/parse/raw.js";
import { load } from "./helpers.js";

const FILE = "specs/database/schema.md";

async function read(code: string, line = 5): Promise<ReaderResult> {
  const reader = await loadDbmlReader();
  return reader({ text: code, file: FILE, lang: "dbml", at: spanMapper(code, { file: FILE, line, column: 1 }) }, {});
}
const table = (r: ReaderResult, name: string): RawTable => {
  const t = r.tables.find((x) => x.name.text === name);
  if (!t) throw new Error(`no table ${name}; have ${r.tables.map((x) => x.name.text).join(", ")}`);
  return t;
};
const column = (t: RawTable, name: string): RawColumn => t.columns.find((x) => x.name.text === name)!;
const texts = (c: RawColumn) => c.constraints.map((x) => x.text);

const LIBRARY = `Enum loan_state {
  lent
  returned [note: 'back on the shelf']
}

Table members as M {
  id integer [pk, increment]
  card_no varchar(20) [unique, not null, note: 'printed on the card']
  joined_on date [default: \`now()\`]
  Note: 'People who borrow'
}

Table loans {
  id bigint [pk]
  member_id integer [ref: > M.id, not null]
  book_id integer
  state loan_state [default: 'lent']
  fee decimal(6,2) [null, check: \`fee >= 0\`]
  indexes {
    (member_id, book_id) [unique, name: 'one_loan_per_book']
    book_id
  }
}

Table books {
  id integer [pk]
  title "character varying(200)" [not null]
}

Ref: loans.book_id > books.id [delete: cascade]
`;

describe("what a DBML block says", () => {
  it("reads tables, column settings, notes and indexes", async () => {
    const r = await read(LIBRARY);
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => [t.name.text, t.notation])).toEqual([["members", "dbml"], ["loans", "dbml"], ["books", "dbml"]]);
    const members = table(r, "members");
    expect(members.description).toBe("People who borrow");
    expect(texts(column(members, "id"))).toEqual(["primary key", "auto increment"]);
    expect(texts(column(members, "card_no"))).toEqual(["unique", "not null"]);
    expect(column(members, "card_no").description).toBe("printed on the card");
    expect(texts(column(members, "joined_on"))).toEqual(["default now()"]);
    const loans = table(r, "loans");
    expect(column(loans, "fee").type.text).toBe("decimal(6,2)");
    expect(texts(column(loans, "fee"))).toEqual(["nullable", "check (fee >= 0)"]);
    expect(texts(column(loans, "state"))).toEqual(["default 'lent'"]);
    expect(loans.indexes.map((i) => [i.columns.join(","), i.unique, i.name ?? null])).toEqual([["member_id,book_id", true, "one_loan_per_book"], ["book_id", false, null]]);
    expect(column(table(r, "books"), "title").type.text).toBe("character varying(200)");
    expect(r.enums.map((e) => [e.name.text, e.values.map((v) => v.text)])).toEqual([["loan_state", ["lent", "returned"]]]);
  });

  it("puts each relationship on the column that holds the key, through aliases, with its delete rule", async () => {
    const r = await read(LIBRARY);
    const loans = table(r, "loans");
    expect(texts(column(loans, "member_id"))).toEqual(["not null", "references members(id)"]);
    expect(texts(column(loans, "book_id"))).toEqual(["references books(id) on delete cascade"]);
    const oneToOne = await read("Table a { id int [pk] }\nTable b { id int [pk]\n a_id int }\nRef: a.id - b.a_id\n");
    expect(texts(column(table(oneToOne, "b"), "a_id"))).toEqual(["references a(id)"]);
    const reversed = await read('Table "shelves" { "id" int [pk] }\nTable "slots" { "id" int [pk]\n "shelf_id" int }\nRef: "shelves"."id" < "slots"."shelf_id"\n');
    expect(texts(column(table(reversed, "slots"), "shelf_id"))).toEqual(["references shelves(id)"]);
  });

  it("keeps every text at its line and column in the spec file", async () => {
    const r = await read(LIBRARY, 5);
    const members = table(r, "members");
    // The block starts at line 5: `Table members` is its 6th line.
    expect([members.name.span.line, members.name.span.column]).toEqual([10, 7]);
    const card = column(members, "card_no");
    expect([card.name.span.line, card.name.span.column, card.type.span.column]).toEqual([12, 3, 11]);
  });

  it("adds the columns of a partial, and reports what it cannot keep", async () => {
    const r = await read("TablePartial stamped {\n  created_at timestamp [not null]\n}\nTable notes {\n  id int [pk]\n  ~stamped\n  indexes {\n    `lower(body)`\n  }\n}\nTable tags { id int [pk] }\nRef: notes.id <> tags.id\n");
    expect(table(r, "notes").columns.map((c) => c.name.text)).toEqual(["id", "created_at"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SF113", "SF113"]);
    expect(r.diagnostics.map((d) => d.message).join("\n")).toMatch(/expression[\s\S]*many-to-many/);
  });

  it("reports a syntax error at its place, in DBML's words", async () => {
    const r = await read("Table ok { id int [pk] }\nTable broken {\n  id int [pk\n}\n", 1);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.code === "SF113" && d.message.startsWith("DBML: ") && d.span.line >= 3)).toBe(true);
  });
});

describe("which blocks are DBML", () => {
  it.each([
    ["dbml", "Table a { id int }", "dbml"],
    ["", "Table users {\n  id int [pk]\n}", "dbml"],
    ["text", "table items {\n  id int\n  name varchar(20)\n}\n", "dbml"],
    ["", "Ref: a.id < b.a_id\nTable b {\n b_id int\n}", "dbml"],
    ["", "Table of contents {see below}", null],
    ["", "The table below lists things.", null],
    ["", "model User {\n  id Int @id\n}", "prisma"],
  ])("```%s %j -> %s", (lang, text, want) => {
    expect(blockLanguage(lang, text)).toBe(want);
  });

  it("does not take prose for DBML", () => {
    expect(looksLikeDbml("Table users { holds the people }\nEach row is a person.")).toBe(false);
  });
});

describe("a spec written in DBML", () => {
  it("reads a fenced block through to the IR", async () => {
    const r = await load("# Library\n\n```dbml\n" + LIBRARY + "```\n");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const loans = r.ir!.tables.find((t) => t.name === "loans")!;
    expect(loans.columns.find((c) => c.name === "state")!.type).toMatchObject({ kind: "enum", values: ["lent", "returned"] });
    expect(loans.columns.find((c) => c.name === "fee")!.nullable).toBe(true);
    expect(loans.columns.find((c) => c.name === "member_id")!.references?.table).toBe("members");
  });

  it("reads DBML written without a fence, prose around it staying prose", async () => {
    const text = "The tables of the shop.\n\ntable shelves {\nid int [increment]\nlabel varchar(30)\n}\n\ntable slots {\nid int [pk]\nshelf_id int\nposition int [default: 0]\n}\n\nRef: \"shelves\".\"id\" < \"slots\".\"shelf_id\"\n\nEvery slot is on one shelf.\n";
    const r = await load(text);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["shelves", "slots"]);
    const slots = r.ir!.tables.find((t) => t.name === "slots")!;
    expect(slots.columns.find((c) => c.name === "shelf_id")!.references?.table).toBe("shelves");
    expect(slots.columns.find((c) => c.name === "shelf_id")!.span.line).toBe(10);
    expect(r.ir!.tables.find((t) => t.name === "shelves")!.columns.find((c) => c.name === "label")!.type).toEqual({ kind: "string", maxLength: 30 });
  });
});

describe("a DBML block that references tables defined elsewhere in the spec", () => {
  it("keeps its tables (the compiler alone would give none) and resolves the reference against the spec's table", async () => {
    const code = "Table notes {\n  id serial [pk]\n  user_id text [not null, ref: > users.id]\n  body text\n}\nRef: notes.user_id > accounts.uid\n";
    const r = await read(code);
    expect(r.tables.map((t) => t.name.text)).toEqual(["notes"]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.notes.map((n) => n.message).join("\n")).toMatch(/"users" is not defined in this block/);
    const whole = await load(`# Spec\n\n## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | text | primary key |\n\n\`\`\`dbml\nTable notes {\n  id serial [pk]\n  user_id text [not null, ref: > users.id]\n  body varchar(50) [not null]\n}\n\`\`\`\n`);
    const notes = whole.ir!.tables.find((t) => t.name === "notes")!;
    expect(notes.owner).toBe("user_id");
    expect(notes.columns.find((c) => c.name === "user_id")!.references).toMatchObject({ table: "users", column: "id" });
  });

  it("still reports a column missing from a table the block defines", async () => {
    const r = await read("Table a {\n  id int [pk]\n}\nTable b {\n  id int [pk]\n  a_id int [ref: > a.nope]\n}\n");
    expect(r.diagnostics.map((d) => d.message).join("\n")).toMatch(/nope/);
  });
});

describe("relationship arrows written backwards", () => {
  it("reads `child.parent_id [ref: < parent.id]` as the child's key, with a note", async () => {
    const text = "```dbml\nTable crates {\n  id int [pk, increment]\n  label varchar(20)\n}\n\nTable jars {\n  id int [pk, increment]\n  crate_id int [ref: < crates.id]\n}\n\nTable lids {\n  id int [pk, increment]\n  jar_id int\n}\n\nRef: jars.id < lids.jar_id\n```\n";
    const r = await load(text);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const jars = r.ir!.tables.find((t) => t.name === "jars")!;
    const crates = r.ir!.tables.find((t) => t.name === "crates")!;
    const lids = r.ir!.tables.find((t) => t.name === "lids")!;
    expect(jars.columns.find((c) => c.name === "crate_id")!.references).toMatchObject({ table: "crates", column: "id" });
    expect(crates.columns.find((c) => c.name === "id")!.references).toBeNull();
    // Written the right way round: read as written.
    expect(lids.columns.find((c) => c.name === "jar_id")!.references).toMatchObject({ table: "jars", column: "id" });
    expect(r.notes.some((n) => /read the other way/.test(n.message))).toBe(true);
  });

  it("keeps a literal one-to-many arrow onto a unique column", async () => {
    const r = await read("Table a {\n  id int [pk]\n  code varchar(9) [unique]\n}\nTable b {\n  id int [pk]\n  a_code varchar(9) [ref: > a.code]\n}\n");
    expect(texts(column(table(r, "b"), "a_code"))).toContain("references a(code)");
    expect(texts(column(table(r, "a"), "id")).some((t) => t.startsWith("references"))).toBe(false);
  });
});
