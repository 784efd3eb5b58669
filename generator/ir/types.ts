// The intermediate representation: plain, readonly, JSON-serialisable data.
// Every stage after "build" reads only this; every node carries the span of the
// spec text it came from so later diagnostics can point back at it.

export const IR_VERSION = 1 as const;

import type { Span } from "../base/span.js";

export type { Span };

/** A column type that is not a list: what an array holds, or a column by itself. */
export type ScalarType =
  | { readonly kind: "string"; readonly maxLength?: number; readonly fixed?: true } // varchar(n) / string; fixed: char(n), blank-padded
  | { readonly kind: "text" }
  | { readonly kind: "integer"; readonly small?: true } // int4; small: smallint (int2)
  | { readonly kind: "bigint" }
  | { readonly kind: "uuid" }
  | { readonly kind: "boolean" }
  | { readonly kind: "timestamp" } // always stored as timestamptz
  | { readonly kind: "date" }
  | { readonly kind: "time" } // time of day, no date
  | { readonly kind: "decimal"; readonly precision?: number; readonly scale?: number }
  | { readonly kind: "float" }
  | { readonly kind: "json" } // stored as jsonb
  /** Stored as text + CHECK; `name` is the named type it came from (CREATE TYPE, Prisma enum), for docs only. */
  | { readonly kind: "enum"; readonly values: readonly string[]; readonly name?: string }
  | { readonly kind: "bytes" } // bytea; base64 text in JSON
  | { readonly kind: "inet" }
  | { readonly kind: "cidr" }
  | { readonly kind: "macaddr" }
  | { readonly kind: "interval" }; // PostgreSQL's interval text in JSON

export type ColumnType =
  | ScalarType
  /** `text[]`, `integer ARRAY`, `String[]`, `list[str]`: one dimension, of any scalar but json. */
  | { readonly kind: "array"; readonly of: Exclude<ScalarType, { readonly kind: "json" }> }
  /** pgvector's vector(n) where the database has it, else real[] with exactly n elements: n numbers either way. */
  | { readonly kind: "vector"; readonly dimensions: number };

export type DefaultValue =
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "now" }
  | { readonly kind: "uuid" } // gen_random_uuid()
  | { readonly kind: "increment" }; // serial / identity

export type OnDelete = "cascade" | "set null" | "restrict" | "no action";

export interface Reference {
  readonly table: string;
  readonly column: string;
  readonly onDelete: OnDelete;
}

/** What the runtime does with a column; decided once by the IR builder. */
export type ColumnRole = "id" | "owner" | "created_at" | "updated_at" | "data"
  /** The column naming the row's tenant on a tenant-scoped table (Scope "tenant"): set from the token's claim, never from a request. */
  | "tenant"
  /** An audit column naming the user who made the row (created_by): set from the token's subject on create, never from a request. */
  | "author"
  /** An audit column naming the user who last changed the row (updated_by): set from the token's subject on create and on every update. */
  | "editor";

export interface Column {
  readonly name: string; // snake_case as written in the spec
  readonly span: Span;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly default: DefaultValue | null;
  readonly references: Reference | null;
  readonly minLength?: number;
  readonly maxLength?: number; // for text-ish columns, in addition to varchar(n)
  readonly minimum?: number;
  readonly maximum?: number;
  /** Strict bounds ("amount > 0"), for numbers. */
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  /**
   * The numbers a number column must be one of ("priority: 1 | 2 | 3", CHECK (priority IN (1, 2, 3))):
   * the request validator refuses any other (a 422 naming the field); the table's CHECK holds them
   * in the database.
   */
  readonly oneOf?: readonly number[];
  /**
   * A date or time that must lie after ("future") or before ("past") the moment of the request, or
   * not before it ("not-past"), or not after it ("not-future"); for a date, today is the UTC day.
   * Only the request validator checks it, on create and update: a database CHECK could hold it
   * only at insert (now() moves), so the database does not.
   */
  readonly relativeToNow?: "future" | "past" | "not-past" | "not-future";
  /** A format the text must have, as JSON Schema names it: "email", "uri", "uuid", "hostname", "ipv4". */
  readonly format?: string;
  /** A regular expression the whole text must match (read by ajv and by PostgreSQL's `~`). */
  readonly pattern?: string;
  /** Array columns: bounds on the number of items and on each item's length. */
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly itemMaxLength?: number;
  readonly role: ColumnRole;
  readonly description?: string;
  /** The column's previous name, declared in the spec ("renamed from old_name"): migrations RENAME it. */
  readonly renamedFrom?: string;
}

export interface Index {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly span: Span;
  /** Every column descending, nulls last (a list's descending sort on a nullable column); absent: ascending. */
  readonly order?: "desc-nulls-last";
  /**
   * A partial index's condition in PostgreSQL's syntax (`"deleted_at" IS NULL`): the index covers,
   * and a unique index holds among, only the rows it is true of. Absent: every row.
   */
  readonly where?: string;
}

export interface Table {
  readonly name: string; // snake_case plural, as written
  readonly span: Span;
  /** The table that holds the identities the JWT `sub` refers to. */
  readonly identity: boolean;
  /** Column that ties a row to its user; null for tables no user owns. */
  readonly owner: string | null;
  readonly primaryKey: string;
  /**
   * Present only when the key is not exactly [primaryKey]: several columns (a join table's
   * composite key) or none at all ([]). Such tables get no item routes.
   */
  readonly keyColumns?: readonly string[];
  readonly columns: readonly Column[];
  readonly indexes: readonly Index[];
  readonly description?: string;
  /** The table's previous name, declared in the spec ("renamed from: old_name"): migrations RENAME it. */
  readonly renamedFrom?: string;
  /** Set on tables the generator adds itself (not in the schema spec): refresh_tokens in built-in auth mode. */
  readonly addedBy?: "builtin-auth";
  /** CHECK constraints the spec states, beyond what a column's own rules say. */
  readonly checks?: readonly Check[];
  /**
   * How rows belong to users when the table has no owner column of its own: through the row
   * they reference (entries -> notebooks -> users), or through a membership (rows of an
   * organization the caller is a member of). Absent: owned through `owner`, or not owned.
   */
  readonly scope?: Scope;
  /**
   * A table nobody owns is shared only where the spec says so: "read" (every signed-in user
   * reads it; writes are not served) or "read-write". Absent on owned and scoped tables.
   */
  readonly shared?: "read" | "read-write";
  /**
   * A table that belongs to no user, that the spec does not call shared, and that keeps secrets
   * (a token, a code's or a key's hash): the app's own bookkeeping (sign-in codes, device pairing).
   * No route serves it (SF137); hand-written code reads it. Set with shared "read".
   */
  readonly internal?: true;
  /** Foreign keys of several columns (`FOREIGN KEY (a, b) REFERENCES t (x, y)`); a one-column key is its column's `references`. */
  readonly foreignKeys?: readonly ForeignKey[];
  /**
   * A link between two users (follows: follower_id, followee_id) whose owner column writes the
   * row: the other user columns here name a user who may read the rows naming them (their
   * followers), never change them. Absent: only the owner reads its rows.
   */
  readonly readers?: readonly string[];
  /**
   * The membership table of a group (team_members of teams), its rows owned by their member:
   * this column names the group, and every member of a group reads its rows (who else is in
   * it). Writes stay the member's own.
   */
  readonly fellows?: string;
  /**
   * A group's membership whose role column names who runs the group (`role: owner | admin |
   * member`): a member whose role is one of `values` adds other users' memberships of that group,
   * changes them (their role too) and removes them. Others change only their own, and no role.
   */
  readonly managers?: { readonly column: string; readonly values: readonly string[] };
}

/** A foreign key of several columns: `columns` reference `refColumns` of `table`, pairwise, in order. */
export interface ForeignKey {
  /** Its constraint name in PostgreSQL: <table>_<columns>_fkey. */
  readonly name: string;
  readonly columns: readonly string[];
  readonly table: string;
  readonly refColumns: readonly string[];
  readonly onDelete: OnDelete;
  readonly span: Span;
}

/** A CHECK constraint: kept verbatim in the migration; the parts a validator can check are checked first. */
export interface Check {
  /** Its name in PostgreSQL: as written, or <table>_<columns>_check. */
  readonly name: string;
  /** The boolean expression in PostgreSQL's syntax. */
  readonly sql: string;
  readonly columns: readonly string[];
  readonly span: Span;
  /** Comparisons between two columns of a row the validator checks when both are in the request ("end_at > start_at"). */
  readonly compare?: readonly { readonly left: string; readonly op: ">" | ">=" | "<" | "<=" | "<>" | "="; readonly right: string }[];
  /** True when the request validator checks everything the expression says (the database checks it again). */
  readonly validated: boolean;
}

/** Rows visible to the caller through another table (see Table.scope). */
export type Scope =
  /** `column` references `parent`'s key; a row is the caller's when that parent row is. */
  | { readonly kind: "parent"; readonly column: string; readonly parent: string; readonly parentKey: string }
  /**
   * `column` (this table's own key, or a reference to the group table) names a group; a row is
   * the caller's when `membership` has a row with that group in `membershipGroup` and the
   * caller in `membershipUser`.
   */
  | { readonly kind: "member"; readonly column: string; readonly membership: string; readonly membershipGroup: string; readonly membershipUser: string }
  /**
   * `column` names the row's tenant (organization, workspace...), and the caller's tenant comes
   * from a verified token claim (runtime/tenant.ts): a row is the caller's when `column` equals
   * it. `group` is the tenant table the column references, as the spec names it (defined
   * without any membership, or not defined at all: the auth service keeps the memberships).
   * On the tenant table itself `column` is its own key.
   */
  | { readonly kind: "tenant"; readonly column: string; readonly group: string };

/**
 * Another column a set action changes with its own ("POST /tasks/{id}/reopen" clears
 * completed_at and puts status back to its default): a value, or the column's default.
 */
export interface SetAlso {
  readonly field: string;
  readonly value: string | number | boolean | null;
  readonly now?: true;
  readonly toDefault?: true;
}

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type Action =
  | { readonly kind: "list" }
  | { readonly kind: "create" }
  | { readonly kind: "get" }
  | { readonly kind: "replace" } // PUT
  /** PATCH; `fields`: the route changes only these columns ("PATCH /orders/{id}/status"): any other field is a 422. */
  | { readonly kind: "update"; readonly fields?: readonly string[] }
  | { readonly kind: "delete" }
  | { readonly kind: "toggle"; readonly field: string } // flip a boolean
  /** Set a column: to a value, or (`now`) to the current time ("POST /loans/{id}/return" sets returned_at). */
  | { readonly kind: "set"; readonly field: string; readonly value: string | number | boolean | null; readonly now?: true; readonly toDefault?: true; readonly also?: readonly SetAlso[] }
  /**
   * Nested routes over a many-to-many join table: /tasks/{id}/tags[/{tag_id}]; `targetField`: a
   * POST to the collection names the row to attach in its body (`{ "tag_id": 3 }`).
   */
  | { readonly kind: "relation-list" | "relation-add" | "relation-remove"; readonly relation: string; readonly targetParam: string | null; readonly targetField?: string }
  /**
   * The caller's rows counted ("GET /tasks/count": `{ "count": n }`), or (`summary`) counted by the
   * values of `groups` too ("GET /tasks/stats": `{ "total": n, "completed": { "true": 2, "false": 3 } }`),
   * among the rows `where` keeps; `filters`: the query parameters that narrow them further as they
   * narrow the list ("GET /tasks/count?status=done"), each an equality on its column.
   */
  | { readonly kind: "count"; readonly where: readonly RowCondition[]; readonly groups: readonly string[]; readonly summary: boolean; readonly filters?: readonly { readonly param: string; readonly column: string }[] }
  /**
   * Deletes many of the caller's rows at once: those `where` keeps ("DELETE /tasks/completed"), and
   * when `idsField` is set only those whose keys the body lists there (`{ "ids": [1, 2] }`); another
   * user's keys match nothing. Answers `{ "deleted": n }`.
   */
  | { readonly kind: "delete-many"; readonly where: readonly RowCondition[]; readonly idsField: string | null }
  /**
   * Sets a column on many of the caller's rows at once ("POST /tasks/bulk-complete" with
   * `{ "ids": [...] }`): those the body lists, among the rows `where` keeps. Answers `{ "updated": n }`.
   */
  | { readonly kind: "update-many"; readonly where: readonly RowCondition[]; readonly idsField: string | null; readonly field: string; readonly value: string | number | boolean | null; readonly now?: true }
  /**
   * A table holding one row per user (its key is the user column, or the user column is unique):
   * "GET /settings" answers the caller's row (404 while they have none); "PUT|PATCH /settings"
   * writes it, inserting it when there is none (`merge`: PATCH, only the fields given change).
   */
  | { readonly kind: "own-get" }
  | { readonly kind: "own-put"; readonly merge: boolean }
  /**
   * Sets the order column of the caller's rows ("PUT /projects/reorder"): the body lists keys in
   * their new order (`[3, 1, 2]`, `{ "ids": [...] }`) or gives each a position
   * (`[{ "id": 3, "position": 0 }]`). Another user's keys match nothing. Answers `{ "updated": n }`.
   */
  | { readonly kind: "reorder"; readonly column: string }
  /** Every one of the caller's rows as a file ("GET /tasks/export"): CSV or JSON, `?format=` choosing. */
  | { readonly kind: "export"; readonly format: "csv" | "json" }
  /**
   * Many rows at once, all or none, in one transaction: "POST /tasks/bulk" creates each item of the
   * body (an array, or `{ "items": [...] }`) as the create route would; "PATCH /tasks/bulk" changes
   * each of the caller's rows an item names by its key (`[{ "id": 1, "title": "x" }]`), a missing or
   * another user's row failing the whole request with 404. At most `max` items (413 beyond).
   */
  | { readonly kind: "create-many"; readonly max: number }
  | { readonly kind: "update-each"; readonly max: number }
  /**
   * A new row for the caller copying one of their rows ("POST /projects/{id}/duplicate"): its
   * writable columns but `skip` (unique ones, which the copy would break); 201.
   */
  | { readonly kind: "copy"; readonly skip: readonly string[] }
  /** An endpoint the generator does not understand: a typed route answering 501, plus a warning. */
  | { readonly kind: "stub"; readonly reason: string };

/**
 * A condition a route puts on the caller's rows by its path ("GET /tasks/completed": completed =
 * true; "/tasks/overdue": due_date before now and not done). `past`, `today` and `future` compare
 * a date or time column with the database's clock (`date`: the column is a date, not a time).
 */
export type RowCondition =
  | { readonly column: string; readonly op: "eq" | "ne"; readonly value: string | number | boolean }
  /** Equal to the value of a path parameter ("GET /tasks/status/{status}"). */
  | { readonly column: string; readonly op: "eq"; readonly param: string }
  /** Equal to the caller's id: the rows naming the caller in a column they read but do not own ("GET /me/followers"). */
  | { readonly column: string; readonly op: "eq"; readonly caller: true }
  | { readonly column: string; readonly op: "null" | "not-null" }
  | { readonly column: string; readonly op: "past" | "today" | "future"; readonly date?: true };

/** How one filter query parameter maps onto a column. */
export interface ListFilter {
  readonly param: string;
  readonly column: string;
  /** Words the spec lists (`all|pending|completed`) and what each means; null: any value of the column's type. */
  readonly choices: readonly { readonly word: string; readonly match: "any" | "null" | { readonly equals: string | number | boolean } }[] | null;
  /** A range end ("from", "to", "since", "before"): rows at or after / at or before the value. Absent: equality. */
  readonly op?: "gte" | "lte";
}

/** What a list endpoint accepts in its query string; anything else is a 422. */
export interface ListSpec {
  /** The paging style the spec names; every list also accepts `cursor` (keyset) for deep pages. */
  readonly pagination: "offset" | "page" | "cursor";
  readonly limitParam: string;
  readonly defaultLimit: number;
  readonly maxLimit: number;
  readonly filters: readonly ListFilter[];
  /** Conditions the route's path puts on every page ("GET /tasks/completed"), before any filter. */
  readonly fixed?: readonly RowCondition[];
  readonly sort: {
    readonly param: string;
    readonly orderParam: string | null;
    readonly keys: readonly { readonly name: string; readonly column: string }[];
    readonly default: { readonly column: string; readonly direction: "asc" | "desc" };
  };
  readonly search: { readonly param: string; readonly columns: readonly string[] } | null;
  /** `{ "tasks": [...], "total": 3 }` when the spec's example response has that shape; null: a bare array plus X-Total-Count. */
  readonly envelope: {
    readonly items: string;
    readonly total: string | null;
    readonly limit?: string;
    readonly offset?: string;
    readonly page?: string;
    /** The page count (`total_pages`): ceil(total / page size), counted with the total. */
    readonly pages?: string;
  } | null;
  /** True when the spec declares no query parameters and everything above was inferred from the columns. */
  readonly inferred: boolean;
}

/** Many-to-many through an owned join table, e.g. tasks <-> tags via task_tags. */
export interface ManyToMany {
  readonly name: string; // "tags": property on the source rows and nested route segment
  readonly source: string; // tasks
  readonly join: string; // task_tags
  readonly joinSource: string; // task_tags.task_id
  readonly joinTarget: string; // task_tags.tag_id
  readonly target: string; // tags
}

export interface Endpoint {
  readonly method: HttpMethod;
  /** OpenAPI-style path, e.g. /api/{user_id}/tasks/{id} */
  readonly path: string;
  readonly span: Span;
  readonly table: string;
  readonly action: Action;
  /** Name of the path parameter that must equal the caller's id, if the path has one. */
  readonly userParam: string | null;
  /** Name of the path parameter that carries the row id, for item routes. */
  readonly idParam: string | null;
  /**
   * The column {idParam} matches when it is not the row's key: a link row named by its parent
   * and the other row it links (/teams/{teamId}/members/{userId}: the team_members row whose
   * team_id is {teamId} and whose user_id is {userId}; the two are the table's key or unique).
   */
  readonly idColumn?: string;
  /**
   * A collection under a parent row: /notebooks/{notebook_id}/entries lists (and creates)
   * entries whose `column` is the parent's key from `param`; a parent the caller cannot see
   * answers 404.
   */
  readonly parent?: { readonly param: string; readonly column: string; readonly table: string };
  /** The row is the caller's own identity row ("/users/me"): no id in the path. */
  readonly self?: true;
  /**
   * The fields of the request body the spec shows that list row keys ("task_ids"), when they
   * decide the reading (a bulk route with keys is the same change on listed rows, not items).
   */
  readonly bodyKeys?: readonly string[];
  readonly auth: "required" | "public";
  readonly successStatus: number;
  readonly summary: string;
  /** List endpoints: the query parameters the spec declares (or the inferred defaults). */
  readonly list?: ListSpec;
}

export interface AuthConfig {
  /**
   * external: tokens are issued elsewhere (Better Auth, ...); the app only verifies them.
   * builtin: the app issues its own tokens (register/login/refresh/logout, docs/auth.md).
   */
  readonly mode: "external" | "builtin";
  /** The issuer the spec names for external mode, e.g. "Better Auth". */
  readonly provider?: string;
  readonly identityTable: string | null;
  /**
   * Users are not recorded from their tokens (the users table has required columns no token
   * claim fills): each creates their own row (POST .../me) before writing rows that reference it.
   */
  readonly selfRegistration?: true;
  /** Built-in mode: the identity-table columns holding the login email and the password hash (and a display name, if any). */
  readonly builtin?: BuiltinAuth;
}

export interface BuiltinAuth {
  readonly emailColumn: string;
  readonly passwordColumn: string;
  /** A textual `name` column register accepts (required when the column is). */
  readonly nameColumn: string | null;
  /**
   * Other columns the users table requires with no default that register takes from its body
   * (a username, a phone number), each held to the column's rules; absent when there are none.
   */
  readonly registerFields?: readonly string[];
  /** Required privileges (a role enum with no default) register sets, never from the body: the least value. */
  readonly registerFixed?: Readonly<Record<string, string>>;
  /** How register makes a user id: the database's default, or a random UUID from the app. */
  readonly userId: "database" | "uuid";
  /** The table of hashed refresh tokens (added to `tables`, addedBy "builtin-auth"). */
  readonly refreshTable: string;
  /** Where the module answers: the spec's own paths for these operations, else /api/auth/<name>. */
  readonly paths: BuiltinAuthPaths;
  /**
   * The caller's own account as the spec writes it (GET /api/auth/me, PATCH /api/users/me): the
   * module answers there with the caller's users row, never its password hash, and changes
   * only its profile columns (not the key, the email or the hash). Absent: the spec writes none.
   */
  readonly profile?: readonly { readonly method: "get" | "put" | "patch"; readonly path: string }[];
}

export interface BuiltinAuthPaths {
  readonly register: string;
  readonly login: string;
  readonly refresh: string;
  readonly logout: string;
}

export interface IR {
  readonly version: typeof IR_VERSION;
  readonly sources: { readonly schema: string; readonly api: string | null };
  readonly auth: AuthConfig;
  readonly tables: readonly Table[]; // sorted by name
  readonly endpoints: readonly Endpoint[]; // sorted by path, then method
  /** Many-to-many relations found from join tables (two owned foreign keys and nothing else to write). */
  readonly relations?: readonly ManyToMany[];
  /** Row-level security on owned tables as a second wall ("Row-level security: off" in the schema turns it off). */
  readonly rowLevelSecurity?: boolean;
  /** Endpoints of the spec that name no table: routes answering 501 until a custom route implements them (sorted like endpoints). */
  readonly unmapped?: readonly UnmappedEndpoint[];
}

/**
 * An endpoint the spec defines whose path names no table (GET /api/stats/summary, POST /api/export):
 * the route stays in the app, checks the token and answers 501; a custom route in src/routes/ with
 * the same method and path implements it.
 */
export interface UnmappedEndpoint {
  readonly method: HttpMethod;
  readonly path: string;
  readonly span: Span;
  readonly reason: string;
  readonly summary: string;
  readonly auth: "required" | "public";
  /** A `{user_id}` parameter of the path: it must be the caller (403 otherwise), as on every route. */
  readonly userParam: string | null;
  /**
   * A health check the spec writes (GET /api/health, /ping, /api/v1/ready): the app answers it as
   * it answers /healthz ("live") or /readyz ("ready"), public like them, instead of 501.
   */
  readonly health?: "live" | "ready";
}
