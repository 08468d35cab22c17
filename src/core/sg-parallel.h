/* sg-parallel.h — a deterministic parallel loop over fixed-size chunks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Work is cut into chunks of a size that does not depend on the thread count; each chunk writes
 * its own partial results (indexed by chunk), and the caller reduces them in chunk order. So 1
 * and 8 threads give bit-identical sums. Threads come from one process-wide pool.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rows per chunk unless a caller has reason to differ. */
#define SG_PARALLEL_CHUNK 4096

typedef void (*SgParallelFunc) (gsize    chunk,
                                gsize    begin,
                                gsize    end,
                                gpointer user_data);

/* Number of chunks @n_items makes with @chunk_size. */
gsize sg_parallel_n_chunks        (gsize          n_items,
                                   gsize          chunk_size);
/* Calls @func for every chunk [begin, end) of [0, n_items), on up to @n_threads threads
 * (0: sg_parallel_get_threads()). Returns when all chunks are done. The calling thread works too.
 * Not to be called from inside an SgParallelFunc (the pool could run out of threads). */
void  sg_parallel_for             (gsize          n_items,
                                   gsize          chunk_size,
                                   guint          n_threads,
                                   SgParallelFunc func,
                                   gpointer       user_data);
/* The default thread count: SG_THREADS from the environment, else the number of processors. */
guint sg_parallel_get_threads     (void);

/* In an interactive app, engine threads should yield to the thread drawing the window: after this call
 * every worker thread (this pool's and sg_async_run()'s) lowers its own scheduling priority. The CLI does
 * not call it, so batch runs and benchmarks keep normal priority. */
void  sg_parallel_set_background  (gboolean       background);
/* Lowers the calling thread's priority if sg_parallel_set_background (TRUE) was called (once per thread). */
void  sg_parallel_enter_worker    (void);

G_END_DECLS
