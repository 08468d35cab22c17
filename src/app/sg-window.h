/* sg-window.h — a Segmenta window: one project and its six workflow steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sg-application.h"
#include "sg-project.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_WINDOW (sg_window_get_type ())
G_DECLARE_FINAL_TYPE (SgWindow, sg_window, SG, WINDOW, AdwApplicationWindow)

SgWindow  *sg_window_new          (SgApplication *application);
/* Opens @file (a .segmenta project) in this window, replacing the open project; reports problems in the
 * window (a vanished file is also removed from the recent projects). */
void       sg_window_open_project (SgWindow      *self,
                                   GFile         *file);
/* Shows @project (already open) in this window and adds it to the recent projects. */
void       sg_window_set_project  (SgWindow      *self,
                                   SgProject     *project);
/* Starts importing a CSV file into this window's project; without a project, asks to create one first.
 * Several files are imported one after the other. */
void       sg_window_import_file  (SgWindow      *self,
                                   GFile         *file);
gboolean   sg_window_has_project  (SgWindow      *self);
/* TRUE if this window shows the project in @file. */
gboolean   sg_window_is_showing   (SgWindow      *self,
                                   GFile         *file);
/* The open project, or NULL. */
SgSession *sg_window_get_session  (SgWindow      *self);
/* Switches to a workflow step: "data", "prepare", "segment", "segments", "personas", "export". */
void       sg_window_show_step    (SgWindow      *self,
                                   const char    *step);
/* Opens Personas & Playbooks on segment @idx of the session's current run. */
void       sg_window_show_persona  (SgWindow      *self,
                                    guint          idx);
void       sg_window_add_toast     (SgWindow      *self,
                                    const char    *message);

G_END_DECLS
