#include "large_pages.h"

#ifdef SAYLAU_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace saylau::cli {

void PreferLargePages() {
#ifdef SAYLAU_WITH_MIMALLOC
  mi_option_enable(mi_option_large_os_pages);
#endif
}

}  // namespace saylau::cli
