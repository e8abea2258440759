/* Packets out of an Ogg page stream (RFC 3533), for the Vorbis-ACM tags whose data is the
 * encoder's Ogg pages.  Pages are found by their capture pattern, packets reassembled from the
 * lacing values (across pages where they continue); CRCs are not checked, a page that does not
 * start with "OggS" is skipped a byte at a time. */
#ifndef FFACM_OGG_SPLITTER_H
#define FFACM_OGG_SPLITTER_H

#include <stddef.h>
#include <stdint.h>

#define FFACM_OGG_HEADER 27
/* Larger packets are skipped (libvorbis' largest, the setup header, is a few KB). */
#define FFACM_OGG_MAX_PACKET (4u << 20)

typedef struct ffacm_ogg_splitter {
    uint8_t page[FFACM_OGG_HEADER + 255]; /* the page header and its segment table */
    size_t page_len;       /* bytes of it gathered */
    unsigned segments;     /* segments of the current page (0: still reading its header) */
    unsigned segment;      /* the segment being copied */
    size_t segment_done;   /* bytes of it copied */
    uint8_t *buf;          /* the packet being assembled */
    size_t len, cap;
    int oversize;          /* the packet being read is over FFACM_OGG_MAX_PACKET: dropped */
    int bos_pending;       /* the current page is a BOS page whose first packet is yet to start */
    int cur_bos;           /* the packet being assembled is the first one of a BOS page */
    /* Of the packet last completed: it is a logical stream's first packet (it began a BOS
     * page); it ended on an EOS page; that page's granule position (-1: none). */
    int packet_bos, packet_eos;
    int64_t packet_granule;
    uint32_t packet_page;  /* that page's sequence number */
} ffacm_ogg_splitter;

int ffacm_ogg_splitter_init(ffacm_ogg_splitter *s);
void ffacm_ogg_splitter_free(ffacm_ogg_splitter *s);
void ffacm_ogg_splitter_reset(ffacm_ogg_splitter *s);

/* Take bytes until a packet is complete or the bytes run out; returns the bytes taken.
 * *packet is set to the packet's size (in s->buf) when one is complete, else 0; the next call
 * starts a new packet. */
size_t ffacm_ogg_splitter_take(ffacm_ogg_splitter *s, const uint8_t *src, size_t n, size_t *packet);

#endif
