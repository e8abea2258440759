/*
 * ds_source.h - a minimal DirectShow push source that emits an AVI audio stream the way
 * Windows' AVI Splitter does: MEDIATYPE_Audio, subtype = the FOURCC GUID of wFormatTag,
 * FORMAT_WaveFormatEx = the strf bytes, one media sample per AVI chunk, the first one
 * flagged as a discontinuity, then EndOfStream.
 *
 * Wine 8's own AVI Splitter (GStreamer-based) types only PCM and MPEG audio, so this
 * filter is how the ACM Wrapper gets to see AAC, Opus, Vorbis, AC-3 or FLAC under Wine.
 */
#ifndef FFACM_HOSTS_DS_SOURCE_H
#define FFACM_HOSTS_DS_SOURCE_H

#include <stddef.h>

#define COBJMACROS
#include <windows.h>
#include <dshow.h>

/* Creates the filter (one reference) from a source format and a list of packets; the
 * bytes are copied.  Returns NULL on allocation failure. */
IBaseFilter *ds_source_create(const WAVEFORMATEX *wfx, DWORD wfx_size, const BYTE *const *packets,
                              const DWORD *sizes, size_t count);

/* Number of samples the delivery thread handed to the downstream pin (after the graph
 * stopped), and the first failing HRESULT of Receive (S_OK if none). */
size_t ds_source_delivered(IBaseFilter *filter, HRESULT *receive_hr);

#endif
