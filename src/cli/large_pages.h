// Bulk commands' memory in 2 MiB pages. Loading an 800,000-station definition touches ~600 MB,
// and on a virtual machine each 4 KiB page's first touch costs microseconds (~6 us measured here),
// so `saylau ingest` spent more time in page faults than in SQLite. With mimalloc (the release
// binary) this asks it for large OS pages from now on (the kernel's transparent huge pages);
// without it (the sanitizer builds) it does nothing. `saylau import` gets both before the
// process starts, and its memory reserved as one arena (large_pages.cc).
#pragma once

namespace saylau::cli {

void PreferLargePages();

}  // namespace saylau::cli
