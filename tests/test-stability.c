/* test-stability.c — bootstrap stability, stability over time, comparison with an old segmentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-random.h"
#include "sg-stability.h"

/* ---- a small deterministic k-means for the tests (farthest-first seeding, Lloyd) ---- */

typedef struct {
  guint k;
  gint  calls;
  gint  fail_on_call;   /* 0: never */
} TestKMeans;

static double
dist2 (const double *a, const double *b, gsize d)
{
  double s = 0;

  for (gsize j = 0; j < d; j++)
    s += (a[j] - b[j]) * (a[j] - b[j]);
  return s;
}

static gint32 *
test_kmeans (const SgMatrix *x, gpointer user_data, GError **error)
{
  TestKMeans *km = user_data;
  gsize n = x->n_rows, d = x->n_cols;
  guint k = km->k;
  g_autofree double *centres = g_new0 (double, k * d);
  g_autofree double *mind = g_new (double, n);
  g_autofree double *sums = g_new (double, k * d);
  g_autofree gsize *counts = g_new (gsize, k);
  gint32 *labels = g_new0 (gint32, n);
  gint call = g_atomic_int_add (&km->calls, 1) + 1;

  if (km->fail_on_call > 0 && call == km->fail_on_call)
    {
      g_free (labels);
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, "planted failure");
      return NULL;
    }
  memcpy (centres, sg_matrix_row (x, 0), d * sizeof (double));
  for (gsize i = 0; i < n; i++)
    mind[i] = dist2 (sg_matrix_row (x, i), centres, d);
  for (guint c = 1; c < k; c++)
    {
      gsize far = 0;

      for (gsize i = 1; i < n; i++)
        if (mind[i] > mind[far])
          far = i;
      memcpy (centres + c * d, sg_matrix_row (x, far), d * sizeof (double));
      for (gsize i = 0; i < n; i++)
        mind[i] = MIN (mind[i], dist2 (sg_matrix_row (x, i), centres + c * d, d));
    }
  for (int iter = 0; iter < 50; iter++)
    {
      memset (sums, 0, k * d * sizeof (double));
      memset (counts, 0, k * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        {
          guint best = 0;
          double bd = G_MAXDOUBLE;

          for (guint c = 0; c < k; c++)
            {
              double dd = dist2 (sg_matrix_row (x, i), centres + c * d, d);

              if (dd < bd)
                {
                  bd = dd;
                  best = c;
                }
            }
          labels[i] = (gint32) best;
          counts[best]++;
          for (gsize j = 0; j < d; j++)
            sums[best * d + j] += sg_matrix_row (x, i)[j];
        }
      for (guint c = 0; c < k; c++)
        if (counts[c] > 0)
          for (gsize j = 0; j < d; j++)
            centres[c * d + j] = sums[c * d + j] / (double) counts[c];
    }
  return labels;
}

/* Three well-separated blobs of 100 (segments 0–2), a planted "segment" 3 of 20 customers that
 * sit inside blob 0 (an artefact no clustering of the data would find), and 5 noise rows. */
static SgMatrix *
planted_data (gint32 **labels)
{
  static const double centres[3][2] = { { 0, 0 }, { 10, 0 }, { 5, 9 } };
  SgMatrix *x = sg_matrix_new (325, 2);
  SgRandom rng;
  gsize row = 0;

  *labels = g_new (gint32, 325);
  sg_random_init (&rng, 42);
  for (guint c = 0; c < 3; c++)
    for (guint i = 0; i < 100; i++, row++)
      {
        sg_matrix_row (x, row)[0] = centres[c][0] + 0.5 * sg_random_normal (&rng);
        sg_matrix_row (x, row)[1] = centres[c][1] + 0.5 * sg_random_normal (&rng);
        (*labels)[row] = (gint32) c;
      }
  for (guint i = 0; i < 20; i++, row++)
    {
      sg_matrix_row (x, row)[0] = 0.5 * sg_random_normal (&rng);
      sg_matrix_row (x, row)[1] = 0.5 * sg_random_normal (&rng);
      (*labels)[row] = 3;
    }
  for (guint i = 0; i < 5; i++, row++)
    {
      sg_matrix_row (x, row)[0] = 5 + 0.3 * i;
      sg_matrix_row (x, row)[1] = 4;
      (*labels)[row] = -1;
    }
  return x;
}

static void
test_bootstrap_flags_planted (void)
{
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgMatrix) x = planted_data (&labels);
  TestKMeans km = { 3, 0, 0 };
  SgBootstrapOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgBootstrapResult) serial = NULL;
  g_autoptr(SgBootstrapResult) parallel = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;

  sg_bootstrap_options_init (&options);
  options.n_boot = 30;
  options.seed = 7;
  serial = sg_bootstrap_stability (x, labels, 4, test_kmeans, &km, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (km.calls, ==, 30);
  for (guint c = 0; c < 4; c++)
    g_test_message ("segment %u: mean Jaccard %.3f, dissolved %u, recovered %u", c,
                    serial->mean_jaccard[c], serial->n_dissolved[c], serial->n_recovered[c]);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_false (serial->unstable[c]);
      g_assert_cmpfloat (serial->mean_jaccard[c], >, 0.75);
      g_assert_cmpuint (serial->n_valid[c], ==, 30);
    }
  /* the planted segment is flagged: it is swallowed by blob 0 every time */
  g_assert_true (serial->unstable[3]);
  g_assert_cmpfloat (serial->mean_jaccard[3], <, 0.6);
  g_assert_cmpuint (serial->n_dissolved[3], ==, serial->n_valid[3]);

  /* replicates on two threads: bit-identical */
  options.parallel_replicates = TRUE;
  options.n_threads = 2;
  parallel = sg_bootstrap_stability (x, labels, 4, test_kmeans, &km, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (serial->jaccard, 30 * 4 * sizeof (double), parallel->jaccard, 30 * 4 * sizeof (double));
  g_assert_cmpmem (serial->mean_jaccard, 4 * sizeof (double), parallel->mean_jaccard, 4 * sizeof (double));

  json = sg_bootstrap_result_to_json (serial, NULL);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"unstable\":true"));
}

static void
cancel_now (double fraction, const char *message, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_bootstrap_cancel_and_errors (void)
{
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgMatrix) x = planted_data (&labels);
  TestKMeans km = { 3, 0, 0 };
  TestKMeans failing = { 3, 0, 4 };
  SgBootstrapOptions options;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SgProgress progress = sg_progress_init (cancel_now, cancellable, cancellable);
  g_autoptr(GError) error = NULL;
  SgBootstrapResult *result;
  gint32 bad[325];

  sg_bootstrap_options_init (&options);
  options.n_boot = 20;
  /* cancelled as soon as work starts */
  result = sg_bootstrap_stability (x, labels, 4, test_kmeans, &km, &options, &progress, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (km.calls, <, 20);
  g_clear_error (&error);

  /* the clustering fails on its fourth call: the error comes back */
  result = sg_bootstrap_stability (x, labels, 4, test_kmeans, &failing, &options, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  /* a label beyond k */
  memcpy (bad, labels, sizeof bad);
  bad[10] = 9;
  result = sg_bootstrap_stability (x, bad, 4, test_kmeans, &km, &options, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

static void
test_time_stability (void)
{
  /* the last pair of each array is a customer absent later (−2) and is left out */
  const gint32 earlier[] = { 0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 0 };
  const gint32 later[] = { 0, 0, 1, 1, 1, 2, 2, 2, 2, 1, -2 };
  const char *ids_e[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k" };
  /* the later period lists customers in another order, with a newcomer */
  const char *ids_l[] = { "j", "i", "h", "g", "f", "e", "d", "c", "b", "a", "new" };
  gint32 later_shuffled[11];
  const char *dup[] = { "a", "a" };
  const gint32 two[] = { 0, 1 };
  SgTimeStability r = { 0 }, s = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_time_stability (earlier, later, 11, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_common, ==, 10);
  /* sklearn.metrics.adjusted_rand_score([0,0,0,1,1,1,2,2,2,1], [0,0,1,1,1,2,2,2,2,1]) → 0.39114391143911437
   * sklearn.metrics.normalized_mutual_info_score(same) → 0.5961618204194685 (scikit-learn 1.2.1) */
  g_assert_cmpfloat_with_epsilon (r.ari, 0.39114391143911437, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.nmi, 0.5961618204194685, 1e-12);
  g_assert_nonnull (strstr (r.verdict, "changed a lot"));

  for (guint j = 0; j < 10; j++)
    later_shuffled[j] = later[9 - j];
  later_shuffled[10] = 0;
  g_assert_true (sg_time_stability_by_id (ids_e, earlier, 10, ids_l, later_shuffled, 11, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n_common, ==, 10);
  g_assert_cmpfloat_with_epsilon (s.ari, r.ari, 1e-15);
  sg_time_stability_clear (&r);
  sg_time_stability_clear (&s);

  g_assert_false (sg_time_stability_by_id (dup, two, 2, ids_l, two, 2, &s, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* identical fits are stable */
  g_assert_true (sg_time_stability (earlier, earlier, 11, &r, &error));
  g_assert_cmpfloat (r.ari, ==, 1.0);
  g_assert_nonnull (strstr (r.verdict, "stable over time"));
  sg_time_stability_clear (&r);
}

static void
test_compare_segmentation (void)
{
  /* 10 Gold: 6 in segment 0, 4 in segment 1; 10 Silver: all segment 2; 5 Bronze: 4 in segment 2,
   * 1 in segment 1; plus a noise row and a row without a tier, both left out */
  g_autoptr(SgTable) table = sg_table_new ("crm");
  SgColumn *tier = sg_table_add_column (table, "tier", SG_COLUMN_CATEGORICAL);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  const char *names[] = { "High-Value Loyalists", "Big Spenders", "Light Spenders" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgComparison) cmp = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  struct { const char *tier; gint32 label; guint times; } rows[] = {
    { "Gold", 0, 6 }, { "Gold", 1, 4 }, { "Silver", 2, 10 }, { "Bronze", 2, 4 }, { "Bronze", 1, 1 },
    { "Gold", -1, 1 }, { NULL, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    for (guint t = 0; t < rows[i].times; t++)
      {
        sg_column_append_string (tier, rows[i].tier);
        g_array_append_val (labels, rows[i].label);
      }
  cmp = sg_compare_segmentation (table, (const gint32 *) labels->data, 3, 0, names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cmp->n, ==, 25);
  g_assert_cmpuint (cmp->n_old, ==, 3);
  /* Gold and Silver have 10 each (alphabetical on the tie), Bronze 5 */
  g_assert_cmpstr (cmp->old_levels[0], ==, "Gold");
  g_assert_cmpstr (cmp->old_levels[1], ==, "Silver");
  g_assert_cmpstr (cmp->old_levels[2], ==, "Bronze");
  g_assert_cmpuint (cmp->table[0 * 3 + 0], ==, 6);
  g_assert_cmpuint (cmp->table[1 * 3 + 0], ==, 4);
  g_assert_cmpuint (cmp->table[2 * 3 + 2], ==, 4);
  /* sklearn.metrics.adjusted_rand_score(seg, old) → 0.4807692307692308,
   * normalized_mutual_info_score(seg, old) → 0.606462288040216 with
   * seg = [0]*6+[1]*4+[2]*10+[2]*4+[1], old = ['G']*10+['S']*10+['B']*5 (scikit-learn 1.2.1) */
  g_assert_cmpfloat_with_epsilon (cmp->ari, 0.4807692307692308, 1e-12);
  g_assert_cmpfloat_with_epsilon (cmp->nmi, 0.606462288040216, 1e-12);

  /* Gold is split 60/40 between two AI segments; Bronze's single stray (20%) also splits it */
  g_assert_cmpuint (cmp->n_splits, ==, 2);
  g_assert_cmpuint (cmp->splits[0].index, ==, 0);
  g_assert_cmpuint (cmp->splits[0].n_parts, ==, 2);
  g_assert_cmpuint (cmp->splits[0].parts[0].index, ==, 0);
  g_assert_cmpfloat_with_epsilon (cmp->splits[0].parts[0].share, 0.6, 1e-15);
  g_assert_cmpfloat_with_epsilon (cmp->splits[0].parts[1].share, 0.4, 1e-15);
  g_assert_nonnull (strstr (cmp->splits[0].sentence, "Gold"));
  g_assert_nonnull (strstr (cmp->splits[0].sentence, "High-Value Loyalists 60%"));
  /* segment 2 pools Silver (10/14 = 71%) and Bronze (4/14 = 29%); segment 1 pools Gold 80% and Bronze 20% */
  g_assert_cmpuint (cmp->n_pools, ==, 2);
  g_assert_cmpuint (cmp->pools[0].index, ==, 1);
  g_assert_cmpuint (cmp->pools[1].index, ==, 2);
  g_assert_cmpfloat_with_epsilon (cmp->pools[1].parts[0].share, 10.0 / 14.0, 1e-15);
  g_assert_nonnull (strstr (cmp->pools[1].sentence, "Light Spenders"));
  g_assert_nonnull (strstr (cmp->pools[1].sentence, "Silver 71%"));

  json = sg_comparison_to_json (cmp);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"old_column\":\"tier\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stability/bootstrap-flags-planted", test_bootstrap_flags_planted);
  g_test_add_func ("/stability/bootstrap-cancel-and-errors", test_bootstrap_cancel_and_errors);
  g_test_add_func ("/stability/time", test_time_stability);
  g_test_add_func ("/stability/compare-segmentation", test_compare_segmentation);
  return g_test_run ();
}
