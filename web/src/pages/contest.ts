// One contest, whatever its kind: party lists (threshold and seats), candidates (a plurality,
// the presidential absolute majority and runoff, the Senate's quorum and repeat vote), or a
// referendum (the national yes share and the regions with a yes majority). Also the list of
// all contests of the election.
import { api, type ContestInfo } from '../api';
import { drawVoteBars } from '../charts';
import type { Context } from '../context';
import { el, esc, link, skeleton } from '../dom';
import { formatNumber, nameOf, t } from '../i18n';
import { renderTable } from '../table';
import { renderElected } from './elected';
import { progressHtml } from './progress';
import { protocolLink } from './protocol';
import { embedSnippetHtml } from '../embed/snippet';
import { contestKindName, decisionName } from '../outcome_names';

export async function renderContests(root: HTMLElement, ctx: Context): Promise<void> {
  skeleton(root, 'contests', `<section class="card wide"><h2 data-l="contests"></h2><div id="contest-list"></div></section>`);
  const unitName = (c: ContestInfo) => nameOf(c.unit === ctx.election.cec ? { kk: t('country'), ru: t('country'), en: t('country') } : ctx.election.regions.find((r) => r.id === c.unit)?.name, c.unit);
  renderTable<ContestInfo>(el(root, '#contest-list'), {
    id: 'contests-table',
    file: 'contests',
    empty: '—',
    rows: ctx.election.contests,
    rowAttrs: (c) => ` data-contest="${esc(c.id)}"`,
    columns: [
      { label: t('contest'), value: (c) => nameOf(c.name, c.id), html: (c) => `<a href="${link.contest(c.id)}">${esc(nameOf(c.name, c.id))}</a>` },
      { label: t('kind'), value: (c) => contestKindName(c.kind) },
      { label: t('unit'), value: unitName },
      { label: t('options'), num: true, value: (c) => c.options.length },
    ],
    record: (c) => ({ id: c.id, name: nameOf(c.name, c.id), kind: c.kind, unit: c.unit, unit_name: unitName(c), options: c.options.length }),
  });
}

export async function renderContest(root: HTMLElement, ctx: Context, contestId: string): Promise<void> {
  const contest = ctx.contest(contestId);
  if (!contest) throw new Error(`no contest ${contestId}`);
  const results = await api.results(contest.id);
  skeleton(
    root,
    `contest:${contestId}`,
    `<section class="card wide"><h2>${esc(nameOf(contest.name, contest.id))}</h2><div id="progress"></div><p id="decision" class="decision"></p><p class="no-print"><a id="contest-protocol-link" href="${protocolLink(contest.id, contest.unit)}" data-l="protocolLinkLabel"></a></p></section>
     <section class="card wide"><div class="chart bars" id="contest-bars"></div><div id="contest-details"></div><div id="contest-elected"></div></section>
     ${contest.unit === ctx.election.cec ? embedSnippetHtml(contest.id) : ''}`,
  );
  el(root, '#progress').innerHTML = progressHtml(results);
  const outcome = results.outcome;
  const round = outcome?.rounds?.[outcome.rounds.length - 1];
  const base = round?.base.total ?? outcome?.base?.total ?? outcome?.national_base ?? results.totals.valid ?? 0;
  // A runoff's round shows its ballot only: the two of round one's outcome.
  const ballot = results.round > 1 && outcome?.runoff?.length ? new Set(outcome.runoff) : undefined;
  const bars = ctx.optionBars(contest, results.totals).filter((bar) => !ballot || ballot.has(bar.id));
  let line: { votes: number; label: string } | undefined;
  if (outcome?.threshold) line = { votes: outcome.threshold.votes_needed, label: `${outcome.threshold.percent} % ${t('threshold')}` };
  else if (contest.kind === 'majority_runoff' || contest.kind === 'indirect_majority' || contest.kind === 'referendum') {
    line = { votes: Math.floor(base / 2) + 1, label: `50 % + 1 (${t('majority')})` };
  }
  drawVoteBars(el(root, '#contest-bars'), bars, base, line);
  const winners = (outcome?.winners ?? []).map((w) => ctx.optionLabel(contest, w)).join(', ');
  el(root, '#decision').innerHTML = outcome
    ? `${esc(t('decision'))}: <b>${esc(decisionName(outcome.decision))}</b>${winners ? ` · ${esc(t('winner'))}: <b>${esc(winners)}</b>` : ''}`
    : '';
  const details: string[] = [];
  if (outcome?.runoff?.length) details.push(`${esc(t('runoff'))}: ${outcome.runoff.map((o) => esc(ctx.optionLabel(contest, o))).join(' — ')}`);
  if (outcome?.electors != null) details.push(`${esc(t('quorum'))}: ${outcome.quorum_met ? '✓' : '✗'} (${formatNumber(outcome.electors)})`);
  if (outcome?.units_needed != null) {
    details.push(
      `${esc(t('yes'))}: ${esc(outcome.yes_percent)} % · ${outcome.units_yes} ${esc(t('regionsWithYes'))} (${outcome.units_needed} ${esc(t('needed'))})`,
    );
  }
  for (const note of outcome?.notes ?? []) details.push(`<small>${esc(note)}</small>`);
  el(root, '#contest-details').innerHTML = details.map((d) => `<p>${d}</p>`).join('');
  renderElected(el(root, '#contest-elected'), outcome?.elected, contest, ctx);
}
