// Whether a block holds C# entity classes (Entity Framework Core): a class with auto-properties
// (`public string Title { get; set; }`). Kept apart from read-efcore.ts, which reads them.
const CLASS = /\b(?:class|record)\s+[A-Z]\w*/;
const AUTO_PROPERTY = /\bpublic\s+(?:(?:virtual|required|override|new)\s+)*[\w.]+(?:<[\w.<>,\s?]*>)?\??(?:\[\])?\s+\w+\s*\{\s*(?:get|init|set)\s*;/;

/** A DbContext's table list: `public DbSet<Task> Tasks { get; set; }` or `=> Set<Task>();`. */
const DB_SET = /\bDbSet\s*<\s*[\w.]+\s*>\s+\w+/;

/** In a ```csharp / ```cs block: a class with at least one auto-property, or a DbContext's DbSets. */
export const holdsEfCoreEntities = (text: string): boolean => CLASS.test(text) && (AUTO_PROPERTY.test(text) || DB_SET.test(text));
