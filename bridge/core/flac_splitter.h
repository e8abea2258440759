/* Cuts a FLAC frame stream into frames without waiting for the headers that follow.
 *
 * A frame ends where a valid header starts and the CRC-16 of everything before it is zero.
 * When the host's buffer runs out on a CRC-consistent frame, the frame is offered as
 * tentative: the decoder confirms it by decoding it (FLAC frames are independent, so a trial
 * decode has no side effects) and otherwise keeps gathering.  That way a frame that ends
 * exactly where a host buffer ends goes out in the same call (the DirectShow ACM Wrapper
 * never sends END). */
#ifndef FFACM_FLAC_SPLITTER_H
#define FFACM_FLAC_SPLITTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct ffacm_flac_splitter {
    uint8_t *buf;
    size_t len, cap;
    int synced;          /* buf starts with a valid frame header */
    unsigned header_len; /* of that header */
    unsigned block_size; /* samples of the frame being gathered */
    size_t scan;         /* positions below this were checked as frame ends */
    uint16_t crc;        /* CRC-16 of buf[0..scan) */
} ffacm_flac_splitter;

int ffacm_flac_splitter_init(ffacm_flac_splitter *s);
void ffacm_flac_splitter_free(ffacm_flac_splitter *s);
void ffacm_flac_splitter_reset(ffacm_flac_splitter *s);

/* Take bytes until a frame is found.  *packet_size > 0: a frame of that size waits at buf;
 * *tentative: only the CRC vouches for it (the input ran out right behind it). */
size_t ffacm_flac_splitter_take(ffacm_flac_splitter *s, const uint8_t *src, size_t n, size_t *packet_size,
                                int *tentative);

/* END: whatever is held, as one last packet (0 if nothing). */
size_t ffacm_flac_splitter_flush(ffacm_flac_splitter *s);

void ffacm_flac_splitter_pop(ffacm_flac_splitter *s, size_t packet_size);

#endif
