#!/usr/bin/env node
// The specforge command. The generator is TypeScript; tsx's loader runs it in place.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli.ts");
process.exitCode = await main(process.argv.slice(2));
