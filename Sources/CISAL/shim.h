#include <isa-l/igzip_lib.h>

// The level buffer sizes are macro expressions Swift cannot import: the default size for each level.
static inline uint32_t sahelmap_isal_level_buf_size(int level) {
    switch (level) {
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    case 3: return ISAL_DEF_LVL3_DEFAULT;
    default: return ISAL_DEF_LVL0_DEFAULT;
    }
}
