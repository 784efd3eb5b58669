// Whether a block holds JPA / Hibernate entity classes (Java): a class annotated @Entity with a
// field annotated @Id or @Column, or a `private Type name;` field. Kept apart from read-jpa.ts so
// that recognising such a block never loads the Java parser.
const ENTITY = /@(?:jakarta\.persistence\.|javax\.persistence\.)?Entity\b(?!\s*\(\s*\))/;
const JAVA_CLASS = /\bclass\s+[A-Z]\w*/;
/** A Java field declaration: `private String title;`, `protected Long id = 0L;` (TypeScript writes `title: string`). */
const JAVA_FIELD = /^\s*(?:(?:private|protected|public|final)\s+)+[\w.]+(?:<[\w.<>,\s?]*>)?(?:\[\])?\s+\w+\s*(?:=[^;]*)?;/m;

/** In a ```java block: an @Entity class with an @Id / @Column field or a Java field. */
export const holdsJpaEntities = (text: string): boolean => ENTITY.test(text) && JAVA_CLASS.test(text) && (/@(?:Id|Column|EmbeddedId)\b/.test(text) || JAVA_FIELD.test(text));
/** In a block whose fence names no language: only with Java's own field syntax. */
export const looksLikeJpaEntities = (text: string): boolean => holdsJpaEntities(text) && JAVA_FIELD.test(text);
