// GET /api/v1/downloads and GET /bundle/<path> (downloads_route.h).
#include "downloads_route.h"

#include "views.h"

namespace saylau::server {
namespace {

std::string ContentTypeOf(const std::string& path) {
  const std::size_t dot = path.rfind('.');
  const std::string extension = dot == std::string::npos ? std::string() : path.substr(dot + 1);
  if (extension == "json") return "application/json";
  if (extension == "jsonl") return "application/jsonl";
  if (extension == "csv") return "text/csv; charset=utf-8";
  if (extension == "svg") return "image/svg+xml";
  if (extension == "md" || extension == "toml" || extension == "txt" || extension == "sig") {
    return "text/plain; charset=utf-8";
  }
  if (extension == "jpg" || extension == "jpeg") return "image/jpeg";
  if (extension == "png") return "image/png";
  if (extension == "pdf") return "application/pdf";
  return "application/octet-stream";
}

}  // namespace

HttpResponse DownloadsListing(const HttpRequest& request, const LiveState& state) {
  if (!state.downloads) {
    return ErrorResponse(404, "no-bundle", "no published bundle is served here (saylau serve --bundle DIR)");
  }
  return Conditional(request, 200, "application/json", state.downloads->listing(), std::string(), std::string());
}

HttpResponse BundleFile(const LiveState& state, const std::string& path) {
  if (!state.downloads) {
    return ErrorResponse(404, "no-bundle", "no published bundle is served here (saylau serve --bundle DIR)");
  }
  const std::string inside = path.substr(std::string_view(kBundlePrefix).size());
  Result<std::string> bytes = state.downloads->Read(inside);
  if (!bytes) {
    switch (bytes.error().code) {
      case ErrorCode::kNotFound:
        return ErrorResponse(404, "not-found", bytes.error().message);
      case ErrorCode::kFailedPrecondition:
        return ErrorResponse(404, "too-large", bytes.error().message);
      default:
        return ErrorResponse(503, "unavailable", bytes.error().message);
    }
  }
  HttpResponse response{200, ContentTypeOf(inside), std::move(*bytes)};
  response.cache_control = "no-cache";
  return response;
}

}  // namespace saylau::server
