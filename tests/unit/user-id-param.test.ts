// openapi.json says what the app accepts as `{user_id}`: the path must be the token's user id
// (runtime/auth.ts assertSelf), and a token whose user id does not fit the users table's key is
// refused (withSubjectFormat). So the parameter's schema is the runtime's check, and a client
// generated from the document (client/schema.ts) knows it.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { buildOpenApi } from "../../generator/emit/emit-openapi.js";
import { emitClient } from "../../generator/emit/emit-client.js";
import { json } from "../../generator/emit/common.js";
import { withSubjectFormat } from "../../templates/runtime/auth.js";

const spec = (idType: string) => `## users

- id: ${idType} (primary key)

## tasks

- id: serial (primary key)
- user_id: ${idType === "serial" ? "integer" : idType === "bigserial" ? "bigint" : idType} (references users(id))
- title: text (not null)
`;
const API = "### GET /api/{user_id}/tasks\n\n### GET /api/{user_id}/tasks/{id}\n";

async function load(idType: string) {
  const r = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: spec(idType) },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
  );
  expect(r.ir, JSON.stringify(r.diagnostics)).not.toBeNull();
  return r.ir!;
}

type Schema = Record<string, unknown>;
function userIdParam(doc: Schema, path: string): Schema {
  const op = ((doc.paths as Record<string, Record<string, Schema>>)[path]!.get!) as { parameters: Schema[] };
  return op.parameters.find((p) => p.name === "user_id" && p.in === "path")!.schema as Schema;
}

/** Whether a path segment is a value of the parameter's schema, as a client reading the document sees it. */
function fits(schema: Schema, segment: string): boolean {
  if (schema.type === "integer") {
    if (!/^-?(0|[1-9][0-9]*)$/.test(segment)) return false;
    const n = Number(segment);
    return (schema.minimum === undefined || n >= (schema.minimum as number)) && (schema.maximum === undefined || n <= (schema.maximum as number));
  }
  expect(schema.type).toBe("string");
  return segment.length > 0 && (schema.pattern === undefined || new RegExp(schema.pattern as string, "u").test(segment));
}

/** Whether the app accepts a token whose user id is `id` (the path then must be exactly `id`). */
async function tokenAccepted(kind: "integer" | "bigint" | "uuid" | null, id: string): Promise<boolean> {
  const verify = async () => ({ id, claims: {} }) as never;
  try {
    await (kind ? withSubjectFormat(verify, kind) : verify)("token");
    return true;
  } catch {
    return false;
  }
}

const SAMPLES = [
  "1", "42", "999999999", "1000000000", "2147483647", "999999999999999999", "1000000000000000000", "0", "01", "-1", "1.5", "1e3", "abc",
  "0b3f1c52-5a9e-4c1b-9f1e-3c2d4b5a6e7f", "0B3F1C52-5A9E-4C1B-9F1E-3C2D4B5A6E7F", "urn:uuid:0b3f1c52-5a9e-4c1b-9f1e-3c2d4b5a6e7f", "0b3f1c525a9e4c1b9f1e3c2d4b5a6e7f",
  "user_2abcXYZ",
];

describe("the {user_id} path parameter in openapi.json", () => {
  it.each([
    ["serial", "integer", { type: "integer", minimum: 1, maximum: 999999999 }],
    ["integer", "integer", { type: "integer", minimum: 1, maximum: 999999999 }],
    ["bigserial", "bigint", { type: "string", pattern: "^[1-9][0-9]{0,17}$" }],
    ["bigint", "bigint", { type: "string", pattern: "^[1-9][0-9]{0,17}$" }],
    ["uuid", "uuid", { type: "string", format: "uuid", pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }],
    ["text", null, { type: "string" }],
  ] as const)("users.id %s: %s", async (idType, kind, want) => {
    const doc = buildOpenApi(await load(idType));
    for (const path of ["/api/{user_id}/tasks", "/api/{user_id}/tasks/{id}"]) expect(userIdParam(doc, path)).toEqual(want);
    // Exactly what the runtime accepts: every sample the token check takes fits the schema, and no other.
    for (const id of SAMPLES) expect(fits(want, id), `${idType}: "${id}"`).toBe(await tokenAccepted(kind, id));
  });

  it("reaches the generated client's types", async () => {
    const ir = await load("serial");
    const files = await emitClient(ir, json(buildOpenApi(ir)), null);
    const types = [...files].find(([p]) => p.endsWith("schema.ts"))![1];
    expect(types).toMatch(/path: \{\n\s+\/\*\* @description Must be the authenticated user's id\. \*\/\n\s+user_id: number;/);
  });
});
