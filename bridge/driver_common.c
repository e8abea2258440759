/* Small helpers shared by the handlers: status mapping, format parsing, strings. */
#include "driver.h"

#include "core/status.h"
#include "core/wavefmt.h"

LRESULT ffacm_mmresult(int status)
{
    switch (status) {
    case FFACM_OK: return MMSYSERR_NOERROR;
    case FFACM_ERR_NOMEM: return MMSYSERR_NOMEM;
    case FFACM_ERR_INVALPARAM: return MMSYSERR_INVALPARAM;
    case FFACM_ERR_INVALFLAG: return MMSYSERR_INVALFLAG;
    default: return ACMERR_NOTPOSSIBLE;
    }
}

int ffacm_parse_wfx(const WAVEFORMATEX *wfx, DWORD size, struct ffacm_wavefmt *out)
{
    if (!wfx)
        return -1;
    if (size == 0) {
        /* msacm copied the format as 18 + cbSize bytes (PCM: cbSize is not read). */
        size = wfx->wFormatTag == WAVE_FORMAT_PCM ? 16 : (DWORD)sizeof(WAVEFORMATEX) + wfx->cbSize;
    }
    return ffacm_wavefmt_parse(wfx, size, out) == FFACM_WAVEFMT_OK ? 0 : -1;
}

void ffacm_copy_wide(WCHAR *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++)
        dst[i] = (WCHAR)(unsigned char)src[i];
    dst[i] = 0;
}
