/* bench-kmeans.c — times sg_kmeans_fit on a CSV file and prints JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-kmeans DATA.csv [--k 8] [--n-init 1] [--threads 2] [--seed 0] [--max-iter 300]
 *                         [--minibatch] [--batch-size 1024]
 *
 * The data are standardised (as StandardScaler) before the fit; only the fit is in fit_seconds.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "bench-csv.h"
#include "sg-kmeans.h"

int
main (int argc, char **argv)
{
  gint k = 8, n_init = 1, threads = 2, max_iter = 300, batch_size = 1024;
  gint64 seed = 0;
  gboolean minibatch = FALSE;
  GOptionEntry entries[] = {
    { "k", 0, 0, G_OPTION_ARG_INT, &k, "Clusters", "K" },
    { "n-init", 0, 0, G_OPTION_ARG_INT, &n_init, "Restarts", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed", "S" },
    { "max-iter", 0, 0, G_OPTION_ARG_INT, &max_iter, "Iterations", "N" },
    { "minibatch", 0, 0, G_OPTION_ARG_NONE, &minibatch, "Mini-batch k-means", NULL },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size, "Mini-batch size", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATA.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgMatrix) x = NULL;
  g_autoptr(SgKMeansResult) result = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SgKMeansOptions options;
  double t0, t1, t2;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: bench-kmeans DATA.csv");
      return 2;
    }
  t0 = bench_now ();
  x = bench_read_csv (argv[1]);
  if (x == NULL)
    return 1;
  bench_standardise (x);
  t1 = bench_now ();

  sg_kmeans_options_init (&options);
  options.k = (guint) k;
  options.n_init = (guint) n_init;
  options.n_threads = (guint) threads;
  options.seed = (guint64) seed;
  options.max_iter = (guint) max_iter;
  options.minibatch = minibatch;
  options.batch_size = (guint) batch_size;
  result = sg_kmeans_fit (x, &options, NULL, &error);
  t2 = bench_now ();
  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tool");
  json_builder_add_string_value (builder, minibatch ? "segmenta-minibatch" : "segmenta");
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, (gint64) x->n_rows);
  json_builder_set_member_name (builder, "cols");
  json_builder_add_int_value (builder, (gint64) x->n_cols);
  json_builder_set_member_name (builder, "k");
  json_builder_add_int_value (builder, k);
  json_builder_set_member_name (builder, "n_init");
  json_builder_add_int_value (builder, n_init);
  json_builder_set_member_name (builder, "threads");
  json_builder_add_int_value (builder, threads);
  json_builder_set_member_name (builder, "load_seconds");
  json_builder_add_double_value (builder, t1 - t0);
  json_builder_set_member_name (builder, "fit_seconds");
  json_builder_add_double_value (builder, t2 - t1);
  json_builder_set_member_name (builder, "n_iter");
  json_builder_add_int_value (builder, result->n_iter);
  json_builder_set_member_name (builder, "converged");
  json_builder_add_boolean_value (builder, result->converged);
  json_builder_set_member_name (builder, "inertia");
  json_builder_add_double_value (builder, result->inertia);
  json_builder_set_member_name (builder, "sizes");
  json_builder_begin_array (builder);
  for (guint j = 0; j < result->k; j++)
    json_builder_add_int_value (builder, (gint64) result->sizes[j]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  bench_print_json (builder);
  return 0;
}
