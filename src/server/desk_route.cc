// GET /api/v1/desk?key= (desk_view.h): read on the writer thread under the shared lock, so the
// live state and the units' stored history are of one point, and kept per key until the state
// changes, like the hot reads' snapshots: a strong ETag (304 while nothing changed, for a desk
// that polls) and gzip (a district's answer is tens of kilobytes on a rural connection). A
// refused key (400, 403, 404) is answered without entering the cache.
#include "api.h"
#include "desk_view.h"
#include "views.h"

namespace saylau::server {

void Api::ReadDesk(const HttpRequest& request, const Query& query, Reply reply) {
  committer_.Read([this, request, key = query.Value("key"), reply](service::ResultsService& service) {
    if (std::optional<HttpResponse> refused = DeskRefusal(service, key)) return reply(std::move(*refused));
    const std::shared_ptr<const Snapshot> snapshot =
        snapshots_.Get("/api/v1/desk\n" + key, state_.generation.load(), [&] {
          HttpResponse built = DeskResponse(service, key);
          return SnapshotCache::Built{built.status, std::move(built.content_type), std::move(built.body)};
        });
    reply(Conditional(request, snapshot->status, snapshot->content_type, snapshot->body, snapshot->gzipped,
                      snapshot->status == 200 ? snapshot->etag : std::string()));
  });
}

}  // namespace saylau::server
