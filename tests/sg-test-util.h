/* sg-test-util.h — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A fresh temporary directory for this test process, removed at exit. */
const char *sg_test_tmpdir         (void);
/* A path in that directory (not created). */
char       *sg_test_tmp_path       (const char *name);
/* Writes @contents to a new temporary file and returns its path. */
char       *sg_test_write_file     (const char *name,
                                    const char *contents,
                                    gssize      length);
/* A file in ../shared (datasets/, reference/); NULL (and the test skipped) if absent. */
char       *sg_test_shared_path    (const char *relative);
/* Runs segmenta-cli with @args (NULL-terminated); returns the exit status, stdout and stderr. */
int         sg_test_run_cli        (char      **out,
                                    char      **err,
                                    const char *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;
/* SHA-256 of a file's bytes, to prove a file was left untouched. */
char       *sg_test_file_checksum  (const char *path);
/* Copies the demo project (SG_DEMO_PROJECT, built by the demo-project target) to @path, for a test
 * that opens or writes it; FALSE if the demo was not built. */
gboolean    sg_test_copy_demo_project (const char *path);

G_END_DECLS

#include "sg-matrix.h"

G_BEGIN_DECLS

/* Loads ../shared/reference/NAME.csv (id column, then numbers) standardised as the reference was
 * (z-score with population standard deviation). NULL, with the test skipped, if absent. */
SgMatrix   *sg_test_load_reference (const char *name);
/* Loads one column of ../shared/reference/NAME.labels.csv ("kmeans", "gmm_full", "ward", "dbscan"). */
gint32     *sg_test_load_reference_labels (const char *name,
                                           const char *column,
                                           gsize      *n_rows);
/* Parses ../shared/reference/NAME.json. */
JsonNode   *sg_test_load_reference_json (const char *name);
/* A member of a JSON object by dotted path ("kmeans.inertia"): a double. */
double      sg_test_json_double   (JsonNode   *root,
                                   const char *path);
/* Standardises columns in place: mean 0, population standard deviation 1. */
void        sg_test_zscore        (SgMatrix   *matrix);

G_END_DECLS
