/* sg-test-util.c — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>

#include "sg-test-util.h"

static char *tmpdir;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
remove_tmpdir (void)
{
  if (tmpdir != NULL && g_getenv ("SG_TEST_KEEP_TMP") == NULL)
    remove_tree (tmpdir);
}

const char *
sg_test_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmpdir = g_dir_make_tmp ("segmenta-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_tmpdir);
    }
  return tmpdir;
}

char *
sg_test_tmp_path (const char *name)
{
  return g_build_filename (sg_test_tmpdir (), name, NULL);
}

gboolean
sg_test_copy_demo_project (const char *path)
{
  const char *demo = g_getenv ("SG_DEMO_PROJECT");
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (demo == NULL || !g_file_test (demo, G_FILE_TEST_EXISTS))
    return FALSE;
  source = g_file_new_for_path (demo);
  target = g_file_new_for_path (path);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return TRUE;
}

char *
sg_test_write_file (const char *name,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = sg_test_tmp_path (name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

char *
sg_test_shared_path (const char *relative)
{
  const char *shared = g_getenv ("SG_SHARED_DIR");
  g_autofree char *path = NULL;

  if (shared == NULL)
    shared = "../shared";
  path = g_build_filename (shared, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("%s not found", path);
      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

int
sg_test_run_cli (char      **out,
                 char      **err,
                 const char *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("SG_CLI");
  int status = -1;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

char *
sg_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char **
read_lines (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_strchomp (contents);
  return g_strsplit (contents, "\n", -1);
}

SgMatrix *
sg_test_load_reference (const char *name)
{
  g_autofree char *file = g_strdup_printf ("reference/%s.csv", name);
  g_autofree char *path = sg_test_shared_path (file);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  guint n_rows, n_cols;
  SgMatrix *matrix;

  if (path == NULL)
    return NULL;
  lines = read_lines (path);
  header = g_strsplit (lines[0], ",", -1);
  n_rows = g_strv_length (lines) - 1;
  n_cols = g_strv_length (header) - 1;
  matrix = sg_matrix_new (n_rows, n_cols);
  for (guint r = 0; r < n_rows; r++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[r + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, n_cols + 1);
      for (guint c = 0; c < n_cols; c++)
        sg_matrix_row (matrix, r)[c] = g_ascii_strtod (fields[c + 1], NULL);
    }
  sg_test_zscore (matrix);
  return matrix;
}

gint32 *
sg_test_load_reference_labels (const char *name,
                               const char *column,
                               gsize      *n_rows)
{
  g_autofree char *file = g_strdup_printf ("reference/%s.labels.csv", name);
  g_autofree char *path = sg_test_shared_path (file);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int col = -1;
  gint32 *labels;

  if (path == NULL)
    return NULL;
  lines = read_lines (path);
  header = g_strsplit (lines[0], ",", -1);
  for (guint i = 0; header[i] != NULL; i++)
    if (g_strcmp0 (g_strstrip (header[i]), column) == 0)
      col = (int) i;
  g_assert_cmpint (col, >=, 0);
  *n_rows = g_strv_length (lines) - 1;
  labels = g_new (gint32, *n_rows);
  for (gsize r = 0; r < *n_rows; r++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[r + 1], ",", -1);

      labels[r] = (gint32) g_ascii_strtoll (fields[col], NULL, 10);
    }
  return labels;
}

JsonNode *
sg_test_load_reference_json (const char *name)
{
  g_autofree char *file = g_strdup_printf ("reference/%s.json", name);
  g_autofree char *path = sg_test_shared_path (file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return NULL;
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

double
sg_test_json_double (JsonNode   *root,
                     const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      JsonObject *object = json_node_get_object (node);

      g_assert_nonnull (object);
      g_assert_true (json_object_has_member (object, parts[i]));
      node = json_object_get_member (object, parts[i]);
    }
  return json_node_get_double (node);
}

void
sg_test_zscore (SgMatrix *matrix)
{
  for (gsize c = 0; c < matrix->n_cols; c++)
    {
      double mean = 0, var = 0, sd;

      for (gsize r = 0; r < matrix->n_rows; r++)
        mean += sg_matrix_row (matrix, r)[c];
      mean /= matrix->n_rows;
      for (gsize r = 0; r < matrix->n_rows; r++)
        {
          double d = sg_matrix_row (matrix, r)[c] - mean;
          var += d * d;
        }
      sd = sqrt (var / matrix->n_rows);
      for (gsize r = 0; r < matrix->n_rows; r++)
        sg_matrix_row (matrix, r)[c] = sd > 0 ? (sg_matrix_row (matrix, r)[c] - mean) / sd : 0;
    }
}
