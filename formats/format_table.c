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
static const uint32_t br_none[] = { 0 };
static const uint16_t flac_bits[] = { 16, 24 };
/* MP3: every CBR rate of MPEG-1/2/2.5 (enum_valid keeps each version's own), LAME VBR
 * qualities and ABR targets. */
static const uint32_t mp3_bitrates[] = {
    8000, 16000, 24000, 32000, 40000, 48000, 56000, 64000, 80000, 96000, 112000, 128000, 144000,
    160000, 192000, 224000, 256000, 320000,
    FFACM_BR_VBR(0), FFACM_BR_VBR(2), FFACM_BR_VBR(4), FFACM_BR_VBR(6),
    FFACM_BR_ABR(128000), FFACM_BR_ABR(160000), FFACM_BR_ABR(192000), FFACM_BR_ABR(256000),
};
static const uint32_t mp2_bitrates[] = { 32000, 48000, 64000, 96000, 112000, 128000, 160000,
                                         192000, 224000, 256000, 320000, 384000 };
static const uint32_t aac_bitrates[] = { 32000, 48000, 64000, 96000, 128000, 160000, 192000, 256000, 320000 };
static const uint32_t ac3_bitrates[] = { 96000, 128000, 160000, 192000, 224000, 256000, 320000, 384000, 448000, 640000 };
static const uint32_t opus_bitrates[] = { 32000, 48000, 64000, 96000, 128000, 160000, 192000, 256000 };

/* Vorbis: bitrate targets; ffacm_valid_vorbis() keeps those libvorbis has at each rate. */
static const uint32_t vorbis_rates[] = { 8000, 11025, 16000, 22050, 32000, 44100, 48000 };
static const uint32_t vorbis_bitrates[] = { 16000, 24000, 32000, 48000, 64000, 80000, 96000, 112000, 128000,
                                            160000, 192000, 224000, 256000, 320000, 500000 };

static const uint32_t g711_rates[] = { 8000, 11025, 22050, 44100 };
static const uint32_t adpcm_rates[] = { 8000, 11025, 22050, 44100 };
/* Windows' GSM 6.10 codec (msgsm32.acm) lists these; GSM itself is 8 kHz (encode_gsm.c). */
static const uint32_t gsm_rates[] = { 8000, 11025, 22050, 44100 };
static const uint16_t mono[] = { 1 };

/* Decoder layouts by channel count (format_table.h, `layouts`).  Dolby (AC-3, E-AC-3,
 * TrueHD/MLP) and DTS put their surrounds on the side speakers (5.1 is FFmpeg's "5.1(side)");
 * 3 and 5 channels are their usual 3/0 and 3/2 modes. */
static const uint32_t layouts_side[8] = { 0x4, 0x3, 0x7, 0x107, 0x607, 0x60F, 0, 0 };
/* FLAC's channel assignments (RFC 9639 9.1.3), as FFmpeg's decoder maps them. */
static const uint32_t layouts_flac[8] = { 0x4, 0x3, 0x7, 0x33, 0x607, 0x60F, 0x70F, 0x63F };
/* Vorbis channel order (Vorbis I 4.3.9), also Opus mapping family 1. */
static const uint32_t layouts_vorbis[8] = { 0x4, 0x3, 0x7, 0x33, 0x37, 0x3F, 0x70F, 0x63F };

/* AAC's channel configurations 1-7 and 11 (ISO 14496-3 1.6.3.4); 8 channels is ambiguous
 * (configuration 7 or 12). */
static const uint32_t layouts_aac[8] = { 0x4, 0x3, 0x7, 0x107, 0x37, 0x3F, 0x13F, 0 };

/* Rows whose size model codec_riff.c derives from nBlockAlign (the 1s are placeholders). */
#define BLOCK_ROW(t, n, id, fn)                                                                  \
    { .tag = t, .name = n, .codec_id = AV_CODEC_ID_##id, .framing = FFACM_FRAMING_BLOCKS,        \
      .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1, .unpack = fn }
#define SPAN_ROW(t, n, id, fn)                                                                   \
    { .tag = t, .name = n, .codec_id = AV_CODEC_ID_##id, .framing = FFACM_FRAMING_SPAN,          \
      .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1, .unpack = fn }
#define G7231_ROW(t, n)                                                                          \
    { .tag = t, .name = n, .codec_id = AV_CODEC_ID_G723_1, .framing = FFACM_FRAMING_HEADER,      \
      .framer = &ffacm_framer_g723_1,                                                            \
      .unit_min_bytes = 1, .unit_max_frames = 240, .packet_max_frames = 240,                     \
      .unpack = ffacm_unpack_g723_1 }

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
    { .tag = FFACM_TAG_EXTENSIBLE, .name = "Extensible (PCM, E-AC-3)", .codec_id = AV_CODEC_ID_NONE,
      .grid = { pcm_rates, N(pcm_rates), surround, N(surround), NULL, 0, wide_bits, N(wide_bits) },
      .enum_extra_size = FFACM_EXTENSIBLE_EXTRA },
    { .tag = 0x0055, .name = "MPEG Layer-3 (ffacm)", .codec_id = AV_CODEC_ID_MP3,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_mpeg_audio, .packet_max_frames = 1152,
      .unpack = ffacm_unpack_mpeg_audio, .encoder = &ffacm_encode_mp3,
      .grid = GRID(mpeg_rates, mono_stereo, mp3_bitrates), .enum_extra_size = 12, .enum_extra = ffacm_enum_mp3,
      .enum_valid = ffacm_valid_mp3 },
    { .tag = 0x0050, .name = "MPEG Layer-1/2 (ffacm)", .codec_id = AV_CODEC_ID_MP2,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_mpeg_audio, .packet_max_frames = 1152,
      .unpack = ffacm_unpack_mpeg_audio, .encoder = &ffacm_encode_mp2,
      .grid = GRID(mpeg1_rates, mono_stereo, mp2_bitrates), .enum_extra_size = 22, .enum_extra = ffacm_enum_mpeg1,
      .enum_valid = ffacm_valid_mp2 },
    { .tag = 0x00FF, .name = "AAC (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 2048, .packet_max_frames = 2048,
      .unpack = ffacm_unpack_aac_raw, .encoder = &ffacm_encode_aac,
      .grid = GRID(aac_rates, mono_stereo, aac_bitrates), .enum_extra_size = 2, .enum_extra = ffacm_enum_aac_raw,
      .enum_valid = ffacm_valid_aac, .layouts = layouts_aac },
    { .tag = 0x1610, .name = "HE-AAC (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 2048, .packet_max_frames = 2048,
      .unpack = ffacm_unpack_aac_heaac,
      .grid = GRID(aac_rates, mono_stereo, aac_bitrates), .enum_extra_size = 14, .enum_extra = ffacm_enum_aac_heaac,
      .enum_valid = ffacm_valid_aac, .layouts = layouts_aac },
    { .tag = 0x1600, .name = "AAC ADTS (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_adts, .unit_min_bytes = 8,
      .unit_max_frames = 2048, .packet_max_frames = 2048, .encoder = &ffacm_encode_adts,
      .grid = GRID(aac_rates, mono_stereo, aac_bitrates), .enum_extra = ffacm_enum_bitrate_only,
      .enum_valid = ffacm_valid_aac, .layouts = layouts_aac },
    /* AC-3: the smallest frame (32 kbit/s) is 128 bytes for 1536 frames at 48 kHz; E-AC-3
     * frames that arrive under this tag are decoded by the same decoder. */
    { .tag = 0x2000, .name = "Dolby AC-3 (ffacm)", .codec_id = AV_CODEC_ID_AC3,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_ac3, .unit_min_bytes = 64,
      .unit_max_frames = 1536, .packet_max_frames = 1536, .encoder = &ffacm_encode_ac3,
      .grid = GRID(ac3_rates, mono_stereo, ac3_bitrates), .enum_extra = ffacm_enum_ac3, .enum_valid = ffacm_valid_ac3,
      .layouts = layouts_side },
    { .tag = 0xF1AC, .name = "FLAC (ffacm)", .codec_id = AV_CODEC_ID_FLAC,
      .framing = FFACM_FRAMING_FLAC, .unpack = ffacm_unpack_flac, .encoder = &ffacm_encode_flac,
      .grid = { aac_rates, N(aac_rates), mono_stereo, N(mono_stereo), br_none, N(br_none), flac_bits, N(flac_bits) },
      .enum_extra_size = 34, .enum_extra = ffacm_enum_flac, .layouts = layouts_flac },
    { .tag = 0x704F, .name = "Opus (ffacm)", .codec_id = AV_CODEC_ID_OPUS,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 5760, .packet_max_frames = 5760,
      .unpack = ffacm_unpack_opus,
      .encoder = &ffacm_encode_opus,
      .grid = GRID(opus_rates, mono_stereo, opus_bitrates), .enum_extra_size = 19, .enum_extra = ffacm_enum_opus,
      .enum_valid = ffacm_valid_opus, .layouts = layouts_vorbis },
    /* Vorbis' extra bytes are the encoder's own header packets: there is no standard format
     * to enumerate until ffacm encodes Vorbis itself. */
    { .tag = 0x566F, .name = "Vorbis (ffacm)", .codec_id = AV_CODEC_ID_VORBIS,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 4096, .packet_max_frames = 4096,
      .unpack = ffacm_unpack_vorbis, .layouts = layouts_vorbis },

    /* ---- The rest of FFmpeg's RIFF table (codec_riff.c derives each block's bound). ---- */
    { .tag = 0x0002, .name = "MS ADPCM (ffacm)", .codec_id = AV_CODEC_ID_ADPCM_MS, .framing = FFACM_FRAMING_BLOCKS,
      .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1, .unpack = ffacm_unpack_adpcm_ms,
      .encoder = &ffacm_encode_msadpcm, .grid = GRID(adpcm_rates, mono_stereo, br_none), .enum_bits = 4,
      .enum_extra_size = 32, .enum_extra = ffacm_enum_msadpcm },
    { .tag = 0x0006, .name = "A-Law (ffacm)", .codec_id = AV_CODEC_ID_PCM_ALAW,
      .framing = FFACM_FRAMING_SPAN, .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1,
      .unpack = ffacm_unpack_g711, .grid = GRID(g711_rates, mono_stereo, br_none), .enum_bits = 8,
      .enum_extra = ffacm_enum_g711, .encoder = &ffacm_encode_alaw },
    { .tag = 0x0007, .name = "u-Law (ffacm)", .codec_id = AV_CODEC_ID_PCM_MULAW,
      .framing = FFACM_FRAMING_SPAN, .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1,
      .unpack = ffacm_unpack_g711, .grid = GRID(g711_rates, mono_stereo, br_none), .enum_bits = 8,
      .enum_extra = ffacm_enum_g711, .encoder = &ffacm_encode_mulaw },
    BLOCK_ROW(0x000A, "WMA Voice (ffacm)", WMAVOICE, ffacm_unpack_wmavoice),
    SPAN_ROW(0x0010, "OKI ADPCM (ffacm)", ADPCM_IMA_OKI, ffacm_unpack_adpcm_nibbles),
    { .tag = 0x0011, .name = "IMA ADPCM (ffacm)", .codec_id = AV_CODEC_ID_ADPCM_IMA_WAV, .framing = FFACM_FRAMING_BLOCKS,
      .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1, .unpack = ffacm_unpack_adpcm_ima_wav,
      .encoder = &ffacm_encode_ima, .grid = GRID(adpcm_rates, mono_stereo, br_none), .enum_bits = 4,
      .enum_extra_size = 2, .enum_extra = ffacm_enum_ima },
    SPAN_ROW(0x0014, "G.723 ADPCM, Antex (ffacm)", ADPCM_G726, ffacm_unpack_g726),
    SPAN_ROW(0x0017, "Dialogic OKI ADPCM (ffacm)", ADPCM_IMA_OKI, ffacm_unpack_adpcm_nibbles),
    SPAN_ROW(0x0020, "Yamaha ADPCM (ffacm)", ADPCM_YAMAHA, ffacm_unpack_adpcm_nibbles),
    BLOCK_ROW(0x0022, "DSP Group TrueSpeech (ffacm)", TRUESPEECH, ffacm_unpack_truespeech),
    /* GSM 6.10 is framed as a SPAN row (whole blocks, as many as the host's room takes). */
    { .tag = 0x0031, .name = "GSM 6.10 (ffacm)", .codec_id = AV_CODEC_ID_GSM_MS, .framing = FFACM_FRAMING_SPAN,
      .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1, .unpack = ffacm_unpack_gsm_ms,
      .encoder = &ffacm_encode_gsm, .grid = GRID(gsm_rates, mono, br_none), .enum_extra_size = 2,
      .enum_extra = ffacm_enum_gsm },
    SPAN_ROW(0x0032, "MSN Audio (ffacm)", GSM_MS, ffacm_unpack_gsm_ms),
    /* AMR in the RFC 4867 storage format: a ToC byte gives each frame's length. */
    { .tag = 0x0038, .name = "AMR-NB, 0x38 (ffacm)", .codec_id = AV_CODEC_ID_AMR_NB,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_amrnb, .unit_min_bytes = 1,
      .unit_max_frames = 160, .packet_max_frames = 160 },
    SPAN_ROW(0x0040, "G.721 ADPCM, Antex (ffacm)", ADPCM_G726, ffacm_unpack_g726),
    /* G.723.1: frames of 24/20/4/1 bytes (240 samples each), the size in the first byte.
     * (FFmpeg's g723_1 parser loses sync when the stream arrives a few bytes at a time.) */
    G7231_ROW(0x0042, "G.723.1 (ffacm)"),
    SPAN_ROW(0x0045, "G.726 ADPCM (ffacm)", ADPCM_G726, ffacm_unpack_g726),
    { .tag = 0x0057, .name = "AMR-NB (ffacm)", .codec_id = AV_CODEC_ID_AMR_NB,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_amrnb, .unit_min_bytes = 1,
      .unit_max_frames = 160, .packet_max_frames = 160 },
    { .tag = 0x0058, .name = "AMR-WB (ffacm)", .codec_id = AV_CODEC_ID_AMR_WB,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_amrwb, .unit_min_bytes = 1,
      .unit_max_frames = 320, .packet_max_frames = 320 },
    BLOCK_ROW(0x0061, "IMA ADPCM, Duck DK4 (ffacm)", ADPCM_IMA_DK4, ffacm_unpack_adpcm_dk4),
    BLOCK_ROW(0x0062, "IMA ADPCM, Duck DK3 (ffacm)", ADPCM_IMA_DK3, ffacm_unpack_adpcm_dk3),
    SPAN_ROW(0x0064, "G.726 ADPCM, APICS (ffacm)", ADPCM_G726, ffacm_unpack_g726),
    BLOCK_ROW(0x0069, "IMA ADPCM, Voxware (ffacm)", ADPCM_IMA_WAV, ffacm_unpack_adpcm_ima_wav),
    BLOCK_ROW(0x0075, "Voxware MetaSound (ffacm)", METASOUND, ffacm_unpack_transform_blocks),
    BLOCK_ROW(0x0083, "G.729 (ffacm)", G729, ffacm_unpack_g729),
    G7231_ROW(0x0111, "G.723.1, Vivo (ffacm)"),
    BLOCK_ROW(0x0130, "ACELP.net SIPR (ffacm)", SIPR, ffacm_unpack_sipr),
    BLOCK_ROW(0x0135, "ACELP.KELVIN (ffacm)", ACELP_KELVIN, ffacm_unpack_g729),
    BLOCK_ROW(0x0160, "WMA v1 (ffacm)", WMAV1, ffacm_unpack_wmav1),
    BLOCK_ROW(0x0161, "WMA v2 (ffacm)", WMAV2, ffacm_unpack_wmav2),
    BLOCK_ROW(0x0162, "WMA Pro (ffacm)", WMAPRO, ffacm_unpack_wmapro),
    BLOCK_ROW(0x0163, "WMA Lossless (ffacm)", WMALOSSLESS, ffacm_unpack_wmapro),
    SPAN_ROW(0x0200, "Creative ADPCM (ffacm)", ADPCM_CT, ffacm_unpack_adpcm_nibbles),
    BLOCK_ROW(0x0215, "DV audio, 525/60 (ffacm)", DVAUDIO, ffacm_unpack_dvaudio),
    BLOCK_ROW(0x0216, "DV audio, 625/50 (ffacm)", DVAUDIO, ffacm_unpack_dvaudio),
    BLOCK_ROW(0x0270, "ATRAC3 (ffacm)", ATRAC3, ffacm_unpack_atrac3),
    BLOCK_ROW(0x028E, "MSN Siren (ffacm)", MSNSIREN, ffacm_unpack_msnsiren),
    SPAN_ROW(0x028F, "G.722 (ffacm)", ADPCM_G722, ffacm_unpack_g722),
    BLOCK_ROW(0x0401, "Intel Music Coder (ffacm)", IMC, ffacm_unpack_imc),
    BLOCK_ROW(0x0402, "Indeo Audio (ffacm)", IAC, ffacm_unpack_imc),
    { .tag = 0x0500, .name = "On2 AVC (ffacm)", .codec_id = AV_CODEC_ID_ON2AVC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 4096, .packet_max_frames = 4096,
      .unpack = ffacm_unpack_raw_extra },
    { .tag = 0x0501, .name = "On2 AVC 2 (ffacm)", .codec_id = AV_CODEC_ID_ON2AVC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 4096, .packet_max_frames = 4096,
      .unpack = ffacm_unpack_raw_extra },
    SPAN_ROW(0x1500, "GSM 6.10, AT&T (ffacm)", GSM_MS, ffacm_unpack_gsm_ms),
    BLOCK_ROW(0x1501, "TrueSpeech, Voxware (ffacm)", TRUESPEECH, ffacm_unpack_truespeech),
    /* LOAS/LATM: each AudioSyncStream frame states its length. */
    { .tag = 0x1602, .name = "AAC LATM (ffacm)", .codec_id = AV_CODEC_ID_AAC_LATM,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_loas, .unit_min_bytes = 4,
      .unit_max_frames = 2048, .packet_max_frames = 2048, .layouts = layouts_aac },
    /* DTS: core frames (>= 96 bytes, <= 4096 samples) with their DTS-HD extension substreams;
     * an extension (96/192 kHz) can quadruple the samples. */
    { .tag = 0x2001, .name = "DTS (ffacm)", .codec_id = AV_CODEC_ID_DTS,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_dts, .unit_min_bytes = 96,
      .unit_max_frames = 16384, .packet_max_frames = 16384, .layouts = layouts_side },
    { .tag = 0x0008, .name = "DTS, 0x0008 (ffacm)", .codec_id = AV_CODEC_ID_DTS,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_dts, .unit_min_bytes = 96,
      .unit_max_frames = 16384, .packet_max_frames = 16384, .layouts = layouts_side },
    /* Sonic (FFmpeg's own experimental codec, lossy and lossless): one packet per AVI chunk,
     * its 16-byte header as the extra bytes. */
    { .tag = 0x2048, .name = "Sonic (ffacm)", .codec_id = AV_CODEC_ID_SONIC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 1, .packet_max_frames = 1,
      .unpack = ffacm_unpack_sonic },
    /* Xan DPCM (Wing Commander III/IV AVIs): one packet per chunk, one sample a byte. */
    { .tag = 0x594A, .name = "Xan DPCM (ffacm)", .codec_id = AV_CODEC_ID_XAN_DPCM,
      .framing = FFACM_FRAMING_PACKETS, .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1,
      .unpack = ffacm_unpack_xan_dpcm },
    SPAN_ROW(0x6C75, "u-Law, 'ul' (ffacm)", PCM_MULAW, ffacm_unpack_g711),
    /* Other tags for raw AAC + AudioSpecificConfig. */
    { .tag = 0x706D, .name = "AAC, 0x706D (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 2048, .packet_max_frames = 2048,
      .unpack = ffacm_unpack_aac_raw, .layouts = layouts_aac },
    { .tag = 0x4143, .name = "AAC, 'AC' (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 2048, .packet_max_frames = 2048,
      .unpack = ffacm_unpack_aac_raw, .layouts = layouts_aac },
    { .tag = 0xA106, .name = "AAC, 0xA106 (ffacm)", .codec_id = AV_CODEC_ID_AAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 2048, .packet_max_frames = 2048,
      .unpack = ffacm_unpack_aac_raw, .layouts = layouts_aac },
    BLOCK_ROW(0x729A, "G.729, 0x729A (ffacm)", G729, ffacm_unpack_g729),
    G7231_ROW(0xA100, "G.723.1, Comverse (ffacm)"),
    { .tag = 0xA109, .name = "Speex (ffacm)", .codec_id = AV_CODEC_ID_SPEEX,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 640, .packet_max_frames = 640,
      .unpack = ffacm_unpack_speex },
    BLOCK_ROW(0x5346, "SWF ADPCM (ffacm)", ADPCM_SWF, ffacm_unpack_adpcm_swf),
    /* Vorbis ACM mode 2: header pages in the extra bytes, an Ogg page stream as data. */
    { .tag = 0x6750, .name = "Vorbis ACM mode 2 (ffacm)", .codec_id = AV_CODEC_ID_VORBIS,
      .framing = FFACM_FRAMING_OGG, .unit_min_bytes = 2, .unit_max_frames = 4096,
      .packet_max_frames = 4096, .unpack = ffacm_unpack_vorbis_acm2 },
    { .tag = 0x6770, .name = "Vorbis ACM mode 2+ (ffacm)", .codec_id = AV_CODEC_ID_VORBIS,
      .framing = FFACM_FRAMING_OGG, .unit_min_bytes = 2, .unit_max_frames = 4096,
      .packet_max_frames = 4096, .unpack = ffacm_unpack_vorbis_acm2 },
    /* Vorbis ACM mode 1: the data is a whole Ogg Vorbis stream, header pages first; the
     * decoder opens once it has read them.  ffacm encodes this one (formats/encode_vorbis.c). */
    { .tag = 0x674F, .name = "Vorbis ACM mode 1 (ffacm)", .codec_id = AV_CODEC_ID_VORBIS,
      .framing = FFACM_FRAMING_OGG, .unit_min_bytes = 2, .unit_max_frames = 4096,
      .packet_max_frames = 4096, .unpack = ffacm_unpack_vorbis_acm1, .encoder = &ffacm_encode_vorbis_acm,
      .grid = GRID(vorbis_rates, mono_stereo, vorbis_bitrates), .enum_bits = 16, .enum_extra_size = 8,
      .enum_extra = ffacm_enum_vorbis_acm, .enum_valid = ffacm_valid_vorbis, .describe = ffacm_describe_vorbis_acm },
    { .tag = 0x676F, .name = "Vorbis ACM mode 1+ (ffacm)", .codec_id = AV_CODEC_ID_VORBIS,
      .framing = FFACM_FRAMING_OGG, .unit_min_bytes = 2, .unit_max_frames = 4096,
      .packet_max_frames = 4096, .unpack = ffacm_unpack_vorbis_acm1 },
    { .tag = 0x6C61, .name = "ALAC (ffacm)", .codec_id = AV_CODEC_ID_ALAC,
      .framing = FFACM_FRAMING_PACKETS, .unit_max_frames = 4096, .packet_max_frames = 4096,
      .unpack = ffacm_unpack_alac, .encoder = &ffacm_encode_alac,
      .grid = { pcm_rates, N(pcm_rates), mono_stereo, N(mono_stereo), br_none, N(br_none), flac_bits, N(flac_bits) },
      .enum_extra_size = 36, .enum_extra = ffacm_enum_alac },
};

/* WAVE_FORMAT_EXTENSIBLE subformats that are not {tag-0000-0010-8000-00AA00389B71}. */
static const uint8_t guid_eac3[16] = { 0xAF, 0x87, 0xFB, 0xA7, 0x02, 0x2D, 0xFB, 0x42,
                                       0xA4, 0xD4, 0x05, 0xCD, 0x93, 0x84, 0x3B, 0xDD };
static const uint8_t guid_ac3[16] = { 0x2C, 0x80, 0x6D, 0xE0, 0x46, 0xDB, 0xCF, 0x11,
                                      0xB4, 0xD1, 0x00, 0x80, 0x5F, 0x6C, 0xBB, 0xEA };
static const uint8_t guid_dfpwm[16] = { 0x3A, 0xC1, 0xFA, 0x38, 0x81, 0x1D, 0x43, 0x61,
                                        0xA4, 0x0D, 0xCE, 0x53, 0xCA, 0x60, 0x7C, 0xD1 };
/* KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_MLP: tag-shaped (0x000C) but no WAVEFORMATEX tag of its
 * own; Windows uses it for both MLP and TrueHD. */
static const uint8_t guid_mlp[16] = { 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
                                      0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };
static const uint8_t guid_atrac3p[16] = { 0xBF, 0xAA, 0x23, 0xE9, 0x58, 0xCB, 0x71, 0x44,
                                          0xA1, 0x19, 0xFF, 0xFA, 0x01, 0xE4, 0xCE, 0x62 };

/* Their standard formats are listed under tag 0xFFFE after the extensible PCM ones
 * (ffacm_tag_format_get). */
static const ffacm_format_row guid_rows[] = {
    { .tag = FFACM_TAG_EXTENSIBLE, .name = "E-AC-3 (ffacm)", .codec_id = AV_CODEC_ID_EAC3,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_ac3, .unit_min_bytes = 64,
      .unit_max_frames = 1536, .packet_max_frames = 1536, .subformat = guid_eac3, .layouts = layouts_side,
      .encoder = &ffacm_encode_eac3,
      .grid = GRID(ac3_rates, mono_stereo, ac3_bitrates), .enum_extra = ffacm_enum_ac3, .enum_valid = ffacm_valid_ac3 },
    { .tag = FFACM_TAG_EXTENSIBLE, .name = "Dolby AC-3 (ffacm)", .codec_id = AV_CODEC_ID_AC3,
      .framing = FFACM_FRAMING_HEADER, .framer = &ffacm_framer_ac3, .unit_min_bytes = 64,
      .unit_max_frames = 1536, .packet_max_frames = 1536, .subformat = guid_ac3, .layouts = layouts_side },
    { .tag = FFACM_TAG_EXTENSIBLE, .name = "DFPWM (ffacm)", .codec_id = AV_CODEC_ID_DFPWM,
      .framing = FFACM_FRAMING_SPAN, .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1,
      .unpack = ffacm_unpack_dfpwm, .subformat = guid_dfpwm },
    { .tag = FFACM_TAG_EXTENSIBLE, .name = "ATRAC3+ (ffacm)", .codec_id = AV_CODEC_ID_ATRAC3P,
      .framing = FFACM_FRAMING_BLOCKS, .unit_min_bytes = 1, .unit_max_frames = 1, .packet_max_frames = 1,
      .unpack = ffacm_unpack_transform_blocks, .subformat = guid_atrac3p },
    /* MLP / TrueHD access units state their length, but only a major sync can be trusted
     * after a loss, so FFmpeg's mlp parser (which resyncs on it) cuts them; the decoder is
     * TrueHD's until a major sync says MLP (setup.packet_codec). */
    { .tag = FFACM_TAG_EXTENSIBLE, .name = "Dolby TrueHD / MLP (ffacm)", .codec_id = AV_CODEC_ID_TRUEHD,
      .framing = FFACM_FRAMING_PARSER, .unit_min_bytes = 4, .unit_max_frames = 160, .packet_max_frames = 160,
      .unpack = ffacm_unpack_mlp, .subformat = guid_mlp, .layouts = layouts_side },
};

const ffacm_format_row *ffacm_format_rows(size_t *count)
{
    *count = sizeof rows / sizeof rows[0];
    return rows;
}

const ffacm_format_row *ffacm_format_subformat_rows(size_t *count)
{
    *count = sizeof guid_rows / sizeof guid_rows[0];
    return guid_rows;
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
    /* GUIDs first: some are tag-shaped (MLP's carries 0x000C) without being a tag. */
    if (fmt->tag == FFACM_TAG_EXTENSIBLE)
        for (size_t i = 0; i < sizeof guid_rows / sizeof guid_rows[0]; i++)
            if (memcmp(fmt->subformat, guid_rows[i].subformat, 16) == 0)
                return &guid_rows[i];
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
    if ((row->framing == FFACM_FRAMING_BLOCKS || row->framing == FFACM_FRAMING_SPAN) && src->block_align == 0)
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
static uint32_t grid_points(const ffacm_format_grid *g)
{
    return (uint32_t)g->n_rates * g->n_channels * grid_bitrates(g) * grid_bits(g);
}

/* Grid point `i` as (rate, channels, bitrate, bits) indices. */
typedef struct grid_point {
    uint32_t rate_i, ch_i, br_i, bits_i;
} grid_point;

static grid_point point_at(const ffacm_format_grid *g, uint32_t i)
{
    grid_point p;
    p.bits_i = i % grid_bits(g);
    i /= grid_bits(g);
    p.br_i = i % grid_bitrates(g);
    i /= grid_bitrates(g);
    p.ch_i = i % g->n_channels;
    p.rate_i = i / g->n_channels;
    return p;
}

static int point_valid(const ffacm_format_row *row, grid_point p)
{
    const ffacm_format_grid *g = &row->grid;
    return !row->enum_valid ||
           row->enum_valid(g->rates[p.rate_i], g->channels[p.ch_i], g->bitrates ? g->bitrates[p.br_i] : 0);
}

uint32_t ffacm_format_count(const ffacm_format_row *row)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < grid_points(&row->grid); i++)
        n += (uint32_t)point_valid(row, point_at(&row->grid, i));
    return n;
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
    return FFACM_WAVEFORMATEX_SIZE + (row->subformat ? FFACM_EXTENSIBLE_EXTRA : 0) + row->enum_extra_size;
}

int ffacm_format_get(const ffacm_format_row *row, uint32_t index, ffacm_wavefmt *out, uint8_t *extra)
{
    const ffacm_format_grid *g = &row->grid;
    grid_point p;
    for (uint32_t i = 0;; i++) { /* the index-th valid grid point */
        if (i >= grid_points(g))
            return -1;
        p = point_at(g, i);
        if (point_valid(row, p) && index-- == 0)
            break;
    }
    uint16_t bits = g->bits ? g->bits[p.bits_i] : row->enum_bits;
    uint16_t channels = g->channels[p.ch_i];
    if (row->framing == FFACM_FRAMING_NONE) { /* a PCM destination */
        int extensible = row->tag == FFACM_TAG_EXTENSIBLE;
        ffacm_wavefmt_pcm(out, g->rates[p.rate_i], channels, bits, row->tag == FFACM_TAG_IEEE_FLOAT, extensible,
                          extensible ? ffacm_default_speaker_mask(channels) : 0);
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->tag = out->codec_tag = row->tag;
    out->rate = g->rates[p.rate_i];
    out->channels = channels;
    out->bits_per_sample = bits;
    out->extra = extra;
    out->extra_size = row->enum_extra_size;
    out->cb_size = row->enum_extra_size;
    if (row->enum_extra)
        row->enum_extra(out, g->bitrates ? g->bitrates[p.br_i] : 0, extra);
    if (row->subformat) { /* WAVE_FORMAT_EXTENSIBLE: the GUID names the codec, not a tag */
        out->codec_tag = 0;
        out->valid_bits = out->bits_per_sample;
        out->channel_mask = ffacm_default_speaker_mask(channels);
        memcpy(out->subformat, row->subformat, 16);
    }
    return 0;
}

/* The subformat rows listed under the main-table row `row` (tag 0xFFFE), one after another. */
static const ffacm_format_row *listed_next(const ffacm_format_row *row, size_t *i)
{
    for (; !row->subformat && *i < sizeof guid_rows / sizeof guid_rows[0]; (*i)++)
        if (guid_rows[*i].tag == row->tag)
            return &guid_rows[(*i)++];
    return NULL;
}

uint32_t ffacm_tag_format_count(const ffacm_format_row *row)
{
    uint32_t n = ffacm_format_count(row);
    size_t i = 0;
    for (const ffacm_format_row *g; (g = listed_next(row, &i));)
        n += ffacm_format_count(g);
    return n;
}

int ffacm_tag_format_get(const ffacm_format_row *row, uint32_t index, ffacm_wavefmt *out, uint8_t *extra)
{
    uint32_t own = ffacm_format_count(row);
    if (index < own)
        return ffacm_format_get(row, index, out, extra);
    index -= own;
    size_t i = 0;
    for (const ffacm_format_row *g; (g = listed_next(row, &i));) {
        uint32_t n = ffacm_format_count(g);
        if (index < n)
            return ffacm_format_get(g, index, out, extra);
        index -= n;
    }
    return -1;
}
