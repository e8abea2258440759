/* Where the settings change what the driver does: per-format enables at STREAM_OPEN and the
 * preferred output in FORMAT_SUGGEST.  Driver-only (the CLI shares settings.c, not this). */
#ifndef FFACM_SETTINGS_APPLY_H
#define FFACM_SETTINGS_APPLY_H

#include <stdint.h>

#include "core/wavefmt.h"

/* 0 when the user disabled the format `fmt` (a stream's source or destination: its tag, or
 * for EXTENSIBLE its subformat's tag): STREAM_OPEN and FORMAT_SUGGEST then answer
 * ACMERR_NOTPOSSIBLE and msacm tries the next driver, so ffacm can coexist with another
 * codec for that format. */
int ffacm_settings_format_allowed(const ffacm_wavefmt *fmt);

/* Apply OutputFormat and MaxChannels to a suggestion the core made, for the fields the host
 * did not restrict (`host_flags` = its ACM_FORMATSUGGESTF_* bits).  Leaves `out` unchanged
 * when the preferred layout cannot be produced. */
void ffacm_settings_adjust_suggestion(ffacm_wavefmt *out, uint32_t host_flags);

/* Encoder defaults for a stream encoding into `dst`: the compression level the format leaves
 * open (LAME quality, Opus complexity, FLAC level; -1 for other codecs), and the bitrate
 * FORMAT_SUGGEST aims at for that tag (bit/s; 0 when the user set none that applies). */
int ffacm_settings_compression_level(const ffacm_wavefmt *dst);
uint32_t ffacm_settings_bitrate_hint(uint16_t tag, unsigned channels);

#endif
