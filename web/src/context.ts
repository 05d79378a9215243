// What every page knows: the election (fetched once), its main contest, and name lookups.
import type { ContestInfo, Election } from './api';
import { nameOf } from './i18n';

export class Context {
  constructor(readonly election: Election) {}

  // The contest the front page shows: the party-list contest at the country, else the first.
  get mainContest(): ContestInfo {
    return this.election.contests.find((c) => c.kind === 'party_list' && c.unit === this.election.cec) ?? this.election.contests[0];
  }

  contest(id: string): ContestInfo | undefined {
    return this.election.contests.find((c) => c.id === id);
  }

  optionLabel(contest: ContestInfo, optionId: string): string {
    if (optionId === 'against_all') return '—';
    const party = this.election.parties.find((p) => p.id === optionId);
    if (party?.short_name) return party.short_name;
    return nameOf(contest.options.find((o) => o.id === optionId)?.name, optionId);
  }

  optionColor(contest: ContestInfo, optionId: string, index: number): string {
    const option = contest.options.find((o) => o.id === optionId);
    const party = this.election.parties.find((p) => p.id === (option?.party || optionId));
    if (party?.color) return party.color;
    const palette = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];
    return palette[index % palette.length];
  }
}
