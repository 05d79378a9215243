// The desk's control relations of a protocol, evaluated from the forms as data (the lines and
// the parsed relations GET /api/v1/desk sends), so the desk checks the server's own relations:
// the same names, in the same order, with the same numbers in the details as core::CheckProtocol
// (src/core/protocol.cc, protocol_form.cc) gives for the body protocolBody() writes. Exact:
// every value and sum is a BigInt. Pure: no DOM, no fetch. tests/desk-agreement.test.mjs sends
// a protocol breaking each relation to a real server and fails on any disagreement.
// Beside the API of DESK.md: Checked.early (relations already broken among the lines typed so
// far, while a required line is still empty and the server would check none), turnoutBody(),
// and an optional Sender (checkProtocol's and checkTurnout's last argument): with it a change to
// an accepted count is checked as the server does (correction-by-higher-commission,
// correction-reason) and the same figures again are Checked.duplicate.
import type { DetailParam } from '../detail_text';
import type { Desk, DeskContest, DeskExpression, DeskForm, DeskRelation, DeskUnit } from './types';

// A broken form relation also carries the server's code and values (core::RelationParams), which
// the page words in its language (detail_text.ts); the other findings have the English detail.
export type Finding = { relation: string; detail: string; code?: string; params?: DetailParam[] };
// violations and warnings: the server's verdict on what would be sent. early: while a required
// line is empty or unreadable the server checks no form relation (lines-present says what is
// missing); early lists those already broken among the lines present, to show while typing.
// duplicate: the same figures as the count already accepted there (the server answers
// `duplicate` and stores nothing).
export type Checked = { violations: Finding[]; warnings: Finding[]; early?: Finding[]; duplicate?: boolean };
// Who sends it (the desk's commission, at `unit`) and the correction's reason: for the rules on
// changing an accepted count (core ElectionNight::CheckAuthority). Without it those are left out.
export type Sender = { unit: DeskUnit; commission: string; reason?: string };
export { checkTurnout, isSitting, turnoutBody } from './check_turnout';

export const kMaxLineValue = 1_000_000_000_000n;
const kInt64Min = -(2n ** 63n);
const kInt64Max = 2n ** 63n - 1n;

// A typed value: a whole number within 64 bits (spaces between digits allowed), or unreadable.
export type Typed = { kind: 'empty' } | { kind: 'number'; value: bigint } | { kind: 'unreadable'; text: string };

export function readTyped(text: string | undefined): Typed {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { kind: 'empty' };
  const compact = trimmed.replace(/\s+/g, '').replace(/^(-?)0+(?=[0-9])/, '$1');
  // At most 20 characters ('-' and 19 digits) can be within 64 bits: a pasted page of digits is
  // unreadable at once, without a BigInt of it.
  if (compact.length <= 20 && /^-?[0-9]+$/.test(compact)) {
    const value = BigInt(compact);
    if (value >= kInt64Min && value <= kInt64Max) return { kind: 'number', value };
  }
  return { kind: 'unreadable', text: trimmed };
}

// What the server's reader says of a value that is not a whole number: its JSON text, cut at
// 40 bytes (src/formats/submission_reader.cc, Shown).
export function shownValue(text: string): string {
  const json = JSON.stringify(text);
  const bytes = new TextEncoder().encode(json);
  if (bytes.length <= 40) return json;
  let end = 40;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) --end;  // a UTF-8 character boundary
  return new TextDecoder().decode(bytes.slice(0, end)) + '…';
}

// Byte order of ASCII names, as the server's JSON object keeps a protocol's lines.
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const joined = (items: string[]) => items.join(', ');

export function formOf(desk: Desk, contest: DeskContest): DeskForm {
  const form = desk.forms.find((f) => f.id === contest.form);
  if (!form) throw new Error(`form '${contest.form}' of contest '${contest.id}' is not in the desk's forms`);
  return form;
}

// ---- the form's relations, exactly (protocol_form.cc: Evaluate, Holds, DescribeViolation) ----

type Values = { lines: bigint[]; options: bigint[] };

const optionsSum = (values: Values) => values.options.reduce((sum, v) => sum + v, 0n);

function evaluate(expression: DeskExpression, values: Values): bigint {
  let sum = 0n;
  for (const term of expression.terms) {
    const value =
      term.kind === 'line' ? values.lines[term.line] : term.kind === 'options' ? optionsSum(values) : BigInt(term.literal);
    sum += term.negative ? -value : value;
  }
  return sum;
}

export function holds(relation: DeskRelation, values: Values): boolean {
  const left = evaluate(relation.left, values);
  const right = evaluate(relation.right, values);
  switch (relation.op) {
    case '==': return left === right;
    case '<=': return left <= right;
    case '>=': return left >= right;
    case '<': return left < right;
    case '>': return left > right;
  }
}

const failedText = { '==': '≠', '<=': '>', '>=': '<', '<': '≥', '>': '≤' } as const;

function termsText(form: DeskForm, expression: DeskExpression, values: Values): string {
  let out = '';
  for (const term of expression.terms) {
    if (out !== '' || term.negative) out += term.negative ? (out === '' ? '-' : ' - ') : ' + ';
    if (term.kind === 'line') out += `${form.lines[term.line].name} (${values.lines[term.line]})`;
    else if (term.kind === 'options') out += `options (${optionsSum(values)})`;
    else out += String(term.literal);
  }
  return out === '' ? '0' : out;
}

export function describeViolation(form: DeskForm, relation: DeskRelation, values: Values): string {
  if (relation.text === '') {
    return `${termsText(form, relation.left, values)} ${failedText[relation.op]} ${termsText(form, relation.right, values)}`;
  }
  return relation.text.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    if (name === 'options') return String(optionsSum(values));
    const line = form.lines.findIndex((l) => l.name === name);
    return line >= 0 ? String(values.lines[line]) : whole;
  });
}

// A broken relation's values as core::RelationParams gives them: each term signed and named
// ('+found', '-{options}', '+#' for a literal) with its value, and 'op' the comparison that holds.
export function relationParams(form: DeskForm, relation: DeskRelation, values: Values): DetailParam[] {
  const params: DetailParam[] = [];
  const add = (expression: DeskExpression) => {
    for (const term of expression.terms) {
      const sign = term.negative ? '-' : '+';
      if (term.kind === 'line') params.push({ name: sign + form.lines[term.line].name, value: String(values.lines[term.line]) });
      else if (term.kind === 'options') params.push({ name: `${sign}{options}`, value: String(optionsSum(values)) });
      else params.push({ name: `${sign}#`, value: String(term.literal) });
    }
  };
  add(relation.left);
  params.push({ name: 'op', value: failedText[relation.op] });
  add(relation.right);
  return params;
}

// The lines a relation needs (for `early`).
function needs(relation: DeskRelation): { lines: number[]; options: boolean } {
  const lines: number[] = [];
  let options = false;
  for (const term of [...relation.left.terms, ...relation.right.terms]) {
    if (term.kind === 'line') lines.push(term.line);
    if (term.kind === 'options') options = true;
  }
  return { lines, options };
}

// ---- the protocol (protocol.cc: Checker::ReadLines, CheckRelations) ----

export function checkProtocol(desk: Desk, contest: DeskContest, entered: Record<string, string>, sender?: Sender): Checked {
  const form = formOf(desk, contest);
  const violations: Finding[] = [];
  const warnings: Finding[] = [];
  const fail = (relation: string, detail: string) => violations.push({ relation, detail });
  const values: Values = { lines: form.lines.map(() => 0n), options: contest.options.map(() => 0n) };
  const seenLines = form.lines.map(() => false);
  const seenOptions = contest.options.map(() => false);
  const unknown: string[] = [];
  const unreadable: string[] = [];
  // The server reads the lines in the order of their names.
  const names = Object.keys(entered).sort(byName);
  for (const name of names) {
    const typed = readTyped(entered[name]);
    if (typed.kind === 'empty') continue;
    if (typed.kind === 'unreadable') {
      unreadable.push(`${name}=${shownValue(typed.text)}`);
      continue;
    }
    const line = form.lines.findIndex((l) => l.name === name);
    const option = line < 0 ? contest.options.findIndex((o) => o.id === name) : -1;
    if (line < 0 && option < 0) {
      unknown.push(name);
      continue;
    }
    if (line >= 0) {
      seenLines[line] = true;
      values.lines[line] = typed.value;
    } else {
      seenOptions[option] = true;
      values.options[option] = typed.value;
    }
    if (typed.value < 0n) fail('non-negative', `${name} = ${typed.value} is negative`);
    if (typed.value > kMaxLineValue) {
      fail('within-bounds', `${name} = ${typed.value} is above 10^12 (${kMaxLineValue})`);
    }
  }
  if (unreadable.length > 0) fail('readable-lines', `not whole numbers in range: ${joined(unreadable)}`);
  if (unknown.length > 0) {
    fail('options-exact', `not options of contest '${contest.id}' nor protocol lines: ${joined(unknown)}`);
  }
  const onBallot: string[] = [];
  const offBallot: string[] = [];
  const missingOptions: string[] = [];
  contest.options.forEach((option, i) => {
    if (!contest.ballot.includes(option.id)) {
      if (seenOptions[i]) offBallot.push(option.id);
      return;
    }
    onBallot.push(option.id);
    if (!seenOptions[i]) missingOptions.push(option.id);
  });
  if (offBallot.length > 0) {
    fail('on-ballot', `round ${contest.round} of contest '${contest.id}' is a vote between ${joined(onBallot)}` +
      ` (the previous round's outcome); not on its ballot: ${joined(offBallot)}`);
  }
  if (missingOptions.length > 0) {
    fail('options-exact', `options of contest '${contest.id}' missing: ${joined(missingOptions)}`);
  }
  const missingLines: string[] = [];
  form.lines.forEach((line, i) => {
    if (line.when_against_all && seenLines[i] !== contest.against_all) {
      fail('options-exact', contest.against_all
        ? `${line.name} is on the ballot of contest '${contest.id}' and missing from the protocol`
        : `${line.name} is not on the ballot of contest '${contest.id}'`);
    }
    if (line.required && !seenLines[i]) missingLines.push(line.name);
  });
  if (missingLines.length > 0) fail('lines-present', `lines missing: ${joined(missingLines)}`);

  const complete = !violations.some((v) => v.relation === 'lines-present' || v.relation === 'readable-lines');
  const early: Finding[] = [];
  for (const relation of form.relations) {
    if (holds(relation, values)) continue;
    const finding: Finding = { relation: relation.name, detail: describeViolation(form, relation, values), code: 'relation', params: relationParams(form, relation, values) };
    if (complete) {
      (relation.severity === 'warn' ? warnings : violations).push(finding);
    } else {
      const need = needs(relation);
      const present = need.lines.every((i) => seenLines[i]) &&
        (!need.options || contest.ballot.every((id) => seenOptions[contest.options.findIndex((o) => o.id === id)]));
      if (present) early.push(finding);
    }
  }
  const accepted = sender?.unit.contests.find((c) => c.contest === contest.id)?.values;
  if (sender && accepted) {
    if (violations.length === 0 && sameValues(form, contest, values, accepted)) return { violations, warnings, duplicate: true };
    checkAuthority(sender.unit.id, sender, violations);
  }
  checkAttendance(form, contest, values, violations, warnings);
  return complete ? { violations, warnings } : { violations, warnings, early };
}

function sameValues(form: DeskForm, contest: DeskContest, values: Values, accepted: Record<string, number>): boolean {
  const was = (name: string) => BigInt(accepted[name] ?? 0);
  return form.lines.every((line, i) => values.lines[i] === was(line.name)) &&
    contest.options.every((option, i) => values.options[i] === was(option.id));
}

// A change to an accepted count (a protocol, or a report at the same time): from the unit's own
// commission it is refused; from a higher one it is a correction and needs a reason. (A round
// certified final also needs a recount order: the desk leaves that to the server.)
export function checkAuthority(unit: string, sender: { commission: string; reason?: string }, violations: Finding[]): void {
  if (sender.commission === unit) {
    violations.push({ relation: 'correction-by-higher-commission', detail: `'${unit}' already has an accepted count; ` +
      'a change must come from a higher commission as a correction with a reason' });
  } else if (!sender.reason) {
    violations.push({ relation: 'correction-reason', detail: `a correction by '${sender.commission}' needs a reason` });
  }
}

// A sitting's protocol against its attendance (core ElectionNight::CheckSittingQuorum): no
// quorum rejects it; a took-part line other than the latest present is a warning.
function checkAttendance(form: DeskForm, contest: DeskContest, values: Values, violations: Finding[], warnings: Finding[]) {
  const quorum = contest.quorum;
  if (!quorum) return;
  if (!quorum.reached) {
    violations.push({ relation: 'quorum-in-attendance', detail: `the sitting at '${quorum.unit}' has no quorum: ` +
      `${quorum.present} of ${quorum.electors} electors present at ${quorum.at}; the quorum is ${quorum.rule}` });
    return;
  }
  if (!form.took_part) return;
  const sum = evaluate(form.took_part, values);
  const tookPart = sum > kInt64Max ? kInt64Max : sum < kInt64Min ? kInt64Min : sum;  // as the server's base value
  if (tookPart !== BigInt(quorum.present)) {
    warnings.push({ relation: 'attendance-agrees', detail: `took part (${tookPart}) differs from the electors present ` +
      `at the latest attendance report, ${quorum.at} (${quorum.present})` });
  }
}

// ---- the body the desk signs ----

// A value as the body carries it: a whole number as a JSON number; anything else as the text
// typed (a JSON string), which the server rejects under readable-lines as checkProtocol does.
function jsonValue(typed: Typed): string {
  return typed.kind === 'number' ? typed.value.toString() : JSON.stringify(typed.kind === 'unreadable' ? typed.text : '');
}

export function protocolBody(contest: DeskContest, unit: DeskUnit, commission: string, entered: Record<string, string>,
                             extra: { reason?: string; photo_sha256?: string }): string {
  const fields: string[] = [`"contest":${JSON.stringify(contest.id)}`, `"unit":${JSON.stringify(unit.id)}`];
  if (contest.round !== 1) fields.push(`"round":${contest.round}`);
  if (commission !== unit.id) fields.push(`"commission":${JSON.stringify(commission)}`);
  if (extra.reason) fields.push(`"reason":${JSON.stringify(extra.reason)}`);
  if (extra.photo_sha256) fields.push(`"photo_sha256":${JSON.stringify(extra.photo_sha256)}`);
  const lines: string[] = [];
  for (const name of Object.keys(entered).sort(byName)) {  // the order the server stores them in
    const typed = readTyped(entered[name]);
    if (typed.kind !== 'empty') lines.push(`${JSON.stringify(name)}:${jsonValue(typed)}`);
  }
  fields.push(`"lines":{${lines.join(',')}}`);
  return `{${fields.join(',')}}`;
}
