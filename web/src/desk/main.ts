// The commission desk (/desk, issue 20): a commission loads its key, types its protocols and
// turnout reports into forms generated from the definition, sees the control relations while it
// types, signs in the browser and sends; what cannot be sent now waits in IndexedDB. This file
// wires the cards together: the language, the hash route of the entry card, redraws.
import '../theme'; // the dashboard's theme (the reader's choice, else the system's)
import '../style.css';
import './desk.css';
import '../theme.css';
import { esc } from '../dom';
import { lang, setLang, type Lang } from '../i18n';
import { renderCommissionCard } from './commission';
import { renderProtocolEntry } from './entry';
import { renderKeyCard } from './key_panel';
import { renderOutboxCard } from './outbox_view';
import { renderResultCard } from './result';
import { followTheConnection, onOutboxChange } from './send';
import { onSessionChange, session } from './session';
import { w } from './strings';
import { renderTurnoutEntry } from './turnout';
import { renderViewCard } from './view';

let entryDrawn = '';

// The entry card follows the hash: #/protocol/UNIT/CONTEST or #/turnout/UNIT. It is drawn again
// only for another form, language or key: a refreshed answer of the server while someone types
// must not replace the input under their fingers.
function renderEntryCard(): void {
  const root = document.getElementById('entry-card')!;
  const drawn = `${location.hash}|${lang()}|${session.key?.publicKey ?? ''}|${session.desk !== null}`;
  if (drawn === entryDrawn) return;
  entryDrawn = drawn;
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const open = session.desk !== null && (parts[0] === 'protocol' || parts[0] === 'turnout') && parts[1] !== undefined;
  root.hidden = !open;
  if (!open) return;
  if (parts[0] === 'protocol') renderProtocolEntry(root, parts[1], parts[2] ?? '');
  else renderTurnoutEntry(root, parts[1]);
}

function renderChrome(): void {
  document.documentElement.lang = lang();
  document.title = w('pageTitle');
  document.getElementById('desk-title')!.textContent = w('title');
  document.querySelector('.skip')!.textContent = w('skip');
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => {
    b.classList.toggle('active', b.dataset.lang === lang());
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
  });
  document.getElementById('foot')!.innerHTML = `saylau · <a href="/">${esc(w('dashboard'))}</a> · <a href="/api/v1/election">API</a>`;
}

function renderAll(): void {
  const focused = document.activeElement?.id;
  renderChrome();
  void renderKeyCard();
  renderCommissionCard();
  renderEntryCard();
  renderResultCard();
  void renderOutboxCard();
  void renderViewCard();
  if (focused && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
}

document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) =>
  button.addEventListener('click', () => {
    setLang(button.dataset.lang as Lang);
    renderAll();
  }),
);
window.addEventListener('hashchange', () => {
  renderEntryCard();
  const entry = document.getElementById('entry-card')!;
  if (!entry.hidden) entry.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
});
onSessionChange(renderAll);
onOutboxChange(() => {
  void renderOutboxCard();
  void renderViewCard();
});
renderAll();
followTheConnection();
