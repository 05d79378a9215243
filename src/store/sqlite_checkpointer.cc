// SqliteCheckpointer: SQLite's automatic checkpoint moved to a thread (sqlite_checkpointer.h).
#include "sqlite_checkpointer.h"

#include <utility>

namespace saylau::store::internal {

SqliteCheckpointer::SqliteCheckpointer(sqlite3* writer, std::string path, int every_frames, int limit_frames)
    : writer_(writer), path_(std::move(path)), every_frames_(every_frames), limit_frames_(limit_frames) {
  sqlite3_wal_hook(writer, &SqliteCheckpointer::OnCommit, this);
}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  sqlite3_wal_autocheckpoint(writer_, every_frames_);
}

int SqliteCheckpointer::background_passes() const {
  std::lock_guard lock(mutex_);
  return background_passes_;
}

int SqliteCheckpointer::foreground_passes() const {
  std::lock_guard lock(mutex_);
  return foreground_passes_;
}

// SQLite calls this on the writer's thread after each commit, with the frames now in the log.
int SqliteCheckpointer::OnCommit(void* self, sqlite3* writer, const char* schema, int frames) {
  auto& checkpointer = *static_cast<SqliteCheckpointer*>(self);
  if (frames < checkpointer.every_frames_) return SQLITE_OK;
  std::unique_lock lock(checkpointer.mutex_);
  if (checkpointer.failed_ || frames >= checkpointer.limit_frames_) {
    // What SQLite's own hook does, a passive checkpoint now, once the thread's under way is
    // done and with the lock held so that it begins no other: this one copies the rest, and
    // the next write starts the log again. Its errors are not the commit's: the log keeps the
    // frames, and the next checkpoint copies them.
    checkpointer.changed_.wait(lock, [&] { return !checkpointer.running_; });
    (void)sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    ++checkpointer.foreground_passes_;
    return SQLITE_OK;
  }
  checkpointer.wanted_ = true;
  if (!checkpointer.thread_.joinable()) checkpointer.thread_ = std::thread([&checkpointer] { checkpointer.Run(); });
  lock.unlock();
  checkpointer.changed_.notify_all();
  return SQLITE_OK;
}

void SqliteCheckpointer::Run() {
  sqlite3* db = nullptr;
  // The checkpoint's own fsyncs follow this connection's setting: FULL, so that the log is
  // reused only once what it held is durable in the database. Reading the schema opens the log.
  const bool opened = sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) ==
                          SQLITE_OK &&
                      sqlite3_exec(db, "PRAGMA synchronous=FULL; SELECT count(*) FROM sqlite_master", nullptr,
                                   nullptr, nullptr) == SQLITE_OK;
  std::unique_lock lock(mutex_);
  if (!opened) {
    failed_ = true;  // the writer's commits checkpoint as SQLite's own hook would
    lock.unlock();
    sqlite3_close_v2(db);
    return;
  }
  for (;;) {
    changed_.wait(lock, [&] { return wanted_ || stop_; });
    if (stop_) break;
    wanted_ = false;
    running_ = true;
    lock.unlock();
    (void)sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    running_ = false;
    ++background_passes_;
    changed_.notify_all();  // a commit at the limit may be waiting
  }
  lock.unlock();
  sqlite3_close_v2(db);
}

}  // namespace saylau::store::internal
