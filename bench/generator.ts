// Generator benchmark: a synthetic 100-table spec (an identity table, 89 owned tables that
// point at each other, 10 join tables for many-to-many relations), with CRUD endpoints for
// every owned table; then `specforge generate` into an empty directory and `specforge check`
// against it, each timed from process start (node generator/bin/specforge.mjs ...).
// The command runs the bundle generator/dist/specforge.js (built first, and timed once), with
// its cache of Markdown syntax trees filled by the previous run, and again with the cache off
// (SPECFORGE_CACHE=0: every spec parsed, as on a first run or in CI); last, generate after
// a column is added to one table, the everyday loop.
// Run: npm run bench:generator   (hyperfine when installed, and a loop of runs)
// "Empty out dir" moves the previous output away (deleted at the end); one more row deletes it
// right before the run instead, which on this machine's disk costs the run time of its own.
// Env: GEN_BENCH_RUNS (10), GEN_BENCH_DIR (keep the spec and output in this directory),
//      GEN_BENCH_BASE (a git revision: its generator, built in a temporary worktree, is run
//      against this one, each run of each command alternating between the two; no hyperfine).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "generator", "bin", "specforge.mjs");
const RUNS = Number(process.env.GEN_BENCH_RUNS ?? 10);
const OWNED = 89;
const JOINS = 10;

function schema(): string {
  const out = ["# Database Schema", "", "## users", "", "- id: text (primary key)", "- email: varchar(255) (unique, nullable)", "- created_at: timestamp (not null, default now())", ""];
  for (let i = 1; i <= OWNED; i++) {
    const t = `item${String(i).padStart(3, "0")}s`;
    out.push(`## ${t}`, "", "- id: serial (primary key)", "- user_id: text (foreign key -> users.id, on delete cascade, not null)");
    out.push("- name: varchar(100) (required, min length 1)", "- notes: text (optional, max length 2000)", "- amount: integer (not null, default 0)");
    out.push("- state: enum(draft, active, archived) (not null, default draft)", "- due_at: timestamp (optional)", "- done: boolean (not null, default false)");
    if (i > 1) out.push(`- parent_id: integer (optional, foreign key -> item${String(i - 1).padStart(3, "0")}s.id, on delete set null)`);
    out.push("- created_at: timestamp (not null, default now())", "- updated_at: timestamp (not null, default now())", "", "Indexes:", "- (user_id, created_at)", "");
  }
  for (let j = 1; j <= JOINS; j++) {
    const a = `item${String(2 * j - 1).padStart(3, "0")}s`;
    const b = `item${String(2 * j).padStart(3, "0")}s`;
    out.push(`## link${String(j).padStart(2, "0")}s`, "", `Join table between ${a} and ${b}.`, "");
    out.push("- id: serial (primary key)", "- user_id: text (foreign key -> users.id, on delete cascade, not null)");
    out.push(`- left_id: integer (not null, foreign key -> ${a}.id, on delete cascade)`, `- right_id: integer (not null, foreign key -> ${b}.id, on delete cascade)`);
    out.push("", "Indexes:", "- unique (left_id, right_id)", "");
  }
  return out.join("\n");
}

function endpoints(): string {
  const out = ["# REST API Endpoints", "", "All endpoints require `Authorization: Bearer <token>`.", ""];
  for (let i = 1; i <= OWNED; i++) {
    const t = `item${String(i).padStart(3, "0")}s`;
    out.push(`## ${t}`, "", "| Method | Endpoint | Description |", "|---|---|---|");
    out.push(`| GET | /api/{user_id}/${t} | List |`, `| POST | /api/{user_id}/${t} | Create |`, `| GET | /api/{user_id}/${t}/{id} | Get one |`);
    out.push(`| PATCH | /api/{user_id}/${t}/{id} | Update |`, `| DELETE | /api/{user_id}/${t}/{id} | Delete |`, "");
  }
  return out.join("\n");
}

const NO_CACHE = { ...process.env, SPECFORGE_CACHE: "0" };

/** One generator under test: its bin, and a project directory of its own (specs/, generated/). */
interface Contender {
  readonly name: string;
  readonly bin: string;
  readonly specs: string;
  readonly out: string;
  /** Columns added to item050s so far (the edit scenario). */
  added: number;
  /** Where moveAway puts old out dirs (deleted at the end), and how many it has put there. */
  readonly trash: string;
  trashed: number;
}

interface Scenario {
  readonly label: string;
  readonly command: "generate" | "check";
  readonly noCache?: boolean;
  readonly prepare?: (c: Contender) => void;
}

const addColumn = (c: Contender) => {
  c.added++;
  const extra = Array.from({ length: c.added }, (_, i) => `- extra_${i + 1}: text (optional)`).join("\n");
  writeFileSync(join(c.specs, "database", "schema.md"), schema().replace("## item050s\n", `## item050s\n\n${extra}\n`));
};

/**
 * Empties the out dir by moving the old one into a trash directory, deleted after all runs:
 * an empty directory as on a first run, without the previous output's deletion overlapping
 * the timed run (see the rm -rf scenario).
 */
const moveAway = (c: Contender) => {
  mkdirSync(c.trash, { recursive: true });
  if (existsSync(c.out)) renameSync(c.out, join(c.trash, String(c.trashed++)));
};

const SCENARIOS: Scenario[] = [
  { label: "generate, empty out dir", command: "generate", prepare: moveAway },
  { label: "generate, empty out dir, cache off", command: "generate", noCache: true, prepare: moveAway },
  // The same, but the previous output deleted just before: on this machine's disk (ext4,
  // mounted with discard, in a VM) freeing 420 files can slow the creation of the next 420 for a
  // second or so, which then lands in the timed run.
  { label: "generate, empty out dir, right after rm -rf of the old one", command: "generate", prepare: (c) => rmSync(c.out, { recursive: true, force: true }) },
  { label: "generate, nothing changed", command: "generate" },
  { label: "check, in sync", command: "check" },
  { label: "check, in sync, cache off", command: "check", noCache: true },
  // The everyday loop: a column added to one table, then generate (new migration, the
  // table's model, routes, schemas and OpenAPI entries, and the client types built anew).
  { label: "generate, a column added to one table", command: "generate", prepare: addColumn },
];

const args = (c: Contender, command: string) => [command, "--specs", c.specs, "--out", c.out];

function timeOnce(c: Contender, sc: Scenario): number {
  sc.prepare?.(c);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [c.bin, ...args(c, sc.command)], { cwd: ROOT, encoding: "utf8", env: sc.noCache ? NO_CACHE : process.env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name}: ${sc.label} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${median(s).toFixed(0)} ms, min ${s[0]!.toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms (${s.length} runs)`;
};

/** A project directory with the synthetic spec, generated once (which must succeed). */
function project(dir: string, name: string, bin: string): Contender {
  const c: Contender = { name, bin, specs: join(dir, "specs"), out: join(dir, "generated"), added: 0, trash: join(dir, "trash"), trashed: 0 };
  mkdirSync(join(c.specs, "database"), { recursive: true });
  mkdirSync(join(c.specs, "api"), { recursive: true });
  writeFileSync(join(c.specs, "database", "schema.md"), schema());
  writeFileSync(join(c.specs, "api", "rest-endpoints.md"), endpoints());
  execFileSync(process.execPath, [bin, ...args(c, "generate")], { cwd: ROOT, stdio: "pipe" });
  return c;
}

/** GEN_BENCH_BASE=<git revision>: that revision's generator in a temporary worktree, built, to run against. */
function baseContender(rev: string, dir: string): Contender {
  const tree = join(dir, "base-tree");
  execFileSync("git", ["-C", ROOT, "worktree", "add", "--detach", tree, rev], { stdio: "pipe" });
  symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"), "dir");
  execFileSync(process.execPath, [join(tree, "generator", "build-dist.mjs")], { cwd: tree, stdio: "pipe" });
  const sha = execFileSync("git", ["-C", tree, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  return project(join(dir, "base"), `base ${sha}`, join(tree, "generator", "bin", "specforge.mjs"));
}

function main(): void {
  // GEN_BENCH_DIR keeps the spec and output there (for profiling); a temp dir otherwise.
  const keep = process.env.GEN_BENCH_DIR;
  const baseRev = process.env.GEN_BENCH_BASE;
  const dir = keep ?? mkdtempSync(join(tmpdir(), "specforge-genbench-"));
  let tree: string | null = null;
  try {
    const b0 = process.hrtime.bigint();
    execFileSync(process.execPath, [join(ROOT, "generator", "build-dist.mjs")], { cwd: ROOT, stdio: "pipe" });
    console.log(`bundle build (node generator/build-dist.mjs, done by npm install and whenever a source changed): ${(Number(process.hrtime.bigint() - b0) / 1e6).toFixed(0)} ms`);
    const now = project(keep ? dir : join(dir, "now"), "now", BIN);
    const files = execFileSync("find", [now.out, "-type", "f"], { encoding: "utf8" }).trim().split("\n").length;
    console.log(`spec: ${OWNED + JOINS + 1} tables (${OWNED} owned with ${OWNED - 1} foreign keys between them, ${JOINS} join tables), ${OWNED * 5} endpoints -> ${files} files`);
    if (baseRev) {
      // Interleaved A/B: each run of a scenario alternates between the two generators, so
      // that a machine whose speed drifts from minute to minute weighs on both alike.
      tree = join(dir, "base-tree");
      const base = baseContender(baseRev, dir);
      const rows: string[] = [];
      for (const sc of SCENARIOS) {
        const t: Record<string, number[]> = { [base.name]: [], [now.name]: [] };
        for (let i = 0; i < RUNS; i++) for (const c of [base, now]) t[c.name]!.push(timeOnce(c, sc));
        const b = median(t[base.name]!);
        const n = median(t[now.name]!);
        console.log(`${sc.label}: ${base.name} ${stats(t[base.name]!)} | now ${stats(t[now.name]!)}`);
        rows.push(`| ${sc.label} | ${(b / 1000).toFixed(2)} s | ${(n / 1000).toFixed(2)} s | ${(n / b).toFixed(2)} |`);
      }
      console.log(`\nmedians of ${RUNS} interleaved runs each\n\n| command | ${base.name} | now | now / base |\n|---|---:|---:|---:|\n${rows.join("\n")}`);
    } else {
      const hyperfine = spawnSync("hyperfine", ["--version"]).status === 0;
      if (hyperfine) {
        const q = (a: string[], noCache = false) => [...(noCache ? ["env", "SPECFORGE_CACHE=0"] : []), process.execPath, BIN, ...a].map((x) => `'${x}'`).join(" ");
        const gen = args(now, "generate");
        const check = args(now, "check");
        execFileSync("hyperfine", ["-N", "--warmup", "1", "--runs", String(RUNS), "--prepare", `sh -c 'mkdir -p "${now.trash}" && mv "${now.out}" "${now.trash}/h$$"'`, "-n", "generate (empty out dir)", q(gen), "-n", "generate (empty out dir, cache off)", q(gen, true)], { cwd: ROOT, stdio: "inherit" });
        execFileSync(process.execPath, [BIN, ...gen], { cwd: ROOT, stdio: "pipe" });
        execFileSync("hyperfine", ["-N", "--warmup", "1", "--runs", String(RUNS), "-n", "generate (nothing changed)", q(gen), "-n", "check (in sync)", q(check), "-n", "check (in sync, cache off)", q(check, true)], { cwd: ROOT, stdio: "inherit" });
      }
      for (const sc of SCENARIOS) {
        const t: number[] = [];
        for (let i = 0; i < RUNS; i++) t.push(timeOnce(now, sc));
        console.log(`${sc.label}: ${stats(t)}`);
      }
    }
    writeFileSync(join(now.specs, "database", "schema.md"), schema());
    const node = spawnSync(process.execPath, ["-e", "0"]);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) spawnSync(process.execPath, ["-e", "0"]);
    if (node.status === 0) console.log(`(bare node -e 0: ${(Number(process.hrtime.bigint() - t0) / 5e6).toFixed(0)} ms)`);
  } finally {
    if (tree) spawnSync("git", ["-C", ROOT, "worktree", "remove", "--force", tree], { stdio: "pipe" });
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else for (const t of [join(dir, "trash"), join(dir, "base", "trash")]) rmSync(t, { recursive: true, force: true });
  }
}

// The spec, for tests (tests/unit/client-types-fast.test.ts, markdown-fast.test.ts); the
// benchmark runs only as a script.
export { schema, endpoints };
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
