/* sg-persona.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored JSON (personas.data):
 *   { "version": 1, "name": "…", "tagline": "…", "color": "#rrggbb", "avatar": "🦊",
 *     "description": "…", "demographics": "…", "behaviours": "…", "goals": "…",
 *     "pain-points": "…", "opportunities": "…", "channels": ["email", "sms"] }
 * Empty fields are left out; "channels" is always there.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-enum-private.h"
#include "sg-error.h"
#include "sg-markdown.h"
#include "sg-persona.h"
#include "sg-profile.h"

#define PERSONA_FORMAT_VERSION 1

G_DEFINE_ENUM_TYPE (SgPersonaField, sg_persona_field,
  G_DEFINE_ENUM_VALUE (SG_PERSONA_NAME, "name"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_TAGLINE, "tagline"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_COLOR, "color"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_AVATAR, "avatar"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_DESCRIPTION, "description"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_DEMOGRAPHICS, "demographics"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_BEHAVIOURS, "behaviours"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_GOALS, "goals"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_PAIN_POINTS, "pain-points"),
  G_DEFINE_ENUM_VALUE (SG_PERSONA_OPPORTUNITIES, "opportunities"))

const char *
sg_persona_field_to_string (SgPersonaField field)
{
  g_return_val_if_fail (field < SG_PERSONA_N_FIELDS, NULL);
  return sg_enum_to_nick (SG_TYPE_PERSONA_FIELD, field);
}

gboolean
sg_persona_field_from_string (const char     *id,
                              SgPersonaField *field)
{
  int value;

  if (!sg_enum_from_nick (SG_TYPE_PERSONA_FIELD, id, &value))
    return FALSE;
  *field = value;
  return TRUE;
}

const char *
sg_persona_field_get_label (SgPersonaField field)
{
  switch (field)
    {
    case SG_PERSONA_NAME: return _("Name");
    case SG_PERSONA_TAGLINE: return _("Tagline");
    case SG_PERSONA_COLOR: return _("Colour");
    case SG_PERSONA_AVATAR: return _("Avatar");
    case SG_PERSONA_DESCRIPTION: return _("Description");
    case SG_PERSONA_DEMOGRAPHICS: return _("Typical demographics");
    case SG_PERSONA_BEHAVIOURS: return _("Typical behaviours");
    case SG_PERSONA_GOALS: return _("Goals and needs");
    case SG_PERSONA_PAIN_POINTS: return _("Pain points");
    case SG_PERSONA_OPPORTUNITIES: return _("Opportunities");
    case SG_PERSONA_N_FIELDS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
sg_persona_field_is_markdown (SgPersonaField field)
{
  return field >= SG_PERSONA_DESCRIPTION && field < SG_PERSONA_N_FIELDS;
}

struct _SgPersona {
  GObject       parent_instance;
  char         *fields[SG_PERSONA_N_FIELDS];
  SgChannelSet  channels;
};

G_DEFINE_FINAL_TYPE (SgPersona, sg_persona, G_TYPE_OBJECT)

/* Property ids: 1 + field, then channels. */
enum { PROP_0, PROP_CHANNELS = SG_PERSONA_N_FIELDS + 1, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
sg_persona_finalize (GObject *object)
{
  SgPersona *self = SG_PERSONA (object);

  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    g_free (self->fields[f]);
  G_OBJECT_CLASS (sg_persona_parent_class)->finalize (object);
}

static void
sg_persona_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SgPersona *self = SG_PERSONA (object);

  if (prop_id >= 1 && prop_id <= SG_PERSONA_N_FIELDS)
    g_value_set_string (value, self->fields[prop_id - 1]);
  else if (prop_id == PROP_CHANNELS)
    g_value_set_uint (value, self->channels);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sg_persona_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SgPersona *self = SG_PERSONA (object);

  if (prop_id >= 1 && prop_id <= SG_PERSONA_N_FIELDS)
    sg_persona_set_field (self, prop_id - 1, g_value_get_string (value));
  else if (prop_id == PROP_CHANNELS)
    sg_persona_set_channels (self, g_value_get_uint (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sg_persona_class_init (SgPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_persona_finalize;
  object_class->get_property = sg_persona_get_property;
  object_class->set_property = sg_persona_set_property;

  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    properties[f + 1] = g_param_spec_string (sg_persona_field_to_string (f), NULL, NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNELS] =
    g_param_spec_uint ("channels", NULL, NULL, 0, SG_CHANNEL_SET_ALL, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_persona_init (SgPersona *self)
{
}

SgPersona *
sg_persona_new (void)
{
  return g_object_new (SG_TYPE_PERSONA, NULL);
}

gboolean
sg_persona_prefill (SgPersona         *self,
                    const char *const *demographic_sentences,
                    const char *const *behaviour_sentences)
{
  g_autofree char *demographics = sg_markdown_bullets (demographic_sentences);
  g_autofree char *behaviours = sg_markdown_bullets (behaviour_sentences);
  gboolean changed = FALSE;

  g_return_val_if_fail (SG_IS_PERSONA (self), FALSE);

  if (self->fields[SG_PERSONA_DEMOGRAPHICS] == NULL && *demographics != '\0')
    {
      sg_persona_set_field (self, SG_PERSONA_DEMOGRAPHICS, demographics);
      changed = TRUE;
    }
  if (self->fields[SG_PERSONA_BEHAVIOURS] == NULL && *behaviours != '\0')
    {
      sg_persona_set_field (self, SG_PERSONA_BEHAVIOURS, behaviours);
      changed = TRUE;
    }
  return changed;
}

/* The role of feature @name in the profile's "numeric" or "categorical" lists, else a guess. */
static const char *
feature_role (JsonObject *profile,
              const char *name)
{
  const char *lists[] = { "numeric", "categorical" };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (profile, lists[l]);
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *feature;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          feature = json_node_get_object (element);
          if (g_strcmp0 (json_object_get_string_member_with_default (feature, "name", NULL), name) == 0)
            {
              const char *role = json_object_get_string_member_with_default (feature, "role", NULL);

              if (role != NULL)
                return role;
            }
        }
    }
  return sg_column_role_guess (name);
}

gboolean
sg_persona_profile_sentences (const char   *profile_json,
                              char       ***demographic_sentences,
                              char       ***behaviour_sentences)
{
  static const char *const demographic_roles[] = {
    "age", "income", "children", "gender", "country", "location", NULL,
  };
  g_autoptr(GStrvBuilder) demographics = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) behaviours = g_strv_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *profile;
  JsonNode *node;
  JsonArray *distinctive;
  guint found = 0;

  g_return_val_if_fail (demographic_sentences != NULL && behaviour_sentences != NULL, FALSE);

  root = profile_json ? json_from_string (profile_json, NULL) : NULL;
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      profile = json_node_get_object (root);
      node = json_object_get_member (profile, "distinctive");
      distinctive = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      for (guint i = 0; distinctive != NULL && i < json_array_get_length (distinctive); i++)
        {
          JsonNode *element = json_array_get_element (distinctive, i);
          JsonObject *fact;
          const char *sentence, *feature, *role;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          fact = json_node_get_object (element);
          sentence = json_object_get_string_member_with_default (fact, "sentence", NULL);
          feature = json_object_get_string_member_with_default (fact, "feature", NULL);
          if (sentence == NULL || *sentence == '\0')
            continue;
          role = feature ? feature_role (profile, feature) : NULL;
          g_strv_builder_add (role && g_strv_contains (demographic_roles, role) ? demographics : behaviours,
                              sentence);
          found++;
        }
    }
  *demographic_sentences = g_strv_builder_end (demographics);
  *behaviour_sentences = g_strv_builder_end (behaviours);
  return found > 0;
}

SgPersona *
sg_persona_new_for_segment (const SgSegmentInfo *segment,
                            const char *const   *demographic_sentences,
                            const char *const   *behaviour_sentences)
{
  SgPersona *self = sg_persona_new ();
  g_auto(GStrv) from_profile_demographics = NULL;
  g_auto(GStrv) from_profile_behaviours = NULL;

  g_return_val_if_fail (segment != NULL, self);

  if (demographic_sentences == NULL && behaviour_sentences == NULL)
    {
      sg_persona_profile_sentences (segment->profile, &from_profile_demographics, &from_profile_behaviours);
      demographic_sentences = (const char *const *) from_profile_demographics;
      behaviour_sentences = (const char *const *) from_profile_behaviours;
    }

  if (segment->name != NULL && *segment->name != '\0')
    sg_persona_set_name (self, segment->name);
  else
    {
      g_autofree char *name = g_strdup_printf (_("Segment %u"), segment->idx + 1);

      sg_persona_set_name (self, name);
    }
  sg_persona_set_field (self, SG_PERSONA_COLOR, segment->color);
  sg_persona_prefill (self, demographic_sentences, behaviour_sentences);
  return self;
}

SgPersona *
sg_persona_copy (SgPersona *self)
{
  SgPersona *copy = sg_persona_new ();

  g_return_val_if_fail (SG_IS_PERSONA (self), copy);
  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    copy->fields[f] = g_strdup (self->fields[f]);
  copy->channels = self->channels;
  return copy;
}

gboolean
sg_persona_equal (SgPersona *a,
                  SgPersona *b)
{
  g_return_val_if_fail (SG_IS_PERSONA (a) && SG_IS_PERSONA (b), FALSE);

  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    if (g_strcmp0 (a->fields[f], b->fields[f]) != 0)
      return FALSE;
  return a->channels == b->channels;
}

gboolean
sg_persona_is_empty (SgPersona *self)
{
  g_return_val_if_fail (SG_IS_PERSONA (self), TRUE);

  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    if (self->fields[f] != NULL)
      return FALSE;
  return self->channels == 0;
}

const char *
sg_persona_get_field (SgPersona      *self,
                      SgPersonaField  field)
{
  g_return_val_if_fail (SG_IS_PERSONA (self), NULL);
  g_return_val_if_fail (field < SG_PERSONA_N_FIELDS, NULL);
  return self->fields[field];
}

/* "#rgb" or "#rrggbb" (any case) → "#rrggbb"; anything else → NULL. */
static char *
normalise_color (const char *value)
{
  char color[8];
  gsize len;

  if (value == NULL)
    return NULL;
  while (g_ascii_isspace (*value))
    value++;
  len = strlen (value);
  while (len > 0 && g_ascii_isspace (value[len - 1]))
    len--;
  if (value[0] != '#' || (len != 4 && len != 7))
    return NULL;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isxdigit (value[i]))
      return NULL;
  if (len == 7)
    memcpy (color, value, 7);
  else
    for (guint i = 0; i < 6; i++)
      color[1 + i] = value[1 + i / 2];
  color[0] = '#';
  color[7] = '\0';
  return g_ascii_strdown (color, 7);
}

static char *
normalise_field (SgPersonaField  field,
                 const char     *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL || *value == '\0')
    return NULL;
  valid = g_utf8_make_valid (value, -1);
  switch (field)
    {
    case SG_PERSONA_COLOR:
      return normalise_color (valid);
    case SG_PERSONA_AVATAR:
      g_strstrip (g_strdelimit (valid, "\r\n\t", ' '));
      if (g_utf8_strlen (valid, -1) > SG_PERSONA_AVATAR_MAX_CHARS)
        *g_utf8_offset_to_pointer (valid, SG_PERSONA_AVATAR_MAX_CHARS) = '\0';
      break;
    case SG_PERSONA_NAME:
    case SG_PERSONA_TAGLINE:
      g_strdelimit (valid, "\r\n", ' ');
      break;
    default:
      break;
    }
  if (*valid == '\0')
    return NULL;
  return g_steal_pointer (&valid);
}

void
sg_persona_set_field (SgPersona      *self,
                      SgPersonaField  field,
                      const char     *value)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (SG_IS_PERSONA (self));
  g_return_if_fail (field < SG_PERSONA_N_FIELDS);

  normal = normalise_field (field, value);
  if (g_strcmp0 (normal, self->fields[field]) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = g_steal_pointer (&normal);
  g_object_notify_by_pspec (G_OBJECT (self), properties[field + 1]);
}

const char *
sg_persona_get_name (SgPersona *self)
{
  return sg_persona_get_field (self, SG_PERSONA_NAME);
}

void
sg_persona_set_name (SgPersona  *self,
                     const char *name)
{
  sg_persona_set_field (self, SG_PERSONA_NAME, name);
}

SgChannelSet
sg_persona_get_channels (SgPersona *self)
{
  g_return_val_if_fail (SG_IS_PERSONA (self), 0);
  return self->channels;
}

void
sg_persona_set_channels (SgPersona    *self,
                         SgChannelSet  channels)
{
  g_return_if_fail (SG_IS_PERSONA (self));

  channels &= SG_CHANNEL_SET_ALL;
  if (channels == self->channels)
    return;
  self->channels = channels;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNELS]);
}

char *
sg_persona_dup_avatar_text (SgPersona *self)
{
  GString *initials;
  const char *name;
  gboolean at_word = TRUE;

  g_return_val_if_fail (SG_IS_PERSONA (self), NULL);

  if (self->fields[SG_PERSONA_AVATAR] != NULL)
    return g_strdup (self->fields[SG_PERSONA_AVATAR]);
  name = self->fields[SG_PERSONA_NAME];
  initials = g_string_new (NULL);
  for (const char *p = name ? name : ""; *p && g_utf8_strlen (initials->str, -1) < 2; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (at_word)
            g_string_append_unichar (initials, g_unichar_toupper (c));
          at_word = FALSE;
        }
      else
        at_word = TRUE;
    }
  if (initials->len == 0)
    g_string_append_c (initials, '?');
  return g_string_free (initials, FALSE);
}

JsonNode *
sg_persona_to_json_node (SgPersona *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) channels = NULL;

  g_return_val_if_fail (SG_IS_PERSONA (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PERSONA_FORMAT_VERSION);
  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    if (self->fields[f] != NULL)
      {
        json_builder_set_member_name (builder, sg_persona_field_to_string (f));
        json_builder_add_string_value (builder, self->fields[f]);
      }
  json_builder_set_member_name (builder, "channels");
  json_builder_begin_array (builder);
  channels = sg_channel_set_to_strv (self->channels);
  for (guint i = 0; channels[i] != NULL; i++)
    json_builder_add_string_value (builder, channels[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
sg_persona_to_json (SgPersona *self)
{
  g_autoptr(JsonNode) node = sg_persona_to_json_node (self);

  return json_to_string (node, FALSE);
}

SgPersona *
sg_persona_new_from_json_node (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(SgPersona) self = sg_persona_new ();
  JsonObject *object;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("A stored persona is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    {
      member = json_object_get_member (object, sg_persona_field_to_string (f));
      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;
      if (json_node_get_value_type (member) != G_TYPE_STRING)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The persona’s “%s” is not text"),
                       sg_persona_field_to_string (f));
          return NULL;
        }
      self->fields[f] = normalise_field (f, json_node_get_string (member));
    }
  member = json_object_get_member (object, "channels");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          SgChannel channel;

          if (json_node_get_value_type (element) == G_TYPE_STRING &&
              sg_channel_from_string (json_node_get_string (element), &channel))
            self->channels |= SG_CHANNEL_BIT (channel);
        }
    }
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The persona’s channels are not a list"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

SgPersona *
sg_persona_new_from_json (const char  *json,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("A stored persona could not be read: %s"),
                   local ? local->message : _("no data"));
      return NULL;
    }
  return sg_persona_new_from_json_node (json_parser_get_root (parser), error);
}
