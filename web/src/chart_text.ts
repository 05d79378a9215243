// The text alternative of a chart (issue 21, item 3): a summary sentence as the chart's
// accessible name (role img, aria-label) and its figures as a table in a "show as a table"
// disclosure right after the chart, for screen readers and for anyone who wants the numbers.
// Every draw* function of charts.ts calls describeChart after it draws.
import { esc } from './dom';
import { t } from './i18n';

export type ChartTable = { head: string[]; rows: (string | number)[][]; caption?: string; numeric?: boolean[] };

let made = 0;
const drawn = new WeakMap<HTMLElement, string>();

// Names `element` by `summary` and puts `table` beside it (kept open or closed across live
// redraws). `interactive` charts (focusable parts inside) are a named group, not an image, so
// their parts stay reachable.
export function describeChart(element: HTMLElement, summary: string, table: ChartTable, interactive = false): void {
  if (!element.id) element.id = `chart-${++made}`;
  element.setAttribute('role', interactive ? 'group' : 'img');
  element.setAttribute('aria-label', summary);
  let details = element.nextElementSibling as HTMLElement | null;
  if (!details || details.dataset.chartFor !== element.id) {
    details = document.createElement('details');
    details.className = 'chart-data';
    details.dataset.chartFor = element.id;
    element.insertAdjacentElement('afterend', details);
  }
  const numeric = (i: number) => table.numeric?.[i] ?? (i > 0);
  const cell = (tag: string, value: string | number, i: number) => `<${tag}${numeric(i) ? ' class="num"' : ''}${tag === 'th' ? ' scope="col"' : ''}>${esc(value)}</${tag}>`;
  const rowHtml = (row: (string | number)[]) =>
    `<tr><th scope="row">${esc(row[0])}</th>${row.slice(1).map((value, i) => cell('td', value, i + 1)).join('')}</tr>`;
  const html =
    `<summary>${esc(t('chartAsTable'))}</summary><div class="scroll"><table data-chart="${esc(element.id)}">` +
    (table.caption ? `<caption>${esc(table.caption)}</caption>` : '') +
    `<thead><tr>${table.head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>` +
    `<tbody>${table.rows.map(rowHtml).join('')}</tbody></table></div>`;
  // Unchanged figures leave the table alone: a live redraw must not take a reader's focus.
  if (drawn.get(details) !== html) {
    drawn.set(details, html);
    details.innerHTML = html;
  }
}
