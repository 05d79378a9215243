// Fresh PostgreSQL databases for tests, in the throw-away cluster that the ctest fixture
// pg_cluster starts (scripts/pg-test-cluster; its directory is in SAYLAU_TEST_PG_DIR). Each
// call creates a new, empty database and returns its URL; the cluster is removed afterwards.
#pragma once

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace saylau::testing {

// The cluster's URL (to its "postgres" database); throws when there is no cluster, so that a
// test run without one fails with the reason instead of passing unseen.
inline std::string PgClusterUrl(const char* variable = "SAYLAU_TEST_PG_DIR") {
  const char* dir = std::getenv(variable);
  if (dir == nullptr) {
    throw std::runtime_error(std::string(variable) +
                             " is not set: run the PostgreSQL tests through ctest (the pg_cluster fixture), or "
                             "start a cluster with scripts/pg-test-cluster start DIR and set it to DIR");
  }
  std::ifstream in(std::filesystem::path(dir) / "url");
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    throw std::runtime_error(std::string("no cluster URL in ") + dir +
                             "/url (did scripts/pg-test-cluster start fail?)");
  }
  return url;
}

// Runs one statement as the cluster's superuser; throws with PostgreSQL's message on failure.
inline void PgAdmin(const std::string& cluster_url, const std::string& sql) {
  PGconn* connection = PQconnectdb(cluster_url.c_str());
  std::string error;
  if (PQstatus(connection) != CONNECTION_OK) {
    error = PQerrorMessage(connection);
  } else {
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  PQfinish(connection);
  if (!error.empty()) throw std::runtime_error(sql + ": " + error);
}

// A new empty database in the cluster; its URL.
inline std::string FreshPgDatabase(const std::string& cluster_url, const std::string& purpose) {
  static std::atomic<int> counter{0};
  const std::string name = "t_" + purpose + "_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  PgAdmin(cluster_url, "CREATE DATABASE " + name);
  return cluster_url.substr(0, cluster_url.rfind('/') + 1) + name;
}

}  // namespace saylau::testing
