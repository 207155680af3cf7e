0,/^\tldp\tx19, x20, \[x0, #GOBUF_REGS+0\]$/s//\tldr\tx20, [x0, #GOBUF_REGS+8]/
