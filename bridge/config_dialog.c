/* The settings dialog (DRV_CONFIGURE) and the about box (ACMDM_DRIVER_ABOUT).
 *
 * The dialog shows the effective settings (HKCU, else HKLM, else default) and saves every
 * field to HKCU\Software\ffacm on OK, so what the user sees is what the next stream uses. */
#include "config_dialog.h"

#include <stdio.h>
#include <wchar.h>

#include <libavutil/avutil.h>
#include <libavcodec/version.h>

#include "acmdrv.h"
#include "ffacm_res.h"
#include "ffacm_version.h"
#include "log.h"
#include "settings.h"
#include "../formats/format_table.h"

/* The numeric settings with an edit box (IDC_SETTING_BASE + id). */
static const ffacm_setting_id edit_settings[] = {
    FFACM_SETTING_MAX_CHANNELS, FFACM_SETTING_LAME_QUALITY, FFACM_SETTING_MP3_BITRATE,
    FFACM_SETTING_OPUS_COMPLEXITY, FFACM_SETTING_OPUS_BITRATE, FFACM_SETTING_AAC_BITRATE,
    FFACM_SETTING_VORBIS_QUALITY, FFACM_SETTING_FLAC_COMPRESSION,
};

/* The module the dialog template lives in: this DLL, not the host's executable. */
static HINSTANCE this_module(void)
{
    HMODULE module = NULL;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (LPCWSTR)(void *)this_module, &module);
    return module;
}

static void fill_choices(HWND dlg, int control, ffacm_setting_id id)
{
    const ffacm_setting_desc *desc = ffacm_setting_desc_get(id);
    for (uint32_t i = 0; i <= desc->max; i++)
        SendDlgItemMessageA(dlg, control, CB_ADDSTRING, 0, (LPARAM)desc->choices[i]);
    SendDlgItemMessageA(dlg, control, CB_SETCURSEL, ffacm_settings_get(id), 0);
}

/* One list entry per decodable tag, its item data the tag. */
static void fill_formats(HWND dlg)
{
    size_t count;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    for (size_t i = 0; i < count; i++) {
        if (rows[i].framing == FFACM_FRAMING_NONE)
            continue; /* PCM/float destinations are not decoders */
        char text[96];
        snprintf(text, sizeof text, "0x%04X  %s", (unsigned)rows[i].tag, rows[i].name);
        LRESULT item = SendDlgItemMessageA(dlg, IDC_FORMATS, LB_ADDSTRING, 0, (LPARAM)text);
        if (item < 0)
            continue;
        SendDlgItemMessageA(dlg, IDC_FORMATS, LB_SETITEMDATA, (WPARAM)item, rows[i].tag);
        SendDlgItemMessageA(dlg, IDC_FORMATS, LB_SETSEL, ffacm_settings_format_enabled(rows[i].tag),
                            (LPARAM)item);
    }
    SendDlgItemMessageA(dlg, IDC_FORMATS, LB_SETTOPINDEX, 0, 0); /* selecting scrolled it down */
}

static void init_dialog(HWND dlg)
{
    fill_formats(dlg);
    fill_choices(dlg, IDC_OUTPUT_FORMAT, FFACM_SETTING_OUTPUT_FORMAT);
    fill_choices(dlg, IDC_LOG_LEVEL, FFACM_SETTING_LOG_LEVEL);
    for (size_t i = 0; i < sizeof edit_settings / sizeof edit_settings[0]; i++)
        SetDlgItemInt(dlg, IDC_SETTING_BASE + edit_settings[i], ffacm_settings_get(edit_settings[i]), FALSE);
    WCHAR path[MAX_PATH];
    ffacm_settings_log_file(path, MAX_PATH);
    SetDlgItemTextW(dlg, IDC_LOG_FILE, path);
}

/* Check every field first, then write: a rejected field leaves the registry untouched. */
static BOOL save_dialog(HWND dlg)
{
    uint32_t values[FFACM_SETTING_COUNT] = { 0 };
    for (size_t i = 0; i < sizeof edit_settings / sizeof edit_settings[0]; i++) {
        const ffacm_setting_desc *desc = ffacm_setting_desc_get(edit_settings[i]);
        BOOL ok = FALSE;
        UINT v = GetDlgItemInt(dlg, IDC_SETTING_BASE + edit_settings[i], &ok, FALSE);
        if (!ok || v < desc->min || v > desc->max) {
            WCHAR msg[200];
            swprintf(msg, sizeof msg / sizeof msg[0], L"%hs must be a number from %lu to %lu.", desc->name,
                     (unsigned long)desc->min, (unsigned long)desc->max);
            MessageBoxW(dlg, msg, L"ffacm settings", MB_OK | MB_ICONWARNING);
            SetFocus(GetDlgItem(dlg, IDC_SETTING_BASE + edit_settings[i]));
            return FALSE;
        }
        values[edit_settings[i]] = v;
    }
    LRESULT out = SendDlgItemMessageA(dlg, IDC_OUTPUT_FORMAT, CB_GETCURSEL, 0, 0);
    LRESULT log = SendDlgItemMessageA(dlg, IDC_LOG_LEVEL, CB_GETCURSEL, 0, 0);
    WCHAR path[MAX_PATH];
    GetDlgItemTextW(dlg, IDC_LOG_FILE, path, MAX_PATH);

    long rc = 0;
    for (size_t i = 0; i < sizeof edit_settings / sizeof edit_settings[0]; i++)
        rc |= ffacm_settings_write(FFACM_SCOPE_USER, edit_settings[i], values[edit_settings[i]]);
    if (out >= 0)
        rc |= ffacm_settings_write(FFACM_SCOPE_USER, FFACM_SETTING_OUTPUT_FORMAT, (uint32_t)out);
    if (log >= 0)
        rc |= ffacm_settings_write(FFACM_SCOPE_USER, FFACM_SETTING_LOG_LEVEL, (uint32_t)log);
    rc |= path[0] ? ffacm_settings_write_string(FFACM_SCOPE_USER, FFACM_SETTING_LOG_FILE_NAME, path)
                  : ffacm_settings_remove(FFACM_SCOPE_USER, FFACM_SETTING_LOG_FILE_NAME);
    LRESULT items = SendDlgItemMessageA(dlg, IDC_FORMATS, LB_GETCOUNT, 0, 0);
    for (LRESULT i = 0; i < items; i++) {
        uint16_t tag = (uint16_t)SendDlgItemMessageA(dlg, IDC_FORMATS, LB_GETITEMDATA, (WPARAM)i, 0);
        int selected = SendDlgItemMessageA(dlg, IDC_FORMATS, LB_GETSEL, (WPARAM)i, 0) > 0;
        rc |= ffacm_settings_write_enable(FFACM_SCOPE_USER, tag, selected);
    }
    if (rc) {
        MessageBoxW(dlg, L"Some settings could not be written to HKEY_CURRENT_USER\\Software\\ffacm.",
                    L"ffacm settings", MB_OK | MB_ICONERROR);
        return FALSE;
    }
    ffacm_log(FFACM_LOG_INFO, "settings saved from the dialog");
    return TRUE;
}

static INT_PTR CALLBACK dialog_proc(HWND dlg, UINT msg, WPARAM wparam, LPARAM lparam)
{
    (void)lparam;
    switch (msg) {
    case WM_INITDIALOG:
        init_dialog(dlg);
        return TRUE;
    case WM_COMMAND:
        switch (LOWORD(wparam)) {
        case IDOK:
            if (save_dialog(dlg))
                EndDialog(dlg, DRVCNF_OK);
            return TRUE;
        case IDCANCEL:
            EndDialog(dlg, DRVCNF_CANCEL);
            return TRUE;
        case IDC_ABOUT:
            ffacm_about_box(dlg);
            return TRUE;
        default:
            break;
        }
        break;
    default:
        break;
    }
    return FALSE;
}

LRESULT ffacm_config_dialog(HWND parent)
{
    INT_PTR rc = DialogBoxParamW(this_module(), MAKEINTRESOURCEW(IDD_FFACM_CONFIG), parent, dialog_proc, 0);
    if (rc == -1) {
        ffacm_log(FFACM_LOG_ERROR, "settings dialog could not be created (error %lu)", (unsigned long)GetLastError());
        return DRVCNF_CANCEL;
    }
    return rc == DRVCNF_OK ? DRVCNF_OK : DRVCNF_CANCEL;
}

void ffacm_about_box(HWND parent)
{
    WCHAR text[1024];
    swprintf(text, sizeof text / sizeof text[0],
             L"ffacm %hs - FFmpeg's audio codecs for every ACM program\n"
             L"Built for %hs Windows.\n\n"
             L"FFmpeg %hs (libavcodec %u.%u.%u, libavutil %u.%u.%u)\n\n"
             L"Licences:\n"
             L"  ffacm: GNU LGPL 2.1 or later\n"
             L"  FFmpeg (libavcodec, libavutil, libswresample): GNU LGPL 2.1 or later\n"
             L"  LAME: GNU LGPL 2 or later\n"
             L"  Opus, Ogg, Vorbis: BSD 3-clause (Xiph.Org)\n"
             L"  libgsm (GSM 6.10 encoder): copyright 1992-1994 Jutta Degener and Carsten Bormann,\n"
             L"    Technische Universitaet Berlin; any use permitted with this notice, no warranty\n\n"
             L"Settings: HKEY_CURRENT_USER\\Software\\ffacm (ffacm config, or this driver's Configure button).",
             FFACM_VERSION_STRING, sizeof(void *) == 8 ? "64-bit" : "32-bit", av_version_info(),
             LIBAVCODEC_VERSION_MAJOR, LIBAVCODEC_VERSION_MINOR, LIBAVCODEC_VERSION_MICRO,
             avutil_version() >> 16, (avutil_version() >> 8) & 0xFF, avutil_version() & 0xFF);
    MessageBoxW(parent, text, L"About ffacm", MB_OK | MB_ICONINFORMATION);
}
