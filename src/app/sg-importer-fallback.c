/* sg-importer-fallback.c — a minimal stand-in for the engine's CSV importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built only while src/core/sg-importer.c does not exist yet (see src/app/meson.build), so that the
 * app's import flow can be built and tried against the sg-importer.h contract. It reads small files
 * whole, guesses types simply and is not the product's importer: delete it once the engine has one.
 */
#include "config.h"

#define G_LOG_DOMAIN "SgImporterFallback"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sg-async.h"
#include "sg-error.h"
#include "sg-importer.h"

void
sg_import_options_init (SgImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->has_header = -1;
  options->decimal_comma = -1;
}

void
sg_import_options_clear (SgImportOptions *options)
{
  g_clear_pointer (&options->dataset_name, g_free);
  g_clear_pointer (&options->type_overrides, g_hash_table_unref);
}

void
sg_import_options_copy (SgImportOptions       *dest,
                        const SgImportOptions *src)
{
  *dest = *src;
  dest->dataset_name = g_strdup (src->dataset_name);
  dest->type_overrides = NULL;
  if (src->type_overrides != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      dest->type_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, src->type_overrides);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (dest->type_overrides, g_strdup (key), value);
    }
}

void
sg_import_options_set_type (SgImportOptions *options,
                            const char      *column,
                            SgColumnType     type)
{
  if (options->type_overrides == NULL)
    options->type_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (options->type_overrides, g_strdup (column), GINT_TO_POINTER (type + 1));
}

static void
guess_free (SgImportColumnGuess *guess)
{
  g_free (guess->name);
  g_free (guess->note);
  g_free (guess);
}

void
sg_import_preview_free (SgImportPreview *preview)
{
  g_ptr_array_unref (preview->columns);
  g_ptr_array_unref (preview->rows);
  g_ptr_array_unref (preview->warnings);
  g_free (preview);
}

static void
rejection_free (SgImportRejection *rejection)
{
  g_free (rejection->reason);
  g_free (rejection);
}

void
sg_import_report_free (SgImportReport *report)
{
  g_free (report->file);
  g_clear_pointer (&report->rejections, g_ptr_array_unref);
  g_free (report);
}

char *
sg_import_report_to_json (const SgImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, report->file);
  json_builder_set_member_name (builder, "rows_read");
  json_builder_add_int_value (builder, report->rows_read);
  json_builder_set_member_name (builder, "rows_stored");
  json_builder_add_int_value (builder, report->rows_stored);
  json_builder_set_member_name (builder, "rows_rejected");
  json_builder_add_int_value (builder, report->rows_rejected);
  json_builder_set_member_name (builder, "rejections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->rejections->len; i++)
    {
      SgImportRejection *rejection = g_ptr_array_index (report->rejections, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, rejection->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, rejection->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

SgImportReport *
sg_import_report_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  SgImportReport *report;
  JsonObject *object;
  JsonArray *rejections;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_PARSE, "The import report is not an object");
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  report = g_new0 (SgImportReport, 1);
  report->file = g_strdup (json_object_get_string_member_with_default (object, "file", ""));
  report->rows_read = json_object_get_int_member_with_default (object, "rows_read", 0);
  report->rows_stored = json_object_get_int_member_with_default (object, "rows_stored", 0);
  report->rows_rejected = json_object_get_int_member_with_default (object, "rows_rejected", 0);
  report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  rejections = json_object_has_member (object, "rejections")
    ? json_object_get_array_member (object, "rejections") : NULL;
  for (guint i = 0; rejections != NULL && i < json_array_get_length (rejections); i++)
    {
      JsonObject *item = json_array_get_object_element (rejections, i);
      SgImportRejection *rejection = g_new0 (SgImportRejection, 1);

      rejection->line = json_object_get_int_member_with_default (item, "line", 0);
      rejection->reason = g_strdup (json_object_get_string_member_with_default (item, "reason", ""));
      g_ptr_array_add (report->rejections, rejection);
    }
  return report;
}

/* ---- reading ---- */

typedef struct {
  char        delimiter;
  SgEncoding  encoding;
  gboolean    has_header;
  gboolean    decimal_comma;
  SgDateOrder date_order;
  GPtrArray  *records;    /* GStrv */
  GArray     *lines;      /* guint64: line where each record starts */
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->records, g_ptr_array_unref);
  g_clear_pointer (&parsed->lines, g_array_unref);
}

static char *
load_text (const char            *path,
           const SgImportOptions *options,
           SgEncoding            *encoding,
           GError               **error)
{
  g_autofree char *bytes = NULL;
  gsize length;

  if (!g_file_get_contents (path, &bytes, &length, error))
    return NULL;
  if (memchr (bytes, '\0', length) != NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("“%s” is not a text file"), path);
      return NULL;
    }
  if (options->encoding != SG_ENCODING_WINDOWS_1252 && g_utf8_validate (bytes, length, NULL))
    {
      *encoding = SG_ENCODING_UTF8;
      return g_steal_pointer (&bytes);
    }
  *encoding = SG_ENCODING_WINDOWS_1252;
  return g_convert (bytes, length, "UTF-8", "WINDOWS-1252", NULL, NULL, error);
}

static char
sniff_delimiter (const char *text)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  const char *end = strchr (text, '\n');
  gsize n = end != NULL ? (gsize) (end - text) : strlen (text);
  guint best = 0, best_count = 0;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint count = 0;

      for (gsize i = 0; i < n; i++)
        count += text[i] == candidates[c];
      if (count > best_count)
        {
          best = c;
          best_count = count;
        }
    }
  return candidates[best];
}

/* RFC 4180 records: quoted fields may hold delimiters, quotes ("") and newlines. */
static void
split_records (const char *text,
               char        delimiter,
               Parsed     *parsed)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  guint64 line = 1, record_line = 1;
  const char *p = text;

  for (;; p++)
    {
      char ch = *p;

      if (quoted)
        {
          if (ch == '\0')
            quoted = FALSE;
          else if (ch == '"' && p[1] == '"')
            g_string_append_c (field, *++p);
          else if (ch == '"')
            quoted = FALSE;
          else
            {
              line += ch == '\n';
              g_string_append_c (field, ch);
            }
          if (ch != '\0')
            continue;
        }
      if (ch == '"' && field->len == 0)
        quoted = TRUE;
      else if (ch == delimiter)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (ch == '\n' || ch == '\0')
        {
          if (field->len > 0 && field->str[field->len - 1] == '\r')
            g_string_truncate (field, field->len - 1);
          if (fields->len > 0 || field->len > 0)
            {
              g_ptr_array_add (fields, g_strdup (field->str));
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (parsed->records, g_ptr_array_steal (fields, NULL));
              g_array_append_val (parsed->lines, record_line);
            }
          g_string_truncate (field, 0);
          line++;
          record_line = line;
          if (ch == '\0')
            break;
        }
      else
        g_string_append_c (field, ch);
    }
}

static gboolean
parse_number (const char *text,
              gboolean    decimal_comma,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;

  if (copy[0] == '\0')
    return FALSE;
  if (decimal_comma)
    g_strdelimit (copy, ",", '.');
  *value = g_ascii_strtod (copy, &end);
  return *end == '\0';
}

static gboolean
parse_date (const char  *text,
            SgDateOrder  order,
            double      *value,
            gboolean    *has_time)
{
  int a = 0, b = 0, c = 0, hh = 0, mm = 0, ss = 0, day, month, year, n;
  char sep1 = 0, sep2 = 0;
  g_autoptr(GDateTime) date = NULL;

  n = sscanf (text, "%d%c%d%c%d %d:%d:%d", &a, &sep1, &b, &sep2, &c, &hh, &mm, &ss);
  if (n < 5 || sep1 != sep2 || (sep1 != '-' && sep1 != '/' && sep1 != '.'))
    return FALSE;
  if (a > 999)
    year = a, month = b, day = c;
  else if (order == SG_DATE_ORDER_MDY)
    month = a, day = b, year = c;
  else
    day = a, month = b, year = c;
  if (year < 100)
    year += year < 50 ? 2000 : 1900;
  date = g_date_time_new_utc (year, month, day, hh, mm, ss);
  if (date == NULL)
    return FALSE;
  *value = (double) g_date_time_to_unix (date);
  *has_time = n > 5;
  return TRUE;
}

static SgDateOrder
sniff_date_order (Parsed *parsed,
                  guint   column,
                  guint   first,
                  guint   last)
{
  for (guint r = first; r < last; r++)
    {
      char **row = g_ptr_array_index (parsed->records, r);
      int a, b;
      char sep;

      if (column < g_strv_length (row) && sscanf (row[column], "%d%c%d", &a, &sep, &b) == 3 && a <= 999)
        {
          if (a > 12)
            return SG_DATE_ORDER_DMY;
          if (b > 12)
            return SG_DATE_ORDER_MDY;
        }
    }
  return SG_DATE_ORDER_AUTO;
}

static SgImportColumnGuess *
guess_column (Parsed     *parsed,
              const char *name,
              guint       column,
              guint       first,
              guint       last)
{
  SgImportColumnGuess *guess = g_new0 (SgImportColumnGuess, 1);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean all_int = TRUE, all_num = TRUE, all_date = TRUE, any_time = FALSE;
  guint n = 0;

  guess->name = g_strdup (name);
  for (guint r = first; r < last; r++)
    {
      char **row = g_ptr_array_index (parsed->records, r);
      const char *value = column < g_strv_length (row) ? row[column] : "";
      double number;
      gboolean has_time;

      if (value[strspn (value, " ")] == '\0')
        {
          guess->n_missing++;
          continue;
        }
      n++;
      g_hash_table_add (distinct, (gpointer) value);
      if (!parse_number (value, parsed->decimal_comma, &number))
        all_int = all_num = FALSE;
      else if (number != (double) (gint64) number || strchr (value, '.') != NULL)
        all_int = FALSE;
      if (!parse_date (value, parsed->date_order, &number, &has_time))
        all_date = FALSE;
      any_time |= has_time;
    }

  if (n == 0)
    guess->type = SG_COLUMN_TEXT;
  else if (all_date)
    guess->type = any_time ? SG_COLUMN_DATETIME : SG_COLUMN_DATE;
  else if (all_int)
    guess->type = g_hash_table_size (distinct) == n && n > 20 ? SG_COLUMN_IDENTIFIER : SG_COLUMN_INTEGER;
  else if (all_num)
    guess->type = SG_COLUMN_DECIMAL;
  else if (g_hash_table_size (distinct) <= MAX (2, n / 4))
    guess->type = SG_COLUMN_CATEGORICAL;
  else if (g_hash_table_size (distinct) == n)
    guess->type = SG_COLUMN_IDENTIFIER;
  else
    guess->type = SG_COLUMN_TEXT;
  if (all_date && parsed->date_order == SG_DATE_ORDER_AUTO && !any_time)
    {
      guess->ambiguous = TRUE;
      guess->note = g_strdup (_("These dates read the same day first or month first; check the date order."));
    }
  return guess;
}

static gboolean
parse_file (const char            *path,
            const SgImportOptions *options,
            Parsed                *parsed,
            GError               **error)
{
  g_autofree char *text = load_text (path, options, &parsed->encoding, error);
  const char *body;

  if (text == NULL)
    return FALSE;
  body = g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text;
  parsed->delimiter = options->delimiter != 0 ? options->delimiter : sniff_delimiter (body);
  parsed->records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  parsed->lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  split_records (body, parsed->delimiter, parsed);
  if (parsed->records->len == 0)
    {
      g_autofree char *base = g_path_get_basename (path);

      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("“%s” is empty"), base);
      return FALSE;
    }
  parsed->has_header = options->has_header != 0;
  parsed->decimal_comma = options->decimal_comma == 1;
  parsed->date_order = options->date_order;
  return TRUE;
}

static GPtrArray *
guess_columns (Parsed *parsed)
{
  char **header = g_ptr_array_index (parsed->records, 0);
  guint n_columns = g_strv_length (header);
  guint first = parsed->has_header ? 1 : 0;
  guint last = MIN (parsed->records->len, first + 2000);
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) guess_free);

  for (guint c = 0; c < n_columns && parsed->date_order == SG_DATE_ORDER_AUTO; c++)
    parsed->date_order = sniff_date_order (parsed, c, first, last);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *name = parsed->has_header ? g_strdup (header[c]) : g_strdup_printf ("Column %u", c + 1);

      g_ptr_array_add (columns, guess_column (parsed, name, c, first, last));
    }
  return columns;
}

SgImportPreview *
sg_importer_preview (const char             *path,
                     const SgImportOptions  *options,
                     guint                   n_rows,
                     GError                **error)
{
  Parsed parsed = { 0 };
  SgImportPreview *preview;
  guint first;

  if (!parse_file (path, options, &parsed, error))
    {
      parsed_clear (&parsed);
      return NULL;
    }
  preview = g_new0 (SgImportPreview, 1);
  preview->columns = guess_columns (&parsed);
  preview->delimiter = parsed.delimiter;
  preview->encoding = parsed.encoding;
  preview->has_header = parsed.has_header;
  preview->decimal_comma = parsed.decimal_comma;
  preview->date_order = parsed.date_order;
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  preview->warnings = g_ptr_array_new_with_free_func (g_free);
  first = parsed.has_header ? 1 : 0;
  for (guint r = first; r < parsed.records->len && r < first + n_rows; r++)
    g_ptr_array_add (preview->rows, g_strdupv (g_ptr_array_index (parsed.records, r)));
  preview->estimated_rows = parsed.records->len - first;
  if (parsed.encoding == SG_ENCODING_WINDOWS_1252)
    g_ptr_array_add (preview->warnings, g_strdup (_("This file is not in Unicode; it was read as Western "
                                                    "European text (Windows-1252).")));
  parsed_clear (&parsed);
  return preview;
}

static gboolean
append_value (SgColumn    *column,
              const char  *text,
              Parsed      *parsed)
{
  double number;
  gboolean has_time;

  if (text == NULL || text[strspn (text, " ")] == '\0')
    {
      sg_column_append_missing (column);
      return TRUE;
    }
  switch (column->type)
    {
    case SG_COLUMN_DATE:
    case SG_COLUMN_DATETIME:
      if (!parse_date (text, parsed->date_order, &number, &has_time))
        return FALSE;
      sg_column_append_number (column, number);
      return TRUE;
    case SG_COLUMN_INTEGER:
    case SG_COLUMN_DECIMAL:
    case SG_COLUMN_BOOLEAN:
      if (!parse_number (text, parsed->decimal_comma, &number))
        return FALSE;
      sg_column_append_number (column, number);
      return TRUE;
    default:
      sg_column_append_string (column, text);
      return TRUE;
    }
}

gint64
sg_importer_run (SgProject              *project,
                 const char             *path,
                 const SgImportOptions  *options,
                 SgProgress             *progress,
                 SgImportReport        **report_out,
                 GError                **error)
{
  Parsed parsed = { 0 };
  g_autoptr(GPtrArray) guesses = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(SgImportReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gint64 id = 0;
  guint first;

  if (!parse_file (path, options, &parsed, error))
    goto out;
  guesses = guess_columns (&parsed);
  name = options->dataset_name != NULL ? g_strdup (options->dataset_name)
                                       : sg_project_unique_dataset_name (project, base);
  table = sg_table_new (name);
  for (guint c = 0; c < guesses->len; c++)
    {
      SgImportColumnGuess *guess = g_ptr_array_index (guesses, c);
      gpointer type = NULL;

      if (options->type_overrides == NULL ||
          !g_hash_table_lookup_extended (options->type_overrides, guess->name, NULL, &type))
        type = GINT_TO_POINTER (guess->type + 1);
      sg_table_add_column (table, guess->name, GPOINTER_TO_INT (type) - 1);
    }

  report = g_new0 (SgImportReport, 1);
  report->file = g_strdup (path);
  report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  first = parsed.has_header ? 1 : 0;
  for (guint r = first; r < parsed.records->len; r++)
    {
      char **row = g_ptr_array_index (parsed.records, r);
      guint n = g_strv_length (row);
      g_autofree char *reason = NULL;

      if (r % 4096 == 0)
        {
          sg_progress_report (progress, (double) r / parsed.records->len, _("Reading rows"));
          if (!sg_progress_check (progress, error))
            goto out;
        }
      report->rows_read++;
      if (n != guesses->len)
        reason = g_strdup_printf (_("expected %u fields, found %u"), guesses->len, n);
      for (guint c = 0; reason == NULL && c < n; c++)
        {
          SgColumn *column = sg_table_get_column (table, c);
          double number;
          gboolean has_time;
          gboolean ok = row[c][strspn (row[c], " ")] == '\0' ||
                        (sg_column_is_numeric (column)
                         ? (column->type >= SG_COLUMN_DATE ? parse_date (row[c], parsed.date_order, &number, &has_time)
                                                           : parse_number (row[c], parsed.decimal_comma, &number))
                         : TRUE);

          if (!ok)
            reason = g_strdup_printf (_("“%s” in column %s is not a %s"), row[c], column->name,
                                      sg_column_type_get_label (column->type));
        }
      if (reason != NULL)
        {
          SgImportRejection *rejection;

          if (options->on_error == SG_ON_ERROR_STOP)
            {
              g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Line %" G_GUINT64_FORMAT ": %s"),
                           g_array_index (parsed.lines, guint64, r), reason);
              goto out;
            }
          report->rows_rejected++;
          if (report->rejections->len < 100)
            {
              rejection = g_new0 (SgImportRejection, 1);
              rejection->line = g_array_index (parsed.lines, guint64, r);
              rejection->reason = g_steal_pointer (&reason);
              g_ptr_array_add (report->rejections, rejection);
            }
          continue;
        }
      for (guint c = 0; c < n; c++)
        append_value (sg_table_get_column (table, c), row[c], &parsed);
      report->rows_stored++;
    }
  if (!sg_progress_check (progress, error))
    goto out;

  json = sg_import_report_to_json (report);
  id = sg_project_store_table (project, table, "imported", path, json, error);
  if (id != 0 && report_out != NULL)
    *report_out = g_steal_pointer (&report);

out:
  parsed_clear (&parsed);
  return id;
}

typedef struct {
  SgProject       *project;
  char            *path;
  SgImportOptions  options;
} RunJob;

typedef struct {
  gint64          id;
  SgImportReport *report;
} RunResult;

static void
run_job_free (RunJob *job)
{
  g_object_unref (job->project);
  g_free (job->path);
  sg_import_options_clear (&job->options);
  g_free (job);
}

static void
run_result_free (RunResult *result)
{
  g_clear_pointer (&result->report, sg_import_report_free);
  g_free (result);
}

static gpointer
run_work (gpointer     task_data,
          SgProgress  *progress,
          GError     **error)
{
  RunJob *job = task_data;
  g_autoptr(SgProject) own = sg_project_reopen (job->project, error);
  RunResult *result;

  if (own == NULL)
    return NULL;
  result = g_new0 (RunResult, 1);
  result->id = sg_importer_run (own, job->path, &job->options, progress, &result->report, error);
  if (result->id == 0)
    {
      run_result_free (result);
      return NULL;
    }
  return result;
}

void
sg_importer_run_async (SgProject              *project,
                       const char             *path,
                       const SgImportOptions  *options,
                       GCancellable           *cancellable,
                       SgProgressFunc          progress_func,
                       gpointer                progress_data,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  RunJob *job = g_new0 (RunJob, 1);

  job->project = g_object_ref (project);
  job->path = g_strdup (path);
  sg_import_options_copy (&job->options, options);
  sg_async_run (project, sg_importer_run_async, run_work, job, (GDestroyNotify) run_job_free,
                (GDestroyNotify) run_result_free, cancellable, progress_func, progress_data,
                callback, user_data);
}

gint64
sg_importer_run_finish (SgProject       *project,
                        GAsyncResult    *result,
                        SgImportReport **report,
                        GError         **error)
{
  RunResult *run = sg_async_finish (result, sg_importer_run_async, error);
  gint64 id;

  if (run == NULL)
    return 0;
  id = run->id;
  if (report != NULL)
    *report = g_steal_pointer (&run->report);
  run_result_free (run);
  return id;
}
