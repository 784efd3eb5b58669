// Field bullets in the style of a spec written from Prisma models and rendered with a math
// plugin: "`userId` (`String`, Foreign Key $\to$ `User.id`)", "(`Role` enum): `A` or `B`",
// "Primary Key: Composite `[a, b]`.", "$\ge$ 1", and a bold prose bullet among the fields.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Schema

### 1 \`User\`
* \`id\` (\`String\`, UUID, Primary Key): Unique identifier.
* \`role\` (\`Role\` enum): \`MANAGER\` or \`TECHNICIAN\`.

### 2 \`Job\`
* \`id\` (\`String\`, UUID, Primary Key).
* \`ownerId\` (\`String\`, Foreign Key $\\to$ \`User.id\`).
* \`hours\` (\`Int\`): Hours worked ($\\ge$ 1).
* \`status\` (\`JobStatus\` enum): \`OPEN\`, \`DONE\`.

### 3 \`JobAssignment\`
Join model between jobs and technicians.
* \`jobId\` (\`String\`, Foreign Key $\\to$ \`Job.id\`).
* \`userId\` (\`String\`, Foreign Key $\\to$ \`User.id\`).
* Primary Key: Composite \`[jobId, userId]\`.
* **Retention Policy**: assignments are kept after a job is closed.
`;

describe("Prisma-style field bullets", () => {
  it("reads arrows and relations written in LaTeX, named enums, a composite key, and skips a bold prose bullet", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error" || ["SF103", "SF108", "SF116", "SF122"].includes(d.code))).toEqual([]);
    const t = (n: string) => r.ir!.tables.find((x) => x.name === n)!;
    const col = (n: string, c: string) => t(n).columns.find((x) => x.name === c)!;
    expect(col("jobs", "ownerId").references).toMatchObject({ table: "users", column: "id" });
    expect(t("jobs").owner).toBe("ownerId");
    expect(col("jobs", "hours").minimum).toBe(1);
    expect(col("users", "role").type).toEqual({ kind: "enum", values: ["MANAGER", "TECHNICIAN"] });
    expect(col("jobs", "status").type).toEqual({ kind: "enum", values: ["OPEN", "DONE"] });
    expect(t("job_assignments").keyColumns).toEqual(["jobId", "userId"]);
    expect(t("job_assignments").columns.map((c) => c.name)).toEqual(["jobId", "userId"]);
  });
});
