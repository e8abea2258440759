#include "ogg_splitter.h"

#include <stdlib.h>
#include <string.h>

int ffacm_ogg_splitter_init(ffacm_ogg_splitter *s)
{
    memset(s, 0, sizeof *s);
    s->cap = 65536;
    s->packet_granule = -1;
    s->buf = malloc(s->cap);
    return s->buf ? 0 : -1;
}

void ffacm_ogg_splitter_free(ffacm_ogg_splitter *s)
{
    free(s->buf);
    memset(s, 0, sizeof *s);
}

void ffacm_ogg_splitter_reset(ffacm_ogg_splitter *s)
{
    s->page_len = 0;
    s->segments = s->segment = 0;
    s->segment_done = 0;
    s->len = 0;
    s->bos_pending = s->cur_bos = 0;
    s->oversize = 0;
    s->packet_bos = s->packet_eos = 0;
    s->packet_granule = -1;
}

static int grow(ffacm_ogg_splitter *s, size_t need)
{
    if (need <= s->cap)
        return 0;
    size_t cap = s->cap * 2 > need ? s->cap * 2 : need;
    uint8_t *b = realloc(s->buf, cap);
    if (!b)
        return -1;
    s->buf = b;
    s->cap = cap;
    return 0;
}

size_t ffacm_ogg_splitter_take(ffacm_ogg_splitter *s, const uint8_t *src, size_t n, size_t *packet)
{
    size_t used = 0;
    *packet = 0;
    while (used < n) {
        if (s->segments == 0) { /* gathering a page header and its segment table */
            size_t want = FFACM_OGG_HEADER;
            if (s->page_len >= FFACM_OGG_HEADER)
                want += s->page[26];
            size_t k = want - s->page_len < n - used ? want - s->page_len : n - used;
            memcpy(s->page + s->page_len, src + used, k);
            s->page_len += k;
            used += k;
            if (s->page_len >= 4 && memcmp(s->page, "OggS", 4) != 0) {
                memmove(s->page, s->page + 1, --s->page_len); /* resync */
                continue;
            }
            if (s->page_len < want)
                continue;
            if (want == FFACM_OGG_HEADER) {
                if (s->page[4] != 0) { /* stream structure version */
                    memmove(s->page, s->page + 1, --s->page_len);
                    continue;
                }
                if (s->page[26] != 0)
                    continue; /* now read the segment table */
                s->page_len = 0; /* a page without segments */
                continue;
            }
            /* A page that does not continue a packet drops a half-assembled one. */
            if (!(s->page[5] & 1)) {
                s->len = 0;
                s->oversize = 0;
            }
            s->segments = s->page[26];
            s->segment = 0;
            s->segment_done = 0;
            s->bos_pending = (s->page[5] & 2) != 0;
            continue;
        }
        size_t size = s->page[FFACM_OGG_HEADER + s->segment];
        if (s->len == 0 && s->segment_done == 0) { /* a packet starts here */
            s->cur_bos = s->bos_pending;
            s->bos_pending = 0;
        }
        size_t k = size - s->segment_done < n - used ? size - s->segment_done : n - used;
        /* A packet beyond any real Vorbis packet (hostile lacing that never ends one) is
         * read past, not kept: memory stays bounded. */
        if (s->len + k > FFACM_OGG_MAX_PACKET)
            s->oversize = 1;
        if (!s->oversize) {
            if (grow(s, s->len + k) < 0)
                return used;
            memcpy(s->buf + s->len, src + used, k);
            s->len += k;
        }
        s->segment_done += k;
        used += k;
        if (s->segment_done < size)
            continue;
        s->segment_done = 0;
        if (++s->segment == s->segments) {
            s->segments = 0;
            s->page_len = 0;
        }
        if (size < 255 && s->oversize) { /* the end of a packet too large to keep */
            s->oversize = 0;
            s->len = 0;
            continue;
        }
        if (size == 0 && s->len == 0)
            continue; /* an empty packet carries nothing (and a 0 here would read as "none") */
        if (size < 255) { /* the packet ends here */
            uint64_t g = 0;
            for (int i = 7; i >= 0; i--)
                g = g << 8 | s->page[6 + i];
            s->packet_bos = s->cur_bos;
            s->packet_eos = (s->page[5] & 4) != 0;
            s->packet_granule = (int64_t)g;
            s->packet_page = (uint32_t)s->page[18] | (uint32_t)s->page[19] << 8 | (uint32_t)s->page[20] << 16 |
                             (uint32_t)s->page[21] << 24;
            *packet = s->len;
            s->len = 0;
            return used;
        }
    }
    return used;
}
