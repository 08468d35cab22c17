/* sg-cli.h — shared pieces of segmenta-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-project.h"

G_BEGIN_DECLS

/* Exit codes: 0 success, 1 the work failed (bad data, missing project...), 2 bad usage. */
#define SG_CLI_EXIT_FAILURE 1
#define SG_CLI_EXIT_USAGE   2

typedef int (*SgCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char       *name;
  const char       *summary;
  SgCliCommandFunc  run;
} SgCliCommand;

/* Prints "segmenta-cli: MESSAGE" on stderr (one line) and returns SG_CLI_EXIT_FAILURE. */
int        sg_cli_fail             (GError        *error);
/* Parses a command's options; on --help prints help and exits 0, on bad usage prints one line and
 * returns FALSE (the caller returns SG_CLI_EXIT_USAGE). */
gboolean   sg_cli_parse            (GOptionContext *context,
                                    int            *argc,
                                    char         ***argv);
GOptionContext *sg_cli_context_new (const char    *parameters,
                                    const char    *summary,
                                    GOptionEntry  *entries);
/* Exactly @n positional arguments after the command name, or a usage error. */
gboolean   sg_cli_expect_args      (int            argc,
                                    int            n,
                                    const char    *usage);
SgProject *sg_cli_open_project     (const char    *path);
/* Prints @node as indented JSON on stdout. */
void       sg_cli_print_json       (JsonNode      *node);
/* A progress line on stderr when it is a terminal; nothing otherwise. */
void       sg_cli_progress         (double         fraction,
                                    const char    *message,
                                    gpointer       user_data);

/* The commands (one file each: sg-cli-NAME.c). */
int sg_cli_new      (int argc, char **argv);
int sg_cli_segment  (int argc, char **argv);
int sg_cli_scan     (int argc, char **argv);
int sg_cli_runs     (int argc, char **argv);
int sg_cli_cluster  (int argc, char **argv);
int sg_cli_derive   (int argc, char **argv);
int sg_cli_prepare  (int argc, char **argv);
int sg_cli_quality  (int argc, char **argv);
int sg_cli_import   (int argc, char **argv);
int sg_cli_info     (int argc, char **argv);
int sg_cli_export   (int argc, char **argv);
int sg_cli_profile  (int argc, char **argv);
int sg_cli_validate (int argc, char **argv);
int sg_cli_report   (int argc, char **argv);

G_END_DECLS
