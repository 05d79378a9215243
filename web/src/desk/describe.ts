// What a signed submission is, in the page's language: read from its signed body (a protocol's
// contest and unit, a report's time, a certification's stage) with the names the desk knows;
// the text written when it was signed (Outgoing.what) where the body says nothing more.
import { nameOf } from '../i18n';
import { isSitting } from './check_turnout';
import type { Outgoing } from './outbox';
import { session } from './session';
import { w } from './strings';

export function describe(outgoing: Outgoing): string {
  const desk = session.desk;
  let body: { contest?: string; unit?: string; time?: string; stage?: string };
  try {
    body = JSON.parse(outgoing.envelope.body);
  } catch {
    return outgoing.what;
  }
  if (!desk) return outgoing.what;
  const contest = desk.contests.find((c) => c.id === body.contest);
  const unit = desk.units.find((u) => u.id === body.unit);
  const unitName = unit ? nameOf(unit.name, unit.id) : body.unit;
  if (outgoing.route === '/api/v1/certify' && contest && (body.stage === 'preliminary' || body.stage === 'final')) {
    return w('certifyWhat', { contest: nameOf(contest.name, contest.id), stage: w(`stage_${body.stage}`) });
  }
  if (outgoing.route === '/api/v1/turnout' && body.time !== undefined && unitName) {
    return `${unit && isSitting(desk, unit) ? w('attendanceReport') : w('turnoutReport')} ${body.time} · ${unitName}`;
  }
  if (contest && unitName) return `${nameOf(contest.name, contest.id)} · ${unitName}`;
  return outgoing.what;
}
