/* sg-cli-import.c — segmenta-cli import PROJECT FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n.h>

#include "sg-cli.h"
#include "sg-importer.h"

#define SHOWN_REJECTIONS 10

static gboolean
parse_delimiter (const char *text,
                 char       *delimiter)
{
  if (g_ascii_strcasecmp (text, "tab") == 0 || strcmp (text, "\\t") == 0 || strcmp (text, "\t") == 0)
    *delimiter = '\t';
  else if (strlen (text) == 1 && strchr (",;|", text[0]) != NULL)
    *delimiter = text[0];
  else
    return FALSE;
  return TRUE;
}

static void
usage_error (const char *message)
{
  g_printerr ("segmenta-cli: %s (see --help)\n", message);
}

int
sg_cli_import (int    argc,
               char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *on_error = NULL;
  g_autofree char *date_order = NULL;
  g_auto(GStrv) types = NULL;
  gboolean no_header = FALSE, header = FALSE;
  GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("Name of the new dataset (default: the file’s name)"), N_("NAME") },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter: , ; | or tab (default: detected)"), N_("D") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding, N_("utf-8 or windows-1252 (default: detected)"), N_("ENCODING") },
    { "type", 't', 0, G_OPTION_ARG_STRING_ARRAY, &types,
      N_("Read column COL as TYPE (integer, decimal, boolean, date, datetime, categorical, identifier, text); repeatable"),
      N_("COL=TYPE") },
    { "on-error", 0, 0, G_OPTION_ARG_STRING, &on_error,
      N_("A row that cannot be read: stop (import nothing; default) or skip (leave it out and count it)"), N_("stop|skip") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &date_order,
      N_("How to read dates like 03/04/2024: dmy, mdy or ymd (default: detected)"), N_("ORDER") },
    { "header", 0, 0, G_OPTION_ARG_NONE, &header, N_("The first line holds the column names (default: detected)"), NULL },
    { "no-header", 0, 0, G_OPTION_ARG_NONE, &no_header, N_("The first line is data, not column names"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT FILE", _("Import a CSV file into a project as a new dataset."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  SgImportOptions options;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  gint64 id;
  int status;

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 2, "import PROJECT FILE"))
    return SG_CLI_EXIT_USAGE;

  sg_import_options_init (&options);
  status = 0;
  options.dataset_name = g_strdup (name);
  if (header && no_header)
    {
      usage_error (_("--header and --no-header contradict each other"));
      status = SG_CLI_EXIT_USAGE;
    }
  else if (header || no_header)
    options.has_header = header ? 1 : 0;
  if (delimiter != NULL && !parse_delimiter (delimiter, &options.delimiter))
    {
      usage_error (_("--delimiter must be one of , ; | tab"));
      status = SG_CLI_EXIT_USAGE;
    }
  if (encoding != NULL)
    {
      if (g_ascii_strcasecmp (encoding, "utf-8") == 0 || g_ascii_strcasecmp (encoding, "utf8") == 0)
        options.encoding = SG_ENCODING_UTF8;
      else if (g_ascii_strcasecmp (encoding, "windows-1252") == 0 || g_ascii_strcasecmp (encoding, "cp1252") == 0 ||
               g_ascii_strcasecmp (encoding, "latin-1") == 0 || g_ascii_strcasecmp (encoding, "latin1") == 0 ||
               g_ascii_strcasecmp (encoding, "iso-8859-1") == 0)
        options.encoding = SG_ENCODING_WINDOWS_1252;
      else
        {
          usage_error (_("--encoding must be utf-8 or windows-1252"));
          status = SG_CLI_EXIT_USAGE;
        }
    }
  if (on_error != NULL)
    {
      if (strcmp (on_error, "stop") == 0)
        options.on_error = SG_ON_ERROR_STOP;
      else if (strcmp (on_error, "skip") == 0)
        options.on_error = SG_ON_ERROR_SKIP;
      else
        {
          usage_error (_("--on-error must be stop or skip"));
          status = SG_CLI_EXIT_USAGE;
        }
    }
  if (date_order != NULL)
    {
      if (g_ascii_strcasecmp (date_order, "dmy") == 0)
        options.date_order = SG_DATE_ORDER_DMY;
      else if (g_ascii_strcasecmp (date_order, "mdy") == 0)
        options.date_order = SG_DATE_ORDER_MDY;
      else if (g_ascii_strcasecmp (date_order, "ymd") == 0)
        options.date_order = SG_DATE_ORDER_YMD;
      else
        {
          usage_error (_("--date-order must be dmy, mdy or ymd"));
          status = SG_CLI_EXIT_USAGE;
        }
    }
  for (guint i = 0; types != NULL && types[i] != NULL && status == 0; i++)
    {
      const char *eq = strrchr (types[i], '=');
      g_autofree char *column = NULL;
      SgColumnType type;

      if (eq == NULL || eq == types[i] || !sg_column_type_from_string (eq + 1, &type))
        {
          g_autofree char *message = g_strdup_printf (_("--type expects COL=TYPE with a TYPE among integer, decimal, "
                                                        "boolean, date, datetime, categorical, identifier, text; "
                                                        "got “%s”"), types[i]);
          usage_error (message);
          status = SG_CLI_EXIT_USAGE;
          break;
        }
      column = g_strndup (types[i], eq - types[i]);
      sg_import_options_set_type (&options, column, type);
    }
  if (status != 0)
    {
      sg_import_options_clear (&options);
      return status;
    }

  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    {
      sg_import_options_clear (&options);
      return SG_CLI_EXIT_FAILURE;
    }
  id = sg_importer_run (project, argv[2], &options, &progress, &report, &error);
  sg_import_options_clear (&options);
  if (id == 0)
    return sg_cli_fail (error);

  info = sg_project_get_dataset (project, id, &error);
  if (info == NULL)
    return sg_cli_fail (error);

  g_print (_("Imported “%s” as dataset %s (%" PRId64 ")\n"), argv[2], info->name, id);
  g_print (_("Rows: %" PRIu64 " read, %" PRIu64 " stored, %" PRIu64 " rejected\n"),
           report->rows_read, report->rows_stored, report->rows_rejected);
  g_print (_("Columns:\n"));
  for (guint c = 0; c < info->columns->len; c++)
    {
      SgColumnInfo *column = g_ptr_array_index (info->columns, c);
      g_autofree char *extra = NULL;

      if (column->n_missing > 0)
        extra = g_strdup_printf (_("%" PRIu64 " missing"), column->n_missing);
      g_print ("  %-28s %-12s%s%s%s%s\n", column->name, sg_column_type_to_string (column->type),
               column->role ? _(" role ") : "", column->role ? column->role : "",
               extra ? "  " : "", extra ? extra : "");
    }
  if (report->rejections->len > 0)
    {
      g_print (_("Rejected rows (first %u):\n"), MIN (report->rejections->len, SHOWN_REJECTIONS));
      for (guint i = 0; i < report->rejections->len && i < SHOWN_REJECTIONS; i++)
        {
          SgImportRejection *r = g_ptr_array_index (report->rejections, i);

          g_print (_("  line %" PRIu64 ": %s\n"), r->line, r->reason);
        }
    }
  for (guint i = 0; i < report->warnings->len; i++)
    g_print (_("Note: %s\n"), (const char *) g_ptr_array_index (report->warnings, i));
  g_print (_("Took %.2f s\n"), report->seconds);
  return 0;
}
