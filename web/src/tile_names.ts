// The short names on the map's tiles (tile_map.ts, the Senate's sitting tiles): a phone's tile is
// about 45 px wide, room for six or seven letters a line and two lines, where the definition's
// names ("Западно-Казахстанская область") were broken mid-word with no hyphen. Each name is
// written with its breaks ("|": a soft hyphen, so a word is only ever split at a syllable and
// the line ends in a hyphen) and is short enough for two lines; the three long "Kazakhstan"
// regions by the abbreviation used in Kazakhstan (СҚО, СКО). The full name stays the tile's
// title and accessible name. Regions of other definitions fall back to the name without its
// "Region" word. A name still too wide or tall for its tile (a 360 px phone) is drawn a little
// smaller (fitTileNames), down to three quarters of the tile's size.
import { lang, type Names } from './i18n';

const names: Record<string, Names> = {
  kostanay: { kk: 'Қос|та|най', ru: 'Кос|та|най', en: 'Kos|ta|nay' },
  'north-kazakhstan': { kk: 'СҚО', ru: 'СКО', en: 'North Kaz.' },
  pavlodar: { kk: 'Пав|ло|дар', ru: 'Пав|ло|дар', en: 'Pav|lo|dar' },
  'west-kazakhstan': { kk: 'БҚО', ru: 'ЗКО', en: 'West Kaz.' },
  aktobe: { kk: 'Ақ|тө|бе', ru: 'Ак|то|бе', en: 'Ak|to|be' },
  akmola: { kk: 'Ақ|мо|ла', ru: 'Ак|мо|ла', en: 'Ak|mo|la' },
  astana: { kk: 'Ас|та|на', ru: 'Ас|та|на', en: 'As|ta|na' },
  abai: { kk: 'Абай', ru: 'Абай', en: 'Abai' },
  'east-kazakhstan': { kk: 'ШҚО', ru: 'ВКО', en: 'East Kaz.' },
  atyrau: { kk: 'Аты|рау', ru: 'Аты|рау', en: 'Aty|rau' },
  ulytau: { kk: 'Ұлы|тау', ru: 'Ұлы|тау', en: 'Uly|tau' },
  karaganda: { kk: 'Қара|ғанды', ru: 'Кара|ганда', en: 'Kara|ganda' },
  zhetisu: { kk: 'Же|ті|су', ru: 'Же|ті|су', en: 'Zhe|ti|su' },
  mangystau: { kk: 'Маң|ғыс|тау', ru: 'Ман|гис|тау', en: 'Man|gys|tau' },
  kyzylorda: { kk: 'Қызыл|орда', ru: 'Кызыл|орда', en: 'Kyzyl|orda' },
  turkistan: { kk: 'Түр|кі|стан', ru: 'Тур|ке|стан', en: 'Tur|ki|stan' },
  zhambyl: { kk: 'Жам|был', ru: 'Жам|был', en: 'Zham|byl' },
  'almaty-region': { kk: 'Алматы обл.', ru: 'Алм. обл.', en: 'Almaty Reg.' },
  shymkent: { kk: 'Шым|кент', ru: 'Шым|кент', en: 'Shym|kent' },
  'almaty-city': { kk: 'Ал|ма|ты', ru: 'Ал|ма|ты', en: 'Al|ma|ty' },
};

// The definition's name without its "Region" word ("Pavlodar" for "Pavlodar Region").
export function withoutRegionWord(name: string): string {
  return name
    .replace(/ (облысы|область|Region|region)$/u, '')
    .replace(/^(Область|область|город|Город) /u, '')
    .replace(/ (қаласы|city|City|\(city\))$/u, '');
}

// The tile's name of region `id` in the page's language, with soft hyphens at its breaks; `full`
// (the definition's name in that language) when the region has no short name here.
export function tileName(id: string, full: string): string {
  const short = names[id];
  return short ? short[lang()].replaceAll('|', '\u00ad') : withoutRegionWord(full);
}

// Each name of `selector` under `root` drawn at the largest of its own size, 90 %, 80 % or 75 %
// that fits its box (it hides its overflow: a word too wide would be cut). Again when the window
// is resized, for every tile on the page.
const fitted = '.tile-name, .sitting-tile b';
export function fitTileNames(root: ParentNode = document, selector = fitted): void {
  for (const name of root.querySelectorAll<HTMLElement>(selector)) {
    name.style.fontSize = '';
    for (const scale of [0.9, 0.8, 0.75]) {
      if (name.scrollWidth <= name.clientWidth && name.scrollHeight <= name.clientHeight) break;
      name.style.fontSize = `${scale}em`;
    }
  }
}

let resizing = 0;
addEventListener('resize', () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => fitTileNames());
});
