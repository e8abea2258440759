/* Encoding Vorbis (libvorbis through FFmpeg's wrapper) the Vorbis-ACM way, mode 1 (0x674F).
 *
 * Mode 1 carries only the 8 bytes of versions after WAVEFORMATEX; the data is a complete Ogg
 * Vorbis stream, header pages first, as oggenc would write it (the encoder session writes the
 * pages: bridge/core/ogg_writer.h).  That keeps the format independent of the encoder's header
 * packets, so FORMAT_DETAILS and QUERY opens describe exactly what the encoder writes without
 * running libvorbis (mode 2 would need the setup header, several KB that only an initialised
 * encoder can produce, in every enumerated format).
 *
 * The formats are bitrate targets: libvorbis' managed mode with its slow rate management off,
 * i.e. VBR at the quality whose nominal rate is the target (oggenc -b).  The identification
 * header's nominal bitrate is then exactly nAvgBytesPerSec * 8. */
#include <stdio.h>

#include <libavcodec/avcodec.h>

#include "codecs.h"

/* The bitrates (kbit/s) libvorbis 1.3.7 accepts in managed mode, per rate, mono and stereo:
 * its setup templates cover different ranges (measured with Debian's ffmpeg -c:a libvorbis;
 * outside them the encoder refuses to open). */
static const struct vorbis_range {
    uint32_t rate;
    uint16_t min[2], max[2];
} ranges[] = {
    { 8000, { 16, 16 }, { 32, 80 } },    { 11025, { 16, 16 }, { 48, 96 } },
    { 16000, { 16, 24 }, { 96, 192 } },  { 22050, { 16, 32 }, { 80, 160 } },
    { 32000, { 32, 48 }, { 160, 320 } }, { 44100, { 32, 48 }, { 224, 500 } },
    { 48000, { 32, 48 }, { 224, 500 } },
};

/* The bitrates the grid lists (format_table.c); only these are accepted as destinations. */
static const uint32_t listed[] = { 16000, 24000, 32000, 48000, 64000, 80000, 96000, 112000, 128000,
                                   160000, 192000, 224000, 256000, 320000, 500000 };

int ffacm_valid_vorbis(uint32_t rate, uint16_t channels, uint32_t bitrate)
{
    if (channels < 1 || channels > 2)
        return 0;
    int known = 0;
    for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++)
        known |= listed[i] == bitrate;
    for (size_t i = 0; known && i < sizeof ranges / sizeof ranges[0]; i++)
        if (ranges[i].rate == rate)
            return bitrate >= ranges[i].min[channels - 1] * 1000u && bitrate <= ranges[i].max[channels - 1] * 1000u;
    return 0;
}

/* The versions after WAVEFORMATEX: the ACM codec's (mode-independent 1) and libvorbis' (1.3.7,
 * the library linked in), as the Vorbis ACM codec writes them. */
#define ACM_VERSION 0x00000001u
#define LIBVORBIS_VERSION 0x01030700u

void ffacm_enum_vorbis_acm(ffacm_wavefmt *fmt, uint32_t bitrate, uint8_t *extra)
{
    fmt->avg_bytes_per_sec = bitrate / 8;
    fmt->block_align = 1;
    ffacm_wr32(extra, ACM_VERSION);
    ffacm_wr32(extra + 4, LIBVORBIS_VERSION);
}

/* "128 kbit/s VBR, 44.1 kHz, stereo": the bitrate first, since it is what tells the formats
 * of one rate apart in a chooser. */
void ffacm_describe_vorbis_acm(const ffacm_wavefmt *fmt, char *out, size_t cap)
{
    char khz[16];
    int n = snprintf(khz, sizeof khz, "%u.%03u", fmt->rate / 1000, fmt->rate % 1000);
    while (n > 0 && khz[n - 1] == '0') /* 44.1, 11.025, 48 */
        khz[--n] = 0;
    if (n > 0 && khz[n - 1] == '.')
        khz[--n] = 0;
    snprintf(out, cap, "%u kbit/s VBR, %s kHz, %s", fmt->avg_bytes_per_sec * 8 / 1000, khz,
             fmt->channels == 1 ? "mono" : "stereo");
}

static int configure_vorbis_acm(const ffacm_wavefmt *dst, AVCodecContext *ctx)
{
    uint32_t bitrate = dst->avg_bytes_per_sec * 8;
    /* The versions are information only; a format without them is not a Vorbis-ACM one. */
    if (dst->extra_size < 8 || !ffacm_valid_vorbis(dst->rate, dst->channels, bitrate))
        return -1;
    if (ctx)
        ctx->bit_rate = bitrate;
    return 0;
}

/* The size model counts packets of at most max_packet_bytes, one per min_frame samples, plus
 * ten more for what the codec holds back and the header pages.  libvorbis' shortest block
 * is 256 samples at every rate it encodes, so a packet gives at least 128.  Measured on
 * white noise over the whole grid (Debian's libvorbis 1.3.7): header packets at most 4.2 KB
 * together, audio packets at most 1.3 KB for 1024 samples (0.16 KB for 128) at 500 kbit/s.
 * 512 bytes a channel per 128 samples plus a page header is several times that, and the ten
 * spare packets hold the header pages with what libvorbis flushes at END. */
static uint32_t vorbis_max_packet(const ffacm_wavefmt *dst)
{
    return 512u * dst->channels + 512u;
}

const ffacm_encoder_spec ffacm_encode_vorbis_acm = {
    .encoder = "libvorbis", .ogg_pages = 1, .min_frame = 128, .max_packet_bytes = vorbis_max_packet,
    .configure = configure_vorbis_acm,
};
