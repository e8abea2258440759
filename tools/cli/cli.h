/*
 * cli.h - the ffacm subcommands.  Each gets the arguments that follow its
 * name and returns the process exit code (2 = usage error).
 */
#ifndef FFACM_CLI_CLI_H
#define FFACM_CLI_CLI_H

#include "riff_reader.h"

#define CLI_EXIT_USAGE 2

int cmd_list(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_encode(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_install(int argc, char **argv);
int cmd_uninstall(int argc, char **argv);
int cmd_config(int argc, char **argv);

/* info_drivers.c: every driver's answer for `src`, then the driver msacm picks. 0 if one does. */
int cli_explain_drivers(const WAVEFORMATEX *src);

/* Prints the "source: ..." and "src: ..." lines for an opened input. */
void cli_print_source(const riff_input *in);

#endif
