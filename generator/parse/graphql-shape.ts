// Whether a block holds GraphQL SDL object types (`type Task {` with `title: String!` fields).
// Kept apart from read-graphql.ts so that recognising such a block never loads graphql.
const OBJECT_TYPE = /^[ \t]*(?:extend[ \t]+)?type[ \t]+[A-Za-z_]\w*(?:[ \t]+implements[ \t]+[\w&, \t]+)?(?:[ \t]*@[\w.]+(?:\([^)]*\))?)*[ \t]*\{/m;
const FIELD = /^[ \t]+[A-Za-z_]\w*(?:\([^)]*\))?[ \t]*:[ \t]*\[?[ \t]*[A-Za-z_]\w*!?[ \t]*\]?!?/m;

/** Fenced as GraphQL: the block holds an object type with a typed field. */
export const holdsGraphqlTypes = (text: string): boolean => OBJECT_TYPE.test(text) && FIELD.test(text);

/** Unfenced (or fenced as plain text): its first declaration is `type X {` (a `type X = {` is TypeScript). */
export const startsWithGraphqlType = (text: string): boolean => {
  const first = text.replace(/^(?:\s*(?:#[^\n]*|"""[\s\S]*?"""|"[^"\n]*")\s*)*/, "");
  return /^(?:extend\s+)?type\s+[A-Za-z_]\w*(?:\s+implements\s+[\w&, \t]+)?(?:\s*@[\w.]+(?:\([^)]*\))?)*\s*\{/.test(first) && FIELD.test(text);
};
