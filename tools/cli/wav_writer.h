/*
 * wav_writer.h - writes a RIFF WAVE file: fmt (as given) + one data chunk.
 *
 * The fmt chunk is the 16-byte PCMWAVEFORMAT for integer PCM with at most
 * 16 bits and 2 channels, otherwise the full WAVEFORMATEX including its
 * cbSize extra bytes (this covers WAVE_FORMAT_EXTENSIBLE).  Sizes in the
 * RIFF and data headers are patched by wav_writer_close().
 */
#ifndef FFACM_CLI_WAV_WRITER_H
#define FFACM_CLI_WAV_WRITER_H

#include <stdint.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>

typedef struct wav_writer {
    HANDLE file;
    uint32_t data_size_offset; /* file offset of the data chunk's size field */
    uint64_t data_bytes;       /* payload bytes written so far */
} wav_writer;

/* Creates PATH and writes the headers.  Returns 0, or prints why and -1. */
int wav_writer_open(wav_writer *w, const char *path, const WAVEFORMATEX *wfx);

/* Appends N bytes of audio.  Returns 0 or -1 (also when the file would
 * exceed the 4 GiB RIFF limit). */
int wav_writer_write(wav_writer *w, const void *data, uint32_t n);

/* Pads, patches the sizes and closes.  Returns 0 or -1.  Safe to call on a
 * writer that failed to open. */
int wav_writer_close(wav_writer *w);

#endif
