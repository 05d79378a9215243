// The desk's outbox (issue 20, item 7): signed submissions wait in IndexedDB until the server
// answers them, so a station that loses the network sends each exactly once when it returns
// (the server answers a resend of a stored envelope `duplicate`, which counts as delivered).
// Sequence numbers are taken from a counter kept in IndexedDB, so none is used twice, even
// across a reload. A photo of an accepted protocol is PUT after it and kept until that works.
//
// Changes to DESK.md's API (additive): Delivered has `at` (when the answer came) and
// ProofCheck has `code`; Outgoing may carry `photoError` (the server refused the photo).
import type { Envelope } from './envelope';
import type { DeskKey } from './key';
import { checkAcknowledgement, type ProofCheck } from './proof';
import { inTransaction, openDesk } from './store';

export type Route = '/api/v1/protocols' | '/api/v1/turnout' | '/api/v1/certify';
export type Outgoing = { id: string; route: Route; envelope: Envelope; what: string; created: string;
                         photo?: Blob; photoSha256?: string; photoSent?: boolean; photoError?: string };
export type Delivered = { outgoing: Outgoing; status: number; ack: any; proof: ProofCheck | null; at: string };

type Stored<T> = T & { order?: number };

// The next sequence number for `key`: above both the server's last and every one this browser
// has handed out; stored before it is returned.
export async function nextSeq(key: DeskKey, serverLastSeq: number): Promise<number> {
  if (!Number.isSafeInteger(serverLastSeq) || serverLastSeq < 0) throw new RangeError(`the server's last sequence number ${serverLastSeq}: not a whole number from 0`);
  const db = await openDesk();
  return new Promise<number>((resolve, reject) => {
    const tx = db.transaction(['seq'], 'readwrite');
    const store = tx.objectStore('seq');
    let next = 0;
    const read = store.get(key.publicKey);
    read.onsuccess = () => {
      const used = (read.result as { last: number } | undefined)?.last ?? 0;
      next = Math.max(used, serverLastSeq) + 1;
      store.put({ publicKey: key.publicKey, last: next });
    };
    tx.oncomplete = () => resolve(next);
    tx.onerror = () => reject(tx.error ?? new Error('the sequence number could not be stored'));
  });
}

export async function enqueue(outgoing: Outgoing): Promise<void> {
  await inTransaction(['outbox'], 'readwrite', (tx) => tx.objectStore('outbox').add({ ...outgoing }));
}

export async function waiting(): Promise<Outgoing[]> {
  const all = await inTransaction(['outbox'], 'readonly', (tx) => tx.objectStore('outbox').getAll() as IDBRequest<Stored<Outgoing>[]>);
  return inSequenceOrder(all).map(({ order: _order, ...outgoing }) => outgoing);
}

export async function sentLog(): Promise<Delivered[]> {
  const all = await inTransaction(['sent'], 'readonly', (tx) => tx.objectStore('sent').getAll() as IDBRequest<Stored<Delivered>[]>);
  return all.map(({ order: _order, ...delivered }) => delivered);
}

type Answer = { status: number; ack: any } | null; // null: no answer worth keeping (network, 5xx)

async function post(base: string, outgoing: Outgoing): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${base}${outgoing.route}`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(outgoing.envelope), cache: 'no-store' });
  } catch {
    return null; // offline, or the connection broke: the answer (if any) is lost, send it again
  }
  if (response.status >= 500) return null; // 503 unavailable (or a proxy's 502/504): send it again
  const ack = await response.json().catch(() => ({ status: 'refused', refusal: 'not-json', message: `HTTP ${response.status} without a JSON answer` }));
  return { status: response.status, ack };
}

// Whether the photo of `outgoing` should go to the server now: its protocol is stored as accepted.
const photoDue = (d: Delivered) => d.outgoing.photo !== undefined && d.outgoing.photoSha256 !== undefined && !d.outgoing.photoSent &&
  d.outgoing.photoError === undefined && (d.ack?.status === 'accepted' || (d.ack?.status === 'duplicate' && / \(accepted\)$/.test(d.ack?.what ?? '')));

// PUTs the photo; true once the server has it (or refused it for good: photoError says why).
async function sendPhoto(base: string, d: Delivered): Promise<boolean> {
  const photo = d.outgoing.photo!;
  let response: Response;
  try {
    response = await fetch(`${base}/api/v1/photos/${d.outgoing.photoSha256}`, { method: 'PUT',
      headers: { 'content-type': photo.type || 'application/octet-stream' }, body: photo });
  } catch {
    return false;
  }
  if (response.status >= 500) return false;
  if (response.ok) {
    d.outgoing.photoSent = true;
    delete d.outgoing.photo; // the server keeps it now
  } else {
    const answer = await response.json().catch(() => null);
    d.outgoing.photoError = `${answer?.error ?? response.status}: ${answer?.message ?? 'refused'}`;
  }
  return true;
}

// Photos still owed for protocols delivered earlier (the PUT failed or the tab closed).
async function sendOwedPhotos(base: string): Promise<void> {
  const owed = await inTransaction(['sent'], 'readonly', (tx) => tx.objectStore('sent').getAll() as IDBRequest<Stored<Delivered>[]>);
  for (const d of owed.filter(photoDue)) {
    if (!(await sendPhoto(base, d))) return;
    await inTransaction(['sent'], 'readwrite', (tx) => tx.objectStore('sent').put(d));
  }
}

// The queue in enqueue order, except that one key's envelopes go in the order of their sequence
// numbers (two signed at once may be enqueued the other way round; the server refuses a number
// below the last it accepted).
function inSequenceOrder(queue: Stored<Outgoing>[]): Stored<Outgoing>[] {
  const byKey = new Map<string, Stored<Outgoing>[]>();
  for (const o of queue) byKey.set(o.envelope.key, [...(byKey.get(o.envelope.key) ?? []), o]);
  for (const list of byKey.values()) list.sort((a, b) => a.envelope.seq - b.envelope.seq);
  return queue.map((o) => byKey.get(o.envelope.key)!.shift()!);
}

async function deliverWaiting(base: string, onDelivered: (d: Delivered) => void): Promise<void> {
  await sendOwedPhotos(base);
  const stored = await inTransaction(['outbox'], 'readonly', (tx) => tx.objectStore('outbox').getAll() as IDBRequest<Stored<Outgoing>[]>);
  for (const { order, ...outgoing } of inSequenceOrder(stored)) {
    const answer = await post(base, outgoing);
    if (!answer) return; // it and every later one wait, in order
    const proof = Number.isSafeInteger(answer.ack?.leaf_index) ? await checkAcknowledgement(base, outgoing.envelope, answer.ack) : null;
    const delivered: Delivered = { outgoing, status: answer.status, ack: answer.ack, proof, at: new Date().toISOString() };
    if (!photoDue(delivered)) delete delivered.outgoing.photo;
    // Moved from the outbox to the sent log in one transaction: reported once, never sent again.
    await inTransaction(['outbox', 'sent'], 'readwrite', (tx) => {
      tx.objectStore('outbox').delete(order!);
      tx.objectStore('sent').add(delivered);
    });
    onDelivered(delivered);
    if (photoDue(delivered)) await sendOwedPhotos(base);
  }
}

let running: Promise<void> = Promise.resolve();

// Sends every waiting submission in order (one run at a time in this browser, across tabs too
// where the Web Locks API exists). A network error or a 5xx answer leaves it and the rest
// waiting; any other answer (accepted, rejected, duplicate, refused) delivers it, reported once.
export function deliverAll(base: string, onDelivered: (d: Delivered) => void): Promise<void> {
  const run = async (): Promise<void> => {
    if (navigator.locks) await navigator.locks.request('saylau-desk-outbox', () => deliverWaiting(base, onDelivered));
    else await deliverWaiting(base, onDelivered);
  };
  running = running.catch(() => undefined).then(run);
  return running;
}

let following = false;

// Delivers now, whenever the browser says it is online again, and every 30 seconds.
export function followConnection(base: string, onDelivered: (d: Delivered) => void): void {
  if (following) return;
  following = true;
  const attempt = () => void deliverAll(base, onDelivered).catch(() => undefined);
  window.addEventListener('online', attempt);
  setInterval(attempt, 30_000);
  attempt();
}
