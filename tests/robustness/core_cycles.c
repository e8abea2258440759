/* Native leak test of the windows-free core: every test file decoded once, then CYCLES
 * open / convert / END / close cycles over all codecs with small inputs.  Run under
 * LeakSanitizer (the ASan build: any leak fails the process at exit) and under valgrind
 * memcheck (a build without sanitizers: leaks and invalid accesses fail it).
 *
 * usage: core_cycles MEDIA_DIR CYCLES [FULL_BYTES]
 *   FULL_BYTES: how much of each byte stream the first, complete decode takes (default all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libavutil/log.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "media.h"

static int failures;

/* Decode up to `max_records` records (packets) or `max_bytes` of the stream, then END. */
static void decode(const media_file *m, size_t max_records, size_t max_bytes, size_t *out_bytes)
{
    ffacm_wavefmt src, dst, none = { 0 };
    if (ffacm_wavefmt_parse(m->fmt.data, m->fmt.size, &src) != FFACM_WAVEFMT_OK ||
        ffacm_format_suggest(&src, 0, &none, &dst) != FFACM_OK)
        return; /* PCM: not a source */
    ffacm_stream *s;
    if (ffacm_stream_open(&src, &dst, &s) != FFACM_OK) {
        fprintf(stderr, "%s: open failed\n", m->name);
        failures++;
        return;
    }
    static uint8_t out[1 << 20];
    uint32_t flags = FFACM_CONVERT_START | FFACM_CONVERT_BLOCKALIGN;
    size_t fed = 0;
    for (size_t r = 0; r < m->n_records && r < max_records && fed < max_bytes; r++) {
        const uint8_t *p = m->records[r].data;
        size_t n = m->records[r].size;
        if (n > max_bytes - fed)
            n = max_bytes - fed;
        fed += n;
        while (n) {
            size_t chunk = m->packets ? n : (n < 4096 ? n : 4096);
            uint32_t used = 0, made = 0;
            if (ffacm_stream_convert(s, p, (uint32_t)chunk, out, sizeof out, flags, &used, &made) != FFACM_OK)
                failures++;
            flags = 0;
            *out_bytes += made;
            if (!used && !made)
                break;
            p += used;
            n -= used;
        }
    }
    for (int i = 0; i < 64; i++) {
        uint32_t used = 0, made = 0;
        ffacm_stream_convert(s, NULL, 0, out, sizeof out, FFACM_CONVERT_END, &used, &made);
        *out_bytes += made;
        if (!made)
            break;
    }
    ffacm_stream_close(s);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: core_cycles MEDIA_DIR CYCLES [FULL_BYTES]\n");
        return 2;
    }
    av_log_set_level(AV_LOG_QUIET);
    long cycles = atol(argv[2]);
    size_t full = argc > 3 ? (size_t)atol(argv[3]) : (size_t)-1;
    media_file *files;
    int count = media_load_all(argv[1], &files);
    if (count <= 0)
        return 1;
    size_t bytes = 0;
    for (int i = 0; i < count; i++)
        decode(&files[i], (size_t)-1, full, &bytes);
    printf("full decodes: %d files, %zu output bytes\n", count, bytes);
    clock_t t0 = clock();
    for (long c = 0; c < cycles; c++)
        decode(&files[c % count], 2, 4096, &bytes);
    printf("%ld open/convert/close cycles in %.1f s, %d failures\n", cycles,
           (double)(clock() - t0) / CLOCKS_PER_SEC, failures);
    media_free_all(files, count);
    return failures ? 1 : 0;
}
