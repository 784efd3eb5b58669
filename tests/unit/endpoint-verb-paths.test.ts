// A path that spells the standard operation as a verb ("POST /reminders/add", "GET /reminders/all",
// "PUT /reminders/{id}/edit", "DELETE /reminders/remove/{id}") is that operation at the path the
// spec gives; a verb whose method contradicts it (a GET that deletes) stays a 501 with its reason.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data model

## users
- \`id\` (uuid, PK)

## reminders
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`label\` (string, required)
- \`due_on\` (date)

## lists
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`title\` (string, required)
`;

const api = (lines: string[]) => `# API\n\n| Method | Path | Description |\n|---|---|---|\n${lines.map((l) => `| ${l.split(" ")[0]} | ${l.split(" ")[1]} | ${l.split(" ").slice(2).join(" ")} |`).join("\n")}\n`;

describe("verb-named paths of the standard operations", () => {
  it("maps each verb shape to its operation, keeping the spec's path", async () => {
    const r = await load(SCHEMA, api([
      "POST /v2/reminders/add add one",
      "POST /v2/reminders/create add one again",
      "GET /v2/reminders/all every reminder",
      "GET /v2/reminders/list every reminder",
      "GET /v2/reminders/show/:id one",
      "GET /v2/reminders/:id/details one again",
      "PUT /v2/reminders/:id/edit change",
      "PATCH /v2/reminders/modify/:id change again",
      "DELETE /v2/reminders/remove/:id remove",
      "DELETE /v2/reminders/:id/destroy remove again",
    ]));
    const on = (p: string) => r.ir!.endpoints.find((e) => `${e.method.toUpperCase()} ${e.path}` === p);
    expect(on("POST /v2/reminders/add")).toMatchObject({ table: "reminders", action: { kind: "create" } });
    expect(on("POST /v2/reminders/create")).toMatchObject({ table: "reminders", action: { kind: "create" } });
    expect(on("GET /v2/reminders/all")).toMatchObject({ table: "reminders", action: { kind: "list" } });
    // "list" after the table is the verb, not the table "lists".
    expect(on("GET /v2/reminders/list")).toMatchObject({ table: "reminders", action: { kind: "list" } });
    expect(on("GET /v2/reminders/show/{id}")).toMatchObject({ table: "reminders", action: { kind: "get" }, idParam: "id" });
    expect(on("GET /v2/reminders/{id}/details")).toMatchObject({ table: "reminders", action: { kind: "get" }, idParam: "id" });
    expect(on("PUT /v2/reminders/{id}/edit")).toMatchObject({ action: { kind: "update" }, idParam: "id" });
    expect(on("PATCH /v2/reminders/modify/{id}")).toMatchObject({ action: { kind: "update" }, idParam: "id" });
    expect(on("DELETE /v2/reminders/remove/{id}")).toMatchObject({ action: { kind: "delete" }, idParam: "id", successStatus: 204 });
    expect(on("DELETE /v2/reminders/{id}/destroy")).toMatchObject({ action: { kind: "delete" }, idParam: "id" });
    expect(r.diagnostics.filter((d) => d.code === "SF202")).toEqual([]);
  });

  it("keeps a verb whose method contradicts it as a 501 that says why", async () => {
    const r = await load(SCHEMA, api(["GET /reminders/delete/{id} a link that deletes", "POST /reminders/list search by body", "GET /reminders/new the form"]));
    const on = (p: string) => r.ir!.endpoints.find((e) => `${e.method.toUpperCase()} ${e.path}` === p)!;
    expect(on("GET /reminders/delete/{id}").action).toMatchObject({ kind: "stub", reason: expect.stringContaining("a GET must not change anything") });
    expect(on("POST /reminders/list").action).toMatchObject({ kind: "stub", reason: expect.stringContaining("not POST") });
    expect(on("GET /reminders/new").action).toMatchObject({ kind: "stub", reason: expect.stringContaining("form") });
  });

  it("reads a column named like a verb as the column", async () => {
    const schema = SCHEMA.replace("- `due_on` (date)", "- `due_on` (date)\n- `details` (text)");
    const r = await load(schema, api(["PATCH /reminders/{id}/details set the details"]));
    expect(r.ir!.endpoints[0]).toMatchObject({ action: { kind: "update", fields: ["details"] } });
  });
});
