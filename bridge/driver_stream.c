/* ACMDM_STREAM_*: the stream adapter seen through ACMDRVSTREAMINSTANCE and the stream header.
 *
 * QUERY opens only validate (nothing is allocated: Wine never closes a query).  The stream
 * lives in the instance's dwDriver from STREAM_OPEN to STREAM_CLOSE. */
#include "driver.h"
#include "core/status.h"
#include "core/stream_adapter.h"
#include "core/wavefmt.h"
#include "log.h"
#include "settings_apply.h"

#define KNOWN_OPEN_FLAGS (ACM_STREAMOPENF_QUERY | ACM_STREAMOPENF_ASYNC | ACM_STREAMOPENF_NONREALTIME)
#define KNOWN_CONVERT_FLAGS (ACM_STREAMCONVERTF_BLOCKALIGN | ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_END)

static int read_formats(const ffacm_instance_view *v, ffacm_wavefmt *src, ffacm_wavefmt *dst)
{
    return ffacm_parse_wfx(v->pwfxSrc, 0, src) < 0 || ffacm_parse_wfx(v->pwfxDst, 0, dst) < 0 ? -1 : 0;
}

LRESULT ffacm_on_stream_open(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    (void)lparam2;
    ffacm_instance_view v;
    ffacm_wavefmt src, dst;
    if (ffacm_read_instance(lparam1, &v) < 0)
        return MMSYSERR_INVALPARAM;
    if (v.fdwOpen & ~(DWORD)KNOWN_OPEN_FLAGS)
        return MMSYSERR_INVALFLAG;
    /* No asynchronous conversion and no filters: refuse, never half-support. */
    if ((v.fdwOpen & ACM_STREAMOPENF_ASYNC) || v.pwfltr)
        return ACMERR_NOTPOSSIBLE;
    if (read_formats(&v, &src, &dst) < 0)
        return ACMERR_NOTPOSSIBLE;
    /* Settings are read when a stream opens: a disabled format lets msacm try another driver. */
    if (!ffacm_settings_format_allowed(&src) || !ffacm_settings_format_allowed(&dst))
        return ACMERR_NOTPOSSIBLE;
    if (v.fdwOpen & ACM_STREAMOPENF_QUERY)
        return ffacm_mmresult(ffacm_stream_query(&src, &dst));
    ffacm_log_configure();
    ffacm_log_route_ffmpeg();
    ffacm_stream *stream;
    ffacm_stream_options opts = { .compression_level = ffacm_settings_compression_level(&dst) };
    int status = ffacm_stream_open_opts(&src, &dst, &opts, &stream);
    ffacm_log(status == FFACM_OK ? FFACM_LOG_INFO : FFACM_LOG_WARNING,
              "stream open 0x%04X %u Hz %u ch -> 0x%04X %u Hz %u ch %u-bit: status %d", (unsigned)src.tag,
              (unsigned)src.rate, (unsigned)src.channels, (unsigned)dst.tag, (unsigned)dst.rate,
              (unsigned)dst.channels, (unsigned)dst.bits_per_sample, status);
    if (status != FFACM_OK)
        return ffacm_mmresult(status);
    *v.dwDriver = (DWORD_PTR)stream;
    return MMSYSERR_NOERROR;
}

LRESULT ffacm_on_stream_close(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    (void)lparam2;
    ffacm_instance_view v;
    if (ffacm_read_instance(lparam1, &v) < 0)
        return MMSYSERR_INVALPARAM;
    ffacm_stream_close((ffacm_stream *)*v.dwDriver);
    *v.dwDriver = 0;
    return MMSYSERR_NOERROR;
}

LRESULT ffacm_on_stream_size(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    ffacm_instance_view v;
    ffacm_stream_size *size = (ffacm_stream_size *)lparam2;
    ffacm_size_model model = { 0 };
    if (ffacm_read_instance(lparam1, &v) < 0 || !size)
        return MMSYSERR_INVALPARAM;
    const ffacm_stream *stream = (const ffacm_stream *)*v.dwDriver;
    if (!stream) {
        ffacm_wavefmt src, dst;
        if (read_formats(&v, &src, &dst) < 0 || ffacm_stream_size_model(&src, &dst, &model) != FFACM_OK)
            return ACMERR_NOTPOSSIBLE;
    }
    uint32_t answer = 0;
    switch (size->fdwSize & ACM_STREAMSIZEF_QUERYMASK) {
    case ACM_STREAMSIZEF_SOURCE:
        if (size->cbSrcLength == 0 ||
            (stream ? ffacm_stream_size_answer(stream, 0, size->cbSrcLength, &answer)
                    : ffacm_size_source(&model, size->cbSrcLength, &answer)) < 0)
            return ACMERR_NOTPOSSIBLE;
        size->cbDstLength = answer;
        return MMSYSERR_NOERROR;
    case ACM_STREAMSIZEF_DESTINATION:
        /* An open stream answers avifil32's position mapping exactly (stream_adapter.h). */
        if (size->cbDstLength == 0 ||
            (stream ? ffacm_stream_size_answer(stream, 1, size->cbDstLength, &answer)
                    : ffacm_size_destination(&model, size->cbDstLength, &answer)) < 0)
            return ACMERR_NOTPOSSIBLE;
        size->cbSrcLength = answer;
        return MMSYSERR_NOERROR;
    default:
        return MMSYSERR_INVALFLAG;
    }
}

LRESULT ffacm_on_stream_convert(DWORD_PTR id, LPARAM lparam1, LPARAM lparam2)
{
    (void)id;
    ffacm_instance_view v;
    ffacm_stream_header *h = (ffacm_stream_header *)lparam2;
    if (ffacm_read_instance(lparam1, &v) < 0 || !h)
        return MMSYSERR_INVALPARAM;
    ffacm_stream *stream = (ffacm_stream *)*v.dwDriver;
    if (!stream)
        return MMSYSERR_INVALHANDLE;
    if (h->fdwConvert & ~(DWORD)KNOWN_CONVERT_FLAGS)
        return MMSYSERR_INVALFLAG;
    if ((!h->pbSrc && h->cbSrcLength) || (!h->pbDst && h->cbDstLength))
        return MMSYSERR_INVALPARAM;
    uint32_t src_used = 0, dst_used = 0;
    int status = ffacm_stream_convert(stream, h->pbSrc, h->cbSrcLength, h->pbDst, h->cbDstLength,
                                      h->fdwConvert, &src_used, &dst_used);
    h->cbSrcLengthUsed = src_used;
    h->cbDstLengthUsed = dst_used;
    return ffacm_mmresult(status);
}
