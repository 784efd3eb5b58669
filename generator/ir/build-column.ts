// One column draft from its raw definitions: type, nullability, default, reference text and every
// rule its constraints and description state.
import { nameKey, words } from "../base/naming.js";
import type { RawColumn, RawText } from "../parse/raw.js";
import { listedValues } from "../parse/value-lists.js";
import { quoteIdent } from "./build-checks.js";
import type { BuildContext } from "./build-context.js";
import { type DefaultText, FORMAT_OF_NAME, formatOfName } from "./constraint-reading.js";
import { interpretConstraint, readsWhole } from "./constraints.js";
import { isDateTemplatePattern } from "./date-templates.js";
import type { ConstraintReading } from "./constraint-reading.js";
import { openValueList, rulesFromDescription } from "./description-rules.js";
import { describeWith, readTypeNote } from "./type-notes.js";
import { unitOf } from "../parse/table-units.js";
import { type ColumnDraft, type DraftCheck, short } from "./drafts.js";
import { KNOWN_FORMATS, kindText } from "./column-forms.js";
import { namedEnum, readType } from "./named-types.js";
import { interpretDefault, SQLITE_NOW } from "./read-default.js";
import { interpretType, isBuiltinTypeWord, KNOWN_TYPES_HINT } from "./read-type.js";
import { entityTypeName } from "./entity-types.js";
import type { ColumnType, Span } from "./types.js";

/** Span of the character `at` inside a text written at `span` (the text may span lines). */
export function spanAt(span: Span, text: string, at: number): Span {
  if (at <= 0) return span;
  const before = text.slice(0, at);
  const nl = before.lastIndexOf("\n");
  if (nl < 0) return { ...span, column: span.column + at };
  const lines = before.split("\n").length - 1;
  return { file: span.file, line: span.line + lines, column: at - nl };
}

export function buildColumn(cx: BuildContext, table: string, defs: RawColumn[], checks: DraftCheck[], defaultKeepsNull = false): ColumnDraft {
  const first = defs[0]!;
  const col: ColumnDraft = {
    name: first.name.text,
    span: first.name.span,
    type: null,
    typeSpan: first.type.span,
    nullable: true,
    primaryKey: false,
    unique: false,
    default: null,
    refText: null,
    refSpan: first.name.span,
    bareFk: null,
    onDelete: null,
    references: null,
  };
  const description = defs.find((d) => d.description)?.description;
  if (description) col.description = description;
  let notNull: Span | null = null;
  let prismaRequired: Span | null = null;
  let nullable: Span | null = null;
  let increment = false;
  let defaultText: { d: DefaultText; span: Span } | null = null;
  let minAny: number | undefined;
  let maxAny: number | undefined;
  let relativeSaid: { text: string; span: Span } | undefined;
  let enumValues: string[] | null = null;
  // An "enum" type written without its values.
  let bareEnum: Span | null = null;
  const phrases: RawText[] = [];
  const typeNoteUnits: string[] = [];
  const typeNoteTexts: string[] = [];
  // The first definition that writes a type gives it; one that writes none (an ALTER TABLE
  // fragment, a name-only bullet) only adds constraints.
  const typed = defs.findIndex((d) => d.type.text.trim() !== "");
  defs.forEach((def, i) => {
    const tr = readType(cx, def.type.text);
    if (tr.missing) {
      if (typed < 0 && i === 0) col.typeMissing = true;
    } else if (i === typed) {
      if (!tr.type) {
        // A type cell that only holds constraints ("FK", "PK, FK → users") says no type: one is
        // taken from the reference or the name, as for a column written without a type.
        const asRules = interpretConstraint(def.type.text);
        const listed = defs.find((d) => d.values?.length)?.values;
        if (asRules.unknownAt === undefined) {
          phrases.push(def.type);
          if (typed === i) col.typeMissing = true;
        } else if (listed && /^`?[A-Z][A-Za-z0-9]*`?\??$/.test(def.type.text.trim())) {
          // "| status | `BookStatus` | `NOT_STARTED` \| `DONE` |": an enum the spec names as the
          // type and lists beside it.
          const name = def.type.text.trim().replace(/[`?]/g, "");
          col.type = { kind: "enum", values: listed.map((v) => v.text), name };
          cx.note(def.type.span, `column "${table}.${col.name}" is read as enum ${name} with the values its notes list`);
        } else if (typeCellValues(def.type.text)) {
          // "| size | small / medium / large |": the type cell lists the allowed values.
          col.type = { kind: "enum", values: typeCellValues(def.type.text)! };
          cx.note(def.type.span, `column "${table}.${col.name}" is read as enum(${col.type.values.join(", ")}): its type cell lists the allowed values`);
        } else if (entityTypeName(def.type.text)) {
          // "User", "UserVO", "Tag[]": perhaps a table's entity; decided with the references
          // (foreign-keys.ts), which says SF103 if no table is named so.
          col.typeName = { ...entityTypeName(def.type.text)!, text: def.type.text, span: def.type.span };
          col.typeMissing = true;
        } else {
          // One column not understood does not sink the spec: its type comes from its name, and the warning says so.
          cx.diag("warning", "SF103", `column "${col.name}" in table "${table}" has a type that is not understood: "${def.type.text}"; its type is taken from its name instead`, def.type.span,
            KNOWN_TYPES_HINT);
          col.typeMissing = true;
        }
      } else if (tr.problem) {
        cx.diag("warning", "SF103", `column "${col.name}" in table "${table}": ${tr.problem} ("${def.type.text}"); it is stored as ${tr.type.kind === "text" ? "text" : "json"}`, def.type.span, tr.hint ?? "store a list in a json column");
        col.type = tr.type.kind === "text" ? { kind: "text" } : { kind: "json" };
      } else if (tr.type.kind === "enum" && tr.type.values.length === 0) {
        // Its values may be written beside it or declared elsewhere (looked for below); else it is text.
        bareEnum = def.type.span;
        col.type = { kind: "text" };
      } else col.type = tr.type;
      if (tr.note) cx.note(def.type.span, `column "${table}.${col.name}": ${tr.note}`);
      col.typeSpan = def.type.span;
    } else if (tr.type && col.type && !sameType(tr.type, col.type)) {
      cx.diag("warning", "SF107", `column "${table}.${col.name}" is written as "${def.type.text}" here but as ${kindText(col.type)} before; the first definition is used`, def.type.span,
        "make the two definitions agree, or keep only one");
    }
    if (tr.increment) increment = true;
    if (tr.nullable) nullable ??= def.type.span;
    // Prisma's notation: "String" is required, "String?" optional (an enum or value object by name too).
    else if (i === typed && (PRISMA_REQUIRED.test(def.type.text.trim()) || (tr.note !== undefined && /^[A-Z]\w*(\[\])?$/.test(def.type.text.trim())))) prismaRequired ??= def.type.span;
    // "enum('low', 'high', default 'low')": the default written among the values.
    for (const p of tr.inside ?? []) phrases.push({ text: p.text, span: spanAt(def.type.span, def.type.text, p.at) });
    if (tr.rest) {
      // "uuid (FK to users)", "integer (cents)", "integer minutes", "text [optional]": the note's
      // constraints are constraints; a unit or a plain note describes the column.
      const tn = readTypeNote(tr.rest);
      const at = (p: { at: number }) => spanAt(def.type.span, def.type.text, tr.restAt + p.at);
      for (const p of tn.phrases) phrases.push({ text: p.text, span: at(p) });
      if (tn.units.length || tn.notes.length) {
        // Added to the description after its rules are read (a notes cell of rule sentences stays one).
        typeNoteUnits.push(...tn.units.map((u) => u.text));
        typeNoteTexts.push(...tn.notes.map((n) => n.text));
        for (const u of tn.units) cx.note(at(u), `column "${table}.${col.name}" counts ${u.text} (written after its type): the unit goes into its description`);
        for (const n of tn.notes) cx.note(at(n), `"${n.text}" after the type of "${table}.${col.name}" is read as a note on the column (its description)`);
      }
    }
    for (const c of def.constraints) {
      // A bullet's "(cents)", "[optional]" or "minutes" after its type comes here as a phrase of
      // its own: read as the note after a type is.
      const t = c.text.trim();
      if (unitOf(t) || (/^[[(（].*[\])）]$/s.test(t) && interpretConstraint(t).unknownAt !== undefined)) {
        const tn = readTypeNote(t);
        const at = (p: { at: number }) => spanAt(c.span, c.text, c.text.indexOf(t) + p.at);
        for (const p of tn.phrases) phrases.push({ text: p.text, span: at(p) });
        typeNoteUnits.push(...tn.units.map((u) => u.text));
        typeNoteTexts.push(...tn.notes.map((n) => n.text));
        for (const u of tn.units) cx.note(at(u), `column "${table}.${col.name}" counts ${u.text}: the unit goes into its description`);
        for (const n of tn.notes) cx.note(at(n), `"${n.text}" beside the type of "${table}.${col.name}" is read as a note on the column (its description)`);
      } else phrases.push(c);
    }
  });
  const listLine = labelledListLine(phrases);
  if (listLine) {
    enumValues = listLine.values;
    if (listLine.head) phrases[listLine.head.index] = listLine.head.text;
  }
  for (const written of phrases) {
    if (listLine?.pieces.has(written)) continue;
    // "LENGTH(title) >= 1 AND LENGTH(title) <= 200" in a Constraint cell: a CHECK written without
    // its keyword, read (or refused, SF108) as one.
    const bare = interpretConstraint(written.text).unknownAt === 0 && bareCondition(written.text, col.name);
    const p = bare ? { text: `CHECK (${written.text.trim()})`, span: written.span } : written;
    const r = interpretConstraint(p.text.replace(/(?<=\w)\.\s*$/, ""));
    if (r.primaryKey) col.primaryKey = true;
    if (r.notNull) {
      if (nullable && !notNull && !col.primaryKey)
        cx.diag("warning", "SF121", `column "${table}.${col.name}" is said to be both nullable and not null; read as nullable`, p.span);
      else notNull ??= p.span;
    }
    if (r.nullable) {
      if (notNull && !nullable) cx.diag("warning", "SF121", `column "${table}.${col.name}" is said to be both not null and nullable; read as not null`, p.span);
      else nullable ??= p.span;
    }
    if (r.unique) col.unique = true;
    if (r.increment) increment = true;
    if (r.default && !defaultText) defaultText = { d: r.default, span: spanAt(p.span, p.text, r.defaultAt ?? 0) };
    if (r.references && !col.refText) {
      col.refText = r.references;
      col.refSpan = p.span;
    } else if (r.foreignKey && !r.references && !col.bareFk) col.bareFk = p.span;
    if (r.onDelete && !col.onDelete) col.onDelete = r.onDelete;
    if (r.minLength !== undefined) col.minLength ??= r.minLength;
    if (r.maxLength !== undefined) col.maxLength ??= r.maxLength;
    if (r.min !== undefined) minAny ??= r.min;
    if (r.max !== undefined) maxAny ??= r.max;
    if (r.enumValues) enumValues ??= r.enumValues;
    if (r.renamedFrom) col.renamedFrom ??= r.renamedFrom;
    if (r.exclusiveMin !== undefined) col.exclusiveMinimum ??= r.exclusiveMin;
    if (r.exclusiveMax !== undefined) col.exclusiveMaximum ??= r.exclusiveMax;
    if (r.relativeToNow !== undefined) {
      col.relativeToNow ??= r.relativeToNow;
      relativeSaid ??= p;
    }
    if (r.format === FORMAT_OF_NAME) {
      // "Email must match standard format": the format the column's name says, or the rule said as not understood.
      const f = formatOfName(col.name);
      if (f) col.format ??= f;
      else cx.diag("warning", "SF108", `rule "${short(p.text)}" on column "${table}.${col.name}" names no format the column's name says (email, url...); it is not enforced`, p.span, 'write the format: "valid email", "valid URL", or a pattern');
    } else if (r.format) col.format ??= r.format;
    if (r.pattern) col.pattern ??= r.pattern;
    if (r.minItems !== undefined) col.minItems ??= r.minItems;
    if (r.maxItems !== undefined) col.maxItems ??= r.maxItems;
    if (r.itemMaxLength !== undefined) col.itemMaxLength ??= r.itemMaxLength;
    if (r.uniquePerOwner) col.uniquePerOwner ??= p.span;
    if (r.uniquePer) col.uniquePer ??= { words: r.uniquePer, span: p.span, group: `${p.span.file}:${p.span.line}:${p.span.column}` };
    if (r.generated) col.generated = true;
    if (r.check) checks.push({ sql: r.check.text.trim(), span: spanAt(p.span, p.text, r.check.at), validated: r.check.read });
    for (const c of r.compare ?? []) checks.push(compareCheck(col.name, c, p.span));
    for (const w of r.requiredWhen ?? []) checks.push(requiredWhenCheck(col.name, w, p.span));
    // "Size: 'S', 'M', 'L'", "(a/b/c)" in a constraints cell: the values it lists, not an unknown rule.
    const listed = r.unknownAt !== undefined && r.unknownAt === 0 ? listedValues(p.text, true) : null;
    // "Nullable (bytes)", "Not null (shown to users)": a rule, then a note or a unit in brackets.
    const tail = r.unknownAt !== undefined && r.unknownAt > 0 ? p.text.slice(r.unknownAt).trim() : "";
    const tailNote = tail && (/^[[(（].*[\])）]$/s.test(tail) || unitOf(tail)) ? readTypeNote(tail) : null;
    if (tailNote && tailNote.phrases.every((x) => interpretConstraint(x.text).unknownAt === undefined)) {
      const base = p.text.indexOf(tail, r.unknownAt);
      for (const x of tailNote.phrases) phrases.push({ text: x.text, span: spanAt(p.span, p.text, base + x.at) });
      if (tailNote.units.length || tailNote.notes.length) {
        typeNoteUnits.push(...tailNote.units.map((u) => u.text));
        typeNoteTexts.push(...tailNote.notes.map((n) => n.text));
        for (const u of tailNote.units) cx.note(spanAt(p.span, p.text, base + u.at), `column "${table}.${col.name}" counts ${u.text}: the unit goes into its description`);
        for (const n of tailNote.notes) cx.note(spanAt(p.span, p.text, base + n.at), `"${n.text}" beside the rules of "${table}.${col.name}" is read as a note on the column (its description)`);
      }
    } else if (listed) {
      enumValues ??= listed.map((v) => v.text);
    } else if (r.unknownAt !== undefined && /^([A-Za-z]+)(?:\s*\(\s*(\d+)\s*\))?$/.test(p.text.slice(r.unknownAt).trim()) && isBuiltinTypeWord(/^[A-Za-z]+/.exec(p.text.slice(r.unknownAt).trim())![0])) {
      // "String (VARCHAR, NOT NULL)", "string (varchar(120))": the database type restated beside a
      // plain one; a size it gives is the column's maximum length.
      const size = /\((\d+)\)/.exec(p.text.slice(r.unknownAt));
      if (size && /^(?:varchar|char|string|text)/i.test(p.text.slice(r.unknownAt).trim())) col.maxLength ??= Number(size[1]);
      cx.note(spanAt(p.span, p.text, r.unknownAt), `"${short(p.text.slice(r.unknownAt).trim())}" beside the type of "${table}.${col.name}" restates its database type`);
    } else if (r.unknownAt !== undefined && /^[—–]\s*\S/.test(p.text.slice(r.unknownAt).trim())) {
      // "NOT NULL, UNIQUE — hex of the emailed token": rules, then a dash and a note on the column.
      const note = p.text.slice(r.unknownAt).trim().replace(/^[—–]\s*/, "");
      typeNoteTexts.push(note);
      cx.note(spanAt(p.span, p.text, r.unknownAt), `"${short(note)}" after a dash beside the rules of "${table}.${col.name}" is read as a note on the column (its description)`);
    } else if (r.unknownAt !== undefined) {
      const bad = p.text.slice(r.unknownAt).trim();
      cx.diag("warning", "SF108", `constraint "${short(bad)}" on column "${table}.${col.name}" is not understood${r.unknownWhy ? ` (${r.unknownWhy})` : ""}; it is ignored`,
        spanAt(p.span, p.text, r.unknownAt),
        'known constraints: primary key, not null/required, nullable/optional, unique, default X, references t(c) / FK -> t.c, on delete cascade|set null|restrict|no action, min/max length N, min/max N, check (x in (...))');
    }
  }
  // Values a description or notes cell lists are a column's only values unless the column is a
  // key or an identifier ("Employee ID (auto-generated/manual)" says how it is made).
  const valuesFromNotes = !col.unique && !col.primaryKey && !col.refText && !col.bareFk && !/(?:^|_)id$|[a-z0-9]Id$|ID$/.test(col.name);
  // The description's prose rules, below anything the constraints say.
  if (col.description && col.type) {
    const d = withSentenceRules(rulesFromDescription(col.description, col.type), col.description);
    const said: string[] = [];
    if (d.minLength !== undefined && col.minLength === undefined) (col.minLength = d.minLength), said.push(`min length ${d.minLength}`);
    if (d.maxLength !== undefined && col.maxLength === undefined) (col.maxLength = d.maxLength), said.push(`max length ${d.maxLength}`);
    if (d.min !== undefined && minAny === undefined) (minAny = d.min), said.push(`min ${d.min}`);
    if (d.max !== undefined && maxAny === undefined) (maxAny = d.max), said.push(`max ${d.max}`);
    if (d.exclusiveMin !== undefined && col.exclusiveMinimum === undefined && minAny === undefined) (col.exclusiveMinimum = d.exclusiveMin), said.push(`> ${d.exclusiveMin}`);
    if (d.exclusiveMax !== undefined && col.exclusiveMaximum === undefined && maxAny === undefined) (col.exclusiveMaximum = d.exclusiveMax), said.push(`< ${d.exclusiveMax}`);
    if (d.format && !col.format) (col.format = d.format), said.push(`format ${d.format}`);
    if (d.pattern && !col.pattern) (col.pattern = d.pattern), said.push(`pattern ${d.pattern}`);
    if (d.unique && !col.unique) (col.unique = true), said.push("unique");
    if (d.uniquePer && !col.unique && !col.uniquePer) (col.uniquePer = { words: d.uniquePer, span: col.span, group: `${col.span.file}:${col.span.line}:${d.uniquePer.join(",")}` }), said.push(`unique per ${d.uniquePer.join(", ")}`);
    // "One review per task" on task_id: one row per task_id (with the other words' columns, if any).
    if (d.onePer && !col.unique && !col.uniquePer) {
      const f = (w: string) => w.toLowerCase().replace(/_/g, "");
      const self = d.onePer.find((w) => [f(w), `${f(w)}id`, `${f(w).replace(/s$/, "")}id`].includes(f(col.name)));
      const rest = d.onePer.filter((w) => w !== self);
      if (self && rest.length === 0) (col.unique = true), said.push(`unique (one row per ${self})`);
      else if (self) (col.uniquePer = { words: rest, span: col.span, group: `${col.span.file}:${col.span.line}:${rest.join(",")}` }), said.push(`unique per ${rest.join(", ")} (one row per ${d.onePer.join(" and ")})`);
    }
    if (d.enumValues && !enumValues && col.type.kind !== "enum" && valuesFromNotes) (enumValues = d.enumValues), said.push(`one of ${d.enumValues.join(", ")}`);
    if (d.notNull && !notNull && !nullable && !col.primaryKey) (notNull = col.span), said.push("required (not null)");
    if (d.nullable && !notNull && !nullable && !col.primaryKey) (nullable = col.span), said.push("optional (nullable)");
    if (d.default && !defaultText) (defaultText = { d: d.default, span: col.span }), said.push(`default ${d.default.text}`);
    if (d.references && !col.refText) (col.refText = d.references), (col.refSpan = col.span), said.push(`a reference to ${d.references.table}.${d.references.column}`);
    // "FK (from JWT), indexed", "FK, required": a key named only by the word, its table by the column's name.
    if (!d.references && !col.refText && !col.bareFk && /(?:^|[\s(,;])(?:fk|foreign\s+key)(?=$|[\s(),;:])/i.test(col.description) && !/\b(?:e\.\s?g\.?|for\s+example|such\s+as)\b/i.test(col.description))
      (col.bareFk = col.span), (col.bareFkFromNotes = true), said.push("a foreign key");
    // "Must be on or after start_date.", "Required when status is done.": a rule of the row, between this column and another.
    for (const c of d.compare ?? []) checks.push(compareCheck(col.name, c, col.span)), said.push(`${c.op} ${c.column}`);
    for (const w of d.requiredWhen ?? []) checks.push(requiredWhenCheck(col.name, w, col.span)), said.push(`required when ${w.column} is ${w.value}`);
    if (d.onDelete && !col.onDelete && col.refText && (!d.references || nameKey(d.references.table) === nameKey(col.refText.table))) (col.onDelete = d.onDelete), said.push(`on delete ${d.onDelete}`);
    if (said.length) cx.note(col.span, `"${table}.${col.name}": its description states ${said.join(", ")}`);
    // A sentence that states a rule in so many words ("Must equal the sum of the lines.") but
    // says nothing the app can check is not enforced: the warning quotes it.
    for (const x of unreadRules(col.description, col.type)) {
      cx.diag("warning", "SF108", `rule "${short(x)}" in the description of "${table}.${col.name}" is not understood; it is not enforced`, col.span,
        "write it as a constraint the reader knows (min/max, length, one of, unique, references), or enforce it in a hook");
    }
    // "Values such as draft, sent, etc.", "usually red or blue, but other values may appear": values
    // named as examples are no closed rule; the warning quotes them so the spec can say which.
    const open = enumValues || col.type.kind === "enum" ? null : openValueList(col.description);
    if (open) cx.diag("warning", "SF108", `"${short(open)}" in the description of "${table}.${col.name}" names values as examples, not a closed list; no allowed values are enforced`, col.span,
      'to allow only these values, write them as a list: "one of a, b, c"');
  }
  if (typeNoteUnits.length || typeNoteTexts.length) {
    const d = describeWith(col.description, typeNoteUnits, typeNoteTexts);
    if (d) col.description = d;
  }
  // "see DoorState", "one of HingeKind", "values: OrderStatus": the enum the spec declares elsewhere by that name.
  if (!enumValues && col.type && (col.type.kind === "string" || col.type.kind === "text") && valuesFromNotes) {
    const texts = [col.description ?? "", ...phrases.map((p) => p.text)];
    for (const t of texts) {
      const m = /^\s*(?:(?:see|cf\.?|one\s+of|values?\s*(?:in|from|of)?|allowed\s+values?\s*(?:in|from)?|enum|type|uses?)\s*:?\s*)?[`"*]*([A-Z][A-Za-z0-9]*)[`"*]*(?:\s+(?:enum|type|values))?\s*\.?\s*$/.exec(t);
      const named = m ? namedEnum(cx, m[1]!) : undefined;
      if (!named || named.type.kind !== "enum") continue;
      enumValues = [...named.type.values];
      cx.note(col.span, `"${table}.${col.name}" takes the values of the enum "${named.name}" its notes name ("${t.trim()}")`);
      break;
    }
  }
  if (bareEnum && !enumValues) {
    const found = bareEnumValues(cx, col.name, col.description);
    if (found) {
      enumValues = found.values;
      cx.note(bareEnum, `enum column "${table}.${col.name}" takes the values ${found.from}: ${enumValues.join(", ")}`);
      // "`CLIENT`, `ADMIN`; default `CLIENT`": the same notes name the default, one of those values.
      const dflt = col.description ? DEFAULT_CLAUSE.exec(col.description) : null;
      if (dflt && !defaultText && enumValues.includes(dflt[1]!)) {
        defaultText = { d: { text: dflt[1]!, quoted: true }, span: col.span };
        cx.note(col.span, `"${table}.${col.name}": its notes give the default ${dflt[1]}`);
      }
    } else if (!defs.some((d) => d.values?.length)) {
      cx.diag("warning", "SF122", `column "${table}.${col.name}" is an enum with no values; it is stored as text`, bareEnum,
        'list the values: "enum(a, b, c)"');
    }
  }
  // Null among the values a note lists ("generated or null") says the column may be empty; it is
  // no value of a list, and without it fewer than two values name no list.
  const written = defs.find((d) => d.values?.length)?.values;
  const noted = written?.filter((v) => !NULL_WORD.test(v.text));
  const listed = noted && (noted.length === written!.length || noted.length >= 2) ? noted : undefined;
  if (listed && !enumValues && valuesFromNotes && col.type && (col.type.kind === "string" || col.type.kind === "text")) {
    enumValues = listed.map((v) => v.text);
    cx.note(listed[0]!.span, `"${table}.${col.name}" takes only the values its notes list: ${enumValues.join(", ")}`);
  }
  // "## Allowed values" / "### Priority" / "- `low`": an enum the spec declares that no column's
  // type names, named as this textual column is: the column's values. A key column too (a mode in
  // a composite key): the spec declares the values by the column's name, not in words about it.
  const keyOfValues = col.primaryKey && !col.refText && !col.bareFk && !/(?:^|_)id$|[a-z0-9]Id$|ID$/.test(col.name);
  if (!enumValues && col.type && (col.type.kind === "string" || col.type.kind === "text") && (valuesFromNotes || keyOfValues)) {
    const named = cx.namedTypes.get(words(col.name).join("_"));
    if (named?.unused && named.type.kind === "enum") {
      enumValues = [...named.type.values];
      cx.note(col.span, `"${table}.${col.name}" takes the values of the enum "${named.name}" the spec declares under the column's name (no column's type names it): ${enumValues.join(", ")}`);
    }
  }
  // "| level | one of info, warn, error |": values and no type: an enum of them, whatever the
  // column's name would suggest (a "level" of words is no integer).
  if (enumValues && enumValues.length >= 2 && col.typeMissing && !col.type && valuesFromNotes && !increment) {
    col.type = { kind: "enum", values: enumValues };
    col.typeMissing = false;
    cx.note(col.typeSpan, `column "${table}.${col.name}" has no type; read as enum(${enumValues.join(", ")}), the values its rules list`);
    enumValues = null;
  }
  // "| id | pk | auto increment |": a key written without a type that counts up is an integer.
  if (increment && col.typeMissing && !col.type) {
    col.type = { kind: "integer" };
    col.typeMissing = false;
    cx.note(col.typeSpan, `column "${table}.${col.name}" has no type; read as integer because it is auto-increment`);
  }
  // "`role`: Required, one of (a, b)": a column written without a type whose rules list its values is an enum.
  // A value written twice is one value (a JSON Schema enum must not repeat one).
  if (enumValues && new Set(enumValues).size !== enumValues.length) enumValues = [...new Set(enumValues)];
  if (enumValues && col.typeMissing && !col.type) {
    col.type = { kind: "enum", values: enumValues };
    col.typeMissing = false;
    cx.note(col.typeSpan, `column "${table}.${col.name}" has no type; read as enum(${enumValues.join(", ")}) because its rules list its values`);
  }
  const type = col.type;
  if (!type && col.typeMissing && (defaultText || minAny !== undefined || maxAny !== undefined)) {
    col.pending = {
      ...(defaultText ? { default: { ...defaultText.d, span: defaultText.span } } : {}),
      ...(minAny !== undefined ? { min: minAny } : {}),
      ...(maxAny !== undefined ? { max: maxAny } : {}),
    };
  }
  if (type) {
    if (enumValues) {
      if (type.kind === "string" || type.kind === "text" || type.kind === "enum") {
        if (type.kind !== "enum") cx.note(col.span, `column "${table}.${col.name}" is read as enum(${enumValues.join(", ")}) because of the values its constraints, CHECK or notes list`);
        col.type = { kind: "enum", values: enumValues };
      } else if ((type.kind === "integer" || type.kind === "float") && enumValues.every((v) => /^-?\d+(?:\.\d+)?$/.test(v.trim()))) {
        // "one of 1, 2, 3" on a number column: the validator refuses any other number, and a CHECK
        // (unless the spec wrote the same one) the database.
        const values = enumValues.map((v) => Number(v.trim()));
        col.oneOf = col.oneOf ? col.oneOf.filter((v) => values.includes(v)) : values;
        const sql = `${quoteIdent(col.name)} IN (${values.join(", ")})`;
        const flat = (x: string) => x.toLowerCase().replace(/[\s"]+/g, "");
        if (!checks.some((k) => flat(k.sql) === flat(sql))) checks.push({ sql, span: col.typeSpan, validated: true, own: true });
      } else cx.diag("warning", "SF108", `a list of allowed values on ${type.kind} column "${table}.${col.name}" is not supported; it is ignored`, col.typeSpan);
    }
    const isTextual = type.kind === "string" || type.kind === "text";
    const isNumeric = type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float";
    if (minAny !== undefined) {
      if (isTextual) col.minLength ??= minAny;
      else if (isNumeric) col.minimum = minAny;
    }
    if (maxAny !== undefined) {
      if (isTextual) col.maxLength ??= maxAny;
      else if (isNumeric) col.maximum = maxAny;
    }
    // Rules that fit only some types: a format on a number, items on a text say nothing the app can check.
    const misfit = (what: string, value: unknown) => {
      cx.diag("warning", "SF108", `${what} on ${type.kind} column "${table}.${col.name}" does not fit its type; it is ignored`, col.typeSpan);
      return value;
    };
    // "must be in the future" on a column holding no date or instant: quoted, not enforced.
    if (col.relativeToNow !== undefined && type.kind !== "date" && type.kind !== "timestamp") {
      cx.diag("warning", "SF144", `rule "${short(relativeSaid?.text ?? col.relativeToNow)}" on ${type.kind} column "${table}.${col.name}" needs a date or a timestamp; it is not enforced`, relativeSaid?.span ?? col.typeSpan,
        "give the column a date or timestamp type, or enforce the rule in a hook");
      delete col.relativeToNow;
    }
    if (!isNumeric && (col.exclusiveMinimum !== undefined || col.exclusiveMaximum !== undefined)) {
      misfit("a strict bound", null);
      delete col.exclusiveMinimum;
      delete col.exclusiveMaximum;
    }
    if (col.format !== undefined && !KNOWN_FORMATS.has(col.format)) {
      cx.diag("warning", "SF108", `format "${col.format}" of column "${table}.${col.name}" is not one the app can check; it is ignored`, col.typeSpan,
        `known formats: ${[...KNOWN_FORMATS].join(", ")}`);
      delete col.format;
    }
    if (!isTextual && (col.format !== undefined || col.pattern !== undefined) && !(type.kind === "array" && (type.of.kind === "string" || type.of.kind === "text"))) {
      // A uuid/timestamp column has its format from its type already.
      // So has a date or time column its template ("HH:MM format" on a time column).
      const template = col.pattern !== undefined && ["timestamp", "date", "time"].includes(type.kind) && isDateTemplatePattern(col.pattern);
      if (!template && (!["uuid", "timestamp", "date"].includes(type.kind) || col.pattern !== undefined)) misfit(col.pattern ? "a pattern" : `format ${col.format}`, null);
      delete col.format;
      delete col.pattern;
    }
    // Items bound arrays, and json columns holding a list ("labels: jsonb" with "max 10 items").
    if (type.kind !== "array" && !(type.kind === "json" && col.itemMaxLength === undefined) && (col.minItems !== undefined || col.maxItems !== undefined || col.itemMaxLength !== undefined)) {
      misfit("a number of items", null);
      delete col.minItems;
      delete col.maxItems;
      delete col.itemMaxLength;
    }
    if (col.generated && col.primaryKey && !defaultText && !increment) {
      if (type.kind === "uuid" || isTextual) col.default = { kind: "uuid" };
      else if (type.kind === "integer" || type.kind === "bigint") increment = true;
    }
    if (defaultText) {
      // A text column whose default is SQLite's time now (datetime('now')): SQLite keeps times as text; it is a time.
      if (isTextual && SQLITE_NOW.test(defaultText.d.text.trim().toLowerCase()) && !defaultText.d.quoted) {
        const day = /^date\(/i.test(defaultText.d.text.trim());
        col.type = day ? { kind: "date" } : { kind: "timestamp" };
        cx.note(defaultText.span, `"${table}.${col.name}" is text whose default is SQLite's ${day ? "date today" : "time now"} (${defaultText.d.text.trim()}): read as ${day ? "date default current_date" : "timestamptz default now()"}`);
      }
      const dv = interpretDefault(defaultText.d, col.type ?? type);
      if ("problem" in dv) {
        if (dv.unknown) cx.diag("warning", "SF118", `default of column "${table}.${col.name}" is not understood: ${defaultText.d.text}; it is ignored`, defaultText.span,
          "write now(), gen_random_uuid(), a number, true/false, or a quoted string");
        else cx.diag("warning", "SF117", `column "${table}.${col.name}": ${dv.problem}; the default is ignored`, defaultText.span);
      } else col.default = dv;
    }
    if (increment) {
      if (type.kind === "integer" || type.kind === "bigint") col.default = { kind: "increment" };
      else cx.diag("warning", "SF108", `auto-increment on ${type.kind} column "${table}.${col.name}" is ignored`, col.typeSpan, "only integer and bigint columns count up");
    }
  }
  // Nullability: primary key > explicit words > a Prisma-style type without "?" > has a default > nullable.
  // A default implies NOT NULL only where the notation never says NOT NULL: in SQL ("x INT
  // DEFAULT 1" takes NULL) and in a table that writes NOT NULL for other columns, a column
  // with a default and no NOT NULL stays nullable.
  if (!notNull && !nullable && prismaRequired) notNull = prismaRequired;
  if (col.primaryKey) col.nullable = false;
  else if (notNull && nullable) col.nullable = comparePos(nullable, notNull) < 0;
  else if (notNull) col.nullable = false;
  else if (nullable) col.nullable = true;
  else if (col.default && col.default.kind === "literal" && col.default.value === null) col.nullable = true;
  else if (col.default && !defaultKeepsNull) {
    col.nullable = false;
    cx.note(col.span, `column "${table}.${col.name}" does not say whether it may be null; read as not null because it has a default`);
  } else col.nullable = true;
  // "| title | varchar(200) | NO | | NULL |" (MySQL's DESCRIBE), "x INT NOT NULL DEFAULT NULL": a
  // column that takes no null has no default of null; a value must be given.
  if (!col.nullable && col.default && col.default.kind === "literal" && col.default.value === null && !col.primaryKey) {
    col.default = null;
    cx.note(col.span, `column "${table}.${col.name}" is not null, so its default of NULL means it has no default: a value must be given`);
  }
  return col;
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  const group = (t: ColumnType) => (t.kind === "string" || t.kind === "text" ? "str" : t.kind);
  return group(a) === group(b);
}

/** A type written the Prisma way (PascalCase, "?" for optional): "String", "DateTime", "EventType", "String[]". */
const PRISMA_REQUIRED = /^(String|Int|BigInt|Float|Decimal|Boolean|DateTime|Json|Bytes)(\[\])?$/;

function comparePos(a: Span, b: Span): number {
  return a.line - b.line || a.column - b.column;
}

/** Words that make a list an example, not the allowed values. */
const EXAMPLE_WORDS = /\b(?:e\.\s?g\.?|eg|i\.\s?e\.?|for\s+example|such\s+as|like|etc)\b|例如|比如/i;

/**
 * The values of a column typed "enum" without them: a sentence of its description that lists
 * them ("Required. `LOW`, `MEDIUM`, `HIGH`.", "Optional. One of a, b."), else the enum the spec
 * declares under the column's own name ("Priority: LOW | HIGH" for a column "priority").
 */
function bareEnumValues(cx: BuildContext, name: string, description: string | undefined): { values: string[]; from: string } | null {
  if (description && !EXAMPLE_WORDS.test(description)) {
    for (const sentence of description.split(/(?<=[.;])\s+/)) {
      const r = rulesFromDescription(sentence, { kind: "text" });
      if (r.enumValues && r.enumValues.length >= 2) return { values: r.enumValues, from: `its description lists ("${short(sentence.trim())}")` };
      // A clause that is only the values ("`A`, `B`, `C`;" before "default `A`"): the column is an enum, so a bare list is its values.
      const clause = sentence.replace(/[\s.;]+$/, "");
      const listed = DEFAULT_CLAUSE.test(clause) ? null : listedValues(clause, true);
      if (listed && listed.length >= 2) return { values: listed.map((v) => v.text), from: `its notes list ("${short(clause.trim())}")` };
    }
  }
  const named = namedEnum(cx, name);
  if (named && named.type.kind === "enum") return { values: [...named.type.values], from: `of the enum "${named.name}" the spec declares` };
  return null;
}

/** "default `CLIENT`", "default: 'open'", "defaults to draft" in a notes cell. */
const DEFAULT_CLAUSE = /\bdefaults?(?:\s+(?:to|is|value))?\s*[:=]?\s*[`"']?([A-Za-z0-9_-]+)[`"']?\s*\.?\s*$/i;

/** The label that makes a line a list of the column's values: "Allowed:", "Values:", "One of:", at a line's start. */
const LIST_LABEL = /(?:^|\n)\s*(?=(?:allowed(?:\s+values)?|(?:possible\s+)?values|one\s+of|options)\s*[:：])/i;

/**
 * "Allowed: `simple`, `advanced`" on a line under a field bullet: the reader cuts a line of
 * rules at its commas, so the line's pieces are joined again and read as the values it lists.
 * The part of the first piece before that line ("or null") stays a rule of its own (`head`).
 */
function labelledListLine(phrases: readonly RawText[]): { values: string[]; pieces: Set<RawText>; head?: { index: number; text: RawText } } | null {
  for (let i = 0; i < phrases.length; i++) {
    const first = phrases[i]!;
    const m = LIST_LABEL.exec(first.text);
    if (!m) continue;
    const at = m.index + m[0].length;
    const line = first.span.line + (first.text.slice(0, at).match(/\n/g)?.length ?? 0);
    const rest = phrases.filter((p, k) => k > i && p.span.file === first.span.file && p.span.line === line);
    const r = rulesFromDescription([first.text.slice(at).trim(), ...rest.map((p) => p.text.trim())].join(", "), { kind: "text" });
    if (!r.enumValues || r.enumValues.length < 2) continue;
    const headText = first.text.slice(0, m.index).trim();
    return { values: r.enumValues, pieces: new Set(headText ? rest : [first, ...rest]), head: headText ? { index: i, text: { text: headText, span: first.span } } : undefined };
  }
  return null;
}

/** The CHECK of "must be after start_date" on a column: both in the body, the validator compares them too. */
function compareCheck(column: string, c: { op: ">" | ">=" | "<" | "<=" | "<>" | "="; column: string }, span: Span): DraftCheck {
  return { sql: `${quoteIdent(column)} ${c.op} ${quoteIdent(c.column)}`, span, validated: true, compare: { left: column, op: c.op, right: c.column } };
}

/** The CHECK of "required when status is done" on a column; its SQL is made when the table's columns are known (finishChecks). */
function requiredWhenCheck(column: string, w: { column: string; value: string }, span: Span): DraftCheck {
  return { sql: "", span, validated: false, requiredWhen: { column, when: w.column, value: w.value } };
}

/**
 * A notes cell made only of constraint sentences ("Required. Trimmed length 1-100. Not
 * whitespace-only.", "not null, references users(id)") says what a constraints cell says: each
 * sentence read whole as constraint phrases fills what the prose reading left open. One sentence
 * that does not read whole (prose) and none of it counts.
 */
function withSentenceRules(d: ConstraintReading, description: string): ConstraintReading {
  const sentences = description.split(/(?<=[.;])\s+|[.;]\s*$/).map((x) => x.trim().replace(/[.;]$/, "")).filter(Boolean);
  if (sentences.length === 0) return d;
  const readings = sentences.map((x) => interpretConstraint(x));
  // A sentence of words read and set aside ("immutable", "indexed") is no prose: it does not stop the others.
  if (!readings.every((r) => r.unknownAt === undefined) || !readings.some(readsWhole)) return d;
  const out: Record<string, unknown> = { ...d };
  for (const r of readings) for (const [k, v] of Object.entries(r)) if (v !== undefined && out[k] === undefined) out[k] = v;
  return out as ConstraintReading;
}

/** Sentences of a description that state a rule (must, must not, cannot, only ... allowed) and read as nothing checkable. */
function unreadRules(description: string, type: ColumnType): string[] {
  const out: string[] = [];
  for (const raw of description.split(/(?<=[.;!])\s+/)) {
    const x = raw.trim().replace(/[.;!]$/, "").trim();
    if (!x || x.length > 160) continue;
    if (!/\b(?:must(?:\s+not)?|cannot|can't|may\s+not|shall(?:\s+not)?|is\s+not\s+allowed|are\s+not\s+allowed)\b/i.test(x)) continue;
    // Examples, conditions on other rows and behaviour are not column rules the reader could check.
    if (/\b(?:e\.g|for\s+example|such\s+as)\b/i.test(x)) continue;
    if (readsWhole(interpretConstraint(x))) continue;
    const d = rulesFromDescription(x, type);
    if (Object.values(d).some((v) => v !== undefined)) continue;
    out.push(x);
  }
  return out;
}

/** A type cell that is a list of values and nothing else ("small / medium / large", "'a' | 'b'"), none a type or rule word. */
function typeCellValues(text: string): string[] | null {
  if (!/[/|,]|\sor\s/i.test(text)) return null;
  const found = listedValues(text, true);
  if (!found || found.length < 2) return null;
  if (found.some((v) => interpretType(v.text).type || interpretConstraint(v.text).unknownAt === undefined || /^(?:null|none|other|etc)$/i.test(v.text))) return null;
  return found.map((v) => v.text);
}

/**
 * A constraint written as a bare SQL condition on the column: it names the column, compares
 * (>=, <>, IS NULL, IN (...), LIKE, BETWEEN) and starts with the column, a function call or a
 * bracket ("LENGTH(title) <= 200", "price >= 0 AND price < 1000", "description IS NULL OR ...").
 */
export function bareCondition(text: string, column: string): boolean {
  const t = text.trim();
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (!new RegExp(`(^|[^\\w])["\`]?${name}["\`]?([^\\w]|$)`, "i").test(t)) return false;
  if (!/(?:<=|>=|<>|!=|[<>=]|\bis\s+(?:not\s+)?null\b|\bin\s*\(|\blike\b|\bbetween\b)/i.test(t)) return false;
  return new RegExp(`^(?:\\(|[A-Za-z_]\\w*\\s*\\(|["\`]?${name}["\`]?(?:[^\\w]|$))`, "i").test(t);
}

/** A word for no value at all, never one of a column's values ("none" may be one: a shade of none). */
const NULL_WORD = /^(?:null|nil)$/i;
