// Constraint phrases and descriptions in Spanish, Portuguese, French, German, Italian, Chinese
// (simplified and traditional), Japanese and Korean: the same rules as the English words, read
// by interpretConstraint and rulesFromDescription. Examples are made up for these tests.
import { describe, expect, it } from "vitest";
import type { ConstraintReading } from "../../generator/ir/constraint-reading.js";
import { interpretConstraint } from "../../generator/ir/constraints.js";
import { rulesFromDescription } from "../../generator/ir/description-rules.js";
import type { ColumnType } from "../../generator/ir/types.js";
import { load } from "./helpers.js";

type Lang = "es" | "pt" | "fr" | "de" | "it" | "zh-Hans" | "zh-Hant" | "ja" | "ko";
type Table = Record<Lang, readonly [string, ConstraintReading][]>;

/** Each phrase is read whole, with nothing left over, as exactly the rules given (defaultAt checked apart). */
function readsAs(phrase: string, want: ConstraintReading): void {
  const r = interpretConstraint(phrase);
  expect(r.unknownAt, `"${phrase}" left "${r.unknownAt === undefined ? "" : phrase.slice(r.unknownAt)}" (${r.unknownWhy ?? ""})`).toBeUndefined();
  const { defaultAt, ...rest } = r;
  expect(rest, phrase).toEqual(want);
  if (want.default) {
    expect(defaultAt, phrase).toBeDefined();
    const at = phrase.slice(defaultAt);
    expect(at.startsWith(want.default.text) || /^['"“「]/.test(at), `defaultAt points at "${at}"`).toBe(true);
  }
}

function table(meaning: string, t: Table): void {
  describe(meaning, () => {
    const rows = Object.entries(t).flatMap(([lang, cases]) => cases.map(([p, want]) => [lang, p, want] as const));
    it.each(rows)("%s: %s", (_lang, phrase, want) => readsAs(phrase, want));
  });
}

const NN = { notNull: true };
const NL = { nullable: true };
const UQ = { unique: true };
const PK = { primaryKey: true };
const INC = { increment: true };
const ref = (table: string, column?: string): ConstraintReading => ({ foreignKey: true, references: { table, ...(column ? { column } : {}) } });
const def = (text: string, quoted = false): ConstraintReading => ({ default: { text, quoted } });

table("required / not null", {
  es: [["obligatorio", NN], ["Obligatoria", NN], ["OBLIGATORIO", NN], ["requerido", NN], ["no nulo", NN], ["NO NULO", NN], ["no puede ser nulo", NN], ["es obligatorio", NN]],
  pt: [["obrigatório", NN], ["OBRIGATÓRIA", NN], ["obrigatorio", NN], ["não nulo", NN], ["não pode ser nulo", NN], ["requerido", NN]],
  fr: [["requis", NN], ["requise", NN], ["obligatoire", NN], ["non nul", NN], ["ne peut pas être nul", NN], ["est obligatoire", NN]],
  de: [["Pflicht", NN], ["Pflichtfeld", NN], ["erforderlich", NN], ["nicht null", NN], ["NICHT NULL", NN], ["darf nicht null sein", NN], ["ist erforderlich", NN]],
  it: [["obbligatorio", NN], ["obbligatoria", NN], ["richiesto", NN], ["non nullo", NN], ["non può essere nullo", NN]],
  "zh-Hans": [["必填", NN], ["必填项", NN], ["非空", NN], ["不能为空", NN], ["不为空", NN], ["必须", NN], ["不能为null", NN]],
  "zh-Hant": [["必填", NN], ["不能為空", NN], ["不可為空", NN], ["必須填寫", NN]],
  ja: [["必須", NN], ["必須項目", NN], ["入力必須", NN], ["NULL不可", NN], ["null 不可", NN], ["必須です", NN]],
  ko: [["필수", NN], ["필수 입력", NN], ["필수 항목", NN], ["NULL 불가", NN], ["널 불가", NN], ["NULL 허용 안 함", NN]],
});

table("optional / nullable", {
  es: [["opcional", NL], ["Opcional", NL], ["puede ser nulo", NL], ["no obligatorio", NL], ["acepta nulos", NL]],
  pt: [["opcional", NL], ["pode ser nulo", NL], ["não obrigatório", NL], ["anulável", NL]],
  fr: [["facultatif", NL], ["facultative", NL], ["optionnel", NL], ["peut être nul", NL], ["non obligatoire", NL]],
  de: [["freiwillig", NL], ["kann null sein", NL], ["nicht erforderlich", NL], ["optional", NL]],
  it: [["opzionale", NL], ["facoltativo", NL], ["può essere nullo", NL], ["non obbligatorio", NL]],
  "zh-Hans": [["可选", NL], ["可空", NL], ["可为空", NL], ["选填", NL], ["非必填", NL], ["允许为空", NL]],
  "zh-Hant": [["可選", NL], ["選填", NL], ["可為空", NL], ["允許為空", NL]],
  ja: [["任意", NL], ["任意項目", NL], ["NULL可", NL], ["null許可", NL], ["省略可", NL]],
  ko: [["선택", NL], ["선택 사항", NL], ["NULL 허용", NL], ["널 허용", NL]],
});

table("unique", {
  es: [["único", UQ], ["única", UQ], ["UNICO", UQ], ["Único", UQ], ["valor único", UQ], ["debe ser único", UQ]],
  pt: [["único", UQ], ["única", UQ], ["chave única", UQ], ["sem duplicados", UQ]],
  fr: [["clé unique", UQ], ["valeur unique", UQ], ["doit être unique", UQ], ["sans doublons", UQ]],
  de: [["eindeutig", UQ], ["Eindeutig", UQ], ["einzigartig", UQ], ["muss eindeutig sein", UQ]],
  it: [["univoco", UQ], ["univoca", UQ], ["unico", UQ], ["valore univoco", UQ]],
  "zh-Hans": [["唯一", UQ], ["唯一值", UQ], ["不可重复", UQ], ["必须唯一", UQ]],
  "zh-Hant": [["唯一", UQ], ["不可重複", UQ], ["必須唯一", UQ]],
  ja: [["一意", UQ], ["ユニーク", UQ], ["重複不可", UQ], ["一意制約", UQ]],
  ko: [["고유", UQ], ["유니크", UQ], ["중복 불가", UQ], ["고유값", UQ]],
});

table("primary key", {
  es: [["clave primaria", PK], ["llave primaria", PK], ["Clave Primaria", PK]],
  pt: [["chave primária", PK], ["chave primaria", PK]],
  fr: [["clé primaire", PK], ["CLÉ PRIMAIRE", PK], ["cle primaire", PK]],
  de: [["Primärschlüssel", PK], ["Primaerschluessel", PK], ["PRIMÄRSCHLÜSSEL", PK]],
  it: [["chiave primaria", PK]],
  "zh-Hans": [["主键", PK], ["主键，自增", { ...PK, ...INC }]],
  "zh-Hant": [["主鍵", PK]],
  ja: [["主キー", PK], ["プライマリキー", PK]],
  ko: [["기본키", PK], ["기본 키", PK], ["PK", PK]],
});

table("foreign key / references", {
  es: [["clave foránea a users.id", ref("users", "id")], ["clave ajena a categorias(id)", ref("categorias", "id")], ["referencia a users.id", ref("users", "id")], ["hace referencia a la tabla users", ref("users")], ["FK a users.id", ref("users", "id")], ["clave foránea", { foreignKey: true }]],
  pt: [["chave estrangeira para users.id", ref("users", "id")], ["referência a users(id)", ref("users", "id")], ["faz referência a users.id", ref("users", "id")]],
  fr: [["clé étrangère vers users.id", ref("users", "id")], ["référence users.id", ref("users", "id")], ["fait référence à users(id)", ref("users", "id")]],
  de: [["Fremdschlüssel auf users.id", ref("users", "id")], ["verweist auf users.id", ref("users", "id")], ["Fremdschlüssel zu users(id)", ref("users", "id")]],
  it: [["chiave esterna verso users.id", ref("users", "id")], ["fa riferimento a users.id", ref("users", "id")]],
  "zh-Hans": [["外键 关联 users.id", ref("users", "id")], ["外键，关联 users.id", ref("users", "id")], ["关联 users 表的 id", ref("users", "id")], ["引用 users(id)", ref("users", "id")], ["外键 -> users.id", ref("users", "id")], ["外键", { foreignKey: true }]],
  "zh-Hant": [["外鍵 關聯 users.id", ref("users", "id")], ["參照 users.id", ref("users", "id")]],
  ja: [["外部キー（users.id）", ref("users", "id")], ["users.id を参照", ref("users", "id")], ["usersテーブルのidを参照", ref("users", "id")], ["外部キー users.id", ref("users", "id")]],
  ko: [["외래키 users.id", ref("users", "id")], ["users.id 참조", ref("users", "id")], ["외래 키 → users.id", ref("users", "id")]],
});

table("default", {
  es: [["por defecto 1", def("1")], ["valor por defecto: 'activo'", def("activo", true)], ["por defecto es true", def("true")], ["predeterminado 0", def("0")]],
  pt: [["padrão 1", def("1")], ["valor padrão 'ativo'", def("ativo", true)], ["por padrão false", def("false")]],
  fr: [["par défaut 1", def("1")], ["valeur par défaut : 'actif'", def("actif", true)], ["défaut 0", def("0")]],
  de: [["Standard 1", def("1")], ["Standardwert: 'aktiv'", def("aktiv", true)], ["standardmäßig false", def("false")], ["Vorgabe 0", def("0")]],
  it: [["predefinito 1", def("1")], ["valore predefinito 'attivo'", def("attivo", true)], ["di default 0", def("0")]],
  "zh-Hans": [["默认 1", def("1")], ["默认值 0", def("0")], ["默认为 'active'", def("active", true)], ["默认值：now()", def("now()")], ["默认0", def("0")]],
  "zh-Hant": [["預設 1", def("1")], ["預設值 0", def("0")], ["默認 1", def("1")]],
  ja: [["デフォルト 1", def("1")], ["デフォルト値: 0", def("0")], ["既定値 'active'", def("active", true)], ["デフォルトは0", def("0")]],
  ko: [["기본값 1", def("1")], ["기본값: 0", def("0")], ["기본값은 'active'", def("active", true)], ["기본값 0입니다", def("0")]],
});

table("auto increment", {
  es: [["autoincremental", INC], ["autoincremento", INC], ["auto-incremental", INC]],
  pt: [["autoincremento", INC], ["auto incremento", INC]],
  fr: [["auto-incrémenté", INC], ["auto-incrément", INC], ["autoincrément", INC]],
  de: [["Autoinkrement", INC], ["automatisch hochgezählt", INC], ["auto-inkrementiert", INC]],
  it: [["autoincrementale", INC], ["autoincremento", INC]],
  "zh-Hans": [["自增", INC], ["自增长", INC], ["自动增长", INC], ["自动递增", INC]],
  "zh-Hant": [["自動增長", INC], ["自增", INC]],
  ja: [["自動採番", INC], ["オートインクリメント", INC], ["連番", INC]],
  ko: [["자동 증가", INC], ["자동증가", INC]],
});

table("length", {
  es: [["hasta 50 caracteres", { maxLength: 50 }], ["máximo 50 caracteres", { maxLength: 50 }], ["máx. 50 caracteres", { maxLength: 50 }], ["mínimo 3 caracteres", { minLength: 3 }], ["al menos 3 caracteres", { minLength: 3 }], ["1-200 caracteres", { minLength: 1, maxLength: 200 }], ["entre 1 y 200 caracteres", { minLength: 1, maxLength: 200 }], ["de 1 a 200 caracteres", { minLength: 1, maxLength: 200 }], ["longitud máxima 50", { maxLength: 50 }], ["longitud 1-200", { minLength: 1, maxLength: 200 }]],
  pt: [["até 50 caracteres", { maxLength: 50 }], ["no máximo 50 caracteres", { maxLength: 50 }], ["pelo menos 3 caracteres", { minLength: 3 }], ["entre 1 e 200 caracteres", { minLength: 1, maxLength: 200 }], ["comprimento máximo 50", { maxLength: 50 }]],
  fr: [["50 caractères max", { maxLength: 50 }], ["50 caractères maximum", { maxLength: 50 }], ["max. 50 caractères", { maxLength: 50 }], ["au plus 50 caractères", { maxLength: 50 }], ["au moins 3 caractères", { minLength: 3 }], ["entre 1 et 200 caractères", { minLength: 1, maxLength: 200 }], ["de 1 à 200 caractères", { minLength: 1, maxLength: 200 }], ["longueur maximale 50", { maxLength: 50 }]],
  de: [["max. 50 Zeichen", { maxLength: 50 }], ["maximal 50 Zeichen", { maxLength: 50 }], ["höchstens 50 Zeichen", { maxLength: 50 }], ["mindestens 3 Zeichen", { minLength: 3 }], ["1-200 Zeichen", { minLength: 1, maxLength: 200 }], ["zwischen 1 und 200 Zeichen", { minLength: 1, maxLength: 200 }], ["Länge 1-200", { minLength: 1, maxLength: 200 }], ["maximale Länge 50", { maxLength: 50 }]],
  it: [["massimo 50 caratteri", { maxLength: 50 }], ["al massimo 50 caratteri", { maxLength: 50 }], ["almeno 3 caratteri", { minLength: 3 }], ["tra 1 e 200 caratteri", { minLength: 1, maxLength: 200 }], ["lunghezza massima 50", { maxLength: 50 }]],
  "zh-Hans": [["最多50个字符", { maxLength: 50 }], ["最长50", { maxLength: 50 }], ["长度不超过50", { maxLength: 50 }], ["不超过50个字符", { maxLength: 50 }], ["至少3个字符", { minLength: 3 }], ["1~200字符", { minLength: 1, maxLength: 200 }], ["长度1-200", { minLength: 1, maxLength: 200 }], ["最大长度 50", { maxLength: 50 }]],
  "zh-Hant": [["最多50個字元", { maxLength: 50 }], ["長度不超過50", { maxLength: 50 }], ["1~200字元", { minLength: 1, maxLength: 200 }]],
  ja: [["50文字以内", { maxLength: 50 }], ["50文字まで", { maxLength: 50 }], ["最大50文字", { maxLength: 50 }], ["3文字以上", { minLength: 3 }], ["1〜200文字", { minLength: 1, maxLength: 200 }], ["1～200文字", { minLength: 1, maxLength: 200 }], ["1文字以上200文字以下", { minLength: 1, maxLength: 200 }]],
  ko: [["50자 이하", { maxLength: 50 }], ["최대 50자", { maxLength: 50 }], ["50자 이내", { maxLength: 50 }], ["최소 3자", { minLength: 3 }], ["3자 이상", { minLength: 3 }], ["1~200자", { minLength: 1, maxLength: 200 }], ["길이 1~200", { minLength: 1, maxLength: 200 }]],
});

table("numeric range / comparisons", {
  es: [["mayor que 0", { exclusiveMin: 0 }], ["mayor que cero", { exclusiveMin: 0 }], ["mayor o igual a 0", { min: 0 }], ["menor que 100", { exclusiveMax: 100 }], ["menor o igual que 100", { max: 100 }], ["entre 1 y 5", { min: 1, max: 5 }], ["positivo", { exclusiveMin: 0 }], ["no negativo", { min: 0 }], ["mínimo 1", { min: 1 }], ["máximo 5", { max: 5 }]],
  pt: [["maior que 0", { exclusiveMin: 0 }], ["maior ou igual a 0", { min: 0 }], ["menor que 100", { exclusiveMax: 100 }], ["entre 1 e 5", { min: 1, max: 5 }], ["positivo", { exclusiveMin: 0 }]],
  fr: [["supérieur à 0", { exclusiveMin: 0 }], ["supérieur ou égal à 0", { min: 0 }], ["inférieur à 100", { exclusiveMax: 100 }], ["inférieur ou égal à 100", { max: 100 }], ["entre 1 et 5", { min: 1, max: 5 }], ["positif", { exclusiveMin: 0 }], ["non négatif", { min: 0 }]],
  de: [["größer als 0", { exclusiveMin: 0 }], ["größer als null", { exclusiveMin: 0 }], ["größer oder gleich 0", { min: 0 }], ["kleiner als 100", { exclusiveMax: 100 }], ["kleiner gleich 100", { max: 100 }], ["zwischen 1 und 5", { min: 1, max: 5 }], ["positiv", { exclusiveMin: 0 }], ["nicht negativ", { min: 0 }], ["mindestens 1", { min: 1 }], ["höchstens 5", { max: 5 }]],
  it: [["maggiore di 0", { exclusiveMin: 0 }], ["maggiore o uguale a 0", { min: 0 }], ["minore di 100", { exclusiveMax: 100 }], ["tra 1 e 5", { min: 1, max: 5 }], ["positivo", { exclusiveMin: 0 }], ["non negativo", { min: 0 }]],
  "zh-Hans": [["大于0", { exclusiveMin: 0 }], ["大于等于0", { min: 0 }], ["小于100", { exclusiveMax: 100 }], ["小于等于100", { max: 100 }], ["范围 1~5", { min: 1, max: 5 }], ["1-5之间", { min: 1, max: 5 }], ["1到5之间", { min: 1, max: 5 }], ["介于1和5之间", { min: 1, max: 5 }], ["正数", { exclusiveMin: 0 }], ["非负", { min: 0 }], ["不小于0", { min: 0 }], ["≥0", { min: 0 }]],
  "zh-Hant": [["大於0", { exclusiveMin: 0 }], ["大於等於0", { min: 0 }], ["範圍 1~5", { min: 1, max: 5 }], ["正數", { exclusiveMin: 0 }]],
  ja: [["0以上", { min: 0 }], ["100以下", { max: 100 }], ["1以上5以下", { min: 1, max: 5 }], ["0より大きい", { exclusiveMin: 0 }], ["100未満", { exclusiveMax: 100 }], ["1〜5", { min: 1, max: 5 }], ["範囲 1〜5", { min: 1, max: 5 }], ["正の数", { exclusiveMin: 0 }]],
  ko: [["0 이상", { min: 0 }], ["100 이하", { max: 100 }], ["0 초과", { exclusiveMin: 0 }], ["100 미만", { exclusiveMax: 100 }], ["1~5", { min: 1, max: 5 }], ["1 이상 5 이하", { min: 1, max: 5 }], ["범위 1~5", { min: 1, max: 5 }], ["양수", { exclusiveMin: 0 }]],
});

const ev = (...values: string[]): ConstraintReading => ({ enumValues: values });
table("allowed values", {
  es: [["uno de: alta | media | baja", ev("alta", "media", "baja")], ["uno de alta, media, baja", ev("alta", "media", "baja")], ["una de 'x' o 'y'", ev("x", "y")], ["valores permitidos: x / y", ev("x", "y")]],
  pt: [["um de: alta | baixa", ev("alta", "baixa")], ["um dos valores alta, baixa", ev("alta", "baixa")]],
  fr: [["l'un de : haut | bas", ev("haut", "bas")], ["l'une des valeurs haut, bas", ev("haut", "bas")], ["valeurs possibles : haut / bas", ev("haut", "bas")]],
  de: [["einer von: hoch | niedrig", ev("hoch", "niedrig")], ["einer von hoch, mittel, niedrig", ev("hoch", "mittel", "niedrig")], ["erlaubte Werte: hoch / niedrig", ev("hoch", "niedrig")]],
  it: [["uno tra: alto | basso", ev("alto", "basso")], ["uno di alto, basso", ev("alto", "basso")], ["valori ammessi: alto / basso", ev("alto", "basso")]],
  "zh-Hans": [["a、b、c 之一", ev("a", "b", "c")], ["draft、published或archived之一", ev("draft", "published", "archived")], ["只能是 low、high 之一", ev("low", "high")], ["草稿、已发布之一", ev("草稿", "已发布")], ["可选值：low | high", ev("low", "high")]],
  "zh-Hant": [["low、high 其中之一", ev("low", "high")], ["草稿、已發佈之一", ev("草稿", "已發佈")]],
  ja: [["low, high のいずれか", ev("low", "high")], ["low / mid / high のいずれか", ev("low", "mid", "high")], ["low、highのどれか", ev("low", "high")]],
  ko: [["low, high 중 하나", ev("low", "high")], ["low, mid, high 중 하나", ev("low", "mid", "high")], ["허용 값: low | high", ev("low", "high")]],
});

table("formats", {
  es: [["correo válido", { format: "email" }], ["correo electrónico", { format: "email" }], ["email válido", { format: "email" }], ["e-mail válido", { format: "email" }], ["formato de correo", { format: "email" }], ["dirección de correo válida", { format: "email" }], ["URL válida", { format: "uri" }]],
  pt: [["e-mail válido", { format: "email" }], ["endereço de e-mail válido", { format: "email" }], ["URL válida", { format: "uri" }]],
  fr: [["adresse e-mail valide", { format: "email" }], ["courriel", { format: "email" }], ["format d'e-mail", { format: "email" }], ["URL valide", { format: "uri" }]],
  de: [["gültige E-Mail", { format: "email" }], ["gültige E-Mail-Adresse", { format: "email" }], ["E-Mail-Format", { format: "email" }], ["gültige URL", { format: "uri" }]],
  it: [["email valida", { format: "email" }], ["indirizzo email valido", { format: "email" }], ["URL valido", { format: "uri" }]],
  "zh-Hans": [["邮箱格式", { format: "email" }], ["有效的邮箱", { format: "email" }], ["电子邮件地址", { format: "email" }], ["URL格式", { format: "uri" }], ["有效的URL", { format: "uri" }]],
  "zh-Hant": [["郵箱格式", { format: "email" }], ["電子郵件格式", { format: "email" }], ["網址格式", { format: "uri" }]],
  ja: [["メールアドレス形式", { format: "email" }], ["メール形式", { format: "email" }], ["有効なメールアドレス", { format: "email" }], ["URL形式", { format: "uri" }]],
  ko: [["이메일 형식", { format: "email" }], ["유효한 이메일", { format: "email" }], ["URL 형식", { format: "uri" }]],
});

table("on delete cascade and not empty", {
  es: [["al eliminar en cascada", { onDelete: "cascade" }], ["eliminación en cascada", { onDelete: "cascade" }], ["no vacío", { minLength: 1 }], ["no puede estar vacío", { minLength: 1 }]],
  pt: [["exclusão em cascata", { onDelete: "cascade" }], ["não vazio", { minLength: 1 }]],
  fr: [["suppression en cascade", { onDelete: "cascade" }], ["non vide", { minLength: 1 }]],
  de: [["kaskadierendes Löschen", { onDelete: "cascade" }], ["nicht leer", { minLength: 1 }]],
  it: [["eliminazione a cascata", { onDelete: "cascade" }], ["non vuoto", { minLength: 1 }]],
  "zh-Hans": [["级联删除", { onDelete: "cascade" }], ["不能为空字符串", { minLength: 1 }]],
  "zh-Hant": [["級聯刪除", { onDelete: "cascade" }]],
  ja: [["カスケード削除", { onDelete: "cascade" }], ["空文字不可", { minLength: 1 }]],
  ko: [["연쇄 삭제", { onDelete: "cascade" }], ["빈 값 불가", { minLength: 1 }]],
});

table("mixed, in one phrase (full-width commas and 、 are not split by callers)", {
  es: [["uno de a | b, obligatorio", { enumValues: ["a", "b"], notNull: true }], ["clave foránea obligatoria", { foreignKey: true, notNull: true }], ["mínimo 0, máximo 100", { min: 0, max: 100 }]],
  pt: [["obrigatório e único", { notNull: true, unique: true }]],
  fr: [["clé étrangère vers users.id, non nul", { ...ref("users", "id"), notNull: true }]],
  de: [["Pflichtfeld; eindeutig", { notNull: true, unique: true }]],
  it: [["obbligatorio e univoco", { notNull: true, unique: true }]],
  "zh-Hans": [["外键 users.id，非空", { ...ref("users", "id"), notNull: true }], ["NOT NULL、唯一", { notNull: true, unique: true }], ["（必填）", NN], ["自增主键", { increment: true, primaryKey: true }]],
  "zh-Hant": [["主鍵、自動增長", { primaryKey: true, increment: true }]],
  ja: [["0以上100以下", { min: 0, max: 100 }], ["必須、一意", { notNull: true, unique: true }]],
  ko: [["필수, 고유", { notNull: true, unique: true }]],
});

describe("mixed phrases, split the way callers split", () => {
  /** "(TYPE, a, b, c)" as a field's parentheses are split (at ASCII commas and semicolons): the type, then one phrase each. */
  const pieces = (inner: string) => inner.split(/[,;]/).map((p) => p.trim()).filter(Boolean).slice(1);
  const merged = (inner: string): ConstraintReading => {
    const out: ConstraintReading = {};
    for (const p of pieces(inner)) {
      const r = interpretConstraint(p);
      expect(r.unknownAt, `"${p}" of "${inner}"`).toBeUndefined();
      const { defaultAt: _, ...rest } = r;
      Object.assign(out, rest);
    }
    return out;
  };
  const cases: [Lang, string, ConstraintReading][] = [
    ["es", "VARCHAR(50), único, obligatorio, por defecto 1", { unique: true, notNull: true, default: { text: "1", quoted: false } }],
    ["es", "INTEGER, obligatorio, mayor que 0, clave foránea a users.id", { notNull: true, exclusiveMin: 0, ...ref("users", "id") }],
    ["pt", "VARCHAR(120), obrigatório, único, padrão 'ativo'", { notNull: true, unique: true, default: { text: "ativo", quoted: true } }],
    ["fr", "TEXT, requis, clé étrangère vers users.id, suppression en cascade", { notNull: true, ...ref("users", "id"), onDelete: "cascade" }],
    ["de", "INTEGER, Pflicht, größer als 0, Standard 1", { notNull: true, exclusiveMin: 0, default: { text: "1", quoted: false } }],
    ["it", "VARCHAR(80), obbligatorio, univoco, massimo 80 caratteri", { notNull: true, unique: true, maxLength: 80 }],
    ["zh-Hans", "VARCHAR(255), 非空，唯一，邮箱格式", { notNull: true, unique: true, format: "email" }],
    ["zh-Hans", "BIGINT, 外键，关联 users.id，级联删除", { ...ref("users", "id"), onDelete: "cascade" }],
    ["zh-Hant", "INT, 主鍵，自增", { primaryKey: true, increment: true }],
    ["ja", "VARCHAR(50), 必須, 50文字以内, 一意", { notNull: true, maxLength: 50, unique: true }],
    ["ja", "INT, 必須, 1以上5以下, デフォルト 3", { notNull: true, min: 1, max: 5, default: { text: "3", quoted: false } }],
    ["ko", "INT, 필수, 0 이상, 기본값 0", { notNull: true, min: 0, default: { text: "0", quoted: false } }],
    ["ko", "VARCHAR(20), 선택, 최대 20자", { nullable: true, maxLength: 20 }],
  ];
  it.each(cases)("%s: (%s)", (_lang, inner, want) => expect(merged(inner)).toEqual(want));

  it("reads a Markdown schema written in Spanish and one in Chinese with no constraint left unread", async () => {
    const r = await load(`# Esquema

## productos

- \`id\` (uuid, clave primaria)
- \`nombre\` (VARCHAR(50), único, obligatorio, por defecto 'sin nombre')
- \`correo\` (text, obligatorio, correo válido)
- \`estado\` (text, uno de: activo | inactivo)
- \`precio\` (integer, mayor que 0, por defecto 10)

## members

| 列名 | 类型 | 约束 | 说明 |
|---|---|---|---|
| id | bigint | 主键，自增 | 标识 |
| email | varchar(255) | 非空，唯一，邮箱格式 | 邮箱 |
| age | integer | 0以上，100以下 | 年龄 |
| nick | varchar(32) | 可空 | 昵称 |
`);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
    const col = (t: string, c: string) => r.ir!.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!;
    expect(col("productos", "id").primaryKey).toBe(true);
    expect(col("productos", "nombre")).toMatchObject({ unique: true, nullable: false, default: { kind: "literal", value: "sin nombre" } });
    expect(col("productos", "correo")).toMatchObject({ nullable: false, format: "email" });
    expect(col("productos", "estado").type).toEqual({ kind: "enum", values: ["activo", "inactivo"] });
    expect(col("productos", "precio")).toMatchObject({ exclusiveMinimum: 0, default: { kind: "literal", value: 10 } });
    expect(col("members", "id")).toMatchObject({ primaryKey: true, default: { kind: "increment" } });
    expect(col("members", "email")).toMatchObject({ nullable: false, unique: true, format: "email" });
    expect(col("members", "age")).toMatchObject({ minimum: 0, maximum: 100 });
    expect(col("members", "nick").nullable).toBe(true);
  });
});

describe("not read: a word inside a longer word, prose, and phrases that only look like rules", () => {
  const cases: [string, number, string?][] = [
    ["comunicación", 0],
    ["unicode", 0],
    ["requisito", 0],
    ["obligatoriedad", 0],
    ["Standardisierung", 0],
    ["standard rate", 0],
    ["网站名称", 0],
    ["邮件通知", 0],
    ["可选按类型筛选", 0],
    ["可选 'markdown'", 0],
    ["默认与 username 相同", 0, "default value not understood"],
    ["por defecto", 0, "default with no value"],
    ["referencia", 0, "references what?"],
    ["uno de: alta", 0, "a list of allowed values needs two or more, separated by | or /"],
  ];
  it.each(cases)("%s", (phrase, at, why) => {
    const r = interpretConstraint(phrase);
    expect(r.unknownAt).toBe(at);
    if (why) expect(r.unknownWhy).toBe(why);
  });
});

describe("a part not understood is still reported, from where it starts", () => {
  const cases: [Lang, string, ConstraintReading, number][] = [
    ["es", "obligatorio, brillante", NN, 13],
    ["es", "único y brillante", UQ, 6],
    ["pt", "obrigatório, brilhante", NN, 13],
    ["fr", "obligatoire et brillant", NN, 12],
    ["de", "eindeutig und glänzend", UQ, 10],
    ["it", "univoco, brillante", UQ, 9],
    ["zh-Hans", "必填，闪亮", NN, 3],
    ["zh-Hant", "唯一，閃亮", UQ, 3],
    ["ja", "一意 キラキラ", UQ, 3],
    ["ko", "필수, 반짝임", NN, 4],
  ];
  it.each(cases)("%s: %s", (_lang, phrase, want, at) => {
    const r = interpretConstraint(phrase);
    expect(r).toMatchObject(want);
    expect(r.unknownAt).toBe(at);
  });
});

describe("English phrases read as before", () => {
  // What interpretConstraint returned before other languages were read, byte for byte.
  const cases: [string, ConstraintReading][] = [
    ["not null, sparkly", { notNull: true, unknownAt: 10 }],
    ["unique la", { unique: true, unknownAt: 7 }],
    ["e.g. unique", { unknownAt: 0 }],
    ["(unique)", { unique: true }],
    ["the unique code of the order", { unique: true, unknownAt: 11 }],
    ["FK a user", { foreignKey: true, references: { table: "a" }, unknownAt: 5 }],
    ["one of: a, b", { enumValues: ["a", "b"] }],
    ["standard rate", { unknownAt: 0 }],
    ["max. 50", { unknownAt: 0 }],
    ["no nulls", { unknownAt: 0 }],
    ["default", { unknownAt: 0, unknownWhy: "default with no value" }],
    ["references", { unknownAt: 0, unknownWhy: "references what?" }],
    ["optional", { nullable: true }],
    ["positive", { exclusiveMin: 0 }],
    ["unique, default 'x'", { unique: true, default: { text: "x", quoted: true }, defaultAt: 16 }],
    ["references users(id) on delete cascade", { foreignKey: true, references: { table: "users", column: "id" }, onDelete: "cascade" }],
  ];
  it.each(cases)("%s", (phrase, want) => expect(JSON.stringify(interpretConstraint(phrase))).toBe(JSON.stringify(want)));
});

describe("rulesFromDescription in other languages", () => {
  const S: ColumnType = { kind: "string" };
  const I: ColumnType = { kind: "integer" };
  const cases: [Lang, ColumnType, string, ConstraintReading][] = [
    ["es", S, "Nombre del producto (1-120 caracteres)", { minLength: 1, maxLength: 120 }],
    ["es", S, "Título, máximo 200 caracteres", { maxLength: 200 }],
    ["es", S, "Correo electrónico válido del cliente", { format: "email" }],
    ["es", S, "Prioridad, una de alta, media o baja", { enumValues: ["alta", "media", "baja"] }],
    ["es", S, "Código único del producto", { unique: true }],
    ["es", S, "Nombre, no puede estar vacío", { minLength: 1 }],
    ["es", I, "Puntuación de 1 a 5", { min: 1, max: 5 }],
    ["pt", S, "Nome de usuário, entre 3 e 30 caracteres", { minLength: 3, maxLength: 30 }],
    ["pt", S, "Endereço de e-mail válido", { format: "email" }],
    ["fr", S, "Titre du livre, 200 caractères max", { maxLength: 200 }],
    ["fr", S, "Adresse e-mail valide du client", { format: "email" }],
    ["fr", I, "Note entre 1 et 5", { min: 1, max: 5 }],
    ["de", S, "Benutzername, mindestens 3 Zeichen", { minLength: 3 }],
    ["de", S, "Gültige URL der Webseite", { format: "uri" }],
    ["de", S, "Eindeutige Kennung des Kontos", { unique: true }],
    ["de", I, "Bewertung zwischen 1 und 5", { min: 1, max: 5 }],
    ["it", S, "Nome utente, tra 3 e 30 caratteri", { minLength: 3, maxLength: 30 }],
    ["it", S, "Codice univoco della fattura", { unique: true }],
    ["zh-Hans", S, "用户昵称，长度不超过20", { maxLength: 20 }],
    ["zh-Hans", S, "用户邮箱，需为有效的邮箱", { format: "email" }],
    ["zh-Hans", S, "订单状态，pending、paid、shipped 之一", { enumValues: ["pending", "paid", "shipped"] }],
    ["zh-Hans", S, "唯一标识", { unique: true }],
    ["zh-Hans", I, "评分，范围 1~5", { min: 1, max: 5 }],
    ["zh-Hant", S, "使用者名稱，最多20個字元", { maxLength: 20 }],
    ["zh-Hant", I, "評分，1到5之間", { min: 1, max: 5 }],
    ["ja", S, "ユーザー名（3〜20文字）", { minLength: 3, maxLength: 20 }],
    ["ja", S, "メールアドレス形式で入力", { format: "email" }],
    ["ja", S, "公開状態。draft, published のいずれか", { enumValues: ["draft", "published"] }],
    ["ja", S, "一意のコード", { unique: true }],
    ["ja", I, "1以上5以下の整数", { min: 1, max: 5 }],
    ["ko", S, "사용자 이름, 최대 20자", { maxLength: 20 }],
    ["ko", S, "이메일 형식의 주소", { format: "email" }],
    ["ko", S, "상태: active, inactive 중 하나", { enumValues: ["active", "inactive"] }],
    ["ko", S, "고유 번호", { unique: true }],
    ["ko", I, "1 이상 5 이하", { min: 1, max: 5 }],
  ];
  it.each(cases)("%s: %s", (_lang, type, text, want) => expect(rulesFromDescription(text, type)).toEqual(want));

  const unchanged: [ColumnType, string, ConstraintReading][] = [
    // A mention is not a rule, in English as in the other languages.
    [S, "the unique code of the order", {}],
    [S, "Unique token for the session", { unique: true }],
    [S, "Task title (1-200 characters)", { minLength: 1, maxLength: 200 }],
    [S, "pending, in_progress, completed", { enumValues: ["pending", "in_progress", "completed"] }],
    [S, "Rating 1~5 stars", {}],
    [I, "Score between 1 and 5", { min: 1, max: 5 }],
    [S, "Código de comunicación", {}],
    [S, "el código único del pedido", {}],
    [S, "Correo electrónico del cliente", {}],
    [S, "Color, p. ej. rojo, azul", {}],
    [S, "タグ。例えば a, b のいずれか", {}],
    [S, "邮件通知的标题", {}],
    [I, "Año de 2020", {}],
  ];
  it.each(unchanged)("not a rule: %s %s", (type, text, want) => expect(rulesFromDescription(text, type)).toEqual(want));
});
