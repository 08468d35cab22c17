/* sg-cli-export.c — segmenta-cli export PROJECT --run R --out DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "sg-cli.h"
#include "sg-error.h"
#include "sg-export.h"

static gboolean
parse_delimiter (const char *text,
                 char       *delimiter)
{
  if (text == NULL)
    return TRUE;
  if (strcmp (text, ",") == 0 || g_ascii_strcasecmp (text, "comma") == 0)
    *delimiter = ',';
  else if (strcmp (text, ";") == 0 || g_ascii_strcasecmp (text, "semicolon") == 0)
    *delimiter = ';';
  else if (strcmp (text, "\t") == 0 || strcmp (text, "\\t") == 0 || g_ascii_strcasecmp (text, "tab") == 0)
    *delimiter = '\t';
  else
    return FALSE;
  return TRUE;
}

/* "a,b" "c" → a b c, blanks trimmed, empty names dropped. */
static char **
split_columns (char **values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (*parts[j] != '\0')
            g_strv_builder_add (builder, parts[j]);
        }
    }
  return g_strv_builder_end (builder);
}

int
sg_cli_export (int    argc,
               char **argv)
{
  g_autofree char *run_arg = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *delimiter_arg = NULL;
  g_autofree char *id_column = NULL;
  g_auto(GStrv) columns_arg = NULL;
  gboolean per_segment = FALSE, pseudonymise = FALSE, pseudonymize = FALSE, bom = FALSE, json = FALSE;
  gboolean include_unassigned = FALSE, skip_control = FALSE;
  GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_STRING, &run_arg, N_("The run to export (its id or name)"), N_("RUN") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, N_("Folder to write into (created if missing)"), N_("DIR") },
    { "per-segment", 0, 0, G_OPTION_ARG_NONE, &per_segment, N_("One CSV file per segment"), NULL },
    { "columns", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &columns_arg,
      N_("Dataset columns to export, comma-separated (default: the detected id, e-mail, name and phone)"),
      N_("A,B,C") },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace ids by keyed pseudonyms (HMAC-SHA-256, stable within the project)"), NULL },
    { "pseudonymize", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &pseudonymize, NULL, NULL },
    { "id-column", 0, 0, G_OPTION_ARG_STRING, &id_column, N_("The id column (default: detected)"), N_("COLUMN") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, N_("Start files with a UTF-8 byte-order mark (for Excel)"), NULL },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter_arg,
      N_("Field delimiter: “,” (default), “;” or “tab”"), N_("D") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Also write the run as JSON (segments, profiles, personas, playbooks)"), NULL },
    { "include-unassigned", 0, 0, G_OPTION_ARG_NONE, &include_unassigned,
      N_("Also export customers in no segment (noise)"), NULL },
    { "skip-control", 0, 0, G_OPTION_ARG_NONE, &skip_control,
      N_("Leave control-group customers out instead of flagging them"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("Export a run’s customers per segment for CRM and e-mail tools."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  SgExportOptions options;
  SgProgress progress;

  g_option_context_set_description (context,
    _("Each file has the chosen columns, then segment, persona, objective and control (1 = in the "
      "segment’s control group). Files are UTF-8 with RFC 4180 quoting and CRLF line ends.\n\n"
      "Spreadsheet formulas are neutralised: a cell whose first character (after leading spaces) is "
      "= + - @ TAB or CR is written as '<cell> in double quotes, so it shows as text. A plain number "
      "(-12.5, 3e-7) in a numeric column is kept as it is.\n\n"
      "Exit status: 0 done, 1 the export failed, 2 bad usage."));

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "export PROJECT --run R --out DIR"))
    return SG_CLI_EXIT_USAGE;
  if (run_arg == NULL || out_dir == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", run_arg == NULL ? _("--run is required (see --help)")
                                                        : _("--out is required (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  sg_export_options_init (&options);
  if (!parse_delimiter (delimiter_arg, &options.delimiter))
    {
      g_printerr ("segmenta-cli: %s\n", _("--delimiter must be “,”, “;” or “tab” (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }

  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  run = sg_project_find_run (project, run_arg, &error);
  if (run == NULL)
    return sg_cli_fail (error);

  options.run_id = run->id;
  options.per_segment = per_segment;
  options.bom = bom;
  options.pseudonymise = pseudonymise || pseudonymize;
  options.include_unassigned = include_unassigned;
  options.skip_control = skip_control;
  options.id_column = g_steal_pointer (&id_column);
  if (columns_arg != NULL)
    options.columns = split_columns (columns_arg);

  progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  files = sg_export_csv (project, &options, out_dir, &progress, &error);
  sg_export_options_clear (&options);
  if (files == NULL)
    return sg_cli_fail (error);
  for (guint i = 0; i < files->len; i++)
    {
      SgExportFile *file = g_ptr_array_index (files, i);

      g_print (g_dngettext (NULL, "Wrote %s (%" PRIu64 " customer, %" PRIu64 " in a control group)\n",
                            "Wrote %s (%" PRIu64 " customers, %" PRIu64 " in a control group)\n",
                            file->n_rows), file->path, file->n_rows, file->n_control);
    }
  if (json)
    {
      g_autofree char *fallback = g_strdup_printf ("run-%" G_GINT64_FORMAT, run->id);
      g_autofree char *stem = sg_export_safe_file_name (run->name, fallback);
      g_autofree char *name = g_strconcat (stem, ".json", NULL);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autoptr(SgExportFile) file = sg_export_json (project, run->id, path, NULL, &error);

      if (file == NULL)
        return sg_cli_fail (error);
      g_print (g_dngettext (NULL, "Wrote %s (%" PRIu64 " segment)\n",
                            "Wrote %s (%" PRIu64 " segments)\n", file->n_rows), file->path, file->n_rows);
    }
  return 0;
}
