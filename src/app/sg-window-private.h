/* sg-window-private.h — SgWindow's state, shared by sg-window.c and sg-window-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-window.h"

G_BEGIN_DECLS

struct _SgWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkWidget            *import_button;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *drop_revealer;
  GtkLabel             *drop_label;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  GMenu                *recent_section;
  GtkWidget            *data_page;
  GtkWidget            *prepare_page;
  GtkWidget            *segment_page;
  GtkWidget            *segments_page;
  GtkWidget            *personas_page;
  GtkWidget            *export_page;

  GSettings            *settings;
  SgSession            *session;
  GCancellable         *cancellable;     /* cancelled when the window closes */
  GQueue                pending_imports; /* GFile *: waiting for a project or for the import before */
  GtkWindow            *import_dialog;   /* weak */
  GtkWindow            *ask_dialog;      /* weak: "Choose a Project for This Data" */
  gboolean              asking_for_project; /* files wait for the user to create or open one */
  gboolean              opening;            /* a project is being opened: imports wait for it */
};

/* sg-window.c */
/* "/home/ana/Documents/shop.segmenta" → "~/Documents", for display only. */
char *_sg_display_folder              (const char *path);
/* "/home/ana/Documents/shop.segmenta" → "shop". */
char *_sg_project_name_from_path      (const char *path);

/* sg-window-projects.c */
/* "All Files", the last filter of a file chooser. */
GtkFileFilter *_sg_all_files_filter_new (void);
void _sg_window_new_project_action    (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _sg_window_open_project_action   (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _sg_window_open_recent_action    (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _sg_window_choose_new_project    (SgWindow   *self);
/* @folder: where the chooser starts, or NULL. */
void _sg_window_choose_project_to_open (SgWindow  *self,
                                        GFile     *folder);
/* Forgets the files that waited for a project the user chose not to make or open. */
void _sg_window_abandon_pending_imports (SgWindow *self);
/* Presents a dialog of this window once the window is on screen (fixing its accessible names). */
void _sg_window_present               (SgWindow   *self,
                                       GtkWindow  *dialog);
/* A modal message with one "Close" response. */
void _sg_window_show_message          (SgWindow   *self,
                                       const char *heading,
                                       const char *body);

/* sg-window-import.c */
void _sg_window_import_csv_action     (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _sg_window_setup_drop_target     (SgWindow   *self);
/* Starts the next queued import if a project is open and no import runs. */
void _sg_window_next_import           (SgWindow   *self);

G_END_DECLS
