// Reads a JSON request body with a size limit. Whatever a client sends, the answer is a 4xx
// problem: malformed JSON or bytes that are not UTF-8 (400), a body that is too large (413,
// also when it comes chunked without a Content-Length), a non-JSON content type (415), JSON
// that nests deeper than MAX_JSON_DEPTH, a number JSON parses to Infinity (`1e400`) or text
// holding a NUL character, which PostgreSQL cannot store (422, naming the field). A client that
// goes away mid-body is a client fault (ClientAborted), never mistaken for a database outage.
import { isUtf8 } from "node:buffer";
import type { IncomingMessage } from "node:http";
import type { Context } from "koa";
import { HttpProblem } from "./errors.js";

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Deepest nesting of arrays and objects a body may have (JSON columns included). */
export const MAX_JSON_DEPTH = 64;

/** The client closed the connection before its request was complete: nobody is left to answer. */
export class ClientAborted extends HttpProblem {
  readonly clientAborted = true;
  constructor() {
    super(400, "the request ended before its body was complete (the client closed the connection)");
  }
}

const tooLarge = (limit: number) => new HttpProblem(413, `the request body is larger than ${limit} bytes`, { headers: { Connection: "close" } });

/**
 * The body's bytes, up to `limit`. Past the limit reading stops without destroying the
 * connection (the 413 is still answered, then the connection is closed): for-await over the
 * request would destroy the socket under the error path.
 */
function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(null);
    const onClose = () => {
      if (!req.complete) settle(new ClientAborted());
    };
    // A reset connection emits "error" ("aborted", ECONNRESET): the client's, not the database's.
    // The listener stays for good: an "error" with no listener would crash the process.
    req.on("error", () => settle(new ClientAborted()));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onClose);
    if (req.complete && req.readableEnded) settle(null);
  });
}

/** The first field path (`a.b[2]`) at which the parsed value breaks a rule of the module comment, or null. */
function badValue(value: unknown): { field: string; message: string } | null {
  const stack: Array<[unknown, number, string]> = [[value, 0, ""]];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return { field: path || "body", message: "is a number too large to represent" };
    } else if (typeof v === "string") {
      if (v.includes("\u0000")) return { field: path || "body", message: "contains a NUL character (\\u0000), which cannot be stored" };
    } else if (v !== null && typeof v === "object") {
      if (depth >= MAX_JSON_DEPTH) return { field: path || "body", message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], depth + 1, `${path}[${i}]`]);
      } else {
        for (const [k, x] of Object.entries(v)) {
          const field = path ? `${path}.${k}` : k;
          if (k.includes("\u0000")) return { field: path || "body", message: "has a key with a NUL character (\\u0000)" };
          stack.push([x, depth + 1, field]);
        }
      }
    }
  }
  return null;
}

/** The app sets ctx.state.bodyLimit from BODY_LIMIT_BYTES; the default applies otherwise. */
export async function readJson(ctx: Context, limit = (ctx.state as { bodyLimit?: number }).bodyLimit ?? DEFAULT_BODY_LIMIT): Promise<unknown> {
  const type = ctx.get("Content-Type");
  const declared = Number(ctx.get("Content-Length") || "0");
  if (declared > limit) throw tooLarge(limit);
  const bytes = await readBytes(ctx.req, limit);
  if (bytes.length === 0) throw new HttpProblem(400, "a JSON request body is required");
  if (type && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw new HttpProblem(415, "the request body must be application/json");
  }
  if (!isUtf8(bytes)) throw new HttpProblem(400, "the request body is not valid UTF-8");
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString("utf8")) as unknown;
  } catch (err) {
    const why = err instanceof SyntaxError ? err.message : "malformed JSON";
    throw new HttpProblem(400, `the request body is not valid JSON: ${why}`);
  }
  const bad = badValue(body);
  if (bad) throw new HttpProblem(422, `${bad.field}: ${bad.message}`, { errors: [bad] });
  return body;
}

/** A JSON object body, with the named read-only fields taken out (they are never client-settable). */
export async function readObject(ctx: Context, ignored: readonly string[]): Promise<Record<string, unknown>> {
  const body = await readJson(ctx);
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpProblem(422, "the request body must be a JSON object");
  }
  const out = body as Record<string, unknown>;
  for (const key of ignored) delete out[key];
  return out;
}
