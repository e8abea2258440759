/*
 * test_vdub.c - ffacm called the way VirtualDub calls ACM codecs, with ffacm installed in the
 * prefix (found by the host, not added by the test).
 *
 * usage: test_vdub.exe OUTDIR PCM.wav MEDIA...
 *   1. the compression dialog's sequence with PCM.wav's format as the source:
 *      acmFormatTagEnum, acmFormatEnum per tag, a QUERY open of every candidate,
 *      acmFormatSuggest per tag; every enumerated compressed format must also open for
 *      decoding (suggest PCM + QUERY), as VirtualDub does when it reads such a stream;
 *   2. decode of every MEDIA file with the VirtualDub loop (vdub_loop.c) into
 *      OUTDIR/<name>.wav (the caller compares with FFmpeg): no jam, nothing left over;
 *   3. encode of 2 s of synthetic PCM into every enumerated compressed format that a QUERY
 *      open accepts (a few per tag), VirtualDub's loop with no jam, each call's output appended
 *      to OUTDIR/enc_TAG_N.wav; run_vdub.sh checks that Debian's ffmpeg decodes those files to
 *      the input's length plus the codec's delay and padding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_common.h"
#include "riff_reader.h"
#include "vdub_loop.h"
#include "wav_writer.h"

#define MAX_FMT 1024
#define MAX_ENC 4096

static HACMDRIVER had;
static DWORD max_fmt;

typedef struct fmt_buf {
    BYTE b[MAX_FMT];
} fmt_buf;

static DWORD wfx_size(const WAVEFORMATEX *w)
{
    return w->wFormatTag == WAVE_FORMAT_PCM ? sizeof(WAVEFORMATEX) : sizeof(WAVEFORMATEX) + w->cbSize;
}

static int is_pcm_like(DWORD tag)
{
    return tag == WAVE_FORMAT_PCM || tag == WAVE_FORMAT_IEEE_FLOAT || tag == WAVE_FORMAT_EXTENSIBLE;
}

/* ---------------------------------------------------------------- 1. the dialog sequence */

typedef struct tag_list {
    DWORD tags[128];
    DWORD n;
} tag_list;

static BOOL CALLBACK tag_cb(HACMDRIVERID hadid, LPACMFORMATTAGDETAILSA d, DWORD_PTR inst, DWORD support)
{
    (void)hadid; (void)support;
    tag_list *l = (tag_list *)inst;
    if (l->n < 128)
        l->tags[l->n++] = d->dwFormatTag;
    return TRUE;
}

typedef struct fmt_list {
    fmt_buf *f;
    DWORD n, cap;
} fmt_list;

static BOOL CALLBACK fmt_cb(HACMDRIVERID hadid, LPACMFORMATDETAILSA d, DWORD_PTR inst, DWORD support)
{
    (void)hadid; (void)support;
    fmt_list *l = (fmt_list *)inst;
    DWORD n = wfx_size(d->pwfx);
    if (l->n < l->cap && n <= MAX_FMT) {
        memset(&l->f[l->n], 0, sizeof l->f[l->n]);
        memcpy(l->f[l->n].b, d->pwfx, n);
        l->n++;
    }
    return TRUE;
}

static int has_tag(const tag_list *l, DWORD tag)
{
    for (DWORD i = 0; i < l->n; i++)
        if (l->tags[i] == tag)
            return 1;
    return 0;
}

/* Returns the number of PCM->compressed formats; they are stored in ENC. */
static DWORD dialog(const WAVEFORMATEX *pcm, fmt_list *enc)
{
    tag_list all = { { 0 }, 0 }, mine = { { 0 }, 0 };
    ACMFORMATTAGDETAILSA td;
    memset(&td, 0, sizeof td);
    td.cbStruct = sizeof td;
    HOST_CHECK(acmFormatTagEnumA(NULL, &td, tag_cb, (DWORD_PTR)&all, 0) == 0, "acmFormatTagEnum(NULL)");
    memset(&td, 0, sizeof td);
    td.cbStruct = sizeof td;
    HOST_CHECK(acmFormatTagEnumA(had, &td, tag_cb, (DWORD_PTR)&mine, 0) == 0, "acmFormatTagEnum(ffacm)");
    printf("dialog: %lu tags over all drivers, %lu from ffacm\n", (unsigned long)all.n, (unsigned long)mine.n);
    HOST_CHECK(mine.n >= 2, "ffacm lists %lu tags", (unsigned long)mine.n);
    for (DWORD i = 0; i < mine.n; i++)
        HOST_CHECK(has_tag(&all, mine.tags[i]), "tag 0x%04lx of ffacm missing from the all-driver list",
                   (unsigned long)mine.tags[i]);

    /* Wine's acmFormatEnum ignores ACM_FORMATENUMF_CONVERT (a FIXME in msacm32), so like
     * VirtualDub's dialog the candidates are tested one by one with QUERY opens. */
    fmt_buf src;
    memset(&src, 0, sizeof src);
    memcpy(src.b, pcm, sizeof(WAVEFORMATEX));
    ((WAVEFORMATEX *)src.b)->cbSize = 0;
    ACMFORMATDETAILSA fd;
    MMRESULT mr;

    DWORD formats = 0, decodable = 0, queries_ok = 0;
    for (DWORD t = 0; t < mine.n; t++) {
        DWORD tag = mine.tags[t];
        ACMFORMATTAGDETAILSA one;
        memset(&one, 0, sizeof one);
        one.cbStruct = sizeof one;
        one.dwFormatTag = tag;
        HOST_CHECK(acmFormatTagDetailsA(had, &one, ACM_FORMATTAGDETAILSF_FORMATTAG) == 0, "tag 0x%04lx details",
                   (unsigned long)tag);
        fmt_list fl = { calloc(one.cStandardFormats + 1, sizeof(fmt_buf)), 0, one.cStandardFormats + 1 };
        fmt_buf buf;
        memset(&buf, 0, sizeof buf);
        memset(&fd, 0, sizeof fd);
        fd.cbStruct = sizeof fd;
        fd.pwfx = (WAVEFORMATEX *)buf.b;
        fd.cbwfx = max_fmt;
        fd.dwFormatTag = tag;
        ((WAVEFORMATEX *)buf.b)->wFormatTag = (WORD)tag;
        mr = acmFormatEnumA(had, &fd, fmt_cb, (DWORD_PTR)&fl, ACM_FORMATENUMF_WFORMATTAG);
        HOST_CHECK(mr == 0 && fl.n == one.cStandardFormats, "tag 0x%04lx: enum rc %u, %lu formats of %lu",
                   (unsigned long)tag, mr, (unsigned long)fl.n, (unsigned long)one.cStandardFormats);
        for (DWORD i = 0; i < fl.n; i++) {
            WAVEFORMATEX *w = (WAVEFORMATEX *)fl.f[i].b;
            formats++;
            /* The dialog marks a candidate usable when PCM -> candidate opens (QUERY). */
            MMRESULT q = acmStreamOpen(NULL, NULL, (WAVEFORMATEX *)src.b, w, NULL, 0, 0, ACM_STREAMOPENF_QUERY);
            /* An encoder for this format at all: PCM of its own rate and channels. */
            if (!is_pcm_like(tag)) {
                WAVEFORMATEX own = { WAVE_FORMAT_PCM, w->nChannels, w->nSamplesPerSec,
                                     w->nSamplesPerSec * w->nChannels * 2u, (WORD)(w->nChannels * 2u), 16, 0 };
                MMRESULT qo = acmStreamOpen(NULL, NULL, &own, w, NULL, 0, 0, ACM_STREAMOPENF_QUERY);
                if (qo == 0 && enc->n < enc->cap)
                    enc->f[enc->n++] = fl.f[i];
                if (q == 0)
                    HOST_CHECK(qo == 0, "tag 0x%04lx format %lu opens from the file's PCM but not from its own",
                               (unsigned long)tag, (unsigned long)i);
            }
            queries_ok += q == 0;
            if (is_pcm_like(tag))
                continue;
            /* Reading such a stream: suggest PCM, QUERY open the decode. */
            fmt_buf dst;
            memset(&dst, 0, sizeof dst);
            ((WAVEFORMATEX *)dst.b)->wFormatTag = WAVE_FORMAT_PCM;
            mr = acmFormatSuggest(NULL, w, (WAVEFORMATEX *)dst.b, max_fmt, ACM_FORMATSUGGESTF_WFORMATTAG);
            HOST_CHECK(mr == 0, "tag 0x%04lx format %lu: suggest PCM %u", (unsigned long)tag, (unsigned long)i, mr);
            if (mr == 0) {
                q = acmStreamOpen(NULL, NULL, w, (WAVEFORMATEX *)dst.b, NULL, 0, 0, ACM_STREAMOPENF_QUERY);
                HOST_CHECK(q == 0, "tag 0x%04lx format %lu: QUERY decode %u", (unsigned long)tag, (unsigned long)i, q);
                decodable += q == 0;
            }
        }
        /* The dialog's default format for a tag: acmFormatSuggest restricted to it, asked of
         * ffacm (with no driver handle Wine's own drivers answer too, and Wine's msadp32
         * suggests MS ADPCM formats it cannot encode). */
        if (!is_pcm_like(tag)) {
            fmt_buf dst;
            memset(&dst, 0, sizeof dst);
            ((WAVEFORMATEX *)dst.b)->wFormatTag = (WORD)tag;
            mr = acmFormatSuggest(had, (WAVEFORMATEX *)src.b, (WAVEFORMATEX *)dst.b, max_fmt,
                                  ACM_FORMATSUGGESTF_WFORMATTAG);
            if (mr == 0) {
                MMRESULT q = acmStreamOpen(NULL, had, (WAVEFORMATEX *)src.b, (WAVEFORMATEX *)dst.b, NULL, 0, 0,
                                           ACM_STREAMOPENF_QUERY);
                HOST_CHECK(q == 0, "ffacm's suggested encode format of tag 0x%04lx does not open: %u",
                           (unsigned long)tag, q);
                printf("dialog: tag 0x%04lx: ffacm suggests an encoding from the file's PCM\n", (unsigned long)tag);
            }
        }
        free(fl.f);
    }
    printf("dialog: %lu formats enumerated, %lu compressed formats decodable, %lu open from PCM\n",
           (unsigned long)formats, (unsigned long)decodable, (unsigned long)queries_ok);

    printf("encoders found: %lu PCM->compressed formats\n", (unsigned long)enc->n);
    return enc->n;
}

/* ---------------------------------------------------------------- 2./3. conversions */

static int read_all(riff_input *in, BYTE **data, vdub_unit **units, size_t *count)
{
    *data = malloc(in->total_bytes ? (size_t)in->total_bytes : 1);
    size_t n = in->kind == RIFF_KIND_AVI ? in->packet_count : 1;
    *units = calloc(n ? n : 1, sizeof **units);
    if (!*data || !*units)
        return -1;
    if (in->kind == RIFF_KIND_WAVE) {
        if (riff_read_at(in, in->data_offset, *data, (uint32_t)in->data_size) < 0)
            return -1;
        (*units)[0].p = *data;
        (*units)[0].n = (DWORD)in->data_size;
        *count = 1;
        return 0;
    }
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        if (riff_read_at(in, in->packets[i].offset, *data + off, in->packets[i].size) < 0)
            return -1;
        (*units)[i].p = *data + off;
        (*units)[i].n = in->packets[i].size;
        off += in->packets[i].size;
    }
    *count = n;
    return 0;
}

static int write_wav(const char *path, const WAVEFORMATEX *w, const vdub_result *r)
{
    wav_writer ww;
    int rc = wav_writer_open(&ww, path, w);
    if (rc == 0 && r->out_len)
        rc = wav_writer_write(&ww, r->out, (uint32_t)r->out_len);
    if (wav_writer_close(&ww) < 0)
        rc = -1;
    return rc;
}

static void convert_and_check(const char *what, const WAVEFORMATEX *src, const WAVEFORMATEX *dst,
                              const vdub_unit *units, size_t count, int packets, const char *out_path)
{
    HACMSTREAM has = NULL;
    /* VirtualDub opens with no driver handle: the ACM picks the codec. */
    MMRESULT mr = acmStreamOpen(&has, NULL, (WAVEFORMATEX *)src, (WAVEFORMATEX *)dst, NULL, 0, 0,
                                ACM_STREAMOPENF_NONREALTIME);
    HOST_CHECK(mr == 0, "%s: acmStreamOpen %u", what, mr);
    if (mr)
        return;
    vdub_result r;
    int rc = vdub_run(has, src, units, count, packets, &r);
    printf("%s: src_buffer=%lu dst_buffer=%lu calls=%lu in=%llu out=%zu left=%lu%s%s\n", what,
           (unsigned long)r.src_buffer, (unsigned long)r.dst_buffer, r.calls, (unsigned long long)r.src_used,
           r.out_len, (unsigned long)r.left, r.jammed ? " JAMMED" : "", r.error ? " ERROR" : "");
    HOST_CHECK(rc == 0, "%s: the VirtualDub loop failed", what);
    HOST_CHECK(r.left == 0, "%s: %lu bytes never consumed", what, (unsigned long)r.left);
    HOST_CHECK(r.out_len > 0, "%s: no output", what);
    HOST_CHECK(write_wav(out_path, dst, &r) == 0, "%s: cannot write %s", what, out_path);
    free(r.out);
    acmStreamClose(has, 0);
}

static void decode_file(const char *outdir, const char *path)
{
    riff_input in;
    memset(&in, 0, sizeof in);
    if (riff_open(&in, path) < 0) {
        HOST_CHECK(0, "cannot read %s", path);
        return;
    }
    BYTE *data = NULL;
    vdub_unit *units = NULL;
    size_t count = 0;
    fmt_buf dst;
    memset(&dst, 0, sizeof dst);
    ((WAVEFORMATEX *)dst.b)->wFormatTag = WAVE_FORMAT_PCM;
    MMRESULT mr = acmFormatSuggest(NULL, in.wfx, (WAVEFORMATEX *)dst.b, max_fmt, ACM_FORMATSUGGESTF_WFORMATTAG);
    HOST_CHECK(mr == 0, "%s: suggest %u", path, mr);
    if (mr == 0 && read_all(&in, &data, &units, &count) == 0) {
        const char *base = strrchr(path, '\\');
        base = base ? base + 1 : path;
        char out[MAX_PATH], name[MAX_PATH];
        snprintf(name, sizeof name, "%s", base);
        char *dot = strrchr(name, '.');
        if (dot)
            *dot = 0;
        snprintf(out, sizeof out, "%s\\%s.wav", outdir, name);
        char what[MAX_PATH + 16];
        snprintf(what, sizeof what, "decode %s", name);
        convert_and_check(what, in.wfx, (WAVEFORMATEX *)dst.b, units, count, in.kind == RIFF_KIND_AVI, out);
    }
    free(data);
    free(units);
    riff_close(&in);
}

/* Two seconds of a tone sweep in 16-bit PCM of RATE and CHANNELS (enough to run every part
 * of the loop, and something a codec has to work on). */
static BYTE *synth_pcm(DWORD rate, WORD channels, DWORD *len)
{
    DWORD frames = rate * 2;
    short *p = malloc((size_t)frames * channels * sizeof *p);
    if (!p)
        return NULL;
    double phase = 0;
    for (DWORD i = 0; i < frames; i++) {
        double f = 220.0 + 660.0 * i / frames;
        phase += 6.283185307179586 * f / rate;
        for (WORD c = 0; c < channels; c++)
            p[i * channels + c] = (short)(9000.0 * __builtin_sin(phase + c));
    }
    *len = frames * channels * (DWORD)sizeof *p;
    return (BYTE *)p;
}

static void encode_all(const char *outdir, const fmt_list *enc)
{
    static BYTE per_tag[65536]; /* bounded runtime: a few formats per tag */
    memset(per_tag, 0, sizeof per_tag);
    for (DWORD i = 0; i < enc->n; i++) {
        const WAVEFORMATEX *w = (const WAVEFORMATEX *)enc->f[i].b;
        if (per_tag[w->wFormatTag]++ >= 3)
            continue;
        WAVEFORMATEX pcm = { WAVE_FORMAT_PCM, w->nChannels, w->nSamplesPerSec,
                             w->nSamplesPerSec * w->nChannels * 2u, (WORD)(w->nChannels * 2u), 16, 0 };
        vdub_unit unit;
        BYTE *data = synth_pcm(pcm.nSamplesPerSec, pcm.nChannels, &unit.n);
        if (!data) {
            HOST_CHECK(0, "out of memory");
            return;
        }
        unit.p = data;
        char out[MAX_PATH], what[64];
        snprintf(out, sizeof out, "%s\\enc_%04x_%lu.wav", outdir, w->wFormatTag, (unsigned long)i);
        snprintf(what, sizeof what, "encode tag 0x%04x format %lu", w->wFormatTag, (unsigned long)i);
        convert_and_check(what, &pcm, w, &unit, 1, 0, out);
        free(data);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_vdub OUTDIR PCM.wav MEDIA...\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    HACMDRIVERID hadid = host_find_ffacm();
    if (!hadid || acmDriverOpen(&had, hadid, 0) != MMSYSERR_NOERROR)
        return 1;
    acmMetrics(NULL, ACM_METRIC_MAX_SIZE_FORMAT, &max_fmt);
    HOST_CHECK(max_fmt >= sizeof(WAVEFORMATEX) && max_fmt <= MAX_FMT, "MAX_SIZE_FORMAT %lu", (unsigned long)max_fmt);
    if (max_fmt > MAX_FMT)
        max_fmt = MAX_FMT;

    riff_input pcm;
    memset(&pcm, 0, sizeof pcm);
    if (riff_open(&pcm, argv[2]) < 0 || pcm.wfx->wFormatTag != WAVE_FORMAT_PCM) {
        printf("%s: not a PCM WAV\n", argv[2]);
        return 1;
    }
    fmt_list enc = { calloc(MAX_ENC, sizeof(fmt_buf)), 0, MAX_ENC };
    dialog(pcm.wfx, &enc);
    riff_close(&pcm);

    for (int i = 3; i < argc; i++)
        decode_file(argv[1], argv[i]);
    encode_all(argv[1], &enc);
    free(enc.f);
    acmDriverClose(had, 0);
    printf("test_vdub: %d passed, %d failed\n", host_passed, host_failed);
    return host_failed ? 1 : 0;
}
