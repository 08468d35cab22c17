/* sg-recent-projects.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRecentProjects"

#include "sg-recent-projects.h"

char **
sg_recent_list_add (const char *const *list,
                    const char        *path,
                    guint              max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 1;

  g_return_val_if_fail (path != NULL, NULL);

  g_strv_builder_add (builder, path);
  for (guint i = 0; list != NULL && list[i] != NULL && n < max; i++)
    if (g_strcmp0 (list[i], path) != 0 && list[i][0] != '\0')
      {
        g_strv_builder_add (builder, list[i]);
        n++;
      }
  return g_strv_builder_end (builder);
}

char **
sg_recent_list_remove (const char *const *list,
                       const char        *path,
                       gboolean          *removed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean found = FALSE;

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      if (g_strcmp0 (list[i], path) == 0)
        found = TRUE;
      else
        g_strv_builder_add (builder, list[i]);
    }
  if (removed != NULL)
    *removed = found;
  return g_strv_builder_end (builder);
}

char **
sg_recent_projects_get (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_settings_get_strv (settings, SG_RECENT_PROJECTS_KEY);
}

void
sg_recent_projects_add (GSettings  *settings,
                        const char *path)
{
  g_auto(GStrv) list = NULL;
  g_auto(GStrv) updated = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (path != NULL);

  list = sg_recent_projects_get (settings);
  updated = sg_recent_list_add ((const char *const *) list, path, SG_RECENT_PROJECTS_MAX);
  if (!g_strv_equal ((const char *const *) list, (const char *const *) updated))
    g_settings_set_strv (settings, SG_RECENT_PROJECTS_KEY, (const char *const *) updated);
}

gboolean
sg_recent_projects_remove (GSettings  *settings,
                           const char *path)
{
  g_auto(GStrv) list = NULL;
  g_auto(GStrv) updated = NULL;
  gboolean removed;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  list = sg_recent_projects_get (settings);
  updated = sg_recent_list_remove ((const char *const *) list, path, &removed);
  if (removed)
    g_settings_set_strv (settings, SG_RECENT_PROJECTS_KEY, (const char *const *) updated);
  return removed;
}
