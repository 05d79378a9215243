// saylau serve --db FILE [--listen HOST:PORT] [--web DIR]: the live results service over
// HTTP (API under /api/v1, docs/api.md) and the dashboard's static files, until SIGINT/SIGTERM.
#include <signal.h>

#include <iostream>

#include "commands.h"
#include "key_files.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/statistics_io.h"
#include "saylau/server/published_estimate.h"
#include "saylau/server/server.h"
#include "saylau/store/postgres_store.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

// `serve` could not listen on --listen (the port is in use, or the address is not this
// host's): EX_UNAVAILABLE of sysexits.h, apart from 75 (the database is busy).
constexpr int kExitCannotListen = 69;

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string web = "web/dist";
  std::string log_key;
  std::string pvt;
  std::string bundle;
  int threads = 2;
  std::size_t max_connections = 4096;
  std::size_t max_connections_per_client = 64;
  int idle_timeout = 30;
  int header_timeout = 10;
};

int RunServe(const ServeOptions& options) {
  const std::size_t colon = options.listen.rfind(':');
  server::ServerOptions server_options;
  server_options.threads = options.threads;
  server_options.web_root = options.web;
  server_options.bundle_dir = options.bundle;
  server_options.max_connections = options.max_connections;
  server_options.max_connections_per_client = options.max_connections_per_client;
  server_options.idle_timeout = std::chrono::seconds(options.idle_timeout);
  server_options.header_timeout = std::chrono::seconds(options.header_timeout);
  try {
    if (colon == std::string::npos) throw std::invalid_argument("no port");
    server_options.address = options.listen.substr(0, colon);
    const int port = std::stoi(options.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    server_options.port = static_cast<unsigned short>(port);
  } catch (const std::exception&) {
    return ReportError(InvalidArgument("--listen '" + options.listen + "' is not HOST:PORT (e.g. 127.0.0.1:8080)"));
  }
  if (!options.pvt.empty()) {
    Result<std::string> text = formats::ReadFile(options.pvt);
    if (!text) return ReportError(text.error());
    const auto estimate = server::ParsePublishedEstimate(*text);
    if (!estimate) return ReportError(InvalidArgument(options.pvt + ": " + estimate.error().message));
    server_options.pvt_json = *text;
  }
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db);
  if (!service) return ReportError(service.error());
  if (!options.log_key.empty()) {
    Result<std::vector<crypto::KeyPair>> key = ReadKeyFiles(options.log_key);
    if (!key) return ReportError(key.error());
    if (key->size() != 1 || key->front().secret_key.empty()) {
      return ReportError(InvalidArgument(options.log_key + ": the log key is one key file with its secret key"));
    }
    if (Status ok = (*service)->SetLogKey(key->front()); !ok) return ReportError(ok.error());
  } else {
    std::cerr << "saylau serve: warning: no --log-key, so the transparency log's tree heads are not signed "
                 "(saylau keys log --out log.key makes one)\n";
  }
  const std::size_t keys = (*service)->keys().size();
  // The signals are waited for on this thread; the server's threads must not take them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Result<std::unique_ptr<server::Server>> server = server::Server::Start(std::move(*service), server_options);
  if (!server) {
    if (server::CannotListen(server.error())) {
      std::cerr << "saylau: " << server.error().message
                << " (is another server on that port? choose another with --listen HOST:PORT)\n";
      return kExitCannotListen;
    }
    return ReportError(server.error());
  }
  const std::string url = "http://" + server_options.address + ":" + std::to_string((*server)->port());
  std::cout << "saylau serve: " << store::RedactedUrl(options.db) << " ("
            << formats::Grouped(static_cast<std::int64_t>(keys)) << " registered keys)\n"
            << "  dashboard  " << url << "/"
            << ((*server)->serves_dashboard() ? "" : "  (not built: no " + options.web + "/index.html; run make build)")
            << "\n"
            << "  API        " << url << "/api/v1/election  (docs/api.md)\n"
            << "  metrics    " << url << "/metrics\n"
            << "  connections at most " << (*server)->max_connections() << ", "
            << options.max_connections_per_client << " per client address\n"
            << "Ctrl-C stops the server; every acknowledged submission is already on disk." << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "\nsaylau serve: stopping (" << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")" << std::endl;
  (*server)->Stop();
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command =
      app.add_subcommand("serve",
                         "Run the live results service: commissions POST signed protocols and turnout reports (saylau\n"
                         "submit), each acknowledged only once it is on disk; the public reads results, turnout and\n"
                         "protocols, follows the event stream, and watches the dashboard. API: docs/api.md and\n"
                         "docs/openapi.yaml. Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
                         "Several serve processes may share one PostgreSQL database (--db postgresql://...): each\n"
                         "accepts submissions and follows what the others store within a fraction of a second\n"
                         "(docs/DEPLOYMENT.md).\n"
                         "Example:  saylau serve --db night.db --listen 127.0.0.1:8080\n"
                         "          saylau serve --db postgresql://saylau@db:5432/night --listen 10.0.0.5:8080");
  command
      ->add_option("--db", options->db,
                   "The election database (saylau init; keys with saylau keys): a SQLite file or a postgresql:// URL")
      ->required();
  command->add_option("--listen", options->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any)");
  command->add_option("--web", options->web, "The built dashboard to serve at / (default web/dist)");
  command->add_option(
      "--pvt", options->pvt,
      "A published PVT or exit-poll estimate (saylau pvt estimate --json, or saylau pvt exit-poll --json from "
      "published shares) to show beside the live count on the dashboard's statistics page");
  command->add_option("--bundle", options->bundle,
                      "A published bundle (saylau publish --out DIR): the dashboard's download page lists its files "
                      "with their sizes and SHA-256, and the server serves them at /bundle/<path>");
  command->add_option("--log-key", options->log_key,
                      "The CEC's log key file (saylau keys log): signs the transparency log's tree heads");
  command->add_option("--threads", options->threads, "HTTP threads (default 2)")->check(CLI::Range(1, 256));
  command
      ->add_option("--max-connections", options->max_connections,
                   "Open connections at most, event streams included (default 4096; lowered to what the descriptor "
                   "limit allows); beyond it a new connection is answered 503 and closed")
      ->check(CLI::Range(1, 1 << 24));
  command
      ->add_option("--max-connections-per-client", options->max_connections_per_client,
                   "Open connections from one client address at most (default 64); beyond it 503")
      ->check(CLI::Range(1, 1 << 24));
  command
      ->add_option("--idle-timeout", options->idle_timeout,
                   "Seconds a connection may stay open without sending a request (default 30)")
      ->check(CLI::Range(1, 3600));
  command
      ->add_option("--header-timeout", options->header_timeout,
                   "Seconds a request's headers may take to arrive after its first byte (default 10); a slower "
                   "client is dropped")
      ->check(CLI::Range(1, 3600));
  command->callback([&run, options] { run = [options] { return RunServe(*options); }; });
}

}  // namespace saylau::cli
