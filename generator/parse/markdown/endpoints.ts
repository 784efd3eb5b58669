// Endpoints written in prose: a heading that is an endpoint, one named in a section, base
// URLs, the success status and public access a text states, a response envelope.
import type { Span } from "../../base/span.js";
import type { RawEnvelope, RawText } from "../raw.js";
import type { EndpointDraft, SectionBase, SectionEntry } from "./drafts.js";
import { type Flat, flatSub } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { pathQuery } from "./bodies.js";
import { isPublicText, METHOD_RE, PATH_METHODS } from "./vocabulary.js";

export function endpointHeading(md: MarkdownReader, f: Flat): EndpointDraft | null {
  // "### GET /x", "### 2. GET /x", "### 2.1 POST /x（下单）", "### 2.1.3) PUT /x (admin)".
  // A path ends at full-width punctuation: "GET /api/favorites：按用户列出" is the route, then its summary.
  const m = /^\s*(?:\d+(?:\.\d+)*[.)]?\s+|\d+[.)]\s*)?([A-Za-z]+)\s+([^\s(（【?？、，,：；。]*[^\s(（【?？、，,.;:：。；])/.exec(f.text);
  if (!m || !METHOD_RE.test(m[1]!) || m[1]!.length !== METHOD_RE.exec(m[1]!)![0].length) return titledEndpointHeading(md, f);
  const mStart = m[0].slice(0, m[0].length - m[2]!.length).trimEnd().length - m[1]!.length;
  const pStart = m.index + m[0].length - m[2]!.length;
  const method = md.rawText(flatSub(f, mStart, mStart + m[1]!.length));
  if (!m[2]!.startsWith("/")) {
    // "### Delete a pet (`DELETE /pets/{id}`)": a title starting with a method's word.
    const titled = m[1] !== m[1]!.toUpperCase() ? titledEndpointHeading(md, f) : null;
    if (titled) return titled;
    if (m[1] === m[1]!.toUpperCase()) {
      md.warn("SF208", `endpoint heading "${f.text}" has no path starting with "/"`, method.span,
        'write it as "### GET /api/{user_id}/tasks"');
    }
    return null;
  }
  const path = md.rawText(flatSub(f, pStart, pStart + m[2]!.length));
  const draft: EndpointDraft = { method, path };
  // "### GET /api/costs?from=&to=": the query string after the path names its parameters.
  if (f.text[pStart + m[2]!.length] === "?") pathQuery(md, draft, f, pStart + m[2]!.length);
  // What the heading says after the path: "(public)", "（公开）".
  scanEndpointText(md, draft, f.text.slice(pStart + m[2]!.length));
  md.endpoints.push(draft);
  return draft;
}

/**
 * "### 1.1 Sign up — `POST /auth/signup` [T0]", "### Pets: GET /pets", "### Remove (`DELETE /pets/{id}`)":
 * a title, then the endpoint after a dash, colon, bracket or in code. One upper-case method and a
 * path, written once in the heading; prose that merely names two routes is no endpoint.
 */
function titledEndpointHeading(md: MarkdownReader, f: Flat): EndpointDraft | null {
  const re = /(?:\s[—–-]\s*|[:：(（[【|]\s*|\s)`?(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s`)）\]】|?]*)(`?)/g;
  const all = [...f.text.matchAll(re)];
  if (all.length !== 1) return null;
  const m = all[0]!;
  const before = f.text.slice(0, m.index).replace(/[`*]/g, "").trim();
  // A title has words; a heading of a bare number or nothing before the method is the other form.
  if (!/[\p{L}]/u.test(before)) return null;
  const path = m[2]!.replace(/[.,;:：。、]+$/, "");
  // "#### Response of POST /pets" under "### POST /pets": a part of that endpoint, not another.
  const open = md.currentEndpointSection()?.endpoint;
  if (open && open.method.text.toUpperCase() === m[1] && open.path.text === path) return null;
  const mStart = m.index! + m[0].indexOf(m[1]!);
  const pStart = m.index! + m[0].length - m[3]!.length - m[2]!.length;
  const method = md.rawText(flatSub(f, mStart, mStart + m[1]!.length));
  const draft: EndpointDraft = { method, path: md.rawText(flatSub(f, pStart, pStart + path.length)), summary: before.replace(/\s*[—–:：(（-]\s*$/, "").trim() };
  scanEndpointText(md, draft, f.text.slice(pStart + m[2]!.length));
  md.endpoints.push(draft);
  return draft;
}

/**
 * "Base URL: /api/v1", "All paths are under the prefix `/api/v1`", "统一前缀 `/api/v1`", or a
 * "## Base URL" section listing "https://example.com/api": the prefix every endpoint path is
 * read under. A bare host ("http://localhost:8000") states no prefix.
 */
export function baseUrl(md: MarkdownReader, f: Flat): void {
  const keyword = /(?:base[\s_-]*(?:url|path|uri|route)|api[\s_-]*(?:base|prefix|root)|(?:url|path|route)[\s_-]*prefix|\bprefix|前缀|基础路径|基础\s*URL|根路径|ベース\s*(?:URL|パス)|기본\s*(?:URL|경로))/i;
  const title = md.top()?.title ?? "";
  const k = keyword.exec(f.text);
  const from = k ? k.index + k[0].length : keyword.test(title) ? 0 : -1;
  if (from < 0) return;
  const m = /^[^/`"'\n]{0,40}?[`"']?((?:https?:\/\/[^\s/`"']+)?(\/[^\s`"'，,;；。)）]*))/i.exec(f.text.slice(from));
  if (!m) return;
  let path = m[2]!.replace(/[.:]+$/, "").replace(/\/+$/, "");
  if (!/^(\/[A-Za-z0-9_.~-]+)+$/.test(path)) path = "";
  if (!path && !m[1]!.startsWith("http")) return;
  const at = from + m.index + m[0].length - m[1]!.length;
  const span = md.idx.span(f.offs[at] ?? f.offs[0] ?? 0);
  md.bases.push({ path, span });
  // Stated inside a section below the document's title ("## Decks" then "`prefix: /decks`"):
  // also the prefix of that section's own endpoints, whatever other sections state.
  const sec = [...md.stack].reverse().find((e) => e.kind !== "endpoint");
  if (path && sec && sec.depth >= 2 && !sec.base) {
    sec.base = { path, span, first: md.endpoints.length };
    md.sectionBases.push(sec.base);
  }
}

/**
 * The section prefix each endpoint is under (the innermost section that stated one before it),
 * and the prefixes that stand for a section's endpoints rather than for the whole spec.
 */
export function sectionPrefixes(md: MarkdownReader): { of: (i: number) => SectionBase | undefined; scoped: Set<string> } {
  const ranges = md.sectionBases.map((b) => ({ b, end: b.end ?? md.endpoints.length })).filter((r) => r.end > r.b.first);
  const scoped = new Set(ranges.map((r) => `${r.b.span.line}:${r.b.span.column}`));
  return {
    of: (i) => ranges.filter((r) => i >= r.b.first && i < r.end).sort((x, y) => y.b.first - x.b.first)[0]?.b,
    scoped,
  };
}

/** The one path prefix the API spec's base URLs agree on (none when they differ or name only a host). */
export function basePrefix(md: MarkdownReader, scoped: ReadonlySet<string> = new Set()): { path: string; span: Span } | null {
  const bases = md.bases.filter((b) => !scoped.has(`${b.span.line}:${b.span.column}`));
  const paths = new Set(bases.map((b) => b.path));
  if (paths.size !== 1 || !bases[0]!.path) return null;
  return bases[0]!;
}

/**
 * "/items" under the base "/api/v1" is "/api/v1/items"; a path already under it is kept, and so is
 * a path written from the base's first segment ("/api/items" under "/api/v1": written whole).
 */
export function underBase(md: MarkdownReader, path: RawText, base: { path: string; span: Span }): RawText {
  const p = path.text;
  if (!p.startsWith("/") || p === base.path || p.startsWith(base.path + "/") || p.startsWith(base.path + "?")) return path;
  const root = /^\/[^/]+/.exec(base.path)?.[0];
  if (root && root !== base.path && (p === root || p.startsWith(root + "/"))) return path;
  const text = base.path + (p === "/" ? "" : p);
  md.notes.push({ span: path.span, message: `path ${p} read as ${text} (the base URL ${base.path} stated at line ${base.span.line})` });
  return { text, span: path.span };
}

/**
 * "### Tickets (`/api/tickets`)" over a table whose rows say "GET /" and "GET /:ticketId/messages":
 * the heading names the router's mount point, and the rows' paths are under it. A row already
 * under it, or starting like an API path of its own (/api, /v1), or with the mount point's last
 * word (/tickets/...), is kept.
 */
export function underSectionBase(md: MarkdownReader, path: RawText): RawText {
  const top = md.top();
  if (!top || top.endpoint) return path;
  const m = /(?:^|[\s(（`"'])(\/[A-Za-z0-9_.~-]+(?:\/[A-Za-z0-9_.~-]+)*)\/?(?=$|[\s)）`"'，,:：])/.exec(top.title);
  if (!m) return path;
  return underMount(md, path, m[1]!, "which its section's heading names");
}

/**
 * "/" and "/{deck_id}" under the mount point "/decks" are "/decks" and "/decks/{deck_id}". A path
 * already under it, starting like an API path of its own (/api, /v1), or with the mount point's
 * last word (/decks/...), is kept.
 */
export function underMount(md: MarkdownReader, path: RawText, base: string, why: string): RawText {
  const p = path.text;
  const first = /^\/([^/?]*)/.exec(p)?.[1]?.toLowerCase() ?? "";
  const last = base.slice(base.lastIndexOf("/") + 1).toLowerCase();
  if (!p.startsWith("/") || p === base || p.startsWith(base + "/") || p.startsWith(base + "?") || /^(api|v\d+)$/i.test(first) || first === last) return path;
  const text = base + (p === "/" ? "" : p);
  md.notes.push({ span: path.span, message: `path ${p} read as ${text} (under ${base}, ${why})` });
  return { text, span: path.span };
}

export function endpointInSection(md: MarkdownReader, sec: SectionEntry, f: Flat, mi: number, mLen: number, pLen: number): void {
  if (sec.endpoint) return;
  let pi = mi + mLen;
  while (pi < f.text.length && /\s/.test(f.text[pi]!)) pi++;
  const draft: EndpointDraft = {
    method: md.rawText(flatSub(f, mi, mi + mLen)),
    path: md.rawText(flatSub(f, pi, pi + pLen)),
    ...(sec.title ? { summary: sec.title } : {}),
  };
  md.endpoints.push(draft);
  sec.kind = "endpoint";
  sec.endpoint = draft;
  sec.sawParagraph = true;
}

/** Explicit success status ("Responds 201", "201 Created") and public access. */
export function scanEndpointText(md: MarkdownReader, ep: EndpointDraft, text: string): void {
  if (ep.status === undefined) {
    const m =
      /\bresponds?\s+(?:with\s+)?(?:a\s+)?(2\d\d)\b/i.exec(text) ??
      /\b(2\d\d)\s+(?:OK|Created|Accepted|No Content)\b/i.exec(text) ??
      /\bresponse\s*\(\s*(2\d\d)\b/i.exec(text) ??
      /\bstatus(?:\s+code)?\s*:?\s*(2\d\d)\b/i.exec(text);
    if (m) ep.status = Number(m[1]);
  }
  if (ep.auth === undefined && isPublicText(text)) ep.auth = "public";
  // "Tasks are returned newest first", "ordered by position": what a list's default order may be (read in build-list).
  if (/\b(?:sort(?:ed)?|order(?:ed)?|arranged|listed)\s+by\b|\bfirst\b|\bchronolog/i.test(text) && (ep.order?.length ?? 0) < 8) (ep.order ??= []).push(text.slice(0, 400));
}

/**
 * `{ "tasks": [ {...} ], "total": 3 }` as an example response: the list's envelope. Also one
 * level down (`{ "data": { "items": [...], "total": 42, "page": 1, "total_pages": 3 } }`), with
 * counters beside the rows or in an object of their own (`"meta": { "total": 42 }`), and written
 * loosely, as specs sketch a response (`{ "tasks": [TaskResponse], "total": integer }`).
 */
export function responseEnvelope(md: MarkdownReader, ep: EndpointDraft, value: string): void {
  if (ep.envelope || ep.method.text.toUpperCase() !== "GET") return;
  const v = looseJson(value);
  if (!isObject(v)) return;
  const env = envelopeOf(v, "") ?? nestedEnvelope(v);
  if (env) ep.envelope = env;
}

/** "Response: `{ "tasks": [...], "total": 3 }`" in an endpoint's text: the inline example's envelope. */
export function inlineEnvelope(md: MarkdownReader, ep: EndpointDraft, text: string): void {
  if (ep.envelope || ep.method.text.toUpperCase() !== "GET") return;
  const at = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (at < 0 || end <= at || !/\[/.test(text.slice(at, end))) return;
  responseEnvelope(md, ep, text.slice(at, end + 1));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const TOTAL_KEY = /^(total|count|total_?count|total_?items|total_?results|total_?records|totalcount|totalitems|totalrecords)$/i;
const LIMIT_KEY = /^(limit|page_?size|per_?page|size|pagesize|perpage|items_?per_?page)$/i;
const OFFSET_KEY = /^(offset|skip)$/i;
const PAGE_KEY = /^(page|current_?page|page_?number|pagenumber|currentpage)$/i;
const PAGES_KEY = /^(total_?pages|pages|page_?count|last_?page|totalpages|pagecount|lastpage|num_?pages)$/i;
const NUMBERISH = (x: Json) => typeof x === "number" || (typeof x === "string" && /^(int|integer|number|long|\d+)$/i.test(x));

/** The rows an example shows: an array of objects (or of placeholders such as `[TaskResponse]`, read as objects). */
function rowsArray(x: Json): boolean {
  return Array.isArray(x) && x.every((y) => isObject(y));
}

/** The envelope of an object holding exactly one array of rows; its counters beside it or one object down. */
function envelopeOf(v: Record<string, Json>, prefix: string): RawEnvelope | null {
  const entries = Object.entries(v);
  const arrays = entries.filter(([, x]) => Array.isArray(x));
  const rows = arrays.filter(([, x]) => rowsArray(x));
  if (rows.length !== 1 || arrays.length !== 1) return null;
  const find = (re: RegExp): string | undefined => {
    const here = entries.find(([k, x]) => re.test(k) && NUMBERISH(x));
    if (here) return prefix + here[0];
    for (const [k, x] of entries) {
      if (!isObject(x)) continue;
      const inner = Object.entries(x).find(([ik, ix]) => re.test(ik) && NUMBERISH(ix));
      if (inner) return `${prefix}${k}.${inner[0]}`;
    }
    return undefined;
  };
  const total = find(TOTAL_KEY);
  const limit = find(LIMIT_KEY);
  const offset = find(OFFSET_KEY);
  const page = find(PAGE_KEY);
  const pages = find(PAGES_KEY);
  return {
    items: prefix + rows[0]![0],
    total: total ?? null,
    ...(limit ? { limit } : {}),
    ...(offset ? { offset } : {}),
    ...(page ? { page } : {}),
    ...(pages ? { pages } : {}),
  };
}

/** `{ "success": true, "data": { "items": [...], "total": 42 } }`: the one object holding the rows. */
function nestedEnvelope(v: Record<string, Json>): RawEnvelope | null {
  const holders = Object.entries(v).filter(([, x]) => isObject(x) && Object.values(x).some(rowsArray));
  if (holders.length !== 1 || Object.values(v).some((x) => Array.isArray(x))) return null;
  const [k, x] = holders[0]!;
  return envelopeOf(x as Record<string, Json>, `${k}.`);
}

/**
 * JSON as specs sketch it: comments, `...`, trailing commas, unquoted keys and single quotes, type
 * names for values (`"total": integer`, `"due": Date`) and for rows (`[TaskResponse]`, read as one
 * object). Undefined when it still is not JSON.
 */
export function looseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    // sketched: rewritten below
  }
  let t = text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'])\/\/[^\n]*/g, "$1")
    .replace(/'([^'\n]*)'/g, (_m, x: string) => JSON.stringify(x))
    .replace(/\.\.\.\s*(?:\w+\s*)?/g, "")
    .replace(/,(\s*[}\]])/g, "$1")
    .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')
    // [TaskResponse] / [Task, ...]: rows of a named shape.
    .replace(/\[\s*[A-Z][\w.<>]*\s*(?:,\s*[A-Z][\w.<>]*\s*)*\]/g, "[{}]")
    // "total": integer / "due": Date / "x": string | null -> a sample of that kind.
    .replace(/:\s*([A-Za-z_][\w.<>]*(?:\s*\|\s*[A-Za-z_][\w.<>]*)*)(?=\s*[,}\]\n])/g, (_m, x: string) =>
      /^(true|false|null)$/.test(x) ? `: ${x}` : /^(int|integer|number|long|float|double|decimal)$/i.test(x) ? ": 0" : `: ${JSON.stringify(x)}`)
    .replace(/,(\s*[}\]])/g, "$1");
  t = t.replace(/\[\s*\]/g, "[]");
  try {
    return JSON.parse(t) as Json;
  } catch {
    return undefined;
  }
}

/** A path as a line writes it, up to the punctuation that ends it. */
export const LINE_PATH = "\\/(?:[^\\s`(（、，,?？：；。·•|]*[^\\s`(（、，,?？.;:：。；·•|])?";

/** Each method of a method list at `at` in `f` ("GET/POST"), as the text of its word. */
export function methodsAt(md: MarkdownReader, f: Flat, at: number, list: string): RawText[] {
  return [...list.matchAll(/GET|POST|PUT|PATCH|DELETE/g)].map((x) => md.rawText(flatSub(f, at + x.index!, at + x.index! + x[0].length)));
}

/**
 * The endpoints a line writes after its first one, joined by separators only: "`GET /notes` ·
 * `POST /notes` · `DELETE /notes/:id`", "GET /tags, POST /tags". Each is a draft with the
 * summary given; the text after the last one is returned (the line's summary).
 */
export function chainedEndpoints(md: MarkdownReader, f: Flat, from: number, summary: string | undefined): { drafts: EndpointDraft[]; end: number } {
  const drafts: EndpointDraft[] = [];
  const next = new RegExp(`[\\s\`]*(?:[·•|,;/]|\\band\\b|\\bor\\b)?[\\s\`]*(${PATH_METHODS})\\s+(${LINE_PATH})\`?`, "y");
  let end = from;
  for (;;) {
    next.lastIndex = end;
    const m = next.exec(f.text);
    if (!m) break;
    const pathAt = m.index + m[0].length - m[2]!.length - (m[0].endsWith("`") ? 1 : 0);
    const methodAt = m.index + m[0].lastIndexOf(m[1]!, pathAt - m.index);
    const path = md.rawText(flatSub(f, pathAt, pathAt + m[2]!.length));
    for (const method of methodsAt(md, f, methodAt, m[1]!)) drafts.push({ method, path, ...(summary ? { summary } : {}) });
    end = next.lastIndex;
  }
  return { drafts, end };
}
