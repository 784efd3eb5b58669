// Reads a JSON request body with a size limit. Malformed JSON is the client's
// fault (400), a body that is too large is 413, a non-JSON content type is 415.
import type { Context } from "koa";
import { HttpProblem } from "./errors.js";

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The app sets ctx.state.bodyLimit from BODY_LIMIT_BYTES; the default applies otherwise. */
export async function readJson(ctx: Context, limit = (ctx.state as { bodyLimit?: number }).bodyLimit ?? DEFAULT_BODY_LIMIT): Promise<unknown> {
  const type = ctx.get("Content-Type");
  const declared = Number(ctx.get("Content-Length") || "0");
  if (declared > limit) throw new HttpProblem(413, `the request body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpProblem(413, `the request body is larger than ${limit} bytes`);
    chunks.push(buf);
  }
  if (size === 0) throw new HttpProblem(400, "a JSON request body is required");
  if (type && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw new HttpProblem(415, "the request body must be application/json");
  }
  const text = Buffer.concat(chunks, size).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const why = err instanceof SyntaxError ? err.message : "malformed JSON";
    throw new HttpProblem(400, `the request body is not valid JSON: ${why}`);
  }
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
