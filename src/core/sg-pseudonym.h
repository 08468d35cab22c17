/* sg-pseudonym.h — stable pseudonyms for customer ids in exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pseudonym is HMAC-SHA-256 (GLib's GHmac) of the id's UTF-8 bytes, keyed by the project's salt:
 * 32 random bytes read from /dev/urandom when first needed and kept in the project's meta table
 * ("pseudonym_salt", 64 hex digits). The same id gets the same pseudonym in every export of one
 * project (so lists can be joined and updated), a different one in another project, and without the
 * salt the id cannot be recovered by hashing guesses. The pseudonym is 64 lower-case hex digits.
 * Anyone holding the project file holds the salt: share exports, not the project.
 */
#pragma once

#include "sg-project.h"

G_BEGIN_DECLS

#define SG_PSEUDONYM_SALT_KEY   "pseudonym_salt"
#define SG_PSEUDONYM_SALT_BYTES 32

/* A new salt: SG_PSEUDONYM_SALT_BYTES random bytes as hex. */
char            *sg_pseudonym_new_salt      (GError     **error);
/* The project's salt, created and stored (in one transaction) on first use. */
char            *sg_project_dup_pseudonym_salt (SgProject *project,
                                                GError   **error);

typedef struct _SgPseudonymizer SgPseudonymizer;

/* @salt: hex digits (as made by sg_pseudonym_new_salt()); NULL with @error if it is not. */
SgPseudonymizer *sg_pseudonymizer_new       (const char  *salt,
                                             GError     **error);
void             sg_pseudonymizer_free      (SgPseudonymizer *self);
/* The pseudonym of @value; "" for NULL or "" (a missing id stays missing). Thread-safe. */
char            *sg_pseudonymizer_apply     (SgPseudonymizer *self,
                                             const char      *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgPseudonymizer, sg_pseudonymizer_free)

G_END_DECLS
