/* sg-application.h — the Segmenta application: app-wide actions, windows, files from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SG_TYPE_APPLICATION (sg_application_get_type ())
G_DECLARE_FINAL_TYPE (SgApplication, sg_application, SG, APPLICATION, AdwApplication)

SgApplication *sg_application_new (void);

/* TRUE for a file Segmenta imports (CSV, TSV, TXT) rather than opens as a project. */
gboolean       sg_file_is_table   (GFile *file);

G_END_DECLS
