// Headings and the sections they open: whether a section names a table, an endpoint, a
// request model, indexes or values, and the table name a heading gives.
import type { Heading } from "mdast";
import { nameKey, plural, singular, snakeCase } from "../../base/naming.js";
import type { RawText } from "../raw.js";
import { isPathParamsLabel, opensQuery } from "../query-params.js";
import { bodyLabel } from "./bodies.js";
import type { SectionEntry, TableDraft } from "./drafts.js";
import { endpointHeading, scanEndpointText } from "./endpoints.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { API_SECTION, BODY_HEADING, DOCUMENT_WORDS, FIELDS_LABEL, PART_TITLE, requestModel, schemaModel, SECTION_WORDS, VALUE_SECTION } from "./vocabulary.js";

/**
 * A heading saying what is under it is not part of this version: "## Future Schema Enhancements",
 * "## Future Enhancements (Out of Scope for Phase II)", "### Planned tables", "Out of scope".
 */
const LATER = /^(?:[\d.)]+\s*)?(?:future|planned|upcoming|deferred|later)\b(?!\s*[-_]?proof)|^(?:[\d.)]+\s*)?(?:out\s+of\s+scope|not\s+in\s+(?:the\s+)?(?:mvp|scope)|nice[\s-]to[\s-]have|roadmap)\b/i;

/**
 * A heading saying an auth service keeps the table(s) under it: "Sessions Table (Managed by Better
 * Auth)", "### Auth Tables (Better Auth-managed)", "users (created by Supabase Auth)".
 */
const AUTH_MANAGED = /(?<!\bnot\s)\b(?:managed|owned|created|maintained|provided|handled)\s+by\s+(?:the\s+)?(?:better[\s-]?auth|auth(?:entication)?\s+(?:service|provider|library|server)|auth0|clerk|supabase(?:\s+auth)?|firebase(?:\s+auth)?|next[\s-]?auth|auth\.js|lucia|keycloak|cognito)\b|\b(?:better[\s-]?auth|supabase(?:\s+auth)?|clerk|next[\s-]?auth)[\s-]+(?:managed|owned|tables?)\b/i;

/**
 * "### Log Entry Format", "## Event payloads", "Webhook payload", "Message format": the shape of a
 * log line or a message the app writes or sends, not a table (a TypeScript interface under it is a type).
 */
const RECORD_FORMAT_SECTION = /^(?:\d+(?:\.\d+)*[.)]?\s+)?(?:[\p{L}-]+\s+){0,2}?(?:log|logging|event|message|webhook|notification|audit)(?:\s+(?:entry|entries|line|lines|record|records|message|messages|event|events))?\s+(?:format|formats|payloads?)\s*(?:\(.*\))?$/iu;

export function heading(md: MarkdownReader, node: Heading): void {
  const f = flatTrim(md.flat(node.children, md.startOf(node)));
  openSection(md, node.depth, f, false);
}

export function openSection(md: MarkdownReader, depth: number, f: Flat, pseudo: boolean, plain = false): void {
  while (md.stack.length > 0 && md.top()!.depth >= depth) {
    const closed = md.stack.pop()!;
    if (closed.base && closed.base.end === undefined) closed.base.end = md.endpoints.length;
  }
  const span = md.idx.span(f.offs[0] ?? 0);
  // "2. users", "#3 orders", "No.3 orders": a number before the name is the heading's order.
  const title = f.text.replace(/^\s*(?:(?:#|no\.\s?)?\d+(?:\.\d+)*[.)]?\s+)/i, "").trim();
  const entry: SectionEntry = { depth, kind: "other", title, span, sawParagraph: false, pseudo };
  if (md.kind === "schema" && AUTH_MANAGED.test(title)) entry.authManaged = true;
  if (md.kind === "schema" && LATER.test(title.replace(/[`*_]/g, "").trim())) {
    entry.later = true;
    md.notes.push({ span, message: `section "${title.replace(/[`*_]/g, "").trim()}" says what it holds comes later: no table is made from it` });
  }
  if (md.kind === "api") {
    const parent = md.currentEndpointSection();
    if (parent?.endpoint) scanEndpointText(md, parent.endpoint, f.text);
    md.queryFor = parent?.endpoint && opensQuery(title, parent.endpoint.method.text) ? parent.endpoint : null;
    md.pathParamsFor = parent?.endpoint && isPathParamsLabel(title) ? parent.endpoint : null;
    const ep = endpointHeading(md, f);
    if (ep) {
      entry.kind = "endpoint";
      entry.endpoint = ep;
      md.bodyFor = null;
    } else {
      const model = requestModel(title);
      if (model) {
        const at = f.text.indexOf(model.written);
        entry.model = { name: md.rawText(flatSub(f, Math.max(at, 0), Math.max(at, 0) + model.written.length)), columns: [], indexes: [], hasDefs: false, fragment: true, notation: "markdown-bullets" };
        entry.model.name = { ...entry.model.name, text: model.entity };
        md.tables.push(entry.model);
      } else if (parent?.endpoint) bodyLabel(md, parent.endpoint, title);
    }
  } else {
    // "## Entity: TaskCreate (Input Model)", "### TaskResponse (Output Model)": shapes of requests
    // and responses, not tables. An input model's rules join the table it names (a fragment).
    const shape = schemaModel(title);
    // "## API" over "### TodoSchema", "### Request body": shapes of requests and responses, not
    // tables, unless the heading says table.
    const plainTitle = title.replace(/[`*]/g, "").trim();
    if ((API_SECTION.test(plainTitle) || RECORD_FORMAT_SECTION.test(plainTitle)) && !/\btable\b/i.test(plainTitle)) {
      entry.shapes = true;
      md.stack.push(entry);
      return;
    }
    const apiShape = !shape && (BODY_HEADING.test(plainTitle) || (md.stack.some((x) => API_SECTION.test(x.title.replace(/[`*]/g, "").trim())) && !/\btable\b|^table\s*[:：]/i.test(plainTitle)));
    if (apiShape) {
      md.notes.push({ span, message: `"${plainTitle}" is a request or response shape (under the API's section), not a table` });
      entry.shapes = true;
      md.stack.push(entry);
      return;
    }
    if (shape) {
      if (shape.input) {
        const at = Math.max(0, f.text.indexOf(shape.written));
        entry.model = { name: { ...md.rawText(flatSub(f, at, at + shape.written.length)), text: shape.entity }, columns: [], indexes: [], hasDefs: false, fragment: true, notation: "markdown-bullets" };
        md.tables.push(entry.model);
      }
      md.notes.push({ span, message: `"${shape.written}" is ${shape.input ? "a request" : "a response"} shape of ${shape.entity}, not a table${shape.input ? "; the rules it states join that table's columns" : ""}` });
      md.stack.push(entry);
      return;
    }
    let tableName = pseudo && !plain ? pseudoTableName(md, f) : tableNameOf(md, f);
    const inValues = md.stack.some((x) => x.kind === "values");
    const context = md.currentTable();
    const bareTitle = title.replace(/[`*_]/g, "").trim();
    // "#### title" under "### Field Details" (or naming a column the table already has): the
    // column's own notes, never a table of that name.
    if (context && !pseudo && columnSection(md, entry, context, f, title.replace(/[`*]/g, "").trim())) {
      md.stack.push(entry);
      return;
    }
    const part = !pseudo && PART_TITLE.test(bareTitle);
    if (part) entry.part = true;
    // "### Field Definitions" under "## Task Entity": a part of that table, its content the table's.
    if (context && part) tableName = null;
    // "## 2. Fields" on a page about one entity, outside any table's section: that entity's columns.
    else if (!context && !pseudo && ((tableName && FIELDS_LABEL.test(tableName.text)) || FIELDS_TITLE.test(bareTitle) || part)) {
      const named = md.statedTable ?? titleEntity(md);
      if (named) tableName = named;
      // "## Field definitions" with no table around it and none the page names: no table's name
      // (the table under it is reported as needing one). Only the words fields and columns say it
      // for sure: "Properties", "Attribute Definitions", a lone "Field" may be an app's table (a
      // rental's properties, an EAV catalogue, a sports field).
      else if (part && (/\b(?:fields|columns)\b/i.test(bareTitle) || /^(?:field|column)\s+\S/i.test(bareTitle))) tableName = null;
    }
    if (/^(indexes|indices|index|indici|índices|indexes and constraints|索引)\b/i.test(title)) entry.kind = "indexes";
    else if (VALUE_SECTION.test(title.replace(/[`*]/g, "").trim())) entry.kind = "values";
    // "#### Notes" under "### tasks" is part of the tasks section; "## notes" on its own may be a
    // table, and so may "## notes" under "# Schema" (a heading that is itself a section word).
    // "## 8. Bảng tables": the word for "table" before it makes even a section word a table's name.
    else if (tableName && !entry.later && !md.stack.some((x) => x.later) && !(depth === 1 && md.titled && !pseudo) && ((!DOCUMENT_WORDS.has(tableName.text) && !(SECTION_WORDS.has(tableName.text) && context)) || /^(?:table|tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s+[`*]*[A-Za-z_]\w*[`*]*\s*$/i.test(title))) {
      entry.kind = "table";
      const draft: TableDraft = { name: tableName, columns: [], indexes: [], hasDefs: false };
      if (md.pendingNameNote) draft.nameNote = md.pendingNameNote;
      if (md.pendingAlso) draft.also = md.pendingAlso;
      md.pendingAlso = undefined;
      if (/\(\s*identity\s*(table)?\s*\)/i.test(title)) draft.identity = true;
      if (entry.authManaged || md.stack.some((x) => x.authManaged)) draft.authManaged = true;
      // "Tasks Table", "Table: tasks", "Task (Entity)", "Task Model", "用户表"; not "Table Definitions".
      const bare = title.replace(/[`*_]/g, "").trim();
      if (/^(?:table|entity|model|tabla|tabelle|tableau|tabel)\s*[:：]|^(?:tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s|\b(?:table|entity|model)\s*\)?\s*$|\(\s*(?:table|entity|model)\s*\)|(?:表|テーブル|테이블)\s*[)）]?\s*$|(?:表|テーブル|테이블)\s*[(（]/i.test(bare)) draft.explicit = true;
      entry.table = draft;
      // Under "Value Objects": a named shape stored inside its parent's rows (json), not a table.
      if (inValues) {
        draft.valueObject = true;
        draft.name = { text: title.replace(/[`*]/g, "").trim().split(/[\s(（:：]/)[0]!, span: tableName.span };
        md.valueObjects.push(draft);
      } else md.tables.push(draft);
    }
  }
  md.stack.push(entry);
}

/**
 * A heading naming one column of the table around it: "#### title" (or "#### `due_date`") right
 * under a section labelling the table's parts ("### Field Details", "### Columns"), or naming a
 * column the table already has. Its lists are that column's notes; the ones labelled as rules
 * ("- **Constraints**: 1-200 characters") are the column's rules (lists.ts).
 */
function columnSection(md: MarkdownReader, entry: SectionEntry, table: TableDraft, f: Flat, bare: string): boolean {
  // "#### notes.title" (a data dictionary's heading): the table's name, then the column's.
  const dotted = /^([A-Za-z_]\w*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(bare);
  if (dotted && nameKey(dotted[1]!) !== nameKey(table.name.text)) return false;
  const m = dotted ? [dotted[0], dotted[2]] : /^([A-Za-z_][A-Za-z0-9_]*)(?:\s*[(（][^)）]*[)）])?$/.exec(bare);
  if (!m) return false;
  const name = m[1]!;
  const parent = md.top();
  const known = table.columns.some((c) => c.name.text === name);
  if (!(parent && parent.part && parent.kind === "other" && parent.depth < entry.depth) && !known) return false;
  const at = Math.max(0, f.text.indexOf(name));
  entry.column = { table, name: md.rawText(flatSub(f, at, at + name.length)) };
  md.notes.push({ span: entry.span, message: `heading "${bare}" describes column "${table.name.text}.${name}"; the rules its items state are that column's` });
  return true;
}

/**
 * "## tasks", "### 1. `users` Table", "### Table: tasks", "## Task Model", "## Entity: Task",
 * "### users (managed by X)", "### 2.1 users（用户表）", "### User" (an entity name: PascalCase,
 * read as the plural table "users", noted).
 */
function tableNameOf(md: MarkdownReader, f: Flat): RawText | null {
  let s = 0;
  let e = f.text.length;
  const text = f.text;
  md.pendingAlso = undefined;
  // The word for "table" in other languages too: "## 5. Bảng orders", "### Таблица orders", "Tabela pedidos".
  // "### New: `transactions` table", "### Modify: `children` table", "### Updated: orders": a
  // feature's change to a table, named after the word for the change.
  const change = /^\s*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:new|modify|modified|modification|update|updated|change|changed|add|added|extend|extended|alter|altered|existing)\s*[:：]\s*(?=[`*"]?[A-Za-z_])/i.exec(text);
  const lead = change ? /^/.exec("")! : /^\s*(?:(?:#|no\.\s?)?\d+(?:\.\d+)*[.)]?\s+)?(?:(?:table|entity|model|collection|resource|relation|tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s*\d*\s*[:：.\-–—]\s*|(?:table|tabla|tabelle|tableau|tabel|tabela|tabella|tablo|tabulka|bảng|таблица)\s+)?/i.exec(text);
  if (change) s = change[0].length;
  else if (lead) s = lead[0].length;
  // "🔹 User Schema", "📦 Orders", "▶ tasks": a leading emoji or bullet mark is decoration.
  const mark = /^[\p{Extended_Pictographic}\p{So}\u2022\u25A0-\u25FF\uFE0F\u200D\s]+(?=[\p{L}`])/u.exec(text.slice(s));
  if (mark) s += mark[0].length;
  // "AIInteraction (ai_interactions)", "Order Item (order_items)": an entity and, beside it, its
  // table's own name, the same words written as a table's: that name. Not "CartItem (orders)",
  // where the parenthesis names something else (an app, a module).
  const own = /^([A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][A-Za-z0-9]*){0,2})\s*[(（]\s*`?([a-z][a-z0-9]*(?:_[a-z0-9]+)*)`?\s*[)）]\s*$/.exec(text.slice(s));
  if (own) {
    const letters = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, "");
    const entity = letters(own[1]!);
    const table = letters(own[2]!);
    if (table === entity || table.replace(/e?s$/, "") === entity || table.replace(/ies$/, "y") === entity) {
      const at = s + text.slice(s).indexOf(own[2]!, own[1]!.length);
      const span = md.idx.span(f.offs[at] ?? f.offs[0] ?? 0);
      md.pendingNameNote = own[2] !== snakeCase(own[1]!.replace(/\s+/g, "_")) ? { span, message: `heading "${text.trim()}" read as table "${own[2]}" (the name it gives beside the entity)` } : undefined;
      return { text: own[2]!, span };
    }
  }
  // "users table `users`", "The `tasks` table", "Order items (`order_items`)": the identifier in
  // code is the name, when the other words only say table or restate it.
  // (Inline code reaches here without its backticks: the source says which words were code.)
  const ticked = [...text.slice(s).matchAll(/(?<![\w`])`?([A-Za-z_][A-Za-z0-9_]*)`?(?![\w`])/g)].filter((m) => md.src[(f.offs[s + m.index! + (m[0].startsWith("`") ? 1 : 0)] ?? 0) - 1] === "`");
  if (ticked.length === 1) {
    const id = ticked[0]![1]!;
    const idWords = new Set(id.toLowerCase().split("_").flatMap((w) => [w, singular(w), plural(w)]));
    const others = (text.slice(s, s + ticked[0]!.index!) + " " + text.slice(s + ticked[0]!.index! + ticked[0]![0].length)).split(/[\s()（）:：.\-–—,]+/).filter(Boolean);
    const restates = (w: string) => idWords.has(w.toLowerCase()) || singular(w.toLowerCase()) === singular(id.toLowerCase()) || snakeCase(w) === id.toLowerCase();
    if (others.length > 0 && others.every((w) => /^(?:the|table|entity|model|collection|schema|tabla|tabela|tabelle|tableau|tabel|tabella)$/i.test(w) || restates(w))) {
      const at = s + ticked[0]!.index! + (ticked[0]![0].startsWith("`") ? 1 : 0);
      const span = md.idx.span(f.offs[at] ?? f.offs[0] ?? 0);
      const name = snakeCase(id);
      // Noted only where the other words would have named it otherwise ("users table `users`").
      md.pendingNameNote = others.some((w) => !/^(?:the|table|entity|model|collection|schema|tabla|tabela|tabelle|tableau|tabel|tabella)$/i.test(w)) ? { span, message: `heading "${text.trim()}" read as table "${name}" (the identifier it gives in code)` } : undefined;
      return { text: name, span };
    }
  }
  // Drop a trailing remark: "users (Managed by Better Auth)", "users（用户表）", "users - the accounts", "users: who signs in".
  const rest = text.slice(s);
  const cut = /\s*(?:[(（【\[]|\s[-–—:：]\s|[:：]\s*$|\s+[-–—]$)/.exec(rest);
  if (cut) e = s + cut.index;
  let core = text.slice(s, e).trim();
  const coreStart = s + (text.slice(s, e).length - text.slice(s, e).trimStart().length);
  let model = false;
  // "Locations Sheet", "Orders Worksheet": a spreadsheet's tab, named as a table is.
  // "User Schema", "Post Document" (a Mongoose or document-store spec): the entity, unless what is
  // left is a section's own word ("Database Schema", "Data Model").
  const suffix = /\s+(table|model|entity|collection|schema|document|sheet|worksheet)$/i.exec(core);
  const restWords = suffix ? core.slice(0, suffix.index).trim().split(/\s+/) : [];
  // Nor "Domain Model", "Logical Data Model", "ER Model": words that name a kind of model, not an entity.
  const modelKind = suffix && /^(model|entity)$/i.test(suffix[1]!) && restWords.length > 0 && restWords.every((w) => /^(domain|data|logical|conceptual|physical|object|class|er|erd|relational|entity|database|db|system)$/i.test(w));
  if (suffix && !modelKind && (!/^(schema|document)$/i.test(suffix[1]!) || !restWords.some((w) => SECTION_WORDS.has(w.toLowerCase()) || DOCUMENT_WORDS.has(w.toLowerCase())))) {
    model = !/table|sheet/i.test(suffix[1]!);
    core = core.slice(0, suffix.index);
  }
  // "attachments 附件表", "`Note` テーブル", "orders 订单": the name, then a title in another script.
  // Not "Nhóm ..." or "Données": a word of Latin letters with accents is one word, not a name and a title.
  const titled = /^([A-Za-z_][A-Za-z0-9_]*)(?!\p{Script=Latin})\s*[^\x00-\x7F].*$/u.exec(core);
  if (titled) core = titled[1]!;
  // "invoices / receipts": one heading for two tables (the second is made at the first's columns, or its own).
  const pair = /^([A-Za-z_]\w*)\s*(?:\/|&|,|、|\band\b)\s*([A-Za-z_]\w*)$/.exec(core);
  let also: RawText | undefined;
  if (pair) {
    const at = coreStart + text.slice(coreStart).indexOf(pair[2]!, pair[1]!.length);
    also = { text: snakeCase(pair[2]!), span: md.idx.span(f.offs[at] ?? f.offs[0] ?? 0) };
    core = pair[1]!;
  }
  // "User Profile", "Audit Log Entry": a name of two or three words, none of them a section word.
  if (!modelKind && /^[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][A-Za-z0-9]*){1,2}$/.test(core) && core.split(/\s+/).every((w) => !SECTION_WORDS.has(w.toLowerCase()) && !DOCUMENT_WORDS.has(w.toLowerCase()) && !/^(and|or|of|the|for|with|by|in|on|to|a|an)$/i.test(w))) {
    core = core.split(/\s+/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
    if (lead && !/table/i.test(lead[0])) model = true;
  }
  // "Пользователи (`users`)", "任务（tasks）", "Задачи — tasks": a name in another script, the
  // table's identifier beside it (the first one the heading gives).
  if (/^[^\x00-\x7F]/.test(core) && /^\p{L}/u.test(core) && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(core)) {
    // "宠康记（PetHealthNote）数据库设计（V1.0）", "ShopApp データベース設計": the document's title
    // (its app's name beside the words for database design or schema), no table.
    if (DOCUMENT_TITLE_WORDS.test(text)) return null;
    const id = /(?<![\p{L}\w])([A-Za-z_][A-Za-z0-9_]*)(?![\p{L}\w])/u.exec(text.slice(s));
    if (id) {
      core = id[1]!;
      const at = s + id.index;
      const span = md.idx.span(f.offs[at] ?? f.offs[0] ?? 0);
      const name = snakeCase(core);
      md.pendingNameNote = { span, message: `heading "${text.trim()}" read as table "${name}" (the identifier it gives beside the title)` };
      return { text: name, span };
    }
  }
  // "`public.accounts`", "auth.profiles": a table in a database schema, named without the schema
  // (as the SQL readers name it). Only a schema word or a name in code, so "Node.js" is no table.
  const qualified = /^(`?)([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(core);
  if (qualified && (qualified[1] || SCHEMA_WORDS.test(qualified[2]!))) {
    md.pendingNameNote = undefined;
    const at = coreStart + core.indexOf(".") + 1;
    const span = md.idx.span(f.offs[at] ?? f.offs[0] ?? 0);
    const name = snakeCase(qualified[3]!);
    md.notes.push({ span, message: `heading "${core.replace(/`/g, "")}" read as table "${name}" (schema "${qualified[2]}" left out)` });
    return { text: name, span };
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(core)) return null;
  // An entity name (User, CollectionItem) names the table of its rows, as a model does.
  if (/^[A-Z][a-z0-9]*(?:[A-Z][a-z0-9]*)*$/.test(core) && lead && !/table/i.test(lead[0])) model = true;
  let name = snakeCase(core);
  const span = md.idx.span(f.offs[coreStart] ?? f.offs[0] ?? 0);
  md.pendingNameNote = undefined;
  if (model && singular(name) === name && md.english()) {
    name = plural(name);
    md.pendingNameNote = { span, message: `entity "${core}" read as table "${name}" (snake_case plural of the entity name)` };
  } else if (name !== core.toLowerCase()) {
    md.pendingNameNote = { span, message: `table "${core}" read as "${name}" (snake_case)` };
  }
  if (also) md.pendingAlso = [model && md.english() && singular(also.text) === also.text ? { ...also, text: plural(also.text) } : also];
  return { text: name, span };
}

/** Words for a database's design, schema or data model in other scripts: a heading holding one titles a document. */
const DOCUMENT_TITLE_WORDS = /数据库|數據庫|資料庫|数据模型|數據模型|数据字典|表结构|表結構|库表|庫表|データベース|テーブル(?:定義|設計)|データモデル|スキーマ|데이터베이스|데이터\s*모델|스키마|테이블\s*(?:정의|설계)|база\s+данных|схема/;

/** Names of database schemas a heading may put before a table ("public.accounts"). */
const SCHEMA_WORDS = /^(?:public|auth|dbo|app|core|main|private|storage|api|data|sales|hr|inventory|billing|identity)$/i;

/** A bold paragraph acting as a heading: "**Users Table** (Aggregate Root)". */
export function pseudoTableName(md: MarkdownReader, f: Flat): RawText | null {
  const m = /^(.*?\s+(?:table|model|entity))\b/i.exec(f.text);
  if (!m) return null;
  return tableNameOf(md, flatSub(f, 0, m[1]!.length));
}

/** The entity a document's title names after a colon ("# DB Spec: Contact", "# Entity: Invoice"): its table. */
function titleEntity(md: MarkdownReader): RawText | undefined {
  const h1 = md.stack.find((x) => x.depth === 1);
  if (!h1) return undefined;
  // "# Spec: Contacts", "# Invoices — Database Spec", "# Contact DB spec", "# Data model (Invoices)":
  // the one part of the title that is not the document's own words.
  const parts = h1.title.replace(/[`*]/g, "").split(/\s*(?:[:：|—–(（)）]|\s-\s)\s*/).map((p) => p.trim()).filter(Boolean);
  const names = parts
    .map((p) => p.split(/\s+/).filter((w) => !TITLE_WORDS.test(w)).join(" "))
    .filter((p) => /^[A-Za-z][A-Za-z0-9_]*(?:\s+[A-Za-z][A-Za-z0-9_]*)?$/.test(p));
  if (names.length !== 1) return undefined;
  const written = names[0]!.replace(/\s+(\w)/g, (_m, c: string) => c.toUpperCase());
  const name = snakeCase(written);
  return { text: /^[A-Z]/.test(written) && md.english() && singular(name) === name ? plural(name) : name, span: h1.span };
}

/** Words a document's title uses for itself ("Database Spec", "Data Model", "Feature"): never the entity. */
const TITLE_WORDS = /^(?:db|database|data|schema|spec|specs|specification|model|models|design|feature|features|table|tables|definition|definitions|document|doc|docs|overview|erd|entity|entities|the|for|of|and|v\d+(?:\.\d+)*|\d+(?:\.\d+)*|draft|reference|management|module|service|feature|tracking|handling|administration|admin|portal|dashboard|platform|app|application|api|backend|system)$/i;
/** A section heading over a page's one table: "Key Fields", "Fields", "Columns", "Data Structure". */
const FIELDS_TITLE = /^(?:\d+(?:\.\d+)*[.)]?\s*)?(?:(?:key|main|core|primary|data|table|entity|database|db|important|required|all|the)\s+)*(?:fields|columns|attributes|properties|structure)\s*$/i;

