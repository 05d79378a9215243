// The front page: reporting progress and stage, the chamber's hemicycle with the seat table,
// and the national party-list votes against the 5 % threshold, with the allocation arithmetic;
// then every other body of the night on its own (a council's seats, the akims by region).
import { api } from '../api';
import { bodiesApi } from '../bodies_api';
import { drawHemicycle, drawVoteBars } from '../charts';
import type { Context } from '../context';
import { partyShortName } from '../party_names';
import { formatDecimalText } from '../format';
import { el, esc, skeleton } from '../dom';
import { bodyNameOf, formatNumber, formatPercent, nameOf, t, tf } from '../i18n';
import { renderBodies } from './bodies';
import { progressHtml } from './progress';

export async function renderOverview(root: HTMLElement, ctx: Context): Promise<void> {
  const contest = ctx.mainContest;
  // The main contest's own body: a council's seats are never counted into the chamber's.
  const [results, composition] = await Promise.all([api.results(contest.id), bodiesApi.composition(contest.body)]);
  const national = contest.unit === ctx.election.cec;
  skeleton(
    root,
    'overview',
    `<section class="card wide" id="progress"></section>
     <section class="card" id="chamber"><h2 id="chamber-title"></h2><p class="seat-status" id="seat-status"></p><div class="chart hemicycle" id="hemicycle"></div>
       <div class="seat-legend" id="seat-legend"><span><span class="seat-mark won"></span><span data-l="seatLegendWon"></span></span><span><span class="seat-mark leading"></span><span data-l="seatLegendLeading"></span></span></div><div class="scroll"><table class="seats" id="seat-table"></table></div></section>
     <section class="card" id="list-card"><h2 id="list-title"></h2><div class="chart bars" id="list-bars"></div><p class="note" id="threshold-note"></p></section>
     <section class="card wide" id="arithmetic-card"><h2 data-l="arithmetic"></h2><div class="scroll"><table id="allocation"></table></div></section>
     <div id="bodies" class="cards wide"></div>`,
  );
  // A night without a national contest (akims only): its bodies are the page (the first akim's
  // progress would say nothing of the night's).
  el(root, '#progress').hidden = !national;
  el(root, '#list-card').hidden = !national;
  el(root, '#arithmetic-card').hidden = !national;
  await renderBodies(el(root, '#bodies'), ctx, { skip: national ? contest.body : undefined });
  el(root, '#progress').innerHTML = progressHtml(results);
  el(root, '#list-title').textContent = `${t('partyLists')} · ${nameOf(contest.name)}`;

  // A referendum or a presidential election has no chamber to draw. The chamber is named by the
  // definition (the Mazhilis, the Kurultai, a council), not by the dashboard.
  const chamberTitle = tf('chamberSeats', { body: bodyNameOf(contest.name) });
  el(root, '#chamber-title').textContent = chamberTitle;
  el(root, '#chamber').hidden = composition.seats === 0;
  if (composition.seats > 0) drawHemicycle(el(root, '#hemicycle'), composition, chamberTitle);
  // Won once every station has reported (the server decides: won_because count_complete).
  const allWon = composition.won > 0 && composition.leading === 0 && composition.undecided === 0;
  const seatStatus = el(root, '#seat-status');
  seatStatus.className = `seat-status ${allWon ? 'won' : 'leading'}`;
  seatStatus.dataset.status = allWon ? 'won' : 'leading';
  // The main contest counted but seats still leading or undecided: the chamber's other contests
  // (the districts) are what is still counting.
  const mainCounted = results.progress.expected > 0 && results.progress.reported >= results.progress.expected;
  seatStatus.textContent = allWon
    ? t('seatStatusWon')
    : mainCounted
      ? tf('seatStatusLeadingOthers', { won: formatNumber(composition.won ?? 0), seats: formatNumber(composition.seats) })
      : tf('seatStatusLeading', { reported: formatNumber(results.progress.reported), expected: formatNumber(results.progress.expected) });
  el(root, '#seat-table').innerHTML =
    `<thead><tr><th>${esc(t('party'))}</th><th class="num">${esc(t('seats'))}</th><th class="num">${esc(t('listSeats'))}</th><th class="num">${esc(t('districtSeats'))}</th>` +
    `<th class="num">${esc(t('seatsWon'))}</th><th class="num">${esc(t('seatsLeading'))}</th></tr></thead><tbody>` +
    composition.parties
      .map(
        (p) =>
          `<tr data-party="${esc(p.party)}"><td><span class="swatch" style="background:${esc(p.color)}"></span>${esc(partyShortName(p.party, p.name, p.short_name))}</td>` +
          `<td class="num seats-total">${p.seats}</td><td class="num">${p.list_seats}</td><td class="num">${p.district_seats}</td>` +
          `<td class="num seats-won">${p.won_seats}</td><td class="num seats-leading">${p.leading_seats}</td></tr>`,
      )
      .join('') +
    (composition.undecided > 0 ? `<tr><td>${esc(t('undecided'))}</td><td class="num">${composition.undecided}</td><td></td><td></td><td></td><td></td></tr>` : '') +
    `</tbody><tfoot><tr><td></td><td class="num">${composition.seats}</td><td></td><td></td><td class="num seats-won">${composition.won}</td><td class="num seats-leading">${composition.leading}</td></tr></tfoot>`;

  const outcome = results.outcome;
  const base = outcome?.base?.total ?? 0;
  const bars = ctx.optionBars(contest, results.totals).map((bar) => ({
    ...bar,
    passed: outcome?.options?.find((o) => o.option === bar.id)?.passed_threshold,
  }));
  if (contest.against_all) bars.push({ id: 'against_all', label: nameOf({ kk: 'Барлығына қарсы', ru: 'Против всех', en: 'Against all' }), votes: results.totals.against_all ?? 0, color: '#8c8c8c', passed: undefined });
  const threshold = outcome?.threshold;
  drawVoteBars(el(root, '#list-bars'), bars, base, threshold ? { votes: threshold.votes_needed, label: `${threshold.percent} % ${t('threshold')}` } : undefined);
  el(root, '#threshold-note').textContent = threshold
    ? `${t('threshold')}: ${threshold.percent} % × ${formatNumber(base)} → ${formatNumber(threshold.votes_needed)} ${t('votesNeeded')}`
    : '';

  const lines = outcome?.allocation?.explanation?.lines ?? [];
  el(root, '#allocation').innerHTML = lines.length
    ? `<thead><tr><th>${esc(t('party'))}</th><th class="num">${esc(t('votes'))}</th><th class="num">${esc(t('votes'))} / ${esc(t('quota'))}</th><th class="num">⌊ ⌋</th><th class="num">{ }</th><th class="num">${esc(t('seats'))}</th></tr></thead><tbody>` +
      lines
        .map(
          (line) =>
            `<tr><td>${esc(ctx.optionLabel(contest, line.option))}</td><td class="num">${formatNumber(line.votes)}</td><td class="num">${esc(formatDecimalText(line.quotient))}</td>` +
            `<td class="num">${line.whole_seats}</td><td class="num">${esc(formatDecimalText(line.remainder.decimal))}${line.remainder_seat ? ' +1' : ''}</td><td class="num"><b>${line.seats}</b></td></tr>`,
        )
        .join('') +
      `</tbody>`
    : `<tbody><tr><td>${esc(formatPercent(results.progress.reported, results.progress.expected))} ${esc(t('reported'))}</td></tr></tbody>`;
}
