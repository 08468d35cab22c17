/* sg-export-page.h — the Export step: customer lists, the stakeholder report and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the session's current run: customer lists as CSV (one per segment or one with a segment column;
 * the columns the user ticks — id, e-mail and name found and ticked first — then segment, persona,
 * objective and control; UTF-8 with a BOM for Excel; comma, semicolon or tab; ids pseudonymised on
 * request; control-group customers flagged or left out), the stakeholder report as a PDF and the run as
 * JSON. Each export runs on a worker thread with progress and Cancel, and ends with a toast that opens
 * what was written; the engine writes beside the final names and renames, so nothing is ever left half
 * written. Without a run the page says why and links to the Segment step.
 *
 * Actions (group "export"): lists, json, report (each asks where), cancel, open-uri(s).
 */
#pragma once

#include <adwaita.h>

#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_EXPORT_PAGE (sg_export_page_get_type ())
G_DECLARE_FINAL_TYPE (SgExportPage, sg_export_page, SG, EXPORT_PAGE, AdwBin)

SgSession  *sg_export_page_get_session (SgExportPage *self);
void        sg_export_page_set_session (SgExportPage *self,
                                        SgSession    *session);
/* TRUE when the project has what this step needs. */
gboolean    sg_export_page_get_ready   (SgExportPage *self);

/* What the chooser's answer starts (tests call these with a path of their own). */
void        sg_export_page_export_lists  (SgExportPage *self,
                                          GFile        *folder);
void        sg_export_page_export_json   (SgExportPage *self,
                                          GFile        *file);
void        sg_export_page_create_report (SgExportPage *self,
                                          GFile        *file);
/* An export runs, or the suggested columns are still being found. */
gboolean    sg_export_page_get_busy      (SgExportPage *self);
/* How the last export ended, in the words shown to the user (NULL before the first). */
const char *sg_export_page_get_last_message (SgExportPage *self);
gboolean    sg_export_page_get_last_failed  (SgExportPage *self);
/* The tick of a dataset column in the Columns list, or NULL. */
GtkCheckButton *sg_export_page_get_column_check (SgExportPage *self,
                                                 const char   *column);

/* "Exported 5 customer lists (1,960 customers, 196 of them in control groups) to “exports”." */
char       *sg_export_page_describe_lists (GPtrArray    *files,
                                           const char   *folder_name,
                                           gboolean      control_skipped);

G_END_DECLS
