/* Per-codec-family hooks the format table points at.  Each family keeps its WAVEFORMATEX
 * extra-byte knowledge in its own file (codec_*.c); the table only wires them to tags. */
#ifndef FFACM_CODECS_H
#define FFACM_CODECS_H

#include "format_table.h"

/* codec_mpeg.c: MPEGLAYER3WAVEFORMAT and MPEG1WAVEFORMAT */
int ffacm_unpack_mpeg_audio(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
void ffacm_enum_mp3(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_enum_mpeg1(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);

/* codec_aac.c: AudioSpecificConfig in its WAVEFORMATEX wrappings */
int ffacm_unpack_aac_raw(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_aac_heaac(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
void ffacm_enum_aac_raw(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_enum_aac_heaac(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_enum_bitrate_only(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);

/* codec_xiph.c: FLAC STREAMINFO, OpusHead, Vorbis header packets */
int ffacm_unpack_flac(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_opus(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_vorbis(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
/* Xiph-laced (FFmpeg's extradata) or 16-bit length-prefixed header packets: the three
 * packets, or -1.  The encoders' Ogg writer reads libvorbis' extradata with it too. */
int ffacm_split_xiph_headers(const uint8_t *p, size_t size, const uint8_t *pkt[3], size_t len[3]);
void ffacm_enum_flac(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_enum_opus(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);

/* Grid bitrate values that stand for encoder presets rather than CBR rates. */
#define FFACM_BR_VBR_FLAG 0x80000000u /* | quality (LAME -V) */
#define FFACM_BR_ABR_FLAG 0x40000000u /* | average bit/s */
#define FFACM_BR_VBR(q) (FFACM_BR_VBR_FLAG | (q))
#define FFACM_BR_ABR(b) (FFACM_BR_ABR_FLAG | (b))
/* ffacm's marks in MPEGLAYER3WAVEFORMAT.fdwFlags (documented bits use only 0-1). */
#define FFACM_MP3_VBR 0x00010000u
#define FFACM_MP3_ABR 0x00020000u

/* Encoders (encode_*.c) and the validity filters of their grids. */
extern const ffacm_encoder_spec ffacm_encode_mp3, ffacm_encode_mp2, ffacm_encode_aac, ffacm_encode_adts,
    ffacm_encode_ac3, ffacm_encode_eac3, ffacm_encode_flac, ffacm_encode_opus, ffacm_encode_alac;
extern const ffacm_encoder_spec ffacm_encode_vorbis_acm;
int ffacm_valid_vorbis(uint32_t rate, uint16_t channels, uint32_t bitrate);
void ffacm_enum_vorbis_acm(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_describe_vorbis_acm(const ffacm_wavefmt *fmt, char *out, size_t cap);
extern const ffacm_encoder_spec ffacm_encode_alaw, ffacm_encode_mulaw, ffacm_encode_ima, ffacm_encode_msadpcm;
void ffacm_enum_ima(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_enum_msadpcm(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
extern const ffacm_encoder_spec ffacm_encode_gsm;
void ffacm_enum_gsm(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
int ffacm_valid_mp3(uint32_t rate, uint16_t channels, uint32_t bitrate);
int ffacm_valid_mp2(uint32_t rate, uint16_t channels, uint32_t bitrate);
int ffacm_valid_aac(uint32_t rate, uint16_t channels, uint32_t bitrate);
int ffacm_valid_ac3(uint32_t rate, uint16_t channels, uint32_t bitrate);
int ffacm_valid_opus(uint32_t rate, uint16_t channels, uint32_t bitrate);
void ffacm_enum_ac3(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_enum_alac(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);

/* codec_riff.c: the other tags of FFmpeg's RIFF table (block codecs, speech codecs ...) */
int ffacm_unpack_raw_extra(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_g711(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_adpcm_nibbles(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_g726(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_g722(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_dfpwm(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_adpcm_ms(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_adpcm_ima_wav(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_adpcm_dk4(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_adpcm_dk3(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_adpcm_swf(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_gsm_ms(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_truespeech(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_g729(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_g723_1(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_sipr(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_msnsiren(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_wmavoice(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_wmav1(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_wmav2(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_wmapro(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_atrac3(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_imc(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_transform_blocks(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_speex(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_dvaudio(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_sonic(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_xan_dpcm(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_mlp(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_alac(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
void ffacm_enum_g711(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);

/* codec_vorbis_acm.c: the Vorbis ACM codec's mode 2 (header pages in the extra bytes) and
 * mode 1 (header pages at the start of the data) */
int ffacm_unpack_vorbis_acm2(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);
int ffacm_unpack_vorbis_acm1(const ffacm_wavefmt *src, ffacm_decoder_setup *setup, uint8_t *extradata);

/* Shared by the families: write extradata only when the caller asked for it. */
static inline void ffacm_put_extradata(ffacm_decoder_setup *setup, uint8_t *extradata,
                                       const uint8_t *bytes, size_t size)
{
    setup->extradata_size = size;
    if (extradata && size)
        for (size_t i = 0; i < size; i++)
            extradata[i] = bytes[i];
}

#endif
