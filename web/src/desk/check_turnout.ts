// The desk's checks of a turnout report (a station's ballots issued at a fixed reporting time)
// and of a Senate sitting's attendance report (electors present at any time of the sitting),
// the same relations in the same order as core::TurnoutTable::Check (src/core/turnout.cc) and
// core::AttendanceBook::Check (src/core/attendance.cc), and the body the desk signs for them.
// The relations against the unit's earlier reports (non-decreasing, same-electors) need
// DeskUnit.turnout_reports; the sitting's dated times need Desk.election_day.
import type { Desk, DeskUnit } from './types';
import { type Checked, checkAuthority, type Finding, kMaxLineValue, readTyped, shownValue } from './check';

type Entered = { time: string; voters: string; issued: string };

// A unit where only indirect_majority contests are counted: its reports are attendance.
// A broken comparison of two lines with the server's code and values (core/turnout.cc and
// attendance.cc give these relations code `relation`, as a form's relation), worded by the page.
function comparison(left: string, leftValue: bigint | number, op: string, right: string, rightValue: bigint | number): Pick<Finding, 'code' | 'params'> {
  return { code: 'relation', params: [{ name: `+${left}`, value: String(leftValue) }, { name: 'op', value: op }, { name: `+${right}`, value: String(rightValue) }] };
}

export function isSitting(desk: Desk, unit: DeskUnit): boolean {
  if (unit.contests.length === 0) return false;
  return unit.contests.every((c) => desk.contests.find((d) => d.id === c.contest)?.kind === 'indirect_majority');
}

type Read = { voters: bigint; issued: bigint } | { unreadable: string[] };

function readFigures(entered: Entered): Read {
  const unreadable: string[] = [];
  const figures: bigint[] = [];
  for (const name of ['voters', 'issued'] as const) {
    const typed = readTyped(entered[name]);
    if (typed.kind === 'number') figures.push(typed.value);
    else unreadable.push(`${name}=${typed.kind === 'empty' ? 'missing' : shownValue(typed.text)}`);
  }
  return unreadable.length > 0 ? { unreadable } : { voters: figures[0], issued: figures[1] };
}

// ---- the times of a sitting (attendance.cc: AttendanceMinute, AttendanceTimeText) ----

const kAttendanceDaysAfter = 30;
const kMinutesPerDay = 24 * 60;

function twoDigits(text: string, at: number, max: number): number | null {
  const digits = text.slice(at, at + 2);
  if (!/^[0-9]{2}$/.test(digits)) return null;
  const value = Number(digits);
  return value > max ? null : value;
}

function clockMinute(text: string, at: number, secondsAllowed: boolean): number | null {
  const hours = twoDigits(text, at, 23);
  if (hours === null || text[at + 2] !== ':') return null;
  const minutes = twoDigits(text, at + 3, 59);
  if (minutes === null) return null;
  let end = at + 5;
  if (secondsAllowed && end < text.length) {
    if (text[end] !== ':' || twoDigits(text, end + 1, 59) === null) return null;
    end += 3;
  }
  return end === text.length ? hours * 60 + minutes : null;
}

function dayNumber(date: string): number | null {  // days since 1970-01-01 of a valid YYYY-MM-DD
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return time / 86_400_000;
}

export function attendanceMinute(time: string, electionDay: string | undefined): number | null {
  if (time.length === 5) return clockMinute(time, 0, false);
  if (time.length < 16 || time[10] !== 'T' || electionDay === undefined) return null;
  const day = dayNumber(time.slice(0, 10));
  const first = dayNumber(electionDay);
  const minute = clockMinute(time, 11, true);
  if (day === null || first === null || minute === null) return null;
  const days = day - first;
  if (days < 0 || days > kAttendanceDaysAfter) return null;
  return days * kMinutesPerDay + minute;
}

function attendanceTimeText(minute: number, electionDay: string | undefined): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((minute % kMinutesPerDay) / 60))}:${pad(minute % 60)}`;
  if (minute < kMinutesPerDay || electionDay === undefined) return clock;
  const first = dayNumber(electionDay) ?? 0;
  const date = new Date((first + Math.floor(minute / kMinutesPerDay)) * 86_400_000).toISOString().slice(0, 10);
  return `${date}T${clock}`;
}

// ---- the checks ----

function checkStationTurnout(desk: Desk, unit: DeskUnit, entered: Entered): Checked {
  const violations: Finding[] = [];
  const fail = (relation: string, detail: string) => violations.push({ relation, detail });
  const time = desk.turnout_times.indexOf(entered.time);
  if (time < 0) {
    fail('known-time', `time '${entered.time}' is not a reporting time (${desk.turnout_times.join(', ')})`);
  }
  const read = readFigures(entered);
  if ('unreadable' in read) {
    fail('readable-lines', `not whole numbers in range: ${read.unreadable.join(', ')}`);
    return { violations, warnings: [] };
  }
  const { voters, issued } = read;
  if (voters < 0n) fail('non-negative', `voters = ${voters} is negative`);
  if (issued < 0n) fail('non-negative', `issued = ${issued} is negative`);
  if (voters > kMaxLineValue) fail('within-bounds', `voters = ${voters} is above 10^12 (${kMaxLineValue})`);
  if (issued > kMaxLineValue) fail('within-bounds', `issued = ${issued} is above 10^12 (${kMaxLineValue})`);
  if (issued > voters) {
    violations.push({ relation: 'issued-within-voters', detail: `issued (${issued}) > voters on the list (${voters})`, ...comparison('issued', issued, '>', 'voters', voters) });
  }
  if (time >= 0) {
    desk.turnout_times.forEach((name, other) => {
      const earlier = unit.turnout_reports?.find((r) => r.time === name);
      if (!earlier || other === time) return;
      const before = BigInt(earlier.issued);
      if (other < time ? before > issued : before < issued) {
        fail('non-decreasing-through-the-day', `issued at ${entered.time} (${issued}) ` +
          `${other < time ? 'is below' : 'is above'} issued at ${name} (${before})`);
      }
    });
  }
  return { violations, warnings: [] };
}

function checkAttendance(desk: Desk, unit: DeskUnit, entered: Entered): Checked {
  const violations: Finding[] = [];
  const fail = (relation: string, detail: string) => violations.push({ relation, detail });
  const minute = attendanceMinute(entered.time, desk.election_day);
  if (minute === null) {
    fail('attendance-time', `time '${entered.time}' is not a time of the sitting: 'HH:MM' on ` +
      `${desk.election_day ?? 'election day'}, or 'YYYY-MM-DDTHH:MM' local time from that day to ` +
      `${kAttendanceDaysAfter} days after`);
  }
  const read = readFigures(entered);
  if ('unreadable' in read) {
    fail('readable-lines', `not whole numbers in range: ${read.unreadable.join(', ')}`);
    return { violations, warnings: [] };
  }
  const { voters: electors, issued: present } = read;
  for (const [name, value] of [['electors', electors], ['present', present]] as const) {
    if (value < 0n) fail('non-negative', `${name} = ${value} is negative`);
    if (value > kMaxLineValue) fail('within-bounds', `${name} = ${value} is above 10^12`);
  }
  if (present > electors) {
    violations.push({ relation: 'present-within-electors', detail: `present (${present}) > electors (${electors})`, ...comparison('present', present, '>', 'electors', electors) });
  }
  const sitting = desk.contests.find((c) => c.kind === 'indirect_majority' && unit.contests.some((u) => u.contest === c.id));
  if (unit.electors !== undefined && electors !== BigInt(unit.electors)) {
    fail('electors-as-defined', `electors = ${electors}, but contest '${sitting?.id ?? ''}' has ${unit.electors}`);
  }
  if (minute === null) return { violations, warnings: [] };
  const earlier = (unit.turnout_reports ?? [])
    .map((r) => ({ ...r, minute: attendanceMinute(r.time, desk.election_day) }))
    .filter((r): r is typeof r & { minute: number } => r.minute !== null && r.minute !== minute)
    .sort((a, b) => a.minute - b.minute);
  for (const report of earlier) {
    const at = attendanceTimeText(report.minute, desk.election_day);
    if (BigInt(report.voters) !== electors) {
      fail('same-electors', `electors = ${electors}, but ${report.voters} at ${at} of the same sitting`);
    }
    const before = BigInt(report.issued);
    if (report.minute < minute ? before > present : before < present) {
      fail('non-decreasing-through-the-sitting', `present at ${entered.time} (${present}) ` +
        `${report.minute < minute ? 'is below' : 'is above'} present at ${at} (${before})`);
    }
  }
  return { violations, warnings: [] };
}

// A turnout report, or at a Senate sitting an attendance report (voters = electors on the list,
// issued = electors present).
// With `sender` (the desk's commission and the correction's reason), a report at a time already
// accepted is a duplicate (the same figures) or a change, under checkAuthority's rules.
export function checkTurnout(desk: Desk, unit: DeskUnit, entered: Entered,
                             sender?: { commission: string; reason?: string }): Checked {
  const sitting = isSitting(desk, unit);
  const checked = sitting ? checkAttendance(desk, unit, entered) : checkStationTurnout(desk, unit, entered);
  const minute = (time: string) => (sitting ? attendanceMinute(time, desk.election_day) : desk.turnout_times.indexOf(time));
  const at = minute(entered.time);
  if (!sender || at === null || at < 0) return checked;
  const accepted = unit.turnout_reports?.find((report) => minute(report.time) === at);
  if (!accepted) return checked;
  const read = readFigures(entered);
  if (!('unreadable' in read) && read.voters === BigInt(accepted.voters) && read.issued === BigInt(accepted.issued)) {
    return { ...checked, duplicate: true };
  }
  checkAuthority(unit.id, sender, checked.violations);
  return checked;
}

// The turnout (or attendance) body the desk signs: {"unit","time","voters","issued","round"?,
// "commission"?,"reason"?}; an empty figure is left out, text that is not a whole number is sent
// as typed (both rejected under readable-lines, as checkTurnout says).
export function turnoutBody(unit: DeskUnit, commission: string, round: number, entered: Entered,
                            extra: { reason?: string }): string {
  const fields = [`"unit":${JSON.stringify(unit.id)}`, `"time":${JSON.stringify(entered.time)}`];
  for (const name of ['voters', 'issued'] as const) {
    const typed = readTyped(entered[name]);
    if (typed.kind === 'number') fields.push(`"${name}":${typed.value}`);
    else if (typed.kind === 'unreadable') fields.push(`"${name}":${JSON.stringify(typed.text)}`);
  }
  if (round !== 1) fields.push(`"round":${round}`);
  if (commission !== unit.id) fields.push(`"commission":${JSON.stringify(commission)}`);
  if (extra.reason) fields.push(`"reason":${JSON.stringify(extra.reason)}`);
  return `{${fields.join(',')}}`;
}
