// Endpoints written in prose: a heading that is an endpoint, one named in a section, base
// URLs, the success status and public access a text states, a response envelope.
import type { Span } from "../../base/span.js";
import type { RawText } from "../raw.js";
import type { EndpointDraft, SectionEntry } from "./drafts.js";
import { type Flat, flatSub } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { isPublicText, METHOD_RE } from "./vocabulary.js";

export function endpointHeading(md: MarkdownReader, f: Flat): EndpointDraft | null {
  // "### GET /x", "### 2. GET /x", "### 2.1 POST /x（下单）", "### 2.1.3) PUT /x (admin)".
  const m = /^\s*(?:\d+(?:\.\d+)*[.)]?\s+|\d+[.)]\s*)?([A-Za-z]+)\s+([^\s(（【?？、，,]*[^\s(（【?？、，,.;:：。])/.exec(f.text);
  if (!m || !METHOD_RE.test(m[1]!) || m[1]!.length !== METHOD_RE.exec(m[1]!)![0].length) return null;
  const mStart = m[0].slice(0, m[0].length - m[2]!.length).trimEnd().length - m[1]!.length;
  const pStart = m.index + m[0].length - m[2]!.length;
  const method = md.rawText(flatSub(f, mStart, mStart + m[1]!.length));
  if (!m[2]!.startsWith("/")) {
    if (m[1] === m[1]!.toUpperCase()) {
      md.warn("SF208", `endpoint heading "${f.text}" has no path starting with "/"`, method.span,
        'write it as "### GET /api/{user_id}/tasks"');
    }
    return null;
  }
  const path = md.rawText(flatSub(f, pStart, pStart + m[2]!.length));
  const draft: EndpointDraft = { method, path };
  // What the heading says after the path: "(public)", "（公开）".
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
  md.bases.push({ path, span: md.idx.span(f.offs[at] ?? f.offs[0] ?? 0) });
}

/** The one path prefix the API spec's base URLs agree on (none when they differ or name only a host). */
export function basePrefix(md: MarkdownReader): { path: string; span: Span } | null {
  const paths = new Set(md.bases.map((b) => b.path));
  if (paths.size !== 1 || !md.bases[0]!.path) return null;
  return md.bases[0]!;
}

/** "/items" under the base "/api/v1" is "/api/v1/items"; a path already under it is kept. */
export function underBase(md: MarkdownReader, path: RawText, base: { path: string; span: Span }): RawText {
  const p = path.text;
  if (!p.startsWith("/") || p === base.path || p.startsWith(base.path + "/") || p.startsWith(base.path + "?")) return path;
  const text = base.path + (p === "/" ? "" : p);
  md.notes.push({ span: path.span, message: `path ${p} read as ${text} (the base URL ${base.path} stated at line ${base.span.line})` });
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
}

/** `{ "tasks": [ {...} ], "total": 3 }` as an example response: the list's envelope. */
export function responseEnvelope(md: MarkdownReader, ep: EndpointDraft, value: string): void {
  if (ep.envelope || ep.method.text.toUpperCase() !== "GET") return;
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return;
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) return;
  const entries = Object.entries(v as Record<string, unknown>);
  const items = entries.find(([, x]) => Array.isArray(x) && x.every((y) => y !== null && typeof y === "object" && !Array.isArray(y)));
  if (!items || entries.filter(([, x]) => Array.isArray(x)).length !== 1) return;
  const total = entries.find(([k, x]) => typeof x === "number" && /^(total|count|total_count|totalcount|total_items)$/i.test(k));
  ep.envelope = { items: items[0], total: total ? total[0] : null };
}
