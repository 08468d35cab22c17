/* sg-markdown-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgMarkdownField"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-editor-style.h"
#include "sg-markdown.h"
#include "sg-markdown-field.h"

struct _SgMarkdownField
{
  AdwBin       parent_instance;

  GtkStack    *stack;
  GtkTextView *text_view;
  GtkLabel    *placeholder_label;
  GtkLabel    *preview_label;

  gboolean     loading;
  gboolean     preview;
};

G_DEFINE_FINAL_TYPE (SgMarkdownField, sg_markdown_field, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PREVIEW,
  N_PROPS
};

enum {
  EDITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkTextBuffer *
get_buffer (SgMarkdownField *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

char *
sg_markdown_field_dup_text (SgMarkdownField *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (SG_IS_MARKDOWN_FIELD (self), NULL);

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

static void
update_preview (SgMarkdownField *self)
{
  g_autofree char *text = sg_markdown_field_dup_text (self);
  g_autofree char *markup = NULL;

  if (!self->preview)
    return;
  markup = sg_markdown_to_pango_markup (text);
  if (markup == NULL || *markup == '\0')
    {
      g_free (markup);
      markup = g_markup_printf_escaped ("<i>%s</i>", _("Nothing written yet."));
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "dim-label");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "dim-label");
  gtk_label_set_markup (self->preview_label, markup);
}

static void
buffer_changed_cb (GtkTextBuffer   *buffer,
                   SgMarkdownField *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label), gtk_text_buffer_get_char_count (buffer) == 0);
  if (!self->loading)
    g_signal_emit (self, signals[EDITED], 0);
}

void
sg_markdown_field_set_text (SgMarkdownField *self,
                            const char      *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (SG_IS_MARKDOWN_FIELD (self));

  buffer = get_buffer (self);
  self->loading = TRUE;
  /* A text loaded from the project is where undo starts: the user cannot undo it away. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_set_modified (buffer, FALSE);
  self->loading = FALSE;
  update_preview (self);
}

void
sg_markdown_field_set_placeholder (SgMarkdownField *self,
                                   const char      *placeholder)
{
  g_return_if_fail (SG_IS_MARKDOWN_FIELD (self));

  gtk_label_set_text (self->placeholder_label, placeholder);
}

gboolean
sg_markdown_field_get_preview (SgMarkdownField *self)
{
  g_return_val_if_fail (SG_IS_MARKDOWN_FIELD (self), FALSE);

  return self->preview;
}

void
sg_markdown_field_set_preview (SgMarkdownField *self,
                               gboolean         preview)
{
  g_return_if_fail (SG_IS_MARKDOWN_FIELD (self));

  preview = !!preview;
  if (self->preview == preview)
    return;
  self->preview = preview;
  update_preview (self);
  gtk_stack_set_visible_child_name (self->stack, preview ? "preview" : "edit");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
}

void
sg_markdown_field_set_label (SgMarkdownField *self,
                             const char      *label)
{
  g_return_if_fail (SG_IS_MARKDOWN_FIELD (self));

  sg_a11y_set_label (GTK_WIDGET (self->text_view), label);
  sg_a11y_set_label (GTK_WIDGET (self->preview_label), label);
}

GtkTextView *
sg_markdown_field_get_text_view (SgMarkdownField *self)
{
  g_return_val_if_fail (SG_IS_MARKDOWN_FIELD (self), NULL);

  return self->text_view;
}

static void
sg_markdown_field_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SgMarkdownField *self = SG_MARKDOWN_FIELD (object);

  switch (prop_id)
    {
    case PROP_PREVIEW:
      g_value_set_boolean (value, self->preview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_markdown_field_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SgMarkdownField *self = SG_MARKDOWN_FIELD (object);

  switch (prop_id)
    {
    case PROP_PREVIEW:
      sg_markdown_field_set_preview (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_markdown_field_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_MARKDOWN_FIELD);

  G_OBJECT_CLASS (sg_markdown_field_parent_class)->dispose (object);
}

static void
sg_markdown_field_class_init (SgMarkdownFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_markdown_field_dispose;
  object_class->get_property = sg_markdown_field_get_property;
  object_class->set_property = sg_markdown_field_set_property;

  properties[PROP_PREVIEW] =
    g_param_spec_boolean ("preview", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgMarkdownField::edited:
   *
   * The user edited the text (typing, pasting, undo or redo).
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-markdown-field.ui");
  gtk_widget_class_bind_template_child (widget_class, SgMarkdownField, stack);
  gtk_widget_class_bind_template_child (widget_class, SgMarkdownField, text_view);
  gtk_widget_class_bind_template_child (widget_class, SgMarkdownField, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, SgMarkdownField, preview_label);
}

static void
sg_markdown_field_init (SgMarkdownField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_editor_style_ensure ();
  g_signal_connect_object (get_buffer (self), "changed", G_CALLBACK (buffer_changed_cb), self, 0);
}

GtkWidget *
sg_markdown_field_new (void)
{
  return g_object_new (SG_TYPE_MARKDOWN_FIELD, NULL);
}
