/*
 * ds_grabber.c - the recording ISampleGrabberCB of ds_grabber.h.
 */
#include "ds_grabber.h"

#include <stdlib.h>
#include <string.h>

const CLSID ffacm_clsid_sample_grabber = { 0xc1f400a0, 0x3f08, 0x11d3, { 0x9f, 0x0b, 0x00, 0x60, 0x08, 0x03, 0x9e, 0x37 } };
const CLSID ffacm_clsid_null_renderer = { 0xc1f400a4, 0x3f08, 0x11d3, { 0x9f, 0x0b, 0x00, 0x60, 0x08, 0x03, 0x9e, 0x37 } };
const IID ffacm_iid_sample_grabber = { 0x6b652fff, 0x11fe, 0x4fce, { 0x92, 0xad, 0x02, 0x66, 0xb5, 0xd7, 0xc7, 0x8f } };
const IID ffacm_iid_sample_grabber_cb = { 0x0579154a, 0x2b53, 0x4994, { 0xb0, 0xd0, 0xe7, 0x73, 0x14, 0x8e, 0xff, 0x85 } };

static pcm_sink *impl(ISampleGrabberCB *iface) { return CONTAINING_RECORD(iface, pcm_sink, ISampleGrabberCB_iface); }

static HRESULT WINAPI cb_QueryInterface(ISampleGrabberCB *iface, REFIID iid, void **out)
{
    if (IsEqualGUID(iid, &IID_IUnknown) || IsEqualGUID(iid, &ffacm_iid_sample_grabber_cb)) {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

/* The sink outlives the graph (the test tears the graph down first). */
static ULONG WINAPI cb_AddRef(ISampleGrabberCB *iface) { (void)iface; return 2; }
static ULONG WINAPI cb_Release(ISampleGrabberCB *iface) { (void)iface; return 1; }

static void append(pcm_sink *s, const BYTE *p, size_t n)
{
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 1 << 20;
        while (cap < s->len + n)
            cap *= 2;
        BYTE *d = realloc(s->data, cap);
        if (!d) {
            s->failed = 1;
            return;
        }
        s->data = d;
        s->cap = cap;
    }
    memcpy(s->data + s->len, p, n);
    s->len += n;
}

/* Called in the streaming thread, one call per sample, in delivery order. */
static HRESULT WINAPI cb_SampleCB(ISampleGrabberCB *iface, double time, IMediaSample *sample)
{
    (void)time;
    pcm_sink *s = impl(iface);
    BYTE *p = NULL;
    if (SUCCEEDED(IMediaSample_GetPointer(sample, &p))) {
        long n = IMediaSample_GetActualDataLength(sample);
        if (n > 0)
            append(s, p, (size_t)n);
    }
    s->samples++;
    return S_OK;
}

static HRESULT WINAPI cb_BufferCB(ISampleGrabberCB *iface, double time, BYTE *buf, LONG len)
{
    (void)iface; (void)time; (void)buf; (void)len;
    return E_NOTIMPL;
}

static const ISampleGrabberCBVtbl cb_vtbl = {
    cb_QueryInterface, cb_AddRef, cb_Release, cb_SampleCB, cb_BufferCB,
};

void pcm_sink_init(pcm_sink *sink)
{
    memset(sink, 0, sizeof *sink);
    sink->ISampleGrabberCB_iface.lpVtbl = (ISampleGrabberCBVtbl *)&cb_vtbl;
}

void pcm_sink_free(pcm_sink *sink)
{
    free(sink->data);
    memset(sink, 0, sizeof *sink);
}
