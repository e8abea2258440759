/*
 * vdub_loop.h - VirtualDub's way of driving an ACM stream, written independently of
 * tools/cli's loop so the two check each other:
 *   - one source buffer of nAvgBytesPerSec/5 bytes rounded down to nBlockAlign (an AVI
 *     packet stream: one chunk per fill, as its VBR reader hands chunks over), one
 *     destination buffer of STREAM_SIZE(SOURCE) bytes, both prepared once;
 *   - ACM_STREAMCONVERTF_BLOCKALIGN on every call, START on the first; unconsumed input
 *     stays at the front of the buffer and new input is appended behind it;
 *   - "the codec has jammed" when a call neither consumes nor produces while the buffer
 *     cannot take more input;
 *   - at the end of the input, END calls until one neither consumes nor produces.
 */
#ifndef FFACM_HOSTS_VDUB_LOOP_H
#define FFACM_HOSTS_VDUB_LOOP_H

#include <stddef.h>
#include <stdint.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>

typedef struct vdub_unit {
    const BYTE *p;
    DWORD n;
} vdub_unit;

typedef struct vdub_result {
    unsigned long calls;
    DWORD src_buffer, dst_buffer;
    uint64_t src_used;
    DWORD left;     /* bytes never consumed, even by the END calls */
    int jammed;     /* VirtualDub would have stopped with "codec has jammed" */
    int error;      /* an ACM call failed or broke a size bound */
    BYTE *out;      /* malloc'd output */
    size_t out_len;
} vdub_result;

/* Converts UNITS (a byte stream cut anywhere when PACKETS is 0, else one packet per unit)
 * through HAS, whose source format is SRC.  Returns 0 when the conversion ran to the end
 * without jam or error; the result holds the output either way (free it with free()). */
int vdub_run(HACMSTREAM has, const WAVEFORMATEX *src, const vdub_unit *units, size_t count, int packets,
             vdub_result *r);

#endif
