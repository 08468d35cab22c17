/* sg-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgWindow"

#include <string.h>
#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-data-page.h"
#include "sg-export-page.h"
#include "sg-personas-page.h"
#include "sg-prepare-page.h"
#include "sg-recent-projects.h"
#include "sg-segment-page.h"
#include "sg-segments-page.h"
#include "sg-window-private.h"

G_DEFINE_FINAL_TYPE (SgWindow, sg_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const steps[] = { "data", "prepare", "segment", "segments", "personas", "export" };

char *
_sg_display_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize n = strlen (home);

  if (n > 1 && g_str_has_prefix (dir, home) && (dir[n] == '/' || dir[n] == '\0'))
    return g_strconcat ("~", dir + n, NULL);
  return g_steal_pointer (&dir);
}

char *
_sg_project_name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, SG_PROJECT_EXTENSION) && strlen (base) > strlen (SG_PROJECT_EXTENSION))
    base[strlen (base) - strlen (SG_PROJECT_EXTENSION)] = '\0';
  return g_steal_pointer (&base);
}

static GtkWidget *
recent_row_new (const char *path)
{
  g_autofree char *name = _sg_project_name_from_path (path);
  g_autofree char *folder = _sg_display_folder (path);
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s” from recent projects"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-clear-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (path));
  gtk_widget_set_tooltip_text (row, path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("x-office-document-symbolic"));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from this list (the file is kept)"));
  sg_a11y_set_label (remove, remove_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.forget-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (path));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
update_recent (SgWindow *self)
{
  g_auto(GStrv) recent = sg_recent_projects_get (self->settings);
  GtkWidget *child;
  guint n = g_strv_length (recent);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  g_menu_remove_all (self->recent_section);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = _sg_project_name_from_path (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      gtk_list_box_append (self->recent_list, recent_row_new (recent[i]));
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
  if (n == 0)
    /* An item without an action shows greyed out: the submenu explains itself. */
    g_menu_append (self->recent_section, _("No Recent Projects"), "win.no-recent-projects");

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n > 0);
}

static void
update_switcher_bar (SgWindow *self)
{
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, self->session != NULL && narrow);
}

static void
update_title (SgWindow *self)
{
  if (self->session != NULL)
    {
      SgProject *project = sg_session_get_project (self->session);
      g_autofree char *title = sg_session_dup_title (self->session);
      g_autofree char *folder = _sg_display_folder (sg_project_get_path (project));
      /* Translators: the window title: project name — application name */
      g_autofree char *window_title = g_strdup_printf (_("%s — Segmenta"), title);

      gtk_window_set_title (GTK_WINDOW (self), window_title);
      adw_view_switcher_title_set_title (self->switcher_title, title);
      adw_view_switcher_title_set_subtitle (self->switcher_title, folder);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Segmenta"));
      adw_view_switcher_title_set_title (self->switcher_title, _("Segmenta"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
    }
}

void
sg_window_set_project (SgWindow  *self,
                       SgProject *project)
{
  GtkWidget *pages[] = { self->data_page, self->prepare_page, self->segment_page,
                         self->segments_page, self->personas_page, self->export_page };

  g_return_if_fail (SG_IS_WINDOW (self));
  g_return_if_fail (SG_IS_PROJECT (project));

  g_clear_object (&self->session);
  self->session = sg_session_new (project);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_object_set (pages[i], "session", self->session, NULL);

  sg_recent_projects_add (self->settings, sg_project_get_path (project));
  update_title (self);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_widget_set_visible (self->import_button, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  adw_view_stack_set_visible_child_name (self->view_stack, "data");
  update_switcher_bar (self);

  /* The question is answered, however the project came (a drop, the recent list…). */
  if (self->ask_dialog != NULL)
    gtk_window_destroy (self->ask_dialog);
  self->asking_for_project = FALSE;
  self->opening = FALSE;
  _sg_window_next_import (self);
}

gboolean
sg_window_has_project (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), FALSE);

  return self->session != NULL;
}

gboolean
sg_window_is_showing (SgWindow *self,
                      GFile    *file)
{
  g_autoptr(GFile) shown = NULL;

  g_return_val_if_fail (SG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->session == NULL)
    return FALSE;
  shown = g_file_new_for_path (sg_project_get_path (sg_session_get_project (self->session)));
  return g_file_equal (shown, file);
}

SgSession *
sg_window_get_session (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  return self->session;
}

void
sg_window_show_step (SgWindow   *self,
                     const char *step)
{
  g_return_if_fail (SG_IS_WINDOW (self));
  g_return_if_fail (g_strv_contains (steps, step));

  if (self->session != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, step);
}

void
sg_window_show_persona (SgWindow *self,
                        guint     idx)
{
  g_return_if_fail (SG_IS_WINDOW (self));

  sg_window_show_step (self, "personas");
  sg_personas_page_show_segment (SG_PERSONAS_PAGE (self->personas_page), idx);
}

void
sg_window_add_toast (SgWindow   *self,
                     const char *message)
{
  g_return_if_fail (SG_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sg_window_show_step (SG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SgWindow *self = SG_WINDOW (widget);

  sg_recent_projects_remove (self->settings, g_variant_get_string (parameter, NULL));
}

static void
load_window_state (SgWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sg_window_close_request (GtkWindow *window)
{
  SgWindow *self = SG_WINDOW (window);
  int width, height;

  /* The default size follows the window's size while it is not maximised. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (sg_window_parent_class)->close_request (window);
}

static void
sg_window_dispose (GObject *object)
{
  SgWindow *self = SG_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->pending_imports, g_object_unref);
  if (self->ask_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->ask_dialog), (gpointer *) &self->ask_dialog);
  self->ask_dialog = NULL;
  /* Detach the switchers first: disposed after the stack, they would reach into its dead pages. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_WINDOW);

  G_OBJECT_CLASS (sg_window_parent_class)->dispose (object);
}

static void
sg_window_finalize (GObject *object)
{
  SgWindow *self = SG_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sg_window_parent_class)->finalize (object);
}

static void
sg_window_class_init (SgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sg_window_dispose;
  object_class->finalize = sg_window_finalize;
  window_class->close_request = sg_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SgWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, drop_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, drop_label);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, prepare_page);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, segment_page);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, segments_page);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, personas_page);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, export_page);

  g_type_ensure (SG_TYPE_DATA_PAGE);
  g_type_ensure (SG_TYPE_PREPARE_PAGE);
  g_type_ensure (SG_TYPE_SEGMENT_PAGE);
  g_type_ensure (SG_TYPE_SEGMENTS_PAGE);
  g_type_ensure (SG_TYPE_PERSONAS_PAGE);
  g_type_ensure (SG_TYPE_EXPORT_PAGE);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, _sg_window_new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, _sg_window_open_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", _sg_window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, _sg_window_import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.show-step", "s", show_step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-step", "s", steps[i]);
}

static void
sg_window_init (SgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_a11y_fix_names (GTK_WIDGET (self));

  self->settings = g_settings_new (SG_SETTINGS_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->pending_imports);

  g_signal_connect_object (self->settings, "changed::" SG_RECENT_PROJECTS_KEY,
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);

  load_window_state (self);
  update_recent (self);
  update_title (self);
  update_switcher_bar (self);
  _sg_window_setup_drop_target (self);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

SgWindow *
sg_window_new (SgApplication *application)
{
  return g_object_new (SG_TYPE_WINDOW, "application", application, NULL);
}
