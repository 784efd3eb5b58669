// The bundled CLI's cache of Markdown syntax trees, one file per specs directory under
// generator/dist/cache/: the tree of each piece markdownTree parsed in the last run, by the
// SHA-256 of the piece's text. A run parses only the pieces it does not find, and saves the
// pieces it used (so the file holds only what the specs are now). The file names the bundle
// it was written by (the SHA-256 of the bundle's first line, which lists every source and
// npm file bundled): any other bundle ignores it. Only from generator/dist/specforge.js (tsx
// and the tests always parse) and only when SPECFORGE_CACHE is not "0". Any error reading or
// writing it just means parsing everything. Only the KEEP most recently written files are
// kept (specs directories come and go: temporary ones in tests and benchmarks).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { bundleCache } from "../base/bundle.js";
import { useTreeCache } from "./markdown-tree.js";

interface CacheFile {
  readonly bundle: string;
  readonly trees: [string, Uint8Array][];
}

export interface ParseCache {
  /** Writes the trees used in this run, if they differ from what was read; stops using the cache. */
  save(): void;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const KEEP = 16;
const TREE_FILE = /^[0-9a-f]{24}\.bin$/;

/** Removes all but the KEEP most recently written tree files. */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((n) => TREE_FILE.test(n))
    .map((n) => ({ path: join(dir, n), mtime: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const f of files.slice(KEEP)) rmSync(f.path, { force: true });
}

/** Starts using the cache for `specsDir`; null (and no cache) outside the bundle or when disabled. */
export function openParseCache(specsDir: string): ParseCache | null {
  const cache = bundleCache();
  if (!cache) return null;
  const { dir, bundle } = cache;
  const file = join(dir, `${sha256(specsDir).slice(0, 24)}.bin`);
  const old = new Map<string, Uint8Array>();
  try {
    const read = deserialize(readFileSync(file)) as CacheFile;
    if (read.bundle === bundle) for (const [k, v] of read.trees) old.set(k, v);
  } catch {
    // none yet, or unreadable: parse everything
  }
  const used = new Map<string, Uint8Array>();
  let changed = false;
  useTreeCache({
    get(key) {
      const t = old.get(key);
      if (t) used.set(key, t);
      return t;
    },
    set(key, tree) {
      used.set(key, tree);
      changed = true;
    },
  });
  return {
    save() {
      useTreeCache(null);
      if (!changed && used.size === old.size) return;
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(tmp, serialize({ bundle, trees: [...used] } satisfies CacheFile));
        renameSync(tmp, file);
        prune(dir);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
  };
}
