// The commission's key in the browser (issue 20, item 1): a `saylau keys gen` key file imported
// into WebCrypto Ed25519 as a non-extractable key, optionally kept on this device encrypted
// with a passphrase (PBKDF2-SHA256 + AES-GCM, in IndexedDB). The secret never leaves the browser.
//
// Every failure is a KeyError whose `code` the page translates (kk/ru/en) and whose message is
// an English detail naming the field: insecure-context (WebCrypto exists only on HTTPS or
// localhost), no-ed25519, key-not-json, key-not-object, key-field
// (missing or not a string; `field` names it), key-algorithm, key-public-key, key-secret-missing
// (a file with the public half only), key-secret-key, key-mismatch, passphrase-empty,
// key-not-kept, wrong-passphrase; from the server (fetchDesk): observer-key, unknown-key,
// desk-unavailable.
import type { Desk } from './types';
import { fromBase64, toBase64 } from './base64';
import { inTransaction } from './store';

export type DeskKey = { commission: string; publicKey: string /* base64 */; privateKey: CryptoKey /* non-extractable */ };

export class KeyError extends Error {
  constructor(readonly code: string, message: string, readonly field?: string) {
    super(message);
    this.name = 'KeyError';
  }
}

// PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410).
const pkcs8Prefix = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
const pkcs8 = (seed: Uint8Array): Uint8Array<ArrayBuffer> => {
  const der = new Uint8Array(new ArrayBuffer(48));
  der.set(pkcs8Prefix);
  der.set(seed, 16);
  return der;
};
const base64url = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

let supported: Promise<boolean> | null = null;

// Whether this browser's WebCrypto can import an Ed25519 seed and sign with it.
export function ed25519Supported(): Promise<boolean> {
  supported ??= (async () => {
    try {
      const key = await crypto.subtle.importKey('pkcs8', pkcs8(new Uint8Array(32).fill(7)), { name: 'Ed25519' }, false, ['sign']);
      const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key, new Uint8Array([1, 2, 3]));
      return signature.byteLength === 64;
    } catch {
      return false;
    }
  })();
  return supported;
}

type KeyFile = { commission: string; publicKey: string; seed: Uint8Array };

function parseKeyFile(text: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KeyError('key-not-json', `not a key file: not JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new KeyError('key-not-object', 'not a key file: a JSON object with commission, public_key and secret_key');
  }
  const file = json as Record<string, unknown>;
  const field = (name: string): string => {
    const value = file[name];
    if (typeof value !== 'string' || value === '') throw new KeyError('key-field', `field '${name}': missing or not a string`, name);
    return value;
  };
  const commission = field('commission');
  if (file.algorithm !== undefined && file.algorithm !== 'ed25519') {
    throw new KeyError('key-algorithm', `field 'algorithm': '${String(file.algorithm)}' is not supported (ed25519)`, 'algorithm');
  }
  const publicKey = field('public_key');
  const rawPublic = fromBase64(publicKey);
  if (!rawPublic || rawPublic.length !== 32) {
    throw new KeyError('key-public-key', "field 'public_key': not a base64 Ed25519 public key (32 bytes)", 'public_key');
  }
  if (file.secret_key === undefined) {
    throw new KeyError('key-secret-missing', "field 'secret_key': missing: this file holds the public key only (the one `saylau keys add` registers)", 'secret_key');
  }
  const rawSecret = fromBase64(field('secret_key'));
  if (!rawSecret || rawSecret.length !== 64) {
    throw new KeyError('key-secret-key', "field 'secret_key': not a base64 Ed25519 secret key (64 bytes)", 'secret_key');
  }
  // libsodium's secret key is the 32-byte seed followed by the public key.
  if (rawSecret.subarray(32).some((b, i) => b !== rawPublic[i])) {
    throw new KeyError('key-mismatch', "field 'secret_key': does not belong to the public_key in the same file", 'secret_key');
  }
  return { commission, publicKey, seed: rawSecret.slice(0, 32) };
}

// The key of a key file's text, ready to sign; checks that the seed gives the file's public key.
export async function loadKeyFile(text: string): Promise<DeskKey> {
  const file = parseKeyFile(text);
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
    throw new KeyError('insecure-context', 'this page is not served over HTTPS (or from localhost), so the browser gives it no WebCrypto to sign with: open the desk at its https:// address');
  }
  if (!(await ed25519Supported())) {
    throw new KeyError('no-ed25519', "this browser's WebCrypto has no Ed25519: use a current Chromium, Chrome, Edge, Firefox or Safari, or `saylau submit`");
  }
  // Imported once extractable to read the public key the seed gives, then kept non-extractable.
  const probe = await crypto.subtle.importKey('pkcs8', pkcs8(file.seed), { name: 'Ed25519' }, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', probe);
  if (jwk.x !== base64url(file.publicKey)) {
    throw new KeyError('key-mismatch', "field 'secret_key': its seed does not give the public_key in the same file", 'secret_key');
  }
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8(file.seed), { name: 'Ed25519' }, false, ['sign']);
  file.seed.fill(0);
  return { commission: file.commission, publicKey: file.publicKey, privateKey };
}

const iterations = 310_000; // OWASP's figure for PBKDF2-HMAC-SHA256
type KeptKey = { publicKey: string; commission: string; salt: string; iv: string; iterations: number; sealed: string };

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, rounds: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: rounds }, material,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

// Keeps the key file on this device, encrypted under `passphrase` (after checking it loads).
export async function keepKey(keyFileText: string, passphrase: string): Promise<void> {
  if (passphrase === '') throw new KeyError('passphrase-empty', 'a passphrase is needed to keep the key on this device');
  const key = await loadKeyFile(keyFileText);
  const salt = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(16)));
  const iv = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(12)));
  const aes = await passphraseKey(passphrase, salt, iterations);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, new TextEncoder().encode(keyFileText));
  const kept: KeptKey = { publicKey: key.publicKey, commission: key.commission, salt: toBase64(salt), iv: toBase64(iv),
    iterations, sealed: toBase64(new Uint8Array(sealed)) };
  await inTransaction(['keys'], 'readwrite', (tx) => tx.objectStore('keys').put(kept));
}

// The keys kept on this device (public halves only).
export async function keptKeys(): Promise<{ commission: string; publicKey: string }[]> {
  const all = await inTransaction(['keys'], 'readonly', (tx) => tx.objectStore('keys').getAll() as IDBRequest<KeptKey[]>);
  return all.map((k) => ({ commission: k.commission, publicKey: k.publicKey }));
}

// The kept key of `publicKey`, decrypted with `passphrase` (AES-GCM refuses a wrong one).
export async function unlockKey(publicKey: string, passphrase: string): Promise<DeskKey> {
  const kept = await inTransaction(['keys'], 'readonly', (tx) => tx.objectStore('keys').get(publicKey) as IDBRequest<KeptKey | undefined>);
  if (!kept) throw new KeyError('key-not-kept', `no key ${publicKey} is kept on this device`);
  const aes = await passphraseKey(passphrase, fromBase64(kept.salt)!, kept.iterations);
  let text: string;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(kept.iv)! }, aes, fromBase64(kept.sealed)!);
    text = new TextDecoder().decode(plain);
  } catch {
    throw new KeyError('wrong-passphrase', `the passphrase does not unlock the key of ${kept.commission}`);
  }
  return loadKeyFile(text);
}

export async function forgetKey(publicKey: string): Promise<void> {
  await inTransaction(['keys'], 'readwrite', (tx) => tx.objectStore('keys').delete(publicKey));
}

// GET /api/v1/desk?key=: what the key's commission may write. An observer's key (403
// not-a-commission) and a key the server does not know (404 unknown-key) are KeyErrors.
// A 503 (the server's desk builds are over their share of the writer, or the store is
// unavailable) is asked again after its Retry-After, a few times.
export async function fetchDesk(base: string, key: Pick<DeskKey, 'publicKey'>): Promise<Desk> {
  const ask = () => fetch(`${base}/api/v1/desk?key=${encodeURIComponent(key.publicKey)}`, { cache: 'no-store' });
  let response = await ask();
  for (let tries = 0; response.status === 503 && tries < 10; ++tries) {
    const seconds = Math.min(30, Math.max(1, Number(response.headers.get('retry-after')) || 1));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    response = await ask();
  }
  const answer = await response.json().catch(() => null);
  if (response.ok && answer) return answer as Desk;
  const detail = answer?.message ?? `HTTP ${response.status}`;
  if (response.status === 403) throw new KeyError('observer-key', `this is not a commission's key (an observer's?): ${detail}`);
  if (response.status === 404 && answer?.error === 'unknown-key') throw new KeyError('unknown-key', `the server has no such key registered: ${detail}`);
  throw new KeyError('desk-unavailable', `the server did not answer the desk: ${detail}`);
}
