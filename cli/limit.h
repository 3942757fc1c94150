/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * limit.h - setting a parser limit by name, for the tools and the
 * conformance vector runner.
 */
#ifndef MDEVDESC_CLI_LIMIT_H
#define MDEVDESC_CLI_LIMIT_H

#include "mdevdesc.h"

/* Parse "name=value" into @lim; 0 on success. */
int cli_set_limit(mdevdesc_limits *lim, const char *arg);

#endif
