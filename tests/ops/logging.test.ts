// Logs: one JSON line per request with its request id, and no secret in them. The
// app's real log output of this test (and every other log file this run left under
// tests/.output/logs/) is read back and searched for tokens, passwords and cookies.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGeneratedApp, LOG_DIR, type RunningApp } from "../helpers/server.js";
import { tokenFor, TEST_SECRET } from "../helpers/tokens.js";
import { createLogger } from "../../generated/runtime/logger.js";

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}/;

describe("logging", () => {
  let app: RunningApp;
  let token: string;
  const password = "hunter2-correct-horse-battery";
  const cookie = "session=s3cr3t-cookie-value";

  beforeAll(async () => {
    app = await startGeneratedApp("postgres");
    token = await tokenFor("log_user");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("redacts secret keys wherever a log call passes them", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger({ destination: sink });
    log.info({ authorization: `Bearer ${token}`, password, nested: { token, cookie, "set-cookie": cookie, keep: "visible" } }, "careless call");
    const text = lines.join("");
    expect(text).toContain("visible");
    expect(text).toContain("[redacted]");
    expect(text).not.toContain(token);
    expect(text).not.toContain(password);
    expect(text).not.toContain("s3cr3t");
  });

  it("writes one JSON line per request with the request id, and never a secret", async () => {
    await app.call("POST", "/api/log_user/tasks", { token, body: { title: "t", password }, headers: { Cookie: cookie, "X-Request-Id": "trace-me-42" } });
    await app.call("GET", `/api/log_user/tasks?token=${token}&limit=5`, { token, headers: { Cookie: cookie } });
    await app.call("GET", "/api/log_user/tasks", { token: token.slice(0, -4) + "AAAA" }); // bad signature
    await app.call("GET", "/api/log_user/tasks", { headers: { Authorization: `Basic ${Buffer.from(`u:${password}`).toString("base64")}` } });
    await app.call("POST", "/api/log_user/tasks", { token, rawBody: `{"password":"${password}",` }); // malformed JSON
    const text = readFileSync(app.logFile, "utf8");
    const lines = text.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === "request");
    expect(requests.length).toBe(5);
    expect(requests[0]).toMatchObject({ level: "info", requestId: "trace-me-42", method: "POST", path: "/api/log_user/tasks", status: 422, userId: "log_user" });
    // "token" is not a list parameter of the spec, so the list refuses it (422); the log keeps names only, never values.
    expect(requests[1]).toMatchObject({ status: 422, query: ["limit", "token"] });
    expect(requests.map((r) => r.status)).toEqual([422, 422, 401, 401, 400]) // 422: "password" is not a task field;
    for (const r of requests) expect(r.requestId).toEqual(expect.any(String));
    expect(text).not.toMatch(JWT_SHAPE);
    expect(text).not.toContain(token.split(".")[2]!); // not even the signature part
    expect(text).not.toContain(password);
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain(TEST_SECRET);
  });

  it("leaves no token in any log file of this test run", () => {
    const files = readdirSync(LOG_DIR).filter((f) => f.endsWith(".ndjson"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join(LOG_DIR, f), "utf8");
      expect(text, f).not.toMatch(JWT_SHAPE);
      expect(text, f).not.toContain(TEST_SECRET);
    }
  });
});

// The default destination writes stdout in blocks: a child process logs, and its stdout is read
// back after it exits (normally, or killed with SIGKILL so nothing can be written on the way out).
describe("stdout in blocks", () => {
  const LOGGER = join(import.meta.dirname, "../../generated/runtime/logger.ts");
  async function child(script: string): Promise<{ lines: Array<Record<string, unknown>>; signal: NodeJS.Signals | null }> {
    const { spawn } = await import("node:child_process");
    const code = `import { createLogger } from ${JSON.stringify(LOGGER)};\nconst log = createLogger({ level: "info" });\n${script}`;
    const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => p.on("close", (_c, s) => resolve(s)));
    return { lines: out.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), signal };
  }

  it("writes every line by exit, also through process.exit", async () => {
    const { lines } = await child(`for (let i = 0; i < 2000; i++) log.info({ i }, "line");\nprocess.exit(0);`);
    expect(lines.map((l) => l["i"])).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  it("writes a waiting line within the flush interval", async () => {
    const { lines, signal } = await child(`log.info("waited");\nawait new Promise((r) => setTimeout(r, 400));\nprocess.kill(process.pid, "SIGKILL");`);
    expect(signal).toBe("SIGKILL");
    expect(lines.map((l) => l["msg"])).toEqual(["waited"]);
  });

  it("writes an error line at once, with the lines before it", async () => {
    const { lines, signal } = await child(
      `const { bufferedStdout } = await import(${JSON.stringify(LOGGER)});\nconst slow = createLogger({ destination: bufferedStdout(600_000) });\n` +
        `slow.info("before");\nslow.error("failed");\nawait new Promise((r) => setTimeout(r, 100));\nprocess.kill(process.pid, "SIGKILL");`,
    );
    expect(signal).toBe("SIGKILL");
    expect(lines.map((l) => [l["level"], l["msg"]])).toEqual([["info", "before"], ["error", "failed"]]);
  });
});
