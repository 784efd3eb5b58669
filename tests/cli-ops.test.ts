// CLI polish: help per command, `specforge init`, colour only where it belongs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main, EXIT } from "../generator/cli.js";
import { useColor } from "../generator/color.js";

function capture(color?: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), ...(color === undefined ? {} : { color }) }, out, err };
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "specforge-cli-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("help", () => {
  it("prints the overview for --help and a page per command", async () => {
    const c = capture();
    expect(await main(["--help"], c.io)).toBe(EXIT.ok);
    for (const cmd of ["init", "generate", "check", "ir", "explain", "token"]) expect(c.out.join("")).toContain(`specforge ${cmd}`);
    for (const cmd of ["init", "generate", "check", "ir", "explain", "token"]) {
      const h = capture();
      expect(await main([cmd, "--help"], h.io)).toBe(EXIT.ok);
      expect(h.out.join("")).toMatch(new RegExp(`^specforge ${cmd} `));
      expect(h.out.join("")).not.toContain("Usage:"); // the command's page, not the overview
    }
  });
});

describe("init", () => {
  it("writes a starter pair that generates cleanly, and refuses to overwrite", async () => {
    const root = tempDir();
    const c = capture();
    expect(await main(["init"], c.io, root)).toBe(EXIT.ok);
    expect(c.out.join("")).toContain("specs/database/schema.md");
    const schema = readFileSync(join(root, "specs/database/schema.md"), "utf8");
    expect(schema).toContain("## notes");
    const g = capture();
    expect(await main(["generate"], g.io, root)).toBe(EXIT.ok);
    expect(g.err.join("")).toBe(""); // no diagnostics at all
    expect(readFileSync(join(root, "generated/routes/notes.ts"), "utf8")).toContain('"/api/:user_id/notes"');

    writeFileSync(join(root, "specs/database/schema.md"), "# mine\n");
    const again = capture();
    expect(await main(["init"], again.io, root)).toBe(EXIT.drift);
    expect(again.err.join("")).toContain("refusing to overwrite specs/database/schema.md");
    expect(readFileSync(join(root, "specs/database/schema.md"), "utf8")).toBe("# mine\n");
  });

  it("refuses when only one of the pair exists, and writes nothing", async () => {
    const root = tempDir();
    mkdirSync(join(root, "specs/api"), { recursive: true });
    writeFileSync(join(root, "specs/api/rest-endpoints.yaml"), "endpoints: []\n");
    const c = capture();
    expect(await main(["init"], c.io, root)).toBe(EXIT.drift);
    expect(() => readFileSync(join(root, "specs/database/schema.md"))).toThrow();
  });
});

describe("colour", () => {
  it("is on for a TTY only, and off under CI, NO_COLOR or TERM=dumb", () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, {})).toBe(false);
    expect(useColor({ isTTY: true }, { CI: "true" })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColor({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
  });

  it("colours diagnostics when asked, and prints the plain compiler format otherwise", async () => {
    const root = tempDir();
    cpSync(join(import.meta.dirname, "golden/error-owner-marker/specs"), join(root, "specs"), { recursive: true });
    const plain = capture(false);
    expect(await main(["generate"], plain.io, root)).toBe(EXIT.specErrors);
    const text = plain.err.join("");
    expect(text).toMatch(/^specs\/database\/schema\.md:\d+:\d+: error SF\d+: /m);
    expect(text).not.toContain("\u001b[");
    const coloured = capture(true);
    expect(await main(["generate"], coloured.io, root)).toBe(EXIT.specErrors);
    const ctext = coloured.err.join("");
    expect(ctext).toContain("\u001b[1;31merror SF");
    expect(ctext.replace(/\u001b\[[0-9;]*m/g, "")).toBe(text); // same words, only colour added
  });
});
