/* sg-holdout.h — control groups: customers of a segment who are deliberately left out of a campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sampling rule (sg_holdout_sample): the control group of a segment of n customers has exactly
 * round(share × n) members. With a stratifying column, each stratum h (one value of the column; missing
 * values form their own stratum) gets floor(share × n_h) members plus one more for the strata with the
 * largest remainders (ties: the stratum seen first), so every stratum is within one customer of its exact
 * share and the total is exact. Inside a stratum the members are the rows with the smallest random keys;
 * keys come from an SgRandom stream of (seed, "holdout", run and segment) drawn in row order. So:
 *   - the same seed, share and data give the same rows, on any machine and thread count;
 *   - a different share re-samples deterministically (without strata, a larger share keeps every row
 *     of the smaller one and adds more);
 *   - a numeric column with more than SG_HOLDOUT_MAX_NUMERIC_STRATA distinct values in the segment is
 *     cut into quintiles of the segment's values, so a continuous column (spend) still stratifies.
 * The result is stored in the project (table holdouts), so later exports reuse exactly the same rows
 * even if the sampling code changes; it is re-sampled only when the share, seed, column or the segment's
 * size differ from what was stored.
 */
#pragma once

#include "sg-progress.h"
#include "sg-project.h"

G_BEGIN_DECLS

#define SG_HOLDOUT_MAX_NUMERIC_STRATA 20

/* Picks the control group among @n candidate rows (@rows: dataset row indices, ascending).
 * @strata: each candidate's stratum in 0..@n_strata-1, or NULL for a simple random sample.
 * @stream: distinguishes segments (use sg_holdout_stream()). @share in [0, SG_HOLDOUT_MAX_SHARE].
 * Returns the chosen dataset row indices (guint32), ascending. */
GArray     *sg_holdout_sample   (const guint32  *rows,
                                 gsize           n,
                                 const guint32  *strata,
                                 guint           n_strata,
                                 double          share,
                                 guint64         seed,
                                 guint64         stream,
                                 GError        **error);
/* The stream index of a segment of a run. */
guint64     sg_holdout_stream   (gint64          run_id,
                                 guint           segment_idx);
/* round(share × n) as the sampler computes it. */
guint64     sg_holdout_target_size (double       share,
                                    guint64      n);

typedef struct {
  gint64   run_id;
  guint    segment_idx;
  double   share;
  guint64  seed;
  char    *stratify;      /* the column stratified by, or NULL */
  guint64  n_rows;        /* the segment's size when sampled */
  GArray  *rows;          /* guint32: dataset rows in the control group, ascending */
  char    *created;       /* ISO 8601 */
} SgHoldout;

void        sg_holdout_free     (SgHoldout *holdout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgHoldout, sg_holdout_free)

/* ---- in the project (sg-project-personas.c) ---- */

/* The stored control group of a segment, or NULL with SG_ERROR_NOT_FOUND. */
SgHoldout  *sg_project_load_holdout    (SgProject   *project,
                                        gint64       run_id,
                                        guint        segment_idx,
                                        GError     **error);
/* The control group for these settings: the stored one if it was made with them, else a new sample
 * that replaces it (in one transaction). @stratify: a column of the run's dataset, or NULL. A share of 0
 * deletes the stored group and returns an empty one. */
SgHoldout  *sg_project_sample_holdout  (SgProject   *project,
                                        gint64       run_id,
                                        guint        segment_idx,
                                        double       share,
                                        guint64      seed,
                                        const char  *stratify,
                                        SgProgress  *progress,
                                        GError     **error);
gboolean    sg_project_delete_holdout  (SgProject   *project,
                                        gint64       run_id,
                                        guint        segment_idx,
                                        GError     **error);
/* Brings every segment's control group in line with its playbook's holdout settings (no playbook or a
 * share of 0: no control group), in one transaction. */
gboolean    sg_project_sync_holdouts   (SgProject   *project,
                                        gint64       run_id,
                                        SgProgress  *progress,
                                        GError     **error);
/* One byte per dataset row: 1 if the row is in a stored control group of the run, else 0. */
guint8     *sg_project_load_control_flags (SgProject *project,
                                           gint64     run_id,
                                           gsize     *n_rows,
                                           GError   **error);

G_END_DECLS
