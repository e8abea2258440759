/* Encoders through the stream adapter, natively: PCM -> ffacm encoder -> ffacm decoder, and
 * the same bytes -> Debian's ffmpeg.
 *
 * For every encoder row, a handful of its standard formats (all of them with FFACM_TEST_ALL)
 * must open, take PCM in awkward chunk sizes with START/END as VirtualDub sends them, and give
 * a stream that decodes again: lossless codecs bit-exact, lossy ones above a quality floor
 * once aligned by their delay, and as long as the input (delay removed) up to the padding
 * of the last frame.  Debian's ffmpeg must decode the same stream to the same samples.
 * The same PCM also goes through Wine 8's AVISave calling pattern (run_avifile): contiguous,
 * short only by the encoder's tail, or refused at the first read where avifil32's
 * arithmetic cannot work (test_avifile_pattern). */
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
                            int *filled, uint32_t flags)
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
        /* A buffer of STREAM_SIZE(SOURCE) bytes filled to the brim: the bound did not hold
         * (output was left over for the next call). */
        *filled += made == cap;
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

static int convert_all(ffacm_stream *st, const buf *in, size_t chunk, buf *out, buf *records, int *calls,
                       int *filled)
{
    return convert_all_from(st, in, chunk, out, records, calls, filled,
                            FFACM_CONVERT_START | FFACM_CONVERT_BLOCKALIGN);
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
    int calls = 0, filled = 0;
    int r1 = convert_all(st, &in, 4096, &first, NULL, &calls, &filled);
    int r2 = convert_all_from(st, &in, 4096, &second, NULL, &calls, &filled, FFACM_CONVERT_BLOCKALIGN);
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

/* How Wine 8's AVISave ended (see run_avifile). */
enum { AVI_DONE, AVI_INPUT_END, AVI_NO_OUTPUT, AVI_COMPRESSOR };

/* msacm's acmStreamSize as avifil32 uses it: 0 when the driver refuses. */
static uint32_t acm_size(const ffacm_stream *st, int destination, uint64_t bytes)
{
    uint32_t answer = 0;
    if (bytes == 0 || bytes > 0xFFFFFFF0u || ffacm_stream_size_answer(st, destination, (uint32_t)bytes, &answer) < 0)
        return 0;
    return answer;
}

/* Wine 8's AVISave of avifil32's ACM compressing stream, call for call (dlls/avifil32/api.c
 * AVISaveVW without interleaving; acmstream.c AVIFILE_OpenCompressor and ACMStream_fnRead):
 *  - the stream's length is STREAM_SIZE(SOURCE, whole input) / nBlockAlign of the output;
 *  - each read asks for min(length - position, 65536 / nBlockAlign) output samples into a
 *    64 KiB buffer, maps the position to the input with STREAM_SIZE(DESTINATION, position *
 *    nBlockAlign) / input nBlockAlign, hands over one input sample per output sample asked
 *    for, converts ONCE with flags 0 (never START or END), ignores cbSrcLengthUsed and
 *    advances by cbDstLengthUsed / nBlockAlign;
 *  - each read's output is one chunk; a read with no whole output sample ends the save
 *    (AVIERR_FILEREAD) unless one sample was left: AVI_INPUT_END when all input was in by
 *    then (a frame codec's normal end), AVI_NO_OUTPUT when not.
 * Returns how it ended; the chunks go to `out` (and, length-prefixed, to `records`). */
static int run_avifile(ffacm_stream *st, const buf *in, uint32_t in_ba, uint32_t out_ba, buf *out, buf *records,
                       int *reads, uint64_t *left)
{
    uint64_t length = acm_size(st, 0, in->size) / out_ba, pos = 0;
    uint8_t *dst = malloc(65536);
    int how = AVI_DONE;
    while (pos < length) {
        uint64_t samples = length - pos;
        if (samples * out_ba > 65536)
            samples = 65536 / out_ba;
        uint64_t start = acm_size(st, 1, pos * out_ba) / in_ba * in_ba;
        uint64_t n = start < in->size ? in->size - start : 0;
        if (n > samples * in_ba)
            n = samples * in_ba;
        if (n == 0) { /* the input stream's read gives nothing: no conversion, no samples */
            how = length - pos == 1 ? AVI_DONE : AVI_INPUT_END;
            break;
        }
        uint32_t used = 0, made = 0;
        (*reads)++;
        if (ffacm_stream_convert(st, in->data + start, (uint32_t)n, dst, 65536, 0, &used, &made) != FFACM_OK) {
            how = AVI_COMPRESSOR;
            break;
        }
        put(out, dst, made);
        if (records && made) {
            uint32_t len = made;
            put(records, &len, 4);
            put(records, dst, made);
        }
        if (made / out_ba == 0) { /* the save ends here; after the last input that is its normal end */
            how = start + used >= in->size ? AVI_INPUT_END : AVI_NO_OUTPUT;
            break;
        }
        pos += made / out_ba;
    }
    *left = length - pos; /* output samples the save still had in its length */
    free(dst);
    return how;
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

/* The whole file at `path` appended to `out` (nothing when it cannot be read). */
static void read_file(const char *path, buf *out)
{
    FILE *f = fopen(path, "rb");
    uint8_t chunk[65536];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(out, chunk, n);
    if (f)
        fclose(f);
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
             tools, path, riff_path, spp,
             /* Debian's ffmpeg maps neither tag to a codec in RIFF by itself */
             fmt->codec_tag == 0x704F ? "-c:a opus" : fmt->codec_tag == 0x6C61 ? "-c:a alac" : "", riff_path,
             fmt->bits_per_sample == 24 ? "s24le" : "s16le", raw);
    if (ffacm_format_find(fmt)->encoder->ogg_pages) {
        /* An Ogg page stream (Vorbis-ACM mode 1) is an .ogg file as it stands, and FFmpeg
         * does not know the Vorbis-ACM tags: give it the data. */
        snprintf(riff_path, sizeof riff_path, "%s/enc.ogg", tmp);
        write_file(riff_path, stream->data, stream->size);
        snprintf(cmd, sizeof cmd, "ffmpeg -v error -nostdin -y -i %s -f s16le %s", riff_path, raw);
    }
    int rc = system(cmd);
    CHECK(rc == 0, "%s: ffmpeg could not decode the stream (%s)", what, cmd);
    if (rc)
        return;
    buf theirs = { 0 };
    read_file(raw, &theirs);
    int same = theirs.size == ours->size && memcmp(theirs.data, ours->data, ours->size) == 0;
    CHECK(same, "%s: ffmpeg decodes %zu bytes, ffacm %zu (or they differ)", what, theirs.size, ours->size);
    free(theirs.data);
}

/* Encoders whose output must equal, byte for byte, what Debian's ffmpeg makes of the same
 * samples (same library, same settings: nothing lost or added on the way through ffacm). */
typedef struct reference_entry {
    uint16_t tag;
    const char *ffmpeg_args; /* encoder options for ffmpeg (which writes a WAV: its data chunk counts) */
} reference_entry;

static const reference_entry references[] = {
    /* libgsm_ms: -strict unofficial for the rates other than 8 kHz (encode_gsm.c). */
    { 0x0031, "-strict unofficial -c:a libgsm_ms" },
};

static void check_reference_bytes(uint16_t tag, const char *tools, const char *tmp, const ffacm_wavefmt *pcm, const buf *in,
                                  const buf *stream, const char *what)
{
    const char *args = NULL;
    for (size_t i = 0; i < sizeof references / sizeof references[0]; i++)
        if (references[i].tag == tag)
            args = references[i].ffmpeg_args;
    if (!args)
        return;
    char in_path[300], wav_path[300], out_path[300], cmd[4096];
    snprintf(in_path, sizeof in_path, "%s/ref_in.s16", tmp);
    snprintf(wav_path, sizeof wav_path, "%s/ref_out.wav", tmp);
    snprintf(out_path, sizeof out_path, "%s/ref_out.raw", tmp);
    CHECK(write_file(in_path, in->data, in->size) == 0, "%s: cannot write %s", what, in_path);
    snprintf(cmd, sizeof cmd,
             "ffmpeg -v error -nostdin -y -f s16le -ar %u -ac %u -i %s %s -f wav %s && "
             "python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import riff; "
             "open(sys.argv[3], \"wb\").write(riff.read_wav(sys.argv[2])[1])' %s %s %s",
             pcm->rate, pcm->channels, in_path, args, wav_path, tools, wav_path, out_path);
    int rc = system(cmd);
    CHECK(rc == 0, "%s: reference encode failed (%s)", what, cmd);
    if (rc)
        return;
    buf theirs = { 0 };
    read_file(out_path, &theirs);
    size_t same = 0;
    while (same < theirs.size && same < stream->size && theirs.data[same] == stream->data[same])
        same++;
    int equal = theirs.size == stream->size && same == stream->size;
    printf("%-50s vs ffmpeg %s: %zu vs %zu bytes, %s\n", what, args, stream->size, theirs.size,
           equal ? "identical" : "DIFFERENT");
    CHECK(equal, "%s: ffacm wrote %zu bytes, ffmpeg %zu, first difference at byte %zu", what, stream->size,
          theirs.size, same);
    free(theirs.data);
}

/* Absolute granule positions (what libvorbisfile seeks and cuts by): the pages of the first
 * three packets (headers) and of the first audio packet (which decodes to nothing) are at 0,
 * the positions never go back, and the EOS page is at the input's length. */
static void check_granules(const buf *s, size_t in_frames, const char *what)
{
    int64_t last = 0;
    int pages = 0, eos = 0, back = 0;
    for (size_t k = 0; k + 27 <= s->size; pages++) {
        const uint8_t *p = s->data + k;
        if (memcmp(p, "OggS", 4) != 0 || k + 27 + p[26] > s->size)
            break;
        int64_t g = 0;
        for (int i = 7; i >= 0; i--)
            g = g << 8 | p[6 + i];
        size_t body = 0;
        for (unsigned i = 0; i < p[26]; i++)
            body += p[27 + i];
        if (pages < 4)
            back |= g != 0;
        if (g != -1) {
            back |= g < last;
            last = g;
        }
        eos = (p[5] & 4) != 0;
        k += 27 + p[26] + body;
    }
    CHECK(!back && eos && last == (int64_t)in_frames, "%s: granules: %d pages, EOS %d, last %lld, input %zu%s", what,
          pages, eos, (long long)last, in_frames, back ? ", out of order" : "");
}

typedef struct floor_entry {
    uint16_t tag;
    double snr_db; /* lossy codecs: the least signal-to-noise ratio accepted */
} floor_entry;

/* Per-codec quality floors at the formats tested (a tone and a chirp: easy material, so the
 * floors are set well below what each codec reaches and still catch a broken pipeline,
 * which gives near 0 dB). */
static const floor_entry floors[] = {
    { 0x0055, 12 }, { 0x0050, 12 }, { 0x00FF, 12 }, { 0x1600, 12 }, { 0x2000, 12 }, { 0x704F, 10 }, { 0x674F, 12 },
    { 0xFFFE, 12 }, /* E-AC-3, the one extensible-subformat encoder: AC-3's floor */
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

/* Whether avifil32's arithmetic lets a format be written at all: each read hands the codec
 * 65536 / nBlockAlign input frames, and the first must complete a block of nBlockAlign *
 * rate / nAvgBytesPerSec frames (false for ADPCM blocks and the fixed-size frames of 32/48 kHz
 * AC-3 and MPEG L2; tests/hosts/test_avifile.c has the same rule). */
static int avifil32_can_write(const ffacm_wavefmt *fmt, uint64_t length)
{
    if (fmt->block_align <= 1 || !fmt->avg_bytes_per_sec)
        return 1;
    double per_block = (double)fmt->block_align * fmt->rate / fmt->avg_bytes_per_sec;
    /* The first read asks for min(stream length, 64 KiB / nBlockAlign) samples: a short
     * stream (GSM's 3 s here are 105 blocks by the SOURCE bound) gives the codec less too. */
    uint64_t first = 65536 / fmt->block_align;
    if (length < first)
        first = length;
    return (double)first + 0.5 >= per_block;
}

/* The same PCM saved the way Wine's AVISave does it (run_avifile), decoded back: every input
 * frame in order, none twice, up to the encoder's tail (avifil32 never sends END: what the
 * codec holds at the end is not written).  The tail: half a second, plus the MP3 frames
 * FFmpeg's libmp3lame wrapper queues (it returns one packet per input frame, so frames LAME
 * emits together wait for END). */
static void test_avifile_pattern(const ffacm_format_row *row, const ffacm_wavefmt *fmt, const ffacm_wavefmt *pcm,
                                 const buf *in, const char *what)
{
    ffacm_stream *st;
    if (ffacm_stream_open(pcm, fmt, &st) != FFACM_OK)
        return;
    int per_call = row->encoder->one_packet_per_call, reads = 0;
    uint32_t out_ba = fmt->block_align ? fmt->block_align : 1;
    buf stream = { 0 }, records = { 0 }, back = { 0 };
    uint64_t length = acm_size(st, 0, in->size) / out_ba;
    uint64_t left = 0;
    int how = run_avifile(st, in, pcm->block_align, out_ba, &stream, per_call ? &records : NULL, &reads, &left);
    ffacm_stream_close(st);
    static const char *const hows[] = { "done", "input end", "no output", "compressor error" };
    size_t in_frames = in->size / pcm->block_align;
    if (!avifil32_can_write(fmt, length)) {
        printf("%-50s avifile: %s after %d reads (nBlockAlign %u: beyond avifil32)\n", what, hows[how], reads,
               fmt->block_align);
        CHECK(how == AVI_NO_OUTPUT && reads == 1, "%s: avifile: %s after %d reads, expected no output", what, hows[how],
              reads);
        free(stream.data);
        free(records.data);
        return;
    }
    decode_back(fmt, &stream, per_call ? &records : NULL, pcm, &back);
    size_t out_frames = back.size / pcm->block_align;
    long tail_max = (long)fmt->rate / 2 + 8 * 1152;
    if (row->codec_id == AV_CODEC_ID_FLAC) {
        int prefix = back.size <= in->size && memcmp(back.data, in->data, back.size) == 0;
        long missing = (long)in_frames - (long)out_frames;
        printf("%-50s avifile: %s after %d reads, %zu of %zu frames, bit-exact prefix %s\n", what, hows[how], reads,
               out_frames, in_frames, prefix ? "yes" : "NO");
        CHECK(how == AVI_INPUT_END && prefix && missing <= tail_max, "%s: avifile: %s, %zu of %zu frames, prefix %d",
              what, hows[how], out_frames, in_frames, prefix);
    } else {
        size_t lag = 0;
        double snr = out_frames > 16384 ? align_snr((const int16_t *)in->data, in_frames, (const int16_t *)back.data,
                                                    out_frames, fmt->channels, &lag) : 0;
        long missing = (long)in_frames - (long)(out_frames - lag);
        printf("%-50s avifile: %s after %d reads, %zu of %zu frames (delay %zu, %ld missing), SNR %.1f dB\n", what,
               hows[how], reads, out_frames, in_frames, lag, missing, snr);
        CHECK(snr >= floor_for(row->tag, fmt), "%s: avifile: SNR %.1f dB below the floor", what, snr);
        if (row->encoder->sample_codec)
            CHECK(how == AVI_DONE && out_frames == in_frames, "%s: avifile: %s, %zu of %zu frames", what, hows[how],
                  out_frames, in_frames);
        else if (how == AVI_NO_OUTPUT && fmt->block_align > 1 && fmt->avg_bytes_per_sec &&
                 (double)left < (double)fmt->block_align * fmt->rate / fmt->avg_bytes_per_sec)
            /* A block codec (GSM: 320 frames a block) where avifil32's length, counted in
             * blocks but handed out one input frame per block, runs down to less than one
             * block's input before the input does: the save stops there, with what it wrote
             * an in-order prefix (the SNR above).  Wine's arithmetic, not ffacm's. */
            printf("%-50s avifile: stopped by avifil32's length (%llu samples left < one block)\n", what,
                   (unsigned long long)left);
        else
            CHECK(how == AVI_INPUT_END && missing >= -2304 && missing <= tail_max,
                  "%s: avifile: %s, %ld frames missing", what, hows[how], missing);
    }
    free(stream.data);
    free(records.data);
    free(back.data);
}

/* Encoded output goes out in whole nBlockAlign blocks; a host buffer smaller than one block
 * still gets the bytes (every call must progress), and the stream is the same. */
static void test_small_buffers(const ffacm_wavefmt *fmt, const ffacm_wavefmt *pcm, const buf *in,
                               const buf *reference, const char *what)
{
    ffacm_stream *st;
    if (fmt->block_align < 2 || ffacm_stream_open(pcm, fmt, &st) != FFACM_OK)
        return;
    uint32_t room = fmt->block_align / 2;
    uint8_t *dst = malloc(room);
    buf out = { 0 };
    size_t pos = 0;
    int stuck = 0;
    uint32_t flags = FFACM_CONVERT_START | FFACM_CONVERT_BLOCKALIGN;
    for (int guard = 0; guard < 50000000 && !stuck; guard++) {
        size_t n = in->size - pos < 4096 ? in->size - pos : 4096;
        uint32_t used = 0, made = 0;
        ffacm_stream_convert(st, in->data + pos, (uint32_t)n, dst, room, flags | (n ? 0 : FFACM_CONVERT_END), &used,
                             &made);
        put(&out, dst, made);
        pos += used;
        flags = FFACM_CONVERT_BLOCKALIGN;
        if (!used && !made)
            stuck = n > 0 ? 1 : 2; /* 2: the end, everything drained */
    }
    ffacm_stream_close(st);
    CHECK(stuck == 2 && out.size == reference->size && memcmp(out.data, reference->data, out.size) == 0,
          "%s: %u-byte buffers: %s, %zu bytes vs %zu", what, room, stuck == 1 ? "jammed" : "ended", out.size,
          reference->size);
    free(out.data);
    free(dst);
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
    int calls = 0, filled = 0;
    ret = convert_all(st, &in, 417 * pcm.block_align + 1, &stream, per_call ? &records : NULL, &calls, &filled);
    ffacm_stream_close(st);
    CHECK(ret == FFACM_OK && stream.size > 0, "%s: encode %d, %zu bytes", what, ret, stream.size);
    /* (A sample codec fills it exactly: its bound is exact.) */
    CHECK(filled == 0 || row->encoder->sample_codec, "%s: %d calls filled their STREAM_SIZE(SOURCE) buffer", what,
          filled);

    buf back = { 0 };
    ffacm_wavefmt out_pcm = pcm;
    if (in_bits != 24)
        ffacm_wavefmt_pcm(&out_pcm, fmt->rate, fmt->channels, 16, 0, 0, 0);
    CHECK(decode_back(fmt, &stream, per_call ? &records : NULL, &out_pcm, &back) == 0, "%s: decoder open", what);
    size_t frame_bytes = out_pcm.block_align;
    size_t in_frames = in.size / frame_bytes, out_frames = back.size / frame_bytes;
    if (row->codec_id == AV_CODEC_ID_FLAC || row->codec_id == AV_CODEC_ID_ALAC) {
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
        /* Ogg granule positions make the stream sample-exact: no delay, no padding. */
        if (row->encoder->ogg_pages) {
            CHECK(out_frames == in_frames && lag == 0, "%s: %zu frames in, %zu out (lag %zu): not sample-exact",
                  what, in_frames, out_frames, lag);
            check_granules(&stream, in_frames, what);
        }
    }
    if (row->encoder->ogg_pages) {
        /* A short stream in one call (header pages, every packet and EOS at once) within
         * STREAM_SIZE(SOURCE), and still exactly as long as its input. */
        buf shorter = { 0 }, once = { 0 }, again = { 0 };
        put(&shorter, in.data, 1000 * pcm.block_align);
        int calls1 = 0, filled1 = 0;
        if (ffacm_stream_open(&pcm, fmt, &st) == FFACM_OK) {
            ret = convert_all(st, &shorter, shorter.size, &once, NULL, &calls1, &filled1);
            ffacm_stream_close(st);
            CHECK(ret == FFACM_OK && filled1 == 0, "%s: a 1000-frame stream in one call: %d, filled %d", what, ret,
                  filled1);
            CHECK(decode_back(fmt, &once, NULL, &out_pcm, &again) == 0 && again.size == shorter.size,
                  "%s: a 1000-frame stream decodes to %zu bytes, not %zu", what, again.size, shorter.size);
            check_granules(&once, 1000, what);
            /* A stream that goes on after END is a chained Ogg stream (new serial, its own
             * header pages): ffacm's decoder reads both, 2000 frames in all. */
            buf twice = { 0 }, both = { 0 };
            if (ffacm_stream_open(&pcm, fmt, &st) == FFACM_OK) {
                ret = convert_all(st, &shorter, shorter.size, &twice, NULL, &calls1, &filled1);
                ret |= convert_all(st, &shorter, shorter.size, &twice, NULL, &calls1, &filled1);
                ffacm_stream_close(st);
                CHECK(ret == FFACM_OK && decode_back(fmt, &twice, NULL, &out_pcm, &both) == 0 &&
                          both.size == 2 * shorter.size,
                      "%s: two chained 1000-frame streams decode to %zu bytes, not %zu", what, both.size,
                      2 * shorter.size);
            }
            free(twice.data);
            free(both.data);
        }
        free(shorter.data);
        free(once.data);
        free(again.data);
    }
    if (in_bits == 16 && pcm.rate == fmt->rate && pcm.channels == fmt->channels)
        check_reference_bytes(row->tag, tools, tmp, &pcm, &in, &stream, what);
    if (in_bits != 24)
        test_avifile_pattern(row, fmt, &pcm, &in, what);
    if (!per_call)
        test_small_buffers(fmt, &pcm, &in, &stream, what);
    if (with_ffmpeg)
        check_with_ffmpeg(tools, tmp, fmt, &stream, per_call ? &records : NULL,
                          row->codec_id == AV_CODEC_ID_OPUS ? 960 : row->codec_id == AV_CODEC_ID_ALAC ? 4096 : 1024,
                          &back, what);
    free(stream.data);
    free(records.data);
    free(back.data);
    free(in.data);
    free(in16.data);
}

/* GSM 6.10 destinations: msgsm32's GSM610WAVEFORMAT opens; a field libgsm_ms would not honour
 * (another block size or samples per block, stereo, a rate Windows' codec does not list,
 * wBitsPerSample other than 0) is refused, not silently changed. */
static void test_gsm_formats(void)
{
    static const struct {
        const char *what;
        uint32_t rate;
        uint16_t channels, block_align, bits, samples_per_block;
        int ok;
    } cases[] = {
        { "standard 8 kHz", 8000, 1, 65, 0, 320, 1 }, { "standard 22.05 kHz", 22050, 1, 65, 0, 320, 1 },
        { "nBlockAlign 64", 8000, 1, 64, 0, 320, 0 }, { "nBlockAlign 130", 8000, 1, 130, 0, 320, 0 },
        { "stereo", 8000, 2, 65, 0, 320, 0 },         { "16 kHz", 16000, 1, 65, 0, 320, 0 },
        { "wBitsPerSample 16", 8000, 1, 65, 16, 320, 0 }, { "wSamplesPerBlock 160", 8000, 1, 65, 0, 160, 0 },
    };
    const ffacm_format_row *row = ffacm_format_find_tag(0x0031);
    CHECK(row && row->encoder && ffacm_format_count(row) == 4, "GSM row: 4 standard formats");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ffacm_wavefmt dst; /* standard format 0 (8 kHz), then the case's fields */
        uint8_t extra[2];
        if (!row || ffacm_format_get(row, 0, &dst, extra) < 0)
            return;
        CHECK(dst.rate == 8000 && dst.avg_bytes_per_sec == 1625 && dst.block_align == 65 && dst.bits_per_sample == 0 &&
                  dst.extra_size == 2 && extra[0] == 0x40 && extra[1] == 0x01,
              "GSM standard format 0 is not msgsm32's 8 kHz GSM610WAVEFORMAT");
        dst.rate = cases[i].rate;
        dst.channels = cases[i].channels;
        dst.avg_bytes_per_sec = cases[i].rate * 65 / 320;
        dst.block_align = cases[i].block_align;
        dst.bits_per_sample = cases[i].bits;
        extra[0] = (uint8_t)cases[i].samples_per_block;
        extra[1] = (uint8_t)(cases[i].samples_per_block >> 8);
        dst.extra = extra;
        ffacm_wavefmt pcm;
        ffacm_wavefmt_pcm(&pcm, 44100, 2, 16, 0, 0, 0);
        int q = ffacm_stream_query(&pcm, &dst);
        CHECK((q == FFACM_OK) == cases[i].ok, "GSM %s: query %d", cases[i].what, q);
    }
}

int main(int argc, char **argv)
{
    test_gsm_formats();
    const char *tools = argc > 1 ? argv[1] : "tests/tools";
    const char *tmp = argc > 2 ? argv[2] : "/tmp";
    int all = getenv("FFACM_TEST_ALL") != NULL;
    size_t count, n_guid;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    const ffacm_format_row *guid_rows = ffacm_format_subformat_rows(&n_guid);
    /* The tag rows, then the extensible-subformat rows (E-AC-3). */
    for (size_t r = 0; r < count + n_guid; r++) {
        const ffacm_format_row *row = r < count ? &rows[r] : &guid_rows[r - count];
        if (!row->encoder)
            continue;
        uint32_t n = ffacm_format_count(row);
        CHECK(n > 0, "encoder row 0x%04x enumerates nothing", row->tag);
        /* Every standard format must open the real encoder (libvorbis' bitrate ranges differ
         * per rate; a listed format it refuses would fail only at stream open). */
        for (uint32_t i = 0; i < n; i++) {
            ffacm_wavefmt fmt, pcm;
            uint8_t extra[256];
            ffacm_stream *st = NULL;
            ffacm_format_get(row, i, &fmt, extra);
            ffacm_wavefmt_pcm(&pcm, fmt.rate, fmt.channels, 16, 0, 0, 0);
            int ret = ffacm_stream_open(&pcm, &fmt, &st);
            CHECK(ret == FFACM_OK, "tag 0x%04x format %u (%u Hz %u ch %u bit/s): open %d", row->tag, i, fmt.rate,
                  fmt.channels, fmt.avg_bytes_per_sec * 8, ret);
            ffacm_stream_close(st);
        }
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
