/* The other audio tags of FFmpeg's RIFF table: block codecs (ADPCM, GSM, WMA, speech codecs)
 * and sample-granular codecs (A-law, G.726 ...).
 *
 * What these hooks add to a row: the checks libavcodec would only make at avcodec_open2()
 * (so a QUERY open answers truthfully without allocating), the extradata (the WAVEFORMATEX
 * extra bytes as they are, as FFmpeg's RIFF reader passes them), and the size model derived
 * from nBlockAlign: how many sample frames one block can at most decode to. */
#include "codecs.h"

#include <string.h>

static void pass_extra(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    ffacm_put_extradata(setup, extradata, src->extra, src->extra_size);
}

/* Every block of nBlockAlign bytes decodes to at most `frames`. */
static int per_block(ffacm_decoder_setup *setup, uint64_t frames)
{
    if (frames == 0 || frames > 0x7FFFFFFF)
        return -1;
    setup->unit_min_bytes = setup->block_align;
    setup->unit_max_frames = (uint32_t)frames;
    setup->packet_max_frames = (uint32_t)frames;
    return 0;
}

/* FFACM_FRAMING_SPAN: every byte decodes to at most `per_byte` frames; the model's packet is
 * FFACM_SPAN_BYTES (rounded down to whole blocks, at least one block).  The unit is the block:
 * a block begun in one call and completed in the next decodes whole in the second. */
static int per_byte(ffacm_decoder_setup *setup, uint32_t per_byte)
{
    uint32_t ba = (uint32_t)setup->block_align;
    uint32_t span = ba >= FFACM_SPAN_BYTES ? ba : FFACM_SPAN_BYTES / ba * ba;
    setup->unit_min_bytes = ba;
    setup->unit_max_frames = ba * per_byte;
    setup->packet_max_frames = span * per_byte;
    return 0;
}

int ffacm_unpack_raw_extra(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    pass_extra(src, setup, extradata);
    return 0;
}

/* ---- sample-granular codecs ---------------------------------------------------------- */

/* A-law, mu-law: one byte per sample. */
int ffacm_unpack_g711(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->block_align % src->channels)
        return -1;
    return per_byte(setup, 1);
}

/* 4-bit ADPCM without block headers (Yamaha, Creative, OKI): two samples per byte. */
int ffacm_unpack_adpcm_nibbles(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels > 2)
        return -1; /* libavcodec's nibble ADPCM decoders are mono/stereo */
    return per_byte(setup, 2);
}

/* G.726: FFmpeg derives the code size from the bit rate (2..5 bits per sample), mono only. */
int ffacm_unpack_g726(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels != 1 || src->rate == 0)
        return -1;
    uint64_t bits = (uint64_t)src->avg_bytes_per_sec * 8 / src->rate;
    if (bits < 2 || bits > 5)
        return -1;
    setup->bits_per_coded_sample = (int)bits;
    return per_byte(setup, 4);
}

/* G.722: two 16 kHz samples per byte (64 kbit/s mode; the 56/48 kbit/s modes have fewer). */
int ffacm_unpack_g722(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels != 1)
        return -1;
    return per_byte(setup, 2);
}

/* DFPWM: one bit per sample. */
int ffacm_unpack_dfpwm(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    (void)src;
    return per_byte(setup, 8);
}

/* ---- block ADPCM ------------------------------------------------------------------- */

/* MS ADPCM: a 7-byte header per channel (two samples), then two samples per byte. */
int ffacm_unpack_adpcm_ms(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    unsigned ch = src->channels;
    if (ch > 2 || src->block_align <= 7 * ch)
        return -1;
    pass_extra(src, setup, extradata);
    return per_block(setup, (uint64_t)(src->block_align - 7 * ch) * 2 / ch + 2);
}

/* IMA ADPCM (WAV): a 4-byte header per channel (one sample), then 2..5-bit codes. */
int ffacm_unpack_adpcm_ima_wav(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    unsigned ch = src->channels, bits = src->bits_per_sample;
    if (bits < 2 || bits > 5 || src->block_align <= 4 * ch)
        return -1;
    pass_extra(src, setup, extradata);
    return per_block(setup, (uint64_t)(src->block_align - 4 * ch) * 8 / (bits * ch) + 1);
}

/* Duck DK4: IMA with a 4-byte header per channel, 4-bit codes. */
int ffacm_unpack_adpcm_dk4(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    unsigned ch = src->channels;
    (void)extradata;
    if (ch > 2 || src->block_align <= 4 * ch)
        return -1;
    return per_block(setup, (uint64_t)(src->block_align - 4 * ch) * 2 / ch + 1);
}

/* Duck DK3: stereo only, a 16-byte header, then 3 samples per 2 codes of 4 bits. */
int ffacm_unpack_adpcm_dk3(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels != 2 || src->block_align <= 16)
        return -1;
    return per_block(setup, (uint64_t)(src->block_align - 16) * 8 / 3 + 2);
}

/* SWF ADPCM: 2..5-bit codes, so at most 4 samples per byte plus the block's first sample. */
int ffacm_unpack_adpcm_swf(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels > 2)
        return -1;
    return per_block(setup, (uint64_t)src->block_align * 4 + 1);
}

/* ---- speech codecs ---------------------------------------------------------------- */

/* GSM 6.10, Microsoft's packing: 65 bytes for two 160-sample frames (MSN Audio: 41..65).
 * A SPAN row with a per-block size model: libavcodec decodes several blocks per packet, so
 * where the host's buffer has room a packet holds many (one costs libavcodec as much as a
 * whole packet would); the model still only counts on one block per packet. */
int ffacm_unpack_gsm_ms(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels != 1 || src->block_align < 41 || src->block_align > 65 || (src->block_align - 41) % 3)
        return -1;
    return per_block(setup, 320);
}

/* TrueSpeech: 32-byte frames of 240 samples. */
int ffacm_unpack_truespeech(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels != 1 || src->block_align % 32)
        return -1;
    return per_block(setup, (uint64_t)src->block_align / 32 * 240);
}

/* G.729 (and ACELP.KELVIN): 80 samples per 10-byte (8 kbit/s) or 8-byte (6.4 kbit/s) frame. */
int ffacm_unpack_g729(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    pass_extra(src, setup, extradata);
    return per_block(setup, (uint64_t)src->block_align * 10);
}

/* G.723.1: frames of 24, 20, 4 or 1 bytes, each 240 samples (ffacm_framer_g723_1). */
int ffacm_unpack_g723_1(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    (void)setup;
    return src->channels == 1 ? 0 : -1;
}

/* SIPR (RealAudio): at most 16 samples per byte in any of its four modes; the mode comes
 * from the bit rate. */
int ffacm_unpack_sipr(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    pass_extra(src, setup, extradata);
    if (src->channels != 1 || src->avg_bytes_per_sec == 0)
        return -1;
    return per_block(setup, (uint64_t)src->block_align * 32);
}

/* MSN Siren: 320-sample frames of at least 16 bytes. */
int ffacm_unpack_msnsiren(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    pass_extra(src, setup, extradata);
    if (src->channels != 1)
        return -1;
    return per_block(setup, ((uint64_t)src->block_align / 16 + 1) * 320);
}

/* WMA Voice: the 46-byte extra data libavcodec requires; superframes of 480 samples are at
 * least 8 bytes. */
int ffacm_unpack_wmavoice(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    if (src->channels != 1 || src->extra_size != 46)
        return -1;
    /* What libavcodec's init refuses: a denoise strength >= 12 (flags at byte 18) and a VBM
     * tree (17 3-bit codes from byte 22) naming one code more than 4 times. */
    if (((ffacm_rd32(src->extra + 18) >> 2) & 15) >= 12)
        return -1;
    unsigned count[8] = { 0 };
    for (unsigned n = 0, bit = 22 * 8; n < 17; n++, bit += 3) {
        unsigned two = (unsigned)src->extra[bit / 8] << 8 | src->extra[bit / 8 + 1];
        if (++count[(two >> (13 - bit % 8)) & 7] > 4)
            return -1;
    }
    pass_extra(src, setup, extradata);
    return per_block(setup, ((uint64_t)src->block_align / 8 + 1) * 480);
}

/* ---- transform codecs in blocks ------------------------------------------------------ */

/* WMA v1/v2: the codec flags are mandatory (4 / 6 bytes).  A block is one superframe of at
 * most 16 frames whose length follows from the rate. */
static int wma_common(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata, size_t need)
{
    if (src->extra_size < need || src->channels > 2)
        return -1;
    pass_extra(src, setup, extradata);
    uint32_t frame_len = src->rate <= 16000 ? 512 : src->rate <= 22050 ? 1024 : 2048;
    return per_block(setup, 16u * frame_len);
}

int ffacm_unpack_wmav1(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    return wma_common(src, setup, extradata, 4);
}

int ffacm_unpack_wmav2(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    return wma_common(src, setup, extradata, 6);
}

/* WMA Pro / Lossless: 18 bytes of codec data.  Frames are at most 8192 samples; the bound
 * assumes at most 16 frames per block (the format does not state a hard limit). */
int ffacm_unpack_wmapro(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    if (src->extra_size < 18)
        return -1;
    pass_extra(src, setup, extradata);
    return per_block(setup, 16u * 8192);
}

/* ATRAC3 in WAV: the 14-byte extra data (joint stereo flag etc.), 1024 samples per block. */
int ffacm_unpack_atrac3(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    if (src->extra_size != 14 || src->channels > 2)
        return -1;
    pass_extra(src, setup, extradata);
    return per_block(setup, 1024);
}

/* IMC / IAC: 64 bytes per channel for 256 samples. */
int ffacm_unpack_imc(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    unsigned unit = 64u * src->channels;
    if (src->channels > 2 || src->block_align % unit)
        return -1;
    return per_block(setup, (uint64_t)src->block_align / unit * 256);
}

/* Blocks of a transform codec whose frames hold at most 8192 samples, 4 frames per block at
 * most (Voxware MetaSound, On2 AVC, ATRAC3+). */
int ffacm_unpack_transform_blocks(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    pass_extra(src, setup, extradata);
    return per_block(setup, 4u * 8192);
}

/* ---- packet codecs ------------------------------------------------------------------ */

/* Speex: the 80-byte Speex header when present ("Speex   ", frame size, frames per packet). */
int ffacm_unpack_speex(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    uint32_t frames = 640 * 1; /* ultra-wideband frame, one per packet */
    if (src->channels > 2)
        return -1;
    if (src->extra_size) {
        if (src->extra_size < 80 || memcmp(src->extra, "Speex   ", 8) != 0)
            return -1;
        uint32_t frame_size = ffacm_rd32(src->extra + 56);
        uint32_t per_packet = ffacm_rd32(src->extra + 64);
        if (frame_size == 0 || frame_size > 640 || per_packet > 32)
            return -1;
        frames = frame_size * (per_packet ? per_packet : 1);
        pass_extra(src, setup, extradata);
    }
    setup->unit_max_frames = frames;
    setup->packet_max_frames = frames;
    return 0;
}

/* ALAC: the 36-byte 'alac' atom (size, 'alac', version, then the 24-byte ALACSpecificConfig);
 * a bare 24-byte config is wrapped into an atom, as libavcodec wants one. */
int ffacm_unpack_alac(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    uint8_t atom[36] = { 0, 0, 0, 36, 'a', 'l', 'a', 'c', 0, 0, 0, 0 };
    const uint8_t *cfg;
    if (src->extra_size >= 36 && memcmp(src->extra + 4, "alac", 4) == 0)
        cfg = src->extra + 12;
    else if (src->extra_size == 24)
        cfg = src->extra;
    else
        return -1;
    uint32_t frame_length = ffacm_rd32be(cfg);
    unsigned bit_depth = cfg[5], channels = cfg[9];
    if (frame_length == 0 || frame_length > 65536 || (bit_depth != 16 && bit_depth != 20 &&
        bit_depth != 24 && bit_depth != 32) || channels == 0 || channels > 8 || channels != src->channels)
        return -1;
    memcpy(atom + 12, cfg, 24);
    ffacm_put_extradata(setup, extradata, atom, sizeof atom);
    setup->unit_max_frames = frame_length;
    setup->packet_max_frames = frame_length;
    return 0;
}

/* Standard A-law / mu-law formats: 8 bits per sample, one byte per sample and channel. */
void ffacm_enum_g711(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    (void)bitrate;
    (void)extra;
    fmt->block_align = fmt->channels;
    fmt->avg_bytes_per_sec = fmt->rate * fmt->channels;
}

/* ---- MLP / Dolby TrueHD ------------------------------------------------------------ */

/* An access unit that carries a major sync names its stream type at byte 7 (after the
 * 4-byte access unit header and the 0xF8726F sync bytes): 0xBA TrueHD, 0xBB MLP.  FFmpeg's
 * decoders refuse each other's streams, and the subformat GUID does not say which it is. */
static enum AVCodecID mlp_packet_codec(const uint8_t *pkt, size_t size)
{
    if (size < 8 || pkt[4] != 0xF8 || pkt[5] != 0x72 || pkt[6] != 0x6F)
        return AV_CODEC_ID_NONE;
    return pkt[7] == 0xBA ? AV_CODEC_ID_TRUEHD : pkt[7] == 0xBB ? AV_CODEC_ID_MLP : AV_CODEC_ID_NONE;
}

/* No extra bytes: the stream's major syncs carry everything.  An access unit is at least
 * its 4-byte header and holds at most 160 samples (40 at 44.1/48 kHz, x4 at 176.4/192 kHz). */
int ffacm_unpack_mlp(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->rate < 44100 || src->rate > 192000)
        return -1;
    setup->packet_codec = mlp_packet_codec;
    return 0;
}

/* ---- DV audio (Ulead) --------------------------------------------------------------- */

/* The audio DIF blocks of one DV frame: 7200 bytes for 525/60 (0x0215), 8640 for 625/50
 * (0x0216), whatever nBlockAlign says (FFmpeg's decoder goes by the tag too); always stereo,
 * at most 1944 samples a frame (the decoder's table holds 2000). */
int ffacm_unpack_dvaudio(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels != 2 || (src->rate != 32000 && src->rate != 44100 && src->rate != 48000))
        return -1;
    setup->block_align = src->codec_tag == 0x0215 ? 7200 : 8640;
    return per_block(setup, 2000);
}

/* ---- Sonic ------------------------------------------------------------------------- */

/* Most significant bit first, as FFmpeg's GetBitContext reads the Sonic header. */
static unsigned read_bits(const uint8_t *p, size_t size, size_t *pos, unsigned n)
{
    unsigned v = 0;
    for (unsigned i = 0; i < n; i++, (*pos)++)
        v = v << 1 | (*pos / 8 < size ? (p[*pos / 8] >> (7 - *pos % 8)) & 1 : 0);
    return v;
}

/* The checks of FFmpeg's sonic_decode_init, so that a query answers without opening it: a
 * version 2 header whose channels and rate agree with the WAVEFORMATEX.  A packet is
 * block_align * downsampling = 2048 * rate / 44100 frames. */
int ffacm_unpack_sonic(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    static const uint32_t rates[9] = { 44100, 22050, 11025, 96000, 48000, 32000, 24000, 16000, 8000 };
    const uint8_t *p = src->extra;
    size_t n = src->extra_size, pos = 0;
    if (n < 5 || read_bits(p, n, &pos, 2) < 2 || read_bits(p, n, &pos, 8) != 2)
        return -1;
    read_bits(p, n, &pos, 8); /* minor version */
    unsigned channels = read_bits(p, n, &pos, 2), rate_index = read_bits(p, n, &pos, 4);
    if (channels < 1 || channels > 2 || channels != src->channels || rate_index >= 9 || rates[rate_index] != src->rate)
        return -1;
    if (!read_bits(p, n, &pos, 1)) /* lossy: quantisation bits */
        read_bits(p, n, &pos, 3);
    unsigned decorrelation = read_bits(p, n, &pos, 2), downsampling = read_bits(p, n, &pos, 2);
    unsigned taps = (read_bits(p, n, &pos, 5) + 1) << 5;
    uint64_t block = 2048ull * src->rate / (44100ull * (downsampling ? downsampling : 1));
    if ((decorrelation != 3 && channels != 2) || downsampling == 0 || taps > 128 ||
        taps * channels > channels * block * downsampling)
        return -1;
    pass_extra(src, setup, extradata);
    setup->experimental = 1;
    setup->unit_max_frames = (uint32_t)(block * downsampling);
    setup->packet_max_frames = setup->unit_max_frames;
    return 0;
}

/* ---- Xan DPCM ---------------------------------------------------------------------- */

/* A 16-bit predictor per channel, then one byte per sample. */
int ffacm_unpack_xan_dpcm(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata)
{
    (void)extradata;
    if (src->channels > 2)
        return -1;
    setup->packet_max_frames = 8192; /* a video frame's worth; larger packets still fit by bytes */
    return 0;
}
