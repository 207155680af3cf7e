/^\tmov\t%r15, GOBUF_REGS+32(%rax)$/d
