// The spec of tests/unit/ownership-audit-trails-and-logs.test.ts, run end to end on PGlite and
// PostgreSQL: a table whose only users are its audit trail (tags) is read and written by every
// signed-in user, its created_by and updated_by set from the token whatever the body says; a log
// named for a ticket (ticket_activity_logs) is seen only by whoever sees the ticket, its actor set
// from the token; a group with a membership table named for it (pantries, pantry_members) is its
// members', the creator one of them, and another user gets what a missing row gets.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "audit-trails-and-logs");
const APP = join(OUT, "generated");
const SCHEMA = readFileSync(join(ROOT, "tests", "unit", "ownership-audit-trails-and-logs.test.ts"), "utf8").match(/const SCHEMA = `([\s\S]*?)`;/)![1]!;

// The routes used below (several methods to a line, as API overviews write them).
const API = `# API

GET/POST /api/tags
GET/PATCH /api/tags/{id}
GET/POST /api/tickets
GET/POST /api/ticket-activity-logs
GET /api/ticket-activity-logs/{id}
GET/POST /api/pantries
GET/PATCH /api/pantries/{id}
GET/POST /api/tickets/{id}/tags
DELETE /api/tickets/{id}/tags/{tagId}
`;

beforeAll(async () => {
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API });
  expect(loaded.ir, JSON.stringify(loaded.diagnostics)).toBeTruthy();
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

describe.each(DB_KINDS)("audit trails, logs and named memberships on %s", (kind) => {
  let app: RunningProject;
  let a = "";
  let b = "";
  const A = "8d0f7f8e-0000-4000-8000-00000000000a";
  const B = "8d0f7f8e-0000-4000-8000-00000000000b";

  beforeAll(async () => {
    app = await bootProject(kind, APP);
    a = await tokenFor(A);
    b = await tokenFor(B);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("lets every user read and change a table whose only users are its audit trail, stamping each write", async () => {
    const made = await app.call("POST", "/api/tags", { token: a, body: { title: "urgent", created_by: B, updated_by: B } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ title: "urgent", created_by: A, updated_by: A });
    const seen = await app.call("GET", `/api/tags/${made.body.id}`, { token: b });
    expect(seen.status).toBe(200);
    const changed = await app.call("PATCH", `/api/tags/${made.body.id}`, { token: b, body: { title: "later", created_by: B } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ title: "later", created_by: A, updated_by: B });
    expect((await app.call("GET", "/api/tags")).status).toBe(401);
  });

  it("shows a ticket's log only to whoever sees the ticket, its actor taken from the token", async () => {
    const ticket = await app.call("POST", "/api/tickets", { token: a, body: { subject: "printer" } });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const entry = await app.call("POST", "/api/ticket-activity-logs", { token: a, body: { ticket_id: ticket.body.id, user_id: B, action: "opened" } });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    expect(entry.body.user_id).toBe(A);
    expect((await app.call("GET", `/api/ticket-activity-logs/${entry.body.id}`, { token: a })).status).toBe(200);
    expect((await app.call("GET", `/api/ticket-activity-logs/${entry.body.id}`, { token: b })).status).toBe(404);
    const listed = await app.call("GET", "/api/ticket-activity-logs", { token: b });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(entry.body.id);
    // B cannot write into A's ticket's log: the ticket is missing for B.
    const forged = await app.call("POST", "/api/ticket-activity-logs", { token: b, body: { ticket_id: ticket.body.id, action: "closed" } });
    expect([404, 422]).toContain(forged.status);
  });

  it("links the caller's ticket to a shared tag, and no one else's", async () => {
    const ticket = await app.call("POST", "/api/tickets", { token: a, body: { subject: "scanner" } });
    const tag = await app.call("POST", "/api/tags", { token: b, body: { title: "hardware" } });
    expect([ticket.status, tag.status]).toEqual([201, 201]);
    // A link answers 204 with no body, as docs/rest.md says (before, 200 with a text "OK").
    const link = (token: string) => app.call("POST", `/api/tickets/${ticket.body.id}/tags`, { token, body: { tag_id: tag.body.id } });
    const linked = await link(a);
    expect([linked.status, linked.body]).toEqual([204, undefined]);
    const mine = await app.call("GET", `/api/tickets/${ticket.body.id}/tags`, { token: a });
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain(tag.body.id);
    // B sees the tag, not A's ticket: linking to it or reading its tags is a missing ticket.
    expect((await link(b)).status).toBe(404);
    expect((await app.call("GET", `/api/tickets/${ticket.body.id}/tags`, { token: b })).status).toBe(404);
    expect((await app.call("DELETE", `/api/tickets/${ticket.body.id}/tags/${tag.body.id}`, { token: b })).status).toBe(404);
    expect((await app.call("DELETE", `/api/tickets/${ticket.body.id}/tags/${tag.body.id}`, { token: a })).status).toBe(204);
  });

  it("makes a group its members' when its membership table is named for it", async () => {
    const pantry = await app.call("POST", "/api/pantries", { token: a, body: { name: "Home", created_by: B } });
    expect(pantry.status, JSON.stringify(pantry.body)).toBe(201);
    expect(pantry.body.created_by).toBe(A);
    expect((await app.call("GET", `/api/pantries/${pantry.body.id}`, { token: a })).status).toBe(200);
    expect((await app.call("GET", `/api/pantries/${pantry.body.id}`, { token: b })).status).toBe(404);
    expect((await app.call("PATCH", `/api/pantries/${pantry.body.id}`, { token: b, body: { name: "Mine" } })).status).toBe(404);
  });
});
