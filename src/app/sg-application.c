/* sg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgApplication"

#include <glib/gi18n.h>

#include "sg-application.h"
#include "sg-window.h"

struct _SgApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SgApplication, sg_application, ADW_TYPE_APPLICATION)

gboolean
sg_file_is_table (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL &&
         (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
          g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".tab"));
}

static SgWindow *
new_window (SgApplication *self)
{
  SgWindow *window = sg_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The window a file from outside should go to: the one showing it, else the active window if it has no
 * project yet, else a new one. */
static SgWindow *
window_for_project (SgApplication *self,
                    GFile         *file)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SG_IS_WINDOW (l->data) && sg_window_is_showing (SG_WINDOW (l->data), file))
      return SG_WINDOW (l->data);

  if (SG_IS_WINDOW (active) && !sg_window_has_project (SG_WINDOW (active)))
    return SG_WINDOW (active);
  return new_window (self);
}

static void
sg_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (new_window (SG_APPLICATION (app)));
  gtk_window_present (window);
}

static void
sg_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SgApplication *self = SG_APPLICATION (app);
  SgWindow *target = NULL;

  /* Projects first, so that tables given with them are imported into the project just opened. */
  for (int i = 0; i < n_files; i++)
    if (!sg_file_is_table (files[i]))
      {
        target = window_for_project (self, files[i]);
        gtk_window_present (GTK_WINDOW (target));
        if (!sg_window_is_showing (target, files[i]))
          sg_window_open_project (target, files[i]);
      }

  for (int i = 0; i < n_files; i++)
    if (sg_file_is_table (files[i]))
      {
        if (target == NULL)
          {
            GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

            target = SG_IS_WINDOW (active) ? SG_WINDOW (active) : new_window (self);
          }
        /* Raised before the import asks anything, so that its dialog comes on top. */
        gtk_window_present (GTK_WINDOW (target));
        sg_window_import_file (target, files[i]);
      }
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;

  /* Closing each window first lets it cancel its work and save its size. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;)
    {
      GList *next = l->next;

      gtk_window_close (l->data);
      l = next;
    }
  g_application_quit (app);
}

static void
new_window_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  new_window (SG_APPLICATION (user_data));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Segmenta developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        /* The icon in the resources: found installed or not, .Devel or not. */
                        "application-icon", "io.github.segmenta.Segmenta",
                        "application-name", _("Segmenta"),
                        "developer-name", _("The Segmenta developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Turn your customer data into segments you can act on: find groups of "
                                      "customers who behave alike, read what sets each apart, write personas "
                                      "and playbooks, and export the lists. Your data never leaves your "
                                      "computer."),
                        "website", "https://github.com/segmenta/segmenta",
                        "issue-url", "https://github.com/segmenta/segmenta/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Segmenta developers",
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "new-window", new_window_action_cb },
  { "about", about_action_cb },
};

static void
sg_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *help_accels[] = { "F1", "<Control>question", NULL };

  G_APPLICATION_CLASS (sg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_window_set_default_icon_name ("io.github.segmenta.Segmenta");
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
sg_application_class_init (SgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = sg_application_startup;
  app_class->activate = sg_application_activate;
  app_class->open = sg_application_open;
}

static void
sg_application_init (SgApplication *self)
{
}

SgApplication *
sg_application_new (void)
{
  return g_object_new (SG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources for the .Devel id. */
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
