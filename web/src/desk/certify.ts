// Certification at the desk, for the contests this commission certifies (can_certify): the
// stage (preliminary or final) and a note, signed as {"contest","stage","note","round"} and sent
// to POST /api/v1/certify like any other submission (docs/api.md).
import { esc } from '../dom';
import { nameOf } from '../i18n';
import { signAndSend } from './send';
import { w } from './strings';
import type { Desk, DeskContest } from './types';

const notes = new Map<string, string>();

export function certificationBody(contest: DeskContest, stage: 'preliminary' | 'final', note: string): string {
  return JSON.stringify({ contest: contest.id, stage, note, round: contest.round });
}

export function certifyHtml(desk: Desk): string {
  const mine = desk.contests.filter((contest) => contest.can_certify);
  if (!mine.length) return '';
  const rows = mine
    .map((contest, i) => {
      const next = contest.stage === 'open' ? 'preliminary' : 'final';
      return `<li class="certify" data-contest="${esc(contest.id)}"><b>${esc(nameOf(contest.name, contest.id))}</b>
        <span class="stage stage-${contest.stage}">${esc(w(`stage_${contest.stage}`))}</span>
        <label for="certify-stage-${i}">${esc(w('stage_preliminary'))} / ${esc(w('stage_final'))}</label>
        <select id="certify-stage-${i}" class="certify-stage">
          <option value="preliminary" ${next === 'preliminary' ? 'selected' : ''}>${esc(w('stage_preliminary'))}</option>
          <option value="final" ${next === 'final' ? 'selected' : ''}>${esc(w('stage_final'))}</option></select>
        <label for="certify-note-${i}">${esc(w('note'))}</label>
        <input id="certify-note-${i}" class="certify-note" value="${esc(notes.get(contest.id) ?? '')}" autocomplete="off" />
        <button type="button" class="certify-button" ${contest.stage === 'final' ? 'disabled' : ''}>${esc(w('certify'))}</button></li>`;
    })
    .join('');
  return `<h3>${esc(w('certifyTitle'))}</h3><ul id="certify" class="plain">${rows}</ul>`;
}

export function bindCertify(root: HTMLElement, desk: Desk): void {
  root.querySelectorAll<HTMLElement>('#certify li').forEach((item) => {
    const contest = desk.contests.find((c) => c.id === item.dataset.contest)!;
    const note = item.querySelector<HTMLInputElement>('.certify-note')!;
    note.addEventListener('input', () => notes.set(contest.id, note.value));
    item.querySelector('.certify-button')!.addEventListener('click', async () => {
      const stage = item.querySelector<HTMLSelectElement>('.certify-stage')!.value as 'preliminary' | 'final';
      notes.delete(contest.id);
      await signAndSend('/api/v1/certify', certificationBody(contest, stage, note.value),
        w('certifyWhat', { contest: nameOf(contest.name, contest.id), stage: w(`stage_${stage}`) }));
    });
  });
}
