// The Python reader's state for one block: the result it builds, the classes, imports, constants
// and items the block holds (in written order), what is already known about its classes, and
// the helpers every part of the reader uses (positions, warnings and notes, names as imported).
import type { Diagnostic } from "../../base/diagnostics.js";
import { emptyResult, type ReaderResult, type SourceBlock } from "../block.js";
import type { RawText } from "../raw.js";
import type { EnumInfo, Family } from "./drafts.js";
import { dotted, lastPart } from "./expr-helpers.js";
import type { Call, Expr } from "./expressions.js";
import type { Stmt } from "./statements.js";
import type { PyClass } from "./structure.js";
import { DECLARATIVE_NAMES } from "./vocabulary.js";

export class PythonReader {
  readonly out: ReaderResult = emptyResult();
  readonly text: string;
  readonly classes = new Map<string, PyClass>();
  readonly origins = new Map<string, string>();
  readonly declarative = new Set(DECLARATIVE_NAMES);
  readonly consts = new Map<string, Expr>();
  readonly families = new Map<PyClass, Family>();
  readonly enums = new Map<PyClass, EnumInfo>();
  readonly tableNames = new Map<PyClass, { text: string; at: number; derived: boolean }>();
  /** Everything that becomes output, in the order it is written. */
  readonly items: ({ k: "class"; cls: PyClass } | { k: "table"; call: Call } | { k: "index"; call: Call })[] = [];

  constructor(readonly block: SourceBlock) {
    this.text = block.text;
  }

  raw(text: string, at: number): RawText {
    return { text, span: this.block.at(Math.max(0, Math.min(at, this.text.length))) };
  }

  warn(message: string, at: number, hint?: string): void {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: this.block.at(Math.max(0, Math.min(at, this.text.length))), ...(hint ? { hint } : {}) };
    this.out.diagnostics.push(d);
  }

  note(message: string, at: number): void {
    this.out.notes.push({ span: this.block.at(Math.max(0, Math.min(at, this.text.length))), message });
  }

  src(e: { s: number; e: number }): string {
    return this.text.slice(e.s, e.e);
  }

  moduleAssign(s: Extract<Stmt, { k: "assign" }>): void {
    const v = s.value;
    const callee = v.k === "call" ? lastPart(this.resolve(dotted(v.fn) ?? "")) : "";
    for (const t of s.targets) {
      const name = dotted(t);
      if (!name) continue;
      if (callee === "declarative_base" || callee === "generate_base" || callee === "as_declarative") this.declarative.add(name);
      else if (callee === "SQLAlchemy") this.declarative.add(`${name}.Model`);
      else this.consts.set(name, v);
    }
    if (callee === "Table" && v.k === "call") this.items.push({ k: "table", call: v });
  }

  /** A name as imported: `sa.Column` -> `sqlalchemy.Column`, `SAEnum` -> `sqlalchemy.Enum`. */
  resolve(name: string): string {
    const dot = name.indexOf(".");
    const head = dot < 0 ? name : name.slice(0, dot);
    const origin = this.origins.get(head);
    return origin ? origin + (dot < 0 ? "" : name.slice(dot)) : name;
  }

  calleeOf(e: Expr | undefined): string {
    return e?.k === "call" ? lastPart(this.resolve(dotted(e.fn) ?? "")) : "";
  }

  /** A class of this block by the name written in code (`User`, `"User"`), looked up from inside `from`. */
  lookupClass(name: string, from?: PyClass): PyClass | undefined {
    for (let c = from; c; c = c.outer) {
      const n = c.nested.get(name);
      if (n) return n;
    }
    return this.classes.get(name);
  }

  where(at: number): string {
    const s = this.block.at(at);
    return `${s.line}:${s.column}`;
  }
}
