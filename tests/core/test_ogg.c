/* The Ogg page writer (bridge/core/ogg_writer.c) against the page splitter the decoder uses
 * (bridge/core/ogg_splitter.c): packets of every awkward size (empty, lacing boundaries, more
 * than one page holds, beyond the splitter's limit), read back whole and a byte at a time,
 * with their BOS/EOS flags and granule positions; and the CRC of a page checked against a
 * value computed independently (tests/tools/ogg.py's table-driven CRC gives the same). */
#include <stdlib.h>
#include <string.h>

#include "bridge/core/ogg_splitter.h"
#include "bridge/core/ogg_writer.h"
#include "check.h"

static const size_t sizes[] = { 1, 254, 255, 256, 510, 65024, 65025, 65026, 70000, 200000,
                                FFACM_OGG_MAX_PACKET + 1, 3, 0 };
#define N_SIZES (sizeof sizes / sizeof sizes[0])

static uint8_t byte_at(size_t packet, size_t i) { return (uint8_t)(packet * 31 + i * 7 + (i >> 8)); }

/* Split `stream` in steps of `step` bytes; check every packet against what was written. */
static void read_back(const uint8_t *stream, size_t size, size_t step, const char *what)
{
    ffacm_ogg_splitter sp;
    CHECK(ffacm_ogg_splitter_init(&sp) == 0, "splitter init");
    size_t pos = 0, found = 0;
    while (pos < size) {
        size_t n = size - pos < step ? size - pos : step, packet = 0;
        pos += ffacm_ogg_splitter_take(&sp, stream + pos, n, &packet);
        if (!packet)
            continue;
        /* The empty packet (size 0) is not reported: the splitter has nothing to hand out; nor
         * is one over its limit (read past, memory stays bounded). */
        while (found < N_SIZES && (sizes[found] == 0 || sizes[found] > FFACM_OGG_MAX_PACKET))
            found++;
        CHECK(found < N_SIZES && packet == sizes[found], "%s: packet %zu has %zu bytes", what, found, packet);
        if (found >= N_SIZES || packet != sizes[found])
            break;
        int same = 1;
        for (size_t i = 0; i < packet; i++)
            same &= sp.buf[i] == byte_at(found, i);
        CHECK(same, "%s: packet %zu differs", what, found);
        CHECK(sp.packet_bos == (found == 0) && sp.packet_eos == (found == N_SIZES - 2) &&
                  sp.packet_granule == (int64_t)(1000 * found),
              "%s: packet %zu: bos %d eos %d granule %lld", what, found, sp.packet_bos, sp.packet_eos,
              (long long)sp.packet_granule);
        found++;
    }
    CHECK(found == N_SIZES - 1, "%s: %zu packets read back", what, found);
    CHECK(sp.cap <= 2 * FFACM_OGG_MAX_PACKET, "%s: the splitter holds %zu bytes", what, sp.cap);
    ffacm_ogg_splitter_free(&sp);
}

int main(void)
{
    /* CRC-32/Ogg (poly 0x04C11DB7, init 0, no reflection) of "123456789" is 0x89A1897F. */
    CHECK(ffacm_ogg_crc(0, (const uint8_t *)"123456789", 9) == 0x89A1897Fu, "crc %08x",
          ffacm_ogg_crc(0, (const uint8_t *)"123456789", 9));

    size_t cap = 0;
    for (size_t p = 0; p < N_SIZES; p++)
        cap += ffacm_ogg_packet_bound(sizes[p]);
    uint8_t *stream = malloc(cap), *pkt = malloc(FFACM_OGG_MAX_PACKET + 1);
    ffacm_ogg_writer w;
    ffacm_ogg_writer_start(&w, 0x1234);
    size_t size = 0;
    for (size_t p = 0; p < N_SIZES; p++) {
        for (size_t i = 0; i < sizes[p]; i++)
            pkt[i] = byte_at(p, i);
        /* EOS on the last packet with bytes (the empty one after it is written, not read). */
        unsigned flags = (p == 0 ? FFACM_OGG_BOS : 0) | (p == N_SIZES - 2 ? FFACM_OGG_EOS : 0);
        size_t n = ffacm_ogg_write_packet(&w, stream + size, pkt, sizes[p], (int64_t)(1000 * p), flags);
        CHECK(n <= ffacm_ogg_packet_bound(sizes[p]), "packet %zu: %zu bytes over the bound", p, n);
        size += n;
    }
    /* Every page's CRC verifies: recompute with the field zeroed. */
    int pages = 0, bad = 0;
    for (size_t k = 0; k + 27 <= size; pages++) {
        uint8_t *pg = stream + k;
        size_t body = 0;
        for (unsigned i = 0; i < pg[26]; i++)
            body += pg[27 + i];
        size_t len = 27 + pg[26] + body;
        uint32_t stored = (uint32_t)pg[22] | (uint32_t)pg[23] << 8 | (uint32_t)pg[24] << 16 | (uint32_t)pg[25] << 24;
        memset(pg + 22, 0, 4);
        bad += ffacm_ogg_crc(0, pg, len) != stored;
        for (int i = 0; i < 4; i++)
            pg[22 + i] = (uint8_t)(stored >> (8 * i));
        k += len;
    }
    CHECK(bad == 0 && pages > (int)N_SIZES, "%d of %d pages with a bad CRC", bad, pages);
    read_back(stream, size, size, "whole");
    read_back(stream, size, 1, "byte by byte");
    read_back(stream, size, 4093, "4093-byte steps");
    free(stream);
    free(pkt);
    return check_summary("test_ogg");
}
