/*
 * test_dshow.c - ffacm inside DirectShow, through Wine's filter graph manager and ACM Wrapper.
 *
 * usage: test_dshow.exe MODE IN.avi OUT.wav [--control]
 *   wrapper     our AVI-Splitter-like source (ds_source.c) -> ACM Wrapper (CLSID_ACMWrapper,
 *               added explicitly) -> Sample Grabber (PCM only) -> Null Renderer
 *   splitter    Wine's own File Source + AVI Splitter, ACM Wrapper added explicitly and
 *               connected directly to the splitter's audio pin -> Sample Grabber -> Null Renderer
 *   autoplug    Wine's own File Source, then IGraphBuilder::Connect to the Sample Grabber:
 *               the graph manager picks splitter and decoder itself (prints which)
 *   renderfile  IGraphBuilder::RenderFile, as a plain player does (prints the filters; OUT is
 *               not written: the audio goes to Wine's DirectSound renderer)
 * The graph runs without a clock (as fast as possible) until EC_COMPLETE; the PCM that
 * reached the grabber is written to OUT.wav for compare_pcm.py.  --control runs in a prefix
 * where ffacm is NOT installed (checked): the control run that shows the result depends on
 * ffacm.  (Disabling ffacm with acmDriverPriority instead would be persisted by Wine in the
 * prefix's registry.)
 * Exit status: 0 graph ran to EC_COMPLETE; 1 failure; 3 the graph could not be built.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ds_grabber.h"
#include "ds_source.h"
#include "host_common.h"
#include "riff_reader.h"
#include "wav_writer.h"

#define EXIT_NO_GRAPH 3

static void print_hr(const char *what, HRESULT hr)
{
    printf("%s: hr=0x%08lx\n", what, (unsigned long)hr);
}

static IPin *find_pin(IBaseFilter *f, PIN_DIRECTION want, int unconnected)
{
    IEnumPins *e = NULL;
    IPin *pin = NULL, *found = NULL;
    if (FAILED(IBaseFilter_EnumPins(f, &e)))
        return NULL;
    while (!found && IEnumPins_Next(e, 1, &pin, NULL) == S_OK) {
        PIN_DIRECTION dir;
        IPin *peer = NULL;
        IPin_QueryDirection(pin, &dir);
        int free_pin = IPin_ConnectedTo(pin, &peer) != S_OK;
        if (peer)
            IPin_Release(peer);
        if (dir == want && (!unconnected || free_pin))
            found = pin;
        else
            IPin_Release(pin);
    }
    IEnumPins_Release(e);
    return found;
}

static HRESULT connect_direct(IGraphBuilder *g, IBaseFilter *from, IBaseFilter *to, const char *what)
{
    IPin *out = find_pin(from, PINDIR_OUTPUT, 1), *in = find_pin(to, PINDIR_INPUT, 1);
    HRESULT hr = (out && in) ? IGraphBuilder_ConnectDirect(g, out, in, NULL) : E_FAIL;
    print_hr(what, hr);
    if (out)
        IPin_Release(out);
    if (in)
        IPin_Release(in);
    return hr;
}

static IBaseFilter *add_filter(IGraphBuilder *g, const CLSID *clsid, const WCHAR *name, const char *what)
{
    IBaseFilter *f = NULL;
    HRESULT hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IBaseFilter, (void **)&f);
    if (FAILED(hr)) {
        print_hr(what, hr);
        return NULL;
    }
    hr = IGraphBuilder_AddFilter(g, f, name);
    if (FAILED(hr)) {
        print_hr(what, hr);
        IBaseFilter_Release(f);
        return NULL;
    }
    return f;
}

/* Prints every filter of the graph with its class, so a log shows who decoded. */
static void list_filters(IGraphBuilder *g)
{
    IEnumFilters *e = NULL;
    IBaseFilter *f = NULL;
    if (FAILED(IGraphBuilder_EnumFilters(g, &e)))
        return;
    while (IEnumFilters_Next(e, 1, &f, NULL) == S_OK) {
        FILTER_INFO info;
        CLSID clsid;
        char name[256];
        memset(&clsid, 0, sizeof clsid);
        IBaseFilter_GetClassID(f, &clsid);
        if (SUCCEEDED(IBaseFilter_QueryFilterInfo(f, &info))) {
            WideCharToMultiByte(CP_UTF8, 0, info.achName, -1, name, sizeof name, NULL, NULL);
            if (info.pGraph)
                IFilterGraph_Release(info.pGraph);
        } else {
            strcpy(name, "?");
        }
        printf("graph filter: %-28s {%08lX-%04X-%04X-...}\n", name, (unsigned long)clsid.Data1, clsid.Data2,
               clsid.Data3);
        IBaseFilter_Release(f);
    }
    IEnumFilters_Release(e);
}

/* Our source filter, fed with the packets of the AVI's first audio stream. */
static IBaseFilter *make_source(const char *path)
{
    riff_input in;
    memset(&in, 0, sizeof in);
    if (riff_open(&in, path) < 0)
        return NULL;
    IBaseFilter *src = NULL;
    const BYTE **ptrs = calloc(in.packet_count ? in.packet_count : 1, sizeof *ptrs);
    DWORD *sizes = calloc(in.packet_count ? in.packet_count : 1, sizeof *sizes);
    BYTE *all = malloc(in.total_bytes ? (size_t)in.total_bytes : 1);
    if (in.kind != RIFF_KIND_AVI) {
        printf("%s: not an AVI\n", path);
    } else if (ptrs && sizes && all) {
        size_t off = 0;
        int ok = 1;
        for (size_t i = 0; i < in.packet_count && ok; i++) {
            ok = riff_read_at(&in, in.packets[i].offset, all + off, in.packets[i].size) == 0;
            ptrs[i] = all + off;
            sizes[i] = in.packets[i].size;
            off += in.packets[i].size;
        }
        if (ok)
            src = ds_source_create(in.wfx, in.wfx_size, ptrs, sizes, in.packet_count);
        printf("source: tag=0x%04x %u ch %lu Hz, %zu packets, %llu bytes\n", in.wfx->wFormatTag, in.wfx->nChannels,
               (unsigned long)in.wfx->nSamplesPerSec, in.packet_count, (unsigned long long)in.total_bytes);
    }
    free(ptrs);
    free(sizes);
    free(all);
    riff_close(&in);
    return src;
}

static IBaseFilter *make_grabber(IGraphBuilder *g, pcm_sink *sink, ISampleGrabber **grab)
{
    IBaseFilter *f = add_filter(g, &ffacm_clsid_sample_grabber, L"Sample Grabber", "Sample Grabber");
    if (!f)
        return NULL;
    if (FAILED(IBaseFilter_QueryInterface(f, &ffacm_iid_sample_grabber, (void **)grab))) {
        IBaseFilter_Release(f);
        return NULL;
    }
    /* Only PCM may reach the sink: whatever sits before the grabber must decode. */
    AM_MEDIA_TYPE mt;
    memset(&mt, 0, sizeof mt);
    mt.majortype = MEDIATYPE_Audio;
    mt.subtype = MEDIASUBTYPE_PCM;
    ISampleGrabber_SetMediaType(*grab, &mt);
    ISampleGrabber_SetBufferSamples(*grab, FALSE);
    ISampleGrabber_SetCallback(*grab, &sink->ISampleGrabberCB_iface, 0);
    return f;
}

static int write_output(ISampleGrabber *grab, const pcm_sink *sink, const char *path)
{
    AM_MEDIA_TYPE mt;
    memset(&mt, 0, sizeof mt);
    HRESULT hr = ISampleGrabber_GetConnectedMediaType(grab, &mt);
    if (FAILED(hr) || !IsEqualGUID(&mt.formattype, &FORMAT_WaveFormatEx) || mt.cbFormat < sizeof(WAVEFORMATEX) - 2) {
        print_hr("GetConnectedMediaType", hr);
        return -1;
    }
    WAVEFORMATEX *wfx = (WAVEFORMATEX *)mt.pbFormat;
    printf("sink format: tag=0x%04x %u ch %lu Hz %u bits\n", wfx->wFormatTag, wfx->nChannels,
           (unsigned long)wfx->nSamplesPerSec, wfx->wBitsPerSample);
    wav_writer w;
    int rc = wav_writer_open(&w, path, wfx);
    if (rc == 0 && sink->len)
        rc = wav_writer_write(&w, sink->data, (uint32_t)sink->len);
    if (wav_writer_close(&w) < 0)
        rc = -1;
    CoTaskMemFree(mt.pbFormat);
    if (mt.pUnk)
        IUnknown_Release(mt.pUnk);
    return rc;
}

static int run_graph(IGraphBuilder *g)
{
    IMediaFilter *mf = NULL;
    IMediaControl *mc = NULL;
    IMediaEvent *me = NULL;
    int rc = 1;
    /* No clock: the Null Renderer then renders as fast as samples come. */
    if (SUCCEEDED(IGraphBuilder_QueryInterface(g, &IID_IMediaFilter, (void **)&mf))) {
        IMediaFilter_SetSyncSource(mf, NULL);
        IMediaFilter_Release(mf);
    }
    IGraphBuilder_QueryInterface(g, &IID_IMediaControl, (void **)&mc);
    IGraphBuilder_QueryInterface(g, &IID_IMediaEvent, (void **)&me);
    if (!mc || !me)
        goto out;
    HRESULT hr = IMediaControl_Run(mc);
    print_hr("IMediaControl::Run", hr);
    if (FAILED(hr))
        goto out;
    LONG code = 0;
    hr = IMediaEvent_WaitForCompletion(me, 60000, &code);
    printf("WaitForCompletion: hr=0x%08lx event=0x%lx (EC_COMPLETE=0x%x)\n", (unsigned long)hr, (long)code,
           EC_COMPLETE);
    if (SUCCEEDED(hr) && code == EC_COMPLETE)
        rc = 0;
    IMediaControl_Stop(mc);
out:
    if (mc)
        IMediaControl_Release(mc);
    if (me)
        IMediaEvent_Release(me);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_dshow wrapper|splitter|autoplug|renderfile IN.avi OUT.wav [--control]\n");
        return 2;
    }
    const char *mode = argv[1], *in_path = argv[2], *out_path = argv[3];
    int control = argc > 4 && strcmp(argv[4], "--control") == 0;
    setvbuf(stdout, NULL, _IONBF, 0);

    HACMDRIVERID ffacm = host_find_ffacm();
    if (control && ffacm) {
        printf("control run, but ffacm is installed in this prefix\n");
        return 1;
    }
    if (!control && !ffacm)
        return 1;
    if (control)
        printf("control run: ffacm not installed\n");

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    int rc = EXIT_NO_GRAPH;
    IGraphBuilder *g = NULL;
    IBaseFilter *src = NULL, *wrapper = NULL, *grabber = NULL, *null = NULL;
    ISampleGrabber *grab = NULL;
    pcm_sink sink;
    pcm_sink_init(&sink);

    HRESULT hr = CoCreateInstance(&CLSID_FilterGraph, NULL, CLSCTX_INPROC_SERVER, &IID_IGraphBuilder, (void **)&g);
    if (FAILED(hr)) {
        print_hr("CoCreateInstance(FilterGraph)", hr);
        goto done;
    }
    if (strcmp(mode, "renderfile") == 0) {
        /* What a plain player does: IGraphBuilder::RenderFile, Wine picks every filter. */
        WCHAR wpath[MAX_PATH];
        MultiByteToWideChar(CP_ACP, 0, in_path, -1, wpath, MAX_PATH);
        hr = IGraphBuilder_RenderFile(g, wpath, NULL);
        print_hr("RenderFile", hr);
        list_filters(g);
        if (SUCCEEDED(hr))
            rc = run_graph(g);
        goto done;
    }
    grabber = make_grabber(g, &sink, &grab);
    null = add_filter(g, &ffacm_clsid_null_renderer, L"Null Renderer", "Null Renderer");
    if (!grabber || !null)
        goto done;

    if (strcmp(mode, "wrapper") == 0) {
        src = make_source(in_path);
        if (!src || FAILED(IGraphBuilder_AddFilter(g, src, L"ffacm test AVI source")))
            goto done;
        wrapper = add_filter(g, &CLSID_ACMWrapper, L"ACM Wrapper", "ACM Wrapper");
        if (!wrapper || FAILED(connect_direct(g, src, wrapper, "connect source -> ACM Wrapper")) ||
            FAILED(connect_direct(g, wrapper, grabber, "connect ACM Wrapper -> grabber")))
            goto done;
    } else {
        WCHAR wpath[MAX_PATH];
        MultiByteToWideChar(CP_ACP, 0, in_path, -1, wpath, MAX_PATH);
        hr = IGraphBuilder_AddSourceFilter(g, wpath, L"File Source", &src);
        print_hr("AddSourceFilter", hr);
        if (FAILED(hr))
            goto done;
        IPin *src_out = find_pin(src, PINDIR_OUTPUT, 1), *grab_in = find_pin(grabber, PINDIR_INPUT, 1);
        if (strcmp(mode, "splitter") == 0) {
            /* Splitter by intelligent connect to the ACM Wrapper's input, so the wrapper is
             * what decodes (the grabber takes only PCM). */
            wrapper = add_filter(g, &CLSID_ACMWrapper, L"ACM Wrapper", "ACM Wrapper");
            IPin *wr_in = wrapper ? find_pin(wrapper, PINDIR_INPUT, 1) : NULL;
            hr = (src_out && wr_in) ? IGraphBuilder_Connect(g, src_out, wr_in) : E_FAIL;
            print_hr("connect file source -> (splitter) -> ACM Wrapper", hr);
            if (wr_in)
                IPin_Release(wr_in);
            if (SUCCEEDED(hr))
                hr = connect_direct(g, wrapper, grabber, "connect ACM Wrapper -> grabber");
        } else {
            hr = (src_out && grab_in) ? IGraphBuilder_Connect(g, src_out, grab_in) : E_FAIL;
            print_hr("connect file source -> ... -> grabber (intelligent connect)", hr);
        }
        if (src_out)
            IPin_Release(src_out);
        if (grab_in)
            IPin_Release(grab_in);
        if (FAILED(hr)) {
            list_filters(g);
            goto done;
        }
    }
    /* The grabber's output takes the type of its input: connect it last. */
    if (FAILED(connect_direct(g, grabber, null, "connect grabber -> null renderer")))
        goto done;
    list_filters(g);

    rc = run_graph(g);
    if (strcmp(mode, "wrapper") == 0) {
        HRESULT rhr;
        size_t n = ds_source_delivered(src, &rhr);
        printf("source delivered %zu samples, Receive hr=0x%08lx\n", n, (unsigned long)rhr);
    }
    printf("sink received %zu samples, %zu bytes\n", sink.samples, sink.len);
    if (sink.failed)
        rc = 1;
    if (rc == 0 && write_output(grab, &sink, out_path) < 0)
        rc = 1;

done:
    if (grab) {
        ISampleGrabber_SetCallback(grab, NULL, 0);
        ISampleGrabber_Release(grab);
    }
    if (g) {
        IMediaControl *mc = NULL;
        if (SUCCEEDED(IGraphBuilder_QueryInterface(g, &IID_IMediaControl, (void **)&mc))) {
            IMediaControl_Stop(mc);
            IMediaControl_Release(mc);
        }
    }
    if (src)
        IBaseFilter_Release(src);
    if (wrapper)
        IBaseFilter_Release(wrapper);
    if (grabber)
        IBaseFilter_Release(grabber);
    if (null)
        IBaseFilter_Release(null);
    if (g)
        IGraphBuilder_Release(g);
    pcm_sink_free(&sink);
    CoUninitialize();
    printf("test_dshow %s: %s\n", mode, rc == 0 ? "graph completed" : rc == EXIT_NO_GRAPH ? "no graph" : "FAILED");
    return rc;
}
