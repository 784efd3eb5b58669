// Every derived name (model class, singular/plural, identifiers, route names) is
// decided here and nowhere else.

const IRREGULAR: Record<string, string> = {
  people: "person",
  children: "child",
  men: "man",
  women: "woman",
  data: "datum",
  media: "medium",
  statuses: "status",
  analyses: "analysis",
  indices: "index",
  // -f/-fe nouns that take -ves ("leaves" and "lives" left out: an HR app's leaves, live streams).
  shelves: "shelf",
  bookshelves: "bookshelf",
  halves: "half",
  knives: "knife",
  wolves: "wolf",
  thieves: "thief",
};

/** "categories" -> "category", "tasks" -> "task", "statuses" -> "status". */
export function singular(word: string): string {
  const lower = word.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower];
  if (/[^aeiou]ies$/.test(lower)) return word.slice(0, -3) + "y";
  if (/(ss|sh|ch|x|z)es$/.test(lower)) return word.slice(0, -2);
  if (/ses$/.test(lower)) return word.slice(0, -1);
  if (/[^s]s$/.test(lower)) return word.slice(0, -1);
  return word;
}

/** "category" -> "categories", "task" -> "tasks". */
export function plural(word: string): string {
  const lower = word.toLowerCase();
  for (const [p, s] of Object.entries(IRREGULAR)) if (s === lower) return p;
  if (/[^aeiou]y$/.test(lower)) return word.slice(0, -1) + "ies";
  if (/(s|sh|ch|x|z)$/.test(lower)) return word + "es";
  return word + "s";
}

/** Words of an identifier in any case style: "dueDate", "due_date", "Due Date" -> ["due","date"]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function snakeCase(name: string): string {
  return words(name).join("_");
}

export function camelCase(name: string): string {
  const w = words(name);
  return w.map((x, i) => (i === 0 ? x : x[0]!.toUpperCase() + x.slice(1))).join("");
}

export function pascalCase(name: string): string {
  return words(name)
    .map((x) => x[0]!.toUpperCase() + x.slice(1))
    .join("");
}

/**
 * Names a model class may not take: JavaScript's and TypeScript's globals that generated code or
 * a hook may use (not the web platform's Event or File: backend code does not), and the names the
 * generated model and route modules import (objection's Model, the runtime's OwnedModel...). A
 * table "errors", "promises" or "models" would otherwise shadow them in every module importing it.
 */
const TAKEN_CLASS_NAMES = new Set([
  "Array", "ArrayBuffer", "Awaited", "BigInt", "Boolean", "Buffer", "Date", "Error", "Exclude", "Extract", "Function",
  "Infinity", "Intl", "JSON", "Map", "Math", "NaN", "Number", "Object", "Omit", "Partial", "Pick", "Promise", "Proxy",
  "Readonly", "Record", "Reflect", "RegExp", "Required", "Set", "String", "Symbol", "WeakMap", "WeakRef", "WeakSet",
  "Model", "OwnedModel", "OwnedRef", "OwnedQueryBuilder", "QueryBuilder", "RelationMappings", "ModelOptions", "QueryContext",
  "Visibility", "Knex", "Koa", "Router",
]);

/**
 * Table name (snake plural) -> model class name: "tasks" -> "Task", "task_tags" -> "TaskTag";
 * a name already taken (see TAKEN_CLASS_NAMES) gets "Entity": "errors" -> "ErrorEntity".
 */
export function modelName(table: string): string {
  const w = words(table);
  if (w.length === 0) return "Model";
  w[w.length - 1] = singular(w[w.length - 1]!);
  const name = pascalCase(w.join("_"));
  return TAKEN_CLASS_NAMES.has(name) ? `${name}Entity` : name;
}

/** Table name -> singular snake name used in file names and messages: "categories" -> "category". */
export function singularName(table: string): string {
  const w = words(table);
  if (w.length === 0) return table;
  w[w.length - 1] = singular(w[w.length - 1]!);
  return w.join("_");
}

/** File stem for a table's generated modules: the table name itself. */
export function fileStem(table: string): string {
  return snakeCase(table).replace(/_/g, "-");
}

/** A valid, deterministic TS identifier for any string. */
export function identifier(name: string): string {
  const c = camelCase(name);
  return /^[A-Za-z_$]/.test(c) ? c : "_" + c;
}

/** Key for matching names written differently: "Task", "tasks", "task-lists" -> "task", "task_list". */
// Table matching compares every endpoint segment with every table name: memoise the keys.
const nameKeys = new Map<string, string>();

export function nameKey(name: string): string {
  let k = nameKeys.get(name);
  if (k === undefined) {
    const w = words(name);
    if (w.length === 0) k = name.toLowerCase();
    else {
      w[w.length - 1] = singular(w[w.length - 1]!);
      k = w.join("_");
    }
    if (nameKeys.size > 10_000) nameKeys.clear();
    nameKeys.set(name, k);
  }
  return k;
}
