// Mermaid entity-relationship diagrams (an ```mermaid block whose first line is `erDiagram`):
// many specs draw their schema this way, often with no other. Each entity with attributes
// becomes a raw table and each attribute a column, in the texts the IR builder reads: the type
// as written ("varchar(100)", "string[]"), PK -> "primary key", UK -> "unique", and FK ->
// "references users(id)", its target found through the relationship lines that tie the two
// entities (`USERS ||--o{ TASKS`: TASKS holds the key). An attribute's "comment" is kept as
// its description, from which the IR reads rules ("1-200 characters", "todo, doing, done").
// Hand-written: the grammar is small (Mermaid's own erDiagram.jison), and the reader costs no
// parser to load. Every line is read or reported: what is not understood is SF113.
import type { Diagnostic } from "../base/diagnostics.js";
import { nameKey } from "../base/naming.js";
import type { Span } from "../base/span.js";
import { emptyResult, type BlockReader, type ReaderResult, type SourceBlock } from "./block.js";
import { erDiagramAt } from "./mermaid-shape.js";
import type { RawColumn, RawTable, RawText } from "./raw.js";
import { matchParen } from "./text.js";

/** The Mermaid erDiagram reader: plain code, nothing to load beyond this module (loaded only when a spec has an erDiagram). */
export function loadMermaidReader(): BlockReader {
  return readMermaid;
}

/** A text of the block and where it starts in it. */
interface At {
  readonly text: string;
  readonly at: number;
}

type Key = "PK" | "FK" | "UK";

interface Attribute {
  type: At;
  name: At;
  keys: { key: Key; at: number }[];
  comment?: At;
  /** Type and name were written the other way round ("id uuid PK"). */
  swapped?: boolean;
  /** SQL words written after the name ("UNIQUE", "NOT NULL", "DEFAULT FALSE"): constraint phrases. */
  extra?: At[];
  /** `ENUM("IN", "OUT")` written after the name: the allowed values. */
  values?: { list: string[]; at: number };
}

interface Entity {
  /** The name Mermaid knows it by (quotes removed); relationships use it. */
  readonly id: string;
  /** Where its first attribute block (or declaration, or mention) is written. */
  declaredAt: number;
  alias?: At;
  attributes: Attribute[];
}

interface Relationship {
  readonly a: string;
  readonly b: string;
  /** The end at `a` (`}o`, `|{`, "zero or more", ...) allows many rows of `a`. */
  readonly aMany: boolean;
  readonly bMany: boolean;
  /** The marker at each end as written (`||`, `|o`, `}o`, "only one"...). */
  readonly aCard: string;
  readonly bCard: string;
  /** Start of the statement, and its text for messages. */
  readonly at: number;
  readonly written: string;
  /** An FK attribute was resolved through it. */
  used: boolean;
  /** The label after ":", unquoted ("motorista_id", "places"): diagrams often name the key column there. */
  readonly label?: string;
}

// Cardinality markers, longest first; Mermaid accepts every form on either side.
const CARD = /(\|o|o\||\|\||\}o|o\{|\}\||\|\{|one\s+or\s+zero|zero\s+or\s+one|one\s+or\s+more|one\s+or\s+many|zero\s+or\s+more|zero\s+or\s+many|many\(0\)|many\(1\)|many|only\s+one|one|1\+|0\+|1|u(?=[.\-|]))/iy;
const MANY = /^(\}o|o\{|\}\||\|\{|one\s+or\s+more|one\s+or\s+many|zero\s+or\s+more|zero\s+or\s+many|many\(0\)|many\(1\)|many|1\+|0\+)$/i;
const LINE = /(--|\.\.|\.-|-\.|optionally\s+to|to)/iy;
/** An unquoted entity name: Mermaid's UNICODE_TEXT. */
const ENTITY_WORD = /(?:[^\x00-\x7F]|[\w\-*.])+/uy;
const KEY = /(PK|FK|UK)(?![\p{L}\p{N}_])/iuy;
const KEY_ONLY = /^(?:PK|FK|UK)$/i;
/** Prisma's scalar type names, which in Prisma mean "required" unless followed by "?". */
const PRISMA_SCALAR = /^(?:String|Int|BigInt|Float|Decimal|Boolean|DateTime|Json)(?:\[\])?$/;
/** Words SQL writes after a type word, as part of the type ("bigint unsigned", "double precision", "character varying(20)", "timestamp with time zone"). */
const TYPE_MODIFIER = /^(?:unsigned|signed|zerofill|precision|varying(?:\(\s*\d+\s*\))?|with|without|time|zone)$/i;
/** A piece of a comment that is only null/unique words ("NOT NULL", "UNIQUE NOT NULL", "nullable"): read as the constraints it says. */
const RULE_WORDS = /(NOT\s+NULL|NULLABLE|NULL|UNIQUE|AUTO_?INCREMENT|AUTOINCREMENT|REQUIRED|OPTIONAL)(?![\p{L}\p{N}_])\s*/iuy;
/** `ENUM(` after an attribute's name. */
const ENUM_SUFFIX = /ENUM\s*\(/iy;
/** SQL constraint words after an attribute's name (not Mermaid's, but common): read as constraint phrases. */
const SQL_SUFFIX = /(NOT\s+NULL|NULL|UNIQUE|AUTO_?INCREMENT|AUTOINCREMENT|DEFAULT\s+(?:'[^'\n]*'|"[^"\n]*"|[\w.:-]+(?:\(\))?))(?![\p{L}\p{N}_])/iuy;
/** "-> PLAY.id (CASCADE)" after an attribute's keys: the key's target and its on-delete. */
const KEY_ARROW = /(?:->|→)\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)(?:\s*\(\s*(CASCADE|SET\s+NULL|RESTRICT|NO\s+ACTION)\s*\))?/iy;
/** What a delete of the referenced row does, as a comment says it: "on delete set null", or Laravel's "nullOnDelete". */
const ON_DELETE = /\b(?:(cascade|null|restrict|noAction)OnDelete|on\s+delete\s*:?\s*(cascade|set\s+null|restrict|no\s+action))\b/i;
/** A name the IR can write in "references t(c)" (constraints.ts reads only these). */
const IDENT = /^[A-Za-z_]\w*$/;
/** A column name as attributes write it (backticked names may hold anything). */
const COLUMN_NAME = /^[\p{L}_][\p{L}\p{N}_\-]*$/u;
/** What a type looks like outside its parentheses (Mermaid's attribute word, `~generic~`, a trailing `?`). */
const TYPE_TEXT = /^[\p{L}_*][\p{L}\p{N}_\-.,*~?\[\]]*$/u;
/** Lines that style or describe the diagram: nothing about tables. */
const IGNORED = /^(?:direction\s+(?:TB|TD|BT|LR|RL)\b|accTitle\s*:|accDescr\s*:|classDef\s|style\s+[^\s|{}]+\s+[^\s|{}]*:|class\s+[^\s|{}]+\s+[^\s|{}]+\s*;?$|subgraph\s|end$)/i;
const ATTRIBUTE_HINT = 'an attribute is written: type name [PK|FK|UK] ["comment"], e.g. varchar(100) name UK "1-100 characters"';
/** Type words common enough to tell "id uuid" (name first) from "uuid id". */
const TYPE_WORD =
  /^(?:u?int\d*|integer|smallint|bigint|tinyint|mediumint|serial|bigserial|smallserial|uuid|guid|string|text|varchar|nvarchar|char|nchar|citext|bool|boolean|float\d*|double|decimal|numeric|number|real|money|date|datetime\d*|timestamp|timestamptz|time|timetz|interval|json|jsonb|blob|bytea|binary|enum|long|short|byte)(?:\(.*\))?(?:\[\])?\??$/i;

function readMermaid(block: SourceBlock): ReaderResult {
  const out = emptyResult();
  const text = block.text;
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, text.length)));
  const raw = (t: At): RawText => ({ text: t.text, span: span(t.at) });
  const warn = (message: string, offset: number, hint?: string): void => {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: span(offset), ...(hint ? { hint } : {}) };
    out.diagnostics.push(d);
  };
  const note = (message: string, offset: number): void => {
    out.notes.push({ span: span(offset), message });
  };

  const entities = new Map<string, Entity>();
  const relationships: Relationship[] = [];
  /** Enums drawn as entities of bare values, by name. */
  const enums = new Map<string, { values: string[]; at: number }>();
  const entity = (name: At): Entity => {
    let e = entities.get(name.text);
    if (!e) {
      e = { id: name.text, declaredAt: name.at, attributes: [] };
      entities.set(name.text, e);
    }
    return e;
  };

  // ------------------------------------------------------------------ scanning helpers
  const lineEnd = (i: number): number => {
    const n = text.indexOf("\n", i);
    return n < 0 ? text.length : n;
  };
  /** Past spaces and tabs (and a \r), never past the end of the line. */
  const skipBlank = (i: number, end: number): number => {
    while (i < end && (text[i] === " " || text[i] === "\t" || text[i] === "\r")) i++;
    return i;
  };
  const snippet = (from: number, end: number): string => {
    const s = text.slice(from, end).trim();
    return s.length > 40 ? s.slice(0, 40) + "…" : s;
  };
  const restBlank = (i: number, end: number): boolean => {
    const j = skipBlank(i, end);
    return j >= end || text.startsWith("%%", j);
  };

  /** An entity name at `i`: "quoted" (any text) or a bare word. */
  const entityName = (i: number, end: number): (At & { end: number }) | null => {
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0 || close > end) return null;
      const name = text.slice(i + 1, close);
      if (!name.trim()) return null;
      return { text: name, at: i + 1, end: close + 1 };
    }
    ENTITY_WORD.lastIndex = i;
    const m = ENTITY_WORD.exec(text);
    if (!m || m.index + m[0].length > end) return null;
    return { text: m[0], at: i, end: i + m[0].length };
  };

  /** `:::class1,class2` after an entity name (styling only). */
  const skipClasses = (i: number, end: number): number => {
    if (!text.startsWith(":::", i)) return i;
    i += 3;
    while (i < end && !/[\s{]/.test(text[i]!)) i++;
    return i;
  };

  // ------------------------------------------------------------------ attribute blocks
  /** A type word at `i`: no spaces, except inside parentheses ("decimal(10, 2)"). */
  const typeWord = (i: number, end: number): At | null => {
    const start = i;
    let depth = 0;
    while (i < end) {
      const c = text[i]!;
      if (depth > 0) {
        if (c === ")" || c === "]") depth--;
        else if (c === "(" || c === "[") depth++;
        i++;
        continue;
      }
      if (/[\s"{}`]/.test(c) || text.startsWith("%%", i)) break;
      if (c === "(" || c === "[") depth++;
      i++;
    }
    if (depth > 0 || i === start) return null;
    const word = text.slice(start, i);
    if (!/^[\p{L}_*]/u.test(word)) return null;
    return { text: word, at: start };
  };
  /** An attribute name: a word, or `anything` in backticks. */
  const nameWord = (i: number, end: number): (At & { end: number }) | null => {
    if (text[i] === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0 || close > end || close === i + 1) return null;
      return { text: text.slice(i + 1, close), at: i + 1, end: close + 1 };
    }
    const w = typeWord(i, end);
    if (!w || /,$/.test(w.text)) {
      let j = i;
      while (j < end && !/[\s"{}`,]/.test(text[j]!) && !text.startsWith("%%", j)) j++;
      return j === i ? null : { text: text.slice(i, j), at: i, end: j };
    }
    return { text: w.text, at: i, end: i + w.text.length };
  };
  /** The position after the end of the current line, or at a `}` on it (outside quotes), whichever is first. */
  const recover = (i: number): number => {
    const end = lineEnd(i);
    let quoted = false;
    for (let j = i; j < end; j++) {
      if (text[j] === '"') quoted = !quoted;
      else if (text[j] === "}" && !quoted) return j;
    }
    return end;
  };

  /** Reads `{ ... }` opening at `open` into `e`; returns the position after the closing brace. */
  const readBlock = (e: Entity, open: number): number => {
    // Several attributes on one line only in a block written on one line: `A { int id PK string name }`.
    const openLine = lineEnd(open);
    let lastLine = -1; // the line the last attribute ended on
    const lineComments: { name: string; comment: At }[] = [];
    let i = open + 1;
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (i >= text.length) {
        warn(`the attributes of ${e.id} are not closed with "}"`, open, "end the block with a line holding only }");
        return text.length;
      }
      if (text[i] === "}") {
        for (const lc of lineComments) {
          const a = e.attributes.find((x) => x.name.text === lc.name);
          if (a && !a.comment) a.comment = lc.comment;
        }
        return i + 1;
      }
      const end = lineEnd(i);
      if (text.startsWith("%%", i)) {
        // "%% status: one of open, closed" on a line of its own in the block: the comment of the
        // attribute it names (applied when the block closes, the attribute may come after it).
        const m = /^%%\s*`?([A-Za-z_]\w*)`?\s*[:：]\s*(\S.*?)\s*$/.exec(text.slice(i, end));
        if (m) lineComments.push({ name: m[1]!, comment: { text: m[2]!, at: i + m[0].indexOf(m[2]!, m[0].indexOf(m[1]!) + m[1]!.length) } });
        i = end;
        continue;
      }
      if (end === lastLine && end !== openLine) {
        warn(`"${snippet(i, recover(i))}" after an attribute of ${e.id} is not understood; it is ignored`, i, ATTRIBUTE_HINT);
        i = recover(i);
        continue;
      }
      const a = readAttribute(e, i, end);
      if (a.attribute) e.attributes.push(a.attribute);
      i = a.next;
      lastLine = lineEnd(Math.min(i, text.length));
    }
  };

  /** One attribute at `i` (its line ends at `end`); `next` is where reading goes on. */
  const readAttribute = (e: Entity, i: number, end: number): { attribute?: Attribute; next: number } => {
    const bad = (message: string, at: number): { next: number } => {
      warn(message, at, ATTRIBUTE_HINT);
      return { next: recover(at) };
    };
    let type = typeWord(i, end);
    if (!type) return bad(`"${snippet(i, recover(i))}" in ${e.id} is not an attribute; it is ignored`, i);
    let p = skipBlank(i + type.text.length, end);
    if (p >= end || text[p] === "}" || text[p] === '"' || text.startsWith("%%", p)) return bad(`attribute "${type.text}" of ${e.id} has a type or a name, not both; it is ignored`, i);
    let name = nameWord(p, end);
    if (!name) return bad(`"${snippet(p, recover(p))}" in ${e.id} is not an attribute name; the attribute is ignored`, p);
    const backticked = text[name.at - 1] === "`";
    p = name.end;
    let swapped = false;
    if (!backticked && !TYPE_WORD.test(type.text) && TYPE_WORD.test(name.text) && COLUMN_NAME.test(type.text)) {
      [type, name] = [{ text: name.text, at: name.at }, { text: type.text, at: type.at, end: name.end }];
      swapped = true;
    }
    // "bigint unsigned id", "double precision amount", "timestamp with time zone at": SQL's
    // type words after the type; the name is the word after them.
    while (!backticked && !swapped && TYPE_MODIFIER.test(name.text)) {
      const after = skipBlank(name.end, end);
      if (after === name.end || after >= end) break;
      const next = nameWord(after, end);
      if (!next || !COLUMN_NAME.test(next.text) || KEY_ONLY.test(next.text) || /^(?:NOT|NULL|UNIQUE|DEFAULT|ENUM)$/i.test(next.text)) break;
      type = { text: text.slice(type.at, name.end), at: type.at };
      name = next;
      p = name.end;
    }
    const unsignedAt = /\sunsigned\b/i.exec(type.text);
    if (!backticked && !COLUMN_NAME.test(name.text)) return bad(`"${name.text}" in ${e.id} is not a column name; the attribute is ignored`, name.at);
    if (!outsideParens(type.text).split(/\s+/).every((w) => TYPE_TEXT.test(w))) return bad(`"${type.text}" (${e.id}.${name.text}) is not a type; the attribute is ignored`, type.at);
    // Keys: PK, FK, UK, comma-separated ("PK, FK"), after at least one space.
    const keys: { key: Key; at: number }[] = [];
    let q = skipBlank(p, end);
    if (q > p) {
      KEY.lastIndex = q;
      let k = KEY.exec(text);
      while (k) {
        keys.push({ key: k[1]!.toUpperCase() as Key, at: k.index });
        p = KEY.lastIndex;
        const comma = skipBlank(p, end);
        if (text[comma] !== ",") {
          // "PK FK": keys separated by a space only.
          if (comma === p) break;
          KEY.lastIndex = comma;
          k = KEY.exec(text);
          continue;
        }
        KEY.lastIndex = skipBlank(comma + 1, end);
        k = KEY.exec(text);
        if (!k) return bad(`"${snippet(comma, recover(comma))}" after the keys of ${e.id}.${name.text} is not a key (PK, FK or UK); the attribute is ignored`, comma);
      }
    }
    q = skipBlank(p, end);
    // SQL words many diagrams add after the name or the keys: ENUM("a", "b"), UNIQUE, NOT NULL, DEFAULT x.
    const extra: At[] = [];
    // "int unsigned": nothing below zero.
    if (unsignedAt) extra.push({ text: ">= 0", at: type.at + unsignedAt.index + 1 });
    let values: { list: string[]; at: number } | undefined;
    const suffixes = () => {
      for (;;) {
        q = skipBlank(q, end);
        ENUM_SUFFIX.lastIndex = q;
        const en = ENUM_SUFFIX.exec(text);
        if (en) {
          const open = q + en[0].length - 1;
          const close = matchParen(text, open);
          if (close < 0 || close > end) return;
          const list = text.slice(open + 1, close).split(",").map((v) => v.trim().replace(/^(["'`])(.*)\1$/, "$2").trim()).filter(Boolean);
          if (list.length >= 1) values = { list, at: q };
          q = close + 1;
          continue;
        }
        // "FK -> PLAY.id (CASCADE)": the key's target, and what a delete of it does.
        KEY_ARROW.lastIndex = q;
        const ar = q < end ? KEY_ARROW.exec(text) : null;
        if (ar) {
          extra.push({ text: `references ${ar[1]}(${ar[2]})${ar[3] ? ` on delete ${ar[3].toLowerCase().replace(/\s+/g, " ")}` : ""}`, at: q });
          q = KEY_ARROW.lastIndex;
          continue;
        }
        // "(<=50, unique)", "(>=1)", "(default: plays/default.png)": rules in parentheses, each a constraint phrase.
        if (text[q] === "(") {
          const close = matchParen(text, q);
          if (close < 0 || close > end) return;
          let from = q + 1;
          for (const piece of text.slice(q + 1, close).split(",")) {
            const lead = piece.length - piece.trimStart().length;
            const phrase = piece.trim().replace(/^default\s*:\s*/i, "default ");
            if (phrase) extra.push({ text: phrase, at: from + lead });
            from += piece.length + 1;
          }
          q = close + 1;
          continue;
        }
        SQL_SUFFIX.lastIndex = q;
        const m = SQL_SUFFIX.exec(text);
        if (!m || q >= end) return;
        extra.push({ text: m[1]!.replace(/\s+/g, " "), at: q });
        q = SQL_SUFFIX.lastIndex;
      }
    };
    suffixes();
    let comment: At | undefined;
    if (text[q] === '"') {
      const close = text.indexOf('"', q + 1);
      if (close < 0 || close > end) {
        warn(`the comment of ${e.id}.${name.text} is not closed on its line; the attribute is read without it`, q, 'close it with a " on the same line');
        q = recover(q);
      } else {
        comment = { text: text.slice(q + 1, close), at: q + 1 };
        q = skipBlank(close + 1, end);
        suffixes();
      }
    }
    // "string status %% one of: open, closed": a Mermaid comment closing the line says what a
    // comment string would (the values, the limits): read as the attribute's comment.
    if (!comment && text.startsWith("%%", q) && q < end) {
      const from = skipBlank(q + 2, end);
      const said = text.slice(from, end).trimEnd();
      if (said) comment = { text: said, at: from };
      q = end;
    }
    // Markers some generators write as the whole comment (prisma-erd-generator): a key emoji
    // for the primary key, a question mark for an optional field.
    if (comment) {
      const marks = comment.text.replace(/[\uFE0F\s]/gu, "");
      if (/^(?:🗝|🔑)+(?:❓|\?)?$/u.test(marks) && !keys.some((k) => k.key === "PK")) keys.push({ key: "PK", at: comment.at });
      if (/^(?:🗝|🔑)*(?:❓)$/u.test(marks)) extra.push({ text: "NULL", at: comment.at });
      if (/^(?:🗝|🔑)*(?:❓)?$/u.test(marks) && marks) comment = undefined;
    }
    // "NOT NULL, in days", "UNIQUE; login name": a piece of the comment that holds only
    // null/unique words is read as those constraints (the rest stays the description).
    if (comment) {
      let from = 0;
      for (const piece of comment.text.split(/[,;]/)) {
        const lead = piece.length - piece.trimStart().length;
        const t = piece.trim();
        const at = comment.at + from + lead;
        from += piece.length + 1;
        if (!t) continue;
        const found: At[] = [];
        let j = 0;
        RULE_WORDS.lastIndex = 0;
        for (let m = RULE_WORDS.exec(t); m && m.index === j; m = RULE_WORDS.exec(t)) {
          found.push({ text: m[1]!.replace(/\s+/g, " "), at: at + m.index });
          j = RULE_WORDS.lastIndex;
        }
        // "nullable (when checked in by QR)": the words, then a note in brackets.
        if (found.length && (j >= t.length || /^[(（].*[)）]$/su.test(t.slice(j).trim()))) extra.push(...found);
      }
    }
    const attribute: Attribute = {
      type,
      name: { text: name.text, at: name.at },
      keys,
      ...(comment ? { comment } : {}),
      ...(swapped ? { swapped } : {}),
      ...(extra.length ? { extra } : {}),
      ...(values ? { values } : {}),
    };
    return { attribute, next: q };
  };

  // ------------------------------------------------------------------ relationships
  /** `<card><line><card> NAME [: label]` at `i` (just after the first entity); false if the line is not one. */
  const readRelationship = (first: At, start: number, i: number, end: number): boolean => {
    CARD.lastIndex = i;
    const c1 = CARD.exec(text);
    if (!c1) return false;
    LINE.lastIndex = skipBlank(CARD.lastIndex, end);
    const line = LINE.exec(text);
    if (!line) return false;
    CARD.lastIndex = skipBlank(LINE.lastIndex, end);
    const c2 = CARD.exec(text);
    if (!c2) return false;
    // Word forms ("one to many") need a space before the name; glyph forms need none.
    let p = skipBlank(CARD.lastIndex, end);
    if (/\w$/.test(c2[0]) && p === CARD.lastIndex) return false;
    const second = entityName(p, end);
    if (!second) return false;
    p = skipBlank(skipClasses(second.end, end), end);
    let label: string | undefined;
    if (text[p] === ":") {
      // The label: "quoted", or (not Mermaid, but written) the rest of the line.
      p = skipBlank(p + 1, end);
      const close = text[p] === '"' ? text.indexOf('"', p + 1) : -1;
      const from = p;
      p = close >= 0 && close < end ? skipBlank(close + 1, end) : end;
      label = (close >= 0 && close < end ? text.slice(from + 1, close) : text.slice(from, end)).replace(/\s*%%.*$/, "").trim();
    }
    if (text[p] === ";") p = skipBlank(p + 1, end);
    if (!restBlank(p, end)) return false;
    entity(first);
    entity(second);
    relationships.push({
      a: first.text,
      b: second.text,
      aMany: MANY.test(c1[0].replace(/\s+/g, " ")),
      bMany: MANY.test(c2[0].replace(/\s+/g, " ")),
      aCard: c1[0].replace(/\s+/g, " "),
      bCard: c2[0].replace(/\s+/g, " "),
      at: start,
      written: text.slice(start, end).trim().replace(/\s*%%.*$/, ""),
      used: false,
      ...(label ? { label } : {}),
    });
    return true;
  };

  // ------------------------------------------------------------------ statements
  /** A line that is neither an entity nor a relationship: reported; a block it opens is skipped whole. */
  const notUnderstood = (i: number, end: number): number => {
    // A line ending in `{` opens a block (not a cardinality's `o{` or `|{`).
    const opens = /(?<![|o])\{\s*(?:%%.*)?$/.test(text.slice(i, end));
    warn(`"${snippet(i, end)}" is not understood in this erDiagram; ${opens ? "the block it opens is" : "the line is"} ignored`, i,
      "write an entity (NAME { type name [PK|FK|UK] [\"comment\"] }) or a relationship (A ||--o{ B : label; ends |o, ||, }o, }| and their mirrors; -- or ..)");
    if (!opens) return end + 1;
    let j = end;
    let quoted = false;
    for (; j < text.length; j++) {
      if (text[j] === '"') quoted = !quoted;
      else if (text[j] === "\n") quoted = false;
      else if (text[j] === "}" && !quoted) return j + 1;
    }
    return j;
  };

  /** The values of a block at `open` whose every line is one bare word (two or more lines); null for any other block. */
  const enumBlock = (open: number): { values: string[]; next: number } | null => {
    const close = text.indexOf("}", open);
    if (close < 0 || /["{]/.test(text.slice(open + 1, close))) return null;
    const lines = text.slice(open + 1, close).split("\n").map((l) => l.replace(/%%.*$/, "").trim()).filter(Boolean);
    if (lines.length < 2 || !lines.every((l) => /^[\p{L}_][\p{L}\p{N}_\-]*,?$/u.test(l))) return null;
    // Lower-case words are attribute names missing a type far more often than values.
    const values = lines.map((l) => l.replace(/,$/, ""));
    if (!values.every((v) => v === v.toUpperCase() || /^[A-Z]/.test(v))) return null;
    return { values, next: close + 1 };
  };

  /** Reads the statement at `i`; returns where reading goes on. */
  const statement = (i: number): number => {
    const end = lineEnd(i);
    const first = entityName(i, end);
    if (!first) return notUnderstood(i, end);
    let p = skipBlank(first.end, end);
    let alias: At | undefined;
    if (text[p] === "[") {
      const inner = entityName(skipBlank(p + 1, end), end);
      const close = inner ? skipBlank(inner.end, end) : -1;
      if (!inner || text[close] !== "]") return notUnderstood(i, end);
      alias = { text: inner.text, at: inner.at };
      p = skipBlank(close + 1, end);
    }
    p = skipBlank(skipClasses(p, end), end);
    const declare = (): Entity => {
      const known = entities.has(first.text);
      const e = entity(first);
      if (!known || e.attributes.length === 0) e.declaredAt = first.at;
      if (alias && !e.alias) e.alias = alias;
      return e;
    };
    if (text[p] === "{") {
      // A block of bare words, one a line (`TicketStatus { OPEN CLOSED }`): an enum drawn as
      // an entity, its values for the attributes typed with its name; no table.
      const en = alias ? null : enumBlock(p);
      if (en) {
        enums.set(first.text, { values: en.values, at: first.at });
        return en.next;
      }
      const e = declare();
      return readBlock(e, p);
    }
    if (restBlank(p, end) || text[p] === ";") {
      const e = declare();
      // Not Mermaid, but written: the block's brace on the next line.
      let n = end + 1;
      while (n < text.length && restBlank(n, lineEnd(n))) n = lineEnd(n) + 1;
      const b = skipBlank(n, lineEnd(n));
      if (n < text.length && text[b] === "{") return readBlock(e, b);
      return end + 1;
    }
    if (!alias && readRelationship(first, i, p, end)) return end + 1;
    return notUnderstood(i, end);
  };

  // ------------------------------------------------------------------ the diagram
  let i = erDiagramAt(text);
  if (i < 0) {
    warn("this Mermaid block is not an erDiagram; it is ignored", 0);
    return out;
  }
  while (i < text.length) {
    const end = lineEnd(i);
    const s = skipBlank(i, end);
    if (s >= end) {
      i = end + 1;
      continue;
    }
    const line = text.slice(s, end).trimEnd();
    if (line.startsWith("%%") || IGNORED.test(line)) {
      i = end + 1;
      continue;
    }
    if (/^erDiagram$/i.test(line)) {
      // Blocks handed over together: each starts with its own keyword.
      i = end + 1;
      continue;
    }
    if (line === "---") {
      // A later block's front matter.
      const close = /\n[ \t]*---[ \t]*\r?(?:\n|$)/g;
      close.lastIndex = end;
      const m = close.exec(text);
      i = m ? m.index + m[0].length : text.length;
      continue;
    }
    if (/^accDescr\s*\{/i.test(line)) {
      const close = text.indexOf("}", s);
      i = close < 0 ? text.length : lineEnd(close) + 1;
      continue;
    }
    i = statement(s);
  }

  // ------------------------------------------------------------------ the diagram's nullability
  /** Attributes whose nullability only the diagram-wide convention below decided (a relationship's marker says more). */
  const byConvention = new Set<Attribute>();
  // A diagram that marks some attributes "nullable" (two or more, and none NOT NULL) means the
  // others are required; one that marks only some "NOT NULL" means the others may be empty. Either is read as the
  // diagram says for every attribute it leaves unmarked (a key column is never empty).
  {
    const say = (a: Attribute): "null" | "notnull" | null => {
      for (const x of a.extra ?? []) {
        if (/^(?:not null|required)$/i.test(x.text)) return "notnull";
        if (/^(?:null|nullable|optional)$/i.test(x.text)) return "null";
      }
      if (/\?$/.test(a.type.text)) return "null";
      return null;
    };
    const all = [...entities.values()].flatMap((e) => e.attributes);
    const said = all.map(say);
    const nulls = said.filter((x) => x === "null").length;
    const notNulls = said.filter((x) => x === "notnull").length;
    // Prisma's scalar names ("String", "DateTime") say "required" in Prisma only beside "String?";
    // Mermaid cannot write the "?", so a diagram that marks nothing says nothing of either.
    if (nulls === 0 && notNulls === 0) {
      let first: Attribute | null = null;
      for (const a of all) {
        if (!PRISMA_SCALAR.test(a.type.text)) continue;
        a.type = { text: a.type.text.toLowerCase(), at: a.type.at };
        first ??= a;
      }
      if (first) note(`this diagram writes Prisma's type names but marks no attribute optional or required (Mermaid cannot write "String?"): its attributes are read as nullable unless a key`, (first as Attribute).type.at);
    }
    if ((nulls > 0) !== (notNulls > 0) && nulls + notNulls >= 2) {
      const rest = nulls > 0 ? "NOT NULL" : "NULL";
      let first: Attribute | null = null;
      all.forEach((a, n) => {
        if (said[n] || a.keys.some((k) => k.key === "PK")) return;
        (a.extra ??= []).push({ text: rest, at: a.name.at });
        byConvention.add(a);
        first ??= a;
      });
      if (first) {
        const at = (first as Attribute).name.at;
        note(nulls > 0
          ? `this diagram marks ${nulls} attribute${nulls > 1 ? "s" : ""} nullable and none NOT NULL: every attribute it leaves unmarked is read as required`
          : `this diagram marks ${notNulls} attribute${notNulls > 1 ? "s" : ""} NOT NULL and none nullable: every attribute it leaves unmarked is read as nullable`, at);
      }
    }
  }

  // ------------------------------------------------------------------ tables
  const tableName = (e: Entity): At => (e.alias && IDENT.test(e.alias.text) ? e.alias : { text: e.id, at: e.declaredAt });
  const primaryKeyOf = (e: Entity): string | null => {
    const pks = e.attributes.filter((a) => a.keys.some((k) => k.key === "PK"));
    return pks.length === 1 ? pks[0]!.name.text : null;
  };
  /** Words that name an entity (id, table name, alias), compared by nameKey. */
  const entityKeys = (e: Entity): Set<string> => {
    const keys = new Set([nameKey(e.id), nameKey(tableName(e).text)]);
    if (e.alias) keys.add(nameKey(e.alias.text));
    return keys;
  };
  const findEntity = (name: string): Entity | undefined => {
    const exact = entities.get(name);
    if (exact) return exact;
    const k = nameKey(name);
    return [...entities.values()].find((e) => entityKeys(e).has(k));
  };
  /** "user_id" -> "user"; "ownerId" -> "owner"; null when the name does not end in an id. */
  const stem = (column: string): string | null => {
    const m = /^(.+?)[_-]?(?:id|fk|key|ref)$/i.exec(column.replace(/([a-z0-9])(Id|ID|Fk|FK|Key|Ref)$/, "$1_$2"));
    return m ? nameKey(m[1]!) : null;
  };

  interface Resolved {
    readonly target: Entity | null;
    readonly table: string;
    readonly column?: string;
    readonly at: number;
    /** The relationship line the key was tied through: its marker at the target's end says whether the key may be empty. */
    readonly line?: Relationship;
  }
  const resolved = new Map<Attribute, Resolved>();
  const unresolved = new Map<Attribute, string>();

  for (const e of entities.values()) {
    const fks = e.attributes.filter((a) => a.keys.some((k) => k.key === "FK"));
    if (!fks.length) continue;
    // Relationships in which `e` holds the key: it is the many side, or either side of a one-to-one.
    const holds: { r: Relationship; target: Entity }[] = [];
    for (const r of relationships) {
      if (r.aMany && r.bMany) continue;
      if (r.b === e.id && (r.bMany || !r.aMany)) holds.push({ r, target: entities.get(r.a)! });
      else if (r.a === e.id && (r.aMany || !r.bMany)) holds.push({ r, target: entities.get(r.b)! });
    }
    const free = new Set(holds);
    const take = (a: Attribute, o: { r: Relationship; target: Entity }) => {
      free.delete(o);
      o.r.used = true;
      const fk = a.keys.find((k) => k.key === "FK")!;
      resolved.set(a, { target: o.target, table: tableName(o.target).text, at: fk.at, line: o.r });
    };
    const open: Attribute[] = [];
    for (const a of fks) {
      // 1. The comment names the target: "references USERS", "-> users.id", "FK to users(id)": an
      //    entity of the diagram, or (named with its column) a table written elsewhere.
      const m = a.comment && /(?:^|[\s(])(?:references?|refs?|foreign\s+key\s+to|fk\s+to|points?\s+to|->|→)(?![\w-])\s*:?\s*[`"']?([\p{L}_][\p{L}\p{N}_\-]*)[`"']?(?:\s*(?:\.|\()\s*[`"']?([A-Za-z_]\w*)[`"']?\)?)?/diu.exec(a.comment.text);
      if (m && a.comment) {
        const target = findEntity(m[1]!);
        const at = a.comment.at + m.indices![1]![0];
        if (target) {
          const o = [...free].find((x) => x.target === target);
          if (o) {
            free.delete(o);
            o.r.used = true;
          }
          resolved.set(a, { target, table: tableName(target).text, ...(m[2] ? { column: m[2] } : {}), at });
          continue;
        }
        if (IDENT.test(m[1]!) && m[2]) {
          resolved.set(a, { target: null, table: m[1]!, column: m[2], at });
          continue;
        }
      }
      // 2. A relationship's label is the attribute's name ("USERS ||--o{ TRIPS : driver_id").
      const labelled = [...free].filter((o) => o.r.label === a.name.text);
      if (labelled.length === 1) {
        take(a, labelled[0]!);
        continue;
      }
      // 3. Its name names one of the entities it is tied to: user_id -> USERS.
      const s = stem(a.name.text) ?? nameKey(a.name.text);
      const byName = [...free].filter((o) => entityKeys(o.target).has(s));
      if (byName.length && new Set(byName.map((o) => o.target)).size === 1) {
        take(a, byName[0]!);
        continue;
      }
      open.push(a);
    }
    // 4. What is left pairs up when it can only pair one way.
    const left = [...free];
    const targets = new Set(left.map((o) => o.target));
    if (open.length && left.length && targets.size === 1 && open.length <= left.length) {
      open.forEach((a, n) => take(a, left[n]!));
      continue;
    }
    const still: Attribute[] = [];
    for (const a of open) {
      // 5. No relationship line gives it: its name names exactly one entity of the diagram
      //    ("user_id" -> USERS, "production_order" -> PRODUCTION_ORDERS), which it references.
      const s = stem(a.name.text) ?? nameKey(a.name.text);
      const named = [...entities.values()].filter((x) => x !== e && x.attributes.length > 0 && entityKeys(x).has(s));
      if (named.length === 1) {
        const target = named[0]!;
        const fk = a.keys.find((k) => k.key === "FK")!;
        const line = [...free].find((o) => o.target === target);
        if (line) {
          take(a, line);
          continue;
        }
        resolved.set(a, { target, table: tableName(target).text, at: fk.at });
        note(`foreign key ${e.id}.${a.name.text} names no target and no relationship line gives one: read as a reference to ${target.id}, the one entity its name names`, fk.at);
        continue;
      }
      still.push(a);
    }
    // 6. A key whose name is the last words of one entity's name it is tied to (rental_id and
    //    ITEM_RENTAL); then one key left and the lines left tie it to one entity
    //    (`created_by_id` and the one line from USER not yet taken): it is that line's key.
    for (const a of [...still]) {
      const s = stem(a.name.text);
      if (!s) continue;
      const tail = [...free].filter((o) => [...entityKeys(o.target)].some((k) => k.endsWith(`_${s}`)));
      if (tail.length && new Set(tail.map((o) => o.target)).size === 1) {
        take(a, tail[0]!);
        still.splice(still.indexOf(a), 1);
      }
    }
    // 7. Several entities tied by lines left: the one a word of the key's name names
    //    (shift_template_id and SHIFTS) or whose own key the name ends with (production_date and
    //    PLANT_CALENDAR keyed by date), when exactly one does.
    for (const a of [...still]) {
      const parts = a.name.text.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split(/[_-]+/).filter(Boolean).map((w) => nameKey(w));
      const low = a.name.text.toLowerCase();
      const fits = [...free].filter((o) => {
        const pk = primaryKeyOf(o.target)?.toLowerCase();
        return parts.some((w) => entityKeys(o.target).has(w)) || (!!pk && pk !== "id" && low !== pk && low.endsWith(`_${pk}`));
      });
      if (fits.length && new Set(fits.map((o) => o.target)).size === 1) {
        take(a, fits[0]!);
        note(`foreign key ${e.id}.${a.name.text} is read as the key of ${fits[0]!.r.written}: of the entities its lines tie it to, its name names ${fits[0]!.target.id} or ends with its key`, a.keys.find((k) => k.key === "FK")!.at);
        still.splice(still.indexOf(a), 1);
      }
    }
    const rest = [...free];
    if (still.length === 1 && rest.length >= 1 && new Set(rest.map((o) => o.target)).size === 1) {
      const a = still[0]!;
      take(a, rest[0]!);
      note(`foreign key ${e.id}.${a.name.text} names no entity: read as the key of the one relationship line left (${rest[0]!.r.written})`, a.keys.find((k) => k.key === "FK")!.at);
      continue;
    }
    for (const a of still) {
      unresolved.set(a,
        left.length > 0
          ? `it could reference ${[...targets].map((t) => t.id).join(" or ")}`
          : holds.length > 0
            ? `the relationship lines that give ${e.id} a key are taken by its other FK attributes`
            : `no relationship line ties ${e.id} to the entity it references`);
    }
  }

  // A relationship line no FK attribute took: the key is in the line alone (`USERS ||--o{ TASKS :
  // owns`). The many side (either side of a one-to-one) holds it in the column named for the
  // other entity (tasks.user_id, tasks.userId) or named by the label; with no such column the
  // line cannot be followed, and a warning says so.
  for (const r of relationships) {
    if (r.used) continue;
    const a = entities.get(r.a)!;
    const b = entities.get(r.b)!;
    if (r.aMany && r.bMany) {
      note(`${r.written}: a many-to-many relationship needs a join table with a foreign key to each side; nothing is added`, r.at);
      continue;
    }
    const holders = (r.bMany ? [b] : r.aMany ? [a] : [b, a]).filter((h) => h.attributes.length > 0);
    const one = (h: Entity) => (h === a ? b : a);
    const candidates: { h: Entity; attr: Attribute }[] = [];
    for (const h of holders) {
      const parent = one(h);
      if (parent === h || parent.attributes.length === 0) continue;
      const free = h.attributes.filter((x) => !resolved.has(x) && !x.keys.some((k) => k.key === "FK"));
      const labelled = r.label ? free.filter((x) => x.name.text === r.label) : [];
      // Or the column whose stem the label names ("USER ||--o{ EVENT : hosts" and host_id).
      const byLabel = r.label ? free.filter((x) => stem(x.name.text) === nameKey(r.label!)) : [];
      const named = labelled.length ? labelled : byLabel.length === 1 ? byLabel : free.filter((x) => { const s = stem(x.name.text); return s !== null && entityKeys(parent).has(s); });
      if (named.length === 1) candidates.push({ h, attr: named[0]! });
    }
    if (candidates.length === 1) {
      const { h, attr } = candidates[0]!;
      const target = one(h);
      attr.keys.push({ key: "FK", at: attr.name.at });
      resolved.set(attr, { target, table: tableName(target).text, at: attr.name.at, line: r });
      r.used = true;
      note(`${r.written}: ${h.id}.${attr.name.text} is not marked FK; read as its key to ${target.id}, the column the relationship names`, attr.name.at);
      continue;
    }
    // A holder whose FK attribute could not be tied to one line is reported there already.
    if (holders.some((h) => h.attributes.some((x) => unresolved.has(x)))) continue;
    const what = holders.map((h) => `${h.id} has no column for the key of ${one(h).id} (such as ${nameKey(one(h).id)}_id)`).join(" and ");
    if (holders.length === 0) note(`${r.written}: its entities list no attributes here; the relationship adds nothing`, r.at);
    else warn(`${r.written}: ${candidates.length > 1 ? `both ${a.id} and ${b.id} have a column for the other's key, so which one holds it is not known` : what}; no foreign key is made from this line`, r.at,
      "mark the column that holds the key with FK (type name FK), or name it <entity>_id");
  }

  for (const e of entities.values()) {
    if (e.attributes.length === 0) {
      note(`entity ${e.id} lists no attributes in this diagram: no table is made for it here (a table of that name written elsewhere in the spec is used)`, e.declaredAt);
      continue;
    }
    const name = tableName(e);
    if (name !== e.alias && e.alias) note(`entity ${e.id} is labelled "${e.alias.text}", which is no table name: the table is named "${name.text}"`, e.alias.at);
    else if (e.alias && name === e.alias) note(`entity ${e.id} is labelled ${e.alias.text}: the table is named "${e.alias.text}"`, e.alias.at);
    const columns: RawColumn[] = e.attributes.map((a) => {
      if (a.swapped) note(`${e.id}: "${a.name.text} ${a.type.text}" is read as column ${a.name.text} of type ${a.type.text} (Mermaid writes the type first)`, a.name.at);
      const constraints: RawText[] = [];
      let lineSays: { text: string; at: number } | null = null;
      for (const k of a.keys) {
        if (k.key === "PK") constraints.push({ text: "primary key", span: span(k.at) });
        else if (k.key === "UK") constraints.push({ text: "unique", span: span(k.at) });
        else {
          const r = resolved.get(a);
          if (!r) {
            constraints.push({ text: "foreign key", span: span(k.at) });
            note(`the target of foreign key ${e.id}.${a.name.text} is not known (${unresolved.get(a) ?? "unresolved"}): read as "foreign key" alone`, k.at);
            continue;
          }
          // A reference names its table in ASCII word characters; "LINE-ITEM" is written LINE_ITEM, which the IR matches by its words.
          const table = IDENT.test(r.table) ? r.table : /^[A-Za-z][\w\-. ]*$/.test(r.table) ? r.table.replace(/[^\w]+/g, "_") : null;
          if (!table) {
            constraints.push({ text: "foreign key", span: span(k.at) });
            note(`foreign key ${e.id}.${a.name.text} references ${r.target?.id ?? r.table}, whose name "${r.table}" cannot be written in a reference: read as "foreign key" alone`, k.at);
            continue;
          }
          const column = r.column ?? (r.target ? primaryKeyOf(r.target) : null);
          // "(cascadeOnDelete)", "nullOnDelete", "on delete set null" in the comment: what a delete of the target does.
          const od = a.comment ? ON_DELETE.exec(a.comment.text) : null;
          const action = od ? (od[1] ?? od[2] ?? "").toLowerCase().replace(/\s+/g, " ").replace(/^null$/, "set null").replace(/^noaction$/, "no action") : "";
          constraints.push({ text: `references ${table}${column ? `(${column})` : ""}${action ? ` on delete ${action}` : ""}`, span: span(r.at) });
          // The marker at the target's end: `||` (exactly one) makes the key required, `|o` (zero or one) optional.
          const card = r.line && r.target ? (r.line.a === r.target.id ? r.line.aCard : r.line.bCard) : "";
          lineSays = card && /^(?:\|\||only one|one|1)$/i.test(card) ? { text: "NOT NULL", at: r.line!.at } : card && /^(?:\|o|o\||zero or one|one or zero)$/i.test(card) ? { text: "NULL", at: r.line!.at } : null;
        }
      }
      // The attribute's own words come first (a null/required mark, its comment, "set null" on delete: only an
      // optional key can be emptied), then the relationship's marker, then the diagram-wide convention.
      const ownWords = (a.extra ?? []).some((x) => /^(?:not null|required|null|nullable|optional)$/i.test(x.text)) && !byConvention.has(a);
      const saysItself = ownWords || (!!a.comment && /\b(?:nullable|optional|not\s+null|required|mandatory)\b/i.test(a.comment.text))
        || constraints.some((c) => /\bset\s+null\b/i.test(c.text)) || (a.extra ?? []).some((x) => /\bset\s+null\b/i.test(x.text)) || /\?$/.test(a.type.text);
      const lineRules = lineSays !== null && !saysItself;
      for (const x of a.extra ?? []) {
        if (lineRules && byConvention.has(a) && /^(?:not null|null)$/i.test(x.text)) continue;
        constraints.push({ text: x.text, span: span(x.at) });
      }
      if (lineRules) constraints.push({ text: lineSays!.text, span: span(lineSays!.at) });
      let type = a.type;
      if (a.values) {
        // VARCHAR status ENUM("IN", "OUT"): a textual column taking those values.
        if (/^(?:enum|varchar|char|character|string|text|nvarchar|str)\b/i.test(a.type.text)) {
          type = { text: `enum(${a.values.list.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`, at: a.type.at };
        } else {
          warn(`ENUM(...) after ${e.id}.${a.name.text} (type ${a.type.text}) is not read: only a text column takes a list of values`, a.values.at);
        }
      }
      const drawn = !a.values ? enums.get(a.type.text.replace(/\?$/, "")) : undefined;
      if (drawn) {
        type = { text: `enum(${drawn.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`, at: a.type.at };
        note(`${e.id}.${a.name.text}: its type ${a.type.text.replace(/\?$/, "")} is drawn in the diagram as a block of values (${drawn.values.join(", ")})`, a.type.at);
      }
      const values = !a.values && !drawn && a.comment && /^enum$/i.test(a.type.text) ? valueList(a.comment.text) : null;
      if (values) {
        type = { text: `enum(${values.join(", ")})`, at: a.type.at };
        note(`${e.id}.${a.name.text}: its comment lists the enum's values (${values.join(", ")})`, a.comment!.at);
      }
      const description = a.comment?.text.trim();
      return { name: raw(a.name), type: raw(type), constraints, ...(description ? { description } : {}) };
    });
    const table: RawTable = {
      name: raw(name),
      notation: "mermaid",
      columns,
      indexes: [],
      ...(e.alias && name !== e.alias && e.alias.text.trim() ? { description: e.alias.text.trim() } : {}),
    };
    out.tables.push(table);
  }
  return out;
}

/** The text with each parenthesised part removed: "decimal(10, 2)[]" -> "decimal[]". */
function outsideParens(type: string): string {
  let out = "";
  let depth = 0;
  for (const c of type) {
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) out += c;
  }
  return out;
}

/** "todo, doing, done", "one of: a | b | c" -> the values; null for anything else. */
function valueList(comment: string): string[] | null {
  const m = /^\s*(?:(?:one\s+of|values?|either)\s*:?\s*)?([A-Za-z][\w-]*(?:\s*(?:,|\||\/|\bor\b)\s*[A-Za-z][\w-]*)+)\s*\.?\s*$/i.exec(comment);
  if (!m) return null;
  const values = m[1]!.split(/\s*(?:,|\||\/|\bor\b)\s*/).filter(Boolean);
  return values.length >= 2 ? values : null;
}
