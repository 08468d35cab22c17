/* sg-cli-run-options.c — the options segment, scan and cluster share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "sg-cli-run-options.h"
#include "sg-error.h"

void
sg_cli_run_options_add (GOptionContext  *context,
                        SgCliRunOptions *o,
                        gboolean         with_dataset)
{
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_STRING, &o->dataset, N_("Dataset to segment (name or id)"), N_("NAME") },
    { "features", 'f', 0, G_OPTION_ARG_STRING, &o->features, N_("Columns to segment on, comma-separated"), N_("A,B,C") },
    { "algorithm", 'a', 0, G_OPTION_ARG_STRING, &o->algorithm, N_("kmeans (default), gmm, dbscan or hierarchical"), N_("NAME") },
    { "k", 'k', 0, G_OPTION_ARG_STRING, &o->k, N_("Number of segments, or “auto” to scan and recommend (default)"), N_("N|auto") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &o->scale, N_("zscore (default), minmax, robust or none"), N_("METHOD") },
    { "log1p", 0, 0, G_OPTION_ARG_STRING, &o->log1p, N_("Columns to put on a log scale first"), N_("A,B") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o->seed, N_("Random seed (default 0): the same seed gives the same segments"), N_("S") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &o->threads, N_("Threads to use (default: all processors)"), N_("T") },
    { "n-init", 0, 0, G_OPTION_ARG_INT, &o->n_init, N_("Restarts (k-means, default 10) or initialisations (mixtures, default 1)"), N_("N") },
    { "max-iter", 0, 0, G_OPTION_ARG_INT, &o->max_iter, N_("Maximum iterations"), N_("N") },
    { "minibatch", 0, 0, G_OPTION_ARG_NONE, &o->minibatch, N_("Mini-batch k-means, for very large data"), NULL },
    { "covariance", 0, 0, G_OPTION_ARG_STRING, &o->covariance, N_("Mixture covariance: full (default), diag or spherical"), N_("TYPE") },
    { "eps", 0, 0, G_OPTION_ARG_DOUBLE, &o->eps, N_("DBSCAN radius (default: suggested from the data)"), N_("E") },
    { "min-samples", 0, 0, G_OPTION_ARG_INT, &o->min_samples, N_("DBSCAN neighbours for a core customer (default 5)"), N_("N") },
    { "linkage", 0, 0, G_OPTION_ARG_STRING, &o->linkage, N_("Hierarchical linkage: ward (default), average, complete or single"), N_("L") },
    { "k-min", 0, 0, G_OPTION_ARG_INT, &o->k_min, N_("Smallest number of segments to try (default 2)"), N_("N") },
    { "k-max", 0, 0, G_OPTION_ARG_INT, &o->k_max, N_("Largest number of segments to try (default 12)"), N_("N") },
    { "min-share", 0, 0, G_OPTION_ARG_DOUBLE, &o->min_share, N_("Smallest acceptable segment as a share of customers (default 0.01)"), N_("F") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &o->name, N_("Name of the run"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print JSON"), NULL },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("run", NULL, NULL, NULL, NULL);

  o->eps = 0;
  o->min_share = 0.01;
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, with_dataset ? entries : entries + 1);
  g_option_context_set_main_group (context, group);
}

void
sg_cli_run_options_clear (SgCliRunOptions *o)
{
  g_clear_pointer (&o->dataset, g_free);
  g_clear_pointer (&o->features, g_free);
  g_clear_pointer (&o->algorithm, g_free);
  g_clear_pointer (&o->k, g_free);
  g_clear_pointer (&o->scale, g_free);
  g_clear_pointer (&o->log1p, g_free);
  g_clear_pointer (&o->covariance, g_free);
  g_clear_pointer (&o->linkage, g_free);
  g_clear_pointer (&o->name, g_free);
}

static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (text == NULL)
    return NULL;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
usage_error (GError    **error,
             const char *what,
             const char *value)
{
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, "%s: “%s”", what, value);
  return FALSE;
}

static gboolean
apply_k (SgCliRunOptions  *o,
         SgRunSettings    *s,
         GError          **error)
{
  guint64 k;

  if (o->k == NULL || g_ascii_strcasecmp (o->k, "auto") == 0)
    {
      s->k = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (o->k, 10, 2, 1000, &k, NULL))
    return usage_error (error, _("--k needs a number of segments from 2 to 1000, or “auto”"), o->k);
  s->k = (guint) k;
  return TRUE;
}

gboolean
sg_cli_run_options_apply (SgCliRunOptions  *o,
                          SgRunSettings    *s,
                          GError          **error)
{
  s->features = split_list (o->features);
  s->log1p = split_list (o->log1p);
  s->name = g_strdup (o->name);
  s->seed = (guint64) o->seed;
  s->n_threads = o->threads > 0 ? (guint) o->threads : 0;
  s->n_init = o->n_init > 0 ? (guint) o->n_init : 0;
  s->max_iter = o->max_iter > 0 ? (guint) o->max_iter : 0;
  s->minibatch = o->minibatch;
  s->eps = o->eps;
  if (o->min_samples > 0)
    s->min_samples = (guint) o->min_samples;
  if (o->k_min > 0)
    s->k_min = (guint) o->k_min;
  if (o->k_max > 0)
    s->k_max = (guint) o->k_max;
  s->min_share = o->min_share;

  if (o->algorithm != NULL && !sg_algorithm_from_string (o->algorithm, &s->algorithm))
    return usage_error (error, _("Unknown algorithm (use kmeans, gmm, dbscan or hierarchical)"), o->algorithm);
  if (o->scale != NULL && !sg_scaling_from_string (o->scale, &s->scaling))
    return usage_error (error, _("Unknown scaling (use zscore, minmax, robust or none)"), o->scale);
  if (o->covariance != NULL && !sg_covariance_from_string (o->covariance, &s->covariance))
    return usage_error (error, _("Unknown covariance (use full, diag or spherical)"), o->covariance);
  if (o->linkage != NULL && !sg_linkage_from_string (o->linkage, &s->linkage))
    return usage_error (error, _("Unknown linkage (use ward, average, complete or single)"), o->linkage);
  return apply_k (o, s, error);
}

char *
sg_cli_describe_silhouette (double silhouette)
{
  if (!isfinite (silhouette))
    return g_strdup (_("not measurable"));
  if (silhouette >= 0.5)
    return g_strdup_printf (_("%.2f (clearly separated)"), silhouette);
  if (silhouette >= 0.25)
    return g_strdup_printf (_("%.2f (reasonably distinct)"), silhouette);
  return g_strdup_printf (_("%.2f (overlapping)"), silhouette);
}
