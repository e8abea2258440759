/*
 * test_dialog_save.c - drives ffacm's settings dialog the way a user would and checks what
 * it saved.  A second thread waits for the "ffacm settings" window, picks "float" as sample
 * format, unselects MP3 (tag 0x0055) in the format list, types 2 as maximum channels and
 * presses OK; the main thread is inside DriverProc(DRV_CONFIGURE) meanwhile, which must
 * return DRVCNF_OK.  Then HKCU\Software\ffacm must hold OutputFormat=float, MaxChannels=2
 * and Enable_0055=0.  Needs a display (the caller runs it on Xvfb).
 *
 * usage: test_dialog_save.exe PATH\ffacm.acm      exit 0 when every check passes
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include <windows.h>
#include <mmsystem.h>

#include "bridge/ffacm_res.h"
#include "bridge/settings_table.h"

typedef LRESULT(WINAPI *driver_proc_fn)(DWORD_PTR, HDRVR, UINT, LPARAM, LPARAM);

static int failures;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok)
        failures++;
}

/* The user's part, from another thread: the dialog is modal in the main thread. */
static DWORD WINAPI press_buttons(LPVOID unused)
{
    (void)unused;
    HWND dlg = NULL;
    for (int i = 0; i < 600 && !dlg; i++) {
        dlg = FindWindowW(NULL, L"ffacm settings");
        if (!dlg)
            Sleep(100);
    }
    if (!dlg) {
        printf("FAIL the settings dialog did not appear\n");
        ExitProcess(1);
    }
    Sleep(300);
    HWND combo = GetDlgItem(dlg, IDC_OUTPUT_FORMAT);
    SendMessageW(combo, CB_SETCURSEL, (WPARAM)SendMessageW(combo, CB_FINDSTRINGEXACT, (WPARAM)-1, (LPARAM)L"float"), 0);
    SetDlgItemTextW(dlg, IDC_SETTING_BASE + FFACM_SETTING_MAX_CHANNELS, L"2");
    HWND list = GetDlgItem(dlg, IDC_FORMATS);
    LRESULT n = SendMessageW(list, LB_GETCOUNT, 0, 0), found = 0;
    for (LRESULT i = 0; i < n; i++)
        if (SendMessageW(list, LB_GETITEMDATA, (WPARAM)i, 0) == 0x0055) {
            SendMessageW(list, LB_SETSEL, FALSE, (LPARAM)i);
            found = 1;
        }
    printf("%s the format list has %ld entries, MP3 among them\n", found ? "ok  " : "FAIL", (long)n);
    if (!found)
        failures++;
    PostMessageW(dlg, WM_COMMAND, MAKEWPARAM(IDOK, BN_CLICKED), (LPARAM)GetDlgItem(dlg, IDOK));
    return 0;
}

static int read_value(const wchar_t *name, wchar_t *text, size_t cap)
{
    DWORD type = 0, size = (DWORD)(cap * sizeof(wchar_t));
    BYTE data[256];
    if (size > sizeof data)
        size = sizeof data;
    if (RegGetValueW(HKEY_CURRENT_USER, L"Software\\ffacm", name, RRF_RT_ANY, &type, data, &size) != ERROR_SUCCESS)
        return -1;
    if (type == REG_DWORD)
        swprintf(text, cap, L"%lu", (unsigned long)*(DWORD *)data);
    else
        swprintf(text, cap, L"%ls", (wchar_t *)data);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_dialog_save PATH\\ffacm.acm\n");
        return 2;
    }
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ffacm");
    HMODULE driver = LoadLibraryA(argv[1]);
    driver_proc_fn proc = driver ? (driver_proc_fn)(void *)GetProcAddress(driver, "DriverProc") : NULL;
    if (!proc) {
        printf("FAIL cannot load %s\n", argv[1]);
        return 1;
    }
    proc(0, NULL, DRV_LOAD, 0, 0);
    LRESULT id = proc(0, NULL, DRV_OPEN, 0, 0);
    check(proc(id, NULL, DRV_QUERYCONFIGURE, 0, 0) != 0, "DRV_QUERYCONFIGURE says there is a dialog");
    HANDLE user = CreateThread(NULL, 0, press_buttons, NULL, 0, NULL);
    LRESULT result = proc(id, NULL, DRV_CONFIGURE, 0, 0);
    WaitForSingleObject(user, INFINITE);
    check(result == DRVCNF_OK, "DRV_CONFIGURE returned DRVCNF_OK after OK");

    wchar_t text[64];
    check(read_value(L"OutputFormat", text, 64) == 0 && wcscmp(text, L"float") == 0, "saved OutputFormat=float");
    check(read_value(L"MaxChannels", text, 64) == 0 && wcscmp(text, L"2") == 0, "saved MaxChannels=2");
    check(read_value(L"Enable_0055", text, 64) == 0 && wcscmp(text, L"0") == 0, "saved Enable_0055=0");
    check(read_value(L"Enable_2000", text, 64) == 0 && wcscmp(text, L"1") == 0, "saved Enable_2000=1 (AC-3 left on)");
    check(read_value(L"LameQuality", text, 64) == 0 && wcscmp(text, L"2") == 0, "saved LameQuality=2 (default shown, kept)");
    proc(id, NULL, DRV_CLOSE, 0, 0);
    proc(0, NULL, DRV_FREE, 0, 0);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\ffacm");
    printf("%d failures\n", failures);
    return failures ? 1 : 0;
}
