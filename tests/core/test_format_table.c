/* formats/format_table.c: every row's standard formats are valid formats of that row, and
 * the table is consistent (unique tags, PCM first, sizes). */
#include <string.h>

#include <libavcodec/avcodec.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "formats/format_table.h"
#include "check.h"

int main(void)
{
    size_t count;
    const ffacm_format_row *rows = ffacm_format_rows(&count);
    CHECK(count > 1 && rows[0].tag == FFACM_TAG_PCM, "PCM is row 0");
    for (size_t i = 0; i < count; i++) {
        const ffacm_format_row *row = &rows[i];
        CHECK(ffacm_format_find_tag(row->tag) == row, "tag 0x%04x listed twice", row->tag);
        CHECK(row->name && strlen(row->name) < 48, "row 0x%04x name", row->tag);
        if (row->framing != FFACM_FRAMING_NONE) {
            CHECK(avcodec_find_decoder(row->codec_id) != NULL, "row 0x%04x: no decoder", row->tag);
            CHECK(row->framing != FFACM_FRAMING_NONE, "row 0x%04x: no framing", row->tag);
        }
        for (uint32_t k = 0; k < ffacm_format_count(row); k++) {
            ffacm_wavefmt f;
            uint8_t extra[256];
            CHECK(ffacm_format_get(row, k, &f, extra) == 0, "row 0x%04x format %u", row->tag, k);
            CHECK(ffacm_wavefmt_size(&f) == ffacm_format_size(row), "row 0x%04x format %u size", row->tag, k);
            CHECK(ffacm_format_validate(&f) == FFACM_OK, "row 0x%04x format %u not valid", row->tag, k);
            CHECK(f.block_align > 0 && f.channels > 0 && f.rate > 0, "row 0x%04x format %u fields", row->tag, k);
        }
        ffacm_wavefmt f;
        uint8_t extra[256];
        CHECK(ffacm_format_get(row, ffacm_format_count(row), &f, extra) < 0, "row 0x%04x past end", row->tag);
        /* An all-zero format of the row's tag is refused. */
        memset(&f, 0, sizeof f);
        f.tag = f.codec_tag = row->tag;
        CHECK(ffacm_format_validate(&f) == FFACM_ERR_NOTPOSSIBLE, "row 0x%04x all-zero accepted", row->tag);
    }
    return check_summary("test_format_table");
}
