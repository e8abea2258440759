/* Resource and control ids shared by ffacm.rc and config_dialog.c. */
#ifndef FFACM_RES_H
#define FFACM_RES_H

#define IDD_FFACM_CONFIG 100

#define IDC_FORMATS 1001        /* list box: selected formats are decoded by ffacm */
#define IDC_OUTPUT_FORMAT 1002  /* combo box: OutputFormat choices */
#define IDC_LOG_LEVEL 1003      /* combo box: LogLevel choices */
#define IDC_LOG_FILE 1004       /* edit: LogFile */
#define IDC_ABOUT 1005          /* button: the about box */
/* Numeric settings: edit box IDC_SETTING_BASE + ffacm_setting_id. */
#define IDC_SETTING_BASE 1100

#endif
