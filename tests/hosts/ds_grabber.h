/*
 * ds_grabber.h - an ISampleGrabberCB that records every PCM sample the Sample Grabber sees,
 * so the test can compare what reached the sink with FFmpeg's decode.
 */
#ifndef FFACM_HOSTS_DS_GRABBER_H
#define FFACM_HOSTS_DS_GRABBER_H

#include <stddef.h>

#define COBJMACROS
#include <windows.h>
#include <dshow.h>
#include <qedit.h>

typedef struct pcm_sink {
    ISampleGrabberCB ISampleGrabberCB_iface;
    BYTE *data;
    size_t len, cap;
    size_t samples;   /* media samples received */
    int failed;       /* out of memory while appending */
} pcm_sink;

/* Initialises a sink living in the caller's storage (its COM reference count is fake). */
void pcm_sink_init(pcm_sink *sink);
void pcm_sink_free(pcm_sink *sink);

/* The Sample Grabber and Null Renderer of qedit (mingw's qedit.h declares no CLSIDs). */
extern const CLSID ffacm_clsid_sample_grabber;
extern const CLSID ffacm_clsid_null_renderer;
extern const IID ffacm_iid_sample_grabber;
extern const IID ffacm_iid_sample_grabber_cb;

#endif
