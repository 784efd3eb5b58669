// Help texts: `specforge --help` and `specforge <command> --help`.

export const HELP = `specforge: turn spec files into a Koa + Objection + Knex backend

Usage:
  specforge init     [--specs DIR]               write a starter specs/ pair (schema + endpoints) to edit
  specforge generate [--specs DIR] [--out DIR]   read the specs and write the app (default specs/ -> generated/)
                     [--allow-destructive]       let a migration drop tables/columns, narrow types, remove enum values
                     [--allow-breaking]          let a migration change a column's JSON type in the API (integer -> bigint)
                     [--watch]                   regenerate whenever a spec file changes
  specforge check    [--specs DIR] [--out DIR]   one CI gate; exit 0 in sync, 1 generated code differs (diff),
                     [--fail-on breaking]        2 spec errors, 3 migration missing, 4 committed migration edited,
                     [--format text|json]        5 breaking API changes (only with --fail-on breaking)
                     [--base FILE]               the openapi.json to compare with (default: the committed one)
  specforge ir       [--specs DIR]               print the intermediate representation as JSON
  specforge explain  [--specs DIR]               print what was understood and every guess made
                     [--format text|yaml]        yaml: as the canonical YAML spec (reads back to the same IR)
  specforge normalize [--specs DIR]              write that canonical YAML to a file: one spec holding it all
                     [--out FILE] [--force]      (default spec.yaml); an existing FILE is replaced only with --force
  specforge token <user-id> [--expires 1h]       sign a development token with JWT_SECRET (or the dev secret)
                     [--tenant ORG]              the caller's organization, for rows that belong to one
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
  generate: `specforge generate [--specs DIR] [--out DIR] [--allow-destructive] [--allow-breaking] [--watch]

Reads DIR/database/schema.md and DIR/api/rest-endpoints.md (or .yaml), checks them and
writes the app to OUT (default generated/): models, migrations, routes, OpenAPI, the
typed client, ERD.md and the runtime. Only changed files are written; a file in OUT
that specforge did not generate is never overwritten.
A schema change appends one migration (NNNN_<slug>.ts) diffed against the last snapshot;
destructive steps are refused unless --allow-destructive is given, and a change of a
column's JSON type in the API (integer -> bigint) unless --allow-breaking. Hook skeletons in
src/hooks/ are created once and never overwritten. --watch regenerates on spec changes.
Exit: 0 done, 1 refused to overwrite, 2 spec errors (printed as diagnostics).
`,
  check: `specforge check [--specs DIR] [--out DIR] [--fail-on breaking] [--format text|json] [--base FILE]

Generates in memory and compares with OUT; one gate for CI. Exit codes (docs/cli.md):
0 in sync; 1 generated code differs (unified diff); 2 spec errors; 3 a schema change has
no migration; 4 a committed migration was edited; 5 breaking API changes against the
committed (or --base) openapi.json, only with --fail-on breaking.
`,
  ir: `specforge ir [--specs DIR]

Prints the intermediate representation (tables, owner columns, relations, endpoints)
as canonical JSON. Exit 2 on spec errors.
`,
  explain: `specforge explain [--specs DIR] [--format text|yaml]

Prints, in words, what was understood from the specs: models, owner field, relations,
each endpoint's behaviour, and every guess the reader made so you can confirm or fix it.
--format yaml prints it as specforge's canonical YAML spec instead (docs/spec-format.md):
every inferred type, owner, key, default and rule written out; read back, it gives the
same IR. Only the YAML goes to stdout; diagnostics go to stderr.
Exit: 0 done, 2 spec errors, 64 another --format.
`,
  normalize: `specforge normalize [--specs DIR] [--out FILE] [--force]

Writes what explain --format yaml prints to FILE (default spec.yaml), one YAML document
holding the tables, the endpoints and the authentication mode: put it in the specs
directory as schema.yaml (alone) and it is both specs. An existing FILE is not
overwritten unless --force is given.
Exit: 0 written, 1 refused to overwrite, 2 spec errors (nothing written).
`,
  token: `specforge token <user-id> [--expires 1h] [--tenant ORG]

Signs a development HS256 token for <user-id> with JWT_SECRET (or BETTER_AUTH_SECRET),
or with the development secret in .data/dev-jwt-secret. For trying the API locally.
--tenant ORG names the caller's organization, for tables whose rows belong to one
(in the claim JWT_TENANT_CLAIM names first, else organization_id).
`,
};
