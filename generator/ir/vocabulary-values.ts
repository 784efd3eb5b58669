// The other languages' words for lists of allowed values ("one of") and formats (valid email, URL).
import { alt, L0, L1, type Vocab } from "./phrase-words.js";

/** "uno de: a, b": a list of allowed values after these words. */
export const OTHER_ONE_OF: Vocab = {
  es: ["un[oa]\\s+de(?:\\s+(?:los|las)\\s+(?:siguientes\\s+)?(?:valores|opciones))?", "valores\\s+(?:permitidos|posibles|validos)", "(?:valores|opciones)(?=\\s*:)"],
  pt: ["um[a]?\\s+d(?:e|os|as)(?:\\s+(?:seguintes\\s+)?(?:valores|opcoes))?", "valores\\s+(?:permitidos|possiveis|validos)", "(?:valores|opcoes)(?=\\s*:)"],
  fr: ["l['’]?\\s*une?\\s+des?(?:\\s+(?:valeurs|options)(?:\\s+suivantes)?)?", "une?\\s+des\\s+(?:valeurs|options)", "valeurs\\s+(?:possibles|autorisees|permises|valides)", "(?:valeurs|options)(?=\\s*:)"],
  de: ["eine[rs]?\\s+(?:von|der|aus)(?:\\s+den)?(?:\\s+(?:folgenden\\s+)?werten?)?", "(?:erlaubte|zul(?:a|ae)ssige|m(?:o|oe)gliche|g(?:u|ue)ltige)\\s+werte", "(?:werte|optionen)(?=\\s*:)"],
  it: ["un[oa]\\s+(?:tra|fra|di|dei|delle)(?:\\s+(?:seguenti\\s+)?(?:valori|opzioni))?", "valori\\s+(?:ammessi|consentiti|possibili|validi)", "(?:valori|opzioni)(?=\\s*:)"],
  zh: ["可选值", "可選值", "取值(?:[为為]|范围|範圍)?", "允[许許](?:的)?值", "枚[举舉]值?"],
  ja: ["可能な値", "取りうる値", "取り得る値", "許可(?:される)?値"],
  ko: ["허용\\s*(?:되는\\s*)?값", "가능한\\s*값"],
};

/** "a、b、c 之一": a list of allowed values before these words. */
export const ONE_OF_AFTER = "(?:\\s*(?:(?:其中)?之一|中的(?:一个|一個|一种|一種|任一|任意一个)|のいずれか(?:一つ)?|のどれか|のうち(?:いずれか|一つ)|중\\s*(?:에\\s*)?하나))";

/** Before such a list: "为", "只能是", "取值为". */
export const ONE_OF_BEFORE = "(?:(?:只能|仅能|僅能|必[须須]|须|須|应|應)?[为為是]|取值[为為]?|值[为為])?\\s*:?\\s*";

/** Formats: e-mail and URL. */
const VALID_BEFORE: Vocab = {
  es: ["valid[oa]"], pt: ["valid[oa]"], fr: ["valide"], de: ["g(?:u|ue)ltige?[nrsm]?"], it: ["valid[oa]"],
  zh: ["有效的?", "合法的?", "正[确確]的?"], ja: ["有効な", "正しい"], ko: ["유효한", "올바른"],
};

const VALID_AFTER: Vocab = { es: ["valid[oa]"], pt: ["valid[oa]"], fr: ["valide"], de: ["g(?:u|ue)ltig"], it: ["valid[oa]"] };

const FORMAT_BEFORE = `${alt({ es: ["formato(?:\\s+de)?"], pt: ["formato(?:\\s+de)?"], it: ["formato(?:\\s+di)?"] })}|${L0}format\\s+(?:d['’]|de\\s)`;

const FORMAT_AFTER = `(?:-format${L1}|\\s*(?:格式|形式|フォーマット|형식|포맷))`;

const ADDRESS_BEFORE: Vocab = { es: ["direccion\\s+de(?:l)?"], pt: ["endereco\\s+de"], fr: ["adresse(?:\\s+de)?"], it: ["indirizzo(?:\\s+di)?"] };

const ADDRESS_AFTER = `(?:[-\\s]?adresse${L1}|\\s*(?:地址|アドレス|주소))`;

const OTHER_EMAIL: Vocab = {
  es: ["correo(?:\\s+electronico)?"], pt: ["correio\\s+eletronico"], fr: ["courriel"], it: ["posta\\s+elettronica"],
  zh: ["邮箱", "郵箱", "电子邮[件箱]", "電子郵[件箱]", "电邮", "電郵", "邮件", "郵件", "信箱"], ja: ["メールアドレス", "電子メール", "メール"], ko: ["이메일", "전자\\s*우편", "메일"],
};

const OTHER_URL: Vocab = {
  es: ["enlace"], fr: ["lien"], it: ["collegamento"],
  zh: ["网址", "網址", "链接", "鏈接", "連結"], ja: ["リンク"], ko: ["링크", "웹\\s*주소"],
};

/** Groups: 1 valid, 2 address, 3 format, 4 e-mail word, 5 URL word, 6 "e-mail", 7 "url", 8 address, 9 valid/format after, 10 format after. */
export const FORMAT_SRC = `(?:(${alt(VALID_BEFORE)})\\s*)?(?:${L0}(?:una?|um|uma|une?|eine?n?)\\s+)?(?:(${alt(ADDRESS_BEFORE)})\\s*)?(?:(${FORMAT_BEFORE})\\s*)?(?:(${alt(OTHER_EMAIL)})|(${alt(OTHER_URL)})|(${L0}e-?mail${L1}|${L0}mail${L1})|(${L0}ur[li]${L1}))(${ADDRESS_AFTER})?(?:\\s*(${alt(VALID_AFTER)}|${FORMAT_AFTER}))?(${FORMAT_AFTER})?`;

