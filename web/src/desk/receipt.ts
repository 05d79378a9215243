// The receipt a commission prints or saves after a submission (issue 20, item 6): what was
// signed (commission, key, sequence number, the exact body and its signature), the server's
// answer, and where the log holds it with the result of the inclusion-proof check done in
// this browser. Its words are here in kk/ru/en; the server's own texts (what, reasons) are English.
import type { Delivered } from './outbox';

type Lang = 'kk' | 'ru' | 'en';
type Words = Record<string, string>;

const words: Record<Lang, Words> = {
  kk: {
    title: 'Қол қойылған деректерді жіберу түбіртегі', what: 'Не жіберілді', answer: 'Сервердің жауабы',
    accepted: 'қабылданды', rejected: 'қабылданбады', duplicate: 'бұрын алынған', refused: 'бас тартылды',
    reasons: 'Себептері', warnings: 'Ескертулер', commission: 'Комиссия', key: 'Ашық кілт', seq: 'Реттік нөмір',
    created: 'Қол қойылған уақыты', answered: 'Жауап уақыты', version: 'Нұсқа', correction: 'түзету',
    leaf: 'Журналдағы орны (leaf)', size: 'Ағаш өлшемі', root: 'Түбір хэші',
    proof: 'Енгізу дәлелі (осы браузерде тексерілді)', valid: 'дұрыс', invalid: 'ДҰРЫС ЕМЕС', none: 'жоқ',
    photo: 'Фотосуреттің SHA-256', uploaded: 'жүктелді', pending: 'әлі жүктелмеді', signature: 'Қолтаңба', body: 'Қол қойылған мәтін',
    footer: 'Бұл түбіртекті кез келген адам тексере алады: қол қойылған мәтіннің қолтаңбасын ашық кілтпен (docs/api.md) және осы орындағы журнал жазбасын жарияланған журнал бойынша (docs/verify.md).',
  },
  ru: {
    title: 'Квитанция об отправке подписанных данных', what: 'Что отправлено', answer: 'Ответ сервера',
    accepted: 'принят', rejected: 'отклонён', duplicate: 'уже получен ранее', refused: 'отказано',
    reasons: 'Причины', warnings: 'Предупреждения', commission: 'Комиссия', key: 'Открытый ключ', seq: 'Порядковый номер',
    created: 'Подписано', answered: 'Ответ получен', version: 'Версия', correction: 'исправление',
    leaf: 'Номер в журнале (leaf)', size: 'Размер дерева', root: 'Корневой хеш',
    proof: 'Доказательство включения (проверено в этом браузере)', valid: 'верно', invalid: 'НЕ ВЕРНО', none: 'нет',
    photo: 'SHA-256 фотографии', uploaded: 'загружена', pending: 'ещё не загружена', signature: 'Подпись', body: 'Подписанный текст',
    footer: 'Квитанцию может проверить любой: подпись подписанного текста открытым ключом (docs/api.md) и запись журнала с этим номером по опубликованному журналу (docs/verify.md).',
  },
  en: {
    title: 'Receipt of a signed submission', what: 'Submission', answer: "Server's answer",
    accepted: 'accepted', rejected: 'rejected', duplicate: 'received already', refused: 'refused',
    reasons: 'Reasons', warnings: 'Warnings', commission: 'Commission', key: 'Public key', seq: 'Sequence number',
    created: 'Signed at', answered: 'Answered at', version: 'Version', correction: 'correction',
    leaf: 'Leaf index in the log', size: 'Tree size', root: 'Root hash',
    proof: 'Inclusion proof (checked in this browser)', valid: 'valid', invalid: 'NOT VALID', none: 'none',
    photo: 'Photo SHA-256', uploaded: 'uploaded', pending: 'not uploaded yet', signature: 'Signature', body: 'Signed text',
    footer: 'Anyone can check this receipt: the signature of the signed text with the public key (docs/api.md), and the log entry at this leaf index against the published log (docs/verify.md).',
  },
};

type Finding = { relation: string; detail: string };
const findings = (list: unknown): Finding[] => (Array.isArray(list) ? (list as Finding[]) : []);

export function receiptText(d: Delivered, lang: Lang): string {
  const w = words[lang] ?? words.en;
  const { envelope } = d.outgoing;
  const ack = d.ack ?? {};
  const status: string = typeof ack.status === 'string' ? ack.status : 'refused';
  const lines: string[] = [w.title, '='.repeat(w.title.length), ''];
  const row = (label: string, value: string | number) => lines.push(`${label}: ${value}`);
  row(w.what, ack.what ?? d.outgoing.what);
  const answer = `${w[status] ?? status} (HTTP ${d.status}${ack.refusal ? `, ${ack.refusal}` : ''})`;
  row(w.answer, answer);
  if (ack.message) lines.push(`  ${ack.message}`);
  for (const [label, list] of [[w.reasons, ack.reasons], [w.warnings, ack.warnings]] as const) {
    const found = findings(list);
    if (found.length) lines.push(`${label}:`, ...found.map((f) => `  - ${f.relation}: ${f.detail}`));
  }
  if (Number.isSafeInteger(ack.version) && ack.version > 0) row(w.version, `${ack.version}${ack.correction ? ` (${w.correction})` : ''}`);
  lines.push('');
  row(w.commission, envelope.commission);
  row(w.key, envelope.key);
  row(w.seq, envelope.seq);
  row(w.created, d.outgoing.created);
  row(w.answered, d.at);
  if (d.outgoing.photoSha256) row(w.photo, `${d.outgoing.photoSha256} (${d.outgoing.photoSent ? w.uploaded : w.pending})`);
  lines.push('');
  if (d.proof) {
    row(w.leaf, d.proof.leafIndex);
    row(w.size, d.proof.treeSize);
    row(w.root, d.proof.root);
    row(w.proof, d.proof.ok ? w.valid : `${w.invalid}: ${d.proof.detail}`);
  } else {
    row(w.proof, w.none);
  }
  lines.push('', `${w.signature}: ${envelope.signature}`, `${w.body}:`, envelope.body, '', w.footer);
  return lines.join('\n') + '\n';
}

// The same receipt as JSON for saving: the envelope as signed, the server's answer and the proof check.
export function receiptJson(d: Delivered): string {
  const { photo: _photo, ...outgoing } = d.outgoing;
  return JSON.stringify({ receipt: 'saylau-desk-receipt-v1', envelope: outgoing.envelope, route: outgoing.route, created: outgoing.created,
    photo_sha256: outgoing.photoSha256, photo_sent: outgoing.photoSent ?? false, status: d.status, answered_at: d.at, acknowledgement: d.ack,
    proof: d.proof }, null, 2) + '\n';
}
