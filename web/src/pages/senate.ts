// The Senate sitting page (and the front page of a Senate night): the summary (seats, elected,
// women elected, repeat votes, still voting), a tile map of the 20 sittings in their rough
// places that fills as quorums are reached through the morning and then with the winners, and
// a table of the sittings with the attendance, the quorum's time and the winner's share.
import { api, type Sitting } from '../api';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, nameOf, t, tf, type Label } from '../i18n';

// Each region's place on a 7 × 5 grid (column, row), as the region map draws them.
const places: Record<string, [number, number]> = {
  kostanay: [2, 0], 'north-kazakhstan': [3, 0], pavlodar: [5, 0],
  'west-kazakhstan': [0, 1], aktobe: [1, 1], akmola: [3, 1], astana: [4, 1], abai: [5, 1], 'east-kazakhstan': [6, 1],
  atyrau: [0, 2], ulytau: [2, 2], karaganda: [3, 2], zhetisu: [5, 2],
  mangystau: [0, 3], kyzylorda: [2, 3], turkistan: [3, 3], zhambyl: [4, 3], 'almaty-region': [5, 3],
  shymkent: [3, 4], 'almaty-city': [5, 4],
};

// Whether the election is a Senate night: sittings and no party list to lead the front page.
export function isSenateNight(ctx: Context): boolean {
  const kinds = ctx.election.contests.map((c) => c.kind);
  return kinds.includes('indirect_majority') && !kinds.includes('party_list');
}

function shortName(sitting: Sitting): string {
  return nameOf(sitting.unit_name, sitting.unit).replace(/ (облысы|область|Region)$/u, '').replace(/^(Область|город) /u, '');
}

function stateText(sitting: Sitting): string {
  return t(`state_${sitting.state}` as Label);
}

function attendanceText(sitting: Sitting): string {
  const a = sitting.attendance;
  if (!a) return '—';
  if (a.quorum_reached && a.quorum_at) return tf('quorumAt', { time: a.quorum_at });
  return tf('presentAt', { time: a.latest_at, present: formatNumber(a.latest_present), electors: formatNumber(a.electors) });
}

function winnerText(sitting: Sitting): string {
  const w = sitting.winner;
  if (!w) return '';
  return `${nameOf(w.name, w.option)}${w.gender === 'f' ? ` ♀` : ''} · ${w.percent} %`;
}

function tileHtml(sitting: Sitting): string {
  const [column, row] = places[sitting.unit] ?? [0, 5];
  const w = sitting.winner;
  return (
    `<a class="sitting-tile sitting-${esc(sitting.state)}" href="${link.contest(sitting.contest)}" data-unit="${esc(sitting.unit)}" data-state="${esc(sitting.state)}"` +
    ` style="grid-column:${column + 1};grid-row:${row + 1}" title="${esc(`${nameOf(sitting.unit_name)} · ${stateText(sitting)} · ${attendanceText(sitting)}`)}">` +
    `<b>${esc(shortName(sitting))}</b>` +
    `<span class="tile-line">${esc(w ? `${w.percent} %${w.gender === 'f' ? ' ♀' : ''}` : sitting.attendance?.quorum_reached ? sitting.attendance.quorum_at ?? '' : stateText(sitting))}</span></a>`
  );
}

export async function renderSenate(root: HTMLElement): Promise<void> {
  const senate = await api.senate();
  skeleton(
    root,
    'senate',
    `<section class="card wide" id="senate-summary"><h2 id="senate-title"></h2><div class="senate-figures" id="senate-figures"></div></section>
     <section class="card wide"><h2 data-l="sittingsMap"></h2><div class="sitting-grid" id="sitting-grid"></div>
       <div class="legend" id="sitting-legend"></div></section>
     <section class="card wide"><h2 data-l="sitting"></h2><div class="scroll"><table class="sittings-table" id="sittings"></table></div></section>`,
  );
  el(root, '#senate-title').textContent = tf('senateSeats', { seats: senate.seats });
  const figures: [string, Label, number][] = [
    ['elected', 'senatorsElected', senate.elected],
    ['women', 'womenElected', senate.women],
    ['repeat', 'repeatVotes', senate.repeat_votes],
    ['voting', 'stillVoting', senate.still_voting],
    ['quorum', 'quorumReached', senate.quorum_reached],
  ];
  el(root, '#senate-figures').innerHTML = figures
    .map(([id, label, value]) => `<div class="figure" id="figure-${id}"><b>${formatNumber(value)}</b><span>${esc(t(label))}</span></div>`)
    .join('');
  el(root, '#sitting-grid').innerHTML = senate.sittings.map(tileHtml).join('');
  el(root, '#sitting-legend').innerHTML = (['awaiting', 'gathering', 'quorum', 'repeat-vote', 'elected'] as const)
    .map((state) => `<span><span class="swatch sitting-${state}"></span>${esc(t(`state_${state}` as Label))}</span>`)
    .join(' ');
  el(root, '#sittings').innerHTML =
    `<thead><tr><th>${esc(t('unit'))}</th><th>${esc(t('stage'))}</th><th>${esc(t('quorum'))}</th><th>${esc(t('decision'))}</th><th>${esc(t('winner'))}</th><th class="num">${esc(t('votes'))}</th></tr></thead><tbody>` +
    senate.sittings
      .map(
        (s) =>
          `<tr data-unit="${esc(s.unit)}" data-state="${esc(s.state)}"><td><a href="${link.contest(s.contest)}">${esc(nameOf(s.unit_name, s.unit))}</a></td>` +
          `<td>${esc(t(s.stage))}</td><td class="quorum-cell">${esc(attendanceText(s))}</td>` +
          `<td>${esc(stateText(s))}${s.round >= 2 ? ` (${esc(t('inRepeatVote'))})` : ''}</td><td class="winner-cell">${esc(winnerText(s))}</td>` +
          `<td class="num">${s.winner ? `${formatNumber(s.winner.votes)} / ${formatNumber(s.winner.base)}` : ''}</td></tr>`,
      )
      .join('') +
    `</tbody>`;
}
