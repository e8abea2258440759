/* The stream adapter: ACMSTREAMHEADER buffers of any size in, sample-exact output out.
 *
 * Policy (see shared/acm-facts.md, "How real clients call you"):
 *  - deliver output held from earlier calls first;
 *  - take input only while everything produced so far has been delivered, so at most one
 *    packet's output is carried to the next call and unconsumed input is handed back (the
 *    DirectShow ACM Wrapper loops over it; the wave mapper sizes output so it all fits);
 *  - every call given input takes some of it or delivers something (VirtualDub's "jam");
 *  - START forgets all state, END drains the codec; repeated END calls deliver the rest. */
#ifndef FFACM_STREAM_ADAPTER_H
#define FFACM_STREAM_ADAPTER_H

#include <stdint.h>

#include "size_model.h"
#include "wavefmt.h"

/* ACM_STREAMCONVERTF_* values, which the bridge passes through unchanged. */
#define FFACM_CONVERT_BLOCKALIGN 0x00000004u
#define FFACM_CONVERT_START 0x00000010u
#define FFACM_CONVERT_END 0x00000020u

typedef struct ffacm_stream ffacm_stream;

/* Whether src -> dst can be converted.  Allocates nothing (QUERY opens). */
int ffacm_stream_query(const ffacm_wavefmt *src, const ffacm_wavefmt *dst);

/* The STREAM_SIZE model for src -> dst without opening a stream. */
int ffacm_stream_size_model(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_size_model *model);

int ffacm_stream_open(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, ffacm_stream **out);

/* What the format leaves open, from the user's settings (the bridge reads them). */
typedef struct ffacm_stream_options {
    int compression_level; /* encoders: LAME quality, Opus complexity, FLAC level; -1: codec's */
} ffacm_stream_options;

int ffacm_stream_open_opts(const ffacm_wavefmt *src, const ffacm_wavefmt *dst, const ffacm_stream_options *opts,
                           ffacm_stream **out);
void ffacm_stream_close(ffacm_stream *s);

int ffacm_stream_convert(ffacm_stream *s, const uint8_t *src, uint32_t src_len, uint8_t *dst,
                         uint32_t dst_len, uint32_t flags, uint32_t *src_used, uint32_t *dst_used);

const ffacm_size_model *ffacm_stream_model(const ffacm_stream *s);

/* STREAM_SIZE on an open stream (destination: ACM_STREAMSIZEF_DESTINATION): the model's
 * bound, except that DESTINATION of exactly the output delivered so far answers the input
 * consumed so far.  Wine's avifil32 maps each read position of a compressing stream with
 * DESTINATION (acmstream.c, CONVERT_THIS_to_STREAM) and ignores cbSrcLengthUsed; with the
 * exact answer its reads continue where the codec stopped taking input.  0, or -1. */
int ffacm_stream_size_answer(const ffacm_stream *s, int destination, uint32_t bytes, uint32_t *answer);

#endif
