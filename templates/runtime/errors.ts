// RFC 9457 problem+json errors. Every failure leaves the app as one of these:
// clients get a status, a title and a detail that says what is wrong, never a stack.
import type { Context, Next } from "koa";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
  /** How many more fields were wrong than `errors` lists (it lists at most MAX_LISTED_ERRORS). */
  errorsNotListed?: number;
}

/** Most fields a problem lists: a body of 90,000 unknown keys gets a short answer, not a long one. */
export const MAX_LISTED_ERRORS = 20;

/** A detail that names each wrong field, at most MAX_LISTED_ERRORS of them, and says how many it left out. */
export function listErrors(errors: ReadonlyArray<{ field: string; message: string }>): string {
  const shown = errors.slice(0, MAX_LISTED_ERRORS).map((e) => `${e.field}: ${e.message}`);
  const more = errors.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

export class HttpProblem extends Error {
  readonly status: number;
  readonly detail: string;
  readonly errors?: Array<{ field: string; message: string }>;
  readonly headers?: Record<string, string>;
  constructor(
    status: number,
    detail: string,
    extra: { errors?: Array<{ field: string; message: string }>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.detail = detail;
    if (extra.errors) this.errors = extra.errors;
    if (extra.headers) this.headers = extra.headers;
  }
}

export function problem(status: number, detail: string, errors?: Array<{ field: string; message: string }>): ProblemBody {
  const body: ProblemBody = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail };
  if (errors && errors.length > 0) body.errors = errors.slice(0, MAX_LISTED_ERRORS);
  if (errors && errors.length > MAX_LISTED_ERRORS) body.errorsNotListed = errors.length - MAX_LISTED_ERRORS;
  return body;
}

export const notFound = (what: string): HttpProblem => new HttpProblem(404, `${what} not found`);

// PostgreSQL SQLSTATE codes that mean "the request was wrong", not "the server broke".
const PG_CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  "23505": { status: 409, detail: "a row with the same unique value already exists" },
  "23503": { status: 422, detail: "a referenced row does not exist" },
  "23502": { status: 422, detail: "a required value is missing" },
  "23514": { status: 422, detail: "a value breaks a check constraint" },
  "22001": { status: 422, detail: "a value is too long" },
  "22003": { status: 422, detail: "a number is out of range" },
  "22007": { status: 422, detail: "a date or time value is not valid" },
  "22008": { status: 422, detail: "a date or time value is out of range" },
  "22021": { status: 422, detail: "a text value contains a byte sequence that is not allowed" },
  "22P02": { status: 422, detail: "a value has the wrong format" },
  "22P05": { status: 422, detail: "a text value contains a character that is not allowed" },
  "22023": { status: 422, detail: "a value is not valid" },
  "22015": { status: 422, detail: "an interval value is out of range" },
};

// ---- Naming the fields of a constraint the database enforced. A column's own rule checks are
// named <table>_<column>_<family> (generator/plan/names.ts), so the column is read off
// the name; unique constraints and a table's own CHECKs are registered with their fields by the
// generated schemas modules (PostgreSQL leaves a unique violation's columns out of its detail
// on a table with row-level security); a foreign key names its columns in the detail.

const CONSTRAINT_FIELDS = new Map<string, readonly string[]>();

/** Fields of the constraints the app knows by name (each generated schemas module registers its table's). */
export function registerConstraints(constraints: Readonly<Record<string, readonly string[]>>): void {
  for (const [name, fields] of Object.entries(constraints)) CONSTRAINT_FIELDS.set(name, [...fields]);
}

/** What a field breaks, by the family of the column's rule check. */
const RULE_WORDS: Record<string, string> = {
  range: "is out of range",
  length: "is too short or too long",
  format: "does not have the required format",
  pattern: "does not match the required pattern",
  items: "has too few or too many items, or an item that is too long",
  check: "is not one of the allowed values",
  dims: "does not have the required number of dimensions",
};

/** A field node-postgres puts on its error (also under knex's `nativeError`). */
function pgField(err: unknown, key: "constraint" | "table" | "column" | "detail"): string | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as Record<string, unknown> & { nativeError?: Record<string, unknown> };
  const v = e[key] ?? e.nativeError?.[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The columns of `Key (a, b)=(...)` in a detail; never the values (they may be another user's). */
function keyColumns(detail: string | undefined): string[] | null {
  const m = detail ? /^Key \((.+?)\)=\(/.exec(detail) : null;
  if (!m || m[1]!.includes("(")) return null; // an expression index: no field to name
  return m[1]!.split(", ").map((c) => (/^".*"$/.test(c) ? c.slice(1, -1).replace(/""/g, '"') : c));
}

/** The column and family of a column rule check (<table>_<column>_<family>). */
function ruleOf(table: string | undefined, name: string): { column: string; family: string } | null {
  if (!table || !name.startsWith(`${table}_`)) return null;
  const m = /^(.+)_(range|length|format|pattern|items|check|dims)$/.exec(name.slice(table.length + 1));
  return m ? { column: m[1]!, family: m[2]! } : null;
}

/** The answer to a constraint the database enforced, naming the constraint and the fields when known. */
function constraintProblem(code: string, err: unknown): ProblemBody | null {
  const name = pgField(err, "constraint");
  const table = pgField(err, "table");
  if (code === "23514" && name) {
    const fields = CONSTRAINT_FIELDS.get(name);
    if (fields) {
      const errors = fields.map((field) => ({ field, message: `breaks the check constraint "${name}"` }));
      return problem(422, `the row breaks the check constraint "${name}"${fields.length ? ` (${fields.join(", ")})` : ""}`, errors);
    }
    const rule = ruleOf(table, name);
    if (rule) return problem(422, `${rule.column}: ${RULE_WORDS[rule.family]} (check constraint "${name}")`, [{ field: rule.column, message: RULE_WORDS[rule.family]! }]);
    return problem(422, `the row breaks the check constraint "${name}"`);
  }
  if (code === "23505") {
    const fields = (name ? CONSTRAINT_FIELDS.get(name) : undefined) ?? keyColumns(pgField(err, "detail"));
    const what = name ? ` (unique constraint "${name}")` : "";
    if (!fields) return problem(409, `a row with the same unique value already exists${what}`);
    const errors = fields.map((field) => ({
      field,
      message: fields.length === 1 ? "is already used" : `is already used with the same ${fields.filter((f) => f !== field).join(", ")}`,
    }));
    return problem(409, `a row with the same ${fields.join(", ")} already exists${what}`, errors);
  }
  if (code === "23503") {
    const detail = pgField(err, "detail") ?? "";
    const fields = / is not present in table /.test(detail) ? keyColumns(detail) : null;
    if (fields) return problem(422, `${PG_CLIENT_ERRORS[code]!.detail}${name ? ` (foreign key "${name}")` : ""}`, fields.map((field) => ({ field, message: "refers to a row that does not exist" })));
    // A delete (or a key change) of a row other rows still refer to, under ON DELETE RESTRICT / NO ACTION.
    const from = / is still referenced from table "([^"]+)"/.exec(detail);
    if (from) return problem(409, `the row is still referenced by rows of ${from[1]}${name ? ` (foreign key "${name}")` : ""}: delete or change those first`);
  }
  if (code === "23502") {
    const column = pgField(err, "column");
    if (column) return problem(422, `${column}: is required`, [{ field: column, message: "is required" }]);
  }
  return null;
}

// Errors that mean the database is unreachable or overloaded right now. 08P01 is what PgBouncer
// answers when it cannot give a server connection ("server login has been failing",
// "query_wait_timeout", "server conn crashed?"), and closes the client connection with it.
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "53300", "08000", "08003", "08006", "08001", "08004", "08P01"]);

function sqlState(err: unknown): string | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as { code?: unknown; nativeError?: { code?: unknown } };
  if (typeof e.code === "string") return e.code;
  if (e.nativeError && typeof e.nativeError.code === "string") return e.nativeError.code;
  return undefined;
}

/**
 * An HTTP error thrown the Koa way by hand-written code: `ctx.throw(403, "...")` or
 * http-errors, which carry an integer `status` (or `statusCode`) of 4xx/5xx and `expose`
 * (true for 4xx unless set otherwise). Its message is shown only when exposed.
 */
function koaHttpError(err: unknown): { status: number; detail: string; headers?: Record<string, string> } | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & { status?: unknown; statusCode?: unknown; expose?: unknown; headers?: unknown };
  const status = e.status ?? e.statusCode;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) return null;
  const headers = e.headers && typeof e.headers === "object" && Object.values(e.headers).every((v) => typeof v === "string") ? (e.headers as Record<string, string>) : undefined;
  return { status, detail: e.expose === true && e.message ? e.message : (TITLES[status] ?? "Error").toLowerCase(), ...(headers ? { headers } : {}) };
}

/** Turns any thrown value into the status, headers and body the client sees. */
export function toProblem(err: unknown): { body: ProblemBody; headers?: Record<string, string>; unexpected: boolean } {
  if (err instanceof HttpProblem) {
    return { body: problem(err.status, err.detail, err.errors), ...(err.headers ? { headers: err.headers } : {}), unexpected: false };
  }
  const thrown = koaHttpError(err);
  if (thrown) return { body: problem(thrown.status, thrown.detail), ...(thrown.headers ? { headers: thrown.headers } : {}), unexpected: thrown.status >= 500 };
  const code = sqlState(err);
  if (code && PG_CLIENT_ERRORS[code]) {
    const named = constraintProblem(code, err);
    if (named) return { body: named, unexpected: false };
    const { status, detail } = PG_CLIENT_ERRORS[code];
    return { body: problem(status, detail), unexpected: false };
  }
  const name = err && typeof err === "object" ? (err as { name?: unknown }).name : undefined;
  const message = err instanceof Error ? err.message : "";
  if ((code && UNAVAILABLE_CODES.has(code)) || name === "KnexTimeoutError" || /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|Connection ended unexpectedly|server closed the connection unexpectedly/.test(message)) {
    return { body: problem(503, "the database is not reachable right now; try again shortly"), headers: { "Retry-After": "1" }, unexpected: false };
  }
  if (code === "57014" || code === "55P03") {
    // statement_timeout or lock_timeout (DATABASE_STATEMENT_TIMEOUT_MS): the database is too busy right now.
    return { body: problem(503, "the database took too long to answer; try again shortly"), headers: { "Retry-After": "1" }, unexpected: false };
  }
  return { body: problem(500, "an unexpected error occurred"), unexpected: true };
}

/** Whether the client closed the connection before its request was complete. */
function clientGone(ctx: Context): boolean {
  const req = ctx.req;
  return !req.complete && (req.destroyed || (req.socket?.destroyed ?? true));
}

export type ErrorLogger = (err: unknown, ctx: Context) => void;

const defaultLogger: ErrorLogger = (err, ctx) => {
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  process.stderr.write(`${JSON.stringify({ level: "error", msg, method: ctx.method, path: ctx.path })}\n`);
};

/** Outermost middleware: every error and every unmatched route becomes problem+json. */
export function errorHandler(log: ErrorLogger = defaultLogger) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.body === undefined || ctx.body === null) {
        if (ctx.status === 404) throw new HttpProblem(404, `no route for ${ctx.method} ${ctx.path}`);
        // 501 from the router: it knows no such method (TRACE, PROPFIND). The client's request is
        // wrong for this resource, a 405 with the methods it takes (nothing failed on our side).
        const allow = String(ctx.response.get("Allow") ?? "");
        if (ctx.status === 405 || (ctx.status === 501 && allow)) throw new HttpProblem(405, `${ctx.method} is not allowed on ${ctx.path}`, { headers: { Allow: allow } });
        if (ctx.status === 501) throw new HttpProblem(404, `no route for ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      // A client that went away mid-request (a reset, an unfinished body) is its own fault,
      // whatever failed because of it: never an outage, never logged as an error.
      const { body, headers, unexpected } = clientGone(ctx) && !(err instanceof HttpProblem) ? toProblem(new HttpProblem(400, "the client closed the connection before the request was complete")) : toProblem(err);
      if (unexpected) log(err, ctx);
      ctx.status = body.status;
      if (headers) ctx.set(headers);
      ctx.type = "application/problem+json";
      ctx.body = body;
    }
  };
}
