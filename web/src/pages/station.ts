// A polling station: each contest's protocol as the commission signed it — every line of its
// form with the form's labels in the page's language, every control relation of the form with
// whether it holds, is broken or warns (a failed warn relation: counted, flagged), the photo of
// the paper protocol, and every version (corrections, rejected ones) with its signature — any
// accredited observer's copy that differs from the counted protocol, line by line; the station's
// history (every submission and correction, with its time and log seq) as a data table; and the
// station's turnout reports.
import { api, type Check, type Flag, type StoredSubmission } from '../api';
import { reportsHtml } from './observer_reports';
import type { Context } from '../context';
import { esc, skeleton } from '../dom';
import { formatNumber, lineNames, nameOf, relationFormulas, t, type Label, type Names } from '../i18n';
import { renderTable } from '../table';
import { receivedTime, reportTimeName } from '../local_time';
import type { DetailNamer } from '../detail_text';
import { relationDetailShown, relationName } from '../relations';
import { breadcrumbs, resultsAt } from './unit';

// A relation as a formula with the lines named in the page's language: the form's labels (the
// API's), else the Kazakh line names; the Kazakh forms' relations by their formulas, another
// form's by its check as written.
function formula(check: Check, labels: Map<string, Names>): string {
  const tokens = relationFormulas[check.relation] ?? (check.check ? check.check.split(' ') : [check.relation]);
  const named = (token: string) => labels.get(token) ?? lineNames[token];
  return tokens.map((token) => (named(token) ? nameOf(named(token), token) : token)).join(' ');
}

const marks = { holds: '✓', broken: '✗', warned: '⚠' };

// A line of a protocol named as its form prints it, else as the Kazakh forms do, else the option.
function lineLabel(ctx: Context, submission: StoredSubmission | undefined, name: string): string {
  const formLabel = submission?.form?.lines.find((line) => line.name === name)?.label;
  const contest = submission ? ctx.contest(submission.contest) : undefined;
  return formLabel ? nameOf(formLabel, name) : lineNames[name] ? nameOf(lineNames[name]) : contest ? ctx.optionLabel(contest, name) : name;
}

// Each observer's copy that differs from the counted protocol (or came with none counted): who,
// which contest, and the differing lines, counted against observed.
function observerCopiesHtml(ctx: Context, flags: Flag[], counted: Map<string, StoredSubmission>): string {
  if (!flags.length) return '';
  const copies = flags
    .map((f) => {
      const submission = counted.get(f.contest);
      const lines = f.lines
        .map((l) => `<tr data-line="${esc(l.line)}"><td>${esc(lineLabel(ctx, submission, l.line))}</td><td class="num">${formatNumber(l.counted)}</td><td class="num">${formatNumber(l.observed)}</td><td class="num">${l.observed - l.counted > 0 ? '+' : ''}${formatNumber(l.observed - l.counted)}</td></tr>`)
        .join('');
      return (
        `<div class="observer-copy" data-observer="${esc(f.observer)}" data-contest="${esc(f.contest)}">` +
        `<p><b>${esc(f.observer)}</b>${f.organisation ? ` (${esc(f.organisation)})` : ''} · ${esc(nameOf(ctx.contest(f.contest)?.name, f.contest))} · ${esc(t('seq'))} ${f.seq}</p>` +
        (f.counted
          ? `<div class="scroll"><table class="differences"><thead><tr><th scope="col">${esc(t('line'))}</th><th scope="col" class="num">${esc(t('counted'))}</th><th scope="col" class="num">${esc(t('observed'))}</th><th scope="col" class="num">Δ</th></tr></thead><tbody>${lines}</tbody></table></div>`
          : `<p>${esc(t('observerCopyNoProtocol'))}</p>`) +
        `</div>`
      );
    })
    .join('');
  return `<section class="card wide observer-differs" id="observer-differs"><h2>⚠ ${esc(t('observerCopyDiffers'))}</h2>${copies}</section>`;
}

// The station's history: every submission (protocols, turnout reports, corrections, rejected
// ones) with the time it was received and its seq in the log.
function historyTable(ctx: Context, root: HTMLElement, stationId: string, submissions: StoredSubmission[], zone: string | undefined): void {
  const contestName = (s: StoredSubmission) => (s.contest ? nameOf(ctx.contest(s.contest)?.name, s.contest) : '');
  const what = (s: StoredSubmission) =>
    s.kind === 'protocol'
      ? contestName(s)
      : s.kind === 'turnout'
        ? `${t('turnoutReport')} ${reportTimeName(s.time ?? '', zone, ctx.election.date)}`
        : [['observation', 'stage', 'recount', 'witness'].includes(s.kind) ? t(`kind_${s.kind}` as Label) : s.kind, contestName(s)].filter(Boolean).join(': ');
  const verdict = (s: StoredSubmission) =>
    s.verdict !== 'accepted' ? t('broken') : s.warnings?.length ? t('acceptedWithWarnings') : s.version > 1 ? `${t('accepted')} (${t('correction')})` : t('accepted');
  renderTable<StoredSubmission>(root.querySelector<HTMLElement>('#history-host')!, {
    id: 'history',
    file: `${stationId}-history`,
    empty: t('noProtocol'),
    rows: submissions,
    rowAttrs: (s) => ` data-seq="${s.seq}" data-kind="${esc(s.kind)}" data-contest="${esc(s.contest)}" data-version="${s.version}" data-verdict="${esc(s.verdict)}"`,
    sort: { column: 0 },
    columns: [
      { label: t('seq'), num: true, value: (s) => s.seq },
      { label: t('received'), value: (s) => receivedTime(s.received_at, zone) },
      { label: t('contest'), value: what },
      { label: t('version'), num: true, value: (s) => s.version || null },
      { label: t('verdict'), value: verdict },
      { label: t('reasons'), value: (s) => [s.body.commission, s.body.reason, ...s.reasons.map((r) => relationName(r.relation))].filter(Boolean).join(' · ') },
    ],
    record: (s) => ({
      seq: s.seq,
      received_at: s.received_at,
      kind: s.kind,
      contest: s.contest,
      contest_name: s.kind === 'protocol' ? nameOf(ctx.contest(s.contest)?.name, s.contest) : '',
      time: s.kind === 'protocol' ? '' : s.time,
      round: s.round,
      version: s.version,
      verdict: s.verdict,
      commission: s.body.commission ?? '',
      reason: s.body.reason ?? '',
      broken: s.reasons.map((r) => r.relation).join(' '),
      key: s.envelope?.key ?? '',
    }),
  });
}

function protocolHtml(ctx: Context, latest: StoredSubmission, versions: StoredSubmission[], zone: string | undefined): string {
  const contest = ctx.contest(latest.contest);
  const lines = latest.body.lines ?? {};
  // The form's order (from the API, else the Kazakh lines), then the options as the ballot lists them.
  const formLines = new Map((latest.form?.lines ?? []).map((line) => [line.name, line.label]));
  const order = [...(latest.form ? [...formLines.keys()] : Object.keys(lineNames)), ...(contest?.options.map((o) => o.id) ?? [])];
  const rank = (name: string) => (order.indexOf(name) < 0 ? order.length : order.indexOf(name));
  const rows = Object.entries(lines)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, value]) => {
      const label = lineLabel(ctx, latest, name);
      return `<tr data-line="${esc(name)}"><td>${esc(label)}</td><td class="num">${formatNumber(value)}</td></tr>`;
    })
    .join('');
  // A broken relation's detail names lines as this protocol's form prints them.
  const namer: DetailNamer = { line: (id) => lineLabel(ctx, latest, id), contest: (id) => nameOf(ctx.contest(id)?.name, id) };
  const checks = (latest.checks ?? [])
    .map((check) => {
      const state = check.state ?? (check.holds ? 'holds' : 'broken');
      return (
        `<li class="${state}" data-relation="${esc(check.relation)}" data-holds="${check.holds}" data-state="${state}">` +
        `<span class="mark" aria-hidden="true">${marks[state]}</span> <b class="state">${esc(t(state))}</b>: ${esc(formula(check, formLines))} <small>${esc(relationName(check.relation))}</small>` +
        `${check.detail ? `<div class="detail" title="${esc(check.detail)}">${esc(relationDetailShown({ relation: check.relation, detail: check.detail, code: check.code, params: check.params }, namer))}</div>` : ''}</li>`
      );
    })
    .join('');
  const verdict = (v: StoredSubmission) =>
    v.verdict !== 'accepted' ? t('broken') : v.warnings?.length ? t('acceptedWithWarnings') : t('accepted');
  const history = versions
    .map(
      (v) =>
        `<li>${esc(t('version'))} ${v.version || '—'} · ${esc(verdict(v))} · ${esc(receivedTime(v.received_at, zone))}` +
        `${v.body.commission ? ` · ${esc(v.body.commission)}` : ''}${v.body.reason ? ` · “${esc(v.body.reason)}”` : ''}` +
        `${v.envelope ? `<div class="sig">${esc(t('signedBy'))} <code>${esc(v.envelope.key)}</code> #${v.envelope.seq}<br><code class="signature">${esc(v.envelope.signature)}</code></div>` : ''}</li>`,
    )
    .join('');
  return `<section class="card protocol" data-contest="${esc(latest.contest)}">
      <h2>${esc(t('protocol'))}: ${esc(nameOf(contest?.name, latest.contest))} <span class="verdict ${latest.verdict}${latest.warnings?.length ? ' warned' : ''}">${esc(verdict(latest))}</span></h2>
      <div class="paper">
        <table class="lines"><thead><tr><th scope="col">${esc(t('line'))}</th><th scope="col" class="num">${esc(t('value'))}</th></tr></thead><tbody>${rows}</tbody></table>
        ${latest.body.photo_sha256 ? `<figure class="photo"><a href="/api/v1/photos/${esc(latest.body.photo_sha256)}" target="_blank"><img src="/api/v1/photos/${esc(latest.body.photo_sha256)}" alt="${esc(t('paperProtocol'))}"></a><figcaption>${esc(t('paperProtocol'))} · SHA-256 <code>${esc(latest.body.photo_sha256.slice(0, 16))}…</code></figcaption></figure>` : `<p class="no-photo"><small>${esc(t('noPhoto'))}</small></p>`}
      </div>
      <h3>${esc(t('relations'))}</h3><ul class="checks">${checks}</ul>
      <details><summary>${versions.length} × ${esc(t('version'))}</summary><ul class="versions">${history}</ul></details>
    </section>`;
}

export async function renderStation(root: HTMLElement, ctx: Context, stationId: string): Promise<void> {
  const [history, results, turnout, observed] = await Promise.all([
    api.protocols(stationId),
    resultsAt(ctx, stationId).then((found) => found ?? api.results(ctx.mainContest.id, stationId)),
    api.turnout(stationId),
    api.observers().catch(() => null),
  ]);
  skeleton(
    root,
    `station:${stationId}`,
    `<section class="card wide"><h2 id="station-title"></h2></section><div id="observer-copies" class="cards"></div><div id="observer-reports" class="cards"></div><div id="protocols" class="cards"></div>` +
      `<section class="card wide"><h2 data-l="history"></h2><div id="history-host"></div></section>` +
      `<section class="card wide"><h2 data-l="turnoutThroughDay"></h2><div class="scroll"><table id="station-turnout"></table></div></section>`,
  );
  // Observers' reports without figures at this station ("Counting not observed — reported by ...").
  const reports = (observed?.reports ?? []).filter((r) => r.unit === stationId);
  (root.querySelector('#observer-reports') as HTMLElement).innerHTML = reports.length
    ? `<section class="card wide observer-reports"><h2>${esc(t('observerReports'))}</h2>${reportsHtml(ctx, reports)}</section>`
    : '';
  (root.querySelector('#station-title') as HTMLElement).innerHTML = await breadcrumbs(ctx, results);
  const protocols = history.submissions.filter((s) => s.kind === 'protocol');
  const byContest = new Map<string, StoredSubmission[]>();
  for (const submission of protocols) byContest.set(submission.contest, [...(byContest.get(submission.contest) ?? []), submission]);
  const counted = new Map<string, StoredSubmission>();
  const html = [...byContest.values()]
    .map((versions) => {
      const accepted = versions.filter((v) => v.verdict === 'accepted');
      const latest = accepted.length ? accepted[accepted.length - 1] : versions[versions.length - 1];
      if (accepted.length) counted.set(latest.contest, latest);
      return protocolHtml(ctx, latest, versions, results.time_zone);
    })
    .join('');
  (root.querySelector('#protocols') as HTMLElement).innerHTML = html || `<section class="card"><p>${esc(t('noProtocol'))}</p></section>`;
  (root.querySelector('#observer-copies') as HTMLElement).innerHTML = observerCopiesHtml(ctx, (observed?.flags ?? []).filter((f) => f.unit === stationId), counted);
  historyTable(ctx, root, stationId, history.submissions, results.time_zone);
  (root.querySelector('#station-turnout') as HTMLElement).innerHTML =
    `<thead><tr><th scope="row">${esc(t('time'))}</th>${turnout.times.map((time) => `<th scope="col" class="num">${esc(reportTimeName(time.time, results.time_zone, ctx.election.date))}</th>`).join('')}</tr></thead>` +
    `<tbody><tr><th scope="row">${esc(nameOf(lineNames.issued))}</th>${turnout.times.map((time) => `<td class="num">${time.reported ? formatNumber(time.issued) : '—'}</td>`).join('')}</tr></tbody>`;
}
