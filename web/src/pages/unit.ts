// Drill-down: a region, constituency or district with its results for the main contest (when
// that contest is counted there), the contests decided there (a single-member district, an
// akim), each body's contests in a region, and the units below it with their progress, turnout
// and leader. Stations open their protocols. Whatever the first contest is, every unit's page
// works: a contest not counted at a unit is simply not shown there.
import { api, type ContestInfo, type Results, type UnitRow } from '../api';
import { bodiesApi } from '../bodies_api';
import { drawVoteBars } from '../charts';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, formatPercent, nameOf, t } from '../i18n';
import { renderTable, type TableSpec } from '../table';
import { renderBodies } from './bodies';
import { progressHtml } from './progress';
import { protocolLink } from './protocol';

// "Whole country › Region › District", each a link, walking up the commission tree from the
// unit (named by the units API, which answers whether or not a contest is counted there).
export async function breadcrumbs(ctx: Context, results: Pick<Results, 'unit' | 'unit_name' | 'parent'>): Promise<string> {
  const chain: { id: string; name: string }[] = [{ id: results.unit, name: nameOf(results.unit_name, results.unit) }];
  let parent = results.parent;
  while (parent && parent !== ctx.election.cec) {
    const up = await bodiesApi.units(parent, ctx.mainContest.id);
    chain.unshift({ id: up.parent, name: nameOf(up.name, up.parent) });
    parent = up.up ?? null;
  }
  return (
    `<a href="${link.overview()}">${esc(t('country'))}</a> › ` +
    chain.map((u, i) => (i === chain.length - 1 ? `<span>${esc(u.name)}</span>` : `<a href="${link.unit(u.id)}">${esc(u.name)}</a>`)).join(' › ')
  );
}

// The results at `unitId` of the main contest, else of the nearest contest decided at or above
// it (a station of a rural akim on a night whose first contest is another akim's); undefined
// when no contest is counted there.
export async function resultsAt(ctx: Context, unitId: string): Promise<Results | undefined> {
  const main = ctx.mainContest;
  let at = await bodiesApi.units(unitId, main.id);
  if (at.counted !== false) return api.results(main.id, unitId);
  for (;;) {
    const contest = ctx.election.contests.find((c) => c.unit === at.parent);
    if (contest) return api.results(contest.id, unitId);
    if (!at.up) return undefined;
    at = await bodiesApi.units(at.up, main.id);
  }
}

function localCard(ctx: Context, root: HTMLElement, local: ContestInfo, results: Results): void {
  drawVoteBars(el(root, '#local-bars'), ctx.optionBars(local, results.totals), results.totals.valid ?? 0);
  const winner = results.outcome?.winners?.[0];
  el(root, '#local-winner').innerHTML = winner
    ? `${esc(t('winner'))}: <b>${esc(ctx.optionLabel(local, winner))}</b>${results.partial ? ` (${esc(t('partial'))})` : ''}`
    : '';
}

// The units below, one row each: name (a link), reported of expected stations, turnout and the
// leader; sortable, paged and downloadable with ids and names.
function childrenTable(ctx: Context, main: ContestInfo, unitId: string, rows: UnitRow[]): TableSpec<UnitRow> {
  const href = (unit: UnitRow) => (unit.kind === 'station' ? link.station(unit.id) : link.unit(unit.id));
  const turnout = (unit: UnitRow) => (unit.voters ? (unit.issued ?? 0) / unit.voters : null);
  const leader = (unit: UnitRow) => (unit.leader ? ctx.optionLabel(main, unit.leader.option) : null);
  return {
    id: 'children',
    file: `${unitId}-${main.id}`,
    empty: '—',
    rows,
    rowAttrs: (unit) => ` data-unit="${esc(unit.id)}"`,
    columns: [
      { label: t('name'), value: (unit) => nameOf(unit.name, unit.id), html: (unit) => `<a href="${href(unit)}">${esc(nameOf(unit.name, unit.id))}</a>` },
      { label: t('code'), value: (unit) => unit.id },
      {
        label: t('reported'),
        num: true,
        value: (unit) => unit.progress?.reported,
        html: (unit) => (unit.progress ? `${formatNumber(unit.progress.reported)} / ${formatNumber(unit.progress.expected)}` : '—'),
      },
      { label: t('turnout'), num: true, value: turnout, html: (unit) => (unit.voters ? esc(formatPercent(unit.issued ?? 0, unit.voters)) : '—') },
      { label: t('leader'), value: leader },
    ],
    record: (unit) => ({
      id: unit.id,
      name: nameOf(unit.name, unit.id),
      kind: unit.kind,
      reported: unit.progress?.reported ?? null,
      expected: unit.progress?.expected ?? null,
      voters: unit.voters ?? null,
      issued: unit.issued ?? null,
      valid: unit.valid ?? null,
      leader: unit.leader?.option ?? null,
      leader_name: leader(unit),
      leader_votes: unit.leader?.votes ?? null,
    }),
  };
}

export async function renderUnit(root: HTMLElement, ctx: Context, unitId: string): Promise<void> {
  const main = ctx.mainContest;
  const units = await bodiesApi.units(unitId, main.id);
  const counted = units.counted !== false;
  const local = ctx.election.contests.find((c) => c.unit === unitId && c.id !== main.id);
  const [results, localResults] = await Promise.all([
    counted ? api.results(main.id, unitId) : Promise.resolve(undefined),
    local ? api.results(local.id) : Promise.resolve(undefined),
  ]);
  skeleton(
    root,
    `unit:${unitId}`,
    `<section class="card wide"><h2 id="unit-title"></h2><div id="progress"></div></section>
     ${counted ? `<section class="card"><h2>${esc(nameOf(main.name))}</h2><div class="chart bars" id="unit-bars"></div><p class="no-print"><a id="unit-protocol-link" href="${protocolLink(main.id, unitId)}" data-l="protocolLinkLabel"></a></p></section>` : ''}
     ${local ? `<section class="card"><h2><a href="${link.contest(local.id)}">${esc(nameOf(local.name))}</a></h2><div class="chart bars" id="local-bars"></div><p id="local-winner"></p></section>` : ''}
     <div id="unit-bodies" class="cards"></div>
     <section class="card wide"><h2 data-l="below"></h2><div id="children-table"></div></section>`,
  );
  el(root, '#unit-title').innerHTML = await breadcrumbs(ctx, { unit: unitId, unit_name: units.name ?? { kk: '', ru: '', en: unitId }, parent: units.up ?? null });
  el(root, '#progress').innerHTML = results ? progressHtml(results) : localResults ? progressHtml(localResults) : '';
  if (results) drawVoteBars(el(root, '#unit-bars'), ctx.optionBars(main, results.totals), results.totals.valid ?? 0);
  if (local && localResults) localCard(ctx, root, local, localResults);
  await renderBodies(el(root, '#unit-bodies'), ctx, { region: unitId });
  renderTable(el(root, '#children-table'), childrenTable(ctx, main, unitId, units.units));
}
