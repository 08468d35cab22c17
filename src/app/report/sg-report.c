/* sg-report.c — what the report says: reads the run, its data, segments, personas and playbooks
 * (defensively: members missing from the run's JSON are normal) and lays out the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sg-async.h"
#include "sg-chart-format.h"
#include "sg-derive.h"
#include "sg-error.h"
#include "sg-heatmap-chart.h"
#include "sg-json-read.h"
#include "sg-k-scan-chart.h"
#include "sg-markdown.h"
#include "sg-persona.h"
#include "sg-playbook.h"
#include "sg-profile.h"
#include "sg-recipe.h"
#include "sg-report-bars-chart.h"
#include "sg-report-doc.h"
#include "sg-report.h"
#include "sg-scatter-chart.h"
#include "sg-sizes-chart.h"

#define DEFAULT_FONTS     "Lato, Cantarell, Noto Sans, DejaVu Sans, Sans"
#define A4_WIDTH          595.2756   /* 210 mm */
#define A4_HEIGHT         841.8898   /* 297 mm */
#define LETTER_WIDTH      612.0
#define LETTER_HEIGHT     792.0
#define CHART_FONT_SIZE   8.5
#define CHART_RASTER      1.5        /* device pixels per point for raster parts (108 dpi): finer bins thin a dense map to dust */
#define CHART_PAD         8.0        /* the chart layer's own padding (SG_CHART_PAD) */
#define MAX_BAR_FEATURES  8
#define SEGMENTS_PER_TABLE 6

/* ---- options ---- */

gboolean
sg_report_paper_from_string (const char    *name,
                             SgReportPaper *paper)
{
  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = SG_REPORT_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = SG_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

const char *
sg_report_paper_to_string (SgReportPaper paper)
{
  return paper == SG_REPORT_PAPER_LETTER ? "letter" : "a4";
}

void
sg_report_pdf_options_init (SgReportPdfOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->paper = SG_REPORT_PAPER_A4;
}

/* ---- reading JSON defensively ---- */

/* A member as text for people: strings as they are, numbers formatted; NULL when absent. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  const char *text = sg_json_member_string (object, name);
  double value;

  if (text != NULL)
    return *text != '\0' ? g_strdup (text) : NULL;
  value = sg_json_member_double (object, name);
  return isfinite (value) ? sg_chart_format_value (value) : NULL;
}

/* ---- the data behind the report ---- */

typedef struct {
  gboolean found;           /* a numeric column of the dataset */
  guint64  n_missing;       /* over every row of the dataset */
  guint64  n;               /* values in the run */
  double   mean, sd, median, min, max;
} FeatureStats;

typedef struct {
  SgProject                *project;
  const SgReportPdfOptions *options;
  char                     *title;
  char                     *date;
  SgRunInfo                *run;
  SgDatasetInfo            *dataset;     /* NULL if it is gone */
  JsonNode                 *settings_node, *model_node, *metrics_node;
  JsonObject               *settings, *model, *metrics;
  char                     *algorithm;

  guint                     k;
  SgSegmentInfo           **segments;    /* k; NULL where the project has none */
  char                    **names;       /* k, NULL-terminated */
  SgPersona               **personas;    /* k; NULL where none */
  SgPlaybook              **playbooks;
  GPtrArray                *persona_list, *playbook_list;

  gint32                   *labels;      /* NULL when they could not be read */
  gsize                     n_labels;
  guint64                  *sizes;       /* k */
  guint64                   n_rows, n_in_run, n_segmented, n_unassigned, n_excluded;

  float                    *pca;         /* n_labels × pca_width, or NULL */
  guint                     pca_width;

  guint                     n_features;
  char                    **features;    /* column names, NULL-terminated */
  char                    **feature_labels;
  gboolean                 *log1p;
  FeatureStats             *stats;
  double                   *means;       /* k × n_features, original units; NaN unknown */
  double                   *z;           /* k × n_features; NaN unknown */
  const char               *z_source;    /* how z was found, for the caption */
  SgProfile                *profile;     /* computed here for segments with no stored profile, or NULL */

  SgChartStyle              chart_style;
} Report;

static void
report_free (Report *r)
{
  g_free (r->title);
  g_free (r->date);
  g_clear_pointer (&r->run, sg_run_info_free);
  g_clear_pointer (&r->dataset, sg_dataset_info_free);
  g_clear_pointer (&r->settings_node, json_node_unref);
  g_clear_pointer (&r->model_node, json_node_unref);
  g_clear_pointer (&r->metrics_node, json_node_unref);
  g_free (r->algorithm);
  for (guint s = 0; r->segments != NULL && s < r->k; s++)
    g_clear_pointer (&r->segments[s], sg_segment_info_free);
  g_free (r->segments);
  g_strfreev (r->names);
  g_free (r->personas);
  g_free (r->playbooks);
  g_clear_pointer (&r->persona_list, g_ptr_array_unref);
  g_clear_pointer (&r->playbook_list, g_ptr_array_unref);
  g_free (r->labels);
  g_free (r->sizes);
  g_free (r->pca);
  g_strfreev (r->features);
  g_strfreev (r->feature_labels);
  g_free (r->log1p);
  g_free (r->stats);
  g_free (r->means);
  g_free (r->z);
  g_clear_pointer (&r->profile, sg_profile_free);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Report, report_free)

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* TRANSLATORS: the report's date, see g_date_time_format() */
  return g_date_time_format (now, _("%-d %B %Y"));
}

/* "2026-03-01" or "2026-03-01T10:00:00Z" as "1 March 2026"; other text as it is. */
static char *
date_text (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (iso == NULL || *iso == '\0')
    return NULL;
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      dt = g_date_time_new_from_iso8601 (iso, utc);
    }
  if (dt == NULL && sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (iso);
  return g_date_time_format (dt, _("%-d %B %Y"));
}

static char *
count_text (guint64 n)
{
  return sg_chart_format_number ((double) n, 0);
}

/* A share for people: "40%", "8.5%", "99.5%" (never "100%" for less than all). */
static char *
share_text (guint64 part,
            guint64 whole)
{
  double pct = whole > 0 ? 100.0 * (double) part / (double) whole : 0;
  g_autofree char *number = NULL;

  /* Like the charts' shares, except near all: 99.5% of the rows is not "100%". */
  if (part == whole || pct < 99.5)
    return sg_chart_format_percent (whole > 0 ? (double) part / (double) whole : 0);
  number = sg_chart_format_number (MIN (floor (pct * 10) / 10, 99.9), 1);
  /* TRANSLATORS: a percentage */
  return g_strdup_printf (_("%s%%"), number);
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/* Segment and persona names, feature names: user text, escaped for markup. */
static char *
escaped_printf (const char *format,
                ...) G_GNUC_PRINTF (1, 2);

static char *
escaped_printf (const char *format,
                ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return text;
}

static gboolean
load_segments (Report  *r,
               GError **error)
{
  g_autoptr(GPtrArray) list = sg_project_list_segments (r->project, r->run->id, error);

  if (list == NULL)
    return FALSE;
  r->segments = g_new0 (SgSegmentInfo *, MAX (r->k, 1));
  for (guint i = 0; i < list->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (list, i);

      if (info->idx < r->k && r->segments[info->idx] == NULL)
        r->segments[info->idx] = g_ptr_array_steal_index (list, i--);
    }
  r->names = g_new0 (char *, r->k + 1);
  for (guint s = 0; s < r->k; s++)
    r->names[s] = r->segments[s] != NULL && r->segments[s]->name != NULL && *r->segments[s]->name != '\0'
                    ? g_strdup (r->segments[s]->name)
                    : g_strdup_printf (_("Segment %u"), s + 1);

  /* Personas and playbooks are optional: a report without them is still a report. */
  r->personas = g_new0 (SgPersona *, MAX (r->k, 1));
  r->playbooks = g_new0 (SgPlaybook *, MAX (r->k, 1));
  r->persona_list = sg_project_list_personas (r->project, r->run->id, NULL);
  r->playbook_list = sg_project_list_playbooks (r->project, r->run->id, NULL);
  for (guint s = 0; s < r->k; s++)
    {
      if (r->persona_list != NULL && s < r->persona_list->len)
        r->personas[s] = g_ptr_array_index (r->persona_list, s);
      if (r->playbook_list != NULL && s < r->playbook_list->len)
        r->playbooks[s] = g_ptr_array_index (r->playbook_list, s);
    }
  return TRUE;
}

static void
count_labels (Report *r)
{
  r->sizes = g_new0 (guint64, MAX (r->k, 1));
  if (r->labels == NULL)
    {
      /* Without labels: the sizes the project stored. */
      for (guint s = 0; s < r->k; s++)
        r->sizes[s] = r->segments[s] != NULL ? r->segments[s]->size : 0;
      r->n_rows = r->run->n_rows;
      r->n_excluded = r->run->n_excluded;
      double unassigned = sg_json_member_double (r->metrics, "n_unassigned");

      r->n_unassigned = isfinite (unassigned) && unassigned > 0 ? (guint64) unassigned : 0;
    }
  else
    {
      r->n_rows = r->n_labels;
      for (gsize i = 0; i < r->n_labels; i++)
        {
          gint32 l = r->labels[i];

          if (l >= 0 && (guint) l < r->k)
            r->sizes[l]++;
          else if (l == SG_LABEL_UNASSIGNED)
            r->n_unassigned++;
          else if (l == SG_LABEL_EXCLUDED)
            r->n_excluded++;
        }
    }
  for (guint s = 0; s < r->k; s++)
    r->n_segmented += r->sizes[s];
  r->n_in_run = r->n_segmented + r->n_unassigned;
}

/* The features: the settings', else the model's. */
static void
find_features (Report *r)
{
  JsonArray *array = sg_json_member_array (r->settings, "features");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *log_array = sg_json_member_array (r->settings, "log1p");
  JsonArray *scaler_columns = sg_json_member_array (sg_json_member_object (r->model, "scaler"), "columns");

  if (array == NULL)
    array = sg_json_member_array (r->model, "features");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  r->features = g_strv_builder_end (builder);
  r->n_features = g_strv_length (r->features);
  r->feature_labels = g_new0 (char *, r->n_features + 1);
  r->log1p = g_new0 (gboolean, MAX (r->n_features, 1));
  for (guint f = 0; f < r->n_features; f++)
    {
      g_autofree char *display = sg_column_display_name (r->features[f]);

      if (display == NULL || *display == '\0')
        r->feature_labels[f] = g_strdup (r->features[f]);
      else
        {
          /* "days since last purchase" → "Days since last purchase" (names typed in capitals stay). */
          gunichar first = g_utf8_get_char (display);
          char buffer[8] = { 0 };

          g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
          r->feature_labels[f] = g_strconcat (buffer, g_utf8_next_char (display), NULL);
        }
      for (guint j = 0; log_array != NULL && j < json_array_get_length (log_array); j++)
        {
          JsonNode *node = json_array_get_element (log_array, j);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              g_strcmp0 (json_node_get_string (node), r->features[f]) == 0)
            r->log1p[f] = TRUE;
        }
      if (scaler_columns != NULL && f < json_array_get_length (scaler_columns))
        r->log1p[f] |= sg_json_member_bool (sg_json_element_object (scaler_columns, f), "log1p", FALSE);
    }
  r->stats = g_new0 (FeatureStats, MAX (r->n_features, 1));
  r->means = g_new (double, MAX ((gsize) r->k * r->n_features, 1));
  r->z = g_new (double, MAX ((gsize) r->k * r->n_features, 1));
  for (gsize i = 0; i < (gsize) r->k * r->n_features; i++)
    r->means[i] = r->z[i] = NAN;
}

/* The @k-th smallest of @v[0..n) (0-based), moving it to v[k] with smaller values before it and
 * larger after (quickselect, median-of-three pivots: linear on the data a report sees). */
static double
select_kth (double *v,
            gsize   n,
            gsize   k)
{
  gsize lo = 0, hi = n - 1;

  while (hi > lo)
    {
      gsize mid = lo + (hi - lo) / 2, i = lo, j = hi;
      double a = v[lo], b = v[mid], c = v[hi];
      double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];

              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return v[k];
}

static double
median_of (double *v,
           gsize   n)
{
  double upper = select_kth (v, n, n / 2), lower;

  if (n % 2)
    return upper;
  /* The other middle value is the largest of the lower half. */
  lower = v[0];
  for (gsize i = 1; i < n / 2; i++)
    lower = MAX (lower, v[i]);
  return (lower + upper) / 2;
}

/* Whether segment @s has a stored profile the report can read sentences from. */
static gboolean
has_stored_profile (Report *r,
                    guint   s)
{
  g_autoptr(JsonNode) node = sg_json_parse (r->segments[s] != NULL ? r->segments[s]->profile : NULL);

  return sg_json_member_array (sg_json_node_object (node), "distinctive") != NULL ||
         sg_json_member_array (sg_json_node_object (node), "sentences") != NULL;
}

/* Runs stored without profiles (the segmenter leaves profiling to the app): profile them here, from
 * the clustering features, so every segment page can say what sets it apart. A failure only costs
 * the sentences. */
static gboolean
compute_missing_profiles (Report      *r,
                          SgTable     *table,
                          SgProgress  *progress,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree guint *columns = NULL;
  gboolean missing = FALSE;
  SgProfileOptions options;
  guint n = sg_table_get_n_columns (table);

  for (guint s = 0; s < r->k && !missing; s++)
    missing = !has_stored_profile (r, s);
  if (!missing || sg_table_get_n_rows (table) != r->n_labels || n == 0)
    return TRUE;
  columns = g_new (guint, n);
  for (guint c = 0; c < n; c++)
    columns[c] = c;
  sg_profile_options_init (&options);
  r->profile = sg_profile_compute_full (table, r->labels, r->k, columns, n, NULL, 0, &options, progress, &local_error);
  if (r->profile == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Overall and per-segment statistics of each feature from the data itself. */
static gboolean
stats_from_data (Report      *r,
                 SgProgress  *progress,
                 GError     **error)
{
  g_autofree guint *columns = NULL;
  g_autofree guint *feature_of = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autofree double *values = NULL;
  g_autofree double *seg_sum = NULL;
  g_autofree guint64 *seg_n = NULL;
  guint n_columns = 0;
  gsize n_rows;

  if (r->dataset == NULL || r->labels == NULL || r->n_features == 0)
    return TRUE;
  columns = g_new (guint, r->n_features);
  feature_of = g_new (guint, r->n_features);
  for (guint f = 0; f < r->n_features; f++)
    {
      int c = sg_dataset_info_lookup_column (r->dataset, r->features[f]);

      if (c < 0)
        continue;
      if (!sg_column_type_is_numeric (((SgColumnInfo *) g_ptr_array_index (r->dataset->columns, c))->type))
        continue;
      columns[n_columns] = (guint) c;
      feature_of[n_columns++] = f;
    }
  if (n_columns == 0)
    return TRUE;
  table = sg_project_load_table (r->project, r->dataset->id, columns, n_columns, error);
  if (table == NULL)
    return FALSE;
  n_rows = MIN (sg_table_get_n_rows (table), r->n_labels);
  values = g_new (double, MAX (n_rows, 1));
  seg_sum = g_new (double, MAX (r->k, 1));
  seg_n = g_new (guint64, MAX (r->k, 1));

  for (guint c = 0; c < n_columns; c++)
    {
      SgColumn *column = sg_table_get_column (table, c);
      const double *data = sg_column_get_numbers (column);
      guint f = feature_of[c];
      FeatureStats *st = &r->stats[f];
      double sum = 0, ss = 0;
      gsize n = 0;

      if (!sg_progress_check (progress, error))
        return FALSE;
      sg_progress_report (progress, (double) c / n_columns, NULL);
      st->found = TRUE;
      memset (seg_sum, 0, sizeof (double) * r->k);
      memset (seg_n, 0, sizeof (guint64) * r->k);
      for (gsize i = 0; i < sg_table_get_n_rows (table); i++)
        if (!isfinite (data[i]))
          st->n_missing++;
      for (gsize i = 0; i < n_rows; i++)
        {
          gint32 l = r->labels[i];
          double v = data[i];

          if (l == SG_LABEL_EXCLUDED || !isfinite (v))
            continue;
          values[n++] = v;
          sum += v;
          if (l >= 0 && (guint) l < r->k)
            {
              seg_sum[l] += v;
              seg_n[l]++;
            }
        }
      st->n = n;
      if (n == 0)
        {
          st->mean = st->sd = st->median = st->min = st->max = NAN;
          continue;
        }
      st->mean = sum / n;
      st->min = st->max = values[0];
      for (gsize i = 0; i < n; i++)
        {
          ss += (values[i] - st->mean) * (values[i] - st->mean);
          st->min = MIN (st->min, values[i]);
          st->max = MAX (st->max, values[i]);
        }
      st->sd = n > 1 ? sqrt (ss / (n - 1)) : 0;
      st->median = median_of (values, n);
      for (guint s = 0; s < r->k; s++)
        {
          double mean = seg_n[s] > 0 ? seg_sum[s] / seg_n[s] : NAN;

          r->means[(gsize) s * r->n_features + f] = mean;
          if (isfinite (mean))
            r->z[(gsize) s * r->n_features + f] = st->sd > 0 ? (mean - st->mean) / st->sd : 0;
        }
    }
  r->z_source = "data";
  return compute_missing_profiles (r, table, progress, error);
}

/* Without the data: z from the stored centroids (standardised features), or from the profiles. */
static void
stats_from_model (Report *r)
{
  JsonArray *scaled = sg_json_member_array (r->model, "centroids_scaled");
  JsonArray *centroids = sg_json_member_array (r->model, "centroids");
  const char *method = sg_json_member_string (sg_json_member_object (r->model, "scaler"), "method");
  gboolean any_log = FALSE;

  for (guint f = 0; f < r->n_features; f++)
    any_log |= r->log1p[f];
  for (guint s = 0; centroids != NULL && s < r->k && s < json_array_get_length (centroids); s++)
    {
      JsonNode *row = json_array_get_element (centroids, s);

      for (guint f = 0; JSON_NODE_HOLDS_ARRAY (row) && f < r->n_features &&
                        f < json_array_get_length (json_node_get_array (row)); f++)
        if (!isfinite (r->means[(gsize) s * r->n_features + f]))
          r->means[(gsize) s * r->n_features + f] =
            sg_json_node_double (json_array_get_element (json_node_get_array (row), f));
    }
  if (r->z_source != NULL)
    return;
  if (scaled != NULL &&
      g_strcmp0 (method != NULL ? method : sg_json_member_string (r->settings, "scaling"), "zscore") == 0 &&
      !any_log)
    {
      for (guint s = 0; s < r->k && s < json_array_get_length (scaled); s++)
        {
          JsonNode *row = json_array_get_element (scaled, s);

          for (guint f = 0; JSON_NODE_HOLDS_ARRAY (row) && f < r->n_features &&
                            f < json_array_get_length (json_node_get_array (row)); f++)
            r->z[(gsize) s * r->n_features + f] =
              sg_json_node_double (json_array_get_element (json_node_get_array (row), f));
        }
      r->z_source = "centroids";
      return;
    }
  /* The stored profiles: Cohen's d against the rest, close to the standardised difference. */
  for (guint s = 0; s < r->k; s++)
    {
      g_autoptr(JsonNode) profile = sg_json_parse (r->segments[s] != NULL ? r->segments[s]->profile : NULL);
      JsonArray *numeric = sg_json_member_array (sg_json_node_object (profile), "numeric");

      for (guint i = 0; numeric != NULL && i < json_array_get_length (numeric); i++)
        {
          JsonObject *entry = sg_json_element_object (numeric, i);
          const char *name = sg_json_member_string (entry, "name");

          for (guint f = 0; name != NULL && f < r->n_features; f++)
            if (g_strcmp0 (name, r->features[f]) == 0)
              {
                r->z[(gsize) s * r->n_features + f] = sg_json_member_double (entry, "cohens_d");
                if (!isfinite (r->means[(gsize) s * r->n_features + f]))
                  r->means[(gsize) s * r->n_features + f] = sg_json_member_double (entry, "mean");
                if (!r->stats[f].found && isfinite (sg_json_member_double (entry, "overall_mean")))
                  {
                    r->stats[f].mean = sg_json_member_double (entry, "overall_mean");
                    r->stats[f].median = sg_json_member_double (entry, "overall_median");
                    r->stats[f].sd = r->stats[f].min = r->stats[f].max = NAN;
                  }
              }
        }
    }
  r->z_source = "profiles";
}

static void
load_pca (Report *r)
{
  gsize n_bytes = 0;
  g_autofree float *pca = NULL;
  gsize rows = r->labels != NULL ? r->n_labels : r->n_rows;

  if (rows == 0)
    return;
  pca = sg_project_load_run_array (r->project, r->run->id, "pca", &n_bytes, NULL);
  if (pca == NULL || n_bytes % (rows * sizeof (float)) != 0)
    return;
  r->pca_width = (guint) (n_bytes / (rows * sizeof (float)));
  if (r->pca_width < 2)
    {
      r->pca_width = 0;
      return;
    }
  r->pca = g_steal_pointer (&pca);
}

static Report *
report_load (SgProject                 *project,
             gint64                     run_id,
             const SgReportPdfOptions  *options,
             SgProgress                *progress,
             GError                   **error)
{
  g_autoptr(Report) r = g_new0 (Report, 1);
  g_autoptr(GError) local_error = NULL;

  r->project = project;
  r->options = options;
  r->run = sg_project_get_run (project, run_id, error);
  if (r->run == NULL)
    return NULL;
  r->title = sg_project_dup_title (project);
  r->date = options->date != NULL ? g_strdup (options->date) : today_text ();
  r->dataset = sg_project_get_dataset (project, r->run->dataset_id, NULL);
  r->settings_node = sg_json_parse (r->run->settings);
  r->model_node = sg_json_parse (r->run->model);
  r->metrics_node = sg_json_parse (r->run->metrics);
  r->settings = sg_json_node_object (r->settings_node);
  r->model = sg_json_node_object (r->model_node);
  r->metrics = sg_json_node_object (r->metrics_node);
  r->algorithm = g_strdup (r->run->algorithm != NULL ? r->run->algorithm
                                                      : sg_json_member_string (r->settings, "algorithm"));
  r->k = r->run->k;
  if (!load_segments (r, error))
    return NULL;

  r->labels = sg_project_load_run_labels (project, run_id, &r->n_labels, &local_error);
  if (r->labels == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
    }
  count_labels (r);
  load_pca (r);
  find_features (r);
  if (!stats_from_data (r, progress, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
    }
  stats_from_model (r);

  sg_chart_style_init (&r->chart_style, FALSE);
  r->chart_style.font_size = CHART_FONT_SIZE;
  r->chart_style.fill_background = FALSE;
  r->chart_style.scale = CHART_RASTER;
  r->chart_style.foreground = (SgRgb) { 0.12, 0.12, 0.14 };
  return g_steal_pointer (&r);
}

/* ---- words ---- */

static double
silhouette_of (Report *r)
{
  JsonNode *node = sg_json_member (r->metrics, "silhouette");

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return sg_json_member_double (json_node_get_object (node), "mean");
  return sg_json_node_double (node);
}

/* The quality in two or three words, and one sentence saying what that means. */
static const char *
silhouette_words (double       s,
                  const char **meaning)
{
  if (s >= 0.5)
    {
      *meaning = _("Customers sit clearly closer to their own segment than to any other.");
      return _("Strong structure");
    }
  if (s >= 0.35)
    {
      *meaning = _("Segments are well separated, with some overlap at the edges.");
      return _("Clear structure");
    }
  if (s >= 0.2)
    {
      *meaning = _("Segments overlap at the edges but differ clearly on average; typical for customer data.");
      return _("Moderate structure");
    }
  if (s >= 0.1)
    {
      *meaning = _("Segments overlap a lot: read them as a useful split of a continuum rather than natural groups.");
      return _("Weak structure");
    }
  *meaning = _("Customers do not fall into natural groups on these features; the segments are a convenient split.");
  return _("Very weak structure");
}

static const char *
davies_bouldin_words (double db)
{
  if (db < 0.8)
    return _("Segments are compact and far apart for their spread.");
  if (db < 1.5)
    return _("Segments are reasonably far apart for their spread.");
  if (db < 2.5)
    return _("Segments are close for their spread: they overlap.");
  return _("Segments overlap heavily.");
}

static const char *
algorithm_label (const char *algorithm)
{
  if (g_strcmp0 (algorithm, "kmeans") == 0)
    return _("K-means");
  if (g_strcmp0 (algorithm, "gmm") == 0)
    return _("Gaussian mixture");
  if (g_strcmp0 (algorithm, "dbscan") == 0)
    return _("Density-based (DBSCAN)");
  if (g_strcmp0 (algorithm, "hierarchical") == 0)
    return _("Hierarchical (Ward)");
  return algorithm != NULL ? algorithm : _("Unknown");
}

static char *
algorithm_sentence (Report *r)
{
  const char *a = r->algorithm;

  if (g_strcmp0 (a, "kmeans") == 0)
    return g_strdup_printf (g_dngettext (NULL,
      "K-means divided the customers into %u segment around a typical profile.",
      "K-means divided the customers into %u segments around typical profiles: every customer belongs to the "
      "segment whose average profile is nearest to their own.", r->k), r->k);
  if (g_strcmp0 (a, "gmm") == 0)
    return g_strdup_printf (_("A Gaussian mixture model described the customers as %u overlapping groups, each with "
                              "its own centre and spread, and placed every customer in the group they most "
                              "probably belong to."), r->k);
  if (g_strcmp0 (a, "dbscan") == 0)
    return g_strdup_printf (_("DBSCAN found %u dense groups of similar customers by itself; customers in sparse "
                              "areas between the groups were left unassigned."), r->k);
  if (g_strcmp0 (a, "hierarchical") == 0)
    return g_strdup_printf (_("Hierarchical clustering (Ward) merged the most similar customers and groups step by "
                              "step, and the resulting tree was cut into %u segments."), r->k);
  return escaped_printf (_("The method “%s” divided the customers into %u segments."), a != NULL ? a : "?", r->k);
}

static const char *
scaling_words (const char *scaling)
{
  if (g_strcmp0 (scaling, "zscore") == 0)
    return _("Standardised: every feature rescaled to mean 0 and standard deviation 1, so all count equally");
  if (g_strcmp0 (scaling, "minmax") == 0)
    return _("Rescaled to the range 0 to 1, so all features count equally");
  if (g_strcmp0 (scaling, "robust") == 0)
    return _("Centred on the median and divided by the interquartile range, so outliers weigh less");
  if (g_strcmp0 (scaling, "none") == 0)
    return _("None: features were used in their own units (larger numbers weigh more)");
  return NULL;
}

/* ---- figures ---- */

typedef struct {
  SgChart      *chart;
  SgChartStyle  style;
} ChartFigure;

static void
chart_figure_free (ChartFigure *figure)
{
  g_object_unref (figure->chart);
  g_free (figure);
}

static void
draw_chart_figure (SgDoc    *doc,
                   cairo_t  *cr,
                   double    x,
                   double    y,
                   double    width,
                   double    height,
                   gpointer  data)
{
  ChartFigure *figure = data;

  /* The chart pads itself: widen it by its padding so its content lines up with the text. */
  cairo_rectangle (cr, x - CHART_PAD, y, width + 2 * CHART_PAD, height);
  cairo_clip (cr);
  cairo_translate (cr, x - CHART_PAD, y);
  sg_chart_draw (figure->chart, cr, &figure->style, width + 2 * CHART_PAD, height);
}

static void
add_chart (SgDoc    *doc,
           Report   *r,
           SgChart  *chart,
           double    height,
           gboolean  keep_with_next)
{
  ChartFigure *figure = g_new0 (ChartFigure, 1);

  figure->chart = chart;   /* takes the reference */
  figure->style = r->chart_style;
  figure->style.font_family = sg_doc_get_font_family (doc);
  sg_doc_figure (doc, height, draw_chart_figure, figure, (GDestroyNotify) chart_figure_free, keep_with_next);
}

/* The title page's headline figures: three cards side by side, each a label, a figure and a note. */
typedef struct {
  char *label[3];
  char *value[3];
  char *note[3];
} Cards;

#define CARDS_HEIGHT 92.0

static void
cards_free (Cards *cards)
{
  for (guint i = 0; i < 3; i++)
    {
      g_free (cards->label[i]);
      g_free (cards->value[i]);
      g_free (cards->note[i]);
    }
  g_free (cards);
}

static void
draw_cards (SgDoc    *doc,
            cairo_t  *cr,
            double    x,
            double    y,
            double    width,
            double    height,
            gpointer  data)
{
  Cards *cards = data;
  double gap = 14, w = (width - 2 * gap) / 3, pad = 14;
  SgRgb fill = sg_rgb_mix (sg_doc_get_color (doc, SG_DOC_COLOR_FAINT), (SgRgb) { 1, 1, 1 }, 0.7);
  SgRgb accent = sg_doc_get_color (doc, SG_DOC_COLOR_ACCENT);

  for (guint i = 0; i < 3; i++)
    {
      double cx = x + i * (w + gap), label_h;
      g_autofree char *value = escape (cards->value[i]);
      g_autofree char *note = escape (cards->note[i]);
      g_autoptr(PangoLayout) label_layout = sg_doc_layout (doc, SG_DOC_LABEL, cards->label[i], w - 2 * pad);
      g_autoptr(PangoLayout) value_layout = sg_doc_layout (doc, SG_DOC_FIGURE, value, w - 2 * pad);
      g_autoptr(PangoLayout) note_layout = sg_doc_layout (doc, SG_DOC_SMALL, note, w - 2 * pad);

      pango_layout_set_ellipsize (label_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_ellipsize (value_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_ellipsize (note_layout, PANGO_ELLIPSIZE_END);
      sg_doc_set_source (cr, fill);
      cairo_rectangle (cr, cx, y, w, height);
      cairo_fill (cr);
      sg_doc_set_source (cr, accent);
      cairo_rectangle (cr, cx, y, 3, height);
      cairo_fill (cr);
      label_h = sg_doc_layout_height (label_layout);
      sg_doc_show_layout (doc, cr, label_layout, cx + pad, y + pad, sg_doc_get_color (doc, SG_DOC_COLOR_MUTED));
      sg_doc_show_layout (doc, cr, value_layout, cx + pad, y + pad + label_h + 6, sg_doc_get_color (doc, SG_DOC_COLOR_TEXT));
      sg_doc_show_layout (doc, cr, note_layout, cx + pad, y + height - pad - sg_doc_layout_height (note_layout),
                          sg_doc_get_color (doc, SG_DOC_COLOR_MUTED));
    }
}

/* The shares of the segments as stretches of one bar (unassigned in grey at the end). */
#define STRIP_BAR 12.0

static void
draw_strip (SgDoc    *doc,
            cairo_t  *cr,
            double    x,
            double    y,
            double    width,
            double    height,
            gpointer  data)
{
  Report *r = data;
  double at = x, total = (double) MAX (r->n_in_run, 1);

  for (int s = 0; s <= (int) r->k; s++)
    {
      guint64 n = s < (int) r->k ? r->sizes[s] : r->n_unassigned;
      double w = width * (double) n / total;

      if (n == 0)
        continue;
      cairo_new_path (cr);
      sg_doc_set_source (cr, sg_palette_segment (s < (int) r->k ? s : -1));
      cairo_rectangle (cr, at, y, w, height);
      cairo_fill (cr);
      at += w;
      if (at < x + width - 0.5)
        {
          /* A white hairline between neighbours. */
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_rectangle (cr, at - 0.6, y, 1.2, height);
          cairo_fill (cr);
        }
    }
}

static const char *
quality_word (double       s,
              const char **sentence)
{
  const char *meaning;

  silhouette_words (s, &meaning);
  if (sentence != NULL)
    *sentence = meaning;
  if (s >= 0.5)
    return C_("quality", "Strong");
  if (s >= 0.35)
    return C_("quality", "Clear");
  if (s >= 0.2)
    return C_("quality", "Moderate");
  if (s >= 0.1)
    return C_("quality", "Weak");
  return C_("quality", "Very weak");
}

static char *
first_sentence (Report *r,
                guint   s);

/* The contents: each part's title, a dotted leader and its page, linked to the page. Page numbers
 * are read when drawing, after pagination. */
#define CONTENTS_ROW 18.0
#define FIRST_SEGMENT_SECTION 5   /* title, data, method, map, profiles */

static void
draw_contents (SgDoc    *doc,
               cairo_t  *cr,
               double    x,
               double    y,
               double    width,
               double    height,
               gpointer  data)
{
  Report *r = data;
  const char *titles[] = { _("The data"), _("Method and quality"), _("The customer map"), _("Segment profiles"),
                           _("A page for each segment") };
  guint n = r->k > 0 ? 5 : 4;

  for (guint i = 0; i < n; i++)
    {
      guint first = sg_doc_get_section_page (doc, i + 1);
      guint last = i == 4 ? sg_doc_get_section_page (doc, FIRST_SEGMENT_SECTION + r->k - 1) : first;
      g_autofree char *pages = first == last ? g_strdup_printf ("%u", first) : g_strdup_printf ("%u–%u", first, last);
      g_autofree char *title = escape (titles[i]);
      g_autoptr(PangoLayout) title_layout = sg_doc_layout (doc, SG_DOC_BODY, title, 0);
      g_autoptr(PangoLayout) page_layout = sg_doc_layout (doc, SG_DOC_BODY, pages, 0);
      double row_y = y + i * CONTENTS_ROW, tw = sg_doc_layout_width (title_layout);
      double pw = sg_doc_layout_width (page_layout), baseline;
      g_autofree char *link = NULL;
      char rect[4][G_ASCII_DTOSTR_BUF_SIZE];

      baseline = (double) pango_layout_get_baseline (title_layout) / PANGO_SCALE;
      g_ascii_formatd (rect[0], sizeof rect[0], "%.1f", x);
      g_ascii_formatd (rect[1], sizeof rect[1], "%.1f", row_y);
      g_ascii_formatd (rect[2], sizeof rect[2], "%.1f", width);
      g_ascii_formatd (rect[3], sizeof rect[3], "%.1f", CONTENTS_ROW);
      link = g_strdup_printf ("rect=[%s %s %s %s] page=%u", rect[0], rect[1], rect[2], rect[3], first);
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
      sg_doc_show_layout (doc, cr, title_layout, x, row_y, sg_doc_get_color (doc, SG_DOC_COLOR_TEXT));
      sg_doc_show_layout (doc, cr, page_layout, x + width - pw, row_y, sg_doc_get_color (doc, SG_DOC_COLOR_TEXT));
      cairo_tag_end (cr, CAIRO_TAG_LINK);
      /* The leader: dots on the baseline between the title and the page. */
      sg_doc_set_source (cr, sg_doc_get_color (doc, SG_DOC_COLOR_FAINT));
      for (double dx = x + tw + 8; dx < x + width - pw - 8; dx += 4)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, dx, row_y + baseline - 0.8, 0.6, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }
}

typedef enum {
  GLANCE_SENTENCES,   /* each segment's name, share and most distinctive fact */
  GLANCE_NAMES,       /* names and shares only */
  GLANCE_SOME_NAMES,  /* the first few, then "…and N more" */
} GlanceStyle;

static void
title_blocks (SgDoc       *doc,
              Report      *r,
              double       top_space,
              GlanceStyle  glance,
              guint        max_names)
{
  g_autofree char *title = escape (r->title);
  g_autofree char *run_name = escape (r->run->name != NULL ? r->run->name : "");
  g_autofree char *line = NULL;
  Cards *cards = g_new0 (Cards, 1);
  double sil = silhouette_of (r);
  double db = sg_json_member_double (r->metrics, "davies_bouldin");
  JsonArray *scan_rows = sg_json_member_array (sg_json_member_object (r->metrics, "scan"), "rows");
  guint shown = glance == GLANCE_SOME_NAMES ? MIN (r->k, max_names) : r->k;

  sg_doc_figure (doc, top_space, NULL, NULL, NULL, FALSE);   /* room above the title (kept at the top) */
  sg_doc_text (doc, SG_DOC_LABEL, SG_DOC_COLOR_ACCENT, _("Customer segmentation report"));
  sg_doc_space (doc, 6);
  sg_doc_text (doc, SG_DOC_DISPLAY, SG_DOC_COLOR_TEXT, title);
  if (*run_name != '\0')
    sg_doc_text (doc, SG_DOC_H2, SG_DOC_COLOR_MUTED, run_name);
  if (r->dataset != NULL)
    line = escaped_printf (_("%s · dataset “%s”"), r->date, r->dataset->name);
  else
    line = escape (r->date);
  sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED, line);
  sg_doc_space (doc, 30);

  {
    g_autofree char *rows = count_text (r->n_rows);
    g_autofree char *pct = share_text (r->n_segmented, r->n_rows);

    cards->label[0] = g_strdup (_("Customers segmented"));
    cards->value[0] = count_text (r->n_segmented);
    cards->note[0] = g_strdup_printf (_("of %s rows (%s)"), rows, pct);
  }
  cards->label[1] = g_strdup (_("Segments"));
  cards->value[1] = g_strdup_printf ("%u", r->k);
  if (g_strcmp0 (r->algorithm, "dbscan") == 0)
    cards->note[1] = g_strdup (_("found by the method"));
  else if (scan_rows != NULL && json_array_get_length (scan_rows) > 0)
    cards->note[1] = g_strdup (_("chosen from a scan"));
  else
    cards->note[1] = g_strdup (_("set by the analyst"));
  cards->label[2] = g_strdup (_("Quality"));
  if (isfinite (sil))
    {
      g_autofree char *value = sg_chart_format_number (sil, 2);

      cards->value[2] = g_strdup (quality_word (sil, NULL));
      cards->note[2] = g_strdup_printf (_("silhouette %s"), value);
    }
  else if (isfinite (db))
    {
      g_autofree char *value = sg_chart_format_number (db, 2);

      cards->value[2] = g_strdup (db < 0.8 ? C_("quality", "Strong") : db < 1.5 ? C_("quality", "Clear")
                                  : db < 2.5 ? C_("quality", "Moderate") : C_("quality", "Weak"));
      cards->note[2] = g_strdup_printf (_("Davies–Bouldin %s"), value);
    }
  else
    {
      cards->value[2] = g_strdup ("—");
      cards->note[2] = g_strdup (_("not measured"));
    }
  sg_doc_figure (doc, CARDS_HEIGHT, draw_cards, cards, (GDestroyNotify) cards_free, FALSE);

  if (r->k > 0)
    {
      sg_doc_space (doc, 26);
      sg_doc_heading (doc, SG_DOC_H2, _("The segments at a glance"));
      sg_doc_figure (doc, STRIP_BAR, draw_strip, r, NULL, TRUE);
      sg_doc_space (doc, 10);
      for (guint s = 0; s < shown; s++)
        {
          g_autofree char *share = share_text (r->sizes[s], r->n_in_run);
          g_autofree char *heading = escaped_printf ("<b>%s</b>  <span foreground=\"#5f5f66\">%s</span>", r->names[s], share);
          g_autofree char *sentence = glance == GLANCE_SENTENCES ? first_sentence (r, s) : NULL;
          SgRgb color = sg_palette_segment ((int) s);

          sg_doc_text_full (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, heading, 16, &color, sentence != NULL);
          if (sentence != NULL)
            {
              sg_doc_text_full (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED, sentence, 16, NULL, FALSE);
              sg_doc_space (doc, 7);
            }
        }
      if (shown < r->k)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "…and %u more segment, on its own page.",
                                                                 "…and %u more segments, each on its own page.",
                                                                 r->k - shown), r->k - shown);

          sg_doc_text_full (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED, more, 16, NULL, FALSE);
        }
      if (r->n_unassigned > 0)
        {
          g_autofree char *n = count_text (r->n_unassigned);
          g_autofree char *note = g_strdup_printf (_("Grey: %s customers fit no segment (unassigned)."), n);

          sg_doc_text_full (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED, note, 16, NULL, FALSE);
        }
    }
  sg_doc_space (doc, 26);
  sg_doc_heading (doc, SG_DOC_H2, _("Contents"));
  sg_doc_figure (doc, CONTENTS_ROW * (r->k > 0 ? 5 : 4), draw_contents, r, NULL, FALSE);
}

/* The title page must be one page: the richest glance that fits, then the room left split so the
 * block sits a little above the middle. */
static void
title_page (SgDoc  *doc,
            Report *r)
{
  double body = sg_doc_get_body_height (doc) - 4, used;
  GlanceStyle glance = GLANCE_SENTENCES;
  guint max_names = r->k;

  sg_doc_begin_section (doc, _("Title page"), FALSE);
  for (;;)
    {
      title_blocks (doc, r, 0, glance, max_names);
      used = sg_doc_measure_blocks (doc, 0);
      sg_doc_remove_blocks (doc, 0);
      if (used <= body || (glance == GLANCE_SOME_NAMES && max_names == 0))
        break;
      if (glance == GLANCE_SENTENCES)
        glance = GLANCE_NAMES;
      else
        {
          glance = GLANCE_SOME_NAMES;
          max_names = max_names > 0 ? max_names - 1 : 0;
        }
    }
  title_blocks (doc, r, CLAMP ((body - used) * 0.35, 0, 120), glance, max_names);
}

/* What the data page says about how the dataset came to be: paragraphs, bullets and numbered steps. */
typedef enum {
  PREP_PARAGRAPH,
  PREP_BULLET,
  PREP_STEP,
} PrepKind;

typedef struct {
  PrepKind  kind;
  char     *label;    /* PREP_STEP: "1." */
  char     *markup;
} PrepItem;

static void
prep_item_free (PrepItem *item)
{
  g_free (item->label);
  g_free (item->markup);
  g_free (item);
}

static void
prep_add (GPtrArray *items,
          PrepKind   kind,
          char      *markup)   /* taken */
{
  PrepItem *item = g_new0 (PrepItem, 1);

  item->kind = kind;
  item->markup = markup;
  g_ptr_array_add (items, item);
}

static void
prep_add_step (GPtrArray *items,
               guint      number,
               char      *markup)   /* taken */
{
  PrepItem *item = g_new0 (PrepItem, 1);

  item->kind = PREP_STEP;
  item->label = g_strdup_printf ("%u.", number);
  item->markup = markup;
  g_ptr_array_add (items, item);
}

/* A string array member as escaped bullets. */
static void
prep_add_strings (GPtrArray  *items,
                  JsonArray  *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING)
        prep_add (items, PREP_BULLET, escape (json_node_get_string (entry)));
    }
}

/* "missing_customer_id" in words, as the derive step says it. */
static char *
excluded_reason_words (const char *id)
{
  for (guint i = 0; i < SG_EXCLUDED_N_REASONS; i++)
    if (g_strcmp0 (sg_excluded_reason_to_string (i), id) == 0)
      return g_strdup (sg_excluded_reason_describe (i));
  return g_strdelimit (g_strdup (id), "_", ' ');
}

/* The dataset's own report in words: how it was imported, derived from transactions or prepared
 * with a recipe (each described in turn, oldest first). */
static void
describe_dataset_report (Report        *r,
                         SgDatasetInfo *info,
                         GPtrArray     *items,
                         guint          depth)
{
  g_autoptr(JsonNode) node = sg_json_parse (info->report);
  JsonObject *report = sg_json_node_object (node);
  JsonNode *recipe_node = sg_json_member (report, "recipe");
  double prepared_from = sg_json_member_double (report, "prepared_from");

  if (report == NULL)
    return;
  /* A prepared dataset names the one it came from: describe that first. */
  if (isfinite (prepared_from) && depth < 4)
    {
      g_autoptr(SgDatasetInfo) parent = sg_project_get_dataset (r->project, (gint64) prepared_from, NULL);

      if (parent != NULL)
        describe_dataset_report (r, parent, items, depth + 1);
    }

  if (isfinite (sg_json_member_double (report, "rows_read")) && isfinite (sg_json_member_double (report, "customers")))
    {
      /* Derived from transactions. */
      g_autofree char *read = sg_chart_format_number (sg_json_member_double (report, "rows_read"), 0);
      g_autofree char *used = sg_chart_format_number (sg_json_member_double (report, "rows_used"), 0);
      g_autofree char *customers = sg_chart_format_number (sg_json_member_double (report, "customers"), 0);
      const char *reference = sg_json_member_string (report, "reference_date");
      JsonObject *excluded = sg_json_member_object (report, "excluded");

      prep_add (items, PREP_PARAGRAPH,
                escaped_printf (_("“%s”: customer features derived from %s transaction lines (%s used) for %s "
                                  "customers."), info->name, read, used, customers));
      if (excluded != NULL)
        {
          GList *names = json_object_get_members (excluded);

          for (GList *l = names; l != NULL; l = l->next)
            {
              double n = sg_json_member_double (excluded, l->data);
              g_autofree char *count = NULL;
              g_autofree char *why = NULL;

              if (!isfinite (n) || n <= 0)
                continue;
              count = sg_chart_format_number (n, 0);
              why = excluded_reason_words (l->data);
              prep_add (items, PREP_BULLET, escaped_printf (_("%s lines left out: %s."), count, why));
            }
          g_list_free (names);
        }
      if (reference != NULL && *reference != '\0')
        {
          g_autofree char *day = date_text (reference);

          prep_add (items, PREP_BULLET, escaped_printf (_("Recency and tenure are counted in days up to %s."), day));
        }
    }
  else if (sg_json_member_string (report, "file") != NULL && isfinite (sg_json_member_double (report, "rows_stored")))
    {
      /* Imported from a file. */
      g_autofree char *base = g_path_get_basename (sg_json_member_string (report, "file"));
      g_autofree char *read = sg_chart_format_number (sg_json_member_double (report, "rows_read"), 0);
      g_autofree char *stored = sg_chart_format_number (sg_json_member_double (report, "rows_stored"), 0);
      double rejected = sg_json_member_double (report, "rows_rejected");

      prep_add (items, PREP_PARAGRAPH,
                escaped_printf (_("“%s”: imported from the file “%s”, %s rows read and %s stored."), info->name, base,
                                read, stored));
      if (isfinite (rejected) && rejected > 0)
        {
          g_autofree char *n = sg_chart_format_number (rejected, 0);

          prep_add (items, PREP_BULLET, g_strdup_printf (_("%s rows could not be read and were skipped."), n));
        }
    }
  prep_add_strings (items, sg_json_member_array (report, "warnings"));

  /* Prepared with a recipe: its steps in words, with the values they learnt; failing that, what the
   * preparation logged as it went. */
  if (recipe_node != NULL)
    {
      g_autoptr(SgRecipe) recipe = sg_recipe_from_json (recipe_node, NULL);

      if (recipe != NULL && recipe->steps->len > 0)
        {
          prep_add (items, PREP_PARAGRAPH,
                    recipe->name != NULL && *recipe->name != '\0'
                      ? escaped_printf (_("“%s”: prepared with the recipe “%s”, step by step:"), info->name, recipe->name)
                      : escaped_printf (_("“%s”: prepared step by step:"), info->name));
          for (guint i = 0; i < recipe->steps->len; i++)
            {
              g_autofree char *text = sg_recipe_step_describe (g_ptr_array_index (recipe->steps, i));

              prep_add_step (items, i + 1, escape (text));
            }
          return;
        }
    }
  if (sg_json_member_array (report, "log") != NULL && json_array_get_length (sg_json_member_array (report, "log")) > 0)
    {
      prep_add (items, PREP_PARAGRAPH, escape (_("What the preparation did:")));
      prep_add_strings (items, sg_json_member_array (report, "log"));
    }
}

/* Fields (of the data, a persona, a playbook): short ones two by two (a label above each value), prose full
 * width; a short one that turns out long flows like prose. */
typedef struct {
  char     *label;    /* plain text */
  char     *markup;
  gboolean  prose;
} Field;

static void
field_free (Field *field)
{
  g_free (field->label);
  g_free (field->markup);
  g_free (field);
}

static void
add_field (GPtrArray  *fields,
           const char *label,
           char       *markup,     /* taken */
           gboolean    prose)
{
  Field *field;

  if (markup == NULL || *markup == '\0')
    {
      g_free (markup);
      return;
    }
  field = g_new0 (Field, 1);
  field->label = g_strdup (label);
  field->markup = markup;
  field->prose = prose;
  g_ptr_array_add (fields, field);
}

static void
add_text_field (GPtrArray  *fields,
                const char *label,
                const char *text)
{
  add_field (fields, label, text != NULL && *text != '\0' ? escape (text) : NULL, FALSE);
}

/* @prose: a field that may run long (a message, an offer): full width, unless it is one short line. */
static void
add_markdown_field (GPtrArray  *fields,
                    const char *label,
                    const char *markdown,
                    gboolean    prose)
{
  if (prose && markdown != NULL && strchr (markdown, '\n') == NULL && g_utf8_strlen (markdown, -1) <= 60)
    prose = FALSE;
  add_field (fields, label, markdown != NULL && *markdown != '\0' ? sg_markdown_to_pango_markup (markdown) : NULL, prose);
}

#define FIELD_MAX_HEIGHT 130.0

static void
emit_stacked (SgDoc *doc,
              Field *field)
{
  sg_doc_text_full (doc, SG_DOC_LABEL, SG_DOC_COLOR_MUTED, field->label, 0, NULL, TRUE);
  sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, field->markup);
}

static void
emit_fields (SgDoc     *doc,
             GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      Field *a = g_ptr_array_index (fields, i);
      Field *b = i + 1 < fields->len ? g_ptr_array_index (fields, i + 1) : NULL;

      if (!a->prose && b != NULL && !b->prose)
        {
          const char *labels[] = { a->label, b->label };
          const char *markups[] = { a->markup, b->markup };

          if (sg_doc_field_row (doc, 2, labels, markups, FIELD_MAX_HEIGHT))
            {
              i++;
              continue;
            }
        }
      else if (!a->prose)
        {
          /* A short field alone on its row: as wide as the page, unless a neighbour row lines it up. */
          const char *labels[] = { a->label, NULL };
          const char *markups[] = { a->markup, NULL };

          if (sg_doc_field_row (doc, i > 0 ? 2 : 1, labels, markups, FIELD_MAX_HEIGHT))
            continue;
        }
      emit_stacked (doc, a);
    }
}

static void
data_page (SgDoc  *doc,
           Report *r)
{
  g_autofree char *rows = count_text (r->n_rows);
  g_autofree char *segmented = count_text (r->n_segmented);
  g_autofree char *share = share_text (r->n_segmented, r->n_rows);
  g_autofree char *intro = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) prep_item_free);
  gboolean any_stats = FALSE;

  sg_doc_begin_section (doc, _("The data"), TRUE);
  sg_doc_heading (doc, SG_DOC_H1, _("The data"));
  if (r->dataset != NULL)
    intro = escaped_printf (_("The segments were found in the dataset “%s”, which holds %s rows. %s customers "
                              "(%s) were segmented on %u features."),
                            r->dataset->name, rows, segmented, share, r->n_features);
  else
    intro = g_strdup_printf (_("The dataset of this run is no longer in the project. It held %s rows; %s customers "
                               "(%s) were segmented on %u features."), rows, segmented, share, r->n_features);
  sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, intro);
  sg_doc_space (doc, 8);

  if (r->dataset != NULL)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
      g_autofree char *created = date_text (r->dataset->created);
      const char *kind = g_strcmp0 (r->dataset->kind, "prepared") == 0 ? _("Prepared (a preparation recipe applied)")
                         : g_strcmp0 (r->dataset->kind, "derived") == 0 ? _("Derived (customer features from transactions)")
                         : g_strcmp0 (r->dataset->kind, "imported") == 0 ? _("Imported from a file")
                         : r->dataset->kind;
      g_autofree char *columns = g_strdup_printf ("%u", r->dataset->columns->len);

      /* The name and sizes are in the sentence above: the rest, two by two. */
      add_text_field (fields, _("Source"), r->dataset->source);
      add_text_field (fields, _("Kind"), kind);
      add_text_field (fields, _("Added to the project"), created);
      add_text_field (fields, _("Columns"), columns);
      emit_fields (doc, fields);
    }

  /* Who was left out, and why. */
  sg_doc_heading (doc, SG_DOC_H2, _("Who is included"));
  if (r->n_excluded == 0 && r->n_unassigned == 0)
    sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT,
                 _("Every row was segmented: none had a missing value in a chosen feature."));
  if (r->n_excluded > 0)
    {
      g_autofree char *n = count_text (r->n_excluded);
      g_autofree char *pct = share_text (r->n_excluded, r->n_rows);
      g_autofree char *text = g_strdup_printf (_("%s rows (%s) were left out because a value was missing in at least "
                                                 "one of the chosen features. They are in no segment."), n, pct);

      sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, text);
    }
  if (r->n_unassigned > 0)
    {
      g_autofree char *n = count_text (r->n_unassigned);
      g_autofree char *pct = share_text (r->n_unassigned, r->n_in_run);
      g_autofree char *text = g_strdup_printf (_("%s customers (%s) were clustered but fit no segment well enough "
                                                 "(unassigned): they lie between the dense groups."), n, pct);

      sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, text);
    }

  /* The features. */
  for (guint f = 0; f < r->n_features; f++)
    any_stats |= r->stats[f].found;
  sg_doc_heading (doc, SG_DOC_H2, _("Features used"));
  if (r->n_features == 0)
    sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED, _("The run does not say which features it used."));
  else
    {
      static const double fractions[] = { 3.2, 1.3, 1.3, 1.3, 1.3, 1.3 };
      static const gboolean numeric[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE };
      const char *header[] = { _("Feature"), _("Average"), _("Median"), _("Lowest"), _("Highest"), _("Missing"), NULL };
      gboolean any_log = FALSE;

      sg_doc_text_full (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED,
                   any_stats && g_strcmp0 (r->dataset->kind, "prepared") == 0
                             ? _("Over the customers in the run, in the prepared features’ units (after the steps "
                                 "under “How the data was prepared”). Missing: rows of the dataset without a value.")
                   : any_stats ? _("Over the customers in the run, in the features’ own units. Missing: rows of the "
                                   "dataset without a value.")
                             : _("The dataset could not be read: figures are from the stored segment profiles where "
                                 "they exist."), 0, NULL, TRUE);
      sg_doc_table_begin (doc, 6, fractions, numeric);
      sg_doc_table_header (doc, header);
      for (guint f = 0; f < r->n_features; f++)
        {
          FeatureStats *st = &r->stats[f];
          g_autofree char *name = escaped_printf (r->log1p[f] ? "%s <span foreground=\"#5f5f66\">(log)</span>" : "%s",
                                                  r->feature_labels[f]);
          g_autofree char *mean = sg_chart_format_value (st->found || isfinite (st->mean) ? st->mean : NAN);
          g_autofree char *median = sg_chart_format_value (isfinite (st->median) ? st->median : NAN);
          g_autofree char *lo = sg_chart_format_value (st->found ? st->min : NAN);
          g_autofree char *hi = sg_chart_format_value (st->found ? st->max : NAN);
          g_autofree char *missing = st->found ? count_text (st->n_missing) : g_strdup ("—");
          const char *cells[] = { name, mean, median, lo, hi, missing };

          any_log |= r->log1p[f];
          sg_doc_table_row (doc, cells);
        }
      sg_doc_table_end (doc);
      if (any_log)
        sg_doc_text (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED,
                     _("(log): clustered on log(1 + value), which tames long tails such as spend; the figures here "
                       "are in the original units."));
    }

  /* How the data was prepared. */
  sg_doc_heading (doc, SG_DOC_H2, _("How the data was prepared"));
  if (r->dataset != NULL)
    describe_dataset_report (r, r->dataset, items, 0);
  if (items->len == 0)
    sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT,
                 _("No preparation was recorded for this dataset: the features were used as they were stored."));
  for (guint i = 0; i < items->len; i++)
    {
      PrepItem *item = g_ptr_array_index (items, i);
      PrepItem *next = i + 1 < items->len ? g_ptr_array_index (items, i + 1) : NULL;
      gboolean last = next == NULL || next->kind == PREP_PARAGRAPH;

      if (item->kind == PREP_PARAGRAPH)
        sg_doc_text_full (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, item->markup, 0, NULL, next != NULL);
      else
        sg_doc_item (doc, SG_DOC_BODY, item->kind == PREP_STEP ? item->label : "•", item->markup, last);
    }
}

static void
add_field_text (SgDoc      *doc,
                const char *label,
                const char *text)
{
  g_autofree char *markup = NULL;

  if (text == NULL || *text == '\0')
    return;
  markup = escape (text);
  sg_doc_field (doc, label, markup);
}

static void
method_page (SgDoc  *doc,
             Report *r)
{
  g_autofree char *sentence = algorithm_sentence (r);
  JsonObject *scan = sg_json_member_object (r->metrics, "scan");
  JsonArray *scan_rows = sg_json_member_array (scan, "rows");
  const char *scaling = sg_json_member_string (r->settings, "scaling");
  double s = silhouette_of (r);
  double db = sg_json_member_double (r->metrics, "davies_bouldin");
  double ch = sg_json_member_double (r->metrics, "calinski_harabasz");
  double bic = sg_json_member_double (r->metrics, "bic");
  gboolean automatic = scan_rows != NULL && json_array_get_length (scan_rows) > 0;

  if (scaling == NULL)
    scaling = sg_json_member_string (sg_json_member_object (r->model, "scaler"), "method");

  sg_doc_begin_section (doc, _("Method and quality"), TRUE);
  sg_doc_heading (doc, SG_DOC_H1, _("Method and quality"));
  sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, sentence);

  sg_doc_heading (doc, SG_DOC_H2, _("Settings"));
  add_field_text (doc, _("Method"), algorithm_label (r->algorithm));
  {
    g_autofree char *k_text = NULL;

    if (g_strcmp0 (r->algorithm, "dbscan") == 0)
      k_text = g_strdup_printf (_("%u, found by the method"), r->k);
    else if (automatic)
      k_text = g_strdup_printf (_("%u, chosen automatically from a scan of %u to %u segments"), r->k,
                                (guint) MAX (sg_json_member_double (r->settings, "k_min"), 0),
                                (guint) MAX (sg_json_member_double (r->settings, "k_max"), 0));
    else
      k_text = g_strdup_printf (_("%u, set by the analyst"), r->k);
    if (automatic && !isfinite (sg_json_member_double (r->settings, "k_min")))
      {
        g_free (k_text);
        k_text = g_strdup_printf (_("%u, chosen automatically from a scan"), r->k);
      }
    add_field_text (doc, _("Number of segments"), k_text);
  }
  {
    g_autoptr(GString) list = g_string_new (NULL);

    for (guint f = 0; f < r->n_features; f++)
      g_string_append_printf (list, "%s%s", f > 0 ? ", " : "", r->feature_labels[f]);
    add_field_text (doc, _("Features"), list->str);
  }
  add_field_text (doc, _("Scaling"), scaling_words (scaling) != NULL ? scaling_words (scaling) : scaling);
  {
    g_autoptr(GString) list = g_string_new (NULL);

    for (guint f = 0; f < r->n_features; f++)
      if (r->log1p[f])
        g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", r->feature_labels[f]);
    if (list->len > 0)
      add_field_text (doc, _("Log-transformed"), list->str);
  }
  if (g_strcmp0 (r->algorithm, "kmeans") == 0)
    {
      double n_init = sg_json_member_double (r->settings, "n_init");
      g_autofree char *text = isfinite (n_init) && n_init > 0
                                ? g_strdup_printf (_("%.0f starts, the best kept"), n_init)
                                : g_strdup (_("10 starts (the default), the best kept"));

      add_field_text (doc, _("Restarts"), text);
      if (sg_json_member_bool (r->settings, "minibatch", FALSE))
        add_field_text (doc, _("Variant"), _("Mini-batch (for very large data)"));
    }
  else if (g_strcmp0 (r->algorithm, "gmm") == 0)
    {
      const char *covariance = sg_json_member_string (r->settings, "covariance");

      if (covariance != NULL)
        add_field_text (doc, _("Group shapes"),
                        g_strcmp0 (covariance, "full") == 0 ? _("Any shape and orientation (full covariance)")
                        : g_strcmp0 (covariance, "diag") == 0 ? _("Stretched along the features (diagonal covariance)")
                        : g_strcmp0 (covariance, "spherical") == 0 ? _("Round (spherical covariance)") : covariance);
    }
  else if (g_strcmp0 (r->algorithm, "dbscan") == 0)
    {
      double eps = sg_json_member_double (r->metrics, "eps");
      double min_samples = sg_json_member_double (r->settings, "min_samples");
      g_autofree char *eps_text = NULL;

      if (!isfinite (eps) || eps <= 0)
        eps = sg_json_member_double (r->settings, "eps");
      eps_text = isfinite (eps) && eps > 0 ? sg_chart_format_value (eps) : NULL;
      add_field_text (doc, _("Neighbourhood radius"), eps_text);
      if (isfinite (min_samples))
        {
          g_autofree char *text = g_strdup_printf (_("%.0f customers"), min_samples);

          add_field_text (doc, _("Smallest dense group"), text);
        }
    }
  else if (g_strcmp0 (r->algorithm, "hierarchical") == 0)
    {
      const char *linkage = sg_json_member_string (r->settings, "linkage");

      add_field_text (doc, _("Linkage"), linkage);
    }
  {
    g_autofree char *seed = member_text (r->settings, "seed");

    add_field_text (doc, _("Random seed"), seed);
  }
  {
    g_autofree char *created = date_text (r->run->created);
    double seconds = sg_json_member_double (r->metrics, "seconds");

    add_field_text (doc, _("Run on"), created);
    if (isfinite (seconds) && seconds >= 0)
      {
        g_autofree char *number = sg_chart_format_number (seconds, seconds < 10 ? 2 : 0);
        g_autofree char *text = seconds < 0.005 ? g_strdup (_("under a hundredth of a second"))
                                                : g_strdup_printf (_("%s seconds"), number);

        add_field_text (doc, _("Time to fit"), text);
      }
  }

  /* Quality. */
  sg_doc_heading (doc, SG_DOC_H2, _("How clear are the segments?"));
  if (!isfinite (s) && !isfinite (db) && !isfinite (ch) && !isfinite (bic))
    sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED, _("No quality measures were stored with this run."));
  else
    {
      static const double fractions[] = { 2.2, 1.2, 5.0 };
      static const gboolean numeric[] = { FALSE, TRUE, FALSE };
      const char *header[] = { _("Measure"), _("Value"), _("What it means"), NULL };

      sg_doc_table_begin (doc, 3, fractions, numeric);
      sg_doc_table_header (doc, header);
      if (isfinite (s))
        {
          const char *meaning;
          const char *words = silhouette_words (s, &meaning);
          g_autofree char *value = sg_chart_format_number (s, 2);
          JsonObject *so = sg_json_member_object (r->metrics, "silhouette");
          double lo = sg_json_member_double (so, "ci_low"), hi = sg_json_member_double (so, "ci_high");
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *name = escaped_printf ("<b>%s</b>", _("Silhouette"));
          const char *cells[3];

          g_string_append_printf (text, _("<b>%s.</b> %s From −1 to 1; above 0.5 is strong, 0.25 to 0.5 is usual for "
                                          "customers."), words, meaning);
          if (sg_json_member_bool (so, "sampled", FALSE) && isfinite (sg_json_member_double (so, "sample_size")))
            {
              g_autofree char *n = sg_chart_format_number (sg_json_member_double (so, "sample_size"), 0);

              g_string_append_printf (text, _(" Estimated on a sample of %s customers"), n);
              if (isfinite (lo) && isfinite (hi))
                {
                  g_autofree char *l = sg_chart_format_number (lo, 2);
                  g_autofree char *h = sg_chart_format_number (hi, 2);

                  g_string_append_printf (text, _(" (95%% interval %s to %s)"), l, h);
                }
              g_string_append (text, ".");
            }
          cells[0] = name;
          cells[1] = value;
          cells[2] = text->str;
          sg_doc_table_row (doc, cells);
        }
      if (isfinite (db))
        {
          g_autofree char *value = sg_chart_format_number (db, 2);
          g_autofree char *name = escaped_printf ("<b>%s</b>", _("Davies–Bouldin"));
          g_autofree char *text = g_strdup_printf (_("%s Lower is better; below 1 is good."), davies_bouldin_words (db));
          const char *cells[] = { name, value, text };

          sg_doc_table_row (doc, cells);
        }
      if (isfinite (ch))
        {
          g_autofree char *value = sg_chart_format_number (ch, 0);
          g_autofree char *name = escaped_printf ("<b>%s</b>", _("Calinski–Harabasz"));
          const char *cells[] = { name, value,
            _("The spread between segments against the spread within them. It has no fixed scale: compare runs on "
              "the same data, where higher is better.") };

          sg_doc_table_row (doc, cells);
        }
      if (isfinite (bic))
        {
          g_autofree char *value = sg_chart_format_number (bic, 0);
          g_autofree char *name = escaped_printf ("<b>%s</b>", _("BIC"));
          const char *cells[] = { name, value,
            _("How well the mixture fits the customers, with a penalty for its complexity. Lower is better; only "
              "comparable between runs on the same data.") };

          sg_doc_table_row (doc, cells);
        }
      sg_doc_table_end (doc);
    }

  /* The k scan. */
  if (automatic)
    {
      guint n = json_array_get_length (scan_rows);
      g_autofree guint *ks = g_new (guint, n);
      g_autofree double *inertia = g_new (double, n);
      g_autofree double *score = g_new (double, n);
      gboolean use_bic = g_strcmp0 (r->algorithm, "gmm") == 0;
      gboolean any_score = FALSE, any_inertia = FALSE;
      const char *reason = sg_json_member_string (scan, "reason");
      double recommended = sg_json_member_double (scan, "recommended_k");
      SgKScanChart *chart = sg_k_scan_chart_new ();
      guint m = 0;

      for (guint i = 0; i < n; i++)
        {
          JsonObject *row = sg_json_element_object (scan_rows, i);
          double k = sg_json_member_double (row, "k");

          if (!isfinite (k) || k < 1)
            continue;
          ks[m] = (guint) k;
          inertia[m] = sg_json_member_double (row, "inertia");
          score[m] = sg_json_member_double (row, use_bic ? "bic" : "silhouette");
          if (use_bic && !isfinite (score[m]))
            score[m] = sg_json_member_double (row, "silhouette");
          any_score |= isfinite (score[m]);
          any_inertia |= isfinite (inertia[m]);
          m++;
        }
      if (m > 0 && (any_score || any_inertia))
        {
          sg_doc_heading (doc, SG_DOC_H2, _("Choosing the number of segments"));
          sg_doc_text_full (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED,
                       use_bic ? _("Each candidate number of segments was tried. Inertia (left) always falls as segments "
                                   "are added; BIC (right) is lowest where the extra segments stop paying off.")
                               : _("Each candidate number of segments was tried. Inertia (left) always falls as segments "
                                   "are added: look for the bend. The silhouette (right) is highest where segments are "
                                   "clearest."), 0, NULL, TRUE);
          sg_k_scan_chart_set_data (chart, ks, any_inertia ? inertia : NULL, any_score ? score : NULL, m,
                                    use_bic ? _("BIC") : _("Silhouette"), !use_bic);
          sg_k_scan_chart_set_recommendation (chart, isfinite (recommended) ? (guint) recommended : r->k, reason);
          add_chart (doc, r, SG_CHART (chart), 230, FALSE);
          sg_doc_set_min_height (doc, 170);
          chart = NULL;
        }
      g_clear_object (&chart);
    }
  else if (g_strcmp0 (r->algorithm, "dbscan") != 0)
    {
      g_autofree char *text = g_strdup_printf (_("The number of segments (%u) was set by the analyst; no scan of other "
                                                 "numbers was stored with this run."), r->k);

      sg_doc_heading (doc, SG_DOC_H2, _("Choosing the number of segments"));
      sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, text);
    }
}

static void
map_page (SgDoc  *doc,
          Report *r)
{
  JsonArray *ratio = sg_json_member_array (sg_json_member_object (r->model, "pca"), "explained_variance_ratio");
  double share_x = ratio != NULL && json_array_get_length (ratio) > 0
                   ? sg_json_node_double (json_array_get_element (ratio, 0)) : NAN;
  double share_y = ratio != NULL && json_array_get_length (ratio) > 1
                   ? sg_json_node_double (json_array_get_element (ratio, 1)) : NAN;
  SgSizesChart *sizes;
  double sizes_height = CLAMP (26.0 * (r->k + (r->n_unassigned > 0)) + 20, 90, 420);
  /* The map takes what the heading, its text and the sizes leave of the page; when the sizes of many
   * segments will not fit beside it anyway, the map takes the page and the sizes the next. */
  double map_height = sg_doc_get_body_height (doc) - 200 - sizes_height;

  map_height = map_height >= 250 ? MIN (map_height, 390) : CLAMP (sg_doc_get_body_height (doc) - 170, 250, 520);

  sg_doc_begin_section (doc, _("The customer map"), TRUE);
  sg_doc_heading (doc, SG_DOC_H1, _("The customer map"));
  if (r->pca != NULL)
    {
      SgScatterChart *chart = sg_scatter_chart_new ();
      gsize rows = r->labels != NULL ? r->n_labels : r->n_rows;
      g_autofree float *xs = g_new (float, MAX (rows, 1));
      g_autofree float *ys = g_new (float, MAX (rows, 1));
      g_autofree gint32 *segs = g_new (gint32, MAX (rows, 1));
      g_autoptr(GString) text = g_string_new (NULL);
      gsize n = 0;

      for (gsize i = 0; i < rows; i++)
        {
          float x = r->pca[i * r->pca_width], y = r->pca[i * r->pca_width + 1];
          gint32 l = r->labels != NULL ? r->labels[i] : 0;

          if (l == SG_LABEL_EXCLUDED || !isfinite (x) || !isfinite (y) || (l >= 0 && (guint) l >= r->k))
            continue;
          xs[n] = x;
          ys[n] = y;
          segs[n++] = l >= 0 ? l : -1;
        }
      g_string_append (text, _("Each dot is a customer, placed along the two directions in which customers differ "
                               "most (the principal components of the features). Customers close together are alike; "
                               "colours are segments."));
      if (isfinite (share_x) && isfinite (share_y))
        {
          g_autofree char *pct = sg_chart_format_percent (share_x + share_y);

          g_string_append_printf (text, _(" Together the two axes show %s of the differences between customers"), pct);
          g_string_append (text, share_x + share_y < 0.5 ? _(": segments that overlap here may still be apart in the "
                                                             "other directions.")
                                                         : ".");
        }
      if (n > SG_SCATTER_DENSITY_THRESHOLD)
        g_string_append (text, _(" With this many customers, colour intensity shows where they crowd."));
      sg_doc_text_full (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, text->str, 0, NULL, TRUE);
      sg_scatter_chart_set_data (chart, xs, ys, r->labels != NULL ? segs : NULL, n, r->k,
                                 (const char *const *) r->names);
      sg_scatter_chart_set_axes (chart, _("PC1"), isfinite (share_x) ? share_x : -1,
                                 _("PC2"), isfinite (share_y) ? share_y : -1);
      add_chart (doc, r, SG_CHART (chart), map_height, FALSE);
      sg_doc_set_min_height (doc, 240);
    }
  else
    sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED,
                 _("The map is not available: this run stored no principal components of its customers."));

  sg_doc_heading (doc, SG_DOC_H2, _("Segment sizes"));
  sizes = sg_sizes_chart_new ();
  sg_sizes_chart_set_data (sizes, r->sizes, r->k, (const char *const *) r->names, r->n_unassigned);
  add_chart (doc, r, SG_CHART (sizes), sizes_height, FALSE);
  sg_doc_set_min_height (doc, MIN (sizes_height, 18.0 * (r->k + (r->n_unassigned > 0)) + 20));
}

static void
profiles_page (SgDoc  *doc,
               Report *r)
{
  gboolean any = FALSE;

  for (gsize i = 0; i < (gsize) r->k * r->n_features; i++)
    any |= isfinite (r->z[i]);

  sg_doc_begin_section (doc, _("Segment profiles"), TRUE);
  sg_doc_heading (doc, SG_DOC_H1, _("Segment profiles"));
  if (!any)
    {
      sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED,
                   _("No profile could be computed for this run: its features and data were not found."));
      return;
    }
  sg_doc_text_full (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT,
                    _("Each cell shows how far a segment’s average lies from the average customer, in standard "
                      "deviations: red above average, blue below. Around ±0.5 is a clear difference; beyond ±1 a "
                      "strong one."), 0, NULL, TRUE);
  if (g_strcmp0 (r->z_source, "profiles") == 0)
    sg_doc_text (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED,
                 _("The data could not be read: the differences are effect sizes from the stored segment profiles."));
  {
    SgHeatmapChart *heatmap = sg_heatmap_chart_new ();
    g_autofree double *overall = g_new (double, MAX (r->n_features, 1));
    double height;

    for (guint f = 0; f < r->n_features; f++)
      overall[f] = r->stats[f].mean;
    sg_heatmap_chart_set_data (heatmap, r->z, r->k, r->n_features, (const char *const *) r->names,
                               (const char *const *) r->feature_labels);
    sg_heatmap_chart_set_means (heatmap, r->means, overall);
    height = CLAMP (90 + 24.0 * r->n_features, 170, sg_doc_get_body_height (doc) - 80);
    add_chart (doc, r, SG_CHART (heatmap), height, FALSE);
    sg_doc_set_min_height (doc, MAX (height * 0.8, 150));
  }

  /* The averages in the features' own units, a few segments per table. */
  sg_doc_heading (doc, SG_DOC_H2, _("Segment averages"));
  sg_doc_text_full (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED, _("The average of each feature in each segment, in its own units."),
                    0, NULL, TRUE);
  for (guint first = 0; first < r->k; first += SEGMENTS_PER_TABLE)
    {
      guint n = MIN (SEGMENTS_PER_TABLE, r->k - first);
      gboolean last_group = first + n >= r->k;
      guint columns = n + 1 + (last_group ? 1 : 0);
      g_autofree double *fractions = g_new (double, columns);
      g_autofree gboolean *numeric = g_new (gboolean, columns);
      g_autofree const char **header = g_new0 (const char *, columns + 1);
      g_autofree const char **cells = g_new0 (const char *, columns + 1);

      fractions[0] = 2.0;
      numeric[0] = FALSE;
      header[0] = _("Feature");
      for (guint c = 1; c < columns; c++)
        {
          fractions[c] = 1.0;
          numeric[c] = TRUE;
          header[c] = c <= n ? r->names[first + c - 1] : _("All customers");
        }
      sg_doc_table_begin (doc, columns, fractions, numeric);
      sg_doc_table_header_names (doc, header);
      for (guint f = 0; f < r->n_features; f++)
        {
          g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

          g_ptr_array_add (owned, escape (r->feature_labels[f]));
          for (guint c = 1; c <= n; c++)
            g_ptr_array_add (owned, sg_chart_format_value (r->means[(gsize) (first + c - 1) * r->n_features + f]));
          if (last_group)
            {
              g_autofree char *overall = sg_chart_format_value (r->stats[f].mean);

              g_ptr_array_add (owned, escaped_printf ("<b>%s</b>", overall));
            }
          for (guint c = 0; c < columns; c++)
            cells[c] = g_ptr_array_index (owned, c);
          sg_doc_table_row (doc, cells);
        }
      sg_doc_table_end (doc);
    }
}

/* ---- a page per segment ---- */

static GPtrArray *
profile_sentences (Report *r,
                   guint   s)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *profile;

  if (!has_stored_profile (r, s) && r->profile != NULL)
    node = sg_profile_segment_to_json (r->profile, s);
  else
    node = sg_json_parse (r->segments[s] != NULL ? r->segments[s]->profile : NULL);
  profile = sg_json_node_object (node);
  JsonArray *distinctive;
  JsonArray *plain;
  guint max = r->options->max_sentences > 0 ? r->options->max_sentences : 5;

  distinctive = sg_json_member_array (profile, "distinctive");
  plain = sg_json_member_array (profile, "sentences");
  for (guint i = 0; distinctive != NULL && i < json_array_get_length (distinctive) && sentences->len < max; i++)
    {
      const char *sentence = sg_json_member_string (sg_json_element_object (distinctive, i), "sentence");

      if (sentence != NULL && *sentence != '\0')
        g_ptr_array_add (sentences, escape (sentence));
    }
  for (guint i = 0; plain != NULL && i < json_array_get_length (plain) && sentences->len < max; i++)
    {
      JsonNode *entry = json_array_get_element (plain, i);

      if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING)
        g_ptr_array_add (sentences, escape (json_node_get_string (entry)));
    }
  return sentences;
}

/* The segment's most distinctive fact (markup), or NULL. */
static char *
first_sentence (Report *r,
                guint   s)
{
  g_autoptr(GPtrArray) sentences = profile_sentences (r, s);

  return sentences->len > 0 ? g_strdup (g_ptr_array_index (sentences, 0)) : NULL;
}

static void
persona_section (SgDoc     *doc,
                 SgPersona *persona)
{
  static const SgPersonaField grid[] = {
    SG_PERSONA_DEMOGRAPHICS, SG_PERSONA_BEHAVIOURS, SG_PERSONA_GOALS, SG_PERSONA_PAIN_POINTS,
    SG_PERSONA_OPPORTUNITIES,
  };
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  const char *name, *tagline, *description;
  g_autofree char *channels = NULL;

  sg_doc_heading (doc, SG_DOC_H2, _("Persona"));
  if (persona == NULL || sg_persona_is_empty (persona))
    {
      sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED, _("No persona has been written for this segment yet."));
      return;
    }
  name = sg_persona_get_field (persona, SG_PERSONA_NAME);
  tagline = sg_persona_get_field (persona, SG_PERSONA_TAGLINE);
  description = sg_persona_get_field (persona, SG_PERSONA_DESCRIPTION);
  if (name != NULL)
    {
      g_autofree char *markup = escape (name);

      sg_doc_heading (doc, SG_DOC_H3, markup);
    }
  if (tagline != NULL)
    {
      g_autofree char *markup = escaped_printf ("<i>“%s”</i>", tagline);

      sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED, markup);
    }
  if (description != NULL)
    sg_doc_markdown (doc, SG_DOC_BODY, description);
  for (guint i = 0; i < G_N_ELEMENTS (grid); i++)
    add_markdown_field (fields, sg_persona_field_get_label (grid[i]), sg_persona_get_field (persona, grid[i]), FALSE);
  channels = sg_channel_set_to_label (sg_persona_get_channels (persona));
  add_text_field (fields, _("Preferred channels"), channels);
  emit_fields (doc, fields);
}

static gboolean
playbook_is_empty (SgPlaybook *playbook)
{
  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    if (sg_playbook_get_field (playbook, f) != NULL)
      return FALSE;
  return sg_playbook_get_n_kpis (playbook) == 0 && sg_playbook_get_channels (playbook) == 0 &&
         sg_playbook_get_holdout_share (playbook) <= 0 && sg_playbook_get_template (playbook) == NULL;
}

/* The change a KPI's target asks for: "+6 pts" for percentages, "+40.00" in the unit otherwise. */
static char *
kpi_change (const SgKpi *kpi)
{
  double change = kpi->target - kpi->baseline;
  const char *sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  g_autofree char *amount = NULL;

  if (!isfinite (change))
    return g_strdup ("—");
  if (kpi->unit == SG_KPI_UNIT_PERCENT)
    {
      amount = sg_chart_format_value (fabs (change));
      /* TRANSLATORS: a change in percentage points, e.g. "+6 pts" */
      return g_strdup_printf (_("%s%s pts"), sign, amount);
    }
  amount = sg_kpi_unit_format_value (kpi->unit, fabs (change));
  return g_strdup_printf ("%s%s", sign, amount);
}

static void
playbook_section (SgDoc      *doc,
                  SgPlaybook *playbook)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  const char *name, *start, *end, *stratify;
  g_autofree char *channels = NULL;
  double holdout;

  sg_doc_heading (doc, SG_DOC_H2, _("Playbook"));
  if (playbook == NULL || playbook_is_empty (playbook))
    {
      sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED, _("No playbook has been planned for this segment yet."));
      return;
    }
  name = sg_playbook_get_field (playbook, SG_PLAYBOOK_NAME);
  if (name != NULL)
    {
      g_autofree char *markup = escape (name);

      sg_doc_heading (doc, SG_DOC_H3, markup);
    }
  add_text_field (fields, _("Objective"), sg_objective_get_label (sg_playbook_get_objective (playbook)));
  add_text_field (fields, _("Status"), sg_playbook_status_get_label (sg_playbook_get_status (playbook)));
  channels = sg_channel_set_to_label (sg_playbook_get_channels (playbook));
  add_text_field (fields, _("Channels"), channels != NULL && *channels != '\0' ? channels : _("None chosen yet"));
  add_text_field (fields, sg_playbook_field_get_label (SG_PLAYBOOK_OWNER),
                  sg_playbook_get_field (playbook, SG_PLAYBOOK_OWNER));
  start = sg_playbook_get_field (playbook, SG_PLAYBOOK_START_DATE);
  end = sg_playbook_get_field (playbook, SG_PLAYBOOK_END_DATE);
  if (start != NULL || end != NULL)
    {
      g_autofree char *from = date_text (start);
      g_autofree char *to = date_text (end);
      g_autofree char *text = from != NULL && to != NULL ? g_strdup_printf (_("%s to %s"), from, to)
                              : from != NULL ? g_strdup_printf (_("From %s"), from)
                              : g_strdup_printf (_("Until %s"), to);

      add_text_field (fields, _("Dates"), text);
    }
  add_text_field (fields, sg_playbook_field_get_label (SG_PLAYBOOK_CADENCE),
                  sg_playbook_get_field (playbook, SG_PLAYBOOK_CADENCE));
  add_text_field (fields, sg_playbook_field_get_label (SG_PLAYBOOK_TONE),
                  sg_playbook_get_field (playbook, SG_PLAYBOOK_TONE));
  holdout = sg_playbook_get_holdout_share (playbook);
  stratify = sg_playbook_get_holdout_stratify (playbook);
  {
    g_autofree char *pct = sg_chart_format_percent (holdout);
    g_autofree char *text = holdout <= 0 ? g_strdup (_("None: every customer in the segment is contacted"))
                            : stratify != NULL ? g_strdup_printf (_("%s of the segment held out to measure the effect, "
                                                                    "balanced by “%s”"), pct, stratify)
                            : g_strdup_printf (_("%s of the segment held out at random to measure the effect"), pct);

    add_text_field (fields, _("Control group"), text);
  }
  add_markdown_field (fields, sg_playbook_field_get_label (SG_PLAYBOOK_TIMING),
                      sg_playbook_get_field (playbook, SG_PLAYBOOK_TIMING), TRUE);
  add_markdown_field (fields, sg_playbook_field_get_label (SG_PLAYBOOK_OFFER),
                      sg_playbook_get_field (playbook, SG_PLAYBOOK_OFFER), TRUE);
  add_markdown_field (fields, sg_playbook_field_get_label (SG_PLAYBOOK_MESSAGE),
                      sg_playbook_get_field (playbook, SG_PLAYBOOK_MESSAGE), TRUE);
  emit_fields (doc, fields);

  if (sg_playbook_get_n_kpis (playbook) > 0)
    {
      static const double fractions[] = { 3.0, 1.4, 1.4, 1.4 };
      static const gboolean numeric[] = { FALSE, TRUE, TRUE, TRUE };
      const char *header[] = { _("KPI"), _("Baseline"), _("Target"), _("Change"), NULL };

      sg_doc_table_begin (doc, 4, fractions, numeric);
      sg_doc_table_header (doc, header);
      for (guint i = 0; i < sg_playbook_get_n_kpis (playbook); i++)
        {
          const SgKpi *kpi = sg_playbook_get_kpi (playbook, i);
          g_autofree char *kpi_name = escape (sg_kpi_get_display_name (kpi));
          g_autofree char *baseline = sg_kpi_unit_format_value (kpi->unit, kpi->baseline);
          g_autofree char *target = sg_kpi_unit_format_value (kpi->unit, kpi->target);
          g_autofree char *change = kpi_change (kpi);
          g_autofree char *baseline_markup = escape (baseline);
          g_autofree char *target_markup = escape (target);
          g_autofree char *change_markup = escape (change);
          const char *cells[] = { kpi_name, baseline_markup, target_markup, change_markup };

          sg_doc_table_row (doc, cells);
        }
      sg_doc_table_end (doc);
    }
}

/* The segment's facts (bullets) on the left, its bars chart on the right, as one block. */
typedef struct {
  GPtrArray    *bullets;    /* PangoLayout */
  PangoLayout  *dot;
  double        left_width;
  double        gap;
  ChartFigure  *chart;
} FactsFigure;

#define FACTS_MAX_HEIGHT 300.0
#define FACTS_BULLET_GAP 5.0
#define FACTS_INDENT     12.0

static void
facts_figure_free (FactsFigure *figure)
{
  g_ptr_array_unref (figure->bullets);
  g_object_unref (figure->dot);
  chart_figure_free (figure->chart);
  g_free (figure);
}

static void
draw_facts (SgDoc    *doc,
            cairo_t  *cr,
            double    x,
            double    y,
            double    width,
            double    height,
            gpointer  data)
{
  FactsFigure *figure = data;
  double at = y + 2;

  for (guint i = 0; i < figure->bullets->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (figure->bullets, i);

      sg_doc_show_layout (doc, cr, figure->dot, x, at, sg_doc_get_color (doc, SG_DOC_COLOR_MUTED));
      sg_doc_show_layout (doc, cr, layout, x + FACTS_INDENT, at, sg_doc_get_color (doc, SG_DOC_COLOR_TEXT));
      at += sg_doc_layout_height (layout) + FACTS_BULLET_GAP;
    }
  cairo_save (cr);
  draw_chart_figure (doc, cr, x + figure->left_width + figure->gap, y, width - figure->left_width - figure->gap,
                     height, figure->chart);
  cairo_restore (cr);
}

static gboolean
add_facts_beside_chart (SgDoc             *doc,
                        Report            *r,
                        GPtrArray         *sentences,
                        SgReportBarsChart *chart)
{
  FactsFigure *figure;
  double width = sg_doc_get_text_width (doc), text_height = 0, chart_height;

  if (sentences->len == 0)
    return FALSE;
  figure = g_new0 (FactsFigure, 1);
  figure->left_width = floor (width * 0.47);
  figure->gap = 18;
  figure->bullets = g_ptr_array_new_with_free_func (g_object_unref);
  figure->dot = sg_doc_layout (doc, SG_DOC_BODY, "•", 0);
  for (guint i = 0; i < sentences->len; i++)
    {
      PangoLayout *layout = sg_doc_layout (doc, SG_DOC_BODY, g_ptr_array_index (sentences, i),
                                           figure->left_width - FACTS_INDENT);

      text_height += sg_doc_layout_height (layout) + (i > 0 ? FACTS_BULLET_GAP : 0);
      g_ptr_array_add (figure->bullets, layout);
    }
  if (text_height > FACTS_MAX_HEIGHT)
    {
      g_ptr_array_unref (figure->bullets);
      g_object_unref (figure->dot);
      g_free (figure);
      return FALSE;
    }
  figure->chart = g_new0 (ChartFigure, 1);
  figure->chart->chart = SG_CHART (chart);
  figure->chart->style = r->chart_style;
  figure->chart->style.font_family = sg_doc_get_font_family (doc);
  chart_height = MAX (54 + 20.0 * sg_report_bars_chart_get_n_rows (chart), text_height + 4);
  sg_doc_figure (doc, chart_height, draw_facts, figure, (GDestroyNotify) facts_figure_free, TRUE);
  sg_doc_set_min_height (doc, MAX (text_height + 4, 36 + 13.0 * sg_report_bars_chart_get_n_rows (chart)));
  return TRUE;
}

static void
segment_page (SgDoc  *doc,
              Report *r,
              guint   s)
{
  g_autofree char *name = escape (r->names[s]);
  g_autofree char *count = count_text (r->sizes[s]);
  g_autofree char *share = share_text (r->sizes[s], r->n_in_run);
  g_autofree char *line = g_strdup_printf (g_dngettext (NULL, "Segment %u of %u · %s customer · %s of those in the run",
                                                         "Segment %u of %u · %s customers · %s of those in the run",
                                                         r->sizes[s]), s + 1, r->k, count, share);
  g_autoptr(GPtrArray) sentences = profile_sentences (r, s);
  gboolean any_z = FALSE;

  for (guint f = 0; f < r->n_features; f++)
    any_z |= isfinite (r->z[(gsize) s * r->n_features + f]);

  sg_doc_begin_section (doc, r->names[s], TRUE);
  sg_doc_heading_swatch (doc, SG_DOC_H1, name, sg_palette_segment ((int) s));
  sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED, line);

  sg_doc_heading (doc, SG_DOC_H2, _("What sets them apart"));
  if (sentences->len == 0)
    sg_doc_text (doc, SG_DOC_BODY, SG_DOC_COLOR_MUTED,
                 has_stored_profile (r, s) || r->profile != NULL
                   ? _("No feature stands out strongly: these customers are close to the average customer.")
                   : any_z ? _("No profile could be made for this segment: the chart shows how it differs.")
                           : _("No profile could be made for this segment."));
  if (any_z)
    {
      SgReportBarsChart *chart = sg_report_bars_chart_new ();

      sg_report_bars_chart_set_data (chart, r->z, r->k, r->n_features, s, (const char *const *) r->names,
                                     (const char *const *) r->feature_labels, MAX_BAR_FEATURES);
      /* The facts beside the chart when they are few enough, else one after the other. */
      if (!add_facts_beside_chart (doc, r, sentences, chart))
        {
          if (sentences->len > 0)
            {
              g_ptr_array_add (sentences, NULL);
              sg_doc_bullets (doc, SG_DOC_BODY, (const char *const *) sentences->pdata);
              g_ptr_array_remove_index (sentences, sentences->len - 1);
            }
          sg_doc_space (doc, 6);
          add_chart (doc, r, SG_CHART (chart), 54 + 20.0 * sg_report_bars_chart_get_n_rows (chart), TRUE);
          sg_doc_set_min_height (doc, 40 + 15.0 * sg_report_bars_chart_get_n_rows (chart));
        }
      sg_doc_text (doc, SG_DOC_SMALL, SG_DOC_COLOR_MUTED,
                   _("Bars: this segment’s average against the average customer, in standard deviations, where it "
                     "differs most. Grey ticks: the other segments."));
    }
  else if (sentences->len > 0)
    {
      g_ptr_array_add (sentences, NULL);
      sg_doc_bullets (doc, SG_DOC_BODY, (const char *const *) sentences->pdata);
    }

  persona_section (doc, r->personas[s]);
  playbook_section (doc, r->playbooks[s]);
}

/* ---- writing ---- */

typedef struct {
  FILE    *file;
  gboolean failed;
  int      saved_errno;
} Stream;

static cairo_status_t
write_stream (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  Stream *stream = closure;

  if (stream->failed)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, stream->file) != length)
    {
      stream->failed = TRUE;
      stream->saved_errno = errno;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
build_document (SgDoc  *doc,
                Report *r)
{
  g_autofree char *footer = g_strdup_printf (_("Customer segmentation · %s"), r->run->name != NULL ? r->run->name : "");

  sg_doc_set_chrome (doc, r->title, r->date, footer);
  title_page (doc, r);
  data_page (doc, r);
  method_page (doc, r);
  map_page (doc, r);
  profiles_page (doc, r);
  for (guint s = 0; s < r->k; s++)
    segment_page (doc, r, s);
}

static gboolean
io_error (GError     **error,
          const char  *path,
          int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write the report to “%s”: %s"), display,
               g_strerror (saved_errno));
  return FALSE;
}

guint
sg_report_write_pdf (SgProject                 *project,
                     gint64                     run_id,
                     const char                *path,
                     const SgReportPdfOptions  *options,
                     SgProgress                *progress,
                     GError                   **error)
{
  SgReportPdfOptions defaults;
  SgProgress load = sg_progress_sub (progress, 0.0, 0.3);
  SgProgress render = sg_progress_sub (progress, 0.4, 1.0);
  g_autoptr(Report) r = NULL;
  g_autoptr(SgDoc) doc = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *pdf_title = NULL;
  g_autofree char *creator = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Stream stream = { 0 };
  double width, height;
  gboolean ok;
  guint n_pages;
  int fd;

  g_return_val_if_fail (SG_IS_PROJECT (project), 0);
  g_return_val_if_fail (path != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (options == NULL)
    {
      sg_report_pdf_options_init (&defaults);
      options = &defaults;
    }
  sg_progress_report (progress, 0.0, _("Reading the run"));
  r = report_load (project, run_id, options, &load, error);
  if (r == NULL || !sg_progress_check (progress, error))
    return 0;

  width = options->paper == SG_REPORT_PAPER_LETTER ? LETTER_WIDTH : A4_WIDTH;
  height = options->paper == SG_REPORT_PAPER_LETTER ? LETTER_HEIGHT : A4_HEIGHT;

  /* Written beside the target and renamed over it at the end: never half a report under its name. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp, O_RDWR, 0666);
  if (fd < 0)
    return io_error (error, path, errno);
  stream.file = fdopen (fd, "wb");
  if (stream.file == NULL)
    {
      int saved = errno;

      close (fd);
      g_unlink (temp);
      return io_error (error, path, saved);
    }

  sg_progress_report (progress, 0.3, _("Laying out the pages"));
  surface = cairo_pdf_surface_create_for_stream (write_stream, &stream, width, height);
  pdf_title = g_strdup_printf ("%s — %s", r->title, r->run->name != NULL ? r->run->name : "");
  creator = g_strdup_printf ("Segmenta %s", PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, _("Customer segmentation report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cr = cairo_create (surface);
  doc = sg_doc_new (cr, width, height, options->font_family != NULL ? options->font_family : DEFAULT_FONTS);
  build_document (doc, r);
  n_pages = sg_doc_paginate (doc);

  sg_progress_report (progress, 0.4, _("Drawing the pages"));
  ok = sg_doc_render (doc, cr, &render, error);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (fclose (stream.file) != 0 && !stream.failed)
    {
      stream.failed = TRUE;
      stream.saved_errno = errno;
    }
  if (ok && (stream.failed || status != CAIRO_STATUS_SUCCESS))
    {
      if (stream.failed)
        io_error (error, path, stream.saved_errno);
      else
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write the report to “%s”: %s"), display,
                       cairo_status_to_string (status));
        }
      ok = FALSE;
    }
  if (ok && g_rename (temp, path) != 0)
    ok = io_error (error, path, errno);
  if (!ok)
    {
      g_unlink (temp);
      return 0;
    }
  sg_progress_report (progress, 1.0, NULL);
  return n_pages;
}

/* ---- in the background ---- */

typedef struct {
  SgProject          *worker;
  gint64              run_id;
  char               *path;
  SgReportPdfOptions  options;
  char               *font_family;
  char               *date;
} ReportTask;

static void
report_task_free (ReportTask *task)
{
  g_clear_object (&task->worker);
  g_free (task->path);
  g_free (task->font_family);
  g_free (task->date);
  g_free (task);
}

static gpointer
report_work (gpointer     data,
             SgProgress  *progress,
             GError     **error)
{
  ReportTask *task = data;
  guint n = sg_report_write_pdf (task->worker, task->run_id, task->path, &task->options, progress, error);

  return n > 0 ? GUINT_TO_POINTER (n) : NULL;
}

void
sg_report_write_pdf_async (SgProject                 *project,
                           gint64                     run_id,
                           const char                *path,
                           const SgReportPdfOptions  *options,
                           GCancellable              *cancellable,
                           SgProgressFunc             progress_func,
                           gpointer                   progress_data,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GError) error = NULL;
  ReportTask *task;

  g_return_if_fail (SG_IS_PROJECT (project));
  g_return_if_fail (path != NULL);

  task = g_new0 (ReportTask, 1);
  task->worker = sg_project_reopen (project, &error);
  if (task->worker == NULL)
    {
      report_task_free (task);
      g_task_report_error (project, callback, user_data, sg_report_write_pdf_async, g_steal_pointer (&error));
      return;
    }
  task->run_id = run_id;
  task->path = g_strdup (path);
  if (options != NULL)
    task->options = *options;
  else
    sg_report_pdf_options_init (&task->options);
  task->font_family = g_strdup (task->options.font_family);
  task->date = g_strdup (task->options.date);
  task->options.font_family = task->font_family;
  task->options.date = task->date;
  sg_async_run (project, sg_report_write_pdf_async, report_work, task, (GDestroyNotify) report_task_free, NULL,
                cancellable, progress_func, progress_data, callback, user_data);
}

guint
sg_report_write_pdf_finish (SgProject     *project,
                            GAsyncResult  *result,
                            GError       **error)
{
  return GPOINTER_TO_UINT (sg_async_finish (result, sg_report_write_pdf_async, error));
}
