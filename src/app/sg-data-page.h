/* sg-data-page.h — the Data step: the project's datasets and a table of their rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sg-row-model.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_DATA_PAGE (sg_data_page_get_type ())
G_DECLARE_FINAL_TYPE (SgDataPage, sg_data_page, SG, DATA_PAGE, AdwBin)

SgSession     *sg_data_page_get_session     (SgDataPage *self);
void           sg_data_page_set_session     (SgDataPage *self,
                                             SgSession  *session);
/* The rows shown now (NULL while the project has no dataset). */
SgRowModel    *sg_data_page_get_row_model   (SgDataPage *self);
GtkColumnView *sg_data_page_get_column_view (SgDataPage *self);

/* A column's header: its name, then its kind and how many values are missing, on a second line. */
char          *sg_data_page_column_title    (const SgColumnInfo *info);

G_END_DECLS
