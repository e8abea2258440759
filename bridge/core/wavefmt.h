/* WAVEFORMATEX as plain data, without windows.h.
 *
 * The ACM hands us WAVEFORMATEX pointers whose real size we often cannot know.  Everything in
 * the core works on this parsed, bounds-checked copy instead, so the rules about lying cbSize,
 * 16-byte PCM WAVEFORMATs and WAVE_FORMAT_EXTENSIBLE live in exactly one place. */
#ifndef FFACM_WAVEFMT_H
#define FFACM_WAVEFMT_H

#include <stddef.h>
#include <stdint.h>

#define FFACM_TAG_PCM 0x0001u
#define FFACM_TAG_IEEE_FLOAT 0x0003u
#define FFACM_TAG_EXTENSIBLE 0xFFFEu

#define FFACM_WAVEFORMATEX_SIZE 18u /* sizeof(WAVEFORMATEX) with pack(1) */
#define FFACM_EXTENSIBLE_EXTRA 22u  /* valid bits + channel mask + subformat GUID */

typedef struct ffacm_wavefmt {
    uint16_t tag;               /* wFormatTag as written (0xFFFE stays 0xFFFE) */
    uint16_t channels;
    uint32_t rate;
    uint32_t avg_bytes_per_sec;
    uint16_t block_align;
    uint16_t bits_per_sample;
    uint16_t cb_size;           /* as declared by the caller */
    /* WAVE_FORMAT_EXTENSIBLE fields (zero otherwise). */
    uint16_t valid_bits;
    uint32_t channel_mask;
    uint8_t subformat[16];
    /* The tag the payload really has: wFormatTag, or for EXTENSIBLE the tag carried by a
     * KSDATAFORMAT_SUBTYPE-style GUID (0 when the GUID is not of that family). */
    uint16_t codec_tag;
    /* Codec extra bytes: after WAVEFORMATEX, or after the 22 extensible bytes. Borrowed. */
    const uint8_t *extra;
    size_t extra_size;
} ffacm_wavefmt;

enum ffacm_wavefmt_status {
    FFACM_WAVEFMT_OK = 0,
    FFACM_WAVEFMT_TRUNCATED = -1,  /* fewer bytes than the header says */
    FFACM_WAVEFMT_INVALID = -2,    /* extensible without its 22 bytes, and similar */
};

/* Parse `size` readable bytes.  PCM (tag 1) ignores cbSize, as msacm copies PCM formats with
 * only 16 or 18 bytes; every other tag must have 18 + cbSize bytes readable. */
int ffacm_wavefmt_parse(const void *bytes, size_t size, ffacm_wavefmt *out);

/* Size the serialised form of `fmt` takes (18 + extensible bytes + extra_size). */
size_t ffacm_wavefmt_size(const ffacm_wavefmt *fmt);

/* Serialise into `dst` (little endian, packed).  cbSize is recomputed from the extensible
 * bytes and extra_size.  Returns the bytes written, or 0 when `cap` is too small. */
size_t ffacm_wavefmt_write(const ffacm_wavefmt *fmt, void *dst, size_t cap);

/* Fill the fields of a PCM/float format (plain tag or EXTENSIBLE when `extensible`), deriving
 * block_align and avg_bytes_per_sec. `float_samples` selects IEEE float. */
void ffacm_wavefmt_pcm(ffacm_wavefmt *out, uint32_t rate, uint16_t channels, uint16_t bits,
                       int float_samples, int extensible, uint32_t channel_mask);

/* True when the format is linear PCM or IEEE float, by tag or by extensible subformat. */
int ffacm_wavefmt_is_pcm(const ffacm_wavefmt *fmt);
int ffacm_wavefmt_is_float(const ffacm_wavefmt *fmt);

/* The GUID {tag-0000-0010-8000-00AA00389B71} that carries a 16-bit tag in EXTENSIBLE. */
void ffacm_tag_guid(uint16_t tag, uint8_t guid[16]);

static inline uint16_t ffacm_rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t ffacm_rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint32_t ffacm_rd32be(const uint8_t *p)
{
    return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}
static inline void ffacm_wr16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void ffacm_wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

#endif
