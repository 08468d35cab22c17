/* sg-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "sg-error.h"
#include "sg-chart-private.h"

typedef struct
{
  char         *title;
  guint         generation;
  double        title_offset;
  /* The last draw, so hit tests (and a layout restored after an export) use the same layout. */
  gboolean      has_layout;
  SgChartStyle  last_style;
  char         *last_font_family;
  double        last_width;
  double        last_height;
  gboolean      layout_pass;
  gboolean      exporting;
} SgChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SgChart, sg_chart, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (SgChartHit, sg_chart_hit, sg_chart_hit_copy, sg_chart_hit_free)

enum { PROP_0, PROP_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

void
sg_chart_style_init (SgChartStyle *style,
                     gboolean      dark)
{
  g_return_if_fail (style != NULL);

  *style = (SgChartStyle) {
    .dark = dark,
    .scale = 1.0,
    .font_family = NULL,
    .font_size = 12.0,
    .fill_background = TRUE,
  };
  if (dark)
    {
      style->foreground = (SgRgb) { 1.0, 1.0, 1.0 };
      style->muted = (SgRgb) { 0.70, 0.70, 0.72 };
      style->background = (SgRgb) { 0.141, 0.141, 0.141 };
      style->grid = (SgRgb) { 0.26, 0.26, 0.27 };
      style->accent = (SgRgb) { 0.471, 0.682, 0.929 };  /* Adwaita dark accent */
    }
  else
    {
      style->foreground = (SgRgb) { 0.14, 0.14, 0.16 };
      style->muted = (SgRgb) { 0.36, 0.36, 0.40 };
      style->background = (SgRgb) { 1.0, 1.0, 1.0 };
      style->grid = (SgRgb) { 0.89, 0.89, 0.90 };
      style->accent = (SgRgb) { 0.110, 0.443, 0.847 };  /* Adwaita accent */
    }
}

SgChartHit *
sg_chart_hit_copy (const SgChartHit *hit)
{
  SgChartHit *copy = g_new (SgChartHit, 1);

  *copy = *hit;
  copy->tooltip = g_strdup (hit->tooltip);
  return copy;
}

void
sg_chart_hit_free (SgChartHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->tooltip);
  g_free (hit);
}

void
sg_chart_hit_clear (SgChartHit *hit)
{
  g_clear_pointer (&hit->tooltip, g_free);
  *hit = (SgChartHit) { .kind = SG_CHART_HIT_NONE, .index = -1, .segment = -1 };
}

static void
sg_chart_finalize (GObject *object)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (SG_CHART (object));

  g_free (priv->title);
  g_free (priv->last_font_family);
  G_OBJECT_CLASS (sg_chart_parent_class)->finalize (object);
}

static void
sg_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SgChart *self = SG_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, sg_chart_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SgChart *self = SG_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sg_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static char *
sg_chart_real_describe (SgChart *chart)
{
  return g_strdup (_("Chart"));
}

static gboolean
sg_chart_real_hit_test (SgChart    *chart,
                        double      x,
                        double      y,
                        SgChartHit *hit)
{
  return FALSE;
}

static void
sg_chart_class_init (SgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_chart_finalize;
  object_class->get_property = sg_chart_get_property;
  object_class->set_property = sg_chart_set_property;
  klass->describe = sg_chart_real_describe;
  klass->hit_test = sg_chart_real_hit_test;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgChart::changed:
   *
   * The chart's data or view changed: redraw it (and update its description).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sg_chart_init (SgChart *self)
{
}

static void
remember_layout (SgChartPrivate     *priv,
                 const SgChartStyle *style,
                 double              width,
                 double              height)
{
  if (priv->last_font_family != style->font_family)
    {
      char *family = g_strdup (style->font_family);

      g_free (priv->last_font_family);
      priv->last_font_family = family;
    }
  priv->last_style = *style;
  priv->last_style.font_family = priv->last_font_family;
  priv->last_width = width;
  priv->last_height = height;
  priv->has_layout = TRUE;
}

void
sg_chart_draw (SgChart            *chart,
               cairo_t            *cr,
               const SgChartStyle *style,
               double              width,
               double              height)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);
  SgChartStyle fallback;

  g_return_if_fail (SG_IS_CHART (chart));
  g_return_if_fail (cr != NULL);

  if (style == NULL)
    {
      sg_chart_style_init (&fallback, FALSE);
      style = &fallback;
    }
  if (!priv->layout_pass)
    remember_layout (priv, style, width, height);

  cairo_save (cr);
  if (style->fill_background)
    {
      sg_chart_set_color (cr, style->background, 1.0);
      cairo_paint (cr);
    }
  priv->title_offset = 0;
  if (priv->title != NULL && *priv->title != '\0')
    {
      double th = sg_chart_draw_paragraph (cr, style, priv->title, SG_TEXT_TITLE, NULL,
                                           SG_CHART_PAD, SG_CHART_PAD, width - 2 * SG_CHART_PAD);
      priv->title_offset = SG_CHART_PAD + th;
      cairo_translate (cr, 0, priv->title_offset);
    }
  if (width > 1 && height - priv->title_offset > 1)
    SG_CHART_GET_CLASS (chart)->draw (chart, cr, style, width, height - priv->title_offset);
  cairo_restore (cr);
}

char *
sg_chart_describe (SgChart *chart)
{
  g_return_val_if_fail (SG_IS_CHART (chart), NULL);

  return SG_CHART_GET_CLASS (chart)->describe (chart);
}

gboolean
sg_chart_hit_test (SgChart    *chart,
                   double      x,
                   double      y,
                   SgChartHit *hit)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);
  gboolean found;

  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = (SgChartHit) { .kind = SG_CHART_HIT_NONE, .index = -1, .segment = -1 };
  if (!priv->has_layout)
    return FALSE;
  found = SG_CHART_GET_CLASS (chart)->hit_test (chart, x, y - priv->title_offset, hit);
  if (!found)
    {
      sg_chart_hit_clear (hit);
      return FALSE;
    }
  hit->area.y += priv->title_offset;
  return TRUE;
}

gboolean
sg_chart_can_zoom (SgChart *chart)
{
  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);

  return SG_CHART_GET_CLASS (chart)->zoom != NULL;
}

gboolean
sg_chart_zoom (SgChart *chart,
               double   factor,
               double   x,
               double   y)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);
  SgChartClass *klass;

  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);

  klass = SG_CHART_GET_CLASS (chart);
  if (klass->zoom == NULL || !priv->has_layout || !(factor > 0) || !isfinite (factor))
    return FALSE;
  return klass->zoom (chart, factor, x, y - priv->title_offset);
}

gboolean
sg_chart_pan (SgChart *chart,
              double   dx,
              double   dy)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);
  SgChartClass *klass;

  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);

  klass = SG_CHART_GET_CLASS (chart);
  if (klass->pan == NULL || !priv->has_layout || !isfinite (dx) || !isfinite (dy))
    return FALSE;
  return klass->pan (chart, dx, dy);
}

gboolean
sg_chart_reset_view (SgChart *chart)
{
  SgChartClass *klass;

  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);

  klass = SG_CHART_GET_CLASS (chart);
  return klass->reset_view != NULL && klass->reset_view (chart);
}

const char *
sg_chart_get_title (SgChart *chart)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);

  g_return_val_if_fail (SG_IS_CHART (chart), NULL);

  return priv->title;
}

void
sg_chart_set_title (SgChart    *chart,
                    const char *title)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);

  g_return_if_fail (SG_IS_CHART (chart));

  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (chart), properties[PROP_TITLE]);
  sg_chart_changed (chart);
}

guint
sg_chart_get_generation (SgChart *chart)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);

  g_return_val_if_fail (SG_IS_CHART (chart), 0);

  return priv->generation;
}

void
sg_chart_changed (SgChart *chart)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);

  g_return_if_fail (SG_IS_CHART (chart));

  priv->generation++;
  g_signal_emit (chart, signals[CHANGED], 0);
}

gboolean
sg_chart_is_layout_pass (SgChart *chart)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);

  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);

  return priv->layout_pass;
}

double
_sg_chart_get_content_offset (SgChart *chart)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);

  return priv->title_offset;
}

gboolean
sg_chart_is_exporting (SgChart *chart)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);

  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);

  return priv->exporting;
}

/* Draws on a 1×1 surface in the remembered style and size, so the chart's layout (used by hit
 * tests) is again that of the screen after an export at another size. */
static void
restore_layout (SgChart *chart)
{
  SgChartPrivate *priv = sg_chart_get_instance_private (chart);
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!priv->has_layout)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  priv->layout_pass = TRUE;
  sg_chart_draw (chart, cr, &priv->last_style, priv->last_width, priv->last_height);
  priv->layout_pass = FALSE;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

SgChartFormat
sg_chart_format_from_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, SG_CHART_FORMAT_AUTO);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    return SG_CHART_FORMAT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return SG_CHART_FORMAT_SVG;
  if (g_str_has_suffix (lower, ".pdf"))
    return SG_CHART_FORMAT_PDF;
  return SG_CHART_FORMAT_AUTO;
}

gboolean
sg_chart_export (SgChart    *chart,
                 const char *path,
                 double      width,
                 double      height,
                 double      scale,
                 gboolean    dark,
                 GError    **error)
{
  return sg_chart_export_format (chart, path, SG_CHART_FORMAT_AUTO, width, height, scale, dark,
                                 error);
}

static cairo_surface_t *
create_surface (const char    *path,
                SgChartFormat  format,
                double         width,
                double         height,
                double         scale)
{
  cairo_surface_t *surface = NULL;

  switch (format)
    {
    case SG_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    case SG_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create (path, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case SG_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create (path, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segmenta");
      break;
    case SG_CHART_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }
  return surface;
}

gboolean
sg_chart_export_format (SgChart        *chart,
                        const char     *path,
                        SgChartFormat   format,
                        double          width,
                        double          height,
                        double          scale,
                        gboolean        dark,
                        GError        **error)
{
  SgChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  g_autofree char *display = NULL;

  g_return_val_if_fail (SG_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (format == SG_CHART_FORMAT_AUTO)
    format = sg_chart_format_from_path (path);
  if (format == SG_CHART_FORMAT_AUTO)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Cannot export a chart to “%s”: the name must end in .png, .svg or .pdf"),
                   display);
      return FALSE;
    }
  if (!(width >= 1 && height >= 1 && width <= 20000 && height <= 20000)
      || !(scale > 0 && scale <= 8) || width * height * scale * scale > 2.5e8)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Cannot export a chart to “%s”: a size of %g × %g at scale %g is not possible"),
                   display, width, height, scale);
      return FALSE;
    }

  sg_chart_style_init (&style, dark);
  style.scale = scale;
  surface = create_surface (path, format, width, height, scale);
  cr = cairo_create (surface);
  if (format == SG_CHART_FORMAT_PNG)
    cairo_scale (cr, scale, scale);

  {
    /* Export at its own size without disturbing the layout the screen's hit tests rely on. */
    SgChartPrivate *priv = sg_chart_get_instance_private (chart);
    gboolean had_layout = priv->has_layout;
    SgChartStyle saved_style = priv->last_style;
    g_autofree char *saved_family = g_strdup (priv->last_font_family);
    double saved_width = priv->last_width, saved_height = priv->last_height;

    priv->exporting = TRUE;
    sg_chart_draw (chart, cr, &style, width, height);
    priv->exporting = FALSE;
    cairo_show_page (cr);
    status = cairo_status (cr);
    cairo_destroy (cr);
    if (status == CAIRO_STATUS_SUCCESS && format == SG_CHART_FORMAT_PNG)
      status = cairo_surface_write_to_png (surface, path);
    cairo_surface_finish (surface);
    if (status == CAIRO_STATUS_SUCCESS)
      status = cairo_surface_status (surface);
    cairo_surface_destroy (surface);

    priv->has_layout = had_layout;
    if (had_layout)
      {
        saved_style.font_family = saved_family;
        remember_layout (priv, &saved_style, saved_width, saved_height);
        restore_layout (chart);
      }
  }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write the chart to “%s”: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
