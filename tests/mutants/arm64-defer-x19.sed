s/^\tstp\tx19, x20, \[x0, #GOBUF_REGS+0\]$/\tstr\tx20, [x0, #GOBUF_REGS+8]/
