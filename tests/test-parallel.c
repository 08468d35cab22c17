/* test-parallel.c — the chunked parallel loop and progress ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sg-async.h"
#include "sg-parallel.h"
#include "sg-progress.h"

typedef struct {
  const double *values;
  double       *partial;
  gint          calls;
} SumData;

static void
sum_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  SumData *data = user_data;
  double s = 0;

  for (gsize i = begin; i < end; i++)
    s += data->values[i];
  data->partial[chunk] = s;
  g_atomic_int_inc (&data->calls);
}

static double
chunked_sum (const double *values, gsize n, guint threads, gint *calls)
{
  gsize n_chunks = sg_parallel_n_chunks (n, 1000);
  g_autofree double *partial = g_new0 (double, n_chunks);
  SumData data = { values, partial, 0 };
  double total = 0;

  sg_parallel_for (n, 1000, threads, sum_chunk, &data);
  for (gsize c = 0; c < n_chunks; c++)
    total += partial[c];
  *calls = data.calls;
  return total;
}

static void
test_same_sum_any_thread_count (void)
{
  gsize n = 123457;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint calls1, calls2, calls8;
  double one, two, eight;

  for (gsize i = 0; i < n; i++)
    values[i] = g_rand_double_range (rand, -1e6, 1e6);
  one = chunked_sum (values, n, 1, &calls1);
  two = chunked_sum (values, n, 2, &calls2);
  eight = chunked_sum (values, n, 8, &calls8);
  g_assert_cmpint (calls1, ==, 124);
  g_assert_cmpint (calls2, ==, 124);
  g_assert_cmpint (calls8, ==, 124);
  /* Bit-identical, not merely close. */
  g_assert_true (one == two);
  g_assert_true (one == eight);
}

static void
record (double fraction, const char *message, gpointer user_data)
{
  *(double *) user_data = fraction;
}

static void
test_progress_sub_ranges (void)
{
  double last = -1;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SgProgress all = sg_progress_init (record, &last, cancellable);
  SgProgress second_half = sg_progress_sub (&all, 0.5, 1.0);
  SgProgress quarter = sg_progress_sub (&second_half, 0.5, 1.0);

  sg_progress_report (&quarter, 0.5, NULL);
  g_assert_cmpfloat_with_epsilon (last, 0.875, 1e-12);
  sg_progress_report (NULL, 0.5, NULL);  /* NULL is allowed and does nothing */
  g_assert_true (sg_progress_check (&quarter, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (sg_progress_check (&quarter, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct {
  GThread *main_thread;
  guint    reports;
  double   last;
  gboolean monotonic;
  gpointer result;
  GError  *error;
  gboolean done;
} AsyncState;

static gpointer
count_work (gpointer task_data, SgProgress *progress, GError **error)
{
  guint n = GPOINTER_TO_UINT (task_data);

  for (guint i = 0; i < n; i++)
    {
      if (!sg_progress_check (progress, error))
        return NULL;
      sg_progress_report (progress, (double) (i + 1) / n, "Counting");
      g_usleep (100);
    }
  return g_strdup_printf ("%u", n);
}

static void
on_progress (double fraction, const char *message, gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpstr (message, ==, "Counting");
  if (fraction < state->last)
    state->monotonic = FALSE;
  state->last = fraction;
  state->reports++;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncState *state = user_data;

  state->result = sg_async_finish (result, count_work, &state->error);
  state->done = TRUE;
}

static void
test_async_progress_on_main_thread (void)
{
  AsyncState state = { g_thread_self (), 0, 0, TRUE, NULL, NULL, FALSE };

  sg_async_run (NULL, count_work, count_work, GUINT_TO_POINTER (2000), NULL, g_free, NULL,
                on_progress, &state, on_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_cmpstr (state.result, ==, "2000");
  g_assert_cmpuint (state.reports, >, 0);
  g_assert_cmpuint (state.reports, <=, 2000);
  g_assert_true (state.monotonic);
  g_free (state.result);
}

static void
test_async_cancel (void)
{
  AsyncState state = { g_thread_self (), 0, 0, TRUE, NULL, NULL, FALSE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  sg_async_run (NULL, count_work, count_work, GUINT_TO_POINTER (1000000), NULL, g_free, cancellable,
                on_progress, &state, on_done, &state);
  g_cancellable_cancel (cancellable);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (state.result);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
}

static void
test_background_workers_same_result (void)
{
  gsize n = 50000;
  g_autofree double *values = g_new (double, n);
  gint calls = 0;
  double normal, background;

  for (gsize i = 0; i < n; i++)
    values[i] = (double) i / 7.0;
  normal = chunked_sum (values, n, 2, &calls);
  sg_parallel_set_background (TRUE);
  background = chunked_sum (values, n, 2, &calls);
  sg_parallel_set_background (FALSE);
  /* Priority changes when work runs, never what it computes. */
  g_assert_true (normal == background);
  g_assert_cmpint (calls, ==, 50);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parallel/same-sum-any-thread-count", test_same_sum_any_thread_count);
  g_test_add_func ("/parallel/progress-sub-ranges", test_progress_sub_ranges);
  g_test_add_func ("/parallel/async-progress-on-main-thread", test_async_progress_on_main_thread);
  g_test_add_func ("/parallel/async-cancel", test_async_cancel);
  g_test_add_func ("/parallel/background-workers-same-result", test_background_workers_same_result);
  return g_test_run ();
}
