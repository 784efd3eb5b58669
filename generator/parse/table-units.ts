// Unit words written after a type ("integer minutes", "int seconds", "decimal USD",
// "integer (cents)"): what a number counts, not a rule. Shared by the table reader (a type cell
// followed by a unit is still a type) and the IR (the unit goes into the column's description).

const UNITS = [
  "ms", "msec", "millis", "milliseconds?", "secs?", "seconds?", "mins?", "minutes?", "hrs?", "hours?", "days?", "weeks?", "months?", "years?",
  "cents?", "pence", "pennies", "kopecks?", "minor units?", "basis points?", "bps", "percent(?:age)?", "%", "ppm",
  "bytes?", "kb", "kib", "mb", "mib", "gb", "gib", "bits?",
  "meters?", "metres?", "m", "km", "cm", "mm", "miles?", "feet", "ft", "inches?", "kg", "g", "grams?", "lbs?", "pounds?", "oz", "ml", "l", "liters?", "litres?",
  "kcal", "calories", "kwh", "kw", "w", "watts?", "celsius", "fahrenheit", "°c", "°f", "degrees?", "px", "pixels?", "points?", "stars?", "votes?", "units?",
  "unix", "epoch", "utc",
];
const UNIT_ALT = UNITS.join("|");
// Three capitals (ISO 4217), written alone: "decimal USD", "numeric(12,2) EUR".
const CURRENCY = "[A-Z]{3}";
const UNIT = new RegExp(`^(?:(?:in|as|of)\\s+)?(?:(?:unix|epoch)\\s+)?(?:${UNIT_ALT}|${CURRENCY})(?:\\s+(?:since\\s+epoch|utc))?$`, "i");
const CURRENCY_ONLY = new RegExp(`^${CURRENCY}$`);

/**
 * The unit `text` names ("minutes", "in cents", "USD", "unix seconds"), as written without a
 * leading "in"; null when it is not a unit word alone. Currency codes count only in capitals.
 */
export function unitOf(text: string): string | null {
  const t = text.trim().replace(/[.;,]$/, "").trim();
  if (!t || t.length > 30) return null;
  if (!UNIT.test(t)) return null;
  const bare = t.replace(/^(?:in|as|of)\s+/i, "");
  // "usd" in lower case is a word, not a code; and a lone lower-case letter ("m", "g") only counts
  // after "in" ("in m"), never bare, where it could be anything.
  if (/^[a-z]{3}$/i.test(bare) && !CURRENCY_ONLY.test(bare) && !new RegExp(`^(?:${UNIT_ALT})$`, "i").test(bare)) return null;
  if (/^[a-z]$/i.test(bare) && bare === t) return null;
  return bare;
}
