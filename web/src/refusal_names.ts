// The one home of the wording of a refused submission's reason and of the server's error codes
// in Kazakh, Russian and English: the refusals of intake (src/intake/refusal.cc, an
// acknowledgement's `refusal`) and the `error` of an error body (src/server, ErrorResponse). The
// desk shows them when a protocol is refused; relations.ts falls back to this table.
// web/tests/i18n-keys.test.mjs reads the codes from the C++ source and fails when one has no
// wording here.
import type { Names } from './i18n';

export const refusalNames: Record<string, Names> = {
  // Intake's refusals (src/intake/refusal.cc)
  malformed: { kk: 'Жіберілім оқылмады', ru: 'Сообщение не читается', en: 'Malformed submission' },
  'bad-signature': { kk: 'Қолтаңба жарамсыз', ru: 'Подпись недействительна', en: 'Bad signature' },
  'unknown-key': { kk: 'Кілт тіркелмеген', ru: 'Ключ не зарегистрирован', en: 'Unknown key' },
  'unknown-contest': { kk: 'Мұндай сайлау жоқ', ru: 'Нет такого голосования', en: 'Unknown contest' },
  'unknown-unit': { kk: 'Мұндай бөлімше жоқ', ru: 'Нет такой единицы', en: 'Unknown unit' },
  'not-authorised': { kk: 'Бұл кілтке рұқсат етілмеген', ru: 'Этому ключу не разрешено', en: 'Not authorised for this key' },
  replay: { kk: 'Бұл жіберілім бұрын келген', ru: 'Это сообщение уже получено', en: 'Already received (a replay)' },
  'out-of-order': { kk: 'Реттік нөмір ретінен тыс', ru: 'Порядковый номер не по порядку', en: 'Sequence number out of order' },
  'not-allowed': { kk: 'Қазіргі күйде рұқсат етілмейді', ru: 'Не допускается в текущем состоянии', en: 'Not allowed in the current state' },
  'unknown-head': { kk: 'Мұндай журнал басы жоқ', ru: 'Нет такой вершины журнала', en: 'Unknown tree head' },
  // The server's error bodies (src/server, ErrorResponse)
  'bad-photo': { kk: 'Сурет жарамсыз', ru: 'Фото не принято', en: 'Photo not accepted' },
  'bad-request': { kk: 'Сұрау дұрыс емес', ru: 'Неверный запрос', en: 'Bad request' },
  busy: { kk: 'Сервер бос емес, қайта жіберіңіз', ru: 'Сервер занят, отправьте ещё раз', en: 'Server busy, send again' },
  internal: { kk: 'Сервердің ішкі қатесі', ru: 'Внутренняя ошибка сервера', en: 'Internal server error' },
  'method-not-allowed': { kk: 'Бұл әдіске рұқсат жоқ', ru: 'Метод не разрешён', en: 'Method not allowed' },
  'missing-parameter': { kk: 'Параметр жетіспейді', ru: 'Не хватает параметра', en: 'Missing parameter' },
  'no-bundle': { kk: 'Жарияланған жинақ жоқ', ru: 'Нет опубликованного пакета', en: 'No published bundle' },
  'no-estimate': { kk: 'Бағалау жоқ', ru: 'Оценки нет', en: 'No estimate' },
  'no-senate': { kk: 'Сенат отырысы жоқ', ru: 'Заседания Сената нет', en: 'No Senate sitting' },
  'no-tree-head': { kk: 'Журнал басы әлі жоқ', ru: 'Вершины журнала ещё нет', en: 'No tree head yet' },
  'not-a-commission': { kk: 'Бұл комиссия емес', ru: 'Это не комиссия', en: 'Not a commission' },
  'not-found': { kk: 'Табылмады', ru: 'Не найдено', en: 'Not found' },
  'not-referenced': { kk: 'Ешбір хаттамада аталмаған', ru: 'Не упомянуто ни в одном протоколе', en: 'Not referenced by any protocol' },
  'too-large': { kk: 'Тым үлкен', ru: 'Слишком большой', en: 'Too large' },
  'too-many-connections': { kk: 'Қосылымдар тым көп', ru: 'Слишком много соединений', en: 'Too many connections' },
  unavailable: { kk: 'Қолжетімсіз', ru: 'Недоступно', en: 'Unavailable' },
  'unknown-body': { kk: 'Белгісіз жіберілім түрі', ru: 'Неизвестный вид сообщения', en: 'Unknown kind of submission' },
  'unsupported-media-type': { kk: 'Мазмұн түріне қолдау жоқ', ru: 'Тип содержимого не поддерживается', en: 'Unsupported media type' },
};
