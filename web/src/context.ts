// What every page knows: the election (fetched once), its main contest, and name lookups.
import type { ContestInfo, Election } from './api';
import type { Bar } from './charts';
import { nameOf } from './i18n';
import { partyShortName, registerParties } from './party_names';

export class Context {
  constructor(readonly election: Election) {
    registerParties(election.parties);
  }

  // The contest the front page shows: the party-list contest at the country, else another
  // contest at the country (a president, a referendum), else the first (a night of akims).
  get mainContest(): ContestInfo {
    const national = this.election.contests.filter((c) => c.unit === this.election.cec);
    return national.find((c) => c.kind === 'party_list') ?? national[0] ?? this.election.contests[0];
  }

  contest(id: string): ContestInfo | undefined {
    return this.election.contests.find((c) => c.id === id);
  }

  optionLabel(contest: ContestInfo, optionId: string): string {
    if (optionId === 'against_all') return '—';
    const party = this.election.parties.find((p) => p.id === optionId);
    if (party) return partyShortName(party.id);
    return nameOf(contest.options.find((o) => o.id === optionId)?.name, optionId);
  }

  // The contest's options as bars of `totals` (a results answer's totals), in ballot order.
  optionBars(contest: ContestInfo, totals: Record<string, number>): Bar[] {
    return contest.options.map((option, i) => ({
      id: option.id,
      label: this.optionLabel(contest, option.id),
      votes: totals[option.id] ?? 0,
      color: this.optionColor(contest, option.id, i),
    }));
  }

  optionColor(contest: ContestInfo, optionId: string, index: number): string {
    const option = contest.options.find((o) => o.id === optionId);
    const party = this.election.parties.find((p) => p.id === (option?.party || optionId));
    if (party?.color) return party.color;
    const palette = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];
    return palette[index % palette.length];
  }
}
