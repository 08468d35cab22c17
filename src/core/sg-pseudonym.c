/* sg-pseudonym.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-pseudonym.h"

struct _SgPseudonymizer {
  GHmac *keyed;   /* HMAC state after the key: copied for each value */
};

static char *
to_hex (const guint8 *bytes,
        gsize         n)
{
  static const char digits[] = "0123456789abcdef";
  char *hex = g_new (char, 2 * n + 1);

  for (gsize i = 0; i < n; i++)
    {
      hex[2 * i] = digits[bytes[i] >> 4];
      hex[2 * i + 1] = digits[bytes[i] & 15];
    }
  hex[2 * n] = '\0';
  return hex;
}

/* Last resort where /dev/urandom cannot be read: several random UUIDs and the clock, hashed. */
static void
fallback_random (guint8 *bytes,
                 gsize   n)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_checksum_update (checksum, (const guchar *) uuid, -1);
    }
  g_checksum_update (checksum, (const guchar *) &now, sizeof now);
  g_checksum_get_digest (checksum, digest, &len);
  memcpy (bytes, digest, MIN (n, len));
}

char *
sg_pseudonym_new_salt (GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 bytes[SG_PSEUDONYM_SALT_BYTES];
  gsize got = 0;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), bytes, sizeof bytes, &got, NULL, NULL) ||
      got != sizeof bytes)
    fallback_random (bytes, sizeof bytes);
  return to_hex (bytes, sizeof bytes);
}

char *
sg_project_dup_pseudonym_salt (SgProject  *project,
                               GError    **error)
{
  g_autofree char *salt = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  salt = sg_project_get_meta (project, SG_PSEUDONYM_SALT_KEY);
  if (salt != NULL && *salt != '\0')
    return g_steal_pointer (&salt);

  /* Another connection may create it at the same time: decide inside one write transaction. */
  if (!sg_project_begin (project, error))
    return NULL;
  g_clear_pointer (&salt, g_free);
  salt = sg_project_get_meta (project, SG_PSEUDONYM_SALT_KEY);
  if (salt == NULL || *salt == '\0')
    {
      g_clear_pointer (&salt, g_free);
      salt = sg_pseudonym_new_salt (error);
      if (salt == NULL || !sg_project_set_meta (project, SG_PSEUDONYM_SALT_KEY, salt, error))
        {
          sg_project_rollback (project);
          return NULL;
        }
    }
  if (!sg_project_commit (project, error))
    {
      sg_project_rollback (project);
      return NULL;
    }
  return g_steal_pointer (&salt);
}

SgPseudonymizer *
sg_pseudonymizer_new (const char  *salt,
                      GError     **error)
{
  SgPseudonymizer *self;
  g_autofree guint8 *key = NULL;
  gsize len = salt ? strlen (salt) : 0;

  if (len < 2 || len % 2 != 0)
    goto bad;
  key = g_new (guint8, len / 2);
  for (gsize i = 0; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (salt[i]), lo = g_ascii_xdigit_value (salt[i + 1]);

      if (hi < 0 || lo < 0)
        goto bad;
      key[i / 2] = (guint8) (hi << 4 | lo);
    }
  self = g_new0 (SgPseudonymizer, 1);
  self->keyed = g_hmac_new (G_CHECKSUM_SHA256, key, len / 2);
  return self;

bad:
  g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
               _("The project’s pseudonym salt is damaged (expected hex digits)"));
  return NULL;
}

void
sg_pseudonymizer_free (SgPseudonymizer *self)
{
  if (self == NULL)
    return;
  g_hmac_unref (self->keyed);
  g_free (self);
}

char *
sg_pseudonymizer_apply (SgPseudonymizer *self,
                        const char      *value)
{
  GHmac *hmac;
  char *result;

  g_return_val_if_fail (self != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("");
  /* g_hmac_copy() only reads the keyed state: safe from several threads. */
  hmac = g_hmac_copy (self->keyed);
  g_hmac_update (hmac, (const guchar *) value, -1);
  result = g_strdup (g_hmac_get_string (hmac));
  g_hmac_unref (hmac);
  return result;
}
