/* Cuts a self-framing byte stream into packets with a header-length framer (framers.h).
 *
 * A packet is one frame plus any continuation frames right behind it.  It is handed out as
 * soon as its last byte has arrived and the host buffer has no more bytes to look at, so
 * nothing waits for a next buffer that may never come.  Once a stream has shown
 * continuations (E-AC-3 dependent substreams) the splitter waits for the next header instead,
 * and END hands out what is left. */
#ifndef FFACM_SPLITTER_H
#define FFACM_SPLITTER_H

#include <stddef.h>
#include <stdint.h>

#include "../../formats/framers.h"

typedef struct ffacm_splitter {
    const ffacm_framer *framer;
    uint8_t *buf;
    size_t len, cap;
    size_t done;   /* bytes of buf that are complete frames of the current packet */
    size_t want;   /* end of the frame being gathered (0: looking for a header) */
    int has_continuations;
    uint32_t key;  /* framer->stream_key of the stream's frames so far (0: none yet) */
} ffacm_splitter;

int ffacm_splitter_init(ffacm_splitter *s, const ffacm_framer *framer);
void ffacm_splitter_free(ffacm_splitter *s);
void ffacm_splitter_reset(ffacm_splitter *s);

/* Take bytes until a packet is complete.  Returns the bytes taken; *packet_size > 0 when a
 * packet of that size waits at ffacm_splitter_packet(); consume it with _pop(). */
size_t ffacm_splitter_take(ffacm_splitter *s, const uint8_t *src, size_t n, size_t *packet_size);

/* END: the complete frames still held as a packet (0 if none); a partial frame is dropped. */
size_t ffacm_splitter_flush(ffacm_splitter *s);

static inline const uint8_t *ffacm_splitter_packet(const ffacm_splitter *s) { return s->buf; }
void ffacm_splitter_pop(ffacm_splitter *s, size_t packet_size);

#endif
