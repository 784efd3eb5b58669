// Small text helpers shared by the readers and the IR builder.

/** Index of the parenthesis closing the one at `open` (quotes respected), or -1. */
export function matchParen(text: string, open: number): number {
  let depth = 0;
  let quote = "";
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Offsets at which the lines of `text` start (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line holding `offset`, given the line starts (lineStarts). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Box-drawing trees written as lists ("User" over "├── id", "│   └── name", "└─ createdAt"),
 * as the same text with each branch turned into a Markdown list item of the same length: "│"
 * becomes a space and "├── " becomes "-   ", so every offset (and so every span) stays where it
 * was. Lines in fenced code blocks are kept: a fence's tree is read by its own reader
 * (treeBlock). Text without a branch character is returned as it is.
 */
export function treesAsLists(text: string): string {
  if (!/[├└]/.test(text)) return text;
  let fence: string | null = null;
  return text.replace(/^.*$/gm, (line) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length) fence = null;
      return line;
    }
    if (fence) return line;
    return treeLine(line) ?? line;
  });
}

/** A tree branch line with its drawing as a list marker of the same length, or null (not a branch). */
function treeLine(line: string): string | null {
  const m = /^([ \t]*(?:│[ \t]*)*)([├└])(─{1,3}|-{1,3})([ \t]+)(?=[`*_A-Za-z\p{L}])/u.exec(line);
  if (!m) return null;
  const lead = m[1]!.replace(/│/g, " ");
  return lead + "-" + " ".repeat(m[3]!.length + m[4]!.length) + line.slice(m[0].length);
}

/** A fenced block's text with tree drawing ("├── ", "│   ", "└── ") turned into spaces of the same length. */
export function treeAsIndent(text: string): string {
  return text.replace(/^([ \t]*(?:│[ \t]*)*)([├└])(─{1,3}|-{1,3})(?=[ \t])/gm, (all) => " ".repeat(all.length)).replace(/^[ \t]*(?:│[ \t]*)+$/gm, (all) => " ".repeat(all.length));
}

/**
 * SQL written as a table's outline rather than a statement, as schema docs of SQL Server and
 * other databases often do: "Users (" ... ")" with no CREATE TABLE, then "Indexes:" over lines
 * "IX_Users_Email ON Users (Email)". Returns the statements they stand for ("CREATE TABLE Users
 * (...);", "CREATE INDEX IX_Users_Email ON Users (Email);") with, for each character, the offset
 * in `text` it comes from (an inserted keyword maps to the name it precedes), or null when the
 * block holds no such outline (or already says CREATE).
 */
export function outlinedSql(text: string): { text: string; from: number[] } | null {
  if (/\bcreate\s+(?:table|index|unique)\b/i.test(text)) return null;
  const heads = [...text.matchAll(/^[ \t]{0,3}((?:[A-Za-z_][\w]*\.)?(?:[A-Za-z_][\w]*|"[^"\n]+"|\[[^\]\n]+\]))[ \t]*\([ \t]*$/gm)];
  if (heads.length === 0) return null;
  let out = "";
  const from: number[] = [];
  const put = (s: string, at: number) => {
    out += s;
    for (let i = 0; i < s.length; i++) from.push(at);
  };
  const copy = (a: number, b: number) => {
    out += text.slice(a, b);
    for (let i = a; i < b; i++) from.push(i);
  };
  let at = 0;
  for (const h of heads) {
    const start = h.index! + h[0].indexOf(h[1]!);
    if (start < at) continue;
    const open = text.indexOf("(", start + h[1]!.length);
    const close = matchParen(text, open);
    if (close < 0) continue;
    indexLines(text, at, start, copy, put);
    put("CREATE TABLE ", start);
    // SQL Server's functions in CHECKs, as PostgreSQL names them: LEN(x) counts characters.
    let from = start;
    for (const f of text.slice(start, close + 1).matchAll(/\b(LEN|DATALENGTH|ISNULL)(\s*\()/gi)) {
      const fAt = start + f.index!;
      copy(from, fAt);
      put(({ len: "char_length", datalength: "octet_length", isnull: "coalesce" } as Record<string, string>)[f[1]!.toLowerCase()]! + f[2]!, fAt);
      from = fAt + f[0].length;
    }
    copy(from, close + 1);
    put(";", close);
    at = close + 1;
  }
  indexLines(text, at, text.length, copy, put);
  from.push(text.length);
  return { text: out, from };
}

/** Copies text[a, b), writing "Indexes:" labels as blanks and "IX_a ON t (c)" lines as CREATE INDEX statements. */
function indexLines(text: string, a: number, b: number, copy: (a: number, b: number) => void, put: (s: string, at: number) => void): void {
  let at = a;
  for (const m of text.slice(a, b).matchAll(/^([ \t]*)(?:(indexes|indices|constraints)\s*:[ \t]*$|(unique\s+)?([A-Za-z_][\w]*)[ \t]+ON[ \t]+([^\n]*\))([^\n]*)$)/gim)) {
    const lineAt = a + m.index!;
    copy(at, lineAt);
    if (m[2]) {
      put(" ".repeat(m[0].length), lineAt);
    } else {
      const nameAt = lineAt + m[1]!.length + (m[3]?.length ?? 0);
      copy(lineAt, lineAt + m[1]!.length);
      put(m[3] || /^(?:uq|ux|uk)_/i.test(m[4]!) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ", nameAt);
      // A trailing "-- covered by UQ" comment stays a comment after the statement ends.
      const comment = m[6]!.indexOf("--");
      const body = comment >= 0 ? m[0].length - (m[6]!.length - comment) : m[0].length;
      copy(nameAt, lineAt + body);
      put(";", lineAt + body);
      copy(lineAt + body, lineAt + m[0].length);
    }
    at = lineAt + m[0].length;
  }
  copy(at, b);
}

/**
 * Table constraints quoted one a line with no commas between them (a FOREIGN KEY line, then a
 * CHECK line, each under its own comment), as the comma-separated list they stand for: a ","
 * inserted before each clause after the first (mapped to the clause it precedes). Null when the
 * text holds fewer than two such clauses, or already separates them.
 */
export function clauseList(text: string): { text: string; from: number[] } | null {
  // Only a list of clauses: no statement of its own (ALTER TABLE ... ADD CONSTRAINT x CHECK ...).
  if (/^[ \t]*(?:alter|create|insert|update|select|drop|with)\b/im.test(text.replace(/--[^\n]*/g, ""))) return null;
  const starts = [...text.matchAll(/^[ \t]*(?:constraint\s+\w+\s+)?(?:foreign\s+key|check\s*\(|unique\s*\(|primary\s+key\s*\()/gim)].map((m) => m.index! + m[0].length - m[0].trimStart().length);
  if (starts.length < 2) return null;
  let out = "";
  const from: number[] = [];
  let at = 0;
  for (const [k, s] of starts.entries()) {
    if (k === 0) continue;
    // What comes before this clause, comments and blanks aside, must not end with a comma already.
    let end = -1;
    for (let e = s; e > at && end < 0; ) {
      const lineStart = text.lastIndexOf("\n", e - 1) + 1;
      const line = text.slice(lineStart, e);
      const code = line.replace(/--.*$/, "").trimEnd();
      if (code) end = lineStart + code.length;
      e = lineStart - 1;
    }
    if (end < 0) return null;
    if (text[end - 1] === "," || text[end - 1] === ";") return null;
    for (let i = at; i < end; i++) from.push(i);
    out += text.slice(at, end) + ",";
    from.push(end - 1);
    at = end;
  }
  out += text.slice(at);
  for (let i = at; i < text.length; i++) from.push(i);
  from.push(text.length);
  return { text: out, from };
}
