/*
 * test_wavemap.c - play a compressed file through the wave mapper: waveOutOpen(WAVE_MAPPER)
 * with the file's own (compressed) format, so the mapper has to put an ACM codec in front of
 * the real device, with ffacm installed in the prefix as the only candidate for most tags.
 *
 * usage: test_wavemap.exe IN.wav|IN.avi [WAV_BUFFER_BYTES]
 *   WAV: buffers of 1/10 s of the data chunk by nAvgBytesPerSec, at least 4 KiB, or
 *   WAV_BUFFER_BYTES; AVI: one packet per buffer (raw AAC, Opus and
 *   Vorbis need that).  Up to 16 buffers in flight, CALLBACK_EVENT.  Checked: the open
 *   succeeds, every waveOutWrite succeeds, every buffer comes back with WHDR_DONE, and it
 *   prints the samples the device played (waveOutGetPosition, TIME_SAMPLES) so the caller
 *   can compare with FFmpeg's sample count: the mapper sizes its output from
 *   STREAM_SIZE(SOURCE) and plays only cbDstLengthUsed, so a short bound or a buffer that
 *   produced nothing would show as missing samples.
 * Playback is real time: keep the files short.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_common.h"
#include "riff_reader.h"

#define IN_FLIGHT 16

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: test_wavemap IN.wav|IN.avi [WAV_BUFFER_BYTES]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    if (!host_find_ffacm())
        return 1;
    riff_input in;
    memset(&in, 0, sizeof in);
    if (riff_open(&in, argv[1]) < 0)
        return 1;
    const WAVEFORMATEX *wfx = in.wfx;

    UINT ndev = waveOutGetNumDevs();
    printf("waveOut devices: %u\n", ndev);
    HANDLE ev = CreateEventW(NULL, FALSE, FALSE, NULL);
    HWAVEOUT hwo = NULL;
    MMRESULT mr = waveOutOpen(&hwo, WAVE_MAPPER, wfx, (DWORD_PTR)ev, 0, CALLBACK_EVENT);
    printf("waveOutOpen(WAVE_MAPPER, tag 0x%04x %u ch %lu Hz): %u\n", wfx->wFormatTag, wfx->nChannels,
           (unsigned long)wfx->nSamplesPerSec, mr);
    HOST_CHECK(mr == MMSYSERR_NOERROR, "waveOutOpen(WAVE_MAPPER) with the compressed format: %u", mr);
    if (mr) {
        riff_close(&in);
        return 1;
    }

    DWORD chunk = wfx->nAvgBytesPerSec / 10;
    chunk -= chunk % (wfx->nBlockAlign ? wfx->nBlockAlign : 1);
    if (chunk < 4096)
        chunk = 4096;
    if (argc == 3)
        chunk = (DWORD)strtoul(argv[2], NULL, 10);
    DWORD cap = in.kind == RIFF_KIND_AVI ? in.max_packet : chunk;
    WAVEHDR hdr[IN_FLIGHT];
    BYTE *buf[IN_FLIGHT];
    int busy[IN_FLIGHT] = { 0 };
    memset(hdr, 0, sizeof hdr);
    for (int i = 0; i < IN_FLIGHT; i++)
        buf[i] = malloc(cap ? cap : 1);

    size_t next_packet = 0, written = 0, done = 0, not_done_flag = 0;
    uint64_t pos = 0;
    int inflight = 0, failed = 0;
    DWORD deadline = GetTickCount() + 120000;
    for (;;) {
        /* Queue every free buffer while input remains. */
        for (int i = 0; i < IN_FLIGHT && !failed; i++) {
            if (busy[i])
                continue;
            DWORD n = 0;
            if (in.kind == RIFF_KIND_AVI) {
                if (next_packet == in.packet_count)
                    break;
                n = in.packets[next_packet].size;
                if (riff_read_at(&in, in.packets[next_packet].offset, buf[i], n) < 0)
                    failed = 1;
                next_packet++;
            } else {
                if (pos >= in.data_size)
                    break;
                n = in.data_size - pos < chunk ? (DWORD)(in.data_size - pos) : chunk;
                if (riff_read_at(&in, in.data_offset + pos, buf[i], n) < 0)
                    failed = 1;
                pos += n;
            }
            memset(&hdr[i], 0, sizeof hdr[i]);
            hdr[i].lpData = (LPSTR)buf[i];
            hdr[i].dwBufferLength = n;
            mr = waveOutPrepareHeader(hwo, &hdr[i], sizeof hdr[i]);
            if (mr == 0)
                mr = waveOutWrite(hwo, &hdr[i], sizeof hdr[i]);
            HOST_CHECK(mr == 0, "buffer %zu: prepare/write %u", written, mr);
            if (mr) {
                failed = 1;
                break;
            }
            busy[i] = 1;
            inflight++;
            written++;
        }
        if (inflight == 0 || failed)
            break;
        if (GetTickCount() > deadline) {
            HOST_CHECK(0, "%d buffers never came back", inflight);
            break;
        }
        WaitForSingleObject(ev, 500);
        for (int i = 0; i < IN_FLIGHT; i++) {
            if (!busy[i] || !(hdr[i].dwFlags & WHDR_DONE))
                continue;
            if (hdr[i].dwFlags & WHDR_INQUEUE)
                not_done_flag++;
            waveOutUnprepareHeader(hwo, &hdr[i], sizeof hdr[i]);
            busy[i] = 0;
            inflight--;
            done++;
        }
    }
    /* The last buffer is "done" once handed over; let the device drain before asking the position. */
    Sleep(300);
    MMTIME t = { .wType = TIME_SAMPLES };
    mr = waveOutGetPosition(hwo, &t, sizeof t);
    unsigned long played = t.wType == TIME_SAMPLES ? (unsigned long)t.u.sample : 0;
    HOST_CHECK(mr == 0 && t.wType == TIME_SAMPLES, "waveOutGetPosition %u type %u", mr, t.wType);
    HOST_CHECK(done == written && !not_done_flag, "%zu buffers written, %zu returned done", written, done);
    waveOutReset(hwo);
    HOST_CHECK(waveOutClose(hwo) == 0, "waveOutClose");
    printf("buffers written=%zu done=%zu played_samples=%lu\n", written, done, played);
    for (int i = 0; i < IN_FLIGHT; i++)
        free(buf[i]);
    CloseHandle(ev);
    riff_close(&in);
    printf("test_wavemap: %d passed, %d failed\n", host_passed, host_failed);
    return host_failed ? 1 : 0;
}
