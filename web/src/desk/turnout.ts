// The turnout card: a station's report of ballots issued at one of the fixed reporting times,
// or a Senate sitting's attendance (electors on the list and present, at any time of the
// sitting), checked as typed (check_turnout.ts) and signed like a protocol.
import { esc } from '../dom';
import { nameOf } from '../i18n';
import { checkTurnout, turnoutBody } from './check';
import { isSitting } from './check_turnout';
import { findingsHtml } from './checks_view';
import { signAndSend } from './send';
import { session, unitOf } from './session';
import { w } from './strings';
import type { Desk, DeskUnit } from './types';
import { relationName } from '../relations';

type Typed = { time: string; voters: string; issued: string; sending: boolean };
const typed = new Map<string, Typed>();

const pad = (n: number) => String(n).padStart(2, '0');

function start(desk: Desk, unit: DeskUnit): Typed {
  const now = new Date();
  const next = desk.turnout_times.find((time) => !unit.turnout_times.includes(time)) ?? desk.turnout_times[0] ?? '';
  const time = isSitting(desk, unit) ? `${pad(now.getHours())}:${pad(now.getMinutes())}` : next;
  const last = unit.turnout_reports?.at(-1);
  const voters = unit.electors ?? last?.voters;
  return { time, voters: voters !== undefined ? String(voters) : '', issued: '', sending: false };
}

// The round of the unit's voting day: 2 once a contest counted there has its second round open.
const roundAt = (desk: Desk, unit: DeskUnit) =>
  Math.max(1, ...unit.contests.map((c) => desk.contests.find((d) => d.id === c.contest)?.round ?? 1));

function timeHtml(desk: Desk, unit: DeskUnit, entry: Typed): string {
  if (isSitting(desk, unit)) return `<input id="turnout-time" value="${esc(entry.time)}" placeholder="HH:MM" autocomplete="off" />`;
  const options = desk.turnout_times
    .map((time) => `<option value="${esc(time)}" ${time === entry.time ? 'selected' : ''}>${esc(time)}${unit.turnout_times.includes(time) ? ' ✓' : ''}</option>`)
    .join('');
  return `<select id="turnout-time">${options}</select>`;
}

function refresh(root: HTMLElement, desk: Desk, unit: DeskUnit, entry: Typed): void {
  const checked = checkTurnout(desk, unit, entry, { commission: desk.commission.id });
  root.querySelector('#checks-box')!.innerHTML = findingsHtml(checked);
  const broken = checked.violations[0];
  const why = entry.sending ? w('working') : broken ? w('whyBroken', { relation: relationName(broken.relation) }) : checked.duplicate ? w('whyDuplicate') : null;
  const send = root.querySelector<HTMLButtonElement>('#send')!;
  send.disabled = why !== null;
  root.querySelector('#send-why')!.textContent = why ?? w('ready', { commission: desk.commission.id });
}

export function renderTurnoutEntry(root: HTMLElement, unitId: string): void {
  const desk = session.desk!;
  const unit = unitOf(desk, unitId);
  if (!unit || !unit.own) {
    root.innerHTML = `<h2 id="entry-title">${esc(w('turnoutReport'))}</h2><p id="refused" class="problem" role="alert">${esc(w('refused', { unit: unitId }))}</p>`;
    return;
  }
  const sitting = isSitting(desk, unit);
  let entry = typed.get(unit.id);
  if (!entry) typed.set(unit.id, (entry = start(desk, unit)));
  const current = entry;
  root.innerHTML = `<h2 id="entry-title">${esc(w('turnoutTitle', { unit: nameOf(unit.name, unit.id) }))}</h2>
    ${unit.turnout_times.length ? `<p class="note">${esc(w('reportedTimes', { times: unit.turnout_times.join(', ') }))}</p>` : ''}
    <div class="entry-layout"><div><table class="entry">
      <tr><td><label for="turnout-time">${esc(w('time'))}</label></td><td>${timeHtml(desk, unit, entry)}</td></tr>
      <tr><td><label for="turnout-voters">${esc(sitting ? w('electors') : w('voters'))}</label></td>
        <td class="num"><input id="turnout-voters" data-name="voters" inputmode="numeric" value="${esc(entry.voters)}" autocomplete="off" /></td></tr>
      <tr><td><label for="turnout-issued">${esc(sitting ? w('present') : w('issued'))}</label></td>
        <td class="num"><input id="turnout-issued" data-name="issued" inputmode="numeric" value="${esc(entry.issued)}" autocomplete="off" /></td></tr>
    </table></div><div>
      <h3>${esc(w('checksTitle'))}</h3><div id="checks-box" aria-live="polite"></div>
      <p class="send-line"><button type="button" id="send" class="primary" aria-describedby="send-why">${esc(w('send'))}</button> <span id="send-why" role="status"></span></p>
    </div></div>`;
  const verdict = () => refresh(root, desk, unit, current);
  root.querySelector<HTMLInputElement | HTMLSelectElement>('#turnout-time')!.addEventListener(sitting ? 'input' : 'change', (event) => {
    current.time = (event.target as HTMLInputElement).value;
    verdict();
  });
  root.querySelectorAll<HTMLInputElement>('input[data-name]').forEach((input) =>
    input.addEventListener('input', () => {
      current[input.dataset.name as 'voters' | 'issued'] = input.value;
      verdict();
    }),
  );
  root.querySelector('#send')!.addEventListener('click', async () => {
    current.sending = true;
    verdict();
    const body = turnoutBody(unit, desk.commission.id, roundAt(desk, unit), current, {});
    typed.delete(unit.id);
    location.hash = '#/';
    await signAndSend('/api/v1/turnout', body, `${sitting ? w('attendanceReport') : w('turnoutReport')} ${current.time} · ${nameOf(unit.name, unit.id)}`);
  });
  verdict();
}
