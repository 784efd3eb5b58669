// The other languages' words for a column's flags and keys: not null, nullable, unique, primary
// and foreign key, references and their targets, defaults, auto-increment, cascade, not empty.
import { alt, L0, L1, type Vocab } from "./phrase-words.js";

/** Required / not null. */
export const OTHER_NOT_NULL: Vocab = {
  es: ["obligatori[oa]s?", "requerid[oa]s?", "no\\s+nul[oa]s?", "no\\s+puede\\s+ser\\s+nul[oa]", "no\\s+(?:admite|acepta|permite)\\s+nul(?:os|l)", "sin\\s+nulos"],
  pt: ["obrigatori[oa]s?", "requerid[oa]s?", "nao\\s+nul[oa]s?", "nao\\s+pode\\s+ser\\s+nul[oa]", "nao\\s+(?:aceita|permite)\\s+nul(?:os|l)"],
  fr: ["obligatoires?", "requis(?:es?)?", "non\\s+nul(?:le)?s?", "ne\\s+(?:peut|doit)\\s+pas\\s+etre\\s+nul(?:le)?"],
  de: ["pflicht(?:feld|angabe)?", "erforderlich", "verpflichtend", "zwingend(?:\\s+erforderlich)?", "nicht\\s+null", "darf\\s+nicht\\s+null\\s+sein"],
  it: ["obbligatori[oa]", "richiest[oa]", "non\\s+null[oa]", "non\\s+puo\\s+essere\\s+null[oa]"],
  ms: ["wajib(?:\\s+diisi)?", "diperlukan", "tidak\\s+boleh\\s+null", "tidak\\s+null", "harus\\s+diisi"],
  zh: ["必填(?:项|項|字段|欄位)?", "必需", "必选", "必選", "必[须須](?:填写|填寫|填|项|項|输入|輸入)?(?![为為是\\p{sc=Han}])", "不(?:能|可|得|允许|允許)?[为為是]空", "非空", "非null", "不(?:能|可|得)[为為是]?null"],
  ja: ["(?:入力)?必須(?:項目|入力)?(?![为為是\\p{sc=Han}])", "null\\s*(?:不可|禁止)"],
  ko: ["필수(?:\\s*(?:입력|값|항목|사항))?", "(?:null|널)\\s*(?:불가능|불가|비허용|허용\\s*안\\s*(?:함|됨))"],
};

/** Optional / nullable. */
export const OTHER_NULLABLE: Vocab = {
  es: ["opcional(?:es)?", "anulable", "nulable", "puede\\s+ser\\s+nul[oa]", "(?:admite|acepta|permite)\\s+nul(?:os|l)", "no\\s+obligatori[oa]", "no\\s+requerid[oa]"],
  pt: ["opcional", "anulavel", "pode\\s+ser\\s+nul[oa]", "(?:aceita|permite)\\s+nul(?:os|l)", "nao\\s+obrigatori[oa]", "nao\\s+requerid[oa]"],
  fr: ["facultati(?:f|ve)s?", "optionnel(?:le)?s?", "peut\\s+etre\\s+nul(?:le)?", "non\\s+obligatoire", "non\\s+requis(?:e)?"],
  de: ["freiwillig", "nullbar", "(?:kann|darf)\\s+null\\s+sein", "nicht\\s+erforderlich", "kein\\s+pflichtfeld"],
  it: ["opzionale", "facoltativ[oa]", "nullabile", "puo\\s+essere\\s+null[oa]", "non\\s+obbligatori[oa]", "non\\s+richiest[oa]"],
  ms: ["pilihan", "opsional", "boleh\\s+(?:null|kosong)", "tidak\\s+wajib"],
  zh: ["可[选選](?:项|項|字段|欄位)?(?![\\p{sc=Han}\"'“「A-Za-z0-9]|\\s*[:：]|\\s+[\"'“「A-Za-z0-9])", "选填", "選填", "非必填", "非必[须須]", "不必填", "可(?:以)?[为為是]?空", "允[许許][为為是]?空", "可(?:以)?[为為是]?null", "允[许許][为為是]?null"],
  ja: ["任意(?:入力|項目)?(?![\\p{sc=Han}\\p{sc=Katakana}])", "null\\s*(?:可能|可|許可)", "省略可(?:能)?"],
  ko: ["선택(?:\\s*(?:사항|입력|항목)|적)?", "옵션", "(?:null|널)\\s*(?:허용|가능)"],
};

/** Unique. */
export const OTHER_UNIQUE: Vocab = {
  es: ["unic[oa]s?", "(?:valor|clave|llave|indice)\\s+unic[oa]", "sin\\s+(?:duplicados|repetidos)", "no\\s+(?:se\\s+)?(?:puede|pueden)\\s+repetir"],
  pt: ["unic[oa]s?", "(?:valor|chave|indice)\\s+unic[oa]", "sem\\s+(?:duplicados|repeticoes|repetidos)", "nao\\s+(?:pode|podem)\\s+(?:se\\s+)?repetir"],
  fr: ["(?:valeur|cle|index|indice)\\s+unique", "sans\\s+doublons?"],
  de: ["eindeutig(?:e[rsnm]?)?", "einzigartig(?:e[rsnm]?)?", "einmalig(?:e[rsnm]?)?", "(?:ohne|keine)\\s+duplikate"],
  it: ["univoc(?:o|a|i|he)", "unic[oa]", "(?:valore|chiave|indice)\\s+(?:univoc|unic)[oa]", "senza\\s+duplicati"],
  ms: ["unik", "(?:nilai|kunci|indeks)\\s+unik", "tidak\\s+boleh\\s+(?:berulang|sama|duplikat)"],
  zh: ["唯一(?:值|性|约束|約束|索引|键|鍵|标识|標識)?", "不(?:可|能|得|允许|允許)?重[复複]", "无重复", "無重複"],
  ja: ["一意(?:制約|キー|性)?", "ユニーク(?:制約|キー)?", "重複(?:不可|なし|禁止)"],
  ko: ["고유(?:한|\\s*(?:값|키|제약))?", "유니크(?:\\s*(?:키|제약))?", "중복\\s*(?:불가|없음|금지|불허|안\\s*됨)", "유일(?:한|값)?"],
};

/** Primary key. */
export const OTHER_PRIMARY_KEY: Vocab = {
  es: ["(?:clave|llave)\\s+primaria"],
  pt: ["chave\\s+primaria"],
  fr: ["cle\\s+primaire"],
  de: ["prim(?:a|ae)r[-\\s]?schl(?:u|ue)ssel", "hauptschl(?:u|ue)ssel"],
  it: ["chiave\\s+primaria"],
  ms: ["kunci\\s+(?:utama|primer)"],
  zh: ["主[键鍵]"],
  ja: ["主キー", "プライマリー?\\s*キー"],
  ko: ["기본\\s*키", "주\\s*키", "프라이머리\\s*키"],
};

/** Foreign key: the key word, then maybe the target. */
export const OTHER_FOREIGN_KEY: Vocab = {
  es: ["(?:clave|llave)\\s+(?:foranea|ajena|externa)"],
  pt: ["chave\\s+estrangeira"],
  fr: ["cle\\s+etrangere"],
  de: ["fremd[-\\s]?schl(?:u|ue)ssel"],
  it: ["chiave\\s+esterna"],
  ms: ["kunci\\s+(?:asing|tamu)"],
  zh: ["外[键鍵]"],
  ja: ["外部キー"],
  ko: ["외래\\s*키"],
};

/** References X: words that need the target after them. */
export const OTHER_REFERENCES: Vocab = {
  es: ["(?:hace\\s+)?referencias?"],
  pt: ["(?:faz\\s+)?referencias?"],
  fr: ["fait\\s+references?"],
  de: ["verweist", "verweis", "referenz", "referenziert", "bezieht\\s+sich"],
  it: ["(?:fa\\s+)?riferimento", "riferisce", "referenzia"],
  ms: ["merujuk(?:\\s+(?:kepada|ke))?", "rujukan(?:\\s+(?:kepada|ke))?", "mereferensikan", "berelasi\\s+(?:dengan|ke)"],
  zh: ["关联(?:到|至|于)?", "關聯(?:到|至|於)?", "引用(?:自)?", "参照", "參照", "参考", "參考", "指向", "对应", "對應"],
  ja: ["参照(?:先)?"],
  ko: ["참조(?:\\s*대상)?"],
};

/** Default X. German "Standard" alone only before ":" / "=" or a literal value. */
export const OTHER_DEFAULT: Vocab = {
  es: ["(?:(?:el\\s+)?valor\\s+)?(?:por\\s+defecto|por\\s+omision|predeterminad[oa])"],
  pt: ["(?:(?:o\\s+)?valor\\s+)?(?:por\\s+padrao|padrao|por\\s+omissao|predefinid[oa])"],
  fr: ["(?:(?:la\\s+)?valeur\\s+)?par\\s+defaut", "defaut"],
  de: ["standardwert", "defaultwert", "vorgabewert", "vorgabe", "voreingestellt(?:\\s+auf)?", "standardm(?:a|ae)(?:ß|ss)ig", "standard(?=\\s*[:=])", "standard(?=\\s+(?:['\"“«\\d-]|(?:true|false|wahr|falsch|null|jetzt|now\\(\\))(?![\\p{L}\\p{N}_])))"],
  it: ["(?:(?:il\\s+)?valore\\s+)?(?:predefinit[oa]|di\\s+default|per\\s+default)"],
  ms: ["(?:nilai\\s+)?(?:lalai|bawaan|asal)"],
  zh: ["默[认認]值?", "预设值?", "預設值?", "缺省值?", "初始值"],
  ja: ["デフォルト値?", "既定値?", "初期値"],
  ko: ["기본\\s*값", "디폴트(?:\\s*값)?", "초기\\s*값", "초깃값"],
};

/** Auto increment. */
export const OTHER_INCREMENT: Vocab = {
  es: ["auto[-\\s]?incrementa(?:l|ble|do|da)", "auto[-\\s]?incremento", "incremento\\s+automatico", "autonumeric[oa]"],
  pt: ["auto[-\\s]?incremento", "auto[-\\s]?incrementa(?:l|vel|do|da)", "incremento\\s+automatico"],
  fr: ["auto[-\\s]?increment(?:e|ee|ation)", "incrementation\\s+automatique"],
  de: ["auto[-\\s]?inkrement(?:iert|ierend|ell)?", "automatisch\\s+(?:hochgez(?:a|ae)hlt|inkrementiert|fortlaufend|vergeben)", "fortlaufend(?:e)?(?:\\s+nummer)?"],
  it: ["auto[-\\s]?incrementa(?:le|to|ta)", "auto[-\\s]?incremento", "incremento\\s+automatico"],
  ms: ["auto[-\\s]?tambah", "(?:bertambah|menaik)\\s+(?:secara\\s+)?(?:automatik|otomatis)"],
  zh: ["自增(?:长|長)?", "自[动動](?:增[长長]|[递遞]增)"],
  ja: ["自動採番", "自動増分", "オートインクリメント", "連番"],
  ko: ["자동\\s*(?:증가|증분|채번)", "오토\\s*인크리먼트"],
};

/** On delete cascade (the English words are read by the English rules). */
export const OTHER_CASCADE: Vocab = {
  es: ["(?:(?:al|on)\\s+(?:eliminar|borrar)\\s+)?(?:en\\s+)?cascada", "(?:eliminacion|borrado)\\s+en\\s+cascada"],
  pt: ["(?:(?:ao|on)\\s+(?:excluir|apagar|deletar)\\s+)?em\\s+cascata", "(?:exclusao|remocao)\\s+em\\s+cascata"],
  fr: ["(?:(?:a\\s+la|lors\\s+de\\s+la)\\s+suppression\\s+)?en\\s+cascade", "suppression\\s+en\\s+cascade"],
  de: ["kaskadierend(?:e[sn]?)?(?:\\s+l(?:o|oe)schen)?", "(?:beim|bei)\\s+l(?:o|oe)schen\\s*:?\\s*kaskadier(?:en|end)", "kaskadenl(?:o|oe)schung"],
  it: ["(?:(?:alla|in)\\s+(?:cancellazione|eliminazione)\\s+)?a\\s+cascata", "(?:cancellazione|eliminazione)\\s+a\\s+cascata", "cascata"],
  zh: ["级联删除", "級聯刪除", "删除时级联", "刪除時級聯", "级联", "級聯"],
  ja: ["カスケード削除", "削除時カスケード", "カスケード"],
  ko: ["연쇄\\s*삭제", "삭제\\s*시\\s*연쇄(?:\\s*삭제)?", "캐스케이드(?:\\s*삭제)?"],
};

/** Not empty: at least one character. */
export const OTHER_NOT_EMPTY: Vocab = {
  es: ["no\\s+(?:puede\\s+(?:estar|ser)\\s+)?vaci[oa]", "no\\s+en\\s+blanco"],
  pt: ["nao\\s+(?:pode\\s+(?:estar|ser)\\s+)?vazi[oa]", "nao\\s+em\\s+branco"],
  fr: ["non\\s+vide", "ne\\s+(?:peut|doit)\\s+pas\\s+etre\\s+vide"],
  de: ["nicht\\s+leer", "darf\\s+nicht\\s+leer\\s+sein"],
  it: ["non\\s+(?:puo\\s+essere\\s+)?vuot[oa]"],
  ms: ["tidak\\s+boleh\\s+kosong"],
  zh: ["不(?:能|可|得)?[为為是]空(?:字符串|字串|白)", "非空(?:字符串|字串)"],
  ja: ["空(?:文字(?:列)?|白|欄)(?:不可|禁止)"],
  ko: ["빈\\s*(?:값|문자열)\\s*(?:불가|금지)", "비어\\s*있을\\s*수\\s*없(?:음|습니다|다)", "공백\\s*불가"],
};

/** A reference target: users.id, users(id), `users`, users 表的 id, usersテーブルのid. */
export const REF_TARGET = "\\(?\\s*[`\"「]?([A-Za-z_]\\w*)[`\"」]?(?:\\s*(?:表|テーブル|테이블))?(?:\\s*(?:\\.|的|の|의)\\s*[`\"「]?([A-Za-z_]\\w*)[`\"」]?|\\s*\\(\\s*[`\"]?([A-Za-z_]\\w*)[`\"]?\\s*\\))?\\s*\\)?";

/** After the target: "users.id を参照", "users.id 참조", "users.id 的外键". */
export const REF_AFTER = "\\s*(?:(?:を|に|へ|への|の)?\\s*(?:参照(?:する|します)?|外部キー(?:参照)?)|(?:를|을|에\\s*대한|의)?\\s*(?:참조(?:함|합니다|하는)?|외래\\s*키)|的?\\s*外[键鍵])";

/** Between a key word and its target: "-> ", ": ", "a la tabla ", "vers ", "auf ". */
export const REF_LINK = `\\s*(?:->|→|=>|[:=])?\\s*(?:${L0}(?:a|al|hacia|de|del|para|pour|vers|sur|auf|zu|zur|zum|nach|verso|su|di|della|alla|da|en|em|na|la|el|le|les|l['’]|die|der|das|den|il|lo|tabla|tabela|table|tableau|tabelle|tabella|ke|kepada|jadual)(?:${L1}|(?<=['’]))\\s*)*`;

/** Words that are never a table's name after a key word. */
export const NOT_A_TABLE = new RegExp(`^(?:${alt({ es: [...OTHER_NOT_NULL.es!, ...OTHER_NULLABLE.es!, ...OTHER_UNIQUE.es!, "no", "nao", "non", "nicht", "con", "com", "avec", "mit", "y", "e", "et", "und", "en", "em", "por", "par", "padrao", "predefinit[oa]", "standard\\w*", "cascada", "cascata", "al", "ao", "beim", "lors", "defecto", "default", "valor", "valeur", "wert", "valore", "campo", "champ", "feld"], pt: OTHER_NOT_NULL.pt, fr: [...OTHER_NOT_NULL.fr!, ...OTHER_NULLABLE.fr!], de: [...OTHER_NOT_NULL.de!, ...OTHER_NULLABLE.de!, ...OTHER_UNIQUE.de!], it: [...OTHER_NOT_NULL.it!, ...OTHER_NULLABLE.it!, ...OTHER_UNIQUE.it!] })})$`, "iu");
