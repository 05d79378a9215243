// Double entry (issue 20, item 4): two operators type the same paper protocol, the second
// without seeing the first's numbers; the lines where they differ are listed and a value is
// picked for each (what the paper says) before anything can be signed.
import { esc } from '../dom';
import { nameOf } from '../i18n';
import type { Field, Values } from './forms';
import { w } from './strings';

export type Step = 'first' | 'second' | 'resolve';
export type DoubleEntry = { step: Step; first: Values; second: Values; picks: Record<string, string> };

export const startDoubleEntry = (first: Values, second: Values): DoubleEntry => ({ step: 'first', first, second, picks: {} });

const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim() === (b ?? '').trim();

// The fields whose two entries differ, in paper order.
export function differences(entry: DoubleEntry, fields: Field[]): Field[] {
  return fields.filter((field) => !same(entry.first[field.name], entry.second[field.name]));
}

export function unresolved(entry: DoubleEntry, fields: Field[]): number {
  return differences(entry, fields).filter((field) => entry.picks[field.name] === undefined).length;
}

// What would be signed: the agreed values, and the picked one where they differ ('' until picked).
export function merged(entry: DoubleEntry, fields: Field[]): Values {
  return Object.fromEntries(
    fields.map((field) => [field.name, same(entry.first[field.name], entry.second[field.name]) ? entry.first[field.name].trim() : (entry.picks[field.name] ?? '')]),
  );
}

const shown = (text: string | undefined) => ((text ?? '').trim() === '' ? w('empty') : (text ?? '').trim());

// The differences, one row per line with the two values to pick from (radio buttons).
export function differencesHtml(entry: DoubleEntry, fields: Field[]): string {
  const rows = differences(entry, fields)
    .map((field) => {
      const radio = (which: 'first' | 'second') => {
        const value = (entry[which][field.name] ?? '').trim();
        const id = `pick-${which}-${fields.indexOf(field)}`;
        const checked = entry.picks[field.name] === value ? 'checked' : ''; // the two values differ
        return `<td><input type="radio" id="${id}" name="pick-${fields.indexOf(field)}" data-field="${esc(field.name)}" value="${esc(value)}" ${checked} />
          <label for="${id}">${esc(shown(entry[which][field.name]))}</label></td>`;
      };
      return `<tr data-field="${esc(field.name)}"><th scope="row">${esc(nameOf(field.label, field.name))}</th>${radio('first')}${radio('second')}</tr>`;
    })
    .join('');
  if (!rows) return `<p id="differences" data-count="0" class="good">${esc(w('noDifferences'))}</p>`;
  return `<fieldset id="differences" data-count="${differences(entry, fields).length}"><legend>${esc(w('differences'))}</legend>
    <table><thead><tr><th>${esc(w('line'))}</th><th>${esc(w('operator1'))}</th><th>${esc(w('operator2'))}</th></tr></thead><tbody>${rows}</tbody></table></fieldset>`;
}

export function onPick(root: HTMLElement, entry: DoubleEntry, changed: () => void): void {
  root.querySelectorAll<HTMLInputElement>('#differences input[type=radio]').forEach((radio) =>
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      entry.picks[radio.dataset.field!] = radio.value;
      changed();
    }),
  );
}
