// The key card: load the commission's key file (file input or drag and drop), optionally keep
// it on this device under a passphrase, unlock a kept one, or say plainly that this browser
// cannot sign (no WebCrypto Ed25519) and what to use instead. The key itself is key.ts's.
import { esc } from '../dom';
import { ed25519Supported, fetchDesk, forgetKey, keepKey, keptKeys, KeyError, loadKeyFile, unlockKey, type DeskKey } from './key';
import { base, session, sessionChanged } from './session';
import { w, wordOr } from './strings';

// Text with `code` spans (the strings name commands that way), escaped.
export const withCode = (text: string): string => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

let problem = '';
let busy = false;

function errorText(error: unknown): string {
  if (error instanceof KeyError) return `${wordOr(`key_${error.code}`, error.code)}: ${error.message}`;
  return String((error as Error)?.message ?? error);
}

async function use(key: DeskKey): Promise<void> {
  session.desk = await fetchDesk(base, key);
  session.key = key;
  problem = '';
}

async function attempt(work: () => Promise<void>): Promise<void> {
  busy = true;
  problem = '';
  void renderKeyCard();
  try {
    await work();
  } catch (error) {
    problem = errorText(error);
  } finally {
    busy = false;
    sessionChanged();
  }
}

async function loadText(text: string, root: HTMLElement): Promise<void> {
  const keep = root.querySelector<HTMLInputElement>('#keep-key')?.checked ?? false;
  const passphrase = root.querySelector<HTMLInputElement>('#keep-passphrase')?.value ?? '';
  await attempt(async () => {
    const key = await loadKeyFile(text);
    if (keep) await keepKey(text, passphrase);
    await use(key);
  });
}

function loadedHtml(): string {
  const key = session.key!;
  return `<h2 id="key-title">${esc(w('keyTitle'))}</h2>
    <p id="key-loaded">${esc(w('loaded', { commission: key.commission }))}</p>
    <p class="note"><code>${esc(key.publicKey)}</code></p>
    <button type="button" id="use-another">${esc(w('useAnother'))}</button>`;
}

async function formHtml(): Promise<string> {
  const kept = await keptKeys().catch(() => []);
  const keptList = kept
    .map(
      (k, i) => `<li data-public-key="${esc(k.publicKey)}"><b>${esc(k.commission)}</b>
        <label for="unlock-${i}">${esc(w('passphrase'))}</label>
        <input id="unlock-${i}" class="unlock-passphrase" type="password" autocomplete="current-password" />
        <button type="button" class="unlock">${esc(w('unlock'))}</button>
        <button type="button" class="forget">${esc(w('forget'))}</button></li>`,
    )
    .join('');
  return `<h2 id="key-title">${esc(w('keyTitle'))}</h2>
    <p>${withCode(w('keyIntro'))}</p>
    <div id="key-drop" class="drop">
      <label for="key-file">${esc(w('keyFile'))}</label>
      <input id="key-file" type="file" accept=".key,.json,application/json" ${busy ? 'disabled' : ''} />
      <span class="note">${esc(w('dropHere'))}</span>
    </div>
    <p><input id="keep-key" type="checkbox" /> <label for="keep-key">${esc(w('keepKey'))}</label></p>
    <p><label for="keep-passphrase">${esc(w('passphrase'))}</label>
      <input id="keep-passphrase" type="password" autocomplete="new-password" /></p>
    ${kept.length ? `<h3>${esc(w('keptKeys'))}</h3><ul id="kept-keys" class="plain">${keptList}</ul>` : ''}`;
}

function bind(root: HTMLElement): void {
  root.querySelector('#use-another')?.addEventListener('click', () => {
    session.key = null;
    session.desk = null;
    sessionChanged();
  });
  const file = root.querySelector<HTMLInputElement>('#key-file');
  file?.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) await loadText(await chosen.text(), root);
  });
  const drop = root.querySelector<HTMLElement>('#key-drop');
  drop?.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop?.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop?.addEventListener('drop', async (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) await loadText(await dropped.text(), root);
  });
  root.querySelectorAll<HTMLElement>('#kept-keys li').forEach((item) => {
    const publicKey = item.dataset.publicKey!;
    const passphrase = item.querySelector<HTMLInputElement>('.unlock-passphrase')!;
    const unlock = () => attempt(async () => use(await unlockKey(publicKey, passphrase.value)));
    item.querySelector('.unlock')!.addEventListener('click', unlock);
    passphrase.addEventListener('keydown', (event) => event.key === 'Enter' && void unlock());
    item.querySelector('.forget')!.addEventListener('click', () => attempt(() => forgetKey(publicKey)));
  });
}

// Renders are asynchronous (the kept keys come from IndexedDB) and may overlap: each has a number,
// and only the latest one started draws, so that a render begun before the key was loaded cannot
// finish after the one begun after it and show the form again over a loaded key.
let latestRender = 0;

export async function renderKeyCard(): Promise<void> {
  const render = ++latestRender;
  const root = document.getElementById('key-card')!;
  const supported = await ed25519Supported();
  if (render !== latestRender) return;
  if (!supported) {
    root.innerHTML = `<h2 id="key-title">${esc(w('keyTitle'))}</h2><p id="no-ed25519" class="problem" role="alert">${withCode(w('noEd25519'))}</p>`;
    return;
  }
  const card = session.key ? loadedHtml() : await formHtml();
  if (render !== latestRender) return;  // a later render, begun since, draws the current state
  const focused = document.activeElement?.id;
  root.innerHTML =
    card +
    (busy ? `<p class="note" role="status">${esc(w('working'))}</p>` : '') +
    (problem ? `<p id="key-error" class="problem" role="alert">${esc(problem)}</p>` : '');
  bind(root);
  if (focused) document.getElementById(focused)?.focus();
}
