/* profile_core: the same decode two ways, natively, for callgrind (instruction counts do not
 * depend on machine load, unlike the timings under Wine).
 *
 *   profile_core ffacm  FILE.pkt CHUNK   ffacm's core: ffacm_stream_convert() as an ACM host
 *                                        calls it (reads of CHUNK bytes, or one packet per call)
 *   profile_core direct FILE.pkt         libavcodec directly: parser / packets / blocks,
 *                                        send/receive, swr to s16 (bench_direct.c's loop)
 *
 *   profile_core encode FILE.pkt TAG CHUNK   ffacm's encoder for TAG (hex) from 16-bit PCM,
 *                                        format as ffacm suggests it, reads of CHUNK bytes
 *   profile_core encode-direct FILE.pkt TAG the same libavcodec encoder with the same
 *                                        options (the row's configure()), frames from swr
 *
 * FILE.pkt is tests/tools/pktdump.py's flattening of a WAV/AVI.  The timed work is in
 * run_ffacm() and run_direct(), so `callgrind --toggle-collect=run_*` counts only that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/stream_adapter.h"
#include "formats/format_table.h"
#include "bridge/core/wavefmt.h"

typedef struct input {
    uint8_t *fmt;
    uint32_t fmt_size;
    int packets;
    uint32_t count;
    uint8_t **rec;
    uint32_t *len;
} input;

static uint32_t rd32(FILE *f)
{
    uint8_t b[4] = { 0 };
    if (fread(b, 1, 4, f) != 4)
        exit(1);
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static void load(input *in, const char *path)
{
    FILE *f = fopen(path, "rb");
    char magic[4];
    if (!f || fread(magic, 1, 4, f) != 4 || memcmp(magic, "FFPK", 4)) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    in->fmt_size = rd32(f);
    in->fmt = malloc(in->fmt_size);
    if (fread(in->fmt, 1, in->fmt_size, f) != in->fmt_size)
        exit(1);
    in->packets = (int)rd32(f);
    in->count = rd32(f);
    in->rec = calloc(in->count, sizeof *in->rec);
    in->len = calloc(in->count, sizeof *in->len);
    for (uint32_t i = 0; i < in->count; i++) {
        in->len[i] = rd32(f);
        in->rec[i] = calloc(1, in->len[i] + AV_INPUT_BUFFER_PADDING_SIZE);
        if (fread(in->rec[i], 1, in->len[i], f) != in->len[i])
            exit(1);
    }
    fclose(f);
}

__attribute__((noinline)) uint64_t run_ffacm(ffacm_stream *s, const input *in, uint32_t chunk, uint8_t *src, uint8_t *dst,
                          uint32_t dst_cap)
{
    uint64_t out = 0;
    uint32_t level = 0, su, du, flags = FFACM_CONVERT_START | FFACM_CONVERT_BLOCKALIGN;
    for (uint32_t r = 0; r < in->count; r++) {
        for (uint32_t pos = 0; pos < in->len[r];) {
            uint32_t n = in->packets ? in->len[r] : (in->len[r] - pos < chunk ? in->len[r] - pos : chunk);
            memcpy(src + level, in->rec[r] + pos, n);
            level += n;
            pos += n;
            for (;;) {
                ffacm_stream_convert(s, src, level, dst, dst_cap, flags, &su, &du);
                flags = FFACM_CONVERT_BLOCKALIGN;
                out += du;
                memmove(src, src + su, level - su);
                level -= su;
                if (!su && !du)
                    break;
                if (!level || (!in->packets && !su))
                    break;
            }
            if (in->packets)
                level = 0;
        }
    }
    do {
        ffacm_stream_convert(s, src, level, dst, dst_cap, FFACM_CONVERT_END, &su, &du);
        out += du;
        level -= su;
    } while (du);
    return out;
}

typedef struct direct {
    AVCodecContext *ctx;
    AVPacket *pkt;
    AVFrame *frame;
    SwrContext *swr;
    uint8_t *out;
    uint64_t bytes;
} direct;

static void send_packet(direct *d, const uint8_t *data, int size)
{
    d->pkt->data = (uint8_t *)data;
    d->pkt->size = size;
    avcodec_send_packet(d->ctx, data ? d->pkt : NULL);
    while (avcodec_receive_frame(d->ctx, d->frame) >= 0) {
        if (!d->swr) {
            swr_alloc_set_opts2(&d->swr, &d->frame->ch_layout, AV_SAMPLE_FMT_S16, d->frame->sample_rate,
                                &d->frame->ch_layout, d->frame->format, d->frame->sample_rate, 0, NULL);
            swr_init(d->swr);
        }
        uint8_t *planes[1] = { d->out };
        int n = swr_convert(d->swr, planes, 1 << 16, (const uint8_t **)d->frame->extended_data,
                            d->frame->nb_samples);
        if (n > 0)
            d->bytes += (uint64_t)n * 2 * (unsigned)d->frame->ch_layout.nb_channels;
        av_frame_unref(d->frame);
    }
}

__attribute__((noinline)) uint64_t run_direct(direct *d, const input *in, const ffacm_wavefmt *w, AVCodecParserContext *parser)
{
    if (in->packets) {
        for (uint32_t i = 0; i < in->count; i++)
            if (in->len[i])
                send_packet(d, in->rec[i], (int)in->len[i]);
    } else if (parser) {
        const uint8_t *data = in->rec[0];
        size_t size = in->len[0], pos = 0;
        for (;;) {
            uint8_t *pd = NULL;
            int ps = 0, len = pos < size ? (int)(size - pos < 65536 ? size - pos : 65536) : 0;
            int n = av_parser_parse2(parser, d->ctx, &pd, &ps, len ? data + pos : NULL, len, AV_NOPTS_VALUE,
                                     AV_NOPTS_VALUE, 0);
            if (n < 0)
                break;
            pos += (size_t)n;
            if (ps > 0)
                send_packet(d, pd, ps);
            if (!len && ps <= 0)
                break;
        }
    } else {
        size_t block = w->block_align ? w->block_align : 1;
        if (block < 256)
            block *= 4096 / block;
        for (size_t pos = 0; pos < in->len[0]; pos += block)
            send_packet(d, in->rec[0] + pos, (int)(in->len[0] - pos < block ? in->len[0] - pos : block));
    }
    send_packet(d, NULL, 0);
    return d->bytes;
}

static enum AVCodecID codec_for(uint16_t tag, int *parser, int *extradata)
{
    *parser = 0;
    *extradata = 1;
    switch (tag) {
    case 0x0055: *parser = 1; *extradata = 0; return AV_CODEC_ID_MP3;
    case 0x0050: *parser = 1; *extradata = 0; return AV_CODEC_ID_MP2;
    case 0x2000: *parser = 1; *extradata = 0; return AV_CODEC_ID_AC3;
    case 0xF1AC: *parser = 1; return AV_CODEC_ID_FLAC;
    case 0x00FF: return AV_CODEC_ID_AAC;
    case 0x704F: return AV_CODEC_ID_OPUS;
    case 0x566F: return AV_CODEC_ID_VORBIS;
    case 0x0011: return AV_CODEC_ID_ADPCM_IMA_WAV;
    case 0x0002: return AV_CODEC_ID_ADPCM_MS;
    case 0x0031: return AV_CODEC_ID_GSM_MS;
    case 0x0006: *extradata = 0; return AV_CODEC_ID_PCM_ALAW;
    case 0x0007: *extradata = 0; return AV_CODEC_ID_PCM_MULAW;
    default: return AV_CODEC_ID_NONE;
    }
}

/* ------------------------------------------------------------------ encoding */

static int encoder_format(const ffacm_wavefmt *src, uint16_t tag, ffacm_wavefmt *dst, uint8_t *extra, size_t cap)
{
    ffacm_wavefmt want;
    memset(&want, 0, sizeof want);
    want.tag = tag;
    return ffacm_format_suggest_encode(src, FFACM_SUGGEST_TAG, &want, dst, extra, cap, 0);
}

static void drain_packets(AVCodecContext *ctx, AVPacket *pkt, uint64_t *bytes)
{
    while (avcodec_receive_packet(ctx, pkt) >= 0) {
        *bytes += (uint64_t)pkt->size;
        av_packet_unref(pkt);
    }
}

__attribute__((noinline)) uint64_t run_direct_encode(AVCodecContext *ctx, SwrContext *swr, AVFrame *frame,
                                                     AVPacket *pkt, const input *in, int channels)
{
    uint64_t bytes = 0;
    int fs = frame->nb_samples;
    size_t in_frame = (size_t)channels * 2, total = in->len[0] / in_frame;
    int64_t pts = 0;
    for (size_t pos = 0; pos <= total;) {
        const uint8_t *src = in->rec[0] + pos * in_frame;
        int n = (int)(total - pos < (size_t)fs ? total - pos : (size_t)fs);
        if (n > 0)
            swr_convert(swr, NULL, 0, &src, n);
        pos += n > 0 ? (size_t)n : 1;
        int last = pos > total || n <= 0;
        while (swr_get_out_samples(swr, 0) >= fs || (last && swr_get_out_samples(swr, 0) > 0)) {
            av_frame_make_writable(frame);
            int got = swr_convert(swr, frame->data, fs, NULL, 0);
            if (got <= 0)
                break;
            frame->nb_samples = got;
            frame->pts = pts;
            pts += got;
            if (got < fs && !(ctx->codec->capabilities &
                              (AV_CODEC_CAP_SMALL_LAST_FRAME | AV_CODEC_CAP_VARIABLE_FRAME_SIZE)))
                break;
            avcodec_send_frame(ctx, frame);
            frame->nb_samples = fs;
            drain_packets(ctx, pkt, &bytes);
        }
    }
    avcodec_send_frame(ctx, NULL);
    drain_packets(ctx, pkt, &bytes);
    return bytes;
}

static int encode_main(const char *mode, const input *in, const ffacm_wavefmt *src, uint16_t tag, uint32_t chunk)
{
    ffacm_wavefmt dst;
    uint8_t extra[256];
    if (encoder_format(src, tag, &dst, extra, sizeof extra) != 0) {
        fprintf(stderr, "no encoder format for tag 0x%04X\n", tag);
        return 1;
    }
    uint64_t out;
    if (!strcmp(mode, "encode")) {
        ffacm_stream *s;
        if (ffacm_stream_open(src, &dst, &s) != 0)
            return 1;
        uint32_t src_cap = chunk * 2 + 65536, dst_cap = 0;
        if (ffacm_size_source(ffacm_stream_model(s), src_cap, &dst_cap) != 0)
            return 1;
        uint8_t *sbuf = malloc(src_cap), *dbuf = malloc(dst_cap);
        out = run_ffacm(s, in, chunk, sbuf, dbuf, dst_cap);
        ffacm_stream_close(s);
    } else {
        const ffacm_encoder_spec *spec = ffacm_format_find(&dst)->encoder;
        const AVCodec *enc = avcodec_find_encoder_by_name(spec->encoder);
        AVCodecContext *ctx = avcodec_alloc_context3(enc);
        ctx->sample_rate = (int)dst.rate;
        av_channel_layout_default(&ctx->ch_layout, dst.channels);
        ctx->sample_fmt = enc->sample_fmts[0];
        for (const enum AVSampleFormat *f = enc->sample_fmts; *f != AV_SAMPLE_FMT_NONE; f++)
            if (*f == AV_SAMPLE_FMT_S16)
                ctx->sample_fmt = AV_SAMPLE_FMT_S16;
        ctx->time_base = (AVRational){ 1, (int)dst.rate };
        ctx->bit_rate = (int64_t)dst.avg_bytes_per_sec * 8;
        ctx->thread_count = 1;
        if (spec->configure(&dst, ctx) != 0 || avcodec_open2(ctx, enc, NULL) < 0) {
            fprintf(stderr, "cannot open %s\n", spec->encoder);
            return 1;
        }
        AVChannelLayout in_layout;
        av_channel_layout_default(&in_layout, src->channels);
        SwrContext *swr = NULL;
        swr_alloc_set_opts2(&swr, &ctx->ch_layout, ctx->sample_fmt, ctx->sample_rate, &in_layout, AV_SAMPLE_FMT_S16,
                            (int)src->rate, 0, NULL);
        swr_init(swr);
        AVFrame *frame = av_frame_alloc();
        frame->format = ctx->sample_fmt;
        frame->nb_samples = ctx->frame_size > 0 ? ctx->frame_size : 4096;
        av_channel_layout_copy(&frame->ch_layout, &ctx->ch_layout);
        av_frame_get_buffer(frame, 0);
        AVPacket *pkt = av_packet_alloc();
        out = run_direct_encode(ctx, swr, frame, pkt, in, src->channels);
    }
    printf("%s tag=0x%04X out=%llu\n", mode, tag, (unsigned long long)out);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: profile_core ffacm|direct FILE.pkt [CHUNK]\n");
        return 2;
    }
    input in;
    ffacm_wavefmt src, dst;
    load(&in, argv[2]);
    if (ffacm_wavefmt_parse(in.fmt, in.fmt_size, &src) != FFACM_WAVEFMT_OK)
        return 1;
    if (!strncmp(argv[1], "encode", 6))
        return argc > 3 ? encode_main(argv[1], &in, &src, (uint16_t)strtoul(argv[3], NULL, 16),
                                      argc > 4 ? (uint32_t)atoi(argv[4]) : 4096)
                        : 2;
    uint64_t out;
    if (!strcmp(argv[1], "ffacm")) {
        uint32_t chunk = argc > 3 ? (uint32_t)atoi(argv[3]) : 4096, maxrec = 0;
        for (uint32_t i = 0; i < in.count; i++)
            maxrec = in.len[i] > maxrec ? in.len[i] : maxrec;
        ffacm_wavefmt_pcm(&dst, src.rate, src.channels, 16, 0, 0, 0);
        ffacm_stream *s;
        if (ffacm_stream_open(&src, &dst, &s) != 0)
            return 1;
        uint32_t src_cap = (in.packets ? maxrec : chunk) * 2 + 65536;
        uint32_t dst_cap = 0;
        if (ffacm_size_source(ffacm_stream_model(s), src_cap, &dst_cap) != 0)
            return 1;
        uint8_t *sbuf = malloc(src_cap), *dbuf = malloc(dst_cap);
        out = run_ffacm(s, &in, chunk, sbuf, dbuf, dst_cap);
        ffacm_stream_close(s);
    } else {
        int use_parser, use_extra;
        enum AVCodecID id = codec_for(src.codec_tag, &use_parser, &use_extra);
        const AVCodec *codec = avcodec_find_decoder(id);
        direct d = { 0 };
        d.ctx = avcodec_alloc_context3(codec);
        d.ctx->sample_rate = (int)src.rate;
        av_channel_layout_default(&d.ctx->ch_layout, src.channels);
        d.ctx->block_align = src.block_align;
        d.ctx->bits_per_coded_sample = src.bits_per_sample;
        d.ctx->bit_rate = (int64_t)src.avg_bytes_per_sec * 8;
        if (use_extra && src.cb_size) {
            d.ctx->extradata = av_mallocz((size_t)src.cb_size + AV_INPUT_BUFFER_PADDING_SIZE);
            memcpy(d.ctx->extradata, in.fmt + 18, src.cb_size);
            d.ctx->extradata_size = src.cb_size;
        }
        if (avcodec_open2(d.ctx, codec, NULL) < 0)
            return 1;
        d.pkt = av_packet_alloc();
        d.frame = av_frame_alloc();
        d.out = av_malloc((size_t)1 << 20);
        AVCodecParserContext *parser = use_parser ? av_parser_init(id) : NULL;
        out = run_direct(&d, &in, &src, parser);
    }
    printf("%s out=%llu\n", argv[1], (unsigned long long)out);
    return 0;
}
