/* sg-scaler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-colstats.h"
#include "sg-error.h"
#include "sg-scaler.h"

static const char *const scaling_names[] = { "none", "zscore", "minmax", "robust" };

const char *
sg_scaling_to_string (SgScaling scaling)
{
  g_return_val_if_fail ((guint) scaling < G_N_ELEMENTS (scaling_names), NULL);
  return scaling_names[scaling];
}

gboolean
sg_scaling_from_string (const char *name,
                        SgScaling  *scaling)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (scaling_names); i++)
    if (g_ascii_strcasecmp (name, scaling_names[i]) == 0)
      {
        *scaling = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (name, "standard") == 0 || g_ascii_strcasecmp (name, "z-score") == 0)
    {
      *scaling = SG_SCALING_ZSCORE;
      return TRUE;
    }
  if (g_ascii_strcasecmp (name, "min-max") == 0)
    {
      *scaling = SG_SCALING_MINMAX;
      return TRUE;
    }
  return FALSE;
}

SgScaler *
sg_scaler_new (SgScaling       method,
               guint           n_cols,
               const gboolean *log1p)
{
  SgScaler *scaler = g_new0 (SgScaler, 1);

  scaler->method = method;
  scaler->n_cols = n_cols;
  scaler->log1p = g_new0 (gboolean, MAX (n_cols, 1));
  scaler->center = g_new0 (double, MAX (n_cols, 1));
  scaler->scale = g_new0 (double, MAX (n_cols, 1));
  scaler->constant = g_new0 (gboolean, MAX (n_cols, 1));
  scaler->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < n_cols; c++)
    {
      scaler->log1p[c] = log1p != NULL && log1p[c];
      scaler->scale[c] = 1.0;
    }
  return scaler;
}

void
sg_scaler_free (SgScaler *scaler)
{
  if (scaler == NULL)
    return;
  g_free (scaler->log1p);
  g_free (scaler->center);
  g_free (scaler->scale);
  g_free (scaler->constant);
  g_ptr_array_unref (scaler->warnings);
  g_free (scaler);
}

SgScaler *
sg_scaler_copy (const SgScaler *scaler)
{
  SgScaler *copy = sg_scaler_new (scaler->method, scaler->n_cols, scaler->log1p);

  memcpy (copy->center, scaler->center, scaler->n_cols * sizeof (double));
  memcpy (copy->scale, scaler->scale, scaler->n_cols * sizeof (double));
  memcpy (copy->constant, scaler->constant, scaler->n_cols * sizeof (gboolean));
  for (guint i = 0; i < scaler->warnings->len; i++)
    g_ptr_array_add (copy->warnings, g_strdup (g_ptr_array_index (scaler->warnings, i)));
  return copy;
}

static char *
column_label (guint       col,
              const char *name)
{
  if (name != NULL)
    return g_strdup_printf ("“%s”", name);
  return g_strdup_printf (_("column %u"), col + 1);
}

gboolean
sg_scaler_fit_column (SgScaler      *scaler,
                      guint          col,
                      const double  *values,
                      gsize          n,
                      gsize          stride,
                      const char    *name,
                      GError       **error)
{
  g_autofree double *work = NULL;
  g_autofree char *label = column_label (col, name);
  gsize m = 0;
  double center = 0, scale = 1;
  gboolean constant = FALSE;

  g_return_val_if_fail (scaler != NULL, FALSE);
  g_return_val_if_fail (col < scaler->n_cols, FALSE);

  /* The (possibly log1p'd) non-missing values, in row order. */
  work = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      double v = values[i * stride];

      if (isnan (v))
        continue;
      if (scaler->log1p[col])
        {
          if (v < 0)
            {
              g_autofree char *shown = g_strdup_printf ("%g", v);

              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                           _("Column %s has negative values (%s in row %zu): a log scale needs values of 0 or more"),
                           label, shown, i + 1);
              return FALSE;
            }
          v = log1p (v);
        }
      work[m++] = v;
    }
  if (m == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Column %s has no values to scale"), label);
      return FALSE;
    }

  switch (scaler->method)
    {
    case SG_SCALING_NONE:
      break;
    case SG_SCALING_ZSCORE:
      {
        SgColstats stats;

        sg_colstats_moments (work, m, 1, &stats);
        center = stats.mean;
        scale = stats.std;
        constant = stats.max == stats.min;
      }
      break;
    case SG_SCALING_MINMAX:
      {
        SgColstats stats;

        sg_colstats_moments (work, m, 1, &stats);
        center = stats.min;
        scale = stats.max - stats.min;
        constant = stats.max == stats.min;
      }
      break;
    case SG_SCALING_ROBUST:
      {
        gsize k;
        g_autofree double *sorted = sg_colstats_sorted (work, m, 1, &k);

        center = sg_colstats_quantile (sorted, k, 0.5);
        scale = sg_colstats_quantile (sorted, k, 0.75) - sg_colstats_quantile (sorted, k, 0.25);
        constant = sorted[0] == sorted[k - 1];
        if (!constant && scale == 0)
          g_ptr_array_add (scaler->warnings,
                           g_strdup_printf (_("Column %s has the same value in its middle half: it was centred but not scaled"),
                                            label));
      }
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (constant)
    g_ptr_array_add (scaler->warnings,
                     g_strdup_printf (_("Column %s has the same value in every row: it cannot tell customers apart"),
                                      label));
  if (constant || !(scale > 0) || !isfinite (scale))
    scale = 1.0;
  scaler->center[col] = center;
  scaler->scale[col] = scale;
  scaler->constant[col] = constant;
  return TRUE;
}

SgScaler *
sg_scaler_fit (const SgMatrix  *x,
               SgScaling        method,
               const gboolean  *log1p,
               GError         **error)
{
  g_autoptr(SgScaler) scaler = NULL;

  g_return_val_if_fail (x != NULL, NULL);

  if (x->n_rows == 0 || x->n_cols == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("There are no values to scale"));
      return NULL;
    }
  scaler = sg_scaler_new (method, x->n_cols, log1p);
  for (guint c = 0; c < x->n_cols; c++)
    if (!sg_scaler_fit_column (scaler, c, x->data + c, x->n_rows, x->n_cols, NULL, error))
      return NULL;
  return g_steal_pointer (&scaler);
}

void
sg_scaler_apply_column (const SgScaler *scaler,
                        guint           col,
                        double         *values,
                        gsize           n,
                        gsize           stride)
{
  double center = scaler->center[col], scale = scaler->scale[col];

  /* divide (not multiply by the inverse): the same bits as sg_scaler_apply() */
  if (scaler->log1p[col])
    for (gsize i = 0; i < n; i++)
      values[i * stride] = (log1p (values[i * stride]) - center) / scale;
  else
    for (gsize i = 0; i < n; i++)
      values[i * stride] = (values[i * stride] - center) / scale;
}

void
sg_scaler_apply (const SgScaler *scaler,
                 SgMatrix       *x)
{
  g_return_if_fail (scaler != NULL && x != NULL);
  g_return_if_fail (x->n_cols == scaler->n_cols);

  for (gsize r = 0; r < x->n_rows; r++)
    {
      double *row = sg_matrix_row (x, r);

      for (guint c = 0; c < scaler->n_cols; c++)
        {
          double v = scaler->log1p[c] ? log1p (row[c]) : row[c];

          row[c] = (v - scaler->center[c]) / scaler->scale[c];
        }
    }
}

gboolean
sg_scaler_check (const SgScaler  *scaler,
                 const SgMatrix  *x,
                 GError         **error)
{
  g_return_val_if_fail (x->n_cols == scaler->n_cols, FALSE);

  for (guint c = 0; c < scaler->n_cols; c++)
    if (scaler->log1p[c])
      for (gsize r = 0; r < x->n_rows; r++)
        if (sg_matrix_row (x, r)[c] < 0)
          {
            g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                         _("Column %u has negative values (row %zu): a log scale needs values of 0 or more"),
                         c + 1, r + 1);
            return FALSE;
          }
  return TRUE;
}

void
sg_scaler_inverse_row (const SgScaler *scaler,
                       double         *row)
{
  for (guint c = 0; c < scaler->n_cols; c++)
    {
      double v = row[c] * scaler->scale[c] + scaler->center[c];

      row[c] = scaler->log1p[c] ? expm1 (v) : v;
    }
}

JsonNode *
sg_scaler_to_json (const SgScaler *scaler)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, sg_scaling_to_string (scaler->method));
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < scaler->n_cols; c++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "log1p");
      json_builder_add_boolean_value (builder, scaler->log1p[c]);
      json_builder_set_member_name (builder, "center");
      json_builder_add_double_value (builder, scaler->center[c]);
      json_builder_set_member_name (builder, "scale");
      json_builder_add_double_value (builder, scaler->scale[c]);
      if (scaler->constant[c])
        {
          json_builder_set_member_name (builder, "constant");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_number (JsonObject  *object,
             const char  *member,
             double      *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else
    return FALSE;
  return isfinite (*value);
}

SgScaler *
sg_scaler_from_json (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(SgScaler) scaler = NULL;
  JsonObject *object;
  JsonArray *columns;
  SgScaling method;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  object = json_node_get_object (node);
  if (!sg_scaling_from_string (json_object_get_string_member_with_default (object, "method", NULL), &method) ||
      !json_object_has_member (object, "columns") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "columns")))
    goto bad;
  columns = json_object_get_array_member (object, "columns");
  scaler = sg_scaler_new (method, json_array_get_length (columns), NULL);
  for (guint c = 0; c < scaler->n_cols; c++)
    {
      JsonNode *item = json_array_get_element (columns, c);
      JsonObject *column;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        goto bad;
      column = json_node_get_object (item);
      scaler->log1p[c] = json_object_get_boolean_member_with_default (column, "log1p", FALSE);
      scaler->constant[c] = json_object_get_boolean_member_with_default (column, "constant", FALSE);
      if (!read_number (column, "center", &scaler->center[c]) ||
          !read_number (column, "scale", &scaler->scale[c]) || scaler->scale[c] == 0)
        goto bad;
    }
  return g_steal_pointer (&scaler);

bad:
  g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The scaler’s saved settings are not readable"));
  return NULL;
}
