/* Encoders through the stream adapter, natively: PCM -> ffacm encoder -> ffacm decoder, and
 * the same bytes -> Debian's ffmpeg.
 *
 * For every encoder row, a handful of its standard formats (all of them with FFACM_TEST_ALL)
 * must open, take PCM in awkward chunk sizes with START/END as VirtualDub sends them, and give
 * a stream that decodes again: lossless codecs bit-exact, lossy ones above a quality floor
 * once aligned by their delay, and as long as the input (delay removed) up to the padding
 * of the last frame.  Debian's ffmpeg must decode the same stream to the same samples. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "formats/format_table.h"
#include "check.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct buf {
    uint8_t *data;
    size_t size, cap;
} buf;

static void put(buf *b, const void *p, size_t n)
{
    if (!n)
        return;
    if (b->size + n > b->cap) {
        b->cap = (b->size + n) * 2;
        b->data = realloc(b->data, b->cap);
    }
    memcpy(b->data + b->size, p, n);
    b->size += n;
}

/* Test signal: rising chirps (no period, so the codec's delay can be found by correlation),
 * a different one in each channel, 16-bit. */
static void make_pcm(buf *pcm, uint32_t rate, unsigned channels, double seconds)
{
    size_t frames = (size_t)(rate * seconds);
    for (size_t i = 0; i < frames; i++) {
        double t = (double)i / rate;
        for (unsigned c = 0; c < channels; c++) {
            double v = c == 0 ? 0.6 * sin(2 * M_PI * (300 + 150 * t) * t) + 0.3 * sin(2 * M_PI * 97 * t)
                              : sin(2 * M_PI * (200 + 400 * t) * t);
            int16_t s = (int16_t)lrint(v * 12000);
            put(pcm, &s, 2);
        }
    }
}

/* Run `in` through a stream in chunks of `chunk` bytes the VirtualDub way.  With `packets`,
 * each call's output is one record (as an AVI writer stores it). */
static int convert_all_from(ffacm_stream *st, const buf *in, size_t chunk, buf *out, buf *records, int *calls,
                            uint32_t flags)
{
    size_t pos = 0;
    for (int guard = 0; guard < 10000000; guard++) {
        size_t n = in->size - pos < chunk ? in->size - pos : chunk;
        int end = pos == in->size;
        uint32_t cap;
        ffacm_size_source(ffacm_stream_model(st), n ? (uint32_t)n : 1, &cap);
        uint8_t *dst = malloc(cap);
        uint32_t used = 0, made = 0;
        int ret = ffacm_stream_convert(st, in->data + pos, (uint32_t)n, dst, cap,
                                       flags | (end ? FFACM_CONVERT_END : 0), &used, &made);
        put(out, dst, made);
        if (records && made) {
            uint32_t len = made;
            put(records, &len, 4);
            put(records, dst, made);
        }
        free(dst);
        (*calls)++;
        if (ret != FFACM_OK)
            return ret;
        pos += used;
        flags = FFACM_CONVERT_BLOCKALIGN;
        if (end && !made)
            return FFACM_OK;
        if (!end && !used && !made)
            return -100; /* jammed */
    }
    return -101;
}

static int convert_all(ffacm_stream *st, const buf *in, size_t chunk, buf *out, buf *records, int *calls)
{
    return convert_all_from(st, in, chunk, out, records, calls, FFACM_CONVERT_START | FFACM_CONVERT_BLOCKALIGN);
}

/* A stream that simply goes on after END (no START) starts over with a fresh codec, made
 * when its input arrives: the same input encodes to the same bytes again (FLAC: the frame
 * numbers restart; a codec left flushed would encode nothing). */
static void test_after_end(uint16_t tag)
{
    const ffacm_format_row *row = ffacm_format_find_tag(tag);
    ffacm_wavefmt fmt, pcm;
    uint8_t extra[256];
    CHECK(row && row->encoder && ffacm_format_count(row) > 0, "tag 0x%04x: no encoder row", tag);
    if (!row || !row->encoder || ffacm_format_count(row) == 0)
        return;
    ffacm_format_get(row, 0, &fmt, extra);
    ffacm_wavefmt_pcm(&pcm, fmt.rate, fmt.channels, 16, 0, 0, 0);
    buf in = { 0 }, first = { 0 }, second = { 0 };
    make_pcm(&in, fmt.rate, fmt.channels, 1.0);
    ffacm_stream *st;
    CHECK(ffacm_stream_open(&pcm, &fmt, &st) == FFACM_OK, "tag 0x%04x: open", tag);
    int calls = 0;
    int r1 = convert_all(st, &in, 4096, &first, NULL, &calls);
    int r2 = convert_all_from(st, &in, 4096, &second, NULL, &calls, FFACM_CONVERT_BLOCKALIGN);
    ffacm_stream_close(st);
    CHECK(r1 == FFACM_OK && r2 == FFACM_OK && first.size > 0, "tag 0x%04x: encode %d %d", tag, r1, r2);
    CHECK(first.size == second.size && memcmp(first.data, second.data, first.size) == 0,
          "tag 0x%04x: after END without START: %zu bytes, first pass %zu", tag, second.size, first.size);
    printf("tag 0x%04x: goes on after END: %zu bytes twice, %s\n", tag, first.size,
           first.size == second.size && !memcmp(first.data, second.data, first.size) ? "identical" : "DIFFERENT");
    free(in.data);
    free(first.data);
    free(second.data);
}

/* Decode `stream` (or the packets in `records`) back to 16-bit PCM through ffacm. */
static int decode_back(const ffacm_wavefmt *fmt, const buf *stream, const buf *records, const ffacm_wavefmt *pcm,
                       buf *out)
{
    ffacm_stream *st;
    if (ffacm_stream_open(fmt, pcm, &st) != FFACM_OK)
        return -1;
    uint8_t *dst = malloc(1 << 22);
    uint32_t used, made;
    if (records) {
        for (size_t pos = 0; pos + 4 <= records->size;) {
            uint32_t len;
            memcpy(&len, records->data + pos, 4);
            const uint8_t *p = records->data + pos + 4;
            for (uint32_t left = len; left;) {
                ffacm_stream_convert(st, p, left, dst, 1 << 22, 0, &used, &made);
                put(out, dst, made);
                if (!used)
                    break;
                p += used;
                left -= used;
            }
            pos += 4 + len;
        }
    } else {
        for (size_t pos = 0; pos < stream->size; pos += used) {
            ffacm_stream_convert(st, stream->data + pos, (uint32_t)(stream->size - pos), dst, 1 << 22, 0, &used, &made);
            put(out, dst, made);
            if (!used && !made)
                break;
        }
    }
    do {
        ffacm_stream_convert(st, NULL, 0, dst, 1 << 22, FFACM_CONVERT_END, &used, &made);
        put(out, dst, made);
    } while (made);
    free(dst);
    ffacm_stream_close(st);
    return 0;
}

/* Best alignment of `out` against `in` (first channel), and the SNR there in dB. */
static double align_snr(const int16_t *in, size_t in_frames, const int16_t *out, size_t out_frames, unsigned ch,
                        size_t *lag_out)
{
    size_t best_lag = 0;
    double best = -1e300;
    for (size_t lag = 0; lag < 4000 && lag + 8192 < out_frames; lag++) {
        double dot = 0;
        for (size_t i = 4096; i < 4096 + 8192 && i < in_frames && i + lag < out_frames; i++)
            dot += (double)in[i * ch] * out[(i + lag) * ch];
        if (dot > best) {
            best = dot;
            best_lag = lag;
        }
    }
    double sig = 0, err = 0;
    for (size_t i = 0; i < in_frames && i + best_lag < out_frames; i++)
        for (unsigned c = 0; c < ch; c++) {
            double a = in[i * ch + c], b = out[(i + best_lag) * ch + c];
            sig += a * a;
            err += (a - b) * (a - b);
        }
    *lag_out = best_lag;
    return err > 0 ? 10 * log10(sig / err) : 200;
}

static int write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(p, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* Hand the encoded stream to Debian's ffmpeg, written as a host would (WAV for byte streams,
 * an AVI chunk per call for packets) and compare its decode with ffacm's. */
static void check_with_ffmpeg(const char *tools, const char *tmp, const ffacm_wavefmt *fmt, const buf *stream,
                              const buf *records, unsigned spp, const buf *ours, const char *what)
{
    uint8_t fmt_bytes[512];
    size_t fmt_size = ffacm_wavefmt_write(fmt, fmt_bytes, sizeof fmt_bytes);
    buf pkt = { 0 };
    uint32_t v = (uint32_t)fmt_size;
    put(&pkt, "FFPK", 4);
    put(&pkt, &v, 4);
    put(&pkt, fmt_bytes, fmt_size);
    v = records ? 1 : 0;
    put(&pkt, &v, 4);
    if (records) {
        uint32_t count = 0;
        for (size_t pos = 0; pos + 4 <= records->size; count++) {
            uint32_t len;
            memcpy(&len, records->data + pos, 4);
            pos += 4 + len;
        }
        put(&pkt, &count, 4);
        put(&pkt, records->data, records->size);
    } else {
        v = 1;
        put(&pkt, &v, 4);
        v = (uint32_t)stream->size;
        put(&pkt, &v, 4);
        put(&pkt, stream->data, stream->size);
    }
    char path[300], riff_path[300], raw[300], cmd[4096];
    snprintf(path, sizeof path, "%s/enc.pkt", tmp);
    snprintf(riff_path, sizeof riff_path, "%s/enc.%s", tmp, records ? "avi" : "wav");
    snprintf(raw, sizeof raw, "%s/enc.s16", tmp);
    write_file(path, pkt.data, pkt.size);
    free(pkt.data);
    snprintf(cmd, sizeof cmd,
             "python3 %s/pkt2riff.py %s %s %u && ffmpeg -v error -nostdin -y %s -i %s -f %s %s",
             tools, path, riff_path, spp, fmt->codec_tag == 0x704F ? "-c:a opus" : "", riff_path,
             fmt->bits_per_sample == 24 ? "s24le" : "s16le", raw);
    int rc = system(cmd);
    CHECK(rc == 0, "%s: ffmpeg could not decode the stream (%s)", what, cmd);
    if (rc)
        return;
    FILE *f = fopen(raw, "rb");
    buf theirs = { 0 };
    uint8_t chunk[65536];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(&theirs, chunk, n);
    if (f)
        fclose(f);
    int same = theirs.size == ours->size && memcmp(theirs.data, ours->data, ours->size) == 0;
    CHECK(same, "%s: ffmpeg decodes %zu bytes, ffacm %zu (or they differ)", what, theirs.size, ours->size);
    free(theirs.data);
}

typedef struct floor_entry {
    uint16_t tag;
    double snr_db; /* lossy codecs: the least signal-to-noise ratio accepted */
} floor_entry;

/* Per-codec quality floors at the formats tested (a tone and a chirp: easy material, so the
 * floors are set well below what each codec reaches and still catch a broken pipeline,
 * which gives near 0 dB). */
static const floor_entry floors[] = {
    { 0x0055, 12 }, { 0x0050, 12 }, { 0x00FF, 12 }, { 0x1600, 12 }, { 0x2000, 12 }, { 0x704F, 10 },
};

/* Starved formats (under 24 kbit/s a channel) only have to be clearly better than a
 * broken pipeline, which gives 0 dB or less. */
static double floor_for(uint16_t tag, const ffacm_wavefmt *fmt)
{
    if (fmt->avg_bytes_per_sec * 8 / fmt->channels < 24000)
        return 3;
    for (size_t i = 0; i < sizeof floors / sizeof floors[0]; i++)
        if (floors[i].tag == tag)
            return floors[i].snr_db;
    return 12;
}

static void test_format(const ffacm_format_row *row, const ffacm_wavefmt *fmt, const char *tools, const char *tmp,
                        int with_ffmpeg)
{
    char what[160];
    snprintf(what, sizeof what, "tag 0x%04x %u Hz %u ch %u bit/s bits %u", row->tag, fmt->rate, fmt->channels,
             fmt->avg_bytes_per_sec * 8, fmt->bits_per_sample);
    unsigned in_bits = fmt->bits_per_sample == 24 ? 24 : 16;
    ffacm_wavefmt pcm;
    ffacm_wavefmt_pcm(&pcm, fmt->rate, fmt->channels, 16, 0, 0, 0);
    buf in16 = { 0 };
    make_pcm(&in16, fmt->rate, fmt->channels, 3.0);
    buf in = { 0 };
    if (in_bits == 24) { /* 24-bit input for 24-bit lossless formats: the 16-bit signal << 8 */
        ffacm_wavefmt_pcm(&pcm, fmt->rate, fmt->channels, 24, 0, fmt->channels > 2, 0);
        for (size_t i = 0; i < in16.size / 2; i++) {
            int16_t s;
            memcpy(&s, in16.data + 2 * i, 2);
            int32_t v = s * 256 + 77;
            uint8_t b[3] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16) };
            put(&in, b, 3);
        }
    } else {
        put(&in, in16.data, in16.size);
    }
    CHECK(ffacm_stream_query(&pcm, fmt) == FFACM_OK, "%s: query", what);
    ffacm_stream *st;
    int ret = ffacm_stream_open(&pcm, fmt, &st);
    CHECK(ret == FFACM_OK, "%s: open %d", what, ret);
    if (ret != FFACM_OK) {
        free(in.data);
        free(in16.data);
        return;
    }
    int per_call = row->encoder->one_packet_per_call;
    buf stream = { 0 }, records = { 0 };
    int calls = 0;
    ret = convert_all(st, &in, 417 * pcm.block_align + 1, &stream, per_call ? &records : NULL, &calls);
    ffacm_stream_close(st);
    CHECK(ret == FFACM_OK && stream.size > 0, "%s: encode %d, %zu bytes", what, ret, stream.size);

    buf back = { 0 };
    ffacm_wavefmt out_pcm = pcm;
    if (in_bits != 24)
        ffacm_wavefmt_pcm(&out_pcm, fmt->rate, fmt->channels, 16, 0, 0, 0);
    CHECK(decode_back(fmt, &stream, per_call ? &records : NULL, &out_pcm, &back) == 0, "%s: decoder open", what);
    size_t frame_bytes = out_pcm.block_align;
    size_t in_frames = in.size / frame_bytes, out_frames = back.size / frame_bytes;
    if (row->codec_id == AV_CODEC_ID_FLAC) {
        CHECK(back.size == in.size && memcmp(back.data, in.data, in.size) == 0,
              "%s: lossless round trip differs (%zu vs %zu bytes)", what, back.size, in.size);
        printf("%-50s lossless, %zu frames, bit-exact %s\n", what, out_frames,
               back.size == in.size && !memcmp(back.data, in.data, in.size) ? "yes" : "NO");
    } else {
        size_t lag = 0;
        double snr = align_snr((const int16_t *)in.data, in_frames, (const int16_t *)back.data, out_frames,
                               fmt->channels, &lag);
        /* Everything that went in comes out, after the delay, up to one frame of padding. */
        long extra = (long)out_frames - (long)lag - (long)in_frames;
        printf("%-50s delay %zu, %zu -> %zu frames (+%ld padding), SNR %.1f dB, %d calls\n", what, lag, in_frames,
               out_frames, extra, snr, calls);
        CHECK(snr >= floor_for(row->tag, fmt), "%s: SNR %.1f dB below the floor", what, snr);
        CHECK(extra >= 0 && extra < 2 * 1152 + 2048, "%s: %ld frames beyond input+delay", what, extra);
    }
    if (with_ffmpeg)
        check_with_ffmpeg(tools, tmp, fmt, &stream, per_call ? &records : NULL,
                          row->codec_id == AV_CODEC_ID_OPUS ? 960 : 1024, &back, what);
    free(stream.data);
    free(records.data);
    free(back.data);
    free(in.data);
    free(in16.data);
}

int main(int argc, char **argv)
{
    const char *tools = argc > 1 ? argv[1] : "tests/tools";
    const char *tmp = argc > 2 ? argv[2] : "/tmp";
    int all = getenv("FFACM_TEST_ALL") != NULL;
    size_t count;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    for (size_t r = 0; r < count; r++) {
        const ffacm_format_row *row = &rows[r];
        if (!row->encoder)
            continue;
        uint32_t n = ffacm_format_count(row);
        CHECK(n > 0, "encoder row 0x%04x enumerates nothing", row->tag);
        for (uint32_t i = 0; i < n; i++) {
            /* A spread of formats (first, last, every 7th) unless asked for all. */
            if (!all && i != 0 && i != n - 1 && i % 7 != 3)
                continue;
            ffacm_wavefmt fmt;
            uint8_t extra[256];
            ffacm_format_get(row, i, &fmt, extra);
            test_format(row, &fmt, tools, tmp, i % 7 == 3);
        }
    }
    test_after_end(0xF1AC); /* FLAC */
    test_after_end(0x0006); /* A-law */
    return check_summary("test_encoder");
}
