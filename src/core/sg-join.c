/* sg-join.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-join.h"
#include "sg-keymap.h"
#include "sg-prep-util.h"

void
sg_join_report_clear (SgJoinReport *report)
{
  g_clear_pointer (&report->matched, g_free);
  memset (report, 0, sizeof *report);
}

JsonNode *
sg_join_report_to_json (const SgJoinReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
#define ADD(field) json_builder_set_member_name (builder, #field); json_builder_add_int_value (builder, (gint64) report->field)
  ADD (left_rows);
  ADD (right_rows);
  ADD (left_missing_key);
  ADD (left_unmatched);
  ADD (right_missing_key);
  ADD (right_unmatched);
  ADD (right_duplicates);
#undef ADD
  json_builder_set_member_name (builder, "coverage");
  json_builder_add_double_value (builder, report->left_rows > 0
                                 ? (double) (report->left_rows - report->left_unmatched - report->left_missing_key) / (double) report->left_rows
                                 : 0.0);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GStrv
sg_join_report_describe (const SgJoinReport *report,
                         const char         *left_name,
                         const char         *right_name)
{
  GPtrArray *lines = sg_lines_new ();
  guint64 matched = report->left_rows - report->left_unmatched - report->left_missing_key;

  sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " of %" PRIu64 " rows of %s found a match in %s."),
                                               matched, report->left_rows, left_name, right_name));
  if (report->left_unmatched > 0)
    sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " rows of %s have a key that %s does not have: their new columns are empty."),
                                                 report->left_unmatched, left_name, right_name));
  if (report->left_missing_key > 0)
    sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " rows of %s have no key."),
                                                 report->left_missing_key, left_name));
  if (report->right_unmatched > 0)
    sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " keys of %s match no row of %s and were left out."),
                                                 report->right_unmatched, right_name, left_name));
  if (report->right_duplicates > 0)
    sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " rows of %s repeat a key seen before: only the first row of each key was used."),
                                                 report->right_duplicates, right_name));
  if (report->right_missing_key > 0)
    sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " rows of %s have no key and were left out."),
                                                 report->right_missing_key, right_name));
  return sg_lines_end (lines);
}

/* A text key read as a number, or NaN. */
static double
string_as_number (const char *s)
{
  char *end;
  double v;

  if (s == NULL)
    return NAN;
  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return NAN;
  v = g_ascii_strtod (s, &end);
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0' && isfinite (v) ? v : NAN;
}

static gboolean
key_column (SgTable     *table,
            const char  *name,
            SgColumn   **column,
            GError     **error)
{
  int index = sg_table_lookup_column (table, name);

  if (index < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("“%s” has no column “%s”"),
                   sg_table_get_name (table), name);
      return FALSE;
    }
  *column = sg_table_get_column (table, index);
  if ((*column)->type == SG_COLUMN_DATE || (*column)->type == SG_COLUMN_DATETIME)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Column “%s” of “%s” holds dates: choose a customer identifier to join on"),
                   name, sg_table_get_name (table));
      return FALSE;
    }
  return TRUE;
}

static double
numeric_key (SgColumn *column,
             guint     row)
{
  if (sg_column_is_numeric (column))
    return sg_column_get_number (column, row);
  return string_as_number (sg_column_get_string (column, row));
}

static char *
unique_name (SgTable    *table,
             const char *name)
{
  if (sg_table_lookup_column (table, name) < 0)
    return g_strdup (name);
  for (guint i = 2;; i++)
    {
      char *candidate = g_strdup_printf ("%s_%u", name, i);

      if (sg_table_lookup_column (table, candidate) < 0)
        return candidate;
      g_free (candidate);
    }
}

SgTable *
sg_join_left (SgTable       *left,
              const char    *left_key,
              SgTable       *right,
              const char    *right_key,
              SgJoinReport  *report,
              GError       **error)
{
  SgColumn *lk, *rk;
  guint n_left, n_right, rk_index;
  gboolean numeric;
  g_autofree guint32 *right_of_key = NULL;  /* key index → right row */
  g_autofree guint32 *match = NULL;         /* left row → right row or SG_KEY_NONE */
  g_autofree guint8 *used = NULL;           /* key index matched by a left row */
  g_autoptr(SgKeyMap) nmap = NULL;
  g_autoptr(SgStrMap) smap = NULL;
  SgJoinReport local = { 0 };
  SgTable *result;

  g_return_val_if_fail (left != NULL && right != NULL, NULL);

  if (!key_column (left, left_key, &lk, error) || !key_column (right, right_key, &rk, error))
    return NULL;
  rk_index = sg_table_lookup_column (right, right_key);
  n_left = sg_table_get_n_rows (left);
  n_right = sg_table_get_n_rows (right);
  numeric = sg_column_is_numeric (lk) || sg_column_is_numeric (rk);
  local.left_rows = n_left;
  local.right_rows = n_right;

  if (numeric)
    nmap = sg_key_map_new (n_right);
  else
    smap = sg_str_map_new (n_right);
  right_of_key = g_new (guint32, MAX (n_right, 1));
  for (guint r = 0; r < n_right; r++)
    {
      gboolean added;
      guint32 k;

      if (numeric)
        {
          double v = numeric_key (rk, r);

          if (isnan (v))
            {
              local.right_missing_key++;
              continue;
            }
          k = sg_key_map_insert (nmap, sg_double_key (v), &added);
        }
      else
        {
          const char *s = sg_column_get_string (rk, r);

          if (s == NULL)
            {
              local.right_missing_key++;
              continue;
            }
          k = sg_str_map_insert (smap, s, &added);
        }
      if (added)
        right_of_key[k] = r;
      else
        local.right_duplicates++;
    }

  used = g_new0 (guint8, MAX (n_right, 1));
  match = g_new (guint32, MAX (n_left, 1));
  local.matched = g_new0 (guint8, MAX (n_left, 1));
  for (guint r = 0; r < n_left; r++)
    {
      guint32 k;

      match[r] = SG_KEY_NONE;
      if (numeric)
        {
          double v = numeric_key (lk, r);

          if (isnan (v))
            {
              local.left_missing_key++;
              continue;
            }
          k = sg_key_map_lookup (nmap, sg_double_key (v));
        }
      else
        {
          const char *s = sg_column_get_string (lk, r);

          if (s == NULL)
            {
              local.left_missing_key++;
              continue;
            }
          k = sg_str_map_lookup (smap, s);
        }
      if (k == SG_KEY_NONE)
        {
          local.left_unmatched++;
          continue;
        }
      used[k] = 1;
      match[r] = right_of_key[k];
      local.matched[r] = 1;
    }
  for (guint32 k = 0; k < (numeric ? sg_key_map_size (nmap) : sg_str_map_size (smap)); k++)
    if (!used[k])
      local.right_unmatched++;

  result = sg_table_new (sg_table_get_name (left));
  for (guint c = 0; c < sg_table_get_n_columns (left); c++)
    sg_table_take_column (result, sg_column_copy (sg_table_get_column (left, c)));
  for (guint c = 0; c < sg_table_get_n_columns (right); c++)
    {
      SgColumn *from = sg_table_get_column (right, c);
      g_autofree char *name = NULL;
      SgColumn *to;

      if (c == rk_index)
        continue;
      name = unique_name (result, from->name);
      to = sg_table_add_column (result, name, from->type);
      sg_column_set_role (to, from->role);
      if (sg_column_is_numeric (from))
        {
          const double *values = sg_column_get_numbers (from);

          g_array_set_size (to->numbers, n_left);
          for (guint r = 0; r < n_left; r++)
            {
              double v = match[r] != SG_KEY_NONE ? values[match[r]] : NAN;

              g_array_index (to->numbers, double, r) = v;
              if (isnan (v))
                to->n_missing++;
            }
        }
      else
        for (guint r = 0; r < n_left; r++)
          sg_column_append_string (to, match[r] != SG_KEY_NONE ? sg_column_get_string (from, match[r]) : NULL);
    }

  if (report != NULL)
    {
      g_free (report->matched);
      *report = local;
    }
  else
    g_free (local.matched);
  return result;
}
