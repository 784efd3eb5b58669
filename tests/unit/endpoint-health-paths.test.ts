// Health checks are written under many paths: the last segment a health word ("/api/health"),
// one made of health words and the database's name ("/api/system/db-health", "databaseHealth"),
// or the database under a health segment ("/api/health/db"). Each is answered as the app's own
// /healthz or /readyz (public); the database's check as /readyz. Other paths stay 501 stubs.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = "# Plants\n\n## users\n- id: text, primary key\n\n## plants\n- id: serial, primary key\n- user_id: text, FK -> users.id\n- name: varchar(60), required\n";
const API = `# API

- \`GET /api/system/db-health\` — is the database reachable
- \`GET /api/health/db\` — the same, another way
- \`GET /v1/databaseHealth\`
- \`GET /api/service/health-check\` — is the service up
- \`GET /api/db-exports\` — a dump of my data
- \`GET /api/plants\` — my plants
`;

describe("health checks under other paths", () => {
  it("are read as health checks, the database's as readiness; others stay 501 stubs", async () => {
    const r = await load(SCHEMA, API);
    const byPath = Object.fromEntries((r.ir!.unmapped ?? []).map((u) => [u.path, u]));
    expect(byPath["/api/system/db-health"]).toMatchObject({ health: "ready", auth: "public" });
    expect(byPath["/api/health/db"]).toMatchObject({ health: "ready", auth: "public" });
    expect(byPath["/v1/databaseHealth"]).toMatchObject({ health: "ready", auth: "public" });
    expect(byPath["/api/service/health-check"]).toMatchObject({ health: "live", auth: "public" });
    expect(byPath["/api/db-exports"]!.health).toBeUndefined();
    expect(byPath["/api/db-exports"]).toMatchObject({ auth: "required" });
  });
});
