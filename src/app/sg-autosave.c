/* sg-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgAutosave"

#include "sg-autosave.h"

struct _SgAutosave
{
  GObject          parent_instance;

  guint            delay_ms;
  guint            max_wait_ms;

  /* Edits are counted; a save covers every edit up to its ticket (the count when it was asked for). */
  guint64          edits;
  guint64          requested;      /* edits handed to a save */
  guint64          stored;         /* edits covered by a save that completed */
  guint            in_flight;
  gint64           first_unsaved;  /* monotonic µs of the oldest edit not handed to a save; 0: none */
  gint64           last_change;
  guint            timeout_id;
  GError          *error;
  SgAutosaveState  state;
};

G_DEFINE_FINAL_TYPE (SgAutosave, sg_autosave, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SgAutosaveState, sg_autosave_state,
                    G_DEFINE_ENUM_VALUE (SG_AUTOSAVE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (SG_AUTOSAVE_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (SG_AUTOSAVE_SAVING, "saving"),
                    G_DEFINE_ENUM_VALUE (SG_AUTOSAVE_SAVED, "saved"),
                    G_DEFINE_ENUM_VALUE (SG_AUTOSAVE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  SAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

gint64
sg_autosave_deadline (gint64 first_unsaved,
                      gint64 last_change,
                      guint  delay_ms,
                      guint  max_wait_ms)
{
  gint64 after_pause = last_change + (gint64) delay_ms * 1000;
  gint64 ceiling = first_unsaved + (gint64) MAX (max_wait_ms, delay_ms) * 1000;

  return MIN (after_pause, ceiling);
}

static SgAutosaveState
compute_state (SgAutosave *self)
{
  if (self->in_flight > 0)
    return SG_AUTOSAVE_SAVING;
  if (self->timeout_id != 0)
    return SG_AUTOSAVE_PENDING;
  if (self->error != NULL)
    return SG_AUTOSAVE_FAILED;
  if (self->edits > self->requested)
    return SG_AUTOSAVE_PENDING;
  if (self->stored > 0 && self->stored == self->edits)
    return SG_AUTOSAVE_SAVED;
  return SG_AUTOSAVE_IDLE;
}

static void
update_state (SgAutosave *self)
{
  SgAutosaveState state = compute_state (self);

  if (state == self->state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
request_save (SgAutosave *self,
              gboolean    wait)
{
  guint64 ticket;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->edits <= self->requested)
    {
      update_state (self);
      return;
    }
  ticket = self->edits;
  self->requested = ticket;
  self->first_unsaved = 0;
  self->in_flight++;
  update_state (self);
  /* The handler may report back at once (a synchronous save): keep self alive through it. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVE], 0, ticket, wait);
  g_object_unref (self);
}

static gboolean
timeout_cb (gpointer data)
{
  SgAutosave *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 due = sg_autosave_deadline (self->first_unsaved, self->last_change, self->delay_ms, self->max_wait_ms);

  self->timeout_id = 0;
  if (now + 1000 < due)
    {
      /* Edits came in while waiting: wait for the rest of the pause (never past the ceiling). */
      self->timeout_id = g_timeout_add ((guint) ((due - now + 999) / 1000), timeout_cb, self);
      g_source_set_name_by_id (self->timeout_id, "[segmenta] autosave");
      return G_SOURCE_REMOVE;
    }
  request_save (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
sg_autosave_changed (SgAutosave *self)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (SG_IS_AUTOSAVE (self));

  self->edits++;
  self->last_change = now;
  if (self->first_unsaved == 0)
    self->first_unsaved = now;
  /* One timer, checked when it fires: re-arming it on every keystroke would churn sources. */
  if (self->timeout_id == 0)
    {
      self->timeout_id = g_timeout_add (self->delay_ms, timeout_cb, self);
      g_source_set_name_by_id (self->timeout_id, "[segmenta] autosave");
    }
  update_state (self);
}

void
sg_autosave_flush (SgAutosave *self)
{
  g_return_if_fail (SG_IS_AUTOSAVE (self));

  request_save (self, FALSE);
}

void
sg_autosave_flush_sync (SgAutosave *self)
{
  g_return_if_fail (SG_IS_AUTOSAVE (self));

  request_save (self, TRUE);
}

void
sg_autosave_done (SgAutosave   *self,
                  guint64       ticket,
                  const GError *error)
{
  g_return_if_fail (SG_IS_AUTOSAVE (self));
  g_return_if_fail (self->in_flight > 0);
  g_return_if_fail (ticket <= self->edits);

  self->in_flight--;
  if (error == NULL)
    {
      self->stored = MAX (self->stored, ticket);
      g_clear_error (&self->error);
    }
  else if (ticket > self->stored)
    {
      /* What this save held is not stored: it counts as unsaved again, retried with the next edit or
       * flush (not at once: a full disk would make a loop of it). */
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      self->requested = MIN (self->requested, self->stored);
    }
  update_state (self);
}

gboolean
sg_autosave_get_dirty (SgAutosave *self)
{
  g_return_val_if_fail (SG_IS_AUTOSAVE (self), FALSE);

  return self->edits > self->requested;
}

gboolean
sg_autosave_get_scheduled (SgAutosave *self)
{
  g_return_val_if_fail (SG_IS_AUTOSAVE (self), FALSE);

  return self->timeout_id != 0;
}

guint
sg_autosave_get_in_flight (SgAutosave *self)
{
  g_return_val_if_fail (SG_IS_AUTOSAVE (self), 0);

  return self->in_flight;
}

SgAutosaveState
sg_autosave_get_state (SgAutosave *self)
{
  g_return_val_if_fail (SG_IS_AUTOSAVE (self), SG_AUTOSAVE_IDLE);

  return self->state;
}

const GError *
sg_autosave_get_error (SgAutosave *self)
{
  g_return_val_if_fail (SG_IS_AUTOSAVE (self), NULL);

  return self->error;
}

static void
sg_autosave_dispose (GObject *object)
{
  SgAutosave *self = SG_AUTOSAVE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (sg_autosave_parent_class)->dispose (object);
}

static void
sg_autosave_finalize (GObject *object)
{
  SgAutosave *self = SG_AUTOSAVE (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (sg_autosave_parent_class)->finalize (object);
}

static void
sg_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SgAutosave *self = SG_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_autosave_class_init (SgAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_autosave_dispose;
  object_class->finalize = sg_autosave_finalize;
  object_class->get_property = sg_autosave_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SG_TYPE_AUTOSAVE_STATE, SG_AUTOSAVE_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgAutosave::save:
   * @ticket: pass it back to sg_autosave_done()
   * @wait: save before returning (the window is closing)
   *
   * Time to save: take a snapshot of the document and write it.
   */
  signals[SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_BOOLEAN);
}

static void
sg_autosave_init (SgAutosave *self)
{
  self->delay_ms = SG_AUTOSAVE_DEFAULT_DELAY_MS;
  self->max_wait_ms = SG_AUTOSAVE_DEFAULT_MAX_WAIT_MS;
}

SgAutosave *
sg_autosave_new (guint delay_ms,
                 guint max_wait_ms)
{
  SgAutosave *self = g_object_new (SG_TYPE_AUTOSAVE, NULL);

  self->delay_ms = delay_ms;
  self->max_wait_ms = MAX (max_wait_ms, delay_ms);
  return self;
}
