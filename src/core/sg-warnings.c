/* sg-warnings.c — what a marketer should know before acting on the segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-json-private.h"
#include "sg-warnings.h"

const char *
sg_warning_kind_to_string (SgWarningKind kind)
{
  switch (kind)
    {
    case SG_WARNING_SMALL_SEGMENT:
      return "small-segment";
    case SG_WARNING_TOO_MANY_SEGMENTS:
      return "too-many-segments";
    case SG_WARNING_LOW_SILHOUETTE:
      return "low-silhouette";
    case SG_WARNING_UNSTABLE_SEGMENT:
      return "unstable-segment";
    case SG_WARNING_WEAK_FEATURE:
      return "weak-feature";
    case SG_WARNING_INDISTINCT_SEGMENT:
      return "indistinct-segment";
    case SG_WARNING_MANY_UNASSIGNED:
    default:
      return "many-unassigned";
    }
}

const char *
sg_severity_to_string (SgSeverity severity)
{
  switch (severity)
    {
    case SG_SEVERITY_INFO:
      return "info";
    case SG_SEVERITY_WARNING:
      return "warning";
    case SG_SEVERITY_SERIOUS:
    default:
      return "serious";
    }
}

void
sg_warning_free (SgWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->feature);
  g_free (warning->message);
  g_free (warning->advice);
  g_free (warning);
}

void
sg_warning_options_init (SgWarningOptions *options)
{
  memset (options, 0, sizeof *options);
  options->min_share = 0.01;
  options->max_segments = 8;
  options->min_silhouette = 0.25;
  options->max_noise_share = 0.2;
}

static void
add (GPtrArray    *list,
     SgWarningKind kind,
     SgSeverity    severity,
     gint          segment,
     const char   *feature,
     char         *message,
     const char   *advice)
{
  SgWarning *warning = g_new0 (SgWarning, 1);

  warning->kind = kind;
  warning->severity = severity;
  warning->segment = segment;
  warning->feature = g_strdup (feature);
  warning->message = message;
  warning->advice = g_strdup (advice);
  g_ptr_array_add (list, warning);
}

static char *
name_of (const char *const *names,
         guint              s)
{
  if (names != NULL && names[s] != NULL)
    return g_strdup (names[s]);
  return g_strdup_printf (_("Segment %u"), s + 1);
}

static char *
format_p (double p)
{
  if (p < 0.001)
    return g_strdup ("< 0.001");
  return g_strdup_printf ("%.3f", p);
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const SgWarning *x = *(SgWarning *const *) a, *y = *(SgWarning *const *) b;

  if (x->severity != y->severity)
    return x->severity > y->severity ? -1 : 1;
  if (x->segment != y->segment)
    return x->segment < y->segment ? -1 : 1;
  return (x->kind > y->kind) - (x->kind < y->kind);
}

GPtrArray *
sg_warnings_compute (const SgProfile         *profile,
                     const char *const       *segment_names,
                     const SgBootstrapResult *stability,
                     double                   silhouette,
                     const SgWarningOptions  *options)
{
  SgWarningOptions defaults;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_warning_free);
  guint k = profile->k;
  const char *correction = profile->correction == SG_P_ADJUST_HOLM ? _("Holm’s")
                           : profile->correction == SG_P_ADJUST_BONFERRONI ? _("Bonferroni’s") : NULL;

  if (options == NULL)
    {
      sg_warning_options_init (&defaults);
      options = &defaults;
    }

  /* the run as a whole */
  if (options->max_segments > 0 && k > options->max_segments)
    add (list, SG_WARNING_TOO_MANY_SEGMENTS, SG_SEVERITY_WARNING, -1, NULL,
         g_strdup_printf (_("%u segments are a lot: it is hard to run more than 5–8 distinct campaigns."), k),
         _("Try fewer segments, or group similar segments into a few campaign themes."));
  if (!isnan (silhouette) && silhouette < options->min_silhouette)
    add (list, SG_WARNING_LOW_SILHOUETTE, SG_SEVERITY_WARNING, -1, NULL,
         g_strdup_printf (_("Segments overlap a lot (silhouette %.2f, below %.2f): many customers sit between two segments."),
                          silhouette, options->min_silhouette),
         _("Treat segment borders as soft. Try fewer segments or other features, and check that the data "
           "really has groups before building campaigns on them."));
  if (profile->n_rows > 0 && options->max_noise_share > 0
      && (double) profile->n_noise / (double) profile->n_rows > options->max_noise_share)
    add (list, SG_WARNING_MANY_UNASSIGNED, SG_SEVERITY_WARNING, -1, NULL,
         g_strdup_printf (_("%.0f%% of the customers are in no segment."),
                          100.0 * (double) profile->n_noise / (double) profile->n_rows),
         _("Loosen the density settings (a larger radius or fewer neighbours), or use a method that "
           "assigns every customer."));

  /* segments */
  for (guint s = 0; s < k; s++)
    {
      const SgSegmentProfile *segment = &profile->segments[s];
      g_autofree char *name = name_of (segment_names, s);
      gboolean small_share = segment->share < options->min_share;
      gboolean small_count = options->min_count > 0 && segment->size < options->min_count;

      if (small_share || small_count)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, segment->size);
          g_autofree char *minimum = small_count
                                     ? g_strdup_printf ("%" G_GUINT64_FORMAT, options->min_count)
                                     : g_strdup_printf ("%g%%", 100.0 * options->min_share);

          add (list, SG_WARNING_SMALL_SEGMENT, SG_SEVERITY_WARNING, (gint) s, NULL,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” has only %s customer (%.1f%% of the run), below the minimum of %s.",
                                             "“%s” has only %s customers (%.1f%% of the run), below the minimum of %s.",
                                             (gulong) MIN (segment->size, G_MAXULONG)),
                                name, count, 100.0 * segment->share, minimum),
               _("Too small for a campaign of its own: merge it with the most similar segment, try fewer "
                 "segments, or handle these customers one by one."));
        }
      if (stability != NULL && s < stability->k && stability->unstable[s])
        add (list, SG_WARNING_UNSTABLE_SEGMENT, SG_SEVERITY_SERIOUS, (gint) s, NULL,
             g_strdup_printf (_("“%s” is unstable: on resampled data it comes back with an average Jaccard "
                                "similarity of %.2f (below %.2f)."),
                              name, stability->mean_jaccard[s], stability->unstable_below),
             _("It may be an accident of this sample. Do not build a campaign on it alone; try fewer "
               "segments or other features and check again."));
      if (!segment->distinct && profile->n_numeric + profile->n_categorical > 0)
        add (list, SG_WARNING_INDISTINCT_SEGMENT, SG_SEVERITY_WARNING, (gint) s, NULL,
             g_strdup_printf (_("“%s” does not differ clearly from the other customers on any feature."), name),
             _("Merge it with its nearest segment, or keep it as a control group for campaigns."));
    }

  /* features */
  for (guint f = 0; f < profile->n_numeric + profile->n_categorical; f++)
    {
      gboolean numeric = f < profile->n_numeric;
      const SgNumericProfile *nf = numeric ? &profile->numeric[f] : NULL;
      const SgCategoricalProfile *cf = numeric ? NULL : &profile->categorical[f - profile->n_numeric];
      gboolean tested = numeric ? nf->tested : cf->tested;
      gboolean separates = numeric ? nf->separates : cf->separates;
      gboolean clustered = numeric ? nf->clustered : cf->clustered;
      const char *name = numeric ? nf->name : cf->name;
      double p = numeric ? nf->kruskal_p_adjusted : cf->p_adjusted;
      g_autofree char *pt = NULL;
      char *message;

      if (!tested || separates)
        continue;
      pt = format_p (p);
      if (correction != NULL)
        message = g_strdup_printf (numeric
                                   ? _("“%s” does not separate the segments (Kruskal–Wallis p = %s after %s correction)")
                                   : _("“%s” does not separate the segments (chi-square p = %s after %s correction)"),
                                   name, pt, correction);
      else
        message = g_strdup_printf (numeric
                                   ? _("“%s” does not separate the segments (Kruskal–Wallis p = %s)")
                                   : _("“%s” does not separate the segments (chi-square p = %s)"),
                                   name, pt);
      if (clustered)
        add (list, SG_WARNING_WEAK_FEATURE, SG_SEVERITY_WARNING, -1, name, message,
             _("It adds noise to the segmentation: consider leaving it out of the features."));
      else
        add (list, SG_WARNING_WEAK_FEATURE, SG_SEVERITY_INFO, -1, name, message,
             _("The segments look alike on it: do not use it to target them."));
    }
  g_ptr_array_sort (list, compare_warnings);
  return list;
}

JsonNode *
sg_warnings_to_json (GPtrArray *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    {
      const SgWarning *w = g_ptr_array_index (warnings, i);

      json_builder_begin_object (builder);
      sg_json_add_string (builder, "kind", sg_warning_kind_to_string (w->kind));
      sg_json_add_string (builder, "severity", sg_severity_to_string (w->severity));
      json_builder_set_member_name (builder, "segment");
      if (w->segment >= 0)
        json_builder_add_int_value (builder, w->segment);
      else
        json_builder_add_null_value (builder);
      sg_json_add_string (builder, "feature", w->feature);
      sg_json_add_string (builder, "message", w->message);
      sg_json_add_string (builder, "advice", w->advice);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
