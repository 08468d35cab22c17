/* sg-lanes.h — vector types as wide as the target's registers, for the hot loops of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GCC's vector extensions, sized to the widest registers the build targets: 64 bytes with
 * AVX-512 (the -Dnative bench build on this machine), 32 with AVX, 16 otherwise (the portable
 * x86-64 build, and what other architectures get). Wider-than-register vectors would be lowered
 * through memory, many times slower, so kernels loop over vectors of SG_VD_LANES / SG_VF_LANES.
 * Only macros and static inline functions that take no vector arguments: passing vectors to
 * functions would tie the ABI to the build flags.
 */
#pragma once

#include <glib.h>

#if defined(__AVX512F__)
#define SG_VEC_BYTES 64
#elif defined(__AVX__)
#define SG_VEC_BYTES 32
#else
#define SG_VEC_BYTES 16
#endif

#define SG_VD_LANES (SG_VEC_BYTES / 8)
#define SG_VF_LANES (SG_VEC_BYTES / 4)

typedef double SgVd     __attribute__ ((vector_size (SG_VEC_BYTES)));
typedef gint64 SgVdMask __attribute__ ((vector_size (SG_VEC_BYTES)));
typedef float  SgVf     __attribute__ ((vector_size (SG_VEC_BYTES)));
typedef gint32 SgVfMask __attribute__ ((vector_size (SG_VEC_BYTES)));

/* Lane-wise selection and maximum (for doubles). */
#define SG_VD_BLEND(mask, yes, no) \
  ((SgVd) (((SgVdMask) (yes) & (mask)) | ((SgVdMask) (no) & ~(mask))))
#define SG_VD_MAX(a, b) SG_VD_BLEND ((a) > (b), (a), (b))

/* Aligned loads and stores. */
#define SG_VD_LOAD(p)     (*(const SgVd *) (p))
#define SG_VF_LOAD(p)     (*(const SgVf *) (p))
#define SG_VD_STORE(p, v) (*(SgVd *) (p) = (v))
#define SG_VF_STORE(p, v) (*(SgVf *) (p) = (v))

/* The sum of the lanes of @v, in a fixed order. */
#define SG_VD_SUM(v, out)                                \
  G_STMT_START {                                         \
    double sg_sum_ = 0;                                  \
    for (guint sg_l_ = 0; sg_l_ < SG_VD_LANES; sg_l_++)  \
      sg_sum_ += (v)[sg_l_];                             \
    (out) = sg_sum_;                                     \
  } G_STMT_END

/* Whether any lane of the mask @m is set. */
#define SG_VF_ANY(m, out)                                \
  G_STMT_START {                                         \
    gint32 sg_any_ = 0;                                  \
    for (guint sg_l_ = 0; sg_l_ < SG_VF_LANES; sg_l_++)  \
      sg_any_ |= (m)[sg_l_];                             \
    (out) = sg_any_ != 0;                                \
  } G_STMT_END

/* A vector of lane numbers 0, 1, 2... as doubles. */
#define SG_VD_LANE_INDEX(out)                            \
  G_STMT_START {                                         \
    for (guint sg_l_ = 0; sg_l_ < SG_VD_LANES; sg_l_++)  \
      (out)[sg_l_] = sg_l_;                              \
  } G_STMT_END
