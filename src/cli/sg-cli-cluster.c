/* sg-cli-cluster.c — segmenta-cli cluster: cluster a CSV without a project (benchmark mode)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the numeric columns of a CSV, scales them, clusters and prints a summary, so timings compare
 * with a scikit-learn script doing the same on equal terms (whole process, reading included).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "sg-cli-run-options.h"
#include "sg-importer.h"
#include "sg-segmenter.h"

static int
compare_desc (const void *a,
              const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static void
add_double (JsonBuilder *b,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (b, member);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
summary_json (const SgMatrix     *x,
              const SgClustering *c,
              double              read_seconds,
              double              total_seconds,
              guint64             dropped)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree guint64 *sizes = g_memdup2 (c->sizes, MAX (c->k, 1) * sizeof (guint64));

  qsort (sizes, c->k, sizeof (guint64), compare_desc);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, (gint64) x->n_rows);
  json_builder_set_member_name (b, "columns");
  json_builder_add_int_value (b, (gint64) x->n_cols);
  json_builder_set_member_name (b, "dropped_rows");
  json_builder_add_int_value (b, (gint64) dropped);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, c->k);
  add_double (b, "inertia", c->metrics.inertia);
  add_double (b, "silhouette", c->metrics.silhouette);
  add_double (b, "davies_bouldin", c->metrics.davies_bouldin);
  add_double (b, "calinski_harabasz", c->metrics.calinski_harabasz);
  add_double (b, "bic", c->metrics.bic);
  add_double (b, "lower_bound", c->metrics.lower_bound);
  json_builder_set_member_name (b, "n_iter");
  json_builder_add_int_value (b, c->metrics.n_iter);
  json_builder_set_member_name (b, "n_unassigned");
  json_builder_add_int_value (b, (gint64) c->metrics.n_unassigned);
  json_builder_set_member_name (b, "sizes");
  json_builder_begin_array (b);
  for (guint s = 0; s < c->k; s++)
    json_builder_add_int_value (b, (gint64) sizes[s]);
  json_builder_end_array (b);
  add_double (b, "load_seconds", read_seconds);
  add_double (b, "fit_seconds", c->metrics.seconds);
  add_double (b, "total_seconds", total_seconds);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
sg_cli_cluster (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("FILE.csv", _("Cluster the numeric columns of a CSV file without a project (for benchmarks)."), NULL);
  g_auto(SgRunSettings) settings = { 0 };
  SgCliRunOptions options = { 0 };
  gboolean metrics = FALSE;
  GOptionEntry extra[] = {
    { "metrics", 0, 0, G_OPTION_ARG_NONE, &metrics, N_("Also compute silhouette, Davies–Bouldin and Calinski–Harabasz"), NULL },
    { NULL }
  };
  g_autoptr(SgMatrix) x = NULL;
  g_autoptr(SgScaler) scaler = NULL;
  g_autoptr(SgClustering) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 started = g_get_monotonic_time ();
  double read_seconds;
  guint64 dropped = 0;
  int status = SG_CLI_EXIT_USAGE;

  sg_run_settings_init (&settings);
  sg_cli_run_options_add (context, &options, FALSE);
  g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "cluster FILE.csv --k N"))
    goto out;
  if (!sg_cli_run_options_apply (&options, &settings, &error))
    {
      sg_cli_fail (error);
      goto out;
    }
  if (settings.k == 0 && sg_algorithm_takes_k (settings.algorithm))
    {
      g_printerr ("segmenta-cli: %s\n", _("cluster needs --k N (use “scan” on a project to choose k)"));
      goto out;
    }
  settings.skip_metrics = !metrics;

  status = SG_CLI_EXIT_FAILURE;
  x = sg_csv_read_matrix (argv[1], (const char *const *) settings.features, NULL, &dropped, &error);
  if (x == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  scaler = sg_scaler_fit (x, settings.scaling, NULL, &error);
  if (scaler == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  sg_scaler_apply (scaler, x);
  read_seconds = (g_get_monotonic_time () - started) / 1e6;

  c = sg_cluster_matrix (x, &settings, settings.k, NULL, &error);
  if (c == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  node = summary_json (x, c, read_seconds, (g_get_monotonic_time () - started) / 1e6, dropped);
  sg_cli_print_json (node);
  status = 0;

out:
  sg_cli_run_options_clear (&options);
  return status;
}
