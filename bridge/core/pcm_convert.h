/* Decoded frames -> the PCM layout the host opened, through libswresample.
 *
 * The converter configures itself from the first frame and again whenever the decoder's
 * rate, layout or sample format changes mid-stream, so the host always gets the format it
 * opened (never audio at the wrong speed).  When nothing but the sample format differs it is
 * a plain sample-format conversion, identical to what the ffmpeg CLI does, hence bit-exact. */
#ifndef FFACM_PCM_CONVERT_H
#define FFACM_PCM_CONVERT_H

#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
#include <libavutil/samplefmt.h>

#include "fifo.h"
#include "wavefmt.h"

struct SwrContext;

typedef struct ffacm_pcm_convert {
    /* What the host wants. */
    int out_rate;
    int out_channels;
    uint64_t out_mask;             /* speaker mask of an extensible destination, or 0 */
    enum AVSampleFormat out_fmt;   /* U8, S16, S32 (also for 24-bit) or FLT */
    int out_bytes;                 /* bytes per sample in the host buffer (3 for 24-bit) */
    /* What swr is currently configured for. */
    struct SwrContext *swr;
    AVChannelLayout in_layout;
    int in_rate;
    enum AVSampleFormat in_fmt;
    AVChannelLayout out_layout;
} ffacm_pcm_convert;

/* Whether `dst` is a PCM layout this converter produces (no allocation). */
int ffacm_pcm_convert_supports(const ffacm_wavefmt *dst);

void ffacm_pcm_convert_init(ffacm_pcm_convert *c, const ffacm_wavefmt *dst);
void ffacm_pcm_convert_free(ffacm_pcm_convert *c);

/* Convert `frame` and append it to `out` (whole sample frames).  Returns 0 or a negative
 * AVERROR. */
int ffacm_pcm_convert_frame(ffacm_pcm_convert *c, const AVFrame *frame, ffacm_fifo *out);

/* Append what the resampler still holds (END).  Returns 0 or a negative AVERROR. */
int ffacm_pcm_convert_flush(ffacm_pcm_convert *c, ffacm_fifo *out);

/* Forget buffered resampler state (START). */
void ffacm_pcm_convert_reset(ffacm_pcm_convert *c);

#endif
