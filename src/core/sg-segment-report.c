/* sg-segment-report.c — everything about a run's segments in one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-segment-report.h"

void
sg_report_options_init (SgReportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->explain = TRUE;
  options->silhouette = NAN;
  options->compare_column = -1;
  sg_profile_options_init (&options->profile);
  sg_cart_options_init (&options->cart);
  sg_bootstrap_options_init (&options->bootstrap);
  sg_warning_options_init (&options->warnings);
}

SgSegmentReport *
sg_segment_report_compute (SgTable               *table,
                           const gint32          *labels,
                           guint                  k,
                           const SgReportOptions *options,
                           SgProgress            *progress,
                           GError               **error)
{
  SgReportOptions defaults;
  g_autoptr(SgSegmentReport) report = g_new0 (SgSegmentReport, 1);
  SgProgress part;
  gboolean bootstrap = FALSE;

  if (options == NULL)
    {
      sg_report_options_init (&defaults);
      options = &defaults;
    }
  bootstrap = options->matrix != NULL && options->cluster != NULL;
  report->k = k;

  part = sg_progress_sub (progress, 0.0, bootstrap ? 0.15 : 0.7);
  report->profile = sg_profile_compute_full (table, labels, k, options->feature_columns, options->n_features,
                                             options->categorical_columns, options->n_categorical,
                                             &options->profile, &part, error);
  if (report->profile == NULL)
    return NULL;

  if (bootstrap)
    {
      g_autofree gint32 *matrix_labels = g_new (gint32, MAX (options->matrix->n_rows, 1));
      guint n_rows = sg_table_get_n_rows (table);

      for (gsize i = 0; i < options->matrix->n_rows; i++)
        {
          guint row = options->matrix_rows != NULL ? options->matrix_rows[i] : (guint) i;

          if (row >= n_rows)
            {
              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                           _("Matrix row %u refers to table row %u, beyond the table’s %u rows"),
                           (guint) (i + 1), row + 1, n_rows);
              return NULL;
            }
          matrix_labels[i] = labels[row];
        }
      part = sg_progress_sub (progress, 0.15, 0.9);
      report->stability = sg_bootstrap_stability (options->matrix, matrix_labels, k, options->cluster,
                                                  options->cluster_data, &options->bootstrap, &part, error);
      if (report->stability == NULL)
        return NULL;
    }
  if (!sg_progress_check (progress, error))
    return NULL;

  report->names = sg_naming_suggest (report->profile, options->user_names);
  report->name_strv = sg_segment_names_dup_strv (report->names);

  if (options->explain && options->n_features > 0)
    {
      g_autoptr(GError) local = NULL;

      sg_progress_report (progress, bootstrap ? 0.9 : 0.7, _("Finding rules that describe the segments"));
      report->cart = sg_cart_fit (table, labels, k, options->feature_columns, options->n_features,
                                  &options->cart, &local);
      if (report->cart == NULL)
        report->cart_error = g_strdup (local->message);
    }
  if (!sg_progress_check (progress, error))
    return NULL;

  if (options->compare_column >= 0)
    {
      report->comparison = sg_compare_segmentation (table, labels, k, (guint) options->compare_column,
                                                    (const char *const *) report->name_strv, error);
      if (report->comparison == NULL)
        return NULL;
    }

  report->warnings = sg_warnings_compute (report->profile, (const char *const *) report->name_strv,
                                          report->stability, options->silhouette, &options->warnings);
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&report);
}

void
sg_segment_report_free (SgSegmentReport *report)
{
  if (report == NULL)
    return;
  sg_profile_free (report->profile);
  sg_segment_names_free (report->names);
  g_strfreev (report->name_strv);
  sg_cart_free (report->cart);
  g_free (report->cart_error);
  sg_bootstrap_result_free (report->stability);
  sg_comparison_free (report->comparison);
  if (report->warnings != NULL)
    g_ptr_array_unref (report->warnings);
  g_free (report);
}

static void
add_node_or_null (JsonBuilder *builder,
                  const char  *name,
                  JsonNode    *node)
{
  json_builder_set_member_name (builder, name);
  if (node != NULL)
    json_builder_add_value (builder, node);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
sg_segment_report_to_json (const SgSegmentReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *const *names = (const char *const *) report->name_strv;

  json_builder_begin_object (builder);
  add_node_or_null (builder, "profile", sg_profile_to_json (report->profile, names));
  add_node_or_null (builder, "names", sg_segment_names_to_json (report->names));
  add_node_or_null (builder, "tree", report->cart != NULL ? sg_cart_to_json (report->cart, names) : NULL);
  if (report->cart_error != NULL)
    {
      json_builder_set_member_name (builder, "tree_error");
      json_builder_add_string_value (builder, report->cart_error);
    }
  add_node_or_null (builder, "stability",
                    report->stability != NULL ? sg_bootstrap_result_to_json (report->stability, names) : NULL);
  add_node_or_null (builder, "comparison",
                    report->comparison != NULL ? sg_comparison_to_json (report->comparison) : NULL);
  add_node_or_null (builder, "warnings", sg_warnings_to_json (report->warnings));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
