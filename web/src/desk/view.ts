// The commission's own view: what this browser has sent and how the server answered (the
// outbox's sent log), which of its units' protocols are missing or rejected and why (for a
// district or region: every station below it), and the certification of the contests this
// commission certifies (certify.ts).
import { esc } from '../dom';
import { describe } from './describe';
import { nameOf } from '../i18n';
import { certifyHtml, bindCertify } from './certify';
import { route } from './commission';
import { sentLog } from './outbox';
import { contestOf, session } from './session';
import { w, wordOr } from './strings';
import type { Desk } from './types';
import { relationDetailShown, relationName } from '../relations';

async function sentHtml(): Promise<string> {
  const key = session.key?.publicKey;
  const log = (await sentLog().catch(() => [])).filter((d) => d.outgoing.envelope.key === key).reverse();
  if (!log.length) return `<p id="sent-log" class="note">${esc(w('nothingSent'))}</p>`;
  const rows = log
    .map((d) => {
      const status: string = d.ack?.status ?? 'refused';
      const proof = d.proof ? (d.proof.ok ? ' ✓' : ' ✗') : '';
      return `<tr data-seq="${d.outgoing.envelope.seq}" data-status="${esc(status)}"><td>${esc(d.at.slice(11, 19))}</td><td>${esc(describe(d.outgoing))}</td>
        <td><span class="verdict ${esc(status)}">${esc(wordOr(`status_${status}`, status))}</span>${esc(proof)}</td><td class="num">#${d.outgoing.envelope.seq}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table id="sent-log"><thead><tr><th>${esc(w('when'))}</th><th>${esc(w('contest'))}</th><th>${esc(w('state'))}</th><th class="num">seq</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

// The units below the commission whose latest protocol is missing or rejected, with the reasons.
function unitsHtml(desk: Desk): string {
  const rows: string[] = [];
  let missing = 0;
  let rejected = 0;
  for (const unit of desk.units) {
    for (const state of unit.contests) {
      if (state.status === 'accepted') continue;
      if (state.status === 'missing') ++missing;
      else ++rejected;
      const reasons = state.reasons.map((r) => `<div class="detail" title="${esc(r.detail)}"><b>${esc(relationName(r.relation))}</b> ${esc(relationDetailShown(r))}</div>`).join('');
      rows.push(`<tr data-unit="${esc(unit.id)}" data-contest="${esc(state.contest)}" data-status="${state.status}">
        <td><a href="${route.protocol(unit.id, state.contest)}">${esc(nameOf(unit.name, unit.id))}</a></td>
        <td>${esc(nameOf(contestOf(desk, state.contest)?.name, state.contest))}</td>
        <td><span class="status status-${state.status}">${esc(w(`status_${state.status}`))}</span>${reasons}</td></tr>`);
    }
  }
  const more = rows.length > 200 ? `<p class="note">${esc(w('moreRows', { n: rows.length - 200 }))}</p>` : '';
  rows.splice(200);
  return `<h3>${esc(w('unitsState'))}: <span id="missing-count" data-missing="${missing}" data-rejected="${rejected}">${esc(w('missingCount', { n: missing, r: rejected }))}</span></h3>
    ${rows.length ? `<div class="scroll"><table id="units-state"><thead><tr><th>${esc(w('unit'))}</th><th>${esc(w('contest'))}</th><th>${esc(w('state'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${more}` : ''}`;
}

export async function renderViewCard(): Promise<void> {
  const root = document.getElementById('view-card')!;
  const desk = session.desk;
  root.hidden = !desk;
  if (!desk) return;
  const sent = await sentHtml();
  root.innerHTML = `<h2 id="view-title">${esc(w('viewTitle'))}</h2>
    ${unitsHtml(desk)}
    ${certifyHtml(desk)}
    <h3>${esc(w('sentLog'))}</h3>${sent}`;
  bindCertify(root, desk);
}
