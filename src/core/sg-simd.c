/* sg-simd.c — whether this CPU may run the AVX2 variants of the engine's kernels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sg-simd.h"

gboolean
sg_simd_use_avx2 (void)
{
#if defined (__x86_64__) && defined (__GNUC__)
  static gsize avx2 = 0;   /* 1 + whether the CPU has AVX2 and FMA */

  if (g_once_init_enter (&avx2))
    {
      __builtin_cpu_init ();
      g_once_init_leave (&avx2, 1 + (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma")));
    }
  return avx2 == 2 && g_strcmp0 (g_getenv ("SG_SIMD"), "baseline") != 0;
#else
  return FALSE;
#endif
}
