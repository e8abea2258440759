/*
 * wav_writer.c - RIFF WAVE writer (see wav_writer.h).
 */
#include "wav_writer.h"

#include <stdio.h>
#include <string.h>

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static int write_all(wav_writer *w, const void *data, uint32_t n)
{
    const unsigned char *p = data;
    while (n > 0) {
        DWORD put = 0;
        if (!WriteFile(w->file, p, n, &put, NULL) || put == 0) {
            fprintf(stderr, "error: WriteFile failed (%lu)\n", (unsigned long)GetLastError());
            return -1;
        }
        p += put;
        n -= put;
    }
    return 0;
}

static int write_at(wav_writer *w, uint32_t off, uint32_t value)
{
    unsigned char b[4];
    LARGE_INTEGER li;
    li.QuadPart = off;
    put32(b, value);
    if (!SetFilePointerEx(w->file, li, NULL, FILE_BEGIN)) {
        fprintf(stderr, "error: SetFilePointerEx failed (%lu)\n", (unsigned long)GetLastError());
        return -1;
    }
    return write_all(w, b, 4);
}

int wav_writer_open(wav_writer *w, const char *path, const WAVEFORMATEX *wfx)
{
    unsigned char hdr[12 + 8];
    uint32_t fmt_size;

    memset(w, 0, sizeof(*w));
    if (wfx->wFormatTag == WAVE_FORMAT_PCM && wfx->wBitsPerSample <= 16 && wfx->nChannels <= 2)
        fmt_size = 16;
    else
        fmt_size = (uint32_t)sizeof(WAVEFORMATEX) + wfx->cbSize;

    w->file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (w->file == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "error: cannot create '%s' (%lu)\n", path, (unsigned long)GetLastError());
        w->file = NULL;
        return -1;
    }

    memcpy(hdr, "RIFF", 4);
    put32(hdr + 4, 0); /* patched on close */
    memcpy(hdr + 8, "WAVE", 4);
    memcpy(hdr + 12, "fmt ", 4);
    put32(hdr + 16, fmt_size);
    if (write_all(w, hdr, sizeof(hdr)) != 0 || write_all(w, wfx, fmt_size) != 0)
        goto fail;
    if (fmt_size & 1) {
        unsigned char pad = 0;
        if (write_all(w, &pad, 1) != 0)
            goto fail;
    }
    memcpy(hdr, "data", 4);
    put32(hdr + 4, 0); /* patched on close */
    if (write_all(w, hdr, 8) != 0)
        goto fail;
    w->data_size_offset = 12 + 8 + fmt_size + (fmt_size & 1) + 4;
    return 0;

fail:
    CloseHandle(w->file);
    w->file = NULL;
    return -1;
}

int wav_writer_write(wav_writer *w, const void *data, uint32_t n)
{
    /* Keep the whole file (headers + data + pad) below 4 GiB. */
    uint64_t limit = 0xFFFFFFFFull - (uint64_t)w->data_size_offset - 4 - 1;
    if ((uint64_t)n > limit - w->data_bytes) {
        fprintf(stderr, "error: output exceeds the 4 GiB RIFF limit\n");
        return -1;
    }
    if (n == 0)
        return 0;
    if (write_all(w, data, n) != 0)
        return -1;
    w->data_bytes += n;
    return 0;
}

int wav_writer_close(wav_writer *w)
{
    int rc = 0;
    if (!w->file)
        return 0;
    uint32_t data = (uint32_t)w->data_bytes;
    if (data & 1) {
        unsigned char pad = 0;
        rc |= write_all(w, &pad, 1);
    }
    uint32_t riff = w->data_size_offset + 4 + data + (data & 1) - 8;
    rc |= write_at(w, 4, riff);
    rc |= write_at(w, w->data_size_offset, data);
    if (!CloseHandle(w->file)) {
        fprintf(stderr, "error: CloseHandle failed (%lu)\n", (unsigned long)GetLastError());
        rc = -1;
    }
    w->file = NULL;
    return rc ? -1 : 0;
}
