/* sg-prepare-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgPreparePage"

#include <glib/gi18n.h>

#include "sg-prepare-page.h"

struct _SgPreparePage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkWidget     *back_button;

  SgSession     *session;
};

G_DEFINE_FINAL_TYPE (SgPreparePage, sg_prepare_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
sg_prepare_page_get_ready (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_datasets (self->session) > 0;
}

static void
update (SgSession *session,
        SgPreparePage *self)
{
  gboolean ready = sg_prepare_page_get_ready (self);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("%s\n\n%s",
                                 _("Choose the columns that describe how your customers behave, and turn their purchases into figures per customer: how recently, how often and how much they buy."),
                                 ready ? _("This step is still being built.")
                                       : _("There is nothing to prepare yet. Import a CSV file of your customers or their purchases first."));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->back_button, !ready);
}

SgSession *
sg_prepare_page_get_session (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return self->session;
}

void
sg_prepare_page_set_session (SgPreparePage *self,
                             SgSession *session)
{
  g_return_if_fail (SG_IS_PREPARE_PAGE (self));
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
sg_prepare_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgPreparePage *self = SG_PREPARE_PAGE (object);

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
sg_prepare_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SgPreparePage *self = SG_PREPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_prepare_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_prepare_page_dispose (GObject *object)
{
  SgPreparePage *self = SG_PREPARE_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PREPARE_PAGE);

  G_OBJECT_CLASS (sg_prepare_page_parent_class)->dispose (object);
}

static void
sg_prepare_page_class_init (SgPreparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_prepare_page_dispose;
  object_class->get_property = sg_prepare_page_get_property;
  object_class->set_property = sg_prepare_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-prepare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, back_button);
}

static void
sg_prepare_page_init (SgPreparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (NULL, self);
}
