// The observers' statistics page: the election fingerprint as a heat map, stations by turnout in
// 0.1 % steps (whole percents marked), a published PVT or exit poll beside the live official
// shares with its 95 % intervals, and the projected seats' distribution. The numbers come from
// the server's forensics of the live count (the same code as `saylau forensics`) and from the
// estimate it was started with (`saylau serve --pvt`).
import { api } from '../api';
import { drawFingerprint, drawIntervals, drawSeatDistribution, drawTenths } from '../charts';
import type { Context } from '../context';
import { el, esc, skeleton } from '../dom';
import { nameOf, t } from '../i18n';

const p = (value: number) => (value < 0.001 ? value.toExponential(1) : value.toFixed(3));

export async function renderStatistics(root: HTMLElement, ctx: Context): Promise<void> {
  const contest = ctx.mainContest;
  const [forensics, pvt] = await Promise.all([api.forensics(contest.id), api.pvt().catch(() => null)]);
  skeleton(
    root,
    'statistics',
    `<section class="card wide"><h2 data-l="fingerprint"></h2><p id="forensics-summary"></p><div id="fingerprint" class="chart stats tall"></div></section>` +
      `<section class="card wide"><h2 data-l="wholePercents"></h2><p id="integer-summary"></p><div id="integer-percent" class="chart stats"></div></section>` +
      `<section class="card wide"><h2 data-l="pvtComparison"></h2><p id="pvt-summary"></p><div id="pvt-intervals" class="chart stats"></div></section>` +
      `<section class="card wide"><h2 data-l="seatChances"></h2><p id="seat-summary"></p><div id="seat-distribution" class="chart stats"></div></section>`,
  );
  const summary = el(root, '#forensics-summary');
  summary.dataset.flagged = String(forensics.flagged);
  summary.innerHTML =
    `<b>${esc(t(forensics.flagged ? 'flaggedForensics' : 'notFlagged'))}</b> · ${forensics.stations.toLocaleString()} · ` +
    `${(100 * forensics.fingerprint.high_high_voter_share).toFixed(2)} % &gt; 80 % / 80 % · ` +
    `r = ${forensics.association.correlation.toFixed(3)} (p ${p(forensics.association.p_value)}) · ` +
    `χ² ${forensics.last_digit.chi_squared.toFixed(1)} (p ${p(forensics.last_digit.p_value)})` +
    (forensics.reasons.length ? `<br>${forensics.reasons.map(esc).join('<br>')}` : '');
  drawFingerprint(el(root, '#fingerprint'), forensics.fingerprint.bins, forensics.fingerprint.stations, forensics.leader);
  const ip = forensics.integer_percent;
  el(root, '#integer-summary').textContent =
    `${ip.turnout_observed.toLocaleString()} / ${Math.round(ip.turnout_expected).toLocaleString()} (p ${p(ip.turnout_p)}) · ` +
    `${forensics.leader}: ${ip.leader_observed.toLocaleString()} / ${Math.round(ip.leader_expected).toLocaleString()} (p ${p(ip.leader_p)}) · ${ip.simulations}`;
  drawTenths(el(root, '#integer-percent'), ip.turnout_tenths);

  const pvtSummary = el(root, '#pvt-summary');
  if (!pvt) {
    pvtSummary.textContent = t('noEstimate');
    el(root, '#pvt-intervals').dataset.empty = 'true';
    el(root, '#seat-summary').textContent = t('noEstimate');
    return;
  }
  const official = new Map(pvt.comparison.map((c) => [c.option, c]));
  const outside = pvt.comparison.filter((c) => !c.inside);
  pvtSummary.dataset.outside = String(outside.length);
  pvtSummary.textContent =
    `${pvt.source} · ${pvt.stations_used} / ${pvt.stations_sampled} · ` +
    (outside.length ? outside.map((c) => `${c.option} ±${(100 * c.outside_by).toFixed(2)}`).join(', ') : '✓ 95 %');
  const option = (id: string) => nameOf(ctx.election.contests.find((c) => c.id === pvt.contest)?.options.find((o) => o.id === id)?.name, id);
  drawIntervals(
    el(root, '#pvt-intervals'),
    pvt.shares.map((s) => ({
      name: option(s.option),
      low: 100 * s.low,
      high: 100 * s.high,
      estimate: 100 * s.share,
      official: official.has(s.option) ? 100 * official.get(s.option)!.official : null,
    })),
  );
  if (pvt.projection) {
    const projection = pvt.projection;
    el(root, '#seat-summary').textContent = projection.lists
      .filter((l) => l.pass_probability > 0)
      .map((l) => `${option(l.option)}: ${l.seats_median} (${l.seats_low}–${l.seats_high}), P(5 %) ${(100 * l.pass_probability).toFixed(0)} %`)
      .join(' · ');
    const color = (id: string) => ctx.election.parties.find((party) => party.id === id)?.color || undefined;
    drawSeatDistribution(
      el(root, '#seat-distribution'),
      projection.lists.filter((l) => l.pass_probability > 0).map((l) => ({ name: option(l.option), color: color(l.option), histogram: l.seat_histogram })),
      projection.draws,
    );
  }
}
