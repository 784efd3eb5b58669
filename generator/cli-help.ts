// Help texts: `specforge --help` and `specforge <command> --help`.

export const HELP = `specforge: turn spec files into a Koa + Objection + Knex backend

Usage:
  specforge init     [--specs DIR]               write a starter specs/ pair (schema + endpoints) to edit
  specforge generate [--specs DIR] [--out DIR]   read the specs and write the app (default specs/ -> generated/)
  specforge check    [--specs DIR] [--out DIR]   exit 0 if the output is in sync, 1 with a diff if not, 2 on spec errors
  specforge ir       [--specs DIR]               print the intermediate representation as JSON
  specforge explain  [--specs DIR]               print what was understood and every guess made
  specforge token <user-id> [--expires 1h]       sign a development token with JWT_SECRET (or the dev secret)
  specforge <command> --help                     help for one command

Diagnostics are printed as file:line:column: severity CODE: message (coloured on a terminal;
plain when piped, or when CI or NO_COLOR is set).
`;

export const COMMAND_HELP: Record<string, string> = {
  init: `specforge init [--specs DIR]

Writes a starter pair to edit: DIR/database/schema.md (tables, columns, the owner
column) and DIR/api/rest-endpoints.md (the routes). DIR defaults to specs/.
Refuses to overwrite: if either file exists, nothing is written (exit 1).
Then: specforge generate.
`,
  generate: `specforge generate [--specs DIR] [--out DIR]

Reads DIR/database/schema.md and DIR/api/rest-endpoints.md (or .yaml), checks them and
writes the app to OUT (default generated/): models, migrations, routes, OpenAPI, the
typed client, ERD.md and the runtime. Only changed files are written; a file in OUT
that specforge did not generate is never overwritten.
Exit: 0 done, 1 refused to overwrite, 2 spec errors (printed as diagnostics).
`,
  check: `specforge check [--specs DIR] [--out DIR]

Generates in memory and compares with OUT. Exit 0 in sync; 1 with a unified diff of
what differs (run specforge generate and commit); 2 on spec errors. Use it in CI.
`,
  ir: `specforge ir [--specs DIR]

Prints the intermediate representation (tables, owner columns, relations, endpoints)
as canonical JSON. Exit 2 on spec errors.
`,
  explain: `specforge explain [--specs DIR]

Prints, in words, what was understood from the specs: models, owner field, relations,
each endpoint's behaviour, and every guess the reader made so you can confirm or fix it.
`,
  token: `specforge token <user-id> [--expires 1h]

Signs a development HS256 token for <user-id> with JWT_SECRET (or BETTER_AUTH_SECRET),
or with the development secret in .data/dev-jwt-secret. For trying the API locally.
`,
};
