// How the other languages' words are matched: the folded phrase, whole-word bounds, and a
// vocabulary (one meaning, its words per language) made a pattern.
//
// Other languages: Spanish, Portuguese, French, German, Italian, Chinese (simplified and
// traditional), Japanese and Korean. Their words are matched in a folded copy of the phrase
// (accents off Latin letters, full-width forms as ASCII, one UTF-16 unit for one, so offsets agree)
// with case ignored; values and names are taken from the phrase as written. A Latin word matches
// only whole ("unico" is not read inside "comunicacion"). Each vocabulary (vocabulary-*.ts) is one
// meaning, listed per language; a word that reads the same as the English one ("unique",
// "optional", "default", "reference") is left to the English reading.

/** The phrase with accents taken off Latin letters and full-width forms written in ASCII, one UTF-16 unit for one. */
export function fold(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else if (c === 0x301c) out += "~";
    else if (c === 0x2212) out += "-";
    else if (c >= 0xc0 && c <= 0x24f) {
      const base = ch.normalize("NFD")[0]!;
      out += /^[A-Za-z]$/.test(base) ? base : ch;
    } else out += ch;
  }
  return out;
}

export type Vocab = Readonly<Partial<Record<"es" | "pt" | "fr" | "de" | "it" | "ms" | "zh" | "ja" | "ko", readonly string[]>>>;

const LATIN_LANGS = new Set(["es", "pt", "fr", "de", "it", "ms"]);

/** Not inside a longer word, before and after ("URL格式": a Chinese character next to a Latin word does not join it). */
export const L0 = "(?<![\\p{sc=Latin}\\p{N}_])";

export const L1 = "(?![\\p{sc=Latin}\\p{N}_])";

/** One alternation of a vocabulary: Latin words whole, Chinese, Japanese and Korean words as written; longer words first. */
export function alt(v: Vocab): string {
  const latin = new Set<string>();
  const cjk = new Set<string>();
  for (const [lang, list] of Object.entries(v)) for (const w of list ?? []) (LATIN_LANGS.has(lang) ? latin : cjk).add(w);
  const longer = (a: string, b: string) => b.length - a.length;
  const parts: string[] = [];
  if (latin.size) parts.push(`${L0}(?:${[...latin].sort(longer).join("|")})${L1}`);
  if (cjk.size) parts.push(`(?:${[...cjk].sort(longer).join("|")})`);
  return `(?:${parts.join("|")})`;
}

export const sticky = (src: string) => new RegExp(src, "diuy");

export const anywhere = (src: string) => new RegExp(src, "iu");

/** A number; "cero", "zero", "null" (German), "零" are 0. */
export const NUM = "(-?\\d+(?:\\.\\d+)?|cero|zero|null|零)";

const num = (s: string): number => (/^\s*-?\d/.test(s) ? Number(s) : 0);

/** Between a rule word and its value: ":", "=", "es", "ist", "为", "は", "은". */
export const LINK = "\\s*(?:[:=]|[为為是]|は|은|는|이)?\\s*";

export const end = (m: RegExpExecArray): number => m.index + m[0].length;

export const firstNumber = (m: RegExpExecArray): number => num(m.slice(1).find((x) => x !== undefined) ?? "");

/** The two numbers of a range: the first two groups that matched. */
export const twoNumbers = (m: RegExpExecArray): [number, number] => {
  const g = m.slice(1).filter((x) => x !== undefined);
  return [num(g[0]!), num(g[1]!)];
};

/**
 * LaTeX that specs written with a math renderer use in rules: "$\to$ `User.id`", "$\ge$ 1".
 * Replaced by the symbol padded to the same length, so positions in the phrase stay right.
 */
export function plainSymbols(text: string): string {
  if (!text.includes("$")) return text;
  const same = (m: string, by: string) => by + " ".repeat(Math.max(0, m.length - by.length));
  return text
    .replace(/\$\s*\\(?:to|rightarrow|longrightarrow|mapsto)\s*\$/g, (m) => same(m, "->"))
    .replace(/\$\s*\\(?:geq?|geqslant)\s*\$/g, (m) => same(m, ">="))
    .replace(/\$\s*\\(?:leq?|leqslant)\s*\$/g, (m) => same(m, "<="))
    .replace(/\$\s*\\(?:neq?)\s*\$/g, (m) => same(m, "!="));
}
