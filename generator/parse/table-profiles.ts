// A table's body cells and columns as the classifier (table-roles.ts) weighs them: each cell's
// readings (made the first time a decision needs one), and each column's profile, the share of
// its non-empty cells that look like each kind.
import { cleanCell, type ConstraintReading, ERROR_WORDS, FIELD_PATH, isAuthCell, isEnumToken, isHttpStatus, isIdent, isIdentList, isIndexKind, isIndexName, isLocation, labelledIdent, isMarker, isValueList, isVersion, METHOD, NO_TYPE, type Polarity, readConstraintCell, readYesNo, splitMethodPath, typeOf, type TypeReading, wordCount } from "./table-cells.js";

/** A cell saying the system fills the field ("auto", "generated", "automático"), in a yes/no column. */
const AUTO_FILLED = /^(?:auto|automatic|autom[aá]tico|automatique|automatisch|automatico|auto[-\s]?generated|generated|generado|g[eé]n[eé]r[eé]|generiert|system|server|自动|自動)$/i;

// Per-cell features and per-column profiles

/** One body cell; each reading is made the first time a decision needs it. */
export class CellInfo {
  readonly t: string;
  /** Empty or an empty marker. */
  readonly empty: boolean;
  private _type: TypeReading | undefined;
  private _cons: ConstraintReading | undefined;
  private _yesNo: Polarity | null | undefined;
  private _ident: boolean | undefined;
  private _words = -1;

  constructor(raw: string) {
    this.t = cleanCell(raw);
    this.empty = this.t === "" || isMarker(this.t);
  }
  get ident(): boolean {
    return (this._ident ??= !this.empty && (isIdent(this.t) || labelledIdent(this.t) !== null));
  }
  get type(): TypeReading {
    return (this._type ??= this.empty ? NO_TYPE : typeOf(this.t));
  }
  get cons(): ConstraintReading {
    return (this._cons ??= this.empty ? NO_CONS : readConstraintCell(this.t));
  }
  get yesNo(): Polarity | null {
    if (this._yesNo === undefined) this._yesNo = this.empty ? null : readYesNo(this.t);
    return this._yesNo;
  }
  get words(): number {
    if (this._words < 0) this._words = this.empty ? 0 : wordCount(this.t);
    return this._words;
  }
}

const NO_CONS: ConstraintReading = { score: 0, strong: false };

/** How many leading non-empty cells a column shows before it is read in full for a role. */
const SCREEN = 3;

/** Counts, over a column's non-empty cells, of the cells a test holds for. */
function countCells(cells: readonly CellInfo[], test: (c: CellInfo) => boolean): number {
  let k = 0;
  for (const c of cells) if (!c.empty && test(c)) k++;
  return k;
}

/**
 * What a column holds, as shares of its non-empty cells (0..1). Each figure is computed the
 * first time it is asked for: a table of endpoints never has its cells read as types.
 */
export class Profile {
  readonly ne: number;
  private readonly memo = new Map<string, number>();

  constructor(
    readonly j: number,
    readonly header: string,
    readonly cells: readonly CellInfo[],
  ) {
    this.ne = countCells(cells, () => true);
  }
  private share(key: string, test: (c: CellInfo) => boolean): number {
    let v = this.memo.get(key);
    if (v === undefined) {
      v = this.ne ? countCells(this.cells, test) / this.ne : 0;
      this.memo.set(key, v);
    }
    return v;
  }
  /**
   * Whether any of the first few non-empty cells passes: a column whose first cells show no
   * sign of a role is not read in full for it (it could not reach the share the role needs).
   */
  private screen(test: (c: CellInfo) => boolean): boolean {
    let seen = 0;
    for (const c of this.cells) {
      if (c.empty) continue;
      if (test(c)) return true;
      if (++seen >= SCREEN) return false;
    }
    return false;
  }
  private avg(key: string, value: (c: CellInfo) => number): number {
    let v = this.memo.get(key);
    if (v === undefined) {
      let sum = 0;
      for (const c of this.cells) if (!c.empty) sum += value(c);
      v = this.ne ? sum / this.ne : 0;
      this.memo.set(key, v);
    }
    return v;
  }
  /** Average type score, PascalCase names counted as types when the column's other cells are types. */
  get typeAvg(): number {
    let v = this.memo.get("typeAvg");
    if (v === undefined && !this.screen((c) => c.type.score > 0)) {
      this.memo.set("typeMatched", 0);
      this.memo.set("typeAvg", (v = 0));
    }
    if (v === undefined) {
      let named = 0, real = 0;
      for (const c of this.cells) {
        if (c.empty) continue;
        if (c.type.family === "named") named++;
        else if (c.type.score >= 0.8) real++;
      }
      const namedAreTypes = named > 0 && real > 0 && real >= (this.ne - named) * 0.5;
      let sum = 0, matched = 0;
      for (const c of this.cells) {
        if (c.empty) continue;
        const score = c.type.family === "named" ? (namedAreTypes ? 1 : 0) : c.type.score;
        sum += score;
        if (score >= 0.6) matched++;
      }
      v = this.ne ? sum / this.ne : 0;
      this.memo.set("typeAvg", v);
      this.memo.set("typeMatched", matched);
    }
    return v;
  }
  get typeMatched(): number {
    void this.typeAvg;
    return this.memo.get("typeMatched")!;
  }
  get consAvg(): number {
    if (!this.memo.has("consAvg") && !this.screen((c) => c.cons.score > 0)) this.memo.set("consAvg", 0);
    return this.avg("consAvg", (c) => c.cons.score);
  }
  get consMatched(): number {
    return Math.round(this.share("consMatched", (c) => c.cons.score >= 0.5) * this.ne);
  }
  /** Share of all rows whose cell reads as a name; dotted field paths (user.id) count less; repeats cost a little. */
  get nameScore(): number {
    let v = this.memo.get("nameScore");
    if (v === undefined && !this.screen((c) => c.ident || FIELD_PATH.test(c.t))) {
      for (const k of ["nameMatched", "fieldPaths"]) this.memo.set(k, 0);
      this.memo.set("nameScore", (v = 0));
    }
    if (v === undefined) {
      let sum = 0, matched = 0, paths = 0;
      const seen = new Set<string>();
      for (const c of this.cells) {
        if (c.empty) continue;
        seen.add(c.t);
        // Type words are fine as names (file, date, text): the type column is chosen first and left out.
        if (c.ident && c.yesNo === null && c.cons.score < 0.8) (sum += 1), matched++;
        else if (FIELD_PATH.test(c.t)) (sum += 0.75), matched++, paths++;
      }
      const n = this.cells.length;
      v = n ? sum / n - (seen.size < this.ne ? 0.05 : 0) : 0;
      this.memo.set("nameScore", v);
      this.memo.set("nameMatched", matched);
      this.memo.set("fieldPaths", paths);
    }
    return v;
  }
  get nameMatched(): number {
    void this.nameScore;
    return this.memo.get("nameMatched")!;
  }
  get fieldPaths(): number {
    void this.nameScore;
    return this.memo.get("fieldPaths")!;
  }
  /** Every non-empty cell is a yes/no word (stops at the first that is not). */
  get allYesNo(): boolean {
    let v = this.memo.get("allYesNo");
    if (v === undefined) {
      v = this.ne > 0 ? 1 : 0;
      let said = 0;
      for (const c of this.cells) {
        if (c.empty) continue;
        // "auto" beside yes/no ("| _id | ObjectId | auto |", "| createdAt | Date | auto |"): the
        // server fills the field; the column still says yes or no of the others.
        if (c.yesNo === null && AUTO_FILLED.test(c.t.trim())) continue;
        if (c.yesNo === null) {
          v = 0;
          break;
        }
        said++;
      }
      if (said === 0) v = 0;
      this.memo.set("allYesNo", v);
    }
    return v === 1;
  }
  get method(): number {
    const test = (c: CellInfo) => METHOD.test(c.t);
    if (!this.memo.has("method") && !this.screen(test)) this.memo.set("method", 0);
    return this.share("method", test);
  }
  get path(): number {
    const test = (c: CellInfo) => (c.t[0] === "/" || /^[A-Za-z]+\s+\//.test(c.t)) && splitMethodPath(c.t) !== null;
    if (!this.memo.has("path") && !this.screen(test)) this.memo.set("path", 0);
    return this.share("path", test);
  }
  get methodPath(): number {
    const test = (c: CellInfo) => /^[A-Za-z]+\s+\//.test(c.t) && splitMethodPath(c.t)?.method != null;
    if (!this.memo.has("methodPath") && !this.screen(test)) this.memo.set("methodPath", 0);
    return this.share("methodPath", test);
  }
  get status(): number {
    return this.share("status", (c) => isHttpStatus(c.t));
  }
  get auth(): number {
    return this.share("auth", (c) => isAuthCell(c.t));
  }
  get location(): number {
    return this.share("location", (c) => isLocation(c.t));
  }
  get version(): number {
    return this.share("version", (c) => isVersion(c.t));
  }
  get prose(): number {
    return this.share("prose", (c) => c.words >= 2);
  }
  get avgWords(): number {
    return this.avg("avgWords", (c) => c.words);
  }
  get list(): number {
    return this.share("list", (c) => isValueList(c.t));
  }
  get identList(): number {
    return this.share("identList", (c) => isIdentList(c.t));
  }
  get multiList(): number {
    return this.share("multiList", (c) => c.t.includes(",") && isIdentList(c.t));
  }
  get indexName(): number {
    return this.share("indexName", (c) => isIndexName(c.t));
  }
  get indexKind(): number {
    return this.share("indexKind", (c) => isIndexKind(c.t));
  }
  get keyKind(): number {
    return this.share("keyKind", (c) => isIndexKind(c.t) || c.cons.score >= 0.8);
  }
  get enumToken(): number {
    return this.share("enumToken", (c) => isEnumToken(c.t));
  }
  get errorWord(): number {
    return this.share("errorWord", (c) => ERROR_WORDS.test(c.t));
  }
  get distinct(): number {
    let v = this.memo.get("distinct");
    if (v === undefined) {
      const seen = new Set<string>();
      for (const c of this.cells) if (!c.empty) seen.add(c.t.toLowerCase());
      v = this.ne ? seen.size / this.ne : 0;
      this.memo.set("distinct", v);
    }
    return v;
  }
}
