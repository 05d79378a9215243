// The one home of the control relations' wording in Kazakh, Russian and English: the names the
// server sends in a protocol's or turnout report's reasons and warnings (docs/protocol-format.md,
// "Control relations"; core/protocol.cc, turnout.cc, attendance.cc, election_night*.cc, and the
// Kazakh forms' relations in data/forms/kz-forms.toml). The dashboard (station and rejected pages)
// and the desk show these. web/tests/i18n-keys.test.mjs reads the names from the C++ source and
// the forms and fails when one has no wording here.
import { detailText, type Detail, type DetailNamer } from './detail_text';
import { lang, type Names } from './i18n';
import { refusalNames } from './refusal_names';

export const relationNames: Record<string, Names> = {
  // Reading the submission
  utf8: { kk: 'Мәтін UTF-8 болуы керек', ru: 'Текст в UTF-8', en: 'Text is UTF-8' },
  'readable-lines': { kk: 'Жолдар оқылады', ru: 'Строки читаемы', en: 'Lines are readable' },
  'known-contest': { kk: 'Сайлау бар', ru: 'Голосование существует', en: 'Known contest' },
  'counting-unit': { kk: 'Сайлау осы бөлімшеде саналады', ru: 'Голосование считается в этой единице', en: 'Counted at this unit' },
  'known-round': { kk: 'Тур бар', ru: 'Тур существует', en: 'Known round' },
  'round-open': { kk: 'Тур ашық', ru: 'Тур открыт', en: 'The round is open' },
  'on-ballot': { kk: 'Бюллетеньдегі нұсқалар ғана', ru: 'Только варианты из бюллетеня', en: 'Only options on the ballot' },
  'options-exact': { kk: 'Нұсқалар дәл бюллетеньдегідей', ru: 'Варианты точно как в бюллетене', en: 'Options exactly as on the ballot' },
  'photo-hash': { kk: 'Сурет хэші дұрыс', ru: 'Хэш фото корректен', en: 'Photo hash well-formed' },
  'lines-present': { kk: 'Барлық жолдар толтырылған', ru: 'Все строки заполнены', en: 'Every line present' },
  'non-negative': { kk: 'Теріс сан жоқ', ru: 'Нет отрицательных чисел', en: 'No negative number' },
  'within-bounds': { kk: 'Сандар шектен аспайды', ru: 'Числа в допустимых пределах', en: 'Numbers within bounds' },
  // The Kazakh forms' arithmetic (data/forms/kz-forms.toml)
  'received-equals-issued-plus-cancelled': { kk: 'Алынған = берілген + жойылған', ru: 'Получено = выдано + погашено', en: 'Received = issued + cancelled' },
  'found-within-issued': { kk: 'Жәшіктердегі ≤ берілген', ru: 'В ящиках ≤ выдано', en: 'Found in the boxes ≤ issued' },
  'found-equals-valid-plus-invalid': { kk: 'Жәшіктердегі = жарамды + жарамсыз', ru: 'В ящиках = действительные + недействительные', en: 'Found = valid + invalid' },
  'valid-equals-options-plus-against-all': { kk: 'Жарамды = нұсқаларға берілген дауыстар', ru: 'Действительные = голоса за варианты', en: 'Valid = votes for the options' },
  'issued-within-voters': { kk: 'Берілген ≤ тізімдегі сайлаушылар', ru: 'Выдано ≤ избирателей в списке', en: 'Issued ≤ voters on the list' },
  'absentee-within-issued': { kk: 'Сырттай куәлікпен берілген ≤ берілген', ru: 'По открепительным ≤ выдано', en: 'Issued with absentee certificates ≤ issued' },
  'outside-within-issued': { kk: 'Үй-жайдан тыс берілген ≤ берілген', ru: 'Вне помещения ≤ выдано', en: 'Issued outside ≤ issued' },
  // Who may send what (core/election_night.cc)
  'commission-authority': { kk: 'Комиссияның өкілеттігі', ru: 'Полномочия комиссии', en: "The commission's authority" },
  'correction-by-higher-commission': { kk: 'Түзетуді жоғары комиссия жібереді', ru: 'Исправление от вышестоящей комиссии', en: 'Correction by a higher commission' },
  'correction-reason': { kk: 'Түзетудің себебі көрсетілген', ru: 'Указана причина исправления', en: 'A correction has a reason' },
  'certified-final': { kk: 'Нәтиже түпкілікті бекітілмеген', ru: 'Итоги не утверждены окончательно', en: 'Not certified final' },
  // Turnout reports (core/turnout.cc)
  'known-time': { kk: 'Хабарлау уақыты белгілі', ru: 'Известное время сведений', en: 'A reporting time' },
  'non-decreasing-through-the-day': { kk: 'Күн бойы кемімейді', ru: 'Не убывает в течение дня', en: 'Never falls through the day' },
  'same-electors': { kk: 'Сайлаушылар саны өзгермейді', ru: 'Число избирателей не меняется', en: 'The same voters on the list' },
  // Electors' sittings (core/attendance.cc, election_night_attendance.cc)
  'attendance-time': { kk: 'Отырыс уақыты дұрыс', ru: 'Время собрания корректно', en: 'A time of the sitting' },
  'electors-as-defined': { kk: 'Таңдаушылар саны анықтамадағыдай', ru: 'Число выборщиков как в определении', en: 'Electors as defined' },
  'present-within-electors': { kk: 'Қатысқандар ≤ таңдаушылар', ru: 'Присутствующие ≤ выборщики', en: 'Present ≤ electors' },
  'non-decreasing-through-the-sitting': { kk: 'Отырыс бойы кемімейді', ru: 'Не убывает в ходе собрания', en: 'Never falls through the sitting' },
  'quorum-in-attendance': { kk: 'Отырыста кворум бар', ru: 'На собрании есть кворум', en: 'Quorum at the sitting' },
  'attendance-agrees': { kk: 'Қатысқандар хаттамамен сәйкес', ru: 'Присутствие совпадает с протоколом', en: 'Attendance agrees with the protocol' },
};

// A relation's name in the page's language (or a refusal's, refusal_names.ts: the desk shows a
// refused protocol's reason the same way); a name the dashboard does not know (a form of a
// definition's own) is shown as the server sent it.
export function relationName(relation: string): string {
  const names = relationNames[relation] ?? refusalNames[relation];
  return names ? names[lang()] : relation;
}

// A broken relation's detail in the page's language: worded from its code and values
// (detail_text.ts) in every language; a code this page does not know, in the server's English.
// A detail with no code (an old log, the desk's own checks) is shown on the English page only;
// on the Kazakh and Russian pages the relation's name stands alone and the detail goes to the
// element's title (a tooltip), so no English sentence is in the page's text.
export function relationDetailShown(detail: string | Detail, namer?: DetailNamer): string {
  if (typeof detail !== 'string' && detail.code) return detailText(detail, namer) ?? detail.detail;
  const english = typeof detail === 'string' ? detail : detail.detail;
  return lang() === 'en' ? english : '';
}
