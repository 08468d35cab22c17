/* sg-scaler.h — per-column log1p and scaling of a feature matrix, fitted once and re-applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fitting computes, per column, an optional log1p and then a centre and a scale; applying maps
 * x → (f(x) − centre) / scale with f = log1p on flagged columns (identity otherwise):
 *   zscore: centre = mean, scale = population standard deviation (ddof 0, as scikit-learn's StandardScaler)
 *   minmax: centre = min, scale = max − min (values in [0, 1] on the fitted data)
 *   robust: centre = median, scale = IQR (75th − 25th percentile, numpy's linear interpolation, as
 *           scikit-learn's RobustScaler)
 *   none:   centre 0, scale 1
 * A constant column gets scale 1 (as scikit-learn) and is flagged in @constant and @warnings.
 * Missing values (NaN) are ignored when fitting and stay NaN when applying.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-matrix.h"

G_BEGIN_DECLS

typedef enum {
  SG_SCALING_NONE,
  SG_SCALING_ZSCORE,
  SG_SCALING_MINMAX,
  SG_SCALING_ROBUST,
} SgScaling;

/* "none", "zscore", "minmax", "robust". */
const char *sg_scaling_to_string   (SgScaling   scaling);
gboolean    sg_scaling_from_string (const char *name,
                                    SgScaling  *scaling);

typedef struct {
  SgScaling  method;
  guint      n_cols;
  gboolean  *log1p;       /* n_cols */
  double    *center;      /* n_cols, in log1p units for flagged columns */
  double    *scale;       /* n_cols, never 0 */
  gboolean  *constant;    /* n_cols: the column was constant when fitted (scale set to 1) */
  GPtrArray *warnings;    /* char *: sentences for the user, one per constant column */
} SgScaler;

/* @log1p: n_cols flags, or NULL for none. Fails (naming the column, 1-based) when a flagged
 * column has a value < 0, when a column has no value at all, or when @x has no rows. */
SgScaler *sg_scaler_fit         (const SgMatrix  *x,
                                 SgScaling        method,
                                 const gboolean  *log1p,
                                 GError         **error);
/* The same on one column of values (stride apart); for tables, where columns are separate arrays.
 * @name (may be NULL) names the column in errors and warnings. */
gboolean  sg_scaler_fit_column  (SgScaler        *scaler,
                                 guint            col,
                                 const double    *values,
                                 gsize            n,
                                 gsize            stride,
                                 const char      *name,
                                 GError         **error);
/* An unfitted scaler of @n_cols columns (centre 0, scale 1) to fill with sg_scaler_fit_column(). */
SgScaler *sg_scaler_new         (SgScaling        method,
                                 guint            n_cols,
                                 const gboolean  *log1p);
/* In place. Negative values in a log1p column become NaN (log1p of < −1) or are taken as they are:
 * fitting refused them, so they only arrive with new data; see sg_scaler_check(). */
void      sg_scaler_apply       (const SgScaler  *scaler,
                                 SgMatrix        *x);
void      sg_scaler_apply_column (const SgScaler *scaler,
                                  guint           col,
                                  double         *values,
                                  gsize           n,
                                  gsize           stride);
/* FALSE (naming the column) when @x holds a value that a log1p column cannot take (< 0). */
gboolean  sg_scaler_check       (const SgScaler  *scaler,
                                 const SgMatrix  *x,
                                 GError         **error);
/* Back to the original units: x → f⁻¹(x · scale + centre). */
void      sg_scaler_inverse_row (const SgScaler  *scaler,
                                 double          *row);
JsonNode *sg_scaler_to_json     (const SgScaler  *scaler);
SgScaler *sg_scaler_from_json   (JsonNode        *node,
                                 GError         **error);
SgScaler *sg_scaler_copy        (const SgScaler  *scaler);
void      sg_scaler_free        (SgScaler        *scaler);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgScaler, sg_scaler_free)

G_END_DECLS
