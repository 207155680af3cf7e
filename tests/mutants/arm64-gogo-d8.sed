s/^\tldp\td8, d9, \[base, #(off)+GOBUF_REGS+80\];/\tldr\td9, [base, #(off)+GOBUF_REGS+88];/
