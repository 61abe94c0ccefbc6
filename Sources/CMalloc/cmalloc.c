#include "cmalloc.h"
#include <malloc.h>

void sahelmap_return_large_blocks(void) {
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024);
}
