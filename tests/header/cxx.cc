// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
// cxx.cc - the public headers compile and link as C++.
#include <cstring>

#include "mdevdesc.h"

int main()
{
	static const char text[] = "mdevdesc: \"1.0\"\nvendor: test\ntype: t\n"
				   "device_api: vfio-pci\nversion: 1.0.0\n";
	mdevdesc_file *f = nullptr;
	mdevdesc_report *r = nullptr;
	mdevdesc_code rc = mdevdesc_parse("", 0, nullptr, &f);
	int bad = rc != MDEVDESC_E_NO_DOCUMENT;

	mdevdesc_file_free(f);
	f = nullptr;
	if (mdevdesc_parse(text, std::strlen(text), nullptr, &f) != MDEVDESC_OK ||
	    mdevdesc_report_new(nullptr, &r) != MDEVDESC_OK)
		bad = 1;
	else {
		const struct mdevdesc_descriptor *d = mdevdesc_doc_descriptor(mdevdesc_file_doc(f, 0));
		bad |= mdevdesc_check_compat(d, d, r) != MDEVDESC_OK ||
		       mdevdesc_report_verdict(r) != MDEVDESC_COMPATIBLE ||
		       mdevdesc_report_check(r, 0)->outcome != MDEVDESC_PASSED;
	}
	mdevdesc_report_free(r);
	mdevdesc_file_free(f);
	return bad;
}
