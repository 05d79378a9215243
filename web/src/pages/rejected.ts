// Every rejected protocol and turnout report, with each broken control relation named. They
// are stored and shown, never counted.
import { api } from '../api';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { nameOf, t } from '../i18n';

export async function renderRejected(root: HTMLElement, ctx: Context): Promise<void> {
  const { rejected } = await api.rejected();
  skeleton(root, 'rejected', `<section class="card wide"><h2 data-l="rejected"></h2><div class="scroll"><table id="rejected-table"></table></div></section>`);
  el(root, '#rejected-table').innerHTML = rejected.length
    ? `<thead><tr><th>${esc(t('unit'))}</th><th>${esc(t('contest'))}</th><th>${esc(t('reasons'))}</th><th>${esc(t('received'))}</th></tr></thead><tbody>` +
      rejected
        .map(
          (r) =>
            `<tr data-unit="${esc(r.unit)}"><td><a href="${link.station(r.unit)}">${esc(r.unit)}</a></td><td>${esc(nameOf(ctx.contest(r.contest)?.name, r.contest || r.kind))}</td>` +
            `<td>${r.reasons.map((x) => `<div><b>${esc(x.relation)}</b>: ${esc(x.detail)}</div>`).join('')}</td><td>${esc(r.received_at)}</td></tr>`,
        )
        .join('') +
      '</tbody>'
    : `<tbody><tr><td>${esc(t('noRejected'))}</td></tr></tbody>`;
}
