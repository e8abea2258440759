/* The settings ffacm reads from HKCU\Software\ffacm (then HKLM\Software\ffacm): their
 * registry names, defaults and valid ranges.  One table, used by the driver (settings.c),
 * the configuration dialog and `ffacm config`, so a name or a range exists in one place.
 *
 * Every setting is a number.  A setting with `choices` is stored as REG_SZ holding one of
 * them (REG_DWORD holding the index is accepted too); others as REG_DWORD (REG_SZ holding a
 * decimal number is accepted, as `reg add` writes REG_SZ by default).  Per-format enables
 * are the values "Enable_XXXX" (XXXX = the format tag in hex), not rows of this table. */
#ifndef FFACM_SETTINGS_TABLE_H
#define FFACM_SETTINGS_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef enum ffacm_setting_id {
    FFACM_SETTING_OUTPUT_FORMAT,   /* ffacm_output_format: FORMAT_SUGGEST's default */
    FFACM_SETTING_MAX_CHANNELS,    /* 0: as the stream; else FORMAT_SUGGEST downmixes to it */
    FFACM_SETTING_LAME_QUALITY,    /* encoder defaults, for the encoders (ffacm_settings_get) */
    FFACM_SETTING_MP3_BITRATE,
    FFACM_SETTING_OPUS_COMPLEXITY,
    FFACM_SETTING_OPUS_BITRATE,
    FFACM_SETTING_AAC_BITRATE,
    FFACM_SETTING_VORBIS_QUALITY,
    FFACM_SETTING_FLAC_COMPRESSION,
    FFACM_SETTING_LOG_LEVEL,       /* ffacm_log_level */
    FFACM_SETTING_COUNT
} ffacm_setting_id;

/* FFACM_SETTING_OUTPUT_FORMAT values. */
typedef enum ffacm_output_format {
    FFACM_OUTPUT_PCM16 = 0,
    FFACM_OUTPUT_PCM24,
    FFACM_OUTPUT_PCM32,
    FFACM_OUTPUT_FLOAT,
} ffacm_output_format;

/* FFACM_SETTING_LOG_LEVEL values. */
typedef enum ffacm_log_level {
    FFACM_LOG_OFF = 0,
    FFACM_LOG_ERROR,
    FFACM_LOG_WARNING,
    FFACM_LOG_INFO,
    FFACM_LOG_DEBUG,
} ffacm_log_level;

typedef struct ffacm_setting_desc {
    const char *name;             /* registry value name */
    uint32_t def, min, max;       /* choices: def/min/max are indexes */
    const char *const *choices;   /* NULL, or max + 1 names stored as REG_SZ */
    const char *unit;             /* for help text ("kbit/s"), may be "" */
    const char *help;
} ffacm_setting_desc;

/* The registry value holding the log file path (REG_SZ; empty or absent: no file). */
#define FFACM_SETTING_LOG_FILE_NAME "LogFile"
/* Per-format enable: "Enable_" + four upper-case hex digits of the tag; 0 disables. */
#define FFACM_SETTING_ENABLE_PREFIX "Enable_"

const ffacm_setting_desc *ffacm_setting_desc_get(ffacm_setting_id id);

/* The id of `name` (case-insensitive), or -1. */
int ffacm_setting_find(const char *name);

/* Index of `text` among `desc`'s choices (case-insensitive), or -1. */
int ffacm_setting_choice(const ffacm_setting_desc *desc, const char *text);

/* Parse a decimal or a choice name into a value within range: 0, or -1 when invalid. */
int ffacm_setting_parse(const ffacm_setting_desc *desc, const char *text, uint32_t *value);

/* Format "Enable_XXXX" for `tag` into `buf` (at least 12 bytes). */
void ffacm_setting_enable_name(uint16_t tag, char *buf, size_t cap);

/* Tag of an "Enable_XXXX" name, or -1 when `name` is not one. */
int ffacm_setting_enable_tag(const char *name);

#endif
