#include "cpixels.h"

void sahelmap_pack_rgb_scalar(const uint8_t *row, const uint8_t *above, uint8_t *out, int width) {
    if (above) {
        for (int x = 0; x < width; x++) {
            const uint8_t *p = row + 4 * x, *a = above + 4 * x;
            out[3 * x] = (uint8_t)(p[2] - a[2]);
            out[3 * x + 1] = (uint8_t)(p[1] - a[1]);
            out[3 * x + 2] = (uint8_t)(p[0] - a[0]);
        }
    } else {
        for (int x = 0; x < width; x++) {
            const uint8_t *p = row + 4 * x;
            out[3 * x] = p[2];
            out[3 * x + 1] = p[1];
            out[3 * x + 2] = p[0];
        }
    }
}

#if defined(__x86_64__)
#include <tmmintrin.h>

/// 16 bytes in (4 pixels), 12 out, stored as 16: the 4 past them are written again by the next group, so the loop
/// stops while a whole 16-byte store still lies inside the row, and the scalar loop does the last pixels.
__attribute__((target("ssse3")))
static void pack_ssse3(const uint8_t *row, const uint8_t *above, uint8_t *out, int width) {
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    int x = 0;
    if (above) {
        for (; 3 * x + 16 <= 3 * width; x += 4) {
            __m128i p = _mm_loadu_si128((const __m128i *)(row + 4 * x));
            __m128i a = _mm_loadu_si128((const __m128i *)(above + 4 * x));
            _mm_storeu_si128((__m128i *)(out + 3 * x), _mm_shuffle_epi8(_mm_sub_epi8(p, a), order));
        }
        sahelmap_pack_rgb_scalar(row + 4 * x, above + 4 * x, out + 3 * x, width - x);
    } else {
        for (; 3 * x + 16 <= 3 * width; x += 4) {
            __m128i p = _mm_loadu_si128((const __m128i *)(row + 4 * x));
            _mm_storeu_si128((__m128i *)(out + 3 * x), _mm_shuffle_epi8(p, order));
        }
        sahelmap_pack_rgb_scalar(row + 4 * x, 0, out + 3 * x, width - x);
    }
}
#endif

void sahelmap_pack_rgb(const uint8_t *row, const uint8_t *above, uint8_t *out, int width) {
#if defined(__x86_64__)
    // Read from the processor model the runtime fills in before main: no state of our own for threads to share.
    if (__builtin_cpu_supports("ssse3")) { pack_ssse3(row, above, out, width); return; }
#endif
    sahelmap_pack_rgb_scalar(row, above, out, width);
}
