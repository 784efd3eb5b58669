// An OpenAPI document's YAML tree as the OpenAPI reader (read-openapi.ts) walks it: where a
// node's text is in the file, the reader's diagnostics and notes, keys read through YAML aliases,
// local $refs followed (a field read through a $ref points at the referenced schema), and a
// schema flattened (allOf parts merged, `X | null` unions unwrapped) with its keywords, type and
// enum values read from the first part that has them.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import type { ReaderNote } from "./block.js";
import type { RawText } from "./raw.js";

/**
 * "The OpenAPI document is not valid" (does not parse, or lacks the basic shape). Not SF210:
 * that code is retired and codes never change meaning (docs/diagnostics.md).
 */
export const OPENAPI_INVALID = "SF216";


export interface Prop {
  readonly key: Scalar;
  readonly value: Node | undefined;
}

/** A schema with its local $refs followed, its allOf parts merged and `X | null` unions unwrapped. */
export interface Flat {
  /** The schema's own map first, then its parts in order: a keyword is read from the first that has it. */
  readonly maps: YAMLMap[];
  readonly nullable: boolean;
  /** Where the nullability is said (the `nullable` key or the "null" in a type list). */
  readonly nullAt?: Node;
  readonly properties: Map<string, Prop>;
  /** Property name -> the item of a `required` list naming it. */
  readonly required: Map<string, Scalar>;
  /** A oneOf/anyOf that is not a plain `X | null`: nothing is taken from it. */
  readonly union: boolean;
}

export interface TypeOf {
  readonly type?: string;
  readonly node?: Node;
}

export class OpenApiDocument {
  protected readonly diagnostics: Diagnostic[] = [];
  protected readonly notes: ReaderNote[] = [];
  private readonly said = new Set<string>();
  private readonly flat = new Map<YAMLMap, Flat>();

  constructor(
    protected readonly doc: Document,
    protected readonly at: (offset: number) => Span,
  ) {}

  // -------------------------------------------------------------- diagnostics and positions

  protected report(severity: "error" | "warning", code: string, message: string, offset: number, hint?: string): void {
    const key = `${code}@${offset}:${message}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    this.diagnostics.push({ severity, code, message, span: this.at(offset), ...(hint ? { hint } : {}) });
  }

  protected error(message: string, offset: number, hint?: string): void {
    this.report("error", OPENAPI_INVALID, message, offset, hint);
  }

  protected note(node: Node | undefined, message: string, to: ReaderNote[] = this.notes): void {
    to.push({ span: this.at(this.offsetOf(node)), message });
  }

  /** Where a node's text starts (inside the quotes of a quoted scalar). */
  protected offsetOf(node: unknown): number {
    if (isScalar(node)) {
      const start = node.range?.[0] ?? 0;
      return node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? start + 1 : start;
    }
    return (node as Node | undefined)?.range?.[0] ?? 0;
  }

  protected raw(node: Scalar, text?: string): RawText {
    return { text: text ?? String(node.value), span: this.at(this.offsetOf(node)) };
  }

  protected phrase(text: string, node: Node | undefined): RawText {
    return { text, span: this.at(this.offsetOf(node)) };
  }

  // -------------------------------------------------------------- YAML access

  protected deAlias(node: unknown): Node | undefined {
    let n = node;
    for (let i = 0; i < 8 && isAlias(n); i++) n = n.resolve(this.doc);
    return (n ?? undefined) as Node | undefined;
  }

  protected pairOf(map: YAMLMap, key: string): Pair<Scalar, Node | undefined> | undefined {
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p as Pair<Scalar, Node | undefined>;
    return undefined;
  }

  protected value(map: YAMLMap, key: string): Node | undefined {
    return this.deAlias(this.pairOf(map, key)?.value);
  }

  protected scalarText(node: unknown): string | undefined {
    const n = this.deAlias(node);
    return isScalar(n) && n.value !== null && typeof n.value !== "object" ? String(n.value) : undefined;
  }

  /** Follow `$ref` chains inside this document; undefined (with a warning) for external or dangling refs. */
  protected resolve(node: unknown): Node | undefined {
    let n = this.deAlias(node);
    const seen = new Set<Node>();
    while (isMap(n)) {
      const refPair = this.pairOf(n, "$ref");
      if (!refPair) return n;
      if (seen.has(n)) {
        this.report("warning", "SF113", "this $ref leads back to itself; it is skipped", this.offsetOf(refPair.value));
        return undefined;
      }
      seen.add(n);
      const refNode = this.deAlias(refPair.value);
      const ref = isScalar(refNode) && typeof refNode.value === "string" ? refNode.value : undefined;
      if (ref === undefined) {
        this.report("warning", "SF113", "$ref is not a string; what it names is skipped", this.offsetOf(refPair.value ?? refPair.key));
        return undefined;
      }
      if (!ref.startsWith("#")) {
        this.report("warning", "SF113", `$ref "${ref}" points into another file; it is not followed and what it names is skipped`, this.offsetOf(refPair.value),
          "bundle the document into one file, or use refs of the form #/components/schemas/Name");
        return undefined;
      }
      const target = this.pointer(ref);
      if (target === undefined) {
        this.report("warning", "SF113", `$ref "${ref}" names nothing in this document; what it names is skipped`, this.offsetOf(refPair.value));
        return undefined;
      }
      n = target;
    }
    return n;
  }

  /** A JSON pointer ("#/components/schemas/Task") over the YAML tree. */
  private pointer(ref: string): Node | undefined {
    let n: Node | undefined = this.deAlias(this.doc.contents);
    const parts = ref.replace(/^#\/?/, "").split("/").filter((p, i, a) => p !== "" || i < a.length - 1);
    for (const raw of parts) {
      let part: string;
      try {
        part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      } catch {
        part = raw;
      }
      if (isMap(n)) n = this.value(n, part);
      else if (isSeq(n) && /^\d+$/.test(part)) n = this.deAlias(n.items[Number(part)]);
      else return undefined;
      if (n === undefined) return undefined;
    }
    return n;
  }

  // -------------------------------------------------------------- schemas

  protected flatten(node: unknown, chain: readonly YAMLMap[] = []): Flat | undefined {
    const map = this.resolve(node);
    if (!isMap(map)) return undefined;
    // The same schema is met again and again (a $ref'd row, a property read for type and rules).
    if (chain.length === 0) {
      const known = this.flat.get(map);
      if (known) return known;
      const f = this.flattenMap(map, [map]);
      this.flat.set(map, f);
      return f;
    }
    if (chain.includes(map) || chain.length > 32) return this.flattenMap(map, null);
    return this.flattenMap(map, [...chain, map]);
  }

  /** `inner` is the chain of schemas being flattened, or null when this one includes itself (read once, not unrolled). */
  private flattenMap(map: YAMLMap, inner: readonly YAMLMap[] | null): Flat {
    const maps: YAMLMap[] = [map];
    const properties = new Map<string, Prop>();
    const required = new Map<string, Scalar>();
    let nullable = false;
    let nullAt: Node | undefined;
    let union = false;
    const merge = (f: Flat) => {
      maps.push(...f.maps);
      for (const [k, v] of f.properties) properties.set(k, v);
      for (const [k, v] of f.required) if (!required.has(k)) required.set(k, v);
      union ||= f.union;
      if (f.nullable && !nullable) {
        nullable = true;
        nullAt = f.nullAt;
      }
    };
    const nullPair = this.pairOf(map, "nullable");
    const nullValue = this.deAlias(nullPair?.value);
    if (nullPair && isScalar(nullValue) && nullValue.value === true) {
      nullable = true;
      nullAt = nullPair.key;
    }
    const typeNode = this.value(map, "type");
    if (isSeq(typeNode)) {
      const n = typeNode.items.find((i) => this.scalarText(i) === "null");
      if (n) {
        nullable = true;
        nullAt ??= n as Node;
      }
    } else if (this.scalarText(typeNode) === "null") {
      nullable = true;
      nullAt ??= typeNode;
    }
    if (inner) {
      const all = this.value(map, "allOf");
      if (isSeq(all)) for (const part of all.items) {
        const f = this.flatten(part, inner);
        if (f) merge(f);
      }
      for (const key of ["oneOf", "anyOf"]) {
        const alts = this.value(map, key);
        if (!isSeq(alts)) continue;
        // `X | null` is how 3.1 (and FastAPI) write an optional value: read as a nullable X.
        const isNull = (a: unknown) => {
          const m = this.deAlias(a);
          return isMap(m) && this.scalarText(this.value(m, "type")) === "null" && m.items.length === 1;
        };
        const nulls = alts.items.filter(isNull);
        const rest = alts.items.filter((a) => !isNull(a));
        if (nulls.length && rest.length === 1) {
          const f = this.flatten(rest[0], inner);
          if (f) merge(f);
          if (!nullable) {
            nullable = true;
            nullAt = nulls[0] as Node;
          }
        } else if (alts.items.length) union = true;
      }
    }
    const props = this.value(map, "properties");
    if (isMap(props)) {
      for (const p of props.items) if (isPair(p) && isScalar(p.key)) properties.set(String(p.key.value), { key: p.key, value: this.deAlias(p.value) });
    }
    const req = this.value(map, "required");
    if (isSeq(req)) for (const r of req.items) {
      const s = this.deAlias(r);
      if (isScalar(s) && s.value !== null && !required.has(String(s.value))) required.set(String(s.value), s);
    }
    return { maps, nullable, ...(nullAt ? { nullAt } : {}), properties, required, union };
  }

  /** The first of the schema's maps that has `key`: the pair (for its position) and its value. */
  protected kw(f: Flat, key: string): Pair<Scalar, Node | undefined> | undefined {
    for (const m of f.maps) {
      const p = this.pairOf(m, key);
      if (p) return p;
    }
    return undefined;
  }

  protected kwValue(f: Flat, key: string): Node | undefined {
    return this.deAlias(this.kw(f, key)?.value);
  }

  protected kwNumber(f: Flat, key: string): number | undefined {
    const v = this.kwValue(f, key);
    return isScalar(v) && typeof v.value === "number" && Number.isFinite(v.value) ? v.value : undefined;
  }

  /** The schema's one non-null type (a 3.1 type list with "null" counts as nullable), else what its keywords imply. */
  protected typeOf(f: Flat): TypeOf {
    const t = this.kwValue(f, "type");
    if (isScalar(t) && typeof t.value === "string" && t.value !== "null") return { type: t.value, node: t };
    if (isSeq(t)) {
      const real = t.items.filter((i) => this.scalarText(i) !== "null");
      if (real.length === 1) return { type: this.scalarText(real[0]), node: real[0] as Node };
      return {};
    }
    if (f.properties.size || this.kw(f, "additionalProperties")) return { type: "object" };
    if (this.kw(f, "items")) return { type: "array" };
    const e = this.kwValue(f, "enum");
    if (isSeq(e) && e.items.length) {
      const vals = e.items.map((i) => this.deAlias(i)).filter(isScalar).map((s) => s.value);
      if (vals.every((v) => typeof v === "string")) return { type: "string" };
      if (vals.every((v) => typeof v === "number")) return { type: vals.every((v) => Number.isInteger(v)) ? "integer" : "number" };
    }
    return {};
  }

  protected enumValues(f: Flat): { values: (string | number | boolean)[]; node: Node | undefined } | undefined {
    const p = this.kw(f, "enum");
    const e = this.deAlias(p?.value);
    if (!p || !isSeq(e)) return undefined;
    const values = e.items
      .map((i) => this.deAlias(i))
      .filter(isScalar)
      .map((s) => s.value)
      .filter((v): v is string | number | boolean => v !== null && (typeof v === "string" || typeof v === "number" || typeof v === "boolean"));
    return values.length ? { values, node: p.key } : undefined;
  }
}
