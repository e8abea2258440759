#include "media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_whole(const char *path, media_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    out->data = malloc(size > 0 ? (size_t)size : 1);
    out->size = size > 0 ? (size_t)size : 0;
    int ok = out->data && fread(out->data, 1, out->size, f) == out->size;
    fclose(f);
    return ok ? 0 : -1;
}

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

/* Split a .pkt file into the format and its records (pointing into one allocation). */
static int parse_pkt(media_file *m, media_buf *whole)
{
    const uint8_t *p = whole->data, *end = whole->data + whole->size;
    if (whole->size < 16 || memcmp(p, "FFPK", 4) != 0)
        return -1;
    uint32_t fmt_size = le32(p + 4);
    p += 8;
    if ((size_t)(end - p) < fmt_size + 8)
        return -1;
    m->fmt.data = (uint8_t *)p;
    m->fmt.size = fmt_size;
    p += fmt_size;
    m->packets = (int)le32(p);
    m->n_records = le32(p + 4);
    p += 8;
    m->records = calloc(m->n_records ? m->n_records : 1, sizeof *m->records);
    for (size_t i = 0; i < m->n_records; i++) {
        if (end - p < 4)
            return -1;
        uint32_t n = le32(p);
        p += 4;
        if ((size_t)(end - p) < n)
            return -1;
        m->records[i].data = (uint8_t *)p;
        m->records[i].size = n;
        p += n;
    }
    return 0;
}

int media_load_all(const char *dir, media_file **files)
{
    char path[1024], line[1024];
    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "no test media at %s (run tests/media/make_media.sh)\n", path);
        return -1;
    }
    int count = 0;
    media_file *list = NULL;
    while (fgets(line, sizeof line, f)) {
        char name[64], kind[16], tol[16], tag[16], ref[128];
        long frames, rate;
        int channels;
        if (sscanf(line, "%63s %15s %ld %d %ld %15s %15s %127s", name, kind, &frames, &channels, &rate,
                   tol, tag, ref) != 8 || strcmp(name, "name") == 0)
            continue;
        list = realloc(list, sizeof *list * (count + 1));
        media_file *m = &list[count++];
        memset(m, 0, sizeof *m);
        snprintf(m->name, sizeof m->name, "%s", name);
        m->frames = frames;
        m->channels = channels;
        m->rate = rate;
        media_buf whole;
        snprintf(path, sizeof path, "%s/%s.pkt", dir, name);
        if (read_whole(path, &whole) < 0 || parse_pkt(m, &whole) < 0) {
            fprintf(stderr, "cannot read %s\n", path);
            fclose(f);
            return -1;
        }
        snprintf(path, sizeof path, "%s/%s", dir, ref);
        if (read_whole(path, &m->ref) < 0) {
            fprintf(stderr, "cannot read %s\n", path);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    *files = list;
    return count;
}

void media_free_all(media_file *files, int count)
{
    for (int i = 0; i < count; i++) {
        free(files[i].fmt.data - 8); /* the .pkt allocation starts 8 bytes before the format */
        free(files[i].records);
        free(files[i].ref.data);
    }
    free(files);
}
