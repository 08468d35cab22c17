/* sg-importer.h — bringing a CSV file into a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * preview() sniffs a file (delimiter, header, encoding, decimal comma, date order) and guesses each
 * column's type from a sample spread over the file, for the import dialog. run() streams the whole file
 * into a new dataset in one transaction, in bounded memory, with progress and cancellation; a row that
 * cannot be read is reported with its line number and reason, and either stops the import (nothing is
 * stored) or is skipped and counted, as the options say. The report is stored with the dataset.
 */
#pragma once

#include <gio/gio.h>

#include "sg-matrix.h"
#include "sg-progress.h"
#include "sg-project.h"
#include "sg-table.h"

G_BEGIN_DECLS

typedef enum {
  SG_ENCODING_AUTO,
  SG_ENCODING_UTF8,
  SG_ENCODING_WINDOWS_1252,   /* also reads Latin-1 (ISO-8859-1) */
} SgEncoding;

typedef enum {
  SG_ON_ERROR_STOP,
  SG_ON_ERROR_SKIP,
} SgOnError;

typedef enum {
  SG_DATE_ORDER_AUTO,
  SG_DATE_ORDER_DMY,
  SG_DATE_ORDER_MDY,
  SG_DATE_ORDER_YMD,
} SgDateOrder;

typedef struct {
  char         delimiter;      /* 0: sniff among , ; TAB | */
  SgEncoding   encoding;
  int          has_header;     /* -1: sniff */
  int          decimal_comma;  /* -1: sniff (only with ';' delimiters) */
  SgDateOrder  date_order;
  SgOnError    on_error;
  char        *dataset_name;   /* NULL: the file's base name, made unique */
  GHashTable  *type_overrides; /* column name → GINT_TO_POINTER (SgColumnType + 1) */
} SgImportOptions;

void        sg_import_options_init     (SgImportOptions *options);
void        sg_import_options_clear    (SgImportOptions *options);
void        sg_import_options_copy     (SgImportOptions       *dest,
                                        const SgImportOptions *src);
void        sg_import_options_set_type (SgImportOptions *options,
                                        const char      *column,
                                        SgColumnType     type);

typedef struct {
  char         *name;
  SgColumnType  type;
  guint64       n_missing;     /* in the sample */
  gboolean      ambiguous;     /* e.g. dates that read as day/month and month/day */
  char         *note;          /* NULL, or a sentence for the user about this guess */
} SgImportColumnGuess;

typedef struct {
  char         delimiter;
  SgEncoding   encoding;
  gboolean     has_bom;
  gboolean     has_header;
  gboolean     decimal_comma;
  SgDateOrder  date_order;
  GPtrArray   *columns;        /* SgImportColumnGuess */
  GPtrArray   *rows;           /* the first rows as GStrv, UTF-8, one string per column */
  guint64      estimated_rows;
  GPtrArray   *warnings;       /* char *: sentences for the user */
} SgImportPreview;

SgImportPreview *sg_importer_preview   (const char             *path,
                                        const SgImportOptions  *options,
                                        guint                   n_rows,
                                        GError                **error);
void        sg_import_preview_free     (SgImportPreview *preview);

typedef struct {
  guint64  line;               /* 1-based line number in the file where the row starts */
  char    *reason;             /* "expected 8 fields, found 7" / "“abc” in column Quantity is not a whole number" */
} SgImportRejection;

typedef struct {
  char        *file;
  char         delimiter;
  SgEncoding   encoding;
  gboolean     has_header;
  gboolean     decimal_comma;
  SgDateOrder  date_order;
  SgOnError    on_error;
  guint64      rows_read;
  guint64      rows_stored;
  guint64      rows_rejected;
  GPtrArray   *rejections;     /* SgImportRejection: the first ones (up to 100) */
  double       seconds;
  GPtrArray   *warnings;       /* char *: sentences for the user (encoding fallback, widened types…) */
} SgImportReport;

void        sg_import_report_free      (SgImportReport *report);
char       *sg_import_report_to_json   (const SgImportReport *report);
SgImportReport *sg_import_report_from_json (const char *json,
                                            GError    **error);

/* Returns the new dataset's id, or 0 with @error set and the project unchanged. A date column whose
 * values all read both as day/month and month/day needs options->date_order (or a type override):
 * with SG_DATE_ORDER_AUTO, run() fails (SG_ERROR_INVALID_ARGUMENT) naming the column rather than guess.
 * A whole-number column that meets decimals past the sample is stored as decimal (a warning in the
 * report says so); a value that fits no widening is a rejected row. */
gint64      sg_importer_run            (SgProject              *project,
                                        const char             *path,
                                        const SgImportOptions  *options,
                                        SgProgress             *progress,
                                        SgImportReport        **report,
                                        GError                **error);
/* The same on a worker thread with its own connection (sg_project_reopen); @progress_func is called on
 * the caller's main context. */
void        sg_importer_run_async      (SgProject              *project,
                                        const char             *path,
                                        const SgImportOptions  *options,
                                        GCancellable           *cancellable,
                                        SgProgressFunc          progress_func,
                                        gpointer                progress_data,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
gint64      sg_importer_run_finish     (SgProject              *project,
                                        GAsyncResult           *result,
                                        SgImportReport        **report,
                                        GError                **error);

/* Reads the numeric columns of a CSV straight into a matrix, without a project (the CLI's benchmark
 * mode). @columns: names to read, NULL for every numeric column. @id_column (optional) receives the name
 * of a detected identifier column, skipped. Rows with a missing value are dropped and counted. */
SgMatrix   *sg_csv_read_matrix         (const char             *path,
                                        const char *const      *columns,
                                        char                  **id_column,
                                        guint64                *n_dropped,
                                        GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgImportPreview, sg_import_preview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgImportReport, sg_import_report_free)

G_END_DECLS
