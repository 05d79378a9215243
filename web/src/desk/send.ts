// Signing and sending: the next sequence number (above the server's last and every one this
// browser used), the envelope signed in the browser, queued in IndexedDB before the first
// attempt, then delivered (outbox.ts); each answer is shown once and the desk asked again.
import { signEnvelope } from './envelope';
import { deliverAll, enqueue, followConnection, nextSeq, type Delivered, type Route } from './outbox';
import { showResult } from './result';
import { base, refreshDesk, session } from './session';

const outboxListeners: (() => void)[] = [];

export function onOutboxChange(listener: () => void): void {
  outboxListeners.push(listener);
}

const outboxChanged = () => outboxListeners.forEach((listener) => listener());

function delivered(d: Delivered): void {
  showResult(d);
  outboxChanged();
  void refreshDesk().catch(() => undefined);
}

export async function deliverNow(): Promise<void> {
  try {
    await deliverAll(base, delivered);
  } finally {
    outboxChanged();
  }
}

export function followTheConnection(): void {
  followConnection(base, delivered);
  window.addEventListener('online', outboxChanged);
  window.addEventListener('offline', outboxChanged);
}

// Signs `body` with the session's key and queues it; resolves once it is safely queued (an error
// means nothing was queued), then tries to deliver it and anything waiting, in the background.
export async function signAndSend(route: Route, body: string, what: string, photo?: { file: File; sha256: string }): Promise<void> {
  const key = session.key;
  const desk = session.desk;
  if (!key || !desk) throw new Error('no key loaded');
  const seq = await nextSeq(key, desk.last_seq);
  const envelope = await signEnvelope(key, seq, body);
  await enqueue({
    id: `${key.publicKey}#${seq}`,
    route,
    envelope,
    what,
    created: new Date().toISOString(),
    ...(photo ? { photo: photo.file, photoSha256: photo.sha256 } : {}),
  });
  outboxChanged();
  void deliverNow().catch(() => undefined); // what is not delivered now waits for the next attempt
}
