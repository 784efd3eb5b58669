// The typed client: generated/client/schema.ts (types of every path, from the OpenAPI
// document, as openapi-typescript prints them), client/index.ts (createApiClient over
// openapi-fetch, with the bearer token) and client/example.ts (one typed call, runnable).
// The types are built only when the document changed: schema.ts records the document's hash
// and is reused when the hash matches; otherwise client-types.ts builds them.
import { createHash } from "node:crypto";
import type { IR } from "../ir/types.js";
import { tableInfo } from "./table-info.js";
import { userIdKind } from "../ir/identity-plan.js";
import { str, tsHeader, type FileMap } from "./common.js";
import { schemaTypes } from "./client-types.js";

export function schemaStamp(openapiJson: string): string {
  const hash = createHash("sha256").update(openapiJson).digest("hex");
  return `// Types of openapi.json sha256:${hash}\n`;
}

/** `previousSchema`: the current generated/client/schema.ts, if any (a cache; output does not depend on it). */
export async function emitClient(ir: IR, openapiJson: string, previousSchema: string | null): Promise<FileMap> {
  const files: FileMap = new Map();
  const source = ir.sources.api ?? ir.sources.schema;
  const head = tsHeader(source) + schemaStamp(openapiJson);
  const schema = previousSchema?.startsWith(head) ? previousSchema : head + (await schemaTypes(openapiJson));
  files.set("client/schema.ts", schema);

  files.set(
    "client/index.ts",
    `${tsHeader(source)}// A typed client for this API: openapi-fetch over the types in ./schema.ts.
// Paths, parameters, bodies and responses are checked by TypeScript against the spec.
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { paths } from "./schema.js";

export type { paths, components, operations } from "./schema.js";

export interface ApiClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** Bearer token, or a function that returns the current one (called per request). */
  readonly token?: string | (() => string | Promise<string>);
}

export function createApiClient(baseUrl: string, options: ApiClientOptions = {}): Client<paths> {
  const { token, ...rest } = options;
  const client = createClient<paths>({ baseUrl, ...rest });
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        request.headers.set("Authorization", \`Bearer \${typeof token === "function" ? await token() : token}\`);
        return request;
      },
    });
  }
  return client;
}
`,
  );

  // The example lists the caller's rows of the first table that has a list endpoint.
  // (One whose only path parameter, if any, is the caller's id.)
  const list = ir.endpoints.find((e) => e.action.kind === "list" && e.method === "get" && !e.parent && (e.path.match(/\{[^}]+\}/g) ?? []).every((p) => p === `{${e.userParam}}`));
  const E: string[] = [tsHeader(source).trimEnd()];
  E.push(`// A typed call with the generated client. Run against a running app:`);
  E.push(`//   API_URL=http://127.0.0.1:3000 TOKEN=$(npm run --silent token -- alice) USER_ID=alice npx tsx generated/client/example.ts`);
  E.push(`import { pathToFileURL } from "node:url";`);
  E.push(`import { createApiClient } from "./index.js";`);
  E.push(``);
  if (list) {
    const info = tableInfo(ir, ir.tables.find((t) => t.name === list.table)!);
    const limit = list.list?.limitParam ?? "limit";
    const query = `query: { ${/^[A-Za-z_$][\w$]*$/.test(limit) ? limit : JSON.stringify(limit)}: 20 }`;
    // The user id travels as the OpenAPI document declares it (userIdSchema): a number for integer keys.
    const numeric = userIdKind(ir) === "integer";
    const path = list.userParam ? `{ path: { ${list.userParam}: ${numeric ? "Number(userId)" : "userId"} }, ${query} }` : `{ ${query} }`;
    E.push(`/** ${list.method.toUpperCase()} ${list.path}: the first 20 of the caller's ${list.table}, typed as ${info.model}[]. */`);
    E.push(`export async function listExample(baseUrl: string, token: string, userId: string) {`);
    E.push(`  const client = createApiClient(baseUrl, { token });`);
    E.push(`  const { data, error, response } = await client.GET(${str(list.path)}, { params: ${path} });`);
    E.push(`  if (error) throw new Error(\`\${response.status}: \${error.detail}\`);`);
    E.push(`  return data;`);
    E.push(`}`);
    E.push(``);
    E.push(`if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {`);
    E.push(`  const rows = await listExample(process.env.API_URL ?? "http://127.0.0.1:3000", process.env.TOKEN ?? "", process.env.USER_ID ?? "");`);
    E.push(`  console.log(JSON.stringify(rows, null, 2));`);
    E.push(`}`);
  } else {
    E.push(`export async function healthExample(baseUrl: string) {`);
    E.push(`  const { data } = await createApiClient(baseUrl).GET("/healthz");`);
    E.push(`  return data;`);
    E.push(`}`);
    E.push(``);
    E.push(`if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {`);
    E.push(`  console.log(await healthExample(process.env.API_URL ?? "http://127.0.0.1:3000"));`);
    E.push(`}`);
  }
  files.set("client/example.ts", E.join("\n") + "\n");
  return files;
}
