#ifndef SAHELMAP_CMALLOC_H
#define SAHELMAP_CMALLOC_H

/// Fixes glibc's mmap and trim thresholds at 256 KiB. glibc raises its mmap threshold (128 KiB at first) each time a
/// large block is freed, up to 32 MB, after which large blocks come from the heap and stay in the process once
/// freed; at a fixed threshold they are mapped, and returned to the system when freed. 256 KiB rather than 128:
/// blocks of a few hundred KB that are freed and asked for again (a stripe's first deflate buffer) stay in the heap.
void sahelmap_return_large_blocks(void);

#endif
