// Shared helpers for the front-end unit tests: build specs from strings, find positions.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../generator/base/diagnostics.js";
import type { Column, IR, Table } from "../../generator/ir/types.js";
import { loadSpecFiles, type FrontResult } from "../../generator/front.js";

export const SCHEMA_MD = "specs/database/schema.md";
export const API_MD = "specs/api/rest-endpoints.md";

/** Read a Markdown (or YAML) schema and optional API spec given as strings. */
export async function load(schema: string, api?: string, format: "markdown" | "yaml" = "markdown"): Promise<FrontResult> {
  const ext = format === "markdown" ? "md" : "yaml";
  return loadSpecFiles(
    { kind: "schema", format, path: `specs/database/schema.${ext}`, text: schema },
    api === undefined ? null : { kind: "api", format, path: `specs/api/rest-endpoints.${ext}`, text: api },
  );
}

/** 1-based "line:column" of the nth occurrence (0-based) of needle in text. */
export function pos(text: string, needle: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - (before.lastIndexOf("\n") + 1) + 1;
  return `${line}:${column}`;
}

export function where(d: Diagnostic): string {
  return `${d.span.line}:${d.span.column}`;
}

export function codes(r: FrontResult): string[] {
  return r.diagnostics.map((d) => d.code);
}

/** The .md files under `dir`, sorted, leaving out node_modules, hidden entries and the directories named in `skip`. */
export function markdownFiles(dir: string, skip: readonly string[] = []): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === "node_modules" || name.startsWith(".") || skip.includes(name)) continue;
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p, skip));
    else if (name.endsWith(".md")) out.push(p);
  }
  return out;
}

/** The table of that name in an IR; an error listing the tables there when there is none. */
export function table(ir: IR, name: string): Table {
  const t = ir.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}: ${ir.tables.map((x) => x.name).join(", ")}`);
  return t;
}

/** The column of that name in a table; an error listing its columns when there is none. */
export function column(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${t.name}.${name}: ${t.columns.map((x) => x.name).join(", ")}`);
  return c;
}
