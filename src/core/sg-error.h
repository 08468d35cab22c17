/* sg-error.h — the error domain of Segmenta's engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SG_ERROR (sg_error_quark ())

typedef enum {
  SG_ERROR_FAILED,
  SG_ERROR_IO,               /* a file could not be read or written */
  SG_ERROR_NOT_A_PROJECT,    /* the file is not a Segmenta project */
  SG_ERROR_CORRUPT,          /* the project file fails its integrity check */
  SG_ERROR_TOO_NEW,          /* written by a newer Segmenta */
  SG_ERROR_PARSE,            /* malformed input: a CSV row, a JSON recipe... */
  SG_ERROR_INVALID_ARGUMENT, /* a setting that cannot work: k > rows, unknown column... */
  SG_ERROR_NOT_FOUND,        /* no such dataset, column, run */
  SG_ERROR_DEGENERATE,       /* data the method cannot handle: constant, NaN, too few rows */
  SG_ERROR_EXISTS,           /* a name or file is already taken */
} SgError;

GQuark sg_error_quark (void);

G_END_DECLS
