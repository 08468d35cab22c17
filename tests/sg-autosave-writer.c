/* sg-autosave-writer.c — types a persona's description into a project, saving every few characters as
 * the app's autosave does, until it is killed (the autosave crash test kills it with SIGKILL)
 *
 * Usage: sg-autosave-writer PROJECT RUN_ID SEGMENT sync|async EVERY
 * After each save completes it prints "saved N" (N = characters in that save) and flushes.
 * It gives up after 200,000 characters with exit status 3: the test must have killed it by then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sg-persona.h"
#include "sg-autosave-text.h"

#define MAX_CHARS 200000

typedef struct {
  SgProject *project;
  SgPersona *persona;
  gint64     run_id;
  guint      segment;
  guint      every;
  guint      typed;
  GString   *text;
  const char *next;
} Typist;

/* Types one more character; returns TRUE when a save is due. */
static gboolean
type_one (Typist *t)
{
  const char *after = g_utf8_next_char (t->next);

  g_string_append_len (t->text, t->next, after - t->next);
  t->next = *after ? after : SG_AUTOSAVE_PATTERN;
  t->typed++;
  sg_persona_set_field (t->persona, SG_PERSONA_DESCRIPTION, t->text->str);
  if (t->typed % t->every != 0)
    return FALSE;
  {
    g_autofree char *name = g_strdup_printf ("Typist %u", t->typed);
    g_autofree char *tagline = g_strdup_printf ("%u characters", t->typed);

    sg_persona_set_name (t->persona, name);
    sg_persona_set_field (t->persona, SG_PERSONA_TAGLINE, tagline);
  }
  return TRUE;
}

static void
report (guint n)
{
  printf ("saved %u\n", n);
  fflush (stdout);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sg_project_save_persona_finish (SG_PROJECT (source), result, &error))
    {
      fprintf (stderr, "save failed: %s\n", error->message);
      exit (1);
    }
  report (GPOINTER_TO_UINT (user_data));
}

static gboolean
type_async (gpointer user_data)
{
  Typist *t = user_data;

  if (t->typed >= MAX_CHARS)
    exit (3);
  if (type_one (t))
    sg_project_save_persona_async (t->project, t->run_id, t->segment, t->persona, NULL, saved_cb,
                                   GUINT_TO_POINTER (t->typed));
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Typist t = { 0 };

  if (argc != 6)
    {
      fprintf (stderr, "usage: %s PROJECT RUN_ID SEGMENT sync|async EVERY\n", argv[0]);
      return 2;
    }
  t.project = sg_project_open (argv[1], &error);
  if (t.project == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  t.run_id = g_ascii_strtoll (argv[2], NULL, 10);
  t.segment = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  t.every = MAX (1, (guint) g_ascii_strtoull (argv[5], NULL, 10));
  t.persona = sg_persona_new ();
  t.text = g_string_new (NULL);
  t.next = SG_AUTOSAVE_PATTERN;

  if (g_str_equal (argv[4], "async"))
    {
      GMainLoop *loop = g_main_loop_new (NULL, FALSE);

      g_idle_add (type_async, &t);
      g_main_loop_run (loop);
    }
  else
    while (t.typed < MAX_CHARS)
      if (type_one (&t))
        {
          if (!sg_project_save_persona (t.project, t.run_id, t.segment, t.persona, &error))
            {
              fprintf (stderr, "save failed: %s\n", error->message);
              return 1;
            }
          report (t.typed);
        }
  return 3;
}
