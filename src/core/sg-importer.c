/* sg-importer.c — CSV preview and import into a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is mapped, never read into the heap whole. Sniffing reads the first records and, for
 * large files, records at 100 points spread over the file (as data.table's fread does), so a
 * column that changes late is seen by the guess or caught by the import. The import cuts the
 * data into blocks of BLOCK_BYTES at line starts, parses a batch of blocks in parallel, checks in
 * order that each block began where the previous one ended (a block that started inside a quoted
 * field is parsed again from the right place), and streams the rows to the dataset writer in
 * order. Memory is bounded by one batch plus the writer's chunk.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sg-async.h"
#include "sg-csv-reader.h"
#include "sg-error.h"
#include "sg-importer.h"
#include "sg-number-parse.h"
#include "sg-parallel.h"
#include "sg-type-infer.h"

#define SAMPLE_ALL_BYTES   (8u << 20)   /* files up to this size are sampled whole */
#define SAMPLE_HEAD_ROWS   1000
#define SAMPLE_POINTS      100
#define SAMPLE_POINT_ROWS  100
#define BLOCK_BYTES        (2u << 20)
#define MAX_REJECTIONS     100
#define MAX_SHOWN_VALUE    40

/* ---- options ---- */

void
sg_import_options_init (SgImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->encoding = SG_ENCODING_AUTO;
  options->has_header = -1;
  options->decimal_comma = -1;
  options->date_order = SG_DATE_ORDER_AUTO;
  options->on_error = SG_ON_ERROR_STOP;
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
  g_return_if_fail (column != NULL && type < SG_N_COLUMN_TYPES);

  if (options->type_overrides == NULL)
    options->type_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (options->type_overrides, g_strdup (column), GINT_TO_POINTER (type + 1));
}

/* ---- names for the report ---- */

static const char *
encoding_name (SgEncoding encoding)
{
  switch (encoding)
    {
    case SG_ENCODING_UTF8: return "utf-8";
    case SG_ENCODING_WINDOWS_1252: return "windows-1252";
    case SG_ENCODING_AUTO:
    default: return "auto";
    }
}

static const char *
date_order_name (SgDateOrder order)
{
  switch (order)
    {
    case SG_DATE_ORDER_DMY: return "dmy";
    case SG_DATE_ORDER_MDY: return "mdy";
    case SG_DATE_ORDER_YMD: return "ymd";
    case SG_DATE_ORDER_AUTO:
    default: return "auto";
    }
}

static char *
delimiter_name (char delimiter)
{
  return delimiter == '\t' ? g_strdup ("\\t") : g_strndup (&delimiter, 1);
}

/* ---- the sniffed shape of a file ---- */

typedef struct {
  GMappedFile   *mapped;
  const char    *path;
  const char    *data;          /* after the BOM */
  const char    *end;
  const char    *data_start;    /* first data record */
  guint64        data_line;
  gboolean       has_bom;
  char           delimiter;
  gboolean       cp1252;
  gboolean       has_header;
  gboolean       decimal_comma;
  SgDateOrder    date_order;    /* for the report: the order used by date columns, or AUTO */
  guint          n_columns;
  GPtrArray     *names;         /* char * */
  GPtrArray     *head;          /* GStrv: the first data records, UTF-8 (for the preview) */
  guint64        n_sample_rows;
  guint64        n_sample_bad;  /* sampled records with a wrong number of fields */
  gboolean       sampled_all;
  guint64        estimated_rows;
  SgColumnStats *stats;
  SgTypeGuess   *guesses;
  GPtrArray     *warnings;
} Sniff;

static void
sniff_free (Sniff *sniff)
{
  if (sniff == NULL)
    return;
  if (sniff->stats != NULL)
    for (guint c = 0; c < sniff->n_columns; c++)
      sg_column_stats_clear (&sniff->stats[c]);
  if (sniff->guesses != NULL)
    for (guint c = 0; c < sniff->n_columns; c++)
      g_free (sniff->guesses[c].note);
  g_free (sniff->stats);
  g_free (sniff->guesses);
  g_clear_pointer (&sniff->names, g_ptr_array_unref);
  g_clear_pointer (&sniff->head, g_ptr_array_unref);
  g_clear_pointer (&sniff->warnings, g_ptr_array_unref);
  g_clear_pointer (&sniff->mapped, g_mapped_file_unref);
  g_free (sniff);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sniff, sniff_free)

static GStrv
record_to_strv (SgCsvReader *reader)
{
  guint n = sg_csv_reader_n_fields (reader);
  GStrv fields = g_new (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const SgCsvField *f = sg_csv_reader_field (reader, i);

      fields[i] = g_strndup (f->data, f->len);
    }
  fields[n] = NULL;
  return fields;
}

static gboolean
strv_valid_utf8 (GStrv fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    if (!g_utf8_validate (fields[i], -1, NULL))
      return FALSE;
  return TRUE;
}

static void
strv_to_utf8 (GStrv    fields,
              gboolean cp1252)
{
  for (guint i = 0; fields[i] != NULL; i++)
    if (sg_csv_has_high_bytes (fields[i], strlen (fields[i])))
      {
        GString *s = g_string_new (NULL);

        sg_csv_append_utf8 (s, fields[i], strlen (fields[i]), cp1252);
        g_free (fields[i]);
        fields[i] = g_string_free (s, FALSE);
      }
}

/* Reads up to @max records from @reader into @records; stops at the end or an unclosed quote. */
static void
read_records (SgCsvReader *reader,
              GPtrArray   *records,
              guint64      max)
{
  for (guint64 i = 0; i < max; i++)
    {
      if (sg_csv_reader_next (reader, NULL) != SG_CSV_RECORD)
        return;
      g_ptr_array_add (records, record_to_strv (reader));
    }
}

static guint
mode_of_counts (GPtrArray *records)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 0, best_count = 0;

  for (guint i = 0; i < records->len; i++)
    {
      guint n = g_strv_length (g_ptr_array_index (records, i));
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (n))) + 1;

      g_hash_table_insert (counts, GUINT_TO_POINTER (n), GUINT_TO_POINTER (k));
      if (k > best_count || (k == best_count && n > best))
        {
          best = n;
          best_count = k;
        }
    }
  return best;
}

static char *
clean_column_name (const char *raw,
                   guint       index)
{
  g_autofree char *name = g_strstrip (g_strdup (raw ? raw : ""));

  g_strdelimit (name, "\r\n\t", ' ');
  if (*name == '\0')
    return g_strdup_printf (_("Column %u"), index + 1);
  return g_steal_pointer (&name);
}

static GPtrArray *
make_names (GStrv header,
            guint n_columns)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; c < n_columns; c++)
    {
      const char *raw = header != NULL && c < g_strv_length (header) ? header[c] : NULL;
      char *name = clean_column_name (raw, c);

      if (g_hash_table_contains (taken, name))
        {
          for (guint k = 2;; k++)
            {
              char *candidate = g_strdup_printf ("%s (%u)", name, k);

              if (!g_hash_table_contains (taken, candidate))
                {
                  g_free (name);
                  name = candidate;
                  break;
                }
              g_free (candidate);
            }
        }
      g_ptr_array_add (names, name);
      g_hash_table_add (taken, name);
    }
  return names;
}

/* Does @value fail to be what the column's sample says (so it is a header, not data)? */
static gboolean
value_contradicts (const char   *value,
                   SgTypeGuess  *guess,
                   gboolean      decimal_comma)
{
  gsize len = strlen (value);
  double number;

  if (sg_value_is_missing (value, len))
    return FALSE;
  switch (guess->type)
    {
    case SG_COLUMN_INTEGER:
    case SG_COLUMN_DECIMAL:
      return !sg_parse_double (value, len, decimal_comma ? ',' : '.', &number, NULL);
    case SG_COLUMN_BOOLEAN:
      return sg_parse_boolean (value, len) < 0;
    case SG_COLUMN_DATE:
    case SG_COLUMN_DATETIME:
      return sg_date_orders (value, len, NULL) == 0;
    default:
      return FALSE;
    }
}

static void
guess_all (Sniff       *sniff,
           SgDateOrder  date_order)
{
  if (sniff->guesses != NULL)
    for (guint c = 0; c < sniff->n_columns; c++)
      g_free (sniff->guesses[c].note);
  g_free (sniff->guesses);
  sniff->guesses = g_new0 (SgTypeGuess, sniff->n_columns);
  for (guint c = 0; c < sniff->n_columns; c++)
    sg_column_stats_guess (&sniff->stats[c], g_ptr_array_index (sniff->names, c) ?: "",
                           sniff->decimal_comma, date_order, &sniff->guesses[c]);
}

static Sniff *
sniff_file (const char             *path,
            const SgImportOptions  *options,
            GError                **error)
{
  g_autoptr(Sniff) sniff = g_new0 (Sniff, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) names_for_guess = NULL;
  SgCsvReader reader;
  GStrv first;
  gsize size;
  guint64 first_end_line;
  const char *first_end;
  gboolean all_utf8 = TRUE;
  gboolean any_numeric = FALSE, contradiction = FALSE, seen_elsewhere = FALSE;

  sniff->path = path;
  sniff->warnings = g_ptr_array_new_with_free_func (g_free);
  sniff->mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (sniff->mapped == NULL)
    {
      g_set_error (error, SG_ERROR, g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                                    ? SG_ERROR_NOT_FOUND : SG_ERROR_IO,
                   _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  size = g_mapped_file_get_length (sniff->mapped);
  sniff->data = g_mapped_file_get_contents (sniff->mapped);
  if (sniff->data == NULL)
    size = 0;
  sniff->end = sniff->data + size;
  if (size >= 3 && memcmp (sniff->data, "\xEF\xBB\xBF", 3) == 0)
    {
      sniff->has_bom = TRUE;
      sniff->data += 3;
    }

  sniff->delimiter = options->delimiter;
  if (sniff->delimiter == 0)
    sniff->delimiter = sg_csv_sniff_delimiter (sniff->data, MIN ((gsize) (sniff->end - sniff->data), 65536));
  if (sniff->delimiter == 0)
    sniff->delimiter = ',';

  /* The first record (header or data), then the sample. */
  sg_csv_reader_init (&reader, sniff->data, sniff->end - sniff->data, sniff->delimiter, 1);
  if (sg_csv_reader_next (&reader, NULL) != SG_CSV_RECORD)
    {
      sg_csv_reader_clear (&reader);
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("“%s” is empty"), display);
      return NULL;
    }
  g_ptr_array_add (records, record_to_strv (&reader));
  first_end = reader.pos;
  first_end_line = reader.line;
  sniff->sampled_all = (gsize) (sniff->end - sniff->data) <= SAMPLE_ALL_BYTES;
  read_records (&reader, records, sniff->sampled_all ? G_MAXUINT64 : SAMPLE_HEAD_ROWS);
  sg_csv_reader_clear (&reader);

  sniff->n_columns = mode_of_counts (records);
  if (!sniff->sampled_all)
    {
      const char *from = first_end;
      gsize span = sniff->end - first_end;
      guint64 sampled_bytes = 0;

      for (guint point = 1; point <= SAMPLE_POINTS; point++)
        {
          const char *at = from + (gsize) ((double) span * point / (SAMPLE_POINTS + 1));

          for (guint attempt = 0; attempt < 10 && at < sniff->end; attempt++)
            {
              g_autoptr(GPtrArray) probe = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
              gboolean aligned = TRUE;

              at = sg_csv_next_line_start (at, sniff->data, sniff->end);
              sg_csv_reader_init (&reader, at, sniff->end - at, sniff->delimiter, 1);
              read_records (&reader, probe, SAMPLE_POINT_ROWS);
              sg_csv_reader_clear (&reader);
              for (guint i = 0; i < MIN (probe->len, 3u); i++)
                if (g_strv_length (g_ptr_array_index (probe, i)) != sniff->n_columns)
                  aligned = FALSE;
              if (aligned)
                {
                  for (guint i = 0; i < probe->len; i++)
                    g_ptr_array_add (records, g_steal_pointer (&probe->pdata[i]));
                  break;
                }
              at++;
            }
        }
      /* Estimate the rows from the bytes per record over the whole sample. */
      for (guint i = 1; i < records->len; i++)
        for (GStrv f = g_ptr_array_index (records, i); *f != NULL; f++)
          sampled_bytes += strlen (*f) + 1;
      sniff->estimated_rows = (guint64) ((double) (sniff->end - first_end) /
                                         MAX (1.0, (double) sampled_bytes / MAX (1u, records->len - 1)));
    }

  /* Encoding. */
  if (options->encoding == SG_ENCODING_AUTO)
    {
      if (!sniff->has_bom)
        for (guint i = 0; i < records->len && all_utf8; i++)
          all_utf8 = strv_valid_utf8 (g_ptr_array_index (records, i));
      sniff->cp1252 = !all_utf8;
      if (sniff->cp1252)
        g_ptr_array_add (sniff->warnings,
                         g_strdup (_("The file is not UTF-8: it was read as Windows-1252 (Latin-1).")));
    }
  else
    sniff->cp1252 = options->encoding == SG_ENCODING_WINDOWS_1252;
  for (guint i = 0; i < records->len; i++)
    strv_to_utf8 (g_ptr_array_index (records, i), sniff->cp1252);

  /* Statistics of the records after the first, per column. */
  sniff->stats = g_new0 (SgColumnStats, sniff->n_columns);
  for (guint c = 0; c < sniff->n_columns; c++)
    sg_column_stats_init (&sniff->stats[c]);
  for (guint i = 1; i < records->len; i++)
    {
      GStrv fields = g_ptr_array_index (records, i);

      if (g_strv_length (fields) != sniff->n_columns)
        {
          sniff->n_sample_bad++;
          continue;
        }
      sniff->n_sample_rows++;
      for (guint c = 0; c < sniff->n_columns; c++)
        sg_column_stats_add (&sniff->stats[c], fields[c], strlen (fields[c]));
    }

  /* Decimal comma: only with ';' (a ',' delimiter cannot have it unquoted), and only when a column
   * is all numbers once ',' is the decimal point, with some written like 1,5. */
  if (options->decimal_comma >= 0)
    sniff->decimal_comma = options->decimal_comma != 0;
  else if (sniff->delimiter != ',')
    for (guint c = 0; c < sniff->n_columns; c++)
      {
        SgColumnStats *s = &sniff->stats[c];

        if (s->n_values > 0 && s->n_comma_decimal > 0 && s->n_number_comma == s->n_values)
          sniff->decimal_comma = TRUE;
      }

  /* Header: a first record whose value contradicts its column's type, or (all text) whose values
   * appear nowhere else in their columns. */
  first = g_ptr_array_index (records, 0);
  names_for_guess = make_names (NULL, sniff->n_columns);
  sniff->names = g_ptr_array_ref (names_for_guess);
  guess_all (sniff, options->date_order);
  for (guint c = 0; c < sniff->n_columns && first[c] != NULL; c++)
    {
      SgTypeGuess *g = &sniff->guesses[c];

      if (sniff->stats[c].n_values == 0)
        continue;
      if (sg_column_type_is_numeric (g->type))
        {
          any_numeric = TRUE;
          if (value_contradicts (first[c], g, sniff->decimal_comma))
            contradiction = TRUE;
        }
      else if (g_hash_table_contains (sniff->stats[c].distinct, first[c]))
        seen_elsewhere = TRUE;
    }
  if (options->has_header >= 0)
    sniff->has_header = options->has_header != 0;
  else if (records->len == 1)
    sniff->has_header = TRUE;
  else
    sniff->has_header = contradiction || (!any_numeric && !seen_elsewhere);

  if (sniff->has_header)
    {
      sniff->data_start = first_end;
      sniff->data_line = first_end_line;
    }
  else
    {
      sniff->data_start = sniff->data;
      sniff->data_line = 1;
      if (g_strv_length (first) == sniff->n_columns)
        {
          sniff->n_sample_rows++;
          for (guint c = 0; c < sniff->n_columns; c++)
            sg_column_stats_add (&sniff->stats[c], first[c], strlen (first[c]));
        }
    }
  g_clear_pointer (&sniff->names, g_ptr_array_unref);
  sniff->names = make_names (sniff->has_header ? first : NULL, sniff->n_columns);
  guess_all (sniff, options->date_order);

  if (sniff->sampled_all)
    sniff->estimated_rows = records->len - (sniff->has_header ? 1 : 0);

  /* The first data records, for the preview. */
  sniff->head = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = sniff->has_header ? 1 : 0; i < records->len && sniff->head->len < 200; i++)
    g_ptr_array_add (sniff->head, g_strdupv (g_ptr_array_index (records, i)));

  if (sniff->n_sample_bad > 0)
    g_ptr_array_add (sniff->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%" PRIu64 " sampled row does not have %u fields.",
                                                   "%" PRIu64 " sampled rows do not have %u fields.",
                                                   sniff->n_sample_bad),
                                      sniff->n_sample_bad, sniff->n_columns));
  return g_steal_pointer (&sniff);
}

/* The type, order and role of each column once the user's choices are applied. */
typedef struct {
  SgColumnType type;
  SgDateOrder  date_order;
  const char  *role;
  gboolean     ambiguous;
  gboolean     read;        /* FALSE: skipped (matrix mode) */
} Plan;

/* Unless @strict, overrides that name no column are ignored (the preview, while options change). */
static gboolean
apply_overrides (Sniff                 *sniff,
                 const SgImportOptions *options,
                 Plan                  *plans,
                 gboolean               strict,
                 GError               **error)
{
  for (guint c = 0; c < sniff->n_columns; c++)
    {
      SgTypeGuess *g = &sniff->guesses[c];

      plans[c].type = g->type;
      plans[c].date_order = g->date_order;
      plans[c].role = g->role;
      plans[c].ambiguous = g->ambiguous;
      plans[c].read = TRUE;
    }
  if (options->type_overrides != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, options->type_overrides);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          int type = GPOINTER_TO_INT (value) - 1;
          guint c;

          for (c = 0; c < sniff->n_columns; c++)
            if (strcmp (g_ptr_array_index (sniff->names, c), key) == 0)
              break;
          if (c == sniff->n_columns)
            {
              if (!strict)
                continue;
              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                           _("The file has no column called “%s”"), (const char *) key);
              return FALSE;
            }
          if (type < 0 || type >= SG_N_COLUMN_TYPES)
            continue;
          plans[c].type = type;
          if (type == SG_COLUMN_DATE || type == SG_COLUMN_DATETIME)
            {
              if (plans[c].date_order == SG_DATE_ORDER_AUTO && options->date_order != SG_DATE_ORDER_AUTO)
                plans[c].date_order = options->date_order;
              else if (plans[c].date_order == SG_DATE_ORDER_AUTO && !plans[c].ambiguous)
                plans[c].date_order = SG_DATE_ORDER_YMD;
            }
          else
            plans[c].ambiguous = FALSE;
          if (type != SG_COLUMN_IDENTIFIER && g_strcmp0 (plans[c].role, "id") == 0 &&
              sniff->guesses[c].type == SG_COLUMN_IDENTIFIER)
            plans[c].role = NULL;
          if (type == SG_COLUMN_IDENTIFIER && plans[c].role == NULL)
            plans[c].role = "id";
        }
    }
  return TRUE;
}

/* ---- preview ---- */

SgImportPreview *
sg_importer_preview (const char             *path,
                     const SgImportOptions  *options,
                     guint                   n_rows,
                     GError                **error)
{
  SgImportOptions defaults;
  g_autoptr(Sniff) sniff = NULL;
  g_autofree Plan *plans = NULL;
  SgImportPreview *preview;

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    {
      sg_import_options_init (&defaults);
      options = &defaults;
    }
  sniff = sniff_file (path, options, error);
  if (sniff == NULL)
    return NULL;
  plans = g_new0 (Plan, sniff->n_columns);
  apply_overrides (sniff, options, plans, FALSE, NULL);

  preview = g_new0 (SgImportPreview, 1);
  preview->delimiter = sniff->delimiter;
  preview->encoding = sniff->cp1252 ? SG_ENCODING_WINDOWS_1252 : SG_ENCODING_UTF8;
  preview->has_bom = sniff->has_bom;
  preview->has_header = sniff->has_header;
  preview->decimal_comma = sniff->decimal_comma;
  preview->date_order = options->date_order;
  preview->estimated_rows = sniff->estimated_rows;
  preview->columns = g_ptr_array_new_with_free_func (g_free);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  preview->warnings = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < sniff->n_columns; c++)
    {
      SgImportColumnGuess *column = g_new0 (SgImportColumnGuess, 1);
      const char *name = g_ptr_array_index (sniff->names, c);

      column->name = g_strdup (name);
      column->type = plans[c].type;
      column->n_missing = sniff->stats[c].n_missing;
      column->ambiguous = plans[c].ambiguous;
      column->note = g_strdup (sniff->guesses[c].note);
      g_ptr_array_add (preview->columns, column);
      if (plans[c].ambiguous)
        g_ptr_array_add (preview->warnings,
                         g_strdup_printf (_("Column “%s”: every date reads both as day/month and as month/day; "
                                            "choose the date order."), name));
      if (preview->date_order == SG_DATE_ORDER_AUTO && !plans[c].ambiguous &&
          (plans[c].type == SG_COLUMN_DATE || plans[c].type == SG_COLUMN_DATETIME) &&
          plans[c].date_order != SG_DATE_ORDER_YMD)
        preview->date_order = plans[c].date_order;
    }
  for (guint i = 0; i < sniff->warnings->len; i++)
    g_ptr_array_add (preview->warnings, g_strdup (g_ptr_array_index (sniff->warnings, i)));
  for (guint i = 0; i < sniff->head->len && i < n_rows; i++)
    {
      GStrv fields = g_ptr_array_index (sniff->head, i);
      guint n = g_strv_length (fields);
      GStrv row = g_new0 (char *, sniff->n_columns + 1);

      for (guint c = 0; c < sniff->n_columns; c++)
        row[c] = g_strdup (c < n ? fields[c] : "");
      g_ptr_array_add (preview->rows, row);
    }
  return preview;
}

static void
column_guess_free (SgImportColumnGuess *guess)
{
  g_free (guess->name);
  g_free (guess->note);
  g_free (guess);
}

void
sg_import_preview_free (SgImportPreview *preview)
{
  if (preview == NULL)
    return;
  if (preview->columns != NULL)
    {
      g_ptr_array_set_free_func (preview->columns, (GDestroyNotify) column_guess_free);
      g_ptr_array_unref (preview->columns);
    }
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->warnings, g_ptr_array_unref);
  g_free (preview);
}

/* ---- the report ---- */

static void
rejection_free (SgImportRejection *rejection)
{
  g_free (rejection->reason);
  g_free (rejection);
}

static SgImportReport *
report_new (void)
{
  SgImportReport *report = g_new0 (SgImportReport, 1);

  report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
sg_import_report_free (SgImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file);
  g_clear_pointer (&report->rejections, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

char *
sg_import_report_to_json (const SgImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *delimiter = delimiter_name (report->delimiter);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, report->file ? report->file : "");
  json_builder_set_member_name (builder, "delimiter");
  json_builder_add_string_value (builder, delimiter);
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, encoding_name (report->encoding));
  json_builder_set_member_name (builder, "has_header");
  json_builder_add_boolean_value (builder, report->has_header);
  json_builder_set_member_name (builder, "decimal_comma");
  json_builder_add_boolean_value (builder, report->decimal_comma);
  json_builder_set_member_name (builder, "date_order");
  json_builder_add_string_value (builder, date_order_name (report->date_order));
  json_builder_set_member_name (builder, "on_error");
  json_builder_add_string_value (builder, report->on_error == SG_ON_ERROR_SKIP ? "skip" : "stop");
  json_builder_set_member_name (builder, "rows_read");
  json_builder_add_int_value (builder, (gint64) report->rows_read);
  json_builder_set_member_name (builder, "rows_stored");
  json_builder_add_int_value (builder, (gint64) report->rows_stored);
  json_builder_set_member_name (builder, "rows_rejected");
  json_builder_add_int_value (builder, (gint64) report->rows_rejected);
  json_builder_set_member_name (builder, "rejections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->rejections->len; i++)
    {
      SgImportRejection *r = g_ptr_array_index (report->rejections, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, (gint64) r->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, r->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; report->warnings != NULL && i < report->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->warnings, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, report->seconds);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

SgImportReport *
sg_import_report_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonArray *array;
  const char *text;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The import report is not valid: %s"),
                   local_error ? local_error->message : _("not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  report = report_new ();
  report->file = g_strdup (json_object_get_string_member_with_default (object, "file", ""));
  text = json_object_get_string_member_with_default (object, "delimiter", ",");
  report->delimiter = g_strcmp0 (text, "\\t") == 0 ? '\t' : text[0];
  text = json_object_get_string_member_with_default (object, "encoding", "");
  report->encoding = g_strcmp0 (text, "utf-8") == 0 ? SG_ENCODING_UTF8
                     : g_strcmp0 (text, "windows-1252") == 0 ? SG_ENCODING_WINDOWS_1252 : SG_ENCODING_AUTO;
  report->has_header = json_object_get_boolean_member_with_default (object, "has_header", TRUE);
  report->decimal_comma = json_object_get_boolean_member_with_default (object, "decimal_comma", FALSE);
  text = json_object_get_string_member_with_default (object, "date_order", "auto");
  report->date_order = g_strcmp0 (text, "dmy") == 0 ? SG_DATE_ORDER_DMY
                       : g_strcmp0 (text, "mdy") == 0 ? SG_DATE_ORDER_MDY
                       : g_strcmp0 (text, "ymd") == 0 ? SG_DATE_ORDER_YMD : SG_DATE_ORDER_AUTO;
  text = json_object_get_string_member_with_default (object, "on_error", "stop");
  report->on_error = g_strcmp0 (text, "skip") == 0 ? SG_ON_ERROR_SKIP : SG_ON_ERROR_STOP;
  report->rows_read = json_object_get_int_member_with_default (object, "rows_read", 0);
  report->rows_stored = json_object_get_int_member_with_default (object, "rows_stored", 0);
  report->rows_rejected = json_object_get_int_member_with_default (object, "rows_rejected", 0);
  report->seconds = json_object_get_double_member_with_default (object, "seconds", 0);
  array = json_object_has_member (object, "rejections") ? json_object_get_array_member (object, "rejections") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      SgImportRejection *r;

      if (item == NULL)
        continue;
      r = g_new0 (SgImportRejection, 1);
      r->line = json_object_get_int_member_with_default (item, "line", 0);
      r->reason = g_strdup (json_object_get_string_member_with_default (item, "reason", ""));
      g_ptr_array_add (report->rejections, r);
    }
  array = json_object_has_member (object, "warnings") ? json_object_get_array_member (object, "warnings") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *w = json_array_get_string_element (array, i);

      if (w != NULL)
        g_ptr_array_add (report->warnings, g_strdup (w));
    }
  return g_steal_pointer (&report);
}

/* ---- parsing blocks of rows ---- */

enum {
  WIDEN_DECIMAL  = 1 << 0,
  WIDEN_DATETIME = 1 << 1,
};

typedef struct {
  guint64  line;     /* relative to the block's first line */
  char    *reason;
} LocalRejection;

typedef struct {
  const char *start;
  const char *limit;      /* the block holds the records that start before this */
  const char *end;        /* where its last record ended */
  guint64     n_lines;
  guint64     n_read;
  guint64     n_rejected;
  guint64     n_bad_utf8;
  GArray     *rejections; /* LocalRejection */
  SgTable    *table;      /* the rows read, columns with plan.read only */
  guint8     *widened;
} Block;

typedef struct {
  Sniff      *sniff;
  Plan       *plans;
  guint       n_columns;
  gboolean    stop_on_error;
  double      bytes_per_row;
} ParseContext;

static void
block_clear (Block *block)
{
  if (block->rejections != NULL)
    {
      for (guint i = 0; i < block->rejections->len; i++)
        g_free (g_array_index (block->rejections, LocalRejection, i).reason);
      g_array_unref (block->rejections);
    }
  g_clear_pointer (&block->table, sg_table_unref);
  g_free (block->widened);
  block->rejections = NULL;
  block->widened = NULL;
}

/* The value as shown in a reason: UTF-8, trimmed, at most MAX_SHOWN_VALUE characters. */
static char *
shown_value (const SgCsvField *field,
             gboolean          cp1252)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char *text;

  sg_csv_append_utf8 (s, field->data, field->len, cp1252);
  text = g_strstrip (g_string_free (g_steal_pointer (&s), FALSE));
  if (g_utf8_strlen (text, -1) > MAX_SHOWN_VALUE)
    {
      char *cut = g_utf8_offset_to_pointer (text, MAX_SHOWN_VALUE);
      char *shorter;

      *cut = '\0';
      shorter = g_strconcat (text, "…", NULL);
      g_free (text);
      text = shorter;
    }
  return text;
}

static void
reject (Block   *block,
        guint64  line,
        char    *reason)
{
  block->n_rejected++;
  if (block->rejections->len < MAX_REJECTIONS)
    {
      LocalRejection r = { line, reason };

      g_array_append_val (block->rejections, r);
    }
  else
    g_free (reason);
}

static char *
bad_value_reason (ParseContext     *ctx,
                  guint             c,
                  const SgCsvField *field)
{
  g_autofree char *value = shown_value (field, ctx->sniff->cp1252);
  const char *name = g_ptr_array_index (ctx->sniff->names, c);

  switch (ctx->plans[c].type)
    {
    case SG_COLUMN_INTEGER:
      return g_strdup_printf (_("“%s” in column %s is not a whole number"), value, name);
    case SG_COLUMN_BOOLEAN:
      return g_strdup_printf (_("“%s” in column %s is not a yes/no value"), value, name);
    case SG_COLUMN_DATE:
    case SG_COLUMN_DATETIME:
      return g_strdup_printf (_("“%s” in column %s is not a date"), value, name);
    case SG_COLUMN_DECIMAL:
    default:
      return g_strdup_printf (_("“%s” in column %s is not a number"), value, name);
    }
}

static gboolean
extra_fields_empty (SgCsvReader *reader,
                    guint        from)
{
  for (guint i = from; i < sg_csv_reader_n_fields (reader); i++)
    {
      const SgCsvField *f = sg_csv_reader_field (reader, i);

      for (gsize k = 0; k < f->len; k++)
        if (f->data[k] != ' ' && f->data[k] != '\t')
          return FALSE;
    }
  return TRUE;
}

static void
parse_block (ParseContext *ctx,
             Block        *block,
             const char   *start)
{
  Sniff *sniff = ctx->sniff;
  const guint n_columns = ctx->n_columns;
  const char decimal_point = sniff->decimal_comma ? ',' : '.';
  const gboolean cp1252 = sniff->cp1252;
  g_autofree SgColumn **columns = g_new0 (SgColumn *, n_columns);
  g_autofree double **numbers = g_new0 (double *, n_columns);
  g_autofree const char **strings = g_new0 (const char *, n_columns);
  g_autoptr(GString) scratch = g_string_new (NULL);
  SgCsvReader reader;
  guint64 capacity, n_rows = 0, line = 0;

  block->start = start;
  block->rejections = g_array_new (FALSE, FALSE, sizeof (LocalRejection));
  block->widened = g_new0 (guint8, n_columns);
  block->table = sg_table_new (NULL);
  capacity = (guint64) ((double) (block->limit - start) / ctx->bytes_per_row * 1.25) + 64;
  for (guint c = 0; c < n_columns; c++)
    if (ctx->plans[c].read)
      {
        columns[c] = sg_table_add_column (block->table, g_ptr_array_index (sniff->names, c), ctx->plans[c].type);
        if (columns[c]->numbers != NULL)
          {
            g_array_set_size (columns[c]->numbers, capacity);
            numbers[c] = (double *) (void *) columns[c]->numbers->data;
          }
      }

  sg_csv_reader_init (&reader, start, sniff->end - start, sniff->delimiter, 0);
  for (;;)
    {
      SgCsvStatus status;
      guint n_fields;
      gboolean ok = TRUE;

      sg_csv_reader_skip_blank (&reader);
      if (reader.pos >= block->limit)
        break;
      status = sg_csv_reader_next (&reader, &line);
      if (status == SG_CSV_END)
        break;
      block->n_read++;
      if (status == SG_CSV_UNCLOSED_QUOTE)
        {
          reject (block, line, g_strdup (_("a quoted field is not closed before the end of the file")));
          break;
        }
      n_fields = sg_csv_reader_n_fields (&reader);
      if (n_fields != n_columns && (n_fields < n_columns || !extra_fields_empty (&reader, n_columns)))
        {
          reject (block, line, g_strdup_printf (_("expected %u fields, found %u"), n_columns, n_fields));
          if (ctx->stop_on_error)
            break;
          continue;
        }
      if (n_rows == capacity)
        {
          capacity *= 2;
          for (guint c = 0; c < n_columns; c++)
            if (numbers[c] != NULL)
              {
                g_array_set_size (columns[c]->numbers, capacity);
                numbers[c] = (double *) (void *) columns[c]->numbers->data;
              }
        }

      for (guint c = 0; c < n_columns && ok; c++)
        {
          const SgCsvField *f;
          double v;
          gboolean is_integer, has_time;

          if (columns[c] == NULL)
            continue;
          f = sg_csv_reader_field (&reader, c);
          switch (ctx->plans[c].type)
            {
            case SG_COLUMN_INTEGER:
            case SG_COLUMN_DECIMAL:
              if (f->len == 0)
                v = NAN;
              else if (sg_parse_double_inline (f->data, f->len, decimal_point, &v, &is_integer))
                {
                  if (ctx->plans[c].type == SG_COLUMN_INTEGER && (!is_integer || fabs (v) > 9007199254740992.0))
                    block->widened[c] |= WIDEN_DECIMAL;
                }
              else if (sg_value_is_missing (f->data, f->len))
                v = NAN;
              else
                ok = FALSE;
              numbers[c][n_rows] = v;
              break;
            case SG_COLUMN_BOOLEAN:
              {
                int b = sg_parse_boolean (f->data, f->len);

                if (b < 0 && !sg_value_is_missing (f->data, f->len))
                  {
                    /* 0 and 1 read as no and yes. */
                    if (sg_parse_double (f->data, f->len, '.', &v, NULL) && (v == 0 || v == 1))
                      b = (int) v;
                    else
                      ok = FALSE;
                  }
                numbers[c][n_rows] = b < 0 ? NAN : b;
              }
              break;
            case SG_COLUMN_DATE:
            case SG_COLUMN_DATETIME:
              if (sg_parse_date (f->data, f->len, ctx->plans[c].date_order, &v, &has_time))
                {
                  if (has_time && ctx->plans[c].type == SG_COLUMN_DATE)
                    block->widened[c] |= WIDEN_DATETIME;
                }
              else if (sg_value_is_missing (f->data, f->len))
                v = NAN;
              else
                ok = FALSE;
              numbers[c][n_rows] = v;
              break;
            case SG_COLUMN_CATEGORICAL:
            case SG_COLUMN_IDENTIFIER:
            case SG_COLUMN_TEXT:
            case SG_N_COLUMN_TYPES:
            default:
              if (sg_value_is_missing (f->data, f->len))
                strings[c] = NULL;
              else if (!cp1252 && !sg_csv_has_high_bytes (f->data, f->len))
                strings[c] = g_string_chunk_insert_len (columns[c]->pool, f->data, f->len);
              else
                {
                  g_string_truncate (scratch, 0);
                  if (!sg_csv_append_utf8 (scratch, f->data, f->len, cp1252))
                    block->n_bad_utf8++;
                  strings[c] = g_string_chunk_insert_len (columns[c]->pool, scratch->str, scratch->len);
                }
              break;
            }
          if (!ok)
            reject (block, line, bad_value_reason (ctx, c, f));
        }
      if (!ok)
        {
          if (ctx->stop_on_error)
            break;
          continue;
        }
      for (guint c = 0; c < n_columns; c++)
        if (columns[c] != NULL && columns[c]->strings != NULL)
          {
            g_ptr_array_add (columns[c]->strings, (gpointer) strings[c]);
            if (strings[c] == NULL)
              columns[c]->n_missing++;
          }
      n_rows++;
    }
  for (guint c = 0; c < n_columns; c++)
    if (numbers[c] != NULL)
      g_array_set_size (columns[c]->numbers, n_rows);
  block->end = reader.pos;
  block->n_lines = reader.line;
  sg_csv_reader_clear (&reader);
}

typedef struct {
  ParseContext *ctx;
  Block        *blocks;
  guint         n;
  guint         n_threads;
} Batch;

static void
parse_block_func (gsize    chunk,
                  gsize    begin,
                  gsize    end,
                  gpointer user_data)
{
  Batch *batch = user_data;

  for (gsize i = begin; i < end; i++)
    parse_block (batch->ctx, &batch->blocks[i], batch->blocks[i].start);
}

static gpointer
parse_batch_thread (gpointer user_data)
{
  Batch *batch = user_data;

  sg_parallel_for (batch->n, 1, batch->n_threads, parse_block_func, batch);
  return NULL;
}

/* The start of block @b: data_start, or the first non-blank line start after its offset. */
static const char *
block_start (Sniff *sniff,
             gsize  b)
{
  const char *p;

  if (b == 0)
    return sniff->data_start;
  if ((gsize) (sniff->end - sniff->data_start) <= b * (gsize) BLOCK_BYTES)
    return sniff->end;
  p = sg_csv_next_line_start (sniff->data_start + b * (gsize) BLOCK_BYTES, sniff->data_start, sniff->end);
  while (p < sniff->end && (*p == '\n' || *p == '\r'))
    p++;
  return p;
}

static void
prepare_batch (Sniff *sniff,
               Batch *batch,
               gsize  b0,
               gsize  n_blocks,
               guint  batch_size)
{
  batch->n = (guint) MIN ((gsize) batch_size, n_blocks - b0);
  for (guint i = 0; i < batch->n; i++)
    {
      memset (&batch->blocks[i], 0, sizeof (Block));
      batch->blocks[i].start = block_start (sniff, b0 + i);
      batch->blocks[i].limit = b0 + i + 1 < n_blocks ? block_start (sniff, b0 + i + 1) : sniff->end;
    }
}

typedef gboolean (*BlockSink) (Block   *block,
                               gpointer user_data,
                               GError **error);

/* Parses the data and hands the blocks to @sink in file order. While one batch of blocks is
 * checked and stored on this thread, the next is parsed on the others. Fills the counts of @report. */
static gboolean
parse_all (ParseContext     *ctx,
           const SgProgress *progress,
           SgImportReport   *report,
           guint8           *widened,
           guint64          *n_bad_utf8,
           BlockSink         sink,
           gpointer          sink_data,
           GError          **error)
{
  Sniff *sniff = ctx->sniff;
  gsize n_blocks = ((gsize) (sniff->end - sniff->data_start) + BLOCK_BYTES - 1) / BLOCK_BYTES;
  guint n_threads = sg_parallel_get_threads ();
  guint batch_size = MAX (2u, 4 * n_threads);
  const char *expected = sniff->data_start;
  guint64 base_line = sniff->data_line;
  const char *released = NULL;
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  Batch batches[2];
  gboolean ok = TRUE;
  guint current = 0;
  gsize b0;

  n_blocks = MAX (n_blocks, 1);
  for (guint k = 0; k < 2; k++)
    {
      batches[k].ctx = ctx;
      batches[k].blocks = g_new0 (Block, batch_size);
      batches[k].n = 0;
      batches[k].n_threads = n_threads;
    }
  prepare_batch (sniff, &batches[0], 0, n_blocks, batch_size);
  sg_parallel_for (batches[0].n, 1, n_threads, parse_block_func, &batches[0]);

  for (b0 = 0; b0 < n_blocks && ok; b0 += batch_size)
    {
      Batch *batch = &batches[current];
      Batch *next = &batches[1 - current];
      GThread *thread = NULL;

      next->n = 0;
      if (b0 + batch_size < n_blocks)
        {
          prepare_batch (sniff, next, b0 + batch_size, n_blocks, batch_size);
          thread = g_thread_new ("sg-import-parse", parse_batch_thread, next);
        }

      for (guint i = 0; i < batch->n && ok; i++)
        {
          Block *block = &batch->blocks[i];

          if (block->start != expected)
            {
              /* It began inside a quoted field: read it again from where the previous one ended. */
              const char *limit = block->limit;

              block_clear (block);
              memset (block, 0, sizeof *block);
              block->limit = limit;
              parse_block (ctx, block, expected);
            }
          for (guint r = 0; r < block->rejections->len; r++)
            {
              LocalRejection *local = &g_array_index (block->rejections, LocalRejection, r);

              if (report->rejections->len < MAX_REJECTIONS)
                {
                  SgImportRejection *rejection = g_new0 (SgImportRejection, 1);

                  rejection->line = base_line + local->line;
                  rejection->reason = g_steal_pointer (&local->reason);
                  g_ptr_array_add (report->rejections, rejection);
                }
            }
          report->rows_read += block->n_read;
          report->rows_rejected += block->n_rejected;
          *n_bad_utf8 += block->n_bad_utf8;
          if (ctx->stop_on_error && block->n_rejected > 0)
            {
              SgImportRejection *first = g_ptr_array_index (report->rejections, 0);

              g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Line %" PRIu64 ": %s"),
                           first->line, first->reason);
              ok = FALSE;
              break;
            }
          for (guint c = 0; c < ctx->n_columns; c++)
            widened[c] |= block->widened[c];
          if (sg_table_get_n_rows (block->table) > 0)
            {
              report->rows_stored += sg_table_get_n_rows (block->table);
              if (!sink (block, sink_data, error))
                {
                  ok = FALSE;
                  break;
                }
            }
          base_line += block->n_lines;
          expected = block->end;
          block_clear (block);
        }
      if (thread != NULL)
        g_thread_join (thread);
      for (guint i = 0; i < batch->n; i++)
        block_clear (&batch->blocks[i]);
      if (!ok)
        break;

#ifdef MADV_DONTNEED
      /* The mapped pages already read stay in the page cache, not in our resident memory. */
      {
        const char *from = released ? released : (const char *) ((guintptr) sniff->data_start & ~(guintptr) (page - 1));
        const char *to = (const char *) ((guintptr) expected & ~(guintptr) (page - 1));

        if (to > from)
          {
            madvise ((void *) from, to - from, MADV_DONTNEED);
            released = to;
          }
      }
#endif
      sg_progress_report (progress, (double) (expected - sniff->data_start) /
                                    MAX (1.0, (double) (sniff->end - sniff->data_start)), _("Reading rows…"));
      if (!sg_progress_check (progress, error))
        ok = FALSE;
      current = 1 - current;
    }

  for (guint k = 0; k < 2; k++)
    {
      for (guint i = 0; i < batches[k].n; i++)
        block_clear (&batches[k].blocks[i]);
      g_free (batches[k].blocks);
    }
  return ok;
}

static double
sample_bytes_per_row (Sniff *sniff)
{
  double bytes = 0;
  guint n = 0;

  for (guint i = 0; i < sniff->head->len && i < 1000; i++, n++)
    for (GStrv f = g_ptr_array_index (sniff->head, i); *f != NULL; f++)
      bytes += strlen (*f) + 1;
  return n > 0 ? MAX (4.0, bytes / n) : 64.0;
}

/* ---- import ---- */

static gboolean
sink_to_writer (Block    *block,
                gpointer  user_data,
                GError  **error)
{
  return sg_dataset_writer_append (user_data, block->table, error);
}

static char *
default_dataset_name (SgProject  *project,
                      const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  char *dot = strrchr (display, '.');

  if (dot != NULL && dot != display)
    *dot = '\0';
  return sg_project_unique_dataset_name (project, display);
}

static gboolean
update_column_type (SgProject     *project,
                    const char    *dataset_name,
                    guint          column,
                    SgColumnType   type,
                    GError       **error)
{
  sqlite3_stmt *stmt = sg_project_prepare (project,
                                           "UPDATE columns SET type = ?3 WHERE idx = ?2 AND dataset_id = "
                                           "(SELECT id FROM datasets WHERE name = ?1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dataset_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) column);
  sqlite3_bind_text (stmt, 3, sg_column_type_to_string (type), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (project, _("Could not store the dataset"), error);
  return TRUE;
}

static gboolean
check_dates_resolved (Sniff    *sniff,
                      Plan     *plans,
                      GError  **error)
{
  for (guint c = 0; c < sniff->n_columns; c++)
    if (plans[c].read && (plans[c].type == SG_COLUMN_DATE || plans[c].type == SG_COLUMN_DATETIME) &&
        plans[c].date_order == SG_DATE_ORDER_AUTO)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                     _("Column “%s”: every date reads both as day/month and as month/day; "
                       "choose the date order"), (const char *) g_ptr_array_index (sniff->names, c));
        return FALSE;
      }
  return TRUE;
}

gint64
sg_importer_run (SgProject              *project,
                 const char             *path,
                 const SgImportOptions  *options,
                 SgProgress             *progress,
                 SgImportReport        **report_out,
                 GError                **error)
{
  SgImportOptions defaults;
  gint64 start_time = g_get_monotonic_time ();
  g_autoptr(Sniff) sniff = NULL;
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgTable) like = NULL;
  g_autofree Plan *plans = NULL;
  g_autofree guint8 *widened = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *json = NULL;
  g_autofree char *display = NULL;
  SgDatasetWriter *writer;
  ParseContext ctx = { 0 };
  guint64 n_bad_utf8 = 0;
  SgProgress sub;
  gint64 id;

  g_return_val_if_fail (SG_IS_PROJECT (project), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (options == NULL)
    {
      sg_import_options_init (&defaults);
      options = &defaults;
    }
  display = g_filename_display_name (path);
  sg_progress_report (progress, 0.0, _("Reading the file’s layout…"));
  sniff = sniff_file (path, options, error);
  if (sniff == NULL)
    return 0;
  plans = g_new0 (Plan, sniff->n_columns);
  if (!apply_overrides (sniff, options, plans, TRUE, error) || !check_dates_resolved (sniff, plans, error))
    return 0;

  like = sg_table_new (NULL);
  for (guint c = 0; c < sniff->n_columns; c++)
    sg_column_set_role (sg_table_add_column (like, g_ptr_array_index (sniff->names, c), plans[c].type),
                        plans[c].role);
  name = g_strstrip (g_strdup (options->dataset_name ? options->dataset_name : ""));
  if (*name == '\0')
    {
      g_free (name);
      name = default_dataset_name (project, path);
    }
  source = g_canonicalize_filename (path, NULL);
  writer = sg_dataset_writer_new (project, name, "imported", source, like, error);
  if (writer == NULL)
    return 0;

  report = report_new ();
  report->file = g_strdup (source);
  report->delimiter = sniff->delimiter;
  report->encoding = sniff->cp1252 ? SG_ENCODING_WINDOWS_1252 : SG_ENCODING_UTF8;
  report->has_header = sniff->has_header;
  report->decimal_comma = sniff->decimal_comma;
  report->date_order = options->date_order;
  for (guint c = 0; c < sniff->n_columns && report->date_order == SG_DATE_ORDER_AUTO; c++)
    if ((plans[c].type == SG_COLUMN_DATE || plans[c].type == SG_COLUMN_DATETIME) &&
        plans[c].date_order != SG_DATE_ORDER_YMD)
      report->date_order = plans[c].date_order;
  report->on_error = options->on_error;
  for (guint i = 0; i < sniff->warnings->len; i++)
    g_ptr_array_add (report->warnings, g_strdup (g_ptr_array_index (sniff->warnings, i)));

  ctx.sniff = sniff;
  ctx.plans = plans;
  ctx.n_columns = sniff->n_columns;
  ctx.stop_on_error = options->on_error == SG_ON_ERROR_STOP;
  ctx.bytes_per_row = sample_bytes_per_row (sniff);
  widened = g_new0 (guint8, sniff->n_columns);
  sub = sg_progress_sub (progress, 0.0, 0.97);
  if (!parse_all (&ctx, progress ? &sub : NULL, report, widened, &n_bad_utf8, sink_to_writer, writer, error))
    {
      sg_dataset_writer_abort (writer);
      return 0;
    }
  if (report->rows_stored == 0)
    {
      if (report->rejections->len > 0)
        {
          SgImportRejection *first = g_ptr_array_index (report->rejections, 0);

          g_set_error (error, SG_ERROR, SG_ERROR_PARSE,
                       _("No row of “%s” could be read (line %" PRIu64 ": %s)"),
                       display, first->line, first->reason);
        }
      else
        g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("“%s” has no data rows"), display);
      sg_dataset_writer_abort (writer);
      return 0;
    }

  for (guint c = 0; c < sniff->n_columns; c++)
    {
      SgColumnType type = plans[c].type;
      const char *column = g_ptr_array_index (sniff->names, c);

      if (type == SG_COLUMN_INTEGER && (widened[c] & WIDEN_DECIMAL))
        {
          type = SG_COLUMN_DECIMAL;
          g_ptr_array_add (report->warnings,
                           g_strdup_printf (_("Column “%s” has values with decimals that the sample did not show: "
                                              "it was stored as decimal numbers."), column));
        }
      else if (type == SG_COLUMN_DATE && (widened[c] & WIDEN_DATETIME))
        {
          type = SG_COLUMN_DATETIME;
          g_ptr_array_add (report->warnings,
                           g_strdup_printf (_("Column “%s” has times of day that the sample did not show: "
                                              "it was stored as dates with times."), column));
        }
      if (type != plans[c].type && !update_column_type (project, name, c, type, error))
        {
          sg_dataset_writer_abort (writer);
          return 0;
        }
    }
  if (n_bad_utf8 > 0)
    g_ptr_array_add (report->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%" PRIu64 " value was not valid UTF-8 and was read as Windows-1252.",
                                                   "%" PRIu64 " values were not valid UTF-8 and were read as Windows-1252.",
                                                   n_bad_utf8), n_bad_utf8));

  if (!sg_progress_check (progress, error))
    {
      sg_dataset_writer_abort (writer);
      return 0;
    }
  sg_progress_report (progress, 0.98, _("Saving…"));
  report->seconds = (g_get_monotonic_time () - start_time) / 1e6;
  json = sg_import_report_to_json (report);
  id = sg_dataset_writer_finish (writer, json, error);
  if (id == 0)
    return 0;
  sg_progress_report (progress, 1.0, NULL);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return id;
}

/* ---- in the background ---- */

typedef struct {
  SgProject       *project;   /* our own connection */
  GError          *error;     /* from reopening */
  char            *path;
  SgImportOptions  options;
} AsyncImport;

typedef struct {
  gint64          id;
  SgImportReport *report;
} AsyncImportResult;

static void
async_import_free (AsyncImport *data)
{
  g_clear_object (&data->project);
  g_clear_error (&data->error);
  g_free (data->path);
  sg_import_options_clear (&data->options);
  g_free (data);
}

static void
async_result_free (AsyncImportResult *result)
{
  sg_import_report_free (result->report);
  g_free (result);
}

static gpointer
import_work (gpointer     task_data,
             SgProgress  *progress,
             GError     **error)
{
  AsyncImport *data = task_data;
  AsyncImportResult *result;
  SgImportReport *report = NULL;
  gint64 id;

  if (data->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&data->error));
      return NULL;
    }
  id = sg_importer_run (data->project, data->path, &data->options, progress, &report, error);
  if (id == 0)
    return NULL;
  if (sg_progress_is_cancelled (progress))
    {
      /* Cancelled while committing: take it back, as asked. */
      sg_project_delete_dataset (data->project, id, NULL);
      sg_import_report_free (report);
      sg_progress_check (progress, error);
      return NULL;
    }
  result = g_new0 (AsyncImportResult, 1);
  result->id = id;
  result->report = report;
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
  AsyncImport *data = g_new0 (AsyncImport, 1);

  g_return_if_fail (SG_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  data->project = sg_project_reopen (project, &data->error);
  data->path = g_strdup (path);
  if (options != NULL)
    sg_import_options_copy (&data->options, options);
  else
    sg_import_options_init (&data->options);
  sg_async_run (project, sg_importer_run_async, import_work, data, (GDestroyNotify) async_import_free,
                (GDestroyNotify) async_result_free, cancellable, progress_func, progress_data,
                callback, user_data);
}

gint64
sg_importer_run_finish (SgProject       *project,
                        GAsyncResult    *result,
                        SgImportReport **report,
                        GError         **error)
{
  AsyncImportResult *r = sg_async_finish (result, sg_importer_run_async, error);
  gint64 id;

  if (r == NULL)
    return 0;
  id = r->id;
  if (report != NULL)
    *report = g_steal_pointer (&r->report);
  async_result_free (r);
  return id;
}

/* ---- straight into a matrix ---- */

typedef struct {
  double   *data;       /* aligned_alloc: SgMatrix frees it with free() */
  gsize     n_rows;
  gsize     capacity;   /* rows */
  guint     n_cols;
  guint    *position;   /* per file column: its matrix column, or G_MAXUINT */
  Plan     *plans;
  guint     n_file_columns;
  guint64   dropped;
} MatrixSink;

static double *
alloc_rows (gsize rows,
            guint cols)
{
  gsize bytes = MAX (rows * cols, 1) * sizeof (double);
  double *data;

  bytes = (bytes + 63) & ~(gsize) 63;
  data = aligned_alloc (64, bytes);
  if (data == NULL)
    g_error ("Out of memory allocating a %" G_GSIZE_FORMAT " × %u matrix", rows, cols);
  return data;   /* not cleared: pages never written are never made resident */
}

static gboolean
sink_to_matrix (Block    *block,
                gpointer  user_data,
                GError  **error)
{
  MatrixSink *sink = user_data;
  SgTable *table = block->table;
  guint n = sg_table_get_n_rows (table), k = sg_table_get_n_columns (table);
  g_autofree const double **values = g_new (const double *, k);
  g_autofree guint *to = g_new (guint, k);
  guint j = 0;

  if (sink->n_rows + n > sink->capacity)
    {
      gsize capacity = MAX (sink->capacity + sink->capacity / 2, sink->n_rows + n);
      double *data = alloc_rows (capacity, sink->n_cols);

      memcpy (data, sink->data, sink->n_rows * sink->n_cols * sizeof (double));
      free (sink->data);
      sink->data = data;
      sink->capacity = capacity;
    }
  for (guint c = 0; c < sink->n_file_columns; c++)
    if (sink->plans[c].read)
      {
        values[j] = sg_column_get_numbers (sg_table_get_column (table, j));
        to[j] = sink->position[c];
        j++;
      }
  for (guint r = 0; r < n; r++)
    {
      double *out = sink->data + sink->n_rows * sink->n_cols;
      gboolean complete = TRUE;

      for (j = 0; j < k; j++)
        {
          out[to[j]] = values[j][r];
          complete = complete && !isnan (values[j][r]);
        }
      if (complete)
        sink->n_rows++;
      else
        sink->dropped++;
    }
  return TRUE;
}

SgMatrix *
sg_csv_read_matrix (const char         *path,
                    const char *const  *columns,
                    char              **id_column,
                    guint64            *n_dropped,
                    GError            **error)
{
  SgImportOptions options;
  g_autoptr(Sniff) sniff = NULL;
  g_autoptr(SgImportReport) report = report_new ();
  g_autofree Plan *plans = NULL;
  g_autofree guint8 *widened = NULL;
  g_autofree guint *position = NULL;
  ParseContext ctx = { 0 };
  MatrixSink sink = { 0 };
  guint64 n_bad_utf8 = 0;
  guint n_cols = 0;
  SgMatrix *matrix;

  g_return_val_if_fail (path != NULL, NULL);

  sg_import_options_init (&options);
  sniff = sniff_file (path, &options, error);
  if (sniff == NULL)
    return NULL;
  plans = g_new0 (Plan, sniff->n_columns);
  position = g_new (guint, sniff->n_columns);
  apply_overrides (sniff, &options, plans, FALSE, NULL);
  if (id_column != NULL)
    *id_column = NULL;

  for (guint c = 0; c < sniff->n_columns; c++)
    {
      gboolean numeric = plans[c].type == SG_COLUMN_INTEGER || plans[c].type == SG_COLUMN_DECIMAL ||
                         plans[c].type == SG_COLUMN_BOOLEAN;

      if (plans[c].type == SG_COLUMN_IDENTIFIER && id_column != NULL && *id_column == NULL)
        *id_column = g_strdup (g_ptr_array_index (sniff->names, c));
      plans[c].read = columns == NULL && numeric && g_strcmp0 (plans[c].role, "id") != 0;
      position[c] = plans[c].read ? n_cols++ : G_MAXUINT;
    }
  if (columns != NULL)
    for (guint i = 0; columns[i] != NULL; i++)
      {
        guint c;

        for (c = 0; c < sniff->n_columns; c++)
          if (strcmp (g_ptr_array_index (sniff->names, c), columns[i]) == 0)
            break;
        if (c == sniff->n_columns)
          {
            g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("The file has no column called “%s”"), columns[i]);
            return NULL;
          }
        if (plans[c].read)
          {
            g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Column “%s” is listed twice"), columns[i]);
            return NULL;
          }
        /* Whatever the guess, a chosen column is read as numbers (an error names a value that is not). */
        if (plans[c].type != SG_COLUMN_INTEGER && plans[c].type != SG_COLUMN_BOOLEAN)
          plans[c].type = SG_COLUMN_DECIMAL;
        plans[c].read = TRUE;
        position[c] = n_cols++;
      }
  if (n_cols == 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("“%s” has no numeric column"), display);
      return NULL;
    }

  ctx.sniff = sniff;
  ctx.plans = plans;
  ctx.n_columns = sniff->n_columns;
  ctx.stop_on_error = TRUE;
  ctx.bytes_per_row = sample_bytes_per_row (sniff);
  widened = g_new0 (guint8, sniff->n_columns);
  sink.n_cols = n_cols;
  sink.position = position;
  sink.plans = plans;
  sink.n_file_columns = sniff->n_columns;
  sink.capacity = sniff->estimated_rows + sniff->estimated_rows / 16 + 1024;
  sink.data = alloc_rows (sink.capacity, n_cols);
  if (!parse_all (&ctx, NULL, report, widened, &n_bad_utf8, sink_to_matrix, &sink, error))
    {
      free (sink.data);
      return NULL;
    }
  if (sink.n_rows == 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      free (sink.data);
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("“%s” has no row without a missing value"), display);
      return NULL;
    }
  matrix = g_new0 (SgMatrix, 1);
  matrix->n_rows = sink.n_rows;
  matrix->n_cols = n_cols;
  matrix->data = sink.data;
  if (n_dropped != NULL)
    *n_dropped = sink.dropped;
  return matrix;
}
