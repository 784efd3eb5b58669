// Column types: what a type as written means ("varchar(200)", "TIMESTAMP WITH TIME ZONE",
// "enum(low, high)", "String?"). The one place that reads type texts; the emitters read the
// ColumnType it produces (ir/types.ts).
import type { ColumnType } from "./types.js";

export interface TypeReading {
  /** null when the type is not understood. */
  readonly type: ColumnType | null;
  /** serial / bigserial: the column counts up by itself. */
  readonly increment: boolean;
  /** Written with a trailing "?" (Prisma style): nullable. */
  readonly nullable: boolean;
  /** Text after the type ("varchar(200) required" -> "required"), read as constraints. */
  readonly rest: string;
  readonly restAt: number;
  /** Why a recognised type cannot be used (arrays). */
  readonly problem?: string;
}

const TYPE_RULES: readonly [RegExp, (m: RegExpExecArray) => { type: ColumnType; increment?: boolean }][] = [
  [
    /(?:character\s+varying|varchar2?|nvarchar|string|str|character|char|nchar)(?:\s*\(\s*(\d+)\s*\))?(?![\w])/iy,
    (m) => ({ type: m[1] ? { kind: "string", maxLength: Number(m[1]) } : { kind: "string" } }),
  ],
  [/(?:text|longtext|mediumtext|tinytext|citext|clob|ntext)(?![\w])/iy, () => ({ type: { kind: "text" } })],
  [/(?:bigserial|serial8)(?![\w])/iy, () => ({ type: { kind: "bigint" }, increment: true })],
  [/(?:smallserial|serial2|serial4|serial)(?![\w])/iy, () => ({ type: { kind: "integer" }, increment: true })],
  [/(?:bigint|int8|biginteger|long)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => ({ type: { kind: "bigint" } })],
  [/(?:integer|int4|int2|int|smallint|tinyint|mediumint)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => ({ type: { kind: "integer" } })],
  [/(?:uuid|guid)(?![\w])/iy, () => ({ type: { kind: "uuid" } })],
  [/(?:boolean|bool)(?![\w])/iy, () => ({ type: { kind: "boolean" } })],
  [
    /(?:timestamptz|timestamps?(?:\s*\(\s*\d\s*\))?(?:\s+with(?:out)?\s+time\s+zone)?|datetime(?:2|offset)?|date\s*time)(?![\w])/iy,
    () => ({ type: { kind: "timestamp" } }),
  ],
  [/date(?![\w])/iy, () => ({ type: { kind: "date" } })],
  [/(?:timetz|time(?:\s*\(\s*\d\s*\))?(?:\s+with(?:out)?\s+time\s+zone)?)(?![\w])/iy, () => ({ type: { kind: "time" } })],
  [
    /(?:decimal|numeric|money)(?:\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?(?![\w])/iy,
    (m) => ({
      type: {
        kind: "decimal",
        ...(m[1] ? { precision: Number(m[1]) } : {}),
        ...(m[2] ? { scale: Number(m[2]) } : {}),
      },
    }),
  ],
  [/(?:double\s+precision|double|float[48]?|real|number)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => ({ type: { kind: "float" } })],
  [/(?:jsonb|json)(?![\w])/iy, () => ({ type: { kind: "json" } })],
  [/enum\s*\(([^)]*)\)/iy, (m) => ({ type: { kind: "enum", values: splitValues(m[1]!) } })],
  // "Enum" with no values: stored as text, and the builder warns (SF122).
  [/enum(?![\w(])/iy, () => ({ type: { kind: "enum", values: [] } })],
];

export function splitValues(list: string): string[] {
  return list
    .split(",")
    .map((v) => v.trim().replace(/^(['"`])(.*)\1$/, "$2"))
    .filter((v) => v.length > 0);
}

/** "varchar(200)", "TIMESTAMP WITH TIME ZONE", "enum(low, high)", "String?", "UUID FK". */
export function interpretType(text: string): TypeReading {
  const lead = text.length - text.trimStart().length;
  for (const [re, make] of TYPE_RULES) {
    re.lastIndex = lead;
    const m = re.exec(text);
    if (!m) continue;
    const made = make(m);
    let pos = re.lastIndex;
    let problem: string | undefined;
    let nullable = false;
    const arr = /\s*\[\s*\d*\s*\]/y;
    arr.lastIndex = pos;
    if (arr.exec(text)) {
      pos = arr.lastIndex;
      problem = "array types are not supported";
    }
    if (text[pos] === "?") {
      nullable = true;
      pos++;
    }
    const restRaw = text.slice(pos);
    const restAt = pos + (restRaw.length - restRaw.trimStart().length);
    return {
      type: made.type,
      increment: made.increment ?? false,
      nullable,
      rest: restRaw.trim(),
      restAt,
      ...(problem ? { problem } : {}),
    };
  }
  return { type: null, increment: false, nullable: false, rest: "", restAt: text.length };
}
