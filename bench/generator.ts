// Generator benchmark: a synthetic 100-table spec (an identity table, 89 owned tables that
// point at each other, 10 join tables for many-to-many relations), with CRUD endpoints for
// every owned table; then `specforge generate` into an empty directory and `specforge check`
// against it, each timed from process start (node generator/bin/specforge.mjs ...).
// The command runs the bundle generator/dist/specforge.js (built first, and timed once), with
// its cache of Markdown syntax trees filled by the previous run, and again with the cache off
// (SPECFORGE_CACHE=0: every spec parsed, as on a first run or in CI); last, generate after
// a column is added to one table, the everyday loop.
// Run: npm run bench:generator   (hyperfine when installed, else a loop of runs)
// Env: GEN_BENCH_RUNS (10), GEN_BENCH_DIR (keep the spec and output in this directory).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

function timeLoop(label: string, args: string[], prepare?: () => void, env: NodeJS.ProcessEnv = process.env): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    prepare?.();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
    times.push(ms);
  }
  return times;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, min ${s[0]!.toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms (${s.length} runs)`;
};

function main(): void {
  // GEN_BENCH_DIR keeps the spec and output there (for profiling); a temp dir otherwise.
  const keep = process.env.GEN_BENCH_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), "specforge-genbench-"));
  try {
    const specs = join(dir, "specs");
    mkdirSync(join(specs, "database"), { recursive: true });
    mkdirSync(join(specs, "api"), { recursive: true });
    writeFileSync(join(specs, "database", "schema.md"), schema());
    writeFileSync(join(specs, "api", "rest-endpoints.md"), endpoints());
    const out = join(dir, "generated");
    const gen = ["generate", "--specs", specs, "--out", out];
    const check = ["check", "--specs", specs, "--out", out];
    const b0 = process.hrtime.bigint();
    execFileSync(process.execPath, [join(ROOT, "generator", "build-dist.mjs")], { cwd: ROOT, stdio: "pipe" });
    console.log(`bundle build (node generator/build-dist.mjs, done by npm install and whenever a source changed): ${(Number(process.hrtime.bigint() - b0) / 1e6).toFixed(0)} ms`);
    // One run first: it must succeed, and the out directory is then what check compares against.
    execFileSync(process.execPath, [BIN, ...gen], { cwd: ROOT, stdio: "pipe" });
    const files = execFileSync("find", [out, "-type", "f"], { encoding: "utf8" }).trim().split("\n").length;
    console.log(`spec: ${OWNED + JOINS + 1} tables (${OWNED} owned with ${OWNED - 1} foreign keys between them, ${JOINS} join tables), ${OWNED * 5} endpoints -> ${files} files`);
    const fresh = () => rmSync(out, { recursive: true, force: true });
    const hyperfine = spawnSync("hyperfine", ["--version"]).status === 0;
    if (hyperfine) {
      const q = (a: string[], noCache = false) => [...(noCache ? ["env", "SPECFORGE_CACHE=0"] : []), process.execPath, BIN, ...a].map((x) => `'${x}'`).join(" ");
      execFileSync("hyperfine", ["-N", "--warmup", "1", "--runs", String(RUNS), "--prepare", `rm -rf '${out}'`, "-n", "generate (empty out dir)", q(gen), "-n", "generate (empty out dir, cache off)", q(gen, true)], { cwd: ROOT, stdio: "inherit" });
      execFileSync(process.execPath, [BIN, ...gen], { cwd: ROOT, stdio: "pipe" });
      execFileSync("hyperfine", ["-N", "--warmup", "1", "--runs", String(RUNS), "-n", "generate (nothing changed)", q(gen), "-n", "check (in sync)", q(check), "-n", "check (in sync, cache off)", q(check, true)], { cwd: ROOT, stdio: "inherit" });
    }
    console.log(`generate, empty out dir: ${stats(timeLoop("generate", gen, fresh))}`);
    console.log(`generate, empty out dir, cache off: ${stats(timeLoop("generate", gen, fresh, NO_CACHE))}`);
    console.log(`generate, nothing changed: ${stats(timeLoop("generate", gen))}`);
    console.log(`check, in sync: ${stats(timeLoop("check", check))}`);
    console.log(`check, in sync, cache off: ${stats(timeLoop("check", check, undefined, NO_CACHE))}`);
    // The everyday loop: a column added to one table, then generate (new migration, the
    // table's model, routes, schemas and OpenAPI entries, and the client types built anew).
    const schemaFile = join(specs, "database", "schema.md");
    const base = schema();
    let added = 0;
    const addColumn = () => {
      added++;
      const extra = Array.from({ length: added }, (_, i) => `- extra_${i + 1}: text (optional)`).join("\n");
      writeFileSync(schemaFile, base.replace("## item050s\n", `## item050s\n\n${extra}\n`));
    };
    console.log(`generate, a column added to one table: ${stats(timeLoop("generate", gen, addColumn))}`);
    writeFileSync(schemaFile, base);
    const node = spawnSync(process.execPath, ["-e", "0"]);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) spawnSync(process.execPath, ["-e", "0"]);
    if (node.status === 0) console.log(`(bare node -e 0: ${(Number(process.hrtime.bigint() - t0) / 5e6).toFixed(0)} ms)`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main();
