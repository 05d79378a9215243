// The desk's session in this tab: the loaded key, the server's answer for it (GET /api/v1/desk),
// and listeners the panels register to redraw when either changes (a new key, a refreshed
// answer after a submission, another language).
import { fetchDesk, type DeskKey } from './key';
import type { Desk, DeskContest, DeskUnit } from './types';

export const base = ''; // the desk is served by the same server as the API

export const session: { key: DeskKey | null; desk: Desk | null } = { key: null, desk: null };

const listeners: (() => void)[] = [];

export function onSessionChange(listener: () => void): void {
  listeners.push(listener);
}

export function sessionChanged(): void {
  for (const listener of listeners) listener();
}

// Asks the server again what the key may write (after a submission: statuses, last_seq).
export async function refreshDesk(): Promise<void> {
  if (!session.key) return;
  session.desk = await fetchDesk(base, session.key);
  sessionChanged();
}

export function unitOf(desk: Desk, id: string): DeskUnit | undefined {
  return desk.units.find((unit) => unit.id === id);
}

export function contestOf(desk: Desk, id: string): DeskContest | undefined {
  return desk.contests.find((contest) => contest.id === id);
}
