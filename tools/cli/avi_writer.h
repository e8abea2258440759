/*
 * avi_writer.h - writes an AVI 1.0 file with one audio stream, one '00wb' chunk per
 * avi_writer_write() call: how AVI writers store compressed audio, and the only way
 * packets that do not delimit themselves (raw AAC, Opus) can be read back apart.
 * Chunks are kept in memory and the file is written by avi_writer_close().
 */
#ifndef FFACM_CLI_AVI_WRITER_H
#define FFACM_CLI_AVI_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>

typedef struct avi_writer {
    char *path;
    uint8_t *fmt;
    uint32_t fmt_size;
    uint8_t *data;      /* chunk payloads, back to back */
    size_t data_size, data_cap;
    uint32_t *sizes;    /* size of each chunk */
    size_t chunks, chunks_cap;
} avi_writer;

int avi_writer_open(avi_writer *w, const char *path, const WAVEFORMATEX *wfx);
int avi_writer_write(avi_writer *w, const void *data, uint32_t n);
int avi_writer_close(avi_writer *w); /* writes the file; 0 or -1 */

#endif
