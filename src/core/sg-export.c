/* sg-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sg-async.h"
#include "sg-error.h"
#include "sg-export.h"
#include "sg-holdout.h"
#include "sg-persona.h"
#include "sg-playbook.h"
#include "sg-pseudonym.h"

#define FLUSH_BYTES (1u << 20)
#define CHECK_ROWS  8192

/* ---- options ---- */

void
sg_export_options_init (SgExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->delimiter = ',';
}

void
sg_export_options_clear (SgExportOptions *options)
{
  g_clear_pointer (&options->columns, g_strfreev);
  g_clear_pointer (&options->id_column, g_free);
}

void
sg_export_options_copy (SgExportOptions       *dest,
                        const SgExportOptions *src)
{
  *dest = *src;
  dest->columns = g_strdupv (src->columns);
  dest->id_column = g_strdup (src->id_column);
}

void
sg_export_file_free (SgExportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file);
}

/* ---- cells ---- */

/* An optional '-', digits, optionally '.' and digits, optionally e/E, a sign and digits. */
static gboolean
is_plain_number (const char *p)
{
  gboolean digits = FALSE;

  if (*p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

gboolean
sg_export_cell_is_dangerous (const char *value,
                             gboolean    numeric_column)
{
  const char *p = value;

  if (value == NULL)
    return FALSE;
  while (*p == ' ')
    p++;
  if (*p != '=' && *p != '+' && *p != '-' && *p != '@' && *p != '\t' && *p != '\r')
    return FALSE;
  return !(numeric_column && is_plain_number (value));
}

void
sg_export_append_cell (GString    *out,
                       const char *value,
                       char        delimiter,
                       gboolean    numeric_column)
{
  gboolean dangerous;
  gboolean quote = FALSE;

  if (value == NULL || *value == '\0')
    return;
  dangerous = sg_export_cell_is_dangerous (value, numeric_column);
  if (dangerous)
    quote = TRUE;
  else
    for (const char *p = value; *p; p++)
      if (*p == delimiter || *p == '"' || *p == '\r' || *p == '\n')
        {
          quote = TRUE;
          break;
        }
  if (!quote)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (dangerous)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
sg_export_safe_file_name (const char *name,
                          const char *fallback)
{
  static const char *const reserved[] = {
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
  };
  g_autofree char *valid = g_utf8_make_valid (name ? name : "", -1);
  GString *safe = g_string_new (NULL);
  g_autofree char *stem = NULL;
  const char *end;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL) || (c >= 0x80 && c < 0xa0))
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);
    }
  /* No leading or trailing dots or spaces (hidden files, Windows trims them). */
  while (safe->len > 0 && (safe->str[safe->len - 1] == '.' || safe->str[safe->len - 1] == ' '))
    g_string_truncate (safe, safe->len - 1);
  while (safe->len > 0 && (safe->str[0] == '.' || safe->str[0] == ' '))
    g_string_erase (safe, 0, 1);
  /* At most 80 bytes, cut between characters. */
  if (safe->len > 80)
    {
      g_utf8_validate (safe->str, 80, &end);
      g_string_truncate (safe, end - safe->str);
      while (safe->len > 0 && (safe->str[safe->len - 1] == '.' || safe->str[safe->len - 1] == ' '))
        g_string_truncate (safe, safe->len - 1);
    }
  if (safe->len == 0)
    {
      g_string_free (safe, TRUE);
      return fallback ? sg_export_safe_file_name (fallback, NULL) : g_strdup ("export");
    }
  stem = g_strdup (safe->str);
  {
    char *dot = strchr (stem, '.');

    if (dot != NULL)
      *dot = '\0';
    for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
      if (g_ascii_strcasecmp (stem, reserved[i]) == 0)
        {
          g_string_prepend_c (safe, '_');
          break;
        }
  }
  return g_string_free (safe, FALSE);
}

/* ---- column detection ---- */

/* Lower-case letters and digits only: "Customer ID" → "customerid", "E-Mail" → "email". */
static char *
squash_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name ? name : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static const char *const *
role_names (SgContactField field)
{
  static const char *const id[] = { "id", "customer_id", "identifier", NULL };
  static const char *const email[] = { "email", "e-mail", NULL };
  static const char *const name[] = { "name", "full_name", NULL };
  static const char *const first[] = { "first_name", "given_name", NULL };
  static const char *const last[] = { "last_name", "family_name", NULL };
  static const char *const phone[] = { "phone", "mobile", NULL };
  static const char *const *const all[] = { id, email, name, first, last, phone };

  return all[field];
}

static const char *const *
column_names (SgContactField field)
{
  static const char *const id[] = {
    "id", "customerid", "custid", "clientid", "customerno", "customernumber", "customernr", "memberid",
    "userid", "accountid", "contactid", "customerkey", "customercode", "kundennummer", "kundenid",
    "clientnumber", NULL };
  static const char *const email[] = {
    "email", "emailaddress", "mail", "mailaddress", "customeremail", "contactemail", "emailadresse", NULL };
  static const char *const name[] = {
    "name", "fullname", "customername", "clientname", "contactname", "membername", NULL };
  static const char *const first[] = { "firstname", "givenname", "forename", "fname", "vorname", "prenom", NULL };
  static const char *const last[] = { "lastname", "surname", "familyname", "lname", "nachname", "nom", NULL };
  static const char *const phone[] = {
    "phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "telephone", "tel", "cell", "cellphone",
    NULL };
  static const char *const *const all[] = { id, email, name, first, last, phone };

  return all[field];
}

static gboolean
looks_like_email (const char *value)
{
  const char *at = strchr (value, '@');
  const char *dot;

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* Most present values (in the first 1000) look like e-mail addresses. */
static gboolean
column_holds_emails (const SgColumn *column)
{
  guint n = sg_column_get_n_rows (column), seen = 0, good = 0;

  if (column->strings == NULL)
    return FALSE;
  for (guint i = 0; i < n && seen < 1000; i++)
    {
      const char *value = sg_column_get_string (column, i);

      if (value == NULL || *value == '\0')
        continue;
      seen++;
      good += looks_like_email (value);
    }
  return seen > 0 && good * 10 >= seen * 9;
}

/* Every value present and different. */
static gboolean
column_is_unique (const SgColumn *column)
{
  guint n = sg_column_get_n_rows (column);
  g_autoptr(GHashTable) seen = NULL;

  if (n == 0 || column->n_missing > 0)
    return FALSE;
  if (column->strings != NULL)
    {
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n; i++)
        if (!g_hash_table_add (seen, (gpointer) sg_column_get_string (column, i)))
          return FALSE;
      return TRUE;
    }
  if (column->type != SG_COLUMN_INTEGER)
    return FALSE;
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      gint64 v = (gint64) sg_column_get_number (column, i);

      if (!g_hash_table_add (seen, g_memdup2 (&v, sizeof v)))
        return FALSE;
    }
  return TRUE;
}

int
sg_export_detect_column (SgTable        *table,
                         SgContactField  field)
{
  guint n;

  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (field < SG_N_CONTACT_FIELDS, -1);

  n = sg_table_get_n_columns (table);
  /* 1. The column's role. */
  for (guint c = 0; c < n; c++)
    {
      const char *role = sg_table_get_column (table, c)->role;

      if (role != NULL && g_strv_contains (role_names (field), role))
        return (int) c;
    }
  /* 2. Its name. */
  for (guint c = 0; c < n; c++)
    {
      SgColumn *column = sg_table_get_column (table, c);
      g_autofree char *squashed = squash_name (column->name);

      if (field == SG_CONTACT_EMAIL && strstr (squashed, "email") != NULL && column->strings != NULL)
        return (int) c;
      if (g_strv_contains (column_names (field), squashed))
        return (int) c;
    }
  if (field == SG_CONTACT_ID)
    for (guint c = 0; c < n; c++)
      {
        SgColumn *column = sg_table_get_column (table, c);
        g_autofree char *squashed = squash_name (column->name);

        if ((g_str_has_suffix (squashed, "id") || g_str_has_suffix (squashed, "number")) &&
            column_is_unique (column))
          return (int) c;
      }
  /* 3. Its content. */
  for (guint c = 0; c < n; c++)
    {
      SgColumn *column = sg_table_get_column (table, c);

      if (field == SG_CONTACT_EMAIL && column_holds_emails (column))
        return (int) c;
      if (field == SG_CONTACT_ID && column->type == SG_COLUMN_IDENTIFIER && column_is_unique (column))
        return (int) c;
    }
  return -1;
}

char **
sg_export_suggest_columns (SgTable *table)
{
  static const SgContactField order[] = {
    SG_CONTACT_ID, SG_CONTACT_EMAIL, SG_CONTACT_NAME, SG_CONTACT_FIRST_NAME, SG_CONTACT_LAST_NAME, SG_CONTACT_PHONE,
  };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gboolean *taken = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  taken = g_new0 (gboolean, MAX (sg_table_get_n_columns (table), 1));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      int c = sg_export_detect_column (table, order[i]);

      if (c >= 0 && !taken[c])
        {
          taken[c] = TRUE;
          g_strv_builder_add (builder, sg_table_get_column (table, c)->name);
        }
    }
  return g_strv_builder_end (builder);
}

static SgTable *
load_run_table (SgProject      *project,
                const SgRunInfo *run,
                GError        **error)
{
  return sg_project_load_table (project, run->dataset_id, NULL, 0, error);
}

char **
sg_project_suggest_export_columns (SgProject  *project,
                                   gint64      run_id,
                                   GError    **error)
{
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(SgTable) table = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  run = sg_project_get_run (project, run_id, error);
  if (run == NULL)
    return NULL;
  table = load_run_table (project, run, error);
  if (table == NULL)
    return NULL;
  return sg_export_suggest_columns (table);
}

/* ---- files written beside their final name ---- */

typedef struct {
  char    *path;
  char    *temp;
  FILE    *file;
  GString *buffer;
} CsvWriter;

static gboolean
writer_open (CsvWriter   *w,
             const char  *path,
             gboolean     bom,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  memset (w, 0, sizeof *w);
  w->path = g_strdup (path);
  w->temp = g_strconcat (path, ".part-XXXXXX", NULL);
  fd = g_mkstemp_full (w->temp, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (fd < 0 || (w->file = fdopen (fd, "wb")) == NULL)
    {
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (w->temp);
        }
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write “%s”: %s"), display, g_strerror (saved));
      g_clear_pointer (&w->temp, g_free);
      return FALSE;
    }
  w->buffer = g_string_sized_new (FLUSH_BYTES + 4096);
  if (bom)
    g_string_append (w->buffer, "\xef\xbb\xbf");
  return TRUE;
}

static gboolean
writer_flush (CsvWriter  *w,
              GError    **error)
{
  if (w->buffer->len > 0 && fwrite (w->buffer->str, 1, w->buffer->len, w->file) != w->buffer->len)
    {
      g_autofree char *display = g_filename_display_name (w->path);

      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write “%s”: %s"), display, g_strerror (errno));
      return FALSE;
    }
  g_string_truncate (w->buffer, 0);
  return TRUE;
}

static void
writer_abort (CsvWriter *w)
{
  if (w->file != NULL)
    fclose (w->file);
  if (w->temp != NULL)
    g_unlink (w->temp);
  g_free (w->temp);
  g_free (w->path);
  if (w->buffer != NULL)
    g_string_free (w->buffer, TRUE);
  memset (w, 0, sizeof *w);
}

static gboolean
writer_finish (CsvWriter  *w,
               GError    **error)
{
  g_autofree char *display = g_filename_display_name (w->path);
  FILE *file = w->file;

  if (!writer_flush (w, error))
    {
      writer_abort (w);
      return FALSE;
    }
  w->file = NULL;
  if (fflush (file) != 0 || fsync (fileno (file)) != 0 || fclose (file) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write “%s”: %s"), display, g_strerror (errno));
      writer_abort (w);
      return FALSE;
    }
#ifdef G_OS_WIN32
  g_unlink (w->path);
#endif
  if (g_rename (w->temp, w->path) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write “%s”: %s"), display, g_strerror (errno));
      writer_abort (w);
      return FALSE;
    }
  g_clear_pointer (&w->temp, g_free);
  writer_abort (w);
  return TRUE;
}

/* ---- CSV export ---- */

typedef struct {
  SgProject        *project;
  SgRunInfo        *run;
  SgDatasetInfo    *dataset;
  GPtrArray        *segments;       /* SgSegmentInfo */
  GPtrArray        *personas;       /* SgPersona or NULL, by segment */
  GPtrArray        *playbooks;      /* SgPlaybook or NULL, by segment */
  SgTable          *table;          /* the exported columns, in order */
  gboolean         *numeric;        /* per exported column */
  int               id_index;       /* exported column to pseudonymise, or -1 */
  SgPseudonymizer  *pseudonymizer;
  gint32           *labels;
  gsize             n_rows;
  guint8           *control;        /* per row */
  char            **segment_names;  /* by segment */
  char              delimiter;
  gboolean          bom;
  gboolean          skip_control;
  GPtrArray        *files;          /* SgExportFile written so far */
  guint64           rows_done;
  guint64           rows_total;
} Export;

static void
export_clear (Export *x)
{
  g_clear_pointer (&x->run, sg_run_info_free);
  g_clear_pointer (&x->dataset, sg_dataset_info_free);
  g_clear_pointer (&x->segments, g_ptr_array_unref);
  g_clear_pointer (&x->personas, g_ptr_array_unref);
  g_clear_pointer (&x->playbooks, g_ptr_array_unref);
  g_clear_pointer (&x->table, sg_table_unref);
  g_clear_pointer (&x->numeric, g_free);
  g_clear_pointer (&x->pseudonymizer, sg_pseudonymizer_free);
  g_clear_pointer (&x->labels, g_free);
  g_clear_pointer (&x->control, g_free);
  g_clear_pointer (&x->segment_names, g_strfreev);
  g_clear_pointer (&x->files, g_ptr_array_unref);
}

/* The text of a cell; *owned receives an allocation to free when one was needed. */
static const char *
cell_text (const SgColumn *column,
           guint           row,
           char           *buffer,
           gsize           size,
           char          **owned)
{
  double v;

  *owned = NULL;
  if (column->strings != NULL)
    return sg_column_get_string (column, row);
  v = sg_column_get_number (column, row);
  if (isnan (v))
    return NULL;
  if (column->type == SG_COLUMN_INTEGER && fabs (v) < 1e15)
    {
      g_snprintf (buffer, size, "%" G_GINT64_FORMAT, (gint64) v);
      return buffer;
    }
  if (column->type == SG_COLUMN_DECIMAL || column->type == SG_COLUMN_INTEGER)
    return g_ascii_formatd (buffer, size, "%.15g", v);
  *owned = sg_column_format_value (column, row);
  return *owned;
}

static void
append_header (Export  *x,
               GString *out)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *extras[] = { "segment", "persona", "objective", "control" };
  guint n = sg_table_get_n_columns (x->table);

  for (guint c = 0; c < n + G_N_ELEMENTS (extras); c++)
    {
      const char *name = c < n ? sg_table_get_column (x->table, c)->name : extras[c - n];
      g_autofree char *unique = g_strdup (name);

      for (guint i = 2; g_hash_table_contains (used, unique); i++)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s_%u", name, i);
        }
      if (c > 0)
        g_string_append_c (out, x->delimiter);
      sg_export_append_cell (out, unique, x->delimiter, FALSE);
      g_hash_table_add (used, g_steal_pointer (&unique));
    }
  g_string_append (out, "\r\n");
}

static void
append_row (Export  *x,
            GString *out,
            guint    row)
{
  gint32 label = x->labels[row];
  guint n = sg_table_get_n_columns (x->table);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  SgPersona *persona = NULL;
  SgPlaybook *playbook = NULL;

  for (guint c = 0; c < n; c++)
    {
      g_autofree char *owned = NULL;
      g_autofree char *pseudonym = NULL;
      const char *text = cell_text (sg_table_get_column (x->table, c), row, buffer, sizeof buffer, &owned);

      if (c > 0)
        g_string_append_c (out, x->delimiter);
      if ((int) c == x->id_index && x->pseudonymizer != NULL)
        {
          pseudonym = sg_pseudonymizer_apply (x->pseudonymizer, text);
          sg_export_append_cell (out, pseudonym, x->delimiter, FALSE);
        }
      else
        sg_export_append_cell (out, text, x->delimiter, x->numeric[c]);
    }
  if (n > 0)
    g_string_append_c (out, x->delimiter);
  if (label >= 0)
    {
      persona = g_ptr_array_index (x->personas, label);
      playbook = g_ptr_array_index (x->playbooks, label);
      sg_export_append_cell (out, x->segment_names[label], x->delimiter, FALSE);
    }
  else
    sg_export_append_cell (out, _("Unassigned"), x->delimiter, FALSE);
  g_string_append_c (out, x->delimiter);
  if (persona != NULL)
    sg_export_append_cell (out, sg_persona_get_name (persona), x->delimiter, FALSE);
  g_string_append_c (out, x->delimiter);
  if (playbook != NULL)
    sg_export_append_cell (out, sg_objective_to_string (sg_playbook_get_objective (playbook)), x->delimiter, FALSE);
  g_string_append_c (out, x->delimiter);
  g_string_append_c (out, x->control[row] ? '1' : '0');
  g_string_append (out, "\r\n");
}

/* Writes rows whose label is in @wanted (a predicate on labels) to @path. */
static gboolean
write_list (Export      *x,
            const char  *path,
            int          segment_idx,
            gboolean     all_segments,
            gboolean     unassigned,
            SgProgress  *progress,
            GError     **error)
{
  CsvWriter w;
  SgExportFile *file;
  guint64 written = 0, control = 0;

  if (!writer_open (&w, path, x->bom, error))
    return FALSE;
  append_header (x, w.buffer);
  for (gsize row = 0; row < x->n_rows; row++)
    {
      gint32 label = x->labels[row];
      gboolean take = (all_segments && label >= 0) ||
                      (label >= 0 && label == segment_idx) ||
                      (unassigned && label == SG_LABEL_UNASSIGNED);

      if (!take)
        continue;
      if (++x->rows_done % CHECK_ROWS == 0)
        {
          if (!sg_progress_check (progress, error))
            {
              writer_abort (&w);
              return FALSE;
            }
          sg_progress_report (progress, (double) x->rows_done / MAX (x->rows_total, 1), NULL);
        }
      if (x->skip_control && x->control[row])
        continue;
      append_row (x, w.buffer, (guint) row);
      written++;
      control += x->control[row];
      if (w.buffer->len >= FLUSH_BYTES && !writer_flush (&w, error))
        {
          writer_abort (&w);
          return FALSE;
        }
    }
  if (!writer_finish (&w, error))
    return FALSE;
  file = g_new0 (SgExportFile, 1);
  file->path = g_strdup (path);
  file->segment_idx = segment_idx;
  file->n_rows = written;
  file->n_control = control;
  g_ptr_array_add (x->files, file);
  return TRUE;
}

static gboolean
resolve_columns (Export                 *x,
                 const SgExportOptions  *options,
                 GError                **error)
{
  g_autoptr(SgTable) full = NULL;
  g_auto(GStrv) suggested = NULL;
  const char *const *names = (const char *const *) options->columns;
  g_autofree char *id_name = g_strdup (options->id_column);
  guint n;

  if (names == NULL || (options->pseudonymise && id_name == NULL))
    {
      full = sg_project_load_table (x->project, x->dataset->id, NULL, 0, error);
      if (full == NULL)
        return FALSE;
      if (names == NULL)
        {
          suggested = sg_export_suggest_columns (full);
          names = (const char *const *) suggested;
        }
      if (options->pseudonymise && id_name == NULL)
        {
          int id = sg_export_detect_column (full, SG_CONTACT_ID);

          if (id >= 0)
            id_name = g_strdup (sg_table_get_column (full, id)->name);
        }
    }
  if (options->pseudonymise && id_name == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                   _("Dataset “%s” has no id column to pseudonymise; name one"), x->dataset->name);
      return FALSE;
    }
  if (id_name != NULL && sg_dataset_info_lookup_column (x->dataset, id_name) < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Dataset “%s” has no column “%s”"),
                   x->dataset->name, id_name);
      return FALSE;
    }

  n = names ? g_strv_length ((char **) names) : 0;
  {
    g_autofree guint *indices = g_new (guint, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      {
        int index = sg_dataset_info_lookup_column (x->dataset, names[i]);

        if (index < 0)
          {
            g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Dataset “%s” has no column “%s”"),
                         x->dataset->name, names[i]);
            return FALSE;
          }
        indices[i] = (guint) index;
      }
    if (full != NULL)
      {
        x->table = sg_table_new (sg_table_get_name (full));
        for (guint i = 0; i < n; i++)
          sg_table_take_column (x->table, sg_column_copy (sg_table_get_column (full, indices[i])));
      }
    else if (n > 0)
      x->table = sg_project_load_table (x->project, x->dataset->id, indices, n, error);
    else
      x->table = sg_table_new (x->dataset->name);
    if (x->table == NULL)
      return FALSE;
  }

  x->numeric = g_new0 (gboolean, MAX (n, 1));
  x->id_index = -1;
  for (guint i = 0; i < n; i++)
    {
      SgColumn *column = sg_table_get_column (x->table, i);

      x->numeric[i] = column->type == SG_COLUMN_INTEGER || column->type == SG_COLUMN_DECIMAL;
      if (options->pseudonymise && x->id_index < 0 && g_strcmp0 (column->name, id_name) == 0)
        x->id_index = (int) i;
    }
  return TRUE;
}

static gboolean
prepare_export (Export                 *x,
                SgProject              *project,
                gint64                  run_id,
                GError                **error)
{
  memset (x, 0, sizeof *x);
  x->project = project;
  x->run = sg_project_get_run (project, run_id, error);
  if (x->run == NULL)
    return FALSE;
  x->dataset = sg_project_get_dataset (project, x->run->dataset_id, error);
  if (x->dataset == NULL)
    return FALSE;
  x->segments = sg_project_list_segments (project, run_id, error);
  if (x->segments == NULL)
    return FALSE;
  x->personas = sg_project_list_personas (project, run_id, error);
  if (x->personas == NULL)
    return FALSE;
  x->playbooks = sg_project_list_playbooks (project, run_id, error);
  if (x->playbooks == NULL)
    return FALSE;
  x->segment_names = g_new0 (char *, x->segments->len + 1);
  for (guint s = 0; s < x->segments->len; s++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (x->segments, s);

      x->segment_names[s] = segment->name && *segment->name ? g_strdup (segment->name)
                                                            : g_strdup_printf (_("Segment %u"), s + 1);
    }
  x->files = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_export_file_free);
  return TRUE;
}

GPtrArray *
sg_export_csv (SgProject              *project,
               const SgExportOptions  *options,
               const char             *directory,
               SgProgress             *progress,
               GError                **error)
{
  Export x;
  SgProgress sync_progress = sg_progress_sub (progress, 0.0, 0.1);
  SgProgress write_progress = sg_progress_sub (progress, 0.1, 1.0);
  g_autofree char *display = NULL;
  gsize n_control = 0;
  GPtrArray *result = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  g_return_val_if_fail (options != NULL && directory != NULL, NULL);

  if (options->delimiter != ',' && options->delimiter != ';' && options->delimiter != '\t')
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("The delimiter must be a comma, a semicolon or a tab"));
      return NULL;
    }
  display = g_filename_display_name (directory);
  if (g_mkdir_with_parents (directory, 0777) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not create the folder “%s”: %s"),
                   display, g_strerror (errno));
      return NULL;
    }

  if (!prepare_export (&x, project, options->run_id, error))
    goto out;
  x.delimiter = options->delimiter;
  x.bom = options->bom;
  x.skip_control = options->skip_control;
  if (!resolve_columns (&x, options, error))
    goto out;
  if (x.id_index >= 0)
    {
      g_autofree char *salt = sg_project_dup_pseudonym_salt (project, error);

      if (salt == NULL || (x.pseudonymizer = sg_pseudonymizer_new (salt, error)) == NULL)
        goto out;
    }

  sg_progress_report (&sync_progress, 0.0, _("Preparing control groups"));
  if (!sg_project_sync_holdouts (project, options->run_id, &sync_progress, error))
    goto out;
  x.labels = sg_project_load_run_labels (project, options->run_id, &x.n_rows, error);
  if (x.labels == NULL)
    goto out;
  x.control = sg_project_load_control_flags (project, options->run_id, &n_control, error);
  if (x.control == NULL)
    goto out;
  if (n_control != x.n_rows || x.n_rows != x.dataset->n_rows ||
      (sg_table_get_n_columns (x.table) > 0 && sg_table_get_n_rows (x.table) != x.n_rows))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                   _("Run %" PRId64 " does not match its dataset “%s” (%zu rows against %" PRIu64 ")"),
                   options->run_id, x.dataset->name, x.n_rows, x.dataset->n_rows);
      goto out;
    }
  for (gsize i = 0; i < x.n_rows; i++)
    if (x.labels[i] >= 0 || (options->include_unassigned && x.labels[i] == SG_LABEL_UNASSIGNED))
      x.rows_total++;

  sg_progress_report (&write_progress, 0.0, _("Writing customer lists"));
  if (options->per_segment)
    {
      guint width = x.segments->len >= 100 ? 3 : 2;

      for (guint s = 0; s < x.segments->len; s++)
        {
          g_autofree char *fallback = g_strdup_printf ("segment-%u", s + 1);
          g_autofree char *stem = sg_export_safe_file_name (x.segment_names[s], fallback);
          g_autofree char *file = g_strdup_printf ("%0*u-%s.csv", (int) width, s + 1, stem);
          g_autofree char *path = g_build_filename (directory, file, NULL);

          if (!write_list (&x, path, (int) s, FALSE, FALSE, &write_progress, error))
            goto fail;
        }
      if (options->include_unassigned)
        {
          g_autofree char *stem = sg_export_safe_file_name (_("Unassigned"), "unassigned");
          g_autofree char *file = g_strconcat (stem, ".csv", NULL);
          g_autofree char *path = g_build_filename (directory, file, NULL);

          if (!write_list (&x, path, -1, FALSE, TRUE, &write_progress, error))
            goto fail;
        }
    }
  else
    {
      g_autofree char *fallback = g_strdup_printf ("run-%" G_GINT64_FORMAT, x.run->id);
      g_autofree char *stem = sg_export_safe_file_name (x.run->name, fallback);
      g_autofree char *file = g_strconcat (stem, ".csv", NULL);
      g_autofree char *path = g_build_filename (directory, file, NULL);

      if (!write_list (&x, path, -1, TRUE, options->include_unassigned, &write_progress, error))
        goto fail;
    }
  sg_progress_report (&write_progress, 1.0, NULL);
  result = g_steal_pointer (&x.files);
  goto out;

fail:
  /* All or nothing: remove the lists this export already completed. */
  for (guint i = 0; i < x.files->len; i++)
    g_unlink (((SgExportFile *) g_ptr_array_index (x.files, i))->path);
out:
  export_clear (&x);
  return result;
}

/* ---- JSON ---- */

/* Stored JSON text as a node: parsed, or as a string if it does not parse; null for NULL. */
static JsonNode *
stored_json (const char *text)
{
  JsonNode *node;

  if (text == NULL)
    return json_node_new (JSON_NODE_NULL);
  node = json_from_string (text, NULL);
  if (node == NULL)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
    }
  return node;
}

JsonNode *
sg_export_run_to_json (SgProject  *project,
                       gint64      run_id,
                       GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported = g_date_time_format_iso8601 (now);
  g_autofree char *title = NULL;
  g_autofree gint32 *labels = NULL;
  Export x;
  guint64 unassigned = 0, clustered;
  gsize n_labels = 0;
  JsonNode *root = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  if (!prepare_export (&x, project, run_id, error))
    goto out;
  labels = sg_project_load_run_labels (project, run_id, &n_labels, error);
  if (labels == NULL)
    goto out;
  for (gsize i = 0; i < n_labels; i++)
    unassigned += labels[i] == SG_LABEL_UNASSIGNED;
  clustered = x.run->n_rows > x.run->n_excluded ? x.run->n_rows - x.run->n_excluded : 0;
  title = sg_project_dup_title (project);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "segmenta-run");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "project");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "exported");
  json_builder_add_string_value (builder, exported);

  json_builder_set_member_name (builder, "run");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, x.run->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, x.run->name);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (builder, x.run->algorithm);
  json_builder_set_member_name (builder, "k");
  json_builder_add_int_value (builder, x.segments->len);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, x.run->created);
  json_builder_set_member_name (builder, "dataset");
  json_builder_add_string_value (builder, x.dataset->name);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, (gint64) x.run->n_rows);
  json_builder_set_member_name (builder, "excluded");
  json_builder_add_int_value (builder, (gint64) x.run->n_excluded);
  json_builder_set_member_name (builder, "unassigned");
  json_builder_add_int_value (builder, (gint64) unassigned);
  json_builder_set_member_name (builder, "settings");
  json_builder_add_value (builder, stored_json (x.run->settings));
  json_builder_set_member_name (builder, "metrics");
  json_builder_add_value (builder, stored_json (x.run->metrics));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint s = 0; s < x.segments->len; s++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (x.segments, s);
      SgPersona *persona = g_ptr_array_index (x.personas, s);
      SgPlaybook *playbook = g_ptr_array_index (x.playbooks, s);
      g_autoptr(SgHoldout) holdout = sg_project_load_holdout (project, run_id, s, NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, segment->idx);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, x.segment_names[s]);
      json_builder_set_member_name (builder, "rule");
      if (segment->name_rule != NULL)
        json_builder_add_string_value (builder, segment->name_rule);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "name_edited");
      json_builder_add_boolean_value (builder, segment->name_edited);
      json_builder_set_member_name (builder, "color");
      if (segment->color != NULL)
        json_builder_add_string_value (builder, segment->color);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, (gint64) segment->size);
      json_builder_set_member_name (builder, "share");
      json_builder_add_double_value (builder, clustered ? (double) segment->size / (double) clustered : 0.0);
      json_builder_set_member_name (builder, "profile");
      json_builder_add_value (builder, stored_json (segment->profile));
      json_builder_set_member_name (builder, "persona");
      if (persona != NULL)
        json_builder_add_value (builder, sg_persona_to_json_node (persona));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "playbook");
      if (playbook != NULL)
        json_builder_add_value (builder, sg_playbook_to_json_node (playbook));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "control_group");
      if (holdout != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "share");
          json_builder_add_double_value (builder, holdout->share);
          json_builder_set_member_name (builder, "seed");
          json_builder_add_int_value (builder, (gint64) holdout->seed);
          json_builder_set_member_name (builder, "stratify");
          if (holdout->stratify != NULL)
            json_builder_add_string_value (builder, holdout->stratify);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, holdout->rows->len);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

out:
  export_clear (&x);
  return root;
}

SgExportFile *
sg_export_json (SgProject   *project,
                gint64       run_id,
                const char  *path,
                SgProgress  *progress,
                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  SgExportFile *file;
  CsvWriter w;
  gsize length = 0;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!sg_progress_check (progress, error))
    return NULL;
  root = sg_export_run_to_json (project, run_id, error);
  if (root == NULL)
    return NULL;
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  if (!writer_open (&w, path, FALSE, error))
    return NULL;
  g_string_append_len (w.buffer, text, length);
  g_string_append_c (w.buffer, '\n');
  if (!writer_finish (&w, error))
    return NULL;
  sg_progress_report (progress, 1.0, NULL);
  file = g_new0 (SgExportFile, 1);
  file->path = g_strdup (path);
  file->segment_idx = -1;
  file->n_rows = json_array_get_length (json_object_get_array_member (json_node_get_object (root), "segments"));
  return file;
}

/* ---- async ---- */

typedef struct {
  SgProject        *worker;
  SgExportOptions   options;
  char             *path;       /* directory (CSV) or file (JSON) */
} ExportTask;

static void
export_task_free (ExportTask *task)
{
  g_clear_object (&task->worker);
  sg_export_options_clear (&task->options);
  g_free (task->path);
  g_free (task);
}

static gpointer
csv_work (gpointer     data,
          SgProgress  *progress,
          GError     **error)
{
  ExportTask *task = data;

  return sg_export_csv (task->worker, &task->options, task->path, progress, error);
}

static gpointer
json_work (gpointer     data,
           SgProgress  *progress,
           GError     **error)
{
  ExportTask *task = data;

  return sg_export_json (task->worker, task->options.run_id, task->path, progress, error);
}

static ExportTask *
export_task_new (SgProject            *project,
                 gpointer              source_tag,
                 GAsyncReadyCallback   callback,
                 gpointer              user_data,
                 GError              **error)
{
  ExportTask *task = g_new0 (ExportTask, 1);

  task->worker = sg_project_reopen (project, error);
  if (task->worker == NULL)
    {
      g_free (task);
      return NULL;
    }
  return task;
}

void
sg_export_csv_async (SgProject              *project,
                     const SgExportOptions  *options,
                     const char             *directory,
                     GCancellable           *cancellable,
                     SgProgressFunc          progress_func,
                     gpointer                progress_data,
                     GAsyncReadyCallback     callback,
                     gpointer                user_data)
{
  g_autoptr(GError) error = NULL;
  ExportTask *task;

  g_return_if_fail (SG_IS_PROJECT (project));
  g_return_if_fail (options != NULL && directory != NULL);

  task = export_task_new (project, sg_export_csv_async, callback, user_data, &error);
  if (task == NULL)
    {
      g_task_report_error (project, callback, user_data, sg_export_csv_async, g_steal_pointer (&error));
      return;
    }
  sg_export_options_copy (&task->options, options);
  task->path = g_strdup (directory);
  sg_async_run (project, sg_export_csv_async, csv_work, task, (GDestroyNotify) export_task_free,
                (GDestroyNotify) g_ptr_array_unref, cancellable, progress_func, progress_data, callback, user_data);
}

GPtrArray *
sg_export_csv_finish (SgProject     *project,
                      GAsyncResult  *result,
                      GError       **error)
{
  return sg_async_finish (result, sg_export_csv_async, error);
}

void
sg_export_json_async (SgProject           *project,
                      gint64               run_id,
                      const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  ExportTask *task;

  g_return_if_fail (SG_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  task = export_task_new (project, sg_export_json_async, callback, user_data, &error);
  if (task == NULL)
    {
      g_task_report_error (project, callback, user_data, sg_export_json_async, g_steal_pointer (&error));
      return;
    }
  sg_export_options_init (&task->options);
  task->options.run_id = run_id;
  task->path = g_strdup (path);
  sg_async_run (project, sg_export_json_async, json_work, task, (GDestroyNotify) export_task_free,
                (GDestroyNotify) sg_export_file_free, cancellable, NULL, NULL, callback, user_data);
}

SgExportFile *
sg_export_json_finish (SgProject     *project,
                       GAsyncResult  *result,
                       GError       **error)
{
  return sg_async_finish (result, sg_export_json_async, error);
}
