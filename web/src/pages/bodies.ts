// The bodies of the night, each on its own terms: a chamber's or council's seats by party (never
// added to another body's), and the akims by region (elected, counting, unresolved) with their
// contests as a data table (table.ts: filter, sort, pages, downloads) instead of a flat list of
// hundreds. On a region's page, only its contests.
import type { ContestInfo } from '../api';
import { bodiesApi, type BodyContest, type BodySummary } from '../bodies_api';
import type { Context } from '../context';
import { partyShortName } from '../party_names';
import { esc, link } from '../dom';
import { nameOf, t } from '../i18n';
import { renderTable, type TableSpec } from '../table';

// The state of a contest as the page writes it.
function stateLabel(contest: BodyContest): string {
  return t(contest.state === 'elected' ? 'stateElected' : contest.state === 'unresolved' ? 'stateUnresolved' : 'stateCounting');
}

function winnerLabel(ctx: Context, contest: BodyContest): string {
  const info: ContestInfo | undefined = ctx.contest(contest.id);
  return contest.winners.map((w) => (info ? ctx.optionLabel(info, w) : w)).join(', ');
}

async function seatsHtml(body: BodySummary): Promise<string> {
  const composition = await bodiesApi.composition(body.id);
  if (composition.seats === 0) return '';
  return (
    `<div class="scroll"><table class="seats" data-body-seats="${esc(body.id)}"><thead><tr><th>${esc(t('party'))}</th><th>${esc(t('seats'))}</th><th>${esc(t('listSeats'))}</th><th>${esc(t('districtSeats'))}</th></tr></thead><tbody>` +
    composition.parties
      .map((p) => `<tr data-party="${esc(p.party)}"><td><span class="swatch" style="background:${esc(p.color)}"></span>${esc(partyShortName(p.party, p.name, p.short_name))}</td><td class="num seats-total">${p.seats}</td><td class="num">${p.list_seats}</td><td class="num">${p.district_seats}</td></tr>`)
      .join('') +
    (composition.undecided > 0 ? `<tr><td>${esc(t('undecided'))}</td><td class="num">${composition.undecided}</td><td></td><td></td></tr>` : '') +
    `</tbody><tfoot><tr><td></td><td class="num seats-sum">${composition.seats}</td><td></td><td></td></tr></tfoot></table></div>`
  );
}

function regionsHtml(body: BodySummary): string {
  if (body.regions.length <= 1 && !body.regions[0]?.name) return '';
  return (
    `<div class="scroll"><table class="body-regions"><thead><tr><th>${esc(t('region'))}</th><th class="num">${esc(t('stateElected'))}</th><th class="num">${esc(t('stateCounting'))}</th><th class="num">${esc(t('stateUnresolved'))}</th></tr></thead><tbody>` +
    body.regions
      .map((r) => `<tr data-region="${esc(r.id)}"><td>${r.name ? `<a href="${link.unit(r.id)}">${esc(nameOf(r.name, r.id))}</a>` : '—'}</td><td class="num">${r.elected}</td><td class="num">${r.counting}</td><td class="num">${r.unresolved}</td></tr>`)
      .join('') +
    `</tbody></table></div>`
  );
}

// The body's contests as a data table (table.ts): sortable, paged, filtered by name, id, region
// or winner, downloadable.
function contestsTable(ctx: Context, body: BodySummary, contests: BodyContest[]): TableSpec<BodyContest> {
  const regionName = (id: string) => nameOf(body.regions.find((r) => r.id === id)?.name ?? undefined, id);
  return {
    id: `contests-${body.id}`,
    file: `${body.id}-contests`,
    empty: '—',
    rows: contests,
    rowAttrs: (c) => ` data-contest="${esc(c.id)}" data-state="${c.state}"`,
    filterText: (c) => c.id,
    columns: [
      { label: t('contest'), value: (c) => nameOf(c.name, c.id), html: (c) => `<a href="${link.contest(c.id)}">${esc(nameOf(c.name, c.id))}</a>` },
      { label: t('region'), value: (c) => regionName(c.region) },
      { label: t('state'), value: stateLabel },
      { label: t('winner'), value: (c) => winnerLabel(ctx, c) },
    ],
    record: (c) => ({
      id: c.id,
      name: nameOf(c.name, c.id),
      region: c.region,
      region_name: regionName(c.region),
      state: c.state,
      winners: c.winners.join(' '),
      winner_names: winnerLabel(ctx, c),
      reported: c.progress.reported,
      expected: c.progress.expected,
    }),
  };
}

// Fills `container` with a card per body (but `skip`); with `region`, only the contests whose
// region it is (and no seat tables: a region's page is about its own contests).
export async function renderBodies(container: HTMLElement, ctx: Context, options: { skip?: string; region?: string } = {}): Promise<void> {
  const { bodies } = await bodiesApi.bodies();
  const shown = bodies
    .filter((b) => b.id !== options.skip)
    .map((b) => (options.region ? { ...b, contests: b.contests.filter((c) => c.region === options.region), regions: b.regions.filter((r) => r.id === options.region) } : b))
    .filter((b) => b.contests.length > 0);
  const key = shown.map((b) => b.id).join(' ');
  if (container.dataset.bodies !== key) {
    container.dataset.bodies = key;
    container.innerHTML = shown
      .map((b) => `<section class="card wide body-card" data-body="${esc(b.id)}" data-kind="${esc(b.kind)}"><h2 class="body-title"></h2><div class="body-seats"></div><div class="body-regions-box"></div>` +
        `<div class="body-contests-box"></div></section>`)
      .join('');
  }
  container.hidden = shown.length === 0;
  for (const body of shown) {
    const card = container.querySelector<HTMLElement>(`.body-card[data-body="${CSS.escape(body.id)}"]`)!;
    card.querySelector('.body-title')!.textContent = nameOf(body.name, body.id);
    card.querySelector('.body-seats')!.innerHTML = body.kind === 'chamber' || body.kind === 'council' ? (options.region ? '' : await seatsHtml(body)) : '';
    card.querySelector('.body-regions-box')!.innerHTML = options.region ? '' : regionsHtml(body);
    renderTable(card.querySelector<HTMLElement>('.body-contests-box')!, contestsTable(ctx, body, body.contests));
  }
}
