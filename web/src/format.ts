// Numbers, percents, dates and times in the page's language, by the platform (Intl): kk-KZ and
// ru-RU group with a (no-break) space and write a decimal comma, en-GB a comma and a point.
// Times are shown in a unit's own time zone from the definition (its IANA name, e.g.
// "Asia/Aqtobe"), with the zone named. For display only: every decision is made on the server
// with integers.
import { lang, type Lang } from './i18n';

const locales: Record<Lang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

// Whether this browser's ICU has the locale's own data: Debian's Chromium resolves kk-KZ to it
// but formats with the root locale's "6,366,441" (its bundled ICU has no Kazakh number data).
const hasData = new Map<string, boolean>();
function supported(wanted: string): boolean {
  let known = hasData.get(wanted);
  if (known === undefined) {
    const resolved = new Intl.NumberFormat(wanted).resolvedOptions().locale;
    const grouped = new Intl.NumberFormat(wanted).format(1234.5);
    // kk and ru group with a space and write a decimal comma; en with a comma and a point.
    const expected = wanted.startsWith('en') ? '1,234.5' : '1\u00a0234,5';
    known = resolved.split('-')[0] === wanted.split('-')[0] && grouped === expected;
    hasData.set(wanted, known);
  }
  return known;
}

// The BCP 47 locale of the page's language, as the browser supports it: an ICU without Kazakh
// data falls back to Russian conventions (the same grouping and decimal comma), not to English.
export function locale(): string {
  const wanted = locales[lang()];
  if (supported(wanted)) return wanted;
  return lang() === 'kk' ? 'ru-RU' : wanted;
}

// Whether dates may spell the month: not when Kazakh falls back to Russian (a Russian month on a
// Kazakh page); then the day and month are written as numbers ("19.03").
function monthWords(): boolean {
  return lang() !== 'kk' || supported(locales.kk);
}

// Formatters are cached per locale and options: an echarts axis formats hundreds of labels.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale()}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(locale(), options)));
  return format;
}
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale()}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale(), options)));
  return format;
}

// A whole number (votes, stations, seats): "10 100" in kk and ru, "10,100" in en.
export function formatNumber(value: number): string {
  return numberFormat({ maximumFractionDigits: 0 }).format(value);
}

// A number with exactly `digits` decimals ("0,392" in kk and ru).
export function formatDecimal(value: number, digits: number): string {
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

// An exact decimal the server wrote as text ("39.649252", a quotient or a remainder), with the
// page's decimal separator ("39,649252" in kk and ru); its digits are kept as they are.
export function formatDecimalText(text: string): string {
  return lang() === 'en' ? text : text.replace('.', ',');
}

// A share of `whole` in percent with `digits` decimals, as each locale writes it ("53,90 %"
// in ru, "53,90%" in kk, "53.90 %" in en); '—' when there is no whole.
export function formatPercent(part: number, whole: number, digits = 2): string {
  if (whole <= 0) return '—';
  return formatPercentValue((100 * part) / whole, digits);
}

// A value already in percent (0-100), e.g. a chart's axis or a statistic's share. Kazakh and
// Russian as Intl writes them; English keeps the dashboard's "53.90 %" (a space before the sign).
export function formatPercentValue(percent: number, digits = 2): string {
  if (lang() === 'en') return `${formatDecimal(percent, digits)} %`;
  return numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(percent / 100);
}

// A chart axis's number, short ("2,5 млн", "2.5M"): labels that fit a phone's width. Kazakh
// without the ICU's Kazakh data is written with Kazakh words ("20 мың", not Russian "20 тыс.").
export function formatCompact(value: number): string {
  if (lang() === 'kk' && !supported(locales.kk)) {
    const steps: [number, string][] = [[1e9, 'млрд'], [1e6, 'млн'], [1e3, 'мың']];
    const step = steps.find(([size]) => Math.abs(value) >= size);
    if (step) return `${numberFormat({ maximumFractionDigits: 1 }).format(value / step[0])}\u00a0${step[1]}`;
  }
  return numberFormat({ notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

// An IANA zone the browser knows, else undefined (then times are shown in the browser's own
// zone, still named).
function knownZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

// An instant (ISO 8601 with its offset, as the server writes it) as a local time of `zone`
// with the zone named: "19:05 GMT+5". With `withDate`, the day too. An unparsable text is
// returned as it is.
export function formatTime(iso: string, zone?: string, withDate = false): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: knownZone(zone) };
  if (withDate) Object.assign(options, monthWords() ? { day: 'numeric', month: 'short' } : { day: '2-digit', month: '2-digit' });
  return dateFormat(options).format(when);
}

// The zone's short name on `day` (an ISO date, the election's): "GMT+5". Kazakhstan's zones
// moved on 1 March 2024, so the day matters.
export function zoneName(zone: string | undefined, day: string): string {
  const at = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return zone ?? '';
  const parts = dateFormat({ timeZoneName: 'short', timeZone: knownZone(zone) }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone ?? '';
}

// A wall-clock time of the election day ("10:00", a turnout report's time or polls_close),
// which the definition gives in a unit's local time, with the zone named: "10:00 GMT+5".
export function formatLocalClock(clock: string, zone: string | undefined, day: string): string {
  return `${clock} ${zoneName(zone, day)}`.trim();
}

// `clock` ("HH:MM") in the zone `from` as the wall-clock time of `to` on `day`: polls_close is
// written in the election's reference time (Astana's), shown in each region's own time.
export function convertClock(clock: string, from: string | undefined, to: string | undefined, day: string): string {
  const match = /^(\d\d):(\d\d)$/.exec(clock);
  if (!match || !knownZone(from) || !knownZone(to)) return clock;
  const offset = (zone: string) => {
    const parts = dateFormat({ timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(`${day}T12:00:00Z`));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - Date.parse(`${day}T12:00:00Z`)) / 60000;
  };
  let minutes = Number(match[1]) * 60 + Number(match[2]) - offset(from!) + offset(to!);
  minutes = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
