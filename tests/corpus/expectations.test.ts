// The reading expectations are hand-written; this keeps them honest: every file is complete, every
// line number points inside its spec file, and the line it points at mentions what it is attached
// to (a wrong line number is the commonest slip when writing them by hand).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CORPUS_DIR,
  ENDPOINT_KINDS,
  EXPECTATIONS_DIR,
  RULE_KINDS,
  loadExpectations,
  type Expectation,
  type SpecFile,
} from "./expectations.js";

const OWNER_KINDS = ["direct", "parent", "organization", "identity", "shared", "unclear"];
const RULE_FROM = ["constraint", "check", "type", "description", "prose", "code"];

/** Letters and digits only, lower-cased: `user_id`, `userId` and "User ID" all read `userid`. */
const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
/** The loose check: the line names `name`, in any case or separator, singular or plural. */
function mentions(line: string, name: string): boolean {
  const text = norm(line);
  const n = norm(name);
  const singular = n.endsWith("ies") ? `${n.slice(0, -3)}y` : n.endsWith("s") ? n.slice(0, -1) : n;
  return text.includes(n) || text.includes(singular);
}

const corpusReady = existsSync(CORPUS_DIR);
const expectations = loadExpectations();
const caseFiles = readdirSync(EXPECTATIONS_DIR).filter((n) => n.endsWith(".yaml")).sort();

describe("corpus reading expectations", () => {
  it("has one file per corpus case, named after it", () => {
    expect(caseFiles.length).toBe(23);
    expect(expectations.map((e) => `${e.case}.yaml`)).toEqual(caseFiles);
    if (corpusReady) {
      const cases = readdirSync(CORPUS_DIR).filter((n) => /^\d/.test(n)).sort();
      expect(expectations.map((e) => e.case)).toEqual(cases);
    }
  });

  describe.each(expectations.map((e) => [e.case, e] as const))("%s", (_name, e) => {
    it("has every field, well formed", () => {
      expect(Object.keys(e).sort()).toEqual(["case", "endpoints", "files", "identity", "notes", "rules", "tables"]);
      expect(typeof e.files.schema).toBe("string");
      expect(e.files.api === null || typeof e.files.api === "string").toBe(true);
      expect(typeof e.notes).toBe("string");
      expect(e.notes.trim().length).toBeGreaterThan(0);
      if (e.identity !== null) {
        expect(typeof e.identity.table).toBe("string");
        expect(typeof e.identity.defined).toBe("boolean");
        if (e.identity.defined) expect(e.tables.map((t) => t.name)).toContain(e.identity.table);
      }
      expect(e.tables.length).toBeGreaterThan(0);
      const names = new Set<string>();
      for (const t of e.tables) {
        const where = `${e.case} table ${t.name}`;
        expect(typeof t.name, where).toBe("string");
        expect(names.has(t.name), `${where} listed twice`).toBe(false);
        names.add(t.name);
        expect(Number.isInteger(t.line), where).toBe(true);
        expect(typeof t.notation, where).toBe("string");
        expect(Number.isInteger(t.columns) && t.columns > 0, where).toBe(true);
        expect(Array.isArray(t.primary_key), where).toBe(true);
        expect(OWNER_KINDS, where).toContain(t.owner.kind);
        if (t.owner.kind === "direct") expect(typeof t.owner.column, where).toBe("string");
        if (t.owner.kind === "parent") expect(typeof t.owner.via, where).toBe("string");
        if (t.owner.kind === "organization") {
          expect(typeof (t.owner.column ?? t.owner.via), where).toBe("string");
          expect(typeof t.owner.membership, where).toBe("string");
        }
        if (t.owner.kind === "unclear") expect(typeof t.owner.doubt, `${where}: unclear needs a doubt`).toBe("string");
        if (t.owner.kind === "identity") expect(e.identity?.table, where).toBe(t.name);
      }
      const seen = new Set<string>();
      for (const ep of e.endpoints) {
        const where = `${e.case} ${ep.method} ${ep.path} (line ${ep.line})`;
        expect(["GET", "POST", "PUT", "PATCH", "DELETE"], where).toContain(ep.method);
        expect(ENDPOINT_KINDS as readonly string[], where).toContain(ep.kind);
        expect(ep.table === null || typeof ep.table === "string", where).toBe(true);
        if (ep.kind === "action") expect(typeof ep.changes, where).toBe("string");
        // An endpoint on a table the schema lacks must say so.
        if (ep.table !== null && !names.has(ep.table)) expect(typeof ep.doubt, `${where}: table not defined`).toBe("string");
        if (e.files.api === null) expect(ep.file, where).toBe("schema");
        const key = `${ep.method} ${ep.path} ${ep.file ?? "api"}:${ep.line}`;
        expect(seen.has(key), `${where} listed twice`).toBe(false);
        seen.add(key);
      }
      for (const r of e.rules) {
        const where = `${e.case} rule ${r.kind} ${r.table}.${r.columns.join(",")} (line ${r.line})`;
        expect(RULE_KINDS as readonly string[], where).toContain(r.kind);
        expect(RULE_FROM, where).toContain(r.from);
        expect(r.columns.length, where).toBeGreaterThan(0);
        if (!names.has(r.table)) expect(typeof r.doubt, `${where}: table not defined`).toBe("string");
        if (r.kind === "enum") expect(r.values?.length ?? 0, where).toBeGreaterThan(0);
        if (r.kind === "length" || r.kind === "range") expect(r.min !== undefined || r.max !== undefined, where).toBe(true);
        if (r.kind === "format") expect(typeof r.format, where).toBe("string");
        if (r.kind === "pattern") expect(() => new RegExp(r.pattern ?? "("), where).not.toThrow();
        if (r.kind === "check") expect(typeof r.expression, where).toBe("string");
        if (r.kind === "unique" && r.columns.length === 1) expect(r.field, where).toBeUndefined();
      }
    });

    it.skipIf(!corpusReady)("points at lines that exist and mention what they are attached to", () => {
      const text = (f: SpecFile): string[] => {
        const file = f === "schema" ? e.files.schema : e.files.api;
        expect(file, `${e.case}: no ${f} file`).not.toBeNull();
        return readFileSync(join(CORPUS_DIR, e.case, file as string), "utf8").split("\n");
      };
      const files = { schema: text("schema"), api: e.files.api === null ? [] : text("api") };
      const lineOf = (f: SpecFile, n: number, where: string): string => {
        expect(n >= 1 && n <= files[f].length, `${where}: ${f} line ${n} is outside the file`).toBe(true);
        return files[f][n - 1] ?? "";
      };
      const at = (ref: string): [SpecFile, number] => {
        const m = /^(schema|api):(\d+)$/.exec(ref);
        expect(m, `bad line reference ${ref}`).not.toBeNull();
        return [m![1] as SpecFile, Number(m![2])];
      };
      const problems: string[] = [];
      const want = (ok: boolean, message: string) => {
        if (!ok) problems.push(message);
      };

      if (e.identity?.line !== undefined) {
        const l = lineOf("schema", e.identity.line, "identity");
        want(mentions(l, e.identity.table), `identity ${e.identity.table}: schema:${e.identity.line} is "${l.trim()}"`);
      }
      for (const t of e.tables) {
        for (const n of [t.line, ...(t.also ?? [])]) {
          const l = lineOf("schema", n, `table ${t.name}`);
          want(mentions(l, t.name), `table ${t.name}: schema:${n} is "${l.trim()}"`);
        }
      }
      for (const ep of e.endpoints) {
        const f = ep.file ?? "api";
        for (const n of [ep.line, ...(ep.also ?? [])]) {
          const l = lineOf(f, n, `${ep.method} ${ep.path}`);
          want(l.includes(ep.path), `${ep.method} ${ep.path}: ${f}:${n} is "${l.trim()}"`);
        }
      }
      for (const r of e.rules) {
        const named = [...(r.field !== undefined ? [r.field] : r.columns), ...(r.request_field !== undefined ? [r.request_field] : [])];
        const refs: [SpecFile, number][] = [[r.file ?? "schema", r.line], ...(r.also ?? []).map(at)];
        for (const [f, n] of refs) {
          const l = lineOf(f, n, `rule ${r.table}.${named.join(",")}`);
          want(named.some((c) => mentions(l, c)), `rule ${r.kind} ${r.table}.${named.join(",")}: ${f}:${n} is "${l.trim()}"`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  it("prints the totals per case", () => {
    const count = <T>(items: T[], key: (x: T) => string) => {
      const m = new Map<string, number>();
      for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
      return [...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(", ") || "-";
    };
    const rows = expectations.map(
      (e: Expectation) =>
        `${e.case}: ${e.tables.length} tables (owners: ${count(e.tables, (t) => t.owner.kind)}); ` +
        `${e.endpoints.length} endpoints (${count(e.endpoints, (x) => x.kind)}); ` +
        `${e.rules.length} rules (${count(e.rules, (r) => r.kind)})`,
    );
    console.log(rows.join("\n"));
    expect(rows.length).toBe(expectations.length);
  });
});
