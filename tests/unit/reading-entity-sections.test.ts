// Entity sections as data-model documents write them: a heading per entity holding a SQL
// block and a field table, notes naming the service that keeps a table, SQL string literals.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

describe("an entity section that is one table written twice", () => {
  // Prose in French keeps the entity's name singular (no English plural is guessed for it).
  const SPEC = `# Modèle de données

## Entity: Warehouse (Entrepôt)

Un entrepôt est le lieu où les produits sont rangés, et il est créé par un utilisateur.

\`\`\`sql
CREATE TABLE accounts (
  id uuid PRIMARY KEY
);
CREATE TABLE warehouses (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES accounts(id),
  label text NOT NULL,
  CONSTRAINT warehouses_label_length CHECK (char_length(label) BETWEEN 2 AND 80)
);
\`\`\`

### Fields

| Field | Type | Required | Description |
|-------|------|----------|-------------|
| id | UUID | Yes | Identifiant |
| owner_id | UUID | Yes | Référence à accounts.id |
| label | TEXT | Yes | Nom (2-80 caractères) |
| capacity | INTEGER | No | Nombre de places |
`;

  it("joins the field table named after the entity to the table the SQL names, not a second table", async () => {
    const r = await load(SPEC);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["accounts", "warehouses"]);
    const w = table(r.ir!, "warehouses");
    expect(w.columns.map((c) => c.name)).toEqual(["id", "owner_id", "label", "capacity"]);
    expect(r.notes.some((n) => /table "warehouse" is read as "warehouses"/.test(n.message))).toBe(true);
  });
});

describe("a SQL string literal with a quote inside", () => {
  it("reads a doubled quote as one quote, and the rest of the column's phrases as before", async () => {
    const r = await load("# S\n\n```sql\nCREATE TABLE shops (\n  id serial PRIMARY KEY,\n  motto text NOT NULL DEFAULT 'l''art du pain',\n  city text DEFAULT 'Nice'\n);\n```\n");
    const s = table(r.ir!, "shops");
    expect(s.columns.find((c) => c.name === "motto")!.default).toEqual({ kind: "literal", value: "l'art du pain" });
    expect(s.columns.find((c) => c.name === "motto")!.nullable).toBe(false);
    expect(r.diagnostics.filter((d) => d.code === "SF108" || d.code === "SF118")).toEqual([]);
  });
});

describe("a note naming the service that keeps the referenced table", () => {
  const SPEC = `# Model

## users

| Field | Type | Constraints | Notes |
|---|---|---|---|
| id | text | PK | issued by the sign-in service |

## notes

| Field | Type | Constraints | Notes |
|---|---|---|---|
| id | serial | PK | |
| author_id | text | NOT NULL | References Acme Identity users.id |
| body | text | NOT NULL | |
`;
  it("reads the table.column after the service's name, not the service's first word", async () => {
    const r = await load(SPEC);
    expect(table(r.ir!, "notes").columns.find((c) => c.name === "author_id")!.references).toMatchObject({ table: "users", column: "id" });
    expect(r.diagnostics.filter((d) => d.code === "SF104")).toEqual([]);
  });

  it("reads it so in a constraints cell too", async () => {
    const r = await load(SPEC.replace("| NOT NULL | References Acme Identity users.id |", "| not null, references Acme Identity users.id | |"));
    expect(table(r.ir!, "notes").columns.find((c) => c.name === "author_id")!.references).toMatchObject({ table: "users", column: "id" });
    expect(r.diagnostics.filter((d) => d.code === "SF104" || d.code === "SF108")).toEqual([]);
  });
});

describe("a column holding a user id, where the users' key takes any subject", () => {
  const SPEC = `# Model

## users

| Field | Type | Constraints |
|---|---|---|
| id | string (UUID) | PK |
| email | text | |

## bookmarks

| Field | Type | Constraints |
|---|---|---|
| id | serial | PK |
| user_id | string (UUID) | not null, references users(id) |
| url | text | not null |
`;
  it("checks no uuid format on it either, so the token's subject (not a uuid for every issuer) can be written there", async () => {
    const r = await load(SPEC);
    const users = table(r.ir!, "users");
    const owner = table(r.ir!, "bookmarks").columns.find((c) => c.name === "user_id")!;
    expect(users.columns.find((c) => c.name === "id")!.format).toBeUndefined();
    expect(owner.format).toBeUndefined();
    expect(r.notes.some((n) => /"bookmarks.user_id" holds a user id/.test(n.message))).toBe(true);
  });
});
