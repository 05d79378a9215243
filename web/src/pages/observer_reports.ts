// Observers' reports without figures (docs/observer-reports.md): one sentence per report —
// "Counting not observed — reported by <observer> at <time>: <note>" in the page's language —
// shown on the station page and on the observers' page, and the counts by reason and region.
import type { ObservationReason, ObserverReport, ReportCounts } from '../api';
import type { Context } from '../context';
import { esc, link } from '../dom';
import { formatNumber, nameOf, t, tf, type Label } from '../i18n';

export const reasons: ObservationReason[] = [
  'counting-not-observed',
  'denied-access',
  'removed-from-station',
  'view-obstructed',
  'copy-of-protocol-refused',
  'other',
];

export const reasonLabel = (reason: string): string =>
  reasons.includes(reason as ObservationReason) ? t(`reason_${reason.replaceAll('-', '_')}` as Label) : reason;

// "2023-03-19T20:40:00+06:00" as "2023-03-19 20:40 +06:00": the observer's own clock, as written.
const when = (time: string) => time.replace('T', ' ').replace(/(\d\d:\d\d):00(?=[Z+-]|$)/, '$1').replace(/([+-]\d\d:\d\d|Z)$/, ' $1');

// Each report as a list item with its sentence, the contest and, when asked, the station.
export function reportsHtml(ctx: Context, reports: ObserverReport[], withStation = false): string {
  return `<ul class="reports">${reports
    .map((r) => {
      const observer = r.organisation ? `${r.observer} (${r.organisation})` : r.observer;
      const sentence = tf('reportedBy', { reason: reasonLabel(r.observation), observer, time: when(r.observed_at) });
      return (
        `<li data-reason="${esc(r.observation)}" data-unit="${esc(r.unit)}" data-contest="${esc(r.contest)}">` +
        `<b>${esc(sentence)}</b>${r.note ? `: ${esc(r.note)}` : ''}` +
        `<div><small>${esc(nameOf(ctx.contest(r.contest)?.name, r.contest))}${r.round > 1 ? ` · ${r.round}` : ''}` +
        `${withStation ? ` · <a href="${link.station(r.unit)}">${esc(r.unit)}</a>` : ''}</small></div></li>`
      );
    })
    .join('')}</ul>`;
}

// The counts: one row per region, one column per reason (with the total row first).
export function countsHtml(ctx: Context, counts: ReportCounts): string {
  const head = `<tr><th>${esc(t('reportsByRegion'))}</th>${reasons.map((r) => `<th class="num">${esc(reasonLabel(r))}</th>`).join('')}</tr>`;
  const row = (label: string, cells: Record<string, number>, id: string) =>
    `<tr data-region="${esc(id)}"><td>${label}</td>${reasons.map((r) => `<td class="num">${formatNumber(cells[r] ?? 0)}</td>`).join('')}</tr>`;
  const regions = Object.keys(counts.by_region).sort();
  return (
    `<table id="report-counts"><thead>${head}</thead><tbody>` +
    row(`<b>${esc(t('reportsByReason'))}</b>`, counts.by_reason, '') +
    regions.map((region) => row(`<a href="${link.unit(region)}">${esc(nameOf(ctx.election.regions.find((r) => r.id === region)?.name, region))}</a>`, counts.by_region[region], region)).join('') +
    `</tbody></table>`
  );
}
