/* ACMDM_STREAM_SIZE as arithmetic: true bounds from each format's worst-case expansion.
 *
 * SOURCE answers "how big can the output of cbSrcLength bytes get" (the wave mapper and
 * VirtualDub size their output buffers with it, so it must hold); DESTINATION answers "how
 * much input can never overflow cbDstLength" (avifil32 uses it).  Both include room for one
 * packet carried over from the previous call. */
#ifndef FFACM_SIZE_MODEL_H
#define FFACM_SIZE_MODEL_H

#include <stdint.h>

typedef struct ffacm_size_model {
    /* Encoding (PCM in): packets of at most enc_max_packet bytes, one per enc_min_frame
     * input frames at dst_rate, plus what the codec holds back until END (codecs that
     * deliver one packet per call are sized the same: SOURCE bounds everything the input
     * can make, since avifil32 takes it as the length of the whole compressed stream). */
    int encode;
    uint32_t enc_min_frame, enc_max_packet;
    /* A sample codec at the source's rate: output = input * enc_ratio_num / enc_ratio_den
     * exactly (both directions answer exactly; avifil32 maps positions with them). */
    uint32_t enc_ratio_num, enc_ratio_den;
    /* Decoding: */
    uint32_t unit_min_bytes;    /* 0: one source buffer is one unit (packet framing) */
    uint32_t unit_max_frames;   /* frames one unit may decode to, at src_rate */
    uint32_t packet_max_frames; /* frames one packet may decode to: the carry-over */
    uint32_t src_rate, dst_rate;
    uint32_t src_block_align;   /* input granularity (1 for byte streams) */
    uint32_t dst_block_align;   /* bytes per output frame */
} ffacm_size_model;

/* The most output bytes one packet can produce: the room the adapter keeps free before it
 * takes another packet, so a host buffer never ends with output left over. */
uint64_t ffacm_size_packet(const ffacm_size_model *m);

/* 0 and the bound, or -1 when no input size fits (DESTINATION smaller than one unit). */
int ffacm_size_source(const ffacm_size_model *m, uint32_t src_bytes, uint32_t *dst_bytes);
int ffacm_size_destination(const ffacm_size_model *m, uint32_t dst_bytes, uint32_t *src_bytes);

#endif
