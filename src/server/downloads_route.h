// The download page's routes (docs/api.md, "Downloads"): GET /api/v1/downloads lists the
// published bundle's files (serve --bundle DIR; 404 no-bundle without one) and GET
// /bundle/<path> answers a listed file. The files themselves: downloads.h.
#pragma once

#include <string>

#include "api.h"
#include "live_state.h"

namespace saylau::server {

HttpResponse DownloadsListing(const HttpRequest& request, const LiveState& state);
// `path` is the request's decoded path, starting with kBundlePrefix.
HttpResponse BundleFile(const LiveState& state, const std::string& path);

}  // namespace saylau::server
