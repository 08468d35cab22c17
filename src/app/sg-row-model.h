/* sg-row-model.h — a dataset of a project as a GListModel of rows, for GtkColumnView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * n_items is the dataset's row count; items (SgRow) are made when asked for. Cell values are read
 * through a least-recently-used cache of column chunks (SG_PROJECT_CHUNK_ROWS rows of one column,
 * loaded with sg_project_load_chunk), so scrolling a million rows touches only the chunks on screen.
 * Uses the project's main-thread connection: main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "sg-project.h"

G_BEGIN_DECLS

#define SG_TYPE_ROW_MODEL (sg_row_model_get_type ())
G_DECLARE_FINAL_TYPE (SgRowModel, sg_row_model, SG, ROW_MODEL, GObject)

SgRowModel         *sg_row_model_new                (SgProject   *project,
                                                     gint64       dataset_id,
                                                     GError     **error);
gint64              sg_row_model_get_dataset_id     (SgRowModel  *self);
guint               sg_row_model_get_n_columns      (SgRowModel  *self);
const SgColumnInfo *sg_row_model_get_column_info    (SgRowModel  *self,
                                                     guint        column);
/* The value as a person reads it (see sg_column_format_value); NULL when it is missing or could not be
 * read. */
char               *sg_row_model_dup_value          (SgRowModel  *self,
                                                     guint        row,
                                                     guint        column);
/* How many column chunks the cache holds at most (at least 1). */
void                sg_row_model_set_cache_capacity (SgRowModel  *self,
                                                     guint        n_chunks);
guint               sg_row_model_get_cache_capacity (SgRowModel  *self);
/* Lookups answered from the cache, chunks loaded, chunks held now. */
void                sg_row_model_get_cache_stats    (SgRowModel  *self,
                                                     guint64     *hits,
                                                     guint64     *loads,
                                                     guint       *n_cached);

G_END_DECLS
