// A column's type written as the name of an entity ("author: User", "owner | UserVO",
// "tags: Tag[]", "List<Tag>"): the row of that table it points at, or a list of them.
// build-column.ts keeps such a type aside; foreign-keys.ts resolves it against the tables.

/** Suffixes a class name carries beside its entity's name (UserVO, UserModel, UserEntity, UserDTO). */
const CLASS_SUFFIX = /(?:VO|Vo|Model|Entity|Dto|DTO|Doc|Document|Schema|Record|Ref|Obj|Object)$/;

/**
 * The entity a type names, and whether it is a list of them: "User" -> User, "UserVO" -> User,
 * "Tag[]", "[Tag]", "Array<Tag>", "List[Tag]" -> Tag (a list). Null for anything else.
 */
export function entityTypeName(text: string): { name: string; list: boolean } | null {
  const t = text.trim().replace(/^`(.*)`$/, "$1").replace(/\?$/, "").trim();
  const listed = /^(?:Array|List|list|Set|set)\s*[<[]\s*([A-Z][A-Za-z0-9]*)\s*[>\]]$/.exec(t) ?? /^\[\s*([A-Z][A-Za-z0-9]*)\s*\]$/.exec(t) ?? /^([A-Z][A-Za-z0-9]*)\[\]$/.exec(t);
  if (listed) return { name: listed[1]!, list: true };
  const one = /^([A-Z][A-Za-z0-9]*)$/.exec(t);
  return one ? { name: one[1]!, list: false } : null;
}

/** The names an entity type may stand for: as written, and without a class suffix ("UserVO" -> "User"). */
export function entityNames(name: string): string[] {
  const bare = name.replace(CLASS_SUFFIX, "");
  return bare && bare !== name ? [name, bare] : [name];
}

/** The entity a Mongoose-style "ref: 'User'" (or "ref = Category") in a column's notes names, or null. */
export function refInNotes(description: string | undefined): { text: string; name: string } | null {
  const m = description ? /\bref\s*[:=]\s*['"`]?([A-Za-z_][A-Za-z0-9_.]*)['"`]?/.exec(description) : null;
  return m ? { text: m[0], name: m[1]!.slice(m[1]!.lastIndexOf(".") + 1) } : null;
}

/** Whether a column written in one of these ways (an entity type, a "ref:" note) names the table. */
export function namesEntityOf(c: { readonly typeName?: { readonly name: string; readonly list: boolean }; readonly description?: string }, table: string, key: (s: string) => string): boolean {
  const names = c.typeName && !c.typeName.list ? entityNames(c.typeName.name) : [];
  const ref = refInNotes(c.description);
  if (ref) names.push(ref.name);
  return names.some((n) => key(n) === key(table));
}
