// Rails' schema pasted into a spec: db/schema.rb and migrations (`create_table "tasks" do |t|
// t.string "title", limit: 200, null: false ... end`, `add_index`, `add_foreign_key`, `add_column`,
// `add_reference`, `change_table`), and the ActiveRecord models beside them (`validates :title,
// presence: true, length: { maximum: 200 }`, `enum status: { todo: 0, done: 1 }`, `belongs_to`).
// Each create_table is a raw table named as written; each `t.<type>` a column, the way Rails makes
// it: NULL unless `null: false`; an `id` bigserial key unless `id: :uuid` (uuid, gen_random_uuid())
// or `id: false`; `t.references :user` a user_id bigint keyed on users when `foreign_key:` says so
// (`to_table:` names another); `t.timestamps` created_at/updated_at NOT NULL. A model's table is its
// class in snake_case plural (`LineItem` -> line_items) unless `self.table_name =`; its validations
// are the column's rules, an enum its values (integer-backed enums are stored as their names,
// noted), `belongs_to` (required unless `optional: true`) makes the key NOT NULL, `has_many ...,
// dependent: :destroy` makes the other table's key cascade.
// No Ruby parser is installed: this is a hand-written reader of that DSL subset (a tokenizer and a
// reader of call arguments: strings, symbols, numbers, arrays, %w[] lists, ranges, hashes, lambdas),
// tested in tests/unit/read-rails.test.ts; a statement it does not read is SF113 at its place.
import type { BlockReader, ReaderResult, SourceBlock } from "./block.js";
import type { RawCheck, RawIndex, RawTable, RawText } from "./raw.js";
import { openResult } from "./block.js";
import { codeSnake, defaultPhrase, pluralSnake } from "./script-block.js";

export function loadRailsReader(): BlockReader {
  return readRails;
}

const HINT = "a Rails column is `t.string \"title\", limit: 200, null: false` inside `create_table \"tasks\" do |t| ... end`";

/** A value of a call's arguments. */
type Val =
  | { k: "str"; v: string; at: number }
  | { k: "sym"; v: string; at: number }
  | { k: "num"; v: string; at: number }
  | { k: "bool"; v: boolean; at: number }
  | { k: "nil"; at: number }
  | { k: "arr"; v: Val[]; at: number }
  | { k: "hash"; v: Map<string, Val>; at: number }
  | { k: "range"; lo: string; hi: string; at: number }
  | { k: "code"; v: string; at: number };

interface Tok {
  readonly t: "str" | "sym" | "label" | "num" | "id" | "punct" | "words" | "lambda" | "range";
  readonly v: string;
  readonly at: number;
  readonly words?: string[];
}

/** Tokens of one statement (a line, joined with the next while brackets are open or it ends in a comma). */
function tokenize(s: string, base: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "#") break;
    const rest = s.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^(["'])((?:\\.|(?!\1).)*)\1(:)?(?!:)/.exec(rest))) {
      out.push({ t: m[3] ? "label" : "str", v: m[2]!.replace(/\\(.)/g, "$1"), at: base + i });
      i += m[0].length;
    } else if ((m = /^%[wi]([[({<])([^\])}>]*)[\])}>]/.exec(rest))) {
      out.push({ t: "words", v: m[0], at: base + i, words: m[2]!.trim().split(/\s+/).filter(Boolean) });
      i += m[0].length;
    } else if ((m = /^->\s*(?:\([^)]*\))?\s*\{\s*([^}]*)\}/.exec(rest)) || (m = /^lambda\s*\{\s*([^}]*)\}/.exec(rest))) {
      out.push({ t: "lambda", v: m[1]!.trim(), at: base + i });
      i += m[0].length;
    } else if ((m = /^(-?\d[\d_]*(?:\.\d+)?)\.\.(\.?)(-?\d[\d_]*(?:\.\d+)?)/.exec(rest))) {
      out.push({ t: "range", v: `${m[1]}..${m[2]}${m[3]}`, at: base + i });
      i += m[0].length;
    } else if ((m = /^:"([^"]*)"|^:([A-Za-z_]\w*[?!]?)/.exec(rest))) {
      out.push({ t: "sym", v: m[1] ?? m[2]!, at: base + i });
      i += m[0].length;
    } else if ((m = /^([A-Za-z_]\w*[?!]?):(?!:)/.exec(rest))) {
      out.push({ t: "label", v: m[1]!, at: base + i });
      i += m[0].length;
    } else if ((m = /^-?\d[\d_]*(?:\.\d+)?/.exec(rest))) {
      out.push({ t: "num", v: m[0].replace(/_/g, ""), at: base + i });
      i += m[0].length;
    } else if ((m = /^(?:[A-Za-z_]\w*[?!]?)(?:(?:::|\.)[A-Za-z_]\w*[?!]?)*(?:\[[\d.]+\])?/.exec(rest))) {
      out.push({ t: "id", v: m[0], at: base + i });
      i += m[0].length;
    } else if ((m = /^(=>|\|[^|]*\||[{}[\](),=<.])/.exec(rest))) {
      out.push({ t: "punct", v: m[0], at: base + i });
      i += m[0].length;
    } else {
      out.push({ t: "punct", v: c, at: base + i });
      i++;
    }
  }
  return out;
}

/** Reads comma-separated values from tokens[i]; trailing `key: value` pairs are one hash. */
function readArgs(toks: Tok[], start: number): { args: Val[]; opts: Map<string, Val> } {
  let i = start;
  if (toks[i]?.v === "(") i++;
  const args: Val[] = [];
  const opts = new Map<string, Val>();
  const value = (): Val | null => {
    const t = toks[i];
    if (!t) return null;
    i++;
    switch (t.t) {
      case "str":
        return { k: "str", v: t.v, at: t.at };
      case "sym":
        return { k: "sym", v: t.v, at: t.at };
      case "num":
        return { k: "num", v: t.v, at: t.at };
      case "words":
        return { k: "arr", v: t.words!.map((w) => ({ k: "str", v: w, at: t.at }) as Val), at: t.at };
      case "lambda":
        return { k: "code", v: t.v, at: t.at };
      case "range": {
        const [lo, hi] = t.v.split(/\.\.\.?/) as [string, string];
        return { k: "range", lo, hi: t.v.includes("...") ? String(Number(hi) - 1) : hi, at: t.at };
      }
      case "id":
        if (t.v === "true" || t.v === "false") return { k: "bool", v: t.v === "true", at: t.at };
        if (t.v === "nil") return { k: "nil", at: t.at };
        return { k: "code", v: t.v, at: t.at };
      case "punct":
        if (t.v === "[") {
          const items: Val[] = [];
          while (toks[i] && toks[i]!.v !== "]") {
            const v = value();
            if (v) items.push(v);
            if (toks[i]?.v === ",") i++;
          }
          i++;
          return { k: "arr", v: items, at: t.at };
        }
        if (t.v === "{") {
          const h = new Map<string, Val>();
          while (toks[i] && toks[i]!.v !== "}") {
            const key = toks[i]!;
            if (key.t === "label") {
              i++;
              const v = value();
              if (v) h.set(key.v, v);
            } else {
              // `:a => 1`, `"a" => 1`
              const kv = value();
              if (toks[i]?.v === "=>") {
                i++;
                const v = value();
                if (kv && v && (kv.k === "sym" || kv.k === "str")) h.set(kv.v, v);
              }
            }
            if (toks[i]?.v === ",") i++;
          }
          i++;
          return { k: "hash", v: h, at: t.at };
        }
        return { k: "code", v: t.v, at: t.at };
      default:
        return { k: "code", v: t.v, at: t.at };
    }
  };
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.v === ")" || t.v === "do" || t.t === "punct" && /^\|/.test(t.v)) break;
    if (t.t === "label") {
      i++;
      const v = value();
      if (v) opts.set(t.v, v);
    } else {
      const v = value();
      if (!v) break;
      if (toks[i]?.v === "=>") {
        i++;
        const w = value();
        if (w && (v.k === "sym" || v.k === "str")) opts.set(v.v, w);
      } else args.push(v);
    }
    if (toks[i]?.v === ",") i++;
    else if (toks[i] && toks[i]!.v !== ")" && toks[i]!.v !== "do") break;
  }
  return { args, opts };
}

const TYPES: Readonly<Record<string, string>> = {
  string: "varchar", text: "text", integer: "integer", bigint: "bigint", smallint: "smallint", float: "double precision", decimal: "numeric", numeric: "numeric",
  boolean: "boolean", date: "date", datetime: "timestamp", timestamp: "timestamp", timestamptz: "timestamptz", time: "time", json: "json", jsonb: "jsonb",
  uuid: "uuid", binary: "bytea", citext: "text", inet: "inet", cidr: "cidr", interval: "interval", money: "numeric(19, 2)", hstore: "jsonb", virtual: "",
};

interface Col {
  name: RawText;
  type: RawText;
  constraints: RawText[];
  nullable: boolean;
  explicitNull: boolean;
}
interface Tbl {
  name: RawText;
  columns: Col[];
  indexes: RawIndex[];
  checks: RawCheck[];
  created: boolean;
  at: number;
}

function readRails(block: SourceBlock): ReaderResult {
  const { out, raw, warn, note, span } = openResult(block);
  const text = block.text;
  // Statements: lines, joined while a bracket is open or the line ends in a comma / backslash.
  const stmts: { s: string; at: number }[] = [];
  const lines = text.split("\n");
  let off = 0;
  let cur: { s: string; at: number } | null = null;
  let depth = 0;
  for (const line of lines) {
    const code = line.replace(/(^|\s)#.*$/, (m) => " ".repeat(m.length));
    if (cur) cur.s += "\n" + code;
    else cur = { s: code, at: off };
    // Spaces keep offsets only for the first line of a statement; later lines are placed by search.
    for (const ch of code.replace(/(["'])(?:\\.|(?!\1).)*\1/g, "")) {
      if ("([{".includes(ch)) depth++;
      else if (")]}".includes(ch)) depth--;
    }
    if (depth <= 0 && !/[,\\]\s*$/.test(code)) {
      stmts.push(cur);
      cur = null;
      depth = 0;
    }
    off += line.length + 1;
  }
  if (cur) stmts.push(cur);

  const tables = new Map<string, Tbl>();
  const order: Tbl[] = [];
  const tableOf = (name: string, at: number, created: boolean): Tbl => {
    let t = tables.get(name);
    if (!t) {
      t = { name: raw(name, at), columns: [], indexes: [], checks: [], created, at };
      tables.set(name, t);
      order.push(t);
    } else if (created) {
      t.created = true;
      t.name = raw(name, at);
    }
    return t;
  };
  const colOf = (t: Tbl, name: string): Col | undefined => t.columns.find((c) => c.name.text === name);
  const name = (v: Val | undefined): string | null => (v && (v.k === "str" || v.k === "sym") ? v.v : null);
  const names = (v: Val | undefined): string[] | null => {
    if (!v) return null;
    if (v.k === "arr") {
      const n = v.v.map(name);
      return n.every((x): x is string => x !== null) ? n : null;
    }
    const one = name(v);
    return one ? [one] : null;
  };
  const deleteOf = (v: Val | undefined): string => {
    const a = name(v)?.replace(/_/g, " ");
    if (a === "nullify") return " on delete set null";
    return a && /^(cascade|restrict|set null|no action)$/.test(a) ? ` on delete ${a}` : "";
  };

  /** A column (t.string "title", ... or add_column). */
  const addColumn = (t: Tbl, type: string, cname: string, opts: Map<string, Val>, at: number): void => {
    let sqlType = TYPES[type];
    if (sqlType === undefined) {
      warn(`t.${type} "${cname}" in "${t.name.text}": the type ${type} is not read here; stored as text`, at, HINT);
      sqlType = "text";
    }
    const limit = opts.get("limit");
    if (limit?.k === "num") {
      if (sqlType === "varchar") sqlType = `varchar(${limit.v})`;
      else if (sqlType === "integer") sqlType = Number(limit.v) >= 8 ? "bigint" : Number(limit.v) <= 2 ? "smallint" : "integer";
    }
    if (sqlType === "varchar") sqlType = "text";
    const p = opts.get("precision");
    const sc = opts.get("scale");
    if (sqlType === "numeric" && p?.k === "num") sqlType = `numeric(${p.v}${sc?.k === "num" ? `, ${sc.v}` : ""})`;
    if (opts.get("array")?.k === "bool" && (opts.get("array") as { v: boolean }).v) sqlType += "[]";
    const nul = opts.get("null");
    const existing = colOf(t, cname);
    const c: Col = existing ?? { name: raw(cname, at), type: raw(sqlType, at), constraints: [], nullable: true, explicitNull: false };
    c.type = raw(sqlType, at);
    if (nul?.k === "bool") {
      c.nullable = nul.v;
      c.explicitNull = true;
    }
    const d = opts.get("default");
    if (d) {
      const ph = defaultOf(d, sqlType);
      if (ph) c.constraints.push(raw(ph, d.at));
      else if (d.k !== "nil" && !((d.k === "arr" || d.k === "hash") && (d.k === "arr" ? d.v.length : d.v.size) === 0)) warn(`the default of "${t.name.text}.${cname}" is not a literal read here; it is not kept`, d.at);
    }
    if (opts.get("primary_key")?.k === "bool") c.constraints.push(raw("primary key", at));
    const idx = opts.get("index");
    if (idx?.k === "bool" && idx.v) t.indexes.push({ columns: [cname], unique: false, span: span(at) });
    if (idx?.k === "hash" && idx.v.get("unique")?.k === "bool") c.constraints.push(raw("unique", idx.at));
    if (!existing) t.columns.push(c);
  };
  const defaultOf = (d: Val, sqlType: string): string | null => {
    if (d.k === "str") return defaultPhrase(d.v, true);
    if (d.k === "num") return defaultPhrase(d.v, false);
    if (d.k === "bool") return `default ${d.v}`;
    if (d.k === "code" && /^["'](.*)["']$/.test(d.v.trim())) return defaultPhrase(d.v.trim().slice(1, -1), false);
    if (d.k === "sym") return defaultPhrase(d.v, true);
    void sqlType;
    return null;
  };
  /** t.references :user, foreign_key: true / add_reference :tasks, :user. */
  const addReference = (t: Tbl, ref: string, opts: Map<string, Val>, at: number): void => {
    const poly = opts.get("polymorphic");
    const typeOpt = name(opts.get("type"));
    const colType = typeOpt ? TYPES[typeOpt] ?? typeOpt : "bigint";
    const cname = `${ref}_id`;
    const nul = opts.get("null");
    const c: Col = colOf(t, cname) ?? { name: raw(cname, at), type: raw(colType, at), constraints: [], nullable: true, explicitNull: false };
    if (!colOf(t, cname)) t.columns.push(c);
    if (nul?.k === "bool") {
      c.nullable = nul.v;
      c.explicitNull = true;
    }
    if (poly?.k === "bool" && poly.v) {
      t.columns.push({ name: raw(`${ref}_type`, at), type: raw("varchar", at), constraints: [], nullable: c.nullable, explicitNull: c.explicitNull });
      return;
    }
    const fk = opts.get("foreign_key");
    const idx = opts.get("index");
    if (idx?.k === "hash" && idx.v.get("unique")?.k === "bool") c.constraints.push(raw("unique", idx.at));
    else if (!(idx?.k === "bool" && !idx.v)) t.indexes.push({ columns: [cname], unique: false, span: span(at) });
    if (fk && !(fk.k === "bool" && !fk.v)) {
      const to = fk.k === "hash" ? name(fk.v.get("to_table")) : null;
      const target = to ?? pluralSnake(ref);
      const action = fk.k === "hash" ? deleteOf(fk.v.get("on_delete")) : "";
      c.constraints.push(raw(`references ${target}(${fk.k === "hash" ? name(fk.v.get("primary_key")) ?? "id" : "id"})${action}`, fk.at));
      if (!tables.has(target) && !typeOpt) c.type = raw("", at);
    } else note(`"${t.name.text}.${cname}" (references :${ref}) has no foreign_key: option; read as a plain column`, at);
  };
  /** A statement inside a create_table / change_table block, for table t. */
  const tableStatement = (t: Tbl, recv: string, toks: Tok[], at: number): void => {
    const head = toks[0]!;
    const m = new RegExp(`^${recv.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\w+)$`).exec(head.v);
    if (!m) {
      warn(`a line in create_table "${t.name.text}" is not a ${recv}.<type> call; not read`, at, HINT);
      return;
    }
    const method = m[1]!;
    const { args, opts } = readArgs(toks, 1);
    switch (method) {
      case "timestamps": {
        const nul = opts.get("null");
        for (const c of ["created_at", "updated_at"]) {
          t.columns.push({ name: raw(c, at), type: raw("timestamp", at), constraints: [], nullable: nul?.k === "bool" ? nul.v : false, explicitNull: true });
        }
        return;
      }
      case "references":
      case "belongs_to":
        for (const a of args) if (name(a)) addReference(t, name(a)!, opts, a.at);
        return;
      case "index": {
        const cols = names(args[0]);
        if (!cols) {
          warn(`the index of "${t.name.text}" here is not a list of column names (an expression index is not read)`, at);
          return;
        }
        const u = opts.get("unique");
        t.indexes.push({ columns: cols, unique: u?.k === "bool" && u.v, ...(name(opts.get("name")) ? { name: name(opts.get("name"))! } : {}), span: span(at) });
        return;
      }
      case "check_constraint": {
        const e = args[0];
        if (e?.k === "str") t.checks.push({ expression: raw(e.v, e.at), ...(name(opts.get("name")) ? { name: name(opts.get("name"))! } : {}), dialect: "postgresql" });
        return;
      }
      case "remove":
      case "rename":
      case "remove_references":
      case "remove_index":
      case "change":
        warn(`${recv}.${method} in "${t.name.text}" is not applied here (the spec's tables are read as created)`, at);
        return;
      default: {
        const type = method === "column" ? name(args[1]) ?? "" : method;
        const colNames = method === "column" ? [args[0]] : args;
        for (const a of colNames) {
          const n = name(a);
          if (n) addColumn(t, type, n, opts, a!.at);
        }
        if (!colNames.some((a) => name(a))) warn(`${recv}.${method} in "${t.name.text}" names no column here; not read`, at, HINT);
      }
    }
  };

  // Models: validations and enums kept until every table is read (a model may come first).
  interface Model {
    cls: string;
    table: string;
    at: number;
    stmts: { toks: Tok[]; at: number }[];
  }
  const models: Model[] = [];

  let inTable: { t: Tbl; recv: string } | null = null;
  let inModel: Model | null = null;
  let nest = 0;
  for (const st of stmts) {
    const toks = tokenize(st.s, st.at);
    if (!toks.length) continue;
    const at = toks[0]!.at;
    const head = toks[0]!.v;
    const opens = toks.some((x) => x.v === "do") || /^(class|module|def|if|unless|case|begin|while|until)$/.test(head);
    if (inTable) {
      if (head === "end" && nest === 0) {
        inTable = null;
        continue;
      }
      if (head === "end") {
        nest--;
        continue;
      }
      if (opens) nest++;
      tableStatement(inTable.t, inTable.recv, toks, at);
      continue;
    }
    if (inModel) {
      if (head === "end" && nest === 0) {
        inModel = null;
        continue;
      }
      if (head === "end") nest--;
      else if (opens) nest++;
      else inModel.stmts.push({ toks, at });
      continue;
    }
    if (head === "create_table" || head === "change_table") {
      const { args, opts } = readArgs(toks, 1);
      const tname = name(args[0]);
      const recvTok = toks.find((x) => x.t === "punct" && /^\|/.test(x.v));
      if (!tname) {
        warn(`${head} here does not name its table; not read`, at, HINT);
        continue;
      }
      const t = tableOf(tname, args[0]!.at + (args[0]!.k === "str" ? 1 : 1), head === "create_table");
      if (head === "create_table") {
        const id = opts.get("id");
        const pk = name(opts.get("primary_key"));
        if (!(id?.k === "bool" && !id.v)) {
          const idType = id && name(id) ? TYPES[name(id)!] ?? name(id)! : "bigserial";
          const c: Col = { name: raw(pk ?? "id", at), type: raw(idType === "bigint" ? "bigserial" : idType === "integer" ? "serial" : idType, at), constraints: [raw("primary key", at)], nullable: false, explicitNull: true };
          if (idType === "uuid") c.constraints.push(raw("default gen_random_uuid()", at));
          t.columns.unshift(c);
        }
      }
      if (recvTok) inTable = { t, recv: recvTok.v.slice(1, -1).trim() };
      nest = 0;
      continue;
    }
    if (head === "create_join_table") {
      const { args } = readArgs(toks, 1);
      const [a, b] = [name(args[0]), name(args[1])];
      if (a && b) {
        const jt = tableOf([pluralSnake(a), pluralSnake(b)].sort().join("_"), at, true);
        for (const x of [a, b]) {
          const s = x.replace(/s$/, "");
          jt.columns.push({ name: raw(`${s}_id`, at), type: raw("", at), constraints: [raw(`references ${pluralSnake(s)}(id)`, at)], nullable: false, explicitNull: true });
        }
      }
      if (toks.some((x) => x.v === "do")) { inTable = { t: tableOf([pluralSnake(a ?? ""), pluralSnake(b ?? "")].sort().join("_"), at, true), recv: "t" }; nest = 0; }
      continue;
    }
    if (head === "add_column" || head === "add_reference" || head === "add_belongs_to" || head === "add_index" || head === "add_foreign_key" || head === "change_column_null" || head === "change_column_default" || head === "add_check_constraint" || head === "add_timestamps") {
      const { args, opts } = readArgs(toks, 1);
      const tname = name(args[0]);
      if (!tname) {
        warn(`${head} here does not name its table; not read`, at);
        continue;
      }
      const t = tableOf(tname, args[0]!.at + 1, false);
      if (head === "add_column") {
        const [c, ty] = [name(args[1]), name(args[2])];
        if (c && ty) addColumn(t, ty, c, opts, args[1]!.at);
      } else if (head === "add_reference" || head === "add_belongs_to") {
        const r = name(args[1]);
        if (r) addReference(t, r, opts, args[1]!.at);
      } else if (head === "add_timestamps") {
        for (const c of ["created_at", "updated_at"]) t.columns.push({ name: raw(c, at), type: raw("timestamp", at), constraints: [], nullable: opts.get("null")?.k === "bool" ? (opts.get("null") as { v: boolean }).v : false, explicitNull: true });
      } else if (head === "add_index") {
        const cols = names(args[1]);
        if (!cols) warn(`the index on "${tname}" here is not a list of column names; not read`, at);
        else t.indexes.push({ columns: cols, unique: opts.get("unique")?.k === "bool" && (opts.get("unique") as { v: boolean }).v, ...(name(opts.get("name")) ? { name: name(opts.get("name"))! } : {}), span: span(at) });
      } else if (head === "add_foreign_key") {
        const to = name(args[1]);
        if (!to) continue;
        const column = name(opts.get("column")) ?? `${to.replace(/ies$/, "y").replace(/s$/, "")}_id`;
        const phrase = `references ${to}(${name(opts.get("primary_key")) ?? "id"})${deleteOf(opts.get("on_delete"))}`;
        const c = colOf(t, column);
        if (c) {
          c.constraints = c.constraints.filter((x) => !x.text.startsWith("references"));
          c.constraints.push(raw(phrase, at));
          if (!tables.has(to) && c.type.text === "bigint") c.type = raw("", at);
        } else t.columns.push({ name: raw(column, at), type: raw("", at), constraints: [raw(phrase, at)], nullable: true, explicitNull: false });
      } else if (head === "change_column_null") {
        const c = colOf(t, name(args[1]) ?? "");
        if (c && args[2]?.k === "bool") {
          c.nullable = args[2].v;
          c.explicitNull = true;
        }
      } else if (head === "change_column_default") {
        const c = colOf(t, name(args[1]) ?? "");
        const d = opts.get("to") ?? args[2];
        const ph = d ? defaultOf(d, c?.type.text ?? "") : null;
        if (c && ph) c.constraints = [...c.constraints.filter((x) => !x.text.startsWith("default")), raw(ph, at)];
      } else if (head === "add_check_constraint" && args[1]?.k === "str") {
        t.checks.push({ expression: raw(args[1].v, args[1].at), ...(name(opts.get("name")) ? { name: name(opts.get("name"))! } : {}), dialect: "postgresql" });
      }
      continue;
    }
    if (head === "class") {
      const m = /^class\s+([\w:]+)\s*<\s*([\w:]+)(?:\[[\d.]+\])?/.exec(st.s.trim());
      if (m && /Migration/.test(m[2]!)) continue; // the migration's own class: its body is read as statements
      if (m) {
        const cls = m[1]!.split("::").pop()!;
        inModel = { cls, table: pluralSnake(codeSnake(cls)), at: toks[1]?.at ?? at, stmts: [] };
        models.push(inModel);
        nest = 0;
        continue;
      }
    }
    if (/^(end|def|ActiveRecord::Schema.*|enable_extension|create_enum|execute|remove_\w+|drop_table|rename_\w+|change_column|reversible|up|down|change|module|require|#)$/.test(head) || /^ActiveRecord::Schema/.test(head)) {
      if (/^(remove_\w+|drop_table|rename_\w+|change_column)$/.test(head)) warn(`${head} is not applied here (the spec's tables are read as created)`, at);
      continue;
    }
    warn(`this Ruby statement is not read here (${head}); it is ignored`, at, HINT);
  }

  // Models: table names, validations, enums, belongs_to / has_many.
  const modelTable = new Map<string, string>();
  for (const md of models) {
    const tn = md.stmts.find((s) => s.toks[0]?.v === "self.table_name" || (s.toks[0]?.v === "self" && s.toks[2]?.v === "table_name"));
    const given = tn ? tn.toks.find((x) => x.t === "str")?.v : undefined;
    if (given) md.table = given;
    modelTable.set(md.cls, md.table);
  }
  const cascadeKeys: { table: string; column: string; action: string }[] = [];
  for (const md of models) {
    const t = tables.get(md.table);
    if (!t) {
      if (md.stmts.some((s) => /^(validates|validates_\w+|enum)$/.test(s.toks[0]!.v))) warn(`model ${md.cls}: its table "${md.table}" is not created in this spec's Ruby; its rules are not read`, md.at);
      continue;
    }
    note(`model ${md.cls} read as the rules of table "${md.table}" (Rails' default name: the class in snake_case, plural)`, md.at);
    for (const { toks, at } of md.stmts) {
      const head = toks[0]!.v;
      const { args, opts } = readArgs(toks, 1);
      if (head === "validates" || /^validates_(\w+)_of$/.test(head)) {
        const cols = args.map(name).filter((x): x is string => !!x);
        const kind = /^validates_(\w+)_of$/.exec(head)?.[1];
        const rules = new Map(opts);
        if (kind) rules.set(kind, kind === "presence" || kind === "uniqueness" ? { k: "bool", v: true, at } : { k: "hash", v: opts, at });
        for (const cn of cols) {
          const c = colOf(t, cn) ?? colOf(t, `${cn}_id`);
          if (!c) {
            warn(`model ${md.cls} validates :${cn}, which is no column of "${md.table}"; not enforced`, at);
            continue;
          }
          applyValidations(md.cls, t, c, rules, at);
        }
      } else if (head === "enum") {
        // enum status: { todo: 0 }, enum :status, { ... } / [...] / %w[...]
        let col: string | null = null;
        let defn: Val | undefined;
        if (args.length && name(args[0])) {
          col = name(args[0]);
          defn = args[1] ?? (opts.size ? { k: "hash", v: new Map([...opts].filter(([k]) => !k.startsWith("_") && !/^(prefix|suffix|default|scopes|validate|instance_methods)$/.test(k))), at } : undefined);
        } else {
          const first = [...opts].find(([k]) => !k.startsWith("_"));
          if (first) [col, defn] = first;
        }
        const c = col ? colOf(t, col) : undefined;
        if (!c || !defn) {
          warn(`model ${md.cls}: the enum here is not read (its column or values are not written as Rails writes them)`, at);
          continue;
        }
        const entries: [string, Val | null][] = defn.k === "hash" ? [...defn.v] : defn.k === "arr" ? defn.v.map((x) => [name(x) ?? "", null]) : [];
        if (!entries.length) continue;
        const stored = entries.map(([k, v]) => (v && v.k === "str" ? v.v : k));
        const intBacked = /^(integer|bigint|smallint)$/.test(c.type.text);
        c.type = raw(`enum(${stored.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")})`, at);
        if (intBacked) {
          note(`model ${md.cls}: enum ${col} is an integer column in Rails, read as its names (${stored.join(", ")}), the values its API takes`, at);
          const d = c.constraints.find((x) => x.text.startsWith("default "));
          if (d) {
            const n = d.text.slice(8).trim();
            const idx = entries.findIndex(([, v], i) => (v && v.k === "num" ? v.v : String(i)) === n);
            c.constraints = c.constraints.filter((x) => x !== d);
            if (idx >= 0) c.constraints.push({ text: `default '${stored[idx]}'`, span: d.span });
          }
        }
      } else if (head === "belongs_to") {
        const r = name(args[0]);
        const fk = name(opts.get("foreign_key")) ?? `${r}_id`;
        const c = r ? colOf(t, fk) : undefined;
        const optional = opts.get("optional");
        if (c && !(optional?.k === "bool" && optional.v) && !c.explicitNull) c.nullable = false;
        if (c && !c.constraints.some((x) => x.text.startsWith("references"))) {
          const cn = name(opts.get("class_name"));
          const target = cn ? modelTable.get(cn) ?? pluralSnake(codeSnake(cn)) : pluralSnake(r!);
          c.constraints.push(raw(`references ${target}(id)`, args[0]!.at));
          if (!tables.has(target)) c.type = raw("", args[0]!.at);
        }
      } else if (head === "has_many" || head === "has_one") {
        const dep = name(opts.get("dependent"));
        const r = name(args[0]);
        if (r && dep && /^(destroy|delete_all|delete)$/.test(dep) && !opts.get("through")) {
          const cn = name(opts.get("class_name"));
          const target = cn ? modelTable.get(cn) ?? pluralSnake(codeSnake(cn)) : head === "has_one" ? pluralSnake(r) : r;
          cascadeKeys.push({ table: target, column: name(opts.get("foreign_key")) ?? `${codeSnake(md.cls)}_id`, action: dep === "nullify" ? "set null" : "cascade" });
        }
      } else if (!/^(has_and_belongs_to_many|scope|before_\w+|after_\w+|include|extend|has_secure_password|attribute|delegate|accepts_nested_attributes_for|normalizes|self\.table_name|self|private|protected|def|default_scope|encrypts|serialize|store_accessor|has_one_attached|has_many_attached)$/.test(head)) {
        warn(`model ${md.cls}: ${head} is not read here; ignored`, at);
      }
    }
  }
  for (const k of cascadeKeys) {
    const c = tables.get(k.table) ? colOf(tables.get(k.table)!, k.column) : undefined;
    const ref = c?.constraints.find((x) => x.text.startsWith("references"));
    if (c && ref && !/ on delete /.test(ref.text)) c.constraints = c.constraints.map((x) => (x === ref ? { text: `${ref.text} on delete ${k.action}`, span: ref.span } : x));
  }

  function applyValidations(cls: string, t: Tbl, c: Col, rules: Map<string, Val>, at: number): void {
    const text = /^(text|varchar|char)/.test(c.type.text);
    for (const [k, v] of rules) {
      const h = v.k === "hash" ? v.v : null;
      const num = (x: Val | undefined): string | null => (x && x.k === "num" ? x.v : null);
      switch (k) {
        case "presence":
          if (v.k === "bool" && v.v) {
            c.nullable = false;
            if (text) c.constraints.push(raw("not empty", v.at));
          }
          break;
        case "length": {
          const inR = h?.get("in") ?? h?.get("within");
          const min = num(h?.get("minimum")) ?? (inR?.k === "range" ? inR.lo : null) ?? num(h?.get("is"));
          const max = num(h?.get("maximum")) ?? (inR?.k === "range" ? inR.hi : null) ?? num(h?.get("is"));
          if (min) c.constraints.push(raw(`min length ${min}`, v.at));
          if (max) c.constraints.push(raw(`max length ${max}`, v.at));
          break;
        }
        case "numericality": {
          const ops: [string, string][] = [["greater_than", ">"], ["greater_than_or_equal_to", ">="], ["less_than", "<"], ["less_than_or_equal_to", "<="], ["equal_to", "="]];
          for (const [key, op] of ops) {
            const n = num(h?.get(key));
            if (n && op !== "=") c.constraints.push(raw(`${op} ${n}`, v.at));
          }
          const inR = h?.get("in");
          if (inR?.k === "range") c.constraints.push(raw(`>= ${inR.lo}`, v.at), raw(`<= ${inR.hi}`, v.at));
          break;
        }
        case "inclusion": {
          const list = h?.get("in") ?? h?.get("within");
          if (list?.k === "arr") {
            const vals = list.v.map((x) => (x.k === "str" || x.k === "sym" || x.k === "num" ? String(x.v) : null)).filter((x): x is string => x !== null);
            c.type = raw(`enum(${vals.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")})`, v.at);
          } else if (list?.k === "range") c.constraints.push(raw(`>= ${list.lo}`, v.at), raw(`<= ${list.hi}`, v.at));
          else warn(`model ${cls}: the inclusion list of ${c.name.text} is not written here; not enforced`, v.at);
          break;
        }
        case "format": {
          const w = h?.get("with");
          if (w?.k === "code" && /EMAIL/i.test(w.v)) c.constraints.push(raw("email format", v.at));
          else if (w?.k === "code" && /URI|URL/i.test(w.v)) c.constraints.push(raw("url format", v.at));
          else warn(`model ${cls}: the format of ${c.name.text} is not read here; not enforced`, v.at);
          break;
        }
        case "uniqueness": {
          const scope = h ? names(h.get("scope")) : null;
          if (scope) t.indexes.push({ columns: [...scope, c.name.text], unique: true, span: span(v.at) });
          else if ((v.k === "bool" && v.v) || h) c.constraints.push(raw("unique", v.at));
          break;
        }
        case "allow_nil":
        case "allow_blank":
        case "on":
        case "if":
        case "unless":
        case "message":
        case "strict":
          break;
        default:
          warn(`model ${cls}: the validation ${k} of ${c.name.text} is not read here; not enforced`, v.at);
      }
    }
    // `presence` with a `length: { minimum: n }`: the written minimum, not just "not empty".
    if (c.constraints.some((x) => /^min length [1-9]/.test(x.text))) c.constraints = c.constraints.filter((x) => x.text !== "not empty");
    void at;
  }

  for (const t of order) {
    if (!t.columns.length) {
      if (t.created) warn(`create_table "${t.name.text}" has no column read here; it is not a table`, t.at, HINT);
      continue;
    }
    const table: RawTable = {
      name: t.name,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, constraints: [{ text: c.nullable ? "nullable" : "not null", span: c.type.span }, ...c.constraints] })),
      indexes: t.indexes,
      ...(t.checks.length ? { checks: t.checks } : {}),
      notation: "rails",
      ...(t.created ? {} : { fragment: true }),
    };
    out.tables.push(table);
  }
  return out;
}
