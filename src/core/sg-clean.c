/* sg-clean.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-clean.h"
#include "sg-colstats.h"
#include "sg-error.h"
#include "sg-keymap.h"

/* ---- working tables ---- */

GPtrArray *
sg_columns_from_table (SgTable *table)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_column_free);

  for (guint c = 0; c < sg_table_get_n_columns (table); c++)
    g_ptr_array_add (columns, sg_column_copy (sg_table_get_column (table, c)));
  return columns;
}

SgTable *
sg_columns_to_table (GPtrArray  *columns,
                     const char *name)
{
  SgTable *table = sg_table_new (name);

  for (guint c = 0; c < columns->len; c++)
    sg_table_take_column (table, sg_column_copy (g_ptr_array_index (columns, c)));
  return table;
}

int
sg_columns_lookup (GPtrArray  *columns,
                   const char *name)
{
  for (guint c = 0; c < columns->len; c++)
    if (g_strcmp0 (((SgColumn *) g_ptr_array_index (columns, c))->name, name) == 0)
      return (int) c;
  return -1;
}

guint
sg_columns_get_n_rows (GPtrArray *columns)
{
  return columns->len > 0 ? sg_column_get_n_rows (g_ptr_array_index (columns, 0)) : 0;
}

void
sg_columns_keep_rows (GPtrArray    *columns,
                      const guint8 *keep)
{
  guint n = sg_columns_get_n_rows (columns);

  for (guint c = 0; c < columns->len; c++)
    {
      SgColumn *old = g_ptr_array_index (columns, c);
      SgColumn *fresh = sg_column_new (old->name, old->type);

      sg_column_set_role (fresh, old->role);
      if (sg_column_is_numeric (old))
        {
          const double *values = sg_column_get_numbers (old);

          for (guint r = 0; r < n; r++)
            if (keep[r])
              sg_column_append_number (fresh, values[r]);
        }
      else
        for (guint r = 0; r < n; r++)
          if (keep[r])
            sg_column_append_string (fresh, sg_column_get_string (old, r));
      columns->pdata[c] = fresh;
      sg_column_free (old);
    }
}

/* ---- duplicates ---- */

static const char *const keep_names[] = { "first", "last", "aggregate" };

const char *
sg_keep_to_string (SgKeep keep)
{
  g_return_val_if_fail ((guint) keep < G_N_ELEMENTS (keep_names), NULL);
  return keep_names[keep];
}

gboolean
sg_keep_from_string (const char *name,
                     SgKeep     *keep)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (keep_names); i++)
    if (g_ascii_strcasecmp (name, keep_names[i]) == 0)
      {
        *keep = i;
        return TRUE;
      }
  return FALSE;
}

static inline guint64
mix (guint64 h, guint64 v)
{
  h ^= v + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
  return h * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
}

static guint64
hash_text (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  if (s == NULL)
    return 0x5a5a5a5a;
  for (; *s; s++)
    h = (h ^ (guchar) *s) * G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

static gboolean
rows_equal (GPtrArray *columns,
            guint      a,
            guint      b)
{
  for (guint c = 0; c < columns->len; c++)
    {
      SgColumn *column = g_ptr_array_index (columns, c);

      if (sg_column_is_numeric (column))
        {
          double x = sg_column_get_number (column, a), y = sg_column_get_number (column, b);

          if (!(x == y || (isnan (x) && isnan (y))))
            return FALSE;
        }
      else if (g_strcmp0 (sg_column_get_string (column, a), sg_column_get_string (column, b)) != 0)
        return FALSE;
    }
  return TRUE;
}

guint64
sg_clean_find_duplicate_rows (GPtrArray  *columns,
                              guint8    **flags_out)
{
  guint n = sg_columns_get_n_rows (columns);
  g_autofree guint64 *hashes = g_new0 (guint64, MAX (n, 1));
  g_autofree guint8 *flags = g_new0 (guint8, MAX (n, 1));
  g_autoptr(SgKeyMap) map = sg_key_map_new (n);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64 count = 0;

  for (guint c = 0; c < columns->len; c++)
    {
      SgColumn *column = g_ptr_array_index (columns, c);

      if (sg_column_is_numeric (column))
        {
          const double *values = sg_column_get_numbers (column);

          for (guint r = 0; r < n; r++)
            hashes[r] = mix (hashes[r], isnan (values[r]) ? 0x7ff8 : sg_double_key (values[r]));
        }
      else
        for (guint r = 0; r < n; r++)
          hashes[r] = mix (hashes[r], hash_text (sg_column_get_string (column, r)));
    }
  for (guint r = 0; r < n; r++)
    {
      gboolean added;
      guint32 k = sg_key_map_insert (map, hashes[r], &added);

      if (added)
        g_array_append_val (first, r);
      /* a different row with the same 64-bit hash (practically never) is kept as distinct */
      else if (rows_equal (columns, g_array_index (first, guint, k), r))
        {
          flags[r] = 1;
          count++;
        }
    }
  if (flags_out != NULL)
    *flags_out = g_steal_pointer (&flags);
  return count;
}

guint64
sg_clean_drop_duplicate_rows (GPtrArray *columns)
{
  g_autofree guint8 *flags = NULL;
  guint64 count = sg_clean_find_duplicate_rows (columns, &flags);
  guint n = sg_columns_get_n_rows (columns);

  if (count == 0)
    return 0;
  for (guint r = 0; r < n; r++)
    flags[r] = !flags[r];
  sg_columns_keep_rows (columns, flags);
  return count;
}

/* Group ids: per row the id's group, SG_KEY_NONE when missing. */
static guint32 *
group_ids (SgColumn *column,
           guint32  *n_groups)
{
  guint n = sg_column_get_n_rows (column);
  guint32 *groups = g_new (guint32, MAX (n, 1));

  if (sg_column_is_numeric (column))
    {
      g_autoptr(SgKeyMap) map = sg_key_map_new (n);
      const double *values = sg_column_get_numbers (column);

      for (guint r = 0; r < n; r++)
        groups[r] = isnan (values[r]) ? SG_KEY_NONE : sg_key_map_insert (map, sg_double_key (values[r]), NULL);
      *n_groups = sg_key_map_size (map);
    }
  else
    {
      g_autoptr(SgStrMap) map = sg_str_map_new (n);

      for (guint r = 0; r < n; r++)
        {
          const char *s = sg_column_get_string (column, r);

          groups[r] = s == NULL ? SG_KEY_NONE : sg_str_map_insert (map, s, NULL);
        }
      *n_groups = sg_str_map_size (map);
    }
  return groups;
}

/* The most common value among @rows of a text column (ties: first seen). */
static const char *
most_common (SgColumn     *column,
             const guint  *rows,
             guint         n)
{
  g_autoptr(SgStrMap) map = sg_str_map_new (n);
  g_autofree guint *counts = g_new0 (guint, MAX (n, 1));
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *s = sg_column_get_string (column, rows[i]);
      guint32 k;

      if (s == NULL)
        continue;
      k = sg_str_map_insert (map, s, NULL);
      if (++counts[k] > best_count)
        {
          best_count = counts[k];
          best = s;
        }
    }
  /* first seen among the most common */
  for (guint k = 0; k < sg_str_map_size (map); k++)
    if (counts[k] == best_count)
      return sg_str_map_key (map, k);
  return best;
}

gboolean
sg_clean_dedupe_ids (GPtrArray   *columns,
                     const char  *id,
                     SgKeep       keep,
                     guint64     *n_removed,
                     guint64     *n_ids,
                     GError     **error)
{
  int index = sg_columns_lookup (columns, id);
  guint n = sg_columns_get_n_rows (columns);
  guint32 n_groups;
  g_autofree guint32 *groups = NULL;
  g_autofree guint *count = NULL;
  g_autofree guint *chosen = NULL;      /* group → row kept */
  g_autofree guint8 *keep_row = NULL;
  guint64 removed = 0, dup_ids = 0;

  if (index < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no column “%s”"), id);
      return FALSE;
    }
  groups = group_ids (g_ptr_array_index (columns, index), &n_groups);
  count = g_new0 (guint, MAX (n_groups, 1));
  chosen = g_new (guint, MAX (n_groups, 1));
  keep_row = g_new0 (guint8, MAX (n, 1));
  for (guint r = 0; r < n; r++)
    {
      guint32 g = groups[r];

      if (g == SG_KEY_NONE)
        {
          keep_row[r] = 1;
          continue;
        }
      if (count[g]++ == 0 || keep == SG_KEEP_LAST)
        chosen[g] = r;
    }
  for (guint32 g = 0; g < n_groups; g++)
    {
      keep_row[chosen[g]] = 1;
      if (count[g] > 1)
        {
          dup_ids++;
          removed += count[g] - 1;
        }
    }

  if (keep == SG_KEEP_AGGREGATE && dup_ids > 0)
    {
      /* rows of each group, then the kept (first) row takes the aggregate */
      g_autofree guint *start = g_new0 (guint, n_groups + 1);
      g_autofree guint *fill = g_new0 (guint, MAX (n_groups, 1));
      g_autofree guint *rows = g_new (guint, MAX (n, 1));

      for (guint32 g = 0; g < n_groups; g++)
        start[g + 1] = start[g] + count[g];
      for (guint r = 0; r < n; r++)
        if (groups[r] != SG_KEY_NONE)
          rows[start[groups[r]] + fill[groups[r]]++] = r;
      for (guint c = 0; c < columns->len; c++)
        {
          SgColumn *column = g_ptr_array_index (columns, c);

          if ((int) c == index)
            continue;
          for (guint32 g = 0; g < n_groups; g++)
            {
              const guint *members = rows + start[g];

              if (count[g] < 2)
                continue;
              if (sg_column_is_numeric (column))
                {
                  double sum = 0, *target;
                  guint m = 0;

                  for (guint i = 0; i < count[g]; i++)
                    {
                      double v = sg_column_get_number (column, members[i]);

                      if (!isnan (v))
                        {
                          sum += v;
                          m++;
                        }
                    }
                  target = &g_array_index (column->numbers, double, chosen[g]);
                  if (isnan (*target) && m > 0)
                    column->n_missing--;
                  *target = m > 0 ? sum / m : NAN;
                }
              else
                {
                  const char *value = most_common (column, members, count[g]);
                  const char *old = sg_column_get_string (column, chosen[g]);

                  if (old == NULL && value != NULL)
                    column->n_missing--;
                  /* store into the column's own pool so the string lives with it */
                  column->strings->pdata[chosen[g]] =
                    value != NULL ? g_string_chunk_insert (column->pool, value) : NULL;
                }
            }
        }
    }
  if (removed > 0)
    sg_columns_keep_rows (columns, keep_row);
  if (n_removed != NULL)
    *n_removed = removed;
  if (n_ids != NULL)
    *n_ids = dup_ids;
  return TRUE;
}

/* ---- missing values ---- */

static const char *const fill_names[] = { "median", "mean", "mode", "constant", "drop" };

const char *
sg_fill_method_to_string (SgFillMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (fill_names), NULL);
  return fill_names[method];
}

gboolean
sg_fill_method_from_string (const char   *name,
                            SgFillMethod *method)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (fill_names); i++)
    if (g_ascii_strcasecmp (name, fill_names[i]) == 0)
      {
        *method = i;
        return TRUE;
      }
  return FALSE;
}

SgFillMethod
sg_clean_default_fill (const SgColumn  *column,
                       char           **why)
{
  SgFillMethod method;
  const char *reason;

  switch (column->type)
    {
    case SG_COLUMN_INTEGER:
    case SG_COLUMN_DECIMAL:
      method = SG_FILL_MEDIAN;
      reason = _("the median: a typical value that a few extreme customers do not pull");
      break;
    case SG_COLUMN_BOOLEAN:
    case SG_COLUMN_CATEGORICAL:
      method = SG_FILL_MODE;
      reason = _("the most common value: there is no average of categories");
      break;
    case SG_COLUMN_DATE:
    case SG_COLUMN_DATETIME:
      method = SG_FILL_MEDIAN;
      reason = _("the median date");
      break;
    case SG_COLUMN_IDENTIFIER:
    case SG_COLUMN_TEXT:
    default:
      method = SG_FILL_DROP_ROWS;
      reason = _("dropping the rows: an identifier or free text cannot be made up");
      break;
    }
  if (why != NULL)
    *why = g_strdup_printf (_("Missing values in “%s” are filled with %s."), column->name, reason);
  if (method == SG_FILL_DROP_ROWS && why != NULL)
    {
      g_free (*why);
      *why = g_strdup_printf (_("Rows missing “%s” are dropped: an identifier or free text cannot be made up."), column->name);
    }
  return method;
}

gboolean
sg_clean_fit_fill (const SgColumn  *column,
                   SgFillMethod     method,
                   double          *number,
                   char           **string,
                   GError         **error)
{
  guint n = sg_column_get_n_rows (column);

  *number = NAN;
  if (string != NULL)
    *string = NULL;
  if (method == SG_FILL_CONSTANT || method == SG_FILL_DROP_ROWS)
    return TRUE;
  if (column->n_missing >= n)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Column “%s” has no value to fill its gaps with"), column->name);
      return FALSE;
    }
  if (sg_column_is_numeric (column))
    {
      const double *values = sg_column_get_numbers (column);

      if (method == SG_FILL_MEAN)
        {
          SgColstats stats;

          sg_colstats_moments (values, n, 1, &stats);
          *number = stats.mean;
        }
      else if (method == SG_FILL_MEDIAN)
        {
          gsize m;
          g_autofree double *sorted = sg_colstats_sorted (values, n, 1, &m);

          *number = sg_colstats_quantile (sorted, m, 0.5);
          if (column->type == SG_COLUMN_INTEGER || column->type == SG_COLUMN_BOOLEAN)
            *number = floor (*number + 0.5);   /* whole-number columns stay whole */
        }
      else
        {
          /* mode: the most common value, the smallest among ties */
          gsize m, best_run = 0, run = 0;
          g_autofree double *sorted = sg_colstats_sorted (values, n, 1, &m);

          for (gsize i = 0; i < m; i++)
            {
              run = (i > 0 && sorted[i] == sorted[i - 1]) ? run + 1 : 1;
              if (run > best_run)
                {
                  best_run = run;
                  *number = sorted[i];
                }
            }
        }
      return TRUE;
    }
  if (method != SG_FILL_MODE)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Column “%s” holds %s values: fill it with the most common value or a constant"),
                   column->name, sg_column_type_get_label (column->type));
      return FALSE;
    }
  {
    g_autofree guint *rows = g_new (guint, MAX (n, 1));

    for (guint r = 0; r < n; r++)
      rows[r] = r;
    if (string != NULL)
      *string = g_strdup (most_common ((SgColumn *) column, rows, n));
  }
  return TRUE;
}

guint64
sg_clean_apply_fill (GPtrArray  *columns,
                     guint       index,
                     double      number,
                     const char *string,
                     gboolean    flag)
{
  SgColumn *column = g_ptr_array_index (columns, index);
  guint n = sg_column_get_n_rows (column);
  guint64 filled = 0;
  SgColumn *flags = NULL;

  if (flag)
    {
      g_autofree char *name = g_strdup_printf ("%s_was_missing", column->name);

      flags = sg_column_new (name, SG_COLUMN_BOOLEAN);
      sg_column_set_role (flags, "missing_flag");
      for (guint r = 0; r < n; r++)
        sg_column_append_number (flags, sg_column_is_missing (column, r) ? 1 : 0);
      g_ptr_array_insert (columns, index + 1, flags);
    }
  if (sg_column_is_numeric (column))
    {
      if (isnan (number))
        return 0;
      for (guint r = 0; r < n; r++)
        if (isnan (g_array_index (column->numbers, double, r)))
          {
            g_array_index (column->numbers, double, r) = number;
            filled++;
          }
    }
  else
    {
      const char *stored;

      if (string == NULL)
        return 0;
      stored = g_string_chunk_insert_const (column->pool, string);
      for (guint r = 0; r < n; r++)
        if (column->strings->pdata[r] == NULL)
          {
            column->strings->pdata[r] = (gpointer) stored;
            filled++;
          }
    }
  column->n_missing -= filled;
  return filled;
}

gboolean
sg_clean_drop_missing (GPtrArray          *columns,
                       const char *const  *names,
                       guint64            *n_removed,
                       GError            **error)
{
  guint n = sg_columns_get_n_rows (columns);
  g_autofree guint8 *keep = g_malloc (MAX (n, 1));
  guint64 removed = 0;

  memset (keep, 1, MAX (n, 1));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      int index = sg_columns_lookup (columns, names[i]);
      SgColumn *column;

      if (index < 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no column “%s”"), names[i]);
          return FALSE;
        }
      column = g_ptr_array_index (columns, index);
      for (guint r = 0; r < n; r++)
        if (keep[r] && sg_column_is_missing (column, r))
          {
            keep[r] = 0;
            removed++;
          }
    }
  if (removed > 0)
    sg_columns_keep_rows (columns, keep);
  if (n_removed != NULL)
    *n_removed = removed;
  return TRUE;
}

/* ---- outliers ---- */

static const char *const rule_names[] = { "iqr", "zscore", "percentile" };

const char *
sg_outlier_rule_to_string (SgOutlierRule rule)
{
  g_return_val_if_fail ((guint) rule < G_N_ELEMENTS (rule_names), NULL);
  return rule_names[rule];
}

gboolean
sg_outlier_rule_from_string (const char    *name,
                             SgOutlierRule *rule)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (rule_names); i++)
    if (g_ascii_strcasecmp (name, rule_names[i]) == 0)
      {
        *rule = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
sg_clean_outlier_bounds (const SgColumn *column,
                         SgOutlierRule   rule,
                         double          a,
                         double          b,
                         double         *low,
                         double         *high,
                         GError        **error)
{
  guint n = sg_column_get_n_rows (column);
  const double *values;
  g_autofree double *sorted = NULL;
  gsize m;

  if (!sg_column_is_numeric (column))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Column “%s” holds %s values, not numbers"),
                   column->name, sg_column_type_get_label (column->type));
      return FALSE;
    }
  values = sg_column_get_numbers (column);
  if (rule == SG_OUTLIER_ZSCORE)
    {
      SgColstats stats;

      sg_colstats_moments (values, n, 1, &stats);
      if (stats.n == 0)
        goto empty;
      *low = stats.mean - a * stats.std;
      *high = stats.mean + a * stats.std;
      return TRUE;
    }
  sorted = sg_colstats_sorted (values, n, 1, &m);
  if (m == 0)
    goto empty;
  if (rule == SG_OUTLIER_IQR)
    {
      double q1 = sg_colstats_quantile (sorted, m, 0.25), q3 = sg_colstats_quantile (sorted, m, 0.75);

      *low = q1 - a * (q3 - q1);
      *high = q3 + a * (q3 - q1);
      return TRUE;
    }
  if (!(a >= 0 && a < b && b <= 1))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Percentiles to cap “%s” at must be two fractions between 0 and 1, the lower first"), column->name);
      return FALSE;
    }
  *low = sg_colstats_quantile (sorted, m, a);
  *high = sg_colstats_quantile (sorted, m, b);
  return TRUE;

empty:
  g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("Column “%s” has no values"), column->name);
  return FALSE;
}

guint64
sg_clean_count_outside (const SgColumn *column,
                        double          low,
                        double          high)
{
  const double *values = sg_column_get_numbers (column);
  guint n = sg_column_get_n_rows (column);
  guint64 count = 0;

  for (guint r = 0; r < n; r++)
    if (values[r] < low || values[r] > high)
      count++;
  return count;
}

guint64
sg_clean_cap (SgColumn *column,
              double    low,
              double    high)
{
  guint n = sg_column_get_n_rows (column);
  guint64 count = 0;

  for (guint r = 0; r < n; r++)
    {
      double *v = &g_array_index (column->numbers, double, r);

      if (*v < low)
        {
          *v = low;
          count++;
        }
      else if (*v > high)
        {
          *v = high;
          count++;
        }
    }
  return count;
}

/* ---- one-hot ---- */

static char *
level_of (const SgColumn *column,
          guint           row)
{
  if (sg_column_is_missing (column, row))
    return NULL;
  return sg_column_format_value (column, row);
}

typedef struct {
  guint32 index;
  guint   count;
} LevelCount;

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  const LevelCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

gboolean
sg_clean_fit_one_hot (const SgColumn *column,
                      guint           max_levels,
                      double          min_share,
                      GPtrArray     **levels_out,
                      gboolean       *has_other,
                      GError        **error)
{
  guint n = sg_column_get_n_rows (column);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SgStrMap) map = sg_str_map_new (64);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (LevelCount));
  GPtrArray *levels;
  guint n_present = 0;

  if (column->type == SG_COLUMN_TEXT || column->type == SG_COLUMN_IDENTIFIER)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Column “%s” holds %s values: only categories can be turned into yes/no columns"),
                   column->name, sg_column_type_get_label (column->type));
      return FALSE;
    }
  for (guint r = 0; r < n; r++)
    {
      char *level = level_of (column, r);
      gboolean added;
      guint32 k;

      if (level == NULL)
        continue;
      n_present++;
      g_ptr_array_add (values, level);
      k = sg_str_map_insert (map, level, &added);
      if (added)
        {
          LevelCount entry = { k, 0 };

          g_array_append_val (counts, entry);
        }
      g_array_index (counts, LevelCount, k).count++;
    }
  if (n_present == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("Column “%s” has no values"), column->name);
      return FALSE;
    }
  g_array_sort (counts, compare_levels);
  levels = g_ptr_array_new_with_free_func (g_free);
  *has_other = FALSE;
  for (guint i = 0; i < counts->len; i++)
    {
      const LevelCount *level = &g_array_index (counts, LevelCount, i);

      if (levels->len < MAX (max_levels, 1) && (double) level->count >= min_share * n_present)
        g_ptr_array_add (levels, g_strdup (sg_str_map_key (map, level->index)));
      else
        *has_other = TRUE;
    }
  *levels_out = levels;
  return TRUE;
}

void
sg_clean_apply_one_hot (GPtrArray *columns,
                        guint      index,
                        GPtrArray *levels,
                        gboolean   has_other,
                        double     weight)
{
  SgColumn *column = g_ptr_array_index (columns, index);
  guint n = sg_column_get_n_rows (column);
  guint n_out = levels->len + (has_other ? 1 : 0);
  double value = weight / G_SQRT2;
  g_autoptr(SgStrMap) map = sg_str_map_new (levels->len);
  g_autofree SgColumn **out = g_new0 (SgColumn *, MAX (n_out, 1));

  for (guint i = 0; i < levels->len; i++)
    sg_str_map_insert (map, g_ptr_array_index (levels, i), NULL);
  for (guint i = 0; i < n_out; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s=%s", column->name,
                                               i < levels->len ? (const char *) g_ptr_array_index (levels, i) : _("Other"));

      out[i] = sg_column_new (name, SG_COLUMN_DECIMAL);
      sg_column_set_role (out[i], "one_hot");
      g_array_set_size (out[i]->numbers, n);
      memset (out[i]->numbers->data, 0, n * sizeof (double));
    }
  for (guint r = 0; r < n; r++)
    {
      g_autofree char *level = level_of (column, r);
      guint32 k;

      if (level == NULL)
        continue;
      k = sg_str_map_lookup (map, level);
      if (k != SG_KEY_NONE)
        g_array_index (out[k]->numbers, double, r) = value;
      else if (has_other)
        g_array_index (out[levels->len]->numbers, double, r) = value;
    }
  g_ptr_array_remove_index (columns, index);
  for (guint i = 0; i < n_out; i++)
    g_ptr_array_insert (columns, index + i, out[i]);
}
