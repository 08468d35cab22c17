/* sg-presentation-window.h — the Segments dashboard full screen, for an audience
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes the dashboard's content for as long as it is open (so zoom, hidden segments and the chosen
 * feature stay as they were), shows it full screen and larger on large screens, and gives it back
 * with sg_presentation_window_take_content() when it closes. Escape and F11 close it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SG_TYPE_PRESENTATION_WINDOW (sg_presentation_window_get_type ())
G_DECLARE_FINAL_TYPE (SgPresentationWindow, sg_presentation_window, SG, PRESENTATION_WINDOW, AdwWindow)

/* @content must have no parent. The window is fullscreen once presented. */
GtkWidget *sg_presentation_window_new          (GtkWindow            *parent,
                                                GtkWidget            *content);
/* Removes the content and returns it (transfer full), or NULL if already taken. */
GtkWidget *sg_presentation_window_take_content (SgPresentationWindow *self);

G_END_DECLS
