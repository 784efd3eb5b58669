// Code blocks: SQL, Prisma, Drizzle, Python and diagrams handed to their readers, field,
// enum and rule blocks, and an endpoint's body or response written as code.
import { blockLanguage, type Language } from "../readers.js";
import type { BlockReader, ReaderResult, SourceBlock } from "../block.js";
import type { Code } from "mdast";
import { nameKey, snakeCase } from "../../base/naming.js";
import type { RawColumn, RawEnum, RawText } from "../raw.js";
import { clauseList, outlinedSql, treeAsIndent } from "../text.js";
import { descriptorBody, modelFields } from "./bodies.js";
import { interfaceBody, jsonSchemaBody } from "./schema-bodies.js";
import { columnFlat } from "./columns.js";
import type { EndpointDraft, TableDraft } from "./drafts.js";
import { endpointInSection, responseEnvelope } from "./endpoints.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import { endpointLines } from "./paragraphs.js";
import type { MarkdownReader } from "./reader.js";
import { ruleBlock } from "./rules.js";
import { labelledValues } from "./labelled-values.js";
import { signatureBlock } from "./signature-lines.js";
import { splitEnumValues } from "./vocabulary.js";

export function isFencedOpenApi(n: Code): boolean {
  return /^(ya?ml|json|)$/i.test(n.lang ?? "") && /^\s*["']?openapi["']?\s*:\s*["']?3/m.test(n.value.slice(0, 4000));
}

export function code(md: MarkdownReader, node: Code): void {
  if (md.openapi && isFencedOpenApi(node)) {
    const f = md.codeFlat(node);
    const r = md.openapi(node.value, md.file, (o) => md.idx.span(f.offs[Math.min(Math.max(o, 0), f.offs.length - 1)] ?? 0));
    for (const e of r.endpoints) md.endpoints.push({ ...e, ...(e.body ? { body: [...e.body] } : {}), ...(e.query ? { query: [...e.query] } : {}) } as EndpointDraft);
    md.diagnostics.push(...r.diagnostics);
    md.notes.push(...r.notes);
    return;
  }
  // "## Future Schema Enhancements" over a CREATE TABLE: an example of a later version, not this one's.
  if (md.kind === "schema" && md.stack.some((x) => x.later)) return;
  const apiLanguage = md.kind === "api" ? blockLanguage(node.lang ?? "", node.value) : null;
  if ((apiLanguage === "drizzle" || apiLanguage === "python") && md.readers[apiLanguage]) {
    // zod schemas and Pydantic bodies in the API spec state rules for the tables' columns.
    (md.together[apiLanguage] ??= []).push(node);
    return;
  }
  if (md.kind === "api") {
    const sec = md.currentEndpointSection();
    if (sec?.endpoint && md.bodyFor === sec.endpoint && /^(json|jsonc|json5|js|javascript|ts|typescript)?$/i.test(node.lang ?? "")) {
      // A JSON Schema or a TypeScript interface: its properties are the fields, with their rules.
      const schema = jsonSchemaBody(md, node) ?? interfaceBody(md, node);
      if (schema) {
        (sec.endpoint.body ??= []).push(...schema);
        return;
      }
    }
    if (sec?.endpoint && md.bodyFor === sec.endpoint && /^(json|jsonc|json5|js|javascript|ts|typescript)?$/i.test(node.lang ?? "") && node.value.trim().startsWith("{")) {
      const fields = descriptorBody(md, node);
      if (fields.length > 0) {
        (sec.endpoint.body ??= []).push(...fields);
        return;
      }
      const keys = exampleKeys(node.value);
      if (keys.length > 0) (sec.endpoint.exampleFields ??= []).push(...keys.filter((k) => !sec.endpoint!.exampleFields?.includes(k)));
    }
    const model = md.currentModel();
    if (model && /^(json|jsonc|json5|js|javascript|ts|typescript)?$/i.test(node.lang ?? "") && node.value.trim().startsWith("{")) {
      const fields = descriptorBody(md, node);
      if (fields.length > 0) {
        modelFields(md, model, fields);
        return;
      }
    }
    if (sec?.endpoint && /^(json|jsonc)?$/i.test(node.lang ?? "") && node.value.trim().startsWith("{")) responseEnvelope(md, sec.endpoint, node.value);
    const lines = node.value.split("\n").filter((l) => l.trim());
    const top = md.top();
    if (lines.length === 1 && top && top.kind === "other" && !top.endpoint) {
      const m = /^\s*(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s?]*)\s*$/.exec(lines[0]!);
      if (m) {
        const f = md.codeFlat(node);
        const mi = f.text.indexOf(m[1]!);
        endpointInSection(md, top, f, mi, m[1]!.length, m[2]!.length);
        return;
      }
    }
    // A block listing endpoints, one a line ("GET /api/items", "POST /api/items  # create").
    endpointLines(md, md.codeFlat(node), true);
    return;
  }
  const language = blockLanguage(node.lang ?? "", node.value);
  // "tasks(id PK, title, due_date)", one a line: tables written as signatures, not SQL.
  if ((!language || language === "sql") && /^(|text|plain|plaintext|txt|sql)$/i.test(node.lang ?? "") && signatureBlock(md, node)) return;
  const reader = language ? md.readers[language] : undefined;
  // "## DTOs" over "interface TaskPublic { ... }": shapes of requests and responses, set apart
  // (read as tables only when the document has no other tables, document.ts).
  if (reader && language === "interfaces") {
    const under = [...md.stack].reverse().find((e) => e.shapes);
    if (under) {
      md.shapeBlocks.push({ node, section: under.title.replace(/[`*]/g, "").trim() });
      return;
    }
  }
  if (reader && (language === "drizzle" || language === "prisma" || language === "python" || language === "mermaid" || language === "dbml" || language === "entities" || language === "jpa" || language === "efcore" || language === "go" || language === "laravel" || language === "rails" || language === "interfaces" || language === "graphql" || language === "kotlin")) {
    // Read together after the document: a table in one block references a table or enum in another.
    (md.together[language] ??= []).push(node);
    return;
  }
  if (reader) {
    hand(md, [node], reader, language!);
    return;
  }
  if (!language && /^(|text|plain|plaintext|txt)$/i.test(node.lang ?? "") && md.lastLabel && labelledValues(md, blockLines(md, node))) {
    md.lastLabel = null;
    return;
  }
  if (!language && enumBlock(md, node)) return;
  if (!language && /^(|text|plain|plaintext|txt|yaml|yml|schema)$/i.test(node.lang ?? "") && fieldBlock(md, node)) return;
  if (!language && /^(js|javascript|jsx|ts|typescript|tsx|json5?)$/i.test(node.lang ?? "") && objectFieldBlock(md, node)) return;
  if (!language && /^(|text|plain|plaintext|txt|sql)$/i.test(node.lang ?? "") && ruleBlock(md, node)) return;
  // "CONSTRAINT fk FOREIGN KEY ..." quoted alone under a table's heading: SQL about that table.
  if (!language && md.readers.sql && md.currentTable() && /^\s*(constraint\b|foreign\s+key\b|check\s*\()/i.test(node.value)) hand(md, [node], md.readers.sql, "sql");
}

/**
 * Formal blocks handed to their language's reader, as one text (blocks joined by blank
 * lines, each offset still mapped to its own place in the file); what it finds joins the
 * document's tables.
 */
export function hand(md: MarkdownReader, nodes: readonly Code[], reader: BlockReader, language: Language): void {
  let text = "";
  const offs: number[] = [];
  for (const node of nodes) {
    if (text) {
      const gap = "\n\n";
      const last = offs[offs.length - 1] ?? 0;
      for (let i = 0; i < gap.length; i++) offs.push(last);
      text += gap;
    }
    const f = md.codeFlat(node);
    offs.push(...f.offs.slice(0, node.value.length));
    text += node.value;
  }
  const endFlat = md.codeFlat(nodes[nodes.length - 1]!);
  offs.push(endFlat.offs[endFlat.text.length] ?? offs[offs.length - 1] ?? 0);
  // "Users (" ... ")" and "IX_a ON t (c)" lines: the CREATE statements they outline.
  const outlined = language === "sql" ? outlinedSql(text) ?? (nodes.length === 1 && md.currentTable() ? clauseList(text) : null) : null;
  if (outlined) {
    const mapped = outlined.from.map((o) => offs[o] ?? offs[offs.length - 1] ?? 0);
    text = outlined.text;
    offs.length = 0;
    offs.push(...mapped);
  }
  const block: SourceBlock = { text, file: md.file, lang: (nodes[0]!.lang ?? "").toLowerCase(), at: (o) => md.idx.span(offs[Math.min(Math.max(o, 0), offs.length - 1)] ?? 0) };
  const context = nodes.length === 1 ? md.currentTable() : undefined;
  let r: ReaderResult;
  try {
    r = reader(block, context ? { sectionTable: context.name.text } : {});
  } catch (err) {
    // A reader's own fault must not lose the rest of the document: one warning at the block.
    md.warn("SF113", `the ${language} block could not be read (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`, block.at(0));
    return;
  }
  for (const t of r.tables) {
    // Diagrams write entity names in capitals (USERS, LINE_ITEM): the table's name is lower case.
    const caps = language === "mermaid" && /^[A-Z][A-Z0-9_]*$/.test(t.name.text) && /[A-Z]{2}/.test(t.name.text);
    md.tables.push({
      name: caps ? { ...t.name, text: t.name.text.toLowerCase() } : t.name,
      columns: [...t.columns],
      indexes: [...t.indexes],
      hasDefs: true,
      ...(t.description ? { description: t.description } : {}),
      ...(t.checks?.length ? { checks: [...t.checks] } : {}),
      ...(t.foreignKeys?.length ? { foreignKeys: [...t.foreignKeys] } : {}),
      ...(t.notation ? { notation: t.notation } : {}),
      ...(t.fragment ? { fragment: true } : {}),
    });
  }
  md.specIndexes.push(...r.indexes);
  md.enums.push(...r.enums);
  md.diagnostics.push(...r.diagnostics);
  md.notes.push(...r.notes);
}

/** A block's non-empty lines, each trimmed, with where it is written. */
function blockLines(md: MarkdownReader, node: Code): RawText[] {
  const f = md.codeFlat(node);
  const out: RawText[] = [];
  let at = 0;
  for (const line of node.value.split("\n")) {
    const lead = line.length - line.trimStart().length;
    if (line.trim()) out.push({ text: line.trim(), span: md.idx.span(f.offs[at + lead] ?? 0) });
    at += line.length + 1;
  }
  return out;
}

/**
 * A plain block of `name: type` fields: under a table's heading, the table's columns
 * ("id: uuid", "email: string, unique"); or tables, each a `name:` line with its fields indented
 * below it ("order:" / "  status: PENDING | PAID" / "  user_id: foreign key"). Each field is read
 * as a bullet "- name: type ..." would be. Only when every line has one of these shapes and
 * some field has a type the reader knows (so a config block, "host: localhost", is left alone).
 */
/**
 * A js/ts block that is one object literal of fields under a table's heading ("## User Schema"
 * over "{ name: String, email: { type: String, unique: true }, createdAt: Date }"), as people
 * write a Mongoose or TypeScript shape without the call around it: its lines read as the
 * table's field list. The braces, trailing commas and end-of-line comments are blanked in place
 * (same length, so positions hold).
 */
function objectFieldBlock(md: MarkdownReader, node: Code): boolean {
  const lines = node.value.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  let last = lines.length - 1;
  while (last > first && lines[last]!.trim() === "") last--;
  if (first < 0 || last <= first) return false;
  if (!/^\s*(?:(?:export\s+)?(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*(?::\s*[\w<>[\]]+\s*)?=\s*)?\{\s*$/.test(lines[first]!) || !/^\s*\}\s*;?\s*$/.test(lines[last]!)) return false;
  const blank = (t: string) => " ".repeat(t.length);
  const value = lines
    .map((l, i) => {
      if (i === first || i === last) return blank(l);
      if (i < first || i > last) return l;
      // "name: String, // shown on the profile": the comment and the comma go; quotes keep theirs.
      const comment = /\s\/\/[^'"`]*$/.exec(l);
      const body = comment ? l.slice(0, comment.index) + blank(comment[0]) : l;
      return body.replace(/,(\s*)$/, " $1");
    })
    .join("\n");
  return fieldBlock(md, { ...node, value }, true);
}

function fieldBlock(md: MarkdownReader, node: Code, objectLiteral = false): boolean {
  const groups: { name: Flat | null; fields: Flat[] }[] = [];
  let at = 0;
  // A tree ("users" over "├── id: uuid pk"): its drawing is indentation, its root line a name.
  const tree = /^[ \t]*(?:│[ \t]*)*[├└](?:─{1,3}|-{1,3})[ \t]/m.test(node.value);
  const value = tree ? treeAsIndent(node.value) : node.value;
  const code = md.codeFlat(node);
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
    const indented = field[1]!.length > 0 && !objectLiteral;
    const group = groups[groups.length - 1];
    if (indented && group?.name) group.fields.push(flatTrim(flatSub(f, start, start + line.length)));
    else if (!indented && (!group || !group.name)) {
      if (!group) groups.push({ name: null, fields: [] });
      groups[groups.length - 1]!.fields.push(flatTrim(flatSub(f, start, start + line.length)));
    } else return false;
  }
  const section = md.currentTable();
  if (groups.length === 0 || groups.some((g) => g.fields.length === 0)) return false;
  // Loose fields only under a table's heading that has no columns yet; named groups anywhere.
  if (groups.some((g) => !g.name) && (groups.length !== 1 || !section || section.columns.length > 0)) return false;
  const read = groups.map((g) => ({ g, cols: g.fields.map((x) => columnFlat(md, x, false, false)) }));
  if (read.some((r) => r.cols.some((c) => !c))) return false;
  if (!read.some((r) => r.cols.some((c) => c!.known))) return false;
  for (const { g, cols } of read) {
    // "name: String" in a JavaScript object (a Mongoose-style schema): the field may be left out
    // unless the spec says required, whatever Prisma's capitalised types would mean.
    const columns = cols.flatMap((c) => c!.columns).map((c) =>
      objectLiteral && !c.constraints.some((x) => /\b(?:required|not\s+null|primary\s+key|pk|nullable|optional)\b/i.test(x.text))
        ? { ...c, constraints: [{ text: "nullable", span: c.name.span }, ...c.constraints] }
        : c);
    if (!g.name) {
      section!.columns.push(...columns);
      section!.notation ??= "markdown-bullets";
      continue;
    }
    const name = md.rawText(g.name);
    md.tables.push({ name: { ...name, text: snakeCase(name.text) }, columns, indexes: [], hasDefs: true, notation: "yaml" });
  }
  return true;
}

/**
 * A plain block (or one under an "Enums" heading) of enum definitions, one per line:
 * "EventType: EVENT | GIG", "Priority = low, medium, high", "- status: 'a' | 'b'".
 */
function enumBlock(md: MarkdownReader, node: Code): boolean {
  const f = md.codeFlat(node);
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
      name: md.rawText(flatSub(f, nameAt, nameAt + m[2]!.length)),
      values: values.map((v) => ({ text: v.text, span: md.idx.span(f.offs[valuesAt + v.at] ?? 0) })),
    });
  }
  if (found.length === 0 || (other > 0 && !md.stack.some((x) => x.kind === "values"))) return false;
  md.enums.push(...found);
  return true;
}

/**
 * Python models (SQLModel, SQLAlchemy, Django, Pydantic bodies), read after the document: a
 * class restating a table the document defines otherwise (a Markdown table and its model) is
 * left to that definition, with a note.
 */
/** Python models and diagram entities often restate a table the document writes out: the written one is used. */
export function handRestating(md: MarkdownReader, nodes: readonly Code[], language: "python" | "mermaid"): void {
  const before = md.tables.filter((t) => t.columns.length > 0 && !t.fragment).map((t) => t.name.text);
  const start = md.tables.length;
  const indexesBefore = md.specIndexes.length;
  hand(md, nodes, md.readers[language]!, language);
  const dropped = new Set<string>();
  for (let i = md.tables.length - 1; i >= start; i--) {
    const t = md.tables[i]!;
    if (t.fragment) continue;
    // AUTH_USERS in a diagram (which cannot write "auth.users") where the document names the
    // auth service's users as auth.users: that service's table, drawn; not one of the app's.
    const drawn = language === "mermaid" ? /^auth_(users?)$/i.exec(t.name.text) : null;
    if (drawn && new RegExp(`\\bauth\\.${drawn[1]}\\b`, "i").test(md.src)) {
      md.notes.push({ span: t.name.span, message: `diagram entity "${t.name.text}" draws the auth service's auth.${drawn[1]!.toLowerCase()}, which the document references: not a table of the app` });
      md.tables.splice(i, 1);
      dropped.add(t.name.text);
      continue;
    }
    const existing = before.find((n) => nameKey(n) === nameKey(t.name.text));
    if (!existing) continue;
    md.notes.push({ span: t.name.span, message: `${language === "python" ? "Python model" : "Diagram entity"} for "${t.name.text}" restates table "${existing}"; the table written before it is used` });
    const target = language === "mermaid" ? md.tables.find((x) => x.name.text === existing && !x.fragment) : undefined;
    if (target) {
      valuesFromDiagram(md, t, target);
      keysFromDiagram(md, t, target);
    }
    if (language === "python") rulesFromModel(md.tables.find((x) => x.name.text === existing && !x.fragment), t);
    md.tables.splice(i, 1);
    dropped.add(t.name.text);
  }
  for (let i = md.specIndexes.length - 1; i >= indexesBefore; i--) if (dropped.has(md.specIndexes[i]!.table ?? "")) md.specIndexes.splice(i, 1);
}

/** A rule a Python model's Field() states on a value: lengths, bounds, items, a pattern. */
const VALUE_RULE_PHRASE = /^(?:min length \d+|max length \d+|at (?:least|most) \d+ items|min -?[\d.]+|max -?[\d.]+|[<>] -?[\d.]+|pattern\s)/;

/**
 * A Python table model restating a table written before it keeps none of its own definition,
 * but the value rules its Field() calls state (max_length=200, ge=1, a regex) join the written
 * table's columns of the same names: before, "title: str (not null)" beside
 * `title: str = Field(max_length=200)` took any length. The written table's own rules come first
 * (where both state one, the written one wins).
 */
function rulesFromModel(target: TableDraft | undefined, model: TableDraft): void {
  if (!target) return;
  // A section whose table a code block writes (CREATE TABLE): the rules join that table's
  // columns by name, as the rule items of its section do.
  if (target.columns.length === 0) {
    for (const mc of model.columns) {
      const add = mc.constraints.filter((p) => VALUE_RULE_PHRASE.test(p.text.trim()));
      if (add.length) (target.ruleColumns ??= []).push({ name: mc.name, type: { text: "", span: mc.name.span }, constraints: add });
    }
    return;
  }
  for (const mc of model.columns) {
    let i = target.columns.findIndex((c) => c.name.text === mc.name.text);
    if (i < 0) i = target.columns.findIndex((c) => nameKey(c.name.text) === nameKey(mc.name.text));
    const tc = target.columns[i];
    if (!tc) continue;
    const add = mc.constraints.filter((p) => VALUE_RULE_PHRASE.test(p.text.trim()) && !tc.constraints.some((q) => q.text.trim() === p.text.trim()));
    if (add.length) target.columns[i] = { ...tc, constraints: [...tc.constraints, ...add] };
  }
}

const KEY_PHRASE = /^(?:primary\s+key|pk)\b/i;
const REFERENCE_PHRASE = /^(?:references\b|foreign\s+key\b|fk\b)/i;

/**
 * A table written in Markdown that a diagram also draws may leave out what the diagram gives: its
 * key and its foreign keys ("### tasks" listing title and status under an erDiagram with
 * `uuid id PK`, `uuid user_id FK`). The table keeps every column it writes; a column only the
 * diagram has is added when it is a key or a foreign key, and a column both have takes the
 * diagram's reference when the table gives it none. Before, the diagram's entity was dropped
 * whole: the table lost its owner column and was shared by every user.
 */
function keysFromDiagram(md: MarkdownReader, diagram: TableDraft, target: TableDraft): void {
  const existing = target.name.text;
  const has = (c: RawColumn, re: RegExp) => c.constraints.some((k) => re.test(k.text.trim()));
  const targetHasKey = target.columns.some((c) => has(c, KEY_PHRASE));
  const columns = target.columns;
  const added: string[] = [];
  const keyed: string[] = [];
  for (const c of diagram.columns) {
    const i = columns.findIndex((x) => nameKey(x.name.text) === nameKey(c.name.text));
    const key = has(c, KEY_PHRASE);
    const reference = c.constraints.find((k) => REFERENCE_PHRASE.test(k.text.trim()) && !/^foreign\s+key\s*$/i.test(k.text.trim()));
    if (i < 0) {
      if ((key && !targetHasKey) || (!key && reference)) {
        columns.push(c);
        added.push(c.name.text);
      }
      continue;
    }
    let own = columns[i]!;
    // "uuid user_id PK,FK" in the diagram, a table that names no key: the diagram's key is the table's.
    const keyPhrase = key && !targetHasKey ? c.constraints.find((k) => KEY_PHRASE.test(k.text.trim())) : undefined;
    if (keyPhrase) {
      own = columns[i] = { ...own, constraints: [...own.constraints, keyPhrase] };
      keyed.push(own.name.text);
    }
    if (reference && !has(own, REFERENCE_PHRASE)) {
      columns[i] = { ...own, constraints: [...own.constraints, reference] };
      md.notes.push({ span: reference.span, message: `the diagram gives "${existing}.${own.name.text}" its reference: ${reference.text}` });
    }
  }
  if (added.length) md.notes.push({ span: diagram.name.span, message: `the diagram's entity adds to "${existing}" what its section leaves out: ${added.join(", ")}` });
  if (keyed.length) md.notes.push({ span: diagram.name.span, message: `the diagram gives "${existing}" the key its section leaves out: (${keyed.join(", ")})` });
}

/**
 * A diagram restating a table may list the values the table only calls "ENUM"
 * (`VARCHAR status ENUM("IN", "OUT")` beside `| status | VARCHAR | ENUM |`): the table's
 * column takes them, unless it lists values of its own.
 */
function valuesFromDiagram(md: MarkdownReader, diagram: TableDraft, target: TableDraft): void {
  const existing = target.name.text;
  for (const c of diagram.columns) {
    const m = /^enum\s*\((.*)\)\s*$/is.exec(c.type.text);
    if (!m) continue;
    const at = target.columns.findIndex((x) => x.name.text === c.name.text);
    const col = target.columns[at];
    if (!col || col.values?.length || /^enum\s*\(/i.test(col.type.text)) continue;
    const values = m[1]!.split(",").map((v) => v.trim().replace(/^'(.*)'$/s, "$1").replace(/''/g, "'")).filter(Boolean);
    if (values.length < 2) continue;
    target.columns[at] = { ...col, values: values.map((v) => ({ text: v, span: c.type.span })) };
    md.notes.push({ span: c.type.span, message: `the diagram lists the values of "${existing}.${col.name.text}": ${values.join(", ")}` });
  }
}

/** The keys of an example JSON object (`{ "baseSalary": 80000, "bonus": 6000 }`); none when it is not JSON. */
function exampleKeys(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ""));
    return v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).filter((k) => /^[A-Za-z_]\w*$/.test(k)) : [];
  } catch {
    return [];
  }
}
