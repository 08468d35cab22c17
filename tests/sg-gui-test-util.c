/* sg-gui-test-util.c — helpers shared by the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sg-gui-test-util.h"

static gboolean have_display;
static guint wait_seconds = 120;
static guint drain_iterations = 200;

void
sg_gui_test_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
}

gboolean
sg_gui_test_has_display (void)
{
  return have_display;
}

void
sg_gui_test_set_wait_seconds (guint seconds)
{
  wait_seconds = seconds;
}

void
sg_gui_test_set_drain_iterations (guint iterations)
{
  drain_iterations = iterations;
}

gboolean
sg_gui_test_wait_until (SgGuiTestCondition condition,
                        gpointer           data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

void
sg_gui_test_drain_main_loop (void)
{
  for (guint i = 0; i < drain_iterations && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

void
sg_gui_test_collect (GtkWidget *root,
                     GType      type,
                     GPtrArray *found)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sg_gui_test_collect (child, type, found);
}

GtkWidget *
sg_gui_test_find_widget (GtkWidget *root,
                         GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_gui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
sg_gui_test_find_button (GtkWidget  *root,
                         const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_gui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
sg_gui_test_find_row (GtkWidget  *root,
                      const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_gui_test_find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwMessageDialog *
sg_gui_test_find_message (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

gboolean
sg_gui_test_label_shown (GtkWidget  *root,
                         const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  sg_gui_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)) &&
        g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

gboolean
sg_gui_test_label_with_prefix_shown (GtkWidget  *root,
                                     const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  sg_gui_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)) &&
        g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), prefix))
      return TRUE;
  return FALSE;
}
