/* sg-keymap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sg-keymap.h"

static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

static gsize
initial_capacity (gsize expected)
{
  gsize capacity = 16;

  while (capacity < expected * 2)
    capacity <<= 1;
  return capacity;
}

/* ---- 64-bit keys ---- */

struct _SgKeyMap {
  gsize     mask;
  guint32  *slots;    /* index + 1, 0 = empty */
  GArray   *keys;     /* guint64, by index */
};

SgKeyMap *
sg_key_map_new (gsize expected)
{
  SgKeyMap *map = g_new0 (SgKeyMap, 1);
  gsize capacity = initial_capacity (expected);

  map->mask = capacity - 1;
  map->slots = g_new0 (guint32, capacity);
  map->keys = g_array_sized_new (FALSE, FALSE, sizeof (guint64), MAX (expected, 16));
  return map;
}

void
sg_key_map_free (SgKeyMap *map)
{
  if (map == NULL)
    return;
  g_free (map->slots);
  g_array_unref (map->keys);
  g_free (map);
}

static void
key_map_grow (SgKeyMap *map)
{
  gsize capacity = (map->mask + 1) * 2;
  const guint64 *keys = (const guint64 *) map->keys->data;

  g_free (map->slots);
  map->slots = g_new0 (guint32, capacity);
  map->mask = capacity - 1;
  for (guint32 i = 0; i < map->keys->len; i++)
    {
      gsize s = mix64 (keys[i]) & map->mask;

      while (map->slots[s] != 0)
        s = (s + 1) & map->mask;
      map->slots[s] = i + 1;
    }
}

guint32
sg_key_map_insert (SgKeyMap *map,
                   guint64   key,
                   gboolean *added)
{
  const guint64 *keys = (const guint64 *) map->keys->data;
  gsize s = mix64 (key) & map->mask;
  guint32 index;

  for (;;)
    {
      guint32 slot = map->slots[s];

      if (slot == 0)
        break;
      if (keys[slot - 1] == key)
        {
          if (added != NULL)
            *added = FALSE;
          return slot - 1;
        }
      s = (s + 1) & map->mask;
    }
  index = map->keys->len;
  g_array_append_val (map->keys, key);
  map->slots[s] = index + 1;
  if ((gsize) map->keys->len * 2 > map->mask + 1)
    key_map_grow (map);
  if (added != NULL)
    *added = TRUE;
  return index;
}

guint32
sg_key_map_lookup (const SgKeyMap *map,
                   guint64         key)
{
  const guint64 *keys = (const guint64 *) map->keys->data;
  gsize s = mix64 (key) & map->mask;

  for (;;)
    {
      guint32 slot = map->slots[s];

      if (slot == 0)
        return SG_KEY_NONE;
      if (keys[slot - 1] == key)
        return slot - 1;
      s = (s + 1) & map->mask;
    }
}

guint32
sg_key_map_size (const SgKeyMap *map)
{
  return map->keys->len;
}

guint64
sg_key_map_key (const SgKeyMap *map,
                guint32         index)
{
  g_return_val_if_fail (index < map->keys->len, 0);
  return g_array_index (map->keys, guint64, index);
}

/* ---- strings ---- */

typedef struct {
  guint64     hash;
  const char *key;
} StrEntry;

struct _SgStrMap {
  gsize     mask;
  guint32  *slots;    /* index + 1, 0 = empty */
  GArray   *entries;  /* StrEntry, by index */
};

static inline guint64
hash_string (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (; *s; s++)
    h = (h ^ (guchar) *s) * G_GUINT64_CONSTANT (0x100000001b3);
  return mix64 (h);
}

SgStrMap *
sg_str_map_new (gsize expected)
{
  SgStrMap *map = g_new0 (SgStrMap, 1);
  gsize capacity = initial_capacity (expected);

  map->mask = capacity - 1;
  map->slots = g_new0 (guint32, capacity);
  map->entries = g_array_sized_new (FALSE, FALSE, sizeof (StrEntry), MAX (expected, 16));
  return map;
}

void
sg_str_map_free (SgStrMap *map)
{
  if (map == NULL)
    return;
  g_free (map->slots);
  g_array_unref (map->entries);
  g_free (map);
}

static void
str_map_grow (SgStrMap *map)
{
  gsize capacity = (map->mask + 1) * 2;
  const StrEntry *entries = (const StrEntry *) map->entries->data;

  g_free (map->slots);
  map->slots = g_new0 (guint32, capacity);
  map->mask = capacity - 1;
  for (guint32 i = 0; i < map->entries->len; i++)
    {
      gsize s = entries[i].hash & map->mask;

      while (map->slots[s] != 0)
        s = (s + 1) & map->mask;
      map->slots[s] = i + 1;
    }
}

static inline guint32
str_map_find (const SgStrMap *map,
              const char     *key,
              guint64         hash,
              gsize          *slot_out)
{
  const StrEntry *entries = (const StrEntry *) map->entries->data;
  gsize s = hash & map->mask;

  for (;;)
    {
      guint32 slot = map->slots[s];

      if (slot == 0)
        {
          *slot_out = s;
          return SG_KEY_NONE;
        }
      if (entries[slot - 1].hash == hash &&
          (entries[slot - 1].key == key || strcmp (entries[slot - 1].key, key) == 0))
        return slot - 1;
      s = (s + 1) & map->mask;
    }
}

guint32
sg_str_map_insert (SgStrMap   *map,
                   const char *key,
                   gboolean   *added)
{
  guint64 hash = hash_string (key);
  gsize s;
  guint32 index = str_map_find (map, key, hash, &s);
  StrEntry entry = { hash, key };

  if (index != SG_KEY_NONE)
    {
      if (added != NULL)
        *added = FALSE;
      return index;
    }
  index = map->entries->len;
  g_array_append_val (map->entries, entry);
  map->slots[s] = index + 1;
  if ((gsize) map->entries->len * 2 > map->mask + 1)
    str_map_grow (map);
  if (added != NULL)
    *added = TRUE;
  return index;
}

guint32
sg_str_map_lookup (const SgStrMap *map,
                   const char     *key)
{
  gsize s;

  return str_map_find (map, key, hash_string (key), &s);
}

guint32
sg_str_map_size (const SgStrMap *map)
{
  return map->entries->len;
}

const char *
sg_str_map_key (const SgStrMap *map,
                guint32         index)
{
  g_return_val_if_fail (index < map->entries->len, NULL);
  return g_array_index (map->entries, StrEntry, index).key;
}
