// The Prisma reader: models, enums and attributes read into the raw shape, every text at its
// place in the spec file (the block sits in the middle of a Markdown file here).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spanMapper, type BlockReader, type ReaderResult } from "../../generator/parse/block.js";
import { loadPrismaReader, prismaScalarType } from "../../generator/parse/read-prisma.js";
import type { RawColumn, RawTable, RawText } from "../../generator/parse/raw.js";
import { pos } from "./helpers.js";

const FILE = "specs/database/schema.md";
// Loaded before the describe blocks run their reads (they read at collection time).
const read: BlockReader = await loadPrismaReader();

/** A Markdown file with the Prisma code fenced in its middle; returns the file and what the reader made of the block. */
function inSpec(code: string): { md: string; r: ReaderResult } {
  const head = "# Data model\n\nThe shop keeps its data in PostgreSQL.\n\n```prisma\n";
  const md = `${head}${code}\`\`\`\n\nMore prose.\n`;
  const line = head.split("\n").length;
  const r = read({ text: code, file: FILE, lang: "prisma", at: spanMapper(code, { file: FILE, line, column: 1 }) }, {});
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

describe("prismaScalarType", () => {
  it.each([
    ["String", "text"],
    ["Int", "integer"],
    ["BigInt", "bigint"],
    ["Float", "float"],
    ["Decimal", "decimal"],
    ["Boolean", "boolean"],
    ["DateTime", "timestamp"],
    ["Json", "jsonb"],
    ["Bytes", "bytea"],
    ["string", null],
    ["String?", null],
    ["Role", null],
    ["constructor", null],
  ])("%s -> %s", (given, want) => {
    expect(prismaScalarType(given)).toBe(want);
  });
});

describe("field types", () => {
  const code = [
    "enum Tier {",
    "  FREE",
    "  PRO",
    "}",
    "",
    "model Sample {",
    "  id        Int      @id",
    "  plain     String",
    "  label     String?  @db.VarChar(120)",
    "  code      String   @db.Char(3)",
    "  ref       String   @db.Uuid",
    "  body      String   @db.Text",
    "  at        DateTime @db.Timestamptz(6)",
    "  amount    Decimal  @db.Decimal(10, 2)",
    "  ip        String   @db.Inet",
    "  big       BigInt",
    "  ratio     Float",
    "  price     Decimal",
    "  on        Boolean",
    "  seen      DateTime",
    "  data      Json",
    "  blob      Bytes?",
    "  tier      Tier",
    "  tags      String[]",
    "  scores    Int[]",
    "  embedding Unsupported(\"vector(768)\")?",
    "}",
    "",
  ].join("\n");
  const { r } = inSpec(code);
  const t = table(r, "samples");
  it.each([
    ["id", "integer", "not null"],
    ["plain", "text", "not null"],
    ["label", "varchar(120)", "nullable"],
    ["code", "char(3)", "not null"],
    ["ref", "uuid", "not null"],
    ["body", "text", "not null"],
    ["at", "timestamp(6) with time zone", "not null"],
    ["amount", "decimal(10,2)", "not null"],
    ["ip", "inet", "not null"],
    ["big", "bigint", "not null"],
    ["ratio", "float", "not null"],
    ["price", "decimal", "not null"],
    ["on", "boolean", "not null"],
    ["seen", "timestamp", "not null"],
    ["data", "jsonb", "not null"],
    ["blob", "bytea", "nullable"],
    ["tier", "Tier", "not null"],
    ["tags", "text[]", "not null"],
    ["scores", "integer[]", "not null"],
    ["embedding", "vector(768)", "nullable"],
  ])("%s -> %s, %s", (name, type, nullability) => {
    const c = column(t, name);
    expect(c.type.text).toBe(type);
    expect(texts(c)).toContain(nullability);
    expect(texts(c)).not.toContain(nullability === "nullable" ? "not null" : "nullable");
  });
  it("keeps the fields in written order and reports nothing", () => {
    expect(t.columns.map((c) => c.name.text)[0]).toBe("id");
    expect(t.columns.at(-1)!.name.text).toBe("embedding");
    expect(r.diagnostics).toEqual([]);
    expect(t.notation).toBe("prisma");
  });
});

describe("attributes", () => {
  const code = [
    "enum Status {",
    '  OPEN   @map("open")',
    '  CLOSED @map("closed")',
    '  @@map("ticket_status")',
    "}",
    "",
    "model Ticket {",
    "  id        Int      @id @default(autoincrement())",
    '  ref       String   @unique @default(uuid()) @db.Uuid',
    "  slug      String   @default(cuid())",
    "  short     String   @default(nanoid())",
    '  title     String   @default("Untitled")',
    "  votes     Int      @default(0)",
    "  pinned    Boolean  @default(false)",
    "  status    Status   @default(OPEN)",
    '  token     String   @default(dbgenerated("gen_random_uuid()")) @db.Uuid',
    "  openedAt  DateTime @default(now())",
    "  changedAt DateTime @updatedAt",
    "  legacy    Int?     @ignore",
    "  @@index([title, votes])",
    '  @@unique([title, status], map: "ticket_title_status")',
    "  @@fulltext([title])",
    "}",
    "",
    "model Seat {",
    "  row    Int",
    "  number Int",
    "  @@id([row, number])",
    "}",
    "",
  ].join("\n");
  const { r } = inSpec(code);
  const t = table(r, "tickets");
  it.each([
    ["id", ["primary key", "auto increment", "not null"]],
    ["ref", ["unique", "default gen_random_uuid()", "not null"]],
    ["slug", ["default gen_random_uuid()", "not null"]],
    ["short", ["default gen_random_uuid()", "not null"]],
    ["title", ["default 'Untitled'", "not null"]],
    ["votes", ["default 0", "not null"]],
    ["pinned", ["default false", "not null"]],
    ["status", ["default open", "not null"]],
    ["token", ["default gen_random_uuid()", "not null"]],
    ["openedAt", ["default now()", "not null"]],
    ["changedAt", ["default now()", "not null"]],
    ["legacy", ["nullable"]],
  ])("%s -> %j", (name, want) => {
    expect(texts(column(t, name))).toEqual(want);
  });
  it("reads an enum with mapped values and a mapped name, and types columns with that name", () => {
    expect(r.enums.map((e) => [e.name.text, e.values.map((v) => v.text)])).toEqual([["ticket_status", ["open", "closed"]]]);
    expect(column(t, "status").type.text).toBe("ticket_status");
  });
  it("reads @@index and @@unique as indexes, @@id as a primary key on each column", () => {
    expect(t.indexes.map((i) => ({ columns: i.columns, unique: i.unique, name: i.name }))).toEqual([
      { columns: ["title", "votes"], unique: false, name: undefined },
      { columns: ["title", "status"], unique: true, name: "ticket_title_status" },
    ]);
    const seat = table(r, "seats");
    expect(texts(column(seat, "row"))).toEqual(["not null", "primary key"]);
    expect(texts(column(seat, "number"))).toEqual(["not null", "primary key"]);
  });
  it("warns about the attributes it does not read, naming them", () => {
    expect(r.diagnostics.map((d) => [d.code, d.severity, /@ignore|@@fulltext/.exec(d.message)?.[0]])).toEqual([
      ["SF113", "warning", "@ignore"],
      ["SF113", "warning", "@@fulltext"],
    ]);
  });
  it("notes its guesses: cuid and nanoid as UUIDs, @updatedAt, made-up table names", () => {
    const messages = r.notes.map((n) => n.message).join("\n");
    expect(messages).toMatch(/cuid\(\).*random UUID/);
    expect(messages).toMatch(/nanoid\(\).*random UUID/);
    expect(messages).not.toMatch(/@default\(uuid\(\)\)/);
    expect(messages).toMatch(/changedAt.*@updatedAt/);
    expect(messages).toMatch(/model Ticket has no @@map: its table is named "tickets"/);
    expect(messages).toMatch(/model Seat has no @@map: its table is named "seats"/);
  });
});

describe("names and relations", () => {
  const code = [
    "model Account {",
    '  id       String    @id @default(uuid()) @map("account_id") @db.Uuid',
    '  email    String    @unique @db.VarChar(255)',
    "  posts    BlogPost[]",
    "  profile  Profile?",
    '  @@map("accounts")',
    "}",
    "",
    "model Profile {",
    "  id        Int     @id @default(autoincrement())",
    '  accountId String  @unique @map("account_ref") @db.Uuid',
    "  account   Account @relation(fields: [accountId], references: [id], onDelete: Cascade)",
    "}",
    "",
    "model BlogPost {",
    "  id          Int       @id @default(autoincrement())",
    "  authorId    String    @db.Uuid",
    "  author      Account   @relation(fields: [authorId], references: [id], onDelete: SetNull, onUpdate: Cascade)",
    "  editorId    String?   @db.Uuid",
    "  editor      Account?  @relation(\"edits\", fields: [editorId], references: [id], onDelete: Restrict)",
    "  reviewerId  String?   @db.Uuid",
    "  reviewer    Account?  @relation(\"reviews\", fields: [reviewerId], references: [id], onDelete: NoAction)",
    "  categoryId  Int",
    "  category    Category  @relation(fields: [categoryId], references: [id])",
    "  deskId      Int?",
    "  desk        Account?  @relation(\"desk\", fields: [deskId], references: [id], onDelete: SetDefault)",
    "  publishedAt DateTime?",
    "}",
    "",
  ].join("\n");
  const { r } = inSpec(code);
  it("names tables by @@map, or by the model's name in snake_case plural", () => {
    expect(r.tables.map((t) => t.name.text)).toEqual(["accounts", "profiles", "blog_posts"]);
  });
  it("names columns by @map, or keeps the field name as written", () => {
    expect(table(r, "accounts").columns.map((c) => c.name.text)).toEqual(["account_id", "email"]);
    expect(table(r, "blog_posts").columns.map((c) => c.name.text)).toEqual([
      "id",
      "authorId",
      "editorId",
      "reviewerId",
      "categoryId",
      "deskId",
      "publishedAt",
    ]);
  });
  it.each([
    ["profiles", "account_ref", "references accounts(account_id) on delete cascade"],
    ["blog_posts", "authorId", "references accounts(account_id) on delete set null on update cascade"],
    ["blog_posts", "editorId", "references accounts(account_id) on delete restrict"],
    ["blog_posts", "reviewerId", "references accounts(account_id) on delete no action"],
    ["blog_posts", "categoryId", "references categories(id)"],
    ["blog_posts", "deskId", "references accounts(account_id)"],
  ])("%s.%s -> %s", (t, c, want) => {
    expect(texts(column(table(r, t), c)).filter((x) => x.startsWith("references"))).toEqual([want]);
  });
  it("warns that onDelete: SetDefault is not supported, and notes a model it had to guess", () => {
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message).toMatch(/SetDefault/);
    expect(r.notes.map((n) => n.message)).toContain('model Category is not defined in this block: its table is taken to be "categories"');
  });
});

describe("other blocks", () => {
  it("reports a composite type as a note and makes no table of it or of a view", () => {
    const code = [
      "type Address {",
      "  street String",
      "  city   String",
      "}",
      "",
      "model Shop {",
      "  id      Int     @id",
      "  address Address",
      "}",
      "",
      "view ShopCount {",
      "  n Int",
      "}",
      "",
    ].join("\n");
    const { r } = inSpec(code);
    expect(r.tables.map((t) => t.name.text)).toEqual(["shops"]);
    expect(column(r.tables[0]!, "address").type.text).toBe("jsonb");
    expect(r.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/type Address is a composite type/), expect.stringMatching(/view ShopCount/)]),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it("reads the models around a broken one and warns at the broken token", () => {
    const code = ["model Good {", "  id Int @id", "}", "", "model Bad {", "  id Int @id", "  oops = = 3", "}", "", "model AlsoGood {", "  id Int @id", "}", ""].join("\n");
    const { md, r } = inSpec(code);
    expect(r.tables.map((t) => t.name.text)).toEqual(["goods", "also_goods"]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe("SF113");
    expect(where(r.diagnostics[0]!)).toBe(pos(md, "oops"));
    expect(r.diagnostics[0]!.message).toMatch(/near "oops"/);
  });

  it("reads the fields around a `...` line, with a note where it is", () => {
    const { md, r } = inSpec("model Note {\n  id   Int    @id\n  ...\n  body String\n}\n");
    expect(r.tables[0]!.columns.map((c) => c.name.text)).toEqual(["id", "body"]);
    expect(r.diagnostics).toEqual([]);
    expect(r.notes.filter((n) => n.message.startsWith("`...`")).map(where)).toEqual([pos(md, "...")]);
  });

  it("ignores datasource and generator blocks", () => {
    const code = ['datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', "}", "", "generator client {", '  provider = "prisma-client-js"', "}", ""].join("\n");
    const { r } = inSpec(code);
    expect(r).toEqual({ tables: [], indexes: [], enums: [], diagnostics: [], notes: [] });
  });
});

describe("positions", () => {
  const code = [
    "/// Someone who can sign in.",
    "model Member {",
    "  id       Int      @id @default(autoincrement())",
    '  handle   String   @unique @map("user_handle") // shown on posts',
    "  role     Role     @default(GUEST)",
    "  teamId   Int?",
    "  team     Team?    @relation(fields: [teamId], references: [id])",
    "  avatar   Bytes?   @ignore",
    "  @@index([teamId, role])",
    '  @@map("members")',
    "}",
    "",
    "model Team {",
    "  id Int @id",
    "}",
    "",
    "enum Role {",
    "  GUEST",
    '  OWNER @map("owner")',
    "}",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);
  const m = table(r, "members");
  it("puts every text where it is written in the spec file", () => {
    expect(where(m.name)).toBe(pos(md, 'members")'));
    expect(where(column(m, "id").name)).toBe(pos(md, "id       Int"));
    expect(where(column(m, "id").type)).toBe(pos(md, "Int      @id"));
    const idc = column(m, "id").constraints;
    expect(idc.map((c) => [c.text, where(c)])).toEqual([
      ["primary key", pos(md, "@id @default")],
      ["auto increment", pos(md, "@default(autoincrement")],
      ["not null", pos(md, "Int      @id")],
    ]);
    expect(where(column(m, "user_handle").name)).toBe(pos(md, 'user_handle")'));
    expect(where(column(m, "user_handle").constraints[0]!)).toBe(pos(md, "@unique @map"));
    expect(where(column(m, "role").constraints[0]!)).toBe(pos(md, "@default(GUEST)"));
    const ref = column(m, "teamId").constraints.find((c) => c.text.startsWith("references"))!;
    expect(ref.text).toBe("references teams(id)");
    expect(where(ref)).toBe(pos(md, "@relation(fields"));
    expect(where(m.indexes[0]!)).toBe(pos(md, "@@index"));
    expect(where(r.diagnostics[0]!)).toBe(pos(md, "@ignore"));
    const role = r.enums[0]!;
    expect([where(role.name), ...role.values.map(where)]).toEqual([pos(md, "Role {"), pos(md, "GUEST\n"), pos(md, 'owner")')]);
    expect(where(r.notes.find((n) => /Team has no @@map/.test(n.message))!)).toBe(pos(md, "Team {"));
  });
  it("keeps doc comments and trailing comments as descriptions", () => {
    expect(m.description).toBe("Someone who can sign in.");
    expect(column(m, "user_handle").description).toBe("shown on posts");
    expect(column(m, "id").description).toBeUndefined();
  });
  it("maps the first line of a block that starts after other text on its line", () => {
    const code2 = "model Tag {\n  id Int @id\n}\n";
    const r2 = read({ text: code2, file: FILE, lang: "prisma", at: spanMapper(code2, { file: FILE, line: 7, column: 5 }) }, {});
    expect(where(r2.tables[0]!.name)).toBe("7:11");
    expect(where(r2.tables[0]!.columns[0]!.name)).toBe("8:3");
  });
});

describe("loading", () => {
  it("loads the parser once, and only through loadPrismaReader", async () => {
    expect(await loadPrismaReader()).toBe(read);
    const source = readFileSync(new URL("../../generator/parse/read-prisma.ts", import.meta.url), "utf8");
    const topLevel = source.split("\n").filter((l) => /^import\b/.test(l) && /prisma-ast|chevrotain/.test(l));
    expect(topLevel.every((l) => /^import type\b/.test(l))).toBe(true);
  });
});
