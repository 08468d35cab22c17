/* sg-zoom-bin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgZoomBin"

#include "sg-zoom-bin.h"

struct _SgZoomBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        design_width;
  double     max_scale;
  double     scale;
};

G_DEFINE_FINAL_TYPE (SgZoomBin, sg_zoom_bin, GTK_TYPE_WIDGET)

static double
scale_for_width (SgZoomBin *self,
                 int        width)
{
  if (self->design_width <= 0 || width <= 0)
    return 1.0;
  return CLAMP ((double) width / self->design_width, 1.0, self->max_scale);
}

static void
sg_zoom_bin_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  SgZoomBin *self = SG_ZOOM_BIN (widget);

  *minimum = *natural = 0;
  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
sg_zoom_bin_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  SgZoomBin *self = SG_ZOOM_BIN (widget);
  GskTransform *transform;

  self->scale = scale_for_width (self, width);
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  transform = gsk_transform_scale (NULL, (float) self->scale, (float) self->scale);
  gtk_widget_allocate (self->child, (int) (width / self->scale), (int) (height / self->scale), -1, transform);
}

static void
sg_zoom_bin_dispose (GObject *object)
{
  SgZoomBin *self = SG_ZOOM_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (sg_zoom_bin_parent_class)->dispose (object);
}

static void
sg_zoom_bin_class_init (SgZoomBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_zoom_bin_dispose;
  widget_class->measure = sg_zoom_bin_measure;
  widget_class->size_allocate = sg_zoom_bin_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "zoom-bin");
}

static void
sg_zoom_bin_init (SgZoomBin *self)
{
  self->scale = 1.0;
  self->max_scale = 1.0;
}

GtkWidget *
sg_zoom_bin_new (int    design_width,
                 double max_scale)
{
  SgZoomBin *self = g_object_new (SG_TYPE_ZOOM_BIN, NULL);

  self->design_width = design_width;
  self->max_scale = MAX (max_scale, 1.0);
  return GTK_WIDGET (self);
}

GtkWidget *
sg_zoom_bin_get_child (SgZoomBin *self)
{
  g_return_val_if_fail (SG_IS_ZOOM_BIN (self), NULL);

  return self->child;
}

void
sg_zoom_bin_set_child (SgZoomBin *self,
                       GtkWidget *child)
{
  g_return_if_fail (SG_IS_ZOOM_BIN (self));
  g_return_if_fail (child == NULL || gtk_widget_get_parent (child) == NULL);

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  self->child = child;
  if (child != NULL)
    gtk_widget_set_parent (child, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

double
sg_zoom_bin_get_scale (SgZoomBin *self)
{
  g_return_val_if_fail (SG_IS_ZOOM_BIN (self), 1.0);

  return self->scale;
}
