/*
 * cmd_info.c - "ffacm info IN": parses IN with the RIFF reader and prints
 * what decode would feed to the codec, then (unless --no-acm) which ACM
 * driver would decode it and why the others refuse (info_drivers.c).  Also
 * holds the source description shared with decode.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "acm_util.h"
#include "cli.h"
#include "riff_reader.h"

void cli_print_source(const riff_input *in)
{
    if (in->kind == RIFF_KIND_WAVE)
        printf("source: WAVE, data %" PRIu64 " bytes at offset %" PRIu64 "\n", in->data_size,
               in->data_offset);
    else
        printf("source: AVI, stream %u, %u packets, %" PRIu64 " bytes, largest packet %lu\n",
               in->audio_stream, (unsigned)in->packet_count, in->total_bytes,
               (unsigned long)in->max_packet);
    acmu_print_wfx(stdout, "src: ", in->wfx);
}

int cmd_info(int argc, char **argv)
{
    riff_input in;
    int packets = 0, acm = 1;
    const char *path = NULL, *driver = NULL;

    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--packets") == 0) {
            packets = 1;
        } else if (strcmp(argv[i], "--no-acm") == 0) {
            acm = 0;
        } else if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc) {
            driver = argv[++i];
        } else if (!path && strncmp(argv[i], "--", 2) != 0) {
            path = argv[i];
        } else {
            fprintf(stderr, "error: info: unexpected argument '%s' (see 'ffacm help')\n", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (!path) {
        fprintf(stderr, "error: info: need IN (see 'ffacm help')\n");
        return CLI_EXIT_USAGE;
    }
    if (riff_open(&in, path) != 0)
        return 1;
    cli_print_source(&in);
    if (packets)
        for (size_t i = 0; i < in.packet_count; i++)
            printf("packet %u: offset=%" PRIu64 " size=%lu\n", (unsigned)i, in.packets[i].offset,
                   (unsigned long)in.packets[i].size);
    printf("warnings=%u\n", in.warnings);
    int rc = 0;
    if (acm) {
        acmu_driver drv;
        memset(&drv, 0, sizeof drv);
        if (driver && acmu_driver_add(&drv, driver, 0) != 0)
            rc = 1;
        else
            rc = cli_explain_drivers(in.wfx);
        if (driver)
            acmu_driver_release(&drv);
    }
    riff_close(&in);
    return rc;
}
