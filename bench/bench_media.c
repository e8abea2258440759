/* Loads a WAV (byte stream) or AVI (packets) input completely into memory, so that the timed
 * runs measure codecs and the ACM path, never the disk. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "riff_reader.h"

#define TAIL_PADDING 64 /* libavcodec parsers may read a little past the end */

void bench_media_free(bench_media *m)
{
    free(m->wfx);
    free(m->data);
    free(m->packets);
    memset(m, 0, sizeof *m);
}

int bench_media_load(bench_media *m, const char *name, const char *path)
{
    riff_input in;
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    if (riff_open(&in, path) != 0)
        return -1;
    m->wfx = malloc(in.wfx_size);
    m->size = (size_t)in.total_bytes;
    m->data = calloc(1, m->size + TAIL_PADDING);
    if (!m->wfx || !m->data)
        goto fail;
    memcpy(m->wfx, in.wfx, in.wfx_size);
    if (in.kind == RIFF_KIND_WAVE) {
        if (riff_read_at(&in, in.data_offset, m->data, (uint32_t)m->size) != 0)
            goto fail;
    } else {
        m->packets = calloc(in.packet_count ? in.packet_count : 1, sizeof *m->packets);
        if (!m->packets)
            goto fail;
        size_t pos = 0;
        for (size_t i = 0; i < in.packet_count; i++) {
            if (riff_read_at(&in, in.packets[i].offset, m->data + pos, in.packets[i].size) != 0)
                goto fail;
            m->packets[i].offset = pos;
            m->packets[i].size = in.packets[i].size;
            pos += in.packets[i].size;
        }
        m->packet_count = in.packet_count;
        m->max_packet = in.max_packet;
    }
    riff_close(&in);
    return 0;
fail:
    fprintf(stderr, "error: cannot load %s\n", path);
    riff_close(&in);
    bench_media_free(m);
    return -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bench_median(double *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
