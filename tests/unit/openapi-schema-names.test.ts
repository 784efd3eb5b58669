// A table whose model takes a name the OpenAPI document gives its own schemas ("problems" ->
// Problem, the problem details of every error; "auth_logins" -> AuthLogin, the built-in auth
// module's body) keeps both: the table's schemas are named with "Row" added.
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "../../generator/emit/emit-openapi.js";
import { load } from "./helpers.js";

const schema = `# Data model

## users
- \`id\` (uuid, PK)
- \`email\` (string, unique)
- \`password_hash\` (string)

## problems
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`statement\` (text, required)

## auth_logins
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`ip\` (string)
`;

describe("component schema names", () => {
  it("never replaces the problem details with a table's row", async () => {
    const r = await load(schema);
    const doc = buildOpenApi(r.ir!) as any;
    expect(doc.components.schemas.Problem.required).toEqual(["type", "title", "status", "detail"]);
    expect(doc.components.schemas.ProblemRow.properties).toHaveProperty("statement");
    expect(doc.components.schemas.ProblemRowCreate.required).toEqual(["statement"]);
    const list = doc.paths["/api/problems"].get.responses["200"].content["application/json"].schema;
    expect(JSON.stringify(list)).toContain("#/components/schemas/ProblemRow");
    // The names stay the same whichever authentication the spec chooses.
    expect(doc.components.schemas).toHaveProperty("AuthLoginRow");
    expect(doc.components.schemas).not.toHaveProperty("AuthLogin");
  });

  it("never replaces the built-in auth module's bodies either", async () => {
    const r = await load(schema, "# API\n\nAuthentication: built-in\n\n### GET /api/auth-logins\nList.\n");
    const doc = buildOpenApi(r.ir!) as any;
    expect(doc.components.schemas.AuthLogin.required).toContain("password");
    expect(doc.components.schemas.AuthLoginRow.properties).toHaveProperty("ip");
    const list = doc.paths["/api/auth-logins"].get.responses["200"].content["application/json"].schema;
    expect(JSON.stringify(list)).toContain("#/components/schemas/AuthLoginRow");
  });
});
