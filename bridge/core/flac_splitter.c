#include "flac_splitter.h"

#include <stdlib.h>
#include <string.h>

#include "../../formats/flac_frame.h"

/* Input is appended in pieces of this size between scans, so one call never buffers far
 * beyond the frame it completes. */
#define APPEND_STEP 4096

int ffacm_flac_splitter_init(ffacm_flac_splitter *s)
{
    memset(s, 0, sizeof *s);
    s->cap = 65536;
    s->buf = malloc(s->cap);
    return s->buf ? 0 : -1;
}

void ffacm_flac_splitter_free(ffacm_flac_splitter *s)
{
    free(s->buf);
    memset(s, 0, sizeof *s);
}

void ffacm_flac_splitter_reset(ffacm_flac_splitter *s)
{
    s->len = 0;
    s->synced = 0;
}

static size_t append(ffacm_flac_splitter *s, const uint8_t *src, size_t n)
{
    if (s->len + n > s->cap) {
        size_t cap = s->cap;
        while (cap < s->len + n)
            cap *= 2;
        uint8_t *grown = realloc(s->buf, cap);
        if (!grown)
            return 0;
        s->buf = grown;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, src, n);
    s->len += n;
    return n;
}

/* Drop `n` leading bytes (junk before a header, or a frame handed out). */
static void drop(ffacm_flac_splitter *s, size_t n)
{
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
    s->synced = 0;
}

/* Make buf start at a valid header.  1: synced; 0: more bytes needed. */
static int sync_header(ffacm_flac_splitter *s)
{
    while (s->len) {
        unsigned hl, bs;
        int r = ffacm_flac_header(s->buf, s->len, &hl, &bs);
        if (r < 0)
            return 0;
        if (r > 0) {
            s->synced = 1;
            s->header_len = hl;
            s->block_size = bs;
            s->scan = hl;
            s->crc = ffacm_flac_crc16(0, s->buf, hl);
            return 1;
        }
        uint8_t *next = memchr(s->buf + 1, 0xFF, s->len - 1);
        drop(s, next ? (size_t)(next - s->buf) : s->len);
    }
    return 0;
}

/* Look for the end of the frame at buf[0]: a valid header where the CRC so far is zero.
 * Only a 0xFF can start a header, so the CRC runs over whole stretches up to the next one
 * (byte-wise stepping cost a quarter of all decoding time, see bench/README.md). */
static size_t scan_frame_end(ffacm_flac_splitter *s)
{
    while (s->scan + 1 < s->len) {
        size_t i = s->scan;
        if (s->buf[i] == 0xFF) {
            if ((s->buf[i + 1] & 0xFE) == 0xF8 && s->crc == 0) {
                unsigned hl, bs;
                int r = ffacm_flac_header(s->buf + i, s->len - i, &hl, &bs);
                if (r < 0)
                    return 0; /* decide when the rest of that header is here */
                if (r > 0)
                    return i;
            }
            s->crc = ffacm_flac_crc16(s->crc, s->buf + i, 1);
            s->scan = i + 1;
            continue;
        }
        /* Up to (not including) the next 0xFF, but never the last byte: a header check needs
         * the byte after a 0xFF. */
        const uint8_t *next = memchr(s->buf + i, 0xFF, s->len - 1 - i);
        size_t end = next ? (size_t)(next - s->buf) : s->len - 1;
        s->crc = ffacm_flac_crc16(s->crc, s->buf + i, end - i);
        s->scan = end;
    }
    return 0;
}

size_t ffacm_flac_splitter_take(ffacm_flac_splitter *s, const uint8_t *src, size_t n, size_t *packet_size,
                                int *tentative)
{
    size_t used = 0;
    *packet_size = 0;
    *tentative = 0;
    for (;;) {
        if (s->synced || sync_header(s)) {
            size_t end = scan_frame_end(s);
            if (end) {
                *packet_size = end;
                return used;
            }
        }
        if (used == n)
            break;
        size_t k = n - used < APPEND_STEP ? n - used : APPEND_STEP;
        if (!append(s, src + used, k))
            return used;
        used += k;
    }
    /* The host's buffer is exhausted: is what we hold exactly one whole frame? */
    if (s->synced && s->len > s->header_len + 2 &&
        ffacm_flac_crc16(s->crc, s->buf + s->scan, s->len - s->scan) == 0) {
        *packet_size = s->len;
        *tentative = 1;
    }
    return used;
}

size_t ffacm_flac_splitter_flush(ffacm_flac_splitter *s)
{
    return s->synced ? s->len : 0;
}

void ffacm_flac_splitter_pop(ffacm_flac_splitter *s, size_t packet_size)
{
    drop(s, packet_size);
}
