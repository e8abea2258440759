#include "flac_frame.h"

#include <libavutil/bswap.h>
#include <libavutil/crc.h>

static uint8_t crc8(const uint8_t *p, size_t n)
{
    uint8_t crc = 0;
    while (n--) {
        crc ^= *p++;
        for (int i = 0; i < 8; i++)
            crc = (uint8_t)(crc & 0x80 ? (crc << 1) ^ 0x07 : crc << 1);
    }
    return crc;
}

/* libavutil's CRC-16 (the polynomial FLAC uses, 0x8005) reads four bytes per step; a byte-wise
 * table loop made the CRC the largest single cost of FLAC decoding (bench/README.md).  Its
 * running value is the byte-swapped CRC, as in FFmpeg's FLAC encoder. */
uint16_t ffacm_flac_crc16(uint16_t crc, const uint8_t *p, size_t n)
{
    const AVCRC *table = av_crc_get_table(AV_CRC_16_ANSI);
    return av_bswap16((uint16_t)av_crc(table, av_bswap16(crc), p, n));
}

int ffacm_flac_header(const uint8_t *p, size_t avail, unsigned *header_len, unsigned *block_size)
{
    if (avail < 4)
        return avail >= 1 && p[0] != 0xFF ? 0 : (avail >= 2 && (p[1] & 0xFE) != 0xF8 ? 0 : -1);
    if (p[0] != 0xFF || (p[1] & 0xFE) != 0xF8)
        return 0;
    unsigned bs_code = p[2] >> 4, rate_code = p[2] & 15;
    unsigned channels = p[3] >> 4, size_code = (p[3] >> 1) & 7;
    if (bs_code == 0 || rate_code == 15 || channels > 10 || size_code == 3 || size_code == 7 || (p[3] & 1))
        return 0;
    /* The frame/sample number, UTF-8 style: 1 to 7 bytes. */
    size_t pos = 4;
    if (avail <= pos)
        return -1;
    unsigned lead = p[pos], extra = 0;
    if (lead < 0x80)
        extra = 0;
    else if ((lead & 0xE0) == 0xC0) extra = 1;
    else if ((lead & 0xF0) == 0xE0) extra = 2;
    else if ((lead & 0xF8) == 0xF0) extra = 3;
    else if ((lead & 0xFC) == 0xF8) extra = 4;
    else if ((lead & 0xFE) == 0xFC) extra = 5;
    else if (lead == 0xFE) extra = 6;
    else return 0;
    if (avail < pos + 1 + extra)
        return -1;
    for (unsigned i = 1; i <= extra; i++)
        if ((p[pos + i] & 0xC0) != 0x80)
            return 0;
    pos += 1 + extra;
    unsigned bs_bytes = bs_code == 6 ? 1 : bs_code == 7 ? 2 : 0;
    unsigned rate_bytes = rate_code == 12 ? 1 : (rate_code == 13 || rate_code == 14) ? 2 : 0;
    if (avail < pos + bs_bytes + rate_bytes + 1)
        return -1;
    unsigned bs;
    if (bs_code == 1)
        bs = 192;
    else if (bs_code <= 5)
        bs = 576u << (bs_code - 2);
    else if (bs_code == 6)
        bs = p[pos] + 1u;
    else if (bs_code == 7)
        bs = ((unsigned)p[pos] << 8 | p[pos + 1]) + 1u;
    else
        bs = 256u << (bs_code - 8);
    pos += bs_bytes + rate_bytes;
    if (crc8(p, pos) != p[pos])
        return 0;
    *header_len = (unsigned)pos + 1;
    *block_size = bs;
    return 1;
}
