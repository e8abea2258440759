#include "framers.h"

static uint32_t ffacm_rd32be_bytes(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- MPEG audio layers 1-3 (ISO 11172-3 / 13818-3) ------------------------------------- */

static const uint16_t mpa_bitrates[2][3][15] = {
    { /* MPEG-1: layers 1, 2, 3 */
      { 0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448 },
      { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384 },
      { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 } },
    { /* MPEG-2 and 2.5 */
      { 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256 },
      { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 },
      { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 } },
};
static const uint16_t mpa_rates[3] = { 44100, 48000, 32000 };

static unsigned mpa_frame_size(const uint8_t *p, int *continuation)
{
    *continuation = 0;
    if (p[0] != 0xFF || (p[1] & 0xE0) != 0xE0)
        return 0;
    unsigned version = (p[1] >> 3) & 3; /* 0: 2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1 */
    unsigned layer = 4 - ((p[1] >> 1) & 3);
    unsigned br_index = p[2] >> 4, rate_index = (p[2] >> 2) & 3, padding = (p[2] >> 1) & 1;
    if (version == 1 || layer == 4 || br_index == 0 || br_index == 15 || rate_index == 3)
        return 0; /* reserved values, and free format (which no decoder here splits) */
    int lsf = version != 3;
    unsigned rate = mpa_rates[rate_index] >> (version == 0 ? 2 : lsf);
    unsigned bitrate = mpa_bitrates[lsf][layer - 1][br_index] * 1000u;
    if (layer == 1)
        return (12 * bitrate / rate + padding) * 4;
    if (layer == 3 && lsf)
        return 72 * bitrate / rate + padding;
    return 144 * bitrate / rate + padding;
}

/* Version, layer and sample rate: FFmpeg's parser keys on the same bits (SAME_HEADER_MASK). */
static uint32_t mpa_stream_key(const uint8_t *p)
{
    return 0x80000000u | (uint32_t)(p[1] & 0xFE) << 8 | (p[2] & 0x0C);
}

const ffacm_framer ffacm_framer_mpeg_audio = {
    .name = "mpeg-audio", .header_size = 4, .frame_size = mpa_frame_size, .max_frame_size = 2881,
    .stream_key = mpa_stream_key,
};

/* ---- AC-3 (ATSC A/52) and E-AC-3 (Annex E) -------------------------------------------- */

static const uint16_t ac3_bitrates[19] = { 32, 40, 48, 56, 64, 80, 96, 112, 128, 160,
                                           192, 224, 256, 320, 384, 448, 512, 576, 640 };

static unsigned ac3_frame_size(const uint8_t *p, int *continuation)
{
    *continuation = 0;
    if (p[0] != 0x0B || p[1] != 0x77)
        return 0;
    unsigned bsid = p[5] >> 3;
    if (bsid <= 10) {
        unsigned fscod = p[4] >> 6, frmsizecod = p[4] & 0x3F;
        if (fscod == 3 || frmsizecod >= 38)
            return 0;
        unsigned kbps = ac3_bitrates[frmsizecod >> 1];
        static const unsigned rates[3] = { 48000, 44100, 32000 };
        unsigned words = kbps * 96000 / rates[fscod];
        if (fscod == 1)
            words += frmsizecod & 1;
        return words * 2;
    }
    if (bsid > 16)
        return 0;
    unsigned strmtyp = p[2] >> 6;
    if (strmtyp == 3)
        return 0;
    *continuation = strmtyp == 1; /* dependent substream */
    unsigned words = (((unsigned)p[2] & 7) << 8 | p[3]) + 1;
    return words < 4 ? 0 : words * 2;
}

const ffacm_framer ffacm_framer_ac3 = {
    .name = "ac3", .header_size = 6, .frame_size = ac3_frame_size, .max_frame_size = 4096,
};

/* ---- AAC in ADTS (ISO 14496-3 1.A.2) ----------------------------------------------- */

static unsigned adts_frame_size(const uint8_t *p, int *continuation)
{
    *continuation = 0;
    if (p[0] != 0xFF || (p[1] & 0xF6) != 0xF0)
        return 0; /* syncword, layer 0 */
    if (((p[2] >> 2) & 15) > 12)
        return 0; /* sampling frequency index */
    unsigned length = ((unsigned)p[3] & 3) << 11 | (unsigned)p[4] << 3 | p[5] >> 5;
    unsigned header = (p[1] & 1) ? 7 : 9; /* protection_absent */
    return length < header ? 0 : length;
}

/* MPEG version, profile, sampling frequency index and channel configuration. */
static uint32_t adts_stream_key(const uint8_t *p)
{
    return 0x80000000u | (uint32_t)(p[1] & 0x08) << 16 | (uint32_t)(p[2] & 0xFD) << 8 | (p[3] & 0xC0);
}

const ffacm_framer ffacm_framer_adts = {
    .name = "adts", .header_size = 7, .frame_size = adts_frame_size, .max_frame_size = 8191,
    .stream_key = adts_stream_key,
};

/* ---- DTS core (ETSI TS 102 114 5.3) and DTS-HD extension substreams (Annex 7) --------- */

static unsigned dts_frame_size(const uint8_t *p, int *continuation)
{
    uint8_t h[10];
    *continuation = 0;
    if (p[0] == 0x64 && p[1] == 0x58 && p[2] == 0x20 && p[3] == 0x25) {
        /* Extension substream: travels in one packet with the core frame before it. */
        /* 40 bits from byte 5: substream index (2), size flag (1), header size (8 or 12),
         * frame size - 1 (16 or 20). */
        uint64_t bits = (uint64_t)ffacm_rd32be_bytes(p + 5) << 8 | p[9];
        unsigned blown_up = (bits >> 37) & 1, fsize;
        if (blown_up)
            fsize = (unsigned)((bits >> 5) & 0xFFFFF) + 1;
        else
            fsize = (unsigned)((bits >> 13) & 0xFFFF) + 1;
        *continuation = 1;
        return fsize < 16 ? 0 : fsize;
    }
    if (p[0] == 0x7F && p[1] == 0xFE && p[2] == 0x80 && p[3] == 0x01) {
        for (int i = 0; i < 10; i++)
            h[i] = p[i];
    } else if (p[0] == 0xFE && p[1] == 0x7F && p[2] == 0x01 && p[3] == 0x80) {
        for (int i = 0; i < 10; i += 2) { /* 16-bit little-endian words */
            h[i] = p[i + 1];
            h[i + 1] = p[i];
        }
    } else {
        return 0;
    }
    unsigned nblks = (((unsigned)h[4] & 1) << 6 | h[5] >> 2) + 1;
    unsigned fsize = (((unsigned)h[5] & 3) << 12 | (unsigned)h[6] << 4 | h[7] >> 4) + 1;
    if (nblks < 6 || fsize < 96)
        return 0; /* NBLKS < 5 and FSIZE < 95 are invalid */
    return fsize;
}

const ffacm_framer ffacm_framer_dts = {
    .name = "dts", .header_size = 10, .frame_size = dts_frame_size, .max_frame_size = 1 << 20,
};

/* ---- AAC in LOAS (ISO 14496-3 1.7.2, AudioSyncStream) --------------------------------- */

static unsigned loas_frame_size(const uint8_t *p, int *continuation)
{
    *continuation = 0;
    if (p[0] != 0x56 || (p[1] & 0xE0) != 0xE0)
        return 0;
    unsigned length = ((unsigned)p[1] & 0x1F) << 8 | p[2];
    return length ? 3 + length : 0;
}

const ffacm_framer ffacm_framer_loas = {
    .name = "loas", .header_size = 3, .frame_size = loas_frame_size, .max_frame_size = 3 + 8191,
};

/* ---- AMR-NB / AMR-WB storage format (RFC 4867 5.3): a ToC byte, then the speech bits --- */

static unsigned amr_frame_size(const uint8_t *p, const uint8_t sizes[16])
{
    unsigned ft = (p[0] >> 3) & 15;
    if ((p[0] & 0x83) != 0 || (sizes[ft] == 0 && ft != 15 && ft != 14))
        return 0; /* F bit and padding must be 0; reserved frame types */
    return 1u + sizes[ft];
}

static const uint8_t amrnb_sizes[16] = { 12, 13, 15, 17, 19, 20, 26, 31, 5, 6, 5, 5, 0, 0, 0, 0 };
static const uint8_t amrwb_sizes[16] = { 17, 23, 32, 36, 40, 46, 50, 58, 60, 5, 0, 0, 0, 0, 0, 0 };

static unsigned amrnb_frame_size(const uint8_t *p, int *continuation)
{
    *continuation = 0;
    if (((p[0] >> 3) & 15) == 14)
        return 0; /* "speech lost" is a WB frame type only */
    return amr_frame_size(p, amrnb_sizes);
}

static unsigned amrwb_frame_size(const uint8_t *p, int *continuation)
{
    *continuation = 0;
    return amr_frame_size(p, amrwb_sizes);
}

const ffacm_framer ffacm_framer_amrnb = {
    .name = "amr-nb", .header_size = 1, .frame_size = amrnb_frame_size, .max_frame_size = 32,
};
const ffacm_framer ffacm_framer_amrwb = {
    .name = "amr-wb", .header_size = 1, .frame_size = amrwb_frame_size, .max_frame_size = 61,
};

/* ---- G.723.1 (ITU-T G.723.1 5.5): the frame type is in the low two bits of the first byte -- */

static unsigned g723_1_frame_size(const uint8_t *p, int *continuation)
{
    static const uint8_t sizes[4] = { 24, 20, 4, 1 }; /* 6.3k, 5.3k, SID, untransmitted */
    *continuation = 0;
    return sizes[p[0] & 3];
}

const ffacm_framer ffacm_framer_g723_1 = {
    .name = "g723.1", .header_size = 1, .frame_size = g723_1_frame_size, .max_frame_size = 24,
};
