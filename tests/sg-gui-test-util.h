/* sg-gui-test-util.h — helpers shared by the GUI tests: setting up GTK, running the main loop, finding
 * widgets in a widget tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*SgGuiTestCondition) (gpointer data);

/* g_test_init, the in-memory settings backend, then GTK and libadwaita when there is a display. */
void              sg_gui_test_init                     (int         *argc,
                                                        char      ***argv);
/* Whether sg_gui_test_init found a display. */
gboolean          sg_gui_test_has_display              (void);

/* Skips the running test (and returns from it) without a display. */
#define SG_GUI_TEST_REQUIRE_DISPLAY()                  \
  G_STMT_START {                                       \
    if (!sg_gui_test_has_display ())                   \
      {                                                \
        g_test_skip ("No display");                    \
        return;                                        \
      }                                                \
  } G_STMT_END

/* How long sg_gui_test_wait_until waits before giving up (120 s unless set). */
void              sg_gui_test_set_wait_seconds         (guint        seconds);
/* How many pending events sg_gui_test_drain_main_loop handles at most (200 unless set). */
void              sg_gui_test_set_drain_iterations     (guint        iterations);

/* Runs the main loop until @condition holds; the deadline only guards against hanging forever.
 * FALSE if it passed. */
gboolean          sg_gui_test_wait_until               (SgGuiTestCondition condition,
                                                        gpointer           data);
/* Handles the events pending now. */
void              sg_gui_test_drain_main_loop          (void);

/* Adds every widget of @type under @root (itself included), in tree order, to @found. */
void              sg_gui_test_collect                  (GtkWidget   *root,
                                                        GType        type,
                                                        GPtrArray   *found);
/* The first widget of @type under @root (itself included), or NULL. */
GtkWidget        *sg_gui_test_find_widget              (GtkWidget   *root,
                                                        GType        type);
/* The first button labelled exactly @label under @root, or NULL. */
GtkWidget        *sg_gui_test_find_button              (GtkWidget   *root,
                                                        const char  *label);
/* The first preferences row titled @title under @root, or NULL. */
GtkWidget        *sg_gui_test_find_row                 (GtkWidget   *root,
                                                        const char  *title);
/* The visible message dialog with @heading, or NULL. */
AdwMessageDialog *sg_gui_test_find_message             (const char  *heading);
/* Whether a label under @root on screen (mapped) reads exactly @text. */
gboolean          sg_gui_test_label_shown              (GtkWidget   *root,
                                                        const char  *text);
/* Whether a label under @root on screen (mapped) starts with @prefix. */
gboolean          sg_gui_test_label_with_prefix_shown  (GtkWidget   *root,
                                                        const char  *prefix);

G_END_DECLS
