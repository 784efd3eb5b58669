// An API spec that names its endpoints only in prose (requirement lines, a quoted brief) and has
// no heading, table or list of them: each method and path it names is an endpoint, described by
// the words after it, with a note. A spec that lists its endpoints properly is read as before,
// its prose mentions adding nothing.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data

## users
- id: text (primary key)

## habits
- id: serial (primary key)
- user_id: text (references users.id, not null)
- name: text (not null)
- done: boolean (not null, default false)
`;

describe("endpoints named only in prose", () => {
  it("are read, with the words after each as its summary", async () => {
    const api = `# Habit API requirements

- **R-1**: The service shall offer GET \`/api/habits\` to show the caller's habits.
- **R-2**: It shall offer POST \`/api/habits\` to start tracking a habit.
- **R-3**: Clients mark progress with **PATCH /api/habits/{id}/done** - Purpose: flip the flag.
- **R-4**: Listing with GET \`/api/habits\` must answer within 200 ms.
`;
    const r = await load(SCHEMA, api);
    expect(r.diagnostics.filter((d) => d.code === "SF200")).toEqual([]);
    expect(r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`)).toEqual([
      "get /api/habits list",
      "post /api/habits create",
      "patch /api/habits/{id}/done toggle",
    ]);
    expect(r.ir!.endpoints[0]!.summary).toBe("to show the caller's habits.");
    expect(r.notes.filter((n) => n.message.includes("is named in the text only"))).toHaveLength(3);
  });

  it("add nothing to a spec that lists its endpoints", async () => {
    const api = `# API

### GET /api/habits
The caller's habits. Unlike DELETE /api/habits, this never changes anything.
`;
    const r = await load(SCHEMA, api);
    expect(r.ir!.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(["get /api/habits"]);
  });
});
