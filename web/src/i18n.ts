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
  chamberSeats: { kk: 'Орындар: {body}', ru: 'Мандаты: {body}', en: 'Seats in the {body}' },  // {body}: bodyNameOf
  listSeats: { kk: 'тізім бойынша', ru: 'по спискам', en: 'list' },
  districtSeats: { kk: 'округтер бойынша', ru: 'по округам', en: 'districts' },
  undecided: { kk: 'әлі шешілмеген', ru: 'ещё не определены', en: 'not decided yet' },
  // The bodies of the night (pages/bodies.ts): each body's contests and their state.
  region: { kk: 'Өңір', ru: 'Регион', en: 'Region' },
  state: { kk: 'Жағдайы', ru: 'Состояние', en: 'State' },
  stateElected: { kk: 'сайланды', ru: 'избран', en: 'elected' },
  stateCounting: { kk: 'санау жүріп жатыр', ru: 'идёт подсчёт', en: 'counting' },
  stateUnresolved: { kk: 'шешілмеді', ru: 'не определён', en: 'unresolved' },
  search: { kk: 'Іздеу: атауы, өңір, жеңімпаз', ru: 'Поиск: название, регион, победитель', en: 'Search: name, region, winner' },
  shownOf: { kk: '{total} ішінен {shown}', ru: '{shown} из {total}', en: '{shown} of {total}' },
  // Who took the seats (pages/elected.ts).
  electedDeputies: { kk: 'Сайланған депутаттар', ru: 'Избранные депутаты', en: 'Elected deputies' },
  party: { kk: 'Партия', ru: 'Партия', en: 'Party' },
  listPosition: { kk: 'Тізімдегі нөмірі', ru: 'Номер в списке', en: 'No. on the list' },
  deputy: { kk: 'Депутат', ru: 'Депутат', en: 'Deputy' },
  inListOrder: { kk: 'тізім ретімен', ru: 'в порядке списка', en: 'in list order' },
  namedByParty: { kk: 'партия атаған', ru: 'по решению партии', en: 'named by the party' },
  vacantSeats: { kk: 'Бос орындар (тізімде үміткер қалмады)', ru: 'Вакантные мандаты (в списке не осталось кандидатов)', en: 'Vacant seats (no candidate left on the list)' },
  placeholder: { kk: 'шартты атау: аты белгісіз', ru: 'условное имя: имя неизвестно', en: 'placeholder: name not known' },
  // Observers' reports without figures (pages/observer_reports.ts, docs/observer-reports.md).
  observerReports: { kk: 'Бақылаушылардың сандарсыз хабарламалары', ru: 'Сообщения наблюдателей без цифр', en: "Observers' reports without figures" },
  noReports: { kk: 'Бақылаушылардың хабарламалары жоқ', ru: 'Сообщений наблюдателей нет', en: "No observers' reports" },
  reportedBy: { kk: '{reason} — {observer} хабарлады, {time}', ru: '{reason} — сообщил {observer}, {time}', en: '{reason} — reported by {observer} at {time}' },
  reportsByRegion: { kk: 'Өңірлер бойынша', ru: 'По регионам', en: 'By region' },
  reportsByReason: { kk: 'Барлығы', ru: 'Всего', en: 'All regions' },
  reason_counting_not_observed: { kk: 'Санауды бақылау мүмкін болмады', ru: 'Подсчёт не наблюдался', en: 'Counting not observed' },
  reason_denied_access: { kk: 'Учаскеге кіргізбеді', ru: 'Не допущен на участок', en: 'Denied access' },
  reason_removed_from_station: { kk: 'Учаскеден шығарылды', ru: 'Удалён с участка', en: 'Removed from the station' },
  reason_view_obstructed: { kk: 'Көруге кедергі жасалды', ru: 'Обзор закрыт', en: 'View obstructed' },
  reason_copy_of_protocol_refused: { kk: 'Хаттама көшірмесі берілмеді', ru: 'Отказано в копии протокола', en: 'Copy of the protocol refused' },
  reason_other: { kk: 'Басқа себеп', ru: 'Другое', en: 'Other' },
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
  warned: { kk: 'ескерту', ru: 'предупреждение', en: 'warning' },
  acceptedWithWarnings: { kk: 'ескертулермен қабылданды', ru: 'принят с предупреждениями', en: 'accepted with warnings' },
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
  wholePercentTest: { kk: 'Бүтін пайыздар сынағы (Kobak және т.б., 2016)', ru: 'Тест целых процентов (Kobak и др., 2016)', en: 'The whole-percent test (Kobak et al., 2016)' },
  wholePercentNote: {
    kk: 'Қатысуы немесе көшбасшы нәтижесі бүтін пайызға 0,05 пункттен жақын учаскелер, дәл биномдық нөлдік болжамның күтілетін санымен салыстырғанда. {kept} учаске алынды, {left} шығарылды.',
    ru: 'Участки, где явка или результат лидера ближе 0,05 пункта к целому проценту, против ожидаемого числа по точной биномиальной нулевой гипотезе. Учтено участков: {kept}, исключено: {left}.',
    en: 'Stations whose turnout or leader’s result lies within 0.05 points of a whole percent, against the count expected under the exact binomial null. {kept} stations kept, {left} left out.',
  },
  count: { kk: 'Санақ', ru: 'Счёт', en: 'Count' },
  observedCount: { kk: 'Байқалды', ru: 'Наблюдается', en: 'Observed' },
  expected: { kk: 'Күтілетін', ru: 'Ожидается', en: 'Expected' },
  excess: { kk: 'Артық', ru: 'Избыток', en: 'Excess' },
  pValue: { kk: 'p', ru: 'p', en: 'p' },
  leaderResult: { kk: 'Көшбасшы нәтижесі', ru: 'Результат лидера', en: 'Leader’s result' },
  either: { kk: 'Кез келгені', ru: 'Любой из двух', en: 'Either' },
  preset: { kk: 'Анықтамалар', ru: 'Определения', en: 'Definitions' },
  byStations: { kk: 'Учаскелер', ru: 'Участки', en: 'Stations' },
  byVoters: { kk: 'Сайлаушылар', ru: 'Избиратели', en: 'Voters' },
  tenthsTitle: { kk: 'Қатысу және көшбасшы нәтижесі 0,1 % қадаммен (бүтін пайыздар қызылмен)', ru: 'Явка и результат лидера с шагом 0,1 % (целые проценты красным)', en: 'Turnout and the leader’s result in 0.1 % steps (whole percents in red)' },
  tenthsAlt: {
    kk: '{what}: {total} {unit}; бүтін пайыз бағандарында {whole} (0,1 % бағандарының оннан бірі). Ең биігі: {peak} %. 0 % және 100 % бағандары салынбаған ({ends}).',
    ru: '{what}: {total} ({unit}); в столбцах целых процентов {whole} (это десятая часть столбцов 0,1 %). Самый высокий: {peak} %. Столбцы 0 % и 100 % не нарисованы ({ends}).',
    en: '{what}: {total} {unit}; {whole} of them in the whole-percent bars (a tenth of the 0.1 % bars). The highest bar: {peak} %. The 0 % and 100 % bars are not drawn ({ends}).',
  },
  fingerprintAlt: {
    kk: '{total} {unit} 1 % × 1 % торларында: көлденеңінен қатысу, тігінен көшбасшы нәтижесі, түс логарифмдік шкаламен. Ең тығыз тор: қатысу {t} %, нәтиже {r} % ({most}). Қатысуы да, нәтижесі де 80 %-дан жоғары: {high} {unit}.',
    ru: '{total} ({unit}) в клетках 1 % × 1 %: по горизонтали явка, по вертикали результат лидера, цвет в логарифмической шкале. Самая плотная клетка: явка {t} %, результат {r} % ({most}). Явка и результат выше 80 %: {high}.',
    en: '{total} {unit} in 1 % × 1 % cells: turnout across, the leader’s result up, colour on a log scale. The densest cell: turnout {t} %, result {r} % ({most}). Turnout and result both above 80 %: {high} {unit}.',
  },
  turnoutAxis: { kk: 'Қатысу, %', ru: 'Явка, %', en: 'Turnout, %' },
  resultAxis: { kk: 'Көшбасшы нәтижесі, %', ru: 'Результат лидера, %', en: 'Leader’s result, %' },
  regionTurnout: { kk: 'Өңірлер бойынша қатысу', ru: 'Явка по регионам', en: 'Turnout by region' },
  median: { kk: 'Медиана', ru: 'Медиана', en: 'Median' },
  digitTests: { kk: 'Соңғы цифр: χ² {ld} (p {ldp}); екінші цифр (2BL): χ² {sd} (p {sdp}), орташа {mean} (Бенфорд {bmean}); қатысу мен көшбасшы үлесінің байланысы r = {r} (p {rp}).', ru: 'Последняя цифра: χ² {ld} (p {ldp}); вторая цифра (2BL): χ² {sd} (p {sdp}), среднее {mean} (Бенфорд {bmean}); связь явки и доли лидера r = {r} (p {rp}).', en: 'Last digits: χ² {ld} (p {ldp}); second digits (2BL): χ² {sd} (p {sdp}), mean {mean} (Benford {bmean}); turnout and the leader’s share r = {r} (p {rp}).' },
  exitPollDesign: {
    kk: '{source}: {n} сұхбат, {stations} учаске, дизайн әсері {deff} (шамамен {neff} сайлаушы); тыс: {outside}.',
    ru: '{source}: {n} интервью на {stations} участках, эффект дизайна {deff} (примерно {neff} избирателей); вне полосы: {outside}.',
    en: '{source}: {n} interviews at {stations} stations, design effect {deff} (as about {neff} voters); outside: {outside}.',
  },
  none: { kk: 'жоқ', ru: 'нет', en: 'none' },
  exitPollSource: { kk: 'Экзитпол (жарияланған үлестер)', ru: 'Экзитпол (опубликованные доли)', en: 'Exit poll (published shares)' },
  officialLive: { kk: 'ресми (қазіргі санақ)', ru: 'официально (текущий подсчёт)', en: 'official (live count)' },
  published: { kk: 'жарияланған', ru: 'опубликовано', en: 'published' },
  exitPollHowTo: {
    kk: 'Бұл салыстыруды қалай оқу керек. Экзитпол сайлау учаскелерінің іріктемесінен шыққан сайлаушылардың іріктемесінен қалай дауыс бергенін сұрайды; оның авторы тек үлестерді, сұхбаттар мен учаскелер санын жариялады. Әр үлестің айналасындағы жолақ — егер жалғыз қате қай учаскелер мен қай сайлаушылар кездейсоқ сұралғаны болса, осындай 100 сауалнаманың 95-інде үлес түсетін аралық. Бір учаскенің сайлаушылары ұқсас дауыс береді, сондықтан бір учаскедегі {m} сұхбат бүкіл елден таңдалған {m} сайлаушыдан аз мәлімет береді: жолақ дизайн әсеріне кеңейтілген (мұнда {deff}, яғни {n} сұхбат шамамен {neff} сайлаушыға тең). Ресми нәтиженің өз жолағынан тыс болуы бұрмалаудың дәлелі емес: сауалнама ығысқан болуы мүмкін (кім жауап беруден бас тартты, ол қай жерде өткізілді), ал жолақ мұны ескермейді. Бұл сауалнама мен ресми санақ бір мезгілде дәл бола алмайтынын білдіреді, және айырмашылық түсіндіруді қажет етеді.',
    ru: 'Как читать это сравнение. Экзитпол опрашивает выборку избирателей на выходе из выборки избирательных участков; его автор опубликовал только доли, число интервью и число участков. Полоса вокруг каждой доли — это то, где она оказалась бы в 95 из 100 таких опросов, если бы единственной ошибкой был случайный выбор участков и опрошенных. Избиратели одного участка голосуют похоже, поэтому {m} интервью на одном участке говорят меньше, чем {m} избирателей, выбранных по всей стране: полоса расширена на эффект дизайна (здесь {deff}, так что {n} интервью весят примерно как {neff}). Официальный результат вне своей полосы — не доказательство фальсификации: опрос может быть смещён (кто отказался отвечать, где он проводился), а полоса этого не учитывает. Это значит, что опрос и официальный подсчёт не могут быть точны одновременно, и расхождение заслуживает объяснения.',
    en: 'How to read this comparison. An exit poll asks a sample of voters leaving a sample of polling stations how they voted; its author published only the shares and the numbers of interviews and stations. The band around each share is where it would lie in 95 of 100 such polls if the only error were which stations and voters happened to be asked. Voters at one station vote alike, so {m} interviews at one station tell less than {m} voters drawn across the country: the band is widened by the design effect (here {deff}, so {n} interviews weigh as about {neff}). An official result outside its band is not proof of fraud: the poll may be biased (who refused to answer, where it was held), which the band does not cover. It means that the poll and the official count cannot both be accurate, and the difference deserves an explanation.',
  },
  pvtHowTo: {
    kk: 'Әр үлестің айналасындағы жолақ — іріктелген учаскелердің хаттамаларынан 95 % сенім аралығы; ромб — қазіргі ресми үлес.',
    ru: 'Полоса вокруг каждой доли — 95-процентный доверительный интервал по протоколам выбранных участков; ромб — текущая официальная доля.',
    en: 'The band around each share is the 95 % confidence interval from the sampled stations’ protocols; the diamond is the live official share.',
  },
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
  // The Senate sitting (pages/senate.ts): attendance, quorum, the vote, the summary.
  senate: { kk: 'Сенат', ru: 'Сенат', en: 'Senate' },
  senateSeats: { kk: 'Сенат: {seats} орын', ru: 'Сенат: {seats} мест', en: 'Senate: {seats} seats' },
  sittingsMap: { kk: 'Таңдаушылар отырыстары', ru: 'Собрания выборщиков', en: "Electors' sittings" },
  senatorsElected: { kk: 'Сайланды', ru: 'Избраны', en: 'Elected' },
  womenElected: { kk: 'Сайланған әйелдер', ru: 'Избрано женщин', en: 'Women elected' },
  repeatVotes: { kk: 'Қайта дауыс беру', ru: 'Повторное голосование', en: 'Repeat votes' },
  stillVoting: { kk: 'Дауыс беру жалғасуда', ru: 'Ещё голосуют', en: 'Still voting' },
  quorumReached: { kk: 'Кворум жиналды', ru: 'Кворум собран', en: 'Quorum reached' },
  quorumAt: { kk: 'кворум {time}', ru: 'кворум в {time}', en: 'quorum at {time}' },
  presentAt: { kk: '{time}: {present} / {electors} қатысады', ru: '{time}: присутствуют {present} из {electors}', en: '{time}: {present} of {electors} present' },
  state_awaiting: { kk: 'отырыс күтілуде', ru: 'ожидается собрание', en: 'awaiting the sitting' },
  state_gathering: { kk: 'жиналуда', ru: 'собираются', en: 'gathering' },
  state_quorum: { kk: 'кворум бар, дауыс беру', ru: 'кворум есть, голосуют', en: 'quorum; voting' },
  'state_repeat-vote': { kk: 'қайта дауыс беру', ru: 'повторное голосование', en: 'repeat vote' },
  state_elected: { kk: 'сайланды', ru: 'избран(а)', en: 'elected' },
  'state_no-quorum': { kk: 'кворум жоқ', ru: 'нет кворума', en: 'no quorum' },
  state_unresolved: { kk: 'шешілмеген', ru: 'не решено', en: 'unresolved' },
  inRepeatVote: { kk: 'қайта дауыс беруде', ru: 'в повторном голосовании', en: 'in the repeat vote' },
  sitting: { kk: 'Отырыс', ru: 'Собрание', en: 'Sitting' },
  desk: { kk: 'Комиссия үстелі', ru: 'Рабочее место комиссии', en: 'Commission desk' }, // the footer's link to /desk
  // Local times (local_time.ts) and the legend of published estimates (charts.ts).
  localTime: { kk: 'жергілікті уақыт', ru: 'по местному времени', en: 'local time' },
  reportClose: { kk: 'учаске жабылғанда', ru: 'на закрытие участка', en: 'at the close' },
  pollsClose: { kk: 'Учаскелердің жабылуы', ru: 'Закрытие участков', en: 'Polls close' },
  estimate: { kk: 'бағалау', ru: 'оценка', en: 'estimate' },
  official: { kk: 'ресми', ru: 'официально', en: 'official' },
  timesLocalZones: { kk: 'Уақыттар — әр учаскенің жергілікті уақыты: {main}; {others}', ru: 'Время — местное время каждого участка: {main}; {others}', en: 'Times are each station’s local time: {main}; {others}' },
  timesLocalZone: { kk: 'Уақыттар — жергілікті уақыт ({zone})', ru: 'Время местное ({zone})', en: 'Times are local time ({zone})' },
  // Accessibility and the theme (page_chrome.ts, theme.ts) and the charts' text alternatives (chart_text.ts, chart_alternatives.ts).
  skipToContent: { kk: 'Негізгі мазмұнға өту', ru: 'Перейти к содержанию', en: 'Skip to the content' },
  themeGroup: { kk: 'Түс схемасы', ru: 'Оформление', en: 'Colour scheme' },
  themeLight: { kk: 'Жарық', ru: 'Светлое', en: 'Light' },
  themeDark: { kk: 'Қараңғы', ru: 'Тёмное', en: 'Dark' },
  themeAuto: { kk: 'Жүйедегідей', ru: 'Как в системе', en: 'As the system' },
  chartAsTable: { kk: 'Кесте түрінде көрсету', ru: 'Показать таблицей', en: 'Show as a table' },
  chartOption: { kk: 'Партия не кандидат', ru: 'Партия или кандидат', en: 'Party or candidate' },
  chartVotes: { kk: 'Дауыстар: {items}.', ru: 'Голоса: {items}.', en: 'Votes: {items}.' },
  chartThreshold: { kk: 'Шек ({label}): {votes} дауыс.', ru: 'Барьер ({label}): {votes} голосов.', en: 'The threshold ({label}): {votes} votes.' },
  chartTurnout: { kk: 'Қатысу, {time}: {items}.', ru: 'Явка на {time}: {items}.', en: 'Turnout at {time}: {items}.' },
  chartNoData: { kk: 'Әзірге дерек жоқ.', ru: 'Данных пока нет.', en: 'No figures yet.' },
  chartTilesLeaders: { kk: '{count} өңір; алда: {items}.', ru: 'Регионов: {count}; лидирует: {items}.', en: '{count} regions; leading: {items}.' },
  chartTilesTurnout: { kk: '{count} өңір; қатысу: {low} – {high}.', ru: 'Регионов: {count}; явка от {low} до {high}.', en: '{count} regions; turnout from {low} to {high}.' },
  chartHistogram: { kk: '{axis}: 0,1 % бойынша {bars} баған, барлығы {total} ({unit}); ең биігі {peak} %.', ru: '{axis}: {bars} столбцов по 0,1 %, всего {total} ({unit}); самый высокий на {peak} %.', en: '{axis}: {bars} bars of 0.1 %, {total} {unit} in all; the highest at {peak} %.' },
  chartCells: { kk: '{x} көлденеңінен, {y} тігінен: 1 % × 1 % {cells} торда барлығы {total} ({unit}); ең толығы: {at} ({most}).', ru: '{x} по горизонтали, {y} по вертикали: {cells} клеток 1 % × 1 %, всего {total} ({unit}); самая полная: {at} ({most}).', en: '{x} across, {y} up: {cells} cells of 1 % × 1 % hold {total} {unit}; the fullest: {at} ({most}).' },
  chartFullestCells: { kk: 'Ең толық {n} тор', ru: '{n} самых полных клеток', en: 'The {n} fullest cells' },
  chartIntervals: { kk: '95 % аралықтар: {items}.', ru: '95-процентные интервалы: {items}.', en: '95 % intervals: {items}.' },
  chartEstimate: { kk: 'Бағалау', ru: 'Оценка', en: 'Estimate' },
  chartOfficial: { kk: 'Ресми', ru: 'Официально', en: 'Official' },
  chartLow: { kk: 'Төменгі шек', ru: 'Нижняя граница', en: 'Low' },
  chartHigh: { kk: 'Жоғарғы шек', ru: 'Верхняя граница', en: 'High' },
  chartSeatChances: { kk: '{draws} модельдеудегі ең ықтимал орындар саны: {items}.', ru: 'Наиболее вероятное число мест в {draws} розыгрышах: {items}.', en: 'The likeliest number of seats over {draws} draws: {items}.' },
  chartLikeliestSeats: { kk: 'Ең ықтимал орындар', ru: 'Наиболее вероятно мест', en: 'Likeliest seats' },
  chartChance: { kk: 'Ықтималдығы', ru: 'Вероятность', en: 'Chance' },
  chartStations: { kk: 'Учаскелер', ru: 'Участки', en: 'Stations' },
  // The results protocol (pages/protocol.ts) and the embeddable widget (web/embed.html, src/embed).
  protocolLinkLabel: { kk: 'Нәтижелер хаттамасы / басып шығару', ru: 'Протокол об итогах / печать', en: 'Results protocol / print' },
  protocolTitle: { kk: 'Дауыс беру қорытындылары туралы хаттама', ru: 'Протокол об итогах голосования', en: 'Protocol on the results of the vote' },
  commissionOf: { kk: '{unit} сайлау комиссиясы', ru: 'Избирательная комиссия: {unit}', en: 'Election commission: {unit}' },
  centralCommission: { kk: '{unit} Орталық сайлау комиссиясы', ru: 'Центральная избирательная комиссия: {unit}', en: 'Central Election Commission: {unit}' },
  protocolLinesTitle: { kk: 'Хаттама жолдары ({expected} учаскенің {reported} хаттамасының қосындысы)', ru: 'Строки протокола (сумма {reported} из {expected} протоколов участков)', en: 'Protocol lines (the sum of {reported} of {expected} polling stations’ protocols)' },
  protocolLineCol: { kk: 'Жол', ru: 'Строка', en: 'Line' },
  protocolFigureCol: { kk: 'Саны', ru: 'Число', en: 'Figure' },
  protocolOptionCol: { kk: 'Нұсқа', ru: 'Вариант', en: 'Option' },
  protocolRelationCol: { kk: 'Қатынас', ru: 'Соотношение', en: 'Relation' },
  protocolStateCol: { kk: 'Орындалуы', ru: 'Выполнение', en: 'Result' },
  optionsTitle: { kk: 'Әр нұсқаға берілген дауыстар', ru: 'Голоса за каждый вариант', en: 'Votes for each option' },
  outcomeTitle: { kk: 'Орындар мен сайланғандар', ru: 'Мандаты и избранные', en: 'Seats and the elected' },
  seatsWonState: { kk: 'Орындар анықталды', ru: 'Мандаты распределены', en: 'Seats won' },
  seatsLeadingState: { kk: 'Орындар әзірге алдын ала: санау аяқталмаған', ru: 'Мандаты пока предварительные: подсчёт не завершён', en: 'Seats leading, not yet won: the count is not complete' },
  decidedAt: { kk: 'Орындар мен жеңімпаздар {unit} деңгейінде анықталады: сол хаттаманы қараңыз.', ru: 'Мандаты и победители определяются на уровне {unit}: см. его протокол.', en: 'Seats and winners are decided at {unit}: see its protocol.' },
  certification: { kk: 'Растау', ru: 'Утверждение итогов', en: 'Certification' },
  certifiedByLabel: { kk: 'растайтын комиссия', ru: 'утверждающая комиссия', en: 'certifying commission' },
  roundN: { kk: '{round}-тур', ru: 'тур {round}', en: 'round {round}' },
  verification: { kk: 'Тексеру', ru: 'Проверка', en: 'Verification' },
  qrLabel: { kk: 'Бұл хаттаманың онлайн нұсқасына сілтеме QR-коды', ru: 'QR-код ссылки на этот протокол в сети', en: 'QR code of the link to this protocol online' },
  treeHeadLine: { kk: 'Ашықтық журналының басы: {size} жазба, {time}', ru: 'Вершина журнала прозрачности: {size} записей, {time}', en: 'Transparency log tree head: {size} entries, {time}' },
  headSigned: { kk: 'ОСК журнал кілтімен қол қойылған', ru: 'подписана ключом журнала ЦИК', en: "signed with the CEC's log key" },
  headUnsigned: { kk: 'қол қойылмаған (серверде журнал кілті жоқ)', ru: 'не подписана (у сервера нет ключа журнала)', en: 'not signed (the server has no log key)' },
  verifyHint: {
    kk: 'Кодты сканерлеңіз немесе сілтемені ашыңыз: осы сандарды жарияланған санақпен салыстырыңыз. saylau verify бүкіл журналды осы түбірмен тексереді.',
    ru: 'Отсканируйте код или откройте ссылку, чтобы сравнить эти числа с опубликованным подсчётом; saylau verify проверяет весь журнал по этому корню.',
    en: 'Scan the code or open the link to compare these figures with the published count; saylau verify checks the whole log against this root.',
  },
  signatures: { kk: 'Комиссия мүшелерінің қолдары', ru: 'Подписи членов комиссии', en: 'Signatures of the commission' },
  chair: { kk: 'Төраға', ru: 'Председатель', en: 'Chair' },
  deputyChair: { kk: 'Төрағаның орынбасары', ru: 'Заместитель председателя', en: 'Deputy chair' },
  secretary: { kk: 'Хатшы', ru: 'Секретарь', en: 'Secretary' },
  member: { kk: 'Комиссия мүшесі', ru: 'Член комиссии', en: 'Member' },
  fullName: { kk: 'Тегі, аты-жөні', ru: 'Фамилия, инициалы', en: 'Full name' },
  signature: { kk: 'Қолы', ru: 'Подпись', en: 'Signature' },
  drawnUpAt: { kk: 'Хаттама ____ жылғы «___» __________ сағ. ___ мин. ___ жасалды', ru: 'Протокол составлен «___» __________ ____ г. в ___ ч ___ мин', en: 'Drawn up on ____ / ____ / ________ at ___ h ___ min' },
  sealPlace: { kk: 'М.О.', ru: 'М.П.', en: 'Seal' },
  print: { kk: 'Басып шығару', ru: 'Печать', en: 'Print' },
  embedTitle: { kk: 'Ел бойынша нәтижені сайтқа қою', ru: 'Встроить общий результат на свой сайт', en: 'Embed the national result' },
  embedHint: { kk: 'Бұл кодты сайтыңыздың бетіне көшіріңіз: виджет санауды тікелей көрсетеді.', ru: 'Скопируйте этот код на страницу своего сайта: виджет следит за подсчётом в реальном времени.', en: 'Copy this code into a page of your site: the widget follows the count live.' },
  embedLeading: { kk: 'алда (санау жүріп жатыр)', ru: 'лидирует (идёт подсчёт)', en: 'leading (counting)' },
  embedWon: { kk: 'жеңіп алды', ru: 'получено', en: 'won' },
  embedFull: { kk: 'Толық нәтижелер', ru: 'Все результаты', en: 'Full results' },
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

// A label with {name} placeholders filled in.
export function tf(label: Label, values: Record<string, string | number>): string {
  return t(label).replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

// The body a contest elects, named by the definition: a contest named "<body>: <what>" (as the
// Mazhilis' and the Kurultai's "Mazhilis: party lists") names its body first; otherwise the
// contest's whole name stands for it. In the page's language.
export function bodyNameOf(contestName: Partial<Names> | undefined): string {
  const name = nameOf(contestName);
  const colon = name.indexOf(': ');
  return colon > 0 ? name.slice(0, colon) : name;
}

export function nameOf(names: Partial<Names> | undefined, fallback = ''): string {
  if (!names) return fallback;
  return names[current] || names.en || names.ru || names.kk || fallback;
}

// Numbers, percents and times by Intl in the page's language: format.ts.
export { formatNumber, formatPercent, formatPercentValue, formatDecimal, formatCompact, formatTime, formatLocalClock } from './format';
