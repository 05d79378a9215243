// Every rejected protocol and turnout report, with each broken control relation named. They
// are stored and shown, never counted. A data table (table.ts): sortable, paged, downloadable.
import { api, type Rejected as Stored } from '../api';
import type { Names } from '../i18n';

// A rejected submission as GET /api/v1/rejected lists it, with its unit's names.
type Rejected = Stored & { unit_name?: Names };
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { nameOf, t } from '../i18n';
import { renderTable } from '../table';
import { receivedTime, reportTimeName } from '../local_time';
import type { Detail, DetailNamer } from '../detail_text';
import { relationDetailShown, relationName } from '../relations';

export async function renderRejected(root: HTMLElement, ctx: Context): Promise<void> {
  const { rejected } = await api.rejected();
  skeleton(root, 'rejected', `<section class="card wide"><h2 data-l="rejected"></h2><div id="rejected-host"></div></section>`);
  const contestName = (r: Rejected) => nameOf(ctx.contest(r.contest)?.name, r.contest || r.kind);
  // Each broken relation by its name and its detail in the page's language (detail_text.ts; the
  // server's English sentence is the tooltip); the downloads keep the relation ids and details.
  const reasons = (r: Rejected) => r.reasons.map((x) => `${x.relation}: ${x.detail}`).join('; ');
  const namerOf = (r: Rejected): DetailNamer => ({
    contest: (id) => nameOf(ctx.contest(id)?.name, id),
    line: (id) => {
      const contest = ctx.contest(r.contest);
      return contest?.options.some((o) => o.id === id) ? ctx.optionLabel(contest, id) : undefined;
    },
    time: (id) => reportTimeName(id, undefined, ctx.election.date),
  });
  const reasonText = (r: Rejected, x: Detail) => [relationName(x.relation), relationDetailShown(x, namerOf(r))].filter(Boolean).join(': ');
  // Times on the clock of the election's reference zone, named (a list of every unit's).
  const when = (r: Rejected) => receivedTime(r.received_at, ctx.election.time_zone);
  renderTable<Rejected>(el(root, '#rejected-host'), {
    id: 'rejected-table',
    file: 'rejected',
    empty: t('noRejected'),
    rows: rejected,
    rowAttrs: (r) => ` data-unit="${esc(r.unit)}"`,
    sort: { column: 4, descending: true },
    columns: [
      { label: t('unit'), value: (r) => r.unit, html: (r) => `<a href="${link.station(r.unit)}">${esc(r.unit)}</a>${r.unit_name ? `<br><small>${esc(nameOf(r.unit_name))}</small>` : ''}` },
      { label: t('contest'), value: contestName },
      { label: t('reasons'), value: (r) => r.reasons.map((x) => reasonText(r, x)).join('; '), sortable: false, html: (r) => r.reasons.map((x) => `<div data-relation="${esc(x.relation)}"${x.code ? ` data-code="${esc(x.code)}"` : ''} title="${esc(x.detail)}">${esc(reasonText(r, x))}</div>`).join('') },
      { label: t('received'), value: (r) => r.received_at, html: (r) => esc(when(r)) },
      { label: t('seq'), num: true, value: (r) => r.seq },
    ],
    record: (r) => ({
      seq: r.seq,
      unit: r.unit,
      unit_name: nameOf(r.unit_name, r.unit),
      kind: r.kind,
      contest: r.contest,
      contest_name: contestName(r),
      reasons: reasons(r),
      origin: r.origin,
      received_at: r.received_at,
    }),
  });
}
