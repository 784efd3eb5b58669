// Reading a whole document: each top-level block in turn, then the blocks read together
// (Drizzle, Prisma, Python, diagrams), catalog rows, likes, loose rules and shared tables
// resolved, and the drafts turned into a ParseResult.
import { noteNearName } from "./unnamed.js";
import type { Language } from "../readers.js";
import type { Code, Root, RootContent } from "mdast";
import type { Span } from "../../base/span.js";
import { nameKey, words } from "../../base/naming.js";
import type { RawEndpoint, RawTable } from "../raw.js";
import { code, hand, handRestating } from "./code-blocks.js";
import type { EndpointDraft, ParseResult } from "./drafts.js";
import { basePrefix, sectionPrefixes, underBase, underMount } from "./endpoints.js";
import { list } from "./lists.js";
import { columnLines, inlineTable, paragraph, plainColumns, plainNameOf } from "./paragraphs.js";
import { applyBaseColumns, baseColumnsLine, entityLines } from "./entity-lines.js";
import { columnFlat } from "./columns.js";
import { flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { resolveLooseRules } from "./rules.js";
import { heading, openSection } from "./sections.js";
import { resolveLikes, resolveShared } from "./table-references.js";
import { table } from "./tables.js";

export function read(md: MarkdownReader, root: Root): ParseResult {
  // A level-1 heading above other headings titles the document ("# Spec", "# Task App"): never a table.
  md.titled = root.children.some((n) => n.type === "heading" && n.depth > 1);
  for (const node of root.children) {
    if (node.type === "table" || node.type === "list" || node.type === "code") {
      md.firstCandidate = md.idx.span(md.startOf(node));
      break;
    }
  }
  for (const node of root.children) block(md, node);
  // Interfaces under an API/DTO section: request and response shapes when the document writes its
  // tables elsewhere (said, at each block); its tables when it writes none other (read as before).
  if (md.shapeBlocks.length > 0) {
    const others = md.tables.some((t) => t.columns.length > 0 && !t.fragment && !t.valueObject) || Object.keys(md.together).length > 0;
    if (others) for (const b of md.shapeBlocks) md.notes.push({ span: md.idx.span(md.startOf(b.node)), message: `the TypeScript block under "${b.section}" declares request or response shapes, not tables: the document's tables are written elsewhere` });
    else (md.together.interfaces ??= []).unshift(...md.shapeBlocks.map((b) => b.node));
  }
  // Diagrams last: a table written out in full (a Markdown table, a model) wins over a diagram's entity.
  const together = (Object.entries(md.together) as [Language, Code[]][]).sort(([a], [b]) => Number(a === "mermaid") - Number(b === "mermaid"));
  for (const [language, nodes] of together) {
    if (language === "python" || language === "mermaid") handRestating(md, nodes, language);
    else hand(md, nodes, md.readers[language]!, language);
  }
  // A catalog's row names a table with its fields; a table written out elsewhere wins.
  for (const t of md.catalog) {
    const existing = md.tables.find((x) => x.columns.length > 0 && nameKey(x.name.text) === nameKey(t.name.text));
    if (existing) md.notes.push({ span: t.name.span, message: `catalog row for "${t.name.text}" restates table "${existing.name.text}"; the table written out is used` });
    else md.tables.push(t);
  }
  applyBaseColumns(md, md.tables);
  resolveLikes(md);
  resolveLooseRules(md);
  resolveShared(md);
  for (const t of md.tables) if (t.columns.length > 0 && t.nameNote) md.notes.push(t.nameNote);
  for (const t of md.tables) {
    if (t.explicit && t.columns.length === 0 && !t.fragment && !t.ruleColumns?.length && t.indexes.length === 0 && !codeDefines(md, t.name.text)) {
      md.warn("SF127", `section "${t.name.text}" reads as a table, but no column was read under it; it is not generated`, t.name.span,
        'list its columns ("- name: type (constraints)", a Markdown table or a code block), or say "Same as `other_table`, with `a` instead of `b`"');
    }
  }
  const tables: RawTable[] = md.tables
    .filter((t) => t.columns.length > 0 || t.fragment)
    .map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      columns: t.columns,
      indexes: t.indexes,
      ...(t.owner ? { owner: t.owner } : {}),
      ...(t.identity ? { identity: true } : {}),
      ...(t.renamedFrom ? { renamedFrom: t.renamedFrom } : {}),
      ...(t.checks?.length ? { checks: t.checks } : {}),
      ...(t.foreignKeys?.length ? { foreignKeys: t.foreignKeys } : {}),
      ...(t.notation ? { notation: t.notation } : {}),
      ...(t.fragment ? { fragment: true } : {}),
      ...(t.shared ? { shared: t.shared } : {}),
      ...(t.authManaged ? { authManaged: true } : {}),
    }));
  // A section that only states rules for a table a code block defines: a fragment of it.
  for (const t of md.tables) {
    if (t.columns.length === 0 && t.ruleColumns?.length) tables.push({ name: t.name, columns: t.ruleColumns, indexes: [], fragment: true, notation: "markdown-bullets" });
  }
  // Indexes written inside a section that never became a table belong to nobody yet.
  for (const t of md.tables) {
    if (t.columns.length === 0 && t.indexes.length > 0) {
      for (const i of t.indexes) md.specIndexes.push({ ...i, table: i.table ?? t.name.text });
    }
  }
  // An API spec whose endpoints are only named in its prose ("System MUST support GET
  // `/api/{user_id}/tasks` to fetch all tasks", "1. **POST /api/tasks** - Purpose: create"): each
  // method and path it names is an endpoint, described by the words after it (noted).
  if (md.kind === "api" && md.endpoints.length === 0) proseEndpoints(md);
  // An API spec with no endpoint read: SF200 points at the first text that looks like one.
  let endpointLike: Span | undefined;
  if (md.kind === "api" && md.endpoints.length === 0) {
    const m = /(?:^|[\s`*|>(])((?:GET|POST|PUT|PATCH|DELETE)\s+\S)/m.exec(md.src);
    if (m) endpointLike = md.idx.span(m.index + m[0].length - m[1]!.length);
  }
  const sections = sectionPrefixes(md);
  const base = basePrefix(md, sections.scoped);
  const endpoints: RawEndpoint[] = md.endpoints.map(withPathQuery).map((e, i) => {
    const own = sections.of(i);
    const path = own ? underMount(md, e.path, own.path, `the prefix its section states at line ${own.span.line}`) : e.path;
    return { ...e, path };
  }).map((e) => ({
    method: e.method,
    path: base ? underBase(md, e.path, base) : e.path,
    ...(e.summary ? { summary: e.summary } : {}),
    ...(e.auth ? { auth: e.auth } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.query ? { query: e.query } : {}),
    ...(e.envelope ? { envelope: e.envelope } : {}),
    ...(e.body?.length ? { body: e.body } : {}),
    ...(e.exampleFields?.length ? { exampleFields: e.exampleFields } : {}),
    ...(e.order?.length ? { order: e.order } : {}),
  }));
  const valueObjects: RawTable[] = md.valueObjects
    .filter((t) => t.columns.length > 0)
    .map((t) => ({ name: t.name, columns: t.columns, indexes: [], ...(t.description ? { description: t.description } : {}) }));
  return {
    raw: {
      tables,
      ...(md.enums.length ? { enums: md.enums } : {}),
      ...(valueObjects.length ? { valueObjects } : {}),
      indexes: md.specIndexes,
      endpoints,
      ...(md.authMode ? { authMode: md.authMode } : {}),
      ...(md.rowLevelSecurity !== undefined ? { rowLevelSecurity: md.rowLevelSecurity } : {}),
    },
    diagnostics: md.diagnostics,
    notes: md.notes,
    ...(md.firstCandidate ? { firstCandidate: md.firstCandidate } : {}),
    ...(endpointLike ? { endpointLike } : {}),
  };
}

function block(md: MarkdownReader, node: RootContent): void {
  // A table's name on a line of its own ("users", "`tasks`:") names the table whose columns the list right after it gives.
  const plain = md.plainName;
  md.plainName = null;
  switch (node.type) {
    case "heading":
      heading(md, node);
      md.lastLabel = null;
      md.nearName = null;
      return;
    case "paragraph":
      if (md.kind === "schema" && baseColumnsLine(md, flatTrim(md.flat(node.children, md.startOf(node))), (p) => {
        const c = columnFlat(md, p, true, false);
        return c && c.columns.length === 1 ? c.columns[0]! : null;
      })) return;
      if (md.kind === "schema") md.plainName = plainNameOf(md, node);
      if (md.kind === "schema") noteNearName(md, node);
      if (md.kind === "schema" && (inlineTable(md, node) || columnLines(md, node, plain))) {
        md.plainName = null;
        return;
      }
      paragraph(md, node);
      return;
    case "list":
      if (md.kind === "schema" && entityLines(md, node)) {
        md.lastLabel = null;
        return;
      }
      if (plain && md.kind === "schema") {
        const shape = plainColumns(md, node);
        if (shape) {
          openSection(md, (md.lastRealDepth() ?? 0) + 1, plain, true, true);
          // Bare names in it are columns too ("- created_at"), as under a "Fields:" label.
          md.lastLabel = "fields";
        }
      }
      list(md, node);
      md.lastLabel = null;
      return;
    case "table":
      table(md, node);
      md.lastLabel = null;
      return;
    case "code":
      code(md, node);
      return;
    case "blockquote":
      for (const c of node.children) block(md, c);
      return;
    default:
      return;
  }
}

/** Whether another section or block of this document gives table `name` its columns. */
function codeDefines(md: MarkdownReader, name: string): boolean {
  const k = (n: string) => nameKey(words(n).join("_"));
  return md.tables.some((x) => x.columns.length > 0 && k(x.name.text) === k(name));
}

/**
 * A path written with its query string (a table cell `/api/costs?from=&to=`): the path without
 * it, and each parameter it names (positioned in the same line) added to the endpoint's query.
 */
function withPathQuery(e: EndpointDraft): EndpointDraft {
  const q = e.path.text.indexOf("?");
  if (q < 0) return e;
  const query = [...(e.query ?? [])];
  let off = q + 1;
  for (const pair of e.path.text.slice(q + 1).split("&")) {
    const n = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[\])?(?:=([^&]*))?$/.exec(pair);
    if (n && !query.some((x) => x.name.text === n[1])) {
      query.push({ name: { text: n[1]!, span: { ...e.path.span, column: e.path.span.column + off } }, values: n[2] && n[2].includes("|") ? n[2].split("|").filter(Boolean) : [], text: pair });
    }
    off += pair.length + 1;
  }
  return { ...e, path: { text: e.path.text.slice(0, q), span: e.path.span }, ...(query.length ? { query } : {}) };
}

/** Endpoints named in prose only: a method, then a path that starts with "/" (in backticks or bold, or bare). */
function proseEndpoints(md: MarkdownReader): void {
  const seen = new Set<string>();
  const re = /(?<![\w/])(GET|POST|PUT|PATCH|DELETE)\s+[`*]{0,2}(\/[A-Za-z0-9_{}:\-./]*)[`*]{0,2}([^\n]*?)(?=(?:GET|POST|PUT|PATCH|DELETE)\s+[`*]{0,2}\/|\n|$)/g;
  for (const m of md.src.matchAll(re)) {
    const [, method, rawPath, after] = m;
    const path = rawPath!.replace(/[.,;:)]+$/, "");
    if (path.length < 2) continue;
    const key = `${method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = m.index!;
    const pathAt = at + m[0].indexOf(rawPath!, method!.length);
    // The words after it up to the end of the sentence: "to fetch all tasks", "- Purpose: Create a new task.".
    const summary = (after ?? "").replace(/^[`*\s]+/, "").replace(/^(?:[-–—:]\s*)?(?:purpose\s*:\s*)?/i, "").split(/(?<=[.!?])\s|\s\d+\.\s|\s-\s/)[0]!.replace(/[*`"\\]/g, "").trim().slice(0, 160);
    md.endpoints.push({ method: { text: method!, span: md.idx.span(at) }, path: { text: path, span: md.idx.span(pathAt) }, ...(summary ? { summary } : {}) });
    md.notes.push({ span: md.idx.span(at), message: `${key} is named in the text only (no endpoint heading, table or list): read as an endpoint` });
  }
}
