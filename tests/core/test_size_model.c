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
        uint64_t units = m.unit_min_bytes ? (sizes[i] + m.unit_min_bytes - 1) / m.unit_min_bytes : 1;
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

/* Encoders: SOURCE covers every packet the input can make plus those held back until END;
 * DESTINATION's input never needs more than the room it was asked about. */
static void check_encoder(const char *name, ffacm_size_model m)
{
    static const uint32_t sizes[] = { 1, 3, 417, 4096, 65536, 1u << 20 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        uint32_t dst = 0, src = 0, again = 0;
        CHECK(ffacm_size_source(&m, sizes[i], &dst) == 0 && dst >= m.enc_max_packet, "%s: SOURCE(%u) = %u", name,
              sizes[i], dst);
        uint64_t frames = (uint64_t)(sizes[i] / m.src_block_align + 1) * m.dst_rate / m.src_rate;
        CHECK(dst >= (frames / m.enc_min_frame + 1) * m.enc_max_packet, "%s: SOURCE(%u) too small", name, sizes[i]);
        /* Every SOURCE answer is a size DESTINATION can answer for (avifil32 maps both ways). */
        CHECK(ffacm_size_destination(&m, dst, &src) == 0, "%s: DESTINATION(SOURCE(%u)) refused", name, sizes[i]);
        CHECK(src > 0 && ffacm_size_source(&m, src, &again) == 0 && again <= dst, "%s: SOURCE(DESTINATION(%u)) = %u",
              name, dst, again);
    }
}

int main(void)
{
#define DECODE(umin, umax, pmax, srate, drate, salign, dalign)                                             \
    (ffacm_size_model) { .unit_min_bytes = umin, .unit_max_frames = umax, .packet_max_frames = pmax,       \
                         .src_rate = srate, .dst_rate = drate, .src_block_align = salign, .dst_block_align = dalign }
    check_model("mp3", DECODE(1, 12, 1152, 44100, 44100, 1, 4));
    check_model("mp3 resampled", DECODE(1, 12, 1152, 44100, 48000, 1, 4));
    check_model("aac packets", DECODE(0, 2048, 2048, 44100, 44100, 1, 4));
    check_model("flac 24-bit 6ch", DECODE(21, 4096, 4096, 96000, 96000, 1, 18));
    check_model("blocks", DECODE(1024, 2041, 2041, 44100, 44100, 1024, 4));
    check_encoder("mp3 encoder", (ffacm_size_model){ .encode = 1, .enc_min_frame = 576, .enc_max_packet = 1457,
                                                     .src_rate = 44100, .dst_rate = 44100, .src_block_align = 4,
                                                     .dst_block_align = 1 });
    check_encoder("opus encoder, 44.1k in", (ffacm_size_model){ .encode = 1, .enc_min_frame = 960, .enc_max_packet = 1292,
                                                                .src_rate = 44100, .dst_rate = 48000,
                                                                .src_block_align = 4, .dst_block_align = 1 });
    return check_summary("test_size_model");
}
