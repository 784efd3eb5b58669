// Markdown spec -> RawSpec. A real parser (mdast + GFM) gives the blocks and their
// positions; each block is then read on its own (a table row, a list item, a SQL
// statement), so every text we keep carries the exact line:column it was written at.
import { markdownTree } from "./markdown-tree.js";
import { blockLanguage, loadReaders, type Language, type Readers } from "./readers.js";
import type { Code, Heading, Root, List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent, Table } from "mdast";
import type { Diagnostic } from "../diagnostics.js";
import type { Span } from "../ir/types.js";
import { plural, singular, snakeCase } from "../ir/naming.js";
import type { RawColumn, RawEndpoint, RawIndex, RawQueryParam, RawSpec, RawTable, RawText } from "./raw.js";
import { readSqlModel } from "./parse-sqlmodel.js";
import { describe as describeParam, isQueryLabel, parseParamItem } from "./query-params.js";
import { matchParen } from "./text.js";

export type SpecKind = "schema" | "api";

export interface ParseResult {
  readonly raw: RawSpec;
  readonly diagnostics: Diagnostic[];
  /** Guesses the reader made (same shape as build-ir's Note). */
  readonly notes: { readonly span: Span; readonly message: string }[];
}

/**
 * First words of the types a bullet-list column may have. Only used to recognise the
 * shape "name: type ..."; what a type means is decided by the IR builder (a unit test
 * checks that every word here is understood there).
 */
export const TYPE_HEAD_WORDS: readonly string[] = [
  "string", "str", "varchar", "nvarchar", "char", "character", "text", "citext", "longtext", "mediumtext",
  "int", "integer", "int2", "int4", "int8", "smallint", "tinyint", "mediumint", "bigint", "biginteger", "long",
  "serial", "smallserial", "bigserial", "uuid", "guid", "bool", "boolean",
  "timestamp", "timestamps", "timestamptz", "datetime", "date", "decimal", "numeric", "money",
  "float", "float4", "float8", "double", "real", "number", "json", "jsonb", "enum",
];
const TYPE_HEAD = new Set(TYPE_HEAD_WORDS);

// ---------------------------------------------------------------- positions

/** Offset <-> line:column for one source text. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly src: string, readonly file: string) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  span(offset: number): Span {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.src.length;
  }
  lineText(line: number): string {
    const s = this.lineStart(line);
    const e = this.starts[line] ?? this.src.length + 1;
    return this.src.slice(s, e - 1);
  }
}

/** A piece of text with the source offset of each character (offs has one extra, the end). */
interface Flat {
  readonly text: string;
  readonly offs: readonly number[];
}

function flatSub(f: Flat, start: number, end = f.text.length): Flat {
  return { text: f.text.slice(start, end), offs: f.offs.slice(start, end + 1) };
}

function flatTrim(f: Flat): Flat {
  let s = 0;
  let e = f.text.length;
  while (s < e && /\s/.test(f.text[s]!)) s++;
  while (e > s && /\s/.test(f.text[e - 1]!)) e--;
  return flatSub(f, s, e);
}

function flatConcat(parts: Flat[]): Flat {
  let text = "";
  const offs: number[] = [];
  for (const p of parts) {
    text += p.text;
    offs.push(...p.offs.slice(0, p.text.length));
  }
  const last = parts[parts.length - 1];
  offs.push(last ? last.offs[last.text.length]! : 0);
  return { text, offs };
}

/** Split at top-level separators (not inside parentheses, brackets or quotes). */
function flatSplit(f: Flat, seps: string): Flat[] {
  const out: Flat[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < f.text.length; i++) {
    const c = f.text[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (depth === 0 && seps.includes(c)) {
      out.push(flatSub(f, start, i));
      start = i + 1;
    }
  }
  out.push(flatSub(f, start));
  return out.map(flatTrim).filter((p) => p.text.length > 0);
}

// ---------------------------------------------------------------- the reader

const METHOD_RE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/i;

interface TableDraft {
  name: RawText;
  description?: string;
  columns: RawColumn[];
  indexes: RawIndex[];
  owner?: RawText;
  renamedFrom?: RawText;
  identity?: boolean;
  /** true once the draft has been returned (it had columns). */
  hasDefs: boolean;
  /** How the name was derived, reported only if the section turns out to be a table. */
  nameNote?: { span: Span; message: string };
}

interface SectionEntry {
  depth: number;
  kind: "table" | "indexes" | "endpoint" | "other";
  table?: TableDraft;
  endpoint?: EndpointDraft;
  /** Heading text without numbering, used as a summary for endpoints written under it. */
  title: string;
  /** Section title span. */
  span: Span;
  /** Whether the first paragraph of the section has been consumed (description / summary). */
  sawParagraph: boolean;
  /** A bold paragraph standing in for a heading ("**Users Table**"). */
  pseudo: boolean;
}

interface EndpointDraft {
  method: RawText;
  path: RawText;
  summary?: string;
  auth?: "public" | "required";
  status?: number;
  query?: RawQueryParam[];
  envelope?: { items: string; total: string | null };
}

export async function parseMarkdown(src: string, file: string, kind: SpecKind): Promise<ParseResult> {
  const root = markdownTree(src);
  // The formal languages the document holds decide which readers (and parsers) load.
  const langs = new Set<Language>();
  for (const node of root.children) {
    if (node.type === "code") {
      const l = blockLanguage(node.lang ?? "", node.value);
      if (l) langs.add(l);
    }
  }
  const readers = langs.size ? await loadReaders(langs) : {};
  return new MarkdownReader(src, file, kind, readers).read(root);
}

class MarkdownReader {
  private readonly idx: LineIndex;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly notes: { span: Span; message: string }[] = [];
  private readonly tables: TableDraft[] = [];
  private readonly specIndexes: RawIndex[] = [];
  private readonly endpoints: EndpointDraft[] = [];
  private authMode: RawText | undefined;
  private stack: SectionEntry[] = [];
  private pendingNameNote: { span: Span; message: string } | undefined;
  private lastLabel: string | null = null;
  /** Python SQLModel blocks, read after the document so they can defer to tables written otherwise. */
  private readonly pythonBlocks: Code[] = [];
  /** The endpoint whose "Query Parameters" label or heading came last: the next list or table lists them. */
  private queryFor: EndpointDraft | null = null;
  /** "Row-level security: off" in the schema. */
  private rowLevelSecurity: boolean | undefined;

  constructor(
    private readonly src: string,
    private readonly file: string,
    private readonly kind: SpecKind,
    private readonly readers: Readers,
  ) {
    this.idx = new LineIndex(src, file);
  }

  read(root: Root): ParseResult {
    for (const node of root.children) this.block(node);
    for (const node of this.pythonBlocks) this.python(node);
    for (const t of this.tables) if (t.columns.length > 0 && t.nameNote) this.notes.push(t.nameNote);
    const tables: RawTable[] = this.tables
      .filter((t) => t.columns.length > 0)
      .map((t) => ({
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        columns: t.columns,
        indexes: t.indexes,
        ...(t.owner ? { owner: t.owner } : {}),
        ...(t.identity ? { identity: true } : {}),
        ...(t.renamedFrom ? { renamedFrom: t.renamedFrom } : {}),
      }));
    // Indexes written inside a section that never became a table belong to nobody yet.
    for (const t of this.tables) {
      if (t.columns.length === 0 && t.indexes.length > 0) {
        for (const i of t.indexes) this.specIndexes.push({ ...i, table: i.table ?? t.name.text });
      }
    }
    const endpoints: RawEndpoint[] = this.endpoints.map((e) => ({
      method: e.method,
      path: e.path,
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.auth ? { auth: e.auth } : {}),
      ...(e.status !== undefined ? { status: e.status } : {}),
      ...(e.query ? { query: e.query } : {}),
      ...(e.envelope ? { envelope: e.envelope } : {}),
    }));
    return {
      raw: {
        tables,
        indexes: this.specIndexes,
        endpoints,
        ...(this.authMode ? { authMode: this.authMode } : {}),
        ...(this.rowLevelSecurity !== undefined ? { rowLevelSecurity: this.rowLevelSecurity } : {}),
      },
      diagnostics: this.diagnostics,
      notes: this.notes,
    };
  }

  // -------------------------------------------------------------- helpers

  private warn(code: string, message: string, span: Span, hint?: string, severity: "warning" | "error" = "warning") {
    this.diagnostics.push({ severity, code, message, span, ...(hint ? { hint } : {}) });
  }

  private startOf(node: Nodes): number {
    return node.position?.start.offset ?? 0;
  }

  private endOf(node: Nodes): number {
    return node.position?.end.offset ?? this.startOf(node);
  }

  /** Plain text of inline content, each character mapped back to its source offset. */
  private flat(nodes: readonly PhrasingContent[], fallback = 0): Flat {
    const parts: Flat[] = [];
    for (const n of nodes) {
      switch (n.type) {
        case "text":
          parts.push(this.align(n.value, this.startOf(n), this.endOf(n)));
          break;
        case "inlineCode": {
          const s = this.startOf(n);
          const slice = this.src.slice(s, this.endOf(n));
          const at = slice.indexOf(n.value);
          parts.push(at >= 0 ? this.plain(n.value, s + at) : this.align(n.value, s, this.endOf(n)));
          break;
        }
        case "strong":
        case "emphasis":
        case "delete":
        case "link":
        case "linkReference":
          parts.push(this.flat(n.children, this.startOf(n)));
          break;
        case "break":
          parts.push(this.plain(" ", this.startOf(n)));
          break;
        case "html":
          parts.push(this.plain(n.value, this.startOf(n)));
          break;
        default:
          break;
      }
    }
    if (parts.length === 0) return { text: "", offs: [nodes[0] ? this.startOf(nodes[0]) : fallback] };
    return flatConcat(parts);
  }

  private plain(text: string, start: number): Flat {
    const offs: number[] = [];
    for (let i = 0; i <= text.length; i++) offs.push(start + i);
    return { text, offs };
  }

  /** Map a decoded text value onto its source slice, skipping escapes the parser removed. */
  private align(value: string, start: number, end: number): Flat {
    const slice = this.src.slice(start, end);
    if (slice === value) return this.plain(value, start);
    const offs: number[] = [];
    let j = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i]!;
      let k = j;
      while (k < slice.length && slice[k] !== c) k++;
      if (k < slice.length) {
        offs.push(start + k);
        j = k + 1;
      } else offs.push(start + Math.min(j, slice.length));
    }
    offs.push(start + Math.min(j, slice.length));
    return { text: value, offs };
  }

  private rawText(f: Flat): RawText {
    return { text: f.text, span: this.idx.span(f.offs[0] ?? 0) };
  }

  /** Source of a block with whitespace collapsed: used for descriptions and summaries. */
  private sourceText(node: Nodes): string {
    return this.src.slice(this.startOf(node), this.endOf(node)).replace(/\s+/g, " ").trim();
  }

  private currentTable(): TableDraft | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "table") return e.table;
    }
    return undefined;
  }

  private inIndexesSection(): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "indexes") return true;
      if (e.kind === "table") return false;
    }
    return false;
  }

  private currentEndpointSection(): SectionEntry | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "endpoint") return e;
    }
    return undefined;
  }

  private top(): SectionEntry | undefined {
    return this.stack[this.stack.length - 1];
  }

  // -------------------------------------------------------------- blocks

  private block(node: RootContent): void {
    switch (node.type) {
      case "heading":
        this.heading(node);
        this.lastLabel = null;
        return;
      case "paragraph":
        this.paragraph(node);
        return;
      case "list":
        this.list(node);
        this.lastLabel = null;
        return;
      case "table":
        this.table(node);
        this.lastLabel = null;
        return;
      case "code":
        this.code(node);
        return;
      case "blockquote":
        for (const c of node.children) this.block(c);
        return;
      default:
        return;
    }
  }

  private heading(node: Heading): void {
    const f = flatTrim(this.flat(node.children, this.startOf(node)));
    this.openSection(node.depth, f, false);
  }

  private openSection(depth: number, f: Flat, pseudo: boolean): void {
    while (this.stack.length > 0 && this.top()!.depth >= depth) this.stack.pop();
    const span = this.idx.span(f.offs[0] ?? 0);
    const title = f.text.replace(/^\s*(?:\d+(?:\.\d+)*[.)]?\s+)/, "").trim();
    const entry: SectionEntry = { depth, kind: "other", title, span, sawParagraph: false, pseudo };
    if (this.kind === "api") {
      const parent = this.currentEndpointSection();
      if (parent?.endpoint) this.scanEndpointText(parent.endpoint, f.text);
      this.queryFor = parent?.endpoint && isQueryLabel(title) ? parent.endpoint : null;
      const ep = this.endpointHeading(f);
      if (ep) {
        entry.kind = "endpoint";
        entry.endpoint = ep;
      }
    } else {
      const tableName = pseudo ? this.pseudoTableName(f) : this.tableName(f);
      if (/^(indexes|indices|index|indici|índices|indexes and constraints)\b/i.test(title)) entry.kind = "indexes";
      // "#### Notes" under "### tasks" is part of the tasks section; "## notes" on its own may be a table.
      else if (tableName && !(SECTION_WORDS.has(tableName.text) && this.currentTable())) {
        entry.kind = "table";
        const draft: TableDraft = { name: tableName, columns: [], indexes: [], hasDefs: false };
        if (this.pendingNameNote) draft.nameNote = this.pendingNameNote;
        if (/\(\s*identity\s*(table)?\s*\)/i.test(title)) draft.identity = true;
        entry.table = draft;
        this.tables.push(draft);
      }
    }
    this.stack.push(entry);
  }

  /** "## tasks", "### 1. `users` Table", "### Table: tasks", "## Task Model", "### users (managed by X)". */
  private tableName(f: Flat): RawText | null {
    let s = 0;
    let e = f.text.length;
    const text = f.text;
    const lead = /^\s*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:table\s*\d*\s*[:.\-–—]\s*|table\s+)?/i.exec(text);
    if (lead) s = lead[0].length;
    // Drop a trailing parenthetical or dash remark: "users (Managed by Better Auth)".
    const rest = text.slice(s);
    const cut = /\s*(?:\(|\s[-–—]\s)/.exec(rest);
    if (cut) e = s + cut.index;
    let core = text.slice(s, e).trim();
    const coreStart = s + (text.slice(s, e).length - text.slice(s, e).trimStart().length);
    let model = false;
    const suffix = /\s+(table|model|entity|collection)$/i.exec(core);
    if (suffix) {
      model = !/table/i.test(suffix[1]!);
      core = core.slice(0, suffix.index);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(core)) return null;
    let name = snakeCase(core);
    const span = this.idx.span(f.offs[coreStart] ?? f.offs[0] ?? 0);
    this.pendingNameNote = undefined;
    if (model && singular(name) === name) {
      name = plural(name);
      this.pendingNameNote = { span, message: `model "${core}" read as table "${name}" (plural of the model name)` };
    } else if (name !== core.toLowerCase()) {
      this.pendingNameNote = { span, message: `table "${core}" read as "${name}" (snake_case)` };
    }
    return { text: name, span };
  }

  /** A bold paragraph acting as a heading: "**Users Table** (Aggregate Root)". */
  private pseudoTableName(f: Flat): RawText | null {
    const m = /^(.*?\s+(?:table|model|entity))\b/i.exec(f.text);
    if (!m) return null;
    return this.tableName(flatSub(f, 0, m[1]!.length));
  }

  private endpointHeading(f: Flat): EndpointDraft | null {
    const m = /^\s*(?:\d+[.)]\s*)?([A-Za-z]+)\s+(\S+)/.exec(f.text);
    if (!m || !METHOD_RE.test(m[1]!) || m[1]!.length !== METHOD_RE.exec(m[1]!)![0].length) return null;
    const mStart = m[0].indexOf(m[1]!, m[0].length - m[0].trimStart().length);
    const pStart = m.index + m[0].length - m[2]!.length;
    const method = this.rawText(flatSub(f, mStart, mStart + m[1]!.length));
    if (!m[2]!.startsWith("/")) {
      if (m[1] === m[1]!.toUpperCase()) {
        this.warn("SF208", `endpoint heading "${f.text}" has no path starting with "/"`, method.span,
          'write it as "### GET /api/{user_id}/tasks"');
      }
      return null;
    }
    const path = this.rawText(flatSub(f, pStart, pStart + m[2]!.length));
    const draft: EndpointDraft = { method, path };
    this.endpoints.push(draft);
    return draft;
  }

  private paragraph(node: Paragraph): void {
    const f = flatTrim(this.flat(node.children, this.startOf(node)));
    const text = f.text;
    const top = this.top();
    if (this.kind === "api") {
      const sec = this.currentEndpointSection();
      if (sec?.endpoint) {
        if (!sec.sawParagraph && sec === top) {
          sec.sawParagraph = true;
          if (!sec.endpoint.summary) sec.endpoint.summary = this.sourceText(node);
        }
        this.scanEndpointText(sec.endpoint, text);
        if (isQueryLabel(text)) this.queryFor = sec.endpoint;
        else if (/:\s*$/.test(text)) this.queryFor = null;
        return;
      }
      // "Authentication: external (Better Auth)" or "Auth mode: built-in", outside any endpoint.
      const am = /^auth(?:entication)?(?:\s+mode)?\s*:\s*(\S.*?)\s*\.?$/i.exec(text);
      if (am && !this.authMode) {
        const at = text.indexOf(am[1]!, text.indexOf(":") + 1);
        this.authMode = this.rawText(flatSub(f, at, at + am[1]!.length));
        return;
      }
      // "**Endpoint**: `GET /api/tasks`" under a heading that names the operation.
      const m = /^(?:endpoint|route|url|path|request)\s*:?\s*(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)/i.exec(text);
      if (m && top && top.kind === "other") {
        const path = m[2]!.replace(/[.,;:)]+$/, "").replace(/\?.*$/, "");
        const mi = m[0].lastIndexOf(m[1]!, m[0].length - m[2]!.length);
        this.endpointInSection(top, f, mi, m[1]!.length, path.length);
      }
      return;
    }
    // Schema file.
    const table = this.currentTable();
    const first = node.children[0];
    if (first?.type === "strong") {
      const pseudo = this.pseudoTableName(f);
      if (pseudo && /^(.*?\s+(?:table|model|entity))\b/i.exec(text)?.[1] === this.flat(first.children).text.trim()) {
        const depth = (this.lastRealDepth() ?? 1) + 1;
        this.openSection(depth, f, true);
        this.lastLabel = null;
        return;
      }
    }
    const tableMarker = /^table\s*:\s*([A-Za-z_]\w*)\s*$/i.exec(text);
    if (tableMarker && table) {
      const at = text.lastIndexOf(tableMarker[1]!);
      table.name = this.rawText(flatSub(f, at, at + tableMarker[1]!.length));
      return;
    }
    const ownerMarker = /^(?:owner|owned by|owner column)\s*:\s*([A-Za-z_]\w*)\s*\.?$/i.exec(text);
    if (ownerMarker && table) {
      const at = text.lastIndexOf(ownerMarker[1]!);
      table.owner = this.rawText(flatSub(f, at, at + ownerMarker[1]!.length));
      return;
    }
    const renameMarker = /^(?:renamed|formerly|previously)(?:\s+(?:from|named|called))?\s*:?\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\.?$/i.exec(text);
    if (renameMarker && table) {
      const at = text.lastIndexOf(renameMarker[1]!);
      table.renamedFrom = this.rawText(flatSub(f, at, at + renameMarker[1]!.length));
      return;
    }
    const rls = /^row[- ]level security\s*:\s*(on|off|yes|no|true|false|enabled|disabled)\s*\.?$/i.exec(text);
    if (rls) {
      this.rowLevelSecurity = /^(on|yes|true|enabled)$/i.test(rls[1]!);
      return;
    }
    if (/^identity(\s+table)?\s*(:\s*(yes|true))?\s*\.?$/i.test(text) && table) {
      table.identity = true;
      return;
    }
    // "Indexes:", "**Fields:**", "Recommended indexes:" label the list that follows.
    if (/:\s*$/.test(text) && text.length < 60) {
      this.lastLabel = text.replace(/:\s*$/, "").trim().toLowerCase();
      return;
    }
    this.lastLabel = null;
    if (top && top.kind === "table" && top.table && !top.sawParagraph && top.table.columns.length === 0) {
      top.sawParagraph = true;
      if (!top.table.description) top.table.description = this.sourceText(node);
    }
  }

  private lastRealDepth(): number | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (!this.stack[i]!.pseudo) return this.stack[i]!.depth;
    return undefined;
  }

  private endpointInSection(sec: SectionEntry, f: Flat, mi: number, mLen: number, pLen: number): void {
    if (sec.endpoint) return;
    let pi = mi + mLen;
    while (pi < f.text.length && /\s/.test(f.text[pi]!)) pi++;
    const draft: EndpointDraft = {
      method: this.rawText(flatSub(f, mi, mi + mLen)),
      path: this.rawText(flatSub(f, pi, pi + pLen)),
      ...(sec.title ? { summary: sec.title } : {}),
    };
    this.endpoints.push(draft);
    sec.kind = "endpoint";
    sec.endpoint = draft;
    sec.sawParagraph = true;
  }

  /** Explicit success status ("Responds 201", "201 Created") and public access. */
  private scanEndpointText(ep: EndpointDraft, text: string): void {
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

  private list(node: List): void {
    if (this.kind === "api") {
      const sec = this.currentEndpointSection();
      if (sec?.endpoint && this.queryFor === sec.endpoint) {
        for (const item of node.children) this.queryItem(sec.endpoint, this.itemFlat(item));
        this.queryFor = null;
        return;
      }
      // "- `GET /api/notes` — list my notes": a list of endpoints, one per item.
      const listed = node.children.map((item) => ({ f: this.itemFlat(item), m: null as RegExpExecArray | null }));
      for (const l of listed) l.m = /^(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s`]*)/.exec(l.f.text);
      if (listed.some((l) => l.m)) {
        for (const { f, m } of listed) {
          if (!m) {
            if (/^[A-Z]{3,7}\s+\//.test(f.text))
              this.warn("SF208", `endpoint item "${short(f.text)}" is not understood`, this.idx.span(f.offs[0] ?? 0), "write METHOD /path");
            continue;
          }
          const pathAt = m[0].length - m[2]!.length;
          const rest = f.text.slice(m[0].length).replace(/^[\s`]*(?:[-–—:]\s*)?/, "").trim();
          const draft: EndpointDraft = {
            method: this.rawText(flatSub(f, 0, m[1]!.length)),
            path: this.rawText(flatSub(f, pathAt, pathAt + m[2]!.length)),
            ...(rest ? { summary: rest } : {}),
          };
          this.scanEndpointText(draft, rest);
          this.endpoints.push(draft);
        }
        return;
      }
      if (sec?.endpoint) for (const item of node.children) this.scanEndpointText(sec.endpoint, this.itemFlat(item).text);
      return;
    }
    const table = this.currentTable();
    const label = this.lastLabel;
    if (this.inIndexesSection() || (label && /\bind(ex|ices|exes)\b|\bindici\b/.test(label))) {
      for (const item of node.children) this.indexItem(item, table);
      return;
    }
    if (!table) return;
    if (label && !/^(fields|columns|attributes|properties|schema|columns and types)\b/.test(label)) return;
    // Unlabelled or "Fields:": a column list when at least one item reads as a column.
    const parsed = node.children.map((item) => ({
      item,
      col: /^\s*(?:(?:unique|composite)\s+)?(?:index|constraint|key|unique)\b/i.test(this.itemFlat(item).text) ? null : this.columnItem(item),
    }));
    const anyKnown = parsed.some((p) => p.col && p.col.known);
    if (!anyKnown) return;
    for (const p of parsed) {
      if (p.col) table.columns.push(...p.col.columns);
      else {
        const f = this.itemFlat(p.item);
        // "Primary key: (a, b)": a table-level key, as SQL's PRIMARY KEY (a, b).
        const pk = /^primary\s+key\s*:?\s*\(([^)]*)\)\s*$/i.exec(f.text.replace(/`/g, ""));
        if (pk) {
          const phrase = this.rawText(f);
          for (const name of pk[1]!.split(",").map((x) => x.trim().replace(/^["`]|["`]$/g, "")).filter(Boolean)) {
            const c = table.columns.findIndex((x) => x.name.text === name);
            if (c < 0) {
              this.warn("SF113", `primary key names column "${name}", which table "${table.name.text}" does not define`, phrase.span);
              continue;
            }
            const old = table.columns[c]!;
            table.columns[c] = { ...old, constraints: [...old.constraints, { text: "primary key", span: phrase.span }] };
          }
          continue;
        }
        const idx = this.indexFromText(f, table, true);
        if (idx) table.indexes.push(idx);
        else if (f.text.trim())
          this.warn("SF113", `list item "${short(f.text)}" in table "${table.name.text}" is not understood as a column`,
            this.idx.span(f.offs[0] ?? 0), 'write a column as "- name: type (constraint, constraint)"');
      }
    }
  }

  private itemFlat(item: ListItem): Flat {
    const para = item.children.find((c): c is Paragraph => c.type === "paragraph");
    if (!para) return { text: "", offs: [this.startOf(item)] };
    return flatTrim(this.flat(para.children, this.startOf(para)));
  }

  /**
   * One bullet as a column (or several: "created_at, updated_at: Timestamps").
   * Shapes: "name: type (c, c) - description", "name: type, c, c", "name (type, c) - description",
   * "name: type — c, c".
   */
  private columnItem(item: ListItem): { columns: RawColumn[]; known: boolean } | null {
    const f = this.itemFlat(item);
    const m = /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?::\s*|(?=\())/.exec(f.text);
    if (!m) return null;
    const names = [...m[1]!.matchAll(/[A-Za-z_]\w*/g)].map((x) => this.rawText(flatSub(f, x.index, x.index + x[0].length)));
    let rest = flatSub(f, m[0].length);
    let type: Flat | null = null;
    const constraints: Flat[] = [];
    let description: string | undefined;
    if (rest.text.startsWith("(")) {
      // name (type, c, c) tail
      const close = matchParen(rest.text, 0);
      if (close < 0) return null;
      const inner = flatSplit(flatSub(rest, 1, close), ",");
      if (inner.length === 0) return null;
      type = inner[0]!;
      constraints.push(...inner.slice(1));
      rest = flatTrim(flatSub(rest, close + 1));
    } else {
      const tm = /^[A-Za-z][\w]*(?:\([^)]*\)|\s+\(\s*\d+(?:\s*,\s*\d+)*\s*\))?(?:\s+(?:with|without)\s+time\s+zone|\s+precision|\s+varying\s*(?:\([^)]*\))?)?(?:\[\])?\??/.exec(rest.text);
      if (!tm) return null;
      type = flatSub(rest, 0, tm[0].length);
      rest = flatTrim(flatSub(rest, tm[0].length));
      if (rest.text.startsWith("(")) {
        const close = matchParen(rest.text, 0);
        if (close > 0) {
          constraints.push(...flatSplit(flatSub(rest, 1, close), ","));
          rest = flatTrim(flatSub(rest, close + 1));
        }
      }
    }
    // Tail: ", c, c", "c c - description", "- description" or "— c, c".
    const dash = /(?:^|\s)(?:-|–|—|:)\s/.exec(" " + rest.text + " ");
    let head = rest;
    let tail: Flat | null = null;
    if (dash) {
      const at = Math.max(0, dash.index);
      head = flatTrim(flatSub(rest, 0, at));
      tail = flatTrim(flatSub(rest, Math.min(rest.text.length, at + dash[0].length - 1)));
    }
    if (head.text) constraints.push(...flatSplit(head.text.startsWith(",") ? flatSub(head, 1) : head, ","));
    if (tail && tail.text) {
      const pieces = flatSplit(tail, ",");
      if (pieces.length > 0 && pieces.every((p) => CONSTRAINT_PIECE.test(p.text))) constraints.push(...pieces);
      else description = tail.text;
    }
    const typeHead = /^[A-Za-z]\w*/.exec(type.text)?.[0].toLowerCase() ?? "";
    const known = TYPE_HEAD.has(typeHead);
    const rawType = this.rawText(type);
    const rawConstraints = constraints.map((c) => this.rawText(c));
    return {
      known,
      columns: names.map((name) => ({
        name,
        type: rawType,
        constraints: rawConstraints,
        ...(description ? { description } : {}),
      })),
    };
  }

  private indexItem(item: ListItem, table: TableDraft | undefined): void {
    const f = this.itemFlat(item);
    const idx = this.indexFromText(f, table, false);
    if (idx) {
      if (table && (!idx.table || idx.table === table.name.text)) {
        const { table: _t, ...own } = idx;
        table.indexes.push(own);
      } else this.specIndexes.push(idx);
      return;
    }
    this.warn("SF113", `index "${short(f.text)}" is not understood`, this.idx.span(f.offs[0] ?? 0),
      'write an index as "(a, b)", "unique (a, b)", "tasks.user_id" or "idx_name on tasks(a, b)"');
  }

  /**
   * "(a, b)", "unique (a, b)", "tasks.user_id", "idx_name on tasks(user_id)", "tasks (a, b)",
   * "Composite index on (a, b)", "Unique index on email", "Index: (a, b)".
   */
  private indexFromText(f: Flat, table: TableDraft | undefined, strict: boolean): RawIndex | null {
    // The definition ends where a description starts.
    // "idx_user_id: Index on user_id for ..." -> the part after the name.
    const named = /^([A-Za-z_]\w*)\s*:\s*(?=(?:unique\s+|composite\s+)*index\b)/i.exec(f.text);
    const body = named ? f.text.slice(named[0].length) : f.text;
    const dash = /\s(?:-|–|—)\s|\s+\((?:for|used)\b|\s+(?:for|to|so|used)\s|\s*:\s+(?=[A-Z][a-z])/.exec(body);
    const headText = dash ? body.slice(0, dash.index) : body;
    const unique = /\bunique\b/i.test(f.text);
    const span = this.idx.span(f.offs[0] ?? 0);
    const clean = (cols: string) =>
      cols
        .split(",")
        .map((c) => c.trim().replace(/\s+(asc|desc)$/i, "").replace(/^[`"]|[`"]$/g, "").trim())
        .filter(Boolean);
    let m = /^(?:(?:unique|composite|recommended)\s+)*(?:(?:index|constraint|key)\s*(?:on)?\s*:?\s*)?(?:([A-Za-z_]\w*)\s+on\s+)?(?:([A-Za-z_]\w*)\s*)?\(([^)]*)\)/i.exec(headText);
    if (m && (!m[2] || !/^(unique|index|composite|on)$/i.test(m[2]))) {
      const cols = clean(m[3]!);
      if (cols.length > 0 && cols.every((c) => /^[A-Za-z_]\w*$/.test(c))) {
        return {
          columns: cols,
          unique,
          ...(m[1] ? { name: m[1] } : {}),
          ...(m[2] ? { table: snakeCase(m[2]) } : {}),
          span,
        };
      }
    }
    m = /^(?:(?:unique|composite)\s+)?(?:index\s+)?([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b/i.exec(headText);
    if (m) return { columns: [m[2]!], unique, table: snakeCase(m[1]!), span };
    m = /^(?:(?:unique|composite)\s+)*(?:index|constraint)\s*(?:on\s+|:\s*)([A-Za-z_]\w*(?:\s*(?:,|and)\s*[A-Za-z_]\w*)*)\s*\.?$/i.exec(headText.replace(/`/g, ""));
    if (m && table) return { columns: m[1]!.split(/\s*(?:,|\band\b)\s*/).filter(Boolean), unique, ...(named ? { name: named[1]! } : {}), span };
    if (strict) return null;
    return null;
  }

  private table(node: Table): void {
    const rows = node.children;
    const headerRow = rows[0];
    if (!headerRow) return;
    const headers = headerRow.children.map((c) => this.flat(c.children).text.trim().toLowerCase().replace(/[`*_]/g, ""));
    if (this.kind === "api") {
      const sec = this.currentEndpointSection();
      if (sec?.endpoint && (this.queryFor === sec.endpoint || headers.some((h) => /^(query )?param(eter)?s?$/.test(h)))) {
        this.queryTable(sec.endpoint, node, headers);
        this.queryFor = null;
        return;
      }
      this.endpointTable(node, headers);
      return;
    }
    const col = (re: RegExp) => headers.findIndex((h) => re.test(h));
    const nameCol = col(/^(column|field|name|attribute|column name|field name|property)$/);
    const typeCol = col(/^(type|data type|datatype|sql type|column type|postgres type|db type)$/);
    const idxCols = col(/^(columns|column\(s\)|column s|fields|indexed columns)$/);
    const idxName = col(/^(index|index name|name)$/);
    const indexish = headers.some((h) => /^(index|index name)$/.test(h)) || this.inIndexesSection();
    if (idxCols >= 0 && indexish) {
      this.indexTable(node, headers, idxCols, idxName);
      return;
    }
    const table = this.currentTable();
    if (nameCol < 0 || typeCol < 0 || !table) return;
    const consCol = headers.map((h, i) => (/^(constraints?|attributes|modifiers|rules|key|keys|constraint s)$/.test(h) ? i : -1)).filter((i) => i >= 0);
    const nullCol = col(/^(nullable|null|null\?|nullable\?)$/);
    const reqCol = col(/^(required|required\?|not null)$/);
    const defCol = col(/^(default|default value)$/);
    const descCol = col(/^(description|notes?|comment|comments|purpose|descripción|descrizione)$/);
    for (const row of rows.slice(1)) {
      const cell = (i: number) => {
        const c = row.children[i];
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      const name = cell(nameCol);
      const type = cell(typeCol);
      if (!name || !name.text) continue;
      if (!/^[A-Za-z_][\w]*$/.test(name.text)) {
        this.warn("SF113", `table row "${short(name.text)}" is not understood as a column name`, this.idx.span(name.offs[0] ?? 0),
          "a column name is one word: letters, digits and underscores");
        continue;
      }
      if (!type || !type.text) {
        this.warn("SF113", `column "${name.text}" has no type`, this.idx.span(name.offs[0] ?? 0), 'give the column a type such as "text" or "integer"');
        continue;
      }
      const constraints: RawText[] = [];
      for (const ci of consCol) {
        const c = cell(ci);
        if (c && c.text && !/^[-–—]$/.test(c.text)) constraints.push(...flatSplit(c, ",;").map((p) => this.rawText(p)));
      }
      const n = nullCol >= 0 ? cell(nullCol) : null;
      if (n && n.text) {
        const t = yesNo(n.text);
        if (t !== null) constraints.push({ text: t ? "nullable" : "not null", span: this.idx.span(n.offs[0] ?? 0) });
      }
      const r = reqCol >= 0 ? cell(reqCol) : null;
      if (r && r.text) {
        const t = yesNo(r.text);
        if (t !== null) constraints.push({ text: t ? "not null" : "nullable", span: this.idx.span(r.offs[0] ?? 0) });
      }
      const d = defCol >= 0 ? cell(defCol) : null;
      if (d && d.text && !/^[-–—]$/.test(d.text)) constraints.push({ text: `default ${d.text}`, span: this.idx.span(d.offs[0] ?? 0) });
      const desc = descCol >= 0 ? cell(descCol) : null;
      table.columns.push({
        name: this.rawText(name),
        type: this.rawText(type),
        constraints,
        ...(desc && desc.text ? { description: desc.text } : {}),
      });
    }
  }

  private indexTable(node: Table, headers: string[], colsCol: number, nameCol: number): void {
    const table = this.currentTable();
    const tableCol = headers.findIndex((h) => /^table$/.test(h));
    const typeCol = headers.findIndex((h) => /^(type|kind|unique)$/.test(h));
    for (const row of node.children.slice(1)) {
      const cell = (i: number) => {
        const c = i >= 0 ? row.children[i] : undefined;
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      const cols = cell(colsCol);
      if (!cols || !cols.text) continue;
      const name = cell(nameCol)?.text ?? "";
      const kind = cell(typeCol)?.text ?? "";
      if (/primary|foreign|not null|check|cascade|default/i.test(kind) || /^(primary key|fk\b|foreign)/i.test(name)) continue;
      const list = cols.text
        .replace(/^\(|\)$/g, "")
        .split(",")
        .map((c) => c.trim().replace(/\s+(asc|desc)$/i, ""))
        .filter(Boolean);
      const span = this.idx.span(cols.offs[0] ?? 0);
      if (!list.every((c) => /^[A-Za-z_]\w*$/.test(c))) {
        this.warn("SF113", `index columns "${short(cols.text)}" are not understood`, span, 'list column names separated by commas: "user_id, completed"');
        continue;
      }
      const tname = cell(tableCol)?.text;
      const unique = /unique/i.test(kind) || /^unique|uniq/i.test(name);
      const idx: RawIndex = {
        columns: list,
        unique,
        ...(name && /^[A-Za-z_]\w*$/.test(name) ? { name } : {}),
        ...(tname ? { table: snakeCase(tname) } : {}),
        span,
      };
      if (table && (!idx.table || idx.table === table.name.text)) table.indexes.push(idx);
      else this.specIndexes.push(idx);
    }
  }

  private endpointTable(node: Table, headers: string[]): void {
    const col = (re: RegExp) => headers.findIndex((h) => re.test(h));
    const methodCol = col(/^(method|verb|http method|http)$/);
    const pathCol = col(/^(endpoint|path|route|url|uri|endpoint path)$/);
    if (pathCol < 0) return;
    const descCol = col(/^(description|summary|purpose|descripción|descrizione|action|notes?)$/);
    const statusCol = [/^(status|status codes?|success status|success|response codes?)$/, /^(responses?)$/].map(col).find((i) => i >= 0) ?? -1;
    const authCol = col(/^(auth|authentication|auth required|authorization|requires auth)$/);
    for (const row of node.children.slice(1)) {
      const cell = (i: number) => {
        const c = i >= 0 ? row.children[i] : undefined;
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      let m = methodCol >= 0 ? cell(methodCol) : null;
      let p = cell(pathCol);
      if (!p || !p.text) continue;
      if (!m || !m.text) {
        const mm = /^([A-Za-z]+)\s+(\/\S*)/.exec(p.text);
        if (mm && METHOD_RE.test(mm[1]!)) {
          m = flatSub(p, 0, mm[1]!.length);
          p = flatSub(p, p.text.length - mm[2]!.length);
        }
      }
      if (!m || !METHOD_RE.test(m.text) || !p.text.startsWith("/")) {
        this.warn("SF208", `endpoint row "${short((m?.text ?? "") + " " + p.text)}" is not understood`, this.idx.span((m ?? p).offs[0] ?? 0),
          "each row needs an HTTP method (GET, POST, PUT, PATCH, DELETE) and a path starting with /");
        continue;
      }
      const method = /^\S+/.exec(m.text)![0];
      const path = /^\S+/.exec(p.text)![0];
      const draft: EndpointDraft = {
        method: this.rawText(flatSub(m, 0, method.length)),
        path: this.rawText(flatSub(p, 0, path.length)),
      };
      const desc = cell(descCol);
      if (desc && desc.text) draft.summary = desc.text;
      const st = cell(statusCol);
      const sm = st ? /\b(2\d\d)\b/.exec(st.text) : null;
      if (sm) draft.status = Number(sm[1]);
      const au = cell(authCol);
      if (au && au.text) {
        const t = yesNo(au.text);
        if (t === false || isPublicText(au.text) || /^(none|public|no auth)/i.test(au.text)) draft.auth = "public";
      }
      this.endpoints.push(draft);
    }
  }

  /** One "Query Parameters" list item. */
  private queryItem(ep: EndpointDraft, f: Flat): void {
    const p = parseParamItem(f.text);
    if (!p) return;
    const name = this.rawText(flatSub(f, p.nameAt, p.nameAt + p.name.length));
    (ep.query ??= []).push({ name, values: p.values, text: f.text, ...(p.type ? { type: p.type } : {}), ...(p.default ? { default: p.default } : {}) });
  }

  /** A table of query parameters: Param | Type | Default | Values | Description. */
  private queryTable(ep: EndpointDraft, node: Table, headers: string[]): void {
    const col = (re: RegExp) => headers.findIndex((h) => re.test(h));
    const nameCol = Math.max(col(/^(query )?(param(eter)?|name|field|key)s?$/), 0);
    const valuesCol = col(/^(values?|allowed values|options|enum|accepted values)$/);
    const defCol = col(/^(default|default value)$/);
    for (const row of node.children.slice(1)) {
      const cell = (i: number) => {
        const c = i >= 0 ? row.children[i] : undefined;
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      const n = cell(nameCol);
      const m = n ? /^["'`]?([A-Za-z_][A-Za-z0-9_]*)/.exec(n.text) : null;
      if (!n || !m) continue;
      const others = row.children.map((_, i) => (i === nameCol ? "" : cell(i)?.text ?? "")).join(" | ");
      const vCell = valuesCol >= 0 ? cell(valuesCol)?.text : undefined;
      const dCell = defCol >= 0 ? cell(defCol)?.text : undefined;
      const d = describeParam(row.children.map((_, i) => (i === nameCol || i === valuesCol ? "" : cell(i)?.text ?? "")).join(" , "), vCell || undefined, dCell || undefined);
      const at = n.text.indexOf(m[1]!);
      (ep.query ??= []).push({
        name: this.rawText(flatSub(n, at, at + m[1]!.length)),
        values: d.values,
        text: others,
        ...(d.type ? { type: d.type } : {}),
        ...(d.default ? { default: d.default } : {}),
      });
    }
  }

  /** `{ "tasks": [ {...} ], "total": 3 }` as an example response: the list's envelope. */
  private responseEnvelope(ep: EndpointDraft, value: string): void {
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

  private code(node: Code): void {
    if (this.kind === "api") {
      const sec = this.currentEndpointSection();
      if (sec?.endpoint && /^(json|jsonc)?$/i.test(node.lang ?? "") && node.value.trim().startsWith("{")) this.responseEnvelope(sec.endpoint, node.value);
      const lines = node.value.split("\n").filter((l) => l.trim());
      const top = this.top();
      if (lines.length === 1 && top && top.kind === "other" && !top.endpoint) {
        const m = /^\s*(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s?]*)\s*$/.exec(lines[0]!);
        if (m) {
          const f = this.codeFlat(node);
          const mi = f.text.indexOf(m[1]!);
          this.endpointInSection(top, f, mi, m[1]!.length, m[2]!.length);
        }
      }
      return;
    }
    const lang = (node.lang ?? "").toLowerCase();
    if (/^(python|py)$/.test(lang) && /\btable\s*=\s*True\b/.test(node.value)) {
      this.pythonBlocks.push(node);
      return;
    }
    if (lang && !/^(sql|postgres|postgresql|psql|pgsql|mysql|sqlite|plsql|tsql|ddl)$/.test(lang)) return;
    if (!/\b(create|alter)\s+(table|unique|index)|\bconstraint\b|\bforeign\s+key\b/i.test(node.value)) return;
    new SqlReader(this, this.codeFlat(node)).read();
  }

  /** SQLModel classes; a class restating a table the document already defines is left to that definition. */
  private python(node: Code): void {
    readSqlModel(this.codeFlat(node), {
      table: (name, tableName) => {
        const candidates = [tableName, plural(tableName)];
        const existing = this.tables.find((t) => t.columns.length > 0 && candidates.includes(t.name.text));
        const span = this.idx.span(name.offs[0] ?? 0);
        if (existing) {
          this.notes.push({ span, message: `SQLModel class ${name.text} restates table "${existing.name.text}"; the table written before it is used` });
          return { columns: [], indexes: [] };
        }
        const draft: TableDraft = { name: { text: tableName, span }, columns: [], indexes: [], hasDefs: true };
        this.tables.push(draft);
        return draft;
      },
      text: (f, as) => ({ text: as ?? f.text, span: this.idx.span(f.offs[0] ?? 0) }),
      warn: (message, f) => this.warn("SF113", message, this.idx.span(f.offs[0] ?? 0)),
    });
  }

  /** Text of a code block with each character mapped to its source offset. */
  private codeFlat(node: Code): Flat {
    const startLine = node.position?.start.line ?? 1;
    const lines = node.value.split("\n");
    const offs: number[] = [];
    const fenced = /^\s*(```|~~~)/.test(this.idx.lineText(startLine));
    const first = fenced ? startLine + 1 : startLine;
    lines.forEach((l, i) => {
      const srcLine = this.idx.lineText(first + i);
      const base = this.idx.lineStart(first + i);
      const at = l.length === 0 ? 0 : Math.max(0, srcLine.indexOf(l));
      for (let k = 0; k < l.length; k++) offs.push(base + at + k);
      offs.push(base + at + l.length); // the newline
    });
    return { text: node.value, offs };
  }

  // -------------------------------------------------------------- used by SqlReader

  sqlTable(name: Flat): TableDraft {
    const draft: TableDraft = { name: this.rawText({ text: snakeCase(name.text), offs: name.offs }), columns: [], indexes: [], hasDefs: true };
    this.tables.push(draft);
    return draft;
  }

  sqlContextTable(): TableDraft | undefined {
    return this.currentTable();
  }

  findTable(name: string): TableDraft | undefined {
    const n = snakeCase(name);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]!.name.text === n && this.tables[i]!.columns.length) return this.tables[i];
    return undefined;
  }

  sqlIndex(idx: RawIndex): void {
    const ctx = this.currentTable();
    if (ctx && idx.table === ctx.name.text) {
      const { table: _t, ...rest } = idx;
      ctx.indexes.push(rest);
    } else this.specIndexes.push(idx);
  }

  text(f: Flat): RawText {
    return this.rawText(f);
  }

  span(f: Flat): Span {
    return this.idx.span(f.offs[0] ?? 0);
  }

  sqlWarn(message: string, f: Flat, hint?: string): void {
    this.warn("SF113", message, this.span(f), hint);
  }
}

/** Headings that, inside a table's section, name a part of it rather than another table. */
const SECTION_WORDS = new Set([
  "overview", "constraints", "relationships", "relations", "notes", "note", "triggers", "validation", "purpose",
  "examples", "example", "migrations", "migration", "summary", "tables", "schema", "models", "database",
  "connection", "enums", "types", "views", "functions", "policies", "security", "performance", "tabelle", "tablas",
  "conventions", "glossary", "references", "changelog", "introduction", "description", "details", "seed",
]);

/** A whole short constraint, for telling "- title: string — required" from "- id: uuid - the user's id". */
const CONSTRAINT_PIECE =
  /^(required|optional|nullable|not null|non-null|unique|primary key|pk|indexed|auto[-_ ]?increment(ed)?|fk|foreign key|(fk|foreign key|references)\s*(->|→|to)?\s*[\w.()]+|defaults?( to)?\s*:?\s*\S+|(min|max)(imum)?[ _-]?length\s*:?\s*\d+|(min|max)\s*:?\s*-?\d+(\s*chars)?|on delete (cascade|set null|restrict|no action))\.?$/i;


function isPublicText(text: string): boolean {
  return /\b(public endpoint|public\b(?! key)|no auth(entication)?\s+(is\s+)?(required|needed)|authentication\s*:\s*(none|not required)|does not require auth|without authentication|unauthenticated access)/i.test(
    text,
  );
}

function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (/^(yes|y|true|✓|✔|✅|x|nullable|null|optional)$/.test(t)) return true;
  if (/^(no|n|false|✗|✘|❌|not null|required)$/.test(t)) return false;
  return null;
}


function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

// ---------------------------------------------------------------- SQL

interface Tok {
  kind: "word" | "str" | "num" | "punct" | "qident";
  text: string; // word text (unquoted for qident)
  start: number; // index into the block text
  end: number;
}

/** A small SQL tokenizer: enough for CREATE TABLE / CREATE INDEX / ALTER TABLE ... FOREIGN KEY. */
function tokenizeSql(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "-" && text[i + 1] === "-") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "#" ) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const e = text.indexOf("*/", i + 2);
      i = e < 0 ? text.length : e + 2;
      continue;
    }
    const start = i;
    if (c === "'") {
      i++;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") i += 2;
        else if (text[i] === "'") break;
        else i++;
      }
      i++;
      toks.push({ kind: "str", text: text.slice(start + 1, i - 1).replace(/''/g, "'"), start, end: i });
      continue;
    }
    if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i));
      if (tag) {
        const e = text.indexOf(tag[0], i + tag[0].length);
        i = e < 0 ? text.length : e + tag[0].length;
        toks.push({ kind: "str", text: text.slice(start, i), start, end: i });
        continue;
      }
    }
    if (c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      const e = text.indexOf(close, i + 1);
      if (c === "[" && text[i + 1] === "]") {
        toks.push({ kind: "punct", text: "[]", start, end: i + 2 });
        i += 2;
        continue;
      }
      i = e < 0 ? text.length : e + 1;
      toks.push({ kind: "qident", text: text.slice(start + 1, i - 1), start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[\w$]/.test(text[i]!)) i++;
      toks.push({ kind: "word", text: text.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9.]/.test(text[i]!)) i++;
      toks.push({ kind: "num", text: text.slice(start, i), start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (["<=", ">=", "<>", "!=", "::", "||"].includes(two)) {
      toks.push({ kind: "punct", text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    toks.push({ kind: "punct", text: c, start, end: i + 1 });
    i++;
  }
  return toks;
}

const COLUMN_CONSTRAINT_STARTERS = new Set([
  "not", "null", "primary", "unique", "default", "references", "check", "constraint", "generated",
  "collate", "auto_increment", "autoincrement", "identity", "comment", "on",
]);

class SqlReader {
  private readonly toks: Tok[];
  constructor(
    private readonly md: MarkdownReader,
    private readonly block: Flat,
  ) {
    this.toks = tokenizeSql(block.text);
  }

  private flat(a: number, b: number): Flat {
    return flatSub(this.block, a, b);
  }

  private tokFlat(t: Tok): Flat {
    return t.kind === "qident" ? this.flat(t.start + 1, t.end - 1) : this.flat(t.start, t.end);
  }

  read(): void {
    // Split into statements at top-level semicolons.
    let stmt: Tok[] = [];
    for (const t of this.toks) {
      if (t.kind === "punct" && t.text === ";") {
        if (stmt.length) this.statement(stmt);
        stmt = [];
      } else stmt.push(t);
    }
    if (stmt.length) this.statement(stmt);
  }

  private statement(ts: Tok[]): void {
    const w = (i: number) => (ts[i]?.kind === "word" ? ts[i]!.text.toLowerCase() : "");
    let i = 0;
    if (w(0) === "create") {
      i = 1;
      if (w(i) === "or" && w(i + 1) === "replace") i += 2;
      while (["temp", "temporary", "unlogged", "global", "local"].includes(w(i))) i++;
      if (w(i) === "table") return this.createTable(ts, i + 1);
      if (w(i) === "unique" && w(i + 1) === "index") return this.createIndex(ts, i + 2, true);
      if (w(i) === "index") return this.createIndex(ts, i + 1, false);
      return; // functions, triggers, views, extensions: not our business
    }
    if (w(0) === "alter" && w(1) === "table") return this.alterTable(ts, 2);
    // A table-level constraint quoted on its own under a table's heading.
    if ((w(0) === "constraint" || w(0) === "foreign") && this.md.sqlContextTable()) {
      const t = this.md.sqlContextTable()!;
      this.tableConstraint(t, ts, 0);
    }
  }

  private skipIfNotExists(ts: Tok[], i: number): number {
    const w = (k: number) => ts[k]?.text.toLowerCase();
    if (w(i) === "if" && w(i + 1) === "not" && w(i + 2) === "exists") return i + 3;
    return i;
  }

  /** name or schema.name; returns the last part. */
  private qualifiedName(ts: Tok[], i: number): { tok: Tok; next: number } | null {
    let tok = ts[i];
    if (!tok || (tok.kind !== "word" && tok.kind !== "qident")) return null;
    let next = i + 1;
    while (ts[next]?.text === "." && ts[next + 1]) {
      tok = ts[next + 1]!;
      next += 2;
    }
    return { tok, next };
  }

  private parenGroup(ts: Tok[], open: number): { inner: Tok[]; close: number } | null {
    if (ts[open]?.text !== "(") return null;
    let depth = 0;
    for (let k = open; k < ts.length; k++) {
      const t = ts[k]!;
      if (t.kind !== "punct") continue;
      if (t.text === "(") depth++;
      else if (t.text === ")") {
        depth--;
        if (depth === 0) return { inner: ts.slice(open + 1, k), close: k };
      }
    }
    return null;
  }

  private splitCommas(ts: Tok[]): Tok[][] {
    const out: Tok[][] = [];
    let cur: Tok[] = [];
    let depth = 0;
    for (const t of ts) {
      if (t.kind === "punct" && t.text === "(") depth++;
      if (t.kind === "punct" && t.text === ")") depth--;
      if (t.kind === "punct" && t.text === "," && depth === 0) {
        out.push(cur);
        cur = [];
      } else cur.push(t);
    }
    if (cur.length) out.push(cur);
    return out.filter((x) => x.length > 0);
  }

  private createTable(ts: Tok[], i: number): void {
    i = this.skipIfNotExists(ts, i);
    const q = this.qualifiedName(ts, i);
    if (!q) return;
    const group = this.parenGroup(ts, q.next);
    if (!group) {
      this.md.sqlWarn(`CREATE TABLE ${q.tok.text} has no column list`, this.tokFlat(q.tok));
      return;
    }
    const draft = this.md.sqlTable(this.tokFlat(q.tok));
    const pending: Tok[][] = [];
    for (const def of this.splitCommas(group.inner)) {
      const head = def[0]!.text.toLowerCase();
      if (def[0]!.kind === "word" && ["constraint", "primary", "unique", "foreign", "check", "index", "key", "exclude"].includes(head)) {
        pending.push(def);
        continue;
      }
      this.columnDef(draft, def);
    }
    for (const def of pending) this.tableConstraint(draft, def, 0);
  }

  private columnDef(draft: TableDraft, def: Tok[]): void {
    const nameTok = def[0]!;
    if (nameTok.kind !== "word" && nameTok.kind !== "qident") {
      this.md.sqlWarn(`column definition "${short(this.flat(nameTok.start, def[def.length - 1]!.end).text)}" is not understood`, this.tokFlat(nameTok));
      return;
    }
    // Type: tokens up to the first constraint keyword (at depth 0).
    let k = 1;
    let depth = 0;
    while (k < def.length) {
      const t = def[k]!;
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
      if (depth === 0 && t.kind === "word" && COLUMN_CONSTRAINT_STARTERS.has(t.text.toLowerCase())) break;
      k++;
    }
    if (k === 1) {
      this.md.sqlWarn(`column "${nameTok.text}" has no type`, this.tokFlat(nameTok));
      return;
    }
    const typeFlat = this.flat(def[1]!.start, def[k - 1]!.end);
    const constraints: RawText[] = [];
    // Constraint phrases: each starts at a starter keyword, with a few keywords that continue a phrase.
    let phraseStart = -1;
    let phraseHead = "";
    let phraseLen = 0;
    const flush = (endTok: Tok | undefined) => {
      if (phraseStart < 0 || !endTok) return;
      constraints.push(this.md.text(this.flat(def[phraseStart]!.start, endTok.end)));
    };
    depth = 0;
    for (let j = k; j < def.length; j++) {
      const t = def[j]!;
      const lw = t.kind === "word" ? t.text.toLowerCase() : "";
      const prev = def[j - 1];
      const prevW = prev?.kind === "word" ? prev.text.toLowerCase() : "";
      let starts = depth === 0 && COLUMN_CONSTRAINT_STARTERS.has(lw);
      if (starts && lw === "null" && (prevW === "not" || prevW === "set")) starts = false; // NOT NULL, ON DELETE SET NULL
      if (starts && lw === "default" && prevW === "set") starts = false; // ON DELETE SET DEFAULT
      if (starts && lw === "on" && (phraseHead === "references" || phraseHead === "on")) starts = false;
      if (starts && phraseHead === "default" && phraseLen === 1) starts = false;
      if (starts && phraseHead === "constraint" && phraseLen <= 2) starts = false;
      if (starts && phraseHead === "generated") starts = false;
      if (starts && lw === "not" && phraseHead === "references") starts = true;
      if (starts) {
        flush(def[j - 1]);
        phraseStart = j;
        phraseHead = lw === "constraint" ? "constraint" : lw;
        phraseLen = 0;
      }
      if (phraseHead === "constraint" && phraseLen === 2 && lw) phraseHead = lw; // CONSTRAINT name REFERENCES ...
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
      phraseLen++;
    }
    flush(def[def.length - 1]);
    draft.columns.push({ name: this.md.text(this.tokFlat(nameTok)), type: this.md.text(typeFlat), constraints });
  }

  /** PRIMARY KEY (a), UNIQUE (a, b), FOREIGN KEY (a) REFERENCES t(c) ..., CHECK (...). */
  private tableConstraint(draft: TableDraft, def: Tok[], i: number): void {
    const w = (k: number) => (def[k]?.kind === "word" ? def[k]!.text.toLowerCase() : "");
    if (w(i) === "constraint") i += 2;
    const head = def[i];
    if (!head) return;
    const colsOf = (open: number) => {
      const g = this.parenGroup(def, open);
      if (!g) return null;
      return { cols: g.inner.filter((t) => t.kind === "word" || t.kind === "qident").filter((t) => !/^(asc|desc)$/i.test(t.text)), close: g.close };
    };
    const addTo = (col: Tok, text: RawText) => {
      const c = draft.columns.findIndex((x) => x.name.text === col.text);
      if (c < 0) {
        this.md.sqlWarn(`constraint names column "${col.text}", which table "${draft.name.text}" does not define`, this.tokFlat(col));
        return;
      }
      const old = draft.columns[c]!;
      draft.columns[c] = { ...old, constraints: [...old.constraints, text] };
    };
    if (w(i) === "primary" && w(i + 1) === "key") {
      const g = colsOf(i + 2);
      if (!g) return;
      for (const c of g.cols) addTo(c, this.md.text(this.flat(def[i]!.start, def[i + 1]!.end)));
      return;
    }
    if (w(i) === "unique" || ((w(i) === "index" || w(i) === "key") && def[i + 1])) {
      let open = i + 1;
      if (w(i + 1) === "key" || w(i + 1) === "index") open++;
      let name: string | undefined;
      if (def[open]?.text !== "(" && def[open + 1]?.text === "(") {
        name = def[open]!.text;
        open++;
      }
      const g = colsOf(open);
      if (!g) return;
      const unique = w(i) === "unique";
      if (unique && g.cols.length === 1) addTo(g.cols[0]!, this.md.text(this.flat(def[i]!.start, def[i]!.end)));
      else draft.indexes.push({ columns: g.cols.map((c) => c.text), unique, ...(name ? { name } : {}), span: this.md.span(this.tokFlat(def[i]!)) });
      return;
    }
    if (w(i) === "foreign" && w(i + 1) === "key") {
      const g = colsOf(i + 2);
      if (!g || g.cols.length !== 1) {
        this.md.sqlWarn("multi-column foreign keys are not supported", this.tokFlat(def[i]!));
        return;
      }
      const ref = def[g.close + 1];
      if (!ref || ref.text.toLowerCase() !== "references") return;
      const last = def[def.length - 1]!;
      addTo(g.cols[0]!, this.md.text(this.flat(ref.start, last.end)));
      return;
    }
    if (w(i) === "check") {
      const g = this.parenGroup(def, i + 1);
      const first = g?.inner.find((t) => (t.kind === "word" || t.kind === "qident") && draft.columns.some((c) => c.name.text === t.text));
      if (g && first) {
        addTo(first, this.md.text(this.flat(def[i]!.start, def[g.close]!.end)));
        return;
      }
    }
    this.md.sqlWarn(`table constraint "${short(this.flat(def[0]!.start, def[def.length - 1]!.end).text)}" is not understood`, this.tokFlat(def[0]!));
  }

  private createIndex(ts: Tok[], i: number, unique: boolean): void {
    const w = (k: number) => (ts[k]?.kind === "word" ? ts[k]!.text.toLowerCase() : "");
    if (w(i) === "concurrently") i++;
    i = this.skipIfNotExists(ts, i);
    let name: string | undefined;
    if (w(i) !== "on") {
      name = ts[i]?.text;
      i++;
    }
    if (w(i) !== "on") return;
    i++;
    if (w(i) === "only") i++;
    const q = this.qualifiedName(ts, i);
    if (!q) return;
    let open = q.next;
    if (w(open) === "using") open += 2;
    const g = this.parenGroup(ts, open);
    if (!g) return;
    const parts = this.splitCommas(g.inner);
    const cols: string[] = [];
    for (const p of parts) {
      const first = p[0]!;
      if ((first.kind !== "word" && first.kind !== "qident") || p[1]?.text === "(") {
        this.md.sqlWarn(`index on an expression ("${short(this.flat(first.start, p[p.length - 1]!.end).text)}") is not supported`, this.tokFlat(first),
          "index plain columns only");
        return;
      }
      cols.push(first.text);
    }
    this.md.sqlIndex({
      columns: cols,
      unique,
      ...(name ? { name } : {}),
      table: snakeCase(q.tok.text),
      span: this.md.span(this.tokFlat(ts[0]!)),
    });
  }

  private alterTable(ts: Tok[], i: number): void {
    const w = (k: number) => (ts[k]?.kind === "word" ? ts[k]!.text.toLowerCase() : "");
    if (w(i) === "only") i++;
    i = this.skipIfNotExists(ts, i);
    const q = this.qualifiedName(ts, i);
    if (!q) return;
    if (w(q.next) !== "add") return;
    let k = q.next + 1;
    const draft = this.md.findTable(q.tok.text);
    if (!draft) {
      this.md.sqlWarn(`ALTER TABLE ${q.tok.text}: the table is not defined before this statement`, this.tokFlat(q.tok));
      return;
    }
    const head = w(k);
    if (head === "column" || (!["constraint", "primary", "unique", "foreign", "check", "index", "key"].includes(head) && ts[k])) {
      if (head === "column") k++;
      k = this.skipIfNotExists(ts, k);
      this.columnDef(draft, ts.slice(k));
      return;
    }
    this.tableConstraint(draft, ts.slice(k), 0);
  }
}
