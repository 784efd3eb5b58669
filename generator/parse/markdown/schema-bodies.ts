// A request body written as a JSON Schema (`{ "type": "object", "properties": {...} }`) or as a
// TypeScript interface (`interface CreateTask { title: string; mood?: "calm" | "busy" }`) rather
// than as an example: each property is a field with the rules the schema or the type states.
import type { Code } from "mdast";
import type { RawBodyField, RawText } from "../raw.js";
import { flatSub, type Flat } from "./flat.js";
import type { MarkdownReader } from "./reader.js";

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The fields of a JSON Schema body; null when the block is not one (an example, a sketch). */
export function jsonSchemaBody(md: MarkdownReader, node: Code): RawBodyField[] | null {
  let v: unknown;
  try {
    v = JSON.parse(node.value);
  } catch {
    return null;
  }
  if (!isObject(v) || !isObject(v.properties) || !(v.type === "object" || Array.isArray(v.required) || "$schema" in v)) return null;
  const f = md.codeFlat(node);
  const required = new Set(Array.isArray(v.required) ? v.required.filter((x): x is string => typeof x === "string") : []);
  const out: RawBodyField[] = [];
  // Each property's name where the properties are written (not in "required" before them).
  let from = Math.max(0, f.text.indexOf(`"properties"`));
  for (const [name, p] of Object.entries(v.properties)) {
    if (!isObject(p)) continue;
    const at = f.text.indexOf(`"${name}"`, from);
    if (at < 0) continue;
    from = at + name.length + 2;
    const nameText = md.rawText(flatSub(f, at + 1, at + 1 + name.length));
    const said = (text: string): RawText => ({ text, span: nameText.span });
    const constraints: RawText[] = [];
    const types = (Array.isArray(p.type) ? p.type : [p.type]).filter((x): x is string => typeof x === "string" && x !== "null");
    if (typeof p.minLength === "number") constraints.push(said(`min length ${p.minLength}`));
    if (typeof p.maxLength === "number") constraints.push(said(`max length ${p.maxLength}`));
    if (typeof p.minimum === "number") constraints.push(said(`min ${p.minimum}`));
    if (typeof p.maximum === "number") constraints.push(said(`max ${p.maximum}`));
    if (Array.isArray(p.enum) && p.enum.every((x) => typeof x === "string")) constraints.push(said(`enum(${(p.enum as string[]).join(", ")})`));
    if (typeof p.format === "string" && /^(email|uri|url|uuid|date|date-time)$/.test(p.format) && !/^date/.test(p.format)) constraints.push(said(`format ${p.format}`));
    const typeWord = types[0] === "string" && (p.format === "date-time" || p.format === "date") ? (p.format === "date" ? "date" : "datetime") : types[0];
    out.push({ name: nameText, ...(typeWord ? { type: said(typeWord) } : {}), required: required.has(name), constraints });
  }
  return out.length ? out : null;
}

/** The fields of a TypeScript interface (or type literal) body; null when the block holds none. */
export function interfaceBody(md: MarkdownReader, node: Code): RawBodyField[] | null {
  const f: Flat = md.codeFlat(node);
  const open = /^\s*(?:export\s+)?(?:interface\s+\w+(?:\s+extends\s+[\w, ]+)?|type\s+\w+\s*=)\s*\{/m.exec(f.text);
  if (!open) return null;
  const out: RawBodyField[] = [];
  const line = /^[ \t]*(?:readonly\s+)?([A-Za-z_]\w*)(\??)\s*:\s*([^;\n/]+?)\s*[;,]?[ \t]*(?:\/\/\s*(.*))?$/gm;
  line.lastIndex = open.index + open[0].length;
  for (let m = line.exec(f.text); m; m = line.exec(f.text)) {
    const [, name, optional, type, comment] = m;
    const nameAt = m.index + m[0].indexOf(name!);
    const nameText = md.rawText(flatSub(f, nameAt, nameAt + name!.length));
    const typeAt = f.text.indexOf(type!, nameAt + name!.length);
    const typeText = md.rawText(flatSub(f, typeAt, typeAt + type!.length));
    const constraints: RawText[] = [];
    const t = type!.replace(/\s*\|\s*(?:null|undefined)\b/g, "").trim();
    // "calm" | "busy": the values the field may take.
    const literals = t.split("|").map((x) => x.trim());
    let typeWord: string | undefined;
    if (literals.length > 1 && literals.every((x) => /^(["'])[^"']*\1$/.test(x))) {
      constraints.push({ text: `enum(${literals.map((x) => x.slice(1, -1)).join(", ")})`, span: typeText.span });
      typeWord = "string";
    } else if (/^(string|number|boolean|Date)$/.test(t)) typeWord = t === "Date" ? "datetime" : t;
    if (comment) {
      const cAt = f.text.indexOf(comment, typeAt + type!.length);
      for (const piece of comment.split(/[,;]/)) {
        const p = piece.trim();
        if (!p) continue;
        const pAt = f.text.indexOf(p, cAt);
        constraints.push(md.rawText(flatSub(f, pAt, pAt + p.length)));
      }
    }
    out.push({ name: nameText, ...(typeWord ? { type: { text: typeWord, span: typeText.span } } : {}), required: optional !== "?", constraints });
    // The interface's closing brace ends it.
    const next = f.text.indexOf("\n", m.index + m[0].length);
    if (next < 0 || /^\s*\}/.test(f.text.slice(next + 1))) break;
  }
  return out.length ? out : null;
}
