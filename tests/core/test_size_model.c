/* bridge/core/size_model.c: SOURCE is a true bound, DESTINATION its inverse, never 0. */
#include "bridge/core/size_model.h"
#include "check.h"

static void check_model(const char *name, ffacm_size_model m)
{
    static const uint32_t sizes[] = { 1, 2, 7, 417, 4096, 65536, 1u << 20, 64u << 20 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        uint32_t dst = 0, src = 0, again = 0;
        CHECK(ffacm_size_source(&m, sizes[i], &dst) == 0 && dst > 0, "%s: SOURCE(%u)", name, sizes[i]);
        CHECK(dst % m.dst_block_align == 0, "%s: SOURCE not aligned", name);
        /* The worst case the model promises to cover. */
        uint64_t units = m.unit_min_bytes ? sizes[i] / m.unit_min_bytes + 1 : 1;
        uint64_t worst = (units * m.unit_max_frames + m.packet_max_frames) * m.dst_block_align;
        CHECK(m.src_rate != m.dst_rate || dst >= worst || dst >= 0xFFFF0000u, "%s: SOURCE(%u) = %u < %llu", name, sizes[i],
              dst, (unsigned long long)worst);
        if (ffacm_size_destination(&m, dst, &src) == 0) {
            CHECK(src > 0, "%s: DESTINATION gave 0", name);
            CHECK(ffacm_size_source(&m, src, &again) == 0 && again <= dst, "%s: SOURCE(DESTINATION(%u)) = %u", name,
                  dst, again);
        }
    }
    uint32_t src = 0;
    CHECK(ffacm_size_destination(&m, m.dst_block_align, &src) < 0, "%s: one frame of room fits a packet", name);
}

int main(void)
{
    check_model("mp3", (ffacm_size_model){ 1, 12, 1152, 44100, 44100, 1, 4 });
    check_model("mp3 resampled", (ffacm_size_model){ 1, 12, 1152, 44100, 48000, 1, 4 });
    check_model("aac packets", (ffacm_size_model){ 0, 2048, 2048, 44100, 44100, 1, 4 });
    check_model("flac 24-bit 6ch", (ffacm_size_model){ 21, 4096, 4096, 96000, 96000, 1, 18 });
    check_model("blocks", (ffacm_size_model){ 1024, 2041, 2041, 44100, 44100, 1024, 4 });
    return check_summary("test_size_model");
}
