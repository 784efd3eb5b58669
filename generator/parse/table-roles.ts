// Reading a GFM table by what its cells hold, not by its header words.
//
// People write the same table with headers in any language, in any order, or with no header
// words at all; what stays the same is the content: a column of SQL/Prisma/JSON types is the
// type column, a column of GET/POST is the method column. So every body cell is first
// recognised on its own (identifier, type, constraint phrase, method, path, yes/no, ...), each
// column gets a profile from its cells, and the kind of table and the role of each column are
// decided from the profiles. Header words (and the section heading, when the caller passes it)
// only break ties that content cannot decide: a nullable vs required yes/no column with no
// primary-key row to tell which way it points, a parameters table vs a body-fields table.
//
// Pure and synchronous; no regex here nests quantifiers over overlapping classes, so a cell
// costs a few linear scans (a 60-row table classifies in well under a millisecond).
import { cleanCell, headerRule, literalScore, STRONG } from "./table-cells.js";
import { CellInfo, Profile } from "./table-profiles.js";
import type { ColumnRoles, EndpointRoles, FieldRoles, IndexRoles, RoleEvidence, TableContext, TableShape } from "./table-shapes.js";

// ---------------------------------------------------------------------------------------------
// Header words: tie-breakers only

const HEADER_WORDS: Record<string, RegExp> = {
  name: /^(?:column|columns? name|field|field name|name|attribute|property|key|param|parameter|query param(?:eter)?|列|列名|字段|字段名|字段名称|名称|参数|参数名|属性|カラム|カラム名|フィールド|項目|項目名|名前|パラメータ|medan|nama|nama medan|lajur|kolom|spalte|feld|feldname|parameter|columna|campo|nombre|parámetro|colonne|champ|nom|paramètre|colonna|nome|parametro|컬럼|필드|이름)$/,
  type: /^(?:type|data ?type|sql type|column type|db type|类型|数据类型|型|データ型|タイプ|jenis|jenis data|tipe|typ|datentyp|tipo|tipo de dato|type de données|타입)$/,
  constraints: /^(?:constraints?|attributes|modifiers|rules|keys?|约束|约束条件|制約|kekangan|kekangan medan|kendala|einschränkung(?:en)?|restricci[oó]n(?:es)?|contraintes?|vincoli|vincolo|제약)$/,
  default: /^(?:default|default value|默认|默认值|既定値|初期値|デフォルト|デフォルト値|기본값|기본 값|lalai|nilai lalai|bawaan|nilai bawaan|nilai default|standard|standardwert|por defecto|valor por defecto|predeterminado|défaut|valeur par défaut|predefinito|padrão|padrao|valor padrão|valor padrao)$/,
  nullable: /^(?:nullable|null|null\?|nullable\?|可空|允许空|是否可空|null許可|boleh null|nullbar|nulo|nulable)$/,
  required: /^(?:required|required\?|mandatory|必填|是否必填|必须|必需|必須|wajib|pflicht|erforderlich|obligatorio|requerido|obligatoire|obbligatorio|obrigatório|obrigatorio|обязательно|обязательное|필수|not null)$/,
  description: /^(?:description|desc|notes?|comments?|purpose|remarks?|meaning|summary|details?|说明|描述|备注|注释|用途|含义|説明|備考|概要|keterangan|penerangan|catatan|huraian|beschreibung|hinweis|anmerkung|zweck|descripci[oó]n|descrição|descricao|observaç(?:ão|ões)|observacao|obs|notas?|descrizione|nota|commentaire|설명|비고|ghi chú|mô tả)$/,
  method: /^(?:method|verb|http method|http|方法|请求方法|メソッド|kaedah|methode|método|méthode|metodo)$/,
  path: /^(?:path|endpoint|route|url|uri|endpoint path|路径|接口|地址|パス|エンドポイント|laluan|pfad|ruta|chemin|percorso)$/,
  auth: /^(?:auth|authentication|authorization|auth required|requires auth|鉴权|认证|权限|認証|pengesahan|authentifizierung|autenticaci[oó]n)$/,
  status: /^(?:status|status codes?|success status|response codes?|状态|状态码|ステータス)$/,
  location: /^(?:in|location|where|位置|参数位置)$/,
  values: /^(?:values?|allowed values|options|enum|accepted values|可选值|取值|値)$/,
  indexName: /^(?:index|index name|索引|索引名|インデックス|インデックス名|indeks)$/,
  indexColumns: /^(?:columns|column\(s\)|column s|fields|indexed columns|列|字段)$/,
  table: /^(?:table|表|表名|テーブル|jadual|tabelle|tabla)$/,
  unique: /^(?:unique|type|kind|唯一|类型)$/,
};

function normHeader(h: string): string {
  return cleanCell(h).toLowerCase().replace(/[*_]/g, "").replace(/\s*[(（].*[)）]\s*$/, "").replace(/[?:：]$/, "").trim();
}

function headerSays(p: Profile | undefined, role: string): boolean {
  if (!p) return false;
  const re = HEADER_WORDS[role];
  return !!re && re.test(normHeader(p.header));
}

/** The best column by score (≥ min); header words add a small bonus that only settles near-ties. */
function best(cands: readonly Profile[], score: (p: Profile) => number, min: number, role: string): { p: Profile; by: RoleEvidence["by"] } | null {
  let top: Profile | null = null;
  let topScore = -1;
  let second = -1;
  for (const p of cands) {
    const s = score(p);
    if (s < min) continue;
    const withHeader = s + (headerSays(p, role) ? 0.1 : 0);
    if (withHeader > topScore) {
      second = topScore;
      topScore = withHeader;
      top = p;
    } else if (withHeader > second) second = withHeader;
  }
  if (!top) return null;
  const raw = score(top);
  const by: RoleEvidence["by"] = second >= 0 && raw <= second + 1e-9 && headerSays(top, role) ? "header" : "content";
  return { p: top, by };
}

// ---------------------------------------------------------------------------------------------
// Classification

interface Assign {
  role: string;
  by: RoleEvidence["by"];
  matched: number;
}

const QUERY_NAMES = /^(?:page|page_?size|per_?page|pagesize|perpage|limit|offset|skip|take|cursor|after|before|sort|sort_?by|order|order_?by|sortorder|direction|dir|q|query|search|keyword|filter|fields|include|expand|from|to|since|until|start_?date|end_?date|status)$/i;
const INDEX_HEADING = /\bind(?:ex|exes|ices|exing)\b|索引|インデックス|índices?|indizes|indici|indeks/i;
const QUERY_HEADING = /\bquery\b|\bparam(?:eter)?s?\b|查询参数|请求参数|参数|クエリ|パラメータ|parámetros|parameter/i;
const BODY_HEADING = /\b(?:body|payload|request|response|fields)\b|请求体|响应|字段|リクエスト|レスポンス|cuerpo/i;

/**
 * Decides what a GFM table is and which column plays which role, from its body cells.
 * `headers` are the header cells, `rows` the body cells as plain text (Markdown already
 * stripped); a row shorter than the header is read as ending in empty cells.
 */
export function classifyTable(headers: readonly string[], rows: readonly (readonly string[])[], context: TableContext = {}): TableShape {
  const width = Math.max(headers.length, 1);
  const cols: Profile[] = [];
  for (let j = 0; j < width; j++) {
    const cells: CellInfo[] = [];
    for (const r of rows) cells.push(new CellInfo(r[j] ?? ""));
    cols.push(new Profile(j, headers[j] ?? "", cells));
  }
  const given = new Map<number, Assign>();
  const evidence = (): RoleEvidence[] =>
    cols.map((p) => {
      const a = given.get(p.j);
      const ex = a ? p.cells.find((c) => !c.empty)?.t : undefined;
      return { column: p.j, header: p.header, role: a?.role ?? "", by: a?.by ?? "content", matched: a?.matched ?? 0, cells: p.ne, ...(ex ? { example: ex } : {}) };
    });
  const other = (reason: string, confidence: number): TableShape => ({ kind: "other", roles: {}, confidence, reason, evidence: evidence() });
  if (rows.length === 0) return other("the table has no body rows", 0);
  const free = () => cols.filter((p) => !given.has(p.j));
  const give = (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => given.set(p.j, { role, by, matched });

  // 1. Endpoints: a column of methods and one of paths (or both in one cell).
  const methodCol = best(cols, (p) => p.method, 0.6, "method");
  const pathCol = best(cols.filter((p) => p !== methodCol?.p), (p) => p.path, 0.6, "path");
  const mergedCol = methodCol ? null : best(cols, (p) => p.methodPath, 0.6, "path");
  if ((methodCol && pathCol) || mergedCol) {
    if (methodCol) give(methodCol.p, "method", methodCol.by, Math.round(methodCol.p.method * methodCol.p.ne));
    const pc = (pathCol ?? mergedCol)!;
    give(pc.p, "path", pc.by, Math.round(pc.p.path * pc.p.ne));
    const status = best(free(), (p) => p.status, 0.6, "status");
    if (status) give(status.p, "status", status.by, Math.round(status.p.status * status.p.ne));
    const auth = best(free(), (p) => p.auth, 0.8, "auth");
    if (auth) give(auth.p, "auth", auth.by, Math.round(auth.p.auth * auth.p.ne));
    // The description: prose, different on every row (a plan or scope column repeats "All").
    // Between several prose columns content cannot tell which one describes: a header can.
    const prose = free().filter((p) => p.prose >= 0.3);
    const named = prose.filter((p) => headerSays(p, "description"));
    const desc =
      prose.length > 1 && named.length === 1
        ? { p: named[0]!, by: "header" as const }
        : best(prose, (p) => (p.prose + Math.min(p.avgWords, 10) / 20) * (0.5 + p.distinct / 2), 0.3, "description");
    if (desc) give(desc.p, "description", desc.by, Math.round(desc.p.prose * desc.p.ne));
    const roles: EndpointRoles = {
      ...(methodCol ? { method: methodCol.p.j } : {}),
      path: pc.p.j,
      ...(desc ? { description: desc.p.j } : {}),
      ...(auth ? { auth: auth.p.j } : {}),
      ...(status ? { status: status.p.j } : {}),
    };
    const conf = methodCol ? (methodCol.p.method + pc.p.path) / 2 : pc.p.methodPath;
    const reason = methodCol
      ? `column ${methodCol.p.j + 1} holds HTTP methods and column ${pc.p.j + 1} paths: a list of endpoints`
      : `column ${pc.p.j + 1} holds "METHOD /path" cells: a list of endpoints`;
    return { kind: "endpoints", roles, methodInPath: !methodCol, confidence: round(conf), reason, evidence: evidence() };
  }

  // 2. Field lists (columns, parameters, body fields): a column of types beside a column of names.
  const typeCol = best(cols, (p) => (p.ne >= rows.length * 0.5 ? p.typeAvg : 0), 0.6, "type");
  const nameCol = typeCol ? best(cols.filter((p) => p !== typeCol.p), (p) => p.nameScore, 0.6, "name") : null;
  if (typeCol && nameCol) return fieldList(cols, rows.length, typeCol, nameCol, context, given, give, free, evidence);
  // A Type header over short word-like cells the reader does not know as types ("v64", "objectid"),
  // beside a column of names: still a table's columns (the builder says which types it cannot read).
  if (!typeCol) {
    const byHeader = cols.find((p) => headerSays(p, "type") && p.ne >= rows.length * 0.5 && p.cells.every((c) => c.empty || /^[A-Za-z0-9][\w()., '"=-]{0,40}$/.test(c.t)));
    const named = byHeader ? best(cols.filter((p) => p !== byHeader), (p) => p.nameScore, 0.6, "name") : null;
    if (byHeader && named && headerSays(named.p, "name")) return fieldList(cols, rows.length, { p: byHeader, by: "header" }, named, context, given, give, free, evidence);
  }

  // 3. Indexes: a column of column lists beside index names, index kinds, or under an "Indexes" heading.
  const idx = indexTable(cols, context, give, evidence);
  if (idx) return idx;

  // 4. Enum values: one column of code-like tokens, the rest prose.
  const en = enumTable(cols, rows.length, give, free, evidence);
  if (en) return en;

  const why = typeCol ? "a column of types but no column of names" : "no column of types, methods/paths, index columns or enum values";
  given.clear();
  return other(`${why}: not a table the reader uses`, typeCol ? 0.7 : 1);
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}

function fieldList(
  cols: Profile[],
  nrows: number,
  typeCol: { p: Profile; by: RoleEvidence["by"] },
  nameCol: { p: Profile; by: RoleEvidence["by"] },
  context: TableContext,
  given: Map<number, Assign>,
  give: (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => void,
  free: () => Profile[],
  evidence: () => RoleEvidence[],
): TableShape {
  const tp = typeCol.p;
  const np = nameCol.p;
  give(tp, "type", typeCol.by, tp.typeMatched);
  give(np, "name", nameCol.by, np.nameMatched);

  // Schema evidence: keys/references/not null in the type cell or a constraint-like column,
  // database-only type words, a type cell with constraints after it.
  let strongRows = 0;
  let typeHasConstraints = false;
  let sqlTyped = 0;
  let apiTyped = 0;
  // A constraints column is one whose cells are mostly constraint phrases; a Notes column with
  // a few FK hints among prose and value lists stays notes (the lead reads its content). When
  // the type cells already carry the constraints ("uuid pk"), another column needs more to count.
  const consShare = (p: Profile) => (p.ne ? p.consMatched / p.ne : 0);
  const typeCarries = tp.cells.some((c) => c.type.constraints);
  const isConstraints = (p: Profile) => p.consAvg >= 0.5 && consShare(p) >= (typeCarries ? 0.75 : 0.6);
  const consCols = cols.filter((p) => p !== tp && p !== np && isConstraints(p) && !p.allYesNo);
  for (let i = 0; i < nrows; i++) {
    const tc = tp.cells[i]!;
    if (tc.type.constraints) typeHasConstraints = true;
    if (tc.type.family === "sql" || tc.type.family === "prisma") sqlTyped++;
    else if (tc.type.family === "generic" || tc.type.family === "common") apiTyped++;
    if ((tc.type.constraints && STRONG.test(tc.t)) || consCols.some((p) => p.cells[i]!.cons.strong)) strongRows++;
  }
  const sqlShare = sqlTyped + apiTyped ? sqlTyped / (sqlTyped + apiTyped) : 0;

  // The other columns, by what their cells hold.
  const rest = free();
  let location: Profile | undefined;
  const yesNoCols: Profile[] = [];
  let defaultCol: Profile | undefined;
  let valuesCol: Profile | undefined;
  const constraints: Profile[] = [];
  const notes: Profile[] = [];
  // The column of allowed-value lists, if any (found only when a decision needs it).
  let vf: Profile | null | undefined;
  const valuesFor = () => (vf === undefined ? (vf = rest.find((p) => p.list >= 0.5 && p.consAvg < 0.5) ?? null) : vf);
  for (const p of rest) {
    if (p.ne === 0) {
      notes.push(p);
      continue;
    }
    if (p.location >= 0.6) {
      location ??= p;
      if (location === p) continue;
    }
    // An "Index" column says how the column is indexed ("None", "{ email: 1 }", "Yes"): never its default.
    if (/^(?:index|indexes|indexed|idx|索引|índice|indice|indizes|インデックス|인덱스)$/.test(normHeader(p.header))) {
      notes.push(p);
      continue;
    }
    // "| Unique | Yes |", "| PK | ✓ |", "| Size | 80 |", "| FK | orders(id) |": the header names the
    // rule the cells state; read with it (tables.ts), never as required/nullable or a default.
    const rule = headerRule(p.header);
    if (rule && (p.allYesNo || rule === "size" || (rule === "foreign key" && p.consAvg < 0.5))) {
      notes.push(p);
      continue;
    }
    // A Default column of true/false is the defaults, not which columns are required.
    if (p.allYesNo && !headerSays(p, "default")) {
      yesNoCols.push(p);
      continue;
    }
    // Defaults: short literals (0, true, 'x', now(), or one of the row's allowed values). Not a
    // column of whole numbers alone under a header that does not say default: the rows' numbers
    // ("| # |" 1, 2, 3), sizes in bytes or lengths ("| バイト長 |" 4, 8, 32), an ordinal position.
    const numbersOnly = p.ne > 0 && p.cells.every((c) => c.empty || /^\d+$/.test(c.t)) && !headerSays(p, "default");
    if (!defaultCol && !numbersOnly && p.avgWords <= 2 && p !== valuesFor()) {
      const vals = valuesFor();
      let sum = 0;
      let hard = 0;
      for (let i = 0; i < p.cells.length; i++) {
        const c = p.cells[i]!;
        if (c.empty) continue;
        // Under a header that says Default, a bare word is the default ("| Default | draft |"),
        // whether or not a column of allowed values lists it.
        const s = Math.max(literalScore(c.t, vals ? vals.cells[i]!.t : null), headerSays(p, "default") && literalScore(c.t, null) > 0 ? 1 : 0);
        sum += s;
        if (s === 1) hard++;
      }
      if (hard > 0 && sum / p.ne >= 0.5) {
        defaultCol = p;
        continue;
      }
    }
    if (isConstraints(p)) {
      constraints.push(p);
      continue;
    }
    if (p === valuesFor()) {
      valuesCol = p;
      continue;
    }
    notes.push(p);
  }

  // Which way a yes/no column points: its words ("nullable", "required"), else the key row
  // (an id is never nullable and always required), else the header, else "required".
  const polarity = (p: Profile): { role: "nullable" | "required"; by: RoleEvidence["by"] } => {
    let nul = 0, req = 0;
    for (const c of p.cells) {
      if (c.yesNo === "nullable" || c.yesNo === "notnull") nul++;
      else if (c.yesNo === "required" || c.yesNo === "optional") req++;
    }
    if (nul > req) return { role: "nullable", by: "content" };
    if (req > nul) return { role: "required", by: "content" };
    const keyRow = findKeyRow(np, tp, constraints, notes);
    if (keyRow >= 0) {
      const v = p.cells[keyRow]!.yesNo;
      if (v === "no") return { role: "nullable", by: "content" };
      if (v === "yes") return { role: "required", by: "content" };
    }
    if (headerSays(p, "nullable")) return { role: "nullable", by: "header" };
    if (headerSays(p, "required")) return { role: "required", by: "header" };
    return { role: "required", by: "position" };
  };
  let nullable: Profile | undefined;
  let required: Profile | undefined;
  for (const p of yesNoCols) {
    const r = polarity(p);
    if (r.role === "nullable" && !nullable) (nullable = p), give(p, "nullable", r.by, p.ne);
    else if (r.role === "required" && !required) (required = p), give(p, "required", r.by, p.ne);
    else notes.push(p);
  }

  // columns vs parameters vs body fields.
  let kind: "columns" | "query-params" | "body-fields";
  let reason: string;
  let conf = (tp.typeMatched / Math.max(tp.ne, 1) + np.nameScore) / 2;
  const nullableByContent = !!nullable && given.get(nullable.j)?.by === "content";
  if (location) {
    kind = "query-params";
    reason = `column ${location.j + 1} says where each parameter goes (query/path): parameters of an endpoint`;
  } else if (strongRows > 0 || typeHasConstraints || sqlShare >= 0.5 || nullableByContent) {
    kind = "columns";
    reason = strongRows > 0
      ? `column ${tp.j + 1} holds types and ${strongRows} row(s) state keys, references or NOT NULL: a table's columns`
      : typeHasConstraints
        ? `column ${tp.j + 1} holds types with constraints after them ("uuid pk"): a table's columns`
        : sqlShare >= 0.5
          ? `column ${tp.j + 1} holds database types (${Math.round(sqlShare * 100)}%): a table's columns`
          : `column ${nullable!.j + 1} says which columns are nullable: a table's columns`;
  } else if (context.document === "schema" && np.fieldPaths === 0) {
    kind = "columns";
    conf *= 0.7;
    reason = `names and generic types (${tp.header || `column ${tp.j + 1}`}) in a schema document: read as a table's columns`;
  } else {
    // Parameters vs body fields: content first (a default column, pagination/sort names), then the
    // header and heading words.
    let queryNames = 0;
    for (const c of np.cells) if (!c.empty && QUERY_NAMES.test(c.t)) queryNames++;
    let q = 0, b = 0;
    if (defaultCol && constraints.length === 0) q += 0.5;
    else if (defaultCol) q += 0.3;
    if (np.ne > 0 && queryNames / np.ne >= 0.5) q += 1;
    if (np.fieldPaths > 0) b += 1;
    if (tp.cells.some((c) => /^(?:object|array|file)\b/i.test(c.t))) b += 0.3;
    const paramHeader = /^(?:param|parameter|query param(?:eter)?|参数|参数名|parámetro|paramètre|parametro|パラメータ)s?$/.test(normHeader(np.header));
    const fieldHeader = /^(?:field|field name|字段|字段名|campo|feld|champ|フィールド|medan|property|attribute)s?$/.test(normHeader(np.header));
    if (paramHeader) q += 0.6;
    if (fieldHeader) b += 0.6;
    if (context.heading && QUERY_HEADING.test(context.heading)) q += 0.4;
    if (context.heading && BODY_HEADING.test(context.heading)) b += 0.4;
    kind = q > b ? "query-params" : "body-fields";
    const byHeader = (q > b ? paramHeader : fieldHeader) && Math.abs(q - b) <= 0.6 + 0.4 + 1e-9 && !(defaultCol || queryNames || np.fieldPaths);
    conf *= byHeader ? 0.6 : 0.8;
    reason = kind === "query-params"
      ? `names and API types${defaultCol ? ` with defaults in column ${defaultCol.j + 1}` : ""}${byHeader ? " (parameters by the header words)" : ""}: parameters of an endpoint`
      : `names and API types${np.fieldPaths ? " with dotted field paths" : ""}${byHeader ? " (fields by the header words)" : ""}: fields of a request or response body`;
  }
  if (context.document === "api" && kind === "columns" && strongRows === 0 && !typeHasConstraints) conf *= 0.8;

  if (kind === "columns") {
    if (defaultCol) give(defaultCol, "default", "content", defaultCol.ne);
    for (const p of constraints) give(p, "constraints", "content", p.consMatched);
    // A column of allowed values in a table of columns is notes the reader reads.
    if (valuesCol) notes.push(valuesCol);
    notes.sort((a, b) => a.j - b.j);
    for (const p of notes) if (!given.has(p.j)) give(p, "notes", "content", p.ne);
    if (location) give(location, "notes", "content", location.ne);
    const roles: ColumnRoles = {
      name: np.j,
      type: tp.j,
      constraints: constraints.map((p) => p.j),
      ...(defaultCol ? { default: defaultCol.j } : {}),
      ...(nullable ? { nullable: nullable.j } : {}),
      ...(required ? { required: required.j } : {}),
      notes: cols.filter((p) => given.get(p.j)?.role === "notes").map((p) => p.j),
    };
    return { kind, roles, typeHasConstraints, confidence: round(conf), reason, evidence: evidence() };
  }
  // Parameters and body fields: a nullable column is read as "required" the other way round by the lead.
  if (nullable && !required) {
    required = nullable;
    given.set(nullable.j, { role: "required", by: given.get(nullable.j)!.by, matched: nullable.ne });
  }
  if (location) give(location, "location", "content", Math.round(location.location * location.ne));
  if (defaultCol) give(defaultCol, "default", "content", defaultCol.ne);
  if (valuesCol) give(valuesCol, "values", "content", Math.round(valuesCol.list * valuesCol.ne));
  for (const p of constraints) give(p, "constraints", "content", p.consMatched);
  const desc = best(notes.filter((p) => !given.has(p.j)), (p) => p.prose + Math.min(p.avgWords, 10) / 20, 0.25, "description");
  if (desc) give(desc.p, "description", desc.by, Math.round(desc.p.prose * desc.p.ne));
  const roles: FieldRoles = {
    name: np.j,
    type: tp.j,
    ...(required ? { required: required.j } : {}),
    ...(defaultCol ? { default: defaultCol.j } : {}),
    constraints: constraints.map((p) => p.j),
    ...(valuesCol ? { values: valuesCol.j } : {}),
    ...(location ? { location: location.j } : {}),
    ...(desc ? { description: desc.p.j } : {}),
  };
  return { kind, roles, confidence: round(conf), reason, evidence: evidence() };
}

/** The row of the primary key (a key phrase in any cell of the row, else the row named "id"), or -1. */
function findKeyRow(np: Profile, tp: Profile, constraints: Profile[], notes: Profile[]): number {
  const n = np.cells.length;
  for (let i = 0; i < n; i++) {
    for (const p of [tp, ...constraints, ...notes]) {
      if (/\b(?:pk|primary\s+key)\b|主键|主キー/i.test(p.cells[i]!.t)) return i;
    }
  }
  for (let i = 0; i < n; i++) if (np.cells[i]!.t.toLowerCase() === "id") return i;
  return -1;
}

function indexTable(
  cols: Profile[],
  context: TableContext,
  give: (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => void,
  evidence: () => RoleEvidence[],
): TableShape | null {
  if (cols.some((p) => p.typeAvg >= 0.6 && p.ne > 0)) return null;
  // A Required or Nullable column (是否必填 | 是/否) belongs to a table of columns, whatever its types look like.
  if (cols.some((p) => headerSays(p, "required") || headerSays(p, "nullable"))) return null;
  const nameCol = best(cols, (p) => p.indexName, 0.5, "indexName");
  const rest = cols.filter((p) => p !== nameCol?.p);
  const kindCol = best(rest, (p) => (p.indexKind > 0 && p.keyKind >= 0.6 ? p.keyKind : p.allYesNo ? 0.6 : 0), 0.6, "unique");
  const listCols = rest.filter((p) => p !== kindCol?.p && p.identList >= 0.8 && p.ne > 0);
  // Under an "Indexes" heading the lists alone will do, if they are lower-case names (not "II", "Core").
  const heading = !!context.heading && INDEX_HEADING.test(context.heading) && listCols.some((p) => p.cells.every((c) => c.empty || /^\(?[a-z_]/.test(c.t)));
  // A yes/no column alone ("Auth required | No") does not make index kinds: its header must say so.
  const kinds = kindCol && (kindCol.p.indexKind > 0 || headerSays(kindCol.p, "unique")) ? kindCol : undefined;
  if (listCols.length === 0 || (!nameCol && !kinds && !heading)) return null;
  // Index columns: the one with "a, b" lists, else the one with more distinct values (a table
  // column repeats its few table names).
  const colsCol = best(listCols, (p) => 0.5 + p.multiList + p.distinct / 4, 0, "indexColumns")!;
  const tableCol = best(listCols.filter((p) => p !== colsCol.p && p.multiList === 0), (p) => 1 - p.distinct / 2, 0, "table");
  if (nameCol) give(nameCol.p, "name", nameCol.by, Math.round(nameCol.p.indexName * nameCol.p.ne));
  give(colsCol.p, "columns", colsCol.by, Math.round(colsCol.p.identList * colsCol.p.ne));
  if (tableCol) give(tableCol.p, "table", tableCol.by, tableCol.p.ne);
  if (kindCol) give(kindCol.p, "unique", kindCol.by, Math.round(kindCol.p.keyKind * kindCol.p.ne));
  const roles: IndexRoles = {
    ...(nameCol ? { name: nameCol.p.j } : {}),
    columns: colsCol.p.j,
    ...(tableCol ? { table: tableCol.p.j } : {}),
    ...(kindCol ? { unique: kindCol.p.j } : {}),
  };
  const why = nameCol ? `index names in column ${nameCol.p.j + 1}` : kindCol ? `index/key kinds in column ${kindCol.p.j + 1}` : `the heading "${context.heading}"`;
  return {
    kind: "indexes",
    roles,
    confidence: round(nameCol || kindCol ? colsCol.p.identList : colsCol.p.identList * 0.6),
    reason: `column ${colsCol.p.j + 1} lists columns, with ${why}: indexes`,
    evidence: evidence(),
  };
}

function enumTable(
  cols: Profile[],
  nrows: number,
  give: (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => void,
  free: () => Profile[],
  evidence: () => RoleEvidence[],
): TableShape | null {
  const tokenCols = cols.filter((p) => p.ne === nrows && p.enumToken >= 0.8);
  if (tokenCols.length !== 1 || nrows < 2) return null;
  const v = tokenCols[0]!;
  if (v.distinct < 1 || v.errorWord >= 0.5) return null;
  for (const p of cols) {
    if (p === v || p.ne === 0) continue;
    // Error-code tables (an HTTP status column), version tables, and rules tables are not enums;
    // beside the values there are only descriptions or labels.
    // A Meaning/Description header over short phrases may hold a word that is also a rule's
    // ("default", "required"): only most of them would make it a rules column.
    const described = headerSays(p, "description");
    if (p.status >= 0.5 || p.version >= 0.5 || p.typeAvg >= (described ? 0.5 : 0.3) || p.consAvg >= (described ? 0.5 : 0.25) || p.enumToken >= (described ? 0.8 : 0.5)) return null;
    if (p.prose < 0.5 && p.cells.some((c) => !c.empty && !/^[\p{L}][\p{L} .'-]*$/u.test(c.t))) return null;
  }
  give(v, "value", "content", Math.round(v.enumToken * v.ne));
  const desc = best(free(), (p) => p.prose, 0.3, "description");
  if (desc) give(desc.p, "description", desc.by, Math.round(desc.p.prose * desc.p.ne));
  return {
    kind: "enum-values",
    roles: { value: v.j, ...(desc ? { description: desc.p.j } : {}) },
    confidence: round(v.enumToken * (desc ? 1 : 0.7)),
    reason: `column ${v.j + 1} holds distinct code-like values${desc ? ` described in column ${desc.p.j + 1}` : ""}: enum values`,
    evidence: evidence(),
  };
}
