/*
 * main.c - ffacm.exe: a command-line ACM client that uses only the public
 * msacm32 API.  Dispatches to the subcommands below.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int cmd_help(int argc, char **argv);

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"list", cmd_list},
    {"decode", cmd_decode},
    {"encode", cmd_encode},
    {"info", cmd_info},
    {"install", cmd_install},
    {"uninstall", cmd_uninstall},
    {"config", cmd_config},
    {"help", cmd_help},
    {"--help", cmd_help},
    {"-h", cmd_help},
};

static const char usage[] =
    "usage:\n"
    "  ffacm list [--formats] [--driver FILE]\n"
    "      Every ACM driver (disabled ones too), its details and format tags;\n"
    "      --formats also lists every format of each tag; --driver first adds\n"
    "      FILE (a DLL exporting DriverProc) so that it appears.\n"
    "\n"
    "  ffacm encode IN.wav OUT.wav|OUT.avi --tag 0xNNNN [--index N | --bitrate B]\n"
    "               [--driver FILE] [--chunk N] [--pattern vdub|simple] [--stats]\n"
    "      Compresses PCM through ACM (VirtualDub's loop) into the tag's format:\n"
    "      standard format N, the one with the source's rate/channels at bitrate B,\n"
    "      or the driver's suggestion.  OUT.avi stores one chunk per call (needed\n"
    "      for raw AAC and Opus); OUT.wav stores the output as one byte stream.\n"
    "\n"
    "  ffacm decode IN OUT.wav [--pattern vdub|wrapper|simple] [--chunk N]\n"
    "               [--driver FILE] [--to pcm16|pcm24|pcm32|float]\n"
    "               [--rate R] [--channels C] [--stats]\n"
    "      Converts IN (RIFF WAVE, or the first audio stream of a RIFF AVI)\n"
    "      through ACM into OUT.wav.  --pattern picks how the stream is driven:\n"
    "        vdub     VirtualDub (default): prepared buffers, BLOCKALIGN,\n"
    "                 leftover kept, flush (BLOCKALIGN then END calls); jam =\n"
    "                 no input taken and no output while the buffer is full;\n"
    "                 WAV reads --chunk bytes per call\n"
    "                 (default nAvgBytesPerSec/5, block aligned), AVI one packet\n"
    "        wrapper  DirectShow ACM Wrapper: media samples of --chunk bytes\n"
    "                 (default 4096; AVI: one packet), never END\n"
    "        simple   one call per chunk, flags 0, then one END call\n"
    "      --driver FILE  use only that driver (acmDriverAdd + acmDriverOpen)\n"
    "      --to           destination sample type (default pcm16)\n"
    "      --rate/--channels  also constrain acmFormatSuggest\n"
    "      --stats        print one line per acmStreamConvert call\n"
    "      Prints: calls=N src_used=N dst_bytes=N frames=N\n"
    "\n"
    "  ffacm info IN [--packets] [--driver FILE] [--no-acm]\n"
    "      Parses IN with the RIFF/AVI reader and prints the source format, data\n"
    "      size or packet list and the number of warnings; then, unless --no-acm,\n"
    "      each ACM driver's answer (tag listed, unrestricted suggestion, QUERY\n"
    "      open) and the driver a NULL-driver acmStreamOpen picks (\"decoded by\").\n"
    "\n"
    "  ffacm install [--driver FILE] [--driver32 FILE] [--no-32]\n"
    "      Copies ffacm.acm (default: next to ffacm.exe) into the system directory\n"
    "      and, from the 64-bit ffacm.exe, the 32-bit one (default: x86\\ffacm.acm\n"
    "      next to ffacm.exe) into SysWOW64; registers msacm.ffacm (Drivers32,\n"
    "      Drivers.desc, MediaResources) and clears Wine's DriverCache entry.\n"
    "      Needs administrator rights; idempotent; rolled back if any step fails.\n"
    "\n"
    "  ffacm uninstall\n"
    "      Removes every file and registry value install wrote (idempotent).\n"
    "\n"
    "  ffacm config [list] | get NAME | set NAME VALUE | unset NAME  [--machine]\n"
    "      Reads/changes the settings in HKCU\\Software\\ffacm (HKLM with --machine):\n"
    "      OutputFormat, MaxChannels, encoder defaults, LogLevel, LogFile and\n"
    "      Enable_XXXX (XXXX = format tag in hex, 0 = leave it to other codecs).\n"
    "  ffacm config dialog|about [--driver FILE]\n"
    "      Opens the driver's settings dialog (DRV_CONFIGURE) or about box.\n"
    "\n"
    "  ffacm help\n"
    "\n"
    "exit codes: 0 ok, 1 error, 2 usage, 3 JAMMED (vdub), 4 SIZE_BOUND_VIOLATION,\n"
    "            5 DISCARDED (wrapper)\n";

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(usage, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = CLI_EXIT_USAGE;
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc >= 2) {
        for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
            if (strcmp(argv[1], commands[i].name) == 0) {
                rc = commands[i].run(argc - 2, argv + 2);
                fflush(stdout);
                return rc;
            }
        }
        fprintf(stderr, "error: unknown command '%s'\n", argv[1]);
    }
    fputs(usage, stderr);
    return rc;
}
