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

#endif
