/* The driver's user interface: the settings dialog (DRV_CONFIGURE) and the about box
 * (ACMDM_DRIVER_ABOUT).  Templates in ffacm.rc, control ids in ffacm_res.h. */
#ifndef FFACM_CONFIG_DIALOG_H
#define FFACM_CONFIG_DIALOG_H

#include <windows.h>

/* Modal settings dialog over HKCU\Software\ffacm.  DRVCNF_OK when saved, else DRVCNF_CANCEL. */
LRESULT ffacm_config_dialog(HWND parent);

/* Modal about box: ffacm's and FFmpeg's versions and licences. */
void ffacm_about_box(HWND parent);

#endif
