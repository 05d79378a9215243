// The Senate sitting page (and the front page of a Senate night): the summary (seats, elected,
// women elected, repeat votes, still voting), a tile map of the 20 sittings in their rough
// places that fills as quorums are reached through the morning and then with the winners, and
// a table of the sittings with the attendance, the quorum's time and the winner's share (a data
// table: sortable, filtered, downloaded with the regions' and winners' names).
import { api, type Sitting } from '../api';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatPercentValue } from '../format';
import { formatNumber, nameOf, t, tf, type Label } from '../i18n';
import { renderTable, type TableSpec } from '../table';
import { fitTileNames, tileName } from '../tile_names';

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

// The tile's short name, with soft hyphens at its breaks (tile_names.ts).
function shortName(sitting: Sitting): string {
  return tileName(sitting.unit, nameOf(sitting.unit_name, sitting.unit));
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
  return `${nameOf(w.name, w.option)}${w.gender === 'f' ? ` ♀` : ''} · ${formatPercentValue(Number(w.percent))}`;
}

function tileHtml(sitting: Sitting): string {
  const [column, row] = places[sitting.unit] ?? [0, 5];
  const w = sitting.winner;
  return (
    `<a class="sitting-tile sitting-${esc(sitting.state)}" href="${link.contest(sitting.contest)}" data-unit="${esc(sitting.unit)}" data-state="${esc(sitting.state)}"` +
    ` style="grid-column:${column + 1};grid-row:${row + 1}" title="${esc(`${nameOf(sitting.unit_name)} · ${stateText(sitting)} · ${attendanceText(sitting)}`)}">` +
    `<b>${esc(shortName(sitting))}</b>` +
    `<span class="tile-line">${esc(w ? `${formatPercentValue(Number(w.percent), 1)}${w.gender === 'f' ? ' ♀' : ''}` : sitting.attendance?.quorum_reached ? sitting.attendance.quorum_at ?? '' : stateText(sitting))}</span></a>`
  );
}

// The sittings: the region, the stage, the quorum (sorted by its time), the decision, the
// winner with the share and the votes.
function sittingsTable(sittings: Sitting[]): TableSpec<Sitting> {
  const decision = (s: Sitting) => `${stateText(s)}${s.round >= 2 ? ` (${t('inRepeatVote')})` : ''}`;
  return {
    id: 'sittings',
    file: 'senate-sittings',
    empty: '—',
    rows: sittings,
    rowAttrs: (s) => ` data-unit="${esc(s.unit)}" data-state="${esc(s.state)}"`,
    filterText: (s) => `${s.unit} ${attendanceText(s)}`,
    columns: [
      { label: t('unit'), value: (s) => nameOf(s.unit_name, s.unit), html: (s) => `<a href="${link.contest(s.contest)}">${esc(nameOf(s.unit_name, s.unit))}</a>` },
      { label: t('stage'), value: (s) => t(s.stage) },
      { label: t('quorum'), value: (s) => s.attendance?.quorum_at ?? null, html: (s) => esc(attendanceText(s)), className: 'quorum-cell' },
      { label: t('decision'), value: decision },
      { label: t('winner'), value: (s) => winnerText(s), className: 'winner-cell' },
      {
        label: t('votes'),
        num: true,
        value: (s) => s.winner?.votes,
        html: (s) => (s.winner ? `${formatNumber(s.winner.votes)} / ${formatNumber(s.winner.base)}` : ''),
      },
    ],
    record: (s) => ({
      unit: s.unit,
      unit_name: nameOf(s.unit_name, s.unit),
      contest: s.contest,
      stage: s.stage,
      state: s.state,
      round: s.round,
      electors: s.attendance?.electors ?? s.electors,
      quorum_at: s.attendance?.quorum_at ?? null,
      present: s.attendance?.latest_present ?? null,
      present_at: s.attendance?.latest_at ?? null,
      winner: s.winner?.option ?? null,
      winner_name: s.winner ? nameOf(s.winner.name, s.winner.option) : null,
      gender: s.winner?.gender ?? null,
      votes: s.winner?.votes ?? null,
      base: s.winner?.base ?? null,
      percent: s.winner?.percent ?? null,
    }),
  };
}

export async function renderSenate(root: HTMLElement): Promise<void> {
  const senate = await api.senate();
  skeleton(
    root,
    'senate',
    `<section class="card wide" id="senate-summary"><h2 id="senate-title"></h2><div class="senate-figures" id="senate-figures"></div></section>
     <section class="card wide"><h2 data-l="sittingsMap"></h2><div class="sitting-grid" id="sitting-grid"></div>
       <div class="legend" id="sitting-legend"></div></section>
     <section class="card wide"><h2 data-l="sitting"></h2><div id="sittings-host"></div></section>`,
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
  fitTileNames(el(root, '#sitting-grid'));
  el(root, '#sitting-legend').innerHTML = (['awaiting', 'gathering', 'quorum', 'repeat-vote', 'elected'] as const)
    .map((state) => `<span><span class="swatch sitting-${state}"></span>${esc(t(`state_${state}` as Label))}</span>`)
    .join(' ');
  renderTable(el(root, '#sittings-host'), sittingsTable(senate.sittings));
}
