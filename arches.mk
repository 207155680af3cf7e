# The ISAs crossrt builds and tests, in the order reports list them.  The
# Makefile includes this file and tests/lib.sh reads it: keep the one line.
ARCHES := x86_64 arm64 riscv64 s390x
