// A Drizzle column's type text from its builder call (`varchar('x', { length: 20 })`, an enum,
// a custom type), and its defaults (`.default(x)`, `.$defaultFn(() => x)`) as constraint texts.
import type TS from "typescript";
import { snakeCase } from "../../base/naming.js";
import type { DrizzleBlock } from "./context.js";
import type { Declarations } from "./declarations.js";
import type { Chain, Syntax } from "./syntax.js";

/** Functions that make ids in the application; the database gets a random UUID instead. */
const APP_ID = /^(create_?id|cuid2?|create_?cuid|nanoid|ulid|random_?uuid|uuid(v?\d)?|v[1-7]|generate_?id|gen_?id|object_?id|ksuid|shortid|typeid|new_?id)$/i;

export type ColumnTypes = ReturnType<typeof columnTypes>;

/** The type and default readers of one block (enums and custom types are the block's own). */
export function columnTypes(cx: DrizzleBlock & Syntax & Declarations) {
  const { ts, sf, start, warn, note, unwrap, str, prop, num, isTrue, objectArg, returned, literal, sqlText, enumNames, customTypes, stringList } = cx;
  /** The column type text a builder call makes, or null (with a warning) when it is not understood. */
  const typeOf = (c: Chain, where: string): string | null => {
    const config = objectArg(c.args);
    const get = (k: string) => prop(config, k);
    const values = stringList(get("enum"));
    const enumText = values ? `enum(${values.map((v) => v.text).join(", ")})` : null;
    const mode = str(get("mode"))?.text;
    const length = num(get("length"));
    const precision = num(get("precision"));
    const scale = num(get("scale"));
    const withTz = isTrue(get("withTimezone"));
    const dims = num(get("dimensions"));
    const n = c.name;
    if (!c.object && enumNames.has(n)) return enumNames.get(n)!;
    if (!c.object && customTypes.has(n)) {
      const t = customTypes.get(n);
      if (t) {
        note(`${n} is a custom type: its columns are read as "${t}"`, start(c.nameNode));
        return t;
      }
      warn(`the custom type ${n} does not say its SQL type in a way read here; ${where} is skipped`, start(c.nameNode));
      return null;
    }
    if (!c.object && /[a-z0-9]Enum$/.test(n) && n !== "mysqlEnum" && n !== "pgEnum") {
      // An enum made in another block (`import { statusEnum } from './enums'`): by Drizzle's
      // naming habit, statusEnum = pgEnum('status', ...).
      const guess = snakeCase(n.slice(0, -4));
      note(`${n} is not defined in this block: taken to be the enum "${guess}"`, start(c.nameNode));
      return guess;
    }
    switch (n) {
      case "text":
      case "tinytext":
      case "mediumtext":
      case "longtext":
        if (enumText) return enumText;
        return mode === "json" ? "json" : "text";
      case "varchar":
        return enumText ?? (length ? `varchar(${length})` : "varchar");
      case "char":
        return enumText ?? (length ? `char(${length})` : "char");
      case "integer":
      case "int":
        return mode === "boolean" ? "boolean" : mode === "timestamp" || mode === "timestamp_ms" ? "timestamp" : "integer";
      case "smallint":
      case "tinyint":
        return "smallint";
      case "mediumint":
        return "integer";
      case "bigint":
        return "bigint";
      case "serial":
      case "bigserial":
      case "smallserial":
        return n;
      case "boolean":
      case "bool":
        return "boolean";
      case "timestamp":
      case "datetime": {
        const p = num(get("fsp")) ?? precision;
        const base = p ? `timestamp(${p})` : "timestamp";
        return withTz ? `${base} with time zone` : base;
      }
      case "date":
        return "date";
      case "time": {
        const base = precision ? `time(${precision})` : "time";
        return withTz ? `${base} with time zone` : base;
      }
      case "interval":
        return "interval";
      case "year":
        return "integer";
      case "numeric":
      case "decimal":
        return precision ? `${n}(${precision}${scale ? `,${scale}` : ""})` : n;
      case "real":
        return "real";
      case "float":
        return "float";
      case "doublePrecision":
      case "double":
        return "double precision";
      case "json":
      case "jsonb":
      case "uuid":
      case "inet":
      case "cidr":
      case "macaddr":
      case "macaddr8":
      case "bytea":
      case "point":
      case "line":
      case "geometry":
        return n;
      case "blob":
        return mode === "json" ? "json" : mode === "bigint" ? "bigint" : "bytea";
      case "binary":
      case "varbinary":
        return "bytea";
      case "vector":
      case "halfvec":
      case "sparsevec":
      case "bit":
        return dims ? `${n}(${dims})` : n;
      case "mysqlEnum": {
        const vals = stringList(c.args.find((a) => ts.isArrayLiteralExpression(unwrap(a))) ?? c.args[1]);
        if (vals) return `enum(${vals.map((v) => v.text).join(", ")})`;
        break;
      }
    }
    warn(`the column type ${n}(...) of ${where} is not understood; the column is skipped`, start(c.nameNode));
    return null;
  };

  /** The constraint text for .default(x), or null when x is not understood. */
  const defaultOf = (arg: TS.Expression | undefined, type: string): string | null => {
    if (!arg) return null;
    const sql = sqlText(arg);
    if (sql !== null) return sql ? `default ${sql}` : null;
    const lit = literal(arg);
    if (!lit) return null;
    const v = lit.value;
    const base = type.replace(/\[\]$/, "");
    // JSON columns hold JSON text, so every literal is stored as its JSON, quoted.
    if (base === "json" || base === "jsonb") return `default ${quote(JSON.stringify(v))}`;
    if (Array.isArray(v) && type.endsWith("[]")) {
      if (v.some((x) => x !== null && typeof x === "object")) return null;
      return `default '{${v.map((x) => (typeof x === "string" && !/^[\w.-]+$/.test(x) ? JSON.stringify(x) : String(x))).join(",")}}'`;
    }
    if (typeof v === "string") return `default ${quote(v)}`;
    if (typeof v === "number" || typeof v === "boolean" || v === null) return `default ${String(v)}`;
    return `default ${quote(JSON.stringify(v))}`;
  };

  /** What a $defaultFn(() => x) makes: the constraint text and a note, or null. */
  const defaultFnOf = (arg: TS.Expression | undefined, type: string): { text: string; note?: string } | null => {
    const body = returned(arg);
    if (!body) return null;
    let e = body;
    // new Date().toISOString(), Date.now(): the current time whatever the form.
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isNewExpression(unwrap(e.expression.expression))) e = unwrap(e.expression.expression);
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Date" && !e.arguments?.length) return { text: "default now()" };
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
      const owner = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : "";
      if (owner === "Date" && name === "now") return { text: "default now()" };
      if (APP_ID.test(name)) return { text: "default gen_random_uuid()", note: `${body.getText(sf)}` };
    }
    const d = defaultOf(body, type);
    return d ? { text: d } : null;
  };
  return { typeOf, defaultOf, defaultFnOf };
}

function quote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`;
}
