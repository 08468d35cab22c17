/* sg-schema.h — the project file's tables and their forward migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int      sg_schema_get_version (void);
/* Brings a database at @from_version up to sg_schema_get_version(). The caller holds a
 * transaction, so a failed step leaves nothing half done. */
gboolean sg_schema_migrate     (sqlite3  *db,
                                int       from_version,
                                GError  **error);

G_END_DECLS
