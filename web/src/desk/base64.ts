// Strict base64 (RFC 4648, with padding) for the desk's keys and signatures: atob alone accepts
// whitespace and missing padding, so a damaged key file would decode to something else.
const alphabet = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// The bytes of `text`, or null when it is not canonical base64.
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!alphabet.test(text)) return null;
  const raw = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; ++i) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let raw = '';
  for (const b of bytes) raw += String.fromCharCode(b);
  return btoa(raw);
}
