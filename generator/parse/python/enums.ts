// Enum classes (Enum, StrEnum, IntEnum, Django's TextChoices) read as raw enums, and their
// members looked up by name.
import type { RawEnum } from "../raw.js";
import { baseNames, family } from "./class-kinds.js";
import type { EnumInfo } from "./drafts.js";
import { dotted, lastPart, numberOf } from "./expr-helpers.js";
import type { Expr } from "./expressions.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";
import { INT_ENUM_BASES } from "./vocabulary.js";

export function collectEnums(cx: PythonReader, c: PyClass): void {
  for (const n of c.nested.values()) collectEnums(cx, n);
  if (c.problem || family(cx, c) !== "enum") return;
  const bases = baseNames(c).map((b) => lastPart(cx.resolve(b)));
  const values: { text: string; at: number }[] = [];
  const members = new Map<string, string>();
  let named = false;
  const strEnum = bases.includes("StrEnum") || bases.includes("TextChoices");
  for (const { stmt: s } of c.body) {
    if (s.k !== "assign" || s.targets.length !== 1 || s.targets[0]!.k !== "name") continue;
    const member = s.targets[0] as Extract<Expr, { k: "name" }>;
    if (member.id.startsWith("_")) continue;
    let v = s.value;
    if (v.k === "seq" && v.kind === "tuple" && v.items[0]) v = v.items[0];
    if (v.k === "str") {
      values.push({ text: v.str.value, at: v.str.contentAt });
      members.set(member.id, v.str.value);
    } else if (v.k === "num" || (v.k === "unary" && numberOf(v) !== undefined)) {
      values.push({ text: numberOf(v) ?? v.k, at: v.s });
      members.set(member.id, numberOf(v) ?? "");
      named = true;
    } else if (v.k === "call" && lastPart(dotted(v.fn) ?? "") === "auto") {
      // StrEnum's auto() is the member's name in lower case; other enums number their members.
      const value = strEnum ? member.id.toLowerCase() : member.id;
      values.push({ text: value, at: member.s });
      members.set(member.id, value);
      if (!strEnum) named = true;
    }
  }
  const integer = bases.some((b) => INT_ENUM_BASES.has(b));
  if (named && !integer) {
    // SQLAlchemy stores an enum's member names unless told otherwise.
    values.length = 0;
    for (const { stmt: s } of c.body) {
      if (s.k === "assign" && s.targets.length === 1 && s.targets[0]!.k === "name" && !s.targets[0]!.id.startsWith("_")) {
        values.push({ text: s.targets[0]!.id, at: s.targets[0]!.s });
        members.set(s.targets[0]!.id, s.targets[0]!.id);
      }
    }
    cx.note(`enum ${c.name} has values that are not strings: its member names are read as its values`, c.nameAt);
  }
  cx.enums.set(c, { cls: c, values, members, integer });
  if (c.outer) return;
  if (integer) {
    cx.note(`${c.name} holds numbers: it is not read as a set of text values`, c.nameAt);
    return;
  }
  const e: RawEnum = { name: cx.raw(c.name, c.nameAt), values: values.map((v) => cx.raw(v.text, v.at)) };
  cx.out.enums.push(e);
}

export function enumOf(cx: PythonReader, name: string, from?: PyClass): EnumInfo | undefined {
  const c = cx.lookupClass(name, from);
  return c ? cx.enums.get(c) : undefined;
}

/** `Status.ACTIVE` of an enum of this block -> its stored value. */
export function enumMember(cx: PythonReader, e: Expr, from?: PyClass): string | undefined {
  if (e.k !== "attr") return undefined;
  const owner = dotted(e.obj);
  if (!owner) return undefined;
  const info = enumOf(cx, lastPart(owner), from);
  return info?.members.get(e.name);
}
