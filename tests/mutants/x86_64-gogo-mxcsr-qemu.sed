s/^\tldmxcsr\tGOBUF_REGS+40(%rdi)$/\tnop/
