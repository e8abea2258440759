/* The settings table (see settings_table.h).  Windows-free: the CLI and the driver share it. */
#include "settings_table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const output_choices[] = { "pcm16", "pcm24", "pcm32", "float" };
static const char *const log_choices[] = { "off", "error", "warning", "info", "debug" };

static const ffacm_setting_desc settings[FFACM_SETTING_COUNT] = {
    [FFACM_SETTING_OUTPUT_FORMAT] = { "OutputFormat", FFACM_OUTPUT_PCM16, 0, 3, output_choices, "",
        "sample format a decoder suggests when the host does not ask for one" },
    [FFACM_SETTING_MAX_CHANNELS] = { "MaxChannels", 0, 0, 8, NULL, "channels",
        "suggest at most this many channels (downmix); 0 keeps the stream's" },
    [FFACM_SETTING_LAME_QUALITY] = { "LameQuality", 2, 0, 9, NULL, "",
        "MP3 encoder: LAME algorithm quality, 0 best .. 9 fastest" },
    [FFACM_SETTING_MP3_BITRATE] = { "Mp3Bitrate", 192, 32, 320, NULL, "kbit/s",
        "MP3 encoder: default bit rate" },
    [FFACM_SETTING_OPUS_COMPLEXITY] = { "OpusComplexity", 10, 0, 10, NULL, "",
        "Opus encoder: complexity, 0 fastest .. 10 best" },
    [FFACM_SETTING_OPUS_BITRATE] = { "OpusBitrate", 96, 6, 510, NULL, "kbit/s",
        "Opus encoder: default bit rate" },
    [FFACM_SETTING_AAC_BITRATE] = { "AacBitrate", 128, 16, 512, NULL, "kbit/s",
        "AAC encoder: default bit rate" },
    [FFACM_SETTING_VORBIS_QUALITY] = { "VorbisQuality", 5, 0, 10, NULL, "",
        "Vorbis encoder: quality 0 .. 10 (sets the suggested bitrate)" },
    [FFACM_SETTING_FLAC_COMPRESSION] = { "FlacCompression", 5, 0, 12, NULL, "",
        "FLAC encoder: compression level 0 .. 12" },
    [FFACM_SETTING_LOG_LEVEL] = { "LogLevel", FFACM_LOG_ERROR, 0, 4, log_choices, "",
        "messages sent to OutputDebugString and the log file (FFmpeg's too)" },
};

const ffacm_setting_desc *ffacm_setting_desc_get(ffacm_setting_id id)
{
    return (unsigned)id < FFACM_SETTING_COUNT ? &settings[id] : NULL;
}

static int same_text(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

int ffacm_setting_find(const char *name)
{
    for (int i = 0; i < FFACM_SETTING_COUNT; i++)
        if (same_text(settings[i].name, name))
            return i;
    return -1;
}

int ffacm_setting_choice(const ffacm_setting_desc *desc, const char *text)
{
    if (!desc->choices)
        return -1;
    for (uint32_t i = 0; i <= desc->max; i++)
        if (same_text(desc->choices[i], text))
            return (int)i;
    return -1;
}

int ffacm_setting_parse(const ffacm_setting_desc *desc, const char *text, uint32_t *value)
{
    int choice = ffacm_setting_choice(desc, text);
    if (choice >= 0) {
        *value = (uint32_t)choice;
        return 0;
    }
    /* Digits only: strtoul would accept " -1" as a huge number. */
    if (!*text || strlen(text) > 10)
        return -1;
    for (const char *p = text; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    unsigned long v = strtoul(text, NULL, 10);
    if (v < desc->min || v > desc->max)
        return -1;
    *value = (uint32_t)v;
    return 0;
}

void ffacm_setting_enable_name(uint16_t tag, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%04X", FFACM_SETTING_ENABLE_PREFIX, (unsigned)tag);
}

int ffacm_setting_enable_tag(const char *name)
{
    const char *prefix = FFACM_SETTING_ENABLE_PREFIX;
    size_t n = strlen(prefix);
    if (strlen(name) != n + 4)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)name[i]) != tolower((unsigned char)prefix[i]))
            return -1;
    for (size_t i = n; i < n + 4; i++)
        if (!isxdigit((unsigned char)name[i]))
            return -1;
    return (int)strtoul(name + n, NULL, 16);
}
