/* test-gui-autosave-logic.c — the app's autosave debounce and flush rules, and the small pure functions
 * of the persona, playbook and export editors, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No timing assertions: the debounce is driven by the main loop until a save is asked for; what is
 * checked is how many saves, with which tickets, in which states.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "sg-autosave.h"
#include "sg-date-row.h"
#include "sg-error.h"
#include "sg-export.h"
#include "sg-export-page.h"
#include "sg-kpi-row.h"
#include "sg-playbook-editor.h"

typedef struct {
  GArray  *tickets;        /* guint64: the tickets of the saves asked for */
  guint    waits;          /* saves asked for with wait = TRUE */
  gboolean answer_at_once; /* the handler reports back inside the signal */
} Saves;

static void
save_cb (SgAutosave *autosave,
         guint64     ticket,
         gboolean    wait,
         Saves      *saves)
{
  g_array_append_val (saves->tickets, ticket);
  if (wait)
    saves->waits++;
  if (wait || saves->answer_at_once)
    sg_autosave_done (autosave, ticket, NULL);
}

static Saves *
saves_new (SgAutosave *autosave)
{
  Saves *saves = g_new0 (Saves, 1);

  saves->tickets = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_signal_connect (autosave, "save", G_CALLBACK (save_cb), saves);
  return saves;
}

static void
saves_free (Saves *saves)
{
  g_array_unref (saves->tickets);
  g_free (saves);
}

static guint64
ticket (Saves *saves,
        guint  i)
{
  g_assert_cmpuint (i, <, saves->tickets->len);
  return g_array_index (saves->tickets, guint64, i);
}

/* Runs the main loop until @n saves were asked for (a deadline only guards against hanging). */
static void
run_until_saves (Saves *saves,
                 guint  n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (saves->tickets->len < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_deadline (void)
{
  /* A pause after the last edit… */
  g_assert_cmpint (sg_autosave_deadline (0, 0, 500, 1000), ==, 500000);
  g_assert_cmpint (sg_autosave_deadline (1000000, 1200000, 500, 1000), ==, 1700000);
  /* …but never later than the ceiling after the oldest unsaved edit, however fast one types. */
  g_assert_cmpint (sg_autosave_deadline (0, 800000, 500, 1000), ==, 1000000);
  g_assert_cmpint (sg_autosave_deadline (0, 5000000, 500, 1000), ==, 1000000);
  /* A ceiling shorter than the pause is the pause. */
  g_assert_cmpint (sg_autosave_deadline (0, 0, 500, 100), ==, 500000);
}

static void
test_coalesce (void)
{
  g_autoptr(SgAutosave) autosave = sg_autosave_new (20, 40);
  Saves *saves = saves_new (autosave);

  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_IDLE);
  g_assert_false (sg_autosave_get_dirty (autosave));

  /* Ten keystrokes with no chance for the timer in between: one save, of all ten. */
  for (guint i = 0; i < 10; i++)
    sg_autosave_changed (autosave);
  g_assert_true (sg_autosave_get_dirty (autosave));
  g_assert_true (sg_autosave_get_scheduled (autosave));
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_PENDING);
  g_assert_cmpuint (saves->tickets->len, ==, 0);

  run_until_saves (saves, 1);
  g_assert_cmpuint (saves->tickets->len, ==, 1);
  g_assert_cmpuint (ticket (saves, 0), ==, 10);
  g_assert_cmpuint (saves->waits, ==, 0);
  g_assert_false (sg_autosave_get_dirty (autosave));
  g_assert_false (sg_autosave_get_scheduled (autosave));
  g_assert_cmpuint (sg_autosave_get_in_flight (autosave), ==, 1);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVING);

  sg_autosave_done (autosave, 10, NULL);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVED);
  g_assert_cmpuint (sg_autosave_get_in_flight (autosave), ==, 0);
  saves_free (saves);
}

static void
test_flush (void)
{
  g_autoptr(SgAutosave) autosave = sg_autosave_new (60000, 60000);
  Saves *saves = saves_new (autosave);

  /* Nothing edited: nothing to save. */
  sg_autosave_flush (autosave);
  g_assert_cmpuint (saves->tickets->len, ==, 0);

  /* A flush saves at once, without waiting for the (here very long) pause, and cancels the timer. */
  sg_autosave_changed (autosave);
  sg_autosave_changed (autosave);
  sg_autosave_flush (autosave);
  g_assert_cmpuint (saves->tickets->len, ==, 1);
  g_assert_cmpuint (ticket (saves, 0), ==, 2);
  g_assert_false (sg_autosave_get_scheduled (autosave));
  g_assert_false (sg_autosave_get_dirty (autosave));

  /* Flushing again while that save runs asks for nothing more. */
  sg_autosave_flush (autosave);
  g_assert_cmpuint (saves->tickets->len, ==, 1);
  sg_autosave_done (autosave, 2, NULL);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVED);
  saves_free (saves);
}

static void
test_edits_while_saving (void)
{
  g_autoptr(SgAutosave) autosave = sg_autosave_new (20, 40);
  Saves *saves = saves_new (autosave);

  sg_autosave_changed (autosave);
  sg_autosave_flush (autosave);
  g_assert_cmpuint (ticket (saves, 0), ==, 1);

  /* Typing on while the first save is written: those edits wait for their own save. */
  sg_autosave_changed (autosave);
  g_assert_true (sg_autosave_get_dirty (autosave));
  sg_autosave_done (autosave, 1, NULL);
  g_assert_true (sg_autosave_get_dirty (autosave));
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_PENDING);

  run_until_saves (saves, 2);
  g_assert_cmpuint (ticket (saves, 1), ==, 2);
  sg_autosave_done (autosave, 2, NULL);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVED);
  saves_free (saves);
}

static void
test_out_of_order (void)
{
  g_autoptr(SgAutosave) autosave = sg_autosave_new (60000, 60000);
  Saves *saves = saves_new (autosave);

  sg_autosave_changed (autosave);
  sg_autosave_flush (autosave);
  sg_autosave_changed (autosave);
  sg_autosave_flush (autosave);
  g_assert_cmpuint (saves->tickets->len, ==, 2);
  g_assert_cmpuint (sg_autosave_get_in_flight (autosave), ==, 2);

  /* The newer save lands first: everything is stored, the older one still runs. */
  sg_autosave_done (autosave, 2, NULL);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVING);
  sg_autosave_done (autosave, 1, NULL);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVED);
  g_assert_false (sg_autosave_get_dirty (autosave));
  saves_free (saves);
}

static void
test_failure (void)
{
  g_autoptr(SgAutosave) autosave = sg_autosave_new (60000, 60000);
  g_autoptr(GError) error = g_error_new_literal (SG_ERROR, SG_ERROR_IO, "The disk is full");
  Saves *saves = saves_new (autosave);

  sg_autosave_changed (autosave);
  sg_autosave_flush (autosave);
  sg_autosave_done (autosave, 1, error);

  /* Not stored: said so, kept unsaved, and not retried in a loop on its own. */
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_FAILED);
  g_assert_true (sg_autosave_get_dirty (autosave));
  g_assert_false (sg_autosave_get_scheduled (autosave));
  g_assert_cmpstr (sg_autosave_get_error (autosave)->message, ==, "The disk is full");

  /* The next flush tries again, and success clears the error. */
  sg_autosave_flush (autosave);
  g_assert_cmpuint (saves->tickets->len, ==, 2);
  g_assert_cmpuint (ticket (saves, 1), ==, 1);
  sg_autosave_done (autosave, 1, NULL);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVED);
  g_assert_null (sg_autosave_get_error (autosave));
  saves_free (saves);
}

static void
test_flush_sync (void)
{
  g_autoptr(SgAutosave) autosave = sg_autosave_new (60000, 60000);
  Saves *saves = saves_new (autosave);

  sg_autosave_changed (autosave);
  sg_autosave_changed (autosave);
  sg_autosave_changed (autosave);
  /* Closing: the save is asked to finish before flush_sync returns. */
  sg_autosave_flush_sync (autosave);
  g_assert_cmpuint (saves->waits, ==, 1);
  g_assert_cmpuint (ticket (saves, 0), ==, 3);
  g_assert_cmpint (sg_autosave_get_state (autosave), ==, SG_AUTOSAVE_SAVED);
  g_assert_false (sg_autosave_get_scheduled (autosave));

  /* Nothing new: closing again writes nothing. */
  sg_autosave_flush_sync (autosave);
  g_assert_cmpuint (saves->tickets->len, ==, 1);
  saves_free (saves);
}

static void
test_ceiling (void)
{
  g_autoptr(SgAutosave) autosave = sg_autosave_new (30, 60);
  Saves *saves = saves_new (autosave);
  guint edits = 0;

  saves->answer_at_once = TRUE;
  /* Someone typing without pause: each keystroke comes before the pause ends, yet saves happen. */
  while (saves->tickets->len < 2)
    {
      sg_autosave_changed (autosave);
      edits++;
      g_usleep (5000);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (edits, <, 5000);
    }
  /* Each save covered every edit made before it. */
  g_assert_cmpuint (ticket (saves, 0), <, ticket (saves, 1));
  g_assert_cmpuint (ticket (saves, 1), <=, edits);
  saves_free (saves);
}

/* ---- the editors' pure functions ---- */

static void
test_date_parse (void)
{
  char *iso = NULL;

  g_assert_true (sg_date_row_parse ("", &iso));
  g_assert_null (iso);
  g_assert_true (sg_date_row_parse ("   ", &iso));
  g_assert_null (iso);
  g_assert_true (sg_date_row_parse ("2025-03-01", &iso));
  g_assert_cmpstr (iso, ==, "2025-03-01");
  g_clear_pointer (&iso, g_free);
  g_assert_true (sg_date_row_parse (" 2025-3-9 ", &iso));
  g_assert_cmpstr (iso, ==, "2025-03-09");
  g_clear_pointer (&iso, g_free);
  g_assert_true (sg_date_row_parse ("2024-02-29", &iso));
  g_clear_pointer (&iso, g_free);
  /* Not dates. */
  g_assert_false (sg_date_row_parse ("2025-02-29", &iso));
  g_assert_false (sg_date_row_parse ("2025-13-01", &iso));
  g_assert_false (sg_date_row_parse ("next week", &iso));
  g_assert_false (sg_date_row_parse ("12", &iso));
  g_assert_false (sg_date_row_parse ("2025-03-01x", &iso));
  g_assert_null (iso);
}

static void
test_kpi_values (void)
{
  double v;

  g_assert_true (sg_kpi_row_parse_value ("", &v));
  g_assert_true (isnan (v));
  g_assert_true (sg_kpi_row_parse_value ("  ", &v));
  g_assert_true (isnan (v));
  g_assert_true (sg_kpi_row_parse_value ("4.5", &v));
  g_assert_cmpfloat (v, ==, 4.5);
  g_assert_true (sg_kpi_row_parse_value ("4,5", &v));
  g_assert_cmpfloat (v, ==, 4.5);
  g_assert_true (sg_kpi_row_parse_value ("4.5 %", &v));
  g_assert_cmpfloat (v, ==, 4.5);
  g_assert_true (sg_kpi_row_parse_value ("1,234.50", &v));
  g_assert_cmpfloat (v, ==, 1234.5);
  g_assert_true (sg_kpi_row_parse_value ("1.234,50", &v));
  g_assert_cmpfloat (v, ==, 1234.5);
  g_assert_true (sg_kpi_row_parse_value ("1,234,567", &v));
  g_assert_cmpfloat (v, ==, 1234567);
  g_assert_true (sg_kpi_row_parse_value ("€ 45", &v));
  g_assert_cmpfloat (v, ==, 45);
  g_assert_true (sg_kpi_row_parse_value ("−3", &v));
  g_assert_cmpfloat (v, ==, -3);
  g_assert_false (sg_kpi_row_parse_value ("about 5", &v));
  g_assert_false (sg_kpi_row_parse_value ("5x", &v));
  g_assert_false (sg_kpi_row_parse_value ("inf", &v));
  g_assert_false (sg_kpi_row_parse_value ("1e999", &v));
}

static void
test_kpi_describe (void)
{
  g_autoptr(SgKpi) kpi = sg_kpi_new (SG_KPI_CONVERSION_RATE);
  g_autofree char *none = sg_kpi_row_describe (kpi);
  g_autofree char *target_only = NULL;
  g_autofree char *both = NULL;

  g_assert_cmpstr (none, ==, "No baseline or target yet");
  kpi->target = 6;
  target_only = sg_kpi_row_describe (kpi);
  g_assert_nonnull (strstr (target_only, "6"));
  g_assert_nonnull (strstr (target_only, "Target"));
  kpi->baseline = 4.5;
  both = sg_kpi_row_describe (kpi);
  g_assert_nonnull (strstr (both, "4.5"));
  g_assert_nonnull (strstr (both, "→"));
}

static void
test_holdout_sentence (void)
{
  g_autofree char *none = sg_playbook_editor_describe_holdout (0.0, 1240);
  g_autofree char *ten = sg_playbook_editor_describe_holdout (0.10, 1240);
  g_autofree char *one = sg_playbook_editor_describe_holdout (0.10, 10);
  g_autofree char *nobody = sg_playbook_editor_describe_holdout (0.01, 20);

  g_assert_nonnull (strstr (none, "Everyone"));
  /* The brief's sentence, with the count the sampler will draw. */
  g_assert_cmpstr (ten, ==, "10% of this segment (124 customers) won’t be contacted, so you can measure the effect.");
  g_assert_cmpstr (one, ==, "10% of this segment (1 customer) won’t be contacted, so you can measure the effect.");
  g_assert_nonnull (strstr (nobody, "too small"));
}

static void
test_describe_lists (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_export_file_free);
  g_autofree char *many = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *single = NULL;

  for (guint i = 0; i < 3; i++)
    {
      SgExportFile *file = g_new0 (SgExportFile, 1);

      file->path = g_strdup_printf ("/tmp/x/%u.csv", i);
      file->segment_idx = (int) i;
      file->n_rows = 100 + i;
      file->n_control = 10;
      g_ptr_array_add (files, file);
    }
  many = sg_export_page_describe_lists (files, "exports", FALSE);
  g_assert_cmpstr (many, ==, "Exported 3 customer lists (303 customers, 30 of them in control groups) to “exports”.");
  skipped = sg_export_page_describe_lists (files, "exports", TRUE);
  g_assert_cmpstr (skipped, ==, "Exported 3 customer lists (303 customers) to “exports”.");
  g_ptr_array_set_size (files, 1);
  single = sg_export_page_describe_lists (files, "exports", FALSE);
  g_assert_cmpstr (single, ==, "Exported a list of 100 customers, 10 of them in control groups, to “exports”.");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autosave/deadline", test_deadline);
  g_test_add_func ("/autosave/coalesce", test_coalesce);
  g_test_add_func ("/autosave/flush", test_flush);
  g_test_add_func ("/autosave/edits-while-saving", test_edits_while_saving);
  g_test_add_func ("/autosave/out-of-order", test_out_of_order);
  g_test_add_func ("/autosave/failure", test_failure);
  g_test_add_func ("/autosave/flush-sync", test_flush_sync);
  g_test_add_func ("/autosave/ceiling", test_ceiling);
  g_test_add_func ("/editors/date-parse", test_date_parse);
  g_test_add_func ("/editors/kpi-values", test_kpi_values);
  g_test_add_func ("/editors/kpi-describe", test_kpi_describe);
  g_test_add_func ("/editors/holdout-sentence", test_holdout_sentence);
  g_test_add_func ("/export/describe-lists", test_describe_lists);

  return g_test_run ();
}
