/* sg-test-util.h — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
