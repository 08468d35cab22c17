/* sg-channel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-channel.h"
#include "sg-enum-private.h"

G_DEFINE_ENUM_TYPE (SgChannel, sg_channel,
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_SMS, "sms"),
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_PUSH, "push"),
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_PAID_SOCIAL, "paid-social"),
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_SEARCH, "search"),
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_DIRECT_MAIL, "direct-mail"),
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_SALES_CALL, "sales-call"),
  G_DEFINE_ENUM_VALUE (SG_CHANNEL_IN_APP, "in-app"))

const char *
sg_channel_to_string (SgChannel channel)
{
  g_return_val_if_fail (channel < SG_N_CHANNELS, NULL);
  return sg_enum_to_nick (SG_TYPE_CHANNEL, channel);
}

gboolean
sg_channel_from_string (const char *id,
                        SgChannel  *channel)
{
  int value;

  if (!sg_enum_from_nick (SG_TYPE_CHANNEL, id, &value))
    return FALSE;
  *channel = value;
  return TRUE;
}

const char *
sg_channel_get_label (SgChannel channel)
{
  switch (channel)
    {
    case SG_CHANNEL_EMAIL: return _("Email");
    case SG_CHANNEL_SMS: return _("SMS");
    case SG_CHANNEL_PUSH: return _("Push notification");
    case SG_CHANNEL_PAID_SOCIAL: return _("Paid social");
    case SG_CHANNEL_SEARCH: return _("Search");
    case SG_CHANNEL_DIRECT_MAIL: return _("Direct mail");
    case SG_CHANNEL_SALES_CALL: return _("Sales call");
    case SG_CHANNEL_IN_APP: return _("In-app message");
    case SG_N_CHANNELS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

char **
sg_channel_set_to_strv (SgChannelSet set)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  for (guint c = 0; c < SG_N_CHANNELS; c++)
    if (set & SG_CHANNEL_BIT (c))
      g_strv_builder_add (builder, sg_channel_to_string (c));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

SgChannelSet
sg_channel_set_from_strv (const char *const *ids)
{
  SgChannelSet set = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      SgChannel channel;

      if (sg_channel_from_string (ids[i], &channel))
        set |= SG_CHANNEL_BIT (channel);
    }
  return set;
}

char *
sg_channel_set_to_label (SgChannelSet set)
{
  GString *label = g_string_new (NULL);

  for (guint c = 0; c < SG_N_CHANNELS; c++)
    if (set & SG_CHANNEL_BIT (c))
      {
        if (label->len > 0)
          /* TRANSLATORS: separates channel names in a list: "Email, SMS" */
          g_string_append (label, _(", "));
        g_string_append (label, sg_channel_get_label (c));
      }
  return g_string_free (label, FALSE);
}
