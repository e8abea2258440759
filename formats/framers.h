/* Frame splitters for self-framing streams whose frame length is in the frame header.
 *
 * FFmpeg's parsers for AC-3 (and FLAC) close a frame only when the next frame's header
 * arrives, so a frame that ends exactly at the end of a host buffer would wait for the next
 * buffer, and the ACM Wrapper (which never sends END) would lose the last one.  Reading the
 * length from the header lets a frame go out the moment its last byte arrives. */
#ifndef FFACM_FRAMERS_H
#define FFACM_FRAMERS_H

#include <stddef.h>
#include <stdint.h>

typedef struct ffacm_framer {
    const char *name;
    unsigned header_size; /* bytes frame_size() reads */
    /* Length of the frame starting at `p`, or 0 when `p` is not a frame header.  Sets
     * *continuation when the frame belongs to the packet before it (E-AC-3 dependent
     * substreams travel in one packet with their independent frame). */
    unsigned (*frame_size)(const uint8_t *p, int *continuation);
    unsigned max_frame_size; /* no frame is longer: bounds the splitter's buffer */
    /* The header fields that stay the same for a whole stream (never 0), or NULL.  A header
     * whose key differs from the stream's so far is believed only when the next frame's
     * header follows where it says: short sync words also occur inside tags and junk (a
     * UTF-16 BOM in an ID3v2 tag, 0xFF 0xFE, reads as an MPEG Layer I header). */
    uint32_t (*stream_key)(const uint8_t *p);
} ffacm_framer;

extern const ffacm_framer ffacm_framer_mpeg_audio;
extern const ffacm_framer ffacm_framer_ac3;
extern const ffacm_framer ffacm_framer_adts;
extern const ffacm_framer ffacm_framer_dts;
extern const ffacm_framer ffacm_framer_loas;
extern const ffacm_framer ffacm_framer_amrnb;
extern const ffacm_framer ffacm_framer_amrwb;
extern const ffacm_framer ffacm_framer_g723_1;

#endif
