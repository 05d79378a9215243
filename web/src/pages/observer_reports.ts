// Observers' reports without figures (docs/observer-reports.md): one sentence per report —
// "Counting not observed — reported by <observer> at <time>: <note>" in the page's language —
// shown on the station page and on the observers' page, and the counts by reason and region.
import type { ObservationReason, ObserverReport, ReportCounts } from '../api';
import type { Context } from '../context';
import { esc, link } from '../dom';
import { nameOf, t, tf, type Label } from '../i18n';
import type { TableSpec } from '../table';

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

// The counts as a data table (table.ts): one row per region, one column per reason and the
// region's total; the row of all regions first whatever the sort. Downloads name the regions.
type CountRow = { region: string; name: string; cells: Record<string, number> };

export function countsTable(ctx: Context, counts: ReportCounts): TableSpec<CountRow> {
  const total = (row: CountRow) => reasons.reduce((sum, r) => sum + (row.cells[r] ?? 0), 0);
  const regionName = (region: string) => nameOf(ctx.election.regions.find((r) => r.id === region)?.name, region);
  const all: CountRow = { region: '', name: t('reportsByReason'), cells: counts.by_reason };
  return {
    id: 'report-counts',
    file: 'observer-report-counts',
    empty: t('noReports'),
    rows: Object.keys(counts.by_region).sort().map((region) => ({ region, name: regionName(region), cells: counts.by_region[region] })),
    pinned: [all],
    rowAttrs: (row) => ` data-region="${esc(row.region)}"`,
    filterText: (row) => row.region,
    columns: [
      {
        label: t('reportsByRegion'),
        value: (row) => row.name,
        html: (row) => (row.region ? `<a href="${link.unit(row.region)}">${esc(row.name)}</a>` : `<b>${esc(row.name)}</b>`),
      },
      ...reasons.map((reason) => ({ label: reasonLabel(reason), num: true, value: (row: CountRow) => row.cells[reason] ?? 0 })),
      { label: t('reportsAllReasons'), num: true, value: total },
    ],
    record: (row) => ({
      region: row.region || null,
      region_name: row.name,
      ...Object.fromEntries(reasons.map((reason) => [reason, row.cells[reason] ?? 0])),
      total: total(row),
    }),
  };
}
