// fastMarkdown, the hand-written parser for the common subset of Markdown, must give exactly
// parseWhole's tree (positions included) or null: on every Markdown file of the repository and
// the shared corpus, whole and cut into markdownTree's pieces, and on thousands of generated
// documents that mix what it handles with near misses of it.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownFiles } from "./helpers.js";
import { fastMarkdownOrThrow as fastMarkdown } from "../../generator/parse/markdown-fast.js";
import { markdownPieces, markdownTree, parseWhole } from "../../generator/parse/markdown-tree.js";
import { endpoints as benchEndpoints, schema as benchSchema } from "../../bench/generator.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** null, or the very tree parseWhole gives. */
function agrees(text: string): boolean {
  const fast = fastMarkdown(text);
  if (fast === null) return false;
  expect(fast, JSON.stringify(text)).toStrictEqual(parseWhole(text));
  return true;
}

/** The seed of the property-based tests (MD_FAST_SEED to hunt elsewhere). */
const SEED = Number(process.env.MD_FAST_SEED ?? 20261127);

const files = [join(ROOT, "specs"), join(ROOT, "tests", "golden"), join(ROOT, "docs"), join(ROOT, "..", "shared", "corpus")].flatMap((d) => markdownFiles(d));

describe("fastMarkdown on real specs", () => {
  const tally = { wholeFast: 0, wholeNull: 0, pieceFast: 0, pieceNull: 0, bytesFast: 0, bytesNull: 0 };
  for (const f of files) {
    it(`null or parseWhole's tree: ${relative(ROOT, f)}`, () => {
      const text = readFileSync(f, "utf8");
      if (agrees(text)) tally.wholeFast++;
      else tally.wholeNull++;
      for (const { text: piece } of markdownPieces(text)) {
        if (agrees(piece)) {
          tally.pieceFast++;
          tally.bytesFast += piece.length;
        } else {
          tally.pieceNull++;
          tally.bytesNull += piece.length;
        }
      }
    });
  }
  it("reports its coverage", () => {
    expect(files.length).toBeGreaterThan(20);
    const pct = (a: number, b: number) => `${((100 * a) / (a + b)).toFixed(0)} %`;
    console.log(
      `fastMarkdown on ${files.length} files: whole texts ${tally.wholeFast} fast / ${tally.wholeNull} null (${pct(tally.wholeFast, tally.wholeNull)}); ` +
        `markdownTree pieces ${tally.pieceFast} fast / ${tally.pieceNull} null (${pct(tally.pieceFast, tally.pieceNull)}), ` +
        `${tally.bytesFast} / ${tally.bytesNull} characters (${pct(tally.bytesFast, tally.bytesNull)})`,
    );
    expect(tally.pieceFast).toBeGreaterThan(0);
  });

  it("handles the benchmark's 100-table spec entirely", () => {
    const texts = [benchSchema(), benchEndpoints()];
    expect(texts[0]!.length + texts[1]!.length).toBeGreaterThan(80_000);
    for (const text of texts) {
      expect(agrees(text)).toBe(true);
      for (const { text: piece } of markdownPieces(text)) expect(agrees(piece)).toBe(true);
      expect(markdownTree(text)).toStrictEqual(parseWhole(text));
    }
  });
});

// ---- Real specs, mutated ----

/** Mutants per real piece (MD_FAST_MUTANTS to hunt longer). */
const MUTANTS = Number(process.env.MD_FAST_MUTANTS ?? 5);

describe("fastMarkdown on mutated real specs", () => {
  // Each piece of every real file, changed line by line the way edits change specs: a line
  // dropped, doubled, indented or dedented, two lines joined, a blank line put in or a
  // line's trailing spaces changed; then null or parseWhole's tree.
  const pieces = files.flatMap((f) => markdownPieces(readFileSync(f, "utf8")).map(({ text }) => text));
  const edit = fc.tuple(fc.nat(), fc.constantFrom("drop", "double", "indent", "dedent", "join", "blank", "trail", "untrail"), fc.constantFrom(1, 2, 4));
  it(`is null or parseWhole's tree on ${pieces.length} real pieces x ${MUTANTS} mutants`, { timeout: 120_000 }, () => {
    let handled = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.nat({ max: pieces.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (p, edits) => {
        const lines = pieces[p]!.split("\n");
        for (const [at, kind, n] of edits) {
          const i = at % lines.length;
          const l = lines[i]!;
          if (kind === "drop") lines.splice(i, 1);
          else if (kind === "double") lines.splice(i, 0, l);
          else if (kind === "indent") lines[i] = " ".repeat(n) + l;
          else if (kind === "dedent") lines[i] = l.replace(new RegExp(`^ {1,${n}}`), "");
          else if (kind === "join" && i + 1 < lines.length) lines.splice(i, 2, `${l} ${lines[i + 1]}`);
          else if (kind === "blank") lines.splice(i, 0, "");
          else if (kind === "trail") lines[i] = l + " ".repeat(n);
          else if (kind === "untrail") lines[i] = l.trimEnd();
          if (lines.length === 0) lines.push("");
        }
        runs++;
        if (agrees(lines.join("\n"))) handled++;
      }),
      { numRuns: pieces.length * MUTANTS, seed: SEED },
    );
    console.log(`fastMarkdown on ${runs} mutants of real pieces: ${handled} handled, ${runs - handled} null`);
    expect(handled).toBeGreaterThan(runs / 5);
  });
});

// ---- Generated documents ----

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const indent = pick(["", "", "", " ", "  ", "   ", "    ", "     "]);
const word = pick([
  "word", "Name", "user_id", "a_b_c", "x__y", "_lead", "trail_", "_x_", "snake_case_", "**b**", "**Key:**", "**a b**", "** x**", "**x **", "*e*", "***",
  "**", "*", "a*b*c", "`c`", "``a`b``", "` `", "`  `", "` a `", "`a ", "``", "```", "`", "|", "\\|", "#", "a#", "##", "1.", "2)", "-", "+", ":", "(x)", "é", "—",
  "。", "!", "a@b", "http", "www", "&amp;", "<x>", "[l](u)", "[x]", "~", "~~s~~", "=", "1", "10.", "__", "_", "**`c`**", "`**`", "foo()", "\u00a0", "x|y", "& ", "a&b", "&;", "&#", "HTTP", "http:/x", "https://x.io", "www.x", "Www", "(**x**)", "**x**:", "a**b**c", "**a** **b**",
]);
const words = fc.array(fc.tuple(word, pick([" ", " ", "", "  "])), { minLength: 0, maxLength: 5 }).map((ws) => ws.map(([w, s]) => w + s).join(""));
const trail = pick(["", "", "", " ", "  "]);
const prefix = pick([
  "", "", "", "", "# ", "## ", "###### ", "####### ", "#", "#5 ", "- ", "- ", "* ", "+ ", "1. ", "1) ", "2. ", "10. ", "-", "-   ", "-     ", "> ",
  "- - ", "- # ", "- ```", "1. - ", "-\u00a0",
]);
const textLine = fc.tuple(indent, prefix, words, trail).map(([a, b, c, d]) => a + b + c + d);
const special = pick([
  "", "", "", "  ", "---", "***", "* * *", "- - -", "___", "===", "--", "-", "```", "```js", "```sql x y ", "~~~", "````", "``` `x`", "~~~ a`b", "```  ```",
  "| a | b |", "|---|---|", "|:--|--:|", "| :-: | - |", "|---|", "| x |", "||", "|", "| a | | c |", "a | b", "|-|-|-|", "| `a|b` | c |", "  | a |  ", "## end ##", "# #",
  "#", "##   ", "# a #b", "- a", "  - b", "    - c", "1. a", "  1. b", "2. b", "- ", "-", "* a", "+ a", "  ```", "  ~~~", "   ```", "    ```", "[x]: /u", "<div>", "\tx",
]);
const line = fc.oneof({ weight: 3, arbitrary: textLine }, { weight: 2, arbitrary: special }, { weight: 1, arbitrary: fc.tuple(indent, special).map(([a, b]) => a + b) });

/** Well-formed blocks of the handled kinds, so that many documents come out handled. */
const cell = fc.array(pick(["a", "user_id", "`x`", "**k**", "", " ", "b c", "`a|b`", "*", "é"]), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(" "));
const row = (n: number) => fc.tuple(fc.array(cell, { minLength: n - 1, maxLength: n + 1 }), pick(["|", "", " | ", "|  "]), pick(["", " ", "  "])).map(([cs, end, ind]) => `${ind}| ${cs.join(" | ")} ${end}`);
const table = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc
    .tuple(
      row(n),
      fc.array(pick(["---", ":--", "--:", ":-:", "-", " --- ", ":---:"]), { minLength: n, maxLength: n }),
      fc.array(row(n), { maxLength: 4 }),
    )
    .map(([h, d, rs]) => [h, `|${d.join("|")}|`, ...rs]),
);
const bullet = pick(["- ", "* ", "+ ", "1. ", "2. ", "1) ", "-  ", "10. "]);
const item: fc.Arbitrary<string[]> = fc.letrec<{ item: string[] }>((tie) => ({
  item: fc
    .tuple(
      bullet,
      words,
      fc.array(
        fc.oneof(
          { weight: 3, arbitrary: words.map((w) => [w]) },
          { weight: 1, arbitrary: fc.constant([""]) },
          { weight: 1, arbitrary: fc.constant(["```", "code", "", "```"]) },
          { weight: 1, depthSize: "small", arbitrary: tie("item") },
        ),
        { maxLength: 3 },
      ),
      indent,
    )
    .map(([b, w, rest, extra]) => {
      const pad = " ".repeat(b.length);
      const more = rest.flat().map((l) => (l === "" ? "" : (extra.length < 2 ? pad : pad + extra) + l));
      return [b + (w === "" ? "x" : w), ...more];
    }),
})).item;
const listBlock = fc.array(fc.tuple(item, pick(["", "", "\n"])), { minLength: 1, maxLength: 4 }).map((xs) => xs.flatMap(([ls, gap]) => (gap ? [...ls, ""] : ls)));
const fence = fc.tuple(indent, pick(["```", "~~~", "````"]), pick(["", "js", "sql x", "ts  a b "]), fc.array(fc.oneof(words, special), { maxLength: 4 }), fc.boolean()).map(([i, f, info, body, close]) => [i + f + info, ...body, ...(close ? [i + f] : [])]);
const headingBlock = fc.tuple(pick(["# ", "## ", "### "]), words, pick(["", " ##", " #", "#"])).map(([h, w, c]) => [h + w + c]);
const block = fc.oneof(
  { weight: 4, arbitrary: line.map((l) => [l]) },
  { weight: 2, arbitrary: table },
  { weight: 3, arbitrary: listBlock },
  { weight: 1, arbitrary: fence },
  { weight: 2, arbitrary: headingBlock },
  { weight: 2, arbitrary: words.map((w) => [w]) },
);
const doc = fc.tuple(fc.array(fc.tuple(block, pick(["", "", "\n", "\n\n"])), { maxLength: 8 }), pick(["", "\n", "\n\n", "  "])).map(([bs, end]) => bs.map(([b, gap]) => b.join("\n") + gap).join("\n") + end);

/** Runs of each property (MD_FAST_RUNS to hunt longer). */
const RUNS = Number(process.env.MD_FAST_RUNS ?? 6000);

describe("fastMarkdown on generated documents", () => {
  it("is null or parseWhole's tree (differential, property-based)", () => {
    let handled = 0;
    let runs = 0;
    fc.assert(
      fc.property(doc, (text) => {
        runs++;
        if (agrees(text)) handled++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fastMarkdown on ${runs} generated documents: ${handled} handled, ${runs - handled} null`);
    expect(handled).toBeGreaterThan(runs / 5);
  });

  it("is null or parseWhole's tree on mixes of single lines (differential, property-based)", () => {
    let handled = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (ls) => {
        runs++;
        if (agrees(ls.join("\n"))) handled++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fastMarkdown on ${runs} documents of generated lines: ${handled} handled, ${runs - handled} null`);
    expect(handled).toBeGreaterThan(runs / 20);
  });
});
