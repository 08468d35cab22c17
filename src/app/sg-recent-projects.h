/* sg-recent-projects.h — the list of recently opened projects, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SG_SETTINGS_SCHEMA_ID "io.github.segmenta.Segmenta"
#define SG_RECENT_PROJECTS_KEY "recent-projects"
#define SG_RECENT_PROJECTS_MAX 10

/* Pure list edits (newly allocated results): @path first, without duplicates, at most @max entries. */
char   **sg_recent_list_add       (const char *const *list,
                                   const char        *path,
                                   guint              max);
/* @list without @path; *@removed says whether it was there. */
char   **sg_recent_list_remove    (const char *const *list,
                                   const char        *path,
                                   gboolean          *removed);

char   **sg_recent_projects_get    (GSettings  *settings);
void     sg_recent_projects_add    (GSettings  *settings,
                                    const char *path);
/* Returns TRUE if @path was in the list. */
gboolean sg_recent_projects_remove (GSettings  *settings,
                                    const char *path);

G_END_DECLS
