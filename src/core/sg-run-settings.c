/* sg-run-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-run-settings.h"

static const char *const algorithm_names[SG_N_ALGORITHMS] = { "kmeans", "gmm", "dbscan", "hierarchical" };
static const char *const covariance_names[] = { "full", "diag", "spherical" };
static const char *const linkage_names[] = { "ward", "average", "complete", "single" };

static gboolean
lookup_name (const char *const *names,
             guint              n,
             const char        *name,
             guint             *index)
{
  for (guint i = 0; i < n && name != NULL; i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sg_algorithm_to_string (SgAlgorithm algorithm)
{
  g_return_val_if_fail (algorithm < SG_N_ALGORITHMS, NULL);
  return algorithm_names[algorithm];
}

gboolean
sg_algorithm_from_string (const char  *name,
                          SgAlgorithm *algorithm)
{
  guint i;

  if (g_strcmp0 (name, "k-means") == 0 || g_strcmp0 (name, "ward") == 0)
    name = g_str_equal (name, "ward") ? "hierarchical" : "kmeans";
  if (!lookup_name (algorithm_names, SG_N_ALGORITHMS, name, &i))
    return FALSE;
  *algorithm = i;
  return TRUE;
}

const char *
sg_algorithm_get_label (SgAlgorithm algorithm)
{
  switch (algorithm)
    {
    case SG_ALGORITHM_KMEANS: return _("K-means");
    case SG_ALGORITHM_GMM: return _("Gaussian mixture");
    case SG_ALGORITHM_DBSCAN: return _("Density-based (DBSCAN)");
    case SG_ALGORITHM_HIERARCHICAL: return _("Hierarchical (Ward)");
    case SG_N_ALGORITHMS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
sg_algorithm_get_description (SgAlgorithm algorithm)
{
  switch (algorithm)
    {
    case SG_ALGORITHM_KMEANS:
      return _("Splits customers into groups of similar size around typical profiles. Fast and easy to explain.");
    case SG_ALGORITHM_GMM:
      return _("Like k-means, but groups may be stretched or overlap, and each customer gets a confidence.");
    case SG_ALGORITHM_DBSCAN:
      return _("Finds dense groups of any shape by itself and leaves unusual customers unassigned.");
    case SG_ALGORITHM_HIERARCHICAL:
      return _("Builds a family tree of customers, merging the most similar groups step by step.");
    case SG_N_ALGORITHMS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
sg_algorithm_takes_k (SgAlgorithm algorithm)
{
  return algorithm != SG_ALGORITHM_DBSCAN;
}

const char *
sg_covariance_to_string (SgCovarianceType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (covariance_names), NULL);
  return covariance_names[type];
}

gboolean
sg_covariance_from_string (const char       *name,
                           SgCovarianceType *type)
{
  guint i;

  if (!lookup_name (covariance_names, G_N_ELEMENTS (covariance_names), name, &i))
    return FALSE;
  *type = i;
  return TRUE;
}

const char *
sg_linkage_to_string (SgLinkage linkage)
{
  g_return_val_if_fail ((guint) linkage < G_N_ELEMENTS (linkage_names), NULL);
  return linkage_names[linkage];
}

gboolean
sg_linkage_from_string (const char *name,
                        SgLinkage  *linkage)
{
  guint i;

  if (!lookup_name (linkage_names, G_N_ELEMENTS (linkage_names), name, &i))
    return FALSE;
  *linkage = i;
  return TRUE;
}

void
sg_run_settings_init (SgRunSettings *settings)
{
  *settings = (SgRunSettings) {
    .algorithm = SG_ALGORITHM_KMEANS,
    .k_min = 2,
    .k_max = 12,
    .min_share = 0.01,
    .scaling = SG_SCALING_ZSCORE,
    .n_init = 0,
    .covariance = SG_COVARIANCE_FULL,
    .min_samples = 5,
    .linkage = SG_LINKAGE_WARD,
  };
}

void
sg_run_settings_clear (SgRunSettings *settings)
{
  g_clear_pointer (&settings->name, g_free);
  g_clear_pointer (&settings->features, g_strfreev);
  g_clear_pointer (&settings->log1p, g_strfreev);
}

void
sg_run_settings_copy (SgRunSettings       *dest,
                      const SgRunSettings *src)
{
  *dest = *src;
  dest->name = g_strdup (src->name);
  dest->features = g_strdupv (src->features);
  dest->log1p = g_strdupv (src->log1p);
}

static void
add_strv (JsonBuilder *builder,
          const char  *member,
          GStrv        values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

JsonNode *
sg_run_settings_to_json (const SgRunSettings *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  char seed[32];

  json_builder_begin_object (b);
  if (s->name != NULL)
    {
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
    }
  json_builder_set_member_name (b, "dataset_id");
  json_builder_add_int_value (b, s->dataset_id);
  add_strv (b, "features", s->features);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, sg_algorithm_to_string (s->algorithm));
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, s->k);
  json_builder_set_member_name (b, "k_min");
  json_builder_add_int_value (b, s->k_min);
  json_builder_set_member_name (b, "k_max");
  json_builder_add_int_value (b, s->k_max);
  json_builder_set_member_name (b, "min_share");
  json_builder_add_double_value (b, s->min_share);
  json_builder_set_member_name (b, "scaling");
  json_builder_add_string_value (b, sg_scaling_to_string (s->scaling));
  add_strv (b, "log1p", s->log1p);
  /* A 64-bit seed does not fit a JSON number exactly everywhere: keep it as text. */
  json_builder_set_member_name (b, "seed");
  g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, s->seed);
  json_builder_add_string_value (b, seed);
  json_builder_set_member_name (b, "n_init");
  json_builder_add_int_value (b, s->n_init);
  json_builder_set_member_name (b, "max_iter");
  json_builder_add_int_value (b, s->max_iter);
  json_builder_set_member_name (b, "minibatch");
  json_builder_add_boolean_value (b, s->minibatch);
  json_builder_set_member_name (b, "covariance");
  json_builder_add_string_value (b, sg_covariance_to_string (s->covariance));
  json_builder_set_member_name (b, "eps");
  json_builder_add_double_value (b, s->eps);
  json_builder_set_member_name (b, "min_samples");
  json_builder_add_int_value (b, s->min_samples);
  json_builder_set_member_name (b, "linkage");
  json_builder_add_string_value (b, sg_linkage_to_string (s->linkage));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static GStrv
get_strv (JsonObject *object,
          const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!json_object_has_member (object, member))
    return NULL;
  array = json_object_get_array_member (object, member);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static gboolean
bad_setting (GError    **error,
             const char *member,
             const char *value)
{
  g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Unknown %s “%s” in the run settings"), member, value);
  return FALSE;
}

/* Written as text (a 64-bit seed does not survive a JSON double), but a hand-written or older file may
 * hold a number: take either. */
static guint64
seed_from_json (JsonObject *o)
{
  JsonNode *node = json_object_get_member (o, "seed");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoull (json_node_get_string (node), NULL, 10);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (guint64) json_node_get_int (node);
  return (guint64) json_node_get_double (node);
}

gboolean
sg_run_settings_from_json (JsonNode       *node,
                           SgRunSettings  *s,
                           GError        **error)
{
  JsonObject *o;
  const char *text;

  sg_run_settings_init (s);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The run settings are not a JSON object"));
      return FALSE;
    }
  o = json_node_get_object (node);
  s->name = g_strdup (json_object_get_string_member_with_default (o, "name", NULL));
  s->dataset_id = json_object_get_int_member_with_default (o, "dataset_id", 0);
  s->features = get_strv (o, "features");
  s->log1p = get_strv (o, "log1p");
  s->k = json_object_get_int_member_with_default (o, "k", 0);
  s->k_min = json_object_get_int_member_with_default (o, "k_min", 2);
  s->k_max = json_object_get_int_member_with_default (o, "k_max", 12);
  s->min_share = json_object_get_double_member_with_default (o, "min_share", 0.01);
  s->seed = seed_from_json (o);
  s->n_init = json_object_get_int_member_with_default (o, "n_init", 0);
  s->max_iter = json_object_get_int_member_with_default (o, "max_iter", 0);
  s->minibatch = json_object_get_boolean_member_with_default (o, "minibatch", FALSE);
  s->eps = json_object_get_double_member_with_default (o, "eps", 0.0);
  s->min_samples = json_object_get_int_member_with_default (o, "min_samples", 5);

  text = json_object_get_string_member_with_default (o, "algorithm", "kmeans");
  if (!sg_algorithm_from_string (text, &s->algorithm))
    return bad_setting (error, "algorithm", text);
  text = json_object_get_string_member_with_default (o, "scaling", "zscore");
  if (!sg_scaling_from_string (text, &s->scaling))
    return bad_setting (error, "scaling", text);
  text = json_object_get_string_member_with_default (o, "covariance", "full");
  if (!sg_covariance_from_string (text, &s->covariance))
    return bad_setting (error, "covariance", text);
  text = json_object_get_string_member_with_default (o, "linkage", "ward");
  if (!sg_linkage_from_string (text, &s->linkage))
    return bad_setting (error, "linkage", text);
  return TRUE;
}
