// The photo or scan of the paper protocol: a file (the phone's camera where there is one) whose
// SHA-256, computed here with WebCrypto, goes into the signed protocol as photo_sha256; the
// image itself is uploaded (PUT /api/v1/photos/{sha256}) by the outbox once the protocol is stored.
import { esc } from '../dom';
import { w } from './strings';

export type Photo = { file: File; sha256: string };

export async function photoOf(file: File): Promise<Photo> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return { file, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
}

export function photoHtml(photo: Photo | null, id: string): string {
  return `<p class="photo-input"><label for="${id}">${esc(w('photo'))}</label>
    <input id="${id}" type="file" accept="image/*" capture="environment" /></p>
    ${photo ? `<p class="note" id="${id}-hash">${esc(photo.file.name)} · ${esc(w('photoHash', { hash: photo.sha256 }))}</p>` : ''}`;
}

export function onPhoto(root: HTMLElement, id: string, chosen: (photo: Photo | null) => void): void {
  const input = root.querySelector<HTMLInputElement>(`#${id}`);
  input?.addEventListener('change', async () => {
    const file = input.files?.[0];
    chosen(file ? await photoOf(file) : null);
  });
}
