/* sg-derive-panel.h — the Prepare page's first part: a table of purchases (and optionally a customer
 * table) turned into one row of features per customer, with what was left out and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns are recognised from their names (sg_transaction_roles_guess_for_dataset()) and can be
 * changed. Building runs sg_derive_dataset_async(); the new "derived" dataset becomes the session's
 * current one. Its buttons use the page's actions prepare.build-features and prepare.cancel-build.
 */
#pragma once

#include <adwaita.h>

#include "sg-derive.h"
#include "sg-prepare-analysis.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_DERIVE_PANEL (sg_derive_panel_get_type ())
G_DECLARE_FINAL_TYPE (SgDerivePanel, sg_derive_panel, SG, DERIVE_PANEL, AdwBin)

void       sg_derive_panel_set_session   (SgDerivePanel      *self,
                                          SgSession          *session);
/* The purchases table chosen (0: the project has none that looks like one). */
gint64     sg_derive_panel_get_transactions_id (SgDerivePanel *self);
gboolean   sg_derive_panel_set_transactions_id (SgDerivePanel *self,
                                                gint64         dataset_id);
/* The columns chosen for each role (owned by the panel). */
const SgTransactionRoles *sg_derive_panel_get_roles (SgDerivePanel *self);
gint64     sg_derive_panel_get_customers_id (SgDerivePanel *self);
const char *sg_derive_panel_get_join_column (SgDerivePanel *self);
/* TRUE when the roles needed (customer id, date, amount or price × quantity) are chosen. */
gboolean   sg_derive_panel_can_build     (SgDerivePanel      *self);
void       sg_derive_panel_build         (SgDerivePanel      *self);
void       sg_derive_panel_cancel        (SgDerivePanel      *self);
gboolean   sg_derive_panel_get_busy      (SgDerivePanel      *self);
/* Shows the report of derived dataset @dataset_id, read from the project (0: none). */
void       sg_derive_panel_show_dataset  (SgDerivePanel      *self,
                                          gint64              dataset_id);
gint64     sg_derive_panel_get_shown_id  (SgDerivePanel      *self);
/* Histograms of the new figures, when @analysis is of the dataset shown. */
void       sg_derive_panel_set_analysis  (SgDerivePanel      *self,
                                          SgPrepareAnalysis  *analysis);
/* The sentences shown under "What Was Made" (for tests). */
GStrv      sg_derive_panel_dup_report_lines (SgDerivePanel   *self);
guint      sg_derive_panel_get_n_charts  (SgDerivePanel      *self);

/* The summary a derived dataset keeps in its report JSON ({"summary": {…}}), read back. NULL with
 * @error when @json is not one. */
SgDeriveReport *sg_derive_panel_report_from_json (const char  *json,
                                                  GError     **error);

G_END_DECLS
