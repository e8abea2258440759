/* The format table: one row per WAVEFORMATEX tag ffacm answers to.
 *
 * Rows are data.  A row names its codec, how the byte stream is framed, the worst-case
 * expansion used by ACMDM_STREAM_SIZE, the hook that turns its extra bytes into libavcodec
 * extradata, and the grid of standard formats FORMAT_DETAILS enumerates.  Adding a tag means
 * adding a row here (and a hook in codec_*.c when its extra bytes need translating). */
#include "format_table.h"

#include <string.h>

#include "codecs.h"

#define N(a) (uint8_t)(sizeof(a) / sizeof((a)[0]))
#define GRID(r, c, b) { r, N(r), c, N(c), b, N(b), NULL, 0 }

/* Channel counts above this are refused outright (no codec in the table goes beyond 7.1). */
#define MAX_CHANNELS 8
#define MIN_RATE 1000u
#define MAX_RATE 768000u

static const uint32_t pcm_rates[] = { 8000, 11025, 16000, 22050, 32000, 44100, 48000, 88200, 96000 };
static const uint16_t pcm_bits[] = { 16, 24, 32, 8 };
static const uint16_t float_bits[] = { 32 };
static const uint16_t wide_bits[] = { 16, 24, 32 };
static const uint16_t surround[] = { 2, 6, 8 };
static const uint16_t mono_stereo[] = { 1, 2 };
static const uint32_t mpeg_rates[] = { 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000 };
static const uint32_t mpeg1_rates[] = { 16000, 22050, 24000, 32000, 44100, 48000 };
static const uint32_t aac_rates[] = { 8000, 11025, 16000, 22050, 32000, 44100, 48000 };
static const uint32_t ac3_rates[] = { 32000, 44100, 48000 };
static const uint32_t opus_rates[] = { 48000 };
static const uint32_t br_64_128[] = { 64000, 128000 };
static const uint32_t br_128[] = { 128000 };
static const uint32_t br_192[] = { 192000 };
static const uint32_t br_96[] = { 96000 };
static const uint32_t br_none[] = { 0 };

static const ffacm_format_row rows[] = {
    /* PCM first: it is the decoders' destination, and listing it lets acmStreamOpen with a
     * NULL driver route compressed->PCM conversions to ffacm. */
    { .tag = FFACM_TAG_PCM, .name = "PCM", .codec_id = AV_CODEC_ID_NONE,
      .grid = { pcm_rates, N(pcm_rates), mono_stereo, N(mono_stereo), NULL, 0, pcm_bits, N(pcm_bits) } },
    /* The other destinations.  They are listed as tags so that msacm lets a host ask for them
     * (acmFormatSuggest checks the tag's size first) and routes NULL-driver opens to ffacm;
     * EXTENSIBLE also covers sources whose subformat GUID names one of the codecs below. */
    { .tag = FFACM_TAG_IEEE_FLOAT, .name = "IEEE Float", .codec_id = AV_CODEC_ID_NONE,
      .grid = { pcm_rates, N(pcm_rates), mono_stereo, N(mono_stereo), NULL, 0, float_bits, N(float_bits) } },
    { .tag = FFACM_TAG_EXTENSIBLE, .name = "Extensible PCM", .codec_id = AV_CODEC_ID_NONE,
      .grid = { pcm_rates, N(pcm_rates), surround, N(surround), NULL, 0, wide_bits, N(wide_bits) },
      .enum_extra_size = FFACM_EXTENSIBLE_EXTRA },
    { .tag = 0x0055, .name = "MPEG Layer-3 (ffacm)", .codec_id = AV_CODEC_ID_MP3,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_mpeg_audio, .packet_max_frames = 1152,
      .unpack = ffacm_unpack_mpeg_audio,
      .grid = GRID(mpeg_rates, mono_stereo, br_64_128), .enum_extra_size = 12, .enum_extra = ffacm_enum_mp3 },
    { .tag = 0x0050, .name = "MPEG Layer-1/2 (ffacm)", .codec_id = AV_CODEC_ID_MP2,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_mpeg_audio, .packet_max_frames = 1152,
      .unpack = ffacm_unpack_mpeg_audio,
      .grid = GRID(mpeg1_rates, mono_stereo, br_192), .enum_extra_size = 22, .enum_extra = ffacm_enum_mpeg1 },
    { .tag = 0x00FF, .name = "AAC (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 2048, .packet_max_frames = 2048,
      .unpack = ffacm_unpack_aac_raw,
      .grid = GRID(aac_rates, mono_stereo, br_128), .enum_extra_size = 2, .enum_extra = ffacm_enum_aac_raw },
    { .tag = 0x1610, .name = "HE-AAC (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 2048, .packet_max_frames = 2048,
      .unpack = ffacm_unpack_aac_heaac,
      .grid = GRID(aac_rates, mono_stereo, br_128), .enum_extra_size = 14, .enum_extra = ffacm_enum_aac_heaac },
    { .tag = 0x1600, .name = "AAC ADTS (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_adts, .unit_min_bytes = 8,
      .unit_max_frames = 2048, .packet_max_frames = 2048,
      .grid = GRID(aac_rates, mono_stereo, br_128), .enum_extra = ffacm_enum_bitrate_only },
    /* AC-3: the smallest frame (32 kbit/s) is 128 bytes for 1536 frames at 48 kHz; E-AC-3
     * frames that arrive under this tag are decoded by the same decoder. */
    { .tag = 0x2000, .name = "Dolby AC-3 (ffacm)", .codec_id = AV_CODEC_ID_AC3,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_ac3, .unit_min_bytes = 64,
      .unit_max_frames = 1536, .packet_max_frames = 1536,
      .grid = GRID(ac3_rates, mono_stereo, br_192), .enum_extra = ffacm_enum_bitrate_only },
    { .tag = 0xF1AC, .name = "FLAC (ffacm)", .codec_id = AV_CODEC_ID_FLAC,
      .framing = FFACM_FRAMING_FLAC, .unpack = ffacm_unpack_flac,
      .grid = GRID(aac_rates, mono_stereo, br_none), .enum_bits = 16, .enum_extra_size = 34,
      .enum_extra = ffacm_enum_flac },
    { .tag = 0x704F, .name = "Opus (ffacm)", .codec_id = AV_CODEC_ID_OPUS,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 5760, .packet_max_frames = 5760,
      .unpack = ffacm_unpack_opus,
      .grid = GRID(opus_rates, mono_stereo, br_96), .enum_extra_size = 19, .enum_extra = ffacm_enum_opus },
    /* Vorbis' extra bytes are the encoder's own header packets: there is no standard format
     * to enumerate until ffacm encodes Vorbis itself. */
    { .tag = 0x566F, .name = "Vorbis (ffacm)", .codec_id = AV_CODEC_ID_VORBIS,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 4096, .packet_max_frames = 4096,
      .unpack = ffacm_unpack_vorbis },
};

const ffacm_format_row *ffacm_format_rows(size_t *count)
{
    *count = sizeof rows / sizeof rows[0];
    return rows;
}

const ffacm_format_row *ffacm_format_find_tag(uint16_t tag)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].tag == tag)
            return &rows[i];
    return NULL;
}

const ffacm_format_row *ffacm_format_find(const ffacm_wavefmt *fmt)
{
    return fmt->codec_tag ? ffacm_format_find_tag(fmt->codec_tag) : NULL;
}

size_t ffacm_extradata_capacity(const ffacm_wavefmt *src)
{
    return src->extra_size + 64;
}

int ffacm_format_unpack(const ffacm_format_row *row, const ffacm_wavefmt *src,
                        ffacm_decoder_setup *setup, uint8_t *extradata)
{
    memset(setup, 0, sizeof *setup);
    if (!row || row->framing == FFACM_FRAMING_NONE)
        return -1;
    if (src->channels == 0 || src->channels > MAX_CHANNELS || src->rate < MIN_RATE || src->rate > MAX_RATE)
        return -1;
    if (row->framing == FFACM_FRAMING_BLOCKS && src->block_align == 0)
        return -1;
    setup->codec_id = row->codec_id;
    setup->framing = row->framing;
    setup->framer = row->framer;
    setup->sample_rate = (int)src->rate;
    setup->channels = src->channels;
    setup->channel_mask = src->tag == FFACM_TAG_EXTENSIBLE ? src->channel_mask : 0;
    setup->block_align = src->block_align;
    setup->bit_rate = (int64_t)src->avg_bytes_per_sec * 8;
    setup->bits_per_coded_sample = src->bits_per_sample;
    setup->unit_min_bytes = row->unit_min_bytes;
    setup->unit_max_frames = row->unit_max_frames;
    setup->packet_max_frames = row->packet_max_frames;
    if (row->unpack && row->unpack(src, setup, extradata) < 0)
        return -1;
    if (setup->channels <= 0 || setup->channels > 255 || setup->sample_rate <= 0 ||
        setup->unit_max_frames == 0 || setup->packet_max_frames == 0 ||
        (setup->framing != FFACM_FRAMING_PACKETS && setup->unit_min_bytes == 0) ||
        (setup->framing == FFACM_FRAMING_HEADER && !setup->framer))
        return -1;
    /* A mask that names fewer or more speakers than there are channels is a lie: use the
     * default layout instead of trusting it. */
    if (setup->channel_mask && (unsigned)__builtin_popcountll(setup->channel_mask) != (unsigned)setup->channels)
        setup->channel_mask = 0;
    return 0;
}

static uint32_t grid_bitrates(const ffacm_format_grid *g) { return g->n_bitrates ? g->n_bitrates : 1; }
static uint32_t grid_bits(const ffacm_format_grid *g) { return g->n_bits ? g->n_bits : 1; }

uint32_t ffacm_format_count(const ffacm_format_row *row)
{
    const ffacm_format_grid *g = &row->grid;
    return (uint32_t)g->n_rates * g->n_channels * grid_bitrates(g) * grid_bits(g);
}

uint32_t ffacm_default_speaker_mask(unsigned channels)
{
    /* KSAUDIO_SPEAKER_MONO, _STEREO, _QUAD, _5POINT1, _7POINT1_SURROUND; else front-first */
    switch (channels) {
    case 1: return 0x4;
    case 2: return 0x3;
    case 3: return 0x7;
    case 4: return 0x33;
    case 5: return 0x37;
    case 6: return 0x3F;
    case 7: return 0x13F;
    case 8: return 0x63F;
    default: return 0;
    }
}

uint32_t ffacm_format_size(const ffacm_format_row *row)
{
    return FFACM_WAVEFORMATEX_SIZE + row->enum_extra_size;
}

int ffacm_format_get(const ffacm_format_row *row, uint32_t index, ffacm_wavefmt *out, uint8_t *extra)
{
    const ffacm_format_grid *g = &row->grid;
    if (index >= ffacm_format_count(row))
        return -1;
    uint32_t bits_i = index % grid_bits(g);
    index /= grid_bits(g);
    uint32_t br_i = index % grid_bitrates(g);
    index /= grid_bitrates(g);
    uint32_t ch_i = index % g->n_channels;
    uint32_t rate_i = index / g->n_channels;

    uint16_t bits = g->bits ? g->bits[bits_i] : row->enum_bits;
    uint16_t channels = g->channels[ch_i];
    if (row->framing == FFACM_FRAMING_NONE) { /* a PCM destination */
        int extensible = row->tag == FFACM_TAG_EXTENSIBLE;
        ffacm_wavefmt_pcm(out, g->rates[rate_i], channels, bits, row->tag == FFACM_TAG_IEEE_FLOAT, extensible,
                          extensible ? ffacm_default_speaker_mask(channels) : 0);
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->tag = out->codec_tag = row->tag;
    out->rate = g->rates[rate_i];
    out->channels = channels;
    out->bits_per_sample = bits;
    out->extra = extra;
    out->extra_size = row->enum_extra_size;
    out->cb_size = row->enum_extra_size;
    if (row->enum_extra)
        row->enum_extra(out, g->bitrates ? g->bitrates[br_i] : 0, extra);
    return 0;
}
