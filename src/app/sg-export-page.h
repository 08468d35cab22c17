/* sg-export-page.h — the Export step: customer lists and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now a page that says what the step is for and, until it can be used, why not and where to go
 * first. It takes the window's SgSession through its "session" property.
 */
#pragma once

#include <adwaita.h>

#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_EXPORT_PAGE (sg_export_page_get_type ())
G_DECLARE_FINAL_TYPE (SgExportPage, sg_export_page, SG, EXPORT_PAGE, AdwBin)

SgSession *sg_export_page_get_session (SgExportPage *self);
void       sg_export_page_set_session (SgExportPage *self,
                                       SgSession *session);
/* TRUE when the project has what this step needs. */
gboolean   sg_export_page_get_ready   (SgExportPage *self);

G_END_DECLS
