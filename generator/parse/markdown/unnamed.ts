// Column tables under a heading that names no table in Latin letters ("## Задачи", "## 任务",
// "### 4.1 新增表"): the name comes from the text before the table, a code span in a label line
// ("**`labels` — 标签**") or, under a heading in another script, the one identifier a paragraph
// gives in code ("Таблица `tasks` хранит задачи."). With none, the table is an error that says a
// name is needed, never dropped without a word.
import type { InlineCode, Paragraph, PhrasingContent } from "mdast";
import type { MarkdownReader } from "./reader.js";
import type { RawText } from "../raw.js";
import type { TableDraft } from "./drafts.js";
import { ENTITY_SECTION_WORDS } from "./vocabulary.js";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Type words are never a table's name ("uses `JSONB`", "`text` columns").
const TYPE_WORD = /^(?:text|varchar|char|string|int|integer|bigint|smallint|serial|bigserial|uuid|bool|boolean|json|jsonb|date|time|timestamp|timestamptz|datetime|float|double|decimal|numeric|real|bytea|blob|null|true|false|id)$/i;

/** A heading in another script: letters, none of them Latin. */
export function nonLatinTitle(title: string): boolean {
  const t = title.replace(/^\s*(?:\d+(?:\.\d+)*[.)]?\s+)/, "");
  return /\p{L}/u.test(t) && !/[A-Za-z]/.test(t);
}

function codes(nodes: readonly PhrasingContent[], out: InlineCode[]): void {
  for (const n of nodes) {
    if (n.type === "inlineCode") out.push(n);
    else if ("children" in n && Array.isArray(n.children)) codes(n.children as PhrasingContent[], out);
  }
}

/**
 * Remembers the identifier a schema paragraph gives for the column table after it: a label line
 * (the paragraph is bold or starts with the code span) names it outright; under a heading in
 * another script, a sentence holding exactly one identifier in code does.
 */
export function noteNearName(md: MarkdownReader, node: Paragraph): void {
  const found: InlineCode[] = [];
  codes(node.children, found);
  const names = found.filter((c) => IDENT.test(c.value.trim()) && !TYPE_WORD.test(c.value.trim()));
  if (names.length === 0) return;
  const first = node.children[0];
  const label = node.children.length === 1 && (first?.type === "strong" || first?.type === "emphasis");
  const leads = first?.type === "inlineCode" || (first && "children" in first && (first.children as PhrasingContent[])[0]?.type === "inlineCode");
  const sec = md.top();
  const foreign = !!sec && nonLatinTitle(sec.title);
  if (!(label && leads) && !(foreign && names.length === 1)) return;
  const c = names[0]!;
  md.nearName = { text: c.value.trim(), span: md.idx.span(md.startOf(c) + 1) };
}

/**
 * The table a column table with no table around it belongs to: the one named nearby, made now;
 * or null, after an error when the heading above it names no table in a script the reader takes.
 */
export function tableNamedNearby(md: MarkdownReader, at: number, what: "table" | "list" = "table", names: readonly string[] = []): TableDraft | null {
  const sec = md.top();
  if (md.nearName) {
    const name = md.nearName;
    md.nearName = null;
    const draft: TableDraft = { name, columns: [], indexes: [], hasDefs: false, nearby: true };
    md.tables.push(draft);
    if (sec && (sec.kind === "other" || (sec.kind === "table" && sec.table?.nearby))) {
      sec.kind = "table";
      sec.table = draft;
    } else md.stack.push({ depth: (md.lastRealDepth() ?? 0) + 1, kind: "table", table: draft, title: name.text, span: name.span, sawParagraph: false, pseudo: true });
    md.notes.push({ span: name.span, message: `the column table after "${name.text}" is read as table "${name.text}"${sec ? ` (the heading "${sec.title}" names no table)` : ""}` });
    return draft;
  }
  // "## Column Specifications" over a table of the columns a CREATE TABLE above already wrote:
  // the same table described again (its notes, defaults, values), not a table with no name.
  const restated = sec && sec.kind === "other" ? restatedTable(md, names) : null;
  if (restated) {
    const draft: TableDraft = { name: { text: restated.name.text, span: md.idx.span(at) }, columns: [], indexes: [], hasDefs: false };
    md.tables.push(draft);
    md.notes.push({ span: md.idx.span(at), message: `the column ${what} under "${sec!.title}" names no table, but its columns are those of "${restated.name.text}" written before it: read as that table's columns` });
    return draft;
  }
  if (sec && sec.kind === "other" && nonLatinTitle(sec.title)) {
    if (!sec.unnamedReported) {
      sec.unnamedReported = true;
      md.warn("SF130", `the column table under "${sec.title}" needs a table name: the heading gives none in Latin letters, and no code span before the table names one`, sec.span,
        'add the table\'s name to the heading ("## Задачи (`tasks`)", "## 任务 tasks") or name it in code just before the table ("**`tasks`**")', "error");
    }
    void at;
    return null;
  }
  // "## models" over a column table: a section's word that is also a thing apps store names the
  // table. Any other section's title ("## Overview", "## Tables", "## Fields" with no table
  // around it) names none: an error at the table, never a silent drop.
  if (sec && sec.kind === "other") {
    const word = sec.title.replace(/[`*]/g, "").trim();
    if (IDENT.test(word) && ENTITY_SECTION_WORDS.has(word.toLowerCase())) {
      const name: RawText = { text: word, span: sec.span };
      const draft: TableDraft = { name, columns: [], indexes: [], hasDefs: false };
      md.tables.push(draft);
      sec.kind = "table";
      sec.table = draft;
      md.notes.push({ span: sec.span, message: `the column ${what} under "${word}" is read as table "${word}": the heading's word is a section's, but also a thing apps store, and no other table is open` });
      return draft;
    }
    // A column table or list of typed columns under "## Conventions" or "## Common columns" may be
    // the columns every table has: said, as a warning (the spec is not refused for it); the table
    // is not generated. A spec left with no table at all is SF102, an error.
    if (!sec.unnamedReported) {
      sec.unnamedReported = true;
      md.warn("SF130", `the column ${what} under "${sec.title}" needs a table name: the heading is a section's title, not a table's, and no code span before the ${what} names one; its columns are not generated`, md.idx.span(at),
        'give the table a heading of its own ("## tasks") or name it in code just before it ("**`tasks`**")', "warning");
    }
    return null;
  }
  return null;
}

/**
 * The one table already read whose columns a nameless column table lists again: at least two of
 * its names, nearly all (four in five) of them that table's columns, and no other table as close.
 */
function restatedTable(md: MarkdownReader, names: readonly string[]): TableDraft | null {
  const keys = names.map((n) => n.replace(/[`*]/g, "").trim().toLowerCase()).filter((n) => IDENT.test(n));
  if (keys.length < 2 || keys.length < names.length * 0.8) return null;
  let best: TableDraft | null = null;
  let bestShare = 0;
  let tie = false;
  for (const t of md.tables) {
    if (t.columns.length === 0 || t.fragment || t.valueObject) continue;
    const own = new Set(t.columns.map((c) => c.name.text.toLowerCase()));
    const share = keys.filter((k) => own.has(k)).length / keys.length;
    if (share > bestShare) {
      best = t;
      bestShare = share;
      tie = false;
    } else if (share === bestShare && best && best.name.text.toLowerCase() !== t.name.text.toLowerCase()) tie = true;
  }
  return best && bestShare >= 0.8 && !tie ? best : null;
}
