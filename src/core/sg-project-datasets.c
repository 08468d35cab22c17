/* sg-project-datasets.c — datasets stored column by column in a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each column is cut into chunks of SG_PROJECT_CHUNK_ROWS rows, one BLOB per chunk:
 *   numeric kinds: the doubles themselves (little-endian, NaN = missing);
 *   string kinds:  u32 n, u32 end[n], u8 missing_bits[(n + 7) / 8], then the UTF-8 bytes.
 * Loading a column for clustering is then a few memcpy()s, and a view can page through a
 * million rows by fetching only the chunks it shows.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-project.h"

#if G_BYTE_ORDER != G_LITTLE_ENDIAN
#error "The project file stores little-endian values; add byte swapping for this platform."
#endif

void
sg_dataset_info_free (SgDatasetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->source);
  g_free (info->kind);
  g_free (info->created);
  g_free (info->report);
  g_clear_pointer (&info->columns, g_ptr_array_unref);
  g_free (info);
}

static void
column_info_free (SgColumnInfo *info)
{
  g_free (info->name);
  g_free (info->role);
  g_free (info);
}

int
sg_dataset_info_lookup_column (SgDatasetInfo *info,
                               const char    *name)
{
  for (guint i = 0; i < info->columns->len; i++)
    if (g_strcmp0 (((SgColumnInfo *) g_ptr_array_index (info->columns, i))->name, name) == 0)
      return (int) i;
  return -1;
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static gboolean
load_column_infos (SgProject     *self,
                   SgDatasetInfo *info,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = sg_project_prepare (self, "SELECT name, type, role, missing FROM columns "
                                   "WHERE dataset_id = ? ORDER BY idx", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, info->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SgColumnInfo *column = g_new0 (SgColumnInfo, 1);

      column->name = dup_column_text (stmt, 0);
      if (!sg_column_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &column->type))
        column->type = SG_COLUMN_TEXT;
      column->role = dup_column_text (stmt, 2);
      column->n_missing = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (info->columns, column);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (self, _("Could not read the dataset’s columns"), error);
  return TRUE;
}

static SgDatasetInfo *
dataset_info_from_row (sqlite3_stmt *stmt)
{
  SgDatasetInfo *info = g_new0 (SgDatasetInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = dup_column_text (stmt, 1);
  info->source = dup_column_text (stmt, 2);
  info->kind = dup_column_text (stmt, 3);
  info->n_rows = sqlite3_column_int64 (stmt, 4);
  info->created = dup_column_text (stmt, 5);
  info->report = dup_column_text (stmt, 6);
  info->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_info_free);
  return info;
}

#define DATASET_FIELDS "id, name, source, kind, n_rows, created, report"

GPtrArray *
sg_project_list_datasets (SgProject  *self,
                          GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_dataset_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  stmt = sg_project_prepare (self, "SELECT " DATASET_FIELDS " FROM datasets ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, dataset_info_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (self, _("Could not list the datasets"), error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_column_infos (self, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

static SgDatasetInfo *
get_dataset_where (SgProject   *self,
                   const char  *where,
                   gint64       id,
                   const char  *name,
                   GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " DATASET_FIELDS " FROM datasets WHERE ", where, NULL);
  g_autoptr(SgDatasetInfo) info = NULL;
  sqlite3_stmt *stmt;

  stmt = sg_project_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    info = dataset_info_from_row (stmt);
  sqlite3_finalize (stmt);

  if (info == NULL)
    {
      if (name != NULL)
        g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no dataset called “%s”"), name);
      else
        g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no dataset %" PRId64), id);
      return NULL;
    }
  if (!load_column_infos (self, info, error))
    return NULL;
  return g_steal_pointer (&info);
}

SgDatasetInfo *
sg_project_get_dataset (SgProject  *self,
                        gint64      dataset_id,
                        GError    **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);
  return get_dataset_where (self, "id = ?", dataset_id, NULL, error);
}

SgDatasetInfo *
sg_project_find_dataset (SgProject   *self,
                         const char  *name_or_id,
                         GError     **error)
{
  SgDatasetInfo *info;
  guint64 id;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  info = get_dataset_where (self, "name = ?", 0, name_or_id, NULL);
  if (info != NULL)
    return info;
  if (g_ascii_string_to_unsigned (name_or_id, 10, 1, G_MAXINT64, &id, NULL))
    return get_dataset_where (self, "id = ?", (gint64) id, NULL, error);
  return get_dataset_where (self, "name = ?", 0, name_or_id, error);
}

static gboolean
dataset_name_taken (SgProject  *self,
                    const char *name)
{
  sqlite3_stmt *stmt = sg_project_prepare (self, "SELECT 1 FROM datasets WHERE name = ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return taken;
}

char *
sg_project_unique_dataset_name (SgProject  *self,
                                const char *base)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  if (!dataset_name_taken (self, base))
    return g_strdup (base);
  for (guint i = 2;; i++)
    {
      char *candidate = g_strdup_printf ("%s (%u)", base, i);

      if (!dataset_name_taken (self, candidate))
        return candidate;
      g_free (candidate);
    }
}

/* Runs one statement that changes exactly one dataset row. */
static gboolean
update_dataset (SgProject   *self,
                const char  *sql,
                gint64       dataset_id,
                const char  *text,
                const char  *what,
                GError     **error)
{
  sqlite3_stmt *stmt = sg_project_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (self, what, error);
  if (sqlite3_changes (sg_project_get_db (self)) == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                   _("There is no dataset %" PRId64), dataset_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
sg_project_rename_dataset (SgProject   *self,
                           gint64       dataset_id,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);

  if (*trimmed == '\0')
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("A dataset needs a name"));
      return FALSE;
    }
  if (dataset_name_taken (self, name))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_EXISTS, _("There is already a dataset called “%s”"), name);
      return FALSE;
    }
  return update_dataset (self, "UPDATE datasets SET name = ?2 WHERE id = ?1",
                         dataset_id, name, _("Could not rename the dataset"), error);
}

gboolean
sg_project_delete_dataset (SgProject   *self,
                           gint64       dataset_id,
                           GError     **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);

  if (!sg_project_begin (self, error))
    return FALSE;
  if (!update_dataset (self, "DELETE FROM datasets WHERE id = ?1 AND ?2 IS NULL",
                       dataset_id, NULL, _("Could not delete the dataset"), error) ||
      !sg_project_commit (self, error))
    {
      sg_project_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
sg_project_set_dataset_report (SgProject   *self,
                               gint64       dataset_id,
                               const char  *report_json,
                               GError     **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);
  return update_dataset (self, "UPDATE datasets SET report = ?2 WHERE id = ?1",
                         dataset_id, report_json, _("Could not save the dataset’s report"), error);
}

gboolean
sg_project_set_column_role (SgProject   *self,
                            gint64       dataset_id,
                            guint        column,
                            const char  *role,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);

  stmt = sg_project_prepare (self, "UPDATE columns SET role = ?3 WHERE dataset_id = ?1 AND idx = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int (stmt, 2, (int) column);
  if (role != NULL)
    sqlite3_bind_text (stmt, 3, role, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (self, _("Could not change the column’s role"), error);
  if (sqlite3_changes (sg_project_get_db (self)) == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("The dataset has no column %u"), column + 1);
      return FALSE;
    }
  return TRUE;
}

/* ---- chunk encoding ---- */

static GBytes *
encode_strings (const SgColumn *column,
                guint           first,
                guint           n)
{
  gsize header = 4 + 4 * (gsize) n + (n + 7) / 8;
  GByteArray *bytes = g_byte_array_sized_new (header + 16 * n);
  guint32 count = n, end = 0;
  guint8 *bits;

  g_byte_array_set_size (bytes, header);
  memcpy (bytes->data, &count, 4);
  bits = bytes->data + 4 + 4 * (gsize) n;
  memset (bits, 0, (n + 7) / 8);
  for (guint i = 0; i < n; i++)
    {
      const char *s = g_ptr_array_index (column->strings, first + i);

      if (s == NULL)
        bits[i / 8] |= 1u << (i % 8);
      else
        {
          gsize len = strlen (s);

          g_byte_array_append (bytes, (const guint8 *) s, len);
          end += len;
        }
      memcpy (bytes->data + 4 + 4 * (gsize) i, &end, 4);
      bits = bytes->data + 4 + 4 * (gsize) n;  /* the append may have moved the buffer */
    }
  return g_byte_array_free_to_bytes (bytes);
}

static gboolean
decode_strings (const guint8 *data,
                gsize         size,
                SgColumn     *column)
{
  guint32 n, start = 0;
  const guint8 *bits;
  const char *text;
  gsize header;

  if (size < 4)
    return FALSE;
  memcpy (&n, data, 4);
  header = 4 + 4 * (gsize) n + (n + 7) / 8;
  if (n > SG_PROJECT_CHUNK_ROWS || size < header)
    return FALSE;
  bits = data + 4 + 4 * (gsize) n;
  text = (const char *) data + header;
  for (guint i = 0; i < n; i++)
    {
      guint32 end;

      memcpy (&end, data + 4 + 4 * (gsize) i, 4);
      if (end < start || header + end > size)
        return FALSE;
      if (bits[i / 8] & (1u << (i % 8)))
        sg_column_append_string (column, NULL);
      else
        sg_column_append_string_len (column, text + start, end - start);
      start = end;
    }
  return TRUE;
}

static gboolean
decode_chunk (const void *data,
              gsize       size,
              SgColumn   *column)
{
  if (column->numbers != NULL)
    {
      const double *values = data;
      gsize n = size / sizeof (double);

      if (size % sizeof (double) != 0 || n > SG_PROJECT_CHUNK_ROWS)
        return FALSE;
      g_array_append_vals (column->numbers, values, n);
      for (gsize i = 0; i < n; i++)
        if (isnan (values[i]))
          column->n_missing++;
      return TRUE;
    }
  return decode_strings (data, size, column);
}

static gboolean
append_chunks (SgProject  *self,
               gint64      dataset_id,
               guint       col,
               gint64      only_chunk,
               SgColumn   *column,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = sg_project_prepare (self, only_chunk < 0
                             ? "SELECT data FROM column_chunks WHERE dataset_id = ?1 AND col = ?2 ORDER BY chunk"
                             : "SELECT data FROM column_chunks WHERE dataset_id = ?1 AND col = ?2 AND chunk = ?3",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_int (stmt, 2, (int) col);
  if (only_chunk >= 0)
    sqlite3_bind_int64 (stmt, 3, only_chunk);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!decode_chunk (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), column))
      {
        sqlite3_finalize (stmt);
        g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                     _("The stored values of column “%s” are damaged"), column->name);
        return FALSE;
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (self, _("Could not read the dataset"), error);
  return TRUE;
}

static SgColumn *
column_for_info (SgColumnInfo *info)
{
  SgColumn *column = sg_column_new (info->name, info->type);

  sg_column_set_role (column, info->role);
  return column;
}

SgTable *
sg_project_load_table (SgProject   *self,
                       gint64       dataset_id,
                       const guint *columns,
                       guint        n_columns,
                       GError     **error)
{
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgTable) table = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  info = sg_project_get_dataset (self, dataset_id, error);
  if (info == NULL)
    return NULL;
  if (columns == NULL)
    n_columns = info->columns->len;

  table = sg_table_new (info->name);
  for (guint i = 0; i < n_columns; i++)
    {
      guint col = columns ? columns[i] : i;
      SgColumn *column;

      if (col >= info->columns->len)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                       _("Dataset “%s” has no column %u"), info->name, col + 1);
          return NULL;
        }
      column = column_for_info (g_ptr_array_index (info->columns, col));
      sg_table_take_column (table, column);
      if (!append_chunks (self, dataset_id, col, -1, column, error))
        return NULL;
      if (sg_column_get_n_rows (column) != info->n_rows)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                       _("Column “%s” of dataset “%s” has %u values instead of %" PRIu64),
                       column->name, info->name, sg_column_get_n_rows (column), info->n_rows);
          return NULL;
        }
    }
  return g_steal_pointer (&table);
}

SgColumn *
sg_project_load_chunk (SgProject  *self,
                       gint64      dataset_id,
                       guint       column,
                       guint       chunk,
                       GError    **error)
{
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgColumn) result = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  info = sg_project_get_dataset (self, dataset_id, error);
  if (info == NULL)
    return NULL;
  if (column >= info->columns->len)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                   _("Dataset “%s” has no column %u"), info->name, column + 1);
      return NULL;
    }
  result = column_for_info (g_ptr_array_index (info->columns, column));
  if (!append_chunks (self, dataset_id, column, chunk, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* ---- writing ---- */

struct _SgDatasetWriter {
  SgProject    *project;
  gint64        dataset_id;
  SgTable      *pending;     /* rows not yet written: fewer than one chunk */
  guint         n_columns;
  guint64      *n_missing;   /* per column, over everything written */
  guint64       n_rows;
  guint         n_chunks;
  sqlite3_stmt *insert;
};

static void
writer_free (SgDatasetWriter *writer)
{
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->pending, sg_table_unref);
  g_clear_object (&writer->project);
  g_free (writer->n_missing);
  g_free (writer);
}

static gint64
insert_dataset_row (SgProject   *self,
                    const char  *name,
                    const char  *kind,
                    const char  *source,
                    GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;
  int rc;

  stmt = sg_project_prepare (self, "INSERT INTO datasets (name, source, kind, chunk_rows, created) "
                                   "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind ? kind : "imported", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, SG_PROJECT_CHUNK_ROWS);
  sqlite3_bind_text (stmt, 5, created, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (self, _("Could not add the dataset"), error);
      return 0;
    }
  return sqlite3_last_insert_rowid (sg_project_get_db (self));
}

static gboolean
insert_column_rows (SgProject  *self,
                    gint64      dataset_id,
                    SgTable    *like,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = sg_project_prepare (self, "INSERT INTO columns (dataset_id, idx, name, type, role) "
                                   "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < sg_table_get_n_columns (like); i++)
    {
      SgColumn *column = sg_table_get_column (like, i);

      sqlite3_bind_int64 (stmt, 1, dataset_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, column->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, sg_column_type_to_string (column->type), -1, SQLITE_STATIC);
      if (column->role != NULL)
        sqlite3_bind_text (stmt, 5, column->role, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 5);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return sg_project_set_sqlite_error (self, _("Could not add the dataset’s columns"), error);
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static SgTable *
empty_like (SgTable *like)
{
  SgTable *table = sg_table_new (sg_table_get_name (like));

  for (guint i = 0; i < sg_table_get_n_columns (like); i++)
    {
      SgColumn *column = sg_table_get_column (like, i);

      sg_column_set_role (sg_table_add_column (table, column->name, column->type), column->role);
    }
  return table;
}

SgDatasetWriter *
sg_dataset_writer_new (SgProject   *self,
                       const char  *name,
                       const char  *kind,
                       const char  *source,
                       SgTable     *columns_like,
                       GError     **error)
{
  SgDatasetWriter *writer;
  guint n_columns;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (columns_like != NULL, NULL);

  n_columns = sg_table_get_n_columns (columns_like);
  if (n_columns == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("A dataset needs at least one column"));
      return NULL;
    }
  if (dataset_name_taken (self, name))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_EXISTS, _("There is already a dataset called “%s”"), name);
      return NULL;
    }
  if (!sg_project_begin (self, error))
    return NULL;

  writer = g_new0 (SgDatasetWriter, 1);
  writer->project = g_object_ref (self);
  writer->pending = empty_like (columns_like);
  writer->n_columns = n_columns;
  writer->n_missing = g_new0 (guint64, n_columns);
  writer->dataset_id = insert_dataset_row (self, name, kind, source, error);
  if (writer->dataset_id == 0 ||
      !insert_column_rows (self, writer->dataset_id, columns_like, error) ||
      (writer->insert = sg_project_prepare (self, "INSERT INTO column_chunks (dataset_id, col, chunk, data) "
                                                  "VALUES (?, ?, ?, ?)", error)) == NULL)
    {
      sg_dataset_writer_abort (writer);
      return NULL;
    }
  return writer;
}

static gboolean
write_pending (SgDatasetWriter  *writer,
               GError          **error)
{
  guint n = writer->pending != NULL ? sg_table_get_n_rows (writer->pending) : 0;

  if (n == 0)
    return TRUE;
  for (guint c = 0; c < sg_table_get_n_columns (writer->pending); c++)
    {
      SgColumn *column = sg_table_get_column (writer->pending, c);
      g_autoptr(GBytes) strings = NULL;
      int rc;

      sqlite3_bind_int64 (writer->insert, 1, writer->dataset_id);
      sqlite3_bind_int (writer->insert, 2, (int) c);
      sqlite3_bind_int (writer->insert, 3, (int) writer->n_chunks);
      if (column->numbers != NULL)
        sqlite3_bind_blob (writer->insert, 4, column->numbers->data, n * sizeof (double), SQLITE_STATIC);
      else
        {
          gsize size;
          const void *data;

          strings = encode_strings (column, 0, n);
          data = g_bytes_get_data (strings, &size);
          sqlite3_bind_blob (writer->insert, 4, data, size, SQLITE_STATIC);
        }
      rc = sqlite3_step (writer->insert);
      sqlite3_reset (writer->insert);
      sqlite3_clear_bindings (writer->insert);
      if (rc != SQLITE_DONE)
        return sg_project_set_sqlite_error (writer->project, _("Could not store the dataset"), error);
      writer->n_missing[c] += column->n_missing;
    }
  writer->n_rows += n;
  writer->n_chunks++;
  g_clear_pointer (&writer->pending, sg_table_unref);
  return TRUE;
}

static void
copy_rows (SgColumn       *to,
           const SgColumn *from,
           guint           first,
           guint           n)
{
  if (from->numbers != NULL)
    {
      const double *values = sg_column_get_numbers (from) + first;

      g_array_append_vals (to->numbers, values, n);
      for (guint i = 0; i < n; i++)
        if (isnan (values[i]))
          to->n_missing++;
    }
  else
    for (guint i = 0; i < n; i++)
      sg_column_append_string (to, g_ptr_array_index (from->strings, first + i));
}

gboolean
sg_dataset_writer_append (SgDatasetWriter  *writer,
                          SgTable          *rows,
                          GError          **error)
{
  guint n_rows, done = 0, n_columns;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!sg_table_check (rows, error))
    return FALSE;
  n_columns = sg_table_get_n_columns (rows);
  n_rows = sg_table_get_n_rows (rows);
  if (n_columns != writer->n_columns)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Rows with %u columns cannot be added to a dataset of %u columns"),
                   n_columns, writer->n_columns);
      return FALSE;
    }

  while (done < n_rows)
    {
      guint room, take;

      if (writer->pending == NULL)
        writer->pending = empty_like (rows);
      room = SG_PROJECT_CHUNK_ROWS - sg_table_get_n_rows (writer->pending);
      take = MIN (room, n_rows - done);
      for (guint c = 0; c < n_columns; c++)
        {
          SgColumn *to = sg_table_get_column (writer->pending, c);
          SgColumn *from = sg_table_get_column (rows, c);

          if (sg_column_is_numeric (to) != sg_column_is_numeric (from))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                           _("Column “%s” changed kind while being stored"), to->name);
              return FALSE;
            }
          copy_rows (to, from, done, take);
        }
      done += take;
      if (sg_table_get_n_rows (writer->pending) == SG_PROJECT_CHUNK_ROWS && !write_pending (writer, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_totals (SgDatasetWriter  *writer,
              const char       *report_json,
              GError          **error)
{
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  stmt = sg_project_prepare (writer->project,
                             "UPDATE columns SET missing = ?3 WHERE dataset_id = ?1 AND idx = ?2", error);
  if (stmt == NULL)
    return FALSE;
  for (guint c = 0; c < writer->n_columns && rc == SQLITE_DONE; c++)
    {
      sqlite3_bind_int64 (stmt, 1, writer->dataset_id);
      sqlite3_bind_int (stmt, 2, (int) c);
      sqlite3_bind_int64 (stmt, 3, (gint64) writer->n_missing[c]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (writer->project, _("Could not store the dataset"), error);

  stmt = sg_project_prepare (writer->project, "UPDATE datasets SET n_rows = ?2, report = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, writer->dataset_id);
  sqlite3_bind_int64 (stmt, 2, (gint64) writer->n_rows);
  if (report_json != NULL)
    sqlite3_bind_text (stmt, 3, report_json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (writer->project, _("Could not store the dataset"), error);
  return TRUE;
}

gint64
sg_dataset_writer_finish (SgDatasetWriter  *writer,
                          const char       *report_json,
                          GError          **error)
{
  gint64 id;

  g_return_val_if_fail (writer != NULL, 0);

  if (!write_pending (writer, error) ||
      !write_totals (writer, report_json, error) ||
      !sg_project_commit (writer->project, error))
    {
      sg_dataset_writer_abort (writer);
      return 0;
    }
  id = writer->dataset_id;
  writer_free (writer);
  return id;
}

void
sg_dataset_writer_abort (SgDatasetWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  sg_project_rollback (writer->project);
  writer_free (writer);
}

gint64
sg_project_store_table (SgProject   *self,
                        SgTable     *table,
                        const char  *kind,
                        const char  *source,
                        const char  *report_json,
                        GError     **error)
{
  SgDatasetWriter *writer;

  g_return_val_if_fail (SG_IS_PROJECT (self), 0);
  g_return_val_if_fail (table != NULL, 0);

  if (!sg_table_check (table, error))
    return 0;
  writer = sg_dataset_writer_new (self, sg_table_get_name (table), kind, source, table, error);
  if (writer == NULL)
    return 0;
  if (!sg_dataset_writer_append (writer, table, error))
    {
      sg_dataset_writer_abort (writer);
      return 0;
    }
  return sg_dataset_writer_finish (writer, report_json, error);
}
