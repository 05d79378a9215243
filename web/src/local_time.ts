// The night's times in the local time of the unit they belong to, with the zone named (issue 21):
// a turnout report's time ("10:00" on the station's clock), when a submission was received, and
// when a region's polls close. The zones come from the definition (each unit's `time_zone`, the
// API's `time_zone`); Kazakhstan had two in 2023 (UTC+6, and UTC+5 in the five western regions),
// so a country's report at "10:00" is ten o'clock on each station's own clock: named "local time".
import { convertClock, formatLocalClock, formatTime } from './format';
import { t } from './i18n';

// A turnout report's time at a unit of zone `zone` ("10:00 GMT+5"); a unit spanning several
// zones (zone undefined) says "10:00 local time"; the closing report is named as such.
export function reportTimeName(time: string, zone: string | undefined, day: string): string {
  if (time === 'close') return t('reportClose');
  return zone ? formatLocalClock(time, zone, day) : `${time} ${t('localTime')}`;
}

// When a submission was received (an ISO instant), on the unit's clock: "19 Mar, 20:41 GMT+6".
export function receivedTime(iso: string, zone: string | undefined): string {
  return formatTime(iso, zone, true);
}

// A region's polls' closing time, given in the election's reference zone (the root's), on the
// region's own clock: "20:00 GMT+5".
export function pollsCloseName(clock: string, referenceZone: string | undefined, zone: string | undefined, day: string): string {
  if (!clock) return '';
  return formatLocalClock(convertClock(clock, referenceZone, zone, day), zone ?? referenceZone, day);
}

// Whether the units' zones differ on `day` (a country of two zones): then a time of all of them
// is named "local time" rather than one zone.
export function oneZone(zones: (string | undefined)[]): string | undefined {
  const distinct = new Set(zones.filter(Boolean));
  return distinct.size === 1 ? [...distinct][0] : undefined;
}
