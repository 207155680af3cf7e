s/^\tstp\tx27, x28, \[x0, #GOBUF_REGS+64\]$/\tstr\tx27, [x0, #GOBUF_REGS+64]/
