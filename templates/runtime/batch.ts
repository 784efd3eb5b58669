// One round trip per request. The statements of a request (the caller's id for row-level
// security, the row, its count, its related rows) are written to the connection together
// and end with a single Sync. PostgreSQL runs everything up to a Sync as one implicit
// transaction (protocol "extended query": the transaction ends at Sync), so
//  - set_config(..., true) made by the first statement holds for the others, and
//  - when any statement fails, the ones after it are skipped and all of them roll back.
// Values stay bound parameters ($1, $2, ...): nothing is spliced into SQL text.
//
// node-postgres sends Parse/Bind/Describe/Execute/Sync for one statement per Query; this
// subclass of its public Query class sends them for several statements before the one Sync,
// and node-postgres collects the answers as one result per statement (as it does for a
// multi-statement simple query). The app tests on PGlite and PostgreSQL exercise it on
// every route; if node-postgres's Query changes shape, runBatch falls back to an explicit
// BEGIN ... COMMIT with one statement per round trip (same results, slower).
import pg from "pg";
import type { Knex } from "knex";

export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

export interface StatementResult {
  readonly rows: Array<Record<string, unknown>>;
  readonly rowCount: number;
}

/** Runs statements as the caller (null: no caller, for tables nobody owns); one result each. */
export type Batch = (userId: string | number | null, statements: readonly Statement[]) => Promise<StatementResult[]>;

interface Connection {
  parse(m: { text: string; name?: string; types?: unknown[] }): void;
  bind(m: { portal?: string; statement?: string; values: readonly unknown[]; valueMapper?: unknown; binary?: boolean }): void;
  describe(m: { type: "P" | "S"; name: string }): void;
  execute(m: { portal: string; rows: number }): void;
}

interface QueryInternals {
  prepare(connection: Connection): void;
  requiresPreparation(): boolean;
  _checkForMultirow(): void;
}

type RawResult = { rows: Array<Record<string, unknown>>; rowCount: number | null };
type PgClient = { query(q: unknown): unknown };

const QueryBase = pg.Query as unknown as new (config: { text: string; values: readonly unknown[]; callback: (err: Error | null, res: RawResult | RawResult[]) => void }) => QueryInternals;
const proto = QueryBase.prototype as Partial<QueryInternals>;
/** False when node-postgres's Query no longer has the parts this file builds on. */
export const PIPELINE_SUPPORTED =
  typeof proto.prepare === "function" && typeof proto.requiresPreparation === "function" && typeof proto._checkForMultirow === "function";

// pg's own value conversion (Dates, Buffers, arrays, objects as JSON), as its Query uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepareValue = (pg as unknown as { utils?: { prepareValue?: (v: unknown) => unknown } }).utils?.prepareValue;

class PipelinedQuery extends (QueryBase as unknown as new (config: object) => QueryInternals) {
  readonly #leading: readonly Statement[];
  constructor(statements: readonly Statement[], callback: (err: Error | null, res: RawResult | RawResult[]) => void) {
    const last = statements[statements.length - 1]!;
    super({ text: last.text, values: last.values, callback });
    this.#leading = statements.slice(0, -1);
  }
  override requiresPreparation(): boolean {
    return true; // always the extended protocol: the leading statements ride before the last one's Sync
  }
  override prepare(connection: Connection): void {
    for (const s of this.#leading) {
      connection.parse({ text: s.text, name: "", types: [] });
      connection.bind({ portal: "", statement: "", values: s.values, valueMapper: prepareValue });
      connection.describe({ type: "P", name: "" });
      connection.execute({ portal: "", rows: 0 });
    }
    super.prepare(connection); // the last statement, then Sync
  }
}

function pipelined(client: PgClient, statements: readonly Statement[]): Promise<StatementResult[]> {
  return new Promise((resolve, reject) => {
    const q = new PipelinedQuery(statements, (err, res) => {
      if (err) return reject(err);
      const all = Array.isArray(res) ? res : [res];
      if (all.length !== statements.length) return reject(new Error(`batch: ${statements.length} statements gave ${all.length} results`));
      resolve(all.map((r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0 })));
    });
    client.query(q);
  });
}

async function oneByOne(client: pg.Client, statements: readonly Statement[]): Promise<StatementResult[]> {
  await client.query("BEGIN");
  try {
    const out: StatementResult[] = [];
    for (const s of statements) {
      const r = await client.query(s.text, s.values as unknown[]);
      out.push({ rows: r.rows, rowCount: r.rowCount ?? 0 });
    }
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

let batches = 0;

interface PoolClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(c: pg.Client): Promise<void>;
}

/**
 * Runs the statements as one transaction on a pooled connection of `knex` and returns one
 * result per statement. Waits for a connection as long as the pool allows (then a 503).
 */
export async function runBatch(knex: Knex, statements: readonly Statement[]): Promise<StatementResult[]> {
  if (statements.length === 0) return [];
  // Knex's "query" event sees these statements too (SQL logging, tests that count statements);
  // `batch` tells which went to the database together, in one round trip.
  if (knex.listenerCount("query") > 0) {
    const id = ++batches;
    statements.forEach((s, i) => knex.emit("query", { method: "raw", sql: s.text, bindings: s.values, batch: { id, index: i, size: statements.length } }));
  }
  const pool = knex.client as unknown as PoolClient;
  const conn = await pool.acquireConnection();
  try {
    if (PIPELINE_SUPPORTED && statements.length > 1) return await pipelined(conn as unknown as PgClient, statements);
    if (statements.length === 1) {
      const r = await conn.query(statements[0]!.text, statements[0]!.values as unknown[]);
      return [{ rows: r.rows, rowCount: r.rowCount ?? 0 }];
    }
    return await oneByOne(conn, statements);
  } finally {
    await pool.releaseConnection(conn);
  }
}
