// Reading benchmark: a synthetic 100-table spec (bullet lists, GFM tables and SQL blocks
// in turn, each table owned and linked to the previous one, 5 endpoints a table) read by
// the front end (read -> parse -> build IR -> validate), and the table classifier alone on a
// wide field table and on the synthetic spec's endpoint tables. Not part of npm test.
//   npm run bench:read [-- --tables 100 --runs 20]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadSpecFiles } from "../generator/front.js";
import { classifyTable } from "../generator/parse/table-roles.js";
import { syntheticSpecs } from "./synthetic.js";

const { values } = parseArgs({ options: { tables: { type: "string", default: "100" }, runs: { type: "string", default: "20" } } });
const TABLES = Number(values.tables);
const RUNS = Number(values.runs);

async function main(): Promise<void> {
  const { schema, api } = syntheticSpecs(TABLES);
  const read = async () =>
    await loadSpecFiles(
      { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema },
      { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: api },
    );
  const t0 = performance.now();
  const first = await read();
  const cold = performance.now() - t0;
  if (!first.ir) throw new Error(`the synthetic spec has errors: ${first.diagnostics.map((d) => d.message).join("; ")}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await read();
    times.push(performance.now() - s);
  }
  times.sort((x, y) => x - y);
  const med = times[Math.floor(times.length / 2)]!;
  const lines = schema.split("\n").length + api.split("\n").length;
  console.log(
    `read ${TABLES} tables, ${first.ir.endpoints.length} endpoints (${lines} lines, ${first.diagnostics.length} diagnostics): ` +
      `first ${cold.toFixed(1)} ms, then median ${med.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${RUNS} runs`,
  );
}

// CPU time, not wall time: the machine may be shared.
function cpuMicros(f: () => void, times: number): number {
  for (let i = 0; i < 200; i++) f();
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / times;
}

function classifier(): void {
  const rows: string[][] = [];
  for (let i = 0; i < 60; i++) {
    rows.push([`column_${i}`, i % 3 ? "varchar(255)" : "uuid fk nullable", i % 2 ? "NOT NULL, UNIQUE, DEFAULT 'x'" : "FK → users.id, ON DELETE CASCADE", `What column ${i} holds, in a few words`]);
  }
  const wide = cpuMicros(() => classifyTable(["Column", "Type", "Constraints", "Notes"], rows), 300);
  const endpointRows = (t: string) => [
    ["GET", `/api/{user_id}/${t}`, "List"],
    ["POST", `/api/{user_id}/${t}`, "Create"],
    ["GET", `/api/{user_id}/${t}/{id}`, "Get one"],
    ["PATCH", `/api/{user_id}/${t}/{id}`, "Update"],
    ["DELETE", `/api/{user_id}/${t}/{id}`, "Delete"],
  ];
  const tables = Array.from({ length: TABLES }, (_, i) => endpointRows(`item${String(i + 1).padStart(3, "0")}s`));
  const endpoints = cpuMicros(() => {
    for (const r of tables) classifyTable(["Method", "Endpoint", "Description"], r);
  }, 20);
  console.log(`classify a 60-row field table: ${wide.toFixed(0)} µs CPU; ${TABLES} five-row endpoint tables: ${(endpoints / 1000).toFixed(2)} ms CPU`);
}

await main();
classifier();
