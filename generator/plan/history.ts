// migrations/journal.json records each migration's hash and a chain hash over all
// before it. Entries are carried over verbatim, never recomputed, so an edited,
// removed or slipped-in migration stays visible to `specforge check`.
import { createHash } from "node:crypto";
import type { JournalEntry, PreviousMigrations } from "../read/read-output.js";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function chained(prev: string, name: string, hash: string): string {
  return sha256(`${prev}\n${name}\n${hash}`);
}

export function appendJournal(entries: readonly JournalEntry[], name: string, contents: string): JournalEntry[] {
  const hash = sha256(contents);
  return [...entries, { name, sha256: hash, chain: chained(entries.at(-1)?.chain ?? "", name, hash) }];
}

export interface HistoryProblem {
  readonly migration: string;
  readonly kind: "edited" | "deleted" | "unrecorded" | "journal";
  readonly message: string;
}

/** How the committed migrations differ from what the journal recorded. Empty when they agree. */
export function verifyHistory(previous: PreviousMigrations): HistoryProblem[] {
  const journal = previous.journal;
  if (!journal) return [];
  const out: HistoryProblem[] = [];
  let chain = "";
  for (const e of journal) {
    chain = chained(chain, e.name, e.sha256);
    if (chain !== e.chain) {
      out.push({ migration: e.name, kind: "journal", message: `journal.json was edited: the hash chain breaks at ${e.name}` });
      break;
    }
  }
  for (const e of journal) {
    const text = previous.files.get(e.name);
    if (text === undefined) out.push({ migration: e.name, kind: "deleted", message: `committed migration ${e.name} was deleted or renamed` });
    else if (sha256(text) !== e.sha256) out.push({ migration: e.name, kind: "edited", message: `committed migration ${e.name} was edited (sha256 ${sha256(text).slice(0, 12)}, journal says ${e.sha256.slice(0, 12)})` });
  }
  for (const name of previous.files.keys()) {
    if (!journal.some((e) => e.name === name)) out.push({ migration: name, kind: "unrecorded", message: `migration ${name} is not in journal.json (written by hand?)` });
  }
  return out;
}
