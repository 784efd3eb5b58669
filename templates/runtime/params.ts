// Path and query parameters. A malformed row id answers 404 exactly like an id that
// does not exist, so ids reveal nothing; malformed paging parameters are a 422.
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
  if (raw === undefined || raw.length === 0 || raw.length > 255) throw new HttpProblem(404, `${what} not found`);
  return raw;
}

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw new HttpProblem(422, `${name}: must be given once`, { errors: [{ field: name, message: "must be given once" }] });
  return v;
}

function nonNegativeInt(query: Query, name: string, min: number, max: number): number | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    const message = `must be a whole number from ${min} to ${max}`;
    throw new HttpProblem(422, `${name}: ${message}`, { errors: [{ field: name, message }] });
  }
  return Number(raw);
}

/** `?limit=&offset=` with a hard maximum page size. */
export function page(query: Query): Page {
  const limit = nonNegativeInt(query, "limit", 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const offset = nonNegativeInt(query, "offset", 0, 100_000_000) ?? 0;
  return { limit, offset };
}
