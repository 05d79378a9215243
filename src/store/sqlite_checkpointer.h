// Copies the SQLite store's write-ahead log into the database on a thread of its own, with a
// connection of its own, instead of inside the commit that crosses the threshold (SQLite's
// automatic checkpoint, which it replaces). At 800,000 protocols a bulk ingest checkpoints six
// times: 350 MB of page copies and an fsync of the database each, ~0.8 s of the storing
// thread (issue 22). Checkpoints are passive: they never block the writer or a reader, and a
// commit is as durable as before (WAL, synchronous=FULL: the log is synced at each commit, the
// database at each checkpoint). The log is reused from its start when a write begins after a
// complete checkpoint; should the thread fall behind, the commit that finds `limit_frames` in
// the log checkpoints there and then, as SQLite's own would, so the log stays bounded.
// Internal to the store.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace saylau::store::internal {

class SqliteCheckpointer {
 public:
  // From the commit after which `writer`'s log holds `every_frames` frames, the database at
  // `path` is checkpointed on the thread (started then). `writer` must outlive this object.
  SqliteCheckpointer(sqlite3* writer, std::string path, int every_frames, int limit_frames);
  // Lets a checkpoint under way finish, stops the thread and gives `writer` SQLite's own
  // automatic checkpoint back.
  ~SqliteCheckpointer();
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Checkpoints done so far on the thread, and by commits at the limit (for tests).
  int background_passes() const;
  int foreground_passes() const;

 private:
  static int OnCommit(void* self, sqlite3* writer, const char* schema, int frames);
  void Run();

  sqlite3* const writer_;
  const std::string path_;
  const int every_frames_, limit_frames_;

  mutable std::mutex mutex_;       // guards what follows but the thread
  std::condition_variable changed_;
  bool wanted_ = false;   // a commit passed the threshold since the thread's last pass began
  bool running_ = false;  // the thread's pass is under way
  bool stop_ = false;
  bool failed_ = false;   // the thread could not open its connection
  int background_passes_ = 0, foreground_passes_ = 0;
  std::thread thread_;    // started by the first commit past the threshold
};

}  // namespace saylau::store::internal
