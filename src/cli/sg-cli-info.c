/* sg-cli-info.c — segmenta-cli info PROJECT [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "sg-cli.h"
#include "sg-importer.h"

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
datasets_to_json (SgProject *project,
                  GPtrArray *datasets)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *title = sg_project_dup_title (project);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "project");
  json_builder_add_string_value (builder, sg_project_get_path (project));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "datasets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);
      JsonNode *report = parse_json (info->report);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, info->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, info->name);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, info->kind);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, info->source);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, (gint64) info->n_rows);
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, info->created);
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint c = 0; c < info->columns->len; c++)
        {
          SgColumnInfo *column = g_ptr_array_index (info->columns, c);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, column->name);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, sg_column_type_to_string (column->type));
          json_builder_set_member_name (builder, "role");
          if (column->role != NULL)
            json_builder_add_string_value (builder, column->role);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "missing");
          json_builder_add_int_value (builder, (gint64) column->n_missing);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "report");
      if (report != NULL)
        json_builder_add_value (builder, report);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_report (const char *json)
{
  g_autoptr(SgImportReport) report = sg_import_report_from_json (json, NULL);

  if (report == NULL)
    return;
  g_print (_("  Import: %" PRIu64 " rows read, %" PRIu64 " stored, %" PRIu64
             " rejected (on error: %s); delimiter %s, %s, %s, decimal %s, dates %s\n"),
           report->rows_read, report->rows_stored, report->rows_rejected,
           report->on_error == SG_ON_ERROR_SKIP ? "skip" : "stop",
           report->delimiter == '\t' ? "TAB" : (char[]) { report->delimiter, '\0' },
           report->encoding == SG_ENCODING_WINDOWS_1252 ? "windows-1252" : "utf-8",
           report->has_header ? _("header row") : _("no header row"),
           report->decimal_comma ? _("comma") : _("point"),
           report->date_order == SG_DATE_ORDER_DMY ? "dmy" : report->date_order == SG_DATE_ORDER_MDY ? "mdy"
           : report->date_order == SG_DATE_ORDER_YMD ? "ymd" : "auto");
  for (guint i = 0; i < report->rejections->len && i < 5; i++)
    {
      SgImportRejection *r = g_ptr_array_index (report->rejections, i);

      g_print (_("    rejected line %" PRIu64 ": %s\n"), r->line, r->reason);
    }
  for (guint i = 0; i < report->warnings->len; i++)
    g_print (_("    note: %s\n"), (const char *) g_ptr_array_index (report->warnings, i));
}

int
sg_cli_info (int    argc,
             char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("Show a project’s datasets: columns, types, roles, missing values and import reports."),
                        entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "info PROJECT"))
    return SG_CLI_EXIT_USAGE;

  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  datasets = sg_project_list_datasets (project, &error);
  if (datasets == NULL)
    return sg_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonNode) root = datasets_to_json (project, datasets);

      sg_cli_print_json (root);
      return 0;
    }

  {
    g_autofree char *title = sg_project_dup_title (project);

    g_print (_("Project “%s” (%s): %u datasets\n"), title, sg_project_get_path (project), datasets->len);
  }
  for (guint i = 0; i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      g_print ("\n");
      g_print (_("Dataset %" PRId64 " “%s”: %" PRIu64 " rows, %u columns (%s, %s)\n"),
               info->id, info->name, info->n_rows, info->columns->len, info->kind,
               info->source ? info->source : "");
      for (guint c = 0; c < info->columns->len; c++)
        {
          SgColumnInfo *column = g_ptr_array_index (info->columns, c);

          g_print ("  %-28s %-12s %-8s %" G_GUINT64_FORMAT " %s\n", column->name,
                   sg_column_type_to_string (column->type), column->role ? column->role : "-",
                   column->n_missing, _("missing"));
        }
      if (g_strcmp0 (info->kind, "imported") == 0 && info->report != NULL)
        print_report (info->report);
    }
  return 0;
}
