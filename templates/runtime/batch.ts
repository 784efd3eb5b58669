// One round trip per request. The statements of a request (the caller's id for row-level
// security, the row, its count, its related rows) are written to the connection together
// and end with a single Sync. PostgreSQL runs everything up to a Sync as one implicit
// transaction (protocol "extended query": the transaction ends at Sync), so
//  - set_config(..., true) made by the first statement holds for the others, and
//  - when any statement fails, the ones after it are skipped and all of them roll back.
// Values stay bound parameters ($1, $2, ...): nothing is spliced into SQL text. A statement
// text seen before is a named prepared statement on its connection: parsed and planned once.
//
// node-postgres sends Parse/Bind/Describe/Execute/Sync for one statement per Query; this
// subclass of its public Query class sends them for several statements before the one Sync,
// and node-postgres collects the answers as one result per statement (as it does for a
// multi-statement simple query). pg is pinned by the lockfile; the app tests on PGlite and
// PostgreSQL exercise this on every route, and runBatch refuses to run (loudly) if
// node-postgres's Query no longer has the parts it builds on.
import pg from "pg";
import type { Knex } from "knex";

/** A PostgreSQL identifier (a table or column name from the spec), quoted. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

export interface StatementResult {
  readonly rows: Array<Record<string, unknown>>;
  readonly rowCount: number;
}

/** Runs statements as the caller (null: no caller, for tables nobody owns); one result each. */
/** Runs statements in one transaction that first sets the caller (null: none) and their tenant (runtime/tenant.ts; null: none). */
export type Batch = (userId: string | number | null, statements: readonly Statement[], tenant?: string | null) => Promise<StatementResult[]>;

/** The batch of a request whose caller's tenant is `tenant`: every call sets it (rows.ts takes a Batch and knows no tenant). */
export function withTenant(batch: Batch, tenant: string | null): Batch {
  return (userId, statements) => batch(userId, statements, tenant);
}

/**
 * A Batch that runs its statements, one after another, in a transaction already open (a route's
 * `scope`, which has set the caller): several row actions then commit, or roll back, together
 * (POST /tasks/bulk). The statements' $n placeholders become knex's bindings.
 */
export function transactionBatch(trx: Knex.Transaction): Batch {
  return async (_userId, statements) => {
    const out: StatementResult[] = [];
    for (const s of statements) {
      if (s.text.includes("?")) throw new Error("internal: a statement with '?' cannot run through knex bindings");
      const bindings: unknown[] = [];
      const text = s.text.replace(/\$(\d+)/g, (_m, n: string) => {
        bindings.push(s.values[Number(n) - 1]);
        return "?";
      });
      const r = (await trx.raw(text, bindings as never)) as unknown as RawResult;
      out.push({ rows: r.rows, rowCount: r.rowCount ?? 0 });
    }
    return out;
  };
}

interface Connection {
  parse(m: { text: string; name?: string; types?: unknown[] }): void;
  bind(m: { portal?: string; statement?: string; values: readonly unknown[]; valueMapper?: unknown; binary?: boolean }): void;
  describe(m: { type: "P" | "S"; name: string }): void;
  execute(m: { portal: string; rows: number }): void;
  close(m: { type: "P" | "S"; name: string }): void;
  sync(): void;
}

interface QueryInternals {
  prepare(connection: Connection): void;
  requiresPreparation(): boolean;
  _checkForMultirow(): void;
}

type RawResult = { rows: Array<Record<string, unknown>>; rowCount: number | null };
type PgClient = { query(q: unknown): unknown };

type QueryCallback = (err: Error | null, res: RawResult | RawResult[]) => void;
const QueryBase = pg.Query as unknown as new (text: string, values: readonly unknown[], callback: QueryCallback) => QueryInternals;
const proto = QueryBase.prototype as Partial<QueryInternals>;
/** False when node-postgres's Query no longer has the parts this file builds on. */
export const PIPELINE_SUPPORTED =
  typeof proto.prepare === "function" && typeof proto.requiresPreparation === "function" && typeof proto._checkForMultirow === "function";

// pg's own value conversion (Dates, Buffers, arrays, objects as JSON), as its Query uses.
const prepareValue = (pg as unknown as { utils?: { prepareValue?: (v: unknown) => unknown } }).utils?.prepareValue;

// Named prepared statements: a statement text the app sends again and again is parsed and
// planned once per connection, then only bound and executed. The texts come from the spec
// (a route's statements, a list's filter combinations), so there are few; both maps are
// bounded all the same, and past the bound a statement is sent unnamed, as before.
const MAX_NAMES = 2000;
const MAX_PREPARED_PER_CONNECTION = 500;
const names = new Map<string, string>();
function nameOf(text: string): string | null {
  let n = names.get(text);
  if (n === undefined) {
    if (names.size >= MAX_NAMES) return null;
    n = `sf_${names.size + 1}`;
    names.set(text, n);
  }
  return n;
}
/** Per connection: the names the server has confirmed for it. */
const prepared = new WeakMap<Connection, Set<string>>();

class PipelinedQuery extends QueryBase {
  readonly #statements: readonly Statement[];
  readonly #prepare: boolean;
  #used: string[] = [];
  #connection: Connection | null = null;
  constructor(statements: readonly Statement[], prepare: boolean, callback: QueryCallback) {
    // Unnamed as far as node-postgres knows: the names below are this file's to keep track of.
    // Text, values and callback as arguments: a config object would be copied property by property.
    super(statements[statements.length - 1]!.text, [], callback);
    this.#statements = statements;
    this.#prepare = prepare;
  }
  override requiresPreparation(): boolean {
    return true; // the extended protocol: every statement before the one Sync
  }
  override prepare(connection: Connection): void {
    this.#connection = connection;
    let confirmed = prepared.get(connection);
    if (!confirmed) prepared.set(connection, (confirmed = new Set()));
    for (const s of this.#statements) {
      let name = this.#prepare ? nameOf(s.text) : null;
      // A name this batch already used is parsed by then; a confirmed one exists on the connection.
      if (name !== null && !this.#used.includes(name)) {
        if (!confirmed.has(name)) {
          if (confirmed.size >= MAX_PREPARED_PER_CONNECTION) name = null;
          else {
            // Not known to exist on this connection: a batch that failed may have made it, or the
            // session may be older than the connection (a pooler that hands over sessions). Closing
            // a name that does not exist is not an error, so close, then parse.
            connection.close({ type: "S", name });
            connection.parse({ text: s.text, name, types: [] });
          }
        }
        if (name !== null) this.#used.push(name);
      }
      if (name === null) connection.parse({ text: s.text, name: "", types: [] });
      connection.bind({ portal: "", statement: name ?? "", values: s.values, valueMapper: prepareValue });
      connection.describe({ type: "P", name: "" });
      connection.execute({ portal: "", rows: 0 });
    }
    connection.sync();
  }
  /** After the batch succeeded: every name it used exists on this connection. */
  confirm(): void {
    const confirmed = this.#connection ? prepared.get(this.#connection) : undefined;
    if (confirmed) for (const n of this.#used) confirmed.add(n);
  }
}

function pipelined(client: PgClient, statements: readonly Statement[], prepare: boolean): Promise<StatementResult[]> {
  return new Promise((resolve, reject) => {
    const q: PipelinedQuery = new PipelinedQuery(statements, prepare, (err, res) => {
      if (err) return reject(err);
      q.confirm();
      const all = Array.isArray(res) ? res : [res];
      if (all.length !== statements.length) return reject(new Error(`batch: ${statements.length} statements gave ${all.length} results`));
      resolve(all.map((r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0 })));
    });
    client.query(q);
  });
}

let batches = 0;

interface PoolClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(c: pg.Client): Promise<void>;
}

export interface BatchOptions {
  /**
   * Named prepared statements (default false). For PostgreSQL, whose sessions are one per
   * connection; not for PGlite, where every client shares its one session, nor behind a
   * pooler that does not keep them per client (PgBouncer in transaction mode before 1.21,
   * or without max_prepared_statements): DATABASE_PREPARE=0.
   */
  readonly prepare?: boolean;
}

/**
 * Runs the statements as one transaction on a pooled connection of `knex` and returns one
 * result per statement. Waits for a connection as long as the pool allows (then a 503).
 */
export async function runBatch(knex: Knex, statements: readonly Statement[], opts: BatchOptions = {}): Promise<StatementResult[]> {
  if (statements.length === 0) return [];
  if (!PIPELINE_SUPPORTED) throw new Error("node-postgres's Query no longer has prepare/requiresPreparation/_checkForMultirow: runtime/batch.ts needs updating for this pg version");
  // Knex's "query" event sees these statements too (SQL logging, tests that count statements);
  // `batch` tells which went to the database together, in one round trip.
  if (knex.listenerCount("query") > 0) {
    const id = ++batches;
    statements.forEach((s, i) => knex.emit("query", { method: "raw", sql: s.text, bindings: s.values, batch: { id, index: i, size: statements.length } }));
  }
  const pool = knex.client as unknown as PoolClient;
  const conn = await pool.acquireConnection();
  try {
    return await pipelined(conn as unknown as PgClient, statements, opts.prepare ?? false);
  } finally {
    await pool.releaseConnection(conn);
  }
}

/**
 * Whether server.ts turns named prepared statements on: PostgreSQL only (PGlite serves every
 * client from one session); DATABASE_PREPARE=1/0 decides; unset, on except behind a host named
 * like a transaction-mode pooler (Neon's "-pooler" hosts), where a pooler without
 * max_prepared_statements would hand a name to a session that lacks it.
 */
export function preparedStatementsFromEnv(kind: "postgres" | "pglite", env: NodeJS.ProcessEnv = process.env): boolean {
  if (kind !== "postgres") return false;
  if (env.DATABASE_PREPARE !== undefined && env.DATABASE_PREPARE !== "") return env.DATABASE_PREPARE !== "0";
  try {
    return !/-pooler\b/.test(new URL(env.DATABASE_URL ?? "").hostname);
  } catch {
    return true;
  }
}
