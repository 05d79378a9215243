// The results protocol of a contest at a unit (#/protocol/CONTEST/UNIT), laid out to print on
// A4 and be signed as the commission's protocol: the commission and contest, the protocol's
// lines summed over the unit, the votes of each option, the control relations checked on the
// sums, the seats and the elected, the certification stage, the log's tree head with a QR code
// of the page's own address (to compare the paper with the published count), and signature
// lines with blanks. `saylau report --pdf` prints this page with headless Chromium; it waits
// for #protocol[data-ready].
import QRCode from 'qrcode';
import { api, type ContestInfo, type Elected, type LogHead, type Results } from '../api';
import { bodiesApi } from '../bodies_api';
import type { Context } from '../context';
import { el, esc, skeleton } from '../dom';
import { formatNumber, formatPercent, formatPercentValue, lang, lineNames, nameOf, relationFormulas, setLang, t, tf, type Lang } from '../i18n';
import { protocolLines, relationChecks, seatsWon } from './protocol_figures';
import { decisionName } from '../outcome_names';

export const protocolLink = (contest: string, unit: string) => `#/protocol/${encodeURIComponent(contest)}/${encodeURIComponent(unit)}`;

// `?lang=kk|ru|en` in the address (as `saylau report --lang` opens it) chooses the language;
// when it changes it, the whole page (the header too) is drawn again once this drawing ends.
function languageFromAddress(): void {
  const wanted = new URLSearchParams(location.search).get('lang');
  if (!wanted || !['kk', 'ru', 'en'].includes(wanted) || wanted === lang()) return;
  setLang(wanted as Lang);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

// The results site's public address for the QR code: `?base=` (saylau report --public-url), else
// this page's; null with `?local=1` and no base (saylau report without --public-url serves the
// page on a loopback address, which a QR code on paper must not send anyone to).
function publicBase(): string | null {
  const params = new URLSearchParams(location.search);
  const base = params.get('base');
  if (base && /^https?:\/\/[^\s"'<>]+$/.test(base)) return base.replace(/\/+$/, '');
  return params.get('local') === '1' ? null : location.origin;
}

const lineLabel = (name: string) => nameOf(lineNames[name], name);

function linesHtml(contest: ContestInfo, results: Results): string {
  const rows = protocolLines(contest, results.totals).map(
    (line, i) => `<tr data-line="${esc(line.name)}"><td class="num">${i + 1}</td><td>${esc(lineLabel(line.name))}</td><td class="num figure">${formatNumber(line.value)}</td></tr>`,
  );
  return `<table class="protocol-table" id="protocol-lines"><thead><tr><th class="num">№</th><th>${esc(t('protocolLineCol'))}</th><th class="num">${esc(t('protocolFigureCol'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function optionsHtml(ctx: Context, contest: ContestInfo, results: Results): string {
  const shown = results.outcome?.options ?? [];
  const seatsOf = (id: string) => shown.find((o) => o.option === id)?.seats;
  const withSeats = shown.some((o) => o.seats > 0);
  const ids = [...contest.options.map((o) => o.id), ...(contest.against_all ? ['against_all'] : [])];
  const rows = ids.map((id, i) => {
    const label = id === 'against_all' ? lineLabel('against_all') : nameOf(contest.options.find((o) => o.id === id)?.name, ctx.optionLabel(contest, id));
    // The outcome's exact share at the contest's unit; below it, the share of the valid ballots (display only).
    const exact = shown.find((o) => o.option === id)?.percent;
    const percent = exact != null ? formatPercentValue(Number(exact)) : formatPercent(results.totals[id] ?? 0, results.totals.valid ?? 0);
    return `<tr data-option="${esc(id)}"><td class="num">${i + 1}</td><td>${esc(label)}</td><td class="num figure">${formatNumber(results.totals[id] ?? 0)}</td>` +
      `<td class="num">${esc(percent)}</td>${withSeats ? `<td class="num">${seatsOf(id) ?? ''}</td>` : ''}</tr>`;
  });
  return `<table class="protocol-table" id="protocol-options"><thead><tr><th class="num">№</th><th>${esc(t('protocolOptionCol'))}</th><th class="num">${esc(t('votes'))}</th>` +
    `<th class="num">%</th>${withSeats ? `<th class="num">${esc(t('seats'))}</th>` : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function relationsHtml(contest: ContestInfo, results: Results): string {
  const rows = relationChecks(contest, results.totals).map((check) => {
    const formula = relationFormulas[check.relation].map((term) => (term in lineNames ? lineLabel(term) : term)).join(' ');
    const mark = check.holds ? `✓ ${t('holds')}` : `✗ ${t('broken')}`;
    return `<tr data-relation="${esc(check.relation)}" data-holds="${check.holds}" class="${check.holds ? 'holds' : 'broken'}"><td>${esc(formula)}</td>` +
      `<td class="num">${formatNumber(Number(check.left))} ${check.op} ${formatNumber(Number(check.right))}</td><td class="mark">${esc(mark)}</td></tr>`;
  });
  return `<table class="protocol-table checks-table" id="protocol-relations"><thead><tr><th>${esc(t('protocolRelationCol'))}</th><th class="num">${esc(t('protocolFigureCol'))}</th><th>${esc(t('protocolStateCol'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function outcomeHtml(ctx: Context, contest: ContestInfo, results: Results, contestUnitName: string): string {
  const outcome = results.outcome;
  if (!outcome) return `<p class="note">${esc(tf('decidedAt', { unit: contestUnitName }))}</p>`;
  const parts: string[] = [];
  if (outcome.seats_total) {
    parts.push(`<p id="protocol-seat-state" data-won="${seatsWon(results)}"><b>${esc(t(seatsWon(results) ? 'seatsWonState' : 'seatsLeadingState'))}</b> · ${esc(t('seats'))}: ${formatNumber(outcome.seats_total)}</p>`);
  }
  const winners = outcome.winners.map((w) => nameOf(contest.options.find((o) => o.id === w)?.name, ctx.optionLabel(contest, w)));
  parts.push(`<p>${esc(t('decision'))}: <b>${esc(decisionName(outcome.decision))}</b>${winners.length && !outcome.seats_total ? ` · ${esc(t('winner'))}: <b>${esc(winners.join(', '))}</b>` : ''}</p>`);
  parts.push(electedHtml(ctx, contest, outcome.elected ?? []));
  return parts.join('');
}

// The elected, one row per list, the persons in the order they took the seats (compact, so a
// chamber's protocol stays on a few pages; the contest page has the full table).
function electedHtml(ctx: Context, contest: ContestInfo, elected: Elected[]): string {
  if (!elected.length) return '';
  const rows = elected.map((list) => {
    const people = list.candidates.map((person) => `${person.list_position}. ${esc(nameOf(person.name, person.id))}`);
    if (list.vacant) people.push(`<em>${esc(t('vacantSeats'))}: ${list.vacant}</em>`);
    return `<tr data-option="${esc(list.option)}"><th scope="row">${esc(ctx.optionLabel(contest, list.option))} <span class="note">(${list.seats})</span></th><td>${people.join('; ')}</td></tr>`;
  });
  return `<h3>${esc(t('electedDeputies'))}</h3><table class="protocol-table elected-compact" id="protocol-elected"><tbody>${rows.join('')}</tbody></table>`;
}

async function commissionName(results: Results): Promise<string> {
  const unit = nameOf(results.unit_name, results.unit);
  return tf(results.parent ? 'commissionOf' : 'centralCommission', { unit });
}

async function certificationHtml(ctx: Context, contest: ContestInfo, results: Results): Promise<string> {
  const certifier = (contest as ContestInfo & { certified_by?: string }).certified_by || ctx.election.cec;
  let name = certifier === results.unit ? nameOf(results.unit_name, certifier) : certifier;
  if (certifier !== results.unit) {
    name = await bodiesApi.units(certifier, contest.id).then((u) => nameOf(u.name, certifier), () => certifier);
  }
  return `<span class="stage stage-${esc(results.stage)}" id="protocol-stage" data-stage="${esc(results.stage)}">${esc(t(results.stage))}</span> · ` +
    `${esc(tf('roundN', { round: results.round }))} · ${esc(t('certifiedByLabel'))}: <b id="protocol-certifier" data-unit="${esc(certifier)}">${esc(name)}</b>`;
}

// The tree head and root, and the QR code and link of `address`; without an address (no public
// one is known) no code or link, and a sentence saying so.
async function verificationHtml(head: LogHead, address: string | null): Promise<string> {
  const time = new Date(head.head.timestamp).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  const figures = `<p>${esc(tf('treeHeadLine', { size: formatNumber(head.head.size), time }))} · ${esc(t(head.signed ? 'headSigned' : 'headUnsigned'))}</p>
    <p>${esc(t('root'))} (SHA-256): <code id="protocol-root">${esc(head.head.root)}</code></p>`;
  if (address === null) return `<div class="verify-text">${figures}<p id="protocol-no-link"><b>${esc(t('noPublicLink'))}</b></p></div>`;
  const svg = await QRCode.toString(address, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `<figure class="qr" id="protocol-qr" role="img" aria-label="${esc(t('qrLabel'))}">${svg}</figure>
    <div class="verify-text">${figures}
    <p><a id="protocol-address" href="${esc(address)}">${esc(address)}</a></p>
    <p class="note">${esc(t('verifyHint'))}</p></div>`;
}

function signaturesHtml(): string {
  const row = (role: string) => `<tr><td>${esc(role)}</td><td class="blank"></td><td class="blank"></td></tr>`;
  const members = Array.from({ length: 5 }, () => row(t('member'))).join('');
  return `<table class="signatures" id="protocol-signatures"><thead><tr><th>${esc(t('protocolRoleCol'))}</th><th>${esc(t('fullName'))}</th><th>${esc(t('signature'))}</th></tr></thead>
    <tbody>${row(t('chair'))}${row(t('deputyChair'))}${row(t('secretary'))}${members}</tbody></table>
    <p class="drawn-up">${esc(t('drawnUpAt'))}</p><p class="seal">${esc(t('sealPlace'))}</p>`;
}

export async function renderProtocol(root: HTMLElement, ctx: Context, contestId: string | undefined, unitId: string | undefined): Promise<void> {
  languageFromAddress();
  const contest = ctx.contest(contestId ?? '') ?? (contestId ? undefined : ctx.mainContest);
  if (!contest) throw new Error(`no contest ${contestId}`);
  const unit = unitId || contest.unit;
  const [results, head] = await Promise.all([api.results(contest.id, unit), api.logHead()]);
  const base = publicBase();
  const address = base === null ? null : `${base}/${protocolLink(contest.id, unit)}`;
  skeleton(
    root,
    `protocol:${contest.id}:${unit}:${lang()}`,
    `<article class="card wide protocol" id="protocol">
      <header class="protocol-head"><p class="commission" id="protocol-commission"></p><h2 id="protocol-title" class="protocol-title"></h2>
        <p class="protocol-contest"><b id="protocol-contest"></b></p><p id="protocol-election" class="note"></p></header>
      <p class="no-print protocol-actions"><button type="button" id="protocol-print"></button></p>
      <section><h2 id="protocol-lines-title"></h2><div class="scroll" id="protocol-lines-box"></div></section>
      <section><h2 data-l="optionsTitle"></h2><div class="scroll" id="protocol-options-box"></div></section>
      <section><h2 data-l="relations"></h2><div class="scroll" id="protocol-relations-box"></div></section>
      <section><h2 data-l="outcomeTitle"></h2><div id="protocol-outcome"></div></section>
      <section><h2 data-l="certification"></h2><p id="protocol-certification"></p></section>
      <section class="verification"><h2 data-l="verification"></h2><div class="verify-row" id="protocol-verification"></div></section>
      <section class="sign"><h2 data-l="signatures"></h2><div id="protocol-sign"></div></section>
    </article>`,
  );
  const article = el(root, '#protocol');
  delete article.dataset.ready;
  el(root, '#protocol-commission').textContent = await commissionName(results);
  el(root, '#protocol-title').textContent = t('protocolTitle');
  el(root, '#protocol-contest').textContent = `${nameOf(contest.name, contest.id)} · ${nameOf(results.unit_name, results.unit)}`;
  el(root, '#protocol-election').textContent = `${nameOf(ctx.election.name)} · ${ctx.election.date}`;
  const print = el<HTMLButtonElement>(root, '#protocol-print');
  print.textContent = t('print');
  print.onclick = () => window.print();
  el(root, '#protocol-lines-title').textContent = tf('protocolLinesTitle', {
    reported: formatNumber(results.progress.reported),
    expected: formatNumber(results.progress.expected),
  });
  el(root, '#protocol-lines-box').innerHTML = linesHtml(contest, results);
  el(root, '#protocol-options-box').innerHTML = optionsHtml(ctx, contest, results);
  el(root, '#protocol-relations-box').innerHTML = relationsHtml(contest, results);
  const contestUnitName = results.outcome ? '' : await bodiesApi.units(contest.unit, contest.id).then((u) => nameOf(u.name, contest.unit), () => contest.unit);
  el(root, '#protocol-outcome').innerHTML = outcomeHtml(ctx, contest, results, contestUnitName);
  el(root, '#protocol-certification').innerHTML = await certificationHtml(ctx, contest, results);
  el(root, '#protocol-verification').innerHTML = await verificationHtml(head, address);
  el(root, '#protocol-sign').innerHTML = signaturesHtml();
  article.dataset.size = String(head.head.size);
  article.dataset.ready = '1';
}
