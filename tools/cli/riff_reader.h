/*
 * riff_reader.h - bounds-checked reader for RIFF WAVE and RIFF AVI inputs.
 *
 * A WAVE input yields its fmt chunk (the source WAVEFORMATEX) and the data
 * chunk as one byte stream.  An AVI input yields the strf of the first
 * 'auds' stream and the list of that stream's 'NNwb' chunks (packets) found
 * in LIST movi (also inside LIST rec and in RIFF AVIX continuations).
 *
 * Every size read from the file is checked against the file size and the
 * enclosing chunk, so truncated or hostile files produce an error or a
 * clamped, warned-about result, never an out-of-bounds access.
 */
#ifndef FFACM_CLI_RIFF_READER_H
#define FFACM_CLI_RIFF_READER_H

#include <stddef.h>
#include <stdint.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>

typedef enum riff_kind {
    RIFF_KIND_WAVE = 1,
    RIFF_KIND_AVI = 2
} riff_kind;

typedef struct riff_packet {
    uint64_t offset; /* absolute file offset of the payload */
    uint32_t size;   /* payload bytes (never 0) */
} riff_packet;

typedef struct riff_input {
    HANDLE file;
    uint64_t file_size;
    riff_kind kind;

    WAVEFORMATEX *wfx; /* malloc'd, wfx_size bytes, cbSize consistent */
    uint32_t wfx_size; /* sizeof(WAVEFORMATEX) + wfx->cbSize */

    /* WAVE: the data chunk */
    uint64_t data_offset;
    uint64_t data_size;

    /* AVI: packets of the chosen audio stream */
    riff_packet *packets;
    size_t packet_count;
    size_t packet_cap;
    uint32_t max_packet;
    unsigned audio_stream; /* AVI stream number of the chosen auds stream */

    uint64_t total_bytes; /* WAVE: data_size; AVI: sum of packet sizes */
    unsigned warnings;    /* number of clamping warnings printed */
} riff_input;

/* Opens and indexes PATH.  Returns 0 on success; on failure prints the reason
 * to stderr, leaves *in closed and returns -1. */
int riff_open(riff_input *in, const char *path);

/* Reads exactly N bytes at absolute file offset OFF.  Returns 0 or -1. */
int riff_read_at(riff_input *in, uint64_t off, void *buf, uint32_t n);

/* Releases everything; safe on a zeroed or already closed riff_input. */
void riff_close(riff_input *in);

#endif
