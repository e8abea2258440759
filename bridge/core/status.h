/* Result codes of the windows-free core.  The bridge maps them onto MMSYSERR_* / ACMERR_*;
 * keeping them separate lets the core build and be tested on Linux. */
#ifndef FFACM_STATUS_H
#define FFACM_STATUS_H

typedef enum ffacm_status {
    FFACM_OK = 0,
    FFACM_ERR_NOTPOSSIBLE = -1, /* ACMERR_NOTPOSSIBLE: this conversion cannot be done */
    FFACM_ERR_NOMEM = -2,       /* MMSYSERR_NOMEM */
    FFACM_ERR_INVALPARAM = -3,  /* MMSYSERR_INVALPARAM */
    FFACM_ERR_INVALFLAG = -4,   /* MMSYSERR_INVALFLAG */
} ffacm_status;

#endif
