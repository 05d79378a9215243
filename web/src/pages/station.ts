// A polling station: each contest's protocol as the commission signed it — every line of its
// form with the form's labels in the page's language, every control relation of the form with
// whether it holds, is broken or warns (a failed warn relation: counted, flagged), and every
// version (corrections, rejected ones) with its signature — and the station's turnout reports.
import { api, type Check, type StoredSubmission } from '../api';
import { reportsHtml } from './observer_reports';
import type { Context } from '../context';
import { esc, skeleton } from '../dom';
import { formatNumber, lineNames, nameOf, relationFormulas, t, type Names } from '../i18n';
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

function protocolHtml(ctx: Context, latest: StoredSubmission, versions: StoredSubmission[]): string {
  const contest = ctx.contest(latest.contest);
  const lines = latest.body.lines ?? {};
  // The form's order (from the API, else the Kazakh lines), then the options as the ballot lists them.
  const formLines = new Map((latest.form?.lines ?? []).map((line) => [line.name, line.label]));
  const order = [...(latest.form ? [...formLines.keys()] : Object.keys(lineNames)), ...(contest?.options.map((o) => o.id) ?? [])];
  const rank = (name: string) => (order.indexOf(name) < 0 ? order.length : order.indexOf(name));
  const rows = Object.entries(lines)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, value]) => {
      const formLabel = formLines.get(name);
      const label = formLabel ? nameOf(formLabel, name) : lineNames[name] ? nameOf(lineNames[name]) : contest ? ctx.optionLabel(contest, name) : name;
      return `<tr><td>${esc(label)}</td><td class="num">${formatNumber(value)}</td></tr>`;
    })
    .join('');
  const checks = (latest.checks ?? [])
    .map((check) => {
      const state = check.state ?? (check.holds ? 'holds' : 'broken');
      return (
        `<li class="${state}" data-relation="${esc(check.relation)}" data-holds="${check.holds}" data-state="${state}">` +
        `<span class="mark" title="${esc(t(state === 'warned' ? 'warned' : state))}">${marks[state]}</span> ${esc(formula(check, formLines))} <small>${esc(check.relation)}</small>` +
        `${check.detail ? `<div class="detail">${esc(check.detail)}</div>` : ''}</li>`
      );
    })
    .join('');
  const verdict = (v: StoredSubmission) =>
    v.verdict !== 'accepted' ? t('broken') : v.warnings?.length ? t('acceptedWithWarnings') : t('accepted');
  const history = versions
    .map(
      (v) =>
        `<li>${esc(t('version'))} ${v.version || '—'} · ${esc(verdict(v))} · ${esc(v.received_at)}` +
        `${v.body.commission ? ` · ${esc(v.body.commission)}` : ''}${v.body.reason ? ` · “${esc(v.body.reason)}”` : ''}` +
        `${v.envelope ? `<div class="sig">${esc(t('signedBy'))} <code>${esc(v.envelope.key)}</code> #${v.envelope.seq}<br><code class="signature">${esc(v.envelope.signature)}</code></div>` : ''}</li>`,
    )
    .join('');
  return `<section class="card protocol" data-contest="${esc(latest.contest)}">
      <h2>${esc(t('protocol'))}: ${esc(nameOf(contest?.name, latest.contest))} <span class="verdict ${latest.verdict}${latest.warnings?.length ? ' warned' : ''}">${esc(verdict(latest))}</span></h2>
      <div class="paper">
        <table class="lines">${rows}</table>
        ${latest.body.photo_sha256 ? `<figure class="photo"><a href="/api/v1/photos/${esc(latest.body.photo_sha256)}" target="_blank"><img src="/api/v1/photos/${esc(latest.body.photo_sha256)}" alt="${esc(t('paperProtocol'))}"></a><figcaption>${esc(t('paperProtocol'))} · SHA-256 <code>${esc(latest.body.photo_sha256.slice(0, 16))}…</code></figcaption></figure>` : ''}
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
  skeleton(root, `station:${stationId}`, `<section class="card wide"><h2 id="station-title"></h2></section><div id="observer-reports"></div><div id="protocols" class="cards"></div><section class="card wide"><h2 data-l="turnoutThroughDay"></h2><table id="station-turnout"></table></section>`);
  // Observers' reports without figures at this station ("Counting not observed — reported by ...").
  const reports = (observed?.reports ?? []).filter((r) => r.unit === stationId);
  (root.querySelector('#observer-reports') as HTMLElement).innerHTML = reports.length
    ? `<section class="card wide observer-reports"><h2>${esc(t('observerReports'))}</h2>${reportsHtml(ctx, reports)}</section>`
    : '';
  (root.querySelector('#station-title') as HTMLElement).innerHTML = await breadcrumbs(ctx, results);
  const protocols = history.submissions.filter((s) => s.kind === 'protocol');
  const byContest = new Map<string, StoredSubmission[]>();
  for (const submission of protocols) byContest.set(submission.contest, [...(byContest.get(submission.contest) ?? []), submission]);
  const html = [...byContest.values()]
    .map((versions) => {
      const accepted = versions.filter((v) => v.verdict === 'accepted');
      return protocolHtml(ctx, accepted.length ? accepted[accepted.length - 1] : versions[versions.length - 1], versions);
    })
    .join('');
  (root.querySelector('#protocols') as HTMLElement).innerHTML = html || `<section class="card"><p>${esc(t('noProtocol'))}</p></section>`;
  (root.querySelector('#station-turnout') as HTMLElement).innerHTML =
    `<tr>${turnout.times.map((time) => `<th class="num">${esc(time.time)}</th>`).join('')}</tr>` +
    `<tr>${turnout.times.map((time) => `<td class="num">${time.reported ? formatNumber(time.issued) : '—'}</td>`).join('')}</tr>`;
}
