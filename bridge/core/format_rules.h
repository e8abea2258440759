/* The format-level ACM rules that need no stream: is this a format ffacm knows, and which
 * PCM format does it suggest for a compressed source.  Windows-free so they are unit-tested
 * natively; the bridge only copies structures in and out. */
#ifndef FFACM_FORMAT_RULES_H
#define FFACM_FORMAT_RULES_H

#include <stdint.h>

#include "wavefmt.h"

/* ACM_FORMATSUGGESTF_* restriction bits, passed through from the bridge. */
#define FFACM_SUGGEST_TAG 0x00010000u
#define FFACM_SUGGEST_CHANNELS 0x00020000u
#define FFACM_SUGGEST_RATE 0x00040000u
#define FFACM_SUGGEST_BITS 0x00080000u
#define FFACM_SUGGEST_MASK 0x00FF0000u

/* FORMAT_DETAILS(FORMAT): FFACM_OK when `fmt` is one ffacm can take or produce. */
int ffacm_format_validate(const ffacm_wavefmt *fmt);

/* FORMAT_SUGGEST: the PCM format to decode `src` into, honouring the restrictions in `flags`
 * whose values come from `want`.  Default: 16-bit PCM at the stream's rate and channels;
 * WAVE_FORMAT_EXTENSIBLE (with the stream's speaker mask) above 2 channels or 16 bits. */
int ffacm_format_suggest(const ffacm_wavefmt *src, uint32_t flags, const ffacm_wavefmt *want,
                         ffacm_wavefmt *out);

/* FORMAT_SUGGEST from PCM: with a tag restriction naming an encoder row, that row's standard
 * format nearest the source (same channels, nearest rate, a usual bitrate) among those that
 * honour the other restrictions.  Its extra bytes go to `extra` (extra_cap bytes).  A
 * WAVE_FORMAT_EXTENSIBLE restriction names the encoder by want's subformat (E-AC-3). */
int ffacm_format_suggest_encode(const ffacm_wavefmt *src, uint32_t flags, const ffacm_wavefmt *want,
                                ffacm_wavefmt *out, uint8_t *extra, size_t extra_cap, uint32_t bitrate_hint);

#endif
