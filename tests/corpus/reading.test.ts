// How much of each real-world spec the generator reads, against a careful human's reading
// (tests/corpus/expectations/*.yaml): every table a human finds is found, and at least as many
// of the stated rules are enforced (validator and database) as when this floor was last raised.
// A floor only goes up: when a change reads more, raise it here in the same commit.
// `CORPUS_READING_REPORT=1 npx vitest run tests/corpus/reading.test.ts` prints the table.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, loadExpectations } from "./expectations.js";
import { formatReadings, readCase, type CaseReading } from "./reading-report.js";

/** Rules enforced per case (of the rules the expectation lists), as of the last raise. */
const RULES_FLOOR: Record<string, number> = {
  "01-taskpilotai": 5,
  "02-todo-full-stack-web-applicatio": 5,
  "03-hackathon-2": 5,
  "04-hackathon2-phase5": 3,
  "05-teamdev-2026": 28,
  "06-spec-driven-development-full-s": 3,
  "07-stegodon": 13,
  "08-neurodaily": 21,
  "09-hackathon-2": 5,
  "10-full-stack-multi-user-todo-app": 2,
  "11-taskflow-eventdriven": 3,
  "12-agentflow-pmi": 14,
  "13-phase-ii-todo-full-stack-web-a": 1,
  "14-todo-app": 3,
  "15-hackathon-ii-phase2": 5,
  "16-treasury-command-center": 76,
  "17-stalkerpda": 18,
  "18-claudorc": 20,
  "19-team-lunch": 6,
  "20-hackathon-ii-all-phases": 4,
  "21-personal-blog": 19,
  "22-buckai-events": 30,
  "23-todo-ai-chatbot": 9,
};

const expectations = loadExpectations();
const readings = new Map<string, CaseReading>();

describe.skipIf(!existsSync(CORPUS_DIR))("reading the corpus", () => {
  it("has a floor for every case", () => {
    expect(Object.keys(RULES_FLOOR).sort()).toEqual(expectations.map((e) => e.case).sort());
  });

  describe.each(expectations.map((e) => [e.case, e] as const))("%s", (name, e) => {
    it("builds, finds every table a human finds, and enforces its rules", async () => {
      const r = await readCase(e);
      readings.set(name, r);
      expect(r.errors, "spec errors").toEqual([]);
      expect(r.built).toBe(true);
      expect(r.tables.missing, "tables a human reads that were not found").toEqual([]);
      const missed = r.rules.missed.map((m) => `${m.rule.table}.${m.rule.columns.join("+")} ${m.rule.kind} (line ${m.rule.line}): ${m.why}`);
      expect(r.rules.enforced, `rules enforced; missed:\n${missed.join("\n")}`).toBeGreaterThanOrEqual(RULES_FLOOR[name]!);
    });
  });

  it.runIf(process.env.CORPUS_READING_REPORT === "1")("prints the reading table", () => {
    const rows = expectations.map((e) => readings.get(e.case)).filter((r): r is CaseReading => r !== undefined);
    console.log(formatReadings(rows));
    const total = (f: (r: CaseReading) => number) => rows.reduce((n, r) => n + f(r), 0);
    console.log(`tables ${total((r) => r.tables.found)}/${total((r) => r.tables.human)}, rules ${total((r) => r.rules.enforced)}/${total((r) => r.rules.stated)}`);
    expect(rows.length).toBe(expectations.length);
  });
});
