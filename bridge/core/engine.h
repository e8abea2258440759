/* What the stream adapter needs from a codec session (decoder now, encoders later).
 *
 * The adapter owns the policy (how much input to take, when to deliver, START/END); an
 * engine only knows how to cut input into packets and turn one packet into output bytes. */
#ifndef FFACM_ENGINE_H
#define FFACM_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "fifo.h"

typedef struct ffacm_engine ffacm_engine;

typedef struct ffacm_engine_ops {
    /* Take source bytes until one packet is ready or the bytes run out; returns the bytes
     * taken.  Only called while no packet is ready. */
    size_t (*take)(ffacm_engine *e, const uint8_t *src, size_t len);
    int (*ready)(const ffacm_engine *e);
    /* Turn the ready packet into output appended to `out`.  0, or FFACM_ERR_NOMEM. */
    int (*process)(ffacm_engine *e, ffacm_fifo *out);
    /* END: everything still held (partial packets, codec delay) to `out`; afterwards the
     * engine accepts a continuing stream. */
    int (*drain)(ffacm_engine *e, ffacm_fifo *out);
    /* START: forget all history.  0, or FFACM_ERR_NOMEM. */
    int (*reset)(ffacm_engine *e);
    void (*destroy)(ffacm_engine *e);
} ffacm_engine_ops;

struct ffacm_engine {
    const ffacm_engine_ops *ops;
    /* Output of one packet per convert call: for packets that do not delimit themselves. */
    int one_packet_per_call;
    /* Sample codecs (G.711 at the source's rate): output bytes per input byte, as a ratio,
     * exactly.  The adapter then takes only the input whose output fits, so every call's
     * output matches its input one to one (avifil32 relies on it).  0/0: not such a codec. */
    uint32_t out_per_in_num, out_per_in_den;
    /* Set by the adapter before each take(): the bytes still free in the host's destination
     * buffer.  An engine may size a packet by it (FFACM_FRAMING_SPAN: as large as fits). */
    size_t room;
};

#endif
