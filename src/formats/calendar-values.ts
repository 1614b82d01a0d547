/**
 * Values of a season folder that look right but may not exist: calendar dates (2025-17-05) and
 * country codes (XQ). Checked with the platform's own calendar and region data (Intl), not lists
 * kept here.
 */

/** True for a real date written yyyy-mm-dd (leap years included). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Intl's region names, made on first use (the first Intl object costs milliseconds). */
let regions: Intl.DisplayNames | undefined;

/**
 * Answers already given, by text: a season names a few countries and time zones many times, and
 * each Intl question costs microseconds. Bounded, so that a file of distinct junk cannot grow it.
 */
function remembered(answers: Map<string, boolean>, text: string, ask: (t: string) => boolean): boolean {
  const known = answers.get(text);
  if (known !== undefined) return known;
  const answer = ask(text);
  if (answers.size < 4096) answers.set(text, answer);
  return answer;
}
const countryAnswers = new Map<string, boolean>();
const zoneAnswers = new Map<string, boolean>();
/**
 * Codes Intl names that are not countries: user-assigned (AA, QM-QZ, XA-XZ but Kosovo's XK, ZZ)
 * and exceptionally reserved ones (EU, EZ, UN, UK: the United Kingdom is GB).
 */
const NOT_COUNTRIES = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN|UK)$/;

/** True for an assigned ISO 3166-1 alpha-2 country code such as US or NL. */
export function isCountryCode(text: string): boolean {
  if (!/^[A-Z]{2}$/.test(text) || NOT_COUNTRIES.test(text)) return false;
  return remembered(countryAnswers, text, (code) => {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    return regions.of(code) !== undefined;
  });
}

/**
 * True for an IANA time zone name the platform knows (Europe/London, America/New_York, UTC);
 * abbreviations such as CET or EST are refused because they say nothing of summer time.
 */
export function isTimeZone(text: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(text)) return false;
  if (text !== 'UTC' && !text.includes('/')) return false;
  return remembered(zoneAnswers, text, (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  });
}

/** True for a local time of day written hh:mm on the 24-hour clock (14:05). */
export function isTimeOfDay(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}
