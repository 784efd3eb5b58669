// The load benchmark's scaling series as an SVG chart (no dependency): two panels, req/s and p99
// latency against the rows one user owns, both axes logarithmic; one line per server and
// operation. The same points give the same bytes.

export interface ScalePoint {
  readonly rows: number;
  readonly op: "list" | "get";
  readonly server: string;
  readonly rps: number;
  readonly p99: number;
}

const W = 960;
const H = 420;
const PANEL = { w: 400, h: 300, top: 70, left: [70, 540] as const };
const SERIES: Array<{ server: string; op: "list" | "get"; color: string; dash: string; label: string }> = [
  { server: "generated", op: "list", color: "#1f6feb", dash: "", label: "generated, list newest 20" },
  { server: "floor", op: "list", color: "#1f6feb", dash: "6 4", label: "floor, list newest 20" },
  { server: "generated", op: "get", color: "#d1242f", dash: "", label: "generated, get one" },
  { server: "floor", op: "get", color: "#d1242f", dash: "6 4", label: "floor, get one" },
];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** Decades covering [min, max] (at least one). */
function decades(min: number, max: number): [number, number] {
  const lo = Math.floor(Math.log10(Math.max(min, 1e-3)));
  const hi = Math.ceil(Math.log10(Math.max(max, 1e-3)));
  return [lo, hi > lo ? hi : lo + 1];
}

function panel(points: readonly ScalePoint[], left: number, metric: "rps" | "p99", title: string): string[] {
  const out: string[] = [];
  const xs = points.map((p) => p.rows);
  const ys = points.map((p) => p[metric]);
  const [x0, x1] = decades(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = decades(Math.min(...ys), Math.max(...ys));
  const X = (v: number) => left + ((Math.log10(v) - x0) / (x1 - x0)) * PANEL.w;
  const Y = (v: number) => PANEL.top + PANEL.h - ((Math.log10(v) - y0) / (y1 - y0)) * PANEL.h;
  out.push(`<text x="${left + PANEL.w / 2}" y="${PANEL.top - 14}" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  out.push(`<rect x="${left}" y="${PANEL.top}" width="${PANEL.w}" height="${PANEL.h}" fill="none" stroke="#888"/>`);
  for (let d = x0; d <= x1; d++) {
    const x = f1(X(10 ** d));
    out.push(`<line x1="${x}" y1="${PANEL.top}" x2="${x}" y2="${PANEL.top + PANEL.h}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${PANEL.top + PANEL.h + 18}" text-anchor="middle" font-size="12">10<tspan dy="-6" font-size="9">${d}</tspan></text>`);
  }
  for (let d = y0; d <= y1; d++) {
    const y = f1(Y(10 ** d));
    out.push(`<line x1="${left}" y1="${y}" x2="${left + PANEL.w}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="12">${10 ** d >= 1 ? String(10 ** d) : (10 ** d).toFixed(-d)}</text>`);
  }
  out.push(`<text x="${left + PANEL.w / 2}" y="${PANEL.top + PANEL.h + 38}" text-anchor="middle" font-size="12">rows the user owns</text>`);
  for (const s of SERIES) {
    const line = points.filter((p) => p.server === s.server && p.op === s.op).sort((a, b) => a.rows - b.rows);
    if (line.length === 0) continue;
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""} points="${line.map((p) => `${f1(X(p.rows))},${f1(Y(p[metric]))}`).join(" ")}"/>`);
    for (const p of line) out.push(`<circle cx="${f1(X(p.rows))}" cy="${f1(Y(p[metric]))}" r="3" fill="${s.color}"><title>${esc(`${s.label}: ${p.rows} rows, ${metric === "rps" ? `${Math.round(p.rps)} req/s` : `p99 ${f1(p.p99)} ms`}`)}</title></circle>`);
  }
  return out;
}

/** The chart for the points of the series. */
export function scalingChart(points: readonly ScalePoint[], opts: { title: string }): string {
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + 60}" viewBox="0 0 ${W} ${H + 60}" font-family="sans-serif">`];
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${esc(opts.title)}</text>`);
  out.push(...panel(points, PANEL.left[0], "rps", "requests per second (higher is better)"));
  out.push(...panel(points, PANEL.left[1], "p99", "p99 latency, ms (lower is better)"));
  SERIES.forEach((s, i) => {
    const x = 90 + (i % 2) * 420;
    const y = H + 10 + Math.floor(i / 2) * 20;
    out.push(`<line x1="${x}" y1="${y}" x2="${x + 36}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`);
    out.push(`<text x="${x + 44}" y="${y}" dominant-baseline="middle" font-size="12">${esc(s.label)}</text>`);
  });
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}
