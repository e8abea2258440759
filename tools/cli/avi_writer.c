/*
 * avi_writer.c - see avi_writer.h.
 */
#include "avi_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, v & 0xFFFF); put16(p + 2, v >> 16); }

static int grow(void **p, size_t *cap, size_t need, size_t unit)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * unit);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

int avi_writer_open(avi_writer *w, const char *path, const WAVEFORMATEX *wfx)
{
    memset(w, 0, sizeof(*w));
    w->fmt_size = (uint32_t)sizeof(WAVEFORMATEX) + (wfx->wFormatTag == WAVE_FORMAT_PCM ? 0 : wfx->cbSize);
    w->fmt = malloc(w->fmt_size);
    w->path = _strdup(path);
    if (!w->fmt || !w->path) {
        fprintf(stderr, "error: out of memory\n");
        return -1;
    }
    memcpy(w->fmt, wfx, w->fmt_size);
    return 0;
}

int avi_writer_write(avi_writer *w, const void *data, uint32_t n)
{
    if (grow((void **)&w->data, &w->data_cap, w->data_size + n, 1) < 0 ||
        grow((void **)&w->sizes, &w->chunks_cap, w->chunks + 1, sizeof(uint32_t)) < 0) {
        fprintf(stderr, "error: out of memory\n");
        return -1;
    }
    memcpy(w->data + w->data_size, data, n);
    w->data_size += n;
    w->sizes[w->chunks++] = n;
    return 0;
}

static int put_chunk(FILE *f, const char *id, const void *data, uint32_t n)
{
    uint8_t hdr[8];
    memcpy(hdr, id, 4);
    put32(hdr + 4, n);
    static const uint8_t pad = 0;
    return fwrite(hdr, 1, 8, f) == 8 && (n == 0 || fwrite(data, 1, n, f) == n) &&
                   (!(n & 1) || fwrite(&pad, 1, 1, f) == 1)
               ? 0
               : -1;
}

int avi_writer_close(avi_writer *w)
{
    int rc = -1;
    const WAVEFORMATEX *wfx = (const WAVEFORMATEX *)w->fmt;
    FILE *f = w->path ? fopen(w->path, "wb") : NULL;
    if (!f)
        goto done;
    uint32_t movi = 4, fmt_padded = (w->fmt_size + 1) & ~1u;
    for (size_t i = 0; i < w->chunks; i++)
        movi += 8 + ((w->sizes[i] + 1) & ~1u);
    uint32_t strl = 4 + 8 + 56 + 8 + fmt_padded, hdrl = 4 + 8 + 56 + 8 + strl;
    uint32_t idx1 = (uint32_t)(16 * w->chunks);
    uint32_t riff = 4 + 8 + hdrl + 8 + movi + 8 + idx1;

    uint8_t avih[56] = { 0 }, strh[56] = { 0 };
    put32(avih + 0, 0);                  /* dwMicroSecPerFrame: no video */
    put32(avih + 12, 0x10);              /* AVIF_HASINDEX */
    put32(avih + 24, 1);                 /* dwStreams */
    /* Each chunk is one packet of unknown duration: dwSampleSize 0 makes readers treat it
     * so; the rate fields only give an average pace. */
    memcpy(strh, "auds", 4);
    put32(strh + 20, wfx->nBlockAlign ? wfx->nBlockAlign : 1); /* dwScale */
    put32(strh + 24, wfx->nAvgBytesPerSec ? wfx->nAvgBytesPerSec : 1); /* dwRate */
    put32(strh + 32, (uint32_t)w->chunks);                     /* dwLength */
    put32(strh + 36, 0xFFFFFFFF);                              /* dwQuality */
    put32(strh + 44, 0);                                       /* dwSampleSize */

    uint8_t hdr[12];
    memcpy(hdr, "RIFF", 4); put32(hdr + 4, riff); memcpy(hdr + 8, "AVI ", 4);
    fwrite(hdr, 1, 12, f);
    memcpy(hdr, "LIST", 4); put32(hdr + 4, hdrl); memcpy(hdr + 8, "hdrl", 4);
    fwrite(hdr, 1, 12, f);
    put_chunk(f, "avih", avih, 56);
    memcpy(hdr, "LIST", 4); put32(hdr + 4, strl); memcpy(hdr + 8, "strl", 4);
    fwrite(hdr, 1, 12, f);
    put_chunk(f, "strh", strh, 56);
    put_chunk(f, "strf", w->fmt, w->fmt_size);
    memcpy(hdr, "LIST", 4); put32(hdr + 4, movi); memcpy(hdr + 8, "movi", 4);
    fwrite(hdr, 1, 12, f);
    size_t off = 0;
    for (size_t i = 0; i < w->chunks; i++) {
        put_chunk(f, "00wb", w->data + off, w->sizes[i]);
        off += w->sizes[i];
    }
    uint8_t entry[16];
    uint32_t pos = 4;
    put32(hdr + 4, idx1);
    fwrite("idx1", 1, 4, f);
    fwrite(hdr + 4, 1, 4, f);
    for (size_t i = 0; i < w->chunks; i++) {
        memcpy(entry, "00wb", 4);
        put32(entry + 4, 0x10); /* AVIIF_KEYFRAME */
        put32(entry + 8, pos);
        put32(entry + 12, w->sizes[i]);
        fwrite(entry, 1, 16, f);
        pos += 8 + ((w->sizes[i] + 1) & ~1u);
    }
    rc = ferror(f) ? -1 : 0;
    if (fclose(f) != 0)
        rc = -1;
done:
    if (rc)
        fprintf(stderr, "error: cannot write %s\n", w->path ? w->path : "(null)");
    free(w->path);
    free(w->fmt);
    free(w->data);
    free(w->sizes);
    memset(w, 0, sizeof(*w));
    return rc;
}
