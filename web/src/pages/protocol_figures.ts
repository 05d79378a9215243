// The figures of a results protocol, computed from a results answer: the protocol's lines in
// the paper's order (summed over the unit by the server), and the built-in control relations
// checked on those sums with exact integer (BigInt) arithmetic. A sum of protocols that each
// keep a relation keeps it too, so a relation that fails here names a real discrepancy.
import type { ContestInfo, Results } from '../api';
import { relationFormulas } from '../i18n';

// The lines of the paper protocol before the options, in the order the form prints them.
const headLines = ['voters', 'received', 'issued', 'issued_absentee', 'issued_outside', 'cancelled', 'found', 'valid', 'invalid', 'both_marked'];

export type ProtocolLine = { name: string; value: number };
export type RelationCheck = { relation: string; left: bigint; right: bigint; op: '=' | '≤'; holds: boolean };

// The non-option lines of `totals` in the paper's order (lines the form does not print last,
// sorted by name); the options' votes and "against all" are the option table's.
export function protocolLines(contest: ContestInfo, totals: Record<string, number>): ProtocolLine[] {
  const options = new Set(contest.options.map((o) => o.id));
  const known = headLines.filter((name) => name in totals);
  const others = Object.keys(totals)
    .filter((name) => !headLines.includes(name) && !options.has(name) && name !== 'against_all')
    .sort();
  return [...known, ...others].map((name) => ({ name, value: totals[name] }));
}

function big(totals: Record<string, number>, name: string): bigint {
  return BigInt(Math.trunc(totals[name] ?? 0));
}

// Each built-in relation of relationFormulas whose lines are all in the totals, checked.
// ("non-negative" and "within-bounds" are checked per protocol on intake and say nothing new
// about sums; they are left out.)
export function relationChecks(contest: ContestInfo, totals: Record<string, number>): RelationCheck[] {
  const has = (name: string) => name in totals;
  const checks: RelationCheck[] = [];
  for (const [relation, formula] of Object.entries(relationFormulas)) {
    if (formula.length < 3) continue;
    const op = formula[1] as '=' | '≤';
    const leftName = formula[0];
    if (!has(leftName)) continue;
    let right = 0n;
    let complete = true;
    for (const term of formula.slice(2)) {
      if (term === '+') continue;
      if (term === 'Σ') {
        for (const option of contest.options) right += big(totals, option.id);
      } else if (term === 'against_all') {
        if (contest.against_all) right += big(totals, term);
      } else if (has(term)) {
        right += big(totals, term);
      } else {
        complete = false;
      }
    }
    if (!complete) continue;
    const left = big(totals, leftName);
    checks.push({ relation, left, right, op, holds: op === '=' ? left === right : left <= right });
  }
  return checks;
}

// Whether the seats shown are won or still leading: the server's seat_status when it sends one,
// else won once the count is complete (nothing partial) or a stage is certified.
export function seatsWon(results: Results): boolean {
  const status = (results.outcome as { seat_status?: string } | undefined)?.seat_status;
  if (status) return status === 'won';
  return !results.partial || results.stage !== 'open';
}
