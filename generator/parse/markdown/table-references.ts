// Tables defined by reference to others: "Same as X, with a instead of b", tables shared
// with another spec, and catalog tables naming tables with their fields.
import type { Table } from "mdast";
import { nameKey, snakeCase, words } from "../../base/naming.js";
import type { RawColumn, RawText } from "../raw.js";
import type { LikeRef, TableDraft } from "./drafts.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { fieldList, KEYISH_NAME } from "./vocabulary.js";

/**
 * A table of tables: one column names a table in each row, another lists its fields by name
 * ("| `devices` | `id`, `tenant_id`, `label` | what it is for |"), most rows two or more names,
 * one of them a key or a time stamp. Each row is a table whose columns' types the builder infers.
 */
export function catalogTable(md: MarkdownReader, node: Table, body: readonly string[][]): boolean {
  if (body.length < 2) return false;
  const width = Math.max(...body.map((r) => r.length));
  let fieldsCol = -1;
  for (let j = 0; j < width && fieldsCol < 0; j++) {
    const lists = body.map((r) => fieldList(r[j] ?? ""));
    if (lists.filter(Boolean).length * 3 >= body.length * 2 && lists.every((l) => !l || l.some((n) => KEYISH_NAME.test(n)))) fieldsCol = j;
  }
  if (fieldsCol < 0) return false;
  const nameCol = [...Array(width).keys()].find((i) => i !== fieldsCol && body.every((r) => /^[A-Za-z_]\w*$/.test((r[i] ?? "").replace(/[`*]/g, "").trim())));
  if (nameCol === undefined) return false;
  for (const row of node.children.slice(1)) {
    const at = (i: number) => {
      const c = row.children[i];
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    };
    const nameF = at(nameCol);
    const fieldsF = at(fieldsCol);
    if (!nameF || !fieldsF || !fieldList(fieldsF.text)) continue;
    const nm = /[A-Za-z_]\w*/.exec(nameF.text)!;
    const name = md.rawText(flatSub(nameF, nm.index, nm.index + nm[0].length));
    const columns: RawColumn[] = [...fieldsF.text.matchAll(/[A-Za-z_]\w*/g)].map((x) => {
      const n = md.rawText(flatSub(fieldsF, x.index, x.index + x[0].length));
      return { name: n, type: { text: "", span: n.span }, constraints: [] };
    });
    md.catalog.push({ name: { ...name, text: snakeCase(name.text) }, columns, indexes: [], hasDefs: true, notation: "markdown-table" });
  }
  return true;
}

/**
 * A heading that names two tables ("invoices / receipts"): once the first has columns, a
 * second column list under it is the next table's. Returns the table the list is for.
 */
export function nextShared(md: MarkdownReader, table: TableDraft): TableDraft {
  if (!table.also?.length || table.columns.length === 0) return table;
  const name = table.also.shift()!;
  const next: TableDraft = { name, columns: [], indexes: [], hasDefs: false, ...(table.explicit ? { explicit: true } : {}), ...(table.also.length ? { also: table.also } : {}) };
  delete table.also;
  md.tables.push(next);
  for (let i = md.stack.length - 1; i >= 0; i--) {
    if (md.stack[i]!.table === table) {
      md.stack[i]!.table = next;
      break;
    }
  }
  return next;
}

/** The tables a shared heading names that got no column list of their own take the first one's columns (noted), or are reported. */
export function resolveShared(md: MarkdownReader): void {
  for (const t of [...md.tables]) {
    if (!t.also?.length) continue;
    for (const name of t.also) {
      if (t.columns.length === 0) {
        md.warn("SF127", `section "${t.name.text} / ${name.text}" names two tables, but no column was read under it; neither is generated`, name.span);
        continue;
      }
      const { nameNote: _note, also: _also, ...rest } = t;
      md.tables.push({ ...rest, name, columns: [...t.columns], indexes: t.indexes.map((x) => ({ ...x })) });
      md.notes.push({ span: name.span, message: `the heading names "${t.name.text}" and "${name.text}" with one column list: both tables get its columns` });
    }
    t.also = [];
  }
}

/**
 * "Similar to above, with `team_member_id` instead of `team_id`", "Same as `invoices`",
 * "Identical to the previous table, but with `b` in place of `a`": the section's table is
 * another one's columns, with the names swapped. Null when the text says nothing of the kind.
 */
export function likeRef(md: MarkdownReader, f: Flat): LikeRef | null {
  const text = f.text.replace(/\*\*/g, "");
  const m = /^(?:(?:this\s+table\s+is\s+)?(?:similar|identical|analogous)\s+to|same\s+(?:columns\s+|structure\s+|fields\s+)?as|like)\s+(?:the\s+)?(above|previous(?:\s+(?:one|table|entity|model))?|(?:one|table)\s+above|`?([A-Za-z_]\w*)`?)/i.exec(text);
  if (!m) return null;
  const swaps: (readonly [string, RawText])[] = [];
  const patterns: [RegExp, "new-old" | "old-new"][] = [
    [/with\s+`?([A-Za-z_]\w*)`?\s+(?:instead\s+of|in\s+place\s+of|replacing)\s+`?([A-Za-z_]\w*)`?/gi, "new-old"],
    [/`?([A-Za-z_]\w*)`?\s+(?:replaced\s+by|renamed\s+to|becomes)\s+`?([A-Za-z_]\w*)`?/gi, "old-new"],
  ];
  for (const [re, order] of patterns) {
    for (const x of f.text.matchAll(re)) {
      const [oldName, newName] = order === "new-old" ? [x[2]!, x[1]!] : [x[1]!, x[2]!];
      const at = f.text.indexOf(newName, x.index! + (order === "new-old" ? 0 : x[0].indexOf(newName, oldName.length)));
      swaps.push([oldName, md.rawText(flatSub(f, at, at + newName.length))]);
    }
  }
  const named = m[2] && !/^(above|previous)$/i.test(m[2]) ? m[2] : null;
  return { of: named, swaps, span: md.idx.span(f.offs[0] ?? 0) };
}

/** Gives each "same as" table the columns (and keys) of the table it names, renamed as it says. */
export function resolveLikes(md: MarkdownReader): void {
  md.tables.forEach((t, i) => {
    if (!t.like || t.columns.length > 0) return;
    const like = t.like;
    const k = (n: string) => nameKey(words(n).join("_"));
    const source = like.of === null
      ? md.tables.slice(0, i).reverse().find((x) => x.columns.length > 0 && !x.fragment)
      : md.tables.find((x) => x !== t && x.columns.length > 0 && (x.name.text === like.of || k(x.name.text) === k(like.of!)));
    if (!source) {
      md.warn("SF127", `section "${t.name.text}" says it is like ${like.of ? `"${like.of}"` : "the table above"}, which has no columns here; it is not generated`, like.span);
      return;
    }
    const rename = new Map(like.swaps.map(([from, to]) => [from, to]));
    for (const [from] of like.swaps) {
      if (!source.columns.some((c) => c.name.text === from)) md.warn("SF113", `"${from}" is no column of "${source.name.text}"; nothing is swapped for it`, like.span);
    }
    t.columns = source.columns.map((c) => {
      const to = rename.get(c.name.text);
      if (!to) return c;
      // A reference written to a named table belonged to the old column; the new name says its own.
      return { ...c, name: to, constraints: c.constraints.filter((p) => !/references|->|→|foreign\s+key\s*\(|\bfk\s*(?:to|\(|->)/i.test(p.text)) };
    });
    t.indexes = source.indexes.map((x) => ({ ...x, columns: x.columns.map((c) => rename.get(c)?.text ?? c), span: like.span }));
    if (source.checks?.length) t.checks = source.checks.filter((c) => !like.swaps.some(([from]) => new RegExp(`\\b${from}\\b`).test(c.expression.text)));
    t.notation ??= source.notation;
    md.notes.push({ span: like.span, message: `table "${t.name.text}" takes the columns of "${source.name.text}"${like.swaps.length ? `, with ${like.swaps.map(([a, b]) => `"${b.text}" for "${a}"`).join(", ")}` : ""}` });
  });
}
