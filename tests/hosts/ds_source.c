/*
 * ds_source.c - the AVI-Splitter-like push source of ds_source.h, written in C with
 * explicit COM vtables: IBaseFilter, one output IPin, IEnumPins, IEnumMediaTypes.
 *
 * Delivery follows the DirectShow push model: on connection the pin negotiates an
 * allocator with the downstream IMemInputPin; Pause (from Stopped) commits it and starts a
 * thread that fills one sample per packet and calls Receive; Stop decommits the allocator
 * (which unblocks GetBuffer) and joins the thread.
 */
#include "ds_source.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Any CLSID will do: the filter is never created through COM. */
static const CLSID clsid_ffacm_test_source = { 0x7a3c0f51, 0x6b1e, 0x4e0d,
                                               { 0x9a, 0x51, 0x66, 0x66, 0x61, 0x63, 0x6d, 0x01 } };

typedef struct source source;

typedef struct out_pin {
    IPin IPin_iface;
    source *filter;
    IPin *peer;
    IMemInputPin *mem;
    IMemAllocator *alloc;
} out_pin;

struct source {
    IBaseFilter IBaseFilter_iface;
    LONG ref;
    CRITICAL_SECTION lock;
    out_pin pin;
    IFilterGraph *graph; /* not referenced, as DirectShow requires */
    WCHAR name[128];
    FILTER_STATE state;
    IReferenceClock *clock;
    REFERENCE_TIME start;

    AM_MEDIA_TYPE mt;   /* pbFormat points at wfx */
    BYTE *wfx;
    BYTE *data;         /* all packets back to back */
    size_t *offsets;    /* count + 1 entries */
    size_t count;
    DWORD max_packet;
    DWORD avg_bytes;

    HANDLE thread;
    volatile LONG stop;
    size_t delivered;
    HRESULT receive_hr;
};

static source *impl_from_filter(IBaseFilter *iface) { return CONTAINING_RECORD(iface, source, IBaseFilter_iface); }
static out_pin *impl_from_pin(IPin *iface) { return CONTAINING_RECORD(iface, out_pin, IPin_iface); }

/* ------------------------------------------------------------------ media types */

static HRESULT copy_media_type(AM_MEDIA_TYPE *dst, const AM_MEDIA_TYPE *src)
{
    *dst = *src;
    dst->pUnk = NULL;
    if (src->cbFormat) {
        dst->pbFormat = CoTaskMemAlloc(src->cbFormat);
        if (!dst->pbFormat)
            return E_OUTOFMEMORY;
        memcpy(dst->pbFormat, src->pbFormat, src->cbFormat);
    }
    return S_OK;
}

static int accepts(const source *s, const AM_MEDIA_TYPE *mt)
{
    if (!mt)
        return 1;
    if (!IsEqualGUID(&mt->majortype, &GUID_NULL) && !IsEqualGUID(&mt->majortype, &s->mt.majortype))
        return 0;
    if (!IsEqualGUID(&mt->subtype, &GUID_NULL) && !IsEqualGUID(&mt->subtype, &s->mt.subtype))
        return 0;
    return 1;
}

/* ------------------------------------------------------------------ IEnumMediaTypes */

typedef struct enum_types {
    IEnumMediaTypes IEnumMediaTypes_iface;
    LONG ref;
    source *filter;
    ULONG pos;
} enum_types;

static const IEnumMediaTypesVtbl enum_types_vtbl;

static IEnumMediaTypes *enum_types_new(source *s, ULONG pos)
{
    enum_types *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->IEnumMediaTypes_iface.lpVtbl = (IEnumMediaTypesVtbl *)&enum_types_vtbl;
    e->ref = 1;
    e->filter = s;
    e->pos = pos;
    IBaseFilter_AddRef(&s->IBaseFilter_iface);
    return &e->IEnumMediaTypes_iface;
}

static enum_types *impl_from_enum_types(IEnumMediaTypes *iface)
{
    return CONTAINING_RECORD(iface, enum_types, IEnumMediaTypes_iface);
}

static HRESULT WINAPI et_QueryInterface(IEnumMediaTypes *iface, REFIID iid, void **out)
{
    if (IsEqualGUID(iid, &IID_IUnknown) || IsEqualGUID(iid, &IID_IEnumMediaTypes)) {
        *out = iface;
        IEnumMediaTypes_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI et_AddRef(IEnumMediaTypes *iface) { return InterlockedIncrement(&impl_from_enum_types(iface)->ref); }

static ULONG WINAPI et_Release(IEnumMediaTypes *iface)
{
    enum_types *e = impl_from_enum_types(iface);
    ULONG ref = InterlockedDecrement(&e->ref);
    if (!ref) {
        IBaseFilter_Release(&e->filter->IBaseFilter_iface);
        free(e);
    }
    return ref;
}

static HRESULT WINAPI et_Next(IEnumMediaTypes *iface, ULONG count, AM_MEDIA_TYPE **types, ULONG *fetched)
{
    enum_types *e = impl_from_enum_types(iface);
    ULONG n = 0;
    if (count && e->pos == 0) {
        AM_MEDIA_TYPE *mt = CoTaskMemAlloc(sizeof *mt);
        if (!mt)
            return E_OUTOFMEMORY;
        if (FAILED(copy_media_type(mt, &e->filter->mt))) {
            CoTaskMemFree(mt);
            return E_OUTOFMEMORY;
        }
        types[0] = mt;
        e->pos = 1;
        n = 1;
    }
    if (fetched)
        *fetched = n;
    return n == count ? S_OK : S_FALSE;
}

static HRESULT WINAPI et_Skip(IEnumMediaTypes *iface, ULONG count)
{
    enum_types *e = impl_from_enum_types(iface);
    e->pos += count;
    return e->pos <= 1 ? S_OK : S_FALSE;
}

static HRESULT WINAPI et_Reset(IEnumMediaTypes *iface)
{
    impl_from_enum_types(iface)->pos = 0;
    return S_OK;
}

static HRESULT WINAPI et_Clone(IEnumMediaTypes *iface, IEnumMediaTypes **out)
{
    enum_types *e = impl_from_enum_types(iface);
    *out = enum_types_new(e->filter, e->pos);
    return *out ? S_OK : E_OUTOFMEMORY;
}

static const IEnumMediaTypesVtbl enum_types_vtbl = {
    et_QueryInterface, et_AddRef, et_Release, et_Next, et_Skip, et_Reset, et_Clone,
};

/* ------------------------------------------------------------------ IEnumPins */

typedef struct enum_pins {
    IEnumPins IEnumPins_iface;
    LONG ref;
    source *filter;
    ULONG pos;
} enum_pins;

static const IEnumPinsVtbl enum_pins_vtbl;

static IEnumPins *enum_pins_new(source *s, ULONG pos)
{
    enum_pins *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->IEnumPins_iface.lpVtbl = (IEnumPinsVtbl *)&enum_pins_vtbl;
    e->ref = 1;
    e->filter = s;
    e->pos = pos;
    IBaseFilter_AddRef(&s->IBaseFilter_iface);
    return &e->IEnumPins_iface;
}

static enum_pins *impl_from_enum_pins(IEnumPins *iface) { return CONTAINING_RECORD(iface, enum_pins, IEnumPins_iface); }

static HRESULT WINAPI ep_QueryInterface(IEnumPins *iface, REFIID iid, void **out)
{
    if (IsEqualGUID(iid, &IID_IUnknown) || IsEqualGUID(iid, &IID_IEnumPins)) {
        *out = iface;
        IEnumPins_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI ep_AddRef(IEnumPins *iface) { return InterlockedIncrement(&impl_from_enum_pins(iface)->ref); }

static ULONG WINAPI ep_Release(IEnumPins *iface)
{
    enum_pins *e = impl_from_enum_pins(iface);
    ULONG ref = InterlockedDecrement(&e->ref);
    if (!ref) {
        IBaseFilter_Release(&e->filter->IBaseFilter_iface);
        free(e);
    }
    return ref;
}

static HRESULT WINAPI ep_Next(IEnumPins *iface, ULONG count, IPin **pins, ULONG *fetched)
{
    enum_pins *e = impl_from_enum_pins(iface);
    ULONG n = 0;
    if (count && e->pos == 0) {
        pins[0] = &e->filter->pin.IPin_iface;
        IPin_AddRef(pins[0]);
        e->pos = 1;
        n = 1;
    }
    if (fetched)
        *fetched = n;
    return n == count ? S_OK : S_FALSE;
}

static HRESULT WINAPI ep_Skip(IEnumPins *iface, ULONG count)
{
    enum_pins *e = impl_from_enum_pins(iface);
    e->pos += count;
    return e->pos <= 1 ? S_OK : S_FALSE;
}

static HRESULT WINAPI ep_Reset(IEnumPins *iface)
{
    impl_from_enum_pins(iface)->pos = 0;
    return S_OK;
}

static HRESULT WINAPI ep_Clone(IEnumPins *iface, IEnumPins **out)
{
    enum_pins *e = impl_from_enum_pins(iface);
    *out = enum_pins_new(e->filter, e->pos);
    return *out ? S_OK : E_OUTOFMEMORY;
}

static const IEnumPinsVtbl enum_pins_vtbl = {
    ep_QueryInterface, ep_AddRef, ep_Release, ep_Next, ep_Skip, ep_Reset, ep_Clone,
};

/* ------------------------------------------------------------------ output IPin */

static HRESULT WINAPI pin_QueryInterface(IPin *iface, REFIID iid, void **out)
{
    if (IsEqualGUID(iid, &IID_IUnknown) || IsEqualGUID(iid, &IID_IPin)) {
        *out = iface;
        IPin_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI pin_AddRef(IPin *iface) { return IBaseFilter_AddRef(&impl_from_pin(iface)->filter->IBaseFilter_iface); }
static ULONG WINAPI pin_Release(IPin *iface) { return IBaseFilter_Release(&impl_from_pin(iface)->filter->IBaseFilter_iface); }

static void pin_release_connection(out_pin *p)
{
    if (p->alloc)
        IMemAllocator_Release(p->alloc);
    if (p->mem)
        IMemInputPin_Release(p->mem);
    if (p->peer)
        IPin_Release(p->peer);
    p->alloc = NULL;
    p->mem = NULL;
    p->peer = NULL;
}

/* Allocator negotiation: the downstream pin's allocator if it offers one, else a standard
 * memory allocator; buffers large enough for the largest packet. */
static HRESULT pin_decide_allocator(out_pin *p)
{
    source *s = p->filter;
    ALLOCATOR_PROPERTIES want = { 0 }, got;
    HRESULT hr = IMemInputPin_GetAllocatorRequirements(p->mem, &want);
    if (FAILED(hr))
        memset(&want, 0, sizeof want);
    if (want.cBuffers < 4)
        want.cBuffers = 4;
    if (want.cbBuffer < (LONG)s->max_packet)
        want.cbBuffer = (LONG)s->max_packet;
    if (want.cbAlign < 1)
        want.cbAlign = 1;

    hr = IMemInputPin_GetAllocator(p->mem, &p->alloc);
    if (SUCCEEDED(hr)) {
        hr = IMemAllocator_SetProperties(p->alloc, &want, &got);
        if (SUCCEEDED(hr))
            hr = IMemInputPin_NotifyAllocator(p->mem, p->alloc, FALSE);
        if (SUCCEEDED(hr))
            return S_OK;
        IMemAllocator_Release(p->alloc);
        p->alloc = NULL;
    }
    hr = CoCreateInstance(&CLSID_MemoryAllocator, NULL, CLSCTX_INPROC_SERVER, &IID_IMemAllocator, (void **)&p->alloc);
    if (FAILED(hr))
        return hr;
    hr = IMemAllocator_SetProperties(p->alloc, &want, &got);
    if (SUCCEEDED(hr))
        hr = IMemInputPin_NotifyAllocator(p->mem, p->alloc, FALSE);
    return hr;
}

static HRESULT WINAPI pin_Connect(IPin *iface, IPin *peer, const AM_MEDIA_TYPE *mt)
{
    out_pin *p = impl_from_pin(iface);
    source *s = p->filter;
    if (!peer)
        return E_POINTER;
    if (p->peer)
        return VFW_E_ALREADY_CONNECTED;
    if (s->state != State_Stopped)
        return VFW_E_NOT_STOPPED;
    if (!accepts(s, mt))
        return VFW_E_TYPE_NOT_ACCEPTED;
    HRESULT hr = IPin_ReceiveConnection(peer, iface, &s->mt);
    if (FAILED(hr))
        return hr;
    p->peer = peer;
    IPin_AddRef(peer);
    hr = IPin_QueryInterface(peer, &IID_IMemInputPin, (void **)&p->mem);
    if (SUCCEEDED(hr))
        hr = pin_decide_allocator(p);
    if (FAILED(hr)) {
        IPin_Disconnect(peer);
        pin_release_connection(p);
    }
    return hr;
}

static HRESULT WINAPI pin_ReceiveConnection(IPin *iface, IPin *peer, const AM_MEDIA_TYPE *mt)
{
    (void)iface; (void)peer; (void)mt;
    return E_UNEXPECTED; /* an output pin */
}

static HRESULT WINAPI pin_Disconnect(IPin *iface)
{
    out_pin *p = impl_from_pin(iface);
    if (!p->peer)
        return S_FALSE;
    pin_release_connection(p);
    return S_OK;
}

static HRESULT WINAPI pin_ConnectedTo(IPin *iface, IPin **peer)
{
    out_pin *p = impl_from_pin(iface);
    *peer = p->peer;
    if (!p->peer)
        return VFW_E_NOT_CONNECTED;
    IPin_AddRef(p->peer);
    return S_OK;
}

static HRESULT WINAPI pin_ConnectionMediaType(IPin *iface, AM_MEDIA_TYPE *mt)
{
    out_pin *p = impl_from_pin(iface);
    if (!p->peer) {
        memset(mt, 0, sizeof *mt);
        return VFW_E_NOT_CONNECTED;
    }
    return copy_media_type(mt, &p->filter->mt);
}

static HRESULT WINAPI pin_QueryPinInfo(IPin *iface, PIN_INFO *info)
{
    out_pin *p = impl_from_pin(iface);
    info->pFilter = &p->filter->IBaseFilter_iface;
    IBaseFilter_AddRef(info->pFilter);
    info->dir = PINDIR_OUTPUT;
    wcscpy(info->achName, L"Audio");
    return S_OK;
}

static HRESULT WINAPI pin_QueryDirection(IPin *iface, PIN_DIRECTION *dir)
{
    (void)iface;
    *dir = PINDIR_OUTPUT;
    return S_OK;
}

static HRESULT WINAPI pin_QueryId(IPin *iface, LPWSTR *id)
{
    (void)iface;
    *id = CoTaskMemAlloc(sizeof L"Audio");
    if (!*id)
        return E_OUTOFMEMORY;
    wcscpy(*id, L"Audio");
    return S_OK;
}

static HRESULT WINAPI pin_QueryAccept(IPin *iface, const AM_MEDIA_TYPE *mt)
{
    return accepts(impl_from_pin(iface)->filter, mt) ? S_OK : S_FALSE;
}

static HRESULT WINAPI pin_EnumMediaTypes(IPin *iface, IEnumMediaTypes **out)
{
    *out = enum_types_new(impl_from_pin(iface)->filter, 0);
    return *out ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI pin_QueryInternalConnections(IPin *iface, IPin **pins, ULONG *count)
{
    (void)iface; (void)pins; (void)count;
    return E_NOTIMPL;
}

static HRESULT WINAPI pin_EndOfStream(IPin *iface) { (void)iface; return E_UNEXPECTED; }
static HRESULT WINAPI pin_BeginFlush(IPin *iface) { (void)iface; return E_UNEXPECTED; }
static HRESULT WINAPI pin_EndFlush(IPin *iface) { (void)iface; return E_UNEXPECTED; }

static HRESULT WINAPI pin_NewSegment(IPin *iface, REFERENCE_TIME start, REFERENCE_TIME stop, double rate)
{
    (void)iface; (void)start; (void)stop; (void)rate;
    return S_OK;
}

static const IPinVtbl pin_vtbl = {
    pin_QueryInterface, pin_AddRef, pin_Release, pin_Connect, pin_ReceiveConnection, pin_Disconnect,
    pin_ConnectedTo, pin_ConnectionMediaType, pin_QueryPinInfo, pin_QueryDirection, pin_QueryId,
    pin_QueryAccept, pin_EnumMediaTypes, pin_QueryInternalConnections, pin_EndOfStream, pin_BeginFlush,
    pin_EndFlush, pin_NewSegment,
};

/* ------------------------------------------------------------------ delivery thread */

static DWORD WINAPI deliver_thread(void *arg)
{
    source *s = arg;
    out_pin *p = &s->pin;
    uint64_t pos = 0;
    size_t i;
    for (i = 0; i < s->count && !s->stop; i++) {
        IMediaSample *sample = NULL;
        HRESULT hr = IMemAllocator_GetBuffer(p->alloc, &sample, NULL, NULL, 0);
        if (FAILED(hr)) {
            s->receive_hr = hr;
            break;
        }
        BYTE *buf = NULL;
        LONG n = (LONG)(s->offsets[i + 1] - s->offsets[i]);
        IMediaSample_GetPointer(sample, &buf);
        if (IMediaSample_GetSize(sample) < n) {
            IMediaSample_Release(sample);
            s->receive_hr = E_OUTOFMEMORY;
            break;
        }
        memcpy(buf, s->data + s->offsets[i], (size_t)n);
        IMediaSample_SetActualDataLength(sample, n);
        /* Stream time from the byte position, as a CBR-minded splitter would. */
        if (s->avg_bytes) {
            REFERENCE_TIME t0 = (REFERENCE_TIME)(pos * 10000000ull / s->avg_bytes);
            REFERENCE_TIME t1 = (REFERENCE_TIME)((pos + (uint64_t)n) * 10000000ull / s->avg_bytes);
            IMediaSample_SetTime(sample, &t0, &t1);
        }
        IMediaSample_SetSyncPoint(sample, TRUE);
        IMediaSample_SetDiscontinuity(sample, i == 0);
        IMediaSample_SetPreroll(sample, FALSE);
        pos += (uint64_t)n;
        hr = IMemInputPin_Receive(p->mem, sample);
        IMediaSample_Release(sample);
        if (hr != S_OK) {
            s->receive_hr = hr;
            break;
        }
        s->delivered++;
    }
    if (i == s->count)
        IPin_EndOfStream(p->peer);
    return 0;
}

/* ------------------------------------------------------------------ IBaseFilter */

static HRESULT WINAPI filter_QueryInterface(IBaseFilter *iface, REFIID iid, void **out)
{
    if (IsEqualGUID(iid, &IID_IUnknown) || IsEqualGUID(iid, &IID_IPersist) || IsEqualGUID(iid, &IID_IMediaFilter) ||
        IsEqualGUID(iid, &IID_IBaseFilter)) {
        *out = iface;
        IBaseFilter_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI filter_AddRef(IBaseFilter *iface) { return InterlockedIncrement(&impl_from_filter(iface)->ref); }

static void stop_thread(source *s)
{
    if (!s->thread)
        return;
    s->stop = 1;
    if (s->pin.alloc)
        IMemAllocator_Decommit(s->pin.alloc);
    WaitForSingleObject(s->thread, INFINITE);
    CloseHandle(s->thread);
    s->thread = NULL;
}

static ULONG WINAPI filter_Release(IBaseFilter *iface)
{
    source *s = impl_from_filter(iface);
    ULONG ref = InterlockedDecrement(&s->ref);
    if (!ref) {
        stop_thread(s);
        pin_release_connection(&s->pin);
        if (s->clock)
            IReferenceClock_Release(s->clock);
        DeleteCriticalSection(&s->lock);
        free(s->wfx);
        free(s->data);
        free(s->offsets);
        free(s);
    }
    return ref;
}

static HRESULT WINAPI filter_GetClassID(IBaseFilter *iface, CLSID *clsid)
{
    (void)iface;
    *clsid = clsid_ffacm_test_source;
    return S_OK;
}

static HRESULT WINAPI filter_Stop(IBaseFilter *iface)
{
    source *s = impl_from_filter(iface);
    EnterCriticalSection(&s->lock);
    stop_thread(s);
    s->state = State_Stopped;
    LeaveCriticalSection(&s->lock);
    return S_OK;
}

static HRESULT WINAPI filter_Pause(IBaseFilter *iface)
{
    source *s = impl_from_filter(iface);
    HRESULT hr = S_OK;
    EnterCriticalSection(&s->lock);
    if (s->state == State_Stopped && s->pin.peer) {
        hr = IMemAllocator_Commit(s->pin.alloc);
        if (SUCCEEDED(hr)) {
            s->stop = 0;
            s->thread = CreateThread(NULL, 0, deliver_thread, s, 0, NULL);
            if (!s->thread)
                hr = E_FAIL;
        }
    }
    if (SUCCEEDED(hr))
        s->state = State_Paused;
    LeaveCriticalSection(&s->lock);
    return hr;
}

static HRESULT WINAPI filter_Run(IBaseFilter *iface, REFERENCE_TIME start)
{
    source *s = impl_from_filter(iface);
    HRESULT hr = S_OK;
    if (s->state == State_Stopped)
        hr = filter_Pause(iface);
    EnterCriticalSection(&s->lock);
    s->start = start;
    if (SUCCEEDED(hr))
        s->state = State_Running;
    LeaveCriticalSection(&s->lock);
    return hr;
}

static HRESULT WINAPI filter_GetState(IBaseFilter *iface, DWORD timeout, FILTER_STATE *state)
{
    (void)timeout;
    *state = impl_from_filter(iface)->state;
    return S_OK;
}

static HRESULT WINAPI filter_SetSyncSource(IBaseFilter *iface, IReferenceClock *clock)
{
    source *s = impl_from_filter(iface);
    EnterCriticalSection(&s->lock);
    if (s->clock)
        IReferenceClock_Release(s->clock);
    s->clock = clock;
    if (clock)
        IReferenceClock_AddRef(clock);
    LeaveCriticalSection(&s->lock);
    return S_OK;
}

static HRESULT WINAPI filter_GetSyncSource(IBaseFilter *iface, IReferenceClock **clock)
{
    source *s = impl_from_filter(iface);
    *clock = s->clock;
    if (s->clock)
        IReferenceClock_AddRef(s->clock);
    return S_OK;
}

static HRESULT WINAPI filter_EnumPins(IBaseFilter *iface, IEnumPins **out)
{
    *out = enum_pins_new(impl_from_filter(iface), 0);
    return *out ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI filter_FindPin(IBaseFilter *iface, LPCWSTR id, IPin **pin)
{
    source *s = impl_from_filter(iface);
    if (wcscmp(id, L"Audio")) {
        *pin = NULL;
        return VFW_E_NOT_FOUND;
    }
    *pin = &s->pin.IPin_iface;
    IPin_AddRef(*pin);
    return S_OK;
}

static HRESULT WINAPI filter_QueryFilterInfo(IBaseFilter *iface, FILTER_INFO *info)
{
    source *s = impl_from_filter(iface);
    wcscpy(info->achName, s->name);
    info->pGraph = s->graph;
    if (s->graph)
        IFilterGraph_AddRef(s->graph);
    return S_OK;
}

static HRESULT WINAPI filter_JoinFilterGraph(IBaseFilter *iface, IFilterGraph *graph, LPCWSTR name)
{
    source *s = impl_from_filter(iface);
    s->graph = graph;
    s->name[0] = 0;
    if (name)
        wcsncat(s->name, name, sizeof s->name / sizeof s->name[0] - 1);
    return S_OK;
}

static HRESULT WINAPI filter_QueryVendorInfo(IBaseFilter *iface, LPWSTR *info)
{
    (void)iface; (void)info;
    return E_NOTIMPL;
}

static const IBaseFilterVtbl filter_vtbl = {
    filter_QueryInterface, filter_AddRef, filter_Release, filter_GetClassID, filter_Stop, filter_Pause,
    filter_Run, filter_GetState, filter_SetSyncSource, filter_GetSyncSource, filter_EnumPins, filter_FindPin,
    filter_QueryFilterInfo, filter_JoinFilterGraph, filter_QueryVendorInfo,
};

/* ------------------------------------------------------------------ construction */

IBaseFilter *ds_source_create(const WAVEFORMATEX *wfx, DWORD wfx_size, const BYTE *const *packets,
                              const DWORD *sizes, size_t count)
{
    source *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    size_t total = 0;
    for (size_t i = 0; i < count; i++)
        total += sizes[i];
    s->wfx = malloc(wfx_size);
    s->data = malloc(total ? total : 1);
    s->offsets = malloc((count + 1) * sizeof *s->offsets);
    if (!s->wfx || !s->data || !s->offsets) {
        free(s->wfx);
        free(s->data);
        free(s->offsets);
        free(s);
        return NULL;
    }
    memcpy(s->wfx, wfx, wfx_size);
    size_t off = 0;
    for (size_t i = 0; i < count; i++) {
        s->offsets[i] = off;
        memcpy(s->data + off, packets[i], sizes[i]);
        off += sizes[i];
        if (sizes[i] > s->max_packet)
            s->max_packet = sizes[i];
    }
    s->offsets[count] = off;
    s->count = count;
    s->avg_bytes = wfx->nAvgBytesPerSec;

    s->IBaseFilter_iface.lpVtbl = (IBaseFilterVtbl *)&filter_vtbl;
    s->ref = 1;
    InitializeCriticalSection(&s->lock);
    s->state = State_Stopped;
    s->receive_hr = S_OK;
    s->pin.IPin_iface.lpVtbl = (IPinVtbl *)&pin_vtbl;
    s->pin.filter = s;

    /* What Windows' AVI Splitter announces for an audio stream. */
    s->mt.majortype = MEDIATYPE_Audio;
    s->mt.subtype = MEDIASUBTYPE_PCM;      /* {00000001-0000-0010-8000-00AA00389B71} ... */
    s->mt.subtype.Data1 = wfx->wFormatTag; /* ... with the format tag as Data1 */
    s->mt.bFixedSizeSamples = FALSE;
    s->mt.bTemporalCompression = FALSE;
    s->mt.lSampleSize = wfx->nBlockAlign;
    s->mt.formattype = FORMAT_WaveFormatEx;
    s->mt.cbFormat = wfx_size;
    s->mt.pbFormat = s->wfx;
    return &s->IBaseFilter_iface;
}

size_t ds_source_delivered(IBaseFilter *filter, HRESULT *receive_hr)
{
    source *s = impl_from_filter(filter);
    if (receive_hr)
        *receive_hr = s->receive_hr;
    return s->delivered;
}
