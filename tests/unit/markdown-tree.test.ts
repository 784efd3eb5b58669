// markdownTree parses long Markdown piece by piece, and without GFM autolink literals when a
// text cannot hold one; the tree must be the plain one-piece parse (parseFull), positions
// included, for every spec in the repository, the shared corpus and awkward cases.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { markdownFiles } from "./helpers.js";
import { markdownTree, parseFull, parseWhole, useTreeCache } from "../../generator/parse/markdown-tree.js";

const ROOT = join(import.meta.dirname, "..", "..");

const section = (i: number) => `## table${i}\n\n- id: serial (primary key)\n- name: text (not null) - a **bold** \`code\` note\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`;
const filler = Array.from({ length: 4 }, (_, i) => section(i)).join("\n");

/** Each awkward thing is put between filler, so that cuts fall around it. */
const AWKWARD: Record<string, string> = {
  "heading inside a fence": "```md\n## not a heading\n```\n",
  "heading inside an unclosed fence": "~~~\n## not a heading\n",
  "heading inside a fence in a list item": "- item\n  ```\n## ends the item and the fence\n",
  "fence reopened at column 0 after a list": "- item\n  ```\n  code\n```\n## inside the new fence\n```\n",
  "heading inside an HTML comment": "<!--\n## not a heading\n-->\n",
  "heading right after an HTML block": "<div>\n## part of the html block\n</div>\n",
  "heading right after a table": "| a | b |\n|---|---|\n| 1 | 2 |\n## after the table\n",
  "heading right after a paragraph": "some text\n## heading\nmore text\n",
  "list with trailing blank lines": "- a\n- b\n\n\n\n## next\n",
  "loose list before a heading": "- a\n\n- b\n## next\n",
  "block quote before a heading": "> quoted\n> more\n## next\n",
  "setext heading before": "Title\n=====\n## next\n",
  "indented code before": "    code\n## next\n",
  "tabs": "#\ttabbed heading\n\t- tabbed item\n",
  "empty headings": "#\n##\n###   \n",
  "seven hashes": "####### not a heading\n",
  "link definition": "[ref]\n\n## later\n\n[ref]: https://example.com\n",
  "footnote definition": "text[^1]\n\n## later\n\n[^1]: the note\n",
  "autolinks and strikethrough": "see https://example.com and ~~old~~ www.example.org\n",
  "autolinks in capitals": "HTTP://EXAMPLE.COM and WWW.EXAMPLE.ORG in a table:\n\n| a | b |\n|---|---|\n| Www.x.io | HtTpS://y.io/z |\n",
  "e-mail addresses": "- owner: text - the contact, e.g. someone@example.com or mailto:a@b.io\n",
  "at sign alone": "- handle: text (@ then the name)\n",
  "no trailing newline": "## last",
};

const cases: [string, string][] = [
  ...[join(ROOT, "specs"), join(ROOT, "tests", "golden"), join(ROOT, "..", "shared", "corpus")].flatMap((d) => markdownFiles(d, ["expected"]).map((f): [string, string] => [relative(ROOT, f), readFileSync(f, "utf8")])),
  ...Object.entries(AWKWARD).map(([name, md]): [string, string] => [name, `${filler}\n${md}\n${filler}\n${md}`]),
  ["CRLF line endings", filler.replace(/\n/g, "\r\n")],
  ["starts with blank lines", `\n\n\n${filler}${filler}`],
];

describe("markdownTree", () => {
  it("has specs to compare", () => {
    expect(cases.length).toBeGreaterThan(Object.keys(AWKWARD).length + 5);
  });
  for (const [name, text] of cases) {
    it(`equals the one-piece parse: ${name}`, () => {
      const plain = parseFull(text);
      expect(parseWhole(text)).toStrictEqual(plain);
      for (const piece of [1, 64, 2048]) expect(markdownTree(text, piece)).toStrictEqual(plain);
    });
  }

  it("gives the same trees from its cache of pieces, which it never lets the caller change", () => {
    const store = new Map<string, Uint8Array>();
    let hits = 0;
    useTreeCache({
      get: (k) => {
        const t = store.get(k);
        if (t) hits++;
        return t;
      },
      set: (k, t) => void store.set(k, t),
    });
    try {
      for (let round = 0; round < 2; round++) for (const [, text] of cases) expect(markdownTree(text, 64)).toStrictEqual(parseFull(text));
      // Edit one section of a long text: the other pieces come from the cache, the result is still exact.
      const long = `${filler}\n${filler}\n${filler}`;
      markdownTree(long, 64);
      const edited = long.replace("## table2\n", "## table2\n\nA new paragraph with *emphasis*.\n");
      const before = hits;
      expect(markdownTree(edited, 64)).toStrictEqual(parseFull(edited));
      expect(hits).toBeGreaterThan(before);
    } finally {
      useTreeCache(null);
    }
    expect(hits).toBeGreaterThan(cases.length);
  });
});
