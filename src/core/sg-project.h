/* sg-project.h — a Segmenta project: one SQLite file holding everything a user makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project is opened on one thread at a time. Background work opens its own connection
 * with sg_project_reopen() (WAL lets it write while the main thread reads) and never
 * shares an SgProject across threads.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "sg-table.h"

G_BEGIN_DECLS

#define SG_PROJECT_EXTENSION ".segmenta"
/* 'SGMT': marks a SQLite file as a Segmenta project (PRAGMA application_id). */
#define SG_PROJECT_APPLICATION_ID 0x53474d54
/* Datasets are stored column by column in chunks of this many rows. */
#define SG_PROJECT_CHUNK_ROWS 65536

#define SG_TYPE_PROJECT (sg_project_get_type ())
G_DECLARE_FINAL_TYPE (SgProject, sg_project, SG, PROJECT, GObject)

/* The schema version this build writes; files with a higher user_version are refused. */
int         sg_project_schema_version (void);

/* Creates a new, empty project. Fails with SG_ERROR_EXISTS if @path exists. */
SgProject  *sg_project_create      (const char  *path,
                                    GError     **error);
/* Opens an existing project: checks that it is one, that it is intact and not from a newer
 * version (leaving the file untouched if not), then migrates an older schema forward. */
SgProject  *sg_project_open        (const char  *path,
                                    GError     **error);
/* A second connection to the same, already validated file, for another thread. */
SgProject  *sg_project_reopen      (SgProject   *self,
                                    GError     **error);
const char *sg_project_get_path    (SgProject   *self);
/* The file name without extension, or the name set in the project. */
char       *sg_project_dup_title   (SgProject   *self);
sqlite3    *sg_project_get_db      (SgProject   *self);

/* Transactions nest: the outermost is BEGIN IMMEDIATE … COMMIT, inner ones are savepoints. */
gboolean    sg_project_begin       (SgProject   *self,
                                    GError     **error);
gboolean    sg_project_commit      (SgProject   *self,
                                    GError     **error);
void        sg_project_rollback    (SgProject   *self);

/* Runs SQL without results (no user data may be pasted into @sql: bind it). */
gboolean    sg_project_exec        (SgProject   *self,
                                    const char  *sql,
                                    GError     **error);
/* Prepares @sql, setting a GError that quotes SQLite's message on failure. */
sqlite3_stmt *sg_project_prepare   (SgProject   *self,
                                    const char  *sql,
                                    GError     **error);
/* Sets @error from the connection's last SQLite error, prefixed by @what. Returns FALSE. */
gboolean    sg_project_set_sqlite_error (SgProject  *self,
                                         const char *what,
                                         GError    **error);

/* Key/value settings kept in the project (salt, display name, preferences). */
char       *sg_project_get_meta    (SgProject   *self,
                                    const char  *key);
gboolean    sg_project_set_meta    (SgProject   *self,
                                    const char  *key,
                                    const char  *value,
                                    GError     **error);

/* ---- datasets (sg-project-datasets.c) ---- */

typedef struct {
  char         *name;
  SgColumnType  type;
  char         *role;
  guint64       n_missing;
} SgColumnInfo;

typedef struct {
  gint64     id;
  char      *name;
  char      *source;      /* file it came from, or how it was made */
  char      *kind;        /* "imported", "derived", "prepared" */
  guint64    n_rows;
  char      *created;     /* ISO 8601 */
  char      *report;      /* JSON: import report, derivation summary or recipe; may be NULL */
  GPtrArray *columns;     /* SgColumnInfo */
} SgDatasetInfo;

void           sg_dataset_info_free       (SgDatasetInfo *info);
int            sg_dataset_info_lookup_column (SgDatasetInfo *info,
                                              const char    *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDatasetInfo, sg_dataset_info_free)

/* Datasets in creation order (SgDatasetInfo). */
GPtrArray     *sg_project_list_datasets   (SgProject   *self,
                                           GError     **error);
SgDatasetInfo *sg_project_get_dataset     (SgProject   *self,
                                           gint64       dataset_id,
                                           GError     **error);
/* Finds a dataset by name, or by id written in decimal. */
SgDatasetInfo *sg_project_find_dataset    (SgProject   *self,
                                           const char  *name_or_id,
                                           GError     **error);
/* A name not yet used by a dataset: @base, or "@base (2)", "@base (3)"… */
char          *sg_project_unique_dataset_name (SgProject  *self,
                                               const char *base);
gboolean       sg_project_rename_dataset  (SgProject   *self,
                                           gint64       dataset_id,
                                           const char  *name,
                                           GError     **error);
gboolean       sg_project_delete_dataset  (SgProject   *self,
                                           gint64       dataset_id,
                                           GError     **error);
gboolean       sg_project_set_column_role (SgProject   *self,
                                           gint64       dataset_id,
                                           guint        column,
                                           const char  *role,
                                           GError     **error);
gboolean       sg_project_set_dataset_report (SgProject  *self,
                                              gint64      dataset_id,
                                              const char *report_json,
                                              GError    **error);

/* Stores a whole table as a new dataset in one transaction. Returns its id, or 0. */
gint64         sg_project_store_table     (SgProject   *self,
                                           SgTable     *table,
                                           const char  *kind,
                                           const char  *source,
                                           const char  *report_json,
                                           GError     **error);
/* Loads a dataset, or only the listed columns (@columns NULL: all), in that order. */
SgTable       *sg_project_load_table      (SgProject   *self,
                                           gint64       dataset_id,
                                           const guint *columns,
                                           guint        n_columns,
                                           GError     **error);
/* Loads rows [chunk * SG_PROJECT_CHUNK_ROWS, …) of one column: for views that page. */
SgColumn      *sg_project_load_chunk      (SgProject   *self,
                                           gint64       dataset_id,
                                           guint        column,
                                           guint        chunk,
                                           GError     **error);

/* Streaming writer for imports too large to hold: rows arrive in tables whose columns match
 * the writer's; all is written in one transaction that finish() commits and abort() undoes. */
typedef struct _SgDatasetWriter SgDatasetWriter;

SgDatasetWriter *sg_dataset_writer_new    (SgProject   *self,
                                           const char  *name,
                                           const char  *kind,
                                           const char  *source,
                                           SgTable     *columns_like,
                                           GError     **error);
gboolean       sg_dataset_writer_append   (SgDatasetWriter *writer,
                                           SgTable         *rows,
                                           GError         **error);
/* Commits; returns the new dataset's id, or 0 with @error set (and everything undone). */
gint64         sg_dataset_writer_finish   (SgDatasetWriter *writer,
                                           const char      *report_json,
                                           GError         **error);
/* Undoes everything written (safe after a failed append or finish). Frees the writer. */
void           sg_dataset_writer_abort    (SgDatasetWriter *writer);

/* ---- runs and segments (sg-project-runs.c) ---- */

/* Label values in a run's "labels" array besides 0..k-1. */
#define SG_LABEL_UNASSIGNED (-1)   /* noise (DBSCAN): shown as its own "unassigned" group */
#define SG_LABEL_EXCLUDED   (-2)   /* not clustered: a value was missing in a chosen feature */

typedef struct {
  gint64   id;
  gint64   dataset_id;
  char    *name;
  char    *algorithm;     /* "kmeans", "gmm", "dbscan", "hierarchical" */
  guint    k;             /* number of segments (not counting unassigned) */
  char    *settings;      /* JSON: features, scaling, seed, algorithm options… */
  char    *model;         /* JSON: scaler parameters, centroids/means/covariances, linkage… */
  char    *metrics;       /* JSON: inertia, silhouette, Davies–Bouldin, BIC… */
  guint64  n_rows;        /* rows of the dataset */
  guint64  n_excluded;    /* rows left out (missing values) */
  char    *created;       /* ISO 8601 */
} SgRunInfo;

typedef struct {
  guint     idx;
  char     *name;
  char     *name_rule;     /* how the automatic name was made; NULL if none */
  gboolean  name_edited;   /* the user typed this name: never overwrite it */
  char     *color;         /* "#rrggbb" or NULL for the palette's */
  guint64   size;
  char     *profile;       /* JSON, or NULL */
} SgSegmentInfo;

void        sg_run_info_free         (SgRunInfo     *info);
void        sg_segment_info_free     (SgSegmentInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunInfo, sg_run_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgSegmentInfo, sg_segment_info_free)

/* Stores a run, its labels (one per dataset row: 0..k-1, SG_LABEL_UNASSIGNED or SG_LABEL_EXCLUDED) and
 * a segment row per label 0..k-1 with its size, in one transaction. Returns the run's id, or 0. */
gint64      sg_project_store_run     (SgProject       *self,
                                      const SgRunInfo *info,
                                      const gint32    *labels,
                                      gsize            n_labels,
                                      GError         **error);
/* Extra per-row arrays of a run (e.g. "probabilities": float × k per row, "silhouette": float). */
gboolean    sg_project_store_run_array (SgProject     *self,
                                        gint64         run_id,
                                        const char    *name,
                                        const void    *data,
                                        gsize          row_bytes,
                                        gsize          n_rows,
                                        GError       **error);
/* Returns the array's bytes (g_free) and its size, or NULL with @error (SG_ERROR_NOT_FOUND if absent). */
void       *sg_project_load_run_array  (SgProject     *self,
                                        gint64         run_id,
                                        const char    *name,
                                        gsize         *n_bytes,
                                        GError       **error);
gint32     *sg_project_load_run_labels (SgProject     *self,
                                        gint64         run_id,
                                        gsize         *n_labels,
                                        GError       **error);
/* Runs, newest first; @dataset_id 0 for all. */
GPtrArray  *sg_project_list_runs     (SgProject       *self,
                                      gint64           dataset_id,
                                      GError         **error);
SgRunInfo  *sg_project_get_run       (SgProject       *self,
                                      gint64           run_id,
                                      GError         **error);
/* A run by id ("3") or by exact name; NULL with an error if none or several match. */
SgRunInfo  *sg_project_find_run      (SgProject       *self,
                                      const char      *name_or_id,
                                      GError         **error);
gboolean    sg_project_rename_run    (SgProject       *self,
                                      gint64           run_id,
                                      const char      *name,
                                      GError         **error);
gboolean    sg_project_delete_run    (SgProject       *self,
                                      gint64           run_id,
                                      GError         **error);
gboolean    sg_project_set_run_metrics (SgProject     *self,
                                        gint64         run_id,
                                        const char    *metrics_json,
                                        GError       **error);

GPtrArray  *sg_project_list_segments (SgProject       *self,
                                      gint64           run_id,
                                      GError         **error);
/* Sets a segment's name. An automatic name (@edited_by_user FALSE) never replaces one the user typed:
 * that call then changes nothing and succeeds. */
gboolean    sg_project_set_segment_name (SgProject    *self,
                                         gint64        run_id,
                                         guint         idx,
                                         const char   *name,
                                         const char   *rule,
                                         gboolean      edited_by_user,
                                         GError      **error);
gboolean    sg_project_set_segment_profile (SgProject *self,
                                            gint64     run_id,
                                            guint      idx,
                                            const char *profile_json,
                                            GError   **error);
gboolean    sg_project_set_segment_color (SgProject   *self,
                                          gint64       run_id,
                                          guint        idx,
                                          const char  *color,
                                          GError     **error);

G_END_DECLS
