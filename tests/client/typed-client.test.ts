// The generated typed client (generated/client/): tsc checks calls against the types
// from the OpenAPI document and against the server's own row types, rejects wrong
// calls, and the client works against the live generated app.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { tokenFor } from "../helpers/tokens.js";
import { createApiClient } from "../../generated/client/index.js";
import { listExample } from "../../generated/client/example.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "typed-client");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

function tsc(...files: string[]): { ok: boolean; output: string } {
  const args = [TSC, "--noEmit", "--strict", "--skipLibCheck", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--types", "node", ...files];
  try {
    return { ok: true, output: execFileSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" }) };
  } catch (err) {
    return { ok: false, output: String((err as { stdout?: string }).stdout ?? err) };
  }
}

const HEAD = `import { createApiClient } from "../../../generated/client/index.js";
import type { TaskRow as Task, TaskCreate } from "../../../generated/schemas/tasks.js";
const client = createApiClient("http://127.0.0.1:1", { token: "t" });
`;

const GOOD_FILE = join(OUT, "good.ts");
const BAD_FILE = join(OUT, "bad.ts");
let result: { ok: boolean; output: string };

describe("typed client", () => {
  // One tsc run over both files (a run costs several seconds).
  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
    writeGood();
    writeBad();
    result = tsc(GOOD_FILE, BAD_FILE);
  }, 60_000);

  it("type-checks correct calls, and their results fit the server's own row types", () => {
    expect(result.output).toContain("bad.ts"); // tsc ran over the files
    expect(result.output).not.toContain("good.ts");
  });

  it("rejects calls that do not match the API", () => {
    expect(result.ok).toBe(false);
    // One error per wrong call, each on its own function's line.
    const lines = HEAD.split("\n").length - 1;
    const errorLines = new Set([...result.output.matchAll(/bad\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
    const expected = Object.keys(BAD_CASES).map((_, i) => lines + 2 + i * 3);
    for (const l of expected) expect(errorLines, result.output).toContain(l);
    expect(errorLines.size).toBe(expected.length);
  });
});

function writeGood(): void {
    writeFileSync(
      GOOD_FILE,
      HEAD +
        `export async function good(): Promise<Task[]> {
  const body: TaskCreate = { title: "typed", priority: "high" };
  const created = await client.POST("/api/{user_id}/tasks", { params: { path: { user_id: "u" } }, body });
  if (created.data) { const t: Task = created.data; void t; }
  const { data } = await client.GET("/api/{user_id}/tasks", { params: { path: { user_id: "u" }, query: { limit: 5 } } });
  return data ?? [];
}
`,
    );
}

const BAD_CASES: Record<string, string> = {
      unknownPath: `client.GET("/api/{user_id}/taskz", { params: { path: { user_id: "u" } } });`,
      missingPathParam: `client.GET("/api/{user_id}/tasks", { params: { path: {} } });`,
      wrongEnum: `client.POST("/api/{user_id}/tasks", { params: { path: { user_id: "u" } }, body: { title: "x", priority: "urgent" } });`,
      missingRequired: `client.POST("/api/{user_id}/tasks", { params: { path: { user_id: "u" } }, body: { priority: "low" } });`,
};

function writeBad(): void {
  writeFileSync(BAD_FILE, HEAD + Object.entries(BAD_CASES).map(([name, call]) => `export function ${name}() {\n  return ${call}\n}\n`).join(""));
}

describe("typed client against the live app", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startGeneratedApp("postgres");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("creates and lists with the bearer token, and sees problems as typed errors", async () => {
    const token = await tokenFor("client_user");
    const client = createApiClient(app.url, { token: () => token });
    const created = await client.POST("/api/{user_id}/tasks", { params: { path: { user_id: "client_user" } }, body: { title: "from the client" } });
    expect(created.response.status).toBe(201);
    expect(created.data?.title).toBe("from the client");
    const list = await client.GET("/api/{user_id}/tasks", { params: { path: { user_id: "client_user" } } });
    expect(list.data?.map((t) => t.title)).toEqual(["from the client"]);
    const other = await client.GET("/api/{user_id}/tasks", { params: { path: { user_id: "someone_else" } } });
    expect(other.response.status).toBe(403);
    expect(other.error?.status).toBe(403);
    const anonymous = await createApiClient(app.url).GET("/api/{user_id}/tasks", { params: { path: { user_id: "client_user" } } });
    expect(anonymous.response.status).toBe(401);
    // The generated example, as shipped.
    await client.POST("/api/{user_id}/categories", { params: { path: { user_id: "client_user" } }, body: { name: "home" } });
    const rows = await listExample(app.url, token, "client_user");
    expect(rows?.map((c) => c.name)).toEqual(["home"]);
  });
});
