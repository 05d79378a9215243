// The server's answer to what was just sent: accepted, rejected (with the broken relations),
// a duplicate of what the server holds, or refused (why); the leaf in the log and the inclusion
// proof as checked in this browser against the signed tree head (proof.ts); and the receipt to
// print or save as JSON (receipt.ts writes its text).
import { esc } from '../dom';
import { describe } from './describe';
import { lang } from '../i18n';
import type { Delivered } from './outbox';
import { receiptJson, receiptText } from './receipt';
import { session } from './session';
import { w, wordOr } from './strings';
import { relationDetailShown, relationName } from '../relations';

let last: Delivered | null = null;

export function showResult(delivered: Delivered): void {
  last = delivered;
  renderResultCard();
  document.getElementById('result-card')?.focus();
}

function proofHtml(d: Delivered): string {
  if (!d.proof) return '';
  const p = d.proof;
  return p.ok
    ? `<p id="proof" class="good" data-ok="true">✓ ${esc(w('proofOk', { size: p.treeSize, root: p.root.slice(0, 16) + '…' }))}</p>`
    : `<p id="proof" class="problem" data-ok="false">✗ ${esc(w('proofBad', { detail: `${p.code}: ${p.detail}` }))}</p>`;
}

function findingsHtml(title: string, findings: { relation: string; detail: string }[] | undefined): string {
  if (!findings?.length) return '';
  return `<h3>${esc(title)}</h3><ul class="checks">${findings
    .map((f) => `<li class="broken" data-relation="${esc(f.relation)}"><b>${esc(relationName(f.relation))}</b> <span class="detail" title="${esc(f.detail)}">${esc(relationDetailShown(f))}</span></li>`)
    .join('')}</ul>`;
}

function download(d: Delivered): void {
  const url = URL.createObjectURL(new Blob([receiptJson(d)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `saylau-receipt-${d.outgoing.envelope.commission}-${d.outgoing.envelope.seq}.json` });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function renderResultCard(): void {
  const root = document.getElementById('result-card')!;
  // Only the answer to this key's own submission (not the one before another key was loaded).
  root.hidden = !last || last.outgoing.envelope.key !== session.key?.publicKey;
  if (!last || root.hidden) return;
  const d = last;
  const status: string = d.ack?.status ?? 'refused';
  const reasons = status === 'refused' ? [{ relation: d.ack?.refusal ?? d.ack?.error ?? String(d.status), detail: d.ack?.message ?? '' }] : d.ack?.reasons;
  root.innerHTML = `<h2 id="result-title">${esc(w('resultTitle'))}: ${esc(describe(d.outgoing))}</h2>
    <p><span id="result-status" class="verdict ${esc(status)}" data-status="${esc(status)}" data-commission="${esc(d.outgoing.envelope.commission)}" data-seq="${d.outgoing.envelope.seq}">${esc(wordOr(`status_${status}`, status))}</span>
      ${d.ack?.what ? `<span class="note">${esc(d.ack.what)}</span>` : ''}
      ${Number.isSafeInteger(d.ack?.leaf_index) ? ` · <span id="leaf">${esc(w('leaf', { i: d.ack.leaf_index }))}</span>` : ''}</p>
    ${proofHtml(d)}
    ${findingsHtml(w('reasonsTitle'), reasons)}
    ${findingsHtml(w('warned'), d.ack?.warnings)}
    ${d.outgoing.photoSha256 && !d.outgoing.photoSent ? `<p class="note">${esc(w('photoPending'))}</p>` : ''}
    <h3>${esc(w('receiptTitle'))}</h3>
    <pre id="receipt" class="receipt">${esc(receiptText(d, lang()))}</pre>
    <p class="buttons"><button type="button" id="print-receipt">${esc(w('printReceipt'))}</button>
      <button type="button" id="save-receipt">${esc(w('saveReceipt'))}</button></p>`;
  root.querySelector('#print-receipt')!.addEventListener('click', () => window.print());
  root.querySelector('#save-receipt')!.addEventListener('click', () => download(d));
}
