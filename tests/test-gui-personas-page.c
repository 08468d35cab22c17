/* test-gui-personas-page.c — the Personas & Playbooks step on the demo project: typing into a persona is
 * saved (after the pause, on switching segments, on closing), undo restores what was typed over,
 * templates fill playbooks (and can be undone), control groups follow the holdout share, a persona is
 * copied to another run, and a project without segments says where to go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (run under Xvfb by the gui runner); skipped without one.
 */
#include "config.h"

#include <adwaita.h>

#include "sg-error.h"
#include "sg-gui-test-util.h"
#include "sg-holdout.h"
#include "sg-markdown-field.h"
#include "sg-persona.h"
#include "sg-personas-page.h"
#include "sg-playbook.h"
#include "sg-playbook-templates.h"
#include "sg-segmenter.h"
#include "sg-session.h"
#include "sg-test-util.h"
#include "sg-window.h"

/* ---- helpers ---- */

static gboolean
page_idle_cb (gpointer data)
{
  return !sg_personas_page_get_busy (data);
}

/* A copy of the demo project (opening may write to it), or NULL with the test skipped. */
static char *
copy_demo (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.segmenta", name);
  g_autofree char *copy = sg_test_tmp_path (file);

  if (!sg_test_copy_demo_project (copy))
    {
      g_test_skip ("The demo project was not built");
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static gint64
dataset_id (SgProject  *project,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgDatasetInfo) info = sg_project_find_dataset (project, name, &error);

  g_assert_no_error (error);
  return info->id;
}

/* A segmentation of the demo customers by age, as the Segment step would make it. */
static gint64
make_run (SgProject *project,
          guint      k)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *features[] = { "age", NULL };

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset_id (project, "customers");
  settings.features = g_strdupv ((char **) features);
  settings.k = k;
  settings.seed = 7;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  g_assert_cmpuint (outcome->k, ==, k);
  return outcome->run_id;
}

static SgWindow *
window_on (SgProject *project)
{
  SgWindow *window = g_object_new (SG_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  sg_window_set_project (window, project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-step", "s", "personas"));
  sg_gui_test_drain_main_loop ();
  return window;
}

static SgPersonasPage *
personas_page (SgWindow *window)
{
  SgPersonasPage *page = SG_PERSONAS_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_PERSONAS_PAGE));

  g_assert_nonnull (page);
  return page;
}

/* Types @text at the end of an entry, one character at a time, as a keyboard would. */
static void
type_into_entry (GtkWidget  *entry,
                 const char *text)
{
  int position = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);

  gtk_widget_grab_focus (entry);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char c[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), c);
      gtk_editable_insert_text (GTK_EDITABLE (entry), c, -1, &position);
    }
  gtk_editable_set_position (GTK_EDITABLE (entry), position);
}

static void
type_into_text (SgMarkdownField *field,
                const char      *text)
{
  GtkTextView *view = sg_markdown_field_get_text_view (field);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

static char *
text_of (SgMarkdownField *field)
{
  return sg_markdown_field_dup_text (field);
}

/* The persona stored in the project file, read through a connection of its own. */
static SgPersona *
stored_persona (const char *path,
                gint64      run_id,
                guint       segment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_open (path, &error);
  SgPersona *persona;

  g_assert_no_error (error);
  persona = sg_project_load_persona (project, run_id, segment, &error);
  g_assert_no_error (error);
  return persona;
}

/* ---- personas ---- */

static void
test_persona_autosave (void)
{
  g_autofree char *path = copy_demo ("persona-autosave");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgPersona) stored = NULL;
  g_autofree char *draft_name = NULL;
  SgPersonaEditor *editor;
  SgPersonasPage *page;
  SgWindow *window;
  GtkWidget *name_row, *tagline_row;
  SgMarkdownField *description;
  gint64 run_id;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  run_id = make_run (project, 3);

  window = window_on (project);
  page = personas_page (window);
  g_assert_true (sg_personas_page_get_ready (page));
  g_assert_cmpuint (sg_personas_page_get_segment (page), ==, 0);
  editor = sg_personas_page_get_persona_editor (page);
  name_row = sg_persona_editor_get_field_widget (editor, SG_PERSONA_NAME);
  description = SG_MARKDOWN_FIELD (sg_persona_editor_get_field_widget (editor, SG_PERSONA_DESCRIPTION));

  /* A first draft named after the segment, not stored until the user writes. */
  draft_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row)));
  g_assert_cmpstr (draft_name, !=, "");
  g_assert_false (sg_personas_page_get_busy (page));
  g_assert_null (sg_project_load_persona (project, run_id, 0, NULL));

  /* Typing: the page saves on its own after the pause. */
  gtk_editable_delete_text (GTK_EDITABLE (name_row), 0, -1);
  type_into_entry (name_row, "Loyal Lena");
  type_into_text (description, "Shops **every week**.\n- Mostly on her phone");
  g_assert_true (sg_personas_page_get_busy (page));
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_cmpstr (sg_personas_page_get_save_text (page), ==, "Saved");

  stored = stored_persona (path, run_id, 0);
  g_assert_cmpstr (sg_persona_get_name (stored), ==, "Loyal Lena");
  g_assert_cmpstr (sg_persona_get_field (stored, SG_PERSONA_DESCRIPTION), ==,
                   "Shops **every week**.\n- Mostly on her phone");
  g_clear_object (&stored);

  /* Another segment, then back: what is shown comes from the project. */
  sg_personas_page_show_segment (page, 1);
  sg_gui_test_drain_main_loop ();
  g_assert_cmpuint (sg_personas_page_get_segment (page), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), !=, "Loyal Lena");
  sg_personas_page_show_segment (page, 0);
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Loyal Lena");

  /* Switching segments right after typing saves what was typed (no pause needed). */
  type_into_entry (name_row, " (VIP)");
  sg_personas_page_show_segment (page, 2);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  stored = stored_persona (path, run_id, 0);
  g_assert_cmpstr (sg_persona_get_name (stored), ==, "Loyal Lena (VIP)");
  g_clear_object (&stored);

  /* Closing the window right after a keystroke loses nothing. */
  sg_personas_page_show_segment (page, 0);
  sg_gui_test_drain_main_loop ();
  tagline_row = sg_persona_editor_get_field_widget (editor, SG_PERSONA_TAGLINE);
  type_into_entry (tagline_row, "Never waits for a sale");
  gtk_window_destroy (GTK_WINDOW (window));
  stored = stored_persona (path, run_id, 0);
  g_assert_cmpstr (sg_persona_get_field (stored, SG_PERSONA_TAGLINE), ==, "Never waits for a sale");
  sg_gui_test_drain_main_loop ();
}

static void
test_persona_undo (void)
{
  g_autofree char *path = copy_demo ("persona-undo");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgPersona) stored = NULL;
  g_autofree char *name_before = NULL;
  g_autofree char *demographics_before = NULL;
  g_autofree char *demographics_now = NULL;
  g_autofree char *name_typed = NULL;
  SgPersonaEditor *editor;
  SgPersonasPage *page;
  SgWindow *window;
  GtkWidget *name_row;
  GtkWidget *name_text;
  SgMarkdownField *demographics;
  GtkTextBuffer *buffer;
  gint64 run_id;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  run_id = make_run (project, 3);

  window = window_on (project);
  page = personas_page (window);
  editor = sg_personas_page_get_persona_editor (page);
  name_row = sg_persona_editor_get_field_widget (editor, SG_PERSONA_NAME);
  name_text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (name_row)));
  demographics = SG_MARKDOWN_FIELD (sg_persona_editor_get_field_widget (editor, SG_PERSONA_DEMOGRAPHICS));
  buffer = gtk_text_view_get_buffer (sg_markdown_field_get_text_view (demographics));
  name_before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row)));
  demographics_before = text_of (demographics);
  name_typed = g_strconcat (name_before, " and friends", NULL);

  /* Loading a persona is not something to undo. */
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  gtk_widget_activate_action (name_text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, name_before);

  /* Typed text is: Ctrl+Z in a one-line field (GTK undoes a word at a time), and in a text. Undo stops
   * at the text as loaded. */
  type_into_entry (name_row, " and friends");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, name_typed);
  for (guint i = 0; i < 4 && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name_row)), name_before) != 0; i++)
    g_assert_true (gtk_widget_activate_action (name_text, "text.undo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, name_before);
  gtk_widget_activate_action (name_text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, name_before);
  g_assert_true (gtk_widget_activate_action (name_text, "text.redo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), !=, name_before);
  for (guint i = 0; i < 4 && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name_row)), name_before) != 0; i++)
    gtk_widget_activate_action (name_text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, name_before);

  type_into_text (demographics, "\n- Lives in a city");
  demographics_now = text_of (demographics);
  g_assert_cmpstr (demographics_now, !=, demographics_before);
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  g_clear_pointer (&demographics_now, g_free);
  demographics_now = text_of (demographics);
  g_assert_cmpstr (demographics_now, ==, demographics_before);

  /* Undoing is an edit like any other: the project ends with the text as it is now. */
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  stored = stored_persona (path, run_id, 0);
  g_assert_cmpstr (sg_persona_get_name (stored), ==, name_before);
  g_assert_cmpstr (sg_persona_get_field (stored, SG_PERSONA_DEMOGRAPHICS), ==,
                   *demographics_before != '\0' ? demographics_before : NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- playbooks ---- */

static void
test_playbook_template_and_holdout (void)
{
  g_autofree char *path = copy_demo ("playbook");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgProject) reader = NULL;
  g_autoptr(SgPlaybook) stored = NULL;
  g_autoptr(SgHoldout) holdout = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  const SgPlaybookTemplate *suggested;
  SgPlaybookEditor *editor;
  SgPersonasPage *page;
  SgPlaybook *playbook;
  SgWindow *window;
  GtkWidget *start_row;
  guint64 size;
  guint n_kpis;
  gint64 run_id;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  run_id = make_run (project, 3);
  segments = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);
  size = ((SgSegmentInfo *) g_ptr_array_index (segments, 0))->size;

  window = window_on (project);
  page = personas_page (window);
  editor = sg_personas_page_get_playbook_editor (page);

  /* No playbook yet; the template suggested by the segment's name is offered. */
  g_assert_null (sg_playbook_editor_get_playbook (editor));
  suggested = sg_playbook_template_lookup (sg_playbook_editor_get_suggested_template (editor));
  g_assert_nonnull (suggested);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "playbook.use-suggested", NULL));
  playbook = sg_playbook_editor_get_playbook (editor);
  g_assert_nonnull (playbook);
  g_assert_cmpstr (sg_playbook_get_template (playbook), ==, suggested->id);
  g_assert_cmpint (sg_playbook_get_objective (playbook), ==, suggested->objective);
  g_assert_cmpstr (sg_playbook_get_field (playbook, SG_PLAYBOOK_TONE), !=, NULL);
  n_kpis = sg_playbook_get_n_kpis (playbook);
  g_assert_cmpuint (n_kpis, >, 0);

  /* A control group of 20 %: the page draws it in the project. */
  gtk_spin_button_set_value (sg_playbook_editor_get_holdout_spin (editor), 20);
  g_assert_cmpfloat_with_epsilon (sg_playbook_get_holdout_share (playbook), 0.20, 1e-9);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  reader = sg_project_open (path, &error);
  g_assert_no_error (error);
  stored = sg_project_load_playbook (reader, run_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (sg_playbook_get_holdout_share (stored), 0.20, 1e-9);
  holdout = sg_project_load_holdout (reader, run_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holdout->rows->len, ==, sg_holdout_target_size (0.20, size));
  g_assert_cmpuint (holdout->rows->len, >, 0);
  g_clear_pointer (&holdout, sg_holdout_free);

  /* No control group: the stored one goes. */
  gtk_spin_button_set_value (sg_playbook_editor_get_holdout_spin (editor), 0);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  holdout = sg_project_load_holdout (reader, run_id, 0, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Another template over it, then Undo: the playbook is as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "playbook.use-template", "s",
                                             g_strcmp0 (suggested->id, "win-back") == 0 ? "onboarding" : "win-back"));
  g_assert_cmpstr (sg_playbook_get_template (sg_playbook_editor_get_playbook (editor)), !=, suggested->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "personas.undo-template", NULL));
  playbook = sg_playbook_editor_get_playbook (editor);
  g_assert_cmpstr (sg_playbook_get_template (playbook), ==, suggested->id);
  g_assert_cmpfloat (sg_playbook_get_holdout_share (playbook), ==, 0.0);

  /* A KPI more; a date that is not one is refused, a real one is kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "playbook.add-kpi", NULL));
  g_assert_cmpuint (sg_playbook_get_n_kpis (playbook), ==, n_kpis + 1);
  start_row = sg_playbook_editor_get_field_widget (editor, SG_PLAYBOOK_START_DATE);
  type_into_entry (start_row, "2025-13-01");
  g_assert_true (gtk_widget_has_css_class (start_row, "error"));
  g_assert_null (sg_playbook_get_field (playbook, SG_PLAYBOOK_START_DATE));
  gtk_editable_set_text (GTK_EDITABLE (start_row), "2025-03-01");
  g_assert_false (gtk_widget_has_css_class (start_row, "error"));
  g_assert_cmpstr (sg_playbook_get_field (playbook, SG_PLAYBOOK_START_DATE), ==, "2025-03-01");

  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_clear_object (&stored);
  stored = sg_project_load_playbook (reader, run_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_playbook_get_n_kpis (stored), ==, n_kpis + 1);
  g_assert_cmpstr (sg_playbook_get_field (stored, SG_PLAYBOOK_START_DATE), ==, "2025-03-01");
  g_assert_cmpstr (sg_playbook_get_template (stored), ==, suggested->id);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- copying, and a project without segments ---- */

static void
test_copy_persona (void)
{
  g_autofree char *path = copy_demo ("copy");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgPersona) copied = NULL;
  AdwMessageDialog *message;
  GtkDropDown *runs;
  SgPersonaEditor *editor;
  SgPersonasPage *page;
  SgWindow *window;
  GtkWidget *name_row;
  gint64 older, newer;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  older = make_run (project, 2);
  newer = make_run (project, 3);

  window = window_on (project);
  page = personas_page (window);
  /* The newest run is the one shown. */
  g_assert_cmpint (sg_session_get_run_id (sg_window_get_session (window)), ==, newer);
  editor = sg_personas_page_get_persona_editor (page);
  name_row = sg_persona_editor_get_field_widget (editor, SG_PERSONA_NAME);
  gtk_editable_delete_text (GTK_EDITABLE (name_row), 0, -1);
  type_into_entry (name_row, "Bargain Ben");

  /* Copied as typed (no need to wait for the autosave first). */
  g_assert_true (sg_personas_page_copy_persona_to (page, older, 1, FALSE, &error));
  g_assert_no_error (error);
  copied = stored_persona (path, older, 1);
  g_assert_cmpstr (sg_persona_get_name (copied), ==, "Bargain Ben");

  /* The target has one now: not replaced unless asked. */
  g_assert_false (sg_personas_page_copy_persona_to (page, older, 1, FALSE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (sg_personas_page_copy_persona_to (page, older, 1, TRUE, &error));
  g_assert_no_error (error);

  /* Through the dialog: the other run is offered first; its first segment gets the persona. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "personas.copy-persona", NULL));
  sg_gui_test_drain_main_loop ();
  message = sg_gui_test_find_message ("Copy Persona");
  g_assert_nonnull (message);
  runs = GTK_DROP_DOWN (sg_gui_test_find_widget (adw_message_dialog_get_extra_child (message), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (runs);
  g_assert_cmpuint (gtk_drop_down_get_selected (runs), ==, 1);   /* runs are listed newest first */
  g_assert_true (adw_message_dialog_get_response_enabled (message, "copy"));
  adw_message_dialog_response (message, "copy");
  gtk_window_destroy (GTK_WINDOW (message));
  sg_gui_test_drain_main_loop ();
  g_clear_object (&copied);
  copied = stored_persona (path, older, 0);
  g_assert_cmpstr (sg_persona_get_name (copied), ==, "Bargain Ben");

  /* Again: it has one now, so the user is asked before it is replaced. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "personas.copy-persona", NULL));
  sg_gui_test_drain_main_loop ();
  message = sg_gui_test_find_message ("Copy Persona");
  adw_message_dialog_response (message, "copy");
  gtk_window_destroy (GTK_WINDOW (message));
  sg_gui_test_drain_main_loop ();
  message = sg_gui_test_find_message ("Replace Its Persona?");
  g_assert_nonnull (message);
  adw_message_dialog_response (message, "replace");
  gtk_window_destroy (GTK_WINDOW (message));
  sg_gui_test_drain_main_loop ();

  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

static void
test_no_run (void)
{
  g_autofree char *path = copy_demo ("no-run");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  SgPersonasPage *page;
  SgWindow *window;
  GtkWidget *back;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);

  window = window_on (project);
  page = personas_page (window);
  g_assert_false (sg_personas_page_get_ready (page));
  g_assert_cmpuint (sg_personas_page_get_segment (page), ==, G_MAXUINT);
  /* Why not, and the way to the step that makes segments. */
  back = sg_gui_test_find_button (GTK_WIDGET (page), "Go to Segment");
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_mapped (back));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (back)), ==, "win.show-step");

  /* A run made meanwhile (the Segment step reloads the session): the page fills. */
  make_run (project, 3);
  g_assert_true (sg_session_reload (sg_window_get_session (window), &error));
  g_assert_no_error (error);
  sg_gui_test_drain_main_loop ();
  g_assert_true (sg_personas_page_get_ready (page));
  g_assert_cmpuint (sg_personas_page_get_segment (page), ==, 0);
  g_assert_false (gtk_widget_get_mapped (back));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

int
main (int    argc,
      char **argv)
{
  sg_gui_test_init (&argc, &argv);

  g_test_add_func ("/personas/autosave", test_persona_autosave);
  g_test_add_func ("/personas/undo", test_persona_undo);
  g_test_add_func ("/personas/playbook", test_playbook_template_and_holdout);
  g_test_add_func ("/personas/copy", test_copy_persona);
  g_test_add_func ("/personas/no-run", test_no_run);

  return g_test_run ();
}
