#!/usr/bin/env node
// The specforge command. It runs generator/dist/specforge.js, the generator precompiled by
// esbuild, as long as that bundle was built from the sources as they are now; otherwise it
// rebuilds the bundle first (~0.5 s, once). If the build fails it runs the TypeScript
// sources through tsx's loader instead, as does SPECFORGE_FROM_SOURCE=1. See build-dist.mjs.
import { pathToFileURL } from "node:url";
import { buildDist, freshDist } from "../build-dist.mjs";

async function bundle() {
  if (process.env.SPECFORGE_FROM_SOURCE === "1") return null;
  const fresh = freshDist();
  if (fresh) return fresh;
  try {
    return await buildDist();
  } catch (err) {
    const first = err?.errors?.[0]; // esbuild's own message, with where
    const why = first ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ""}${first.text}` : String(err?.message ?? err).split("\n")[0];
    process.stderr.write(`specforge: note: could not build generator/dist (${why}); running the sources through tsx\n`);
    return null;
  }
}

const dist = await bundle();
let main;
if (dist) {
  ({ main } = await import(pathToFileURL(dist).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
