// The generator, precompiled. esbuild bundles generator/cli.ts with the npm packages it
// imports (except those loaded only on demand: openapi-typescript, typescript, jose) into
// one ESM file, generator/dist/specforge.js, so that a run pays neither tsx's TypeScript
// loader nor the resolution of a hundred small ESM files.
//
// The bundle's first line records what it was built from: every generator source (and
// tsconfig.json, and this file) by the SHA-256 of the exact text esbuild compiled, every
// bundled npm file (and node_modules/.package-lock.json, which npm rewrites on each
// install) by size and mtime. bin/specforge.mjs runs the bundle only while all of these
// still match (freshDist); otherwise it rebuilds it first (buildDist). A stale bundle is
// never run: an edit, a checkout, a reverted file or an `npm install` all show up.
// Plain JavaScript on purpose: it must run before anything can compile TypeScript.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "// specforge-dist ";
// libpg-query finds its .wasm next to itself; node-sql-parser is loaded per dialect (build/mysql, build/sqlite) only when a spec needs it;
// @dbml/parse (0.5 MB) only when a spec has DBML, so the bundle every run loads stays without it;
// likewise graphql and the Lezer grammars (Java, Go, PHP), imported only by the readers of those languages.
const EXTERNAL = ["openapi-typescript", "typescript", "jose", "libpg-query", "node-sql-parser", "@dbml/parse", "graphql", "@lezer/common", "@lezer/lr", "@lezer/java", "@lezer/go", "@lezer/php"];
const LOADERS = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".js": "js", ".mjs": "js", ".cjs": "js", ".json": "json" };

/** The package root (this file is generator/build-dist.mjs). */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function distFile(root = ROOT) {
  return join(root, "generator", "dist", "specforge.js");
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const stamp = (file) => {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
};
const slash = (p) => p.split(sep).join("/");
const isNpm = (rel) => rel.startsWith("node_modules/") || rel.includes("/node_modules/");

/** The bundle's path when it was built from exactly the files there now, else null. */
export function freshDist(root = ROOT) {
  const file = distFile(root);
  let info;
  try {
    const bytes = readFileSync(file);
    const head = bytes.subarray(0, bytes.indexOf(10)).toString("utf8");
    if (!head.startsWith(MARK)) return null;
    info = JSON.parse(head.slice(MARK.length));
    for (const [rel, hash] of Object.entries(info.hashed)) if (sha256(readFileSync(join(root, rel))) !== hash) return null;
    for (const [rel, st] of Object.entries(info.stamped)) if (stamp(join(root, rel)) !== st) return null;
  } catch {
    return null;
  }
  return file;
}

/**
 * Bundles the generator into distFile(root) and returns its path. Written to a temporary
 * file and renamed, so a process that runs at the same time sees the old bundle or the new
 * one, never half of one. Throws when esbuild fails (e.g. a syntax error in a source).
 */
export async function buildDist(root = ROOT) {
  const { build } = await import("esbuild");
  const hashed = {};
  const own = (rel) => {
    hashed[rel] = sha256(readFileSync(join(root, rel)));
  };
  own("tsconfig.json");
  own("generator/build-dist.mjs");
  const before = { ...hashed };
  const record = {
    name: "record-sources",
    setup(b) {
      // Our own sources are read here, so the hash is of the very text that is compiled.
      b.onLoad({ filter: /.*/ }, (args) => {
        const rel = slash(relative(root, args.path));
        if (isNpm(rel) || args.namespace !== "file") return undefined;
        const text = readFileSync(args.path);
        hashed[rel] = sha256(text);
        return { contents: text, loader: LOADERS[extname(args.path)] ?? "js" };
      });
    },
  };
  const result = await build({
    absWorkingDir: root,
    entryPoints: { specforge: "generator/cli.ts" },
    outdir: dirname(distFile(root)),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    keepNames: true,
    plugins: [record],
    // The bundled CommonJS packages (yaml, ajv) call require(); ESM has none of its own.
    banner: { js: "import { createRequire as __specforgeCreateRequire } from 'node:module';\nconst require = __specforgeCreateRequire(import.meta.url);" },
    // cli.ts finds templates/ relative to itself: one level deeper in the bundle.
    define: { SPECFORGE_DIST: "true" },
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const stamped = {};
  for (const rel of Object.keys(result.metafile.inputs)) {
    if (isNpm(rel)) stamped[rel] = stamp(join(root, rel));
    else if (!(rel in hashed)) throw new Error(`build-dist: ${rel} was bundled without being recorded`);
  }
  try {
    stamped["node_modules/.package-lock.json"] = stamp(join(root, "node_modules", ".package-lock.json"));
  } catch {
    // Not written by every package manager; the bundled files' own stamps still count.
  }
  for (const [rel, hash] of Object.entries(before)) {
    if (sha256(readFileSync(join(root, rel))) !== hash) throw new Error(`build-dist: ${rel} changed during the build`);
  }
  const out = result.outputFiles.find((f) => f.path === distFile(root));
  if (!out) throw new Error("build-dist: esbuild wrote no bundle");
  const file = distFile(root);
  mkdirSync(dirname(file), { recursive: true });
  const writeAtomically = (target, text) => {
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
  };
  writeAtomically(file, MARK + JSON.stringify({ hashed, stamped }) + "\n" + out.text);
  return file;
}

// `node generator/build-dist.mjs`: build now (npm run build:generator). With --if-possible
// (npm's prepare, after every install) a failure is only a note: the command then builds the
// bundle on its first run, or runs the sources through tsx.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const file = await buildDist();
    process.stdout.write(`built ${slash(relative(process.cwd(), file))}\n`);
  } catch (err) {
    if (!process.argv.includes("--if-possible")) throw err;
    process.stderr.write(`specforge: note: generator/dist not built (${String(err?.message ?? err).split("\n")[0]})\n`);
  }
}
