/* sg-export.h — segment customer lists for CRM and e-mail tools, and a run as JSON for other tools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV files are UTF-8 (with a byte-order mark when asked, for Excel), use ',' ';' or TAB between
 * fields and CRLF after each record, and quote as RFC 4180 says: a field is put in double quotes when
 * it holds the delimiter, a double quote, CR or LF (or is neutralised, below); a double quote inside is
 * doubled. Each file is written beside its final name and renamed into place when complete, so a
 * failed or cancelled export never leaves a half-written list (files already completed by that export
 * are removed too).
 *
 * Formula injection (CSV injection) is neutralised by this rule, applied to every cell and header:
 *   A cell is dangerous when its first character — after any leading spaces — is one of
 *   = + - @ TAB (0x09) or CR (0x0D). A dangerous cell is written with a single quote ' in front and
 *   the whole field in double quotes: =1+1 becomes "'=1+1". Spreadsheets then show text, never run a
 *   formula (the apostrophe may be visible; that is the price of safety).
 *   Exception: in a numeric column (whole number or decimal), a cell that is a plain number — an
 *   optional '-', digits, optionally '.' and digits, optionally an exponent (e-7) — is written as is,
 *   so -12.5 stays a negative number. The same text in a text column is neutralised.
 * Every exported column goes through this rule: dataset values, segment and persona names and headers.
 *
 * Each customer list has the chosen dataset columns, then segment (its name), persona (its persona's
 * name), objective (the playbook's objective id, e.g. "win-back") and control (1 for a customer in the
 * segment's control group, else 0). Control groups are first brought in line with the playbooks
 * (sg_project_sync_holdouts), so repeated exports flag exactly the same customers.
 *
 * Pseudonymisation replaces the id column's values with HMAC-SHA-256 pseudonyms keyed by the project's
 * salt (sg-pseudonym.h): stable across exports of one project, different in another. Other columns
 * (e-mail, names) are exported as chosen: leave them out for a pseudonymous list.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sg-progress.h"
#include "sg-project.h"

G_BEGIN_DECLS

typedef struct {
  gint64     run_id;
  gboolean   per_segment;         /* one file per segment; else one file with a segment column */
  char     **columns;             /* dataset columns in order; NULL: sg_export_suggest_columns() */
  char       delimiter;           /* ',' (default), ';' or '\t' */
  gboolean   bom;                 /* start with a UTF-8 byte-order mark (Excel) */
  gboolean   pseudonymise;        /* replace the id column's values by pseudonyms */
  char      *id_column;           /* the id column; NULL: detected */
  gboolean   include_unassigned;  /* also rows in no segment (noise), as "Unassigned" */
  gboolean   skip_control;        /* leave control-group customers out instead of flagging them */
} SgExportOptions;

void        sg_export_options_init  (SgExportOptions       *options);
void        sg_export_options_clear (SgExportOptions       *options);
void        sg_export_options_copy  (SgExportOptions       *dest,
                                     const SgExportOptions *src);

typedef struct {
  char    *path;
  int      segment_idx;    /* -1: all segments in one file, the unassigned rows, or the JSON file */
  guint64  n_rows;         /* customers written */
  guint64  n_control;      /* of which in a control group */
} SgExportFile;

void        sg_export_file_free     (SgExportFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgExportFile, sg_export_file_free)

/* Writes the customer lists of a run into @directory (created if missing; files of the same names are
 * replaced). Returns the files written (SgExportFile), in order. */
GPtrArray  *sg_export_csv           (SgProject              *project,
                                     const SgExportOptions  *options,
                                     const char             *directory,
                                     SgProgress             *progress,
                                     GError                **error);
/* The same on a worker thread with its own connection; progress arrives on the caller's main context. */
void        sg_export_csv_async     (SgProject              *project,
                                     const SgExportOptions  *options,
                                     const char             *directory,
                                     GCancellable           *cancellable,
                                     SgProgressFunc          progress_func,
                                     gpointer                progress_data,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
GPtrArray  *sg_export_csv_finish    (SgProject              *project,
                                     GAsyncResult           *result,
                                     GError                **error);

/* The run for other tools:
 *   { "format": "segmenta-run", "version": 1, "project": "…", "exported": "ISO 8601",
 *     "run": { "id", "name", "algorithm", "k", "created", "dataset", "rows", "excluded", "unassigned",
 *              "settings": {…}, "metrics": {…} },
 *     "segments": [ { "index", "name", "rule", "name_edited", "color", "size", "share",
 *                     "profile": {…} | null, "persona": {…} | null, "playbook": {…} | null,
 *                     "control_group": { "share", "seed", "stratify", "size" } | null } ] }
 * share = size / (rows − excluded). Stored JSON (settings, metrics, profile) is embedded as parsed;
 * text that does not parse is embedded as a string. */
JsonNode   *sg_export_run_to_json   (SgProject              *project,
                                     gint64                  run_id,
                                     GError                **error);
/* Writes sg_export_run_to_json() (indented) to @path, replacing it when complete. */
SgExportFile *sg_export_json        (SgProject              *project,
                                     gint64                  run_id,
                                     const char             *path,
                                     SgProgress             *progress,
                                     GError                **error);
void        sg_export_json_async    (SgProject              *project,
                                     gint64                  run_id,
                                     const char             *path,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
SgExportFile *sg_export_json_finish (SgProject              *project,
                                     GAsyncResult           *result,
                                     GError                **error);

/* ---- columns for CRM / e-mail tools ---- */

typedef enum {
  SG_CONTACT_ID,
  SG_CONTACT_EMAIL,
  SG_CONTACT_NAME,          /* a full name */
  SG_CONTACT_FIRST_NAME,
  SG_CONTACT_LAST_NAME,
  SG_CONTACT_PHONE,
  SG_N_CONTACT_FIELDS
} SgContactField;

/* The column holding @field, or -1: first by column role ("id", "email", "name", "first_name",
 * "last_name", "phone"), then by column name ("Customer ID", "E-mail", "Surname"…), then — for ids and
 * e-mail addresses — by content (unique identifiers; values that look like addresses). */
int         sg_export_detect_column   (SgTable         *table,
                                       SgContactField   field);
/* The suggested export columns: id, e-mail, name (or first and last name), phone — those found. */
char      **sg_export_suggest_columns (SgTable         *table);
/* The same for a run's dataset. */
char      **sg_project_suggest_export_columns (SgProject *project,
                                               gint64     run_id,
                                               GError   **error);

/* ---- building blocks (also for other writers) ---- */

/* Does the formula-injection rule above neutralise this cell? */
gboolean    sg_export_cell_is_dangerous (const char *value,
                                         gboolean    numeric_column);
/* Appends one field to @out: neutralised and quoted as described above. */
void        sg_export_append_cell   (GString     *out,
                                     const char  *value,
                                     char         delimiter,
                                     gboolean     numeric_column);
/* A file name (without extension) made from @name: path separators, reserved and control characters
 * become '_', leading/trailing dots and spaces are dropped, at most 80 bytes (whole characters), and
 * names Windows reserves (CON, NUL, COM1…) get a '_' in front; @fallback if nothing is left. */
char       *sg_export_safe_file_name (const char *name,
                                      const char *fallback);

G_END_DECLS
