/* sg-parallel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workers claim chunks with an atomic counter, so an uneven chunk never idles the others.
 */
#include "config.h"

#include <stdlib.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "sg-parallel.h"

typedef struct {
  SgParallelFunc func;
  gpointer       user_data;
  gsize          n_items;
  gsize          chunk_size;
  gsize          n_chunks;
  gint           next;        /* next chunk to claim */
  gint           helpers;     /* pool tasks not finished yet */
  GMutex         mutex;
  GCond          done;
} Loop;

static void
run_chunks (Loop *loop)
{
  for (;;)
    {
      gsize chunk = (gsize) g_atomic_int_add (&loop->next, 1);
      gsize begin, end;

      if (chunk >= loop->n_chunks)
        return;
      begin = chunk * loop->chunk_size;
      end = MIN (begin + loop->chunk_size, loop->n_items);
      loop->func (chunk, begin, end, loop->user_data);
    }
}

/* A niceness of 5: workers still get most of the processor, but a frame or a key press goes first. */
#define BACKGROUND_NICENESS 5

static gint background;

void
sg_parallel_set_background (gboolean enable)
{
  g_atomic_int_set (&background, enable);
}

void
sg_parallel_enter_worker (void)
{
  static GPrivate lowered;

  if (!g_atomic_int_get (&background) || g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (1));
#ifdef __linux__
  /* On Linux a thread id names just that thread here, not the whole process. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICENESS);
#endif
}

static void
helper_thread (gpointer data,
               gpointer pool_data)
{
  Loop *loop = data;

  sg_parallel_enter_worker ();

  run_chunks (loop);
  g_mutex_lock (&loop->mutex);
  if (--loop->helpers == 0)
    g_cond_signal (&loop->done);
  g_mutex_unlock (&loop->mutex);
}

static GThreadPool *
shared_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      /* Exclusive threads stay alive between loops: Lloyd's iterations call us often. */
      GThreadPool *created = g_thread_pool_new (helper_thread, NULL, MAX ((int) g_get_num_processors (), 8),
                                                FALSE, NULL);
      g_once_init_leave (&pool, created);
    }
  return pool;
}

guint
sg_parallel_get_threads (void)
{
  const char *env = g_getenv ("SG_THREADS");
  guint64 n;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 256, &n, NULL))
    return (guint) n;
  return g_get_num_processors ();
}

gsize
sg_parallel_n_chunks (gsize n_items,
                      gsize chunk_size)
{
  g_return_val_if_fail (chunk_size > 0, 0);
  return (n_items + chunk_size - 1) / chunk_size;
}

void
sg_parallel_for (gsize          n_items,
                 gsize          chunk_size,
                 guint          n_threads,
                 SgParallelFunc func,
                 gpointer       user_data)
{
  Loop loop = { func, user_data, n_items, chunk_size, 0, 0, 0 };
  guint helpers;

  g_return_if_fail (chunk_size > 0);
  g_return_if_fail (func != NULL);

  loop.n_chunks = sg_parallel_n_chunks (n_items, chunk_size);
  if (loop.n_chunks == 0)
    return;
  if (n_threads == 0)
    n_threads = sg_parallel_get_threads ();
  helpers = (guint) MIN ((gsize) n_threads, loop.n_chunks) - 1;
  if (helpers == 0)
    {
      run_chunks (&loop);
      return;
    }

  g_mutex_init (&loop.mutex);
  g_cond_init (&loop.done);
  loop.helpers = (gint) helpers;
  for (guint i = 0; i < helpers; i++)
    g_thread_pool_push (shared_pool (), &loop, NULL);
  run_chunks (&loop);
  g_mutex_lock (&loop.mutex);
  while (loop.helpers > 0)
    g_cond_wait (&loop.done, &loop.mutex);
  g_mutex_unlock (&loop.mutex);
  g_mutex_clear (&loop.mutex);
  g_cond_clear (&loop.done);
}
