/* Test media for the native tests: the manifest written by tests/media/make_media.sh and the
 * .pkt files tests/tools/pktdump.py makes of each WAV/AVI. */
#ifndef FFACM_TEST_MEDIA_H
#define FFACM_TEST_MEDIA_H

#include <stddef.h>
#include <stdint.h>

typedef struct media_buf {
    uint8_t *data;
    size_t size;
} media_buf;

typedef struct media_file {
    char name[64];
    int packets;            /* 1: one record per ACM call; 0: a byte stream to re-chunk */
    long frames;
    int channels;
    long rate;
    media_buf fmt;          /* the source WAVEFORMATEX bytes */
    media_buf *records;
    size_t n_records;
    media_buf ref;          /* FFmpeg's decode, s16le interleaved */
} media_file;

/* Read the manifest in `dir` and load every entry's .pkt and reference.  Returns the count,
 * or -1 (with a message) when the media are missing. */
int media_load_all(const char *dir, media_file **files);
void media_free_all(media_file *files, int count);

#endif
