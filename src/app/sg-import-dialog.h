/* sg-import-dialog.h — importing one CSV file: settings, preview, column kinds, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_IMPORT_DIALOG (sg_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgImportDialog, sg_import_dialog, SG, IMPORT_DIALOG, AdwWindow)

/* Reads a preview of @file at once (on a worker thread). When the user imports and it succeeds, emits
 * "imported" (dataset id, a sentence saying what was stored) and closes. */
GtkWidget *sg_import_dialog_new (GtkWindow *parent,
                                 SgSession *session,
                                 GFile     *file);

G_END_DECLS
