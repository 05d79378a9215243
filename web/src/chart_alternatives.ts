// Each chart's text alternative (issue 21, item 3): the sentence that names it and the table of
// its figures, in the page's language, from the same data the chart is drawn from. charts.ts
// calls the one for its chart at the start of each draw* function; describeChart puts them on
// the page.
import type { Composition } from './api';
import type { Bar } from './charts';
import { describeChart } from './chart_text';
import { partyShortName } from './party_names';
import { formatDecimal, formatNumber, formatPercent, formatPercentValue, t, tf } from './i18n';

const list = (items: string[]) => (items.length ? items.join(', ') : t('none'));

export function describeHemicycle(element: HTMLElement, composition: Composition, title: string): void {
  const rows: (string | number)[][] = composition.parties.map((p) => [partyShortName(p.party, p.name, p.short_name), formatNumber(p.seats)]);
  if (composition.undecided > 0) rows.push([t('undecided'), formatNumber(composition.undecided)]);
  describeChart(element, `${title}: ${list(rows.map((r) => `${r[0]} ${r[1]}`))}`, { head: [t('party'), t('seats')], rows });
}

export function describeVoteBars(element: HTMLElement, bars: Bar[], base: number, threshold?: { votes: number; label: string }): void {
  const sorted = [...bars].sort((a, b) => b.votes - a.votes);
  const share = (votes: number) => formatPercent(votes, base);
  let summary = tf('chartVotes', { items: list(sorted.map((b) => `${b.label} ${formatNumber(b.votes)} (${share(b.votes)})`)) });
  if (threshold) summary += ` ${tf('chartThreshold', { label: threshold.label, votes: formatNumber(threshold.votes) })}`;
  describeChart(element, summary, { head: [t('chartOption'), t('votes'), t('percent')], rows: sorted.map((b) => [b.label, formatNumber(b.votes), share(b.votes)]) });
}

export function describeTurnoutLines(element: HTMLElement, times: string[], lines: { name: string; shares: (number | null)[] }[]): void {
  const shown = (v: number | null | undefined) => (v == null ? '—' : formatPercentValue(v));
  let last = times.length - 1;
  while (last > 0 && lines.every((line) => line.shares[last] == null)) last--;
  const summary = last < 0 || !lines.length ? t('chartNoData') : tf('chartTurnout', { time: times[last], items: list(lines.map((line) => `${line.name} ${shown(line.shares[last])}`)) });
  describeChart(element, summary, { head: [t('regions'), ...times], rows: lines.map((line) => [line.name, ...times.map((_, i) => shown(line.shares[i]))]) });
}

// `tenths[i]` counts the value i / 10 %; the table lists the bars that are not empty.
export function describeTenths(element: HTMLElement, tenths: number[], axis: string, unit: string): void {
  const bars = tenths.map((count, i) => [i, count]).filter(([, count]) => count > 0);
  const total = bars.reduce((sum, [, count]) => sum + count, 0);
  const peak = bars.reduce((best, bar) => (bar[1] > best[1] ? bar : best), [0, 0]);
  const percent = (i: number) => formatPercent(i, 1000, 1);
  const summary = bars.length ? tf('chartHistogram', { axis, bars: formatNumber(bars.length), total: formatNumber(total), unit, peak: formatDecimal(peak[0] / 10, 1) }) : t('chartNoData');
  describeChart(element, summary, { head: [axis, unit], rows: bars.map(([i, count]) => [percent(i), formatNumber(count)]) });
}

// `cells` is bins x bins, row = turnout percent, column = result percent; the table lists the
// 20 fullest cells.
export function describeCells(element: HTMLElement, bins: number, cells: number[], axes: { x: string; y: string; unit: string }): void {
  const full = cells.map((count, i) => ({ count, x: Math.floor(i / bins), y: i % bins })).filter((c) => c.count > 0);
  const total = full.reduce((sum, c) => sum + c.count, 0);
  full.sort((a, b) => b.count - a.count || a.x - b.x || a.y - b.y);
  const top = full.slice(0, 20);
  const at = (c: { x: number; y: number }) => `${axes.x} ${c.x} %, ${axes.y} ${c.y} %`;
  const summary = top.length
    ? tf('chartCells', { x: axes.x, y: axes.y, cells: formatNumber(full.length), total: formatNumber(total), unit: axes.unit, at: at(top[0]), most: formatNumber(top[0].count) })
    : t('chartNoData');
  describeChart(element, summary, {
    caption: tf('chartFullestCells', { n: top.length }),
    head: [axes.x, axes.y, axes.unit],
    rows: top.map((c) => [`${c.x} %`, `${c.y} %`, formatNumber(c.count)]),
  });
}

export function describeIntervals(element: HTMLElement, rows: { name: string; low: number; high: number; estimate: number; official: number | null }[]): void {
  const pct = (v: number | null) => (v == null ? '—' : formatPercentValue(v));
  const summary = tf('chartIntervals', { items: list(rows.map((r) => `${r.name} ${pct(r.low)} – ${pct(r.high)} (${t('chartOfficial')} ${pct(r.official)})`)) });
  describeChart(element, summary, {
    head: [t('chartOption'), t('chartLow'), t('chartEstimate'), t('chartHigh'), t('chartOfficial')],
    rows: rows.map((r) => [r.name, pct(r.low), pct(r.estimate), pct(r.high), pct(r.official)]),
  });
}

export function describeSeatDistribution(element: HTMLElement, lists: { name: string; histogram: number[] }[], draws: number): void {
  const likeliest = lists.map((l) => {
    let best = 0;
    l.histogram.forEach((count, seats) => (count > l.histogram[best] ? (best = seats) : undefined));
    return { name: l.name, seats: best, chance: draws > 0 ? formatPercent(l.histogram[best] ?? 0, draws, 1) : '—' };
  });
  const summary = tf('chartSeatChances', { draws: formatNumber(draws), items: list(likeliest.map((l) => `${l.name} ${l.seats} (${l.chance})`)) });
  describeChart(element, summary, { head: [t('party'), t('chartLikeliestSeats'), t('chartChance')], rows: likeliest.map((l) => [l.name, l.seats, l.chance]) });
}
