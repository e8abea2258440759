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
void ffacm_enum_flac(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);
void ffacm_enum_opus(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra);

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
