s/^\tstg\t%r15, GOBUF_SP(%r2)$/\tla\t%r0, 8(%r15)\n\tstg\t%r0, GOBUF_SP(%r2)/
