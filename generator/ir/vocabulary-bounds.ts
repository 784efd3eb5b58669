// The other languages' words for lengths, bounds and ranges: characters, at most, at least,
// greater, less, between, positive, non-negative.
import { alt, L0, L1, type Vocab } from "./phrase-words.js";

/** Characters, as the unit of a length. */
export const OTHER_CHARS: Vocab = {
  es: ["caracter(?:es)?"],
  pt: ["caracteres?"],
  fr: ["caracteres?"],
  de: ["zeichen"],
  it: ["caratter[ei]"],
  zh: ["[个個]?字符", "[个個]?字元", "[个個]?字", "位"],
  ja: ["文字"],
  ko: ["글자", "자"],
};

export const CHARS_EN = `${L0}(?:chars?|characters?)${L1}`;

/** At most N (a length with a unit, a value without). */
export const OTHER_AT_MOST: Vocab = {
  es: ["hasta", "maximo(?:\\s+de)?", "como\\s+maximo"],
  pt: ["ate", "maximo(?:\\s+de)?", "no\\s+maximo"],
  fr: ["au\\s+plus", "jusqu['’]?\\s*a", "au\\s+maximum"],
  de: ["h(?:o|oe)chstens", "maximal", "bis\\s+zu", "nicht\\s+mehr\\s+als"],
  it: ["massimo(?:\\s+di)?", "al\\s+massimo", "fino\\s+a", "non\\s+piu\\s+di"],
  zh: ["最多", "最大", "不超[过過]", "不多[于於]", "至多", "上限"],
  ja: ["最大", "上限"],
  ko: ["최대"],
};

export const AT_MOST_EN = `${L0}(?:max(?:imum)?\\.?|up\\s+to|at\\s+most)(?!\\p{L})`;

/** At least N. */
export const OTHER_AT_LEAST: Vocab = {
  es: ["al\\s+menos", "como\\s+minimo", "minimo(?:\\s+de)?", "por\\s+lo\\s+menos"],
  pt: ["pelo\\s+menos", "no\\s+minimo", "minimo(?:\\s+de)?", "ao\\s+menos"],
  fr: ["au\\s+moins", "au\\s+minimum"],
  de: ["mindestens", "wenigstens"],
  it: ["almeno", "minimo(?:\\s+di)?", "non\\s+meno\\s+di"],
  zh: ["最少", "至少", "不少[于於]", "最小", "下限"],
  ja: ["最小", "下限", "少なくとも"],
  ko: ["최소", "적어도"],
};

export const AT_LEAST_EN = `${L0}(?:min(?:imum)?\\.?|at\\s+least)(?!\\p{L})`;

/** Longest / shortest: a length even without a unit. */
export const LONGEST = "(?:最长|最長|최장)";

export const SHORTEST = "(?:最短|최단)";

/** After a number and its unit: at most / at least. */
export const OTHER_AFTER_MAX: Vocab = {
  es: ["max(?:imo)?\\.?", "como\\s+maximo"],
  pt: ["max(?:imo)?\\.?", "no\\s+maximo"],
  fr: ["max(?:imum)?\\.?", "au\\s+maximum", "au\\s+plus"],
  de: ["max(?:imal)?\\.?", "h(?:o|oe)chstens"],
  it: ["max(?:imo)?\\.?", "al\\s+massimo", "massimo"],
  zh: ["以内", "以內", "以下"],
  ja: ["以内", "以下", "まで"],
  ko: ["이하", "이내", "까지"],
};

export const OTHER_AFTER_MIN: Vocab = {
  es: ["min(?:imo)?\\.?", "como\\s+minimo"],
  pt: ["min(?:imo)?\\.?", "no\\s+minimo"],
  fr: ["min(?:imum)?\\.?", "au\\s+minimum", "au\\s+moins"],
  de: ["min(?:imal)?\\.?", "mindestens"],
  it: ["min(?:imo)?\\.?", "almeno"],
  zh: ["以上"],
  ja: ["以上"],
  ko: ["이상"],
};

/** Length as a word. */
export const OTHER_LENGTH: Vocab = {
  es: ["longitud", "largo"],
  pt: ["comprimento", "tamanho"],
  fr: ["longueur", "taille"],
  de: ["l(?:a|ae)nge"],
  it: ["lunghezza"],
  zh: ["长度", "長度", "字数", "字數"],
  ja: ["長さ", "文字数"],
  ko: ["길이", "글자\\s*수"],
};

/** "longitud máxima", "maximale Länge", "最大长度": a maximum length. */
export const MAX_LENGTH_WORDS = `(?:${alt(OTHER_LENGTH)}\\s*(?:${L0}(?:maxim[oa]|maximale?|max\\.?|massima)(?!\\p{L})|最大|上限|不超[过過]|最多|最长|最長)|(?:${L0}(?:maxim[oa]|maximale?|massima)\\s+|最大|최대\\s*)${alt(OTHER_LENGTH)}|${L0}(?:maximal|h(?:o|oe)chst|max)l(?:a|ae)nge${L1})`;

export const MIN_LENGTH_WORDS = `(?:${alt(OTHER_LENGTH)}\\s*(?:${L0}(?:minim[oa]|minimale?|min\\.?|minima)(?!\\p{L})|最小|下限|不少[于於]|最少|最短)|(?:${L0}(?:minim[oa]|minimale?|minima)\\s+|最小|최소\\s*)${alt(OTHER_LENGTH)}|${L0}(?:mindest|minimal|min)l(?:a|ae)nge${L1})`;

/** Between two numbers of a range. */
export const RANGE_TO = `\\s*(?:-|–|~|${L0}(?:a|y|e|et|und|bis|al|ate|to|and)${L1}|到|至|から|에서)\\s*`;

export const RANGE_FROM = `(?:${L0}(?:entre|de|desde|da|du|von|tra|fra|zwischen|compreso\\s+tra|compris\\s+entre)\\s+)?`;

export const BETWEEN_END = "(?:\\s*(?:之间|之間|の間|の範囲|范围内|範圍內|以内|以內|まで|사이|까지))?";

/** Comparisons with a number. */
export const OTHER_GREATER_EQUAL: Vocab = {
  es: ["mayor\\s+o\\s+igual\\s+(?:que|a)"],
  pt: ["maior\\s+ou\\s+igual\\s+a"],
  fr: ["superieur\\s+ou\\s+egal\\s+a"],
  de: ["gr(?:o|oe)(?:ß|ss)er\\s+(?:oder\\s+)?gleich(?:\\s+als)?"],
  it: ["maggiore\\s+o\\s+uguale\\s+a"],
  zh: ["大[于於]或?等[于於]", "不小[于於]", "不低[于於]", "≥"],
};

export const OTHER_GREATER: Vocab = {
  es: ["mayor\\s+(?:que|a)"],
  pt: ["maior\\s+(?:do\\s+)?que"],
  fr: ["superieur\\s+a", "plus\\s+grand\\s+que"],
  de: ["gr(?:o|oe)(?:ß|ss)er\\s+als"],
  it: ["maggiore\\s+di", "piu\\s+grande\\s+di"],
  zh: ["大[于於]", "超[过過]"],
};

export const OTHER_LESS_EQUAL: Vocab = {
  es: ["menor\\s+o\\s+igual\\s+(?:que|a)"],
  pt: ["menor\\s+ou\\s+igual\\s+a"],
  fr: ["inferieur\\s+ou\\s+egal\\s+a"],
  de: ["kleiner\\s+(?:oder\\s+)?gleich(?:\\s+als)?"],
  it: ["minore\\s+o\\s+uguale\\s+a"],
  zh: ["小[于於]或?等[于於]", "不大[于於]", "不超[过過]", "不高[于於]", "≤"],
};

export const OTHER_LESS: Vocab = {
  es: ["menor\\s+(?:que|a)"],
  pt: ["menor\\s+(?:do\\s+)?que"],
  fr: ["inferieur\\s+a", "plus\\s+petit\\s+que"],
  de: ["kleiner\\s+als"],
  it: ["minore\\s+di", "piu\\s+piccolo\\s+di"],
  zh: ["小[于於]", "低[于於]"],
};

/** A least / greatest value. */
export const OTHER_MIN_VALUE: Vocab = {
  ...OTHER_AT_LEAST,
  es: [...OTHER_AT_LEAST.es!, "valor\\s+minimo"],
  pt: [...OTHER_AT_LEAST.pt!, "valor\\s+minimo"],
  fr: [...OTHER_AT_LEAST.fr!, "valeur\\s+minimale"],
  de: [...OTHER_AT_LEAST.de!, "mindestwert", "minimalwert"],
  it: [...OTHER_AT_LEAST.it!, "valore\\s+minimo"],
  zh: [...OTHER_AT_LEAST.zh!, "最小值", "最低"],
  ja: [...OTHER_AT_LEAST.ja!, "最小値"],
  ko: [...OTHER_AT_LEAST.ko!, "최소값", "최솟값"],
};

export const OTHER_MAX_VALUE: Vocab = {
  ...OTHER_AT_MOST,
  es: [...OTHER_AT_MOST.es!, "valor\\s+maximo"],
  pt: [...OTHER_AT_MOST.pt!, "valor\\s+maximo"],
  fr: [...OTHER_AT_MOST.fr!, "valeur\\s+maximale"],
  de: [...OTHER_AT_MOST.de!, "h(?:o|oe)chstwert", "maximalwert"],
  it: [...OTHER_AT_MOST.it!, "valore\\s+massimo"],
  zh: [...OTHER_AT_MOST.zh!, "最大值", "最高"],
  ja: [...OTHER_AT_MOST.ja!, "最大値"],
  ko: [...OTHER_AT_MOST.ko!, "최대값", "최댓값"],
};

/** A range as a word: "rango 1-5", "范围 1~5". */
export const OTHER_RANGE: Vocab = {
  es: ["rango", "intervalo"],
  pt: ["intervalo", "faixa"],
  fr: ["plage", "intervalle"],
  de: ["(?:werte)?bereich"],
  it: ["intervallo"],
  zh: ["(?:取值)?范围", "(?:取值)?範圍", "区间", "區間"],
  ja: ["範囲"],
  ko: ["범위"],
};

/** Greater than zero / not negative. */
export const OTHER_POSITIVE: Vocab = {
  es: ["positiv[oa]s?"],
  pt: ["positiv[oa]s?"],
  fr: ["positifs?"],
  de: ["positiv(?:e[rsnm])?"],
  it: ["positiv[oaie]"],
  zh: ["正数", "正數", "正整数", "正整數"],
  ja: ["正の(?:数|整数|値)", "正数"],
  ko: ["양수", "양의\\s*정수"],
};

export const OTHER_NON_NEGATIVE: Vocab = {
  es: ["no\\s+negativ[oa]s?"],
  pt: ["nao\\s+negativ[oa]s?"],
  fr: ["non\\s+negatifs?"],
  de: ["nicht\\s+negativ(?:e[rsnm]?)?"],
  it: ["non\\s+negativ[oaie]"],
  zh: ["非[负負](?:数|數|整数|整數)?", "不(?:能|可|得)?[为為是]?[负負](?:数|數)?"],
  ja: ["非負(?:数|整数)?", "負でない", "負の値(?:は)?不可"],
  ko: ["음수\\s*(?:불가|아님|금지)", "음이\\s*아닌(?:\\s*정수)?"],
};
