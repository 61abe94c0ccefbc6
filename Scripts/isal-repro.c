// igzip (ISA-L) alone, to show the PNG bytes that vary between processes (see the README's "Reproducible").
// Reads raw deflate input (PNG rows with their filter bytes) from a file, deflates it in stripes of 128 rows as
// PNGEncoder does (level 1, fed in chunks of 6 rows, a sync flush at each stripe's end, one thread), and prints one
// hash of all the output. The same input should give the same hash in every process; with PRIMER 0 it does not
// always: igzip 2.30's level-1 body (isal_deflate_icf_body_hash_hist_01/02/04), taking a stream's first byte, hashes
// register rcx for the third byte's hash slot while rcx still holds the stream's address, so one hash entry, and the
// matches found after it, follow bits 16-47 of where the stream lies. With PRIMER 16 each stripe's first 16 bytes are
// deflated alone with a sync flush (as PNGEncoder does): too few for the body, so igzip's finish routine takes the
// first byte, and the hash is the same in every process.
// Build: cc -O2 Scripts/isal-repro.c -o isal-repro -lisal   (run by Scripts/isal-repro.sh)
#include <isa-l/igzip_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s RAW ROW-BYTES PRIMER\n", argv[0]); return 2; }
    long primer = atol(argv[3]);
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *in = malloc(n);
    if (fread(in, 1, n, f) != (size_t)n) { perror("read"); return 1; }
    fclose(f);
    long row = atol(argv[2]), stripe = 128 * row, chunk = 6 * row, room = 4 * stripe + 65536;
    unsigned char *out = malloc(room), *buf = malloc(chunk);
    unsigned long h = 5381;
    for (long s0 = 0; s0 < n; s0 += stripe) {
        long len = s0 + stripe < n ? stripe : n - s0;
        struct isal_zstream *s = calloc(1, sizeof *s);
        unsigned char *lb = calloc(1, ISAL_DEF_LVL1_DEFAULT);
        isal_deflate_init(s);
        s->level = 1; s->level_buf = lb; s->level_buf_size = ISAL_DEF_LVL1_DEFAULT; s->gzip_flag = IGZIP_DEFLATE;
        long w = 0;
        if (primer > 0) {   // the stripe's first bytes alone, flushed
            memcpy(buf, in + s0, primer);
            s->next_in = buf; s->avail_in = primer; s->flush = SYNC_FLUSH;
            s->next_out = out; s->avail_out = room;
            if (isal_deflate(s) != COMP_OK || s->avail_in > 0) { fprintf(stderr, "isal_deflate failed\n"); return 1; }
            w = room - s->avail_out;
        }
        for (long c = primer; c < len; c += chunk) {
            long k = c + chunk < len ? chunk : len - c;
            int last = c + k >= len;
            memcpy(buf, in + s0 + c, k);   // one buffer reused for every chunk, as the encoder's scratch
            s->next_in = buf; s->avail_in = k;
            s->flush = last ? SYNC_FLUSH : NO_FLUSH;
            do {
                s->next_out = out + w; s->avail_out = room - w;
                if (isal_deflate(s) != COMP_OK) { fprintf(stderr, "isal_deflate failed\n"); return 1; }
                w = room - s->avail_out;
            } while (s->avail_in > 0 || (last && s->avail_out == 0));
        }
        for (long i = 0; i < w; i++) h = h * 33 + out[i];
        free(lb);
        free(s);
    }
    printf("%016lx\n", h);
    return 0;
}
