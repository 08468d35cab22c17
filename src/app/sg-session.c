/* sg-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSession"

#include "sg-session.h"

struct _SgSession
{
  GObject    parent_instance;

  SgProject *project;
  GPtrArray *datasets;   /* SgDatasetInfo */
  gint64     dataset_id;
  GPtrArray *runs;       /* SgRunInfo, newest first */
  gint64     run_id;
};

G_DEFINE_FINAL_TYPE (SgSession, sg_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_DATASET_ID,
  PROP_RUN_ID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sg_session_finalize (GObject *object)
{
  SgSession *self = SG_SESSION (object);

  g_clear_pointer (&self->datasets, g_ptr_array_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (sg_session_parent_class)->finalize (object);
}

static void
sg_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SgSession *self = SG_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_DATASET_ID:
      g_value_set_int64 (value, self->dataset_id);
      break;
    case PROP_RUN_ID:
      g_value_set_int64 (value, self->run_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SgSession *self = SG_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    case PROP_DATASET_ID:
      sg_session_set_dataset_id (self, g_value_get_int64 (value));
      break;
    case PROP_RUN_ID:
      sg_session_set_run_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_session_class_init (SgSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_session_finalize;
  object_class->get_property = sg_session_get_property;
  object_class->set_property = sg_session_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, SG_TYPE_PROJECT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATASET_ID] =
    g_param_spec_int64 ("dataset-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUN_ID] =
    g_param_spec_int64 ("run-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgSession::changed:
   *
   * Datasets or runs were added, renamed or removed; sg_session_get_datasets() has the new list.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sg_session_init (SgSession *self)
{
  self->datasets = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_dataset_info_free);
  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_run_info_free);
}

SgSession *
sg_session_new (SgProject *project)
{
  g_autoptr(SgSession) self = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  self = g_object_new (SG_TYPE_SESSION, "project", project, NULL);
  /* A project that opened but whose lists cannot be read is shown empty; the reason is logged. */
  if (!sg_session_reload (self, &error))
    g_warning ("Could not list the project’s contents: %s", error->message);
  return g_steal_pointer (&self);
}

SgProject *
sg_session_get_project (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  return self->project;
}

char *
sg_session_dup_title (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  return sg_project_dup_title (self->project);
}

GPtrArray *
sg_session_get_datasets (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  return self->datasets;
}

guint
sg_session_get_n_datasets (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), 0);

  return self->datasets->len;
}

SgDatasetInfo *
sg_session_lookup_dataset (SgSession *self,
                           gint64     dataset_id)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  for (guint i = 0; i < self->datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (self->datasets, i);

      if (info->id == dataset_id)
        return info;
    }
  return NULL;
}

gint64
sg_session_get_dataset_id (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), 0);

  return self->dataset_id;
}

void
sg_session_set_dataset_id (SgSession *self,
                           gint64     dataset_id)
{
  g_return_if_fail (SG_IS_SESSION (self));
  g_return_if_fail (dataset_id == 0 || sg_session_lookup_dataset (self, dataset_id) != NULL);

  if (self->dataset_id == dataset_id)
    return;
  self->dataset_id = dataset_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET_ID]);
}

SgDatasetInfo *
sg_session_get_dataset (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  return sg_session_lookup_dataset (self, self->dataset_id);
}

guint
sg_session_get_n_runs (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), 0);

  return self->runs->len;
}

GPtrArray *
sg_session_get_runs (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  return self->runs;
}

SgRunInfo *
sg_session_lookup_run (SgSession *self,
                       gint64     run_id)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  for (guint i = 0; i < self->runs->len; i++)
    {
      SgRunInfo *info = g_ptr_array_index (self->runs, i);

      if (info->id == run_id)
        return info;
    }
  return NULL;
}

gint64
sg_session_get_run_id (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), 0);

  return self->run_id;
}

void
sg_session_set_run_id (SgSession *self,
                       gint64     run_id)
{
  g_return_if_fail (SG_IS_SESSION (self));
  g_return_if_fail (run_id == 0 || sg_session_lookup_run (self, run_id) != NULL);

  if (self->run_id == run_id)
    return;
  self->run_id = run_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_ID]);
}

SgRunInfo *
sg_session_get_run (SgSession *self)
{
  g_return_val_if_fail (SG_IS_SESSION (self), NULL);

  return sg_session_lookup_run (self, self->run_id);
}

gboolean
sg_session_reload (SgSession  *self,
                   GError    **error)
{
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  gint64 keep, keep_run, newest_before;

  g_return_val_if_fail (SG_IS_SESSION (self), FALSE);

  datasets = sg_project_list_datasets (self->project, error);
  if (datasets == NULL)
    return FALSE;
  runs = sg_project_list_runs (self->project, 0, error);
  if (runs == NULL)
    return FALSE;

  g_ptr_array_unref (self->datasets);
  self->datasets = g_steal_pointer (&datasets);
  newest_before = self->runs->len > 0 ? ((SgRunInfo *) g_ptr_array_index (self->runs, 0))->id : 0;
  g_ptr_array_unref (self->runs);
  self->runs = g_steal_pointer (&runs);

  keep = self->dataset_id;
  if (sg_session_lookup_dataset (self, keep) == NULL)
    {
      /* The first one: usually the customers, imported before their purchases. */
      SgDatasetInfo *first = self->datasets->len > 0 ? g_ptr_array_index (self->datasets, 0) : NULL;

      self->dataset_id = first != NULL ? first->id : 0;
    }

  keep_run = self->run_id;
  if (self->runs->len > 0)
    {
      gint64 newest = ((SgRunInfo *) g_ptr_array_index (self->runs, 0))->id;

      /* A run made since the last reload is what the user wants to see next. */
      if (newest > newest_before || sg_session_lookup_run (self, keep_run) == NULL)
        self->run_id = newest;
    }
  else
    self->run_id = 0;

  g_signal_emit (self, signals[CHANGED], 0);
  if (keep != self->dataset_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET_ID]);
  if (keep_run != self->run_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_ID]);
  return TRUE;
}
