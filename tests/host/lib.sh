# SPDX-License-Identifier: GPL-2.0
# Helpers for the host tests (bash): the shared ones (tests/lib.sh) with
# "ok - host: NAME" lines.
T_SUITE=host
JSONGET=${JSONGET:-build/tests/tools/jsonget}
. tests/lib.sh
