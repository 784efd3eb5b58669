// A toggle route named with the noun of the action ("/toggle-completion", "/toggle-activation")
// flips the boolean column that is the action's past ("completed", "activated"). Before, the
// route answered 501 (SF204: no boolean column named).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data\n\n## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | PRIMARY KEY |\n\n## chores\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | PRIMARY KEY |\n| user_id | uuid | NOT NULL, REFERENCES users(id) |\n| completed | boolean | NOT NULL DEFAULT false |\n| activated | boolean | NOT NULL DEFAULT true |\n`;

const API = `# API

### PATCH /api/chores/{id}/toggle-completion
Flip whether the chore is done.

### PATCH /api/chores/{id}/toggle-activation
Flip whether the chore is active.
`;

describe("toggle routes named with the action's noun", () => {
  it("flip the column that is the action's past", async () => {
    const r = await load(SCHEMA, API);
    const act = (p: string) => r.ir!.endpoints.find((e) => e.path === p)?.action;
    expect(act("/api/chores/{id}/toggle-completion")).toEqual({ kind: "toggle", field: "completed" });
    expect(act("/api/chores/{id}/toggle-activation")).toEqual({ kind: "toggle", field: "activated" });
    expect(r.diagnostics.filter((d) => d.code === "SF204")).toEqual([]);
  });
});
