/* sg-segment-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentCard"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-chart-format.h"
#include "sg-format.h"
#include "sg-palette.h"
#include "sg-segment-card.h"

struct _SgSegmentCard
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDrawingArea *swatch;
  GtkLabel       *name_label;
  GtkLabel       *share_label;
  GtkLabel       *size_label;
  GtkDrawingArea *share_bar;
  GtkBox         *facts_box;
  GtkWidget      *buttons;
  GtkWidget      *persona_button;
  GtkWidget      *details_button;

  guint           index;
  char           *name;
  double          share;
};

G_DEFINE_FINAL_TYPE (SgSegmentCard, sg_segment_card, GTK_TYPE_WIDGET)

/* The colour the charts give segment @index, lighter on a dark background as they draw it. */
static SgRgb
segment_color (guint index)
{
  SgRgb color = sg_palette_segment ((int) index);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    return sg_rgb_mix (color, (SgRgb) { 1, 1, 1 }, 0.2);
  return color;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SgSegmentCard *self = user_data;
  SgRgb color = segment_color (self->index);

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill (cr);
}

/* A track, and the segment's share of it in its colour. */
static void
draw_share (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SgSegmentCard *self = user_data;
  SgRgb color = segment_color (self->index);
  GdkRGBA fg;
  double r = height / 2.0, filled = CLAMP (self->share, 0, 1) * width;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_new_path (cr);
  cairo_arc (cr, r, r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, 0, MAX (filled, self->share > 0 ? 2 : 0), height);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill (cr);
}

static void
redraw (SgSegmentCard *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
  gtk_widget_queue_draw (GTK_WIDGET (self->share_bar));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SgSegmentCard   *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  /* The buttons handle their own clicks. */
  for (GtkWidget *w = target; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w))
      return;
  gtk_widget_activate_action (GTK_WIDGET (self), "segments.show-segment", "i", (gint32) self->index);
}

static void
sg_segment_card_dispose (GObject *object)
{
  SgSegmentCard *self = SG_SEGMENT_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_SEGMENT_CARD);
  G_OBJECT_CLASS (sg_segment_card_parent_class)->dispose (object);
}

static void
sg_segment_card_finalize (GObject *object)
{
  SgSegmentCard *self = SG_SEGMENT_CARD (object);

  g_free (self->name);
  G_OBJECT_CLASS (sg_segment_card_parent_class)->finalize (object);
}

static void
sg_segment_card_class_init (SgSegmentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_segment_card_dispose;
  object_class->finalize = sg_segment_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-segment-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, box);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, swatch);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, share_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, size_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, share_bar);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, facts_box);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, buttons);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, persona_button);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCard, details_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "segment-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sg_segment_card_init (SgSegmentCard *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
  gtk_drawing_area_set_draw_func (self->share_bar, draw_share, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (redraw), self,
                           G_CONNECT_SWAPPED);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
}

GtkWidget *
sg_segment_card_new (void)
{
  return g_object_new (SG_TYPE_SEGMENT_CARD, NULL);
}

void
sg_segment_card_set_segment (SgSegmentCard *self,
                             guint          index,
                             const char    *name,
                             guint64        size,
                             double         share)
{
  g_autofree char *share_text = NULL, *count = NULL, *size_text = NULL;
  g_autofree char *details = NULL, *persona = NULL, *label = NULL;

  g_return_if_fail (SG_IS_SEGMENT_CARD (self));

  self->index = index;
  g_free (self->name);
  self->name = g_strdup (name);
  self->share = share;
  share_text = sg_chart_format_percent (share);
  count = sg_format_count (size);
  size_text = g_strdup_printf (ngettext ("%s customer", "%s customers", size), count);
  gtk_label_set_text (self->name_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), name);
  gtk_label_set_text (self->share_label, share_text);
  gtk_label_set_text (self->size_label, size_text);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->details_button), g_variant_new_int32 (index));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->persona_button), g_variant_new_int32 (index));
  details = g_strdup_printf (_("Details of %s"), name);
  persona = g_strdup_printf (_("Persona of %s"), name);
  sg_a11y_set_label (self->details_button, details);
  sg_a11y_set_label (self->persona_button, persona);
  /* Translators: a segment card's accessible label: name, share, size */
  label = g_strdup_printf (_("%s: %s of customers, %s"), name, share_text, size_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  redraw (self);
}

void
sg_segment_card_set_facts (SgSegmentCard      *self,
                           const char * const *facts)
{
  GtkWidget *child;

  g_return_if_fail (SG_IS_SEGMENT_CARD (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_box))) != NULL)
    gtk_box_remove (self->facts_box, child);
  for (guint i = 0; facts != NULL && facts[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (facts[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* Narrow cards, so that five fit side by side on a laptop. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_widget_add_css_class (label, "segment-fact");
      gtk_box_append (self->facts_box, label);
    }
}

guint
sg_segment_card_get_index (SgSegmentCard *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_CARD (self), 0);

  return self->index;
}

const char *
sg_segment_card_get_name (SgSegmentCard *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_CARD (self), NULL);

  return self->name;
}

void
sg_segment_card_set_presenting (SgSegmentCard *self,
                                gboolean       presenting)
{
  g_return_if_fail (SG_IS_SEGMENT_CARD (self));

  gtk_widget_set_visible (self->buttons, !presenting);
}
