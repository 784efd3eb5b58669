// The Python reader: SQLModel, SQLAlchemy (2.0 and classic), Django and Pydantic classes read
// into the raw shape, every text at its place in the spec file (the block sits in the middle of
// a Markdown file here), and what it produces read back by the IR builder.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildIr } from "../../generator/ir/build-ir.js";
import { interpretType } from "../../generator/ir/read-type.js";
import { interpretConstraint } from "../../generator/ir/constraints.js";
import { spanMapper, type BlockReader, type ReaderResult } from "../../generator/parse/block.js";
import type { RawColumn, RawTable, RawText } from "../../generator/parse/raw.js";
import { loadPythonReader } from "../../generator/parse/read-python.js";
import { pos } from "./helpers.js";

const FILE = "specs/database/schema.md";
const read: BlockReader = await loadPythonReader();
const HEAD = "# Data model\n\nThe app keeps its data in PostgreSQL.\n\n```python\n";

/** A Markdown file with the Python code fenced in its middle; returns the file and what the reader made of the block. */
function inSpec(code: string): { md: string; r: ReaderResult } {
  const md = `${HEAD}${code}\`\`\`\n\nMore prose.\n`;
  const line = HEAD.split("\n").length;
  const r = read({ text: code, file: FILE, lang: "python", at: spanMapper(code, { file: FILE, line, column: 1 }) }, {});
  return { md, r };
}

const where = (t: { span: RawText["span"] }) => `${t.span.line}:${t.span.column}`;
const table = (r: ReaderResult, name: string, fragment = false): RawTable => {
  const t = r.tables.find((x) => x.name.text === name && !!x.fragment === fragment);
  if (!t) throw new Error(`no ${fragment ? "fragment" : "table"} ${name}; have ${r.tables.map((x) => x.name.text).join(", ")}`);
  return t;
};
const column = (t: RawTable, name: string): RawColumn => {
  const c = t.columns.find((x) => x.name.text === name);
  if (!c) throw new Error(`no column ${name} in ${t.name.text}; have ${t.columns.map((x) => x.name.text).join(", ")}`);
  return c;
};
/** Each column as [name, type text, constraint phrases]. */
const shape = (t: RawTable) => t.columns.map((c) => [c.name.text, c.type.text, c.constraints.map((x) => x.text)]);
const build = (r: ReaderResult) => buildIr({ tables: r.tables, indexes: r.indexes, enums: r.enums, endpoints: [] }, { schema: FILE, api: null });

// ---------------------------------------------------------------- parse-sqlmodel.test.ts, through this reader

describe("the cases of parse-sqlmodel.test.ts", () => {
  const code = [
    "class User(SQLModel, table=True):",
    "    id: str = Field(primary_key=True)",
    "    email: Optional[str] = None",
    "",
    "class Task(SQLModel, table=True):",
    '    __tablename__ = "tasks"',
    "    id: Optional[int] = Field(default=None, primary_key=True)",
    '    owner_id: str = Field(foreign_key="user.id", index=True)',
    "    title: str = Field(min_length=1, max_length=200)",
    "    done: bool = False",
    "    due: Optional[datetime] = None",
    "    created_at: datetime = Field(default_factory=datetime.utcnow)",
    '    owner: Optional["User"] = Relationship(back_populates="tasks")',
    "    weird: str = Field(frobnicate=3)",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);

  it("become tables with typed, constrained columns", () => {
    const b = build(r);
    const tasks = b.ir.tables.find((t) => t.name === "tasks")!;
    expect(tasks.owner).toBe("owner_id");
    const col = (n: string) => tasks.columns.find((c) => c.name === n)!;
    expect(col("id")).toMatchObject({ primaryKey: true, default: { kind: "increment" }, type: { kind: "integer" } });
    expect(col("owner_id").references).toMatchObject({ table: "user", column: "id" });
    expect(col("title")).toMatchObject({ nullable: false, minLength: 1, maxLength: 200 });
    expect(col("done")).toMatchObject({ nullable: false, default: { kind: "literal", value: false }, type: { kind: "boolean" } });
    expect(col("due")).toMatchObject({ nullable: true, type: { kind: "timestamp" } });
    expect(col("created_at").default).toEqual({ kind: "now" });
    expect(tasks.columns.map((c) => c.name)).not.toContain("owner");
    expect(b.ir.tables.find((t) => t.name === "user")!.identity).toBe(true);
  });

  it("reports a Field argument it does not understand at its place", () => {
    const sf113 = r.diagnostics.filter((x) => x.code === "SF113");
    expect(sf113).toHaveLength(1);
    expect(sf113[0]!.message).toMatch(/frobnicate/);
    expect(where(sf113[0]!)).toBe(pos(md, "frobnicate=3"));
  });

  it("keeps the texts parse-sqlmodel.ts produced, at the same places", () => {
    expect(shape(table(r, "tasks"))).toEqual([
      ["id", "integer", ["primary key", "nullable"]],
      ["owner_id", "string", ["references user(id)", "not null"]],
      ["title", "string", ["min length 1", "max length 200", "not null"]],
      ["done", "boolean", ["default false", "not null"]],
      ["due", "timestamp", ["nullable"]],
      ["created_at", "timestamp", ["default now()", "not null"]],
      ["weird", "string", ["not null"]],
    ]);
    const owner = column(table(r, "tasks"), "owner_id");
    expect(where(owner.name)).toBe(pos(md, "owner_id:"));
    expect(where(owner.type)).toBe(pos(md, 'str = Field(foreign_key="user.id"'));
    expect(owner.constraints.map(where)).toEqual([pos(md, 'foreign_key="user.id"'), pos(md, 'str = Field(foreign_key="user.id"')]);
    expect(table(r, "tasks").indexes).toEqual([{ columns: ["owner_id"], unique: false, span: expect.objectContaining({ line: Number(pos(md, "index=True").split(":")[0]) }) }]);
    expect(where(table(r, "tasks").indexes[0]!)).toBe(pos(md, "index=True"));
    // The class name gives the table its name: in lower case, at the class name.
    expect(where(table(r, "user").name)).toBe(pos(md, "User(SQLModel"));
    // __tablename__ names it: the name is where the string says it.
    expect(where(table(r, "tasks").name)).toBe(pos(md, 'tasks"\n'));
    expect(r.tables.every((t) => t.notation === "python")).toBe(true);
  });
});

// ---------------------------------------------------------------- SQLModel

describe("SQLModel", () => {
  it.each([
    ["id: Optional[int] = Field(default=None, primary_key=True)", "integer", ["primary key", "nullable"]],
    ['code: str = Field(regex=r"^[A-Z]+$", max_length=8)', "string", ["pattern '^[A-Z]+$'", "max length 8", "not null"]],
    ["qty: int = Field(gt=0, lt=1000)", "integer", ["> 0", "< 1000", "not null"]],
    ['email: EmailStr = Field(unique=True)', "string", ["format email", "unique", "not null"]],
    ["tags: List[str] = Field(default_factory=list)", "string[]", ["default []", "not null"]],
    ["price: Decimal = Field(max_digits=10, decimal_places=2)", "decimal(10,2)", ["not null"]],
    ['data: dict = Field(sa_column=Column(JSONB, nullable=False))', "jsonb", ["not null"]],
    ["state: Literal['open', 'closed'] = 'open'", "enum(open, closed)", ["default 'open'", "not null"]],
    ["note: str | None = None", "string", ["nullable"]],
    ['user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")', "integer", ["references users(id)", "on delete cascade", "not null"]],
    ["id: str = Field(default_factory=lambda: str(uuid.uuid4()), primary_key=True)", "string", ["default gen_random_uuid()", "primary key", "not null"]],
    ["seen: datetime = Field(sa_column=Column(DateTime(timezone=True), server_default=func.now()))", "timestamptz", ["default now()", "not null"]],
  ])("%s", (field, type, constraints) => {
    const { r } = inSpec(`class Thing(SQLModel, table=True):\n    ${field}\n`);
    expect(r.diagnostics).toEqual([]);
    const [c] = table(r, "thing").columns;
    expect([c!.type.text, c!.constraints.map((x) => x.text)]).toEqual([type, constraints]);
  });

  it("puts the fields of a non-table base first, and makes no body rules of that base", () => {
    const { r } = inSpec(
      [
        "class TaskBase(SQLModel):",
        "    title: str = Field(min_length=1, max_length=200)",
        "    done: bool = False",
        "",
        "class Task(TaskBase, table=True):",
        "    id: Optional[int] = Field(default=None, primary_key=True)",
        "",
        "class TaskCreate(TaskBase):",
        "    pass",
        "",
      ].join("\n"),
    );
    expect(table(r, "task").columns.map((c) => c.name.text)).toEqual(["title", "done", "id"]);
    // TaskCreate restates the base's rules for the table the class Task names ("task", not "tasks").
    expect(r.tables.filter((t) => t.fragment).map((t) => t.name.text)).toEqual(["task"]);
    expect(shape(table(r, "task", true))).toEqual([["title", "", ["min length 1", "max length 200"]]]);
  });

  it("skips relationships and lists of models without a word", () => {
    const { r } = inSpec(
      [
        "class User(SQLModel, table=True):",
        "    id: int = Field(primary_key=True)",
        '    tasks: List["Task"] = Relationship(back_populates="owner")',
        "    teams: list[Team] = Relationship()",
        "    best: Optional[\"Task\"] = None",
        "    counter: ClassVar[int] = 0",
        "",
        "class Team(SQLModel, table=True):",
        "    id: int = Field(primary_key=True)",
        "",
      ].join("\n"),
    );
    expect(r.diagnostics).toEqual([]);
    expect(table(r, "user").columns.map((c) => c.name.text)).toEqual(["id"]);
  });
});

// ---------------------------------------------------------------- SQLAlchemy 2.0

describe("SQLAlchemy 2.0 (Mapped, mapped_column)", () => {
  const code = [
    "class Base(DeclarativeBase):",
    "    pass",
    "",
    "class Member(Base):",
    '    __tablename__ = "members"',
    "",
    "    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)",
    "    handle: Mapped[str] = mapped_column(String(32), unique=True, nullable=False, index=True)",
    "    bio: Mapped[Optional[str]] = mapped_column(Text)",
    "    karma: Mapped[int] = mapped_column(default=0)",
    "    rank: Mapped[Rank] = mapped_column(default=Rank.NOVICE)",
    "    joined: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())",
    "    team_id: Mapped[int | None] = mapped_column(ForeignKey(\"teams.id\", ondelete=\"SET NULL\"))",
    "    score: Mapped[Decimal] = mapped_column(Numeric(12, 3), CheckConstraint(\"score >= 0\"))",
    '    posts: Mapped[list["Post"]] = relationship(back_populates="author")',
    "",
    "class Rank(str, enum.Enum):",
    '    NOVICE = "novice"',
    '    EXPERT = "expert"',
    "",
    "class Follow(Base):",
    '    __tablename__ = "follows"',
    '    follower_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)',
    "    followee_id: Mapped[uuid.UUID] = mapped_column(",
    '        ForeignKey(Member.id, ondelete="CASCADE"), primary_key=True',
    "    )",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);

  it("reads types, nullability from Mapped[...], keys and defaults", () => {
    expect(r.diagnostics).toEqual([]);
    expect(shape(table(r, "members"))).toEqual([
      ["id", "uuid", ["primary key", "default gen_random_uuid()"]],
      ["handle", "varchar(32)", ["unique", "not null"]],
      ["bio", "text", ["nullable"]],
      ["karma", "integer", ["default 0", "not null"]],
      ["rank", "Rank", ["default 'novice'", "not null"]],
      ["joined", "timestamptz", ["default now()", "not null"]],
      ["team_id", "integer", ["references teams(id) on delete set null", "nullable"]],
      ["score", "decimal(12,3)", ["check (score >= 0)", "not null"]],
    ]);
    expect(shape(table(r, "follows"))).toEqual([
      ["follower_id", "uuid", ["references members(id) on delete cascade", "primary key"]],
      ["followee_id", "uuid", ["references members(id) on delete cascade", "primary key"]],
    ]);
    expect(r.enums.map((e) => [e.name.text, e.values.map((v) => v.text)])).toEqual([["Rank", ["novice", "expert"]]]);
  });

  it("puts every text where it is written", () => {
    const m = table(r, "members");
    expect(where(m.name)).toBe(pos(md, 'members"'));
    expect(where(column(m, "handle").type)).toBe(pos(md, "String(32)"));
    expect(column(m, "handle").constraints.map(where)).toEqual([pos(md, "unique=True"), pos(md, "nullable=False")]);
    // The nullability Mapped[...] states is at the annotation.
    expect(where(column(m, "bio").constraints[0]!)).toBe(pos(md, "Mapped[Optional[str]]"));
    expect(where(m.indexes[0]!)).toBe(pos(md, "index=True"));
    expect(where(column(table(r, "follows"), "followee_id").constraints[0]!)).toBe(pos(md, "ForeignKey(Member.id"));
    expect(where(r.enums[0]!.values[1]!)).toBe(pos(md, 'expert"'));
  });

  it("builds into the IR", () => {
    const b = build(r);
    expect(b.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const members = b.ir.tables.find((t) => t.name === "members")!;
    expect(members.columns.find((c) => c.name === "rank")!.type).toMatchObject({ kind: "enum", values: ["novice", "expert"] });
    // "teams" is not defined in this document: the column stays, without a foreign key, and a warning says so.
    expect(members.columns.find((c) => c.name === "team_id")).toMatchObject({ nullable: true, references: null });
    expect(b.diagnostics.filter((d) => d.code === "SF104").map((d) => d.message)).toEqual(['column "members.team_id" references unknown table "teams"; no foreign key is created']);
  });
});

// ---------------------------------------------------------------- classic SQLAlchemy

describe("classic SQLAlchemy (Column, __table_args__, Table)", () => {
  const code = [
    "import sqlalchemy as sa",
    "from sqlalchemy import Enum as SAEnum",
    "Base = declarative_base()",
    "",
    "class Timestamps:",
    "    created_at = sa.Column(sa.DateTime, default=datetime.utcnow, nullable=False)",
    "",
    "class Order(Timestamps, Base):",
    '    """Orders placed by customers."""',
    '    __tablename__ = "orders"',
    "    __table_args__ = (",
    '        UniqueConstraint("customer_id", "number", name="uq_order_number"),',
    '        CheckConstraint("total >= 0", name="ck_total"),',
    '        Index("ix_orders_placed", "placed_at"),',
    '        {"schema": "shop"},',
    "    )",
    "    id = Column(Integer, primary_key=True)",
    "    number = Column(String(20), nullable=False)  # printed on the invoice",
    '    customer_id = Column(Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)',
    "    total = Column(Numeric(10, 2), default=0)",
    '    state = Column(SAEnum("new", "paid", name="order_state"), server_default="new")',
    '    placed_at = Column("placed", sa.DateTime(timezone=True), server_default=sa.text("now()"))',
    "",
    "class Customer(Base):",
    "    id = Column(Integer, primary_key=True)",
    "    email = Column(String(255), unique=True, nullable=False)",
    "",
    "order_tags = Table(",
    '    "order_tags", Base.metadata,',
    '    Column("order_id", ForeignKey("orders.id"), primary_key=True),',
    '    Column("tag", String(30), primary_key=True),',
    ")",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);

  it("reads columns (nullable unless said), mixin columns, constraints and checks", () => {
    expect(r.diagnostics).toEqual([]);
    const o = table(r, "orders");
    expect(shape(o)).toEqual([
      ["created_at", "timestamp", ["default now()", "not null"]],
      ["id", "integer", ["primary key"]],
      ["number", "varchar(20)", ["not null"]],
      ["customer_id", "integer", ["references customers(id) on delete cascade", "not null"]],
      ["total", "decimal(10,2)", ["default 0", "nullable"]],
      ["state", "enum(new, paid)", ["default 'new'", "nullable"]],
      ["placed", "timestamptz", ["default now()", "nullable"]],
    ]);
    expect(o.description).toBe("Orders placed by customers.");
    expect(column(o, "number").description).toBe("printed on the invoice");
    expect(o.indexes.map((i) => [i.columns, i.unique, i.name])).toEqual([
      [["customer_id", "number"], true, "uq_order_number"],
      [["placed_at"], false, "ix_orders_placed"],
    ]);
    expect(o.checks).toEqual([{ expression: { text: "total >= 0", span: expect.anything() }, name: "ck_total", dialect: "postgresql" }]);
    expect(where(o.checks![0]!.expression)).toBe(pos(md, "total >= 0"));
    expect(where(o.indexes[0]!)).toBe(pos(md, "UniqueConstraint("));
    expect(where(column(o, "placed").name)).toBe(pos(md, 'placed", sa.DateTime'));
  });

  it("names a table without __tablename__ from its class, with a note", () => {
    expect(table(r, "customers").columns.map((c) => c.name.text)).toEqual(["id", "email"]);
    expect(r.notes.map((n) => n.message)).toContain('class Customer names no __tablename__: its table is read as "customers"');
    expect(where(table(r, "customers").name)).toBe(pos(md, "Customer(Base)"));
  });

  it("reads Table(...) definitions", () => {
    expect(shape(table(r, "order_tags"))).toEqual([
      ["order_id", "", ["references orders(id)", "primary key"]],
      ["tag", "varchar(30)", ["primary key"]],
    ]);
    expect(where(table(r, "order_tags").name)).toBe(pos(md, 'order_tags", Base'));
  });

  it("refuses single-table inheritance and partial unique indexes with a warning at their place", () => {
    const { md: md2, r: r2 } = inSpec(
      [
        "class Person(Base):",
        '    __tablename__ = "people"',
        "    id = Column(Integer, primary_key=True)",
        "    email = Column(String)",
        '    __table_args__ = (Index("ux_live", "email", unique=True, postgresql_where=text("email is not null")),)',
        "",
        "class Admin(Person):",
        "    level = Column(Integer)",
        "",
      ].join("\n"),
    );
    expect(r2.diagnostics.map((d) => [d.code, where(d)])).toEqual([
      ["SF113", pos(md2, 'Index("ux_live"')],
      ["SF113", pos(md2, "Admin(Person)")],
    ]);
    expect(r2.tables.map((t) => t.name.text)).toEqual(["people"]);
  });
});

// ---------------------------------------------------------------- Django

describe("Django models", () => {
  const code = [
    "from django.db import models",
    "",
    "class Board(models.Model):",
    "    name = models.CharField(max_length=80, unique=True)",
    "    class Meta:",
    '        db_table = "boards"',
    "",
    "class Card(models.Model):",
    "    class Lane(models.TextChoices):",
    '        TODO = "todo", "To do"',
    '        DONE = "done", _("Done")',
    "",
    "    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name=\"cards\")",
    "    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)",
    '    title = models.CharField("Title", max_length=140, help_text="Shown on the card")',
    "    lane = models.CharField(max_length=8, choices=Lane.choices, default=Lane.TODO)",
    "    contact = models.EmailField(null=True, blank=True)",
    "    points = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(13)])",
    "    cost = models.DecimalField(max_digits=8, decimal_places=2, default=0)",
    "    created = models.DateTimeField(auto_now_add=True)",
    '    watchers = models.ManyToManyField("auth.User")',
    "",
    "    class Meta:",
    '        unique_together = ("board", "title")',
    '        indexes = [models.Index(fields=["-created"], name="ix_card_created")]',
    '        constraints = [models.CheckConstraint(check=models.Q(cost__gte=0) & ~models.Q(title=""), name="ck_card")]',
    "",
  ].join("\n");
  const { md, r } = inSpec(code);

  it("reads field classes, foreign keys, choices, validators and the implicit id", () => {
    expect(r.diagnostics).toEqual([]);
    expect(shape(table(r, "boards"))).toEqual([
      ["id", "bigserial", ["primary key"]],
      ["name", "varchar(80)", ["unique", "not null"]],
    ]);
    expect(shape(table(r, "cards"))).toEqual([
      ["id", "bigserial", ["primary key"]],
      ["board_id", "bigint", ["references boards(id)", "on delete cascade", "not null"]],
      ["author_id", "", ["references users(id)", "on delete restrict", "not null"]],
      ["title", "varchar(140)", ["not null"]],
      ["lane", "varchar(8)", ["one of ('todo', 'done')", "default 'todo'", "not null"]],
      ["contact", "varchar(254)", ["format email", "nullable"]],
      ["points", "smallint", ["min 1", "max 13", "min 0", "not null"]],
      ["cost", "decimal(8,2)", ["default 0", "not null"]],
      ["created", "timestamp", ["default now()", "not null"]],
    ]);
    expect(column(table(r, "cards"), "title").description).toBe("Shown on the card");
    expect(r.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([
        'Django adds "id" (bigint, counting up) to Card as its primary key',
        'class Card names no Meta.db_table: its table is read as "cards"',
        expect.stringMatching(/^Card\.watchers is a many-to-many relation/),
      ]),
    );
    // A nested TextChoices has no enum of its own (two models may both have a "Lane").
    expect(r.enums).toEqual([]);
  });

  it("reads Meta: unique_together by column, indexes, and Q checks as SQL", () => {
    const t = table(r, "cards");
    expect(t.indexes.map((i) => [i.columns, i.unique, i.name])).toEqual([
      [["board_id", "title"], true, undefined],
      [["created"], false, "ix_card_created"],
    ]);
    expect(t.checks!.map((c) => [c.expression.text, c.name, c.dialect])).toEqual([["(cost >= 0 AND NOT (title = ''))", "ck_card", "postgresql"]]);
    expect(where(t.checks![0]!.expression)).toBe(pos(md, "models.Q(cost__gte=0)"));
    expect(where(column(t, "board_id").name)).toBe(pos(md, "board = "));
    expect(where(column(t, "lane").constraints[0]!)).toBe(pos(md, "choices=Lane.choices"));
  });

  it("builds into the IR, the card's key typed like the board's id", () => {
    const b = build(r);
    const cards = b.ir.tables.find((t) => t.name === "cards")!;
    expect(cards.columns.find((c) => c.name === "board_id")).toMatchObject({ type: { kind: "bigint" }, references: { table: "boards", column: "id", onDelete: "cascade" } });
    expect(cards.columns.find((c) => c.name === "points")).toMatchObject({ minimum: 1, maximum: 13 });
    expect(cards.columns.find((c) => c.name === "lane")!.type).toMatchObject({ kind: "enum", values: ["todo", "done"] });
  });
});

describe("one-line bodies, semicolons and continuation lines", () => {
  it("reads them like the long forms", () => {
    const { md, r } = inSpec(
      [
        "class Tag(models.Model):",
        "    name = models.CharField(max_length=30); slug = models.SlugField(unique=True)",
        '    class Meta: db_table = "tags"; unique_together = [["name", "slug"]]',
        "",
        "class Note(Base):",
        '    __tablename__ = "notes"',
        "    id = Column(Integer, \\",
        "                primary_key=True)",
        '    body = Column(Text, nullable=False, comment="the note"  # a comment inside the call',
        "    )",
        "",
      ].join("\n"),
    );
    expect(r.diagnostics).toEqual([]);
    expect(shape(table(r, "tags"))).toEqual([
      ["id", "bigserial", ["primary key"]],
      ["name", "varchar(30)", ["not null"]],
      ["slug", "varchar(50)", ["unique", "pattern '^[-a-zA-Z0-9_]+$'", "not null"]],
    ]);
    expect(table(r, "tags").indexes.map((i) => [i.columns, i.unique])).toEqual([[["name", "slug"], true]]);
    expect(where(column(table(r, "tags"), "slug").name)).toBe(pos(md, "slug = "));
    expect(shape(table(r, "notes"))).toEqual([
      ["id", "integer", ["primary key"]],
      ["body", "text", ["not null"]],
    ]);
    expect(column(table(r, "notes"), "body").description).toBe("the note");
    expect(where(column(table(r, "notes"), "id").constraints[0]!)).toBe(pos(md, "primary_key=True)"));
  });
});

// ---------------------------------------------------------------- Pydantic request bodies

describe("Pydantic request body models", () => {
  const code = [
    "from pydantic import BaseModel, Field, EmailStr, HttpUrl, conint, constr",
    "MAX_TITLE = 120",
    "",
    "class Task(Base):",
    '    __tablename__ = "tasks"',
    "    id: Mapped[int] = mapped_column(primary_key=True)",
    "    title: Mapped[str] = mapped_column(String(200))",
    "    priority: Mapped[str] = mapped_column(String(10))",
    "    estimate: Mapped[Optional[int]]",
    "    site: Mapped[Optional[str]] = mapped_column(String(300))",
    "    code: Mapped[str] = mapped_column(String(3))",
    "    labels: Mapped[list[str]] = mapped_column(ARRAY(String))",
    "",
    "class TaskCreateRequest(BaseModel):",
    "    title: str = Field(..., min_length=1, max_length=MAX_TITLE)",
    '    priority: Literal["low", "high"] = "low"',
    "    estimate: conint(ge=0, le=100) | None = None",
    "    site: Optional[HttpUrl] = None",
    '    code: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]',
    "    labels: list[str] = Field(default_factory=list, max_length=5)",
    "    note: str = None",
    "",
    "class TaskResponse(BaseModel):",
    "    id: int",
    "    title: str",
    "",
    "class RegisterRequest(BaseModel):",
    "    email: EmailStr",
    "    password: constr(min_length=8)",
    "",
  ].join("\n");
  const { md, r } = inSpec(code);

  it("become fragments of the table they name, with only value rules and no type", () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => [t.name.text, !!t.fragment])).toEqual([
      ["tasks", false],
      ["tasks", true],
      ["users", true],
    ]);
    const f = table(r, "tasks", true);
    expect(f.notation).toBe("python");
    expect(shape(f)).toEqual([
      ["title", "", ["min length 1", "max length 120"]],
      ["priority", "", ["one of ('low', 'high')"]],
      ["estimate", "", ["min 0", "max 100"]],
      ["site", "", ["format uri"]],
      ["code", "", ["pattern '^[A-Z]{3}$'"]],
      ["labels", "", ["at most 5 items"]],
    ]);
    expect(shape(table(r, "users", true))).toEqual([
      ["email", "", ["format email"]],
      ["password", "", ["min length 8"]],
    ]);
    expect(where(f.name)).toBe(pos(md, "TaskCreateRequest"));
    expect(where(column(f, "estimate").constraints[0]!)).toBe(pos(md, "ge=0"));
    expect(where(column(f, "priority").constraints[0]!)).toBe(pos(md, 'Literal["low"'));
    expect(r.notes.map((n) => n.message)).toContain('TaskCreateRequest is a request body model: its rules are read for table "tasks"');
  });

  it("tighten the table's columns when the builder merges them", () => {
    const b = build({ ...r, tables: r.tables.filter((t) => t.name.text === "tasks") });
    const tasks = b.ir.tables.find((t) => t.name === "tasks")!;
    const col = (n: string) => tasks.columns.find((c) => c.name === n)!;
    // The body's max_length=120 is tighter than String(200): it holds for the column too.
    expect(col("title")).toMatchObject({ type: { kind: "string", maxLength: 200 }, minLength: 1, maxLength: 120 });
    expect(col("priority").type).toMatchObject({ kind: "enum", values: ["low", "high"] });
    expect(col("estimate")).toMatchObject({ nullable: true, minimum: 0, maximum: 100 });
    expect(col("site")).toMatchObject({ format: "uri" });
    expect(col("code")).toMatchObject({ pattern: "^[A-Z]{3}$" });
    expect(col("labels")).toMatchObject({ maxItems: 5 });
    // Nothing about the merge (SF126 says the spec has no users table: true, and beside the point).
    expect(b.diagnostics.filter((d) => d.code !== "SF126")).toEqual([]);
  });

  it.each([
    ["TaskCreate", "tasks"],
    ["TaskUpdateRequest", "tasks"],
    ["CreateTaskRequest", "tasks"],
    ["NewTask", "tasks"],
    ["UserInDB", "users"],
    ["LoginRequest", "users"],
    ["SignUpPayload", "users"],
    ["AuthorCreate", "authors"],
    ["CategoryOut", "categories"],
    ["ProjectMemberCreate", "project_members"],
    ["Response", null],
    ["BaseSchema", null],
  ])("%s -> %s", (name, want) => {
    const { r: got } = inSpec(`class ${name}(BaseModel):\n    name: str = Field(max_length=5)\n`);
    expect(got.tables.map((t) => t.name.text)).toEqual(want ? [want] : []);
  });
});

// ---------------------------------------------------------------- enums

describe("enums", () => {
  it("reads str enums, StrEnum's auto() and TextChoices; numbered enums are no text values", () => {
    const { md, r } = inSpec(
      [
        "class Color(str, Enum):",
        '    RED = "red"',
        "    BLUE = 'blue'  # the sky",
        "",
        "class Mood(StrEnum):",
        "    HAPPY = auto()",
        "    SAD = auto()",
        "",
        "class Size(models.TextChoices):",
        '    S = "s", "Small"',
        '    L = "l", "Large"',
        "",
        "class Level(IntEnum):",
        "    LOW = 1",
        "    HIGH = 2",
        "",
      ].join("\n"),
    );
    expect(r.enums.map((e) => [e.name.text, e.values.map((v) => v.text)])).toEqual([
      ["Color", ["red", "blue"]],
      ["Mood", ["happy", "sad"]],
      ["Size", ["s", "l"]],
    ]);
    expect(where(r.enums[0]!.name)).toBe(pos(md, "Color"));
    expect(where(r.enums[0]!.values[1]!)).toBe(pos(md, "blue'"));
    expect(where(r.enums[1]!.values[0]!)).toBe(pos(md, "HAPPY"));
    expect(r.notes.map((n) => n.message)).toContain("Level holds numbers: it is not read as a set of text values");
    expect(r.tables).toEqual([]);
  });
});

// ---------------------------------------------------------------- what is not a model, and what is broken

describe("code that is not a model, and code that is broken", () => {
  it("reads nothing and says nothing about functions, queries and settings", () => {
    const { r } = inSpec(
      [
        "from sqlmodel import Session, select",
        "engine = create_engine(DATABASE_URL, echo=True)",
        "",
        "@app.get('/tasks')",
        "async def list_tasks(session: Session = Depends(get_session)) -> list[Task]:",
        "    query = select(Task).where(Task.user_id == user_id)",
        "    if status == 'done':",
        "        query = query.where(Task.completed == True)",
        "    return session.exec(query).all()",
        "",
        "class Settings(BaseSettings):",
        '    database_url: str = "postgres://"',
        "",
      ].join("\n"),
    );
    expect(r).toEqual({ tables: [], indexes: [], enums: [], diagnostics: [], notes: [] });
  });

  it("warns once at a model class it cannot read, and reads the others", () => {
    const { md, r } = inSpec(
      [
        "class Broken(SQLModel, table=True):",
        "    id: int = Field(primary_key=True",
        "    name: str",
        "",
        "class Fine(SQLModel, table=True):",
        "    id: int = Field(primary_key=True)",
        "",
        "class AlsoBroken(Base):",
        '    __tablename__ = "also"',
        "    title = Column(String(20) nullable=False)",
        "",
        "class Unclosed(Base):",
        '    note = Column(String, comment="never ends)',
        "    id = Column(Integer, primary_key=True)",
        "",
      ].join("\n"),
    );
    expect(r.diagnostics.map((d) => [d.code, where(d)])).toEqual([
      ["SF113", pos(md, "Broken(SQLModel")],
      ["SF113", pos(md, "AlsoBroken")],
      ["SF113", pos(md, "Unclosed")],
    ]);
    expect(r.diagnostics[0]!.message).toMatch(/^class Broken could not be read \("\(" is never closed at \d+:\d+\); it is skipped$/);
    expect(r.tables.map((t) => t.name.text)).toEqual(["fine"]);
  });

  it("never throws, and every position it gives is inside the block", () => {
    const pieces = [
      "class A(Base):\n", "class B(SQLModel, table=True):\n", "class C(models.Model):\n", "class D(BaseModel):\n", "class E(str, Enum):\n",
      "    __tablename__ = 'a'\n", "    x: Mapped[int] = mapped_column(", "    y = Column(String(", "    z: str = Field(max_length=", "    w = models.ForeignKey(",
      "Optional[", "'", '"""', "\\\n", "(", ")", "[", "]", ",", "=", ":", "#", "\n", "    ", "1", "True", "None", "lambda: x", "@dec\n", "def f():\n",
      "__table_args__ = (", "UniqueConstraint('a')", "Index(", "CheckConstraint(", "class Meta:\n", "db_table = ", "choices=", "Literal['a']", "ü", "\t", "\r\n",
    ];
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(""))), (code) => {
        const lines = code.split("\n").length;
        const r = read({ text: code, file: FILE, lang: "python", at: spanMapper(code, { file: FILE, line: 10, column: 1 }) }, {});
        const spans = [
          ...r.diagnostics.map((d) => d.span),
          ...r.notes.map((n) => n.span),
          ...r.tables.flatMap((t) => [t.name.span, ...t.columns.flatMap((c) => [c.name.span, c.type.span, ...c.constraints.map((x) => x.span)])]),
        ];
        for (const s of spans) {
          expect(s.line).toBeGreaterThanOrEqual(10);
          expect(s.line).toBeLessThan(10 + lines);
        }
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------- what the builder reads

describe("every type and phrase the reader writes is one the builder understands", () => {
  const samples = [
    "class Thing(SQLModel, table=True):\n    id: UUID = Field(default_factory=uuid4, primary_key=True)\n    a: Optional[Decimal] = Field(default=None, ge=0, le=9.5)\n    b: bytes\n    c: timedelta\n    d: date\n    e: time\n    f: list[int] = Field(default_factory=list)\n    g: IPv4Address\n    h: Json\n    i: PositiveInt = 1\n    j: str = Field(pattern=\"it's\")\n    k: str = Field(default=\"it's\")\n",
    "class Blob(Base):\n    __tablename__ = 'blobs'\n    id = Column(BigInteger, Identity(), primary_key=True)\n    a = Column(LargeBinary)\n    b = Column(INET)\n    c = Column(ARRAY(Integer), server_default='{}')\n    d = Column(CHAR(3))\n    e = Column(Interval)\n    f = Column(Vector(768))\n    g = Column(Boolean, server_default=sa.false())\n    h = Column(SmallInteger, autoincrement=True)\n    i = Column(Float)\n    j = Column(Time(timezone=True))\n    k = Column(CITEXT)\n",
    "class Doc(models.Model):\n    a = models.SlugField()\n    b = models.URLField(max_length=300)\n    c = models.JSONField(default=dict)\n    d = models.DurationField()\n    e = models.GenericIPAddressField()\n    f = ArrayField(models.CharField(max_length=10), size=4)\n    g = models.UUIDField(default=uuid.uuid4)\n    h = models.CharField(max_length=5, validators=[RegexValidator(r'^[a-z]+$'), MinLengthValidator(2)])\n    i = models.BigAutoField(primary_key=True)\n",
  ];
  it.each(samples)("%#", (code) => {
    const { r } = inSpec(code);
    expect(r.diagnostics).toEqual([]);
    for (const t of r.tables) {
      for (const c of t.columns) {
        if (c.type.text) expect(interpretType(c.type.text).type, `${c.name.text}: ${c.type.text}`).not.toBeNull();
        for (const p of c.constraints) expect(interpretConstraint(p.text).unknownAt, `${c.name.text}: ${p.text}`).toBeUndefined();
      }
    }
    const b = build(r);
    expect(b.diagnostics.filter((d) => ["SF103", "SF108", "SF117", "SF118"].includes(d.code))).toEqual([]);
  });
});

// ---------------------------------------------------------------- the corpus

const corpusFile = path.resolve(import.meta.dirname, "../../../shared/corpus/21-personal-blog/data-model.md");

describe.skipIf(!existsSync(corpusFile))("the SQLAlchemy models of corpus case 21", () => {
  it("read into nine tables and four enums, the join tables keyed by both references", () => {
    const md = readFileSync(corpusFile, "utf8");
    const results: ReaderResult[] = [];
    for (const m of md.matchAll(/```python\r?\n([\s\S]*?)```/g)) {
      const line = md.slice(0, m.index).split("\n").length + 1;
      results.push(read({ text: m[1]!, file: FILE, lang: "python", at: spanMapper(m[1]!, { file: FILE, line, column: 1 }) }, {}));
    }
    const tables = results.flatMap((x) => x.tables).filter((t) => !t.fragment);
    expect(results.flatMap((x) => x.diagnostics)).toEqual([]);
    expect(tables.map((t) => t.name.text)).toEqual(["users", "categories", "tags", "articles", "article_tags", "favorites", "likes", "medias", "site_settings"]);
    expect(results.flatMap((x) => x.enums).map((e) => e.name.text)).toEqual(["UserRole", "ArticleStatus", "ContentType", "UploadType"]);
    const joins = tables.find((t) => t.name.text === "article_tags")!;
    expect(shape(joins)).toEqual([
      ["article_id", "uuid", ["references articles(id) on delete cascade", "primary key"]],
      ["tag_id", "uuid", ["references tags(id) on delete cascade", "primary key"]],
    ]);
    // Every name is where the file has it.
    const lines = md.split("\n");
    for (const t of tables) for (const c of t.columns) expect(lines[c.name.span.line - 1]!.slice(c.name.span.column - 1)).toMatch(new RegExp(`^${c.name.text}\\b`));
  });
});
