// RFC 6962 leaf hashing, RFC 9162 §2.1.3.2 inclusion-proof verification and the tree head's
// Ed25519 signature, in the browser with WebCrypto: the observers' page checks a protocol's
// place in the log without trusting the server's arithmetic.
import type { TreeHead } from './api';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string): Uint8Array => new Uint8Array(text.match(/../g)!.map((h) => parseInt(h, 16)));

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

// SHA-256(0x00 || the entry's UTF-8 bytes).
export async function leafHash(entry: string): Promise<string> {
  return hex(await sha256(new Uint8Array([0]), new TextEncoder().encode(entry)));
}

const node = (left: Uint8Array, right: Uint8Array) => sha256(new Uint8Array([1]), left, right);

// The root that `proof` leads to from leaf `index` of a tree of `size` leaves, or null when the
// proof has the wrong shape for that position.
export async function rootFromInclusionProof(index: number, size: number, leaf: string, proof: string[]): Promise<string | null> {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = fromHex(leaf);
  for (const p of proof.map(fromHex)) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? hex(r) : null;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; ++i) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

// Whether the head's signature verifies under the key it names (docs/verify.md: the signing
// input); null when this browser's WebCrypto has no Ed25519.
export async function verifyTreeHead(head: TreeHead): Promise<boolean | null> {
  if (!head.key || !head.signature) return false;
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64(head.key), { name: 'Ed25519' }, false, ['verify']);
    // Version 2 binds the definition and the registered keys; version 1 (older logs) does not.
    const text =
      head.definition === undefined
        ? `saylau-tree-head-v1\n${head.size}\n${head.root}\n${head.timestamp}`
        : `saylau-tree-head-v2\n${head.size}\n${head.root}\n${head.timestamp}\n${head.definition}\n${head.keys}\n${head.keys_count}\n${head.observers_count}`;
    const input = new TextEncoder().encode(text);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(head.signature), input);
  } catch {
    return null;
  }
}
