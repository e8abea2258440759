/* ffacm_bench: decode/encode throughput of ffacm through ACM vs libavcodec directly vs Wine's
 * built-in ACM drivers, plus per-call and per-stream costs.
 *
 * usage: ffacm_bench --driver ffacm.acm --out results.tsv [--reps N] [--pcm pcm.wav]
 *                    NAME=FILE...
 * Every run of a medium is interleaved with the runs it is compared with (direct, ffacm at each
 * chunk size, built-in at each chunk size, then again), and ratios are medians of the per-
 * repetition ratios.  Output: one tab-separated line per result (kind, then key=value). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libavutil/log.h>

#include "acm_util.h"
#include "bench.h"

static const DWORD chunks[] = { 417, 4096, 65536 };
#define N_CHUNKS 3
#define MAX_REPS 31
#define STREAMS_HELD 16

static FILE *out_file;

/* One result line: to the TSV file and, for the log, to stdout. */
static void emit(const char *kind, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    printf("%s\t%s\n", kind, line);
    if (out_file)
        fprintf(out_file, "%s\t%s\n", kind, line);
    fflush(stdout);
}

static double pcm_seconds(const WAVEFORMATEX *w, uint64_t bytes)
{
    return (double)bytes / ((double)w->nSamplesPerSec * w->nChannels * 2);
}

/* ------------------------------------------------------------ driver cost */

static void driver_cost(const char *path)
{
    double t[8];
    int n = 0;
    for (int i = 0; i < 8; i++) {
        acmu_driver d;
        double t0 = bench_now();
        if (acmu_driver_add(&d, path, 1) != 0)
            break;
        t[n++] = (bench_now() - t0) * 1e3;
        acmu_driver_release(&d);
    }
    if (n)
        emit("driver", "load_open_ms_first=%.3f\tload_open_ms=%.3f", t[0], n > 1 ? bench_median(t + 1, (size_t)n - 1) : t[0]);
}

/* ------------------------------------------------------------ decoding */

typedef struct series {
    double xrt[MAX_REPS], vs_direct[MAX_REPS], vs_builtin[MAX_REPS];
    int n, n_direct, n_builtin;
    double audio; /* seconds of audio in the medium */
    bench_run last;
} series;

static void emit_series(const char *codec, WORD tag, const char *path, const char *chunk, series *s,
                        const char *extra)
{
    double xrt = bench_median(s->xrt, (size_t)s->n);
    char ratios[128] = "";
    if (s->n_direct)
        snprintf(ratios, sizeof ratios, "\tvs_direct=%.4f", bench_median(s->vs_direct, (size_t)s->n_direct));
    if (s->n_builtin) {
        size_t len = strlen(ratios);
        snprintf(ratios + len, sizeof ratios - len, "\tvs_builtin=%.4f", bench_median(s->vs_builtin, (size_t)s->n_builtin));
    }
    bench_run *r = &s->last;
    double counted_s = r->out_bytes ? s->audio * (double)r->counted_out / (double)r->out_bytes : 0;
    emit("decode", "codec=%s\ttag=0x%04X\tpath=%s\tchunk=%s\txrt=%.2f%s\tus_call=%.3f\tcalls=%llu\tallocs_call=%.4f\tallocs_per_s=%.2f\tout=%llu%s",
         codec, tag, path, chunk, xrt, ratios, r->calls ? r->seconds * 1e6 / (double)r->calls : 0.0,
         (unsigned long long)r->calls, r->counted_calls ? (double)r->allocs / (double)r->counted_calls : 0.0,
         counted_s > 0 ? (double)r->allocs / counted_s : 0.0, (unsigned long long)r->out_bytes, extra ? extra : "");
}

static void bench_decode(const char *name, const char *path, HACMDRIVER ffacm, HACMDRIVERID ffacm_id, int reps)
{
    bench_media m;
    WAVEFORMATEX dst;
    if (bench_media_load(&m, name, path) != 0) {
        emit("error", "codec=%s\tnote=cannot load %s", name, path);
        return;
    }
    WORD tag = m.wfx->wFormatTag;
    int packets = m.packets != NULL;
    int n_chunks = packets ? 1 : N_CHUNKS;
    int have_ffacm = bench_acm_lists_tag(ffacm, tag) && bench_acm_can_decode(ffacm, m.wfx, &dst);
    int have_direct = bench_direct_supports(tag);
    char builtin_name[64];
    HACMDRIVER builtin = bench_acm_find_builtin(ffacm_id, m.wfx, builtin_name, sizeof builtin_name);

    if (!have_ffacm)
        emit("na", "codec=%s\ttag=0x%04X\tpath=ffacm\tnote=n/a (ffacm has no decoder for tag 0x%04X)", name, tag, tag);
    if (!builtin)
        emit("na", "codec=%s\ttag=0x%04X\tpath=builtin\tnote=no built-in Wine driver", name, tag);

    series direct, ff[N_CHUNKS], bi[N_CHUNKS];
    memset(&direct, 0, sizeof direct);
    memset(ff, 0, sizeof ff);
    memset(bi, 0, sizeof bi);
    bench_run r;
    double audio = 0;

    /* Warm-up (caches, lazy initialisation, page faults) and the audio length. */
    if (have_direct) {
        bench_direct_decode(&m, &r);
        if (r.ok)
            audio = pcm_seconds(m.wfx, r.out_bytes);
        else
            emit("error", "codec=%s\tpath=direct\tnote=%s", name, r.error);
    }
    if (have_ffacm) {
        bench_acm_decode(ffacm, &m, chunks[1], &r);
        if (!r.ok) {
            emit("error", "codec=%s\tpath=ffacm\tnote=%s", name, r.error);
            have_ffacm = 0;
        } else if (!audio)
            audio = pcm_seconds(m.wfx, r.out_bytes);
    }
    if (builtin) {
        bench_acm_decode(builtin, &m, chunks[1], &r);
        if (!r.ok) {
            emit("error", "codec=%s\tpath=builtin\tnote=%s", name, r.error);
            acmDriverClose(builtin, 0);
            builtin = NULL;
        } else if (!audio)
            audio = pcm_seconds(m.wfx, r.out_bytes);
    }

    direct.audio = audio;
    for (int c = 0; c < N_CHUNKS; c++)
        ff[c].audio = bi[c].audio = audio;
    for (int rep = 0; rep < reps && audio > 0; rep++) {
        double t_direct = 0, t_ff[N_CHUNKS] = { 0 };
        if (have_direct) {
            bench_direct_decode(&m, &r);
            if (r.ok) {
                t_direct = r.seconds;
                direct.xrt[direct.n++] = audio / r.seconds;
                direct.last = r;
            }
        }
        for (int c = 0; c < n_chunks && have_ffacm; c++) {
            bench_acm_decode(ffacm, &m, chunks[c], &r);
            if (!r.ok)
                continue;
            t_ff[c] = r.seconds;
            ff[c].xrt[ff[c].n++] = audio / r.seconds;
            if (t_direct)
                ff[c].vs_direct[ff[c].n_direct++] = t_direct / r.seconds;
            ff[c].last = r;
        }
        for (int c = 0; c < n_chunks && builtin; c++) {
            bench_acm_decode(builtin, &m, chunks[c], &r);
            if (!r.ok)
                continue;
            bi[c].xrt[bi[c].n++] = audio / r.seconds;
            if (t_ff[c])
                ff[c].vs_builtin[ff[c].n_builtin++] = r.seconds / t_ff[c];
            bi[c].last = r;
        }
    }

    char extra[160];
    snprintf(extra, sizeof extra, "\taudio_s=%.2f\trate=%lu\tch=%u", audio, (unsigned long)m.wfx->nSamplesPerSec,
             m.wfx->nChannels);
    if (direct.n)
        emit_series(name, tag, "direct", packets ? "packet" : "stream", &direct, extra);
    for (int c = 0; c < n_chunks; c++) {
        char chunk[16];
        if (packets)
            snprintf(chunk, sizeof chunk, "packet");
        else
            snprintf(chunk, sizeof chunk, "%lu", (unsigned long)chunks[c]);
        if (ff[c].n)
            emit_series(name, tag, "ffacm", chunk, &ff[c], extra);
        if (bi[c].n) {
            char e[256];
            snprintf(e, sizeof e, "%s\tdriver=%s", extra, builtin_name);
            emit_series(name, tag, "builtin", chunk, &bi[c], e);
        }
    }

    /* Per-stream costs. */
    bench_stream_cost sc;
    if (have_ffacm) {
        bench_acm_stream_cost(ffacm, &m, STREAMS_HELD, &sc);
        emit("stream", "codec=%s\tpath=ffacm\topen_us=%.1f\tclose_us=%.1f\theap_open=%.0f\theap_active=%.0f", name,
             sc.open_us, sc.close_us, sc.heap_bytes_open, sc.heap_bytes_active);
    }
    if (builtin) {
        bench_acm_stream_cost(builtin, &m, STREAMS_HELD, &sc);
        emit("stream", "codec=%s\tpath=builtin\topen_us=%.2f\tclose_us=%.2f\topens=%d", name, sc.open_us, sc.close_us,
             sc.opens);
        acmDriverClose(builtin, 0);
    }
    bench_media_free(&m);
}

/* ------------------------------------------------------------ encoding */

static const struct {
    const char *name;
    WORD tag;
} enc_tags[] = {
    { "mp3", 0x0055 }, { "aac", 0x00FF }, { "opus", 0x704F }, { "vorbis", 0x566F }, { "flac", 0xF1AC }, { "ac3", 0x2000 },
};

static void bench_encode(const char *pcm_path, HACMDRIVER ffacm, int reps)
{
    bench_media pcm;
    if (bench_media_load(&pcm, "pcm", pcm_path) != 0) {
        emit("error", "codec=pcm\tnote=cannot load %s", pcm_path);
        return;
    }
    double audio = pcm_seconds(pcm.wfx, pcm.size);
    for (size_t i = 0; i < sizeof enc_tags / sizeof enc_tags[0]; i++) {
        WORD tag = enc_tags[i].tag;
        union {
            WAVEFORMATEX w;
            uint8_t bytes[1024];
        } dst;
        memset(&dst, 0, sizeof dst);
        dst.w.wFormatTag = tag;
        int have_ffacm = acmFormatSuggest(ffacm, pcm.wfx, &dst.w, sizeof dst, ACM_FORMATSUGGESTF_WFORMATTAG) ==
                             MMSYSERR_NOERROR && dst.w.wFormatTag == tag;
        if (!have_ffacm)
            emit("na", "codec=%s\ttag=0x%04X\tpath=ffacm\tnote=n/a (ffacm has no PCM->0x%04X encoder)", enc_tags[i].name,
                 tag, tag);
        int64_t bit_rate = have_ffacm && tag != 0xF1AC ? (int64_t)dst.w.nAvgBytesPerSec * 8 : 0;
        series direct, ff[N_CHUNKS];
        memset(&direct, 0, sizeof direct);
        memset(ff, 0, sizeof ff);
        char encoder[32];
        bench_run r;
        bench_direct_encode(&pcm, tag, bit_rate, &r, encoder, sizeof encoder); /* warm-up */
        if (!r.ok)
            emit("error", "codec=%s\tpath=direct-encode\tnote=%s", enc_tags[i].name, r.error);
        int have_direct = r.ok;
        for (int rep = 0; rep < reps; rep++) {
            double t_direct = 0;
            if (have_direct) {
                bench_direct_encode(&pcm, tag, bit_rate, &r, encoder, sizeof encoder);
                if (r.ok) {
                    t_direct = r.seconds;
                    direct.xrt[direct.n++] = audio / r.seconds;
                    direct.last = r;
                }
            }
            for (int c = 1; c < N_CHUNKS && have_ffacm; c++) {
                bench_acm_encode(ffacm, &pcm, &dst.w, chunks[c], &r);
                if (!r.ok) {
                    emit("error", "codec=%s\tpath=ffacm-encode\tnote=%s", enc_tags[i].name, r.error);
                    have_ffacm = 0;
                    break;
                }
                ff[c].xrt[ff[c].n++] = audio / r.seconds;
                if (t_direct)
                    ff[c].vs_direct[ff[c].n_direct++] = t_direct / r.seconds;
                ff[c].last = r;
            }
        }
        char extra[96];
        if (direct.n) {
            snprintf(extra, sizeof extra, "\tencoder=%s\tbit_rate=%lld", encoder, (long long)bit_rate);
            direct.last.counted_calls = 0;
            emit("encode", "codec=%s\ttag=0x%04X\tpath=direct\tchunk=frame\txrt=%.2f\tout=%llu%s", enc_tags[i].name, tag,
                 bench_median(direct.xrt, (size_t)direct.n), (unsigned long long)direct.last.out_bytes, extra);
        }
        for (int c = 1; c < N_CHUNKS; c++)
            if (ff[c].n)
                emit("encode", "codec=%s\ttag=0x%04X\tpath=ffacm\tchunk=%lu\txrt=%.2f\tvs_direct=%.4f\tus_call=%.3f\tallocs_call=%.4f\tout=%llu",
                     enc_tags[i].name, tag, (unsigned long)chunks[c], bench_median(ff[c].xrt, (size_t)ff[c].n),
                     ff[c].n_direct ? bench_median(ff[c].vs_direct, (size_t)ff[c].n_direct) : 0.0,
                     ff[c].last.calls ? ff[c].last.seconds * 1e6 / (double)ff[c].last.calls : 0.0,
                     ff[c].last.counted_calls ? (double)ff[c].last.allocs / (double)ff[c].last.counted_calls : 0.0,
                     (unsigned long long)ff[c].last.out_bytes);
    }
    bench_media_free(&pcm);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    const char *driver = NULL, *out = NULL, *pcm = NULL;
    int reps = 11, first_case = argc;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--driver") && i + 1 < argc)
            driver = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--pcm") && i + 1 < argc)
            pcm = argv[++i];
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = atoi(argv[++i]);
        else {
            first_case = i;
            break;
        }
    }
    if (!driver || reps < 1 || reps > MAX_REPS) {
        fprintf(stderr, "usage: %s --driver ffacm.acm [--out results.tsv] [--reps 1..%d] [--pcm pcm.wav] NAME=FILE...\n",
                argv[0], MAX_REPS);
        return 2;
    }
    if (out && !(out_file = fopen(out, "w"))) {
        fprintf(stderr, "error: cannot write %s\n", out);
        return 1;
    }
    av_log_set_level(AV_LOG_ERROR); /* the direct path's libavcodec: no chatter in the log */
    driver_cost(driver);
    acmu_driver d;
    if (acmu_driver_add(&d, driver, 1) != 0)
        return 1;
    int hooked = bench_heap_hook(d.module);
    int hooked_exe = bench_heap_hook(GetModuleHandleW(NULL));
    emit("info", "reps=%d\tffacm_heap_imports=%d\texe_heap_imports=%d\tptr_bits=%d", reps, hooked, hooked_exe,
         (int)(sizeof(void *) * 8));

    int failures = 0;
    for (int i = first_case; i < argc; i++) {
        char name[32];
        const char *eq = strchr(argv[i], '=');
        if (!eq || eq == argv[i] || (size_t)(eq - argv[i]) >= sizeof name) {
            fprintf(stderr, "error: expected NAME=FILE, got '%s'\n", argv[i]);
            failures++;
            continue;
        }
        memcpy(name, argv[i], (size_t)(eq - argv[i]));
        name[eq - argv[i]] = '\0';
        bench_decode(name, eq + 1, d.had, d.hadid, reps);
    }
    if (pcm)
        bench_encode(pcm, d.had, reps);
    acmu_driver_release(&d);
    if (out_file)
        fclose(out_file);
    return failures ? 1 : 0;
}
