/* Ogg pages (RFC 3533) for encoders whose ACM byte stream is an Ogg page stream (the
 * Vorbis-ACM tags): self-delimiting, so a host may cut and concatenate the output anywhere.
 * Each packet goes out on pages of its own (one page unless it is longer than a page can
 * hold), the granule position on its last page; CRC-32 with polynomial 0x04C11DB7. */
#ifndef FFACM_OGG_WRITER_H
#define FFACM_OGG_WRITER_H

#include <stddef.h>
#include <stdint.h>

#define FFACM_OGG_BOS 0x02
#define FFACM_OGG_EOS 0x04

typedef struct ffacm_ogg_writer {
    uint32_t serial;
    uint32_t sequence; /* next page number */
} ffacm_ogg_writer;

/* Start a logical stream (the next page written is its first). */
void ffacm_ogg_writer_start(ffacm_ogg_writer *w, uint32_t serial);

/* The most bytes ffacm_ogg_write_packet() writes for a packet of `len` bytes. */
size_t ffacm_ogg_packet_bound(size_t len);

/* Write `len` bytes as one packet on as many pages as it needs; `flags` (FFACM_OGG_BOS on the
 * stream's first page, FFACM_OGG_EOS on its last) go on the first and last page respectively.
 * Returns the bytes written to `out`. */
size_t ffacm_ogg_write_packet(ffacm_ogg_writer *w, uint8_t *out, const uint8_t *pkt, size_t len,
                              int64_t granule, unsigned flags);

/* The page CRC (exposed for tests). */
uint32_t ffacm_ogg_crc(uint32_t crc, const uint8_t *p, size_t n);

#endif
