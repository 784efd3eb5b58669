// Lists: an endpoint's query or body fields, a request model's fields, a table's columns,
// indexes and rules, and nested lists of models.
import { columnGroup } from "./column-groups.js";
import { singular, snakeCase } from "../../base/naming.js";
import { headingColumnRules, headingValues, labelledValues } from "./labelled-values.js";
import type { List, Paragraph } from "mdast";
import type { RawBodyField, RawText } from "../raw.js";
import { bodyItem, inlineQuery, modelFields, pathQuery, queryItem } from "./bodies.js";
import { bareFields, columnFlat, columnItem, ELLIPSIS_ITEM, prismaAttributes } from "./columns.js";
import type { EndpointDraft, TableDraft } from "./drafts.js";
import { baseUrl, chainedEndpoints, inlineEnvelope, LINE_PATH, methodsAt, scanEndpointText } from "./endpoints.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import { indexFromText, indexItem, keyOf } from "./indexes.js";
import type { MarkdownReader } from "./reader.js";
import { looseRuleText, ruleItem, rulesHome, tableRuleLine } from "./rules.js";
import { plainColumns } from "./paragraphs.js";
import { tableNamedNearby } from "./unnamed.js";
import { openSection } from "./sections.js";
import { opensQuery } from "../query-params.js";
import { likeRef, nextShared } from "./table-references.js";
import { DOCUMENT_WORDS, ENTITY_SECTION_WORDS, PATH_METHODS, ENUM_NAME, FIELD_NOTES, FIELDS_LABEL, KEY_ITEM, RELATIONS_WORDS, RULES_LABEL, RULES_SECTION, SECTION_WORDS, sectionTitle, short, splitEnumValues, TABLE_LEVEL_ITEM } from "./vocabulary.js";

export function list(md: MarkdownReader, node: List): void {
  if (md.kind === "api") {
    for (const item of node.children) baseUrl(md, md.itemFlat(item));
    fieldEndpoint(md, node);
    const sec = md.currentEndpointSection();
    if (sec?.endpoint && md.queryFor === sec.endpoint) {
      for (const item of node.children) queryItem(md, sec.endpoint, md.itemFlat(item));
      md.queryFor = null;
      return;
    }
    const model = md.currentModel();
    if ((sec?.endpoint && md.bodyFor === sec.endpoint) || model) {
      const fields = node.children.map((item) => bodyItem(md, md.itemFlat(item))).filter((x): x is RawBodyField => x !== null);
      if (fields.length > 0) {
        if (model) modelFields(md, model, fields);
        else (sec!.endpoint!.body ??= []).push(...fields);
        return;
      }
    }
    // "- `GET /api/notes` — list my notes": a list of endpoints, one per item.
    // Also "- Create an item: `POST /api/items`" (a short label first), and items nested under
    // a group's item ("- Tasks" then "  - GET /api/tasks").
    const listed = node.children.map((item) => ({ f: md.itemFlat(item), m: null as RegExpExecArray | null }));
    // "- `GET/POST /api/folders`", "- `GET /tags`, `POST /tags`": several methods or endpoints on one item.
    const itemRe = new RegExp(`^(?:([^:：\\n\`]{1,40}?)\\s*[:：]\\s*)?(${PATH_METHODS})\\s+(${LINE_PATH})`);
    for (const l of listed) l.m = itemRe.exec(l.f.text);
    if (listed.some((l) => l.m)) {
      for (const { f, m } of listed) {
        if (!m) {
          if (/^[A-Z]{3,7}\s+\//.test(f.text))
            md.warn("SF208", `endpoint item "${short(f.text)}" is not understood`, md.idx.span(f.offs[0] ?? 0), "write METHOD /path");
          continue;
        }
        const pathAt = m[0].length - m[3]!.length;
        const methodAt = m[0].lastIndexOf(m[2]!, pathAt);
        const chain = chainedEndpoints(md, f, m[0].length, undefined);
        const rest = f.text.slice(chain.end).replace(/^[\s`]*(?:[-–—:：]\s*)?/, "").trim();
        const summary = rest || m[1]?.trim() || "";
        const path = md.rawText(flatSub(f, pathAt, pathAt + m[3]!.length));
        const [first, ...others] = methodsAt(md, f, methodAt, m[2]!);
        const draft: EndpointDraft = { method: first!, path, ...(summary ? { summary } : {}) };
        scanEndpointText(md, draft, f.text.slice(chain.end));
        // "- `GET /costs?from=&to=`": the query string after the path names its parameters.
        if (f.text[m[0].length] === "?") pathQuery(md, draft, f, m[0].length);
        md.endpoints.push(draft);
        for (const d of [...others.map((method) => ({ method, path })), ...chain.drafts]) {
          const more: EndpointDraft = { ...d, ...(summary ? { summary } : {}) };
          scanEndpointText(md, more, f.text.slice(chain.end));
          md.endpoints.push(more);
        }
        // "  - Query: `search`, `from`, `to`" nested under the endpoint's item.
        const item = node.children[listed.findIndex((l) => l.f === f)]!;
        for (const sub of item.children) if (sub.type === "list") for (const si of sub.children) endpointDetail(md, draft, md.itemFlat(si));
      }
      return;
    }
    if (sec?.endpoint) {
      for (const item of node.children) {
        const f = md.itemFlat(item);
        endpointDetail(md, sec.endpoint, f);
        // "- **Query Parameters**:" with the parameters nested under it.
        const query = opensQuery(f.text, sec.endpoint.method.text);
        for (const c of item.children) if (c.type === "list") for (const si of c.children) (query ? queryItem : endpointDetail)(md, sec.endpoint, md.itemFlat(si));
      }
    }
    else for (const item of node.children) for (const c of item.children) if (c.type === "list") list(md, c);
    return;
  }
  const colSec = md.top()?.column;
  if (colSec) {
    columnNotes(md, node, colSec.table, colSec.name);
    return;
  }
  const schemaModel = md.currentModel();
  if (schemaModel) {
    const fields = node.children.map((item) => bodyItem(md, md.itemFlat(item))).filter((x): x is RawBodyField => x !== null);
    modelFields(md, schemaModel, fields);
    return;
  }
  // "- `GET /api/things/:id` - fetch one" in a schema document: endpoints, never columns or tables.
  const endpointItems = node.children.filter((item) => /^(?:[^:：\n]{1,40}[:：]\s*)?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\//.test(md.itemFlat(item).text)).length;
  if (endpointItems > 0 && endpointItems * 2 >= node.children.length) return;
  if (modelItems(md, node)) return;
  // "Roles:" over "- staff", "- admin": the values of the enum column the label names.
  if (node.children.every((item) => !item.children.some((c) => c.type === "list"))) {
    const values = node.children.map((item) => md.rawText(md.itemFlat(item)));
    if (md.lastLabel && labelledValues(md, values)) return;
    // A lead-in line ("Allowed values:") between the heading and its list is no other column's name.
    if (md.kind === "schema" && headingValues(md, values)) return;
    // "### Task Title" over "- **Max Length**: 200 characters": the rules of the column the heading names.
    if (md.kind === "schema" && headingColumnRules(md, node.children.map((item) => md.itemFlat(item)))) return;
  }
  // "## Validation Rules" over "### Budget" over "- `amount` > 0": each item is a rule of one of
  // that table's columns (a table defined elsewhere joined as a fragment), never a column of a
  // table of its own. (A heading naming a column, "### Plant Label", was read just above.)
  const ruledTable = md.kind === "schema" && !md.lastLabel ? md.currentTable() : undefined;
  const rulesAbove = ruledTable ? md.rulesSectionAbove() : null;
  if (ruledTable && rulesAbove !== null) {
    for (const item of node.children) ruleItem(md, item, ruledTable, RELATIONS_WORDS.test(rulesAbove));
    return;
  }
  if (md.kind === "schema" && columnGroup(md, node)) return;
  let table = md.currentTable();
  const label = md.lastLabel;
  // "### Field descriptions" over "- **format**: one of a, b": prose about columns written
  // elsewhere (a diagram's, a code block's); an item that reads whole as a rule is its column's.
  const notesTitle = md.top()?.title.replace(/[`*]/g, "").trim().toLowerCase() ?? "";
  // So too under such a heading inside a table's section (a part of it, "### Field descriptions" under
  // "## users"): each item names its column, in that table or another.
  if ((!table || table.columns.length === 0 || md.top()?.part) && ((label && FIELD_NOTES.test(label)) || FIELD_NOTES.test(notesTitle))) {
    for (const item of node.children) looseRuleText(md, md.itemFlat(item), false, true);
    return;
  }
  // "- `Priority`: low | medium | high" under an "Enums" heading.
  if (md.inValuesSection()) {
    for (const item of node.children) {
      const f = md.itemFlat(item);
      // "- Status" over "  - TODO", "  - DONE": the enum named by the item, its values nested.
      const sub = item.children.find((c): c is List => c.type === "list");
      const named = sub && /^[`*]*([A-Za-z_]\w*)[`*]*\s*[:：]?$/.exec(f.text);
      if (named && sub) {
        const values = sub.children.map((c) => {
          const v = md.itemFlat(c);
          const x = /^[`'"]?([A-Za-z0-9_.-]+)[`'"]?(?:\s*(?:[:：—–(（]|\s-\s).*)?$/.exec(v.text);
          return x ? md.rawText(flatSub(v, v.text.indexOf(x[1]!), v.text.indexOf(x[1]!) + x[1]!.length)) : null;
        });
        if (values.length >= 2 && values.every((v) => v)) {
          const at = f.text.indexOf(named[1]!);
          md.enums.push({ name: md.rawText(flatSub(f, at, at + named[1]!.length)), values: values as RawText[] });
        }
        continue;
      }
      // "- Priority: low | high", "- `priority_kind` — `low` | `high`." (a dash for the colon, a closing stop).
      const m = /^([A-Za-z_]\w*)\s*(?:[:=：]|\s[-–—]|[–—])\s*(.+?)\s*\.?$/.exec(f.text);
      const values = m ? splitEnumValues(m[2]!) : null;
      if (!m || !values) continue;
      const at = f.text.indexOf(m[2]!, m[1]!.length);
      md.enums.push({ name: md.rawText(flatSub(f, 0, m[1]!.length)), values: values.map((v) => md.rawText(flatSub(f, at + v.at, at + v.at + v.text.length))) });
    }
    return;
  }
  // "Unique constraints:" / "Primary key:" over a list of column groups.
  if (table && label && /^(?:composite\s+)?(?:unique(?:\s+(?:constraints?|keys?|indexes|indices))?|primary\s+keys?|composite\s+keys?)$/.test(label)) {
    const primary = /primary|composite\s+key/.test(label);
    for (const item of node.children) {
      const f = md.itemFlat(item);
      const m = /^\(?\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)?/.exec(f.text);
      if (!m) continue;
      const cols = m[1]!.split(/\s*,\s*/);
      const span = md.idx.span(f.offs[0] ?? 0);
      if (primary) keyOf(md, table, cols, span);
      else table.indexes.push({ columns: cols, unique: true, span });
    }
    return;
  }
  if (md.inIndexesSection() || (label && /\bind(ex|ices|exes)\b|\bindici\b/.test(label))) {
    for (const item of node.children) indexItem(md, item, table);
    return;
  }
  if (!table) {
    // "Validation Rules:" (or a section so titled) outside any table: each item names its column.
    const title = md.top() ? sectionTitle(md.top()!.title) : undefined;
    // Or a part of such a section ("## Data Validation" over "### Application level").
    const above = md.stack.slice(0, -1).filter((e) => e.kind === "other").map((e) => sectionTitle(e.title)).reverse().find((t) => RULES_SECTION.test(t));
    if ((label && RULES_LABEL.test(label)) || (title && RULES_SECTION.test(title)) || above !== undefined) {
      const relations = RELATIONS_WORDS.test(label ?? "") || RELATIONS_WORDS.test(title ?? "") || RELATIONS_WORDS.test(above ?? "");
      for (const item of node.children) looseRuleText(md, md.itemFlat(item), relations);
      return;
    }
    // Typed columns with a key under a section's title ("## models", "## Overview"): the table the
    // heading's word names, or a warning that no table is named; never dropped without a word.
    if (label || md.kind !== "schema" || plainColumns(md, node) !== "typed" || !node.children.some((item) => columnItem(md, item)?.columns.some((c) => c.constraints.some((k) => /\b(?:primary\s+key|pk)\b/i.test(k.text))))) return;
    table = tableNamedNearby(md, md.startOf(node), "list") ?? undefined;
    if (!table) return;
  }
  // "Checks:" over a list of CHECK expressions: the table's checks.
  if (label && /^(checks?|check constraints?)$/.test(label)) {
    for (const item of node.children) {
      const f = md.itemFlat(item);
      const m = /^(?:(?:constraint\s+[A-Za-z_]\w*\s+)?check\s*)?\(?\s*(.+?)\s*\)?\s*$/i.exec(f.text);
      if (!m || !m[1]) continue;
      const named = /^constraint\s+([A-Za-z_]\w*)/i.exec(f.text)?.[1];
      const at = f.text.indexOf(m[1]);
      (table.checks ??= []).push({ expression: md.rawText(flatSub(f, at, at + m[1].length)), dialect: "postgresql", ...(named ? { name: named } : {}) });
    }
    return;
  }
  // "Validation Rules:" under a table, or a heading so titled inside the table's section
  // ("### tasks" over "#### Constraints"): each item states rules about a column in prose.
  const top = md.top();
  // (Items led by a bold label other than a column's name, "- **Email Format**: ...", are read
  // further on, by the words of their label; "- **title**: ..." is the column's.)
  const boldLed = node.children.some((item) => {
    const first = item.children[0];
    if (first?.type !== "paragraph" || first.children[0]?.type !== "strong") return false;
    const lead = first.children[0].children.map((c) => ("value" in c ? c.value : "")).join("").trim();
    return !table?.columns.some((c) => c.name.text.toLowerCase() === lead.toLowerCase());
  });
  const ruleHeading = !label && !boldLed && top && top.kind === "other" && top.table === undefined && RULES_SECTION.test(sectionTitle(top.title)) ? sectionTitle(top.title) : null;
  if ((label && RULES_LABEL.test(label)) || ruleHeading) {
    for (const item of node.children) ruleItem(md, item, table, RELATIONS_WORDS.test(label ?? ruleHeading ?? ""));
    return;
  }
  // "- **Columns**" / "- 主な列" over a nested list: the nested list is the table's columns.
  if (!label) {
    for (const item of node.children) {
      const f = md.itemFlat(item);
      // "- **Primary key**: `id`" (主キー, 主键, 기본 키, chave primária): the key column, and any
      // columns nested under it.
      const key = KEY_ITEM.exec(f.text);
      if (key) {
        const at = f.text.lastIndexOf(key[1]!);
        const name = md.rawText(flatSub(f, at, at + key[1]!.length));
        if (!table.columns.some((c) => c.name.text === name.text)) table.columns.push({ name, type: { text: "", span: name.span }, constraints: [{ text: "primary key", span: name.span }] });
      }
      // "- `name` … the title" over nested "- `sortIndex` …" items: a column, then more of them.
      const nested = item.children.find((c): c is List => c.type === "list");
      const lead = item.children.find((c): c is Paragraph => c.type === "paragraph")?.children[0];
      if (!key && nested && lead?.type === "inlineCode" && /^[A-Za-z_]\w*$/.test(lead.value) && nested.children.every((c) => c.children.find((x): x is Paragraph => x.type === "paragraph")?.children[0]?.type === "inlineCode")) {
        const own = columnFlat(md, f, true, true);
        if (own) table.columns.push(...own.columns);
      }
      if ((key || (nested && lead?.type === "inlineCode")) && nested) {
        md.lastLabel = "fields";
        list(md, nested);
        md.lastLabel = null;
      }
    }
    const keyed = node.children.some((item) => KEY_ITEM.test(md.itemFlat(item).text));
    for (const item of node.children) {
      const sub = item.children.find((c): c is List => c.type === "list");
      const t = md.itemFlat(item).text.replace(/[:：]\s*$/, "").trim();
      if (!sub || t.length > 24 || !(FIELDS_LABEL.test(t.toLowerCase()) || /(?:列|カラム|フィールド|字段|項目|属性)$|\b(?:columns|fields|attributes)$/i.test(t))) continue;
      md.lastLabel = "fields";
      list(md, sub);
      md.lastLabel = null;
    }
    if (keyed) {
      table.notation ??= "markdown-bullets";
      for (const item of node.children) prismaAttributes(md, md.itemFlat(item), table);
      return;
    }
  }
  // "`@@unique([ownerId, name])`", "`@@id([noteId, tagId])`" quoted in a table's notes: Prisma's
  // rules on several columns, written in prose.
  if (table.columns.length > 0) for (const item of node.children) prismaAttributes(md, md.itemFlat(item), table);
  // "## Enums" over "### TaskState" over "- `todo`", "- `done` — finished": the enum's values, even
  // when written in code as a document store's bare column names are.
  if (!label && table.columns.length === 0 && node.children.length >= 2 && md.underValuesSection() && enumByTitle(md, node)) return;
  // Another label ("Scheduling fields:", "Timestamps:", "Audit columns:") over items that read as
  // typed columns: more columns of the table, never dropped without a word.
  const moreColumns = !!label && (/\b(fields|columns|attributes|properties)$/.test(label) || plainColumns(md, node) === "typed" || node.children.every((item) => columnItem(md, item)?.known));
  if (label && !moreColumns && !/^(fields|columns|attributes|properties|schema|columns and types|字段|列)\b/.test(label)) return;
  // Unlabelled or "Fields:": a column list when at least one item reads as a column; under a
  // fields label, also when most items are bare names (a document store's "Fields: - email").
  // A list of code-formatted names alone ("- `_id`", "- `eventId`", "- `role` (`a | b`)") under a
  // table with no columns yet: the table's columns, types inferred from the names.
  // "## Project" over "- id", "- name", "- created_at": a section's word that is also a thing apps
  // store names a table when its bullets read as a record's fields (a key or a time stamp among them).
  const heading = md.top()?.title.replace(/[`*]/g, "").trim().toLowerCase() ?? "";
  const sectionWord = [table.name.text, heading].some((w) => SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w));
  const entityWord = sectionWord && [table.name.text, heading].every((w) => !(SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w)) || ENTITY_SECTION_WORDS.has(w));
  // "## Invoice" (an entity's name) over "- number", "- total": plain names of fields, no key
  // among them; so too under any table's heading when a name is written as a field's is
  // ("display_name", "dueDate").
  const titleWritten = md.top()?.title.replace(/[`*]/g, "").trim() ?? "";
  const names = !label && table.columns.length === 0 && node.children.length >= 2 && node.children.every((item) => !item.children.some((c) => c.type === "list") && /^[a-z_][A-Za-z0-9_]*$/.test(md.itemFlat(item).text.trim()));
  const entityHeading = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*$/.test(titleWritten) && singular(snakeCase(titleWritten)) === snakeCase(titleWritten) && md.english();
  // Most of them plural ("- organizations", "- user_roles"): a list of tables, not of fields.
  const plurals = names ? node.children.filter((item) => {
    const w = snakeCase(md.itemFlat(item).text.trim()).split("_").pop() ?? "";
    return singular(w) !== w;
  }).length : 0;
  const fieldNames = names && plurals * 2 < node.children.length && (entityHeading || node.children.some((item) => /_|[a-z0-9][A-Z]/.test(md.itemFlat(item).text.trim())));
  const bare = !label && table.columns.length === 0 && node.children.length >= 2 && (!sectionWord || (entityWord && (bareFields(md, node) || fieldNames))) && (node.children.every((item) => {
    const lead = item.children.find((c): c is Paragraph => c.type === "paragraph")?.children[0];
    return lead?.type === "inlineCode" && /^[A-Za-z_]\w*\b/.test(lead.value);
  }) || bareFields(md, node) || fieldNames);
  // Plain names under a one-word heading that names no section, read as no table: said, not dropped.
  if (names && !bare && !sectionWord && plurals * 2 < node.children.length && /^[A-Za-z_][A-Za-z0-9_]*$/.test(titleWritten) && !md.underValuesSection() && !md.inValuesSection()) {
    md.warn("SF127", `section "${titleWritten}" lists names with no types, no key and no field-like name (${short(node.children.map((item) => md.itemFlat(item).text.trim()).join(", "))}); it is not read as a table`,
      md.idx.span(md.itemFlat(node.children[0]!).offs[0] ?? 0), 'give the columns types ("- name: text"), or an "id" column, to make it a table');
  }
  // Under a heading that is a part of the table's section and says it holds its fields ("### Fields"
  // under "## Entity: Task"), the list is the table's fields as under a "Fields:" label: names with
  // their rules in brackets and a note in words ("- `title` (required): short text") are columns.
  const fieldsPart = !label && !!md.top()?.part;
  const listed = (!!label && FIELDS_LABEL.test(label)) || bare || fieldsPart;
  const parsed = node.children.map((item) => ({
    item,
    // "- key" in a field list, "- key (PK)": a column named key, not a table-level key.
    col: TABLE_LEVEL_ITEM.test(md.itemFlat(item).text) && !(listed && /^key(?:\s*\(\s*(?:pk|primary\s+key)\b[^()]*\))?$/i.test(md.itemFlat(item).text)) ? null : columnItem(md, item, listed),
  }));
  // "### Concurrent Updates" over "- Use transactions for ...", "- `updated_at` timestamp helps
  // track changes": sentences, one of which happens to start with a column and a type word. Under
  // a heading that does not say it is a table, a list at most half of whose items are columns, the
  // others sentences ("Use ... for ..."), is prose.
  const sentence = (p: (typeof parsed)[number]) => /^[A-Z][a-z]+(?:\s+[^\s:]+){3,}/.test(md.itemFlat(p.item).text.trim());
  const prose = !listed && !label && table.columns.length === 0 && !table.explicit && parsed.length >= 2 &&
    parsed.filter((p) => p.col).length * 2 <= parsed.length && parsed.every((p) => p.col || sentence(p));
  const anyKnown = !prose && (parsed.some((p) => p.col && p.col.known) || (listed && parsed.filter((p) => p.col).length * 2 > parsed.length));
  if (!anyKnown && !rulesHome(md)) {
    const relations = RELATIONS_WORDS.test(md.top()?.title.replace(/[`*]/g, "").trim().toLowerCase() ?? "");
    for (const item of node.children) looseRuleText(md, md.itemFlat(item), relations);
    return;
  }
  if (!anyKnown) {
    // "- code must be unique", "- (shop_id, day) unique" under a table's columns: its rules.
    if (table.columns.length > 0) {
      for (const item of node.children) tableRuleLine(md, md.itemFlat(item), table);
      return;
    }
    // "### DoorState" over "- Open", "- Shut": the values of an enum named by the heading.
    if (table.columns.length === 0 && ENUM_NAME.test(md.top()?.title.replace(/[`*]/g, "").trim() ?? "") && enumByTitle(md, node)) return;
    if (table.columns.length === 0 && !table.like) {
      for (const item of node.children) {
        const like = likeRef(md, md.itemFlat(item));
        if (like) table.like = like;
      }
    }
    return;
  }
  table = nextShared(md, table);
  table.notation ??= "markdown-bullets";
  for (const p of parsed) {
    if (p.col) table.columns.push(...p.col.columns);
    else {
      const f = md.itemFlat(p.item);
      // "Primary key: (a, b)": a table-level key, as SQL's PRIMARY KEY (a, b).
      // Also "Primary Key: Composite [a, b].", "Composite primary key: (a, b)".
      const pk = /^(?:composite\s+)?(?:primary\s+key|pk)\s*:?\s*(?:composite\s*(?:key)?\s*:?\s*)?[(\[]([^)\]]*)[)\]]\s*\.?\s*$/i.exec(f.text.replace(/`/g, ""));
      if (pk) {
        const phrase = md.rawText(f);
        for (const name of pk[1]!.split(",").map((x) => x.trim().replace(/^["`]|["`]$/g, "")).filter(Boolean)) {
          const c = table.columns.findIndex((x) => x.name.text === name);
          if (c < 0) {
            md.warn("SF113", `primary key names column "${name}", which table "${table.name.text}" does not define`, phrase.span);
            continue;
          }
          const old = table.columns[c]!;
          table.columns[c] = { ...old, constraints: [...old.constraints, { text: "primary key", span: phrase.span }] };
        }
        continue;
      }
      // "- schedule" among "- title: string" items: a column named with no type (inferred from
      // its name and references, and said so), as a code-formatted bare name is.
      const bare = /^\s*`?([A-Za-z_][A-Za-z0-9_]*)`?\s*$/.exec(f.text);
      if (bare && !/^(?:etc|todo|tbd|none|n\/a)$/i.test(bare[1]!)) {
        const at = f.text.indexOf(bare[1]!);
        const name = md.rawText(flatSub(f, at, at + bare[1]!.length));
        table.columns.push({ name, type: { text: "", span: name.span }, constraints: [] });
        continue;
      }
      // "- ... (standard Better Auth fields)": the list says it is not whole; the fields it leaves out are not made.
      if (ELLIPSIS_ITEM.test(f.text)) {
        md.notes.push({ span: md.idx.span(f.offs[0] ?? 0), message: `"${short(f.text)}" in table "${table.name.text}": the list says it goes on; only the columns it names are made` });
        continue;
      }
      const idx = indexFromText(md, f, table, true);
      if (idx) table.indexes.push(idx);
      else if (f.text.trim())
        md.warn("SF113", `list item "${short(f.text)}" in table "${table.name.text}" is not understood as a column`,
          md.idx.span(f.offs[0] ?? 0), 'write a column as "- name: type (constraint, constraint)"');
    }
  }
}


/**
 * Models as nested bullets: "- **Widget**" (or "- Widget", "- `widgets`:") over a nested list of
 * its columns, or over items of which one labels them ("- Fields:" / "- Поля:" then the columns).
 * Each such item is a table; an item whose nested lists hold no column with a known type is left
 * alone (a list of relations or notes is no table).
 */
function modelItems(md: MarkdownReader, node: List): boolean {
  const found: { name: Flat; cols: List }[] = [];
  const typed = (l: List) => l.children.some((c) => columnItem(md, c)?.known);
  for (const item of node.children) {
    const f = md.itemFlat(item);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*[:：]?$/.exec(f.text);
    const sub = item.children.find((c): c is List => c.type === "list");
    if (!m || !sub) continue;
    const w = m[1]!.toLowerCase();
    if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w) || RULES_LABEL.test(w)) continue;
    let cols: List | undefined = typed(sub) ? sub : undefined;
    if (!cols) {
      const labelled = sub.children
        .map((c) => ({ t: md.itemFlat(c).text.replace(/[:：]\s*$/, "").trim().toLowerCase(), l: c.children.find((x): x is List => x.type === "list") }))
        .filter((x): x is { t: string; l: List } => !!x.l && x.t.length <= 24);
      const named = (l: List) => l.children.filter((c) => columnItem(md, c, true)).length * 2 >= l.children.length;
      cols = (labelled.find((x) => (FIELDS_LABEL.test(x.t) || /^(?:поля|столбцы|колонки|атрибуты)$/.test(x.t)) && named(x.l))
        ?? (labelled.filter((x) => typed(x.l)).length === 1 ? labelled.find((x) => typed(x.l)) : undefined))?.l;
    }
    if (!cols && bareFields(md, sub)) cols = sub;
    if (cols) found.push({ name: flatSub(f, f.text.indexOf(m[1]!), f.text.indexOf(m[1]!) + m[1]!.length), cols });
  }
  if (!found.some((x) => typed(x.cols) || bareFields(md, x.cols))) return false;
  const saved = [...md.stack];
  for (const { name, cols } of found) {
    md.stack = [...saved];
    openSection(md, (md.lastRealDepth() ?? 0) + 1, name, true, true);
    md.lastLabel = "fields";
    list(md, cols);
    md.lastLabel = null;
  }
  md.stack = saved;
  return true;
}

/** An item under an endpoint: its query parameters on one line ("Query: `a`, `b`"), an inline example response, or text saying its status or access. */
function endpointDetail(md: MarkdownReader, ep: EndpointDraft, f: Flat): void {
  if (inlineQuery(md, ep, f)) return;
  if (/[{[]/.test(f.text) && /^\s*[*_]*(?:body|response|returns?|200|200 ok|success|example)\b/i.test(f.text.replace(/[`*_]/g, ""))) inlineEnvelope(md, ep, f.text);
  scanEndpointText(md, ep, f.text);
}

/** The list's items as the values of an enum named by the section's heading; false (nothing read) unless each item is one value. */
function enumByTitle(md: MarkdownReader, node: List): boolean {
  const title = md.top()?.title.replace(/[`*]/g, "").trim() ?? "";
  // "- `medium` (default)", "- `done` — finished": the value, then a remark.
  const items = node.children.map((item) => /^[`'"]?([A-Za-z0-9_.-]+)[`'"]?(?:\s*(?:[:：—–(（]|\s-\s).*)?$/.exec(md.itemFlat(item).text));
  if (!title || items.length < 2 || !items.every((x) => x)) return false;
  md.enums.push({ name: { text: title, span: md.top()!.span }, values: node.children.map((item, i) => {
    const f = md.itemFlat(item);
    const at = f.text.indexOf(items[i]![1]!);
    return md.rawText(flatSub(f, at, at + items[i]![1]!.length));
  }) });
  return true;
}

/** Labels of a column's notes that state its rules ("**Constraints**: 1-200 characters"). */
const COLUMN_RULE_LABEL = /^(?:constraints?|validations?|validation\s+rules?|rules?|restrictions?|limits?|length|size|range|bounds|约束|校验|验证|规则|制約|検証|restricci[oó]n(?:es)?|validaci[oó]n|contraintes?|einschr[aä]nkung(?:en)?|regeln?|vincoli)$/i;

/**
 * The list under a heading that names one column ("#### title" under "### Field Details"): items
 * "Label: text". Those labelled as rules are the column's rules, each part that reads as one
 * ("Non-empty, 1-200 characters"); a part that does not is reported by the builder. Other labels
 * (Type, Example, Format, Generation...) describe the column and are left to its row.
 */
function columnNotes(md: MarkdownReader, node: List, table: TableDraft, column: RawText): void {
  for (const item of node.children) {
    const f = md.itemFlat(item);
    const m = /^\s*([\p{L}][\p{L} ]{0,30}?)\s*[:：]\s*/u.exec(f.text);
    // "- Required", "- At most 120 characters": an item that reads whole as a rule is one.
    if (!m && f.text && md.isRulePhrase(f.text.replace(/\.$/, ""))) {
      md.looseRules.push({ table: table.name.text, column, phrase: md.rawText(f) });
      continue;
    }
    if (!m || !COLUMN_RULE_LABEL.test(m[1]!.trim())) continue;
    const body = flatTrim(flatSub(f, m[0].length));
    if (!body.text) continue;
    const whole = body.text.replace(/\.$/, "");
    const parts: Flat[] = [];
    if (md.isRulePhrase(whole)) parts.push(body);
    else {
      let from = 0;
      for (const piece of body.text.split(/([,;，；])/)) {
        if (!/^[,;，；]$/.test(piece)) parts.push(flatTrim(flatSub(body, from, from + piece.length)));
        from += piece.length;
      }
    }
    // A part the rule reader does not know is still stated as a rule: the builder reports it (SF108).
    for (const p of parts) if (p.text) md.looseRules.push({ table: table.name.text, column, phrase: md.rawText(p) });
  }
}

/**
 * An endpoint written as a list of its fields under a heading that names the operation:
 * "- **Method**: GET" and "- **Endpoint**: `/api/tasks`" (also Path, URL, Route) as two items.
 * The heading's section becomes the endpoint's; the list's other items are its details.
 */
function fieldEndpoint(md: MarkdownReader, node: List): void {
  const top = md.top();
  if (!top || top.kind !== "other" || top.endpoint || md.currentEndpointSection()?.endpoint) return;
  const flats = node.children.map((item) => md.itemFlat(item));
  let method: Flat | null = null;
  let path: Flat | null = null;
  for (const f of flats) {
    const line = f.text.split("\n")[0]!;
    const m = /^(?:http\s+)?(?:method|verb)\s*[:：]\s*`?(GET|POST|PUT|PATCH|DELETE)\b/i.exec(line);
    if (m && !method) {
      const at = line.indexOf(m[1]!, line.indexOf(":") + 1);
      method = flatSub(f, at, at + m[1]!.length);
    }
    const p = /^(?:endpoint|path|url|uri|route)\s*[:：]\s*`?(\/[^\s`?]*)/i.exec(line);
    if (p && !path) {
      const at = line.indexOf(p[1]!, line.search(/[:：]/) + 1);
      path = flatSub(f, at, at + p[1]!.replace(/[.,;:)]+$/, "").length);
    }
  }
  if (!method || !path) return;
  const draft: EndpointDraft = { method: md.rawText(method), path: md.rawText(path), ...(top.title ? { summary: top.title } : {}) };
  md.endpoints.push(draft);
  top.kind = "endpoint";
  top.endpoint = draft;
  top.sawParagraph = true;
}
