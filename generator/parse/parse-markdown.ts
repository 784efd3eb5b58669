// Markdown spec -> RawSpec. A real parser (mdast + GFM) gives the blocks and their
// positions; each block is then read on its own (a table row, a list item, a SQL
// statement), so every text we keep carries the exact line:column it was written at.
// The reading itself lives in ./markdown/ (one module per kind of block or idea); this
// module loads what a document needs and starts the reader.
import { markdownTree } from "./markdown-tree.js";
import { blockLanguage, type Language, loadReaders } from "./readers.js";
import type { Code, Root, RootContent } from "mdast";
import { treesAsLists } from "./text.js";
import { isFencedOpenApi } from "./markdown/code-blocks.js";
import type { ParseResult, SpecKind } from "./markdown/drafts.js";
import { MarkdownReader } from "./markdown/reader.js";
import { read } from "./markdown/document.js";

export type { ParseResult, SpecKind } from "./markdown/drafts.js";

export interface MarkdownOptions {
  /** Whether a text reads as a rule for a column ("must be unique", "> 0"): the caller knows the rules. */
  readonly isRulePhrase: (text: string) => boolean;
}

export async function parseMarkdown(src: string, file: string, kind: SpecKind, options: MarkdownOptions): Promise<ParseResult> {
  // Trees drawn with box characters ("User" over "├── id") are read as the nested lists they draw.
  return readTree(markdownTree(treesAsLists(src)), src, file, kind, options);
}

/**
 * A schema kept as a file of a formal language (schema.sql, schema.prisma, db/schema.ts): the
 * whole file is one block of that language (`lang`, as a fence's info string names it), read
 * exactly as the same text fenced in a Markdown spec is, its positions those of the file.
 */
export async function parseCodeFile(src: string, file: string, kind: SpecKind, lang: string, options: MarkdownOptions): Promise<ParseResult> {
  const value = src.replace(/\r?\n$/, "");
  const lines = value.split("\n");
  const end = { line: lines.length, column: lines[lines.length - 1]!.length + 1, offset: value.length };
  const code: Code = { type: "code", lang, meta: null, value, position: { start: { line: 1, column: 1, offset: 0 }, end } };
  const root: Root = { type: "root", children: [code], position: { start: { line: 1, column: 1, offset: 0 }, end } };
  return readTree(root, src, file, kind, options);
}

async function readTree(root: Root, src: string, file: string, kind: SpecKind, options: MarkdownOptions): Promise<ParseResult> {
  // The formal languages the document holds decide which readers (and parsers) load.
  const langs = new Set<Language>();
  const sql: { text: string; lang: string }[] = [];
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === "code") {
        const l = blockLanguage(node.lang ?? "", node.value);
        if (l) langs.add(l);
        if (l === "sql") sql.push({ text: node.value, lang: (node.lang ?? "").toLowerCase() });
      } else if (node.type === "blockquote") visit(node.children);
    }
  };
  visit(root.children);
  // An API spec hands over only rules for tables (zod schemas, Pydantic bodies); its SQL and Prisma are examples.
  if (kind === "api") for (const l of [...langs]) if (l !== "drizzle" && l !== "python") langs.delete(l);
  const readers = langs.size ? await loadReaders(langs, sql) : {};
  // An OpenAPI document fenced inside the API spec's Markdown ("# Contract" then ```yaml openapi: 3.x).
  const openapi = kind === "api" && root.children.some((n) => n.type === "code" && isFencedOpenApi(n)) ? (await import("./read-openapi.js")).readOpenApi : undefined;
  return read(new MarkdownReader(src, file, kind, readers, options.isRulePhrase, openapi), root);
}
