// Turnout through the day: the share of voters who had received a ballot at 10:00 … 20:00 and
// at the close, per region and for the country, from the stations' turnout reports.
import { api, type Turnout } from '../api';
import { drawTurnoutLines } from '../charts';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, formatPercent, nameOf, t } from '../i18n';
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
     <section class="card wide"><div class="scroll"><table id="turnout-table"></table></div></section><div id="polls-close-host"></div>`,
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
  const row = (name: string, href: string, turnout: Turnout) =>
    `<tr><td><a href="${href}">${esc(name)}</a></td>` +
    turnout.times
      .map((time) => `<td class="num" title="${formatNumber(time.reported)} / ${formatNumber(time.expected)}">${time.reported > 0 ? esc(formatPercent(time.issued, time.voters)) : '—'}</td>`)
      .join('') +
    '</tr>';
  el(root, '#turnout-table').innerHTML =
    `<thead><tr><th>${esc(t('region'))}</th>${times.map((time) => `<th>${esc(time)}</th>`).join('')}</tr></thead><tbody>` +
    row(t('country'), link.overview(), country) +
    byRegion.map((turnout, i) => row(nameOf(regions[i].name), link.unit(regions[i].id), turnout)).join('') +
    '</tbody>';
}
