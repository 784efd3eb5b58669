// Whether a block holds Go structs that model stored rows: `type X struct {` with a field tagged
// for GORM or sqlx (`gorm:"..."`, `db:"..."`) or embedding gorm.Model. Kept apart from
// read-go-structs.ts so that recognising such a block never loads the Go grammar.
const STRUCT = /^\s*type\s+[A-Za-z_]\w*\s+struct\s*\{/m;
const ROW_TAGS = /`[^`\n]*\b(?:gorm|db|bun|pg):"[^"]*"[^`\n]*`|^\s*gorm\.Model\s*$/m;

/** A ```go block with a struct; or an unfenced block whose structs carry GORM/sqlx tags. */
export const holdsGoStructs = (text: string, fencedAsGo: boolean): boolean => STRUCT.test(text) && (fencedAsGo || ROW_TAGS.test(text));
