// An item verb that sets a state also stamps the time the state began when the table keeps one:
// "submit" sets status = submitted and submitted_at = now, "pay" sets paid = true and paid_at =
// now. A state with no such column is set alone, and a verb naming only a time stamps it.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Schema
## users
- id: uuid pk
## essays
- id: uuid pk
- user_id: uuid -> users.id
- status: enum(draft, submitted, graded) default draft
- submitted_at: timestamptz, nullable
## bills
- id: uuid pk
- user_id: uuid -> users.id
- paid: boolean default false
- paid_at: timestamptz nullable
## parcels
- id: uuid pk
- user_id: uuid -> users.id
- state: text, one of: packed, shipped
- delivered_at: timestamptz, nullable
`;

const API = `# API
- \`POST /api/essays/{id}/submit\`
- \`POST /api/bills/{id}/pay\`
- \`POST /api/parcels/{id}/ship\`
- \`POST /api/parcels/{id}/deliver\`
`;

describe("verbs that set a state and stamp its time", () => {
  it("stamps the state's time column beside the state, and only where there is one", async () => {
    const r = await load(SCHEMA, API);
    const action = (path: string) => r.ir!.endpoints.find((e) => e.path === path)!.action;
    expect(action("/api/essays/{id}/submit")).toEqual({ kind: "set", field: "status", value: "submitted", also: [{ field: "submitted_at", value: null, now: true }] });
    expect(action("/api/bills/{id}/pay")).toEqual({ kind: "set", field: "paid", value: true, also: [{ field: "paid_at", value: null, now: true }] });
    expect(action("/api/parcels/{id}/ship")).toEqual({ kind: "set", field: "state", value: "shipped" });
    expect(action("/api/parcels/{id}/deliver")).toEqual({ kind: "set", field: "delivered_at", value: null, now: true });
  });
});
