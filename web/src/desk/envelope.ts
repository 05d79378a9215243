// The signed envelope of a desk submission (docs/api.md, "The signed envelope"): the signature
// binds commission, key, sequence number and the body's exact bytes, as `saylau submit` signs.
import type { DeskKey } from './key';
import { fromBase64, toBase64 } from './base64';

export type Envelope = { commission: string; key: string; seq: number; body: string; signature: string };

export const signingInput = (e: Pick<Envelope, 'commission' | 'key' | 'seq' | 'body'>): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(`saylau-submission-v1\n${e.commission}\n${e.key}\n${e.seq}\n${e.body}`);

export async function signEnvelope(key: DeskKey, seq: number, body: string): Promise<Envelope> {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`sequence number ${seq}: must be a whole number from 1`);
  const unsigned = { commission: key.commission, key: key.publicKey, seq, body };
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, signingInput(unsigned));
  return { ...unsigned, signature: toBase64(new Uint8Array(signature)) };
}

// Whether `e.signature` verifies under `e.key` (false for a malformed key or signature).
export async function envelopeVerifies(e: Envelope): Promise<boolean> {
  const key = fromBase64(e.key);
  const signature = fromBase64(e.signature);
  if (!key || key.length !== 32 || !signature || signature.length !== 64) return false;
  try {
    const publicKey = await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, signingInput(e));
  } catch {
    return false;
  }
}
