/* sg-channel-picker.h — marketing channels as toggle pills (a persona's preferred, a playbook's used)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "edited" is emitted when the user toggles a channel, never for sg_channel_picker_set_channels().
 */
#pragma once

#include <adwaita.h>

#include "sg-channel.h"

G_BEGIN_DECLS

#define SG_TYPE_CHANNEL_PICKER (sg_channel_picker_get_type ())
G_DECLARE_FINAL_TYPE (SgChannelPicker, sg_channel_picker, SG, CHANNEL_PICKER, AdwBin)

GtkWidget    *sg_channel_picker_new          (void);
SgChannelSet  sg_channel_picker_get_channels (SgChannelPicker *self);
void          sg_channel_picker_set_channels (SgChannelPicker *self,
                                              SgChannelSet     channels);
/* The toggle of one channel (tests, accessibility). */
GtkToggleButton *sg_channel_picker_get_button (SgChannelPicker *self,
                                               SgChannel        channel);

G_END_DECLS
