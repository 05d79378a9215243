// Kazakh, Russian and English labels of the dashboard, and the chosen language (kept in
// localStorage). Names of units, parties and contests come from the election definition.
export type Lang = 'kk' | 'ru' | 'en';
export type Names = { kk: string; ru: string; en: string };

const labels = {
  results: { kk: 'Нәтижелер', ru: 'Результаты', en: 'Results' },
  turnout: { kk: 'Қатысу', ru: 'Явка', en: 'Turnout' },
  map: { kk: 'Өңірлер картасы', ru: 'Карта регионов', en: 'Region map' },
  regions: { kk: 'Өңірлер', ru: 'Регионы', en: 'Regions' },
  contests: { kk: 'Сайлаулар', ru: 'Голосования', en: 'Contests' },
  rejected: { kk: 'Қабылданбаған хаттамалар', ru: 'Отклонённые протоколы', en: 'Rejected protocols' },
  partyLists: { kk: 'Партиялық тізімдер: ел бойынша', ru: 'Партийные списки: по стране', en: 'Party lists: national' },
  seats: { kk: 'Орындар', ru: 'Мандаты', en: 'Seats' },
  chamberSeats: { kk: 'Мәжілістегі орындар', ru: 'Мандаты в Мажилисе', en: 'Seats in the Mazhilis' },
  listSeats: { kk: 'тізім бойынша', ru: 'по спискам', en: 'list' },
  districtSeats: { kk: 'округтер бойынша', ru: 'по округам', en: 'districts' },
  undecided: { kk: 'әлі шешілмеген', ru: 'ещё не определены', en: 'not decided yet' },
  votes: { kk: 'Дауыстар', ru: 'Голоса', en: 'Votes' },
  percent: { kk: '%', ru: '%', en: '%' },
  threshold: { kk: 'шек', ru: 'барьер', en: 'threshold' },
  votesNeeded: { kk: 'өту үшін қажет дауыс', ru: 'голосов нужно для прохождения', en: 'votes needed to pass' },
  reported: { kk: 'учаске хаттамасы келді', ru: 'участков сообщили', en: 'stations reported' },
  progress: { kk: 'Хаттамалардың түсуі', ru: 'Поступление протоколов', en: 'Reporting progress' },
  live: { kk: 'тікелей', ru: 'в эфире', en: 'live' },
  offline: { kk: 'байланыс жоқ', ru: 'нет связи', en: 'reconnecting' },
  stage: { kk: 'Кезең', ru: 'Этап', en: 'Stage' },
  open: { kk: 'санау жүріп жатыр', ru: 'идёт подсчёт', en: 'counting' },
  preliminary: { kk: 'алдын ала нәтиже', ru: 'предварительные итоги', en: 'preliminary' },
  final: { kk: 'түпкілікті нәтиже', ru: 'окончательные итоги', en: 'final' },
  partial: { kk: 'толық емес', ru: 'неполные', en: 'partial' },
  leader: { kk: 'Көшбасшы', ru: 'Лидер', en: 'Leader' },
  colourBy: { kk: 'Түсі', ru: 'Цвет', en: 'Colour by' },
  turnoutThroughDay: { kk: 'Күн бойғы қатысу', ru: 'Явка в течение дня', en: 'Turnout through the day' },
  country: { kk: 'Барлық ел', ru: 'Вся страна', en: 'Whole country' },
  unitResults: { kk: 'Нәтижелер', ru: 'Результаты', en: 'Results' },
  below: { kk: 'Төменгі бөлімшелер', ru: 'Нижестоящие', en: 'Below' },
  protocol: { kk: 'Хаттама', ru: 'Протокол', en: 'Protocol' },
  relations: { kk: 'Бақылау қатынастары', ru: 'Контрольные соотношения', en: 'Control relations' },
  holds: { kk: 'орындалды', ru: 'выполнено', en: 'holds' },
  broken: { kk: 'бұзылған', ru: 'нарушено', en: 'broken' },
  accepted: { kk: 'қабылданды', ru: 'принят', en: 'accepted' },
  version: { kk: 'нұсқа', ru: 'версия', en: 'version' },
  signedBy: { kk: 'қол қойған', ru: 'подписан', en: 'signed by' },
  noProtocol: { kk: 'Хаттама әлі келген жоқ', ru: 'Протокол ещё не поступил', en: 'No protocol yet' },
  noRejected: { kk: 'Қабылданбаған хаттама жоқ', ru: 'Отклонённых протоколов нет', en: 'No protocol was rejected' },
  reasons: { kk: 'Себептері', ru: 'Причины', en: 'Reasons' },
  unit: { kk: 'Бөлімше', ru: 'Единица', en: 'Unit' },
  contest: { kk: 'Сайлау', ru: 'Голосование', en: 'Contest' },
  received: { kk: 'Келді', ru: 'Получен', en: 'Received' },
  winner: { kk: 'Жеңімпаз', ru: 'Победитель', en: 'Winner' },
  majority: { kk: 'көпшілік', ru: 'большинство', en: 'majority' },
  runoff: { kk: 'Қайта дауыс беру', ru: 'Повторное голосование', en: 'Runoff' },
  quorum: { kk: 'Кворум', ru: 'Кворум', en: 'Quorum' },
  yes: { kk: 'Иә', ru: 'Да', en: 'Yes' },
  regionsWithYes: { kk: '«иә» көпшілігі бар өңірлер', ru: 'регионов с большинством «да»', en: 'regions with a yes majority' },
  needed: { kk: 'қажет', ru: 'нужно', en: 'needed' },
  decision: { kk: 'Шешім', ru: 'Решение', en: 'Decision' },
  time: { kk: 'Уақыт', ru: 'Время', en: 'Time' },
  paperProtocol: { kk: 'Қағаз хаттаманың суреті', ru: 'Фото бумажного протокола', en: 'Photo of the paper protocol' },
  observers: { kk: 'Бақылаушылар', ru: 'Наблюдатели', en: 'Observers' },
  statistics: { kk: 'Статистика', ru: 'Статистика', en: 'Statistics' },
  fingerprint: { kk: 'Сайлау саусақ ізі: қатысу және көшбасшы үлесі', ru: 'Отпечаток выборов: явка и доля лидера', en: 'Election fingerprint: turnout and the leader’s share' },
  wholePercents: { kk: 'Учаскелер қатысу бойынша, 0,1 % қадаммен', ru: 'Участки по явке с шагом 0,1 %', en: 'Stations by turnout in 0.1 % steps' },
  pvtComparison: { kk: 'Параллель санау / экзит-пол және ресми нәтиже', ru: 'Параллельный подсчёт / экзит-пол и официальный итог', en: 'Parallel count / exit poll and the official result' },
  seatChances: { kk: 'Орындардың ықтималдығы', ru: 'Вероятности мест', en: 'Seat probabilities' },
  noEstimate: { kk: 'Бағалау жарияланбаған', ru: 'Оценка не опубликована', en: 'No estimate is published here' },
  flaggedForensics: { kk: 'Белгіленді: мұқият қарау керек', ru: 'Отмечено: стоит присмотреться', en: 'Flagged: worth a closer look' },
  notFlagged: { kk: 'Белгіленбеді', ru: 'Не отмечено', en: 'Not flagged' },
  treeHead: { kk: 'Журналдың қол қойылған басы', ru: 'Подписанная вершина журнала', en: 'Signed tree head of the log' },
  entries: { kk: 'жазба', ru: 'записей', en: 'entries' },
  root: { kk: 'Түбір', ru: 'Корень', en: 'Root' },
  logKey: { kk: 'ОСК журнал кілті', ru: 'Ключ журнала ЦИК', en: "CEC's log key" },
  witnesses: { kk: 'Куәгерлер (бақылаушылардың қолы)', ru: 'Свидетели (подписи наблюдателей)', en: "Witnesses (observers' countersignatures)" },
  noWitnesses: { kk: 'Әзірге куәгер жоқ', ru: 'Пока никто не заверил', en: 'No witness yet' },
  checkProtocol: { kk: 'Хаттаманы тексеру', ru: 'Проверить протокол', en: 'Check a protocol' },
  checkHint: {
    kk: 'Учаске кодын енгізіңіз: браузер хаттаманы және оның журналдағы дәлелін алып, SHA-256 арқылы өзі тексереді.',
    ru: 'Введите код участка: браузер получит протокол и доказательство включения и сам проверит их по SHA-256.',
    en: 'Enter a station: the browser fetches its protocol and the inclusion proof and checks them itself (SHA-256).',
  },
  check: { kk: 'Тексеру', ru: 'Проверить', en: 'Check' },
  included: { kk: 'Журналда бар: дәлел қол қойылған түбірге әкеледі', ru: 'В журнале: доказательство ведёт к подписанному корню', en: 'In the log: the proof leads to the signed root' },
  notIncluded: { kk: 'ДӘЛЕЛ СӘЙКЕС ЕМЕС', ru: 'ДОКАЗАТЕЛЬСТВО НЕ СХОДИТСЯ', en: 'THE PROOF DOES NOT MATCH' },
  signatureValid: { kk: '✓ Түбірге ОСК журнал кілтімен қол қойылған (Ed25519)', ru: '✓ Корень подписан ключом журнала ЦИК (Ed25519)', en: "✓ The root is signed with the CEC's log key (Ed25519)" },
  signatureInvalid: { kk: '✗ Түбірдің қолы жарамсыз', ru: '✗ Подпись корня неверна', en: "✗ The root's signature does not verify" },
  signatureUnchecked: { kk: 'Бұл браузер Ed25519 тексере алмайды: saylau verify қолданыңыз', ru: 'Этот браузер не проверяет Ed25519: используйте saylau verify', en: 'This browser cannot check Ed25519: use saylau verify' },
  leaf: { kk: 'жапырақ', ru: 'лист', en: 'leaf' },
  keepHead: { kk: 'Журнал басын сақтаңыз', ru: 'Сохраните вершину журнала', en: 'Keep a copy of the tree head' },
  keepHeadHint: {
    kk: 'Бүгін журналдың қол қойылған басын файлға сақтаңыз. Кейін жарияланған бумаға saylau verify --known-head арқылы тексеріңіз: журнал қысқартылса (артқа шегерілсе) немесе басқа тарихпен ауыстырылса, тексеру сәтсіз аяқталып, орнын атайды.',
    ru: 'Сохраните подписанную вершину журнала в файл сегодня. Когда опубликуют пакет, проверьте его командой saylau verify --known-head: если журнал урезали (откатили) или подменили другой историей, проверка не пройдёт и назовёт место.',
    en: 'Save the signed tree head to a file today. When the bundle is published, check it with saylau verify --known-head: if the log was cut back (rolled back) or replaced by another history, verification fails and names the place.',
  },
  flagged: { kk: 'Бақылаушы көшірмесі айырмашылығы бар учаскелер', ru: 'Участки, где копия наблюдателя расходится', en: "Stations where an observer's copy differs" },
  noFlags: { kk: 'Айырмашылық жоқ', ru: 'Расхождений нет', en: 'No differences' },
  observer: { kk: 'Бақылаушы', ru: 'Наблюдатель', en: 'Observer' },
  counted: { kk: 'есептелді', ru: 'учтено', en: 'counted' },
  observed: { kk: 'бақылаушыда', ru: 'у наблюдателя', en: 'observer' },
  openData: { kk: 'Ашық деректер', ru: 'Открытые данные', en: 'Open data' },
  arithmetic: { kk: 'Есептеу', ru: 'Расчёт', en: 'The arithmetic' },
  quota: { kk: 'Квота', ru: 'Квота', en: 'Quota' },
} satisfies Record<string, Names>;

export type Label = keyof typeof labels;

// The protocol's lines (docs/protocol-format.md) as printed on the form.
export const lineNames: Record<string, Names> = {
  voters: { kk: 'Тізімдегі сайлаушылар', ru: 'Избирателей в списке', en: 'Voters on the list' },
  received: { kk: 'Алынған бюллетеньдер', ru: 'Получено бюллетеней', en: 'Ballots received' },
  issued: { kk: 'Берілген бюллетеньдер', ru: 'Выдано бюллетеней', en: 'Ballots issued' },
  issued_absentee: { kk: 'Сырттай куәлік бойынша берілген', ru: 'Выдано по открепительным', en: 'Issued with absentee certificates' },
  issued_outside: { kk: 'Үй-жайдан тыс берілген', ru: 'Выдано вне помещения', en: 'Issued outside the station' },
  cancelled: { kk: 'Жойылған бюллетеньдер', ru: 'Погашено бюллетеней', en: 'Ballots cancelled' },
  found: { kk: 'Жәшіктердегі бюллетеньдер', ru: 'Бюллетеней в ящиках', en: 'Ballots found in the boxes' },
  valid: { kk: 'Жарамды', ru: 'Действительных', en: 'Valid' },
  invalid: { kk: 'Жарамсыз', ru: 'Недействительных', en: 'Invalid' },
  both_marked: { kk: 'Екеуі де белгіленген', ru: 'Отмечены оба', en: 'Both marked' },
  against_all: { kk: 'Барлығына қарсы', ru: 'Против всех', en: 'Against all' },
};

// The arithmetic relations as formulas over line names (translated when shown).
export const relationFormulas: Record<string, string[]> = {
  'non-negative': ['≥ 0'],
  'within-bounds': ['≤ 10¹²'],
  'received-equals-issued-plus-cancelled': ['received', '=', 'issued', '+', 'cancelled'],
  'found-within-issued': ['found', '≤', 'issued'],
  'found-equals-valid-plus-invalid': ['found', '=', 'valid', '+', 'invalid'],
  'valid-equals-options-plus-against-all': ['valid', '=', 'Σ', '+', 'against_all'],
  'issued-within-voters': ['issued', '≤', 'voters'],
  'absentee-within-issued': ['issued_absentee', '≤', 'issued'],
  'outside-within-issued': ['issued_outside', '≤', 'issued'],
};

let current: Lang = (localStorage.getItem('saylau.lang') as Lang) || 'en';
if (!['kk', 'ru', 'en'].includes(current)) current = 'en';

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem('saylau.lang', next);
  document.documentElement.lang = next;
}

export function t(label: Label): string {
  return labels[label][current];
}

export function nameOf(names: Partial<Names> | undefined, fallback = ''): string {
  if (!names) return fallback;
  return names[current] || names.en || names.ru || names.kk || fallback;
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current === 'en' ? 'en-GB' : current === 'ru' ? 'ru-RU' : 'kk-KZ').format(value);
}

// A share for display only (decisions are made on the server with integers).
export function formatPercent(part: number, whole: number, digits = 2): string {
  if (whole <= 0) return '—';
  return `${((100 * part) / whole).toFixed(digits)} %`;
}
