// runtime/db.ts reads timestamptz without postgres-date's regular expressions. It must give
// exactly the Date node-postgres's own parser gives, for every text PostgreSQL (and PGlite)
// writes: any time zone offset, 0 to 6 fractional digits, and the shapes it hands back to
// pg's parser (BC, infinity, years before 100 or after 9999).
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTimestamptz } from "../../generated/runtime/db.js";
import { DB_KINDS, freshDatabase, type TestDatabase } from "../helpers/databases.js";

// The parser node-postgres uses by default (pg-types depends on it): the oracle.
const postgresDate = createRequire(import.meta.url)("postgres-date") as (s: string) => Date | number | null;
const same = (text: string) => {
  const ours = parseTimestamptz(text);
  const theirs = postgresDate(text);
  return ours instanceof Date && theirs instanceof Date ? ours.getTime() === theirs.getTime() || (Number.isNaN(ours.getTime()) && Number.isNaN(theirs.getTime())) : ours === theirs;
};

describe("timestamptz text -> Date", () => {
  it("agrees with postgres-date on PostgreSQL's output forms", () => {
    const texts: string[] = [];
    const pad = (n: number, w = 2) => String(n).padStart(w, "0");
    for (let i = 0; i < 5000; i++) {
      const y = [100, 999, 1969, 1970, 2000, 2026, 2038, 9999][i % 8]!;
      const frac = ["", ".5", ".12", ".123", ".1234", ".99999", ".999999", ".000001", ".57", ".29"][i % 10]!;
      const off = ["+00", "-00", "+05:30", "-03", "+14", "-09:30", "+01", "-12"][i % 8 === 0 ? 0 : (i * 7) % 8]!;
      texts.push(`${pad(y, 4)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))} ${pad(i % 24)}:${pad((i * 13) % 60)}:${pad((i * 29) % 60)}${frac}${off}`);
    }
    texts.push("infinity", "-infinity", "0044-03-15 12:00:00+00 BC", "0099-12-31 23:59:59+00", "10000-01-01 00:00:00+00", "2026-12-07 03:18:36+05:30:15");
    const differ = texts.filter((t) => !same(t));
    expect(differ).toEqual([]);
    expect(parseTimestamptz("2026-12-07 03:18:36.123456+00")).toEqual(new Date("2026-12-07T03:18:36.123Z"));
    expect(parseTimestamptz("2026-12-07 08:48:36.5+05:30")).toEqual(new Date("2026-12-07T03:18:36.500Z"));
    expect(parseTimestamptz("infinity")).toBe(Infinity);
  });
});

describe.each(DB_KINDS)("timestamptz read from %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("gives the instant that was stored, whatever the session's time zone", async () => {
    const instants = ["2026-12-07T03:18:36.123456Z", "1999-12-31T23:59:59.999999Z", "2000-02-29T12:00:00Z", "1970-01-01T00:00:00.5Z"];
    for (const zone of ["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati"]) {
      const r = await t.db.knex.transaction(async (trx): Promise<{ rows: Array<{ v: Date; text: string }> }> => {
        await trx.raw(`set local time zone '${zone}'`);
        return await trx.raw("select v::timestamptz as v, v::timestamptz::text as text from unnest(?::text[]) as v", [instants]);
      });
      expect(r.rows).toHaveLength(instants.length);
      for (const [i, row] of r.rows.entries()) {
        expect(row.v).toBeInstanceOf(Date);
        expect(row.v.toISOString(), `${zone}: ${row.text}`).toBe(new Date(instants[i]!.replace(/(\.\d{3})\d+/, "$1")).toISOString());
        expect(same(row.text), row.text).toBe(true);
      }
    }
  });
});
