#include "size_model.h"

/* Frames the resampler may add on top of the rate ratio (its filter length and rounding). */
#define RESAMPLE_SLACK 256

static uint64_t frames_at_dst_rate(const ffacm_size_model *m, uint64_t frames)
{
    if (m->src_rate == m->dst_rate)
        return frames;
    return (frames * m->dst_rate + m->src_rate - 1) / m->src_rate + RESAMPLE_SLACK;
}

/* Packets an encoder may hold back and release at END (codec delay, the last short frame). */
#define ENC_HELD_PACKETS 8

uint64_t ffacm_size_packet(const ffacm_size_model *m)
{
    if (m->encode)
        return m->enc_max_packet;
    return frames_at_dst_rate(m, m->packet_max_frames) * m->dst_block_align;
}

static uint32_t clamp32(uint64_t v) { return v > 0xFFFFFFF0u ? 0xFFFFFFF0u : (uint32_t)v; }

static int encode_source(const ffacm_size_model *m, uint32_t src_bytes, uint32_t *dst_bytes)
{
    if (m->enc_ratio_num) {
        uint64_t frames = ((uint64_t)src_bytes + m->src_block_align - 1) / m->src_block_align;
        *dst_bytes = clamp32(frames * m->src_block_align * m->enc_ratio_num / m->enc_ratio_den);
        return *dst_bytes ? 0 : -1;
    }
    /* Also for codecs that deliver one packet per call: avifil32 takes SOURCE of the whole
     * input as the compressed stream's length and stops reading there. */
    uint64_t frames = frames_at_dst_rate(m, src_bytes / m->src_block_align + 1);
    uint64_t packets = frames / m->enc_min_frame + 2 + ENC_HELD_PACKETS;
    *dst_bytes = clamp32(packets * m->enc_max_packet);
    return 0;
}

static int encode_destination(const ffacm_size_model *m, uint32_t dst_bytes, uint32_t *src_bytes)
{
    if (m->enc_ratio_num) {
        uint64_t in = (uint64_t)dst_bytes * m->enc_ratio_den / m->enc_ratio_num;
        in -= in % m->src_block_align;
        if (in == 0)
            return -1;
        *src_bytes = clamp32(in);
        return 0;
    }
    uint64_t packets = dst_bytes / m->enc_max_packet;
    /* encode_source() gives (f / min_frame + 2 + held) packets for f frames, so f must stay
     * below (packets - 1 - held) * min_frame: the input frames at the codec's rate. */
    if (packets < 2 + ENC_HELD_PACKETS)
        return -1;
    uint64_t frames = (packets - 1 - ENC_HELD_PACKETS) * m->enc_min_frame - 1;
    /* Back to input frames: encode_source() counts one partial frame more and rounds the
     * rate conversion up (plus the resampler's slack). */
    if (m->src_rate != m->dst_rate) {
        if (frames <= RESAMPLE_SLACK + 1)
            return -1;
        frames = (frames - RESAMPLE_SLACK - 1) * m->src_rate / m->dst_rate;
    }
    if (frames < 2)
        return -1;
    *src_bytes = clamp32((frames - 1) * m->src_block_align);
    return 0;
}

int ffacm_size_source(const ffacm_size_model *m, uint32_t src_bytes, uint32_t *dst_bytes)
{
    if (m->encode)
        return encode_source(m, src_bytes, dst_bytes);
    /* Every unit that can end in these bytes; the one begun in the previous call that ends in
     * this one is the carried packet counted below. */
    uint64_t units = m->unit_min_bytes ? ((uint64_t)src_bytes + m->unit_min_bytes - 1) / m->unit_min_bytes : 1;
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
    if (m->encode)
        return encode_destination(m, dst_bytes, src_bytes);
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
        /* ffacm_size_source() counts ceil(src / unit_min) units. */
        if (units < 1)
            return -1;
        bytes = units * m->unit_min_bytes;
        if (m->src_block_align > 1)
            bytes -= bytes % m->src_block_align;
    }
    if (bytes == 0)
        return -1;
    *src_bytes = bytes > 0xFFFFFFF0u ? 0xFFFFFFF0u : (uint32_t)bytes;
    return 0;
}
