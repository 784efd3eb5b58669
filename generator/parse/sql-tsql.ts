// SQL Server's DDL (T-SQL) as specs paste it: [bracketed] names, INT IDENTITY(1,1), GO between
// batches, CLUSTERED keys, N'text' and ON [PRIMARY]. Rewritten character for character (every
// position stays where it was, so diagnostics point into the spec) into what the PostgreSQL
// parser reads; the types (NVARCHAR(MAX), UNIQUEIDENTIFIER, DATETIMEOFFSET, BIT) are read later,
// as in any other notation.

/** Whether a block holds SQL Server's own notation. */
export const TSQL_HINT = /(?:^|[\s(,.])\[[A-Za-z_][\w ]*\]|\bidentity\s*\(\s*\d+\s*,\s*\d+\s*\)|^[ \t]*go[ \t]*$|\b(?:non)?clustered\b/im;

/** The block in PostgreSQL's notation, of the same length; the text itself when it is not T-SQL. */
export function fromTransactSql(text: string): string {
  if (!TSQL_HINT.test(text)) return text;
  const blank = (s: string) => " ".repeat(s.length);
  return (
    text
      // [Id] [int], [Email] [nvarchar](256): a type right after the column's name, unbracketed.
      .replace(/([\]\w])(\s+)\[([A-Za-z_]\w*)\]/g, (m, pre: string, sp: string, name: string) => (TYPES.has(name.toLowerCase()) ? `${pre}${sp} ${name} ` : m))
      // [dbo].[User] -> "dbo"."User"; not an array's [] or [3], nor a subscript written against its name.
      .replace(/(^|[\s(,.])\[([A-Za-z_][\w ]*)\]/g, (_m, pre: string, name: string) => `${pre}"${name}"`)
      // SSMS's "ALTER TABLE x CHECK CONSTRAINT fk" (turns a key on), "WITH CHECK ADD": nothing to read.
      .replace(/^[ \t]*alter\s+table\s+\S+\s+(?:no)?check\s+constraint\s+\S+[ \t]*;?[ \t]*$/gim, blank)
      .replace(/\bwith\s+(?:no)?check(?=\s+add\b)/gi, blank)
      // A key's column order: ([Id] ASC).
      .replace(/\b(?:asc|desc)\b(?=\s*[,)])/gi, blank)
      // A batch separator ends the statement.
      .replace(/^([ \t]*)go([ \t]*)$/gim, (_m, a: string, b: string) => `${a}; ${b}`)
      // INT IDENTITY(1,1): a column that counts up.
      .replace(/\b(bigint|int|integer|smallint|tinyint)(\s+)identity(?:\s*\(\s*\d+\s*,\s*\d+\s*\))?/gi, (m, t: string) => {
        const s = /^big/i.test(t) ? "BIGSERIAL" : /^(?:small|tiny)/i.test(t) ? "SMALLSERIAL" : "SERIAL";
        return s + " ".repeat(m.length - s.length);
      })
      // Storage words with no meaning here: CLUSTERED keys, the filegroup a table lives in.
      .replace(/\b(?:non)?clustered\b/gi, blank)
      .replace(/\)(\s*)on\s+"primary"/gi, (m) => `)${" ".repeat(m.length - 1)}`)
      .replace(/\btextimage_on\s+"primary"/gi, blank)
      // N'text': the text.
      .replace(/(^|[^\w'])N'/g, (_m, pre: string) => `${pre} '`)
  );
}

/** SQL Server's type names, as they are written in brackets after a column's name. */
const TYPES = new Set([
  "bigint", "int", "smallint", "tinyint", "bit", "decimal", "numeric", "money", "smallmoney", "float", "real",
  "date", "time", "datetime", "datetime2", "datetimeoffset", "smalldatetime", "char", "varchar", "text",
  "nchar", "nvarchar", "ntext", "binary", "varbinary", "image", "uniqueidentifier", "xml", "rowversion",
]);
