/* sg-presentation-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgPresentationWindow"

#include <glib/gi18n.h>

#include "sg-presentation-window.h"
#include "widgets/sg-zoom-bin.h"

/* The dashboard is laid out for this width; wider screens show it larger, up to twice. */
#define DESIGN_WIDTH 1280
#define MAX_SCALE    2.0

struct _SgPresentationWindow
{
  AdwWindow  parent_instance;

  GtkWidget *zoom;
};

G_DEFINE_FINAL_TYPE (SgPresentationWindow, sg_presentation_window, ADW_TYPE_WINDOW)

static void
sg_presentation_window_class_init (SgPresentationWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
sg_presentation_window_init (SgPresentationWindow *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *leave = gtk_button_new_from_icon_name ("view-restore-symbolic");

  self->zoom = sg_zoom_bin_new (DESIGN_WIDTH, MAX_SCALE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->zoom);

  /* A way out for those who do not know the key. */
  gtk_widget_set_halign (leave, GTK_ALIGN_END);
  gtk_widget_set_valign (leave, GTK_ALIGN_START);
  gtk_widget_set_margin_top (leave, 12);
  gtk_widget_set_margin_end (leave, 18);
  gtk_widget_add_css_class (leave, "osd");
  gtk_widget_add_css_class (leave, "circular");
  gtk_widget_set_tooltip_text (leave, _("Leave Presentation (Esc)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (leave), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Leave Presentation"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave), "window.close");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), leave);

  adw_window_set_content (ADW_WINDOW (self), overlay);
  gtk_window_set_title (GTK_WINDOW (self), _("Segments — Presentation"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
}

GtkWidget *
sg_presentation_window_new (GtkWindow *parent,
                            GtkWidget *content)
{
  SgPresentationWindow *self;
  int width = 1280, height = 800;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (content) && gtk_widget_get_parent (content) == NULL, NULL);

  self = g_object_new (SG_TYPE_PRESENTATION_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  /* Without a window manager to honour full screen, at least as large as the window it came from. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      width = gtk_widget_get_width (GTK_WIDGET (parent));
      height = gtk_widget_get_height (GTK_WIDGET (parent));
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  sg_zoom_bin_set_child (SG_ZOOM_BIN (self->zoom), content);
  gtk_window_fullscreen (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}

GtkWidget *
sg_presentation_window_take_content (SgPresentationWindow *self)
{
  GtkWidget *content;

  g_return_val_if_fail (SG_IS_PRESENTATION_WINDOW (self), NULL);

  content = sg_zoom_bin_get_child (SG_ZOOM_BIN (self->zoom));
  if (content == NULL)
    return NULL;
  g_object_ref (content);
  sg_zoom_bin_set_child (SG_ZOOM_BIN (self->zoom), NULL);
  return content;
}
