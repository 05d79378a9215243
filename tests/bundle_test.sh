#!/usr/bin/env bash
# The public bundle end to end, with the real binary, server, signatures and nginx:
#   a small signed election night through `saylau serve` (a rejected protocol, observers' copies
#   of which one differs, two witnessed heads, preliminary certification) -> `saylau publish` ->
#   `saylau verify` passes and reports the observer's flag; then every tamper case fails with
#   the right place named (a forged definition or key, edited/emptied/deleted open data, a file
#   added, a rolled-back or forked log against a head saved earlier, heads that bind nothing);
#   the NIST export validates against the official schema (Ajv); the static snapshot served by
#   nginx reads back the same documents.
# Usage: tests/bundle_test.sh SAYLAU WORKDIR
set -euo pipefail
saylau=$(realpath "$1")
work=$2
src=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$work"
mkdir -p "$work"
cd "$work"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 200); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.05; done; echo "no answer from $1"; exit 1; }
# A loopback port nobody answers on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

echo "== a signed night of 120 stations through saylau serve"
"$saylau" synth "$src/elections/kz/2023-03-19-mazhilis.toml" --seed 7 --stations 120 --out night >/dev/null
"$saylau" init "$src/elections/kz/2023-03-19-mazhilis.toml" --db n.db --stations night/stations.csv >/dev/null
"$saylau" keys gen --all --db n.db --out keys >/dev/null
log_key=$("$saylau" keys log --out log.key | awk '/^public key:/ { print $3 }')
"$saylau" observers add --db n.db --id watch-1 --org "Citizens' Watch" --kind citizen --out okeys >/dev/null
"$saylau" observers add --db n.db --id osce --org "OSCE/ODIHR" --kind international --out okeys >/dev/null
port=$(free_port)
url="http://127.0.0.1:$port"
"$saylau" serve --db n.db --listen "127.0.0.1:$port" --log-key log.key --web /nonexistent >serve.log 2>&1 &
pids+=($!)
wait_for "$url/healthz"
# One protocol with a mistake (valid + 7): rejected, and logged as rejected.
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; ++i) c[$i] = i; print; next } NR == 2 { $c["valid"] += 7 } { print }' \
  night/protocols.csv >protocols.csv
# The second station scans its signed paper protocol (a 1x1 PNG stands in for the scan).
photographed=$(awk -F, 'NR == 3 { print $2 }' night/protocols.csv)
mkdir -p photos
echo 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' | base64 -d \
  >"photos/$photographed.png"
# The fifth station scans each ballot's protocol on its own (UNIT.CONTEST.ext): this one is the
# party-list protocol's only, not its district ballot's.
perprotocol=$(awk -F, 'NR == 6 { print $2 }' night/protocols.csv)
printf '%%PDF-1.4\n%% the party-list protocol of %s\n' "$perprotocol" >"photos/$perprotocol.mazhilis-list.pdf"
"$saylau" submit --server "$url" --keys keys --photos photos night/turnout.csv protocols.csv >submit.log || true
grep -q "uploaded 2 of 2 paper protocol photos" submit.log || fail "the paper protocols' photos were not uploaded: $(tail -3 submit.log)"
own_photo=$(sha256sum "photos/$perprotocol.mazhilis-list.pdf" | cut -d' ' -f1)
curl -sf "$url/api/v1/protocols?unit=$perprotocol" | node -e '
  const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const photos = d.submissions.filter((s) => s.kind === "protocol").map((s) => `${s.contest.startsWith("mazhilis-smd") ? "smd" : s.contest}=${s.body.photo_sha256 || "none"}`);
  console.log(photos.sort().join(" "));' >own-photo.txt
[[ "$(cat own-photo.txt)" == "mazhilis-list=$own_photo smd=none" ]] ||
  fail "the photo of one ballot's protocol is not that protocol's alone: $(cat own-photo.txt)"
photo=$(sha256sum "photos/$photographed.png" | cut -d' ' -f1)
curl -sf "$url/api/v1/photos/$photo" | cmp -s - "photos/$photographed.png" || fail "GET /api/v1/photos/$photo does not return the photo"
grep -q "1 rejected" submit.log || fail "the broken protocol was not rejected: $(tail -2 submit.log)"
"$saylau" witness --server "$url" --key okeys/osce.key --state osce.head >/dev/null
# Observers' copies: watch-1 saw 5 more AMANAT votes at the third station; osce's copy matches.
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; ++i) c[$i] = i; print; next }
  NR == 4 { $c["amanat"] += 5; print }' night/protocols.csv >copy-differs.csv
awk -F, 'NR == 1 || NR == 5' night/protocols.csv >copy-matches.csv
flagged=$(awk -F, 'NR == 4 { print $2 }' night/protocols.csv)
"$saylau" submit --server "$url" --key okeys/watch-1.key --observer copy-differs.csv >/dev/null
"$saylau" submit --server "$url" --key okeys/osce.key --observer copy-matches.csv >/dev/null
# A report without figures (docs/observer-reports.md): watch-1 was kept from the count at the
# fourth station. A file with one bad row is refused whole, at its line, before anything is sent.
kept_out=$(awk -F, 'NR == 5 { print $2 }' night/protocols.csv)
printf 'contest,unit,observation,observed_at,note\nmazhilis-list,%s,counting-not-observed,2023-03-19T20:40:00+05:00,"Asked to wait in the corridor, door closed"\n' \
  "$kept_out" >report.csv
{ cat report.csv; echo "mazhilis-list,$kept_out,fell-asleep,2023-03-19T21:00:00+05:00,"; } >bad-report.csv
if "$saylau" submit --server "$url" --key okeys/watch-1.key --observer bad-report.csv 2>bad-report.log; then
  fail "a report with an unknown reason was accepted"
fi
grep -q "bad-report.csv:3: field 'observation': unknown reason 'fell-asleep'" bad-report.log ||
  fail "the bad report is not refused at its line: $(cat bad-report.log)"
"$saylau" submit --server "$url" --key okeys/watch-1.key --observer report.csv >report.log ||
  fail "the report without figures was not accepted: $(cat report.log)"
curl -sf "$url/api/v1/observers" | grep -q "\"observation\":\"counting-not-observed\"" ||
  fail "the API does not list the report without figures"
[[ $(curl -sf "$url/api/v1/observers" | grep -o '"observation":"counting-not-observed"' | wc -l) == 1 ]] ||
  fail "the refused file sent part of itself"
# A commission may not pose as an observer, nor an observer as a commission.
if "$saylau" submit --server "$url" --key "keys/$flagged.key" --observer copy-matches.csv >/dev/null; then
  fail "a commission's key was accepted for an observer's copy"
fi
"$saylau" certify --server "$url" --key keys/kz.key --stage preliminary >/dev/null
"$saylau" witness --server "$url" --key okeys/osce.key --state osce.head | grep -q "consistent with the head seen before" ||
  fail "the second witness did not check consistency with the first"
curl -sf "$url/api/v1/observers" | grep -q "\"unit\":\"$flagged\"" || fail "the API does not flag $flagged"
# What an observer keeps (docs/verify.md): the signed head as served now.
curl -sf "$url/api/v1/log/head" >known-head.json
kill "${pids[0]}"
wait "${pids[0]}" 2>/dev/null || true
pids=()

echo "== publish and verify"
"$saylau" publish --db n.db --out bundle --static static --log-key log.key >publish.log
if "$saylau" verify bundle --log-key "$log_key" --known-head known-head.json >verify.log; then
  pass "saylau verify on the untouched bundle (with the head saved from the server)"
else
  fail "saylau verify failed on the untouched bundle:"; cat verify.log
fi
grep -q "station $flagged (mazhilis-list): observer 'watch-1' (Citizens' Watch); amanat: counted" verify.log ||
  fail "verify does not report the observer's flag at $flagged"
grep -q "witnessed heads" verify.log || fail "verify did not check the witnessed heads"
[[ -f "bundle/photos/$photo.png" ]] || fail "the bundle does not publish the paper protocol's photo"
grep -q "station $kept_out (mazhilis-list): observer 'watch-1' (Citizens' Watch) reports counting-not-observed at 2023-03-19T20:40:00+05:00: Asked to wait" verify.log ||
  fail "verify does not report the observer's report without figures at $kept_out"
grep -E "observers' reports .* 1  ok" verify.log >/dev/null || fail "verify did not recompute the reports: $(grep "reports" verify.log)"
[[ -f "bundle/observer-reports.json" ]] || fail "the bundle does not publish the observers' reports"
grep -E "photos of paper protocols.* 4  ok" verify.log >/dev/null || fail "verify did not check the photo: $(grep photos verify.log)"
grep -E "definition and keys bound to every signed head .* ok" verify.log >/dev/null ||
  fail "verify did not check the heads' binding: $(grep bound verify.log)"
grep -E "signed manifest: every published file .* ok" verify.log >/dev/null || fail "verify did not check the manifest"
grep -E "extends the head saved earlier .* ok" verify.log >/dev/null || fail "verify did not check --known-head"

# tamper NAME EXPECTED-TEXT: edit a copy of the bundle (the commands on stdin run inside it),
# then verify must exit 1 and name the place.
tamper() {
  local name=$1 expected=$2
  rm -rf "t-$name"
  cp -r bundle "t-$name"
  (cd "t-$name" && bash -e)
  local status=0
  "$saylau" verify "t-$name" --log-key "$log_key" --show 200 >"t-$name.log" || status=$?
  if [[ $status -ne 1 ]]; then
    fail "$name: verify exited $status, not 1"
  elif ! grep -qF -- "$expected" "t-$name.log"; then
    fail "$name: the report does not say '$expected':"; sed -n '/RESULT/,$p' "t-$name.log" | head -8
  else
    pass "$name: $(grep -F -- "$expected" "t-$name.log" | head -1 | sed 's/^ *//' | cut -c1-150)"
  fi
}
entries=log/entries.jsonl
# The line of the first accepted protocol, and its amanat count in the signed body.
line=$(grep -m1 -n '"kind":"protocol","verdict":"accepted"' bundle/$entries | cut -d: -f1)
tamper digit-in-protocol "log/entries.jsonl:$line: the signature does not verify" <<EDIT
sed -i '${line}s/\\\\"amanat\\\\":\([0-9]\)/\\\\"amanat\\\\":1\1/' $entries
EDIT
tamper dropped-entry "log/heads.jsonl" <<EDIT
sed -i '${line}d' $entries
EDIT
tamper reordered-entries "does not match the entries" <<EDIT
awk 'NR == 5 { held = \$0; next } NR == 9 { print; print held; next } { print }' $entries >x && mv x $entries
EDIT
tamper replaced-signature "log/entries.jsonl:$line: the signature does not verify" <<EDIT
other=\$(sed -n '$((line + 1))p' $entries | sed 's/.*"signature":"\([^"]*\)".*/\1/')
sed -i "${line}s|\"signature\":\"[^\"]*\"|\"signature\":\"\$other\"|" $entries
EDIT
tamper edited-total "results/mazhilis-list.json totals at kz (round 1): line 'amanat'" <<'EDIT'
node -e '
  const fs = require("fs"); const f = "results/mazhilis-list.json"; const d = JSON.parse(fs.readFileSync(f));
  d.totals.find(t => t.unit === "kz").lines.amanat += 1; fs.writeFileSync(f, JSON.stringify(d));'
EDIT
tamper edited-seats "results/mazhilis-list.json /outcome/seats/auyl: published 9, recomputed 8" <<'EDIT'
node -e '
  const fs = require("fs"); const f = "results/mazhilis-list.json"; const d = JSON.parse(fs.readFileSync(f));
  d.outcome.seats.auyl += 1; fs.writeFileSync(f, JSON.stringify(d));'
EDIT
tamper edited-elected-name "results/mazhilis-list.json /outcome/elected/0/candidates/0/name/en" <<'EDIT'
node -e '
  const fs = require("fs"); const f = "results/mazhilis-list.json"; const d = JSON.parse(fs.readFileSync(f));
  d.outcome.elected[0].candidates[0].name.en = "Somebody Else"; fs.writeFileSync(f, JSON.stringify(d));'
EDIT
tamper edited-nist "open-data/nist-1500-100.json /Election/0/Contest/0/ContestSelection/0/VoteCounts/0/Count: published" <<'EDIT'
node -e '
  const fs = require("fs"); const f = "open-data/nist-1500-100.json"; const d = JSON.parse(fs.readFileSync(f));
  d.Election[0].Contest[0].ContestSelection[0].VoteCounts[0].Count += 1; fs.writeFileSync(f, JSON.stringify(d, null, 1) + "\n");'
EDIT
tamper forged-head "log/heads.jsonl:1: the tree head's signature does not verify" <<'EDIT'
sed -i '1s/"size":\([0-9]*\)/"size":1\1/' log/heads.jsonl
EDIT
tamper changed-photo "photos/$photo.png: the file's SHA-256 is not its name" <<EDIT
printf 'x' >>photos/$photo.png
EDIT
tamper missing-photo "names the photo $photo of its paper original, but photos/ has no such file" <<EDIT
rm photos/$photo.png
EDIT
tamper hidden-flag "observer-flags.json" <<'EDIT'
echo '{"flags":[]}' >observer-flags.json
EDIT
tamper hidden-report "observer-reports.json /reports/0: published nothing" <<'EDIT'
node -e '
  const fs = require("fs"); const f = "observer-reports.json"; const d = JSON.parse(fs.readFileSync(f));
  d.reports = []; fs.writeFileSync(f, JSON.stringify(d, null, 1) + "\n");'
EDIT
# The definition and keys are bound to every signed head; every file to the signed manifest.
tamper forged-definition "definition hash differs: the bundle's definition is not the one that was signed" <<'EDIT'
sed -i 's/^threshold = { percent = 5,/threshold = { percent = 9,/' definition/*.toml
grep -q 'percent = 9' definition/*.toml
EDIT
tamper forged-seats "definition hash differs" <<'EDIT'
sed -i '0,/^seats = [0-9]*/s/^seats = \([0-9]*\)/seats = 1\1/' definition/*.toml
EDIT
tamper forged-key "keys hash differs" <<'EDIT'
node -e '
  const fs = require("fs"); const k = JSON.parse(fs.readFileSync("keys.json"));
  [k[1].public_key, k[2].public_key] = [k[2].public_key, k[1].public_key]; fs.writeFileSync("keys.json", JSON.stringify(k) + "\n");'
EDIT
tamper edited-open-data "open-data/protocols.csv: edited" <<'EDIT'
# The last line column (before the warnings) of the first row.
sed -i '2s/,\([0-9]\)\([0-9]*\),\([^,]*\)$/,9\2,\3/' open-data/protocols.csv
EDIT
# The log key's holder re-signs the manifest over an edited CSV: the recomputation still names it.
tamper resigned-open-data "open-data/protocols.csv:2: published" <<EDIT
sed -i '2s/,\\([0-9]\\)\\([0-9]*\\),\\([^,]*\\)\$/,9\\2,\\3/' open-data/protocols.csv
node -e '
  const fs = require("fs"), crypto = require("crypto");
  const secret = Buffer.from(JSON.parse(fs.readFileSync(process.argv[1])).secret_key, "base64");
  const key = crypto.createPrivateKey({ key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"),
    secret.subarray(0, 32)]), format: "der", type: "pkcs8" });
  const m = JSON.parse(fs.readFileSync("manifest.json")); const csv = fs.readFileSync("open-data/protocols.csv");
  const f = m.files.find((f) => f.path === "open-data/protocols.csv");
  f.bytes = csv.length; f.sha256 = crypto.createHash("sha256").update(csv).digest("hex");
  const text = JSON.stringify(m, null, 1) + "\\n"; fs.writeFileSync("manifest.json", text);
  const signature = crypto.sign(null, Buffer.from("saylau-manifest-v1\\n" + text), key).toString("base64");
  fs.writeFileSync("manifest.sig", JSON.stringify({ key: JSON.parse(fs.readFileSync(process.argv[1])).public_key, signature }) + "\\n");' "$PWD/log.key"
EDIT
tamper emptied-open-data "open-data/protocols.csv: emptied" <<'EDIT'
: >open-data/protocols.csv
EDIT
tamper deleted-open-data "open-data/protocols.csv: missing" <<'EDIT'
rm open-data/protocols.csv
EDIT
tamper added-file "open-data/extra.csv: not in the signed manifest" <<'EDIT'
echo 'unit,votes' >open-data/extra.csv
EDIT
tamper edited-manifest "manifest.sig: the signature does not verify" <<'EDIT'
sed -i 's/"sha256": "\([0-9a-f]\)/"sha256": "0/' manifest.json
EDIT
tamper unsigned-manifest "manifest.sig: missing" <<'EDIT'
rm manifest.sig
EDIT
# Heads that bind nothing, validly signed with the log key as version-1 heads were (the
# operator holds the key): no downgrade.
tamper unbound-heads "is not bound to a definition and keys" <<EDIT
node -e '
  const fs = require("fs"), crypto = require("crypto");
  const secret = Buffer.from(JSON.parse(fs.readFileSync(process.argv[1])).secret_key, "base64");
  const key = crypto.createPrivateKey({ key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"),
    secret.subarray(0, 32)]), format: "der", type: "pkcs8" });
  const lines = fs.readFileSync("log/heads.jsonl", "utf8").trim().split("\\n");
  const out = lines.map((l) => { const h = JSON.parse(l);
    for (const f of ["definition", "keys", "keys_count", "observers_count"]) delete h[f];
    const input = "saylau-tree-head-v1\\n" + h.size + "\\n" + h.root + "\\n" + h.timestamp;
    h.signature = crypto.sign(null, Buffer.from(input), key).toString("base64"); return JSON.stringify(h); });
  fs.writeFileSync("log/heads.jsonl", out.join("\\n") + "\\n");' "$PWD/log.key"
EDIT

echo "== the database changed behind saylau's back"
cp n.db forged.db
sqlite3 forged.db "DROP TRIGGER definition_files_no_update;
  UPDATE definition_files SET content = replace(content, 'threshold = { percent = 5,', 'threshold = { percent = 9,')
  WHERE role = 'definition';"
status=0
"$saylau" publish --db forged.db --out forged --log-key log.key >forged.log 2>&1 || status=$?
if [[ $status -ne 0 ]] && grep -q "stored definition is not the one bound to the log's tree head" forged.log; then
  pass "publish refuses a database whose definition was changed (threshold 5 % -> 9 %): $(head -1 forged.log | cut -c1-120)"
else
  fail "publish of the forged database exited $status: $(head -3 forged.log)"
fi
if sqlite3 n.db "UPDATE definition_files SET role = role" 2>/dev/null; then fail "definition files can be updated"; fi
if sqlite3 n.db "DELETE FROM photos" 2>/dev/null; then fail "photos can be deleted"; fi
if sqlite3 n.db "DELETE FROM observers" 2>/dev/null; then fail "observers can be deleted"; fi
if sqlite3 n.db "DELETE FROM tree_heads" 2>/dev/null; then fail "tree heads can be deleted"; fi

echo "== a rolled-back log and a forked log against the head saved earlier"
# Cut the log back to its second-to-last signed head (triggers dropped, as an operator could).
cut_size=$(sqlite3 n.db "SELECT size FROM tree_heads ORDER BY size DESC LIMIT 1 OFFSET 1")
cp n.db cut.db
sqlite3 cut.db "DROP TRIGGER submissions_no_delete; DROP TRIGGER tree_heads_no_delete;
  DELETE FROM submissions WHERE seq > $cut_size; DELETE FROM tree_heads WHERE size > $cut_size;"
"$saylau" publish --db cut.db --out rolled-back --log-key log.key >/dev/null
if "$saylau" verify rolled-back --log-key "$log_key" >rolled-back-alone.log; then
  pass "the rolled-back bundle verifies on its own (size $cut_size): only a saved head shows the rollback"
else
  fail "the rolled-back bundle does not verify on its own:"; sed -n '/RESULT/,$p' rolled-back-alone.log | head -5
fi
status=0
"$saylau" verify rolled-back --log-key "$log_key" --known-head known-head.json >rolled-back.log || status=$?
if [[ $status -eq 1 ]] && grep -q -- "--known-head known-head.json: rollback: the bundle's log ends at size $cut_size" rolled-back.log; then
  pass "rolled-back: $(grep -- 'rollback' rolled-back.log | head -1 | sed 's/^ *//' | cut -c1-150)"
else
  fail "the rolled-back bundle with --known-head exited $status:"; sed -n '/RESULT/,$p' rolled-back.log | head -5
fi
# A fork: the cut log grows another way (a witness countersigns), served with the same log key.
port=$(free_port)
"$saylau" serve --db cut.db --listen "127.0.0.1:$port" --log-key log.key --web /nonexistent >serve-fork.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/healthz"
"$saylau" witness --server "http://127.0.0.1:$port" --key okeys/watch-1.key --state fork.head >/dev/null
curl -sf "http://127.0.0.1:$port/api/v1/log/head" >fork-head.json
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
status=0
"$saylau" verify bundle --log-key "$log_key" --known-head fork-head.json >forked.log || status=$?
if [[ $status -eq 1 ]] && grep -q -- "--known-head fork-head.json: fork: the bundle's log had root" forked.log; then
  pass "forked: $(grep -- 'fork:' forked.log | head -1 | sed 's/^ *//' | cut -c1-150)"
else
  fail "the bundle against a forked head exited $status:"; sed -n '/RESULT/,$p' forked.log | head -5
fi
# The witness's own state file is a saved head too.
if "$saylau" verify bundle --log-key "$log_key" --known-head osce.head >/dev/null; then
  pass "a witness's --state file works as --known-head"
else
  fail "verify --known-head osce.head failed on the untouched bundle"
fi
# The untouched bundle checked against another log key than the one that signed it.
status=0
"$saylau" verify bundle --log-key "$(grep -o '"public_key": *"[^"]*"' okeys/osce.key | sed 's/.*"\([^"]*\)"$/\1/')" \
  >wrong-key.log || status=$?
if [[ $status -eq 1 ]] && grep -q "not the log key" wrong-key.log; then
  pass "heads not signed by the pinned log key fail"
else
  fail "verify --log-key with another key did not fail (exit $status)"
fi

echo "== the NIST SP 1500-100 export against the official schema"
if node "$src/web/tests/validate-nist.mjs" bundle/open-data/nist-1500-100.json; then pass "NIST export validates"; else fail "NIST export does not validate"; fi
# The persons who took the list seats are the NIST export's winners: one Candidate per seat won.
winners=$(node -e '
  const d = JSON.parse(require("fs").readFileSync("bundle/open-data/nist-1500-100.json"));
  const won = (d.Election[0].Candidate || []).filter((c) => c["@id"].startsWith("can-mazhilis-list-") &&
    ["winner", "projected-winner"].includes(c.PostElectionStatus));
  console.log(won.length);')
[[ "$winners" == 69 ]] && pass "NIST export: 69 list candidates are winners" || fail "NIST export: $winners list winners, not 69"

echo "== the static snapshot served by nginx"
nginx_port=$(free_port)
mkdir -p nginx
# As root, nginx's workers would run as nobody and could not read a work directory that only
# root may enter (a clone under mktemp -d is 0700): run them as the user that wrote the files.
nginx_user=""
if [[ $(id -u) -eq 0 ]]; then nginx_user="user root;"; fi
cat >nginx/nginx.conf <<CONF
$nginx_user
worker_processes 1;
daemon off;
pid $PWD/nginx/nginx.pid;
error_log $PWD/nginx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $PWD/static; default_type application/json; }
  }
}
CONF
nginx -c "$PWD/nginx/nginx.conf" -p "$PWD/nginx" &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/index.json"
curl -sf "http://127.0.0.1:$nginx_port/index.json" >served-index.json
node -e '
  const fs = require("fs");
  const [index, port, bundle] = [JSON.parse(fs.readFileSync("served-index.json")), process.argv[1], process.argv[2]];
  (async () => {
    let same = 0;
    for (const [name, object] of Object.entries(index.documents)) {
      const served = await (await fetch(`http://127.0.0.1:${port}/${object}`)).text();
      const hash = require("crypto").createHash("sha256").update(served).digest("hex");
      if (!object.includes(hash)) throw new Error(`${object}: served bytes do not hash to their name`);
      if (name.startsWith("results/")) {
        const published = JSON.parse(fs.readFileSync(`${bundle}/${name}`));
        if (JSON.stringify(JSON.parse(served)) !== JSON.stringify(published)) throw new Error(`${name} differs`);
      }
      same += 1;
    }
    console.log(`ok:   nginx served ${same} documents; each hashes to its name; results equal the bundle`);
  })().catch(e => { console.log("FAIL: " + e.message); process.exit(1); });' "$nginx_port" bundle || failures=$((failures + 1))

echo
if [[ $failures -eq 0 ]]; then echo "bundle_test: all passed"; else echo "bundle_test: $failures failed"; exit 1; fi
