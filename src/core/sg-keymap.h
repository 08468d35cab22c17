/* sg-keymap.h — open-addressing hash maps from keys to dense indices, for grouping and joining
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A key gets index 0, 1, 2… in the order it is first inserted, so grouping by a key is
 * deterministic (it follows the data's row order). SgKeyMap takes 64-bit keys (a double's bits,
 * two 32-bit indices packed, …); SgStrMap takes strings, which it does not copy: they must outlive it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SG_KEY_NONE G_MAXUINT32

typedef struct _SgKeyMap SgKeyMap;

SgKeyMap *sg_key_map_new     (gsize           expected);
void      sg_key_map_free    (SgKeyMap       *map);
/* The key's index, adding it (with the next index) if new; @added (may be NULL) says which. */
guint32   sg_key_map_insert  (SgKeyMap       *map,
                              guint64         key,
                              gboolean       *added);
/* The key's index or SG_KEY_NONE. */
guint32   sg_key_map_lookup  (const SgKeyMap *map,
                              guint64         key);
guint32   sg_key_map_size    (const SgKeyMap *map);
/* The key of index @index. */
guint64   sg_key_map_key     (const SgKeyMap *map,
                              guint32         index);

/* The bits of a double as a key, with −0 taken as 0 (NaN must not be used as a key). */
static inline guint64
sg_double_key (double value)
{
  union { double d; guint64 u; } bits;

  bits.d = value == 0 ? 0.0 : value;
  return bits.u;
}

static inline double
sg_key_double (guint64 key)
{
  union { double d; guint64 u; } bits;

  bits.u = key;
  return bits.d;
}

typedef struct _SgStrMap SgStrMap;

SgStrMap   *sg_str_map_new    (gsize           expected);
void        sg_str_map_free   (SgStrMap       *map);
guint32     sg_str_map_insert (SgStrMap       *map,
                               const char     *key,
                               gboolean       *added);
guint32     sg_str_map_lookup (const SgStrMap *map,
                               const char     *key);
guint32     sg_str_map_size   (const SgStrMap *map);
const char *sg_str_map_key    (const SgStrMap *map,
                               guint32         index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgKeyMap, sg_key_map_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgStrMap, sg_str_map_free)

G_END_DECLS
