/* FLAC frame headers and checksums (https://xiph.org/flac/format.html#frame_header).
 *
 * A FLAC frame does not say how long it is: it ends where the next valid header starts, and
 * its last two bytes are a CRC-16 of the whole frame.  These helpers let the splitter find
 * frame ends without FFmpeg's parser, which looks ten headers ahead before it lets a frame go. */
#ifndef FFACM_FLAC_FRAME_H
#define FFACM_FLAC_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define FFACM_FLAC_MAX_HEADER 16

/* Parse a frame header at p (avail bytes readable).  Returns 1 and fills *header_len and
 * *block_size when it is a valid header (CRC-8 checked), 0 when it is not, -1 when more bytes
 * are needed to tell. */
int ffacm_flac_header(const uint8_t *p, size_t avail, unsigned *header_len, unsigned *block_size);

/* CRC-16 (polynomial 0x8005, initial 0) continued over `n` bytes.  A whole frame, its own
 * CRC included, sums to 0. */
uint16_t ffacm_flac_crc16(uint16_t crc, const uint8_t *p, size_t n);

#endif
