#include "ogg_writer.h"

#include <string.h>

#define HEADER 27
#define MAX_SEGMENTS 255

/* CRC-32, polynomial 0x04C11DB7, no reflection, initial value and final XOR 0 (Ogg's),
 * four bits at a time: a 16-entry table instead of a 1 KiB one built at run time. */
static const uint32_t crc_nibble[16] = {
    0x00000000, 0x04C11DB7, 0x09823B6E, 0x0D4326D9, 0x130476DC, 0x17C56B6B, 0x1A864DB2, 0x1E475005,
    0x2608EDB8, 0x22C9F00F, 0x2F8AD6D6, 0x2B4BCB61, 0x350C9B64, 0x31CD86D3, 0x3C8EA00A, 0x384FBDBD,
};

uint32_t ffacm_ogg_crc(uint32_t crc, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        crc ^= (uint32_t)p[i] << 24;
        crc = (crc << 4) ^ crc_nibble[crc >> 28];
        crc = (crc << 4) ^ crc_nibble[crc >> 28];
    }
    return crc;
}

void ffacm_ogg_writer_start(ffacm_ogg_writer *w, uint32_t serial)
{
    w->serial = serial;
    w->sequence = 0;
}

size_t ffacm_ogg_packet_bound(size_t len)
{
    size_t pages = len / (255u * MAX_SEGMENTS) + 1;
    return len + pages * (HEADER + MAX_SEGMENTS);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

size_t ffacm_ogg_write_packet(ffacm_ogg_writer *w, uint8_t *out, const uint8_t *pkt, size_t len,
                              int64_t granule, unsigned flags)
{
    size_t written = 0, done = 0;
    int first = 1;
    /* Lacing values for the whole packet: len/255 values of 255 and one of len%255. */
    size_t lacing_left = len / 255 + 1;
    do {
        uint8_t *page = out + written;
        size_t segments = lacing_left < MAX_SEGMENTS ? lacing_left : MAX_SEGMENTS;
        int last = segments == lacing_left;
        size_t body = 0;
        for (size_t i = 0; i < segments; i++) {
            size_t seg = len - done - body >= 255 ? 255 : len - done - body;
            page[HEADER + i] = (uint8_t)seg;
            body += seg;
        }
        memcpy(page, "OggS", 4);
        page[4] = 0;
        page[5] = (uint8_t)((first ? 0 : 0x01) | (first ? flags & FFACM_OGG_BOS : 0) |
                            (last ? flags & FFACM_OGG_EOS : 0));
        /* A page on which no packet ends has granule position -1. */
        uint64_t g = last ? (uint64_t)granule : UINT64_MAX;
        put32(page + 6, (uint32_t)g);
        put32(page + 10, (uint32_t)(g >> 32));
        put32(page + 14, w->serial);
        put32(page + 18, w->sequence++);
        put32(page + 22, 0);
        page[26] = (uint8_t)segments;
        memcpy(page + HEADER + segments, pkt + done, body);
        size_t size = HEADER + segments + body;
        put32(page + 22, ffacm_ogg_crc(0, page, size));
        written += size;
        done += body;
        lacing_left -= segments;
        first = 0;
    } while (lacing_left);
    return written;
}
