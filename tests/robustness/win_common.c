#include "win_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tlhelp32.h>

#include "riff_reader.h"

int robust_passed, robust_failed;

static void add_buffer(robust_media *m, DWORD offset, DWORD length)
{
    m->offset = realloc(m->offset, (m->count + 1) * sizeof *m->offset);
    m->length = realloc(m->length, (m->count + 1) * sizeof *m->length);
    m->offset[m->count] = offset;
    m->length[m->count] = length;
    m->count++;
    if (length > m->largest)
        m->largest = length;
}

int robust_media_load(robust_media *m, const char *path, DWORD max_bytes, DWORD chunk)
{
    riff_input in;
    memset(m, 0, sizeof *m);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(m->name, sizeof m->name, "%s", base);
    if (riff_open(&in, path) < 0)
        return -1;
    m->wfx_size = in.wfx_size;
    m->wfx = malloc(in.wfx_size);
    memcpy(m->wfx, in.wfx, in.wfx_size);
    m->packets = in.kind == RIFF_KIND_AVI;
    DWORD want = in.total_bytes < max_bytes ? (DWORD)in.total_bytes : max_bytes;
    m->data = malloc(want ? want : 1);
    int ok = 1;
    if (m->packets) {
        for (size_t i = 0; i < in.packet_count && m->total + in.packets[i].size <= want; i++) {
            ok = ok && riff_read_at(&in, in.packets[i].offset, m->data + m->total, in.packets[i].size) == 0;
            add_buffer(m, m->total, in.packets[i].size);
            m->total += in.packets[i].size;
        }
    } else {
        ok = riff_read_at(&in, in.data_offset, m->data, want) == 0;
        for (DWORD off = 0; off < want; off += chunk)
            add_buffer(m, off, want - off < chunk ? want - off : chunk);
        m->total = want;
    }
    riff_close(&in);
    if (!ok) {
        fprintf(stderr, "cannot read %s\n", path);
        robust_media_free(m);
        return -1;
    }
    return 0;
}

void robust_media_free(robust_media *m)
{
    free(m->wfx);
    free(m->data);
    free(m->offset);
    free(m->length);
    memset(m, 0, sizeof *m);
}

void robust_out_append(robust_out *o, const void *p, size_t n)
{
    if (!n)
        return;
    if (o->size + n > o->cap) {
        o->cap = (o->size + n) * 2;
        o->data = realloc(o->data, o->cap);
    }
    memcpy(o->data + o->size, p, n);
    o->size += n;
}

void robust_pcm16(WAVEFORMATEX *dst, const WAVEFORMATEX *src)
{
    memset(dst, 0, sizeof *dst);
    dst->wFormatTag = WAVE_FORMAT_PCM;
    dst->nChannels = src->nChannels;
    dst->nSamplesPerSec = src->nSamplesPerSec;
    dst->wBitsPerSample = 16;
    dst->nBlockAlign = (WORD)(dst->nChannels * 2);
    dst->nAvgBytesPerSec = dst->nSamplesPerSec * dst->nBlockAlign;
}

MMRESULT robust_decode(HACMSTREAM has, const robust_media *m, robust_out *out)
{
    DWORD src_cap = m->largest * 2 + 16, dst_cap = 0;
    MMRESULT mr = acmStreamSize(has, src_cap, &dst_cap, ACM_STREAMSIZEF_SOURCE);
    if (mr)
        return mr;
    uint8_t *src = malloc(src_cap), *dst = malloc(dst_cap);
    ACMSTREAMHEADER h;
    memset(&h, 0, sizeof h);
    h.cbStruct = sizeof h;
    h.pbSrc = src;
    h.cbSrcLength = src_cap;
    h.pbDst = dst;
    h.cbDstLength = dst_cap;
    if ((mr = acmStreamPrepareHeader(has, &h, 0)) != 0) {
        free(src);
        free(dst);
        return mr;
    }
    DWORD carry = 0, flags = ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_BLOCKALIGN;
    for (size_t i = 0; i <= m->count && !mr; i++) {
        int end = i == m->count;
        if (!end) {
            /* A packet format gets exactly one packet per call; a byte stream keeps what
             * the last call left in front of the next buffer. */
            if (m->packets)
                carry = 0;
            memcpy(src + carry, m->data + m->offset[i], m->length[i]);
            carry += m->length[i];
        } else {
            flags = ACM_STREAMCONVERTF_END;
        }
        for (int calls = 0; calls < 10000; calls++) {
            h.cbSrcLength = carry;
            if ((mr = acmStreamConvert(has, &h, flags)) != 0)
                break;
            flags &= ~ACM_STREAMCONVERTF_START;
            robust_out_append(out, dst, h.cbDstLengthUsed);
            DWORD used = h.cbSrcLengthUsed;
            memmove(src, src + used, carry - used);
            carry -= used;
            if (!end && (carry == 0 || (used == 0 && h.cbDstLengthUsed == 0)))
                break;
            if (end && used == 0 && h.cbDstLengthUsed == 0)
                break;
        }
    }
    h.cbSrcLength = src_cap;
    MMRESULT umr = acmStreamUnprepareHeader(has, &h, 0);
    free(src);
    free(dst);
    return mr ? mr : umr;
}

int robust_thread_count(void)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snap == INVALID_HANDLE_VALUE)
        return -1;
    THREADENTRY32 te;
    te.dwSize = sizeof te;
    int count = 0;
    DWORD pid = GetCurrentProcessId();
    for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te))
        if (te.th32OwnerProcessID == pid)
            count++;
    CloseHandle(snap);
    return count;
}

static const char *const *crash_case;

static LONG WINAPI report_crash(EXCEPTION_POINTERS *ep)
{
    printf("CRASH: exception 0x%08lx at %p while running case '%s'\n",
           (unsigned long)ep->ExceptionRecord->ExceptionCode, ep->ExceptionRecord->ExceptionAddress,
           crash_case && *crash_case ? *crash_case : "?");
    fflush(stdout);
    return EXCEPTION_EXECUTE_HANDLER;
}

void robust_install_crash_reporter(const char *const *current_case)
{
    crash_case = current_case;
    SetUnhandledExceptionFilter(report_crash);
}
