// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
// cxx.cc - the public headers compile and link as C++.
#include "mdevdesc.h"

int main()
{
	mdevdesc_file *f = nullptr;
	mdevdesc_code rc = mdevdesc_parse("", 0, nullptr, &f);
	mdevdesc_file_free(f);
	return rc == MDEVDESC_E_NO_DOCUMENT ? 0 : 1;
}
