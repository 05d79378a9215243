// Checks an acknowledgement's place in the transparency log in the browser (issue 20, item 6):
// the log entry at the ack's leaf index must hold this envelope (its signature and exact body),
// its RFC 6962 leaf hash must lead through the ack's inclusion proof to the root of the ack's
// tree head, and that head's Ed25519 signature must verify (docs/verify.md). The hashing and
// the head's signature are the dashboard's (../merkle.ts).
//
// ProofCheck.code, for the page to translate (detail is an English explanation): proof-ok,
// no-proof (the ack carries no leaf, e.g. a duplicate or a refusal), entry-unavailable,
// entry-mismatch, proof-mismatch, head-unsigned, head-key-mismatch, no-ed25519.
import type { TreeHead } from '../api';
import { leafHash, rootFromInclusionProof, verifyTreeHead } from '../merkle';
import { envelopeVerifies, type Envelope } from './envelope';

export type ProofCheck = { ok: boolean; code: string; leafIndex: number; treeSize: number; root: string; detail: string };

type LogEntry = { verdict?: string; commission?: string; key?: string; key_seq?: number; signature?: string; body?: string };

// The exact bytes of leaf `index` (GET /api/v1/log/entries), or null when the server has none.
async function fetchEntry(base: string, index: number): Promise<string | null> {
  const response = await fetch(`${base}/api/v1/log/entries?start=${index}&end=${index + 1}`, { cache: 'no-store' });
  if (!response.ok) return null;
  const answer = (await response.json()) as { entries?: { leaf_index: number; entry: string }[] };
  const found = answer.entries?.find((e) => e.leaf_index === index);
  return typeof found?.entry === 'string' ? found.entry : null;
}

// What in `entry` differs from `envelope` (and the ack's verdict), or '' when it holds it.
function entryDifference(entry: string, envelope: Envelope, status: string): string {
  let parsed: LogEntry;
  try {
    parsed = JSON.parse(entry) as LogEntry;
  } catch {
    return 'the log entry is not JSON';
  }
  const fields: [keyof LogEntry, unknown][] = [['commission', envelope.commission], ['key', envelope.key], ['key_seq', envelope.seq],
    ['signature', envelope.signature], ['body', envelope.body]];
  for (const [name, expected] of fields) {
    if (parsed[name] !== expected) return `the log entry's ${name} is not the envelope's`;
  }
  if (parsed.verdict !== status) return `the log entry's verdict '${parsed.verdict}' is not the acknowledgement's '${status}'`;
  return '';
}

// `logKey` (base64), when given, pins the key that must have signed the tree head.
export async function checkAcknowledgement(base: string, envelope: Envelope, ack: any, logKey?: string): Promise<ProofCheck> {
  const head = ack?.tree_head as TreeHead | undefined;
  const leafIndex = Number.isSafeInteger(ack?.leaf_index) ? (ack.leaf_index as number) : -1;
  const result = (ok: boolean, code: string, detail: string): ProofCheck =>
    ({ ok, code, leafIndex, treeSize: head?.size ?? 0, root: head?.root ?? '', detail });
  if (leafIndex < 0 || !head || !Array.isArray(ack.inclusion) || typeof head.root !== 'string') {
    return result(false, 'no-proof', `the acknowledgement (${ack?.status ?? 'no status'}) carries no leaf index, inclusion proof and tree head`);
  }
  if (!ack.inclusion.every((h: unknown) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) {
    return result(false, 'proof-mismatch', 'the inclusion proof holds something other than SHA-256 hashes in hex');
  }
  if (!(await envelopeVerifies(envelope))) return result(false, 'entry-mismatch', "the envelope's own signature does not verify");
  let entry: string | null;
  try {
    entry = await fetchEntry(base, leafIndex);
  } catch (e) {
    return result(false, 'entry-unavailable', `the log entry ${leafIndex} could not be read: ${(e as Error).message}`);
  }
  if (entry === null) return result(false, 'entry-unavailable', `the server has no log entry ${leafIndex}`);
  const difference = entryDifference(entry, envelope, ack.status);
  if (difference) return result(false, 'entry-mismatch', `leaf ${leafIndex}: ${difference}`);
  const leaf = await leafHash(entry);
  const root = await rootFromInclusionProof(leafIndex, head.size, leaf, ack.inclusion);
  if (root !== head.root) {
    return result(false, 'proof-mismatch', `the inclusion proof of leaf ${leafIndex} leads to ${root ?? 'no root'}, not to the tree head's root ${head.root} (size ${head.size})`);
  }
  if (logKey !== undefined && head.key !== logKey) {
    return result(false, 'head-key-mismatch', `the tree head is signed by ${head.key}, not by the log key ${logKey}`);
  }
  const signed = await verifyTreeHead(head);
  if (signed === null) return result(false, 'no-ed25519', "this browser's WebCrypto cannot check the tree head's Ed25519 signature");
  if (!signed) return result(false, 'head-unsigned', `the tree head of size ${head.size} is not signed by the key it names`);
  return result(true, 'proof-ok', `leaf ${leafIndex} is in the signed tree of ${head.size} entries (root ${head.root})`);
}
