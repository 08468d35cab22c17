/* sg-swatch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSwatch"

#include "sg-palette.h"
#include "sg-swatch.h"

struct _SgSwatch
{
  GtkWidget  parent_instance;

  int        size;
  char      *color;
  char      *text;
  GdkRGBA    rgba;
};

G_DEFINE_FINAL_TYPE (SgSwatch, sg_swatch, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SIZE,
  PROP_COLOR,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
sg_swatch_segment_color (int index)
{
  SgRgb c = sg_palette_segment (index);

  return g_strdup_printf ("#%02x%02x%02x", (guint) (c.red * 255 + 0.5), (guint) (c.green * 255 + 0.5),
                          (guint) (c.blue * 255 + 0.5));
}

static void
sg_swatch_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  SgSwatch *self = SG_SWATCH (widget);

  *minimum = *natural = self->size;
}

static void
sg_swatch_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  SgSwatch *self = SG_SWATCH (widget);
  float w = gtk_widget_get_width (widget);
  float h = gtk_widget_get_height (widget);
  float d = MIN (w, h);
  graphene_rect_t rect = GRAPHENE_RECT_INIT ((w - d) / 2, (h - d) / 2, d, d);
  GskRoundedRect disc;

  if (d <= 0)
    return;
  gsk_rounded_rect_init_from_rect (&disc, &rect, d / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect);
  gtk_snapshot_pop (snapshot);

  if (self->text != NULL && *self->text != '\0')
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->text);
      PangoFontDescription *font = pango_font_description_new ();
      SgRgb bg = { self->rgba.red, self->rgba.green, self->rgba.blue };
      SgRgb fg = sg_rgb_text_on (bg);
      GdkRGBA ink = { fg.red, fg.green, fg.blue, 1.0 };
      int tw, th;

      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      /* Two initials fit in the disc; an emoji is a little larger. */
      pango_font_description_set_absolute_size (font, d * (g_utf8_strlen (self->text, -1) > 2 ? 0.30 : 0.40)
                                                      * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - tw) / 2.0f, (h - th) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &ink);
      gtk_snapshot_restore (snapshot);
    }
}

void
sg_swatch_set_color (SgSwatch   *self,
                     const char *color)
{
  g_return_if_fail (SG_IS_SWATCH (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    self->rgba = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.0f };
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
sg_swatch_get_color (SgSwatch *self)
{
  g_return_val_if_fail (SG_IS_SWATCH (self), NULL);

  return self->color;
}

void
sg_swatch_set_text (SgSwatch   *self,
                    const char *text)
{
  g_return_if_fail (SG_IS_SWATCH (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
sg_swatch_get_text (SgSwatch *self)
{
  g_return_val_if_fail (SG_IS_SWATCH (self), NULL);

  return self->text;
}

static void
set_size (SgSwatch *self,
          int       size)
{
  if (self->size == size)
    return;
  self->size = size;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

static void
sg_swatch_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SgSwatch *self = SG_SWATCH (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      g_value_set_int (value, self->size);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_swatch_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SgSwatch *self = SG_SWATCH (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      set_size (self, g_value_get_int (value));
      break;
    case PROP_COLOR:
      sg_swatch_set_color (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      sg_swatch_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_swatch_finalize (GObject *object)
{
  SgSwatch *self = SG_SWATCH (object);

  g_free (self->color);
  g_free (self->text);

  G_OBJECT_CLASS (sg_swatch_parent_class)->finalize (object);
}

static void
sg_swatch_class_init (SgSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sg_swatch_finalize;
  object_class->get_property = sg_swatch_get_property;
  object_class->set_property = sg_swatch_set_property;
  widget_class->measure = sg_swatch_measure;
  widget_class->snapshot = sg_swatch_snapshot;

  properties[PROP_SIZE] =
    g_param_spec_int ("size", NULL, NULL, 0, 512, 16,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sg_swatch_init (SgSwatch *self)
{
  self->size = 16;
  self->rgba = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.0f };
}

GtkWidget *
sg_swatch_new (int size)
{
  return g_object_new (SG_TYPE_SWATCH, "size", size, NULL);
}
