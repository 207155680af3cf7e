s/^\tSAVEREGS(0(%rax))$/&\n\tmovq\t$0, GOBUF_REGS+32(%rax)/
