// The worker thread of client-types.ts (startClientTypesWorker): bundled by build-dist.mjs as
// generator/dist/client-types-worker.js. It loads openapi-typescript and typescript.js as soon
// as it starts, then answers each { id, json } with { id, types } (null when the transform
// could not be loaded; the main thread then falls back to its own ways).
import { parentPort } from "node:worker_threads";
import { preloadTransform, schemaTypesDirect } from "./client-types.js";

const port = parentPort;
if (port) {
  preloadTransform();
  port.on("message", (m: { id: number; json: string }) => {
    let types: string | null;
    try {
      types = schemaTypesDirect(m.json);
    } catch {
      types = null;
    }
    port.postMessage({ id: m.id, types });
  });
}
