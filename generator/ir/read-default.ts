// Defaults: the text of a default in a phrase, and what it means for the column's type.
import { matchParen } from "../parse/text.js";
import type { DefaultText } from "./constraint-reading.js";
import { interpretTypedDefault } from "./read-type.js";
import type { ColumnType, DefaultValue } from "./types.js";

/** A default expression: 'quoted', "quoted", now(), 42, false, medium, (now()). */
export function readDefault(text: string, pos: number): { value: DefaultText; end: number } | null {
  const c = text[pos];
  if (c === undefined) return null;
  let end: number;
  let quoted = false;
  let value: string;
  // SQL Server's Unicode literal N'text' is the text.
  if ((c === "N" || c === "n") && text[pos + 1] === "'") return readDefault(text, pos + 1);
  if (c === "'" || c === '"' || c === "`") {
    // A quote written twice inside is one quote, as SQL writes it: 'Côte d''Ivoire'.
    end = pos + 1;
    value = "";
    for (;;) {
      const next = text.indexOf(c, end);
      if (next < 0) return null;
      value += text.slice(end, next);
      if (text[next + 1] === c) {
        value += c;
        end = next + 2;
        continue;
      }
      end = next;
      break;
    }
    end++;
    quoted = true;
  } else if (c === "(") {
    end = matchParen(text, pos);
    if (end < 0) return null;
    const inner = readDefault(text.slice(pos + 1, end).trim(), 0);
    end++;
    if (!inner) return null;
    return { value: inner.value, end };
  } else {
    const m = /[^\s,;()]+/y;
    m.lastIndex = pos;
    if (!m.exec(text)) return null;
    end = m.lastIndex;
    if (text[end] === "(") {
      const close = matchParen(text, end);
      if (close < 0) return null;
      end = close + 1;
    }
    value = text.slice(pos, end);
  }
  const cast = /::\s*[\w ]+?(?=$|[\s,;)])/y;
  cast.lastIndex = end;
  if (cast.exec(text)) end = cast.lastIndex;
  return { value: { text: value, quoted }, end };
}

/** What a default expression means for a column of the given type; a string when it is wrong. */
/** SQLite's date functions of the time now: datetime('now'), date('now'), strftime('...', 'now'), with optional modifiers ('localtime', 'utc'). */
export const SQLITE_NOW = /^(?:datetime|date|strftime)\(\s*(?:'[^']*'\s*,\s*)?'now'(?:\s*,\s*'[^']*')*\s*\)$/;

export function interpretDefault(d: DefaultText, type: ColumnType): DefaultValue | { problem: string; unknown?: boolean } {
  // Defaults of the types read-type.ts adds (arrays '{}', bytea, inet, interval, vectors).
  const typed = interpretTypedDefault(d, type);
  if (typed) return typed;
  const t = d.text.trim();
  const isText = type.kind === "string" || type.kind === "text";
  if (d.quoted) {
    if (type.kind === "enum" && !type.values.includes(t))
      return { problem: `default "${t}" is not one of the values ${type.values.join(", ")}` };
    if (isText || type.kind === "enum" || type.kind === "json") return { kind: "literal", value: t };
    if ((type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float") && /^-?\d+(\.\d+)?$/.test(t))
      return { kind: "literal", value: Number(t) };
    if (type.kind === "boolean" && /^(true|false)$/i.test(t)) return { kind: "literal", value: t.toLowerCase() === "true" };
    if (type.kind === "date" || type.kind === "timestamp") return { kind: "literal", value: t };
    return { problem: `default "${t}" does not fit a ${type.kind} column` };
  }
  const lower = t.toLowerCase();
  // SQLite keeps times as text made by its date functions: datetime('now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now').
  if (SQLITE_NOW.test(lower)) return type.kind === "timestamp" || type.kind === "date" || isText ? { kind: "now" } : { problem: `default ${t} (the current time) does not fit a ${type.kind} column` };
  // SQLite's random key: lower(hex(randomblob(16))), a new random id.
  if (/^(lower\()?hex\(randomblob\(\d+\)\)\)?$/.test(lower.replace(/\s+/g, ""))) {
    if (type.kind === "uuid" || isText) return { kind: "uuid" };
    return { problem: `default ${t} (a new random id) does not fit a ${type.kind} column` };
  }
  if (/^(now\(\)|now|current_timestamp(\(\))?|current_date|localtimestamp|transaction_timestamp\(\)|utcnow\(\)|getdate\(\)|getutcdate\(\)|sysdate|systimestamp|current\s+timestamp|sysdatetime\(\)|sysutcdatetime\(\)|sysdatetimeoffset\(\)|datetime\.(utc)?now(\(\))?|timezone\('utc',\s*now\(\)\))$/.test(lower)) {
    if (type.kind === "timestamp" || type.kind === "date") return { kind: "now" };
    return { problem: `default ${t} (the current time) does not fit a ${type.kind} column` };
  }
  if (/^(gen_random_uuid\(\)|uuid_generate_v4\(\)|uuid\(\)|uuid4(\(\))?|uuid\.uuid4(\(\))?|random_uuid\(\)|newid\(\)|newsequentialid\(\)|cuid\(\))$/.test(lower)) {
    if (type.kind === "uuid" || isText) return { kind: "uuid" };
    return { problem: `default ${t} (a new uuid) does not fit a ${type.kind} column` };
  }
  if (/^(autoincrement(\(\))?|auto_increment|nextval\(.*\))$/.test(lower)) return { kind: "increment" };
  // "Auto", "auto-generated", "System generated" in a Default column: the value the database makes
  // for the column's type (the time now, a new uuid, the next number), never the word itself.
  if (/^(auto|automatic|auto[-_ ]?generated|generated|system[-_ ]generated|auto[-_ ]?now(?:[-_ ]add)?)$/.test(lower)) {
    if (type.kind === "timestamp" || type.kind === "date") return { kind: "now" };
    if (type.kind === "uuid" || isText) return { kind: "uuid" };
    if (type.kind === "integer" || type.kind === "bigint") return { kind: "increment" };
    return { problem: `default ${t} (made by the database) does not fit a ${type.kind} column` };
  }
  if (lower === "null" || lower === "none") return { kind: "literal", value: null };
  if (/^(true|false)$/.test(lower)) {
    if (type.kind === "boolean") return { kind: "literal", value: lower === "true" };
    return { problem: `default ${t} does not fit a ${type.kind} column` };
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    if (type.kind === "integer" || type.kind === "bigint") {
      if (!/^-?\d+$/.test(t)) return { problem: `default ${t} is not a whole number` };
      return { kind: "literal", value: Number(t) };
    }
    if (type.kind === "decimal" || type.kind === "float") return { kind: "literal", value: Number(t) };
    if (isText) return { kind: "literal", value: t };
    if (type.kind === "enum" && type.values.includes(t)) return { kind: "literal", value: t };
    // "BIT NOT NULL DEFAULT 0", "TINYINT(1) DEFAULT 1": a flag written as 0 or 1.
    if (type.kind === "boolean" && (t === "0" || t === "1")) return { kind: "literal", value: t === "1" };
    return { problem: `default ${t} does not fit a ${type.kind} column` };
  }
  if (/^[A-Za-z_][\w-]*$/.test(t)) {
    if (type.kind === "enum") {
      if (type.values.includes(t)) return { kind: "literal", value: t };
      return { problem: `default "${t}" is not one of the values ${type.values.join(", ")}` };
    }
    if (isText) return { kind: "literal", value: t };
  }
  if (/^[[{]/.test(t) && type.kind === "json") return { kind: "literal", value: t };
  return { problem: `default ${t} is not understood`, unknown: true };
}
