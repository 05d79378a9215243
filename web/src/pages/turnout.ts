// Turnout through the day: the share of voters who had received a ballot at 10:00 … 20:00 and
// at the close, per region and for the country, from the stations' turnout reports.
import { api, type Turnout } from '../api';
import { drawTurnoutLines } from '../charts';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, formatPercent, nameOf, t } from '../i18n';

function shares(turnout: Turnout): (number | null)[] {
  return turnout.times.map((time) => (time.voters > 0 && time.reported > 0 ? (100 * time.issued) / time.voters : null));
}

export async function renderTurnout(root: HTMLElement, ctx: Context): Promise<void> {
  const regions = ctx.election.regions;
  const [country, ...byRegion] = await Promise.all([api.turnout(ctx.election.cec), ...regions.map((r) => api.turnout(r.id))]);
  skeleton(
    root,
    'turnout',
    `<section class="card wide"><h2 data-l="turnoutThroughDay"></h2><div class="chart lines" id="turnout-lines"></div></section>
     <section class="card wide"><div class="scroll"><table id="turnout-table"></table></div></section>`,
  );
  const times = country.times.map((time) => time.time);
  drawTurnoutLines(el(root, '#turnout-lines'), times, [
    { name: t('country'), shares: shares(country) },
    ...byRegion.map((turnout, i) => ({ name: nameOf(regions[i].name), shares: shares(turnout) })),
  ]);
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
