/*
 * test_avifile.c - ffacm behind Wine's AVIFile (avifil32), with ffacm installed in the prefix.
 *
 * usage: test_avifile.exe read IN.avi OUT.wav
 *          AVIFileOpen + AVIStreamRead of the audio stream (a constant-bitrate layout: Wine's
 *          avifil32 reads nBlockAlign-sized samples), decoded through ACM as VfW tools do:
 *          acmFormatSuggest + acmStreamOpen with no driver handle, STREAM_SIZE, the
 *          VirtualDub-style convert loop of vdub_loop.c over the buffers AVIStreamRead gave;
 *        test_avifile.exe acmstream IN.avi OUT.wav
 *          avifil32 decodes by itself: AVIMakeCompressedStream(PCM) over the audio stream (its
 *          ACM stream: NONREALTIME open, flags-0 converts, STREAM_SIZE both ways), then ONE
 *          AVIStreamRead of the whole declared length: Wine 8's ACM stream fails every later
 *          read whatever the codec (it reuses the header prepared for the first destination
 *          buffer with another one: msacm answers "invalid parameter"; Wine's own l3codeca
 *          fails the same way), and its length is derived from STREAM_SIZE, an upper bound;
 *        test_avifile.exe encode PCM.wav OUTDIR
 *          for compressed formats ffacm can encode PCM.wav's format into (QUERY opens over
 *          the enumerated formats): AVIMakeCompressedStream + AVISave into OUTDIR/enc_TAG_N.avi
 *          (the caller decodes them with Debian's ffmpeg, see mode_encode).
 */
#define COBJMACROS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>
#include <vfw.h>

#include "host_common.h"
#include "vdub_loop.h"
#include "wav_writer.h"

#define MAX_FMT 1024

static PAVISTREAM open_audio(const char *path, PAVIFILE *file)
{
    PAVISTREAM ps = NULL;
    HRESULT hr = AVIFileOpenA(file, path, OF_READ | OF_SHARE_DENY_NONE, NULL);
    if (FAILED(hr)) {
        printf("AVIFileOpen(%s): hr=0x%08lx\n", path, (unsigned long)hr);
        *file = NULL;
        return NULL;
    }
    hr = AVIFileGetStream(*file, &ps, streamtypeAUDIO, 0);
    if (FAILED(hr)) {
        printf("AVIFileGetStream(audio): hr=0x%08lx\n", (unsigned long)hr);
        return NULL;
    }
    return ps;
}

static WAVEFORMATEX *read_format(PAVISTREAM ps)
{
    LONG size = 0;
    if (FAILED(AVIStreamReadFormat(ps, AVIStreamStart(ps), NULL, &size)) || size < 14)
        return NULL;
    WAVEFORMATEX *w = calloc(1, (size_t)size < sizeof(WAVEFORMATEX) ? sizeof(WAVEFORMATEX) : (size_t)size);
    if (w && FAILED(AVIStreamReadFormat(ps, AVIStreamStart(ps), w, &size))) {
        free(w);
        return NULL;
    }
    return w;
}

/* Reads the whole stream with AVIStreamRead in buffers of about 1/5 s, or with ONE_READ a single
 * AVIStreamRead of the whole declared length (see mode_acmstream). */
static int read_stream(PAVISTREAM ps, int one_read, BYTE **data, size_t *len, vdub_unit **units, size_t *count)
{
    AVISTREAMINFOA info;
    memset(&info, 0, sizeof info);
    AVIStreamInfoA(ps, &info, sizeof info);
    LONG start = AVIStreamStart(ps), end = AVIStreamEnd(ps);
    LONG per = 1;
    WAVEFORMATEX *w = read_format(ps);
    if (one_read) {
        /* The declared length comes from STREAM_SIZE (an upper bound: for FLAC about 150x the
         * real output), so the one buffer is capped at 64 MiB. */
        per = end - start;
        if (info.dwSampleSize && per > (LONG)((64u << 20) / info.dwSampleSize))
            per = (LONG)((64u << 20) / info.dwSampleSize);
    } else if (info.dwSampleSize && w && w->nAvgBytesPerSec) {
        /* about 1/5 s of the stream per read */
        per = (LONG)(w->nAvgBytesPerSec / 5 / info.dwSampleSize);
        per = per < 1 ? 1 : per;
    }
    free(w);
    printf("stream: samples %ld..%ld, sample size %lu, scale %lu, rate %lu, %ld samples per read\n", (long)start,
           (long)end, (unsigned long)info.dwSampleSize, (unsigned long)info.dwScale, (unsigned long)info.dwRate,
           (long)per);
    size_t cap = 1 << 20, n = 0, ucap = 256;
    *data = malloc(cap);
    size_t *offs = malloc(ucap * sizeof *offs);
    *count = 0;
    for (LONG pos = start; pos < end;) {
        LONG want = end - pos < per ? end - pos : per, bytes = 0, got = 0;
        HRESULT hr = S_OK;
        if (info.dwSampleSize) /* fixed-size samples: no size query (avifil32's ACM stream answers 0) */
            bytes = want * (LONG)info.dwSampleSize;
        else
            hr = AVIStreamRead(ps, pos, want, NULL, 0, &bytes, &got);
        if (FAILED(hr) || bytes <= 0) {
            printf("AVIStreamRead(size, %ld): hr=0x%08lx bytes=%ld\n", (long)pos, (unsigned long)hr, (long)bytes);
            return -1;
        }
        while (n + (size_t)bytes > cap)
            *data = realloc(*data, cap *= 2);
        if (*count == ucap)
            offs = realloc(offs, (ucap *= 2) * sizeof *offs);
        hr = AVIStreamRead(ps, pos, want, *data + n, bytes, &bytes, &got);
        if (FAILED(hr) || got <= 0) {
            if (SUCCEEDED(hr) && info.dwSampleSize && got == 0 && pos > start) {
                /* the ACM stream's length is an estimate from STREAM_SIZE: it ends early */
                printf("stream ended at sample %ld of an estimated %ld\n", (long)pos, (long)end);
                break;
            }
            printf("AVIStreamRead(%ld, %ld): hr=0x%08lx got %ld\n", (long)pos, (long)want, (unsigned long)hr,
                   (long)got);
            return -1;
        }
        offs[(*count)++] = n;
        n += (size_t)bytes;
        pos += got;
        if (one_read)
            break;
    }
    *units = calloc(*count ? *count : 1, sizeof **units);
    for (size_t i = 0; i < *count; i++) {
        size_t e = i + 1 < *count ? offs[i + 1] : n;
        (*units)[i].p = *data + offs[i];
        (*units)[i].n = (DWORD)(e - offs[i]);
    }
    free(offs);
    *len = n;
    printf("read %zu bytes in %zu AVIStreamRead calls\n", n, *count);
    return 0;
}

static int write_pcm(const char *path, const WAVEFORMATEX *w, const BYTE *p, size_t n)
{
    wav_writer ww;
    int rc = wav_writer_open(&ww, path, w);
    if (rc == 0 && n)
        rc = wav_writer_write(&ww, p, (uint32_t)n);
    if (wav_writer_close(&ww) < 0)
        rc = -1;
    return rc;
}

static int suggest_pcm(const WAVEFORMATEX *src, BYTE *dst)
{
    memset(dst, 0, MAX_FMT);
    ((WAVEFORMATEX *)dst)->wFormatTag = WAVE_FORMAT_PCM;
    MMRESULT mr = acmFormatSuggest(NULL, (WAVEFORMATEX *)src, (WAVEFORMATEX *)dst, MAX_FMT,
                                   ACM_FORMATSUGGESTF_WFORMATTAG);
    if (mr)
        printf("acmFormatSuggest(PCM): %u\n", mr);
    return mr ? -1 : 0;
}

static int mode_read(const char *in, const char *out)
{
    PAVIFILE f = NULL;
    PAVISTREAM ps = open_audio(in, &f);
    WAVEFORMATEX *src = ps ? read_format(ps) : NULL;
    BYTE dst[MAX_FMT], *data = NULL;
    vdub_unit *units = NULL;
    size_t len = 0, count = 0;
    int rc = 1;
    if (!src || suggest_pcm(src, dst) < 0 || read_stream(ps, 0, &data, &len, &units, &count) < 0)
        goto out;
    HACMSTREAM has = NULL;
    MMRESULT mr = acmStreamOpen(&has, NULL, src, (WAVEFORMATEX *)dst, NULL, 0, 0, ACM_STREAMOPENF_NONREALTIME);
    if (mr) {
        printf("acmStreamOpen: %u\n", mr);
        goto out;
    }
    vdub_result r;
    int vr = vdub_run(has, src, units, count, 0, &r);
    printf("convert: calls=%lu in=%llu out=%zu left=%lu%s\n", r.calls, (unsigned long long)r.src_used, r.out_len,
           (unsigned long)r.left, vr ? " FAILED" : "");
    acmStreamClose(has, 0);
    if (vr == 0 && r.left == 0 && write_pcm(out, (WAVEFORMATEX *)dst, r.out, r.out_len) == 0)
        rc = 0;
    free(r.out);
out:
    free(units);
    free(data);
    free(src);
    if (ps)
        AVIStreamRelease(ps);
    if (f)
        AVIFileRelease(f);
    return rc;
}

static int mode_acmstream(const char *in, const char *out)
{
    PAVIFILE f = NULL;
    PAVISTREAM ps = open_audio(in, &f), pcm = NULL;
    WAVEFORMATEX *src = ps ? read_format(ps) : NULL, *got = NULL;
    BYTE dst[MAX_FMT], *data = NULL;
    vdub_unit *units = NULL;
    size_t len = 0, count = 0;
    int rc = 1;
    if (!src || suggest_pcm(src, dst) < 0)
        goto out;
    AVICOMPRESSOPTIONS opts;
    memset(&opts, 0, sizeof opts);
    opts.fccType = streamtypeAUDIO;
    opts.lpFormat = dst;
    opts.cbFormat = sizeof(WAVEFORMATEX) + ((WAVEFORMATEX *)dst)->cbSize;
    HRESULT hr = AVIMakeCompressedStream(&pcm, ps, &opts, NULL);
    if (FAILED(hr)) {
        printf("AVIMakeCompressedStream(PCM): hr=0x%08lx\n", (unsigned long)hr);
        goto out;
    }
    got = read_format(pcm);
    if (!got || got->wFormatTag != WAVE_FORMAT_PCM) {
        printf("the decompressing stream does not give PCM\n");
        goto out;
    }
    if (read_stream(pcm, 1, &data, &len, &units, &count) == 0 && write_pcm(out, got, data, len) == 0)
        rc = 0;
out:
    free(units);
    free(data);
    free(src);
    free(got);
    if (pcm)
        AVIStreamRelease(pcm);
    if (ps)
        AVIStreamRelease(ps);
    if (f)
        AVIFileRelease(f);
    return rc;
}

/* AVIMakeCompressedStream(FMT) over PS, then AVISave of that stream into OUT. */
static HRESULT save_compressed(PAVISTREAM ps, BYTE *fmt, DWORD fmt_size, const char *out)
{
    AVICOMPRESSOPTIONS opts;
    memset(&opts, 0, sizeof opts);
    opts.fccType = streamtypeAUDIO;
    opts.lpFormat = fmt;
    opts.cbFormat = fmt_size;
    PAVISTREAM cs = NULL;
    HRESULT hr = AVIMakeCompressedStream(&cs, ps, &opts, NULL);
    if (FAILED(hr)) {
        printf("encode 0x%04x -> %s: AVIMakeCompressedStream hr=0x%08lx\n", ((WAVEFORMATEX *)fmt)->wFormatTag, out,
               (unsigned long)hr);
        return hr;
    }
    /* The stream is compressed already: options without a format or handler make AVISave
     * copy it (Wine's AVISaveV dereferences a NULL entry). */
    AVICOMPRESSOPTIONS none;
    memset(&none, 0, sizeof none);
    none.fccType = streamtypeAUDIO;
    LPAVICOMPRESSOPTIONS popts = &none;
    hr = AVISaveVA(out, NULL, NULL, 1, &cs, &popts);
    printf("encode 0x%04x -> %s: AVISave hr=0x%08lx\n", ((WAVEFORMATEX *)fmt)->wFormatTag, out, (unsigned long)hr);
    AVIStreamRelease(cs);
    return hr;
}

/* Control: the same save into 8-bit mu-law, which Wine's own msg711 encodes (no ffacm). */
static int mode_control_encode(const char *pcm_path, const char *outdir)
{
    PAVIFILE f = NULL;
    PAVISTREAM ps = open_audio(pcm_path, &f);
    WAVEFORMATEX *src = ps ? read_format(ps) : NULL;
    if (!src)
        return 1;
    WAVEFORMATEX mulaw = { WAVE_FORMAT_MULAW, src->nChannels, src->nSamplesPerSec,
                           src->nSamplesPerSec * src->nChannels, src->nChannels, 8, 0 };
    char out[MAX_PATH];
    snprintf(out, sizeof out, "%s\\control_mulaw.avi", outdir);
    HRESULT hr = save_compressed(ps, (BYTE *)&mulaw, sizeof mulaw, out);
    free(src);
    AVIStreamRelease(ps);
    AVIFileRelease(f);
    return FAILED(hr);
}

/* Sample frames of the PCM stream PS. */
static LONG src_frames(PAVISTREAM ps, const WAVEFORMATEX *src)
{
    AVISTREAMINFOW info;
    if (FAILED(AVIStreamInfoW(ps, &info, sizeof info)) || !src->nBlockAlign)
        return 0;
    /* dwLength counts samples of dwSampleSize bytes (one sample frame for PCM). */
    return (LONG)info.dwLength;
}

/* Whether Wine 8's avifil32 can write format W from SRC at all.  Its ACM compressing stream
 * (acmstream.c ACMStream_fnRead) asks for at most 65536 / nBlockAlign output samples per
 * AVISave read and hands the codec ONE source sample frame per output sample asked for,
 * converting once with flags 0; a read that returns no whole output sample ends the save.
 * So the first read must complete a block: 65536 / nBlockAlign source frames must hold the
 * nBlockAlign * rate / nAvgBytesPerSec frames of one block.  True for every format with
 * nBlockAlign 1 (MP3, AAC, Opus, 44.1 kHz AC-3 and MPEG-1 L2, ...), G.711 and FLAC; false
 * for ADPCM blocks and the fixed-size frames of 32/48 kHz AC-3 and MPEG L2. */
static int avifil32_can_write(const WAVEFORMATEX *w, const WAVEFORMATEX *src)
{
    if (w->nBlockAlign <= 1 || !w->nAvgBytesPerSec)
        return 1;
    double per_read = (double)(65536 / w->nBlockAlign) * w->nSamplesPerSec / src->nSamplesPerSec;
    double per_block = (double)w->nBlockAlign * w->nSamplesPerSec / w->nAvgBytesPerSec;
    return per_read + 0.5 >= per_block;
}

/* The lossless codecs among ffacm's encoders (their decode must be the input, bit for bit). */
static int lossless_tag(DWORD tag) { return tag == 0xF1AC || tag == 0x6C61; }

/* Compressed formats ffacm enumerates that a QUERY open from SRC accepts: per tag, the first
 * and the last at the source's rate and channels (what a user converting this file picks,
 * lowest and highest bit rate), or the first two of any kind when the tag has none there.  Each is saved with
 * AVIMakeCompressedStream + AVISave and announced to run_avifile.sh, which decodes it with
 * Debian's ffmpeg:
 *   expect FILE TAG CHANNELS RATE CHECK MAX_MISSING FRAMES
 * CHECK: "lossless" or a lossy codec's SNR floor in dB (against the source converted to the
 * format's rate and channels by FFmpeg where they differ); MAX_MISSING: frames allowed to be missing at the end; FRAMES: the input's frames
 * at the format's rate. */
static int mode_encode(const char *pcm_path, const char *outdir)
{
    HACMDRIVERID hadid = host_find_ffacm();
    HACMDRIVER had = NULL;
    if (!hadid || acmDriverOpen(&had, hadid, 0))
        return 1;
    PAVIFILE f = NULL;
    PAVISTREAM ps = open_audio(pcm_path, &f);
    WAVEFORMATEX *src = ps ? read_format(ps) : NULL;
    if (!src || src->wFormatTag != WAVE_FORMAT_PCM) {
        printf("%s: no PCM audio stream\n", pcm_path);
        return 1;
    }
    src->cbSize = 0;
    unsigned found = 0, written = 0, limited = 0;
    LONG frames = src_frames(ps, src);
    ACMDRIVERDETAILSW dd = { .cbStruct = sizeof dd };
    acmDriverDetailsW(hadid, &dd, 0);
    for (DWORD t = 0; t < dd.cFormatTags; t++) {
        ACMFORMATTAGDETAILSW td = { .cbStruct = sizeof td, .dwFormatTagIndex = t };
        if (acmFormatTagDetailsW(had, &td, ACM_FORMATTAGDETAILSF_INDEX) || td.dwFormatTag == WAVE_FORMAT_PCM ||
            td.dwFormatTag == WAVE_FORMAT_IEEE_FLOAT || td.dwFormatTag == WAVE_FORMAT_EXTENSIBLE)
            continue;
        /* The first and the last openable format at the source's rate and channels (the
         * lowest and highest bit rates), else the first two of any kind. */
        DWORD pick[2] = { (DWORD)-1, (DWORD)-1 };
        for (int pass = 0; pass < 2 && pick[0] == (DWORD)-1; pass++) {
            for (DWORD i = 0; i < td.cStandardFormats; i++) {
                BYTE fmt[MAX_FMT];
                memset(fmt, 0, sizeof fmt);
                ACMFORMATDETAILSW fd = { .cbStruct = sizeof fd, .dwFormatTag = td.dwFormatTag, .dwFormatIndex = i,
                                         .pwfx = (WAVEFORMATEX *)fmt, .cbwfx = td.cbFormatSize };
                const WAVEFORMATEX *w = (const WAVEFORMATEX *)fmt;
                if (acmFormatDetailsW(had, &fd, ACM_FORMATDETAILSF_INDEX) ||
                    (pass == 0 && (w->nSamplesPerSec != src->nSamplesPerSec || w->nChannels != src->nChannels)) ||
                    acmStreamOpen(NULL, NULL, src, (WAVEFORMATEX *)fmt, NULL, 0, 0, ACM_STREAMOPENF_QUERY))
                    continue;
                if (pick[0] == (DWORD)-1) {
                    pick[0] = i;
                } else {
                    pick[1] = i; /* pass 0: the last so far; pass 1: the second, done */
                    if (pass == 1)
                        break;
                }
            }
        }
        for (unsigned k = 0; k < 2 && pick[k] != (DWORD)-1; k++) {
            DWORD i = pick[k];
            BYTE fmt[MAX_FMT];
            memset(fmt, 0, sizeof fmt);
            ACMFORMATDETAILSW fd = { .cbStruct = sizeof fd, .dwFormatTag = td.dwFormatTag, .dwFormatIndex = i,
                                     .pwfx = (WAVEFORMATEX *)fmt, .cbwfx = td.cbFormatSize };
            const WAVEFORMATEX *w = (const WAVEFORMATEX *)fmt;
            if (acmFormatDetailsW(had, &fd, ACM_FORMATDETAILSF_INDEX))
                continue;
            found++;
            int can = avifil32_can_write(w, src);
            char name[64], out[MAX_PATH];
            snprintf(name, sizeof name, "%s_%04lx_%lu.avi", can ? "enc" : "lim", (unsigned long)td.dwFormatTag,
                     (unsigned long)i);
            snprintf(out, sizeof out, "%s\\%s", outdir, name);
            HRESULT hr = save_compressed(ps, fmt, fd.cbwfx, out);
            if (!can) {
                /* The host's arithmetic gives the codec less than one block per read: AVISave
                 * must stop at its first read, cleanly. */
                HOST_CHECK(hr == AVIERR_FILEREAD, "tag 0x%04lx format %lu (nBlockAlign %u): AVISave hr=0x%08lx, "
                           "expected AVIERR_FILEREAD", (unsigned long)td.dwFormatTag, (unsigned long)i,
                           w->nBlockAlign, (unsigned long)hr);
                printf("avifil32-limited %s: nBlockAlign %u, %u source frames per read < one block\n", name,
                       w->nBlockAlign, 65536u / w->nBlockAlign);
                limited++;
                continue;
            }
            /* A codec with a fixed number of bytes per sample frame (G.711) at the source's rate
             * maps one to one: AVISave reaches the stream's end and succeeds.  Frame codecs run
             * out of input first (the length avifil32 takes from STREAM_SIZE(SOURCE) is an upper
             * bound): AVIERR_FILEREAD after the last input, with the encoder's tail unwritten
             * (avifil32 never sends END). */
            int sample_mapped = w->nAvgBytesPerSec == w->nSamplesPerSec * w->nBlockAlign &&
                                (DWORD)w->nBlockAlign * 8 == (DWORD)w->nChannels * w->wBitsPerSample &&
                                w->nSamplesPerSec == src->nSamplesPerSec;
            HOST_CHECK(sample_mapped ? SUCCEEDED(hr) : (SUCCEEDED(hr) || hr == AVIERR_FILEREAD),
                       "tag 0x%04lx format %lu: AVIMakeCompressedStream + AVISave hr=0x%08lx",
                       (unsigned long)td.dwFormatTag, (unsigned long)i, (unsigned long)hr);
            /* SNR floors as in tests/core/test_encoder.c: starved formats (under 24 kbit/s a
             * channel) only have to beat a broken stream (0 dB or less). */
            char check[16];
            if (lossless_tag(td.dwFormatTag))
                snprintf(check, sizeof check, "lossless");
            else
                snprintf(check, sizeof check, "%d",
                         sample_mapped ? 30 : w->nAvgBytesPerSec * 8 / w->nChannels < 24000 ? 3
                                              : td.dwFormatTag == 0x704F ? 10 : 12);
            unsigned long expect = (unsigned long)((unsigned long long)frames * w->nSamplesPerSec / src->nSamplesPerSec);
            /* The tail: half a second covers what each encoder holds (measured: README.md). */
            printf("expect %s %04lx %u %lu %s %lu %lu\n", name, (unsigned long)td.dwFormatTag, w->nChannels,
                   (unsigned long)w->nSamplesPerSec, check, sample_mapped ? 1ul : (unsigned long)w->nSamplesPerSec / 2,
                   expect);
            written++;
        }
    }
    printf("%u encoders found, %u written, %u beyond avifil32's arithmetic\n", found, written, limited);
    free(src);
    AVIStreamRelease(ps);
    AVIFileRelease(f);
    acmDriverClose(had, 0);
    return host_failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_avifile read|acmstream IN.avi OUT.wav | encode PCM.wav OUTDIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    AVIFileInit();
    int rc;
    if (strcmp(argv[1], "encode") == 0) {
        rc = mode_encode(argv[2], argv[3]);
    } else if (strcmp(argv[1], "control-encode") == 0) {
        rc = mode_control_encode(argv[2], argv[3]);
    } else {
        /* FFACM_HOSTS_CONTROL: a control run in a prefix without ffacm (Wine's own codecs). */
        if (!host_find_ffacm() && !getenv("FFACM_HOSTS_CONTROL"))
            return 1;
        rc = strcmp(argv[1], "read") == 0 ? mode_read(argv[2], argv[3]) : mode_acmstream(argv[2], argv[3]);
    }
    AVIFileExit();
    printf("test_avifile %s: %s\n", argv[1], rc ? "FAILED" : "ok");
    return rc;
}
