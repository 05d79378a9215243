// The server's detail sentences in Kazakh, Russian and English. Beside each English detail the
// server sends its code and values (`code`, `params`: src/core/include/saylau/core/detail_codes.h
// is the one list of codes, docs/api.md "Details"); here each code is worded in the page's
// language with its values put in: numbers through format.ts, lines, options and contests by
// their names in the page's language. web/tests/i18n-keys.test.mjs reads the C++ list and fails
// when a code has no template here in a language. A code this page does not know (a newer
// server) falls back to the server's English sentence; a detail with no code (an old log, the
// desk's own checks) is shown on the English page only.
import { formatDecimalText, formatNumber } from './format';
import { lang, lineNames, nameOf, type Names } from './i18n';
import { decisionName } from './outcome_names';

export type DetailParam = { name: string; value: string };
export type Detail = { relation: string; detail: string; code?: string; params?: DetailParam[] };

// How a page names what a detail refers to, in its language; an id it cannot name is shown as
// the server sent it.
export type DetailNamer = {
  line?: (id: string) => string | undefined; // a line of the form, or an option
  contest?: (id: string) => string | undefined;
  time?: (id: string) => string | undefined; // a turnout report's time ("10:00", "close")
};

// {placeholders}: a param's name ({line}, {value}, ...); a repeated param is a list ({lines},
// {options}, {on}, {off}); {contest} is the contest's name; {quorum} and {certified} are
// worded from detailWords.
export const detailTemplates: Record<string, Names> = {
  relation: { kk: '{left} {op} {right}', ru: '{left} {op} {right}', en: '{left} {op} {right}' },
  negative: { kk: '{line} = {value}: теріс сан', ru: '{line} = {value}: отрицательное число', en: '{line} = {value} is negative' },
  'above-bound': { kk: '{line} = {value} шектен ({max}) асады', ru: '{line} = {value} больше предела ({max})', en: '{line} = {value} is above the limit ({max})' },
  unreadable: { kk: 'рұқсат етілген шектегі бүтін сан емес: {lines}', ru: 'не целые числа в допустимых пределах: {lines}', en: 'not whole numbers in range: {lines}' },
  'photo-hash': { kk: 'сурет хэші кіші әріптермен жазылған он алтылық SHA-256 емес (64 таңба)', ru: 'хэш фото — не SHA-256 шестнадцатеричными строчными цифрами (64 знака)', en: "the photo's hash is not a SHA-256 in lowercase hex (64 digits)" },
  'unknown-lines': { kk: '«{contest}» нұсқалары да, хаттама жолдары да емес: {lines}', ru: 'не варианты голосования «{contest}» и не строки протокола: {lines}', en: 'not options of {contest} nor protocol lines: {lines}' },
  'repeated-lines': { kk: 'екі рет берілген жолдар: {lines}', ru: 'строки указаны дважды: {lines}', en: 'lines given twice: {lines}' },
  'off-ballot': { kk: '«{contest}» {round}-туры {on} арасында өтеді (алдыңғы турдың нәтижесі); бюллетеньде жоқ: {off}', ru: 'тур {round} голосования «{contest}» — выбор между {on} (итог предыдущего тура); нет в бюллетене: {off}', en: "round {round} of {contest} is a vote between {on} (the previous round's outcome); not on its ballot: {off}" },
  'missing-options': { kk: '«{contest}» нұсқалары жоқ: {options}', ru: 'нет вариантов голосования «{contest}»: {options}', en: 'options of {contest} missing: {options}' },
  'against-all-missing': { kk: '«{line}» «{contest}» бюллетенінде бар, бірақ хаттамада жоқ', ru: '«{line}» есть в бюллетене «{contest}», но нет в протоколе', en: '{line} is on the ballot of {contest} and missing from the protocol' },
  'against-all-off-ballot': { kk: '«{line}» «{contest}» бюллетенінде жоқ', ru: '«{line}» нет в бюллетене «{contest}»', en: '{line} is not on the ballot of {contest}' },
  'missing-lines': { kk: 'жолдар жоқ: {lines}', ru: 'нет строк: {lines}', en: 'lines missing: {lines}' },
  'unknown-contest': { kk: '«{election}» сайлауында «{contest}» жоқ', ru: 'голосования «{contest}» нет в выборах «{election}»', en: "contest '{contest}' is not in election '{election}'" },
  'unknown-unit': { kk: '«{unit}» бөлімшесі сайлауда жоқ', ru: 'единицы «{unit}» нет в выборах', en: "unit '{unit}' is not in the election" },
  'not-counted-at': { kk: '«{contest}» «{unit}» бөлімшесінде саналмайды («{counted_under}» астындағы учаскелерде саналады)', ru: '«{contest}» не считается в единице «{unit}» (считается на участках под «{counted_under}»)', en: "{contest} is not counted at unit '{unit}' (counted at the polling stations under '{counted_under}')" },
  'unknown-round': { kk: '«{contest}» сайлауында {round}-тур жоқ (турлар 1..{max_round})', ru: 'у голосования «{contest}» нет тура {round} (туры 1..{max_round})', en: '{contest} has no round {round} (rounds 1..{max_round})' },
  'not-a-station': { kk: '«{unit}» учаске емес; қатысуды учаскелер хабарлайды', ru: '«{unit}» — не участок; явку сообщают участки', en: "unit '{unit}' is not a polling station; turnout is reported by stations" },
  'not-a-voting-day': { kk: '{round}-тур дауыс беру күні емес (1, қайта дауыс беруде 2)', ru: 'тур {round} — не день голосования (1, или 2 при повторном голосовании)', en: 'round {round} is not a voting day (1, or 2 for a runoff)' },
  'unknown-time': { kk: '«{time}» хабарлау уақыты емес (10:00, 12:00, 14:00, 16:00, 18:00, 20:00, жабылу)', ru: '«{time}» — не время сведений (10:00, 12:00, 14:00, 16:00, 18:00, 20:00, закрытие)', en: "time '{time}' is not a reporting time (10:00, 12:00, 14:00, 16:00, 18:00, 20:00, close)" },
  'below-earlier': { kk: '{time} кезіндегі «{line}» ({value}) {other_time} кезіндегіден ({other_value}) аз', ru: '«{line}» на {time} ({value}) меньше, чем на {other_time} ({other_value})', en: '{line} at {time} ({value}) is below {line} at {other_time} ({other_value})' },
  'above-later': { kk: '{time} кезіндегі «{line}» ({value}) {other_time} кезіндегіден ({other_value}) көп', ru: '«{line}» на {time} ({value}) больше, чем на {other_time} ({other_value})', en: '{line} at {time} ({value}) is above {line} at {other_time} ({other_value})' },
  'unknown-sitting-time': { kk: '«{time}» отырыс уақыты емес: {day} күнгі «СС:ММ» немесе сол күннен бастап {days_after} күнге дейінгі жергілікті «ЖЖЖЖ-АА-ККTСС:ММ»', ru: '«{time}» — не время собрания: «ЧЧ:ММ» {day} или местное «ГГГГ-ММ-ДДTЧЧ:ММ» с этого дня до {days_after} дней после', en: "time '{time}' is not a time of the sitting: 'HH:MM' on {day}, or 'YYYY-MM-DDTHH:MM' local time from that day to {days_after} days after" },
  'electors-not-as-defined': { kk: 'таңдаушылар {electors}, ал «{contest}» сайлауында {defined}', ru: 'выборщиков {electors}, а в голосовании «{contest}» их {defined}', en: 'electors = {electors}, but {contest} has {defined}' },
  'electors-changed': { kk: 'таңдаушылар {electors}, ал сол отырыстың {other_time} кезінде {other_electors}', ru: 'выборщиков {electors}, а в {other_time} того же собрания {other_electors}', en: 'electors = {electors}, but {other_electors} at {other_time} of the same sitting' },
  'not-above': { kk: '«{commission}» комиссиясы учаскенің де, одан жоғары комиссия да емес', ru: 'комиссия «{commission}» — не комиссия участка и не вышестоящая', en: "commission '{commission}' is neither the station's nor one above it" },
  'already-accepted': { kk: '«{unit}» санағы қабылданған; өзгерісті жоғары комиссия себебін көрсетіп түзету ретінде жібереді', ru: 'подсчёт «{unit}» уже принят; изменение присылает вышестоящая комиссия как исправление с причиной', en: "'{unit}' already has an accepted count; a change must come from a higher commission as a correction with a reason" },
  'no-reason': { kk: '«{commission}» жіберген түзетудің себебі көрсетілуі керек', ru: 'исправлению от «{commission}» нужна причина', en: "a correction by '{commission}' needs a reason" },
  'certified-final': { kk: '«{contest}» {round}-туры түпкілікті бекітілген{certified}; өзгерту үшін «{unit}» қамтитын қайта санау туралы шешім керек', ru: 'тур {round} голосования «{contest}» окончательно утверждён{certified}; для изменения нужно решение о пересчёте, охватывающее «{unit}»', en: "round {round} of {contest} is certified final{certified}; a change needs a recount order covering '{unit}'" },
  'certified-final-turnout': { kk: '«{contest}» {round}-туры түпкілікті бекітілген{certified}; «{unit}» қатысуы туралы мәліметтер енді қабылданбайды', ru: 'тур {round} голосования «{contest}» окончательно утверждён{certified}; сведения о явке на «{unit}» больше не принимаются', en: "round {round} of {contest} is certified final{certified}; its turnout at '{unit}' takes no more reports" },
  'no-such-round': { kk: '«{contest}» сайлауында {round}-тур жоқ (турлар 1..{max_round})', ru: 'у голосования «{contest}» нет тура {round} (туры 1..{max_round})', en: '{contest} has no round {round} (rounds 1..{max_round})' },
  'previous-round-open': { kk: '«{contest}» {round}-туры ашылмаған: {previous}-тур толық саналмаған әрі түпкілікті бекітілмеген', ru: 'тур {round} голосования «{contest}» не открыт: тур {previous} не подсчитан полностью и не утверждён окончательно', en: 'round {round} of {contest} is not open: round {previous} is neither counted in full nor certified final' },
  'previous-round-not-runoff': { kk: '«{contest}» {round}-туры ашылмаған: {previous}-турдың нәтижесі — {decision}, қайта дауыс беру емес', ru: 'тур {round} голосования «{contest}» не открыт: итог тура {previous} — {decision}, а не повторное голосование', en: "round {round} of {contest} is not open: round {previous}'s outcome is {decision}, not a runoff" },
  'no-quorum': { kk: '«{unit}» отырысында кворум жоқ: {time} кезінде {electors} таңдаушының {present} қатысты; кворум — {electors} таңдаушының {quorum} ({least})', ru: 'на собрании «{unit}» нет кворума: в {time} присутствовали {present} из {electors} выборщиков; кворум — {quorum} от {electors} выборщиков ({least})', en: "the sitting at '{unit}' has no quorum: {present} of {electors} electors present at {time}; the quorum is {quorum} of {electors} electors ({least})" },
  'attendance-differs': { kk: 'қатысқандар ({took_part}) соңғы қатысу мәліметіндегі таңдаушылардан өзгеше, {time} ({present})', ru: 'приняли участие ({took_part}) — не столько, сколько выборщиков присутствовало по последним сведениям, {time} ({present})', en: 'took part ({took_part}) differs from the electors present at the latest attendance report, {time} ({present})' },
};

// Words the templates are built from.
export const detailWords: Record<string, Names> = {
  optionsSum: { kk: 'нұсқаларға берілген дауыстар', ru: 'голоса за варианты', en: 'votes for the options' },
  quorumMoreThan: { kk: '{percent}%-дан астамы', ru: 'более {percent}%', en: 'more than {percent}%' },
  quorumAtLeast: { kk: 'кемінде {percent}%', ru: 'не менее {percent}%', en: 'at least {percent}%' },
  certifiedBy: { kk: ' ({by})', ru: ' ({by})', en: " by '{by}'" },
  certifiedByAt: { kk: ' ({by}, {at})', ru: ' ({by}, {at})', en: " by '{by}' at {at}" },
  noDecision: { kk: 'белгісіз', ru: 'не определён', en: 'not known' },
  // Lines of a sitting's attendance report (turnout reports name voters and issued).
  present: { kk: 'Қатысқан таңдаушылар', ru: 'Присутствующие выборщики', en: 'Electors present' },
  electors: { kk: 'Таңдаушылар', ru: 'Выборщики', en: 'Electors' },
};

const numbers = new Set(['value', 'max', 'round', 'max_round', 'previous', 'electors', 'present', 'least', 'took_part', 'other_value', 'other_electors', 'defined', 'days_after']);
const lists: Record<string, string> = { line: 'lines', option: 'options', on: 'on', off: 'off' };

function word(key: string, values: Record<string, string> = {}): string {
  return detailWords[key][lang()].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

// A whole number the server wrote as text, in the page's conventions ("10 100" in kk and ru).
function numberText(text: string): string {
  return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? formatNumber(Number(text)) : text;
}

function lineText(id: string, namer: DetailNamer): string {
  if (id === '{options}') return word('optionsSum');
  const named = namer.line?.(id);
  if (named) return named;
  if (lineNames[id]) return nameOf(lineNames[id]);
  if (id === 'present' || id === 'electors') return word(id);
  return id;
}

// A relation's sides: "Ballots found in the boxes (812) > Ballots issued (800)".
function relationText(params: DetailParam[], namer: DetailNamer): string {
  const sides: string[][] = [[], []];
  let side = 0;
  let op = '';
  for (const { name, value } of params) {
    if (name === 'op') {
      op = value;
      side = 1;
      continue;
    }
    const sign = name.startsWith('-') ? '−' : '+';
    const what = name.slice(1);
    const term = what === '#' ? numberText(value) : `${lineText(what, namer)} (${numberText(value)})`;
    sides[side].push(sides[side].length || sign === '−' ? `${sign} ${term}` : term);
  }
  return [sides[0].join(' ') || '0', op, sides[1].join(' ') || '0'].join(' ');
}

// The detail in the page's language, or undefined when its code has no template here.
export function detailText(detail: Detail, namer: DetailNamer = {}): string | undefined {
  const template = detail.code ? detailTemplates[detail.code] : undefined;
  if (!template) return undefined;
  const params = detail.params ?? [];
  if (detail.code === 'relation') return relationText(params, namer);
  const raw: Record<string, string> = {};
  const values: Record<string, string> = {};
  const listed: Record<string, string> = {};
  for (const { name, value } of params) {
    raw[name] = value;
    const list = lists[name];
    const shown =
      name === 'line' || name === 'option' || name === 'on' || name === 'off'
        ? lineText(value, namer)
        : numbers.has(name)
          ? numberText(value)
          : name === 'contest'
            ? (namer.contest?.(value) ?? value)
            : name === 'time' || name === 'other_time'
              ? (namer.time?.(value) ?? value)
              : name === 'decision'
                ? value
                  ? decisionName(value)
                  : word('noDecision')
                : value;
    // A repeated value is a list ({lines}, {options}, {on}, {off}); the first also stands alone ({line}).
    if (list) listed[list] = listed[list] ? `${listed[list]}, ${shown}` : shown;
    if (!(name in values)) values[name] = shown;
  }
  Object.assign(values, listed);
  if (raw.rule) values.quorum = word(raw.rule === 'more-than' ? 'quorumMoreThan' : 'quorumAtLeast', { percent: formatDecimalText(raw.percent ?? '') });
  values.certified = raw.by ? word(raw.at ? 'certifiedByAt' : 'certifiedBy', { by: raw.by, at: raw.at ?? '' }) : '';
  return template[lang()].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
