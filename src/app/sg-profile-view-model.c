/* sg-profile-view-model.c — stored profiles, reports and validations as rows and sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgProfileViewModel"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-format.h"
#include "sg-json-read.h"
#include "sg-profile-view-model.h"
#include "sg-profile.h"

/* Longest name a segment may be given, in characters. */
#define MAX_NAME_CHARS 80
/* Old groups named in a segment's comparison note. */
#define COMPARISON_PARTS 3
/* … when they hold at least this share of it. */
#define COMPARISON_MIN_SHARE 0.10

/* The run's metrics, and in it "report" and "validation" (each NULL when absent). */
typedef struct {
  JsonNode   *root;
  JsonObject *report;
  JsonObject *validation;
} Metrics;

static void
metrics_load (Metrics         *m,
              const SgRunInfo *run)
{
  JsonObject *o;

  memset (m, 0, sizeof *m);
  m->root = sg_json_parse (run != NULL ? run->metrics : NULL);
  o = sg_json_node_object (m->root);
  m->report = sg_json_member_object (o, "report");
  m->validation = sg_json_member_object (o, "validation");
}

static void
metrics_clear (Metrics *m)
{
  g_clear_pointer (&m->root, json_node_unref);
}

/* ------------------------------------------------------------------------------------------------
 * Names
 */

/* The k current names: the stored name, else "Segment N". */
static char **
current_names (GPtrArray *segments,
               guint      k)
{
  char **names = g_new0 (char *, k + 1);

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (segments, i);

      if (info->idx < k && info->name != NULL && *info->name != '\0' && names[info->idx] == NULL)
        names[info->idx] = g_strdup (info->name);
    }
  for (guint s = 0; s < k; s++)
    if (names[s] == NULL)
      names[s] = g_strdup_printf (_("Segment %u"), s + 1);
  return names;
}

static SgSegmentInfo *
find_segment (GPtrArray *segments,
              guint      idx)
{
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (segments, i);

      if (info->idx == idx)
        return info;
    }
  return NULL;
}

/* The names the report was written with (k entries, NULL where unknown). */
static char **
report_names (JsonObject *report,
              guint       k)
{
  JsonArray *a = sg_json_member_array (report, "names");
  char **names = g_new0 (char *, k + 1);

  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *o = sg_json_element_object (a, i);
      gint64 label = sg_json_member_int (o, "label", -1);
      const char *name = sg_json_member_string (o, "name");

      if (label >= 0 && label < (gint64) k && name != NULL && names[label] == NULL)
        names[label] = g_strdup (name);
    }
  return names;
}

/* @text with every “old name” that changed since replaced by “its current name”, in one pass (so that
 * two segments that swapped names come out right). */
static char *
rename_quoted (const char        *text,
               const char *const *then,
               const char *const *now,
               guint              k)
{
  g_autoptr(GString) out = NULL;
  gboolean any = FALSE;

  if (text == NULL)
    return NULL;
  for (guint s = 0; s < k; s++)
    any |= then[s] != NULL && g_strcmp0 (then[s], now[s]) != 0;
  if (!any)
    return g_strdup (text);
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0';)
    {
      gsize best_len = 0;
      gint best = -1;

      if (g_str_has_prefix (p, "“"))
        for (guint s = 0; s < k; s++)
          {
            g_autofree char *quoted = then[s] != NULL ? g_strconcat ("“", then[s], "”", NULL) : NULL;

            if (quoted != NULL && g_str_has_prefix (p, quoted) && strlen (quoted) > best_len)
              {
                best_len = strlen (quoted);
                best = (gint) s;
              }
          }
      if (best >= 0)
        {
          g_string_append_printf (out, "“%s”", now[best]);
          p += best_len;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sg_segment_name_check (GPtrArray   *segments,
                       guint        segment,
                       const char  *text,
                       GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = NULL;

  if (*name == '\0')
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("A segment needs a name"));
      return NULL;
    }
  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("A segment name has at most %d characters"),
                   MAX_NAME_CHARS);
      return NULL;
    }
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (segments, i);
      g_autofree char *other = NULL;

      if (info->idx == segment || info->name == NULL)
        continue;
      other = g_utf8_casefold (info->name, -1);
      if (strcmp (other, folded) == 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_EXISTS, _("Segment %u is already called “%s”"), info->idx + 1,
                       info->name);
          return NULL;
        }
    }
  return g_steal_pointer (&name);
}

/* ------------------------------------------------------------------------------------------------
 * Small formatting
 */

static char *
format_percent (double share)
{
  if (!isfinite (share))
    return g_strdup ("–");
  if (share > 0 && share < 0.01)
    return g_strdup ("<1%");
  /* Translators: a share as a whole percentage */
  return g_strdup_printf (_("%.0f%%"), share * 100.0);
}

static char *
format_p (double p)
{
  if (!isfinite (p))
    return g_strdup ("–");
  if (p < 0.001)
    return g_strdup ("p < 0.001");
  return g_strdup_printf ("p = %.3f", p);
}

const char *
sg_effect_size_words (double effect)
{
  double d = fabs (effect);

  if (isnan (effect))
    return _("unknown");
  if (d < 0.2)
    return _("negligible");
  if (d < 0.5)
    return _("small");
  if (d < 0.8)
    return _("medium");
  if (d < 1.2)
    return _("large");
  return _("very large");
}

static const char *
correction_name (const char *id)
{
  if (g_strcmp0 (id, "holm") == 0 || id == NULL)
    return _("Holm-corrected");
  if (g_strcmp0 (id, "bonferroni") == 0)
    return _("Bonferroni-corrected");
  if (g_strcmp0 (id, "bh") == 0 || g_strcmp0 (id, "fdr") == 0)
    return _("Benjamini–Hochberg-corrected");
  return _("not corrected for multiple tests");
}

/* A value for the table, in its column's unit ("86.1 k$", "$412", "12%"); dates (whose index is
 * "not-ratio") as dates. */
static char *
format_value (double      value,
              const char *unit,
              const char *index_status)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("–");
  if (g_strcmp0 (index_status, "not-ratio") == 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc ((gint64) floor (value));

      return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("–");
    }
  number = sg_profile_format_number (value);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  if (strcmp (unit, "%") == 0)
    return g_strconcat (number, "%", NULL);
  if (strcmp (unit, "$") == 0 || strcmp (unit, "€") == 0 || strcmp (unit, "£") == 0)
    return g_strconcat (unit, number, NULL);
  return g_strconcat (number, " ", unit, NULL);
}

/* ------------------------------------------------------------------------------------------------
 * Rows
 */

void
sg_profile_row_free (SgProfileRow *row)
{
  if (row == NULL)
    return;
  g_free (row->column);
  g_free (row->feature);
  g_free (row->segment_text);
  g_free (row->overall_text);
  g_free (row->index_text);
  g_free (row->effect_text);
  g_free (row->significance_text);
  g_free (row->significance_detail);
  g_free (row);
}

void
sg_lift_table_free (SgLiftTable *table)
{
  if (table == NULL)
    return;
  g_free (table->column);
  g_free (table->feature);
  g_free (table->summary);
  g_clear_pointer (&table->levels, g_ptr_array_unref);
  g_free (table);
}

static void
lift_row_free (SgLiftRow *row)
{
  g_free (row->level);
  g_free (row->share_text);
  g_free (row->overall_text);
  g_free (row->lift_text);
  g_free (row);
}

void
sg_rule_row_free (SgRuleRow *row)
{
  if (row == NULL)
    return;
  g_free (row->condition);
  g_free (row->explanation);
  g_free (row);
}

void
sg_warning_row_free (SgWarningRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->severity);
  g_free (row->feature);
  g_free (row->message);
  g_free (row->advice);
  g_free (row);
}

void
sg_stability_row_free (SgStabilityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->sentence);
  g_free (row->summary);
  g_free (row);
}

static double
sort_key (const SgProfileRow *row,
          SgProfileSort       key)
{
  switch (key)
    {
    case SG_PROFILE_SORT_SEGMENT_MEAN:
      return row->segment_mean;
    case SG_PROFILE_SORT_OVERALL_MEAN:
      return row->overall_mean;
    case SG_PROFILE_SORT_INDEX:
      return row->index;
    case SG_PROFILE_SORT_EFFECT:
      return fabs (row->effect);
    case SG_PROFILE_SORT_SIGNIFICANCE:
      /* Most significant first when "descending": the smaller p, the larger the key. */
      return isnan (row->p_adjusted) ? NAN : -row->p_adjusted;
    case SG_PROFILE_SORT_FEATURE:
    default:
      return NAN;
    }
}

typedef struct {
  SgProfileSort key;
  gboolean      descending;
} SortSpec;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SgProfileRow *ra = *(SgProfileRow *const *) a;
  const SgProfileRow *rb = *(SgProfileRow *const *) b;
  const SortSpec *spec = user_data;
  double ka, kb;
  int order;

  if (spec->key == SG_PROFILE_SORT_FEATURE)
    {
      g_autofree char *fa = g_utf8_collate_key (ra->feature, -1);
      g_autofree char *fb = g_utf8_collate_key (rb->feature, -1);

      order = strcmp (fa, fb);
      return spec->descending ? -order : order;
    }
  ka = sort_key (ra, spec->key);
  kb = sort_key (rb, spec->key);
  if (isnan (ka) || isnan (kb))
    return isnan (ka) - isnan (kb);   /* missing last, whatever the direction */
  order = ka < kb ? -1 : ka > kb ? 1 : 0;
  if (order == 0)
    return g_utf8_collate (ra->feature, rb->feature);
  return spec->descending ? -order : order;
}

void
sg_profile_rows_sort (GPtrArray     *rows,
                      SgProfileSort  key,
                      gboolean       descending)
{
  SortSpec spec = { key, descending };

  g_return_if_fail (rows != NULL);
  g_ptr_array_sort_with_data (rows, compare_rows, &spec);
}

static SgProfileRow *
profile_row_new (JsonObject *o,
                 double      alpha,
                 const char *correction)
{
  SgProfileRow *row = g_new0 (SgProfileRow, 1);
  const char *unit = sg_json_member_string (o, "unit");
  const char *status = sg_json_member_string (o, "index_status");
  const char *name = sg_json_member_string (o, "name");
  g_autofree char *p_text = NULL;

  row->column = g_strdup (name != NULL ? name : "");
  row->feature = sg_column_display_name (row->column);
  row->clustered = sg_json_member_bool (o, "clustered", FALSE);
  row->segment_mean = sg_json_member_double (o, "mean");
  row->overall_mean = sg_json_member_double (o, "overall_mean");
  row->segment_text = format_value (row->segment_mean, unit, status);
  row->overall_text = format_value (row->overall_mean, unit, status);
  row->index = g_strcmp0 (status, "ok") == 0 ? sg_json_member_double (o, "index") : NAN;
  row->index_text = isfinite (row->index) ? g_strdup_printf ("%.0f", row->index) : g_strdup ("–");
  row->effect = sg_json_member_double (o, "cohens_d");
  row->effect_text = isfinite (row->effect) ? g_strdup_printf ("%+.2f", row->effect) : g_strdup ("–");
  row->effect_words = sg_effect_size_words (row->effect);
  row->p_adjusted = sg_json_member_double (o, "p_vs_rest_adjusted");
  row->significant = isfinite (row->p_adjusted) && row->p_adjusted < alpha;
  if (isnan (row->p_adjusted))
    {
      row->significance_text = g_strdup (_("Not tested"));
      row->significance_detail = g_strdup (_("Not tested: too few customers to compare with the rest"));
      return row;
    }
  p_text = format_p (row->p_adjusted);
  row->significance_text = g_strdup (row->significant ? _("Yes") : _("No"));
  /* Translators: "p < 0.001 (Welch’s t test against the other customers, Holm-corrected)" */
  row->significance_detail = g_strdup_printf (_("%s (Welch’s t test against the other customers, %s)"), p_text,
                                              correction_name (correction));
  return row;
}

/* The report's test of column @name of @kind, or NULL. */
static JsonObject *
find_test (JsonObject *report,
           const char *name,
           const char *kind)
{
  JsonArray *tests = sg_json_member_array (report, "tests");

  for (guint i = 0; tests != NULL && i < json_array_get_length (tests); i++)
    {
      JsonObject *t = sg_json_element_object (tests, i);

      if (g_strcmp0 (sg_json_member_string (t, "name"), name) == 0 &&
          g_strcmp0 (sg_json_member_string (t, "kind"), kind) == 0)
        return t;
    }
  return NULL;
}

static SgLiftTable *
lift_table_new (JsonObject *o,
                JsonObject *report)
{
  SgLiftTable *table = g_new0 (SgLiftTable, 1);
  JsonArray *levels = sg_json_member_array (o, "levels");
  const char *name = sg_json_member_string (o, "name");
  JsonObject *test;
  g_autofree char *p_text = NULL;

  table->column = g_strdup (name != NULL ? name : "");
  table->feature = sg_column_display_name (table->column);
  table->n_known = (guint64) MAX (sg_json_member_int (o, "n_known", 0), 0);
  table->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) lift_row_free);
  for (guint i = 0; levels != NULL && i < json_array_get_length (levels); i++)
    {
      JsonObject *l = sg_json_element_object (levels, i);
      SgLiftRow *row;

      if (l == NULL)
        continue;
      row = g_new0 (SgLiftRow, 1);
      row->level = g_strdup (sg_json_member_string (l, "level") ?: "–");
      row->count = (guint64) MAX (sg_json_member_int (l, "count", 0), 0);
      row->share = sg_json_member_double (l, "share");
      row->overall_share = sg_json_member_double (l, "overall_share");
      row->lift = sg_json_member_double (l, "lift");
      row->share_text = format_percent (row->share);
      row->overall_text = format_percent (row->overall_share);
      /* Translators: a lift, "×1.25": how many times as common as among all customers */
      row->lift_text = isfinite (row->lift) ? g_strdup_printf (_("×%.2f"), row->lift) : g_strdup ("–");
      g_ptr_array_add (table->levels, row);
    }

  test = find_test (report, table->column, "categorical");
  table->p_adjusted = sg_json_member_double (test, "p_adjusted");
  table->tested = test != NULL && isfinite (table->p_adjusted);
  table->separates = table->tested && sg_json_member_bool (test, "separates", FALSE);
  p_text = format_p (table->p_adjusted);
  if (!table->tested)
    table->summary = g_strdup (_("Not tested: read the shares as a description only."));
  else if (table->separates)
    /* Translators: %s is "p < 0.001" or "p = 0.012" */
    table->summary = g_strdup_printf (_("The segments differ on it (chi-square test, %s)."), p_text);
  else
    table->summary = g_strdup_printf (_("The segments do not differ on it beyond chance (chi-square test, %s): "
                                        "small differences here are noise."), p_text);
  return table;
}

static SgRuleRow *
rule_row_new (JsonObject *o)
{
  SgRuleRow *row = g_new0 (SgRuleRow, 1);
  g_autofree char *matched = NULL;
  g_autofree char *in_segment = NULL;

  row->condition = g_strdup (sg_json_member_string (o, "condition") ?: "");
  row->coverage = sg_json_member_double (o, "coverage");
  row->precision = sg_json_member_double (o, "precision");
  row->n_segment = (guint64) MAX (sg_json_member_int (o, "n_segment", 0), 0);
  row->n_leaf = (guint64) MAX (sg_json_member_int (o, "n_leaf", 0), 0);
  matched = sg_format_count (row->n_leaf);
  in_segment = sg_format_count (row->n_segment);
  /* Translators: a rule of the decision tree: its coverage, then how many of the customers it matches are
   * in the segment: "Covers 96% of this segment; 45 of the 45 customers it matches (100%) are in it." */
  row->explanation = g_strdup_printf (ngettext ("Covers %.0f%% of this segment; %s of the %s customer it matches "
                                                "(%.0f%%) is in it.",
                                                "Covers %.0f%% of this segment; %s of the %s customers it matches "
                                                "(%.0f%%) are in it.", row->n_leaf),
                                      row->coverage * 100.0, in_segment, matched, row->precision * 100.0);
  return row;
}

static char *
tree_note (JsonObject *report,
           gboolean    has_rules)
{
  JsonObject *tree = sg_json_member_object (report, "tree");
  const char *error = sg_json_member_string (report, "tree_error");
  double accuracy = sg_json_member_double (tree, "accuracy");

  if (tree == NULL || !isfinite (accuracy))
    {
      if (error != NULL)
        /* Translators: %s says why, e.g. "A decision tree needs customers in at least two segments, found 1" */
        return g_strdup_printf (_("No rules could be drawn: %s."), error);
      return g_strdup (_("No rules are stored for this run."));
    }
  if (!has_rules)
    return g_strdup_printf (_("No simple rule singles out this segment: its customers sit among others in "
                              "every group the decision tree draws (the tree places %.0f%% of all customers "
                              "in their own segment)."), accuracy * 100.0);
  if (accuracy >= 0.9)
    return g_strdup_printf (_("A faithful summary: these rules come from a small decision tree that puts %.0f%% of "
                              "all customers in their own segment. Use them to find these customers in other "
                              "tools, such as a CRM filter."), accuracy * 100.0);
  if (accuracy >= 0.75)
    return g_strdup_printf (_("A good summary: these rules come from a small decision tree that puts %.0f%% of all "
                              "customers in their own segment; customers near the edges may be misplaced."),
                            accuracy * 100.0);
  return g_strdup_printf (_("A rough guide only: the decision tree these rules come from puts just %.0f%% of "
                            "customers in their own segment, so the segments are not drawn by simple thresholds."),
                          accuracy * 100.0);
}

static GPtrArray *
warning_rows (JsonArray         *warnings,
              int                segment,   /* −2: all */
              const char *const *then,
              const char *const *now,
              guint              k)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_warning_row_free);

  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    {
      JsonObject *o = sg_json_element_object (warnings, i);
      SgWarningRow *row;

      if (o == NULL)
        continue;
      if (segment != -2 && sg_json_member_int (o, "segment", -1) != segment)
        continue;
      row = g_new0 (SgWarningRow, 1);
      row->kind = g_strdup (sg_json_member_string (o, "kind") ?: "");
      row->severity = g_strdup (sg_json_member_string (o, "severity") ?: "info");
      row->segment = (int) sg_json_member_int (o, "segment", -1);
      row->feature = g_strdup (sg_json_member_string (o, "feature"));
      row->message = rename_quoted (sg_json_member_string (o, "message") ?: "", then, now, k);
      row->advice = rename_quoted (sg_json_member_string (o, "advice") ?: "", then, now, k);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* The warnings that hold now: the validation's when there is one (it has the report's and more). */
static JsonArray *
current_warnings (const Metrics *m)
{
  JsonArray *a = sg_json_member_array (m->validation, "warnings");

  return a != NULL ? a : sg_json_member_array (m->report, "warnings");
}

static SgStabilityRow *
stability_row_new (JsonObject *stability,
                   guint       segment)
{
  JsonArray *segments = sg_json_member_array (stability, "segments");
  JsonObject *o = NULL;
  SgStabilityRow *row;
  double below = sg_json_member_double (stability, "unstable_below");

  for (guint i = 0; segments != NULL && i < json_array_get_length (segments); i++)
    if (sg_json_member_int (sg_json_element_object (segments, i), "label", -1) == (gint64) segment)
      o = sg_json_element_object (segments, i);
  if (o == NULL)
    return NULL;
  if (!isfinite (below))
    below = 0.6;
  row = g_new0 (SgStabilityRow, 1);
  row->segment = segment;
  row->jaccard = sg_json_member_double (o, "mean_jaccard");
  row->unstable = sg_json_member_bool (o, "unstable", FALSE);
  row->n_boot = (guint) MAX (sg_json_member_int (stability, "n_boot", 0), 0);
  row->n_valid = (guint) MAX (sg_json_member_int (o, "n_valid", 0), 0);
  row->n_recovered = (guint) MAX (sg_json_member_int (o, "n_recovered", 0), 0);
  row->n_dissolved = (guint) MAX (sg_json_member_int (o, "n_dissolved", 0), 0);
  if (!isfinite (row->jaccard))
    {
      row->verdict = _("Not measured");
      row->sentence = g_strdup (_("Not measured: the resampled customers never included this segment."));
      row->summary = g_strdup (row->sentence);
      return row;
    }
  /* Translators: bootstrap stability in a few words: tries in which the segment came back nearly whole, and
   * in which it broke up */
  row->summary = row->n_dissolved > 0
    ? g_strdup_printf (_("Found again in %u of %u tries, broken up in %u"), row->n_recovered, row->n_valid,
                       row->n_dissolved)
    : g_strdup_printf (_("Found again in %u of %u tries"), row->n_recovered, row->n_valid);
  if (row->unstable)
    {
      row->verdict = _("Unstable");
      /* Translators: bootstrap stability of an unstable segment; the numbers come after the words */
      row->sentence = g_strdup_printf (_("It may be an accident of this sample: segmenting resampled customers "
                                         "again found it in only %u of %u tries and broke it up in %u (average "
                                         "overlap %.2f, where below %.2f is unstable)."),
                                       row->n_recovered, row->n_valid, row->n_dissolved, row->jaccard, below);
    }
  else
    {
      row->verdict = _("Stable");
      row->sentence = g_strdup_printf (_("It holds up: segmenting resampled customers again found it in %u of %u "
                                         "tries (average overlap %.2f, where below %.2f is unstable)."),
                                       row->n_recovered, row->n_valid, row->jaccard, below);
    }
  return row;
}

/* ------------------------------------------------------------------------------------------------
 * The comparison
 */

void
sg_comparison_view_free (SgComparisonView *view)
{
  if (view == NULL)
    return;
  g_free (view->old_column);
  g_free (view->old_title);
  g_strfreev (view->names);
  g_strfreev (view->old_levels);
  g_free (view->table);
  g_free (view->row_totals);
  g_free (view->col_totals);
  g_free (view->headline);
  g_free (view->measures);
  g_strfreev (view->splits);
  g_strfreev (view->pools);
  g_free (view);
}

SgComparisonView *
sg_comparison_view_copy (const SgComparisonView *view)
{
  SgComparisonView *copy;
  gsize cells;

  g_return_val_if_fail (view != NULL, NULL);

  cells = MAX ((gsize) view->k * view->n_old, 1);
  copy = g_memdup2 (view, sizeof *view);
  copy->old_column = g_strdup (view->old_column);
  copy->old_title = g_strdup (view->old_title);
  copy->names = g_strdupv (view->names);
  copy->old_levels = g_strdupv (view->old_levels);
  copy->table = g_memdup2 (view->table, cells * sizeof (guint64));
  copy->row_totals = g_memdup2 (view->row_totals, MAX (view->k, 1) * sizeof (guint64));
  copy->col_totals = g_memdup2 (view->col_totals, MAX (view->n_old, 1) * sizeof (guint64));
  copy->headline = g_strdup (view->headline);
  copy->measures = g_strdup (view->measures);
  copy->splits = g_strdupv (view->splits);
  copy->pools = g_strdupv (view->pools);
  return copy;
}

double
sg_comparison_view_segment_share (const SgComparisonView *view,
                                  guint                   segment,
                                  guint                   old)
{
  g_return_val_if_fail (view != NULL && segment < view->k && old < view->n_old, NAN);

  if (view->row_totals[segment] == 0)
    return NAN;
  return (double) view->table[(gsize) segment * view->n_old + old] / view->row_totals[segment];
}

double
sg_comparison_view_old_share (const SgComparisonView *view,
                              guint                   segment,
                              guint                   old)
{
  g_return_val_if_fail (view != NULL && segment < view->k && old < view->n_old, NAN);

  if (view->col_totals[old] == 0)
    return NAN;
  return (double) view->table[(gsize) segment * view->n_old + old] / view->col_totals[old];
}

const char *
sg_agreement_words (double ari)
{
  if (!isfinite (ari))
    return _("Not measured");
  if (ari >= 0.8)
    return _("Nearly the same groups");
  if (ari >= 0.5)
    return _("Largely the same groups");
  if (ari >= 0.2)
    return _("Partly the same groups");
  if (ari >= 0.05)
    return _("Mostly different groups");
  return _("Unrelated groups");
}

static char *
agreement_headline (double      ari,
                    const char *column)
{
  if (!isfinite (ari))
    return g_strdup_printf (_("How the AI segments relate to “%s” could not be measured."), column);
  if (ari >= 0.8)
    return g_strdup_printf (_("The AI segments and “%s” group your customers nearly the same way."), column);
  if (ari >= 0.5)
    return g_strdup_printf (_("The AI segments and “%s” largely agree; some customers are grouped differently."),
                            column);
  if (ari >= 0.2)
    return g_strdup_printf (_("The AI segments and “%s” partly agree: in places they cut your customers in "
                              "different ways."), column);
  if (ari >= 0.05)
    return g_strdup_printf (_("The AI segments and “%s” mostly disagree: they group your customers in different "
                              "ways."), column);
  return g_strdup_printf (_("The AI segments and “%s” are unrelated: a customer’s old group says almost nothing "
                            "about their AI segment."), column);
}

/* "Name 52%, Other 48%" from [{KEY, count, share}] */
static char *
parts_text (JsonArray         *parts,
            const char        *key,
            const char *const *labels,
            guint              n_labels)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonObject *p = sg_json_element_object (parts, i);
      gint64 index = sg_json_member_int (p, key, -1);
      g_autofree char *share = format_percent (sg_json_member_double (p, "share"));

      if (index < 0 || index >= (gint64) n_labels)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a part of a group: "Loyal Regulars 52%" */
      g_string_append_printf (text, _("%s %s"), labels[index], share);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GStrv
findings (JsonArray         *array,
          gboolean           splits,
          SgComparisonView  *view)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = sg_json_element_object (array, i);
      JsonArray *parts = sg_json_member_array (o, "parts");
      guint n_parts = parts != NULL ? json_array_get_length (parts) : 0;
      gint64 index = sg_json_member_int (o, splits ? "old_group" : "segment", -1);
      g_autofree char *list = NULL;
      g_autofree char *sentence = NULL;

      if (index < 0 || index >= (gint64) (splits ? view->n_old : view->k))
        continue;
      if (splits)
        {
          list = parts_text (parts, "segment", (const char *const *) view->names, view->k);
          sentence = g_strdup_printf (ngettext ("Old group “%s” is spread over %u AI segment: %s",
                                                "Old group “%s” is spread over %u AI segments: %s", n_parts),
                                      view->old_levels[index], n_parts, list);
        }
      else
        {
          list = parts_text (parts, "old_group", (const char *const *) view->old_levels, view->n_old);
          sentence = g_strdup_printf (ngettext ("AI segment “%s” pools %u old group: %s",
                                                "AI segment “%s” pools %u old groups: %s", n_parts),
                                      view->names[index], n_parts, list);
        }
      g_strv_builder_add (builder, sentence);
    }
  return g_strv_builder_end (builder);
}

static SgComparisonView *
comparison_view_new (JsonObject        *o,
                     const char *const *names,
                     guint              k)
{
  JsonArray *levels = sg_json_member_array (o, "old_levels");
  JsonArray *table = sg_json_member_array (o, "table");
  SgComparisonView *view;
  guint n_old;

  if (o == NULL || levels == NULL || table == NULL || json_array_get_length (table) != k)
    return NULL;
  n_old = json_array_get_length (levels);
  view = g_new0 (SgComparisonView, 1);
  view->old_column = g_strdup (sg_json_member_string (o, "old_column") ?: "");
  view->old_title = sg_column_display_name (view->old_column);
  view->k = k;
  view->n_old = n_old;
  view->names = g_strdupv ((char **) names);
  view->old_levels = g_new0 (char *, n_old + 1);
  for (guint j = 0; j < n_old; j++)
    {
      JsonNode *node = json_array_get_element (levels, j);

      view->old_levels[j] = g_strdup (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                                      ? json_node_get_string (node) : "–");
    }
  view->table = g_new0 (guint64, MAX ((gsize) k * n_old, 1));
  view->row_totals = g_new0 (guint64, MAX (k, 1));
  view->col_totals = g_new0 (guint64, MAX (n_old, 1));
  for (guint s = 0; s < k; s++)
    {
      JsonNode *row_node = json_array_get_element (table, s);
      JsonArray *row = JSON_NODE_HOLDS_ARRAY (row_node) ? json_node_get_array (row_node) : NULL;

      for (guint j = 0; row != NULL && j < n_old && j < json_array_get_length (row); j++)
        {
          double v = sg_json_node_double (json_array_get_element (row, j));
          guint64 count = isfinite (v) && v > 0 ? (guint64) v : 0;

          view->table[(gsize) s * n_old + j] = count;
          view->row_totals[s] += count;
          view->col_totals[j] += count;
          view->n += count;
        }
    }
  view->ari = sg_json_member_double (o, "ari");
  view->nmi = sg_json_member_double (o, "nmi");
  view->agreement_words = sg_agreement_words (view->ari);
  view->headline = agreement_headline (view->ari, view->old_title);
  /* No "-0.00": a tiny negative index is chance. */
  view->measures = g_strdup_printf (_("Adjusted Rand index %.2f (1: the same groups; 0: no more alike than "
                                      "chance). Normalised mutual information %.2f (1: one grouping tells the "
                                      "other exactly; 0: it tells nothing)."),
                                    fabs (view->ari) < 0.005 ? 0.0 : view->ari, view->nmi);
  view->splits = findings (sg_json_member_array (o, "splits"), TRUE, view);
  view->pools = findings (sg_json_member_array (o, "pools"), FALSE, view);
  return view;
}

/* "Against “rfm_segment”: mostly Champions (35%), At Risk (32%) and Loyal (21%)." */
static char *
comparison_note (const SgComparisonView *view,
                 guint                   segment)
{
  guint order[COMPARISON_PARTS];
  guint n = 0;
  g_autoptr(GString) list = g_string_new (NULL);

  if (view == NULL || segment >= view->k || view->row_totals[segment] == 0)
    return NULL;
  /* The largest old groups, at most COMPARISON_PARTS of them. */
  for (guint round = 0; round < COMPARISON_PARTS; round++)
    {
      gint best = -1;

      for (guint j = 0; j < view->n_old; j++)
        {
          gboolean taken = FALSE;

          for (guint i = 0; i < n; i++)
            taken |= order[i] == j;
          if (!taken && (best < 0 || view->table[(gsize) segment * view->n_old + j] >
                                     view->table[(gsize) segment * view->n_old + (guint) best]))
            best = (gint) j;
        }
      if (best < 0 || sg_comparison_view_segment_share (view, segment, (guint) best) < COMPARISON_MIN_SHARE)
        break;
      order[n++] = (guint) best;
    }
  if (n == 0)
    return g_strdup_printf (_("By “%s”: spread thinly over many groups."), view->old_title);
  if (sg_comparison_view_segment_share (view, segment, order[0]) >= 0.8)
    {
      g_autofree char *share = format_percent (sg_comparison_view_segment_share (view, segment, order[0]));

      /* Translators: the segment by an old segmentation: "By “rfm_segment”: almost all Lost (97%)." */
      return g_strdup_printf (_("By “%s”: almost all %s (%s)."), view->old_title, view->old_levels[order[0]], share);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *share = format_percent (sg_comparison_view_segment_share (view, segment, order[i]));

      if (i > 0)
        g_string_append (list, ", ");
      /* Translators: a share of the segment and an old group: "35% Champions" */
      g_string_append_printf (list, _("%s %s"), share, view->old_levels[order[i]]);
    }
  /* Translators: the segment by an old segmentation: "By “rfm_segment”: 35% Champions, 32% At Risk." */
  return g_strdup_printf (_("By “%s”: %s."), view->old_title, list->str);
}

/* ------------------------------------------------------------------------------------------------
 * One segment
 */

void
sg_segment_view_free (SgSegmentView *view)
{
  if (view == NULL)
    return;
  g_free (view->name);
  g_free (view->name_rule);
  g_free (view->name_note);
  g_free (view->size_text);
  g_free (view->no_profile_reason);
  g_strfreev (view->sentences);
  g_clear_pointer (&view->rows, g_ptr_array_unref);
  g_clear_pointer (&view->lifts, g_ptr_array_unref);
  g_clear_pointer (&view->rules, g_ptr_array_unref);
  g_free (view->rules_note);
  g_clear_pointer (&view->warnings, g_ptr_array_unref);
  sg_stability_row_free (view->stability);
  g_free (view->comparison_note);
  g_free (view);
}

static void
fill_naming (SgSegmentView *view,
             SgSegmentInfo *info,
             JsonObject    *profile)
{
  JsonObject *naming = sg_json_member_object (profile, "naming");
  const char *stored_rule = sg_json_member_string (naming, "rule");
  const char *rule_text = info != NULL ? info->name_rule : NULL;

  /* The column keeps the automatic rule's text even after the user renames; the profile's "naming"
   * says "Name set by the user" once the report ran again, so it comes second. */
  if ((rule_text == NULL || *rule_text == '\0') && g_strcmp0 (stored_rule, "user") != 0)
    rule_text = sg_json_member_string (naming, "rule_text");
  view->name_rule = rule_text != NULL && *rule_text != '\0' ? g_strdup (rule_text) : NULL;
  if (view->name_edited)
    view->name_note = view->name_rule != NULL
      /* Translators: %s is the naming rule, e.g. "age 43% above average → Older Customers" */
      ? g_strdup_printf (_("You named this segment. Its automatic name came from the rule: %s"), view->name_rule)
      : g_strdup (_("You named this segment."));
  else if (view->name_rule != NULL)
    view->name_note = g_strdup_printf (_("Named by rule: %s"), view->name_rule);
}

static void
fill_size (SgSegmentView   *view,
           const SgRunInfo *run,
           SgSegmentInfo   *info,
           JsonObject      *profile)
{
  guint64 in_run = run->n_rows >= run->n_excluded ? run->n_rows - run->n_excluded : 0;
  g_autofree char *count = NULL;

  view->size = info != NULL ? info->size : (guint64) MAX (sg_json_member_int (profile, "size", 0), 0);
  view->share = sg_json_member_double (profile, "share");
  if (!isfinite (view->share))
    view->share = in_run > 0 ? (double) view->size / in_run : NAN;
  count = sg_format_count (view->size);
  if (isfinite (view->share))
    /* Translators: "47 customers · 23.5% of the customers in this run" */
    view->size_text = g_strdup_printf (ngettext ("%s customer · %.1f%% of the customers in this run",
                                                 "%s customers · %.1f%% of the customers in this run", view->size),
                                       count, view->share * 100.0);
  else
    view->size_text = g_strdup_printf (ngettext ("%s customer", "%s customers", view->size), count);
}

static void
fill_profile (SgSegmentView *view,
              JsonObject    *profile,
              JsonObject    *report)
{
  JsonArray *distinctive = sg_json_member_array (profile, "distinctive");
  JsonArray *numeric = sg_json_member_array (profile, "numeric");
  JsonArray *categorical = sg_json_member_array (profile, "categorical");
  g_autoptr(GStrvBuilder) sentences = g_strv_builder_new ();
  double alpha = sg_json_member_double (report, "alpha");
  const char *correction = sg_json_member_string (report, "correction");

  if (!isfinite (alpha) || alpha <= 0)
    alpha = 0.05;
  view->distinct = sg_json_member_bool (profile, "distinct", FALSE);
  for (guint i = 0; distinctive != NULL && i < json_array_get_length (distinctive); i++)
    {
      const char *sentence = sg_json_member_string (sg_json_element_object (distinctive, i), "sentence");

      if (sentence != NULL && *sentence != '\0')
        g_strv_builder_add (sentences, sentence);
    }
  view->sentences = g_strv_builder_end (sentences);
  for (guint i = 0; numeric != NULL && i < json_array_get_length (numeric); i++)
    if (sg_json_element_object (numeric, i) != NULL)
      g_ptr_array_add (view->rows, profile_row_new (sg_json_element_object (numeric, i), alpha, correction));
  sg_profile_rows_sort (view->rows, SG_PROFILE_SORT_EFFECT, TRUE);
  for (guint i = 0; categorical != NULL && i < json_array_get_length (categorical); i++)
    if (sg_json_element_object (categorical, i) != NULL)
      g_ptr_array_add (view->lifts, lift_table_new (sg_json_element_object (categorical, i), report));
}

static char *
no_profile_reason (JsonObject *report)
{
  const char *error = sg_json_member_string (report, "error");

  if (error != NULL)
    /* Translators: %s says why, e.g. "A profile needs at least two segments" */
    return g_strdup_printf (_("This segment could not be described: %s."), error);
  return g_strdup (_("This run was made before Segmenta described segments. Describe them now to see what sets "
                     "each one apart."));
}

SgSegmentView *
sg_segment_view_new (const SgRunInfo *run,
                     GPtrArray       *segments,
                     guint            segment)
{
  g_autoptr(SgSegmentView) view = NULL;
  g_auto(GStrv) now = NULL;
  g_auto(GStrv) then = NULL;
  g_autoptr(JsonNode) profile_root = NULL;
  g_autoptr(SgComparisonView) comparison = NULL;
  SgSegmentInfo *info;
  JsonObject *profile;
  JsonArray *rules;
  Metrics m;

  g_return_val_if_fail (run != NULL, NULL);

  if (segment >= run->k)
    return NULL;
  metrics_load (&m, run);
  info = find_segment (segments, segment);
  view = g_new0 (SgSegmentView, 1);
  view->segment = segment;
  view->k = run->k;
  now = current_names (segments, run->k);
  then = report_names (m.report, run->k);
  view->name = g_strdup (now[segment]);
  view->name_edited = info != NULL && info->name_edited;
  view->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_row_free);
  view->lifts = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_lift_table_free);
  view->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_rule_row_free);

  profile_root = sg_json_parse (info != NULL ? info->profile : NULL);
  profile = sg_json_node_object (profile_root);
  fill_naming (view, info, profile);
  fill_size (view, run, info, profile);
  view->has_profile = profile != NULL && sg_json_member_array (profile, "numeric") != NULL;
  if (view->has_profile)
    fill_profile (view, profile, m.report);
  else
    {
      view->no_profile_reason = no_profile_reason (m.report);
      view->sentences = g_new0 (char *, 1);
    }

  rules = sg_json_member_array (profile, "rules");
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    if (sg_json_element_object (rules, i) != NULL)
      g_ptr_array_add (view->rules, rule_row_new (sg_json_element_object (rules, i)));
  view->tree_accuracy = sg_json_member_double (sg_json_member_object (m.report, "tree"), "accuracy");
  view->has_tree = isfinite (view->tree_accuracy);
  view->rules_note = tree_note (m.report, view->rules->len > 0);

  view->warnings = warning_rows (current_warnings (&m), (int) segment, (const char *const *) then,
                                 (const char *const *) now, run->k);
  view->validated = m.validation != NULL;
  view->stability = stability_row_new (sg_json_member_object (m.validation, "stability"), segment);
  comparison = comparison_view_new (sg_json_member_object (m.validation, "comparison"), (const char *const *) now,
                                    run->k);
  view->comparison_note = comparison_note (comparison, segment);
  metrics_clear (&m);
  return g_steal_pointer (&view);
}

/* ------------------------------------------------------------------------------------------------
 * The run's validation
 */

void
sg_run_validation_view_free (SgRunValidationView *view)
{
  if (view == NULL)
    return;
  g_strfreev (view->names);
  g_free (view->report_note);
  g_free (view->computed);
  g_free (view->compare_column);
  g_clear_pointer (&view->stability, g_ptr_array_unref);
  g_free (view->stability_summary);
  g_free (view->time_summary);
  sg_comparison_view_free (view->comparison);
  g_clear_pointer (&view->warnings, g_ptr_array_unref);
  g_free (view);
}

static void
fill_options (SgRunValidationView *view,
              JsonObject          *options)
{
  const char *compare = sg_json_member_string (options, "compare");

  view->n_boot = (guint) CLAMP (sg_json_member_int (options, "bootstrap", 20), 0, G_MAXUINT);
  view->compare_column = compare != NULL && *compare != '\0' ? g_strdup (compare) : NULL;
  view->min_share = sg_json_member_double (options, "min_share");
  view->min_count = (guint64) MAX (sg_json_member_int (options, "min_count", 0), 0);
  view->time = sg_json_member_bool (options, "time", FALSE);
}

static void
fill_stability (SgRunValidationView *view,
                JsonObject          *stability)
{
  for (guint s = 0; stability != NULL && s < view->k; s++)
    {
      SgStabilityRow *row = stability_row_new (stability, s);

      if (row == NULL)
        continue;
      view->n_unstable += row->unstable;
      g_ptr_array_add (view->stability, row);
    }
  if (view->stability->len == 0)
    return;
  if (view->n_unstable == 0)
    view->stability_summary = g_strdup_printf (ngettext ("The %u segment is stable: it came back when the "
                                                         "customers were resampled and segmented again.",
                                                         "All %u segments are stable: each came back when the "
                                                         "customers were resampled and segmented again.",
                                                         view->k), view->k);
  else
    view->stability_summary = g_strdup_printf (ngettext ("%u segment is unstable: do not build a campaign on it "
                                                         "before segmenting again (other features or fewer "
                                                         "segments).",
                                                         "%u segments are unstable: do not build campaigns on "
                                                         "them before segmenting again (other features or fewer "
                                                         "segments).", view->n_unstable), view->n_unstable);
}

static void
fill_time (SgRunValidationView *view,
           JsonObject          *time)
{
  const char *verdict = sg_json_member_string (time, "verdict");
  g_autofree char *common = NULL;

  if (time == NULL)
    return;
  view->has_time = TRUE;
  view->time_ari = sg_json_member_double (time, "ari");
  common = sg_format_count ((guint64) MAX (sg_json_member_int (time, "n_common", 0), 0));
  /* Translators: stability over time: the verdict (a sentence with the adjusted Rand index), then the two
   * dates and the customers in both */
  view->time_summary = g_strdup_printf (_("%s Features were derived again as of %s and as of %s and segmented as "
                                          "this run was; %s customers are in both."),
                                        verdict != NULL ? verdict : "",
                                        sg_json_member_string (time, "earlier_reference") ?: "–",
                                        sg_json_member_string (time, "later_reference") ?: "–", common);
}

SgRunValidationView *
sg_run_validation_view_new (const SgRunInfo *run,
                            GPtrArray       *segments)
{
  SgRunValidationView *view;
  g_auto(GStrv) then = NULL;
  Metrics m;

  g_return_val_if_fail (run != NULL, NULL);

  metrics_load (&m, run);
  view = g_new0 (SgRunValidationView, 1);
  view->k = run->k;
  view->names = current_names (segments, run->k);
  then = report_names (m.report, run->k);
  view->has_report = m.report != NULL && sg_json_member_string (m.report, "error") == NULL;
  if (!view->has_report)
    view->report_note = no_profile_reason (m.report);
  view->tree_accuracy = sg_json_member_double (sg_json_member_object (m.report, "tree"), "accuracy");
  view->validated = m.validation != NULL;
  view->computed = sg_format_date (sg_json_member_string (m.validation, "computed"));
  view->stability = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_stability_row_free);
  fill_options (view, sg_json_member_object (m.validation, "options"));
  fill_stability (view, sg_json_member_object (m.validation, "stability"));
  fill_time (view, sg_json_member_object (m.validation, "time_stability"));
  view->comparison = comparison_view_new (sg_json_member_object (m.validation, "comparison"),
                                          (const char *const *) view->names, run->k);
  view->warnings = warning_rows (current_warnings (&m), -2, (const char *const *) then,
                                 (const char *const *) view->names, run->k);
  metrics_clear (&m);
  return view;
}
