/* test-recommend.c — choosing k from a scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-recommend.h"

static void
test_knee (void)
{
  /* A curve that drops fast until x = 4, then flattens: the knee is at index 2 (x = 4). */
  double x[] = { 2, 3, 4, 5, 6, 7, 8 };
  double y[] = { 1000, 600, 300, 260, 230, 210, 195 };
  double flat[] = { 5, 5, 5, 5, 5, 5, 5 };
  double line[] = { 7, 6, 5, 4, 3, 2, 1 };

  g_assert_cmpint (sg_recommend_knee (x, y, 7), ==, 2);
  g_assert_cmpint (sg_recommend_knee (x, flat, 7), ==, -1);
  g_assert_cmpint (sg_recommend_knee (x, line, 7), ==, -1);
  g_assert_cmpint (sg_recommend_knee (x, y, 2), ==, -1);
}

static void
fill_rows (SgKScanRow *rows,
           const double *inertia,
           const double *silhouette,
           const double *smallest,
           guint n)
{
  for (guint i = 0; i < n; i++)
    rows[i] = (SgKScanRow) { i + 2, inertia[i], silhouette[i], NAN, NAN, NAN, smallest[i] };
}

static void
test_prefers_elbow_in_range (void)
{
  double inertia[] = { 1000, 800, 600, 300, 270, 250, 235, 225, 218, 212, 208 };
  double silhouette[] = { 0.50, 0.42, 0.40, 0.44, 0.41, 0.39, 0.37, 0.35, 0.33, 0.31, 0.30 };
  double smallest[] = { 0.4, 0.2, 0.15, 0.10, 0.08, 0.06, 0.05, 0.04, 0.03, 0.02, 0.015 };
  SgKScanRow rows[11];
  SgRecommendation r;

  fill_rows (rows, inertia, silhouette, smallest, 11);
  sg_recommend_k (rows, 11, 0.01, FALSE, &r);
  g_assert_cmpuint (r.elbow_k, ==, 5);
  g_assert_cmpuint (r.best_score_k, ==, 2);
  g_assert_cmpuint (r.recommended_k, ==, 5);
  g_assert_nonnull (strstr (r.reason, "5 segments"));
  g_assert_nonnull (strstr (r.reason, "bend"));
  g_assert_nonnull (strstr (r.reason, "0.44"));
  sg_recommendation_clear (&r);
}

static void
test_skips_small_segments (void)
{
  /* The best silhouette in 4–8 is at k = 6, but it has a segment of 0.5%: k = 7 has none. */
  double inertia[] = { 100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 5 };
  double silhouette[] = { 0.30, 0.31, 0.32, 0.33, 0.60, 0.45, 0.20, 0.20, 0.2, 0.2, 0.2 };
  double smallest[] = { 0.4, 0.2, 0.15, 0.10, 0.005, 0.06, 0.05, 0.04, 0.03, 0.02, 0.015 };
  SgKScanRow rows[11];
  SgRecommendation r;

  fill_rows (rows, inertia, silhouette, smallest, 11);
  sg_recommend_k (rows, 11, 0.01, FALSE, &r);
  g_assert_cmpuint (r.elbow_k, ==, 0);  /* a straight line has no bend */
  g_assert_cmpuint (r.recommended_k, ==, 7);
  g_assert_nonnull (strstr (r.reason, "reasonably distinct"));
  sg_recommendation_clear (&r);
}

static void
test_fallbacks_are_said (void)
{
  double inertia[] = { 100, 60, 40, 35, 30 };
  double silhouette[] = { 0.7, 0.5, 0.3, 0.2, 0.1 };
  double tiny[] = { 0.4, 0.2, 0.001, 0.001, 0.001 };
  double none[] = { 0.001, 0.001, 0.001, 0.001, 0.001 };
  SgKScanRow rows[5];
  SgRecommendation r;

  fill_rows (rows, inertia, silhouette, tiny, 5);
  sg_recommend_k (rows, 5, 0.01, FALSE, &r);
  g_assert_cmpuint (r.recommended_k, ==, 2);
  g_assert_nonnull (strstr (r.reason, "No choice between 4 and 8"));
  sg_recommendation_clear (&r);

  fill_rows (rows, inertia, silhouette, none, 5);
  sg_recommend_k (rows, 5, 0.01, FALSE, &r);
  g_assert_cmpuint (r.recommended_k, ==, 2);
  g_assert_nonnull (strstr (r.reason, "below the minimum size"));
  sg_recommendation_clear (&r);
}

static void
test_bic (void)
{
  SgKScanRow rows[7];
  double bic[] = { 9000, 8000, 7000, 6000, 5990, 6100, 6200 };
  SgRecommendation r;

  for (guint i = 0; i < 7; i++)
    rows[i] = (SgKScanRow) { i + 2, NAN, NAN, NAN, NAN, bic[i], 0.05 };
  sg_recommend_k (rows, 7, 0.01, TRUE, &r);
  g_assert_cmpuint (r.best_score_k, ==, 6);
  /* The BIC curve bends at k = 5, whose BIC is within 1% of the lowest (k = 6). */
  g_assert_cmpuint (r.elbow_k, ==, 5);
  g_assert_cmpuint (r.recommended_k, ==, 5);
  g_assert_nonnull (strstr (r.reason, "BIC"));
  sg_recommendation_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recommend/knee", test_knee);
  g_test_add_func ("/recommend/prefers-elbow-in-range", test_prefers_elbow_in_range);
  g_test_add_func ("/recommend/skips-small-segments", test_skips_small_segments);
  g_test_add_func ("/recommend/fallbacks-are-said", test_fallbacks_are_said);
  g_test_add_func ("/recommend/bic", test_bic);
  return g_test_run ();
}
