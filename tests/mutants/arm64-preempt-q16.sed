s/^\tldp\tq16, q17, \[sp, #528\]$/\tldr\tq17, [sp, #544]/
