// The commission desk's contract with the server: the answer of GET /api/v1/desk?key=BASE64
// (docs/api.md, "The commission's desk"), which tells a key's commission, the units it may
// write, the protocol forms as data (lines and control relations, parsed by the server from the
// definition, so the desk evaluates the server's own relations) and what each unit has sent.
import type { Names } from '../i18n';

// One term of a linear expression over a protocol's values (the form's lines, then one per
// option): a line (index into DeskForm.lines), the sum of the option votes, or a literal.
export type DeskTerm =
  | { kind: 'line'; negative: boolean; line: number }
  | { kind: 'options'; negative: boolean }
  | { kind: 'literal'; negative: boolean; literal: number };
export type DeskExpression = { text: string; terms: DeskTerm[] };
export type DeskRelation = {
  name: string; // stable relation id, as the server names it in reasons and warnings
  severity: 'reject' | 'warn';
  left: DeskExpression;
  op: '==' | '<=' | '>=' | '<' | '>';
  right: DeskExpression;
  text: string; // the message with {line} placeholders, or empty
  label?: Names; // what the relation says, in kk/ru/en, when the server has a label for it
};
export type DeskLine = { name: string; label: Names; required: boolean; when_against_all: boolean };
export type DeskForm = {
  id: string;
  name: Names;
  lines: DeskLine[]; // in the paper protocol's order
  relations: DeskRelation[]; // the form's own, in the form's order (checked after the built-in ones)
  took_part?: DeskExpression; // the form's took-part base (a sitting's protocol against its attendance)
};
export type DeskOption = { id: string; name: Names; party: string };
export type DeskContest = {
  id: string;
  name: Names;
  kind: string; // party_list, single_member, majority_runoff, indirect_majority, referendum, ...
  form: string; // DeskForm.id
  against_all: boolean;
  options: DeskOption[]; // in ballot (paper) order
  round: number; // the contest's current round (1, or 2 once a runoff or repeat vote is open)
  ballot: string[]; // the option ids on the current round's ballot (all options in round 1)
  stage: 'open' | 'preliminary' | 'final'; // of the current round
  certified_by: string; // the unit whose commission certifies the contest
  can_certify: boolean; // this key's commission is that commission
  // A Senate sitting's attendance (indirect_majority, once reported): its protocol is rejected
  // under quorum-in-attendance without the quorum, warned under attendance-agrees when its
  // took-part line differs from the latest present. `rule` is the quorum in words.
  quorum?: { unit: string; reached: boolean; present: number; electors: number; at: string; rule: string };
};
// A unit's submissions for one contest, as the server holds them.
export type DeskUnitContest = {
  contest: string;
  status: 'missing' | 'accepted' | 'rejected'; // of the latest version of the current round
  version: number; // 0 when missing
  reasons: { relation: string; detail: string }[]; // the latest version's broken relations
  warnings: { relation: string; detail: string }[];
  values?: Record<string, number>; // the latest accepted version's lines (for a correction)
};
export type DeskUnit = {
  id: string;
  name: Names;
  kind: string; // station, district, region, country, ...
  parent: string | null;
  own: boolean; // the key's own unit (a submission is the first count); else a correction
  contests: DeskUnitContest[]; // the contests counted at this unit
  turnout_times: string[]; // reported turnout times of the current day ("10:00", ..., "close")
  electors?: number; // for a Senate sitting (attendance instead of fixed turnout times)
  // The current round's accepted turnout (or attendance) reports, as reported, for the desk's
  // non-decreasing-through-the-day/-sitting and same-electors checks (check_turnout.ts).
  turnout_reports?: { time: string; voters: number; issued: number }[];
};
export type Desk = {
  key: string;
  last_seq: number;
  commission: { id: string; name: Names; kind: string; path: { id: string; name: Names }[] };
  double_entry: boolean; // [election] double_entry in the definition
  max_line_value: number; // 10^12: a line above it breaks within-bounds
  turnout_times: string[]; // the fixed reporting times: "10:00", ..., "20:00", "close"
  election_day?: string; // YYYY-MM-DD, the election's date: a sitting's dated attendance times count from it
  forms: DeskForm[];
  contests: DeskContest[]; // every contest counted at one of `units`, or certified by this commission
  units: DeskUnit[]; // the units this key may write: its own, then every counting unit below it
};
