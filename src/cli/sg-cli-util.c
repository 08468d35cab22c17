/* sg-cli-util.c — shared pieces of segmenta-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "sg-cli.h"

int
sg_cli_fail (GError *error)
{
  g_autofree char *line = g_strdup (error ? error->message : _("Failed"));

  /* One line, whatever the message holds. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("segmenta-cli: %s\n", line);
  return SG_CLI_EXIT_FAILURE;
}

GOptionContext *
sg_cli_context_new (const char   *parameters,
                    const char   *summary,
                    GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
sg_cli_parse (GOptionContext *context,
              int            *argc,
              char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("segmenta-cli: %s (see --help)\n", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sg_cli_expect_args (int         argc,
                    int         n,
                    const char *usage)
{
  if (argc - 1 == n)
    return TRUE;
  g_printerr ("segmenta-cli: %s %s (see --help)\n",
              argc - 1 < n ? _("missing arguments; usage:") : _("too many arguments; usage:"), usage);
  return FALSE;
}

SgProject *
sg_cli_open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  SgProject *project = sg_project_open (path, &error);

  if (project == NULL)
    sg_cli_fail (error);
  return project;
}

void
sg_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
sg_cli_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  static gint64 last;
  gint64 now;

  if (!isatty (STDERR_FILENO))
    return;
  now = g_get_monotonic_time ();
  if (fraction < 1.0 && now - last < 100000)
    return;
  last = now;
  g_printerr ("\r\033[K%3.0f%% %s", CLAMP (fraction, 0.0, 1.0) * 100.0, message ? message : "");
  if (fraction >= 1.0)
    g_printerr ("\r\033[K");
}
