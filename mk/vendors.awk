# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# vendors.awk - spec/vendors.yaml -> a C table of registered vendor names.
BEGIN { print "/* Generated from spec/vendors.yaml by mk/vendors.awk; do not edit. */"
        print "static const char *const md_vendors[] = {" }
/^[a-z0-9][a-z0-9-]*:/ { sub(/:.*/, ""); printf "\t\"%s\",\n", $0 }
END { print "};" }
