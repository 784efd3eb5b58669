// `specforge generate --watch`: generate, then again after every change under the
// specs directory (debounced: editors write files in several steps).
import { watch } from "node:fs";
import type { Io } from "./command-io.js";
import { generateOnce, type GenerateOptions } from "./generate-command.js";

export const DEBOUNCE_MS = 150;

export async function watchAndGenerate(o: GenerateOptions, io: Io, signal?: AbortSignal): Promise<number> {
  await generateOnce(o, io);
  io.out(`specforge: watching ${o.specsDir} (Ctrl-C to stop)\n`);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  signal?.addEventListener("abort", onSignal, { once: true });
  if (!signal) process.once("SIGINT", onSignal);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const watcher = watch(o.specsDir, { recursive: true, signal: stop.signal });
  watcher.on("change", () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      // One generation at a time, in order.
      running = running.then(() => generateOnce(o, io)).catch((err: unknown) => io.err(`specforge: ${(err as Error).message}\n`));
    }, DEBOUNCE_MS);
  });
  await new Promise<void>((resolve) => {
    if (stop.signal.aborted) resolve();
    stop.signal.addEventListener("abort", () => resolve(), { once: true });
    watcher.on("error", () => resolve());
  });
  if (timer) clearTimeout(timer);
  watcher.close();
  await running;
  return 0;
}
