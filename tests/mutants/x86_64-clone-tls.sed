s/^\tmov\t%rdx, %r8$/\tmov\t%rdx, %r10/
s/^\txor\t%r10d, %r10d$/\txor\t%r8d, %r8d/
