// Path parameters. A malformed row id answers 404 exactly like an id that does not
// exist, so ids reveal nothing. (Paging and other list parameters: list.ts.)
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
