// The observers' statistics page: the whole-percent test (turnout, result, either against the
// exact null) as a table, turnout and the leader's result in 0.1 % steps, the election
// fingerprint (turnout across, result up, log colour bar), turnout by region, the digit tests,
// a published PVT or exit poll beside the live official shares with its 95 % intervals, and the
// projected seats' distribution. The numbers come from the server's forensics of the live count
// (the same code as `saylau forensics`, with the papers' presets) and from the estimate it was
// started with (`saylau serve --pvt`). Every chart has a sentence or a table beside it.
import { api, type Forensics, type ForensicsPreset, type PvtEstimate, type WholePercentCount } from '../api';
import { drawFingerprintMap, drawIntervals, drawSeatDistribution, drawTenthsHistogram } from '../charts';
import type { Context } from '../context';
import { el, esc, skeleton } from '../dom';
import { renderTable } from '../table';
import { formatDecimal, formatNumber, formatPercentValue, lang, nameOf, t, tf, type Label } from '../i18n';

type Weight = 'stations' | 'voters';
// Kept across live updates and language changes.
const state: { preset: ForensicsPreset; tenths: Weight; fingerprint: Weight } = { preset: 'kobak2016', tenths: 'stations', fingerprint: 'stations' };

// Decimals as the page's language writes them (format.ts: a decimal comma in kk and ru).
const p = (value: number) => (value < 0.001 ? value.toExponential(1).replace('.', lang() === 'en' ? '.' : ',') : formatDecimal(value, 3));
const fixed = (value: number, digits = 1) => formatDecimal(value, digits);

function weightSwitch(id: string): string {
  return `<div class="switch" id="${id}" role="group"><button type="button" data-weight="stations" data-l="byStations"></button><button type="button" data-weight="voters" data-l="byVoters"></button></div>`;
}

function markSwitch(root: HTMLElement, selector: string, attribute: string, value: string): void {
  el(root, selector).querySelectorAll<HTMLButtonElement>('button').forEach((button) => {
    const on = button.dataset[attribute] === value;
    button.classList.toggle('active', on);
    button.setAttribute('aria-pressed', String(on));
  });
}

function wholePercentTable(root: HTMLElement, forensics: Forensics): void {
  const ip = forensics.integer_percent;
  const row = (label: Label, c: WholePercentCount, key: string) =>
    `<tr data-count="${key}"><th scope="row">${esc(t(label))}</th><td class="num">${formatNumber(c.observed)}</td><td class="num">${fixed(c.expected)}</td>` +
    `<td class="num">${c.excess >= 0 ? '+' : ''}${fixed(c.excess)}</td><td class="num">${p(c.p_value)}</td></tr>`;
  el(root, '#whole-percent-table').innerHTML =
    `<thead><tr><th scope="col">${esc(t('count'))}</th><th scope="col" class="num">${esc(t('observedCount'))}</th><th scope="col" class="num">${esc(t('expected'))}</th>` +
    `<th scope="col" class="num">${esc(t('excess'))}</th><th scope="col" class="num">${esc(t('pValue'))}</th></tr></thead><tbody>` +
    row('turnout', ip.turnout, 'turnout') + row('leaderResult', ip.result, 'result') + row('either', ip.either, 'either') + '</tbody>';
  const left = Object.values(forensics.left_out).reduce((a, b) => a + b, 0);
  el(root, '#whole-percent-note').textContent = tf('wholePercentNote', { kept: formatNumber(forensics.stations), left: formatNumber(left) });
}

function drawTenths(root: HTMLElement, forensics: Forensics, leader: string): void {
  const ip = forensics.integer_percent;
  const voters = state.tenths === 'voters';
  const unit = t(voters ? 'byVoters' : 'byStations').toLowerCase();
  const alt: string[] = [];
  const panel = (selector: string, tenths: number[], what: string, axis: string) => {
    drawTenthsHistogram(el(root, selector), tenths, axis, unit);
    const total = tenths.reduce((a, b) => a + b, 0);
    const whole = tenths.reduce((a, b, i) => a + (i % 10 === 0 && i > 0 && i < 1000 ? b : 0), 0);
    let peak = 1;
    for (let i = 1; i < 1000; i++) if (tenths[i] > tenths[peak]) peak = i;
    const ends = `0 %: ${formatNumber(tenths[0] ?? 0)}, 100 %: ${formatNumber(tenths[1000] ?? 0)}`;
    const sentence = tf('tenthsAlt', { what, total: formatNumber(total), unit, whole: formatNumber(whole), peak: fixed(peak / 10, 1), ends });
    el(root, selector).setAttribute('aria-label', sentence);
    alt.push(sentence);
  };
  panel('#integer-percent', voters ? ip.turnout_tenths_voters : ip.turnout_tenths, t('turnout'), t('turnoutAxis'));
  panel('#result-tenths', voters ? ip.leader_tenths_voters : ip.leader_tenths, `${t('leaderResult')} (${leader})`, t('resultAxis'));
  el(root, '#tenths-alt').textContent = alt.join(' ');
  markSwitch(root, '#tenths-weight', 'weight', state.tenths);
}

function drawFingerprint(root: HTMLElement, forensics: Forensics): void {
  const f = forensics.fingerprint;
  const voters = state.fingerprint === 'voters';
  const cells = voters ? f.voters : f.stations;
  const unit = t(voters ? 'byVoters' : 'byStations').toLowerCase();
  drawFingerprintMap(el(root, '#fingerprint'), f.bins, cells, { x: t('turnoutAxis'), y: t('resultAxis'), unit });
  let densest = 0;
  cells.forEach((c, i) => {
    if (c > cells[densest]) densest = i;
  });
  let high = 0;
  cells.forEach((c, i) => {
    if (Math.floor(i / f.bins) > 80 && i % f.bins > 80) high += c;
  });
  const sentence = tf('fingerprintAlt', {
    total: formatNumber(cells.reduce((a, b) => a + b, 0)),
    unit,
    t: Math.floor(densest / f.bins),
    r: densest % f.bins,
    most: formatNumber(cells[densest] ?? 0),
    high: formatNumber(high),
  });
  el(root, '#fingerprint').setAttribute('aria-label', sentence);
  el(root, '#fingerprint-alt').textContent = sentence;
  markSwitch(root, '#fingerprint-weight', 'weight', state.fingerprint);
}

// The region's name in the page's language from the definition, else the report's.
function regionTable(root: HTMLElement, ctx: Context, forensics: Forensics): void {
  const regionName = (r: Forensics['regions'][number]) => nameOf(ctx.election.regions.find((region) => region.id === r.region)?.name, r.name || r.region);
  type Region = Forensics['regions'][number];
  renderTable<Region>(el(root, '#regions-host'), {
    id: 'regions-table',
    file: `${forensics.contest}-turnout-by-region`,
    empty: '—',
    rows: forensics.regions,
    rowAttrs: (r) => ` data-region="${esc(r.region)}"`,
    columns: [
      { label: t('regions'), value: regionName },
      { label: t('byStations'), num: true, value: (r) => r.stations },
      { label: 'p10', num: true, value: (r) => r.p10, html: (r) => fixed(r.p10) },
      { label: t('median'), num: true, value: (r) => r.median, html: (r) => fixed(r.median) },
      { label: 'p90', num: true, value: (r) => r.p90, html: (r) => fixed(r.p90) },
    ],
    record: (r: Region) => ({ region: r.region, region_name: regionName(r), stations: r.stations, turnout_p10: r.p10, turnout_median: r.median, turnout_p90: r.p90 }),
  });
}

function showEstimate(root: HTMLElement, ctx: Context, pvt: PvtEstimate | null): void {
  const pvtSummary = el(root, '#pvt-summary');
  if (!pvt) {
    pvtSummary.textContent = t('noEstimate');
    el(root, '#pvt-intervals').dataset.empty = 'true';
    el(root, '#pvt-howto').textContent = '';
    el(root, '#seat-card').hidden = true;
    return;
  }
  delete el(root, '#pvt-intervals').dataset.empty;
  const option = (id: string) => nameOf(ctx.election.contests.find((c) => c.id === pvt.contest)?.options.find((o) => o.id === id)?.name, id);
  const official = new Map(pvt.comparison.map((c) => [c.option, c]));
  const outside = pvt.comparison.filter((c) => !c.inside);
  pvtSummary.dataset.outside = String(outside.length);
  const outsideText = outside.length ? outside.map((c) => `${option(c.option)} ${c.outside_by > 0 ? '+' : ''}${fixed(100 * c.outside_by, 2)}`).join(', ') : t('none');
  const exitPoll = pvt.design_effect !== undefined;
  if (exitPoll) {
    const values = {
      source: t('exitPollSource'),
      n: formatNumber(pvt.interviews ?? 0),
      stations: formatNumber(pvt.stations ?? 0),
      deff: fixed(pvt.design_effect ?? 1),
      neff: formatNumber(Math.round(pvt.effective_interviews ?? 0)),
      m: formatNumber(Math.round(pvt.interviews_per_station ?? 0)),
      outside: outsideText,
    };
    pvtSummary.textContent = tf('exitPollDesign', values);
    el(root, '#pvt-howto').textContent = tf('exitPollHowTo', values);
  } else {
    pvtSummary.textContent = `${pvt.source} · ${pvt.stations_used} / ${pvt.stations_sampled} · ${outside.length ? outsideText : '✓ 95 %'}`;
    el(root, '#pvt-howto').textContent = t('pvtHowTo');
  }
  const info = ctx.contest(pvt.contest);
  const short = (id: string) => (info ? ctx.optionLabel(info, id) : id);
  const rows = pvt.shares.map((s) => ({
    name: option(s.option),
    short: short(s.option),
    low: 100 * s.low,
    high: 100 * s.high,
    estimate: 100 * s.share,
    official: official.has(s.option) ? 100 * official.get(s.option)!.official : null,
  }));
  drawIntervals(el(root, '#pvt-intervals'), rows.map((r) => ({ ...r, name: r.short })));
  el(root, '#pvt-table').innerHTML =
    `<thead><tr><th scope="col">${esc(t('party'))}</th><th scope="col" class="num">${esc(t('published'))}</th><th scope="col" class="num">95 %</th><th scope="col" class="num">${esc(t('officialLive'))}</th></tr></thead><tbody>` +
    rows
      .map((r) => `<tr><td>${esc(r.name)}</td><td class="num">${fixed(r.estimate, 2)}</td><td class="num">${fixed(r.low, 2)}–${fixed(r.high, 2)}</td><td class="num">${r.official == null ? '—' : fixed(r.official, 2)}</td></tr>`)
      .join('') +
    '</tbody>';
  el(root, '#seat-card').hidden = !pvt.projection;
  if (pvt.projection) {
    const projection = pvt.projection;
    el(root, '#seat-summary').textContent = projection.lists
      .filter((l) => l.pass_probability > 0)
      .map((l) => `${option(l.option)}: ${l.seats_median} (${l.seats_low}–${l.seats_high}), P(5 %) ${formatPercentValue(100 * l.pass_probability, 0)}`)
      .join(' · ');
    const color = (id: string) => ctx.election.parties.find((party) => party.id === id)?.color || undefined;
    drawSeatDistribution(
      el(root, '#seat-distribution'),
      projection.lists.filter((l) => l.pass_probability > 0).map((l) => ({ name: option(l.option), color: color(l.option), histogram: l.seat_histogram })),
      projection.draws,
    );
  }
}

export async function renderStatistics(root: HTMLElement, ctx: Context): Promise<void> {
  const contest = ctx.mainContest;
  const [forensics, pvt] = await Promise.all([api.forensics(contest.id, state.preset), api.pvt().catch(() => null)]);
  const built = skeleton(
    root,
    'statistics',
    `<section class="card wide"><h2 data-l="wholePercentTest"></h2>` +
      `<div class="switch" id="preset" role="group"><span data-l="preset"></span><button type="button" data-preset="kobak2016">Kobak 2016</button><button type="button" data-preset="klimek2012">Klimek 2012</button></div>` +
      `<p id="forensics-summary"></p><div class="scroll"><table id="whole-percent-table" style="font-size: 0.72rem"></table></div><p class="note" id="whole-percent-note"></p><p class="note" id="digit-tests"></p></section>` +
      `<section class="card wide"><h2 data-l="tenthsTitle"></h2>${weightSwitch('tenths-weight')}` +
      `<div id="integer-percent" class="chart stats" role="img"></div><div id="result-tenths" class="chart stats" role="img"></div><p class="note" id="tenths-alt"></p></section>` +
      `<section class="card wide"><h2 data-l="fingerprint"></h2>${weightSwitch('fingerprint-weight')}<div id="fingerprint" class="chart stats tall" role="img"></div><p class="note" id="fingerprint-alt"></p></section>` +
      `<section class="card wide"><h2 data-l="regionTurnout"></h2><div id="regions-host"></div></section>` +
      `<section class="card wide"><h2 data-l="pvtComparison"></h2><p id="pvt-summary"></p><div id="pvt-intervals" class="chart stats"></div>` +
      `<div class="scroll"><table id="pvt-table"></table></div><p class="note" id="pvt-howto"></p></section>` +
      `<section class="card wide" id="seat-card"><h2 data-l="seatChances"></h2><p id="seat-summary"></p><div id="seat-distribution" class="chart stats"></div></section>`,
  );
  const leader = nameOf(contest.options.find((o) => o.id === forensics.leader)?.name, forensics.leader);
  if (built) {
    el(root, '#preset').addEventListener('click', (event) => {
      const preset = (event.target as HTMLElement).closest<HTMLButtonElement>('button')?.dataset.preset as ForensicsPreset | undefined;
      if (!preset || preset === state.preset) return;
      state.preset = preset;
      void renderStatistics(root, ctx);
    });
    for (const [selector, key] of [['#tenths-weight', 'tenths'], ['#fingerprint-weight', 'fingerprint']] as const) {
      el(root, selector).addEventListener('click', (event) => {
        const weight = (event.target as HTMLElement).closest<HTMLButtonElement>('button')?.dataset.weight as Weight | undefined;
        if (!weight) return;
        state[key] = weight;
        const latest = (root as HTMLElement & { forensics?: Forensics }).forensics;
        if (!latest) return;
        if (key === 'tenths') drawTenths(root, latest, leader);
        else drawFingerprint(root, latest);
      });
    }
  }
  (root as HTMLElement & { forensics?: Forensics }).forensics = forensics;
  markSwitch(root, '#preset', 'preset', state.preset);

  const summary = el(root, '#forensics-summary');
  summary.dataset.flagged = String(forensics.flagged);
  summary.innerHTML =
    `<b>${esc(t(forensics.flagged ? 'flaggedForensics' : 'notFlagged'))}</b> · ${esc(leader)}` +
    (forensics.reasons.length ? `<br>${forensics.reasons.map(esc).join('<br>')}` : '');
  wholePercentTable(root, forensics);
  el(root, '#digit-tests').textContent = tf('digitTests', {
    ld: fixed(forensics.last_digit.chi_squared, 1),
    ldp: p(forensics.last_digit.p_value),
    sd: fixed(forensics.second_digit.chi_squared, 1),
    sdp: p(forensics.second_digit.p_value),
    mean: fixed(forensics.second_digit.mean, 3),
    bmean: fixed(forensics.second_digit.benford_mean, 3),
    r: fixed(forensics.association.correlation, 3),
    rp: p(forensics.association.p_value),
  });
  drawTenths(root, forensics, leader);
  drawFingerprint(root, forensics);
  regionTable(root, ctx, forensics);
  showEstimate(root, ctx, pvt);
}
