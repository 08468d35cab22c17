/* sg-prep-util.h — small helpers shared by the data-preparation files (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Sentences collected into a GStrv (GStrvBuilder's take() needs GLib 2.80). */
static inline GPtrArray *
sg_lines_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static inline void
sg_lines_take (GPtrArray *lines,
               char      *line)
{
  g_ptr_array_add (lines, line);
}

static inline GStrv
sg_lines_end (GPtrArray *lines)
{
  g_ptr_array_set_free_func (lines, NULL);
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}

/* @node as compact (or pretty) JSON text; takes @node. */
static inline char *
sg_json_take_to_string (JsonNode *node,
                        gboolean  pretty)
{
  JsonGenerator *generator = json_generator_new ();
  char *text;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_object_unref (generator);
  json_node_unref (node);
  return text;
}

G_END_DECLS
