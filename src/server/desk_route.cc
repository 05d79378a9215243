// GET /api/v1/desk?key= (desk_view.h): read on the writer thread under the shared lock, so the
// live state and the units' stored history are of one point, and kept per key like the hot
// reads' snapshots: a strong ETag (304 while nothing changed, for a desk that polls) and gzip (a
// district's answer is tens of kilobytes on a rural connection). A refused key (400, 403, 404)
// is answered without entering the cache. Public keys are public: so that asking for the CEC's
// desk after every change cannot make the writer thread walk every station each time, a key's
// answer is reused for desk_reuse_ after the count moved on, unless the key itself sent
// something since (its last_seq moved: the desk sees its own writes at once).
#include <algorithm>

#include "api.h"
#include "desk_view.h"
#include "views.h"

namespace saylau::server {

void Api::ReadDesk(const HttpRequest& request, const Query& query, Reply reply) {
  std::string key = query.Value("key");
  std::replace(key.begin(), key.end(), ' ', '+');  // as DeskRefusal reads it: one cache entry per key
  committer_.Read([this, request, key, reply](service::ResultsService& service) {
    if (std::optional<HttpResponse> refused = DeskRefusal(service, key)) return reply(std::move(*refused));
    const std::int64_t last_seq = service.LastKeySeq(key);
    const auto now = std::chrono::steady_clock::now();
    const std::string target = "/api/v1/desk\n" + key;
    // Over the budget, whatever is kept for the key is good enough unless the key itself sent
    // something since (only its holder can: those builds are bounded by its own writes); with
    // nothing kept, busy.
    const bool over_budget = desk_budget_.Exhausted(now);
    if (over_budget && !desk_snapshots_.Has(target)) {
      metrics_.CountHttpError(Metrics::HttpError::kOverCapacity);
      return reply(ErrorResponse(503, "busy",
                                 "the desk's answers took their share of the server for now: ask again in a second"));
    }
    const std::shared_ptr<const Snapshot> snapshot = desk_snapshots_.Get(
        target, state_.generation.load(),
        [&](const Snapshot& kept) {
          return kept.status == 200 && kept.tag == last_seq && (over_budget || now - kept.built_at < desk_reuse_);
        },
        [&] {
          const auto started = std::chrono::steady_clock::now();
          HttpResponse built = DeskResponse(service, desk_history_, key);
          desk_budget_.Spend(started, std::chrono::steady_clock::now());
          return SnapshotCache::Built{built.status, std::move(built.content_type), std::move(built.body), last_seq};
        });
    metrics_.SetSnapshotCounts(snapshots_.hits() + desk_snapshots_.hits(),
                               snapshots_.builds() + desk_snapshots_.builds());
    reply(Conditional(request, snapshot->status, snapshot->content_type, snapshot->body, snapshot->gzipped,
                      snapshot->status == 200 ? snapshot->etag : std::string()));
  });
}

}  // namespace saylau::server
