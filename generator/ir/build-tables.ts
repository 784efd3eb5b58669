// Table drafts from the raw tables (merging repeated definitions and fragments) and their primary
// keys.
import { nameKey, plural, singular, snakeCase, words } from "../base/naming.js";
import type { RawColumn, RawSpec, RawTable } from "../parse/raw.js";
import { quoteIdent, readTableCheck } from "./build-checks.js";
import { buildColumn } from "./build-column.js";
import type { BuildContext } from "./build-context.js";
import { short, type TableDraft } from "./drafts.js";
import { classlessKey } from "./identity-table.js";
import type { ColumnType, DefaultValue } from "./types.js";

/** "id", "_id", and "Id" or "ID" as PascalCase and upper-case specs write it. */
const isIdName = (name: string): boolean => name === "_id" || name.toLowerCase() === "id";

/**
 * A table that names no key gets "id" when the spec's other tables are keyed by "id" (the
 * spec left it out; a reader would add it), of the type those keys have. Noted.
 */
export function addSurrogateKeys(cx: BuildContext, tables: TableDraft[]): void {
  const keyed = tables.filter((t) => !t.keyColumns);
  const byId = keyed.filter((t) => t.primaryKey === "id");
  const keyless = tables.filter((t) => t.keyColumns?.length === 0);
  // A key is added where the spec's convention is plain (two or more tables keyed by "id", most
  // of the keyed ones), or where another table references the keyless one (it needs a key).
  const convention = byId.length >= 2 && byId.length * 2 >= keyed.length;
  const referenced = (t: TableDraft) => tables.some((o) => o !== t && o.columns.some((c) => c.refText && nameKey(c.refText.table) === nameKey(t.name) && !c.refText.column));
  // No table names a key at all (document stores and no-code tools key their rows implicitly):
  // each gets "id" (uuid), or its "_id" column when it has one.
  const noKeys = keyed.length === 0 && keyless.length > 0;
  // "ITEMS" with "ITEM_ID", "parcels" with "parcel_id" and nothing marked: that column is the key.
  for (const t of keyless) {
    const stem = singular(snakeCase(t.name).toLowerCase());
    const own = t.columns.find((c) => !c.refText && !c.nullable && snakeCase(c.name).toLowerCase() === `${stem}_id`) ?? t.columns.find((c) => !c.refText && snakeCase(c.name).toLowerCase() === `${stem}_id`);
    if (!own || t.columns.some((c) => isIdName(c.name))) continue;
    own.primaryKey = true;
    own.nullable = false;
    if (!own.default && own.type?.kind === "uuid") own.default = { kind: "uuid" };
    t.primaryKey = own.name;
    delete t.keyColumns;
    cx.note(own.span, `table "${t.name}" names no primary key; "${t.name}.${own.name}" is read as its key (named after the table)`);
  }
  if (noKeys) {
    for (const t of keyless) {
      const own = t.columns.find((c) => isIdName(c.name));
      if (!own) continue;
      own.primaryKey = true;
      own.nullable = false;
      if (!own.default && (own.type?.kind === "uuid" || own.type?.kind === "text" || own.type?.kind === "string")) own.default = { kind: "uuid" };
      t.primaryKey = own.name;
      delete t.keyColumns;
      cx.note(own.span, `no table names a primary key; "${t.name}.${own.name}" is read as its key`);
    }
  }
  // The users table always needs a key: a token's subject names one of its rows.
  const people = (t: TableDraft) => t.identity === true || classlessKey(t.name) === "user";
  const missing = keyless.filter((t) => t.keyColumns && (noKeys || people(t) || (byId.length > 0 && (convention || referenced(t)))) && !t.columns.some((c) => isIdName(c.name)));
  for (const t of keyless)
    if (!missing.includes(t) && t.keyColumns)
      cx.diag("warning", "SF109", `table "${t.name}" has no primary key; it is created without one and gets no item routes`, t.span, 'mark one column "primary key" (usually "id: serial (primary key)")');
  if (missing.length === 0) return;
  const kinds = byId.map((t) => t.columns.find((c) => c.name === "id")!).map((c) => (c.type?.kind === "uuid" ? "uuid" : c.type?.kind === "bigint" ? "bigint" : c.type?.kind === "integer" ? "integer" : "text"));
  const kind = noKeys ? "uuid" : (["uuid", "integer", "bigint", "text"] as const).map((k) => [k, kinds.filter((x) => x === k).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  for (const t of missing) {
    const type: ColumnType = kind === "uuid" ? { kind: "uuid" } : kind === "text" ? { kind: "text" } : { kind };
    const dflt: DefaultValue | null = kind === "uuid" || kind === "text" ? { kind: "uuid" } : { kind: "increment" };
    t.columns.unshift({
      name: "id", span: t.span, type, typeSpan: t.span, nullable: false, primaryKey: true, unique: false, default: dflt,
      refText: null, refSpan: t.span, bareFk: null, onDelete: null, references: null,
    });
    t.primaryKey = "id";
    delete t.keyColumns;
    cx.note(t.span, noKeys ? `no table names a primary key; "${t.name}" gets "id" (uuid, made by the database)` : `table "${t.name}" names no primary key; it gets "id" (${kind}), as the spec's other ${byId.length} tables have`);
  }
}

/**
 * A list of rules under a heading that names no table ("# Savings" over "Rules:" and "- goal can't
 * be negative"): each rule joins the one table that has its column, as a rules-only fragment of
 * that table. A rule whose column no table has, or several tables have, is a warning that quotes
 * it. No table has a column of any of them: the list is left as it was (a note says so later).
 */
function spreadRules(cx: BuildContext, t: RawTable, tables: readonly RawTable[]): RawTable[] {
  const whole = tables.filter((w) => !w.fragment);
  const key = (n: string) => words(n).join("_");
  const holdersOf = (c: RawColumn) => [...new Set(whole.filter((w) => w.columns.some((x) => key(x.name.text) === key(c.name.text))).map((w) => w.name.text))];
  if (!t.columns.some((c) => holdersOf(c).length > 0)) return [t];
  const out = new Map<string, RawColumn[]>();
  for (const c of t.columns) {
    const holders = holdersOf(c);
    const said = short(c.constraints.map((k) => k.text).join(", "));
    if (holders.length !== 1) {
      cx.diag("warning", "SF113", holders.length === 0
        ? `rule "${said}" is for "${c.name.text}", which no table has; it is not enforced`
        : `rule "${said}" is for "${c.name.text}", a column of several tables (${holders.join(", ")}); it is not enforced`,
        c.name.span, holders.length > 1 ? `name the table: "${holders[0]}.${c.name.text}"` : undefined);
      continue;
    }
    const home = whole.find((w) => w.name.text === holders[0])!;
    const own = home.columns.find((x) => key(x.name.text) === key(c.name.text))!;
    const list = out.get(home.name.text) ?? [];
    list.push({ ...c, name: { ...c.name, text: own.name.text } });
    out.set(home.name.text, list);
  }
  return [...out].map(([name, columns]) => ({ ...t, name: { ...t.name, text: name }, columns }));
}

export function buildTables(cx: BuildContext, raw: RawSpec): TableDraft[] {
  const groups = new Map<string, RawTable[]>();
  // Rules-only fragments (zod, Pydantic bodies) name their table by a guess from a variable
  // name: they join the table whose name has the same words, and their columns likewise.
  const wholeNames = raw.tables.filter((t) => !t.fragment).map((t) => t.name.text);
  const ruleOnly = (t: RawTable) => t.fragment === true && (t.notation === "drizzle" || t.notation === "python" || t.notation === "markdown-bullets");
  const written = new Map<RawTable, number>(); // each definition's place in the spec
  for (const [at, t0] of raw.tables.entries()) {
    let t = t0;
    if (ruleOnly(t) && !wholeNames.includes(t.name.text)) {
      const hit = wholeNames.find((n) => nameKey(n) === nameKey(t.name.text));
      if (hit) t = { ...t, name: { ...t.name, text: hit } };
    }
    for (const piece of t.notation === "markdown-bullets" && ruleOnly(t) && !wholeNames.includes(t.name.text) ? spreadRules(cx, t, raw.tables) : [t]) {
      written.set(piece, at);
      const key = piece.name.text;
      const g = groups.get(key);
      if (g) g.push(piece);
      else groups.set(key, [piece]);
    }
  }
  // "## Entity: Building" beside a "CREATE TABLE buildings" (or a "buildings" model): one table,
  // its name written singular in prose where the heading's language kept it so. A Markdown
  // table named as the singular of another table joins it.
  // The other way round too: "### User" (read as "users") above an informational
  // `CREATE TABLE "user"` is the one table the SQL names exactly. A name written in code (SQL,
  // Prisma, Drizzle...) is the table's own; a Markdown heading's is the reader's guess.
  const markdownOnly = (g: RawTable[]) => g.every((t) => !t.fragment && (t.notation === undefined || t.notation === "markdown-table" || t.notation === "markdown-bullets"));
  const byKey = new Map<string, string[]>();
  for (const key of groups.keys()) byKey.set(nameKey(key), [...(byKey.get(nameKey(key)) ?? []), key]);
  for (const keys of byKey.values()) {
    if (keys.length < 2) continue;
    const coded = keys.filter((k) => !markdownOnly(groups.get(k)!));
    // Two code definitions under two names ("task" in SQL, "tasks" in Prisma) stay apart: which one is meant is not the reader's to pick.
    if (coded.length > 1) continue;
    const target = coded[0] ?? keys.find((k) => plural(k) === k && keys.some((o) => o !== k && plural(o) === k));
    if (!target) continue;
    const into = groups.get(target)!;
    for (const key of keys) {
      if (key === target) continue;
      const g = groups.get(key)!;
      for (const t of g) cx.note(t.name.span, `table "${key}" is read as "${target}", the table of the same entity the spec defines`);
      for (const t of g) {
        const renamed = { ...t, name: { ...t.name, text: target } };
        written.set(renamed, written.get(t)!);
        into.push(renamed);
      }
      groups.delete(key);
    }
    // The definitions in the order the spec writes them: the first one wins where they differ.
    into.sort((a, b) => written.get(a)! - written.get(b)!);
  }
  // A spec that writes a document store's types in Markdown ("ObjectId", "Mixed", "[String]",
  // "Schema.Types.ObjectId"): its "Date" is JavaScript's Date, a moment in time (timestamp), not
  // SQL's calendar day.
  const docTypes = /^`?\[?\s*(?:(?:mongoose\.)?Schema\.Types\.\w+|Types\.ObjectId|ObjectId|ObjectID|Mixed)\s*\]?`?\??$/;
  const documentStore = raw.tables.some((t) => (t.notation === "markdown-table" || t.notation === "markdown-bullets") && t.columns.some((c) => docTypes.test(c.type.text.trim())));
  const out: TableDraft[] = [];
  for (const [name, all0] of groups) {
    const all = documentStore ? all0.map((d) => documentDates(cx, name, d)) : all0;
    // ALTER TABLE ... ADD: pieces of a table defined elsewhere, never a table of their own.
    const whole = all.filter((d) => !d.fragment);
    if (whole.length === 0) {
      for (const d of all) {
        if (ruleOnly(d)) cx.note(d.name.span, `rules written for "${d.name.text}" (a ${d.notation === "python" ? "Pydantic model" : d.notation === "drizzle" ? "zod schema" : "rules list"}): the spec defines no such table; they are not applied`);
        else
          cx.diag("warning", "SF113", `ALTER TABLE ${d.name.text}: the spec defines no table "${d.name.text}"; the statement is ignored`, d.name.span,
            `known tables: ${[...groups.entries()].filter(([, g]) => g.some((x) => !x.fragment)).map(([n]) => n).join(", ") || "none"}`);
      }
      continue;
    }
    // A rules-only fragment's field names a column in any case style (projectId, project_id).
    const columnNames = whole.flatMap((w) => w.columns.map((c) => c.name.text));
    const fragments = all.filter((d) => d.fragment).map((d) =>
      ruleOnly(d)
        ? {
            ...d,
            columns: d.columns.map((c) => {
              if (columnNames.includes(c.name.text)) return c;
              const hit = columnNames.find((n) => snakeCase(n) === snakeCase(c.name.text));
              if (hit) return { ...c, name: { ...c.name, text: hit } };
              // "Shipped on cannot be in the past": the column's words written apart (shipped_on),
              // the rest of them at the head of the rule.
              const rule = c.constraints[0];
              if (c.constraints.length !== 1 || !rule) return c;
              for (let n = 2; n >= 1; n--) {
                const w = new RegExp(`^((?:[A-Za-z]+\\s+){${n - 1}}[A-Za-z]+)\\s+(?=\\S)`).exec(rule.text);
                if (!w) continue;
                const joined = snakeCase(`${c.name.text} ${w[1]!}`.split(/\s+/).join("_"));
                const named = columnNames.find((x) => snakeCase(x) === joined);
                if (named) return { ...c, name: { ...c.name, text: named }, constraints: [{ text: rule.text.slice(w[0].length), span: { ...rule.span, column: rule.span.column + w[0].length } }] };
              }
              return c;
            }),
          }
        : d,
    );
    const defs = [...whole, ...fragments];
    const first = defs[0]!;
    for (const d of whole.slice(1)) cx.note(d.name.span, `table "${name}" is written again here; both definitions are merged (the first one wins where they differ)`);
    for (const d of fragments) {
      for (const c of d.columns) {
        if (c.type.text.trim() !== "" || whole.some((w) => w.columns.some((x) => x.name.text === c.name.text))) continue;
        // A rule stated in prose in a rules section ("If status = 'paid', then ...") is quoted in a warning, never dropped with a note.
        if (ruleOnly(d) && d.notation === "markdown-bullets")
          cx.diag("warning", "SF108", `rule "${short([c.name.text, ...c.constraints.map((k) => k.text)].join(" "))}" for "${name}" names no column it has; it is not enforced`, c.name.span,
            "start the rule with the column's name, or enforce it in a hook");
        else if (ruleOnly(d)) cx.note(c.name.span, `rules for "${name}.${c.name.text}": "${name}" has no such column; they are not applied`);
        else cx.diag("warning", "SF113", `ALTER TABLE ${name}: column "${c.name.text}" is not one of its columns; the change is ignored`, c.name.span);
      }
    }
    const draft: TableDraft = {
      name,
      span: first.name.span,
      columns: [],
      rawIndexes: defs.flatMap((d) => d.indexes),
      // Markdown leaves references to the reader; a code notation (SQL, Prisma, Drizzle, DBML...) writes each it means.
      namesImplyRefs: whole.every((d) => d.notation === undefined || d.notation === "markdown-table" || d.notation === "markdown-bullets"),
      identity: defs.some((d) => d.identity === true),
      primaryKey: "",
      checks: defs.flatMap((d) => (d.checks ?? []).map((c) => ({ ...(c.name ? { name: c.name } : {}), sql: c.expression.text, dialect: c.dialect, span: c.expression.span, validated: false }))),
    };
    const description = defs.find((d) => d.description)?.description;
    if (description) draft.description = description;
    const owner = defs.find((d) => d.owner)?.owner;
    if (owner) draft.owner = owner;
    if (defs.some((d) => d.authManaged)) draft.authManaged = true;
    const shared = defs.find((d) => d.shared)?.shared;
    if (shared) draft.shared = shared;
    const fks = defs.flatMap((d) => d.foreignKeys ?? []);
    if (fks.length)
      draft.foreignKeys = fks.map((k) => ({
        columns: k.columns.map((c) => c.text),
        table: k.table.text,
        refColumns: k.refColumns.map((c) => c.text),
        ...(k.onDelete ? { onDelete: k.onDelete } : {}),
        span: k.span,
        tableSpan: k.table.span,
      }));
    const renamedFrom = defs.find((d) => d.renamedFrom)?.renamedFrom;
    if (renamedFrom && renamedFrom.text !== name) draft.renamedFrom = renamedFrom.text;
    // Columns: duplicates inside one definition are errors; across definitions they merge.
    const byName = new Map<string, { def: number; cols: RawColumn[] }>();
    const order: string[] = [];
    defs.forEach((d, di) => {
      const seen = new Set<string>();
      for (const c of d.columns) {
        if (d.fragment && c.type.text.trim() === "" && !whole.some((w) => w.columns.some((x) => x.name.text === c.name.text))) continue;
        const n = c.name.text;
        // A rules list states one column's rules on several lines ("`title` must be ...", "`title` is unique per user"): they add up.
        if (seen.has(n) && !d.fragment) {
          cx.diag("warning", "SF106", `column "${n}" is defined twice in table "${name}"; the first definition is used`, c.name.span, "remove or rename one of them");
          continue;
        }
        seen.add(n);
        const entry = byName.get(n);
        if (entry) entry.cols.push(c);
        else {
          byName.set(n, { def: di, cols: [c] });
          order.push(n);
        }
      }
    });
    // SQL, and a Markdown table that writes NOT NULL where it means it: a default alone leaves a column nullable.
    const saysNotNull = (d: RawTable) => d.columns.some((c) => c.constraints.some((p) => /\bnot\s+null\b|\bnon[-\s]?null\b/i.test(p.text)));
    const defaultKeepsNull = defs.some((d) => d.notation === "sql" || d.notation === "dbml" || (d.notation === "markdown-table" && saysNotNull(d)));
    for (const n of order) draft.columns.push(buildColumn(cx, name, byName.get(n)!.cols, draft.checks, defaultKeepsNull));
    // "priority: 1 | 2 | 3": values that are all whole numbers make a number, not a text enum (a
    // client sends 2, not "2"): an integer column that must be one of them (a CHECK).
    for (const c of draft.columns) {
      if (c.type?.kind !== "enum" || c.type.name || c.type.values.length < 2 || !c.type.values.every((v) => /^-?\d{1,9}$/.test(v))) continue;
      const values = c.type.values.map(Number);
      c.type = { kind: "integer" };
      if (c.default?.kind === "literal" && typeof c.default.value === "string" && /^-?\d+$/.test(c.default.value)) c.default = { kind: "literal", value: Number(c.default.value) };
      c.oneOf = values;
      draft.checks.push({ sql: `${quoteIdent(c.name)} IN (${values.join(", ")})`, span: c.span, validated: true, own: true });
      cx.note(c.span, `column "${name}.${c.name}" lists whole numbers as its values (${values.join(", ")}): read as an integer that must be one of them`);
    }
    draft.checks = draft.checks.map((c) => readTableCheck(cx, draft, c));
    pickPrimaryKey(cx, draft);
    out.push(draft);
  }
  return out;
}

/** A document store's "Date" column in a Markdown table or list, read as timestamp (noted). */
function documentDates(cx: BuildContext, name: string, d: RawTable): RawTable {
  if (d.notation !== "markdown-table" && d.notation !== "markdown-bullets") return d;
  const date = /^`?Date`?(\??)$/;
  if (!d.columns.some((c) => date.test(c.type.text.trim()))) return d;
  return {
    ...d,
    columns: d.columns.map((c) => {
      const m = date.exec(c.type.text.trim());
      if (!m) return c;
      cx.note(c.type.span, `"${name}.${c.name.text}" is a document store's Date (the spec's other types are a document store's): read as timestamp`);
      return { ...c, type: { ...c.type, text: `timestamptz${m[1]}` } };
    }),
  };
}

function pickPrimaryKey(cx: BuildContext, t: TableDraft): void {
  const pks = t.columns.filter((c) => c.primaryKey);
  if (pks.length > 1) {
    // A composite key (typically a join table's): migrated as such; the table gets no item routes.
    t.keyColumns = pks.map((c) => c.name);
    t.primaryKey = pks[0]!.name;
    for (const c of pks) c.nullable = false;
    cx.note(pks[0]!.span, `table "${t.name}" has a composite primary key (${t.keyColumns.join(", ")})`);
    return;
  }
  let pk = pks[0];
  if (!pk) {
    // A column called "id" is the key even when the spec forgets to say so.
    pk = t.columns.find((c) => c.name === "id");
    if (pk) {
      pk.primaryKey = true;
      pk.nullable = false;
      cx.note(pk.span, `table "${t.name}" names no primary key; "id" is read as its primary key`);
    }
  }
  if (!pk) {
    // SF109 unless a key is added for it (addSurrogateKeys).
    t.keyColumns = [];
    t.primaryKey = t.columns[0]?.name ?? "";
    return;
  }
  t.primaryKey = pk.name;
}
