/* sg-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-table.h"

struct _SgTable {
  char      *name;
  GPtrArray *columns;
};

G_DEFINE_BOXED_TYPE (SgTable, sg_table, sg_table_ref, sg_table_unref)

static const char *const type_names[SG_N_COLUMN_TYPES] = {
  "integer", "decimal", "boolean", "date", "datetime", "categorical", "identifier", "text",
};

const char *
sg_column_type_to_string (SgColumnType type)
{
  g_return_val_if_fail (type < SG_N_COLUMN_TYPES, NULL);
  return type_names[type];
}

gboolean
sg_column_type_from_string (const char   *name,
                            SgColumnType *type)
{
  for (guint i = 0; i < SG_N_COLUMN_TYPES; i++)
    if (g_ascii_strcasecmp (name, type_names[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sg_column_type_get_label (SgColumnType type)
{
  switch (type)
    {
    case SG_COLUMN_INTEGER: return _("Whole number");
    case SG_COLUMN_DECIMAL: return _("Decimal");
    case SG_COLUMN_BOOLEAN: return _("Yes/no");
    case SG_COLUMN_DATE: return _("Date");
    case SG_COLUMN_DATETIME: return _("Date and time");
    case SG_COLUMN_CATEGORICAL: return _("Category");
    case SG_COLUMN_IDENTIFIER: return _("Identifier");
    case SG_COLUMN_TEXT: return _("Text");
    case SG_N_COLUMN_TYPES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
sg_column_type_is_numeric (SgColumnType type)
{
  return type <= SG_COLUMN_DATETIME;
}

SgColumn *
sg_column_new (const char   *name,
               SgColumnType  type)
{
  SgColumn *column = g_new0 (SgColumn, 1);

  g_return_val_if_fail (type < SG_N_COLUMN_TYPES, NULL);

  column->name = g_strdup (name);
  column->type = type;
  if (sg_column_type_is_numeric (type))
    column->numbers = g_array_new (FALSE, FALSE, sizeof (double));
  else
    {
      column->strings = g_ptr_array_new ();
      column->pool = g_string_chunk_new (65536);
    }
  return column;
}

void
sg_column_free (SgColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->role);
  g_clear_pointer (&column->numbers, g_array_unref);
  g_clear_pointer (&column->strings, g_ptr_array_unref);
  g_clear_pointer (&column->pool, g_string_chunk_free);
  g_free (column);
}

SgColumn *
sg_column_copy (const SgColumn *column)
{
  SgColumn *copy = sg_column_new (column->name, column->type);
  guint n = sg_column_get_n_rows (column);

  sg_column_set_role (copy, column->role);
  if (column->numbers != NULL)
    {
      g_array_append_vals (copy->numbers, column->numbers->data, n);
      copy->n_missing = column->n_missing;
    }
  else
    for (guint i = 0; i < n; i++)
      sg_column_append_string (copy, g_ptr_array_index (column->strings, i));
  return copy;
}

guint
sg_column_get_n_rows (const SgColumn *column)
{
  return column->numbers != NULL ? column->numbers->len : column->strings->len;
}

gboolean
sg_column_is_numeric (const SgColumn *column)
{
  return column->numbers != NULL;
}

void
sg_column_set_role (SgColumn   *column,
                    const char *role)
{
  if (role == column->role)
    return;
  g_free (column->role);
  column->role = g_strdup (role);
}

void
sg_column_append_number (SgColumn *column,
                         double    value)
{
  g_return_if_fail (column->numbers != NULL);
  if (isnan (value))
    column->n_missing++;
  g_array_append_val (column->numbers, value);
}

void
sg_column_append_string (SgColumn   *column,
                         const char *value)
{
  const char *stored = NULL;

  g_return_if_fail (column->strings != NULL);
  if (value == NULL)
    column->n_missing++;
  else if (column->type == SG_COLUMN_CATEGORICAL)
    stored = g_string_chunk_insert_const (column->pool, value);  /* few distinct levels: share them */
  else
    stored = g_string_chunk_insert (column->pool, value);
  g_ptr_array_add (column->strings, (gpointer) stored);
}

void
sg_column_append_string_len (SgColumn   *column,
                             const char *value,
                             gsize       length)
{
  g_return_if_fail (column->strings != NULL);
  g_return_if_fail (value != NULL);

  if (column->type == SG_COLUMN_CATEGORICAL)
    {
      /* insert_const hashes a NUL-terminated string: levels are short, copy to the stack when we can */
      char small[256];
      g_autofree char *large = NULL;
      char *copy = length < sizeof small ? small : (large = g_malloc (length + 1));

      memcpy (copy, value, length);
      copy[length] = '\0';
      sg_column_append_string (column, copy);
      return;
    }
  g_ptr_array_add (column->strings, g_string_chunk_insert_len (column->pool, value, (gssize) length));
}

void
sg_column_append_missing (SgColumn *column)
{
  if (column->numbers != NULL)
    sg_column_append_number (column, NAN);
  else
    sg_column_append_string (column, NULL);
}

gboolean
sg_column_is_missing (const SgColumn *column,
                      guint           row)
{
  if (column->numbers != NULL)
    return isnan (g_array_index (column->numbers, double, row));
  return g_ptr_array_index (column->strings, row) == NULL;
}

double
sg_column_get_number (const SgColumn *column,
                      guint           row)
{
  g_return_val_if_fail (column->numbers != NULL, NAN);
  g_return_val_if_fail (row < column->numbers->len, NAN);
  return g_array_index (column->numbers, double, row);
}

const char *
sg_column_get_string (const SgColumn *column,
                      guint           row)
{
  g_return_val_if_fail (column->strings != NULL, NULL);
  g_return_val_if_fail (row < column->strings->len, NULL);
  return g_ptr_array_index (column->strings, row);
}

const double *
sg_column_get_numbers (const SgColumn *column)
{
  g_return_val_if_fail (column->numbers != NULL, NULL);
  return (const double *) column->numbers->data;
}

static char *
format_seconds (double seconds,
                gboolean with_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) floor (seconds));

  if (dt == NULL)
    return g_strdup ("");
  if (!with_time)
    return g_date_time_format (dt, "%Y-%m-%d");
  if (g_date_time_get_second (dt) == 0)
    return g_date_time_format (dt, "%Y-%m-%d %H:%M");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

char *
sg_column_format_value (const SgColumn *column,
                        guint           row)
{
  double v;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (column->strings != NULL)
    return g_strdup (sg_column_get_string (column, row) ?: "");

  v = sg_column_get_number (column, row);
  if (isnan (v))
    return g_strdup ("");
  switch (column->type)
    {
    case SG_COLUMN_BOOLEAN:
      return g_strdup (v != 0 ? _("yes") : _("no"));
    case SG_COLUMN_DATE:
      return format_seconds (v, FALSE);
    case SG_COLUMN_DATETIME:
      return format_seconds (v, TRUE);
    case SG_COLUMN_INTEGER:
      if (fabs (v) < 1e15)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);
      G_GNUC_FALLTHROUGH;
    default:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", v));
    }
}

SgTable *
sg_table_new (const char *name)
{
  SgTable *table = g_atomic_rc_box_new0 (SgTable);

  table->name = g_strdup (name);
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_column_free);
  return table;
}

SgTable *
sg_table_ref (SgTable *table)
{
  return g_atomic_rc_box_acquire (table);
}

static void
table_clear (SgTable *table)
{
  g_free (table->name);
  g_ptr_array_unref (table->columns);
}

void
sg_table_unref (SgTable *table)
{
  g_atomic_rc_box_release_full (table, (GDestroyNotify) table_clear);
}

const char *
sg_table_get_name (SgTable *table)
{
  return table->name;
}

void
sg_table_set_name (SgTable    *table,
                   const char *name)
{
  if (name == table->name)
    return;
  g_free (table->name);
  table->name = g_strdup (name);
}

guint
sg_table_get_n_rows (SgTable *table)
{
  if (table->columns->len == 0)
    return 0;
  return sg_column_get_n_rows (g_ptr_array_index (table->columns, 0));
}

guint
sg_table_get_n_columns (SgTable *table)
{
  return table->columns->len;
}

SgColumn *
sg_table_get_column (SgTable *table,
                     guint    index)
{
  g_return_val_if_fail (index < table->columns->len, NULL);
  return g_ptr_array_index (table->columns, index);
}

int
sg_table_lookup_column (SgTable    *table,
                        const char *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    if (g_strcmp0 (((SgColumn *) g_ptr_array_index (table->columns, i))->name, name) == 0)
      return (int) i;
  return -1;
}

SgColumn *
sg_table_add_column (SgTable      *table,
                     const char   *name,
                     SgColumnType  type)
{
  SgColumn *column = sg_column_new (name, type);

  g_ptr_array_add (table->columns, column);
  return column;
}

void
sg_table_take_column (SgTable  *table,
                      SgColumn *column)
{
  g_ptr_array_add (table->columns, column);
}

gboolean
sg_table_check (SgTable  *table,
                GError  **error)
{
  guint n = sg_table_get_n_rows (table);

  for (guint i = 1; i < table->columns->len; i++)
    {
      SgColumn *column = g_ptr_array_index (table->columns, i);

      if (sg_column_get_n_rows (column) != n)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Column “%s” has %u values where the table has %u rows"),
                       column->name, sg_column_get_n_rows (column), n);
          return FALSE;
        }
    }
  return TRUE;
}
