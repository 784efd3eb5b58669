// The words and patterns the Markdown reader recognises: type head words, section and
// label headings, constraint phrases, enum and key lines, request-model names; small pure
// tests on a text that need no reader state.
import { type Flat, flatSub, flatTrim } from "./flat.js";
import { stateChain } from "../value-lists.js";

/**
 * First words of the types a bullet-list column may have. Only used to recognise the
 * shape "name: type ..."; what a type means is decided by the IR builder (a unit test
 * checks that every word here is understood there).
 */
export const TYPE_HEAD_WORDS: readonly string[] = [
  "string", "str", "varchar", "nvarchar", "char", "character", "text", "citext", "longtext", "mediumtext",
  "int", "integer", "int2", "int4", "int8", "smallint", "tinyint", "mediumint", "bigint", "biginteger", "long",
  "serial", "smallserial", "bigserial", "uuid", "guid", "bool", "boolean",
  "timestamp", "timestamps", "timestamptz", "datetime", "date", "decimal", "numeric", "money",
  "float", "float4", "float8", "double", "real", "number", "json", "jsonb", "enum",
  "time", "timetz", "bytea", "bytes", "blob", "inet", "cidr", "macaddr", "interval", "vector",
  "uniqueidentifier", "datetime2", "datetimeoffset", "nchar", "ntext",
];

export const TYPE_HEAD = new Set(TYPE_HEAD_WORDS);

export const METHOD_RE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/i;

/** "GET, POST", "GET/POST", "PUT | PATCH": several methods for one path. */
const METHOD_WORD = "(?:GET|POST|PUT|PATCH|DELETE)";
export const METHOD_LIST = new RegExp(`${METHOD_WORD}(?:\\s*(?:,|\\/|\\||&|\\band\\b)\\s*${METHOD_WORD})+`);
/** The methods written before one path: "GET", "GET/POST", "GET | PATCH | DELETE", "GET, DELETE" (a regular expression's source). */
export const PATH_METHODS = `${METHOD_WORD}(?:\\s*[/|,]\\s*${METHOD_WORD})*`;

/** A line that is an endpoint: "GET /api/tasks", "GET/POST /api/folders", "- POST /items/:id — create", "1. DELETE /x". */
export const ENDPOINT_LINE = new RegExp(`^(?:[-*+]\\s+|\\d+[.)]\\s+)?${PATH_METHODS}\\s+\\/[^\\s\`]*`);

/** A section whose sub-sections are value objects (shapes kept in json columns) or enums, not tables. */
export const VALUE_SECTION = /^(value[-\s]objects?|embedded(\s+(objects?|types|documents?))?|composite\s+types|nested\s+(objects?|types)|complex\s+types|enums?(?:\s+(?:constraints?|values?|definitions?|types?|and\s+constants))?|enumerations?|enumerated\s+types|(?:allowed|valid|permitted|accepted|possible)\s+values|value\s+(?:lists|sets)|enumeraci(?:o|ó)n(?:es)?|valores\s+(?:permitidos|v(?:a|á)lidos|posibles)|aufz(?:a|ä)hlungen|(?:zul(?:a|ä)ssige|erlaubte)\s+werte|(?:e|é)num(?:e|é)rations?|valeurs\s+(?:autoris(?:e|é)es|permises|possibles)|enumerazioni|valori\s+(?:ammessi|consentiti)|值对象|枚举(类型)?|列挙型?)$/i;

/** Headings that, inside a table's section, name a part of it rather than another table. */
export const SECTION_WORDS = new Set([
  "overview", "constraints", "relationships", "relations", "notes", "note", "triggers", "validation", "purpose",
  "examples", "example", "migrations", "migration", "summary", "tables", "schema", "models", "database",
  "connection", "enums", "types", "views", "functions", "policies", "security", "performance", "tabelle", "tablas",
  "conventions", "glossary", "references", "changelog", "introduction", "description", "details", "seed",
  "fields", "columns", "attributes", "properties", "rules", "indexes", "indices", "keys", "usage", "queries",
  "data", "domain", "system", "application", "app", "project", "api", "backend", "db", "entities", "erd", "diagram",
]);

/** Section words that are also names of things apps store ("## Project", "## Note", "## Application", "## models"). */
export const ENTITY_SECTION_WORDS = new Set([
  "model", "models", "project", "projects", "application", "applications", "app", "apps", "system", "systems", "domain", "domains",
  "note", "notes", "migration", "migrations", "connection", "connections", "policy", "policies", "trigger", "triggers",
  "function", "functions", "view", "views", "query", "queries", "reference", "references", "example", "examples",
  "rule", "rules", "key", "keys", "document", "documents", "design", "designs",
]);

/** Headings that title a document or a part of it ("# Schema", "# Data Model"): never a table. */
export const DOCUMENT_WORDS = new Set([
  "schema", "schemas", "database", "databases", "data", "db", "tables", "models", "entities", "erd", "diagram", "overview",
  "introduction", "summary", "domain", "system", "application", "app", "api", "backend", "project", "conventions",
  "glossary", "changelog", "appendix", "references", "contents", "toc", "datum", "data_models", "data_model",
  "spec", "specs", "specification", "specifications", "design", "readme", "document", "documentation",
]);

/** "EVENT | GIG", "low, medium, high", "'a' | 'b'": two or more values, each with its offset; null if it is not such a list. */
/** A type-like name: two capitalised words run together, or one ending in Status/State/Type/Kind/Role/Level. */
export const ENUM_NAME = /^(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[A-Z]\w*(?:Status|State|Type|Kind|Role|Level)s?)$/;

/** "DoorState: Open, Shut", "`PaymentKind` = card | cash": an enum declared on a line of its own. */
export const ENUM_LINE = /^[`*]*([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[A-Z]\w*(?:Status|State|Type|Kind|Role|Level)s?)[`*]*\s*[:=：]\s*[`*]*((?:[`'"]?[A-Za-z0-9_.-]+[`'"]?\s*(?:,|\||\/)\s*)+[`'"]?[A-Za-z0-9_.-]+[`'"]?)[`*]*\s*\.?$/;

/** Under an "Enums" or "Enumerations" heading any capitalised name declares one: "Priority: LOW | HIGH". */
export const ENUM_LINE_IN_VALUES = new RegExp(ENUM_LINE.source.replace("[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|", "[A-Z][A-Za-z0-9]*|"));

export function splitEnumValues(text: string): { text: string; at: number }[] | null {
  const sep = text.includes("|") ? "|" : ",";
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (const part of text.split(sep)) {
    const lead = part.length - part.trimStart().length;
    const v = part.trim().replace(/^["'`]|["'`]$/g, "");
    const quoteLead = part.trim().length - part.trim().replace(/^["'`]/, "").length;
    if (!/^[A-Za-z0-9_.-]+$/.test(v)) return null;
    out.push({ text: v, at: at + lead + quoteLead });
    at += part.length + 1;
  }
  return out.length >= 2 ? out : null;
}

/** A reference in a notes cell: "-> users.id", "→ approval_workflow_steps.id", "FK to users", "organizations.id", "references users(id)", "FK → auth.users(id)" (a table in a schema). */
/** A primary-key marker in a notes cell, in English or CJK: "(PK)", "primary key", "主键", "主キー", "기본 키". */
export const NOTE_KEY = /(?:^|[\s(（,;])(?:pk|primary\s+key)(?=$|[\s)）,;:.])|主键|主鍵|主キー|プライマリキー|기본\s*키/i;

export const NOTE_REFERENCE_RAW = /(?:(?:^|\s|\()(?:(?:fk|foreign\s+key|references?|refs?)\b\s*(?:->|→|=>|to|:)?\s*|(?:->|→|=>)\s*)([A-Za-z_]\w*\.[A-Za-z_]\w*\s*\(\s*[A-Za-z_]\w*\s*\)|[A-Za-z_]\w*\.[A-Za-z_]\w*\.[A-Za-z_]\w*|[A-Za-z_]\w*\.[A-Za-z_]\w*|[A-Za-z_]\w*\s*\(\s*[A-Za-z_]\w*\s*\)|[A-Za-z_]\w*)|^\s*\(?\s*([A-Za-z_]\w*\.[A-Za-z_]\w*)(?=\s*\)?\s*(?:$|\(|[,;])))(?=$|[\s,;.)，；。、）])/i;
/** NOTE_REFERENCE_RAW, but never a file name ("`buyers.csv` (`buyer_id`)" names a source file, not a table). */
export const NOTE_REFERENCE = {
  exec(text: string): RegExpExecArray | null {
    // "draft → review → published": a lifecycle's states, not a key.
    if (stateChain(text.replace(/`/g, ""))) return null;
    // "References Better Auth user.id": a service's name (capitalized words), then the table.column it keeps.
    const named = NOTE_REFERENCE_NAMED.exec(text);
    if (named) return named;
    const m = NOTE_REFERENCE_RAW.exec(text);
    const target = m ? (m[1] ?? m[2]) : undefined;
    return target && FILE_NAME.test(target) ? null : m;
  },
};
const NOTE_REFERENCE_NAMED = /(?:^|\s|\()(?:fk|FK|[Ff]oreign\s+[Kk]ey|FOREIGN\s+KEY|[Rr]eferences?|REFERENCES?|[Rr]efs?)\b\s*(?:->|→|=>|to|:)?\s*(?:[A-Z][\w-]*\s+){1,3}([A-Za-z_]\w*\.[A-Za-z_]\w*)(?=$|[\s,;)]|\.(?:\s|$))/;
const FILE_NAME = /\.(?:csv|tsv|json|jsonl|xlsx?|parquet|txt|md|sql|ya?ml|xml|html?|pdf|png|jpe?g|py|ts|js|go|rb|java)$/i;

/** Labels of a list of prose rules about the section's columns. */
/** A section that holds rules for columns of several tables ("## Data Validation (Application Level)"). */
/** A section's title as the vocabulary tests it: no inline marks, no leading emoji or symbols ("✅ Validation Rules"), lower case. */
export function sectionTitle(title: string): string {
  return title.replace(/[`*]/g, "").replace(/^[\p{S}\p{P}\uFE0F\u200D\s]+(?=[\p{L}\p{N}])/u, "").trim().toLowerCase();
}

export const RULES_SECTION = /^(?:[\d.]+\s+)?(?:data\s+)?(?:(?:check|not[\s-]null|unique(?:ness)?|field|column|data(?:\s+integrity)?|integrity|database|value|length)\s+constraints\b|validation|validations|validation\s+rules?|business\s+rules?|field\s+rules|constraints(?:\s+and\s+rules)?|rules|relationships|relations|foreign\s+keys|references)\b|数据校验|校验规则|验证规则/;

/**
 * A section or label describing fields in prose ("### Field descriptions", "Column notes:",
 * "字段说明"): its items name their columns, and an item that states a rule in words the rule
 * reader reads whole ("- **format**: one of a, b") is that column's rule; the rest is prose.
 */
export const FIELD_NOTES = /^(?:[\d.]+\s+)?(?:(?:field|column|attribute)\s+(?:descriptions?|notes|details|definitions?)|allowed\s+values|value\s+lists?)\b|^(?:字段说明|字段描述|字段說明|カラム説明|項目説明|フィールド説明|필드\s*설명|컬럼\s*설명)/;

/** A section or label listing relationships ("## Relationships", "**Foreign Keys**:"): only its lines that name a referenced column are rules. */
export const RELATIONS_WORDS = /^(?:[\d.]+\s+)?(?:relationships|relations|foreign\s+keys|references)\b/;

/** A referenced column written as table.column or table(column). */
export const REFERENCE_FORM = /[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*|\(\s*[A-Za-z_]\w*\s*\))/;

/**
 * A heading that labels a part of a table, not a table: "Field Definitions", "Columns",
 * "Attributes", "Field details", "Column reference", "字段定义" (in any case). Its content belongs
 * to the table of the section around it (or of the page); it never names a table itself.
 */
export const PART_TITLE = /^(?:[\d.]+[.)]?\s*)?(?:(?:key|main|core|primary|data|table|entity|database|db|important|required|all|the)\s+)*(?:fields?|columns?|attributes?|propert(?:y|ies)|structure)(?:\s+(?:definitions?|details?|descriptions?|lists?|reference|specifications?|specs?|overview|summary|notes|and\s+types|&\s+types))?\s*$|^(?:字段|列|属性|フィールド|カラム|項目|필드|컬럼)\s*(?:定义|定義|说明|說明|説明|列表|一覧|정의|설명)?$|^(?:definici[oó]n\s+de\s+(?:campos|columnas)|d[ée]finition\s+des\s+(?:champs|colonnes)|felddefinitionen|spaltendefinitionen|campos|columnas|champs|colonnes|felder|spalten)$/i;

/** A label saying the list that follows is the table's fields. */
export const FIELDS_LABEL = /^(fields|columns|attributes|properties|campos|champs|felder|attributi|colonne|字段|列|属性|項目|フィールド|カラム|필드|컬럼)\b/;

export const RULES_LABEL = /^(validation\s+rules?|validations?|business\s+rules?|rules|constraints|field\s+rules|invariants|relationships|relations|foreign\s+keys|校验规则|验证规则|约束|业务规则|regras(?:\s+de\s+(?:neg[oó]cio|valida[cç][aã]o))?|reglas(?:\s+de\s+(?:negocio|validaci[oó]n))?|r[eè]gles(?:\s+de\s+(?:gestion|validation|m[ée]tier))?|gesch[aä]ftsregeln|validierungsregeln|regole(?:\s+di\s+(?:business|validazione))?|ビジネスルール|検証ルール|비즈니스\s*규칙|검증\s*규칙)$/;

/** A list item that is about the whole table (a key, an index, a constraint), not one column. */
export const TABLE_LEVEL_ITEM = /^\s*(?:(?:unique|composite|support(?:ing)?|secondary|partial|covering|recommended)\s+)*(?:index|indexes|constraint|key|unique)\b/i;

/** "a | b | c" (two or more words or quoted values separated by bars): a set of allowed values. */
export const ENUM_LIST = /^["'`]?[A-Za-z0-9_.-]+["'`]?(?:\s*\|\s*["'`]?[A-Za-z0-9_.-]+["'`]?)+/;

/**
 * A type at the start of a text: "varchar(200)", "TIMESTAMP WITH TIME ZONE", "double precision",
 * "numeric (10, 2)", "text[]", "String?", "Optional[str]", "list[int]", "string | null".
 */
/** A type written in words after a column's name: "ISO-8601 datetime string", "array of objects", "threshold object", each maybe "or null". */
export const WORD_TYPE = /^(?:iso[-\s]?8601\s+(?:date[-\s]?time|timestamp|instant|date)(?:\s+(?:string|text))?|(?:array|list)\s+of\s+[a-z_]+|(?:[a-z]+\s+){0,3}(?:object|dictionary))(?:\s+or\s+null)?(?![\w-])/i;

export const TYPE_PREFIX =
  /^[A-Za-z][\w]*(?:\[[A-Za-z_][\w\[\], ]*\]|\([^)]*\)|\s+\(\s*\d+(?:\s*,\s*\d+)*\s*\)|(?<=^[Ee][Nn][Uu][Mm])\s+\((?=\s*["'`])[^)]*\))?(?:\s+(?:with|without)\s+time\s+zone|\s+precision|\s+varying\s*(?:\([^)]*\))?)?(?:\[\d*\])*\??(?:\s*\|\s*(?:null|undefined|None)\b)?/;

/**
 * The lower-case head word of a type text when it reads as a type: a word of TYPE_HEAD_WORDS,
 * a generic wrapper (Optional[..], list[..]) or a PascalCase name (a named enum or value
 * object: "EventStatus", "Location"); null otherwise.
 */
export function typeHead(text: string): string | null {
  const t = text.trim();
  const generic = /^(optional|list|array|set)\s*\[\s*([A-Za-z]\w*)/i.exec(t);
  if (generic) return TYPE_HEAD.has(generic[2]!.toLowerCase()) || /^[A-Z]/.test(generic[2]!) ? generic[2]!.toLowerCase() : null;
  const w = /^[A-Za-z]\w*/.exec(t)?.[0];
  if (!w) return null;
  if (TYPE_HEAD.has(w.toLowerCase())) return w.toLowerCase();
  if (/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(w) && !CONSTRAINT_WORD.test(w)) return w.toLowerCase();
  return null;
}

/** A constraint piece that makes a column of a "name (…)" line without a type: a key. */
export const KEY_PIECE = /^(?:pk|fk|primary\s+key|foreign\s+key)\b|^(?:references?|refs?)\s|(?:->|→)/i;

/** Words that start a constraint, never a type: "PK", "FK", "Required", "Unique", "Nullable"... */
export const CONSTRAINT_WORD = /^(pk|fk|primary|foreign|unique|required|optional|nullable|not|null|default|references?|index|indexed|auto|check|max|min|must|is|the|see|note|from|per|only|when|if)$/i;

/** A text made only of constraint phrases ("FK -> menus nullable", "not null, unique", "PK"). */
export function looksLikeConstraints(text: string): boolean {
  let t = ` ${text.toLowerCase()} `;
  t = t.replace(/\b(?:fk|foreign\s+key|references?|refs?)\b\s*(?:->|→|=>|to)?\s*[\w.()]+/g, " ");
  t = t.replace(/(?:->|→|=>)\s*[\w.()]+/g, " ");
  t = t.replace(/\bdefault(?:s)?\s*(?:to)?\s*[:=]?\s*(?:'[^']*'|"[^"]*"|[\w.()-]+)/g, " ");
  t = t.replace(/\bon\s+(?:delete|update)\s+(?:cascade|set\s+null|restrict|no\s+action|set\s+default)\b/g, " ");
  t = t.replace(/\b(?:min|max)(?:imum)?(?:[\s_-]*length)?\s*[:=]?\s*-?\d+(?:\s*char(?:acter)?s?)?/g, " ");
  t = t.replace(/\bdf\s*=\s*(?:'[^']*'|"[^"]*"|[\w.()-]+)/g, " ");
  t = t.replace(/\b(?:primary\s+key|pk|fk|unique|not\s+null|nullable|null|required|optional|indexed|index|auto[-_\s]?increment(?:ed)?|auto|identity|immutable|unsigned|uk|uq|unq|uni|pri|mul|ck)\b/g, " ");
  return t.replace(/[\s,;()]+/g, "") === "";
}

/** A header naming a Default column. */
export const DEFAULT_HEADER = /^(?:default(?:\s+value)?s?|defaults?\s*\/\s*constraints?|기본값|기본\s*값|默认值?|默認值?|預設值?|デフォルト値?|初期値|valor\s+por\s+defecto|por\s+defecto|padr[aã]o|valor\s+padr[aã]o|standardwert|valeur\s+par\s+d[ée]faut|predefinito)$/i;

/** A constraint piece that is only a value: a quoted string, a number, true/false, now(), CURRENT_TIMESTAMP. */
export const BARE_DEFAULT = /^(?:'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|true|false|now\(\)|current_timestamp(?:\(\))?|current_date|gen_random_uuid\(\)|uuid\(\))$/i;

/** A piece of a Default cell that is a constraint, not a value ("NOT NULL", "PK", "AUTOINCREMENT"). */
export const CONSTRAINT_NOT_DEFAULT = /^(?:not\s+null|non[-\s]?null|nullable|primary\s+key|pk|unique|auto[_\s-]?increment(?:ed)?|identity|serial|required|optional|(?:fk|foreign\s+key|references?)\b.*|check\s*\(.*|generated\b.*|index(?:ed)?)$/i;

/** A whole short constraint, for telling "- title: string — required" from "- id: uuid - the user's id". */
export const CONSTRAINT_PIECE =
  /^(required|optional|nullable|not null|non-null|unique|primary key|pk|indexed|auto[-_ ]?increment(ed)?|fk|foreign key|(fk|foreign key|references)\s*(->|→|to)?\s*[\w.()]+|defaults?( to)?\s*:?\s*\S+|(min|max)(imum)?[ _-]?length\s*:?\s*\d+|(min|max)\s*:?\s*-?\d+(\s*chars)?|on delete (cascade|set null|restrict|no action))\.?$/i;

export function isPublicText(text: string): boolean {
  if (/公开|公開|无需(?:登录|鉴权|认证|授权)|不需要(?:登录|鉴权|认证)|認証不要|인증\s*불필요/.test(text)) return true;
  // "public" says who may call only where it stands alone ("(public)", "Public.", "is public", "public
  // route"): before another noun it is that noun's adjective ("public holidays", "a public profile").
  if (/\bpublic\b(?=\s*(?:$|[.,;:!)）\]|/–—-]|\s(?:endpoint|route|access|api|read|and|or|to)\b))|\b(?:is|are|be)\s+public\b|[:：]\s*public\b/i.test(text)) return true;
  return /\b(no auth(entication)?\s+(is\s+)?(required|needed)|authentication\s*:\s*(none|not required)|does not require auth|without authentication|unauthenticated access)/i.test(
    text,
  );
}

export function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  // "○" / "×": the marks Japanese sheets tick and cross with; "ya" / "tidak": Malay and Indonesian.
  if (/^(yes|y|true|✓|✔|✅|x|nullable|null|optional|是|sí|si|sì|ja|oui|sim|はい|да|예|네|evet|tak|ya|○|◯|〇|●)$/.test(t)) return true;
  if (/^(no|n|false|✗|✘|❌|not null|required|否|nein|non|não|nao|いいえ|нет|아니오|아니요|hayır|nie|tidak|×|✕)$/.test(t)) return false;
  return null;
}

export function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

/**
 * A heading naming a request model: "TaskCreate", "TaskUpdate", "CreateTaskRequest",
 * "UpdateProfileInput", "TaskIn", "TaskPayload" (Pydantic and DTO habits). The entity is the
 * rest of the name ("Task"); null for anything else.
 */
export function requestModel(title: string): { entity: string; written: string } | null {
  const t = title.replace(/[`*]/g, "").trim().split(/[\s(（:：—–-]/)[0]!;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(t)) return null;
  const suffix = /^([A-Z][A-Za-z0-9]*?)(?:Create|Update|Patch|Replace|Input|In|Request|Payload|Body)(?:Request|Body|Schema|Dto|DTO|Payload|Input)?$/.exec(t);
  const prefix = /^(?:Create|Update|New|Patch|Replace)([A-Z][A-Za-z0-9]*?)(?:Request|Body|Input|Payload|Dto|DTO|Schema)?$/.exec(t);
  const entity = (prefix?.[1] || suffix?.[1]) ?? null;
  if (!entity || entity.length < 2) return null;
  return { entity, written: t };
}

/** A rule that restates its column's type first ("Boolean (true/false)", "Integer, > 0"): the rest of it. */
export function withoutTypeWord(f: Flat): Flat {
  // "boolean type", "integer value": the type word with the word for what it is.
  const m = /^(?:string|text|integer|int|number|numeric|boolean|bool|date|datetime|timestamp|uuid)\b(?:\s+(?:type|value)\b)?\s*(?:\((?:true\s*[/|]\s*false|true\s+or\s+false|yes\s*[/|]\s*no)\))?\s*[,;:]?\s*/i.exec(f.text);
  return m ? flatTrim(flatSub(f, m[0].length)) : f;
}

/**
 * A schema section that names a request or response shape, not a table: marked so ("(Input
 * Model)", "(Output Model)", "(DTO)", "(Request Body)") or named so (TaskCreate, TaskUpdate,
 * TaskPatch, TaskInput, TaskPayload, TaskResponse). "FriendRequest" alone stays a table.
 */
export function schemaModel(title: string): { entity: string; written: string; input: boolean } | null {
  const bare = title.replace(/[`*]/g, "").replace(/^(?:entity|model|schema|dto)\s*[:：]\s*/i, "").trim();
  const name = /^([A-Z][A-Za-z0-9]*)/.exec(bare)?.[1];
  if (!name) return null;
  const marked = /\(\s*(input|request|create|update|output|response|read)\s*(?:model|schema|dto|body|shape)?\s*\)|\(\s*(?:dto|pydantic(?:\s+(?:model|schema))?)\s*\)/i.exec(bare);
  // "TodoDTO", "CreateTodoDto": a transfer object, never a table.
  const suffix = /^([A-Z][A-Za-z0-9]*?)(Create|Update|Patch|Input|Payload|Response|Out|Dto|DTO)$/.exec(name);
  if (!marked && !suffix) return null;
  const input = marked ? !/output|response|read/i.test(marked[1] ?? "") : !/Response|Out|Dto|DTO/.test(suffix![2]!);
  const entity = suffix?.[1] || name.replace(/(Request|Dto|DTO|Model|Schema)$/, "") || name;
  return { entity, written: name, input };
}

/** A section about the API in a schema document ("## API", "## API Schemas", "## Request/Response models", "## DTOs"): the shapes under it are no tables. */
export const API_SECTION = /^(?:\d+(?:\.\d+)*[.)]?\s+)?(?:rest\s+|http\s+)?(?:api(?:\s+(?:schemas?|models?|shapes?|contracts?|types|payloads?))?|endpoints?|dtos?|pydantic(?:\s+(?:models?|schemas?))?|(?:request|response)s?(?:\s*(?:\/|and|&)\s*responses?)?(?:\s+(?:models?|schemas?|bodies|shapes?|payloads?))?|json\s+contracts?|(?:contratos?|contrats?)\s+(?:(?:de\s+(?:la\s+)?|d['’]\s*)?(?:api|json)|json)|(?:api|json)[-\s]?(?:vertr(?:a|ä)ge?|schnittstellen?)|(?:esquemas?|modelos?|sch[eé]mas?|mod[eè]les?)\s+(?:de\s+(?:la\s+)?|d['’]\s*)(?:api|petici[oó]n|respuesta|solicitud|requ[eê]te|r[eé]ponse)s?|(?:anfrage|antwort)[-\s]?(?:modelle|schemas?))\s*(?:\(.*\))?$/i;

/** A heading that names a request's or response's body, not a table: "Request body", "Response", "Request payload". */
export const BODY_HEADING = /^(?:request|response)(?:\s+(?:body|payload|schema|model|shape))?\s*[:：]?$/i;

/** A field name that says it is a key or a time stamp: "id", "_id", "tenant_id", "userId", "created_at", "createdAt". */
export const KEYISH_NAME = /^(?:_?id|uuid|pk)$|_id$|[a-z0-9]Id$|_at$|[a-z0-9]At$/;

/**
 * The first cells of a table that lists a record's fields by name alone ("`id`", "`name`",
 * "`created_at`, `updated_at`", "`(a, b)`" for a rule on two): two or more rows of names, not all
 * written as constants, one of them a key or a time stamp by its name.
 */
export function untypedNames(cells: readonly string[]): boolean {
  const names: string[] = [];
  let rows = 0;
  for (const raw of cells) {
    const cell = raw.replace(/[`*]/g, "").trim();
    if (!cell) continue;
    if (/^\(\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+\s*\)$/.test(cell)) continue;
    if (!/^[A-Za-z_]\w*(?:\s*[,/]\s*[A-Za-z_]\w*)*$/.test(cell)) return false;
    names.push(...cell.split(/\s*[,/]\s*/));
    rows++;
  }
  return rows >= 2 && !names.every((n) => /^[A-Z0-9_]+$/.test(n)) && names.some((n) => KEYISH_NAME.test(n));
}

/** A cell listing two or more field names ("`id`, `tenant_id`, `label`"), or null. */
export function fieldList(cell: string): string[] | null {
  const text = cell.replace(/[`*]/g, "").trim();
  if (!/^[A-Za-z_]\w*(?:\s*[,，、]\s*[A-Za-z_]\w*)+$/.test(text)) return null;
  return text.split(/\s*[,，、]\s*/);
}

/** The key of a row that names the table in an entity's overview table. */
export const TABLE_NAME_KEY = /^(?:table(?:\s+name)?|db\s+table|database\s+table|tabela(?:\s+db)?|nome\s+da\s+tabela|tabla|nombre\s+de\s+(?:la\s+)?tabla|nom\s+de\s+(?:la\s+)?table|tabellenname|表名|数据表|テーブル名|테이블\s*(?:이름|명))$/i;

/** "Primary key: `id`", "**主キー**: `id`", "PK: id": a list item naming the key column. */
export const KEY_ITEM = /^[*_]*(?:primary\s+key|pk|主キー|主键|主鍵|기본\s*키|chave\s+prim[aá]ria|clave\s+primaria|cl[ée]\s+primaire|prim[aä]rschl[uü]ssel)[*_]*\s*[:：]\s*[`*]*([A-Za-z_]\w*)[`*]*\s*$/i;

/** The header of a column naming, row by row, the table a row is about ("Table", "Table name", "Child table"). */
export const TABLE_COLUMN_HEADER = /^(?:table|table\s*name|child\s*table|entity|表|表名|tabla|tabelle)$/;
