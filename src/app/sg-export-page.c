/* sg-export-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgExportPage"

#include <glib/gi18n.h>

#include "sg-export-page.h"

struct _SgExportPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkWidget     *back_button;

  SgSession     *session;
};

G_DEFINE_FINAL_TYPE (SgExportPage, sg_export_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
sg_export_page_get_ready (SgExportPage *self)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_runs (self->session) > 0;
}

static void
update (SgSession *session,
        SgExportPage *self)
{
  gboolean ready = sg_export_page_get_ready (self);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("%s\n\n%s",
                                 _("Take your segments to where you work: customer lists per segment for your mailing and advertising tools, and a report to share with your team."),
                                 ready ? _("This step is still being built.")
                                       : _("There is nothing to export yet. Find your segments, and describe them as personas, first."));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->back_button, !ready);
}

SgSession *
sg_export_page_get_session (SgExportPage *self)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), NULL);

  return self->session;
}

void
sg_export_page_set_session (SgExportPage *self,
                            SgSession *session)
{
  g_return_if_fail (SG_IS_EXPORT_PAGE (self));
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
sg_export_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SgExportPage *self = SG_EXPORT_PAGE (object);

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
sg_export_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SgExportPage *self = SG_EXPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_export_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_export_page_dispose (GObject *object)
{
  SgExportPage *self = SG_EXPORT_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_EXPORT_PAGE);

  G_OBJECT_CLASS (sg_export_page_parent_class)->dispose (object);
}

static void
sg_export_page_class_init (SgExportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_export_page_dispose;
  object_class->get_property = sg_export_page_get_property;
  object_class->set_property = sg_export_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-export-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, back_button);
}

static void
sg_export_page_init (SgExportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (NULL, self);
}
