// The card of what waits to be sent (signed, kept in IndexedDB until the server answers) and
// the connection state; "send now" tries at once (the outbox also tries when the browser comes
// back online and every 30 seconds).
import { esc } from '../dom';
import { describe } from './describe';
import { waiting } from './outbox';
import { deliverNow } from './send';
import { w } from './strings';

export async function renderOutboxCard(): Promise<void> {
  const root = document.getElementById('outbox-card')!;
  const queue = await waiting().catch(() => []);
  const connection = document.getElementById('connection')!;
  connection.className = navigator.onLine ? 'live on' : 'live off';
  connection.textContent = navigator.onLine ? `● ${w('online')}` : `○ ${w('offline')}`;
  const items = queue
    .map((o) => `<li data-seq="${o.envelope.seq}">${esc(describe(o))} <span class="note">#${o.envelope.seq} · ${esc(o.created.slice(11, 19))}</span></li>`)
    .join('');
  root.innerHTML = `<h2 id="outbox-title">${esc(w('outboxTitle'))} <span id="waiting-count" class="count">${queue.length}</span></h2>
    ${queue.length ? `<ul id="waiting" class="plain">${items}</ul>` : `<p id="waiting" class="note">${esc(w('nothingWaiting'))}</p>`}
    <p class="note">${esc(w('waitingNote'))}</p>
    ${queue.length ? `<button type="button" id="send-now">${esc(w('sendNow'))}</button>` : ''}`;
  root.querySelector('#send-now')?.addEventListener('click', () => void deliverNow());
}
