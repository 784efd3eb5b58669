// Markdown spec -> RawSpec. A real parser (mdast + GFM) gives the blocks and their
// positions; each block is then read on its own (a table row, a list item, a SQL
// statement), so every text we keep carries the exact line:column it was written at.
import { markdownTree } from "./markdown-tree.js";
import { blockLanguage, loadReaders, type Language, type Readers } from "./readers.js";
import type { BlockReader, ReaderResult, SourceBlock } from "./block.js";
import { classifyTable } from "./table-roles.js";
import { isEmptyMarker, splitTypeCell } from "./table-cells.js";
import type { ColumnRoles, EndpointRoles, FieldRoles } from "./table-shapes.js";
import type { Code, Heading, Root, List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent, Table } from "mdast";
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import { nameKey, plural, singular, snakeCase, words } from "../base/naming.js";
import type { Notation, RawBodyField, RawCheck, RawColumn, RawEndpoint, RawEnum, RawIndex, RawQueryParam, RawSpec, RawTable, RawText } from "./raw.js";
import { describe as describeParam, isQueryLabel, parseParamItem } from "./query-params.js";
import { clauseList, lineIndexAt, lineStarts, matchParen, outlinedSql, treeAsIndent, treesAsLists } from "./text.js";
import { listedValues } from "./value-lists.js";
import { interpretConstraint } from "../ir/constraints.js";

export type SpecKind = "schema" | "api";

export interface ParseResult {
  readonly raw: RawSpec;
  readonly diagnostics: Diagnostic[];
  /** Guesses the reader made (same shape as build-ir's Note). */
  readonly notes: { readonly span: Span; readonly message: string }[];
  /** Where the document first seems to define something (for "no table understood"). */
  readonly firstCandidate?: Span;
  /** An API spec of which no endpoint was read: the first text that looks like one (SF200 points there). */
  readonly endpointLike?: Span;
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
  "time", "timetz", "bytea", "bytes", "blob", "inet", "cidr", "macaddr", "interval", "vector",
  "uniqueidentifier", "datetime2", "datetimeoffset", "nchar", "ntext",
];
const TYPE_HEAD = new Set(TYPE_HEAD_WORDS);

// ---------------------------------------------------------------- positions

/** Offset <-> line:column for one source text. */
class LineIndex {
  private readonly starts: number[];
  constructor(readonly src: string, readonly file: string) {
    this.starts = lineStarts(src);
  }
  span(offset: number): Span {
    const lo = lineIndexAt(this.starts, offset);
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
/** "GET, POST", "GET/POST", "PUT | PATCH": several methods for one path. */
const METHOD_LIST = /(?:GET|POST|PUT|PATCH|DELETE)(?:\s*(?:,|\/|\||&|\band\b)\s*(?:GET|POST|PUT|PATCH|DELETE))+/;
/** A line that is an endpoint: "GET /api/tasks", "- POST /items/:id — create", "1. DELETE /x". */
const ENDPOINT_LINE = /^(?:[-*+]\s+|\d+[.)]\s+)?(?:GET|POST|PUT|PATCH|DELETE)\s+\/[^\s`]*/;

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
  /** Written under a "Value Objects" heading: a shape stored in json columns, not a table. */
  valueObject?: boolean;
  checks?: RawCheck[];
  notation?: Notation;
  fragment?: boolean;
  shared?: "read" | "read-write";
  /** Rules a section states for columns its table does not list here (the table is defined in a code block). */
  ruleColumns?: RawColumn[];
  /** "Similar to above, with `a` instead of `b`": the table's columns are another's, renamed. */
  like?: LikeRef;
  /** The heading says outright that it names a table ("Table", "Entity", "Model"): a section that yields no columns is reported. */
  explicit?: boolean;
  /** Other tables the same heading names ("a / b"): each takes the next column list, or this one's columns. */
  also?: RawText[];
}

interface LikeRef {
  /** A table name, or null for the table defined just above. */
  readonly of: string | null;
  /** [written name, new name, where the new name is written]. */
  readonly swaps: readonly (readonly [string, RawText])[];
  readonly span: Span;
}

interface SectionEntry {
  depth: number;
  kind: "table" | "indexes" | "endpoint" | "values" | "other";
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
  /** An API section naming a request model ("### TaskCreate"): its fields state rules for the table it names. */
  model?: TableDraft;
}

interface EndpointDraft {
  body?: RawBodyField[];
  method: RawText;
  path: RawText;
  summary?: string;
  auth?: "public" | "required";
  status?: number;
  query?: RawQueryParam[];
  envelope?: { items: string; total: string | null };
}

export async function parseMarkdown(src: string, file: string, kind: SpecKind): Promise<ParseResult> {
  // Trees drawn with box characters ("User" over "├── id") are read as the nested lists they draw.
  const root = markdownTree(treesAsLists(src));
  // The formal languages the document holds decide which readers (and parsers) load.
  const langs = new Set<Language>();
  const sql: { text: string; lang: string }[] = [];
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === "code") {
        const l = blockLanguage(node.lang ?? "", node.value);
        if (l) langs.add(l);
        if (l === "sql") sql.push({ text: node.value, lang: (node.lang ?? "").toLowerCase() });
      } else if (node.type === "blockquote") visit(node.children);
    }
  };
  visit(root.children);
  // An API spec hands over only rules for tables (zod schemas, Pydantic bodies); its SQL and Prisma are examples.
  if (kind === "api") for (const l of [...langs]) if (l !== "drizzle" && l !== "python") langs.delete(l);
  const readers = langs.size ? await loadReaders(langs, sql) : {};
  // An OpenAPI document fenced inside the API spec's Markdown ("# Contract" then ```yaml openapi: 3.x).
  const openapi = kind === "api" && root.children.some((n) => n.type === "code" && isFencedOpenApi(n)) ? (await import("./read-openapi.js")).readOpenApi : undefined;
  return new MarkdownReader(src, file, kind, readers, openapi).read(root);
}

function isFencedOpenApi(n: Code): boolean {
  return /^(ya?ml|json|)$/i.test(n.lang ?? "") && /^\s*["']?openapi["']?\s*:\s*["']?3/m.test(n.value.slice(0, 4000));
}

class MarkdownReader {
  private readonly idx: LineIndex;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly notes: { span: Span; message: string }[] = [];
  private readonly tables: TableDraft[] = [];
  private readonly valueObjects: TableDraft[] = [];
  private readonly enums: RawEnum[] = [];
  private readonly specIndexes: RawIndex[] = [];
  private readonly endpoints: EndpointDraft[] = [];
  /** Base URLs the API spec states ("Base URL: /api/v1"): the path of each, "" for a bare host. */
  private readonly bases: { path: string; span: Span }[] = [];
  private authMode: RawText | undefined;
  private stack: SectionEntry[] = [];
  private pendingNameNote: { span: Span; message: string } | undefined;
  /** The other tables a heading names with the first ("invoices / receipts"). */
  private pendingAlso: RawText[] | undefined;
  /** The paragraph just read, when it was only a name (see plainNameOf). */
  private plainName: Flat | null = null;
  private lastLabel: string | null = null;
  /** The table a page about one entity names ("| Table name | `contacts` |", "# DB Spec: Contact"). */
  private statedTable: RawText | undefined;
  /** Tables named in a catalog table ("| Entity | Key fields |"), added unless written out elsewhere. */
  private readonly catalog: TableDraft[] = [];
  /** Python SQLModel blocks, read after the document so they can defer to tables written otherwise. */
  /** Drizzle and Prisma blocks, read as one text after the document (names cross blocks). */
  private readonly together: Partial<Record<Language, Code[]>> = {};
  /** The endpoint whose "Query Parameters" label or heading came last: the next list or table lists them. */
  private queryFor: EndpointDraft | null = null;
  /** The endpoint whose request body the text being read describes ("Request Body:" seen, no "Response" since). */
  private bodyFor: EndpointDraft | null = null;
  /** Rules written outside any table's section ("Data Validation" tables and lists): resolved by column name at the end. */
  private looseRules: { table?: string; column: RawText; phrase: RawText }[] = [];
  /** "Row-level security: off" in the schema. */
  private rowLevelSecurity: boolean | undefined;

  constructor(
    private readonly src: string,
    private readonly file: string,
    private readonly kind: SpecKind,
    private readonly readers: Readers,
    private readonly openapi?: typeof import("./read-openapi.js").readOpenApi,
  ) {
    this.idx = new LineIndex(src, file);
  }

  private englishText: boolean | undefined;
  /**
   * Whether the document's prose is English: only English entity names are made plural
   * ("Task" -> tasks); "Buchungen", "Inventario" or "Serie" are kept as written (snake_case).
   * Read from the commonest function words of each language, once per document.
   */
  private english(): boolean {
    if (this.englishText !== undefined) return this.englishText;
    const prose = this.src.replace(/```[\s\S]*?```/g, " ").toLowerCase();
    const count = (words: string) => {
      const re = new RegExp(`(?<![\\p{L}])(?:${words})(?![\\p{L}])`, "gu");
      return (prose.match(re) ?? []).length;
    };
    const en = count("the|and|of|is|are|with|for|to|each|when|which|this");
    const other = count("der|die|das|und|ist|mit|für|nicht|oder|wird|el|los|las|del|y|es|con|para|una|por|o|os|da|do|não|com|um|uma|le|les|des|et|est|avec|pour|une|il|gli|di|è|che|per|della|het|een|en|van|voor|met");
    // Chinese, Japanese, Korean prose: names written in Latin letters there are usually English already.
    this.englishText = other === 0 || en >= other;
    return this.englishText;
  }

  /** Where the document first seems to define something (a GFM table, a list, a code block): SF102 points there. */
  private firstCandidate: Span | undefined;
  /** The document has headings below level 1: a level-1 heading is its title. */
  private titled = false;

  read(root: Root): ParseResult {
    // A level-1 heading above other headings titles the document ("# Spec", "# Task App"): never a table.
    this.titled = root.children.some((n) => n.type === "heading" && n.depth > 1);
    for (const node of root.children) {
      if (node.type === "table" || node.type === "list" || node.type === "code") {
        this.firstCandidate = this.idx.span(this.startOf(node));
        break;
      }
    }
    for (const node of root.children) this.block(node);
    // Diagrams last: a table written out in full (a Markdown table, a model) wins over a diagram's entity.
    const together = (Object.entries(this.together) as [Language, Code[]][]).sort(([a], [b]) => Number(a === "mermaid") - Number(b === "mermaid"));
    for (const [language, nodes] of together) {
      if (language === "python" || language === "mermaid") this.handRestating(nodes, language);
      else this.hand(nodes, this.readers[language]!, language);
    }
    // A catalog's row names a table with its fields; a table written out elsewhere wins.
    for (const t of this.catalog) {
      const existing = this.tables.find((x) => x.columns.length > 0 && nameKey(x.name.text) === nameKey(t.name.text));
      if (existing) this.notes.push({ span: t.name.span, message: `catalog row for "${t.name.text}" restates table "${existing.name.text}"; the table written out is used` });
      else this.tables.push(t);
    }
    this.resolveLikes();
    this.resolveLooseRules();
    this.resolveShared();
    for (const t of this.tables) if (t.columns.length > 0 && t.nameNote) this.notes.push(t.nameNote);
    for (const t of this.tables) {
      if (t.explicit && t.columns.length === 0 && !t.fragment && !t.ruleColumns?.length && t.indexes.length === 0 && !this.codeDefines(t.name.text)) {
        this.warn("SF127", `section "${t.name.text}" reads as a table, but no column was read under it; it is not generated`, t.name.span,
          'list its columns ("- name: type (constraints)", a Markdown table or a code block), or say "Same as `other_table`, with `a` instead of `b`"');
      }
    }
    const tables: RawTable[] = this.tables
      .filter((t) => t.columns.length > 0 || t.fragment)
      .map((t) => ({
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        columns: t.columns,
        indexes: t.indexes,
        ...(t.owner ? { owner: t.owner } : {}),
        ...(t.identity ? { identity: true } : {}),
        ...(t.renamedFrom ? { renamedFrom: t.renamedFrom } : {}),
        ...(t.checks?.length ? { checks: t.checks } : {}),
        ...(t.notation ? { notation: t.notation } : {}),
        ...(t.fragment ? { fragment: true } : {}),
        ...(t.shared ? { shared: t.shared } : {}),
      }));
    // A section that only states rules for a table a code block defines: a fragment of it.
    for (const t of this.tables) {
      if (t.columns.length === 0 && t.ruleColumns?.length) tables.push({ name: t.name, columns: t.ruleColumns, indexes: [], fragment: true, notation: "markdown-bullets" });
    }
    // Indexes written inside a section that never became a table belong to nobody yet.
    for (const t of this.tables) {
      if (t.columns.length === 0 && t.indexes.length > 0) {
        for (const i of t.indexes) this.specIndexes.push({ ...i, table: i.table ?? t.name.text });
      }
    }
    // An API spec with no endpoint read: SF200 points at the first text that looks like one.
    let endpointLike: Span | undefined;
    if (this.kind === "api" && this.endpoints.length === 0) {
      const m = /(?:^|[\s`*|>(])((?:GET|POST|PUT|PATCH|DELETE)\s+\S)/m.exec(this.src);
      if (m) endpointLike = this.idx.span(m.index + m[0].length - m[1]!.length);
    }
    const base = this.basePrefix();
    const endpoints: RawEndpoint[] = this.endpoints.map((e) => ({
      method: e.method,
      path: base ? this.underBase(e.path, base) : e.path,
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.auth ? { auth: e.auth } : {}),
      ...(e.status !== undefined ? { status: e.status } : {}),
      ...(e.query ? { query: e.query } : {}),
      ...(e.envelope ? { envelope: e.envelope } : {}),
      ...(e.body?.length ? { body: e.body } : {}),
    }));
    const valueObjects: RawTable[] = this.valueObjects
      .filter((t) => t.columns.length > 0)
      .map((t) => ({ name: t.name, columns: t.columns, indexes: [], ...(t.description ? { description: t.description } : {}) }));
    return {
      raw: {
        tables,
        ...(this.enums.length ? { enums: this.enums } : {}),
        ...(valueObjects.length ? { valueObjects } : {}),
        indexes: this.specIndexes,
        endpoints,
        ...(this.authMode ? { authMode: this.authMode } : {}),
        ...(this.rowLevelSecurity !== undefined ? { rowLevelSecurity: this.rowLevelSecurity } : {}),
      },
      diagnostics: this.diagnostics,
      notes: this.notes,
      ...(this.firstCandidate ? { firstCandidate: this.firstCandidate } : {}),
      ...(endpointLike ? { endpointLike } : {}),
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
  private flat(nodes: readonly PhrasingContent[], fallback = 0, hardBreak = " "): Flat {
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
          parts.push(this.flat(n.children, this.startOf(n), hardBreak));
          break;
        case "break":
          parts.push(this.plain(hardBreak, this.startOf(n)));
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
    // A table's name on a line of its own ("users", "`tasks`:") names the table whose columns the list right after it gives.
    const plain = this.plainName;
    this.plainName = null;
    switch (node.type) {
      case "heading":
        this.heading(node);
        this.lastLabel = null;
        return;
      case "paragraph":
        if (this.kind === "schema") this.plainName = this.plainNameOf(node);
        if (this.kind === "schema" && (this.inlineTable(node) || this.columnLines(node, plain))) {
          this.plainName = null;
          return;
        }
        this.paragraph(node);
        return;
      case "list":
        if (plain && this.kind === "schema") {
          const shape = this.plainColumns(node);
          if (shape) {
            this.openSection((this.lastRealDepth() ?? 0) + 1, plain, true, true);
            // Bare names in it are columns too ("- created_at"), as under a "Fields:" label.
            this.lastLabel = "fields";
          }
        }
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

  /** A paragraph that is only a name ("users", "`order_items`", "tasks:"), not a label word: it may name the table of the list after it. */
  private plainNameOf(node: Paragraph): Flat | null {
    const f = flatTrim(this.flat(node.children, this.startOf(node)));
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*:?$/.exec(f.text);
    if (!m) return null;
    const w = m[1]!.toLowerCase();
    if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w) || RULES_LABEL.test(w) || /^(index(es)?|indices|checks?|enums?|notes?|example|migrations?|seed|tables?)$/.test(w)) return null;
    return flatSub(f, 0, m[1]!.length);
  }

  /**
   * A table and its columns in one paragraph: "**widgets** — `id` PK, `name` TEXT NOT NULL,
   * `shop_id` INTEGER FK → shops(id)." The name in bold (or code), a dash or colon, then
   * comma-separated columns, each name in code. Two at least must read as columns with a type or
   * a key; prose after the list (a sentence that starts after ". ") is the table's description.
   */
  private inlineTable(node: Paragraph): boolean {
    const first = node.children[0];
    if (!first || (first.type !== "strong" && first.type !== "inlineCode")) return false;
    const f = flatTrim(this.flat(node.children, this.startOf(node)));
    const head = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:[—–:：]|\s-)\s*/.exec(f.text);
    const nameText = first.type === "strong" ? this.flat(first.children).text.trim() : first.value;
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
    const coded = (p: Flat) => p.text !== "" && this.src[(p.offs[0] ?? 1) - 1] === "`";
    const cols: RawColumn[] = [];
    const extra: Flat[] = [];
    let typedOrKeyed = 0;
    for (const p of pieces) {
      if (!p.text) continue;
      const col = coded(p) ? this.columnFlat(p, true, false) : null;
      if (col && col.columns.length === 1) {
        cols.push(col.columns[0]!);
        if (col.known || col.columns[0]!.constraints.some((k) => KEY_PIECE.test(k.text) || /^pk$/i.test(k.text))) typedOrKeyed++;
      } else if (cols.length > 0 && looksLikeConstraints(p.text.replace(/(?:->|→)\s*\w+\s*\(\s*\w+\s*\)/g, " fk ").replace(/\bon\s+delete\s+\w+(?:\s+\w+)?/gi, " "))) {
        // "`session_id` INTEGER PK, FK → sessions(id)": more constraints of the column before.
        const last = cols[cols.length - 1]!;
        cols[cols.length - 1] = { ...last, constraints: [...last.constraints, this.rawText(p)] };
      } else extra.push(p);
    }
    if (typedOrKeyed < 2) return false;
    this.openSection((this.lastRealDepth() ?? 0) + 1, flatSub(f, f.text.indexOf(head[1]!), f.text.indexOf(head[1]!) + head[1]!.length), true, true);
    const table = this.currentTable();
    if (!table) return false;
    table.notation ??= "markdown-bullets";
    table.columns.push(...cols);
    for (const p of extra) {
      const idx = this.indexFromText(p, table, true);
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
  private columnLines(node: Paragraph, plain: Flat | null): boolean {
    const f = flatTrim(this.flat(node.children, this.startOf(node), "\n"));
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
    const cols = lines.map((l) => (/^[A-Za-z_]\w*\s*[(（]/.test(l.text) ? this.columnFlat(l, false, false) : null));
    if (cols.some((c) => c === null) || !cols.some((c) => c!.known)) return false;
    if (name) {
      const w = name.text.toLowerCase();
      if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w)) name = null;
    }
    if (name) this.openSection((this.lastRealDepth() ?? 0) + 1, name, true, true);
    const table = this.currentTable();
    if (!table) return false;
    table.notation ??= "markdown-bullets";
    for (const c of cols) table.columns.push(...c!.columns);
    return true;
  }

  /** A list whose items read as columns with types ("- email VARCHAR(320) UNIQUE NOT NULL"): most of them, and at least two. */
  private plainColumns(node: List): "typed" | "named" | false {
    const cols = node.children.map((item) => this.columnItem(item));
    const known = cols.filter((c) => c?.known).length;
    if (known >= 2 && known * 2 >= node.children.length) return "typed";
    // "- id (uuid, PK)", "- org_id (FK orgs.id)", then "- created_at": columns, some of them bare
    // snake_case names, one at least with a type or a key; every item one or the other.
    const keyed = cols.filter((c) => c && (c.known || c.columns.some((x) => x.constraints.some((k) => KEY_PIECE.test(k.text))))).length;
    if (keyed >= 1 && node.children.length >= 3 && node.children.every((item, i) => cols[i] || /^[a-z_][a-z0-9_]*(?:\s*\([^()]*\))?$/.test(this.itemFlat(item).text))) return "named";
    // "cards" over "- id", "- board_id", "- created_at" (a drawn tree, say): a record's bare field names.
    return this.bareFields(node) ? "named" : false;
  }

  private openSection(depth: number, f: Flat, pseudo: boolean, plain = false): void {
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
        this.bodyFor = null;
      } else {
        const model = requestModel(title);
        if (model) {
          const at = f.text.indexOf(model.written);
          entry.model = { name: this.rawText(flatSub(f, Math.max(at, 0), Math.max(at, 0) + model.written.length)), columns: [], indexes: [], hasDefs: false, fragment: true, notation: "markdown-bullets" };
          entry.model.name = { ...entry.model.name, text: model.entity };
          this.tables.push(entry.model);
        } else if (parent?.endpoint) this.bodyLabel(parent.endpoint, title);
      }
    } else {
      // "## Entity: TaskCreate (Input Model)", "### TaskResponse (Output Model)": shapes of requests
      // and responses, not tables. An input model's rules join the table it names (a fragment).
      const shape = schemaModel(title);
      if (shape) {
        if (shape.input) {
          const at = Math.max(0, f.text.indexOf(shape.written));
          entry.model = { name: { ...this.rawText(flatSub(f, at, at + shape.written.length)), text: shape.entity }, columns: [], indexes: [], hasDefs: false, fragment: true, notation: "markdown-bullets" };
          this.tables.push(entry.model);
        }
        this.notes.push({ span, message: `"${shape.written}" is ${shape.input ? "a request" : "a response"} shape of ${shape.entity}, not a table${shape.input ? "; the rules it states join that table's columns" : ""}` });
        this.stack.push(entry);
        return;
      }
      let tableName = pseudo && !plain ? this.pseudoTableName(f) : this.tableName(f);
      const inValues = this.stack.some((x) => x.kind === "values");
      const context = this.currentTable();
      // "## 2. Fields" on a page about one entity, outside any table's section: that entity's columns.
      if (!context && !pseudo && tableName && FIELDS_LABEL.test(tableName.text)) {
        const named = this.statedTable ?? this.titleEntity();
        if (named) tableName = named;
      }
      if (/^(indexes|indices|index|indici|índices|indexes and constraints|索引)\b/i.test(title)) entry.kind = "indexes";
      else if (VALUE_SECTION.test(title.replace(/[`*]/g, "").trim())) entry.kind = "values";
      // "#### Notes" under "### tasks" is part of the tasks section; "## notes" on its own may be a
      // table, and so may "## notes" under "# Schema" (a heading that is itself a section word).
      // "## 8. Bảng tables": the word for "table" before it makes even a section word a table's name.
      else if (tableName && !(depth === 1 && this.titled && !pseudo) && ((!DOCUMENT_WORDS.has(tableName.text) && !(SECTION_WORDS.has(tableName.text) && context)) || /^(?:table|tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s+[`*]*[A-Za-z_]\w*[`*]*\s*$/i.test(title))) {
        entry.kind = "table";
        const draft: TableDraft = { name: tableName, columns: [], indexes: [], hasDefs: false };
        if (this.pendingNameNote) draft.nameNote = this.pendingNameNote;
        if (this.pendingAlso) draft.also = this.pendingAlso;
        this.pendingAlso = undefined;
        if (/\(\s*identity\s*(table)?\s*\)/i.test(title)) draft.identity = true;
        // "Tasks Table", "Table: tasks", "Task (Entity)", "Task Model", "用户表"; not "Table Definitions".
        const bare = title.replace(/[`*_]/g, "").trim();
        if (/^(?:table|entity|model|tabla|tabelle|tableau|tabel)\s*[:：]|^(?:tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s|\b(?:table|entity|model)\s*\)?\s*$|\(\s*(?:table|entity|model)\s*\)|(?:表|テーブル|테이블)\s*[)）]?\s*$|(?:表|テーブル|테이블)\s*[(（]/i.test(bare)) draft.explicit = true;
        entry.table = draft;
        // Under "Value Objects": a named shape stored inside its parent's rows (json), not a table.
        if (inValues) {
          draft.valueObject = true;
          draft.name = { text: title.replace(/[`*]/g, "").trim().split(/[\s(（:：]/)[0]!, span: tableName.span };
          this.valueObjects.push(draft);
        } else this.tables.push(draft);
      }
    }
    this.stack.push(entry);
  }

  /**
   * "## tasks", "### 1. `users` Table", "### Table: tasks", "## Task Model", "## Entity: Task",
   * "### users (managed by X)", "### 2.1 users（用户表）", "### User" (an entity name: PascalCase,
   * read as the plural table "users", noted).
   */
  private tableName(f: Flat): RawText | null {
    let s = 0;
    let e = f.text.length;
    const text = f.text;
    this.pendingAlso = undefined;
    // The word for "table" in other languages too: "## 5. Bảng orders", "### Таблица orders", "Tabela pedidos".
    const lead = /^\s*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:(?:table|entity|model|collection|resource|relation|tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s*\d*\s*[:：.\-–—]\s*|(?:table|tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s+)?/i.exec(text);
    if (lead) s = lead[0].length;
    // Drop a trailing remark: "users (Managed by Better Auth)", "users（用户表）", "users - the accounts", "users: who signs in".
    const rest = text.slice(s);
    const cut = /\s*(?:[(（【\[]|\s[-–—:：]\s|[:：]\s*$|\s+[-–—]$)/.exec(rest);
    if (cut) e = s + cut.index;
    let core = text.slice(s, e).trim();
    const coreStart = s + (text.slice(s, e).length - text.slice(s, e).trimStart().length);
    let model = false;
    const suffix = /\s+(table|model|entity|collection)$/i.exec(core);
    if (suffix) {
      model = !/table/i.test(suffix[1]!);
      core = core.slice(0, suffix.index);
    }
    // "attachments 附件表", "`Note` テーブル", "orders 订单": the name, then a title in another script.
    const titled = /^([A-Za-z_][A-Za-z0-9_]*)\s*[^\x00-\x7F].*$/.exec(core);
    if (titled) core = titled[1]!;
    // "invoices / receipts": one heading for two tables (the second is made at the first's columns, or its own).
    const pair = /^([A-Za-z_]\w*)\s*(?:\/|&|,|、|\band\b)\s*([A-Za-z_]\w*)$/.exec(core);
    let also: RawText | undefined;
    if (pair) {
      const at = coreStart + text.slice(coreStart).indexOf(pair[2]!, pair[1]!.length);
      also = { text: snakeCase(pair[2]!), span: this.idx.span(f.offs[at] ?? f.offs[0] ?? 0) };
      core = pair[1]!;
    }
    // "User Profile", "Audit Log Entry": a name of two or three words, none of them a section word.
    if (/^[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][A-Za-z0-9]*){1,2}$/.test(core) && core.split(/\s+/).every((w) => !SECTION_WORDS.has(w.toLowerCase()) && !DOCUMENT_WORDS.has(w.toLowerCase()) && !/^(and|or|of|the|for|with|by|in|on|to|a|an)$/i.test(w))) {
      core = core.split(/\s+/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
      if (lead && !/table/i.test(lead[0])) model = true;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(core)) return null;
    // An entity name (User, CollectionItem) names the table of its rows, as a model does.
    if (/^[A-Z][a-z0-9]*(?:[A-Z][a-z0-9]*)*$/.test(core) && lead && !/table/i.test(lead[0])) model = true;
    let name = snakeCase(core);
    const span = this.idx.span(f.offs[coreStart] ?? f.offs[0] ?? 0);
    this.pendingNameNote = undefined;
    if (model && singular(name) === name && this.english()) {
      name = plural(name);
      this.pendingNameNote = { span, message: `entity "${core}" read as table "${name}" (snake_case plural of the entity name)` };
    } else if (name !== core.toLowerCase()) {
      this.pendingNameNote = { span, message: `table "${core}" read as "${name}" (snake_case)` };
    }
    if (also) this.pendingAlso = [model && this.english() && singular(also.text) === also.text ? { ...also, text: plural(also.text) } : also];
    return { text: name, span };
  }

  /** A bold paragraph acting as a heading: "**Users Table** (Aggregate Root)". */
  private pseudoTableName(f: Flat): RawText | null {
    const m = /^(.*?\s+(?:table|model|entity))\b/i.exec(f.text);
    if (!m) return null;
    return this.tableName(flatSub(f, 0, m[1]!.length));
  }

  private endpointHeading(f: Flat): EndpointDraft | null {
    // "### GET /x", "### 2. GET /x", "### 2.1 POST /x（下单）", "### 2.1.3) PUT /x (admin)".
    const m = /^\s*(?:\d+(?:\.\d+)*[.)]?\s+|\d+[.)]\s*)?([A-Za-z]+)\s+([^\s(（【?？、，,]*[^\s(（【?？、，,.;:：。])/.exec(f.text);
    if (!m || !METHOD_RE.test(m[1]!) || m[1]!.length !== METHOD_RE.exec(m[1]!)![0].length) return null;
    const mStart = m[0].slice(0, m[0].length - m[2]!.length).trimEnd().length - m[1]!.length;
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
    // What the heading says after the path: "(public)", "（公开）".
    this.scanEndpointText(draft, f.text.slice(pStart + m[2]!.length));
    this.endpoints.push(draft);
    return draft;
  }

  private paragraph(node: Paragraph): void {
    const f = flatTrim(this.flat(node.children, this.startOf(node)));
    const text = f.text;
    const top = this.top();
    if (this.kind === "api") {
      this.baseUrl(f);
      // "GET /api/tasks" on a line of its own (a paragraph of endpoint lines, or a label line then one).
      if (this.endpointLines(f, false)) return;
      const sec = this.currentEndpointSection();
      if (sec?.endpoint) {
        if (!sec.sawParagraph && sec === top) {
          sec.sawParagraph = true;
          if (!sec.endpoint.summary) sec.endpoint.summary = this.sourceText(node);
        }
        this.scanEndpointText(sec.endpoint, text);
        this.bodyLabel(sec.endpoint, text);
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
    // Several marker lines in one paragraph (no blank line between them): each on its own.
    if (!text.includes("\n") && this.markerLine(f, table)) return;
    if (text.includes("\n")) {
      const parts: Flat[] = [];
      let at = 0;
      for (let i = 0; i <= text.length; i++) {
        if (i === text.length || text[i] === "\n") {
          parts.push(flatTrim(flatSub(f, at, i)));
          at = i + 1;
        }
      }
      const handled = parts.map((p) => p.text !== "" && this.markerLine(p, table));
      if (handled.some(Boolean)) return;
    }
    // "Indexes:", "**Fields:**", "Recommended indexes:" label the list that follows.
    if (/:\s*$/.test(text) && text.length < 60) {
      this.lastLabel = text.replace(/:\s*$/, "").trim().toLowerCase();
      return;
    }
    this.lastLabel = null;
    if (table && table.columns.length === 0 && !table.like) {
      const like = this.likeRef(f);
      if (like) {
        table.like = like;
        return;
      }
    }
    if (top && top.kind === "table" && top.table && !top.sawParagraph && top.table.columns.length === 0) {
      top.sawParagraph = true;
      if (!top.table.description) top.table.description = this.sourceText(node);
    }
  }

  private lastRealDepth(): number | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (!this.stack[i]!.pseudo) return this.stack[i]!.depth;
    return undefined;
  }

  /**
   * Endpoints written as bare lines: "GET /api/tasks", "POST /api/tasks — create one",
   * "- DELETE /items/:id", one or several to a paragraph or a code block. Each opens an
   * endpoint section of its own (as a heading would), so the lists and tables after it are its
   * query, body and response. Under a heading that is itself an endpoint they are examples of
   * it (a request quoted in full) and are left alone; so is a code block holding anything else.
   * Returns whether the text held endpoint lines that were read.
   */
  private endpointLines(f: Flat, code: boolean): boolean {
    const sec = this.currentEndpointSection();
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
          this.scanEndpointText(last, l.text);
        }
        continue;
      }
      const lead = /^(?:[-*+]\s+|\d+[.)]\s+)?/.exec(l.text)![0].length;
      const line = flatSub(l, lead, l.text.length);
      const depth = sec?.pseudo ? sec.depth : (this.lastRealDepth() ?? 0) + 1;
      this.openSection(depth, line, true);
      const opened = this.top();
      if (opened?.kind !== "endpoint" || !opened.endpoint) continue;
      last = opened.endpoint;
      const rest = line.text.replace(ENDPOINT_LINE, "").replace(/^[\s`]*(?:[-–—:：#]+\s*|\/\/\s*)?/, "").trim();
      if (rest) last.summary = rest;
    }
    this.lastLabel = null;
    return last !== null;
  }

  /**
   * "Base URL: /api/v1", "All paths are under the prefix `/api/v1`", "统一前缀 `/api/v1`", or a
   * "## Base URL" section listing "https://example.com/api": the prefix every endpoint path is
   * read under. A bare host ("http://localhost:8000") states no prefix.
   */
  private baseUrl(f: Flat): void {
    const keyword = /(?:base[\s_-]*(?:url|path|uri|route)|api[\s_-]*(?:base|prefix|root)|(?:url|path|route)[\s_-]*prefix|\bprefix|前缀|基础路径|基础\s*URL|根路径|ベース\s*(?:URL|パス)|기본\s*(?:URL|경로))/i;
    const title = this.top()?.title ?? "";
    const k = keyword.exec(f.text);
    const from = k ? k.index + k[0].length : keyword.test(title) ? 0 : -1;
    if (from < 0) return;
    const m = /^[^/`"'\n]{0,40}?[`"']?((?:https?:\/\/[^\s/`"']+)?(\/[^\s`"'，,;；。)）]*))/i.exec(f.text.slice(from));
    if (!m) return;
    let path = m[2]!.replace(/[.:]+$/, "").replace(/\/+$/, "");
    if (!/^(\/[A-Za-z0-9_.~-]+)+$/.test(path)) path = "";
    if (!path && !m[1]!.startsWith("http")) return;
    const at = from + m.index + m[0].length - m[1]!.length;
    this.bases.push({ path, span: this.idx.span(f.offs[at] ?? f.offs[0] ?? 0) });
  }

  /** The one path prefix the API spec's base URLs agree on (none when they differ or name only a host). */
  private basePrefix(): { path: string; span: Span } | null {
    const paths = new Set(this.bases.map((b) => b.path));
    if (paths.size !== 1 || !this.bases[0]!.path) return null;
    return this.bases[0]!;
  }

  /** "/items" under the base "/api/v1" is "/api/v1/items"; a path already under it is kept. */
  private underBase(path: RawText, base: { path: string; span: Span }): RawText {
    const p = path.text;
    if (!p.startsWith("/") || p === base.path || p.startsWith(base.path + "/") || p.startsWith(base.path + "?")) return path;
    const text = base.path + (p === "/" ? "" : p);
    this.notes.push({ span: path.span, message: `path ${p} read as ${text} (the base URL ${base.path} stated at line ${base.span.line})` });
    return { text, span: path.span };
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
      for (const item of node.children) this.baseUrl(this.itemFlat(item));
      const sec = this.currentEndpointSection();
      if (sec?.endpoint && this.queryFor === sec.endpoint) {
        for (const item of node.children) this.queryItem(sec.endpoint, this.itemFlat(item));
        this.queryFor = null;
        return;
      }
      const model = this.currentModel();
      if ((sec?.endpoint && this.bodyFor === sec.endpoint) || model) {
        const fields = node.children.map((item) => this.bodyItem(this.itemFlat(item))).filter((x): x is RawBodyField => x !== null);
        if (fields.length > 0) {
          if (model) this.modelFields(model, fields);
          else (sec!.endpoint!.body ??= []).push(...fields);
          return;
        }
      }
      // "- `GET /api/notes` — list my notes": a list of endpoints, one per item.
      // Also "- Create an item: `POST /api/items`" (a short label first), and items nested under
      // a group's item ("- Tasks" then "  - GET /api/tasks").
      const listed = node.children.map((item) => ({ f: this.itemFlat(item), m: null as RegExpExecArray | null }));
      for (const l of listed) l.m = /^(?:([^:：\n`]{1,40}?)\s*[:：]\s*)?(GET|POST|PUT|PATCH|DELETE)\s+(\/(?:[^\s`(（、，,?？]*[^\s`(（、，,?？.;:：。])?)/.exec(l.f.text);
      if (listed.some((l) => l.m)) {
        for (const { f, m } of listed) {
          if (!m) {
            if (/^[A-Z]{3,7}\s+\//.test(f.text))
              this.warn("SF208", `endpoint item "${short(f.text)}" is not understood`, this.idx.span(f.offs[0] ?? 0), "write METHOD /path");
            continue;
          }
          const pathAt = m[0].length - m[3]!.length;
          const methodAt = m[0].lastIndexOf(m[2]!, pathAt);
          const rest = f.text.slice(m[0].length).replace(/^[\s`]*(?:[-–—:：]\s*)?/, "").trim();
          const summary = rest || m[1]?.trim() || "";
          const draft: EndpointDraft = {
            method: this.rawText(flatSub(f, methodAt, methodAt + m[2]!.length)),
            path: this.rawText(flatSub(f, pathAt, pathAt + m[3]!.length)),
            ...(summary ? { summary } : {}),
          };
          this.scanEndpointText(draft, f.text.slice(m[0].length));
          this.endpoints.push(draft);
        }
        return;
      }
      if (sec?.endpoint) for (const item of node.children) this.scanEndpointText(sec.endpoint, this.itemFlat(item).text);
      else for (const item of node.children) for (const c of item.children) if (c.type === "list") this.list(c);
      return;
    }
    const schemaModel = this.currentModel();
    if (schemaModel) {
      const fields = node.children.map((item) => this.bodyItem(this.itemFlat(item))).filter((x): x is RawBodyField => x !== null);
      this.modelFields(schemaModel, fields);
      return;
    }
    // "- `GET /api/things/:id` - fetch one" in a schema document: endpoints, never columns or tables.
    const endpointItems = node.children.filter((item) => /^(?:[^:：\n]{1,40}[:：]\s*)?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\//.test(this.itemFlat(item).text)).length;
    if (endpointItems > 0 && endpointItems * 2 >= node.children.length) return;
    if (this.modelItems(node)) return;
    let table = this.currentTable();
    const label = this.lastLabel;
    // "- `Priority`: low | medium | high" under an "Enums" heading.
    if (!table && this.stack.some((x) => x.kind === "values")) {
      for (const item of node.children) {
        const f = this.itemFlat(item);
        // "- Status" over "  - TODO", "  - DONE": the enum named by the item, its values nested.
        const sub = item.children.find((c): c is List => c.type === "list");
        const named = sub && /^[`*]*([A-Za-z_]\w*)[`*]*\s*[:：]?$/.exec(f.text);
        if (named && sub) {
          const values = sub.children.map((c) => {
            const v = this.itemFlat(c);
            const x = /^[`'"]?([A-Za-z0-9_.-]+)[`'"]?(?:\s*(?:[:：—–(（]|\s-\s).*)?$/.exec(v.text);
            return x ? this.rawText(flatSub(v, v.text.indexOf(x[1]!), v.text.indexOf(x[1]!) + x[1]!.length)) : null;
          });
          if (values.length >= 2 && values.every((v) => v)) {
            const at = f.text.indexOf(named[1]!);
            this.enums.push({ name: this.rawText(flatSub(f, at, at + named[1]!.length)), values: values as RawText[] });
          }
          continue;
        }
        const m = /^([A-Za-z_]\w*)\s*[:=：]\s*(.+)$/.exec(f.text);
        const values = m ? splitEnumValues(m[2]!) : null;
        if (!m || !values) continue;
        const at = f.text.indexOf(m[2]!, m[1]!.length);
        this.enums.push({ name: this.rawText(flatSub(f, 0, m[1]!.length)), values: values.map((v) => this.rawText(flatSub(f, at + v.at, at + v.at + v.text.length))) });
      }
      return;
    }
    // "Unique constraints:" / "Primary key:" over a list of column groups.
    if (table && label && /^(?:composite\s+)?(?:unique(?:\s+(?:constraints?|keys?|indexes|indices))?|primary\s+keys?|composite\s+keys?)$/.test(label)) {
      const primary = /primary|composite\s+key/.test(label);
      for (const item of node.children) {
        const f = this.itemFlat(item);
        const m = /^\(?\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)?/.exec(f.text);
        if (!m) continue;
        const cols = m[1]!.split(/\s*,\s*/);
        const span = this.idx.span(f.offs[0] ?? 0);
        if (primary) this.keyOf(table, cols, span);
        else table.indexes.push({ columns: cols, unique: true, span });
      }
      return;
    }
    if (this.inIndexesSection() || (label && /\bind(ex|ices|exes)\b|\bindici\b/.test(label))) {
      for (const item of node.children) this.indexItem(item, table);
      return;
    }
    if (!table) {
      // "Validation Rules:" (or a section so titled) outside any table: each item names its column.
      const title = this.top()?.title.replace(/[`*]/g, "").trim().toLowerCase();
      if ((label && RULES_LABEL.test(label)) || (title && RULES_SECTION.test(title))) {
        for (const item of node.children) this.looseRuleText(this.itemFlat(item));
      }
      return;
    }
    // "Checks:" over a list of CHECK expressions: the table's checks.
    if (label && /^(checks?|check constraints?)$/.test(label)) {
      for (const item of node.children) {
        const f = this.itemFlat(item);
        const m = /^(?:(?:constraint\s+[A-Za-z_]\w*\s+)?check\s*)?\(?\s*(.+?)\s*\)?\s*$/i.exec(f.text);
        if (!m || !m[1]) continue;
        const named = /^constraint\s+([A-Za-z_]\w*)/i.exec(f.text)?.[1];
        const at = f.text.indexOf(m[1]);
        (table.checks ??= []).push({ expression: this.rawText(flatSub(f, at, at + m[1].length)), dialect: "postgresql", ...(named ? { name: named } : {}) });
      }
      return;
    }
    // "Validation Rules:" under a table: each item states rules about a column in prose.
    if (label && RULES_LABEL.test(label)) {
      for (const item of node.children) this.ruleItem(item, table);
      return;
    }
    // "- **Columns**" / "- 主な列" over a nested list: the nested list is the table's columns.
    if (!label) {
      for (const item of node.children) {
        const f = this.itemFlat(item);
        // "- **Primary key**: `id`" (主キー, 主键, 기본 키, chave primária): the key column, and any
        // columns nested under it.
        const key = KEY_ITEM.exec(f.text);
        if (key) {
          const at = f.text.lastIndexOf(key[1]!);
          const name = this.rawText(flatSub(f, at, at + key[1]!.length));
          if (!table.columns.some((c) => c.name.text === name.text)) table.columns.push({ name, type: { text: "", span: name.span }, constraints: [{ text: "primary key", span: name.span }] });
        }
        // "- `name` … the title" over nested "- `sortIndex` …" items: a column, then more of them.
        const nested = item.children.find((c): c is List => c.type === "list");
        const lead = item.children.find((c): c is Paragraph => c.type === "paragraph")?.children[0];
        if (!key && nested && lead?.type === "inlineCode" && /^[A-Za-z_]\w*$/.test(lead.value) && nested.children.every((c) => c.children.find((x): x is Paragraph => x.type === "paragraph")?.children[0]?.type === "inlineCode")) {
          const own = this.columnFlat(f, true, true);
          if (own) table.columns.push(...own.columns);
        }
        if ((key || (nested && lead?.type === "inlineCode")) && nested) {
          this.lastLabel = "fields";
          this.list(nested);
          this.lastLabel = null;
        }
      }
      const keyed = node.children.some((item) => KEY_ITEM.test(this.itemFlat(item).text));
      for (const item of node.children) {
        const sub = item.children.find((c): c is List => c.type === "list");
        const t = this.itemFlat(item).text.replace(/[:：]\s*$/, "").trim();
        if (!sub || t.length > 24 || !(FIELDS_LABEL.test(t.toLowerCase()) || /(?:列|カラム|フィールド|字段|項目|属性)$|\b(?:columns|fields|attributes)$/i.test(t))) continue;
        this.lastLabel = "fields";
        this.list(sub);
        this.lastLabel = null;
      }
      if (keyed) {
        table.notation ??= "markdown-bullets";
        for (const item of node.children) this.prismaAttributes(this.itemFlat(item), table);
        return;
      }
    }
    // "`@@unique([ownerId, name])`", "`@@id([noteId, tagId])`" quoted in a table's notes: Prisma's
    // rules on several columns, written in prose.
    if (table.columns.length > 0) for (const item of node.children) this.prismaAttributes(this.itemFlat(item), table);
    if (label && !/^(fields|columns|attributes|properties|schema|columns and types|字段|列)\b/.test(label)) return;
    // Unlabelled or "Fields:": a column list when at least one item reads as a column; under a
    // fields label, also when most items are bare names (a document store's "Fields: - email").
    // A list of code-formatted names alone ("- `_id`", "- `eventId`", "- `role` (`a | b`)") under a
    // table with no columns yet: the table's columns, types inferred from the names.
    const bare = !label && table.columns.length === 0 && node.children.length >= 2 && ![table.name.text, this.top()?.title.replace(/[`*]/g, "").trim().toLowerCase() ?? ""].some((w) => SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w)) && (node.children.every((item) => {
      const lead = item.children.find((c): c is Paragraph => c.type === "paragraph")?.children[0];
      return lead?.type === "inlineCode" && /^[A-Za-z_]\w*\b/.test(lead.value);
    }) || this.bareFields(node));
    const listed = (!!label && FIELDS_LABEL.test(label)) || bare;
    const parsed = node.children.map((item) => ({
      item,
      // "- key" in a field list, "- key (PK)": a column named key, not a table-level key.
      col: TABLE_LEVEL_ITEM.test(this.itemFlat(item).text) && !(listed && /^key(?:\s*\(\s*(?:pk|primary\s+key)\b[^()]*\))?$/i.test(this.itemFlat(item).text)) ? null : this.columnItem(item, listed),
    }));
    const anyKnown = parsed.some((p) => p.col && p.col.known) || (listed && parsed.filter((p) => p.col).length * 2 > parsed.length);
    if (!anyKnown && !this.rulesHome()) {
      for (const item of node.children) this.looseRuleText(this.itemFlat(item));
      return;
    }
    if (!anyKnown) {
      // "- code must be unique", "- (shop_id, day) unique" under a table's columns: its rules.
      if (table.columns.length > 0) {
        for (const item of node.children) this.tableRuleLine(this.itemFlat(item), table);
        return;
      }
      // "### DoorState" over "- Open", "- Shut": the values of an enum named by the heading.
      const title = this.top()?.title.replace(/[`*]/g, "").trim() ?? "";
      const items = node.children.map((item) => /^[`'"]?([A-Za-z0-9_.-]+)[`'"]?(?:\s*(?:[:：—–]|\s-\s).*)?$/.exec(this.itemFlat(item).text));
      if (table.columns.length === 0 && ENUM_NAME.test(title) && items.length >= 2 && items.every((x) => x)) {
        this.enums.push({ name: { text: title, span: this.top()!.span }, values: node.children.map((item, i) => {
          const f = this.itemFlat(item);
          const at = f.text.indexOf(items[i]![1]!);
          return this.rawText(flatSub(f, at, at + items[i]![1]!.length));
        }) });
        return;
      }
      if (table.columns.length === 0 && !table.like) {
        for (const item of node.children) {
          const like = this.likeRef(this.itemFlat(item));
          if (like) table.like = like;
        }
      }
      return;
    }
    table = this.nextShared(table);
    table.notation ??= "markdown-bullets";
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

  /**
   * Models as nested bullets: "- **Widget**" (or "- Widget", "- `widgets`:") over a nested list of
   * its columns, or over items of which one labels them ("- Fields:" / "- Поля:" then the columns).
   * Each such item is a table; an item whose nested lists hold no column with a known type is left
   * alone (a list of relations or notes is no table).
   */
  private modelItems(node: List): boolean {
    const found: { name: Flat; cols: List }[] = [];
    const typed = (l: List) => l.children.some((c) => this.columnItem(c)?.known);
    for (const item of node.children) {
      const f = this.itemFlat(item);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*[:：]?$/.exec(f.text);
      const sub = item.children.find((c): c is List => c.type === "list");
      if (!m || !sub) continue;
      const w = m[1]!.toLowerCase();
      if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w) || RULES_LABEL.test(w)) continue;
      let cols: List | undefined = typed(sub) ? sub : undefined;
      if (!cols) {
        const labelled = sub.children
          .map((c) => ({ t: this.itemFlat(c).text.replace(/[:：]\s*$/, "").trim().toLowerCase(), l: c.children.find((x): x is List => x.type === "list") }))
          .filter((x): x is { t: string; l: List } => !!x.l && x.t.length <= 24);
        const named = (l: List) => l.children.filter((c) => this.columnItem(c, true)).length * 2 >= l.children.length;
        cols = (labelled.find((x) => (FIELDS_LABEL.test(x.t) || /^(?:поля|столбцы|колонки|атрибуты)$/.test(x.t)) && named(x.l))
          ?? (labelled.filter((x) => typed(x.l)).length === 1 ? labelled.find((x) => typed(x.l)) : undefined))?.l;
      }
      if (!cols && this.bareFields(sub)) cols = sub;
      if (cols) found.push({ name: flatSub(f, f.text.indexOf(m[1]!), f.text.indexOf(m[1]!) + m[1]!.length), cols });
    }
    if (!found.some((x) => typed(x.cols) || this.bareFields(x.cols))) return false;
    const saved = [...this.stack];
    for (const { name, cols } of found) {
      this.stack = [...saved];
      this.openSection((this.lastRealDepth() ?? 0) + 1, name, true, true);
      this.lastLabel = "fields";
      this.list(cols);
      this.lastLabel = null;
    }
    this.stack = saved;
    return true;
  }

  /** Prisma's block attributes quoted in prose: `@@unique([a, b])` a unique index, `@@id([a, b])` the key. */
  private prismaAttributes(f: Flat, table: TableDraft): void {
    for (const m of f.text.matchAll(/@@(unique|id|index)\s*\(\s*\[([^\]]+)\]/g)) {
      const cols = m[2]!.split(",").map((x) => x.trim().replace(/^["'`]|["'`]$/g, "")).filter((x) => /^[A-Za-z_]\w*$/.test(x));
      if (cols.length === 0) continue;
      const span = this.idx.span(f.offs[m.index!] ?? f.offs[0] ?? 0);
      if (m[1] === "id") this.keyOf(table, cols, span);
      else if (!table.indexes.some((i) => i.columns.join(",") === cols.join(",") && !!i.unique === (m[1] === "unique"))) table.indexes.push({ columns: cols, unique: m[1] === "unique", span });
    }
  }

  /** The entity a document's title names after a colon ("# DB Spec: Contact", "# Entity: Invoice"): its table. */
  private titleEntity(): RawText | undefined {
    const h1 = this.stack.find((x) => x.depth === 1);
    const m = h1 && /[:：]\s*[`*]*([A-Za-z][A-Za-z0-9_]*)[`*]*\s*$/.exec(h1.title);
    if (!m) return undefined;
    const name = snakeCase(m[1]!);
    return { text: /^[A-Z]/.test(m[1]!) && this.english() && singular(name) === name ? plural(name) : name, span: h1!.span };
  }

  /**
   * A table of tables: one column names a table in each row, another lists its fields by name
   * ("| `devices` | `id`, `tenant_id`, `label` | what it is for |"), most rows two or more names,
   * one of them a key or a time stamp. Each row is a table whose columns' types the builder infers.
   */
  private catalogTable(node: Table, body: readonly string[][]): boolean {
    if (body.length < 2) return false;
    const width = Math.max(...body.map((r) => r.length));
    let fieldsCol = -1;
    for (let j = 0; j < width && fieldsCol < 0; j++) {
      const lists = body.map((r) => fieldList(r[j] ?? ""));
      if (lists.filter(Boolean).length * 3 >= body.length * 2 && lists.every((l) => !l || l.some((n) => KEYISH_NAME.test(n)))) fieldsCol = j;
    }
    if (fieldsCol < 0) return false;
    const nameCol = [...Array(width).keys()].find((i) => i !== fieldsCol && body.every((r) => /^[A-Za-z_]\w*$/.test((r[i] ?? "").replace(/[`*]/g, "").trim())));
    if (nameCol === undefined) return false;
    for (const row of node.children.slice(1)) {
      const at = (i: number) => {
        const c = row.children[i];
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      const nameF = at(nameCol);
      const fieldsF = at(fieldsCol);
      if (!nameF || !fieldsF || !fieldList(fieldsF.text)) continue;
      const nm = /[A-Za-z_]\w*/.exec(nameF.text)!;
      const name = this.rawText(flatSub(nameF, nm.index, nm.index + nm[0].length));
      const columns: RawColumn[] = [...fieldsF.text.matchAll(/[A-Za-z_]\w*/g)].map((x) => {
        const n = this.rawText(flatSub(fieldsF, x.index, x.index + x[0].length));
        return { name: n, type: { text: "", span: n.span }, constraints: [] };
      });
      this.catalog.push({ name: { ...name, text: snakeCase(name.text) }, columns, indexes: [], hasDefs: true, notation: "markdown-table" });
    }
    return true;
  }

  /**
   * A list of field names with no types ("- id", "- userId", "- createdAt (when made)") that reads
   * as a record's fields: two or more names, not all written as constants (an enum's values are
   * TODO, IN_PROGRESS), one of them a key or a time stamp by its name; never under an enums section.
   */
  private bareFields(l: List): boolean {
    if (l.children.length < 2 || this.stack.some((x) => x.kind === "values")) return false;
    const names: string[] = [];
    for (const item of l.children) {
      if (item.children.some((c) => c.type === "list")) return false;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:[(（][^)）]*[)）])?\s*$/.exec(this.itemFlat(item).text);
      if (!m) return false;
      names.push(m[1]!);
    }
    if (names.every((n) => /^[A-Z0-9_]+$/.test(n))) return false;
    return names.some((n) => /^(?:_?id|uuid|pk)$|_id$|[a-z0-9]Id$|_at$|[a-z0-9]At$/.test(n));
  }

  /**
   * A heading that names two tables ("invoices / receipts"): once the first has columns, a
   * second column list under it is the next table's. Returns the table the list is for.
   */
  private nextShared(table: TableDraft): TableDraft {
    if (!table.also?.length || table.columns.length === 0) return table;
    const name = table.also.shift()!;
    const next: TableDraft = { name, columns: [], indexes: [], hasDefs: false, ...(table.explicit ? { explicit: true } : {}), ...(table.also.length ? { also: table.also } : {}) };
    delete table.also;
    this.tables.push(next);
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i]!.table === table) {
        this.stack[i]!.table = next;
        break;
      }
    }
    return next;
  }

  /** The tables a shared heading names that got no column list of their own take the first one's columns (noted), or are reported. */
  private resolveShared(): void {
    for (const t of [...this.tables]) {
      if (!t.also?.length) continue;
      for (const name of t.also) {
        if (t.columns.length === 0) {
          this.warn("SF127", `section "${t.name.text} / ${name.text}" names two tables, but no column was read under it; neither is generated`, name.span);
          continue;
        }
        const { nameNote: _note, also: _also, ...rest } = t;
        this.tables.push({ ...rest, name, columns: [...t.columns], indexes: t.indexes.map((x) => ({ ...x })) });
        this.notes.push({ span: name.span, message: `the heading names "${t.name.text}" and "${name.text}" with one column list: both tables get its columns` });
      }
      t.also = [];
    }
  }

  /**
   * "Similar to above, with `team_member_id` instead of `team_id`", "Same as `invoices`",
   * "Identical to the previous table, but with `b` in place of `a`": the section's table is
   * another one's columns, with the names swapped. Null when the text says nothing of the kind.
   */
  private likeRef(f: Flat): LikeRef | null {
    const text = f.text.replace(/\*\*/g, "");
    const m = /^(?:(?:this\s+table\s+is\s+)?(?:similar|identical|analogous)\s+to|same\s+(?:columns\s+|structure\s+|fields\s+)?as|like)\s+(?:the\s+)?(above|previous(?:\s+(?:one|table|entity|model))?|(?:one|table)\s+above|`?([A-Za-z_]\w*)`?)/i.exec(text);
    if (!m) return null;
    const swaps: (readonly [string, RawText])[] = [];
    const patterns: [RegExp, "new-old" | "old-new"][] = [
      [/with\s+`?([A-Za-z_]\w*)`?\s+(?:instead\s+of|in\s+place\s+of|replacing)\s+`?([A-Za-z_]\w*)`?/gi, "new-old"],
      [/`?([A-Za-z_]\w*)`?\s+(?:replaced\s+by|renamed\s+to|becomes)\s+`?([A-Za-z_]\w*)`?/gi, "old-new"],
    ];
    for (const [re, order] of patterns) {
      for (const x of f.text.matchAll(re)) {
        const [oldName, newName] = order === "new-old" ? [x[2]!, x[1]!] : [x[1]!, x[2]!];
        const at = f.text.indexOf(newName, x.index! + (order === "new-old" ? 0 : x[0].indexOf(newName, oldName.length)));
        swaps.push([oldName, this.rawText(flatSub(f, at, at + newName.length))]);
      }
    }
    const named = m[2] && !/^(above|previous)$/i.test(m[2]) ? m[2] : null;
    return { of: named, swaps, span: this.idx.span(f.offs[0] ?? 0) };
  }

  /** Gives each "same as" table the columns (and keys) of the table it names, renamed as it says. */
  private resolveLikes(): void {
    this.tables.forEach((t, i) => {
      if (!t.like || t.columns.length > 0) return;
      const like = t.like;
      const k = (n: string) => nameKey(words(n).join("_"));
      const source = like.of === null
        ? this.tables.slice(0, i).reverse().find((x) => x.columns.length > 0 && !x.fragment)
        : this.tables.find((x) => x !== t && x.columns.length > 0 && (x.name.text === like.of || k(x.name.text) === k(like.of!)));
      if (!source) {
        this.warn("SF127", `section "${t.name.text}" says it is like ${like.of ? `"${like.of}"` : "the table above"}, which has no columns here; it is not generated`, like.span);
        return;
      }
      const rename = new Map(like.swaps.map(([from, to]) => [from, to]));
      for (const [from] of like.swaps) {
        if (!source.columns.some((c) => c.name.text === from)) this.warn("SF113", `"${from}" is no column of "${source.name.text}"; nothing is swapped for it`, like.span);
      }
      t.columns = source.columns.map((c) => {
        const to = rename.get(c.name.text);
        if (!to) return c;
        // A reference written to a named table belonged to the old column; the new name says its own.
        return { ...c, name: to, constraints: c.constraints.filter((p) => !/references|->|→|foreign\s+key\s*\(|\bfk\s*(?:to|\(|->)/i.test(p.text)) };
      });
      t.indexes = source.indexes.map((x) => ({ ...x, columns: x.columns.map((c) => rename.get(c)?.text ?? c), span: like.span }));
      if (source.checks?.length) t.checks = source.checks.filter((c) => !like.swaps.some(([from]) => new RegExp(`\\b${from}\\b`).test(c.expression.text)));
      t.notation ??= source.notation;
      this.notes.push({ span: like.span, message: `table "${t.name.text}" takes the columns of "${source.name.text}"${like.swaps.length ? `, with ${like.swaps.map(([a, b]) => `"${b.text}" for "${a}"`).join(", ")}` : ""}` });
    });
  }

  /**
   * A table of rules, not of columns: a field column and a rule column, no type column
   * (Field | Validation Rule | Error Message; 字段 | 校验规则). Under a table's section each row
   * joins that table's column; elsewhere the column is found by name at the end. False when the
   * table is not of this kind.
   */
  private rulesTable(node: Table, lower: readonly string[]): boolean {
    const field = lower.findIndex((h) => /^(field|column|attribute|property|name|字段|列|属性|campo|columna|champ|feld|spalte|項目|カラム|필드)(\s*name)?$/.test(h.trim()));
    const rule = lower.findIndex((h) => /\b(rules?|validations?|constraints?|checks?)\b|规则|校验|验证|约束|regla|validaci|restricci|règle|regel|prüfung|ルール|制約|検証|규칙/.test(h));
    const type = lower.findIndex((h) => /^(type|data\s*type|类型|tipo|typ|型|타입)$/.test(h.trim()));
    if (field < 0 || rule < 0 || type >= 0 || field === rule) return false;
    const table = this.rulesHome();
    for (const row of node.children.slice(1)) {
      const cell = (i: number) => {
        const c = row.children[i];
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      const n = cell(field);
      const r = cell(rule);
      if (!n || !r || !r.text || isEmptyMarker(r.text)) continue;
      const m = /^[`"]?(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)[`"]?$/.exec(n.text);
      if (!m) continue;
      const at = n.text.lastIndexOf(m[2]!);
      const column = this.rawText(flatSub(n, at, at + m[2]!.length));
      const phrase = this.rawText(withoutTypeWord(r));
      if (!phrase.text) continue;
      if (table && !m[1]) {
        const c = table.columns.findIndex((x) => x.name.text === m[2]);
        if (c >= 0) table.columns[c] = { ...table.columns[c]!, constraints: [...table.columns[c]!.constraints, phrase] };
        else if (table.columns.length === 0) (table.ruleColumns ??= []).push({ name: column, type: { text: "", span: column.span }, constraints: [phrase] });
        else this.notes.push({ span: column.span, message: `rule "${short(r.text)}" names no column of "${table.name.text}"; it is not enforced` });
      } else this.looseRules.push({ ...(m[1] ? { table: m[1] } : table ? { table: table.name.text } : {}), column, phrase });
    }
    return true;
  }

  /**
   * The table rules written here belong to: the section's table, or none when the section is
   * titled as rules ("## Validation", "## Business Rules") and has no columns of its own (its
   * rules name their columns, found by name at the end).
   */
  private rulesHome(): TableDraft | undefined {
    const table = this.currentTable();
    const title = this.top()?.title.replace(/[`*]/g, "").trim().toLowerCase() ?? "";
    return table && table.columns.length === 0 && RULES_SECTION.test(title) ? undefined : table;
  }

  /** "- email: valid email format", "- tasks.title: 1-200 characters" outside a table's section. */
  private looseRuleText(f: Flat): void {
    const m = /^[`"]?(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)[`"]?\s*(?:[:：\-–—]\s*)/.exec(f.text);
    if (!m) return;
    const phrase = withoutTypeWord(flatTrim(flatSub(f, m[0].length)));
    if (!phrase.text) return;
    const at = m[0].lastIndexOf(m[2]!);
    this.looseRules.push({ ...(m[1] ? { table: m[1] } : {}), column: this.rawText(flatSub(f, at, at + m[2]!.length)), phrase: this.rawText(phrase) });
  }

  /** Each loose rule joins the one table that has its column (or the table it names), as a rules-only fragment. */
  private resolveLooseRules(): void {
    const k = (n: string) => nameKey(words(n).join("_"));
    const colKey = (n: string) => words(n).join("_");
    for (const r of this.looseRules) {
      const holders = this.tables.filter((t) => !t.fragment && !t.valueObject && t.columns.some((c) => colKey(c.name.text) === colKey(r.column.text)) && (!r.table || k(t.name.text) === k(r.table)));
      const names = [...new Set(holders.map((t) => t.name.text))];
      if (names.length !== 1) {
        this.warn("SF113", names.length === 0
          ? `rule "${short(r.phrase.text)}" is for "${r.table ? `${r.table}.` : ""}${r.column.text}", which no table has; it is not enforced`
          : `rule "${short(r.phrase.text)}" is for "${r.column.text}", a column of several tables (${names.join(", ")}); it is not enforced`,
          r.column.span, names.length > 1 ? `name the table: "${names[0]}.${r.column.text}"` : undefined);
        continue;
      }
      const holder = holders[0]!;
      const col = holder.columns.find((c) => colKey(c.name.text) === colKey(r.column.text))!;
      this.tables.push({ name: { text: holder.name.text, span: r.column.span }, columns: [{ name: { text: col.name.text, span: r.column.span }, type: { text: "", span: r.column.span }, constraints: [r.phrase] }], indexes: [], hasDefs: false, fragment: true, notation: "markdown-bullets" });
    }
  }

  /**
   * The one-line markers of a table section ("Table: x", "Owner: x", "Unique constraint: (a, b)",
   * "Check constraint: a != b", "Shared: read-write", ...). True when the line was one.
   */
  private markerLine(f: Flat, table: TableDraft | undefined): boolean {
    const text = f.text;
    const tableMarker = /^table\s*:\s*([A-Za-z_]\w*)\s*$/i.exec(text);
    if (tableMarker && table) {
      const at = text.lastIndexOf(tableMarker[1]!);
      table.name = this.rawText(flatSub(f, at, at + tableMarker[1]!.length));
      return true;
    }
    const ownerMarker = /^(?:owner|owned by|owner column)\s*:\s*([A-Za-z_]\w*)\s*\.?$/i.exec(text);
    if (ownerMarker && table) {
      const at = text.lastIndexOf(ownerMarker[1]!);
      table.owner = this.rawText(flatSub(f, at, at + ownerMarker[1]!.length));
      return true;
    }
    const renameMarker = /^(?:renamed|formerly|previously)(?:\s+(?:from|named|called))?\s*:?\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\.?$/i.exec(text);
    if (renameMarker && table) {
      const at = text.lastIndexOf(renameMarker[1]!);
      table.renamedFrom = this.rawText(flatSub(f, at, at + renameMarker[1]!.length));
      return true;
    }
    // "**Unique constraint**: (gigId, applicantId) — a user applies once", "Primary key: (a, b)".
    const keyLine = /^(?:composite\s+)?(unique|primary)(?:\s+(?:constraint|key|index))?s?\s*[:：]\s*\(?\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)?(?=$|\s|[.;,—–-])/i.exec(text);
    if (keyLine && table) {
      const cols = keyLine[2]!.split(/\s*,\s*/);
      const span = this.idx.span(f.offs[text.indexOf(keyLine[2]!)] ?? f.offs[0] ?? 0);
      if (/primary/i.test(keyLine[1]!)) this.keyOf(table, cols, span);
      else table.indexes.push({ columns: cols, unique: true, span });
      return true;
    }
    // "**Check constraint**: followerId != followeeId — a user cannot follow themselves".
    const checkLine = /^check(?:\s+constraint)?s?\s*[:：]\s*(.+?)\s*(?:\s[—–-]\s.*)?$/i.exec(text);
    if (checkLine && table) {
      const at = text.indexOf(checkLine[1]!);
      const expr = flatSub(f, at, at + checkLine[1]!.length);
      (table.checks ??= []).push({ expression: this.rawText(expr), dialect: "postgresql" });
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
      this.rowLevelSecurity = /^(on|yes|true|enabled)$/i.test(rls[1]!);
      return true;
    }
    if (/^identity(\s+table)?\s*(:\s*(yes|true))?\s*\.?$/i.test(text) && table) {
      table.identity = true;
      return true;
    }
    if (this.enumLine(f)) return true;
    if (table && this.tableRuleLine(f, table)) return true;
    return false;
  }

  /**
   * "DoorState: Open, Shut, Locked", "OrderStatus = pending | paid": a line declaring an enum by
   * a type-like name (two capitalised words run together, or a name ending in Status, State,
   * Type, Kind, Role or Level). A column may then name it ("see DoorState").
   */
  private enumLine(f: Flat): boolean {
    const m = ENUM_LINE.exec(f.text);
    if (!m) return false;
    const at = f.text.indexOf(m[2]!, m[1]!.length);
    const values = splitEnumValues(m[2]!.replace(/\s*\/\s*/g, ", ").replace(/[.;]$/, ""));
    if (!values || new Set(values.map((v) => v.text)).size !== values.length) return false;
    const name = this.rawText(flatSub(f, f.text.indexOf(m[1]!), f.text.indexOf(m[1]!) + m[1]!.length));
    // A "/" separated list is read with commas in its place, one character for one.
    this.enums.push({ name, values: values.map((v) => this.rawText(flatSub(f, at + v.at, at + v.at + v.text.length))) });
    return true;
  }

  /**
   * A rule written outside the column rows, under a table that has columns: "NOT NULL: a, b, c",
   * "Unique constraint on widgets: (a, b)", "(shop_id, day) unique", "code must be unique". Read
   * only when every column it names is the table's and the rule reads whole; anything else is prose.
   */
  private tableRuleLine(f: Flat, table: TableDraft): boolean {
    if (table.columns.length === 0) return false;
    const text = f.text.replace(/[`*]/g, (c) => " ".repeat(c.length)).replace(/\s+$/, "");
    const has = (n: string) => table.columns.findIndex((c) => c.name.text === n);
    const span = this.idx.span(f.offs[0] ?? 0);
    const addTo = (name: string, phrase: RawText) => {
      const c = has(name);
      const old = table.columns[c]!;
      table.columns[c] = { ...old, constraints: [...old.constraints, phrase] };
    };
    // "NOT NULL: a, b, c", "Required fields: a, b", "Nullable: note".
    const listed = /^\s*(not\s+null|required|mandatory|nullable|optional)(?:\s+(?:columns?|fields?))?\s*[:：]\s*([A-Za-z_]\w*(?:\s*(?:,|\band\b)\s*[A-Za-z_]\w*)*)\s*\.?$/i.exec(text);
    if (listed) {
      const names = listed[2]!.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
      if (!names.every((n) => has(n) >= 0)) return false;
      const rule = /not|required|mandatory/i.test(listed[1]!) ? "not null" : "nullable";
      for (const n of names) addTo(n, { text: rule, span });
      return true;
    }
    // "Unique constraint on widgets: (a, b)", "Unique (a, b)", "(a, b) unique", "(a, b) must be unique".
    const onTable = /^\s*(?:composite\s+)?unique(?:\s+(?:constraint|index|key))?\s+(?:on|for)\s+([A-Za-z_]\w*)\s*[:：]?\s*\(([^)]*)\)\s*\.?$/i.exec(text);
    const before = /^\s*\(([^)]*)\)\s*(?:(?:must|should)\s+be\s+|is\s+|are\s+)?(?:unique|unique\s+together|together\s+unique)\s*\.?$/i.exec(text);
    // "unique (a, b) keeps one slot per day": the rule opens the line, prose may follow it.
    const after = /^\s*(?:composite\s+)?unique(?:\s+(?:constraint|index|key))?\s*(?:on\s*)?[:：]?\s*\(([^)]*)\)(?:\s*\.?$|\s+(?=\S))/i.exec(text);
    const group = onTable ? onTable[2]! : before ? before[1]! : after ? after[1]! : null;
    if (group !== null) {
      const cols = group.split(",").map((c) => c.trim()).filter(Boolean);
      const named = onTable ? snakeCase(onTable[1]!) : null;
      if (!cols.length || !cols.every((c) => /^[A-Za-z_]\w*$/.test(c))) return false;
      if (named && named !== snakeCase(table.name.text) && nameKey(named) !== nameKey(table.name.text)) {
        this.specIndexes.push({ columns: cols, unique: true, table: named, span });
        return true;
      }
      if (!cols.every((c) => has(c) >= 0)) return false;
      table.indexes.push({ columns: cols, unique: true, span });
      return true;
    }
    // "> STATUS values: `open` / `closed`", "ROLE 取值：a / b": the values a column takes.
    const valuesOf = /^\s*([A-Za-z_]\w*)\s*(?:values?|allowed(?:\s+values)?|one\s+of|取值|可选值|取值范围)\s*[:：]\s*(.+?)\s*\.?$/i.exec(text);
    if (valuesOf) {
      const c = table.columns.findIndex((x) => x.name.text.toLowerCase() === valuesOf[1]!.toLowerCase());
      const values = valuesOf[2]!.replace(/[（(][^）)]*[）)]/g, "").split(/\s*(?:\/|,|\||、)\s*/).map((v) => v.trim()).filter(Boolean);
      if (c < 0 || values.length < 2 || !values.every((v) => /^[A-Za-z0-9_.-]+$/.test(v)) || new Set(values).size !== values.length) return false;
      addTo(table.columns[c]!.name.text, { text: `one of ${values.map((v) => `'${v}'`).join(", ")}`, span });
      return true;
    }
    // "code must be unique", "price is required", "qty must be > 0": a column, then a rule read whole.
    const lead = /^\s*([A-Za-z_]\w*)\s+(?=\S)/.exec(text);
    if (lead && has(lead[1]!) >= 0) {
      const phrase = flatTrim(flatSub(f, lead[0].length));
      const r = interpretConstraint(phrase.text.replace(/\.$/, ""));
      if (r.unknownAt !== undefined || Object.keys(r).length === 0) return false;
      addTo(lead[1]!, this.rawText(phrase));
      return true;
    }
    return false;
  }

  /** "Request Body:" / "#### Request" makes what follows the endpoint's body; "Response" ends it. */
  private bodyLabel(ep: EndpointDraft, text: string): void {
    const t = text.replace(/[`*_]/g, "").trim();
    if (/^(?:request(?:\s+body)?|body|payload|input|request\s+payload|json\s+body)\b[^.:]{0,30}:?\s*$/i.test(t)) this.bodyFor = ep;
    else if (/^(?:response|responses|returns|output|success|example\s+response|errors?)\b/i.test(t)) this.bodyFor = null;
  }

  private currentModel(): TableDraft | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.model) return e.model;
      if (e.endpoint) return undefined;
    }
    return undefined;
  }

  /** A request model's fields join its table as rules only (a fragment: no type, no new columns). */
  private modelFields(model: TableDraft, fields: readonly RawBodyField[]): void {
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
  private bodyItem(f: Flat): RawBodyField | null {
    const m = /^[`"']?([A-Za-z_]\w*)[`"']?\??\s*(?=$|[:：(—–\-,\s])/.exec(f.text);
    if (!m) return null;
    const restAt = m[0].length;
    const rest = f.text.slice(restAt);
    if (!/^\s*[:：(—–-]/.test(rest) && rest.trim() !== "") return null;
    return this.fieldFrom(f, m[1]!, f.text.indexOf(m[1]!), restAt);
  }

  /** The field at `nameAt` and what `from` onwards says of it: a type word, parenthesised rules, prose rules. */
  private fieldFrom(f: Flat, name: string, nameAt: number, from: number): RawBodyField | null {
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
        type = this.rawText(flatSub(f, a, b));
        continue;
      }
      if (/^required$/i.test(piece)) required = true;
      else if (/^optional$/i.test(piece)) required = false;
      constraints.push(this.rawText(flatSub(f, a, b)));
    }
    if (!type && constraints.length === 0) return null;
    return { name: this.rawText(flatSub(f, nameAt, nameAt + name.length)), ...(type ? { type } : {}), ...(required !== undefined ? { required } : {}), constraints };
  }

  /**
   * A request body written as a JSON sketch whose values describe the fields:
   * \`"title": "string (required, 1-200 chars)"\`. Lines holding example values are not rules.
   */
  private descriptorBody(node: Code): RawBodyField[] {
    const f = this.codeFlat(node);
    const out: RawBodyField[] = [];
    // The description quoted ("string (1-200 chars)") or bare (string (1-200 chars),).
    const re = /^([ \t]*)"([A-Za-z_]\w*)"\s*:\s*(?:"((?:string|str|text|integer|int|number|float|decimal|boolean|bool|date|datetime|uuid|array|list|object|enum|email|url|uri)\b[^"\n]*)"|((?:string|str|text|integer|int|number|float|decimal|boolean|bool|date|datetime|uuid|array|list|object|enum|email|url|uri)\b[^\n]*?)\s*,?\s*$)/gim;
    for (const m of f.text.matchAll(re)) {
      const value = m[3] ?? m[4]!;
      const nameAt = m.index! + m[1]!.length + 1;
      const valueAt = f.text.indexOf(value, nameAt + m[2]!.length);
      const sub = flatSub(f, 0, valueAt + value.length);
      const field = this.fieldFrom(sub, m[2]!, nameAt, valueAt);
      if (field) out.push(field);
    }
    return out;
  }

  /** Whether another section or block of this document gives table `name` its columns. */
  private codeDefines(name: string): boolean {
    const k = (n: string) => nameKey(words(n).join("_"));
    return this.tables.some((x) => x.columns.length > 0 && k(x.name.text) === k(name));
  }

  /** A key of several columns stated apart from them: "primary key" on each. */
  private keyOf(table: TableDraft, cols: readonly string[], span: Span): void {
    for (const name of cols) {
      const c = table.columns.findIndex((x) => x.name.text === name);
      if (c < 0) {
        this.warn("SF113", `primary key names column "${name}", which table "${table.name.text}" does not define`, span);
        continue;
      }
      const old = table.columns[c]!;
      table.columns[c] = { ...old, constraints: [...old.constraints, { text: "primary key", span }] };
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
   * "name: type — c, c", "`name` TYPE c c" (no colon), "`name` (type): description",
   * "`status`: `a | b | c`" (allowed values), and a code-formatted name with no type at all
   * ("`started_at`", "`item_id` FK -> menu_items", "`menu_name` snapshot"): its type is left
   * empty for the IR builder to infer from the name and the reference (and say so).
   */
  /** `listed`: the list is labelled as the table's fields ("Fields:"), so a bare name is a column too. */
  private columnItem(item: ListItem, listed = false): { columns: RawColumn[]; known: boolean } | null {
    const para = item.children.find((c): c is Paragraph => c.type === "paragraph");
    const lead = para?.children[0];
    const formatted = listed || (lead !== undefined && (lead.type === "inlineCode" || lead.type === "strong" || lead.type === "emphasis"));
    return this.columnFlat(this.itemFlat(item), formatted, listed);
  }

  /** One column written as text (a list item's, a line of a field block): see columnItem. `formatted`: its name is set apart (code, bold), so it may stand alone. */
  private columnFlat(item: Flat, formatted: boolean, listed: boolean): { columns: RawColumn[]; known: boolean } | null {
    let f = item;
    // "- role (VARCHAR(20), not null) // ADMIN, MERCHANT, USER": a code-style comment after the
    // column: the values it lists, or a description.
    let comment: Flat | null = null;
    const slashes = /\s(?:\/\/|#)\s*(?=\S)/.exec(f.text);
    if (slashes && slashes.index > 0) {
      comment = flatTrim(flatSub(f, slashes.index + slashes[0].length));
      f = flatTrim(flatSub(f, 0, slashes.index));
    }
    // "createdAt, updatedAt", "archivedAt / deletedAt": several columns alike.
    const m = /^([A-Za-z_]\w*(?:\s*[,/]\s*[A-Za-z_]\w*)*)(?=\s*[:：(（]|\s+\S|\s*$)/.exec(f.text);
    if (!m) return null;
    const names = [...m[1]!.matchAll(/[A-Za-z_]\w*/g)].map((x) => this.rawText(flatSub(f, x.index, x.index + x[0].length)));
    let rest = flatTrim(flatSub(f, m[0].length));
    const colon = /^[:：]\s*/.exec(rest.text);
    if (colon) rest = flatTrim(flatSub(rest, colon[0].length));
    let type: Flat | null = null;
    const constraints: Flat[] = [];
    let description: string | undefined;
    if (/^[(（]/.test(rest.text)) {
      // name (type, c, c) tail
      const close = matchParen(rest.text.replace(/^（/, "(").replace(/）/, ")"), 0);
      if (close < 0) return null;
      const inner = flatSplit(flatSub(rest, 1, close), ",");
      if (inner.length === 0) return null;
      const typed = inner.findIndex((p) => typeHead(p.text) !== null && TYPE_HEAD.has(typeHead(p.text)!));
      if (inner.length === 1 && ENUM_LIST.test(inner[0]!.text) && ENUM_LIST.exec(inner[0]!.text)![0].length === inner[0]!.text.length) {
        // "`role` (`student | organizer | admin`)": the values are the type (an enum).
        type = inner[0]!;
      } else if (typeHead(inner[0]!.text) !== null) {
        type = inner[0]!;
        constraints.push(...inner.slice(1));
      } else if (typed > 0 && inner.every((p, k) => k === typed || looksLikeConstraints(p.text))) {
        // "id (PK, BIGINT, auto)": the type among the constraints.
        type = inner[typed]!;
        constraints.push(...inner.filter((_, k) => k !== typed));
      } else if ((formatted || inner.some((p) => KEY_PIECE.test(p.text))) && inner.every((p) => looksLikeConstraints(p.text))) constraints.push(...inner);
      // "org_id (PK, FK -> orgs.id)", "shop_id (FK shops.id)": a key with no type (it follows the target's).
      else if (listed) description = flatSub(rest, 1, close).text; // "meta (wordCount, sentenceCount)": what it holds
      else return null;
      rest = flatTrim(flatSub(rest, close + 1));
      const after = /^[:：]\s*/.exec(rest.text);
      if (after) {
        // "`id` (integer): Unique identifier": the rest is the description.
        const d = flatTrim(flatSub(rest, after[0].length)).text;
        if (d) description = d;
        rest = flatSub(rest, rest.text.length);
      }
    } else if (ENUM_LIST.test(rest.text)) {
      // "`status`: `active | tied | finished`": the values are the type (an enum).
      const end = ENUM_LIST.exec(rest.text)![0].length;
      type = flatSub(rest, 0, end);
      rest = flatTrim(flatSub(rest, end));
    } else {
      const tm = TYPE_PREFIX.exec(rest.text);
      // Without a colon or a code-formatted name, only a type in capitals reads as one ("id UUID PK"),
      // so prose ("All timestamps are stored in UTC") is not a column.
      if (tm && typeHead(tm[0]) !== null && (colon || formatted || (/^[A-Z][A-Z0-9_]*\b/.test(tm[0]) && TYPE_HEAD.has(typeHead(tm[0])!) && /^[a-z_][a-z0-9_]*$/.test(m[1]!)))) {
        type = flatSub(rest, 0, tm[0].length);
        rest = flatTrim(flatSub(rest, tm[0].length));
      } else if (colon && tm && !looksLikeConstraints(rest.text)) {
        // "name: frobnitz": after a colon comes the type, understood or not (SF103 says which).
        type = flatSub(rest, 0, tm[0].length);
        rest = flatTrim(flatSub(rest, tm[0].length));
      } else if (!(formatted || colon) || names.length === 0) return null;
      if (type && rest.text.startsWith("(")) {
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
    if (head.text) {
      const pieces = flatSplit(head.text.startsWith(",") ? flatSub(head, 1) : head, ",");
      if (type || pieces.every((p) => looksLikeConstraints(p.text))) constraints.push(...pieces);
      else description = head.text; // "`menu_name` snapshot": a note, not a rule
    }
    if (tail && tail.text) {
      const pieces = flatSplit(tail, ",");
      if (pieces.length > 0 && pieces.every((p) => CONSTRAINT_PIECE.test(p.text))) constraints.push(...pieces);
      else description = description ? `${description} ${tail.text}` : tail.text;
    }
    let values: RawText[] | undefined;
    if (comment && comment.text) {
      const listed = splitEnumValues(comment.text.replace(/\s+or\s+/gi, ", "));
      if (listed && listed.length >= 2 && !/\b(e\.g|etc|for example|such as)\b/i.test(comment.text) && listed.every((v) => /^[A-Za-z][A-Za-z0-9_-]*$/.test(v.text)))
        values = listed.map((v) => ({ text: v.text, span: this.idx.span(comment!.offs[v.at] ?? comment!.offs[0] ?? 0) }));
      else description = description ? `${description} ${comment.text}` : comment.text;
    }
    const th = type ? typeHead(type.text) : null;
    const known = th !== null && (TYPE_HEAD.has(th) || ENUM_LIST.test(type!.text));
    // No type written: an empty type text, positioned at the name, for the builder to infer.
    let rawType = type ? this.rawText(type) : { text: "", span: names[0]!.span };
    // "title (VARCHAR 200)": the length without parentheses.
    const sized = /^([A-Za-z]\w*)\s+(\d+(?:\s*,\s*\d+)?)$/.exec(rawType.text);
    if (sized && TYPE_HEAD.has(sized[1]!.toLowerCase())) rawType = { ...rawType, text: `${sized[1]}(${sized[2]})` };
    // "status (nvarchar: active|disabled)": a type, then its allowed values.
    const typedValues = /^([A-Za-z]\w*(?:\(\s*\d+\s*\))?)\s*:\s*([A-Za-z0-9_.-]+(?:\s*\|\s*[A-Za-z0-9_.-]+)+)$/.exec(rawType.text);
    if (typedValues && !values && type) {
      const at = type.text.indexOf(typedValues[2]!, typedValues[1]!.length);
      values = splitEnumValues(typedValues[2]!)?.map((v) => this.rawText(flatSub(type!, at + v.at, at + v.at + v.text.length)));
      rawType = { ...rawType, text: typedValues[1]! };
    }
    const rawConstraints = constraints.map((c) => this.rawText(c));
    return {
      known,
      columns: names.map((name) => ({
        name,
        type: rawType,
        constraints: rawConstraints,
        ...(description ? { description } : {}),
        ...(values ? { values } : {}),
      })),
    };
  }

  /**
   * "`title` is required and must be 1-255 characters", "`role` must be either "user" or
   * "assistant"": the rest of the item is a constraint phrase of the column it names, read by
   * the IR builder like any other (a phrase it cannot read is a warning quoting it).
   */
  private ruleItem(item: ListItem, table: TableDraft): void {
    const f = this.itemFlat(item);
    const m = /^([A-Za-z_]\w*)\b\s*(?:[:：\-–—]\s*)?/.exec(f.text);
    const c = m ? table.columns.findIndex((x) => x.name.text === m[1]) : -1;
    const phrase = m ? flatTrim(flatSub(f, m[0].length)) : null;
    if (m && c < 0 && table.columns.length === 0 && phrase?.text) {
      // The section names a table its code block defines (a Prisma model, a CREATE TABLE): the
      // rules join that table's columns as a fragment.
      (table.ruleColumns ??= []).push({ name: this.rawText(flatSub(f, 0, m[1]!.length)), type: { text: "", span: this.idx.span(f.offs[0] ?? 0) }, constraints: [this.rawText(phrase)] });
      return;
    }
    if (!m || c < 0) {
      if (f.text.trim()) this.notes.push({ span: this.idx.span(f.offs[0] ?? 0), message: `rule "${short(f.text)}" names no column of "${table.name.text}"; it is not enforced` });
      return;
    }
    if (!phrase || !phrase.text) return;
    const old = table.columns[c]!;
    table.columns[c] = { ...old, constraints: [...old.constraints, this.rawText(phrase)] };
  }

  private indexItem(item: ListItem, table: TableDraft | undefined): void {
    let f = this.itemFlat(item);
    // A document store's "{ userId, createdAt }" (unique): its keys in braces, one character for one.
    if (/^\{[^{}]*\}/.test(f.text)) f = { text: f.text.replace(/^\{([^{}]*)\}/, "($1)").replace(/:\s*-?1\b/g, (m) => " ".repeat(m.length)), offs: f.offs };
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
    let m = /^(?:(?:unique|composite|recommended|support(?:ing)?|secondary|partial|covering)\s+)*(?:(?:index|constraint|key)\s*(?:on)?\s*:?\s*)?(?:([A-Za-z_]\w*)\s+on\s+)?(?:([A-Za-z_]\w*)\s*)?\(([^)]*)\)/i.exec(headText);
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

  /**
   * A GFM table, read by what its cells hold (table-roles.ts): a table's columns, endpoints,
   * query parameters, request-body fields, indexes or enum values, in any language and any
   * order of columns; anything else (a stack table, a glossary) is left alone.
   */
  private table(node: Table): void {
    const rows = node.children;
    const headerRow = rows[0];
    if (!headerRow) return;
    const headers = headerRow.children.map((c) => this.flat(c.children).text.trim());
    const body = rows.slice(1).map((r) => r.children.map((c) => this.flat(c.children).text.trim()));
    const heading = this.lastLabel ?? this.top()?.title;
    const shape = classifyTable(headers, body, { document: this.kind, ...(heading ? { heading } : {}) });
    const lower = headers.map((h) => h.toLowerCase().replace(/[`*_]/g, ""));
    if (this.kind === "schema" && this.rulesTable(node, lower)) return;
    // "| Table name | `contacts` |" in a page about one entity: the table its "Fields" section is about.
    if (this.kind === "schema" && !this.currentTable()) {
      for (const row of rows.slice(1)) {
        const [k, v] = row.children;
        if (!k || !v || !TABLE_NAME_KEY.test(this.flat(k.children).text.replace(/[`*]/g, "").trim())) continue;
        const vf = flatTrim(this.flat(v.children, this.startOf(v)));
        const m = /^[`*]*([A-Za-z_]\w*)[`*]*$/.exec(vf.text);
        if (m) this.statedTable = { text: m[1]!, span: this.idx.span(vf.offs[vf.text.indexOf(m[1]!)] ?? vf.offs[0] ?? 0) };
      }
    }
    if (this.kind === "api") {
      const sec = this.currentEndpointSection();
      if (sec?.endpoint && (shape.kind === "query-params" || (this.queryFor === sec.endpoint && shape.kind === "body-fields"))) {
        this.queryTable(sec.endpoint, node, shape.kind === "query-params" ? shape.roles : { name: shape.roles.name, constraints: [] });
        this.queryFor = null;
        return;
      }
      if (shape.kind === "body-fields" && sec?.endpoint) {
        this.bodyTable(sec.endpoint, node, shape.roles);
        return;
      }
      const model = this.currentModel();
      if (model && (shape.kind === "body-fields" || shape.kind === "query-params" || shape.kind === "columns")) {
        const holder: EndpointDraft = { method: model.name, path: model.name };
        this.bodyTable(holder, node, shape.kind === "columns" ? { name: shape.roles.name, type: shape.roles.type, constraints: [...shape.roles.constraints, ...shape.roles.notes], ...(shape.roles.required !== undefined ? { required: shape.roles.required } : {}) } : shape.roles);
        this.modelFields(model, holder.body ?? []);
        return;
      }
      if (shape.kind === "endpoints") this.endpointTable(node, shape.roles, lower);
      return;
    }
    if (shape.kind === "indexes" || (this.inIndexesSection() && shape.kind !== "columns")) {
      const r = shape.kind === "indexes" ? shape.roles : null;
      const colsCol = r ? r.columns : lower.findIndex((h) => /^(columns|column\(s\)|column s|fields|indexed columns)$/.test(h));
      if (colsCol >= 0) this.indexTable(node, lower, colsCol, r?.name ?? lower.findIndex((h) => /^(index|index name|name)$/.test(h)), r?.table, r?.unique);
      return;
    }
    // "| Entity | Key fields | Purpose |" with "| `devices` | `id`, `tenant_id`, `label` | ... |": a
    // catalog of tables, one a row, their fields named without types.
    if (shape.kind !== "columns" && this.kind === "schema" && this.catalogTable(node, body)) return;
    const fieldsHere = this.kind === "schema" && (shape.kind === "other" || shape.kind === "enum-values") && this.currentTable()?.columns.length === 0 && untypedNames(body.map((r) => r[0] ?? ""));
    if (shape.kind === "enum-values" && !fieldsHere) {
      this.enumTable(node, shape.roles.value);
      return;
    }
    let table = this.currentTable();
    if (!table) return;
    let roles: ColumnRoles;
    if (shape.kind === "columns") roles = shape.roles;
    // "| Column | Notes |" under a table's heading, the names alone in the first column: its
    // columns, their types inferred from their names (noted by the builder).
    else if (fieldsHere) roles = { name: 0, type: -1, constraints: [], notes: headers.map((_, i) => i).slice(1) };
    else return;
    table = this.nextShared(table);
    for (const row of rows.slice(1)) {
      const cell = (i: number | undefined) => {
        const c = i === undefined || i < 0 ? undefined : row.children[i];
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      const name = cell(roles.name);
      let type = cell(roles.type);
      if (!name || !name.text || isEmptyMarker(name.text)) continue;
      // "| (binder_id, page_number) | UNIQUE |": a rule on several columns in a row of its own.
      const group = /^\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*\)$/.exec(name.text);
      if (group) {
        const said = row.children.slice(1).map((c) => this.flat(c.children).text).join(" ");
        const cols = group[1]!.split(/\s*,\s*/);
        const span = this.idx.span(name.offs[0] ?? 0);
        if (/\b(?:primary\s+key|pk)\b/i.test(said)) this.keyOf(table, cols, span);
        else if (/\bunique\b|唯一|一意|고유|único|unique/i.test(said)) table.indexes.push({ columns: cols, unique: true, span });
        else if (/\bindex(?:ed)?\b/i.test(said)) table.indexes.push({ columns: cols, unique: false, span });
        else this.warn("SF113", `table row "${short(name.text)}" is not understood`, span, 'write "(a, b) | UNIQUE" for a rule on several columns');
        continue;
      }
      // "| Relations | belongs to users; has many tasks |", "| Indexes | (a, b) |": a note about the
      // table in a row of its own, not a column (its type cell holds no type).
      if (/^(?:relations?|relationships?|associations?|indexes|indices|constraints|foreign\s+keys|notes?)$/i.test(name.text) && !(type && type.text && splitTypeCell(type.text))) continue;
      // "createdAt / updatedAt", "lat, lng": one row for several columns alike.
      const several = /^[A-Za-z_]\w*(?:\s*[\/,]\s*[A-Za-z_]\w*)+$/.test(name.text) ? [...name.text.matchAll(/[A-Za-z_]\w*/g)].map((x) => flatSub(name, x.index, x.index + x[0].length)) : null;
      if (!several && !/^[A-Za-z_][\w]*$/.test(name.text)) {
        this.warn("SF113", `table row "${short(name.text)}" is not understood as a column name`, this.idx.span(name.offs[0] ?? 0),
          "a column name is one word: letters, digits and underscores");
        continue;
      }
      const constraints: RawText[] = [];
      // "uuid fk nullable", "SERIAL PRIMARY KEY": the type, then constraints in the same cell.
      if (type && type.text) {
        const split = splitTypeCell(type.text);
        if (split && split.constraints) {
          const end = type.text.indexOf(split.type) + split.type.length;
          const rest = flatTrim(flatSub(type, end));
          type = flatTrim(flatSub(type, 0, end));
          if (rest.text) constraints.push(...this.constraintPieces(rest));
        }
      }
      for (const ci of roles.constraints) {
        const c = cell(ci);
        if (!c || !c.text || isEmptyMarker(c.text)) continue;
        // Under a Default header ("기본값", "默认值") read as constraints: a bare value is the default.
        const defaults = DEFAULT_HEADER.test(lower[ci] ?? "");
        for (const p of this.constraintPieces(c)) constraints.push(defaults && BARE_DEFAULT.test(p.text) ? { text: `default ${p.text}`, span: p.span } : p);
      }
      const n = cell(roles.nullable);
      if (n && n.text) {
        const t = yesNo(n.text);
        if (t !== null) constraints.push({ text: t ? "nullable" : "not null", span: this.idx.span(n.offs[0] ?? 0) });
      }
      const r = cell(roles.required);
      if (r && r.text) {
        // "Optional", "Conditional" ("required for companies"): not required of every row.
        const t = /^(?:optional|opcional|facultatif|facoltativo|conditional|condicional|conditionnel|condizionale|可选|任意)\b/i.test(r.text.trim()) ? false : yesNo(r.text);
        if (t !== null) constraints.push({ text: t ? "not null" : "nullable", span: this.idx.span(r.offs[0] ?? 0) });
      }
      const d = cell(roles.default);
      if (d && d.text && !isEmptyMarker(d.text)) {
        // A Default cell holding a constraint ("NOT NULL", "PK, AUTOINCREMENT", "'todo', NOT NULL")
        // says that constraint, not a default "NOT"; a bare value among them is the default.
        const pieces = this.constraintPieces(d);
        if (pieces.some((p) => CONSTRAINT_NOT_DEFAULT.test(p.text))) {
          for (const p of pieces) constraints.push(CONSTRAINT_NOT_DEFAULT.test(p.text) || /^default\b/i.test(p.text) ? p : { text: `default ${p.text}`, span: p.span });
        } else constraints.push({ text: `default ${d.text}`, span: this.idx.span(d.offs[0] ?? 0) });
      }
      // A notes cell may hold a reference ("-> users.id", "organizations.id"), allowed values
      // ("active, suspended, trial") or rules; anything else describes the column.
      const notes: string[] = [];
      let values: RawText[] | undefined;
      for (const ni of roles.notes) {
        const c = cell(ni);
        if (!c || !c.text || isEmptyMarker(c.text)) continue;
        const ref = NOTE_REFERENCE.exec(c.text);
        const target = ref ? (ref[1] ?? ref[2])! : null;
        if (ref && target && !CONSTRAINT_WORD.test(target)) {
          const at = c.text.indexOf(target, ref.index);
          constraints.push({ text: `references ${target}`, span: this.idx.span(c.offs[at] ?? c.offs[0] ?? 0) });
          const restText = c.text.slice(0, ref.index) + c.text.slice(ref.index + ref[0].length);
          // "(PK) FK -> parcels.id": a key that is also a reference (a part of a composite key).
          const key = NOTE_KEY.exec(restText);
          if (key) constraints.push({ text: "primary key", span: this.idx.span(c.offs[c.text.indexOf(key[0].trim())] ?? c.offs[0] ?? 0) });
          if (restText.replace(/[\s,;.()]+/g, "")) notes.push(c.text);
          continue;
        }
        const listed = splitEnumValues(c.text.replace(/\s+or\s+/gi, ", "));
        if (listed && !/\b(e\.g|etc|for example|such as)\b/i.test(c.text) && listed.every((v) => /^[a-z][a-z0-9_]*$/.test(v.text) || /^[A-Z][A-Za-z0-9_]*$/.test(v.text))) {
          values = listed.map((v) => ({ text: v.text, span: this.idx.span(c.offs[v.at] ?? c.offs[0] ?? 0) }));
          continue;
        }
        // "admin/member", "one of: a, b", "Role (a, b or c)", "Sender: 'user', 'bot'": the values
        // the cell lists (a textual column takes them; the rest of the cell still describes it).
        const described = values ? null : listedValues(c.text);
        if (described) {
          values = described.map((v) => ({ text: v.text, span: this.idx.span(c.offs[v.at] ?? c.offs[0] ?? 0) }));
          const last = described[described.length - 1]!;
          if (described[0]!.at <= 1 && last.at + last.text.length >= c.text.replace(/[\s.。'"`]+$/, "").length) continue;
        }
        if (looksLikeConstraints(c.text)) constraints.push(...this.constraintPieces(c));
        else {
          // "主键", "主キー", "PK, generated by the app": the key said among the notes.
          const key = NOTE_KEY.exec(c.text);
          if (key) constraints.push({ text: "primary key", span: this.idx.span(c.offs[c.text.indexOf(key[0].trim())] ?? c.offs[0] ?? 0) });
          notes.push(c.text);
        }
      }
      table.notation ??= "markdown-table";
      // "| `startPage` / `endPage` | `Int` / `Int?` |": one type for each of the names, in order.
      const types = several && type && several.length > 1 ? flatSplit(type, "/").map(flatTrim) : null;
      const eachType = types && types.length === several!.length && types.every((x) => x.text) ? types : null;
      for (const [k, one] of (several ?? [name]).entries()) {
        const own = eachType ? eachType[k]! : type;
        table.columns.push({
          name: this.rawText(one),
          // A row with no type: the builder infers one from the name (and says so).
          type: own && own.text && !isEmptyMarker(own.text) ? this.rawText(own) : { text: "", span: this.idx.span(one.offs[0] ?? 0) },
          constraints,
          ...(notes.length ? { description: notes.join(" ") } : {}),
          ...(values ? { values } : {}),
        });
      }
    }
  }

  /** A constraints cell split at commas and semicolons, but not inside a run of quoted values ("high", "low"). */
  private constraintPieces(f: Flat): RawText[] {
    const pieces = flatSplit(f, ",;");
    const out: Flat[] = [];
    const quoted = (p: Flat) => /^(?:(?:one\s+of|either|in)\s*:?\s*)?["'“`][^"'”`]*["'”`]$/i.test(p.text);
    // "one of: a, b, c": the values after the marker are one piece with it.
    const listOpen = (p: Flat) => /\b(?:one\s+of|either|allowed(?:\s+values)?|values?|enum)\s*[:：(]?\s*["'`]?[\w-]+["'`]?$/i.test(p.text);
    const oneValue = (p: Flat) => /^(?:or\s+)?["'`]?[A-Za-z][\w-]*["'`]?\)?$/.test(p.text) && !CONSTRAINT_WORD.test(p.text);
    for (const p of pieces) {
      const prev = out[out.length - 1];
      if (prev && ((quoted(p) && (quoted(prev) || /["'”`]$/.test(prev.text))) || (oneValue(p) && listOpen(prev)))) {
        const start = f.offs.indexOf(prev.offs[0]!);
        const end = f.offs.indexOf(p.offs[p.text.length]!);
        out[out.length - 1] = start >= 0 && end >= 0 ? flatSub(f, start, end) : prev;
      } else out.push(p);
    }
    // "(PK) FK -> t.id", "varchar (PK)": a key marker in parentheses is a piece of its own.
    const split: Flat[] = [];
    for (const p of out) {
      const lead = /^\(\s*(pk|fk|primary\s+key|foreign\s+key)\s*\)\s*/i.exec(p.text);
      const tail = lead ? null : /\s*\(\s*(pk|fk|primary\s+key|foreign\s+key)\s*\)$/i.exec(p.text);
      if (lead) {
        split.push(flatSub(p, lead[0].indexOf(lead[1]!), lead[0].indexOf(lead[1]!) + lead[1]!.length));
        const rest = flatTrim(flatSub(p, lead[0].length));
        if (rest.text) split.push(rest);
      } else if (tail) {
        const rest = flatTrim(flatSub(p, 0, tail.index));
        if (rest.text) split.push(rest);
        const at = tail.index + tail[0].indexOf(tail[1]!);
        split.push(flatSub(p, at, at + tail[1]!.length));
      } else split.push(p);
    }
    return split.map((p) => this.rawText(p));
  }

  /** A table of values under a heading that names an enum ("### TaskStatus" | value | meaning |). */
  private enumTable(node: Table, valueCol: number): void {
    const title = this.top()?.title.replace(/[`*]/g, "").trim() ?? "";
    const m = /^([A-Za-z_]\w*)/.exec(title);
    if (!m || !this.top()) return;
    const values: RawText[] = [];
    for (const row of node.children.slice(1)) {
      const c = row.children[valueCol];
      const f = c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      if (f && /^[A-Za-z0-9_.-]+$/.test(f.text)) values.push(this.rawText(f));
    }
    if (values.length >= 2) this.enums.push({ name: { text: m[1]!, span: this.top()!.span }, values });
  }

  /** Request-body fields under an endpoint (Field | Type | Required | Constraints). */
  private bodyTable(ep: EndpointDraft, node: Table, roles: FieldRoles): void {
    for (const row of node.children.slice(1)) {
      const cell = (i: number | undefined) => {
        const c = i === undefined || i < 0 ? undefined : row.children[i];
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      const n = cell(roles.name);
      const m = n ? /^["'`]?([A-Za-z_][A-Za-z0-9_]*)/.exec(n.text) : null;
      if (!n || !m) continue;
      const at = n.text.indexOf(m[1]!);
      const type = cell(roles.type);
      const req = cell(roles.required);
      const constraints: RawText[] = [];
      // A description column often states the rules ("3-32 characters, letters and digits"): the
      // builder reads what it can of it and ignores the rest.
      for (const ci of [...roles.constraints, ...(roles.values !== undefined ? [roles.values] : []), ...(roles.description !== undefined ? [roles.description] : [])]) {
        const c = cell(ci);
        if (c && c.text && !isEmptyMarker(c.text)) constraints.push(this.rawText(c));
      }
      const required = req && req.text ? yesNo(req.text) : null;
      (ep.body ??= []).push({
        name: this.rawText(flatSub(n, at, at + m[1]!.length)),
        ...(type && type.text && !isEmptyMarker(type.text) ? { type: this.rawText(type) } : {}),
        ...(required !== null ? { required: required === false ? false : true } : {}),
        constraints,
      });
    }
  }

  private indexTable(node: Table, headers: string[], colsCol: number, nameCol: number, tableRole?: number, uniqueRole?: number): void {
    const table = this.currentTable();
    const tableCol = tableRole ?? headers.findIndex((h) => /^table$/.test(h));
    const typeCol = uniqueRole ?? headers.findIndex((h) => /^(type|kind|unique)$/.test(h));
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

  private endpointTable(node: Table, roles: EndpointRoles, headers: readonly string[]): void {
    const methodCol = roles.method ?? -1;
    const pathCol = roles.path;
    // Short cells ("Delete") do not read as prose; the header still says which column describes.
    const descCol = roles.description ?? headers.findIndex((h, i) => i !== pathCol && i !== methodCol && /^(description|summary|purpose|descripción|descrizione|action|notes?|说明|描述|功能|用途)$/.test(h));
    const statusCol = roles.status ?? -1;
    const authCol = roles.auth ?? -1;
    const made: EndpointDraft[] = [];
    for (const row of node.children.slice(1)) {
      const cell = (i: number) => {
        const c = i >= 0 ? row.children[i] : undefined;
        return c ? flatTrim(this.flat(c.children, this.startOf(c))) : null;
      };
      let m = methodCol >= 0 ? cell(methodCol) : null;
      let p = cell(pathCol);
      if (!p || !p.text) continue;
      if (!m || !m.text) {
        const mm = /^((?:[A-Za-z]+\s*(?:,|\/|\|)\s*)*[A-Za-z]+)\s+(\/\S*)/.exec(p.text);
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
      const path = /^\S+/.exec(p.text)![0];
      // "GET, POST", "GET/POST", "GET | POST": one endpoint per method.
      const several = new RegExp(`^${METHOD_LIST.source}$`, "i").test(m.text.trim()) ? [...m.text.matchAll(/[A-Za-z]+/g)] : null;
      const methods = several ? several.map((x) => ({ at: x.index!, text: x[0] })) : [{ at: 0, text: /^[A-Za-z]+/.exec(m.text)?.[0] ?? /^\S+/.exec(m.text)![0] }];
      for (const [i, one] of methods.entries()) {
      const draft: EndpointDraft = {
        method: this.rawText(flatSub(m, one.at, one.at + one.text.length)),
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
        if (t === false || isPublicText(au.text) || /^(none|public|no auth|否|不需要|无)/i.test(au.text)) draft.auth = "public";
      }
      this.endpoints.push(draft);
      made.push(draft);
      if (i > 0) this.notes.push({ span: this.idx.span(m.offs[0] ?? 0), message: `endpoint row "${short(m.text + " " + path)}" lists ${methods.length} methods: read as ${methods.map((x) => `${x.text.toUpperCase()} ${path}`).join(" and ")}` });
      }
    }
    // One endpoint in a table under its own heading ("### 2.1 注册" | POST | /api/v1/auth/register |):
    // the section is that endpoint's, so the parameter and body tables after it are its own.
    const top = this.top();
    if (made.length === 1 && top && top.kind === "other" && !top.endpoint) {
      top.kind = "endpoint";
      top.endpoint = made[0]!;
      if (!made[0]!.summary && top.title) made[0]!.summary = top.title;
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
  private queryTable(ep: EndpointDraft, node: Table, roles: Pick<FieldRoles, "name" | "values" | "default" | "constraints">): void {
    const nameCol = roles.name;
    const valuesCol = roles.values ?? -1;
    const defCol = roles.default ?? -1;
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
    if (this.openapi && isFencedOpenApi(node)) {
      const f = this.codeFlat(node);
      const r = this.openapi(node.value, this.file, (o) => this.idx.span(f.offs[Math.min(Math.max(o, 0), f.offs.length - 1)] ?? 0));
      for (const e of r.endpoints) this.endpoints.push({ ...e, ...(e.body ? { body: [...e.body] } : {}), ...(e.query ? { query: [...e.query] } : {}) } as EndpointDraft);
      this.diagnostics.push(...r.diagnostics);
      this.notes.push(...r.notes);
      return;
    }
    const apiLanguage = this.kind === "api" ? blockLanguage(node.lang ?? "", node.value) : null;
    if ((apiLanguage === "drizzle" || apiLanguage === "python") && this.readers[apiLanguage]) {
      // zod schemas and Pydantic bodies in the API spec state rules for the tables' columns.
      (this.together[apiLanguage] ??= []).push(node);
      return;
    }
    if (this.kind === "api") {
      const sec = this.currentEndpointSection();
      if (sec?.endpoint && this.bodyFor === sec.endpoint && /^(json|jsonc|json5|js|javascript|ts|typescript)?$/i.test(node.lang ?? "") && node.value.trim().startsWith("{")) {
        const fields = this.descriptorBody(node);
        if (fields.length > 0) {
          (sec.endpoint.body ??= []).push(...fields);
          return;
        }
      }
      const model = this.currentModel();
      if (model && /^(json|jsonc|json5|js|javascript|ts|typescript)?$/i.test(node.lang ?? "") && node.value.trim().startsWith("{")) {
        const fields = this.descriptorBody(node);
        if (fields.length > 0) {
          this.modelFields(model, fields);
          return;
        }
      }
      if (sec?.endpoint && /^(json|jsonc)?$/i.test(node.lang ?? "") && node.value.trim().startsWith("{")) this.responseEnvelope(sec.endpoint, node.value);
      const lines = node.value.split("\n").filter((l) => l.trim());
      const top = this.top();
      if (lines.length === 1 && top && top.kind === "other" && !top.endpoint) {
        const m = /^\s*(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s?]*)\s*$/.exec(lines[0]!);
        if (m) {
          const f = this.codeFlat(node);
          const mi = f.text.indexOf(m[1]!);
          this.endpointInSection(top, f, mi, m[1]!.length, m[2]!.length);
          return;
        }
      }
      // A block listing endpoints, one a line ("GET /api/items", "POST /api/items  # create").
      this.endpointLines(this.codeFlat(node), true);
      return;
    }
    const language = blockLanguage(node.lang ?? "", node.value);
    const reader = language ? this.readers[language] : undefined;
    if (reader && (language === "drizzle" || language === "prisma" || language === "python" || language === "mermaid" || language === "dbml")) {
      // Read together after the document: a table in one block references a table or enum in another.
      (this.together[language] ??= []).push(node);
      return;
    }
    if (reader) {
      this.hand([node], reader, language!);
      return;
    }
    if (!language && this.enumBlock(node)) return;
    if (!language && /^(|text|plain|plaintext|txt|yaml|yml|schema)$/i.test(node.lang ?? "") && this.fieldBlock(node)) return;
    if (!language && /^(|text|plain|plaintext|txt|sql)$/i.test(node.lang ?? "") && this.ruleBlock(node)) return;
    // "CONSTRAINT fk FOREIGN KEY ..." quoted alone under a table's heading: SQL about that table.
    if (!language && this.readers.sql && this.currentTable() && /^\s*(constraint\b|foreign\s+key\b|check\s*\()/i.test(node.value)) this.hand([node], this.readers.sql, "sql");
  }

  /**
   * Formal blocks handed to their language's reader, as one text (blocks joined by blank
   * lines, each offset still mapped to its own place in the file); what it finds joins the
   * document's tables.
   */
  private hand(nodes: readonly Code[], reader: BlockReader, language: Language): void {
    let text = "";
    const offs: number[] = [];
    for (const node of nodes) {
      if (text) {
        const gap = "\n\n";
        const last = offs[offs.length - 1] ?? 0;
        for (let i = 0; i < gap.length; i++) offs.push(last);
        text += gap;
      }
      const f = this.codeFlat(node);
      offs.push(...f.offs.slice(0, node.value.length));
      text += node.value;
    }
    const endFlat = this.codeFlat(nodes[nodes.length - 1]!);
    offs.push(endFlat.offs[endFlat.text.length] ?? offs[offs.length - 1] ?? 0);
    // "Users (" ... ")" and "IX_a ON t (c)" lines: the CREATE statements they outline.
    const outlined = language === "sql" ? outlinedSql(text) ?? (nodes.length === 1 && this.currentTable() ? clauseList(text) : null) : null;
    if (outlined) {
      const mapped = outlined.from.map((o) => offs[o] ?? offs[offs.length - 1] ?? 0);
      text = outlined.text;
      offs.length = 0;
      offs.push(...mapped);
    }
    const block: SourceBlock = { text, file: this.file, lang: (nodes[0]!.lang ?? "").toLowerCase(), at: (o) => this.idx.span(offs[Math.min(Math.max(o, 0), offs.length - 1)] ?? 0) };
    const context = nodes.length === 1 ? this.currentTable() : undefined;
    let r: ReaderResult;
    try {
      r = reader(block, context ? { sectionTable: context.name.text } : {});
    } catch (err) {
      // A reader's own fault must not lose the rest of the document: one warning at the block.
      this.warn("SF113", `the ${language} block could not be read (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`, block.at(0));
      return;
    }
    for (const t of r.tables) {
      // Diagrams write entity names in capitals (USERS, LINE_ITEM): the table's name is lower case.
      const caps = language === "mermaid" && /^[A-Z][A-Z0-9_]*$/.test(t.name.text) && /[A-Z]{2}/.test(t.name.text);
      this.tables.push({
        name: caps ? { ...t.name, text: t.name.text.toLowerCase() } : t.name,
        columns: [...t.columns],
        indexes: [...t.indexes],
        hasDefs: true,
        ...(t.description ? { description: t.description } : {}),
        ...(t.checks?.length ? { checks: [...t.checks] } : {}),
        ...(t.notation ? { notation: t.notation } : {}),
        ...(t.fragment ? { fragment: true } : {}),
      });
    }
    this.specIndexes.push(...r.indexes);
    this.enums.push(...r.enums);
    this.diagnostics.push(...r.diagnostics);
    this.notes.push(...r.notes);
  }

  /**
   * A plain block of `name: type` fields: under a table's heading, the table's columns
   * ("id: uuid", "email: string, unique"); or tables, each a `name:` line with its fields indented
   * below it ("order:" / "  status: PENDING | PAID" / "  user_id: foreign key"). Each field is read
   * as a bullet "- name: type ..." would be. Only when every line has one of these shapes and
   * some field has a type the reader knows (so a config block, "host: localhost", is left alone).
   */
  private fieldBlock(node: Code): boolean {
    const groups: { name: Flat | null; fields: Flat[] }[] = [];
    let at = 0;
    // A tree ("users" over "├── id: uuid pk"): its drawing is indentation, its root line a name.
    const tree = /^[ \t]*(?:│[ \t]*)*[├└](?:─{1,3}|-{1,3})[ \t]/m.test(node.value);
    const value = tree ? treeAsIndent(node.value) : node.value;
    const code = this.codeFlat(node);
    const f: Flat = tree ? { ...code, text: value } : code;
    for (const line of value.split("\n")) {
      const start = at;
      at += line.length + 1;
      if (!line.trim() || /^\s*(\/\/|#|--)/.test(line)) continue;
      const head = (tree ? /^([A-Za-z_]\w*)\s*[:：]?\s*(?:[(（][^)）]*[)）])?\s*$/ : /^([A-Za-z_]\w*)\s*:\s*$/).exec(line);
      if (head) {
        groups.push({ name: flatSub(f, start, start + head[1]!.length), fields: [] });
        continue;
      }
      const field = /^(\s*)[A-Za-z_]\w*\s*:\s*\S/.exec(line);
      if (!field) return false;
      const indented = field[1]!.length > 0;
      const group = groups[groups.length - 1];
      if (indented && group?.name) group.fields.push(flatTrim(flatSub(f, start, start + line.length)));
      else if (!indented && (!group || !group.name)) {
        if (!group) groups.push({ name: null, fields: [] });
        groups[groups.length - 1]!.fields.push(flatTrim(flatSub(f, start, start + line.length)));
      } else return false;
    }
    const section = this.currentTable();
    if (groups.length === 0 || groups.some((g) => g.fields.length === 0)) return false;
    // Loose fields only under a table's heading that has no columns yet; named groups anywhere.
    if (groups.some((g) => !g.name) && (groups.length !== 1 || !section || section.columns.length > 0)) return false;
    const read = groups.map((g) => ({ g, cols: g.fields.map((x) => this.columnFlat(x, false, false)) }));
    if (read.some((r) => r.cols.some((c) => !c))) return false;
    if (!read.some((r) => r.cols.some((c) => c!.known))) return false;
    for (const { g, cols } of read) {
      const columns = cols.flatMap((c) => c!.columns);
      if (!g.name) {
        section!.columns.push(...columns);
        section!.notation ??= "markdown-bullets";
        continue;
      }
      const name = this.rawText(g.name);
      this.tables.push({ name: { ...name, text: snakeCase(name.text) }, columns, indexes: [], hasDefs: true, notation: "yaml" });
    }
    return true;
  }

  /**
   * A plain block (or one under an "Enums" heading) of enum definitions, one per line:
   * "EventType: EVENT | GIG", "Priority = low, medium, high", "- status: 'a' | 'b'".
   */
  private enumBlock(node: Code): boolean {
    const f = this.codeFlat(node);
    const found: RawEnum[] = [];
    let other = 0;
    let at = 0;
    for (const line of node.value.split("\n")) {
      const start = at;
      at += line.length + 1;
      if (!line.trim() || /^\s*(\/\/|#|--)/.test(line)) continue;
      const m = /^(\s*[-*]?\s*`?)([A-Za-z_]\w*)`?\s*[:=]\s*(.+?)\s*$/.exec(line);
      const values = m ? splitEnumValues(m[3]!) : null;
      if (!m || !values) {
        other++;
        continue;
      }
      const nameAt = start + m[1]!.length;
      const valuesAt = start + line.indexOf(m[3]!, m[1]!.length + m[2]!.length);
      found.push({
        name: this.rawText(flatSub(f, nameAt, nameAt + m[2]!.length)),
        values: values.map((v) => ({ text: v.text, span: this.idx.span(f.offs[valuesAt + v.at] ?? 0) })),
      });
    }
    if (found.length === 0 || (other > 0 && !this.stack.some((x) => x.kind === "values"))) return false;
    this.enums.push(...found);
    return true;
  }

  /**
   * Python models (SQLModel, SQLAlchemy, Django, Pydantic bodies), read after the document: a
   * class restating a table the document defines otherwise (a Markdown table and its model) is
   * left to that definition, with a note.
   */
  /** Python models and diagram entities often restate a table the document writes out: the written one is used. */
  private handRestating(nodes: readonly Code[], language: "python" | "mermaid"): void {
    const before = this.tables.filter((t) => t.columns.length > 0 && !t.fragment).map((t) => t.name.text);
    const start = this.tables.length;
    const indexesBefore = this.specIndexes.length;
    this.hand(nodes, this.readers[language]!, language);
    const dropped = new Set<string>();
    for (let i = this.tables.length - 1; i >= start; i--) {
      const t = this.tables[i]!;
      if (t.fragment) continue;
      const existing = before.find((n) => nameKey(n) === nameKey(t.name.text));
      if (!existing) continue;
      this.notes.push({ span: t.name.span, message: `${language === "python" ? "Python model" : "Diagram entity"} for "${t.name.text}" restates table "${existing}"; the table written before it is used` });
      if (language === "mermaid") this.valuesFromDiagram(t, existing);
      this.tables.splice(i, 1);
      dropped.add(t.name.text);
    }
    for (let i = this.specIndexes.length - 1; i >= indexesBefore; i--) if (dropped.has(this.specIndexes[i]!.table ?? "")) this.specIndexes.splice(i, 1);
  }

  /**
   * A diagram restating a table may list the values the table only calls "ENUM"
   * (`VARCHAR status ENUM("IN", "OUT")` beside `| status | VARCHAR | ENUM |`): the table's
   * column takes them, unless it lists values of its own.
   */
  private valuesFromDiagram(diagram: TableDraft, existing: string): void {
    const target = this.tables.find((x) => x.name.text === existing && !x.fragment);
    if (!target) return;
    for (const c of diagram.columns) {
      const m = /^enum\s*\((.*)\)\s*$/is.exec(c.type.text);
      if (!m) continue;
      const at = target.columns.findIndex((x) => x.name.text === c.name.text);
      const col = target.columns[at];
      if (!col || col.values?.length || /^enum\s*\(/i.test(col.type.text)) continue;
      const values = m[1]!.split(",").map((v) => v.trim().replace(/^'(.*)'$/s, "$1").replace(/''/g, "'")).filter(Boolean);
      if (values.length < 2) continue;
      target.columns[at] = { ...col, values: values.map((v) => ({ text: v, span: c.type.span })) };
      this.notes.push({ span: c.type.span, message: `the diagram lists the values of "${existing}.${col.name.text}": ${values.join(", ")}` });
    }
  }

  /** Text of a code block with each character mapped to its source offset. */
  /**
   * A plain block of table rules under a table's columns, one a line: "unique(area_id, number)",
   * "check(capacity > 0)", "index(area_id)", "NOT NULL: a, b". Read only when every line is one.
   */
  private ruleBlock(node: Code): boolean {
    const table = this.currentTable();
    if (!table || table.columns.length === 0) return false;
    const f = this.codeFlat(node);
    const lines: Flat[] = [];
    let at = 0;
    for (const line of f.text.split("\n")) {
      const lead = line.length - line.trimStart().length;
      const body = line.trim().replace(/;$/, "");
      if (body) lines.push(flatSub(f, at + lead, at + lead + body.length));
      at += line.length + 1;
    }
    const has = (n: string) => table.columns.some((c) => c.name.text === n);
    const RULE = /^(?:unique|not\s+null|required|\()/i;
    const later: (() => void)[] = [];
    for (const l of lines) {
      const check = /^check\s*\((.+)\)$/i.exec(l.text);
      const index = /^index\s*\(([^)]*)\)$/i.exec(l.text);
      if (check) {
        const expr = flatTrim(flatSub(l, l.text.indexOf("(") + 1, l.text.length - 1));
        later.push(() => (table.checks ??= []).push({ expression: this.rawText(expr), dialect: "postgresql" }));
      } else if (index) {
        const cols = index[1]!.split(",").map((c) => c.trim());
        if (!cols.every(has)) return false;
        later.push(() => table.indexes.push({ columns: cols, unique: false, span: this.idx.span(l.offs[0] ?? 0) }));
      } else if (!RULE.test(l.text)) return false;
    }
    if (lines.length === 0) return false;
    // Every rule line must read (a unique or NOT NULL line naming a column the table lacks leaves the block alone).
    const indexes = table.indexes.length;
    const columns = [...table.columns];
    if (!lines.filter((l) => RULE.test(l.text)).every((l) => this.tableRuleLine(l, table))) {
      table.indexes.length = indexes;
      table.columns.splice(0, table.columns.length, ...columns);
      return false;
    }
    for (const apply of later) apply();
    return true;
  }

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
}


/** A section whose sub-sections are value objects (shapes kept in json columns) or enums, not tables. */
const VALUE_SECTION = /^(value[-\s]objects?|embedded(\s+(objects?|types|documents?))?|composite\s+types|nested\s+(objects?|types)|complex\s+types|enums?|enumerations?|enum\s+types|enumerated\s+types|值对象|枚举(类型)?)$/i;

/** Headings that, inside a table's section, name a part of it rather than another table. */
const SECTION_WORDS = new Set([
  "overview", "constraints", "relationships", "relations", "notes", "note", "triggers", "validation", "purpose",
  "examples", "example", "migrations", "migration", "summary", "tables", "schema", "models", "database",
  "connection", "enums", "types", "views", "functions", "policies", "security", "performance", "tabelle", "tablas",
  "conventions", "glossary", "references", "changelog", "introduction", "description", "details", "seed",
  "fields", "columns", "attributes", "properties", "rules", "indexes", "indices", "keys", "usage", "queries",
  "data", "domain", "system", "application", "app", "project", "api", "backend", "db", "entities", "erd", "diagram",
]);

/** Headings that title a document or a part of it ("# Schema", "# Data Model"): never a table. */
const DOCUMENT_WORDS = new Set([
  "schema", "schemas", "database", "databases", "data", "db", "tables", "models", "entities", "erd", "diagram", "overview",
  "introduction", "summary", "domain", "system", "application", "app", "api", "backend", "project", "conventions",
  "glossary", "changelog", "appendix", "references", "contents", "toc", "datum", "data_models", "data_model",
  "spec", "specs", "specification", "specifications", "design", "readme", "document", "documentation",
]);

/** "EVENT | GIG", "low, medium, high", "'a' | 'b'": two or more values, each with its offset; null if it is not such a list. */
/** A type-like name: two capitalised words run together, or one ending in Status/State/Type/Kind/Role/Level. */
const ENUM_NAME = /^(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[A-Z]\w*(?:Status|State|Type|Kind|Role|Level)s?)$/;
/** "DoorState: Open, Shut", "`PaymentKind` = card | cash": an enum declared on a line of its own. */
const ENUM_LINE = /^[`*]*([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[A-Z]\w*(?:Status|State|Type|Kind|Role|Level)s?)[`*]*\s*[:=：]\s*[`*]*((?:[`'"]?[A-Za-z0-9_.-]+[`'"]?\s*(?:,|\||\/)\s*)+[`'"]?[A-Za-z0-9_.-]+[`'"]?)[`*]*\s*\.?$/;

function splitEnumValues(text: string): { text: string; at: number }[] | null {
  const sep = text.includes("|") ? "|" : ",";
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (const part of text.split(sep)) {
    const lead = part.length - part.trimStart().length;
    const v = part.trim().replace(/^["'`]|["'`]$/g, "");
    const quoteLead = part.trim().length - part.trim().replace(/^["'`]/, "").length;
    if (!/^[A-Za-z0-9_.-]+$/.test(v)) return null;
    out.push({ text: v, at: at + lead + quoteLead });
    at += part.length + 1;
  }
  return out.length >= 2 ? out : null;
}

/** A reference in a notes cell: "-> users.id", "→ approval_workflow_steps.id", "FK to users", "organizations.id", "references users(id)". */
/** A primary-key marker in a notes cell, in English or CJK: "(PK)", "primary key", "主键", "主キー", "기본 키". */
const NOTE_KEY = /(?:^|[\s(（,;])(?:pk|primary\s+key)(?=$|[\s)）,;:.])|主键|主鍵|主キー|プライマリキー|기본\s*키/i;
const NOTE_REFERENCE = /(?:(?:^|\s|\()(?:(?:fk|foreign\s+key|references?|refs?)\b\s*(?:->|→|=>|to|:)?\s*|(?:->|→|=>)\s*)([A-Za-z_]\w*\.[A-Za-z_]\w*|[A-Za-z_]\w*\s*\(\s*[A-Za-z_]\w*\s*\)|[A-Za-z_]\w*)|^\s*([A-Za-z_]\w*\.[A-Za-z_]\w*)(?=\s*(?:$|\()))(?=$|[\s,;.)])/i;

/** Labels of a list of prose rules about the section's columns. */
/** A section that holds rules for columns of several tables ("## Data Validation (Application Level)"). */
const RULES_SECTION = /^(?:data\s+)?(?:validation|validations|validation\s+rules?|business\s+rules?|field\s+rules|constraints(?:\s+and\s+rules)?|rules)\b|数据校验|校验规则|验证规则/;
/** A label saying the list that follows is the table's fields. */
const FIELDS_LABEL = /^(fields|columns|attributes|properties|campos|champs|felder|attributi|colonne|字段|列|属性|項目|フィールド|カラム|필드|컬럼)\b/;
const RULES_LABEL = /^(validation\s+rules?|validations?|business\s+rules?|rules|constraints|field\s+rules|invariants|校验规则|验证规则|约束|业务规则|regras(?:\s+de\s+(?:neg[oó]cio|valida[cç][aã]o))?|reglas(?:\s+de\s+(?:negocio|validaci[oó]n))?|r[eè]gles(?:\s+de\s+(?:gestion|validation|m[ée]tier))?|gesch[aä]ftsregeln|validierungsregeln|regole(?:\s+di\s+(?:business|validazione))?|ビジネスルール|検証ルール|비즈니스\s*규칙|검증\s*규칙)$/;

/** A list item that is about the whole table (a key, an index, a constraint), not one column. */
const TABLE_LEVEL_ITEM = /^\s*(?:(?:unique|composite|support(?:ing)?|secondary|partial|covering|recommended)\s+)*(?:index|indexes|constraint|key|unique)\b/i;

/** "a | b | c" (two or more words or quoted values separated by bars): a set of allowed values. */
const ENUM_LIST = /^["'`]?[A-Za-z0-9_.-]+["'`]?(?:\s*\|\s*["'`]?[A-Za-z0-9_.-]+["'`]?)+/;

/**
 * A type at the start of a text: "varchar(200)", "TIMESTAMP WITH TIME ZONE", "double precision",
 * "numeric (10, 2)", "text[]", "String?", "Optional[str]", "list[int]", "string | null".
 */
const TYPE_PREFIX =
  /^[A-Za-z][\w]*(?:\[[A-Za-z_][\w\[\], ]*\]|\([^)]*\)|\s+\(\s*\d+(?:\s*,\s*\d+)*\s*\))?(?:\s+(?:with|without)\s+time\s+zone|\s+precision|\s+varying\s*(?:\([^)]*\))?)?(?:\[\d*\])*\??(?:\s*\|\s*(?:null|undefined|None)\b)?/;

/**
 * The lower-case head word of a type text when it reads as a type: a word of TYPE_HEAD_WORDS,
 * a generic wrapper (Optional[..], list[..]) or a PascalCase name (a named enum or value
 * object: "EventStatus", "Location"); null otherwise.
 */
function typeHead(text: string): string | null {
  const t = text.trim();
  const generic = /^(optional|list|array|set)\s*\[\s*([A-Za-z]\w*)/i.exec(t);
  if (generic) return TYPE_HEAD.has(generic[2]!.toLowerCase()) || /^[A-Z]/.test(generic[2]!) ? generic[2]!.toLowerCase() : null;
  const w = /^[A-Za-z]\w*/.exec(t)?.[0];
  if (!w) return null;
  if (TYPE_HEAD.has(w.toLowerCase())) return w.toLowerCase();
  if (/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(w) && !CONSTRAINT_WORD.test(w)) return w.toLowerCase();
  return null;
}

/** A constraint piece that makes a column of a "name (…)" line without a type: a key. */
const KEY_PIECE = /^(?:pk|fk|primary\s+key|foreign\s+key)\b|^(?:references?|refs?)\s|(?:->|→)/i;

/** Words that start a constraint, never a type: "PK", "FK", "Required", "Unique", "Nullable"... */
const CONSTRAINT_WORD = /^(pk|fk|primary|foreign|unique|required|optional|nullable|not|null|default|references?|index|indexed|auto|check|max|min|must|is|the|see|note|from|per|only|when|if)$/i;

/** A text made only of constraint phrases ("FK -> menus nullable", "not null, unique", "PK"). */
function looksLikeConstraints(text: string): boolean {
  let t = ` ${text.toLowerCase()} `;
  t = t.replace(/\b(?:fk|foreign\s+key|references?|refs?)\b\s*(?:->|→|=>|to)?\s*[\w.()]+/g, " ");
  t = t.replace(/(?:->|→|=>)\s*[\w.()]+/g, " ");
  t = t.replace(/\bdefault(?:s)?\s*(?:to)?\s*[:=]?\s*(?:'[^']*'|"[^"]*"|[\w.()-]+)/g, " ");
  t = t.replace(/\bon\s+(?:delete|update)\s+(?:cascade|set\s+null|restrict|no\s+action|set\s+default)\b/g, " ");
  t = t.replace(/\b(?:min|max)(?:imum)?(?:[\s_-]*length)?\s*[:=]?\s*-?\d+(?:\s*char(?:acter)?s?)?/g, " ");
  t = t.replace(/\b(?:primary\s+key|pk|fk|unique|not\s+null|nullable|null|required|optional|indexed|index|auto[-_\s]?increment(?:ed)?|auto|identity|immutable|unsigned)\b/g, " ");
  return t.replace(/[\s,;()]+/g, "") === "";
}

/** A header naming a Default column. */
const DEFAULT_HEADER = /^(?:default(?:\s+value)?s?|defaults?\s*\/\s*constraints?|기본값|기본\s*값|默认值?|默認值?|預設值?|デフォルト値?|初期値|valor\s+por\s+defecto|por\s+defecto|padr[aã]o|valor\s+padr[aã]o|standardwert|valeur\s+par\s+d[ée]faut|predefinito)$/i;
/** A constraint piece that is only a value: a quoted string, a number, true/false, now(), CURRENT_TIMESTAMP. */
const BARE_DEFAULT = /^(?:'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|true|false|now\(\)|current_timestamp(?:\(\))?|current_date|gen_random_uuid\(\)|uuid\(\))$/i;
/** A piece of a Default cell that is a constraint, not a value ("NOT NULL", "PK", "AUTOINCREMENT"). */
const CONSTRAINT_NOT_DEFAULT = /^(?:not\s+null|non[-\s]?null|nullable|primary\s+key|pk|unique|auto[_\s-]?increment(?:ed)?|identity|serial|required|optional|(?:fk|foreign\s+key|references?)\b.*|check\s*\(.*|generated\b.*|index(?:ed)?)$/i;

/** A whole short constraint, for telling "- title: string — required" from "- id: uuid - the user's id". */
const CONSTRAINT_PIECE =
  /^(required|optional|nullable|not null|non-null|unique|primary key|pk|indexed|auto[-_ ]?increment(ed)?|fk|foreign key|(fk|foreign key|references)\s*(->|→|to)?\s*[\w.()]+|defaults?( to)?\s*:?\s*\S+|(min|max)(imum)?[ _-]?length\s*:?\s*\d+|(min|max)\s*:?\s*-?\d+(\s*chars)?|on delete (cascade|set null|restrict|no action))\.?$/i;


function isPublicText(text: string): boolean {
  if (/公开|公開|无需(?:登录|鉴权|认证|授权)|不需要(?:登录|鉴权|认证)|認証不要|인증\s*불필요/.test(text)) return true;
  return /\b(public endpoint|public\b(?! key)|no auth(entication)?\s+(is\s+)?(required|needed)|authentication\s*:\s*(none|not required)|does not require auth|without authentication|unauthenticated access)/i.test(
    text,
  );
}

function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (/^(yes|y|true|✓|✔|✅|x|nullable|null|optional|是|sí|si|sì|ja|oui|sim|はい|да|예|네|evet|tak)$/.test(t)) return true;
  if (/^(no|n|false|✗|✘|❌|not null|required|否|nein|non|não|nao|いいえ|нет|아니오|아니요|hayır|nie)$/.test(t)) return false;
  return null;
}


function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

/**
 * A heading naming a request model: "TaskCreate", "TaskUpdate", "CreateTaskRequest",
 * "UpdateProfileInput", "TaskIn", "TaskPayload" (Pydantic and DTO habits). The entity is the
 * rest of the name ("Task"); null for anything else.
 */
function requestModel(title: string): { entity: string; written: string } | null {
  const t = title.replace(/[`*]/g, "").trim().split(/[\s(（:：—–-]/)[0]!;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(t)) return null;
  const suffix = /^([A-Z][A-Za-z0-9]*?)(?:Create|Update|Patch|Replace|Input|In|Request|Payload|Body)(?:Request|Body|Schema|Dto|DTO|Payload|Input)?$/.exec(t);
  const prefix = /^(?:Create|Update|New|Patch|Replace)([A-Z][A-Za-z0-9]*?)(?:Request|Body|Input|Payload|Dto|DTO|Schema)?$/.exec(t);
  const entity = (prefix?.[1] || suffix?.[1]) ?? null;
  if (!entity || entity.length < 2) return null;
  return { entity, written: t };
}

/** A rule that restates its column's type first ("Boolean (true/false)", "Integer, > 0"): the rest of it. */
function withoutTypeWord(f: Flat): Flat {
  const m = /^(?:string|text|integer|int|number|numeric|boolean|bool|date|datetime|timestamp|uuid)\b\s*(?:\((?:true\s*[/|]\s*false|true\s+or\s+false|yes\s*[/|]\s*no)\))?\s*[,;:]?\s*/i.exec(f.text);
  return m ? flatTrim(flatSub(f, m[0].length)) : f;
}

/**
 * A schema section that names a request or response shape, not a table: marked so ("(Input
 * Model)", "(Output Model)", "(DTO)", "(Request Body)") or named so (TaskCreate, TaskUpdate,
 * TaskPatch, TaskInput, TaskPayload, TaskResponse). "FriendRequest" alone stays a table.
 */
function schemaModel(title: string): { entity: string; written: string; input: boolean } | null {
  const bare = title.replace(/[`*]/g, "").replace(/^(?:entity|model|schema|dto)\s*[:：]\s*/i, "").trim();
  const name = /^([A-Z][A-Za-z0-9]*)/.exec(bare)?.[1];
  if (!name) return null;
  const marked = /\(\s*(input|request|create|update|output|response|read)\s*(?:model|schema|dto|body|shape)?\s*\)|\(\s*dto\s*\)/i.exec(bare);
  const suffix = /^([A-Z][A-Za-z0-9]*?)(Create|Update|Patch|Input|Payload|Response|Out)$/.exec(name);
  if (!marked && !suffix) return null;
  const input = marked ? !/output|response|read/i.test(marked[1] ?? "") : !/Response|Out/.test(suffix![2]!);
  const entity = suffix?.[1] || name.replace(/(Request|Dto|DTO|Model|Schema)$/, "") || name;
  return { entity, written: name, input };
}

/** A field name that says it is a key or a time stamp: "id", "_id", "tenant_id", "userId", "created_at", "createdAt". */
const KEYISH_NAME = /^(?:_?id|uuid|pk)$|_id$|[a-z0-9]Id$|_at$|[a-z0-9]At$/;

/**
 * The first cells of a table that lists a record's fields by name alone ("`id`", "`name`",
 * "`created_at`, `updated_at`", "`(a, b)`" for a rule on two): two or more rows of names, not all
 * written as constants, one of them a key or a time stamp by its name.
 */
function untypedNames(cells: readonly string[]): boolean {
  const names: string[] = [];
  let rows = 0;
  for (const raw of cells) {
    const cell = raw.replace(/[`*]/g, "").trim();
    if (!cell) continue;
    if (/^\(\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+\s*\)$/.test(cell)) continue;
    if (!/^[A-Za-z_]\w*(?:\s*[,/]\s*[A-Za-z_]\w*)*$/.test(cell)) return false;
    names.push(...cell.split(/\s*[,/]\s*/));
    rows++;
  }
  return rows >= 2 && !names.every((n) => /^[A-Z0-9_]+$/.test(n)) && names.some((n) => KEYISH_NAME.test(n));
}

/** A cell listing two or more field names ("`id`, `tenant_id`, `label`"), or null. */
function fieldList(cell: string): string[] | null {
  const text = cell.replace(/[`*]/g, "").trim();
  if (!/^[A-Za-z_]\w*(?:\s*[,，、]\s*[A-Za-z_]\w*)+$/.test(text)) return null;
  return text.split(/\s*[,，、]\s*/);
}

/** The key of a row that names the table in an entity's overview table. */
const TABLE_NAME_KEY = /^(?:table(?:\s+name)?|db\s+table|database\s+table|tabela(?:\s+db)?|nome\s+da\s+tabela|tabla|nombre\s+de\s+(?:la\s+)?tabla|nom\s+de\s+(?:la\s+)?table|tabellenname|表名|数据表|テーブル名|테이블\s*(?:이름|명))$/i;

/** "Primary key: `id`", "**主キー**: `id`", "PK: id": a list item naming the key column. */
const KEY_ITEM = /^[*_]*(?:primary\s+key|pk|主キー|主键|主鍵|기본\s*키|chave\s+prim[aá]ria|clave\s+primaria|cl[ée]\s+primaire|prim[aä]rschl[uü]ssel)[*_]*\s*[:：]\s*[`*]*([A-Za-z_]\w*)[`*]*\s*$/i;
