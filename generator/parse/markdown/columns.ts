// One column written as text ("name: type (constraints) - description" and its many
// shapes), bare field names, Prisma attributes and constraint pieces of a column.
import type { List, ListItem, Paragraph } from "mdast";
import type { RawColumn, RawText } from "../raw.js";
import { matchParen } from "../text.js";
import type { TableDraft } from "./drafts.js";
import { type Flat, flatSplit, flatSub, flatTrim } from "./flat.js";
import { keyOf } from "./indexes.js";
import { listedValues } from "../value-lists.js";
import { type OptionPiece, readObjectOptions } from "./object-options.js";
import type { MarkdownReader } from "./reader.js";
import { CONSTRAINT_PIECE, CONSTRAINT_WORD, ENUM_LIST, KEY_PIECE, looksLikeConstraints, splitEnumValues, TYPE_HEAD, TYPE_PREFIX, typeHead, WORD_TYPE } from "./vocabulary.js";

/** Prisma's block attributes quoted in prose: `@@unique([a, b])` a unique index, `@@id([a, b])` the key. */
export function prismaAttributes(md: MarkdownReader, f: Flat, table: TableDraft): void {
  for (const m of f.text.matchAll(/@@(unique|id|index)\s*\(\s*\[([^\]]+)\]/g)) {
    const cols = m[2]!.split(",").map((x) => x.trim().replace(/^["'`]|["'`]$/g, "")).filter((x) => /^[A-Za-z_]\w*$/.test(x));
    if (cols.length === 0) continue;
    const span = md.idx.span(f.offs[m.index!] ?? f.offs[0] ?? 0);
    if (m[1] === "id") keyOf(md, table, cols, span);
    else if (!table.indexes.some((i) => i.columns.join(",") === cols.join(",") && !!i.unique === (m[1] === "unique"))) table.indexes.push({ columns: cols, unique: m[1] === "unique", span });
  }
}

/**
 * A list of field names with no types ("- id", "- userId", "- createdAt (when made)") that reads
 * as a record's fields: two or more names, not all written as constants (an enum's values are
 * TODO, IN_PROGRESS), one of them a key or a time stamp by its name; never under an enums section.
 */
/** An item that only says the list goes on: "...", "…", "etc.", "... (standard fields)". */
export const ELLIPSIS_ITEM = /^\s*(?:\.{3,}|…|etc\.?)(?:\s*[(（].*[)）]|\s+[^\n]{0,80})?\s*$/i;

export function bareFields(md: MarkdownReader, l: List): boolean {
  if (l.children.length < 2 || md.stack.some((x) => x.kind === "values")) return false;
  const names: string[] = [];
  for (const item of l.children) {
    if (item.children.some((c) => c.type === "list")) return false;
    // "- ... (the auth service's other fields)", "- etc.": the list says it is not whole; no column.
    if (ELLIPSIS_ITEM.test(md.itemFlat(item).text)) continue;
    // "- owner (User.id)", "- project_id -> Project.id", "- email — login address": a name, then a
    // note in brackets, a reference after an arrow, or a note after a spaced dash.
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:[(（][^)）]*[)）]|(?:->|→|=>)\s*`?[A-Za-z_][\w.]*(?:\([^()]*\))?`?|\s[-–—]\s+[^:：]+)?\s*$/.exec(md.itemFlat(item).text);
    if (!m) return false;
    names.push(m[1]!);
  }
  if (names.every((n) => /^[A-Z0-9_]+$/.test(n))) return false;
  return names.some((n) => /^(?:_?id|uuid|pk)$|_id$|[a-z0-9]Id$|_at$|[a-z0-9]At$/.test(n));
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
export function columnItem(md: MarkdownReader, item: ListItem, listed = false): { columns: RawColumn[]; known: boolean } | null {
  const para = item.children.find((c): c is Paragraph => c.type === "paragraph");
  const lead = para?.children[0];
  const formatted = listed || (lead !== undefined && (lead.type === "inlineCode" || lead.type === "strong" || lead.type === "emphasis"));
  // "**Preservation Guarantee**: the log keeps no key to...": a bold phrase of words leads prose, not a column.
  if (lead && (lead.type === "strong" || lead.type === "emphasis") && /^[A-Za-z]+(?:\s+[A-Za-z]+)+$/.test(md.flat(lead.children).text.trim())) return null;
  return columnFlat(md, md.itemFlat(item), formatted, listed);
}

/** One column written as text (a list item's, a line of a field block): see columnItem. `formatted`: its name is set apart (code, bold), so it may stand alone. */
export function columnFlat(md: MarkdownReader, item: Flat, formatted: boolean, listed: boolean): { columns: RawColumn[]; known: boolean } | null {
  let f = item;
  // "- `label`: string\n  Example: `10-12 weeks`": the lines after the first describe the column,
  // unless they state rules or list its values ("Allowed: `a`, `b`", "Required, unique").
  let more: Flat | null = null;
  const nl = f.text.indexOf("\n");
  if (nl > 0) {
    more = flatTrim(flatSub(f, nl + 1));
    f = flatTrim(flatSub(f, 0, nl));
  }
  // "- role (VARCHAR(20), not null) // ADMIN, MERCHANT, USER": a code-style comment after the
  // column: the values it lists, or a description.
  let comment: Flat | null = null;
  const slashes = /\s(?:\/\/|#|--)\s*(?=\S)/.exec(f.text);
  if (slashes && slashes.index > 0) {
    comment = flatTrim(flatSub(f, slashes.index + slashes[0].length));
    f = flatTrim(flatSub(f, 0, slashes.index));
  }
  // "createdAt, updatedAt", "archivedAt / deletedAt": several columns alike.
  // "note?: string": a TypeScript-style optional field (the mark says the column may be empty).
  const m = /^([A-Za-z_]\w*\??(?:\s*[,/]\s*[A-Za-z_]\w*\??)*)(?=\s*[:：(（]|\s+\S|\s*$)/.exec(f.text);
  if (!m) return null;
  const names = [...m[1]!.matchAll(/[A-Za-z_]\w*/g)].map((x) => md.rawText(flatSub(f, x.index, x.index + x[0].length)));
  const optionalMark = /\?/.exec(m[1]!);
  if (optionalMark && !/^[A-Za-z_]\w*\?$/.test(m[1]!) && !/\?\s*$/.test(m[1]!)) return null; // "a?, b": each name its own mark, or one name
  let rest = flatTrim(flatSub(f, m[0].length));
  const colon = /^[:：]\s*/.exec(rest.text);
  if (colon) rest = flatTrim(flatSub(rest, colon[0].length));
  // "`email`: { type: String, required: true, unique: true }": an ODM field's options object.
  if (rest.text.startsWith("{")) {
    const obj = readObjectOptions(rest);
    if (obj) {
      const at = (p: OptionPiece): RawText => ({ text: p.text, span: md.rawText(p.at).span });
      const type = at(obj.type);
      const constraints = obj.constraints.map(at);
      if (optionalMark) constraints.unshift({ text: "nullable", span: md.idx.span(f.offs[optionalMark.index] ?? f.offs[0] ?? 0) });
      const values = obj.values?.map((v) => md.rawText(v));
      const description = comment?.text || (more?.text ? more.text.replace(/\s*\n\s*/g, " ") : undefined);
      return {
        known: true,
        columns: names.map((name) => ({ name, type, constraints, ...(description ? { description } : {}), ...(values ? { values } : {}) })),
      };
    }
  }
  let type: Flat | null = null;
  const constraints: Flat[] = [];
  let description: string | undefined;
  // "level: one of info, warn, error", 'kind: either "bug" or "feature"': the allowed values in
  // the type's place, no type: the column is an enum of them. Only a marked list ("one of",
  // "either", quoted values), so prose after a colon is never read as values.
  let phraseValues: RawText[] | undefined;
  const phraseEnd = colon ? /\s[-–—]\s|;|\.(?:\s|$)/.exec(rest.text)?.index ?? rest.text.length : 0;
  const phraseHead = rest.text.slice(0, phraseEnd);
  const marked = /^(?:one\s+of|either|any\s+of|["'`“])/i.test(rest.text);
  // "size: small, medium or large": unmarked, only words that are no type and no rule, joined by "or".
  const wordsOr = /\sor\s/i.test(phraseHead) && /^[A-Za-z][\w-]*(?:\s*,\s*[A-Za-z][\w-]*)*,?\s+or\s+[A-Za-z][\w-]*$/i.test(phraseHead.trim());
  const phrase = colon && (marked || wordsOr) ? listedValues(phraseHead, !marked) : null;
  if (phrase && !marked && phrase.some((v) => TYPE_HEAD.has(v.text.toLowerCase()) || CONSTRAINT_WORD.test(v.text) || /^(?:null|none|empty|other|etc)$/i.test(v.text))) phrase.length = 0;
  if (phrase && phrase.length >= 2) {
    phraseValues = phrase.map((v) => md.rawText(flatSub(rest, v.at, v.at + v.text.length)));
    rest = flatTrim(flatSub(rest, phraseEnd));
  } else if (/^[(（]/.test(rest.text)) {
    // name (type, c, c) tail
    const close = matchParen(rest.text.replace(/^（/, "(").replace(/）/, ")"), 0);
    if (close < 0) return null;
    const inner = flatSplit(flatSub(rest, 1, close), ",");
    if (inner.length === 0) return null;
    const typed = inner.findIndex((p) => typeHead(p.text) !== null && TYPE_HEAD.has(typeHead(p.text)!));
    // "`status` (enum: draft, published, archived)": the type, its values after the colon.
    const enumColon = /^enum\s*[:：]\s*\S/i.test(inner[0]!.text) ? inner.findIndex((p, k) => k > 0 && (!/^[A-Za-z0-9][\w-]*$/.test(p.text) || /^(required|optional|nullable|unique|indexed)$/i.test(p.text))) : -2;
    if (enumColon !== -2) {
      const end = enumColon === -1 ? inner.length : enumColon;
      // Text positions within rest: the pieces are its substrings, in order.
      const where: number[] = [];
      for (let at = 1, k = 0; k < inner.length; k++) {
        at = rest.text.indexOf(inner[k]!.text, at);
        where.push(at);
        at += inner[k]!.text.length;
      }
      const from = where[0]!;
      const to = where[end - 1]! + inner[end - 1]!.text.length;
      type = flatSub(rest, from, to);
      constraints.push(...inner.slice(end));
    } else if (inner.length === 1 && ENUM_LIST.test(inner[0]!.text) && ENUM_LIST.exec(inner[0]!.text)![0].length === inner[0]!.text.length) {
      // "`role` (`student | organizer | admin`)": the values are the type (an enum).
      type = inner[0]!;
    } else if ((formatted || listed) && /^`?[A-Za-z_]\w*\.[A-Za-z_]\w*`?$/.test(inner[0]!.text)) {
      // "owner (User.id)", "`author` (`users.id`, nullable)": the key it points at, not a type; a
      // note the IR builder reads as the reference.
      description = inner[0]!.text.replace(/`/g, "");
      constraints.push(...inner.slice(1));
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
      const d = flatTrim(flatSub(rest, after[0].length));
      // "`completed` (required): boolean; defaults false": with no type in the brackets, a type
      // word alone before a semicolon is the type, and the parts after it that read as rules are
      // rules; the rest is the description.
      const parts = flatSplit(d, ";");
      if (!type && parts.length > 1 && /^[A-Za-z]+$/.test(parts[0]!.text) && TYPE_HEAD.has(parts[0]!.text.toLowerCase())) {
        type = parts[0]!;
        const rules = parts.slice(1).filter((p) => looksLikeConstraints(p.text));
        constraints.push(...rules);
        const words = parts.slice(1).filter((p) => !rules.includes(p)).map((p) => p.text).join("; ");
        if (words) description = words;
      } else if (d.text) description = d.text;
      rest = flatSub(rest, rest.text.length);
    }
  } else if (ENUM_LIST.test(rest.text)) {
    // "`status`: `active | tied | finished`": the values are the type (an enum).
    const end = ENUM_LIST.exec(rest.text)![0].length;
    type = flatSub(rest, 0, end);
    rest = flatTrim(flatSub(rest, end));
  } else if (colon && /^\[\s*[A-Za-z][\w.]*\s*\]\??(?=\s|,|$)/.test(rest.text)) {
    // "tags: [String]", "members: [ObjectId]": a document store's list of a type.
    const end = /^\[\s*[A-Za-z][\w.]*\s*\]\??/.exec(rest.text)![0].length;
    type = flatSub(rest, 0, end);
    rest = flatTrim(flatSub(rest, end));
  } else if ((colon || formatted) && WORD_TYPE.test(rest.text)) {
    // "`updated_at`: ISO-8601 datetime string", "`items`: array of objects": a type in words.
    const end = WORD_TYPE.exec(rest.text)![0].length;
    type = flatSub(rest, 0, end);
    rest = flatTrim(flatSub(rest, end));
  } else {
    const tm = TYPE_PREFIX.exec(rest.text);
    // Without a colon or a code-formatted name, only a type in capitals reads as one ("id UUID PK"),
    // so prose ("All timestamps are stored in UTC") is not a column.
    // A type in lower case reads as one too when SQL's own words (or nothing) follow it
    // ("isbn13 varchar(13) PK", "title text NOT NULL", "page_count int NULL"): a column
    // definition pasted as a bullet.
    const sqlTail = (after: string) => {
      const t = after.trim();
      return t === "" || /^(?:(?:not\s+null|null|primary\s+key|pk|fk|unique|default\s+\S+(?:\(\))?|references\s+\w+(?:\s*\([^()]*\))?|on\s+(?:delete|update)\s+(?:cascade|restrict|no\s+action|set\s+null|set\s+default)|check\s*\(.*\))\s*,?\s*)+$/i.test(t);
    };
    const lowerSql = tm !== null && /^[a-z][a-z0-9_]*\b/.test(tm[0]) && TYPE_HEAD.has(typeHead(tm[0]) ?? "") && /^[a-z_][a-z0-9_]*$/.test(m[1]!) && names.length === 1 && sqlTail(rest.text.slice(tm[0].length));
    // "`is_hidden`: Defaults to false", "`email`: Required, unique": rules where a type would be, no type.
    const rulesOnly = colon && tm !== null && !TYPE_HEAD.has(typeHead(tm[0]) ?? "") && looksLikeConstraints(rest.text);
    const lead = colon && !rulesOnly ? proseLead(rest) : null;
    if (lead) {
      // "`email`: User's email address (string), unique": a description first, the type after it.
      type = lead.type;
      constraints.push(...lead.constraints);
      if (lead.description) description = lead.description;
      rest = flatSub(rest, rest.text.length);
    } else if (tm && !rulesOnly && typeHead(tm[0]) !== null && (colon || formatted || lowerSql || (/^[A-Z][A-Z0-9_]*\b/.test(tm[0]) && TYPE_HEAD.has(typeHead(tm[0])!) && /^[a-z_][a-z0-9_]*$/.test(m[1]!)))) {
      type = flatSub(rest, 0, tm[0].length);
      rest = flatTrim(flatSub(rest, tm[0].length));
    } else if (colon && tm && !looksLikeConstraints(rest.text)) {
      // "name: frobnitz": after a colon comes the type, understood or not (SF103 says which).
      type = flatSub(rest, 0, tm[0].length);
      rest = flatTrim(flatSub(rest, tm[0].length));
    } else if (!(formatted || colon) || names.length === 0) return null;
    if (type && (rest.text.startsWith("(") || (rest.text.startsWith("[") && /^enum$/i.test(type.text.trim())))) {
      const close = rest.text.startsWith("[") ? rest.text.indexOf("]") : matchParen(rest.text, 0);
      // "visibility: enum (internal, external)", "level: enum [low, high]": the values in
      // brackets are the enum's own; so are "Status (draft | live)" beside an enum's name.
      const from = f.offs.indexOf(type.offs[0]!);
      const to = close > 0 ? f.offs.indexOf(rest.offs[close]!) : -1;
      const named = /^[A-Z][A-Za-z0-9]*$/.test(type.text.trim()) && typeHead(type.text) !== null && !TYPE_HEAD.has(typeHead(type.text)!) && /^\(\s*[A-Za-z_][\w-]*(?:\s*\|\s*[A-Za-z_][\w-]*)+\s*\)$/.test(rest.text.slice(0, close + 1));
      // Not when the parentheses start with a rule ("enum (required, default 'open')"): rules, then.
      const firstInner = close > 0 ? rest.text.slice(1, close).split(",")[0]!.trim() : "";
      if (close > 0 && (/^enum$/i.test(type.text.trim()) || named) && from >= 0 && to > from && !looksLikeConstraints(firstInner)) {
        type = flatSub(f, from, to + 1);
        rest = flatTrim(flatSub(rest, close + 1));
      } else if (close > 0) {
        const inner = flatSub(rest, 1, close);
        constraints.push(...joinedValues(inner, flatSplit(inner, ",")));
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
    if (type && !colon && pieces.some((p) => !isRule(md, p.text))) {
      // "- `openid` VARCHAR(64) WeChat openid (unique)", "- `user_id` BIGINT 所属用户（FK -> user.id）":
      // after the type (no colon: a definition, not a "name: type rules" line), words that are
      // no rule describe the column; a closing remark in
      // brackets that states rules is its rules.
      for (const p of pieces) {
        if (isRule(md, p.text)) {
          constraints.push(p);
          continue;
        }
        const br = /[(（]([^()（）]+)[)）]\s*[.。]?$/.exec(p.text);
        const before = br ? flatTrim(flatSub(p, 0, br.index)) : null;
        const inner = br ? flatSplit(flatSub(p, br.index + 1, br.index + 1 + br[1]!.length), ",，、;；") : [];
        const said = inner.length > 0 && inner.every((x) => isRule(md, x.text)) ? inner : [];
        let words = p.text;
        if (before && before.text && isRule(md, before.text)) {
          // "nullable (set once delivered)": the rule, then a remark on it.
          constraints.push(before, ...said);
          words = said.length ? "" : br![1]!;
        } else if (said.length) {
          constraints.push(...said);
          words = before?.text ?? "";
        }
        words = words.trim();
        if (words) description = description ? `${description}, ${words}` : words;
      }
    } else if (type || pieces.every((p) => looksLikeConstraints(p.text))) constraints.push(...pieces);
    else description = head.text; // "`menu_name` snapshot": a note, not a rule
  }
  if (tail && tail.text) {
    const pieces = flatSplit(tail, ",");
    if (pieces.length > 0 && pieces.every((p) => CONSTRAINT_PIECE.test(p.text))) constraints.push(...pieces);
    else description = description ? `${description} ${tail.text}` : tail.text;
  }
  if (more && more.text) {
    const text = more.text.replace(/\s*\n\s*/g, " ");
    const rules = looksLikeConstraints(text) || VALUES_LINE.test(text) || text.split(/(?<=[.;])\s+/).every((x) => md.isRulePhrase(x.replace(/[.;]$/, "").trim()));
    if (rules) constraints.push(...flatSplit(more, ","));
    else description = description ? `${description} ${text}` : text;
  }
  let values: RawText[] | undefined = type ? phraseValues : undefined;
  if (comment && comment.text && !values) {
    const listed = splitEnumValues(comment.text.replace(/\s+or\s+/gi, ", "));
    if (listed && listed.length >= 2 && !/\b(e\.g|etc|for example|such as)\b/i.test(comment.text) && listed.every((v) => /^[A-Za-z][A-Za-z0-9_-]*$/.test(v.text)))
      values = listed.map((v) => ({ text: v.text, span: md.idx.span(comment!.offs[v.at] ?? comment!.offs[0] ?? 0) }));
    else description = description ? `${description} ${comment.text}` : comment.text;
  }
  const th = type ? typeHead(type.text) : null;
  // Values in the type's place are no evidence of a column list ("- colour: one of red, blue" is
  // as likely a rule about a column written elsewhere): the list's other items decide.
  const known = th !== null && (TYPE_HEAD.has(th) || ENUM_LIST.test(type!.text));
  // No type written: an empty type text, positioned at the name, for the builder to infer.
  let rawType = type ? md.rawText(type) : phraseValues ? { text: `enum(${phraseValues.map((v) => v.text).join(", ")})`, span: phraseValues[0]!.span } : { text: "", span: names[0]!.span };
  // "title (VARCHAR 200)": the length without parentheses.
  const sized = /^([A-Za-z]\w*)\s+(\d+(?:\s*,\s*\d+)?)$/.exec(rawType.text);
  if (sized && TYPE_HEAD.has(sized[1]!.toLowerCase())) rawType = { ...rawType, text: `${sized[1]}(${sized[2]})` };
  // "enum: draft, published": enum(draft, published).
  const enumValuesText = /^enum\s*[:：]\s*(.+)$/i.exec(rawType.text);
  if (enumValuesText) rawType = { ...rawType, text: `enum(${enumValuesText[1]!.split(/\s*,\s*/).join(", ")})` };
  // "status (nvarchar: active|disabled)": a type, then its allowed values.
  const typedValues = /^([A-Za-z]\w*(?:\(\s*\d+\s*\))?)\s*:\s*([A-Za-z0-9_.-]+(?:\s*\|\s*[A-Za-z0-9_.-]+)+)$/.exec(rawType.text);
  if (typedValues && !values && type) {
    const at = type.text.indexOf(typedValues[2]!, typedValues[1]!.length);
    values = splitEnumValues(typedValues[2]!)?.map((v) => md.rawText(flatSub(type!, at + v.at, at + v.at + v.text.length)));
    rawType = { ...rawType, text: typedValues[1]! };
  }
  const rawConstraints = constraints.map((c) => md.rawText(c));
  if (optionalMark) rawConstraints.unshift({ text: "nullable", span: md.idx.span(f.offs[optionalMark.index] ?? f.offs[0] ?? 0) });
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

/** A constraint or a rule stated in words, in any language the reader knows ("unique", "唯一", "默认1", "FK -> users.id"). */
function isRule(md: MarkdownReader, text: string): boolean {
  const t = text.trim().replace(/[.。]$/, "");
  return t.length > 0 && (looksLikeConstraints(t) || md.isRulePhrase(t));
}

/** A line listing a column's values ("Allowed: `a`, `b`", "Values: x | y", "One of: ..."). */
const VALUES_LINE = /^(?:allowed(?:\s+values)?|values?|one\s+of|options|possible\s+values|enum)\s*[:：]/i;

/**
 * Pieces of a rules text split at commas, with a list of values made one piece again: quoted
 * values in a run ("high", "low"), and the values after a marker ("one of: a, b", "enum: "x", "y"",
 * "one of 5, 10, 20").
 */
function joinedValues(f: Flat, pieces: readonly Flat[]): Flat[] {
  const out: Flat[] = [];
  const quoted = (p: Flat) => /^(?:(?:one\s+of|either|in|enum(?:eration)?|values?|allowed(?:\s+values)?)\s*:?\s*)?["'“`][^"'”`]*["'”`]$/i.test(p.text);
  // "one of: a, b, c": the values after the marker are one piece with it.
  // (also after values already joined to it: "enum: draft, sent" takes "paid").
  const listOpen = (p: Flat) => /\b(?:one\s+of|either|allowed(?:\s+values)?|values?|enum|choices)\s*[:：(]?\s*["'`]?[\w-]+["'`]?(?:\s*,\s*(?:or\s+)?["'`]?[\w-]+["'`]?)*$/i.test(p.text);
  // A value, or the last one closing its sentence before more ("C. Required."); a number after numbers ("one of 5, 10").
  const oneValue = (p: Flat, prev: Flat) =>
    (/^(?:or\s+)?["'`]?[A-Za-z][\w-]*["'`]?(?:\)|\.(?:\s+\S.*)?)?$/.test(p.text) && !CONSTRAINT_WORD.test(p.text.replace(/\..*$/, ""))) ||
    (/^(?:or\s+)?-?\d+(?:\.\d+)?$/.test(p.text) && /\b(?:one\s+of|either)\s*:?\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)*$/i.test(prev.text));
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev && ((quoted(p) && (quoted(prev) || /["'”`]$/.test(prev.text))) || (oneValue(p, prev) && listOpen(prev)))) {
      const start = f.offs.indexOf(prev.offs[0]!);
      const end = f.offs.indexOf(p.offs[p.text.length]!);
      out[out.length - 1] = start >= 0 && end >= 0 ? flatSub(f, start, end) : prev;
    } else out.push(p);
  }
  return out;
}

/** A constraints cell split at commas and semicolons, but not inside a run of quoted values ("high", "low"). */
export function constraintPieces(md: MarkdownReader, f: Flat): RawText[] {
  const out = joinedValues(f, flatSplit(f, ",;"));
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
  // MySQL's DESCRIBE marks a default the server makes ("DEFAULT_GENERATED", before
  // "on update CURRENT_TIMESTAMP"): the Default column states it; the marker itself says nothing.
  const marks = split.flatMap((p) => {
    const m = /^DEFAULT_GENERATED\b\s*/i.exec(p.text);
    if (!m) return [p];
    const rest = flatTrim(flatSub(p, m[0].length));
    return rest.text ? [rest] : [];
  });
  return marks.map((p) => md.rawText(p));
}

/** A rule piece by its first word ("required for login", "minimum 1 character", "defaults to false"). */
const RULE_LEAD = /^(?:required|optional|unique(?:\s*$|\s+(?:per|across|within|among|for\s+each)\b)|nullable|not\s+null|non[-\s]?null|defaults?\b|min(?:imum)?\b|max(?:imum)?\b|auto[-_\s]?(?:increment|generated)|primary\s+key|foreign\s+key|fk\b|pk\b|indexed)/i;

/**
 * "`email`: User's email address (string), unique, required", "`id`: Primary key, UUID,
 * auto-generated": after the colon a phrase of words leads, not a type; the type is a piece of its
 * own or in parentheses after a piece ("(UUID/string)": the first of the alternatives). The other
 * pieces are rules when they read as rules, the description otherwise. Null when the text does
 * not lead with such a phrase (its first word is a type, or it is one word).
 */
function proseLead(rest: Flat): { type: Flat | null; constraints: Flat[]; description?: string } | null {
  const pieces = flatSplit(rest, ",");
  const first = pieces[0];
  if (!first) return null;
  const firstWords = first.text.replace(/\([^()]*\)\s*$/, "").trim().split(/\s+/).filter(Boolean);
  if (firstWords.length < 2) return null;
  // Prose throughout: the first words must be words, not code ("Field(default=None)").
  // A label before more fields ("Task: the main entity, with attributes: id (...)") is no column.
  if (!/^[A-Za-z][A-Za-z'’-]*$/.test(firstWords[0]!) || /[=<>{}[\]:：]/.test(rest.text)) return null;
  let type: Flat | null = null;
  const constraints: Flat[] = [];
  const notes: string[] = [];
  const isType = (t: string) => {
    const h = typeHead(t);
    const whole = TYPE_PREFIX.exec(t.trim())?.[0];
    return h !== null && TYPE_HEAD.has(h) && whole !== undefined && whole.length === t.trim().length;
  };
  if (TYPE_HEAD.has(firstWords[0]!.toLowerCase())) {
    // "`created_at`: Timestamp when the row was made (datetime)": the type word, then what the
    // column holds in words (no rule among them); a type restated in parentheses is dropped.
    const after = flatTrim(flatSub(first, firstWords[0]!.length));
    const words = after.text.replace(/\([^()]*\)\s*$/, "").trim();
    if (!/^[a-z]+\s+[a-z]/.test(words) || looksLikeConstraints(words) || RULE_LEAD.test(words) || /^(?:with(?:out)?\s+time\s+zone|precision|varying)\b/i.test(words)) return null;
    type = flatSub(first, 0, firstWords[0]!.length);
    notes.push(words);
    pieces.shift();
  }
  for (const [k, p] of pieces.entries()) {
    let body = p;
    // The type: a piece of its own, or in parentheses closing the leading phrase.
    if (!type && (k === 0 || isType(p.text))) {
      const paren = /\(([^()]*)\)\s*$/.exec(p.text);
      const alt = paren ? /^\s*([^/|]+?)\s*(?:$|\/|\||\s+or\s)/i.exec(paren[1]!) : null;
      if (paren && alt && isType(alt[1]!)) {
        const at = paren.index + 1 + paren[1]!.indexOf(alt[1]!);
        type = flatSub(p, at, at + alt[1]!.length);
        body = flatTrim(flatSub(p, 0, paren.index));
      } else if (isType(p.text)) {
        type = p;
        continue;
      }
    }
    if (!body.text) continue;
    // "Foreign key to users table": the table's name, without the word.
    const fkTable = /^(?:foreign\s+key|fk|references?)\b.*\S(\s+table)$/i.exec(body.text);
    if (fkTable) body = flatSub(body, 0, body.text.length - fkTable[1]!.length);
    if (looksLikeConstraints(body.text) || RULE_LEAD.test(body.text)) constraints.push(body);
    else notes.push(body.text);
  }
  return { type, constraints, ...(notes.length > 0 ? { description: notes.join(", ") } : {}) };
}
