// The dashboard's charts, drawn by ECharts (SVG renderer: crisp on phones, and the seats are
// elements a test can see): the hemicycle, votes against the threshold, turnout through the
// day, and the tile map of regions. Each function sets the options of a chart it keeps per
// element, so a live update redraws without flicker.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import './charts.css';
import type { Composition } from './api';
import { partyShortName } from './party_names';
import { formatCompact, formatNumber, formatPercent, formatPercentValue, t } from './i18n';
import { describeCells, describeHemicycle, describeIntervals, describeSeatDistribution, describeTenths, describeTurnoutLines, describeVoteBars } from './chart_alternatives';
import { chartTheme } from './chart_theme';

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

const charts = new WeakMap<HTMLElement, echarts.ECharts>();
function chartOf(element: HTMLElement): echarts.ECharts {
  let chart = charts.get(element);
  if (!chart) {
    chart = echarts.init(element, chartTheme(), { renderer: 'svg' });
    charts.set(element, chart);
    new ResizeObserver(() => chart!.resize()).observe(element);
  }
  return chart;
}

// Seat positions of a hemicycle: rows of seats on concentric half-circles, as many per row as
// its length allows, then ordered by angle so each party takes a wedge from left to right.
export function hemicycleSeats(total: number): { x: number; y: number }[] {
  if (total <= 0) return [];
  let rows = 1;
  while (rows * rows * 4 < total) rows++;
  const radii = Array.from({ length: rows }, (_, i) => 1 + i / rows);
  const length = radii.reduce((sum, r) => sum + r, 0);
  const perRow = radii.map((r) => Math.floor((total * r) / length));
  let left = total - perRow.reduce((a, b) => a + b, 0);
  for (let i = rows - 1; left > 0; i = (i + rows - 1) % rows, left--) perRow[i]++;
  const seats: { x: number; y: number; angle: number }[] = [];
  radii.forEach((r, row) => {
    const n = perRow[row];
    for (let k = 0; k < n; k++) {
      const angle = n === 1 ? Math.PI / 2 : Math.PI - (Math.PI * k) / (n - 1);
      seats.push({ x: r * Math.cos(angle), y: r * Math.sin(angle), angle });
    }
  });
  seats.sort((a, b) => b.angle - a.angle || a.x - b.x);
  return seats.map(({ x, y }) => ({ x, y }));
}

// `title` names the chamber ("Seats in the Kurultai"), for the chart's label. Each party's wedge
// draws its won seats filled and its leading seats (a count still in progress) hollow, in the
// party's colour; `data-won` and `data-leading` on the element count them.
export function drawHemicycle(element: HTMLElement, composition: Composition, title: string): void {
  describeHemicycle(element, composition, title);
  const seats = hemicycleSeats(composition.seats);
  const series: Record<string, unknown>[] = [];
  let at = 0;
  const block = (name: string, color: string, count: number, hollow: boolean) => {
    if (count <= 0) return;
    const data = seats.slice(at, at + count).map((seat) => [seat.x, seat.y]);
    at += count;
    const itemStyle = hollow ? { color: 'rgba(255,255,255,0)', borderColor: color, borderWidth: 2 } : { color };
    series.push({ type: 'scatter', name, data, symbolSize: hollow ? 9 : 11, itemStyle, emphasis: { scale: 1.4 } });
  };
  for (const party of composition.parties) {
    const name = `${partyShortName(party.party, party.name, party.short_name)} ${party.seats}`;
    const won = party.won_seats ?? party.seats;
    block(name, party.color, won, false);
    block(name, party.color, party.seats - won, true);
  }
  if (composition.undecided > 0) block(`${t('undecided')} ${composition.undecided}`, '#d0d4da', composition.undecided, false);
  element.dataset.seats = String(composition.seats);
  element.dataset.won = String(composition.won ?? 0);
  element.dataset.leading = String(composition.leading ?? 0);
  const status = (p: Composition['parties'][number]) =>
    p.leading_seats > 0 ? ` (${p.won_seats} ${t('seatsWon')}, ${p.leading_seats} ${t('seatsLeading')})` : '';
  element.setAttribute('aria-label', `${title}: ${composition.parties.map((p) => `${partyShortName(p.party, p.name, p.short_name)} ${p.seats}${status(p)}`).join(', ')}`);
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 4, right: 4, top: 4, bottom: 4 },
      xAxis: { show: false, min: -2.1, max: 2.1 },
      yAxis: { show: false, min: -0.1, max: 2.1 },
      // No legend of its own: ECharts' scrolling legend cut a party's name at its pager, and the
      // seat table right below names every party with its colour and its won and leading seats.
      legend: { show: false },
      tooltip: { trigger: 'item', formatter: (p: { seriesName?: string }) => p.seriesName ?? '' },
      series,
    },
    { notMerge: true },
  );
}

export type Bar = { id: string; label: string; votes: number; color: string; passed?: boolean };

// Horizontal bars of votes, most first, with the threshold as a line at the exact number of
// votes needed (the server's integer), labelled with its percent above the bars (in the grid's
// top margin, where no bar or bar label is). The value axis has fewer ticks on a narrow chart,
// so its compact labels never run together.
// The background the chart is drawn on (its card's), so that a label can hide what is behind it.
function cardColour(element: HTMLElement): string {
  for (let at: HTMLElement | null = element; at; at = at.parentElement) {
    const colour = getComputedStyle(at).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#fff';
}

export function drawVoteBars(element: HTMLElement, bars: Bar[], base: number, threshold?: { votes: number; label: string }): void {
  describeVoteBars(element, bars, base, threshold);
  const sorted = [...bars].sort((a, b) => a.votes - b.votes);
  const narrow = element.clientWidth > 0 && element.clientWidth < 560;
  chartOf(element).setOption(
    {
      // No animation: every live update draws the chart anew (notMerge), and the threshold's label
      // travelled up across the bars while its line grew.
      animation: false,
      grid: { left: 8, right: 70, top: threshold ? 34 : 12, bottom: 24, containLabel: true },
      xAxis: {
        type: 'value',
        splitNumber: narrow ? 2 : 5,
        axisLabel: { hideOverlap: true, margin: 8, formatter: (v: number) => formatCompact(v) },
      },
      yAxis: { type: 'category', data: sorted.map((b) => b.label), axisLabel: { width: narrow ? 96 : 180, overflow: 'truncate' } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // The threshold's line is drawn over the bars but under the percents: a small bar's percent
      // sits where the line crosses (Baytaq's 2 % beside the 5 % line on a phone). The percents
      // are a second, invisible series over the bars (z above the line's 5), on the card's colour.
      series: [
        {
          type: 'bar',
          data: sorted.map((b) => ({ value: b.votes, itemStyle: { color: b.color, opacity: b.passed === false ? 0.45 : 1 } })),
          markLine: threshold
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#c8102e', type: 'dashed', width: 2 },
                label: { formatter: threshold.label, position: 'end', distance: 6, color: '#c8102e', fontWeight: 'bold' },
                data: [{ xAxis: threshold.votes }],
              }
            : undefined,
        },
        {
          type: 'bar',
          z: 6,
          silent: true,
          barGap: '-100%',
          tooltip: { show: false },
          data: sorted.map((b) => ({ value: b.votes, itemStyle: { color: 'transparent' } })),
          label: {
            show: true,
            position: 'right',
            backgroundColor: cardColour(element),
            padding: [1, 3],
            formatter: (p: { value: number }) => formatPercent(p.value, base),
          },
        },
      ],
    },
    { notMerge: true },
  );
}

// Turnout through the day: the first line (the country) drawn bold, the `shown` lines drawn, the
// others listed in the legend to switch on; hovering a line brings it forward.
export function drawTurnoutLines(element: HTMLElement, times: string[], lines: { name: string; shares: (number | null)[] }[], shown: Set<string>): void {
  describeTurnoutLines(element, times, lines);
  const narrow = element.clientWidth > 0 && element.clientWidth < 560;
  const selected: Record<string, boolean> = {};
  lines.forEach((line, i) => (selected[line.name] = i === 0 || shown.has(line.name)));
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: narrow ? 100 : 60, bottom: 24, containLabel: true },
      // The lines drawn first in the legend, then the others to switch on.
      // On a phone a scrolling legend cuts its last item at the pager: there the legend wraps and
      // lists the drawn lines only (every line is in the chart's table below it).
      legend: narrow
        ? { type: 'plain', top: 0, selected, data: lines.filter((l) => selected[l.name]).map((l) => l.name) }
        : { type: 'scroll', top: 0, selected, data: [...lines.filter((l) => selected[l.name]), ...lines.filter((l) => !selected[l.name])].map((l) => l.name) },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v == null ? '—' : formatPercentValue(v, 2)) },
      // On a phone the last time ('at the close') ends at its tick rather than past the chart's edge.
      xAxis: { type: 'category', data: times, axisLabel: { hideOverlap: true, alignMaxLabel: narrow ? 'right' : undefined } },
      yAxis: { type: 'value', min: 0, max: 100, interval: narrow ? 25 : 20, axisLabel: { formatter: (v: number) => formatPercentValue(v, 0) } },
      series: lines.map((line, i) => ({
        type: 'line',
        name: line.name,
        data: line.shares,
        showSymbol: i === 0,
        connectNulls: false,
        lineStyle: { width: i === 0 ? 4 : 2 },
        z: i === 0 ? 3 : 2,
        emphasis: { focus: 'series', lineStyle: { width: 4 } },
        endLabel: { show: !narrow && i === 0, formatter: (p: { seriesName: string }) => p.seriesName },
      })),
    },
    { notMerge: true },
  );
}

// The election fingerprint: stations in 1 % x 1 % cells of turnout (y) and the leader's share (x).
export function drawFingerprint(element: HTMLElement, bins: number, stations: number[], leader: string): void {
  describeCells(element, bins, stations, { x: t('turnoutAxis'), y: `${leader} %`, unit: t('chartStations') });
  const data: [number, number, number][] = [];
  let most = 1;
  stations.forEach((count, i) => {
    if (count > 0) {
      data.push([i % bins, Math.floor(i / bins), count]);
      most = Math.max(most, count);
    }
  });
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 56, containLabel: true },
      tooltip: { formatter: (p: { value: number[] }) => `${leader} ${formatPercentValue(p.value[0], 0)}, ${t('turnout')} ${formatPercentValue(p.value[1], 0)}: ${formatNumber(p.value[2])}` },
      xAxis: { type: 'category', data: [...Array(bins).keys()].map(String), name: `${leader} %`, nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: [...Array(bins).keys()].map(String), name: '%' },
      visualMap: { min: 1, max: most, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#dbe9f6', '#08306b'] } },
      series: [{ type: 'heatmap', data }],
    },
    { notMerge: true },
  );
}

// Stations by a percentage in 0.1 % steps; whole percents in red (Kobak et al.).
export function drawTenths(element: HTMLElement, tenths: number[]): void {
  describeTenths(element, tenths, t('percent'), t('chartStations'));
  const data = tenths.map((count, i) => ({ value: count, itemStyle: { color: i % 10 === 0 ? '#d62728' : '#1f77b4' } }));
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: tenths.map((_, i) => (i / 10).toFixed(1)) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data, barCategoryGap: 0 }],
    },
    { notMerge: true },
  );
}

// Estimates with their 95 % intervals (bars from low to high, a dot at the estimate) and the
// official share (a diamond), in percent.
export function drawIntervals(element: HTMLElement, rows: { name: string; low: number; high: number; estimate: number; official: number | null }[]): void {
  describeIntervals(element, rows);
  const names = rows.map((r) => r.name);
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
      legend: { top: 0, data: ['95 %', t('estimate'), t('official')] },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v == null ? '—' : formatPercentValue(Number(v), 2)) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercentValue(v, 0) } },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        { type: 'bar', stack: 'interval', data: rows.map((r) => r.low), itemStyle: { color: 'transparent' }, tooltip: { show: false } },
        { type: 'bar', stack: 'interval', name: '95 %', data: rows.map((r) => r.high - r.low), itemStyle: { color: '#9ecae1' }, barWidth: 10 },
        { type: 'scatter', name: t('estimate'), data: rows.map((r, i) => [r.estimate, i]), symbolSize: 8, itemStyle: { color: '#08519c' } },
        { type: 'scatter', name: t('official'), data: rows.map((r, i) => [r.official, i]), symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#d62728' } },
      ],
    },
    { notMerge: true },
  );
}

// The distribution of seats of each list over the simulated draws.
export function drawSeatDistribution(element: HTMLElement, lists: { name: string; color?: string; histogram: number[] }[], draws: number): void {
  describeSeatDistribution(element, lists, draws);
  const seats = Math.max(...lists.map((l) => l.histogram.length));
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: 48, bottom: 24, containLabel: true },
      legend: { type: 'scroll', top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercentValue(100 * v, 1) },
      xAxis: { type: 'category', data: [...Array(seats).keys()].map(String), name: t('seats') },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercentValue(100 * v, 0) } },
      series: lists.map((l) => ({
        type: 'bar',
        name: l.name,
        data: l.histogram.map((c) => c / draws),
        itemStyle: l.color ? { color: l.color } : undefined,
      })),
    },
    { notMerge: true },
  );
}

// A histogram in 0.1 % steps as Kobak et al. draw it: whole percents in red, the 0 % and 100 %
// bars left out and the range trimmed to the bars there are, so the scale comes from the bars
// drawn and the whole-percent spikes show. `tenths[i]` counts the value i / 10 %.
export function drawTenthsHistogram(element: HTMLElement, tenths: number[], axis: string, unit: string): void {
  describeTenths(element, tenths, axis, unit);
  let first = 1;
  let last = Math.min(tenths.length - 2, 999);
  while (first < last && !tenths[first]) first++;
  while (last > first && !tenths[last]) last--;
  first = Math.max(1, first - (first % 10));
  last = Math.min(999, last + 10 - (last % 10));
  const bins = tenths.slice(first, last + 1);
  const data = bins.map((count, k) => ({ value: count, itemStyle: { color: (first + k) % 10 === 0 ? '#d62728' : '#6b8fb8' } }));
  element.dataset.bars = String(bins.filter((c) => c > 0).length);
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 8, right: 16, top: 24, bottom: 28, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatNumber(v)} ${unit}` },
      xAxis: {
        type: 'category',
        data: bins.map((_, k) => ((first + k) / 10).toFixed(1)),
        name: axis,
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { interval: (index: number) => (first + index) % 100 === 0, formatter: (v: string) => String(Math.round(Number(v))) },
        axisTick: { show: false },
      },
      // The unit's name starts at the axis (centred on it, 'Учаскелер' ran past the chart's left edge on a phone).
      yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => formatCompact(v) } },
      series: [{ type: 'bar', data, barCategoryGap: 0 }],
    },
    { notMerge: true },
  );
}

// The election fingerprint as Klimek et al. draw it: turnout across, the leader's result up,
// 1 % x 1 % cells coloured on a log scale with its colour bar (from the emptiest non-empty cell
// to the fullest). `cells` is bins x bins, row = turnout percent, column = result percent.
export function drawFingerprintMap(element: HTMLElement, bins: number, cells: number[], axes: { x: string; y: string; unit: string }): void {
  describeCells(element, bins, cells, axes);
  const data: [number, number, number, number][] = [];
  let most = 1;
  let least = Infinity;
  cells.forEach((count, i) => {
    if (count > 0) {
      data.push([Math.floor(i / bins), i % bins, Math.log10(count), count]);
      most = Math.max(most, count);
      least = Math.min(least, count);
    }
  });
  if (!Number.isFinite(least)) least = 1;
  element.dataset.cells = String(data.length);
  const percents = [...Array(bins).keys()].map(String);
  const every10 = (index: number) => index % 10 === 0;
  chartOf(element).setOption(
    {
      animation: false,
      grid: { left: 8, right: 72, top: 32, bottom: 32, containLabel: true },
      tooltip: { formatter: (p: { value: number[] }) => `${axes.x} ${p.value[0]}, ${axes.y} ${p.value[1]}: ${formatNumber(p.value[3])} ${axes.unit}` },
      xAxis: { type: 'category', data: percents, name: axes.x, nameLocation: 'middle', nameGap: 22, axisLabel: { interval: every10 }, axisTick: { show: false } },
      yAxis: { type: 'category', data: percents, name: axes.y, nameLocation: 'end', nameTextStyle: { align: 'left' }, axisLabel: { interval: every10 }, axisTick: { show: false } },
      visualMap: {
        type: 'continuous',
        dimension: 2,
        min: Math.log10(least),
        max: Math.max(Math.log10(most), Math.log10(least) + 0.01),
        calculable: false,
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemHeight: 180,
        itemWidth: 12,
        text: [formatCompact(most), formatCompact(least)],
        inRange: { color: ['#fff5b8', '#fd8d3c', '#bd0026', '#3f007d'] },
      },
      series: [{ type: 'heatmap', data }],
    },
    { notMerge: true },
  );
}
