// The embeddable widget (web/embed.html, served at /embed?contest=ID&lang=kk|ru|en): one
// contest's national result for a news site's <iframe> — the votes bar, each option's votes,
// share and seats marked "leading" while the count may still change and "won" once the server
// says so, the stations reported, a link back to the full results, live updates from the event
// stream. No navigation and no chart library: a few kilobytes.
import './embed.css';
import { api, type ContestInfo, type Election, type Results } from '../api';
import { esc } from '../dom';
import { formatDecimal, formatNumber, lang, nameOf, setLang, t, type Lang } from '../i18n';
import { followEvents } from '../live';
import { seatsWon } from '../pages/protocol_figures';

const params = new URLSearchParams(location.search);
const wanted = params.get('lang');
// The widget's language is the embedding site's choice for this frame only: the reader's own
// choice on the dashboard (kept in localStorage, which a frame of the same site shares) stays.
if (wanted && ['kk', 'ru', 'en'].includes(wanted)) {
  const kept = localStorage.getItem('saylau.lang');
  setLang(wanted as Lang);
  if (kept === null) localStorage.removeItem('saylau.lang');
  else localStorage.setItem('saylau.lang', kept);
}
const root = document.getElementById('embed')!;

function chooseContest(election: Election): ContestInfo | undefined {
  const asked = params.get('contest');
  if (asked) return election.contests.find((c) => c.id === asked);
  const national = election.contests.filter((c) => c.unit === election.cec);
  return national.find((c) => c.kind === 'party_list') ?? national[0] ?? election.contests[0];
}

function colorOf(election: Election, contest: ContestInfo, id: string, index: number): string {
  const option = contest.options.find((o) => o.id === id);
  const party = election.parties.find((p) => p.id === (option?.party || id));
  return party?.color || ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'][index % 8];
}

function labelOf(election: Election, contest: ContestInfo, id: string): string {
  const party = election.parties.find((p) => p.id === id);
  return (party && nameOf(party.short_names, party.short_name)) || party?.short_name || nameOf(contest.options.find((o) => o.id === id)?.name, id);
}

function draw(election: Election, contest: ContestInfo, results: Results): void {
  const outcome = results.outcome;
  const shares = outcome?.options ?? [];
  const base = outcome?.base?.total ?? results.totals.valid ?? 0;
  const rows = contest.options
    .map((o, i) => ({ id: o.id, votes: results.totals[o.id] ?? 0, color: colorOf(election, contest, o.id, i), seats: shares.find((s) => s.option === o.id)?.seats ?? 0 }))
    .sort((a, b) => b.votes - a.votes);
  const withSeats = (outcome?.seats_total ?? 0) > 0;
  const won = seatsWon(results);
  const percent = (votes: number) => formatDecimal(base > 0 ? (100 * votes) / base : 0, 1);
  const bar = rows
    .filter((r) => r.votes > 0 && base > 0)
    .map((r) => `<span style="width:${(100 * r.votes) / base}%;background:${esc(r.color)}" title="${esc(labelOf(election, contest, r.id))}"></span>`)
    .join('');
  const p = results.progress;
  root.innerHTML = `<h1 class="embed-title">${esc(nameOf(contest.name, contest.id))}</h1>
    <p class="embed-progress" id="embed-progress" data-reported="${p.reported}" data-expected="${p.expected}">${formatNumber(p.reported)} / ${formatNumber(p.expected)} ${esc(t('reported'))} · <b id="embed-state" data-won="${won}">${esc(t(won ? 'embedWon' : 'embedLeading'))}</b></p>
    <div class="embed-bar" role="presentation">${bar}</div>
    <table class="embed-table" id="embed-table"><thead><tr><th>${esc(t('protocolOptionCol'))}</th><th class="num">${esc(t('votes'))}</th><th class="num">%</th>${withSeats ? `<th class="num">${esc(t('seats'))}</th>` : ''}</tr></thead><tbody>
    ${rows
      .map(
        (r) => `<tr data-option="${esc(r.id)}"><td><span class="swatch" style="background:${esc(r.color)}"></span>${esc(labelOf(election, contest, r.id))}</td>` +
          `<td class="num" data-votes="${r.votes}">${formatNumber(r.votes)}</td><td class="num">${percent(r.votes)}</td>` +
          `${withSeats ? `<td class="num seats ${won ? 'won' : 'leading'}" data-seats="${r.seats}">${r.seats}</td>` : ''}</tr>`,
      )
      .join('')}</tbody></table>
    <p class="embed-foot"><a id="embed-link" href="${esc(`${location.origin}/#/contest/${encodeURIComponent(contest.id)}`)}" target="_blank" rel="noopener">${esc(t('embedFull'))} →</a> · saylau</p>`;
  root.dataset.ready = '1';
}

async function start(): Promise<void> {
  document.documentElement.lang = lang();
  try {
    const election = await api.election();
    const contest = chooseContest(election);
    if (!contest) throw new Error(`no contest ${params.get('contest') ?? ''}`);
    const refresh = async () => draw(election, contest, await api.results(contest.id));
    await refresh();
    followEvents(() => void refresh().catch(() => undefined), () => undefined);
  } catch (error) {
    root.innerHTML = `<p class="embed-error" role="alert">${esc(String(error))}</p>`;
  }
}

void start();
