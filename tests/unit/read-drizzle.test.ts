// The Drizzle reader: pgTable/mysqlTable/sqliteTable definitions read into the raw shape with the
// TypeScript parser, every text at its place in the spec file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spanMapper, type BlockReader, type ReaderResult } from "../../generator/parse/block.js";
import { loadDrizzleReader } from "../../generator/parse/read-drizzle.js";
import type { RawColumn, RawTable, RawText } from "../../generator/parse/raw.js";
import { pos } from "./helpers.js";

const FILE = "specs/database/schema.md";
// Loaded before the describe blocks run their reads (they read at collection time).
const read: BlockReader = await loadDrizzleReader();

function inSpec(code: string): { md: string; r: ReaderResult } {
  const head = "# Schema\n\nTables of the app, as Drizzle code.\n\n```typescript\n";
  const md = `${head}${code}\`\`\`\n\nThe end.\n`;
  const line = head.split("\n").length;
  const r = read({ text: code, file: FILE, lang: "typescript", at: spanMapper(code, { file: FILE, line, column: 1 }) }, {});
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

describe("column types", () => {
  const cases: [string, string][] = [
    ["text('c')", "text"],
    ["varchar('c', { length: 120 })", "varchar(120)"],
    ["varchar('c')", "varchar"],
    ["char('c', { length: 3 })", "char(3)"],
    ["integer('c')", "integer"],
    ["smallint('c')", "smallint"],
    ["bigint('c', { mode: 'number' })", "bigint"],
    ["serial('c')", "serial"],
    ["bigserial('c', { mode: 'bigint' })", "bigserial"],
    ["smallserial('c')", "smallserial"],
    ["boolean('c')", "boolean"],
    ["timestamp('c')", "timestamp"],
    ["timestamp('c', { withTimezone: true, mode: 'string' })", "timestamp with time zone"],
    ["timestamp('c', { precision: 3 })", "timestamp(3)"],
    ["date('c')", "date"],
    ["time('c')", "time"],
    ["interval('c')", "interval"],
    ["numeric('c', { precision: 10, scale: 2 })", "numeric(10,2)"],
    ["decimal('c', { precision: 8 })", "decimal(8)"],
    ["real('c')", "real"],
    ["doublePrecision('c')", "double precision"],
    ["json('c')", "json"],
    ["jsonb('c')", "jsonb"],
    ["uuid('c')", "uuid"],
    ["inet('c')", "inet"],
    ["cidr('c')", "cidr"],
    ["macaddr('c')", "macaddr"],
    ["bytea('c')", "bytea"],
    ["vector('c', { dimensions: 768 })", "vector(768)"],
    ["moodEnum('c')", "mood"],
    ["citext('c')", "citext"],
    ["text('c').array()", "text[]"],
    ["integer('c').array()", "integer[]"],
    ["text('c', { enum: ['draft', 'live'] })", "enum(draft, live)"],
  ];
  const code = [
    "import { pgTable, pgEnum, text, customType } from 'drizzle-orm/pg-core';",
    "export const moodEnum = pgEnum('mood', ['sad', 'ok', 'happy']);",
    "const citext = customType<{ data: string }>({ dataType() { return 'citext'; } });",
    "export const samples = pgTable('samples', {",
    ...cases.map(([builder], i) => `  c${i}: ${builder.replace("'c'", `'c${i}'`)},`),
    "});",
    "",
  ].join("\n");
  const { r } = inSpec(code);
  const t = table(r, "samples");
  it.each(cases.map(([b, want], i) => [b, want, i] as const))("%s -> %s", (_b, want, i) => {
    expect(column(t, `c${i}`).type.text).toBe(want);
  });
  it("reads the other dialects' builders", () => {
    const { r: my } = inSpec(
      [
        "export const items = mysqlTable('items', {",
        "  id: int('id').autoincrement().primaryKey(),",
        "  kind: mysqlEnum('kind', ['a', 'b']).notNull(),",
        "  at: datetime('at', { fsp: 3 }),",
        "  price: double('price'),",
        "});",
        "export const flags = sqliteTable('flags', {",
        "  id: integer('id', { mode: 'number' }).primaryKey({ autoIncrement: true }),",
        "  on: integer('on', { mode: 'boolean' }).notNull(),",
        "  at: integer('at', { mode: 'timestamp' }),",
        "  level: text('level', { enum: ['low', 'high'] }),",
        "  raw: blob('raw'),",
        "});",
        "",
      ].join("\n"),
    );
    const types = (n: string) => table(my, n).columns.map((c) => [c.name.text, c.type.text]);
    expect(types("items")).toEqual([["id", "integer"], ["kind", "enum(a, b)"], ["at", "timestamp(3)"], ["price", "double precision"]]);
    expect(types("flags")).toEqual([["id", "integer"], ["on", "boolean"], ["at", "timestamp"], ["level", "enum(low, high)"], ["raw", "bytea"]]);
    expect(texts(column(table(my, "items"), "id"))).toEqual(["auto increment", "primary key"]);
    expect(texts(column(table(my, "flags"), "id"))).toEqual(["primary key", "auto increment"]);
    expect(my.diagnostics).toEqual([]);
  });
  it("reads the enum, names the custom type in a note, and warns of nothing", () => {
    expect(r.enums.map((e) => [e.name.text, e.values.map((v) => v.text)])).toEqual([["mood", ["sad", "ok", "happy"]]]);
    expect(r.notes.map((n) => n.message)).toEqual([expect.stringMatching(/citext is a custom type.*"citext"/)]);
    expect(r.diagnostics).toEqual([]);
    expect(t.notation).toBe("drizzle");
  });
  it("warns about a builder it does not know and skips that column", () => {
    const { md, r: bad } = inSpec("export const t = pgTable('t', {\n  id: serial('id').primaryKey(),\n  shape: polygon('shape'),\n});\n");
    expect(table(bad, "t").columns.map((c) => c.name.text)).toEqual(["id"]);
    expect(bad.diagnostics.map((d) => [d.code, where(d)])).toEqual([["SF113", pos(md, "polygon")]]);
    expect(bad.diagnostics[0]!.message).toMatch(/polygon/);
  });
});

describe("chained methods", () => {
  const cases: [string, string[]][] = [
    ["text('c')", ["nullable"]],
    ["text('c').notNull()", ["not null"]],
    ["text('c').primaryKey()", ["primary key"]],
    ["text('c').unique()", ["unique", "nullable"]],
    ["integer('c').notNull().default(0)", ["not null", "default 0"]],
    ["integer('c').default(-1)", ["default -1", "nullable"]],
    ["text('c').default('draft')", ["default 'draft'", "nullable"]],
    ["boolean('c').notNull().default(true)", ["not null", "default true"]],
    ["timestamp('c').default(sql`now()`)", ["default now()", "nullable"]],
    ["timestamp('c').default(sql`CURRENT_TIMESTAMP`)", ["default CURRENT_TIMESTAMP", "nullable"]],
    ["timestamp('c').defaultNow().notNull()", ["default now()", "not null"]],
    ["uuid('c').defaultRandom().primaryKey()", ["default gen_random_uuid()", "primary key"]],
    ["text('c').primaryKey().$defaultFn(() => createId())", ["primary key", "default gen_random_uuid()"]],
    ["uuid('c').$defaultFn(() => crypto.randomUUID())", ["default gen_random_uuid()", "nullable"]],
    ["text('c').$defaultFn(() => nanoid())", ["default gen_random_uuid()", "nullable"]],
    ["timestamp('c').$defaultFn(() => new Date()).notNull()", ["default now()", "not null"]],
    ["timestamp('c').$onUpdate(() => new Date())", ["nullable"]],
    ["jsonb('c').$type<string[]>().default([])", ["default '[]'", "nullable"]],
    ["jsonb('c').notNull().default({ a: 1 })", ["not null", "default '{\"a\":1}'"]],
    ["text('c').array().notNull().default([])", ["not null", "default '{}'"]],
    ["integer('c').generatedAlwaysAsIdentity().primaryKey()", ["auto increment", "primary key"]],
    ["integer('c').generatedByDefaultAsIdentity()", ["auto increment"]],
    ["serial('c')", []],
    ["text('c').notNull().references(() => people.id, { onDelete: 'cascade' })", ["not null", "references people(id) on delete cascade"]],
    ["text('c').references(() => people.id, { onDelete: 'set null' })", ["references people(id) on delete set null", "nullable"]],
    ["text('c').references(() => people.id, { onDelete: 'restrict', onUpdate: 'cascade' })", ["references people(id) on delete restrict on update cascade", "nullable"]],
    ["text('c').references(() => people.id, { onDelete: 'no action' })", ["references people(id) on delete no action", "nullable"]],
    ["text('c').references((): AnyPgColumn => people.id)", ["references people(id)", "nullable"]],
  ];
  const code = [
    "export const people = pgTable('people', { id: text('id').primaryKey() });",
    "export const things = pgTable('things', {",
    ...cases.map(([chain], i) => `  c${i}: ${chain.replace("'c'", `'c${i}'`)},`),
    "});",
    "",
  ].join("\n");
  const { r } = inSpec(code);
  const t = table(r, "things");
  it.each(cases.map(([chain, want], i) => [chain, want, i] as const))("%s -> %j", (_c, want, i) => {
    expect(texts(column(t, `c${i}`))).toEqual(want);
  });
  it("notes application-made ids and update hooks, and warns of nothing", () => {
    const messages = r.notes.map((n) => n.message);
    expect(messages.filter((m) => /random UUID/.test(m))).toHaveLength(3);
    expect(messages.some((m) => /\$onUpdate/.test(m))).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });
  it("warns about a method, a default and a delete rule it does not read", () => {
    const { md, r: bad } = inSpec(
      [
        "export const t = pgTable('t', {",
        "  a: text('a').frobnicate(),",
        "  b: text('b').default(someConstant),",
        "  c: text('c').$defaultFn(() => makeSlug()),",
        "  d: text('d').references(() => t.a, { onDelete: 'set default' }),",
        "});",
        "",
      ].join("\n"),
    );
    expect(bad.diagnostics.map((d) => [d.code, where(d)])).toEqual([
      ["SF113", pos(md, "frobnicate")],
      ["SF113", pos(md, "default(someConstant")],
      ["SF113", pos(md, "$defaultFn")],
      ["SF113", pos(md, "references(() => t.a")],
    ]);
    expect(texts(column(table(bad, "t"), "d"))).toEqual(["references t(a)", "nullable"]);
  });
});

describe("names", () => {
  const { r } = inSpec(
    [
      "export const members = pgTable('app_members', {",
      "  memberId: text('member_id').primaryKey(),",
      "  displayName: text().notNull(),",
      "});",
      "export const notes = pgTable('notes', {",
      "  id: serial().primaryKey(),",
      "  author: text('author').references(() => members.memberId),",
      "  team: integer('team').references(() => workTeams.teamId),",
      "});",
      "",
    ].join("\n"),
  );
  it("takes a column's name from the builder's string, else the property key", () => {
    expect(table(r, "app_members").columns.map((c) => c.name.text)).toEqual(["member_id", "displayName"]);
    expect(table(r, "notes").columns.map((c) => c.name.text)).toEqual(["id", "author", "team"]);
  });
  it("resolves a reference to the table and column names of a variable in the block", () => {
    expect(texts(column(table(r, "notes"), "author"))).toEqual(["references app_members(member_id)", "nullable"]);
  });
  it("guesses snake_case names for a variable defined elsewhere, with a note", () => {
    expect(texts(column(table(r, "notes"), "team"))).toEqual(["references work_teams(team_id)", "nullable"]);
    expect(r.notes.map((n) => n.message)).toEqual([expect.stringMatching(/workTeams is not defined in this block.*"work_teams"/)]);
  });
  it("reads columns spread from a constant object and shorthand columns of the block", () => {
    const { r: s } = inSpec(
      [
        "const timestamps = { createdAt: timestamp('created_at').defaultNow().notNull(), updatedAt: timestamp('updated_at') };",
        "const id = uuid('id').defaultRandom().primaryKey();",
        "export const boards = pgTable('boards', { id, ...timestamps });",
        "export const pins = pgTable('pins', { id: serial('id').primaryKey(), ...timestamps, ...elsewhere }, (t) => [index('pins_created_idx').on(t.createdAt)]);",
        "",
      ].join("\n"),
    );
    expect(table(s, "boards").columns.map((c) => [c.name.text, c.type.text])).toEqual([["id", "uuid"], ["created_at", "timestamp"], ["updated_at", "timestamp"]]);
    expect(texts(column(table(s, "boards"), "id"))).toEqual(["default gen_random_uuid()", "primary key"]);
    expect(table(s, "pins").indexes.map((i) => i.columns)).toEqual([["created_at"]]);
    expect(s.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/spread from elsewhere .* missing/)]);
  });
  it("reads tables of a schema and of a table creator", () => {
    const { r: s } = inSpec(
      [
        "const billing = pgSchema('billing');",
        "export const invoices = billing.table('invoices', { id: serial('id').primaryKey() });",
        "export const refunds = pgSchema('billing').table('refunds', { id: serial('id').primaryKey() });",
        "const createTable = pgTableCreator((name) => `shop_${name}`);",
        "export const carts = createTable('carts', { id: serial('id').primaryKey() });",
        "export const states = billing.enum('invoice_state', ['open', 'paid']);",
        "",
      ].join("\n"),
    );
    expect(s.tables.map((t) => t.name.text)).toEqual(["invoices", "refunds", "shop_carts"]);
    expect(s.enums.map((e) => e.name.text)).toEqual(["invoice_state"]);
    expect(s.diagnostics).toEqual([]);
  });
});

describe("table extras", () => {
  const columns = [
    "export const orders = pgTable('orders', {",
    "  id: serial('id'),",
    "  shopId: integer('shop_id').notNull(),",
    "  number: integer('number').notNull(),",
    "  amount: integer('amount').notNull(),",
    "  buyerId: text('buyer_id'),",
    "  placedAt: timestamp('placed_at'),",
  ];
  const extras = [
    "index('orders_buyer_idx').on(t.buyerId, t.placedAt.desc())",
    "uniqueIndex('orders_number_key').on(t.number)",
    "unique().on(t.buyerId, t.placedAt)",
    "foreignKey({ columns: [t.buyerId], foreignColumns: [buyers.id], name: 'orders_buyer_fk' }).onDelete('cascade')",
    "check('orders_amount_positive', sql`${t.amount} > 0 AND ${t.number} >= 1`)",
  ];
  const buyers = "export const buyers = pgTable('buyers', { id: text('id').primaryKey() });\n";
  const objectForm = [
    ...columns,
    "}, (t) => ({",
    "  pk: primaryKey({ columns: [t.shopId, t.number] }),",
    ...extras.map((e, i) => `  e${i}: ${e},`),
    "}));",
    buyers,
  ].join("\n");
  const arrayForm = [...columns, "}, (t) => [", "  primaryKey(t.shopId, t.number),", ...extras.map((e) => `  ${e},`), "]);", buyers].join("\n");
  it.each([
    ["(t) => ({...})", objectForm],
    ["(t) => [...]", arrayForm],
  ])("%s", (_form, code) => {
    const { r } = inSpec(code);
    const t = table(r, "orders");
    expect(t.indexes.map((i) => ({ columns: i.columns, unique: i.unique, name: i.name }))).toEqual([
      { columns: ["buyer_id", "placed_at"], unique: false, name: "orders_buyer_idx" },
      { columns: ["number"], unique: true, name: "orders_number_key" },
      { columns: ["buyer_id", "placed_at"], unique: true, name: undefined },
    ]);
    expect(texts(column(t, "shop_id"))).toEqual(["not null", "primary key"]);
    expect(texts(column(t, "number"))).toEqual(["not null", "primary key"]);
    expect(texts(column(t, "id"))).toEqual([]);
    expect(texts(column(t, "buyer_id"))).toEqual(["references buyers(id) on delete cascade", "nullable"]);
    expect(t.checks).toEqual([
      expect.objectContaining({ expression: expect.objectContaining({ text: "amount > 0 AND number >= 1" }), name: "orders_amount_positive", dialect: "postgresql" }),
    ]);
    expect(r.diagnostics).toEqual([]);
  });
  it("warns about a foreign key over two columns", () => {
    const { md, r } = inSpec(
      "export const a = pgTable('a', { x: integer('x'), y: integer('y') }, (t) => [\n  foreignKey({ columns: [t.x, t.y], foreignColumns: [b.x, b.y] }),\n]);\n",
    );
    expect(r.diagnostics.map((d) => [d.code, where(d)])).toEqual([["SF113", pos(md, "foreignKey")]]);
  });
  it("reads indexes declared apart from their table, for the table of the variable", () => {
    const { r } = inSpec(
      [
        "export const reviews = pgTable('product_reviews', { id: serial('id').primaryKey(), productId: integer('product_id') });",
        "export const reviewIndexes = {",
        "  byProduct: index('reviews_product_idx').on(reviews.productId),",
        "  elsewhere: uniqueIndex('carts_owner_key').on(shoppingCarts.ownerId),",
        "};",
        "",
      ].join("\n"),
    );
    expect(r.indexes.map((i) => ({ table: i.table, columns: i.columns, unique: i.unique, name: i.name }))).toEqual([
      { table: "product_reviews", columns: ["product_id"], unique: false, name: "reviews_product_idx" },
      { table: "shopping_carts", columns: ["owner_id"], unique: true, name: "carts_owner_key" },
    ]);
  });
});

describe("what is not a table", () => {
  // zod schemas are read as column rules (tests/unit/read-zod.test.ts).
  it("ignores relations, type exports and client code silently", () => {
    const { r } = inSpec(
      [
        "import { relations } from 'drizzle-orm';",
        "export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));",
        "export type User = typeof users.$inferSelect;",
        "export const db = drizzle(pool, { schema });",
        "",
      ].join("\n"),
    );
    expect(r).toEqual({ tables: [], indexes: [], enums: [], diagnostics: [], notes: [] });
  });
});

describe("code that is not all there", () => {
  it("reads the columns around a `...` line, with a note where it is", () => {
    const { md, r } = inSpec("export const t = pgTable('t', {\n  id: serial('id').primaryKey(),\n  ...\n  name: text('name'),\n});\n");
    expect(table(r, "t").columns.map((c) => c.name.text)).toEqual(["id", "name"]);
    expect(r.diagnostics).toEqual([]);
    expect(r.notes.map((n) => [n.message.slice(0, 5), where(n)])).toEqual([["`...`", pos(md, "...")]]);
  });
  it("warns about a syntax error, and still reads what it can", () => {
    const { md, r } = inSpec("export const t = pgTable('t', {\n  id: serial('id').primaryKey(),\n  name: text('name') notNull(),\n});\n");
    expect(table(r, "t").columns.map((c) => c.name.text)).toContain("id");
    expect(r.diagnostics.map((d) => [d.code, d.message.slice(0, 23), where(d)])).toEqual([["SF113", "TypeScript syntax error", pos(md, "notNull")]]);
  });
});

describe("positions", () => {
  const code = [
    "// db/schema.ts",
    "export const levelEnum = pgEnum('level', ['low', 'high']);",
    "",
    "export const tickets = pgTable('tickets', {",
    "  id: uuid('id').defaultRandom().primaryKey(),",
    "  level: levelEnum('level').notNull().default('low'),",
    "  ownerId: text().references(() => owners.id), // who filed it",
    "}, (t) => [index('tickets_owner_idx').on(t.ownerId), check('short', sql`length(${t.ownerId}) < 40`)]);",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);
  const t = table(r, "tickets");
  it("puts every text where it is written in the spec file", () => {
    expect(where(t.name)).toBe(pos(md, "tickets',"));
    const id = column(t, "id");
    expect([where(id.name), where(id.type)]).toEqual([pos(md, "id')"), pos(md, "uuid(")]);
    expect(id.constraints.map((c) => [c.text, where(c)])).toEqual([
      ["default gen_random_uuid()", pos(md, "defaultRandom")],
      ["primary key", pos(md, "primaryKey")],
    ]);
    const level = column(t, "level");
    expect(level.type.text).toBe("level");
    expect(where(level.type)).toBe(pos(md, "levelEnum('level')"));
    expect(level.constraints.map(where)).toEqual([pos(md, "notNull"), pos(md, "default('low')")]);
    const owner = column(t, "ownerId");
    expect(where(owner.name)).toBe(pos(md, "ownerId:"));
    expect(owner.constraints.map((c) => [c.text, where(c)])).toEqual([
      ["references owners(id)", pos(md, "references(")],
      ["nullable", pos(md, "text().references")],
    ]);
    expect(owner.description).toBe("who filed it");
    expect(where(t.indexes[0]!)).toBe(pos(md, "index('tickets_owner_idx')"));
    expect(t.checks![0]!.expression.text).toBe("length(ownerId) < 40");
    expect(where(t.checks![0]!.expression)).toBe(pos(md, "length("));
    const e = r.enums[0]!;
    expect([where(e.name), ...e.values.map(where)]).toEqual([pos(md, "level', ["), pos(md, "low'"), pos(md, "high'")]);
    expect(r.notes.map((n) => [n.message, where(n)])).toEqual([[expect.stringMatching(/^owners is not defined in this block/), pos(md, "owners.id")]]);
  });
  it("maps the first line of a block that starts after other text on its line", () => {
    const code2 = "export const tags = pgTable('tags', {\n  id: serial('id'),\n});\n";
    const r2 = read({ text: code2, file: FILE, lang: "ts", at: spanMapper(code2, { file: FILE, line: 7, column: 5 }) }, {});
    expect(where(r2.tables[0]!.name)).toBe(`7:${5 + code2.indexOf("tags'")}`);
    expect(where(r2.tables[0]!.columns[0]!.name)).toBe("8:15");
  });
});

describe("loading", () => {
  it("loads TypeScript once, and only through loadDrizzleReader", async () => {
    expect(await loadDrizzleReader()).toBe(read);
    const dir = new URL("../../generator/parse/drizzle/", import.meta.url);
    const sources = [new URL("../../generator/parse/read-drizzle.ts", import.meta.url), ...readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => new URL(f, dir))];
    const topLevel = sources.flatMap((u) => readFileSync(u, "utf8").split("\n")).filter((l) => /^import\b/.test(l) && /"typescript"/.test(l));
    expect(topLevel.length).toBeGreaterThan(0);
    expect(topLevel.every((l) => /^import type\b/.test(l))).toBe(true);
  });
});

// A real spec written with Drizzle code blocks (a corpus case); read only if the corpus is there.
const CORPUS = new URL("../../../shared/corpus/18-claudorc/schema.md", import.meta.url);
describe.skipIf(!existsSync(CORPUS))("corpus: Drizzle blocks in a Markdown spec", () => {
  const md = existsSync(CORPUS) ? readFileSync(CORPUS, "utf8") : "";
  const results: ReaderResult[] = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(typescript|ts)\s*$/.test(lines[i]!)) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith("```")) end++;
    const text = lines.slice(i + 1, end).join("\n") + "\n";
    results.push(read({ text, file: "schema.md", lang: "typescript", at: spanMapper(text, { file: "schema.md", line: i + 2, column: 1 }) }, {}));
    i = end;
  }
  // The zod schemas' rules come as fragments of these tables (tests/unit/read-zod.test.ts).
  const tables = results.flatMap((r) => r.tables).filter((t) => !t.fragment);
  const enums = results.flatMap((r) => r.enums);
  // What a person sees in the file: each pgTable('name', ...) and pgEnum('name', ...) call.
  const wantTables = [...md.matchAll(/pgTable\(\s*'(\w+)'/g)].map((m) => m[1]!);
  const wantEnums = [...md.matchAll(/pgEnum\(\s*'(\w+)'/g)].map((m) => m[1]!);

  it("finds every table and enum written there", () => {
    expect(wantTables.length).toBe(md.split("pgTable(").length - 1);
    expect(tables.map((t) => t.name.text)).toEqual(wantTables);
    expect(enums.map((e) => e.name.text)).toEqual(wantEnums);
    expect(enums.every((e) => e.values.length > 1)).toBe(true);
  });
  it("gives each table its columns, with enum and reference targets that exist in the spec", () => {
    const tableNames = new Set(wantTables);
    const enumNames = new Set(wantEnums);
    for (const t of tables) {
      expect(t.columns.length).toBeGreaterThan(3);
      expect(t.columns.filter((c) => texts(c).includes("primary key"))).toHaveLength(1);
      for (const c of t.columns) {
        if (/_status$|_column$|_type$/.test(c.type.text)) expect(enumNames.has(c.type.text)).toBe(true);
        for (const ref of texts(c).filter((x) => x.startsWith("references"))) expect(tableNames.has(/references (\w+)\(/.exec(ref)![1]!)).toBe(true);
      }
    }
    const tasks = tables.find((t) => t.name.text === "tasks")!;
    expect(column(tasks, "column").type.text).toBe("task_column");
    expect(texts(column(tasks, "project_id"))).toEqual(["not null", "references projects(id) on delete cascade"]);
  });
  it("reads the separately declared indexes for their tables", () => {
    const indexes = results.flatMap((r) => r.indexes);
    expect(indexes.length).toBe(md.split(".on(").length - 1);
    expect(indexes.every((i) => wantTables.includes(i.table!))).toBe(true);
  });
  it("reports no SF113 warning for anything the spec writes", () => {
    expect(results.flatMap((r) => r.diagnostics)).toEqual([]);
  });
  it("resolves names across blocks without guessing when the file's blocks are read as one text", () => {
    // One SourceBlock over all the fences: `at` maps each piece back to its own fence.
    const pieces: { off: number; line: number }[] = [];
    let text = "";
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(typescript|ts)\s*$/.test(lines[i]!)) continue;
      let end = i + 1;
      while (end < lines.length && !lines[end]!.startsWith("```")) end++;
      pieces.push({ off: text.length, line: i + 2 });
      text += lines.slice(i + 1, end).join("\n") + "\n";
      i = end;
    }
    const at = (o: number) => {
      const p = pieces.filter((x) => x.off <= o).pop()!;
      const before = text.slice(p.off, o);
      return { file: "schema.md", line: p.line + before.split("\n").length - 1, column: o - (p.off + before.lastIndexOf("\n") + 1) + 1 };
    };
    const r = read({ text, file: "schema.md", lang: "typescript", at }, {});
    expect(r.tables.filter((t) => !t.fragment).map((t) => t.name.text)).toEqual(wantTables);
    expect(r.diagnostics).toEqual([]);
    expect(r.notes.filter((n) => /not defined in this block/.test(n.message))).toEqual([]);
    const col = column(r.tables.find((t) => t.name.text === "tasks")!, "column");
    expect([col.type.text, `${col.type.span.line}:${col.type.span.column}`]).toEqual(["task_column", pos(md, "taskColumnEnum('column')")]);
  });
});
