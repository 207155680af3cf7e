s/^\tSAVEREGS(x0, 0, x1)$/&\n\tstr\txzr, [x0, #GOBUF_REGS+72]/
