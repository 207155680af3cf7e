s/^\tmov\tGOBUF_REGS+0(%rdi), %rbx$/\tnop/
