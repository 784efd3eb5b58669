// What names mean: the bases, calls and keywords that mark model families (SQLModel,
// SQLAlchemy, Django, Pydantic, enums), the SQL types of Python, SQLAlchemy and Django type
// names, the keywords that state value rules, and the words that name request bodies.

export const ENUM_BASES = new Set(["Enum", "StrEnum", "IntEnum", "Flag", "IntFlag", "TextChoices", "IntegerChoices", "Choices"]);
export const INT_ENUM_BASES = new Set(["IntEnum", "IntFlag", "Flag", "IntegerChoices"]);
export const DECLARATIVE_BASES = new Set(["DeclarativeBase", "DeclarativeBaseNoMeta", "MappedAsDataclass"]);
/** Names a declarative base usually has when the block does not define it. */
export const DECLARATIVE_NAMES = new Set(["Base", "db.Model", "Model"]);
export const RELATION_CALLS = new Set(["Relationship", "relationship", "relation", "backref", "association_proxy", "dynamic_loader", "synonym", "composite", "column_property", "query_expression", "deferred", "GenericForeignKey", "GenericRelation", "hybrid_property"]);
export const COLUMN_CALLS = new Set(["Column", "mapped_column", "column"]);

export const PY_SCALARS: Readonly<Record<string, string>> = {
  int: "integer", str: "string", bool: "boolean", float: "float", bytes: "bytea", bytearray: "bytea",
  datetime: "timestamp", "datetime.datetime": "timestamp", date: "date", "datetime.date": "date", time: "time", "datetime.time": "time",
  timedelta: "interval", "datetime.timedelta": "interval",
  UUID: "uuid", "uuid.UUID": "uuid", UUID1: "uuid", UUID3: "uuid", UUID4: "uuid", UUID5: "uuid",
  Decimal: "decimal", "decimal.Decimal": "decimal",
  dict: "json", Dict: "json", Any: "json", JSON: "json", Json: "json", list: "json", List: "json", Mapping: "json", object: "json",
  StrictStr: "string", SecretStr: "string", StrictInt: "integer", StrictFloat: "float", StrictBool: "boolean", StrictBytes: "bytea",
  AwareDatetime: "timestamp", NaiveDatetime: "timestamp", PastDatetime: "timestamp", FutureDatetime: "timestamp", PastDate: "date", FutureDate: "date",
  IPvAnyAddress: "inet", IPv4Address: "inet", IPv6Address: "inet", "ipaddress.IPv4Address": "inet", "ipaddress.IPv6Address": "inet",
  IPvAnyNetwork: "cidr", IPv4Network: "cidr", IPv6Network: "cidr",
};

/** Pydantic types that carry a rule: the type text and the rule phrase. */
export const PY_RULE_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  EmailStr: ["string", "format email"], NameEmail: ["string", "format email"],
  HttpUrl: ["string", "format uri"], AnyUrl: ["string", "format uri"], AnyHttpUrl: ["string", "format uri"], HttpsUrl: ["string", "format uri"], FileUrl: ["string", "format uri"],
  PositiveInt: ["integer", "> 0"], NegativeInt: ["integer", "< 0"], NonNegativeInt: ["integer", "min 0"], NonPositiveInt: ["integer", "max 0"],
  PositiveFloat: ["float", "> 0"], NegativeFloat: ["float", "< 0"], NonNegativeFloat: ["float", "min 0"], NonPositiveFloat: ["float", "max 0"],
};

export const RULE_KEYWORDS = new Set(["min_length", "max_length", "min_items", "max_items", "ge", "le", "gt", "lt", "pattern", "regex"]);

export const CON_TYPES: Readonly<Record<string, string>> = { constr: "string", conint: "integer", confloat: "float", condecimal: "decimal", conbytes: "bytea", condate: "date", conlist: "[]", conset: "[]" };

/** SQLAlchemy column types -> PostgreSQL type text. */
export const SA_TYPES: Readonly<Record<string, (a: TypeArgs) => string | null>> = {
  Integer: () => "integer", INTEGER: () => "integer", INT: () => "integer",
  BigInteger: () => "bigint", BIGINT: () => "bigint",
  SmallInteger: () => "smallint", SMALLINT: () => "smallint",
  String: (a) => sized("varchar", a.num(0, "length")), VARCHAR: (a) => sized("varchar", a.num(0, "length")),
  Unicode: (a) => sized("varchar", a.num(0, "length")), NVARCHAR: (a) => sized("varchar", a.num(0, "length")),
  CHAR: (a) => sized("char", a.num(0, "length")), NCHAR: (a) => sized("char", a.num(0, "length")),
  Text: () => "text", TEXT: () => "text", UnicodeText: () => "text", CLOB: () => "text",
  Boolean: () => "boolean", BOOLEAN: () => "boolean",
  DateTime: (a) => (a.flag("timezone") ? "timestamptz" : "timestamp"), DATETIME: (a) => (a.flag("timezone") ? "timestamptz" : "timestamp"),
  TIMESTAMP: (a) => (a.flag("timezone") ? "timestamptz" : "timestamp"),
  Date: () => "date", DATE: () => "date",
  Time: (a) => (a.flag("timezone") ? "timetz" : "time"), TIME: (a) => (a.flag("timezone") ? "timetz" : "time"),
  Interval: () => "interval", INTERVAL: () => "interval",
  Numeric: (a) => decimal(a), NUMERIC: (a) => decimal(a), DECIMAL: (a) => decimal(a),
  Float: () => "float", FLOAT: () => "float", REAL: () => "float", Double: () => "float", DOUBLE: () => "float", DOUBLE_PRECISION: () => "float",
  JSON: () => "json", JSONB: () => "jsonb",
  UUID: () => "uuid", Uuid: () => "uuid",
  LargeBinary: () => "bytea", BINARY: () => "bytea", VARBINARY: () => "bytea", BYTEA: () => "bytea", BLOB: () => "bytea",
  INET: () => "inet", CIDR: () => "cidr", MACADDR: () => "macaddr", CITEXT: () => "citext", MONEY: () => "money",
  TSVECTOR: () => "tsvector", HSTORE: () => "hstore", XML: () => "xml",
  Vector: (a) => sized("vector", a.num(0, "dim")), VECTOR: (a) => sized("vector", a.num(0, "dim")),
};

export interface TypeArgs {
  /** A number literal given at `index` (-1: keyword only) or as `key=`. */
  num(index: number, key: string): string | undefined;
  flag(key: string): boolean;
}

function sized(name: string, n: string | number | undefined): string {
  return n === undefined ? name : `${name}(${n})`;
}

export function decimal(a: TypeArgs): string {
  const p = a.num(0, "precision");
  const s = a.num(1, "scale");
  return p === undefined ? "decimal" : s === undefined ? `decimal(${p})` : `decimal(${p},${s})`;
}

/** Django field classes -> PostgreSQL type text and the rule the class itself states. */
export const DJANGO_TYPES: Readonly<Record<string, (a: TypeArgs) => readonly [string, string?]>> = {
  AutoField: () => ["serial"], BigAutoField: () => ["bigserial"], SmallAutoField: () => ["smallserial"],
  CharField: (a) => [sized("varchar", a.num(-1, "max_length"))], TextField: () => ["text"],
  SlugField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 50), "pattern '^[-a-zA-Z0-9_]+$'"],
  EmailField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 254), "format email"],
  URLField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 200), "format uri"],
  UUIDField: () => ["uuid"], IntegerField: () => ["integer"], BigIntegerField: () => ["bigint"], SmallIntegerField: () => ["smallint"],
  PositiveIntegerField: () => ["integer", "min 0"], PositiveSmallIntegerField: () => ["smallint", "min 0"], PositiveBigIntegerField: () => ["bigint", "min 0"],
  FloatField: () => ["float"],
  DecimalField: (a) => {
    const p = a.num(-1, "max_digits");
    const s = a.num(-1, "decimal_places");
    return [p === undefined ? "decimal" : s === undefined ? `decimal(${p})` : `decimal(${p},${s})`];
  },
  BooleanField: () => ["boolean"], NullBooleanField: () => ["boolean"],
  DateField: () => ["date"], DateTimeField: () => ["timestamp"], TimeField: () => ["time"], DurationField: () => ["interval"],
  JSONField: () => ["jsonb"], BinaryField: () => ["bytea"], GenericIPAddressField: () => ["inet"], IPAddressField: () => ["inet"],
  FileField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 100)], ImageField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 100)],
  FilePathField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 100)],
  CICharField: () => ["citext"], CITextField: () => ["citext"], CIEmailField: () => ["citext", "format email"],
};
export const DJANGO_RELATIONS = new Set(["ForeignKey", "OneToOneField"]);

export const ON_DELETE: Readonly<Record<string, string>> = {
  CASCADE: "cascade", "SET NULL": "set null", SET_NULL: "set null", RESTRICT: "restrict", PROTECT: "restrict", "NO ACTION": "no action", DO_NOTHING: "no action",
};

/** Words that name what a request body does, not the table it is about. */
export const BODY_SUFFIXES = new Set(["create", "update", "base", "in", "out", "request", "response", "schema", "read", "public", "patch", "put", "input", "output", "payload", "body", "db", "dto"]);
export const BODY_PREFIXES = new Set(["create", "update", "new", "base", "patch"]);
/** First words of a body model about signing up or in: its rules are about the users table. */
export const AUTH_BODY = /^(register|registration|signup|signin|login|logon|auth|authentication|credentials?|sign_up|sign_in|log_in)(_|$)/;

/** Field(...) keywords with no rule for a table (documentation, serialisation). */
export const FIELD_IGNORED = new Set([
  "title", "schema_extra", "alias", "examples", "example", "json_schema_extra", "exclude", "include", "repr", "const", "discriminator", "frozen",
  "validation_alias", "serialization_alias", "allow_mutation", "unique_items", "strict", "init", "init_var", "kw_only", "validate_default", "deprecated",
  "coerce_numbers_to_str", "union_mode", "fail_fast", "allow_inf_nan", "sa_column_kwargs", "sa_column_args", "sa_relationship", "sa_relationship_args",
  "sa_relationship_kwargs", "field_title_generator",
]);
/** mapped_column(...) / Column(...) keywords with nothing to read. */
export const COLUMN_IGNORED = new Set([
  "onupdate", "server_onupdate", "key", "quote", "info", "system", "init", "repr", "compare", "kw_only", "hash", "deferred", "deferred_group",
  "deferred_raiseload", "active_history", "sort_order", "use_existing_column", "dataclass_metadata", "insert_sentinel", "_omit_from_statements",
]);
/** Django field keywords with nothing to read. */
export const DJANGO_IGNORED = new Set([
  "verbose_name", "blank", "editable", "related_name", "related_query_name", "error_messages", "unique_for_date", "unique_for_month",
  "unique_for_year", "upload_to", "storage", "width_field", "height_field", "protocol", "unpack_ipv4", "db_collation", "limit_choices_to",
  "db_constraint", "swappable", "allow_unicode", "allow_files", "allow_folders", "path", "match", "recursive", "encoder", "decoder", "db_tablespace",
  "serialize", "auto_created", "parent_link",
]);

/** `rec[key]` only for the record's own keys ("toString" is no type name). */
export function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}
