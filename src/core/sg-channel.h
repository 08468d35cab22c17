/* sg-channel.h — the marketing channels a persona prefers and a playbook uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each enum of the persona/playbook model has a GType (for GtkDropDown/AdwEnumListModel), a stable
 * string id that goes into files (the GEnumValue nick: "paid-social") and a translated label for people.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SG_CHANNEL_EMAIL,
  SG_CHANNEL_SMS,
  SG_CHANNEL_PUSH,
  SG_CHANNEL_PAID_SOCIAL,
  SG_CHANNEL_SEARCH,
  SG_CHANNEL_DIRECT_MAIL,
  SG_CHANNEL_SALES_CALL,
  SG_CHANNEL_IN_APP,
  SG_N_CHANNELS
} SgChannel;

/* A set of channels: bit (1 << SgChannel) per member. */
typedef guint32 SgChannelSet;
#define SG_CHANNEL_BIT(channel) ((SgChannelSet) 1u << (channel))
#define SG_CHANNEL_SET_ALL      ((SgChannelSet) ((1u << SG_N_CHANNELS) - 1u))

#define SG_TYPE_CHANNEL (sg_channel_get_type ())
GType        sg_channel_get_type     (void) G_GNUC_CONST;

/* "email", "sms", "push", "paid-social", "search", "direct-mail", "sales-call", "in-app". */
const char  *sg_channel_to_string    (SgChannel     channel);
gboolean     sg_channel_from_string  (const char   *id,
                                      SgChannel    *channel);
/* Translated: "Email", "Paid social"… */
const char  *sg_channel_get_label    (SgChannel     channel);

/* The set as a NULL-terminated array of ids in enum order (g_strfreev). */
char       **sg_channel_set_to_strv  (SgChannelSet  set);
/* Ids not known to this version are skipped (files from newer versions still load). */
SgChannelSet sg_channel_set_from_strv (const char *const *ids);
/* "Email, SMS" in enum order, translated; "" for an empty set. */
char        *sg_channel_set_to_label (SgChannelSet  set);

G_END_DECLS
