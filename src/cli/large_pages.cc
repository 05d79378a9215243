#include "large_pages.h"

#ifdef SAYLAU_WITH_MIMALLOC
#include <mimalloc.h>

#include <cstring>
#endif

namespace saylau::cli {

#ifdef SAYLAU_WITH_MIMALLOC
namespace {

// `saylau import` asks for large pages before the process's first allocation: mimalloc maps the
// main thread's first 32 MiB segment during start-up, before main, and PreferLargePages called
// from the command leaves that segment in 4 KiB pages (where most small objects live; strace
// shows it is the one segment not madvised MADV_HUGEPAGE). Called by the dynamic loader from
// .preinit_array, before any shared library's initialiser (mimalloc's included); setting an
// option is a plain store into mimalloc's table, safe before it starts. Only import: other
// commands' allocation is unchanged (ingest still calls PreferLargePages itself).
void LargePagesBeforeStart(int argc, char** argv, char** /*envp*/) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;  // an option before the command
    if (std::strcmp(argv[i], "import") == 0) mi_option_enable(mi_option_large_os_pages);
    return;
  }
}

[[gnu::used, gnu::section(".preinit_array")]] void (*const kLargePagesBeforeStart)(int, char**, char**) =
    LargePagesBeforeStart;

}  // namespace
#endif

void PreferLargePages() {
#ifdef SAYLAU_WITH_MIMALLOC
  mi_option_enable(mi_option_large_os_pages);
#endif
}

}  // namespace saylau::cli
