// Dates and times kept as text, written as a template ("YYYY-MM", "HH:mm", "DD.MM.YYYY"): the
// regular expression that holds such a text to the template's digits, for the phrase reader
// (constraints.ts) and the description reader (description-rules.ts).

/** A date or time template written for a text column: "YYYY-MM", "yyyy-mm-dd", "HH:mm", "YYYY-MM-DD HH:mm:ss". */
const TEMPLATE_TOKEN = "(?:YYYY|yyyy|YY|yy|MM|mm|DD|dd|HH|hh|ss|SS)";
export const DATE_TEMPLATE = new RegExp(`${TEMPLATE_TOKEN}(?:[-/:. T]${TEMPLATE_TOKEN})+`);
export const DATE_TEMPLATE_PHRASE = new RegExp(`(?:(?:[Ff]ormatted|[Ww]ritten|[Ss]tored|[Gg]iven|[Ee]ncoded)\\s+(?:as|in)\\s+(?:the\\s+)?|[Ii]n\\s+(?:the\\s+)?(?:format\\s+)?|(?:[Mm]ust\\s+)?[Mm]atch(?:es|ing)?\\s+(?:the\\s+)?(?:format\\s+)?|[Ff]ormat\\s*[:=：]?\\s*|[Aa]s\\s+)?[\"'\`(（]?(${DATE_TEMPLATE.source})[\"'\`)）]?(?:\\s+[Ff]ormat(?:ted)?)?(?![\\w\\-/:])`, "y");
/** A template anywhere in a description ("Month in YYYY-MM format", "(HH:mm)"), whole: not the start of "YYYY-MM-DDTHH:mm:ssZ". */
export const DATE_TEMPLATE_WORD = new RegExp(`(?<![\\w\\-/:])(${DATE_TEMPLATE.source})(?![\\w\\-/:]|\\.\\w)`);

/** The regular expression a date or time template holds its text to: "YYYY-MM" -> ^\d{4}-(0[1-9]|1[0-2])$. */
export function dateTemplatePattern(template: string): string {
  const parts = template.split(/([-/:. T])/);
  let out = "";
  let prev = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i % 2 === 1) {
      // Only "." needs escaping (and "\-" or "\:" are errors in a Unicode-mode pattern, as the validator compiles them).
      out += p === "." ? "\\." : p;
      continue;
    }
    const sep = parts[i - 1] ?? "";
    const clock = sep === ":" || /^(?:HH|hh)$/.test(prev);
    if (/^(?:YYYY|yyyy)$/.test(p)) out += "\\d{4}";
    else if (/^(?:YY|yy)$/.test(p)) out += "\\d{2}";
    else if (/^(?:DD|dd)$/.test(p)) out += "(0[1-9]|[12]\\d|3[01])";
    else if (/^(?:HH|hh)$/.test(p)) out += "([01]\\d|2[0-3])";
    else if (/^(?:ss|SS)$/.test(p)) out += "[0-5]\\d";
    else if (p === "MM" || p === "mm") out += clock ? "[0-5]\\d" : "(0[1-9]|1[0-2])";
    prev = p;
  }
  return `^${out}$`;
}

/** Whether a pattern is one dateTemplatePattern makes (a date or time template's digits). */
export function isDateTemplatePattern(pattern: string): boolean {
  return /^\^(?:\\d\{4\}|\\d\{2\}|\(0\[1-9\]\|1\[0-2\]\)|\(0\[1-9\]\|\[12\]\\d\|3\[01\]\)|\(\[01\]\\d\|2\[0-3\]\)|\[0-5\]\\d|[-/: T]|\\\.)+\$$/.test(pattern);
}
