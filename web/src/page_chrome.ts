// The accessible chrome around every dashboard page (issue 21, item 3): the skip link to the
// page's content, the theme buttons (light, dark, as the system), and the page's one h1 and
// document title, named after the page once it is drawn.
import { esc } from './dom';
import { t, type Label } from './i18n';
import { onThemeChange, setThemeChoice, themeChoice, type ThemeChoice } from './theme';

const choices: { choice: ThemeChoice; label: Label; symbol: string }[] = [
  { choice: 'light', label: 'themeLight', symbol: '☀' },
  { choice: 'dark', label: 'themeDark', symbol: '☾' },
  { choice: 'auto', label: 'themeAuto', symbol: '◐' },
];

// Wires the skip link (the hash is the router's, so it moves the focus itself) and the theme
// buttons; `redraw` runs when the theme changes (charts are made in the theme's colours).
export function setUpChrome(app: HTMLElement, redraw: () => void): void {
  app.tabIndex = -1;
  document.getElementById('skip')!.addEventListener('click', (event) => {
    event.preventDefault();
    app.focus();
    app.scrollIntoView();
  });
  document.getElementById('themes')!.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-theme-choice]');
    if (!button) return;
    setThemeChoice(button.dataset.themeChoice as ThemeChoice);
    renderThemeButtons();
  });
  onThemeChange(redraw);
}

export function renderThemeButtons(): void {
  const group = document.getElementById('themes')!;
  group.setAttribute('aria-label', t('themeGroup'));
  group.innerHTML = choices
    .map(({ choice, label, symbol }) => {
      const pressed = themeChoice() === choice;
      return `<button type="button" data-theme-choice="${choice}" class="${pressed ? 'active' : ''}" aria-pressed="${pressed}" aria-label="${esc(t(label))}" title="${esc(t(label))}">${symbol}</button>`;
    })
    .join('');
}

// Before a page is drawn: the skip link's words and the theme buttons in the page's language.
export function renderChromeText(): void {
  document.getElementById('skip')!.textContent = t('skipToContent');
  document.getElementById('nav')!.setAttribute('aria-label', t('navPages'));
  document.getElementById('languages')!.setAttribute('aria-label', t('languageGroup'));
  if (!document.querySelector('#themes [data-theme-choice]') || document.getElementById('themes')!.getAttribute('aria-label') !== t('themeGroup')) renderThemeButtons();
}

// After a page is drawn: its one h1 says which page it is (the navigation's name for it, else
// the page's first heading: a unit's, a station's or a contest's name) and of which election;
// the document's title says the same.
export function namePage(app: HTMLElement, navLabel: string | undefined, election: string): void {
  const page = navLabel ?? app.querySelector('h2')?.textContent?.trim() ?? '';
  const heading = document.getElementById('page-name')!;
  const text = page ? `${page} · ` : '';
  if (heading.textContent !== text) heading.textContent = text;
  const title = [page, election, 'saylau'].filter(Boolean).join(' — ');
  if (document.title !== title) document.title = title;
}

// A box that scrolls sideways (a wide table on a phone) is a Tab stop, named by its card's
// heading, so the keyboard can scroll it too; one that fits is not.
export function focusScrollers(app: HTMLElement): void {
  app.querySelectorAll<HTMLElement>('.scroll').forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && box.tabIndex !== 0) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      const heading = box.closest('section, details')?.querySelector('h2, h3, summary')?.textContent?.trim();
      if (heading) box.setAttribute('aria-label', heading);
    } else if (!scrolls && box.tabIndex === 0) {
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  });
}
