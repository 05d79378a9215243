// One data table for every page that lists rows: sortable columns (a button in each header,
// aria-sort on it; numbers sort as numbers), a filter box, paging ("1–50 of 317"), and CSV and
// JSON downloads of the rows the filter keeps, in the sorted order, with names beside ids in the
// page's language. The controls are built once per host and kept across live updates (the
// filter keeps its text and focus); only the body and the pager are drawn again.
import { esc } from './dom';
import { formatNumber, lang, t, tf } from './i18n';

export type Cell = string | number | boolean | null | undefined;

export type Column<R> = {
  label: string;
  // What the column sorts and filters by; numbers sort numerically, null/undefined last.
  value: (row: R) => Cell;
  // The cell's HTML (already escaped); the value formatted when absent.
  html?: (row: R) => string;
  num?: boolean;
  sortable?: boolean; // default true
  className?: string; // the cells' class (beside "num"), e.g. for a test or a width
};

export type TableSpec<R> = {
  id: string; // the <table>'s id
  columns: Column<R>[];
  rows: R[];
  // Rows drawn first on every page whatever the sort and filter (a total), and first in the
  // downloads.
  pinned?: R[];
  // The row's attributes (e.g. ` data-unit="x"`), already escaped.
  rowAttrs?: (row: R) => string;
  // More text the filter finds a row by (e.g. its id), beside its columns' values.
  filterText?: (row: R) => string;
  // One row of the downloads: names beside ids, numbers as numbers. Its keys are the CSV header.
  record: (row: R) => Record<string, Cell>;
  file: string; // the downloads' file name, without extension
  empty: string; // said when there are no rows at all
  pageSize?: number;
  // The initial sort (column index, direction); rows keep their given order otherwise.
  sort?: { column: number; descending?: boolean };
};

type State = { column: number; descending: boolean; page: number; filter: string; spec: TableSpec<unknown> };

const states = new WeakMap<HTMLElement, State>();

// Numbers before text, numbers numerically, text in the page's language's order, blanks last.
export function compareCells(a: Cell, b: Cell, collator: Intl.Collator): number {
  const blank = (v: Cell) => v === null || v === undefined || v === '';
  if (blank(a) || blank(b)) return blank(a) === blank(b) ? 0 : blank(a) ? 1 : -1;
  const numeric = (v: Cell) => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(a) && numeric(b)) return Number(a) - Number(b);
  if (numeric(a)) return -1;
  if (numeric(b)) return 1;
  return collator.compare(String(a), String(b));
}

// A CSV field per RFC 4180 (quoted when it holds a comma, quote or line break); text a
// spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// UTF-8 with a byte order mark (so that Excel reads Cyrillic), CRLF line ends.
export function toCsv(records: Record<string, Cell>[]): string {
  if (records.length === 0) return '\ufeff';
  const header = Object.keys(records[0]);
  const lines = [header.map(csvField).join(','), ...records.map((r) => header.map((key) => csvField(r[key])).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// The rows the filter keeps, in the chosen order.
function visibleRows(state: State): unknown[] {
  const { spec } = state;
  const needle = state.filter.trim().toLocaleLowerCase(lang());
  const kept = needle
    ? spec.rows.filter((row) =>
        [...spec.columns.map((c) => c.value(row)), spec.filterText?.(row)].some((v) => String(v ?? '').toLocaleLowerCase(lang()).includes(needle)))
    : [...spec.rows];
  const column = spec.columns[state.column];
  if (!column) return kept;
  const collator = new Intl.Collator(lang(), { numeric: true, sensitivity: 'base' });
  const order = kept.map((row, i) => ({ row, i, v: column.value(row) }));
  order.sort((a, b) => {
    const blankA = a.v === null || a.v === undefined || a.v === '';
    const blankB = b.v === null || b.v === undefined || b.v === '';
    if (blankA || blankB) return blankA === blankB ? a.i - b.i : blankA ? 1 : -1; // blanks last either way
    const by = compareCells(a.v, b.v, collator);
    return (state.descending ? -by : by) || a.i - b.i;
  });
  return order.map((o) => o.row);
}

function drawRows(host: HTMLElement, state: State): void {
  // A live update draws the rows again: the focused header or pager button keeps the focus.
  const focused = host.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
  const refocus = focused?.matches('button.sort')
    ? `button.sort[data-column="${focused.dataset.column}"]`
    : focused?.matches('.pager button')
      ? focused.classList.contains('prev') ? '.pager button.prev' : focused.classList.contains('next') ? '.pager button.next' : '.pager button.current'
      : null;
  const spec = state.spec;
  const size = spec.pageSize ?? 50;
  const rows = visibleRows(state);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  state.page = Math.min(Math.max(0, state.page), pages - 1);
  const shown = rows.slice(state.page * size, state.page * size + size);
  const table = host.querySelector<HTMLTableElement>('table')!;
  table.id = spec.id;
  const head = spec.columns
    .map((c, i) => {
      const sorted = i === state.column ? (state.descending ? 'descending' : 'ascending') : null;
      const label = esc(c.label);
      // The mark after a no-break space: it stays with the label's last word, never alone on a line.
      const inner =
        c.sortable === false
          ? label
          : `<button type="button" class="sort" data-column="${i}">${label}<span class="sort-mark" aria-hidden="true">${sorted === 'ascending' ? '\u00a0▲' : sorted === 'descending' ? '\u00a0▼' : '\u00a0↕'}</span></button>`;
      return `<th scope="col"${c.num ? ' class="num"' : ''}${sorted ? ` aria-sort="${sorted}"` : ''}>${inner}</th>`;
    })
    .join('');
  const cell = (c: Column<unknown>, row: unknown) => {
    if (c.html) return c.html(row);
    const v = c.value(row);
    return v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? formatNumber(v) : esc(String(v));
  };
  const classes = (c: Column<unknown>) => [c.num ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ');
  const rowHtml = (row: unknown) =>
    `<tr${spec.rowAttrs?.(row) ?? ''}>${spec.columns.map((c) => `<td${classes(c) ? ` class="${classes(c)}"` : ''}>${cell(c, row)}</td>`).join('')}</tr>`;
  const body = spec.rows.length
    ? [...(spec.pinned ?? []), ...shown].map(rowHtml).join('')
    : `<tr><td colspan="${spec.columns.length}">${esc(spec.empty)}</td></tr>`;
  table.innerHTML = `<thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
  const from = rows.length ? state.page * size + 1 : 0;
  const pager = host.querySelector<HTMLElement>('.pager')!;
  pager.hidden = rows.length <= size && !state.filter;
  const range = tf('rowsRange', { from: formatNumber(from), to: formatNumber(state.page * size + shown.length), total: formatNumber(rows.length) });
  // Page buttons: the first, the last and two either side of the current one.
  const numbers: number[] = [];
  for (let p = 0; p < pages; ++p) if (p === 0 || p === pages - 1 || Math.abs(p - state.page) <= 2) numbers.push(p);
  const buttons = numbers
    .map((p, i) => `${i > 0 && p - numbers[i - 1] > 1 ? '<span class="gap">…</span>' : ''}<button type="button" data-page="${p}"${p === state.page ? ' aria-current="page" class="current"' : ''} aria-label="${esc(tf('pageN', { page: p + 1 }))}">${formatNumber(p + 1)}</button>`)
    .join('');
  pager.innerHTML =
    `<span class="range" aria-live="polite">${esc(range)}</span> ` +
    `<button type="button" data-page="${state.page - 1}" class="prev"${state.page === 0 ? ' disabled' : ''} aria-label="${esc(t('previousPage'))}">‹</button>` +
    buttons +
    `<button type="button" data-page="${state.page + 1}" class="next"${state.page >= pages - 1 ? ' disabled' : ''} aria-label="${esc(t('nextPage'))}">›</button>`;
  if (refocus) (host.querySelector<HTMLButtonElement>(`${refocus}:not(:disabled)`) ?? host.querySelector<HTMLButtonElement>('.pager button.current'))?.focus();
}

// Draws `spec` into `host`: the controls on first use (and after a language change), the rows
// every time. Sorting, the page and the filter are kept while the host lives.
export function renderTable<R>(host: HTMLElement, spec: TableSpec<R>): void {
  let state = states.get(host);
  if (!state || host.dataset.tableLang !== lang() || !host.querySelector('table')) {
    state = { column: spec.sort?.column ?? -1, descending: spec.sort?.descending ?? false, page: 0, filter: state?.filter ?? '', spec: spec as TableSpec<unknown> };
    states.set(host, state);
    host.dataset.tableLang = lang();
    host.classList.add('data-table');
    host.innerHTML =
      `<div class="table-tools"><input type="search" class="table-filter" aria-label="${esc(t('filterRows'))}" placeholder="${esc(t('filterRows'))}" value="${esc(state.filter)}">` +
      `<button type="button" class="download" data-format="csv">${esc(t('downloadCsv'))}</button>` +
      `<button type="button" class="download" data-format="json">${esc(t('downloadJson'))}</button></div>` +
      `<div class="scroll"><table></table></div><nav class="pager" aria-label="${esc(t('pages'))}"></nav>`;
    const current = state;
    host.querySelector<HTMLInputElement>('.table-filter')!.addEventListener('input', (event) => {
      current.filter = (event.target as HTMLInputElement).value;
      current.page = 0;
      drawRows(host, current);
    });
    host.addEventListener('click', (event) => {
      const target = (event.target as HTMLElement).closest('button');
      if (!target || !host.contains(target)) return;
      if (target.classList.contains('sort')) {
        const column = Number(target.dataset.column);
        current.descending = current.column === column ? !current.descending : false;
        current.column = column;
        current.page = 0;
        drawRows(host, current);
      } else if (target.dataset.page !== undefined) {
        current.page = Number(target.dataset.page);
        drawRows(host, current);
      } else if (target.classList.contains('download')) {
        const records = [...(current.spec.pinned ?? []), ...visibleRows(current)].map((row) => current.spec.record(row));
        if (target.dataset.format === 'csv') download(`${current.spec.file}.csv`, 'text/csv;charset=utf-8', toCsv(records));
        else download(`${current.spec.file}.json`, 'application/json', `${JSON.stringify(records, null, 1)}\n`);
      }
    });
  }
  state.spec = spec as TableSpec<unknown>;
  drawRows(host, state);
}
