// Markdown spec -> RawSpec. A real parser (mdast + GFM) gives the blocks and their
// positions; each block is then read on its own (a table row, a list item, a SQL
// statement), so every text we keep carries the exact line:column it was written at.
// The reading itself lives in ./markdown/ (one module per kind of block or idea); this
// module loads what a document needs and starts the reader.
import { markdownTree } from "./markdown-tree.js";
import { blockLanguage, type Language, loadReaders } from "./readers.js";
import type { RootContent } from "mdast";
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
  const root = markdownTree(treesAsLists(src));
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
