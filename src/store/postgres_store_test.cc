// What only the PostgreSQL store does (in the throw-away cluster of the pg_cluster fixture):
// reopening, append-only protection, refusing other databases, reconnecting, redacted URLs.
#include "saylau/store/postgres_store.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "pg_test_database.h"
#include "saylau/store/open_store.h"
#include "store_test_support.h"

namespace saylau::store {
namespace {

std::string PgQuery(const std::string& url, const std::string& sql, std::string* error = nullptr) {
  PGconn* connection = PQconnectdb(url.c_str());
  PGresult* result = PQexec(connection, sql.c_str());
  std::string value;
  if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
  if (error != nullptr) *error = PQresultStatus(result) == PGRES_FATAL_ERROR ? PQresultErrorMessage(result) : "";
  PQclear(result);
  PQfinish(connection);
  return value;
}

TEST(PostgresStoreTest, SubmissionsSurviveReopeningAndAreAppendOnly) {
  const std::string url = testing::FreshPgDatabase(testing::PgClusterUrl(), "reopen");
  {
    auto store = CreatePostgresStore(url, kFiles);
    ASSERT_TRUE(store) << store.error().message;
    std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", false)};
    ASSERT_TRUE((*store)->Append(batch, {}, StoredTreeHead{2, "ab", 1, "", ""}));
    ASSERT_TRUE((*store)->AddKey({"a2V5", "s1", "t"}));
  }
  auto store = OpenPostgresStore(url);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(*(*store)->LastSeq(), 2);
  EXPECT_EQ(PgQuery(url, "SELECT value FROM meta WHERE key = 'schema_version'"),
            std::to_string(kPostgresSchemaVersion));
  // Append-only even for someone with psql and the password.
  PgQuery(url,
          "INSERT INTO observers (id, organisation, kind, public_key, added_at) "
          "VALUES ('osce', 'OSCE', 'international', 'b2Jz', 't')");
  PgQuery(url, "INSERT INTO photos (sha256, media_type, bytes) VALUES ('cd', 'image/png', '\\x00')");
  for (const char* sql : {"UPDATE submissions SET verdict = 'accepted'", "DELETE FROM submissions",
                          "TRUNCATE submissions", "DELETE FROM keys", "UPDATE tree_heads SET root = ''",
                          "DELETE FROM definition_files", "TRUNCATE definition_files", "UPDATE photos SET bytes = ''",
                          "DELETE FROM photos", "DELETE FROM observers", "TRUNCATE tree_heads", "TRUNCATE keys"}) {
    std::string error;
    PgQuery(url, sql, &error);
    EXPECT_NE(error.find("append-only"), std::string::npos) << sql << ": " << error;
  }
  EXPECT_EQ(Scanned(**store).size(), 2u);
}

TEST(PostgresStoreTest, RefusesToOverwriteAndToOpenWhatIsNotOurs) {
  const std::string cluster = testing::PgClusterUrl();
  const std::string url = testing::FreshPgDatabase(cluster, "twice");
  ASSERT_TRUE(CreatePostgresStore(url, kFiles));
  auto again = CreatePostgresStore(url, kFiles);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  auto empty = OpenPostgresStore(testing::FreshPgDatabase(cluster, "empty"));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kNotFound);
  EXPECT_NE(empty.error().message.find("saylau init"), std::string::npos);

  auto missing = OpenPostgresStore(cluster.substr(0, cluster.rfind('/') + 1) + "no_such_database");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);

  PgQuery(url, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  auto newer = OpenPostgresStore(url);
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);
}

// The server drops the connection (a restart, a failover): the call that finds out fails with a
// retryable error, and the next one reconnects; a transaction cut off stores nothing.
TEST(PostgresStoreTest, ReconnectsAfterTheConnectionIsDropped) {
  const std::string url = testing::FreshPgDatabase(testing::PgClusterUrl(), "drop");
  auto store = CreatePostgresStore(url, kFiles);
  ASSERT_TRUE(store) << store.error().message;
  std::vector<StoredSubmission> batch = {Protocol("s1", true)};
  ASSERT_TRUE((*store)->Append(batch, {}));
  const std::string database = url.substr(url.rfind('/') + 1);
  const auto drop = [&] {
    PgQuery(url, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + database +
                     "' AND pid <> pg_backend_pid()");
  };
  drop();
  Result<std::int64_t> first = (*store)->LastSeq();
  if (!first) {
    EXPECT_EQ(first.error().code, ErrorCode::kUnavailable) << first.error().message;
    EXPECT_NE(first.error().message.find("retry"), std::string::npos) << first.error().message;
  }
  Result<std::int64_t> second = (*store)->LastSeq();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, 1);

  // Cut off between taking the lock and appending: the append fails, nothing is stored.
  ASSERT_TRUE((*store)->LockForAppend());
  drop();
  std::vector<StoredSubmission> cut = {Protocol("s2", true)};
  const Status appended = (*store)->Append(cut, {});
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code, ErrorCode::kUnavailable) << appended.error().message;
  std::vector<StoredSubmission> retried = {Protocol("s2", true)};
  ASSERT_TRUE((*store)->Append(retried, {}));
  EXPECT_EQ(retried[0].seq, 2);
  EXPECT_EQ(Scanned(**store).size(), 2u);
}

TEST(PostgresStoreTest, UrlsAreRecognisedAndPasswordsKeptOutOfMessages) {
  EXPECT_TRUE(IsPostgresUrl("postgresql://saylau@db:5432/night"));
  EXPECT_TRUE(IsPostgresUrl("postgres://db/night"));
  EXPECT_FALSE(IsPostgresUrl("night.db"));
  EXPECT_EQ(RedactedUrl("postgresql://saylau:secret@db:5432/night"), "postgresql://saylau@db:5432/night");
  EXPECT_EQ(RedactedUrl("postgresql://saylau@db:5432/night"), "postgresql://saylau@db:5432/night");
  EXPECT_EQ(RedactedUrl("postgresql://db:5432/night"), "postgresql://db:5432/night");
}

}  // namespace
}  // namespace saylau::store
