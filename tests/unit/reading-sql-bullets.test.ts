// A table's name on a line of its own, then its columns as SQL column definitions in a bullet
// list, types in lower case ("- title text NOT NULL", "- isbn varchar(13) PK -- the key"), and a
// row's user named by its role ("owner_user_id") when no users table is defined.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Database schema

Users come from the identity provider; \`*_user_id\` columns hold its subject.

Notes
- Timestamps are UTC.
- Money is stored in cents.

## Catalog

books
- isbn varchar(13) PK
- title text NOT NULL
- tags text[] NOT NULL DEFAULT '{}'
- pages int NULL
- source text NOT NULL DEFAULT 'manual' -- where it came from
- added_at timestamptz NOT NULL DEFAULT now()

Indexes
- (title)

copies
- id uuid PK DEFAULT gen_random_uuid()
- owner_user_id uuid NOT NULL -- the provider's subject
- isbn varchar(13) NOT NULL REFERENCES books(isbn)
- condition text NULL
`;

describe("SQL column definitions as bullets under a bare table name", () => {
  it("reads each table, its columns, types and rules", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const books = r.ir!.tables.find((t) => t.name === "books")!;
    expect(books.columns.map((c) => `${c.name}:${c.type.kind}${c.nullable ? "?" : ""}`)).toEqual(["isbn:string", "title:text", "tags:array", "pages:integer?", "source:text", "added_at:timestamp"]);
    expect(books.primaryKey).toBe("isbn");
    expect(books.columns.find((c) => c.name === "source")!.default).toEqual({ kind: "literal", value: "manual" });
    const copies = r.ir!.tables.find((t) => t.name === "copies")!;
    expect(copies.columns.find((c) => c.name === "isbn")!.references).toMatchObject({ table: "books", column: "isbn" });
    // Prose bullets stay prose: "Timestamps are UTC." is no column, "Notes" and "Indexes" no table.
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["books", "copies"]);
  });

  it("a row's one <role>_user_id column is its owner when no users table is defined", async () => {
    const r = await load(SPEC);
    expect(r.ir!.tables.find((t) => t.name === "copies")!.owner).toBe("owner_user_id");
    // Two such columns (a loan between two users) name no single owner.
    const two = await load(`${SPEC}
loans
- id uuid PK DEFAULT gen_random_uuid()
- lender_user_id uuid NOT NULL
- borrower_user_id uuid NOT NULL
`);
    expect(two.ir!.tables.find((t) => t.name === "loans")!.owner ?? null).toBeNull();
  });
});

describe("SQL column definitions as plain lines under a name", () => {
  it("reads a paragraph per table: its name, then one typed column a line", async () => {
    const r = await load(`ORDERS\nid INTEGER PRIMARY KEY\ncustomer TEXT NOT NULL\nplaced_on DATE\ntotal REAL\n\nORDER_LINES\nid INTEGER PRIMARY KEY\norder_id INTEGER REFERENCES orders(id)\nqty INTEGER NOT NULL\n\nNotes\nThis is prose about the orders, not a table.\nNothing here is a column.\n`);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["order_lines", "orders"]);
    const orders = r.ir!.tables.find((t) => t.name === "orders")!;
    expect(orders.columns.map((c) => `${c.name}:${c.type.kind}${c.nullable ? "?" : ""}`)).toEqual(["id:integer", "customer:text", "placed_on:date?", "total:float?"]);
    expect(r.ir!.tables.find((t) => t.name === "order_lines")!.columns.find((c) => c.name === "order_id")!.references).toMatchObject({ table: "orders", column: "id" });
  });
});
