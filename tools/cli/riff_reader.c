/*
 * riff_reader.c - bounds-checked RIFF WAVE / AVI reader (see riff_reader.h).
 */
#include "riff_reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FCC(a, b, c, d) \
    ((uint32_t)(unsigned char)(a) | ((uint32_t)(unsigned char)(b) << 8) | \
     ((uint32_t)(unsigned char)(c) << 16) | ((uint32_t)(unsigned char)(d) << 24))

#define MAX_LIST_DEPTH 4
#define MAX_FMT_BYTES (18u + 65535u)

typedef struct chunk {
    uint32_t id;
    uint32_t size;   /* declared size */
    uint64_t body;   /* absolute offset of the body */
    uint64_t avail;  /* body bytes really present inside the parent */
    uint64_t next;   /* offset of the following chunk (padded) */
    int truncated;   /* declared size runs past the parent/file end */
} chunk;

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static void fcc_text(uint32_t id, char out[5])
{
    for (int i = 0; i < 4; i++) {
        unsigned char ch = (unsigned char)(id >> (8 * i));
        out[i] = (ch >= 32 && ch < 127) ? (char)ch : '?';
    }
    out[4] = '\0';
}

static void rr_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void rr_warn(riff_input *in, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    in->warnings++;
}

int riff_read_at(riff_input *in, uint64_t off, void *buf, uint32_t n)
{
    if (off > in->file_size || n > in->file_size - off) {
        rr_error("read of %lu bytes at offset %llu is past the end of the file",
                 (unsigned long)n, (unsigned long long)off);
        return -1;
    }
    LARGE_INTEGER li;
    li.QuadPart = (LONGLONG)off;
    if (!SetFilePointerEx(in->file, li, NULL, FILE_BEGIN)) {
        rr_error("SetFilePointerEx failed (%lu)", (unsigned long)GetLastError());
        return -1;
    }
    unsigned char *p = buf;
    while (n > 0) {
        DWORD got = 0;
        if (!ReadFile(in->file, p, n, &got, NULL)) {
            rr_error("ReadFile failed (%lu)", (unsigned long)GetLastError());
            return -1;
        }
        if (got == 0) {
            rr_error("unexpected end of file");
            return -1;
        }
        p += got;
        n -= got;
    }
    return 0;
}

/* Reads the chunk header at POS inside [POS, END).  Returns 1 when fewer than
 * 8 bytes are left (end of list), 0 on success, -1 on I/O error. */
static int read_chunk(riff_input *in, uint64_t pos, uint64_t end, chunk *c)
{
    unsigned char h[8];
    if (pos > end || end - pos < 8)
        return 1;
    if (riff_read_at(in, pos, h, 8) != 0)
        return -1;
    c->id = rd32(h);
    c->size = rd32(h + 4);
    c->body = pos + 8;
    if ((uint64_t)c->size > end - c->body) {
        c->avail = end - c->body;
        c->truncated = 1;
    } else {
        c->avail = c->size;
        c->truncated = 0;
    }
    c->next = c->body + (uint64_t)c->size + (c->size & 1u);
    return 0;
}

static int read_list_type(riff_input *in, const chunk *c, uint32_t *type)
{
    unsigned char t[4];
    if (c->avail < 4)
        return 1;
    if (riff_read_at(in, c->body, t, 4) != 0)
        return -1;
    *type = rd32(t);
    return 0;
}

/* Copies a fmt/strf chunk into a malloc'd WAVEFORMATEX with a consistent
 * cbSize.  The 16-byte WAVEFORMAT/PCMWAVEFORMAT form gets cbSize 0. */
static int load_wfx(riff_input *in, const chunk *c, const char *what)
{
    if (c->avail < 16) {
        rr_error("%s chunk is too small (%llu bytes, need at least 16)", what,
                 (unsigned long long)c->avail);
        return -1;
    }
    uint32_t n = c->avail > MAX_FMT_BYTES ? MAX_FMT_BYTES : (uint32_t)c->avail;
    unsigned char *raw = malloc(n);
    if (!raw) {
        rr_error("out of memory");
        return -1;
    }
    if (riff_read_at(in, c->body, raw, n) != 0) {
        free(raw);
        return -1;
    }
    uint32_t cb = 0;
    if (n >= 18) {
        cb = rd16(raw + 16);
        if (cb > n - 18) {
            rr_warn(in, "%s cbSize %lu exceeds the chunk (%lu extra bytes present); clamped",
                    what, (unsigned long)cb, (unsigned long)(n - 18));
            cb = n - 18;
        }
    }
    uint32_t size = (uint32_t)sizeof(WAVEFORMATEX) + cb;
    WAVEFORMATEX *w = calloc(1, size);
    if (!w) {
        free(raw);
        rr_error("out of memory");
        return -1;
    }
    memcpy(w, raw, n >= 18 ? 18 + cb : 16);
    w->cbSize = (WORD)cb;
    free(raw);
    free(in->wfx);
    in->wfx = w;
    in->wfx_size = size;
    return 0;
}

/* ------------------------------------------------------------------ WAVE */

static int parse_wave(riff_input *in, uint64_t riff_end)
{
    uint64_t pos = 12;
    int have_fmt = 0, have_data = 0;
    chunk c;
    int r;

    while ((r = read_chunk(in, pos, riff_end, &c)) == 0) {
        if (c.id == FCC('f', 'm', 't', ' ') && !have_fmt) {
            if (load_wfx(in, &c, "fmt") != 0)
                return -1;
            have_fmt = 1;
        } else if (c.id == FCC('d', 'a', 't', 'a') && !have_data) {
            in->data_offset = c.body;
            in->data_size = c.avail;
            have_data = 1;
            if (c.truncated)
                rr_warn(in, "data chunk declares %lu bytes but only %llu are present",
                        (unsigned long)c.size, (unsigned long long)c.avail);
        }
        if (c.truncated)
            break;
        pos = c.next;
    }
    if (r < 0)
        return -1;
    if (!have_fmt) {
        rr_error("WAVE file has no fmt chunk");
        return -1;
    }
    if (!have_data) {
        rr_error("WAVE file has no data chunk");
        return -1;
    }
    in->total_bytes = in->data_size;
    return 0;
}

/* ------------------------------------------------------------------- AVI */

static int add_packet(riff_input *in, uint64_t off, uint32_t size)
{
    if (in->packet_count == in->packet_cap) {
        size_t ncap = in->packet_cap ? in->packet_cap * 2 : 256;
        if (ncap < in->packet_cap || ncap > SIZE_MAX / sizeof(riff_packet)) {
            rr_error("too many packets");
            return -1;
        }
        riff_packet *p = realloc(in->packets, ncap * sizeof(riff_packet));
        if (!p) {
            rr_error("out of memory");
            return -1;
        }
        in->packets = p;
        in->packet_cap = ncap;
    }
    in->packets[in->packet_count].offset = off;
    in->packets[in->packet_count].size = size;
    in->packet_count++;
    if (size > in->max_packet)
        in->max_packet = size;
    in->total_bytes += size;
    return 0;
}

static int is_audio_chunk_id(uint32_t id, unsigned stream)
{
    static const char hex[] = "0123456789abcdef";
    char b0 = (char)(id & 0xff), b1 = (char)((id >> 8) & 0xff);
    if (((id >> 16) & 0xffff) != (uint32_t)('w' | ('b' << 8)))
        return 0;
    if (stream < 100 && b0 == (char)('0' + stream / 10) && b1 == (char)('0' + stream % 10))
        return 1;
    if (stream < 256) {
        char h0 = hex[stream >> 4], h1 = hex[stream & 15];
        char u0 = (char)(h0 >= 'a' ? h0 - 32 : h0), u1 = (char)(h1 >= 'a' ? h1 - 32 : h1);
        if ((b0 == h0 || b0 == u0) && (b1 == h1 || b1 == u1))
            return 1;
    }
    return 0;
}

static int scan_movi(riff_input *in, uint64_t pos, uint64_t end, int depth)
{
    chunk c;
    int r;
    while ((r = read_chunk(in, pos, end, &c)) == 0) {
        if (c.id == FCC('L', 'I', 'S', 'T')) {
            uint32_t type = 0;
            int t = read_list_type(in, &c, &type);
            if (t < 0)
                return -1;
            if (t == 0 && type == FCC('r', 'e', 'c', ' ')) {
                if (depth >= MAX_LIST_DEPTH) {
                    rr_warn(in, "LIST rec nested too deeply; skipped");
                } else if (scan_movi(in, c.body + 4, c.body + c.avail, depth + 1) != 0) {
                    return -1;
                }
            }
        } else if (is_audio_chunk_id(c.id, in->audio_stream) && c.avail > 0) {
            if (c.truncated)
                rr_warn(in, "audio chunk at %llu declares %lu bytes but only %llu are present",
                        (unsigned long long)(c.body - 8), (unsigned long)c.size,
                        (unsigned long long)c.avail);
            if (add_packet(in, c.body, (uint32_t)c.avail) != 0)
                return -1;
        }
        if (c.truncated)
            break;
        pos = c.next;
    }
    return r < 0 ? -1 : 0;
}

/* Parses one LIST strl; sets *is_audio when it is an auds stream with strf
 * (and loads that strf as the source format). */
static int parse_strl(riff_input *in, uint64_t pos, uint64_t end, int *is_audio)
{
    chunk c, strf;
    int r, have_strf = 0;
    uint32_t fcc_type = 0;
    int have_strh = 0;

    memset(&strf, 0, sizeof(strf));
    *is_audio = 0;
    while ((r = read_chunk(in, pos, end, &c)) == 0) {
        if (c.id == FCC('s', 't', 'r', 'h') && !have_strh) {
            int t = read_list_type(in, &c, &fcc_type);
            if (t < 0)
                return -1;
            have_strh = (t == 0);
        } else if (c.id == FCC('s', 't', 'r', 'f') && !have_strf) {
            strf = c;
            have_strf = 1;
        }
        if (c.truncated)
            break;
        pos = c.next;
    }
    if (r < 0)
        return -1;
    if (have_strh && have_strf && fcc_type == FCC('a', 'u', 'd', 's')) {
        if (load_wfx(in, &strf, "strf") != 0)
            return -1;
        *is_audio = 1;
    }
    return 0;
}

static int parse_hdrl(riff_input *in, uint64_t pos, uint64_t end, int *found)
{
    chunk c;
    int r = 0;
    unsigned stream = 0;
    while (!*found && (r = read_chunk(in, pos, end, &c)) == 0) {
        if (c.id == FCC('L', 'I', 'S', 'T')) {
            uint32_t type = 0;
            int t = read_list_type(in, &c, &type);
            if (t < 0)
                return -1;
            if (t == 0 && type == FCC('s', 't', 'r', 'l')) {
                int is_audio = 0;
                if (parse_strl(in, c.body + 4, c.body + c.avail, &is_audio) != 0)
                    return -1;
                if (is_audio) {
                    in->audio_stream = stream;
                    *found = 1;
                }
                stream++;
            }
        }
        if (c.truncated)
            break;
        pos = c.next;
    }
    return r < 0 ? -1 : 0;
}

/* Walks the LIST chunks of one RIFF AVI/AVIX body.  WANT is 'hdrl' or 'movi'. */
static int walk_riff_body(riff_input *in, uint64_t pos, uint64_t end, uint32_t want, int *found)
{
    chunk c;
    int r;
    while ((r = read_chunk(in, pos, end, &c)) == 0) {
        if (c.id == FCC('L', 'I', 'S', 'T')) {
            uint32_t type = 0;
            int t = read_list_type(in, &c, &type);
            if (t < 0)
                return -1;
            if (t == 0 && type == want) {
                if (want == FCC('h', 'd', 'r', 'l')) {
                    if (parse_hdrl(in, c.body + 4, c.body + c.avail, found) != 0)
                        return -1;
                    if (*found)
                        return 0;
                } else if (scan_movi(in, c.body + 4, c.body + c.avail, 0) != 0) {
                    return -1;
                }
            }
        }
        if (c.truncated)
            break;
        pos = c.next;
    }
    return r < 0 ? -1 : 0;
}

static int parse_avi(riff_input *in)
{
    chunk c;
    int r, found = 0;
    uint64_t pos;

    /* The first top-level chunk is RIFF 'AVI ' (checked by riff_open). */
    if (read_chunk(in, 0, in->file_size, &c) != 0)
        return -1;
    if (walk_riff_body(in, c.body + 4, c.body + c.avail, FCC('h', 'd', 'r', 'l'), &found) != 0)
        return -1;
    if (!found) {
        rr_error("AVI file has no audio ('auds') stream with a strf chunk");
        return -1;
    }

    /* Then every RIFF AVI / AVIX: collect the packets from each LIST movi. */
    pos = 0;
    while ((r = read_chunk(in, pos, in->file_size, &c)) == 0) {
        uint32_t form = 0;
        int t = read_list_type(in, &c, &form);
        if (t < 0)
            return -1;
        if (c.id == FCC('R', 'I', 'F', 'F') && t == 0 &&
            (form == FCC('A', 'V', 'I', ' ') || form == FCC('A', 'V', 'I', 'X'))) {
            if (walk_riff_body(in, c.body + 4, c.body + c.avail, FCC('m', 'o', 'v', 'i'), &found) != 0)
                return -1;
        }
        if (c.truncated)
            break;
        pos = c.next;
    }
    if (r < 0)
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- public */

void riff_close(riff_input *in)
{
    if (in->file && in->file != INVALID_HANDLE_VALUE)
        CloseHandle(in->file);
    free(in->wfx);
    free(in->packets);
    memset(in, 0, sizeof(*in));
}

int riff_open(riff_input *in, const char *path)
{
    unsigned char h[12];
    LARGE_INTEGER size;

    memset(in, 0, sizeof(*in));
    in->file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (in->file == INVALID_HANDLE_VALUE) {
        rr_error("cannot open '%s' (%lu)", path, (unsigned long)GetLastError());
        in->file = NULL;
        return -1;
    }
    if (!GetFileSizeEx(in->file, &size) || size.QuadPart < 0) {
        rr_error("cannot get the size of '%s'", path);
        riff_close(in);
        return -1;
    }
    in->file_size = (uint64_t)size.QuadPart;
    if (in->file_size < 12 || riff_read_at(in, 0, h, 12) != 0) {
        rr_error("'%s' is too short to be a RIFF file", path);
        riff_close(in);
        return -1;
    }
    if (rd32(h) != FCC('R', 'I', 'F', 'F')) {
        char t[5];
        fcc_text(rd32(h), t);
        rr_error("'%s' is not a RIFF file (starts with '%s')", path, t);
        riff_close(in);
        return -1;
    }

    uint32_t form = rd32(h + 8);
    int r;
    if (form == FCC('W', 'A', 'V', 'E')) {
        /* Like most readers, walk to the end of the file rather than trust
         * the RIFF size (0, 0xFFFFFFFF from streaming muxers, or wrapped). */
        uint64_t riff_end = 8 + (uint64_t)rd32(h + 4);
        if (riff_end != in->file_size && riff_end != in->file_size - (in->file_size & 1))
            rr_warn(in, "RIFF size %lu does not match the file size %llu; using the file size",
                    (unsigned long)rd32(h + 4), (unsigned long long)in->file_size);
        riff_end = in->file_size;
        in->kind = RIFF_KIND_WAVE;
        r = parse_wave(in, riff_end);
    } else if (form == FCC('A', 'V', 'I', ' ')) {
        in->kind = RIFF_KIND_AVI;
        r = parse_avi(in);
    } else {
        char t[5];
        fcc_text(form, t);
        rr_error("'%s' is RIFF '%s', expected 'WAVE' or 'AVI '", path, t);
        r = -1;
    }
    if (r != 0) {
        riff_close(in);
        return -1;
    }
    return 0;
}
