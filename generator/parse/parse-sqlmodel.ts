// Python SQLModel classes inside a Markdown code block (`class Task(SQLModel, table=True):`),
// read into the same raw columns as every other form. Only what a class declares is
// read: annotations and Field(...) keywords; relationships and methods are skipped.
import type { RawColumn, RawIndex, RawText } from "./raw.js";

export interface PyFlat {
  readonly text: string;
  readonly offs: readonly number[];
}

export interface PyHost {
  /** Starts a table; the name keeps the span of the class name. */
  table(name: PyFlat, tableName: string): { columns: RawColumn[]; indexes: RawIndex[] };
  text(f: PyFlat, as?: string): RawText;
  warn(message: string, f: PyFlat): void;
}

function sub(f: PyFlat, start: number, end: number): PyFlat {
  return { text: f.text.slice(start, end), offs: f.offs.slice(start, end + 1) };
}

const SCALAR: Record<string, string> = {
  int: "integer",
  str: "string",
  bool: "boolean",
  float: "float",
  datetime: "timestamp",
  "datetime.datetime": "timestamp",
  date: "date",
  "datetime.date": "date",
  time: "time",
  "datetime.time": "time",
  UUID: "uuid",
  "uuid.UUID": "uuid",
  Decimal: "decimal",
  dict: "json",
  Dict: "json",
  Any: "json",
  JSON: "json",
  list: "json",
};

/** "Optional[int]" -> { base: "int", optional: true }; "str | None" too. */
function unwrap(annotation: string): { base: string; optional: boolean } {
  let a = annotation.trim().replace(/^["']|["']$/g, "");
  let optional = false;
  const opt = /^(?:typing\.)?Optional\[(.*)\]$/.exec(a);
  if (opt) {
    a = opt[1]!.trim();
    optional = true;
  }
  const union = a.split("|").map((x) => x.trim());
  if (union.length > 1 && union.includes("None")) {
    optional = true;
    a = union.filter((x) => x !== "None").join(" | ");
  }
  a = a.replace(/^(Dict|dict|List|list)\[.*\]$/, "$1");
  return { base: a, optional };
}

/** Splits "a=1, b=f(x, y), c='z'" at top-level commas. */
function splitArgs(s: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote && s[i - 1] !== "\\") quote = "";
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if ((ch === "," && depth === 0) || i === s.length) {
      const piece = s.slice(start, i);
      const lead = piece.length - piece.trimStart().length;
      if (piece.trim()) out.push({ text: piece.trim(), at: start + lead });
      start = i + 1;
    }
  }
  return out;
}

function pyLiteral(v: string): string | null {
  if (v === "None") return null;
  if (v === "True") return "true";
  if (v === "False") return "false";
  if (/^-?\d+(\.\d+)?$/.test(v)) return v;
  const q = /^(["'])(.*)\1$/.exec(v);
  if (q) return `'${q[2]}'`;
  return null;
}

export function readSqlModel(code: PyFlat, host: PyHost): void {
  const lines: { start: number; text: string }[] = [];
  let at = 0;
  for (const l of code.text.split("\n")) {
    lines.push({ start: at, text: l });
    at += l.length + 1;
  }
  let table: { columns: RawColumn[]; indexes: RawIndex[] } | null = null;
  let classIndent = -1;
  for (let li = 0; li < lines.length; li++) {
    const { start, text } = lines[li]!;
    if (!text.trim() || /^\s*#/.test(text)) continue;
    const indent = text.length - text.trimStart().length;
    const cls = /^(\s*)class\s+([A-Za-z_]\w*)\s*\(([^)]*)\)\s*:/.exec(text);
    if (cls) {
      table = null;
      classIndent = -1;
      if (/\btable\s*=\s*True\b/.test(cls[3]!)) {
        // SQLModel's default table name is the class name in lower case; __tablename__ overrides it.
        let end = li + 1;
        while (end < lines.length && (!lines[end]!.text.trim() || lines[end]!.text.length - lines[end]!.text.trimStart().length > indent)) end++;
        const explicit = lines.slice(li + 1, end).find((l) => /^\s+__tablename__\s*=/.test(l.text));
        const tn = explicit ? /=\s*["']([^"']+)["']/.exec(explicit.text)?.[1] : undefined;
        const nameAt = start + cls[1]!.length + text.slice(cls[1]!.length).indexOf(cls[2]!);
        table = host.table(sub(code, nameAt, nameAt + cls[2]!.length), tn ?? cls[2]!.toLowerCase());
        classIndent = indent;
      }
      continue;
    }
    if (!table) continue;
    if (indent <= classIndent) {
      table = null;
      continue;
    }
    const field = /^(\s+)([A-Za-z_]\w*)\s*:\s*([^=]+?)\s*(?:=\s*(.+?))?\s*$/.exec(text);
    if (!field) continue;
    const [, lead, name, annotation, value] = field;
    if (name!.startsWith("_")) continue;
    if (/\b(List|list|Relationship|ClassVar)\b/.test(annotation!) || (value && /^Relationship\(/.test(value))) continue;
    const nameStart = start + lead!.length;
    const annStart = start + text.indexOf(annotation!, lead!.length + name!.length);
    const { base, optional } = unwrap(annotation!);
    const sqlType = SCALAR[base] ?? base;
    const constraints: RawText[] = [];
    const valueStart = value ? start + text.lastIndexOf(value) : -1;
    const phrase = (as: string, offset: number, length: number) => constraints.push(host.text(sub(code, offset, offset + length), as));
    let hasDefault = false;
    let explicitNull: boolean | null = null;
    if (value) {
      const call = /^Field\((.*)\)$/.exec(value);
      if (call) {
        const inner = call[1]!;
        const innerAt = valueStart + value.indexOf("(") + 1;
        for (const arg of splitArgs(inner)) {
          const kv = /^(\w+)\s*=\s*(.+)$/.exec(arg.text);
          const argAt = innerAt + arg.at;
          if (!kv) {
            const lit = pyLiteral(arg.text);
            if (lit !== null) {
              phrase(`default ${lit}`, argAt, arg.text.length);
              hasDefault = true;
            }
            continue;
          }
          const [, k, v] = kv;
          if (k === "primary_key" && v === "True") phrase("primary key", argAt, arg.text.length);
          else if (k === "unique" && v === "True") phrase("unique", argAt, arg.text.length);
          else if (k === "nullable") explicitNull = v === "True";
          else if (k === "foreign_key") {
            const ref = /^["']([A-Za-z_]\w*)\.([A-Za-z_]\w*)["']$/.exec(v!);
            if (ref) phrase(`references ${ref[1]}(${ref[2]})`, argAt, arg.text.length);
            else host.warn(`foreign key ${v} is not understood`, sub(code, argAt, argAt + arg.text.length));
          } else if (k === "max_length") phrase(`max length ${v}`, argAt, arg.text.length);
          else if (k === "min_length") phrase(`min length ${v}`, argAt, arg.text.length);
          else if (k === "ge") phrase(`min ${v}`, argAt, arg.text.length);
          else if (k === "le") phrase(`max ${v}`, argAt, arg.text.length);
          else if (k === "default") {
            const lit = pyLiteral(v!);
            if (lit !== null) {
              phrase(`default ${lit}`, argAt, arg.text.length);
              hasDefault = true;
            } else if (v !== "None") host.warn(`default ${v} is not understood`, sub(code, argAt, argAt + arg.text.length));
            else hasDefault = true;
          } else if (k === "default_factory") {
            if (/utcnow|now/.test(v!)) phrase("default now()", argAt, arg.text.length);
            else if (/uuid4/.test(v!)) phrase("default gen_random_uuid()", argAt, arg.text.length);
            else host.warn(`default_factory ${v} is not understood`, sub(code, argAt, argAt + arg.text.length));
            hasDefault = true;
          } else if (k === "index" && v === "True") {
            table.indexes.push({ columns: [name!], unique: false, span: host.text(sub(code, argAt, argAt + arg.text.length)).span });
          } else if (!["description", "title", "sa_column", "sa_type", "regex", "schema_extra", "alias"].includes(k!)) {
            host.warn(`Field argument ${k} is not understood; it is ignored`, sub(code, argAt, argAt + arg.text.length));
          }
        }
      } else {
        const lit = pyLiteral(value);
        if (lit !== null) phrase(`default ${lit}`, valueStart, value.length);
        else if (value !== "None") host.warn(`default ${value} is not understood`, sub(code, valueStart, valueStart + value.length));
        hasDefault = true;
      }
    }
    // Pydantic: a field is required (not null) unless it is Optional or has a default of None.
    const nullable = explicitNull ?? (optional || (hasDefault && value === "None"));
    constraints.push(host.text(sub(code, annStart, annStart + annotation!.length), nullable ? "nullable" : "not null"));
    table.columns.push({
      name: host.text(sub(code, nameStart, nameStart + name!.length)),
      type: host.text(sub(code, annStart, annStart + annotation!.length), sqlType),
      constraints,
    });
  }
}
