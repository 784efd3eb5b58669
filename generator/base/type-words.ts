// Type names written in the spec's own human language ("Ganzzahl", "Inteiro", "Fecha",
// "Wahrheitswert", "整数", "文字列", "날짜"): what a schema table's type column holds when its
// author writes in German, Portuguese, Spanish, French, Italian, Dutch, Russian, Japanese,
// Chinese or Korean. Each maps to the English type word it means; the type reader
// (ir/read-type.ts), the table cell reader (parse/table-cells.ts) and the file finder
// (read/read-specs.ts) all read this one list. Words that are also common field names in one of
// these languages and a type in none ("nombre": a name in Spanish, a number in French) stay out.

/** What a word means, as the English type word the readers already know. */
export type TypeWordMeaning = "integer" | "bigint" | "string" | "text" | "date" | "timestamp" | "time" | "boolean" | "decimal" | "float" | "json" | "bytes";

const WORDS: Readonly<Record<TypeWordMeaning, readonly string[]>> = {
  integer: [
    "inteiro", "número inteiro", "numero inteiro", "entero", "número entero", "numero entero", "entier", "nombre entier", "intero",
    "numero intero", "ganzzahl", "ganze zahl", "geheel getal", "heltal", "целое", "целое число", "целочисленный",
    "整数", "整型", "整數", "정수", "số nguyên", "bilangan bulat", "tam sayı", "tamsayı",
  ],
  bigint: ["inteiro longo", "entero largo", "entier long", "長整数", "长整型", "長整數", "长整数"],
  string: [
    "cadena", "cadena de texto", "cadena de caracteres", "chaîne", "chaine", "chaîne de caractères", "chaine de caracteres", "zeichenkette",
    "stringa", "строка", "文字列", "字符串", "字串", "문자열", "caracteres", "caractères",
  ],
  text: ["texto", "texte", "testo", "tekst", "текст", "テキスト", "文本", "텍스트", "metin", "teks"],
  date: ["data", "fecha", "datum", "дата", "日付", "日期", "날짜", "tarih", "tanggal"],
  timestamp: [
    "data e hora", "data/hora", "datahora", "data hora", "fecha y hora", "fecha/hora", "fechahora", "fecha hora", "date et heure", "date/heure",
    "horodatage", "zeitstempel", "datum und uhrzeit", "datum/uhrzeit", "marca de tiempo", "marca temporal", "data e ora", "data/ora",
    "дата и время", "дата/время", "日時", "日付時刻", "タイムスタンプ", "日期时间", "时间戳", "日期時間", "時間戳記", "时间日期", "일시", "날짜시간", "타임스탬프",
  ],
  time: ["hora", "heure", "uhrzeit", "время", "時刻", "时间", "時間", "시간"],
  boolean: [
    "booleano", "booléen", "booleen", "lógico", "logico", "wahrheitswert", "boolesch", "логический", "булево", "булевый",
    "真偽値", "真偽", "ブール", "ブール値", "布尔", "布尔值", "布林", "布林值", "불리언", "불린", "논리", "mantıksal",
    "sim/não", "sí/no", "ja/nein", "oui/non",
  ],
  decimal: [
    "dezimalzahl", "dezimal", "decimale", "número decimal", "numero decimal", "décimal", "numérico", "numerico", "numérique", "numerique",
    "小数", "小數", "十进制", "数値", "数值", "數值", "소수", "ondalık",
  ],
  float: [
    "número", "numero", "número real", "numero real", "zahl", "kommazahl", "fließkommazahl", "gleitkommazahl", "réel", "reel", "flottant",
    "nombre réel", "nombre décimal", "вещественный", "число", "浮動小数点", "浮動小数点数", "実数", "浮点", "浮点数", "浮點數", "实数", "실수",
  ],
  json: ["objeto", "objet", "oggetto", "objekt", "объект", "オブジェクト", "对象", "對象", "객체"],
  bytes: ["binário", "binario", "binaire", "binär", "バイナリ", "二进制", "二進位", "바이너리"],
};

const MEANING = new Map<string, TypeWordMeaning>();
for (const [meaning, words] of Object.entries(WORDS) as [TypeWordMeaning, readonly string[]][]) {
  for (const w of words) MEANING.set(w.normalize("NFC"), meaning);
}

/** CJK and Hangul: written without spaces, so a word ends where the listed word does ("整数型"). */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

// Longest first, so "data e hora" wins over "data" and "日付時刻" over "日付".
const ALTERNATIVES = [...MEANING.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));

/**
 * A type word of another language at the start of a text, with "型" / "형" / "타입" after a CJK
 * word ("整数型", "날짜형") and an optional length or precision ("Texto(100)", "Dezimalzahl (10,2)").
 * Group 1: the word; 2, 3: the numbers.
 */
const LEADING = new RegExp(`(${ALTERNATIVES.join("|")})(?:型|形|타입|형)?(?:\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?`, "iuy");

export interface TypeWord {
  readonly meaning: TypeWordMeaning;
  /** Where the word (with its numbers) ends in the text read. */
  readonly end: number;
  readonly length?: number;
  readonly scale?: number;
}

/** The type word of another language at `pos` of `text`, or null: "Ganzzahl" -> integer, "日付型" -> date. */
export function typeWordAt(text: string, pos = 0): TypeWord | null {
  LEADING.lastIndex = pos;
  const m = LEADING.exec(text);
  if (!m) return null;
  const word = m[1]!;
  const end = pos + m[0].length;
  // A word of a spaced script ends at a word boundary: "Datum" is a date, "Datumsformat" is not.
  const last = word[word.length - 1]!;
  if (!CJK.test(last) && m[0].length === word.length) {
    const next = text[end];
    if (next !== undefined && /[\p{L}\p{N}_]/u.test(next)) return null;
  }
  const meaning = MEANING.get(word.toLowerCase().normalize("NFC"));
  if (!meaning) return null;
  return { meaning, end, ...(m[2] ? { length: Number(m[2]) } : {}), ...(m[3] ? { scale: Number(m[3]) } : {}) };
}

/** Whether the whole of `text` (trimmed) is a type word of another language, with its numbers at most. */
export function isTypeWord(text: string): boolean {
  const t = text.trim();
  const w = typeWordAt(t);
  return w !== null && w.end === t.length;
}
