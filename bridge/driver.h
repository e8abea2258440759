/* The handlers DriverProc dispatches to, one file per group of messages. */
#ifndef FFACM_DRIVER_H
#define FFACM_DRIVER_H

#include "acmdrv.h"

typedef LRESULT (*ffacm_handler)(DWORD_PTR driver_id, LPARAM lparam1, LPARAM lparam2);

/* driver_details.c */
LRESULT ffacm_on_driver_details(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);
LRESULT ffacm_on_driver_about(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);

/* driver_formats.c */
LRESULT ffacm_on_formattag_details(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);
LRESULT ffacm_on_format_details(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);
LRESULT ffacm_on_format_suggest(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);

/* driver_stream.c */
LRESULT ffacm_on_stream_open(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);
LRESULT ffacm_on_stream_close(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);
LRESULT ffacm_on_stream_size(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);
LRESULT ffacm_on_stream_convert(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2);

/* status codes of the core -> MMRESULT */
LRESULT ffacm_mmresult(int status);

/* Parse a WAVEFORMATEX the ACM handed over.  `size` 0 means "as large as it says" (msacm
 * copied it with 18 + cbSize bytes, or 16/18 for PCM).  0, or -1 when unusable. */
struct ffacm_wavefmt;
int ffacm_parse_wfx(const WAVEFORMATEX *wfx, DWORD size, struct ffacm_wavefmt *out);

/* Copy a UTF-8/ASCII string into a WCHAR array of `cap` characters, always terminated. */
void ffacm_copy_wide(WCHAR *dst, size_t cap, const char *src);

#endif
