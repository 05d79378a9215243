// The light and dark themes: the reader's choice (light, dark or auto, kept in localStorage)
// and, for auto, the system's prefers-color-scheme, followed as it changes. The resolved theme
// is <html data-theme="light|dark">, which style.css colours by; charts ask isDark() when they
// are made. Importing this module applies the theme at once, before the first paint of a page.
export type ThemeChoice = 'light' | 'dark' | 'auto';

const key = 'saylau.theme';
const system = window.matchMedia('(prefers-color-scheme: dark)');
const listeners: (() => void)[] = [];

function stored(): ThemeChoice {
  const value = localStorage.getItem(key);
  return value === 'light' || value === 'dark' ? value : 'auto';
}

let choice: ThemeChoice = stored();

export function themeChoice(): ThemeChoice {
  return choice;
}

export function isDark(): boolean {
  return choice === 'dark' || (choice === 'auto' && system.matches);
}

function apply(): void {
  const next = isDark() ? 'dark' : 'light';
  const root = document.documentElement;
  const changed = root.dataset.theme !== next;
  root.dataset.theme = next;
  root.style.colorScheme = next;
  if (changed) listeners.forEach((listener) => listener());
}

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  if (next === 'auto') localStorage.removeItem(key);
  else localStorage.setItem(key, next);
  apply();
}

// `listener` runs when the resolved theme changes (a choice, or the system under auto).
export function onThemeChange(listener: () => void): void {
  listeners.push(listener);
}

system.addEventListener('change', () => {
  if (choice === 'auto') apply();
});
apply();
