/* sg-chart.h — the base of every chart: draws on any cairo_t, describes itself, finds the item
 * under a point, exports to PNG, SVG and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinates are logical pixels on screen and points in PDF/SVG ("units"); (0, 0) is the top
 * left of the area the chart was last drawn in. A chart remembers the layout of its last draw:
 * sg_chart_hit_test() answers in that layout. sg_chart_export() restores it afterwards.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "sg-palette.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;
} SgRect;

typedef struct {
  gboolean    dark;
  double      scale;            /* device pixels per unit: 1, or 2 on HiDPI and in PNG@2x */
  const char *font_family;      /* not owned; NULL: "Sans" */
  double      font_size;        /* labels, in units; titles are a little larger */
  gboolean    fill_background;  /* paint @background first (exports); FALSE on a widget */
  SgRgb       foreground;       /* text, axis lines */
  SgRgb       muted;            /* secondary text, tick labels */
  SgRgb       background;
  SgRgb       grid;
  SgRgb       accent;           /* highlights: recommended k, the cut line, the suggested eps */
} SgChartStyle;

/* Light or dark defaults (Adwaita's colours), scale 1, 12-unit labels, background filled. */
void sg_chart_style_init (SgChartStyle *style,
                          gboolean      dark);

typedef enum {
  SG_CHART_HIT_NONE,
  SG_CHART_HIT_POINT,     /* a row: @index; @segment its segment */
  SG_CHART_HIT_CENTROID,  /* the centre of @segment */
  SG_CHART_HIT_BAR,       /* bar or box @index (a segment, a bin, a k); @segment if it has one */
  SG_CHART_HIT_CELL,      /* heatmap cell: @segment, feature @index, @value */
  SG_CHART_HIT_LINE,      /* a position on a line: @index (k, feature, rank), @segment */
  SG_CHART_HIT_LEGEND,    /* legend entry of @segment (clicking toggles it) */
  SG_CHART_HIT_CUT_LINE,  /* the dendrogram's cut line: @value its height (drag to move) */
  SG_CHART_HIT_MARKER,    /* a marked value (recommended k, suggested eps): @value */
} SgChartHitKind;

typedef struct {
  SgChartHitKind kind;
  gint64         index;
  int            segment;   /* -1 if none */
  double         value;
  SgRect         area;      /* the item's bounds in chart units, for a hover highlight */
  char          *tooltip;   /* owned: a short text for a tooltip */
} SgChartHit;

#define SG_TYPE_CHART_HIT (sg_chart_hit_get_type ())
GType       sg_chart_hit_get_type (void) G_GNUC_CONST;
SgChartHit *sg_chart_hit_copy     (const SgChartHit *hit);
void        sg_chart_hit_free     (SgChartHit       *hit);
/* Frees the tooltip and resets @hit to SG_CHART_HIT_NONE. */
void        sg_chart_hit_clear    (SgChartHit       *hit);

typedef enum {
  SG_CHART_FORMAT_AUTO,  /* from the file name's extension */
  SG_CHART_FORMAT_PNG,
  SG_CHART_FORMAT_SVG,
  SG_CHART_FORMAT_PDF,
} SgChartFormat;

#define SG_TYPE_CHART (sg_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (SgChart, sg_chart, SG, CHART, GObject)

struct _SgChartClass
{
  GObjectClass parent_class;

  /* Draws in [0, width] × [0, height]; the background is already painted if the style asks. */
  void     (*draw)       (SgChart            *chart,
                          cairo_t            *cr,
                          const SgChartStyle *style,
                          double              width,
                          double              height);
  /* One or two sentences: what the chart shows and its main finding (accessible description). */
  char    *(*describe)   (SgChart            *chart);
  /* The item at (@x, @y) in the last draw's layout; fills @hit (tooltip included). */
  gboolean (*hit_test)   (SgChart            *chart,
                          double              x,
                          double              y,
                          SgChartHit         *hit);
  /* Optional: charts with a viewport. @factor > 1 zooms in around (@x, @y). */
  gboolean (*zoom)       (SgChart            *chart,
                          double              factor,
                          double              x,
                          double              y);
  gboolean (*pan)        (SgChart            *chart,
                          double              dx,
                          double              dy);
  gboolean (*reset_view) (SgChart            *chart);

  gpointer padding[8];
};

void          sg_chart_draw              (SgChart            *chart,
                                          cairo_t            *cr,
                                          const SgChartStyle *style,
                                          double              width,
                                          double              height);
char         *sg_chart_describe          (SgChart            *chart);
gboolean      sg_chart_hit_test          (SgChart            *chart,
                                          double              x,
                                          double              y,
                                          SgChartHit         *hit);
gboolean      sg_chart_can_zoom          (SgChart            *chart);
gboolean      sg_chart_zoom              (SgChart            *chart,
                                          double              factor,
                                          double              x,
                                          double              y);
gboolean      sg_chart_pan               (SgChart            *chart,
                                          double              dx,
                                          double              dy);
gboolean      sg_chart_reset_view        (SgChart            *chart);

/* An optional heading drawn above the chart (exports, report pages); NULL for none. */
const char   *sg_chart_get_title         (SgChart            *chart);
void          sg_chart_set_title         (SgChart            *chart,
                                          const char         *title);
/* Grows by one each time the chart's data or view changes (and ::changed is emitted). */
guint         sg_chart_get_generation    (SgChart            *chart);

SgChartFormat sg_chart_format_from_path  (const char         *path);
/* Draws the chart on a @width × @height page (units) into @path. PNG is rendered at @scale device
 * pixels per unit (2 gives a 2× image); SVG and PDF are vector, with any raster part at @scale. */
gboolean      sg_chart_export            (SgChart            *chart,
                                          const char         *path,
                                          double              width,
                                          double              height,
                                          double              scale,
                                          gboolean            dark,
                                          GError            **error);
gboolean      sg_chart_export_format     (SgChart            *chart,
                                          const char         *path,
                                          SgChartFormat       format,
                                          double              width,
                                          double              height,
                                          double              scale,
                                          gboolean            dark,
                                          GError            **error);

/* For subclasses. */
/* The data or the view changed: bumps the generation and emits ::changed. */
void          sg_chart_changed           (SgChart            *chart);
/* TRUE while the chart is drawn only to recompute its layout (skip expensive raster work). */
gboolean      sg_chart_is_layout_pass    (SgChart            *chart);
/* TRUE while sg_chart_export() draws: render everything now, at the export's size. */
gboolean      sg_chart_is_exporting      (SgChart            *chart);

G_END_DECLS
