// The commission card: whose key this is (the commission, its place in the hierarchy) and the
// units it may write, each with its contests' state and links to their forms (a protocol, a
// correction of a unit below, a turnout or attendance report).
import { esc } from '../dom';
import { nameOf } from '../i18n';
import { isSitting } from './check_turnout';
import { contestOf, session } from './session';
import { w } from './strings';
import type { Desk, DeskUnit } from './types';

export const route = {
  protocol: (unit: string, contest: string) => `#/protocol/${encodeURIComponent(unit)}/${encodeURIComponent(contest)}`,
  turnout: (unit: string) => `#/turnout/${encodeURIComponent(unit)}`,
};

function unitHtml(desk: Desk, unit: DeskUnit): string {
  const contests = unit.contests
    .map((state) => {
      const contest = contestOf(desk, state.contest);
      const name = nameOf(contest?.name, state.contest);
      const round = contest && contest.round > 1 ? ` (${w('round', { n: contest.round })})` : '';
      return `<li data-contest="${esc(state.contest)}" data-status="${state.status}">
        <a href="${route.protocol(unit.id, state.contest)}">${esc(unit.own ? w('enterProtocol') : w('enterCorrection'))}: ${esc(name)}${esc(round)}</a>
        <span class="status status-${state.status}">${esc(w(`status_${state.status}`))}${state.version ? ` · ${esc(w('version', { n: state.version }))}` : ''}</span></li>`;
    })
    .join('');
  const turnout = unit.own
    ? `<li><a href="${route.turnout(unit.id)}">${esc(isSitting(desk, unit) ? w('attendanceReport') : w('turnoutReport'))}</a></li>`
    : '';
  return `<li class="unit" data-unit="${esc(unit.id)}"><b>${esc(nameOf(unit.name, unit.id))}</b>
    <span class="note">${esc(unit.id)} · ${esc(unit.own ? w('ownUnit') : w('correctionUnit'))}</span>
    <ul class="plain">${contests}${turnout}</ul></li>`;
}

const shownAtOnce = 30; // a region or the CEC may write thousands of units: a search finds the rest
let search = '';

const matches = (unit: DeskUnit, text: string) =>
  text === '' || unit.id.toLowerCase().includes(text) || Object.values(unit.name).some((name) => name.toLowerCase().includes(text));
const toDo = (unit: DeskUnit) => unit.contests.some((c) => c.status !== 'accepted');

function unitsHtml(desk: Desk): string {
  // The own unit first, then those with a protocol still missing or rejected.
  const units = [...desk.units].sort((a, b) => Number(b.own) - Number(a.own) || Number(toDo(b)) - Number(toDo(a)));
  const found = units.filter((unit) => matches(unit, search.trim().toLowerCase()));
  const more = found.length > shownAtOnce ? `<p class="note" id="units-more">${esc(w('shownOf', { shown: shownAtOnce, total: found.length }))}</p>` : '';
  return `<ul id="units" class="plain units">${found.slice(0, shownAtOnce).map((unit) => unitHtml(desk, unit)).join('')}</ul>${more}`;
}

export function renderCommissionCard(): void {
  const root = document.getElementById('commission-card')!;
  const desk = session.desk;
  root.hidden = !desk;
  document.getElementById('desk-commission')!.textContent = desk ? nameOf(desk.commission.name, desk.commission.id) : '';
  if (!desk) return;
  const path = [...desk.commission.path.map((p) => nameOf(p.name, p.id)), nameOf(desk.commission.name, desk.commission.id)];
  const searchBox = desk.units.length > shownAtOnce
    ? `<p><label for="unit-search">${esc(w('findUnit'))}</label> <input id="unit-search" type="search" value="${esc(search)}" autocomplete="off" /></p>`
    : '';
  root.innerHTML = `<h2 id="commission-title">${esc(w('commissionTitle'))}: ${esc(nameOf(desk.commission.name, desk.commission.id))}</h2>
    <p><span class="note">${esc(w('path'))}:</span> <span id="commission-path">${path.map(esc).join(' › ')}</span></p>
    <h3>${esc(w('unitsToWrite'))} (${desk.units.length})</h3>${searchBox}<div id="units-box">${unitsHtml(desk)}</div>`;
  root.querySelector<HTMLInputElement>('#unit-search')?.addEventListener('input', (event) => {
    search = (event.target as HTMLInputElement).value;
    root.querySelector('#units-box')!.innerHTML = unitsHtml(desk);
  });
}
