s/^\tldp\tx19, x20, \[sp, #16\]$/\tldr\tx19, [sp, #16]/
