/*
 * acm_decode.h - the acmStreamConvert loops, each reproducing how a real
 * host drives an ACM codec:
 *   vdub     VirtualDub: fixed prepared buffers, BLOCKALIGN, leftover kept at
 *            the front, flush (BLOCKALIGN on the leftover, then END calls) at
 *            the end, "codec has jammed" detection (a call that takes no input
 *            and gives no output while the source buffer cannot take more).
 *   wrapper  DirectShow ACM Wrapper: one media sample at a time, pbSrc advanced
 *            by cbSrcLengthUsed, the rest of a sample thrown away when a call
 *            consumes nothing, never END.
 *   simple   wave-mapper-like: one call per chunk (flags 0, unconsumed input
 *            dropped), then one END call.
 */
#ifndef FFACM_CLI_ACM_DECODE_H
#define FFACM_CLI_ACM_DECODE_H

#include <stdint.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>

#include "riff_reader.h"
#include "wav_writer.h"

typedef enum acm_pattern {
    ACM_PATTERN_VDUB = 0,
    ACM_PATTERN_WRAPPER,
    ACM_PATTERN_SIMPLE
} acm_pattern;

/* Return codes of acm_decode_run (also the process exit codes). */
enum {
    ACM_DECODE_OK = 0,
    ACM_DECODE_ERROR = 1,      /* an ACM or I/O call failed */
    ACM_DECODE_JAMMED = 3,     /* vdub: no input accepted, no output produced */
    ACM_DECODE_SIZE_VIOLATION = 4, /* cbDstLengthUsed > cbDstLength, etc. */
    ACM_DECODE_DISCARDED = 5   /* wrapper: part of a sample was thrown away */
};

typedef struct acm_decode_opts {
    acm_pattern pattern;
    DWORD chunk; /* WAV input: bytes per source read; 0 = pattern default */
    int stats;   /* print one line per acmStreamConvert call */
} acm_decode_opts;

/* Where the output of each acmStreamConvert call goes: a WAV's data chunk, or one AVI chunk
 * per call (as AVI writers store compressed audio). */
typedef struct acm_sink {
    int (*write)(void *ctx, const void *data, uint32_t n); /* 0 or -1 */
    void *ctx;
} acm_sink;

typedef struct acm_decode_result {
    unsigned long calls;
    uint64_t src_used;
    uint64_t dst_bytes;
    uint64_t discarded; /* wrapper: sample bytes thrown away */
    uint64_t dropped;   /* simple: unconsumed input; vdub: left after END */
} acm_decode_result;

/* Default --chunk for WAV input in the vdub and simple patterns:
 * nAvgBytesPerSec/5 (at most 1 MiB; 4096 when nAvgBytesPerSec is 0) rounded
 * down to a multiple of nBlockAlign, at least nBlockAlign. */
DWORD acm_decode_default_chunk(const WAVEFORMATEX *src);

/* Runs the conversion of all of IN through the open stream HAS (whose
 * destination format is DST), handing each call's output to OUT. */
int acm_decode_run(HACMSTREAM has, riff_input *in, const WAVEFORMATEX *dst,
                   const acm_decode_opts *opts, const acm_sink *out, acm_decode_result *res);

/* A sink that appends to a wav_writer. */
acm_sink acm_sink_wav(wav_writer *w);

#endif
