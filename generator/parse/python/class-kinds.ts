// What a class is: its family (SQLModel, SQLAlchemy, Django, Pydantic, enum, declarative
// base), whether it is a table or a mixin, its bases in this block, its class attributes, and its
// fields with those of its non-table bases.
import type { Family } from "./drafts.js";
import { dotted, isTrue, lastPart } from "./expr-helpers.js";
import type { Expr } from "./expressions.js";
import type { PythonReader } from "./state.js";
import type { Stmt } from "./statements.js";
import type { BodyItem, PyClass } from "./structure.js";
import { COLUMN_CALLS, DECLARATIVE_BASES, DJANGO_RELATIONS, DJANGO_TYPES, ENUM_BASES, own } from "./vocabulary.js";

function fieldName(s: Stmt): string | null {
  if (s.k === "ann" && s.target.k === "name") return s.target.id;
  if (s.k === "assign" && s.targets.length === 1 && s.targets[0]!.k === "name") return s.targets[0]!.id;
  return null;
}

export function baseNames(c: PyClass): string[] {
  return c.args.filter((a) => !a.name && !a.star).map((a) => dotted(a.value) ?? "").filter(Boolean);
}

export function family(cx: PythonReader, c: PyClass, seen = new Set<PyClass>()): Family {
  const known = cx.families.get(c);
  if (known) return known;
  seen.add(c);
  const f = familyOf(cx, c, seen);
  cx.families.set(c, f);
  return f;
}

export function familyOf(cx: PythonReader, c: PyClass, seen: Set<PyClass>): Family {
  const bases = baseNames(c);
  if (bases.some((b) => ENUM_BASES.has(lastPart(cx.resolve(b))))) return "enum";
  for (const b of bases) {
    const local = b.includes(".") ? undefined : cx.lookupClass(b, c.outer);
    if (local && local !== c && !seen.has(local)) {
      const f = family(cx, local, seen);
      if (f === "declarative") return "sqlalchemy";
      if (f !== "none") return f;
      continue;
    }
    const full = cx.resolve(b);
    const last = lastPart(full);
    if (last === "SQLModel") return "sqlmodel";
    if (b === "models.Model" || /^django\..*\.Model$/.test(full)) return "django";
    if (last === "BaseModel" || last === "RootModel") return "pydantic";
    if (DECLARATIVE_BASES.has(last)) return "declarative";
    if (cx.declarative.has(b) && !full.startsWith("django.")) return looksDjango(c) ? "django" : "sqlalchemy";
  }
  // Bases this block does not define: "class Task(UUIDModel, table=True)" is SQLModel's own
  // signature (a project base class over SQLModel); otherwise what the body declares tells.
  if (c.args.some((a) => a.name === "table")) return "sqlmodel";
  if (looksDjango(c)) return "django";
  if (
    c.body.some(({ stmt: s }) => {
      if (s.k === "ann") return (dotted(s.ann.k === "sub" ? s.ann.obj : s.ann) ?? "").endsWith("Mapped") || COLUMN_CALLS.has(cx.calleeOf(s.value));
      if (s.k === "assign") return COLUMN_CALLS.has(cx.calleeOf(s.value)) || s.targets.some((t) => t.k === "name" && t.id === "__tablename__");
      return false;
    })
  )
    return "sqlalchemy";
  return "none";
}

export function looksDjango(c: PyClass): boolean {
  return c.body.some(({ stmt: s }) => {
    if (s.k !== "assign" || s.value.k !== "call") return false;
    const d = dotted(s.value.fn) ?? "";
    const last = lastPart(d);
    return (d.startsWith("models.") && (last.endsWith("Field") || DJANGO_RELATIONS.has(last) || last === "ManyToManyField")) || (!d.includes(".") && !!own(DJANGO_TYPES, last));
  });
}

/** `__tablename__`, `__abstract__`, Meta options: a class attribute assigned a value. */
export function attr(c: PyClass, name: string): Expr | undefined {
  for (const { stmt: s } of c.body) {
    if (s.k === "assign" && s.targets.some((t) => t.k === "name" && t.id === name)) return s.value;
    if (s.k === "ann" && s.target.k === "name" && s.target.id === name && s.value) return s.value;
  }
  return undefined;
}

export function localBases(cx: PythonReader, c: PyClass): PyClass[] {
  return baseNames(c)
    .filter((b) => !b.includes("."))
    .map((b) => cx.lookupClass(b, c.outer))
    .filter((x): x is PyClass => !!x && x !== c);
}

/** Whether the class's bases reach a declarative base (else it is a mixin). */
export function reachesDeclarative(cx: PythonReader, c: PyClass, seen = new Set<PyClass>()): boolean {
  seen.add(c);
  for (const b of baseNames(c)) {
    const local = b.includes(".") ? undefined : cx.lookupClass(b, c.outer);
    if (local && local !== c) {
      if (seen.has(local)) continue;
      if (family(cx, local) === "declarative" || reachesDeclarative(cx, local, seen)) return true;
      continue;
    }
    const full = cx.resolve(b);
    if (cx.declarative.has(b) || DECLARATIVE_BASES.has(lastPart(full))) return true;
  }
  return false;
}

export function djangoMeta(c: PyClass): PyClass | undefined {
  return c.nested.get("Meta");
}

export function isTable(cx: PythonReader, c: PyClass): boolean {
  switch (family(cx, c)) {
    case "sqlmodel":
      return isTrue(c.args.find((a) => a.name === "table")?.value);
    case "sqlalchemy":
      if (isTrue(attr(c, "__abstract__"))) return false;
      return attr(c, "__tablename__") !== undefined || reachesDeclarative(cx, c);
    case "django": {
      const meta = djangoMeta(c);
      return !(meta && (isTrue(attr(meta, "abstract")) || isTrue(attr(meta, "proxy"))));
    }
    default:
      return false;
  }
}

/** The class's fields with those of its non-table bases first (as Python orders them). */
export function fields(cx: PythonReader, c: PyClass, seen = new Set<PyClass>()): { item: BodyItem; owner: PyClass }[] {
  seen.add(c);
  const out: { item: BodyItem; owner: PyClass }[] = [];
  const add = (item: BodyItem, owner: PyClass): void => {
    const name = fieldName(item.stmt);
    const k = name === null ? -1 : out.findIndex((x) => fieldName(x.item.stmt) === name);
    if (k >= 0) out[k] = { item, owner };
    else out.push({ item, owner });
  };
  for (const b of localBases(cx, c).reverse()) {
    if (seen.has(b) || isTable(cx, b) || family(cx, b) === "enum") continue;
    for (const f of fields(cx, b, seen)) add(f.item, f.owner);
  }
  for (const item of c.body) if (item.stmt.k === "ann" || item.stmt.k === "assign") add(item, c);
  return out;
}

export function isBaseOfTable(cx: PythonReader, c: PyClass): boolean {
  for (const other of cx.classes.values()) {
    if (other === c || !isTable(cx, other)) continue;
    const stack = localBases(cx, other);
    const seen = new Set<PyClass>();
    while (stack.length) {
      const b = stack.pop()!;
      if (b === c) return true;
      if (seen.has(b)) continue;
      seen.add(b);
      stack.push(...localBases(cx, b));
    }
  }
  return false;
}
