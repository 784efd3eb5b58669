// The other languages' vocabularies made the patterns a phrase is read with, the filler words
// between rules, and small helpers on their matches.
import { alt, L0, L1, LINK, NUM, sticky } from "./phrase-words.js";
import { AT_LEAST_EN, AT_MOST_EN, BETWEEN_END, CHARS_EN, LONGEST, MAX_LENGTH_WORDS, MIN_LENGTH_WORDS, OTHER_AFTER_MAX, OTHER_AFTER_MIN, OTHER_AT_LEAST, OTHER_AT_MOST, OTHER_CHARS, OTHER_GREATER, OTHER_GREATER_EQUAL, OTHER_LENGTH, OTHER_LESS, OTHER_LESS_EQUAL, OTHER_MAX_VALUE, OTHER_MIN_VALUE, OTHER_NON_NEGATIVE, OTHER_POSITIVE, OTHER_RANGE, RANGE_FROM, RANGE_TO, SHORTEST } from "./vocabulary-bounds.js";
import { OTHER_CASCADE, OTHER_DEFAULT, OTHER_FOREIGN_KEY, OTHER_INCREMENT, OTHER_NOT_EMPTY, OTHER_NOT_NULL, OTHER_NULLABLE, OTHER_PRIMARY_KEY, OTHER_REFERENCES, OTHER_UNIQUE, REF_AFTER, REF_LINK, REF_TARGET } from "./vocabulary-keys.js";
import { FORMAT_SRC, ONE_OF_AFTER, ONE_OF_BEFORE, OTHER_ONE_OF } from "./vocabulary-values.js";

export const R = {
  notEmpty: sticky(alt(OTHER_NOT_EMPTY)),
  notNull: sticky(alt(OTHER_NOT_NULL)),
  nullable: sticky(alt(OTHER_NULLABLE)),
  unique: sticky(alt(OTHER_UNIQUE)),
  primaryKey: sticky(alt(OTHER_PRIMARY_KEY)),
  foreignKey: sticky(`(?:${alt(OTHER_FOREIGN_KEY)}(?:\\s*(?:关联|關聯|引用|参照|參照|指向|참조))?|${L0}fk(?=\\s+(?:a|al|hacia|para|vers|sur|auf|zu|nach|verso|su)${L1}))`),
  references: sticky(alt(OTHER_REFERENCES)),
  // French "référence(s)", "auto-incrément": the English word with an accent.
  accentedReference: sticky(`${L0}references?${L1}`),
  accentedIncrement: sticky(`${L0}auto[-\\s]?increment${L1}`),
  refLink: sticky(REF_LINK),
  refTarget: sticky(REF_TARGET),
  refBefore: sticky(`${REF_TARGET}${REF_AFTER}`),
  default: sticky(`${alt(OTHER_DEFAULT)}`),
  defaultLink: sticky(`\\s*(?:${L0}(?:es|est|ist|e|sera|sara|de)${L1}|[为為是]|は|은|는|이)?\\s*[:=]?\\s*`),
  increment: sticky(alt(OTHER_INCREMENT)),
  cascade: sticky(alt(OTHER_CASCADE)),
  lengthRange: sticky(`(?:${alt(OTHER_LENGTH)}${LINK})?${RANGE_FROM}\\(?\\s*(\\d+)${RANGE_TO}(\\d+)\\s*\\)?\\s*${alt(OTHER_CHARS)}${BETWEEN_END}`),
  lengthWordRange: sticky(`${alt(OTHER_LENGTH)}${LINK}${RANGE_FROM}[(\\[]?\\s*(\\d+)${RANGE_TO}(\\d+)\\s*[)\\]]?(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?${BETWEEN_END}`),
  maxLength: sticky(`(?:${alt(OTHER_AT_MOST)}${LINK}(\\d+)\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN})|${AT_MOST_EN}\\s*[:=]?\\s*(\\d+)\\s*${alt(OTHER_CHARS)}|${LONGEST}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|${MAX_LENGTH_WORDS}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|(\\d+)\\s*${alt(OTHER_CHARS)}\\s*${alt(OTHER_AFTER_MAX)})`),
  minLength: sticky(`(?:${alt(OTHER_AT_LEAST)}${LINK}(\\d+)\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN})|${AT_LEAST_EN}\\s*[:=]?\\s*(\\d+)\\s*${alt(OTHER_CHARS)}|${SHORTEST}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|${MIN_LENGTH_WORDS}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|(\\d+)\\s*${alt(OTHER_CHARS)}\\s*${alt(OTHER_AFTER_MIN)})`),
  greaterEqual: sticky(`${alt(OTHER_GREATER_EQUAL)}${LINK}${NUM}`),
  greater: sticky(`${alt(OTHER_GREATER)}${LINK}${NUM}`),
  lessEqual: sticky(`${alt(OTHER_LESS_EQUAL)}${LINK}${NUM}`),
  less: sticky(`${alt(OTHER_LESS)}${LINK}${NUM}`),
  minValue: sticky(`${alt(OTHER_MIN_VALUE)}${LINK}${NUM}(?![\\d.])`),
  maxValue: sticky(`${alt(OTHER_MAX_VALUE)}${LINK}${NUM}(?![\\d.])`),
  // "0以上", "100 이하", "0超", "100未満", "0より大きい".
  numberAtLeast: sticky(`${NUM}\\s*(?:以上|이상)`),
  numberAtMost: sticky(`${NUM}\\s*(?:以下|이하|以内|以內|이내)`),
  numberAbove: sticky(`${NUM}\\s*(?:より大きい|を超える|超|초과)`),
  numberBelow: sticky(`${NUM}\\s*(?:より小さい|未満|미만)`),
  between: sticky(`(?:${L0}(?:entre|zwischen|tra|fra|compreso\\s+tra|compris\\s+entre)\\s+${NUM}\\s+${L0}(?:y|e|et|und|and)\\s+${NUM}|${L0}(?:de|desde|da|du|von)\\s+${NUM}\\s+${L0}(?:a|hasta|ate|bis|al)\\s+${NUM}|(?:介[于於]|在)\\s*${NUM}\\s*(?:和|与|與|到|至|~|-)\\s*${NUM}\\s*(?:之间|之間)|${NUM}\\s*(?:~|到|至|から|에서|부터)\\s*${NUM}${BETWEEN_END}|${NUM}\\s*[-–]\\s*${NUM}\\s*(?:之间|之間|の間|사이))(?![\\d.])`),
  rangeWord: sticky(`${alt(OTHER_RANGE)}${LINK}[(\\[]?\\s*${NUM}(?:\\s*,\\s*|${RANGE_TO})${NUM}\\s*[)\\]]?${BETWEEN_END}`),
  positive: sticky(alt(OTHER_POSITIVE)),
  nonNegative: sticky(alt(OTHER_NON_NEGATIVE)),
  oneOf: sticky(`${alt(OTHER_ONE_OF)}\\s*[:=]?\\s*`),
  oneOfBefore: sticky(ONE_OF_BEFORE),
  oneOfAfter: sticky(ONE_OF_AFTER),
  format: sticky(FORMAT_SRC),
};

/** Words of other languages that carry no rule of their own, and their punctuation. */
const FILLER_WORDS = sticky(
  `(?:${L0}(?:el|la|los|las|le|les|il|gli|der|das|dem|des|un|una|une|um|uma|ein|eine|einen|de|del|du|di|da|dos|della|y|e|et|und|es|est|ist|sein|ser|estar|etre|essere|debe|deben|deve|devem|doit|doivent|muss|mussen|soll|sollte|campo|champ|feld|valor|valeur|wert|valore|siempre|sempre|toujours|immer|tiene|tener|ter|avoir|avere|haben|tem)${L1}` +
    "|必[须須]|应该|應該|应当|應當|需要|以及|并且|並且|而且|此字段|该字段|該欄位|字段|欄位|[的为為是且并並和及与與须須需应應该該要]" +
    "|であること|である|です|ます|こと|とする|する|必要(?:がある|あり)?|かつ|および|及び|[はがをでのとに]" +
    "|이어야\\s*(?:함|합니다|한다)|여야\\s*(?:함|합니다)|해야\\s*(?:함|합니다|한다)|합니다|입니다|이다|이며|하며|이고|하고|및|그리고|반드시|[은는이가을를의임함])",
);

/** Full-width punctuation: a sign of another language. */
const FILLER_WIDE = /[、。，；：（）【】「」『』〔〕・·！？\u3000]/y;

/** Punctuation English may hold too: skipped in the other-language pass, but not a sign of another language. */
const FILLER_MARKS = /[():!?]/y;

/** Filler at pos: where it ends, and whether it is a sign of another language. */
export function otherFiller(text: string, folded: string, pos: number): { end: number; word: boolean } | null {
  for (const [re, s, word] of [[FILLER_WORDS, folded, true], [FILLER_WIDE, text, true], [FILLER_MARKS, text, false]] as const) {
    re.lastIndex = pos;
    if (re.exec(s)) return { end: re.lastIndex, word };
  }
  return null;
}

export const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
