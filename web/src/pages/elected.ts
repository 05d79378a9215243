// The elected deputies of a party-list contest: for each party with seats, the persons who
// took them (list order or the party's own choice), their place on the list, and the seats
// left vacant when a list ran out. From the outcome's "elected" member (docs/json-output.md).
// A data table (table.ts): a row per seat, sortable by party, place or name, filtered and
// downloaded with the parties' and persons' names in the page's language.
import type { Context } from '../context';
import type { ContestInfo, Elected } from '../api';
import { esc } from '../dom';
import { formatNumber, nameOf, t } from '../i18n';
import { renderTable } from '../table';

// One seat: a person who took it, or a party's seats left vacant (person absent).
type Seat = { party: Elected; label: string; person?: Elected['candidates'][number] };

function seats(ctx: Context, contest: ContestInfo, elected: Elected[]): Seat[] {
  return elected.flatMap((party) => {
    const label = ctx.optionLabel(contest, party.option);
    const rows: Seat[] = party.candidates.map((person) => ({ party, label, person }));
    if (party.vacant) rows.push({ party, label });
    return rows;
  });
}

// Draws the table into `host` (its heading once); nothing when no one is elected yet.
export function renderElected(host: HTMLElement, elected: Elected[] | undefined, contest: ContestInfo, ctx: Context): void {
  if (!elected?.length) {
    host.replaceChildren();
    return;
  }
  if (!host.querySelector('#elected-host')) host.innerHTML = `<h3 data-l="electedDeputies">${esc(t('electedDeputies'))}</h3><div id="elected-host"></div>`;
  const how = (s: Seat) => t(s.party.designated ? 'namedByParty' : 'inListOrder');
  const name = (s: Seat) => (s.person ? nameOf(s.person.name, s.person.id) : `${t('vacantSeats')}: ${formatNumber(s.party.vacant)}`);
  renderTable<Seat>(host.querySelector<HTMLElement>('#elected-host')!, {
    id: 'elected-table',
    file: `${contest.id}-elected`,
    empty: '—',
    pageSize: 100, // the Mazhilis' 69 list seats on one page
    rows: seats(ctx, contest, elected),
    rowAttrs: (s) => ` data-option="${esc(s.party.option)}"${s.person ? ` data-candidate="${esc(s.person.id)}"` : ' data-vacant="true"'}`,
    filterText: (s) => `${s.party.option} ${s.person?.id ?? ''}`,
    columns: [
      // The party alone on each row (its seats are its rows); said only when the party named its deputies.
      { label: t('party'), value: (s) => s.label, html: (s) => `${esc(s.label)}${s.party.designated ? ` <small>(${esc(how(s))})</small>` : ''}` },
      { label: t('listPosition'), num: true, value: (s) => s.person?.list_position },
      {
        label: t('deputy'),
        value: name,
        html: (s) =>
          s.person
            ? `${esc(name(s))}${s.person.placeholder ? ` <small>(${esc(t('placeholder'))})</small>` : ''}`
            : `<em>${esc(name(s))}</em>`,
      },
    ],
    record: (s) => ({
      option: s.party.option,
      party: s.label,
      party_seats: s.party.seats,
      chosen: s.party.designated ? 'by_party' : 'list_order',
      list_position: s.person?.list_position ?? null,
      candidate: s.person?.id ?? null,
      name: s.person ? nameOf(s.person.name, s.person.id) : null,
      placeholder: s.person?.placeholder ?? false,
      vacant: s.person ? 0 : s.party.vacant,
    }),
  });
}
