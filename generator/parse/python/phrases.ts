// The phrase texts the IR builder reads back: quoted SQL values, patterns and "one of" lists.


export function quoteSql(v: string): string {
  if (!v.includes("'")) return `'${v}'`;
  if (!v.includes('"')) return `"${v}"`;
  return `'${v.replace(/'/g, "''")}'`;
}

/** A pattern phrase the builder reads back exactly (a quoted form cannot hold quotes). */
export function patternPhrase(re: string): string {
  if (!/['"`]/.test(re)) return `pattern '${re}'`;
  return `pattern /${re.replace(/(?<!\\)\//g, "\\/")}/`;
}

export function oneOfPhrase(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  if (values.every((v) => !/[,()'"]/.test(v))) return `one of (${values.map((v) => `'${v}'`).join(", ")})`;
  if (values.length < 2) return null;
  if (values.every((v) => !v.includes("'"))) return `one of ${values.map((v) => `'${v}'`).join(", ")}`;
  if (values.every((v) => !v.includes('"'))) return `one of ${values.map((v) => `"${v}"`).join(", ")}`;
  return null;
}
