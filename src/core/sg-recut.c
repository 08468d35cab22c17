/* sg-recut.c — a hierarchical run's tree cut at another number of segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-error.h"
#include "sg-recut.h"
#include "sg-segmenter.h"

static JsonNode *
parse_json (const char  *text,
            const char  *what,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The run’s %s cannot be read"), what);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* The stored run still describes the dataset: the same rows were left out as when it was made. */
static gboolean
check_rows (SgProject         *project,
            const SgRunInfo   *run,
            const SgRunInput  *input,
            GError           **error)
{
  g_autofree gint32 *labels = NULL;
  gsize n_labels = 0, next = 0;

  labels = sg_project_load_run_labels (project, run->id, &n_labels, error);
  if (labels == NULL)
    return FALSE;
  for (gsize r = 0; r < n_labels && n_labels == input->n_table_rows; r++)
    {
      gboolean kept = next < input->kept_rows->len && g_array_index (input->kept_rows, guint, next) == r;

      if (kept != (labels[r] != SG_LABEL_EXCLUDED))
        break;
      next += kept;
    }
  if (n_labels != input->n_table_rows || next != input->kept_rows->len)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Run “%s” no longer matches its dataset: make a new run instead of re-cutting it"), run->name);
      return FALSE;
    }
  return TRUE;
}

/* Each matrix row's leaf: its stored micro-cluster in a two-stage tree, else the row itself. */
static gint32 *
row_leaves (SgProject         *project,
            const SgRunInfo   *run,
            const SgRunInput  *input,
            gboolean           two_stage,
            gsize              n_leaves,
            GError           **error)
{
  gsize n = input->x->n_rows, n_bytes = 0;
  g_autofree gint32 *stored = NULL;
  g_autofree gint32 *leaves = g_new (gint32, MAX (n, 1));

  if (!two_stage)
    {
      if (n_leaves != n)
        goto mismatch;
      for (gsize i = 0; i < n; i++)
        leaves[i] = (gint32) i;
      return g_steal_pointer (&leaves);
    }
  stored = sg_project_load_run_array (project, run->id, "leaf", &n_bytes, error);
  if (stored == NULL)
    return NULL;
  if (n_bytes != input->n_table_rows * sizeof (gint32))
    goto mismatch;
  for (gsize i = 0; i < n; i++)
    {
      leaves[i] = stored[g_array_index (input->kept_rows, guint, i)];
      if (leaves[i] < 0 || (gsize) leaves[i] >= n_leaves)
        goto mismatch;
    }
  return g_steal_pointer (&leaves);

mismatch:
  g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT, _("The tree stored with run “%s” does not fit its rows"), run->name);
  return NULL;
}

/* The stored tree as a dendrogram over the rows of @input. */
static SgDendrogram *
load_tree (SgProject            *project,
           const SgRunInfo      *run,
           const SgRunSettings  *settings,
           JsonObject           *model,
           const SgRunInput     *input,
           GError              **error)
{
  g_autoptr(SgDendrogram) tree = g_new0 (SgDendrogram, 1);
  JsonObject *fitted = json_object_get_object_member (model, "hierarchical");
  gsize n_bytes = 0;

  tree->merges = sg_project_load_run_array (project, run->id, "merges", &n_bytes, error);
  if (tree->merges == NULL)
    return NULL;
  if (n_bytes == 0 || n_bytes % sizeof (SgMerge) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT, _("The tree stored with run “%s” is damaged"), run->name);
      return NULL;
    }
  tree->linkage = settings->linkage;
  tree->n_rows = input->x->n_rows;
  tree->n_leaves = n_bytes / sizeof (SgMerge) + 1;
  tree->two_stage = fitted != NULL && json_object_get_boolean_member_with_default (fitted, "two_stage", FALSE);
  for (gsize i = 0; i + 1 < tree->n_leaves; i++)
    {
      const SgMerge *m = &tree->merges[i];

      if (m->a < 0 || m->b < 0 || (gsize) m->a >= tree->n_leaves + i || (gsize) m->b >= tree->n_leaves + i)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT, _("The tree stored with run “%s” is damaged"), run->name);
          return NULL;
        }
    }
  tree->row_leaf = row_leaves (project, run, input, tree->two_stage, tree->n_leaves, error);
  if (tree->row_leaf == NULL)
    return NULL;
  return g_steal_pointer (&tree);
}

static gboolean
check_run (const SgRunInfo *run,
           GError         **error)
{
  if (g_strcmp0 (run->algorithm, sg_algorithm_to_string (SG_ALGORITHM_HIERARCHICAL)) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Run “%s” was not made by hierarchical clustering: only a tree can be re-cut"), run->name);
      return FALSE;
    }
  return TRUE;
}

gint64
sg_recut_run (SgProject   *project,
              gint64       run_id,
              guint        k,
              SgProgress  *progress,
              GError     **error)
{
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(JsonNode) settings_json = NULL, model = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunInput) input = NULL;
  g_autoptr(SgDendrogram) tree = NULL;
  g_autoptr(SgClustering) c = NULL;
  JsonNode *fitted;
  SgProgress measure_part = sg_progress_sub (progress, 0.3, 0.8);
  SgProgress store_part = sg_progress_sub (progress, 0.8, 1.0);
  gint32 *labels;

  g_return_val_if_fail (SG_IS_PROJECT (project), 0);

  sg_progress_report (progress, 0.0, _("Reading the run"));
  run = sg_project_get_run (project, run_id, error);
  if (run == NULL || !check_run (run, error))
    return 0;
  settings_json = parse_json (run->settings, _("settings"), error);
  model = settings_json != NULL ? parse_json (run->model, _("model"), error) : NULL;
  if (model == NULL || !sg_run_settings_from_json (settings_json, &settings, error))
    return 0;

  sg_progress_report (progress, 0.05, _("Reading the features"));
  input = sg_run_input_load (project, &settings, error);
  if (input == NULL || !check_rows (project, run, input, error) || !sg_progress_check (progress, error))
    return 0;
  tree = load_tree (project, run, &settings, json_node_get_object (model), input, error);
  if (tree == NULL)
    return 0;
  if (k < 2 || k > tree->n_leaves)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("The tree of run “%s” can be cut into 2 to %zu segments, not %u"),
                   run->name, tree->n_leaves, k);
      return 0;
    }

  sg_progress_report (progress, 0.25, _("Cutting the tree"));
  labels = sg_dendrogram_cut_k (tree, k, error);
  if (labels == NULL)
    return 0;
  c = sg_clustering_from_labels (input->x, &settings, labels, k, &measure_part, error);
  if (c == NULL)
    return 0;
  /* The fitted part of the model (linkage, two stages, leaves) is the same tree's. */
  fitted = json_object_get_member (json_node_get_object (model), "hierarchical");
  c->model = fitted != NULL ? json_node_copy (fitted) : json_node_init_object (json_node_alloc (), json_object_new ());
  c->dendrogram = g_steal_pointer (&tree);

  settings.k = k;
  g_free (settings.name);
  settings.name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u segment (re-cut)",
                                                "%s · %u segments (re-cut)", k),
                                   sg_algorithm_get_label (SG_ALGORITHM_HIERARCHICAL), k);
  sg_progress_report (progress, 0.8, _("Saving the segments"));
  return sg_store_clustering (project, &settings, input, c, &store_part, error);
}

/* ---- on a worker thread ---- */

typedef struct {
  SgProject *project;   /* the worker's own connection */
  gint64     run_id;
  guint      k;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->project);
  g_free (job);
}

static gpointer
recut_work (gpointer     data,
            SgProgress  *progress,
            GError     **error)
{
  Job *job = data;
  gint64 id = sg_recut_run (job->project, job->run_id, job->k, progress, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

void
sg_recut_run_async (SgProject           *project,
                    gint64               run_id,
                    guint                k,
                    GCancellable        *cancellable,
                    SgProgressFunc       progress_func,
                    gpointer             progress_data,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) connection = NULL;
  Job *job;

  g_return_if_fail (SG_IS_PROJECT (project));

  connection = sg_project_reopen (project, &error);
  if (connection == NULL)
    {
      g_task_report_error (project, callback, user_data, sg_recut_run_async, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (Job, 1);
  job->project = g_steal_pointer (&connection);
  job->run_id = run_id;
  job->k = k;
  sg_async_run (project, sg_recut_run_async, recut_work, job, (GDestroyNotify) job_free, g_free, cancellable,
                progress_func, progress_data, callback, user_data);
}

gint64
sg_recut_run_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_autofree gint64 *id = sg_async_finish (result, sg_recut_run_async, error);

  return id != NULL ? *id : 0;
}
