/* sg-test-marketing.h — a project with a customer dataset and a clustering run, built in code, for the
 * persona, playbook, holdout, export and autosave tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-project.h"

G_BEGIN_DECLS

typedef struct {
  SgProject *project;
  char      *path;
  gint64     dataset_id;
  gint64     run_id;
  guint      k;
  gsize      n_rows;
  gint32    *labels;
} SgTestRun;

/* A new project "NAME-<counter>.segmenta" holding customers(n_rows) with columns
 *   customer_id (identifier, "C000001"…), email (text), name (text), country (categorical, uneven mix
 *   of DE/FR/IT/ES, some missing), spend (decimal, some negative), orders (integer), rfm (integer 1–5)
 * and a run with @k segments (named: see sg-test-marketing.c) over it; every 50th row unassigned (-1),
 * every 97th excluded (-2). No column roles are set. */
SgTestRun *sg_test_run_new       (const char *name,
                                  guint       n_rows,
                                  guint       k);
void       sg_test_run_free      (SgTestRun  *run);
/* The rows of @segment in @run (ascending). */
GArray    *sg_test_run_segment_rows (SgTestRun *run,
                                     guint      segment);
/* Another run over the same dataset with @k segments (labels shifted), returns its id. */
gint64     sg_test_run_add_run   (SgTestRun  *run,
                                  guint       k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgTestRun, sg_test_run_free)

/* Parses RFC 4180 CSV text (with a BOM or not) into rows of fields (GPtrArray of GStrv). */
GPtrArray *sg_test_parse_csv     (const char *text,
                                  char        delimiter);

G_END_DECLS
