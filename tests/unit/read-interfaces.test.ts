// TypeScript interfaces and type aliases as a spec's data model: records are tables (snake_case
// plural), request/response shapes and bases are not, a keyless shape used inside a record is
// json, `xId` and `x: X` are keys, `?`/`| null` is nullable, rules in comments are enforced, and
// what is not understood is a warning at its place.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const LIBRARY = [
  "# Lending library",
  "",
  "```ts",
  "export enum CopyState { OnShelf = 'on_shelf', Lent = 'lent', Lost = 'lost' }",
  "",
  "type Genre = 'fiction' | 'poetry' | 'essay';",
  "",
  "interface Timestamps {",
  "  createdAt: Date;",
  "  updatedAt: Date;",
  "}",
  "",
  "interface Shelf {",
  "  room: string;",
  "  row: number;",
  "}",
  "",
  "export interface Member {",
  "  id: string;",
  "  /** @format email */",
  "  email: string;",
  "  loans: Loan[];",
  "}",
  "",
  "/** A book one member owns. */",
  "export interface Volume extends Timestamps {",
  "  id: number;",
  "  ownerId: string;",
  "  /** 2-150 chars, unique per user */",
  "  title: string;",
  "  genre: Genre;",
  "  state: CopyState;",
  "  place?: Shelf;",
  "  /** @minimum 1 @maximum 9999 */",
  "  pages: number | null;",
  "  price: number;",
  "  labels: string[];",
  "  /** @default true */",
  "  lendable: boolean;",
  "  sleeve: Jacket;",
  "  /** @colour blue */",
  "  spine?: string;",
  "}",
  "",
  "export type Loan = {",
  "  id: number;",
  "  volume: Volume;",
  "  dueOn?: Date;",
  "};",
  "",
  "export interface CreateVolumeRequest {",
  "  title: string;",
  "}",
  "",
  "export interface VolumeResponse {",
  "  id: number;",
  "  volume: Volume;",
  "}",
  "```",
  "",
].join("\n");


describe("TypeScript interfaces as the data model", () => {
  it("are told from other TypeScript (and left to Drizzle, Mongoose and entity classes)", () => {
    expect(blockLanguage("ts", "interface Pot {\n  id: string;\n  size: number;\n}")).toBe("interfaces");
    expect(blockLanguage("typescript", "export type Pot = {\n  id: string;\n};")).toBe("interfaces");
    expect(blockLanguage("ts", "type Pot = Base & {\n  id: string;\n};")).toBe("interfaces");
    expect(blockLanguage("ts", "const pots = pgTable('pots', { id: serial('id') });\nexport interface X {\n  a: string;\n}")).toBe("drizzle");
    expect(blockLanguage("ts", "@Entity()\nclass Pot { @Column() size: number }\ninterface X {\n  a: string;\n}")).toBe("entities");
    expect(blockLanguage("ts", "type Size = 'small' | 'large';\nfunction grow(p: Pot): void {}")).toBeNull();
  });

  it("records are tables; request/response shapes, bases and value objects are not", async () => {
    const r = await load(LIBRARY);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["loans", "members", "volumes"]);
    const notes = r.notes.map((n) => n.message);
    expect(notes).toContain("CreateVolumeRequest is read as a request/response shape, not a table");
    expect(notes).toContain("VolumeResponse is read as a request/response shape, not a table");
    expect(notes).toContain("Timestamps is a base others extend: its fields are columns of each record that extends it, it is not a table");
    expect(notes).toContain("Shelf has no key and is a field of Volume: a value object, stored there as json, not a table");
  });

  it("columns: types, nullability, keys, enums and the base's fields", async () => {
    const ir = (await load(LIBRARY)).ir!;
    const v = table(ir, "volumes");
    expect(v.columns.map((c) => c.name)).toEqual(["created_at", "updated_at", "id", "owner_id", "title", "genre", "state", "place", "pages", "price", "labels", "lendable", "sleeve", "spine"]);
    expect(column(v, "id")).toMatchObject({ primaryKey: true, type: { kind: "integer" } });
    expect(column(v, "created_at")).toMatchObject({ nullable: false, default: { kind: "now" } });
    expect(column(v, "owner_id").references).toMatchObject({ table: "members", column: "id" });
    expect(column(v, "owner_id").type.kind).toBe("uuid");
    expect(column(v, "genre").type).toMatchObject({ kind: "enum", values: ["fiction", "poetry", "essay"] });
    expect(column(v, "state").type).toMatchObject({ kind: "enum", values: ["on_shelf", "lent", "lost"] });
    expect(column(v, "state").nullable).toBe(false);
    expect(column(v, "place")).toMatchObject({ nullable: true, type: { kind: "json" } });
    expect(column(v, "pages")).toMatchObject({ nullable: true, minimum: 1, maximum: 9999, type: { kind: "integer" } });
    expect(column(v, "price").type.kind).toBe("decimal");
    expect(column(v, "labels").type).toMatchObject({ kind: "array" });
    expect(column(v, "lendable").default).toEqual({ kind: "literal", value: true });
    expect(column(v, "title")).toMatchObject({ minLength: 2, maxLength: 150 });
    expect(v.indexes.some((i) => i.unique && i.columns.join() === "owner_id,title")).toBe(true);
    expect(column(table(ir, "members"), "email").format).toBe("email");
    expect(column(table(ir, "members"), "id")).toMatchObject({ type: { kind: "uuid" }, default: { kind: "uuid" } });
    // `volume: Volume` is a key column; `loans: Loan[]` is the other side of it (no column on members).
    const loans = table(ir, "loans");
    expect(column(loans, "volume_id").references).toMatchObject({ table: "volumes", column: "id" });
    expect(column(loans, "volume_id")).toMatchObject({ nullable: false, type: { kind: "integer" } });
    expect(column(loans, "due_on").nullable).toBe(true);
  });

  it("an array of records with no key back adds the key on the many side; arrays on both sides make a join table", async () => {
    const spec = ["# Boards", "", "```ts", "interface Board {", "  id: string;", "  name: string;", "  cards: Card[];", "  tags: Tag[];", "}", "", "interface Card {", "  id: string;", "  text: string;", "}", "", "interface Tag {", "  id: number;", "  label: string;", "  boards: Board[];", "}", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(column(table(ir, "cards"), "board_id").references).toMatchObject({ table: "boards" });
    const join = table(ir, "board_tags");
    expect(column(join, "board_id").references).toMatchObject({ table: "boards", onDelete: "cascade" });
    expect(column(join, "tag_id").references).toMatchObject({ table: "tags" });
    expect(column(join, "tag_id").type.kind).toBe("integer");
  });

  it("a type it cannot read and a comment tag it does not know are warnings at their place; the columns stay", async () => {
    const r = await load(LIBRARY);
    const w = r.diagnostics.filter((d) => d.code === "SF113").map((d) => `${where(d)} ${d.message}`);
    expect(w).toEqual([
      `${pos(LIBRARY, "Jacket")} the type of Volume.sleeve (Jacket) is not declared in this block; stored as jsonb`,
      `${pos(LIBRARY, "spine")} Volume.spine: the tag @colour blue is not a rule read here; it is not enforced`,
    ]);
    expect(column(table(r.ir!, "volumes"), "spine").nullable).toBe(true);
  });

  it("a key to a users table written elsewhere in the spec takes that key's type", async () => {
    const spec = ["# Jars", "", "## users", "", "| Column | Type |", "|---|---|", "| id | text |", "", "## Types", "", "```typescript", "export type Jar = {", "  id: number;", "  userId: string;", "  label: string; // at most 40 characters", "};", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const jars = table(r.ir!, "jars");
    expect(column(jars, "user_id").references).toMatchObject({ table: "users", column: "id" });
    expect(column(jars, "user_id").type.kind).toBe("text");
    expect(column(jars, "label").maxLength).toBe(40);
  });
});
