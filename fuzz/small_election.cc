#include "small_election.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/store/store.h"

namespace saylau::fuzz {

const std::string_view kSmallDefinition = R"toml(
[election]
id = "night"
date = 2023-03-19
name = { en = "Test night" }

[[units]]
id = "c"
kind = "country"
name = { en = "Country" }
registered_voters = 3000

[[units]]
id = "r1"
parent = "c"
kind = "region"
name = { en = "Region 1" }
polls_close = "20:00"

[[units]]
id = "r2"
parent = "c"
kind = "region"
name = { en = "Region 2" }
polls_close = "21:00"

[[units]]
id = "d1"
parent = "r1"
kind = "constituency"
name = { en = "District 1" }

[[parties]]
id = "a"
name = "Party A"
registration_order = 1

[[parties]]
id = "b"
name = "Party B"
registration_order = 2

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "c"
against_all = true
seats = 10
method = "hare"
threshold = { percent = 5, base = "valid-with-against-all" }
options = ["a", "b"]
result_deadline = "P10D"

[[contests]]
id = "seat"
kind = "single_member"
name = "District seat"
unit = "d1"
against_all = true
result_deadline = "P10D"

[[contests.candidates]]
id = "x"
name = "Candidate X"

[[contests.candidates]]
id = "y"
name = "Candidate Y"

[[contests]]
id = "ref"
kind = "referendum"
name = "Question"
question = "Yes or no?"
unit = "c"
turnout_percent = 50
yes_percent = 50
base = "took-part"
units_share = "2/3"
national_majority = true
result_deadline = "P7D"
)toml";

const std::string_view kSmallStations =
    "id,parent,registered_voters,settlement,name_en\n"
    "s1,d1,1000,urban,Station 1\n"
    "s2,d1,1000,rural,Station 2\n"
    "s3,r2,1000,rural,Station 3\n";

namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz setup failed: %s\n", what.c_str());
  std::abort();
}

crypto::KeyPair Seeded(std::string commission, char fill) {
  return crypto::KeyPairFromSeed(std::move(commission), std::string(32, fill));
}

}  // namespace

const core::Election& SmallElection() {
  static const core::Election* election = [] {
    Result<core::Election> parsed = formats::ParseDefinition(kSmallDefinition, "small.toml");
    if (!parsed) Fail(parsed.error().message);
    Result<core::Election> with = formats::AddStations(*parsed, kSmallStations, "small-stations.csv");
    if (!with) Fail(with.error().message);
    return new core::Election(std::move(*with));
  }();
  return *election;
}

const crypto::KeyPair& CecKey() {
  static const crypto::KeyPair key = Seeded("c", 'c');
  return key;
}
const crypto::KeyPair& StationKey() {
  static const crypto::KeyPair key = Seeded("s1", 's');
  return key;
}
const crypto::KeyPair& ObserverKey() {
  static const crypto::KeyPair key = Seeded("obs", 'o');
  return key;
}
const crypto::KeyPair& LogKey() {
  static const crypto::KeyPair key = Seeded("log", 'l');
  return key;
}

std::unique_ptr<service::ResultsService> OpenSmallService(bool with_protocols) {
  std::vector<store::DefinitionFile> files = {{"small.toml", "definition", std::string(kSmallDefinition)},
                                              {"small-stations.csv", "stations", std::string(kSmallStations)}};
  Result<std::unique_ptr<service::ResultsService>> opened =
      service::ResultsService::Open(store::CreateMemoryStore(std::move(files)));
  if (!opened) Fail(opened.error().message);
  std::unique_ptr<service::ResultsService> service = std::move(*opened);
  const std::string at = "2023-03-19T00:00:00Z";
  for (const crypto::KeyPair* key : {&CecKey(), &StationKey()}) {
    if (Status ok = service->AddKey(key->commission, key->public_key, at); !ok) Fail(ok.error().message);
  }
  const store::RegisteredObserver observer{"obs", "Citizens' Watch", "citizen",
                                           crypto::ToBase64(ObserverKey().public_key), at};
  if (Status ok = service->AddObservers(std::span(&observer, 1)); !ok) Fail(ok.error().message);
  if (Status ok = service->SetLogKey(LogKey()); !ok) Fail(ok.error().message);
  if (with_protocols) {
    std::vector<formats::Submission> batch;
    for (const char* unit : {"s1", "s2"}) {
      const std::string line = std::string(R"({"contest":"list","unit":")") + unit +
                               R"(","lines":{"voters":1000,"received":1010,"issued":600,"cancelled":410,)"
                               R"("found":600,"valid":590,"invalid":10,"a":400,"b":170,"against_all":20}})";
      Result<formats::Submission> parsed = formats::ParseSubmissionJson(line, "fuzz-setup");
      if (!parsed) Fail(parsed.error().message);
      batch.push_back(std::move(*parsed));
    }
    Result<std::vector<service::Acknowledgement>> acks = service->Submit(batch, at);
    if (!acks) Fail(acks.error().message);
  }
  return service;
}

}  // namespace saylau::fuzz
