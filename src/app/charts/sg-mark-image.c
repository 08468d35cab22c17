/* sg-mark-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sg-mark-image.h"

#define SUB      4   /* sub-pixel positions per axis */
#define SAMPLES  4   /* coverage samples per pixel per axis */
#define BAND     32  /* rows per band when stamping in band order */

struct _SgMarkImage
{
  cairo_surface_t *surface;
  guint8          *pixels;
  int              stride, width, height;
  int              reach;      /* sprite cells either side of the centre pixel */
  int              size;       /* 2 × reach + 1 */
  guint8          *sprites;    /* SUB × SUB sprites of size² coverages (0..255) */
  guint8          *spans;      /* per sprite row: first and last + 1 covered cell */
  guint8           weight[256];  /* coverage → opacity at the current alpha */
  guint32          source[256];  /* opacity → the current colour premultiplied by it */
  GArray          *pending;    /* centres (x, y pairs) of the current colour, not yet stamped */
};

/* Coverage of a disc of @radius centred at (@cx, @cy) over pixel (@i, @j), by supersampling. */
static guint8
coverage (double cx,
          double cy,
          double radius,
          int    i,
          int    j)
{
  int inside = 0;

  for (int sy = 0; sy < SAMPLES; sy++)
    for (int sx = 0; sx < SAMPLES; sx++)
      {
        double dx = i + (sx + 0.5) / SAMPLES - cx, dy = j + (sy + 0.5) / SAMPLES - cy;

        inside += dx * dx + dy * dy <= radius * radius;
      }
  return (guint8) (255 * inside / (SAMPLES * SAMPLES));
}

SgMarkImage *
sg_mark_image_new (int    width,
                   int    height,
                   double radius)
{
  SgMarkImage *image = g_new0 (SgMarkImage, 1);
  gsize cells;

  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
  cairo_surface_flush (image->surface);
  image->pixels = cairo_image_surface_get_data (image->surface);
  image->stride = cairo_image_surface_get_stride (image->surface);
  image->width = cairo_image_surface_get_width (image->surface);
  image->height = cairo_image_surface_get_height (image->surface);
  radius = CLAMP (radius, 0.5, 32);
  /* The centre lies in the centre cell, so a disc of radius ≤ reach stays inside the sprite. */
  image->reach = (int) ceil (radius);
  image->size = 2 * image->reach + 1;
  cells = (gsize) image->size * image->size;
  image->pending = g_array_new (FALSE, FALSE, sizeof (float));
  image->sprites = g_new (guint8, SUB * SUB * cells);
  image->spans = g_new (guint8, SUB * SUB * image->size * 2);
  /* Sprite (ox, oy) is for a centre at offset ((ox + 0.5) / SUB, (oy + 0.5) / SUB) inside the
   * centre pixel, which is cell (reach, reach). */
  for (int oy = 0; oy < SUB; oy++)
    for (int ox = 0; ox < SUB; ox++)
      {
        guint8 *sprite = image->sprites + (oy * SUB + ox) * cells;
        double cx = image->reach + (ox + 0.5) / SUB, cy = image->reach + (oy + 0.5) / SUB;

        guint8 *spans = image->spans + (oy * SUB + ox) * image->size * 2;

        for (int j = 0; j < image->size; j++)
          {
            int first = image->size, last = 0;

            for (int i = 0; i < image->size; i++)
              {
                sprite[j * image->size + i] = coverage (cx, cy, radius, i, j);
                if (sprite[j * image->size + i] > 0)
                  {
                    first = MIN (first, i);
                    last = i + 1;
                  }
              }
            spans[2 * j] = (guint8) MIN (first, last);
            spans[2 * j + 1] = (guint8) last;
          }
      }
  return image;
}

/* (v + 127) / 255 without a division, exact for v ≤ 255 × 255. */
static inline guint32
div255 (guint32 v)
{
  v += 128;
  return (v + (v >> 8)) >> 8;
}

static void flush (SgMarkImage *image);

void
sg_mark_image_set_color (SgMarkImage *image,
                         SgRgb        color,
                         double       alpha)
{
  guint32 r = (guint32) round (CLAMP (color.red, 0, 1) * 255);
  guint32 g = (guint32) round (CLAMP (color.green, 0, 1) * 255);
  guint32 b = (guint32) round (CLAMP (color.blue, 0, 1) * 255);
  guint32 opacity = (guint32) round (CLAMP (alpha, 0, 1) * 255);

  flush (image);
  for (guint32 k = 0; k < 256; k++)
    {
      image->weight[k] = (guint8) div255 (k * opacity);
      image->source[k] = (k << 24) | (div255 (r * k) << 16) | (div255 (g * k) << 8) | div255 (b * k);
    }
}


/* @d × @inv / 255 on all four channels at once, two at a time in 16-bit lanes. */
static inline guint32
scale_pixel (guint32 d,
             guint32 inv)
{
  guint32 rb = (d & 0x00ff00ff) * inv + 0x00800080;
  guint32 ag = ((d >> 8) & 0x00ff00ff) * inv + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = ((ag + ((ag >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  return rb | (ag << 8);
}

static void
stamp (SgMarkImage *image,
       double       x,
       double       y)
{
  double fx = floor (x), fy = floor (y);
  int size = image->size, width = image->width, height = image->height;
  const guint32 *source = image->source;
  const guint8 *weight = image->weight;
  int ox, oy, x0, y0;
  const guint8 *sprite, *spans;

  ox = MIN ((int) ((x - fx) * SUB), SUB - 1);
  oy = MIN ((int) ((y - fy) * SUB), SUB - 1);
  x0 = (int) fx - image->reach;
  y0 = (int) fy - image->reach;
  sprite = image->sprites + (oy * SUB + ox) * size * size;
  spans = image->spans + (oy * SUB + ox) * size * 2;

  for (int j = MAX (0, -y0); j < size && y0 + j < height; j++)
    {
      guint32 *row = (guint32 *) (image->pixels + (gsize) (y0 + j) * image->stride) + x0;
      const guint8 *cells = sprite + j * size;
      int end = MIN (spans[2 * j + 1], width - x0);

      for (int i = MAX (spans[2 * j], -x0); i < end; i++)
        {
          guint32 a = weight[cells[i]];

          /* Premultiplied "over": source × a + destination × (1 − a). */
          row[i] = source[a] + scale_pixel (row[i], 255 - a);
        }
    }
}

void
sg_mark_image_add (SgMarkImage *image,
                   double       x,
                   double       y)
{
  float xy[2] = { (float) x, (float) y };

  if (x > -image->reach && x < image->width + image->reach && y > -image->reach
      && y < image->height + image->reach)
    g_array_append_vals (image->pending, xy, 2);
}

/* Stamps the pending discs band by band: random rows all over a large image miss the cache on
 * every disc, a band's rows stay in it. Discs of one colour blend the same in any order. */
static void
flush (SgMarkImage *image)
{
  const float *xy = (const float *) (gpointer) image->pending->data;
  gsize n = image->pending->len / 2;
  guint n_bands = (guint) (image->height + 2 * image->reach) / BAND + 1;
  g_autofree guint32 *start = NULL;
  g_autofree guint32 *order = NULL;

  if (n == 0)
    return;
  start = g_new0 (guint32, n_bands + 1);
  order = g_new (guint32, n);
  for (gsize k = 0; k < n; k++)
    start[MIN ((guint) (xy[2 * k + 1] + image->reach) / BAND, n_bands - 1) + 1]++;
  for (guint b = 0; b < n_bands; b++)
    start[b + 1] += start[b];
  for (gsize k = 0; k < n; k++)
    order[start[MIN ((guint) (xy[2 * k + 1] + image->reach) / BAND, n_bands - 1)]++] = (guint32) k;
  for (gsize k = 0; k < n; k++)
    stamp (image, xy[2 * order[k]], xy[2 * order[k] + 1]);
  g_array_set_size (image->pending, 0);
}

cairo_surface_t *
sg_mark_image_finish (SgMarkImage *image)
{
  cairo_surface_t *surface = image->surface;

  flush (image);
  g_array_unref (image->pending);

  cairo_surface_mark_dirty (surface);
  g_free (image->sprites);
  g_free (image->spans);
  g_free (image);
  return surface;
}
