// What DBML looks like, for telling a plain block (or unfenced text) of DBML from other code and
// prose without loading DBML's parser (read-dbml.ts loads it only for a spec that has DBML).

/** Words that start a DBML element at a line start (what tells DBML from prose or other code). */
export const DBML_ELEMENT = /^[ \t]*(?:table|ref|enum|tablegroup|tablepartial|project|note|records)\b/i;

/** Whether a text (a plain block's) is DBML: a `Table name {` line, and DBML's own marks somewhere (settings in brackets, a Ref, or `name type` lines only). */
export function looksLikeDbml(text: string): boolean {
  const open = /^[ \t]*table[ \t]+(?:"[^"\n]+"|[\w.]+)(?:\.(?:"[^"\n]+"|\w+))?(?:[ \t]+as[ \t]+\w+)?[ \t]*(?:\[[^\]\n]*\])?[ \t]*\{/im;
  if (!open.test(text)) return false;
  if (/^[ \t]*ref\b[^:\n]*:/im.test(text) || /\[(?:[^\]\n]*\b(?:pk|primary key|increment|not null|unique|ref|note|default)\b)[^\]\n]*\]/i.test(text)) return true;
  // `Table x {` then lines of `name type` up to `}`: nothing else writes that.
  const body = /\{([^{}]*)\}/.exec(text.slice(open.exec(text)!.index));
  if (!body) return false;
  const lines = body[1]!.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//"));
  return lines.length > 0 && lines.every((l) => /^(?:"[^"]+"|\w+)[ \t]+(?:"[^"]+"|[\w.]+(?:\([^)]*\))?(?:\[\])?)(?:[ \t]*\[[^\]]*\])?$|^note\s*:/i.test(l));
}
