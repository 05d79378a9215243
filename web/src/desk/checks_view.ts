// Shows every control relation of a protocol as it is typed: its name, its formula with the
// numbers typed, and whether it holds, is broken or warns. The verdict is check.ts's (the
// server's relations, as data); this file only lays it out and sums each side for display.
import { esc } from '../dom';
import { nameOf } from '../i18n';
import { relationDetailShown, relationName } from '../relations';
import type { Checked, Finding } from './check';
import type { Field, Values } from './forms';
import { w } from './strings';
import type { DeskExpression, DeskForm } from './types';

// The relations every protocol is checked against before the form's own (core::CheckProtocol).
export const builtinRelations = ['non-negative', 'within-bounds', 'readable-lines', 'options-exact', 'on-ballot', 'lines-present'];

const number = (text: string | undefined): bigint | null => (text !== undefined && /^\s*\d+\s*$/.test(text) ? BigInt(text.trim()) : null);

// The side's terms with the typed numbers, and their sum (null while a term is empty).
function side(expression: DeskExpression, form: DeskForm, fields: Field[], values: Values): { text: string; sum: bigint | null } {
  let sum: bigint | null = 0n;
  const parts = expression.terms.map((term, i) => {
    let label: string;
    let value: bigint | null;
    if (term.kind === 'line') {
      const line = form.lines[term.line];
      label = line ? nameOf(line.label, line.name) : '?';
      value = line ? number(values[line.name]) : null;
    } else if (term.kind === 'options') {
      const options = fields.filter((field) => field.kind === 'option').map((field) => number(values[field.name]));
      label = 'Σ';
      value = options.some((v) => v === null) ? null : options.reduce<bigint>((a, b) => a + (b ?? 0n), 0n);
    } else {
      label = String(term.literal);
      value = BigInt(term.literal);
    }
    if (sum !== null) sum = value === null ? null : sum + (term.negative ? -value : value);
    const sign = term.negative ? '− ' : i > 0 ? '+ ' : '';
    return `${sign}${label}${term.kind === 'line' ? ` (${value ?? '—'})` : term.kind === 'options' ? ` (${value ?? '—'})` : ''}`;
  });
  return { text: parts.join(' '), sum };
}

const ops: Record<string, string> = { '==': '=', '<=': '≤', '>=': '≥', '<': '<', '>': '>' };

function item(name: string, formula: string, broken: Finding[], warned: Finding[]): string {
  const state = broken.length ? 'broken' : warned.length ? 'warned' : 'holds';
  const mark = { holds: '✓', broken: '✗', warned: '⚠' }[state];
  const details = [...broken, ...warned].map((f) => `<div class="detail" title="${esc(f.detail)}">${esc(relationDetailShown(f))}</div>`).join('');
  return `<li class="${state}" data-relation="${esc(name)}" data-state="${state}"><span class="mark" aria-hidden="true">${mark}</span>
    <b>${esc(relationName(name))}</b> <span class="sr-state">${esc(w(state))}</span> <span class="formula">${esc(formula)}</span>${details}</li>`;
}

export function checksHtml(checked: Checked, form: DeskForm | undefined, fields: Field[], values: Values): string {
  const of = (list: Finding[], name: string) => list.filter((f) => f.relation === name);
  // While a required line is empty the server would check no form relation; those already
  // broken among the lines typed (check.ts's `early`) are shown broken as well.
  checked = { violations: [...checked.violations, ...(checked.early ?? [])], warnings: checked.warnings };
  const named = new Set([...builtinRelations, ...(form?.relations ?? []).map((r) => r.name)]);
  const builtin = builtinRelations.map((name) => item(name, w('builtin'), of(checked.violations, name), of(checked.warnings, name)));
  const own = (form?.relations ?? []).map((relation) => {
    const left = side(relation.left, form!, fields, values);
    const right = side(relation.right, form!, fields, values);
    // The sums while it holds (a broken one's detail has its own numbers).
    const broken = of(checked.violations, relation.name).length > 0;
    const sums = left.sum !== null && right.sum !== null && !broken ? ` · ${left.sum} ${ops[relation.op]} ${right.sum}` : '';
    const label = relation.label ? `${nameOf(relation.label)}: ` : '';
    return item(relation.name, `${label}${left.text} ${ops[relation.op]} ${right.text}${sums}`, of(checked.violations, relation.name), of(checked.warnings, relation.name));
  });
  // A finding under a name the form does not list (should not happen) is still shown.
  const other = [...checked.violations, ...checked.warnings].filter((f) => !named.has(f.relation));
  const extra = other.map((f) => item(f.relation, '', checked.violations.includes(f) ? [f] : [], checked.warnings.includes(f) ? [f] : []));
  return `<ul id="checks" class="checks">${[...builtin, ...own, ...extra].join('')}</ul>`;
}

// A report without a form of its own (turnout, attendance): what is broken or warns, else that
// every relation holds.
export function findingsHtml(checked: Checked): string {
  const items = [...checked.violations.map((f) => item(f.relation, '', [f], [])), ...checked.warnings.map((f) => item(f.relation, '', [], [f]))];
  return `<ul id="checks" class="checks">${items.join('') || `<li class="holds" data-state="holds"><span class="mark" aria-hidden="true">✓</span> ${esc(w('holds'))}</li>`}</ul>`;
}
