// A contest's protocol form at the desk, from the server's forms as data: the fields to type in
// paper order (the form's lines, "against all" only where the contest has it, then the options
// of the current round's ballot) and their inputs. Values are kept as typed text: the checks
// (check.ts) read the same text the protocol body is built from.
import { esc } from '../dom';
import { nameOf, type Names } from '../i18n';
import type { Desk, DeskContest, DeskForm } from './types';

export type Field = { name: string; label: Names; kind: 'line' | 'option'; required: boolean };
export type Values = Record<string, string>;

export function formOf(desk: Desk, contest: DeskContest): DeskForm | undefined {
  return desk.forms.find((form) => form.id === contest.form);
}

export function fieldsOf(desk: Desk, contest: DeskContest): Field[] {
  const lines = (formOf(desk, contest)?.lines ?? [])
    .filter((line) => !line.when_against_all || contest.against_all)
    .map((line): Field => ({ name: line.name, label: line.label, kind: 'line', required: line.required || line.when_against_all }));
  const options = contest.options
    .filter((option) => contest.ballot.includes(option.id))
    .map((option): Field => ({ name: option.id, label: option.name, kind: 'option', required: true }));
  return [...lines, ...options];
}

// Every field empty, or the latest accepted values (a correction starts from them).
export function startingValues(fields: Field[], from?: Record<string, number>): Values {
  return Object.fromEntries(fields.map((field) => [field.name, from?.[field.name] !== undefined ? String(from[field.name]) : '']));
}

const inputHtml = (field: Field, index: number, value: string, prefix: string) =>
  `<tr><td><label for="${prefix}-${index}">${esc(nameOf(field.label, field.name))}</label>${field.required ? '' : ' <span class="note">(0)</span>'}</td>
   <td class="num"><input id="${prefix}-${index}" data-field="${esc(field.name)}" inputmode="numeric" pattern="[0-9]*" autocomplete="off" value="${esc(value)}" /></td></tr>`;

// The fields as two tables (lines, then votes), each input labelled with the field's name.
export function fieldsHtml(fields: Field[], values: Values, prefix: string, titles: { lines: string; options: string }): string {
  const rows = (kind: Field['kind']) =>
    fields.map((field, index) => (field.kind === kind ? inputHtml(field, index, values[field.name] ?? '', prefix) : '')).join('');
  return `<div class="form-grid">
    <fieldset><legend>${esc(titles.lines)}</legend><table class="entry">${rows('line')}</table></fieldset>
    <fieldset><legend>${esc(titles.options)}</legend><table class="entry">${rows('option')}</table></fieldset></div>`;
}

// Calls `changed` with the field's name and text whenever an input of `root` is typed in.
export function onFieldInput(root: HTMLElement, changed: (field: string, text: string) => void): void {
  root.querySelectorAll<HTMLInputElement>('input[data-field]').forEach((input) =>
    input.addEventListener('input', () => changed(input.dataset.field!, input.value)),
  );
}
