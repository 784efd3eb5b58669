// The Markdown reader's state: what has been read so far (tables, endpoints, enums,
// diagnostics, notes), the stack of open sections, and the text helpers every kind of block
// uses (inline content as Flat text, RawText, warnings, section-stack queries).
import type { Language, Readers } from "../readers.js";
import type { Code, ListItem, Nodes, Paragraph, PhrasingContent } from "mdast";
import type { Diagnostic } from "../../base/diagnostics.js";
import type { Span } from "../../base/span.js";
import type { RawEnum, RawIndex, RawText } from "../raw.js";
import type { EndpointDraft, SectionBase, SectionEntry, SpecKind, TableDraft } from "./drafts.js";
import { type Flat, flatConcat, flatTrim, LineIndex } from "./flat.js";
import { RULES_SECTION, sectionTitle } from "./vocabulary.js";

export class MarkdownReader {
  readonly idx: LineIndex;
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: { span: Span; message: string }[] = [];
  readonly tables: TableDraft[] = [];
  readonly valueObjects: TableDraft[] = [];
  readonly enums: RawEnum[] = [];
  readonly specIndexes: RawIndex[] = [];
  readonly endpoints: EndpointDraft[] = [];
  /** Base URLs the API spec states ("Base URL: /api/v1"): the path of each, "" for a bare host. */
  readonly bases: { path: string; span: Span }[] = [];
  /**
   * Prefixes stated inside a section ("`prefix: /decks`" under "## Decks", then "### GET /"):
   * the endpoints read from `first` until the section closes (`end`) are under `path`.
   */
  readonly sectionBases: SectionBase[] = [];
  authMode: RawText | undefined;
  stack: SectionEntry[] = [];
  pendingNameNote: { span: Span; message: string } | undefined;
  /** The other tables a heading names with the first ("invoices / receipts"). */
  pendingAlso: RawText[] | undefined;
  /** The paragraph just read, when it was only a name (see plainNameOf). */
  plainName: Flat | null = null;
  lastLabel: string | null = null;
  /** An identifier a paragraph of this section gives in code ("**`labels` — 标签**"), for a column table whose heading names no table. */
  nearName: RawText | null = null;
  /** The table a page about one entity names ("| Table name | `contacts` |", "# DB Spec: Contact"). */
  statedTable: RawText | undefined;
  /** Tables named in a catalog table ("| Entity | Key fields |"), added unless written out elsewhere. */
  readonly catalog: TableDraft[] = [];
  /** Python SQLModel blocks, read after the document so they can defer to tables written otherwise. */
  /** Drizzle and Prisma blocks, read as one text after the document (names cross blocks). */
  readonly together: Partial<Record<Language, Code[]>> = {};
  /** TypeScript interface blocks under an API/DTO section: shapes of requests and responses, set apart (document.ts). */
  readonly shapeBlocks: { node: Code; section: string }[] = [];
  /** The endpoint whose "Query Parameters" label or heading came last: the next list or table lists them. */
  queryFor: EndpointDraft | null = null;
  /** The endpoint whose "Path Parameters" label came last: the table under it lists the path's placeholders. */
  pathParamsFor: EndpointDraft | null = null;
  /** The endpoint whose request body the text being read describes ("Request Body:" seen, no "Response" since). */
  bodyFor: EndpointDraft | null = null;
  /** Rules written outside any table's section ("Data Validation" tables and lists): resolved by column name at the end. */
  looseRules: { table?: string; column: RawText; phrase: RawText; quiet?: true; unread?: true; alts?: readonly { table?: string; column: string }[] }[] = [];
  /** "Row-level security: off" in the schema. */
  rowLevelSecurity: boolean | undefined;

  constructor(
    readonly src: string,
    readonly file: string,
    readonly kind: SpecKind,
    readonly readers: Readers,
    /** Whether a text reads as a rule for a column ("must be unique", "> 0"): given by the caller, which knows the rules. */
    readonly isRulePhrase: (text: string) => boolean,
    readonly openapi?: typeof import("../read-openapi.js").readOpenApi,
  ) {
    this.idx = new LineIndex(src, file);
  }

  englishText: boolean | undefined;
  /**
   * Whether the document's prose is English: only English entity names are made plural
   * ("Task" -> tasks); "Buchungen", "Inventario" or "Serie" are kept as written (snake_case).
   * Read from the commonest function words of each language, once per document.
   */
  english(): boolean {
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
  firstCandidate: Span | undefined;
  /** The document has headings below level 1: a level-1 heading is its title. */
  titled = false;


  warn(code: string, message: string, span: Span, hint?: string, severity: "warning" | "error" = "warning") {
    this.diagnostics.push({ severity, code, message, span, ...(hint ? { hint } : {}) });
  }

  startOf(node: Nodes): number {
    return node.position?.start.offset ?? 0;
  }

  endOf(node: Nodes): number {
    return node.position?.end.offset ?? this.startOf(node);
  }

  /** Plain text of inline content, each character mapped back to its source offset. */
  flat(nodes: readonly PhrasingContent[], fallback = 0, hardBreak = " "): Flat {
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

  plain(text: string, start: number): Flat {
    const offs: number[] = [];
    for (let i = 0; i <= text.length; i++) offs.push(start + i);
    return { text, offs };
  }

  /** Map a decoded text value onto its source slice, skipping escapes the parser removed. */
  align(value: string, start: number, end: number): Flat {
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

  rawText(f: Flat): RawText {
    return { text: f.text, span: this.idx.span(f.offs[0] ?? 0) };
  }

  /** Source of a block with whitespace collapsed: used for descriptions and summaries. */
  sourceText(node: Nodes): string {
    return this.src.slice(this.startOf(node), this.endOf(node)).replace(/\s+/g, " ").trim();
  }

  currentTable(): TableDraft | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "table") return e.table;
    }
    return undefined;
  }

  /** Whether the innermost section that is a table's or a values one ("Enums") is a values one. */
  inValuesSection(): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "values") return true;
      if (e.kind === "table") return false;
    }
    return false;
  }

  /** Whether the innermost table section sits right under a values one ("## Enums" over "### TaskState"). */
  underValuesSection(): boolean {
    let i = this.stack.length - 1;
    while (i >= 0 && this.stack[i]!.kind !== "table") i--;
    for (i--; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "values") return true;
      if (e.kind === "table") return false;
    }
    return false;
  }

  /**
   * The title of the rules section the innermost table section sits under ("## Validation Rules"
   * over "### Budget"), or null: that table's heading names whose rules follow, not its columns.
   */
  rulesSectionAbove(): string | null {
    let i = this.stack.length - 1;
    while (i >= 0 && this.stack[i]!.kind !== "table") i--;
    for (i--; i >= 0; i--) {
      const e = this.stack[i]!;
      // A heading with nothing of its own under it ("### Critical Validations") only groups the ones below.
      if (e.kind === "table" && (e.table!.columns.length > 0 || e.table!.hasDefs)) return null;
      const title = sectionTitle(e.title);
      if (e.kind === "other" && RULES_SECTION.test(title)) return title;
    }
    return null;
  }

  inIndexesSection(): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "indexes") return true;
      if (e.kind === "table") return false;
    }
    return false;
  }

  currentEndpointSection(): SectionEntry | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "endpoint") return e;
    }
    return undefined;
  }

  top(): SectionEntry | undefined {
    return this.stack[this.stack.length - 1];
  }

  lastRealDepth(): number | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (!this.stack[i]!.pseudo) return this.stack[i]!.depth;
    return undefined;
  }

  currentModel(): TableDraft | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.model) return e.model;
      if (e.endpoint) return undefined;
    }
    return undefined;
  }

  itemFlat(item: ListItem): Flat {
    const para = item.children.find((c): c is Paragraph => c.type === "paragraph");
    if (!para) return { text: "", offs: [this.startOf(item)] };
    return flatTrim(this.flat(para.children, this.startOf(para)));
  }

  codeFlat(node: Code): Flat {
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
