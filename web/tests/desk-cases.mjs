// The protocols and turnout reports of the desk agreement test (desk-agreement.test.mjs): for a
// contest at a station, a valid protocol, then one breaking each built-in relation the desk can
// produce and one breaking each of the form's relations (found by search: the change of one or
// two fields that breaks the relation with the fewest other findings, so a relation added to a
// form is broken here without a new case), and turnout reports breaking each turnout relation.
// A case is { name, entered } (a field -> the text typed), judged by the desk's check.ts.

// A valid protocol of `contest` on `form` (the Kazakh forms and the forms-night test's Russian
// precinct form): each line from a known figure, the valid votes shared among the ballot's options.
export function validProtocol(form, contest) {
  const has = (name) => form.lines.some((line) => line.name === name);
  const entered = {};
  const set = (name, value) => { if (has(name)) entered[name] = String(value); };
  let valid;
  if (has('registered')) {  // the Russian-style form of tests/data/good/forms-night.toml
    set('registered', 1000); set('received', 900); set('issued_early', 10); set('issued_inside', 680);
    set('issued_outside', 10); set('cancelled', 200); set('portable', 20); set('stationary', 680);
    set('invalid', 10); valid = 690; set('valid', valid);
  } else {  // the Kazakh forms (data/forms/kz-forms.toml)
    set('voters', 1000); set('received', 900); set('issued', 700); set('issued_absentee', 5);
    set('issued_outside', 3); set('cancelled', 200); set('found', 700); set('invalid', 10);
    const both = has('both_marked') ? 5 : 0;
    set('both_marked', both);
    valid = 700 - 10 - both;
    set('valid', valid);
  }
  let options = valid;
  for (const line of form.lines) {
    if (line.when_against_all && contest.against_all) { entered[line.name] = '30'; options -= 30; }
  }
  const ballot = contest.ballot;
  ballot.forEach((id, i) => {
    const share = i === ballot.length - 1 ? options : Math.floor((options * (ballot.length - i)) / (ballot.length * 2));
    entered[id] = String(share);
    options -= share;
  });
  return entered;
}

const findingsOf = (checked) => [...checked.violations, ...checked.warnings];

// The change of one or two fields of `base` that breaks `relation` (by the desk's reckoning) with
// the fewest findings in all, or null when none does.
function breaking(check, base, relation) {
  const fields = Object.keys(base);
  const deltas = [1, -1, 7, -7, 300, -300, 500, -500, 1000, -1000];
  let best = null;
  const consider = (entered) => {
    if (Object.values(entered).some((text) => Number(text) < 0)) return;
    const found = findingsOf(check(entered));
    if (!found.some((f) => f.relation === relation)) return;
    if (best === null || found.length < best.count) best = { entered, count: found.length };
  };
  const moved = (entered, field, delta) => ({ ...entered, [field]: String(Number(entered[field]) + delta) });
  for (const field of fields) for (const delta of deltas) consider(moved(base, field, delta));
  if (best !== null && best.count === 1) return best.entered;
  for (const first of fields) {
    for (const second of fields) {
      if (first === second) continue;
      for (const delta of deltas) {
        consider(moved(moved(base, first, delta), second, -delta));
        consider(moved(moved(base, first, delta), second, delta));
      }
    }
  }
  return best === null ? null : best.entered;
}

// The cases of one contest: { name, entered }; `check(entered)` is the desk's checkProtocol for it.
export function protocolCases(form, contest, check, base = validProtocol(form, contest)) {
  const without = (name) => ({ ...base, [name]: '' });
  const firstOption = contest.ballot[0];
  const optional = form.lines.find((line) => !line.required && !line.when_against_all);
  const required = form.lines.find((line) => line.required);
  const cases = [
    { name: 'valid', entered: base },
    { name: 'valid, typed with spaces inside a number', entered: { ...base, [required.name]: ` ${base[required.name].slice(0, 1)} ${base[required.name].slice(1)} ` } },
    { name: 'valid, typed with leading zeros', entered: { ...base, [required.name]: `000${base[required.name]}` } },
    { name: 'readable-lines: letters', entered: { ...base, [required.name]: '7OO' } },
    { name: 'readable-lines: a pasted page of digits', entered: { ...base, [firstOption]: '9'.repeat(100_000) } },
    { name: 'readable-lines: a fraction and a number beyond 64 bits', entered: { ...base, [firstOption]: '1.5', [required.name]: '99999999999999999999' } },
    { name: 'readable-lines: a long text', entered: { ...base, [required.name]: 'сімсот, жеті жүз, seven hundred and more words' } },
    { name: 'lines-present: a required line empty', entered: without(required.name) },
    { name: 'options-exact: an option empty', entered: without(firstOption) },
    { name: 'options-exact: a field that is no line nor option', entered: { ...base, turnout_percent: '70' } },
    { name: 'non-negative: an option below zero', entered: { ...base, [firstOption]: '-1' } },
    { name: 'within-bounds: a line above 10^12', entered: { ...base, [required.name]: '1000000000001' } },
    { name: 'within-bounds and non-negative at the edges of 64 bits', entered: { ...base, [firstOption]: '-9223372036854775808', [required.name]: '9223372036854775807' } },
  ];
  if (optional) {
    cases.push({ name: `valid without the optional line ${optional.name}`, entered: without(optional.name) });
  }
  for (const line of form.lines.filter((l) => l.when_against_all)) {
    cases.push({ name: `options-exact: ${line.name} empty`, entered: without(line.name) });
  }
  for (const relation of form.relations) {
    const entered = breaking(check, base, relation.name);
    if (entered !== null) cases.push({ name: `${relation.severity} ${relation.name}`, entered });
  }
  return cases;
}

// A runoff's round two: its two options and an option that is not on the ballot.
export function runoffCases(form, contest) {
  const base = validProtocol(form, contest);
  const off = contest.options.map((o) => o.id).find((id) => !contest.ballot.includes(id));
  return [
    { name: 'round 2 valid (the two options only)', entered: base },
    { name: 'on-ballot: an option of round one beside the two', entered: { ...base, [off]: '0' } },
  ];
}

// Turnout reports at a station: { name, entered: { time, voters, issued }, before? } where
// `before` is a report accepted at the same station first (for non-decreasing-through-the-day).
export function turnoutCases() {
  return [
    { name: 'valid turnout at 10:00', entered: { time: '10:00', voters: '1000', issued: '120' } },
    { name: 'valid turnout at close', entered: { time: 'close', voters: '1000', issued: '1000' } },
    { name: 'known-time: 09:00', entered: { time: '09:00', voters: '1000', issued: '120' } },
    { name: 'known-time and readable-lines', entered: { time: 'noon', voters: 'a thousand', issued: '' } },
    { name: 'readable-lines: issued missing', entered: { time: '12:00', voters: '1000', issued: '' } },
    { name: 'non-negative', entered: { time: '12:00', voters: '-5', issued: '-1' } },
    { name: 'within-bounds', entered: { time: '14:00', voters: '1000000000001', issued: '5' } },
    { name: 'issued-within-voters', entered: { time: '16:00', voters: '1000', issued: '1001' } },
    { name: 'non-decreasing-through-the-day: below an earlier time', before: { time: '12:00', voters: '1000', issued: '500' },
      entered: { time: '14:00', voters: '1000', issued: '499' } },
    { name: 'non-decreasing-through-the-day: above a later time', before: { time: '18:00', voters: '1000', issued: '500' },
      entered: { time: '10:00', voters: '1000', issued: '501' } },
    { name: 'valid after an earlier time', before: { time: '10:00', voters: '1000', issued: '100' },
      entered: { time: '12:00', voters: '1000', issued: '100' } },
  ];
}

// Attendance reports at a Senate sitting of `electors` electors (election day `day`): { name,
// entered, before?, defined? } where `defined` asks for a sitting whose contest defines its
// electors (electors-as-defined) and `undefined_` for one that does not.
export function attendanceCases(electors, day) {
  const e = String(electors);
  const more = String(electors + 1);
  return [
    { name: 'valid attendance at 10:05', entered: { time: '10:05', voters: e, issued: '9' } },
    { name: 'valid attendance at a dated time with seconds', entered: { time: `${day}T10:20:30`, voters: e, issued: '12' } },
    { name: 'attendance-time: 25:00', entered: { time: '25:00', voters: e, issued: '9' } },
    { name: 'attendance-time: 40 days after', entered: { time: `${addDays(day, 40)}T10:00`, voters: e, issued: '9' } },
    { name: 'attendance-time: a day before', entered: { time: `${addDays(day, -1)}T10:00`, voters: e, issued: '9' } },
    { name: 'readable-lines: present missing', entered: { time: '10:05', voters: e, issued: '' } },
    { name: 'non-negative', entered: { time: '10:05', voters: e, issued: '-1' } },
    { name: 'within-bounds', entered: { time: '10:05', voters: '1000000000001', issued: '3' } },
    { name: 'present-within-electors', entered: { time: '10:05', voters: e, issued: more } },
    { name: 'electors-as-defined', defined: true, entered: { time: '10:05', voters: more, issued: '3' } },
    { name: 'same-electors', undefined_: true, before: { time: '10:05', voters: e, issued: '9' },
      entered: { time: '10:20', voters: more, issued: '15' } },
    { name: 'non-decreasing-through-the-sitting', before: { time: '10:20', voters: e, issued: '15' },
      entered: { time: '10:05', voters: e, issued: '20' } },
  ];
}

function addDays(day, days) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
