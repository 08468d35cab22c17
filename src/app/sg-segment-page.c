/* sg-segment-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentPage"

#include <glib/gi18n.h>

#include "sg-segment-page.h"

struct _SgSegmentPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkWidget     *back_button;

  SgSession     *session;
};

G_DEFINE_FINAL_TYPE (SgSegmentPage, sg_segment_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
sg_segment_page_get_ready (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_datasets (self->session) > 0;
}

static void
update (SgSession *session,
        SgSegmentPage *self)
{
  gboolean ready = sg_segment_page_get_ready (self);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("%s\n\n%s",
                                 _("Segmenta sorts your customers into groups that behave alike. Choose how many groups you want, or let Segmenta suggest a number, and see how clearly the groups stand apart."),
                                 ready ? _("This step is still being built.")
                                       : _("Segments are found in your data. Import your customers and prepare what to compare them on first."));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->back_button, !ready);
}

SgSession *
sg_segment_page_get_session (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), NULL);

  return self->session;
}

void
sg_segment_page_set_session (SgSegmentPage *self,
                             SgSession *session)
{
  g_return_if_fail (SG_IS_SEGMENT_PAGE (self));
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
sg_segment_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (object);

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
sg_segment_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_segment_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_segment_page_dispose (GObject *object)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_SEGMENT_PAGE);

  G_OBJECT_CLASS (sg_segment_page_parent_class)->dispose (object);
}

static void
sg_segment_page_class_init (SgSegmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_segment_page_dispose;
  object_class->get_property = sg_segment_page_get_property;
  object_class->set_property = sg_segment_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-segment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, back_button);
}

static void
sg_segment_page_init (SgSegmentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (NULL, self);
}
