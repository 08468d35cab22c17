/* sg-simd.h — whether this CPU may run the AVX2 variants of the engine's kernels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kernels are compiled for the build's target; on x86-64 without AVX2 in the baseline (the portable
 * build) k-means and the Gaussian mixture also compile AVX2 + FMA variants and ask here which to run.
 * SG_SIMD=baseline in the environment forces the baseline kernels.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sg_simd_use_avx2 (void);

G_END_DECLS
