// The entity-relationship diagram drawn as SVG (generated/ERD.svg), so a person sees the
// schema without a Mermaid renderer: the docs page links it at /docs/erd.svg. Tables are
// laid out in columns by foreign-key depth (a table stands right of the tables it
// references), rows by name; every foreign key is a curve from its column to the table it
// points at. Built from the IR only: deterministic.
import type { Column, ColumnType, IR, Table } from "../ir/types.js";
import { typeText } from "../ir/column-forms.js";

const BOX_W = 300;
const HEAD_H = 26;
const ROW_H = 18;
const COL_GAP = 90;
const ROW_GAP = 28;
const MARGIN = 24;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The type as written in a box: an enum shows how many values it has, to keep the box narrow. */
function boxType(t: ColumnType): string {
  if (t.kind === "enum") return `${t.name ?? "enum"}(${t.values.length})`;
  if (t.kind === "array" && t.of.kind === "enum") return `${t.of.name ?? "enum"}(${t.of.values.length})[]`;
  return typeText(t);
}

function marks(t: Table, c: Column): string {
  const m: string[] = [];
  if (c.primaryKey || t.keyColumns?.includes(c.name)) m.push("PK");
  if (c.references) m.push("FK");
  if (c.unique && !c.primaryKey) m.push("UQ");
  if (t.owner === c.name) m.push("owner");
  return m.join(" ");
}

/** Foreign-key depth: 0 for a table that references no other table. */
function depths(ir: IR): Map<string, number> {
  const byName = new Map(ir.tables.map((t) => [t.name, t]));
  const memo = new Map<string, number>();
  const visit = (t: Table, stack: Set<string>): number => {
    const known = memo.get(t.name);
    if (known !== undefined) return known;
    if (stack.has(t.name)) return 0; // a cycle: break it here
    stack.add(t.name);
    let d = 0;
    for (const c of t.columns) {
      const p = c.references && c.references.table !== t.name ? byName.get(c.references.table) : undefined;
      if (p) d = Math.max(d, visit(p, stack) + 1);
    }
    stack.delete(t.name);
    memo.set(t.name, d);
    return d;
  };
  for (const t of ir.tables) visit(t, new Set());
  return memo;
}

interface Box {
  readonly table: Table;
  readonly x: number;
  readonly y: number;
  readonly h: number;
}

export function buildErdSvg(ir: IR): string {
  const depth = depths(ir);
  const layers = new Map<number, Table[]>();
  for (const t of ir.tables) {
    const d = depth.get(t.name) ?? 0;
    if (!layers.has(d)) layers.set(d, []);
    layers.get(d)!.push(t);
  }
  const boxes = new Map<string, Box>();
  let width = MARGIN;
  let height = MARGIN;
  for (const d of [...layers.keys()].sort((a, b) => a - b)) {
    let y = MARGIN;
    const x = MARGIN + d * (BOX_W + COL_GAP);
    for (const t of layers.get(d)!) {
      const h = HEAD_H + t.columns.length * ROW_H + 6;
      boxes.set(t.name, { table: t, x, y, h });
      y += h + ROW_GAP;
    }
    width = Math.max(width, x + BOX_W + MARGIN);
    height = Math.max(height, y - ROW_GAP + MARGIN);
  }
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">`);
  out.push(`  <title>Entity-relationship diagram of ${esc(ir.sources.schema)}</title>`);
  out.push(`  <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>`);
  out.push(`  <rect width="100%" height="100%" fill="#ffffff"/>`);
  // Foreign keys first, so boxes are drawn over the curves.
  for (const t of ir.tables) {
    const child = boxes.get(t.name)!;
    t.columns.forEach((c, i) => {
      if (!c.references) return;
      const parent = boxes.get(c.references.table);
      if (!parent) return;
      const y1 = child.y + HEAD_H + i * ROW_H + ROW_H / 2;
      const y2 = parent.y + HEAD_H / 2;
      let d: string;
      if (parent.table.name === t.name) {
        const x = child.x + BOX_W;
        d = `M${x},${y1} C${x + 40},${y1} ${x + 40},${y2} ${x},${y2}`;
      } else if (parent.x < child.x) {
        const x1 = child.x;
        const x2 = parent.x + BOX_W;
        const mid = (x1 + x2) / 2;
        d = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
      } else {
        const x1 = child.x;
        const x2 = parent.x;
        const out2 = Math.min(x1, x2) - 30;
        d = `M${x1},${y1} C${out2},${y1} ${out2},${y2} ${x2},${y2}`;
      }
      const dash = c.nullable ? ` stroke-dasharray="4 3"` : "";
      out.push(`  <path d="${d}" fill="none" stroke="#555" stroke-width="1.2"${dash} marker-end="url(#arrow)"><title>${esc(`${t.name}.${c.name} -> ${c.references.table}.${c.references.column} (on delete ${c.references.onDelete})`)}</title></path>`);
    });
  }
  for (const b of boxes.values()) {
    const t = b.table;
    const head = t.identity ? "#5b4b8a" : t.owner ? "#1f5f8b" : "#55606e";
    out.push(`  <g id="table-${esc(t.name)}">`);
    out.push(`    <rect x="${b.x}" y="${b.y}" width="${BOX_W}" height="${b.h}" rx="4" fill="#f8fafc" stroke="#334155"/>`);
    out.push(`    <rect x="${b.x}" y="${b.y}" width="${BOX_W}" height="${HEAD_H}" rx="4" fill="${head}"/>`);
    const tag = t.identity ? " (users)" : t.owner ? ` (owned by ${t.owner})` : "";
    out.push(`    <text x="${b.x + 10}" y="${b.y + 17}" fill="#ffffff" font-weight="bold">${esc(t.name + tag)}</text>`);
    t.columns.forEach((c, i) => {
      const y = b.y + HEAD_H + i * ROW_H + 13;
      const m = marks(t, c);
      out.push(`    <text x="${b.x + 10}" y="${y}" fill="#0f172a">${esc(c.name)}${c.nullable ? "" : "*"}</text>`);
      out.push(`    <text x="${b.x + 150}" y="${y}" fill="#475569">${esc(boxType(c.type))}</text>`);
      if (m) out.push(`    <text x="${b.x + BOX_W - 8}" y="${y}" fill="#9a3412" text-anchor="end">${esc(m)}</text>`);
    });
    out.push(`  </g>`);
  }
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
