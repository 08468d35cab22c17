/* sg-json-read.h — reading stored JSON defensively: a missing member, or one of the wrong type, reads
 * as NULL, NaN or the fallback given, never as a critical warning (internal helpers, not public API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The document in @text (a new node), or NULL when @text is NULL, empty or not JSON. */
static inline JsonNode *
sg_json_parse (const char *text)
{
  JsonParser *parser;
  JsonNode *root = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, text, -1, NULL) && json_parser_get_root (parser) != NULL)
    root = json_node_copy (json_parser_get_root (parser));
  g_object_unref (parser);
  return root;
}

static inline JsonObject *
sg_json_node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A number (integer or double), else NaN. */
static inline double
sg_json_node_double (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (type == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return NAN;
}

/* Member @name of @object (which may be NULL), or NULL. */
static inline JsonNode *
sg_json_member (JsonObject *object,
                const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static inline JsonObject *
sg_json_member_object (JsonObject *object,
                       const char *name)
{
  return sg_json_node_object (sg_json_member (object, name));
}

static inline JsonArray *
sg_json_member_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = sg_json_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A number, else NaN. */
static inline double
sg_json_member_double (JsonObject *object,
                       const char *name)
{
  return sg_json_node_double (sg_json_member (object, name));
}

/* A number, truncated to an integer, else @fallback. */
static inline gint64
sg_json_member_int (JsonObject *object,
                    const char *name,
                    gint64      fallback)
{
  double value = sg_json_member_double (object, name);

  return isnan (value) ? fallback : (gint64) value;
}

static inline const char *
sg_json_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = sg_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline gboolean
sg_json_member_bool (JsonObject *object,
                     const char *name,
                     gboolean    fallback)
{
  JsonNode *node = sg_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

/* Element @index of @array when it is an object, else NULL. */
static inline JsonObject *
sg_json_element_object (JsonArray *array,
                        guint      index)
{
  return sg_json_node_object (json_array_get_element (array, index));
}

G_END_DECLS
