// A party's short name in the page's language, from the definition (the election's
// `short_names`, each language's, e.g. Ауыл / Auyl, НПК / People's Party). Every page that shows
// a party (the seats, the map's legend, the options' bars) asks here by the party's id; a group
// without a party (the self-nominated) is named by its own names.
import type { Party } from './api';
import { nameOf, type Names } from './i18n';

const parties = new Map<string, Party>();

// The election's parties (Context's constructor registers them once the election is fetched).
export function registerParties(list: readonly Party[]): void {
  parties.clear();
  for (const party of list) parties.set(party.id, party);
}

// The short name of party `id` in the page's language; else the short name given, else the
// names given (in the page's language), else the id.
export function partyShortName(id: string, names?: Partial<Names>, shortName?: string): string {
  const party = parties.get(id);
  if (party) return nameOf(party.short_names, party.short_name) || party.short_name || nameOf(party.name, id);
  return nameOf(names, '') || shortName || id;
}
