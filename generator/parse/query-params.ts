// Query parameters as specs write them under an endpoint, one item or table row at a time:
//   - status: all|pending|completed
//   - `sort` (optional): "created_at" | "title" | "updated_at"
//   - `status`: Filter by completion status. Values: `"all"` (default), `"pending"`, `"completed"`
//   - limit: integer (optional, default: 50)
//   | `status` | status_filter | string | — | `all`, `pending`, `completed` |
// Nothing is interpreted here beyond splitting the text; the IR builder maps names onto columns.

// A sort value may carry its direction after a colon ("created_at:desc").
const WORD = String.raw`"[^"\n]{1,40}"|'[^'\n]{1,40}'|[A-Za-z0-9_.-]{1,40}(?::(?:asc|desc)\b)?`;
const PIPE_RUN = new RegExp(String.raw`(?:${WORD})(?:\s*\|\s*(?:${WORD}))+`);
const TYPES = /^(string|str|text|integer|int|number|float|boolean|bool|date|datetime|timestamp|uuid)\b/i;

/** Labels that introduce a list or table of query parameters. */
/** "Path Parameters:", "Route params": a list of the path's own placeholders, never query parameters. */
export function isPathParamsLabel(text: string): boolean {
  return /^[*_]*(?:path|route)[\s-]*param(?:eter)?s?\b/i.test(text.trim());
}

export function isQueryLabel(text: string): boolean {
  return /^(?:optional\s+)?(?:query|url|search)[\s-]*(?:string\s*)?param(?:eter)?s?\b(?!.*:\s*none\b)/i.test(text.trim()) && !/:\s*(none|n\/a|-)\s*\.?$/i.test(text.trim());
}

/**
 * A bare "Parameters:" (or "Params", "Request parameters") label: under a GET endpoint its list
 * names the query parameters (the path's own placeholders among them are skipped).
 */
export function isParamsLabel(text: string): boolean {
  return /^(?:request\s+)?param(?:eter)?s?\s*[:：]?\s*$/i.test(text.trim());
}

/** The label that opens what follows: the whole text, or its last line ("List my tasks.\nQuery Parameters:"). */
export function labelLine(text: string): string {
  return text.slice(text.lastIndexOf("\n") + 1);
}

/** Whether a label introduces the query parameters of an endpoint with this method. */
export function opensQuery(text: string, method: string): boolean {
  const line = labelLine(text);
  return isQueryLabel(text) || isQueryLabel(line) || (isParamsLabel(line) && /^get$/i.test(method.trim()));
}

function unquote(w: string): string {
  return w.trim().replace(/^["'`]|["'`]$/g, "").trim();
}

export interface ParsedParam {
  readonly name: string;
  readonly nameAt: number; // offset of the name in the text
  readonly type?: string;
  readonly values: string[];
  readonly default?: string;
}

/** One list item: "name[: or (] ...". */
export function parseParamItem(text: string): ParsedParam | null {
  const m = /^\s*["'`]?([A-Za-z_][A-Za-z0-9_]*)(?:\[\])?["'`]?\s*(?::|\(|[-–—]\s|\s+(?=[A-Za-z"'`]))/.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length - (m[0].endsWith("(") ? 1 : 0));
  return { name: m[1]!, nameAt: text.indexOf(m[1]!), ...describe(rest) };
}

/** Type, listed values and default out of the rest of an item (or a row's joined cells). */
export function describe(rest: string, valuesCell?: string, defaultCell?: string): { type?: string; values: string[]; default?: string } {
  const out: { type?: string; values: string[]; default?: string } = { values: [] };
  const stripped = rest.replace(/^[\s(]*(?:optional|required)[\s,)]*/i, "").replace(/^[\s:–—-]+/, "");
  // A table row's cells arrive joined with " , ": the type may be any whole cell.
  const t = TYPES.exec(stripped) ?? TYPES.exec(rest.replace(/^[\s:(]+/, "")) ?? /(?:^|\s,\s)(string|integer|number|boolean|int|bool)(?=\s,\s|\s*$)/i.exec(rest);
  if (t) out.type = t[1]!.toLowerCase();
  const source = valuesCell ?? rest;
  const run = PIPE_RUN.exec(source);
  if (run) out.values = run[0].split("|").map(unquote).filter(Boolean);
  else {
    const v = /\bvalues?\s*:\s*(.*)$/i.exec(source) ?? (valuesCell !== undefined ? [valuesCell, valuesCell] : null);
    if (v) {
      const parts = v[1]!.replace(/\.\s*$/, "").split(/\s*,\s*|\s+or\s+/);
      for (const p of parts) {
        const w = /^\s*["'`]?([A-Za-z0-9_.-]+)["'`]?\s*(\(([^)]*)\))?/.exec(p);
        if (!w || /^(—|-|n\/a)$/.test(w[1]!)) continue;
        out.values.push(w[1]!);
        if (w[3] && /\bdefault\b/i.test(w[3])) out.default = w[1]!;
      }
    }
  }
  const d = defaultCell !== undefined ? /^\s*["'`]?([A-Za-z0-9_.-]+(?::(?:asc|desc)\b)?)/.exec(defaultCell) : /\bdefault(?:s)?\s*(?:is|:|=)?\s*["'`]?([A-Za-z0-9_.-]+(?::(?:asc|desc)\b)?)/i.exec(rest);
  if (d && !/^(none|—|-|null|n\/a)$/i.test(d[1]!)) out.default = d[1]!;
  return out;
}

/** Upper bound written as "max 100", "maximum: 100", "(1-1000)", "between 1 and 1000". */
export function maxOf(text: string): number | null {
  const m = /\bmax(?:imum)?\s*(?:of|:|=)?\s*(\d{1,6})\b/i.exec(text) ?? /\((\d{1,6})\s*[-–]\s*(\d{1,6})\)/.exec(text) ?? /\bbetween\s+\d+\s+and\s+(\d{1,6})\b/i.exec(text);
  if (!m) return null;
  return Number(m[2] ?? m[1]);
}
