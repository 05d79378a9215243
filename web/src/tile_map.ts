// The cartogram of regions: one square tile per region in its rough geographic place (a CSS grid
// of links, so every tile is focusable, announced by its name and value, and opened by Enter),
// coloured by the leading list or by turnout on a sequential scale. Square tiles never overlap:
// the grid gives each its own cell at any width. Colours are for display only.
import type { Election, UnitRow } from './api';
import './charts.css';
import { esc, link } from './dom';
import { formatNumber, formatPercentValue, nameOf, t, tf, type Names } from './i18n';
import { fitTileNames, tileName } from './tile_names';

// Rough places of the 17 regions and 3 cities of 2023 (column, row), north up. A region not
// listed (another definition) takes the next free cell after them, in definition order.
const places: Record<string, [number, number]> = {
  kostanay: [2, 0], 'north-kazakhstan': [3, 0], pavlodar: [5, 0],
  'west-kazakhstan': [0, 1], aktobe: [1, 1], akmola: [3, 1], astana: [4, 1], abai: [5, 1], 'east-kazakhstan': [6, 1],
  atyrau: [0, 2], ulytau: [2, 2], karaganda: [3, 2], zhetisu: [5, 2],
  mangystau: [0, 3], kyzylorda: [2, 3], turkistan: [3, 3], zhambyl: [4, 3], 'almaty-region': [5, 3],
  shymkent: [3, 4], 'almaty-city': [5, 4],
};
const columns = 7;

export type TileMode = 'leader' | 'turnout';

// A region's value for the chosen mode: the leader's party (leader mode) or a turnout share in
// percent with its source (turnout mode); null when nothing is known yet.
export type TileValue = { leader?: string; share?: string; turnout?: number | null; reported?: string };

// The turnout scale's ends (percent) and colours: a light and a dark blue, readable text on both.
export const turnoutScale = { low: 30, high: 90, from: [232, 241, 251], to: [16, 64, 128] } as const;

export function turnoutColour(percent: number): string {
  const k = Math.min(1, Math.max(0, (percent - turnoutScale.low) / (turnoutScale.high - turnoutScale.low)));
  const mix = turnoutScale.from.map((from, i) => Math.round(from + (turnoutScale.to[i] - from) * k));
  return `rgb(${mix.join(',')})`;
}

// Dark text on a light colour, white on a dark one (relative luminance, WCAG's formula).
function textOn(colour: string): string {
  let rgb: number[] = [];
  const hex = /^#([0-9a-f]{6})$/i.exec(colour);
  if (hex) rgb = [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  const fn = /^rgb\((\d+),(\d+),(\d+)\)$/.exec(colour);
  if (fn) rgb = fn.slice(1).map(Number);
  if (rgb.length !== 3) return '#111';
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.22 ? '#111' : '#fff';
}

// A party's short name, given as one text or by language.
function shortText(short: string | Names | undefined, name: Names): string {
  if (typeof short === 'string' && short) return short;
  if (short && typeof short === 'object') return nameOf(short);
  return nameOf(name);
}

export function drawTileMap(
  element: HTMLElement,
  election: Election,
  rows: UnitRow[],
  mode: TileMode,
  names: (n: Names) => string,
  values: (row: UnitRow) => TileValue,
): void {
  const colourOf = new Map(election.parties.map((p) => [p.id, p.color]));
  const shortOf = new Map(election.parties.map((p) => [p.id, shortText(p.short_names ?? p.short_name, p.name)]));
  const taken = new Set(rows.filter((r) => places[r.id]).map((r) => places[r.id].join(',')));
  let next = 0;
  const placeOf = (id: string): [number, number] => {
    if (places[id]) return places[id];
    while (taken.has(`${next % columns},${Math.floor(next / columns)}`)) next++;
    const place: [number, number] = [next % columns, Math.floor(next / columns)];
    taken.add(place.join(','));
    return place;
  };
  const tiles = rows.map((row) => {
    const [x, y] = placeOf(row.id);
    const value = values(row);
    const full = names(row.name);
    let colour = 'var(--tile-empty, #e2e6ea)';
    let text = '—';
    let spoken = t('noDataYet');
    if (mode === 'leader' && value.leader) {
      colour = colourOf.get(value.leader) ?? '#8c8c8c';
      text = shortOf.get(value.leader) || value.leader;
      spoken = `${t('leader')}: ${text}${value.share ? ` ${value.share}` : ''}`;
    } else if (mode === 'turnout' && value.turnout != null) {
      colour = turnoutColour(value.turnout);
      text = formatPercentValue(value.turnout, 1);
      spoken = `${t('turnout')}: ${formatPercentValue(value.turnout, 2)}`;
    }
    const reported = row.progress ? tf('tileReported', { reported: formatNumber(row.progress.reported), expected: formatNumber(row.progress.expected) }) : '';
    // The name read out starts with the words shown on the tile, so speech users can say them (axe label-content-name-mismatch);
    // with the same soft hyphens as the tile (readers skip them; axe compares them as characters).
    const shown = [tileName(row.id, full), text, mode === 'leader' ? value.share : undefined].filter(Boolean).join(' '); // the words on the tile
    const label = [shown, full, spoken, value.reported ?? reported].filter(Boolean).join('; ');
    const ink = colour.startsWith('var(') ? 'var(--ink)' : textOn(colour);
    return (
      `<div role="listitem" class="tile-cell" style="grid-column:${x + 1};grid-row:${y + 1}">` +
      `<a class="tile${mode === 'leader' && value.share ? ' has-share' : ''}" href="${link.unit(row.id)}" data-unit="${esc(row.id)}" aria-label="${esc(label)}" title="${esc(label)}" style="background:${colour};color:${ink}">` +
      `<span class="tile-name" aria-hidden="true">${esc(tileName(row.id, full))}</span> <span class="tile-value" aria-hidden="true">${esc(text)}</span>${mode === 'leader' && value.share ? ` <span class="tile-share" aria-hidden="true">${esc(value.share)}</span>` : ''}</a></div>`
    );
  });
  element.innerHTML = `<div class="tile-grid" role="list">${tiles.join('')}</div>`;
  fitTileNames(element);
  element.dataset.tiles = String(tiles.length);
}

// The legend: the parties that lead somewhere (with their number of regions), or the turnout
// scale from its low to its high end.
export function tileLegendHtml(election: Election, rows: UnitRow[], mode: TileMode, values: (row: UnitRow) => TileValue): string {
  if (mode === 'leader') {
    const leads = new Map<string, number>();
    for (const row of rows) {
      const leader = values(row).leader;
      if (leader) leads.set(leader, (leads.get(leader) ?? 0) + 1);
    }
    if (leads.size === 0) return `<span>${esc(t('noDataYet'))}</span>`;
    return election.parties
      .filter((p) => leads.has(p.id))
      .map((p) => `<span><span class="swatch" style="background:${esc(p.color)}"></span>${esc(shortText(p.short_names ?? p.short_name, p.name))}: ${esc(tf('regionsLed', { count: formatNumber(leads.get(p.id)!) }))}</span>`)
      .join(' ');
  }
  const steps = [0, 0.25, 0.5, 0.75, 1].map((k) => turnoutColour(turnoutScale.low + k * (turnoutScale.high - turnoutScale.low)));
  return (
    `<span class="scale-end">≤ ${esc(formatPercentValue(turnoutScale.low, 0))}</span>` +
    `<span class="scale" style="background:linear-gradient(to right, ${steps.join(', ')})" aria-hidden="true"></span>` +
    `<span class="scale-end">≥ ${esc(formatPercentValue(turnoutScale.high, 0))}</span>` +
    `<span><span class="swatch" style="background:var(--tile-empty, #e2e6ea)"></span>${esc(t('noDataYet'))}</span>`
  );
}

// Turnout in percent of `issued` of `voters`, or null without voters.
export function turnoutPercent(issued: number, voters: number): number | null {
  return voters > 0 ? (100 * issued) / voters : null;
}
