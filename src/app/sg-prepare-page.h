/* sg-prepare-page.h — the Prepare step: choosing and deriving what customers are compared on
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

#define SG_TYPE_PREPARE_PAGE (sg_prepare_page_get_type ())
G_DECLARE_FINAL_TYPE (SgPreparePage, sg_prepare_page, SG, PREPARE_PAGE, AdwBin)

SgSession *sg_prepare_page_get_session (SgPreparePage *self);
void       sg_prepare_page_set_session (SgPreparePage *self,
                                        SgSession *session);
/* TRUE when the project has what this step needs. */
gboolean   sg_prepare_page_get_ready   (SgPreparePage *self);

G_END_DECLS
