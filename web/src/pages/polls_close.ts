// When each region's polls close, on the region's own clock with its zone named (the definition's
// polls_close is in the reference time, the root's zone: Astana time for Kazakhstan), and which
// zones the night's times are in: shown on the turnout page, whose report times ("10:00") are
// each station's local time.
import type { Context } from '../context';
import { esc, link } from '../dom';
import { zoneName } from '../format';
import { nameOf, t, tf } from '../i18n';
import { pollsCloseName } from '../local_time';

// "Times are each station's local time: GMT+6; GMT+5 in Aktobe Region, ..." (one zone: named).
export function zonesNoteHtml(ctx: Context): string {
  const { regions, date } = ctx.election;
  const reference = ctx.election.time_zone;
  const byZone = new Map<string, string[]>();
  for (const region of regions) {
    const zone = zoneName(region.time_zone ?? reference, date);
    byZone.set(zone, [...(byZone.get(zone) ?? []), nameOf(region.name, region.id)]);
  }
  if (byZone.size === 0) return '';
  const main = zoneName(reference, date);
  const others = [...byZone.entries()].filter(([zone]) => zone !== main);
  const text = others.length
    ? tf('timesLocalZones', { main, others: others.map(([zone, names]) => `${zone}: ${names.join(', ')}`).join('; ') })
    : tf('timesLocalZone', { zone: main });
  return `<p class="note" id="turnout-zones">${esc(text)}</p>`;
}

// A table of the regions' closing times (only when the definition gives them).
export function pollsCloseHtml(ctx: Context): string {
  const { regions, date } = ctx.election;
  const rows = regions
    .filter((region) => region.polls_close)
    .map(
      (region) =>
        `<tr data-region="${esc(region.id)}"><td><a href="${link.unit(region.id)}">${esc(nameOf(region.name, region.id))}</a></td>` +
        `<td class="num polls-close">${esc(pollsCloseName(region.polls_close!, ctx.election.time_zone, region.time_zone, date))}</td></tr>`,
    );
  if (!rows.length) return '';
  return (
    `<section class="card wide" id="polls-close"><h2>${esc(t('pollsClose'))}</h2><div class="scroll"><table>` +
    `<thead><tr><th scope="col">${esc(t('region'))}</th><th scope="col" class="num">${esc(t('time'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`
  );
}
