// Request bodies and query parameters: body labels, request models' fields joining their
// table as rules, body fields from list items, descriptors and tables, query parameters.
import type { FieldRoles } from "../table-shapes.js";
import { isEmptyMarker } from "../table-cells.js";
import type { Code, Table } from "mdast";
import type { RawBodyField, RawText } from "../raw.js";
import { describe as describeParam, parseParamItem } from "../query-params.js";
import { matchParen } from "../text.js";
import type { EndpointDraft, TableDraft } from "./drafts.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { yesNo } from "./vocabulary.js";

/** "Request Body:" / "#### Request" makes what follows the endpoint's body; "Response" ends it. */
export function bodyLabel(md: MarkdownReader, ep: EndpointDraft, text: string): void {
  const t = text.replace(/[`*_]/g, "").trim();
  if (/^(?:request(?:\s+body)?|body|payload|input|request\s+payload|json\s+body)\b[^.:]{0,30}:?\s*$/i.test(t)) md.bodyFor = ep;
  else if (/^(?:response|responses|returns|output|success|example\s+response|errors?)\b/i.test(t)) md.bodyFor = null;
}

/** A request model's fields join its table as rules only (a fragment: no type, no new columns). */
export function modelFields(md: MarkdownReader, model: TableDraft, fields: readonly RawBodyField[]): void {
  for (const f of fields) {
    if (model.columns.some((c) => c.name.text === f.name.text)) continue;
    const rules = f.constraints.filter((c) => !/^\s*(?:required|optional|nullable)\s*$/i.test(c.text));
    if (rules.length === 0) continue;
    model.columns.push({ name: f.name, type: { text: "", span: f.name.span }, constraints: rules });
  }
}

/**
 * One request field written as a list item: "`title`: string (required, 1-200 chars)",
 * "title (string, required): the title, max 200 characters", "`priority` — one of low, medium, high".
 */
export function bodyItem(md: MarkdownReader, f: Flat): RawBodyField | null {
  const m = /^[`"']?([A-Za-z_]\w*)[`"']?\??\s*(?=$|[:：(—–\-,\s])/.exec(f.text);
  if (!m) return null;
  const restAt = m[0].length;
  const rest = f.text.slice(restAt);
  if (!/^\s*[:：(—–-]/.test(rest) && rest.trim() !== "") return null;
  return fieldFrom(md, f, m[1]!, f.text.indexOf(m[1]!), restAt);
}

/** The field at `nameAt` and what `from` onwards says of it: a type word, parenthesised rules, prose rules. */
function fieldFrom(md: MarkdownReader, f: Flat, name: string, nameAt: number, from: number): RawBodyField | null {
  const constraints: RawText[] = [];
  let type: RawText | undefined;
  let required: boolean | undefined;
  // Pieces: each parenthesised group's comma-separated parts, and the prose outside them.
  const pieces: [number, number][] = [];
  const text = f.text;
  let i = from;
  let outside = from;
  const pushSplit = (a: number, b: number) => {
    let start = a;
    for (let k = a; k <= b; k++) {
      if (k === b || text[k] === "," || text[k] === ";") {
        pieces.push([start, k]);
        start = k + 1;
      }
    }
  };
  while (i < text.length) {
    if (text[i] === "(") {
      const close = matchParen(text, i);
      if (close < 0) break;
      pushSplit(outside, i);
      pushSplit(i + 1, close);
      i = close + 1;
      outside = i;
      continue;
    }
    i++;
  }
  pushSplit(outside, text.length);
  for (let [a, b] of pieces) {
    while (a < b && /[\s:：—–\-`"'*]/.test(text[a]!)) a++;
    while (b > a && /[\s.`"'*]/.test(text[b - 1]!)) b--;
    if (a >= b) continue;
    const piece = text.slice(a, b);
    if (!type && /^(?:string|str|text|integer|int|number|float|double|decimal|boolean|bool|date|datetime|date-time|timestamp|uuid|array|list|object|dict|enum|email|url|uri)(?:\s*\[\s*\w*\s*\]|<\w+>|\(\s*[\w-]+\s*\))?(?:\s*\(?\s*(?:iso\s*8601|email|uri|url|uuid)\s*\)?)?(?:\s*(?:or|\|)\s*null)?$/i.test(piece)) {
      type = md.rawText(flatSub(f, a, b));
      continue;
    }
    if (/^required$/i.test(piece)) required = true;
    else if (/^optional$/i.test(piece)) required = false;
    constraints.push(md.rawText(flatSub(f, a, b)));
  }
  if (!type && constraints.length === 0) return null;
  return { name: md.rawText(flatSub(f, nameAt, nameAt + name.length)), ...(type ? { type } : {}), ...(required !== undefined ? { required } : {}), constraints };
}

/**
 * A request body written as a JSON sketch whose values describe the fields:
 * \`"title": "string (required, 1-200 chars)"\`. Lines holding example values are not rules.
 */
export function descriptorBody(md: MarkdownReader, node: Code): RawBodyField[] {
  const f = md.codeFlat(node);
  const out: RawBodyField[] = [];
  // The description quoted ("string (1-200 chars)") or bare (string (1-200 chars),).
  const re = /^([ \t]*)"([A-Za-z_]\w*)"\s*:\s*(?:"((?:string|str|text|integer|int|number|float|decimal|boolean|bool|date|datetime|uuid|array|list|object|enum|email|url|uri)\b[^"\n]*)"|((?:string|str|text|integer|int|number|float|decimal|boolean|bool|date|datetime|uuid|array|list|object|enum|email|url|uri)\b[^\n]*?)\s*,?\s*$)/gim;
  for (const m of f.text.matchAll(re)) {
    const value = m[3] ?? m[4]!;
    const nameAt = m.index! + m[1]!.length + 1;
    const valueAt = f.text.indexOf(value, nameAt + m[2]!.length);
    const sub = flatSub(f, 0, valueAt + value.length);
    const field = fieldFrom(md, sub, m[2]!, nameAt, valueAt);
    if (field) out.push(field);
  }
  return out;
}

/** Request-body fields under an endpoint (Field | Type | Required | Constraints). */
export function bodyTable(md: MarkdownReader, ep: EndpointDraft, node: Table, roles: FieldRoles): void {
  for (const row of node.children.slice(1)) {
    const cell = (i: number | undefined) => {
      const c = i === undefined || i < 0 ? undefined : row.children[i];
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    };
    const n = cell(roles.name);
    const m = n ? /^["'`]?([A-Za-z_][A-Za-z0-9_]*)/.exec(n.text) : null;
    if (!n || !m || isPlaceholder(ep, m[1]!)) continue;
    const at = n.text.indexOf(m[1]!);
    const type = cell(roles.type);
    const req = cell(roles.required);
    const constraints: RawText[] = [];
    // A description column often states the rules ("3-32 characters, letters and digits"): the
    // builder reads what it can of it and ignores the rest.
    for (const ci of [...roles.constraints, ...(roles.values !== undefined ? [roles.values] : []), ...(roles.description !== undefined ? [roles.description] : [])]) {
      const c = cell(ci);
      if (c && c.text && !isEmptyMarker(c.text)) constraints.push(md.rawText(c));
    }
    const required = req && req.text ? yesNo(req.text) : null;
    (ep.body ??= []).push({
      name: md.rawText(flatSub(n, at, at + m[1]!.length)),
      ...(type && type.text && !isEmptyMarker(type.text) ? { type: md.rawText(type) } : {}),
      ...(required !== null ? { required: required === false ? false : true } : {}),
      constraints,
    });
  }
}

/** One "Query Parameters" list item. */
export function queryItem(md: MarkdownReader, ep: EndpointDraft, f: Flat): void {
  const p = parseParamItem(f.text);
  if (!p) return;
  // "`user_id` (path): the caller", a placeholder of the endpoint's own path: not a query parameter.
  if (isPlaceholder(ep, p.name) || /\(\s*(?:path|route|url\s+path)\b|\bpath\s+param/i.test(f.text)) return;
  const name = md.rawText(flatSub(f, p.nameAt, p.nameAt + p.name.length));
  (ep.query ??= []).push({ name, values: p.values, text: f.text, ...(p.type ? { type: p.type } : {}), ...(p.default ? { default: p.default } : {}) });
}

/** A table of query parameters: Param | Type | Default | Values | Description. */
export function queryTable(md: MarkdownReader, ep: EndpointDraft, node: Table, roles: Pick<FieldRoles, "name" | "values" | "default" | "constraints">): void {
  const nameCol = roles.name;
  const valuesCol = roles.values ?? -1;
  const defCol = roles.default ?? -1;
  for (const row of node.children.slice(1)) {
    const cell = (i: number) => {
      const c = i >= 0 ? row.children[i] : undefined;
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    };
    const n = cell(nameCol);
    const m = n ? /^["'`]?([A-Za-z_][A-Za-z0-9_]*)/.exec(n.text) : null;
    if (!n || !m || isPlaceholder(ep, m[1]!)) continue;
    const others = row.children.map((_, i) => (i === nameCol ? "" : cell(i)?.text ?? "")).join(" | ");
    const vCell = valuesCol >= 0 ? cell(valuesCol)?.text : undefined;
    const dCell = defCol >= 0 ? cell(defCol)?.text : undefined;
    const d = describeParam(row.children.map((_, i) => (i === nameCol || i === valuesCol ? "" : cell(i)?.text ?? "")).join(" , "), vCell || undefined, dCell || undefined);
    const at = n.text.indexOf(m[1]!);
    (ep.query ??= []).push({
      name: md.rawText(flatSub(n, at, at + m[1]!.length)),
      values: d.values,
      text: others,
      ...(d.type ? { type: d.type } : {}),
      ...(d.default ? { default: d.default } : {}),
    });
  }
}

const INLINE_QUERY_LABEL = /^\s*[*_]*(?:optional\s+)?(?:query(?:[\s-]*(?:params?|parameters|string|args|filters?))?|(?:url\s+|request\s+)?params|parameters|filters?)[*_]*\s*[:：]\s*/i;
const INLINE_PARAM = /^\s*(?:(?:and|or)\s+)?[`"']?([A-Za-z_][A-Za-z0-9_]*)(?:\[\])?[`"']?(?:\s*=\s*[^\s,()]*)?\s*(?:\(([^()]*)\))?\s*[.;]?\s*$/;

/**
 * "Query: `search`, `category`, `from`, `to`, `page`, `limit`" (also "Query params:", "Filters:"):
 * query parameters named on the label's own line, each maybe with its values in parentheses
 * (`status (all|open|done)`). Read only when every comma-separated part is such a name, so a
 * sentence after "Filters:" stays prose. True when the line was read (or says "none").
 */
export function inlineQuery(md: MarkdownReader, ep: EndpointDraft, f: Flat): boolean {
  const m = INLINE_QUERY_LABEL.exec(f.text);
  if (!m) return false;
  const rest = f.text.slice(m[0].length);
  if (/^\s*[`*_]*(?:none|n\/a|-|—)(?![\w-])/i.test(rest)) return true;
  const parts: { text: string; at: number }[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= rest.length; i++) {
    const ch = rest[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if ((ch === "," || ch === undefined) && depth === 0) {
      parts.push({ text: rest.slice(from, i), at: m[0].length + from });
      from = i + 1;
    }
  }
  const read = parts.map((p) => ({ p, m: INLINE_PARAM.exec(p.text) }));
  if (read.length === 0 || read.some((r) => !r.m)) return false;
  for (const { p, m: pm } of read) {
    const at = p.at + p.text.indexOf(pm![1]!);
    const d = pm![2] ? describeParam(pm![2]) : { values: [] as string[] };
    (ep.query ??= []).push({ name: md.rawText(flatSub(f, at, at + pm![1]!.length)), values: d.values, text: p.text, ...(d.type ? { type: d.type } : {}), ...(d.default ? { default: d.default } : {}) });
  }
  return true;
}

/**
 * `GET /api/tenants/{id}/costs?startDate=&endDate=&groupBy=`: the query string written after the
 * path names its parameters. `at` is where the "?" is in `f`.
 */
export function pathQuery(md: MarkdownReader, ep: EndpointDraft, f: Flat, at: number): void {
  const m = /^\?([^\s`'"()（]*)/.exec(f.text.slice(at));
  if (!m) return;
  let off = at + 1;
  for (const pair of m[1]!.split("&")) {
    const n = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[\])?(?:=([^&]*))?$/.exec(pair);
    if (n && !(ep.query ?? []).some((q) => q.name.text === n[1])) {
      const values = n[2] && /\|/.test(n[2]) ? n[2].split("|").filter(Boolean) : [];
      (ep.query ??= []).push({ name: md.rawText(flatSub(f, off, off + n[1]!.length)), values, text: pair });
    }
    off += pair.length + 1;
  }
}

/** Whether the endpoint's path has a placeholder of this name ("{user_id}", ":user_id", "<user_id>"). */
function isPlaceholder(ep: EndpointDraft, name: string): boolean {
  return [...ep.path.text.matchAll(/[{:<]([A-Za-z_]\w*)[}>]?/g)].some((m) => m[1] === name);
}
