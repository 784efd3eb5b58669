// Custom routes (src/routes/*.ts beside the output directory): each file's default export is
// `defineRoute({ method, path, summary, description?, request?, response, handler })`. The
// generator never runs that code: it reads the declaration's literal values with the
// TypeScript parser (loaded only when the folder has files), in file-name order, so the same
// files give the same openapi.json and app.ts byte for byte.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleCache } from "../base/bundle.js";
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import type TS from "typescript";

export interface CustomRouteDecl {
  /** Path from the project directory: src/routes/tasks-duplicate.ts */
  readonly file: string;
  /** File name without .ts: the import and the operationId come from it. */
  readonly stem: string;
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly request?: Record<string, unknown>;
  readonly response: { readonly status: number; readonly schema?: Record<string, unknown> };
}

export const CUSTOM_ROUTES_DIR = "src/routes";
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/** A custom route file that could not be read: where, and why. */
class CustomRouteError extends Error {
  constructor(readonly span: Span, message: string) {
    super(message);
  }
}

export interface CustomRoutesRead {
  readonly routes: CustomRouteDecl[];
  /** SF601 for each file that could not be read (that file's route is left out). */
  readonly diagnostics: Diagnostic[];
}

/** The custom routes of the project at projectDir, sorted by file name, and what could not be read. */
export async function readCustomRoutes(projectDir: string): Promise<CustomRoutesRead> {
  const dir = join(projectDir, CUSTOM_ROUTES_DIR);
  const none: CustomRoutesRead = { routes: [], diagnostics: [] };
  if (!existsSync(dir)) return none;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .sort();
  if (files.length === 0) return none;
  const cache = openDeclCache();
  let ts: typeof TS | undefined;
  const out: CustomRouteDecl[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const file = `${CUSTOM_ROUTES_DIR}/${f}`;
    const text = readFileSync(join(dir, f), "utf8");
    const known = cache?.get(file, text);
    if (known) {
      out.push(known);
      continue;
    }
    ts ??= (await import("typescript")).default;
    try {
      const decl = readOne(ts, file, text);
      cache?.set(file, text, decl);
      out.push(decl);
    } catch (err) {
      if (!(err instanceof CustomRouteError)) throw err;
      diagnostics.push({ severity: "error", code: "SF601", message: err.message, span: err.span });
    }
  }
  cache?.save();
  return { routes: out, diagnostics };
}

/**
 * Declarations read before, in the bundled CLI's cache (generator/dist/cache/custom-routes.json),
 * by the SHA-256 of the bundle, the file's path and its text: loading TypeScript costs about a
 * second, so a run parses only the files that changed. A file that fails is never cached; any
 * error reading or writing the cache just means parsing again. Holds only the files of the last run.
 */
function openDeclCache(): { get(file: string, text: string): CustomRouteDecl | undefined; set(file: string, text: string, d: CustomRouteDecl): void; save(): void } | null {
  const cache = bundleCache();
  if (!cache) return null;
  const { dir, bundle } = cache;
  const path = join(dir, "custom-routes.json");
  const key = (file: string, text: string) => createHash("sha256").update(`${bundle}\0${file}\0${text}`).digest("hex");
  let old: Record<string, CustomRouteDecl> = {};
  try {
    old = JSON.parse(readFileSync(path, "utf8")) as Record<string, CustomRouteDecl>;
  } catch {
    // none yet
  }
  const used: Record<string, CustomRouteDecl> = {};
  let changed = false;
  return {
    get(file, text) {
      const k = key(file, text);
      const d = Object.hasOwn(old, k) ? old[k] : undefined;
      if (d) used[k] = d;
      return d;
    },
    set(file, text, d) {
      used[key(file, text)] = d;
      changed = true;
    },
    save() {
      if (!changed && Object.keys(used).length === Object.keys(old).length) return;
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(tmp, JSON.stringify(used));
        renameSync(tmp, path);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
  };
}

function readOne(ts: typeof TS, file: string, text: string): CustomRouteDecl {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const fail = (node: TS.Node | null, msg: string): never => {
    const at = node ? src.getLineAndCharacterOfPosition(node.getStart(src)) : { line: 0, character: 0 };
    throw new CustomRouteError({ file, line: at.line + 1, column: at.character + 1 }, msg);
  };
  const exported = src.statements.find((s): s is TS.ExportAssignment => ts.isExportAssignment(s) && !s.isExportEquals);
  if (!exported) return fail(null, "a custom route file's default export is its declaration: export default defineRoute({ method, path, summary, response, handler })");
  let expr: TS.Expression = exported.expression;
  while (ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isParenthesizedExpression(expr)) expr = expr.expression;
  if (ts.isCallExpression(expr) && expr.arguments.length === 1) expr = expr.arguments[0]!;
  if (!ts.isObjectLiteralExpression(expr)) return fail(exported, "export default defineRoute({ ... }) with an object written in place");
  const props = new Map<string, TS.Expression>();
  for (const p of expr.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) props.set(p.name.text, p.initializer);
    else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) props.set(p.name.text, p as unknown as TS.Expression);
  }
  const literal = (name: string, node: TS.Expression): unknown => {
    while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literal(name, e));
    if (ts.isObjectLiteralExpression(node)) {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return fail(p, `${name}: write it as a literal (no spreads, methods or computed keys): openapi.json is made from it`);
        out[p.name.text] = literal(name, p.initializer);
      }
      return out;
    }
    return fail(node, `${name}: write it as a literal (strings, numbers, booleans, null, arrays, objects): openapi.json is made from it`);
  };
  const need = (name: string): TS.Expression => props.get(name) ?? fail(expr, `the declaration has no ${name}`);
  const method = literal("method", need("method"));
  if (typeof method !== "string" || !METHODS.has(method)) return fail(need("method"), `method: one of ${[...METHODS].join(", ")}`);
  const path = literal("path", need("path"));
  if (typeof path !== "string" || !/^\/[\w\-./{}]*$/.test(path)) return fail(need("path"), "path: an absolute path such as /api/{user_id}/tasks/{id}/duplicate");
  const summary = literal("summary", need("summary"));
  if (typeof summary !== "string") return fail(need("summary"), "summary: a string");
  const description = props.has("description") ? literal("description", props.get("description")!) : undefined;
  const request = props.has("request") ? (literal("request", props.get("request")!) as { schema?: unknown }) : undefined;
  if (request !== undefined && (typeof request !== "object" || request === null || typeof request.schema !== "object")) return fail(props.get("request")!, "request: { schema: { ...JSON schema... } }");
  const response = literal("response", need("response")) as { status?: unknown; schema?: unknown };
  if (typeof response !== "object" || response === null || typeof response.status !== "number") return fail(need("response"), "response: { status: 200, schema: { ...JSON schema... } }");
  need("handler");
  const stem = file.slice(CUSTOM_ROUTES_DIR.length + 1, -3);
  return {
    file,
    stem,
    method: method.toLowerCase() as CustomRouteDecl["method"],
    path,
    summary,
    ...(typeof description === "string" ? { description } : {}),
    ...(request ? { request: request.schema as Record<string, unknown> } : {}),
    response: { status: response.status, ...(typeof response.schema === "object" && response.schema !== null ? { schema: response.schema as Record<string, unknown> } : {}) },
  };
}
