// A block reader built on TypeScript's parser (Drizzle tables, Mongoose schemas): TypeScript is
// imported on the first call only, once per process, so a spec without such a block never pays
// for it (the generator's start-up budget).
import type TS from "typescript";
import type { BlockReader, ReaderResult, SourceBlock } from "./block.js";

export function lazyTypeScriptReader(read: (ts: typeof TS, block: SourceBlock) => ReaderResult): () => Promise<BlockReader> {
  let loading: Promise<BlockReader> | null = null;
  return () =>
    (loading ??= import("typescript")
      .then((m): BlockReader => {
        const ts = m.default;
        return (block: SourceBlock) => read(ts, block);
      })
      .catch((e: unknown) => {
        loading = null;
        throw e;
      }));
}

/**
 * A property's type without `null` and `undefined`: the other members of a union (or the type
 * itself), and whether one was there (`string | null`, `Task | undefined`: the column may be empty).
 */
export function withoutNullish(ts: typeof TS, t: TS.TypeNode): { parts: TS.TypeNode[]; nullable: boolean } {
  if (!ts.isUnionTypeNode(t)) return { parts: [t], nullable: false };
  const nullish = (x: TS.TypeNode) => x.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(x) && x.literal.kind === ts.SyntaxKind.NullKeyword);
  const parts = t.types.filter((x) => !nullish(x));
  return { parts, nullable: parts.length < t.types.length };
}
