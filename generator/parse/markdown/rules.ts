// Rules for columns written apart from them: rule lines and rule items of a table, rules
// tables and blocks, and loose rules resolved by column name at the end.
import { isEmptyMarker } from "../table-cells.js";
import type { Code, ListItem, Table } from "mdast";
import { nameKey, snakeCase, words } from "../../base/naming.js";
import type { RawText } from "../raw.js";
import type { TableDraft } from "./drafts.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { indexFromText, keyOf } from "./indexes.js";
import { REFERENCE_FORM, RULES_SECTION, sectionTitle, short, TABLE_COLUMN_HEADER, withoutTypeWord } from "./vocabulary.js";

/**
 * A table of rules, not of columns: a field column and a rule column, no type column
 * (Field | Validation Rule | Error Message; 字段 | 校验规则). Under a table's section each row
 * joins that table's column; elsewhere the column is found by name at the end. False when the
 * table is not of this kind.
 */
export function rulesTable(md: MarkdownReader, node: Table, lower: readonly string[]): boolean {
  const field = lower.findIndex((h) => /^(field|column|attribute|property|name|字段|列|属性|campo|columna|champ|feld|spalte|項目|カラム|필드)(\s*name)?$/.test(h.trim()));
  const rule = lower.findIndex((h) => /\b(rules?|validations?|constraints?|checks?)\b|规则|校验|验证|约束|regla|validaci|restricci|règle|regel|prüfung|ルール|制約|検証|규칙/.test(h));
  const type = lower.findIndex((h) => /^(type|data\s*type|类型|tipo|typ|型|타입)$/.test(h.trim()));
  if (field < 0 || rule < 0 || type >= 0 || field === rule) return false;
  // "| Table | Column | Constraint |": each row's rule is on a column of the table it names.
  const tableCol = lower.findIndex((h, i) => i !== field && i !== rule && TABLE_COLUMN_HEADER.test(h.trim()));
  const table = tableCol >= 0 ? undefined : rulesHome(md);
  for (const row of node.children.slice(1)) {
    const cell = (i: number) => {
      const c = row.children[i];
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    };
    const n = cell(field);
    const r = cell(rule);
    if (!n || !r || !r.text || isEmptyMarker(r.text)) continue;
    const m = /^[`"]?(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)[`"]?$/.exec(n.text);
    if (!m) continue;
    if (tableCol >= 0 && !m[1]) {
      const named = /^[`*"]*([A-Za-z_]\w*)[`*"]*$/.exec(cell(tableCol)?.text ?? "");
      if (named) m[1] = named[1]!;
    }
    const at = n.text.lastIndexOf(m[2]!);
    const column = md.rawText(flatSub(n, at, at + m[2]!.length));
    const phrase = md.rawText(withoutTypeWord(r));
    if (!phrase.text) continue;
    if (table && !m[1]) {
      let c = table.columns.findIndex((x) => x.name.text === m[2]);
      if (c < 0) c = table.columns.findIndex((x) => x.name.text.toLowerCase() === m[2]!.toLowerCase());
      if (c >= 0) table.columns[c] = { ...table.columns[c]!, constraints: [...table.columns[c]!.constraints, phrase] };
      else if (table.columns.length === 0) (table.ruleColumns ??= []).push({ name: column, type: { text: "", span: column.span }, constraints: [phrase] });
      else md.notes.push({ span: column.span, message: `rule "${short(r.text)}" names no column of "${table.name.text}"; it is not enforced` });
    } else md.looseRules.push({ ...(m[1] ? { table: m[1] } : table ? { table: table.name.text } : {}), column, phrase });
  }
  return true;
}

/**
 * The table rules written here belong to: the section's table, or none when the section is
 * titled as rules ("## Validation", "## Business Rules") and has no columns of its own (its
 * rules name their columns, found by name at the end).
 */
export function rulesHome(md: MarkdownReader): TableDraft | undefined {
  const table = md.currentTable();
  const title = md.top() ? sectionTitle(md.top()!.title) : "";
  return table && table.columns.length === 0 && RULES_SECTION.test(title) ? undefined : table;
}

/** "- email: valid email format", "- tasks.title: 1-200 characters" outside a table's section. */
export function looseRuleText(md: MarkdownReader, f: Flat, relations = false, described = false): void {
  const m = /^[`"]?(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)[`"]?\s*(?:[:：\-–—]\s*)/.exec(f.text);
  if (!m) {
    if (!described) looseRuleSentence(md, f, relations);
    return;
  }
  const phrase = withoutTypeWord(flatTrim(flatSub(f, m[0].length)));
  if (!phrase.text) return;
  // Under "Field descriptions" an item is prose unless it reads whole as a rule.
  if (described && !md.isRulePhrase(phrase.text.replace(/\.$/, ""))) return;
  // "- One-to-many: users have tasks" in a Relationships section is prose, not a rule.
  if (relations && !REFERENCE_FORM.test(phrase.text)) return;
  const at = m[0].lastIndexOf(m[2]!);
  md.looseRules.push({ ...(m[1] ? { table: m[1] } : {}), column: md.rawText(flatSub(f, at, at + m[2]!.length)), phrase: md.rawText(phrase) });
}

/**
 * A rule written as a sentence whose subject is the column: "Title must be unique", "`email`
 * must be a valid email", "Task.title is at most 200 characters", "The project title must be
 * unique", "A task's title is required". Read only when the rest reads whole as a rule.
 */
function looseRuleSentence(md: MarkdownReader, f0: Flat, relations: boolean): void {
  // "... — enforced by CHECK constraint.", "... (enforced in service)": where the rule is kept, not part of it.
  const kept = /\s*(?:[—–]|\s-\s|[(（])\s*(?:enforced|handled|checked|validated|guaranteed)\b[^]*$/i.exec(f0.text);
  const f = kept ? flatTrim(flatSub(f0, 0, kept.index)) : f0;
  const text = f.text.replace(/[`*"]/g, (c) => " ".repeat(c.length));
  const art = /^\s*(?:(?:the|an?|each|every)\s+)?/i.exec(text)![0].length;
  const rest = (from: number) => flatTrim(flatSub(f, from));
  const reads = (r: Flat) => r.text !== "" && md.isRulePhrase(r.text.replace(/\.$/, ""));
  // "Title ...", "Task.title ...", "task's title ...", "project title ...": one column, or a table word then the column.
  const forms = [
    /([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s+(?=\S)/y,
    /()([A-Za-z_]\w*)\s+(?=\S)/y,
    /([A-Za-z_]\w*)(?:'s|’s)?\s+([A-Za-z_]\w*)\s+(?=\S)/y,
  ];
  for (const re of forms) {
    re.lastIndex = art;
    const m = re.exec(text);
    if (!m) continue;
    const phrase = rest(art + m[0].length);
    if (!reads(phrase) || (relations && !REFERENCE_FORM.test(phrase.text))) continue;
    const at = art + m[0].lastIndexOf(m[2]!);
    // "Due date must be ...": two words may be one column's (due_date) rather than a table's and a column's.
    const joined = m[1] && re !== forms[0] ? [{ column: `${m[1]}_${m[2]}` }] : [];
    // A sentence whose subject no table has is prose ("Type checking"): no warning for it.
    md.looseRules.push({ ...(m[1] ? { table: m[1] } : {}), column: md.rawText(flatSub(f, at, at + m[2]!.length)), phrase: md.rawText(withoutTypeWord(phrase)), quiet: true, ...(joined.length ? { alts: joined } : {}) });
    return;
  }
  // "`due_date` is required when `done = false` and ...": a sentence about a column written as an
  // identifier (snake_case or camelCase) that states a rule the reader cannot read. Quoted in a warning once the column is found,
  // never dropped without a word (a sentence naming no column stays prose).
  const code = /^\s*(?:(?:the|an?|each|every)\s+)?`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*)`?\s+(?=\S)/.exec(f.text);
  if (code && RULE_WORDS.test(f.text.slice(code[0].length)) && !relations) {
    const at = f.text.indexOf(code[1]!);
    md.looseRules.push({ column: md.rawText(flatSub(f, at, at + code[1]!.length)), phrase: md.rawText(flatTrim(f)), quiet: true, unread: true });
    return;
  }
  // "Note must be written politely", "A budget limit may only change monthly": in a list of rules, a
  // sentence whose subject is a plain word (or a table's word and a column's) naming a column, with
  // the words of a rule the reader cannot read. Quoted in a warning once the column is found.
  if (!code && !relations && MUST_WORDS.test(text)) {
    const one = forms[1]!;
    one.lastIndex = art;
    const w = one.exec(text);
    const two = forms[2]!;
    two.lastIndex = art;
    const w2 = two.exec(text);
    if (w) {
      const at = art + w[0].lastIndexOf(w[2]!);
      const alts = w2 ? [{ table: w2[1]!, column: w2[2]! }, { column: `${w2[1]}_${w2[2]}` }] : [];
      md.looseRules.push({ column: md.rawText(flatSub(f, at, at + w[2]!.length)), phrase: md.rawText(flatTrim(f)), quiet: true, unread: true, ...(alts.length ? { alts } : {}) });
    }
  }
}

/** Words that make a sentence about a plain word a rule ("only" and "should" describe as often as they require). */
const MUST_WORDS = /\b(?:must|cannot|can't|may\s+not|shall|required|mandatory|never|at\s+least|at\s+most|between|unique)\b|[<>≤≥]/i;

/** Words that make a sentence a rule rather than a description. */
const RULE_WORDS = /\b(?:must|cannot|can't|may\s+not|shall|should|required|mandatory|only|never|at\s+least|at\s+most|between|unique)\b|[<>≤≥=]/i;

/** Each loose rule joins the one table that has its column (or the table it names), as a rules-only fragment. */
export function resolveLooseRules(md: MarkdownReader): void {
  const k = (n: string) => nameKey(words(n).join("_"));
  const colKey = (n: string) => words(n).join("_");
  const holdersOf = (table: string | undefined, column: string) => md.tables.filter((t) => !t.fragment && !t.valueObject && t.columns.some((c) => colKey(c.name.text) === colKey(column)) && (!table || k(t.name.text) === k(table)));
  for (const r0 of md.looseRules) {
    let r = r0;
    // A heading's words split into a table's and a column's ("Task Title"): the first split naming one column of one table.
    if (r.alts && new Set(holdersOf(r.table, r.column.text).map((t) => t.name.text)).size !== 1) {
      const alt = r.alts.find((a) => new Set(holdersOf(a.table, a.column).map((t) => t.name.text)).size === 1);
      if (alt) r = { ...r, column: { ...r.column, text: alt.column }, ...(alt.table ? { table: alt.table } : {}) };
    }
    let holders = holdersOf(r.table, r.column.text);
    // "Title" where one table has a column written "Title" and another "title": the one written alike.
    const exact = holders.filter((t) => t.columns.some((c) => c.name.text === r.column.text));
    if (holders.length > 1 && new Set(exact.map((t) => t.name.text)).size === 1) holders = exact;
    const names = [...new Set(holders.map((t) => t.name.text))];
    if (names.length === 0 && r.quiet) continue;
    if (names.length !== 1) {
      md.warn("SF113", names.length === 0
        ? `rule "${short(r.phrase.text)}" is for "${r.table ? `${r.table}.` : ""}${r.column.text}", which no table has; it is not enforced`
        : `rule "${short(r.phrase.text)}" is for "${r.column.text}", a column of several tables (${names.join(", ")}); it is not enforced`,
        r.column.span, names.length > 1 ? `name the table: "${names[0]}.${r.column.text}"` : undefined);
      continue;
    }
    const holder = holders[0]!;
    const col = holder.columns.find((c) => c.name.text === r.column.text) ?? holder.columns.find((c) => colKey(c.name.text) === colKey(r.column.text))!;
    if (r.unread) {
      md.warn("SF108", `rule "${short(r.phrase.text)}" on "${holder.name.text}.${col.name.text}" is not understood; it is not enforced`, r.phrase.span,
        "write it as a rule the reader knows (a bound, a length, one of, unique, required when <column> is <value>, after <column>), or enforce it in a hook");
      continue;
    }
    md.tables.push({ name: { text: holder.name.text, span: r.column.span }, columns: [{ name: { text: col.name.text, span: r.column.span }, type: { text: "", span: r.column.span }, constraints: [r.phrase] }], indexes: [], hasDefs: false, fragment: true, notation: "markdown-bullets" });
  }
}

/**
 * A rule written outside the column rows, under a table that has columns: "NOT NULL: a, b, c",
 * "Unique constraint on widgets: (a, b)", "(shop_id, day) unique", "code must be unique". Read
 * only when every column it names is the table's and the rule reads whole; anything else is prose.
 */
/** A key's label line: the label (primary key, PK, composite key, and the same in other languages), then its columns. */
const KEY_LINE = /^\s*(?:(?:composite\s+)?primary\s+key|pk|composite\s+key|主キー|主键|主鍵|复合主键|複合主キー|기본\s*키|chave\s+prim[aá]ria|clave\s+primaria|cl[ée]\s+primaire|prim[aä]rschl[uü]ssel|chiave\s+primaria)\s*[:：]\s*[(（]?\s*([A-Za-z_]\w*(?:\s*(?:,|、|，|\band\b|\+)\s*[A-Za-z_]\w*)*)\s*[)）]?\s*[.。]?\s*$/iu;

export function tableRuleLine(md: MarkdownReader, f: Flat, table: TableDraft): boolean {
  if (table.columns.length === 0) return false;
  let text = f.text.replace(/[`*]/g, (c) => " ".repeat(c.length)).replace(/\s+$/, "");
  // "**Constraints:** `UNIQUE(a, b)` — ...", "Ràng buộc: UNIQUE(a, b)": a label in any language
  // (a few words and a colon) before a SQL clause is only a label; blanked, offsets kept.
  const label = /^\s*[\p{L}][\p{L}\p{M}\s]{0,30}?[:：]\s*(?=(?:constraint\s+[A-Za-z_]\w*\s+)?(?:unique|check|primary\s+key)\s*\()/iu.exec(text);
  if (label) text = " ".repeat(label[0].length) + text.slice(label[0].length);
  // A column as written, or written in another case ("Title must be unique" for title).
  const has = (n: string) => {
    const i = table.columns.findIndex((c) => c.name.text === n);
    return i >= 0 ? i : table.columns.findIndex((c) => c.name.text.toLowerCase() === n.toLowerCase());
  };
  const span = md.idx.span(f.offs[0] ?? 0);
  const addTo = (name: string, phrase: RawText) => {
    const c = has(name);
    const old = table.columns[c]!;
    table.columns[c] = { ...old, constraints: [...old.constraints, phrase] };
  };
  // "**Indexes**: unique constraint on (user_id, poll_id), index on choice": a label, then indexes
  // separated by commas or semicolons outside parentheses, each read as an index item is. Only
  // when every part reads as one (else the line is prose, as before).
  const indexLabel = /^\s*(?:indexes|indices|index|indexing)\s*[:：]\s*/i.exec(text);
  if (indexLabel) {
    const parts: Flat[] = [];
    let depth = 0;
    let from = indexLabel[0].length;
    for (let i = from; i <= text.length; i++) {
      const ch = text[i];
      if (ch === "(") depth++;
      else if (ch === ")") depth = Math.max(0, depth - 1);
      else if (i === text.length || (depth === 0 && (ch === ";" || (ch === "," && /^\s*(?:unique|composite|index|constraint|key|idx_|\()/i.test(text.slice(i + 1)))))) {
        const part = flatTrim(flatSub(f, from, i));
        if (part.text.replace(/[.\s]+$/, "")) parts.push(part);
        from = i + 1;
      }
    }
    const read = parts.map((p) => indexFromText(md, p, table, true));
    if (read.length > 0 && read.every((x) => x !== null && x.columns.every((c) => has(c) >= 0))) {
      for (const x of read) table.indexes.push({ ...x!, columns: x!.columns.map((c) => table.columns[has(c)]!.name.text) });
      return true;
    }
  }
  // "**Primary key**: (user_id, card_id)", "PK: id", "**主键**：(a, b)", "Clave primaria: (a, b)": the
  // key on its own line under the table, in any of the languages a key item is written in.
  const keyLine = KEY_LINE.exec(text);
  if (keyLine) {
    const names = keyLine[1]!.split(/\s*(?:,|、|，|\band\b|\+)\s*/).map((n) => n.trim()).filter(Boolean);
    if (names.length === 0 || !names.every((n) => has(n) >= 0)) return false;
    keyOf(md, table, names.map((n) => table.columns[has(n)]!.name.text), span);
    return true;
  }
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
  // "Unique compound index: { brand: 1, model: 1 }": a document store's index spec (each key 1 or
  // -1) on a line that says unique. A condition after it (a partial index) is not read: said.
  const spec = /\b(?:unique|unic[oa]|única|único|eindeutig(?:e[rsnm]?)?)\b/i.test(text) ? /\{\s*([A-Za-z_]\w*\s*:\s*-?1(?:\s*,\s*[A-Za-z_]\w*\s*:\s*-?1)*)\s*,?\s*\}/.exec(text) : null;
  if (spec) {
    const cols = spec[1]!.split(",").map((p) => p.split(":")[0]!.trim());
    if (cols.length >= 1 && cols.every((c) => has(c) >= 0)) {
      const tail = text.slice(spec.index + spec[0].length).replace(/^[\s.,;:]+|[\s.]+$/g, "");
      // "(only documents with deletedAt: null)", "(solo documentos con `deletedAt: null`)": the
      // condition is each "column: value" the tail names (a column of the table; null, true,
      // false, a number or a quoted word), joined by AND: a partial index the IR reads.
      const conds = [...tail.replace(/`/g, " ").matchAll(/([A-Za-z_]\w*)\s*(?::|==?|\bis\b)\s*(null|true|false|-?\d+(?:\.\d+)?|'[^']*'|"[^"]*")(?![\w.])/gi)]
        .filter((m) => has(m[1]!) >= 0)
        .map((m) => {
          const col = table.columns[has(m[1]!)]!.name.text;
          const v = m[2]!.toLowerCase() === "null" ? null : /^["']/.test(m[2]!) ? `'${m[2]!.slice(1, -1).replace(/'/g, "''")}'` : m[2]!.toUpperCase();
          return v === null ? `${col} IS NULL` : `${col} = ${v}`;
        });
      const tailAt = f.offs[spec.index + spec[0].length] ?? f.offs[0] ?? 0;
      const where = conds.length ? { expression: { text: conds.join(" AND "), span: md.idx.span(tailAt) }, dialect: "postgresql" as const } : undefined;
      table.indexes.push({ columns: cols.map((c) => table.columns[has(c)]!.name.text), unique: true, span, ...(where ? { where } : {}) });
      if (tail && !where) md.warn("SF113", `the condition after the unique index on (${cols.join(", ")}) is not read ("${tail.length > 60 ? tail.slice(0, 57) + "..." : tail}"): the index covers every row`, md.idx.span(f.offs[spec.index + spec[0].length] ?? f.offs[0] ?? 0),
        "a unique index on some rows only (a partial index) is not generated; enforce it in a hook, or drop the condition");
      return true;
    }
  }
  const group = onTable ? onTable[2]! : before ? before[1]! : after ? after[1]! : null;
  if (group !== null) {
    const cols = group.split(",").map((c) => c.trim()).filter(Boolean);
    const named = onTable ? snakeCase(onTable[1]!) : null;
    if (!cols.length || !cols.every((c) => /^[A-Za-z_]\w*$/.test(c))) return false;
    if (named && named !== snakeCase(table.name.text) && nameKey(named) !== nameKey(table.name.text)) {
      md.specIndexes.push({ columns: cols, unique: true, table: named, span });
      return true;
    }
    if (!cols.every((c) => has(c) >= 0)) return false;
    table.indexes.push({ columns: cols.map((c) => table.columns[has(c)]!.name.text), unique: true, span });
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
  // Also "status: one of a, b", "The tier column is one of a, b" (a column named in a sentence or before a colon).
  const lead = /^\s*(?:the\s+)?([A-Za-z_]\w*)(?:\s+(?:column|field|attribute|property))?(?:\s*[:：]\s*|\s+)(?=\S)/i.exec(text);
  if (lead && has(lead[1]!) >= 0) {
    const phrase = flatTrim(flatSub(f, lead[0].length));
    if (md.isRulePhrase(phrase.text.replace(/\.$/, ""))) {
      addTo(lead[1]!, md.rawText(phrase));
      return true;
    }
  }
  return checkLine(md, f, table);
}

/** Words of a SQL boolean expression that are not column names. */
const SQL_WORDS = new Set(["and", "or", "not", "is", "null", "in", "between", "like", "ilike", "true", "false", "current_date", "current_timestamp", "now", "length", "char_length", "character_length", "trim", "btrim", "lower", "upper", "coalesce", "abs", "interval", "date", "check"]);

/**
 * "`end_date IS NULL OR end_date >= start_date`", "CHECK (qty > 0 OR kind = 'gift')" written as
 * a line of its own under a table: a CHECK of that table when it is a SQL boolean expression
 * over the table's own columns (each word a column, a SQL word or a quoted value, with a
 * comparison in it). The expression goes to the migration as written and is read for the
 * validator like any CHECK; prose is left alone.
 */
function checkLine(md: MarkdownReader, f: Flat, table: TableDraft): boolean {
  const open = /^\s*[`*]*\s*(check\s*\(\s*)?/i.exec(f.text)!;
  const lead = open[0].length;
  const inner = f.text.slice(lead).replace(/[`*]+\s*[.;]?\s*$/, "").replace(/\s*[.;]\s*$/, "");
  const body = open[1] ? inner.replace(/\s*\)\s*$/, "") : inner;
  if (!body || /`/.test(body) || !/(?:<>|!=|>=|<=|[=<>])|\bis\s+(?:not\s+)?null\b|\bin\s*\(|\bbetween\b/i.test(body)) return false;
  const bare = body.replace(/'[^']*'/g, "''");
  const words = [...bare.matchAll(/[A-Za-z_][\w]*/g)].map((m) => m[0]);
  const columns = new Set(table.columns.map((c) => c.name.text.toLowerCase()));
  if (!words.length || !words.every((w) => columns.has(w.toLowerCase()) || SQL_WORDS.has(w.toLowerCase()))) return false;
  if (!words.some((w) => columns.has(w.toLowerCase()))) return false;
  // Only SQL's own characters: no prose punctuation.
  if (!/^[\w\s'().,:<>=!+\-*/%|]+$/.test(bare)) return false;
  const expr = flatTrim(flatSub(f, lead, lead + body.length));
  (table.checks ??= []).push({ expression: md.rawText(expr), dialect: "postgresql" });
  return true;
}

/**
 * "NOT NULL: `id`, `title`", "Primary Key: `id`", "Unique: `email`", "Foreign Key: `user_id`
 * REFERENCES users(id) ON DELETE CASCADE": the rule first, then the columns it is about (or the
 * one column and the rest of the rule). Each column takes the rule; a column the table does not
 * have yet (a table a code block writes) takes it as a rule fragment. False when the item is not
 * of this form.
 */
function ruleOverColumns(md: MarkdownReader, f: Flat, table: TableDraft): boolean {
  const lead = /^(primary\s+key|not\s+null|non[-\s]?null(?:able)?|unique|required|foreign\s+keys?)\s*[:：]\s*/i.exec(f.text);
  if (!lead) return false;
  const rest = f.text.slice(lead[0].length);
  const add = (at: number, name: string, phrase: RawText) => {
    const column = md.rawText(flatSub(f, at, at + name.length));
    let c = table.columns.findIndex((x) => x.name.text === name);
    if (c < 0) c = table.columns.findIndex((x) => x.name.text.toLowerCase() === name.toLowerCase());
    if (c >= 0) table.columns[c] = { ...table.columns[c]!, constraints: [...table.columns[c]!.constraints, phrase] };
    else if (table.columns.length === 0) (table.ruleColumns ??= []).push({ name: column, type: { text: "", span: column.span }, constraints: [phrase] });
    else md.notes.push({ span: column.span, message: `rule "${short(f.text)}" names no column of "${table.name.text}"; it is not enforced` });
  };
  const names = /^\(?\s*[`"]?[A-Za-z_]\w*[`"]?(?:\s*,\s*[`"]?[A-Za-z_]\w*[`"]?)*\s*\)?\s*\.?$/.test(rest) ? [...rest.matchAll(/[A-Za-z_]\w*/g)] : null;
  if (/^foreign/i.test(lead[1]!)) {
    // "Foreign Key: `user_id` REFERENCES users(id) ...": the column, then its reference.
    const one = /^[`"]?([A-Za-z_]\w*)[`"]?\s+(?=(?:references?|->|→)\b|->|→)/i.exec(rest);
    if (!one) return false;
    const from = lead[0].length + one[0].length;
    add(lead[0].length + one[0].indexOf(one[1]!), one[1]!, md.rawText(flatTrim(flatSub(f, from))));
    return true;
  }
  if (!names || names.length === 0) return false;
  const phrase = md.rawText(flatSub(f, 0, lead[1]!.length));
  // A composite key or a unique pair is the table's, not each column's.
  if (names.length > 1 && /^(?:primary|unique)/i.test(lead[1]!)) return false;
  for (const n of names) add(lead[0].length + n.index!, n[0], phrase);
  return true;
}

/**
 * "`title` is required and must be 1-255 characters", "`role` must be either "user" or
 * "assistant"": the rest of the item is a constraint phrase of the column it names, read by
 * the IR builder like any other (a phrase it cannot read is a warning quoting it).
 */
export function ruleItem(md: MarkdownReader, item: ListItem, table: TableDraft, relations = false): void {
  const f0 = md.itemFlat(item);
  if (ruleOverColumns(md, f0, table)) return;
  // "A budget's cap can't be negative", "Each task title ...": an article and the table's own word
  // before the column are not part of it.
  const lead = /^(?:(?:the|an?|each|every)\s+)?(?:([A-Za-z_]\w*?)(?:'s|’s)?\s+(?=[A-Za-z_]))?/i.exec(f0.text)!;
  const tableWord = lead[1] !== undefined && nameKey(lead[1]) === nameKey(table.name.text) && !table.columns.some((x) => x.name.text.toLowerCase() === lead[1]!.toLowerCase());
  const skip = tableWord ? lead[0].length : /^(?:(?:the|an?|each|every)\s+)?/i.exec(f0.text)![0].length;
  const f = skip > 0 && table.columns.length > 0 ? flatSub(f0, skip) : f0;
  let m = /^([A-Za-z_]\w*)\b\s*(?:[:：\-–—]\s*)?/.exec(f.text);
  let c = m ? table.columns.findIndex((x) => x.name.text === m![1]) : -1;
  if (m && c < 0) c = table.columns.findIndex((x) => x.name.text.toLowerCase() === m![1]!.toLowerCase());
  if (m && c < 0) {
    // "Due date must be in the future": the column's words written apart (due_date), longest first.
    for (let n = 3; n >= 2 && c < 0; n--) {
      const w = new RegExp(`^[A-Za-z]+(?:\\s+[A-Za-z]+){${n - 1}}\\b\\s*(?:[:：\\-–—]\\s*)?`).exec(f.text);
      if (!w) continue;
      const joined = w[0].replace(/[:：\-–—]/g, "").trim().split(/\s+/).join("_").toLowerCase();
      const k = table.columns.findIndex((x) => snakeCase(x.name.text) === joined);
      if (k >= 0) {
        c = k;
        m = w;
      }
    }
  }
  const phrase = m ? flatTrim(flatSub(f, m[0].length)) : null;
  if (m && c < 0 && table.columns.length === 0 && phrase?.text) {
    // The section names a table its code block defines (a Prisma model, a CREATE TABLE): the
    // rules join that table's columns as a fragment.
    (table.ruleColumns ??= []).push({ name: md.rawText(flatSub(f, 0, m[1]!.length)), type: { text: "", span: md.idx.span(f.offs[0] ?? 0) }, constraints: [md.rawText(phrase)] });
    return;
  }
  // "end_date IS NULL OR end_date >= start_date": a CHECK over the table's columns, not a phrase of its first column.
  if (table.columns.length > 0 && !(phrase && md.isRulePhrase(phrase.text.replace(/\.$/, ""))) && checkLine(md, f, table)) return;
  if (!m || c < 0) {
    if (f.text.trim()) md.notes.push({ span: md.idx.span(f.offs[0] ?? 0), message: `rule "${short(f.text)}" names no column of "${table.name.text}"; it is not enforced` });
    return;
  }
  if (!phrase || !phrase.text) return;
  // Under "Foreign Keys:" a line naming no table.column ("user_id references the auth service") is prose.
  if (relations && !REFERENCE_FORM.test(phrase.text)) {
    md.notes.push({ span: md.idx.span(f.offs[0] ?? 0), message: `"${short(f.text)}" names no referenced column (table.column); read as prose` });
    return;
  }
  const old = table.columns[c]!;
  table.columns[c] = { ...old, constraints: [...old.constraints, md.rawText(phrase)] };
}

/** Text of a code block with each character mapped to its source offset. */
/**
 * A plain block of table rules under a table's columns, one a line: "unique(area_id, number)",
 * "check(capacity > 0)", "index(area_id)", "NOT NULL: a, b". Read only when every line is one.
 */
export function ruleBlock(md: MarkdownReader, node: Code): boolean {
  const table = md.currentTable();
  if (!table || table.columns.length === 0) return false;
  const f = md.codeFlat(node);
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
      later.push(() => (table.checks ??= []).push({ expression: md.rawText(expr), dialect: "postgresql" }));
    } else if (index) {
      const cols = index[1]!.split(",").map((c) => c.trim());
      if (!cols.every(has)) return false;
      later.push(() => table.indexes.push({ columns: cols, unique: false, span: md.idx.span(l.offs[0] ?? 0) }));
    } else if (!RULE.test(l.text)) return false;
  }
  if (lines.length === 0) return false;
  // Every rule line must read (a unique or NOT NULL line naming a column the table lacks leaves the block alone).
  const indexes = table.indexes.length;
  const columns = [...table.columns];
  if (!lines.filter((l) => RULE.test(l.text)).every((l) => tableRuleLine(md, l, table))) {
    table.indexes.length = indexes;
    table.columns.splice(0, table.columns.length, ...columns);
    return false;
  }
  for (const apply of later) apply();
  return true;
}
