// Whether a block holds Kotlin classes that model stored rows: a `data class` (or a class
// annotated @Entity) whose constructor or body declares properties (`val title: String`). Kept
// apart from read-kotlin.ts so that recognising such a block loads nothing.
const CLASS = /^\s*(?:@[\w.]+(?:\([^)]*\))?\s*)*(?:(?:data|open|abstract)\s+)?class\s+[A-Z]\w*\s*(?:<[^>]*>)?\s*(?:\(|\{)/m;
const PROPERTY = /\b(?:val|var)\s+`?[A-Za-z_]\w*`?\s*:\s*[A-Z]\w*/;
const ROWS = /\bdata\s+class\b|@Entity\b|@Table\b/;

/** A ```kotlin block with such a class; unfenced, only a `data class` (or @Entity) with typed `val`/`var` properties. */
export const holdsKotlinClasses = (text: string): boolean => CLASS.test(text) && PROPERTY.test(text) && ROWS.test(text);
