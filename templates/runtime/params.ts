// Path parameters. A malformed row id answers 404 exactly like an id that does not
// exist, so ids reveal nothing. (Paging and other list parameters: list.ts.) A body field the
// path already gives must agree with it.
import { HttpProblem } from "./errors.js";

const INT4_MAX = 2147483647;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function intId(raw: string | undefined, what: string): number {
  if (raw === undefined || !/^[1-9][0-9]{0,9}$/.test(raw)) throw new HttpProblem(404, `${what} not found`);
  const n = Number(raw);
  if (n > INT4_MAX) throw new HttpProblem(404, `${what} not found`);
  return n;
}

export function bigintId(raw: string | undefined, what: string): string {
  if (raw === undefined || !/^[1-9][0-9]{0,18}$/.test(raw) || BigInt(raw) > 9223372036854775807n) {
    throw new HttpProblem(404, `${what} not found`);
  }
  return raw;
}

export function uuidId(raw: string | undefined, what: string): string {
  if (raw === undefined || !UUID_RE.test(raw)) throw new HttpProblem(404, `${what} not found`);
  return raw.toLowerCase();
}

export function textId(raw: string | undefined, what: string): string {
  // A NUL cannot be in a PostgreSQL text: no row has such a key.
  if (raw === undefined || raw.length === 0 || raw.length > 255 || raw.includes("\u0000")) throw new HttpProblem(404, `${what} not found`);
  return raw;
}

/**
 * A body field whose value the path gives already (the parent's key in a nested route, the
 * caller's own id in /users/me): the body may leave it out or repeat it, nothing else (422).
 * `set`: the field takes the path's value (a create or a replace must carry it); otherwise it
 * is only checked.
 */
export function fromPath(body: Record<string, unknown>, field: string, value: string | number, set: boolean): void {
  const given = body[field];
  if (given !== undefined) {
    const same = String(given) === String(value) || (typeof given === "string" && UUID_RE.test(given) && given.toLowerCase() === String(value));
    if (!same) throw new HttpProblem(422, `${field}: must be ${String(value)}, as the path says`, { errors: [{ field, message: "must match the path" }] });
  }
  if (set) body[field] = value;
}

/**
 * Orders a router's routes so that where two could match one path, the one with a static
 * segment at the first place they differ is tried first: /accounts/bank-relationships before
 * /accounts/:id (routes are tried in order, and the parameter would take the word for a key).
 * Routes of one shape keep the order they were added in.
 */
export function staticSegmentsFirst(router: { stack: Array<{ path: string | RegExp }> }): void {
  const shape = (p: string | RegExp) => (typeof p === "string" ? p.split("/").map((s) => (s.startsWith(":") ? "1" : "0")).join("") : "");
  router.stack.sort((x, y) => {
    const a = shape(x.path);
    const b = shape(y.path);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
