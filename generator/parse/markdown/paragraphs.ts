// Paragraphs: a description or summary, a bare name, a marker line ("Primary key: ..",
// an enum line, a rule), endpoint lines, and paragraphs that write columns inline.
import type { List, Paragraph } from "mdast";
import type { RawColumn } from "../raw.js";
import { isPathParamsLabel, labelLine, opensQuery } from "../query-params.js";
import { bodyLabel, inlineQuery } from "./bodies.js";
import { bareFields, columnFlat, columnItem } from "./columns.js";
import type { EndpointDraft, TableDraft } from "./drafts.js";
import { baseUrl, chainedEndpoints, endpointInSection, inlineEnvelope, methodsAt, scanEndpointText } from "./endpoints.js";
import { type Flat, flatSplit, flatSub, flatTrim } from "./flat.js";
import { indexFromText, keyOf } from "./indexes.js";
import type { MarkdownReader } from "./reader.js";
import { tableRuleLine } from "./rules.js";
import { openSection, pseudoTableName } from "./sections.js";
import { likeRef } from "./table-references.js";
import { DOCUMENT_WORDS, ENDPOINT_LINE, PATH_METHODS, ENUM_LINE, ENUM_LINE_IN_VALUES, FIELDS_LABEL, KEY_PIECE, looksLikeConstraints, RULES_LABEL, SECTION_WORDS, splitEnumValues } from "./vocabulary.js";

/** A paragraph that is only a name ("users", "`order_items`", "tasks:"), not a label word: it may name the table of the list after it. */
export function plainNameOf(md: MarkdownReader, node: Paragraph): Flat | null {
  const f = flatTrim(md.flat(node.children, md.startOf(node)));
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*:?$/.exec(f.text);
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w) || RULES_LABEL.test(w) || /^(index(es)?|indices|checks?|enums?|notes?|example|migrations?|seed|tables?)$/.test(w)) return null;
  // "Timestamps:" inside a table that has columns already: a label over more of them, not a table.
  if (/[:：]$/.test(f.text) && /^[A-Z][a-z]+$/.test(m[1]!) && (md.currentTable()?.columns.length ?? 0) > 0) return null;
  return flatSub(f, 0, m[1]!.length);
}

/**
 * A table and its columns in one paragraph: "**widgets** — `id` PK, `name` TEXT NOT NULL,
 * `shop_id` INTEGER FK → shops(id)." The name in bold (or code), a dash or colon, then
 * comma-separated columns, each name in code. Two at least must read as columns with a type or
 * a key; prose after the list (a sentence that starts after ". ") is the table's description.
 */
export function inlineTable(md: MarkdownReader, node: Paragraph): boolean {
  const first = node.children[0];
  if (!first || (first.type !== "strong" && first.type !== "inlineCode")) return false;
  const f = flatTrim(md.flat(node.children, md.startOf(node)));
  const head = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:[—–:：]|\s-)\s*/.exec(f.text);
  const nameText = first.type === "strong" ? md.flat(first.children).text.trim() : first.value;
  if (!head || head[1] !== nameText) return false;
  const w = head[1]!.toLowerCase();
  if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w) || RULES_LABEL.test(w)) return false;
  const body = flatSub(f, head[0].length);
  // Top-level commas split the columns; a sentence end (". ") closes the list.
  const pieces: Flat[] = [];
  let depth = 0;
  let at = 0;
  let end = body.text.length;
  for (let i = 0; i < body.text.length; i++) {
    const ch = body.text[i]!;
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === "," ) {
      pieces.push(flatTrim(flatSub(body, at, i)));
      at = i + 1;
    } else if (depth === 0 && ch === "." && (i + 1 === body.text.length || /\s/.test(body.text[i + 1]!))) {
      end = i;
      break;
    }
  }
  pieces.push(flatTrim(flatSub(body, at, end)));
  const coded = (p: Flat) => p.text !== "" && md.src[(p.offs[0] ?? 1) - 1] === "`";
  const cols: RawColumn[] = [];
  const extra: Flat[] = [];
  let typedOrKeyed = 0;
  for (const p of pieces) {
    if (!p.text) continue;
    const col = coded(p) ? columnFlat(md, p, true, false) : null;
    if (col && col.columns.length === 1) {
      cols.push(col.columns[0]!);
      if (col.known || col.columns[0]!.constraints.some((k) => KEY_PIECE.test(k.text) || /^pk$/i.test(k.text))) typedOrKeyed++;
    } else if (cols.length > 0 && looksLikeConstraints(p.text.replace(/(?:->|→)\s*\w+\s*\(\s*\w+\s*\)/g, " fk ").replace(/\bon\s+delete\s+\w+(?:\s+\w+)?/gi, " "))) {
      // "`session_id` INTEGER PK, FK → sessions(id)": more constraints of the column before.
      const last = cols[cols.length - 1]!;
      cols[cols.length - 1] = { ...last, constraints: [...last.constraints, md.rawText(p)] };
    } else extra.push(p);
  }
  if (typedOrKeyed < 2) return false;
  openSection(md, (md.lastRealDepth() ?? 0) + 1, flatSub(f, f.text.indexOf(head[1]!), f.text.indexOf(head[1]!) + head[1]!.length), true, true);
  const table = md.currentTable();
  if (!table) return false;
  table.notation ??= "markdown-bullets";
  table.columns.push(...cols);
  for (const p of extra) {
    const idx = indexFromText(md, p, table, true);
    if (idx) table.indexes.push(idx);
  }
  const rest = flatTrim(flatSub(body, Math.min(end + 1, body.text.length)));
  if (rest.text && !table.description) table.description = rest.text;
  return true;
}

/**
 * Column lines with no bullets, one a line: "price (DECIMAL, NOT NULL)", "org_id (PK, FK -> orgs.id)",
 * under a table's heading, after a line naming the table, or with that name as the first line.
 * Every line must read as "name (…)", and one at least with a known type, so prose is never a column.
 */
export function columnLines(md: MarkdownReader, node: Paragraph, plain: Flat | null): boolean {
  const f = flatTrim(md.flat(node.children, md.startOf(node), "\n"));
  const lines: Flat[] = [];
  let at = 0;
  for (let i = 0; i <= f.text.length; i++) {
    if (i === f.text.length || f.text[i] === "\n") {
      const l = flatTrim(flatSub(f, at, i));
      if (l.text) lines.push(l);
      at = i + 1;
    }
  }
  let name: Flat | null = plain;
  const first = lines[0] ? /^[`*]*([A-Za-z_][A-Za-z0-9_]*)[`*]*\s*:?$/.exec(lines[0].text) : null;
  if (first && lines.length >= 3) {
    const lead = lines[0]!.text.indexOf(first[1]!);
    name = flatSub(lines[0]!, lead, lead + first[1]!.length);
    lines.shift();
  }
  if (lines.length < 2) return false;
  // "price (DECIMAL, NOT NULL)"; or, every line with a type it reads, "id INTEGER PRIMARY KEY"
  // (a table's definition typed as plain lines under its name).
  const paren = lines.map((l) => (/^[A-Za-z_]\w*\s*[(（]/.test(l.text) ? columnFlat(md, l, false, false) : null));
  const sqlish = paren.some((c) => c === null) ? lines.map((l) => (/^[A-Za-z_]\w*\s+[A-Za-z]/.test(l.text) ? columnFlat(md, l, false, false) : null)) : null;
  const cols = sqlish && sqlish.every((c) => c?.known) ? sqlish : paren;
  if (cols.some((c) => c === null) || !cols.some((c) => c!.known)) return false;
  if (name) {
    const w = name.text.toLowerCase();
    if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w)) name = null;
  }
  if (name) openSection(md, (md.lastRealDepth() ?? 0) + 1, name, true, true);
  const table = md.currentTable();
  if (!table) return false;
  table.notation ??= "markdown-bullets";
  for (const c of cols) table.columns.push(...c!.columns);
  return true;
}

/** A list whose items read as columns with types ("- email VARCHAR(320) UNIQUE NOT NULL"): most of them, and at least two. */
export function plainColumns(md: MarkdownReader, node: List): "typed" | "named" | false {
  const cols = node.children.map((item) => columnItem(md, item));
  const known = cols.filter((c) => c?.known).length;
  if (known >= 2 && known * 2 >= node.children.length) return "typed";
  // "- id (uuid, PK)", "- org_id (FK orgs.id)", then "- created_at": columns, some of them bare
  // snake_case names, one at least with a type or a key; every item one or the other.
  const keyed = cols.filter((c) => c && (c.known || c.columns.some((x) => x.constraints.some((k) => KEY_PIECE.test(k.text))))).length;
  if (keyed >= 1 && node.children.length >= 3 && node.children.every((item, i) => cols[i] || /^[a-z_][a-z0-9_]*(?:\s*\([^()]*\))?$/.test(md.itemFlat(item).text))) return "named";
  // "cards" over "- id", "- board_id", "- created_at" (a drawn tree, say): a record's bare field names.
  return bareFields(md, node) ? "named" : false;
}

export function paragraph(md: MarkdownReader, node: Paragraph): void {
  const f = flatTrim(md.flat(node.children, md.startOf(node)));
  const text = f.text;
  const top = md.top();
  // "#### notes.title" over "Required. At most 120 characters.": each sentence that reads whole
  // as a rule is the column's (the others are its description).
  if (md.kind === "schema" && top?.column) {
    let from = 0;
    for (const piece of text.split(/(?<=\.)\s+/)) {
      const at = text.indexOf(piece, from);
      from = at + piece.length;
      const sentence = flatTrim(flatSub(f, at, at + piece.length));
      if (sentence.text && md.isRulePhrase(sentence.text.replace(/\.$/, ""))) md.looseRules.push({ table: top.column.table.name.text, column: top.column.name, phrase: md.rawText(sentence) });
    }
  }
  if (md.kind === "api") {
    baseUrl(md, f);
    // "GET /api/tasks" on a line of its own (a paragraph of endpoint lines, or a label line then one).
    if (endpointLines(md, f, false)) return;
    const sec = md.currentEndpointSection();
    if (sec?.endpoint) {
      if (!sec.sawParagraph && sec === top) {
        sec.sawParagraph = true;
        if (!sec.endpoint.summary) sec.endpoint.summary = md.sourceText(node);
      }
      scanEndpointText(md, sec.endpoint, text);
      if (inlineQuery(md, sec.endpoint, f)) return;
      // "Response: `{ "tasks": [Task], "total": integer }`": the list's envelope, written inline.
      if (/^\s*[*_]*(?:response|returns?|200|success|body)\b/i.test(text) && /[{]/.test(text)) inlineEnvelope(md, sec.endpoint, text);
      bodyLabel(md, sec.endpoint, text);
      md.pathParamsFor = isPathParamsLabel(text) || isPathParamsLabel(labelLine(text)) ? sec.endpoint : null;
      if (opensQuery(text, sec.endpoint.method.text)) md.queryFor = sec.endpoint;
      else if (/:\s*$/.test(text)) md.queryFor = null;
      return;
    }
    // "Authentication: external (Better Auth)" or "Auth mode: built-in", outside any endpoint.
    const am = /^auth(?:entication)?(?:\s+mode)?\s*:\s*(\S.*?)\s*\.?$/i.exec(text);
    if (am && !md.authMode) {
      const at = text.indexOf(am[1]!, text.indexOf(":") + 1);
      md.authMode = md.rawText(flatSub(f, at, at + am[1]!.length));
      return;
    }
    // "**Endpoint**: `GET /api/tasks`" under a heading that names the operation.
    const m = /^(?:endpoint|route|url|path|request)\s*:?\s*(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)/i.exec(text);
    if (m && top && top.kind === "other") {
      const path = m[2]!.replace(/[.,;:)]+$/, "").replace(/\?.*$/, "");
      const mi = m[0].lastIndexOf(m[1]!, m[0].length - m[2]!.length);
      endpointInSection(md, top, f, mi, m[1]!.length, path.length);
    }
    return;
  }
  // Schema file.
  const table = md.currentTable();
  const first = node.children[0];
  if (first?.type === "strong") {
    const pseudo = pseudoTableName(md, f);
    if (pseudo && /^(.*?\s+(?:table|model|entity))\b/i.exec(text)?.[1] === md.flat(first.children).text.trim()) {
      const depth = (md.lastRealDepth() ?? 1) + 1;
      openSection(md, depth, f, true);
      md.lastLabel = null;
      return;
    }
  }
  // Several marker lines in one paragraph (no blank line between them): each on its own.
  if (!text.includes("\n") && markerLine(md, f, table)) return;
  if (text.includes("\n")) {
    const parts: Flat[] = [];
    let at = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text[i] === "\n") {
        parts.push(flatTrim(flatSub(f, at, i)));
        at = i + 1;
      }
    }
    const handled = parts.map((p) => p.text !== "" && markerLine(md, p, table));
    if (handled.some(Boolean)) return;
  }
  // "Indexes:", "**Fields:**", "Recommended indexes:" label the list that follows.
  if (/:\s*$/.test(text) && text.length < 60) {
    md.lastLabel = text.replace(/:\s*$/, "").trim().toLowerCase();
    return;
  }
  md.lastLabel = null;
  if (table && table.columns.length === 0 && !table.like) {
    const like = likeRef(md, f);
    if (like) {
      table.like = like;
      return;
    }
  }
  if (top && top.kind === "table" && top.table && !top.sawParagraph && top.table.columns.length === 0) {
    top.sawParagraph = true;
    if (!top.table.description) top.table.description = md.sourceText(node);
  }
}

/**
 * Endpoints written as bare lines: "GET /api/tasks", "POST /api/tasks — create one",
 * "- DELETE /items/:id", one or several to a paragraph or a code block. Each opens an
 * endpoint section of its own (as a heading would), so the lists and tables after it are its
 * query, body and response. Under a heading that is itself an endpoint they are examples of
 * it (a request quoted in full) and are left alone; so is a code block holding anything else.
 * Returns whether the text held endpoint lines that were read.
 */
export function endpointLines(md: MarkdownReader, f: Flat, code: boolean): boolean {
  const sec = md.currentEndpointSection();
  if (sec?.endpoint && !sec.pseudo) return false;
  const lines: Flat[] = [];
  let at = 0;
  for (let i = 0; i <= f.text.length; i++) {
    if (i === f.text.length || f.text[i] === "\n") {
      lines.push(flatTrim(flatSub(f, at, i)));
      at = i + 1;
    }
  }
  const isEndpoint = (l: Flat) => ENDPOINT_LINE.test(l.text) && !/\bHTTP\/\d/.test(l.text);
  if (!lines.some(isEndpoint)) return false;
  // A code block is a list of endpoints only when every line is one (or a comment).
  if (code && !lines.every((l) => l.text === "" || isEndpoint(l) || /^(#|\/\/|--)/.test(l.text))) return false;
  let last: EndpointDraft | null = null;
  for (const l of lines) {
    if (!isEndpoint(l)) {
      if (last && l.text) {
        if (!last.summary) last.summary = l.text;
        scanEndpointText(md, last, l.text);
      }
      continue;
    }
    const lead = /^(?:[-*+]\s+|\d+[.)]\s+)?/.exec(l.text)![0].length;
    const line = flatSub(l, lead, l.text.length);
    const depth = sec?.pseudo ? sec.depth : (md.lastRealDepth() ?? 0) + 1;
    // "GET/POST /api/folders", "GET | PATCH | DELETE /api/folders/{id}": one endpoint per method,
    // each a draft of its own (no section opens: what follows describes them all).
    const listed = new RegExp(`^(${PATH_METHODS})\\s+(\\/[^\\s\`·•|]*)`).exec(line.text);
    if (listed && /[/|,]/.test(listed[1]!)) {
      const pathAt = listed[0].length - listed[2]!.length;
      const path = md.rawText(flatSub(line, pathAt, pathAt + listed[2]!.replace(/[.,;:]+$/, "").length));
      const rest = line.text.slice(listed[0].length).replace(/^[\s`]*(?:[-–—:：#]+\s*|\/\/\s*)?/, "").trim();
      const drafts: EndpointDraft[] = methodsAt(md, line, 0, listed[1]!).map((method) => ({ method, path, ...(rest ? { summary: rest } : sec?.title ? { summary: sec.title } : {}) }));
      md.endpoints.push(...drafts);
      last = drafts[0]!;
      continue;
    }
    openSection(md, depth, line, true);
    const opened = md.top();
    if (opened?.kind !== "endpoint" || !opened.endpoint) continue;
    last = opened.endpoint;
    // "`GET /notes` · `POST /notes` · `DELETE /notes/:id`": the other endpoints the line joins to it.
    const first = new RegExp(`^(?:GET|POST|PUT|PATCH|DELETE)\\s+\\/[^\\s\`·•|,]*`).exec(line.text);
    const chain = first ? chainedEndpoints(md, line, first[0].replace(/[.;:]+$/, "").length, undefined) : { drafts: [], end: 0 };
    const rest = (chain.drafts.length ? line.text.slice(chain.end) : line.text.replace(ENDPOINT_LINE, "")).replace(/^[\s`]*(?:[-–—:：#]+\s*|\/\/\s*)?/, "").trim();
    if (rest) last.summary = rest;
    for (const d of chain.drafts) md.endpoints.push({ ...d, ...(rest ? { summary: rest } : {}) });
  }
  md.lastLabel = null;
  return last !== null;
}

/**
 * The one-line markers of a table section ("Table: x", "Owner: x", "Unique constraint: (a, b)",
 * "Check constraint: a != b", "Shared: read-write", ...). True when the line was one.
 */
function markerLine(md: MarkdownReader, f: Flat, table: TableDraft | undefined): boolean {
  const text = f.text;
  const tableMarker = /^table\s*:\s*([A-Za-z_]\w*)\s*$/i.exec(text);
  if (tableMarker && table) {
    const at = text.lastIndexOf(tableMarker[1]!);
    table.name = md.rawText(flatSub(f, at, at + tableMarker[1]!.length));
    return true;
  }
  const ownerMarker = /^(?:owner|owned by|owner column)\s*:\s*([A-Za-z_]\w*)\s*\.?$/i.exec(text);
  if (ownerMarker && table) {
    const at = text.lastIndexOf(ownerMarker[1]!);
    table.owner = md.rawText(flatSub(f, at, at + ownerMarker[1]!.length));
    return true;
  }
  const renameMarker = /^(?:renamed|formerly|previously)(?:\s+(?:from|named|called))?\s*:?\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\.?$/i.exec(text);
  if (renameMarker && table) {
    const at = text.lastIndexOf(renameMarker[1]!);
    table.renamedFrom = md.rawText(flatSub(f, at, at + renameMarker[1]!.length));
    return true;
  }
  // "**Unique constraint**: (gigId, applicantId) — a user applies once", "Primary key: (a, b)".
  // Columns joined by "+", "&" or "and" too ("Unique constraint: row_no + col_no"); and a SQL clause
  // after a label in any language ("**Ràng buộc:** UNIQUE(code, year)", "约束：PRIMARY KEY (a, b)").
  const keyLine =
    /^(?:composite\s+)?(unique|primary)(?:\s+(?:constraint|key|index))?s?\s*[:：]\s*(?:(?:unique|primary\s+key)\s*(?=\())?\(?\s*([A-Za-z_]\w*(?:\s*(?:,|\+|&|\band\b)\s*[A-Za-z_]\w*)*)\s*\)?(?=$|\s|[.;,—–-])/i.exec(text) ??
    /^(?:[^:：()]{1,40}[:：]\s*)?(unique|primary\s+key)\s*\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)\s*[.;]?$/i.exec(text);
  if (keyLine && table) {
    const cols = keyLine[2]!.split(/\s*(?:,|\+|&|\band\b)\s*/i);
    const span = md.idx.span(f.offs[text.indexOf(keyLine[2]!)] ?? f.offs[0] ?? 0);
    if (/primary/i.test(keyLine[1]!)) keyOf(md, table, cols, span);
    else table.indexes.push({ columns: cols, unique: true, span });
    return true;
  }
  // "**Check constraint**: followerId != followeeId — a user cannot follow themselves".
  // "Checks (recommended): a IN (0,1); b >= 0": a note in parentheses, several checks split at ";".
  const checkLine = /^check(?:\s+constraint)?s?(?:\s*[(（][^()（）]*[)）])?\s*[:：]\s*(.+?)\s*(?:\s[—–-]\s.*)?$/i.exec(text);
  if (checkLine && table) {
    const at = text.indexOf(checkLine[1]!);
    for (const expr of flatSplit(flatSub(f, at, at + checkLine[1]!.length), ";")) (table.checks ??= []).push({ expression: md.rawText(expr), dialect: "postgresql" });
    return true;
  }
  // "Shared: read-write" / "Shared: read-only": every signed-in user shares the table's rows.
  const sharedMarker = /^(?:shared|access)\s*:\s*(read[-\s]?only|read|read[-\s]?write|yes|true|all\s+users)\s*\.?$/i.exec(text);
  if (sharedMarker && table) {
    table.shared = /write|yes|true|all/i.test(sharedMarker[1]!) ? "read-write" : "read";
    return true;
  }
  const rls = /^row[- ]level security\s*:\s*(on|off|yes|no|true|false|enabled|disabled)\s*\.?$/i.exec(text);
  if (rls) {
    md.rowLevelSecurity = /^(on|yes|true|enabled)$/i.test(rls[1]!);
    return true;
  }
  if (/^identity(\s+table)?\s*(:\s*(yes|true))?\s*\.?$/i.test(text) && table) {
    table.identity = true;
    return true;
  }
  if (enumLine(md, f)) return true;
  if (table && tableRuleLine(md, f, table)) return true;
  // "## Lamp" (its columns) over "### Uniqueness" over a rule line: the sub-heading read as a table
  // of no columns yet; a rule naming the columns of the table above it is that table's.
  const parent = table && table.columns.length === 0 ? tableAbove(md, table) : undefined;
  if (parent && tableRuleLine(md, f, parent)) return true;
  return false;
}

/** The table whose section holds the section of `table` (the nearest one below it on the stack), if it has columns. */
function tableAbove(md: MarkdownReader, table: TableDraft): TableDraft | undefined {
  let seen = false;
  for (let i = md.stack.length - 1; i >= 0; i--) {
    const e = md.stack[i]!;
    if (e.kind !== "table" || !e.table) continue;
    if (!seen) {
      if (e.table !== table) return undefined;
      seen = true;
      continue;
    }
    return e.table.columns.length > 0 ? e.table : undefined;
  }
  return undefined;
}

/**
 * "DoorState: Open, Shut, Locked", "OrderStatus = pending | paid": a line declaring an enum by
 * a type-like name (two capitalised words run together, or a name ending in Status, State,
 * Type, Kind, Role or Level; under an "Enums" heading, any capitalised name). A column may then
 * name it ("see DoorState"), or be an "enum" of its own name.
 */
function enumLine(md: MarkdownReader, f: Flat): boolean {
  const m = ENUM_LINE.exec(f.text) ?? (md.stack.some((x) => x.kind === "values") ? ENUM_LINE_IN_VALUES.exec(f.text) : null);
  if (!m) return false;
  const at = f.text.indexOf(m[2]!, m[1]!.length);
  const values = splitEnumValues(m[2]!.replace(/\s*\/\s*/g, ", ").replace(/[.;]$/, ""));
  if (!values || new Set(values.map((v) => v.text)).size !== values.length) return false;
  const name = md.rawText(flatSub(f, f.text.indexOf(m[1]!), f.text.indexOf(m[1]!) + m[1]!.length));
  // A "/" separated list is read with commas in its place, one character for one.
  md.enums.push({ name, values: values.map((v) => md.rawText(flatSub(f, at + v.at, at + v.at + v.text.length))) });
  return true;
}
