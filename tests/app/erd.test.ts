// The drawn ERD: one box per table, one curve per foreign key, served publicly by the app.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildErdSvg } from "../../generator/emit/emit-erd-svg.js";
import { loadSpecs } from "../../generator/front.js";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("ERD.svg", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startGeneratedApp("pglite");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("has a box per table and a curve per foreign key", async () => {
    const { ir } = await loadSpecs(join(ROOT, "specs"), ROOT);
    const svg = buildErdSvg(ir!);
    for (const t of ir!.tables) expect(svg).toContain(`<g id="table-${t.name}">`);
    const fks = ir!.tables.flatMap((t) => t.columns.filter((c) => c.references));
    expect(fks.length).toBeGreaterThan(0);
    expect(svg.match(/<path d="M\d+,\d+ C/g)?.length).toBe(fks.length);
    expect(svg).toContain("<title>tasks.category_id -&gt; categories.id (on delete set null)</title>");
    // The committed generated/ERD.svg is this drawing behind the generated header.
    expect(readFileSync(join(ROOT, "generated", "ERD.svg"), "utf8")).toMatch(new RegExp(`DO NOT EDIT. -->\\n${svg.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });

  it("is served without a token at /docs/erd.svg", async () => {
    const res = await app.call("GET", "/docs/erd.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(res.text).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(res.text).toContain('<g id="table-tasks">');
  });
});
