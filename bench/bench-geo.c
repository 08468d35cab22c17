/* bench-geo.c — times DBSCAN, hierarchical clustering, silhouette and PCA in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-geo dbscan FILE.csv --eps 1.6 --min-samples 32
 *   bench-geo kdist FILE.csv --min-samples 32
 *   bench-geo ward FILE.csv [--linkage ward|average|complete|single]
 *   bench-geo silhouette FILE.csv          (labels from FILE.csv.labels, one per line)
 *   bench-geo pca FILE.csv
 *
 * FILE.csv: an id column, then numeric columns (bench/gen_customers.py). The data is standardised
 * (mean 0, population standard deviation 1) as scikit-learn's StandardScaler does, outside the
 * timed region. Prints one JSON object: the fit's wall time in seconds and a summary of the result.
 * Threads: --threads, else SG_THREADS, else all processors.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <json-glib/json-glib.h>

#include "bench-csv.h"
#include "sg-dbscan.h"
#include "sg-hclust.h"
#include "sg-metrics.h"
#include "sg-parallel.h"
#include "sg-pca.h"

static double opt_eps = 0.5;
static int opt_min_samples = 5;
static int opt_threads = 0;
static int opt_repeat = 1;
static char *opt_linkage = NULL;
static int opt_k = 8;
static gint64 opt_exact_limit = 50000;

static GOptionEntry entries[] = {
  { "eps", 0, 0, G_OPTION_ARG_DOUBLE, &opt_eps, "DBSCAN radius", "EPS" },
  { "min-samples", 0, 0, G_OPTION_ARG_INT, &opt_min_samples, "DBSCAN min_samples (k for kdist)", "N" },
  { "threads", 0, 0, G_OPTION_ARG_INT, &opt_threads, "Threads (0: default)", "N" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Fits to time (the median is printed)", "N" },
  { "linkage", 0, 0, G_OPTION_ARG_STRING, &opt_linkage, "ward, average, complete or single", "NAME" },
  { "k", 0, 0, G_OPTION_ARG_INT, &opt_k, "Clusters to cut the tree into", "K" },
  { "exact-limit", 0, 0, G_OPTION_ARG_INT64, &opt_exact_limit, "Silhouette exact limit", "ROWS" },
  { NULL }
};

static gint32 *
load_labels (const char *csv_path, gsize n_rows, guint *k)
{
  g_autofree char *path = g_strconcat (csv_path, ".labels", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gint32 *labels = g_new (gint32, n_rows);

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  *k = 0;
  for (gsize i = 0; i < n_rows; i++)
    {
      if (lines[i] == NULL)
        g_error ("%s: fewer labels than rows", path);
      labels[i] = (gint32) g_ascii_strtoll (lines[i], NULL, 10);
      *k = MAX (*k, (guint) labels[i] + 1);
    }
  return labels;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* CPU seconds of the whole process (all threads): steadier than wall time on a busy machine. */
static double
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("dbscan|kdist|ward|silhouette|pca FILE.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgMatrix) x = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autofree double *times = NULL;
  g_autofree double *cpu = NULL;
  const char *command;
  guint threads;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("%s\n", error ? error->message : "usage: bench-geo COMMAND FILE.csv [OPTIONS]");
      return 2;
    }
  command = argv[1];
  threads = opt_threads > 0 ? (guint) opt_threads : sg_parallel_get_threads ();
  x = bench_read_csv (argv[2]);
  if (x == NULL)
    return 1;
  bench_standardise (x);
  times = g_new (double, MAX (opt_repeat, 1));
  cpu = g_new (double, MAX (opt_repeat, 1));

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "algorithm");
  json_builder_add_string_value (json, command);
  json_builder_set_member_name (json, "rows");
  json_builder_add_int_value (json, (gint64) x->n_rows);
  json_builder_set_member_name (json, "cols");
  json_builder_add_int_value (json, (gint64) x->n_cols);
  json_builder_set_member_name (json, "threads");
  json_builder_add_int_value (json, threads);

  for (int r = 0; r < MAX (opt_repeat, 1); r++)
    {
      gboolean last = r == MAX (opt_repeat, 1) - 1;
      double c0 = cpu_now ();
      double t0 = bench_now ();

      if (g_str_equal (command, "dbscan"))
        {
          SgDbscanOptions options;
          g_autoptr(SgDbscanResult) result = NULL;

          sg_dbscan_options_init (&options);
          options.eps = opt_eps;
          options.min_samples = (guint) opt_min_samples;
          options.n_threads = threads;
          result = sg_dbscan_fit (x, &options, NULL, &error);
          times[r] = bench_now () - t0;
          if (result == NULL)
            g_error ("%s", error->message);
          if (last)
            {
              json_builder_set_member_name (json, "clusters");
              json_builder_add_int_value (json, result->n_clusters);
              json_builder_set_member_name (json, "noise");
              json_builder_add_int_value (json, (gint64) result->n_noise);
              json_builder_set_member_name (json, "core_points");
              json_builder_add_int_value (json, (gint64) result->n_core);
              json_builder_set_member_name (json, "sizes");
              json_builder_begin_array (json);
              for (guint c = 0; c < result->n_clusters; c++)
                json_builder_add_int_value (json, (gint64) result->sizes[c]);
              json_builder_end_array (json);
            }
        }
      else if (g_str_equal (command, "kdist"))
        {
          g_autoptr(SgKDistance) curve = sg_dbscan_k_distance (x, (guint) opt_min_samples, 5000, 1, threads,
                                                               NULL, &error);

          times[r] = bench_now () - t0;
          if (curve == NULL)
            g_error ("%s", error->message);
          if (last)
            {
              json_builder_set_member_name (json, "suggested_eps");
              json_builder_add_double_value (json, curve->suggested_eps);
              json_builder_set_member_name (json, "knee_quantile");
              json_builder_add_double_value (json, (double) curve->knee_index / curve->n);
            }
        }
      else if (g_str_equal (command, "ward"))
        {
          SgHclustOptions options;
          g_autoptr(SgDendrogram) tree = NULL;
          g_autofree gint32 *labels = NULL;

          sg_hclust_options_init (&options);
          options.n_threads = threads;
          if (opt_linkage != NULL)
            {
              if (g_str_equal (opt_linkage, "average"))
                options.linkage = SG_LINKAGE_AVERAGE;
              else if (g_str_equal (opt_linkage, "complete"))
                options.linkage = SG_LINKAGE_COMPLETE;
              else if (g_str_equal (opt_linkage, "single"))
                options.linkage = SG_LINKAGE_SINGLE;
            }
          tree = sg_hclust_fit (x, &options, NULL, &error);
          times[r] = bench_now () - t0;
          if (tree == NULL)
            g_error ("%s", error->message);
          if (last)
            {
              guint64 *sizes = g_new0 (guint64, opt_k);

              labels = sg_dendrogram_cut_k (tree, (guint) opt_k, &error);
              if (labels == NULL)
                g_error ("%s", error->message);
              for (gsize i = 0; i < x->n_rows; i++)
                sizes[labels[i]]++;
              json_builder_set_member_name (json, "two_stage");
              json_builder_add_boolean_value (json, tree->two_stage);
              json_builder_set_member_name (json, "last_heights");
              json_builder_begin_array (json);
              for (gsize i = tree->n_leaves - 1 - MIN (5, tree->n_leaves - 1); i < tree->n_leaves - 1; i++)
                json_builder_add_double_value (json, tree->merges[i].height);
              json_builder_end_array (json);
              json_builder_set_member_name (json, "sizes");
              json_builder_begin_array (json);
              for (int c = 0; c < opt_k; c++)
                json_builder_add_int_value (json, (gint64) sizes[c]);
              json_builder_end_array (json);
              g_free (sizes);
            }
        }
      else if (g_str_equal (command, "silhouette"))
        {
          guint k;
          g_autofree gint32 *labels = load_labels (argv[2], x->n_rows, &k);
          SgSilhouette s;

          c0 = cpu_now ();
          t0 = bench_now ();
          if (!sg_silhouette (x, labels, k, (gsize) opt_exact_limit, 1, threads, NULL, &s, NULL, &error))
            g_error ("%s", error->message);
          times[r] = bench_now () - t0;
          if (last)
            {
              json_builder_set_member_name (json, "silhouette");
              json_builder_add_double_value (json, s.mean);
              json_builder_set_member_name (json, "sampled");
              json_builder_add_boolean_value (json, s.sampled);
            }
        }
      else if (g_str_equal (command, "pca"))
        {
          g_autoptr(SgPca) pca = sg_pca_fit (x, &error);

          times[r] = bench_now () - t0;
          if (pca == NULL)
            g_error ("%s", error->message);
          if (last)
            {
              json_builder_set_member_name (json, "explained_variance_ratio_0");
              json_builder_add_double_value (json, pca->explained_variance_ratio[0]);
            }
        }
      else
        {
          g_printerr ("unknown command %s\n", command);
          return 2;
        }
      cpu[r] = cpu_now () - c0;
    }

  qsort (times, MAX (opt_repeat, 1), sizeof (double), cmp_double);
  json_builder_set_member_name (json, "seconds");
  json_builder_add_double_value (json, times[MAX (opt_repeat, 1) / 2]);
  qsort (cpu, MAX (opt_repeat, 1), sizeof (double), cmp_double);
  json_builder_set_member_name (json, "cpu_seconds");
  json_builder_add_double_value (json, cpu[MAX (opt_repeat, 1) / 2]);
  json_builder_end_object (json);
  bench_print_json (json);
  return 0;
}
