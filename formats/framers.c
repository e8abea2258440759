#include "framers.h"

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

const ffacm_framer ffacm_framer_mpeg_audio = {
    .name = "mpeg-audio", .header_size = 4, .frame_size = mpa_frame_size, .max_frame_size = 2881,
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

const ffacm_framer ffacm_framer_adts = {
    .name = "adts", .header_size = 7, .frame_size = adts_frame_size, .max_frame_size = 8191,
};
