/* test-autosave.c — a persona typed with autosaves survives the writer being killed mid-typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sg-autosave-writer types a description character by character and saves every EVERY characters
 * (synchronously, or asynchronously as the app does), printing "saved N" after each completed save.
 * The test reads those lines and kills the writer with SIGKILL while it is still typing, then opens the
 * project — which must pass its integrity check — and expects the persona as of a completed save: at
 * least the last one reported, exactly the text typed up to it, and the other fields of that same save.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "sg-persona.h"
#include "sg-autosave-text.h"
#include "sg-test-marketing.h"
#include "sg-test-util.h"

#define EVERY 7

static void
check_after_kill (const char *path,
                  gint64      run_id,
                  guint       last_reported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_open (path, &error);
  g_autoptr(SgPersona) persona = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tagline = NULL;
  const char *description;
  guint saved;

  g_assert_no_error (error);
  g_assert_nonnull (project);
  persona = sg_project_load_persona (project, run_id, 1, &error);
  g_assert_no_error (error);
  description = sg_persona_get_field (persona, SG_PERSONA_DESCRIPTION);
  g_assert_nonnull (description);
  g_assert_true (g_utf8_validate (description, -1, NULL));
  saved = (guint) g_utf8_strlen (description, -1);

  g_test_message ("last save reported: %u characters; the project holds %u", last_reported, saved);
  /* Everything up to the last completed save, and only whole saves. */
  g_assert_cmpuint (saved, >=, last_reported);
  g_assert_cmpuint (saved % EVERY, ==, 0);
  expected = sg_autosave_text (saved);
  g_assert_cmpstr (description, ==, expected);
  /* Fields of one save travel together. */
  name = g_strdup_printf ("Typist %u", saved);
  tagline = g_strdup_printf ("%u characters", saved);
  g_assert_cmpstr (sg_persona_get_name (persona), ==, name);
  g_assert_cmpstr (sg_persona_get_field (persona, SG_PERSONA_TAGLINE), ==, tagline);
}

static void
kill_while_typing (const char *mode,
                   guint       saves_before_kill)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("autosave", 200, 3);
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "sg-autosave-writer", NULL);
  g_autofree char *run_id = g_strdup_printf ("%" G_GINT64_FORMAT, run->run_id);
  g_autofree char *every = g_strdup_printf ("%d", EVERY);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint last = 0;

  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));
  g_clear_object (&run->project);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              writer, run->path, run_id, "1", mode, every, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  for (guint i = 0; i < saves_before_kill; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      guint n;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "saved "));
      n = (guint) g_ascii_strtoull (line + 6, NULL, 10);
      g_assert_cmpuint (n % EVERY, ==, 0);
      last = MAX (last, n);
    }

  /* The writer is still typing (it cannot finish: its output blocks once we stop reading). */
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

  check_after_kill (run->path, run->run_id, last);
}

static void
test_sync_killed (void)
{
  const guint kill_points[] = { 1, 23, 150 };

  for (guint i = 0; i < G_N_ELEMENTS (kill_points); i++)
    kill_while_typing ("sync", kill_points[i]);
}

static void
test_async_killed (void)
{
  const guint kill_points[] = { 1, 31, 120 };

  for (guint i = 0; i < G_N_ELEMENTS (kill_points); i++)
    kill_while_typing ("async", kill_points[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/autosave/sync-killed", test_sync_killed);
  g_test_add_func ("/autosave/async-killed", test_async_killed);
  return g_test_run ();
}
