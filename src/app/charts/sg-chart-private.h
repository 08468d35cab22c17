/* sg-chart-private.h — drawing helpers shared by the charts (not installed, not for the app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "sg-chart.h"
#include "sg-chart-format.h"
#include "sg-chart-ticks.h"
#include "sg-palette.h"

G_BEGIN_DECLS

/* Spacing, in units. */
#define SG_CHART_PAD     8.0   /* around the chart */
#define SG_CHART_GAP     6.0   /* between a label and what it labels */
#define SG_CHART_HIT_PX  6.0   /* how near the pointer must be to a thin mark */

typedef enum {
  SG_TEXT_LABEL,  /* tick labels, legends, values: the base size */
  SG_TEXT_SMALL,  /* dense labels: 0.9 × */
  SG_TEXT_TITLE,  /* chart and axis titles: 1.15 ×, bold */
  SG_TEXT_NOTE,   /* sentences under a chart: base size, italic-free, wraps */
} SgTextKind;

/* Segment @index's colour for marks on this style's background: the palette, a little lighter
 * on dark backgrounds so the blues keep their contrast. */
SgRgb        sg_chart_segment_color   (const SgChartStyle *style,
                                       int                 index);
void         sg_chart_set_color       (cairo_t            *cr,
                                       SgRgb               color,
                                       double              alpha);
/* @v moved to the centre of a device pixel, so a @line_width line is crisp. */
double       sg_chart_snap            (const SgChartStyle *style,
                                       double              v,
                                       double              line_width);
double       sg_chart_hairline        (const SgChartStyle *style);

PangoLayout *sg_chart_text_layout     (cairo_t            *cr,
                                       const SgChartStyle *style,
                                       const char         *text,
                                       SgTextKind          kind);
void         sg_chart_text_size       (cairo_t            *cr,
                                       const SgChartStyle *style,
                                       const char         *text,
                                       SgTextKind          kind,
                                       double             *width,
                                       double             *height);
/* One line of text anchored at (@x, @y): @ax, @ay are fractions of its size (0 left/top,
 * 0.5 centre, 1 right/bottom). @color NULL: the foreground. Elided to @max_width if > 0. */
void         sg_chart_draw_text       (cairo_t            *cr,
                                       const SgChartStyle *style,
                                       const char         *text,
                                       SgTextKind          kind,
                                       const SgRgb        *color,
                                       double              x,
                                       double              y,
                                       double              ax,
                                       double              ay,
                                       double              max_width);
/* Text turned by @angle radians (negative: counter-clockwise) about its anchor, which is the
 * end of the line (for labels slanting up to the right under an axis). */
void         sg_chart_draw_text_angled (cairo_t            *cr,
                                        const SgChartStyle *style,
                                        const char         *text,
                                        SgTextKind          kind,
                                        const SgRgb        *color,
                                        double              x,
                                        double              y,
                                        double              angle);
/* Like sg_chart_draw_text() with a thin outline of the background around the glyphs, for labels
 * drawn over marks. */
void         sg_chart_draw_text_halo  (cairo_t            *cr,
                                       const SgChartStyle *style,
                                       const char         *text,
                                       SgTextKind          kind,
                                       const SgRgb        *color,
                                       double              x,
                                       double              y,
                                       double              ax,
                                       double              ay);
/* Wrapped text in a column of @width; returns its height. @cr may draw nothing (layout pass). */
double       sg_chart_draw_paragraph  (cairo_t            *cr,
                                       const SgChartStyle *style,
                                       const char         *text,
                                       SgTextKind          kind,
                                       const SgRgb        *color,
                                       double              x,
                                       double              y,
                                       double              width);
double       sg_chart_paragraph_height (cairo_t            *cr,
                                        const SgChartStyle *style,
                                        const char         *text,
                                        SgTextKind          kind,
                                        double              width);
/* A calm "No data" (or @message) in the middle of the area. */
void         sg_chart_draw_empty      (cairo_t            *cr,
                                       const SgChartStyle *style,
                                       double              width,
                                       double              height,
                                       const char         *message);
gboolean     sg_rect_contains         (const SgRect       *rect,
                                       double              x,
                                       double              y);

/* A numeric axis of an XY frame. */
typedef struct {
  /* Set by the chart. */
  double             lo, hi;
  SgChartTicksFlags  flags;
  const char        *title;
  gboolean           grid;        /* grid lines across the plot at the ticks */
  gboolean           hidden;      /* no ticks or labels: the chart labels categories itself */
  double             label_room;  /* hidden axes: room (units) the chart needs for its labels */
  /* Computed by sg_xy_frame_layout(). */
  SgChartTicks       ticks;
  gboolean           compact;     /* labels like 1.2k */
  guint              label_every; /* label every n-th tick where labels would collide */
} SgAxis;

/* The plot area and its axes: x at the bottom, y on the left, optionally y2 on the right.
 * Axis titles sit at the ends (y above its labels, x under them) so nothing needs rotating. */
typedef struct {
  SgAxis   x, y, y2;
  gboolean has_y2;
  double   top_room;  /* room above the plot the chart wants (e.g. a legend) */
  double   min_left;  /* the plot starts at least this far from the left (slanted labels) */
  SgRect   bounds;
  SgRect   plot;
} SgXYFrame;

void   sg_xy_frame_layout  (SgXYFrame          *frame,
                            cairo_t            *cr,
                            const SgChartStyle *style,
                            SgRect              bounds);
void   sg_xy_frame_draw    (const SgXYFrame    *frame,
                            cairo_t            *cr,
                            const SgChartStyle *style);
double sg_xy_frame_x       (const SgXYFrame    *frame,
                            double              value);
double sg_xy_frame_y       (const SgXYFrame    *frame,
                            double              value);
double sg_xy_frame_y2      (const SgXYFrame    *frame,
                            double              value);
double sg_xy_frame_value_x (const SgXYFrame    *frame,
                            double              px);
double sg_xy_frame_value_y (const SgXYFrame    *frame,
                            double              py);

/* A row of colour swatches with names, wrapping to more rows as needed. */
typedef struct {
  guint    n;
  SgRect  *entries;     /* bounds of each entry after layout */
  double   height;
  gboolean lines;       /* swatches are short lines (series) rather than dots (segments) */
  guint    dashed;      /* with lines: bit i set draws entry i dashed */
} SgLegend;

/* Lays out entries @names (segment i takes palette colour i) from (@x, @y) in @width; returns
 * the height. */
double sg_legend_layout    (SgLegend           *legend,
                            cairo_t            *cr,
                            const SgChartStyle *style,
                            char              **names,
                            guint               n,
                            double              x,
                            double              y,
                            double              width);
/* Entry i takes the colour of segment @segments[i] (@segments NULL: i). @visible (nullable, per
 * entry): hidden entries are drawn hollow, dimmed and struck through. */
void   sg_legend_draw      (const SgLegend     *legend,
                            cairo_t            *cr,
                            const SgChartStyle *style,
                            char              **names,
                            const int          *segments,
                            const gboolean     *visible);
int    sg_legend_hit       (const SgLegend     *legend,
                            double              x,
                            double              y);
void   sg_legend_clear     (SgLegend           *legend);

/* Where the chart's own area starts below the base's title (for subclasses mapping pointer
 * positions outside sg_chart_hit_test()). */
double _sg_chart_get_content_offset (SgChart *chart);

/* Segment names: a copy of @names (n entries, NULL entries or NULL @names give "Segment N"). */
char **sg_chart_segment_names (const char *const *names,
                               guint              n);
/* "Segment 3" or the name; -1: "Unassigned". Not owned. */
const char *sg_chart_segment_name (char **names,
                                   guint   n,
                                   int     segment);

G_END_DECLS
