// The bodies elected on the night, as the API serves them (docs/api.md): each body's summary
// (GET /api/v1/bodies) and one body's seats (GET /api/v1/composition?body=ID).
import type { Composition, Progress, Units } from './api';
import type { Names } from './i18n';

export type ContestState = 'elected' | 'counting' | 'unresolved';
export type BodyContest = { id: string; name: Names; kind: string; unit: string; region: string; state: ContestState; winners: string[]; progress: Progress };
export type BodyRegion = { id: string; name: Names | null; elected: number; counting: number; unresolved: number };
export type BodySummary = { id: string; name: Names; kind: 'chamber' | 'council' | 'akim' | 'office'; contests: BodyContest[]; regions: BodyRegion[] };
// /api/v1/units also names its parent, the unit above it, and whether the contest is counted there.
export type UnitsAt = Units & { name?: Names; kind?: string; up?: string | null; counted?: boolean };

async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-cache' });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ message: response.statusText }));
    throw new Error(`${path}: ${response.status} ${body.message ?? ''}`);
  }
  return (await response.json()) as T;
}

const q = encodeURIComponent;

export const bodiesApi = {
  bodies: () => get<{ bodies: BodySummary[] }>('/api/v1/bodies'),
  composition: (body?: string) => get<Composition & { body: string; name: Names | null; kind: string }>(`/api/v1/composition${body ? `?body=${q(body)}` : ''}`),
  units: (parent: string, contest: string) => get<UnitsAt>(`/api/v1/units?parent=${q(parent)}&contest=${q(contest)}`),
};
