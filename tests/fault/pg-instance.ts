// A PostgreSQL 15 instance of our own for fault tests (we restart it; the shared one at
// 5432 is never touched): initdb into a temp dir, run as the `postgres` OS user (root
// cannot run postgres), on a free loopback port. Removed again by destroy().
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function asPostgres(cmd: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(BIN, cmd), ...args]] : [join(BIN, cmd), args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export interface PgInstance {
  readonly port: number;
  readonly url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function startPgInstance(): Promise<PgInstance> {
  const dir = mkdtempSync(join(tmpdir(), "specforge-fault-pg-"));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const data = join(dir, "data");
  const port = await freePort();
  asPostgres("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => void asPostgres("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
  const stop = () => void asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
