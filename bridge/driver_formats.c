/* ACMDM_FORMATTAG_DETAILS, ACMDM_FORMAT_DETAILS and ACMDM_FORMAT_SUGGEST: the format table
 * and format_rules.c seen through the ACM structures. */
#include <string.h>

#include "driver.h"
#include "core/format_rules.h"
#include "core/status.h"
#include "core/wavefmt.h"
#include "../formats/format_table.h"
#include "settings_apply.h"

/* cbFormatSize: PCM is described by a 16-byte PCMWAVEFORMAT, as every ACM codec does (and as
 * msacm expects when it sizes a suggestion's buffer by it). */
static DWORD row_format_size(const ffacm_format_row *row)
{
    return row->tag == FFACM_TAG_PCM ? (DWORD)sizeof(PCMWAVEFORMAT) : ffacm_format_size(row);
}

static const ffacm_format_row *row_at(DWORD index, size_t *position)
{
    size_t count;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    if (index >= count)
        return NULL;
    *position = index;
    return &rows[index];
}

static const ffacm_format_row *row_for_tag(DWORD tag, size_t *position)
{
    size_t count;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    for (size_t i = 0; i < count; i++)
        if (rows[i].tag == tag) {
            *position = i;
            return &rows[i];
        }
    return NULL;
}

static const ffacm_format_row *largest_row(size_t *position)
{
    size_t count;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    size_t best = 0;
    for (size_t i = 1; i < count; i++)
        if (row_format_size(&rows[i]) > row_format_size(&rows[best]))
            best = i;
    *position = best;
    return &rows[best];
}

LRESULT ffacm_on_formattag_details(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    ACMFORMATTAGDETAILSW *d = (ACMFORMATTAGDETAILSW *)lparam1;
    if (!d || d->cbStruct < offsetof(ACMFORMATTAGDETAILSW, szFormatTag))
        return MMSYSERR_INVALPARAM;
    const ffacm_format_row *row;
    size_t position = 0;
    switch (lparam2 & ACM_FORMATTAGDETAILSF_QUERYMASK) {
    case ACM_FORMATTAGDETAILSF_INDEX:
        row = row_at(d->dwFormatTagIndex, &position);
        break;
    case ACM_FORMATTAGDETAILSF_FORMATTAG:
        row = row_for_tag(d->dwFormatTag, &position);
        break;
    case ACM_FORMATTAGDETAILSF_LARGESTSIZE:
        row = d->dwFormatTag == WAVE_FORMAT_UNKNOWN ? largest_row(&position)
                                                    : row_for_tag(d->dwFormatTag, &position);
        break;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
    if (!row)
        return ACMERR_NOTPOSSIBLE;
    ACMFORMATTAGDETAILSW full;
    memset(&full, 0, sizeof full);
    full.dwFormatTagIndex = (DWORD)position;
    full.dwFormatTag = row->tag;
    full.cbFormatSize = row_format_size(row);
    full.fdwSupport = ACMDRIVERDETAILS_SUPPORTF_CODEC;
    full.cStandardFormats = ffacm_tag_format_count(row);
    ffacm_copy_wide(full.szFormatTag, ACMFORMATTAGDETAILS_FORMATTAG_CHARS, row->name);
    DWORD size = d->cbStruct < sizeof full ? d->cbStruct : (DWORD)sizeof full;
    full.cbStruct = size;
    memcpy(d, &full, size);
    return MMSYSERR_NOERROR;
}

/* Copy `fmt` into the caller's buffer of `cap` bytes.  A PCM format may be given only the 16
 * bytes of PCMWAVEFORMAT; anything else needs its full size. */
static LRESULT write_format(const ffacm_wavefmt *fmt, WAVEFORMATEX *dst, DWORD cap)
{
    uint8_t buf[FFACM_WAVEFORMATEX_SIZE + 256];
    size_t size = ffacm_wavefmt_size(fmt);
    if (size > sizeof buf || !ffacm_wavefmt_write(fmt, buf, sizeof buf))
        return MMSYSERR_ERROR;
    if (fmt->tag == FFACM_TAG_PCM && cap >= sizeof(PCMWAVEFORMAT) && cap < size)
        size = sizeof(PCMWAVEFORMAT);
    if (!dst || cap < size)
        return MMSYSERR_INVALPARAM;
    memcpy(dst, buf, size);
    return MMSYSERR_NOERROR;
}

LRESULT ffacm_on_format_details(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    ACMFORMATDETAILSW *d = (ACMFORMATDETAILSW *)lparam1;
    if (!d || d->cbStruct < offsetof(ACMFORMATDETAILSW, szFormat))
        return MMSYSERR_INVALPARAM;
    ffacm_wavefmt fmt;
    LRESULT res;
    switch (lparam2 & ACM_FORMATDETAILSF_QUERYMASK) {
    case ACM_FORMATDETAILSF_INDEX: {
        const ffacm_format_row *row = ffacm_format_find_tag((uint16_t)d->dwFormatTag);
        uint8_t extra[256];
        if (!row || d->dwFormatTag > 0xFFFF || row->enum_extra_size > sizeof extra ||
            ffacm_tag_format_get(row, d->dwFormatIndex, &fmt, extra) < 0)
            return ACMERR_NOTPOSSIBLE;
        if ((res = write_format(&fmt, d->pwfx, d->cbwfx)) != MMSYSERR_NOERROR)
            return res;
        break;
    }
    case ACM_FORMATDETAILSF_FORMAT:
        if (!d->pwfx || ffacm_parse_wfx(d->pwfx, d->cbwfx, &fmt) < 0)
            return ACMERR_NOTPOSSIBLE;
        if (ffacm_format_validate(&fmt) != FFACM_OK)
            return ACMERR_NOTPOSSIBLE;
        break;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
    d->fdwSupport = ACMDRIVERDETAILS_SUPPORTF_CODEC;
    /* An empty description lets msacm write its own ("44.100 kHz, 16 Bit, Stereo" style),
     * unless the row has a better one. */
    if (d->cbStruct >= offsetof(ACMFORMATDETAILSW, szFormat) + sizeof d->szFormat) {
        const ffacm_format_row *row = ffacm_format_find(&fmt);
        char text[ACMFORMATDETAILS_FORMAT_CHARS];
        text[0] = 0;
        if (row && row->describe)
            row->describe(&fmt, text, sizeof text);
        ffacm_copy_wide(d->szFormat, ACMFORMATDETAILS_FORMAT_CHARS, text);
    } else if (d->cbStruct > offsetof(ACMFORMATDETAILSW, szFormat)) {
        d->szFormat[0] = 0;
    }
    return MMSYSERR_NOERROR;
}

LRESULT ffacm_on_format_suggest(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    (void)lparam2;
    ffacm_suggest_view s;
    ffacm_wavefmt src, want, out;
    if (ffacm_read_suggest(lparam1, &s) < 0 || !s.pwfxSrc || !s.pwfxDst)
        return MMSYSERR_INVALPARAM;
    if (s.fdwSuggest & ~(DWORD)FFACM_SUGGEST_MASK)
        return MMSYSERR_INVALFLAG;
    if (ffacm_parse_wfx(s.pwfxSrc, s.cbwfxSrc, &src) < 0)
        return ACMERR_NOTPOSSIBLE;
    /* A disabled format: let msacm ask the next driver for its suggestion too. */
    if (!ffacm_settings_format_allowed(&src))
        return ACMERR_NOTPOSSIBLE;
    /* The restriction values are the destination's fields as the caller set them. */
    memset(&want, 0, sizeof want);
    if (s.cbwfxDst >= sizeof(PCMWAVEFORMAT)) {
        want.tag = s.pwfxDst->wFormatTag;
        want.channels = s.pwfxDst->nChannels;
        want.rate = s.pwfxDst->nSamplesPerSec;
        want.bits_per_sample = s.pwfxDst->wBitsPerSample;
        /* An extensible destination names its codec by subformat (E-AC-3); without one
         * (cbSize < 22) it names none and only the tag restricts. */
        ffacm_wavefmt named;
        if (want.tag == FFACM_TAG_EXTENSIBLE && ffacm_parse_wfx(s.pwfxDst, s.cbwfxDst, &named) == 0) {
            want.codec_tag = named.codec_tag;
            memcpy(want.subformat, named.subformat, sizeof want.subformat);
        }
    } else if (s.fdwSuggest & FFACM_SUGGEST_MASK) {
        return MMSYSERR_INVALPARAM;
    }
    uint8_t extra[256];
    int status = ffacm_wavefmt_is_pcm(&src) || ffacm_wavefmt_is_float(&src)
                     ? ffacm_format_suggest_encode(&src, s.fdwSuggest, &want, &out, extra, sizeof extra,
                                                   ffacm_settings_bitrate_hint(want.tag, src.channels))
                     : ffacm_format_suggest(&src, s.fdwSuggest, &want, &out);
    if (status != FFACM_OK)
        return ffacm_mmresult(status);
    ffacm_settings_adjust_suggestion(&out, s.fdwSuggest); /* preferred output, unrestricted fields */
    return write_format(&out, s.pwfxDst, s.cbwfxDst);
}
