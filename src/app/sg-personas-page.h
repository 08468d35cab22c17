/* sg-personas-page.h — the Personas & Playbooks step: describing segments and what to do with each
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

#define SG_TYPE_PERSONAS_PAGE (sg_personas_page_get_type ())
G_DECLARE_FINAL_TYPE (SgPersonasPage, sg_personas_page, SG, PERSONAS_PAGE, AdwBin)

SgSession *sg_personas_page_get_session (SgPersonasPage *self);
void       sg_personas_page_set_session (SgPersonasPage *self,
                                         SgSession *session);
/* TRUE when the project has what this step needs. */
gboolean   sg_personas_page_get_ready   (SgPersonasPage *self);

G_END_DECLS
