/* sg-rfm.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sg-colstats.h"
#include "sg-error.h"
#include "sg-rfm.h"

const char *
sg_rfm_group_name (SgRfmGroup group)
{
  switch (group)
    {
    case SG_RFM_CHAMPIONS: return _("Champions");
    case SG_RFM_LOYAL: return _("Loyal");
    case SG_RFM_POTENTIAL_LOYALISTS: return _("Potential Loyalists");
    case SG_RFM_NEW: return _("New");
    case SG_RFM_PROMISING: return _("Promising");
    case SG_RFM_NEED_ATTENTION: return _("Need Attention");
    case SG_RFM_ABOUT_TO_SLEEP: return _("About to Sleep");
    case SG_RFM_AT_RISK: return _("At Risk");
    case SG_RFM_CANT_LOSE: return _("Can't Lose");
    case SG_RFM_HIBERNATING: return _("Hibernating");
    case SG_RFM_LOST: return _("Lost");
    case SG_RFM_N_GROUPS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
sg_rfm_group_describe (SgRfmGroup group)
{
  switch (group)
    {
    case SG_RFM_CHAMPIONS: return _("Bought recently, buy often and spend the most.");
    case SG_RFM_LOYAL: return _("Buy regularly and spend well.");
    case SG_RFM_POTENTIAL_LOYALISTS: return _("Recent customers with average frequency and spend.");
    case SG_RFM_NEW: return _("Bought very recently, but not often yet.");
    case SG_RFM_PROMISING: return _("Recent buyers who have not spent much yet.");
    case SG_RFM_NEED_ATTENTION: return _("Average recency, frequency and spend.");
    case SG_RFM_ABOUT_TO_SLEEP: return _("Below average recency and low frequency and spend.");
    case SG_RFM_AT_RISK: return _("Used to buy often and spend well, but not for a long time.");
    case SG_RFM_CANT_LOSE: return _("Were among the best customers and have not come back for a long time.");
    case SG_RFM_HIBERNATING: return _("Last bought long ago, with little spend and few orders.");
    case SG_RFM_LOST: return _("Lowest recency, frequency and spend.");
    case SG_RFM_N_GROUPS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

SgRfmGroup
sg_rfm_group_for (int r, int f, int m)
{
  /* rows: R = 5 … 1; columns: FM = 1 … 5 */
  static const SgRfmGroup table[5][5] = {
    { SG_RFM_NEW, SG_RFM_POTENTIAL_LOYALISTS, SG_RFM_POTENTIAL_LOYALISTS, SG_RFM_CHAMPIONS, SG_RFM_CHAMPIONS },
    { SG_RFM_PROMISING, SG_RFM_POTENTIAL_LOYALISTS, SG_RFM_LOYAL, SG_RFM_CHAMPIONS, SG_RFM_CHAMPIONS },
    { SG_RFM_ABOUT_TO_SLEEP, SG_RFM_NEED_ATTENTION, SG_RFM_NEED_ATTENTION, SG_RFM_LOYAL, SG_RFM_LOYAL },
    { SG_RFM_HIBERNATING, SG_RFM_HIBERNATING, SG_RFM_AT_RISK, SG_RFM_AT_RISK, SG_RFM_CANT_LOSE },
    { SG_RFM_LOST, SG_RFM_LOST, SG_RFM_AT_RISK, SG_RFM_CANT_LOSE, SG_RFM_CANT_LOSE },
  };
  int fm = (f + m + 1) / 2;

  r = CLAMP (r, 1, 5);
  fm = CLAMP (fm, 1, 5);
  return table[5 - r][fm - 1];
}

int
sg_rfm_score (const double *edges,
              double        value,
              gboolean      descending)
{
  int score = 1;

  for (int k = 0; k < 4; k++)
    if (descending ? value <= edges[k] : value >= edges[k])
      score++;
  return score;
}

/* Edges on ascending values: the smallest value whose share of strictly smaller values reaches k/5. */
static gboolean
fit_edges (const double *values,
           gsize         n,
           gboolean      descending,
           double       *edges,
           const char   *what,
           GError      **error)
{
  gsize m;
  g_autofree double *sorted = NULL;
  g_autofree double *work = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    work[i] = descending ? -values[i] : values[i];
  sorted = sg_colstats_sorted (work, n, 1, &m);
  if (m == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("There are no %s values to score"), what);
      return FALSE;
    }
  for (int k = 0; k < 4; k++)
    edges[k] = INFINITY;
  /* walk distinct values: at index i (first of its run), i values are strictly smaller */
  for (gsize i = 0; i < m; i++)
    {
      int score;

      if (i > 0 && sorted[i] == sorted[i - 1])
        continue;
      score = MIN (5, 1 + (int) floor (5.0 * (double) i / (double) m));
      for (int k = 0; k < score - 1; k++)
        if (edges[k] == INFINITY)
          edges[k] = sorted[i];
    }
  if (descending)
    for (int k = 0; k < 4; k++)
      edges[k] = -edges[k];
  return TRUE;
}

gboolean
sg_rfm_fit (const double  *recency,
            const double  *frequency,
            const double  *monetary,
            gsize          n,
            SgRfmModel    *model,
            GError       **error)
{
  return fit_edges (recency, n, TRUE, model->r_edges, _("recency"), error) &&
         fit_edges (frequency, n, FALSE, model->f_edges, _("frequency"), error) &&
         fit_edges (monetary, n, FALSE, model->m_edges, _("monetary"), error);
}

static SgColumn *
find_numeric (SgTable     *table,
              const char  *name,
              const char  *role,
              GError     **error)
{
  SgColumn *column = NULL;

  if (name != NULL)
    {
      int index = sg_table_lookup_column (table, name);

      if (index >= 0)
        column = sg_table_get_column (table, index);
      else
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no column “%s”"), name);
          return NULL;
        }
    }
  else
    for (guint c = 0; c < sg_table_get_n_columns (table) && column == NULL; c++)
      if (g_strcmp0 (sg_table_get_column (table, c)->role, role) == 0)
        column = sg_table_get_column (table, c);
  if (column == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("No column has the role “%s”: choose one"), role);
      return NULL;
    }
  if (!sg_column_is_numeric (column))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Column “%s” holds %s values, not numbers"),
                   column->name, sg_column_type_get_label (column->type));
      return NULL;
    }
  return column;
}

static void
replace_column (SgTable     *table,
                const char  *name,
                SgColumn    *column)
{
  /* a second scoring replaces the first rather than adding "r_score_2" */
  int index = sg_table_lookup_column (table, name);

  if (index >= 0)
    {
      SgColumn *old = sg_table_get_column (table, index);

      /* swap contents: the table owns the slot */
      SgColumn tmp = *old;
      *old = *column;
      *column = tmp;
      sg_column_free (column);
    }
  else
    sg_table_take_column (table, column);
}

gboolean
sg_rfm_add_scores (SgTable           *table,
                   const char        *recency,
                   const char        *frequency,
                   const char        *monetary,
                   const SgRfmModel  *model,
                   SgRfmModel        *fitted,
                   GError           **error)
{
  SgColumn *rc, *fc, *mc;
  SgColumn *r_out, *f_out, *m_out, *code_out, *segment_out;
  const double *rv, *fv, *mv;
  SgRfmModel local;
  guint n;

  if ((rc = find_numeric (table, recency, "recency", error)) == NULL ||
      (fc = find_numeric (table, frequency, "frequency", error)) == NULL ||
      (mc = find_numeric (table, monetary, "monetary", error)) == NULL)
    return FALSE;
  n = sg_table_get_n_rows (table);
  rv = sg_column_get_numbers (rc);
  fv = sg_column_get_numbers (fc);
  mv = sg_column_get_numbers (mc);
  if (model == NULL)
    {
      if (!sg_rfm_fit (rv, fv, mv, n, &local, error))
        return FALSE;
      model = &local;
    }
  if (fitted != NULL)
    *fitted = *model;

  r_out = sg_column_new ("r_score", SG_COLUMN_INTEGER);
  f_out = sg_column_new ("f_score", SG_COLUMN_INTEGER);
  m_out = sg_column_new ("m_score", SG_COLUMN_INTEGER);
  code_out = sg_column_new ("rfm_score", SG_COLUMN_CATEGORICAL);
  segment_out = sg_column_new ("rfm_segment", SG_COLUMN_CATEGORICAL);
  sg_column_set_role (r_out, "r_score");
  sg_column_set_role (f_out, "f_score");
  sg_column_set_role (m_out, "m_score");
  sg_column_set_role (code_out, "rfm_score");
  sg_column_set_role (segment_out, "rfm_segment");
  for (guint i = 0; i < n; i++)
    {
      if (isnan (rv[i]) || isnan (fv[i]) || isnan (mv[i]))
        {
          sg_column_append_missing (r_out);
          sg_column_append_missing (f_out);
          sg_column_append_missing (m_out);
          sg_column_append_missing (code_out);
          sg_column_append_missing (segment_out);
        }
      else
        {
          int r = sg_rfm_score (model->r_edges, rv[i], TRUE);
          int f = sg_rfm_score (model->f_edges, fv[i], FALSE);
          int m = sg_rfm_score (model->m_edges, mv[i], FALSE);
          char code[4] = { '0' + r, '0' + f, '0' + m, 0 };

          sg_column_append_number (r_out, r);
          sg_column_append_number (f_out, f);
          sg_column_append_number (m_out, m);
          sg_column_append_string (code_out, code);
          sg_column_append_string (segment_out, sg_rfm_group_name (sg_rfm_group_for (r, f, m)));
        }
    }
  replace_column (table, "r_score", r_out);
  replace_column (table, "f_score", f_out);
  replace_column (table, "m_score", m_out);
  replace_column (table, "rfm_score", code_out);
  replace_column (table, "rfm_segment", segment_out);
  return TRUE;
}

static void
add_edges (JsonBuilder  *builder,
           const char   *name,
           const double *edges)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (int k = 0; k < 4; k++)
    if (isfinite (edges[k]))
      json_builder_add_double_value (builder, edges[k]);
    else
      json_builder_add_null_value (builder);   /* score never reached */
  json_builder_end_array (builder);
}

JsonNode *
sg_rfm_model_to_json (const SgRfmModel *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_edges (builder, "r_edges", model->r_edges);
  add_edges (builder, "f_edges", model->f_edges);
  add_edges (builder, "m_edges", model->m_edges);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_edges (JsonObject *object,
            const char *name,
            gboolean    descending,
            double     *edges)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != 4)
    return FALSE;
  for (int k = 0; k < 4; k++)
    {
      JsonNode *item = json_array_get_element (array, k);

      if (JSON_NODE_HOLDS_NULL (item))
        edges[k] = descending ? -INFINITY : INFINITY;
      else if (JSON_NODE_HOLDS_VALUE (item) && (json_node_get_value_type (item) == G_TYPE_DOUBLE ||
                                                json_node_get_value_type (item) == G_TYPE_INT64))
        edges[k] = json_node_get_double (item);
      else
        return FALSE;
    }
  return TRUE;
}

gboolean
sg_rfm_model_from_json (JsonNode    *node,
                        SgRfmModel  *model,
                        GError     **error)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  object = json_node_get_object (node);
  if (!read_edges (object, "r_edges", TRUE, model->r_edges) ||
      !read_edges (object, "f_edges", FALSE, model->f_edges) ||
      !read_edges (object, "m_edges", FALSE, model->m_edges))
    goto bad;
  return TRUE;

bad:
  g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The saved RFM score edges are not readable"));
  return FALSE;
}
