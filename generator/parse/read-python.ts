// Python model classes pasted into a spec: SQLModel (`class Task(SQLModel, table=True)`),
// SQLAlchemy 2.0 (`Mapped[...] = mapped_column(...)`) and classic (`Column(...)`, `Table(...)`),
// Django (`models.Model`), Pydantic request bodies (`class TaskCreate(BaseModel)`) and enums,
// read into the raw shape in the texts the IR builder reads (`varchar(32)`, `not null`,
// `references users(id) on delete cascade`, `max length 200`), every text at its place.
//
// The Python these classes use is a small, regular part of the language (class bodies,
// annotated assignments, calls with keyword arguments, literals, comments, decorators,
// continuation lines): a hand-written tokenizer and expression parser read it. Measured on a
// 9 KB block of nine SQLAlchemy models, the whole read here (~2 ms warm) costs a little less
// than tree-sitter's Python grammar (web-tree-sitter + tree-sitter-python's .wasm) takes to
// parse alone, and tree-sitter also costs 20-50 ms to load and ~0.8 MB of runtime files
// (12 MB installed) for a tree this reader would still have to interpret. Code that is not a model
// (functions, queries) is tokenized and skipped; a model class with a syntax error is one
// SF113 warning at the class, and the rest of the block is still read.
//
// This module runs the reader over one block; its parts are in python/: the tokenizer, expression
// and statement parsers and the class structure, then what classes mean and each model family.
import type { BlockReader } from "./block.js";
import { readBodyModel } from "./python/body-models.js";
import { attr, family, isBaseOfTable, isTable, localBases } from "./python/class-kinds.js";
import { readDjango } from "./python/django.js";
import { collectEnums } from "./python/enums.js";
import { dotted, lastPart } from "./python/expr-helpers.js";
import { SyntaxFail } from "./python/expressions.js";
import { readModuleIndex, readSqlAlchemy, readTableCall } from "./python/sqlalchemy.js";
import { readSqlModel } from "./python/sqlmodel.js";
import { PythonReader } from "./python/state.js";
import { parseStatement, type Stmt } from "./python/statements.js";
import { buildClass, lineTree, type PyClass, splitSemicolons } from "./python/structure.js";
import { emit } from "./python/tables.js";
import { tokenize } from "./python/tokens.js";

/** The Python reader (no parser to load: the first call costs nothing). */
export async function loadPythonReader(): Promise<BlockReader> {
  return (block) => {
    const reader = new PythonReader(block);
    try {
      read(reader);
    } catch (err) {
      // Only a fault of this reader gets here (say, brackets nested past the stack): one warning, never a throw.
      const message = `the python block could not be read (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`;
      reader.out.diagnostics.push({ severity: "warning", code: "SF113", message, span: block.at(0) });
    }
    return reader.out;
  };
}

function read(cx: PythonReader): void {
  const { lines, problems } = tokenize(cx.text);
  for (const node of lineTree(lines)) {
    const parts = splitSemicolons(node.line.toks);
    for (const [i, part] of parts.entries()) {
      let s: Stmt;
      try {
        s = parseStatement(part, node.line.end);
      } catch (err) {
        if (!(err instanceof SyntaxFail)) throw err;
        // A class whose header cannot be read is still a class the spec meant.
        const m = /^class\s+([A-Za-z_]\w*)/.exec(cx.text.slice(part[0]!.start, node.line.end));
        if (m) cx.warn(`class ${m[1]} could not be read (${err.message}); it is skipped`, part[0]!.start + m[0].length - m[1]!.length);
        continue;
      }
      if (s.k === "class") {
        const cls = buildClass(s, node.line, i === 0 ? node : null, problems);
        cx.classes.set(cls.name, cls);
        cx.items.push({ k: "class", cls });
      } else if (s.k === "import") for (const n of s.names) cx.origins.set(n.as, n.origin);
      else if (s.k === "assign") cx.moduleAssign(s);
      else if (s.k === "expr" && s.value.k === "call" && lastPart(dotted(s.value.fn) ?? "") === "Index") cx.items.push({ k: "index", call: s.value });
    }
  }
  for (const item of cx.items) if (item.k === "class") collectEnums(cx, item.cls);
  for (const item of cx.items) {
    try {
      if (item.k === "class") readClass(cx, item.cls);
      else if (item.k === "table") readTableCall(cx, item.call);
      else readModuleIndex(cx, item.call);
    } catch (err) {
      // A fault of this reader must not lose the rest of the block.
      const at = item.k === "class" ? item.cls.nameAt : item.call.s;
      cx.warn(`${item.k === "class" ? `class ${item.cls.name}` : "this statement"} could not be read (${err instanceof Error ? err.message : String(err)}); it is skipped`, at);
    }
  }
}

function readClass(cx: PythonReader, c: PyClass): void {
  const fam = family(cx, c);
  if (fam === "enum" || fam === "declarative" || fam === "none") return;
  const table = isTable(cx, c);
  if (c.problem) {
    if (table || fam === "pydantic" || fam === "sqlmodel") cx.warn(`class ${c.name} could not be read (${c.problem.message} at ${cx.where(c.problem.at)}); it is skipped`, c.nameAt);
    return;
  }
  if (fam === "pydantic" || (fam === "sqlmodel" && !table)) {
    if (isBaseOfTable(cx, c)) return;
    readBodyModel(cx, c);
    return;
  }
  if (!table) return;
  if (fam === "sqlalchemy") {
    const parent = localBases(cx, c).find((b) => isTable(cx, b));
    if (parent && attr(c, "__tablename__") === undefined) {
      cx.warn(`class ${c.name} extends the table class ${parent.name} without a __tablename__ of its own (single-table inheritance); it is not read`, c.nameAt,
        "give it its own __tablename__, or write its columns in the parent class");
      return;
    }
  }
  const draft = fam === "sqlmodel" ? readSqlModel(cx, c) : fam === "sqlalchemy" ? readSqlAlchemy(cx, c) : readDjango(cx, c);
  if (draft.columns.length === 0) {
    cx.warn(`class ${c.name} declares no column this reader understands; it is skipped`, c.nameAt);
    return;
  }
  emit(cx, draft);
}
