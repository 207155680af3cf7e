s/^\tldp\tx19, x20, \[base, #(off)+GOBUF_REGS+0\];/\tldr\tx20, [base, #(off)+GOBUF_REGS+8];/
