/* sg-stability.c — bootstrap stability, stability over time, agreement with an old segmentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-json-private.h"
#include "sg-parallel.h"
#include "sg-random.h"
#include "sg-stability.h"

#include "sg-agreement.h"

/* ------------------------------------------------------------------------------------------------
 * Bootstrap
 */

void
sg_bootstrap_options_init (SgBootstrapOptions *options)
{
  memset (options, 0, sizeof *options);
  options->n_boot = 100;
  options->unstable_below = 0.6;
}

typedef struct {
  const SgMatrix *x;
  const gint32   *labels;
  guint           k;
  SgClusterFunc   cluster;
  gpointer        user_data;
  guint64         seed;
  guint           n_boot;
  double         *jaccard;     /* n_boot × k */
  GError        **errors;      /* n_boot */
  SgProgress     *progress;
  gint            done;
} BootJob;

/* One replicate: resample, cluster, best Jaccard per original segment. */
static gboolean
replicate (BootJob *job,
           guint    b,
           GError **error)
{
  const SgMatrix *x = job->x;
  gsize n = x->n_rows, d = x->n_cols;
  guint k = job->k;
  SgRandom rng;
  g_autofree guint32 *idx = g_new (guint32, MAX (n, 1));
  g_autofree gint64 *first = g_new (gint64, MAX (n, 1));
  g_autoptr(SgMatrix) xb = sg_matrix_new (n, d);
  g_autofree gint32 *lb = NULL;
  g_autofree guint64 *size_c = g_new0 (guint64, k);
  g_autofree guint64 *size_d = NULL;
  g_autofree guint64 *inter = NULL;
  gint32 max_label = -1;
  double *out = job->jaccard + (gsize) b * k;

  sg_random_init_stream (&rng, job->seed, "bootstrap", b);
  for (gsize i = 0; i < n; i++)
    {
      idx[i] = (guint32) sg_random_below (&rng, n);
      memcpy (sg_matrix_row (xb, i), sg_matrix_row (x, idx[i]), d * sizeof (double));
    }
  lb = job->cluster (xb, job->user_data, error);
  if (lb == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SG_ERROR, SG_ERROR_FAILED, _("Clustering bootstrap sample %u failed"), b + 1);
      return FALSE;
    }

  /* each distinct customer drawn counts once, with the label of its first copy */
  for (gsize i = 0; i < n; i++)
    first[i] = -1;
  for (gsize i = 0; i < n; i++)
    if (first[idx[i]] < 0)
      first[idx[i]] = (gint64) i;
  for (gsize i = 0; i < n; i++)
    if (lb[i] > max_label)
      max_label = lb[i];
  size_d = g_new0 (guint64, (gsize) max_label + 1);
  inter = g_new0 (guint64, (gsize) k * ((gsize) max_label + 1));
  for (gsize p = 0; p < n; p++)
    {
      gint32 c, dl;

      if (first[p] < 0)
        continue;
      c = job->labels[p];
      dl = lb[first[p]];
      if (dl >= 0)
        size_d[dl]++;
      if (c < 0)
        continue;
      size_c[c]++;
      if (dl >= 0)
        inter[(gsize) c * ((gsize) max_label + 1) + (gsize) dl]++;
    }
  for (guint c = 0; c < k; c++)
    {
      double best = 0;

      if (size_c[c] == 0)
        {
          out[c] = NAN;
          continue;
        }
      for (gint32 dl = 0; dl <= max_label; dl++)
        {
          guint64 i = inter[(gsize) c * ((gsize) max_label + 1) + (gsize) dl];
          double j;

          if (i == 0)
            continue;
          j = (double) i / (double) (size_c[c] + size_d[dl] - i);
          best = MAX (best, j);
        }
      out[c] = best;
    }
  return TRUE;
}

static void
replicate_chunk (gsize    chunk,
                 gsize    begin,
                 gsize    end,
                 gpointer user_data)
{
  BootJob *job = user_data;

  for (gsize b = begin; b < end; b++)
    {
      gint done;

      if (sg_progress_is_cancelled (job->progress))
        return;
      if (!replicate (job, (guint) b, &job->errors[b]))
        return;
      done = g_atomic_int_add (&job->done, 1) + 1;
      sg_progress_report (job->progress, (double) done / job->n_boot, NULL);
    }
}

SgBootstrapResult *
sg_bootstrap_stability (const SgMatrix           *x,
                        const gint32             *labels,
                        guint                     k,
                        SgClusterFunc             cluster,
                        gpointer                  user_data,
                        const SgBootstrapOptions *options,
                        SgProgress               *progress,
                        GError                  **error)
{
  SgBootstrapOptions defaults;
  SgBootstrapResult *result;
  BootJob job = { 0 };
  g_autofree guint64 *sizes = NULL;

  g_return_val_if_fail (x != NULL && labels != NULL && cluster != NULL, NULL);
  if (options == NULL)
    {
      sg_bootstrap_options_init (&defaults);
      options = &defaults;
    }
  if (k == 0 || x->n_rows < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Bootstrap stability needs segments and at least two customers"));
      return NULL;
    }
  if (x->n_rows > G_MAXUINT32)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Bootstrap stability handles at most %u customers"), G_MAXUINT32);
      return NULL;
    }
  sizes = g_new0 (guint64, k);
  for (gsize i = 0; i < x->n_rows; i++)
    {
      if (labels[i] < -2 || (labels[i] >= 0 && (guint) labels[i] >= k))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Row %u is in segment %d, but the run has segments 0 to %u"),
                       (guint) (i + 1), labels[i], k - 1);
          return NULL;
        }
      if (labels[i] >= 0)
        sizes[labels[i]]++;
    }
  for (guint s = 0; s < k; s++)
    if (sizes[s] == 0)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("Segment %u has no customers"), s + 1);
        return NULL;
      }

  job.x = x;
  job.labels = labels;
  job.k = k;
  job.cluster = cluster;
  job.user_data = user_data;
  job.seed = options->seed;
  job.n_boot = options->n_boot > 0 ? options->n_boot : 100;
  job.jaccard = g_new (double, (gsize) job.n_boot * k);
  job.errors = g_new0 (GError *, job.n_boot);
  job.progress = progress;

  sg_progress_report (progress, 0.0, _("Checking segment stability"));
  if (options->parallel_replicates)
    sg_parallel_for (job.n_boot, 1, options->n_threads, replicate_chunk, &job);
  else
    replicate_chunk (0, 0, job.n_boot, &job);

  /* the first failure in replicate order, whatever thread found it */
  for (guint b = 0; b < job.n_boot; b++)
    if (job.errors[b] != NULL)
      {
        g_propagate_error (error, job.errors[b]);
        job.errors[b] = NULL;
        for (guint c = b + 1; c < job.n_boot; c++)
          g_clear_error (&job.errors[c]);
        g_free (job.errors);
        g_free (job.jaccard);
        return NULL;
      }
  g_free (job.errors);
  if (!sg_progress_check (progress, error))
    {
      g_free (job.jaccard);
      return NULL;
    }

  result = g_new0 (SgBootstrapResult, 1);
  result->k = k;
  result->n_boot = job.n_boot;
  result->unstable_below = options->unstable_below > 0 ? options->unstable_below : 0.6;
  result->jaccard = job.jaccard;
  result->mean_jaccard = g_new0 (double, k);
  result->n_valid = g_new0 (guint, k);
  result->n_dissolved = g_new0 (guint, k);
  result->n_recovered = g_new0 (guint, k);
  result->unstable = g_new0 (gboolean, k);
  for (guint c = 0; c < k; c++)
    {
      double sum = 0;

      for (guint b = 0; b < job.n_boot; b++)
        {
          double j = job.jaccard[(gsize) b * k + c];

          if (isnan (j))
            continue;
          sum += j;
          result->n_valid[c]++;
          result->n_dissolved[c] += j <= 0.5;
          result->n_recovered[c] += j >= 0.75;
        }
      result->mean_jaccard[c] = result->n_valid[c] > 0 ? sum / result->n_valid[c] : 0;
      result->unstable[c] = result->mean_jaccard[c] < result->unstable_below;
    }
  sg_progress_report (progress, 1.0, NULL);
  return result;
}

void
sg_bootstrap_result_free (SgBootstrapResult *result)
{
  if (result == NULL)
    return;
  g_free (result->mean_jaccard);
  g_free (result->n_valid);
  g_free (result->n_dissolved);
  g_free (result->n_recovered);
  g_free (result->unstable);
  g_free (result->jaccard);
  g_free (result);
}

JsonNode *
sg_bootstrap_result_to_json (const SgBootstrapResult *result,
                             const char *const       *segment_names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sg_json_add_int (builder, "n_boot", result->n_boot);
  sg_json_add_double (builder, "unstable_below", result->unstable_below);
  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint c = 0; c < result->k; c++)
    {
      json_builder_begin_object (builder);
      sg_json_add_int (builder, "label", c);
      if (segment_names != NULL)
        sg_json_add_string (builder, "name", segment_names[c]);
      sg_json_add_double (builder, "mean_jaccard", result->mean_jaccard[c]);
      sg_json_add_int (builder, "n_valid", result->n_valid[c]);
      sg_json_add_int (builder, "n_dissolved", result->n_dissolved[c]);
      sg_json_add_int (builder, "n_recovered", result->n_recovered[c]);
      sg_json_add_bool (builder, "unstable", result->unstable[c]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------------------------------------------
 * Over time
 */

static char *
time_verdict (double ari)
{
  if (ari >= 0.8)
    return g_strdup_printf (_("Segments are stable over time (adjusted Rand index %.2f): most customers "
                              "stay in the equivalent segment, so campaign lists can be reused."), ari);
  if (ari >= 0.5)
    return g_strdup_printf (_("Segments are moderately stable over time (adjusted Rand index %.2f): many "
                              "customers moved; refresh campaign lists before reusing them."), ari);
  return g_strdup_printf (_("Segments changed a lot between the two periods (adjusted Rand index %.2f): "
                            "re-segment before running campaigns on old lists."), ari);
}

gboolean
sg_time_stability (const gint32     *earlier,
                   const gint32     *later,
                   gsize             n,
                   SgTimeStability  *result,
                   GError          **error)
{
  g_autofree gint32 *a = g_new (gint32, MAX (n, 1));
  g_autofree gint32 *b = g_new (gint32, MAX (n, 1));
  gsize m = 0;

  memset (result, 0, sizeof *result);
  for (gsize i = 0; i < n; i++)
    {
      if (earlier[i] == -2 || later[i] == -2)
        continue;
      a[m] = earlier[i];
      b[m] = later[i];
      m++;
    }
  if (m < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Stability over time needs at least two customers present in both periods, found %u"),
                   (guint) m);
      return FALSE;
    }
  result->n_common = m;
  result->ari = sg_adjusted_rand_index (a, b, m);
  result->nmi = sg_normalized_mutual_info (a, b, m);
  result->verdict = time_verdict (result->ari);
  return TRUE;
}

gboolean
sg_time_stability_by_id (const char *const *earlier_ids,
                         const gint32      *earlier,
                         gsize              n_earlier,
                         const char *const *later_ids,
                         const gint32      *later,
                         gsize              n_later,
                         SgTimeStability   *result,
                         GError           **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GHashTable) seen_later = g_hash_table_new (g_str_hash, g_str_equal);

  memset (result, 0, sizeof *result);
  for (gsize i = 0; i < n_earlier; i++)
    {
      if (earlier_ids[i] == NULL)
        continue;
      if (!g_hash_table_insert (index, (gpointer) earlier_ids[i], GSIZE_TO_POINTER (i + 1)))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Customer “%s” appears twice in the earlier period"), earlier_ids[i]);
          return FALSE;
        }
    }
  for (gsize j = 0; j < n_later; j++)
    {
      gpointer found;

      if (later_ids[j] == NULL)
        continue;
      if (!g_hash_table_add (seen_later, (gpointer) later_ids[j]))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Customer “%s” appears twice in the later period"), later_ids[j]);
          return FALSE;
        }
      found = g_hash_table_lookup (index, later_ids[j]);
      if (found == NULL)
        continue;
      g_array_append_val (a, earlier[GPOINTER_TO_SIZE (found) - 1]);
      g_array_append_val (b, later[j]);
    }
  return sg_time_stability ((const gint32 *) a->data, (const gint32 *) b->data, a->len, result, error);
}

void
sg_time_stability_clear (SgTimeStability *result)
{
  g_clear_pointer (&result->verdict, g_free);
}

/* ------------------------------------------------------------------------------------------------
 * Against an existing segmentation
 */

#define MIN_PART 0.10

typedef struct {
  const char *text;
  guint64     count;
  guint       code;
} OldLevel;

static int
compare_old_levels (const void *a,
                    const void *b)
{
  const OldLevel *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->text, y->text);
}

static int
compare_parts (const void *a,
               const void *b)
{
  const SgCrossPart *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static char *
segment_label (const char *const *names,
               guint              s)
{
  if (names != NULL && names[s] != NULL)
    return g_strdup (names[s]);
  return g_strdup_printf (_("Segment %u"), s + 1);
}

SgComparison *
sg_compare_segmentation (SgTable           *table,
                         const gint32      *labels,
                         guint              k,
                         guint              old_column,
                         const char *const *segment_names,
                         GError           **error)
{
  SgColumn *column;
  guint n_rows;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) levels = g_array_new (FALSE, TRUE, sizeof (OldLevel));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *row_code = NULL;
  g_autofree guint *remap = NULL;
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (gint32));
  SgComparison *cmp;
  g_autoptr(GArray) splits = g_array_new (FALSE, TRUE, sizeof (SgCrossFinding));
  g_autoptr(GArray) pools = g_array_new (FALSE, TRUE, sizeof (SgCrossFinding));

  if (!sg_table_check (table, error))
    return NULL;
  if (old_column >= sg_table_get_n_columns (table))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Column %u does not exist; the table has %u columns"),
                   old_column, sg_table_get_n_columns (table));
      return NULL;
    }
  if (k == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("A comparison needs at least one segment"));
      return NULL;
    }
  column = sg_table_get_column (table, old_column);
  n_rows = sg_table_get_n_rows (table);
  row_code = g_new (guint, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    {
      gpointer code;
      char *text;

      row_code[r] = G_MAXUINT;
      if (labels[r] < -2 || (labels[r] >= 0 && (guint) labels[r] >= k))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Row %u is in segment %d, but the run has segments 0 to %u"), r + 1, labels[r], k - 1);
          return NULL;
        }
      if (labels[r] < 0 || sg_column_is_missing (column, r))
        continue;
      text = sg_column_format_value (column, r);
      if (!g_hash_table_lookup_extended (codes, text, NULL, &code))
        {
          OldLevel level = { text, 0, levels->len };

          code = GUINT_TO_POINTER (levels->len);
          g_hash_table_insert (codes, text, code);
          g_array_append_val (levels, level);
        }
      else
        g_free (text);
      row_code[r] = GPOINTER_TO_UINT (code);
      g_array_index (levels, OldLevel, row_code[r]).count++;
    }
  if (levels->len == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Column “%s” has no values for the customers in segments"), column->name);
      return NULL;
    }
  g_array_sort (levels, compare_old_levels);
  remap = g_new (guint, levels->len);
  cmp = g_new0 (SgComparison, 1);
  cmp->k = k;
  cmp->n_old = levels->len;
  cmp->old_column = g_strdup (column->name);
  cmp->old_levels = g_new0 (char *, levels->len + 1);
  for (guint i = 0; i < levels->len; i++)
    {
      OldLevel *level = &g_array_index (levels, OldLevel, i);

      remap[level->code] = i;
      cmp->old_levels[i] = g_strdup (level->text);
    }
  cmp->table = g_new0 (guint64, (gsize) k * cmp->n_old);
  for (guint r = 0; r < n_rows; r++)
    {
      gint32 old;

      if (row_code[r] == G_MAXUINT)
        continue;
      old = (gint32) remap[row_code[r]];
      cmp->table[(gsize) labels[r] * cmp->n_old + (guint) old]++;
      cmp->n++;
      g_array_append_val (a, labels[r]);
      g_array_append_val (b, old);
    }
  cmp->ari = sg_adjusted_rand_index ((const gint32 *) a->data, (const gint32 *) b->data, a->len);
  cmp->nmi = sg_normalized_mutual_info ((const gint32 *) a->data, (const gint32 *) b->data, a->len);

  /* old groups spread over several AI segments */
  for (guint g = 0; g < cmp->n_old; g++)
    {
      guint64 total = 0;
      g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (SgCrossPart));
      SgCrossFinding finding = { 0 };
      g_autoptr(GString) text = NULL;

      for (guint s = 0; s < k; s++)
        total += cmp->table[(gsize) s * cmp->n_old + g];
      for (guint s = 0; s < k && total > 0; s++)
        {
          guint64 count = cmp->table[(gsize) s * cmp->n_old + g];
          SgCrossPart part = { s, count, (double) count / (double) total };

          if (part.share >= MIN_PART)
            g_array_append_val (parts, part);
        }
      if (parts->len < 2)
        continue;
      g_array_sort (parts, compare_parts);
      text = g_string_new (NULL);
      g_string_append_printf (text, _("Old group “%s” is spread over %u AI segments:"),
                              cmp->old_levels[g], parts->len);
      for (guint i = 0; i < parts->len; i++)
        {
          SgCrossPart *part = &g_array_index (parts, SgCrossPart, i);
          g_autofree char *name = segment_label (segment_names, part->index);

          g_string_append_printf (text, "%s %s %.0f%%", i > 0 ? "," : "", name, part->share * 100.0);
        }
      finding.index = g;
      finding.n_parts = parts->len;
      finding.parts = (SgCrossPart *) (gpointer) g_array_free (g_steal_pointer (&parts), FALSE);
      finding.sentence = g_string_free (g_steal_pointer (&text), FALSE);
      g_array_append_val (splits, finding);
    }
  /* AI segments that pool several old groups */
  for (guint s = 0; s < k; s++)
    {
      guint64 total = 0;
      g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (SgCrossPart));
      SgCrossFinding finding = { 0 };
      g_autoptr(GString) text = NULL;
      g_autofree char *name = NULL;

      for (guint g = 0; g < cmp->n_old; g++)
        total += cmp->table[(gsize) s * cmp->n_old + g];
      for (guint g = 0; g < cmp->n_old && total > 0; g++)
        {
          guint64 count = cmp->table[(gsize) s * cmp->n_old + g];
          SgCrossPart part = { g, count, (double) count / (double) total };

          if (part.share >= MIN_PART)
            g_array_append_val (parts, part);
        }
      if (parts->len < 2)
        continue;
      g_array_sort (parts, compare_parts);
      name = segment_label (segment_names, s);
      text = g_string_new (NULL);
      g_string_append_printf (text, _("AI segment “%s” pools %u old groups:"), name, parts->len);
      for (guint i = 0; i < parts->len; i++)
        {
          SgCrossPart *part = &g_array_index (parts, SgCrossPart, i);

          g_string_append_printf (text, "%s %s %.0f%%", i > 0 ? "," : "", cmp->old_levels[part->index],
                                  part->share * 100.0);
        }
      finding.index = s;
      finding.n_parts = parts->len;
      finding.parts = (SgCrossPart *) (gpointer) g_array_free (g_steal_pointer (&parts), FALSE);
      finding.sentence = g_string_free (g_steal_pointer (&text), FALSE);
      g_array_append_val (pools, finding);
    }
  cmp->n_splits = splits->len;
  cmp->splits = (SgCrossFinding *) (gpointer) g_array_free (g_steal_pointer (&splits), FALSE);
  cmp->n_pools = pools->len;
  cmp->pools = (SgCrossFinding *) (gpointer) g_array_free (g_steal_pointer (&pools), FALSE);
  return cmp;
}

void
sg_comparison_free (SgComparison *comparison)
{
  if (comparison == NULL)
    return;
  for (guint i = 0; i < comparison->n_splits; i++)
    {
      g_free (comparison->splits[i].parts);
      g_free (comparison->splits[i].sentence);
    }
  for (guint i = 0; i < comparison->n_pools; i++)
    {
      g_free (comparison->pools[i].parts);
      g_free (comparison->pools[i].sentence);
    }
  g_free (comparison->splits);
  g_free (comparison->pools);
  g_strfreev (comparison->old_levels);
  g_free (comparison->old_column);
  g_free (comparison->table);
  g_free (comparison);
}

static void
add_findings (JsonBuilder          *builder,
              const char           *member,
              const SgCrossFinding *findings,
              guint                 n,
              const char           *index_name,
              const char           *part_name)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      sg_json_add_int (builder, index_name, findings[i].index);
      sg_json_add_string (builder, "sentence", findings[i].sentence);
      json_builder_set_member_name (builder, "parts");
      json_builder_begin_array (builder);
      for (guint j = 0; j < findings[i].n_parts; j++)
        {
          json_builder_begin_object (builder);
          sg_json_add_int (builder, part_name, findings[i].parts[j].index);
          sg_json_add_int (builder, "count", (gint64) findings[i].parts[j].count);
          sg_json_add_double (builder, "share", findings[i].parts[j].share);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
sg_comparison_to_json (const SgComparison *comparison)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sg_json_add_string (builder, "old_column", comparison->old_column);
  sg_json_add_int (builder, "n", (gint64) comparison->n);
  sg_json_add_double (builder, "ari", comparison->ari);
  sg_json_add_double (builder, "nmi", comparison->nmi);
  json_builder_set_member_name (builder, "old_levels");
  json_builder_begin_array (builder);
  for (guint g = 0; g < comparison->n_old; g++)
    json_builder_add_string_value (builder, comparison->old_levels[g]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "table");
  json_builder_begin_array (builder);
  for (guint s = 0; s < comparison->k; s++)
    {
      json_builder_begin_array (builder);
      for (guint g = 0; g < comparison->n_old; g++)
        json_builder_add_int_value (builder, (gint64) comparison->table[(gsize) s * comparison->n_old + g]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  add_findings (builder, "splits", comparison->splits, comparison->n_splits, "old_group", "segment");
  add_findings (builder, "pools", comparison->pools, comparison->n_pools, "segment", "old_group");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
