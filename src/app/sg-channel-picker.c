/* sg-channel-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgChannelPicker"

#include "sg-channel-picker.h"
#include "sg-editor-style.h"

struct _SgChannelPicker
{
  AdwBin           parent_instance;

  GtkToggleButton *buttons[SG_N_CHANNELS];
  SgChannelSet     channels;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (SgChannelPicker, sg_channel_picker, ADW_TYPE_BIN)

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toggled_cb (GtkToggleButton *button,
            SgChannelPicker *self)
{
  SgChannel channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sg-channel"));

  if (gtk_toggle_button_get_active (button))
    self->channels |= SG_CHANNEL_BIT (channel);
  else
    self->channels &= ~SG_CHANNEL_BIT (channel);
  if (!self->loading)
    g_signal_emit (self, signals[EDITED], 0);
}

SgChannelSet
sg_channel_picker_get_channels (SgChannelPicker *self)
{
  g_return_val_if_fail (SG_IS_CHANNEL_PICKER (self), 0);

  return self->channels;
}

void
sg_channel_picker_set_channels (SgChannelPicker *self,
                                SgChannelSet     channels)
{
  g_return_if_fail (SG_IS_CHANNEL_PICKER (self));

  self->loading = TRUE;
  for (guint c = 0; c < SG_N_CHANNELS; c++)
    gtk_toggle_button_set_active (self->buttons[c], (channels & SG_CHANNEL_BIT (c)) != 0);
  self->channels = channels & SG_CHANNEL_SET_ALL;
  self->loading = FALSE;
}

GtkToggleButton *
sg_channel_picker_get_button (SgChannelPicker *self,
                              SgChannel        channel)
{
  g_return_val_if_fail (SG_IS_CHANNEL_PICKER (self), NULL);
  g_return_val_if_fail (channel < SG_N_CHANNELS, NULL);

  return self->buttons[channel];
}

static void
sg_channel_picker_class_init (SgChannelPickerClass *klass)
{
  /**
   * SgChannelPicker::edited:
   *
   * The user switched a channel on or off.
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sg_channel_picker_init (SgChannelPicker *self)
{
  GtkWidget *box = gtk_flow_box_new ();

  sg_editor_style_ensure ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), SG_N_CHANNELS);
  gtk_widget_add_css_class (box, "channel-picker");
  for (guint c = 0; c < SG_N_CHANNELS; c++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (sg_channel_get_label (c));
      GtkWidget *child = gtk_flow_box_child_new ();

      g_object_set_data (G_OBJECT (button), "sg-channel", GUINT_TO_POINTER (c));
      g_signal_connect (button, "toggled", G_CALLBACK (toggled_cb), self);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
      /* The pill is what takes focus, not the flow box's cell around it. */
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_append (GTK_FLOW_BOX (box), child);
      self->buttons[c] = GTK_TOGGLE_BUTTON (button);
    }
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
sg_channel_picker_new (void)
{
  return g_object_new (SG_TYPE_CHANNEL_PICKER, NULL);
}
