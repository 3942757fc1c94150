/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* c99.c - the public headers compile as strict C99 (and c++.cc as C++). */
#include "mdevdesc.h"

int main(void)
{
	mdevdesc_limits lim = mdevdesc_limits_default();
	struct mdevdesc_descriptor d = { 0 };
	return (int)(lim.max_depth == 0) + (int)(mdevdesc_emit(&d, 0, 0) < -1);
}
