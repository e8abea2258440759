#include "stream_adapter.h"

#include <stdlib.h>
#include <string.h>

#include "codec_session.h"
#include "engine.h"
#include "fifo.h"
#include "status.h"

struct ffacm_stream {
    ffacm_engine *engine;
    ffacm_fifo out;            /* produced but not yet delivered */
    ffacm_size_model model;
    uint32_t dst_block_align;  /* output is delivered in whole blocks of the destination format */
    uint64_t in_total, out_total; /* bytes consumed and delivered since open or START */
    uint64_t packet_bytes;     /* the most output one packet makes */
    int drained;               /* END has flushed the codec and nothing new came in since */
    int broken;                /* the codec could not be re-created: refuse further work */
};

static void model_from_setup(const ffacm_decoder_setup *setup, const ffacm_wavefmt *src,
                             const ffacm_wavefmt *dst, ffacm_size_model *m)
{
    /* The caller's model may be uninitialised stack (STREAM_SIZE without a stream): a stray
     * `encode` flag sent it down the encoder path, dividing by zero. */
    memset(m, 0, sizeof *m);
    m->unit_min_bytes = setup->framing == FFACM_FRAMING_PACKETS ? 0 : setup->unit_min_bytes;
    m->unit_max_frames = setup->unit_max_frames;
    m->packet_max_frames = setup->packet_max_frames;
    m->src_rate = (uint32_t)setup->sample_rate;
    m->dst_rate = dst->rate;
    m->src_block_align = setup->framing == FFACM_FRAMING_BLOCKS ? src->block_align : 1;
    m->dst_block_align = dst->block_align;
}

/* PCM in and an encoder row out: an encoding stream; anything else decodes. */
static int is_encode(const ffacm_wavefmt *src, const ffacm_wavefmt *dst)
{
    const ffacm_format_row *row = ffacm_format_find(dst);
    return (ffacm_wavefmt_is_pcm(src) || ffacm_wavefmt_is_float(src)) && row && row->encoder;
}

static void model_for_encoder(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_size_model *m)
{
    const ffacm_encoder_spec *spec = ffacm_format_find(dst)->encoder;
    memset(m, 0, sizeof *m);
    m->encode = 1;
    m->enc_min_frame = spec->min_frame;
    m->enc_max_packet = spec->max_packet_bytes(dst) + 16; /* + a wrapping header */
    m->src_rate = src->rate;
    m->dst_rate = dst->rate;
    m->src_block_align = src->block_align;
    m->dst_block_align = 1;
    if (spec->sample_codec && src->rate == dst->rate && dst->block_align == dst->channels &&
        src->channels == dst->channels) {
        m->enc_ratio_num = dst->block_align;
        m->enc_ratio_den = src->block_align;
    }
}

int ffacm_stream_size_model(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_size_model *model)
{
    if (is_encode(src, dst)) {
        int ret = ffacm_encoder_check(src, dst);
        if (ret == FFACM_OK)
            model_for_encoder(src, dst, model);
        return ret;
    }
    ffacm_decoder_setup setup;
    int ret = ffacm_decoder_check(src, dst, &setup);
    if (ret == FFACM_OK)
        model_from_setup(&setup, src, dst, model);
    return ret;
}

int ffacm_stream_query(const ffacm_wavefmt *src, const ffacm_wavefmt *dst)
{
    ffacm_size_model model;
    return ffacm_stream_size_model(src, dst, &model);
}

int ffacm_stream_open(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_stream **out)
{
    return ffacm_stream_open_opts(src, dst, NULL, out);
}

int ffacm_stream_open_opts(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, const ffacm_stream_options *opts,
                           ffacm_stream **out)
{
    *out = NULL;
    ffacm_stream *s = calloc(1, sizeof *s);
    if (!s)
        return FFACM_ERR_NOMEM;
    int ret = ffacm_stream_size_model(src, dst, &s->model);
    if (ret == FFACM_OK)
        ret = is_encode(src, dst) ? ffacm_encoder_create(src, dst, opts ? opts->compression_level : -1, &s->engine)
                                  : ffacm_decoder_create(src, dst, &s->engine);
    if (ret != FFACM_OK) {
        free(s);
        return ret;
    }
    /* Encoders deliver whole destination blocks too (ADPCM blocks, fixed-size frames, FLAC's
     * nominal PCM-sized blocks): avifil32 counts a read's output in nBlockAlign units and
     * drops the remainder from its positions.  After END has drained the codec, the last
     * partial block goes out as it is. */
    s->dst_block_align = dst->block_align ? dst->block_align : 1;
    s->packet_bytes = ffacm_size_packet(&s->model);
    *out = s;
    return FFACM_OK;
}

void ffacm_stream_close(ffacm_stream *s)
{
    if (!s)
        return;
    if (s->engine)
        s->engine->ops->destroy(s->engine);
    ffacm_fifo_free(&s->out);
    free(s);
}

const ffacm_size_model *ffacm_stream_model(const ffacm_stream *s) { return &s->model; }

int ffacm_stream_size_answer(const ffacm_stream *s, int destination, uint32_t bytes, uint32_t *answer)
{
    if (destination && bytes && bytes == s->out_total && s->in_total <= 0xFFFFFFF0u) {
        *answer = (uint32_t)s->in_total;
        return 0;
    }
    return destination ? ffacm_size_destination(&s->model, bytes, answer) : ffacm_size_source(&s->model, bytes, answer);
}

/* How many of the `left` source bytes to offer the engine now (0: none).  A packet is taken
 * only where its output will fit, so that no output is left over when the host's input runs
 * out (the ACM Wrapper would lose it); but a call that has delivered nothing always takes
 * something, or the host sees no progress.  A sample codec gets exactly the input whose
 * output fits, and always a last partial sample frame (it makes no output yet), so a buffer
 * sized by STREAM_SIZE is consumed whole. */
static size_t take_offer(const ffacm_stream *s, size_t left, size_t room, size_t produced)
{
    const ffacm_engine *e = s->engine;
    if (left == 0)
        return 0;
    if (e->out_per_in_num) {
        size_t fits = room / e->out_per_in_num * e->out_per_in_den;
        if (left < e->out_per_in_den || left <= fits)
            return left;
        return fits ? fits : (produced ? 0 : left);
    }
    return produced == 0 || room >= s->packet_bytes ? left : 0;
}

int ffacm_stream_convert(ffacm_stream *s, const uint8_t *src, uint32_t src_len, uint8_t *dst,
                         uint32_t dst_len, uint32_t flags, uint32_t *src_used, uint32_t *dst_used)
{
    const ffacm_engine_ops *ops = s->engine->ops;
    size_t used = 0, produced = 0;
    int ret = FFACM_OK;
    *src_used = *dst_used = 0;
    if (s->broken)
        return FFACM_ERR_NOMEM;
    if (!src)
        src_len = 0;
    if (!dst)
        dst_len = 0;

    if (flags & FFACM_CONVERT_START) {
        ffacm_fifo_clear(&s->out);
        s->drained = 0;
        s->in_total = s->out_total = 0;
        if (ops->reset(s->engine) != FFACM_OK) {
            s->broken = 1;
            return FFACM_ERR_NOMEM;
        }
    }
    if (src_len)
        s->drained = 0;

    for (;;) {
        /* Encoders: whole blocks, except after END and for a host buffer smaller than one
         * block (which must still see progress). */
        size_t unit = s->model.encode && (s->drained || dst_len < s->dst_block_align) ? 1 : s->dst_block_align;
        if (dst_len > produced) /* a NULL dst has dst_len 0: no arithmetic on it (UB) */
            produced += ffacm_fifo_read(&s->out, dst + produced, dst_len - produced, unit);
        size_t held = ffacm_fifo_size(&s->out);
        if (held >= unit || (held && dst_len - produced < unit))
            break; /* the host's buffer is full: keep the rest (and the input) for later */
        if (ops->ready(s->engine)) {
            if (s->engine->one_packet_per_call && (produced || ffacm_fifo_size(&s->out)))
                break; /* this call has its packet */
            /* Write-through only where any length may go out (decoders make whole sample
             * frames): an encoder that owes whole blocks (FLAC's nominal 4, say) queues its
             * packets and cuts them at blocks. */
            int direct = dst_len > produced && (!s->model.encode || unit == 1);
            ffacm_fifo_window(&s->out, direct ? dst + produced : NULL, direct ? dst_len - produced : 0);
            ret = ops->process(s->engine, &s->out);
            produced += ffacm_fifo_window_close(&s->out);
            if (ret != FFACM_OK)
                break;
            continue;
        }
        size_t offer = take_offer(s, src_len - used, dst_len - produced, produced);
        if (offer) {
            s->engine->room = dst_len - produced;
            size_t n = ops->take(s->engine, src + used, offer);
            used += n;
            if (n == 0 && !ops->ready(s->engine))
                break; /* the engine cannot take more (out of memory) */
            continue;
        }
        /* All input is in and all output delivered: END flushes the codec once. */
        if ((flags & FFACM_CONVERT_END) && !s->drained && used == src_len) {
            s->drained = 1;
            ffacm_fifo_window(&s->out, dst_len > produced ? dst + produced : NULL, dst_len - produced);
            ret = ops->drain(s->engine, &s->out);
            produced += ffacm_fifo_window_close(&s->out);
            if (ret != FFACM_OK)
                break;
            continue;
        }
        break;
    }
    s->in_total += used;
    s->out_total += produced;
    *src_used = (uint32_t)used;
    *dst_used = (uint32_t)produced;
    return ret;
}
