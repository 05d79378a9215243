// The observers' page: the log's current signed tree head and who witnessed it; "check a
// protocol" (the browser fetches a station's counted protocol, its log entry and inclusion
// proof, and verifies them with WebCrypto against the signed root); and every station where an
// accredited observer's copy differs from the counted protocol, line by line; and the observers'
// reports without figures ("counting not observed", ...), counted by reason and region.
import { api, type Flag } from '../api';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, formatTime } from '../format';
import { lineNames, nameOf, t } from '../i18n';
import { leafHash, rootFromInclusionProof, verifyTreeHead } from '../merkle';
import { renderTable, type TableSpec } from '../table';
import { countsTable, reportsHtml } from './observer_reports';

// A protocol line or option by its name in the page's language (its id when neither).
function lineName(ctx: Context, contestId: string, line: string): string {
  const contest = ctx.contest(contestId);
  return lineNames[line] ? nameOf(lineNames[line], line) : contest ? ctx.optionLabel(contest, line) : line;
}

const short = (text: string) => (text.length > 20 ? `${text.slice(0, 16)}…` : text);

async function checkProtocol(root: HTMLElement, ctx: Context, unit: string): Promise<void> {
  const out = el(root, '#check-result');
  out.dataset.verified = '';
  out.textContent = '…';
  try {
    const [{ head }, { submissions }] = await Promise.all([api.logHead(), api.protocols(unit)]);
    const counted = submissions.filter((s) => s.kind === 'protocol' && s.verdict === 'accepted').pop();
    if (!counted) {
      out.textContent = t('noProtocol');
      return;
    }
    const leaf = counted.seq - 1;
    const [{ entries }, proof] = await Promise.all([api.logEntries(leaf), api.inclusion(leaf, head.size)]);
    const entry = entries[0].entry;
    const hash = await leafHash(entry);
    const computed = await rootFromInclusionProof(leaf, head.size, hash, proof.inclusion);
    const signed = await verifyTreeHead(head);
    const verified = computed !== null && computed === head.root && signed !== false;
    out.dataset.verified = String(verified);
    const body = JSON.parse(JSON.parse(entry).body) as { lines?: Record<string, number> };
    const lines = Object.entries(body.lines ?? {})
      .map(([name, value]) => `<tr data-line="${esc(name)}"><td>${esc(lineName(ctx, counted.contest, name))}</td><td class="num">${formatNumber(value)}</td></tr>`)
      .join('');
    out.innerHTML =
      `<p class="${verified ? 'ok' : 'bad'}"><b>${verified ? '✓' : '✗'} ${esc(t(verified ? 'included' : 'notIncluded'))}</b></p>` +
      `<p>${esc(nameOf(ctx.contest(counted.contest)?.name, counted.contest))} · <a href="${link.station(unit)}">${esc(unit)}</a> · ` +
      `${esc(t('leaf'))} ${formatNumber(leaf)} / ${formatNumber(head.size)} · SHA-256 <code>${short(hash)}</code> → ` +
      `<code>${short(computed ?? '—')}</code> = <code>${short(head.root)}</code></p>` +
      `<p id="head-signature" data-valid="${signed}">${esc(signed === null ? t('signatureUnchecked') : signed ? t('signatureValid') : t('signatureInvalid'))}</p>` +
      `<table class="lines">${lines}</table>`;
  } catch (error) {
    out.dataset.verified = 'false';
    out.textContent = String(error);
  }
}

// Every station where an observer's copy differs: the lines counted and observed.
function flagsTable(ctx: Context, flags: Flag[]): TableSpec<Flag> {
  const contestName = (f: Flag) => nameOf(ctx.contest(f.contest)?.name, f.contest);
  const differences = (f: Flag) =>
    f.counted ? f.lines.map((l) => `${lineName(ctx, f.contest, l.line)}: ${t('counted')} ${formatNumber(l.counted)}, ${t('observed')} ${formatNumber(l.observed)}`).join('; ') : t('noProtocol');
  return {
    id: 'flags',
    file: 'observer-differences',
    empty: t('noFlags'),
    rows: flags,
    rowAttrs: (f) => ` data-unit="${esc(f.unit)}"`,
    columns: [
      { label: t('unit'), value: (f) => f.unit, html: (f) => `<a href="${link.station(f.unit)}">${esc(f.unit)}</a>` },
      { label: t('contest'), value: contestName },
      { label: t('observer'), value: (f) => f.observer, html: (f) => `${esc(f.observer)}<br><small>${esc(f.organisation)}</small>` },
      {
        label: t('reasons'),
        value: differences,
        sortable: false,
        html: (f) =>
          f.counted
            ? f.lines.map((l) => `<div data-line="${esc(l.line)}"><b>${esc(lineName(ctx, f.contest, l.line))}</b>: ${esc(t('counted'))} ${formatNumber(l.counted)}, ${esc(t('observed'))} ${formatNumber(l.observed)}</div>`).join('')
            : esc(t('noProtocol')),
      },
    ],
    record: (f) => ({
      unit: f.unit,
      contest: f.contest,
      contest_name: contestName(f),
      round: f.round,
      observer: f.observer,
      organisation: f.organisation,
      seq: f.seq,
      counted: f.counted,
      differences: differences(f),
    }),
  };
}

export async function renderObservers(root: HTMLElement, ctx: Context): Promise<void> {
  const [log, { flags, reports = [], report_counts: counts }] = await Promise.all([api.logHead().catch(() => null), api.observers()]);
  if (
    skeleton(
      root,
      'observers',
      `<section class="card"><h2 data-l="treeHead"></h2><div id="tree-head"></div></section>` +
        `<section class="card"><h2 data-l="checkProtocol"></h2><p data-l="checkHint"></p>` +
        `<form id="check-form"><input id="check-unit" placeholder="abai-0001" autocomplete="off"> <button id="check-button" data-l="check"></button></form>` +
        `<div id="check-result"></div></section>` +
        `<section class="card" id="keep-head"><h2 data-l="keepHead"></h2><p data-l="keepHeadHint"></p>` +
        `<pre><code>curl -s ${esc(location.origin)}/api/v1/log/head &gt; head.json\n` +
        `saylau verify bundle --log-key ${esc(log?.head.key || 'KEY')} --known-head head.json</code></pre></section>` +
        `<section class="card wide"><h2 data-l="flagged"></h2><div id="flags-host"></div></section>` +
        `<section class="card wide" id="observer-reports"><h2 data-l="observerReports"></h2><div id="report-summary"></div><div id="report-list"></div></section>`,
    )
  ) {
    el<HTMLFormElement>(root, '#check-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void checkProtocol(root, ctx, el<HTMLInputElement>(root, '#check-unit').value.trim());
    });
  }
  el(root, '#tree-head').innerHTML = log
    ? `<p><b>${formatNumber(log.head.size)}</b> ${esc(t('entries'))} · ${esc(formatTime(new Date(log.head.timestamp).toISOString(), ctx.election.time_zone, true))}</p>` +
      `<p>${esc(t('root'))}: <code id="head-root">${esc(log.head.root)}</code></p>` +
      `<p>${esc(t('logKey'))}: <code>${esc(log.head.key || '—')}</code></p>` +
      `<h3 data-l="witnesses"></h3>` +
      (log.witnesses.length
        ? `<ul id="witnesses">${log.witnesses
            .map((w) => `<li data-observer="${esc(w.observer)}"><b>${esc(w.observer)}</b>: ${formatNumber(w.head.size)} ${esc(t('entries'))}, <code>${short(w.head.root)}</code></li>`)
            .join('')}</ul>`
        : `<p>${esc(t('noWitnesses'))}</p>`)
    : `<p>—</p>`;
  renderTable<Flag>(el(root, '#flags-host'), flagsTable(ctx, flags));
  if (counts && reports.length) renderTable(el(root, '#report-summary'), countsTable(ctx, counts));
  else el(root, '#report-summary').innerHTML = `<p>${esc(t('noReports'))}</p>`;
  el(root, '#report-list').innerHTML = reports.length ? reportsHtml(ctx, reports, true) : '';
}
