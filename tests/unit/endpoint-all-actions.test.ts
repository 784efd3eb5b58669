// An action on all of the caller's rows at once, named with "all": "PATCH /alerts/read-all",
// "POST /alerts/mark-all-as-read", "PUT /chores/finish-all". It sets the column the verb names (as
// the item action would) on every one of the caller's rows, with no body; a verb that names no
// column stays a 501.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data

## users
- id: text (primary key)

## alerts
- id: serial (primary key)
- user_id: text (references users.id, not null)
- text: text (not null)
- read: boolean (not null, default false)

## chores
- id: serial (primary key)
- user_id: text (references users.id, not null)
- finished_at: timestamptz (nullable)
`;

const API = `# API

### PATCH /api/alerts/read-all
### POST /api/alerts/mark-all-as-read
### PUT /api/chores/finish-all
### PATCH /api/chores/polish-all
`;

describe("an action on all of the caller's rows", () => {
  it("sets the verb's column on every one of them, without a body of keys", async () => {
    const r = await load(SCHEMA, API);
    const by = (m: string, p: string) => r.ir!.endpoints.find((e) => e.method === m && e.path === p)!;
    for (const [m, p] of [["patch", "/api/alerts/read-all"], ["post", "/api/alerts/mark-all-as-read"]] as const) {
      expect(by(m, p).action).toEqual({ kind: "update-many", where: [], idsField: null, field: "read", value: true });
    }
    expect(by("put", "/api/chores/finish-all").action).toMatchObject({ kind: "update-many", idsField: null, field: "finished_at", now: true });
    expect(by("patch", "/api/chores/polish-all").action.kind).toBe("stub");
  });
});
