// The elected deputies of a party-list contest: for each party with seats, the persons who
// took them (list order or the party's own choice), their place on the list, and the seats
// left vacant when a list ran out. From the outcome's "elected" member (docs/json-output.md).
import type { Context } from '../context';
import type { ContestInfo, Elected } from '../api';
import { esc } from '../dom';
import { nameOf, t } from '../i18n';

export function electedHtml(elected: Elected[] | undefined, contest: ContestInfo, ctx: Context): string {
  if (!elected?.length) return '';
  const rows = elected.flatMap((party) => {
    const label = esc(ctx.optionLabel(contest, party.option));
    const how = esc(t(party.designated ? 'namedByParty' : 'inListOrder'));
    const people = party.candidates.map(
      (person, i) =>
        `<tr>${i === 0 ? `<th rowspan="${party.candidates.length + (party.vacant ? 1 : 0)}" scope="rowgroup">${label}<br><small>${party.seats} · ${how}</small></th>` : ''}` +
        `<td class="num">${person.list_position}</td><td>${esc(nameOf(person.name, person.id))}${person.placeholder ? ` <small>(${esc(t('placeholder'))})</small>` : ''}</td></tr>`,
    );
    if (party.vacant) {
      people.push(
        `<tr>${party.candidates.length === 0 ? `<th scope="rowgroup">${label}<br><small>${party.seats} · ${how}</small></th>` : ''}` +
          `<td class="num">—</td><td><em>${esc(t('vacantSeats'))}: ${party.vacant}</em></td></tr>`,
      );
    }
    return people;
  });
  return `<h3 data-l="electedDeputies">${esc(t('electedDeputies'))}</h3>
    <table class="elected" id="elected-table"><thead><tr><th>${esc(t('party'))}</th><th>${esc(t('listPosition'))}</th><th>${esc(t('deputy'))}</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table>`;
}
