/* sg-row-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRowModel"

#include "sg-row.h"
#include "sg-row-model.h"

/* Enough for a screenful of every column of a wide dataset straddling a chunk boundary. */
#define MIN_CACHE_CHUNKS 16

typedef struct {
  guint64   key;    /* column << 32 | chunk */
  SgColumn *column; /* NULL when loading failed: not retried on every cell */
} CachedChunk;

struct _SgRowModel
{
  GObject        parent_instance;

  SgProject     *project;
  SgDatasetInfo *info;
  guint          n_rows;

  GQueue         lru;      /* CachedChunk *, most recently used first */
  GHashTable    *chunks;   /* key → GList * link in lru */
  guint          capacity;
  guint64        hits;
  guint64        loads;
  gboolean       warned;
};

static void sg_row_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SgRowModel, sg_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sg_row_model_list_model_init))

static void
cached_chunk_free (CachedChunk *cached)
{
  g_clear_pointer (&cached->column, sg_column_free);
  g_free (cached);
}

static GType
sg_row_model_get_item_type (GListModel *model)
{
  return SG_TYPE_ROW;
}

static guint
sg_row_model_get_n_items (GListModel *model)
{
  return SG_ROW_MODEL (model)->n_rows;
}

static gpointer
sg_row_model_get_item (GListModel *model,
                       guint       position)
{
  SgRowModel *self = SG_ROW_MODEL (model);

  if (position >= self->n_rows)
    return NULL;
  return sg_row_new (position);
}

static void
sg_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sg_row_model_get_item_type;
  iface->get_n_items = sg_row_model_get_n_items;
  iface->get_item = sg_row_model_get_item;
}

static void
sg_row_model_finalize (GObject *object)
{
  SgRowModel *self = SG_ROW_MODEL (object);

  g_queue_clear_full (&self->lru, (GDestroyNotify) cached_chunk_free);
  g_clear_pointer (&self->chunks, g_hash_table_unref);
  g_clear_pointer (&self->info, sg_dataset_info_free);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (sg_row_model_parent_class)->finalize (object);
}

static void
sg_row_model_class_init (SgRowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_row_model_finalize;
}

static void
sg_row_model_init (SgRowModel *self)
{
  g_queue_init (&self->lru);
  self->chunks = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->capacity = MIN_CACHE_CHUNKS;
}

SgRowModel *
sg_row_model_new (SgProject  *project,
                  gint64      dataset_id,
                  GError    **error)
{
  g_autoptr(SgRowModel) self = NULL;
  SgDatasetInfo *info;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  info = sg_project_get_dataset (project, dataset_id, error);
  if (info == NULL)
    return NULL;

  self = g_object_new (SG_TYPE_ROW_MODEL, NULL);
  self->project = g_object_ref (project);
  self->info = info;
  self->n_rows = (guint) MIN (info->n_rows, G_MAXUINT);
  /* Two chunks per column: a screen that straddles a chunk boundary needs both. */
  self->capacity = MAX (MIN_CACHE_CHUNKS, 2 * info->columns->len + 4);
  return g_steal_pointer (&self);
}

gint64
sg_row_model_get_dataset_id (SgRowModel *self)
{
  g_return_val_if_fail (SG_IS_ROW_MODEL (self), 0);

  return self->info->id;
}

guint
sg_row_model_get_n_columns (SgRowModel *self)
{
  g_return_val_if_fail (SG_IS_ROW_MODEL (self), 0);

  return self->info->columns->len;
}

const SgColumnInfo *
sg_row_model_get_column_info (SgRowModel *self,
                              guint       column)
{
  g_return_val_if_fail (SG_IS_ROW_MODEL (self), NULL);
  g_return_val_if_fail (column < self->info->columns->len, NULL);

  return g_ptr_array_index (self->info->columns, column);
}

static void
evict_to (SgRowModel *self,
          guint       size)
{
  while (self->lru.length > size)
    {
      CachedChunk *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->chunks, &oldest->key);
      cached_chunk_free (oldest);
    }
}

static const SgColumn *
lookup_chunk (SgRowModel *self,
              guint       column,
              guint       chunk)
{
  guint64 key = ((guint64) column << 32) | chunk;
  GList *link = g_hash_table_lookup (self->chunks, &key);
  g_autoptr(GError) error = NULL;
  CachedChunk *cached;

  if (link != NULL)
    {
      self->hits++;
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return ((CachedChunk *) link->data)->column;
    }

  cached = g_new0 (CachedChunk, 1);
  cached->key = key;
  cached->column = sg_project_load_chunk (self->project, self->info->id, column, chunk, &error);
  self->loads++;
  if (cached->column == NULL && !self->warned)
    {
      /* Shown once: every cell of a damaged chunk would repeat it. */
      g_warning ("Could not read dataset %s: %s", self->info->name, error->message);
      self->warned = TRUE;
    }

  evict_to (self, self->capacity - 1);
  g_queue_push_head (&self->lru, cached);
  g_hash_table_insert (self->chunks, &cached->key, self->lru.head);
  return cached->column;
}

char *
sg_row_model_dup_value (SgRowModel *self,
                        guint       row,
                        guint       column)
{
  const SgColumn *chunk;
  guint offset = row % SG_PROJECT_CHUNK_ROWS;

  g_return_val_if_fail (SG_IS_ROW_MODEL (self), NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);
  g_return_val_if_fail (column < self->info->columns->len, NULL);

  chunk = lookup_chunk (self, column, row / SG_PROJECT_CHUNK_ROWS);
  if (chunk == NULL || offset >= sg_column_get_n_rows (chunk) || sg_column_is_missing (chunk, offset))
    return NULL;
  return sg_column_format_value (chunk, offset);
}

void
sg_row_model_set_cache_capacity (SgRowModel *self,
                                 guint       n_chunks)
{
  g_return_if_fail (SG_IS_ROW_MODEL (self));

  self->capacity = MAX (n_chunks, 1);
  evict_to (self, self->capacity);
}

guint
sg_row_model_get_cache_capacity (SgRowModel *self)
{
  g_return_val_if_fail (SG_IS_ROW_MODEL (self), 0);

  return self->capacity;
}

void
sg_row_model_get_cache_stats (SgRowModel *self,
                              guint64    *hits,
                              guint64    *loads,
                              guint      *n_cached)
{
  g_return_if_fail (SG_IS_ROW_MODEL (self));

  if (hits != NULL)
    *hits = self->hits;
  if (loads != NULL)
    *loads = self->loads;
  if (n_cached != NULL)
    *n_cached = self->lru.length;
}
