#include "splitter.h"

#include <stdlib.h>
#include <string.h>

int ffacm_splitter_init(ffacm_splitter *s, const ffacm_framer *framer)
{
    memset(s, 0, sizeof *s);
    s->framer = framer;
    s->cap = 2 * framer->max_frame_size + framer->header_size;
    s->buf = malloc(s->cap);
    return s->buf ? 0 : -1;
}

void ffacm_splitter_free(ffacm_splitter *s)
{
    free(s->buf);
    memset(s, 0, sizeof *s);
}

void ffacm_splitter_reset(ffacm_splitter *s)
{
    s->len = s->done = s->want = 0;
    s->has_continuations = 0;
    s->key = 0;
}

/* Append up to `want` bytes of src; returns how many (0 on allocation failure). */
static size_t append(ffacm_splitter *s, const uint8_t *src, size_t n, size_t want)
{
    size_t k = n < want ? n : want;
    if (s->len + k > s->cap) {
        size_t cap = s->cap * 2 > s->len + k ? s->cap * 2 : s->len + k;
        uint8_t *grown = realloc(s->buf, cap);
        if (!grown)
            return 0;
        s->buf = grown;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, src, k);
    s->len += k;
    return k;
}

/* The frame of `size` bytes at s->done starts a stream or changes its fixed fields: it counts
 * only when a header with the same key follows right behind it.  Returns 1 (believed; the
 * stream's key is now its key), 0 (not a frame: resync) or -1 (needs more bytes). */
static int confirm(ffacm_splitter *s, size_t size, const uint8_t *src, size_t n, size_t *used)
{
    const ffacm_framer *f = s->framer;
    uint32_t key = f->stream_key(s->buf + s->done);
    if (key == s->key)
        return 1;
    size_t need = s->done + size + f->header_size;
    if (s->len < need) {
        *used += append(s, src + *used, n - *used, need - s->len);
        if (s->len < need)
            return -1;
    }
    const uint8_t *next = s->buf + s->done + size;
    int continuation;
    if (!f->frame_size(next, &continuation) || f->stream_key(next) != key)
        return 0;
    s->key = key;
    return 1;
}

size_t ffacm_splitter_take(ffacm_splitter *s, const uint8_t *src, size_t n, size_t *packet_size)
{
    const ffacm_framer *f = s->framer;
    size_t used = 0;
    *packet_size = 0;
    for (;;) {
        if (s->want == 0) { /* looking at the header after the complete frames */
            size_t have = s->len - s->done;
            if (have < f->header_size) {
                used += append(s, src + used, n - used, f->header_size - have);
                if (s->len - s->done < f->header_size) {
                    /* The buffer ran out: a finished packet goes now, unless continuations
                     * may still follow it. */
                    if (s->done && !s->has_continuations)
                        *packet_size = s->done;
                    return used;
                }
            }
            int continuation = 0;
            unsigned size = f->frame_size(s->buf + s->done, &continuation);
            if (s->done && (!size || !continuation)) {
                *packet_size = s->done; /* the next frame (or junk) starts after this packet */
                return used;
            }
            if (size && !continuation && f->stream_key) {
                int confirmed = confirm(s, size, src, n, &used);
                if (confirmed < 0)
                    return used; /* the next header has not arrived yet */
                if (!confirmed)
                    size = 0;
            }
            if (!size) { /* no header here: slide one byte and look again (resync) */
                memmove(s->buf, s->buf + 1, --s->len);
                continue;
            }
            if (continuation && s->done)
                s->has_continuations = 1;
            s->want = s->done + size;
        }
        if (s->len < s->want) {
            used += append(s, src + used, n - used, s->want - s->len);
            if (s->len < s->want)
                return used; /* mid-frame: wait for more bytes */
        }
        s->done = s->want;
        s->want = 0;
    }
}

size_t ffacm_splitter_flush(ffacm_splitter *s)
{
    size_t packet = s->done;
    const ffacm_framer *f = s->framer;
    if (!packet && !s->want && s->key == 0 && f->stream_key && s->len >= f->header_size) {
        /* A stream of one frame has no second header to confirm it: at the end, a whole
         * frame with nothing behind it is one. */
        int continuation;
        size_t size = f->frame_size(s->buf, &continuation);
        if (size && size <= s->len)
            packet = s->done = size;
    }
    if (!packet) {
        s->len = 0; /* a partial frame at the very end cannot be decoded */
        s->want = 0;
    }
    return packet;
}

void ffacm_splitter_pop(ffacm_splitter *s, size_t packet_size)
{
    memmove(s->buf, s->buf + packet_size, s->len - packet_size);
    s->len -= packet_size;
    s->done = 0;
    s->want = 0;
}
