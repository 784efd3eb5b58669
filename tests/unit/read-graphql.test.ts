// GraphQL SDL as a spec's data model: object types are tables (snake_case plural), root, input,
// interface and pagination types are not, `!` is NOT NULL, fields typed as another type are keys,
// lists are the other side of a key (or a join table), storage directives are rules, and what is
// not understood is a warning at its place.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const FLEET = [
  "# Fleet",
  "",
  "```graphql",
  "scalar DateTime",
  "",
  "interface Node {",
  "  id: ID!",
  "  createdAt: DateTime!",
  "}",
  "",
  "enum Fuel {",
  "  PETROL",
  "  DIESEL",
  "  ELECTRIC",
  "}",
  "",
  "type Driver implements Node {",
  "  id: ID!",
  "  createdAt: DateTime!",
  "  licence: String! @unique",
  "  vans: [Van!]!",
  "}",
  "",
  "type Dimensions {",
  "  length: Float!",
  "  height: Float!",
  "}",
  "",
  '"""A van in the fleet."""',
  "type Van implements Node {",
  "  id: ID!",
  "  createdAt: DateTime!",
  '  "Plate as painted, 2-12 characters"',
  "  plate: String! @constraint(minLength: 2, maxLength: 12)",
  "  fuel: Fuel! @default(value: DIESEL)",
  "  seats: Int @constraint(min: 1, max: 9)",
  "  price: Float!",
  "  model: String @db.VarChar(60)",
  "  size: Dimensions",
  "  extras: [String!]!",
  "  depot: Depot! @relation(onDelete: CASCADE)",
  "  colour: String @paint(shade: 2)",
  "}",
  "",
  "type Depot {",
  "  id: Int!",
  "  city: String!",
  "}",
  "",
  "input AddVanInput {",
  "  plate: String!",
  "}",
  "",
  "type VanConnection {",
  "  edges: [Van!]!",
  "}",
  "",
  "type Query {",
  "  vans(first: Int): VanConnection!",
  "}",
  "```",
  "",
].join("\n");


describe("GraphQL SDL as the data model", () => {
  it("is told from other blocks: fenced graphql/gql, or plain text starting `type X {`", () => {
    expect(blockLanguage("graphql", "type Van {\n  id: ID!\n}")).toBe("graphql");
    expect(blockLanguage("gql", "enum A { X }\ntype Van {\n  plate: String\n}")).toBe("graphql");
    expect(blockLanguage("", "# the model\ntype Van {\n  id: ID!\n  plate: String!\n}")).toBe("graphql");
    expect(blockLanguage("graphql", "query { vans { id } }")).toBeNull();
    // `type X = {` is TypeScript, not GraphQL.
    expect(blockLanguage("", "type Van = {\n  id: string;\n}")).toBeNull();
  });

  it("object types are tables; root, input, interface and connection types are not", async () => {
    const r = await load(FLEET);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["depots", "drivers", "vans"]);
    const notes = r.notes.map((n) => n.message);
    expect(notes).toContain("type Query is the API's root operations, not a table");
    expect(notes).toContain("input AddVanInput is what a client sends, not a table");
    expect(notes).toContain("type VanConnection is a response or pagination shape, not a table");
    expect(notes).toContain("type Dimensions has no id and is a field of Van: a value object, stored there as json, not a table");
  });

  it("columns: NOT NULL from !, keys, enums, lists, and the storage directives' rules", async () => {
    const ir = (await load(FLEET)).ir!;
    const vans = table(ir, "vans");
    expect(column(vans, "id")).toMatchObject({ primaryKey: true, type: { kind: "uuid" }, default: { kind: "uuid" } });
    expect(column(vans, "created_at")).toMatchObject({ nullable: false, default: { kind: "now" } });
    expect(column(vans, "plate")).toMatchObject({ nullable: false, minLength: 2, maxLength: 12 });
    expect(column(vans, "fuel").type).toMatchObject({ kind: "enum", values: ["PETROL", "DIESEL", "ELECTRIC"] });
    expect(column(vans, "fuel").default).toEqual({ kind: "literal", value: "DIESEL" });
    expect(column(vans, "seats")).toMatchObject({ nullable: true, minimum: 1, maximum: 9, type: { kind: "integer" } });
    expect(column(vans, "price").type.kind).toBe("decimal");
    expect(column(vans, "model").type).toMatchObject({ kind: "string", maxLength: 60 });
    expect(column(vans, "size")).toMatchObject({ nullable: true, type: { kind: "json" } });
    expect(column(vans, "extras").type).toMatchObject({ kind: "array" });
    // `depot: Depot!` is a key typed as the depot's Int id; `vans: [Van!]!` puts driver_id on vans.
    expect(column(vans, "depot_id")).toMatchObject({ nullable: false, type: { kind: "integer" }, references: { table: "depots", column: "id", onDelete: "cascade" } });
    expect(column(vans, "driver_id").references).toMatchObject({ table: "drivers", column: "id" });
    expect(column(table(ir, "drivers"), "licence").unique).toBe(true);
    expect(column(table(ir, "depots"), "id").type.kind).toBe("integer");
  });

  it("a directive it does not know and a syntax error are warnings at their place", async () => {
    const r = await load(FLEET);
    const w = r.diagnostics.filter((d) => d.code === "SF113").map((d) => `${where(d)} ${d.message}`);
    expect(w).toEqual([`${pos(FLEET, "@paint")} Van.colour: @paint is not a directive read here; it is ignored (the field stays)`]);
    const bad = ["# X", "", "```graphql", "type Van {", "  plate: String!!", "}", "```", ""].join("\n");
    const r2 = await load(bad);
    const w2 = r2.diagnostics.filter((d) => d.code === "SF113");
    expect(w2.map((d) => where(d))).toEqual([pos(bad, "!!") .replace(/:(\d+)$/, (_, c: string) => `:${Number(c) + 1}`)]);
    expect(w2[0]!.message).toMatch(/^GraphQL syntax error/);
  });

  it("`userId: ID!` names a users table written elsewhere in the spec, many-to-many lists make a join table", async () => {
    const spec = ["# Clubs", "", "## users", "", "| Column | Type |", "|---|---|", "| id | text |", "", "```gql", "type Club {", "  id: ID!", "  userId: ID!", "  name: String!", "  members: [Person!]!", "}", "", "type Person {", "  id: ID!", "  clubs: [Club!]!", "}", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const clubs = table(r.ir!, "clubs");
    expect(column(clubs, "user_id")).toMatchObject({ nullable: false, type: { kind: "text" }, references: { table: "users" } });
    const join = table(r.ir!, "club_people");
    expect(column(join, "club_id").references).toMatchObject({ table: "clubs" });
    expect(column(join, "person_id").references).toMatchObject({ table: "people" });
  });
});
