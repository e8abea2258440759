/* AAC: the AudioSpecificConfig in its WAVEFORMATEX wrappings.
 *
 * 0x00FF (and its aliases) carries a bare ASC; with no ASC at all the data can only be
 * self-framing ADTS, which FFmpeg's parser splits.  0x1610 (HEAACWAVEFORMAT) prefixes the ASC
 * with a 12-byte HEAACWAVEINFO whose wPayloadType says how the data is framed. */
#include "codecs.h"

#include <string.h>

#define HEAACWAVEINFO_SIZE 12
enum { PAYLOAD_RAW = 0, PAYLOAD_ADTS = 1, PAYLOAD_ADIF = 2, PAYLOAD_LOAS = 3 };

/* Largest output of one AAC packet: 1024 frames, doubled by SBR. */
#define AAC_MAX_FRAMES 2048
/* Smallest ADTS frame: a 7-byte header and at least one byte of payload. */
#define ADTS_MIN_BYTES 8

static const uint32_t aac_rates[13] = { 96000, 88200, 64000, 48000, 44100, 32000, 24000,
                                        22050, 16000, 12000, 11025, 8000, 7350 };

/* The fields of an AudioSpecificConfig up to channelConfiguration; enough to reject garbage
 * without allocating (the decoder checks the rest when the stream really opens). */
static int asc_plausible(const uint8_t *asc, size_t size)
{
    if (size < 2)
        return 0;
    uint32_t bits = ffacm_rd32be((const uint8_t[4]){ asc[0], asc[1], size > 2 ? asc[2] : 0,
                                                     size > 3 ? asc[3] : 0 });
    unsigned aot = bits >> 27, pos = 5;
    if (aot == 31) {
        aot = 32 + ((bits >> 21) & 63);
        pos += 6;
    }
    unsigned freq_index = (bits >> (28 - pos)) & 15;
    if (aot == 0 || (freq_index > 12 && freq_index != 15))
        return 0;
    if (freq_index == 15 && size < 5)
        return 0;
    return 1;
}

static void use_adts(ffacm_decoder_setup *setup)
{
    setup->codec_id = AV_CODEC_ID_AAC;
    setup->framing = FFACM_FRAMING_HEADER;
    setup->framer = &ffacm_framer_adts;
    setup->unit_min_bytes = ADTS_MIN_BYTES;
    setup->unit_max_frames = AAC_MAX_FRAMES;
    setup->extradata_size = 0;
}

int ffacm_unpack_aac_raw(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    if (src->extra_size == 0) {
        use_adts(setup);
        return 0;
    }
    if (!asc_plausible(src->extra, src->extra_size))
        return -1;
    ffacm_put_extradata(setup, extradata, src->extra, src->extra_size);
    return 0;
}

int ffacm_unpack_aac_heaac(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    if (src->extra_size < HEAACWAVEINFO_SIZE)
        return -1;
    const uint8_t *asc = src->extra + HEAACWAVEINFO_SIZE;
    size_t asc_size = src->extra_size - HEAACWAVEINFO_SIZE;
    switch (ffacm_rd16(src->extra)) {
    case PAYLOAD_RAW:
        if (!asc_plausible(asc, asc_size))
            return -1;
        ffacm_put_extradata(setup, extradata, asc, asc_size);
        return 0;
    case PAYLOAD_ADTS:
        /* Every ADTS header carries its own config; decode exactly as a bare ADTS stream. */
        use_adts(setup);
        return 0;
    case PAYLOAD_LOAS: /* LOAS frames are split by FFmpeg's LATM parser */
        setup->codec_id = AV_CODEC_ID_AAC_LATM;
        setup->framing = FFACM_FRAMING_PARSER;
        setup->unit_min_bytes = 4; /* 3-byte LOAS sync header + payload */
        setup->unit_max_frames = AAC_MAX_FRAMES;
        setup->extradata_size = 0;
        return 0;
    default: /* ADIF has no frame boundaries to cut the stream at */
        return -1;
    }
}

static int aac_rate_index(uint32_t rate)
{
    for (int i = 0; i < 13; i++)
        if (aac_rates[i] == rate)
            return i;
    return 15;
}

/* AAC-LC AudioSpecificConfig for a standard format (2 bytes). */
static void write_lc_asc(const ffacm_wavefmt *fmt, uint8_t *asc)
{
    unsigned v = 2u << 11 | (unsigned)aac_rate_index(fmt->rate) << 7 | (unsigned)fmt->channels << 3;
    asc[0] = (uint8_t)(v >> 8);
    asc[1] = (uint8_t)v;
}

void ffacm_enum_bitrate_only(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)extra;
    fmt->avg_bytes_per_sec = bitrate / 8;
    fmt->block_align = 1;
    fmt->bits_per_sample = 0;
}

void ffacm_enum_aac_raw(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    ffacm_enum_bitrate_only(fmt, bitrate, extra);
    write_lc_asc(fmt, extra);
}

void ffacm_enum_aac_heaac(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    ffacm_enum_bitrate_only(fmt, bitrate, extra);
    memset(extra, 0, HEAACWAVEINFO_SIZE);
    ffacm_wr16(extra, PAYLOAD_RAW);
    ffacm_wr16(extra + 2, 0xFE); /* wAudioProfileLevelIndication: not specified */
    write_lc_asc(fmt, extra + HEAACWAVEINFO_SIZE);
}
