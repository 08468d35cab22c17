/* sg-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is drawn once into a cached render node and redrawn only when it changes (data,
 * view, size, scale, light or dark); hover highlights are drawn on top, uncached. A dense scatter
 * bins its points in a GTask: the newest job cancels the previous one, and a result is applied
 * only if its task is still the current one. Meanwhile the chart stretches its last image.
 */
#include "config.h"

#define G_LOG_DOMAIN "SgChartView"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-view.h"
#include "sg-dendrogram-chart.h"
#include "sg-scatter-chart.h"

#define EXPORT_PNG_SCALE 2.0
#define WHEEL_ZOOM       1.15

typedef enum {
  DRAG_NONE,
  DRAG_PAN,
  DRAG_CUT,
} DragMode;

struct _SgChartView
{
  GtkWidget       parent_instance;

  SgChart        *chart;
  gulong          changed_id;
  GtkWidget      *menu_button;
  GtkEventControllerFocus *button_focus;
  char           *font_family;   /* the interface font's, for the chart's text */

  /* The cached drawing and what it was drawn for. */
  GskRenderNode  *cache;
  guint           cache_generation;
  int             cache_width, cache_height, cache_scale;
  gboolean        cache_dark;

  /* Pointer state. */
  double          pointer_x, pointer_y;
  gboolean        pointer_inside;
  SgChartHit      hover;
  DragMode        drag_mode;
  double          drag_start_x, drag_start_y;
  double          drag_last_x, drag_last_y;
  guint           drag_k;
  double          zoom_last_scale;

  /* Density binning in a worker. */
  GCancellable   *density_cancellable;
  GTask          *density_task;

  guint           describe_idle;
};

G_DEFINE_FINAL_TYPE (SgChartView, sg_chart_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CHART, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { ITEM_ACTIVATED, CUT_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
invalidate (SgChartView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (SgChartView *self)
{
  g_autofree char *description = self->chart != NULL ? sg_chart_describe (self->chart) : NULL;
  const char *title = self->chart != NULL ? sg_chart_get_title (self->chart) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No chart"),
                                  -1);
}

static gboolean
describe_idle_cb (gpointer user_data)
{
  SgChartView *self = user_data;

  self->describe_idle = 0;
  update_accessible (self);
  return G_SOURCE_REMOVE;
}

static void
chart_changed_cb (SgChartView *self)
{
  invalidate (self);
  /* Zooming emits ::changed every frame: describe once things settle. */
  if (self->describe_idle == 0)
    self->describe_idle = g_idle_add_full (G_PRIORITY_LOW, describe_idle_cb, self, NULL);
}

static void
cancel_density (SgChartView *self)
{
  if (self->density_cancellable != NULL)
    g_cancellable_cancel (self->density_cancellable);
  g_clear_object (&self->density_cancellable);
  g_clear_object (&self->density_task);
}

static void
density_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SgDensityRaster *raster = sg_density_job_run (task_data, cancellable);

  if (raster == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  else
    g_task_return_pointer (task, raster, (GDestroyNotify) sg_density_raster_free);
}

static void
density_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgChartView *self = SG_CHART_VIEW (source);
  GTask *task = G_TASK (result);
  SgDensityRaster *raster = g_task_propagate_pointer (task, NULL);

  /* A newer job (or a new chart) superseded this one: drop its result. */
  if (task != self->density_task || !SG_IS_SCATTER_CHART (self->chart))
    {
      sg_density_raster_free (raster);
      return;
    }
  g_clear_object (&self->density_task);
  g_clear_object (&self->density_cancellable);
  if (raster != NULL)
    sg_scatter_chart_set_density_raster (SG_SCATTER_CHART (self->chart), raster);
}

/* After a draw: if the scatter needs an image for this view that is not on its way, start it. */
static void
maybe_start_density (SgChartView *self)
{
  g_autoptr(SgDensityJob) job = NULL;

  if (!SG_IS_SCATTER_CHART (self->chart))
    return;
  job = sg_scatter_chart_density_job_new (SG_SCATTER_CHART (self->chart));
  if (job == NULL)
    return;
  if (self->density_task != NULL && sg_density_job_equal (job, g_task_get_task_data (self->density_task)))
    return;
  cancel_density (self);
  self->density_cancellable = g_cancellable_new ();
  self->density_task = g_task_new (self, self->density_cancellable, density_done_cb, NULL);
  g_task_set_source_tag (self->density_task, maybe_start_density);
  g_task_set_task_data (self->density_task, g_steal_pointer (&job), (GDestroyNotify) sg_density_job_free);
  g_task_run_in_thread (self->density_task, density_worker);
}

static const char *
interface_font_family (SgChartView *self)
{
  g_autofree char *font_name = NULL;
  PangoFontDescription *font;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name, NULL);
  font = pango_font_description_from_string (font_name != NULL ? font_name : "Sans");
  if (g_strcmp0 (self->font_family, pango_font_description_get_family (font)) != 0)
    {
      g_free (self->font_family);
      self->font_family = g_strdup (pango_font_description_get_family (font));
    }
  pango_font_description_free (font);
  return self->font_family;
}

static void
style_for_widget (SgChartView  *self,
                  SgChartStyle *style)
{
  GdkRGBA fg;

  sg_chart_style_init (style, is_dark ());
  style->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  style->fill_background = FALSE;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->foreground = (SgRgb) { fg.red, fg.green, fg.blue };
  style->muted = sg_rgb_mix (style->foreground, style->background, 0.3);
  style->font_family = interface_font_family (self);
}

static void
rebuild_cache (SgChartView *self,
               int          width,
               int          height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  SgChartStyle style;
  cairo_t *cr;

  style_for_widget (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sg_chart_draw (self->chart, cr, &style, width, height);
  cairo_destroy (cr);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  self->cache = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  self->cache_generation = sg_chart_get_generation (self->chart);
  self->cache_width = width;
  self->cache_height = height;
  self->cache_scale = (int) style.scale;
  self->cache_dark = style.dark;
}

static void
snapshot_highlight (SgChartView *self,
                    GtkSnapshot *snapshot)
{
  const SgRect *a = &self->hover.area;
  SgChartStyle style;
  cairo_t *cr;

  if (self->hover.kind == SG_CHART_HIT_NONE)
    return;
  style_for_widget (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (a->x - 6, a->y - 6, a->width + 12,
                                                                 a->height + 12));
  cairo_set_source_rgba (cr, style.foreground.red, style.foreground.green, style.foreground.blue, 0.85);
  cairo_set_line_width (cr, 2);
  switch (self->hover.kind)
    {
    case SG_CHART_HIT_POINT:
    case SG_CHART_HIT_CENTROID:
      cairo_arc (cr, a->x + a->width / 2, a->y + a->height / 2, MAX (a->width, a->height) / 2 + 2,
                 0, 2 * G_PI);
      break;
    case SG_CHART_HIT_CUT_LINE:
      cairo_set_source_rgba (cr, style.accent.red, style.accent.green, style.accent.blue, 0.35);
      cairo_rectangle (cr, a->x, a->y - 2, a->width, a->height + 4);
      cairo_fill (cr);
      break;
    default:
      cairo_rectangle (cr, a->x - 1, a->y - 1, a->width + 2, a->height + 2);
      break;
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
sg_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SgChartView *self = SG_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (self->chart != NULL && width > 1 && height > 1)
    {
      if (self->cache == NULL || self->cache_generation != sg_chart_get_generation (self->chart)
          || self->cache_width != width || self->cache_height != height
          || self->cache_scale != gtk_widget_get_scale_factor (widget) || self->cache_dark != is_dark ())
        rebuild_cache (self, width, height);
      gtk_snapshot_append_node (snapshot, self->cache);
      snapshot_highlight (self, snapshot);
      maybe_start_density (self);
    }
  gtk_widget_snapshot_child (widget, self->menu_button, snapshot);
}

static void
sg_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  SgChartView *self = SG_CHART_VIEW (widget);
  int child_min, child_nat;

  gtk_widget_measure (self->menu_button, orientation, -1, &child_min, &child_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (160, child_min);
      *natural = 480;
    }
  else
    {
      *minimum = MAX (120, child_min);
      *natural = 320;
    }
}

static void
sg_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SgChartView *self = SG_CHART_VIEW (widget);
  GtkRequisition natural;

  gtk_widget_get_preferred_size (self->menu_button, NULL, &natural);
  gtk_widget_size_allocate (self->menu_button,
                            &(GtkAllocation) { MAX (width - natural.width, 0), 0,
                                               MIN (natural.width, width), MIN (natural.height, height) },
                            -1);
}

static gboolean
hit_equal (const SgChartHit *a,
           const SgChartHit *b)
{
  return a->kind == b->kind && a->index == b->index && a->segment == b->segment;
}

static void
update_cursor (SgChartView *self)
{
  const char *name = NULL;

  switch (self->hover.kind)
    {
    case SG_CHART_HIT_CUT_LINE:
      name = "ns-resize";
      break;
    case SG_CHART_HIT_LEGEND:
      name = "pointer";
      break;
    default:
      if (self->drag_mode == DRAG_PAN)
        name = "grabbing";
      else if (self->chart != NULL && sg_chart_can_zoom (self->chart))
        name = "crosshair";
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
update_hover (SgChartView *self)
{
  SgChartHit hit = { .kind = SG_CHART_HIT_NONE };

  if (self->chart != NULL && self->pointer_inside && self->drag_mode == DRAG_NONE)
    sg_chart_hit_test (self->chart, self->pointer_x, self->pointer_y, &hit);
  if (!hit_equal (&hit, &self->hover))
    {
      sg_chart_hit_clear (&self->hover);
      self->hover = hit;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    sg_chart_hit_clear (&hit);
  update_cursor (self);
}

/* The menu button shows while the pointer is over the chart, the button has the focus, or its
 * menu is open, so it never hides a legend or a title the rest of the time. */
static void
update_button (SgChartView *self)
{
  GtkPopover *popover;
  gboolean shown;

  if (self->menu_button == NULL || self->button_focus == NULL)
    return; /* being disposed: the popover hides as the button goes */
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button));
  shown = self->pointer_inside
          || gtk_event_controller_focus_contains_focus (self->button_focus)
          || (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover)));

  gtk_widget_set_opacity (self->menu_button, shown ? 1.0 : 0.0);
}

static void
enter_cb (SgChartView *self)
{
  self->pointer_inside = TRUE;
  update_button (self);
}

static void
motion_cb (SgChartView *self,
           double       x,
           double       y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
leave_cb (SgChartView *self)
{
  self->pointer_inside = FALSE;
  update_hover (self);
  update_button (self);
}

static gboolean
sg_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  SgChartView *self = SG_CHART_VIEW (widget);
  SgChartHit hit;
  gboolean shown = FALSE;

  if (self->chart == NULL || keyboard_mode || self->drag_mode != DRAG_NONE)
    return FALSE;
  if (sg_chart_hit_test (self->chart, x, y, &hit) && hit.tooltip != NULL)
    {
      GdkRectangle area = { (int) floor (hit.area.x), (int) floor (hit.area.y),
                            (int) ceil (hit.area.width) + 1, (int) ceil (hit.area.height) + 1 };

      gtk_tooltip_set_text (tooltip, hit.tooltip);
      gtk_tooltip_set_tip_area (tooltip, &area);
      shown = TRUE;
    }
  sg_chart_hit_clear (&hit);
  return shown;
}

static void
click_released_cb (SgChartView    *self,
                   int             n_press,
                   double          x,
                   double          y,
                   GtkGestureClick *gesture)
{
  SgChartHit hit;

  if (self->chart == NULL)
    return;
  if (n_press == 2 && sg_chart_can_zoom (self->chart))
    {
      sg_chart_reset_view (self->chart);
      return;
    }
  if (n_press != 1 || !sg_chart_hit_test (self->chart, x, y, &hit))
    return;
  if (hit.kind == SG_CHART_HIT_LEGEND && SG_IS_SCATTER_CHART (self->chart))
    {
      SgScatterChart *scatter = SG_SCATTER_CHART (self->chart);

      sg_scatter_chart_set_segment_visible (scatter, hit.segment,
                                            !sg_scatter_chart_get_segment_visible (scatter, hit.segment));
    }
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, &hit);
  sg_chart_hit_clear (&hit);
}

static void
context_pressed_cb (SgChartView     *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
scroll_cb (SgChartView              *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  double x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  /* Charts without a viewport let the page scroll. */
  if (self->chart == NULL || !sg_chart_can_zoom (self->chart) || dy == 0)
    return FALSE;
  sg_chart_zoom (self->chart, pow (WHEEL_ZOOM, -dy), x, y);
  return TRUE;
}

static void
zoom_begin_cb (SgChartView *self)
{
  self->zoom_last_scale = 1.0;
}

static void
zoom_scale_changed_cb (SgChartView    *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double x, y;

  if (self->chart == NULL || !(scale > 0))
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  sg_chart_zoom (self->chart, scale / self->zoom_last_scale, x, y);
  self->zoom_last_scale = scale;
}

static void
drag_begin_cb (SgChartView    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  SgChartHit hit;

  self->drag_mode = DRAG_NONE;
  if (self->chart == NULL)
    return;
  sg_chart_hit_test (self->chart, x, y, &hit);
  if (hit.kind == SG_CHART_HIT_CUT_LINE && SG_IS_DENDROGRAM_CHART (self->chart))
    {
      self->drag_mode = DRAG_CUT;
      self->drag_k = (guint) hit.index;
    }
  else if (hit.kind != SG_CHART_HIT_LEGEND && sg_chart_can_zoom (self->chart))
    self->drag_mode = DRAG_PAN;
  sg_chart_hit_clear (&hit);
  if (self->drag_mode == DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_last_x = self->drag_last_y = 0;
  update_hover (self);
}

static void
drag_update_cb (SgChartView    *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  if (self->chart == NULL)
    return;
  if (self->drag_mode == DRAG_PAN)
    {
      sg_chart_pan (self->chart, offset_x - self->drag_last_x, offset_y - self->drag_last_y);
      self->drag_last_x = offset_x;
      self->drag_last_y = offset_y;
    }
  else if (self->drag_mode == DRAG_CUT)
    {
      SgDendrogramChart *tree = SG_DENDROGRAM_CHART (self->chart);
      double height = sg_dendrogram_chart_y_to_height (tree, self->drag_start_y + offset_y);
      guint k;

      sg_dendrogram_chart_set_cut_height (tree, MAX (height, 0));
      k = sg_dendrogram_chart_k_for_height (tree, sg_dendrogram_chart_get_cut_height (tree));
      if (k != self->drag_k)
        {
          self->drag_k = k;
          g_signal_emit (self, signals[CUT_CHANGED], 0, k, sg_dendrogram_chart_get_cut_height (tree));
        }
    }
}

static void
drag_end_cb (SgChartView *self)
{
  self->drag_mode = DRAG_NONE;
  update_hover (self);
}

static char *
suggested_name (SgChartView *self,
                const char  *extension)
{
  const char *title = self->chart != NULL ? sg_chart_get_title (self->chart) : NULL;
  g_autofree char *base = g_strdup (title != NULL && *title != '\0' ? title : _("chart"));

  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strconcat (base, ".", extension, NULL);
}

static void
show_error (SgChartView  *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Could Not Export the Chart"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(SgChartView) self = user_data;
  const char *extension = g_object_get_data (G_OBJECT (dialog), "extension");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && sg_chart_format_from_path (path) == SG_CHART_FORMAT_AUTO)
        {
          char *with_extension = g_strconcat (path, ".", extension, NULL);

          g_free (path);
          path = with_extension;
        }
      if (path != NULL && !sg_chart_view_export (self, path, &error))
        show_error (self, error);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgChartView *self = SG_CHART_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL, *pattern = NULL;

  if (g_strcmp0 (format, "png") != 0 && g_strcmp0 (format, "svg") != 0 && g_strcmp0 (format, "pdf") != 0)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = suggested_name (self, format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  pattern = g_strconcat ("*.", format, NULL);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, g_str_equal (format, "png") ? _("PNG image")
                                    : g_str_equal (format, "svg") ? _("SVG image") : _("PDF document"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_set_data_full (G_OBJECT (dialog), "extension", g_strdup (format), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SgChartView *self = SG_CHART_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!sg_chart_view_export (self, g_variant_get_string (parameter, NULL), &error))
    show_error (self, error);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SgChartView *self = SG_CHART_VIEW (widget);

  if (g_str_equal (action_name, "chart.reset-zoom"))
    sg_chart_view_reset_zoom (self);
  else
    sg_chart_view_zoom (self, g_str_equal (action_name, "chart.zoom-in") ? 1.5 : 1 / 1.5);
}

static void
update_actions (SgChartView *self)
{
  gboolean zoomable = self->chart != NULL && sg_chart_can_zoom (self->chart);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", self->chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export-file", self->chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.reset-zoom", zoomable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.zoom-in", zoomable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.zoom-out", zoomable);
}

static GMenuModel *
build_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) export = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();

  g_menu_append (export, _("Export as _PNG…"), "chart.export::png");
  g_menu_append (export, _("Export as _SVG…"), "chart.export::svg");
  g_menu_append (export, _("Export as P_DF…"), "chart.export::pdf");
  g_menu_append (view, _("_Reset Zoom"), "chart.reset-zoom");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (export));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  return G_MENU_MODEL (menu);
}

static void
sg_chart_view_dispose (GObject *object)
{
  SgChartView *self = SG_CHART_VIEW (object);

  cancel_density (self);
  g_clear_handle_id (&self->describe_idle, g_source_remove);
  if (self->chart != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->chart);
      if (SG_IS_SCATTER_CHART (self->chart))
        sg_scatter_chart_set_external_density (SG_SCATTER_CHART (self->chart), FALSE);
      g_clear_object (&self->chart);
    }
  self->button_focus = NULL; /* owned by the menu button, which goes next */
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->font_family, g_free);
  sg_chart_hit_clear (&self->hover);
  G_OBJECT_CLASS (sg_chart_view_parent_class)->dispose (object);
}

static void
sg_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SgChartView *self = SG_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SgChartView *self = SG_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      sg_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_chart_view_class_init (SgChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_chart_view_dispose;
  object_class->get_property = sg_chart_view_get_property;
  object_class->set_property = sg_chart_view_set_property;
  widget_class->snapshot = sg_chart_view_snapshot;
  widget_class->measure = sg_chart_view_measure;
  widget_class->size_allocate = sg_chart_view_size_allocate;
  widget_class->query_tooltip = sg_chart_view_query_tooltip;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, SG_TYPE_CHART,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgChartView::item-activated:
   * @self: the view
   * @hit: the item clicked (a point, bar, cell, legend entry…)
   *
   * The user clicked an item of the chart. Clicking a scatter's legend entry has already toggled
   * the segment's visibility when this is emitted.
   */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          SG_TYPE_CHART_HIT | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * SgChartView::cut-changed:
   * @self: the view
   * @k: the number of segments the cut now gives
   * @height: the cut's height
   *
   * The user dragged a dendrogram's cut line across a merge, changing k.
   */
  signals[CUT_CHANGED] = g_signal_new ("cut-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_DOUBLE);

  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "chart.export-file", "s", export_file_action);
  gtk_widget_class_install_action (widget_class, "chart.reset-zoom", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "chart.reset-zoom", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (SgChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *context = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();

  g_signal_connect_swapped (motion, "enter", G_CALLBACK (enter_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (context, "pressed", G_CALLBACK (context_pressed_cb), self);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_gesture_group (drag, zoom);

  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (context));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
}

static void
sg_chart_view_init (SgChartView *self)
{
  g_autoptr(GMenuModel) menu = build_menu ();

  self->hover = (SgChartHit) { .kind = SG_CHART_HIT_NONE, .index = -1, .segment = -1 };
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
  gtk_widget_set_tooltip_text (self->menu_button, _("Chart Options"));
  /* GTK 4.8 does not name a menu button from its tooltip */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart Options"), -1);
  gtk_widget_add_css_class (self->menu_button, "osd");
  gtk_widget_add_css_class (self->menu_button, "circular");
  gtk_widget_set_margin_top (self->menu_button, 4);
  gtk_widget_set_margin_end (self->menu_button, 4);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  g_signal_connect_object (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button)),
                           "notify::visible", G_CALLBACK (update_button), self, G_CONNECT_SWAPPED);
  self->button_focus = GTK_EVENT_CONTROLLER_FOCUS (gtk_event_controller_focus_new ());
  g_signal_connect_swapped (self->button_focus, "notify::contains-focus", G_CALLBACK (update_button), self);
  gtk_widget_add_controller (self->menu_button, GTK_EVENT_CONTROLLER (self->button_focus));
  update_button (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  add_controllers (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (invalidate), NULL);
  update_actions (self);
  update_accessible (self);
}

GtkWidget *
sg_chart_view_new (SgChart *chart)
{
  g_return_val_if_fail (chart == NULL || SG_IS_CHART (chart), NULL);

  return g_object_new (SG_TYPE_CHART_VIEW, "chart", chart, NULL);
}

SgChart *
sg_chart_view_get_chart (SgChartView *self)
{
  g_return_val_if_fail (SG_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
sg_chart_view_set_chart (SgChartView *self,
                         SgChart     *chart)
{
  g_return_if_fail (SG_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || SG_IS_CHART (chart));

  if (self->chart == chart)
    return;
  cancel_density (self);
  if (self->chart != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->chart);
      if (SG_IS_SCATTER_CHART (self->chart))
        sg_scatter_chart_set_external_density (SG_SCATTER_CHART (self->chart), FALSE);
    }
  g_set_object (&self->chart, chart);
  if (chart != NULL)
    {
      self->changed_id = g_signal_connect_swapped (chart, "changed", G_CALLBACK (chart_changed_cb), self);
      if (SG_IS_SCATTER_CHART (chart))
        sg_scatter_chart_set_external_density (SG_SCATTER_CHART (chart), TRUE);
    }
  sg_chart_hit_clear (&self->hover);
  update_actions (self);
  update_accessible (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

gboolean
sg_chart_view_zoom (SgChartView *self,
                    double       factor)
{
  g_return_val_if_fail (SG_IS_CHART_VIEW (self), FALSE);

  if (self->chart == NULL)
    return FALSE;
  return sg_chart_zoom (self->chart, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

gboolean
sg_chart_view_reset_zoom (SgChartView *self)
{
  g_return_val_if_fail (SG_IS_CHART_VIEW (self), FALSE);

  return self->chart != NULL && sg_chart_reset_view (self->chart);
}

gboolean
sg_chart_view_export (SgChartView *self,
                      const char  *path,
                      GError     **error)
{
  int width, height;

  g_return_val_if_fail (SG_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->chart == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no chart to export"));
      return FALSE;
    }
  /* What is on screen, at its size; a small or unrealised view exports at a sensible size. */
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 480);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 320);
  return sg_chart_export (self->chart, path, width, height,
                          sg_chart_format_from_path (path) == SG_CHART_FORMAT_PNG ? EXPORT_PNG_SCALE : 2.0,
                          FALSE, error);
}
