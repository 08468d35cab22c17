/* sg-run-comparison.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRunComparison"

#include <math.h>
#include <glib/gi18n.h>

#include "sg-error.h"
#include "sg-format.h"
#include "sg-project.h"
#include "sg-run-comparison.h"

void
sg_run_comparison_free (SgRunComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->table, sg_contingency_free);
  g_free (comparison);
}

static double
stay_share (const SgContingency *table,
            gsize                total)
{
  guint64 followed = 0;

  for (guint i = 0; i < table->n_a; i++)
    {
      guint64 best = 0;

      for (guint j = 0; j < table->n_b; j++)
        best = MAX (best, table->counts[(gsize) i * table->n_b + j]);
      followed += best;
    }
  return total > 0 ? (double) followed / (double) total : 1.0;
}

SgRunComparison *
sg_run_comparison_new (const gint32  *a,
                       gsize          n_a,
                       const gint32  *b,
                       gsize          n_b,
                       GError       **error)
{
  g_autoptr(SgRunComparison) comparison = NULL;
  g_autofree gint32 *common_a = NULL;
  g_autofree gint32 *common_b = NULL;
  gsize n = 0;

  g_return_val_if_fail (a != NULL || n_a == 0, NULL);
  g_return_val_if_fail (b != NULL || n_b == 0, NULL);

  if (n_a != n_b)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                           _("These runs segment different customers: only runs on the same dataset can be compared"));
      return NULL;
    }
  common_a = g_new (gint32, MAX (n_a, 1));
  common_b = g_new (gint32, MAX (n_a, 1));
  for (gsize r = 0; r < n_a; r++)
    if (a[r] != SG_LABEL_EXCLUDED && b[r] != SG_LABEL_EXCLUDED)
      {
        common_a[n] = a[r];
        common_b[n] = b[r];
        n++;
      }
  if (n == 0)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_DEGENERATE,
                           _("No customer is in both runs, so there is nothing to compare"));
      return NULL;
    }

  comparison = g_new0 (SgRunComparison, 1);
  comparison->n_common = n;
  comparison->n_left_out = n_a - n;
  comparison->ari = sg_adjusted_rand_index (common_a, common_b, n);
  comparison->table = sg_contingency_new (common_a, common_b, n);
  comparison->stay_share = stay_share (comparison->table, n);
  return g_steal_pointer (&comparison);
}

guint64
sg_run_comparison_row_total (const SgRunComparison *comparison,
                             guint                  i)
{
  guint64 total = 0;

  g_return_val_if_fail (comparison != NULL && i < comparison->table->n_a, 0);

  for (guint j = 0; j < comparison->table->n_b; j++)
    total += comparison->table->counts[(gsize) i * comparison->table->n_b + j];
  return total;
}

guint64
sg_run_comparison_total (const SgRunComparison *comparison)
{
  guint64 total = 0;

  g_return_val_if_fail (comparison != NULL, 0);

  for (guint i = 0; i < comparison->table->n_a; i++)
    total += sg_run_comparison_row_total (comparison, i);
  return total;
}

const char *
sg_run_comparison_verdict (double ari)
{
  if (ari >= 0.9)
    return _("Almost the same segments");
  if (ari >= 0.65)
    return _("Much the same segments");
  if (ari >= 0.35)
    return _("Partly the same segments");
  return _("Different segments");
}

char *
sg_run_comparison_headline (const SgRunComparison *comparison)
{
  g_return_val_if_fail (comparison != NULL, NULL);

  /* Translators: a verdict such as “Much the same segments”, then a share of customers */
  return g_strdup_printf (_("%s: %.0f%% of customers stay together."),
                          sg_run_comparison_verdict (comparison->ari), floor (100 * comparison->stay_share));
}

char *
sg_run_comparison_cell (const SgRunComparison *comparison,
                        guint                  i,
                        guint                  j)
{
  guint64 count, total;
  g_autofree char *text = NULL;

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (i < comparison->table->n_a && j < comparison->table->n_b, NULL);

  count = comparison->table->counts[(gsize) i * comparison->table->n_b + j];
  total = sg_run_comparison_row_total (comparison, i);
  text = sg_format_count (count);
  if (count == 0)
    return g_steal_pointer (&text);
  /* Translators: a table cell: customers, and their share of the row's segment */
  return g_strdup_printf (_("%s\n%.0f%%"), text, total > 0 ? 100.0 * (double) count / (double) total : 0.0);
}
