// Structured JSON logs (pino) with one line per request and a request id that
// follows the request: a sane incoming X-Request-Id is kept, otherwise one is made,
// and it is echoed back. Secrets never reach the log: only chosen fields are logged
// (never headers or bodies), and redaction covers the usual secret keys anyway.
import { randomUUID } from "node:crypto";
import cluster from "node:cluster";
import type { Context, Next } from "koa";
import { pino, type Logger, type DestinationStream } from "pino";
import type { ErrorLogger } from "./errors.js";

export type { Logger };

/** Keys whose values are replaced by "[redacted]" wherever pino meets them (one level of nesting too). */
const SECRET_KEYS = ["authorization", "cookie", "set-cookie", "password", "token", "accessToken", "refreshToken", "secret", "apiKey"];
export const REDACT_PATHS = [
  ...SECRET_KEYS.map((k) => (/^[A-Za-z]+$/.test(k) ? k : `["${k}"]`)),
  ...SECRET_KEYS.map((k) => (/^[A-Za-z]+$/.test(k) ? `*.${k}` : `*["${k}"]`)),
  'req.headers["authorization"]',
  'req.headers["cookie"]',
];

const LINE_OPTIONS = {
  // No pid/hostname noise (add them in the log shipper if wanted); in a cluster (WEB_CONCURRENCY,
  // runtime/cluster.ts) every line says which worker wrote it.
  base: cluster.isWorker && cluster.worker ? { worker: cluster.worker.id } : undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label: string) => ({ level: label }) },
};

/**
 * A pino logger. Without a destination it writes to stdout: in blocks (bufferedStdout) unless
 * `sync` (LOG_SYNC=1), when every line is written before the call returns.
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream; sync?: boolean } = {}): Logger {
  const options = { ...LINE_OPTIONS, level: opts.level ?? "info", redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  const destination = opts.destination ?? (opts.sync ? pino.destination({ dest: 1, sync: true }) : bufferedStdout());
  return pino(options, destination);
}

/** Lines gathered before a write to stdout (one write per block instead of one per request). */
export const LOG_BLOCK_BYTES = 8 * 1024; // sonic-boom needs it below its largest write (16 KiB)
/** Longest a line waits in the block; error and fatal lines do not wait. */
export const LOG_FLUSH_MS = 100;

/**
 * stdout in blocks: a write per LOG_BLOCK_BYTES of lines or per LOG_FLUSH_MS, not per line (a
 * write per request cost about 4% of the app's CPU per request on the load benchmark). Error
 * and fatal lines are written at once. pino writes what is left when the process exits, also
 * through process.exit(); a SIGKILL loses at most the last LOG_FLUSH_MS of lines. LOG_SYNC=1
 * writes each line before the log call returns.
 */
export function bufferedStdout(flushMs = LOG_FLUSH_MS): DestinationStream & { flush(cb?: (err?: Error) => void): void } {
  const out = pino.destination({ dest: 1, sync: false, minLength: LOG_BLOCK_BYTES });
  let waiting = false;
  const timer = setInterval(() => {
    if (!waiting) return;
    waiting = false;
    out.flush();
  }, flushMs);
  timer.unref();
  return {
    write(line: string) {
      out.write(line);
      // Lines start with their level (LINE_OPTIONS): an error is written at once.
      if (line.startsWith('{"level":"error"') || line.startsWith('{"level":"fatal"')) {
        waiting = false;
        out.flush();
      } else waiting = true;
    },
    flush(cb?: (err?: Error) => void) {
      waiting = false;
      out.flush(cb);
    },
  };
}

/**
 * The logger for access lines: same destination, level and format as `log`, without
 * redaction. An access line holds chosen fields only (never headers, bodies or query
 * values), and walking the redaction paths cost more than writing the rest of the line.
 */
function accessLogger(log: Logger): Logger {
  const stream = (log as unknown as Record<symbol, DestinationStream | undefined>)[pino.symbols.streamSym];
  return stream ? pino({ ...LINE_OPTIONS, level: log.level }, stream) : log;
}

// Letters, digits and a few separators, at most 128: anything else is replaced, so a
// client cannot inject log lines or huge values through the header.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function requestIdFrom(header: string | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Query strings can carry secrets (e.g. ?token=); log only the parameter names. */
function queryKeys(ctx: Context): string[] | undefined {
  const keys = Object.keys(ctx.query);
  return keys.length > 0 ? keys.sort() : undefined;
}

/**
 * ctx.state of a request: its id, and a child logger (for hooks and error lines) made when
 * first asked for, since most requests never log beyond the access line.
 */
class RequestState {
  [key: string]: unknown;
  #log: Logger;
  #child: Logger | undefined;
  readonly requestId: string;
  constructor(log: Logger, requestId: string, before: object) {
    this.#log = log;
    this.requestId = requestId;
    Object.assign(this, before);
  }
  get log(): Logger {
    return (this.#child ??= this.#log.child({ requestId: this.requestId }));
  }
}

/** Outermost middleware: request id, a child logger on ctx.state.log, one access line per request. */
export function requestLogging(log: Logger) {
  const access = accessLogger(log);
  return async function logRequests(ctx: Context, next: Next): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(ctx.get("X-Request-Id") || undefined);
    ctx.state = new RequestState(log, requestId, ctx.state);
    ctx.set("X-Request-Id", requestId);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const caller = (ctx.state as { caller?: { id?: string } }).caller;
      const status = ctx.status;
      const line = {
        requestId,
        method: ctx.method,
        path: ctx.path,
        query: queryKeys(ctx),
        status,
        ms: Math.round(ms * 10) / 10,
        userId: caller?.id,
        ip: ctx.req.socket ? ctx.ip : undefined, // Koa reads it from the socket, which a reset client may have taken along
      };
      // Error level is for the server's faults: 501 answers a method or an endpoint the app does
      // not implement (a client asking for TRACE), which pages no one.
      if (status >= 500 && status !== 501) access.error(line, "request");
      else if (status === 501) access.warn(line, "request");
      else access.info(line, "request");
    }
  };
}

/** An ErrorLogger for errorHandler that writes unexpected errors through pino, with the request id. */
export function pinoErrorLogger(log: Logger): ErrorLogger {
  return (err, ctx) => {
    const l = (ctx.state as { log?: Logger }).log ?? log;
    const e = err instanceof Error ? { type: err.name, message: err.message, stack: err.stack } : { message: String(err) };
    l.error({ err: e, method: ctx.method, path: ctx.path }, "unexpected error");
  };
}
