// Turnout through the day: the share of voters who had received a ballot at 10:00 … 20:00 and
// at the close, per region and for the country, from the stations' turnout reports. The table is
// a data table (table.ts): sorted by any time's share, downloaded with the regions' names and
// each time's ballots issued, voters and stations reported.
import { api, type Turnout } from '../api';
import { drawTurnoutLines } from '../charts';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, formatPercent, nameOf, t } from '../i18n';
import { renderTable } from '../table';
import { pollsCloseHtml, zonesNoteHtml } from './polls_close';

function shares(turnout: Turnout): (number | null)[] {
  return turnout.times.map((time) => (time.voters > 0 && time.reported > 0 ? (100 * time.issued) / time.voters : null));
}

export async function renderTurnout(root: HTMLElement, ctx: Context): Promise<void> {
  const regions = ctx.election.regions;
  const [country, ...byRegion] = await Promise.all([api.turnout(ctx.election.cec), ...regions.map((r) => api.turnout(r.id))]);
  skeleton(
    root,
    'turnout',
    `<section class="card wide"><h2 data-l="turnoutThroughDay"></h2><p class="note" data-l="turnoutLinesNote"></p><div id="turnout-zones-host"></div><div class="chart lines" id="turnout-lines"></div></section>
     <section class="card wide"><div id="turnout-table-host"></div></section><div id="polls-close-host"></div>`,
  );
  // Each report's time on its stations' own clocks (the zones named in the note), the last at the close.
  const times = country.times.map((time) => (time.time === 'close' ? t('reportClose') : time.time));
  el(root, '#turnout-zones-host').innerHTML = zonesNoteHtml(ctx);
  el(root, '#polls-close-host').innerHTML = pollsCloseHtml(ctx);
  // Twenty-one lines are unreadable: the country, and the regions highest and lowest at the
  // latest time any region has reported, are drawn; the legend switches the others on.
  const regionLines = byRegion.map((turnout, i) => ({ name: nameOf(regions[i].name), shares: shares(turnout) }));
  const latestOf = (line: { shares: (number | null)[] }) => [...line.shares].reverse().find((v) => v != null) ?? null;
  const ranked = regionLines.filter((line) => latestOf(line) != null).sort((a, b) => latestOf(b)! - latestOf(a)!);
  const shown = new Set([...ranked.slice(0, 2), ...ranked.slice(-2)].map((line) => line.name));
  drawTurnoutLines(el(root, '#turnout-lines'), times, [{ name: t('country'), shares: shares(country) }, ...regionLines], shown);
  type Row = { id: string; name: string; href: string; turnout: Turnout };
  const at = (row: Row, i: number) => row.turnout.times[i];
  renderTable<Row>(el(root, '#turnout-table-host'), {
    id: 'turnout-table',
    file: 'turnout',
    empty: '—',
    pinned: [{ id: ctx.election.cec, name: t('country'), href: link.overview(), turnout: country }],
    rows: byRegion.map((turnout, i) => ({ id: regions[i].id, name: nameOf(regions[i].name), href: link.unit(regions[i].id), turnout })),
    rowAttrs: (row) => ` data-unit="${esc(row.id)}"`,
    filterText: (row) => row.id,
    columns: [
      { label: t('region'), value: (row) => row.name, html: (row) => `<a href="${row.href}">${esc(row.name)}</a>` },
      ...times.map((label, i) => ({
        label,
        num: true,
        value: (row: Row) => (at(row, i)?.reported > 0 && at(row, i).voters > 0 ? at(row, i).issued / at(row, i).voters : null),
        html: (row: Row) => {
          const time = at(row, i);
          if (!time) return '—';
          return `<span title="${esc(`${formatNumber(time.reported)} / ${formatNumber(time.expected)}`)}">${time.reported > 0 ? esc(formatPercent(time.issued, time.voters)) : '—'}</span>`;
        },
      })),
    ],
    record: (row) => ({
      unit: row.id,
      name: row.name,
      ...Object.fromEntries(
        row.turnout.times.flatMap((time) => [
          [`issued_${time.time}`, time.issued],
          [`voters_${time.time}`, time.voters],
          [`reported_${time.time}`, time.reported],
          [`expected_${time.time}`, time.expected],
        ]),
      ),
    }),
  });
}
