/* sg-project.c — opening, validating, migrating and writing a project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sg-error.h"
#include "sg-project.h"
#include "sg-schema.h"

struct _SgProject {
  GObject   parent_instance;
  char     *path;
  sqlite3  *db;
  guint     txn_depth;
};

G_DEFINE_FINAL_TYPE (SgProject, sg_project, G_TYPE_OBJECT)

enum { PROP_0, PROP_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
sg_project_finalize (GObject *object)
{
  SgProject *self = SG_PROJECT (object);

  if (self->txn_depth > 0)
    sg_project_rollback (self);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self->path);
  G_OBJECT_CLASS (sg_project_parent_class)->finalize (object);
}

static void
sg_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SgProject *self = SG_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_project_class_init (SgProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_project_finalize;
  object_class->get_property = sg_project_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_project_init (SgProject *self)
{
}

int
sg_project_schema_version (void)
{
  return sg_schema_get_version ();
}

gboolean
sg_project_set_sqlite_error (SgProject  *self,
                             const char *what,
                             GError    **error)
{
  g_set_error (error, SG_ERROR, SG_ERROR_IO, "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
sg_project_exec (SgProject   *self,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not write to the project: %s"),
                   message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
sg_project_prepare (SgProject   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not read the project: %s"),
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  return stmt;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int         fallback)
{
  sqlite3_stmt *stmt = NULL;
  int value = fallback;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Settings for files that may come from anyone: no extensions, no functions in the schema,
 * no writes to the schema or the file header through SQL. */
static void
harden_connection (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_busy_timeout (db, 10000);
}

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not open “%s”: %s"),
                   display, db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close_v2 (db);
      return NULL;
    }
  harden_connection (db);
  return db;
}

static gboolean
has_sqlite_header (const char  *path,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  char header[16] = { 0 };
  FILE *file = g_fopen (path, "rb");
  size_t got;

  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, SG_ERROR, saved == ENOENT ? SG_ERROR_NOT_FOUND : SG_ERROR_IO,
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  got = fread (header, 1, sizeof header, file);
  fclose (file);
  if (got != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Segmenta project"), display);
      return FALSE;
    }
  return TRUE;
}

/* Read-only checks, so that a file we refuse is left exactly as it was. */
static gboolean
validate_file (const char  *path,
               GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (!has_sqlite_header (path, error))
    return FALSE;
  db = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      /* The first problem found is enough, on one line. */
      g_autofree char *detail = g_strdup (rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                                           : sqlite3_errmsg (db));
      char *newline = strchr (detail, '\n');

      if (newline != NULL)
        *newline = '\0';
      g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be opened (integrity check failed: %s)"), display, detail);
      ok = FALSE;
    }
  sqlite3_finalize (stmt);

  if (ok && query_int (db, "PRAGMA application_id", 0) != SG_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_A_PROJECT,
                   _("“%s” is a database, but not a Segmenta project"), display);
      ok = FALSE;
    }
  if (ok && query_int (db, "PRAGMA user_version", 0) > sg_schema_get_version ())
    {
      g_set_error (error, SG_ERROR, SG_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Segmenta (file format %d; this version reads up to %d)"),
                   display, query_int (db, "PRAGMA user_version", 0), sg_schema_get_version ());
      ok = FALSE;
    }
  sqlite3_close_v2 (db);
  return ok;
}

static SgProject *
project_new_for_db (const char *path,
                    sqlite3    *db)
{
  SgProject *self = g_object_new (SG_TYPE_PROJECT, NULL);

  self->path = g_strdup (path);
  self->db = db;
  return self;
}

static gboolean
configure_writer (SgProject  *self,
                  GError    **error)
{
  return sg_project_exec (self, "PRAGMA foreign_keys = ON;"
                                "PRAGMA journal_mode = WAL;"
                                "PRAGMA synchronous = NORMAL;", error);
}

SgProject *
sg_project_create (const char  *path,
                   GError     **error)
{
  g_autoptr(SgProject) self = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_EXISTS, _("“%s” already exists"), display);
      return NULL;
    }
  db = open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, error);
  if (db == NULL)
    return NULL;
  self = project_new_for_db (path, db);

  if (!configure_writer (self, error) ||
      !sg_project_begin (self, error))
    goto fail;
  if (!sg_schema_migrate (self->db, 0, error) ||
      !sg_project_set_meta (self, "created", created, error) ||
      !sg_project_set_meta (self, "app_version", PACKAGE_VERSION, error) ||
      !sg_project_commit (self, error))
    {
      sg_project_rollback (self);
      goto fail;
    }
  return g_steal_pointer (&self);

fail:
  g_clear_object (&self);
  g_unlink (path);
  return NULL;
}

SgProject *
sg_project_open (const char  *path,
                 GError     **error)
{
  g_autoptr(SgProject) self = NULL;
  sqlite3 *db;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  if (!validate_file (path, error))
    return NULL;
  db = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return NULL;
  self = project_new_for_db (path, db);
  if (!configure_writer (self, error))
    return NULL;

  version = query_int (self->db, "PRAGMA user_version", 0);
  if (version < sg_schema_get_version ())
    {
      if (!sg_project_begin (self, error))
        return NULL;
      if (!sg_schema_migrate (self->db, version, error) ||
          !sg_project_commit (self, error))
        {
          sg_project_rollback (self);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

SgProject *
sg_project_reopen (SgProject  *self,
                   GError    **error)
{
  g_autoptr(SgProject) copy = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  db = open_connection (self->path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return NULL;
  copy = project_new_for_db (self->path, db);
  if (!sg_project_exec (copy, "PRAGMA foreign_keys = ON;", error))
    return NULL;
  return g_steal_pointer (&copy);
}

const char *
sg_project_get_path (SgProject *self)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);
  return self->path;
}

char *
sg_project_dup_title (SgProject *self)
{
  char *name = sg_project_get_meta (self, "name");
  g_autofree char *base = NULL;
  char *dot;

  if (name != NULL && *name != '\0')
    return name;
  g_free (name);
  base = g_path_get_basename (self->path);
  dot = g_str_has_suffix (base, SG_PROJECT_EXTENSION) ? strrchr (base, '.') : NULL;
  if (dot != NULL)
    *dot = '\0';
  return g_filename_display_name (base);
}

sqlite3 *
sg_project_get_db (SgProject *self)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);
  return self->db;
}

gboolean
sg_project_begin (SgProject  *self,
                  GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);

  /* IMMEDIATE takes the write lock up front, so two writers wait instead of deadlocking. */
  sql = self->txn_depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                             : g_strdup_printf ("SAVEPOINT sg%u", self->txn_depth);
  if (!sg_project_exec (self, sql, error))
    return FALSE;
  self->txn_depth++;
  return TRUE;
}

gboolean
sg_project_commit (SgProject  *self,
                   GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->txn_depth > 0, FALSE);

  sql = self->txn_depth == 1 ? g_strdup ("COMMIT")
                             : g_strdup_printf ("RELEASE sg%u", self->txn_depth - 1);
  if (!sg_project_exec (self, sql, error))
    return FALSE;
  self->txn_depth--;
  return TRUE;
}

void
sg_project_rollback (SgProject *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (SG_IS_PROJECT (self));
  if (self->txn_depth == 0)
    return;

  if (self->txn_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO sg%u; RELEASE sg%u", self->txn_depth - 1, self->txn_depth - 1);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  self->txn_depth--;
}

char *
sg_project_get_meta (SgProject  *self,
                     const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gboolean
sg_project_set_meta (SgProject   *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);

  stmt = sg_project_prepare (self, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (self, _("Could not save a project setting"), error);
  return TRUE;
}
