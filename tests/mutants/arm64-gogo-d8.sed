s/^\tldp\td8, d9, \[x0, #GOBUF_REGS+80\]$/\tldr\td9, [x0, #GOBUF_REGS+88]/
