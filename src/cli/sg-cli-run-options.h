/* sg-cli-run-options.h — the options segment, scan and cluster share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-cli.h"
#include "sg-run-settings.h"

G_BEGIN_DECLS

typedef struct {
  char     *dataset;
  char     *features;
  char     *algorithm;
  char     *k;
  char     *scale;
  char     *log1p;
  gint64    seed;
  int       threads;
  int       n_init;
  int       max_iter;
  gboolean  minibatch;
  char     *covariance;
  double    eps;
  int       min_samples;
  char     *linkage;
  int       k_min;
  int       k_max;
  double    min_share;
  char     *name;
  gboolean  json;
} SgCliRunOptions;

/* Adds the shared options to @context; @with_dataset adds --dataset (not for the CSV mode). */
void     sg_cli_run_options_add   (GOptionContext   *context,
                                   SgCliRunOptions  *options,
                                   gboolean          with_dataset);
void     sg_cli_run_options_clear (SgCliRunOptions  *options);
/* Fills @settings from the options (the dataset is resolved by the caller). */
gboolean sg_cli_run_options_apply (SgCliRunOptions  *options,
                                   SgRunSettings    *settings,
                                   GError          **error);
/* "0.41 (reasonably distinct)" and friends. */
char    *sg_cli_describe_silhouette (double silhouette);

G_END_DECLS
