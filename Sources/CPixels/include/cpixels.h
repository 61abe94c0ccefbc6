#ifndef SAHELMAP_CPIXELS_H
#define SAHELMAP_CPIXELS_H

#include <stdint.h>

/// Packs one row of `width` Cairo RGB24 pixels (native-endian xRGB on a little-endian machine: bytes B, G, R, x)
/// into PNG's RGB bytes at `out` (3 × width bytes), each byte minus the byte above when `above` is not NULL (PNG's
/// "Up" filter, modulo 256). `out` must not overlap the pixels. Four pixels at a time with one SSSE3 byte shuffle
/// where the processor has it (every x86-64 since 2006), else one pixel at a time; the same bytes either way.
void sahelmap_pack_rgb(const uint8_t *row, const uint8_t *above, uint8_t *out, int width);

/// The same, one pixel at a time, always (what the shuffle is tested against).
void sahelmap_pack_rgb_scalar(const uint8_t *row, const uint8_t *above, uint8_t *out, int width);

#endif
