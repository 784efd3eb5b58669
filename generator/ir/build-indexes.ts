// Indexes: those written in index sections attached to their table, columns an index names added,
// index names made unique.
import { singular, words } from "../base/naming.js";
import type { RawIndex } from "../parse/raw.js";
import type { BuildContext } from "./build-context.js";
import type { TableDraft } from "./drafts.js";
import { kindText } from "./column-forms.js";
import { tableByName } from "./foreign-keys.js";
import { inferTypeFromName } from "./infer-type.js";
import type { Table } from "./types.js";

/**
 * Index names are one namespace in PostgreSQL (per schema): a name the spec gives two
 * tables ("idx_faction") is kept for the first table and prefixed with the table's name for
 * the others, noted.
 */
export function uniqueIndexNames(cx: BuildContext, tables: Table[]): Table[] {
  const seen = new Set<string>();
  return tables.map((t) => {
    let changed = false;
    const indexes = t.indexes.map((i) => {
      let name = i.name;
      if (seen.has(name)) {
        name = `${t.name}_${i.name}`;
        for (let k = 2; seen.has(name); k++) name = `${t.name}_${i.name}_${k}`;
        cx.note(i.span, `index name "${i.name}" is used by another table too; on "${t.name}" it is "${name}"`);
        changed = true;
      }
      seen.add(name);
      return name === i.name ? i : { ...i, name };
    });
    return changed ? { ...t, indexes } : t;
  });
}

/**
 * An index that names a column the table does not list ("support index (office_location_id,
 * status, created_at)") says the column exists: it is added when its name says its type
 * plainly (created_at, *_at, is_*), noted; otherwise SF111 stays an error.
 */
export function addColumnsNamedByIndexes(cx: BuildContext, tables: TableDraft[]): void {
  for (const t of tables) {
    for (const i of t.rawIndexes) {
      for (const name of i.columns) {
        if (t.columns.some((c) => c.name === name) || !/^[A-Za-z_]\w*$/.test(name)) continue;
        const g = inferTypeFromName(name);
        if (g.type.kind === "text") continue;
        const timestamps = /^(created_at|updated_at|createdAt|updatedAt)$/.test(name);
        t.columns.push({
          name, span: i.span, type: g.type, typeSpan: i.span, nullable: !timestamps, primaryKey: false, unique: false,
          default: timestamps ? { kind: "now" } : null, refText: null, refSpan: i.span, bareFk: null, onDelete: null, references: null,
        });
        cx.note(i.span, `index on "${t.name}" names "${name}", which the table does not list: the column is added as ${kindText(g.type)} because ${g.why}`);
      }
    }
  }
}

/** Indexes from "## Indexes" sections: name their table, or are guessed from the columns. */
export function attachSpecIndexes(cx: BuildContext, indexes: readonly RawIndex[], tables: TableDraft[]): void {
  for (const i of indexes) {
    let t = i.table ? tableByName(cx, i.table, tables) : undefined;
    if (i.table && !t) {
      cx.diag("warning", "SF112", `index on unknown table "${i.table}"; it is not created`, i.span, `known tables: ${tables.map((x) => x.name).join(", ") || "none"}`);
      continue;
    }
    if (!t) {
      let fits = tables.filter((x) => i.columns.every((c) => x.columns.some((col) => col.name === c)));
      // "idx_tasks_created_at": the index name says which table.
      if (fits.length > 1 && i.name) {
        const nameWords = `_${words(i.name).join("_")}_`;
        const named = fits.filter((x) => nameWords.includes(`_${x.name}_`) || nameWords.includes(`_${singular(x.name)}_`));
        if (named.length === 1) fits = named;
      }
      if (fits.length !== 1) {
        cx.diag("warning", "SF112", `index (${i.columns.join(", ")}) does not say which table it is on; it is not created`, i.span,
          'write it inside the table\'s section or as "tasks(user_id, completed)"');
        continue;
      }
      t = fits[0]!;
      cx.note(i.span, `index (${i.columns.join(", ")}) names no table; read as an index on "${t.name}", the only table with these columns`);
    }
    const { table: _t, ...rest } = i;
    t.rawIndexes.push(rest);
  }
}
