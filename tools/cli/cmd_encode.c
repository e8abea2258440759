/*
 * cmd_encode.c - "ffacm encode IN.wav OUT.wav|OUT.avi --tag T [options]": compresses PCM
 * through the ACM the way VirtualDub does, and stores the result as a host would: a WAV whose
 * data is every call's output in order, or an AVI with one chunk per call (needed for codecs
 * whose packets do not delimit themselves: raw AAC, Opus).
 *
 *   --tag 0xNNNN      destination format tag (required)
 *   --index N         the tag's standard format N (acmFormatDetails); default: acmFormatSuggest
 *   --bitrate B       the tag's standard format with the source's rate and channels and
 *                     nAvgBytesPerSec * 8 == B
 *   --subformat GUID  with --tag 0xFFFE: the extensible subformat the suggestion is asked for,
 *                     e.g. {A7FB87AF-2D02-42FB-A4D4-05CD93843BDD} (E-AC-3)
 *   --driver FILE, --chunk N, --pattern vdub|simple, --stats   as for decode
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acm_decode.h"
#include "acm_util.h"
#include "avi_writer.h"
#include "cli.h"
#include "riff_reader.h"
#include "wav_writer.h"

typedef struct encode_args {
    const char *in_path, *out_path, *driver;
    DWORD tag;
    long index;   /* -1: not given */
    DWORD bitrate;
    int has_subformat;
    GUID subformat;
    acm_decode_opts opts;
} encode_args;

static int parse_number(const char *s, DWORD *out)
{
    char *end = NULL;
    unsigned long v = strtoul(s, &end, 0);
    if (!s[0] || *end)
        return -1;
    *out = (DWORD)v;
    return 0;
}

/* {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} (braces optional) */
static int parse_guid(const char *s, GUID *g)
{
    unsigned long d1;
    unsigned d2, d3, b[8];
    char tail;
    if (*s == '{')
        s++;
    if (sscanf(s, "%8lx-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x%c", &d1, &d2, &d3, &b[0], &b[1], &b[2], &b[3], &b[4],
               &b[5], &b[6], &b[7], &tail) < 11)
        return -1;
    g->Data1 = d1;
    g->Data2 = (unsigned short)d2;
    g->Data3 = (unsigned short)d3;
    for (int i = 0; i < 8; i++)
        g->Data4[i] = (unsigned char)b[i];
    return 0;
}

static int parse_args(int argc, char **argv, encode_args *a)
{
    int positional = 0;
    memset(a, 0, sizeof(*a));
    a->index = -1;
    a->opts.pattern = ACM_PATTERN_VDUB;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        DWORD v = 0;
        if (strcmp(arg, "--stats") == 0) {
            a->opts.stats = 1;
        } else if (strncmp(arg, "--", 2) != 0) {
            if (positional == 0)
                a->in_path = arg;
            else if (positional == 1)
                a->out_path = arg;
            else
                return -1;
            positional++;
        } else {
            if (!val) {
                fprintf(stderr, "error: encode: %s needs a value\n", arg);
                return -1;
            }
            i++;
            int number = parse_number(val, &v) == 0;
            if (strcmp(arg, "--tag") == 0 && number && v && v <= 0xFFFF)
                a->tag = v;
            else if (strcmp(arg, "--index") == 0 && number)
                a->index = (long)v;
            else if (strcmp(arg, "--bitrate") == 0 && number && v)
                a->bitrate = v;
            else if (strcmp(arg, "--subformat") == 0 && parse_guid(val, &a->subformat) == 0)
                a->has_subformat = 1;
            else if (strcmp(arg, "--chunk") == 0 && number && v)
                a->opts.chunk = v;
            else if (strcmp(arg, "--driver") == 0)
                a->driver = val;
            else if (strcmp(arg, "--pattern") == 0 && strcmp(val, "vdub") == 0)
                a->opts.pattern = ACM_PATTERN_VDUB;
            else if (strcmp(arg, "--pattern") == 0 && strcmp(val, "simple") == 0)
                a->opts.pattern = ACM_PATTERN_SIMPLE;
            else {
                fprintf(stderr, "error: encode: bad argument %s %s\n", arg, val);
                return -1;
            }
        }
    }
    if (positional != 2 || !a->tag) {
        fprintf(stderr, "error: encode: need IN.wav, OUT.wav|OUT.avi and --tag\n");
        return -1;
    }
    return 0;
}

/* The destination format: standard format --index, the one matching --bitrate, or what the
 * driver suggests for the tag. */
static MMRESULT choose_dst(HACMDRIVER had, const encode_args *a, WAVEFORMATEX *src, WAVEFORMATEX *dst, DWORD size)
{
    if (a->index >= 0 || a->bitrate) {
        for (DWORD i = a->index >= 0 ? (DWORD)a->index : 0;; i++) {
            ACMFORMATDETAILSW fd = { .cbStruct = sizeof fd, .dwFormatTag = a->tag, .dwFormatIndex = i,
                                     .pwfx = dst, .cbwfx = size };
            memset(dst, 0, size);
            MMRESULT mr = acmFormatDetailsW(had, &fd, ACM_FORMATDETAILSF_INDEX);
            if (mr != MMSYSERR_NOERROR)
                return mr;
            if (a->index >= 0)
                return MMSYSERR_NOERROR;
            if (dst->nSamplesPerSec == src->nSamplesPerSec && dst->nChannels == src->nChannels &&
                dst->nAvgBytesPerSec * 8 == a->bitrate)
                return MMSYSERR_NOERROR;
        }
    }
    memset(dst, 0, size);
    dst->wFormatTag = (WORD)a->tag;
    if (a->has_subformat && a->tag == WAVE_FORMAT_EXTENSIBLE && size >= sizeof(WAVEFORMATEXTENSIBLE)) {
        dst->cbSize = sizeof(WAVEFORMATEXTENSIBLE) - sizeof(WAVEFORMATEX);
        ((WAVEFORMATEXTENSIBLE *)dst)->SubFormat = a->subformat;
    }
    return acmFormatSuggest(had, src, dst, size, ACM_FORMATSUGGESTF_WFORMATTAG);
}

static int write_avi(void *ctx, const void *data, uint32_t n) { return avi_writer_write(ctx, data, n); }

int cmd_encode(int argc, char **argv)
{
    encode_args a;
    riff_input in;
    acmu_driver drv;
    HACMSTREAM has = NULL;
    int rc = 1;
    if (parse_args(argc, argv, &a) != 0)
        return CLI_EXIT_USAGE;
    memset(&drv, 0, sizeof drv);
    if (riff_open(&in, a.in_path) != 0)
        return 1;
    cli_print_source(&in);
    if (a.driver && acmu_driver_add(&drv, a.driver, 1) != 0)
        goto done;
    DWORD size = acmu_max_format_size(drv.had);
    WAVEFORMATEX *dst = size ? calloc(1, size) : NULL;
    if (!dst)
        goto done;
    MMRESULT mr = choose_dst(drv.had, &a, in.wfx, dst, size);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("choosing the destination format", mr);
        free(dst);
        goto done;
    }
    acmu_print_wfx(stdout, "dst: ", dst);
    mr = acmStreamOpen(&has, drv.had, in.wfx, dst, NULL, 0, 0, ACM_STREAMOPENF_NONREALTIME);
    if (mr != MMSYSERR_NOERROR) {
        acmu_report("acmStreamOpen", mr);
        free(dst);
        goto done;
    }
    size_t len = strlen(a.out_path);
    int avi = len > 4 && _stricmp(a.out_path + len - 4, ".avi") == 0;
    wav_writer wav;
    avi_writer aw;
    acm_sink sink;
    memset(&wav, 0, sizeof wav);
    if (avi ? avi_writer_open(&aw, a.out_path, dst) : wav_writer_open(&wav, a.out_path, dst)) {
        free(dst);
        goto done;
    }
    if (avi)
        sink = (acm_sink){ write_avi, &aw };
    else
        sink = acm_sink_wav(&wav);
    acm_decode_result res;
    rc = acm_decode_run(has, &in, dst, &a.opts, &sink, &res);
    if ((avi ? avi_writer_close(&aw) : wav_writer_close(&wav)) != 0 && rc == 0)
        rc = 1;
    printf("calls=%lu src_used=%llu dst_bytes=%llu\n", res.calls, (unsigned long long)res.src_used,
           (unsigned long long)res.dst_bytes);
    free(dst);
done:
    if (has)
        acmStreamClose(has, 0);
    acmu_driver_release(&drv);
    riff_close(&in);
    return rc;
}
