#include "pcm_convert.h"

#include <string.h>

#include <libavutil/opt.h>
#include <libswresample/swresample.h>

int ffacm_pcm_convert_supports(const ffacm_wavefmt *dst)
{
    if (dst->channels == 0 || dst->channels > 8 || dst->rate < 1000 || dst->rate > 768000)
        return 0;
    if (dst->block_align != dst->channels * ((dst->bits_per_sample + 7) / 8))
        return 0;
    if (dst->tag == FFACM_TAG_EXTENSIBLE && dst->valid_bits > dst->bits_per_sample)
        return 0;
    if (ffacm_wavefmt_is_float(dst))
        return dst->bits_per_sample == 32;
    if (ffacm_wavefmt_is_pcm(dst))
        return dst->bits_per_sample == 8 || dst->bits_per_sample == 16 ||
               dst->bits_per_sample == 24 || dst->bits_per_sample == 32;
    return 0;
}

void ffacm_pcm_convert_init(ffacm_pcm_convert *c, const ffacm_wavefmt *dst)
{
    memset(c, 0, sizeof *c);
    c->out_rate = (int)dst->rate;
    c->out_channels = dst->channels;
    c->out_mask = dst->tag == FFACM_TAG_EXTENSIBLE ? dst->channel_mask : 0;
    c->out_bytes = dst->bits_per_sample / 8;
    if (ffacm_wavefmt_is_float(dst))
        c->out_fmt = AV_SAMPLE_FMT_FLT;
    else if (dst->bits_per_sample == 8)
        c->out_fmt = AV_SAMPLE_FMT_U8;
    else if (dst->bits_per_sample == 16)
        c->out_fmt = AV_SAMPLE_FMT_S16;
    else
        c->out_fmt = AV_SAMPLE_FMT_S32; /* 24-bit is packed down from S32 */
    c->in_fmt = AV_SAMPLE_FMT_NONE;
}

void ffacm_pcm_convert_free(ffacm_pcm_convert *c)
{
    swr_free(&c->swr);
    av_channel_layout_uninit(&c->in_layout);
    av_channel_layout_uninit(&c->out_layout);
}

/* The layout to produce for input layout `in`.  An extensible destination gets exactly its
 * mask: the host labels the channels by it, so a decoder layout that differs only in names
 * (5.1 with side vs back surrounds) is mapped onto it (swr copies those channels 1:1, no
 * rounding), and a real difference is remixed.  A plain destination with the same channel
 * count gets the decoder's layout as it is (no remixing, so no rounding); otherwise the
 * default layout for the count, and swr's standard matrix does the downmix/upmix. */
static int choose_out_layout(ffacm_pcm_convert *c, const AVChannelLayout *in)
{
    av_channel_layout_uninit(&c->out_layout);
    if (c->out_mask && av_channel_layout_from_mask(&c->out_layout, c->out_mask) == 0 &&
        c->out_layout.nb_channels == c->out_channels)
        return 0;
    av_channel_layout_uninit(&c->out_layout);
    if (in->nb_channels == c->out_channels)
        return av_channel_layout_copy(&c->out_layout, in);
    av_channel_layout_default(&c->out_layout, c->out_channels);
    return 0;
}

static int configure(ffacm_pcm_convert *c, const AVFrame *frame)
{
    int ret;
    swr_free(&c->swr);
    av_channel_layout_uninit(&c->in_layout);
    if ((ret = av_channel_layout_copy(&c->in_layout, &frame->ch_layout)) < 0)
        return ret;
    if (c->in_layout.nb_channels <= 0)
        return AVERROR(EINVAL);
    c->in_rate = frame->sample_rate;
    c->in_fmt = frame->format;
    if (c->in_rate <= 0)
        return AVERROR(EINVAL);
    /* Decoders that only know a channel count get the default layout for it, so that swr can
     * still build a remix matrix. */
    AVChannelLayout swr_in = { 0 };
    if (c->in_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&swr_in, c->in_layout.nb_channels);
    else if ((ret = av_channel_layout_copy(&swr_in, &c->in_layout)) < 0)
        return ret;
    if ((ret = choose_out_layout(c, &swr_in)) < 0) {
        av_channel_layout_uninit(&swr_in);
        return ret;
    }
    ret = swr_alloc_set_opts2(&c->swr, &c->out_layout, c->out_fmt, c->out_rate, &swr_in,
                              c->in_fmt, c->in_rate, 0, NULL);
    av_channel_layout_uninit(&swr_in);
    if (ret < 0)
        return ret;
    if (c->in_rate != c->out_rate) {
        /* High-quality resampling for real rate changes (soxr is not linked in). */
        av_opt_set_int(c->swr, "filter_size", 64, 0);
        av_opt_set_int(c->swr, "phase_shift", 12, 0);
        av_opt_set_double(c->swr, "cutoff", 0.97, 0);
    }
    /* A context whose swr_init() failed must never convert: swr asserts (abort(), taking the
     * host down) on the next frame.  It is freed, and the input parameters stay recorded so
     * that frames with the same ones are dropped without retrying an init that can cost a
     * second (extreme rate ratios: a found-by-fuzzing 598 kHz -> 22 kHz stream). */
    if ((ret = swr_init(c->swr)) < 0)
        swr_free(&c->swr);
    return ret;
}

/* in_fmt is AV_SAMPLE_FMT_NONE until the first frame (and after a reset whose re-init failed),
 * so those always configure; a configuration that failed is not retried for the same input
 * parameters. */
static int needs_reconfigure(const ffacm_pcm_convert *c, const AVFrame *frame)
{
    return frame->sample_rate != c->in_rate || frame->format != c->in_fmt ||
           av_channel_layout_compare(&frame->ch_layout, &c->in_layout) != 0;
}

/* 24-bit output: swr produced S32 samples; keep their top three bytes, in place. */
static void pack_s32_to_s24(uint8_t *buf, size_t samples)
{
    for (size_t i = 0; i < samples; i++) {
        buf[3 * i + 0] = buf[4 * i + 1];
        buf[3 * i + 1] = buf[4 * i + 2];
        buf[3 * i + 2] = buf[4 * i + 3];
    }
}

static int convert(ffacm_pcm_convert *c, const uint8_t **in, int in_frames, ffacm_fifo *out)
{
    int max_frames = swr_get_out_samples(c->swr, in_frames);
    if (max_frames < 0)
        return max_frames;
    if (max_frames == 0)
        return 0;
    size_t swr_frame_bytes = (size_t)c->out_channels * av_get_bytes_per_sample(c->out_fmt);
    uint8_t *dst = ffacm_fifo_reserve(out, (size_t)max_frames * swr_frame_bytes);
    if (!dst)
        return AVERROR(ENOMEM);
    int got = swr_convert(c->swr, &dst, max_frames, in, in_frames);
    if (got < 0)
        return got;
    size_t samples = (size_t)got * c->out_channels;
    if (c->out_bytes == 3)
        pack_s32_to_s24(dst, samples);
    ffacm_fifo_commit(out, samples * c->out_bytes);
    return 0;
}

int ffacm_pcm_convert_frame(ffacm_pcm_convert *c, const AVFrame *frame, ffacm_fifo *out)
{
    if (frame->nb_samples <= 0)
        return 0;
    if (needs_reconfigure(c, frame)) {
        /* Whatever the old configuration still buffered belongs before the new audio. */
        int ret = c->swr ? ffacm_pcm_convert_flush(c, out) : 0;
        if (ret < 0 || (ret = configure(c, frame)) < 0)
            return ret;
    }
    if (!c->swr)
        return AVERROR(EINVAL); /* these parameters could not be set up: the frame is dropped */
    return convert(c, (const uint8_t **)frame->extended_data, frame->nb_samples, out);
}

int ffacm_pcm_convert_flush(ffacm_pcm_convert *c, ffacm_fifo *out)
{
    if (!c->swr || c->in_rate == c->out_rate)
        return 0; /* without resampling swr holds nothing back */
    return convert(c, NULL, 0, out);
}

void ffacm_pcm_convert_reset(ffacm_pcm_convert *c)
{
    /* swr_init() on a configured context drops its history and keeps its filter bank, which
     * costs thousands of sin() calls to build: a stream that drains or restarts often (END on
     * every call, START on every seek, hostile input) must not rebuild it each time. */
    if (c->swr && swr_init(c->swr) < 0) {
        swr_free(&c->swr);
        c->in_fmt = AV_SAMPLE_FMT_NONE;
    }
}
