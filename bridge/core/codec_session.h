/* Codec sessions: libavcodec behind the engine interface of engine.h. */
#ifndef FFACM_CODEC_SESSION_H
#define FFACM_CODEC_SESSION_H

#include "../../formats/format_table.h"
#include "engine.h"
#include "wavefmt.h"

/* Can `src` be decoded into `dst`?  Fills `setup` (for the size model).  Allocates
 * nothing: this is what a QUERY open runs.  FFACM_OK or FFACM_ERR_NOTPOSSIBLE. */
int ffacm_decoder_check(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_decoder_setup *setup);

/* Open a decoding session.  FFACM_OK, FFACM_ERR_NOTPOSSIBLE (the codec refused the format)
 * or FFACM_ERR_NOMEM. */
int ffacm_decoder_create(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_engine **out);

/* Can PCM `src` be encoded into `dst` (a format of an encoder row)?  Allocates nothing. */
int ffacm_encoder_check(const ffacm_wavefmt *src, const ffacm_wavefmt *dst);

/* Open an encoding session. */
/* `compression_level` >= 0 sets AVCodecContext.compression_level (LAME's quality, Opus'
 * complexity, FLAC's level); -1 leaves the codec's default. */
int ffacm_encoder_create(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, int compression_level,
                         ffacm_engine **out);

#endif
