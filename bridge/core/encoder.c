/* The encoding session: host PCM -> libswresample -> whole frames -> libavcodec -> packets
 * laid out in the ACM output byte stream.
 *
 * Input arrives in buffers of any size, even single bytes: partial sample frames wait in a
 * small stash, converted samples in an audio FIFO until a codec frame is full.  Packets wait
 * in a short queue so that codecs whose packets do not delimit themselves can hand out exactly
 * one per convert call (formats/format_table.h, one_packet_per_call). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>

#include "../../formats/codecs.h"
#include "codec_session.h"
#include "ogg_writer.h"
#include "status.h"

#define PACKET_QUEUE 32
#define FALLBACK_FRAME 1024 /* codecs without a fixed frame size (PCM-like) */

typedef struct encoder {
    ffacm_engine base;
    const ffacm_encoder_spec *spec;
    const AVCodec *codec;
    AVCodecContext *ctx;
    struct SwrContext *swr;
    AVAudioFifo *samples;          /* converted samples waiting for a whole frame */
    AVFrame *frame;
    int frame_size;
    uint8_t stash[64];             /* bytes of a partial input sample frame */
    unsigned stash_len;
    unsigned src_block;            /* bytes per input sample frame */
    int src_rate;
    uint8_t **convert_buf;         /* swr output scratch (planar or packed) */
    int convert_cap;               /* in samples */
    AVPacket *queue[PACKET_QUEUE]; /* encoded, not yet written out */
    int queue_head, queue_len;
    int dirty;
    int spent;                     /* END flushed the codec: re-create it before new input */
    int64_t samples_in, samples_sent; /* at the codec's rate, since the codec was opened */
    int compression_level;            /* from the settings, -1: the codec's default */
    /* spec->ogg_pages: the page writer, and whether this logical stream's header pages and
     * its last packet (the codec reported EOF at END: EOS) have gone out. */
    ffacm_ogg_writer ogg;
    uint32_t ogg_serial;
    int ogg_headers_done, codec_eof;
    int64_t ogg_granule;           /* the last page's granule position */
    ffacm_wavefmt src, dst;        /* copies; dst's extra bytes point at dst_extra */
    uint8_t dst_extra[256];        /* re-read whenever the codec is re-created */
} encoder;

static const ffacm_engine_ops encoder_ops;
static int variable_frames(const struct encoder *c);

static enum AVSampleFormat src_sample_fmt(const ffacm_wavefmt *src)
{
    if (ffacm_wavefmt_is_float(src))
        return AV_SAMPLE_FMT_FLT;
    switch (src->bits_per_sample) {
    case 8: return AV_SAMPLE_FMT_U8;
    case 16: return AV_SAMPLE_FMT_S16;
    case 32: return AV_SAMPLE_FMT_S32;
    default: return AV_SAMPLE_FMT_NONE; /* 24-bit input is widened by hand, see take() */
    }
}

int ffacm_encoder_check(const ffacm_wavefmt *src, const ffacm_wavefmt *dst)
{
    const ffacm_format_row *row = ffacm_format_find(dst);
    if (!row || !row->encoder || (!ffacm_wavefmt_is_pcm(src) && !ffacm_wavefmt_is_float(src)))
        return FFACM_ERR_NOTPOSSIBLE;
    if (src->channels == 0 || src->channels > 8 || src->rate < 1000 || src->rate > 768000 ||
        src->block_align != src->channels * ((src->bits_per_sample + 7) / 8) || src->block_align > 64)
        return FFACM_ERR_NOTPOSSIBLE;
    if (ffacm_wavefmt_is_float(src) ? src->bits_per_sample != 32
                                    : (src->bits_per_sample != 8 && src->bits_per_sample != 16 &&
                                       src->bits_per_sample != 24 && src->bits_per_sample != 32))
        return FFACM_ERR_NOTPOSSIBLE;
    if (!avcodec_find_encoder_by_name(row->encoder->encoder))
        return FFACM_ERR_NOTPOSSIBLE;
    return row->encoder->configure(dst, NULL) == 0 ? FFACM_OK : FFACM_ERR_NOTPOSSIBLE;
}

static void encoder_destroy(ffacm_engine *e)
{
    encoder *c = (encoder *)e;
    if (!c)
        return;
    avcodec_free_context(&c->ctx);
    swr_free(&c->swr);
    if (c->samples)
        av_audio_fifo_free(c->samples);
    av_frame_free(&c->frame);
    if (c->convert_buf)
        av_freep(&c->convert_buf[0]);
    av_freep(&c->convert_buf);
    for (int i = 0; i < PACKET_QUEUE; i++)
        av_packet_free(&c->queue[i]);
    free(c);
}

/* The encoder's preferred sample format: the first one it lists. */
static enum AVSampleFormat encoder_sample_fmt(const AVCodec *codec, int bits)
{
    if (!codec->sample_fmts)
        return AV_SAMPLE_FMT_S16;
    /* Lossless codecs keep 24/32-bit input when they can. */
    if (bits > 16)
        for (const enum AVSampleFormat *f = codec->sample_fmts; *f != AV_SAMPLE_FMT_NONE; f++)
            if (*f == AV_SAMPLE_FMT_S32 || *f == AV_SAMPLE_FMT_S32P)
                return *f;
    return codec->sample_fmts[0];
}

static int open_codec(encoder *c)
{
    c->ctx = avcodec_alloc_context3(c->codec);
    if (!c->ctx)
        return FFACM_ERR_NOMEM;
    c->ctx->sample_rate = (int)c->dst.rate;
    uint32_t mask = c->dst.tag == FFACM_TAG_EXTENSIBLE && c->dst.channel_mask
                        ? c->dst.channel_mask
                        : ffacm_default_speaker_mask(c->dst.channels);
    if (mask && (unsigned)__builtin_popcount(mask) == c->dst.channels)
        av_channel_layout_from_mask(&c->ctx->ch_layout, mask);
    else
        av_channel_layout_default(&c->ctx->ch_layout, c->dst.channels);
    c->ctx->sample_fmt = encoder_sample_fmt(c->codec, c->dst.bits_per_sample);
    c->ctx->time_base = (AVRational){ 1, (int)c->dst.rate };
    c->ctx->thread_count = 1;
    if (c->compression_level >= 0)
        c->ctx->compression_level = c->compression_level;
    if (c->spec->configure(&c->dst, c->ctx) < 0)
        return FFACM_ERR_NOTPOSSIBLE;
    int ret = avcodec_open2(c->ctx, c->codec, NULL);
    if (ret < 0)
        return ret == AVERROR(ENOMEM) ? FFACM_ERR_NOMEM : FFACM_ERR_NOTPOSSIBLE;
    c->frame_size = c->ctx->frame_size > 0 ? c->ctx->frame_size : FALLBACK_FRAME;
    c->dirty = 0;
    c->codec_eof = 0;
    /* Every codec (re)start is a new logical stream: a chained Ogg stream with its own serial
     * after END, as oggenc writes concatenated files. */
    c->ogg_headers_done = 0;
    c->ogg_granule = 0;
    ffacm_ogg_writer_start(&c->ogg, c->ogg_serial++);
    c->spent = 0;
    c->samples_in = c->samples_sent = 0;
    return FFACM_OK;
}

static int open_resampler(encoder *c)
{
    AVChannelLayout in;
    av_channel_layout_default(&in, c->src.channels);
    uint32_t src_mask = c->src.tag == FFACM_TAG_EXTENSIBLE ? c->src.channel_mask : 0;
    if (src_mask && (unsigned)__builtin_popcount(src_mask) == c->src.channels)
        av_channel_layout_from_mask(&in, src_mask);
    enum AVSampleFormat in_fmt = src_sample_fmt(&c->src);
    if (in_fmt == AV_SAMPLE_FMT_NONE)
        in_fmt = AV_SAMPLE_FMT_S32; /* 24-bit, widened */
    int ret = swr_alloc_set_opts2(&c->swr, &c->ctx->ch_layout, c->ctx->sample_fmt, c->ctx->sample_rate, &in,
                                  in_fmt, (int)c->src.rate, 0, NULL);
    av_channel_layout_uninit(&in);
    if (ret < 0 || swr_init(c->swr) < 0)
        return FFACM_ERR_NOTPOSSIBLE;
    return FFACM_OK;
}

int ffacm_encoder_create(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, int compression_level,
                         ffacm_engine **out)
{
    *out = NULL;
    int ret = ffacm_encoder_check(src, dst);
    if (ret != FFACM_OK)
        return ret;
    encoder *c = calloc(1, sizeof *c);
    if (!c)
        return FFACM_ERR_NOMEM;
    c->base.ops = &encoder_ops;
    c->spec = ffacm_format_find(dst)->encoder;
    c->base.one_packet_per_call = c->spec->one_packet_per_call;
    c->codec = avcodec_find_encoder_by_name(c->spec->encoder);
    c->compression_level = compression_level;
    c->src = *src;
    c->dst = *dst;
    c->src.extra = NULL;
    c->src.extra_size = 0;
    if (dst->extra_size > sizeof c->dst_extra) {
        free(c);
        return FFACM_ERR_NOTPOSSIBLE;
    }
    if (dst->extra_size)
        memcpy(c->dst_extra, dst->extra, dst->extra_size);
    c->dst.extra = c->dst_extra;
    c->src_block = src->block_align;
    c->src_rate = (int)src->rate;
    c->ogg_serial = 0x66666163; /* "ffac": any fixed value keeps the output reproducible */
    ret = open_codec(c);
    if (ret == FFACM_OK)
        ret = open_resampler(c);
    if (ret == FFACM_OK) {
        c->samples = av_audio_fifo_alloc(c->ctx->sample_fmt, c->ctx->ch_layout.nb_channels, 2 * c->frame_size);
        c->frame = av_frame_alloc();
        for (int i = 0; i < PACKET_QUEUE && ret == FFACM_OK; i++)
            if (!(c->queue[i] = av_packet_alloc()))
                ret = FFACM_ERR_NOMEM;
        if (!c->samples || !c->frame)
            ret = FFACM_ERR_NOMEM;
    }
    if (ret == FFACM_OK) {
        c->frame->nb_samples = c->frame_size;
        c->frame->format = c->ctx->sample_fmt;
        c->frame->sample_rate = c->ctx->sample_rate;
        if (av_channel_layout_copy(&c->frame->ch_layout, &c->ctx->ch_layout) < 0 || av_frame_get_buffer(c->frame, 0) < 0)
            ret = FFACM_ERR_NOMEM;
    }
    if (ret != FFACM_OK) {
        encoder_destroy(&c->base);
        return ret;
    }
    if (c->spec->sample_codec && c->src.rate == c->dst.rate && c->dst.block_align == c->dst.channels &&
        c->src.channels == c->dst.channels) {
        c->base.out_per_in_num = c->dst.block_align;
        c->base.out_per_in_den = c->src_block;
    }
    *out = &c->base;
    return FFACM_OK;
}

/* Output samples swr can make from `in_frames` input frames, and scratch room for them. */
static int reserve_convert(encoder *c, int frames)
{
    if (frames <= c->convert_cap)
        return 0;
    if (c->convert_buf)
        av_freep(&c->convert_buf[0]);
    av_freep(&c->convert_buf);
    int cap = frames > 4096 ? frames : 4096;
    if (av_samples_alloc_array_and_samples(&c->convert_buf, NULL, c->ctx->ch_layout.nb_channels, cap,
                                           c->ctx->sample_fmt, 0) < 0)
        return -1;
    c->convert_cap = cap;
    return 0;
}

/* Convert `frames` whole input sample frames (NULL: flush swr) into the sample FIFO. */
static int push_samples(encoder *c, const uint8_t *pcm, int frames)
{
    uint8_t widened[64 * 1024];
    const uint8_t *in = pcm;
    if (pcm && c->src.bits_per_sample == 24) { /* swr has no packed 24-bit: widen to S32 */
        size_t samples = (size_t)frames * c->src.channels;
        if (samples * 4 > sizeof widened)
            return -1;
        for (size_t i = 0; i < samples; i++) {
            widened[4 * i] = 0;
            memcpy(widened + 4 * i + 1, pcm + 3 * i, 3);
        }
        in = widened;
    }
    int out_max = swr_get_out_samples(c->swr, pcm ? frames : 0);
    if (out_max < 0 || reserve_convert(c, out_max + 1) < 0)
        return -1;
    int got = swr_convert(c->swr, c->convert_buf, c->convert_cap, pcm ? &in : NULL, pcm ? frames : 0);
    if (got < 0)
        return -1;
    if (got > 0 && av_audio_fifo_write(c->samples, (void **)c->convert_buf, got) < got)
        return -1;
    c->samples_in += got;
    return 0;
}

/* Codecs that take any number of samples (G.711) encode what there is at once, so every
 * call's output matches its input: hosts that map input to output positions one to one
 * (avifil32) would otherwise read the same input twice. */
static int variable_frames(const struct encoder *c) { return (c->codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0; }

static int frame_ready(const encoder *c)
{
    int have = av_audio_fifo_size(c->samples);
    return variable_frames(c) ? have > 0 : have >= c->frame_size;
}

static int encoder_ready(const ffacm_engine *e)
{
    const encoder *c = (const encoder *)e;
    return c->queue_len > 0 || frame_ready(c);
}

/* Input frames still wanted before a codec frame is full (at least one). */
static int frames_wanted(const encoder *c)
{
    int missing = c->frame_size - av_audio_fifo_size(c->samples);
    if (missing <= 0)
        return 1;
    int64_t in = ((int64_t)missing * c->src_rate + c->ctx->sample_rate - 1) / c->ctx->sample_rate;
    return in > 0 ? (int)in : 1;
}

static size_t encoder_take(ffacm_engine *e, const uint8_t *src, size_t len)
{
    encoder *c = (encoder *)e;
    size_t used = 0;
    /* The stream goes on after END: only now is a fresh codec worth its cost (most streams
     * end with END and are closed; re-creating it there cost FLAC 7 % of a 5 s encode). */
    if (c->spent && len) {
        avcodec_free_context(&c->ctx);
        if (open_codec(c) != FFACM_OK || swr_init(c->swr) < 0)
            return 0; /* nothing taken: the adapter stops (as for memory running out) */
    }
    while (used < len && !frame_ready(c)) {
        /* Complete a partial sample frame first. */
        if (c->stash_len) {
            size_t k = c->src_block - c->stash_len;
            if (k > len - used)
                k = len - used;
            memcpy(c->stash + c->stash_len, src + used, k);
            c->stash_len += (unsigned)k;
            used += k;
            if (c->stash_len < c->src_block)
                break;
            c->stash_len = 0;
            if (push_samples(c, c->stash, 1) < 0)
                break;
            continue;
        }
        size_t whole = (len - used) / c->src_block;
        size_t limit = (64 * 1024) / (4 * c->src.channels); /* the widening scratch */
        size_t want = (size_t)frames_wanted(c);
        if (want > limit)
            want = limit;
        if (whole > want)
            whole = want;
        if (whole == 0) { /* less than one sample frame left: keep it */
            c->stash_len = (unsigned)(len - used);
            memcpy(c->stash, src + used, c->stash_len);
            used = len;
            break;
        }
        if (push_samples(c, src + used, (int)whole) < 0)
            break;
        used += whole * c->src_block;
    }
    return used;
}

/* Move every packet the codec has into the queue (as far as there is room). */
static int collect_packets(encoder *c)
{
    while (c->queue_len < PACKET_QUEUE) {
        AVPacket *p = c->queue[(c->queue_head + c->queue_len) % PACKET_QUEUE];
        int ret = avcodec_receive_packet(c->ctx, p);
        if (ret == AVERROR_EOF)
            c->codec_eof = 1;
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return FFACM_OK;
        if (ret < 0)
            return FFACM_OK; /* the codec failed this packet: nothing to write */
        c->queue_len++;
    }
    return FFACM_OK;
}

/* The Ogg pages of queued packet `p`: the header pages first in a logical stream. */
static int write_ogg(encoder *c, const AVPacket *p, ffacm_fifo *out)
{
    const uint8_t *pkt[3] = { NULL, NULL, NULL };
    size_t len[3] = { 0, 0, 0 };
    int headers = !c->ogg_headers_done;
    size_t extra_size = c->ctx->extradata_size > 0 ? (size_t)c->ctx->extradata_size : 0;
    if (headers && ffacm_split_xiph_headers(c->ctx->extradata, extra_size, pkt, len) < 0)
        return FFACM_ERR_NOTPOSSIBLE;
    size_t need = ffacm_ogg_packet_bound((size_t)p->size);
    for (int i = 0; headers && i < 3; i++)
        need += ffacm_ogg_packet_bound(len[i]);
    uint8_t *dst = ffacm_fifo_reserve(out, need);
    if (!dst)
        return FFACM_ERR_NOMEM;
    size_t n = 0;
    if (headers) { /* identification on a page of its own (BOS), then comment and setup */
        for (int i = 0; i < 3; i++)
            n += ffacm_ogg_write_packet(&c->ogg, dst + n, pkt[i], len[i], 0, i == 0 ? FFACM_OGG_BOS : 0);
        c->ogg_headers_done = 1;
    }
    /* The granule position is the PCM position at the end of the packet's output.  The codec
     * stamps packets on the input's time line shifted by its delay (libvorbis' first packet
     * decodes to nothing and ends at 0), so pts + duration is that position, up to the
     * packets after the end of the input, which it stamps further on: the stream ends at the
     * number of samples that went in. */
    int64_t granule = p->pts != AV_NOPTS_VALUE ? p->pts + p->duration : c->ogg_granule;
    if (granule > c->samples_sent)
        granule = c->samples_sent;
    if (granule < c->ogg_granule)
        granule = c->ogg_granule;
    c->ogg_granule = granule;
    int last = c->codec_eof && c->queue_len == 1;
    n += ffacm_ogg_write_packet(&c->ogg, dst + n, p->data, (size_t)p->size, granule, last ? FFACM_OGG_EOS : 0);
    ffacm_fifo_commit(out, n);
    return FFACM_OK;
}

static int write_packet(encoder *c, ffacm_fifo *out)
{
    AVPacket *p = c->queue[c->queue_head];
    if (c->spec->ogg_pages) {
        int ret = write_ogg(c, p, out);
        if (ret != FFACM_OK)
            return ret;
        av_packet_unref(p);
        c->queue_head = (c->queue_head + 1) % PACKET_QUEUE;
        c->queue_len--;
        return FFACM_OK;
    }
    uint8_t *dst = ffacm_fifo_reserve(out, (size_t)p->size + 16);
    if (!dst)
        return FFACM_ERR_NOMEM;
    size_t n = c->spec->wrap ? c->spec->wrap(c->ctx, p->data, (size_t)p->size, dst) : 0;
    if (!c->spec->wrap) {
        if (p->size)
            memcpy(dst, p->data, (size_t)p->size);
        n = (size_t)p->size;
    }
    ffacm_fifo_commit(out, n);
    av_packet_unref(p);
    c->queue_head = (c->queue_head + 1) % PACKET_QUEUE;
    c->queue_len--;
    return FFACM_OK;
}

/* Send one frame of `n` samples from the FIFO (n < frame_size: the last, short frame). */
/* Float samples from the host can be NaN, infinite or huge (garbage in an IEEE-float
 * buffer): libavcodec's AAC encoder then never returns (found by fuzz_encode).  Clamp them
 * to the nominal [-1, 1] and make non-finite ones silence. */
static void sanitise_float(AVFrame *f, enum AVSampleFormat fmt, int channels)
{
    int planes = fmt == AV_SAMPLE_FMT_FLTP ? channels : fmt == AV_SAMPLE_FMT_FLT ? 1 : 0;
    int per_plane = fmt == AV_SAMPLE_FMT_FLT ? f->nb_samples * channels : f->nb_samples;
    for (int p = 0; p < planes; p++) {
        float *v = (float *)f->extended_data[p];
        for (int i = 0; i < per_plane; i++)
            v[i] = isfinite(v[i]) ? (v[i] > 1.0f ? 1.0f : v[i] < -1.0f ? -1.0f : v[i]) : 0.0f;
    }
}

static int send_frame(encoder *c, int n)
{
    if (av_frame_make_writable(c->frame) < 0)
        return FFACM_ERR_NOMEM;
    /* Codecs with fixed frames get the last one filled up with silence. */
    int pad = (c->codec->capabilities & (AV_CODEC_CAP_SMALL_LAST_FRAME | AV_CODEC_CAP_VARIABLE_FRAME_SIZE))
                  ? 0
                  : c->frame_size - n;
    if (n + pad == 0)
        return FFACM_OK;
    c->frame->nb_samples = n + pad;
    if (av_audio_fifo_read(c->samples, (void **)c->frame->extended_data, n) < n)
        return FFACM_ERR_NOMEM;
    if (pad)
        av_samples_set_silence(c->frame->extended_data, n, pad, c->ctx->ch_layout.nb_channels, c->ctx->sample_fmt);
    /* Integer PCM converts to floats within [-1, 1] (the resampler's ringing stays finite
     * and small): only a float source can carry garbage, and only it pays for the pass
     * (AC-3 spent 11 % of its encode on it). */
    if (ffacm_wavefmt_is_float(&c->src))
        sanitise_float(c->frame, c->ctx->sample_fmt, c->ctx->ch_layout.nb_channels);
    /* Ogg needs packet positions: the codec derives them from the frames' (in samples). */
    c->frame->pts = c->spec->ogg_pages ? c->samples_sent : AV_NOPTS_VALUE;
    c->dirty = 1;
    c->samples_sent += n + pad;
    int ret = avcodec_send_frame(c->ctx, c->frame);
    c->frame->nb_samples = c->frame_size;
    return ret == AVERROR(ENOMEM) ? FFACM_ERR_NOMEM : FFACM_OK;
}

static int encoder_process(ffacm_engine *e, ffacm_fifo *out)
{
    encoder *c = (encoder *)e;
    int ret = FFACM_OK;
    if (c->queue_len == 0 && frame_ready(c)) {
        int have = av_audio_fifo_size(c->samples);
        if ((ret = send_frame(c, have < c->frame_size ? have : c->frame_size)) != FFACM_OK)
            return ret;
        collect_packets(c);
    }
    if (c->queue_len == 0)
        return FFACM_OK;
    /* Self-delimiting packets may go out together; the others one per call (the adapter
     * stops after this call's first output for them). */
    do {
        if ((ret = write_packet(c, out)) != FFACM_OK)
            return ret;
    } while (!c->spec->one_packet_per_call && c->queue_len > 0);
    return FFACM_OK;
}

static int encoder_drain(ffacm_engine *e, ffacm_fifo *out)
{
    encoder *c = (encoder *)e;
    int ret = FFACM_OK;
    if (c->spent) /* flushed already and no codec could be made for new input since */
        return c->ctx ? FFACM_OK : FFACM_ERR_NOMEM;
    c->stash_len = 0; /* a partial sample frame cannot be encoded */
    if (c->src_rate != c->ctx->sample_rate && push_samples(c, NULL, 0) < 0)
        ret = FFACM_ERR_NOMEM;
    /* The last samples (a short frame), then the codec's delay: everything into the queue.
     * A codec that delays its output without flushing it (Layer II, AC-3: no CAP_DELAY, yet
     * initial_padding) gets silence until the input has gone all the way through. */
    int64_t needed = c->samples_in;
    if (!(c->codec->capabilities & AV_CODEC_CAP_DELAY))
        needed += c->ctx->initial_padding;
    while (ret == FFACM_OK && c->queue_len < PACKET_QUEUE / 2 &&
           (av_audio_fifo_size(c->samples) > 0 || c->samples_sent < needed)) {
        int n = av_audio_fifo_size(c->samples);
        ret = send_frame(c, n < c->frame_size ? n : c->frame_size);
        collect_packets(c);
    }
    if (ret == FFACM_OK && avcodec_send_frame(c->ctx, NULL) >= 0)
        collect_packets(c);
    /* Write them: all at once where packets delimit themselves, else one now and the rest in
     * the following END calls (the queue keeps them across the codec's re-creation). */
    if (ret == FFACM_OK && c->queue_len > 0)
        ret = encoder_process(e, out);
    /* A stream that goes on after END gets a fresh codec and resampler when its input
     * arrives (encoder_take) or at START; the queued packets keep using this context. */
    c->spent = 1;
    c->dirty = 1;
    return ret;
}

static int encoder_reset(ffacm_engine *e)
{
    encoder *c = (encoder *)e;
    c->stash_len = 0;
    av_audio_fifo_reset(c->samples);
    c->samples_in = c->samples_sent = 0;
    for (; c->queue_len > 0; c->queue_len--, c->queue_head = (c->queue_head + 1) % PACKET_QUEUE)
        av_packet_unref(c->queue[c->queue_head]);
    swr_init(c->swr); /* forgets buffered history */
    if (!c->dirty)
        return FFACM_OK;
    avcodec_free_context(&c->ctx);
    return open_codec(c);
}

static const ffacm_engine_ops encoder_ops = {
    .take = encoder_take,
    .ready = encoder_ready,
    .process = encoder_process,
    .drain = encoder_drain,
    .reset = encoder_reset,
    .destroy = encoder_destroy,
};
