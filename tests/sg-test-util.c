/* sg-test-util.c — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
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
