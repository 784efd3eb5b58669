// Enums and value objects the spec defines, and a column's type as written: a list of values, the
// name of a defined type, or a type text read-type reads.
import { words } from "../base/naming.js";
import type { RawSpec } from "../parse/raw.js";
import type { BuildContext } from "./build-context.js";
import { interpretType, isBuiltinTypeWord, type TypeReading } from "./read-type.js";
import type { ColumnType } from "./types.js";

/**
 * A column's type as written: "" (none: inferred later), "a | b | c" (allowed values), the
 * name of an enum or value object the spec defines ("EventStatus", "Location?",
 * "task_column"), or a type text interpretType reads.
 */
export function readType(cx: BuildContext, text: string): TypeReading & { missing?: boolean; note?: string } {
  const t = text.trim();
  const lead = text.length - text.trimStart().length;
  if (t === "") return { type: null, increment: false, nullable: false, rest: "", restAt: text.length, missing: true };
  const pipe = /^["'`]?[\w.-]+["'`]?(?:\s*\|\s*["'`]?[\w.-]+["'`]?)+/.exec(t);
  if (pipe && !/\|\s*(null|undefined|none)\b/i.test(pipe[0])) {
    const values = pipe[0].split("|").map((v) => v.trim().replace(/^["'`]|["'`]$/g, ""));
    const end = lead + pipe[0].length;
    const restRaw = text.slice(end);
    return { type: { kind: "enum", values }, increment: false, nullable: false, rest: restRaw.trim(), restAt: end + (restRaw.length - restRaw.trimStart().length) };
  }
  const nm = /^([A-Za-z_]\w*)(\s*\[\s*\])?(\?)?(?![\w(])/.exec(t);
  if (nm) {
    const key = words(nm[1]!).join("_");
    const exact = cx.namedTypes.get(key) ?? cx.namedTypes.get(key.replace(/_(enum|type)$/, ""));
    // "Role" for an enum declared as "Roles" (or the reverse): the one enum whose name differs only in number.
    const numbered = exact ? [] : [`${key}s`, `${key}es`, key.replace(/s$/, ""), key.replace(/es$/, "")].filter((k) => k !== key).map((k) => cx.namedTypes.get(k)).filter((x): x is NonNullable<typeof x> => !!x && x.type.kind === "enum");
    const found = exact ?? (new Set(numbered).size === 1 ? numbered[0] : undefined);
    // "TIMESTAMP" or "date" written as a column's type is the database's own type even when the
    // spec also names an enum "Timestamp" (a table of events per timestamp column, say): only the
    // enum's exact spelling means the enum.
    const named = found && !(isBuiltinTypeWord(nm[1]!) && nm[1] !== found.name) ? found : undefined;
    const vo = cx.valueObjects.get(key);
    if (named || vo) {
      const end = lead + nm[0].length;
      const restRaw = text.slice(end);
      const base: ColumnType = named ? named.type : { kind: "json" };
      const type: ColumnType = nm[2] && named && named.type.kind === "enum" ? { kind: "array", of: named.type } : nm[2] ? { kind: "json" } : base;
      return {
        type,
        increment: false,
        nullable: nm[3] === "?",
        rest: restRaw.trim(),
        restAt: end + (restRaw.length - restRaw.trimStart().length),
        note: named ? `type ${nm[1]} is the enum "${named.name}" the spec defines${exact ? "" : " (the names differ only in singular and plural)"}` : `type ${nm[1]} is the value object "${vo}" the spec defines: stored as json`,
      };
    }
  }
  // "`Role` enum", "enum ServiceStatus": the enum of that name when the spec declares it; else an
  // enum whose values the column's notes give (or SF122).
  const en = /^([A-Za-z_]\w*)\s+enum$|^enum\s+([A-Za-z_]\w*)$/i.exec(t);
  if (en && !/^enum$/i.test(en[1] ?? en[2]!)) {
    const named = namedEnum(cx, en[1] ?? en[2]!);
    return {
      type: named && named.type.kind === "enum" ? named.type : { kind: "enum", values: [] },
      increment: false,
      nullable: false,
      rest: "",
      restAt: text.length,
      ...(named ? { note: `type ${t} is the enum "${named.name}" the spec defines` } : {}),
    };
  }
  return interpretType(text, cx.namedTypeMap ??= new Map([...cx.namedTypes].map(([k, v]) => [k, v.type])));
}

/** The enum a name means: its own, or the one whose name differs only in singular and plural. */
export function namedEnum(cx: BuildContext, name: string): { type: ColumnType; name: string } | undefined {
  const key = words(name).join("_");
  const exact = cx.namedTypes.get(key) ?? cx.namedTypes.get(key.replace(/_(enum|type)$/, ""));
  if (exact) return exact;
  const numbered = [`${key}s`, `${key}es`, key.replace(/s$/, ""), key.replace(/es$/, "")].filter((k) => k !== key).map((k) => cx.namedTypes.get(k)).filter((x): x is NonNullable<typeof x> => !!x && x.type.kind === "enum");
  return new Set(numbered).size === 1 ? numbered[0] : undefined;
}

/** Enums and value objects the spec defines, so column types can name them. */
export function readNamedTypes(cx: BuildContext, raw: RawSpec): void {
  // The names column types are written with: an enum no column names is "unused" (a column
  // named after it may take its values, build-column.ts).
  const typeNames = new Set<string>();
  for (const t of raw.tables) for (const c of t.columns) for (const m of c.type.text.matchAll(/[A-Za-z_]\w*/g)) typeNames.add(words(m[0]).join("_"));
  for (const e of raw.enums ?? []) {
    const key = words(e.name.text).join("_");
    const values = e.values.map((v) => v.text);
    const prev = cx.namedTypes.get(key);
    if (prev) {
      if (prev.type.kind === "enum" && prev.type.values.join("\u0000") !== values.join("\u0000"))
        cx.diag("warning", "SF107", `enum "${e.name.text}" is defined again here with other values; the first definition is used`, e.name.span);
      continue;
    }
    if (values.length === 0) {
      cx.diag("warning", "SF122", `enum "${e.name.text}" has no values`, e.name.span, "list its values");
      continue;
    }
    const unused = ![key, `${key}s`, `${key}es`, key.replace(/s$/, ""), key.replace(/_(enum|type)$/, "")].some((k) => typeNames.has(k));
    cx.namedTypes.set(key, { type: { kind: "enum", values, name: e.name.text }, name: e.name.text, ...(unused ? { unused: true } : {}) });
  }
  for (const v of raw.valueObjects ?? []) cx.valueObjects.set(words(v.name.text).join("_"), v.name.text);
}
