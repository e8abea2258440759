#include "size_model.h"

/* Frames the resampler may add on top of the rate ratio (its filter length and rounding). */
#define RESAMPLE_SLACK 256

static uint64_t frames_at_dst_rate(const ffacm_size_model *m, uint64_t frames)
{
    if (m->src_rate == m->dst_rate)
        return frames;
    return (frames * m->dst_rate + m->src_rate - 1) / m->src_rate + RESAMPLE_SLACK;
}

uint64_t ffacm_size_packet(const ffacm_size_model *m)
{
    return frames_at_dst_rate(m, m->packet_max_frames) * m->dst_block_align;
}

int ffacm_size_source(const ffacm_size_model *m, uint32_t src_bytes, uint32_t *dst_bytes)
{
    /* One unit more than fits whole: a unit begun in the previous call can end in this one. */
    uint64_t units = m->unit_min_bytes ? src_bytes / m->unit_min_bytes + 1 : 1;
    uint64_t frames = units * m->unit_max_frames + m->packet_max_frames;
    uint64_t bytes = frames_at_dst_rate(m, frames) * m->dst_block_align;
    /* A DWORD cannot say more; a buffer this large is beyond any host anyway. */
    if (bytes > 0xFFFFFFF0u)
        bytes = 0xFFFFFFF0u - 0xFFFFFFF0u % m->dst_block_align;
    *dst_bytes = (uint32_t)bytes;
    return bytes ? 0 : -1;
}

int ffacm_size_destination(const ffacm_size_model *m, uint32_t dst_bytes, uint32_t *src_bytes)
{
    uint64_t frames = dst_bytes / m->dst_block_align;
    if (m->src_rate != m->dst_rate) {
        if (frames <= RESAMPLE_SLACK)
            return -1;
        frames = (frames - RESAMPLE_SLACK) * m->src_rate / m->dst_rate;
    }
    if (frames <= m->packet_max_frames)
        return -1;
    uint64_t units = (frames - m->packet_max_frames) / m->unit_max_frames;
    uint64_t bytes;
    if (m->unit_min_bytes == 0) {
        /* Whole packets: any one packet fits once a unit does.  Hosts that read a stream in
         * blocks (avifil32) then read one block at a time. */
        if (units < 1)
            return -1;
        bytes = m->src_block_align ? m->src_block_align : 1;
    } else {
        /* ffacm_size_source() counts src/unit_min + 1 units. */
        if (units < 1)
            return -1;
        bytes = units * m->unit_min_bytes - 1;
        if (m->src_block_align > 1)
            bytes -= bytes % m->src_block_align;
    }
    if (bytes == 0)
        return -1;
    *src_bytes = bytes > 0xFFFFFFF0u ? 0xFFFFFFF0u : (uint32_t)bytes;
    return 0;
}
