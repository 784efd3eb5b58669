// A block of one table a line, its columns in parentheses: "orders(id PK, buyer_id FK, total
// NUMERIC, placed_at)". Each column is a name, then optionally a type and key words (PK, FK,
// UNIQUE, NOT NULL...); a column with no type gets its type from its name in the IR, which says
// so. Read only when every line of the block has this shape (comments aside), so a block of
// calls or prose is left alone; a block of real SQL (CREATE TABLE) never is one.
import type { Code } from "mdast";
import { snakeCase } from "../../base/naming.js";
import type { RawColumn, RawText } from "../raw.js";
import { type Flat, flatSplit, flatSub, flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { TYPE_HEAD } from "./vocabulary.js";

const LINE = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*[;,]?\s*$/;
const KEY_WORDS = /^(?:pk|fk|primary\s+key|foreign\s+key|unique|not\s+null|null|nullable|required|optional|auto_?increment|identity)\b/i;

/** Reads the block as tables; false (and nothing read) unless every line is such a table line, two at least or one under no table. */
export function signatureBlock(md: MarkdownReader, node: Code): boolean {
  if (/\b(?:create|alter|insert|select|update|delete)\b/i.test(node.value)) return false;
  const f = md.codeFlat(node);
  const found: { name: RawText; columns: RawColumn[] }[] = [];
  let at = 0;
  for (const line of node.value.split("\n")) {
    const start = at;
    at += line.length + 1;
    if (!line.trim() || /^\s*(--|#|\/\/)/.test(line)) continue;
    const m = LINE.exec(line);
    if (!m) return false;
    const nameAt = start + m[1]!.length;
    const bodyAt = start + line.indexOf("(", m[1]!.length + m[2]!.length) + 1;
    const columns = signatureColumns(md, flatSub(f, bodyAt, bodyAt + m[3]!.length));
    // A table says what it stores: a key, a type or a reference on some column ("id PK", "seats INT", "bench_id").
    if (!columns || !columns.some((c) => c.type.text || c.constraints.length || /^(?:id|\w+_id)$/i.test(c.name.text))) return false;
    const name = md.rawText(flatSub(f, nameAt, nameAt + m[2]!.length));
    found.push({ name: { ...name, text: snakeCase(name.text) }, columns });
  }
  if (found.length === 0 || (found.length === 1 && md.currentTable())) return false;
  for (const t of found) md.tables.push({ name: t.name, columns: t.columns, indexes: [], hasDefs: true, notation: "markdown-bullets" });
  return true;
}

/** "id PK, title, all_day INT": the columns, or null when a piece is not a name with optional type and key words. */
function signatureColumns(md: MarkdownReader, body: Flat): RawColumn[] | null {
  const pieces = flatSplit(body, ",").map(flatTrim).filter((p) => p.text);
  if (pieces.length < 2) return null;
  const columns: RawColumn[] = [];
  for (const p of pieces) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(.*))?$/.exec(p.text);
    if (!m) return null;
    const name = md.rawText(flatSub(p, 0, m[1]!.length));
    let type: RawText = { text: "", span: name.span };
    const constraints: RawText[] = [];
    let rest = m[2] ? flatTrim(flatSub(p, p.text.length - m[2].length)) : null;
    // The type first ("INT", "VARCHAR(20)", "TEXT[]"), then key words.
    if (rest) {
      const t = /^([A-Za-z][A-Za-z0-9_]*(?:\s*\([^)]*\))?(?:\[\])?)\s*/.exec(rest.text);
      if (t && TYPE_HEAD.has(t[1]!.replace(/\s*\(.*$/, "").replace(/\[\]$/, "").toLowerCase())) {
        type = md.rawText(flatSub(rest, 0, t[1]!.length));
        rest = flatTrim(flatSub(rest, t[0].length));
      }
    }
    if (rest && rest.text) {
      if (!rest.text.split(/\s*,\s*|\s+(?=(?:pk|fk|unique|not\s+null|primary|foreign|references?|->|→))/i).every((k) => KEY_WORDS.test(k) || /^(?:references?\s|->|→)/i.test(k))) return null;
      constraints.push(md.rawText(rest));
    }
    columns.push({ name, type, constraints });
  }
  return columns;
}
