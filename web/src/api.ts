// Typed reads of the saylau API (docs/api.md). The browser revalidates with the ETags the
// server sends, so an unchanged answer costs a 304.
import type { Names } from './i18n';
import type { Detail, DetailParam } from './detail_text';

export type Party = { id: string; name: Names; short_name: string; short_names?: Names; color: string };
export type Option = { id: string; name: Names; party: string };
export type ContestInfo = { id: string; name: Names; kind: string; unit: string; against_all: boolean; options: Option[]; body?: string };
export type Election = {
  id: string;
  name: Names;
  date: string;
  cec: string;
  time_zone?: string; // the reference zone (the root's IANA zone): polls_close is written in it
  parties: Party[];
  regions: { id: string; name: Names; kind: string; time_zone?: string; polls_close?: string }[];
  contests: ContestInfo[];
};
export type Progress = { reported: number; expected: number; voters_reported: number; voters_expected: number; complete: boolean };
export type Results = {
  contest: string;
  unit: string;
  unit_name: Names;
  unit_kind: string;
  time_zone?: string; // the unit's IANA zone (its own or inherited), from the definition
  parent: string | null;
  stage: 'open' | 'preliminary' | 'final';
  round: number;
  partial: boolean;
  progress: Progress;
  totals: Record<string, number>;
  outcome?: Outcome;
};
export type Outcome = {
  decision: string;
  kind: string;
  winners: string[];
  notes: string[];
  seats?: Record<string, number>;
  seats_total?: number;
  base?: { kind: string; total: number };
  threshold?: { percent: string; votes_needed: number };
  options?: { option: string; votes: number; percent: string; passed_threshold: boolean; seats: number }[];
  allocation?: { method: string; explanation: { quota?: unknown; lines?: AllocationLine[] } };
  rounds?: { round: number; majority_percent: string; majority_reached: boolean; base: { total: number }; ranking: { option: string; votes: number; percent: string }[] }[];
  runoff?: string[];
  electors?: number;
  quorum_met?: boolean;
  yes_percent?: string;
  units?: { unit: string; yes_percent: string; yes_majority: boolean }[];
  units_needed?: number;
  units_yes?: number;
  national_yes_majority?: boolean;
  turnout_valid?: boolean;
  national_base?: number;
  elected?: Elected[];
};
// Who took a party list's seats (the outcome's "elected"): in list order, or named by the party.
export type Elected = {
  option: string;
  seats: number;
  designated: boolean;
  vacant: number;
  candidates: { id: string; name: Names; list_position: number; placeholder?: boolean }[];
};
export type AllocationLine = { option: string; votes: number; quotient: string; whole_seats: number; remainder: { decimal: string }; remainder_seat: boolean; seats: number };
// Seats are `won` once their contest's count is complete (won_because count_complete), `leading`
// while it is still counting (docs/api.md).
export type SeatStatus = { contest: string; seat_status: 'leading' | 'won'; won_because: 'count_complete' | null };
export type Composition = {
  seats: number;
  undecided: number;
  partial: boolean;
  won: number;
  leading: number;
  contests: SeatStatus[];
  parties: { party: string; name: Names; short_name: string; color: string; list_seats: number; district_seats: number; seats: number; won_seats: number; leading_seats: number }[];
};
export type UnitRow = {
  id: string;
  name: Names;
  kind: string;
  time_zone?: string;
  progress?: Progress;
  voters?: number;
  issued?: number;
  valid?: number;
  leader?: { option: string; votes: number };
};
export type Units = { parent: string; contest: string; time_zone?: string; units: UnitRow[] };
export type Turnout = { unit: string; times: { time: string; reported: number; expected: number; voters: number; issued: number }[] };
// A control relation of a protocol: holds; broken (a rejected protocol's reasons); warned (a
// failed relation of severity warn on an accepted protocol: counted, flagged).
export type Check = { relation: string; holds: boolean; state?: 'holds' | 'broken' | 'warned'; severity?: 'reject' | 'warn'; check?: string; detail?: string; code?: string; params?: DetailParam[] };
// The protocol form of a contest, as shown with its protocols: its lines in the paper's order.
export type ProtocolFormView = { id: string; name: Names; lines: { name: string; label: Names; required: boolean }[] };
export type StoredSubmission = {
  seq: number;
  kind: string;
  contest: string;
  round: number;
  time: string;
  version: number;
  verdict: 'accepted' | 'rejected';
  body: { lines?: Record<string, number>; commission?: string; reason?: string; unit?: string; voters?: number; issued?: number; photo_sha256?: string };
  reasons: Detail[];
  checks?: Check[];
  warnings?: string[]; // an accepted protocol's failed warn relations
  form?: ProtocolFormView;
  received_at: string;
  envelope?: { key: string; seq: number; signature: string };
};
export type Rejected = { seq: number; kind: string; contest: string; unit: string; reasons: Detail[]; origin: string; received_at: string };

// definition, keys, keys_count and observers_count: the head's binding (docs/verify.md), signed with it.
export type TreeHead = {
  size: number;
  root: string;
  timestamp: number;
  definition?: string;
  keys?: string;
  keys_count?: number;
  observers_count?: number;
  key: string;
  signature: string;
};
export type LogHead = { head: TreeHead; signed: boolean; witnesses: { observer: string; head: TreeHead }[] };
export type Observer = { id: string; organisation: string; kind: string; key: string };
export type Flag = {
  observer: string;
  organisation: string;
  contest: string;
  round: number;
  unit: string;
  seq: number;
  counted: boolean;
  lines: { line: string; counted: number; observed: number }[];
};
// An observer's report without figures (docs/observer-reports.md), as GET /api/v1/observers lists it.
export type ObservationReason =
  | 'counting-not-observed' | 'denied-access' | 'removed-from-station' | 'view-obstructed' | 'copy-of-protocol-refused' | 'other';
export type ObserverReport = {
  seq: number;
  observer: string;
  organisation: string;
  contest: string;
  round: number;
  unit: string;
  region: string;
  observation: ObservationReason;
  observed_at: string;
  note: string;
};
export type ReportCounts = { by_reason: Record<string, number>; by_region: Record<string, Record<string, number>> };
export type InclusionProof = { leaf_index: number; tree_size: number; leaf_hash: string; inclusion: string[]; root: string };

async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-cache' });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ message: response.statusText }));
    throw new Error(`${path}: ${response.status} ${body.message ?? ''}`);
  }
  return (await response.json()) as T;
}

// One count of the whole-percent test against the exact binomial null.
export type WholePercentCount = { observed: number; expected: number; sd: number; excess: number; p_value: number };
export type ForensicsPreset = 'kobak2016' | 'klimek2012';

export interface Forensics {
  contest: string;
  leader: string;
  options: { preset: string; share_base: string; turnout: string; weight: 'stations' | 'voters' };
  stations: number;
  left_out: Record<string, number>;
  flagged: boolean;
  reasons: string[];
  // bins x bins cells, row = turnout percent, column = the leader's percent
  fingerprint: { bins: number; stations: number[]; voters: number[]; high_high_stations: number; high_high_voter_share: number };
  integer_percent: {
    turnout_observed: number; turnout_expected: number; turnout_p: number;
    leader_observed: number; leader_expected: number; leader_p: number;
    turnout: WholePercentCount; result: WholePercentCount; either: WholePercentCount;
    simulations: number; p_value: number;
    // 0 ... 1000: the value in tenths of a percent
    turnout_tenths: number[]; leader_tenths: number[]; turnout_tenths_voters: number[]; leader_tenths_voters: number[];
  };
  last_digit: { chi_squared: number; p_value: number };
  second_digit: { chi_squared: number; p_value: number; mean: number; benford_mean: number };
  association: { correlation: number; p_value: number };
  regions: { region: string; name: string; stations: number; p10: number; median: number; p90: number }[];
}

// `saylau pvt estimate --json` (a PVT, or an exit poll from interviews) or `saylau pvt exit-poll
// --json` (source "exit-poll-published-shares": shares as published, with n and the design effect).
export interface PvtEstimate {
  contest: string;
  source: string;
  stations_used?: number;
  stations_sampled?: number;
  interviews?: number;
  stations?: number;
  interviews_per_station?: number;
  design_effect?: number;
  effective_interviews?: number;
  comparison: { option: string; official: number; estimate: number; low: number; high: number; inside: boolean; outside_by: number }[];
  shares: { option: string; published_name?: string; share: number; low: number; high: number }[];
  projection?: {
    seats: number; majority: number; draws: number;
    lists: { option: string; pass_probability: number; seats_median: number; seats_low: number; seats_high: number; majority_probability: number; seat_histogram: number[] }[];
  };
}

// The Senate summary (/api/v1/senate): each sitting's attendance and quorum, state and winner.
export type SittingState = 'awaiting' | 'gathering' | 'quorum' | 'repeat-vote' | 'elected' | 'no-quorum' | 'unresolved';
export type Sitting = {
  contest: string;
  unit: string;
  unit_name: Names;
  state: SittingState;
  stage: 'open' | 'preliminary' | 'final';
  round: number;
  electors: number | null;
  attendance?: { quorum_reached: boolean; quorum_at: string | null; present_at_quorum: number | null; latest_at: string; latest_present: number; electors: number };
  winner?: { option: string; name: Names; gender: 'f' | 'm' | null; votes: number; base: number; percent: string };
};
export type Senate = { seats: number; elected: number; women: number; men: number; repeat_votes: number; still_voting: number; quorum_reached: number; sittings: Sitting[] };

const q = encodeURIComponent;
export const api = {
  senate: () => get<Senate>('/api/v1/senate'),
  election: () => get<Election>('/api/v1/election'),
  results: (contest: string, unit?: string) =>
    get<Results>(`/api/v1/results?contest=${q(contest)}${unit ? `&unit=${q(unit)}` : ''}`),
  composition: () => get<Composition>('/api/v1/composition'),
  units: (parent: string, contest: string) => get<Units>(`/api/v1/units?parent=${q(parent)}&contest=${q(contest)}`),
  turnout: (unit: string) => get<Turnout>(`/api/v1/turnout?unit=${q(unit)}`),
  protocols: (unit: string) => get<{ unit: string; submissions: StoredSubmission[] }>(`/api/v1/protocols?unit=${q(unit)}`),
  rejected: () => get<{ rejected: Rejected[] }>('/api/v1/rejected'),
  logHead: () => get<LogHead>('/api/v1/log/head'),
  observers: () => get<{ observers: Observer[]; flags: Flag[]; reports?: ObserverReport[]; report_counts?: ReportCounts }>('/api/v1/observers'),
  logEntries: (start: number) => get<{ entries: { leaf_index: number; entry: string }[] }>(`/api/v1/log/entries?start=${start}`),
  forensics: (contest: string, preset?: ForensicsPreset) =>
    get<Forensics>(`/api/v1/statistics/forensics?contest=${q(contest)}${preset ? `&preset=${preset}` : ''}`),
  pvt: () => get<PvtEstimate>('/api/v1/statistics/pvt'),
  inclusion: (leaf: number, size: number) => get<InclusionProof>(`/api/v1/log/proof?leaf=${leaf}&size=${size}`),
};
