/*
 * cmd_decode.c - "ffacm decode IN OUT.wav [options]": reads the source,
 * picks the destination with acmFormatSuggest, opens the stream and runs the
 * chosen host pattern (acm_decode.c), writing a WAVE file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acm_decode.h"
#include "acm_util.h"
#include "cli.h"
#include "riff_reader.h"
#include "wav_writer.h"

typedef enum out_kind { OUT_PCM16 = 0, OUT_PCM24, OUT_PCM32, OUT_FLOAT } out_kind;

typedef struct decode_args {
    const char *in_path;
    const char *out_path;
    const char *driver;
    out_kind to;
    DWORD rate;     /* 0 = not given */
    DWORD channels; /* 0 = not given */
    acm_decode_opts opts;
} decode_args;

static int parse_dword(const char *s, DWORD min, DWORD max, DWORD *out)
{
    char *end = NULL;
    unsigned long long v;
    if (!s || *s < '0' || *s > '9')
        return -1;
    v = strtoull(s, &end, 10);
    if (*end != '\0' || v < min || v > max)
        return -1;
    *out = (DWORD)v;
    return 0;
}

static int parse_args(int argc, char **argv, decode_args *a)
{
    int positional = 0;
    memset(a, 0, sizeof(*a));
    a->opts.pattern = ACM_PATTERN_VDUB;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "--stats") == 0) {
            a->opts.stats = 1;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            if (positional == 0)
                a->in_path = arg;
            else if (positional == 1)
                a->out_path = arg;
            else
                goto bad;
            positional++;
            continue;
        }
        if (!val) {
            fprintf(stderr, "error: decode: %s needs a value\n", arg);
            return -1;
        }
        i++;
        if (strcmp(arg, "--chunk") == 0) {
            if (parse_dword(val, 1, 0x10000000u, &a->opts.chunk) != 0)
                goto bad_value;
        } else if (strcmp(arg, "--pattern") == 0) {
            if (strcmp(val, "vdub") == 0)
                a->opts.pattern = ACM_PATTERN_VDUB;
            else if (strcmp(val, "wrapper") == 0)
                a->opts.pattern = ACM_PATTERN_WRAPPER;
            else if (strcmp(val, "simple") == 0)
                a->opts.pattern = ACM_PATTERN_SIMPLE;
            else
                goto bad_value;
        } else if (strcmp(arg, "--driver") == 0) {
            a->driver = val;
        } else if (strcmp(arg, "--to") == 0) {
            if (strcmp(val, "pcm16") == 0)
                a->to = OUT_PCM16;
            else if (strcmp(val, "pcm24") == 0)
                a->to = OUT_PCM24;
            else if (strcmp(val, "pcm32") == 0)
                a->to = OUT_PCM32;
            else if (strcmp(val, "float") == 0)
                a->to = OUT_FLOAT;
            else
                goto bad_value;
        } else if (strcmp(arg, "--rate") == 0) {
            if (parse_dword(val, 1, 10000000u, &a->rate) != 0)
                goto bad_value;
        } else if (strcmp(arg, "--channels") == 0) {
            if (parse_dword(val, 1, 255, &a->channels) != 0)
                goto bad_value;
        } else {
            goto bad;
        }
        continue;
    bad_value:
        fprintf(stderr, "error: decode: invalid value '%s' for %s\n", val, arg);
        return -1;
    bad:
        fprintf(stderr, "error: decode: unexpected argument '%s'\n", arg);
        return -1;
    }
    if (positional != 2) {
        fprintf(stderr, "error: decode: need IN and OUT.wav\n");
        return -1;
    }
    return 0;
}

/* Fills DST (DST_SIZE bytes) with the format to decode to: acmFormatSuggest,
 * or 16-bit PCM with the source rate/channels when suggest fails. */
static void choose_dst(HACMDRIVER had, WAVEFORMATEX *src, WAVEFORMATEX *dst, DWORD dst_size,
                       const decode_args *a)
{
    static const WORD bits[] = {16, 24, 32, 32};
    DWORD flags = ACM_FORMATSUGGESTF_WFORMATTAG | ACM_FORMATSUGGESTF_WBITSPERSAMPLE;

    memset(dst, 0, dst_size);
    dst->wFormatTag = a->to == OUT_FLOAT ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM;
    dst->wBitsPerSample = bits[a->to];
    if (a->rate) {
        dst->nSamplesPerSec = a->rate;
        flags |= ACM_FORMATSUGGESTF_NSAMPLESPERSEC;
    }
    if (a->channels) {
        dst->nChannels = (WORD)a->channels;
        flags |= ACM_FORMATSUGGESTF_NCHANNELS;
    }
    MMRESULT mr = acmFormatSuggest(had, src, dst, dst_size, flags);
    if (mr == MMSYSERR_NOERROR) {
        acmu_print_wfx(stdout, "dst (suggested): ", dst);
        return;
    }
    printf("acmFormatSuggest(flags 0x%08lx) failed: %u (%s); falling back to 16-bit PCM "
           "with the source rate/channels\n",
           (unsigned long)flags, (unsigned)mr, acmu_err_name(mr));
    memset(dst, 0, dst_size);
    dst->wFormatTag = WAVE_FORMAT_PCM;
    dst->nChannels = src->nChannels;
    dst->nSamplesPerSec = src->nSamplesPerSec;
    dst->wBitsPerSample = 16;
    dst->nBlockAlign = (WORD)(dst->nChannels * 2);
    dst->nAvgBytesPerSec = dst->nSamplesPerSec * dst->nBlockAlign;
    dst->cbSize = 0;
    acmu_print_wfx(stdout, "dst (fallback): ", dst);
}

int cmd_decode(int argc, char **argv)
{
    decode_args a;
    riff_input in;
    acmu_driver drv;
    wav_writer out;
    WAVEFORMATEX *dst = NULL;
    HACMSTREAM has = NULL;
    acm_decode_result res;
    int rc = 1;

    if (parse_args(argc, argv, &a) != 0) {
        fprintf(stderr, "see 'ffacm help'\n");
        return CLI_EXIT_USAGE;
    }
    memset(&drv, 0, sizeof(drv));
    memset(&out, 0, sizeof(out));
    if (riff_open(&in, a.in_path) != 0)
        return 1;
    cli_print_source(&in);

    if (a.driver) {
        if (acmu_driver_add(&drv, a.driver, 1) != 0)
            goto done;
        printf("driver: %s hadid=%p had=%p\n", a.driver, (void *)drv.hadid, (void *)drv.had);
    }

    DWORD dst_size = acmu_max_format_size(drv.had);
    if (dst_size == 0)
        goto done;
    dst = calloc(1, dst_size);
    if (!dst) {
        fprintf(stderr, "error: out of memory\n");
        goto done;
    }
    choose_dst(drv.had, in.wfx, dst, dst_size, &a);

    MMRESULT mr = acmStreamOpen(&has, drv.had, in.wfx, dst, NULL, 0, 0, ACM_STREAMOPENF_NONREALTIME);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmStreamOpen", mr);
        has = NULL;
        goto done;
    }

    if (wav_writer_open(&out, a.out_path, dst) != 0)
        goto done;

    acm_sink sink = acm_sink_wav(&out);
    rc = acm_decode_run(has, &in, dst, &a.opts, &sink, &res);

    if (wav_writer_close(&out) != 0 && rc == ACM_DECODE_OK)
        rc = 1;
    {
        DWORD align = dst->nBlockAlign ? dst->nBlockAlign : 1;
        printf("calls=%lu src_used=%" PRIu64 " dst_bytes=%" PRIu64 " frames=%" PRIu64 "\n",
               res.calls, res.src_used, res.dst_bytes, res.dst_bytes / align);
    }

done:
    if (has) {
        mr = acmStreamClose(has, 0);
        if (mr != MMSYSERR_NOERROR) {
            acmu_report("acmStreamClose", mr);
            if (rc == ACM_DECODE_OK)
                rc = 1;
        }
    }
    wav_writer_close(&out);
    free(dst);
    acmu_driver_release(&drv);
    riff_close(&in);
    return rc;
}
