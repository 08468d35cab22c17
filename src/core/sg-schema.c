/* sg-schema.c — the project file's tables and their forward migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migration N takes a file from user_version N to N + 1. Released migrations are never edited:
 * a change to the schema is a new migration appended to the list.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-project.h"
#include "sg-schema.h"

static const char *const migrations[] = {
  /* 0 → 1: the first schema. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT);"

  /* Every dataset's values live in column_chunks, so no identifier from user data ever names a
   * table or a column in SQL. */
  "CREATE TABLE datasets ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  source TEXT,"
  "  kind TEXT NOT NULL DEFAULT 'imported',"
  "  n_rows INTEGER NOT NULL DEFAULT 0,"
  "  chunk_rows INTEGER NOT NULL,"
  "  created TEXT NOT NULL,"
  "  report TEXT);"

  "CREATE TABLE columns ("
  "  dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  role TEXT,"
  "  missing INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (dataset_id, idx));"

  "CREATE TABLE column_chunks ("
  "  dataset_id INTEGER NOT NULL,"
  "  col INTEGER NOT NULL,"
  "  chunk INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (dataset_id, col, chunk),"
  "  FOREIGN KEY (dataset_id, col) REFERENCES columns (dataset_id, idx) ON DELETE CASCADE);"

  /* Preparation recipes: an ordered list of steps (JSON) that turns a dataset into features. */
  "CREATE TABLE recipes ("
  "  id INTEGER PRIMARY KEY,"
  "  dataset_id INTEGER REFERENCES datasets (id) ON DELETE SET NULL,"
  "  name TEXT NOT NULL,"
  "  steps TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL);"

  /* A clustering run: settings and fitted model as JSON, quality figures as JSON. */
  "CREATE TABLE runs ("
  "  id INTEGER PRIMARY KEY,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  algorithm TEXT NOT NULL,"
  "  settings TEXT NOT NULL,"
  "  model TEXT,"
  "  metrics TEXT,"
  "  n_rows INTEGER NOT NULL DEFAULT 0,"
  "  n_excluded INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL);"

  /* Per-row arrays of a run, chunked like dataset columns: "labels" (int32, -1 noise/unassigned,
   * -2 excluded), "probabilities" (float32 × k), "silhouette" (float32), "pca" (float32 × 3)... */
  "CREATE TABLE run_arrays ("
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  chunk INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (run_id, name, chunk));"

  "CREATE TABLE segments ("
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  name TEXT,"
  "  name_rule TEXT,"
  "  name_edited INTEGER NOT NULL DEFAULT 0,"
  "  color TEXT,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  profile TEXT,"
  "  PRIMARY KEY (run_id, idx));"

  "CREATE TABLE personas ("
  "  run_id INTEGER NOT NULL,"
  "  segment_idx INTEGER NOT NULL,"
  "  data TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  PRIMARY KEY (run_id, segment_idx),"
  "  FOREIGN KEY (run_id, segment_idx) REFERENCES segments (run_id, idx) ON DELETE CASCADE);"

  "CREATE TABLE playbooks ("
  "  run_id INTEGER NOT NULL,"
  "  segment_idx INTEGER NOT NULL,"
  "  data TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  PRIMARY KEY (run_id, segment_idx),"
  "  FOREIGN KEY (run_id, segment_idx) REFERENCES segments (run_id, idx) ON DELETE CASCADE);",

  /* 1 → 2: control groups of playbooks. rows: the dataset rows in the group, ascending uint32
   * (little-endian); share, seed and stratify say how they were sampled, n_rows the segment's size then. */
  "CREATE TABLE holdouts ("
  "  run_id INTEGER NOT NULL,"
  "  segment_idx INTEGER NOT NULL,"
  "  share REAL NOT NULL,"
  "  seed INTEGER NOT NULL,"
  "  stratify TEXT,"
  "  n_rows INTEGER NOT NULL,"
  "  n_control INTEGER NOT NULL,"
  "  rows BLOB NOT NULL,"
  "  created TEXT NOT NULL,"
  "  PRIMARY KEY (run_id, segment_idx),"
  "  FOREIGN KEY (run_id, segment_idx) REFERENCES segments (run_id, idx) ON DELETE CASCADE);",
};

int
sg_schema_get_version (void)
{
  return (int) G_N_ELEMENTS (migrations);
}

gboolean
sg_schema_migrate (sqlite3  *db,
                   int       from_version,
                   GError  **error)
{
  g_autofree char *stamp = NULL;
  char *message = NULL;

  g_return_val_if_fail (from_version >= 0, FALSE);

  for (int v = from_version; v < sg_schema_get_version (); v++)
    if (sqlite3_exec (db, migrations[v], NULL, NULL, &message) != SQLITE_OK)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_IO,
                     _("Could not update the project to file format %d: %s"), v + 1, message);
        sqlite3_free (message);
        return FALSE;
      }

  /* Not user data: both values are integers we control. */
  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                           SG_PROJECT_APPLICATION_ID, sg_schema_get_version ());
  if (sqlite3_exec (db, stamp, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not stamp the project’s version: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}
