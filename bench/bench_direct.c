/* The speed of light: libavcodec and libswresample from the same static build, called
 * directly with the straightforward minimal loop (FFmpeg's parser for byte streams, the AVI
 * packets as they are, nBlockAlign blocks for block codecs; send/receive; swr to s16). */
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>

#include "bench.h"

typedef enum framing { BY_PARSER, BY_PACKETS, BY_BLOCKS } framing;

typedef struct tag_codec {
    WORD tag;
    enum AVCodecID id;
    framing how;
    int extradata; /* the WAVEFORMATEX extra bytes are the codec's extradata */
} tag_codec;

static const tag_codec tag_codecs[] = {
    { 0x0055, AV_CODEC_ID_MP3, BY_PARSER, 0 },
    { 0x0050, AV_CODEC_ID_MP2, BY_PARSER, 0 },
    { 0x2000, AV_CODEC_ID_AC3, BY_PARSER, 0 },
    { 0x1600, AV_CODEC_ID_AAC, BY_PARSER, 0 },
    { 0xF1AC, AV_CODEC_ID_FLAC, BY_PARSER, 1 },
    { 0x00FF, AV_CODEC_ID_AAC, BY_PACKETS, 1 },
    { 0x704F, AV_CODEC_ID_OPUS, BY_PACKETS, 1 },
    { 0x566F, AV_CODEC_ID_VORBIS, BY_PACKETS, 1 },
    { 0x0011, AV_CODEC_ID_ADPCM_IMA_WAV, BY_BLOCKS, 1 },
    { 0x0002, AV_CODEC_ID_ADPCM_MS, BY_BLOCKS, 1 },
    { 0x0031, AV_CODEC_ID_GSM_MS, BY_BLOCKS, 1 },
    { 0x0006, AV_CODEC_ID_PCM_ALAW, BY_BLOCKS, 0 },
    { 0x0007, AV_CODEC_ID_PCM_MULAW, BY_BLOCKS, 0 },
};

static const tag_codec *find_tag(WORD tag)
{
    for (size_t i = 0; i < sizeof tag_codecs / sizeof tag_codecs[0]; i++)
        if (tag_codecs[i].tag == tag)
            return &tag_codecs[i];
    return NULL;
}

int bench_direct_supports(WORD tag) { return find_tag(tag) != NULL; }

#define OUT_SAMPLES (1 << 16)

typedef struct direct {
    AVCodecContext *ctx;
    AVPacket *pkt;
    AVFrame *frame;
    SwrContext *swr;
    uint8_t *out;
    bench_run *r;
    int counting; /* steady state reached: heap calls are counted */
} direct;

static int drain_frames(direct *d)
{
    for (;;) {
        int ret = avcodec_receive_frame(d->ctx, d->frame);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return 0;
        if (ret < 0)
            return ret;
        if (!d->swr) {
            if (swr_alloc_set_opts2(&d->swr, &d->frame->ch_layout, AV_SAMPLE_FMT_S16, d->frame->sample_rate,
                                    &d->frame->ch_layout, d->frame->format, d->frame->sample_rate, 0, NULL) < 0 ||
                swr_init(d->swr) < 0)
                return AVERROR(EINVAL);
        }
        uint8_t *planes[1] = { d->out };
        int n = swr_convert(d->swr, planes, OUT_SAMPLES, (const uint8_t **)d->frame->extended_data,
                            d->frame->nb_samples);
        if (n > 0) {
            uint64_t bytes = (uint64_t)n * 2 * (unsigned)d->frame->ch_layout.nb_channels;
            d->r->out_bytes += bytes;
            if (d->counting)
                d->r->counted_out += bytes;
        }
        av_frame_unref(d->frame);
    }
}

static int send(direct *d, const uint8_t *data, int size)
{
    bench_heap_enable(d->counting);
    d->pkt->data = (uint8_t *)data;
    d->pkt->size = size;
    int ret = avcodec_send_packet(d->ctx, data ? d->pkt : NULL);
    d->pkt->data = NULL;
    d->pkt->size = 0;
    if (ret >= 0 || ret == AVERROR_INVALIDDATA)
        ret = drain_frames(d);
    bench_heap_enable(0);
    if (d->counting)
        d->r->counted_calls++;
    d->r->calls++;
    return ret == AVERROR_INVALIDDATA ? 0 : ret;
}

void bench_direct_decode(const bench_media *m, bench_run *r)
{
    const tag_codec *tc = find_tag(m->wfx->wFormatTag);
    direct d;
    AVCodecParserContext *parser = NULL;
    memset(r, 0, sizeof *r);
    memset(&d, 0, sizeof d);
    d.r = r;
    if (!tc) {
        snprintf(r->error, sizeof r->error, "no codec for tag 0x%04X", m->wfx->wFormatTag);
        return;
    }
    const AVCodec *codec = avcodec_find_decoder(tc->id);
    d.ctx = codec ? avcodec_alloc_context3(codec) : NULL;
    d.pkt = av_packet_alloc();
    d.frame = av_frame_alloc();
    d.out = av_malloc((size_t)OUT_SAMPLES * 2 * 8);
    if (!d.ctx || !d.pkt || !d.frame || !d.out) {
        snprintf(r->error, sizeof r->error, "libavcodec setup failed");
        goto done;
    }
    const WAVEFORMATEX *w = m->wfx;
    d.ctx->sample_rate = (int)w->nSamplesPerSec;
    av_channel_layout_default(&d.ctx->ch_layout, w->nChannels);
    d.ctx->block_align = w->nBlockAlign;
    d.ctx->bit_rate = (int64_t)w->nAvgBytesPerSec * 8;
    d.ctx->bits_per_coded_sample = w->wBitsPerSample;
    d.ctx->thread_count = 1;
    if (tc->extradata && w->cbSize) {
        d.ctx->extradata = av_mallocz((size_t)w->cbSize + AV_INPUT_BUFFER_PADDING_SIZE);
        if (!d.ctx->extradata)
            goto done;
        memcpy(d.ctx->extradata, (const uint8_t *)w + sizeof *w, w->cbSize);
        d.ctx->extradata_size = w->cbSize;
    }
    if (avcodec_open2(d.ctx, codec, NULL) < 0) {
        snprintf(r->error, sizeof r->error, "avcodec_open2 failed");
        goto done;
    }
    int ret = 0;
    bench_heap_stats h0;
    bench_heap_read(&h0);
    double t0 = bench_now();
    if (tc->how == BY_PACKETS && m->packets) {
        for (size_t i = 0; i < m->packet_count && ret >= 0; i++) {
            d.counting = i * WARMUP_DIVISOR >= m->packet_count;
            ret = send(&d, m->data + m->packets[i].offset, (int)m->packets[i].size);
        }
    } else if (tc->how == BY_PARSER) {
        parser = av_parser_init(tc->id);
        if (!parser) {
            snprintf(r->error, sizeof r->error, "no parser");
            goto done;
        }
        size_t pos = 0;
        for (;;) {
            uint8_t *data = NULL;
            int size = 0;
            int len = pos < m->size ? (int)(m->size - pos < 65536 ? m->size - pos : 65536) : 0;
            int n = av_parser_parse2(parser, d.ctx, &data, &size, len ? m->data + pos : NULL, len,
                                     AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
            if (n < 0)
                break;
            pos += (size_t)n;
            d.counting = pos * WARMUP_DIVISOR >= m->size;
            if (size > 0 && (ret = send(&d, data, size)) < 0)
                break;
            if (!len && size <= 0)
                break;
        }
    } else {
        /* Blocks: one nBlockAlign block per packet; sample-sized codecs (G.711) in ~4 KiB. */
        size_t block = w->nBlockAlign ? w->nBlockAlign : 1;
        if (block < 256)
            block *= 4096 / block;
        for (size_t pos = 0; pos < m->size && ret >= 0; pos += block) {
            d.counting = pos * WARMUP_DIVISOR >= m->size;
            ret = send(&d, m->data + pos, (int)(m->size - pos < block ? m->size - pos : block));
        }
    }
    if (ret >= 0)
        ret = send(&d, NULL, 0);
    r->seconds = bench_now() - t0;
    if (ret < 0 && ret != AVERROR_EOF) {
        snprintf(r->error, sizeof r->error, "decode error %d", ret);
        goto done;
    }
    bench_heap_stats hs;
    bench_heap_read(&hs);
    r->allocs = hs.allocs - h0.allocs;
    r->ok = 1;
done:
    av_parser_close(parser);
    swr_free(&d.swr);
    av_free(d.out);
    av_frame_free(&d.frame);
    av_packet_free(&d.pkt);
    avcodec_free_context(&d.ctx);
}

/* ---------------------------------------------------------------- encoding */

typedef struct tag_encoder {
    WORD tag;
    const char *name;
    int64_t default_rate;
    /* What the driver sets with its default settings (bridge/settings_table.c: LameQuality 2,
     * OpusComplexity 10, FlacCompression 5), so both paths do the same work; -1: the codec's
     * default.  (Without it LAME ran at its own, lighter default: ffacm measured 0.5x.) */
    int compression_level;
} tag_encoder;

static const tag_encoder tag_encoders[] = {
    { 0x0055, "libmp3lame", 128000, 2 }, { 0x00FF, "aac", 128000, -1 }, { 0x704F, "libopus", 96000, 10 },
    { 0x566F, "libvorbis", 128000, -1 }, { 0xF1AC, "flac", 0, 5 },      { 0x2000, "ac3", 192000, -1 },
};

void bench_direct_encode(const bench_media *pcm, WORD tag, int64_t bit_rate, bench_run *r,
                         char *encoder_name, size_t name_len)
{
    const tag_encoder *te = NULL;
    AVCodecContext *ctx = NULL;
    AVFrame *frame = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    SwrContext *swr = NULL;
    memset(r, 0, sizeof *r);
    encoder_name[0] = '\0';
    for (size_t i = 0; i < sizeof tag_encoders / sizeof tag_encoders[0]; i++)
        if (tag_encoders[i].tag == tag)
            te = &tag_encoders[i];
    const AVCodec *enc = te ? avcodec_find_encoder_by_name(te->name) : NULL;
    if (!enc || !frame || !pkt || !(ctx = avcodec_alloc_context3(enc))) {
        snprintf(r->error, sizeof r->error, "no encoder");
        goto done;
    }
    snprintf(encoder_name, name_len, "%s", te->name);
    const WAVEFORMATEX *w = pcm->wfx;
    int rate = (int)w->nSamplesPerSec;
    if (enc->supported_samplerates) {
        int best = enc->supported_samplerates[0];
        for (const int *p = enc->supported_samplerates; *p; p++)
            if (*p == rate)
                best = rate;
        rate = best;
    }
    ctx->sample_rate = rate;
    ctx->sample_fmt = enc->sample_fmts ? enc->sample_fmts[0] : AV_SAMPLE_FMT_S16;
    for (const enum AVSampleFormat *f = enc->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE; f++)
        if (*f == AV_SAMPLE_FMT_S16)
            ctx->sample_fmt = AV_SAMPLE_FMT_S16;
    av_channel_layout_default(&ctx->ch_layout, w->nChannels);
    ctx->bit_rate = bit_rate > 0 ? bit_rate : te->default_rate;
    ctx->time_base = (AVRational){ 1, rate };
    ctx->thread_count = 1;
    if (te->compression_level >= 0)
        ctx->compression_level = te->compression_level;
    if (avcodec_open2(ctx, enc, NULL) < 0) {
        snprintf(r->error, sizeof r->error, "avcodec_open2(%s) failed", te->name);
        goto done;
    }
    int fs = ctx->frame_size > 0 ? ctx->frame_size : 4096;
    AVChannelLayout in_layout;
    av_channel_layout_default(&in_layout, w->nChannels);
    if (swr_alloc_set_opts2(&swr, &ctx->ch_layout, ctx->sample_fmt, rate, &in_layout, AV_SAMPLE_FMT_S16,
                            (int)w->nSamplesPerSec, 0, NULL) < 0 || swr_init(swr) < 0)
        goto done;
    frame->format = ctx->sample_fmt;
    frame->nb_samples = fs;
    av_channel_layout_copy(&frame->ch_layout, &ctx->ch_layout);
    if (av_frame_get_buffer(frame, 0) < 0)
        goto done;
    size_t in_frame = (size_t)w->nChannels * 2, total = pcm->size / in_frame, pos = 0;
    int64_t pts = 0;
    int ret = 0, flushing = 0;
    double t0 = bench_now();
    while (ret >= 0) {
        /* Push ~one frame of input, pull whole frames out. */
        if (pos < total) {
            const uint8_t *in = pcm->data + pos * in_frame;
            int n = (int)(total - pos < (size_t)fs ? total - pos : (size_t)fs);
            swr_convert(swr, NULL, 0, &in, n);
            pos += (size_t)n;
        }
        int last = pos >= total;
        while (swr_get_out_samples(swr, 0) >= fs || (last && !flushing)) {
            if (av_frame_make_writable(frame) < 0)
                goto done;
            int got = swr_convert(swr, frame->data, fs, NULL, 0);
            if (got <= 0) {
                flushing = 1;
                break;
            }
            if (got < fs && !(enc->capabilities & (AV_CODEC_CAP_SMALL_LAST_FRAME | AV_CODEC_CAP_VARIABLE_FRAME_SIZE))) {
                flushing = 1;
                break;
            }
            frame->nb_samples = got;
            frame->pts = pts;
            pts += got;
            ret = avcodec_send_frame(ctx, frame);
            frame->nb_samples = fs;
            r->calls++;
            while (ret >= 0 && (ret = avcodec_receive_packet(ctx, pkt)) >= 0) {
                r->out_bytes += (uint64_t)pkt->size;
                av_packet_unref(pkt);
            }
            if (ret == AVERROR(EAGAIN))
                ret = 0;
            if (got < fs)
                flushing = 1;
        }
        if (last && (flushing || swr_get_out_samples(swr, 0) == 0))
            break;
    }
    avcodec_send_frame(ctx, NULL);
    while (avcodec_receive_packet(ctx, pkt) >= 0) {
        r->out_bytes += (uint64_t)pkt->size;
        av_packet_unref(pkt);
    }
    r->seconds = bench_now() - t0;
    r->ok = ret >= 0 || ret == AVERROR_EOF;
    if (!r->ok)
        snprintf(r->error, sizeof r->error, "encode error %d", ret);
done:
    swr_free(&swr);
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&ctx);
}
