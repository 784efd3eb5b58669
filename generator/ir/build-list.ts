// What a list endpoint accepts in its query string, resolved against the table's columns.
// Only what is resolved here reaches SQL: the generated route answers 422 to any other
// parameter, any sort key or filter word not listed here.
import type { Column, ListFilter, ListSpec, ManyToMany, Span, Table } from "./types.js";
import type { RawEndpoint, RawQueryParam } from "../parse/raw.js";
import { snakeCase, words } from "../base/naming.js";
import { maxOf } from "../parse/query-params.js";
import { hiddenColumn } from "./ownership.js";

export const DEFAULT_PAGE_SIZE = 50;
/** The hard ceiling: a spec asking for more is capped here (with a note). */
export const HARD_MAX_PAGE_SIZE = 1000;
export const DEFAULT_MAX_PAGE_SIZE = 100;

type Report = (severity: "warning" | "note", code: string, message: string, span: Span, hint?: string) => void;

const LIMIT = /^(limit|per_page|page_size|pagesize|size|count|take|max_results)$/i;
const OFFSET = /^(offset|skip|start)$/i;
const PAGE = /^(page|page_number|pagenumber)$/i;
const CURSOR = /^(cursor|after|next|page_token|starting_after)$/i;
const SORT = /^(sort|sort_by|sortby|order_by|orderby|ordering|sort_field)$/i;
const ORDER = /^(order|sort_order|sortorder|direction|dir|sort_dir|sort_direction)$/i;
const SEARCH = /^(search|q|query|keyword|keywords|term|text|filter_text|search_term)$/i;
const TRUE_WORDS = new Set(["true", "yes", "1", "completed", "complete", "done", "finished", "closed", "resolved", "checked", "on"]);
const FALSE_WORDS = new Set(["false", "no", "0", "pending", "active", "incomplete", "uncompleted", "open", "todo", "unchecked", "not_completed", "off"]);
const ANY_WORDS = new Set(["all", "any", "both", "everything"]);
const SEARCH_NAMES = new Set(["title", "name", "description", "content", "body", "text", "notes", "note", "summary", "subject", "label"]);

function isTextual(c: Column): boolean {
  return c.type.kind === "string" || c.type.kind === "text";
}

/** Columns a client may filter on when the spec lists no query parameters: booleans, enums, foreign keys. */
function inferredFilters(t: Table): ListFilter[] {
  return t.columns
    .filter((c) => c.role === "data" && (c.type.kind === "boolean" || c.type.kind === "enum" || c.references !== null))
    .map((c) => ({ param: c.name, column: c.name, choices: null }));
}

/** Bytes, lists and vectors: no order a client could mean, and no equality a query string could state. */
function incomparable(c: Column): boolean {
  return c.type.kind === "bytes" || c.type.kind === "array" || c.type.kind === "vector";
}

// A column no answer shows (a password hash, a secret, ownership.ts hiddenColumn): no list sorts,
// filters or searches by it either, which would tell its value.
function sortable(c: Column): boolean {
  return c.type.kind !== "json" && c.type.kind !== "text" && c.role !== "owner" && !incomparable(c) && !hiddenColumn(c);
}

/**
 * The name a word of the spec found the column by, when that is the name the column had before
 * a rename ("renamed from"): what the API spec says was written against the old schema, and
 * follows the column to its new name (with a diagnostic, see `followed` in buildListSpec).
 */
export interface FormerName {
  readonly column: Column;
  readonly former: string;
}

/** The first column whose current name fits, else the first whose former name does. */
function byName(cols: readonly Column[], fits: (name: string) => boolean): Column | undefined {
  return cols.find((c) => fits(c.name)) ?? cols.find((c) => c.renamedFrom !== undefined && fits(c.renamedFrom));
}

/** The former name `c` was found by, when `fits` holds for it and not for the current name. */
function formerFit(c: Column | undefined, fits: (name: string) => boolean): FormerName | null {
  return c && !fits(c.name) && c.renamedFrom !== undefined && fits(c.renamedFrom) ? { column: c, former: c.renamedFrom } : null;
}

const sortFits = (w: string) => [(n: string) => n === w, (n: string) => n === `${w}_at` || n === `${w}_date` || n === `${w}_on`] as const;

/** The former name a sort word found its column by (see sortColumn). */
function sortFormer(word: string, c: Column | undefined): string | null {
  const w = word.toLowerCase().replace(/^-/, "");
  const [exact, suffixed] = sortFits(w);
  return (formerFit(c, exact) ?? formerFit(c, suffixed))?.former ?? null;
}

/** A parameter whose listed values, or whole text after its name, are only directions: "sort (asc, desc)". */
function onlyDirections(p: RawQueryParam): boolean {
  const dir = /^(asc|desc|ascending|descending)$/i;
  if (p.values.length > 0) return p.values.every((v) => dir.test(v));
  const line = p.text.split("\n")[0]!;
  const after = line.slice(line.indexOf(p.name.text) + p.name.text.length).replace(/[`*"'()|,:/]|\bor\b/g, " ").trim();
  return after !== "" && after.split(/\s+/).every((w) => dir.test(w));
}

/** A sort value with its direction after a colon ("created_at:desc"): the key and the direction. */
function keyAndDirection(word: string): { key: string; direction: "asc" | "desc" | null } {
  const m = /^(.+?):(asc|desc)$/i.exec(word);
  return m ? { key: m[1]!, direction: m[2]!.toLowerCase() as "asc" | "desc" } : { key: word, direction: null };
}

/** "created" -> created_at, "due" -> due_date, "updated" -> updated_at, "title" -> title (or the column renamed from it); "createdAt" as created_at. */
function sortColumn(word: string, t: Table): Column | undefined {
  const cols = t.columns.filter(sortable);
  const key = keyAndDirection(word).key;
  const camel = /[a-z][A-Z]/.test(key) ? snakeCase(key.replace(/^-/, "")) : null;
  return sortColumnOf(key, cols) ?? (camel && !cols.some((c) => c.name === key.replace(/^-/, "")) ? sortColumnOf(camel, cols) : undefined);
}

function sortColumnOf(word: string, cols: Column[]): Column | undefined {
  const w = word.toLowerCase().replace(/^-/, "");
  const [exact, suffixed] = sortFits(w);
  return (
    byName(cols, exact) ??
    byName(cols, suffixed) ??
    (w === "created" || w === "newest" || w === "oldest" || w === "date" ? cols.find((c) => c.role === "created_at") : undefined) ??
    (w === "updated" || w === "modified" ? cols.find((c) => c.role === "updated_at") : undefined) ??
    (w === "alphabetical" ? cols.find((c) => c.name === "title" || c.name === "name") : undefined)
  );
}

/**
 * The order a sentence states: "sorted by due date ascending", "ordered by `position`", "order by
 * created_at desc", "newest first", "in reverse chronological order", "oldest first". A column it
 * names must be sortable; without a direction, a time the server keeps runs newest first, any other
 * column ascending.
 */
function statedOrder(text: string, t: Table): { order: { column: string; direction: "asc" | "desc" }; words: string } | null {
  const plain = text.replace(/[`*_]/g, (m) => (m === "_" ? "_" : ""));
  const by = /\b(?:sort(?:ed)?|order(?:ed)?|arranged|listed)\s+by\s+(?:the\s+|their\s+|its\s+)?([A-Za-z][\w]*)(?:\s+([a-z]+))?(?:[\s,(]+(asc(?:ending)?|desc(?:ending)?|(?:newest|latest|most recent|oldest|earliest)\s+first))?/i.exec(plain);
  const dirOf = (w: string | undefined): "asc" | "desc" | null => !w ? null : /^desc|^(newest|latest|most recent)/i.test(w) ? "desc" : /^asc|^(oldest|earliest)/i.test(w) ? "asc" : null;
  if (by) {
    const [, first, second, dirWord] = by;
    const direction2 = dirOf(second);
    const c = (second && !direction2 ? sortColumn(`${first}_${second}`, t) : undefined) ?? sortColumn(first!, t);
    if (c) {
      const direction = dirOf(dirWord) ?? direction2 ?? (c.role === "created_at" || c.role === "updated_at" ? "desc" : "asc");
      return { order: { column: c.name, direction }, words: by[0].trim() };
    }
  }
  const created = t.columns.find((c) => c.role === "created_at");
  if (!created) return null;
  const newest = /\b(?:newest|latest|most recent)(?:\s+\w+)?\s+first\b|\breverse[- ]chronological(?:ly)?\b/i.exec(plain);
  if (newest) return { order: { column: created.name, direction: "desc" }, words: newest[0] };
  const oldest = /\b(?:oldest|earliest)(?:\s+\w+)?\s+first\b|\bchronological(?:ly)?(?:\s+order)?\b/i.exec(plain);
  if (oldest) return { order: { column: created.name, direction: "asc" }, words: oldest[0] };
  return null;
}

function defaultSort(t: Table): { column: string; direction: "asc" | "desc" } {
  const created = t.columns.find((c) => c.role === "created_at");
  return { column: created ? created.name : t.primaryKey, direction: "desc" };
}

function searchable(t: Table): Column[] {
  return t.columns.filter((c) => isTextual(c) && c.role === "data" && !c.references && !hiddenColumn(c));
}

/**
 * The search columns: those the parameter's text names, else the ones named like text people
 * search (title, description...). A column renamed from such a name stays one (said in a note).
 */
function inferredSearch(t: Table, named: readonly string[] = [], formerly?: (f: FormerName) => void): string[] {
  const cols = searchable(t);
  const explicit = cols.filter((c) => named.includes(c.name));
  if (explicit.length) return explicit.map((c) => c.name);
  return cols
    .filter((c) => {
      if (SEARCH_NAMES.has(c.name)) return true;
      if (c.renamedFrom === undefined || !SEARCH_NAMES.has(c.renamedFrom)) return false;
      formerly?.({ column: c, former: c.renamedFrom });
      return true;
    })
    .map((c) => c.name);
}

/** The column a filter parameter names: itself, without a _filter suffix or an is_ prefix, or "status" -> the one boolean. */
function filterColumn(p: RawQueryParam, t: Table): Column | undefined {
  return filterMatch(p, t)?.column;
}

/** filterColumn, and the former name the column was found by when it was renamed. */
function filterMatch(p: RawQueryParam, t: Table): { column: Column; former: string | null } | undefined {
  const name = p.name.text.toLowerCase();
  const base = name.replace(/_(filter|only|eq)$/, "").replace(/^(filter_|by_)/, "");
  const cols = t.columns.filter((c) => (c.role === "data" || c.role === "id") && !hiddenColumn(c));
  const fits = (n: string) => n === base || n === `is_${base}` || n === `${base}_id`;
  const direct = byName(cols, fits);
  if (direct) return { column: direct, former: formerFit(direct, fits)?.former ?? null };
  if (/^(status|state|done|completion)$/.test(base)) {
    const bools = cols.filter((c) => c.type.kind === "boolean");
    const words = p.values.map((v) => v.toLowerCase());
    const said = (n: string) => words.some((w) => n.replace(/^is_/, "").startsWith(w.replace(/e?d?$/, "")));
    const pick = byName(bools, said);
    if (pick) return { column: pick, former: formerFit(pick, said)?.former ?? null };
    return bools.length === 1 ? { column: bools[0]!, former: null } : undefined;
  }
  return undefined;
}

const RANGE_FROM = /^(from|since|after|start|starts?_?(?:date|at|on)?|date_?from|from_?date|min_?date|created_?(?:after|from|since)|(\w+?)_?(?:from|after|since|gte|min))$/i;
const RANGE_TO = /^(to|until|till|before|end|ends?_?(?:date|at|on)?|date_?to|to_?date|max_?date|created_?(?:before|to|until)|(\w+?)_?(?:to|before|until|lte|max))$/i;

/**
 * A range end a parameter names ("from"/"to", "start_date"/"end_date", "due_before",
 * "created_after"): the date or time column it bounds (the one its words name, else the
 * row's creation time, else its first date or time column), and which side.
 */
function rangeFilter(p: RawQueryParam, t: Table): { column: Column; op: "gte" | "lte"; former: string | null } | null {
  const name = p.name.text;
  const from = RANGE_FROM.exec(name);
  const to = from ? null : RANGE_TO.exec(name);
  const m = from ?? to;
  if (!m) return null;
  const dated = t.columns.filter((c) => ["timestamp", "date", "time"].includes(c.type.kind) || (["integer", "bigint", "decimal", "float"].includes(c.type.kind) && !!m[2]));
  if (dated.length === 0) return null;
  const stem = words(m[2] ?? name.replace(/(date|at|on|from|to|since|until|after|before)$/i, "")).filter((w) => !/^(date|at|on|from|to|since|until|after|before|start|end|starts|ends|min|max|gte|lte|created)$/.test(w));
  const stemFits = (n: string) => words(n).filter((w) => !/^(at|on|date)$/.test(w)).join("_") === stem.join("_");
  const named = stem.length ? byName(dated, stemFits) : undefined;
  // "start_date" / "end_date" with columns starts_at / ends_at: the pair the spec means.
  const sideFits = (n: string) => (from ? /^starts?_?(at|on|date)?$|^start/i : /^ends?_?(at|on|date)?$|^end/i).test(n);
  const side = (from ? /start/i.test(name) : /end/i.test(name)) ? byName(dated, sideFits) : undefined;
  const column = named ?? side ?? t.columns.find((c) => c.role === "created_at") ?? dated.find((c) => c.type.kind !== "integer");
  if (!column) return null;
  const former = (named ? formerFit(named, stemFits) : side ? formerFit(side, sideFits) : null)?.former ?? null;
  return { column, op: from ? "gte" : "lte", former };
}

/**
 * The enum value a query word stands for: the same text, else the one value that differs only
 * in case ("low" for LOW: specs often write the API in lower case and the CHECK in upper case).
 */
function enumValueOf(values: readonly string[], word: string): string | null {
  if (values.includes(word)) return word;
  const alike = values.filter((v) => v.toLowerCase() === word.toLowerCase());
  return alike.length === 1 ? alike[0]! : null;
}

function choicesFor(p: RawQueryParam, c: Column, span: Span, report: Report): ListFilter["choices"] {
  if (p.values.length === 0 || (c.type.kind === "boolean" && p.values.every((v) => /^(true|false)$/i.test(v)))) return null;
  const out: NonNullable<ListFilter["choices"]>[number][] = [];
  for (const raw of p.values) {
    const w = raw.toLowerCase();
    const stored = c.type.kind === "enum" ? enumValueOf(c.type.values, raw) : null;
    if (ANY_WORDS.has(w)) out.push({ word: raw, match: "any" });
    else if (c.type.kind === "boolean" && (TRUE_WORDS.has(w) || FALSE_WORDS.has(w))) out.push({ word: raw, match: { equals: TRUE_WORDS.has(w) } });
    else if (stored !== null) out.push({ word: raw, match: { equals: stored } });
    else if ((w === "none" || w === "null") && c.nullable) out.push({ word: raw, match: "null" });
    else if (c.type.kind !== "boolean" && c.type.kind !== "enum") out.push({ word: raw, match: { equals: raw } });
    else report("warning", "SF214", `query parameter "${p.name.text}": value "${raw}" means nothing for column "${c.name}"; it is refused with 422`, span,
      c.type.kind === "enum" ? `values of ${c.name}: ${c.type.values.join(", ")}` : "a boolean filter reads words like completed/pending, true/false, all");
  }
  return out;
}

/** The resolved query-string contract of one list endpoint. */
export function buildListSpec(raw: RawEndpoint, t: Table, report: Report): ListSpec {
  const params = raw.query ?? [];
  const spanOf = (p: RawQueryParam) => p.name.span;
  let pagination: ListSpec["pagination"] = "offset";
  let limitParam = "limit";
  let defaultLimit = DEFAULT_PAGE_SIZE;
  let maxLimit = DEFAULT_MAX_PAGE_SIZE;
  const filters: ListFilter[] = [];
  let sortParam: string | null = null;
  let orderParam: string | null = null;
  let sortWords: string[] = [];
  let sortDefault: string | undefined;
  let orderDefault: string | undefined;
  let search: ListSpec["search"] = null;
  // A word of the API spec that names a column by the name it had before a rename follows the
  // column (the migration renames it; the API keeps serving it). A word that only describes (the
  // search parameter's text) is stale and warned about; a word that is itself part of the API
  // (a filter's or a sort key's name, which clients send) stays, and a note says what it reads.
  const said = new Set<string>();
  const followed = (what: string, f: FormerName, span: Span, stale: boolean) => {
    const key = `${what}|${f.column.name}`;
    if (said.has(key)) return;
    said.add(key);
    const message = `${what} "${f.former}", the former name of ${t.name}.${f.column.name} ("renamed from ${f.former}" in the schema): read as ${t.name}.${f.column.name}`;
    if (stale) report("warning", "SF218", message, span, `write "${f.column.name}" in the API spec; the old name is read only while the schema says "renamed from ${f.former}"`);
    else report("note", "", message, span);
  };
  for (const p of params) {
    const name = p.name.text;
    if (LIMIT.test(name)) {
      limitParam = name;
      if (p.default && /^\d+$/.test(p.default)) defaultLimit = Number(p.default);
      const max = maxOf(p.text);
      if (max !== null) maxLimit = max;
    } else if (OFFSET.test(name)) pagination = "offset";
    else if (PAGE.test(name)) pagination = "page";
    else if (CURSOR.test(name)) pagination = "cursor";
    else if (SORT.test(name) && onlyDirections(p)) {
      // "sort (asc, desc)": only directions: the parameter orders the default key.
      orderParam = name;
      orderDefault = p.default;
      report("note", "", `query parameter "${name}" lists only directions: read as the direction of the list's order`, spanOf(p));
    } else if (SORT.test(name)) {
      sortParam = name;
      sortWords = [...p.values];
      sortDefault = p.default;
    } else if (ORDER.test(name) && (p.values.length === 0 || p.values.every((v) => /^(asc|desc|ascending|descending)$/i.test(v)))) {
      orderParam = name;
      orderDefault = p.default;
    } else if (SEARCH.test(name)) {
      // The words of its text, and its identifiers whole (body_text, as a YAML `columns:` list gives it).
      const tokens = new Set([...words(p.text), ...(p.text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map((w) => w.toLowerCase())]);
      const named = t.columns.filter((c) => tokens.has(c.name)).map((c) => c.name);
      // Columns the text names by their former names ("search in title" after title became name).
      for (const c of searchable(t)) {
        if (c.renamedFrom === undefined || named.includes(c.name) || !tokens.has(c.renamedFrom.toLowerCase()) || t.columns.some((x) => x.name === c.renamedFrom)) continue;
        named.push(c.name);
        followed(`the description of query parameter "${name}" names`, { column: c, former: c.renamedFrom }, spanOf(p), true);
      }
      search = { param: name, columns: inferredSearch(t, named, (f) => followed(`query parameter "${name}" searches the columns named like text people search (title, description...), among them`, f, spanOf(p), false)) };
      if (search.columns.length === 0) {
        report("warning", "SF213", `query parameter "${name}": "${t.name}" has no text column to search; requests using it are refused with 422`, spanOf(p));
        search = null;
      }
    } else if (!filterColumn(p, t) && rangeFilter(p, t)) {
      const r = rangeFilter(p, t)!;
      if (r.former) followed(`query parameter "${name}" names`, { column: r.column, former: r.former }, spanOf(p), false);
      report("note", "", `query parameter "${name}" read as ${r.op === "gte" ? "at or after" : "at or before"} ${t.name}.${r.column.name} (a range end)`, spanOf(p));
      filters.push({ param: name, column: r.column.name, choices: null, op: r.op });
    } else {
      const m = filterMatch(p, t);
      const c = m?.column;
      if (m?.former) followed(`query parameter "${name}" names`, { column: m.column, former: m.former }, spanOf(p), false);
      if (!c) {
        report("warning", "SF213", `query parameter "${name}" matches no column of "${t.name}"; requests using it are refused with 422`, spanOf(p),
          "filters name a column (status -> the boolean column, priority -> priority); write custom filters in a hook");
        continue;
      }
      if (incomparable(c)) {
        report("warning", "SF213", `query parameter "${name}" names ${t.name}.${c.name}, a ${c.type.kind === "array" ? "list" : c.type.kind} column no filter can compare; requests using it are refused with 422`, spanOf(p),
          "filter on a column of another type, or implement this filter in a hook");
        continue;
      }
      if (c.name !== name) report("note", "", `query parameter "${name}" read as a filter on ${t.name}.${c.name}`, spanOf(p));
      filters.push({ param: name, column: c.name, choices: choicesFor(p, c, spanOf(p), report) });
    }
  }
  if (maxLimit > HARD_MAX_PAGE_SIZE) maxLimit = HARD_MAX_PAGE_SIZE;
  if (defaultLimit > maxLimit) defaultLimit = maxLimit;
  if (defaultLimit < 1) defaultLimit = 1;
  const inferred = params.length === 0;
  // Sort keys: the listed words that name a column; with no list, every sortable column by name.
  const keys: { name: string; column: string }[] = [];
  if (sortWords.length) {
    for (const w of sortWords) {
      const c = sortColumn(w, t);
      const former = sortFormer(w, c);
      if (c && former) followed(`sort key "${w}" names`, { column: c, former }, params.find((p) => p.name.text === sortParam)!.name.span, false);
      const key = keyAndDirection(w).key.replace(/^-/, "");
      if (c && !keys.some((k) => k.name === key)) keys.push({ name: key, column: c.name });
      else report("warning", "SF213", `sort key "${w}" matches no sortable column of "${t.name}"; it is refused with 422`, params.find((p) => p.name.text === sortParam)!.name.span);
    }
  } else {
    for (const c of t.columns.filter(sortable)) keys.push({ name: c.name, column: c.name });
    // The friendly aliases specs use ("created", "updated") when the columns exist.
    for (const [alias, role] of [["created", "created_at"], ["updated", "updated_at"]] as const) {
      const c = t.columns.find((x) => x.role === role);
      if (c && !keys.some((k) => k.name === alias)) keys.push({ name: alias, column: c.name });
    }
  }
  let def = defaultSort(t);
  if (sortDefault) {
    const c = sortColumn(sortDefault, t);
    const stated = keyAndDirection(sortDefault).direction ?? (sortDefault.startsWith("-") ? "desc" : null);
    if (c) def = { column: c.name, direction: stated ?? (c.role === "created_at" || c.role === "updated_at" ? "desc" : "asc") };
  }
  if (orderDefault && /^asc/i.test(orderDefault)) def = { ...def, direction: "asc" };
  if (orderDefault && /^desc/i.test(orderDefault)) def = { ...def, direction: "desc" };
  // "Returns the caller's cards, ordered by position", "Tasks are returned newest first": the
  // default order the endpoint's text states, when its parameters state none.
  if (!sortDefault && !orderDefault) {
    for (const text of [...(raw.summary ? [raw.summary] : []), ...(raw.order ?? [])]) {
      const stated = statedOrder(text, t);
      if (!stated) continue;
      def = stated.order;
      report("note", "", `${raw.method.text.toUpperCase()} ${raw.path.text}: "${stated.words}" read as the default order ${def.column} ${def.direction}`, raw.path.span);
      break;
    }
  }
  return {
    pagination,
    limitParam,
    defaultLimit,
    maxLimit,
    filters: inferred ? inferredFilters(t) : filters,
    sort: { param: sortParam ?? (orderParam === "sort" ? "sort_by" : "sort"), orderParam: orderParam ?? (inferred || !sortParam ? "order" : null), keys, default: def },
    search: inferred ? (inferredSearch(t).length ? { param: "search", columns: inferredSearch(t, [], (f) => followed(`the search of ${raw.method.text.toUpperCase()} ${raw.path.text} covers the columns named like text people search (title, description...), among them`, f, raw.method.span, false)) } : null) : search,
    envelope: raw.envelope ?? null,
    inferred,
  };
}

/**
 * Join tables: a table whose writable columns are exactly two foreign keys to other tables
 * users own, itself owned (task_tags.user_id) or the caller's through one of those keys
 * (task_tags: task_id, tag_id, its rows the caller's when their task is). tasks <-> tags through
 * task_tags gives a "tags" relation on tasks and a "tasks" relation on tags.
 */
export function findManyToMany(tables: readonly Table[]): ManyToMany[] {
  const out: ManyToMany[] = [];
  const owned = (name: string) => tables.find((t) => t.name === name && (t.owner !== null || t.scope !== undefined) && !t.identity);
  // A row every user shares (a workspace's labels) may be linked to an owned one (task_labels): the
  // link is the caller's through the owned end, and either end shows only what its caller sees.
  const shared = (name: string) => tables.find((t) => t.name === name && t.shared !== undefined && !t.internal && !t.identity);
  for (const j of tables) {
    if (!j.owner && j.scope?.kind !== "parent") continue;
    const data = j.columns.filter((c) => c.role === "data");
    const fks = data.filter((c) => c.references && (owned(c.references.table) || shared(c.references.table)));
    if (data.length !== 2 || fks.length !== 2) continue;
    const [a, b] = fks as [Column, Column];
    if (a.references!.table === b.references!.table) continue;
    if (!owned(a.references!.table) && !owned(b.references!.table)) continue;
    if (j.scope?.kind === "parent" && !owned(j.scope.parent)) continue;
    out.push({ name: b.references!.table, source: a.references!.table, join: j.name, joinSource: a.name, joinTarget: b.name, target: b.references!.table });
    out.push({ name: a.references!.table, source: b.references!.table, join: j.name, joinSource: b.name, joinTarget: a.name, target: a.references!.table });
  }
  return out.sort((x, y) => (x.source + x.name < y.source + y.name ? -1 : 1));
}
