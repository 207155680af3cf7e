s/^\tldp\tx10, x11, \[sp, #80\]$/\tldr\tx11, [sp, #88]/
