/* The one declarative table that maps WAVEFORMATEX tags onto libavcodec.
 *
 * Each row says: which tag (or extensible subformat), which codec, how the WAVEFORMATEX extra
 * bytes become libavcodec extradata, how the byte stream is cut into packets, what the
 * decoded stream can at most expand to (for ACMDM_STREAM_SIZE), and which standard formats the
 * tag enumerates.  The bridge never switches on a tag: it looks the row up and uses its data. */
#ifndef FFACM_FORMAT_TABLE_H
#define FFACM_FORMAT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include <libavcodec/codec_id.h>

#include "../bridge/core/wavefmt.h"
#include "framers.h"

/* How the ACM source bytes become packets. */
typedef enum ffacm_framing {
    FFACM_FRAMING_NONE = 0,  /* not a compressed source (the PCM row) */
    FFACM_FRAMING_HEADER,    /* self-delimiting byte stream with frame lengths in headers:
                              * split by ffacm's framer (formats/framers.h) */
    FFACM_FRAMING_FLAC,      /* FLAC frames: found by header + CRC-16 (flac_frame.h) */
    FFACM_FRAMING_PARSER,    /* self-delimiting byte stream: FFmpeg's parser splits it */
    FFACM_FRAMING_PACKETS,   /* each source buffer is exactly one packet (one AVI chunk) */
    FFACM_FRAMING_BLOCKS,    /* fixed nBlockAlign-sized packets (ADPCM, WMA ...) */
    FFACM_FRAMING_SPAN,      /* sample-granular codecs (A-law, G.726, Yamaha ADPCM ...) and
                              * block codecs that take several blocks per packet (GSM): any
                              * run of whole nBlockAlign units is a packet (see decoder.c) */
    FFACM_FRAMING_OGG,       /* an Ogg page stream: packets from the lacing values; Vorbis
                              * header packets in it are skipped (bridge/core/ogg_splitter.h) */
} ffacm_framing;

/* The FFACM_FRAMING_SPAN packet the size model allows (packet_max_frames): short enough that
 * its output fits the half-second buffers of the ACM Wrapper even at 8 kHz and 8 samples per
 * byte (a packet that does not fit would stop the adapter taking input, and the wrapper drops
 * what is not taken), long enough that one decode call is not per sample.  Where the host's
 * buffer has room for more output, a packet grows up to FFACM_SPAN_MAX_BYTES: libavcodec's
 * fixed cost per packet (allocations, frame setup) is then paid per 16 KiB, not per 512 bytes
 * (it cost G.711 two thirds of its speed, bench/README.md). */
#define FFACM_SPAN_BYTES 512u
#define FFACM_SPAN_MAX_BYTES 16384u

/* What a row's unpacker derives from a WAVEFORMATEX for the decoder. */
typedef struct ffacm_decoder_setup {
    enum AVCodecID codec_id;
    ffacm_framing framing;
    const ffacm_framer *framer; /* FFACM_FRAMING_HEADER */
    int sample_rate;            /* as declared; the decoder may correct it */
    int channels;
    uint64_t channel_mask;      /* 0: default layout for `channels` */
    int block_align;
    int64_t bit_rate;
    int bits_per_coded_sample;
    /* Worst-case expansion, for ACMDM_STREAM_SIZE: every `unit_min_bytes` of input decodes
     * to at most `unit_max_frames` frames (unit_min_bytes 0: the whole source buffer is one
     * unit, as with FFACM_FRAMING_PACKETS); one packet to at most `packet_max_frames`. */
    uint32_t unit_min_bytes;
    uint32_t unit_max_frames;
    uint32_t packet_max_frames;
    size_t extradata_size;      /* bytes the unpacker wrote (or would write) */
    /* One tag for two decoders that each refuse the other's streams (MLP and TrueHD share a
     * subformat GUID): the decoder a packet names, or AV_CODEC_ID_NONE to keep the current
     * one.  NULL: codec_id is final. */
    enum AVCodecID (*packet_codec)(const uint8_t *pkt, size_t size);
    /* FFmpeg marks the decoder experimental (Sonic): it only opens when asked to. */
    int experimental;
    /* FFACM_FRAMING_OGG whose headers are in the data (Vorbis-ACM mode 1): the first
     * `stream_headers` packets of each logical stream become the (Xiph-laced) extradata, and
     * the decoder opens only once it has them. */
    unsigned stream_headers;
} ffacm_decoder_setup;

/* The rate/channel/bitrate grid of a row's standard formats (FORMAT_DETAILS INDEX). */
typedef struct ffacm_format_grid {
    const uint32_t *rates;
    uint8_t n_rates;
    const uint16_t *channels;
    uint8_t n_channels;
    const uint32_t *bitrates;  /* bit/s; NULL: one format per rate x channels */
    uint8_t n_bitrates;
    const uint16_t *bits;      /* wBitsPerSample choices (PCM); NULL: row->enum_bits */
    uint8_t n_bits;
} ffacm_format_grid;

typedef struct ffacm_format_row ffacm_format_row;

/* How an encoder row turns PCM into this tag.  The destination WAVEFORMATEX picks the
 * settings (rate, channels, bitrate from nAvgBytesPerSec or a quality preset from the extra
 * bytes); `configure` refuses one the encoder would not honour exactly. */
struct AVCodecContext;
typedef struct ffacm_encoder_spec {
    const char *encoder;         /* libavcodec encoder name */
    /* Packets that do not delimit themselves (raw AAC, Opus, Vorbis, ALAC) go out one per
     * convert call, so a host that writes each call's output as one chunk keeps them apart. */
    int one_packet_per_call;
    /* A sample codec (G.711): a fixed number of output bytes for every input sample frame. */
    int sample_codec;
    /* The output is an Ogg page stream (the Vorbis-ACM tags): the codec's header packets (its
     * Xiph-laced extradata) on the first pages, then one packet per page with its granule
     * position (the PCM position at its end), EOS on the last page at END.  Self-delimiting,
     * and sample-exact: the last granule is the number of input samples. */
    int ogg_pages;
    uint32_t min_frame;          /* smallest frame in samples (bounds the packet count) */
    uint32_t (*max_packet_bytes)(const ffacm_wavefmt *dst);
    /* Validate `dst` (no allocation) and, when ctx is not NULL, set the codec options. */
    int (*configure)(const ffacm_wavefmt *dst, struct AVCodecContext *ctx);
    /* Lay a packet out in the output stream (e.g. an ADTS header in front); NULL: as is.
     * Writes at most size + 16 bytes to `out` and returns the count. */
    size_t (*wrap)(const struct AVCodecContext *ctx, const uint8_t *pkt, size_t size, uint8_t *out);
} ffacm_encoder_spec;

/* A row's own step of ffacm_format_unpack(): validate the extra bytes of `src`, adjust
 * `setup` (pre-filled from the row and the common WAVEFORMATEX fields) and, when
 * `extradata` is not NULL, write the decoder's extradata there.  Returns 0 or -1. */
typedef int (*ffacm_unpack_fn)(const ffacm_wavefmt *src, ffacm_decoder_setup *setup,
                               uint8_t *extradata);

/* Complete standard format `fmt` (tag, rate, channels and bits already set) for `bitrate`:
 * nAvgBytesPerSec, nBlockAlign and the row->enum_extra_size extra bytes in `extra`. */
typedef void (*ffacm_enum_extra_fn)(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);

struct ffacm_format_row {
    uint16_t tag;               /* wFormatTag the row answers to (and lists) */
    const char *name;           /* szFormatTag */
    enum AVCodecID codec_id;    /* AV_CODEC_ID_NONE for the PCM row */
    ffacm_framing framing;      /* FFACM_FRAMING_NONE: not a decoder source (PCM) */
    const ffacm_framer *framer; /* FFACM_FRAMING_HEADER */
    uint32_t unit_min_bytes;    /* defaults for ffacm_decoder_setup's size model */
    uint32_t unit_max_frames;
    uint32_t packet_max_frames;
    ffacm_unpack_fn unpack;     /* NULL: extra bytes are ignored, no extradata */
    const ffacm_encoder_spec *encoder; /* NULL: decode only */
    ffacm_format_grid grid;     /* standard formats */
    uint16_t enum_bits;         /* wBitsPerSample of the standard formats */
    uint16_t enum_extra_size;   /* cbSize of the standard formats */
    ffacm_enum_extra_fn enum_extra;
    /* Which grid points are real formats (e.g. bitrates a given MPEG version allows);
     * NULL: all of them. */
    int (*enum_valid)(uint32_t rate, uint16_t channels, uint32_t bitrate);
    /* szFormat for FORMAT_DETAILS, where msacm's own ("44.100 kHz, 16 Bit, Stereo") would not
     * tell the formats apart (e.g. bitrate presets); NULL: msacm describes it. */
    void (*describe)(const ffacm_wavefmt *fmt, char *out, size_t cap);
    /* Rows matched by WAVE_FORMAT_EXTENSIBLE subformat GUID (tag FFACM_TAG_EXTENSIBLE) whose
     * GUID carries no 16-bit tag, e.g. E-AC-3; they are not listed as tags of their own. */
    const uint8_t *subformat;
    /* The speaker mask the decoder itself gives 1..8 channels (index channels - 1) where the
     * count alone decides it (0 or NULL: unknown, FFmpeg's default layout for the count).
     * FORMAT_SUGGEST cannot open a decoder to ask, so this is its per-codec knowledge. */
    const uint32_t *layouts;
};

/* Every row, in FORMATTAG_DETAILS index order (PCM first). */
const ffacm_format_row *ffacm_format_rows(size_t *count);

/* The rows matched by WAVE_FORMAT_EXTENSIBLE subformat GUID (not in ffacm_format_rows()). */
const ffacm_format_row *ffacm_format_subformat_rows(size_t *count);

/* The row that decodes `fmt` (by tag, or by extensible subformat tag), or NULL. */
const ffacm_format_row *ffacm_format_find(const ffacm_wavefmt *fmt);
const ffacm_format_row *ffacm_format_find_tag(uint16_t tag);

/* Standard formats: how many, the largest serialised size, and format number `index`
 * (extra bytes written into `extra`, which must hold row->enum_extra_size bytes). */
uint32_t ffacm_format_count(const ffacm_format_row *row);
uint32_t ffacm_format_size(const ffacm_format_row *row);
int ffacm_format_get(const ffacm_format_row *row, uint32_t index, ffacm_wavefmt *out, uint8_t *extra);

/* The standard formats FORMAT_DETAILS lists under the tag of main-table row `row`: the row's
 * own, then those of the subformat rows of that tag (E-AC-3 after extensible PCM under 0xFFFE:
 * ACM enumerates by tag, and that is the only tag an E-AC-3 format has). */
uint32_t ffacm_tag_format_count(const ffacm_format_row *row);
int ffacm_tag_format_get(const ffacm_format_row *row, uint32_t index, ffacm_wavefmt *out, uint8_t *extra);

/* Validate `src` against `row` and derive the decoder setup.  `extradata` NULL: a query, which
 * validates without writing or allocating.  Returns 0, or -1 (ACMERR_NOTPOSSIBLE). */
int ffacm_format_unpack(const ffacm_format_row *row, const ffacm_wavefmt *src,
                        ffacm_decoder_setup *setup, uint8_t *extradata);

/* The WAVE_FORMAT_EXTENSIBLE speaker mask Windows uses for `channels` (0 if none). */
uint32_t ffacm_default_speaker_mask(unsigned channels);

/* Upper bound of the extradata an unpacker writes for `src`. */
size_t ffacm_extradata_capacity(const ffacm_wavefmt *src);

#endif
