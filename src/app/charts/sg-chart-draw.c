/* sg-chart-draw.c — text, axes, legends and empty states shared by the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text metrics are unhinted so a chart lays out identically at 1× and 2×, on screen and in PDF:
 * hit tests then agree with what was drawn, whatever surface drew it last.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-private.h"

SgRgb
sg_chart_segment_color (const SgChartStyle *style,
                        int                 index)
{
  SgRgb color = sg_palette_segment (index);

  if (style->dark)
    return sg_rgb_mix (color, (SgRgb) { 1, 1, 1 }, 0.2);
  return color;
}

void
sg_chart_set_color (cairo_t *cr,
                    SgRgb    color,
                    double   alpha)
{
  if (alpha >= 1.0)
    cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  else
    cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

double
sg_chart_snap (const SgChartStyle *style,
               double              v,
               double              line_width)
{
  double scale = style->scale > 0 ? style->scale : 1.0;
  double device_width = round (line_width * scale);

  /* Odd device widths sit on pixel centres, even ones on pixel edges. */
  if ((long) device_width % 2 == 1)
    return (floor (v * scale) + 0.5) / scale;
  return round (v * scale) / scale;
}

double
sg_chart_hairline (const SgChartStyle *style)
{
  return 1.0;
}

static double
kind_factor (SgTextKind kind)
{
  switch (kind)
    {
    case SG_TEXT_SMALL:
      return 0.92;
    case SG_TEXT_TITLE:
      return 1.15;
    case SG_TEXT_LABEL:
    case SG_TEXT_NOTE:
    default:
      return 1.0;
    }
}

PangoLayout *
sg_chart_text_layout (cairo_t            *cr,
                      const SgChartStyle *style,
                      const char         *text,
                      SgTextKind          kind)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_family (font, style->font_family != NULL ? style->font_family
                                                                       : "Sans");
  pango_font_description_set_absolute_size (font, style->font_size * kind_factor (kind)
                                                    * PANGO_SCALE);
  if (kind == SG_TEXT_TITLE)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
sg_chart_text_size (cairo_t            *cr,
                    const SgChartStyle *style,
                    const char         *text,
                    SgTextKind          kind,
                    double             *width,
                    double             *height)
{
  g_autoptr(PangoLayout) layout = sg_chart_text_layout (cr, style, text, kind);

  layout_size (layout, width, height);
}

void
sg_chart_draw_text (cairo_t            *cr,
                    const SgChartStyle *style,
                    const char         *text,
                    SgTextKind          kind,
                    const SgRgb        *color,
                    double              x,
                    double              y,
                    double              ax,
                    double              ay,
                    double              max_width)
{
  g_autoptr(PangoLayout) layout = sg_chart_text_layout (cr, style, text, kind);
  double w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  layout_size (layout, &w, &h);
  sg_chart_set_color (cr, color != NULL ? *color : style->foreground, 1.0);
  cairo_move_to (cr, x - ax * w, y - ay * h);
  pango_cairo_show_layout (cr, layout);
}

void
sg_chart_draw_text_angled (cairo_t            *cr,
                           const SgChartStyle *style,
                           const char         *text,
                           SgTextKind          kind,
                           const SgRgb        *color,
                           double              x,
                           double              y,
                           double              angle)
{
  g_autoptr(PangoLayout) layout = sg_chart_text_layout (cr, style, text, kind);
  double w, h;

  layout_size (layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  pango_cairo_update_layout (cr, layout);
  sg_chart_set_color (cr, color != NULL ? *color : style->foreground, 1.0);
  cairo_move_to (cr, -w, -h / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
sg_chart_draw_text_halo (cairo_t            *cr,
                         const SgChartStyle *style,
                         const char         *text,
                         SgTextKind          kind,
                         const SgRgb        *color,
                         double              x,
                         double              y,
                         double              ax,
                         double              ay)
{
  g_autoptr(PangoLayout) layout = sg_chart_text_layout (cr, style, text, kind);
  double w, h;

  layout_size (layout, &w, &h);
  cairo_save (cr);
  cairo_move_to (cr, x - ax * w, y - ay * h);
  pango_cairo_layout_path (cr, layout);
  sg_chart_set_color (cr, style->background, 0.85);
  cairo_set_line_width (cr, 3);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
  sg_chart_set_color (cr, color != NULL ? *color : style->foreground, 1.0);
  cairo_move_to (cr, x - ax * w, y - ay * h);
  pango_cairo_show_layout (cr, layout);
}

static PangoLayout *
paragraph_layout (cairo_t            *cr,
                  const SgChartStyle *style,
                  const char         *text,
                  SgTextKind          kind,
                  double              width)
{
  PangoLayout *layout = sg_chart_text_layout (cr, style, text, kind);

  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

double
sg_chart_paragraph_height (cairo_t            *cr,
                           const SgChartStyle *style,
                           const char         *text,
                           SgTextKind          kind,
                           double              width)
{
  g_autoptr(PangoLayout) layout = paragraph_layout (cr, style, text, kind, width);
  double h;

  layout_size (layout, NULL, &h);
  return h;
}

double
sg_chart_draw_paragraph (cairo_t            *cr,
                         const SgChartStyle *style,
                         const char         *text,
                         SgTextKind          kind,
                         const SgRgb        *color,
                         double              x,
                         double              y,
                         double              width)
{
  g_autoptr(PangoLayout) layout = paragraph_layout (cr, style, text, kind, width);
  double h;

  layout_size (layout, NULL, &h);
  sg_chart_set_color (cr, color != NULL ? *color : style->foreground, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return h;
}

void
sg_chart_draw_empty (cairo_t            *cr,
                     const SgChartStyle *style,
                     double              width,
                     double              height,
                     const char         *message)
{
  sg_chart_draw_text (cr, style, message != NULL ? message : _("No data"), SG_TEXT_LABEL,
                      &style->muted, width / 2, height / 2, 0.5, 0.5, width - 2 * SG_CHART_PAD);
}

gboolean
sg_rect_contains (const SgRect *rect,
                  double        x,
                  double        y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}

/* The widest label of @axis's ticks. */
static double
widest_label (cairo_t            *cr,
              const SgChartStyle *style,
              const SgAxis       *axis)
{
  double widest = 0;

  for (guint i = 0; i < axis->ticks.n; i++)
    {
      g_autofree char *label = sg_chart_ticks_label (&axis->ticks, i, axis->compact);
      double w;

      sg_chart_text_size (cr, style, label, SG_TEXT_SMALL, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
layout_vertical (SgAxis             *axis,
                 cairo_t            *cr,
                 const SgChartStyle *style,
                 double              plot_height,
                 double             *room)
{
  guint target;

  if (axis->hidden)
    {
      axis->ticks = (SgChartTicks) { .min = axis->lo, .max = axis->hi };
      *room = axis->label_room;
      return;
    }
  target = (guint) CLAMP (plot_height / 56 + 1, 2, 8);
  sg_chart_ticks_compute (axis->lo, axis->hi, target, axis->flags, &axis->ticks);
  /* A loose axis can overshoot its data by nearly a step: with few ticks that wastes up to half
   * the plot. Ask for more ticks while the data covers too little and there is room. */
  while ((axis->flags & SG_CHART_TICKS_LOOSE) && target < plot_height / 28 && target < 12
         && (MAX (axis->hi, axis->lo) - MIN (axis->hi, axis->lo))
              < 0.7 * (axis->ticks.max - axis->ticks.min))
    sg_chart_ticks_compute (axis->lo, axis->hi, ++target, axis->flags, &axis->ticks);
  axis->compact = MAX (fabs (axis->ticks.min), fabs (axis->ticks.max)) >= 1e5;
  axis->label_every = 1;
  *room = widest_label (cr, style, axis) + SG_CHART_GAP;
}

static void
layout_horizontal (SgAxis             *axis,
                   cairo_t            *cr,
                   const SgChartStyle *style,
                   double              plot_width)
{
  guint target = (guint) CLAMP (plot_width / 80 + 1, 2, 10);
  double widest, needed;

  sg_chart_ticks_compute (axis->lo, axis->hi, target, axis->flags, &axis->ticks);
  axis->compact = FALSE;
  axis->label_every = 1;
  widest = widest_label (cr, style, axis);
  needed = axis->ticks.n * (widest + 2 * SG_CHART_GAP);
  if (needed > plot_width && MAX (fabs (axis->ticks.min), fabs (axis->ticks.max)) >= 1000)
    {
      axis->compact = TRUE;
      widest = widest_label (cr, style, axis);
      needed = axis->ticks.n * (widest + 2 * SG_CHART_GAP);
    }
  if (needed > plot_width && plot_width > 0)
    axis->label_every = (guint) ceil (needed / plot_width);
}

void
sg_xy_frame_layout (SgXYFrame          *frame,
                    cairo_t            *cr,
                    const SgChartStyle *style,
                    SgRect              bounds)
{
  double lh, left, right, top, bottom, room, room2 = 0;

  sg_chart_text_size (cr, style, "0", SG_TEXT_SMALL, NULL, &lh);
  frame->bounds = bounds;
  left = bounds.x + SG_CHART_PAD;
  right = bounds.x + bounds.width - SG_CHART_PAD;
  top = bounds.y + SG_CHART_PAD + frame->top_room;
  bottom = bounds.y + bounds.height - SG_CHART_PAD;

  /* Axis titles above the value axes; half a label of room for the top tick's label. */
  if (frame->y.title != NULL || (frame->has_y2 && frame->y2.title != NULL))
    top += lh + SG_CHART_GAP;
  if (!frame->y.hidden || (frame->has_y2 && !frame->y2.hidden))
    top += lh / 2;
  bottom -= frame->x.hidden ? frame->x.label_room : lh + SG_CHART_GAP;
  if (frame->x.title != NULL)
    bottom -= lh + SG_CHART_GAP;

  layout_vertical (&frame->y, cr, style, bottom - top, &room);
  left = MAX (left + room, bounds.x + frame->min_left);
  if (frame->has_y2)
    {
      layout_vertical (&frame->y2, cr, style, bottom - top, &room2);
      right -= room2;
    }

  if (frame->x.hidden)
    frame->x.ticks = (SgChartTicks) { .min = frame->x.lo, .max = frame->x.hi };
  else
    {
      layout_horizontal (&frame->x, cr, style, right - left);
      /* The end labels are centred on the ends of the axis: keep them inside the bounds. */
      if (frame->x.ticks.n > 0)
        {
          g_autofree char *last = sg_chart_ticks_label (&frame->x.ticks, frame->x.ticks.n - 1,
                                                        frame->x.compact);
          double w, span = frame->x.ticks.max - frame->x.ticks.min;
          double at = span > 0 ? (sg_chart_ticks_value (&frame->x.ticks, frame->x.ticks.n - 1)
                                  - frame->x.ticks.min) / span : 1;

          sg_chart_text_size (cr, style, last, SG_TEXT_SMALL, &w, NULL);
          if (at > 0.98 && !frame->has_y2)
            right = MIN (right, bounds.x + bounds.width - w / 2 - 2);
        }
    }

  frame->plot = (SgRect) { left, top, MAX (right - left, 1), MAX (bottom - top, 1) };
}

static double
axis_fraction (const SgChartTicks *ticks,
               double              value)
{
  double span = ticks->max - ticks->min;

  return span != 0 ? (value - ticks->min) / span : 0.5;
}

double
sg_xy_frame_x (const SgXYFrame *frame,
               double           value)
{
  return frame->plot.x + axis_fraction (&frame->x.ticks, value) * frame->plot.width;
}

double
sg_xy_frame_y (const SgXYFrame *frame,
               double           value)
{
  return frame->plot.y + (1 - axis_fraction (&frame->y.ticks, value)) * frame->plot.height;
}

double
sg_xy_frame_y2 (const SgXYFrame *frame,
                double           value)
{
  return frame->plot.y + (1 - axis_fraction (&frame->y2.ticks, value)) * frame->plot.height;
}

double
sg_xy_frame_value_x (const SgXYFrame *frame,
                     double           px)
{
  return frame->x.ticks.min
         + (px - frame->plot.x) / frame->plot.width * (frame->x.ticks.max - frame->x.ticks.min);
}

double
sg_xy_frame_value_y (const SgXYFrame *frame,
                     double           py)
{
  return frame->y.ticks.min + (frame->plot.y + frame->plot.height - py) / frame->plot.height
                              * (frame->y.ticks.max - frame->y.ticks.min);
}

static void
draw_vertical_labels (const SgXYFrame    *frame,
                      const SgAxis       *axis,
                      cairo_t            *cr,
                      const SgChartStyle *style,
                      gboolean            right_side)
{
  for (guint i = 0; i < axis->ticks.n; i++)
    {
      double v = sg_chart_ticks_value (&axis->ticks, i);
      double y = frame->plot.y + (1 - axis_fraction (&axis->ticks, v)) * frame->plot.height;
      g_autofree char *label = sg_chart_ticks_label (&axis->ticks, i, axis->compact);

      if (right_side)
        sg_chart_draw_text (cr, style, label, SG_TEXT_SMALL, &style->muted,
                            frame->plot.x + frame->plot.width + SG_CHART_GAP, y, 0, 0.5, 0);
      else
        sg_chart_draw_text (cr, style, label, SG_TEXT_SMALL, &style->muted,
                            frame->plot.x - SG_CHART_GAP, y, 1, 0.5, 0);
    }
}

void
sg_xy_frame_draw (const SgXYFrame    *frame,
                  cairo_t            *cr,
                  const SgChartStyle *style)
{
  const SgRect *plot = &frame->plot;
  double lh, baseline;

  sg_chart_text_size (cr, style, "0", SG_TEXT_SMALL, NULL, &lh);
  cairo_save (cr);
  cairo_set_line_width (cr, sg_chart_hairline (style));

  /* Grid first, under everything. */
  sg_chart_set_color (cr, style->grid, 1.0);
  if (frame->y.grid && !frame->y.hidden)
    for (guint i = 0; i < frame->y.ticks.n; i++)
      {
        double y = sg_chart_snap (style, sg_xy_frame_y (frame, sg_chart_ticks_value (&frame->y.ticks, i)), 1);

        cairo_move_to (cr, plot->x, y);
        cairo_line_to (cr, plot->x + plot->width, y);
      }
  if (frame->x.grid && !frame->x.hidden)
    for (guint i = 0; i < frame->x.ticks.n; i++)
      {
        double x = sg_chart_snap (style, sg_xy_frame_x (frame, sg_chart_ticks_value (&frame->x.ticks, i)), 1);

        cairo_move_to (cr, x, plot->y);
        cairo_line_to (cr, x, plot->y + plot->height);
      }
  cairo_stroke (cr);

  /* The baseline. */
  baseline = sg_chart_snap (style, plot->y + plot->height, 1);
  sg_chart_set_color (cr, sg_rgb_mix (style->foreground, style->background, 0.55), 1.0);
  cairo_move_to (cr, plot->x, baseline);
  cairo_line_to (cr, plot->x + plot->width, baseline);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (!frame->y.hidden)
    draw_vertical_labels (frame, &frame->y, cr, style, FALSE);
  if (frame->has_y2 && !frame->y2.hidden)
    draw_vertical_labels (frame, &frame->y2, cr, style, TRUE);
  if (!frame->x.hidden)
    for (guint i = 0; i < frame->x.ticks.n; i += frame->x.label_every)
      {
        g_autofree char *label = sg_chart_ticks_label (&frame->x.ticks, i, frame->x.compact);

        sg_chart_draw_text (cr, style, label, SG_TEXT_SMALL, &style->muted,
                            sg_xy_frame_x (frame, sg_chart_ticks_value (&frame->x.ticks, i)),
                            plot->y + plot->height + SG_CHART_GAP, 0.5, 0, 0);
      }

  /* Titles: y above its labels (left-aligned), y2 likewise on the right, x centred below. */
  if (frame->y.title != NULL)
    sg_chart_draw_text (cr, style, frame->y.title, SG_TEXT_SMALL, NULL,
                        frame->bounds.x + SG_CHART_PAD,
                        plot->y - (frame->y.hidden ? 0 : lh / 2) - SG_CHART_GAP, 0, 1,
                        plot->width / 2 + plot->x - frame->bounds.x);
  if (frame->has_y2 && frame->y2.title != NULL)
    sg_chart_draw_text (cr, style, frame->y2.title, SG_TEXT_SMALL, NULL,
                        frame->bounds.x + frame->bounds.width - SG_CHART_PAD,
                        plot->y - (frame->y2.hidden ? 0 : lh / 2) - SG_CHART_GAP, 1, 1,
                        plot->width / 2);
  if (frame->x.title != NULL)
    sg_chart_draw_text (cr, style, frame->x.title, SG_TEXT_SMALL, NULL,
                        plot->x + plot->width / 2,
                        frame->bounds.y + frame->bounds.height - SG_CHART_PAD, 0.5, 1, plot->width);
}

#define SWATCH 10.0
#define ENTRY_SPACING 16.0

double
sg_legend_layout (SgLegend           *legend,
                  cairo_t            *cr,
                  const SgChartStyle *style,
                  char              **names,
                  guint               n,
                  double              x,
                  double              y,
                  double              width)
{
  double lh, cx = x, cy = y;

  sg_legend_clear (legend);
  if (n == 0)
    return 0;
  sg_chart_text_size (cr, style, "Ag", SG_TEXT_SMALL, NULL, &lh);
  legend->n = n;
  legend->entries = g_new0 (SgRect, n);
  for (guint i = 0; i < n; i++)
    {
      double w;

      sg_chart_text_size (cr, style, names[i], SG_TEXT_SMALL, &w, NULL);
      w = MIN (SWATCH + SG_CHART_GAP + w, width);
      if (cx > x && cx + w > x + width)
        {
          cx = x;
          cy += lh + 4;
        }
      legend->entries[i] = (SgRect) { cx, cy, w, lh };
      cx += w + ENTRY_SPACING;
    }
  legend->height = cy + lh - y;
  return legend->height;
}

void
sg_legend_draw (const SgLegend     *legend,
                cairo_t            *cr,
                const SgChartStyle *style,
                char              **names,
                const int          *segments,
                const gboolean     *visible)
{
  for (guint i = 0; i < legend->n; i++)
    {
      const SgRect *e = &legend->entries[i];
      gboolean shown = visible == NULL || visible[i];
      SgRgb color = sg_chart_segment_color (style, segments != NULL ? segments[i] : (int) i);
      double sy = e->y + (e->height - SWATCH) / 2;

      cairo_new_path (cr);
      sg_chart_set_color (cr, color, 1.0);
      if (legend->lines)
        {
          static const double dash[] = { 3, 2 };

          cairo_save (cr);
          cairo_set_line_width (cr, 2);
          if (legend->dashed & (1u << MIN (i, 31u)))
            cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, e->x - 2, sy + SWATCH / 2);
          cairo_rel_line_to (cr, SWATCH + 4, 0);
          cairo_stroke (cr);
          cairo_restore (cr);
          cairo_arc (cr, e->x + SWATCH / 2, sy + SWATCH / 2, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      else
        {
          cairo_arc (cr, e->x + SWATCH / 2, sy + SWATCH / 2, SWATCH / 2 - (shown ? 0 : 0.75), 0,
                     2 * G_PI);
          if (shown)
            cairo_fill (cr);
          else
            {
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
        }
      sg_chart_draw_text (cr, style, names[i], SG_TEXT_SMALL, shown ? NULL : &style->muted,
                          e->x + SWATCH + SG_CHART_GAP, e->y, 0, 0,
                          e->width - SWATCH - SG_CHART_GAP);
      if (!shown)
        {
          /* Struck through as well as dimmed, so the state does not rely on colour alone. */
          double w;

          sg_chart_text_size (cr, style, names[i], SG_TEXT_SMALL, &w, NULL);
          w = MIN (w, e->width - SWATCH - SG_CHART_GAP);
          sg_chart_set_color (cr, style->muted, 1.0);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, e->x + SWATCH + SG_CHART_GAP, e->y + e->height / 2);
          cairo_rel_line_to (cr, w, 0);
          cairo_stroke (cr);
        }
    }
}

int
sg_legend_hit (const SgLegend *legend,
               double          x,
               double          y)
{
  for (guint i = 0; i < legend->n; i++)
    {
      SgRect r = legend->entries[i];

      r.x -= 3;
      r.y -= 3;
      r.width += 6;
      r.height += 6;
      if (sg_rect_contains (&r, x, y))
        return (int) i;
    }
  return -1;
}

void
sg_legend_clear (SgLegend *legend)
{
  g_clear_pointer (&legend->entries, g_free);
  legend->n = 0;
  legend->height = 0;
}

char **
sg_chart_segment_names (const char *const *names,
                        guint              n)
{
  char **copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      if (names != NULL && names[i] != NULL)
        copy[i] = g_strdup (names[i]);
      else
        copy[i] = g_strdup_printf (_("Segment %u"), i + 1);
    }
  return copy;
}

const char *
sg_chart_segment_name (char  **names,
                       guint   n,
                       int     segment)
{
  if (segment < 0)
    return _("Unassigned");
  if ((guint) segment >= n || names == NULL)
    return _("Other");
  return names[segment];
}
