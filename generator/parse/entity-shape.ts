// Whether a block holds ORM entity classes (TypeORM, MikroORM): a class decorated `@Entity(` and
// a column decorator on a property. Kept apart from read-entities.ts so that recognising such a
// block never loads TypeScript.
const ENTITY = /@Entity\s*\(/;
const COLUMN_DECORATOR = /@(?:Column|PrimaryGeneratedColumn|PrimaryColumn|Property|PrimaryKey|ManyToOne|CreateDateColumn)\s*\(/;

export const holdsEntityClasses = (text: string): boolean => ENTITY.test(text) && COLUMN_DECORATOR.test(text);
