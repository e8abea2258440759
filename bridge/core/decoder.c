/* The decoding session: source bytes -> packets -> libavcodec -> host PCM.
 *
 * Framing follows the format table: FFmpeg's parser for self-delimiting streams, one packet
 * per source buffer for codecs whose packets cannot be found in a byte stream, fixed
 * nBlockAlign blocks for block codecs.  Packets are copied into a buffer the session owns,
 * so a packet can wait across convert calls while the host reuses its buffers. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>

#include "codec_session.h"
#include "flac_splitter.h"
#include "ogg_splitter.h"
#include "pcm_convert.h"
#include "splitter.h"
#include "status.h"

typedef struct decoder {
    ffacm_engine base;
    ffacm_decoder_setup setup;
    uint8_t *extradata;              /* unpacked once at open, reused by every reopen */
    const AVCodec *codec;
    AVCodecContext *ctx;
    AVCodecParserContext *parser;
    ffacm_splitter splitter;         /* FFACM_FRAMING_HEADER */
    ffacm_flac_splitter flac;        /* FFACM_FRAMING_FLAC */
    ffacm_ogg_splitter ogg;          /* FFACM_FRAMING_OGG */
    int decoded_ahead;               /* the ready packet's frame is already in `frame` */
    /* FFACM_FRAMING_OGG with setup.stream_headers: the header packets of the logical stream
     * being read, back to back, until all have arrived and become the extradata. */
    uint8_t *headers;
    size_t headers_len, headers_cap, header_size[3];
    unsigned headers_seen;           /* of the current logical stream; > stream_headers: none */
    /* FFACM_FRAMING_OGG: the page the waiting packet ended on, and for the page whose packets
     * are being decoded, the samples they gave and how many its granule position allows
     * (-1: no limit; only the stream's last (EOS) page cuts, as FFmpeg's demuxer does). */
    uint32_t pkt_page;
    int64_t pkt_granule;
    int pkt_eos, page_valid;
    uint32_t page_seq;
    int64_t page_granule, prev_granule, page_samples, page_limit;
    AVPacket *pkt;
    AVFrame *frame;
    uint8_t *stage;                  /* padded copy of host input for the parser (see take) */
    AVBufferRef *pkt_ref;            /* owns pkt_buf; packets go to libavcodec as references */
    uint8_t *pkt_buf;                /* the waiting packet (or the block being gathered) */
    size_t pkt_cap, pkt_size;
    size_t span_target;              /* FFACM_FRAMING_SPAN: bytes the packet being gathered gets */
    size_t span_min_blocks;          /* FFACM_FRAMING_SPAN: blocks a packet may always have */
    size_t span_block_out;           /* FFACM_FRAMING_SPAN: most output bytes of one block, 0: unknown */
    int pkt_ready;
    int dirty;                       /* anything decoded since the last (re)open */
    ffacm_pcm_convert pcm;
} decoder;

static const ffacm_engine_ops decoder_ops;

/* FFmpeg's parsers read up to AV_INPUT_BUFFER_PADDING_SIZE bytes past the end of their input.
 * The host's buffer has no such padding (reading past it can fault at a page end), so input
 * goes through a padded staging copy of this size per parser call. */
#define STAGE_SIZE 65536

/* av_parser_init() allocates; a query must not, so look the parser up by iterating. */
static int has_parser(enum AVCodecID id)
{
    void *it = NULL;
    for (const AVCodecParser *p; (p = av_parser_iterate(&it));)
        for (int i = 0; i < 7; i++)
            if (p->codec_ids[i] == (int)id)
                return 1;
    return 0;
}

int ffacm_decoder_check(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_decoder_setup *setup)
{
    const ffacm_format_row *row = ffacm_format_find(src);
    if (!row || ffacm_format_unpack(row, src, setup, NULL) < 0)
        return FFACM_ERR_NOTPOSSIBLE;
    if (!avcodec_find_decoder(setup->codec_id))
        return FFACM_ERR_NOTPOSSIBLE;
    if (setup->framing == FFACM_FRAMING_PARSER && !has_parser(setup->codec_id))
        return FFACM_ERR_NOTPOSSIBLE;
    if (!ffacm_pcm_convert_supports(dst))
        return FFACM_ERR_NOTPOSSIBLE;
    return FFACM_OK;
}

/* Make the packet buffer hold `size` bytes plus libavcodec's zeroed padding, and make it ours
 * alone.  It goes to libavcodec as a reference (pkt->buf), which costs one allocation where a
 * plain pointer costs libavcodec a copy of the packet and three; libavcodec normally lets go of
 * it before the next packet, so the same buffer is reused.  Bytes already gathered
 * (pkt_size) are kept. */
static int reserve_packet(decoder *d, size_t size)
{
    size_t need = size + AV_INPUT_BUFFER_PADDING_SIZE;
    int writable = d->pkt_ref && av_buffer_is_writable(d->pkt_ref);
    if (writable && need <= d->pkt_cap)
        return 0;
    size_t cap = d->pkt_cap ? d->pkt_cap : 4096;
    while (cap < need)
        cap *= 2;
    if (cap > INT_MAX)
        return -1;
    if (!writable && d->pkt_size == 0)
        av_buffer_unref(&d->pkt_ref); /* libavcodec still holds it: nothing to keep, start afresh */
    if (av_buffer_realloc(&d->pkt_ref, cap) < 0) /* copies when libavcodec holds a gathered one */
        return -1;
    d->pkt_buf = d->pkt_ref->data;
    d->pkt_cap = cap;
    return 0;
}

/* Hand pkt_buf[0..size) to libavcodec as a reference to pkt_ref. */
static int send_packet(decoder *d, size_t size)
{
    d->pkt->buf = d->pkt_ref;
    d->pkt->data = d->pkt_buf;
    d->pkt->size = (int)size;
    int ret = avcodec_send_packet(d->ctx, d->pkt);
    d->pkt->buf = NULL; /* still ours: libavcodec took its own reference */
    d->pkt->data = NULL;
    d->pkt->size = 0;
    return ret;
}

static void close_codec(decoder *d)
{
    av_parser_close(d->parser);
    d->parser = NULL;
    avcodec_free_context(&d->ctx);
}

/* (Re)create the codec and parser.  Single-threaded: no libavcodec thread may outlive the
 * stream, and an ACM host already runs one stream per thread if it wants parallelism. */
static int open_codec(decoder *d)
{
    const ffacm_decoder_setup *s = &d->setup;
    d->ctx = avcodec_alloc_context3(d->codec);
    if (!d->ctx)
        return FFACM_ERR_NOMEM;
    d->ctx->sample_rate = s->sample_rate;
    if (s->channel_mask)
        av_channel_layout_from_mask(&d->ctx->ch_layout, s->channel_mask);
    else
        av_channel_layout_default(&d->ctx->ch_layout, s->channels);
    d->ctx->block_align = s->block_align;
    d->ctx->bit_rate = s->bit_rate;
    d->ctx->bits_per_coded_sample = s->bits_per_coded_sample;
    d->ctx->thread_count = 1;
    if (s->experimental)
        d->ctx->strict_std_compliance = FF_COMPLIANCE_EXPERIMENTAL;
    d->ctx->pkt_timebase = (AVRational){ 1, s->sample_rate };
    if (s->extradata_size) {
        d->ctx->extradata = av_mallocz(s->extradata_size + AV_INPUT_BUFFER_PADDING_SIZE);
        if (!d->ctx->extradata)
            return FFACM_ERR_NOMEM;
        memcpy(d->ctx->extradata, d->extradata, s->extradata_size);
        d->ctx->extradata_size = (int)s->extradata_size;
    }
    int ret = avcodec_open2(d->ctx, d->codec, NULL);
    if (ret < 0)
        return ret == AVERROR(ENOMEM) ? FFACM_ERR_NOMEM : FFACM_ERR_NOTPOSSIBLE;
    if (s->framing == FFACM_FRAMING_PARSER && !d->parser) {
        d->parser = av_parser_init(s->codec_id);
        if (!d->parser)
            return FFACM_ERR_NOTPOSSIBLE;
    }
    d->dirty = 0;
    return FFACM_OK;
}

static void decoder_destroy(ffacm_engine *e)
{
    decoder *d = (decoder *)e;
    if (!d)
        return;
    close_codec(d);
    ffacm_splitter_free(&d->splitter);
    ffacm_flac_splitter_free(&d->flac);
    ffacm_ogg_splitter_free(&d->ogg);
    av_packet_free(&d->pkt);
    av_frame_free(&d->frame);
    ffacm_pcm_convert_free(&d->pcm);
    av_buffer_unref(&d->pkt_ref);
    free(d->stage);
    free(d->extradata);
    free(d->headers);
    free(d);
}

static void ogg_account_reset(decoder *d)
{
    d->page_valid = 0;
    d->prev_granule = 0;
    d->page_limit = -1;
}

/* A stream-header packet (setup.stream_headers): kept until the last one has arrived, then
 * Xiph-laced into the extradata and the codec (re)opened with them.  A codec that refuses
 * them stays closed, and the stream's audio is skipped, until good headers come. */
static int gather_header(decoder *d, const uint8_t *p, size_t len)
{
    unsigned i = d->headers_seen++;
    if (i == 0)
        d->headers_len = 0;
    if (d->headers_len + len > d->headers_cap) {
        size_t cap = (d->headers_len + len) * 2;
        uint8_t *grown = realloc(d->headers, cap);
        if (!grown)
            return FFACM_ERR_NOMEM;
        d->headers = grown;
        d->headers_cap = cap;
    }
    memcpy(d->headers + d->headers_len, p, len);
    d->headers_len += len;
    if (i < 3)
        d->header_size[i] = len;
    if (i + 1 != d->setup.stream_headers || d->setup.stream_headers != 3)
        return FFACM_OK;
    size_t size = 1 + d->header_size[0] / 255 + 1 + d->header_size[1] / 255 + 1 + d->headers_len;
    uint8_t *x = realloc(d->extradata, size);
    if (!x)
        return FFACM_ERR_NOMEM;
    d->extradata = x;
    *x++ = 2;
    for (int k = 0; k < 2; k++) {
        size_t n = d->header_size[k];
        for (; n >= 255; n -= 255)
            *x++ = 255;
        *x++ = (uint8_t)n;
    }
    memcpy(x, d->headers, d->headers_len);
    d->setup.extradata_size = size;
    close_codec(d);
    int ret = open_codec(d);
    if (ret != FFACM_OK)
        close_codec(d);
    ogg_account_reset(d);
    return ret == FFACM_ERR_NOMEM ? ret : FFACM_OK;
}

int ffacm_decoder_create(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_engine **out)
{
    ffacm_decoder_setup setup;
    int ret = ffacm_decoder_check(src, dst, &setup);
    *out = NULL;
    if (ret != FFACM_OK)
        return ret;
    decoder *d = calloc(1, sizeof *d);
    if (!d)
        return FFACM_ERR_NOMEM;
    d->base.ops = &decoder_ops;
    ffacm_pcm_convert_init(&d->pcm, dst);
    d->extradata = malloc(ffacm_extradata_capacity(src));
    d->pkt = av_packet_alloc();
    d->frame = av_frame_alloc();
    /* Only FFmpeg's parsers need the padded staging copy. */
    if (setup.framing == FFACM_FRAMING_PARSER)
        d->stage = calloc(1, STAGE_SIZE + AV_INPUT_BUFFER_PADDING_SIZE);
    if (!d->extradata || !d->pkt || !d->frame || (setup.framing == FFACM_FRAMING_PARSER && !d->stage) ||
        (setup.framer && ffacm_splitter_init(&d->splitter, setup.framer) < 0) ||
        (setup.framing == FFACM_FRAMING_FLAC && ffacm_flac_splitter_init(&d->flac) < 0) ||
        (setup.framing == FFACM_FRAMING_OGG && ffacm_ogg_splitter_init(&d->ogg) < 0)) {
        decoder_destroy(&d->base);
        return FFACM_ERR_NOMEM;
    }
    /* Unpack for real now that there is somewhere to write the extradata. */
    ffacm_format_unpack(ffacm_format_find(src), src, &d->setup, d->extradata);
    d->codec = avcodec_find_decoder(d->setup.codec_id);
    d->headers_seen = d->setup.stream_headers + 1; /* nothing to gather before a BOS page */
    ogg_account_reset(d);
    if (d->setup.framing == FFACM_FRAMING_SPAN) {
        /* The size model allows one packet of packet_max_frames (it may be carried over to
         * the next call); larger packets only where their output fits the host's buffer,
         * which at the source's rate is exactly unit_max_frames per block at most. */
        d->span_min_blocks = d->setup.unit_max_frames ? d->setup.packet_max_frames / d->setup.unit_max_frames : 1;
        if (d->span_min_blocks == 0)
            d->span_min_blocks = 1;
        if (dst->rate == (uint32_t)d->setup.sample_rate)
            d->span_block_out = (size_t)d->setup.unit_max_frames * dst->block_align;
    }
    /* Headers carried in the data: the codec opens once they have been read. */
    if ((!d->setup.stream_headers && (ret = open_codec(d)) != FFACM_OK) || reserve_packet(d, 4096) < 0) {
        decoder_destroy(&d->base);
        return ret != FFACM_OK ? ret : FFACM_ERR_NOMEM;
    }
    *out = &d->base;
    return FFACM_OK;
}

static int set_packet(decoder *d, const uint8_t *data, size_t size)
{
    d->pkt_size = 0; /* a new packet: nothing gathered to keep */
    if (reserve_packet(d, size) < 0)
        return -1;
    memcpy(d->pkt_buf, data, size);
    memset(d->pkt_buf + size, 0, AV_INPUT_BUFFER_PADDING_SIZE);
    d->pkt_size = size;
    d->pkt_ready = 1;
    return 0;
}

/* Decode the packet just set as a candidate FLAC frame.  Kept (decoded_ahead) only when it
 * decodes to exactly the block size its header announces. */
static int trial_decode(decoder *d)
{
    int ret = send_packet(d, d->pkt_size);
    d->dirty = 1;
    if (ret >= 0 && avcodec_receive_frame(d->ctx, d->frame) >= 0) {
        if ((unsigned)d->frame->nb_samples == d->flac.block_size) {
            d->decoded_ahead = 1;
            return 1;
        }
        av_frame_unref(d->frame);
    }
    d->pkt_ready = 0;
    d->pkt_size = 0;
    return 0;
}

/* FLAC: the splitter reads ahead in steps, so frames found in bytes it already holds are
 * handed out before any new input is taken (take_flac(d, NULL, 0)). */
static size_t take_flac(decoder *d, const uint8_t *src, size_t len)
{
    size_t packet = 0;
    int tentative = 0;
    size_t used = ffacm_flac_splitter_take(&d->flac, src, len, &packet, &tentative);
    if (packet && set_packet(d, d->flac.buf, packet) == 0) {
        if (tentative && !trial_decode(d))
            return used; /* not a whole frame after all: keep gathering */
        ffacm_flac_splitter_pop(&d->flac, packet);
    }
    return used;
}

static size_t decoder_take(ffacm_engine *e, const uint8_t *src, size_t len)
{
    decoder *d = (decoder *)e;
    size_t used = 0;
    switch (d->setup.framing) {
    case FFACM_FRAMING_HEADER: {
        size_t packet = 0;
        used = ffacm_splitter_take(&d->splitter, src, len, &packet);
        if (packet && set_packet(d, ffacm_splitter_packet(&d->splitter), packet) == 0)
            ffacm_splitter_pop(&d->splitter, packet);
        return used;
    }
    case FFACM_FRAMING_FLAC:
        return take_flac(d, src, len);
    case FFACM_FRAMING_PARSER:
        /* A parser may take nothing and give nothing once while it changes state: the MLP
         * parser returns 0 when it has just found a major sync at the start of its input.
         * Only a second such call in a row means it wants more input. */
        for (int idle = 0; used < len && !d->pkt_ready;) {
            uint8_t *data = NULL;
            int size = 0;
            size_t chunk = len - used > STAGE_SIZE ? STAGE_SIZE : len - used;
            memcpy(d->stage, src + used, chunk);
            memset(d->stage + chunk, 0, AV_INPUT_BUFFER_PADDING_SIZE);
            int n = av_parser_parse2(d->parser, d->ctx, &data, &size, d->stage, (int)chunk,
                                     AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
            if (n < 0)
                break;
            used += (size_t)n;
            if (size > 0 && set_packet(d, data, (size_t)size) < 0)
                break;
            if (n == 0 && !d->pkt_ready && ++idle == 2)
                break;
            if (n > 0)
                idle = 0;
        }
        return used;
    case FFACM_FRAMING_PACKETS:
        if (len && set_packet(d, src, len) < 0)
            return 0;
        return len;
    case FFACM_FRAMING_BLOCKS: {
        size_t block = d->setup.block_align;
        if (reserve_packet(d, block) < 0)
            return 0;
        used = block - d->pkt_size < len ? block - d->pkt_size : len;
        memcpy(d->pkt_buf + d->pkt_size, src, used);
        d->pkt_size += used;
        if (d->pkt_size == block) {
            memset(d->pkt_buf + block, 0, AV_INPUT_BUFFER_PADDING_SIZE);
            d->pkt_ready = 1;
        }
        return used;
    }
    case FFACM_FRAMING_OGG:
        while (used < len && !d->pkt_ready) {
            size_t packet = 0;
            size_t n = ffacm_ogg_splitter_take(&d->ogg, src + used, len - used, &packet);
            used += n;
            if (n == 0 && !packet)
                break;
            if (!packet)
                continue;
            /* A logical stream's first packet starts its header packets. */
            if (d->ogg.packet_bos)
                d->headers_seen = 0;
            if (d->headers_seen < d->setup.stream_headers) {
                if (gather_header(d, d->ogg.buf, packet) != FFACM_OK)
                    break;
                continue;
            }
            /* Header packets (odd first byte: Vorbis types 1, 3, 5) already went in as
             * extradata; audio before a codec could be opened is skipped. */
            if ((d->ogg.buf[0] & 1) || !d->ctx)
                continue;
            if (set_packet(d, d->ogg.buf, packet) < 0)
                break;
            d->pkt_page = d->ogg.packet_page;
            d->pkt_granule = d->ogg.packet_granule;
            d->pkt_eos = d->ogg.packet_eos;
        }
        return used;
    case FFACM_FRAMING_SPAN: {
        /* As many whole blocks as this buffer holds go out at once: up to what the size model
         * allows any packet, or more (up to FFACM_SPAN_MAX_BYTES) where their output fits the
         * host's free room, so large buffers get large packets and small ones still work.  A
         * block cut by the end of the buffer is completed from the next one. */
        size_t block = d->setup.block_align;
        if (d->pkt_size == 0) {
            size_t blocks = d->span_min_blocks;
            size_t fit = d->span_block_out ? d->base.room / d->span_block_out : 0;
            size_t most = FFACM_SPAN_MAX_BYTES / block ? FFACM_SPAN_MAX_BYTES / block : 1;
            if (fit > blocks)
                blocks = fit < most ? fit : most;
            size_t whole = len / block < blocks ? len / block : blocks;
            d->span_target = (whole ? whole : 1) * block;
        }
        if (reserve_packet(d, d->span_target) < 0)
            return 0;
        used = d->span_target - d->pkt_size < len ? d->span_target - d->pkt_size : len;
        memcpy(d->pkt_buf + d->pkt_size, src, used);
        d->pkt_size += used;
        if (d->pkt_size == d->span_target) {
            memset(d->pkt_buf + d->pkt_size, 0, AV_INPUT_BUFFER_PADDING_SIZE);
            d->pkt_ready = 1;
        }
        return used;
    }
    default:
        return 0;
    }
}

static int decoder_ready(const ffacm_engine *e) { return ((const decoder *)e)->pkt_ready; }

/* Collect every frame the decoder has and convert it into `out`. */
static int receive_frames(decoder *d, ffacm_fifo *out)
{
    for (;;) {
        int ret = avcodec_receive_frame(d->ctx, d->frame);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return FFACM_OK;
        if (ret < 0)
            return FFACM_OK; /* a broken frame is dropped; decoding goes on */
        /* FFmpeg 5.1's MPEG audio decoder stamps a frame with the context's rate before it
         * reads the new rate from that frame's header, so the first frame after a rate change
         * would be resampled from the old rate (about 2 % of a frame too long or short).  The
         * context has the frame's real rate once the frame is out. */
        if (d->ctx->sample_rate > 0)
            d->frame->sample_rate = d->ctx->sample_rate;
        if (d->page_limit >= 0) { /* the stream's end: no further than its last granule */
            int64_t room = d->page_limit - d->page_samples;
            d->page_samples += d->frame->nb_samples;
            if (room < d->frame->nb_samples)
                d->frame->nb_samples = room > 0 ? (int)room : 0;
        } else {
            d->page_samples += d->frame->nb_samples;
        }
        if (d->frame->nb_samples == 0) {
            av_frame_unref(d->frame);
            continue;
        }
        ret = ffacm_pcm_convert_frame(&d->pcm, d->frame, out);
        av_frame_unref(d->frame);
        if (ret == AVERROR(ENOMEM))
            return FFACM_ERR_NOMEM;
    }
}

/* Send `size` bytes of pkt_buf (or NULL for the end of the stream) and collect the output.
 * Corrupt packets are skipped, as FFmpeg itself does. */
static int decode(decoder *d, int size, ffacm_fifo *out)
{
    int ret;
    if (!d->ctx)
        return FFACM_OK; /* headers still to come (setup.stream_headers) */
    if (size >= 0) {
        ret = send_packet(d, (size_t)size);
    } else {
        ret = avcodec_send_packet(d->ctx, NULL);
    }
    d->dirty = 1;
    if (ret == AVERROR(ENOMEM))
        return FFACM_ERR_NOMEM;
    return receive_frames(d, out);
}

/* The stream names another decoder of the row's tag (MLP under TrueHD's): reopen the codec
 * as that one.  The parser, which serves both, keeps its state. */
static void switch_codec(decoder *d, enum AVCodecID id)
{
    const AVCodec *codec = id != AV_CODEC_ID_NONE ? avcodec_find_decoder(id) : NULL;
    if (!codec || id == d->setup.codec_id)
        return;
    AVCodecContext *old = d->ctx;
    const AVCodec *old_codec = d->codec;
    d->ctx = NULL;
    d->codec = codec;
    if (open_codec(d) != FFACM_OK) { /* keep the old decoder: it skips what it cannot read */
        avcodec_free_context(&d->ctx);
        d->ctx = old;
        d->codec = old_codec;
        return;
    }
    avcodec_free_context(&old);
    d->setup.codec_id = id;
}

static int decoder_process(ffacm_engine *e, ffacm_fifo *out)
{
    decoder *d = (decoder *)e;
    if (!d->pkt_ready)
        return FFACM_OK;
    d->pkt_ready = 0;
    if (d->decoded_ahead) {
        d->decoded_ahead = 0;
        d->pkt_size = 0;
        int ret = ffacm_pcm_convert_frame(&d->pcm, d->frame, out);
        av_frame_unref(d->frame);
        if (ret == AVERROR(ENOMEM))
            return FFACM_ERR_NOMEM;
        ret = receive_frames(d, out);
        if (ret == FFACM_OK && d->flac.len)
            take_flac(d, NULL, 0);
        return ret;
    }
    size_t size = d->pkt_size;
    d->pkt_size = 0;
    if (size && d->setup.packet_codec)
        switch_codec(d, d->setup.packet_codec(d->pkt_buf, size));
    if (d->setup.framing == FFACM_FRAMING_OGG && (!d->page_valid || d->pkt_page != d->page_seq)) {
        /* The first packet of a new page: the previous page's granule is where it starts. */
        if (d->page_valid && d->page_granule >= 0)
            d->prev_granule = d->page_granule;
        d->page_valid = 1;
        d->page_seq = d->pkt_page;
        d->page_granule = d->pkt_granule;
        d->page_samples = 0;
        d->page_limit = d->pkt_eos && d->pkt_granule >= d->prev_granule ? d->pkt_granule - d->prev_granule : -1;
    }
    int ret = size ? decode(d, (int)size, out) : FFACM_OK;
    if (ret == FFACM_OK && d->setup.framing == FFACM_FRAMING_FLAC && d->flac.len)
        take_flac(d, NULL, 0);
    return ret;
}

static int decoder_drain(ffacm_engine *e, ffacm_fifo *out)
{
    decoder *d = (decoder *)e;
    int ret = FFACM_OK;
    if (d->setup.framing == FFACM_FRAMING_HEADER) {
        size_t packet = ffacm_splitter_flush(&d->splitter);
        if (packet && set_packet(d, ffacm_splitter_packet(&d->splitter), packet) == 0)
            ret = decoder_process(e, out);
        ffacm_splitter_reset(&d->splitter);
    } else if (d->setup.framing == FFACM_FRAMING_FLAC) {
        /* Whole frames still held go one by one (END may come right after the last input,
         * with several frames read ahead), then whatever is left as the last packet. */
        while (ret == FFACM_OK && d->pkt_ready)
            ret = decoder_process(e, out);
        size_t packet = ffacm_flac_splitter_flush(&d->flac);
        if (packet && set_packet(d, d->flac.buf, packet) == 0)
            ret = decoder_process(e, out);
        ffacm_flac_splitter_reset(&d->flac);
    } else if (d->parser) {
        /* A parser may hold several frames (FLAC's looks ahead ten headers); flushing hands
         * them out one per call. */
        for (int size = 1; size > 0 && ret == FFACM_OK;) {
            uint8_t *data = NULL;
            size = 0;
            av_parser_parse2(d->parser, d->ctx, &data, &size, NULL, 0, AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
            if (size > 0 && set_packet(d, data, (size_t)size) == 0)
                ret = decoder_process(e, out);
        }
    } else if (d->pkt_size) { /* a trailing partial block is still audio */
        d->pkt_ready = 1;
        ret = decoder_process(e, out);
    }
    if (ret == FFACM_OK)
        ret = decode(d, -1, out);
    if (ret == FFACM_OK && ffacm_pcm_convert_flush(&d->pcm, out) < 0)
        ret = FFACM_ERR_NOMEM;
    /* Ready for a stream that simply goes on after END. */
    if (d->ctx)
        avcodec_flush_buffers(d->ctx);
    ogg_account_reset(d);
    if (d->parser) {
        av_parser_close(d->parser);
        d->parser = av_parser_init(d->setup.codec_id);
        if (!d->parser)
            return FFACM_ERR_NOMEM;
    }
    ffacm_pcm_convert_reset(&d->pcm);
    return ret;
}

static int decoder_reset(ffacm_engine *e)
{
    decoder *d = (decoder *)e;
    d->pkt_ready = 0;
    d->pkt_size = 0;
    ffacm_pcm_convert_reset(&d->pcm);
    if (d->splitter.framer)
        ffacm_splitter_reset(&d->splitter);
    ffacm_flac_splitter_reset(&d->flac);
    if (d->ogg.buf)
        ffacm_ogg_splitter_reset(&d->ogg);
    d->decoded_ahead = 0;
    av_frame_unref(d->frame);
    ogg_account_reset(d);
    /* Headers half gathered are forgotten; complete ones are kept (a seek in a mode 1 stream
     * goes on with the headers read at its start). */
    if (d->headers_seen < d->setup.stream_headers)
        d->headers_seen = d->setup.stream_headers + 1;
    if (!d->dirty)
        return FFACM_OK; /* the usual START right after open costs nothing */
    /* A fresh codec restores what only initialisation sets up (e.g. Opus pre-skip). */
    close_codec(d);
    if (d->setup.stream_headers && !d->setup.extradata_size)
        return FFACM_OK; /* no headers yet: the codec opens when they come */
    return open_codec(d) == FFACM_OK ? FFACM_OK : FFACM_ERR_NOMEM;
}

static const ffacm_engine_ops decoder_ops = {
    .take = decoder_take,
    .ready = decoder_ready,
    .process = decoder_process,
    .drain = decoder_drain,
    .reset = decoder_reset,
    .destroy = decoder_destroy,
};
