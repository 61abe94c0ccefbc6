// Only the thread-safe, context-handle ("_r") API: each caller owns its GEOSContextHandle_t.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
