// What a Mermaid entity-relationship diagram looks like, for telling an erDiagram block from
// other Mermaid (a flowchart says nothing of tables) without loading the Mermaid reader; the
// reader (read-mermaid.ts) starts reading where this finds the keyword.

/**
 * Where a Mermaid entity-relationship diagram's text starts: the offset just after its
 * `erDiagram` keyword, which must be the first meaningful line (after blank lines, `%%`
 * comments and directives, and a `---` front-matter block); -1 when the text is no erDiagram.
 */
export function erDiagramAt(text: string): number {
  return mermaidKeywordAt(text, /^[ \t]*erDiagram(?![\w-])/i);
}

/** The same for a Mermaid class diagram (`classDiagram`, `classDiagram-v2`). */
export function classDiagramAt(text: string): number {
  return mermaidKeywordAt(text, /^[ \t]*classDiagram(?:-v2)?(?![\w-])/i);
}

/** Where the diagram whose first meaningful line matches `keyword` starts (just after the keyword); -1 when it is another. */
function mermaidKeywordAt(text: string, keyword: RegExp): number {
  let i = 0;
  let first = true;
  while (i <= text.length) {
    const eol = text.indexOf("\n", i);
    const end = eol < 0 ? text.length : eol;
    const line = text.slice(i, end);
    const t = line.trim();
    if (first && t === "---") {
      // Front matter (title, config) ends at the next `---` line.
      const close = /\n[ \t]*---[ \t]*\r?(?:\n|$)/g;
      close.lastIndex = end;
      const m = close.exec(text);
      if (!m) return -1;
      i = m.index + m[0].length;
      first = false;
      continue;
    }
    if (t === "" || t.startsWith("%%")) {
      if (eol < 0) return -1;
      i = eol + 1;
      continue;
    }
    const m = keyword.exec(line);
    return m ? i + m[0].length : -1;
  }
  return -1;
}
