// What a PlantUML class or entity diagram looks like, told without loading its reader
// (read-class-diagram.ts reads it from where this says the diagram starts).

/** The offset just after `@startuml`'s line when the text is a PlantUML diagram with a class, entity or enum block; -1 otherwise. */
export function plantUmlClassesAt(text: string): number {
  const m = /^\s*@startuml\b[^\n]*\n/.exec(text);
  if (!m) return -1;
  return /^\s*(?:abstract\s+class|class|entity|enum|interface)\s+[^\n{]+\{/m.test(text) ? m[0].length : -1;
}
