// An ODM schema pasted as code: "const gardenSchema = new mongoose.Schema({ name: { type: String,
// required: true }, planted: Date }, { timestamps: true })", a table whose fields are the object's
// keys, each read as a field's options object (object-options.ts) or a bare type ("String",
// "[String]", "Schema.Types.ObjectId"). The table is the model the block registers
// ("mongoose.model('Garden', gardenSchema)"), else the variable's name less "Schema", else the
// section's table.
import type { Code } from "mdast";
import { plural, snakeCase } from "../../base/naming.js";
import type { RawColumn, RawIndex, RawText } from "../raw.js";
import { type Flat, flatSplit, flatSub, flatTrim } from "./flat.js";
import { type OptionPiece, readObjectOptions, typeWordOf } from "./object-options.js";
import type { MarkdownReader } from "./reader.js";

const SCHEMA_OPEN = /(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>]+\s*)?=\s*)?new\s+(?:mongoose\s*\.\s*)?Schema\s*(?:<[^>]*>)?\s*\(\s*\{/g;

/** The text with comments blanked (offsets kept), strings left alone. */
function blankComments(text: string): string {
  let out = "";
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      out += c;
      if (c === "\\" && i + 1 < text.length) out += text[++i]!;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"' || c === "`") {
      quote = c;
      out += c;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") (out += " "), i++;
      if (i < text.length) out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      while (i < text.length && !(text[i] === "*" && text[i + 1] === "/")) (out += text[i] === "\n" ? "\n" : " "), i++;
      if (i < text.length) (out += "  "), i++;
    } else out += c;
  }
  return out;
}

/** Index of the brace closing the one at `open` (strings skipped), or -1. */
function closeBrace(text: string, open: number): number {
  let depth = 0;
  let quote = "";
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") {
      depth--;
      if (depth === 0) return c === "}" ? i : -1;
    }
  }
  return -1;
}

/** Reads the ODM schemas of a js/ts block as tables; false when it holds none. */
export function odmBlock(md: MarkdownReader, node: Code): boolean {
  if (!/^(?:|js|javascript|jsx|mjs|cjs|ts|typescript|tsx|node)$/i.test(node.lang ?? "")) return false;
  if (!/\bSchema\s*(?:<[^>]*>)?\s*\(\s*\{/.test(node.value)) return false;
  const code = md.codeFlat(node);
  const f: Flat = { text: blankComments(code.text), offs: code.offs };
  const models = new Map<string, { name: string; at: number }>();
  for (const m of f.text.matchAll(/\bmodel\s*(?:<[^>]*>)?\s*\(\s*["'`]([A-Za-z_]\w*)["'`]\s*,\s*([A-Za-z_$][\w$]*)/g)) models.set(m[2]!, { name: m[1]!, at: m.index! + m[0].indexOf(m[1]!) });
  let found = false;
  for (const m of f.text.matchAll(SCHEMA_OPEN)) {
    const open = m.index! + m[0].length - 1;
    const close = closeBrace(f.text, open);
    if (close < 0) continue;
    const variable = m[1];
    const model = variable ? models.get(variable) : undefined;
    const options = /^\s*,\s*\{/.test(f.text.slice(close + 1, close + 40)) ? f.text.slice(close + 1, closeBrace(f.text, f.text.indexOf("{", close + 1)) + 1) : "";
    // A sub-document's schema ("{ _id: false }", or used as a field's type elsewhere and registered
    // as no model): its rows live inside another table's json column, not in a table of their own.
    if (!model && variable && (/\b_id\s*:\s*false\b/.test(options) || new RegExp(`(?:\\[\\s*|type\\s*:\\s*)${variable.replace(/\$/g, "\\$")}\\b`).test(f.text))) continue;
    let name: RawText | null = null;
    // The ODM stores a model in a collection named by the plural ("Garden": gardens).
    if (model) name = { ...md.rawText(flatSub(f, model.at, model.at + model.name.length)), text: plural(snakeCase(model.name)) };
    else if (variable && /^[A-Za-z_]\w*?Schema$/i.test(variable) && variable.length > 6) {
      const base = variable.replace(/Schema$/i, "");
      const at = m.index! + m[0].indexOf(variable);
      name = { ...md.rawText(flatSub(f, at, at + base.length)), text: plural(snakeCase(base)) };
    } else {
      const t = md.currentTable();
      if (t) name = t.name;
    }
    if (!name) continue;
    const columns: RawColumn[] = [];
    for (const piece of flatSplit(flatSub(f, open + 1, close), ",")) {
      const fm = /^["']?([A-Za-z_$][\w$]*)["']?\s*:\s*/s.exec(piece.text);
      if (!fm) continue;
      const colName = md.rawText(flatSub(piece, piece.text.indexOf(fm[1]!), piece.text.indexOf(fm[1]!) + fm[1]!.length));
      const value = flatTrim(flatSub(piece, fm[0].length));
      const at = (p: OptionPiece): RawText => ({ text: p.text, span: md.rawText(p.at).span });
      if (value.text.startsWith("{")) {
        const obj = readObjectOptions(value);
        // A nested shape with no field options ("address: { street: String }"): kept as a json column.
        if (!obj) columns.push({ name: colName, type: { text: "json", span: md.rawText(value).span }, constraints: [] });
        else columns.push({ name: colName, type: at(obj.type), constraints: obj.constraints.map(at), ...(obj.values ? { values: obj.values.map((v) => md.rawText(v)) } : {}) });
        continue;
      }
      const w = typeWordOf(value.text);
      columns.push({ name: colName, type: { text: w ?? value.text, span: md.rawText(value).span }, constraints: [] });
    }
    if (columns.length === 0) continue;
    // "{ timestamps: true }" after the fields: the ODM keeps createdAt and updatedAt.
    const stamps = /\btimestamps\s*:\s*true/.exec(options);
    if (stamps) {
      const s = md.idx.span(f.offs[close + 1 + stamps.index] ?? 0);
      for (const n of ["createdAt", "updatedAt"]) if (!columns.some((c) => c.name.text === n)) columns.push({ name: { text: n, span: s }, type: { text: "timestamp", span: s }, constraints: [{ text: "not null", span: s }, { text: "default now()", span: s }] });
    }
    // "gardenSchema.index({ owner: 1, name: 1 }, { unique: true })": the schema's indexes.
    const indexes: RawIndex[] = [];
    if (variable) {
      for (const ix of f.text.matchAll(new RegExp(`\\b${variable.replace(/\$/g, "\\$")}\\s*\\.\\s*index\\s*\\(\\s*\\{([^{}]*)\\}\\s*(,\\s*\\{[^{}]*\\})?`, "g"))) {
        const cols = [...ix[1]!.matchAll(/["']?([A-Za-z_$][\w$]*)["']?\s*:\s*-?1\b/g)].map((x) => x[1]!);
        if (cols.length > 0) indexes.push({ columns: cols, unique: /\bunique\s*:\s*true\b/.test(ix[2] ?? ""), span: md.idx.span(f.offs[ix.index!] ?? 0) });
      }
    }
    md.tables.push({ name, columns, indexes, hasDefs: true });
    found = true;
  }
  return found;
}
