// Which routes are authentication routes (skipped with SF203 under an external issuer) and which
// are the app's own: "register" after a row's key is signing up for that row, not for the app.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data model

## users
- \`id\` (text, PK)

## events
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`title\` (string, required)
`;

const api = (lines: string[]) => `# API\n\n| Method | Path | Description |\n|---|---|---|\n${lines.map((l) => `| ${l.split(" ")[0]} | ${l.split(" ")[1]} | ${l.split(" ").slice(2).join(" ")} |`).join("\n")}\n`;

describe("authentication routes", () => {
  it("skips the app's own sign-up and sign-in routes, keeps a row's register action", async () => {
    const r = await load(SCHEMA, api(["POST /api/auth/register sign up", "POST /api/login sign in", "POST /api/users/{id}/password change it", "POST /api/events/{id}/register sign up for the event", "GET /api/events list events"]));
    const skipped = r.diagnostics.filter((d) => d.code === "SF203").map((d) => d.message.split(" is ")[0]);
    expect(skipped).toEqual(["POST /api/auth/register", "POST /api/login", "POST /api/users/{id}/password"]);
    const paths = r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`);
    expect(paths).toContain("POST /api/events/{id}/register");
    expect(paths).toContain("GET /api/events");
  });
});
