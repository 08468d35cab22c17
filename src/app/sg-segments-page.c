/* sg-segments-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentsPage"

#include <glib/gi18n.h>

#include "sg-segments-page.h"

struct _SgSegmentsPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkWidget     *back_button;

  SgSession     *session;
};

G_DEFINE_FINAL_TYPE (SgSegmentsPage, sg_segments_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
sg_segments_page_get_ready (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_runs (self->session) > 0;
}

static void
update (SgSession *session,
        SgSegmentsPage *self)
{
  gboolean ready = sg_segments_page_get_ready (self);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("%s\n\n%s",
                                 _("See each segment side by side: how many customers it holds, what sets it apart from the others, and how much it is worth to you."),
                                 ready ? _("This step is still being built.")
                                       : _("No segments have been found yet. Run a segmentation first."));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->back_button, !ready);
}

SgSession *
sg_segments_page_get_session (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), NULL);

  return self->session;
}

void
sg_segments_page_set_session (SgSegmentsPage *self,
                              SgSession *session)
{
  g_return_if_fail (SG_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (update), self, 0);
  update (session, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
sg_segments_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_segments_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_segments_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_segments_page_dispose (GObject *object)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_SEGMENTS_PAGE);

  G_OBJECT_CLASS (sg_segments_page_parent_class)->dispose (object);
}

static void
sg_segments_page_class_init (SgSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_segments_page_dispose;
  object_class->get_property = sg_segments_page_get_property;
  object_class->set_property = sg_segments_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-segments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, back_button);
}

static void
sg_segments_page_init (SgSegmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (NULL, self);
}
