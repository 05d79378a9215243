// Drill-down: a region, constituency or district with its results for the main contest (and
// the contest decided there, such as a single-member district), and the units below it with
// their progress, turnout and leader. Stations open their protocols.
import { api, type Results } from '../api';
import { drawVoteBars } from '../charts';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, formatPercent, nameOf, t } from '../i18n';
import { progressHtml } from './progress';

// "Whole country › Region › District", each a link, from the results' parent chain.
export async function breadcrumbs(ctx: Context, results: Results): Promise<string> {
  const chain: { id: string; name: string }[] = [{ id: results.unit, name: nameOf(results.unit_name, results.unit) }];
  let parent = results.parent;
  while (parent && parent !== ctx.election.cec) {
    const up = await api.results(ctx.mainContest.id, parent);
    chain.unshift({ id: up.unit, name: nameOf(up.unit_name, up.unit) });
    parent = up.parent;
  }
  return (
    `<a href="${link.overview()}">${esc(t('country'))}</a> › ` +
    chain.map((u, i) => (i === chain.length - 1 ? `<span>${esc(u.name)}</span>` : `<a href="${link.unit(u.id)}">${esc(u.name)}</a>`)).join(' › ')
  );
}

export async function renderUnit(root: HTMLElement, ctx: Context, unitId: string): Promise<void> {
  const main = ctx.mainContest;
  const local = ctx.election.contests.find((c) => c.unit === unitId && c.id !== main.id);
  const [results, units, localResults] = await Promise.all([
    api.results(main.id, unitId),
    api.units(unitId, main.id),
    local ? api.results(local.id) : Promise.resolve(undefined),
  ]);
  skeleton(
    root,
    `unit:${unitId}`,
    `<section class="card wide"><h2 id="unit-title"></h2><div id="progress"></div></section>
     <section class="card"><h2>${esc(nameOf(main.name))}</h2><div class="chart bars" id="unit-bars"></div></section>
     ${local ? `<section class="card"><h2><a href="${link.contest(local.id)}">${esc(nameOf(local.name))}</a></h2><div class="chart bars" id="local-bars"></div><p id="local-winner"></p></section>` : ''}
     <section class="card wide"><h2 data-l="below"></h2><div class="scroll"><table id="children"></table></div></section>`,
  );
  el(root, '#unit-title').innerHTML = await breadcrumbs(ctx, results);
  el(root, '#progress').innerHTML = progressHtml(results);
  const valid = results.totals.valid ?? 0;
  drawVoteBars(el(root, '#unit-bars'), ctx.optionBars(main, results.totals), valid);
  if (local && localResults) {
    drawVoteBars(el(root, '#local-bars'), ctx.optionBars(local, localResults.totals), localResults.totals.valid ?? 0);
    const winner = localResults.outcome?.winners?.[0];
    el(root, '#local-winner').innerHTML = winner
      ? `${esc(t('winner'))}: <b>${esc(ctx.optionLabel(local, winner))}</b>${localResults.partial ? ` (${esc(t('partial'))})` : ''}`
      : '';
  }
  el(root, '#children').innerHTML =
    `<thead><tr><th></th><th>${esc(t('reported'))}</th><th>${esc(t('turnout'))}</th><th>${esc(t('leader'))}</th></tr></thead><tbody>` +
    units.units
      .map((unit) => {
        const href = unit.kind === 'station' ? link.station(unit.id) : link.unit(unit.id);
        const progress = unit.progress ? `${formatNumber(unit.progress.reported)} / ${formatNumber(unit.progress.expected)}` : '—';
        const leader = unit.leader ? ctx.optionLabel(main, unit.leader.option) : '—';
        return `<tr data-unit="${esc(unit.id)}"><td><a href="${href}">${esc(nameOf(unit.name, unit.id))}</a></td><td class="num">${progress}</td>` +
          `<td class="num">${unit.voters ? esc(formatPercent(unit.issued ?? 0, unit.voters)) : '—'}</td><td>${esc(leader)}</td></tr>`;
      })
      .join('') +
    '</tbody>';
}
