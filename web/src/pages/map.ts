// The cartogram of the 20 regions and cities (tile_map.ts): coloured by the leading list, or by
// turnout through the day, from the stations' turnout reports at a chosen time (a slider, before
// the protocols arrive) or from the counted protocols; a tile opens its region.
import { api, type Turnout, type UnitRow } from '../api';
import type { Context } from '../context';
import { el, esc, skeleton } from '../dom';
import { formatNumber, formatPercent, nameOf, t, tf } from '../i18n';
import { drawTileMap, tileLegendHtml, turnoutPercent, type TileMode, type TileValue } from '../tile_map';

let mode: TileMode = 'leader';
let chosenTime: string | undefined; // a turnout report's time, or 'protocols'; undefined: the latest there is

export async function renderMap(root: HTMLElement, ctx: Context): Promise<void> {
  const contest = ctx.mainContest;
  const regions = ctx.election.regions;
  const [units, ...byRegion] = await Promise.all([
    api.units(ctx.election.cec, contest.id),
    ...(mode === 'turnout' ? regions.map((r) => api.turnout(r.id)) : []),
  ]);
  const turnoutOf = new Map<string, Turnout>((byRegion as Turnout[]).map((turnout, i) => [regions[i].id, turnout]));
  if (skeleton(
    root,
    'map',
    `<section class="card wide"><h2 data-l="map"></h2>
       <div class="switch" role="group" aria-labelledby="colour-by"><span id="colour-by" data-l="colourBy"></span>
         <button type="button" data-mode="leader" data-l="leader"></button><button type="button" data-mode="turnout" data-l="turnout"></button></div>
       <div class="tile-time" id="tile-time" hidden><label for="tile-time-range" id="tile-time-label"></label>
         <input type="range" id="tile-time-range" min="0" step="1"></div>
       <div class="tile-map" id="tiles"></div><div class="legend tile-legend" id="tile-legend"></div></section>`,
  )) {
    root.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((button) =>
      button.addEventListener('click', () => {
        mode = button.dataset.mode as TileMode;
        void renderMap(root, ctx);
      }),
    );
    el<HTMLInputElement>(root, '#tile-time-range').addEventListener('input', (event) => {
      const input = event.target as HTMLInputElement;
      chosenTime = (input.dataset.times ?? '').split('|')[Number(input.value)];
      void renderMap(root, ctx);
    });
  }
  root.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((b) => {
    b.classList.toggle('active', b.dataset.mode === mode);
    b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
  });

  // The times a turnout figure can be shown at: each report time, then the counted protocols.
  const counted = units.units.some((u) => (u.progress?.reported ?? 0) > 0);
  const reportTimes = [...(turnoutOf.values().next().value?.times ?? [])].map((time) => time.time);
  const times = [...reportTimes, 'protocols'];
  const reportedAt = (time: string) => [...turnoutOf.values()].some((turnout) => turnout.times.some((x) => x.time === time && x.reported > 0));
  const latest = counted ? 'protocols' : ([...reportTimes].reverse().find(reportedAt) ?? 'protocols');
  const time = chosenTime && times.includes(chosenTime) ? chosenTime : latest;
  const timeName = (at: string) => (at === 'protocols' ? t('countedProtocols') : at === 'close' ? t('reportClose') : at);

  const values = (row: UnitRow): TileValue => {
    if (mode === 'leader') return { leader: row.leader?.option, share: row.leader && row.valid ? formatPercent(row.leader.votes, row.valid, 1) : undefined };
    if (time === 'protocols') {
      const reported = (row.progress?.reported ?? 0) > 0;
      return { turnout: reported ? turnoutPercent(row.issued ?? 0, row.voters ?? 0) : null };
    }
    const figure = turnoutOf.get(row.id)?.times.find((x) => x.time === time);
    if (!figure || figure.reported === 0) return { turnout: null };
    return {
      turnout: turnoutPercent(figure.issued, figure.voters),
      reported: tf('tileReportsAt', { time: timeName(time), reported: formatNumber(figure.reported), expected: formatNumber(figure.expected) }),
    };
  };

  const slider = el(root, '#tile-time');
  slider.hidden = mode !== 'turnout';
  const range = el<HTMLInputElement>(root, '#tile-time-range');
  range.max = String(times.length - 1);
  range.value = String(times.indexOf(time));
  range.dataset.times = times.join('|');
  range.setAttribute('aria-valuetext', timeName(time));
  el(root, '#tile-time-label').textContent = `${t('turnoutAt')}: ${timeName(time)}`;

  const rows = units.units.filter((row) => regions.some((r) => r.id === row.id));
  drawTileMap(el(root, '#tiles'), ctx.election, rows, mode, (n) => nameOf(n), values);
  el(root, '#tile-legend').innerHTML =
    (mode === 'turnout' ? `<span>${esc(t('turnout'))} (${esc(timeName(time))}):</span>` : '') + tileLegendHtml(ctx.election, rows, mode, values);
}
