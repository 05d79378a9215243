// The protocol entry card: one contest's form at one unit (the commission's own count, or a
// correction of a unit below with a reason, starting from the latest accepted values), typed
// once or by double entry, checked while typing (check.ts), with the paper's photo; the send
// button stays disabled and says why until the protocol may be signed.
import { esc } from '../dom';
import { nameOf } from '../i18n';
import { checkProtocol, protocolBody, type Checked } from './check';
import { checksHtml } from './checks_view';
import { differencesHtml, merged, onPick, startDoubleEntry, unresolved, type DoubleEntry } from './double_entry';
import { fieldsHtml, fieldsOf, formOf, onFieldInput, startingValues, type Field, type Values } from './forms';
import { onPhoto, photoHtml, type Photo } from './photo';
import { signAndSend } from './send';
import { contestOf, session, unitOf } from './session';
import { w } from './strings';
import type { Desk, DeskContest, DeskUnit } from './types';
import { relationName } from '../relations';

type Entry = {
  key: string;
  fields: Field[];
  single: Values | null; // typed once (no double entry)
  double: DoubleEntry | null;
  reason: string;
  photo: Photo | null;
  confirmed: boolean;
  sending: boolean;
  problem: string;
};

const entries = new Map<string, Entry>();

function entryFor(desk: Desk, unit: DeskUnit, contest: DeskContest): Entry {
  // Per key: a district's correction of a station is not the station's own count.
  const key = `${session.key?.publicKey}/${unit.id}/${contest.id}/${contest.round}`;
  let entry = entries.get(key);
  if (!entry) {
    const fields = fieldsOf(desk, contest);
    const from = unit.own ? undefined : unit.contests.find((c) => c.contest === contest.id)?.values;
    entry = {
      key,
      fields,
      single: desk.double_entry ? null : startingValues(fields, from),
      double: desk.double_entry ? startDoubleEntry(startingValues(fields, from), startingValues(fields, from)) : null,
      reason: '',
      photo: null,
      confirmed: false,
      sending: false,
      problem: '',
    };
    entries.set(key, entry);
  }
  return entry;
}

// What the checks see and what would be signed at this step.
function current(entry: Entry): Values {
  if (entry.single) return entry.single;
  const d = entry.double!;
  return d.step === 'first' ? d.first : d.step === 'second' ? d.second : merged(d, entry.fields);
}

// Why the protocol cannot be signed yet, or null.
function blocker(entry: Entry, unit: DeskUnit, checked: Checked): string | null {
  if (entry.double && entry.double.step !== 'resolve') return w('whyFirst');
  if (entry.double && unresolved(entry.double, entry.fields) > 0) return w('whyResolve', { n: unresolved(entry.double, entry.fields) });
  if (!unit.own && entry.reason.trim() === '') return w('whyReason');
  const broken = checked.violations[0] ?? checked.early?.[0];
  if (broken) return w('whyBroken', { relation: relationName(broken.relation) });
  if (checked.duplicate) return w('whyDuplicate');
  if (checked.warnings.length && !entry.confirmed) return w('whyWarn');
  return null;
}

function refreshVerdict(root: HTMLElement, desk: Desk, unit: DeskUnit, contest: DeskContest, entry: Entry): void {
  const values = current(entry);
  // As the sender (the rules on changing an accepted count, and the same figures again).
  const reason = entry.reason.trim();
  const checked = checkProtocol(desk, contest, values, { unit, commission: desk.commission.id, ...(reason ? { reason } : {}) });
  root.querySelector('#checks-box')!.innerHTML = checksHtml(checked, formOf(desk, contest), entry.fields, values);
  const confirm = root.querySelector<HTMLElement>('#confirm-box')!;
  confirm.hidden = checked.warnings.length === 0;
  const why = entry.sending ? w('working') : blocker(entry, unit, checked);
  const send = root.querySelector<HTMLButtonElement>('#send')!;
  send.disabled = why !== null;
  root.querySelector('#send-why')!.textContent = why ?? w('ready', { commission: desk.commission.id });
}

function stepHtml(entry: Entry): string {
  const d = entry.double;
  const titles = { lines: w('linesTitle'), options: w('optionsTitle') };
  if (!d) return fieldsHtml(entry.fields, entry.single!, 'field', titles);
  const step = `<p id="entry-step" class="step" data-step="${d.step}" role="status">${esc(w(`step_${d.step}`))}</p>`;
  if (d.step === 'first') return step + fieldsHtml(entry.fields, d.first, 'field', titles) + `<p><button type="button" id="first-done">${esc(w('firstDone'))}</button></p>`;
  if (d.step === 'second') return step + fieldsHtml(entry.fields, d.second, 'field', titles) + `<p><button type="button" id="compare">${esc(w('compare'))}</button></p>`;
  return step + differencesHtml(d, entry.fields) + `<p><button type="button" id="enter-again">${esc(w('enterAgain'))}</button></p>`;
}

function bind(root: HTMLElement, desk: Desk, unit: DeskUnit, contest: DeskContest, entry: Entry, redraw: () => void): void {
  const verdict = () => refreshVerdict(root, desk, unit, contest, entry);
  onFieldInput(root, (field, text) => {
    current(entry)[field] = text;
    verdict();
  });
  const goTo = (step: DoubleEntry['step'], focus: string) => {
    entry.double!.step = step;
    redraw();
    root.querySelector<HTMLElement>(focus)?.focus();
  };
  root.querySelector('#first-done')?.addEventListener('click', () => goTo('second', '#field-0'));
  root.querySelector('#compare')?.addEventListener('click', () => goTo('resolve', '#differences input, #send'));
  root.querySelector('#enter-again')?.addEventListener('click', () => {
    entry.double!.picks = {};
    goTo('first', '#field-0');
  });
  if (entry.double) onPick(root, entry.double, verdict);
  root.querySelector<HTMLTextAreaElement>('#reason')?.addEventListener('input', (event) => {
    entry.reason = (event.target as HTMLTextAreaElement).value;
    verdict();
  });
  onPhoto(root, 'photo', (photo) => {
    entry.photo = photo;
    redraw();
    root.querySelector<HTMLElement>('#photo')?.focus(); // keyboard users stay where they were
  });
  root.querySelector<HTMLInputElement>('#confirm-warnings')!.addEventListener('change', (event) => {
    entry.confirmed = (event.target as HTMLInputElement).checked;
    verdict();
  });
  root.querySelector('#send')!.addEventListener('click', async () => {
    entry.sending = true;
    verdict();
    const body = protocolBody(contest, unit, desk.commission.id, current(entry), {
      ...(unit.own ? {} : { reason: entry.reason.trim() }),
      ...(entry.photo ? { photo_sha256: entry.photo.sha256 } : {}),
    });
    try {
      const sending = signAndSend('/api/v1/protocols', body, `${nameOf(contest.name, contest.id)} · ${nameOf(unit.name, unit.id)}`, entry.photo ?? undefined);
      entries.delete(entry.key); // signed and queued: the next visit starts a new protocol
      const form = location.hash;
      location.hash = '#/';
      await sending.catch((error) => {
        // Not signed or not queued (IndexedDB refused it): the form comes back as it was.
        entries.set(entry.key, entry);
        entry.sending = false;
        entry.problem = String((error as Error).message ?? error);
        location.hash = form;
      });
    } catch (error) {
      entry.sending = false;
      entry.problem = String((error as Error).message ?? error);
      redraw();
    }
  });
  verdict();
}

// Draws the form of `contest` at `unitId` into the entry card (or says the key may not write there).
export function renderProtocolEntry(root: HTMLElement, unitId: string, contestId: string): void {
  const desk = session.desk!;
  const unit = unitOf(desk, unitId);
  const contest = contestOf(desk, contestId);
  if (!unit || !contest || !unit.contests.some((c) => c.contest === contestId)) {
    root.innerHTML = `<h2 id="entry-title">${esc(w('enterProtocol'))}</h2><p id="refused" class="problem" role="alert">${esc(w('refused', { unit: unitId }))}</p>`;
    return;
  }
  const entry = entryFor(desk, unit, contest);
  const state = unit.contests.find((c) => c.contest === contestId)!;
  const redraw = () => renderProtocolEntry(root, unitId, contestId);
  const round = contest.round > 1 ? ` (${w('round', { n: contest.round })})` : '';
  root.innerHTML = `<h2 id="entry-title">${esc(w('entryTitle', { contest: nameOf(contest.name, contest.id), unit: nameOf(unit.name, unit.id) }))}${esc(round)}</h2>
    <p class="note">${esc(unit.own ? w('ownUnit') : w('correctionUnit'))} · <span class="status status-${state.status}">${esc(w(`status_${state.status}`))}</span>${state.version ? ` · ${esc(w('version', { n: state.version }))}` : ''}</p>
    <div class="entry-layout"><div>
      ${stepHtml(entry)}
      ${unit.own ? '' : `<p><label for="reason">${esc(w('reason'))}</label><textarea id="reason" rows="2">${esc(entry.reason)}</textarea></p>`}
      ${photoHtml(entry.photo, 'photo')}
    </div><div>
      <h3>${esc(w('checksTitle'))}</h3><div id="checks-box" aria-live="polite"></div>
      <p id="confirm-box" hidden><input type="checkbox" id="confirm-warnings" ${entry.confirmed ? 'checked' : ''} /> <label for="confirm-warnings">${esc(w('confirmWarnings'))}</label></p>
      <p class="send-line"><button type="button" id="send" class="primary" aria-describedby="send-why">${esc(w('send'))}</button> <span id="send-why" role="status"></span></p>
      ${entry.problem ? `<p class="problem" role="alert">${esc(entry.problem)}</p>` : ''}
    </div></div>`;
  bind(root, desk, unit, contest, entry, redraw);
}
