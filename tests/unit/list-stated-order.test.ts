// A list's default order stated in the endpoint's words rather than in a sort parameter:
// "ordered by rank", "sorted by due date ascending", "latest entries first", "in reverse
// chronological order". Before, every such list still came newest-created first. A GET on
// "/recent" (or "/latest") is the list itself, newest first.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data

## users
- id: text (primary key)

## shelves
- id: serial (primary key)
- user_id: text (references users.id, not null)
- label: text (not null)
- rank: integer (not null, default 0)
- due_date: date (nullable)
- created_at: timestamptz (not null, default now())
`;

const API = `# API

### GET /api/shelves
The caller's shelves, ordered by rank.

### GET /api/v2/shelves
The caller's shelves.

They come sorted by due date ascending.

### GET /api/v3/shelves
The caller's shelves, oldest first.

### GET /api/shelves/recent
The latest shelves.
`;

describe("a default order stated in words", () => {
  it("is the list's default order", async () => {
    const r = await load(SCHEMA, API);
    const order = (p: string) => r.ir!.endpoints.find((e) => e.path === p)!.list!.sort.default;
    expect(order("/api/shelves")).toEqual({ column: "rank", direction: "asc" });
    expect(order("/api/v2/shelves")).toEqual({ column: "due_date", direction: "asc" });
    expect(order("/api/v3/shelves")).toEqual({ column: "created_at", direction: "asc" });
    expect(order("/api/shelves/recent")).toEqual({ column: "created_at", direction: "desc" });
    expect(r.ir!.endpoints.find((e) => e.path === "/api/shelves/recent")!.action.kind).toBe("list");
  });
});
