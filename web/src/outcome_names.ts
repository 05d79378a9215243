// The words the server sends as codes in a contest's answer, in kk, ru and en: the outcome's
// decision (core::DecisionName, src/core/outcome.cc) and the contest's kind (the kinds of
// formats/definition_contests.cc). web/tests/i18n-keys.test.mjs reads both lists from the C++
// source and fails when one has no name here.
import { lang, type Names } from './i18n';

export const decisionNames: Record<string, Names> = {
  decided: { kk: 'шешілді', ru: 'определён', en: 'decided' },
  'runoff-needed': { kk: 'қайта дауыс беру қажет', ru: 'нужно повторное голосование', en: 'a runoff is needed' },
  unresolved: { kk: 'шешілмеді', ru: 'не определён', en: 'unresolved' },
  'no-quorum': { kk: 'кворум жоқ', ru: 'нет кворума', en: 'no quorum' },
  'not-valid': { kk: 'өтпеді деп танылды', ru: 'признан несостоявшимся', en: 'not valid' },
  rejected: { kk: 'қабылданбады', ru: 'не принят', en: 'rejected' },
  'no-counts': { kk: 'хаттамалар жоқ', ru: 'нет протоколов', en: 'no counts yet' },
};

export const contestKindNames: Record<string, Names> = {
  party_list: { kk: 'партиялық тізімдер', ru: 'партийные списки', en: 'party lists' },
  single_member: { kk: 'бір мандатты округ', ru: 'одномандатный округ', en: 'single-member district' },
  plurality: { kk: 'салыстырмалы көпшілік', ru: 'относительное большинство', en: 'plurality' },
  majority_runoff: { kk: 'көпшілік, қажет болса екінші тур', ru: 'большинство, при необходимости второй тур', en: 'majority with a runoff' },
  indirect_majority: { kk: 'таңдаушылар дауыс береді', ru: 'голосуют выборщики', en: 'electors vote' },
  referendum: { kk: 'референдум', ru: 'референдум', en: 'referendum' },
};

const pick = (table: Record<string, Names>, code: string) => table[code]?.[lang()] ?? code;
export const decisionName = (code: string): string => pick(decisionNames, code);
export const contestKindName = (code: string): string => pick(contestKindNames, code);
