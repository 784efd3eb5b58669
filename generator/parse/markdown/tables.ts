// GFM tables: a table's columns, or its indexes, rules, enums, endpoints, query or body
// fields, or a catalog of tables, by what the header says.
import { snakeCase } from "../../base/naming.js";
import { classifyTable } from "../table-roles.js";
import { constraintLikeness, headerRule, isEmptyMarker, labelledIdent, readYesNo, splitTypeCell, startsWithConstraint } from "../table-cells.js";
import { ruleCell } from "./rule-columns.js";
import { tableNamedNearby } from "./unnamed.js";
import type { ColumnRoles, EndpointRoles } from "../table-shapes.js";
import type { Table } from "mdast";
import type { RawText } from "../raw.js";
import { listedValues } from "../value-lists.js";
import { bodyTable, modelFields, queryTable } from "./bodies.js";
import { constraintPieces } from "./columns.js";
import type { EndpointDraft, TableDraft } from "./drafts.js";
import { underSectionBase } from "./endpoints.js";
import { flatSplit, flatSub, flatTrim } from "./flat.js";
import { indexTable, keyOf } from "./indexes.js";
import type { MarkdownReader } from "./reader.js";
import { rulesTable } from "./rules.js";
import { catalogTable, nextShared } from "./table-references.js";
import { BARE_DEFAULT, CONSTRAINT_NOT_DEFAULT, CONSTRAINT_WORD, DEFAULT_HEADER, isPublicText, looksLikeConstraints, METHOD_LIST, METHOD_RE, NOTE_KEY, NOTE_REFERENCE, short, splitEnumValues, TABLE_COLUMN_HEADER, TABLE_NAME_KEY, untypedNames, yesNo } from "./vocabulary.js";

/**
 * A GFM table, read by what its cells hold (table-roles.ts): a table's columns, endpoints,
 * query parameters, request-body fields, indexes or enum values, in any language and any
 * order of columns; anything else (a stack table, a glossary) is left alone.
 */
export function table(md: MarkdownReader, node: Table): void {
  const rows = node.children;
  const headerRow = rows[0];
  if (!headerRow) return;
  const headers = headerRow.children.map((c) => md.flat(c.children).text.trim());
  const body = rows.slice(1).map((r) => r.children.map((c) => md.flat(c.children).text.trim()));
  const heading = md.lastLabel ?? md.top()?.title;
  const shape = classifyTable(headers, body, { document: md.kind, ...(heading ? { heading } : {}) });
  const lower = headers.map((h) => h.toLowerCase().replace(/[`*_]/g, ""));
  // A rules table (Field | Validation Rule) has no column of types; one whose cells hold types
  // beside the names ("| title | VARCHAR(100) | Required |", whatever its header words) is a
  // table's columns, its rules column read as their rules.
  if (md.kind === "schema" && shape.kind !== "columns" && rulesTable(md, node, lower)) return;
  // "| Table name | `contacts` |" in a page about one entity: the table its "Fields" section is about.
  if (md.kind === "schema" && !md.currentTable()) {
    for (const row of rows.slice(1)) {
      const [k, v] = row.children;
      if (!k || !v || !TABLE_NAME_KEY.test(md.flat(k.children).text.replace(/[`*]/g, "").trim())) continue;
      const vf = flatTrim(md.flat(v.children, md.startOf(v)));
      const m = /^[`*]*([A-Za-z_]\w*)[`*]*$/.exec(vf.text);
      if (m) md.statedTable = { text: m[1]!, span: md.idx.span(vf.offs[vf.text.indexOf(m[1]!)] ?? vf.offs[0] ?? 0) };
    }
  }
  if (md.kind === "api") {
    const sec = md.currentEndpointSection();
    // The table under "Path Parameters:" names the path's placeholders: no query, no body.
    if (sec?.endpoint && md.pathParamsFor === sec.endpoint) {
      md.pathParamsFor = null;
      if (shape.kind === "query-params" || shape.kind === "body-fields") return;
    }
    if (sec?.endpoint && (shape.kind === "query-params" || (md.queryFor === sec.endpoint && shape.kind === "body-fields"))) {
      queryTable(md, sec.endpoint, node, shape.kind === "query-params" ? shape.roles : { name: shape.roles.name, constraints: [] });
      md.queryFor = null;
      return;
    }
    if (shape.kind === "body-fields" && sec?.endpoint) {
      bodyTable(md, sec.endpoint, node, shape.roles);
      return;
    }
    const model = md.currentModel();
    if (model && (shape.kind === "body-fields" || shape.kind === "query-params" || shape.kind === "columns")) {
      const holder: EndpointDraft = { method: model.name, path: model.name };
      bodyTable(md, holder, node, shape.kind === "columns" ? { name: shape.roles.name, type: shape.roles.type, constraints: [...shape.roles.constraints, ...shape.roles.notes], ...(shape.roles.required !== undefined ? { required: shape.roles.required } : {}) } : shape.roles);
      modelFields(md, model, holder.body ?? []);
      return;
    }
    if (shape.kind === "endpoints") endpointTable(md, node, shape.roles, lower);
    return;
  }
  // "| Index | Purpose |" under a table's section, its cells column groups ("`(tag_id, event_id)`",
  // "PRIMARY KEY `(event_id, tag_id)`"): that table's indexes and keys, with no "Indexes" label.
  const groupCol = md.kind === "schema" && shape.kind === "other" && md.currentTable() ? columnGroupColumn(lower, body) : -1;
  if (groupCol >= 0) {
    indexTable(md, node, lower, groupCol, -1);
    return;
  }
  if (shape.kind === "indexes" || (md.inIndexesSection() && shape.kind !== "columns")) {
    const r = shape.kind === "indexes" ? shape.roles : null;
    const colsCol = r ? r.columns : lower.findIndex((h) => /^(columns|column\(s\)|column s|fields|indexed columns)$/.test(h));
    if (colsCol >= 0) indexTable(md, node, lower, colsCol, r?.name ?? lower.findIndex((h) => /^(index|index name|name)$/.test(h)), r?.table, r?.unique);
    return;
  }
  // "| Entity | Key fields | Purpose |" with "| `devices` | `id`, `tenant_id`, `label` | ... |": a
  // catalog of tables, one a row, their fields named without types.
  if (shape.kind !== "columns" && md.kind === "schema" && catalogTable(md, node, body)) return;
  if (md.kind === "schema" && (shape.kind === "other" || shape.kind === "enum-values") && enumCatalogue(md, node, lower)) return;
  const fieldsHere = md.kind === "schema" && (shape.kind === "other" || shape.kind === "enum-values") && md.currentTable()?.columns.length === 0 && untypedNames(body.map((r) => r[0] ?? ""));
  if (shape.kind === "enum-values" && !fieldsHere) {
    enumTable(md, node, shape.roles.value);
    return;
  }
  // "| Table | Column | Type |" (a list of keys or columns across the schema, one a row): each row
  // is a column of the table its Table cell names, never a column of the section's own table.
  if (md.kind === "schema" && shape.kind === "columns" && perTableColumns(md, node, lower, shape.roles)) return;
  let table = md.currentTable();
  // A column table whose heading names no table ("## 任务", "### 4.1 新增表"): the name a code span
  // before it gives, or an error saying one is needed; a label line naming the next table after a
  // table named so ("**`b` — ...**") starts that table.
  if (md.kind === "schema" && shape.kind === "columns" && (!table || (table.nearby && table.columns.length > 0 && md.nearName))) table = tableNamedNearby(md, md.startOf(node), "table", shape.roles.name >= 0 ? body.map((r) => r[shape.roles.name] ?? "") : []) ?? undefined;
  if (!table) return;
  let roles: ColumnRoles;
  if (shape.kind === "columns") roles = shape.roles;
  // "| Column | Notes |" under a table's heading, the names alone in the first column: its
  // columns, their types inferred from their names (noted by the builder).
  else if (fieldsHere) roles = { name: 0, type: -1, constraints: [], notes: headers.map((_, i) => i).slice(1) };
  else return;
  table = nextShared(md, table);
  // A notes column of rule sentences ("Required. Must be unique.", "Optional. At most 200
  // characters.") beside a description column, or under a Rules/Validation header: each sentence
  // that reads as a rule is a constraint of its row; the others describe the column.
  const ruleCols = new Set(roles.notes.filter((ni) => {
    const said = RULES_HEADER.test(lower[ni] ?? "");
    if (!said && roles.notes.length < 2) return false;
    let filled = 0, ruled = 0;
    for (const row of rows.slice(1)) {
      const c = row.children[ni];
      const t = c ? md.flat(c.children).text.trim() : "";
      if (!t || isEmptyMarker(t)) continue;
      filled++;
      if (sentences(t).some((x) => md.isRulePhrase(x.text))) ruled++;
    }
    // Under a header that says rules, a few rows of rules among notes ("Set on insert") will do.
    return filled > 0 && ruled / filled >= (said ? 0.25 : 0.5);
  }));
  const ruleHeaders = headers.map((h) => headerRule(h));
  // A notes column of marks alone under a header naming no rule ("| PII | NO |", "| TTL | Yes |"):
  // a property of the row that is not a rule on its values, and no words of its description.
  const marksOnly = roles.notes.filter((ni) => !ruleHeaders[ni] && rows.slice(1).every((r) => {
    const t = r.children[ni] ? md.flat(r.children[ni]!.children).text.replace(/[`*]/g, "").trim() : "";
    return !t || isEmptyMarker(t) || readYesNo(t) === "yes" || readYesNo(t) === "no";
  }) && rows.slice(1).some((r) => r.children[ni] && readYesNo(md.flat(r.children[ni]!.children).text.replace(/[`*]/g, "").trim()) !== null));
  for (const row of rows.slice(1)) {
    const cell = (i: number | undefined) => {
      const c = i === undefined || i < 0 ? undefined : row.children[i];
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    };
    let name = cell(roles.name);
    let type = cell(roles.type);
    if (!name || !name.text || isEmptyMarker(name.text)) continue;
    // "得意先ID(customer_id)", "Nome (full_name)": a label in the spec's language beside the column's name.
    const labelled = labelledIdent(name.text);
    if (labelled) name = flatSub(name, labelled.at, labelled.at + labelled.ident.length);
    // "| (binder_id, page_number) | UNIQUE |": a rule on several columns in a row of its own.
    const group = /^\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*\)$/.exec(name.text);
    if (group) {
      const said = row.children.slice(1).map((c) => md.flat(c.children).text).join(" ");
      const cols = group[1]!.split(/\s*,\s*/);
      const span = md.idx.span(name.offs[0] ?? 0);
      if (/\b(?:primary\s+key|pk)\b/i.test(said)) keyOf(md, table, cols, span);
      else if (/\bunique\b|唯一|一意|고유|único|unique/i.test(said)) table.indexes.push({ columns: cols, unique: true, span });
      else if (/\bindex(?:ed)?\b/i.test(said)) table.indexes.push({ columns: cols, unique: false, span });
      else md.warn("SF113", `table row "${short(name.text)}" is not understood`, span, 'write "(a, b) | UNIQUE" for a rule on several columns');
      continue;
    }
    // "| Relations | belongs to users; has many tasks |", "| Indexes | (a, b) |": a note about the
    // table in a row of its own, not a column (its type cell holds no type).
    if (/^(?:relations?|relationships?|associations?|indexes|indices|constraints|foreign\s+keys|notes?)$/i.test(name.text) && !(type && type.text && splitTypeCell(type.text))) continue;
    // "createdAt / updatedAt", "lat, lng": one row for several columns alike.
    const several = /^[A-Za-z_]\w*(?:\s*[\/,]\s*[A-Za-z_]\w*)+$/.test(name.text) ? [...name.text.matchAll(/[A-Za-z_]\w*/g)].map((x) => flatSub(name, x.index, x.index + x[0].length)) : null;
    // "| ... | ... |": a row saying the list goes on elsewhere, not a column.
    if (/^(?:\.{2,}|…)$/.test(name.text.trim())) continue;
    if (!several && !/^[A-Za-z_][\w]*$/.test(name.text)) {
      md.warn("SF113", `table row "${short(name.text)}" is not understood as a column name`, md.idx.span(name.offs[0] ?? 0),
        "a column name is one word: letters, digits and underscores");
      continue;
    }
    const constraints: RawText[] = [];
    const proseNotes: string[] = [];
    // "uuid fk nullable", "SERIAL PRIMARY KEY": the type, then constraints in the same cell.
    if (type && type.text) {
      const split = splitTypeCell(type.text);
      if (split && split.constraints) {
        const end = type.text.indexOf(split.type) + split.type.length;
        const rest = flatTrim(flatSub(type, end));
        type = flatTrim(flatSub(type, 0, end));
        if (rest.text) constraints.push(...constraintPieces(md, rest));
      }
    }
    let values: RawText[] | undefined;
    for (const ci of roles.constraints) {
      const c = cell(ci);
      if (!c || !c.text || isEmptyMarker(c.text)) continue;
      const labelled = values ? null : labelledEnum(md, c);
      if (labelled) {
        values = labelled.values;
        constraints.push(...labelled.rules);
        proseNotes.push(...labelled.prose);
        continue;
      }
      // Under a Default header ("기본값", "默认值") read as constraints: a bare value is the default.
      const defaults = DEFAULT_HEADER.test(lower[ci] ?? "");
      // A cell with no constraint word in a column of mostly constraints ("| title | text | название |"
      // beside "PK", "FK → users") describes the column: it is its note, not an unknown rule.
      if (!defaults && constraintLikeness(c.text) === 0 && !startsWithConstraint(c.text) && !/^\s*[-–—]?\s*$/.test(c.text) && !c.text.split(/[,;，；、]/).some((x) => x.trim() && md.isRulePhrase(x.trim().replace(/[.。]$/, "")))) {
        proseNotes.push(c.text);
        continue;
      }
      for (const p of constraintPieces(md, c)) {
        // "`users.id`", "(User.id)", "belongs to Board" among the rules: the reference it names.
        const ref = /^[(\[]?\s*`?([A-Za-z_]\w*\.[A-Za-z_]\w*)`?\s*[)\]]?$/.exec(p.text) ?? /^belongs?\s+to\s+(?:(?:a|an|the|one)\s+)?`?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)`?$/i.exec(p.text);
        if (ref && !defaults) constraints.push({ text: `references ${ref[1]}`, span: p.span });
        else constraints.push(defaults && BARE_DEFAULT.test(p.text) ? { text: `default ${p.text}`, span: p.span } : p);
      }
    }
    const n = cell(roles.nullable);
    if (n && n.text) {
      const t = yesNo(n.text);
      if (t !== null) constraints.push({ text: t ? "nullable" : "not null", span: md.idx.span(n.offs[0] ?? 0) });
    }
    const r = cell(roles.required);
    if (r && r.text) {
      // "Optional", "Conditional" ("required for companies"): not required of every row.
      const t = /^(?:optional|opcional|facultatif|facoltativo|conditional|condicional|conditionnel|condizionale|可选|任意)\b/i.test(r.text.trim()) ? false : yesNo(r.text);
      if (t !== null) constraints.push({ text: t ? "not null" : "nullable", span: md.idx.span(r.offs[0] ?? 0) });
    }
    const d = cell(roles.default);
    if (d && d.text && !isEmptyMarker(d.text)) {
      // A Default cell holding a constraint ("NOT NULL", "PK, AUTOINCREMENT", "'todo', NOT NULL")
      // says that constraint, not a default "NOT"; a bare value among them is the default.
      const pieces = constraintPieces(md, d);
      if (pieces.some((p) => CONSTRAINT_NOT_DEFAULT.test(p.text))) {
        for (const p of pieces) constraints.push(CONSTRAINT_NOT_DEFAULT.test(p.text) || /^default\b/i.test(p.text) ? p : { text: `default ${p.text}`, span: p.span });
      } else constraints.push({ text: `default ${d.text}`, span: md.idx.span(d.offs[0] ?? 0) });
    }
    // A notes cell may hold a reference ("-> users.id", "organizations.id"), allowed values
    // ("active, suspended, trial") or rules; anything else describes the column.
    const notes: string[] = [];
    let size: string | undefined;
    for (const ni of roles.notes) {
      const c = cell(ni);
      if (!c || !c.text || isEmptyMarker(c.text)) continue;
      if (marksOnly.includes(ni)) continue;
      // "| Unique | Yes |", "| PK | ✓ |", "| FK | orders(id) |", "| Size | 80 |": the rule the header names.
      const rule = ruleHeaders[ni] ? ruleCell(md, ruleHeaders[ni]!, c) : null;
      if (rule) {
        constraints.push(...rule.constraints);
        size ??= rule.size;
        continue;
      }
      // A cell of the column with no rule sentence is read as any note is (a list of values, a reference).
      const said = ruleCols.has(ni) ? sentences(c.text) : [];
      if (said.some((x) => md.isRulePhrase(x.text))) {
        const prose: string[] = [];
        for (const x of said) {
          if (md.isRulePhrase(x.text)) constraints.push({ text: x.text, span: md.idx.span(c.offs[x.at] ?? c.offs[0] ?? 0) });
          else prose.push(x.written);
        }
        if (prose.length) notes.push(prose.join(" "));
        continue;
      }
      const ref = NOTE_REFERENCE.exec(c.text);
      const target = ref ? (ref[1] ?? ref[2])! : null;
      if (ref && target && !CONSTRAINT_WORD.test(target)) {
        const at = c.text.indexOf(target, ref.index);
        constraints.push({ text: `references ${target}`, span: md.idx.span(c.offs[at] ?? c.offs[0] ?? 0) });
        const restText = c.text.slice(0, ref.index) + c.text.slice(ref.index + ref[0].length);
        // "(PK) FK -> parcels.id": a key that is also a reference (a part of a composite key).
        const key = NOTE_KEY.exec(restText);
        if (key) constraints.push({ text: "primary key", span: md.idx.span(c.offs[c.text.indexOf(key[0].trim())] ?? c.offs[0] ?? 0) });
        if (restText.replace(/[\s,;.()]+/g, "")) notes.push(c.text);
        continue;
      }
      // "Enum: `'admin'`. Default: `'admin'`": the values after an Enum/Values label (one is enough
      // when the label says so); the cell's other sentences are rules or remarks.
      const labelled = values ? null : labelledEnum(md, c);
      if (labelled) {
        values = labelled.values;
        constraints.push(...labelled.rules);
        notes.push(...labelled.prose);
        continue;
      }
      // "Unique, lowercase, trim", "Único, en minúsculas": a rule word among the pieces makes them
      // remarks and rules (read from the description), never a list of the column's values.
      const ruled = c.text.split(/[,;，；、]/).some((x) => UNIQUE_REQUIRED_WORD.test(x.trim().replace(/[.。]$/, "")));
      const listed = ruled ? null : splitEnumValues(c.text.replace(/\s+or\s+/gi, ", "));
      if (listed && !/\b(e\.g|etc|for example|such as)\b/i.test(c.text) && listed.every((v) => /^[a-z][a-z0-9_]*$/.test(v.text) || /^[A-Z][A-Za-z0-9_]*$/.test(v.text))) {
        values = listed.map((v) => ({ text: v.text, span: md.idx.span(c.offs[v.at] ?? c.offs[0] ?? 0) }));
        continue;
      }
      // "admin/member", "one of: a, b", "Role (a, b or c)", "Sender: 'user', 'bot'": the values
      // the cell lists (a textual column takes them; the rest of the cell still describes it).
      const described = values || ruled ? null : listedValues(c.text);
      if (described) {
        values = described.map((v) => ({ text: v.text, span: md.idx.span(c.offs[v.at] ?? c.offs[0] ?? 0) }));
        const last = described[described.length - 1]!;
        if (described[0]!.at <= 1 && last.at + last.text.length >= c.text.replace(/[\s.。'"`]+$/, "").length) continue;
      }
      if (looksLikeConstraints(c.text)) constraints.push(...constraintPieces(md, c));
      else {
        // "主键", "主キー", "PK, generated by the app": the key said among the notes.
        const key = NOTE_KEY.exec(c.text);
        if (key) constraints.push({ text: "primary key", span: md.idx.span(c.offs[c.text.indexOf(key[0].trim())] ?? c.offs[0] ?? 0) });
        notes.push(c.text);
      }
    }
    notes.push(...proseNotes);
    table.notation ??= "markdown-table";
    // "| `startPage` / `endPage` | `Int` / `Int?` |": one type for each of the names, in order.
    const types = several && type && several.length > 1 ? flatSplit(type, "/").map(flatTrim) : null;
    const eachType = types && types.length === several!.length && types.every((x) => x.text) ? types : null;
    for (const [k, one] of (several ?? [name]).entries()) {
      const own = eachType ? eachType[k]! : type;
      const written = own && own.text && !isEmptyMarker(own.text) ? md.rawText(own) : null;
      table.columns.push({
        name: md.rawText(one),
        // A row with no type: the builder infers one from the name (and says so). A size in a
        // column of its own is the type's length ("nvarchar" and "80": nvarchar(80)).
        type: written ? (size && /^[A-Za-z][\w ]*$/.test(written.text) ? { ...written, text: `${written.text}(${size})` } : written) : { text: "", span: md.idx.span(one.offs[0] ?? 0) },
        constraints,
        ...(notes.length ? { description: notes.join(" ") } : {}),
        ...(values ? { values } : {}),
      });
    }
  }
}

/**
 * A catalogue of enums, one a row: "| Enum | Values |" over "| order_status | pending, paid |"
 * (or "`a` \\| `b`"). Each row's name is an enum the columns typed so use; read under an enums
 * heading or when a header says enum, and only when every row is a name and two or more values.
 */
/** A cell's "Enum: `'admin'`" (or "Values: a | b") sentence: its values, and the cell's other sentences as rules or remarks; null when there is none. */
function labelledEnum(md: MarkdownReader, c: { text: string; offs: readonly number[] }): { values: RawText[]; rules: RawText[]; prose: string[] } | null {
  const labelled = ENUM_LABEL.exec(c.text);
  if (!labelled) return null;
  const inner = labelled[2]!;
  const from = labelled.index + labelled[0].length - inner.length;
  const found = [...inner.matchAll(/`?['"]?([A-Za-z0-9][\w.-]*)['"]?`?/g)].filter((x) => !/^(?:or|o|ou|oder)$/i.test(x[1]!));
  if (found.length === 0 || inner.replace(/`?['"]?[A-Za-z0-9][\w.-]*['"]?`?|[\s,|/]/g, "") !== "") return null;
  const values = found.map((x) => {
    const at = from + x.index! + x[0].indexOf(x[1]!);
    return { text: x[1]!, span: md.idx.span(c.offs[at] ?? c.offs[0] ?? 0) };
  });
  const rules: RawText[] = [];
  const prose: string[] = [];
  const rest = (c.text.slice(0, labelled.index) + " " + c.text.slice(labelled.index + labelled[0].length)).trim().replace(/^[.;,\s]+/, "");
  for (const x of sentences(rest)) {
    if (md.isRulePhrase(x.text)) rules.push({ text: x.text, span: md.idx.span(c.offs[c.text.indexOf(x.text)] ?? c.offs[0] ?? 0) });
    else prose.push(x.written);
  }
  return { values, rules, prose };
}

/** "Unique", "Único", "Required", "Obligatorio", "Optional", "Facultatif": a word that is a rule in a list of remarks, never a value. */
const UNIQUE_REQUIRED_WORD = /^(?:unique|[uú]nic[oa]s?|eindeutig|einzigartig|univoc[oa]|required|mandatory|obligatori[oa]|obrigat[oó]ri[oa]|requerid[oa]|erforderlich|pflicht(?:feld)?|obligatoire|obbligatori[oa]|optional|opcional|facultati(?:f|ve|vo|va)|nullable|not\s+null|primary\s+key|indexed|唯一|必填|可选|一意|必須|任意)$/i;

/** "Enum: `'admin'`", "Valores: a | b", "Allowed values: x, y" in a notes cell, to the end of its sentence. Group 2: the values. */
const ENUM_LABEL = /(?:^|[.;]\s+)(enum(?:eration)?|enumeraci[oó]n|aufz[aä]hlung|[eé]num[eé]ration|(?:allowed\s+)?values?|valores(?:\s+permitidos)?|werte|valeurs)\s*[:：=]\s*((?:`?['"]?[A-Za-z0-9][\w.-]*['"]?`?(?:\s*(?:,|\||\/|\bor\b|\bo\b|\bou\b|\boder\b)\s*)?)+)(?=\s*(?:[.;]\s|[.;]?$))/i;

function enumCatalogue(md: MarkdownReader, node: Table, headers: readonly string[]): boolean {
  if (node.children.length < 2 || headers.length < 2) return false;
  if (!md.inValuesSection() && !/\b(?:enums?|enumerations?|types?)\b/.test(headers[0] ?? "")) return false;
  const found: { name: RawText; values: RawText[] }[] = [];
  for (const row of node.children.slice(1)) {
    const [k, v] = row.children;
    if (!k || !v) return false;
    const kf = flatTrim(md.flat(k.children, md.startOf(k)));
    const vf = flatTrim(md.flat(v.children, md.startOf(v)));
    const name = /^[`*]*([A-Za-z_]\w*)[`*]*$/.exec(kf.text);
    const listed = name ? splitEnumValues(vf.text) : null;
    if (!name || !listed || listed.length < 2) return false;
    const values = listed.map((x) => ({ at: x.at + (x.text.length - x.text.replace(/^[`'"]+/, "").length), text: x.text.replace(/^[`'"]+|[`'"]+$/g, "") }));
    if (!values.every((x) => /^[A-Za-z0-9][\w.-]*$/.test(x.text))) return false;
    const at = kf.text.indexOf(name[1]!);
    found.push({ name: md.rawText(flatSub(kf, at, at + name[1]!.length)), values: values.map((x) => md.rawText(flatSub(vf, x.at, x.at + x.text.length))) });
  }
  md.enums.push(...found);
  return true;
}

/** A table of values under a heading that names an enum ("### TaskStatus" | value | meaning |). */
function enumTable(md: MarkdownReader, node: Table, valueCol: number): void {
  const title = md.top()?.title.replace(/[`*]/g, "").trim() ?? "";
  const m = /^([A-Za-z_]\w*)/.exec(title);
  if (!m || !md.top()) return;
  const values: RawText[] = [];
  for (const row of node.children.slice(1)) {
    const c = row.children[valueCol];
    const f = c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    if (f && /^[A-Za-z0-9_.-]+$/.test(f.text)) values.push(md.rawText(f));
  }
  if (values.length >= 2) md.enums.push({ name: { text: m[1]!, span: md.top()!.span }, values });
}

function endpointTable(md: MarkdownReader, node: Table, roles: EndpointRoles, headers: readonly string[]): void {
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
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
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
      md.warn("SF208", `endpoint row "${short((m?.text ?? "") + " " + p.text)}" is not understood`, md.idx.span((m ?? p).offs[0] ?? 0),
        "each row needs an HTTP method (GET, POST, PUT, PATCH, DELETE) and a path starting with /");
      continue;
    }
    const path = /^\S+/.exec(p.text)![0];
    // "GET, POST", "GET/POST", "GET | POST": one endpoint per method.
    const several = new RegExp(`^${METHOD_LIST.source}$`, "i").test(m.text.trim()) ? [...m.text.matchAll(/[A-Za-z]+/g)] : null;
    const methods = several ? several.map((x) => ({ at: x.index!, text: x[0] })) : [{ at: 0, text: /^[A-Za-z]+/.exec(m.text)?.[0] ?? /^\S+/.exec(m.text)![0] }];
    for (const [i, one] of methods.entries()) {
    const draft: EndpointDraft = {
      method: md.rawText(flatSub(m, one.at, one.at + one.text.length)),
      path: underSectionBase(md, md.rawText(flatSub(p, 0, path.length))),
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
    md.endpoints.push(draft);
    made.push(draft);
    if (i > 0) md.notes.push({ span: md.idx.span(m.offs[0] ?? 0), message: `endpoint row "${short(m.text + " " + path)}" lists ${methods.length} methods: read as ${methods.map((x) => `${x.text.toUpperCase()} ${path}`).join(" and ")}` });
    }
  }
  // One endpoint in a table under its own heading ("### 2.1 注册" | POST | /api/v1/auth/register |):
  // the section is that endpoint's, so the parameter and body tables after it are its own.
  const top = md.top();
  if (made.length === 1 && top && top.kind === "other" && !top.endpoint) {
    top.kind = "endpoint";
    top.endpoint = made[0]!;
    if (!made[0]!.summary && top.title) made[0]!.summary = top.title;
  }
}

/** A header naming a column of rules. */
const RULES_HEADER = /^(?:rules?|validation(?:\s+rules?)?|validations?|business\s+rules?|constraints?\s*(?:\/|and|&)\s*rules?|规则|校验|验证规则|ルール|検証|regeln|validierung|reglas|validaci[oó]n|r[eè]gles|validation|regras|valida[cç][aã]o|правила|валидация)$/i;

/** The sentences of a cell, each without its final stop, with its offset: "Required. Max 5." -> Required, Max 5. */
function sentences(text: string): { text: string; written: string; at: number }[] {
  const out: { text: string; written: string; at: number }[] = [];
  // A stop ends a sentence only before a space or the end ("members.id", "v1.2" stay whole).
  const re = /(?:[^.;。；]|\.(?!\s|$))+(?:[.;。；]|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const written = raw.trim();
    const t = written.replace(/[.;。；]$/, "").trim();
    if (t) out.push({ text: t, written, at: m.index + lead });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}


/**
 * A column table with a column naming the table of each row ("| Table | Column | Type |" under
 * "Primary Keys"): each row restates a column of the table it names. The rows join the catalog,
 * one draft per table named, so a table written out elsewhere wins and one named only here is
 * still read. False when no column names tables.
 */
function perTableColumns(md: MarkdownReader, node: Table, lower: readonly string[], roles: ColumnRoles): boolean {
  const tableCol = lower.findIndex((h, i) => i !== roles.name && i !== roles.type && TABLE_COLUMN_HEADER.test(h.trim()));
  if (tableCol < 0) return false;
  const cells = node.children.slice(1).map((r) => (r.children[tableCol] ? md.flat(r.children[tableCol]!.children).text.replace(/[`*]/g, "").trim() : ""));
  if (!cells.some(Boolean) || !cells.every((c) => !c || /^[A-Za-z_][\w.]*$/.test(c))) return false;
  const drafts = new Map<string, TableDraft>();
  for (const row of node.children.slice(1)) {
    const cell = (i: number | undefined) => {
      const c = i === undefined || i < 0 ? undefined : row.children[i];
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    };
    const t = cell(tableCol);
    const n = cell(roles.name);
    if (!t?.text || !n?.text) continue;
    const tm = /[A-Za-z_]\w*$/.exec(t.text.replace(/[`*]+$/, ""));
    const nm = /[A-Za-z_]\w*/.exec(n.text);
    if (!tm || !nm) continue;
    const key = snakeCase(tm[0]);
    let d = drafts.get(key);
    if (!d) {
      const at = t.text.indexOf(tm[0]);
      d = { name: { ...md.rawText(flatSub(t, at, at + tm[0].length)), text: key }, columns: [], indexes: [], hasDefs: true, notation: "markdown-table" };
      drafts.set(key, d);
      md.catalog.push(d);
    }
    const name = md.rawText(flatSub(n, nm.index, nm.index + nm[0].length));
    const ty = cell(roles.type);
    d.columns.push({ name, type: ty ? md.rawText(ty) : { text: "", span: name.span }, constraints: [] });
  }
  return true;
}

/**
 * The column of a table headed Index (Key, Constraint) whose every cell is a group of column
 * names in brackets, perhaps after PRIMARY KEY or UNIQUE: -1 when there is none.
 */
function columnGroupColumn(lower: readonly string[], body: readonly string[][]): number {
  const col = lower.findIndex((h) => /^(?:index|indexes|indices|index columns|key|keys|constraint|constraints)$/.test(h.trim()));
  if (col < 0 || body.length === 0) return -1;
  const group = /^(?:(?:primary\s+key|unique(?:\s+(?:key|index))?|index)\s*)?`?\(\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*\)`?$/i;
  return body.every((r) => group.test((r[col] ?? "").replace(/`/g, "").trim())) ? col : -1;
}
