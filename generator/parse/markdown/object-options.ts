// A column written as an options object after its name, the way ODM schemas (Mongoose and
// its kin) declare a field: "`email`: { type: String, required: true, unique: true }",
// "rating: { type: Number, min: 1, max: 5 }", "status: { type: String, enum: ['a', 'b'],
// default: 'a' }", "owner: { type: Schema.Types.ObjectId, ref: 'User', required: true }".
//
// Each option becomes the constraint phrase the IR builder already reads ("not null",
// "unique", "default 'a'", "min 1", "max length 50", "references User"), positioned at the
// option; an option that states a rule this reading does not know ("validate", "match") is
// kept as written so the builder reports it (SF108) rather than dropping it. Options that
// only shape storage or output (trim, lowercase, select, index, sparse, ...) state no rule
// about the values accepted and are passed over.
import { type Flat, flatSplit, flatSub, flatTrim } from "./flat.js";

export interface OptionPiece {
  /** The constraint phrase (or type) as the builder reads it. */
  readonly text: string;
  /** Where it was written. */
  readonly at: Flat;
}

export interface ObjectColumn {
  /** The type ("" when it follows a reference's target: an ObjectId with a ref). */
  readonly type: OptionPiece;
  readonly constraints: OptionPiece[];
  /** Allowed values (enum: [...]). */
  readonly values?: Flat[];
}

/** Options that say how a value is stored, indexed or shown, not which values are accepted. */
const NO_RULE = new Set([
  "trim", "lowercase", "uppercase", "select", "index", "sparse", "immutable", "alias", "get", "set",
  "auto", "autoindex", "text", "_id", "transform", "tojson", "toobject", "comment", "description",
  "expires", "unsigned", "collation", "of",
]);

/** Options this reading turns into constraint phrases (their presence makes the object a column's options). */
const KNOWN = new Set([
  "type", "required", "unique", "enum", "default", "min", "max", "minlength", "maxlength", "ref", "nullable", "allownull",
]);

/** ODM type names -> the type words the builder reads. */
const TYPE_WORDS: Record<string, string> = {
  string: "string", number: "number", boolean: "boolean", bool: "boolean", date: "timestamp",
  buffer: "bytes", mixed: "json", object: "json", map: "json", decimal128: "decimal", double: "float",
  int32: "integer", long: "bigint", bigint: "bigint", uuid: "uuid", objectid: "ObjectId", array: "json",
};

const unquote = (s: string) => s.replace(/^(["'`])(.*)\1$/s, "$2");

/** The first element of "[value, 'message']" (the validator-with-message form), else the value. */
function firstOf(v: Flat): Flat {
  if (!v.text.startsWith("[") || !v.text.endsWith("]")) return v;
  const parts = flatSplit(flatSub(v, 1, v.text.length - 1), ",");
  return parts.length === 2 && /^["'`]/.test(parts[1]!.text) ? parts[0]! : v;
}

/** The type word for an ODM type written alone ("String", "[String]", "Schema.Types.ObjectId"), or null. */
export function typeWordOf(raw: string): string | null {
  return typeWord(raw);
}

function typeWord(raw: string): string | null {
  const t = raw.trim();
  const arr = /^\[\s*([\s\S]*?)\s*\]$/.exec(t);
  if (arr) {
    const inner = arr[1] ? typeWord(arr[1]) : null;
    return inner && inner !== "json" && inner !== "" ? `${inner}[]` : "json";
  }
  const name = t.replace(/^(?:mongoose\.)?(?:Schema\.)?(?:Types\.)?/, "");
  if (!/^[A-Za-z]\w*$/.test(name)) return null;
  return TYPE_WORDS[name.toLowerCase()] ?? null;
}

/** The quoted values of "['a', 'b']" or "{ values: ['a', 'b'], message: ... }", each positioned. */
function enumValues(v: Flat): Flat[] | null {
  let list = v;
  if (list.text.startsWith("{")) {
    const inner = flatSplit(flatSub(list, 1, list.text.length - 1), ",");
    const values = inner.find((p) => /^values\s*:/.test(p.text));
    if (!values) return null;
    list = flatTrim(flatSub(values, values.text.indexOf(":") + 1));
  }
  if (!list.text.startsWith("[") || !list.text.endsWith("]")) return null;
  const out: Flat[] = [];
  for (const p of flatSplit(flatSub(list, 1, list.text.length - 1), ",")) {
    const m = /^(["'`])(.*)\1$/s.exec(p.text);
    if (!m) {
      if (/^-?\d+(?:\.\d+)?$/.test(p.text)) out.push(p);
      else return null;
    } else out.push(flatSub(p, 1, p.text.length - 1));
  }
  return out.length > 0 ? out : null;
}

/**
 * Reads "{ key: value, ... }" as a column's options; null when the text is not such an object
 * or names none of the options a field declaration has (a nested shape "{ street: String }").
 */
export function readObjectOptions(f: Flat): ObjectColumn | null {
  const t = flatTrim(f);
  if (!t.text.startsWith("{") || !t.text.endsWith("}")) return null;
  const pieces = flatSplit(flatSub(t, 1, t.text.length - 1), ",");
  if (pieces.length === 0) return null;
  const opts: { key: string; name: Flat; value: Flat; whole: Flat }[] = [];
  for (const p of pieces) {
    const m = /^["']?([A-Za-z_$][\w$]*)["']?\s*:\s*/.exec(p.text);
    if (!m) return null;
    opts.push({ key: m[1]!.toLowerCase(), name: flatSub(p, 0, m[1]!.length), value: flatTrim(flatSub(p, m[0].length)), whole: p });
  }
  if (!opts.some((o) => KNOWN.has(o.key)) || !opts.some((o) => o.key === "type" || o.key === "ref" || o.key === "required" || o.key === "enum")) return null;
  const ref = opts.find((o) => o.key === "ref");
  const refName = ref ? unquote(ref.value.text).trim() : "";
  const typeOpt = opts.find((o) => o.key === "type");
  let type: OptionPiece;
  if (typeOpt) {
    const w = typeWord(typeOpt.value.text);
    // A reference's type follows its target's key; any other unknown type is kept as written (SF103).
    type = { text: w === "ObjectId" && refName ? "" : w ?? typeOpt.value.text, at: typeOpt.value };
  } else type = { text: "", at: opts[0]!.name };
  const constraints: OptionPiece[] = [];
  let values: Flat[] | undefined;
  for (const o of opts) {
    const v = firstOf(o.value);
    const lit = unquote(v.text).trim();
    switch (o.key) {
      case "type":
        break;
      case "required":
      case "nullable":
      case "allownull": {
        // "required: true", "required: [true, 'msg']", "required: function () {...}" (a condition: not every row).
        const yes = lit === "true";
        const no = lit === "false";
        if (!yes && !no) break;
        constraints.push({ text: (o.key === "required") === yes ? "not null" : "nullable", at: o.whole });
        break;
      }
      case "unique":
        if (lit === "true") constraints.push({ text: "unique", at: o.whole });
        break;
      case "enum": {
        const vs = enumValues(o.value);
        if (vs) values = vs;
        else constraints.push({ text: o.whole.text, at: o.whole });
        break;
      }
      case "default": {
        if (/^Date\.now(?:\(\))?$/.test(lit) || /^(?:new\s+Date\(\)|Date\(\))$/.test(lit)) constraints.push({ text: "default now()", at: o.whole });
        else if (/^(?:null|undefined)$/.test(lit)) constraints.push({ text: "default null", at: o.whole });
        else if (/^["'`]/.test(v.text)) constraints.push({ text: `default '${lit.replace(/'/g, "''")}'`, at: o.whole });
        else if (/^(?:true|false|-?\d+(?:\.\d+)?)$/.test(lit)) constraints.push({ text: `default ${lit}`, at: o.whole });
        else if (/^\[\s*\]$/.test(lit) || /^\{\s*\}$/.test(lit)) break; // an empty array or object: no value to check
        else constraints.push({ text: `default ${lit}`, at: o.whole }); // a function: the builder says it is not understood
        break;
      }
      case "min":
      case "max":
        if (/^-?\d+(?:\.\d+)?$/.test(lit)) constraints.push({ text: `${o.key} ${lit}`, at: o.whole });
        else constraints.push({ text: o.whole.text, at: o.whole });
        break;
      case "minlength":
      case "maxlength":
        if (/^\d+$/.test(lit)) constraints.push({ text: `${o.key === "minlength" ? "min" : "max"} length ${lit}`, at: o.whole });
        else constraints.push({ text: o.whole.text, at: o.whole });
        break;
      case "ref":
        if (/^[A-Za-z_]\w*$/.test(refName)) constraints.push({ text: `references ${refName}`, at: o.value });
        else constraints.push({ text: o.whole.text, at: o.whole });
        break;
      default:
        // "validate: ...", "match: /re/": a rule not read here; the builder reports it.
        if (!NO_RULE.has(o.key)) constraints.push({ text: o.whole.text, at: o.whole });
    }
  }
  return { type, constraints, ...(values ? { values } : {}) };
}
