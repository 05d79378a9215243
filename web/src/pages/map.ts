// The tile map of the 20 regions and cities in their rough places, coloured by the leading
// list or by turnout; a tile opens the region.
import { api } from '../api';
import { drawTileMap, type TileMode } from '../charts';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { nameOf, t } from '../i18n';

let mode: TileMode = 'leader';

export async function renderMap(root: HTMLElement, ctx: Context): Promise<void> {
  const contest = ctx.mainContest;
  const units = await api.units(ctx.election.cec, contest.id);
  if (skeleton(
    root,
    'map',
    `<section class="card wide"><h2 data-l="map"></h2>
       <div class="switch" role="group"><span data-l="colourBy"></span>
         <button type="button" data-mode="leader" data-l="leader"></button><button type="button" data-mode="turnout" data-l="turnout"></button></div>
       <div class="chart tiles" id="tiles"></div><div class="legend" id="tile-legend"></div></section>`,
  )) {
    root.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((button) =>
      button.addEventListener('click', () => {
        mode = button.dataset.mode as TileMode;
        void renderMap(root, ctx);
      }),
    );
  }
  root.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((b) => b.classList.toggle('active', b.dataset.mode === mode));
  drawTileMap(el(root, '#tiles'), ctx.election, units.units, mode, (n) => nameOf(n), (id) => (location.hash = link.unit(id)));
  el(root, '#tile-legend').innerHTML =
    mode === 'leader'
      ? ctx.election.parties
          .filter((p) => units.units.some((u) => u.leader?.option === p.id))
          .map((p) => `<span><span class="swatch" style="background:${esc(p.color)}"></span>${esc(p.short_name)}</span>`)
          .join(' ')
      : esc(t('turnout'));
}
